//! The kinds of input file briefs reads. The enum is exhaustive on purpose: a new kind
//! that no reader handles does not compile.

use std::path::Path;

use crate::formats::Format;

/// A kind of input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown: one document.
    Text,
    /// JSON lines, one document a line.
    JsonLines,
    /// Gzipped JSON lines.
    JsonLinesGz,
    /// A PDF, Word file, web page or e-mail, read by [`crate::formats`].
    Document(Format),
}

impl Kind {
    /// The file name endings briefs reads, for messages.
    pub const EXTENSIONS: [&'static str; 9] =
        [".txt", ".md", ".jsonl", ".jsonl.gz", ".pdf", ".docx", ".html", ".htm", ".eml"];

    /// The kind of a file from its name, `None` when briefs does not read it.
    ///
    /// ```
    /// use briefs::ingest::Kind;
    /// assert_eq!(Kind::of_path("a/b.TXT".as_ref()), Some(Kind::Text));
    /// assert_eq!(Kind::of_path("c.jsonl.gz".as_ref()), Some(Kind::JsonLinesGz));
    /// assert_eq!(Kind::of_path("c.xyz".as_ref()), None);
    /// assert!(matches!(Kind::of_path("r.PDF".as_ref()), Some(Kind::Document(_))));
    /// ```
    pub fn of_path(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".jsonl.gz") {
            Some(Kind::JsonLinesGz)
        } else if name.ends_with(".jsonl") {
            Some(Kind::JsonLines)
        } else if name.ends_with(".txt") || name.ends_with(".md") {
            Some(Kind::Text)
        } else {
            Format::of_path(path).map(Kind::Document)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_extension_is_read() {
        for ext in Kind::EXTENSIONS {
            assert!(Kind::of_path(format!("a{ext}").as_ref()).is_some(), "{ext}");
        }
    }
}
