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

/// Orders of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    Relevance,
    Date,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Index files and folders (.txt .md .jsonl .jsonl.gz .pdf .docx .html .htm .eml); updates what changed.
    Index {
        /// Files or folders to index; none: refresh every folder and file indexed so far
        /// (or index `seeds` into a new index).
        paths: Vec<PathBuf>,
        /// Rebuild the index from scratch (committed once, at the end: the index before
        /// stays whole until then).
        #[arg(long)]
        full: bool,
        /// Passages written between two commits (a crash loses at most this much work; a
        /// --full rebuild commits once).
        #[arg(long, default_value_t = briefs::options::COMMIT_EVERY as u64, value_parser = clap::value_parser!(u64).range(1..))]
        commit_every: u64,
    },
    /// Remove the passages of files and folders from the index (they need not exist any
    /// more); an indexed root among them is forgotten.
    Remove {
        /// Files or folders whose passages to remove.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// What the index holds: roots, files, documents, passages per language, source and
    /// year, size and last update.
    Stats {
        /// Print as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Search passages: words as typed, with "phrases", AND/OR/NOT, +must, -not,
    /// title:/section:/source:/lang:, prefix* and fuzzy~1 when you want them.
    Search {
        /// The query; several words are one query (quotes not needed, and `-word` excludes a
        /// word wherever it stands: options are told apart by name).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[command(flatten)]
        filters: Filters,
        /// Search the words as typed: no operator has a meaning.
        #[arg(long, visible_alias = "plain", conflicts_with = "strict")]
        literal: bool,
        /// Refuse a query with a syntax slip (unclosed quote, dangling AND…) instead of
        /// repairing it: exit 2, for scripts that want to know.
        #[arg(long)]
        strict: bool,
        /// A file of names to expand, on top of the built-in table and the index
        /// folder's aliases.tsv (one entity a line, names separated by TAB or " | ").
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
        /// Say which names and spellings the query's words were expanded to, which the
        /// index holds, and which each hit holds.
        #[arg(long)]
        explain: bool,
        /// Run the query again with the words of its best passages added (pseudo-
        /// relevance feedback): finds more on a broad topic, can drift on a pointed
        /// question.
        #[arg(long)]
        feedback: bool,
    },
    /// Passages most like a given passage (by id), or like text given with --text or on stdin (`-`).
    Like {
        /// A passage id as search prints it (DOC#N), or `-` to read text from standard input.
        #[arg(required_unless_present = "text")]
        id: Option<String>,
        /// Text to find passages like.
        #[arg(long, conflicts_with = "id", allow_hyphen_values = true)]
        text: Option<String>,
        /// Leave out passages of the same document.
        #[arg(long)]
        other_docs: bool,
        /// Every copy of a paragraph as a hit of its own, instead of one hit that lists
        /// where else it appears.
        #[arg(long)]
        all: bool,
        /// Number of passages.
        #[arg(short = 'n', long = "limit", default_value_t = 10, allow_negative_numbers = true)]
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
        /// Time only these classes (repeat or separate with commas); every class otherwise.
        #[arg(long = "class", value_enum, value_delimiter = ',')]
        classes: Vec<BenchClass>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write every passage for another search engine, sorted by id: for OpenSearch, an
    /// index mapping (mapping.json) and a bulk file (passages.ndjson).
    Export {
        /// The target's format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Opensearch)]
        format: ExportFormat,
        /// Folder for the files (made if missing; files of the same names are replaced).
        #[arg(long, default_value = "export")]
        out: PathBuf,
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
        /// Rank with pseudo-relevance feedback (as `search --feedback`).
        #[arg(long, conflicts_with = "like")]
        feedback: bool,
        /// Print the metrics as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The formats of `briefs export`.
/// A query class of `briefs bench`, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchClass {
    /// One word.
    OneTerm,
    /// Two required words.
    And,
    /// Two words, either.
    Or,
    /// A two-word phrase.
    Phrase,
    /// A natural-language question.
    Natural,
    /// A question with pseudo-relevance feedback.
    Feedback,
    /// A question with the snippets of its top 10.
    Snippets,
    /// More like a passage.
    Like,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// OpenSearch: mapping.json (index settings and mapping) and passages.ndjson (bulk).
    Opensearch,
}

/// Options shared by the commands that list passages.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Number of passages.
    #[arg(short = 'n', long = "limit", default_value_t = 10, allow_negative_numbers = true)]
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
    /// Count the matching passages per language, source and year.
    #[arg(long)]
    pub facets: bool,
    /// With --since/--until, keep the passages that have no date.
    #[arg(long)]
    pub undated: bool,
    /// Order of the hits: best match first, or newest document first.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    /// Print whole passages, every match highlighted, instead of snippets.
    #[arg(long)]
    pub full: bool,
    /// Also print N passages of the same document before and after each hit.
    #[arg(short = 'C', long = "context", value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=20))]
    pub context: u64,
    /// Every copy of a paragraph as a hit of its own (by default its copies, in other
    /// documents or repeated in its own, are folded into the best-ranked one, which lists
    /// where else it appears).
    #[arg(long)]
    pub all: bool,
    /// One JSON object per line, each with a "type": hits, then totals (and facets).
    #[arg(long)]
    pub json: bool,
}
