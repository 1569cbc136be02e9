//! Latency benchmark: query classes generated from the index's own text (or read from
//! a file), timed through briefs and, side by side, through a plain tantivy searcher.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{MoreLikeThisQuery, QueryParser};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::options::{Example, LikeOptions, Limit, SearchOptions};
use crate::query::like::Like;
use crate::query::plan::Plan;
use crate::query::{Mode, QueryContext};
use crate::Engine;

/// Results per query, as `briefs search` shows by default.
const TOP: usize = 10;

/// A class of queries, timed separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// One word.
    OneTerm,
    /// Two required words.
    And2,
    /// Two words, either.
    Or2,
    /// A two-word phrase.
    Phrase,
    /// A natural-language question (plain words).
    Natural,
    /// A natural-language question with pseudo-relevance feedback (two rounds).
    Feedback,
    /// A question with the snippets of its top 10.
    Snippets,
    /// More like a passage.
    Like,
}

impl Class {
    /// Every class, in report order.
    pub const ALL: [Class; 8] = [
        Class::OneTerm,
        Class::And2,
        Class::Or2,
        Class::Phrase,
        Class::Natural,
        Class::Feedback,
        Class::Snippets,
        Class::Like,
    ];

    /// The class's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Class::OneTerm => "1 term",
            Class::And2 => "2-term AND",
            Class::Or2 => "2-term OR",
            Class::Phrase => "phrase",
            Class::Natural => "natural language",
            Class::Feedback => "natural + feedback",
            Class::Snippets => "search + snippets",
            Class::Like => "like",
        }
    }
}

/// One benchmark query: its class and its text (a passage id for `like`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchQuery {
    /// Its class.
    pub class: Class,
    /// The query text, or a passage id for `like`.
    pub text: String,
}

/// Latency figures of one class, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The class.
    pub class: Class,
    /// Timed runs.
    pub count: usize,
    /// Median, ms.
    pub p50: f64,
    /// 90th percentile, ms.
    pub p90: f64,
    /// 99th percentile, ms.
    pub p99: f64,
    /// Mean, ms.
    pub mean: f64,
    /// Queries per second, one at a time.
    pub qps: f64,
}

/// A benchmark report: briefs, and the plain tantivy baseline when asked.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// briefs, per class.
    pub briefs: Vec<Stats>,
    /// The baseline, per class, when run.
    pub baseline: Option<Vec<Stats>>,
}

/// Words of a stored passage usable as query words: letters only, at least 4 of them.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 4).collect()
}

/// Generates `per_class` queries of every class from passages picked with `seed`.
/// `natural` replaces the generated natural-language questions when given.
pub fn generate(
    engine: &Engine,
    per_class: usize,
    seed: u64,
    natural: Option<Vec<String>>,
) -> Result<Vec<BenchQuery>> {
    let ctx = engine.context();
    let addresses = all_addresses(&ctx.searcher);
    if addresses.is_empty() {
        return Err(empty(&ctx));
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < per_class * 6 && tries < per_class * 200 {
        tries += 1;
        let addr = addresses[rng.usize(..addresses.len())];
        let doc: TantivyDocument = ctx.searcher.doc(addr)?;
        let record = ctx.store.fields().to_record(&doc);
        let w = content_words(&ctx, &record.lang, &record.text);
        if w.len() < 11 {
            continue;
        }
        let i = rng.usize(..w.len() - 10);
        out.extend(candidates(&w[i..i + 10], &record.id));
    }
    let natural: Vec<String> = match natural {
        Some(list) => list,
        None => out.iter().filter(|q| q.class == Class::Natural).map(|q| q.text.clone()).collect(),
    };
    out.retain(|q| q.class != Class::Natural);
    out.extend(natural.iter().map(|t| BenchQuery { class: Class::Natural, text: t.clone() }));
    for class in [Class::Feedback, Class::Snippets] {
        out.extend(natural.iter().take(per_class).map(|t| BenchQuery { class, text: t.clone() }));
    }
    Ok(out)
}

/// The words of a passage that its language's query analyser keeps (no stop words).
fn content_words<'a>(ctx: &QueryContext, lang: &str, text: &'a str) -> Vec<&'a str> {
    let name = crate::analysis::text_field_name(crate::analysis::key(lang));
    let Some(mut analyzer) = ctx.tokenizers.get(&name) else { return Vec::new() };
    words(text).into_iter().filter(|w| !crate::analysis::tokens(&mut analyzer, w).is_empty()).collect()
}

/// One query of each generated class from ten consecutive content words of a passage.
fn candidates(w: &[&str], id: &str) -> [BenchQuery; 6] {
    let q = |class, text: String| BenchQuery { class, text };
    [
        q(Class::OneTerm, w[0].to_string()),
        q(Class::And2, format!("+{} +{}", w[0], w[1])),
        q(Class::Or2, format!("{} OR {}", w[0], w[2])),
        q(Class::Phrase, format!("\"{} {}\"", w[0], w[1])),
        q(Class::Natural, w.join(" ")),
        q(Class::Like, id.to_string()),
    ]
}

fn all_addresses(searcher: &Searcher) -> Vec<DocAddress> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        out.extend(segment.doc_ids_alive().map(|d| DocAddress::new(ord as u32, d)));
    }
    out
}

/// Reads natural-language questions from `ID<TAB>QUERY` lines.
///
/// # Errors
/// As [`crate::eval::load_queries`], and [`Error::BadInput`] for a file with no query.
pub fn load_queries(path: &Path) -> Result<Vec<String>> {
    let queries: Vec<String> = crate::eval::load_queries(path)?.into_iter().map(|(_, q)| q).collect();
    if queries.is_empty() {
        let expected = "expected at least one ID<TAB>QUERY line".to_string();
        return Err(Error::BadInput { path: path.to_path_buf(), line: 1, expected });
    }
    Ok(queries)
}

/// The error for an index with nothing to benchmark.
fn empty(ctx: &QueryContext) -> Error {
    Error::EmptyIndex { path: ctx.store.dir().to_path_buf(), need: "nothing to benchmark".into() }
}

/// Runs one query through briefs, as `briefs search` and `briefs like` run it.
fn run_briefs(engine: &Engine, ctx: &QueryContext, q: &BenchQuery) -> Result<usize> {
    let natural = matches!(q.class, Class::Natural | Class::Feedback | Class::Snippets);
    let mode = if natural { Mode::Plain } else { Mode::Lenient };
    let feedback = q.class == Class::Feedback;
    let opts = SearchOptions { mode, feedback, limit: Limit::new(TOP)?, ..SearchOptions::default() };
    match q.class {
        Class::Snippets => Ok(engine.search(&q.text, &opts)?.hits.len()),
        Class::Like => {
            let like = LikeOptions { limit: Limit::new(TOP)?, ..LikeOptions::default() };
            Ok(Like::new(ctx).run(&Example::Id(q.text.clone()), &like)?.hits.len())
        }
        _ => Ok(Plan::new(ctx, &q.text, &opts)?.run(&ctx.searcher, TOP)?.len()),
    }
}

/// A plain tantivy searcher: default query parser over one text field, top 10.
pub struct Baseline {
    parser: QueryParser,
    field: Field,
}

impl Baseline {
    /// The baseline over the engine's largest language field.
    ///
    /// # Errors
    /// [`Error::EmptyIndex`] when the index holds no text.
    pub fn new(engine: &Engine) -> Result<Baseline> {
        let ctx = engine.context();
        let live = ctx.live_fields(None);
        let field = live.iter().max_by_key(|f| f.docs).map(|f| f.field).ok_or_else(|| empty(&ctx))?;
        Ok(Baseline { parser: QueryParser::for_index(ctx.store.index(), vec![field]), field })
    }

    fn run(&self, ctx: &QueryContext, q: &BenchQuery) -> Result<usize> {
        let searcher = &ctx.searcher;
        if q.class == Class::Like {
            let query = MoreLikeThisQuery::builder().with_document(ctx.address_of(&q.text)?);
            return Ok(searcher.search(&query, &TopDocs::with_limit(TOP).order_by_score())?.len());
        }
        let (query, _) = self.parser.parse_query_lenient(&q.text);
        let top = searcher.search(&query, &TopDocs::with_limit(TOP).order_by_score())?;
        if q.class == Class::Snippets {
            let generator = SnippetGenerator::create(searcher, query.as_ref(), self.field)?;
            for (_, addr) in &top {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                std::hint::black_box(generator.snippet_from_doc(&doc));
            }
        }
        Ok(top.len())
    }
}

/// Times every query `iterations` times after one warm-up pass, in an order shuffled
/// with `seed`, through briefs and (if given) the baseline. The two engines run each
/// query back to back, in alternating order, so that machine noise hits both alike.
pub fn run(
    engine: &Engine,
    queries: &[BenchQuery],
    iterations: usize,
    seed: u64,
    baseline: Option<&Baseline>,
) -> Result<Report> {
    let ctx = engine.context();
    let briefs_run = |q: &BenchQuery| run_briefs(engine, &ctx, q);
    let base_run = |q: &BenchQuery| baseline.map(|b| b.run(&ctx, q)).transpose();
    for q in queries {
        std::hint::black_box((briefs_run(q)?, base_run(q)?));
    }
    let mut order: Vec<usize> = (0..queries.len()).flat_map(|i| std::iter::repeat_n(i, iterations)).collect();
    fastrand::Rng::with_seed(seed).shuffle(&mut order);
    let (mut ours, mut theirs) = (Vec::with_capacity(order.len()), Vec::with_capacity(order.len()));
    for (n, i) in order.into_iter().enumerate() {
        let q = &queries[i];
        let ours_first = n % 2 == 0;
        let first =
            if ours_first { timed(|| briefs_run(q).map(keep))? } else { timed(|| base_run(q).map(keep))? };
        let second =
            if ours_first { timed(|| base_run(q).map(keep))? } else { timed(|| briefs_run(q).map(keep))? };
        let (da, db) = if ours_first { (first, second) } else { (second, first) };
        ours.push((q.class, da));
        theirs.push((q.class, db));
    }
    let table = |times: &[(Class, Duration)]| Class::ALL.iter().filter_map(|c| stats(*c, times)).collect();
    Ok(Report { briefs: table(&ours), baseline: baseline.map(|_| table(&theirs)) })
}

/// How long `f` takes.
fn timed(f: impl FnOnce() -> Result<()>) -> Result<Duration> {
    let started = Instant::now();
    f()?;
    Ok(started.elapsed())
}

/// Keeps a result from being optimised away.
fn keep<T>(value: T) {
    std::hint::black_box(value);
}

/// Percentiles (nearest rank), mean and throughput of one class's timings.
pub fn stats(class: Class, times: &[(Class, Duration)]) -> Option<Stats> {
    let mut ms: Vec<f64> =
        times.iter().filter(|(c, _)| *c == class).map(|(_, d)| d.as_secs_f64() * 1e3).collect();
    if ms.is_empty() {
        return None;
    }
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    let total: f64 = ms.iter().sum();
    Some(Stats {
        class,
        count: ms.len(),
        p50: pct(0.50),
        p90: pct(0.90),
        p99: pct(0.99),
        mean: total / ms.len() as f64,
        qps: ms.len() as f64 / (total / 1e3),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let times: Vec<(Class, Duration)> =
            (1..=100).map(|i| (Class::OneTerm, Duration::from_millis(i))).collect();
        let s = stats(Class::OneTerm, &times).unwrap();
        assert_eq!((s.count, s.p50, s.p90, s.p99), (100, 50.0, 90.0, 99.0));
        assert!((s.mean - 50.5).abs() < 1e-9);
        assert!(stats(Class::Like, &times).is_none());
    }

    #[test]
    fn query_words_are_letters() {
        assert_eq!(words("The 2nd army's tanks, near Kyiv."), ["army", "tanks", "near", "Kyiv"]);
    }
}
