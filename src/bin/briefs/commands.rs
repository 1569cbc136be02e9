//! One function per command: call the library, hand the results to a printer, say how
//! the run ends.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use briefs::ingest::paths::shown;
use briefs::ingest::{self, Event};
use briefs::query::{Facets, Hit};
use briefs::{Engine, Example, IndexOptions, LikeOptions, SearchOptions};

use crate::config::{BenchArgs, Command, Config, EvalArgs, Output, ServeArgs};
use crate::exit::Exit;
use crate::printer::{self, Printer};

/// Runs the configured command.
pub fn run(config: Config) -> Result<Exit> {
    match &config.command {
        Command::Index(opts) => index(&config, opts),
        Command::Remove(paths) => remove(&config, paths),
        Command::Stats => stats(&config),
        Command::Search { query, opts, aliases } => search(&config, query, opts, aliases.as_deref()),
        Command::Like { example, opts } => like(&config, example, opts),
        Command::Eval(args) => eval(&config, args),
        Command::Bench(args) => bench(&config, args),
        Command::Serve(args) => serve(&config, args),
        Command::Export { format, out } => export(&config, *format, out),
    }
}

/// The printer for standard output.
fn stdout(config: &Config) -> Box<dyn Printer> {
    printer::for_output(config.output, Box::new(std::io::stdout().lock()))
}

/// Prints a warning or an error of a run, one line.
fn print_event(event: &Event) {
    match event {
        Event::Warning(w) => eprintln!("briefs: warning: {}", briefs::text::collapse_whitespace(w)),
        Event::Error(e) => eprintln!("briefs: {}", briefs::text::collapse_whitespace(e)),
        Event::Progress { .. } => {}
    }
}

/// Indexes; a run where any file or path failed ends with status 2 (as ripgrep's does
/// when an error occurred, whatever else was found), after finishing the rest.
fn index(config: &Config, opts: &IndexOptions) -> Result<Exit> {
    let bar = crate::progress::bar(config.quiet);
    let mut report = |event: Event| match event {
        Event::Progress { done, total } => {
            bar.set_length(total);
            bar.set_position(done);
        }
        other => bar.suspend(|| print_event(&other)),
    };
    let summary = ingest::run(&config.index_dir, opts, &mut report)?;
    bar.finish_and_clear();
    stdout(config).summary(&summary)?;
    Ok(if summary.has_errors() { Exit::Error } else { Exit::Found })
}

/// Removes files and folders from the index: status 1 when nothing was indexed there.
fn remove(config: &Config, paths: &[PathBuf]) -> Result<Exit> {
    let removal = ingest::remove(&config.index_dir, paths, &mut |e| print_event(&e))?;
    stdout(config).removal(&removal)?;
    Ok(Exit::found(removal.files > 0 || !removal.roots.is_empty()))
}

fn stats(config: &Config) -> Result<Exit> {
    let mut stats = briefs::store::Store::open(&config.index_dir)?.stats()?;
    stats.roots.iter_mut().for_each(|r| r.path = shown(&r.path));
    stats.sources = std::mem::take(&mut stats.sources).into_iter().map(|(k, v)| (shown(&k), v)).collect();
    stdout(config).stats(&config.index_dir, &stats)?;
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
    let summary = ingest::run(&config.index_dir, &opts, &mut |e| print_event(&e))?;
    printer::for_output(Output::Plain, Box::new(std::io::stderr().lock())).summary(&summary)?;
    Ok(())
}

fn search(config: &Config, query: &str, opts: &SearchOptions, aliases: Option<&Path>) -> Result<Exit> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?.with_aliases(aliases.as_slice())?;
    let mut results = engine.search(query, opts)?;
    results.hits.iter_mut().for_each(Hit::show_paths);
    results.facets.iter_mut().for_each(Facets::show_paths);
    results.notes.iter().for_each(|n| eprintln!("briefs: note: {n}"));
    if results.left_out_undated > 0 {
        let n = results.left_out_undated;
        eprintln!(
            "briefs: note: {n} undated passage(s) match but are outside the dates; --undated keeps them"
        );
    }
    let mut out = stdout(config);
    if opts.explain {
        out.explain(&results.explain)?;
    }
    out.hits(&results.hits)?;
    if config.output == Output::Json {
        out.totals(&results.totals)?;
    }
    if let Some(facets) = &results.facets {
        out.facets(facets)?;
    }
    if config.output != Output::Json
        && !config.quiet
        && !results.hits.is_empty()
        && std::io::stderr().is_terminal()
    {
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
    let list: Vec<&str> =
        crate::wire::worth_suggesting(query, suggestions).iter().map(|s| s.suggestion.as_str()).collect();
    if !list.is_empty() {
        eprintln!("briefs: did you mean {}?", list.join(" "));
    }
}

fn like(config: &Config, example: &Example, opts: &LikeOptions) -> Result<Exit> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?;
    let mut likeness = engine.like(&stored_example(&engine, example)?, opts)?;
    likeness.hits.iter_mut().for_each(Hit::show_paths);
    let mut out = stdout(config);
    if likeness.terms.is_empty() && config.output != Output::Json {
        // Nothing to list, nothing searched: say why, as a search with no hits does.
        eprintln!("briefs: the example has no word to compare passages by (too short, or only words the index lacks or holds everywhere)");
        return Ok(Exit::NotFound);
    }
    out.terms(&likeness.terms)?;
    out.hits(&likeness.hits)?;
    if likeness.hits.is_empty() {
        eprintln!("briefs: no other passage shares enough of these words");
    }
    Ok(Exit::found(!likeness.hits.is_empty()))
}

/// The example with a passage id as shown (`seeds/a.txt#3`, relative to here) turned
/// into the id as stored, when the id as given is not in the index.
fn stored_example(engine: &Engine, example: &Example) -> Result<Example> {
    if let Example::Id(id) = example {
        if let Err(briefs::Error::NoPassage { .. }) = engine.passage(id) {
            if let Some(stored) = briefs::ingest::paths::stored_id(id) {
                return Ok(Example::Id(stored));
            }
        }
    }
    Ok(example.clone())
}

fn serve(config: &Config, args: &ServeArgs) -> Result<Exit> {
    first_run(config)?;
    crate::serve::run(&config.index_dir, args)?;
    Ok(Exit::Found)
}

fn bench(config: &Config, args: &BenchArgs) -> Result<Exit> {
    use briefs::bench;
    let engine = Engine::open(&config.index_dir)?;
    let natural = args.queries.as_deref().map(bench::load_queries).transpose()?;
    let mut queries = bench::generate(&engine, args.per_class, args.seed, natural)?;
    if !args.classes.is_empty() {
        queries.retain(|q| args.classes.contains(&q.class));
    }
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
        briefs::eval::eval_collection(&args.corpus, &queries, &qrels, args.index.as_deref(), args.feedback)?;
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
