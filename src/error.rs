//! The one error type of the library and its `Result` alias.

use std::path::PathBuf;

/// Everything that can go wrong in briefs, each with a message fit for one line on stderr.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index at the given folder.
    #[error("no index at {0} (run `briefs index PATH` first)")]
    NoIndex(PathBuf),
    /// The index folder holds files tantivy cannot open.
    #[error("the index at {path} is damaged or from an incompatible version ({reason}); rebuild it with `briefs index --full`")]
    Damaged { path: PathBuf, reason: String },
    /// Another process holds the writer lock.
    #[error("index {0} is being written by another process")]
    Locked(PathBuf),
    /// The query text does not parse.
    #[error("bad query: {0}")]
    Query(String),
    /// A user-given value is invalid.
    #[error("{0}")]
    Invalid(String),
    /// A path cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A paragraph id that is not in the index.
    #[error("no paragraph with id {0:?} in the index")]
    NoParagraph(String),
    /// Any other tantivy failure.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// JSON (de)serialisation failure.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
