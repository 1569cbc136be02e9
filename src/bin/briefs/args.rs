//! Command-line arguments (clap) and their validation into a [`Config`].

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use briefs::config::{IndexOptions, SearchOptions, MAX_LIMIT};
use briefs::like::{Example, LikeOptions};
use briefs::render::Style;

/// Passage search for defence and security briefs.
#[derive(Debug, Parser)]
#[command(name = "briefs", version, about)]
pub struct Cli {
    /// Index folder.
    #[arg(long, global = true, env = "BRIEFS_INDEX")]
    index: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// No progress bar.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Index files and folders (.txt, .md, .jsonl, .jsonl.gz); updates what changed.
    Index {
        /// Files or folders to index.
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        /// Rebuild the index from scratch.
        #[arg(long)]
        full: bool,
        /// Passages written between two commits (a crash loses at most this much work).
        #[arg(long, default_value_t = briefs::config::COMMIT_EVERY as u64, value_parser = clap::value_parser!(u64).range(1..))]
        commit_every: u64,
    },
    /// Search passages with tantivy query syntax.
    Search {
        /// The query: words, "phrases", AND/OR/NOT, field:term.
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Treat the query as plain words (no query syntax).
        #[arg(long)]
        plain: bool,
    },
    /// Passages most like a given passage (by id), or like text given with --text or on stdin (`-`).
    Like {
        /// A passage id as search prints it (DOC#N), or `-` to read text from standard input.
        #[arg(required_unless_present = "text")]
        id: Option<String>,
        /// Text to find passages like.
        #[arg(long, conflicts_with = "id")]
        text: Option<String>,
        /// Leave out passages of the same document.
        #[arg(long)]
        other_docs: bool,
        /// Number of passages.
        #[arg(short = 'n', long = "limit", default_value_t = 10)]
        limit: usize,
        /// One JSON object per line: the chosen terms first, then the hits.
        #[arg(long)]
        json: bool,
    },
    /// Latency benchmark per query class on an existing index.
    Bench {
        /// Natural-language questions (ID<TAB>QUERY lines); generated from the index otherwise.
        #[arg(long)]
        queries: Option<PathBuf>,
        /// Timed runs of every query.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=1000))]
        iterations: u64,
        /// Generated queries per class.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        per_class: u64,
        /// Seed of the query generation and shuffling.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Also run the queries through a plain tantivy searcher and print the ratios.
        #[arg(long)]
        baseline: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Relevance evaluation on a judged collection (nDCG@10, recall@100, MRR@10, MAP@100).
    Eval {
        /// Corpus: JSON lines with id, title, text.
        #[arg(long)]
        corpus: PathBuf,
        /// Queries: ID<TAB>TEXT lines.
        #[arg(long, required_unless_present = "like")]
        queries: Option<PathBuf>,
        /// TREC qrels: QID 0 DOCID GRADE.
        #[arg(long)]
        qrels: PathBuf,
        /// Write the ranking as a TREC run file.
        #[arg(long)]
        run: Option<PathBuf>,
        /// Evaluate `like` by example instead (recall@10 and nDCG@10 against tantivy's
        /// MoreLikeThisQuery and a BM25 OR-query); --queries is then not needed.
        #[arg(long)]
        like: bool,
        /// Print the metrics as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Options shared by the commands that list passages.
#[derive(Debug, clap::Args)]
struct Filters {
    /// Number of passages.
    #[arg(short = 'n', long = "limit", default_value_t = 10)]
    limit: usize,
    /// Only passages in this language (ISO 639-1 code, e.g. fr).
    #[arg(long)]
    lang: Option<String>,
    /// Only passages whose source matches these words.
    #[arg(long)]
    source: Option<String>,
    /// Only passages dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only passages dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

/// What to do, validated.
#[derive(Debug)]
pub enum Command {
    Index(IndexOptions),
    Search { query: String, opts: SearchOptions },
    Like { example: Example, opts: LikeOptions },
    Eval(EvalArgs),
    Bench(BenchArgs),
}

/// What `briefs bench` runs.
#[derive(Debug)]
pub struct BenchArgs {
    pub queries: Option<PathBuf>,
    pub iterations: usize,
    pub per_class: usize,
    pub seed: u64,
    pub baseline: bool,
}

/// What `briefs eval` reads and writes.
#[derive(Debug)]
pub struct EvalArgs {
    pub corpus: PathBuf,
    pub queries: Option<PathBuf>,
    pub like: bool,
    pub qrels: PathBuf,
    pub run: Option<PathBuf>,
    /// The index given with `--index`, if any (otherwise a temporary one).
    pub index: Option<PathBuf>,
}

/// The validated configuration of one run.
#[derive(Debug)]
pub struct Config {
    pub index_dir: PathBuf,
    pub style: Style,
    pub quiet: bool,
    pub command: Command,
}

impl Cli {
    /// Validates the arguments once.
    pub fn into_config(self) -> Result<Config> {
        let color = match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => crate::stdout_is_colour_terminal(),
        };
        let json = self.command.json();
        let style = if json {
            Style::Json
        } else if color {
            Style::Ansi
        } else {
            Style::Plain
        };
        let command = self.command.into_command(self.index.clone())?;
        let index_dir = self.index.unwrap_or_else(|| PathBuf::from("index"));
        Ok(Config { index_dir, style, quiet: self.quiet, command })
    }
}

impl Cmd {
    /// Whether the command was asked for JSON output.
    fn json(&self) -> bool {
        match self {
            Cmd::Index { .. } => false,
            Cmd::Search { filters, .. } => filters.json,
            Cmd::Like { json, .. } | Cmd::Bench { json, .. } | Cmd::Eval { json, .. } => *json,
        }
    }

    /// The validated command; `given_index` is the `--index` the user gave, if any.
    fn into_command(self, given_index: Option<PathBuf>) -> Result<Command> {
        Ok(match self {
            Cmd::Index { paths, full, commit_every } => {
                Command::Index(IndexOptions { roots: paths, full, commit_every: commit_every as usize })
            }
            Cmd::Search { query, filters, plain } => {
                Command::Search { query, opts: filters.into_options(plain)? }
            }
            Cmd::Like { id, text, other_docs, limit, .. } => {
                check_limit(limit)?;
                let opts = LikeOptions { limit, other_docs, ..LikeOptions::default() };
                Command::Like { example: example(id, text)?, opts }
            }
            Cmd::Bench { queries, iterations, per_class, seed, baseline, .. } => {
                let (iterations, per_class) = (iterations as usize, per_class as usize);
                Command::Bench(BenchArgs { queries, iterations, per_class, seed, baseline })
            }
            Cmd::Eval { corpus, queries, qrels, run, like, .. } => {
                Command::Eval(EvalArgs { corpus, queries, like, qrels, run, index: given_index })
            }
        })
    }
}

impl Filters {
    fn into_options(self, plain: bool) -> Result<SearchOptions> {
        check_limit(self.limit)?;
        for date in [&self.since, &self.until].into_iter().flatten() {
            check_date(date)?;
        }
        if let Some(lang) = &self.lang {
            if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
                bail!("--lang takes a two-letter ISO 639-1 code such as en or fr, got {lang:?}");
            }
        }
        Ok(SearchOptions {
            limit: self.limit,
            lang: self.lang,
            source: self.source,
            since: self.since,
            until: self.until,
            plain,
            ..SearchOptions::default()
        })
    }
}

fn check_limit(limit: usize) -> Result<()> {
    if limit == 0 || limit > MAX_LIMIT {
        bail!("-n must be between 1 and {MAX_LIMIT}, got {limit}");
    }
    Ok(())
}

/// The example of `like`: an id, inline text, or text read from standard input.
fn example(id: Option<String>, text: Option<String>) -> Result<Example> {
    let text = match (id, text) {
        (_, Some(text)) => text,
        (Some(id), None) if id == "-" => {
            let mut buf = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)?;
            buf
        }
        (Some(id), None) => return Ok(Example::Id(id)),
        (None, None) => bail!("give a passage id, `-` for standard input, or --text"),
    };
    if text.trim().is_empty() {
        bail!("the example text is empty");
    }
    Ok(Example::Text(text))
}

/// Accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`.
fn check_date(date: &str) -> Result<()> {
    let ok = match date.len() {
        4 | 7 | 10 => {
            date.chars().enumerate().all(
                |(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                },
            )
        }
        _ => false,
    };
    if !ok {
        bail!("dates are YYYY, YYYY-MM or YYYY-MM-DD, got {date:?}");
    }
    Ok(())
}

/// A progress bar on a terminal, hidden otherwise or with `--quiet`.
pub fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
