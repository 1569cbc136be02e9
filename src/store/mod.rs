//! The store: the tantivy index folder, opened, checked and kept current.
//!
//! The only module that opens tantivy's files. Readers follow other processes'
//! commits on their own (tantivy watches `meta.json`); [`Store::reload`] forces it.

mod columns;
mod figures;
mod live;
pub(crate) mod manifest;
mod otherwise;
mod postings;
pub mod sketch;
mod stats;
pub(crate) mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::{DocId, Index, IndexReader, ReloadPolicy, Searcher};

use crate::analysis;
use crate::error::{Error, Result};
use crate::schema::{self, Fields};

pub(crate) use columns::{open_columns, FastColumns, SegmentColumns};
pub use live::LiveField;
pub(crate) use manifest::Manifest;
pub(crate) use postings::LanguagePostings;
pub use stats::{RootStats, Stats, UNDATED};

/// An opened briefs index: its fields and a reader that follows new commits.
pub struct Store {
    index: Index,
    fields: Fields,
    dir: PathBuf,
    reader: IndexReader,
    /// The live language fields of the last searcher generation seen.
    live: PerGeneration<Arc<Vec<LiveField>>>,
    /// The document count of the last searcher generation seen.
    documents: PerGeneration<u64>,
    /// The documents' runs of passages in the last searcher generation seen.
    document_runs: PerGeneration<DocumentRuns>,
    /// The language fields' postings of the last searcher generation seen.
    postings: PerGeneration<Arc<LanguagePostings>>,
    /// The fast columns of the last searcher generation seen.
    columns: PerGeneration<FastColumns>,
}

/// Each segment's documents as runs of consecutive doc ids: the doc id each run starts
/// at, ascending (`None` for a segment without a `doc` column). The writer adds a
/// document's passages as one group and deletes them as one, and merges keep the order
/// of doc ids, so a document's passages are one run of its segment (deleted ones
/// included until a merge drops them).
pub(crate) type DocumentRuns = Arc<Vec<Option<Vec<DocId>>>>;

/// The document runs of `searcher`'s commit, read now (see [`Store::document_runs`]
/// for the cached ones).
pub(crate) fn read_document_runs(searcher: &Searcher) -> DocumentRuns {
    Arc::new(live::document_runs(searcher))
}

/// A value computed from one searcher generation, kept until the next one.
struct PerGeneration<T>(Mutex<Option<(u64, T)>>);

impl<T: Clone> PerGeneration<T> {
    fn new() -> Self {
        PerGeneration(Mutex::new(None))
    }

    fn get(&self, searcher: &Searcher, compute: impl FnOnce() -> T) -> T {
        let generation = searcher.generation().generation_id();
        let mut cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match cache.as_ref() {
            Some((g, value)) if *g == generation => value.clone(),
            _ => {
                let value = compute();
                *cache = Some((generation, value.clone()));
                value
            }
        }
    }
}

fn damaged(dir: &Path, reason: impl ToString) -> Error {
    Error::Damaged { path: dir.to_path_buf(), reason: reason.to_string() }
}

impl Store {
    /// Opens an existing index and checks every segment.
    ///
    /// # Errors
    /// [`Error::NoIndex`] when `dir` holds no index, [`Error::Damaged`] when its files
    /// do not open or were written by an incompatible version.
    pub fn open(dir: &Path) -> Result<Store> {
        check_location(dir)?;
        if !has_index(dir) {
            return Err(Error::NoIndex { path: dir.to_path_buf() });
        }
        let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
        // The version first: an older layout lacks fields, and saying so is the clearer message.
        Manifest::load(&index, dir)?.check_version(dir)?;
        let fields =
            Fields::from_schema(&index.schema()).ok_or_else(|| damaged(dir, "not a briefs schema"))?;
        Store::with_index(index, fields, dir)
    }

    /// Opens the index at `dir`, creating an empty one when there is none.
    pub(crate) fn open_or_create(dir: &Path) -> Result<Store> {
        check_location(dir)?;
        if has_index(dir) {
            return Store::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| {
            let words = crate::ingest::paths::io_words(&e);
            Error::invalid("--index", dir.display(), format!("a folder briefs can create ({words})"))
        })?;
        let index = Index::create_in_dir(dir, schema::build()).map_err(|e| damaged(dir, e))?;
        let fields = Fields::from_schema(&index.schema()).expect("own schema");
        Store::with_index(index, fields, dir)
    }

    fn with_index(index: Index, fields: Fields, dir: &Path) -> Result<Store> {
        analysis::register(index.tokenizers(), analysis::Side::Index);
        let reader = checked_reader(&index, dir)?;
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader,
            live: PerGeneration::new(),
            documents: PerGeneration::new(),
            document_runs: PerGeneration::new(),
            postings: PerGeneration::new(),
            columns: PerGeneration::new(),
        })
    }

    /// A searcher on the newest commit this reader has loaded.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Loads the newest commit now (otherwise it is loaded within about a second).
    ///
    /// # Errors
    /// [`Error::Index`] when tantivy cannot load the new segments.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The fields of the schema.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The language fields holding passages in `searcher`'s commit, computed once per
    /// searcher generation.
    pub fn live_fields(&self, searcher: &Searcher) -> Arc<Vec<LiveField>> {
        self.live.get(searcher, || Arc::new(live::live_fields(&self.fields, searcher)))
    }

    /// The language fields' postings of `searcher`'s commit, opened once per searcher
    /// generation (none when a segment's postings do not open: tantivy's own calls then
    /// report it).
    pub(crate) fn language_postings(&self, searcher: &Searcher) -> Arc<LanguagePostings> {
        self.postings
            .get(searcher, || Arc::new(LanguagePostings::open(&self.fields, searcher).unwrap_or_default()))
    }

    /// The fast columns of `searcher`'s segments, opened once per searcher generation.
    pub(crate) fn columns(&self, searcher: &Searcher) -> FastColumns {
        self.columns.get(searcher, || open_columns(searcher))
    }

    /// The document runs of `searcher`'s commit, read once per searcher generation.
    pub(crate) fn document_runs(&self, searcher: &Searcher) -> DocumentRuns {
        self.document_runs.get(searcher, || read_document_runs(searcher))
    }

    /// How many documents `searcher`'s commit holds (those with a live passage),
    /// computed once per searcher generation.
    pub fn documents(&self, searcher: &Searcher) -> u64 {
        self.documents.get(searcher, || live::documents(&self.fields, searcher))
    }
}

/// Checks that `dir` can be an index folder: not a file, not under a file, not a
/// dangling link; says so in the user's words (the option is `--index`).
///
/// # Errors
/// [`Error::InvalidOption`] naming `--index` and what the path is instead.
pub fn check_location(dir: &Path) -> Result<()> {
    let bad = |what: String| Error::invalid("--index", dir.display(), what);
    if let Ok(meta) = std::fs::symlink_metadata(dir) {
        if meta.file_type().is_symlink() && !dir.exists() {
            return Err(bad("a folder for the index (this is a link to nothing)".into()));
        }
    }
    if dir.exists() && !dir.is_dir() {
        return Err(bad("a folder for the index (this is a file)".into()));
    }
    if let Some(file) = dir.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(bad(format!("a folder for the index ({} is a file)", file.display())));
    }
    Ok(())
}

/// Whether `dir` holds an index (its `meta.json`).
pub fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// A reader on the last commit, after checking that every segment's term dictionaries
/// open: tantivy panics on some damaged files, so the check runs under `catch_unwind`.
fn checked_reader(index: &Index, dir: &Path) -> Result<IndexReader> {
    let open = || -> tantivy::Result<IndexReader> {
        let reader: IndexReader =
            index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
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
