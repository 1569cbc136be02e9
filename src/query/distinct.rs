//! Copies among a query's matches, counted once: the totals and facets of a search
//! count a paragraph and its copies as one passage, as the hit list shows them.
//!
//! The hit list checks each shown passage's copies on their text (see [`super::copies`]);
//! a count over every match cannot load them all. Here a match is a copy of an earlier
//! one (in index order) when they share at least [`COUNTED_BANDS`] of their
//! [`BANDS`] sketch bands, read from the `copy` fast column. Two passages at Jaccard
//! similarity J share each band with probability J², so at least half of them with
//! probability 0.94 at J = 0.85 (a changed dateline), 0.48 at J = 0.7 (the copy
//! threshold) and 0.11 at J = 0.5 (a shared sentence of two): the counts are an
//! estimate that agrees with the hit list on exact and lightly edited copies.
//!
//! A match is compared with the groups already seen through each of its bands; a band
//! remembers its first [`GROUPS_PER_BAND`] groups, so that a paragraph repeated a
//! thousand times costs what one does. Above [`MAX_FOLDED`] matches nothing is folded
//! (every match counts): the bands' hash table outgrows the caches. Unbounded, a search
//! of `peace security development` on UNGDC (167,397 matches) took 150–170 ms
//! (`examples/startup`), 64 % of `perf` samples in folding; with a
//! bound of 20,000, `search + snippets` in `briefs bench` took p90 12 ms against 7 ms
//! at 5,000 (200 questions of `speed-queries-en.tsv`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::copies::Group;
use super::count::Matches;
use crate::store::sketch::BANDS;
use crate::store::SegmentColumns;

/// Bands two passages must share to count as copies: half of them.
pub const COUNTED_BANDS: usize = BANDS / 2;
/// Groups remembered per band value.
const GROUPS_PER_BAND: usize = 2;
/// The most matches whose copies are folded in the counts.
pub const MAX_FOLDED: u64 = 5_000;

/// The matches with every copy of an earlier match taken out (all of them above
/// [`MAX_FOLDED`]).
pub(crate) fn distinct<'m>(columns: &[SegmentColumns], matches: &'m Matches) -> Cow<'m, Matches> {
    if matches.len() > MAX_FOLDED {
        return Cow::Borrowed(matches);
    }
    let mut kept = matches.clone();
    let mut seen = Seen::with_capacity(matches.len() as usize);
    for (seg, docs) in matches.segments() {
        let Some(column) = columns.get(seg as usize).and_then(|c| c.copy.as_ref()) else { continue };
        let mut bands: Vec<u64> = Vec::with_capacity(BANDS);
        for doc in docs {
            bands.clear();
            bands.extend(column.values_for_doc(doc));
            if seen.is_copy(&bands) {
                kept.remove(seg, doc);
            }
        }
    }
    Cow::Owned(kept)
}

/// The matches as the hit list folded them, when it saw them all: every match is a
/// listed passage or one of its copies. Then the totals count what the list shows,
/// copies found on their text included, instead of the bands' estimate.
pub(crate) fn as_listed(matches: &Matches, groups: &[Group]) -> Option<Matches> {
    // Fewer listed than matching: the list did not see them all (the usual case).
    let listed: u64 = groups.iter().map(|g| 1 + g.copies.len() as u64).sum();
    if listed < matches.len() {
        return None;
    }
    let mut kept = matches.clone();
    groups.iter().flat_map(|g| &g.copies).for_each(|a| kept.remove(a.segment_ord, a.doc_id));
    (kept.len() == groups.len() as u64).then_some(kept)
}

/// No group: an empty slot of [`Seen::by_band`].
const NONE: u32 = u32::MAX;

/// The groups seen so far, by band value: the first [`GROUPS_PER_BAND`] groups of each
/// (inline, so that a passage costs no allocation).
#[derive(Default)]
struct Seen {
    by_band: HashMap<u64, [u32; GROUPS_PER_BAND], BuildHasherDefault<BandHasher>>,
    groups: u32,
}

impl Seen {
    /// Room for the bands of `passages` passages.
    fn with_capacity(passages: usize) -> Seen {
        let by_band = HashMap::with_capacity_and_hasher(passages * BANDS, Default::default());
        Seen { by_band, groups: 0 }
    }

    /// Whether a passage with these bands copies a group seen; if not, it starts one.
    fn is_copy(&mut self, bands: &[u64]) -> bool {
        if bands.is_empty() {
            return false;
        }
        let mut shared = [(NONE, 0usize); BANDS * GROUPS_PER_BAND];
        let mut distinct = 0;
        for slots in bands.iter().filter_map(|b| self.by_band.get(b)) {
            for &group in slots.iter().filter(|g| **g != NONE) {
                match shared[..distinct].iter().position(|(g, _)| *g == group) {
                    Some(i) => shared[i].1 += 1,
                    None if distinct < shared.len() => {
                        shared[distinct] = (group, 1);
                        distinct += 1;
                    }
                    None => {}
                }
            }
        }
        if shared[..distinct].iter().any(|(_, n)| *n >= COUNTED_BANDS.min(bands.len())) {
            return true;
        }
        let group = self.groups;
        self.groups += 1;
        for band in bands {
            let slots = self.by_band.entry(*band).or_insert([NONE; GROUPS_PER_BAND]);
            if let Some(free) = slots.iter_mut().find(|g| **g == NONE) {
                *free = group;
            }
        }
        false
    }
}

/// Band values are already well-mixed hashes (see `store::sketch`): used as they are.
#[derive(Default)]
struct BandHasher(u64);

impl Hasher for BandHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_sharing_half_the_bands_of_an_earlier_one_is_its_copy() {
        let mut seen = Seen::default();
        assert!(!seen.is_copy(&[1, 2, 3, 4, 5, 6, 7, 8]));
        assert!(seen.is_copy(&[1, 2, 3, 4, 5, 6, 7, 8]), "the same sketch");
        assert!(seen.is_copy(&[1, 2, 3, 4, 15, 16, 17, 18]), "half the bands");
        assert!(!seen.is_copy(&[1, 2, 3, 24, 25, 26, 27, 28]), "three of eight");
        assert!(!seen.is_copy(&[]), "no words, no copies");
        assert!(!seen.is_copy(&[]));
    }
}
