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
use tantivy::{DocAddress, Score, Searcher, Term};

use super::capitals::held_case;
use super::copies::Group;
use super::hits::{Matchers, Shape};
use super::{copies, expand, hits, Hit, QueryContext};
use crate::analysis;
use crate::error::{Error, Result};
use crate::ingest::detect;
use crate::options::{Example, LikeOptions};
use crate::record::Record;
use crate::store::sketch;

/// Terms kept for the query (40 measured best for quality against cost with
/// `briefs eval --like` and `briefs bench`; 25 lost recall on abstracts, 60 cost 1.6×).
pub const MAX_TERMS: usize = 40;
/// Terms in more than this share of passages carry nothing, in an index of at least
/// [`MIN_PASSAGES_FOR_DF_CUT`] passages.
const MAX_DF_RATIO: f32 = 0.2;
/// Below this many passages, a folder is about one subject and its copies are many: the
/// words that say what an example is about are in a fifth of its passages (a wire story
/// and its copies), and only idf weighs them down. Stop words, in the languages that
/// have a list, are left out anyway.
const MIN_PASSAGES_FOR_DF_CUT: f32 = 1000.0;
/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// Extra groups fetched to make up for the source's own copies, removed afterwards:
/// they fold into one group, or a few where a copy of a copy falls below the threshold.
const COPY_SLACK: usize = 2;
/// The weight of an entity's name in another language against its term in the
/// example's (see [`Like::names_in_other_languages`]).
const NAME_WEIGHT: f32 = 0.5;
/// The most groups fetched to fill a page once the source's copies are left out.
const MAX_WANTED: usize = 4 * crate::options::MAX_LIMIT;

/// A chosen term and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The term as the language analyser makes it (stemmed, folded).
    pub term: String,
    /// The word as it first appears in the example text.
    pub word: String,
    /// The language field the term was chosen in.
    #[serde(skip)]
    pub field: Field,
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
    ///
    /// A paragraph and its copies are one hit, listing where else it appears (as
    /// `search` shows them). A passage given by id is left out with its exact copies;
    /// for a text, the passages that are its exact copies come first, marked `exact`.
    pub(crate) fn run(&self, example: &Example, opts: &LikeOptions) -> Result<Likeness> {
        let source = self.resolve(example)?;
        let mut terms = match &source.record {
            Some(_) => {
                let field = self.ctx.store.fields().text_for(&source.lang);
                choose_terms(&self.ctx.searcher, field, &source.lang, &source.text)
            }
            None => self.terms_in_every_language(&source.text),
        };
        let mut names = self.names_in_other_languages(&source.text, &terms);
        names.truncate(MAX_TERMS);
        terms.extend(names);
        terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        if terms.is_empty() && source.record.is_none() && !has_word(&source.text) {
            return Err(Error::bad_query(&source.text, "the text has no word to search"));
        }
        if terms.is_empty() {
            return Ok(Likeness { terms, hits: Vec::new() });
        }
        let query = self.excluding(terms_query(&terms), source.record.as_ref(), opts.other_docs);
        let own = source.record.is_some().then(|| sketch::shingles(&source.text));
        let mut wanted = opts.limit.get() + COPY_SLACK;
        let mut hits = loop {
            let (hits, exhausted) =
                self.page(query.as_ref(), &terms, &source, own.as_deref(), opts, wanted)?;
            // The source's own copies may have taken the page (one each with --all).
            if hits.len() >= opts.limit.get() || exhausted || wanted >= MAX_WANTED {
                break hits;
            }
            wanted *= 4;
        };
        hits.truncate(opts.limit.get());
        hits.iter_mut().enumerate().for_each(|(i, h)| h.rank = i + 1);
        Ok(Likeness { terms, hits })
    }

    /// The first `wanted` hits (groups of copies unless `--all`), the source and its
    /// copies left out (an indexed source, whose shingles are `own`) or its exact copies
    /// first (a text); and whether the ranking had no more to give.
    fn page(
        &self,
        query: &dyn Query,
        terms: &[TermWeight],
        source: &Source,
        own: Option<&[u64]>,
        opts: &LikeOptions,
        wanted: usize,
    ) -> Result<(Vec<Hit>, bool)> {
        let fetch = |n: usize| self.ctx.top(query, n);
        let groups = match opts.all {
            true => fetch(wanted)?.into_iter().map(|(score, addr)| Group::alone(score, addr)).collect(),
            false => copies::collapse(self.ctx, wanted, None, fetch)?,
        };
        let exhausted = groups.len() < wanted;
        let top: Vec<(Score, DocAddress)> = groups.iter().map(|g| (g.score, g.addr)).collect();
        let shape = Shape { snippet_chars: opts.snippet_chars, full: false, context: 0 };
        let mut hits = hits(self.ctx, &matchers(terms), &top, shape)?;
        for (hit, group) in hits.iter_mut().zip(&groups) {
            hit.copies = copies::describe(self.ctx, &group.copies, &hit.record.doc);
        }
        let same = |h: &Hit| same_text(&h.record.text, &source.text);
        if let Some(own) = own {
            // The source's copies elsewhere were not excluded by the query: leave them out.
            let copy = |h: &Hit| {
                sketch::is_copy(&h.record.text, &sketch::shingles(&h.record.text), &source.text, own)
            };
            hits.retain(|h| !same(h) && !copy(h));
        } else {
            hits.iter_mut().for_each(|h| h.exact = same(h));
            hits.sort_by_key(|h| !h.exact);
        }
        Ok((hits, exhausted))
    }

    /// A free text's terms in every language of the index, each language's weights
    /// scaled by the share of the text's words that language's passages hold: an
    /// English text keeps its English terms whatever whatlang guesses of one sentence.
    fn terms_in_every_language(&self, text: &str) -> Vec<TermWeight> {
        let mut all = Vec::new();
        for f in self.ctx.live_fields(None) {
            let code = if f.key == analysis::OTHER { "xx" } else { f.key };
            let mut terms = choose_terms(&self.ctx.searcher, f.field, code, text);
            let share = coverage(&self.ctx.searcher, f.field, code, text);
            terms.iter_mut().for_each(|t| t.weight *= share * share);
            all.extend(terms);
        }
        all.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        all.truncate(MAX_TERMS);
        all
    }

    /// The other names, in every language of the index, of the entities the example
    /// names among its chosen terms (`Allemagne` and `OTAN` for a German passage's
    /// `Deutschland` and `NATO`), each at [`NAME_WEIGHT`] of its term's weight and not
    /// where that field already has the term: a report of the same events in another
    /// language shares its names, not its words. One-word names only, and none held to
    /// capitals.
    fn names_in_other_languages(&self, text: &str, terms: &[TermWeight]) -> Vec<TermWeight> {
        // Split at every other character: names are looked up by a key that is their
        // words joined (`NATO-Verbündeten` holds `NATO`; `Guinea-Bissau` is `Guinea Bissau`).
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let mut out: Vec<TermWeight> = Vec::new();
        let live = self.ctx.live_fields(None);
        let mut analyzers: Vec<_> =
            live.iter().map(|f| analysis::analyzer_for_key(f.key, analysis::Side::Query)).collect();
        for span in self.ctx.aliases.spans(&words) {
            let run = &words[span.start..span.start + span.len];
            let weights = terms.iter().filter(|t| run.contains(&t.word.as_str())).map(|t| t.weight);
            let Some(weight) = weights.reduce(f32::max) else { continue };
            let names = expand::other_names(self.ctx.aliases, span.entity, &run.join(" "));
            let names: Vec<&str> =
                names.into_iter().filter(|n| self.ctx.aliases.is_searchable_name(n)).collect();
            for (f, analyzer) in live.iter().zip(analyzers.iter_mut()) {
                for name in names.iter().filter(|n| held_case(n, f.key).is_none()) {
                    let Ok([term]) = <[String; 1]>::try_from(analysis::tokens(analyzer, name)) else {
                        continue;
                    };
                    let chosen = terms.iter().chain(&out).any(|t| t.field == f.field && t.term == term);
                    let known = || {
                        self.ctx.searcher.doc_freq(&Term::from_field_text(f.field, &term)).unwrap_or(0) > 0
                    };
                    if !chosen && known() {
                        out.push(TermWeight {
                            term,
                            word: name.to_string(),
                            field: f.field,
                            weight: weight * NAME_WEIGHT,
                        });
                    }
                }
            }
        }
        out
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

/// The chosen terms as what to highlight, per field.
fn matchers(terms: &[TermWeight]) -> Matchers {
    let mut out = Matchers::new();
    for t in terms {
        out.entry(t.field).or_default().terms.push(t.term.clone());
    }
    out
}

/// Whether a text holds a letter or a digit.
fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Whether two passage texts are the same, whitespace aside.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The share of a text's content words that `field` holds.
fn coverage(searcher: &Searcher, field: Field, lang: &str, text: &str) -> f32 {
    let mut analyzer = analysis::analyzer_for_key(analysis::key(lang), analysis::Side::Query);
    let tokens = analysis::tokens(&mut analyzer, text);
    let found =
        tokens.iter().filter(|t| searcher.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0) > 0);
    found.count() as f32 / tokens.len().max(1) as f32
}

/// Each term of `text` with its frequency and the word it first comes from.
fn term_counts(lang: &str, text: &str) -> HashMap<String, (u32, String)> {
    let mut analyzer = analysis::analyzer_for_key(analysis::key(lang), analysis::Side::Query);
    let mut tf: HashMap<String, (u32, String)> = HashMap::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let term = &token.text;
        if is_weighable(term) {
            let word = text.get(token.offset_from..token.offset_to).unwrap_or(term).to_string();
            tf.entry(term.clone()).or_insert((0, word)).0 += 1;
        }
    }
    tf
}

/// Whether a term can say what a text is about: two characters or more, not a number.
pub(crate) fn is_weighable(term: &str) -> bool {
    term.chars().nth(1).is_some() && !term.chars().all(|c| c.is_ascii_digit())
}

/// Picks the terms of `text` that best tell it apart, weighted, best first.
pub(crate) fn choose_terms(searcher: &Searcher, field: Field, lang: &str, text: &str) -> Vec<TermWeight> {
    let tf = term_counts(lang, text);
    let n = searcher.num_docs() as f32;
    let mut terms: Vec<TermWeight> = tf
        .into_iter()
        .filter_map(|(term, (tf, word))| {
            let df = searcher.doc_freq(&Term::from_field_text(field, &term)).ok()? as f32;
            if df < 1.0 || df > MAX_DF_RATIO * n && n >= MIN_PASSAGES_FOR_DF_CUT {
                return None;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let tf = tf as f32;
            Some(TermWeight { term, word, field, weight: tf * (K1 + 1.0) / (tf + K1) * idf })
        })
        .collect();
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
    terms.truncate(MAX_TERMS);
    terms
}

/// An OR query of the terms, each on its own field, boosted by its weight.
pub(crate) fn terms_query(terms: &[TermWeight]) -> Box<dyn Query> {
    let clauses = terms
        .iter()
        .map(|t| {
            let q = TermQuery::new(Term::from_field_text(t.field, &t.term), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), t.weight)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}
