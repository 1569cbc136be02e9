//! A collection indexed for evaluation (a temporary index unless one is given), and
//! documents ranked by their best passage.

use std::path::Path;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use super::{evaluate, Metrics, Qrels, Run, DEPTH};
use crate::error::{Error, Result};
use crate::options::{IndexOptions, SearchOptions, MAX_LIMIT};
use crate::query::plan::Plan;
use crate::query::Mode;
use crate::query::QueryContext;
use crate::Engine;

/// Document keys from the `doc` fast field, per segment.
pub(crate) struct DocKeys {
    columns: Vec<Option<StrColumn>>,
}

impl DocKeys {
    /// Opens the `doc` column of every segment.
    pub(crate) fn new(searcher: &Searcher) -> DocKeys {
        let columns =
            searcher.segment_readers().iter().map(|s| s.fast_fields().str("doc").ok().flatten()).collect();
        DocKeys { columns }
    }

    /// Documents ranked by their best passage: the first `n` distinct keys of `top`.
    pub(crate) fn documents(&self, top: &[(f32, DocAddress)], n: usize) -> Vec<(String, f32)> {
        let mut seen = std::collections::HashSet::new();
        top.iter()
            .filter_map(|(score, addr)| self.get(*addr).map(|k| (k, *score)))
            .filter(|(k, _)| seen.insert(k.clone()))
            .take(n)
            .collect()
    }

    /// The document key of a passage.
    pub(crate) fn get(&self, addr: DocAddress) -> Option<String> {
        let col = self.columns.get(addr.segment_ord as usize)?.as_ref()?;
        let ord = col.term_ords(addr.doc_id).next()?;
        let mut key = String::new();
        col.ord_to_str(ord, &mut key).ok()?;
        Some(key)
    }
}

/// Ranks documents for a plain-text query: each document scores as its best passage.
/// With `feedback`, the query is run with pseudo-relevance feedback.
pub(crate) fn rank_documents(
    ctx: &QueryContext,
    keys: &DocKeys,
    text: &str,
    feedback: bool,
) -> Result<Vec<(String, f32)>> {
    let opts = SearchOptions { mode: Mode::Plain, feedback, ..SearchOptions::default() };
    let plan = match Plan::new(ctx, text, &opts) {
        Ok(p) => p,
        Err(Error::BadQuery { .. }) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut depth = DEPTH * 3;
    loop {
        let top = plan.run(&ctx.searcher, depth)?;
        let docs = keys.documents(&top, DEPTH);
        if docs.len() >= DEPTH || top.len() < depth || depth >= MAX_LIMIT {
            return Ok(docs);
        }
        depth = (depth * 4).min(MAX_LIMIT);
    }
}

/// Runs every query (with pseudo-relevance feedback if asked) and returns the ranking
/// per query.
pub fn run_queries(engine: &Engine, queries: &[(String, String)], feedback: bool) -> Result<Run> {
    let ctx = engine.context();
    let keys = DocKeys::new(&ctx.searcher);
    let rank = |text: &str| rank_documents(&ctx, &keys, text, feedback);
    queries.iter().map(|(qid, text)| Ok((qid.clone(), rank(text)?))).collect()
}

/// Where the collection is indexed: a folder given by the user, or a temporary one.
pub enum Place {
    /// A folder the user gave.
    Given(std::path::PathBuf),
    /// A temporary folder, removed when dropped.
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
        let opts = IndexOptions::new(vec![corpus.to_path_buf()]);
        crate::ingest::run(place.path(), &opts, &mut |_| {})?;
    }
    let engine = Engine::open(place.path())?;
    Ok((place, engine))
}

/// Indexes `corpus` (unless `index` already holds an index) and runs the judged queries,
/// with pseudo-relevance feedback if asked.
pub fn eval_collection(
    corpus: &Path,
    queries: &[(String, String)],
    qrels: &Qrels,
    index: Option<&Path>,
    feedback: bool,
) -> Result<(Metrics, Run)> {
    let (_place, engine) = indexed(corpus, index)?;
    let run = run_queries(&engine, queries, feedback)?;
    Ok((evaluate(&run, qrels), run))
}
