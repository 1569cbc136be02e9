//! The façade: open an index, search it, find passages like one, fetch a passage,
//! follow new commits. Every front end (command line, server, benches) goes through
//! these methods and nothing else.

use std::borrow::Cow;
use std::path::Path;

use tantivy::tokenizer::TokenizerManager;
use tantivy::{DocAddress, Score};

use crate::aliases::{Aliases, FileError};
use crate::error::Result;
use crate::options::Sort;
use crate::options::{Example, LikeOptions, SearchOptions};
use crate::query::copies;
use crate::query::count::{newest, tally, undated};
use crate::query::distinct::{as_listed, distinct};
use crate::query::explain::{self, Explained};
use crate::query::hits::Shape;
use crate::query::like::Like;
use crate::query::plan::Plan;
use crate::query::suggest::{suggest, Suggestion};
use crate::query::{hits, Facets, Hit, Likeness, QueryContext, Totals};
use crate::record::Record;
use crate::store::Store;

/// What a search found.
#[derive(Debug, Clone)]
pub struct Results {
    /// The best passages, best first.
    pub hits: Vec<Hit>,
    /// How many passages and documents matched in all.
    pub totals: Totals,
    /// Counts per language, source and year, when asked.
    pub facets: Option<Facets>,
    /// What the query parser repaired, one line each (operators it ignored).
    pub notes: Vec<String>,
    /// For a search with no hits: query words absent from the index, with the
    /// closest term the index holds.
    pub suggestions: Vec<Suggestion>,
    /// Under date bounds: undated passages that match but were left out.
    pub left_out_undated: u64,
    /// With `explain`: what the query's words were expanded to, and which of those
    /// names the index holds.
    pub explain: Vec<Explained>,
}

/// An index opened for reading. Reading never takes the writer lock, and follows
/// commits made by other processes (within about a second, or at once after
/// [`Engine::reload`]).
pub struct Engine {
    store: Store,
    tokenizers: TokenizerManager,
    aliases: Aliases,
}

impl Engine {
    /// Opens the index at `dir` for searching.
    ///
    /// # Errors
    /// [`crate::Error::NoIndex`] when there is none, [`crate::Error::Damaged`] when its
    /// files do not open.
    ///
    /// The names of entities come from the built-in table and the index folder's
    /// `aliases.tsv`, if any (see [`Aliases::for_index`]).
    pub fn open(dir: &Path) -> Result<Engine> {
        let store = Store::open(dir)?;
        let aliases = Aliases::for_index_with(dir, &[]).map_err(alias_error)?;
        Ok(Engine { store, tokenizers: QueryContext::new_tokenizers(), aliases })
    }

    /// The engine with more alias files on top of the index folder's (`--aliases`),
    /// read now, without rebuilding anything.
    ///
    /// # Errors
    /// [`crate::Error::BadInput`] for a line that does not parse, [`crate::Error::InvalidOption`]
    /// naming `--aliases` for a file that cannot be read.
    pub fn with_aliases(mut self, files: &[&Path]) -> Result<Engine> {
        self.aliases = Aliases::for_index_with(self.store.dir(), files).map_err(alias_error)?;
        Ok(self)
    }

    /// The best passages for `query` (tantivy query syntax, or plain words with
    /// `opts.plain`), filtered as `opts` says, with snippets.
    ///
    /// # Errors
    /// [`crate::Error::BadQuery`] when the query is empty, over the limits or does not
    /// parse; [`crate::Error::InvalidOption`] for a source filter with no words.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<Results> {
        let ctx = self.context();
        let plan = Plan::new(&ctx, query, opts)?;
        let matches = plan.matches(&ctx.searcher)?;
        let ranked = |n: usize| -> Result<Vec<(Score, DocAddress)>> {
            Ok(match opts.sort {
                Sort::Relevance => plan.run(&ctx.searcher, n)?,
                Sort::Date => by_date(newest(&ctx.columns, &matches, n)),
            })
        };
        let limit = opts.limit.get();
        let groups = match opts.all {
            true => Vec::new(),
            false => {
                let within = crate::query::filter::only_filters(ctx.store, opts)?;
                copies::collapse(&ctx, limit, within.as_deref(), ranked)?
            }
        };
        let top = if opts.all { ranked(limit)? } else { groups.iter().map(|g| (g.score, g.addr)).collect() };
        // By date, a hit has no score.
        let top: Vec<(Score, DocAddress)> = match opts.sort {
            Sort::Relevance => top,
            Sort::Date => top.into_iter().map(|(_, a)| (0.0, a)).collect(),
        };
        let shape = Shape { snippet_chars: opts.snippet_chars, full: opts.full, context: opts.context };
        let mut hits = hits(&ctx, &plan.matchers(), &top, shape)?;
        for (hit, group) in hits.iter_mut().zip(&groups) {
            hit.copies = copies::describe(&ctx, &group.copies, &hit.record.doc);
        }
        let explain = if opts.explain {
            explain::mark_hits(&mut hits, &plan.expansions);
            explain::explain(&ctx, &plan.expansions)?
        } else {
            Vec::new()
        };
        let counted = match opts.all {
            true => Cow::Borrowed(&matches),
            false => match as_listed(&matches, &groups) {
                Some(listed) => Cow::Owned(listed),
                None => distinct(&ctx, &matches, &groups)?,
            },
        };
        let (totals, facets) = tally(&ctx.columns, &matches, &counted, opts.facets);
        let suggestions = if hits.is_empty() { suggest(&ctx, &plan) } else { Vec::new() };
        let left_out_undated = self.left_out_undated(&ctx, query, opts)?;
        Ok(Results { hits, totals, facets, notes: plan.notes, suggestions, left_out_undated, explain })
    }

    /// Under date bounds, how many undated passages match the query but were left out.
    fn left_out_undated(&self, ctx: &QueryContext, query: &str, opts: &SearchOptions) -> Result<u64> {
        if opts.undated || (opts.since.is_none() && opts.until.is_none()) {
            return Ok(0);
        }
        let unbounded = SearchOptions { since: None, until: None, ..opts.clone() };
        let plan = Plan::new(ctx, query, &unbounded)?;
        Ok(undated(&ctx.columns, &plan.matches(&ctx.searcher)?))
    }

    /// The passages most like a passage or a text, and the terms that made the query.
    /// A passage given by id never comes back, nor its exact copies.
    ///
    /// # Errors
    /// [`crate::Error::NoPassage`] for an id not in the index.
    pub fn like(&self, example: &Example, opts: &LikeOptions) -> Result<Likeness> {
        Like::new(&self.context()).run(example, opts)
    }

    /// The passage with this id.
    ///
    /// # Errors
    /// [`crate::Error::NoPassage`] for an id not in the index.
    pub fn passage(&self, id: &str) -> Result<Record> {
        self.context().record_by_id(id)
    }

    /// Loads the newest commit now.
    ///
    /// # Errors
    /// [`crate::Error::Index`] when the new segments cannot be loaded.
    pub fn reload(&self) -> Result<()> {
        self.store.reload()
    }

    /// The store under the engine.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A context on the newest loaded commit, for one query.
    pub(crate) fn context(&self) -> QueryContext<'_> {
        QueryContext::new(&self.store, &self.tokenizers, &self.aliases)
    }
}

/// An alias file's error in the library's terms: a bad line, or a file not read.
fn alias_error(e: FileError) -> crate::Error {
    match e.line {
        0 => crate::Error::invalid(
            "--aliases",
            e.path.display(),
            format!("a readable alias file ({})", e.reason),
        ),
        line => crate::Error::BadInput { path: e.path, line, expected: e.reason },
    }
}

/// Passages newest first, each scored by its date's rank (the newest date 0, the next
/// -1, …): copies of one date tie, and the group shows the first listed (see
/// `copies::collapse`), but an older copy never stands for a newer one, which would
/// print dates out of order.
fn by_date(newest: Vec<(Option<String>, DocAddress)>) -> Vec<(Score, DocAddress)> {
    let mut rank = 0;
    let mut last: Option<Option<String>> = None;
    let mut out = Vec::with_capacity(newest.len());
    for (date, addr) in newest {
        if last.as_ref().is_some_and(|l| *l != date) {
            rank += 1;
        }
        out.push((-(rank as Score), addr));
        last = Some(date);
    }
    out
}

#[cfg(test)]
mod date_rank_tests {
    use super::*;

    #[test]
    fn copies_of_one_date_tie_and_older_dates_rank_lower() {
        let at = |d| DocAddress::new(0, d);
        let date = |d: &str| Some(d.to_string());
        let ranked = by_date(vec![
            (date("2024-08-20"), at(3)),
            (date("2024-08-20"), at(1)),
            (date("2024-03-05"), at(2)),
            (None, at(0)),
        ]);
        let scores: Vec<Score> = ranked.iter().map(|(s, _)| *s).collect();
        assert_eq!(scores, [0.0, 0.0, -1.0, -2.0]);
    }
}
