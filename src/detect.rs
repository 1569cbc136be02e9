//! Language detection per paragraph, with the document's dominant language as fallback.
//! Pure functions, no I/O.

use std::collections::HashMap;

use whatlang::Detector;

/// Paragraphs shorter than this many bytes take their document's language.
pub const MIN_DETECT_BYTES: usize = 40;
/// Detection looks at no more than this many bytes of a paragraph.
pub const DETECT_PREFIX_BYTES: usize = 400;

/// ISO 639-1 code (or 639-3 where none exists) of a whatlang language.
pub fn code(lang: whatlang::Lang) -> String {
    isolang::Language::from_639_3(lang.code()).and_then(|l| l.to_639_1()).unwrap_or(lang.code()).to_string()
}

/// The start of `text`, at most `max` bytes, cut on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the language of one paragraph; `None` when too short or unreliable.
///
/// ```
/// let d = whatlang::Detector::new();
/// let fr = "Les négociations entre les alliés sur l'envoi de troupes en Ukraine sont au point mort.";
/// assert_eq!(briefs::detect::detect(&d, fr).as_deref(), Some("fr"));
/// assert_eq!(briefs::detect::detect(&d, "Geneva"), None);
/// ```
pub fn detect(detector: &Detector, text: &str) -> Option<String> {
    if text.len() < MIN_DETECT_BYTES {
        return None;
    }
    let info = detector.detect(prefix(text, DETECT_PREFIX_BYTES))?;
    info.is_reliable().then(|| code(info.lang()))
}

/// Languages of a document's paragraphs: each detected one, the rest filled with the
/// dominant language (the one covering most bytes among reliable detections, else
/// whatlang's best guess on the whole text, else English).
pub fn languages(detector: &Detector, paragraphs: &[&str]) -> Vec<String> {
    let found: Vec<Option<String>> = paragraphs.iter().map(|p| detect(detector, p)).collect();
    let dominant = dominant(&found, paragraphs).unwrap_or_else(|| guess(detector, paragraphs));
    found.into_iter().map(|l| l.unwrap_or_else(|| dominant.clone())).collect()
}

/// The language covering the most bytes among the detected paragraphs.
fn dominant(found: &[Option<String>], paragraphs: &[&str]) -> Option<String> {
    let mut weight: HashMap<&str, usize> = HashMap::new();
    for (lang, text) in found.iter().zip(paragraphs) {
        if let Some(lang) = lang {
            *weight.entry(lang).or_default() += text.len();
        }
    }
    let best = weight.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
    best.map(|(lang, _)| lang.to_string())
}

/// whatlang's guess on the joined text, reliable or not; English when there is none.
fn guess(detector: &Detector, paragraphs: &[&str]) -> String {
    let joined = paragraphs.join(" ");
    detector
        .detect_lang(prefix(&joined, DETECT_PREFIX_BYTES * 4))
        .map(code)
        .unwrap_or_else(|| "en".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: &str = "Die Verhandlungen zwischen den Verbündeten über die Entsendung von Truppen sind ins Stocken geraten.";
    const ES: &str = "Las negociaciones entre los aliados sobre el envío de tropas a Ucrania se han estancado por completo.";

    #[test]
    fn codes_are_two_letters() {
        assert_eq!(code(whatlang::Lang::Eng), "en");
        assert_eq!(code(whatlang::Lang::Deu), "de");
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
        let langs = languages(&d, &[DE, "Berlin", DE]);
        assert_eq!(langs, ["de", "de", "de"]);
    }

    #[test]
    fn a_document_of_short_lines_gets_a_guess() {
        let d = Detector::new();
        let langs = languages(&d, &["Truppen", "Verhandlungen"]);
        assert_eq!(langs.len(), 2);
        assert_eq!(langs[0], langs[1]);
    }
}
