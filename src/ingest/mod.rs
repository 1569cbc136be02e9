//! Ingest: files become passages in the index, in visible stages.
//!
//! walk (the files under the roots, keyed by canonical path: [`paths`]) → read (decode a [`Kind`] into
//! [`SourceDoc`]s) → prepare (split, date, detect, on every core) → write (the run:
//! change detection against the manifest, `delete_term` per file, batched commits).
//!
//! Each file's content hash is kept in the commit payload (the manifest), so a run
//! skips unchanged files, replaces changed ones (`delete_term` on the file key, then
//! add) and removes files gone from the roots it walks. The manifest also records the
//! roots, so that `briefs index` with no path refreshes them all; a root that has gone
//! is reported and its files kept. Commits come in bounded batches; every commit
//! carries the manifest of the files fully written so far.

pub mod boilerplate;
pub mod date;
pub mod detect;
pub mod document;
pub mod extracted;
mod format;
mod ids;
pub mod markdown;
pub mod paths;
pub mod prepare;
pub mod read;
mod run;
pub mod split;
pub mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::error::Result;
use crate::options::{IndexOptions, COMMIT_EVERY};
use crate::store::{check_location, has_index, writer, Manifest, Store};

pub use format::Kind;
pub use read::SourceDoc;
pub use walk::FoundFile;

use paths::{shown, under};
use walk::Root;

/// The root indexed when no path is given and the index records none.
pub const DEFAULT_ROOT: &str = "seeds";

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
    /// Text files with no text (empty or blank), recorded and skipped: no failure.
    pub empty: usize,
    /// Files (or paths named) that could not be read, wholly or partly.
    pub failed: usize,
    /// Of [`Summary::failed`], the files read in part (a JSON-lines file with bad lines,
    /// a message with an unreadable attachment): their other parts are indexed, and
    /// counted as added or updated (or unchanged, when a later run finds them so).
    pub partly: usize,
    /// Lines dropped as page furniture or as boilerplate repeated across a source.
    pub dropped: usize,
    /// Recorded roots that are gone (their files are kept).
    pub missing: usize,
    /// Wall time of the run.
    pub seconds: f64,
}

impl Summary {
    /// Whether anything went wrong: a failed file or path, or a missing root.
    pub fn has_errors(&self) -> bool {
        self.failed > 0 || self.missing > 0
    }
}

/// What the run reports while it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// A file was skipped or partly read.
    Warning(String),
    /// A path named (or a recorded root) cannot be indexed.
    Error(String),
    /// Bytes of input handled so far, out of the total.
    Progress {
        /// Bytes handled.
        done: u64,
        /// Bytes in all.
        total: u64,
    },
}

/// Indexes `opts.roots` into the index at `dir`, incrementally unless `opts.full`; with
/// no roots, refreshes every root the index records (or indexes [`DEFAULT_ROOT`] when
/// it records none). Paths that cannot be indexed are reported and counted in
/// [`Summary::failed`]; the others are indexed.
///
/// # Errors
/// [`crate::Error::InvalidOption`] when `dir` cannot be an index folder,
/// [`crate::Error::Locked`] when another process writes the index,
/// [`crate::Error::Damaged`] for an index that does not open (without `--full`),
/// [`crate::Error::Index`] when tantivy fails to write.
pub fn run(dir: &Path, opts: &IndexOptions, report: &mut dyn FnMut(Event)) -> Result<Summary> {
    let started = Instant::now();
    check_location(dir)?;
    let named: Vec<(PathBuf, std::result::Result<Root, String>)> =
        opts.roots.iter().map(|p| (p.clone(), walk::resolve(p))).collect();
    if !named.is_empty() && named.iter().all(|(_, r)| r.is_err()) && !has_index(dir) {
        // Nothing to index and no index to update: say why, and create nothing.
        let mut summary = Summary::default();
        for (_, r) in named {
            if let Err(message) = r {
                summary.failed += 1;
                report(Event::Error(message));
            }
        }
        return Ok(summary);
    }
    if named.is_empty() && !has_index(dir) {
        if let Err(message) = walk::resolve(Path::new(DEFAULT_ROOT)) {
            // No path, no index and no seeds: nothing to create an index for.
            report(Event::Error(format!("{message} (give the files or folders to index)")));
            return Ok(Summary { failed: 1, ..Summary::default() });
        }
    }
    let store = open_store(dir, opts.full)?;
    let mut run = run::Run::new(&store.0, opts.commit_every)?;
    if run.manifest.roots.is_empty() {
        run.manifest.roots = store.1;
    }
    let refresh_all = named.is_empty();
    let (roots, missing) =
        if refresh_all { recorded_roots(&mut run, report) } else { named_roots(&mut run, named, report) };
    if opts.full {
        run.clear(refresh_all, &missing)?;
    }
    roots.iter().for_each(|r| run.add_root(&r.key));
    let walked = walk::walk(&roots);
    run.summary.failed += walked.warnings.len();
    walked.warnings.iter().for_each(|w| report(Event::Warning(w.clone())));
    run.index_files(&walked.files, report)?;
    let keys: Vec<String> = roots.iter().map(|r| r.key.clone()).collect();
    run.remove_missing(&keys, &walked);
    let mut summary = run.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The store to write, with the roots recovered from a damaged one that `--full`
/// rebuilt.
fn open_store(dir: &Path, full: bool) -> Result<(Store, BTreeSet<String>)> {
    if full && has_index(dir) {
        let roots = Manifest::roots_in(dir);
        return Ok((Store::open(dir).or_else(|_| writer::recreate(dir))?, roots));
    }
    Ok((Store::open_or_create(dir)?, BTreeSet::new()))
}

/// The recorded roots that are there; the missing ones are reported and returned
/// apart. With none recorded, [`DEFAULT_ROOT`].
fn recorded_roots(run: &mut run::Run, report: &mut dyn FnMut(Event)) -> (Vec<Root>, Vec<String>) {
    if run.manifest.roots.is_empty() {
        return match walk::resolve(Path::new(DEFAULT_ROOT)) {
            Ok(root) => (vec![root], Vec::new()),
            Err(message) => {
                run.summary.failed += 1;
                report(Event::Error(format!("{message} (give the files or folders to index)")));
                (Vec::new(), Vec::new())
            }
        };
    }
    let (mut roots, mut missing) = (Vec::new(), Vec::new());
    for key in run.manifest.roots.clone() {
        match walk::resolve(Path::new(&key)) {
            Ok(root) => roots.push(root),
            Err(_) => missing.push(missing_root(run, key, report)),
        }
    }
    (roots, missing)
}

/// The named roots that can be indexed; the others are reported (a recorded root that
/// is gone as missing, its files kept).
fn named_roots(
    run: &mut run::Run,
    named: Vec<(PathBuf, std::result::Result<Root, String>)>,
    report: &mut dyn FnMut(Event),
) -> (Vec<Root>, Vec<String>) {
    let (mut roots, mut missing) = (Vec::new(), Vec::new());
    for (given, resolved) in named {
        match resolved {
            Ok(root) => roots.push(root),
            Err(message) => {
                let key = paths::key_of(&given);
                if run.manifest.roots.contains(&key) {
                    missing.push(missing_root(run, key, report));
                } else {
                    run.summary.failed += 1;
                    report(Event::Error(message));
                }
            }
        }
    }
    (roots, missing)
}

/// Reports a recorded root that is gone; returns its key.
fn missing_root(run: &mut run::Run, key: String, report: &mut dyn FnMut(Event)) -> String {
    let n = run.manifest.files_under(&key);
    let name = shown(&key);
    report(Event::Error(format!(
        "root {name} is missing; its {n} files are kept; `briefs remove {name}` forgets them"
    )));
    run.summary.missing += 1;
    key
}

/// What `briefs remove` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Removal {
    /// Files whose passages were removed.
    pub files: usize,
    /// Roots forgotten (canonical paths).
    pub roots: Vec<String>,
    /// Paths given under which nothing was indexed.
    pub unmatched: Vec<String>,
}

/// Removes the passages of the files at or under `targets` (files or folders, which
/// need not exist any more) and forgets the roots among them.
///
/// # Errors
/// [`crate::Error::NoIndex`] when there is no index at `dir`, and the errors of
/// writing ([`crate::Error::Locked`], [`crate::Error::Index`]).
pub fn remove(dir: &Path, targets: &[PathBuf], report: &mut dyn FnMut(Event)) -> Result<Removal> {
    let store = Store::open(dir)?;
    let mut run = run::Run::new(&store, COMMIT_EVERY)?;
    let mut removal = Removal::default();
    for target in targets {
        let key = paths::key_of(target);
        let files: Vec<String> = run.manifest.files.keys().filter(|k| under(k, &key)).cloned().collect();
        let roots: Vec<String> = run.manifest.roots.iter().filter(|r| under(r, &key)).cloned().collect();
        if files.is_empty() && roots.is_empty() {
            report(Event::Warning(format!("{}: nothing indexed there", paths::shown_path(target))));
            removal.unmatched.push(paths::shown_path(target));
            continue;
        }
        if let Some(root) = run.manifest.root_of(&key).filter(|r| *r != key) {
            let (name, root) = (shown(&key), shown(root));
            report(Event::Warning(format!(
                "{name} is inside the indexed root {root}: `briefs index` adds it back"
            )));
        }
        files.iter().for_each(|f| run.remove_file(f));
        roots.iter().for_each(|r| run.forget_root(r));
        removal.files += files.len();
        removal.roots.extend(roots);
    }
    if !removal.roots.is_empty() {
        let orphans = unreachable_files(&run.manifest);
        orphans.iter().for_each(|f| run.remove_file(f));
        removal.files += orphans.len();
    }
    run.finish()?;
    Ok(removal)
}

/// The files of the index that no root holds and no root reaches any more: reached
/// through a symbolic link from a root since forgotten. A root that cannot be walked
/// now (a drive unmounted) may still reach any of them, and then none is.
fn unreachable_files(manifest: &Manifest) -> Vec<String> {
    let remaining = &manifest.roots;
    let outside: Vec<&String> =
        manifest.files.keys().filter(|k| !remaining.iter().any(|r| under(k, r))).collect();
    if outside.is_empty() {
        return Vec::new();
    }
    let mut roots = Vec::with_capacity(remaining.len());
    for key in remaining {
        match walk::resolve(Path::new(key)) {
            Ok(root) => roots.push(root),
            Err(_) => return Vec::new(),
        }
    }
    let walked = walk::walk(&roots);
    if !walked.unreadable.is_empty() {
        return Vec::new();
    }
    let reached: std::collections::HashSet<&str> = walked.files.iter().map(|f| f.key.as_str()).collect();
    outside.into_iter().filter(|k| !reached.contains(k.as_str())).cloned().collect()
}
