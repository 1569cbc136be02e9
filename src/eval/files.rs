//! The files of a judged collection: queries (`ID<TAB>QUERY`) and TREC qrels.

use std::path::Path;

use super::Qrels;
use crate::error::{Error, Result};

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Reads `QUERY_ID<TAB>TEXT` lines (blank lines skipped); the one parser of query
/// files, for `eval` and `bench` alike.
///
/// # Errors
/// [`Error::Io`] when unreadable, [`Error::BadInput`] naming a line without a tab.
pub fn load_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let text = read(path)?;
    let parse = |(n, line): (usize, &str)| {
        let (id, q) = line.split_once('\t').ok_or_else(|| Error::BadInput {
            path: path.to_path_buf(),
            line: n + 1,
            expected: "expected ID<TAB>QUERY".into(),
        })?;
        Ok((id.trim().to_string(), q.trim().to_string()))
    };
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(parse).collect()
}

/// Reads TREC qrels lines: `QUERY_ID ITER DOC_ID GRADE`.
///
/// # Errors
/// [`Error::Io`] when unreadable, [`Error::BadInput`] naming a malformed line.
pub fn load_qrels(path: &Path) -> Result<Qrels> {
    let mut qrels = Qrels::new();
    for (n, line) in read(path)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let grade = match parts.as_slice() {
            [_, _, _, g] => g.parse::<i64>().ok(),
            _ => None,
        }
        .ok_or_else(|| Error::BadInput {
            path: path.to_path_buf(),
            line: n + 1,
            expected: "expected QID ITER DOCID GRADE".into(),
        })?;
        qrels.entry(parts[0].to_string()).or_default().insert(parts[2].to_string(), grade.max(0) as u32);
    }
    Ok(qrels)
}
