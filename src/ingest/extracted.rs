//! The shape every structured reader (Markdown here; PDF, DOCX, HTML elsewhere) hands to
//! preparation: the document text, its blocks in order with their kinds and byte spans,
//! and the metadata the format declares.

use std::ops::Range;

/// A document read from a structured format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The text the block spans point into (for Markdown, the file itself).
    pub text: String,
    /// The blocks in document order.
    pub blocks: Vec<Block>,
    /// What the document says about itself.
    pub meta: Meta,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the block in [`Extracted::text`].
    pub span: Range<usize>,
    /// What the block is.
    pub kind: BlockKind,
    /// The block as plain text: markup gone, whitespace collapsed.
    pub text: String,
    /// The 1-based page the block starts on, in formats that have pages (PDF).
    pub page: Option<u32>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document title (at most one).
    Title,
    /// A heading of this level (1 is the highest).
    Heading(u8),
    /// A paragraph; when the format marks no heading at all, a short one may still be
    /// read as a heading, as in plain text.
    Paragraph,
    /// A list item, quotation or code block: a passage, never a heading.
    Item,
    /// A table row, its cells joined by " | ": data, a passage that is never a heading
    /// nor taken for page furniture (a header row looks like a navigation bar).
    Row,
}

/// Metadata a document declares (Markdown front matter, PDF properties…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title.
    pub title: Option<String>,
    /// The date, as written.
    pub date: Option<String>,
    /// Where the document comes from.
    pub source: Option<String>,
    /// The language, as written (`fr`, `fra`, `French`).
    pub lang: Option<String>,
    /// Keywords.
    pub tags: Vec<String>,
}

impl Extracted {
    /// Whether the format marked any heading (otherwise headings are inferred). A title
    /// alone is no structure: a plain-text e-mail's subject is its title, and the
    /// `UKRAINE` above a paragraph of its body still heads it.
    pub fn has_structure(&self) -> bool {
        self.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading(_)))
    }
}
