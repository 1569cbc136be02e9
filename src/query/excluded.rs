//! An excluded query whose scorer may be asked about a document before its first.
//!
//! tantivy's `Exclude` asks the excluding scorer about the first candidate of the
//! query it filters (`seek_danger`), and a freshly made scorer already sits on its own
//! first match, which may come later. A phrase scorer asserts (in debug builds) that it
//! is never asked about a document before the one it is on: `-"S 300"`, `-"air
//! defence"` panicked whenever the excluded phrase's first passage came after the
//! query's. [`Excluded`] answers such a question itself, as tantivy's own
//! `Weight::scorer_danger` does when it starts a scorer: not found, and nothing before
//! the document the scorer is on.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// `query`, for use as an exclusion (see the module's doc).
pub(crate) struct Excluded(pub(crate) Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl fmt::Debug for Excluded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Excluded({:?})", self.0)
    }
}

impl Query for Excluded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(Guarded { inner: self.0.scorer(reader, boost)?, valid: true }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// A scorer that answers a `seek_danger` before its document itself while it sits on a
/// true match (`valid`: not after a `seek_danger` that missed).
struct Guarded {
    inner: Box<dyn Scorer>,
    valid: bool,
}

impl DocSet for Guarded {
    fn advance(&mut self) -> DocId {
        self.valid = true;
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.valid = true;
        match self.inner.doc() >= target {
            true => self.inner.doc(),
            false => self.inner.seek(target),
        }
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        let doc = self.inner.doc();
        if self.valid && doc >= target {
            return match doc == target {
                true => SeekDangerResult::Found,
                false => SeekDangerResult::SeekLowerBound(doc),
            };
        }
        let found = self.inner.seek_danger(target);
        self.valid = found == SeekDangerResult::Found;
        found
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for Guarded {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    use super::*;

    #[test]
    fn an_excluded_phrase_whose_first_match_comes_later_is_asked_safely() {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for body in ["troops near the border", "troops on the move", "troops and s 300 batteries"] {
            writer.add_document(doc!(text => body)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| Term::from_field_text(text, t);
        let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(vec![term("s"), term("300")]));
        let troops: Box<dyn Query> = Box::new(TermQuery::new(term("troops"), IndexRecordOption::Basic));
        let query =
            BooleanQuery::new(vec![(Occur::Must, troops), (Occur::MustNot, Box::new(Excluded(phrase)))]);
        assert_eq!(searcher.search(&query, &Count).unwrap(), 2);
    }
}
