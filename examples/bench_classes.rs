//! `briefs bench` on some query classes only, for profiling one class at a time
//! (`perf record -- target/release/examples/bench_classes ...`) and for quick paired
//! ratios while working on one class:
//!
//! ```text
//! cargo build --release --example bench_classes
//! target/release/examples/bench_classes INDEX ITERATIONS [CLASS...]
//! ```
//!
//! Classes are named as in the report (`1-term`, `2-term-and`, `2-term-or`, `phrase`,
//! `natural`, `feedback`, `snippets`, `like`); none means the four simple ones. The queries are
//! those `briefs bench` generates (100 per class, seed 42), with the plain tantivy
//! baseline run back to back.

use std::path::Path;
use std::process::ExitCode;

use briefs::bench::{self, Class};
use briefs::Engine;

fn class(name: &str) -> Option<Class> {
    Some(match name {
        "1-term" => Class::OneTerm,
        "2-term-and" => Class::And2,
        "2-term-or" => Class::Or2,
        "phrase" => Class::Phrase,
        "natural" => Class::Natural,
        "feedback" => Class::Feedback,
        "snippets" => Class::Snippets,
        "like" => Class::Like,
        _ => return None,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_classes INDEX ITERATIONS [CLASS...]";
    let (Some(index), Some(Ok(iterations))) = (args.first(), args.get(1).map(|i| i.parse::<usize>())) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let mut classes: Vec<Class> = Vec::new();
    for name in &args[2..] {
        match class(name) {
            Some(c) => classes.push(c),
            None => {
                eprintln!("bench_classes: unknown class {name}; {usage}");
                return ExitCode::from(2);
            }
        }
    }
    if classes.is_empty() {
        classes = vec![Class::OneTerm, Class::And2, Class::Or2, Class::Phrase];
    }
    match run(Path::new(index), iterations, &classes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_classes: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(index: &Path, iterations: usize, classes: &[Class]) -> briefs::Result<()> {
    let engine = Engine::open(index)?;
    let mut queries = bench::generate(&engine, 100, 42, None)?;
    queries.retain(|q| classes.contains(&q.class));
    let baseline = bench::Baseline::new(&engine)?;
    let report = bench::run(&engine, &queries, iterations, 42, Some(&baseline))?;
    let theirs = report.baseline.unwrap_or_default();
    println!("class              n    p50 ms   p99 ms | base p50  base p99 | p50 x  p99 x");
    for (ours, base) in report.briefs.iter().zip(&theirs) {
        println!(
            "{:<16} {:>5} {:>9.4} {:>8.4} | {:>8.4} {:>9.4} | {:>5.2} {:>6.2}",
            ours.class.name(),
            ours.count,
            ours.p50,
            ours.p99,
            base.p50,
            base.p99,
            ours.p50 / base.p50,
            ours.p99 / base.p99
        );
    }
    Ok(())
}
