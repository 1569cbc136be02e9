//! Text in a legacy single- or double-byte encoding, read without a declaration:
//! Mozilla's detector (`chardetng`, as Firefox uses it for unlabelled pages) picks the
//! encoding from the bytes, so that a Windows-1251 Russian file is Cyrillic, not
//! Windows-1252 letters.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// The bytes the detector reads: enough for its statistics, bounded for huge files.
const SAMPLE_BYTES: usize = 256 * 1024;

/// The encoding of bytes that are not UTF-8 and declare none.
pub(crate) fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
}

/// Bytes that are not UTF-8 and declare no encoding: UTF-8 still when its valid letters
/// beyond ASCII far outnumber its invalid bytes (a stray byte in UTF-8 text, a pasted
/// quote or a list's footer, stays one replacement character, not a reason to read
/// `réunion` as `rÃ©union`), else decoded in the guessed legacy encoding. Windows-1251
/// text holds a few valid UTF-8 pairs by chance (`Мі` is the bytes of U+0333) among
/// many invalid bytes, and is legacy.
pub(crate) fn decode_undeclared(bytes: &[u8]) -> String {
    let lossy = String::from_utf8_lossy(bytes);
    let invalid = lossy.chars().filter(|c| *c == char::REPLACEMENT_CHARACTER).count();
    let valid = lossy.chars().filter(|c| !c.is_ascii() && *c != char::REPLACEMENT_CHARACTER).count();
    if valid > 0 && invalid <= (valid / STRAY_PER_VALID).max(1) {
        return lossy.into_owned();
    }
    guess(bytes).decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-8 text may hold one stray byte per this many valid letters beyond ASCII.
const STRAY_PER_VALID: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_western_legacy_text_is_told_apart() {
        let russian = "Министерство обороны сообщило о переброске войск к границе.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        assert_eq!(decode_undeclared(&bytes), russian);
        let french = "Réunion de défense à Genève : les ministres étaient présents.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        assert_eq!(decode_undeclared(&bytes), french);
        let german = "Die Bundeswehr übt in Süddeutschland mit größeren Verbänden.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(german);
        assert_eq!(decode_undeclared(&bytes), german);
    }

    #[test]
    fn windows_1251_ukrainian_is_not_taken_for_utf8() {
        for text in [
            "Президент України провів нараду з командуванням армії щодо оборони.",
            "Міністерство оборони України повідомило про збиття ворожих безпілотників над Києвом.",
        ] {
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
            assert_eq!(decode_undeclared(&bytes), text);
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        for text in ["La réunion de défense a eu lieu.", "Министерство обороны сообщило."]
        {
            let mut bytes = text.as_bytes().to_vec();
            bytes.push(0x96);
            assert_eq!(decode_undeclared(&bytes), format!("{text}\u{FFFD}"));
        }
    }
}
