//! Language detection and stemmed matching on small French, German, Spanish and
//! English fixtures, and the file styles and formats the indexer reads.

use std::io::Write;

use predicates::prelude::*;

use crate::util::*;

fn lang_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/data/lang"), &tmp.path().join("briefs"));
    index(tmp.path(), &["briefs"]);
    tmp
}

fn top(tmp: &tempfile::TempDir, query: &str) -> serde_json::Value {
    let hits = search_json(tmp.path(), &[query]);
    assert!(!hits.is_empty(), "no hit for {query}");
    hits[0].clone()
}

#[test]
fn paragraphs_get_their_language() {
    let tmp = lang_dir();
    let all = search_json(tmp.path(), &["*", "-n", "100"]);
    let mut ids: Vec<&str> = all.iter().map(|h| h["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "each passage once");
    let titled =
        search_json(tmp.path(), &["title:lagebericht OR negotiations OR Verhandlungen", "-n", "100"]);
    let mut ids: Vec<&str> = titled.iter().map(|h| h["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), titled.len(), "each passage once when several language parts match it");
    assert!(
        titled.iter().filter(|h| h["lang"] == "de").count() >= 3,
        "all German passages match through the title"
    );
    for (file, lang) in [("fr_", "fr"), ("de_", "de"), ("es_", "es"), ("en_", "en")] {
        let hits: Vec<_> = all.iter().filter(|h| h["doc"].as_str().unwrap().contains(file)).collect();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h["lang"] == lang), "{file}: {hits:?}");
    }
}

#[test]
fn inflected_forms_match_without_naming_the_language() {
    let tmp = lang_dir();
    let cases = [
        ("négociation", "fr", "négociations"),
        ("Verhandlung", "de", "Verhandlungen"),
        ("negociación", "es", "negociaciones"),
        ("negotiating", "en", "Negotiations"),
        ("Serguei", "fr", "Sergueï"),
    ];
    for (query, lang, word) in cases {
        let hit = top(&tmp, query);
        assert_eq!(hit["lang"], lang, "{query}");
        assert!(highlighted(&hit).iter().any(|w| w == word), "{query}: {:?}", highlighted(&hit));
    }
}

#[test]
fn language_and_date_filters() {
    let tmp = lang_dir();
    let hits = search_json(tmp.path(), &["*", "--lang", "de", "-n", "50"]);
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h["lang"] == "de" && h["date"] == "2023-03-03"));
    briefs(tmp.path())
        .args(["search", "troops", "--lang", "pl"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("briefs: no passage matches \"troops\"\n");
    briefs(tmp.path())
        .args(["search", "(troops", "--lang", "pl", "--strict"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("briefs: bad query: an unclosed '(' was closed at the end"));
    let dated = search_json(tmp.path(), &["*", "--since", "2022", "--until", "2022-12", "-n", "50"]);
    assert!(!dated.is_empty());
    assert!(dated.iter().all(|h| h["date"] == "2022-02-12"));
}

#[test]
fn line_per_paragraph_files_and_headings() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("d")).unwrap();
    let text = "Allied talks have stalled\nThe allies disagree on sending troops to Ukraine.\nBudget\nThe budget for the mission is not agreed yet.\n";
    std::fs::write(tmp.path().join("d/lines.txt"), text).unwrap();
    index(tmp.path(), &["d"]);
    let all = search_json(tmp.path(), &["*"]);
    let texts: Vec<&str> = all.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert_eq!(all.len(), 2, "{texts:?}");
    let budget = all.iter().find(|h| h["paragraph"] == 2).unwrap();
    assert_eq!(budget["section"], "Budget");
    assert_eq!(budget["id"], "d/lines.txt#2");
    assert_eq!(budget["title"], "Allied talks have stalled");
}

#[test]
fn json_lines_gz_documents_are_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("c")).unwrap();
    let lines = [
        r#"{"id": "un-1", "title": "Statement", "source": "UNGDC", "date": "1999", "text": "Peace in the region needs disarmament.\nSanctions have failed.", "extra": 1}"#,
        r#"{"id": "un-2", "title": "Other", "text": "Nuclear disarmament talks must resume."}"#,
    ];
    let file = std::fs::File::create(tmp.path().join("c/corpus.jsonl.gz")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    gz.write_all(lines.join("\n").as_bytes()).unwrap();
    gz.finish().unwrap();
    let summary = index(tmp.path(), &["c"]);
    assert!(summary.contains("2 documents, 3 paragraphs"), "{summary}");
    let hits = search_json(tmp.path(), &["disarmament"]);
    assert_eq!(hits.len(), 2);
    let un1 = hits.iter().find(|h| h["doc"] == "un-1").unwrap();
    assert_eq!(un1["id"], "un-1#1");
    assert_eq!(
        (un1["title"].as_str(), un1["source"].as_str(), un1["date"].as_str()),
        (Some("Statement"), Some("UNGDC"), Some("1999"))
    );
    let un2 = hits.iter().find(|h| h["doc"] == "un-2").unwrap();
    assert_eq!(un2["source"], "c");
    let filtered = search_json(tmp.path(), &["disarmament", "--source", "ungdc"]);
    assert_eq!(filtered.len(), 1);
}
