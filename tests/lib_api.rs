//! Every direct use of the library by the tests, in one place: when a module path of
//! the library changes, only this file changes. The other modules test the binary.

use std::path::Path;

pub use briefs::bench::{BenchQuery, Class};
pub use briefs::ingest::date::find_date;
pub use briefs::ingest::split::{blocks, clean, is_heading, split, MAX_PASSAGE_BYTES, MAX_TITLE_BYTES};
pub use briefs::Engine;

/// Opens the index at `dir` for searching.
pub fn open_engine(dir: &Path) -> Engine {
    Engine::open(dir).unwrap()
}

/// Indexes the repository's seeds into `dir` through the library.
pub fn index_seeds(dir: &Path) {
    let seeds = crate::util::repo().join("seeds");
    let opts = briefs::IndexOptions::new(vec![seeds]);
    briefs::ingest::run(dir, &opts, &mut |_| {}).unwrap();
}

/// Searches with at most `limit` hits; the number of hits, or the error's message.
pub fn search_count(engine: &Engine, query: &str, plain: bool, limit: usize) -> Result<usize, String> {
    let limit = briefs::Limit::new(limit).map_err(|e| e.to_string())?;
    let mode = if plain { briefs::QueryMode::Plain } else { briefs::QueryMode::Lenient };
    let opts = briefs::SearchOptions { mode, limit, ..Default::default() };
    engine.search(query, &opts).map(|r| r.hits.len()).map_err(|e| e.to_string())
}

/// The bench's generated queries: `per_class` of every class, picked with `seed`.
pub fn bench_queries(engine: &Engine, per_class: usize, seed: u64) -> Vec<BenchQuery> {
    briefs::bench::generate(engine, per_class, seed, None).unwrap()
}

/// Whether the index holds a passage with this id.
pub fn has_passage(engine: &Engine, id: &str) -> bool {
    engine.passage(id).is_ok()
}

/// Takes the index's writer lock as another program using the library would; held
/// until the writer is dropped.
pub fn hold_writer(dir: &Path) -> tantivy::IndexWriter {
    briefs::store::Store::open(dir).unwrap().index().writer(50_000_000).unwrap()
}

/// Loads the newest commit into an open engine.
pub fn reload(engine: &Engine) {
    engine.reload().unwrap()
}
