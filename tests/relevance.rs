//! Relevance regression: `briefs eval` on the small public collections copied into
//! tests/data/eval, with thresholds a little under the figures reached, so that
//! relevance never silently falls.

use crate::util::*;

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
    let row = |method: &str| {
        let row =
            rows.iter().find(|r| r["method"] == method).unwrap_or_else(|| panic!("no {method}: {rows:?}"));
        (
            row["ndcg_10"].as_f64().unwrap(),
            row["recall_10"].as_f64().unwrap(),
            row["examples"].as_u64().unwrap(),
        )
    };
    let briefs = row("briefs like");
    let mlt = row("tantivy MoreLikeThisQuery (defaults)");
    let bm25 = row("BM25 OR of the example");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(briefs.2 > 600 && briefs.2 == mlt.2 && briefs.2 == bm25.2, "same examples for all: {rows:?}");
    // Measured: nDCG@10 0.557 against 0.500 and 0.502; recall@10 0.227 against 0.203 and 0.200.
    assert!(briefs.0 >= 0.54 && briefs.1 >= 0.215, "briefs like fell: {briefs:?}");
    for (name, other) in [("MoreLikeThisQuery", mlt), ("BM25 OR", bm25)] {
        assert!(briefs.0 >= other.0 + 0.03, "nDCG@10 {briefs:?} does not clearly beat {name} {other:?}");
        assert!(briefs.1 > other.1, "recall@10 {briefs:?} does not beat {name} {other:?}");
    }
}
