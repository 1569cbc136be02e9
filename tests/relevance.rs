//! Relevance regression: `briefs eval` on the small public collections copied into
//! tests/data/eval, with thresholds a little under the figures reached, so that
//! relevance never silently falls.

mod common;

use common::*;

/// Runs `briefs eval --json` on a copied collection with extra arguments; returns the
/// temp folder it ran in and what it printed.
fn run_eval(set: &str, extra: &[&str], with_queries: bool) -> (tempfile::TempDir, String) {
    let dir = repo().join("tests/data/eval").join(set);
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = briefs(tmp.path());
    cmd.args(["eval", "--json"]).args(extra);
    cmd.arg("--corpus").arg(dir.join("corpus.jsonl")).arg("--qrels").arg(dir.join("qrels.txt"));
    if with_queries {
        cmd.arg("--queries").arg(dir.join("queries.tsv"));
    }
    let out = cmd.assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    (tmp, stdout)
}

/// nDCG@10 and recall@100 of one collection, through the real binary.
fn eval(set: &str) -> (f64, f64) {
    let (tmp, stdout) = run_eval(set, &["--run", "run.txt"], true);
    let m: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let run = std::fs::read_to_string(tmp.path().join("run.txt")).unwrap();
    let first = run.lines().next().unwrap().split_whitespace().collect::<Vec<_>>();
    assert_eq!((first[1], first[3], first[5]), ("Q0", "1", "briefs"), "TREC run line: {first:?}");
    (m["ndcg_10"].as_f64().unwrap(), m["recall_100"].as_f64().unwrap())
}

fn check(set: &str, ndcg_min: f64, recall_min: f64) {
    let (ndcg, recall) = eval(set);
    assert!(ndcg >= ndcg_min, "{set}: nDCG@10 {ndcg:.4} fell under {ndcg_min}");
    assert!(recall >= recall_min, "{set}: recall@100 {recall:.4} fell under {recall_min}");
}

#[test]
fn cran() {
    check("cran", 0.36, 0.72);
}

#[test]
fn med() {
    check("med", 0.69, 0.78);
}

#[test]
fn xquad_en() {
    check("xquad-r-en", 0.845, 0.97);
}

#[test]
fn xquad_de() {
    check("xquad-r-de", 0.785, 0.93);
}

#[test]
fn xquad_es() {
    check("xquad-r-es", 0.815, 0.955);
}

#[test]
fn xquad_mixed_language_routing() {
    check("xquad-r-mixed", 0.825, 0.95);
}

#[test]
fn like_beats_tantivy_more_like_this_and_bm25_by_example_on_med() {
    let (_tmp, stdout) = run_eval("med", &["--like"], false);
    let rows: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let ndcg = |i: usize| rows[i]["ndcg_10"].as_f64().unwrap();
    assert!(rows[0]["examples"].as_u64().unwrap() > 600);
    assert!(ndcg(0) >= 0.54, "briefs like nDCG@10 {}", ndcg(0));
    assert!(ndcg(0) > ndcg(1) && ndcg(0) > ndcg(2), "{rows:?}");
}
