//! The passage record: what is indexed, stored and shown for one passage (the data
//! model every stage shares).

use serde::{Deserialize, Serialize};

/// One passage with its source metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// `DOC#N`.
    pub id: String,
    /// The document key.
    pub doc: String,
    /// The passage number in its document, from 1.
    pub paragraph: u64,
    /// The document title.
    pub title: String,
    /// The heading above the passage.
    pub section: Option<String>,
    /// Where the document comes from.
    pub source: String,
    /// The document date, when it gives one.
    pub date: Option<String>,
    /// Byte offset of the passage's start in the source text.
    pub start: u64,
    /// Byte offset of the passage's end in the source text.
    pub end: u64,
    /// ISO 639-1 language code.
    pub lang: String,
    /// The cleaned passage text.
    pub text: String,
    /// The file the passage came from: its key (canonical path) as stored, shown
    /// relative to the working directory after [`Record::show_paths`].
    pub file: String,
    /// The line of a JSON-lines document in its file, from 1.
    pub line: Option<u64>,
    /// The page the passage starts on, in documents that have pages (PDF), from 1.
    pub page: Option<u64>,
    /// Whether the title is searched with the text: a title that stands apart from the
    /// passages (a JSON or front-matter title, a Markdown `#` title, a text file's first
    /// line read as a title) describes every passage of its document.
    #[serde(skip)]
    pub title_in_text: bool,
    /// Keywords the document declares (Markdown front matter `tags`): searched with the
    /// section, not stored.
    #[serde(skip)]
    pub tags: Vec<String>,
}

/// What a passage's `start` and `end` count bytes of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offsets {
    /// The file's text, decoded to UTF-8 (text and Markdown files).
    Text,
    /// The `text` field of the document's JSON line.
    Json,
    /// The text briefs extracted from a PDF, Word file, web page or e-mail (or from an
    /// attachment of an e-mail): blocks one per paragraph, separated by blank lines.
    Extracted,
}

impl Offsets {
    /// The name used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Offsets::Text => "text",
            Offsets::Json => "json",
            Offsets::Extracted => "extracted",
        }
    }
}

impl Record {
    /// What this passage's offsets count bytes of, from where it was read.
    ///
    /// ```
    /// use briefs::{Offsets, Record};
    /// let r = |file: &str, doc: &str| Record { file: file.into(), doc: doc.into(), ..Default::default() };
    /// assert_eq!(r("a/b.txt", "a/b.txt").offsets(), Offsets::Text);
    /// assert_eq!(r("a/b.pdf", "a/b.pdf").offsets(), Offsets::Extracted);
    /// assert_eq!(r("m.eml", "m.eml/report.pdf").offsets(), Offsets::Extracted);
    /// assert_eq!(Record { line: Some(3), ..r("c.jsonl", "7") }.offsets(), Offsets::Json);
    /// ```
    pub fn offsets(&self) -> Offsets {
        use crate::ingest::Kind;
        if self.line.is_some() {
            return Offsets::Json;
        }
        match Kind::of_path(std::path::Path::new(&self.file)) {
            Some(Kind::Document(_)) => Offsets::Extracted,
            _ => Offsets::Text,
        }
    }

    /// Turns the stored paths into the form shown to people: the file, a text file's
    /// document key and passage id, and a source that is the file's folder, relative to
    /// the working directory when under it. JSON ids and given sources are left alone.
    ///
    /// ```
    /// let here = std::fs::canonicalize(".").unwrap().to_string_lossy().into_owned();
    /// let file = format!("{here}/seeds/a.txt");
    /// let mut r = briefs::Record {
    ///     id: format!("{file}#2"), doc: file.clone(), file, source: format!("{here}/seeds"),
    ///     ..Default::default()
    /// };
    /// r.show_paths();
    /// assert_eq!((r.id.as_str(), r.doc.as_str(), r.file.as_str(), r.source.as_str()),
    ///     ("seeds/a.txt#2", "seeds/a.txt", "seeds/a.txt", "seeds"));
    /// ```
    pub fn show_paths(&mut self) {
        use crate::ingest::paths::shown;
        let folder = std::path::Path::new(&self.file).parent().map(|p| p.to_string_lossy());
        if folder.as_deref() == Some(self.source.as_str()) {
            self.source = shown(&self.source);
        }
        // A document of the file itself, or one attached to it (`MESSAGE/ATTACHMENT`).
        let inner = self.doc.strip_prefix(self.file.as_str()).filter(|r| r.is_empty() || r.starts_with('/'));
        if let Some(inner) = inner.map(str::to_string) {
            let doc = format!("{}{inner}", shown(&self.file));
            if let Some(n) = self.id.strip_prefix(self.doc.as_str()) {
                self.id = format!("{doc}{n}");
            }
            self.doc = doc;
        }
        self.file = shown(&self.file);
    }
}
