//! Relevance regression: `briefs eval` on the small public collections copied into
//! tests/data/eval, with thresholds a little under the figures reached, so that
//! relevance never silently falls. The multi-paragraph variants (`-para`) are made
//! from the copies as `../shared/eval/make_para.py` makes them.

use std::path::Path;

use crate::util::*;

/// Runs `briefs eval --json` on a copied collection with extra arguments; returns the
/// temp folder it ran in and what it printed.
fn run_eval(set: &str, extra: &[&str], with_queries: bool) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = match set.strip_suffix("-para") {
        Some(source) => {
            let corpus = tmp.path().join("corpus.jsonl");
            split_corpus(&repo().join("tests/data/eval").join(source).join("corpus.jsonl"), &corpus);
            corpus
        }
        None => repo().join("tests/data/eval").join(set).join("corpus.jsonl"),
    };
    let dir = repo().join("tests/data/eval").join(set.trim_end_matches("-para"));
    let mut cmd = briefs(tmp.path());
    cmd.args(["eval", "--json"]).args(extra);
    cmd.arg("--corpus").arg(corpus).arg("--qrels").arg(dir.join("qrels.txt"));
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
    eprintln!("{set}: nDCG@10 {ndcg:.4}, recall@100 {recall:.4}");
    assert!(ndcg >= ndcg_min, "{set}: nDCG@10 {ndcg:.4} fell under {ndcg_min}");
    assert!(recall >= recall_min, "{set}: recall@100 {recall:.4} fell under {recall_min}");
}

#[test]
fn cran() {
    check("cran", 0.385, 0.75);
}

#[test]
fn med() {
    check("med", 0.70, 0.78);
}

/// Paragraphs of at least this many characters (`make_para.py SRC DST 250`).
const PARA_MIN: usize = 250;

/// Writes `source`'s documents with each text cut at sentence ends into paragraphs of
/// at least [`PARA_MIN`] characters, blank lines between (as `make_para.py` does).
fn split_corpus(source: &Path, out: &Path) {
    let mut lines = Vec::new();
    for line in std::fs::read_to_string(source).unwrap().lines().filter(|l| !l.trim().is_empty()) {
        let mut doc: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = doc["text"].as_str().unwrap().to_string();
        doc["text"] = serde_json::Value::String(paragraphs(&text, PARA_MIN));
        lines.push(doc.to_string());
    }
    std::fs::write(out, lines.join("\n")).unwrap();
}

/// The sentences of `text` (cut after `.`, `!` or `?` and white space) gathered into
/// paragraphs of at least `min` characters; a short last rest joins the paragraph before.
fn paragraphs(text: &str, min: usize) -> String {
    let mut sentences = Vec::new();
    let mut rest = text.trim();
    while let Some(cut) = rest
        .char_indices()
        .zip(rest.chars().skip(1))
        .find(|((_, c), next)| matches!(c, '.' | '!' | '?') && next.is_whitespace())
        .map(|((i, c), _)| i + c.len_utf8())
    {
        sentences.push(&rest[..cut]);
        rest = rest[cut..].trim_start();
    }
    sentences.push(rest);
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for s in sentences {
        current = format!("{current} {s}").trim().to_string();
        if current.chars().count() >= min {
            paras.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        match paras.last_mut() {
            Some(last) if current.chars().count() < min / 2 => {
                last.push(' ');
                last.push_str(&current);
            }
            _ => paras.push(current),
        }
    }
    paras.join("\n\n")
}

#[test]
fn split_into_paragraphs_as_make_para_does() {
    let long = "A sentence that runs on for a while. ".repeat(8);
    let text = format!("{long}Short end. Tail!");
    let paras = paragraphs(&text, 100);
    let parts: Vec<&str> = paras.split("\n\n").collect();
    assert!(parts.len() >= 2, "{paras}");
    assert!(parts[..parts.len() - 1].iter().all(|p| p.chars().count() >= 100), "{parts:?}");
    assert!(parts.last().unwrap().ends_with("Short end. Tail!"), "a short rest joins the last: {parts:?}");
    assert_eq!(paragraphs("One. Two", 100), "One. Two");
    assert_eq!(paragraphs("Version 2.5 is out", 5), "Version 2.5 is out", "no cut inside a number");
}

#[test]
fn cran_para() {
    // Measured 0.3821 (0.3658 before document context, 0.3745 before proximity), recall@100 0.7478.
    check("cran-para", 0.373, 0.74);
}

#[test]
fn med_para() {
    // Measured 0.7136 (0.6864 before document context, 0.7033 before proximity), recall@100 0.7722.
    check("med-para", 0.70, 0.765);
}

#[test]
fn xquad_en() {
    // Measured 0.8660 (0.8559 before the lower bound of words held in sentences).
    check("xquad-r-en", 0.86, 0.975);
}

#[test]
fn xquad_de() {
    // Measured 0.8125 (0.8056 before the lower bound of words held in sentences, 0.7984
    // before compound splitting), recall@100 0.9504.
    check("xquad-r-de", 0.81, 0.945);
}

#[test]
fn xquad_es() {
    // Measured 0.8366 (0.8302 before the lower bound of words held in sentences, 0.8268
    // before question words were dropped), recall@100 0.9639.
    check("xquad-r-es", 0.833, 0.96);
}

#[test]
fn xquad_mixed_language_routing() {
    // Measured 0.8443 (0.8380 before the lower bound of words held in sentences).
    check("xquad-r-mixed", 0.84, 0.955);
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

/// Sentences about other things, to make a collection.
const FILLER: [&str; 8] = [
    "The minister met the delegation in the capital on Monday.",
    "Talks on the grain corridor resumed after a pause of two weeks.",
    "The parliament approved the budget for the coming year.",
    "Prices of fuel rose again in the eastern regions.",
    "The court adjourned the hearing until next month.",
    "Rail traffic was restored on the main line to the south.",
    "Schools reopened in the city after the holidays.",
    "Farmers protested against the import of cheap grain.",
];
const SHORT: &str = "Minefields were cleared.";
const LONG: &str = "Howitzers were seen on the road at dawn by several witnesses who described a long \
     column of vehicles moving slowly south past the villages and the river crossing toward Kherson.";

fn first_hit(dir: &Path) -> String {
    let hits = search_json(dir, &["howitzers Kherson minefields", "-n", "2"]);
    hits[0]["doc"].as_str().unwrap().to_string()
}

#[test]
fn in_a_collection_of_sentences_each_query_word_held_counts() {
    // BM25 alone ranks the short sentence with one query word above the long one with
    // two; the lower bound of each word held (BM25+) reverses that among sentences.
    // (Among documents of paragraphs the bound is not added: the cran and med
    // thresholds above fail if it is, 0.3809 and 0.6923 measured.)
    let tmp = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = vec![
        serde_json::json!({"id": "short", "text": SHORT}).to_string(),
        serde_json::json!({"id": "long", "text": LONG}).to_string(),
    ];
    lines.extend(FILLER.iter().enumerate().map(|(i, t)| serde_json::json!({"id": i, "text": t}).to_string()));
    write(tmp.path(), "sentences.jsonl", lines.join("\n").as_bytes());
    index(tmp.path(), &["sentences.jsonl"]);
    assert_eq!(first_hit(tmp.path()), "long");
}
