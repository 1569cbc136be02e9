//! The query layer: parsing a query over the language fields, filtering, BM25 ranking
//! and one snippet per hit.

use std::ops::Bound;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::config::{SearchOptions, MAX_LIMIT};
use crate::detect;
use crate::error::{Error, Result};
use crate::index::{self, Briefs};
use crate::record::Record;
use crate::schema::Fields;
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
    /// The language fields holding passages in the opened commit.
    live: Vec<LiveField>,
    /// The query-side analysers (stop words dropped).
    pub query_tokenizers: TokenizerManager,
}

impl Engine {
    /// Opens the index at `dir` for searching.
    pub fn open(dir: &Path) -> Result<Engine> {
        let briefs = index::open(dir)?;
        let live = live_fields(&briefs.fields, &briefs.reader.searcher());
        Ok(Engine { briefs, live, query_tokenizers: analysis::query_tokenizers() })
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Searcher {
        self.briefs.reader.searcher()
    }

    /// The language fields that hold any passage, restricted to one language if asked.
    pub fn live_fields(&self, lang: Option<&str>) -> Vec<LiveField> {
        let key = lang.map(analysis::key);
        self.live.iter().filter(|f| key.is_none_or(|k| k == f.key)).copied().collect()
    }

    /// Parses the user's query over the given fields.
    fn parse_over(&self, text: &str, fields: Vec<Field>) -> Result<Box<dyn Query>> {
        let parser = QueryParser::new(self.briefs.index.schema(), fields, self.query_tokenizers.clone());
        parser.parse_query(text).map_err(|e| Error::Query(describe(text, &e)))
    }

    /// Parses the user's query over every live language field at once.
    pub fn parse(&self, text: &str, opts: &SearchOptions) -> Result<Box<dyn Query>> {
        let text = query_text(text, opts)?;
        let live = self.live_fields(opts.lang.as_deref());
        self.parse_over(&text, live.iter().map(|f| f.field).collect())
    }

    /// Plans a query: one filtered part per live language field, each weighted by how
    /// likely the query is written in that language.
    pub fn plan(&self, searcher: &Searcher, text: &str, opts: &SearchOptions) -> Result<Plan> {
        let text = query_text(text, opts)?;
        let live = self.live_fields(opts.lang.as_deref());
        let weights = self.language_weights(searcher, &text, &live);
        let mut parts = Vec::with_capacity(live.len());
        for (f, weight) in live.iter().zip(weights) {
            let query = self.filtered(self.parse_over(&text, vec![f.field])?, opts)?;
            parts.push(Part { query, weight, docs: f.docs });
        }
        if live.is_empty() {
            // Nothing in the asked language (or an empty index): check the syntax, find nothing.
            self.parse_over(&text, self.briefs.fields.texts.iter().map(|(_, f)| *f).collect())?;
        }
        Ok(Plan { parts })
    }

    /// Runs a plan: each part with its own language's BM25 statistics, scores weighted,
    /// then merged into one ranking.
    pub fn run_plan(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        check_limit(limit)?;
        let collector = TopDocs::with_limit(limit).order_by_score();
        let mut merged: Vec<(Score, DocAddress)> = Vec::new();
        for part in plan.parts.iter().filter(|p| p.weight > 0.0) {
            let stats = LanguageStats { searcher, docs: part.docs };
            let top = searcher.search_with_statistics_provider(part.query.as_ref(), &collector, &stats)?;
            merged.extend(top.into_iter().map(|(s, a)| (s * part.weight, a)));
        }
        // A passage matched by several parts (through `title:` or `*`) keeps its best score.
        merged.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)));
        merged.dedup_by_key(|(_, a)| *a);
        merged.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        merged.truncate(limit);
        Ok(merged)
    }

    /// Runs a query with the filters of `opts`; returns the top passages with snippets.
    pub fn search(&self, text: &str, opts: &SearchOptions) -> Result<Vec<Hit>> {
        let searcher = self.searcher();
        let plan = self.plan(&searcher, text, opts)?;
        let top = self.run_plan(&searcher, &plan, opts.limit)?;
        let all = plan.union();
        self.hits(&searcher, all.as_ref(), &top, opts.snippet_chars)
    }

    /// The best `limit` documents for a query.
    pub fn top(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        check_limit(limit)?;
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

/// A language text field that holds passages.
#[derive(Debug, Clone, Copy)]
pub struct LiveField {
    /// Analysis key (language code, or `xx`).
    pub key: &'static str,
    pub field: Field,
    /// Passages in this language.
    pub docs: u64,
}

/// One language's share of a query.
pub struct Part {
    pub query: Box<dyn Query>,
    pub weight: Score,
    pub docs: u64,
}

/// A query planned over the language fields.
pub struct Plan {
    pub parts: Vec<Part>,
}

impl Plan {
    /// All parts as one query (for snippets, which only need its terms).
    pub fn union(&self) -> Box<dyn Query> {
        let clauses = self.parts.iter().map(|p| (Occur::Should, p.query.box_clone())).collect();
        Box::new(BooleanQuery::new(clauses))
    }
}

/// BM25 statistics of one language: its own passage count, so that idf and average
/// length are those of the language's part of the index.
struct LanguageStats<'a> {
    searcher: &'a Searcher,
    docs: u64,
}

impl Bm25StatisticsProvider for LanguageStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs.max(1))
    }
    /// Clamped to the language's passage count: terms of other fields (filters, an
    /// explicit `title:`) are counted over the whole index.
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.searcher.doc_freq(term)?.min(self.docs.max(1)))
    }
}

/// Weight of the query's language against the others.
const OTHER_LANGUAGE_WEIGHT: Score = 0.5;

impl Engine {
    /// How likely the query is written in each live language. The language whose
    /// vocabulary covers most of the query's words (as that language analyses them)
    /// gets weight 1, whatlang breaking ties; the others get [`OTHER_LANGUAGE_WEIGHT`]
    /// scaled by their coverage relative to the best.
    fn language_weights(&self, searcher: &Searcher, text: &str, live: &[LiveField]) -> Vec<Score> {
        if live.len() < 2 {
            return vec![1.0; live.len()];
        }
        let cover: Vec<Score> = live.iter().map(|f| self.coverage(searcher, text, f)).collect();
        let langs: Vec<whatlang::Lang> = live.iter().filter_map(|f| detect::lang_of_code(f.key)).collect();
        let named = whatlang::Detector::with_allowlist(langs).detect_lang(text).map(detect::code);
        let bonus = |f: &LiveField| if Some(f.key) == named.as_deref() { 0.01 } else { 0.0 };
        let scored: Vec<Score> = live.iter().zip(&cover).map(|(f, c)| c + bonus(f)).collect();
        let best = scored.iter().cloned().fold(0.0, Score::max);
        if best <= 0.0 {
            return vec![1.0; live.len()];
        }
        scored.iter().map(|s| if *s >= best { 1.0 } else { OTHER_LANGUAGE_WEIGHT * s / best }).collect()
    }

    /// The share of the query's words, analysed as `f`'s language, found in `f`.
    fn coverage(&self, searcher: &Searcher, text: &str, f: &LiveField) -> Score {
        let Some(mut analyzer) = self.query_tokenizers.get(&analysis::text_field_name(f.key)) else {
            return 0.0;
        };
        let tokens = analysis::tokens(&mut analyzer, text);
        if tokens.is_empty() {
            return 0.0;
        }
        let found = tokens
            .iter()
            .filter(|t| searcher.doc_freq(&Term::from_field_text(f.field, t)).unwrap_or(0) > 0)
            .count();
        found as Score / tokens.len() as Score
    }
}

fn check_limit(limit: usize) -> Result<()> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::Invalid(format!("-n must be between 1 and {MAX_LIMIT}")));
    }
    Ok(())
}

/// The query text to parse: plain words under `--plain`, never empty.
fn query_text(text: &str, opts: &SearchOptions) -> Result<String> {
    let text = if opts.plain { plain_words(text) } else { text.trim().to_string() };
    if text.is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    let words = text.split_whitespace().count();
    if words > MAX_QUERY_WORDS {
        return Err(Error::Query(format!(
            "the query has {words} words; at most {MAX_QUERY_WORDS} are searched"
        )));
    }
    let depth = nesting(&text);
    if depth > MAX_NESTING {
        return Err(Error::Query(format!("parentheses nest {depth} deep; at most {MAX_NESTING} levels")));
    }
    Ok(text)
}

/// The most words a query may have.
pub const MAX_QUERY_WORDS: usize = 1024;
/// The deepest parenthesis nesting a query may have.
pub const MAX_NESTING: usize = 32;

/// How deep parentheses nest in a query.
fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    deepest
}

/// The language fields that hold passages, with their passage counts.
fn live_fields(fields: &Fields, searcher: &Searcher) -> Vec<LiveField> {
    let count = |code: &str| searcher.doc_freq(&Term::from_field_text(fields.lang, code)).unwrap_or(0);
    let counted: u64 = analysis::STEMMED.iter().map(|(code, _)| count(code)).sum();
    let docs = |key: &str| {
        if key == analysis::OTHER {
            searcher.num_docs().saturating_sub(counted)
        } else {
            count(key)
        }
    };
    let all = fields.texts.iter().map(|&(key, field)| LiveField { key, field, docs: docs(key) });
    all.filter(|f| f.docs > 0 && has_tokens(searcher, f.field)).collect()
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
    fn hostile_queries_are_refused_before_parsing() {
        let opts = SearchOptions::default();
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(query_text(&deep, &opts).unwrap_err().to_string().contains("nest"));
        let long = "troops ".repeat(10_000);
        assert!(query_text(&long, &opts).unwrap_err().to_string().contains("10000 words"));
        assert_eq!(nesting("(a (b) (c))"), 2);
    }

    #[test]
    fn plain_words_drop_syntax() {
        assert_eq!(plain_words("a:b (c) \"d\" -e"), "a b c d e");
    }
}
