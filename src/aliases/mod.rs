//! One entity under all its names: countries, capitals, places, organisations, people and
//! British/American spellings, in en, fr, de, es, it, pl, ru, uk (pt, nl for most).
//!
//! [`Aliases::builtin`] is the data files of `data/` (provenance in `PROVENANCE.md`),
//! compiled into static tables by the build script, so nothing is parsed or folded at
//! start-up; [`Aliases::with_user_file`] adds a user's own lines on top. A query
//! word or phrase is looked up accent- and case-insensitively, except for acronyms that
//! are also common words ("WHO", "UN", "AU"), which match only in upper case.
//! [`Aliases::lookup_cased`] also keeps a lower-case word that is a common word in one
//! of the languages ("turkey", "china", "mali") from expanding.

mod declined;
pub use declined::{declensions, polish_declensions};
mod fold;
mod source;

pub(crate) use fold::cyrillic as cyrillic_in_latin;
pub use fold::{fold_key, heard_alike, name_key, name_key_heard_otherwise};

use rustc_hash::FxHashSet as HashSet;
use source::{is_upper, parse_line, Gathered, Hit, Keyed, Line};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

// BUILTIN_ENTITIES, BUILTIN_KEYS (sorted by key), BUILTIN_COMMON (sorted), BUILTIN_MAX_WORDS.
include!(concat!(env!("OUT_DIR"), "/aliases.rs"));

/// The alias file an index folder may hold, read by [`Aliases::for_index`].
pub const INDEX_FILE: &str = "aliases.tsv";

/// Largest user file read, in bytes.
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Id prefix of spelling variants: ordinary words, so never held back as common words.
pub const SPELLING: &str = "spelling:";
/// The most words of a declined name looked up by its dictionary forms: every
/// combination is tried, a few hundred for two words.
const MAX_DECLINED_WORDS: usize = 2;

/// One entity and all its names, in every language, original case and script. Built-in
/// entities borrow static text; a user's own entities hold theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Kind and name, e.g. "country:DE", "org:NATO", "city:Kyiv", "user:Foo".
    pub id: Cow<'static, str>,
    /// Every name of the entity, the first one first.
    pub names: Cow<'static, [Cow<'static, str>]>,
}

/// How a query matched an entity.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a> {
    /// The entity named.
    pub entity: &'a Entity,
    /// The name matched was case-sensitive (an acronym that is also a common word), so
    /// the query was in upper case.
    pub case_sensitive: bool,
    /// The query, in lower case, is a common word in one of the languages.
    pub common_word: bool,
}

/// A run of query words naming one entity, found by [`Aliases::spans`].
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// Index of the first word.
    pub start: usize,
    /// Number of words.
    pub len: usize,
    /// The entity they name.
    pub entity: &'a Entity,
}

/// The alias table: the built-in entities and a user's own, which come first and replace
/// built-in entities of the same id.
#[derive(Debug, Default)]
pub struct Aliases {
    user: Vec<Entity>,
    user_keys: HashMap<String, Vec<Hit>>,
    /// Numbers of the built-in entities a user entity replaces.
    replaced: HashSet<u32>,
    max_words: usize,
}

impl Aliases {
    /// The built-in table.
    pub fn builtin() -> &'static Aliases {
        static BUILT: OnceLock<Aliases> = OnceLock::new();
        BUILT.get_or_init(|| Aliases::build(Gathered::default()))
    }

    /// The built-in table extended by a user file: one entity per line, names separated by
    /// TAB or " | ", `#` starts a comment line. A first field like `kind:name` is the id;
    /// a line with a built-in id adds its names to that entity, and one with the id
    /// written `!kind:name` replaces it. A name written `=NAME` matches only
    /// in upper case. User names win over built-in ones. Errors name the file and line.
    pub fn with_user_file(path: &Path) -> Result<Aliases, String> {
        Aliases::with_user_files(&[path]).map_err(|e| e.to_string())
    }

    /// The built-in table extended by several user files, read in order: lines of the
    /// same id in two files add their names to one entity.
    ///
    /// # Errors
    /// [`FileError`] naming the file (and line) that cannot be read or parsed.
    pub fn with_user_files(paths: &[&Path]) -> Result<Aliases, FileError> {
        let mut user = Gathered::default();
        let mut replacing = HashSet::default();
        for path in paths {
            read_user_file(path, &mut user, &mut replacing)?;
        }
        Ok(Aliases::build(with_builtin_names(user, &replacing)))
    }

    /// The entity a query word or phrase names, if any.
    pub fn lookup(&self, word_or_phrase: &str) -> Option<&Entity> {
        self.find(word_or_phrase).map(|m| m.entity)
    }

    /// Like [`Aliases::lookup`], but a word that is also a common word ("turkey", "mali")
    /// names its entity only when capitalised; spelling variants always expand.
    /// A Cyrillic word that names no entity as typed may name one declined (`России`,
    /// see `declined`).
    pub fn lookup_cased(&self, word: &str) -> Option<&Entity> {
        let Some(m) = self.find(word) else {
            // `груза` (cargo) is not `Грузия` declined: only a capitalised word is a name.
            return if is_capitalised(word) { self.declined(word) } else { None };
        };
        (!m.common_word || is_capitalised(word)).then_some(m.entity)
    }

    /// `look` on the word without a possessive or an elided article, if it has one.
    fn bare<'s>(&'s self, word: &str, look: impl Fn(&str) -> Option<&'s Entity>) -> Option<&'s Entity> {
        let bare = bare_name(word);
        (bare != word).then(|| look(bare)).flatten()
    }

    /// The entity a declined Russian, Ukrainian or Polish name names (see [`declined`]),
    /// or a German, Dutch or Scandinavian genitive in `-s` (`Deutschlands`, `Selenskyjs`).
    fn declined(&self, word: &str) -> Option<&Entity> {
        match declined::entity_of(word).and_then(|n| self.current(n)) {
            Some(entity) => Some(entity),
            None => self.only_one(declined::dictionary_forms(word)).or_else(|| self.genitive(word)),
        }
    }

    /// The entity a name with a genitive `-s` names: the word without it, of four letters
    /// or more, names one as typed (a plural of a common noun names none: `Americans` is
    /// no name of the table, nor `American`).
    ///
    /// Or a German place's adjective in `-er` (`Kiewer`, `Moskauer`), written with a
    /// capital.
    fn genitive(&self, word: &str) -> Option<&Entity> {
        let genitive = word.strip_suffix('s').filter(|n| !n.ends_with('s'));
        let adjective = || word.strip_suffix("er");
        let name = genitive.or_else(adjective).filter(|n| n.chars().count() >= 4)?;
        let m = self.find(name)?;
        (!m.common_word && !is_upper(name)).then_some(m.entity)
    }

    /// The entity that built-in entity `n` is now: itself, or the user's entity of its id
    /// (which holds its names too, unless the user replaced them).
    fn current(&self, n: u32) -> Option<&Entity> {
        let builtin = &BUILTIN_ENTITIES[n as usize];
        match self.replaced.contains(&n) {
            true => self.user.iter().find(|u| u.id == builtin.id),
            false => Some(builtin),
        }
    }

    /// The entity a declined Cyrillic name of several words names (`Соединённых
    /// Штатов`), its first word capitalised: every combination of its words' possible
    /// dictionary forms is looked up, up to [`MAX_DECLINED_WORDS`] words.
    fn declined_phrase(&self, words: &[&str]) -> Option<&Entity> {
        let cyrillic = words.iter().all(|w| declined::is_cyrillic_word(w));
        if words.len() > MAX_DECLINED_WORDS || !cyrillic || !is_capitalised(words[0]) {
            return None;
        }
        let mut phrases = vec![String::new()];
        for word in words {
            let mut forms = declined::dictionary_forms(word);
            forms.push(word.to_lowercase());
            phrases = phrases
                .iter()
                .flat_map(|p| {
                    forms.iter().map(move |f| if p.is_empty() { f.clone() } else { format!("{p} {f}") })
                })
                .collect();
        }
        self.only_one(phrases)
    }

    /// The entity the names among `forms` name, if they name exactly one.
    fn only_one(&self, forms: Vec<String>) -> Option<&Entity> {
        let mut named = forms.iter().filter_map(|f| self.lookup(f));
        let first = named.next()?;
        named.all(|e| e.id == first.id).then_some(first)
    }

    /// The entity a query word or phrase names, with how it matched.
    pub fn find(&self, word_or_phrase: &str) -> Option<Match<'_>> {
        let key = fold_key(word_or_phrase);
        let upper = is_upper(word_or_phrase) || is_acronym_as_word(word_or_phrase);
        let (entity, case_sensitive) = self.hits(&key).find(|(_, case)| upper || !case)?;
        let common_word = !entity.id.starts_with(SPELLING) && is_common_key(&key);
        Some(Match { entity, case_sensitive, common_word })
    }

    /// The entities a folded key names with their case sensitivity: a user's first, then
    /// the built-in ones not replaced, each in table order.
    fn hits<'a>(&'a self, key: &str) -> impl Iterator<Item = (&'a Entity, bool)> + 'a {
        let user = self.user_keys.get(key).into_iter().flatten();
        let user = user.map(|h| (&self.user[h.entity as usize], h.case_sensitive));
        let builtin = builtin_hits(key).iter().filter(|h| !self.replaced.contains(&h.entity));
        user.chain(builtin.map(|h| (&BUILTIN_ENTITIES[h.entity as usize], h.case_sensitive)))
    }

    /// The longest runs of `words` that name entities, left to right, without overlap.
    /// A single word goes through [`Aliases::lookup_cased`]; a phrase is never a common word.
    pub fn spans(&self, words: &[&str]) -> Vec<Span<'_>> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let longest = self.max_words.max(BUILTIN_MAX_WORDS).min(words.len() - start);
            let hit = (1..=longest).rev().find_map(|len| {
                let run = &words[start..start + len];
                let entity = match len {
                    1 => self.lookup_cased(run[0]).or_else(|| self.bare(run[0], |w| self.lookup_cased(w))),
                    _ => self
                        .lookup(&run.join(" "))
                        .or_else(|| bare_ends(run).and_then(|name| self.lookup(&name)))
                        .or_else(|| self.declined_phrase(run)),
                };
                entity.map(|entity| Span { start, len, entity })
            });
            start += hit.map_or(1, |s| s.len);
            found.extend(hit);
        }
        found
    }

    /// Every entity, user entities first.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        let builtin = BUILTIN_ENTITIES.iter().enumerate();
        let kept = builtin.filter(|(n, _)| !self.replaced.contains(&(*n as u32))).map(|(_, e)| e);
        self.user.iter().chain(kept)
    }

    /// Whether a folded name is a common word in one of the languages.
    pub fn is_common_word(&self, word: &str) -> bool {
        is_common_word(word)
    }

    /// Whether a name can stand for its entity in a lowercased index: not an acronym that
    /// is also a common word ("WHO", "UN", "AU" would find every "who", "un", "au").
    pub fn is_searchable_name(&self, name: &str) -> bool {
        let acronym_word = is_upper(name) && is_common_key(&fold_key(name));
        !acronym_word && !self.is_upper_only(name)
    }

    /// Whether every entity `name` names matches it only in upper case (marked `=NAME`
    /// in its file, or an acronym that is a common word).
    pub fn is_upper_only(&self, name: &str) -> bool {
        let mut hits = self.hits(&fold_key(name)).peekable();
        hits.peek().is_some() && hits.all(|(_, case)| case)
    }

    /// The built-in table and, when the index folder holds one, its [`INDEX_FILE`] on
    /// top: what a user adds there is used without rebuilding briefs or the index.
    pub fn for_index(dir: &Path) -> Result<Aliases, String> {
        Aliases::for_index_with(dir, &[]).map_err(|e| e.to_string())
    }

    /// [`Aliases::for_index`] with `extra` user files after the index folder's own.
    ///
    /// # Errors
    /// [`FileError`] naming the file (and line) that cannot be read or parsed.
    pub fn for_index_with(dir: &Path, extra: &[&Path]) -> Result<Aliases, FileError> {
        let file = dir.join(INDEX_FILE);
        let own = file.is_file().then_some(file.as_path());
        let files: Vec<&Path> = own.into_iter().chain(extra.iter().copied()).collect();
        Aliases::with_user_files(&files)
    }

    /// The built-in table with `user` entities first, replacing built-in entities of the
    /// same id.
    fn build(user: Gathered) -> Aliases {
        let mut keyed = Keyed::default();
        for id in &user.order {
            keyed.insert(id, &user.names[id], is_common_key);
        }
        let builtin = BUILTIN_ENTITIES.iter().zip(0u32..);
        let replaced = builtin.filter(|(e, _)| user.names.contains_key(&*e.id)).map(|(_, n)| n).collect();
        let user = keyed.entities.into_iter().map(|(id, names)| Entity {
            id: Cow::Owned(id),
            names: names.into_iter().map(Cow::Owned).collect(),
        });
        Aliases { user: user.collect(), user_keys: keyed.keys, replaced, max_words: keyed.max_words }
    }
}

/// The built-in hits of a folded key.
fn builtin_hits(key: &str) -> &'static [Hit] {
    match BUILTIN_KEYS.binary_search_by(|(k, _)| (*k).cmp(key)) {
        Ok(i) => BUILTIN_KEYS[i].1,
        Err(_) => &[],
    }
}

/// The built-in names whose lookup key starts with `prefix` (see [`fold_key`]), each
/// as its key with the id of the entity it names; spelling variants left out.
pub fn builtin_names_starting(prefix: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    let from = BUILTIN_KEYS.partition_point(|(k, _)| *k < prefix);
    let keys = BUILTIN_KEYS[from..].iter().take_while(move |(k, _)| k.starts_with(prefix));
    let named =
        keys.flat_map(|(k, hits)| hits.iter().map(move |h| (*k, &*BUILTIN_ENTITIES[h.entity as usize].id)));
    named.filter(|(_, id)| !id.starts_with(SPELLING))
}

/// Whether a word, folded, is a common word in one of the languages (`data/common.tsv`):
/// `UN` (French and Spanish `un`), `WHO`, `AU`.
pub fn is_common_word(word: &str) -> bool {
    is_common_key(&fold_key(word))
}

/// The built-in entity a word names when the word is also a common word in one of the
/// languages (`Turkey`, `China`, `Chine`): the capitals field marks such a word, where
/// capitalised, by its entity, so that every name of it, however stemmed, is held to
/// the same mark.
pub fn common_name_entity(word: &str) -> Option<&'static str> {
    // Every capitalised word of every passage comes here: the cheap test first.
    if word.len() > MAX_COMMON_BYTES {
        return None;
    }
    let key = fold_key(word);
    if !is_common_key(&key) {
        return None;
    }
    let hit = builtin_hits(&key).iter().find(|h| !h.case_sensitive)?;
    Some(&BUILTIN_ENTITIES[hit.entity as usize].id)
}

/// Longer than the longest common word of `common.tsv` in any spelling (`curaçao`,
/// `anguilla`): no such word can be one.
const MAX_COMMON_BYTES: usize = 24;

/// The built-in entity a capitalised word names, as typed or declined (`Китая`,
/// `Kijowie`, `Deutschlands`): the capitals field marks it so, since Snowball may stem
/// it as an ordinary word (`кит`, a whale), and another language's name for it may be
/// a common word in lower case (Ukrainian `суми`, sums; French `poutine`), which a
/// name searched in another language's passages is then held apart from. Spelling
/// variants are ordinary words and name none.
pub fn name_entity(word: &str) -> Option<&'static str> {
    if !is_capitalised(word) {
        return None;
    }
    let id: &'static str = &Aliases::builtin().lookup_cased(word)?.id;
    (!id.starts_with(SPELLING)).then_some(id)
}

/// Whether a capitalised word names a group by a name the languages also write in lower
/// case for its members (`Taliban`: French `les talibans`, Spanish `los talibanes`,
/// `los hutíes`): an organisation's name that is not an acronym written as a word
/// (`Nato`, whose entity is also `NATO`). Such a name is not held to a capital.
pub fn is_group_name(word: &str) -> bool {
    let Some(entity) = Aliases::builtin().lookup_cased(word) else { return false };
    let upper = word.to_uppercase();
    entity.id.starts_with("org:") && !is_upper(word) && !entity.names.iter().any(|n| *n == upper)
}

/// Whether a word, folded, is a common word in the language `lang` (ISO 639-1; any
/// language for `xx`, the field of the languages without a stemmer): `UN` is one in
/// French, not in English; `NATO` (Italian *nato*) not in English.
pub fn is_common_word_in(word: &str, lang: &str) -> bool {
    let Some(langs) = common_languages(&fold_key(word)) else { return false };
    lang == crate::analysis::OTHER || langs.split(',').any(|l| l == lang)
}

/// Whether a folded key is a common word in one of the languages (`data/common.tsv`).
fn is_common_key(key: &str) -> bool {
    common_languages(key).is_some()
}

/// The languages where a folded key is a common word, comma-separated.
/// Hashed: the capitals field asks for every capitalised word it indexes.
fn common_languages(key: &str) -> Option<&'static str> {
    static BY_KEY: OnceLock<HashMap<&'static str, &'static str, rustc_hash::FxBuildHasher>> = OnceLock::new();
    BY_KEY.get_or_init(|| BUILTIN_COMMON.iter().copied().collect()).get(key).copied()
}

/// An alias file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file.
    pub path: std::path::PathBuf,
    /// The 1-based line at fault; 0 when the whole file is.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.reason),
            n => write!(f, "{}:{n}: {}", self.path.display(), self.reason),
        }
    }
}

impl std::error::Error for FileError {}

/// `user` with, in front of the names of each line that has a built-in entity's id,
/// that entity's names, unless the line replaces it (`!kind:name`).
fn with_builtin_names(mut user: Gathered, replacing: &HashSet<String>) -> Gathered {
    for (n, entity) in (0u32..).zip(BUILTIN_ENTITIES.iter()) {
        let Some(names) = user.names.get_mut(&*entity.id).filter(|_| !replacing.contains(&*entity.id)) else {
            continue;
        };
        let builtin = entity.names.iter().map(|name| {
            let key = fold_key(name);
            let marked = builtin_hits(&key).iter().any(|h| h.entity == n && h.case_sensitive);
            source::Name { text: name.to_string(), marked, key }
        });
        let mut merged: Vec<source::Name> = builtin.collect();
        merged.extend(names.drain(..).filter(|u| !entity.names.iter().any(|b| *b == u.text)));
        *names = merged;
    }
    user
}

/// Reads one user file's entities into `user`, and the ids its lines replace into
/// `replacing`.
fn read_user_file(
    path: &Path,
    user: &mut Gathered,
    replacing: &mut HashSet<String>,
) -> Result<(), FileError> {
    let fail = |line: usize, reason: String| FileError { path: path.to_path_buf(), line, reason };
    let size = std::fs::metadata(path).map_err(|e| fail(0, e.to_string()))?.len();
    if size > MAX_FILE {
        return Err(fail(0, format!("{size} bytes, more than the {MAX_FILE} an alias file may hold")));
    }
    let text = std::fs::read_to_string(path).map_err(|e| fail(0, e.to_string()))?;
    for (n, raw) in text.lines().enumerate() {
        let line = parse_line(raw).map_err(|e| fail(n + 1, e))?;
        if let Some(Line { id, replace, names }) = line {
            let id = id.unwrap_or_else(|| format!("user:{}", names[0].text));
            if replace {
                replacing.insert(id.clone());
            }
            user.add(id, names);
        }
    }
    Ok(())
}

/// A query word without the possessive or elided article around a name: `NATO's`,
/// `allies'`, `l'OTAN`, `d'Allemagne`, `dell'ONU` name what `NATO`, `allies`, `OTAN`,
/// `Allemagne` and `ONU` name. Only the lookup of names strips them.
///
/// ```
/// use briefs::aliases::bare_name;
/// assert_eq!(bare_name("NATO's"), "NATO");
/// assert_eq!(bare_name("l’OTAN"), "OTAN");
/// assert_eq!(bare_name("Kyiv"), "Kyiv");
/// assert_eq!(bare_name("o'clock"), "o'clock");
/// ```
pub fn bare_name(word: &str) -> &str {
    const ELIDED: [&str; 14] =
        ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "dell", "all", "nell", "dall", "sull"];
    if !word.contains(['\'', '’']) {
        return word;
    }
    let mut out = word;
    for apostrophe in ['\'', '’'] {
        if let Some((head, tail)) = out.split_once(apostrophe) {
            if ELIDED.contains(&head.to_lowercase().as_str()) && is_capitalised(tail) {
                out = tail;
            }
        }
        let possessive = out.strip_suffix('s').unwrap_or(out).strip_suffix(apostrophe);
        if let Some(head) = possessive.filter(|h| !h.is_empty()) {
            return head;
        }
    }
    out
}

/// A run of words as a name without the article elided before it or the possessive
/// after it (`l'Union européenne`, `United Kingdom's`); the words between are kept as
/// typed (`People's Republic of China` is a name as written). `None` when there is
/// nothing to strip.
fn bare_ends(run: &[&str]) -> Option<String> {
    let last = run.len() - 1;
    if bare_name(run[0]) == run[0] && bare_name(run[last]) == run[last] {
        return None;
    }
    let words = run.iter().enumerate().map(|(i, w)| if i == 0 || i == last { bare_name(w) } else { w });
    Some(words.collect::<Vec<_>>().join(" "))
}

/// Whether the first letter of `word` is upper case.
fn is_capitalised(word: &str) -> bool {
    word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests;

/// Letters an acronym needs to be matched written as a word too.
const ACRONYM_AS_WORD: usize = 4;

/// Whether `word` may be an acronym the press writes as a name (`Nato`, `Unesco`): one
/// word of [`ACRONYM_AS_WORD`] letters or more, a capital then lower case. An acronym
/// that is also a common word matches only in capitals (`WHO`, `UN`); from four letters
/// on, its word form is the acronym more often than a sentence's first word.
pub(crate) fn is_acronym_as_word(word: &str) -> bool {
    let mut letters = word.chars();
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    first_upper && word.chars().count() >= ACRONYM_AS_WORD && letters.all(char::is_lowercase)
}
