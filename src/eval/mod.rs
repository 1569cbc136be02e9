//! Relevance evaluation: judged queries against a corpus, scored as trec_eval does
//! (nDCG@10 with graded gains and log2 discount, recall@100, MRR@10, MAP@100).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use crate::config::SearchOptions;
use crate::error::{Error, Result};
use crate::search::Engine;

/// Documents ranked per query.
pub const DEPTH: usize = 100;

/// Relevance judgements: query id → document id → grade.
pub type Qrels = HashMap<String, HashMap<String, u32>>;
/// A ranking per query: query id → (document id, score), best first.
pub type Run = HashMap<String, Vec<(String, f32)>>;

/// The four metrics, averaged over the judged queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub ndcg_10: f64,
    pub recall_100: f64,
    pub mrr_10: f64,
    pub map_100: f64,
    pub queries: usize,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Reads `QUERY_ID<TAB>TEXT` lines.
pub fn load_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let text = read(path)?;
    let parse = |(n, line): (usize, &str)| {
        let (id, q) = line.split_once('\t').ok_or_else(|| {
            Error::Invalid(format!("{}: line {}: expected ID<TAB>QUERY", path.display(), n + 1))
        })?;
        Ok((id.trim().to_string(), q.trim().to_string()))
    };
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(parse).collect()
}

/// Reads TREC qrels lines: `QUERY_ID ITER DOC_ID GRADE`.
pub fn load_qrels(path: &Path) -> Result<Qrels> {
    let mut qrels = Qrels::new();
    for (n, line) in read(path)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let grade = match parts.as_slice() {
            [_, _, _, g] => g.parse::<i64>().ok(),
            _ => None,
        }
        .ok_or_else(|| {
            Error::Invalid(format!("{}: line {}: expected QID ITER DOCID GRADE", path.display(), n + 1))
        })?;
        qrels.entry(parts[0].to_string()).or_default().insert(parts[2].to_string(), grade.max(0) as u32);
    }
    Ok(qrels)
}

/// Scores one ranking against its judgements: (nDCG@10, recall@100, RR@10, AP@100).
pub fn score_query(ranking: &[(String, f32)], judged: &HashMap<String, u32>) -> (f64, f64, f64, f64) {
    let relevant = judged.values().filter(|g| **g > 0).count() as f64;
    let grade = |doc: &str| judged.get(doc).copied().unwrap_or(0);
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = ranking.iter().take(10).enumerate().map(|(i, (d, _))| grade(d) as f64 * discount(i)).sum();
    let mut ideal: Vec<u32> = judged.values().copied().filter(|g| *g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(10).enumerate().map(|(i, g)| *g as f64 * discount(i)).sum();
    let (mut found, mut ap, mut rr) = (0.0, 0.0, 0.0);
    for (i, (doc, _)) in ranking.iter().take(DEPTH).enumerate() {
        if grade(doc) > 0 {
            found += 1.0;
            ap += found / (i + 1) as f64;
            if rr == 0.0 && i < 10 {
                rr = 1.0 / (i + 1) as f64;
            }
        }
    }
    let ndcg = if idcg > 0.0 { dcg / idcg } else { 0.0 };
    (ndcg, found / relevant, rr, ap / relevant)
}

/// Averages the metrics over the queries with at least one relevant document.
pub fn evaluate(run: &Run, qrels: &Qrels) -> Metrics {
    let empty = Vec::new();
    let mut m = Metrics::default();
    for (qid, judged) in qrels.iter().filter(|(_, j)| j.values().any(|g| *g > 0)) {
        let (n, r, rr, ap) = score_query(run.get(qid).unwrap_or(&empty), judged);
        m.ndcg_10 += n;
        m.recall_100 += r;
        m.mrr_10 += rr;
        m.map_100 += ap;
        m.queries += 1;
    }
    let q = m.queries.max(1) as f64;
    Metrics {
        ndcg_10: m.ndcg_10 / q,
        recall_100: m.recall_100 / q,
        mrr_10: m.mrr_10 / q,
        map_100: m.map_100 / q,
        ..m
    }
}

/// Writes a TREC run file: `QID Q0 DOCID RANK SCORE briefs`.
pub fn write_run(out: &mut dyn Write, queries: &[(String, String)], run: &Run) -> std::io::Result<()> {
    for (qid, _) in queries {
        for (i, (doc, score)) in run.get(qid).into_iter().flatten().enumerate() {
            writeln!(out, "{qid} Q0 {doc} {} {score:.6} briefs", i + 1)?;
        }
    }
    Ok(())
}

/// Document keys from the `doc` fast field, per segment.
pub struct DocKeys {
    columns: Vec<Option<StrColumn>>,
}

impl DocKeys {
    /// Opens the `doc` column of every segment.
    pub fn new(searcher: &Searcher) -> DocKeys {
        let columns =
            searcher.segment_readers().iter().map(|s| s.fast_fields().str("doc").ok().flatten()).collect();
        DocKeys { columns }
    }

    /// Documents ranked by their best passage: the first `n` distinct keys of `top`.
    pub fn documents(&self, top: &[(f32, DocAddress)], n: usize) -> Vec<(String, f32)> {
        let mut seen = std::collections::HashSet::new();
        top.iter()
            .filter_map(|(score, addr)| self.get(*addr).map(|k| (k, *score)))
            .filter(|(k, _)| seen.insert(k.clone()))
            .take(n)
            .collect()
    }

    /// The document key of a passage.
    pub fn get(&self, addr: DocAddress) -> Option<String> {
        let col = self.columns.get(addr.segment_ord as usize)?.as_ref()?;
        let ord = col.term_ords(addr.doc_id).next()?;
        let mut key = String::new();
        col.ord_to_str(ord, &mut key).ok()?;
        Some(key)
    }
}

/// Ranks documents for a plain-text query: each document scores as its best passage.
pub fn rank_documents(
    engine: &Engine,
    searcher: &Searcher,
    keys: &DocKeys,
    text: &str,
) -> Result<Vec<(String, f32)>> {
    let opts = SearchOptions { plain: true, ..SearchOptions::default() };
    let plan = match engine.plan(searcher, text, &opts) {
        Ok(p) => p,
        Err(Error::Query(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut depth = DEPTH * 3;
    loop {
        let top = engine.run_plan(searcher, &plan, depth)?;
        let docs = keys.documents(&top, DEPTH);
        if docs.len() >= DEPTH || top.len() < depth || depth >= crate::config::MAX_LIMIT {
            return Ok(docs);
        }
        depth = (depth * 4).min(crate::config::MAX_LIMIT);
    }
}

/// Runs every query and returns the ranking per query.
pub fn run_queries(engine: &Engine, queries: &[(String, String)]) -> Result<Run> {
    let searcher = engine.searcher();
    let keys = DocKeys::new(&searcher);
    queries
        .iter()
        .map(|(qid, text)| Ok((qid.clone(), rank_documents(engine, &searcher, &keys, text)?)))
        .collect()
}

/// Where the collection is indexed: a folder given by the user, or a temporary one.
pub enum Place {
    Given(std::path::PathBuf),
    Temp(tempfile::TempDir),
}

impl Place {
    fn path(&self) -> &Path {
        match self {
            Place::Given(p) => p,
            Place::Temp(t) => t.path(),
        }
    }
}

/// Indexes `corpus` into `index` (unless it already holds an index) or a temporary
/// folder, and opens it. Keep the [`Place`] alive while the engine is used.
pub fn indexed(corpus: &Path, index: Option<&Path>) -> Result<(Place, Engine)> {
    let place = match index {
        Some(dir) => Place::Given(dir.to_path_buf()),
        None => Place::Temp(tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?),
    };
    if !place.path().join("meta.json").is_file() {
        let opts = crate::config::IndexOptions::new(vec![corpus.to_path_buf()]);
        crate::index::run(place.path(), &opts, &mut |_| {})?;
    }
    let engine = Engine::open(place.path())?;
    Ok((place, engine))
}

/// Indexes `corpus` (unless `index` already holds an index) and runs the judged queries.
pub fn eval_collection(
    corpus: &Path,
    queries: &[(String, String)],
    qrels: &Qrels,
    index: Option<&Path>,
) -> Result<(Metrics, Run)> {
    let (_place, engine) = indexed(corpus, index)?;
    let run = run_queries(&engine, queries)?;
    Ok((evaluate(&run, qrels), run))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(docs: &[&str]) -> Vec<(String, f32)> {
        docs.iter().enumerate().map(|(i, d)| (d.to_string(), 10.0 - i as f32)).collect()
    }

    #[test]
    fn metrics_match_hand_computed_values() {
        // Judged: a (grade 2), b (grade 1), c (grade 1, not retrieved); x, y not relevant.
        let judged: HashMap<String, u32> =
            [("a", 2), ("b", 1), ("c", 1), ("x", 0)].into_iter().map(|(d, g)| (d.to_string(), g)).collect();
        let (ndcg, recall, rr, ap) = score_query(&ranking(&["x", "a", "y", "b"]), &judged);
        // DCG = 2/log2(3) + 1/log2(5) = 1.692537; IDCG = 2 + 1/log2(3) + 1/2 = 3.130930.
        let dcg = 2.0 / 3f64.log2() + 1.0 / 5f64.log2();
        let idcg = 2.0 + 1.0 / 3f64.log2() + 0.5;
        assert!((ndcg - dcg / idcg).abs() < 1e-12);
        assert!((ndcg - 0.540_586).abs() < 1e-5, "{ndcg}");
        assert!((recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((rr - 0.5).abs() < 1e-12);
        // AP = (1/2 + 2/4) / 3
        assert!((ap - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn unretrieved_and_unjudged_queries() {
        let mut qrels = Qrels::new();
        qrels.insert("q1".into(), [("a".to_string(), 1)].into_iter().collect());
        qrels.insert("q2".into(), [("b".to_string(), 1)].into_iter().collect());
        qrels.insert("q3".into(), [("c".to_string(), 0)].into_iter().collect());
        let mut run = Run::new();
        run.insert("q1".into(), ranking(&["a"]));
        let m = evaluate(&run, &qrels);
        assert_eq!(m.queries, 2);
        assert!((m.ndcg_10 - 0.5).abs() < 1e-12);
        assert!((m.mrr_10 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn run_files_are_trec_lines() {
        let queries = vec![("q1".to_string(), "text".to_string())];
        let mut run = Run::new();
        run.insert("q1".into(), ranking(&["a", "b"]));
        let mut out = Vec::new();
        write_run(&mut out, &queries, &run).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q1 Q0 a 1 10.000000 briefs\nq1 Q0 b 2 9.000000 briefs\n"
        );
    }
}
