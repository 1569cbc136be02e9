//! The tantivy schema of a briefs index and the mapping between [`Record`]s and
//! tantivy documents.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED,
    STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::{self, text_field_name, FOLD};
use crate::record::Record;

/// Handles to every field of a briefs index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `DOC#N`, the passage id.
    pub id: Field,
    /// The document key.
    pub doc: Field,
    /// The key of the file the passage came from (its canonical path).
    pub file: Field,
    /// The line of a JSON-lines document in its file.
    pub line: Field,
    /// The page a passage starts on (PDF).
    pub page: Field,
    /// The passage number in its document.
    pub paragraph: Field,
    /// The document title.
    pub title: Field,
    /// The heading above the passage.
    pub section: Field,
    /// Where the document comes from.
    pub source: Field,
    /// The document date.
    pub date: Field,
    /// Start byte offset in the source text.
    pub start: Field,
    /// End byte offset in the source text.
    pub end: Field,
    /// ISO 639-1 language code.
    pub lang: Field,
    /// `(analysis key, field)` for each language text field.
    pub texts: Vec<(&'static str, Field)>,
    /// The copy sketch: the passage's bands (see [`crate::store::sketch`]), a fast
    /// column, so that copies among a query's matches are counted once and a candidate
    /// copy's bands are compared without loading it.
    pub copy: Field,
    /// The keys of the passage's bands ([`crate::store::sketch::band_key`]), indexed
    /// only, so that the candidate copies of a passage are found by term lookup.
    pub copy_key: Field,
    /// `(analysis key, field)` for each language heading field: the title (when it is
    /// searched with the text), section path and tags of a passage, analysed as its text,
    /// indexed with positions, not stored, so that queries can match them with a weight
    /// of their own.
    pub heads: Vec<(&'static str, Field)>,
    /// `(analysis key, field)` for each language that writes compounds closed
    /// ([`analysis::COMPOUNDING`]): the terms of the passage (and of its title when
    /// that is searched with the text) written backwards, indexed without frequencies,
    /// positions or norms, searched only through their dictionary.
    pub ends: Vec<(&'static str, Field)>,
    /// The acronyms of the passage and of its headings ([`analysis::CAPITALS`]),
    /// indexed only, so that an acronym that is also a common word is found only where
    /// it is written in capitals.
    pub caps: Field,
    /// Where the title starts in the text field (see [`TITLE_AT`]).
    pub title_at: Field,
    /// `(analysis key, field)` for each language: the name keys and stems of the
    /// passage's capitalised words ([`analysis::name_keys`]), indexed with frequencies
    /// (a stem's capitalised occurrences against all of them say whether it is a name),
    /// without positions or norms, never searched as a term.
    pub names: Vec<(&'static str, Field)>,
}

/// The name of the heading field of an analysis key (analysed by the key's text
/// analyser).
pub fn head_field_name(key: &str) -> String {
    format!("head_{key}")
}

fn text_options(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("doc", STRING | STORED | FAST);
    b.add_text_field("file", STRING | STORED | FAST);
    b.add_u64_field("line", STORED);
    b.add_u64_field("page", STORED);
    // Fast, so that a copy's id (`DOC#N`) is known without loading it.
    b.add_u64_field("paragraph", STORED | FAST);
    b.add_text_field("title", text_options(FOLD, true));
    b.add_text_field("section", text_options(FOLD, true));
    // Fast (whole value) for the source facet.
    b.add_text_field("source", text_options(FOLD, true).set_fast("raw"));
    b.add_text_field("date", STRING | STORED | FAST);
    b.add_u64_field("start", STORED);
    b.add_u64_field("end", STORED);
    b.add_text_field("lang", STRING | STORED | FAST);
    for key in analysis::keys() {
        let name = text_field_name(key);
        b.add_text_field(&name, text_options(&name, true));
    }
    for key in analysis::keys() {
        b.add_text_field(&head_field_name(key), text_options(&text_field_name(key), false));
    }
    for key in analysis::COMPOUNDING {
        let name = analysis::ends_field_name(key);
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(&name)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false);
        b.add_text_field(&name, TextOptions::default().set_indexing_options(indexing));
    }
    for key in analysis::keys() {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analysis::NAME_KEYS)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false);
        b.add_text_field(
            &analysis::names_field_name(key),
            TextOptions::default().set_indexing_options(indexing),
        );
    }
    let caps = TextFieldIndexing::default()
        .set_tokenizer(analysis::CAPITALS)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    b.add_text_field(analysis::CAPITALS, TextOptions::default().set_indexing_options(caps));
    // Fast, so that copies among a query's matches are counted once (`query::distinct`).
    b.add_u64_field("copy", NumericOptions::default().set_fast());
    b.add_u64_field("copy_key", NumericOptions::default().set_indexed());
    // Fast, so that a passage whose own text lacks the query's words ranks below one
    // that holds them (`query::titled`).
    b.add_u64_field(TITLE_AT, NumericOptions::default().set_fast());
    b.build()
}

/// The fast field of the position a passage's title starts at in its text field, when
/// the title is searched with its text (a second value of the field, after the text);
/// none otherwise.
pub const TITLE_AT: &str = "title_at";

/// Positions tantivy leaves between two values of one field. A text whose last words
/// are too long to index ends earlier, and its title's first words then read as the
/// text's: a title-only passage is left unlowered, never a passage wrongly lowered.
const TITLE_POSITION_GAP: u64 = 1;

/// Words a passage has at least for its document's title to be searched with its text.
const MIN_WORDS_WITH_TITLE: usize = 5;

/// Whether a passage says enough of its own to carry its document's title in its text:
/// a greeting or a signature (`Team,`, `Regards, Ops`) would otherwise be the shortest
/// passage holding the title's words, and rank first for them. Its heading still holds
/// the title.
fn says_something(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(MIN_WORDS_WITH_TITLE - 1)
        .is_some()
}

/// The field of analysis key `key` among `fields`, or else that of [`analysis::OTHER`].
fn of_key(fields: &[(&'static str, Field)], key: &str) -> Field {
    let found =
        fields.iter().find(|(k, _)| *k == key).or_else(|| fields.iter().find(|(k, _)| *k == analysis::OTHER));
    found.map(|(_, f)| *f).expect("every key has a field")
}

impl Fields {
    /// Looks up every field; `None` when the schema is not a briefs schema.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        let texts =
            analysis::keys().map(|k| Some((k, f(&text_field_name(k))?))).collect::<Option<Vec<_>>>()?;
        let heads =
            analysis::keys().map(|k| Some((k, f(&head_field_name(k))?))).collect::<Option<Vec<_>>>()?;
        let names = analysis::keys()
            .map(|k| Some((k, f(&analysis::names_field_name(k))?)))
            .collect::<Option<Vec<_>>>()?;
        let ends = analysis::COMPOUNDING
            .iter()
            .map(|k| Some((*k, f(&analysis::ends_field_name(k))?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Fields {
            id: f("id")?,
            doc: f("doc")?,
            file: f("file")?,
            line: f("line")?,
            page: f("page")?,
            paragraph: f("paragraph")?,
            title: f("title")?,
            section: f("section")?,
            source: f("source")?,
            date: f("date")?,
            start: f("start")?,
            end: f("end")?,
            lang: f("lang")?,
            copy: f("copy")?,
            copy_key: f("copy_key")?,
            title_at: f(TITLE_AT)?,
            caps: f(analysis::CAPITALS)?,
            texts,
            heads,
            ends,
            names,
        })
    }

    /// The text field for a language code.
    pub fn text_for(&self, lang: &str) -> Field {
        let key = analysis::key(lang);
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, f)| *f).expect("every key has a field")
    }

    /// The text field of an analysis key.
    pub fn text_for_key(&self, key: &str) -> Field {
        of_key(&self.texts, key)
    }

    /// The name-key field of an analysis key.
    pub fn names_for_key(&self, key: &str) -> Field {
        of_key(&self.names, key)
    }

    /// The reversed-terms field of an analysis key, if its language writes compounds
    /// closed.
    pub fn ends_for_key(&self, key: &str) -> Option<Field> {
        self.ends.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
    }

    /// The heading field for a language code.
    pub fn head_for(&self, lang: &str) -> Field {
        let key = analysis::key(lang);
        self.heads.iter().find(|(k, _)| *k == key).map(|(_, f)| *f).expect("every key has a field")
    }

    /// The tantivy document of a record.
    pub fn to_doc(&self, r: &Record) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.id, &r.id);
        d.add_text(self.doc, &r.doc);
        d.add_text(self.file, &r.file);
        if let Some(line) = r.line {
            d.add_u64(self.line, line);
        }
        if let Some(page) = r.page {
            d.add_u64(self.page, page);
        }
        d.add_u64(self.paragraph, r.paragraph);
        d.add_text(self.title, &r.title);
        if let Some(s) = &r.section {
            d.add_text(self.section, s);
        }
        d.add_text(self.source, &r.source);
        if let Some(date) = &r.date {
            d.add_text(self.date, date);
        }
        d.add_u64(self.start, r.start);
        d.add_u64(self.end, r.end);
        d.add_text(self.lang, &r.lang);
        let bands = crate::store::sketch::bands(&r.text);
        let mut keys: Vec<u64> = bands.iter().map(|b| crate::store::sketch::band_key(*b)).collect();
        keys.sort_unstable();
        keys.dedup();
        for band in bands {
            d.add_u64(self.copy, band);
        }
        for key in keys {
            d.add_u64(self.copy_key, key);
        }
        let text_field = self.text_for(&r.lang);
        d.add_text(text_field, &r.text);
        let title_with_text = r.title_in_text && says_something(&r.text);
        if let Some(ends) = self.ends_for_key(analysis::key(&r.lang)) {
            d.add_text(ends, &r.text);
            if title_with_text {
                d.add_text(ends, &r.title);
            }
        }
        if title_with_text {
            d.add_text(text_field, &r.title);
        }
        let key = analysis::key(&r.lang);
        let (mut keys, words) = analysis::name_keys(&r.text, key);
        if title_with_text {
            keys.push_str(&analysis::name_keys(&r.title, key).0);
            d.add_u64(self.title_at, words + TITLE_POSITION_GAP);
        }
        d.add_text(self.names_for_key(key), &keys);
        // The heading field: what describes the passage from above, weighted on its own.
        let head = self.head_for(&r.lang);
        d.add_text(self.caps, &r.text);
        for h in r.title_in_text.then_some(&r.title).into_iter().chain(&r.section).chain(&r.tags) {
            d.add_text(head, h);
            d.add_text(self.caps, h);
        }
        d
    }

    /// The record stored in a tantivy document.
    pub fn to_record(&self, d: &TantivyDocument) -> Record {
        let s = |f: Field| d.get_first(f).and_then(|v| v.as_str()).map(str::to_string);
        let n = |f: Field| d.get_first(f).and_then(|v| v.as_u64()).unwrap_or_default();
        let lang = s(self.lang).unwrap_or_default();
        Record {
            id: s(self.id).unwrap_or_default(),
            doc: s(self.doc).unwrap_or_default(),
            paragraph: n(self.paragraph),
            title: s(self.title).unwrap_or_default(),
            section: s(self.section),
            source: s(self.source).unwrap_or_default(),
            date: s(self.date),
            start: n(self.start),
            end: n(self.end),
            text: s(self.text_for(&lang)).unwrap_or_default(),
            lang,
            title_in_text: false,
            file: s(self.file).unwrap_or_default(),
            line: d.get_first(self.line).and_then(|v| v.as_u64()),
            page: d.get_first(self.page).and_then(|v| v.as_u64()),
            tags: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let fields = Fields::from_schema(&build()).unwrap();
        let r = Record {
            id: "d#1".into(),
            doc: "d".into(),
            paragraph: 1,
            title: "T".into(),
            section: Some("S".into()),
            source: "src".into(),
            date: Some("2024-01-02".into()),
            start: 3,
            end: 9,
            lang: "fr".into(),
            text: "Bonjour".into(),
            title_in_text: false,
            file: "/x/d.jsonl".into(),
            line: Some(4),
            page: Some(2),
            tags: Vec::new(),
        };
        assert_eq!(fields.to_record(&fields.to_doc(&r)), r);
    }

    #[test]
    fn title_section_and_tags_go_to_the_heading_field_of_the_passage_language() {
        let fields = Fields::from_schema(&build()).unwrap();
        let mut r = Record {
            title: "Weekly brief".into(),
            section: Some("Industry › Drones".into()),
            lang: "en".into(),
            text: "The body of the brief says more.".into(),
            tags: vec!["uav".into()],
            ..Record::default()
        };
        let heads = |r: &Record| {
            let d = fields.to_doc(r);
            d.get_all(fields.head_for("en"))
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            heads(&r),
            ["Industry › Drones", "uav"],
            "a title that is the first passage's start stays out"
        );
        r.title_in_text = true;
        assert_eq!(heads(&r), ["Weekly brief", "Industry › Drones", "uav"]);
        let d = fields.to_doc(&r);
        assert_eq!(d.get_all(fields.text_for("en")).count(), 2, "the title is searched with the text too");
        assert_eq!(d.get_all(fields.head_for("fr")).count(), 0);
        // A greeting keeps the title in its heading only.
        r.text = "Team,".into();
        let d = fields.to_doc(&r);
        assert_eq!(d.get_all(fields.text_for("en")).count(), 1);
        assert_eq!(heads(&r), ["Weekly brief", "Industry › Drones", "uav"]);
    }
}
