//! A passage's designations, marked in the capitals field ([`super::CAPITALS`]), so that
//! a query for `S-300` finds the passages that write a designation and not every `s`
//! before a `300`.
//!
//! The text fields cut `S-300` into `s` and `300`, which is also how they hold
//! `U.S. 300 million`, `It's 300m` and, for `A-50`, `a 50 km`. The mark is the
//! designation's letters, in Latin and lower case, and its number's leading digits:
//! `S-300`, `S300`, `S 300`, `С-300` and `S-300PMU` are all `#s300`, `Х-101`, `Kh-101`
//! and `X-101` are all `#x101`. A query word that is a designation keeps its text query
//! and adds its marks as a filter (see `query::capitals`).
//!
//! Marked: letters then digits in one word (`S300`, `F16s`), letters, a hyphen and a
//! number (`S-300`, `Т-90М`), and capitalised letters, a space and a number of at most
//! three digits when the letters are no word (`S 300`, `T 90M`; not `A 50 km`, `UN 300`,
//! `In 45 days`). Never letters after a full stop or an apostrophe (`U.S-300`, `IT'S 300`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::words::{WordStream, WordTokenizer};

/// Starts a designation's mark in the capitals field.
pub const DESIGNATION: char = '#';

/// Letters a designation's prefix has at most (`S`, `Su`, `MiG`, `БТР`).
pub const MAX_LETTERS: usize = 3;

/// The hyphens a designation is written with: ASCII's, Unicode's and the non-breaking
/// one, and the dashes typed in their place.
pub const HYPHENS: [char; 5] = ['-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}'];

/// Digits the number of a designation written after a space has at most: `May 2024` is
/// a date.
const MAX_SPACED_DIGITS: usize = 3;

/// The mark of a designation of prefix `letters` (of one script) and a number that
/// starts with `number`'s digits; `None` when either is not one.
///
/// ```
/// use briefs::analysis::designation_mark;
/// assert_eq!(designation_mark("S", "300PMU").as_deref(), Some("#s300"));
/// assert_eq!(designation_mark("С", "300").as_deref(), Some("#s300"));
/// assert_eq!(designation_mark("Х", "101").as_deref(), Some("#x101"));
/// assert_eq!(designation_mark("Kh", "101").as_deref(), Some("#x101"));
/// assert_eq!(designation_mark("МиГ", "29").as_deref(), Some("#mig29"));
/// assert_eq!(designation_mark("Buk", "M2"), None);
/// ```
pub fn designation_mark(letters: &str, number: &str) -> Option<String> {
    let digits = &number[..number.find(|c: char| !c.is_ascii_digit()).unwrap_or(number.len())];
    if digits.is_empty() || !is_prefix(letters) {
        return None;
    }
    let mut latin = String::with_capacity(letters.len() + digits.len() + 2);
    latin.push(DESIGNATION);
    for c in letters.chars().flat_map(char::to_lowercase) {
        match c.is_ascii_alphabetic() {
            true => latin.push(c),
            false => latin.push_str(crate::aliases::cyrillic_in_latin(c, false)?),
        }
    }
    // `Х` is written `Kh` and `X`.
    if latin == "#kh" {
        latin = "#x".to_string();
    }
    latin.push_str(digits);
    Some(latin)
}

/// Whether `letters` can be a designation's prefix: one to [`MAX_LETTERS`] letters, all
/// Latin or all Cyrillic.
fn is_prefix(letters: &str) -> bool {
    let count = letters.chars().count();
    let latin = letters.chars().all(|c| c.is_ascii_alphabetic());
    let cyrillic = letters.chars().all(|c| matches!(c, '\u{0400}'..='\u{04FF}') && c.is_alphabetic());
    (1..=MAX_LETTERS).contains(&count) && (latin || cyrillic)
}

/// The mark of the designation that the word `word` starts, `before` and `after` being
/// the text around it.
fn mark_at(before: &str, word: &str, after: &str) -> Option<String> {
    if before.ends_with(['.', '\'', '\u{2019}', '\u{02BC}']) {
        return None;
    }
    if let Some(digit) = word.find(|c: char| c.is_ascii_digit()) {
        return designation_mark(&word[..digit], &word[digit..]);
    }
    if !is_prefix(word) {
        return None;
    }
    if let Some(number) = after.strip_prefix(HYPHENS) {
        return designation_mark(word, number);
    }
    let number = after.strip_prefix([' ', '\u{00A0}'])?;
    let digits = number.find(|c: char| !c.is_ascii_digit()).unwrap_or(number.len());
    let spaced = (1..=MAX_SPACED_DIGITS).contains(&digits) && !is_word_before_a_number(word);
    spaced.then(|| designation_mark(word, number)).flatten()
}

/// Whether letters before a spaced number are more likely a word than a designation's
/// letters: not capitalised, a vowel alone (`A 50 km`), or two letters or more that are
/// a stop word of some language (`In 45 days`, `UN 300`). A consonant alone is
/// a designation's (`S 300`, `T 90`), though stop lists hold `s` and `t` for `it's`.
fn is_word_before_a_number(word: &str) -> bool {
    let mut chars = word.chars();
    let (first, second) = (chars.next(), chars.next());
    let capitalised = first.is_some_and(char::is_uppercase);
    match second {
        None => !capitalised || first.is_some_and(|c| "AEIOUYАЕИОУЯЮЭЫІЇЄ".contains(c)),
        Some(_) => !capitalised || super::is_stop_word_in(word, super::OTHER),
    }
}

/// The capitals field's mark of a text written in one case only (see [`UNCASED_WORDS`]).
pub const UNCASED: &str = "#uncased";

/// Words a text written all in lower case or all in capitals needs for [`UNCASED`]: a
/// chat log (`sirens again in kyiv`) or a telex (`В ХАРЬКОВЕ`) tells no name by its
/// capital, and a heading in capitals (`KYIV UNDER ATTACK`) is too short to count.
const UNCASED_WORDS: usize = 8;

/// Whether `text` has [`UNCASED_WORDS`] words and its letters are all of one case.
fn is_uncased(text: &str) -> bool {
    let (mut upper, mut lower) = (false, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
        if upper && lower {
            return false;
        }
    }
    (upper || lower) && text.split_whitespace().nth(UNCASED_WORDS - 1).is_some()
}

/// The tokenizer of the capitals field: every word (for the capitals filter), after
/// each word that starts a designation its mark, and at the end [`UNCASED`] for a text
/// in one case.
#[derive(Clone, Default)]
pub(crate) struct MarkingTokenizer {
    words: WordTokenizer,
}

/// The token stream of [`MarkingTokenizer`].
pub(crate) struct MarkingStream<'a> {
    text: &'a str,
    words: WordStream<'a>,
    mark: Option<String>,
    /// Whether the text's end was reached (and its [`UNCASED`] mark given, if any).
    ended: bool,
}

impl Tokenizer for MarkingTokenizer {
    type TokenStream<'a> = MarkingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MarkingStream<'a> {
        MarkingStream { text, words: self.words.token_stream(text), mark: None, ended: false }
    }
}

impl TokenStream for MarkingStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(mark) = self.mark.take() {
            self.words.token_mut().text = mark;
            return true;
        }
        if !self.words.advance() {
            if self.ended || !is_uncased(self.text) {
                return false;
            }
            self.ended = true;
            self.words.token_mut().text = UNCASED.to_string();
            return true;
        }
        let token = self.words.token();
        let (from, to) = (token.offset_from, token.offset_to);
        self.mark = mark_at(&self.text[..from], &token.text, &self.text[to..]);
        true
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<String> {
        let mut tokenizer = MarkingTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            if stream.token().text.starts_with(DESIGNATION) {
                out.push(stream.token().text.clone());
            }
        }
        out
    }

    #[test]
    fn every_spelling_of_a_designation_has_one_mark() {
        for text in
            ["an S-300 battery", "the S300 system", "two S 300 batteries", "комплекс С-300", "S-300PMU2"]
        {
            assert_eq!(marks(text), ["#s300"], "{text}");
        }
        assert_eq!(marks("Х-101, Kh-101 or X-101"), ["#x101", "#x101", "#x101"]);
        assert_eq!(marks("МиГ-29 and Su-35 and T 90M"), ["#mig29", "#su35", "#t90"]);
        assert_eq!(marks("S\u{2011}300 and S\u{2013}400"), ["#s300", "#s400"]);
        assert_eq!(marks("sirens again in kyiv, nato jets scrambled over poland"), [UNCASED]);
        assert_eq!(marks("В ХАРЬКОВЕ ПРОГРЕМЕЛИ ВЗРЫВЫ, СООБЩИЛ ГЛАВА ОБЛАСТИ СИНЕГУБОВ"), [UNCASED]);
        assert!(marks("KYIV UNDER MASSIVE MISSILE ATTACK").is_empty());
        assert!(marks("Sirens again in Kyiv, NATO jets scrambled over Poland").is_empty());
    }

    #[test]
    fn words_before_numbers_are_no_designations() {
        for text in [
            "The U.S. 300 million package",
            "It's 300m long",
            "IT'S 300 METRES",
            "A 50 km zone",
            "UN 300 troops",
            "In 45 days",
            "May 2024",
            "Bakhmut-2024",
            "COVID-19",
        ] {
            assert!(marks(text).is_empty(), "{text}: {:?}", marks(text));
        }
    }

    #[test]
    fn every_word_is_still_a_token() {
        let mut tokenizer = MarkingTokenizer::default();
        let mut stream = tokenizer.token_stream("an S-300 here");
        let mut all = Vec::new();
        while stream.advance() {
            all.push(stream.token().text.clone());
        }
        assert_eq!(all, ["an", "S", "#s300", "300", "here"]);
    }
}
