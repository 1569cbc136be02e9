//! Compiles the built-in alias table (`src/aliases/data/`) into static Rust, so that no
//! run of briefs parses and folds its 9,000 names at start-up. The parser and the folding
//! are the crate's own files, included here, so the compiled table and a user's file are
//! read by the same code.

#[allow(dead_code)]
#[path = "src/aliases/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/aliases/source.rs"]
mod source;

use std::fmt::Write as _;
use std::path::Path;

/// The data files, highest priority first: a name two entities share goes to the first.
const DATA: &[&str] =
    &["countries", "extra", "orgs", "cities", "places", "people", "weapons", "spelling", "compounds"];

fn main() {
    let dir = Path::new("src/aliases/data");
    println!("cargo:rerun-if-changed=src/aliases/data");
    println!("cargo:rerun-if-changed=src/aliases/fold.rs");
    println!("cargo:rerun-if-changed=src/aliases/source.rs");
    let common = common_keys(&read(&dir.join("common.tsv")));
    let mut gathered = source::Gathered::default();
    for name in DATA {
        let text = read(&dir.join(format!("{name}.tsv")));
        for (n, raw) in text.lines().enumerate() {
            match source::parse_line(raw) {
                Ok(Some(source::Line { id: Some(id), names, .. })) => gathered.add(id, names),
                Ok(Some(_)) => panic!("src/aliases/data/{name}.tsv:{}: a line without an id", n + 1),
                Ok(None) => {}
                Err(e) => panic!("src/aliases/data/{name}.tsv:{}: {e}", n + 1),
            }
        }
    }
    let mut keyed = source::Keyed::default();
    for id in &gathered.order {
        keyed.insert(id, &gathered.names[id], |k| common.binary_search_by(|c| c.0.as_str().cmp(k)).is_ok());
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("aliases.rs");
    std::fs::write(out, rust_source(&keyed, &common)).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The folded names of `common.tsv`, sorted for binary search, each with the languages
/// where it is a dictionary word (comma-separated, merged over its lines).
fn common_keys(text: &str) -> Vec<(String, String)> {
    let mut keys: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let Some(key) = fields.next() else { continue };
        let langs = keys.entry(key.to_string()).or_default();
        for lang in fields.next().unwrap_or("").split(',').filter(|l| !l.is_empty()) {
            if !langs.iter().any(|l| l == lang) {
                langs.push(lang.to_string());
            }
        }
    }
    keys.into_iter().map(|(k, l)| (k, l.join(","))).collect()
}

/// The table as three statics and a constant; keys sorted by bytes, as `str::cmp` orders.
fn rust_source(keyed: &source::Keyed, common: &[(String, String)]) -> String {
    let mut s = String::new();
    let n = keyed.entities.len();
    writeln!(s, "static BUILTIN_ENTITIES: [Entity; {n}] = [").unwrap();
    for (id, names) in &keyed.entities {
        let names: Vec<String> = names.iter().map(|n| format!("Cow::Borrowed({n:?})")).collect();
        let names = names.join(", ");
        writeln!(s, "Entity {{ id: Cow::Borrowed({id:?}), names: Cow::Borrowed(&[{names}]) }},").unwrap();
    }
    s.push_str("];\n");
    let mut keys: Vec<(&String, &Vec<source::Hit>)> = keyed.keys.iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    writeln!(s, "static BUILTIN_KEYS: [(&str, &[Hit]); {}] = [", keys.len()).unwrap();
    for (key, hits) in keys {
        let hits: Vec<String> = hits
            .iter()
            .map(|h| format!("Hit {{ entity: {}, case_sensitive: {} }}", h.entity, h.case_sensitive))
            .collect();
        writeln!(s, "({key:?}, &[{}]),", hits.join(", ")).unwrap();
    }
    s.push_str("];\n");
    writeln!(s, "static BUILTIN_COMMON: [(&str, &str); {}] = {common:?};", common.len()).unwrap();
    writeln!(s, "const BUILTIN_MAX_WORDS: usize = {};", keyed.max_words).unwrap();
    writeln!(s, "#[allow(dead_code)]\nconst BUILTIN_FILES: [&str; {}] = {DATA:?};", DATA.len()).unwrap();
    s
}
