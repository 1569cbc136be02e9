//! The query layer: parsing a query over the language fields, filtering, BM25 ranking
//! and one snippet per hit.

use std::ops::Bound;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, Score, Searcher, TantivyDocument, Term};

use crate::config::{SearchOptions, MAX_LIMIT};
use crate::error::{Error, Result};
use crate::index::{self, Briefs};
use crate::record::Record;
use crate::snippet::{Snippet, Snippets};

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
}

/// An index opened for reading. Reading never takes the writer lock.
pub struct Engine {
    pub briefs: Briefs,
    pub reader: IndexReader,
}

impl Engine {
    /// Opens the index at `dir` for searching.
    pub fn open(dir: &Path) -> Result<Engine> {
        let briefs = index::open(dir)?;
        let reader = briefs
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::Damaged { path: dir.to_path_buf(), reason: e.to_string() })?;
        Ok(Engine { briefs, reader })
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The text fields that hold any passage, restricted to one language if asked.
    pub fn live_text_fields(&self, searcher: &Searcher, lang: Option<&str>) -> Vec<Field> {
        let fields = &self.briefs.fields;
        let wanted: Vec<Field> = match lang {
            Some(code) => vec![fields.text_for(code)],
            None => fields.texts.iter().map(|(_, f)| *f).collect(),
        };
        wanted.into_iter().filter(|f| has_tokens(searcher, *f)).collect()
    }

    /// Parses the user's query over the live language fields.
    pub fn parse(&self, searcher: &Searcher, text: &str, opts: &SearchOptions) -> Result<Box<dyn Query>> {
        let text = if opts.plain { plain_words(text) } else { text.trim().to_string() };
        if text.is_empty() {
            return Err(Error::Query("the query is empty".into()));
        }
        let defaults = self.live_text_fields(searcher, opts.lang.as_deref());
        let parser =
            QueryParser::new(self.briefs.index.schema(), defaults, self.briefs.index.tokenizers().clone());
        parser.parse_query(&text).map_err(|e| Error::Query(describe(&text, &e)))
    }

    /// Runs a query with the filters of `opts`; returns the top passages with snippets.
    pub fn search(&self, text: &str, opts: &SearchOptions) -> Result<Vec<Hit>> {
        let searcher = self.searcher();
        let query = self.parse(&searcher, text, opts)?;
        let query = self.filtered(query, opts)?;
        let top = self.top(&searcher, query.as_ref(), opts.limit)?;
        self.hits(&searcher, query.as_ref(), &top, opts.snippet_chars)
    }

    /// The best `limit` documents for a query.
    pub fn top(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Error::Invalid(format!("-n must be between 1 and {MAX_LIMIT}")));
        }
        Ok(searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?)
    }

    /// Loads the ranked documents and makes their snippets.
    pub fn hits(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        top: &[(Score, DocAddress)],
        snippet_chars: usize,
    ) -> Result<Vec<Hit>> {
        let fields = &self.briefs.fields;
        let mut snippets = Snippets::new(searcher, query, snippet_chars);
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, addr)) in top.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let record = fields.to_record(&doc);
            let field = fields.text_for(&record.lang);
            let snippet = snippets.make(field, &record.text)?;
            hits.push(Hit { rank: i + 1, score: *score, record, snippet });
        }
        Ok(hits)
    }

    /// Adds the language, source and date filters of `opts` as non-scoring clauses.
    pub fn filtered(&self, query: Box<dyn Query>, opts: &SearchOptions) -> Result<Box<dyn Query>> {
        let f = &self.briefs.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        let mut filter = |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
        if let Some(lang) = &opts.lang {
            filter(Box::new(TermQuery::new(Term::from_field_text(f.lang, lang), IndexRecordOption::Basic)));
        }
        if let Some(source) = &opts.source {
            let parser = QueryParser::new(
                self.briefs.index.schema(),
                vec![f.source],
                self.briefs.index.tokenizers().clone(),
            );
            let phrase = format!("\"{}\"", plain_words(source));
            filter(parser.parse_query(&phrase).map_err(|e| Error::Invalid(format!("--source: {e}")))?);
        }
        if opts.since.is_some() || opts.until.is_some() {
            filter(Box::new(date_range(f.date, opts.since.as_deref(), opts.until.as_deref())));
        }
        Ok(if clauses.len() == 1 {
            clauses.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(clauses))
        })
    }
}

/// Whether any segment holds a token in `field`.
fn has_tokens(searcher: &Searcher, field: Field) -> bool {
    searcher
        .segment_readers()
        .iter()
        .any(|s| s.inverted_index(field).map(|ii| ii.total_num_tokens() > 0).unwrap_or(false))
}

/// Dates compare as text: `YYYY[-MM[-DD]]` bounds include the whole period they name.
fn date_range(field: Field, since: Option<&str>, until: Option<&str>) -> RangeQuery {
    let lower = since.map_or(Bound::Unbounded, |s| Bound::Included(Term::from_field_text(field, s)));
    let upper =
        until.map_or(Bound::Unbounded, |u| Bound::Included(Term::from_field_text(field, &format!("{u}~"))));
    RangeQuery::new(lower, upper)
}

/// The words of a text with query syntax removed, for plain (lenient) queries.
///
/// ```
/// assert_eq!(briefs::search::plain_words("What's (the) Geneva: talks?"), "what s the geneva talks");
/// ```
pub fn plain_words(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A one-line account of a parse error: what is wrong and where.
fn describe(text: &str, e: &tantivy::query::QueryParserError) -> String {
    let hint = syntax_hint(text);
    match hint {
        Some(h) => format!("{h} in {text:?} ({e}); use --plain to search the words as typed"),
        None => format!("{e} in {text:?}; use --plain to search the words as typed"),
    }
}

/// Finds the usual syntax slips: unbalanced quotes or parentheses, a dangling operator.
fn syntax_hint(text: &str) -> Option<String> {
    if text.matches('"').count() % 2 == 1 {
        let at = text.rfind('"').unwrap_or(0);
        return Some(format!("unclosed quote at byte {at}"));
    }
    let mut depth = 0i64;
    for (i, c) in text.char_indices() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return Some(format!("unmatched ')' at byte {i}"));
        }
    }
    if depth > 0 {
        return Some(format!("{depth} unclosed '(' "));
    }
    let last = text.split_whitespace().last()?;
    ["AND", "OR", "NOT"].contains(&last).then(|| format!("'{last}' at the end has nothing after it"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_point_at_the_slip() {
        assert_eq!(syntax_hint("\"Normandy format").as_deref(), Some("unclosed quote at byte 0"));
        assert!(syntax_hint("(a OR b").unwrap().contains("unclosed '('"));
        assert!(syntax_hint("a)").unwrap().contains("byte 1"));
        assert!(syntax_hint("troops AND").unwrap().contains("AND"));
        assert_eq!(syntax_hint("troops Romania"), None);
    }

    #[test]
    fn plain_words_drop_syntax() {
        assert_eq!(plain_words("a:b (c) \"d\" -e"), "a b c d e");
    }
}
