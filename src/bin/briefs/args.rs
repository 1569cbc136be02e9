//! The arguments as clap parses them, before validation (ripgrep's `LowArgs`); see
//! [`crate::config`] for the validated form.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Passage search for defence and security briefs.
#[derive(Debug, Parser)]
#[command(name = "briefs", version, about)]
pub struct Cli {
    /// Index folder.
    #[arg(long, global = true, env = "BRIEFS_INDEX")]
    pub index: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// No progress bar.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Cmd,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Index files and folders (.txt, .md, .jsonl, .jsonl.gz); updates what changed.
    Index {
        /// Files or folders to index.
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        /// Rebuild the index from scratch.
        #[arg(long)]
        full: bool,
        /// Passages written between two commits (a crash loses at most this much work).
        #[arg(long, default_value_t = briefs::options::COMMIT_EVERY as u64, value_parser = clap::value_parser!(u64).range(1..))]
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
    /// Serve a search page and a JSON API over HTTP (read-only; loopback only unless --public).
    Serve {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: SocketAddr,
        /// Allow listening on a non-loopback address: the API has no accounts, so anyone
        /// who reaches the address can search the index.
        #[arg(long)]
        public: bool,
        /// Log one line per request on stderr (as does BRIEFS_LOG=debug).
        #[arg(long, short)]
        verbose: bool,
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
pub struct Filters {
    /// Number of passages.
    #[arg(short = 'n', long = "limit", default_value_t = 10)]
    pub limit: usize,
    /// Only passages in this language (ISO 639-1 code, e.g. fr).
    #[arg(long)]
    pub lang: Option<String>,
    /// Only passages whose source matches these words.
    #[arg(long)]
    pub source: Option<String>,
    /// Only passages dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only passages dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}
