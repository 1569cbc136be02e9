//! Documents in the formats analysts receive (PDF, Word, HTML, e-mail): the only module
//! of ingest that knows about [`crate::formats`]. It turns what a reader extracted into
//! [`SourceDoc`]s with their structure, so that these files go through the same
//! splitting, dating, detection and identity rules as text files.
//!
//! An e-mail's attachments of readable kinds become documents of their own, keyed
//! `MESSAGE/ATTACHMENT` and kept with the message's file (removed and replaced with it).

use std::collections::HashSet;

use super::extracted::{self, BlockKind};
use super::read::SourceDoc;
use super::walk::FoundFile;
use crate::formats::{self, Attachment, AttachmentKind, Format, Limits};

/// How deep e-mails attached to e-mails are followed.
const MAX_NESTED_MESSAGES: usize = 3;

/// What one file of a document format gave: its documents (the file's own first, then
/// its attachments) and one-line warnings naming the file.
#[derive(Debug, Default)]
pub struct Read {
    /// The documents.
    pub docs: Vec<SourceDoc>,
    /// Partial reads and skipped attachments.
    pub warnings: Vec<String>,
}

/// Reads a file of `format`. A file that cannot be read at all is an error line naming
/// it (without the file name, which the caller adds).
pub fn read(file: &FoundFile, format: Format, bytes: &[u8], source: &str) -> Result<Read, String> {
    let mut out = Read::default();
    let shown = super::paths::shown(&file.key);
    read_into(&mut out, &shown, &file.key, format, bytes, source, None, 0).map_err(|e| e.to_string())?;
    Ok(out)
}

/// What a message hands down to its attachments: its date and source.
#[derive(Debug, Clone)]
struct Parent {
    date: Option<String>,
    source: String,
}

/// Reads one document (a file or an attachment) and, recursively, its attachments.
#[allow(clippy::too_many_arguments)]
fn read_into(
    out: &mut Read,
    shown: &str,
    key: &str,
    format: Format,
    bytes: &[u8],
    source: &str,
    parent: Option<&Parent>,
    depth: usize,
) -> Result<(), formats::ExtractError> {
    let ex = formats::extract(format, bytes, &Limits::default())?;
    if !ex.warnings.is_empty() {
        // One line a document, however many things its reader noted.
        out.warnings.push(format!("{shown}: {}", ex.warnings.join("; ")));
    }
    let doc = source_doc(key, &ex, source, parent);
    let next = Parent { date: doc.date.clone(), source: doc.source.clone() };
    if doc.text.trim().is_empty() {
        // The reader may already have said why; one line a file.
        if ex.warnings.is_empty() {
            out.warnings.push(format!("{shown}: no text found"));
        }
    } else {
        out.docs.push(doc);
    }
    read_attachments(out, shown, key, &ex.attachments, &next, depth);
    Ok(())
}

/// Reads the attachments of a message; one that cannot be read is a warning.
fn read_attachments(
    out: &mut Read,
    shown: &str,
    key: &str,
    list: &[Attachment],
    parent: &Parent,
    depth: usize,
) {
    let mut names = HashSet::new();
    for a in list {
        let name = unique_name(&a.name, &mut names);
        let (shown, key) = (format!("{shown}/{name}"), format!("{key}/{name}"));
        let format = match a.kind {
            AttachmentKind::Document(format) => format,
            AttachmentKind::Text | AttachmentKind::Markdown => {
                match text_attachment(&key, a, parent) {
                    Ok(doc) => out.docs.push(doc),
                    Err(e) => out.warnings.push(format!("{shown}: {e}")),
                }
                continue;
            }
        };
        if format == Format::Eml && depth >= MAX_NESTED_MESSAGES {
            out.warnings
                .push(format!("{shown}: e-mail nested more than {MAX_NESTED_MESSAGES} deep, skipped"));
            continue;
        }
        let read = read_into(out, &shown, &key, format, &a.bytes, &parent.source, Some(parent), depth + 1);
        if let Err(e) = read {
            out.warnings.push(format!("{shown}: {e}"));
        }
    }
}

/// A plain-text or Markdown attachment, read as its file would be; it takes its
/// message's date and source, and its name as its title (as other attachments do) when
/// the text states none.
fn text_attachment(key: &str, a: &Attachment, parent: &Parent) -> Result<SourceDoc, String> {
    let text = super::read::decode(&a.bytes).map_err(str::to_string)?;
    let text = crate::text::strip_controls(&text).into_owned();
    if text.trim().is_empty() {
        return Err("no text found".to_string());
    }
    let extracted = (a.kind == AttachmentKind::Markdown).then(|| super::markdown::extract(&text));
    let stated = extracted.as_ref().and_then(|e| e.meta.title.clone());
    Ok(SourceDoc {
        key: key.to_string(),
        title: stated.or_else(|| Some(a.name.clone())),
        source: parent.source.clone(),
        date: extracted.as_ref().and_then(|e| e.meta.date.clone()).or_else(|| parent.date.clone()),
        text,
        extracted,
        ..SourceDoc::default()
    })
}

/// An attachment name usable in a key: no path separators, unique within its message.
fn unique_name(name: &str, seen: &mut HashSet<String>) -> String {
    let clean: String =
        name.chars().map(|c| if matches!(c, '/' | '\\') || c.is_control() { '_' } else { c }).collect();
    let clean = if clean.trim().is_empty() { "attachment".to_string() } else { clean };
    let mut candidate = clean.clone();
    let mut n = 1;
    while !seen.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{clean} ({n})");
    }
    candidate
}

/// The source document of an extraction. What the file declares wins; an attachment
/// without its own title, date or source takes its message's.
fn source_doc(key: &str, ex: &formats::Extracted, folder: &str, parent: Option<&Parent>) -> SourceDoc {
    let structured = convert(ex);
    let meta = &ex.meta;
    let source = clean(&meta.source).or_else(|| clean(&meta.author));
    let attachment_name = parent.map(|_| key.rsplit('/').next().unwrap_or(key).to_string());
    SourceDoc {
        key: key.to_string(),
        title: clean(&meta.title).or(attachment_name),
        source: source.or_else(|| parent.map(|p| p.source.clone())).unwrap_or_else(|| folder.to_string()),
        date: clean(&meta.date).or_else(|| parent.and_then(|p| p.date.clone())),
        lang: None,
        line: None,
        text: structured.text.clone(),
        extracted: Some(structured),
    }
}

/// A metadata value on one line without control characters; `None` when blank.
fn clean(value: &Option<String>) -> Option<String> {
    let v = crate::text::collapse_whitespace(&crate::text::strip_controls(value.as_deref()?));
    (!v.is_empty()).then_some(v)
}

/// A reader's extraction in the shape preparation reads.
fn convert(ex: &formats::Extracted) -> extracted::Extracted {
    let blocks = ex
        .blocks
        .iter()
        .map(|b| extracted::Block {
            span: b.span.clone(),
            kind: kind(b.kind),
            text: ex.block_text(b).to_string(),
            page: b.page,
        })
        .collect();
    let meta = extracted::Meta {
        title: clean(&ex.meta.title),
        date: clean(&ex.meta.date),
        source: clean(&ex.meta.source).or_else(|| clean(&ex.meta.author)),
        lang: clean(&ex.meta.lang),
        tags: Vec::new(),
    };
    extracted::Extracted { text: ex.text.clone(), blocks, meta }
}

fn kind(kind: formats::BlockKind) -> BlockKind {
    match kind {
        formats::BlockKind::Title => BlockKind::Title,
        formats::BlockKind::Heading(level) => BlockKind::Heading(level),
        formats::BlockKind::Paragraph => BlockKind::Paragraph,
        formats::BlockKind::Row => BlockKind::Row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_are_made_safe_and_unique() {
        let mut seen = HashSet::new();
        assert_eq!(unique_name("../report.pdf", &mut seen), ".._report.pdf");
        assert_eq!(unique_name("a.pdf", &mut seen), "a.pdf");
        assert_eq!(unique_name("a.pdf", &mut seen), "a.pdf (2)");
        assert_eq!(unique_name(" ", &mut seen), "attachment");
    }
}
