//! Query-by-example evaluation of `like`: for every judged query with two or more
//! relevant documents, each relevant document is the example, and the other relevant
//! documents should come back (recall@10, nDCG@10, the example excluded). briefs' term
//! selection is compared with tantivy's `MoreLikeThisQuery` (default settings) and a
//! plain BM25 OR-query of the whole example text.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::Term;

use super::collection::{indexed, DocKeys};
use super::metrics::score_query;
use super::{Qrels, DEPTH};
use crate::error::Result;
use crate::ingest::detect;
use crate::ingest::read::json_docs;
use crate::ingest::FoundFile;
use crate::query::like::{choose_terms, terms_query};
use crate::query::{plain_words, QueryContext};

/// How a method did over all examples.
#[derive(Debug, Clone, Serialize)]
pub struct LikeMetrics {
    /// The method's name.
    pub method: &'static str,
    /// Recall@10 of the other relevant documents.
    pub recall_10: f64,
    /// nDCG@10.
    pub ndcg_10: f64,
    /// Examples run.
    pub examples: usize,
}

/// The methods compared, in report order.
pub const METHODS: [&str; 3] =
    ["briefs like", "tantivy MoreLikeThisQuery (defaults)", "BM25 OR of the example"];

/// Runs the comparison on one collection.
pub fn eval_like(corpus: &Path, qrels: &Qrels, index: Option<&Path>) -> Result<Vec<LikeMetrics>> {
    let texts = corpus_texts(corpus)?;
    let (_place, engine) = indexed(corpus, index)?;
    let ctx = engine.context();
    let keys = DocKeys::new(&ctx.searcher);
    let detector = detect::detector();
    let mut sums = [(0.0, 0.0); 3];
    let mut examples = 0;
    for judged in qrels.values() {
        let relevant: Vec<&String> =
            judged.iter().filter(|(d, g)| **g > 0 && texts.contains_key(*d)).map(|(d, _)| d).collect();
        if relevant.len() < 2 {
            continue;
        }
        for example in relevant {
            let mut others = judged.clone();
            others.remove(example);
            let text = &texts[example];
            let lang = detect::languages(&detector, &[text.as_str()]).remove(0);
            for (m, sum) in sums.iter_mut().enumerate() {
                let query = method_query(&ctx, m, text, &lang);
                let ranking = rank(&ctx, &keys, query, example)?;
                let (ndcg, recall) = scores(&ranking, &others);
                sum.0 += recall;
                sum.1 += ndcg;
            }
            examples += 1;
        }
    }
    let n = examples.max(1) as f64;
    Ok(METHODS
        .iter()
        .zip(sums)
        .map(|(method, (r, g))| LikeMetrics { method, recall_10: r / n, ndcg_10: g / n, examples })
        .collect())
}

/// nDCG@10 and recall@10 of a ranking against the remaining judgements.
fn scores(ranking: &[(String, f32)], judged: &HashMap<String, u32>) -> (f64, f64) {
    let relevant = judged.values().filter(|g| **g > 0).count() as f64;
    let found = ranking.iter().take(10).filter(|(d, _)| judged.get(d).is_some_and(|g| *g > 0)).count() as f64;
    let (ndcg, _, _, _) = score_query(ranking, judged);
    (ndcg, found / relevant)
}

/// Document id → title and text, as the corpus gives them.
fn corpus_texts(corpus: &Path) -> Result<HashMap<String, String>> {
    let bytes = crate::ingest::read::read_bytes(corpus)?;
    let file = FoundFile { path: corpus.to_path_buf(), key: corpus.display().to_string() };
    let gz = corpus.to_string_lossy().ends_with(".gz");
    let mut texts = HashMap::new();
    json_docs(&file, &mut &bytes[..], gz, &Default::default(), &mut |d| {
        let text = match d.title {
            Some(t) => format!("{t}\n\n{}", d.text),
            None => d.text,
        };
        texts.insert(d.key, text);
    });
    Ok(texts)
}

/// The query of method `m` for an example text.
fn method_query(ctx: &QueryContext, m: usize, text: &str, lang: &str) -> Box<dyn Query> {
    let field = ctx.store.fields().text_for(lang);
    match m {
        0 => terms_query(&choose_terms(&ctx.searcher, field, lang, text)),
        1 => Box::new(
            MoreLikeThisQuery::builder()
                .with_document_fields(vec![(field, vec![OwnedValue::from(text.to_string())])]),
        ),
        _ => {
            let parser = QueryParser::for_index(ctx.store.index(), vec![field]);
            parser.parse_query_lenient(&plain_words(text)).0
        }
    }
}

/// Documents ranked by their best passage, the example's own document left out.
fn rank(
    ctx: &QueryContext,
    keys: &DocKeys,
    query: Box<dyn Query>,
    example: &str,
) -> Result<Vec<(String, f32)>> {
    let not =
        TermQuery::new(Term::from_field_text(ctx.store.fields().doc, example), IndexRecordOption::Basic);
    let query = BooleanQuery::new(vec![(Occur::Must, query), (Occur::MustNot, Box::new(not))]);
    Ok(keys.documents(&ctx.top(&query, DEPTH)?, 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_counts_the_other_relevant_documents() {
        let judged: HashMap<String, u32> =
            [("a", 1), ("b", 1), ("z", 0)].into_iter().map(|(d, g)| (d.into(), g)).collect();
        let ranking: Vec<(String, f32)> = vec![("z".into(), 3.0), ("a".into(), 2.0)];
        let (ndcg, recall) = scores(&ranking, &judged);
        assert!((recall - 0.5).abs() < 1e-12);
        assert!(ndcg > 0.0 && ndcg < 1.0);
    }
}
