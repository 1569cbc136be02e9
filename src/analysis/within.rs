//! Country names inside other countries' names: `Sudan` in `South Sudan`, `Guinea` in
//! `Guinea-Bissau` and `Papua New Guinea`. The capitals field
//! marks such a word by the entity of the longer name around it, so that a search for
//! `Sudan` can leave out the passages that name only South Sudan (see
//! `query::build`). Only a country's own (first) name is told apart so: a search for
//! `Gaza` wants the `Gaza Strip`, one for `Kerch` the `Kerch Strait`, one for `Congo`
//! both Congos.

use std::collections::HashMap;
use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::{entity_mark, CAPITALISED};
use crate::aliases::{fold_key, Aliases};

/// A longer name that holds a shorter country name as one of its words.
#[derive(Debug)]
struct Longer {
    /// The mark of the longer name's entity.
    mark: String,
    /// The longer name's words, folded (see [`fold_key`]).
    words: Vec<String>,
    /// Which of them the name writes capitalised (`South`, not `du`).
    capitalised: Vec<bool>,
    /// Where the shorter name stands among them.
    at: usize,
}

/// The longer names around each country's one-word names, by the country's mark.
fn longer_names() -> &'static HashMap<String, Vec<Longer>> {
    static BUILT: OnceLock<HashMap<String, Vec<Longer>>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let aliases = Aliases::builtin();
        let mut out: HashMap<String, Vec<Longer>> = HashMap::new();
        for longer in aliases.entities().filter(|e| e.id.starts_with(COUNTRY)) {
            for name in longer.names.iter() {
                let words: Vec<String> = fold_key(name).split(' ').map(str::to_string).collect();
                let capitalised = capitals_of(name, words.len());
                for (at, word) in words.iter().enumerate().filter(|_| words.len() > 1) {
                    let Some(short) = aliases.lookup(word).filter(|s| is_country_named(s)) else {
                        continue;
                    };
                    if short.id != longer.id {
                        let entry = out.entry(entity_mark(&short.id)).or_default();
                        let (words, capitalised) = (words.clone(), capitalised.clone());
                        entry.push(Longer { mark: entity_mark(&longer.id), words, capitalised, at });
                    }
                }
            }
        }
        out
    })
}

/// Whether the entity is a country whose own name, the first of its names, is one word:
/// `Sudan`, `Guinea`. The Republic of the Congo's is `Congo - Brazzaville`: `Congo`, among
/// its other names, is as often said of the DR Congo, and names both.
fn is_country_named(entity: &crate::aliases::Entity) -> bool {
    entity.id.starts_with(COUNTRY) && entity.names.first().is_some_and(|n| !fold_key(n).contains(' '))
}

/// Which of a name's `n` words start with a capital; none when its words, cut at
/// whatever is not a letter or digit, are not the `n` its folded key has.
fn capitals_of(name: &str, n: usize) -> Vec<bool> {
    let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    match words.len() == n {
        true => words.iter().map(|w| w.starts_with(char::is_uppercase)).collect(),
        false => vec![false; n],
    }
}

/// The kind of entity told apart inside longer names.
const COUNTRY: &str = "country:";

/// The marks of the longer names a country's mark may stand in; empty for most.
pub fn longer_marks(mark: &str) -> Vec<&'static str> {
    let mut marks: Vec<&'static str> =
        longer_names().get(mark).into_iter().flatten().map(|l| l.mark.as_str()).collect();
    marks.sort_unstable();
    marks.dedup();
    marks
}

/// Whether the word at `from..to` of `text` is word `at` of `words` as written there:
/// the words before and after it are the name's others, with only spaces, hyphens or
/// dashes between them.
fn stands_in(text: &str, (from, to): (usize, usize), longer: &Longer) -> bool {
    let (words, at) = (&longer.words, longer.at);
    let before = adjacent(&text[..from], at, true);
    let after = adjacent(&text[to..], words.len() - at - 1, false);
    let same = |(t, i): (&String, usize)| same_word(t, &words[i], longer.capitalised[i]);
    let before_ok = before.len() == at && before.iter().zip((0..at).rev()).all(same);
    before_ok && after.len() == words.len() - at - 1 && after.iter().zip(at + 1..).all(same)
}

/// Up to `n` words next to one end of `text` (its end when `backwards`, nearest first),
/// as written, separated only by spaces, hyphens or dashes.
fn adjacent(text: &str, n: usize, backwards: bool) -> Vec<String> {
    let mut words = Vec::with_capacity(n);
    let mut word = String::new();
    let mut chars: Box<dyn Iterator<Item = char>> =
        if backwards { Box::new(text.chars().rev()) } else { Box::new(text.chars()) };
    while words.len() < n {
        let c = chars.next();
        match c {
            Some(c) if c.is_alphanumeric() => word.push(c),
            _ => {
                if !word.is_empty() {
                    let w: String = if backwards { word.chars().rev().collect() } else { word.clone() };
                    words.push(w);
                    word.clear();
                }
                if !c.is_some_and(|c| c.is_whitespace() || super::designation::HYPHENS.contains(&c)) {
                    break;
                }
            }
        }
    }
    words
}

/// Whether a text's word, as written, is a name's folded word, capitalised where the
/// name capitalises it (`south Sudan` may be a region's), or the name's word declined
/// (`Южного` for `Южный`, `Południowego` for `Południowy`): in a language that declines
/// (not ASCII), all but its last two letters, five letters or more, and at most three
/// letters more. `Southern Sudan` is not `South Sudan`.
fn same_word(written: &str, name: &str, capitalised: bool) -> bool {
    if capitalised && !written.starts_with(char::is_uppercase) {
        return false;
    }
    let text = fold_key(written);
    if text == name {
        return true;
    }
    let (t, n) = (text.chars().count(), name.chars().count());
    let stem: String = name.chars().take(n.saturating_sub(2)).collect();
    !written.is_ascii() && n >= 5 && t <= n + 3 && text.starts_with(&stem)
}

/// The filter that marks a country's name inside a longer country name by the longer
/// name's entity (see the module's doc).
#[derive(Clone, Default)]
pub struct WithinNames;

impl TokenFilter for WithinNames {
    type Tokenizer<T: Tokenizer> = WithinNamesTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WithinNamesTokenizer<T> {
        WithinNamesTokenizer(tokenizer)
    }
}

/// The tokenizer of [`WithinNames`].
#[derive(Clone)]
pub struct WithinNamesTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for WithinNamesTokenizer<T> {
    type TokenStream<'a> = WithinNamesStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WithinNamesStream { text, inner: self.0.token_stream(text) }
    }
}

/// The token stream of [`WithinNames`].
pub struct WithinNamesStream<'a, S> {
    text: &'a str,
    inner: S,
}

impl<S: TokenStream> TokenStream for WithinNamesStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if !token.text.starts_with(CAPITALISED) {
            return true;
        }
        let Some(longer) = longer_names().get(&token.text) else { return true };
        let span = (token.offset_from, token.offset_to);
        let text = self.text;
        if let Some(l) =
            longer.iter().find(|l| text.get(span.0..span.1).is_some() && stands_in(text, span, l))
        {
            token.text = l.mark.clone();
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{capitals_analyzer, tokens};

    /// The country marks of a text.
    fn marks(text: &str) -> Vec<String> {
        let country = format!("{CAPITALISED}{COUNTRY}");
        tokens(&mut capitals_analyzer(), text).into_iter().filter(|t| t.starts_with(&country)).collect()
    }

    #[test]
    fn a_country_in_a_longer_country_name_is_marked_by_the_longer() {
        let (south, sudan) = (entity_mark("country:SS"), entity_mark("country:SD"));
        assert_eq!(marks("Fighting in South Sudan and Sudan went on."), [south.as_str(), sudan.as_str()]);
        assert_eq!(marks("Les combats au Soudan du Sud."), [south.as_str()]);
        assert_eq!(marks("Обстрелы в Южном Судане."), [south.as_str()]);
        assert_eq!(marks("Walki w Sudanie Południowym."), [south.as_str()]);
        assert_eq!(
            marks("Guinea-Bissau and Papua New Guinea, not Guinea."),
            [entity_mark("country:GW"), entity_mark("country:PG"), entity_mark("country:GN")]
        );
        // Not capitalised as the name is, or another word: a region's.
        assert_eq!(
            marks("Refugees in southern Sudan and in south Sudan camps."),
            [sudan.as_str(), sudan.as_str()]
        );
        assert_eq!(marks("Southern Sudan"), [sudan.as_str()]);
        // A full stop or a comma between the words: two names.
        assert_eq!(marks("Troops went south. Sudan said so."), [sudan.as_str()]);
        assert_eq!(marks("the South, Sudan"), [sudan.as_str()]);
    }

    #[test]
    fn only_countries_are_told_apart_inside_longer_names() {
        assert!(longer_marks(&entity_mark("country:SD")).contains(&entity_mark("country:SS").as_str()));
        assert!(longer_marks(&entity_mark("country:GN")).len() >= 3);
        assert!(longer_marks(&entity_mark("country:UA")).is_empty());
        // `Congo` is said of both Congos: the DR Congo is found by it.
        assert!(longer_marks(&entity_mark("country:CG")).is_empty());
    }
}
