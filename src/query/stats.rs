//! BM25 statistics of one language's part of the index.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::store::LanguagePostings;

/// BM25 statistics of one language: its own passage count, so that idf and average
/// length are those of the language's part of the index, not of the whole archive.
pub(crate) struct LanguageStats<'a> {
    pub(crate) searcher: &'a Searcher,
    /// Passages in the language.
    pub(crate) docs: u64,
    /// The language fields' postings of the searcher's commit.
    pub(crate) postings: &'a LanguagePostings,
}

impl Bm25StatisticsProvider for LanguageStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.postings.total_num_tokens(field) {
            Some(tokens) => Ok(tokens),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs.max(1))
    }

    /// Clamped to the language's passage count: terms of other fields (filters, an
    /// explicit `title:`) are counted over the whole index.
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let doc_freq = match self.postings.doc_freq(term) {
            Some(doc_freq) => doc_freq?,
            None => self.searcher.doc_freq(term)?,
        };
        Ok(doc_freq.min(self.docs.max(1)))
    }
}
