//! Snowball stemming that does not turn a word into a stop word.
//!
//! A stemmer cuts what looks like a suffix, and a short word that is no word of the
//! language (an acronym) can lose all but a stop word: English `AED` is stemmed `a`,
//! `ONS` `on`, `IEDs` `i`, so that a search for the European Defence Agency's French
//! acronym finds every passage with the article `a`. A word whose stem would be a single
//! letter or a short stop word of its language is kept as it is, on both sides (indexing
//! and queries share the analyser), and so finds only itself.

use std::collections::HashSet;
use std::sync::OnceLock;

use frostem::Algorithm;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// Stems longer than this are never stop words that matter here (`a`, `on`, `its`).
const SHORT_STEM: usize = 3;

/// tantivy's [`Stemmer`](tantivy::tokenizer::Stemmer), but a word whose stem is a single
/// letter or a stop word of at most `SHORT_STEM` letters stays whole.
#[derive(Clone, Copy)]
pub struct GuardedStemmer {
    algorithm: Algorithm,
    stops: &'static HashSet<&'static str>,
}

impl GuardedStemmer {
    /// The stemmer of `language`, guarded by the stop list of its ISO 639-1 `code`.
    pub fn new(language: Language, code: &str) -> GuardedStemmer {
        GuardedStemmer { algorithm: algorithm(language), stops: short_stop_words(code) }
    }

    fn keeps_whole(&self, word: &str, stem: &str) -> bool {
        let letters = stem.chars().count();
        letters < word.chars().count() && (letters == 1 || letters <= SHORT_STEM && self.stops.contains(stem))
    }
}

/// The stop words of `code` of at most [`SHORT_STEM`] letters, built once per language.
fn short_stop_words(code: &str) -> &'static HashSet<&'static str> {
    static LISTS: OnceLock<Vec<(&'static str, HashSet<&'static str>)>> = OnceLock::new();
    static NONE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        super::STEMMED
            .iter()
            .map(|(c, _)| {
                let words = stop_words::lookup(c).unwrap_or(&[]);
                (*c, words.iter().copied().filter(|w| w.chars().count() <= SHORT_STEM).collect())
            })
            .collect()
    });
    match lists.iter().find(|(c, _)| *c == code) {
        Some((_, set)) => set,
        None => NONE.get_or_init(HashSet::new),
    }
}

fn algorithm(language: Language) -> Algorithm {
    match language {
        Language::Arabic => Algorithm::Arabic,
        Language::Danish => Algorithm::Danish,
        Language::Dutch => Algorithm::Dutch,
        Language::English => Algorithm::English,
        Language::Finnish => Algorithm::Finnish,
        Language::French => Algorithm::French,
        Language::German => Algorithm::German,
        Language::Greek => Algorithm::Greek,
        Language::Hungarian => Algorithm::Hungarian,
        Language::Italian => Algorithm::Italian,
        Language::Norwegian => Algorithm::Norwegian,
        Language::Portuguese => Algorithm::Portuguese,
        Language::Romanian => Algorithm::Romanian,
        Language::Russian => Algorithm::Russian,
        Language::Spanish => Algorithm::Spanish,
        Language::Swedish => Algorithm::Swedish,
        Language::Tamil => Algorithm::Tamil,
        Language::Turkish => Algorithm::Turkish,
    }
}

impl TokenFilter for GuardedStemmer {
    type Tokenizer<T: Tokenizer> = GuardedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GuardedStemmerFilter<T> {
        GuardedStemmerFilter { guard: self, inner: tokenizer, stems: Stems::default() }
    }
}

/// The stems an analyser has made, by word: words repeat (Zipf), and a look-up costs a
/// fraction of a Snowball run.
type Stems = super::memo::Memo;

/// The tokenizer [`GuardedStemmer`] wraps, with the stems it has made.
#[derive(Clone)]
pub struct GuardedStemmerFilter<T> {
    guard: GuardedStemmer,
    inner: T,
    stems: Stems,
}

impl<T: Tokenizer> Tokenizer for GuardedStemmerFilter<T> {
    type TokenStream<'a> = GuardedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let stemmer = frostem::Stemmer::new(self.guard.algorithm);
        GuardedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer,
            guard: self.guard,
            stems: &mut self.stems,
        }
    }
}

/// The token stream of [`GuardedStemmerFilter`].
pub struct GuardedStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    guard: GuardedStemmer,
    stems: &'a mut Stems,
}

impl<T: TokenStream> GuardedStemmerStream<'_, T> {
    /// The stem `word` is indexed and searched as.
    fn stem(&mut self, word: &str) -> String {
        let stem = self.stemmer.stem(word).into_owned();
        match self.guard.keeps_whole(word, &stem) {
            true => word.to_string(),
            false => stem,
        }
    }
}

impl<T: TokenStream> TokenStream for GuardedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if let Some(stem) = self.stems.get(text) {
            if stem != text.as_str() {
                text.clear();
                text.push_str(stem);
            }
            return true;
        }
        let word = &self.tail.token().text;
        let word = word.clone();
        let stem = self.stem(&word);
        self.stems.put(&word, &stem);
        self.tail.token_mut().text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn stems(language: Language, code: &str, text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(GuardedStemmer::new(language, code))
            .build();
        crate::analysis::tokens(&mut analyzer, text)
    }

    #[test]
    fn acronyms_do_not_become_stop_words() {
        assert_eq!(stems(Language::English, "en", "AED ONS IEDs"), ["aed", "ons", "ieds"]);
    }

    #[test]
    fn words_stem_as_before() {
        assert_eq!(stems(Language::English, "en", "troops crossed defences"), ["troop", "cross", "defenc"]);
        assert_eq!(stems(Language::French, "fr", "frégates"), ["frégat"]);
    }
}
