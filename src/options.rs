//! Options structs, built and validated once by the binary, read by the library.

use std::path::PathBuf;

/// How `briefs index` runs.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Files or folders to index.
    pub roots: Vec<PathBuf>,
    /// Rebuild from scratch instead of updating.
    pub full: bool,
    /// Passages written between two commits: a crash loses at most this much work.
    pub commit_every: usize,
}

/// Default number of passages between two commits.
pub const COMMIT_EVERY: usize = 400_000;

impl IndexOptions {
    /// Options for indexing `roots` incrementally.
    pub fn new(roots: Vec<PathBuf>) -> Self {
        IndexOptions { roots, full: false, commit_every: COMMIT_EVERY }
    }
}

/// How a search runs and what it returns.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Number of passages to return.
    pub limit: usize,
    /// Only passages in this language (ISO 639-1).
    pub lang: Option<String>,
    /// Only passages whose source matches these words.
    pub source: Option<String>,
    /// Only passages dated on or after this (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only passages dated on or before this.
    pub until: Option<String>,
    /// Treat the query as plain words rather than query syntax.
    pub plain: bool,
    /// Snippet length in characters.
    pub snippet_chars: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            lang: None,
            source: None,
            since: None,
            until: None,
            plain: false,
            snippet_chars: 220,
        }
    }
}

/// The largest `-n` accepted: beyond it a result list is no longer a ranking.
pub const MAX_LIMIT: usize = 10_000;
