//! Helpers shared by the integration tests: temp folders and runs of the real binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder's files (not recursive) into `dest`.
pub fn copy_dir(from: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), dest.join(entry.file_name())).unwrap();
        }
    }
}

/// The binary, run in `dir` with its own index there, no colour.
pub fn briefs(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefs"));
    cmd.current_dir(dir).env_remove("BRIEFS_INDEX").env("NO_COLOR", "1");
    cmd
}

/// A temp folder holding a copy of the seeds.
pub fn seeded() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("seeds"), &tmp.path().join("seeds"));
    tmp
}

/// Indexes `paths` in `dir` and returns the summary line.
pub fn index(dir: &Path, paths: &[&str]) -> String {
    let out = briefs(dir).arg("index").args(paths).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Runs a JSON search and returns its hits (exit code 0 or 1 expected).
pub fn search_json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = briefs(dir).arg("search").args(args).arg("--json").output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&out.stderr));
    let lines = String::from_utf8(out.stdout).unwrap();
    let values = lines.lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
    values.filter(|v| v["type"] == "hit").collect()
}

/// The highlighted strings of a JSON hit.
pub fn highlighted(hit: &Value) -> Vec<String> {
    let fragment = hit["snippet"]["fragment"].as_str().unwrap();
    hit["snippet"]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            fragment[s..e].to_string()
        })
        .collect()
}

/// Writes `bytes` to `dir/name`, making its folders.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A temp folder whose `docs/` holds these files (name, text), indexed.
pub fn indexed_docs(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    tmp
}

/// How many passages each document has in the index.
pub fn passages_per_doc(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for hit in search_json(dir, &["*", "-n", "10000"]) {
        *counts.entry(hit["doc"].as_str().unwrap().to_string()).or_default() += 1;
    }
    counts
}
