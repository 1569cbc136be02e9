//! The incremental indexing run: per file, compare with the manifest, replace its
//! passages, and commit in bounded batches.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::{TantivyDocument, Term};

use super::boilerplate::Boilerplate;
use super::detect::Prior;
use super::document;
use super::ids::Ids;
use super::paths::{io_words, shown, under};
use super::prepare::prepare_parallel_with;
use super::read::{self, SourceDoc};
use super::walk::{FoundFile, Walked};
use super::{Event, Kind, Summary};
use crate::error::Result;
use crate::formats::Format;
use crate::record::Record;
use crate::schema::Fields;
use crate::store::manifest::LAYOUT_VERSION;
use crate::store::writer::Writer;
use crate::store::{Manifest, Store};

/// Prefix of the manifest hash of a file read in part: `partly:N:HASH`, N the parts
/// (lines, attachments) that failed.
const PARTLY: &str = "partly:";

/// For a file whose content hash is `hash`, recorded as `recorded`: `None` when it
/// changed, else how many of its parts failed when it was indexed.
fn unchanged(recorded: &str, hash: &str) -> Option<usize> {
    if recorded == hash {
        return Some(0);
    }
    let (n, old) = recorded.strip_prefix(PARTLY)?.split_once(':')?;
    (old == hash).then(|| n.parse().ok()).flatten()
}

fn plural_parts(n: usize) -> String {
    if n == 1 {
        "1 line or part".to_string()
    } else {
        format!("{n} lines or parts")
    }
}
/// Documents prepared in one parallel batch.
const BATCH_DOCS: usize = 512;
/// The most JSON-lines ids a rebuild holds in memory before it commits (about 100 MB).
const MAX_UNCOMMITTED_IDS: usize = 1_000_000;

/// Bytes of PDF, Word, HTML and e-mail files held before they are read in parallel.
const BATCH_DOCUMENT_BYTES: usize = 64 << 20;

/// A file of a document format waiting to be read with others, on every core.
struct RawDocument {
    done: Done,
    file: FoundFile,
    format: Format,
    bytes: Vec<u8>,
}

/// A file read and waiting to be prepared with others: its documents (a text file has
/// one, an e-mail one more per attachment) and the warnings of its reading.
struct Pending {
    done: Done,
    docs: Vec<SourceDoc>,
    warnings: Vec<String>,
}

/// A file whose passages are being written: its key, new hash, and whether the
/// index held an earlier version.
struct Done {
    key: String,
    hash: String,
    known: bool,
}

/// The state of one indexing run.
pub(super) struct Run<'a> {
    store: &'a Store,
    writer: Writer,
    pub(super) manifest: Manifest,
    pub(super) summary: Summary,
    /// Lines seen per source, to tell boilerplate from text.
    boilerplate: Boilerplate,
    since_commit: usize,
    commit_every: usize,
    /// A rebuild (`--full`) commits once, at the end: a commit part-way would make the
    /// half-built index the index, and a crash would lose what was indexed before. Past
    /// [`MAX_UNCOMMITTED_IDS`] documents it commits as a run does, so that the ids it
    /// keeps in memory stay bounded.
    rebuilding: bool,
    dirty: bool,
    /// Files read and waiting to be prepared together.
    pending: Vec<Pending>,
    /// Document-format files waiting to be read together.
    raw: Vec<RawDocument>,
    raw_bytes: usize,
    /// Input bytes handled before the current file, and in all.
    progress: (u64, u64),
    ids: Ids,
    /// The languages established so far in each folder (by file key), for passages too
    /// short to tell their own.
    priors: HashMap<String, Prior>,
}

impl<'a> Run<'a> {
    pub(super) fn new(store: &'a Store, commit_every: usize) -> Result<Self> {
        let writer = Writer::lock(store)?;
        let mut manifest = Manifest::load(store.index(), store.dir())?;
        manifest.version = LAYOUT_VERSION;
        Ok(Run {
            store,
            writer,
            manifest,
            summary: Summary::default(),
            boilerplate: Boilerplate::default(),
            since_commit: 0,
            commit_every: commit_every.max(1),
            rebuilding: false,
            dirty: false,
            pending: Vec::new(),
            raw: Vec::new(),
            raw_bytes: 0,
            progress: (0, 0),
            ids: Ids::new(store),
            priors: HashMap::new(),
        })
    }

    /// Starts from an empty index (`--full`), but for the files under `keep` (missing
    /// roots, whose files cannot be read again); the recorded roots stay when asked.
    pub(super) fn clear(&mut self, keep_roots: bool, keep: &[String]) -> Result<()> {
        if keep.is_empty() {
            self.writer.delete_all()?;
            self.manifest.files.clear();
            self.ids.replaced_all();
        } else {
            let gone: Vec<String> =
                self.manifest.files.keys().filter(|k| !keep.iter().any(|r| under(k, r))).cloned().collect();
            for key in gone {
                self.delete_file(&key);
                self.manifest.files.remove(&key);
            }
        }
        if !keep_roots {
            self.manifest.roots.clear();
        }
        self.dirty = true;
        self.rebuilding = true;
        Ok(())
    }

    /// Records a root of this run.
    pub(super) fn add_root(&mut self, key: &str) {
        let before = self.manifest.roots.clone();
        self.manifest.add_root(key);
        self.dirty |= before != self.manifest.roots;
    }

    pub(super) fn index_files(&mut self, files: &[FoundFile], report: &mut dyn FnMut(Event)) -> Result<()> {
        let total: u64 = files.iter().filter_map(|f| f.path.metadata().ok()).map(|m| m.len()).sum();
        let mut done = 0;
        for file in files {
            self.summary.files += 1;
            self.progress = (done, total);
            match read_or_hash(file) {
                Ok((hash, content, len)) => {
                    done += len;
                    self.index_file(file, hash, content, report)?;
                }
                Err(e) => self.fail(report, format!("{}: {}", shown(&file.key), io_words(&e))),
            }
            report(Event::Progress { done, total });
        }
        self.flush(report)
    }

    fn fail(&mut self, report: &mut dyn FnMut(Event), message: String) {
        self.summary.failed += 1;
        report(Event::Warning(message));
    }

    /// Indexes a file read whole or, for JSON lines, streamed from its open handle.
    fn index_file(
        &mut self,
        file: &FoundFile,
        hash: String,
        content: Content,
        report: &mut dyn FnMut(Event),
    ) -> Result<()> {
        let known = self.manifest.files.remove(&file.key);
        if let Some((recorded, skipped)) = known.as_ref().and_then(|k| Some((k, unchanged(k, &hash)?))) {
            self.summary.unchanged += 1;
            if skipped > 0 {
                let message = format!(
                    "{}: {} could not be read when it was indexed, and the file has not changed since",
                    shown(&file.key),
                    plural_parts(skipped)
                );
                self.fail(report, message);
                self.summary.partly += 1;
            }
            self.manifest.files.insert(file.key.clone(), recorded.clone());
            return Ok(());
        }
        let done = Done { key: file.key.clone(), hash, known: known.is_some() };
        self.delete_file(&file.key);
        let Some(kind) = Kind::of_path(&file.path) else { return Ok(()) };
        if matches!(kind, Kind::JsonLines | Kind::JsonLinesGz) {
            self.flush(report)?;
            let (written, warnings) =
                self.write_json(file, content.reader(), kind == Kind::JsonLinesGz, report)?;
            self.finish_file(done, written, warnings, report);
            return self.maybe_commit();
        }
        let bytes = match content {
            Content::Bytes(bytes) => bytes,
            Content::Stream(mut input) => {
                let mut bytes = Vec::new();
                if let Err(e) = input.read_to_end(&mut bytes) {
                    self.finish_file(
                        done,
                        0,
                        vec![format!("{}: {}", shown(&file.key), io_words(&e))],
                        report,
                    );
                    return Ok(());
                }
                bytes
            }
        };
        let bytes = bytes.as_slice();
        match kind {
            Kind::Text => match read::text_doc(file, bytes) {
                Ok(Some(doc)) => {
                    self.queue(Pending { done, docs: vec![doc], warnings: Vec::new() }, report)?
                }
                Ok(None) => self.skip_empty(done),
                Err(e) => self.finish_file(done, 0, vec![format!("{}: {e}", shown(&file.key))], report),
            },
            Kind::Document(format) => {
                self.raw_bytes += bytes.len();
                self.raw.push(RawDocument { done, file: file.clone(), format, bytes: bytes.to_vec() });
                if self.raw_bytes >= BATCH_DOCUMENT_BYTES || self.raw.len() >= self.batch_limit() {
                    self.read_documents(report)?;
                }
            }
            Kind::JsonLines | Kind::JsonLinesGz => {}
        }
        Ok(())
    }

    /// Records a text file with no text: nothing to index, and nothing wrong (an empty
    /// file is no failure, as an empty file is no error to grep). What it held before,
    /// if it changed to empty, is gone already.
    fn skip_empty(&mut self, done: Done) {
        self.summary.empty += 1;
        if done.known {
            self.summary.updated += 1;
        }
        self.manifest.files.insert(done.key, done.hash);
    }

    /// How many files a batch holds at most: fewer than [`BATCH_DOCS`] when the passages
    /// due at the next commit (`--commit-every`) are fewer, so that a run of small files
    /// commits as often as it was asked to.
    fn batch_limit(&self) -> usize {
        // Past the mark, no commit is due before the run's end (a rebuild holds its
        // commit; see `maybe_commit`): batches stay whole.
        match self.commit_every.checked_sub(self.since_commit) {
            Some(due) if due > 0 => BATCH_DOCS.min(due),
            _ => BATCH_DOCS,
        }
    }

    /// Queues a file read, preparing the queue once it holds a batch.
    fn queue(&mut self, pending: Pending, report: &mut dyn FnMut(Event)) -> Result<()> {
        self.pending.push(pending);
        if self.pending.len() >= self.batch_limit() {
            self.flush(report)?;
        }
        Ok(())
    }

    /// Reads the queued document-format files on every core and queues what they gave;
    /// a file that cannot be read is a warning naming it.
    fn read_documents(&mut self, report: &mut dyn FnMut(Event)) -> Result<()> {
        self.raw_bytes = 0;
        for (done, read) in read_in_parallel(std::mem::take(&mut self.raw)) {
            match read {
                Ok(read) => self.queue(Pending { done, docs: read.docs, warnings: read.warnings }, report)?,
                Err(e) => {
                    let warning = format!("{}: {e}", shown(&done.key));
                    self.finish_file(done, 0, vec![warning], report)
                }
            }
        }
        Ok(())
    }

    /// Deletes a file's passages (they are replaced or gone).
    fn delete_file(&mut self, key: &str) {
        self.writer.delete(Term::from_field_text(self.store.fields().file, key));
        self.ids.replaced(key);
        self.dirty = true;
    }

    /// Counts a file's outcome and records it in the manifest once its passages are in.
    fn finish_file(
        &mut self,
        done: Done,
        written: usize,
        warnings: Vec<String>,
        report: &mut dyn FnMut(Event),
    ) {
        let (partly, skipped) = (!warnings.is_empty(), warnings.len());
        warnings.into_iter().for_each(|w| report(Event::Warning(w)));
        if written == 0 && !partly {
            self.fail(report, format!("{}: no passage indexed", shown(&done.key)));
        } else if partly {
            self.summary.failed += 1;
            self.summary.partly += usize::from(written > 0);
        }
        if written > 0 {
            *(if done.known { &mut self.summary.updated } else { &mut self.summary.added }) += 1;
        }
        if written > 0 || done.known {
            // A file read in part is recorded with how many parts failed, so that the
            // next run, finding it unchanged, says so again without reading it again.
            let hash = if partly { format!("{PARTLY}{skipped}:{}", done.hash) } else { done.hash };
            self.manifest.files.insert(done.key, hash);
        }
    }

    /// Prepares and writes the queued files together, on every core.
    fn flush(&mut self, report: &mut dyn FnMut(Event)) -> Result<()> {
        if !self.raw.is_empty() {
            self.read_documents(report)?;
        }
        let (mut files, mut keys, mut docs) = (Vec::new(), Vec::new(), Vec::new());
        for p in std::mem::take(&mut self.pending) {
            keys.extend(std::iter::repeat_n(p.done.key.clone(), p.docs.len()));
            files.push((p.done, p.docs.len(), p.warnings));
            docs.extend(p.docs);
        }
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut counts = self.write_batch(&keys, &docs)?.into_iter();
        for (done, n, warnings) in files {
            let written = counts.by_ref().take(n).sum();
            self.finish_file(done, written, warnings, report);
        }
        self.maybe_commit()
    }

    /// Reads JSON lines on one thread while batches are prepared and written here.
    fn write_json(
        &mut self,
        file: &FoundFile,
        mut input: Box<dyn Read + Send>,
        gz: bool,
        report: &mut dyn FnMut(Event),
    ) -> Result<(usize, Vec<String>)> {
        let consumed = AtomicU64::new(0);
        let mut written = 0;
        let key: Arc<str> = file.key.as_str().into();
        std::thread::scope(|s| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<SourceDoc>>(2);
            let counter = &consumed;
            let reader = s.spawn(move || {
                let mut pending = Vec::with_capacity(BATCH_DOCS);
                let warnings = read::json_docs(file, &mut input, gz, counter, &mut |doc| {
                    pending.push(doc);
                    if pending.len() >= BATCH_DOCS {
                        let _ = send.send(std::mem::take(&mut pending));
                    }
                });
                let _ = send.send(pending);
                warnings
            });
            for mut docs in receive {
                for doc in &mut docs {
                    if let Some(w) = self.ids.make_unique(self.store.fields(), doc, &key) {
                        report(Event::Warning(w));
                    }
                }
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
        docs.iter().for_each(|d| self.boilerplate.observe(d));
        let folders: Vec<&str> = files.iter().map(|f| folder_key(f)).collect();
        let folder_of = |i: usize| folders[i.min(folders.len() - 1)];
        let (prepared, dropped, seen) =
            prepare_parallel_with(docs, files.len() == 1, Some(&self.boilerplate), &self.priors, &folder_of);
        for (i, seen) in seen.iter().enumerate() {
            let folder = folders[i.min(folders.len() - 1)];
            self.priors.entry(folder.to_string()).or_default().merge(seen);
        }
        self.summary.dropped += dropped.furniture + dropped.boilerplate;
        let mut prepared = prepared;
        for (i, recs) in prepared.iter_mut().enumerate() {
            let file = files[i.min(files.len() - 1)];
            self.summary.documents += usize::from(!recs.is_empty());
            for r in recs {
                r.file = file.to_string();
                self.summary.languages.insert(r.lang.clone());
            }
        }
        let counts: Vec<usize> = prepared.iter().map(Vec::len).collect();
        for group in to_docs(self.store.fields(), &prepared) {
            self.writer.add_group(group)?;
        }
        let n: usize = counts.iter().sum();
        self.summary.passages += n;
        self.since_commit += n;
        Ok(counts)
    }

    /// Commits when enough passages were written since the last commit.
    fn maybe_commit(&mut self) -> Result<()> {
        let bounded = !self.rebuilding || self.ids.uncommitted() >= MAX_UNCOMMITTED_IDS;
        if self.since_commit >= self.commit_every && bounded {
            self.commit()?;
        }
        Ok(())
    }

    /// Removes the files of the index that the walk did not find under the roots it
    /// walked (`roots`), and only those: a file reached through a symbolic link to
    /// elsewhere stays until `briefs remove` (its target may be on a drive merely
    /// unmounted). Files under a folder that could not be read are kept too.
    pub(super) fn remove_missing(&mut self, roots: &[String], walked: &Walked) {
        let seen: HashSet<&str> = walked.files.iter().map(|f| f.key.as_str()).collect();
        let wanted = |k: &String| {
            !seen.contains(k.as_str())
                && !walked.unreadable.iter().any(|u| under(k, u))
                && roots.iter().any(|r| under(k, r))
        };
        let gone: Vec<String> = self.manifest.files.keys().filter(|k| wanted(k)).cloned().collect();
        for key in gone {
            self.remove_file(&key);
        }
    }

    /// Removes one file's passages.
    pub(super) fn remove_file(&mut self, key: &str) {
        self.delete_file(key);
        self.manifest.files.remove(key);
        self.summary.removed += 1;
    }

    /// Forgets a root (its files are removed separately).
    pub(super) fn forget_root(&mut self, key: &str) {
        self.dirty |= self.manifest.roots.remove(key);
    }

    fn commit(&mut self) -> Result<()> {
        self.writer.commit(&mut self.manifest)?;
        self.since_commit = 0;
        self.ids.committed(self.store)
    }

    pub(super) fn finish(mut self) -> Result<Summary> {
        if !self.dirty {
            return Ok(self.summary);
        }
        self.writer.commit(&mut self.manifest)?;
        let summary = self.summary;
        self.writer.finish()?;
        Ok(summary)
    }
}

/// The folder part of a file key.
fn folder_key(file: &str) -> &str {
    file.rfind(['/', '\\']).map_or("", |i| &file[..i])
}

/// Reads document-format files on every core, in order.
fn read_in_parallel(raw: Vec<RawDocument>) -> Vec<(Done, std::result::Result<document::Read, String>)> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let read_one = |r: &RawDocument| {
        let folder = read::folder(&r.file);
        document::read(&r.file, r.format, &r.bytes, &folder)
    };
    let reads: Vec<_> = std::thread::scope(|s| {
        let chunk = raw.len().div_ceil(threads).max(1);
        let handles: Vec<_> = raw
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(read_one).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("reader threads catch panics")).collect()
    });
    raw.into_iter().map(|r| r.done).zip(reads).collect()
}

/// What a file holds: its bytes, or (JSON lines) its open handle, rewound.
enum Content {
    Bytes(Vec<u8>),
    Stream(std::fs::File),
}

impl Content {
    fn reader(self) -> Box<dyn Read + Send> {
        match self {
            Content::Bytes(bytes) => Box::new(std::io::Cursor::new(bytes)),
            Content::Stream(input) => Box::new(input),
        }
    }
}

/// A file's content hash, its content and its length. JSON lines are hashed as they
/// stream and read again through the same handle when indexed, so that an archive of
/// any size is never held in memory whole.
fn read_or_hash(file: &FoundFile) -> std::io::Result<(String, Content, u64)> {
    if matches!(Kind::of_path(&file.path), Some(Kind::JsonLines | Kind::JsonLinesGz)) {
        let mut input = std::fs::File::open(&file.path)?;
        let mut hasher = blake3::Hasher::new();
        hasher.update_reader(&mut input)?;
        input.seek(std::io::SeekFrom::Start(0))?;
        let len = hasher.count();
        return Ok((hasher.finalize().to_hex().to_string(), Content::Stream(input), len));
    }
    let bytes = std::fs::read(&file.path)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let len = bytes.len() as u64;
    Ok((hash, Content::Bytes(bytes), len))
}

/// The tantivy documents of prepared documents' passages, made on every core: the copy
/// sketch of each passage (shingles and MinHash bands) is most of the work, and made on
/// the one thread that feeds the writer it held back the whole run.
fn to_docs(fields: &Fields, prepared: &[Vec<Record>]) -> Vec<Vec<TantivyDocument>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = prepared.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = prepared
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|recs| recs.iter().map(|r| fields.to_doc(r)).collect())
                        .collect::<Vec<Vec<_>>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gone_between_walk_and_read_is_a_failure_not_an_abort() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(&tmp.path().join("idx")).unwrap();
        let mut run = Run::new(&store, 10).unwrap();
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
    fn small_files_are_committed_as_often_as_asked_not_at_the_end_of_a_batch() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(&tmp.path().join("idx")).unwrap();
        let words = ["convoy", "harbour", "frigate", "airlift", "patrol", "depot"];
        let files: Vec<FoundFile> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let path = tmp.path().join(format!("{w}.txt"));
                std::fs::write(&path, format!("The {w} was reported {i} times by observers near the coast."))
                    .unwrap();
                FoundFile { key: format!("{w}.txt"), path }
            })
            .collect();
        let index = store.index().clone();
        let committed = || index.load_metas().unwrap().segments.iter().map(|s| s.num_docs()).sum::<u32>();
        let mut seen = Vec::new();
        let mut run = Run::new(&store, 2).unwrap();
        run.index_files(&files, &mut |e| {
            if let Event::Progress { .. } = e {
                seen.push(committed())
            }
        })
        .unwrap();
        run.finish().unwrap();
        // After the fourth file, its first four passages are safe on disk.
        assert!(seen[3] >= 4, "committed after each file: {seen:?}");
    }

    #[test]
    fn a_batch_is_cut_short_only_before_a_commit_that_is_due() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(&tmp.path().join("idx")).unwrap();
        let mut run = Run::new(&store, 10).unwrap();
        assert_eq!(run.batch_limit(), 10);
        run.since_commit = 7;
        assert_eq!(run.batch_limit(), 3);
        // A rebuild holds its commit past the mark: its batches stay whole.
        run.since_commit = 25;
        assert_eq!(run.batch_limit(), BATCH_DOCS);
    }

    #[test]
    fn an_empty_text_file_is_recorded_and_skipped_not_failed() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(&tmp.path().join("idx")).unwrap();
        let empty = tmp.path().join("empty.md");
        std::fs::write(&empty, " \n\n").unwrap();
        let mut run = Run::new(&store, 10).unwrap();
        let mut warnings = Vec::new();
        let file = FoundFile { path: empty, key: "empty.md".into() };
        run.index_files(&[file], &mut |e| {
            if let Event::Warning(w) | Event::Error(w) = e {
                warnings.push(w)
            }
        })
        .unwrap();
        let summary = run.finish().unwrap();
        assert_eq!((summary.empty, summary.failed, summary.passages), (1, 0, 0), "{warnings:?}");
        assert!(!summary.has_errors() && warnings.is_empty(), "{warnings:?}");
    }
}
