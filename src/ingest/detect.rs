//! Language detection per paragraph, steered by the languages its group of documents
//! is written in. Pure functions, no I/O.
//!
//! whatlang on one short paragraph often names a neighbour language (Afrikaans for
//! English, Danish for German). So detection runs in two passes over a group (one
//! document, or a batch of one-paragraph documents): reliable detections first; the
//! languages that hold a real share of the group (or dominate a document) are
//! accepted; every other paragraph is detected again among the accepted languages
//! only, and one too short to detect takes its document's (or the group's) language.

use std::collections::HashMap;

use whatlang::{Detector, Lang};

/// Paragraphs shorter than this many bytes take their document's language.
pub const MIN_DETECT_BYTES: usize = 40;
/// Detection looks at no more than this many bytes of a paragraph.
pub const DETECT_PREFIX_BYTES: usize = 200;
/// A language holding at least this share of a group's detected paragraphs is accepted.
const ACCEPT_SHARE: f64 = 0.05;
/// A language detected in at least this many paragraphs of one document is accepted.
const ACCEPT_IN_DOC: usize = 2;

/// The languages detection chooses among: every language tantivy can stem (they change
/// analysis) and the other major languages of defence reporting. Fewer candidates make
/// whatlang faster and keep short paragraphs from drifting to rare neighbours
/// (Afrikaans for Dutch, Latin or Esperanto for anything).
pub const CANDIDATES: [Lang; 31] = [
    Lang::Ara,
    Lang::Dan,
    Lang::Deu,
    Lang::Ell,
    Lang::Eng,
    Lang::Spa,
    Lang::Fin,
    Lang::Fra,
    Lang::Hun,
    Lang::Ita,
    Lang::Nob,
    Lang::Nld,
    Lang::Por,
    Lang::Ron,
    Lang::Rus,
    Lang::Swe,
    Lang::Tam,
    Lang::Tur,
    Lang::Pol,
    Lang::Ces,
    Lang::Slk,
    Lang::Ukr,
    Lang::Bul,
    Lang::Heb,
    Lang::Pes,
    Lang::Hin,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
    Lang::Vie,
    Lang::Ind,
];

/// A detector over [`CANDIDATES`].
pub fn detector() -> Detector {
    Detector::with_allowlist(CANDIDATES.to_vec())
}

/// ISO 639-1 code (or 639-3 where none exists) of a whatlang language.
pub fn code(lang: Lang) -> String {
    isolang::Language::from_639_3(lang.code()).and_then(|l| l.to_639_1()).unwrap_or(lang.code()).to_string()
}

/// The whatlang language of an ISO 639-1 code.
pub fn lang_of_code(code: &str) -> Option<Lang> {
    let three = isolang::Language::from_639_1(code).map(|l| l.to_639_3()).unwrap_or(code);
    Lang::from_code(three)
}

/// The start of `text`, at most `max` bytes, cut on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn reliable(detector: &Detector, text: &str) -> Option<Lang> {
    if text.len() < MIN_DETECT_BYTES {
        return None;
    }
    let info = detector.detect(prefix(text, DETECT_PREFIX_BYTES))?;
    info.is_reliable().then(|| info.lang())
}

/// Detects the language of one paragraph; `None` when too short or unreliable.
///
/// ```
/// let d = whatlang::Detector::new();
/// let fr = "Les négociations entre les alliés sur l'envoi de troupes en Ukraine sont au point mort.";
/// assert_eq!(briefs::ingest::detect::detect(&d, fr).as_deref(), Some("fr"));
/// assert_eq!(briefs::ingest::detect::detect(&d, "Geneva"), None);
/// ```
pub fn detect(detector: &Detector, text: &str) -> Option<String> {
    reliable(detector, text).map(code)
}

/// Languages of one document's paragraphs (a group of one).
pub fn languages(detector: &Detector, paragraphs: &[&str]) -> Vec<String> {
    assign(detector, &[paragraphs.to_vec()]).remove(0)
}

/// Languages of every paragraph of a group of documents, in the same shape.
pub fn assign(detector: &Detector, docs: &[Vec<&str>]) -> Vec<Vec<String>> {
    let raw: Vec<Vec<Option<Lang>>> =
        docs.iter().map(|paras| paras.iter().map(|p| reliable(detector, p)).collect()).collect();
    let accepted = accepted(&raw);
    let group_dominant = dominant(raw.iter().flatten(), &accepted).or_else(|| guess(detector, docs));
    let restricted = Detector::with_allowlist(accepted.clone());
    let resolve = |paras: &Vec<&str>, found: &Vec<Option<Lang>>| -> Vec<String> {
        let doc_dominant = dominant(found.iter(), &accepted).or(group_dominant);
        let pick = |(text, lang): (&&str, &Option<Lang>)| match lang {
            Some(l) if accepted.contains(l) => *l,
            _ if text.len() >= MIN_DETECT_BYTES && accepted.len() > 1 => restricted
                .detect_lang(prefix(text, DETECT_PREFIX_BYTES))
                .or(doc_dominant)
                .unwrap_or(Lang::Eng),
            _ => doc_dominant.unwrap_or(Lang::Eng),
        };
        paras.iter().zip(found).map(pick).map(code).collect()
    };
    docs.iter().zip(&raw).map(|(paras, found)| resolve(paras, found)).collect()
}

/// The languages that hold a real share of the group or dominate one of its documents.
fn accepted(raw: &[Vec<Option<Lang>>]) -> Vec<Lang> {
    let mut share: HashMap<Lang, usize> = HashMap::new();
    raw.iter().flatten().flatten().for_each(|l| *share.entry(*l).or_default() += 1);
    let total: usize = share.values().sum();
    let mut out: Vec<Lang> =
        share.iter().filter(|(_, n)| **n as f64 >= ACCEPT_SHARE * total as f64).map(|(l, _)| *l).collect();
    for doc in raw {
        let mut counts: HashMap<Lang, usize> = HashMap::new();
        doc.iter().flatten().for_each(|l| *counts.entry(*l).or_default() += 1);
        out.extend(counts.into_iter().filter(|(_, n)| *n >= ACCEPT_IN_DOC).map(|(l, _)| l));
    }
    out.sort_by_key(|l| l.code());
    out.dedup();
    out
}

/// The most frequent accepted language among detections.
fn dominant<'a>(found: impl Iterator<Item = &'a Option<Lang>>, accepted: &[Lang]) -> Option<Lang> {
    let mut counts: HashMap<Lang, usize> = HashMap::new();
    found.flatten().filter(|l| accepted.contains(l)).for_each(|l| *counts.entry(*l).or_default() += 1);
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.code().cmp(a.0.code()))).map(|(l, _)| l)
}

/// whatlang's guess on the group's joined text, reliable or not.
fn guess(detector: &Detector, docs: &[Vec<&str>]) -> Option<Lang> {
    let joined: Vec<&str> = docs.iter().flatten().copied().collect();
    let joined = joined.join(" ");
    detector.detect_lang(prefix(&joined, DETECT_PREFIX_BYTES * 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: &str = "Die Verhandlungen zwischen den Verbündeten über die Entsendung von Truppen sind ins Stocken geraten.";
    const ES: &str = "Las negociaciones entre los aliados sobre el envío de tropas a Ucrania se han estancado por completo.";
    const EN: &str =
        "The negotiations between the allies on sending troops to Ukraine have stalled completely.";

    #[test]
    fn codes_round_trip() {
        assert_eq!(code(Lang::Eng), "en");
        assert_eq!(code(Lang::Deu), "de");
        assert_eq!(lang_of_code("es"), Some(Lang::Spa));
    }

    #[test]
    fn detects_long_paragraphs() {
        let d = Detector::new();
        assert_eq!(detect(&d, DE).as_deref(), Some("de"));
        assert_eq!(detect(&d, ES).as_deref(), Some("es"));
    }

    #[test]
    fn short_paragraphs_take_the_dominant_language() {
        let d = Detector::new();
        assert_eq!(languages(&d, &[DE, "Berlin", DE]), ["de", "de", "de"]);
    }

    #[test]
    fn a_document_of_short_lines_gets_a_guess() {
        let d = detector();
        let short = ["Die Truppen", "Verhandlungen über die Waffenruhe"];
        assert!(short.iter().all(|p| p.len() < MIN_DETECT_BYTES));
        assert_eq!(languages(&d, &short), ["de", "de"]);
    }

    #[test]
    fn rare_languages_in_a_group_are_detected_again_among_the_accepted() {
        let d = Detector::new();
        // A near-Dutch/Afrikaans-looking English sentence among many English ones.
        let odd = "Die Panthers het die bal gevang en toe hardloop hulle vinnig na die ander kant toe.";
        let mut docs: Vec<Vec<&str>> = (0..30).map(|_| vec![EN]).collect();
        docs.extend((0..30).map(|_| vec![DE]));
        docs.push(vec![odd]);
        let langs = assign(&d, &docs);
        assert!(["en", "de"].contains(&langs[60][0].as_str()), "{:?}", langs[60]);
        assert_eq!(langs[0][0], "en");
        assert_eq!(langs[30][0], "de");
    }

    #[test]
    fn a_document_in_its_own_language_keeps_it() {
        let d = Detector::new();
        let mut docs: Vec<Vec<&str>> = (0..80).map(|_| vec![EN]).collect();
        docs.push(vec![ES, ES, ES]);
        let langs = assign(&d, &docs);
        assert_eq!(langs[80], ["es", "es", "es"]);
    }
}
