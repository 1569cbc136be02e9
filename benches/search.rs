//! Criterion benchmarks on a small index the bench builds itself from the seeds,
//! through the library's façade only, as `briefs index`, `briefs search` and
//! `briefs like` run: indexing, search with snippets, a plain-words question, `like`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

use briefs::{Engine, Example, IndexOptions, LikeOptions, SearchOptions};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn build(dir: &std::path::Path) {
    let opts = IndexOptions { full: true, ..IndexOptions::new(vec![seeds()]) };
    briefs::ingest::run(dir, &opts, &mut |_| {}).expect("index the seeds");
}

fn indexing(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    c.bench_function("index seeds (full)", |b| b.iter(|| build(tmp.path())));
}

fn searching(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    build(tmp.path());
    let engine = Engine::open(tmp.path()).expect("open");
    let opts = SearchOptions::default();
    c.bench_function("search with snippets", |b| {
        b.iter(|| engine.search("troops Romania Ukraine", &opts).expect("search"))
    });
    let plain = SearchOptions { mode: briefs::QueryMode::Plain, ..SearchOptions::default() };
    c.bench_function("plain-words question", |b| {
        b.iter(|| engine.search("What did Blinken and Lavrov discuss in Geneva?", &plain).expect("search"))
    });
}

fn like(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    build(tmp.path());
    let engine = Engine::open(tmp.path()).expect("open");
    let top = engine.search("Blinken Lavrov Geneva", &SearchOptions::default()).expect("search");
    let id = top.hits[0].record.id.clone();
    let opts = LikeOptions::default();
    c.bench_function("like a passage", |b| {
        b.iter(|| engine.like(&Example::Id(id.clone()), &opts).expect("like"))
    });
}

criterion_group!(benches, indexing, searching, like);
criterion_main!(benches);
