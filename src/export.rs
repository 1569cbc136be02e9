//! Export: every passage of the index, for a distributed engine to take over.
//!
//! [`Format::OpenSearch`] writes the body of the index-creation request
//! (`mapping.json`: analysers and field mapping matching ours) and the passages in
//! bulk format (`passages.ndjson`). Passages come out sorted by id, read by merging
//! the segments' `id` term dictionaries, so memory stays bounded (one posting list
//! and four bytes per passage for its file key) and a re-export of an unchanged
//! index is byte-identical, whatever its segment layout.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Map, Value};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::tokenizer::{Language, StopWordFilter};
use tantivy::DocSet;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader, TantivyDocument, TERMINATED};

use crate::analysis::STEMMED;
use crate::error::{Error, Result};
use crate::ingest::Event;
use crate::options::valid_date;
use crate::record::Record;
use crate::store::Store;

/// The formats briefs exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OpenSearch (and Elasticsearch 7+): index mapping and bulk file.
    OpenSearch,
}

/// The index name written in every bulk action line.
pub const INDEX_NAME: &str = "briefs";
/// The file holding the index settings and mapping.
pub const MAPPING_FILE: &str = "mapping.json";
/// The file holding the passages in bulk format.
pub const PASSAGES_FILE: &str = "passages.ndjson";
/// OpenSearch refuses document ids longer than this many bytes.
pub const MAX_ID_BYTES: usize = 512;
/// The date formats of our dates, in OpenSearch's syntax.
pub const DATE_FORMAT: &str = "yyyy||yyyy-MM||yyyy-MM-dd";
/// Our analysers drop tokens of 40 bytes or more; OpenSearch's `length` filter counts
/// characters, which is the same for the ASCII words that reach that length.
const MAX_TOKEN_CHARS: u32 = 39;
/// Our tokenizer's split: any run of characters that are not letters, marks or digits.
const TOKEN_SPLIT: &str = r"[^\p{L}\p{M}\p{N}]+";
/// How often progress is reported, in passages.
const PROGRESS_EVERY: u64 = 4096;

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Exported {
    /// Passages written.
    pub passages: u64,
    /// Passages left out: their id is longer than OpenSearch accepts.
    pub long_ids: u64,
    /// Passages written without their date, which is not `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`.
    pub bad_dates: u64,
    /// Ids held by more than one passage (OpenSearch keeps the last of each).
    pub shared_ids: u64,
    /// The settings and mapping file.
    pub mapping: PathBuf,
    /// The bulk file.
    pub bulk: PathBuf,
}

/// Writes the index in `format` into the folder `out` (made if missing). Each file is
/// written under a temporary name and renamed when complete.
///
/// # Errors
/// [`Error::Io`] when `out` or a file in it cannot be written, [`Error::Index`] when a
/// segment cannot be read.
pub fn export(store: &Store, format: Format, out: &Path, report: &mut dyn FnMut(Event)) -> Result<Exported> {
    match format {
        Format::OpenSearch => export_opensearch(store, out, report),
    }
}

fn export_opensearch(store: &Store, out: &Path, report: &mut dyn FnMut(Event)) -> Result<Exported> {
    std::fs::create_dir_all(out).map_err(|e| Error::write(out, e))?;
    let mapping = out.join(MAPPING_FILE);
    write_atomically(&mapping, |w| {
        serde_json::to_writer_pretty(&mut *w, &opensearch_mapping())
            .map_err(|e| Error::write(STREAM, e.into()))?;
        writeln!(w).map_err(|e| Error::write(STREAM, e))
    })?;
    let bulk = out.join(PASSAGES_FILE);
    let exported = write_atomically(&bulk, |w| write_bulk(store, w, report))?;
    warn(&exported, report);
    Ok(Exported { mapping, bulk, ..exported })
}

/// The path that errors of the output stream carry, until the file is known.
const STREAM: &str = "-";

/// Writes `path` through `fill` under a temporary name, renamed once complete;
/// removed on any failure, so that `path` is never left half written.
fn write_atomically<T>(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let tmp = path.with_extension("tmp");
    let io = |e: std::io::Error| Error::write(path, e);
    let write = || -> Result<T> {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp).map_err(io)?);
        let filled = fill(&mut w)?;
        w.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(filled)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        match e {
            Error::Write { path: p, source } if p == Path::new(STREAM) => io(source),
            other => other,
        }
    })
}

/// One warning per kind of passage that did not go out whole.
fn warn(exported: &Exported, report: &mut dyn FnMut(Event)) {
    let mut say = |n: u64, what: &str| {
        if n > 0 {
            report(Event::Warning(format!("{n} passage(s) {what}")));
        }
    };
    say(exported.long_ids, &format!("left out: id longer than {MAX_ID_BYTES} bytes"));
    say(exported.bad_dates, "written without their date (not YYYY, YYYY-MM or YYYY-MM-DD)");
    say(exported.shared_ids, "share their id with another passage: OpenSearch keeps the last");
}

/// Writes every live passage of the store's current commit in OpenSearch bulk format,
/// sorted by id: an action line, then the document.
///
/// # Errors
/// [`Error::Io`] when `out` fails (with `-` for its path), [`Error::Index`] when a
/// segment cannot be read.
pub fn write_bulk(store: &Store, out: &mut dyn Write, report: &mut dyn FnMut(Event)) -> Result<Exported> {
    let searcher = store.searcher();
    let fields = store.fields();
    let files = FileKeys::read(&searcher, fields.file)?;
    let id_index = |s: &SegmentReader| s.inverted_index(fields.id);
    let indexes = searcher.segment_readers().iter().map(id_index).collect::<tantivy::Result<Vec<_>>>()?;
    let streams = indexes.iter().map(|ii| ii.terms().stream()).collect::<std::io::Result<Vec<_>>>();
    let mut merger = TermMerger::new(streams.map_err(tantivy::TantivyError::from)?);
    let mut exported = Exported::default();
    let total = searcher.num_docs();
    let io = |e: std::io::Error| Error::write(STREAM, e);
    while merger.advance() {
        let mut lines = Vec::new();
        for (segment, info) in merger.current_segment_ords_and_term_infos() {
            let postings = indexes[segment].read_postings_from_terminfo(&info, IndexRecordOption::Basic);
            let mut postings = postings.map_err(tantivy::TantivyError::from)?;
            for doc in live_docs(&mut postings, &searcher.segment_readers()[segment]) {
                lines.push(bulk_lines(&searcher, store, &files, segment, doc, &mut exported)?);
            }
        }
        exported.shared_ids += if lines.len() > 1 { lines.len() as u64 } else { 0 };
        // Copies of one id are written in a fixed order, so that the last one (the one
        // OpenSearch keeps) does not depend on segment layout.
        lines.sort_unstable();
        for line in lines.iter().flatten() {
            out.write_all(line.as_bytes()).map_err(io)?;
            exported.passages += 1;
            if exported.passages.is_multiple_of(PROGRESS_EVERY) {
                report(Event::Progress { done: exported.passages, total });
            }
        }
    }
    out.flush().map_err(io)?;
    report(Event::Progress { done: exported.passages, total });
    Ok(exported)
}

/// The documents of a posting list that are not deleted.
fn live_docs<'a>(
    postings: &'a mut impl DocSet,
    reader: &'a SegmentReader,
) -> impl Iterator<Item = DocId> + 'a {
    std::iter::from_fn(move || {
        while postings.doc() != TERMINATED {
            let doc = postings.doc();
            postings.advance();
            if !reader.is_deleted(doc) {
                return Some(doc);
            }
        }
        None
    })
}

/// The action and document lines of one passage, `None` when it cannot go out.
fn bulk_lines(
    searcher: &Searcher,
    store: &Store,
    files: &FileKeys,
    segment: usize,
    doc: DocId,
    exported: &mut Exported,
) -> Result<Option<String>> {
    let stored: TantivyDocument = searcher.doc(DocAddress::new(segment as u32, doc))?;
    let record = store.fields().to_record(&stored);
    if record.id.len() > MAX_ID_BYTES {
        exported.long_ids += 1;
        return Ok(None);
    }
    let passage = Passage::new(&record, files.key(segment, doc), exported);
    let action = Action { index: Target { index: INDEX_NAME, id: &record.id } };
    let mut line = serde_json::to_string(&action).expect("JSON of strings");
    line.push('\n');
    line.push_str(&serde_json::to_string(&passage).expect("JSON of strings and numbers"));
    line.push('\n');
    Ok(Some(line))
}

/// A bulk action line: `{"index":{"_index":…,"_id":…}}`.
#[derive(Serialize)]
struct Action<'a> {
    index: Target<'a>,
}

/// Where a bulk action puts its document.
#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// One passage as an OpenSearch document; its keys are the mapping's fields.
#[derive(Serialize)]
struct Passage<'a> {
    id: &'a str,
    doc: &'a str,
    file: &'a str,
    paragraph: u64,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    lang: &'a str,
    start: u64,
    end: u64,
    text: &'a str,
}

impl<'a> Passage<'a> {
    fn new(r: &'a Record, file: &'a str, exported: &mut Exported) -> Passage<'a> {
        let date = r.date.as_deref().filter(|d| {
            let ok = valid_date(d);
            exported.bad_dates += u64::from(!ok);
            ok
        });
        Passage {
            id: &r.id,
            doc: &r.doc,
            file,
            paragraph: r.paragraph,
            title: &r.title,
            section: r.section.as_deref(),
            source: &r.source,
            date,
            lang: &r.lang,
            start: r.start,
            end: r.end,
            text: &r.text,
        }
    }
}

/// The file key of every passage: the `file` field is indexed, not stored, so its
/// postings are read once per segment into one index per document.
struct FileKeys {
    /// Per segment: the file keys, and the position of each document's key.
    segments: Vec<(Vec<String>, Vec<u32>)>,
}

impl FileKeys {
    fn read(searcher: &Searcher, field: Field) -> Result<FileKeys> {
        let segments = searcher.segment_readers().iter().map(|s| Self::segment(s, field));
        Ok(FileKeys { segments: segments.collect::<Result<_>>()? })
    }

    fn segment(reader: &SegmentReader, field: Field) -> Result<(Vec<String>, Vec<u32>)> {
        let index = reader.inverted_index(field)?;
        let mut keys = vec![String::new()];
        let mut of_doc = vec![0u32; reader.max_doc() as usize];
        let mut terms = index.terms().stream().map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            keys.push(String::from_utf8_lossy(terms.key()).into_owned());
            let n = (keys.len() - 1) as u32;
            let mut postings = index
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            while postings.doc() != TERMINATED {
                if let Some(slot) = of_doc.get_mut(postings.doc() as usize) {
                    *slot = n;
                }
                postings.advance();
            }
        }
        Ok((keys, of_doc))
    }

    fn key(&self, segment: usize, doc: DocId) -> &str {
        let (keys, of_doc) = &self.segments[segment];
        &keys[of_doc.get(doc as usize).copied().unwrap_or(0) as usize]
    }
}

/// OpenSearch's stemmer for a language we stem: `(filter type, language)`, the
/// Snowball stemmer as ours, or for Greek (which Snowball lacks there) the `stemmer`
/// filter; `None` when OpenSearch has none.
fn stemmer(code: &str) -> Option<(&'static str, &'static str)> {
    let snowball = |language| Some(("snowball", language));
    match code {
        "ar" => snowball("Arabic"),
        "da" => snowball("Danish"),
        "de" => snowball("German"),
        "el" => Some(("stemmer", "greek")),
        "en" => snowball("English"),
        "es" => snowball("Spanish"),
        "fi" => snowball("Finnish"),
        "fr" => snowball("French"),
        "hu" => snowball("Hungarian"),
        "it" => snowball("Italian"),
        "nb" => snowball("Norwegian"),
        "nl" => snowball("Dutch"),
        "pt" => snowball("Portuguese"),
        "ro" => snowball("Romanian"),
        "ru" => snowball("Russian"),
        "sv" => snowball("Swedish"),
        "tr" => snowball("Turkish"),
        _ => None,
    }
}

/// The stop words our query analyser drops for a language, as an OpenSearch `stop`
/// filter: NLTK's English list as we use it, OpenSearch's predefined list (the same
/// Snowball list as tantivy's) for the others that have one; none for Spanish, whose
/// list holds content words (see `analysis`).
fn stop_filter(language: Language, name: &str) -> Option<Value> {
    if language == Language::English {
        let words = stop_words::lookup("en")?;
        return Some(json!({ "type": "stop", "stopwords": words }));
    }
    if language == Language::Spanish || StopWordFilter::new(language).is_none() {
        return None;
    }
    Some(json!({ "type": "stop", "stopwords": format!("_{}_", name.to_lowercase()) }))
}

/// The index-creation body for OpenSearch: analysers matching ours (same token split,
/// lowercase, Snowball stemmer, ASCII folding; stop words dropped at query time only)
/// and the mapping of our fields, strict, so that a document with any other key is
/// refused.
pub fn opensearch_mapping() -> Value {
    let (settings, languages) = analysis_settings();
    let sub_fields: Map<String, Value> = languages
        .iter()
        .map(|code| {
            let field = json!({
                "type": "text",
                "analyzer": format!("briefs_{code}"),
                "search_analyzer": format!("briefs_{code}_query"),
            });
            (code.to_string(), field)
        })
        .collect();
    let folded = json!({ "type": "text", "analyzer": "briefs_fold" });
    let keyword = json!({ "type": "keyword" });
    json!({
        "settings": { "analysis": settings },
        "mappings": {
            "dynamic": "strict",
            "_meta": {
                "generator": concat!("briefs ", env!("CARGO_PKG_VERSION"), " export --format opensearch"),
                "text": "search text.<lang> for a passage in a language listed there (filter on lang), text otherwise",
                "unstemmed": unstemmed_note(),
            },
            "properties": {
                "id": keyword, "doc": keyword, "file": keyword, "lang": keyword,
                "title": folded, "section": folded,
                "source": { "type": "text", "analyzer": "briefs_fold", "fields": { "keyword": keyword } },
                "date": { "type": "date", "format": DATE_FORMAT },
                "paragraph": { "type": "integer" },
                "start": { "type": "long" },
                "end": { "type": "long" },
                "text": { "type": "text", "analyzer": "briefs_fold", "fields": sub_fields },
            }
        }
    })
}

/// The languages we stem that OpenSearch cannot: their passages are searched folded.
fn unstemmed_note() -> String {
    let codes: Vec<&str> = STEMMED.iter().map(|(c, _)| *c).filter(|c| stemmer(c).is_none()).collect();
    format!("no OpenSearch stemmer for: {} (search text for them)", codes.join(", "))
}

/// The `analysis` settings (tokenizer, filters, analysers) and the language codes
/// that got an analyser of their own.
fn analysis_settings() -> (Value, Vec<&'static str>) {
    let mut filters = Map::new();
    let mut analyzers = Map::new();
    filters.insert("briefs_long".into(), json!({ "type": "length", "max": MAX_TOKEN_CHARS }));
    filters.insert("briefs_greek_lowercase".into(), json!({ "type": "lowercase", "language": "greek" }));
    let chain =
        |filters: &[&str]| json!({ "type": "custom", "tokenizer": "briefs_words", "filter": filters });
    analyzers.insert("briefs_fold".into(), chain(&["briefs_long", "lowercase", "asciifolding"]));
    let mut languages = Vec::new();
    for (code, language) in STEMMED {
        let Some((kind, name)) = stemmer(code) else { continue };
        let stem = format!("briefs_{code}_stem");
        filters.insert(stem.clone(), json!({ "type": kind, "language": name }));
        let lower = if code == "el" { "briefs_greek_lowercase" } else { "lowercase" };
        analyzers.insert(format!("briefs_{code}"), chain(&["briefs_long", lower, &stem, "asciifolding"]));
        let query = match stop_filter(language, name) {
            Some(stop) => {
                let name = format!("briefs_{code}_stop");
                filters.insert(name.clone(), stop);
                chain(&["briefs_long", lower, &name, &stem, "asciifolding"])
            }
            None => chain(&["briefs_long", lower, &stem, "asciifolding"]),
        };
        analyzers.insert(format!("briefs_{code}_query"), query);
        languages.push(code);
    }
    let tokenizer = json!({ "briefs_words": { "type": "pattern", "pattern": TOKEN_SPLIT } });
    let settings = json!({ "tokenizer": tokenizer, "filter": filters, "analyzer": analyzers });
    (settings, languages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyzer_for_key, tokens, Side};

    #[test]
    fn every_stemmed_language_but_tamil_gets_its_analysers() {
        let mapping = opensearch_mapping();
        let analyzers = &mapping["settings"]["analysis"]["analyzer"];
        let subs = &mapping["mappings"]["properties"]["text"]["fields"];
        for (code, _) in STEMMED {
            let has = !subs[code].is_null();
            assert_eq!(has, code != "ta", "{code}");
            if has {
                let analyzer = subs[code]["analyzer"].as_str().unwrap();
                assert!(analyzers[analyzer].is_object(), "{analyzer}");
                assert!(analyzers[subs[code]["search_analyzer"].as_str().unwrap()].is_object());
            }
        }
        assert!(mapping["mappings"]["_meta"]["unstemmed"].as_str().unwrap().contains("ta"));
    }

    #[test]
    fn every_named_filter_is_defined_or_built_in() {
        let mapping = opensearch_mapping();
        let analysis = &mapping["settings"]["analysis"];
        for (_, analyzer) in analysis["analyzer"].as_object().unwrap() {
            assert!(analysis["tokenizer"][analyzer["tokenizer"].as_str().unwrap()].is_object());
            for filter in analyzer["filter"].as_array().unwrap() {
                let name = filter.as_str().unwrap();
                let built_in = ["lowercase", "asciifolding"].contains(&name);
                assert!(built_in || analysis["filter"][name].is_object(), "{name}");
            }
        }
    }

    #[test]
    fn the_length_limit_is_ours() {
        let mut en = analyzer_for_key("en", Side::Index);
        let kept = "x".repeat(MAX_TOKEN_CHARS as usize);
        let dropped = "x".repeat(MAX_TOKEN_CHARS as usize + 1);
        assert_eq!(tokens(&mut en, &kept).len(), 1);
        assert!(tokens(&mut en, &dropped).is_empty());
    }

    #[test]
    fn query_stop_words_are_ours() {
        let mapping = opensearch_mapping();
        let filters = &mapping["settings"]["analysis"]["filter"];
        let english: Vec<&str> = filters["briefs_en_stop"]["stopwords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let mut en = analyzer_for_key("en", Side::Query);
        assert!(english.contains(&"which"));
        assert!(english.iter().all(|w| tokens(&mut en, w).is_empty()), "a listed word survives our analyser");
        // Spanish keeps its stop words at query time, on both sides.
        assert!(filters["briefs_es_stop"].is_null());
        assert_eq!(tokens(&mut analyzer_for_key("es", Side::Query), "estados era").len(), 2);
        assert_eq!(filters["briefs_fr_stop"]["stopwords"], "_french_");
        assert!(tokens(&mut analyzer_for_key("fr", Side::Query), "les").is_empty());
    }
}
