//! The passage record: what is indexed, stored and shown for one passage, and how a
//! source document becomes records (split, then detect).

use serde::{Deserialize, Serialize};
use whatlang::Detector;

use crate::date::{find_date, parse_date};
use crate::detect::assign;
use crate::read::SourceDoc;
use crate::split::{split, Split};

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
    /// Whether the title is searched with the text (an explicit JSON title describes
    /// every passage of its document; a text file's first line is a passage or heading).
    #[serde(skip)]
    pub title_in_text: bool,
}

/// Splits documents and detects their passages' languages, the documents forming one
/// detection group (see [`crate::detect::assign`]).
pub fn records_group(docs: &[SourceDoc], detector: &Detector) -> Vec<Vec<Record>> {
    let splits: Vec<Split> = docs.iter().map(|d| split(&d.text)).collect();
    let texts: Vec<Vec<&str>> =
        splits.iter().map(|s| s.passages.iter().map(|p| p.text.as_str()).collect()).collect();
    let langs = assign(detector, &texts);
    docs.iter().zip(splits).zip(langs).map(|((doc, parts), langs)| build(doc, parts, langs)).collect()
}

/// Splits a document and detects its passages' languages.
///
/// ```
/// let doc = briefs::read::SourceDoc { key: "a.txt".into(), text: "Title\n\nBody text.".into(), ..Default::default() };
/// let recs = briefs::record::records(&doc, &whatlang::Detector::new());
/// assert_eq!(recs[0].id, "a.txt#1");
/// ```
pub fn records(doc: &SourceDoc, detector: &Detector) -> Vec<Record> {
    records_group(std::slice::from_ref(doc), detector).remove(0)
}

/// The records of one split document with its passages' languages.
fn build(doc: &SourceDoc, parts: Split, langs: Vec<String>) -> Vec<Record> {
    let title_in_text = doc.title.is_some();
    let title = match &doc.title {
        Some(t) => crate::split::clean(crate::split::shorten(t, crate::split::MAX_TITLE_BYTES)),
        None => parts.title,
    };
    let date = doc.date.as_deref().and_then(parse_date).or_else(|| find_date(&doc.text));
    let passages = parts.passages.into_iter().zip(langs).enumerate();
    passages
        .map(|(i, (p, lang))| Record {
            id: format!("{}#{}", doc.key, i + 1),
            doc: doc.key.clone(),
            paragraph: i as u64 + 1,
            title: title.clone(),
            section: p.section,
            source: doc.source.clone(),
            date: date.clone(),
            start: p.span.start as u64,
            end: p.span.end as u64,
            lang,
            text: p.text,
            title_in_text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_carry_metadata() {
        let doc = SourceDoc {
            key: "k".into(),
            source: "s".into(),
            text: "Report title\n12 March 2024\n\nThe ministers met in Brussels to discuss the supply of ammunition.".into(),
            ..Default::default()
        };
        let recs = records(&doc, &Detector::new());
        assert_eq!(recs.len(), 2);
        let r = &recs[1];
        assert_eq!((r.id.as_str(), r.paragraph, r.lang.as_str()), ("k#2", 2, "en"));
        assert_eq!(r.title, "Report title");
        assert_eq!(r.date.as_deref(), Some("2024-03-12"));
        assert_eq!(&doc.text[r.start as usize..r.end as usize], r.text);
    }
}
