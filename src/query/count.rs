//! How many passages and documents matched, and the facets of the matches: the set of
//! matching passages is collected as one bitset per segment (the language parts are
//! OR-ed, so a passage found by two parts counts once), then tallied from fast fields.
//!
//! Values are counted by their ordinal in each segment's column dictionary and turned
//! into text once per distinct value, in ordinal order: the dictionaries are compressed
//! in blocks, so reading a value per matching passage costs a block decompression each
//! (most of a search's time on a common word, before).

use std::collections::BTreeMap;
#[cfg(test)]
use std::collections::HashSet;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::store::SegmentColumns;

/// The matching passages of one query: per segment, a bitset of document ids.
#[derive(Debug, Default, Clone)]
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

    /// The matching document ids of each segment, in order.
    pub(crate) fn segments(
        &self,
    ) -> impl Iterator<Item = (SegmentOrdinal, impl Iterator<Item = DocId> + '_)> + '_ {
        self.segments.iter().map(|(ord, bits)| (*ord, set_bits(bits)))
    }

    /// Every matching document id, segment by segment.
    #[cfg(test)]
    fn docs(&self) -> impl Iterator<Item = (SegmentOrdinal, DocId)> + '_ {
        self.segments().flat_map(|(ord, docs)| docs.map(move |d| (ord, d)))
    }

    /// Takes a passage out.
    pub(crate) fn remove(&mut self, seg: SegmentOrdinal, doc: DocId) {
        if let Some(word) = self.segments.get_mut(&seg).and_then(|b| b.get_mut(doc as usize / 64)) {
            *word &= !(1u64 << (doc % 64));
        }
    }

    /// How many passages match.
    pub(crate) fn len(&self) -> u64 {
        self.segments.values().flatten().map(|w| u64::from(w.count_ones())).sum()
    }
}

/// The positions of the set bits, in order.
fn set_bits(bits: &[u64]) -> impl Iterator<Item = DocId> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let b = rest.trailing_zeros();
                rest &= rest - 1;
                (w * 64) as DocId + b
            })
        })
    })
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
    /// Matching passages, a paragraph and its copies counted once (unless every copy
    /// is asked for; see `query::distinct`).
    pub passages: u64,
    /// Distinct documents holding a match, copies included.
    pub documents: u64,
    /// Further copies of the passages counted, not in `passages`.
    pub copies: u64,
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

impl Facets {
    /// Shows the sources that are folders as hits show them: relative to the working
    /// directory when under it (see [`crate::Record::show_paths`]).
    pub fn show_paths(&mut self) {
        self.source.iter_mut().for_each(|(s, _)| *s = crate::ingest::paths::shown(s));
    }
}

/// A string fast field of one segment.
fn column<'c>(columns: &'c [SegmentColumns], seg: u32, name: &str) -> Option<&'c StrColumn> {
    columns.get(seg as usize)?.text(name)
}

/// The ordinal of a document's first value in a column.
fn first_ord(col: &StrColumn, doc: DocId) -> Option<u64> {
    col.term_ords(doc).next()
}

/// Per distinct value of `col` among `docs`, how many of them hold it (first values only;
/// documents without a value are not counted), in ordinal order.
fn ord_counts(col: &StrColumn, docs: impl Iterator<Item = DocId>) -> Vec<(u64, u64)> {
    let mut counts = vec![0u64; col.num_terms()];
    for ord in docs.filter_map(|d| first_ord(col, d)) {
        if let Some(n) = counts.get_mut(ord as usize) {
            *n += 1;
        }
    }
    counts.into_iter().enumerate().filter(|(_, n)| *n > 0).map(|(o, n)| (o as u64, n)).collect()
}

/// The text of each counted ordinal, read in one pass over the dictionary; values that
/// are not text are skipped, as a value that cannot be read was before.
fn named(col: &StrColumn, counts: &[(u64, u64)]) -> Vec<(String, u64)> {
    let ords: Vec<u64> = counts.iter().map(|(o, _)| *o).collect();
    let mut names = Vec::with_capacity(ords.len());
    let read = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        names.push(std::str::from_utf8(bytes).ok().map(str::to_string));
    });
    if read.is_err() {
        return Vec::new();
    }
    names.into_iter().zip(counts).filter_map(|(name, (_, n))| Some((name?, *n))).collect()
}

/// The `limit` newest matches by document date (undated last), ties by address.
///
/// Within a segment, ordinals sort as the dates do, so each segment's `limit` newest are
/// found by ordinal and only those dates are read.
pub(crate) fn newest(
    columns: &[SegmentColumns],
    matches: &Matches,
    limit: usize,
) -> Vec<(Option<String>, DocAddress)> {
    let mut dated: Vec<(Option<String>, DocAddress)> = Vec::new();
    for (seg, docs) in matches.segments() {
        let col = column(columns, seg, "date");
        let mut ranked: Vec<(Option<u64>, DocId)> =
            docs.map(|d| (col.and_then(|c| first_ord(c, d)), d)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(limit);
        dated.extend(ranked.into_iter().map(|(o, d)| {
            let date = o.and_then(|o| col.and_then(|c| date_of(c, o)));
            (date, DocAddress::new(seg, d))
        }));
    }
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    dated.truncate(limit);
    dated
}

/// The text of one ordinal (a handful per query, for the date sort).
fn date_of(col: &StrColumn, ord: u64) -> Option<String> {
    let mut out = String::new();
    col.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

/// How many matches have no date.
pub(crate) fn undated(columns: &[SegmentColumns], matches: &Matches) -> u64 {
    let mut count = 0;
    for (seg, docs) in matches.segments() {
        match column(columns, seg, "date") {
            Some(col) => count += docs.filter(|d| first_ord(col, *d).is_none()).count() as u64,
            None => count += docs.count() as u64,
        }
    }
    count
}

/// Counts the matches, and their facets when asked.
pub(crate) fn tally(
    columns: &[SegmentColumns],
    matches: &Matches,
    counted: &Matches,
    facets: bool,
) -> (Totals, Option<Facets>) {
    // Distinct keys per segment: a document's live passages all lie in one segment (the
    // writer adds and deletes them as one group, and keys are unique, see `ingest::ids`).
    let mut documents = 0;
    for (seg, docs) in matches.segments() {
        if let Some(col) = column(columns, seg, "doc") {
            documents += ord_counts(col, docs).len() as u64;
        }
    }
    let mut counts: [BTreeMap<String, u64>; 3] = Default::default();
    for (seg, docs) in counted.segments() {
        let docs: Vec<DocId> = docs.collect();
        if facets {
            for (i, name) in ["lang", "source", "date"].into_iter().enumerate() {
                let Some(col) = column(columns, seg, name) else { continue };
                for (value, n) in named(col, &ord_counts(col, docs.iter().copied())) {
                    let key = match name {
                        "source" => Some(value).filter(|s| !s.is_empty()),
                        "date" => value.get(..4).map(str::to_string),
                        _ => Some(value),
                    };
                    if let Some(k) = key {
                        *counts[i].entry(k).or_default() += n;
                    }
                }
            }
        }
    }
    let passages = counted.len();
    let copies = matches.len().saturating_sub(passages);
    let totals = Totals { passages, documents, copies };
    let [lang, source, year] = counts.map(ranked);
    (totals, facets.then_some(Facets { lang, source, year }))
}

fn ranked(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_columns;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index, IndexWriter, Searcher};

    /// An index of three segments of several-passage documents, some passages undated.
    /// A document lies in one segment, as the writer adds it.
    fn index() -> Index {
        let mut b = Schema::builder();
        let (docf, lang, source, date) = (
            b.add_text_field("doc", STRING | FAST),
            b.add_text_field("lang", STRING | FAST),
            b.add_text_field("source", STRING | FAST),
            b.add_text_field("date", STRING | FAST),
        );
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut n = 0u32;
        for segment in 0..3 {
            for _ in 0..70 + segment * 13 {
                n += 1;
                let mut d = doc!(docf => format!("s{segment}d{}", n / 9), lang => ["en", "fr", "de"][(n % 3) as usize]);
                if !n.is_multiple_of(5) {
                    d.add_text(date, format!("{}-0{}", 1990 + n % 7, 1 + n % 9));
                }
                if !n.is_multiple_of(4) {
                    d.add_text(source, ["", "UN", "NATO"][(n % 3) as usize]);
                }
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
        }
        index
    }

    /// The matches of every other passage.
    fn some(searcher: &Searcher) -> Matches {
        let mut all = searcher.search(&AllQuery, &MatchCollector).unwrap();
        all.segments.values_mut().flatten().for_each(|w| *w &= 0x5555_5555_5555_5555);
        all
    }

    /// A column's value for a document, read one by one: the plain way the tallies must
    /// agree with.
    fn value(searcher: &Searcher, name: &str, (seg, doc): (SegmentOrdinal, DocId)) -> Option<String> {
        let col = searcher.segment_reader(seg).fast_fields().str(name).ok().flatten()?;
        date_of(&col, first_ord(&col, doc)?)
    }

    #[test]
    fn tallies_agree_with_reading_every_passage() {
        let searcher = index().reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let matches = some(&searcher);
        let (totals, facets) = tally(&open_columns(&searcher), &matches, &matches, true);
        let docs: Vec<(SegmentOrdinal, DocId)> = matches.docs().collect();
        let names: HashSet<String> = docs.iter().filter_map(|d| value(&searcher, "doc", *d)).collect();
        assert_eq!(totals, Totals { passages: docs.len() as u64, documents: names.len() as u64, copies: 0 });
        let mut expected: [BTreeMap<String, u64>; 3] = Default::default();
        for d in &docs {
            let keys = [
                value(&searcher, "lang", *d),
                value(&searcher, "source", *d).filter(|s| !s.is_empty()),
                value(&searcher, "date", *d).and_then(|v| v.get(..4).map(str::to_string)),
            ];
            for (map, key) in expected.iter_mut().zip(keys) {
                key.into_iter().for_each(|k| *map.entry(k).or_default() += 1);
            }
        }
        let [lang, source, year] = expected.map(ranked);
        assert_eq!(facets, Some(Facets { lang, source, year }));
        let undated_plain = docs.iter().filter(|d| value(&searcher, "date", **d).is_none()).count();
        assert_eq!(undated(&open_columns(&searcher), &matches), undated_plain as u64);
        assert!(undated_plain > 0);
    }

    #[test]
    fn newest_agrees_with_sorting_every_passage() {
        let searcher = index().reader().unwrap().searcher();
        let matches = some(&searcher);
        let mut all: Vec<(Option<String>, DocAddress)> =
            matches.docs().map(|d| (value(&searcher, "date", d), DocAddress::new(d.0, d.1))).collect();
        all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for limit in [1, 7, 40, all.len() + 3] {
            let expected: Vec<DocAddress> = all.iter().take(limit).map(|(_, a)| *a).collect();
            assert_eq!(
                newest(&open_columns(&searcher), &matches, limit)
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect::<Vec<_>>(),
                expected,
                "limit {limit}"
            );
        }
    }

    #[test]
    fn one_segment_counts_documents_by_ordinal() {
        let searcher = index().reader().unwrap().searcher();
        let mut matches = some(&searcher);
        matches.segments.retain(|ord, _| *ord == 1);
        let docs: HashSet<String> = matches.docs().filter_map(|d| value(&searcher, "doc", d)).collect();
        assert_eq!(tally(&open_columns(&searcher), &matches, &matches, false).0.documents, docs.len() as u64);
    }
}
