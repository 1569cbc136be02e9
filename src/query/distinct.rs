//! Copies among a query's matches, counted once: the totals and facets of a search
//! count a paragraph and its copies as one passage, as the hit list shows them.
//!
//! The hit list checks each shown passage's copies on their text (see [`super::copies`]);
//! a count over every match cannot load them all. The listed hits come first: each is
//! a group of its own, counted under its own source, language and year, and its listed
//! copies are taken out, so that the totals never count fewer passages than the list
//! shows. Every other match is then a copy of an earlier one (in index order) when
//! they share at least [`COUNTED_BANDS`] of their [`BANDS`] sketch bands, read from the
//! `copy` fast column, and, for the first [`MAX_VERIFIED`] such pairs, when the list's
//! own test says so on their texts ([`sketch::is_copy`]: the same figures, names and
//! negations); past those, when they share every band, as the hit list takes a copy past
//! its own checks. Two passages at Jaccard similarity J share each band with probability
//! J², so at least half of them with probability 0.94 at J = 0.85 (a changed dateline),
//! 0.48 at J = 0.7 (the copy threshold) and 0.11 at J = 0.5 (a shared sentence of two).
//!
//! A match is compared with the groups already seen through each of its bands; a band
//! remembers its first [`GROUPS_PER_BAND`] groups, so that a paragraph repeated a
//! thousand times costs what one does. Above [`MAX_FOLDED`] matches only the listed
//! copies are taken out: the bands' hash table outgrows the caches. Unbounded, a search
//! of `peace security development` on UNGDC (167,397 matches) took 150–170 ms
//! (`examples/startup`), 64 % of `perf` samples in folding; with a
//! bound of 20,000, `search + snippets` in `briefs bench` took p90 12 ms against 7 ms
//! at 5,000 (200 questions of `speed-queries-en.tsv`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::DocAddress;

use super::copies::{text_at, with_shingles, Group};
use super::count::Matches;
use super::QueryContext;
use crate::error::Result;
use crate::store::sketch::{self, BANDS};

/// Bands two passages must share to count as copies: half of them.
pub const COUNTED_BANDS: usize = BANDS / 2;
/// Groups remembered per band value.
const GROUPS_PER_BAND: usize = 4;
/// The most matches whose copies are folded in the counts.
pub const MAX_FOLDED: u64 = 5_000;
/// Copies by their bands checked on their texts per search (a stored passage read for
/// each); past them, a copy must share every band.
pub const MAX_VERIFIED: usize = 64;

/// The matches with every copy of an earlier match taken out, the hit list's `groups`
/// first (above [`MAX_FOLDED`] matches, only the listed copies).
pub(crate) fn distinct<'m>(
    ctx: &QueryContext,
    matches: &'m Matches,
    groups: &[Group],
) -> Result<Cow<'m, Matches>> {
    if matches.len() > MAX_FOLDED {
        // Too many to fold; the listed copies are known, and taken out all the same.
        let mut kept = matches.clone();
        groups.iter().flat_map(|g| &g.copies).for_each(|a| kept.remove(a.segment_ord, a.doc_id));
        return Ok(Cow::Owned(kept));
    }
    let mut kept = matches.clone();
    let mut counter = Counter::new(ctx, matches.len() as usize);
    let mut listed = HashSet::new();
    for group in groups {
        counter.start(group.addr);
        listed.insert(group.addr);
        for copy in &group.copies {
            kept.remove(copy.segment_ord, copy.doc_id);
            listed.insert(*copy);
        }
    }
    for (seg, docs) in matches.segments() {
        for doc in docs {
            let addr = DocAddress::new(seg, doc);
            if !listed.contains(&addr) && counter.is_copy(addr)? {
                kept.remove(seg, doc);
            }
        }
    }
    Ok(Cow::Owned(kept))
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

/// The groups of one count: who stands for each, and the texts read to check copies.
struct Counter<'c> {
    ctx: &'c QueryContext<'c>,
    seen: Seen,
    /// The first passage of each group, by group number.
    firsts: Vec<DocAddress>,
    /// The text and shingles of the groups' first passages read so far.
    texts: HashMap<u32, (String, Vec<u64>)>,
    verified: usize,
    /// The bands of the passage at hand.
    bands: Vec<u64>,
}

impl<'c> Counter<'c> {
    fn new(ctx: &'c QueryContext<'c>, passages: usize) -> Self {
        let seen = Seen::with_capacity(passages);
        Counter {
            ctx,
            seen,
            firsts: Vec::new(),
            texts: HashMap::new(),
            verified: 0,
            bands: Vec::with_capacity(BANDS),
        }
    }

    /// The bands of the passage at `addr`, read from the `copy` fast column into
    /// `bands` (one buffer for every match: a count reads up to [`MAX_FOLDED`]).
    fn read_bands(&self, addr: DocAddress, bands: &mut Vec<u64>) {
        bands.clear();
        let column = self.ctx.columns.get(addr.segment_ord as usize).and_then(|c| c.copy.as_ref());
        if let Some(column) = column {
            bands.extend(column.values_for_doc(addr.doc_id));
        }
    }

    /// Starts a group with the passage at `addr`.
    fn start(&mut self, addr: DocAddress) {
        let mut bands = std::mem::take(&mut self.bands);
        self.read_bands(addr, &mut bands);
        self.seen.start(&bands);
        self.firsts.push(addr);
        self.bands = bands;
    }

    /// Whether the passage at `addr` copies a group seen; if not, it starts one. Past
    /// [`MAX_VERIFIED`] checks, a copy must share every band, as the hit list takes one
    /// past its own checks (see [`super::copies`]).
    fn is_copy(&mut self, addr: DocAddress) -> Result<bool> {
        let mut bands = std::mem::take(&mut self.bands);
        self.read_bands(addr, &mut bands);
        let copy = self.copies_a_group(addr, &bands);
        if !matches!(copy, Ok(true)) {
            self.seen.start(&bands);
            self.firsts.push(addr);
        }
        self.bands = bands;
        copy
    }

    /// Whether the passage at `addr`, of these bands, copies a group seen.
    fn copies_a_group(&mut self, addr: DocAddress, bands: &[u64]) -> Result<bool> {
        let mut copy = false;
        let mut own: Option<(String, Vec<u64>)> = None;
        for (group, shared) in self.seen.groups_of(bands) {
            if self.verified >= MAX_VERIFIED {
                copy = shared >= bands.len();
                break;
            }
            self.verified += 1;
            let own = match &own {
                Some(own) => own,
                None => own.insert(with_shingles(text_at(self.ctx, addr)?)),
            };
            if self.same_paragraph(group, own)? {
                copy = true;
                break;
            }
        }
        Ok(copy)
    }

    /// Whether a passage (its text and shingles) is a copy of the first of `group`.
    fn same_paragraph(&mut self, group: u32, (other, other_shingles): &(String, Vec<u64>)) -> Result<bool> {
        let ctx = self.ctx;
        let first = self.firsts[group as usize];
        let (text, shingles) = match self.texts.entry(group) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(with_shingles(text_at(ctx, first)?)),
        };
        Ok(sketch::is_copy(text, shingles, other, other_shingles))
    }
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

    /// The groups a passage with these bands may copy, with how many bands each shares,
    /// most first: those it shares at least [`COUNTED_BANDS`] of them with (all of them,
    /// when it has fewer).
    fn groups_of(&self, bands: &[u64]) -> Vec<(u32, usize)> {
        if bands.is_empty() {
            return Vec::new();
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
        let mut found: Vec<(u32, usize)> = shared[..distinct]
            .iter()
            .copied()
            .filter(|(_, n)| *n >= COUNTED_BANDS.min(bands.len()))
            .collect();
        found.sort_by_key(|&(g, n)| (std::cmp::Reverse(n), g));
        found
    }

    /// Starts the next group with a passage of these bands.
    fn start(&mut self, bands: &[u64]) {
        let group = self.groups;
        self.groups += 1;
        for band in bands {
            let slots = self.by_band.entry(*band).or_insert([NONE; GROUPS_PER_BAND]);
            if let Some(free) = slots.iter_mut().find(|g| **g == NONE) {
                *free = group;
            }
        }
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
        let mut is_copy = |bands: &[u64]| {
            let found = seen.groups_of(bands);
            if found.is_empty() {
                seen.start(bands);
            }
            !found.is_empty()
        };
        assert!(!is_copy(&[1, 2, 3, 4, 5, 6, 7, 8]));
        assert!(is_copy(&[1, 2, 3, 4, 5, 6, 7, 8]), "the same sketch");
        assert!(is_copy(&[1, 2, 3, 4, 15, 16, 17, 18]), "half the bands");
        assert!(!is_copy(&[1, 2, 3, 24, 25, 26, 27, 28]), "three of eight");
        assert!(!is_copy(&[]), "no words, no copies");
        assert!(!is_copy(&[]));
    }
}
