//! More like this: the passages most similar to a given passage or text, with the
//! terms that drove the match.
//!
//! tantivy's `MoreLikeThisQuery` is made for whole documents (minimum document
//! frequency 5, minimum term frequency 2, every stored field): on one paragraph it keeps
//! almost nothing. Here the terms come from the passage's own text, analysed with its
//! own language's analyser, weighted by saturated term frequency × BM25 idf against the
//! index (`searcher.doc_freq`), and the best of them make a boosted OR query on that
//! language's field.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::{hits, Hit, QueryContext};
use crate::analysis;
use crate::error::Result;
use crate::ingest::detect;
use crate::options::{Example, LikeOptions};
use crate::record::Record;

/// Terms kept for the query (40 measured best for quality against cost with
/// `briefs eval --like` and `briefs bench`; 25 lost recall on abstracts, 60 cost 1.6×).
pub const MAX_TERMS: usize = 40;
/// Terms in more than this share of passages carry nothing.
const MAX_DF_RATIO: f32 = 0.2;
/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// Extra candidates fetched to make up for exact copies removed afterwards.
const COPY_SLACK: usize = 16;

/// A chosen term and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The term as the language analyser makes it.
    pub term: String,
    /// Its saturated tf × idf.
    pub weight: f32,
}

/// The explained terms and the similar passages.
#[derive(Debug, Clone, Serialize)]
pub struct Likeness {
    /// The terms the query was made of, best first.
    pub terms: Vec<TermWeight>,
    /// The similar passages.
    pub hits: Vec<Hit>,
}

/// The example resolved to text, language and (when indexed) its passage.
struct Source {
    text: String,
    lang: String,
    record: Option<Record>,
}

/// More like this over one query context: resolve the example, choose its terms,
/// search them, leave out the source.
pub(crate) struct Like<'c, 'a> {
    ctx: &'c QueryContext<'a>,
}

impl<'c, 'a> Like<'c, 'a> {
    /// `like` on the context's commit.
    pub(crate) fn new(ctx: &'c QueryContext<'a>) -> Self {
        Like { ctx }
    }

    /// The passages most like `example`.
    pub(crate) fn run(&self, example: &Example, opts: &LikeOptions) -> Result<Likeness> {
        let source = self.resolve(example)?;
        let field = self.ctx.store.fields().text_for(&source.lang);
        let terms = choose_terms(&self.ctx.searcher, field, &source.lang, &source.text);
        if terms.is_empty() {
            return Ok(Likeness { terms, hits: Vec::new() });
        }
        let query = self.excluding(terms_query(field, &terms), source.record.as_ref(), opts.other_docs);
        let top = self.ctx.top(query.as_ref(), opts.limit.get() + COPY_SLACK)?;
        let mut hits = hits(self.ctx, query.as_ref(), &top, opts.snippet_chars)?;
        hits.retain(|h| h.record.text != source.text);
        hits.truncate(opts.limit.get());
        hits.iter_mut().enumerate().for_each(|(i, h)| h.rank = i + 1);
        Ok(Likeness { terms, hits })
    }

    /// Finds the example's text and language.
    fn resolve(&self, example: &Example) -> Result<Source> {
        match example {
            Example::Id(id) => {
                let record = self.ctx.record_by_id(id)?;
                Ok(Source { text: record.text.clone(), lang: record.lang.clone(), record: Some(record) })
            }
            Example::Text(text) => {
                let detector = detect::detector();
                let lang = detect::languages(&detector, &[text.as_str()]).remove(0);
                Ok(Source { text: text.as_str().to_string(), lang, record: None })
            }
        }
    }

    /// Wraps a query so that it leaves out the source passage (or its whole document).
    fn excluding(&self, query: Box<dyn Query>, source: Option<&Record>, other_docs: bool) -> Box<dyn Query> {
        let Some(record) = source else { return query };
        let f = self.ctx.store.fields();
        let (field, value) = if other_docs { (f.doc, &record.doc) } else { (f.id, &record.id) };
        let not = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
        Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::MustNot, Box::new(not))]))
    }
}

/// Picks the terms of `text` that best tell it apart, weighted, best first.
pub(crate) fn choose_terms(searcher: &Searcher, field: Field, lang: &str, text: &str) -> Vec<TermWeight> {
    let mut analyzer = analysis::analyzer_for_key(analysis::key(lang), analysis::Side::Query);
    let mut tf: HashMap<String, u32> = HashMap::new();
    for token in analysis::tokens(&mut analyzer, text) {
        if token.chars().count() >= 2 && !token.chars().all(|c| c.is_ascii_digit()) {
            *tf.entry(token).or_default() += 1;
        }
    }
    let n = searcher.num_docs() as f32;
    let mut terms: Vec<TermWeight> = tf
        .into_iter()
        .filter_map(|(term, tf)| {
            let df = searcher.doc_freq(&Term::from_field_text(field, &term)).ok()? as f32;
            if df < 1.0 || df > MAX_DF_RATIO * n.max(1.0) && n > 50.0 {
                return None;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let tf = tf as f32;
            Some(TermWeight { term, weight: tf * (K1 + 1.0) / (tf + K1) * idf })
        })
        .collect();
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
    terms.truncate(MAX_TERMS);
    terms
}

/// An OR query of the terms on `field`, each boosted by its weight.
pub(crate) fn terms_query(field: Field, terms: &[TermWeight]) -> Box<dyn Query> {
    let clauses = terms
        .iter()
        .map(|t| {
            let q = TermQuery::new(Term::from_field_text(field, &t.term), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), t.weight)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}
