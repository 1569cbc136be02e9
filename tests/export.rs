//! `briefs export --format opensearch`: the files are JSON throughout, documents hold
//! only mapped fields, every passage goes out once, and re-exports are stable.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// JSON lines of three documents in three languages, with and without dates.
const CORPUS: &str = concat!(
    r#"{"id":"un-en","title":"Statement","source":"UN","date":"2021-05","text":"The delegation of Norway welcomes the ceasefire agreement.\nWe call on all parties to respect the humanitarian corridors and the monitoring mission."}"#,
    "\n",
    r#"{"id":"un-fr","title":"Déclaration","source":"ONU","date":"1999","text":"La délégation française salue l'accord de cessez-le-feu signé hier.\nNous appelons toutes les parties à respecter les couloirs humanitaires et la mission."}"#,
    "\n",
    r#"{"id":"un-de","title":"Erklärung","source":"UNO","text":"Die deutsche Delegation begrüßt das Waffenstillstandsabkommen ausdrücklich.\nWir fordern alle Parteien auf, die humanitären Korridore und die Beobachtermission zu achten."}"#,
    "\n"
);

/// An action line, its document, and the two lines as written.
struct Pair {
    action: Value,
    doc: Value,
    text: String,
}

/// Runs `briefs export` in `dir` into `out` and returns its stdout and stderr.
fn export(dir: &Path, out: &str) -> (String, String) {
    let run = briefs(dir).args(["export", "--format", "opensearch", "--out", out]).assert().success();
    let output = run.get_output();
    (String::from_utf8(output.stdout.clone()).unwrap(), String::from_utf8(output.stderr.clone()).unwrap())
}

/// The bulk file as pairs; every line must be JSON and actions and documents alternate.
fn pairs(path: &Path) -> Vec<Pair> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'), "the bulk file ends with a newline");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() % 2, 0, "an action line and a document per passage");
    let json = |l: &str| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
    lines
        .chunks(2)
        .map(|c| Pair { action: json(c[0]), doc: json(c[1]), text: format!("{}\n{}\n", c[0], c[1]) })
        .collect()
}

/// The mapping file's properties, and each property's sub-fields.
fn mapping(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("mapping.json is JSON")
}

fn ids_of(pairs: &[Pair]) -> Vec<String> {
    pairs.iter().map(|p| p.doc["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_passage_goes_out_once_as_mapped_json() {
    let tmp = seeded();
    let dir = tmp.path();
    write(dir, "corpus.jsonl", CORPUS.as_bytes());
    briefs(dir).args(["index", "seeds", "corpus.jsonl", "--commit-every", "2"]).assert().success();
    let (stdout, _) = export(dir, "out");
    let out = dir.join("out");
    let names: BTreeSet<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, BTreeSet::from(["mapping.json".to_string(), "passages.ndjson".to_string()]));

    let mapping = mapping(&out.join("mapping.json"));
    let properties = mapping["mappings"]["properties"].as_object().expect("properties");
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    let pairs = pairs(&out.join("passages.ndjson"));
    assert!(stdout.starts_with(&format!("{} passages", pairs.len())), "{stdout}");
    for pair in &pairs {
        assert_eq!(pair.action["index"]["_index"], "briefs");
        assert_eq!(pair.action["index"]["_id"], pair.doc["id"]);
        let keys = pair.doc.as_object().unwrap();
        for key in keys.keys() {
            assert!(properties.contains_key(key), "{key} is not in the mapping");
        }
        for key in ["id", "doc", "file", "lang", "source", "title", "paragraph", "start", "end", "text"] {
            assert!(keys.contains_key(key), "{key} missing from {}", pair.doc);
        }
        let lang = pair.doc["lang"].as_str().unwrap();
        if ["en", "fr", "de"].contains(&lang) {
            assert!(properties["text"]["fields"][lang].is_object(), "no text.{lang}");
        }
    }

    let ids = ids_of(&pairs);
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "an id went out twice");
    assert!(ids.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()), "not sorted by id");
    let searched: BTreeSet<String> = search_json(dir, &["*", "-n", "10000"])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    // The export carries ids as stored (canonical paths); search shows them relative.
    let root = format!("{}/", std::fs::canonicalize(dir).unwrap().to_string_lossy());
    let exported: BTreeSet<String> =
        unique.into_iter().map(|id| id.strip_prefix(&root).unwrap_or(id).to_string()).collect();
    assert_eq!(exported, searched);

    let by_doc = |doc: &'static str| pairs.iter().filter(move |p| p.doc["doc"] == doc).map(|p| &p.doc);
    assert!(by_doc("un-fr").all(|d| d["lang"] == "fr"
        && d["date"] == "1999"
        && d["file"].as_str().unwrap().ends_with("/corpus.jsonl")));
    assert!(by_doc("un-de").all(|d| d["lang"] == "de" && d.get("date").is_none()));
    assert!(by_doc("un-en").all(|d| d["date"] == "2021-05" && d["source"] == "UN"));
    for doc in ["un-en", "un-fr", "un-de"] {
        assert!(by_doc(doc).count() > 0, "{doc}");
    }
    let files: BTreeSet<&str> = pairs.iter().map(|p| p.doc["file"].as_str().unwrap()).collect();
    let seeds = std::fs::read_dir(dir.join("seeds")).unwrap().count();
    assert_eq!(files.len(), seeds + 1, "{files:?}");
    let shown = |f: &&str| f.strip_prefix(root.as_str()).unwrap_or(f).to_string();
    assert!(files.iter().map(shown).all(|f| f == "corpus.jsonl" || f.starts_with("seeds/")), "{files:?}");
}

#[test]
fn a_re_export_changes_only_the_new_passages() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    export(dir, "before");
    write(
        dir,
        "seeds/zz-new.txt",
        b"Frigates of the northern fleet sailed at dawn.\n\nThe convoy reached port.\n",
    );
    index(dir, &["seeds"]);
    export(dir, "after");
    let before = std::fs::read_to_string(dir.join("before/passages.ndjson")).unwrap();
    let after = pairs(&dir.join("after/passages.ndjson"));
    let (new, old): (Vec<&Pair>, Vec<&Pair>) =
        after.iter().partition(|p| p.doc["file"].as_str().unwrap().ends_with("/seeds/zz-new.txt"));
    assert_eq!(new.len(), 2, "both new passages appear");
    assert_eq!(old.iter().map(|p| p.text.as_str()).collect::<String>(), before, "the rest is byte-identical");

    briefs(dir).args(["index", "seeds", "--full", "--commit-every", "3"]).assert().success();
    export(dir, "rebuilt");
    let rebuilt = std::fs::read(dir.join("rebuilt/passages.ndjson")).unwrap();
    assert_eq!(rebuilt, std::fs::read(dir.join("after/passages.ndjson")).unwrap(), "same index, same bytes");
}

#[test]
fn passages_opensearch_would_refuse_are_reported_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let long = "x".repeat(600);
    let a = format!(
        "{{\"id\":\"{long}\",\"text\":\"A passage whose id is far too long for OpenSearch.\"}}\n\
         {{\"id\":\"vague\",\"date\":\"sometime in spring\",\"text\":\"A passage whose date is not a date.\"}}\n\
         {{\"id\":\"same\",\"text\":\"The first passage with a shared id.\"}}\n"
    );
    write(dir, "in/a.jsonl", a.as_bytes());
    write(dir, "in/b.jsonl", b"{\"id\":\"same\",\"text\":\"The second passage with a shared id.\"}\n");
    index(dir, &["in"]);
    let (stdout, stderr) = export(dir, "out");
    assert!(stdout.starts_with("3 passages"), "{stdout}");
    assert!(stderr.contains("1 passage(s) left out: id longer than 512 bytes"), "{stderr}");
    // Ids are unique in an index (the second `same` is `same~2`), and a date that is
    // not a date is not stored.
    let pairs = pairs(&dir.join("out/passages.ndjson"));
    assert_eq!(ids_of(&pairs), ["same#1", "same~2#1", "vague#1"]);
    assert!(pairs[2].doc.get("date").is_none());
    assert_ne!(pairs[0].doc["file"], pairs[1].doc["file"]);
}

#[test]
fn no_index_is_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = briefs(tmp.path()).args(["--index", "missing", "export", "--out", "out"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no index"), "{stderr}");
    assert!(!tmp.path().join("out").exists());
}
