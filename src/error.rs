//! The one error type of the library, its [`ErrorKind`] and the `Result` alias.
//!
//! Every variant carries what a front end needs to answer on its own terms: the
//! command line maps [`Error::kind`] to an exit code, a server to an HTTP status.

use std::path::PathBuf;

/// Everything that can go wrong in briefs, each with a message fit for one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No index at the given folder.
    #[error("no index at {} (run `briefs index PATH` first)", path.display())]
    NoIndex {
        /// The folder that holds no index.
        path: PathBuf,
    },
    /// The index folder holds files tantivy cannot open.
    #[error("the index at {} is damaged or from an incompatible version ({reason}); rebuild it with `briefs index --full`", path.display())]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// Another process holds the writer lock.
    #[error("index {} is being written by another process", path.display())]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
    /// The query cannot be searched.
    #[error("bad query: {reason}")]
    BadQuery {
        /// The query as given (cut to a readable length).
        query: String,
        /// What is wrong and, where known, where.
        reason: String,
    },
    /// A user-given option value is invalid.
    #[error("{option} must be {expected}, got {}", shown(value))]
    InvalidOption {
        /// The option, as the user names it (`-n`, `--since`, …).
        option: &'static str,
        /// The value given.
        value: String,
        /// What is accepted.
        expected: String,
    },
    /// An input file (queries, judgements) is malformed.
    #[error("{}: line {line}: {expected}", path.display())]
    BadInput {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What the line should look like.
        expected: String,
    },
    /// A path cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A path cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The path concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The index holds no passage, where some are needed.
    #[error("the index at {} holds no passage: {need}", path.display())]
    EmptyIndex {
        /// The index folder.
        path: PathBuf,
        /// What needed passages.
        need: String,
    },
    /// A passage id that is not in the index.
    #[error("no passage with id {id:?} in the index")]
    NoPassage {
        /// The id asked for.
        id: String,
    },
    /// Any other tantivy failure.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// A value as a message shows it: numbers bare, text quoted.
fn shown(value: &str) -> String {
    if !value.is_empty() && value.parse::<f64>().is_ok() {
        value.to_string()
    } else {
        format!("{value:?}")
    }
}

/// What kind of failure an [`Error`] is, for front ends that answer per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request was wrong: a bad query, option or input file (HTTP 400).
    Usage,
    /// Something asked for does not exist (HTTP 404).
    NotFound,
    /// The index cannot be used now: missing, damaged or locked (HTTP 503).
    Unavailable,
    /// The system failed: I/O or tantivy (HTTP 500).
    Internal,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A path that cannot be written.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write { path: path.into(), source }
    }

    /// A bad query, its text cut to 80 characters for the message.
    pub fn bad_query(query: &str, reason: impl Into<String>) -> Self {
        let query = crate::text::cut_at_char_boundary(query, 80).to_string();
        Error::BadQuery { query, reason: reason.into() }
    }

    /// An invalid option value.
    pub fn invalid(option: &'static str, value: impl ToString, expected: impl Into<String>) -> Self {
        Error::InvalidOption { option, value: value.to_string(), expected: expected.into() }
    }

    /// The kind of this error.
    ///
    /// ```
    /// use briefs::{Error, ErrorKind};
    /// assert_eq!(Error::NoPassage { id: "x#1".into() }.kind(), ErrorKind::NotFound);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::BadQuery { .. } | Error::InvalidOption { .. } | Error::BadInput { .. } => ErrorKind::Usage,
            Error::NoPassage { .. } => ErrorKind::NotFound,
            Error::NoIndex { .. }
            | Error::Damaged { .. }
            | Error::Locked { .. }
            | Error::EmptyIndex { .. } => ErrorKind::Unavailable,
            Error::Io { .. } | Error::Write { .. } | Error::Index(_) => ErrorKind::Internal,
        }
    }
}
