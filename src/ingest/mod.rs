//! Writing the index: opening or creating it, and the incremental indexing run.
//!
//! Each file's content hash is kept in the commit payload (the manifest), so a run
//! skips unchanged files, replaces changed ones (`delete_term` on the file key, then
//! add) and removes files gone from the indexed roots. Commits come in bounded
//! batches; every commit carries the manifest of the files fully written so far.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::analysis;
use crate::config::IndexOptions;
use crate::error::{Error, Result};
use crate::read::{self, FoundFile, Kind, SourceDoc};
use crate::record::{records, records_group, Record};
use crate::schema::{self, Fields};

/// Memory budget of the tantivy writer.
const WRITER_BUDGET: usize = 400_000_000;
/// Documents prepared in one parallel batch.
const BATCH_DOCS: usize = 512;
/// Version of the on-disk layout; a different one asks for `--full`.
const LAYOUT_VERSION: u32 = 1;

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub languages: BTreeSet<String>,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub seconds: f64,
}

/// What the run reports while it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// A file was skipped or partly read.
    Warning(String),
    /// Bytes of input handled so far, out of the total.
    Progress { done: u64, total: u64 },
}

/// The manifest kept in the commit payload: file key → content hash.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    files: BTreeMap<String, String>,
}

/// An opened briefs index with its fields.
pub struct Briefs {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// A reader on the last commit; opening it checks every segment file.
    pub reader: IndexReader,
}

fn damaged(dir: &Path, reason: impl ToString) -> Error {
    Error::Damaged { path: dir.to_path_buf(), reason: reason.to_string() }
}

/// Opens an existing index.
pub fn open(dir: &Path) -> Result<Briefs> {
    if !dir.join("meta.json").is_file() {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
    let fields = Fields::from_schema(&index.schema()).ok_or_else(|| damaged(dir, "not a briefs schema"))?;
    let manifest = load_manifest(&index, dir)?;
    if manifest.version != LAYOUT_VERSION && !manifest.files.is_empty() {
        return Err(damaged(dir, format!("layout version {}", manifest.version)));
    }
    analysis::register(index.tokenizers(), analysis::Side::Index);
    let reader = reader(&index, dir)?;
    Ok(Briefs { index, fields, dir: dir.to_path_buf(), reader })
}

/// A reader on the last commit, after checking that every segment's term dictionaries
/// open: tantivy panics on some damaged files, so the check runs under `catch_unwind`.
fn reader(index: &Index, dir: &Path) -> Result<IndexReader> {
    let open = || -> tantivy::Result<IndexReader> {
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let schema = index.schema();
        for segment in reader.searcher().segment_readers() {
            for (field, entry) in schema.fields() {
                if entry.is_indexed() {
                    segment.inverted_index(field)?;
                }
            }
        }
        Ok(reader)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(open)) {
        Ok(Ok(reader)) => Ok(reader),
        Ok(Err(e)) => Err(damaged(dir, e)),
        Err(_) => Err(damaged(dir, "a segment file is truncated or corrupt")),
    }
}

/// Opens the index at `dir`, creating it when there is none.
pub fn open_or_create(dir: &Path) -> Result<Briefs> {
    if dir.join("meta.json").is_file() {
        return open(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let index = Index::create_in_dir(dir, schema::build()).map_err(|e| damaged(dir, e))?;
    analysis::register(index.tokenizers(), analysis::Side::Index);
    let fields = Fields::from_schema(&index.schema()).expect("own schema");
    let reader = reader(&index, dir)?;
    Ok(Briefs { index, fields, dir: dir.to_path_buf(), reader })
}

fn load_manifest(index: &Index, dir: &Path) -> Result<Manifest> {
    let metas = index.load_metas().map_err(|e| damaged(dir, e))?;
    match metas.payload {
        None => Ok(Manifest { version: LAYOUT_VERSION, ..Manifest::default() }),
        Some(p) => serde_json::from_str(&p).map_err(|e| damaged(dir, e)),
    }
}

/// Takes the writer lock, or says that another process holds it.
fn writer(b: &Briefs) -> Result<IndexWriter> {
    b.index.writer(WRITER_BUDGET).map_err(|e| match e {
        tantivy::TantivyError::LockFailure(..) => Error::Locked(b.dir.clone()),
        other => Error::Tantivy(other),
    })
}

/// Indexes `opts.roots` into the index at `dir`, incrementally unless `opts.full`.
pub fn run(dir: &Path, opts: &IndexOptions, report: &mut dyn FnMut(Event)) -> Result<Summary> {
    let started = Instant::now();
    for root in &opts.roots {
        std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
    }
    let briefs = if opts.full && dir.join("meta.json").is_file() {
        open(dir).or_else(|_| recreate(dir))?
    } else {
        open_or_create(dir)?
    };
    let mut run = Run::new(&briefs, opts.full, opts.commit_every)?;
    let (files, warnings) = read::walk(&opts.roots);
    run.summary.failed += warnings.len();
    warnings.into_iter().for_each(|w| report(Event::Warning(w)));
    run.index_files(&files, report)?;
    run.remove_missing(&opts.roots, &files);
    let mut summary = run.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Whether a file name is one tantivy writes in an index folder.
fn is_index_file(path: &Path) -> bool {
    const EXTENSIONS: [&str; 7] = ["idx", "pos", "term", "store", "fast", "fieldnorm", "del"];
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    name == "meta.json" || name == ".managed.json" || EXTENSIONS.contains(&ext)
}

/// Replaces a damaged index folder by a new empty index (only under `--full`); only
/// files that tantivy writes are removed.
fn recreate(dir: &Path) -> Result<Briefs> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.flatten() {
        if entry.path().is_file() && is_index_file(&entry.path()) {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    open_or_create(dir)
}

/// A file whose passages are being written: its key, new hash, and whether the
/// index held an earlier version.
struct Done {
    key: String,
    hash: String,
    known: bool,
}

/// The state of one indexing run.
struct Run<'a> {
    briefs: &'a Briefs,
    writer: IndexWriter,
    manifest: Manifest,
    summary: Summary,
    since_commit: usize,
    commit_every: usize,
    dirty: bool,
    /// Text files read and waiting to be prepared together.
    pending: Vec<(Done, SourceDoc)>,
    /// Input bytes handled before the current file, and in all.
    progress: (u64, u64),
}

impl<'a> Run<'a> {
    fn new(briefs: &'a Briefs, full: bool, commit_every: usize) -> Result<Self> {
        let writer = writer(briefs)?;
        let mut manifest = load_manifest(&briefs.index, &briefs.dir)?;
        if full {
            writer.delete_all_documents()?;
            manifest.files.clear();
        }
        manifest.version = LAYOUT_VERSION;
        let summary = Summary::default();
        let commit_every = commit_every.max(1);
        Ok(Run {
            briefs,
            writer,
            manifest,
            summary,
            since_commit: 0,
            commit_every,
            dirty: full,
            pending: Vec::new(),
            progress: (0, 0),
        })
    }

    fn index_files(&mut self, files: &[FoundFile], report: &mut dyn FnMut(Event)) -> Result<()> {
        let total: u64 = files.iter().filter_map(|f| f.path.metadata().ok()).map(|m| m.len()).sum();
        let mut done = 0;
        for file in files {
            self.summary.files += 1;
            self.progress = (done, total);
            match read::read_bytes(&file.path) {
                Ok(bytes) => {
                    done += bytes.len() as u64;
                    self.index_file(file, &bytes, report)?;
                }
                Err(e) => self.fail(report, e.to_string()),
            }
            report(Event::Progress { done, total });
        }
        self.flush(report)
    }

    fn fail(&mut self, report: &mut dyn FnMut(Event), message: String) {
        self.summary.failed += 1;
        report(Event::Warning(message));
    }

    fn index_file(&mut self, file: &FoundFile, bytes: &[u8], report: &mut dyn FnMut(Event)) -> Result<()> {
        let hash = blake3::hash(bytes).to_hex().to_string();
        let known = self.manifest.files.remove(&file.key);
        if known.as_deref() == Some(hash.as_str()) {
            self.summary.unchanged += 1;
            self.manifest.files.insert(file.key.clone(), hash);
            return Ok(());
        }
        let done = Done { key: file.key.clone(), hash, known: known.is_some() };
        self.writer.delete_term(Term::from_field_text(self.briefs.fields.file, &file.key));
        self.dirty = true;
        match read::kind(&file.path) {
            Some(Kind::Text) => match read::text_doc(file, bytes) {
                Ok(doc) => {
                    self.pending.push((done, doc));
                    if self.pending.len() >= BATCH_DOCS {
                        self.flush(report)?;
                    }
                }
                Err(e) => self.finish_file(done, 0, vec![format!("{}: {e}", file.key)], report),
            },
            Some(kind) => {
                self.flush(report)?;
                let (written, warnings) = self.write_json(file, bytes, kind == Kind::JsonLinesGz, report)?;
                self.finish_file(done, written, warnings, report);
                self.maybe_commit()?;
            }
            None => {}
        }
        Ok(())
    }

    /// Counts a file's outcome and records it in the manifest once its passages are in.
    fn finish_file(
        &mut self,
        done: Done,
        written: usize,
        warnings: Vec<String>,
        report: &mut dyn FnMut(Event),
    ) {
        let partly = !warnings.is_empty();
        warnings.into_iter().for_each(|w| report(Event::Warning(w)));
        if written == 0 {
            self.fail(report, format!("{}: no passage indexed", done.key));
        } else if partly {
            self.summary.failed += 1;
        }
        if written > 0 {
            *(if done.known { &mut self.summary.updated } else { &mut self.summary.added }) += 1;
        }
        if written > 0 || done.known {
            self.manifest.files.insert(done.key, done.hash);
        }
    }

    /// Prepares and writes the queued text files together, on every core.
    fn flush(&mut self, report: &mut dyn FnMut(Event)) -> Result<()> {
        let (done, docs): (Vec<Done>, Vec<SourceDoc>) = std::mem::take(&mut self.pending).into_iter().unzip();
        let keys: Vec<&str> = done.iter().map(|d| d.key.as_str()).collect();
        let counts = self.write_batch(&keys, &docs)?;
        for (done, written) in done.into_iter().zip(counts) {
            self.finish_file(done, written, Vec::new(), report);
        }
        self.maybe_commit()
    }

    /// Reads JSON lines on one thread while batches are prepared and written here.
    fn write_json(
        &mut self,
        file: &FoundFile,
        bytes: &[u8],
        gz: bool,
        report: &mut dyn FnMut(Event),
    ) -> Result<(usize, Vec<String>)> {
        let consumed = AtomicU64::new(0);
        let mut written = 0;
        std::thread::scope(|s| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<SourceDoc>>(2);
            let counter = &consumed;
            let reader = s.spawn(move || {
                let mut pending = Vec::with_capacity(BATCH_DOCS);
                let warnings = read::json_docs(file, bytes, gz, counter, &mut |doc| {
                    pending.push(doc);
                    if pending.len() >= BATCH_DOCS {
                        let _ = send.send(std::mem::take(&mut pending));
                    }
                });
                let _ = send.send(pending);
                warnings
            });
            for docs in receive {
                written += self.write_batch(&[file.key.as_str()], &docs)?.iter().sum::<usize>();
                self.maybe_commit()?;
                let (base, total) = self.progress;
                report(Event::Progress { done: base + consumed.load(Ordering::Relaxed), total });
            }
            Ok((written, reader.join().expect("reader thread")))
        })
    }

    /// Prepares a batch of documents on every core and adds their passages; `files`
    /// holds one key for all documents (a JSON file: one detection group per thread) or
    /// one per document (text files: each document its own detection group).
    fn write_batch(&mut self, files: &[&str], docs: &[SourceDoc]) -> Result<Vec<usize>> {
        let prepared = prepare_parallel(docs, files.len() == 1);
        let mut counts = Vec::with_capacity(prepared.len());
        for (i, recs) in prepared.iter().enumerate() {
            let file = files[i.min(files.len() - 1)];
            self.summary.documents += usize::from(!recs.is_empty());
            for r in recs {
                self.summary.languages.insert(r.lang.clone());
                self.writer.add_document(self.briefs.fields.to_doc(r, file))?;
            }
            counts.push(recs.len());
        }
        let n: usize = counts.iter().sum();
        self.summary.passages += n;
        self.since_commit += n;
        Ok(counts)
    }

    /// Commits when enough passages were written since the last commit.
    fn maybe_commit(&mut self) -> Result<()> {
        if self.since_commit >= self.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    fn remove_missing(&mut self, roots: &[PathBuf], found: &[FoundFile]) {
        let seen: BTreeSet<&str> = found.iter().map(|f| f.key.as_str()).collect();
        let roots: Vec<String> = roots.iter().map(|r| root_key(r)).collect();
        let gone: Vec<String> = self
            .manifest
            .files
            .keys()
            .filter(|k| !seen.contains(k.as_str()) && roots.iter().any(|r| under(k, r)))
            .cloned()
            .collect();
        for key in gone {
            self.writer.delete_term(Term::from_field_text(self.briefs.fields.file, &key));
            self.manifest.files.remove(&key);
            self.summary.removed += 1;
            self.dirty = true;
        }
    }

    fn commit(&mut self) -> Result<()> {
        let payload = serde_json::to_string(&self.manifest)?;
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.since_commit = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<Summary> {
        if self.dirty {
            self.commit()?;
            self.writer.wait_merging_threads()?;
        }
        Ok(self.summary)
    }
}

/// A root path as the prefix of the file keys found under it.
fn root_key(root: &Path) -> String {
    let key = read::path_key(root);
    match key.trim_end_matches('/') {
        "" if key.starts_with('/') => "/".to_string(),
        "" => ".".to_string(),
        trimmed => trimmed.to_string(),
    }
}

/// Whether a file key lies under (or is) a root key.
fn under(key: &str, root: &str) -> bool {
    key == root || key.strip_prefix(root).is_some_and(|rest| rest.starts_with('/')) || root == "."
}

/// Splits and detects a batch of documents on all cores, keeping their order.
/// With `grouped`, each thread's share is one detection group (documents of one JSON
/// file); otherwise every document is its own group (separate text files).
fn prepare_parallel(docs: &[SourceDoc], grouped: bool) -> Vec<Vec<Record>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let detector = crate::detect::detector();
                    if grouped {
                        records_group(part, &detector)
                    } else {
                        part.iter().map(|d| records(d, &detector)).collect()
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("prepare thread")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_under_roots() {
        assert!(under("seeds/a.txt", "seeds"));
        assert!(!under("seeds2/a.txt", "seeds"));
        assert!(under("x.txt", "x.txt"));
        assert!(under("a/b.txt", "."));
        assert_eq!(root_key(Path::new("./seeds")), "seeds");
        assert_eq!(root_key(Path::new(".")), ".");
        assert_eq!(root_key(Path::new("./")), ".");
        assert_eq!(root_key(Path::new("/")), "/");
        assert_eq!(root_key(Path::new("seeds/")), "seeds");
    }

    #[test]
    fn a_file_gone_between_walk_and_read_is_a_failure_not_an_abort() {
        let tmp = tempfile::tempdir().unwrap();
        let briefs = open_or_create(&tmp.path().join("idx")).unwrap();
        let mut run = Run::new(&briefs, false, 10).unwrap();
        let gone = FoundFile { path: tmp.path().join("gone.txt"), key: "gone.txt".into() };
        let mut warnings = Vec::new();
        run.index_files(&[gone], &mut |e| {
            if let Event::Warning(w) = e {
                warnings.push(w)
            }
        })
        .unwrap();
        let summary = run.finish().unwrap();
        assert_eq!((summary.files, summary.failed), (1, 1));
        assert!(warnings[0].contains("gone.txt"), "{warnings:?}");
    }

    #[test]
    fn parallel_preparation_keeps_order() {
        let docs: Vec<SourceDoc> = (0..9)
            .map(|i| SourceDoc {
                key: format!("d{i}"),
                text: format!("Passage number {i}."),
                ..Default::default()
            })
            .collect();
        let out = prepare_parallel(&docs, true);
        let keys: Vec<_> = out.iter().map(|r| r[0].doc.clone()).collect();
        assert_eq!(keys, docs.iter().map(|d| d.key.clone()).collect::<Vec<_>>());
    }
}
