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
    let german = all.iter().filter(|h| h["lang"] == "de").count();
    assert!(german >= 2);
    assert_eq!(
        titled.iter().filter(|h| h["lang"] == "de").count(),
        german,
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
    // The title and its dateline are not passages: the two paragraphs are.
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h["lang"] == "de" && h["date"] == "2023-03-03"));
    briefs(tmp.path()).args(["search", "troops", "--lang", "pl"]).assert().code(1).stdout("").stderr(
        "briefs: note: no passage of the index is in language pl (`briefs stats` lists its languages)\n\
             briefs: no passage matches \"troops\"\n",
    );
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

#[test]
fn markdown_files_are_read_as_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/data/split"), &tmp.path().join("md"));
    index(tmp.path(), &["md"]);
    let all = search_json(tmp.path(), &["*", "-n", "50"]);
    assert_eq!(all.len(), 8, "front matter, headings and chrome are not passages");
    for h in &all {
        assert_eq!(h["title"], "Weekly defence brief: Baltic air policing");
        assert_eq!(
            (h["source"].as_str(), h["date"].as_str()),
            (Some("Joint Analysis Cell"), Some("2024-03-12"))
        );
        let text = h["text"].as_str().unwrap();
        assert!(!text.contains("**") && !text.contains('#') && !text.contains("---"), "{text}");
    }
    let rows = search_json(tmp.path(), &["Eurofighter", "--source", "joint analysis"]);
    assert!(rows.iter().any(|h| h["text"] == "Spain | 8 Eurofighter | Šiauliai"), "{rows:?}");
    let by_heading = search_json(tmp.path(), &["station"]);
    assert!(!by_heading.is_empty());
    assert!(by_heading.iter().all(|h| h["section"].as_str().unwrap().ends_with("Aircraft on station")));
}

/// One-sentence files in one folder, English, German and Spanish mixed: a sentence too
/// short to tell its own language takes one the folder has established.
#[test]
fn one_sentence_files_take_their_folder_s_languages() {
    let sample = std::fs::read_to_string(repo().join("tests/data/langs/xquad_sentences.tsv")).unwrap();
    let rows: Vec<(&str, &str)> = sample.lines().filter_map(|l| l.split_once('\t')).collect();
    assert!(rows.len() >= 900, "{} rows", rows.len());
    let tmp = tempfile::tempdir().unwrap();
    for (i, (_, sentence)) in rows.iter().enumerate() {
        // Interleaved names, so that the languages come mixed in walk order.
        write(&tmp.path().join("briefs"), &format!("{:04}.txt", (i * 7919) % 10007), sentence.as_bytes());
    }
    index(tmp.path(), &["briefs"]);
    let hits = search_json(tmp.path(), &["*", "-n", "10000"]);
    assert_eq!(hits.len(), rows.len());
    let wrong: Vec<String> = hits
        .iter()
        .filter_map(|h| {
            let name = h["doc"].as_str().unwrap().trim_start_matches("briefs/").trim_end_matches(".txt");
            let i = (0..rows.len()).find(|i| format!("{:04}", (i * 7919) % 10007) == name).unwrap();
            (h["lang"] != rows[i].0).then(|| format!("{}→{} {}", rows[i].0, h["lang"], rows[i].1))
        })
        .collect();
    eprintln!("{} of {} one-sentence files tagged wrong: {wrong:?}", wrong.len(), rows.len());
    assert!(wrong.len() * 200 <= rows.len(), "{} of {} wrong: {wrong:#?}", wrong.len(), rows.len());
}

/// A JSON `lang` field states the document's language; what is stated wins.
#[test]
fn a_stated_json_language_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "lang": "de", "text": "Nord Stream."}"#,
        r#"{"id": "b", "lang": "Spanish", "text": "Costa."}"#,
        r#"{"id": "c", "text": "The convoy crossed the border at dawn, officials said."}"#,
    ];
    write(tmp.path(), "feed.jsonl", lines.join("\n").as_bytes());
    index(tmp.path(), &["feed.jsonl"]);
    let langs: std::collections::BTreeMap<String, String> = search_json(tmp.path(), &["*"])
        .iter()
        .map(|h| (h["doc"].as_str().unwrap().to_string(), h["lang"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(langs["a"], "de");
    assert_eq!(langs["b"], "es");
    assert_eq!(langs["c"], "en");
}

#[test]
fn stop_words_of_the_query_language_are_not_searched_in_other_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let texts = [
        ("en_match.txt", "The home team won the game on Sunday, said the coach who trained them all season."),
        ("en_other.txt", "Heavy rain fell across the northern valleys, and the river rose overnight."),
        (
            "de_film.txt",
            "Der Film „Doctor Who and the Daleks“ lief im Sommer in den Kinos der Stadt, berichtete \
             die Zeitung am Montag. Die Kritiker lobten die Bilder und die Musik des Films.",
        ),
    ];
    for (name, text) in texts {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["who won the game", "-n", "10"]);
    let docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["docs/en_match.txt"], "English `who` and `the` are no words of the German passage");
    let german = search_json(tmp.path(), &["Doctor Who", "-n", "10"]);
    assert!(german.iter().any(|h| h["doc"] == "docs/de_film.txt"), "the title itself is found");
    // As German as it is English (`war` is a German stop word): no word is dropped.
    write(tmp.path(), "docs/en_gaza.txt", b"The war in Gaza entered its second year, the agencies said.");
    write(
        tmp.path(),
        "docs/de_gaza.txt",
        "Die Lage in Gaza war am Montag unklar, berichtete die Zeitung.".as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["war in Gaza", "-n", "10"]);
    let english = hits.iter().find(|h| h["doc"] == "docs/en_gaza.txt").expect("the English passage");
    assert!(highlighted(english).iter().any(|w| w == "war"), "{:?}", highlighted(english));
}

#[test]
fn ukrainian_and_polish_prepositions_are_not_searched() {
    let tmp = indexed_docs(&[
        ("kyiv.txt", "Президент виступив у Києві перед депутатами з новою програмою оборони."),
        ("lviv.txt", "У Львові у понеділок у центрі міста пройшла акція у підтримку військових."),
        ("kijow.txt", "Prezydent przemawiał w Kijowie przed deputowanymi o nowym programie obrony."),
        ("wroclaw.txt", "We Wrocławiu w poniedziałek w centrum miasta odbyła się akcja w obronie wojska."),
    ]);
    for (query, found) in [("у Києві", "kyiv.txt"), ("w Kijowie", "kijow.txt")] {
        let hits = search_json(tmp.path(), &[query, "-n", "20"]);
        let docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
        assert!(docs.iter().any(|d| d.ends_with(found)), "{query}: {docs:?}");
        assert!(
            docs.iter().all(|d| !d.ends_with("lviv.txt") && !d.ends_with("wroclaw.txt")),
            "{query}: {docs:?}"
        );
    }
}

#[test]
fn a_one_line_brief_in_another_language_among_french_ones_keeps_its_language() {
    let fr = "Les forces ukrainiennes ont repoussé une attaque près de Bakhmout, selon l'état-major.";
    let tmp = indexed_docs(&[
        ("fr1.txt", fr),
        ("fr2.txt", &fr.replace("Bakhmout", "Avdiïvka")),
        ("fr3.txt", &fr.replace("Bakhmout", "Koupiansk")),
        ("de.txt", "Präsident Selenskyj traf Bundeskanzler Scholz am Donnerstagabend in Berlin."),
    ]);
    let hits = search_json(tmp.path(), &["Bundeskanzler"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["lang"], "de", "{hits:?}");
}
