//! What an index holds: its roots, files, documents and passages per language, source
//! and year, its size and last update, read from the fast fields of the last commit.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::{DocId, SegmentReader};

use super::{Manifest, Store};
use crate::error::Result;

/// The contents of an index.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// The indexed roots (canonical paths).
    pub roots: Vec<RootStats>,
    /// Files indexed.
    pub files: usize,
    /// Distinct documents.
    pub documents: u64,
    /// Passages.
    pub passages: u64,
    /// Passages per language code.
    pub languages: BTreeMap<String, u64>,
    /// Passages per source.
    pub sources: BTreeMap<String, u64>,
    /// Passages per year of their document's date; `undated` for none.
    pub years: BTreeMap<String, u64>,
    /// Size of the index folder in bytes.
    pub bytes: u64,
    /// Time of the last commit, in seconds since 1970 (UTC).
    pub updated: Option<u64>,
}

/// One indexed root.
#[derive(Debug, Clone, Serialize)]
pub struct RootStats {
    /// The root's canonical path.
    pub path: String,
    /// Whether it is gone (its files are kept in the index).
    pub missing: bool,
    /// Files indexed under it.
    pub files: usize,
}

/// Key of [`Stats::years`] for passages without a date.
pub const UNDATED: &str = "undated";

impl Store {
    /// What the last loaded commit holds.
    ///
    /// # Errors
    /// [`crate::Error::Damaged`] when the commit's manifest does not parse,
    /// [`crate::Error::Index`] when a fast field cannot be read.
    pub fn stats(&self) -> Result<Stats> {
        let manifest = Manifest::load(self.index(), self.dir())?;
        let roots = manifest
            .roots
            .iter()
            .map(|r| RootStats {
                path: r.clone(),
                missing: !std::path::Path::new(r).exists(),
                files: manifest.files_under(r),
            })
            .collect();
        let mut stats = Stats {
            roots,
            files: manifest.files.len(),
            bytes: folder_bytes(self.dir()),
            updated: (manifest.updated > 0).then_some(manifest.updated),
            ..Stats::default()
        };
        let searcher = self.searcher();
        stats.passages = searcher.num_docs();
        let mut documents = HashSet::new();
        for segment in searcher.segment_readers() {
            count_segment(segment, &mut stats, &mut documents)?;
        }
        stats.documents = documents.len() as u64;
        Ok(stats)
    }
}

/// Adds a segment's alive passages to the counts.
fn count_segment(segment: &SegmentReader, stats: &mut Stats, documents: &mut HashSet<String>) -> Result<()> {
    let column = |name: &str| segment.fast_fields().str(name);
    let alive: Vec<DocId> = segment.doc_ids_alive().collect();
    let count = |name: &str, into: &mut BTreeMap<String, u64>, key: fn(&str) -> &str| -> Result<()> {
        for (value, n) in values(column(name)?.as_ref(), &alive)? {
            *into.entry(key(&value).to_string()).or_default() += n;
        }
        Ok(())
    };
    count("lang", &mut stats.languages, |v| v)?;
    count("source", &mut stats.sources, |v| v)?;
    count("date", &mut stats.years, |v| if v.is_empty() { UNDATED } else { v.get(..4).unwrap_or(v) })?;
    documents.extend(values(column("doc")?.as_ref(), &alive)?.into_iter().map(|(v, _)| v));
    Ok(())
}

/// The values of a string column over `docs`, with their counts; a passage without a
/// value counts under the empty string.
fn values(column: Option<&StrColumn>, docs: &[DocId]) -> Result<Vec<(String, u64)>> {
    let Some(column) = column else { return Ok(vec![(String::new(), docs.len() as u64)]) };
    let last = column.num_terms();
    let mut counts = vec![0u64; last + 1];
    for &doc in docs {
        let ord = column.term_ords(doc).next().map_or(0, |o| o as usize + 1);
        counts[ord.min(last)] += 1;
    }
    let mut out = Vec::new();
    for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
        let mut value = String::new();
        if ord > 0 {
            column.ord_to_str(ord as u64 - 1, &mut value).map_err(tantivy::TantivyError::from)?;
        }
        out.push((value, n));
    }
    Ok(out)
}

/// The total size of the files in a folder.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries.filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
}
