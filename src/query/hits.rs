//! Hits: ranked addresses become passages with their snippets.

use serde::Serialize;
use tantivy::{DocAddress, Score, TantivyDocument};

use std::collections::HashMap;

use tantivy::schema::Field;

use super::highlight::{Highlighter, Matcher};
use super::snippet::Snippet;
use super::QueryContext;
use crate::analysis;
use crate::error::Result;
use crate::record::Record;

/// One ranked passage.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score, lifted by its document's context (see `query::context`).
    pub score: Score,
    /// The passage and its metadata.
    #[serde(flatten)]
    pub record: Record,
    /// The fragment shown, with highlight ranges.
    pub snippet: Snippet,
    /// `[start, end)` byte ranges of the record's title to highlight: the query's words
    /// there, which are all a passage matched by its title alone shows of its match.
    pub title_highlights: Vec<(usize, usize)>,
    /// `like` by text: the passage is the example's exact copy.
    pub exact: bool,
    /// Passages of the same document just before this one (`-C N`).
    pub before: Vec<Record>,
    /// Passages of the same document just after this one.
    pub after: Vec<Record>,
    /// Where else this paragraph appears: its copies, folded into this hit.
    pub copies: super::copies::Copies,
    /// With `explain`: the other names of the query's entities that this passage holds.
    pub aliases: Vec<super::explain::AliasMatch>,
}

impl Hit {
    /// Shows every path of the hit (its own, its neighbours', its copies') as
    /// [`crate::Record::show_paths`] does.
    pub fn show_paths(&mut self) {
        self.record.show_paths();
        self.before.iter_mut().chain(self.after.iter_mut()).for_each(|r| r.show_paths());
        self.copies.listed.iter_mut().for_each(|c| c.show_paths());
    }
}

/// How hits show their passages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// Snippet budget in characters.
    pub(crate) snippet_chars: usize,
    /// The whole passage, every match highlighted, instead of a snippet.
    pub(crate) full: bool,
    /// Neighbouring passages of the same document shown before and after.
    pub(crate) context: usize,
}

/// What to highlight, per language field.
pub(crate) type Matchers = HashMap<Field, Matcher>;

/// Loads the ranked passages and makes their snippets from `matchers`.
pub(crate) fn hits(
    ctx: &QueryContext,
    matchers: &Matchers,
    top: &[(Score, DocAddress)],
    shape: Shape,
) -> Result<Vec<Hit>> {
    let fields = ctx.store.fields();
    let highlighter = Highlighter::new(shape.snippet_chars, 3);
    let empty = Matcher::default();
    let mut hits = Vec::with_capacity(top.len());
    for (i, (score, addr)) in top.iter().enumerate() {
        let doc: TantivyDocument = ctx.searcher.doc(*addr)?;
        let record = fields.to_record(&doc);
        let matcher = matchers.get(&fields.text_for(&record.lang)).unwrap_or(&empty);
        let mut analyzer = analysis::analyzer_for_key(analysis::key(&record.lang), analysis::Side::Index);
        let snippet = if shape.full {
            highlighter.full(&record.text, &mut analyzer, matcher)
        } else {
            highlighter.snippet(&record.text, &mut analyzer, matcher)
        };
        let title_highlights = highlighter.full(&record.title, &mut analyzer, matcher).highlights;
        let (before, after) = neighbours(ctx, &record, shape.context);
        let (copies, aliases) = Default::default();
        let (rank, score, exact) = (i + 1, *score, false);
        let hit =
            Hit { rank, score, record, snippet, title_highlights, exact, before, after, copies, aliases };
        hits.push(hit);
    }
    Ok(hits)
}

/// Up to `n` passages of the same document before and after `record`, in order.
fn neighbours(ctx: &QueryContext, record: &Record, n: usize) -> (Vec<Record>, Vec<Record>) {
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let at = |p: u64| ctx.record_by_id(&format!("{}#{p}", record.doc)).ok();
    let first = record.paragraph.saturating_sub(n as u64).max(1);
    let before = (first..record.paragraph).filter_map(at).collect();
    let after = (record.paragraph + 1..=record.paragraph + n as u64).map_while(at).collect();
    (before, after)
}
