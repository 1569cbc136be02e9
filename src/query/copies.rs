//! Copies collapsed: a paragraph syndicated or lightly edited across documents is one
//! hit, its best-ranked copy, which lists where else it appears.
//!
//! The copies of a passage are found by its copy sketch (see [`crate::store::sketch`]):
//! the passages holding its bands' keys are looked up in the whole index (not only
//! among the ranked hits, so that the count is complete), those sharing its bands are
//! candidates, and a candidate is a copy when [`sketch::is_copy`] says so on their texts: the Jaccard
//! similarity of their word 3-shingles reaches [`COPY_JACCARD`], and they are not two
//! paragraphs that share one sentence and each add their own. A candidate that shares
//! a single band is left (a chance collision, see [`MIN_SHARED`]); the first
//! [`MAX_CHECKED`] of the others (most bands shared first) are checked on their text,
//! and past them one whose every band agrees is taken without loading it (a paragraph
//! of boilerplate repeated a thousand times).
//!
//! Folding is greedy in rank order: a hit that is a copy of a better-ranked one is
//! dropped from the list and counted in that one's [`Copies`].

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

use super::QueryContext;
use crate::error::Result;
use crate::record::Record;
#[cfg(doc)]
use crate::store::sketch::COPY_JACCARD;
use crate::store::sketch::{self, BANDS};
use crate::store::SegmentColumns;

/// Candidates checked on their text, per passage.
pub const MAX_CHECKED: usize = 64;
/// The fewest bands a candidate must share to be checked. A copy at the least
/// similarity ([`COPY_JACCARD`], 0.7) shares two or more with probability 0.96 (each
/// band agrees with probability J² = 0.49), 0.996 at 0.8; a candidate sharing one band
/// is a chance collision of two common shingles: on UNGDC, of 2,680 such candidates
/// checked for the top ten of 80 questions, none was a copy (the most similar at 0.38).
const MIN_SHARED: usize = 2;
/// Copies listed per hit (all are counted).
pub const MAX_LISTED: usize = 100;
/// The most ranked passages read to fill a page of distinct hits.
const MAX_FETCH: usize = 4 * crate::options::MAX_LIMIT;

/// Where else a hit's paragraph appears.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Copies {
    /// Copies in the index, this passage aside.
    pub total: u64,
    /// Documents holding a copy, the hit's own document aside.
    pub documents: u64,
    /// The first `MAX_LISTED` copies, oldest document date first, then by id.
    pub listed: Vec<Copy>,
}

/// One copy of a hit's paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Copy {
    /// The copy's passage id (`DOC#N`).
    pub id: String,
    /// Its document.
    pub doc: String,
    /// Its file.
    pub file: String,
    /// Its source.
    pub source: String,
    /// Its document date.
    pub date: Option<String>,
}

impl Copy {
    /// Shows the paths as [`Record::show_paths`] does.
    pub fn show_paths(&mut self) {
        let mut r = Record {
            id: std::mem::take(&mut self.id),
            doc: std::mem::take(&mut self.doc),
            file: std::mem::take(&mut self.file),
            source: std::mem::take(&mut self.source),
            ..Record::default()
        };
        r.show_paths();
        (self.id, self.doc, self.file, self.source) = (r.id, r.doc, r.file, r.source);
    }
}

/// A ranked passage and the copies folded into it.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) score: Score,
    pub(crate) addr: DocAddress,
    /// The copies, the passage aside, wherever they rank.
    pub(crate) copies: Vec<DocAddress>,
}

impl Group {
    /// A passage with no copies folded into it.
    pub(crate) fn alone(score: Score, addr: DocAddress) -> Group {
        Group { score, addr, copies: Vec::new() }
    }
}

/// The best `limit` distinct passages: `fetch(n)` gives the best `n` ranked passages;
/// more are fetched while copies folded away leave the page short. A group lists only
/// the copies `within` lets through (the search's filters): a copy dated outside
/// `--since` is not one of the hits asked for.
pub(crate) fn collapse(
    ctx: &QueryContext,
    limit: usize,
    within: Option<&dyn Query>,
    fetch: impl Fn(usize) -> Result<Vec<(Score, DocAddress)>>,
) -> Result<Vec<Group>> {
    let mut n = limit.saturating_mul(2).max(limit + 10);
    loop {
        let ranked = fetch(n)?;
        let groups = fold(ctx, &ranked, limit, within)?;
        if groups.len() >= limit || ranked.len() < n || n >= MAX_FETCH {
            return Ok(groups);
        }
        n = n.saturating_mul(4).min(MAX_FETCH);
    }
}

/// Folds the copies of better-ranked passages into them, keeping `limit` groups.
fn fold(
    ctx: &QueryContext,
    ranked: &[(Score, DocAddress)],
    limit: usize,
    within: Option<&dyn Query>,
) -> Result<Vec<Group>> {
    let scores: HashMap<DocAddress, Score> = ranked.iter().map(|&(s, a)| (a, s)).collect();
    let mut folded: HashSet<DocAddress> = HashSet::new();
    let mut groups = Vec::with_capacity(limit);
    for &(score, addr) in ranked {
        if groups.len() == limit {
            break;
        }
        if folded.contains(&addr) {
            continue;
        }
        // A copy an earlier group claimed is listed there only: every passage is in one
        // group, so the hits' copy counts add up to the totals.
        let copies: Vec<DocAddress> =
            copies_of(ctx, addr, within)?.into_iter().filter(|c| !folded.contains(c)).collect();
        folded.extend(copies.iter().copied());
        folded.insert(addr);
        let tied: Vec<DocAddress> =
            copies.iter().copied().filter(|c| scores.get(c) == Some(&score)).collect();
        let shown = first_listed(ctx, addr, &tied);
        let copies = if shown == addr { copies } else { swapped(copies, shown, addr) };
        groups.push(Group { score, addr: shown, copies });
    }
    Ok(groups)
}

/// Of a passage and its copies that rank equal with it, the one shown: the first in the
/// order copies are listed (oldest document date, then id), so that which copy stands
/// for the group does not depend on how the index is laid out in segments.
fn first_listed(ctx: &QueryContext, addr: DocAddress, tied: &[DocAddress]) -> DocAddress {
    if tied.is_empty() {
        return addr;
    }
    let key = |a: &DocAddress| {
        let c = copy_at(&ctx.columns, *a);
        (c.date.is_none(), c.date, c.id)
    };
    std::iter::once(addr).chain(tied.iter().copied()).min_by_key(key).unwrap_or(addr)
}

/// `copies` with `shown` taken out and `ranked` put in, sorted.
fn swapped(mut copies: Vec<DocAddress>, shown: DocAddress, ranked: DocAddress) -> Vec<DocAddress> {
    copies.retain(|c| *c != shown);
    copies.push(ranked);
    copies.sort();
    copies
}

/// Every copy of the passage at `addr` in the index that `within` lets through, itself
/// aside.
pub(crate) fn copies_of(
    ctx: &QueryContext,
    addr: DocAddress,
    within: Option<&dyn Query>,
) -> Result<Vec<DocAddress>> {
    let bands = bands_at(ctx, addr);
    let keys = shared_keys(ctx, &bands)?;
    if keys.len() < MIN_SHARED {
        return Ok(Vec::new());
    }
    let mut candidates = ctx.searcher.search(key_query(ctx, &keys, within).as_ref(), &Scored)?;
    candidates.retain(|&(keys_shared, a)| a != addr && keys_shared as usize >= MIN_SHARED);
    // A key holds the bands of other passages too: the bands themselves are compared.
    for (shared, candidate) in &mut candidates {
        *shared = bands_shared(&bands, &bands_at(ctx, *candidate)) as Score;
    }
    candidates.retain(|&(shared, _)| shared as usize >= MIN_SHARED);
    super::merge::best_first(&mut candidates);
    let mut own = None;
    let mut copies = Vec::new();
    let mut checked = 0;
    for (shared, candidate) in candidates {
        // Checked on their text while the budget lasts; past it, every band agreeing
        // (16 minima) is a copy but for odds of 1 in 10^4 at Jaccard 0.5.
        let copy = if checked < MAX_CHECKED {
            checked += 1;
            let (text, shingles) = match &own {
                Some(own) => own,
                None => own.insert(with_shingles(text_at(ctx, addr)?)),
            };
            let (other, other_shingles) = with_shingles(text_at(ctx, candidate)?);
            sketch::is_copy(text, shingles, &other, &other_shingles)
        } else {
            shared as usize >= BANDS
        };
        if copy {
            copies.push(candidate);
        }
    }
    copies.sort();
    Ok(copies)
}

/// A text with its shingles.
pub(crate) fn with_shingles(text: String) -> (String, Vec<u64>) {
    let shingles = sketch::shingles(&text);
    (text, shingles)
}

/// The bands of the passage at `addr`, read from the `copy` fast column.
fn bands_at(ctx: &QueryContext, addr: DocAddress) -> Vec<u64> {
    let Some(column) = ctx.columns.get(addr.segment_ord as usize).and_then(|c| c.copy.as_ref()) else {
        return Vec::new();
    };
    column.values_for_doc(addr.doc_id).collect()
}

/// How many of `theirs` are among `ours` (a passage's bands are distinct but by chance).
fn bands_shared(ours: &[u64], theirs: &[u64]) -> usize {
    theirs.iter().filter(|b| ours.contains(b)).count()
}

/// The keys of `bands` that another passage holds too, each once. In an index of up to
/// some tens of thousands of passages a key is mostly one passage's, and a look in the
/// term dictionary (document frequency 1) spares opening its posting lists; in a large
/// one (UNGDC: about ten passages a key) nearly every key passes, and the bands
/// compared in the column do the sorting.
fn shared_keys(ctx: &QueryContext, bands: &[u64]) -> Result<Vec<u64>> {
    let field = ctx.store.fields().copy_key;
    let mut keys: Vec<u64> = bands.iter().map(|b| sketch::band_key(*b)).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut shared = Vec::with_capacity(keys.len());
    for key in keys {
        if ctx.searcher.doc_freq(&Term::from_field_u64(field, key))? > 1 {
            shared.push(key);
        }
    }
    Ok(shared)
}

/// The passages holding keys of `keys` that `within` lets through, scored by how many
/// keys they hold.
fn key_query(ctx: &QueryContext, keys: &[u64], within: Option<&dyn Query>) -> Box<dyn Query> {
    let field = ctx.store.fields().copy_key;
    let clauses = keys
        .iter()
        .map(|k| {
            let term = TermQuery::new(Term::from_field_u64(field, *k), IndexRecordOption::Basic);
            (Occur::Should, Box::new(ConstScoreQuery::new(Box::new(term), 1.0)) as Box<dyn Query>)
        })
        .collect();
    let keyed: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    match within {
        None => keyed,
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, keyed),
            (Occur::Must, Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0))),
        ])),
    }
}

/// The stored text of a passage.
pub(crate) fn text_at(ctx: &QueryContext, addr: DocAddress) -> Result<String> {
    let doc: TantivyDocument = ctx.searcher.doc(addr)?;
    Ok(ctx.store.fields().to_record(&doc).text)
}

/// Where the copies are, read from fast fields (no stored document is loaded): their
/// count, their documents other than `own_doc`, and the first [`MAX_LISTED`].
pub(crate) fn describe(ctx: &QueryContext, copies: &[DocAddress], own_doc: &str) -> Copies {
    let mut all: Vec<Copy> = copies.iter().map(|a| copy_at(&ctx.columns, *a)).collect();
    let documents: HashSet<&str> = all.iter().map(|c| c.doc.as_str()).filter(|d| *d != own_doc).collect();
    let documents = documents.len() as u64;
    all.sort_by(|a, b| {
        let undated = a.date.is_none().cmp(&b.date.is_none());
        undated.then(a.date.cmp(&b.date)).then_with(|| id_order(&a.id).cmp(&id_order(&b.id)))
    });
    all.truncate(MAX_LISTED);
    Copies { total: copies.len() as u64, documents, listed: all }
}

/// A passage id `DOC#N` in reading order: by document, then paragraph number
/// (`#9` before `#10`).
fn id_order(id: &str) -> (&str, u64, &str) {
    match id.rsplit_once('#') {
        Some((doc, n)) => (doc, n.parse().unwrap_or(u64::MAX), n),
        None => (id, 0, ""),
    }
}

/// The copy at `addr`, described from its segment's fast columns.
fn copy_at(columns: &[SegmentColumns], addr: DocAddress) -> Copy {
    let Some(columns) = columns.get(addr.segment_ord as usize) else { return Copy::default() };
    let doc = addr.doc_id;
    let doc_key = value(&columns.doc, doc).unwrap_or_default();
    let paragraph = columns.paragraph.as_ref().and_then(|c| c.first(doc)).unwrap_or_default();
    Copy {
        id: format!("{doc_key}#{paragraph}"),
        file: value(&columns.file, doc).unwrap_or_default(),
        source: value(&columns.source, doc).unwrap_or_default(),
        date: value(&columns.date, doc),
        doc: doc_key,
    }
}

/// The first value of a string column for a document.
fn value(col: &Option<StrColumn>, doc: DocId) -> Option<String> {
    let col = col.as_ref()?;
    let ord = col.term_ords(doc).next()?;
    let mut out = String::new();
    col.ord_to_str(ord, &mut out).ok()?;
    Some(out)
}

/// Collects every match with its score.
struct Scored;

/// The matches of one segment.
struct SegmentScored {
    ord: SegmentOrdinal,
    found: Vec<(Score, DocAddress)>,
}

impl Collector for Scored {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentScored;

    fn for_segment(&self, ord: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<SegmentScored> {
        Ok(SegmentScored { ord, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScored {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.found.push((score, DocAddress::new(self.ord, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::id_order;

    #[test]
    fn copies_list_in_reading_order() {
        let mut ids = ["a.txt#10", "a.txt#9", "b.txt#1", "a.txt#100"];
        ids.sort_by_key(|id| id_order(id));
        assert_eq!(ids, ["a.txt#9", "a.txt#10", "a.txt#100", "b.txt#1"]);
    }
}
