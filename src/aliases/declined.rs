//! Names declined in a query: Russian `России` and Ukrainian `Росії` name Russia.
//!
//! The alias table holds names in their dictionary form, and Russian and Ukrainian
//! decline them. A Cyrillic query word that names no entity as typed is stemmed as each
//! of these languages stems text and looked up among the stems of the table's one-word
//! Cyrillic names. A stem that two entities share names neither, and a stem shorter
//! than [`MIN_STEM`] letters names nothing (`Куба` is `куб`, a cube).

use std::collections::HashMap;
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use super::BUILTIN_ENTITIES;
use crate::analysis::{self, Side};

/// The languages whose stems are looked up.
const DECLINING: [&str; 2] = ["ru", "uk"];
/// The shortest stem looked up, in letters.
const MIN_STEM: usize = 4;

/// `(language, stem)` → the built-in entity it names, `None` when several do.
type Stems = HashMap<(usize, String), Option<u32>>;

/// The built-in entity a declined Cyrillic name names, by its number.
pub(super) fn entity_of(word: &str) -> Option<u32> {
    if !is_cyrillic_word(word) {
        return None;
    }
    let table = stems();
    DECLINING.iter().enumerate().find_map(|(i, key)| {
        let stem = stem(&mut analysis::analyzer_for_key(key, Side::Index), word)?;
        table.get(&(i, stem)).copied().flatten()
    })
}

/// The stems of every one-word Cyrillic name, built on the first lookup (a few thousand
/// names, about a millisecond).
fn stems() -> &'static Stems {
    static BUILT: OnceLock<Stems> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut analyzers: Vec<TextAnalyzer> =
            DECLINING.iter().map(|k| analysis::analyzer_for_key(k, Side::Index)).collect();
        let mut table = Stems::new();
        for (entity, n) in BUILTIN_ENTITIES.iter().zip(0u32..) {
            for name in entity.names.iter().filter(|n| is_cyrillic_word(n)) {
                for (i, analyzer) in analyzers.iter_mut().enumerate() {
                    let Some(stem) = stem(analyzer, name) else { continue };
                    let named = table.entry((i, stem)).or_insert(Some(n));
                    if *named != Some(n) {
                        *named = None;
                    }
                }
            }
        }
        table
    })
}

/// The word's one stem, if it is at least [`MIN_STEM`] letters long.
fn stem(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    match analysis::tokens(analyzer, word).as_slice() {
        [one] if one.chars().count() >= MIN_STEM => Some(one.clone()),
        _ => None,
    }
}

/// One word of letters, at least one of them Cyrillic.
fn is_cyrillic_word(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(word: &str) -> Option<&'static str> {
        entity_of(word).map(|n| &*BUILTIN_ENTITIES[n as usize].id)
    }

    #[test]
    fn declined_names_name_their_entity() {
        for word in ["России", "Россией", "Росії", "Україною", "Украины", "Германии", "Польщі"]
        {
            assert!(named(word).is_some_and(|id| id.starts_with("country:")), "{word}: {:?}", named(word));
        }
        assert_eq!(named("России"), named("Росії"));
    }

    #[test]
    fn a_lower_case_word_is_no_declined_name() {
        // `груза` (cargo) stems as `Грузия` (Georgia) does.
        assert!(crate::aliases::Aliases::builtin().lookup_cased("груза").is_none());
        assert!(crate::aliases::Aliases::builtin().lookup_cased("Грузии").is_some());
    }

    #[test]
    fn other_words_name_nothing() {
        for word in ["министр", "Министр", "войск", "Russia", "Кубы"] {
            assert_eq!(named(word), None, "{word}");
        }
    }
}
