//! `briefs like` through the real binary, on the seeds.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// Runs `like` with JSON output; returns the terms object and the hits.
fn like(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (Value, Vec<Value>) {
    let mut cmd = briefs(dir);
    cmd.arg("like").args(args).arg("--json");
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&out.stderr));
    let mut lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let terms = lines.remove(0);
    (terms, lines)
}

/// The id of the first passage whose text contains all `words`.
fn find(dir: &std::path::Path, doc: &str, words: &[&str]) -> String {
    let all = search_json(dir, &["*", "-n", "1000"]);
    let hit = all
        .iter()
        .find(|h| {
            let t = h["text"].as_str().unwrap();
            h["doc"].as_str().unwrap().contains(doc) && words.iter().all(|w| t.contains(w))
        })
        .unwrap_or_else(|| panic!("no passage in {doc} with {words:?}"));
    hit["id"].as_str().unwrap().to_string()
}

fn top3_docs(hits: &[Value]) -> Vec<String> {
    hits.iter().take(3).map(|h| h["doc"].as_str().unwrap().to_string()).collect()
}

#[test]
fn geneva_meeting_finds_the_geneva_talks_in_another_brief() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let id = find(tmp.path(), "000_", &["Blinken", "Lavrov", "Geneva"]);
    let (terms, hits) = like(tmp.path(), &[&id, "--other-docs"], None);
    assert!(!terms["terms"].as_array().unwrap().is_empty());
    let top = &hits[..3];
    assert!(
        top.iter()
            .any(|h| h["doc"].as_str().unwrap().contains("001_")
                && h["text"].as_str().unwrap().contains("Geneva")),
        "{:?}",
        top3_docs(&hits)
    );
    assert!(hits.iter().all(|h| !h["doc"].as_str().unwrap().contains("000_")));
}

#[test]
fn normandy_paragraph_finds_the_other_normandy_paragraph() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let id = find(tmp.path(), "001_", &["Normandy", "format"]);
    let (_, hits) = like(tmp.path(), &[&id, "--other-docs"], None);
    assert!(
        hits.iter().take(3).any(|h| h["doc"].as_str().unwrap().contains("000_")
            && h["text"].as_str().unwrap().contains("Normandy")),
        "{:?}",
        top3_docs(&hits)
    );
}

#[test]
fn the_source_passage_is_never_returned_and_terms_are_highlighted() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let id = find(tmp.path(), "000_", &["Blinken", "Lavrov"]);
    let (terms, hits) = like(tmp.path(), &[&id, "-n", "50"], None);
    assert!(hits.iter().all(|h| h["id"] != id.as_str()));
    let same_doc = hits.iter().any(|h| h["doc"].as_str().unwrap().contains("000_"));
    assert!(same_doc, "without --other-docs the same brief may answer");
    let weights: Vec<f64> =
        terms["terms"].as_array().unwrap().iter().map(|t| t["weight"].as_f64().unwrap()).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "terms come best first");
    assert!(!highlighted(&hits[0]).is_empty());
}

#[test]
fn text_on_stdin_or_inline() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let text = "Denmark withdraws its troops from Mali after the Malian authorities asked it to leave the Takuba task force.";
    let (terms, hits) = like(tmp.path(), &["-"], Some(text));
    let chosen: Vec<&str> =
        terms["terms"].as_array().unwrap().iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert!(chosen.contains(&"takuba") && chosen.contains(&"mali"), "{chosen:?}");
    assert!(hits[0]["text"].as_str().unwrap().contains("Mali"));
    let (_, inline) = like(tmp.path(), &["--text", text], None);
    assert_eq!(inline[0]["id"], hits[0]["id"]);
}

#[test]
fn errors_are_clear() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    briefs(tmp.path())
        .args(["like", "seeds/nope.txt#1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no passage with id"));
    briefs(tmp.path())
        .args(["like", "-"])
        .write_stdin("  \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn a_limit_near_the_maximum_is_accepted_and_one_above_refused() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let id = find(tmp.path(), "000", &["Geneva"]);
    let (_, hits) = like(tmp.path(), &[&id, "-n", "9990"], None);
    assert!(hits.len() > 10, "{} hits", hits.len());
    briefs(tmp.path())
        .args(["like", &id, "-n", "10001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-n must be between 1 and 10000, got 10001"));
}

#[test]
fn like_by_text_uses_every_language_shows_words_and_puts_exact_copies_first() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/data/queries"), &tmp.path().join("briefs"));
    index(tmp.path(), &["briefs"]);
    let text = "Negotiations on a ceasefire stalled again; the negotiators blamed each other for shelling near the Black Sea coast.";
    let (terms, hits) = like(tmp.path(), &["--text", text], None);
    assert_eq!(hits[0]["exact"], true, "{hits:?}");
    assert!(hits[0]["text"].as_str().unwrap().starts_with("Negotiations on a ceasefire"));
    assert!(hits.iter().skip(1).all(|h| h.get("exact").is_none()));
    let words: Vec<&str> =
        terms["terms"].as_array().unwrap().iter().map(|t| t["word"].as_str().unwrap()).collect();
    assert!(words.contains(&"Negotiations") && words.contains(&"shelling"), "surface words: {words:?}");
    assert!(!words.contains(&"negoti") && !words.contains(&"shell"), "not stems: {words:?}");
    let (_, by_id) = like(tmp.path(), &[hits[0]["id"].as_str().unwrap()], None);
    assert!(by_id.iter().all(|h| h["id"] != hits[0]["id"]), "like ID leaves out its source");
    let english = "Ukrainian drones hit a Russian oil refinery and troops moved to Romania";
    let (terms, _) = like(tmp.path(), &["--text", english], None);
    assert!(terms["terms"].as_array().unwrap().len() >= 2, "{terms}");
}

#[test]
fn like_an_id_leaves_out_the_lightly_edited_copies_of_its_passage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let wire = "Russian forces launched a wave of drones and missiles at the energy grid overnight, \
        officials said, leaving thousands of homes in the region without power as temperatures fell \
        below freezing and repair crews worked through the morning to restore supplies.";
    for day in 1..=4 {
        write(dir, &format!("docs/wire{day}.txt"), format!("KYIV, March {day} (Wire) — {wire}\n").as_bytes());
    }
    write(dir, "docs/grid.txt", b"Engineers restored power to most homes by evening after the strikes on the energy grid, the regional governor said, adding that repair crews would keep working overnight.\n");
    index(dir, &["docs"]);
    let out = briefs(dir).args(["like", "docs/wire1.txt#1", "--json"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let hits: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "hit")
        .collect();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["docs/grid.txt#1"], "{stdout}");
    // With --all each copy is its own hit: they fill the first page before they are
    // left out, and the page is filled again.
    let out = briefs(dir).args(["like", "docs/wire1.txt#1", "--all", "-n", "1", "--json"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"id\":\"docs/grid.txt#1\""), "{stdout}");
}

#[test]
fn like_finds_the_same_story_in_other_languages_by_its_names() {
    let tmp = indexed_docs(&[
        ("de.txt", "Deutschland wird eine zusätzliche Panzerbrigade nach Litauen verlegen, bestätigte die Bundeswehr."),
        ("en.txt", "Germany will deploy an additional armoured brigade to Lithuania, the ministry confirmed on Tuesday."),
        ("fr.txt", "L'Allemagne déploiera une brigade blindée supplémentaire en Lituanie, a confirmé le ministère."),
        ("en_other.txt", "The weather service warned of heavy rain across the northern valleys on Tuesday."),
        ("de_other.txt", "Die Regierung verlegte die Sitzung wegen des Wetters auf die nächste Woche, bestätigte ein Sprecher."),
    ]);
    let id = search_json(tmp.path(), &["Panzerbrigade"])[0]["id"].as_str().unwrap().to_string();
    let (terms, hits) = like(tmp.path(), &[&id], None);
    let docs: Vec<String> =
        hits.iter().map(|h| h["doc"].as_str().unwrap().rsplit('/').next().unwrap().to_string()).collect();
    // The English and French reports share its names (Germany, Lithuania), not its words.
    for doc in ["en.txt", "fr.txt"] {
        assert!(docs.iter().take(3).any(|d| d == doc), "{doc}: {docs:?}");
    }
    assert!(!docs.contains(&"en_other.txt".to_string()), "{docs:?}");
    let words: Vec<&str> =
        terms["terms"].as_array().unwrap().iter().filter_map(|t| t["word"].as_str()).collect();
    assert!(words.contains(&"Allemagne") && words.contains(&"Lithuania"), "{words:?}");
}

#[test]
fn in_a_folder_of_one_story_like_finds_its_other_reports_by_its_own_words() {
    // Sixty passages, fifteen of them reports of one strike: its words are in a quarter
    // of the folder, and still what the example is about.
    let places = ["Kharkiv", "Sumy", "Poltava", "Chernihiv", "Dnipro"];
    let strike = |i: usize| {
        format!(
            "Russian missiles struck an energy facility in the {} region overnight, killing {} people and \
             injuring {}, the regional governor said on day {i} of the blackout.",
            places[i % 5],
            i + 2,
            i + 30
        )
    };
    let topics = [
        "grain exports through the Danube ports",
        "naval drills in the Baltic Sea",
        "a new \
        training mission for armoured brigades",
    ];
    let mut files: Vec<(String, String)> =
        (0..15).map(|i| (format!("strike{i:02}.txt"), strike(i))).collect();
    for i in 0..45 {
        let other = format!("Ministers discussed {} at meeting number {i}, officials said.", topics[i % 3]);
        files.push((format!("other{i:02}.txt"), other));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let tmp = indexed_docs(&files);
    let id = find(tmp.path(), "strike00", &["missiles"]);
    let (_, hits) = like(tmp.path(), &[&id, "-n", "10"], None);
    assert_eq!(hits.len(), 10, "{hits:?}");
    assert!(hits.iter().all(|h| h["doc"].as_str().unwrap().contains("strike")), "{hits:?}");
}
