//! How briefs names files: a file's key is its canonical path, the same however it is
//! reached (relative or absolute, `./`, another working directory, a symbolic link);
//! people are shown the key relative to the working directory when it lies under it.
//!
//! Keys are stored (file keys, text documents' keys and passage ids); the relative form
//! is for display only, and a displayed id is turned back into a key with
//! [`stored_id`].

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use super::Kind;

/// The working directory, canonical, read once: display is relative to where the
/// process started.
fn cwd() -> Option<&'static Path> {
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().and_then(std::fs::canonicalize).ok()).as_deref()
}

/// A path as a key string.
pub fn key_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The key of a path that may no longer exist (an unmounted drive, a deleted folder):
/// its longest existing ancestor made canonical, the rest appended with `.` and `..`
/// resolved by name.
///
/// ```
/// let here = std::fs::canonicalize(".").unwrap();
/// let key = briefs::ingest::paths::key_of("gone/../gone2/x".as_ref());
/// assert_eq!(key, here.join("gone2/x").to_string_lossy());
/// ```
pub fn key_of(path: &Path) -> String {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return key_string(&canonical);
    }
    let absolute = lexical(&cwd().map_or_else(PathBuf::new, Path::to_path_buf).join(path));
    for ancestor in absolute.ancestors().skip(1) {
        if let Ok(canonical) = std::fs::canonicalize(ancestor) {
            let rest = absolute.strip_prefix(ancestor).unwrap_or(&absolute);
            return key_string(&canonical.join(rest));
        }
    }
    key_string(&absolute)
}

/// `path` with `.` dropped and `..` taken by name.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a key lies under (or is) another, comparing whole path components.
///
/// ```
/// use briefs::ingest::paths::under;
/// assert!(under("/a/seeds/x.txt", "/a/seeds"));
/// assert!(!under("/a/seeds2/x.txt", "/a/seeds"));
/// assert!(under("/a", "/a"));
/// ```
pub fn under(key: &str, root: &str) -> bool {
    Path::new(key).starts_with(root)
}

/// A key as shown: relative to the working directory when under it, else as is.
///
/// ```
/// let here = std::fs::canonicalize(".").unwrap();
/// let key = here.join("seeds/a.txt");
/// assert_eq!(briefs::ingest::paths::shown(&key.to_string_lossy()), "seeds/a.txt");
/// assert_eq!(briefs::ingest::paths::shown("un-1"), "un-1");
/// ```
pub fn shown(key: &str) -> String {
    let path = Path::new(key);
    match cwd().filter(|_| path.is_absolute()).and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => ".".to_string(),
        Some(rest) => key_string(rest),
        None => key.to_string(),
    }
}

/// A path as reached, shown without a leading `./`.
pub fn shown_path(path: &Path) -> String {
    key_string(path.strip_prefix(".").unwrap_or(path))
}

/// The stored id of a passage id as shown (`seeds/a.txt#3`, or `mail.eml/report.pdf#2`
/// for an attachment): the file part of its document made canonical when it names an
/// existing file; `None` when it names none.
pub fn stored_id(shown_id: &str) -> Option<String> {
    let (doc, n) = shown_id.rsplit_once('#')?;
    // The file is the document, or the longest prefix of it that is a file.
    let mut file = doc;
    loop {
        if let Some(canonical) = std::fs::canonicalize(file).ok().filter(|p| p.is_file()) {
            return Some(format!("{}{}#{n}", key_string(&canonical), &doc[file.len()..]));
        }
        file = &file[..file.rfind('/')?];
    }
}

/// An I/O error in plain words, without the operating system's error number.
pub fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotADirectory => "a part of the path is a file, not a folder".to_string(),
        io::ErrorKind::IsADirectory => "a folder, not a file".to_string(),
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
        }
    }
}

/// Why briefs skips a file it was given by name: its kind is not one it reads.
///
/// ```
/// let message = briefs::ingest::paths::unsupported("notes.xyz".as_ref());
/// assert!(message.starts_with("notes.xyz: briefs does not read .xyz files (it reads .txt"), "{message}");
/// ```
pub fn unsupported(path: &Path) -> String {
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!(".{ext} files"),
        None => "files without an extension".to_string(),
    };
    format!("{}: briefs does not read {kind} (it reads {})", shown_path(path), Kind::EXTENSIONS.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_paths_drop_dots() {
        assert_eq!(lexical(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(lexical(Path::new("/../a")), Path::new("/a"));
    }

    #[test]
    fn keys_of_the_same_file_agree() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("d")).unwrap();
        std::fs::write(tmp.path().join("d/a.txt"), "x").unwrap();
        let direct = key_of(&tmp.path().join("d/a.txt"));
        assert_eq!(key_of(&tmp.path().join("d/./../d/a.txt")), direct);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("d"), tmp.path().join("link")).unwrap();
            assert_eq!(key_of(&tmp.path().join("link/a.txt")), direct);
        }
        let gone = key_of(&tmp.path().join("d/gone/../gone2/b.txt"));
        assert_eq!(gone, key_of(&tmp.path().join("d")) + "/gone2/b.txt");
    }

    #[test]
    fn io_errors_in_words() {
        let e = io::Error::from_raw_os_error(17);
        assert!(!io_words(&e).contains("os error"), "{}", io_words(&e));
        assert_eq!(io_words(&io::Error::from(io::ErrorKind::NotFound)), "no such file or folder");
    }
}
