//! The validated configuration of one run (ripgrep's `HiArgs`, fd's `Config`): every
//! value parsed once, through the library's typed options.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use briefs::{
    DateBound, Example, ExampleText, IndexOptions, LangCode, LikeOptions, Limit, QueryMode, Result,
    SearchOptions, Sort,
};

use crate::args::{BenchClass, Cli, Cmd, ColorWhen, ExportFormat, Filters, SortBy};

/// What to do, validated.
#[derive(Debug)]
pub enum Command {
    /// `briefs index`.
    Index(IndexOptions),
    /// `briefs remove`.
    Remove(Vec<PathBuf>),
    /// `briefs stats`.
    Stats,
    /// `briefs search`, with alias files given with `--aliases`.
    Search { query: String, opts: SearchOptions, aliases: Option<PathBuf> },
    /// `briefs like`.
    Like { example: Example, opts: LikeOptions },
    /// `briefs eval`.
    Eval(EvalArgs),
    /// `briefs bench`.
    Bench(BenchArgs),
    /// `briefs serve`.
    Serve(ServeArgs),
    /// `briefs export`.
    Export { format: briefs::export::Format, out: PathBuf },
}

/// How `briefs serve` listens.
#[derive(Debug)]
pub struct ServeArgs {
    pub addr: SocketAddr,
    /// Whether the address is not a loopback one (allowed with `--public` only).
    pub public: bool,
    /// Log one line per request.
    pub log: bool,
}

/// What `briefs bench` runs.
#[derive(Debug)]
pub struct BenchArgs {
    pub queries: Option<PathBuf>,
    pub iterations: usize,
    pub per_class: usize,
    pub seed: u64,
    pub baseline: bool,
    /// The classes timed; every class when empty.
    pub classes: Vec<briefs::bench::Class>,
}

/// What `briefs eval` reads and writes.
#[derive(Debug)]
pub struct EvalArgs {
    pub corpus: PathBuf,
    pub queries: Option<PathBuf>,
    pub like: bool,
    pub qrels: PathBuf,
    pub run: Option<PathBuf>,
    /// Rank with pseudo-relevance feedback.
    pub feedback: bool,
    /// The index given with `--index`, if any (otherwise a temporary one).
    pub index: Option<PathBuf>,
}

/// How output is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Text, with ANSI colour.
    Colour,
    /// Text, highlights marked with brackets.
    Plain,
    /// One JSON object per line.
    Json,
}

/// The validated configuration of one run.
#[derive(Debug)]
pub struct Config {
    pub index_dir: PathBuf,
    /// Whether `--index` (or `BRIEFS_INDEX`) named the folder.
    pub index_given: bool,
    pub output: Output,
    pub quiet: bool,
    pub command: Command,
}

impl Config {
    /// Validates the arguments once.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        let output = if cli.command.json() {
            Output::Json
        } else if colour(cli.color) {
            Output::Colour
        } else {
            Output::Plain
        };
        let command = cli.command.into_command(cli.index.clone())?;
        let index_given = cli.index.is_some();
        let index_dir = cli.index.unwrap_or_else(|| PathBuf::from("index"));
        Ok(Config { index_dir, index_given, output, quiet: cli.quiet, command })
    }
}

/// Whether colour goes to stdout.
fn colour(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

impl Cmd {
    /// Whether the command was asked for JSON output.
    fn json(&self) -> bool {
        match self {
            Cmd::Index { .. } | Cmd::Remove { .. } | Cmd::Serve { .. } | Cmd::Export { .. } => false,
            Cmd::Stats { json } => *json,
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
            Cmd::Remove { paths } => Command::Remove(paths),
            Cmd::Stats { .. } => Command::Stats,
            Cmd::Search { query, filters, literal, strict, aliases, explain, feedback } => {
                let mode = match (literal, strict) {
                    (true, _) => QueryMode::Plain,
                    (false, true) => QueryMode::Strict,
                    (false, false) => QueryMode::Lenient,
                };
                let opts = SearchOptions { explain, feedback, ..filters.into_options(mode)? };
                Command::Search { query: query.join(" "), opts, aliases }
            }
            Cmd::Like { id, text, other_docs, limit, all, .. } => {
                let opts =
                    LikeOptions { limit: Limit::new(limit)?, other_docs, all, ..LikeOptions::default() };
                Command::Like { example: example(id, text)?, opts }
            }
            Cmd::Bench { queries, iterations, per_class, seed, baseline, classes, .. } => {
                let (iterations, per_class) = (iterations as usize, per_class as usize);
                let classes = classes.into_iter().map(bench_class).collect();
                Command::Bench(BenchArgs { queries, iterations, per_class, seed, baseline, classes })
            }
            Cmd::Eval { corpus, queries, qrels, run, like, feedback, .. } => {
                Command::Eval(EvalArgs { corpus, queries, like, qrels, run, feedback, index: given_index })
            }
            Cmd::Serve { addr, public, verbose } => Command::Serve(serve_args(addr, public, verbose)?),
            Cmd::Export { format, out } => {
                let format = match format {
                    ExportFormat::Opensearch => briefs::export::Format::OpenSearch,
                };
                Command::Export { format, out }
            }
        })
    }
}

/// The listening address, refused when it is not loopback and `--public` was not given.
fn serve_args(addr: SocketAddr, public: bool, verbose: bool) -> Result<ServeArgs> {
    if !addr.ip().is_loopback() && !public {
        let expected =
            "a loopback address such as 127.0.0.1:7878 (add --public to listen on other interfaces)";
        return Err(briefs::Error::invalid("--addr", addr, expected));
    }
    let log = verbose || std::env::var("BRIEFS_LOG").is_ok_and(|v| v.eq_ignore_ascii_case("debug"));
    Ok(ServeArgs { addr, public: !addr.ip().is_loopback(), log })
}

impl Filters {
    fn into_options(self, mode: QueryMode) -> Result<SearchOptions> {
        let opts = self.options(mode)?;
        if let (Some(since), Some(until)) = (&opts.since, &opts.until) {
            DateBound::check_period("--since", since, until)?;
        }
        Ok(opts)
    }

    fn options(self, mode: QueryMode) -> Result<SearchOptions> {
        Ok(SearchOptions {
            limit: Limit::new(self.limit)?,
            lang: self.lang.as_deref().map(LangCode::parse).transpose()?,
            source: self.source.map(|s| non_blank_source(&s)).transpose()?,
            since: self.since.as_deref().map(|d| DateBound::parse("--since", d)).transpose()?,
            until: self.until.as_deref().map(|d| DateBound::parse("--until", d)).transpose()?,
            mode,
            facets: self.facets,
            full: self.full,
            undated: self.undated,
            sort: match self.sort {
                SortBy::Relevance => Sort::Relevance,
                SortBy::Date => Sort::Date,
            },
            context: self.context as usize,
            all: self.all,
            ..SearchOptions::default()
        })
    }
}

/// The example of `like`: an id, inline text, or text read from standard input.
fn example(id: Option<String>, text: Option<String>) -> Result<Example> {
    let text = match (id, text) {
        (_, Some(text)) => text,
        (Some(id), None) if id == "-" => {
            let mut buf = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)
                .map_err(|e| briefs::Error::io("standard input", e))?;
            buf
        }
        (Some(id), None) => return Ok(Example::Id(id)),
        (None, None) => return Err(briefs::Error::invalid("like", "", "a passage id, `-` or --text")),
    };
    Ok(Example::Text(ExampleText::new(text)?))
}

/// The library's query class for one typed on the command line.
fn bench_class(class: BenchClass) -> briefs::bench::Class {
    use briefs::bench::Class;
    match class {
        BenchClass::OneTerm => Class::OneTerm,
        BenchClass::And => Class::And2,
        BenchClass::Or => Class::Or2,
        BenchClass::Phrase => Class::Phrase,
        BenchClass::Natural => Class::Natural,
        BenchClass::Feedback => Class::Feedback,
        BenchClass::Snippets => Class::Snippets,
        BenchClass::Like => Class::Like,
    }
}

/// A `--source` value: a blank one would match no passage, silently.
fn non_blank_source(source: &str) -> Result<String> {
    match source.trim() {
        "" => Err(briefs::Error::invalid("--source", source, "a source name (`briefs stats` lists them)")),
        _ => Ok(source.to_string()),
    }
}
