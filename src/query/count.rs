//! How many passages and documents matched, and the facets of the matches: the set of
//! matching passages is collected as one bitset per segment (the language parts are
//! OR-ed, so a passage found by two parts counts once), then tallied from fast fields.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The matching passages of one query: per segment, a bitset of document ids.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    segments: BTreeMap<SegmentOrdinal, Vec<u64>>,
}

impl Matches {
    /// Adds another part's matches.
    pub(crate) fn union(&mut self, other: Matches) {
        for (ord, bits) in other.segments {
            let mine = self.segments.entry(ord).or_default();
            if mine.len() < bits.len() {
                mine.resize(bits.len(), 0);
            }
            mine.iter_mut().zip(bits).for_each(|(a, b)| *a |= b);
        }
    }

    /// Every matching document id, segment by segment.
    fn docs(&self) -> impl Iterator<Item = (SegmentOrdinal, DocId)> + '_ {
        self.segments.iter().flat_map(|(ord, bits)| {
            bits.iter().enumerate().flat_map(move |(w, word)| {
                (0..64).filter(move |b| word >> b & 1 == 1).map(move |b| (*ord, (w * 64 + b) as DocId))
            })
        })
    }
}

/// Collects the matching passages of a query (no scoring).
pub(crate) struct MatchCollector;

/// The matches of one segment.
pub(crate) struct SegmentMatches {
    ord: SegmentOrdinal,
    bits: Vec<u64>,
}

impl Collector for MatchCollector {
    type Fruit = Matches;
    type Child = SegmentMatches;

    fn for_segment(&self, ord: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches { ord, bits: vec![0; (reader.max_doc() as usize).div_ceil(64)] })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Matches>) -> tantivy::Result<Matches> {
        let mut all = Matches::default();
        fruits.into_iter().for_each(|f| all.union(f));
        Ok(all)
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Matches;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.bits[doc as usize / 64] |= 1 << (doc % 64);
    }

    fn harvest(self) -> Matches {
        Matches { segments: BTreeMap::from([(self.ord, self.bits)]) }
    }
}

/// How many passages and documents matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Matching passages.
    pub passages: u64,
    /// Distinct documents among them.
    pub documents: u64,
}

/// Counts of matching passages per language, source and year, largest first (ties in
/// name order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Per language code.
    pub lang: Vec<(String, u64)>,
    /// Per source.
    pub source: Vec<(String, u64)>,
    /// Per year of the document date (undated passages are not counted).
    pub year: Vec<(String, u64)>,
}

/// The string columns read for one segment.
struct Columns {
    doc: Option<StrColumn>,
    lang: Option<StrColumn>,
    source: Option<StrColumn>,
    date: Option<StrColumn>,
}

fn columns(reader: &SegmentReader) -> Columns {
    let col = |name: &str| reader.fast_fields().str(name).ok().flatten();
    Columns { doc: col("doc"), lang: col("lang"), source: col("source"), date: col("date") }
}

/// The first value of a string column for a document.
fn value(col: &Option<StrColumn>, doc: DocId) -> Option<String> {
    let col = col.as_ref()?;
    let ord = col.term_ords(doc).next()?;
    let mut out = String::new();
    col.ord_to_str(ord, &mut out).ok()?;
    Some(out)
}

/// The `limit` newest matches by document date (undated last), ties by address.
pub(crate) fn newest(searcher: &Searcher, matches: &Matches, limit: usize) -> Vec<DocAddress> {
    let cols: Vec<Option<StrColumn>> =
        searcher.segment_readers().iter().map(|r| r.fast_fields().str("date").ok().flatten()).collect();
    let mut dated: Vec<(Option<String>, DocAddress)> = matches
        .docs()
        .map(|(ord, doc)| (value(&cols[ord as usize], doc), DocAddress::new(ord, doc)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    dated.into_iter().take(limit).map(|(_, a)| a).collect()
}

/// How many matches have no date.
pub(crate) fn undated(searcher: &Searcher, matches: &Matches) -> u64 {
    let cols: Vec<Option<StrColumn>> =
        searcher.segment_readers().iter().map(|r| r.fast_fields().str("date").ok().flatten()).collect();
    matches.docs().filter(|(ord, doc)| value(&cols[*ord as usize], *doc).is_none()).count() as u64
}

/// Counts the matches, and their facets when asked.
pub(crate) fn tally(searcher: &Searcher, matches: &Matches, facets: bool) -> (Totals, Option<Facets>) {
    let readers = searcher.segment_readers();
    let cols: Vec<Columns> = readers.iter().map(columns).collect();
    let mut docs: HashSet<String> = HashSet::new();
    let mut counts: [BTreeMap<String, u64>; 3] = Default::default();
    let mut passages = 0;
    for (ord, doc) in matches.docs() {
        let c = &cols[ord as usize];
        passages += 1;
        if let Some(d) = value(&c.doc, doc) {
            docs.insert(d);
        }
        if facets {
            count(&mut counts[0], value(&c.lang, doc));
            count(&mut counts[1], value(&c.source, doc).filter(|s| !s.is_empty()));
            count(&mut counts[2], value(&c.date, doc).and_then(|d| d.get(..4).map(str::to_string)));
        }
    }
    let totals = Totals { passages, documents: docs.len() as u64 };
    let [lang, source, year] = counts.map(ranked);
    (totals, facets.then_some(Facets { lang, source, year }))
}

fn count(map: &mut BTreeMap<String, u64>, key: Option<String>) {
    if let Some(k) = key {
        *map.entry(k).or_default() += 1;
    }
}

fn ranked(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
