//! What folding copies costs a search, measured through the façade: every query of a
//! file run back to back with and without `all` (copies folded or not), in alternating
//! order, and the per-query differences summarised.
//!
//! ```text
//! cargo run --release --example copies_cost -- INDEX_DIR QUERIES.tsv [ROUNDS]
//! ```
//!
//! Prints, in milliseconds, the median and 99th percentile of a search with copies
//! folded, of the same search with `all`, and of their per-query difference, and how
//! many hits came back with copies.

use std::process::ExitCode;
use std::time::Instant;

use briefs::{Engine, QueryMode, SearchOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(queries)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: copies_cost INDEX_DIR QUERIES.tsv [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    match run(dir, queries, rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copies_cost: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: &str, queries: &str, rounds: usize) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::open(dir.as_ref())?;
    let text = std::fs::read_to_string(queries)?;
    let queries: Vec<&str> = text.lines().filter_map(|l| l.split_once('\t').map(|(_, q)| q)).collect();
    let folded = SearchOptions { mode: QueryMode::Plain, ..SearchOptions::default() };
    let every = SearchOptions { all: true, ..folded.clone() };
    let time = |opts: &SearchOptions, q: &str| -> Result<(f64, usize), briefs::Error> {
        let started = Instant::now();
        let results = engine.search(q, opts)?;
        let with_copies = results.hits.iter().filter(|h| h.copies.total > 0).count();
        Ok((started.elapsed().as_secs_f64() * 1e3, with_copies))
    };
    let (mut a, mut b, mut diff) = (Vec::new(), Vec::new(), Vec::new());
    let mut hits_with_copies = 0;
    for round in 0..=rounds {
        for (i, q) in queries.iter().enumerate() {
            let ((ta, n), (tb, _)) = if (i + round) % 2 == 0 {
                let x = time(&folded, q)?;
                (x, time(&every, q)?)
            } else {
                let y = time(&every, q)?;
                (time(&folded, q)?, y)
            };
            if round == 0 {
                hits_with_copies += n;
                continue; // warm-up
            }
            a.push(ta);
            b.push(tb);
            diff.push(ta - tb);
        }
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1]
    };
    println!(
        "queries {}, rounds {rounds}, hits with copies (top 10 of each) {hits_with_copies}",
        queries.len()
    );
    println!("folded   p50 {:.3} ms  p99 {:.3} ms", pct(&mut a, 0.5), pct(&mut a, 0.99));
    println!("--all    p50 {:.3} ms  p99 {:.3} ms", pct(&mut b, 0.5), pct(&mut b, 0.99));
    println!(
        "folded − --all per query: p50 {:.3} ms  p99 {:.3} ms",
        pct(&mut diff, 0.5),
        pct(&mut diff, 0.99)
    );
    Ok(())
}
