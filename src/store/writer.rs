//! Writing: the writer lock, commits carrying the manifest, and rebuilding a damaged
//! folder. Only `briefs index` comes here; searching never takes the lock.

use std::path::Path;

use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{Manifest, Store};
use crate::error::{Error, Result};

/// Memory budget of the tantivy writer.
const WRITER_BUDGET: usize = 400_000_000;

/// The one writer of an index, holding its lock.
pub(crate) struct Writer {
    inner: IndexWriter,
}

impl Writer {
    /// Takes the writer lock, or says that another process holds it.
    pub(crate) fn lock(store: &Store) -> Result<Writer> {
        let inner = store.index.writer(WRITER_BUDGET).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked { path: store.dir.clone() },
            other => Error::Index(other),
        })?;
        Ok(Writer { inner })
    }

    /// Adds a document's passages as one group: tantivy writes a group into one
    /// segment with consecutive doc ids, and merges keep them so, which is what lets a
    /// search find a passage's siblings next to it (see `query::context`).
    pub(crate) fn add_group(&mut self, passages: Vec<TantivyDocument>) -> Result<()> {
        match passages.len() {
            0 => {}
            1 => {
                self.inner.add_document(passages.into_iter().next().expect("one"))?;
            }
            _ => {
                self.inner.run(passages.into_iter().map(UserOperation::Add))?;
            }
        }
        Ok(())
    }

    /// Deletes every passage with this term.
    pub(crate) fn delete(&mut self, term: Term) {
        self.inner.delete_term(term);
    }

    /// Deletes every passage.
    pub(crate) fn delete_all(&mut self) -> Result<()> {
        self.inner.delete_all_documents()?;
        Ok(())
    }

    /// Commits what was written, with `manifest` as the commit's payload.
    pub(crate) fn commit(&mut self, manifest: &mut Manifest) -> Result<()> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&manifest.stamped_payload());
        prepared.commit()?;
        Ok(())
    }

    /// Waits for background merges, releasing the lock.
    pub(crate) fn finish(self) -> Result<()> {
        self.inner.wait_merging_threads()?;
        Ok(())
    }
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
pub(crate) fn recreate(dir: &Path) -> Result<Store> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.flatten() {
        if entry.path().is_file() && is_index_file(&entry.path()) {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Store::open_or_create(dir)
}
