//! The `briefs` binary: parses arguments, calls the library, renders, maps errors to
//! exit codes (0 hits, 1 no hits, 2 error).

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use briefs::index::{self, Event};
use briefs::render;
use briefs::search::Engine;
use cli::{Cli, Command, Config};

/// The message of the last panic, kept by the panic hook for a one-line report.
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("briefs: {} (see --help)", clap_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some(info.to_string());
        }
    }));
    match std::panic::catch_unwind(|| cli.into_config().and_then(run)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("briefs: {}", one_line(&e));
            ExitCode::from(2)
        }
        Err(_) => {
            let message = PANIC.lock().ok().and_then(|m| m.clone()).unwrap_or_default();
            eprintln!("briefs: internal error: {}", message.split_whitespace().collect::<Vec<_>>().join(" "));
            ExitCode::from(2)
        }
    }
}

/// An error on one line (its message already names its cause).
fn one_line(e: &anyhow::Error) -> String {
    e.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A clap error's message without its usage block, on one line.
fn clap_line(text: &str) -> String {
    let message = text.split("\nUsage:").next().unwrap_or(text);
    let message = message.split("For more information").next().unwrap_or(message);
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(config: Config) -> Result<ExitCode> {
    match &config.command {
        Command::Index(opts) => index_cmd(&config, opts),
        Command::Search { query, opts } => search_cmd(&config, query, opts),
        Command::Like { example, opts } => like_cmd(&config, example, opts),
        Command::Eval(args) => eval_cmd(&config, args),
        Command::Bench(args) => bench_cmd(&config, args),
    }
}

fn index_cmd(config: &Config, opts: &briefs::config::IndexOptions) -> Result<ExitCode> {
    let bar = cli::progress_bar(config.quiet);
    let mut report = |event: Event| match event {
        Event::Warning(w) => bar.suspend(|| eprintln!("briefs: warning: {w}")),
        Event::Progress { done, total } => {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let summary = index::run(&config.index_dir, opts, &mut report)?;
    bar.finish_and_clear();
    render::summary(&mut std::io::stdout().lock(), &summary)?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the default index from `seeds/` when searching with no index yet.
fn first_run(config: &Config) -> Result<()> {
    let seeds = std::path::Path::new("seeds");
    if config.index_dir.join("meta.json").exists() || !seeds.is_dir() {
        return Ok(());
    }
    eprintln!("briefs: no index at {} yet: indexing seeds/ first", config.index_dir.display());
    let opts = briefs::config::IndexOptions::new(vec![seeds.to_path_buf()]);
    let summary = index::run(&config.index_dir, &opts, &mut |e| {
        if let Event::Warning(w) = e {
            eprintln!("briefs: warning: {w}");
        }
    })?;
    render::summary(&mut std::io::stderr().lock(), &summary)?;
    Ok(())
}

fn search_cmd(config: &Config, query: &str, opts: &briefs::config::SearchOptions) -> Result<ExitCode> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?;
    let hits = engine.search(query, opts)?;
    let mut out = std::io::stdout().lock();
    render::hits(&mut out, &hits, config.style)?;
    out.flush()?;
    Ok(if hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn like_cmd(
    config: &Config,
    example: &briefs::like::Example,
    opts: &briefs::like::LikeOptions,
) -> Result<ExitCode> {
    first_run(config)?;
    let engine = Engine::open(&config.index_dir)?;
    let likeness = engine.like(example, opts)?;
    let mut out = std::io::stdout().lock();
    render::terms(&mut out, &likeness.terms, config.style)?;
    render::hits(&mut out, &likeness.hits, config.style)?;
    out.flush()?;
    Ok(if likeness.hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn bench_cmd(config: &Config, args: &cli::BenchArgs) -> Result<ExitCode> {
    use briefs::bench;
    let engine = Engine::open(&config.index_dir)?;
    let natural = args.queries.as_deref().map(bench::load_queries).transpose()?;
    let queries = bench::generate(&engine, args.per_class, args.seed, natural)?;
    let baseline = if args.baseline { Some(bench::Baseline::new(&engine)?) } else { None };
    let report = bench::run(&engine, &queries, args.iterations, args.seed, baseline.as_ref())?;
    render::bench(&mut std::io::stdout().lock(), &report, config.style)?;
    Ok(ExitCode::SUCCESS)
}

fn eval_cmd(config: &Config, args: &cli::EvalArgs) -> Result<ExitCode> {
    let qrels = briefs::eval::load_qrels(&args.qrels)?;
    if args.like {
        let metrics = briefs::eval_like::eval_like(&args.corpus, &qrels, args.index.as_deref())?;
        render::like_metrics(&mut std::io::stdout().lock(), &metrics, config.style)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(queries) = &args.queries else { anyhow::bail!("--queries is needed (or --like)") };
    let queries = briefs::eval::load_queries(queries)?;
    let (metrics, run) =
        briefs::eval::eval_collection(&args.corpus, &queries, &qrels, args.index.as_deref())?;
    if let Some(path) = &args.run {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
        briefs::eval::write_run(&mut file, &queries, &run)?;
        file.flush()?;
    }
    render::metrics(&mut std::io::stdout().lock(), &metrics, config.style)?;
    Ok(ExitCode::SUCCESS)
}

/// Whether colour goes to stdout under `--color auto`.
pub fn stdout_is_colour_terminal() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
