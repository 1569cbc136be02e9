//! Reading the document formats analysts receive: PDF (text layer), Word (`.docx`), saved
//! web pages (`.html`) and e-mail (`.eml`), each into plain text cut into blocks.
//!
//! Every reader is pure (bytes in, [`Extracted`] out), bounded by [`Limits`] and never
//! panics: third-party parsing runs under `catch_unwind`, and every failure is one
//! [`ExtractError`] line or one warning in [`Extracted::warnings`].

mod docx;
mod eml;
mod html;
mod pdf;
mod text;

use std::fmt;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

pub use text::iso_date_prefix;

/// The formats briefs reads besides plain text and JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// PDF with a text layer.
    Pdf,
    /// Word (Office Open XML) document.
    Docx,
    /// A saved web page.
    Html,
    /// One e-mail message (RFC 5322, MIME).
    Eml,
}

impl Format {
    /// The format of a file from its extension (case-insensitive): `.pdf`, `.docx`,
    /// `.html`/`.htm`, `.eml`.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "html" | "htm" => Some(Format::Html),
            "eml" => Some(Format::Eml),
            _ => None,
        }
    }

    /// The format a MIME type names, for e-mail attachments.
    pub fn of_mime(mime: &str) -> Option<Format> {
        let mime = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match mime.as_str() {
            "application/pdf" | "application/x-pdf" => Some(Format::Pdf),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some(Format::Docx),
            "text/html" | "application/xhtml+xml" => Some(Format::Html),
            "message/rfc822" => Some(Format::Eml),
            _ => None,
        }
    }

    /// The name used in messages ("PDF", "Word file", ...).
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word file",
            Format::Html => "HTML page",
            Format::Eml => "e-mail",
        }
    }
}

/// Bounds on what one extraction may read, decompress, nest and produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, any format (bytes).
    pub max_input_bytes: u64,
    /// Most bytes decompressed from one input: the zip parts of a `.docx`, the
    /// compressed streams of a PDF.
    pub max_decompressed_bytes: u64,
    /// Most text kept; past it the text is cut at a block boundary and a warning says so.
    pub max_text_bytes: usize,
    /// Deepest nesting followed: HTML elements, XML elements of a `.docx`, MIME parts.
    pub max_depth: usize,
    /// Largest HTML page read (bytes): the main-content extractor is superlinear on huge pages.
    pub max_html_bytes: u64,
    /// Most PDF pages read; later pages are skipped with a warning.
    pub max_pages: u32,
    /// Largest e-mail attachment returned (decoded bytes); larger ones are skipped with a warning.
    pub max_attachment_bytes: u64,
    /// Most attachments returned from one e-mail.
    pub max_attachments: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 << 20,
            max_decompressed_bytes: 256 << 20,
            max_text_bytes: 16 << 20,
            max_depth: 256,
            max_html_bytes: 8 << 20,
            max_pages: 5_000,
            max_attachment_bytes: 16 << 20,
            max_attachments: 32,
        }
    }
}

/// What a reader got out of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The extracted text; blocks separated by `"\n\n"`.
    pub text: String,
    /// The blocks in document order: non-overlapping byte spans into `text`, on char boundaries.
    pub blocks: Vec<Block>,
    /// Document metadata.
    pub meta: Meta,
    /// E-mail attachments of supported kinds, to be indexed as documents of their own.
    pub attachments: Vec<Attachment>,
    /// One-line notes on partial reads.
    pub warnings: Vec<String>,
}

impl Extracted {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.span.clone()]
    }
}

/// One block of text: a title, a heading, a paragraph or a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in [`Extracted::text`].
    pub span: Range<usize>,
    /// What the block is.
    pub kind: BlockKind,
    /// The 1-based page it starts on (PDF only).
    pub page: Option<u32>,
}

/// The role of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document title.
    Title,
    /// A heading of level 1 to 3.
    Heading(u8),
    /// Body text.
    Paragraph,
    /// A table row, its non-empty cells joined by " | ": data, never a heading nor page
    /// furniture (a header row looks like a navigation bar).
    Row,
}

/// Document metadata, each as the file gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title.
    pub title: Option<String>,
    /// ISO 8601 at the precision given: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The publisher, site or sender.
    pub source: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The declared language tag (e.g. `en`, `de-CH`).
    pub lang: Option<String>,
}

/// An e-mail attachment of a supported format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name given in the message (or one made from the part number).
    pub name: String,
    /// Its kind, from the file name or else the MIME type.
    pub kind: AttachmentKind,
    /// The decoded content.
    pub bytes: Vec<u8>,
}

/// What an attachment is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentKind {
    /// A document one of these readers reads.
    Document(Format),
    /// Plain text, read as a `.txt` file is.
    Text,
    /// Markdown, read as a `.md` file is.
    Markdown,
}

impl AttachmentKind {
    /// The kind a file name's extension says.
    pub fn of_name(name: &str) -> Option<AttachmentKind> {
        let path = Path::new(name);
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(AttachmentKind::Text),
            "md" | "markdown" => Some(AttachmentKind::Markdown),
            _ => Format::of_path(path).map(AttachmentKind::Document),
        }
    }

    /// The kind a MIME type names.
    pub fn of_mime(mime: &str) -> Option<AttachmentKind> {
        let bare = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match bare.as_str() {
            "text/plain" => Some(AttachmentKind::Text),
            "text/markdown" | "text/x-markdown" => Some(AttachmentKind::Markdown),
            _ => Format::of_mime(mime).map(AttachmentKind::Document),
        }
    }

    /// An extension for an attachment without a name.
    pub fn extension(self) -> &'static str {
        match self {
            AttachmentKind::Document(Format::Pdf) => "pdf",
            AttachmentKind::Document(Format::Docx) => "docx",
            AttachmentKind::Document(Format::Html) => "html",
            AttachmentKind::Document(Format::Eml) => "eml",
            AttachmentKind::Text => "txt",
            AttachmentKind::Markdown => "md",
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtractError {
    /// A PDF without text (a scan).
    NoTextLayer,
    /// A password is needed to read the text.
    Encrypted,
    /// Over one of the [`Limits`]; `what` names the quantity and its unit.
    TooLarge {
        /// What is too large, e.g. "HTML page (bytes)".
        what: String,
        /// The limit it passed.
        limit: u64,
    },
    /// The file is damaged or not of the format its name says.
    Corrupt(String),
    /// A variant of the format briefs does not read (e.g. an old binary `.doc`).
    Unsupported(String),
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::NoTextLayer => write!(f, "PDF has no text layer (a scanned image?)"),
            ExtractError::Encrypted => {
                write!(f, "file is password-protected (save an unprotected copy to index it)")
            }
            ExtractError::TooLarge { what, limit } => write!(f, "{what} over the limit of {limit}"),
            ExtractError::Corrupt(why) => write!(f, "damaged file: {why}"),
            ExtractError::Unsupported(why) => write!(f, "unsupported file: {why}"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// Reads `bytes` as `format` within `limits`.
///
/// Never panics: a panic inside a third-party parser becomes [`ExtractError::Corrupt`].
pub fn extract(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(ExtractError::TooLarge {
            what: format!("{} size (bytes)", format.label()),
            limit: limits.max_input_bytes,
        });
    }
    guarded(format.label(), || match format {
        Format::Pdf => pdf::extract(bytes, limits),
        Format::Docx => docx::extract(bytes, limits),
        Format::Html => html::extract(bytes, limits),
        Format::Eml => eml::extract(bytes, limits),
    })
}

/// Runs `f`, turning a panic into [`ExtractError::Corrupt`] (third-party parsers may
/// panic on malformed input; their state is dropped with the closure, so no broken
/// invariant outlives the call).
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, ExtractError>) -> Result<T, ExtractError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(ExtractError::Corrupt(format!("{what} parser failed ({})", text::one_line(&why, 120))))
        }
    }
}

/// Builds an [`Extracted`]: blocks appended in order, whitespace normalised, the text
/// bound enforced once.
#[derive(Debug)]
struct Builder {
    out: Extracted,
    max_text_bytes: usize,
    truncated: bool,
}

impl Builder {
    fn new(limits: &Limits) -> Self {
        Builder { out: Extracted::default(), max_text_bytes: limits.max_text_bytes, truncated: false }
    }

    /// Appends a block (whitespace collapsed); empty blocks are dropped. Returns false
    /// once the text bound is reached, so that readers can stop early.
    fn push(&mut self, kind: BlockKind, raw: &str, page: Option<u32>) -> bool {
        if self.truncated {
            return false;
        }
        let clean = text::collapse_ws(raw);
        if clean.is_empty() {
            return true;
        }
        let sep = if self.out.text.is_empty() { 0 } else { 2 };
        if self.out.text.len() + sep + clean.len() > self.max_text_bytes {
            self.truncated = true;
            self.out.warnings.push(format!(
                "text cut at {} bytes (limit {}); the rest is not indexed",
                self.out.text.len(),
                self.max_text_bytes
            ));
            return false;
        }
        if sep > 0 {
            self.out.text.push_str("\n\n");
        }
        let start = self.out.text.len();
        self.out.text.push_str(&clean);
        self.out.blocks.push(Block { span: start..self.out.text.len(), kind, page });
        true
    }

    fn full(&self) -> bool {
        self.truncated
    }

    fn warn(&mut self, warning: impl Into<String>) {
        self.out.warnings.push(warning.into());
    }

    fn finish(mut self, meta: Meta) -> Extracted {
        self.out.meta = meta;
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_ignore_case() {
        assert_eq!(Format::of_path(Path::new("a/b/Report.PDF")), Some(Format::Pdf));
        assert_eq!(Format::of_path(Path::new("brief.docx")), Some(Format::Docx));
        assert_eq!(Format::of_path(Path::new("page.HTM")), Some(Format::Html));
        assert_eq!(Format::of_path(Path::new("page.html")), Some(Format::Html));
        assert_eq!(Format::of_path(Path::new("mail.eml")), Some(Format::Eml));
        assert_eq!(Format::of_path(Path::new("old.doc")), None);
        assert_eq!(Format::of_path(Path::new("pdf")), None);
    }

    #[test]
    fn formats_from_mime_types() {
        assert_eq!(Format::of_mime("application/PDF; name=x.pdf"), Some(Format::Pdf));
        assert_eq!(Format::of_mime("message/rfc822"), Some(Format::Eml));
        assert_eq!(Format::of_mime("image/png"), None);
    }

    #[test]
    fn builder_spans_point_at_collapsed_text_and_stop_at_the_bound() {
        let limits = Limits { max_text_bytes: 30, ..Limits::default() };
        let mut b = Builder::new(&limits);
        assert!(b.push(BlockKind::Title, "  Straße \n nach  Kyjiw ", None));
        assert!(b.push(BlockKind::Paragraph, "   ", None));
        assert!(!b.push(BlockKind::Paragraph, "a paragraph far too long to fit", None));
        let out = b.finish(Meta::default());
        assert_eq!(out.blocks.len(), 1);
        assert_eq!(out.block_text(&out.blocks[0]), "Straße nach Kyjiw");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let limits = Limits { max_input_bytes: 10, ..Limits::default() };
        let err = extract(Format::Html, b"<p>more than ten bytes</p>", &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { limit: 10, .. }), "{err}");
    }

    /// Every fixture's blocks are in order, on char boundaries, and make up the text.
    #[test]
    fn blocks_tile_the_text_for_every_fixture() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats");
        let mut read = 0;
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let Some(format) = Format::of_path(&entry.path()) else { continue };
            let Ok(out) = extract(format, &std::fs::read(entry.path()).unwrap(), &Limits::default()) else {
                continue;
            };
            let joined: Vec<&str> = out.blocks.iter().map(|b| out.block_text(b)).collect();
            assert_eq!(joined.join("\n\n"), out.text, "{:?}", entry.path());
            assert!(out.blocks.windows(2).all(|w| w[0].span.end + 2 == w[1].span.start));
            assert!(out.blocks.iter().all(|b| matches!(
                b.kind,
                BlockKind::Heading(1..=3) | BlockKind::Title | BlockKind::Paragraph | BlockKind::Row
            )));
            assert!(out.warnings.iter().all(|w| !w.contains('\n')));
            read += 1;
        }
        assert!(read >= 4, "{read} fixtures read");
    }

    #[test]
    fn a_panic_becomes_a_corrupt_error() {
        let err = guarded::<()>("PDF", || panic!("index out of bounds")).unwrap_err();
        assert_eq!(err.to_string(), "damaged file: PDF parser failed (index out of bounds)");
    }
}
