//! Copies collapsed (issue 13): the same paragraph in several files, lightly edited, is
//! one hit that says where else it appears; `--all` lists every copy; a paragraph that
//! only shares a sentence stays a hit of its own. Fixtures are written by each test.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// The paragraph syndicated three times.
const WIRE: &str = "The defence ministry said that two mechanised battalions had been \
    moved to the northern border after a week of artillery fire near the river crossing. \
    Additional air defence units would follow before the end of the month, according to \
    officials who asked not to be named.";

/// Three copies (a dateline each, other spacing and punctuation), one paragraph that
/// quotes its first sentence only, and one unrelated paragraph.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let copies = [
        ("a_wire.txt", format!("KYIV, March 3 (Reuters) - {WIRE}")),
        ("b_digest.txt", format!("Kyiv, 4 March (AFP).   {}", WIRE.replace(", according", " -- according"))),
        ("c_press.txt", WIRE.replace("two mechanised", "two  mechanised").replace(',', " ,")),
    ];
    for (name, text) in copies {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    let quoting = "The defence ministry said that two mechanised battalions had been moved \
        to the northern border after a week of artillery fire near the river crossing. Local \
        farmers complained that the heavy convoys had ruined the roads of the district.";
    write(tmp.path(), "docs/d_quote.txt", quoting.as_bytes());
    let other = "Heavy rain flooded the valley road overnight; the council closed the bridge.";
    write(tmp.path(), "docs/e_other.txt", other.as_bytes());
    index(tmp.path(), &["docs"]);
    tmp
}

fn name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap().split('#').next().unwrap().to_string()
}

/// The hits of a query: file name and the file names of its copies.
fn groups(dir: &Path, args: &[&str]) -> Vec<(String, Vec<String>, u64)> {
    search_json(dir, args)
        .iter()
        .map(|h| {
            let copies: Vec<String> = h["copies"]
                .as_array()
                .map(|c| c.iter().map(|c| name(c["id"].as_str().unwrap())).collect())
                .unwrap_or_default();
            (name(h["doc"].as_str().unwrap()), copies, h["copies_total"].as_u64().unwrap_or(0))
        })
        .collect()
}

#[test]
fn copies_fold_into_one_hit_that_lists_them() {
    let tmp = fixture();
    let found = groups(tmp.path(), &["battalions northern border"]);
    assert_eq!(found.len(), 2, "one group and the quoting paragraph: {found:?}");
    let group = found.iter().find(|g| g.2 > 0).expect("a hit with copies");
    let mut members: Vec<String> = group.1.iter().cloned().chain([group.0.clone()]).collect();
    members.sort();
    assert_eq!(members, ["a_wire.txt", "b_digest.txt", "c_press.txt"], "{found:?}");
    assert_eq!(group.2, 2);
    let quote = found.iter().find(|g| g.0 == "d_quote.txt").expect("the quoting paragraph stays");
    assert!(quote.1.is_empty() && quote.2 == 0, "sharing a sentence is not a copy: {found:?}");
}

#[test]
fn all_lists_every_copy() {
    let tmp = fixture();
    let found = groups(tmp.path(), &["battalions northern border", "--all"]);
    let mut files: Vec<&str> = found.iter().map(|g| g.0.as_str()).collect();
    files.sort();
    assert_eq!(files, ["a_wire.txt", "b_digest.txt", "c_press.txt", "d_quote.txt"]);
    assert!(found.iter().all(|g| g.2 == 0), "--all folds nothing: {found:?}");
}

#[test]
fn copies_are_counted_even_when_the_query_misses_them() {
    let tmp = fixture();
    // Only one copy's dateline says Reuters: the others are found by their sketch.
    let found = groups(tmp.path(), &["Reuters"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "a_wire.txt");
    assert_eq!(found[0].2, 2);
    let mut copies = found[0].1.clone();
    copies.sort();
    assert_eq!(copies, ["b_digest.txt", "c_press.txt"]);
}

#[test]
fn the_standard_output_says_where_else_a_hit_appears() {
    let tmp = fixture();
    let out = briefs(tmp.path()).args(["search", "Reuters"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = text.lines().find(|l| l.contains("also in")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("also in 2 documents"), "{line}");
    assert!(line.contains("b_digest.txt#1") && line.contains("c_press.txt#1"), "{line}");
}

#[test]
fn a_removed_copy_is_no_longer_counted() {
    let tmp = fixture();
    std::fs::remove_file(tmp.path().join("docs/c_press.txt")).unwrap();
    index(tmp.path(), &["docs"]);
    let found = groups(tmp.path(), &["Reuters"]);
    assert_eq!(found[0].1, ["b_digest.txt"]);
    assert_eq!(found[0].2, 1);
}

#[test]
fn copy_ids_are_the_ids_search_shows() {
    let tmp = fixture();
    let ids: Vec<String> = search_json(tmp.path(), &["battalions", "--all"])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    for hit in search_json(tmp.path(), &["battalions"]) {
        for copy in hit["copies"].as_array().into_iter().flatten() {
            let id: &Value = &copy["id"];
            assert!(ids.iter().any(|i| i == id.as_str().unwrap()), "{id} not in {ids:?}");
        }
    }
}

/// The JSON lines of a command other than hits, by type.
fn lines_of_type(dir: &Path, args: &[&str], kind: &str) -> Vec<Value> {
    let out = briefs(dir).args(args).arg("--json").output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let values = text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
    values.filter(|v| v["type"] == kind).collect()
}

#[test]
fn totals_and_facets_count_a_paragraph_and_its_copies_once() {
    let tmp = fixture();
    let args = ["search", "battalions northern border", "--facets"];
    let totals = &lines_of_type(tmp.path(), &args, "totals")[0];
    assert_eq!(totals["passages"], 2, "the group and the quoting paragraph: {totals}");
    assert_eq!(totals["copies"], 2, "{totals}");
    assert_eq!(totals["documents"], 4, "documents holding a match, copies included: {totals}");
    let facets = &lines_of_type(tmp.path(), &args, "facets")[0];
    assert_eq!(facets["lang"][0]["count"], 2, "{facets}");
    // A folder source as the hits show it, relative to where the search runs.
    assert_eq!(facets["source"][0]["value"], "docs", "{facets}");
    let all = [&args[..], &["--all"]].concat();
    let totals = &lines_of_type(tmp.path(), &all, "totals")[0];
    assert_eq!((totals["passages"].as_u64(), totals["copies"].as_u64()), (Some(4), Some(0)), "{totals}");
    assert_eq!(lines_of_type(tmp.path(), &all, "facets")[0]["lang"][0]["count"], 4);
}

#[test]
fn like_lists_a_paragraph_and_its_copies_as_one_hit() {
    let tmp = fixture();
    let text = "Two mechanised battalions were moved to the northern border after artillery fire.";
    let hits = |extra: &[&str]| -> Vec<Value> {
        let args = [&["like", "--text", text][..], extra].concat();
        lines_of_type(tmp.path(), &args, "hit")
    };
    let folded = hits(&[]);
    assert_eq!(folded.len(), 2, "the group and the quoting paragraph: {folded:?}");
    let group = folded.iter().find(|h| h["copies_total"] == 2).expect("a hit with two copies");
    let mut members: Vec<String> =
        group["copies"].as_array().unwrap().iter().map(|c| name(c["id"].as_str().unwrap())).collect();
    members.push(name(group["doc"].as_str().unwrap()));
    members.sort();
    assert_eq!(members, ["a_wire.txt", "b_digest.txt", "c_press.txt"]);
    assert_eq!(hits(&["--all"]).len(), 4, "--all lists each copy");
}

#[test]
fn totals_agree_with_the_hit_list_when_it_shows_every_match() {
    let tmp = tempfile::tempdir().unwrap();
    let strike = "Russian forces launched 42 Shahed drones and three Iskander missiles at the Odesa \
        region overnight, the Ukrainian Air Force said, adding that air defence units destroyed 38 \
        of the drones over the Black Sea coast.";
    let damage = "Regional governor Oleh Kiper reported damage to port infrastructure and a grain \
        terminal, with two workers injured and a fire that burned for several hours before \
        emergency crews contained it.";
    let edited = damage.replace("terminal, with two", "terminal with three");
    let analysts = "Analysts at the Institute for the Study of War said the strikes were intended \
        to disrupt grain exports through the Black Sea corridor and to test the density of the \
        southern air defence belt.";
    let briefs = [
        ("a.txt", format!("KYIV, 14 March 2024 — {strike} {damage}")),
        ("b.txt", format!("LONDON (Reuters) - {strike} {damage}")),
        ("c.txt", format!("{strike}  {edited}")),
        ("d.txt", format!("{strike} {analysts}")),
        ("e.txt", format!("On 15 March: {strike} {damage}")),
    ];
    for (name, text) in briefs {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    let found = groups(tmp.path(), &["Shahed"]);
    let listed_copies: u64 = found.iter().map(|(_, _, n)| n).sum();
    let totals = &lines_of_type(tmp.path(), &["search", "Shahed"], "totals")[0];
    assert_eq!(totals["passages"].as_u64(), Some(found.len() as u64), "{totals} {found:?}");
    assert_eq!(totals["copies"].as_u64(), Some(listed_copies), "{totals} {found:?}");
}

#[test]
fn a_wire_paragraph_under_other_datelines_is_one_copy() {
    // The datelines and a name spelt two ways would keep it under the threshold.
    let story = |name: &str| {
        format!(
            "General {name} told reporters that Russian troops had massed near Avdiivka and \
             that Ukraine urgently needed more Patriot interceptors and artillery shells from \
             its Western partners, warning the front could break within weeks."
        )
    };
    let tmp = indexed_docs(&[
        ("d.txt", &format!("KYIV, April 9 (Reuters) - {}", story("Zaluzhnyi"))),
        ("e.txt", &format!("LONDON, April 10 (AFP) - {}", story("Zaluzhny"))),
    ]);
    let found = groups(tmp.path(), &["Patriot interceptors"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, 1, "{found:?}");
}

#[test]
fn one_long_sentence_shared_under_different_comments_is_not_a_copy() {
    let shared = "Poland will spend nearly five percent of its gross domestic product on \
        defence next year, the finance ministry said on Monday, making it the highest spender \
        in the alliance relative to the size of its economy, ahead of the Baltic states.";
    let tmp = indexed_docs(&[
        ("one.txt", &format!("{shared} Critics called it unaffordable.")),
        ("two.txt", &format!("{shared} The prime minister praised the decision warmly.")),
    ]);
    let found = groups(tmp.path(), &["Poland gross domestic product spender"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|g| g.2 == 0), "{found:?}");
}

#[test]
fn a_copy_of_two_hits_is_listed_under_the_better_one_only() {
    let shared = "Russian forces launched a massive drone attack on the port city of Odesa \
        overnight, damaging grain terminals and killing two dock workers, the regional governor said.";
    // The two longer ones rank first (they hold more of the query's words); each has the
    // shorter one as a copy, and they are none of each other's.
    let tmp = indexed_docs(&[
        ("base.txt", shared),
        ("one.txt", &format!("{shared} Exports were suspended until further notice.")),
        ("two.txt", &format!("{shared} Insurers raised their rates for ships calling there.")),
    ]);
    let found = groups(tmp.path(), &["Odesa exports insurers"]);
    let listed: Vec<&String> = found.iter().flat_map(|g| &g.1).collect();
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(listed.len(), unique.len(), "a copy listed twice: {found:?}");
    let shown: usize = found.len() + listed.len();
    assert_eq!(shown, 3, "every passage once, as a hit or a copy: {found:?}");
}

#[test]
fn a_paragraph_that_says_otherwise_is_not_a_copy() {
    let said = "Poland will send tanks to Ukraine next month, the defence minister said on Monday in Warsaw.";
    let tmp = indexed_docs(&[
        ("said.txt", said),
        ("again.txt", &format!("WARSAW (Reuters) - {said}")),
        ("never.txt", &said.replace("will send", "will never send")),
        ("not.txt", &said.replace("will send", "won't send")),
        ("hungary.txt", &said.replace("Poland", "Hungary")),
        ("ru.txt", "Российские войска взяли село Крынки, сообщила украинская армия в понедельник."),
        ("ru_not.txt", "Российские войска не взяли село Крынки, сообщила украинская армия в понедельник."),
    ]);
    let mut found = groups(tmp.path(), &["tanks minister"]);
    found.sort();
    let listed: Vec<(&str, u64)> = found.iter().map(|(d, _, n)| (d.as_str(), *n)).collect();
    // The wire copy is the same story; a denial or another country is not.
    assert_eq!(listed.len(), 4, "{found:?}");
    assert!(listed.iter().any(|(_, n)| *n == 1), "{found:?}");
    let found = groups(tmp.path(), &["Крынки"]);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_short_wire_paragraph_under_another_dateline_folds_and_another_side_does_not() {
    let sentence = "President Volodymyr Zelensky told reporters that Ukraine would not accept any \
        peace plan that required giving up territory, and called on partners to speed up deliveries.";
    let attack = "forces launched a large-scale drone attack on the port of Odesa overnight, damaging \
        grain warehouses and injuring four workers, the regional governor said on Telegram.";
    let tmp = indexed_docs(&[
        ("a.txt", &format!("KYIV, 2 Oct (AFP). {sentence}")),
        ("b.txt", &format!("KYIV, 4 Oct (AFP). {sentence}")),
        ("c.txt", sentence),
        ("russian.txt", &format!("Russian {attack}")),
        ("ukrainian.txt", &format!("Ukrainian {attack}")),
    ]);
    let plan = groups(tmp.path(), &["peace plan territory"]);
    assert_eq!(plan.len(), 1, "{plan:?}");
    assert_eq!(plan[0].2, 2, "{plan:?}");
    let attacks = groups(tmp.path(), &["drone attack Odesa"]);
    assert_eq!(attacks.len(), 2, "whose forces: {attacks:?}");
}

#[test]
fn another_toll_or_year_is_another_paragraph() {
    let strike = "A missile struck the shopping centre in Kramatorsk on Saturday and killed 12 \
        people, rescuers working through the rubble said, as the brigade was withdrawn in June 2023.";
    let tmp = indexed_docs(&[
        ("a.txt", strike),
        ("b.txt", &strike.replace("12", "21")),
        ("c.txt", &strike.replace("2023", "2024")),
        ("d.txt", &strike.replace("shopping centre", "shopping center")),
    ]);
    let found = groups(tmp.path(), &["missile shopping Kramatorsk rubble"]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().any(|(_, copies, _)| copies.len() == 1), "the respelt copy folds: {found:?}");
}

#[test]
fn another_figure_in_words_month_magnitude_or_direction_is_another_paragraph() {
    let strike = "Russian forces shelled the port north of Izmail on 3 March and killed seven dock \
        workers, the regional governor said, adding that repairs would cost $1.5 million.";
    let tmp = indexed_docs(&[
        ("a.txt", strike),
        ("b.txt", &strike.replace("seven", "seventeen")),
        ("c.txt", &strike.replace("March", "May")),
        ("d.txt", &strike.replace("million", "billion")),
        ("e.txt", &strike.replace("north", "south")),
        ("f.txt", &strike.replace("seven", "7")),
        ("g.txt", &format!("Izmail (dpa) - {strike}")),
    ]);
    let found = groups(tmp.path(), &["port Izmail dock workers governor repairs"]);
    assert_eq!(found.len(), 5, "{found:?}");
    let folded = found.iter().find(|(_, copies, _)| !copies.is_empty()).expect("a group");
    assert_eq!(folded.1.len(), 2, "the toll in digits and the dated copy fold: {found:?}");
}

#[test]
fn totals_and_facets_past_the_list_count_what_the_list_would_show() {
    let pledge = "The German government pledged one more Patriot air defence system to Ukraine on \
        12 March, Defence Minister Boris Pistorius said in Berlin, adding that training of the \
        crews would begin at once at a base in Poland.";
    let tmp = indexed_docs(&[
        ("a.txt", pledge),
        ("b.txt", &format!("BERLIN (Reuters) - {pledge}")),
        ("c.txt", &pledge.replace("12 March", "12 April")),
        ("d.txt", &pledge.replace("Poland", "Romania")),
        ("e.txt", &pledge.replace("would begin", "would not begin")),
    ]);
    let query = "Patriot Pistorius crews";
    let every = groups(tmp.path(), &[query, "-n", "10"]);
    assert_eq!(every.len(), 4, "one copy folds, three say otherwise: {every:?}");
    for limit in ["1", "2", "10"] {
        let args = ["search", query, "-n", limit, "--facets"];
        let totals = &lines_of_type(tmp.path(), &args, "totals")[0];
        let counted = (totals["passages"].as_u64(), totals["copies"].as_u64());
        assert_eq!(counted, (Some(4), Some(1)), "-n {limit}: {totals}");
        let facets = &lines_of_type(tmp.path(), &args, "facets")[0];
        assert_eq!(facets["lang"][0]["count"], 4, "-n {limit}: {facets}");
    }
}

#[test]
fn by_date_a_group_is_shown_by_its_newest_copy_and_dates_run_newest_first() {
    let wire = "Poland signed a contract for 96 Apache helicopters worth about 10 billion dollars, \
                the defence ministry in Warsaw said, with deliveries to start within four years.";
    let other = "Poland also ordered more K2 tanks from South Korea, with the first deliveries \
                 expected next year at the earliest.";
    let line = |id: &str, date: &str, text: &str| {
        serde_json::json!({"id": id, "title": id, "date": date, "text": text}).to_string()
    };
    let lines = [
        line("wire-jan", "2024-01-14", wire),
        line("digest-aug", "2024-08-20", &format!("WARSAW, Aug 20 (PAP) - {wire}")),
        line("letter-feb", "2024-02-14", wire),
        line("tanks-mar", "2024-03-05", other),
    ];
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "docs/feed.jsonl", lines.join("\n").as_bytes());
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["--sort", "date", "Poland"]);
    let shown: Vec<(&str, &str)> =
        hits.iter().map(|h| (h["doc"].as_str().unwrap(), h["date"].as_str().unwrap())).collect();
    assert_eq!(shown, [("digest-aug", "2024-08-20"), ("tanks-mar", "2024-03-05")]);
    assert_eq!(hits[0]["copies"].as_array().map(Vec::len), Some(2));
}

#[test]
fn copies_outside_the_filters_are_not_listed_with_a_hit() {
    let wire = "Lithuania will host a German brigade of about 4,800 soldiers, the defence ministry \
                in Vilnius said, with the first units to arrive within two years.";
    let line = |id: &str, date: &str, lang: &str| {
        serde_json::json!({"id": id, "date": date, "lang": lang, "text": wire}).to_string()
    };
    let lines = [
        line("wire-jan", "2024-01-14", "en"),
        line("digest-may", "2024-05-20", "en"),
        line("letter-jun", "2024-06-02", "en"),
        line("press-jul", "2024-07-09", "en"),
    ];
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "docs/feed.jsonl", lines.join("\n").as_bytes());
    index(tmp.path(), &["docs"]);
    let docs = |h: &Value| -> Vec<String> {
        let copies = h["copies"].as_array().into_iter().flatten();
        let mut docs: Vec<String> = copies.map(|c| c["doc"].as_str().unwrap().to_string()).collect();
        docs.push(h["doc"].as_str().unwrap().to_string());
        docs.sort();
        docs
    };
    let all = search_json(tmp.path(), &["brigade"]);
    assert_eq!(docs(&all[0]).len(), 4, "{}", all[0]);
    let hits = search_json(tmp.path(), &["brigade", "--since", "2024-05", "--until", "2024-06"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(docs(&hits[0]), ["digest-may", "letter-jun"], "{}", hits[0]);
    assert_eq!(hits[0]["copies_total"], 1, "{}", hits[0]);
}

#[test]
fn a_copy_hard_wrapped_with_words_cut_at_line_ends_folds_and_its_cut_words_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let wire = "The exercise Steadfast Defender brought together ninety thousand troops from \
                thirty-one countries, the alliance said, in its largest drill since the end of the Cold War.";
    let wrapped = "The exercise Steadfast Defen-\nder brought together ninety thousand troops from\n\
                   thirty-one coun-\ntries, the alliance said, in its largest drill since the\nend of the Cold War.";
    write(tmp.path(), "docs/a_wire.txt", wire.as_bytes());
    write(tmp.path(), "docs/b_wrapped.txt", wrapped.as_bytes());
    index(tmp.path(), &["docs"]);
    let found = groups(tmp.path(), &["countries"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, 1, "one copy: {found:?}");
    assert_eq!(search_json(tmp.path(), &["Defender", "--all"]).len(), 2);
}
