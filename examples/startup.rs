//! Where a `briefs search` process spends its time on an index, phase by phase, each
//! phase timed in a fresh state (`cargo run --release --example startup -- INDEX QUERY`).
//! Opening is what every process pays; the first search includes building what the
//! engine builds lazily.

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(query)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: startup INDEX QUERY");
        std::process::exit(2);
    };
    let t = Instant::now();
    let engine = briefs::Engine::open(Path::new(dir))?;
    let opened = t.elapsed();
    let opts = briefs::SearchOptions::default();
    let t = Instant::now();
    engine.search(query, &opts)?;
    let first = t.elapsed();
    let t = Instant::now();
    engine.search(query, &opts)?;
    let second = t.elapsed();
    println!("open {opened:?}, first search {first:?}, second search {second:?}");
    Ok(())
}
