//! Preparation: a source document becomes passage records (split, date, detect), in
//! parallel batches on every core.

use whatlang::Detector;

use super::date::{find_date, parse_date};
use super::detect::assign;
use super::read::SourceDoc;
use super::split::{split, Split};
use crate::record::Record;

/// Splits documents and detects their passages' languages, the documents forming one
/// detection group (see [`super::detect::assign`]).
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
/// let doc = briefs::ingest::SourceDoc { key: "a.txt".into(), text: "Title\n\nBody text.".into(), ..Default::default() };
/// let recs = briefs::ingest::prepare::records(&doc, &whatlang::Detector::new());
/// assert_eq!(recs[0].id, "a.txt#1");
/// ```
pub fn records(doc: &SourceDoc, detector: &Detector) -> Vec<Record> {
    records_group(std::slice::from_ref(doc), detector).remove(0)
}

/// The records of one split document with its passages' languages.
fn build(doc: &SourceDoc, parts: Split, langs: Vec<String>) -> Vec<Record> {
    let title_in_text = doc.title.is_some();
    let title = match &doc.title {
        Some(t) => super::split::clean(super::split::shorten(t, super::split::MAX_TITLE_BYTES)),
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
            file: String::new(),
            line: doc.line,
        })
        .collect()
}

/// Splits and detects a batch of documents on all cores, keeping their order.
/// With `grouped`, each thread's share is one detection group (documents of one JSON
/// file); otherwise every document is its own group (separate text files).
pub(crate) fn prepare_parallel(docs: &[SourceDoc], grouped: bool) -> Vec<Vec<Record>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let detector = super::detect::detector();
                    if grouped {
                        records_group(part, &detector)
                    } else {
                        part.iter().map(|d| records(d, &detector)).collect()
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("prepare thread")).collect()
    })
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

    #[test]
    fn parallel_preparation_keeps_order() {
        let docs: Vec<SourceDoc> = (0..9)
            .map(|i| SourceDoc {
                key: format!("d{i}"),
                text: format!("Passage number {i}."),
                ..Default::default()
            })
            .collect();
        let out = prepare_parallel(&docs, true);
        let keys: Vec<_> = out.iter().map(|r| r[0].doc.clone()).collect();
        assert_eq!(keys, docs.iter().map(|d| d.key.clone()).collect::<Vec<_>>());
    }
}
