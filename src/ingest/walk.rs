//! Walking the roots: the files to index and their keys (canonical paths, see
//! [`super::paths`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::paths::{io_words, key_string, shown_path, unsupported};
use super::Kind;

/// A file to index, found by [`walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// The path to read; its name gives the file's [`Kind`].
    pub path: PathBuf,
    /// The canonical path, the file's key in the index.
    pub key: String,
}

/// A root to index: a folder or a file, found readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The path as given (a file root's name gives its kind).
    pub given: PathBuf,
    /// The canonical path.
    pub path: PathBuf,
    /// The canonical path as a key.
    pub key: String,
    /// Whether it is a folder.
    pub folder: bool,
}

/// Checks a path given as a root: it must be a folder, or a file of a kind briefs reads.
///
/// # Errors
/// A one-line message naming the path and what is wrong with it.
pub fn resolve(given: &Path) -> Result<Root, String> {
    let path =
        std::fs::canonicalize(given).map_err(|e| format!("{}: {}", shown_path(given), io_words(&e)))?;
    let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {}", shown_path(given), io_words(&e)))?;
    if meta.is_file() && Kind::of_path(given).is_none() {
        return Err(unsupported(given));
    }
    if !meta.is_file() && !meta.is_dir() {
        return Err(format!("{}: not a file or folder", shown_path(given)));
    }
    Ok(Root { given: given.to_path_buf(), key: key_string(&path), path, folder: meta.is_dir() })
}

/// What [`walk`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Readable files of a kind briefs reads, each once, in name order per root.
    pub files: Vec<FoundFile>,
    /// Entries that could not be walked, one line each.
    pub warnings: Vec<String>,
    /// Keys of folders that could not be read: the files under them are not gone.
    pub unreadable: Vec<String>,
}

/// Walks `roots` in name order. A file reached twice (overlapping roots, symbolic
/// links) is listed once.
pub fn walk(roots: &[Root]) -> Walked {
    let mut walked = Walked::default();
    let mut seen = HashSet::new();
    for root in roots {
        if !root.folder {
            if seen.insert(root.key.clone()) {
                walked.files.push(FoundFile { path: root.given.clone(), key: root.key.clone() });
            }
            continue;
        }
        walk_folder(root, &mut walked, &mut seen);
    }
    walked
}

/// Walks one folder from its canonical path: a file's key is its path as reached unless
/// a symbolic link was followed on the way (then it is made canonical, once).
fn walk_folder(root: &Root, walked: &mut Walked, seen: &mut HashSet<String>) {
    let mut linked: Vec<PathBuf> = Vec::new();
    let mut around: Vec<String> = Vec::new();
    let not_around = |e: &walkdir::DirEntry| {
        let holds_root = e.path_is_symlink()
            && e.file_type().is_dir()
            && std::fs::canonicalize(e.path()).is_ok_and(|target| root.path.starts_with(target));
        if holds_root {
            around.push(super::paths::shown(&key_string(e.path())));
        }
        !holds_root
    };
    let entries = WalkDir::new(&root.path).follow_links(true).sort_by_file_name().into_iter();
    for entry in entries.filter_entry(not_around) {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                walk_error(&err, walked);
                continue;
            }
        };
        let via_link = e.path_is_symlink() || linked.iter().any(|l| e.path().starts_with(l));
        if e.file_type().is_dir() && e.path_is_symlink() {
            linked.push(e.path().to_path_buf());
        }
        if !e.file_type().is_file() || Kind::of_path(e.path()).is_none() {
            continue;
        }
        let key = if via_link {
            match std::fs::canonicalize(e.path()) {
                Ok(p) => key_string(&p),
                Err(err) => {
                    walked.warnings.push(format!(
                        "{}: {}",
                        super::paths::shown(&key_string(e.path())),
                        io_words(&err)
                    ));
                    continue;
                }
            }
        } else {
            key_string(e.path())
        };
        if seen.insert(key.clone()) {
            walked.files.push(FoundFile { path: e.into_path(), key });
        }
    }
    // A link up to a folder that holds the root would index all that is beside it.
    let skipped = around.into_iter().map(|p| format!("{p}: a link to a folder that holds this one, skipped"));
    walked.warnings.extend(skipped);
}

fn walk_error(err: &walkdir::Error, walked: &mut Walked) {
    let path = err.path().map(|p| super::paths::shown(&key_string(p))).unwrap_or_default();
    if err.loop_ancestor().is_some() {
        walked.warnings.push(format!("{path}: symbolic link loop, skipped"));
        return;
    }
    let words = err.io_error().map_or(err.to_string(), io_words);
    walked.warnings.push(format!("{path}: {words}"));
    if let Some(p) = err.path() {
        walked.unreadable.push(super::paths::key_of(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(paths: &[&Path]) -> Vec<Root> {
        paths.iter().map(|p| resolve(p).unwrap()).collect()
    }

    #[test]
    fn overlapping_roots_list_a_file_once() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("a/b")).unwrap();
        std::fs::write(tmp.path().join("a/b/x.txt"), "x").unwrap();
        std::fs::write(tmp.path().join("a/y.md"), "y").unwrap();
        std::fs::write(tmp.path().join("a/z.odt"), "z").unwrap();
        let walked =
            walk(&roots(&[&tmp.path().join("a"), &tmp.path().join("a/b"), &tmp.path().join("a/b/x.txt")]));
        let names: Vec<_> = walked.files.iter().map(|f| f.path.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["x.txt", "y.md"]);
        let canonical = std::fs::canonicalize(tmp.path().join("a/b/x.txt")).unwrap();
        assert_eq!(walked.files[0].key, key_string(&canonical));
    }

    #[cfg(unix)]
    #[test]
    fn files_behind_links_get_their_canonical_key() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("real")).unwrap();
        std::fs::create_dir_all(tmp.path().join("root")).unwrap();
        std::fs::write(tmp.path().join("real/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("real"), tmp.path().join("root/link")).unwrap();
        let walked = walk(&roots(&[&tmp.path().join("root"), &tmp.path().join("real")]));
        assert_eq!(walked.files.len(), 1, "{:?}", walked.files);
        let canonical = std::fs::canonicalize(tmp.path().join("real/x.txt")).unwrap();
        assert_eq!(walked.files[0].key, key_string(&canonical));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_up_to_a_folder_that_holds_the_root_is_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("root")).unwrap();
        std::fs::create_dir_all(tmp.path().join("beside")).unwrap();
        std::fs::write(tmp.path().join("root/a.txt"), "a").unwrap();
        std::fs::write(tmp.path().join("beside/b.txt"), "b").unwrap();
        std::os::unix::fs::symlink("..", tmp.path().join("root/up")).unwrap();
        std::os::unix::fs::symlink(".", tmp.path().join("root/here")).unwrap();
        let walked = walk(&roots(&[&tmp.path().join("root")]));
        let names: Vec<_> = walked.files.iter().map(|f| f.path.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["a.txt"]);
        assert_eq!(walked.warnings.len(), 2, "{:?}", walked.warnings);
        let skipped = "a link to a folder that holds this one, skipped";
        let up = walked.warnings.iter().find(|w| w.contains("up:")).expect("a warning for the link up");
        assert!(up.ends_with(skipped), "{up}");
    }

    #[test]
    fn named_files_of_other_kinds_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let pdf = tmp.path().join("notes.odt");
        std::fs::write(&pdf, "x").unwrap();
        assert!(resolve(&pdf).unwrap_err().contains("briefs does not read .odt files"));
        assert!(resolve(&tmp.path().join("nope")).unwrap_err().ends_with("no such file or folder"));
    }
}
