//! The manifest kept in each commit's payload: file key → content hash, for exactly the
//! files whose passages are complete in that commit.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};

/// Version of the on-disk layout; a different one asks for `--full`.
pub(crate) const LAYOUT_VERSION: u32 = 1;

/// File key → content hash of the files fully written in a commit.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub(crate) version: u32,
    pub(crate) files: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest of the last commit (empty for a new index).
    pub(crate) fn load(index: &Index, dir: &Path) -> Result<Manifest> {
        let damaged =
            |e: &dyn std::fmt::Display| Error::Damaged { path: dir.to_path_buf(), reason: e.to_string() };
        let metas = index.load_metas().map_err(|e| damaged(&e))?;
        match metas.payload {
            None => Ok(Manifest { version: LAYOUT_VERSION, ..Manifest::default() }),
            Some(p) => serde_json::from_str(&p).map_err(|e| damaged(&e)),
        }
    }

    /// Refuses a manifest written by another layout version.
    pub(crate) fn check_version(&self, dir: &Path) -> Result<()> {
        if self.version != LAYOUT_VERSION && !self.files.is_empty() {
            let reason = format!("layout version {}", self.version);
            return Err(Error::Damaged { path: dir.to_path_buf(), reason });
        }
        Ok(())
    }

    /// The payload text of a commit.
    pub(crate) fn to_payload(&self) -> String {
        serde_json::to_string(self).expect("a map of strings serialises")
    }
}
