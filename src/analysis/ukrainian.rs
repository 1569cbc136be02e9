//! A light stemmer for Ukrainian, which tantivy (Snowball) lacks.
//!
//! Light stemming in Savoy's sense (J. Savoy, "Light stemming approaches for the
//! French, Portuguese, German and Hungarian languages", SAC 2006; L. Dolamic and
//! J. Savoy, "Indexing and stemming approaches for the Czech language", Information
//! Processing & Management 45(6), 2009, for a Slavic language): only the inflectional
//! endings of nouns and adjectives are cut, the longest that leaves a stem of at least
//! three letters, which in those studies retrieves as well as aggressive stemmers with
//! fewer false matches. The endings are those of the Ukrainian declensions (nouns of
//! the four declensions, hard and soft adjectives, which surnames such as *Зеленський*
//! follow). Verb endings are left alone: the published rule-based stemmers that cut
//! them (V. Grichina's *ukrainian-stemmer*, 2013; the Drupal *ukstemmer*, after
//! Porter's Russian Snowball; compared by A. Makukha, *stemmers_ukrainian*) also cut
//! `-та`/`-ти`/`-ла` from nouns, so that *ракета* and *ракету* part.
//!
//! The і/є alternation of *Київ* is undone: a stem left as two letters and *-єв* reads
//! *-їв* (*Києва*, *Києві*, *Києвом* → *київ*, as *Київ*). Known limits: the і/о
//! alternation is not undone (*Харків* → *харк*, *Харкова* → *харков*; *Львів*,
//! *Львова* too): taking *-ов* back would also make *Данилов* *Данило* and *Петров*
//! *Петро*, surnames and first names this archive must keep apart. And a stem ending in
//! *-о* before *-я* loses it where an adjective ending fits (*зброю* → *збр*, *зброя* →
//! *збро*).
//!
//! Two normalisations come first: the stress mark (U+0301) is dropped and *ґ* is read
//! as *г*, as writers often do.

/// Inflectional endings of nouns and adjectives (the longest that fits is cut).
const ENDINGS: &[&str] = &[
    // Soft adjectives (синього, синьому, синьої, синьою) before their hard forms.
    "ього", "ьому", "ьої", "ьою", //
    // Adjectives and adjectival surnames.
    "ого", "ому", "ими", "іми", "ий", "ій", "їй", "ої", "ою", "им", "ім", "їм", "их", "іх", "їх", //
    // Nouns: plural cases. Not the dative "-ові": it would cut the adjectives in
    // "-ові" ("військові" from "військов-ий"), far more frequent in briefs.
    "ями", "ами", "ам", "ям", "ах", "ях", "ів", "їв", "ей", //
    // Nouns: instrumental.
    "ею", "єю", "ом", "ем", "єм", //
    // One letter: nominative, genitive, dative, accusative, vocative.
    "а", "я", "и", "і", "ї", "у", "ю", "о", "е", "є", "ь",
];

/// The least letters a stem keeps.
const MIN_STEM: usize = 3;

/// The stem of a lower-case Ukrainian word.
///
/// ```
/// use briefs::analysis::ukrainian::stem;
/// assert_eq!(stem("зеленського"), stem("зеленський"));
/// assert_eq!(stem("україною"), "україн");
/// ```
pub fn stem(word: &str) -> String {
    let word: String =
        word.chars().filter(|c| *c != '\u{301}').map(|c| if c == 'ґ' { 'г' } else { c }).collect();
    let mut endings: Vec<&str> = ENDINGS.iter().copied().filter(|e| word.ends_with(e)).collect();
    endings.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
    for ending in endings {
        let stem = &word[..word.len() - ending.len()];
        if stem.chars().count() >= MIN_STEM {
            return closed_syllable(stem);
        }
    }
    closed_syllable(&word)
}

/// A stem of two letters and *-єв* with the *-їв* of the closed syllable (see the module
/// documentation); other stems as they are.
fn closed_syllable(stem: &str) -> String {
    match stem.strip_suffix("єв") {
        Some(base) if base.chars().count() < MIN_STEM => format!("{base}їв"),
        _ => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form in a row must meet on one stem.
    fn meet(forms: &[&str]) {
        let stems: Vec<String> = forms.iter().map(|f| stem(f)).collect();
        assert!(stems.windows(2).all(|w| w[0] == w[1]), "{forms:?} → {stems:?}");
    }

    #[test]
    fn names_meet_in_every_case() {
        meet(&["зеленський", "зеленського", "зеленському", "зеленським", "зеленськім"]);
        meet(&["шмигаль", "шмигаля", "шмигалю", "шмигалем"]);
        meet(&["україна", "україни", "україні", "україну", "україною"]);
        meet(&["сирський", "сирського", "сирському", "сирським"]);
    }

    #[test]
    fn nouns_meet() {
        meet(&["війна", "війни", "війні", "війну", "війною"]);
        meet(&["ракета", "ракети", "ракеті", "ракету", "ракетою", "ракетами", "ракетах", "ракетам"]);
        meet(&["солдат", "солдата", "солдати", "солдатів", "солдатам", "солдатами", "солдатом"]);
        meet(&["оборона", "оборони", "обороні", "обороною"]);
        meet(&["місто", "міста", "місту", "містом", "містах"]);
        meet(&["армія", "армії", "армію", "армією"]);
    }

    #[test]
    fn adjectives_meet() {
        meet(&["український", "українська", "української", "українському", "українських", "українською"]);
        meet(&["військовий", "військова", "військового", "військові", "військових", "військовими"]);
        meet(&["синій", "синього", "синьому", "синя", "синьої", "синьою", "сині"]);
    }

    #[test]
    fn kyiv_meets_its_cases_and_surnames_keep_apart_from_first_names() {
        meet(&["київ", "києва", "києві", "києвом"]);
        meet(&["данилов", "данилова", "данилову", "даниловим"]);
        assert_ne!(stem("данилов"), stem("данило"));
        assert_ne!(stem("петров"), stem("петро"));
        assert_ne!(stem("київ"), stem("харків"));
    }

    #[test]
    fn stems_keep_three_letters() {
        assert_eq!(stem("як"), "як");
        assert_eq!(stem("київ"), "київ", "\"ів\" would leave two letters");
        assert_eq!(stem("дому"), "дом");
        assert_eq!(stem("ще"), "ще");
    }

    #[test]
    fn stress_marks_and_g_are_normalised() {
        assert_eq!(stem("ґрунт"), stem("грунт"));
        assert_eq!(stem("ві\u{301}йна"), stem("війна"));
    }

    #[test]
    fn other_scripts_are_left_alone() {
        assert_eq!(stem("nato"), "nato");
        assert_eq!(stem("f16"), "f16");
    }
}
