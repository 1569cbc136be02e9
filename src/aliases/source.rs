//! Alias lines read into entities and keyed by their folded names. Shared by the build
//! script, which compiles the built-in data files into a static table, and by
//! [`super::Aliases`], which keys a user's files the same way at run time; one parser
//! and one keying rule, so a user line and a built-in line mean the same.

use super::fold::fold_key;
use std::collections::HashMap;

/// Longest line a user file may hold, in bytes; bounds the work per line.
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// One parsed line: an optional id and names.
#[derive(Debug)]
pub(crate) struct Line {
    pub(crate) id: Option<String>,
    /// The id was written `!kind:name`: the line replaces the entity of that id instead
    /// of adding names to it.
    pub(crate) replace: bool,
    pub(crate) names: Vec<Name>,
}

/// A name as written, its `=` mark (upper case only) and its lookup key, folded once.
#[derive(Debug)]
pub(crate) struct Name {
    pub(crate) text: String,
    pub(crate) marked: bool,
    pub(crate) key: String,
}

/// Entities being gathered: names merged by id, in order of first appearance.
#[derive(Default)]
pub(crate) struct Gathered {
    pub(crate) order: Vec<String>,
    pub(crate) names: HashMap<String, Vec<Name>>,
}

impl Gathered {
    pub(crate) fn add(&mut self, id: String, names: Vec<Name>) {
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

/// A table entry of one folded key: the entity it names (its number in its table) and
/// whether it matches only a query in upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) entity: u32,
    pub(crate) case_sensitive: bool,
}

/// Entities in insertion order and the hits of every folded name; the first hit of a
/// key is the entity inserted first.
#[derive(Debug, Default)]
pub(crate) struct Keyed {
    pub(crate) entities: Vec<(String, Vec<String>)>,
    pub(crate) keys: HashMap<String, Vec<Hit>>,
    pub(crate) max_words: usize,
}

impl Keyed {
    /// Adds one entity; `is_common` tells whether a folded key is a common word, which
    /// makes an all-capitals name ("WHO") match only in upper case.
    pub(crate) fn insert(&mut self, id: &str, names: &[Name], is_common: impl Fn(&str) -> bool) {
        let Ok(number) = u32::try_from(self.entities.len()) else { return };
        for Name { text, marked, key } in names {
            let case_sensitive = *marked || is_upper(text) && is_common(key);
            self.max_words = self.max_words.max(key.split(' ').count());
            let hits = self.keys.entry(key.clone()).or_default();
            let hit = Hit { entity: number, case_sensitive };
            if !hits.contains(&hit) {
                hits.push(hit);
            }
        }
        let names = names.iter().map(|n| n.text.clone()).collect();
        self.entities.push((id.to_string(), names));
    }
}

/// Whether `text` has a letter and no lower-case letter ("WHO", "G7", "НАТО").
pub(crate) fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
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
pub(crate) fn parse_line(raw: &str) -> Result<Option<Line>, String> {
    if raw.len() > MAX_LINE {
        return Err(format!("line of {} bytes, longer than {MAX_LINE}", raw.len()));
    }
    let text = raw.trim();
    if text.is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let mut fields: Vec<&str> =
        text.split('\t').flat_map(|f| f.split(" | ")).map(str::trim).filter(|f| !f.is_empty()).collect();
    let first = fields.first().copied().unwrap_or_default();
    let (replace, first) = match first.strip_prefix('!') {
        Some(rest) if is_id(rest) => (true, rest),
        _ => (false, first),
    };
    let id = is_id(first).then(|| first.to_string());
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
    Ok(Some(Line { id, replace, names }))
}
