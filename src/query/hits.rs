//! Hits: ranked addresses become passages with their snippets.

use serde::Serialize;
use tantivy::query::Query;
use tantivy::{DocAddress, Score, TantivyDocument};

use super::snippet::{Snippet, Snippets};
use super::QueryContext;
use crate::error::Result;
use crate::record::Record;

/// One ranked passage.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score.
    pub score: Score,
    /// The passage and its metadata.
    #[serde(flatten)]
    pub record: Record,
    /// The fragment shown, with highlight ranges.
    pub snippet: Snippet,
    /// `like` by text: the passage is the example's exact copy.
    pub exact: bool,
}

/// Loads the ranked passages and makes their snippets for `query`'s terms.
pub(crate) fn hits(
    ctx: &QueryContext,
    query: &dyn Query,
    top: &[(Score, DocAddress)],
    snippet_chars: usize,
) -> Result<Vec<Hit>> {
    let fields = ctx.store.fields();
    let mut snippets = Snippets::new(&ctx.searcher, query, snippet_chars);
    let mut hits = Vec::with_capacity(top.len());
    for (i, (score, addr)) in top.iter().enumerate() {
        let doc: TantivyDocument = ctx.searcher.doc(*addr)?;
        let record = fields.to_record(&doc);
        let snippet = snippets.make(fields.text_for(&record.lang), &record.text)?;
        hits.push(Hit { rank: i + 1, score: *score, record, snippet, exact: false });
    }
    Ok(hits)
}
