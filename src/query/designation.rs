//! A designation written in the other script: Russian and Ukrainian briefs write
//! `С-300`, `Су-35`, `МиГ-29` and `Х-101` where English, French or German ones write
//! `S-300`, `Su-35`, `MiG-29` and `Kh-101`; neither finds the other by its letters.
//!
//! Only a designation is carried across: at most [`MAX_LETTERS`] letters of one script,
//! the first a capital, then digits (after a hyphen or not), then letters and digits.
//! A word is never transliterated: `Buk` is a designation only as `Buk-M2`.

use crate::analysis::{designation_mark, MAX_DESIGNATION_LETTERS as MAX_LETTERS};

/// The Cyrillic letter of a Latin spelling at the start of `lower` (`kh` before `k`),
/// and the spelling's length.
fn cyrillic_of(lower: &str) -> Option<(char, usize)> {
    const DIGRAPHS: [(&str, char); 7] =
        [("kh", 'х'), ("zh", 'ж'), ("ch", 'ч'), ("sh", 'ш'), ("ts", 'ц'), ("ya", 'я'), ("yu", 'ю')];
    if let Some((latin, c)) = DIGRAPHS.iter().find(|(l, _)| lower.starts_with(l)) {
        return Some((*c, latin.len()));
    }
    const LETTERS: &str = "абцдефгхийклмнопкрстуввхйз";
    let first = lower.chars().next().filter(char::is_ascii_lowercase)?;
    let c = LETTERS.chars().nth(usize::from(first as u8 - b'a'))?;
    Some((c, 1))
}

/// The designation `word` in the other script, with a hyphen before its number and
/// without (`С-300` → `S-300`, `S300`; `MiG-29` → `МиГ-29`, `МиГ29`), and in the other
/// Latin spelling of `Х` (`Kh-101` ↔ `X-101`, both written for Russian `Х-101`); empty
/// when `word` is no designation.
pub(crate) fn in_other_script(word: &str) -> Vec<String> {
    let Some((letters, rest)) = split(word) else { return Vec::new() };
    let cyrillic = letters.chars().all(is_cyrillic);
    let convert = |s: &str| match cyrillic {
        true => to_latin(s),
        false => to_cyrillic(s),
    };
    let (Some(prefix), Some(converted)) = (convert(letters), convert(rest)) else { return Vec::new() };
    let mut out = vec![format!("{prefix}-{converted}"), format!("{prefix}{converted}")];
    let latin = if cyrillic { prefix.as_str() } else { letters };
    out.extend(other_x(latin).map(|x| format!("{x}-{rest}")));
    out
}

/// The other Latin spelling of a prefix that is Russian `Х`: `Kh` ↔ `X`.
fn other_x(prefix: &str) -> Option<&'static str> {
    match prefix {
        "Kh" | "KH" | "kh" => Some("X"),
        "X" | "x" => Some("Kh"),
        _ => None,
    }
}

/// The mark of the designation `word` in the capitals field (see
/// [`designation_mark`]): `S-300`, `S300` and `С-300` are `#s300`; `None` for a word
/// that is no designation, and for letters that are a stop word of some language
/// (`On 24`, `Su 35`), which indexing does not mark when a space parts them from their
/// number: such a query is not filtered.
pub(crate) fn mark(word: &str) -> Option<String> {
    let (letters, rest) = split(word)?;
    let word_like =
        letters.chars().count() > 1 && crate::analysis::is_stop_word_in(letters, crate::analysis::OTHER);
    (!word_like).then(|| designation_mark(letters, rest)).flatten()
}

/// The singular of a designation's English plural: `F-16s` → `F-16`, `S400s` → `S400`.
pub(crate) fn singular(word: &str) -> Option<&str> {
    let singular = word.strip_suffix('s')?;
    let bare = singular.ends_with(|c: char| c.is_ascii_digit()) && split(singular).is_some();
    bare.then_some(singular)
}

/// The number of a designation with none of its own letters after it (`T-90` → `90`,
/// `S300` → `300`), which then also names the variants that add letters (`T-90M`,
/// `F-16s`, `С-300В4`).
pub(crate) fn bare_number(word: &str) -> Option<&str> {
    split(word).map(|(_, rest)| rest).filter(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// A designation's prefix letters and what follows its hyphen: `Т-90М` → (`Т`, `90М`).
/// The prefix is capitalised, or followed by a hyphen (`s-300`, `su-35`).
fn split(word: &str) -> Option<(&str, &str)> {
    let end = word.find(|c: char| !c.is_alphabetic())?;
    let (letters, rest) = word.split_at(end);
    let hyphen = rest.starts_with('-');
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let count = letters.chars().count();
    let one_script = letters.chars().all(is_cyrillic) || letters.chars().all(|c| c.is_ascii_alphabetic());
    let designation = (1..=MAX_LETTERS).contains(&count)
        && (hyphen || letters.chars().next().is_some_and(char::is_uppercase))
        && one_script
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_alphanumeric() || c == '-');
    designation.then_some((letters, rest))
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// `text` with its Cyrillic letters in Latin, each capital's spelling capitalised (`Х`
/// is `Kh`), or all in capitals within a run of capitals (`БТР` is `BTR`).
fn to_latin(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        if !is_cyrillic(c) {
            out.push(c);
            continue;
        }
        let latin = crate::aliases::cyrillic_in_latin(c.to_lowercase().next()?, false)?;
        let run_of_capitals = c.is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        match (c.is_uppercase(), run_of_capitals) {
            (true, true) => out.push_str(&latin.to_uppercase()),
            (true, false) => out.extend(capitalised(latin)),
            _ => out.push_str(latin),
        }
    }
    Some(out)
}

fn capitalised(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
}

/// `text` with its Latin letters in Cyrillic (`MiG` is `МиГ`, `Kh` is `Х`); a capital
/// starts a capital.
fn to_cyrillic(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !c.is_ascii_alphabetic() {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (cyrillic, len) = cyrillic_of(&rest.to_ascii_lowercase())?;
        match c.is_uppercase() {
            true => out.extend(cyrillic.to_uppercase()),
            false => out.push(cyrillic),
        }
        rest = &rest[len..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_designation_crosses_scripts_both_ways() {
        assert_eq!(in_other_script("С-300"), ["S-300", "S300"]);
        assert_eq!(in_other_script("S-400"), ["С-400", "С400"]);
        assert_eq!(in_other_script("Су-35"), ["Su-35", "Su35"]);
        assert_eq!(in_other_script("MiG-29"), ["МиГ-29", "МиГ29"]);
        assert_eq!(in_other_script("Х-101"), ["Kh-101", "Kh101", "X-101"]);
        assert_eq!(in_other_script("Kh-101"), ["Х-101", "Х101", "X-101"]);
        assert_eq!(in_other_script("X-101"), ["Х-101", "Х101", "Kh-101"]);
        assert_eq!(in_other_script("s-300"), ["с-300", "с300"]);
        assert_eq!(in_other_script("Т-90М"), ["T-90M", "T90M"]);
        assert_eq!(in_other_script("T90M"), ["Т-90М", "Т90М"]);
        assert_eq!(in_other_script("БТР-82А"), ["BTR-82A", "BTR82A"]);
        assert_eq!(in_other_script("Yak-130"), ["Як-130", "Як130"]);
    }

    #[test]
    fn a_plural_has_its_singular() {
        assert_eq!(singular("F-16s"), Some("F-16"));
        assert_eq!(singular("S400s"), Some("S400"));
        assert_eq!(singular("T-90M"), None);
        assert_eq!(singular("Patriots"), None);
    }

    #[test]
    fn a_bare_number_names_its_lettered_variants() {
        assert_eq!(bare_number("T-90"), Some("90"));
        assert_eq!(bare_number("S300"), Some("300"));
        assert_eq!(bare_number("T-90M"), None);
        assert_eq!(bare_number("Kyiv"), None);
    }

    #[test]
    fn words_and_numbers_stay_as_they_are() {
        for word in ["Kyiv", "300", "s300", "Bakhmut-2024", "Buk", "COVID-19", "S-", "SМ-3"] {
            assert!(in_other_script(word).is_empty(), "{word}");
        }
    }
}
