//! Names declined in a query: Russian `России`, Ukrainian `Росії` and Polish `Rosji`
//! name Russia.
//!
//! The alias table holds names in their dictionary form, and these languages decline
//! them. A capitalised query word that names no entity as typed is stemmed as each of
//! them stems text and looked up among the stems of the table's one-word names in its
//! script ([`DECLINING`]). A stem that two entities share names neither, and a stem
//! shorter than [`MIN_STEM`] letters names nothing (`Куба` is `куб`, a cube).
//!
//! Where the stemmer cuts too much (`Китая` is `кит`, a whale) and for names of several
//! words (`Соединённых Штатов`), the word's possible dictionary forms are looked up
//! instead ([`dictionary_forms`]): each is a whole name or nothing, so a wrong guess
//! costs a lookup and finds nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use super::BUILTIN_ENTITIES;
use crate::analysis::{self, Side};

/// Whether a word is written in a script (see [`DECLINING`]).
type Script = fn(&str) -> bool;

/// The languages whose stems are looked up, each with the script of its names.
const DECLINING: [(&str, Script); 3] =
    [("ru", is_cyrillic_word), ("uk", is_cyrillic_word), ("pl", is_latin_word)];
/// The shortest stem looked up, in letters.
const MIN_STEM: usize = 4;

/// `(language, stem)` → the built-in entity it names, `None` when several do.
type Stems = HashMap<(usize, String), Option<u32>>;

/// Endings of declined Russian and Ukrainian nouns and adjectives, each with the
/// endings of the dictionary forms it may come from (`Китая` → `Китай`, `Ирана` →
/// `Иран`, `Штатов` → `Штаты`, `Соединённых` → `Соединённые`, `Європейського` →
/// `Європейський`).
const ENDINGS: &[(&str, &[&str])] = &[
    ("я", &["й", "ь"]),
    ("ю", &["й", "ь", "я"]),
    ("ем", &["й", "ь"]),
    ("ём", &["й", "ь"]),
    ("єм", &["й", "ь"]),
    ("е", &["й", "ь", "а", ""]),
    ("ї", &["й", "я"]),
    ("ы", &["а"]),
    ("и", &["а", "я", "ь"]),
    ("і", &["а", "я", "ь", ""]),
    ("у", &["а", ""]),
    ("ой", &["а", "ая"]),
    ("ою", &["а", "я", "ая"]),
    ("ей", &["я"]),
    ("а", &["", "ь"]),
    ("ом", &[""]),
    ("ові", &[""]),
    ("ов", &["ы", "и"]),
    ("ів", &["и"]),
    ("ам", &["ы", "и"]),
    ("ами", &["ы", "и"]),
    ("ах", &["ы", "и"]),
    ("ых", &["ые"]),
    ("ыми", &["ые"]),
    ("ым", &["ые", "ый"]),
    ("их", &["ие", "і"]),
    ("ими", &["ие", "і"]),
    ("им", &["ий", "ие", "і"]),
    ("ого", &["ый", "ий", "ое"]),
    ("ому", &["ый", "ий", "ое"]),
    ("ую", &["ая"]),
    ("ої", &["а"]),
    ("ій", &["а"]),
    // Ukrainian `к`, `г` soften before the locative's `і`: `в Авдіївці`, `у Празі`.
    ("ці", &["ка"]),
    ("зі", &["га"]),
];

/// The dictionary forms a declined Cyrillic word may come from, lowercased; empty for
/// any other word. Most are no word at all (`Китая` gives `китай` and `китаь`): they
/// are only looked up as whole names.
pub(super) fn dictionary_forms(word: &str) -> Vec<String> {
    if is_latin_word(word) {
        return polish_dictionary_forms(word);
    }
    if !is_cyrillic_word(word) {
        return Vec::new();
    }
    let lower = word.to_lowercase();
    let mut out = Vec::new();
    for (ending, forms) in ENDINGS {
        let Some(stem) = lower.strip_suffix(ending).filter(|s| s.chars().count() >= 2) else { continue };
        for form in forms.iter() {
            out.push(format!("{stem}{form}"));
            if form.is_empty() {
                out.extend(alternations(stem));
            }
        }
    }
    out
}

/// The soft stem ends of Polish neuters in `-e` (`Naddniestrze`, `Zaporoże`,
/// `Podkarpacie`, `Pomorze`): only such a stem takes back an `-e`, so `Franca` does not
/// become `France`.
const NEUTER_STEMS: [&str; 7] = ["rz", "ż", "ci", "ni", "sz", "cz", "dzi"];

/// Endings of declined Polish nouns and adjectives, each with the endings of the
/// dictionary forms it may come from (`Putina` → `Putin`, `Kijowa` → `Kijow`, which is
/// `Kijów` once accents are folded, `Krymu` → `Krym`, `Nawalnego` → `Nawalny`,
/// `Syrskiego` → `Syrski`, `Ukrainy` → `Ukraina`).
const POLISH_ENDINGS: &[(&str, &[&str])] = &[
    // A neuter in `-e` declines as `-a`, `-u`, `-em` (`Naddniestrze`, `dotyczyły
    // Naddniestrza`, `w Naddniestrzu`).
    ("a", &["", "e"]),
    ("u", &["", "a", "e"]),
    ("owi", &[""]),
    ("em", &["", "e"]),
    ("ie", &["", "a"]),
    ("ego", &["y", "i"]),
    ("iego", &["i", "y", "yj"]),
    ("emu", &["y", "i"]),
    ("iemu", &["i", "y", "yj"]),
    ("ym", &["y"]),
    ("im", &["i"]),
    ("y", &["a"]),
    ("ji", &["ja"]),
    ("ii", &["ia"]),
    ("ę", &["a"]),
    ("ą", &["a"]),
    // Consonants soften before the locative's `e`: `w Awdijiwce`, `w Pradze`,
    // `w Bachmucie`, `w Dnieprze`.
    ("ce", &["ka"]),
    ("dze", &["ga"]),
    ("cie", &["t"]),
    ("rze", &["r"]),
];

/// The dictionary forms a declined Polish word may come from (see [`POLISH_ENDINGS`]);
/// like the Cyrillic ones, they are only looked up as whole names.
fn polish_dictionary_forms(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let mut out = Vec::new();
    for (ending, forms) in POLISH_ENDINGS {
        let Some(stem) = lower.strip_suffix(ending).filter(|s| s.chars().count() >= 3) else { continue };
        let neuter = |form: &&&str| **form != "e" || NEUTER_STEMS.iter().any(|end| stem.ends_with(end));
        out.extend(forms.iter().filter(neuter).map(|form| format!("{stem}{form}")));
    }
    out
}

/// The declined forms of a one-word Cyrillic name, as `ENDINGS` decline it (`Киев`:
/// `Киева`, `Киеву`, `Киевом`, `Киеве`, …); empty for any other name. Searched beside
/// the name because Snowball's Russian stemmer cuts names unevenly: `Киев` is `ки` (its
/// `ев` read as a plural ending), `Киеве` and `Киева` are `киев`.
pub fn declensions(name: &str) -> Vec<String> {
    // An acronym (`ЕС`, `РФ`) is not declined in writing.
    if !is_cyrillic_word(name) || !name.chars().any(char::is_lowercase) {
        return Vec::new();
    }
    let mut out = declined(name);
    for open in opened_syllable(name) {
        out.extend(declined(&open).into_iter().filter(|f| *f != open));
    }
    out.sort();
    out.dedup();
    out
}

/// A Ukrainian name whose last syllable is closed by a consonant writes its `о` or `е`
/// as `і` (`Харків`, `Львів`, `Ірпінь`); a declined form opens the syllable and the
/// vowel comes back (`Харкова`, `у Львові`, `Ірпеня`). The name with each of them, for
/// [`declined`] to decline; empty when the last vowel is no such `і`.
fn opened_syllable(name: &str) -> Vec<String> {
    let Some((at, vowel)) = name.char_indices().rev().find(|(_, c)| is_vowel_or_soft(*c) && *c != 'ь')
    else {
        return Vec::new();
    };
    let closed = at + vowel.len_utf8() < name.len() && at > 0;
    let tail = &name[at + vowel.len_utf8()..];
    match vowel {
        'і' if closed => ["о", "е"].iter().map(|v| format!("{}{v}{tail}", &name[..at])).collect(),
        // `Миколаїв`, `у Миколаєві`.
        'ї' if closed => vec![format!("{}є{tail}", &name[..at])],
        _ => Vec::new(),
    }
}

/// The forms [`ENDINGS`] decline `name` into.
fn declined(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (ending, forms) in ENDINGS {
        for form in forms.iter() {
            let stem = match form.is_empty() {
                true => name.strip_suffix(|c: char| !is_vowel_or_soft(c)).map(|_| name),
                false => name.strip_suffix(form),
            };
            if let Some(stem) = stem.filter(|s| s.chars().count() >= 2) {
                out.push(format!("{stem}{ending}"));
            }
        }
    }
    out
}

/// The declined forms of a one-word Polish name whose stem Snowball's Polish stemmer
/// does not bring back to the name's: `Charków` is `chark` but `Charkowie` is
/// `charkow`; `Dniepr`, `w Dnieprze`; `Bachmut`, `w Bachmucie`; `Odessa`, `w Odessie`.
/// Empty for a name that is no Latin word or is written in capitals.
pub fn polish_declensions(name: &str) -> Vec<String> {
    if !is_latin_word(name) || !name.chars().skip(1).any(char::is_lowercase) {
        return Vec::new();
    }
    if let Some(stem) = name.strip_suffix("ów") {
        return ["owa", "owie", "owem", "owu", "owowi"].iter().map(|e| format!("{stem}{e}")).collect();
    }
    let (stem, feminine) = match name.strip_suffix('a') {
        Some(stem) => (stem, true),
        None => (name, false),
    };
    let mut out: Vec<String> = softened(stem).map(|soft| format!("{soft}e")).into_iter().collect();
    let endings: &[&str] = if feminine { &["y", "ę", "ą"] } else { &["a", "u", "em", "owi"] };
    out.extend(endings.iter().map(|e| format!("{stem}{e}")));
    out
}

/// A stem's last consonant as Polish softens it before the locative's `-e` (`r` → `rz`,
/// `t` → `ci`, `d` → `dzi`, `ł` → `l`, another → itself and `i`); `None` after a vowel
/// or a velar, whose locative ends in `-u` or `-e` without softening.
fn softened(stem: &str) -> Option<String> {
    let last = stem.chars().last()?;
    let head = &stem[..stem.len() - last.len_utf8()];
    Some(match last {
        'r' => format!("{head}rz"),
        't' => format!("{head}ci"),
        'd' => format!("{head}dzi"),
        'ł' => format!("{head}l"),
        'k' | 'g' | 'h' | 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ó' | 'ą' | 'ę' => return None,
        c if c.is_alphabetic() => format!("{stem}i"),
        _ => return None,
    })
}

/// A Cyrillic vowel, or a letter that ends a stem softly (`й`, `ь`): a name ending in
/// any other letter declines as a bare consonant stem (`Иран`, `Ирана`).
fn is_vowel_or_soft(c: char) -> bool {
    "аеёиоуыэюяіїєйь".contains(c.to_lowercase().next().unwrap_or(c))
}

/// A bare stem's dictionary forms where the vowel of the last syllable changes: Russian
/// drops a fleeting `е` or `о` (`Египта` is `Египет`) and Ukrainian writes `і` for the
/// `о` or `е` of a closed syllable (`Харкова` is `Харків`).
fn alternations(stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    let (head, last) = chars.split_at(chars.len() - 1);
    let head: String = head.iter().collect();
    let mut out: Vec<String> = ["е", "о"].iter().map(|v| format!("{head}{v}{}", last[0])).collect();
    match head.char_indices().last() {
        Some((at, 'о' | 'е')) => out.push(format!("{}і{}", &head[..at], last[0])),
        Some((at, 'є')) => out.push(format!("{}ї{}", &head[..at], last[0])),
        _ => {}
    }
    out
}

/// The built-in entity a declined name names by its stem, by its number.
pub(super) fn entity_of(word: &str) -> Option<u32> {
    thread_local! {
        // Built once per thread: a query or a `like` example asks for many words.
        static ANALYZERS: std::cell::RefCell<Vec<TextAnalyzer>> = std::cell::RefCell::new(
            DECLINING.iter().map(|(k, _)| analysis::analyzer_for_key(k, Side::Index)).collect(),
        );
    }
    let table = stems();
    ANALYZERS.with_borrow_mut(|analyzers| {
        let mut declining =
            DECLINING.iter().enumerate().filter(|(_, (_, script))| may_be_declined(word, *script));
        declining.find_map(|(i, _)| table.get(&(i, stem(&mut analyzers[i], word)?)).copied().flatten())
    })
}

/// The stems of every one-word name, per [`DECLINING`] language in its script, built on
/// the first lookup.
fn stems() -> &'static Stems {
    static BUILT: OnceLock<Stems> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut analyzers: Vec<(TextAnalyzer, Script)> = DECLINING
            .iter()
            .map(|(k, script)| (analysis::analyzer_for_key(k, Side::Index), *script))
            .collect();
        let mut table = Stems::new();
        for (entity, n) in BUILTIN_ENTITIES.iter().zip(0u32..) {
            // A Latin first name stems as others do (`Victoria` as `Victor`).
            let person = entity.id.starts_with("person:");
            for name in entity.names.iter().filter(|n| !(person && is_latin_word(n))) {
                for (i, (analyzer, script)) in analyzers.iter_mut().enumerate() {
                    let Some(stem) = script(name).then(|| stem(analyzer, name)).flatten() else { continue };
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

/// One word of Latin letters (Polish names decline too: `Rosji` is `Rosja`).
fn is_latin_word(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)))
}

/// A query word that may be a declined name of a [`DECLINING`] language's script. A
/// Latin one must end as only a declined Polish noun does (`Rosji`, `Ukrainie`,
/// `Kijowem`, `Iranu`), or in `-a` or `-i` with a Polish letter in it (`Białorusi`): an
/// English `German` or `Israeli`, a Spanish `Alemana` or a French `Russe` is no Polish
/// form of `Germania`, `Izrael` or `Rosja`.
fn may_be_declined(word: &str, script: Script) -> bool {
    const POLISH: [&str; 12] = ["ji", "ii", "y", "ę", "ą", "u", "em", "ie", "ach", "ami", "om", "owi"];
    let polish_letter = word.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c));
    let ending = POLISH.iter().any(|e| word.ends_with(e)) || (polish_letter && word.ends_with(['a', 'i']));
    script(word) && (is_cyrillic_word(word) || ending)
}

/// One word of letters, at least one of them Cyrillic.
pub(super) fn is_cyrillic_word(word: &str) -> bool {
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
    fn names_the_stemmer_cuts_too_far_are_found_by_their_dictionary_form() {
        let aliases = crate::aliases::Aliases::builtin();
        let id = |w: &str| aliases.lookup_cased(w).map(|e| e.id.to_string());
        for word in ["Китая", "Китаю", "Китаем", "Ирана", "Ираном", "Ірану"] {
            assert!(id(word).is_some_and(|id| id.starts_with("country:")), "{word}: {:?}", id(word));
        }
        assert_eq!(id("Китая"), id("Китай"));
        assert_eq!(id("Ирана"), id("Иран"));
    }

    #[test]
    fn declined_names_of_two_words_name_their_entity() {
        let aliases = crate::aliases::Aliases::builtin();
        let spans = |words: &[&str]| {
            aliases.spans(words).iter().map(|s| (s.len, s.entity.id.to_string())).collect::<Vec<_>>()
        };
        let us = aliases.lookup("США").unwrap().id.to_string();
        assert_eq!(spans(&["Соединённых", "Штатов"]), [(2, us.clone())]);
        assert_eq!(spans(&["Сполучених", "Штатів"]), [(2, us)]);
        let eu = aliases.lookup("ЕС").unwrap().id.to_string();
        assert_eq!(spans(&["Европейского", "союза"]), [(2, eu)]);
        // A capitalised ordinary phrase names nothing.
        assert!(spans(&["Министра", "обороны"]).is_empty());
    }

    #[test]
    fn declined_polish_names_name_their_entity() {
        let aliases = crate::aliases::Aliases::builtin();
        let id = |w: &str| aliases.lookup_cased(w).map(|e| e.id.to_string());
        for (word, named) in
            [("Rosji", "Rosja"), ("Ukrainie", "Ukraina"), ("Kijowem", "Kijów"), ("Moskwy", "Moskwa")]
                .into_iter()
                .chain([
                    ("Kijowa", "Kijów"),
                    ("Charkowa", "Charków"),
                    ("Krymu", "Krym"),
                    ("Putina", "Putin"),
                    ("Putinowi", "Putin"),
                    ("Nawalnego", "Nawalny"),
                    ("Syrskiego", "Syrski"),
                    ("Ławrowem", "Ławrow"),
                ])
        {
            assert!(id(word).is_some() && id(word) == id(named), "{word}: {:?}", id(word));
        }
        // English or French words that stem as a Polish name does name nothing.
        for word in
            ["German", "Russe", "Czech", "Germans", "Israeli", "Iraqi", "Pakistani", "Alemana", "Romana"]
        {
            assert_eq!(id(word), None, "{word}");
        }
    }

    #[test]
    fn a_lower_case_word_is_no_declined_name() {
        // `груза` (cargo) stems as `Грузия` (Georgia) does.
        assert!(crate::aliases::Aliases::builtin().lookup_cased("груза").is_none());
        assert!(crate::aliases::Aliases::builtin().lookup_cased("Грузии").is_some());
    }

    #[test]
    fn other_words_name_nothing() {
        for word in ["министр", "Министр", "войск", "Ministry", "Armia", "Кубы"] {
            assert_eq!(named(word), None, "{word}");
        }
    }
}
