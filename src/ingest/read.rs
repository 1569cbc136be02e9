//! Reading briefs: decoding text files and JSON lines into [`SourceDoc`]s.
//! With [`super::walk`], the only stage that touches the files to be indexed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::walk::FoundFile;
use crate::error::{Error, Result};
use serde::Deserialize;

/// One document as read from a file, before splitting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceDoc {
    /// The document key: the file path as reached, or the JSON `id`.
    pub key: String,
    /// The JSON `title`, if any (text files take their first line later).
    pub title: Option<String>,
    /// The JSON `source`, else the folder holding the file.
    pub source: String,
    /// The JSON `date`, if any.
    pub date: Option<String>,
    /// The language the document states (JSON `lang`), as written.
    pub lang: Option<String>,
    /// The line of a JSON-lines document in its file, from 1.
    pub line: Option<u64>,
    /// The document text.
    pub text: String,
    /// The document as a structured reader read it (Markdown, PDF, Word, HTML, e-mail),
    /// if one did; its text is then the text that offsets refer to.
    pub extracted: Option<super::extracted::Extracted>,
}

/// Reads a whole file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Decodes file bytes to text: UTF-8, UTF-16 with a byte-order mark, else the legacy
/// encoding the bytes look written in (Windows-1252, Windows-1251, …).
/// Binary data (NUL bytes outside UTF-16, more than one per kilobyte) is refused.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, &'static str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        return Ok(text.into_owned());
    }
    if is_binary(bytes) {
        return Err("binary file");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Ok(crate::charset::decode_undeclared(bytes)),
    }
}

/// Whether bytes are binary data: more NUL bytes than one per kilobyte (at least two).
/// A stray NUL in a text file, which some export tools leave, does not cost the whole
/// file; the NUL itself is dropped with the other control characters.
fn is_binary(bytes: &[u8]) -> bool {
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    nuls > (bytes.len() / 1024).max(1)
}

/// The folder a file sits in (from its key, so the same however it was reached), used
/// as its default source.
pub(super) fn folder(file: &FoundFile) -> String {
    match Path::new(&file.key).parent().map(|p| p.to_string_lossy().into_owned()) {
        Some(p) if !p.is_empty() => p,
        _ => ".".to_string(),
    }
}

/// The document of a text file; `None` when it holds no text (empty, or blank).
pub fn text_doc(file: &FoundFile, bytes: &[u8]) -> std::result::Result<Option<SourceDoc>, String> {
    let text = crate::text::strip_controls(&decode(bytes).map_err(str::to_string)?).into_owned();
    if text.trim().is_empty() {
        return Ok(None);
    }
    let extracted = is_markdown(&file.path).then(|| super::markdown::extract(&text));
    Ok(Some(SourceDoc {
        key: file.key.clone(),
        source: folder(file),
        text,
        extracted,
        ..SourceDoc::default()
    }))
}

/// Whether a text file is Markdown, by its extension.
fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// One line of a JSON-lines corpus; other keys are ignored.
#[derive(Debug, Deserialize)]
struct JsonDoc {
    id: serde_json::Value,
    title: Option<String>,
    source: Option<String>,
    date: Option<serde_json::Value>,
    lang: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    text: String,
}

/// A `null` text is an empty one (a record whose title is all it says).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A JSON scalar as text (ids and dates may be numbers).
fn scalar(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Reads JSON lines from `input` as it streams (a file of any size is never held
/// whole), calling `each` per document; bad lines become warnings naming them.
/// `consumed` counts the bytes of `input` read so far, for progress reports.
pub fn json_docs(
    file: &FoundFile,
    input: &mut dyn Read,
    gz: bool,
    consumed: &AtomicU64,
    each: &mut dyn FnMut(SourceDoc),
) -> Vec<String> {
    let shown = super::paths::shown(&file.key);
    let mut counted = BufReader::with_capacity(1 << 20, Counting { inner: input, count: consumed });
    if gz && !counted.fill_buf().is_ok_and(|head| head.starts_with(&[0x1f, 0x8b])) {
        return vec![format!("{shown}: not a gzip file")];
    }
    let reader: Box<dyn Read + '_> =
        if gz { Box::new(flate2::bufread::MultiGzDecoder::new(counted)) } else { Box::new(counted) };
    let mut warnings = Vec::new();
    for (n, line) in BufReader::with_capacity(1 << 20, reader).split(b'\n').enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                warnings.push(format!("{shown}: line {}: {}", n + 1, gzip_words(&e)));
                break;
            }
        };
        // A byte-order mark before the first line, as some editors write.
        let line = if n == 0 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line) } else { &line };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<JsonDoc>(line) {
            Ok(doc) if is_blank(&doc.text) && doc.title.as_deref().is_none_or(is_blank) => {
                warnings.push(format!("{shown}: line {}: neither text nor title, nothing to index", n + 1));
            }
            Ok(doc) => each(json_doc(file, doc, n as u64 + 1)),
            Err(e) => warnings.push(format!("{shown}: line {}: {e}", n + 1)),
        }
    }
    warnings
}

/// A reader that counts the bytes read through it.
struct Counting<'a, R> {
    inner: R,
    count: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A gzip decoding error in plain words.
fn gzip_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the gzip data ends early (file cut short?)".to_string(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => "corrupt gzip data".to_string(),
        _ => e.to_string(),
    }
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A document of a JSON line; one without text is its title, which is all it says.
fn json_doc(file: &FoundFile, mut doc: JsonDoc, line: u64) -> SourceDoc {
    if is_blank(&doc.text) {
        doc.text = doc.title.take().unwrap_or_default();
    }
    SourceDoc {
        key: scalar(doc.id).unwrap_or_default(),
        title: doc.title.filter(|t| !t.trim().is_empty()),
        source: doc.source.unwrap_or_else(|| folder(file)),
        date: doc.date.and_then(scalar),
        lang: doc.lang.filter(|l| !l.trim().is_empty()),
        line: Some(line),
        // Terminal escapes and other control characters never reach the index.
        text: crate::text::strip_controls(&doc.text).into_owned(),
        extracted: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::PathBuf;

    fn file(key: &str) -> FoundFile {
        FoundFile { path: PathBuf::from(key), key: key.to_string() }
    }

    #[test]
    fn decodes_legacy_and_utf16() {
        assert_eq!(decode(b"caf\xe9").unwrap(), "café");
        assert_eq!(decode(b"\xff\xfeh\x00i\x00").unwrap(), "hi");
        assert!(decode(b"ab\x00c\x00d").is_err());
        assert!(decode(b"\x7fELF\x00\x01\x02 not text at all \x00\x00").is_err());
        // A stray NUL in a text file does not make it binary.
        let stray = b"Shelling hit Kherson overnight.\x00 Two people were wounded.";
        assert!(decode(stray).unwrap().contains("Kherson"));
    }

    #[test]
    fn a_json_line_without_text_is_its_title_or_a_warning_and_a_bom_is_skipped() {
        let data = "\u{feff}{\"id\":1,\"title\":\"Troops in Romania\",\"text\":\" \"}\n{\"id\":2,\"title\":\"Only a title\",\"text\":null}\n{\"id\":3,\"text\":\"\"}\n";
        let mut docs = Vec::new();
        let consumed = AtomicU64::new(0);
        let warnings =
            json_docs(&file("c.jsonl"), &mut data.as_bytes(), false, &consumed, &mut |d| docs.push(d));
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Troops in Romania", "Only a title"]);
        assert_eq!(warnings, ["c.jsonl: line 3: neither text nor title, nothing to index"]);
    }

    #[test]
    fn json_lines_keep_good_lines() {
        let data = b"{\"id\": 7, \"text\": \"a\", \"date\": 1999}\nnot json\n{\"id\":\"b\",\"text\":\"c\",\"x\":1}\n";
        let mut docs = Vec::new();
        let consumed = AtomicU64::new(0);
        let warnings = json_docs(&file("d/c.jsonl"), &mut &data[..], false, &consumed, &mut |d| docs.push(d));
        assert_eq!(consumed.load(Ordering::Relaxed), data.len() as u64);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].key, "7");
        assert_eq!(docs[0].date.as_deref(), Some("1999"));
        assert_eq!(docs[1].source, "d");
        assert_eq!((docs[0].line, docs[1].line), (Some(1), Some(3)));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("line 2"), "{warnings:?}");
    }

    #[test]
    fn gzip_problems_in_words() {
        let consumed = AtomicU64::new(0);
        let plain = b"{\"id\": 1, \"text\": \"a\"}\n";
        let warnings = json_docs(&file("c.jsonl.gz"), &mut &plain[..], true, &consumed, &mut |_| {});
        assert_eq!(warnings, ["c.jsonl.gz: not a gzip file"]);
        let warnings =
            json_docs(&file("c.jsonl.gz"), &mut &[0x1f, 0x8b, 8][..], true, &consumed, &mut |_| {});
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("ends early"), "{warnings:?}");
    }
}
