//! The copy sketch of a passage: MinHash over word 3-shingles of its folded words,
//! banded for lookup through the inverted index (locality-sensitive hashing), each band
//! by its [`band_key`].
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

use crate::analysis;

/// Band terms per passage.
pub const BANDS: usize = 8;
/// Minimum hashes per band.
const ROWS: usize = 2;
/// Bits of a band's key, the term a band is looked up by (see [`band_key`]).
pub const KEY_BITS: u32 = 18;

/// The key a band is indexed under: its top [`KEY_BITS`] bits. A term per band value
/// made eight random terms per passage, most of the term dictionary (19 MB a segment
/// of UNGDC against 2.6 MB with keys) and of the time spent building it; keys are at
/// most 2^18 terms, each holding the passages of a few bands. A passage's bands are
/// kept whole in the `copy` fast column, and what shares a key is compared there
/// (`query::copies`).
///
/// ```
/// assert_eq!(briefs::store::sketch::band_key(u64::MAX), (1 << 18) - 1);
/// assert_eq!(briefs::store::sketch::band_key(1 << 46), 1);
/// ```
pub fn band_key(band: u64) -> u64 {
    band >> (64 - KEY_BITS)
}

/// Words per shingle.
const SHINGLE: usize = 3;
/// The least Jaccard similarity of two passages' shingles for them to be copies: a
/// paragraph and its copy with a changed dateline or a clause more stay above it; a
/// paragraph and one that quotes one of its two sentences (0.5) fall below.
pub const COPY_JACCARD: f64 = 0.7;

/// Mixes 64 bits (SplitMix64's finaliser): every input bit moves every output bit.
fn mix(z: u64) -> u64 {
    mix_const(z)
}

const fn mix_const(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A folded word's hash: FNV-1a over its bytes, mixed.
fn hash_word(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The hash of a shingle from its words' hashes, each turned by its place, so that
/// the same words in another order are another shingle; each word is hashed once, not
/// once per shingle it is in.
fn hash_shingle(words: &[u64]) -> u64 {
    mix(words.iter().enumerate().fold(0, |h, (i, w)| h ^ w.rotate_left(21 * i as u32)))
}

/// The hashes of the folded words of a text: lower case, accents off, no punctuation,
/// so that two copies differing in spacing, quotes or dashes have the same words.
fn words(text: &str) -> Vec<u64> {
    let mut words = Vec::with_capacity(text.len() / 6);
    analysis::for_each_folded_word(text, |word| words.push(hash_word(word)));
    words
}

/// The hashed word 3-shingles of a text, sorted, each once; a text of fewer words
/// is one shingle of all of them; empty for a text without words. A wire dateline at
/// the start (`KYIV, April 9 (Reuters) -`) is left out: it is what copies change.
pub fn shingles(text: &str) -> Vec<u64> {
    shingles_of_words(without_dateline(text))
}

fn shingles_of_words(text: &str) -> Vec<u64> {
    let words = words(text);
    if words.is_empty() {
        return Vec::new();
    }
    let size = SHINGLE.min(words.len());
    let mut out: Vec<u64> = words.windows(size).map(hash_shingle).collect();
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

/// The bands of a shingle set: each the hash of its band number and two minima of
/// independent hash functions; empty for an empty set.
pub fn bands_of(shingles: &[u64]) -> Vec<u64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut minima = [u64::MAX; BANDS * ROWS];
    for s in shingles {
        for (min, seed) in minima.iter_mut().zip(&SEEDS) {
            *min = (*min).min((s ^ seed.0).wrapping_mul(seed.1));
        }
    }
    minima
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| rows.iter().fold(mix(band as u64 + 1), |h, m| mix(h ^ m)))
        .collect()
}

/// The hash functions of the minima, one per row of each band: `(s ^ a) · b`, with `b`
/// odd, a permutation of the (already mixed) shingle hashes; one multiplication where a
/// full mix took two (the sketch of every passage indexed was a tenth of indexing).
const SEEDS: [(u64, u64); BANDS * ROWS] = seeds();

const fn seeds() -> [(u64, u64); BANDS * ROWS] {
    let mut out = [(0, 0); BANDS * ROWS];
    let mut i = 0;
    while i < out.len() {
        let a = mix_const((i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let b = mix_const(a ^ 0xd6e8_feb8_6659_fd93) | 1;
        out[i] = (a, b);
        i += 1;
    }
    out
}

/// Characters a dateline runs to, at most, before its dash.
const DATELINE_CHARS: usize = 60;

/// `text` without a wire dateline at its start: a place in capitals (`KYIV`, `NEW
/// YORK`), then optionally a date or region and an agency in brackets, then a dash
/// (`KYIV, April 9 (Reuters) - `, `LONDON (AFP) — `); or a capitalised place,
/// optionally a date, then an agency in brackets (`Berlin (dpa) - `, `Kyiv, 6 March
/// (Reuters) - `), as some wires write it; or a place, a full stop and an agency
/// (`KYIV. Reuters - `, `Київ. Укрінформ — `). Anything else is kept whole.
pub fn without_dateline(text: &str) -> &str {
    let head = crate::text::cut_at_char_boundary(text, DATELINE_CHARS);
    let Some((dash, len)) = dateline_dash(head) else { return text };
    let before = head[..dash].trim_end();
    let place: String = before.chars().take_while(|c| !matches!(c, ',' | '(')).collect();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = place.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let tail_ok = !before.contains(['.', ';', ':', '!', '?']);
    // The alias lookup last: every passage with a dash near its start comes here.
    let capitalised = || {
        !capitals
            && tail_ok
            && dated(&before[place.len()..])
            && bracketed_name(before).is_some()
            && is_place(&place)
    };
    let dateline = letters >= 2 && (capitals && tail_ok || capitalised()) || agency_after_stop(before);
    match dateline {
        true => text[dash + len..].trim_start(),
        false => text,
    }
}

/// Whether what follows a dateline's place up to its agency in brackets is nothing or
/// a date (`, 6 March `, `, March 6 `): a clause has no digit, or more words.
fn dated(between: &str) -> bool {
    let Some(date) = between.split('(').next() else { return false };
    let date = date.trim();
    let words = date.trim_start_matches(',').split_whitespace().count();
    date.is_empty() || date.starts_with(',') && date.contains(|c: char| c.is_ascii_digit()) && words <= 3
}

/// `PLACE. Agency` (`KYIV. Reuters`, `Київ. Укрінформ`): a place in capitals or a
/// capitalised one, a full stop, then one or two capitalised words.
fn agency_after_stop(before: &str) -> bool {
    let Some((place, agency)) = before.split_once(". ") else { return false };
    let words: Vec<&str> = agency.split_whitespace().collect();
    let agency_ok = (1..=2).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-'));
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let place_ok = letters >= 2 && place.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    let capitals = place.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    agency_ok && place_ok && (capitals || is_known_place(place))
}

/// Whether the alias table knows `text` as a place (`Kyiv`, `Київ`): a capitalised word
/// before a full stop is more often an abbreviation (`Gen. Syrskyi -`, `St. Petersburg
/// -`) than a dateline's place.
fn is_known_place(text: &str) -> bool {
    let entity = crate::aliases::Aliases::builtin().lookup(text.trim());
    entity.is_some_and(|e| ["city:", "country:", "region:"].iter().any(|k| e.id.starts_with(k)))
}

/// The first dash after a space or a bracket (`(Reuters) - `, `(Reuters) -Russian`,
/// `(AFP)—`) and the length of its run of dashes; a hyphen inside a word is none. Or a
/// full stop or colon right after an agency in brackets (`KYIV, 2 Oct (AFP). `), which
/// some wires write instead.
fn dateline_dash(head: &str) -> Option<(usize, usize)> {
    let is_dash = |c: char| matches!(c, '-' | '–' | '—');
    let mut before = None;
    for (i, c) in head.char_indices() {
        if is_dash(c) && matches!(before, Some(' ' | ')')) {
            return Some((i, head[i..].chars().take_while(|d| is_dash(*d)).map(char::len_utf8).sum()));
        }
        if matches!(c, '.' | ':') && before == Some(')') && after_an_agency(&head[..i]) {
            return Some((i, 1));
        }
        before = Some(c);
    }
    None
}

/// Whether `head` ends with a wire agency's name in brackets (`(AFP)`, `(Reuters)`): a
/// capitalised word or two, not a clause.
fn after_an_agency(head: &str) -> bool {
    bracketed_name(head).is_some_and(|inside| inside.starts_with(char::is_uppercase))
}

/// Whether `text` may be a dateline's place: capitalised words (`Berlin`, `New York`,
/// `Izmail`), not a person the alias table knows (`Zelensky (Reuters) -` opens a
/// sentence about him).
fn is_place(text: &str) -> bool {
    let capitalised = text.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    let person =
        crate::aliases::Aliases::builtin().lookup(text.trim()).is_some_and(|e| e.id.starts_with("person:"));
    capitalised && !person
}

/// Wire agencies whose names are written in lower case.
const LOWER_CASE_AGENCIES: [&str; 5] = ["dpa", "apa", "ats", "sda", "epd"];

/// The name in the brackets `head` ends with: one or two capitalised words
/// (`(Reuters)`, `(РИА Новости)`) or an agency written in lower case (`(dpa)`), not a
/// clause (`(and Paris)`, `(pictured)`).
fn bracketed_name(head: &str) -> Option<&str> {
    let inside = head.strip_suffix(')')?.rsplit_once('(')?.1;
    let words = inside.split_whitespace().count();
    let capitalised = inside.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    let name = ((1..=2).contains(&words) && capitalised || LOWER_CASE_AGENCIES.contains(&inside))
        && inside.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    name.then_some(inside)
}

/// Words a sentence needs to count as one of a paragraph's own (fewer: a dateline, a
/// byline, "Note.").
const OWN_SENTENCE_WORDS: usize = 4;

/// Whether two passages whose shingles are `a` and `b` (texts `a_text`, `b_text`) are
/// copies: Jaccard similarity at least [`COPY_JACCARD`], and not two paragraphs that
/// share one sentence and each add one of its own (the same long sentence quoted, then
/// different comments), which a long shared sentence lifts above the threshold, nor two
/// that say otherwise (a negation, another name: see `store::otherwise`).
pub fn is_copy(a_text: &str, a: &[u64], b_text: &str, b: &[u64]) -> bool {
    jaccard(a, b) >= COPY_JACCARD
        && !only_a_sentence_shared(a_text, a, b_text, b)
        && !super::otherwise::says_otherwise(without_dateline(a_text), without_dateline(b_text))
}

fn only_a_sentence_shared(a_text: &str, a: &[u64], b_text: &str, b: &[u64]) -> bool {
    let (a_shared, a_own) = sentences_held(a_text, b);
    let (b_shared, b_own) = sentences_held(b_text, a);
    a_own > 0 && b_own > 0 && a_shared.min(b_shared) <= 1
}

/// How many sentences of `text` the other passage's shingles `other` hold (half of a
/// sentence's shingles or more), and how many of [`OWN_SENTENCE_WORDS`] words or more
/// it does not.
fn sentences_held(text: &str, other: &[u64]) -> (usize, usize) {
    let (mut shared, mut own) = (0, 0);
    for sentence in sentences(without_dateline(text)) {
        let words = words(sentence).len();
        let shingles = shingles_of_words(sentence);
        if shingles.is_empty() {
            continue;
        }
        let held = shingles.iter().filter(|s| other.binary_search(s).is_ok()).count();
        if 2 * held >= shingles.len() {
            shared += 1;
        } else if words >= OWN_SENTENCE_WORDS {
            own += 1;
        }
    }
    (shared, own)
}

/// The sentences of a text: cut after `.`, `!`, `?` or `…` followed by a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.trim().is_empty() {
            return None;
        }
        let cut = rest
            .char_indices()
            .zip(rest.chars().skip(1))
            .find(|((_, c), next)| matches!(c, '.' | '!' | '?' | '…') && next.is_whitespace())
            .map_or(rest.len(), |((i, c), _)| i + c.len_utf8());
        let (sentence, tail) = rest.split_at(cut);
        rest = tail;
        Some(sentence)
    })
}

/// The bands of a text (see [`bands_of`]).
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
        let hashes = |words: &[&str]| -> Vec<u64> { words.iter().map(|w| hash_word(w)).collect() };
        let words = hashes(&["the", "defence", "ministry", "said"]);
        let expected: Vec<u64> = {
            let mut v: Vec<u64> = words.windows(3).map(hash_shingle).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(shingles("The défence-ministry SAID"), expected);
        assert_eq!(shingles("Two words"), vec![hash_shingle(&hashes(&["two", "words"]))]);
        assert!(shingles("— …").is_empty());
        assert_ne!(hash_shingle(&hashes(&["ab", "c"])), hash_shingle(&hashes(&["a", "bc"])));
        assert_ne!(hash_shingle(&hashes(&["a", "b", "c"])), hash_shingle(&hashes(&["c", "b", "a"])));
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
    fn one_long_sentence_shared_then_different_comments_is_not_a_copy() {
        let a = format!("{PARAGRAPH} Critics called the plan unaffordable.");
        let b = format!("{PARAGRAPH} The prime minister praised it warmly.");
        let (sa, sb) = (shingles(&a), shingles(&b));
        assert!(jaccard(&sa, &sb) >= COPY_JACCARD, "the Jaccard test alone would fold them");
        assert!(!is_copy(&a, &sa, &b, &sb));
        // A sentence more in one copy only, or in each of copies sharing more than one
        // sentence, keeps them copies.
        let c = format!("{PARAGRAPH} Critics called the plan unaffordable. It was approved.");
        let d = format!("{PARAGRAPH} Critics called the plan unaffordable. Nobody voted against it.");
        assert!(is_copy(&a, &sa, &c, &shingles(&c)));
        assert!(is_copy(&c, &shingles(&c), &d, &shingles(&d)));
    }

    #[test]
    fn a_wire_dateline_is_not_part_of_the_sketch() {
        for dated in [
            format!("KYIV, April 9 (Reuters) - {PARAGRAPH}"),
            format!("NEW YORK (AP) — {PARAGRAPH}"),
            format!("LONDON -- {PARAGRAPH}"),
            format!("КИЇВ, 9 квітня (Укрінформ) – {PARAGRAPH}"),
            format!("KYIV, March 3 (Reuters) -{PARAGRAPH}"),
            format!("LONDON (AFP)—{PARAGRAPH}"),
            format!("KYIV, 2 Oct (AFP). {PARAGRAPH}"),
            format!("BRUSSELS (Reuters): {PARAGRAPH}"),
            format!("Berlin (dpa) - {PARAGRAPH}"),
            format!("New York (AP) — {PARAGRAPH}"),
            format!("Kyiv, 6 March (Reuters) - {PARAGRAPH}"),
            format!("Kyiv, March 6 (Interfax-Ukraine) - {PARAGRAPH}"),
            format!("KYIV. Reuters - {PARAGRAPH}"),
            format!("Kyiv. Ukrinform - {PARAGRAPH}"),
            format!("КИЇВ. Укрінформ — {PARAGRAPH}"),
        ] {
            assert_eq!(shingles(&dated), shingles(PARAGRAPH), "{dated}");
        }
        for kept in [
            "Troops moved - and then stopped.",
            "NATO said - and others agreed.",
            "In Kyiv - on Monday - it rained.",
            "UK-FRENCH TALKS in Paris ended without a deal.",
            "NATO (the alliance). It met on Monday.",
            "Berlin (and Paris) - both agreed on Monday.",
            "Germany said (Reuters reported) - and others agreed.",
            "Zelensky (pictured) - the president said he would stay.",
            "Zelensky (Reuters) - the president said he would stay.",
            "Berlin, he said (Reuters) - both agreed on Monday.",
            "Zelensky, 6 March (Reuters) - the president said he would stay.",
            "It rained. Then - on Monday - it stopped.",
            "Kyiv. Troops were moved - and then stopped.",
            "Gen. Syrskyi - the commander said he would stay.",
        ] {
            assert_eq!(without_dateline(kept), kept);
        }
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
        assert_eq!(bands("Troops crossed the river.")[0], 17_899_370_123_682_086_400);
    }

    #[test]
    fn the_minima_agree_as_often_as_the_sets_overlap() {
        // Pairs of 100-shingle sets sharing 80 (Jaccard 80/120): each minimum agrees with
        // probability J, and a band of two with J².
        let (mut agreeing, mut rows, mut bands_shared) = (0, 0, 0);
        for pair in 0..400u64 {
            let shared: Vec<u64> = (0..80).map(|i| mix(pair * 1000 + i)).collect();
            let own = |side: u64| -> Vec<u64> {
                let mut v = shared.clone();
                v.extend((0..20).map(|i| mix(pair * 1000 + 500 + side * 100 + i)));
                v
            };
            let (a, b) = (own(0), own(1));
            for seed in SEEDS {
                let min = |v: &[u64]| v.iter().map(|s| (s ^ seed.0).wrapping_mul(seed.1)).min();
                agreeing += usize::from(min(&a) == min(&b));
                rows += 1;
            }
            bands_shared += bands_of(&a).iter().zip(bands_of(&b)).filter(|(x, y)| **x == *y).count();
        }
        let j = 80.0 / 120.0;
        let share = agreeing as f64 / rows as f64;
        assert!((share - j).abs() < 0.03, "minima agree {share:.3}, Jaccard {j:.3}");
        let band_share = bands_shared as f64 / (400 * BANDS) as f64;
        assert!((band_share - j * j).abs() < 0.04, "bands agree {band_share:.3}, J² {:.3}", j * j);
    }
}
