//! Criterion benchmarks on a small index the bench builds itself from the seeds:
//! indexing, search, search with snippets, and `like`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

use briefs::config::{IndexOptions, SearchOptions};
use briefs::like::{Example, LikeOptions};
use briefs::search::Engine;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn build(dir: &std::path::Path) {
    let opts = IndexOptions { full: true, ..IndexOptions::new(vec![seeds()]) };
    briefs::index::run(dir, &opts, &mut |_| {}).expect("index the seeds");
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
    c.bench_function("search top 10 ids", |b| {
        b.iter(|| {
            let searcher = engine.searcher();
            let q = engine.parse("troops Romania Ukraine", &opts).expect("parse");
            engine.top(&searcher, q.as_ref(), 10).expect("search")
        })
    });
    c.bench_function("search with snippets", |b| {
        b.iter(|| engine.search("troops Romania Ukraine", &opts).expect("search"))
    });
}

fn like(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    build(tmp.path());
    let engine = Engine::open(tmp.path()).expect("open");
    let searcher = engine.searcher();
    let q = engine.parse("Blinken Lavrov Geneva", &SearchOptions::default()).expect("parse");
    let top = engine.top(&searcher, q.as_ref(), 1).expect("search");
    let doc: tantivy::TantivyDocument = searcher.doc(top[0].1).expect("doc");
    let id = engine.briefs.fields.to_record(&doc).id;
    let opts = LikeOptions::default();
    c.bench_function("like a passage", |b| {
        b.iter(|| engine.like(&Example::Id(id.clone()), &opts).expect("like"))
    });
}

criterion_group!(benches, indexing, searching, like);
criterion_main!(benches);
