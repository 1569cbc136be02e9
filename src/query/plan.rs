//! The per-language plan: one filtered part of the query per live language field,
//! each weighted by how likely the query is written in that language, each run with
//! its own language's BM25 statistics.

use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur as TOccur, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, Score, Searcher, Term};

use super::context::{self, context_terms, ContextPart, Runs, CONTEXT_DEPTH};

use super::build::{self, has_positive, positive_text, Builder};
use super::count::{MatchCollector, Matches};
use super::excluded::Excluded;
use super::expand::{self, Expansion};
use super::feedback::{self, FeedbackPart, FEEDBACK_DEPTH};
use super::filter::filtered;
use super::headed::Headed;
use super::highlight::Matcher;
use super::hits::Matchers;
use super::parse::{parse, Clause, Node, Occur};
use super::stats::LanguageStats;
#[cfg(doc)]
use super::titled;
use super::{merge, QueryContext};
use super::{presence, proximity};
use crate::analysis;
use crate::error::{Error, Result};
use crate::ingest::detect;
use crate::options::SearchOptions;
use crate::schema::Fields;
use crate::store::{read_document_runs, DocumentRuns, LanguagePostings, LiveField};

/// Weight of a language part other than the query's own language.
const OTHER_LANGUAGE_WEIGHT: Score = 0.5;
/// Weight of a passage's heading field (title, section path, tags) against its text.
/// Measured with `briefs eval` (nDCG@10, weights 0–1 tried on cran and scifact, 0.2
/// and 0.3 checked on cran-para, scifact-para, xquad-r-en, piaf-fr and med): 0.2 gains
/// on every set with titles but piaf-fr (unchanged), higher weights lose on scifact.
pub(crate) const HEADING_WEIGHT: Score = 0.2;
/// Least weight of a part: one whose vocabulary has none of the query's words can still
/// match the other names of an entity the query names (`НАТО` finds French `OTAN`).
const MIN_PART_WEIGHT: Score = 0.1;
/// The most another language may cover of the query, relative to the query's own
/// language, for that one to count as the query's language (see [`query_language`]).
const CLEAR_LEAD: Score = 0.75;

/// One language's share of a query.
pub(crate) struct Part {
    pub(crate) query: Box<dyn Query>,
    pub(crate) weight: Score,
    pub(crate) docs: u64,
    /// The language field searched.
    pub(crate) field: Field,
    /// What to highlight in this language's passages.
    pub(crate) matcher: Matcher,
    /// The words searched in `field`, for the document context (see [`context`]).
    pub(crate) terms: Vec<(Term, u32)>,
    /// The same terms, each with the query word it stands for (see [`proximity`]).
    pub(crate) words: Vec<(Term, usize)>,
}

/// A query planned over the language fields.
pub(crate) struct Plan {
    pub(crate) parts: Vec<Part>,
    /// What the parser repaired, one line each.
    pub(crate) notes: Vec<String>,
    /// The names and spellings the query's words were expanded to (each once).
    pub(crate) expansions: Vec<Expansion>,
    /// Documents and passages in the index.
    documents: u64,
    passages: u64,
    /// The searcher planned on: its generation, document runs and language postings.
    commit: (u64, DocumentRuns, Arc<LanguagePostings>),
    /// With feedback, the fields its passages are read through (see [`feedback`]).
    feedback: Option<Fields>,
    /// Whether passages found by their title alone are lowered (see [`titled`]): not
    /// when a prefix or fuzzy word, whose terms the positions read do not list, may be
    /// what a passage's text holds.
    lower_titles: bool,
}

impl Plan {
    /// Plans `text` with the options' filters over the live languages.
    pub(crate) fn new(ctx: &QueryContext, text: &str, opts: &SearchOptions) -> Result<Plan> {
        let mut parsed = parse(text, opts.mode)?;
        // `-S 300` leaves out the S-300: designations join before exclusions are split off.
        parsed.clauses = expand::designations(parsed.clauses);
        if !has_positive(&parsed.clauses) {
            let reason = "the query only excludes words (-word, NOT word); add a word to search for";
            return Err(Error::bad_query(text, reason));
        }
        let live = ctx.live_fields(opts.lang.as_ref().map(|l| l.as_str()));
        let weights = language_weights(ctx, &positive_text(&parsed.clauses), &live);
        let mut parts = Vec::with_capacity(live.len());
        let mut expansions: Vec<Expansion> = Vec::new();
        let query_lang = query_language(&live, &weights);
        let excluded = exclusions(ctx, &ctx.live_fields(None), &parsed.clauses);
        // The top-level exclusions wrap every part (see [`exclusions`]): not built twice.
        let searched: Vec<Clause> =
            parsed.clauses.iter().filter(|c| c.occur != Occur::MustNot).cloned().collect();
        let common = common_capitalised(ctx, &live, &searched);
        for (f, weight) in live.iter().zip(weights) {
            let foreign = query_lang.filter(|q| *q != f.key);
            let Some((query, matcher, found)) = build_part(ctx, f, &searched, foreign, &common) else {
                continue;
            };
            let query = without(query, excluded.as_deref());
            found.into_iter().for_each(|e| e.merge_into(&mut expansions));
            let query = filtered(ctx.store, query, opts)?;
            let terms = context_terms(query.as_ref(), f.field);
            let words = proximity::query_words(query.as_ref(), f.field);
            parts.push(Part { query, weight, docs: f.docs, field: f.field, matcher, terms, words });
        }
        let documents = ctx.store.documents(&ctx.searcher);
        let generation = ctx.searcher.generation().generation_id();
        let commit = (generation, ctx.store.document_runs(&ctx.searcher), ctx.postings.clone());
        let passages = ctx.searcher.num_docs();
        let feedback = opts.feedback.then(|| ctx.store.fields().clone());
        let mut notes = parsed.notes;
        notes.extend(absent_languages(ctx, opts, &parsed.clauses));
        let lower_titles = !has_unlisted_terms(&parsed.clauses);
        Ok(Plan { parts, notes, expansions, documents, passages, commit, feedback, lower_titles })
    }

    /// Runs the query (see [`Plan::round`]); with feedback, re-scores its passages with
    /// the words of its best passages (see [`feedback`]).
    pub(crate) fn run(&self, searcher: &Searcher, limit: usize) -> Result<Vec<(Score, DocAddress)>> {
        let (runs, postings) = self.commit(searcher);
        let Some(fields) = &self.feedback else {
            return self.round(searcher, &runs, &postings, limit);
        };
        let mut ranked = self.round(searcher, &runs, &postings, limit.max(FEEDBACK_DEPTH))?;
        let parts: Vec<FeedbackPart> = self
            .parts
            .iter()
            .filter(|p| p.weight > 0.0)
            .map(|p| FeedbackPart {
                field: p.field,
                docs: p.docs,
                words: p.terms.iter().map(|(_, n)| n).sum(),
                weight: p.weight,
            })
            .collect();
        feedback::rescore(searcher, &postings, fields, &parts, &mut ranked)?;
        ranked.truncate(limit);
        Ok(ranked)
    }

    /// Runs every part's query with its own statistics, weights the scores, merges them
    /// (see [`merge`]), lifts the passages with their query words' proximity (see
    /// [`proximity`]), then with their documents' context (see [`context`]), and keeps
    /// the best `limit`.
    fn round(
        &self,
        searcher: &Searcher,
        runs: &DocumentRuns,
        postings: &LanguagePostings,
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let live = || self.parts.iter().filter(|p| p.weight > 0.0);
        let with_context = live().any(|p| !p.terms.is_empty());
        let depth = if with_context { limit.max(CONTEXT_DEPTH) } else { limit.max(1) };
        let collector = TopDocs::with_limit(depth).order_by_score();
        let mut scored: Vec<(Score, DocAddress)> = Vec::new();
        for part in live() {
            let stats = LanguageStats { searcher, docs: part.docs, postings };
            let top = searcher.search_with_statistics_provider(part.query.as_ref(), &collector, &stats)?;
            scored.extend(top.into_iter().map(|(s, a)| (s * part.weight, a)));
        }
        // Every part's own best stay until the lifts: document context can lower a
        // passage (one of a long document about something else), and a cut across parts
        // before it would lose another language's passage that ends above it.
        let mut top = if with_context { merge(scored, usize::MAX) } else { merge(scored, depth) };
        if with_context {
            let parts: Vec<ContextPart> = live()
                .map(|p| ContextPart {
                    field: p.field,
                    weight: p.weight,
                    stats: LanguageStats { searcher, docs: p.docs, postings },
                    documents: context::documents_in(self.documents, p.docs, self.passages),
                    terms: &p.terms,
                    words: &p.words,
                })
                .collect();
            let titles = proximity::lift(searcher, &parts, &mut top)?;
            presence::lift(searcher, &parts, &mut top)?;
            context::lift(searcher, &Runs::new(runs.clone()), &parts, &mut top)?;
            if self.lower_titles {
                titles.lower(&mut top);
            }
        }
        top.truncate(limit);
        Ok(top)
    }

    /// The document runs and language postings of `searcher`'s commit: those planned on,
    /// or for another commit its runs read now and tantivy's own statistics.
    fn commit(&self, searcher: &Searcher) -> (DocumentRuns, Arc<LanguagePostings>) {
        match &self.commit {
            (generation, runs, postings) if *generation == searcher.generation().generation_id() => {
                (runs.clone(), postings.clone())
            }
            _ => (read_document_runs(searcher), Arc::default()),
        }
    }

    /// Every passage the parts match, each once.
    pub(crate) fn matches(&self, searcher: &Searcher) -> Result<Matches> {
        let mut all = Matches::default();
        for part in &self.parts {
            all.union(searcher.search(part.query.as_ref(), &MatchCollector)?);
        }
        Ok(all)
    }

    /// What to highlight in each language field's passages.
    pub(crate) fn matchers(&self) -> Matchers {
        self.parts.iter().map(|p| (p.field, p.matcher.clone())).collect()
    }
}

/// Whether a clause searches words its query does not list as terms (a prefix, a fuzzy
/// word).
fn has_unlisted_terms(clauses: &[Clause]) -> bool {
    clauses.iter().any(|c| match &c.node {
        Node::Prefix { .. } | Node::Fuzzy { .. } => true,
        Node::Group(inner) => has_unlisted_terms(inner),
        _ => false,
    })
}

/// A note for each language that `--lang` or a top-level `lang:` filter names and no
/// passage of the index is in (`ua` for `uk`).
fn absent_languages(ctx: &QueryContext, opts: &SearchOptions, clauses: &[Clause]) -> Vec<String> {
    let typed = clauses.iter().filter_map(|c| match &c.node {
        Node::Word { text, field: Some(f) } if f == "lang" && c.occur != Occur::MustNot => {
            Some(text.to_lowercase())
        }
        _ => None,
    });
    let mut named: Vec<String> = opts.lang.iter().map(|l| l.as_str().to_string()).chain(typed).collect();
    named.dedup();
    let field = ctx.store.fields().lang;
    named
        .into_iter()
        .filter(|lang| ctx.searcher.doc_freq(&Term::from_field_text(field, lang)).unwrap_or(0) == 0)
        .map(|lang| {
            format!("no passage of the index is in language {lang} (`briefs stats` lists its languages)")
        })
        .collect()
}

/// One language's query and matcher; stop words are searched when the query has
/// nothing else in this language.
fn build_part(
    ctx: &QueryContext,
    f: &LiveField,
    clauses: &[Clause],
    query_lang: Option<&'static str>,
    common: &[String],
) -> Option<(Box<dyn Query>, Matcher, Vec<Expansion>)> {
    let build = |field: Field, keep_stops: bool| {
        let mut builder = builder(ctx, f, field, query_lang);
        builder.common_words = common.to_vec();
        builder.keep_stops = keep_stops;
        builder.acronyms = build::capitals_are_acronyms(clauses, ctx.aliases);
        builder.near = build::searches_near_spellings(clauses);
        builder.clauses(clauses).map(|q| (q, (builder.matcher, builder.expansions)))
    };
    let (keep_stops, (text, (matcher, expansions))) = match build(f.field, false) {
        Some(built) => (false, built),
        None => (true, build(f.field, true)?),
    };
    let head = ctx.store.fields().head_for(f.key);
    let query = match build(head, keep_stops) {
        Some((heads, _)) => Box::new(Headed::new(text, heads, HEADING_WEIGHT)) as Box<dyn Query>,
        None => text,
    };
    Some((query, matcher, expansions))
}

/// The query's capitalised words that are common words in a live language (see
/// [`build::common_words`]).
fn common_capitalised(ctx: &QueryContext, live: &[LiveField], clauses: &[Clause]) -> Vec<String> {
    let words: Vec<&str> = clauses
        .iter()
        .filter_map(|c| match &c.node {
            Node::Word { text, field: None } if text.chars().next().is_some_and(char::is_uppercase) => {
                Some(text.as_str())
            }
            _ => None,
        })
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let fields = ctx.store.fields();
    let live: Vec<_> = live.iter().map(|f| (f.key, f.field, fields.names_for_key(f.key))).collect();
    build::common_words(&ctx.searcher, &live, &words)
}

/// A query builder for one field of a language part.
fn builder<'c>(
    ctx: &'c QueryContext,
    f: &LiveField,
    field: Field,
    query_lang: Option<&'static str>,
) -> Builder<'c> {
    let mut builder = Builder::new(ctx.store.fields(), f.key, field, Some(ctx.aliases));
    builder.stats = Some(LanguageStats { searcher: &ctx.searcher, docs: f.docs, postings: &ctx.postings });
    builder.foreign_stops = query_lang.map(|q| analysis::analyzer_for_key(q, analysis::Side::Query));
    builder
}

/// Every passage that holds an excluded word of the query's top level, in any live
/// language's text or heading, under every name and spelling the word would be searched
/// by; `None` without exclusions. Each part excludes it as a whole: a part's own
/// exclusions cover only its own text field, and text-or-heading, `*`, `title:` or
/// `lang:` would let the others back in. Each excluded clause is built alone, as a
/// positive one, so that `-lang:fr` stays one exclusion among others.
fn exclusions(ctx: &QueryContext, live: &[LiveField], clauses: &[Clause]) -> Option<Box<dyn Query>> {
    let excluded: Vec<Clause> = clauses
        .iter()
        .filter(|c| c.occur == Occur::MustNot)
        .map(|c| Clause { occur: Occur::Should, node: c.node.clone() })
        .collect();
    if excluded.is_empty() {
        return None;
    }
    let acronyms = build::capitals_are_acronyms(clauses, ctx.aliases);
    let searched = build::searched_entities(clauses, ctx.aliases);
    let mut any: Vec<Box<dyn Query>> = Vec::new();
    for f in live {
        for field in [f.field, ctx.store.fields().head_for(f.key)] {
            for clause in &excluded {
                let mut builder = builder(ctx, f, field, None);
                builder.acronyms = acronyms;
                builder.near = build::searches_near_spellings(clauses);
                // `+Kyiv -Kiev`: one spelling of what is searched is excluded, not all.
                if build::names_one_of(clause, ctx.aliases, &searched) {
                    builder.as_typed();
                }
                // An excluded stop word (`-the`, `-au`) was typed to be excluded.
                builder.keep_stops = true;
                any.extend(builder.clauses(std::slice::from_ref(clause)));
            }
        }
    }
    (!any.is_empty()).then(|| Box::new(BooleanQuery::union(any)) as Box<dyn Query>)
}

/// `query` without the passages `excluded` matches.
fn without(query: Box<dyn Query>, excluded: Option<&dyn Query>) -> Box<dyn Query> {
    match excluded {
        Some(excluded) => {
            let excluded = Box::new(Excluded(excluded.box_clone()));
            Box::new(BooleanQuery::new(vec![(TOccur::Must, query), (TOccur::MustNot, excluded)]))
        }
        None => query,
    }
}

/// The language the query is written in: the one live language with the full weight
/// (see [`language_weights`]), provided every other covers at most [`CLEAR_LEAD`] of
/// what it covers. Without that lead the choice was whatlang's tie-break (`war in
/// Gaza` is as German as it is English), too weak to drop words from other languages.
fn query_language(live: &[LiveField], weights: &[Score]) -> Option<&'static str> {
    let mut full = live.iter().zip(weights).filter(|(_, w)| **w >= 1.0);
    let (Some((f, _)), None) = (full.next(), full.next()) else { return None };
    let clear = weights.iter().all(|w| *w >= 1.0 || *w <= OTHER_LANGUAGE_WEIGHT * CLEAR_LEAD);
    (live.len() >= 2 && clear).then_some(f.key)
}

/// How likely the query is written in each live language. The language whose
/// vocabulary covers most of the query's words (as that language analyses them) gets
/// weight 1, whatlang breaking ties; the others get [`OTHER_LANGUAGE_WEIGHT`] scaled
/// by their coverage relative to the best.
fn language_weights(ctx: &QueryContext, text: &str, live: &[LiveField]) -> Vec<Score> {
    if live.len() < 2 {
        return vec![1.0; live.len()];
    }
    if only_names(ctx.aliases, text) {
        // `Zelensky`, `Kyiv NATO`: a name is no word of one language, and each language
        // writes it its own way (`Zelenskyy`, `Zełenski`), found through its other names.
        return vec![1.0; live.len()];
    }
    let cover: Vec<Score> = live.iter().map(|f| coverage(ctx, text, f)).collect();
    if cover.iter().all(|c| *c <= 0.0) {
        // No evidence (prefixes, fuzzy words, unknown words): every language counts.
        return vec![1.0; live.len()];
    }
    let langs: Vec<whatlang::Lang> = live.iter().filter_map(|f| detect::lang_of_code(f.key)).collect();
    let named = whatlang::Detector::with_allowlist(langs).detect_lang(text).map(detect::code);
    let bonus = |f: &LiveField| if Some(f.key) == named.as_deref() { 0.01 } else { 0.0 };
    let scored: Vec<Score> = live.iter().zip(&cover).map(|(f, c)| c + bonus(f)).collect();
    let best = scored.iter().cloned().fold(0.0, Score::max);
    if best <= 0.0 {
        return vec![1.0; live.len()];
    }
    scored
        .iter()
        .map(|s| if *s >= best { 1.0 } else { (OTHER_LANGUAGE_WEIGHT * s / best).max(MIN_PART_WEIGHT) })
        .collect()
}

/// Words a query of names only has at most (`Kyiv`, `Zelensky Putin`, `United States
/// NATO`): a longer one is a question, and looking its words up costs.
const MAX_NAME_QUERY_WORDS: usize = 4;

/// Whether every word of the query is part of a name the alias table knows.
fn only_names(aliases: &crate::aliases::Aliases, text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')' | ',' | '+'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .take(MAX_NAME_QUERY_WORDS + 1)
        .collect();
    if words.is_empty() || words.len() > MAX_NAME_QUERY_WORDS {
        return false;
    }
    let named: usize = aliases.spans(&words).iter().map(|s| s.len).sum();
    named == words.len()
}

/// The share of the query's words, analysed as `f`'s language, found in `f`.
fn coverage(ctx: &QueryContext, text: &str, f: &LiveField) -> Score {
    let Some(mut analyzer) = ctx.tokenizers.get(&analysis::text_field_name(f.key)) else {
        return 0.0;
    };
    let tokens = analysis::tokens(&mut analyzer, text);
    if tokens.is_empty() {
        return 0.0;
    }
    let found = tokens
        .iter()
        .filter(|t| ctx.searcher.doc_freq(&Term::from_field_text(f.field, t)).unwrap_or(0) > 0)
        .count();
    found as Score / tokens.len() as Score
}
