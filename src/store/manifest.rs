//! The manifest kept in each commit's payload: the indexed roots, and file key →
//! content hash for exactly the files whose passages are complete in that commit.
//! Keys and roots are canonical paths (see [`crate::ingest::paths`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};
use crate::ingest::paths::under;

/// Version of the on-disk layout; a different one asks for `--full`.
/// 2: canonical file keys and ids, roots, stored `file` and `line`, fast `source`.
/// 3: stored `page`.
/// 4: copy sketches (`copy`), fast `paragraph`, Ukrainian text fields.
/// 5: a document's passages are consecutive doc ids of one segment.
/// 6: fast `copy` (the sketch bands read per matching passage).
/// 7: Ukrainian stems meet across Київ's і/є alternation (`Києві` is indexed as `київ`).
/// 8: reversed terms (`ends_<lang>`) of the languages that write compounds closed.
/// 9: numbered lines of a series are no longer dropped as boilerplate.
/// 10: the acronyms of a passage (`caps`), so that `UN` is not French `un`.
/// 11: names that are common words (`Turkey`) marked in `caps` where capitalised.
/// 12: copy sketches leave out a wire dateline (`KYIV, April 9 (Reuters) -`); no word is
///     stemmed to a letter or a short stop word; an apostrophe inside a Cyrillic word.
/// 13: a dateline's dash need not be followed by a space (`(Reuters) -Russian`); a
///     Cyrillic paragraph's letters overrule a Bulgarian, Russian or Ukrainian guess; a
///     short hard-wrapped text is one paragraph; a stem under five letters has no name key.
/// 14: designations marked in `caps` (`#s300`), so that `S-300` is not `U.S. 300`; a
///     passage of under five words carries its title in its heading only.
/// 15: every capitalised word naming a built-in entity marked in `caps` by it (not only
///     Cyrillic ones), so that another language's name is not a common word
///     (`суми`), and a text of eight words or more in one case marked `#uncased`; a
///     capitalised place before a wire agency in brackets is a dateline (`Berlin (dpa)
///     -`).
/// 16: copy sketches hash each word once and take one multiplication per minimum (they
///     were a tenth of indexing), and leave out more datelines (`Kyiv, 6 March (Reuters)
///     -`, `KYIV. Reuters -`); a long line in capitals above more capitals is a telex's
///     text, not a heading; a word in two scripts is read in one (`Kyіv`); the
///     `title_at` column says where a passage's title starts in its text field.
/// 17: bands are looked up by their 18-bit keys (`copy_key`), kept whole in the `copy`
///     column only.
/// 18: a country's name inside a longer country's name (`Sudan` in `South Sudan`) is
///     marked in the capitals field by the longer one's entity.
pub(crate) const LAYOUT_VERSION: u32 = 18;

/// The roots and files fully written in a commit.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub(crate) version: u32,
    /// File key → content hash.
    pub(crate) files: BTreeMap<String, String>,
    /// The folders and files indexed, none under another.
    #[serde(default)]
    pub(crate) roots: BTreeSet<String>,
    /// When the commit was made, in seconds since 1970 (UTC).
    #[serde(default)]
    pub(crate) updated: u64,
}

impl Manifest {
    /// The manifest of the last commit (empty for a new index).
    pub(crate) fn load(index: &Index, dir: &Path) -> Result<Manifest> {
        let damaged =
            |e: &dyn std::fmt::Display| Error::Damaged { path: dir.to_path_buf(), reason: e.to_string() };
        let metas = index.load_metas().map_err(|e| damaged(&e))?;
        match metas.payload {
            None => Ok(Manifest { version: LAYOUT_VERSION, ..Manifest::default() }),
            Some(p) => serde_json::from_str(&p).map_err(|e| damaged(&e)),
        }
    }

    /// The roots recorded in the index folder's last commit, read straight from
    /// `meta.json` (for an index that does not open); empty when there are none.
    pub(crate) fn roots_in(dir: &Path) -> BTreeSet<String> {
        let read = || -> Option<BTreeSet<String>> {
            let meta: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join("meta.json")).ok()?).ok()?;
            let manifest: Manifest = serde_json::from_str(meta.get("payload")?.as_str()?).ok()?;
            Some(manifest.roots)
        };
        read().unwrap_or_default()
    }

    /// Refuses a manifest written by another layout version.
    pub(crate) fn check_version(&self, dir: &Path) -> Result<()> {
        if self.version != LAYOUT_VERSION && !self.files.is_empty() {
            let reason = format!("layout version {}", self.version);
            return Err(Error::Damaged { path: dir.to_path_buf(), reason });
        }
        Ok(())
    }

    /// Records a root, unless a recorded root holds it; drops the roots it holds.
    pub(crate) fn add_root(&mut self, key: &str) {
        if self.roots.iter().any(|r| under(key, r)) {
            return;
        }
        self.roots.retain(|r| !under(r, key));
        self.roots.insert(key.to_string());
    }

    /// The recorded root that holds `key`, if any.
    pub(crate) fn root_of(&self, key: &str) -> Option<&str> {
        self.roots.iter().find(|r| under(key, r)).map(String::as_str)
    }

    /// The number of files under `key`.
    pub(crate) fn files_under(&self, key: &str) -> usize {
        self.files
            .range(key.to_string()..)
            .take_while(|(k, _)| k.starts_with(key))
            .filter(|(k, _)| under(k, key))
            .count()
    }

    /// Stamps the time and gives the payload text of a commit.
    pub(crate) fn stamped_payload(&mut self) -> String {
        self.updated =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        serde_json::to_string(self).expect("maps of strings serialise")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_hold_no_other_root() {
        let mut m = Manifest::default();
        m.add_root("/a/seeds/sub");
        m.add_root("/a/seeds2");
        m.add_root("/a/seeds");
        m.add_root("/a/seeds/other");
        assert_eq!(m.roots.iter().collect::<Vec<_>>(), ["/a/seeds", "/a/seeds2"]);
        assert_eq!(m.root_of("/a/seeds/x.txt"), Some("/a/seeds"));
        assert_eq!(m.root_of("/a/seeds3/x.txt"), None);
    }

    #[test]
    fn files_are_counted_by_whole_components() {
        let mut m = Manifest::default();
        for k in ["/a/s/x.txt", "/a/s/y/z.txt", "/a/s2/x.txt", "/a/s.txt"] {
            m.files.insert(k.into(), "h".into());
        }
        assert_eq!(m.files_under("/a/s"), 2);
        assert_eq!(m.files_under("/a"), 4);
    }

    #[test]
    fn old_payloads_parse_and_ask_for_full() {
        let old: Manifest = serde_json::from_str(r#"{"version":1,"files":{"seeds/a.txt":"h"}}"#).unwrap();
        assert!(old.check_version(Path::new("i")).is_err());
    }
}
