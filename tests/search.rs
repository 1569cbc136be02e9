//! The core job on the seeds, through the real binary.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn normandy_format_phrase_hits_both_briefs_with_both_words_highlighted() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let hits = search_json(tmp.path(), &["\"Normandy format\""]);
    let docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert!(docs.iter().any(|d| d.contains("000_")), "{docs:?}");
    assert!(docs.iter().any(|d| d.contains("001_")), "{docs:?}");
    for hit in &hits {
        let words: Vec<String> = highlighted(hit).iter().map(|w| w.to_lowercase()).collect();
        if words.is_empty() {
            // Matched through its section heading, weighted below the text.
            let section = hit["section"].as_str().unwrap().to_lowercase();
            assert!(section.contains("normandy") && section.contains("format"), "{hit}");
            continue;
        }
        assert_eq!(words.len(), 1, "one phrase occurrence: {words:?}");
        assert!(words[0].starts_with("normandy") && words[0].ends_with("format"), "{words:?}");
    }
    let first_by_heading = hits.iter().position(|h| highlighted(h).is_empty()).unwrap_or(hits.len());
    assert!(hits[first_by_heading..].iter().all(|h| highlighted(h).is_empty()), "text matches rank first");
}

#[test]
fn title_and_section_words_find_their_passages() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let hits = search_json(tmp.path(), &["rapprochement"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["section"] == "Franco-British rapprochement"), "{hits:?}");
    let hits = search_json(tmp.path(), &["Luxembourg Incubation Forum", "-n", "1"]);
    assert!(hits[0]["section"].as_str().unwrap().starts_with("Industry (1/2) › Luxembourg"));
}

#[test]
fn json_hits_carry_every_field_and_valid_offsets() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let hits = search_json(tmp.path(), &["troops", "-n", "3"]);
    assert_eq!(hits.len(), 3);
    for (i, hit) in hits.iter().enumerate() {
        for key in [
            "id",
            "doc",
            "paragraph",
            "title",
            "section",
            "source",
            "date",
            "start",
            "end",
            "lang",
            "text",
            "score",
        ] {
            assert!(hit.get(key).is_some(), "missing {key} in {hit}");
        }
        assert_eq!(hit["rank"], i + 1);
        let doc = hit["doc"].as_str().unwrap();
        assert_eq!(hit["id"], format!("{doc}#{}", hit["paragraph"]));
        assert_eq!(hit["source"], "seeds");
        let raw = std::fs::read_to_string(tmp.path().join(doc)).unwrap();
        let (s, e) = (hit["start"].as_u64().unwrap() as usize, hit["end"].as_u64().unwrap() as usize);
        let words = hit["text"].as_str().unwrap().split_whitespace().next().unwrap();
        assert!(raw[s..e].starts_with(words), "offsets {s}..{e} miss the passage");
        for w in highlighted(hit) {
            assert_eq!(w.to_lowercase(), "troops");
        }
    }
}

#[test]
fn geneva_talks_rank_first_for_blinken_lavrov_geneva() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let hits = search_json(tmp.path(), &["Blinken Lavrov Geneva", "-n", "3"]);
    let top = &hits[0];
    let doc = top["doc"].as_str().unwrap();
    assert!(doc.contains("000_") || doc.contains("001_"), "{doc}");
    assert!(top["text"].as_str().unwrap().contains("Geneva"));
}

#[test]
fn headings_are_sections_and_markup_is_gone() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let all = search_json(tmp.path(), &["*", "-n", "1000"]);
    assert!(all.len() > 50);
    assert!(all.iter().all(|h| h["text"] != "Industry (1/2)"));
    let industry =
        |h: &&serde_json::Value| h["section"].as_str().is_some_and(|s| s.starts_with("Industry (1/2) › "));
    assert!(all.iter().any(|h| industry(&h)));
    assert!(all.iter().any(|h| h["section"] == "Last developments and current status on the Ukraine crisis"));
    for chrome in ["Elise Vincent", "Alexander Grushko, Russian Deputy Foreign Minister", "Le Monde"] {
        assert!(all.iter().all(|h| h["section"] != chrome), "{chrome} is not a section of its own");
    }
    for furniture in ["0", "Latest", "-"] {
        assert!(all.iter().all(|h| h["text"] != furniture), "{furniture} is not a passage");
    }
    for h in &all {
        assert!(!h["text"].as_str().unwrap().contains("[EN](#)"));
        assert!(!h["title"].as_str().unwrap().contains("[EN](#)"));
        assert!(!h["snippet"]["fragment"].as_str().unwrap().contains("](#)"));
    }
    let dated: Vec<_> = all.iter().filter(|h| h["doc"].as_str().unwrap().contains("002_")).collect();
    // An aggregator page (dated Jun 20, 2025) carrying a Le Monde letter of 23 Nov 2024.
    assert!(!dated.is_empty());
    assert!(dated.iter().all(|h| h["date"] == "2024-11-23" && h["source"] == "Le Monde"), "{dated:?}");
}

#[test]
fn exit_codes_follow_grep() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    briefs(tmp.path()).args(["search", "Romania"]).assert().code(0);
    briefs(tmp.path()).args(["search", "xylophonequartz"]).assert().code(1).stdout("");
    briefs(tmp.path())
        .args(["search", "(troops"])
        .assert()
        .code(0)
        .stderr(predicate::str::starts_with("briefs: note: an unclosed '(' was closed at the end\n"));
    briefs(tmp.path())
        .args(["search", "(troops", "--strict"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("briefs: bad query: an unclosed '(' was closed at the end"));
}

#[test]
fn bad_queries_get_one_clear_line() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let out = briefs(tmp.path()).args(["search", "\"Normandy format", "--strict"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unclosed quote"), "{err}");
    briefs(tmp.path())
        .args(["search", "\"Normandy format"])
        .assert()
        .code(0)
        .stderr(predicate::str::starts_with("briefs: note: an unclosed quote was ignored\n"));
    briefs(tmp.path())
        .args(["search", "  "])
        .assert()
        .code(2)
        .stderr("briefs: bad query: the query has no word to search\n");
    briefs(tmp.path())
        .args(["search", "troops", "-n", "0"])
        .assert()
        .code(2)
        .stderr("briefs: -n must be between 1 and 10000, got 0\n");
    let usage_errors = [
        (&["search"][..], "the following required arguments were not provided: <QUERY>"),
        (&["search", "x", "-n", "abc"], "invalid value 'abc' for '--limit <LIMIT>'"),
        (&["search", "x", "--color", "maybe"], "invalid value 'maybe' for '--color <COLOR>'"),
        (&["nosuch"], "unrecognized subcommand 'nosuch'"),
    ];
    for (args, message) in usage_errors {
        let out = briefs(tmp.path()).args(args).assert().code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("briefs: error: ") && err.contains(message), "{args:?}: {err}");
    }
    briefs(tmp.path()).arg("--help").assert().code(0);
}

#[test]
fn plain_mode_searches_words_as_typed() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let hits = search_json(tmp.path(), &["What did Blinken say (in Geneva)?", "--plain"]);
    assert!(!hits.is_empty());
}

#[test]
fn a_missing_index_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = briefs(tmp.path()).args(["--index", "nowhere", "search", "troops"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no index at nowhere"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(!err.contains("panicked"));
}

#[test]
fn first_search_builds_the_index_from_seeds() {
    let tmp = seeded();
    briefs(tmp.path())
        .args(["search", "troops Romania"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("indexing seeds/"))
        .stdout(predicate::str::contains("Romania"));
    assert!(tmp.path().join("index/meta.json").is_file());
}

#[test]
fn colour_is_opt_in_and_markers_stay_without_it() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    briefs(tmp.path())
        .args(["--color", "always", "search", "Romania", "-n", "1"])
        .assert()
        .stdout(predicate::str::contains("\x1b[1;31mRomania\x1b[0m"));
    briefs(tmp.path())
        .args(["search", "Romania", "-n", "1"])
        .assert()
        .stdout(predicate::str::contains("[Romania]").and(predicate::str::contains("\x1b").not()));
}

#[test]
fn index_env_var_sets_the_folder() {
    let tmp = seeded();
    briefs(tmp.path()).env("BRIEFS_INDEX", "elsewhere").args(["index", "seeds"]).assert().success();
    assert!(tmp.path().join("elsewhere/meta.json").is_file());
}

#[test]
fn query_words_side_by_side_outrank_the_same_words_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // The passage with the words apart is the shorter: BM25 alone ranks it first.
    write(
        dir,
        "docs/a_apart.txt",
        b"The air force got new trucks, and the ministry said the defence budget would grow.\n",
    );
    write(dir, "docs/b_together.txt", b"The ministry ordered new air defence batteries for the eastern border, where drones crossed twice last month and the radar coverage was thin.\n");
    write(dir, "docs/c.txt", b"Fishing boats returned to port after the storm.\n");
    write(dir, "docs/d.txt", b"The harvest was late because of the rain.\n");
    index(dir, &["docs"]);
    let hits = search_json(dir, &["air defence"]);
    let docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["docs/b_together.txt", "docs/a_apart.txt"]);
}

#[test]
fn an_exclusion_needs_no_separator_and_options_still_count() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = briefs(tmp.path()).args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().filter(|l| l.contains("\"type\":\"hit\"")).map(str::to_string).collect()
    };
    let with_separator = ids(&["search", "--json", "-n", "40", "--", "troops", "-Romania"]);
    assert!(!with_separator.is_empty());
    assert!(with_separator.iter().all(|hit| !hit.contains("Romania")));
    // The exclusion typed as the README shows it, options before and after the words.
    assert_eq!(ids(&["search", "troops", "-Romania", "--json", "-n", "40"]), with_separator);
    assert_eq!(ids(&["search", "--json", "troops", "-Romania", "-n40"]), with_separator);
    assert!(ids(&["search", "--json", "-n", "40", "troops"]).len() > with_separator.len());
    briefs(tmp.path()).args(["search", "troops", "--bogus"]).assert().code(2);
}

#[test]
fn index_with_no_path_no_index_and_no_seeds_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    briefs(tmp.path()).args(["index"]).assert().code(2).stderr(predicate::str::contains(
        "seeds: no such file or folder (give the files or folders to index)",
    ));
    assert!(!tmp.path().join("index").exists());
}

#[test]
fn a_greeting_does_not_outrank_the_paragraph_under_the_same_title() {
    let tmp = indexed_docs(&[
        (
            "digest.md",
            "# Daily: Kinzhal intercepts\n\nTeam,\n\nAir force reports two Kinzhal missiles intercepted over Kyiv by Patriot batteries overnight.\n\nRegards,\nOps\n",
        ),
        ("other.md", "# Report\n\nThe brigade moved north after heavy shelling near the river.\n"),
    ]);
    let hits = search_json(tmp.path(), &["Kinzhal"]);
    assert!(hits[0]["text"].as_str().unwrap().contains("Kinzhal missiles"), "{:?}", hits[0]["text"]);
}

#[test]
fn a_passage_found_by_its_title_alone_ranks_below_those_that_name_the_words() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = "Weekly notes on Kyiv and Kharkiv\n\n\
        The port of Odesa reported three ships hit by drones overnight.\n\n\
        In Vilnius, ministers agreed to speed up the brigade's deployment.\n";
    write(tmp.path(), "docs/notes.md", notes.as_bytes());
    write(
        tmp.path(),
        "docs/kyiv.txt",
        b"Air raid sirens sounded across Kyiv overnight as drones approached the capital from the north.",
    );
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["Kyiv"]);
    let first = hits[0]["doc"].as_str().unwrap();
    assert!(first.ends_with("kyiv.txt"), "the passage naming Kyiv first: {hits:?}");
    // The title still finds its passages, below.
    assert_eq!(hits.len(), 3, "{hits:?}");
}

#[test]
fn a_passage_matched_by_its_title_alone_shows_the_match_in_its_title() {
    let tmp = indexed_docs(&[(
        "kharkiv.md",
        "# Kharkiv under glide bomb attack\n\nThe city council said three schools were damaged overnight.\n",
    )]);
    let hits = search_json(tmp.path(), &["glide"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let title = hits[0]["title"].as_str().unwrap();
    let ranges = hits[0]["title_highlights"].as_array().unwrap();
    let marked: Vec<&str> = ranges
        .iter()
        .map(|r| &title[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["glide"], "{}", hits[0]);
    assert!(hits[0]["snippet"]["highlights"].as_array().unwrap().is_empty());
    let out = briefs(tmp.path()).args(["search", "glide", "--color", "never"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kharkiv under [glide] bomb attack"), "{text}");
}
