//! Cutting text into words: tantivy's `SimpleTokenizer`, but a Ukrainian or Belarusian
//! word written with an apostrophe is one word.
//!
//! Ukrainian writes an apostrophe inside words (`Слов'янськ`, `п'ять`, `пам'ять`) as
//! `'` (U+0027), `’` (U+2019) or `ʼ` (U+02BC, the one its orthography prescribes).
//! Unicode calls the last a letter and the others punctuation, so the same word was one
//! token in one brief and two in another, and neither found the other. Between two
//! Cyrillic letters each is part of the word and left out of its token: all three
//! spellings are `словянськ`. Elsewhere an apostrophe cuts as before (`NATO's`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Words of letters and digits; see the module's doc.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset of the first character not read yet.
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream { text, at: 0, token: &mut self.token }
    }
}

fn is_apostrophe(c: char) -> bool {
    // Also the ones typed in its place: a backtick, a left quote.
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}')
}

/// The length of the ASCII letters and digits `bytes` starts with: most of a word in
/// most briefs, read a byte at a time without decoding.
fn ascii_word_run(bytes: &[u8]) -> usize {
    bytes.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len())
}

/// The length of the ASCII bytes that are no letter or digit `bytes` starts with: the
/// spaces and punctuation between words.
fn ascii_gap(bytes: &[u8]) -> usize {
    bytes.iter().position(|b| !b.is_ascii() || b.is_ascii_alphanumeric()).unwrap_or(bytes.len())
}

fn is_cyrillic_letter(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c) && c.is_alphabetic()
}

impl WordStream<'_> {
    /// The character at byte `at`, if any. ASCII, most of most briefs, is read without
    /// decoding.
    fn char_at(&self, at: usize) -> Option<char> {
        match self.text.as_bytes().get(at) {
            Some(b) if b.is_ascii() => Some(*b as char),
            Some(_) => self.text[at..].chars().next(),
            None => None,
        }
    }

    /// Whether the apostrophe at byte `at` joins two Cyrillic letters.
    fn joins(&self, at: usize, apostrophe: char, before: char) -> bool {
        let after = self.char_at(at + apostrophe.len_utf8());
        is_cyrillic_letter(before) && after.is_some_and(is_cyrillic_letter)
    }

    /// The end of the word that starts with `first` at `start`, and whether an apostrophe
    /// inside it joins two of its letters.
    fn word_end(&self, start: usize, first: char) -> (usize, bool) {
        let (mut end, mut last, mut joined) = (start + first.len_utf8(), first, false);
        loop {
            let run = ascii_word_run(&self.text.as_bytes()[end..]);
            if run > 0 {
                // No ASCII letter is Cyrillic: which one ended the run does not matter.
                (end, last) = (end + run, 'a');
            }
            let Some(c) = self.char_at(end) else { break };
            let joining = is_apostrophe(c) && self.joins(end, c, last);
            if !joining && !c.is_alphanumeric() {
                break;
            }
            joined |= joining;
            (end, last) = (end + c.len_utf8(), c);
        }
        (end, joined)
    }

    /// Reads the word that starts with `first` at `start` into the token, without the
    /// apostrophes that join its letters.
    fn read_word(&mut self, start: usize, first: char) {
        let (end, joined) = self.word_end(start, first);
        let word = &self.text[start..end];
        match joined {
            true => self.token.text.extend(word.chars().filter(|c| !is_apostrophe(*c))),
            false => self.token.text.push_str(word),
        }
        if let Some(one) = super::scripts::one_script(&self.token.text) {
            self.token.text = one;
        }
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.at = end;
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        self.at += ascii_gap(&self.text.as_bytes()[self.at..]);
        while let Some(c) = self.char_at(self.at) {
            if c.is_alphanumeric() {
                self.read_word(self.at, c);
                return true;
            }
            self.at += c.len_utf8();
            self.at += ascii_gap(&self.text.as_bytes()[self.at..]);
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TextAnalyzer;

    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize)> {
        let mut analyzer = TextAnalyzer::from(WordTokenizer::default());
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn an_apostrophe_inside_a_cyrillic_word_is_part_of_it() {
        for text in
            ["Слов'янськ", "Слов\u{2019}янськ", "Слов\u{02BC}янськ", "Слов`янськ", "Слов\u{2018}янськ"]
        {
            let found = words(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, "Словянськ");
            assert_eq!((found[0].1, found[0].2), (0, text.len()));
        }
    }

    #[test]
    fn without_apostrophes_the_words_are_tantivys() {
        let text = "Kyiv, 9 квітня (Reuters) — Зеленський: «F-16» über Straße…  日本 l'OTAN ½ x²\u{0301}é";
        let mut simple = TextAnalyzer::from(tantivy::tokenizer::SimpleTokenizer::default());
        let mut stream = simple.token_stream(text);
        let mut expected = Vec::new();
        while let Some(t) = stream.next() {
            expected.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        assert_eq!(words(text), expected);
    }

    proptest::proptest! {
        #[test]
        fn without_apostrophes_any_text_cuts_as_tantivy_cuts_in_one_script(
            text in "[a-zA-Z0-9 ,.;:()\\-–«»é日½²\u{0301}ЖжЇї]{0,40}"
        ) {
            let mut simple = TextAnalyzer::from(tantivy::tokenizer::SimpleTokenizer::default());
            let mut stream = simple.token_stream(&text);
            let mut expected = Vec::new();
            while let Some(t) = stream.next() {
                // A word typed in two scripts is written in one (see `scripts`).
                let one = crate::analysis::one_script(&t.text).unwrap_or_else(|| t.text.clone());
                expected.push((one, t.offset_from, t.offset_to));
            }
            proptest::prop_assert_eq!(words(&text), expected);
        }
    }

    #[test]
    fn other_apostrophes_cut_as_before() {
        let texts: Vec<String> = words("NATO's 'Київ' Kyiv'Київ").into_iter().map(|w| w.0).collect();
        assert_eq!(texts, ["NATO", "s", "Київ", "Kyiv", "Київ"]);
    }
}
