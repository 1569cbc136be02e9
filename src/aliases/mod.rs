//! One entity under all its names: countries, capitals, places, organisations, people and
//! British/American spellings, in en, fr, de, es, it, pl, ru, uk (pt, nl for most).
//!
//! [`Aliases::builtin`] is built once from the data files of `data/` (provenance in
//! `PROVENANCE.md`); [`Aliases::with_user_file`] adds a user's own lines on top. A query
//! word or phrase is looked up accent- and case-insensitively, except for acronyms that
//! are also common words ("WHO", "UN", "AU"), which match only in upper case.
//! [`Aliases::lookup_cased`] also keeps a lower-case word that is a common word in one
//! of the languages ("turkey", "china", "mali") from expanding.

mod fold;

pub use fold::{fold_key, name_key};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// The data files, highest priority first: a name two entities share goes to the first.
const BUILTIN: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("data/countries.tsv")),
    ("extra.tsv", include_str!("data/extra.tsv")),
    ("orgs.tsv", include_str!("data/orgs.tsv")),
    ("cities.tsv", include_str!("data/cities.tsv")),
    ("places.tsv", include_str!("data/places.tsv")),
    ("people.tsv", include_str!("data/people.tsv")),
    ("spelling.tsv", include_str!("data/spelling.tsv")),
    ("compounds.tsv", include_str!("data/compounds.tsv")),
];

/// Folded names whose lower-case form is a dictionary word (made by `generate.py`).
const COMMON: &str = include_str!("data/common.tsv");

/// The alias file an index folder may hold, read by [`Aliases::for_index`].
pub const INDEX_FILE: &str = "aliases.tsv";

/// Longest line a user file may hold, in bytes; bounds the work per line.
const MAX_LINE: usize = 64 * 1024;

/// Largest user file read, in bytes.
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Id prefix of spelling variants: ordinary words, so never held back as common words.
const SPELLING: &str = "spelling:";

/// One entity and all its names, in every language, original case and script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Kind and name, e.g. "country:DE", "org:NATO", "city:Kyiv", "user:Foo".
    pub id: String,
    /// Every name of the entity, the first one first.
    pub names: Vec<String>,
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

#[derive(Debug, Clone, Copy)]
struct Hit {
    entity: u32,
    case_sensitive: bool,
}

/// The alias table: entities and an index from folded name to entity.
#[derive(Debug, Default)]
pub struct Aliases {
    entities: Vec<Entity>,
    index: HashMap<String, Vec<Hit>>,
    common: HashSet<String>,
    max_words: usize,
}

/// One parsed line: an optional id and names.
#[derive(Debug)]
struct Line {
    id: Option<String>,
    names: Vec<Name>,
}

/// A name as written, its `=` mark (upper case only) and its lookup key, folded once.
#[derive(Debug)]
struct Name {
    text: String,
    marked: bool,
    key: String,
}

/// Entities being gathered: names merged by id, in order of first appearance.
#[derive(Default)]
struct Gathered {
    order: Vec<String>,
    names: HashMap<String, Vec<Name>>,
}

impl Gathered {
    fn add(&mut self, id: String, names: Vec<Name>) {
        let slot = self.names.entry(id.clone()).or_insert_with(|| {
            self.order.push(id);
            Vec::new()
        });
        for name in names {
            if !slot.iter().any(|n| n.text == name.text) {
                slot.push(name);
            }
        }
    }
}

impl Aliases {
    /// The built-in table, built on first use.
    pub fn builtin() -> &'static Aliases {
        static BUILT: OnceLock<Aliases> = OnceLock::new();
        BUILT.get_or_init(|| Aliases::build(Gathered::default()))
    }

    /// The built-in table extended by a user file: one entity per line, names separated by
    /// TAB or " | ", `#` starts a comment line. A first field like `kind:name` is the id;
    /// a line with a built-in id replaces that entity. A name written `=NAME` matches only
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
        for path in paths {
            read_user_file(path, &mut user)?;
        }
        Ok(Aliases::build(user))
    }

    /// The entity a query word or phrase names, if any.
    pub fn lookup(&self, word_or_phrase: &str) -> Option<&Entity> {
        self.find(word_or_phrase).map(|m| m.entity)
    }

    /// Like [`Aliases::lookup`], but a word that is also a common word ("turkey", "mali")
    /// names its entity only when capitalised; spelling variants always expand.
    pub fn lookup_cased(&self, word: &str) -> Option<&Entity> {
        let m = self.find(word)?;
        (!m.common_word || is_capitalised(word)).then_some(m.entity)
    }

    /// The entity a query word or phrase names, with how it matched.
    pub fn find(&self, word_or_phrase: &str) -> Option<Match<'_>> {
        let key = fold_key(word_or_phrase);
        let hits = self.index.get(&key)?;
        let upper = is_upper(word_or_phrase);
        let hit = hits.iter().find(|h| upper || !h.case_sensitive)?;
        let entity = &self.entities[hit.entity as usize];
        let common_word = !entity.id.starts_with(SPELLING) && self.common.contains(&key);
        Some(Match { entity, case_sensitive: hit.case_sensitive, common_word })
    }

    /// The longest runs of `words` that name entities, left to right, without overlap.
    /// A single word goes through [`Aliases::lookup_cased`]; a phrase is never a common word.
    pub fn spans(&self, words: &[&str]) -> Vec<Span<'_>> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let longest = self.max_words.min(words.len() - start);
            let hit = (1..=longest).rev().find_map(|len| {
                let entity = match len {
                    1 => self.lookup_cased(words[start]),
                    _ => self.lookup(&words[start..start + len].join(" ")),
                };
                entity.map(|entity| Span { start, len, entity })
            });
            start += hit.map_or(1, |s| s.len);
            found.extend(hit);
        }
        found
    }

    /// Every entity, user entities first.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Whether a folded name is a common word in one of the languages.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common.contains(&fold_key(word))
    }

    /// Whether a name can stand for its entity in a lowercased index: not an acronym that
    /// is also a common word ("WHO", "UN", "AU" would find every "who", "un", "au").
    pub fn is_searchable_name(&self, name: &str) -> bool {
        let key = fold_key(name);
        let acronym_word = is_upper(name) && self.common.contains(&key);
        let upper_only = self.index.get(&key).is_some_and(|h| h.iter().all(|h| h.case_sensitive));
        !acronym_word && !upper_only
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

    /// The table of the built-in data with `user` entities first, replacing built-in
    /// entities of the same id.
    fn build(user: Gathered) -> Aliases {
        let mut builtin = Gathered::default();
        for (_, text) in BUILTIN {
            for line in text.lines().filter_map(|l| parse_line(l).ok().flatten()) {
                if let Some(id) = line.id {
                    builtin.add(id, line.names);
                }
            }
        }
        let common = COMMON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(str::to_string)
            .collect();
        let mut table = Aliases { common, ..Aliases::default() };
        for (g, skip) in [(&user, None), (&builtin, Some(&user))] {
            for id in &g.order {
                if skip.is_some_and(|u| u.names.contains_key(id)) {
                    continue;
                }
                table.insert(id, &g.names[id]);
            }
        }
        table
    }

    fn insert(&mut self, id: &str, names: &[Name]) {
        let Ok(number) = u32::try_from(self.entities.len()) else { return };
        for Name { text, marked, key } in names {
            let case_sensitive = *marked || is_upper(text) && self.common.contains(key);
            self.max_words = self.max_words.max(key.split(' ').count());
            let hits = self.index.entry(key.clone()).or_default();
            if !hits.iter().any(|h| h.entity == number && h.case_sensitive == case_sensitive) {
                hits.push(Hit { entity: number, case_sensitive });
            }
        }
        let names = names.iter().map(|n| n.text.clone()).collect();
        self.entities.push(Entity { id: id.to_string(), names });
    }
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

/// Reads one user file's entities into `user`.
fn read_user_file(path: &Path, user: &mut Gathered) -> Result<(), FileError> {
    let fail = |line: usize, reason: String| FileError { path: path.to_path_buf(), line, reason };
    let size = std::fs::metadata(path).map_err(|e| fail(0, e.to_string()))?.len();
    if size > MAX_FILE {
        return Err(fail(0, format!("{size} bytes, more than the {MAX_FILE} an alias file may hold")));
    }
    let text = std::fs::read_to_string(path).map_err(|e| fail(0, e.to_string()))?;
    for (n, raw) in text.lines().enumerate() {
        let line = parse_line(raw).map_err(|e| fail(n + 1, e))?;
        if let Some(Line { id, names }) = line {
            let id = id.unwrap_or_else(|| format!("user:{}", names[0].text));
            user.add(id, names);
        }
    }
    Ok(())
}

/// Whether `text` has a letter and no lower-case letter ("WHO", "G7", "НАТО").
fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Whether the first letter of `word` is upper case.
fn is_capitalised(word: &str) -> bool {
    word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

/// Whether a field is an id: `kind:name`, kind in lower-case ASCII, no spaces.
fn is_id(field: &str) -> bool {
    let Some((kind, rest)) = field.split_once(':') else { return false };
    !kind.is_empty()
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && !rest.is_empty()
        && !rest.contains(char::is_whitespace)
}

/// One line of an alias file: `None` for a blank or comment line.
fn parse_line(raw: &str) -> Result<Option<Line>, String> {
    if raw.len() > MAX_LINE {
        return Err(format!("line of {} bytes, longer than {MAX_LINE}", raw.len()));
    }
    let text = raw.trim();
    if text.is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let mut fields: Vec<&str> =
        text.split('\t').flat_map(|f| f.split(" | ")).map(str::trim).filter(|f| !f.is_empty()).collect();
    let id = fields.first().filter(|f| is_id(f)).map(|f| f.to_string());
    if id.is_some() {
        fields.remove(0);
    }
    let mut names = Vec::with_capacity(fields.len());
    for field in fields {
        let (name, marked) = match field.strip_prefix('=') {
            Some(rest) => (rest.trim(), true),
            None => (field, false),
        };
        let key = fold_key(name);
        if key.is_empty() {
            return Err(format!("name {field:?} has no letter or digit"));
        }
        names.push(Name { text: name.to_string(), marked, key });
    }
    // Without an id a lone name aliases nothing; with one it may cut a built-in entity.
    match (id.is_some(), names.len()) {
        (true, 0) => return Err("an id without a name".to_string()),
        (false, n @ 0..=1) => return Err(format!("a line without an id needs two names or more, found {n}")),
        _ => {}
    }
    Ok(Some(Line { id, names }))
}

#[cfg(test)]
mod tests;
