//! Walking the roots: the files to index and their keys.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Kind;

/// A file to index, found by [`walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// The path as reached from the walked root.
    pub path: PathBuf,
    /// The path as a string, used as the file's key in the index.
    pub key: String,
}

/// Walks `roots` (files or folders) in name order; yields readable files and warnings.
pub fn walk(roots: &[PathBuf]) -> (Vec<FoundFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for root in roots {
        if !root.exists() {
            warnings.push(format!("{}: no such file or folder", root.display()));
            continue;
        }
        let walker = WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && Kind::of_path(e.path()).is_some() => {
                    let key = path_key(e.path());
                    files.push(FoundFile { path: e.into_path(), key });
                }
                Ok(_) => {}
                Err(err) => warnings.push(walk_warning(&err)),
            }
        }
    }
    (files, warnings)
}

/// A path as a key: as reached, without a leading `./`, so that `seeds` and `./seeds`
/// name the same files.
pub fn path_key(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).to_string_lossy().into_owned()
}

fn walk_warning(err: &walkdir::Error) -> String {
    let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
    if err.loop_ancestor().is_some() {
        format!("{path}: symbolic link loop, skipped")
    } else {
        format!("{path}: {}", err.io_error().map_or(err.to_string(), |e| e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_a_leading_dot() {
        assert_eq!(path_key(Path::new("./seeds/a.txt")), "seeds/a.txt");
        assert_eq!(path_key(Path::new("seeds/a.txt")), "seeds/a.txt");
    }
}
