//! The copy sketch of a passage: MinHash over word 3-shingles of its folded words,
//! banded for lookup through the inverted index (locality-sensitive hashing).
//!
//! Why MinHash and not SimHash: a copy here is a lightly edited paragraph (a changed
//! dateline, a word or a clause more), Jaccard similarity 0.7–0.95 of its shingles. On a
//! paragraph of 40–200 shingles SimHash puts such pairs 6–15 bits apart out of 64,
//! where unrelated paragraphs start: its bands would find copies only by scanning
//! thousands of candidates. MinHash estimates the Jaccard similarity itself, and banded
//! it finds candidates by term lookup: [`BANDS`] terms of two minima each, so a pair at
//! Jaccard J shares at least one term with probability 1 − (1 − J²)^BANDS (0.995 at
//! 0.7, 0.9999 at 0.8; 0.5 at 0.3). A search's hits take as candidates the passages
//! sharing two terms or more (0.96 at 0.7, 0.996 at 0.8: see `query::copies`), which
//! are then checked on their text ([`jaccard`] of [`shingles`]).
//!
//! Every hash here is written out (FNV-1a and SplitMix64), not taken from `std`, whose
//! hashers may change between releases: the bands are stored in the index.

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;

/// Band terms per passage.
pub const BANDS: usize = 8;
/// Minimum hashes per band.
const ROWS: usize = 2;
/// Words per shingle.
const SHINGLE: usize = 3;
/// The least Jaccard similarity of two passages' shingles for them to be copies: a
/// paragraph and its copy with a changed dateline or a clause more stay above it; a
/// paragraph and one that quotes one of its two sentences (0.5) fall below.
pub const COPY_JACCARD: f64 = 0.7;

/// Mixes 64 bits (SplitMix64's finaliser): every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over the words of a shingle, a separator after each word.
fn hash_words<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h)
}

/// The folded words of a text, one after another in one buffer (a sketch is made for
/// every passage indexed, so not a string per word).
#[derive(Default)]
struct Words {
    text: String,
    ends: Vec<usize>,
}

impl Words {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// The folded words of a text: lower case, accents off, no punctuation, so that two
/// copies differing in spacing, quotes or dashes have the same words.
fn words(text: &str) -> Words {
    thread_local! {
        static FOLD: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(analysis::fold_analyzer());
    }
    let mut words = Words { text: String::with_capacity(text.len()), ends: Vec::new() };
    FOLD.with(|f| {
        f.borrow_mut().token_stream(text).process(&mut |token| {
            words.text.push_str(&token.text);
            words.ends.push(words.text.len());
        })
    });
    words
}

/// The hashed word 3-shingles of a text, sorted, each once; a text of fewer words
/// is one shingle of all of them; empty for a text without words.
pub fn shingles(text: &str) -> Vec<u64> {
    let words = words(text);
    if words.len() == 0 {
        return Vec::new();
    }
    let size = SHINGLE.min(words.len());
    let mut out: Vec<u64> =
        (0..=words.len() - size).map(|i| hash_words((i..i + size).map(|j| words.get(j)))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The Jaccard similarity of two sorted shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// The band terms of a shingle set: each the hash of its band number and two minima of
/// independent hash functions; empty for an empty set.
pub fn bands_of(shingles: &[u64]) -> Vec<u64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    (0..BANDS)
        .map(|band| {
            let mut h = mix(band as u64 + 1);
            for row in 0..ROWS {
                let seed = mix(((band * ROWS + row) as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                let min = shingles.iter().map(|s| mix(s ^ seed)).min().unwrap_or(0);
                h = mix(h ^ min);
            }
            h
        })
        .collect()
}

/// The band terms of a text (see [`bands_of`]).
pub fn bands(text: &str) -> Vec<u64> {
    bands_of(&shingles(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "The defence ministry said on Tuesday that two battalions had \
        been moved to the northern border after a week of shelling near the river crossing, \
        and that air defence units would follow before the end of the month.";

    #[test]
    fn shingles_hash_each_run_of_three_folded_words() {
        let words = ["the", "defence", "ministry", "said"];
        let expected: Vec<u64> = {
            let mut v: Vec<u64> = words.windows(3).map(|w| hash_words(w.iter().copied())).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(shingles("The défence-ministry SAID"), expected);
        assert_eq!(shingles("Two words"), vec![hash_words(["two", "words"].into_iter())]);
        assert!(shingles("— …").is_empty());
        assert_ne!(hash_words(["ab", "c"].into_iter()), hash_words(["a", "bc"].into_iter()));
    }

    #[test]
    fn spacing_case_and_punctuation_do_not_change_a_sketch() {
        let other = "THE  defence ministry said, on Tuesday, that two battalions had been moved \
            to the northern border -- after a week of shelling near the river crossing; and \
            that air defence units would follow before the end of the month";
        assert_eq!(shingles(PARAGRAPH), shingles(other));
        assert_eq!(bands(PARAGRAPH), bands(other));
        assert_eq!(bands(PARAGRAPH).len(), BANDS);
    }

    #[test]
    fn a_changed_dateline_keeps_a_copy_above_the_threshold() {
        let copy = format!("KYIV, March 3 (Wire) - {PARAGRAPH}");
        let j = jaccard(&shingles(PARAGRAPH), &shingles(&copy));
        assert!(j >= COPY_JACCARD, "{j}");
        let shared = bands(PARAGRAPH).iter().filter(|b| bands(&copy).contains(b)).count();
        assert!(shared > 0);
    }

    #[test]
    fn a_shared_sentence_is_not_a_copy() {
        let other = "The defence ministry said on Tuesday that two battalions had been moved \
            to the northern border. Farmers in the valley asked for compensation for the \
            fields lost to the trenches, and the regional council promised an answer soon.";
        let j = jaccard(&shingles(PARAGRAPH), &shingles(other));
        assert!(j < COPY_JACCARD, "{j}");
    }

    #[test]
    fn no_words_no_sketch() {
        assert!(bands(" -- ... ").is_empty());
        assert_eq!(jaccard(&[], &[1]), 0.0);
        assert_eq!(shingles("one two").len(), 1);
    }

    #[test]
    fn the_hashes_are_fixed() {
        // The bands are stored in indexes: a change here needs a new layout version.
        assert_eq!(mix(1), 6_238_072_747_940_578_789);
        assert_eq!(bands("Troops crossed the river.")[0], 4_869_547_294_279_880_267);
    }
}
