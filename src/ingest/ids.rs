//! Unique JSON-lines ids: a document whose id is already used — earlier in the run, or
//! by another file in the index — gets the first free `ID~N` (N from 2), with a warning
//! naming both places, so that both documents stay reachable.
//!
//! What is "already used" is read from two places: the ids given since the last commit
//! (in memory, so memory stays bounded by the commit size), and the index as of the last
//! commit, leaving out the passages of files replaced since then (their old ids are
//! about to go).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::paths::shown;
use super::read::SourceDoc;
use crate::error::Result;
use crate::schema::Fields;
use crate::store::Store;

/// Where an id is in use: the file's key and the line.
type Place = (Arc<str>, Option<u64>);

/// The ids in use while an indexing run writes.
pub(super) struct Ids {
    /// Ids given since the last commit.
    recent: HashMap<String, Place>,
    /// Files whose passages were deleted since the last commit.
    stale: HashSet<String>,
    /// Whether every passage was deleted since the last commit (`--full`).
    all_stale: bool,
    /// The next suffix to try per clashing id, so that many copies of one id cost
    /// one lookup each.
    next: HashMap<String, u64>,
    searcher: Searcher,
}

impl Ids {
    pub(super) fn new(store: &Store) -> Ids {
        let searcher = store.searcher();
        let (recent, stale, next) = (HashMap::new(), HashSet::new(), HashMap::new());
        Ids { recent, stale, all_stale: false, next, searcher }
    }

    /// After a commit: the index now holds what was in memory.
    pub(super) fn committed(&mut self, store: &Store) -> Result<()> {
        store.reload()?;
        self.searcher = store.searcher();
        self.recent.clear();
        self.stale.clear();
        self.all_stale = false;
        Ok(())
    }

    /// How many ids were given since the last commit.
    pub(super) fn uncommitted(&self) -> usize {
        self.recent.len()
    }

    /// Notes that every passage was deleted.
    pub(super) fn replaced_all(&mut self) {
        self.all_stale = true;
    }

    /// Notes that a file's passages were deleted (it is being replaced or removed).
    pub(super) fn replaced(&mut self, file: &str) {
        self.stale.insert(file.to_string());
    }

    /// Gives `doc` an id unused in the index; returns the warning when it had to change.
    pub(super) fn make_unique(
        &mut self,
        fields: &Fields,
        doc: &mut SourceDoc,
        file: &Arc<str>,
    ) -> Option<String> {
        let base = doc.key.clone();
        let mut clash = None;
        while let Some(place) = self.holder(fields, &doc.key) {
            clash.get_or_insert(place);
            let n = self.next.entry(base.clone()).or_insert(2);
            doc.key = format!("{base}~{n}");
            *n += 1;
        }
        self.recent.insert(doc.key.clone(), (file.clone(), doc.line));
        let (other, line) = clash?;
        Some(format!(
            "{}: id {base:?} is already used at {}; this document is indexed as {:?}",
            at(file, doc.line),
            at(&other, line),
            doc.key
        ))
    }

    /// Where `id` is in use, if it is.
    fn holder(&self, fields: &Fields, id: &str) -> Option<Place> {
        if let Some(place) = self.recent.get(id) {
            return Some(place.clone());
        }
        if self.all_stale {
            return None;
        }
        let term = Term::from_field_text(fields.doc, id);
        if self.searcher.doc_freq(&term).unwrap_or(0) == 0 {
            return None;
        }
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let Ok(inverted) = segment.inverted_index(fields.doc) else { continue };
            let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::Basic) else {
                continue;
            };
            let files = segment.fast_fields().str("file").ok().flatten();
            let mut key = String::new();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                key.clear();
                if let Some(ord) = files.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    let _ = files.as_ref().map(|c| c.ord_to_str(ord, &mut key));
                }
                if !segment.is_deleted(doc) && !self.stale.contains(&key) {
                    return Some((key.into(), self.line(fields, DocAddress::new(ord as u32, doc))));
                }
                doc = postings.advance();
            }
        }
        None
    }

    /// The stored line of a passage (read only for a warning).
    fn line(&self, fields: &Fields, addr: DocAddress) -> Option<u64> {
        let doc: TantivyDocument = self.searcher.doc(addr).ok()?;
        doc.get_first(fields.line).and_then(|v| v.as_u64())
    }
}

/// A place as shown: `file: line N`.
fn at(file: &str, line: Option<u64>) -> String {
    match line {
        Some(n) => format!("{}: line {n}", shown(file)),
        None => shown(file),
    }
}
