//! The query side, one concern a module: the query line (`text`), the per-language
//! plan, its BM25 statistics, merging, filters, hits and snippets, and `like`.
//!
//! Only [`crate::Engine`] is public; these modules are its parts.

mod build;
mod capitals;
mod context;
pub(crate) mod copies;
pub(crate) mod count;
mod decompound;
mod designation;
pub(crate) mod distinct;
mod excluded;
mod expand;
pub(crate) mod explain;
mod feedback;
pub(crate) mod filter;
mod headed;
pub(crate) mod highlight;
pub(crate) mod hits;
pub(crate) mod like;
mod merge;
pub mod parse;
pub(crate) mod plan;
mod presence;
mod proximity;
pub(crate) mod snippet;
mod stats;
pub(crate) mod suggest;
pub(crate) mod text;
pub(crate) mod titled;

use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::aliases::Aliases;
use crate::analysis;
use crate::error::{Error, Result};
use crate::record::Record;
use crate::store::{FastColumns, LanguagePostings, LiveField, Store};

pub use copies::{Copies, Copy};
pub use count::{Facets, Totals};
pub use expand::{compound_language, Expansion, COMPOUND, SPELLED_ALIKE, VARIANT};
pub use explain::{AliasMatch, Explained, FoundName};
pub use hits::Hit;
pub use like::{Likeness, TermWeight};
pub use merge::merge;
pub use parse::{Mode, MAX_NESTING, MAX_QUERY_WORDS};
pub use snippet::Snippet;
pub use text::plain_words;

/// What one query works on: the store, a searcher fixed for the whole query (one
/// commit), and the query-side analysers.
pub(crate) struct QueryContext<'a> {
    pub(crate) store: &'a Store,
    pub(crate) searcher: Searcher,
    pub(crate) tokenizers: &'a TokenizerManager,
    /// The names of entities, expanded in queries.
    pub(crate) aliases: &'a Aliases,
    /// The language fields' postings of the searcher's commit.
    pub(crate) postings: Arc<LanguagePostings>,
    /// The fast columns of the searcher's segments.
    pub(crate) columns: FastColumns,
    live: Arc<Vec<LiveField>>,
}

impl<'a> QueryContext<'a> {
    /// A context on the store's newest loaded commit.
    pub(crate) fn new(store: &'a Store, tokenizers: &'a TokenizerManager, aliases: &'a Aliases) -> Self {
        let searcher = store.searcher();
        let live = store.live_fields(&searcher);
        let postings = store.language_postings(&searcher);
        let columns = store.columns(&searcher);
        QueryContext { store, searcher, tokenizers, aliases, postings, columns, live }
    }

    /// The language fields that hold any passage, restricted to one language if asked.
    pub(crate) fn live_fields(&self, lang: Option<&str>) -> Vec<LiveField> {
        let key = lang.map(analysis::key);
        self.live.iter().filter(|f| key.is_none_or(|k| k == f.key)).copied().collect()
    }

    /// The best `limit` passages for a query, by plain BM25.
    pub(crate) fn top(&self, query: &dyn Query, limit: usize) -> Result<Vec<(Score, DocAddress)>> {
        Ok(self.searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?)
    }

    /// Where the passage with this id is stored.
    pub(crate) fn address_of(&self, id: &str) -> Result<DocAddress> {
        let term = Term::from_field_text(self.store.fields().id, id);
        let top = self.top(&TermQuery::new(term, IndexRecordOption::Basic), 1)?;
        top.first().map(|(_, addr)| *addr).ok_or_else(|| Error::NoPassage { id: id.to_string() })
    }

    /// The stored passage with this id.
    pub(crate) fn record_by_id(&self, id: &str) -> Result<Record> {
        let doc: TantivyDocument = self.searcher.doc(self.address_of(id)?)?;
        Ok(self.store.fields().to_record(&doc))
    }

    /// The query-side analysers (stop words dropped).
    pub(crate) fn new_tokenizers() -> TokenizerManager {
        analysis::query_tokenizers()
    }
}

pub(crate) use hits::hits;
