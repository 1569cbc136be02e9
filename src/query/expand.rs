//! One entity under all its names, one word under all its spellings: which runs of a
//! query's words name an entity ([`named`]), the other forms of a hyphenated or
//! letter-and-digit word ([`variants`]), and what was expanded ([`Expansion`]).
//!
//! The builder searches each alternative as a weaker alternative of the typed words
//! (see `build.rs`); this module only decides what the alternatives are.

use tantivy::Score;

use super::parse::{Clause, Node, Occur};
use crate::aliases::{fold_key, Aliases, Entity};
use crate::analysis::{is_acronym, MAX_DESIGNATION_LETTERS as DESIGNATION_LETTERS};

/// Weight of an alias or variant relative to the words as typed: an alias still finds
/// its passages, but a passage with the typed name ranks first (measured with
/// `briefs eval`, see the report of issue 13).
pub(crate) const ALIAS_WEIGHT: Score = 0.7;

/// The most names of one entity searched (a person may have two dozen spellings).
const MAX_NAMES: usize = 40;

/// Entity id given to the spelling variants of a word (`F-16` ↔ `F16`).
pub const VARIANT: &str = "variant";

/// Entity id given to the compounds a word begins or ends (`Abwehr` → `Luftabwehr`),
/// followed by `:` and the language searched (`compound:de`). Their names are index
/// terms of that language's field, as its stemmer wrote them (`luftabwehr`).
pub const COMPOUND: &str = "compound";

/// The entity id of the compounds found in language `key`'s field.
pub(crate) fn compound_entity(key: &str) -> String {
    format!("{COMPOUND}:{key}")
}

/// Entity id given to the other stems a capitalised word's name key finds in language
/// `key`'s field (`spelled-alike:ru`); like a compound's, its names are index terms of
/// that field.
pub const SPELLED_ALIKE: &str = "spelled-alike";

/// The entity id of the stems spelled alike in language `key`'s field.
pub(crate) fn spelled_alike_entity(key: &str) -> String {
    format!("{SPELLED_ALIKE}:{key}")
}

/// The language whose index terms an expansion's names are (a compound's or stems
/// spelled alike); `None` for any other entity, whose names are names as written.
pub fn compound_language(entity: &str) -> Option<&str> {
    [COMPOUND, SPELLED_ALIKE].iter().find_map(|kind| entity.strip_prefix(kind)?.strip_prefix(':'))
}

/// What a query word or run of words was expanded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The words as typed (several for a multi-word name: "Black Sea").
    pub word: String,
    /// The entity id (`country:DE`, `spelling:defence`), [`VARIANT`] or [`COMPOUND`].
    pub entity: String,
    /// The other names searched, in the table's order.
    pub names: Vec<String>,
}

impl Expansion {
    /// Adds this expansion to `list`, once per word and entity: each language part
    /// builds the same ones, or adds the names its own field holds (a designation's
    /// lettered variants), which join the first.
    pub(crate) fn merge_into(self, list: &mut Vec<Expansion>) {
        match list.iter_mut().find(|e| e.word == self.word && e.entity == self.entity) {
            Some(e) => {
                let new: Vec<String> = self.names.into_iter().filter(|n| !e.names.contains(n)).collect();
                e.names.extend(new);
            }
            None => list.push(self),
        }
    }
}

/// A run of clauses naming one entity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Named<'a> {
    /// Index of the first clause.
    pub(crate) start: usize,
    /// Number of clauses.
    pub(crate) len: usize,
    /// The entity they name.
    pub(crate) entity: &'a Entity,
}

/// The runs of `clauses` that name entities: consecutive plain words of the same
/// positive occurrence, longest names first (see [`Aliases::spans`]).
pub(crate) fn named<'a>(clauses: &[Clause], aliases: &'a Aliases) -> Vec<Named<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < clauses.len() {
        let end = run_end(clauses, start);
        if end == start {
            start += 1;
            continue;
        }
        let words: Vec<&str> = clauses[start..end].iter().filter_map(plain_word).collect();
        for span in aliases.spans(&words) {
            out.push(Named { start: start + span.start, len: span.len, entity: span.entity });
        }
        start = end;
    }
    out
}

/// The end of the run of plain positive words of one occurrence starting at `start`.
fn run_end(clauses: &[Clause], start: usize) -> usize {
    let first = &clauses[start];
    if first.occur == Occur::MustNot || plain_word(first).is_none() {
        return start;
    }
    let same = |c: &Clause| c.occur == first.occur && plain_word(c).is_some();
    start + clauses[start..].iter().take_while(|c| same(c)).count()
}

fn plain_word(clause: &Clause) -> Option<&str> {
    match &clause.node {
        Node::Word { text, field: None } => Some(text),
        _ => None,
    }
}

/// The names of `entity` other than the `typed` one, that are safe to search in a
/// lowercased index, or that are acronyms, searched where written in capitals ("WHO",
/// "UN" are common words; see [`super::capitals`]).
pub(crate) fn other_names<'e>(aliases: &Aliases, entity: &'e Entity, typed: &str) -> Vec<&'e str> {
    let typed = fold_key(typed);
    entity
        .names
        .iter()
        .map(|n| &**n)
        .filter(|n| fold_key(n) != typed && (aliases.is_searchable_name(n) || is_acronym(n)))
        .take(MAX_NAMES)
        .collect()
}

/// The other spellings of a word with a hyphen (`S-400` → `S400`) or with letters next
/// to digits (`F16` → `F 16`, searched as a phrase, which also matches `F-16`), and of a
/// designation in the other script (`S-400` → `С-400`, see [`super::designation`]).
pub(crate) fn variants(word: &str) -> Vec<String> {
    let mut out = spellings(word);
    out.extend(super::designation::in_other_script(word));
    // A designation's plural (`F-16s`, `S400s`) is also its singular, in every spelling.
    if let Some(singular) = super::designation::singular(word) {
        out.extend(variants(singular));
        out.push(singular.to_string());
    }
    out
}

/// The spellings of `word` in its own script (see [`variants`]).
fn spellings(word: &str) -> Vec<String> {
    let joinable = word.contains('-') && word.split('-').filter(|p| !p.is_empty()).count() > 1;
    if joinable {
        return vec![word.replace('-', "")];
    }
    let split = split_letters_digits(word);
    if split == word {
        return Vec::new();
    }
    // `T90M` is written `T-90M` (`t 90m`) as often as `T 90 M`.
    let first = split_first_letters_digits(word);
    if first != split {
        return vec![split, first];
    }
    vec![split]
}

/// `word` with a space where its leading letters meet a digit (`T90M` → `T 90M`).
fn split_first_letters_digits(word: &str) -> String {
    match word.char_indices().find(|(_, c)| c.is_ascii_digit()) {
        Some((i, _)) if i > 0 && word[..i].chars().all(char::is_alphabetic) => {
            format!("{} {}", &word[..i], &word[i..])
        }
        _ => word.to_string(),
    }
}

/// Digits a designation's number starts with at most (`S-400`, `Kh-101`): a year after a
/// month (`May 2024`) is no designation.
const DESIGNATION_DIGITS: usize = 3;

/// The clauses with each designation typed as two words (`S 300`, `T 90M`, `Su 35`)
/// joined into one (`S-300`), which then finds all its spellings (`S300`, `S-300`,
/// `S 300`) and no longer any `300`. The prefix is capitalised, of at most
/// [`DESIGNATION_LETTERS`] letters and not a word (see [`is_word_before_a_number`]).
pub(crate) fn designations(clauses: Vec<Clause>) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::with_capacity(clauses.len());
    for clause in clauses {
        let joined = match (out.last(), &clause.node) {
            // The number takes the prefix's operator: `-S 300` leaves out the S-300.
            (Some(prev), Node::Word { text: number, field: None })
                if prev.occur == clause.occur || clause.occur == Occur::Should =>
            {
                match &prev.node {
                    Node::Word { text: prefix, field: None } if is_designation(prefix, number) => {
                        Some(format!("{prefix}-{number}"))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match joined {
            Some(text) => out.last_mut().expect("joined to it").node = Node::Word { text, field: None },
            None => out.push(clause),
        }
    }
    out
}

/// Whether a prefix is more likely a word than a designation's letters: a vowel alone
/// (`A 300 km`, Spanish `y`, Russian `и`) or a stop word in capitals (`UN` is French
/// `un`). A consonant alone (`S 300`, `F 16`, `T 90M`) and a capital and small letters
/// (`Su 35`, `Mi 8`, `MiG 29`) are a designation's.
fn is_word_before_a_number(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            "aeiouyàáâäåéèêëíìîïóòôöúùûüаеиоуяюэыіїє".contains(c.to_lowercase().next().unwrap_or(c))
        }
        _ => {
            crate::analysis::is_acronym(prefix)
                && crate::analysis::is_stop_word_in(prefix, crate::analysis::OTHER)
        }
    }
}

/// The designation two words typed apart make (`S`, `300` → `S-300`), if they do.
pub(crate) fn designation(prefix: &str, number: &str) -> Option<String> {
    is_designation(prefix, number).then(|| format!("{prefix}-{number}"))
}

/// A name is no designation's prefix: `US 300 million` is the United States.
fn is_designation(prefix: &str, number: &str) -> bool {
    let letters = prefix.chars().count();
    let capitalised = prefix.chars().next().is_some_and(char::is_uppercase);
    capitalised
        && letters <= DESIGNATION_LETTERS
        && prefix.chars().all(char::is_alphabetic)
        && !is_word_before_a_number(prefix)
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.chars().all(char::is_alphanumeric)
        && number.chars().take_while(char::is_ascii_digit).count() <= DESIGNATION_DIGITS
        && crate::aliases::Aliases::builtin().lookup(prefix).is_none()
}

/// `word` with a space wherever a letter meets a digit; `word` itself when none does.
fn split_letters_digits(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    let mut last: Option<char> = None;
    for c in word.chars() {
        if let Some(p) = last {
            let boundary =
                (p.is_alphabetic() && c.is_ascii_digit()) || (p.is_ascii_digit() && c.is_alphabetic());
            if boundary {
                out.push(' ');
            }
        }
        out.push(c);
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse::{parse, Mode};

    fn names_in(query: &str) -> Vec<(usize, usize, String)> {
        let parsed = parse(query, Mode::Lenient).unwrap();
        named(&parsed.clauses, Aliases::builtin())
            .into_iter()
            .map(|n| (n.start, n.len, n.entity.id.to_string()))
            .collect()
    }

    #[test]
    fn multi_word_names_are_one_run() {
        let found = names_in("ships in the Black Sea near United Kingdom");
        assert!(found.iter().any(|(s, l, _)| *s == 3 && *l == 2), "{found:?}");
        assert!(found.iter().any(|(s, l, _)| *s == 6 && *l == 2), "{found:?}");
    }

    #[test]
    fn excluded_and_fielded_words_are_not_names() {
        assert!(names_in("-Germany troops").is_empty());
        assert!(names_in("title:Germany").is_empty());
        assert_eq!(names_in("Germany").len(), 1);
    }

    #[test]
    fn common_words_expand_only_capitalised() {
        assert!(names_in("mali").is_empty());
        assert_eq!(names_in("Mali").len(), 1);
    }

    #[test]
    fn acronyms_that_are_words_are_other_names_too() {
        // Searched only where written in capitals (`query::capitals`).
        let who = Aliases::builtin().lookup("World Health Organization").unwrap();
        let names = other_names(Aliases::builtin(), who, "World Health Organization");
        assert!(names.contains(&"WHO") && names.contains(&"OMS"), "{names:?}");
    }

    #[test]
    fn a_designation_typed_as_two_words_is_one() {
        let joined = |q: &str| -> Vec<String> {
            designations(parse(q, Mode::Lenient).unwrap().clauses)
                .into_iter()
                .map(|c| match c.node {
                    Node::Word { text, .. } => text,
                    other => format!("{other:?}"),
                })
                .collect()
        };
        assert_eq!(joined("S 300 batteries"), ["S-300", "batteries"]);
        assert_eq!(joined("Su 35 and T 90M"), ["Su-35", "and", "T-90M"]);
        assert_eq!(joined("A 300 km march"), ["A", "300", "km", "march"]);
        assert_eq!(joined("troops 300"), ["troops", "300"]);
        assert_eq!(joined("May 2024"), ["May", "2024"]);
        assert_eq!(joined("UN 2024"), ["UN", "2024"], "UN is a French stop word");
        let occurs = |q: &str| -> Vec<Occur> {
            designations(parse(q, Mode::Lenient).unwrap().clauses).into_iter().map(|c| c.occur).collect()
        };
        assert_eq!(joined("air defence -S 300"), ["air", "defence", "S-300"]);
        assert_eq!(occurs("air defence -S 300"), [Occur::Should, Occur::Should, Occur::MustNot]);
        assert_eq!(occurs("+S 300"), [Occur::Must]);
        assert_eq!(occurs("S -300"), [Occur::Should, Occur::MustNot]);
    }

    #[test]
    fn hyphens_join_and_digits_split() {
        assert_eq!(variants("S-400"), vec!["S400", "С-400", "С400"]);
        assert_eq!(variants("cease-fire"), vec!["ceasefire"]);
        assert_eq!(variants("F16"), vec!["F 16", "Ф-16", "Ф16"]);
        assert_eq!(variants("T90M"), vec!["T 90 M", "T 90M", "Т-90М", "Т90М"]);
        assert!(variants("troops").is_empty());
        assert!(variants("-x").is_empty());
    }
}
