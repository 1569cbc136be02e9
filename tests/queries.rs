//! Queries as analysts type them (issue: any typed text is a query), on fixtures of
//! their own in tests/data/queries.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// A temp folder with the query fixtures indexed.
fn indexed() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/data/queries"), &tmp.path().join("briefs"));
    index(tmp.path(), &["briefs"]);
    tmp
}

/// Every JSON line of a search, with its exit code and stderr.
fn run(dir: &std::path::Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = briefs(dir).arg("search").args(args).arg("--json").output().unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    let values = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (out.status.code().unwrap(), values, String::from_utf8(out.stderr).unwrap())
}

/// The names of the files a search's hits are in, sorted, each once.
fn files_found(dir: &std::path::Path, query: &str) -> Vec<String> {
    let mut found: Vec<String> = search_json(dir, &[query])
        .iter()
        .map(|h| h["file"].as_str().unwrap().rsplit(['/', '\\']).next().unwrap().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

fn texts(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|h| h["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn everyday_text_is_searched_as_words() {
    let tmp = indexed();
    let cases = [
        ("NATO's troops", "battlegroups"),
        ("Black Sea:", "Black Sea coast"),
        ("https://example.org", "example.org"),
        ("air\u{a0}defence", "air defence"),
        ("ceasefire?", "ceasefire"),
        ("(ransomware", "ransomware"),
        ("\"field hospitals", "field hospitals"),
        ("payroll/servers", "payroll"),
    ];
    for (query, expected) in cases {
        let (code, _, err) = run(tmp.path(), &[query]);
        assert_eq!(code, 0, "{query}: {err}");
        let hits = search_json(tmp.path(), &[query]);
        assert!(texts(&hits)[0].contains(expected), "{query}: {:?}", texts(&hits));
    }
}

#[test]
fn repairs_are_noted_and_strict_refuses_them() {
    let tmp = indexed();
    briefs(tmp.path())
        .args(["search", "ransomware", "AND"])
        .assert()
        .code(0)
        .stderr(predicate::str::starts_with("briefs: note: 'AND' at the end has nothing after it"));
    briefs(tmp.path())
        .args(["search", "ransomware AND", "--strict"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("briefs: bad query: 'AND' at the end"));
    briefs(tmp.path()).args(["search", "ransomware", "--strict"]).assert().code(0).stderr("");
}

#[test]
fn several_words_are_one_query() {
    let tmp = indexed();
    let one = search_json(tmp.path(), &["troops Romania"]);
    let many = search_json(tmp.path(), &["troops", "Romania"]);
    assert_eq!(texts(&one), texts(&many));
    assert!(!many.is_empty());
}

#[test]
fn operators_keep_working() {
    let tmp = indexed();
    let phrase = search_json(tmp.path(), &["\"field hospitals\""]);
    assert_eq!(phrase.len(), 1);
    assert_eq!(highlighted(&phrase[0]), ["field hospitals"], "the phrase, as one range");
    let not = search_json(tmp.path(), &["servers -payroll"]);
    assert!(texts(&not).iter().all(|t| !t.contains("payroll")) && !not.is_empty());
    let and = search_json(tmp.path(), &["servers AND weeks"]);
    assert_eq!(and.len(), 1);
    let field = search_json(tmp.path(), &["title:cyber"]);
    assert!(field.iter().all(|h| h["title"] == "Cyber brief") && !field.is_empty());
    let group = search_json(tmp.path(), &["(frégates OR battlegroups) -Romania"]);
    assert_eq!(texts(&group).len(), 1, "{:?}", texts(&group));
}

#[test]
fn prefix_and_fuzzy_words_find_their_words() {
    let tmp = indexed();
    let prefix = search_json(tmp.path(), &["negot*"]);
    assert_eq!(prefix.len(), 1, "{:?}", texts(&prefix));
    assert!(texts(&prefix)[0].contains("Negotiations"));
    let both = search_json(tmp.path(), &["négo*"]);
    assert_eq!(both.len(), 2, "accents folded, every language: {:?}", texts(&both));
    let fuzzy = search_json(tmp.path(), &["Zelensky~1"]);
    assert_eq!(fuzzy.len(), 1);
    assert!(texts(&fuzzy)[0].contains("Zelenskyy"));
    let (code, _, err) = run(tmp.path(), &["n*"]);
    assert!(code <= 1 && err.contains("a prefix needs 2 letters"), "{err}");
}

#[test]
fn stop_words_stay_in_phrases_and_acronyms_are_words() {
    let tmp = indexed();
    let who = search_json(tmp.path(), &["WHO"]);
    assert_eq!(texts(&who).len(), 1, "WHO, not who: {:?}", texts(&who));
    assert!(texts(&who)[0].contains("WHO"));
    let phrase = search_json(tmp.path(), &["\"The WHO warned\""]);
    assert_eq!(phrase.len(), 1);
    assert_eq!(highlighted(&phrase[0]), ["The WHO warned"], "only the phrase occurrence");
    let it = search_json(tmp.path(), &["IT department"]);
    assert!(texts(&it)[0].contains("IT department"));
    let only_stops = search_json(tmp.path(), &["it is not"]);
    assert!(!only_stops.is_empty(), "a query of stop words searches them");
    let (code, _, err) = run(tmp.path(), &["--", "-payroll"]);
    assert_eq!(code, 2);
    assert!(err.contains("only excludes words"), "{err}");
}

#[test]
fn results_say_how_many_matched_and_json_lines_say_what_they_are() {
    let tmp = indexed();
    let (code, lines, _) = run(tmp.path(), &["servers", "-n", "1"]);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["type"], "hit");
    let totals = lines.iter().find(|l| l["type"] == "totals").unwrap();
    assert_eq!((totals["passages"].as_u64(), totals["documents"].as_u64()), (Some(2), Some(1)));
    let (_, lines, _) = run(tmp.path(), &["servers OR frégates", "--facets"]);
    let facets = lines.iter().find(|l| l["type"] == "facets").unwrap();
    let langs: Vec<(&str, u64)> = facets["lang"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap(), v["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(langs, [("en", 2), ("fr", 1)]);
}

#[test]
fn a_suggested_name_keeps_its_capital() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "General Zaluzhnyi visited the front.\n\nThe troops of Zaluzhnyi held.\n",
    )
    .unwrap();
    std::fs::write(docs.join("b.txt"), "Zaluzhnyi spoke to reporters about the troops.\n").unwrap();
    briefs(tmp.path()).args(["index", "-q"]).arg(&docs).assert().success();
    briefs(tmp.path())
        .args(["search", "zaluzhnii"])
        .assert()
        .code(1)
        .stderr("briefs: no passage matches \"zaluzhnii\"\nbriefs: did you mean Zaluzhnyi?\n");
}

#[test]
fn no_hits_say_so_and_suggest_a_close_word() {
    let tmp = indexed();
    briefs(tmp.path())
        .args(["search", "ransomwere"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("briefs: no passage matches \"ransomwere\"\nbriefs: did you mean ransomware?\n");
    briefs(tmp.path())
        .args(["search", "xylophonequartz"])
        .assert()
        .code(1)
        .stderr("briefs: no passage matches \"xylophonequartz\"\n");
}

#[test]
fn language_codes_in_any_case() {
    let tmp = indexed();
    let upper = search_json(tmp.path(), &["négociations", "--lang", "FR"]);
    assert_eq!(upper.len(), 1);
    assert_eq!(upper[0]["lang"], "fr");
    briefs(tmp.path())
        .args(["search", "x", "--lang", "french"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lang must be a two-letter ISO 639-1 code"));
}

/// A NATO summit brief whose paragraphs match NATO through its heading only, a passage
/// naming Kiev, and (with `french`) a French brief naming Pologne under the OTAN.
fn summit_folder(french: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let summit =
        "# NATO summit opens in Vilnius\n\nLeaders from Poland and the Baltic states asked for more \
        air defence.\n\nMinisters from Germany discussed the budget and new brigades in Lithuania.\n";
    write(dir, "docs/summit.md", summit.as_bytes());
    let kiev = "The alliance met again in Kiev to discuss NATO membership and training for pilots.\n";
    write(dir, "docs/kiev.txt", kiev.as_bytes());
    if french {
        let fr = "# Sommet de l'OTAN\n\nLes dirigeants de la Pologne ont demandé plus de défense aérienne.\n";
        write(dir, "docs/fr.md", fr.as_bytes());
    }
    index(dir, &["docs"]);
    tmp
}

/// The texts of the hits of a query (up to 20).
fn hit_texts(dir: &std::path::Path, query: &str) -> Vec<String> {
    search_json(dir, &["-n", "20", query]).iter().map(|h| h["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn excluded_words_leave_out_passages_matched_through_their_heading_and_other_names() {
    let tmp = summit_folder(false);
    let texts = |query: &str| hit_texts(tmp.path(), query);
    // Both summit paragraphs match NATO through their heading only.
    assert_eq!(texts("NATO").len(), 3);
    let without = texts("NATO -Poland");
    assert_eq!(without.len(), 2, "{without:?}");
    assert!(without.iter().all(|t| !t.contains("Poland")), "{without:?}");
    assert_eq!(texts("NATO -Germany -Poland").len(), 1);
    let without = texts("NATO -Kyiv");
    assert!(
        without.iter().all(|t| !t.contains("Kiev")),
        "an excluded name excludes its other names: {without:?}"
    );
}

#[test]
fn lang_and_source_in_the_query_filter_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        "wire/fr.txt",
        "Les ministres de l'OTAN se sont réunis à Bruxelles pour discuter du budget de la défense.\n"
            .as_bytes(),
    );
    write(
        dir,
        "wire/en.txt",
        b"NATO ministers met in Brussels to discuss the defence budget and new brigades.\n",
    );
    write(
        dir,
        "notes/en.txt",
        b"NATO air policing over the Baltic states continues with four fighter jets.\n",
    );
    write(dir, "notes/rain.txt", b"Heavy rain flooded the roads north of the capital on Monday.\n");
    index(dir, &["wire", "notes"]);
    let ids = |query: &str| -> Vec<String> {
        let mut ids: Vec<String> =
            search_json(dir, &[query]).iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids("NATO").len(), 3);
    assert_eq!(ids("lang:fr NATO"), ["wire/fr.txt#1"]);
    assert_eq!(ids("lang:en NATO").len(), 2, "the words stay required beside a filter");
    assert_eq!(
        ids("lang:en the"),
        ["notes/en.txt#1", "notes/rain.txt#1", "wire/en.txt#1"],
        "stop words kept"
    );
    assert_eq!(ids("NATO source:notes"), ["notes/en.txt#1"]);
    assert_eq!(ids("lang:fr lang:en NATO").len(), 3, "filters of one field are alternatives");
}

#[test]
fn filters_that_can_match_nothing_say_why() {
    let tmp = indexed();
    let err = briefs(tmp.path())
        .args(["search", "troops", "--since", "2025", "--until", "2020-06"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
    let stderr = String::from_utf8(err.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--since") && stderr.contains("2020-06"), "{stderr}");
    briefs(tmp.path())
        .args(["search", "troops", "--since", "2020-06", "--until", "2020"])
        .assert()
        .code(predicate::in_iter([0, 1]));
    briefs(tmp.path())
        .args(["search", "troops", "--lang", "ua"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no passage of the index is in language ua"));
    briefs(tmp.path())
        .args(["search", "lang:ua troops"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no passage of the index is in language ua"));
    briefs(tmp.path())
        .args(["like", "--text", "!!! ???"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no word"));
}

#[test]
fn every_kind_of_exclusion_leaves_its_passages_out_in_every_language() {
    let tmp = summit_folder(true);
    let texts = |query: &str| hit_texts(tmp.path(), query);
    let holds = |query: &str, word: &str| texts(query).iter().any(|t| t.contains(word));
    assert!(holds("NATO", "Poland") && holds("NATO", "Germany") && holds("NATO", "Pologne"));
    for query in ["NATO -(Poland OR Germany)", "NATO NOT (Poland OR Germany)"] {
        assert!(!holds(query, "Poland") && !holds(query, "Germany"), "{query}: {:?}", texts(query));
    }
    // `-"a phrase"` is an exclusion too (it was a positive phrase); not run here: tantivy's
    // phrase scorer asserts, in debug builds only, on the seeks an exclusion makes.
    for query in ["* -Poland", "title:summit -Poland", "NATO -Poland -lang:fr"] {
        assert!(!holds(query, "Poland") && !holds(query, "Pologne"), "{query}: {:?}", texts(query));
    }
    assert!(!texts("NATO -Poland -lang:fr").is_empty());
}

#[test]
fn soft_hyphens_are_not_part_of_words() {
    let tmp = indexed_docs(&[(
        "de/shy.txt",
        "Die Luft\u{AD}verteidigung der Bundes\u{AD}wehr wird ausgebaut, teilte das Ministerium am Montag mit.",
    )]);
    let hits = search_json(tmp.path(), &["Bundeswehr"]);
    assert_eq!(hits.len(), 1);
    assert!(!hits[0]["text"].as_str().unwrap().contains('\u{AD}'));
    assert_eq!(
        search_json(tmp.path(), &["Luft\u{AD}verteidigung"]).len(),
        1,
        "a pasted query's soft hyphen too"
    );
}

#[test]
fn a_title_word_finds_its_other_forms_and_a_prefix_its_words() {
    let tmp = indexed_docs(&[
        ("en.txt", "Sanctions against Russia\n\nThe Union adopted a new package of measures on Monday.\n"),
        ("de.txt", "Sanktionen gegen Russland\n\nDie Union hat am Montag ein neues Paket beschlossen.\n"),
        ("other.txt", "Air defence update\n\nUkraine received new systems from partners on Monday.\n"),
    ]);
    let files = |q: &str| files_found(tmp.path(), q);
    assert_eq!(files("title:sanction"), ["en.txt"]);
    assert_eq!(files("title:Sanktion"), ["de.txt"]);
    assert_eq!(files("title:sanct*"), ["en.txt"]);
    assert_eq!(files("Monday title:(sanction OR update)"), ["en.txt", "other.txt"]);
}

#[test]
fn a_fuzzy_word_finds_at_least_what_the_word_finds() {
    let tmp = indexed_docs(&[
        ("en.txt", "The minister arrived in Kyiv on Monday for talks."),
        ("ru.txt", "Министр прибыл в Киев в понедельник для переговоров."),
        ("typo.txt", "The minister arrived in Kyv on Monday, the agency wrote."),
    ]);
    let files = |q: &str| files_found(tmp.path(), q);
    assert_eq!(files("Kyiv"), ["en.txt", "ru.txt"]);
    assert_eq!(files("Kyiv~1"), ["en.txt", "ru.txt", "typo.txt"]);
}
