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
