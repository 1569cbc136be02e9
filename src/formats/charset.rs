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

/// Bytes that are not UTF-8 and declare no encoding, decoded in the guessed one.
pub(crate) fn decode_undeclared(bytes: &[u8]) -> String {
    guess(bytes).decode_without_bom_handling(bytes).0.into_owned()
}

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
}
