//! Ingest: files become passages in the index, in visible stages.
//!
//! walk (the files under the roots, their keys) → read (decode a [`Kind`] into
//! [`SourceDoc`]s) → prepare (split, date, detect, on every core) → write (the run:
//! change detection against the manifest, `delete_term` per file, batched commits).
//!
//! Each file's content hash is kept in the commit payload (the manifest), so a run
//! skips unchanged files, replaces changed ones (`delete_term` on the file key, then
//! add) and removes files gone from the indexed roots. Commits come in bounded
//! batches; every commit carries the manifest of the files fully written so far.

pub mod boilerplate;
pub mod date;
pub mod detect;
pub mod extracted;
mod format;
pub mod markdown;
pub mod prepare;
pub mod read;
mod run;
pub mod split;
pub mod walk;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::options::IndexOptions;
use crate::store::{has_index, writer, Store};

pub use format::Kind;
pub use read::SourceDoc;
pub use walk::FoundFile;

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Files walked.
    pub files: usize,
    /// Documents that gave passages.
    pub documents: usize,
    /// Passages written.
    pub passages: usize,
    /// Languages of the passages written.
    pub languages: BTreeSet<String>,
    /// Files new to the index.
    pub added: usize,
    /// Files changed since the last run.
    pub updated: usize,
    /// Files gone from the indexed roots, removed.
    pub removed: usize,
    /// Files skipped as unchanged.
    pub unchanged: usize,
    /// Files that could not be read, wholly or partly.
    pub failed: usize,
    /// Wall time of the run.
    pub seconds: f64,
}

/// What the run reports while it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// A file was skipped or partly read.
    Warning(String),
    /// Bytes of input handled so far, out of the total.
    Progress {
        /// Bytes handled.
        done: u64,
        /// Bytes in all.
        total: u64,
    },
}

/// Indexes `opts.roots` into the index at `dir`, incrementally unless `opts.full`.
///
/// # Errors
/// [`Error::Io`] for a root that cannot be read, [`Error::Locked`] when another process
/// writes the index, [`Error::Damaged`] for an index that does not open (without
/// `--full`), [`Error::Index`] when tantivy fails to write.
pub fn run(dir: &Path, opts: &IndexOptions, report: &mut dyn FnMut(Event)) -> Result<Summary> {
    let started = Instant::now();
    for root in &opts.roots {
        std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
    }
    let store = if opts.full && has_index(dir) {
        Store::open(dir).or_else(|_| writer::recreate(dir))?
    } else {
        Store::open_or_create(dir)?
    };
    let mut run = run::Run::new(&store, opts.full, opts.commit_every)?;
    let (files, warnings) = walk::walk(&opts.roots);
    run.summary.failed += warnings.len();
    warnings.into_iter().for_each(|w| report(Event::Warning(w)));
    run.index_files(&files, report)?;
    run.remove_missing(&opts.roots, &files);
    let mut summary = run.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
