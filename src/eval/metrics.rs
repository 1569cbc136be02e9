//! trec_eval's metrics: nDCG@10 with graded gains and log2 discount, recall@100,
//! MRR@10, MAP@100.

use std::collections::HashMap;

use serde::Serialize;

use super::{Qrels, Run, DEPTH};

/// The four metrics, averaged over the judged queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// nDCG@10.
    pub ndcg_10: f64,
    /// Recall@100.
    pub recall_100: f64,
    /// MRR@10.
    pub mrr_10: f64,
    /// MAP@100.
    pub map_100: f64,
    /// Judged queries (with at least one relevant document).
    pub queries: usize,
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
}
