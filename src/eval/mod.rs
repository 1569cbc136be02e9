//! Relevance evaluation: judged queries against a corpus, scored as trec_eval does.
//!
//! [`files`] reads the collection's queries and judgements, [`collection`] indexes the
//! corpus and ranks documents by their best passage, [`metrics`] scores the rankings,
//! [`trec`] writes run files, [`like`] evaluates `like` by example.

pub mod collection;
pub mod files;
pub mod like;
pub mod metrics;
pub mod trec;

use std::collections::HashMap;

pub use collection::eval_collection;
pub use files::{load_qrels, load_queries};
pub use metrics::{evaluate, Metrics};
pub use trec::write_run;

/// Documents ranked per query (and passages per `like` example).
pub const DEPTH: usize = 100;

/// Relevance judgements: query id → document id → grade.
pub type Qrels = HashMap<String, HashMap<String, u32>>;
/// A ranking per query: query id → (document id, score), best first.
pub type Run = HashMap<String, Vec<(String, f32)>>;
