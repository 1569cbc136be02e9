//! One function per command: call the library, hand the results to a printer, say how
//! the run ends.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

use briefs::ingest::{self, Event};
use briefs::{Engine, Example, IndexOptions, LikeOptions, SearchOptions};

use crate::config::{BenchArgs, Command, Config, EvalArgs, Output};
use crate::exit::Exit;
use crate::printer::{self, Printer};

/// Runs the configured command.
pub fn run(config: Config) -> Result<Exit> {
    match &config.command {
        Command::Index(opts) => index(&config, opts),
        Command::Search { query, opts } => search(&config, query, opts),
        Command::Like { example, opts } => like(&config, example, opts),
        Command::Eval(args) => eval(&config, args),
        Command::Bench(args) => bench(&config, args),
        Command::Export { format, out } => export(&config, *format, out),
    }
}

/// The printer for standard output.
fn stdout(config: &Config) -> Box<dyn Printer> {
    printer::for_output(config.output, Box::new(std::io::stdout().lock()))
}

fn index(config: &Config, opts: &IndexOptions) -> Result<Exit> {
    let bar = crate::progress::bar(config.quiet);
    let mut report = |event: Event| match event {
        Event::Warning(w) => bar.suspend(|| eprintln!("briefs: warning: {w}")),
        Event::Progress { done, total } => {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let summary = ingest::run(&config.index_dir, opts, &mut report)?;
    bar.finish_and_clear();
    stdout(config).summary(&summary)?;
    Ok(Exit::Found)
}

/// Builds the default index from `seeds/` when searching with no index yet; only at
/// the default location, so that a mistyped `--index` never builds a new index.
fn first_run(config: &Config) -> Result<()> {
    let seeds = Path::new("seeds");
    if config.index_given || briefs::store::has_index(&config.index_dir) || !seeds.is_dir() {
        return Ok(());
    }
    eprintln!("briefs: no index at {} yet: indexing seeds/ first", config.index_dir.display());
    let opts = IndexOptions::new(vec![seeds.to_path_buf()]);
    let summary = ingest::run(&config.index_dir, &opts, &mut |e| {
        if let Event::Warning(w) = e {
            eprintln!("briefs: warning: {w}");
        }
    })?;
    printer::for_output(Output::Plain, Box::new(std::io::stderr().lock())).summary(&summary)?;
    Ok(())
}

fn search(config: &Config, query: &str, opts: &SearchOptions) -> Result<Exit> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?;
    let results = engine.search(query, opts)?;
    results.notes.iter().for_each(|n| eprintln!("briefs: note: {n}"));
    let mut out = stdout(config);
    out.hits(&results.hits)?;
    if let Some(facets) = &results.facets {
        out.facets(facets)?;
    }
    if config.output == Output::Json {
        out.totals(&results.totals)?;
    } else if !config.quiet && !results.hits.is_empty() && std::io::stderr().is_terminal() {
        printer::for_output(Output::Plain, Box::new(std::io::stderr().lock())).totals(&results.totals)?;
    }
    if results.hits.is_empty() {
        no_hits(query, &results.suggestions);
    }
    Ok(Exit::found(!results.hits.is_empty()))
}

/// Says on stderr that nothing matched, with the index's closest terms.
fn no_hits(query: &str, suggestions: &[briefs::Suggestion]) {
    let shown = briefs::text::cut_at_char_boundary(query, 80);
    eprintln!("briefs: no passage matches {shown:?}");
    if !suggestions.is_empty() {
        let list: Vec<&str> = suggestions.iter().map(|s| s.suggestion.as_str()).collect();
        eprintln!("briefs: did you mean {}?", list.join(" "));
    }
}

fn like(config: &Config, example: &Example, opts: &LikeOptions) -> Result<Exit> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?;
    let likeness = engine.like(example, opts)?;
    let mut out = stdout(config);
    out.terms(&likeness.terms)?;
    out.hits(&likeness.hits)?;
    Ok(Exit::found(!likeness.hits.is_empty()))
}

fn bench(config: &Config, args: &BenchArgs) -> Result<Exit> {
    use briefs::bench;
    let engine = Engine::open(&config.index_dir)?;
    let natural = args.queries.as_deref().map(bench::load_queries).transpose()?;
    let queries = bench::generate(&engine, args.per_class, args.seed, natural)?;
    let baseline = if args.baseline { Some(bench::Baseline::new(&engine)?) } else { None };
    let report = bench::run(&engine, &queries, args.iterations, args.seed, baseline.as_ref())?;
    stdout(config).bench(&report)?;
    Ok(Exit::Found)
}

fn export(config: &Config, format: briefs::export::Format, out: &Path) -> Result<Exit> {
    let engine = Engine::open(&config.index_dir)?;
    let mut report = |event: Event| {
        if let Event::Warning(w) = event {
            eprintln!("briefs: warning: {w}");
        }
    };
    let done = briefs::export::export(engine.store(), format, out, &mut report)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} passages -> {} (index settings and mapping: {})",
        done.passages,
        done.bulk.display(),
        done.mapping.display()
    )?;
    Ok(Exit::found(done.passages > 0))
}

fn eval(config: &Config, args: &EvalArgs) -> Result<Exit> {
    let qrels = briefs::eval::load_qrels(&args.qrels)?;
    if args.like {
        let metrics = briefs::eval::like::eval_like(&args.corpus, &qrels, args.index.as_deref())?;
        stdout(config).like_metrics(&metrics)?;
        return Ok(Exit::Found);
    }
    let Some(queries) = &args.queries else { anyhow::bail!("--queries is needed (or --like)") };
    let queries = briefs::eval::load_queries(queries)?;
    let (metrics, run) =
        briefs::eval::eval_collection(&args.corpus, &queries, &qrels, args.index.as_deref())?;
    if let Some(path) = &args.run {
        let write = || -> std::io::Result<()> {
            let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
            briefs::eval::write_run(&mut file, &queries, &run)?;
            file.flush()
        };
        write().with_context(|| format!("cannot write {}", path.display()))?;
    }
    stdout(config).metrics(&metrics)?;
    Ok(Exit::Found)
}
