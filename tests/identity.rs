//! Documents as analysts keep them: a file is the same file however it is reached,
//! the roots are recorded and refreshed, ids stay unique, `index` exits 2 when anything
//! failed, and messages say what is wrong in plain words. Through the real binary, on
//! fixtures made here.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::util::briefs;

/// Writes a text file, making its folders.
fn write_text(dir: &Path, name: &str, text: &str) {
    crate::util::write(dir, name, text.as_bytes());
}

/// A run's exit code, standard output and standard error.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out: Output = briefs(dir).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

/// Runs `index` with `args` (from `dir`), expecting success; returns the summary line.
fn index_ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, &[&["index"], args].concat());
    assert_eq!(code, 0, "index {args:?}: {out}{err}");
    out
}

/// The JSON hits of a search (exit 0 or 1 expected).
fn search(dir: &Path, args: &[&str]) -> Vec<Value> {
    let (code, out, err) = run(dir, &[&["search"], args, &["--json", "-n", "1000"]].concat());
    assert!(code <= 1, "{err}");
    let values = out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
    values.filter(|v| v["type"] == "hit").collect()
}

/// `briefs stats --json`.
fn stats(dir: &Path, index: &str) -> Value {
    let (code, out, err) = run(dir, &["--index", index, "stats", "--json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Three short briefs in `dir/name`.
fn briefs_folder(dir: &Path, name: &str) {
    write_text(
        dir,
        &format!("{name}/a.txt"),
        "Convoy report\n\nConvoys crossed the northern border at dawn under escort.",
    );
    write_text(
        dir,
        &format!("{name}/b.md"),
        "# Naval note\n\nFrigates shadowed the tankers through the strait for a week.",
    );
    write_text(
        dir,
        &format!("{name}/sub/c.txt"),
        "Air note\n\nRadar stations tracked drones over the harbour at night.",
    );
}

fn canonical(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_file_is_the_same_file_however_it_is_reached() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    briefs_folder(dir, "seeds");
    std::fs::create_dir(dir.join("other")).unwrap();
    let first = index_ok(dir, &["--index", "I", "seeds", "other"]);
    assert!(first.contains("added 3, updated 0, removed 0"), "{first}");
    let passages = stats(dir, "I")["passages"].as_u64().unwrap();

    // From another working directory, indexing that directory removes nothing else.
    let there = index_ok(&dir.join("other"), &["--index", "../I", "."]);
    assert!(there.contains("removed 0"), "{there}");
    let absolute = canonical(&dir.join("seeds"));
    let mut ways = vec![absolute.clone(), "./seeds/".to_string(), "seeds/../seeds".to_string()];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("seeds"), dir.join("link")).unwrap();
        ways.push("link".to_string());
    }
    for way in &ways {
        let again = index_ok(dir, &["--index", "I", way]);
        assert!(again.contains("added 0, updated 0, removed 0, unchanged 3"), "{way}: {again}");
    }
    let after = stats(dir, "I");
    assert_eq!(after["passages"].as_u64().unwrap(), passages, "no passage stored twice");
    assert_eq!(after["files"], 3);
    let roots: Vec<&str> =
        after["roots"].as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(roots, ["other", "seeds"], "roots shown relative to the working directory");
}

#[test]
fn hits_show_paths_relative_to_where_briefs_runs_and_ids_work_from_there() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    briefs_folder(dir, "seeds");
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    index_ok(dir, &["--index", "I", "seeds"]);
    let here = search(dir, &["--index", "I", "convoys"]);
    assert_eq!(here.len(), 1);
    assert_eq!(here[0]["file"], "seeds/a.txt");
    assert_eq!(here[0]["doc"], "seeds/a.txt");
    assert_eq!(here[0]["id"], format!("seeds/a.txt#{}", here[0]["paragraph"]));
    assert_eq!(here[0]["source"], "seeds");
    assert_eq!(here[0]["line"], Value::Null);

    let away = dir.join("elsewhere");
    let there = search(&away, &["--index", "../I", "convoys"]);
    let file = canonical(&dir.join("seeds/a.txt"));
    assert_eq!(there[0]["file"].as_str().unwrap(), file, "outside the working directory: the full path");
    assert_eq!(there[0]["id"], format!("{file}#{}", there[0]["paragraph"]));

    // `like` takes an id as shown, wherever it was shown.
    for (cwd, index, id) in [
        (dir, "I", here[0]["id"].as_str().unwrap().to_string()),
        (away.as_path(), "../I", there[0]["id"].as_str().unwrap().to_string()),
        (away.as_path(), "../I", format!("../seeds/a.txt#{}", here[0]["paragraph"])),
    ] {
        let (code, _, err) = run(cwd, &["--index", index, "like", &id]);
        assert!(code <= 1, "{id}: {err}");
    }
    let (code, _, err) = run(dir, &["--index", "I", "like", "seeds/nope.txt#1"]);
    assert_eq!(code, 2);
    assert!(err.contains("no passage"), "{err}");
}

#[test]
fn a_run_removes_only_files_under_its_roots() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "seeds/a.txt", "Convoys crossed the northern border at dawn.");
    write_text(dir, "seeds/b.txt", "Frigates shadowed the tankers through the strait.");
    write_text(dir, "seeds2/c.txt", "Radar stations tracked drones over the harbour.");
    index_ok(dir, &["seeds", "seeds2"]);
    std::fs::remove_file(dir.join("seeds/b.txt")).unwrap();
    let summary = index_ok(dir, &["seeds"]);
    assert!(summary.contains("removed 1, unchanged 1"), "{summary}");
    assert_eq!(search(dir, &["drones"]).len(), 1, "seeds2 shares a name prefix but is another folder");
    assert!(search(dir, &["frigates"]).is_empty());
}

#[test]
fn index_without_paths_refreshes_every_recorded_root() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "seeds/a.txt", "Convoys crossed the northern border at dawn.");
    write_text(dir, "one/a.txt", "Frigates shadowed the tankers through the strait.");
    write_text(dir, "two/b.txt", "Radar stations tracked drones over the harbour.");
    // No roots yet: `seeds`.
    assert!(index_ok(dir, &[]).contains("added 1"));
    index_ok(dir, &["one", "two/b.txt"]);
    write_text(dir, "one/a.txt", "Frigates and corvettes shadowed the tankers through the strait.");
    write_text(dir, "one/new.txt", "Engineers repaired the damaged bridge within two days.");
    write_text(dir, "seeds/more.txt", "Artillery duels continued overnight along the river.");
    let summary = index_ok(dir, &[]);
    assert!(summary.contains("added 2, updated 1, removed 0, unchanged 2"), "{summary}");
    assert_eq!(search(dir, &["corvettes"]).len(), 1);
    assert_eq!(search(dir, &["artillery"]).len(), 1);
}

#[test]
fn a_missing_root_is_reported_and_its_files_kept_until_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "drive/a.txt", "Convoys crossed the northern border at dawn.");
    write_text(dir, "drive/b.txt", "Frigates shadowed the tankers through the strait.");
    write_text(dir, "local/c.txt", "Radar stations tracked drones over the harbour.");
    index_ok(dir, &["drive", "local"]);
    std::fs::rename(dir.join("drive"), dir.join("unmounted")).unwrap();

    for args in [&["index"][..], &["index", "drive"], &["index", "--full"]] {
        let (code, out, err) = run(dir, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("root drive is missing; its 2 files are kept; `briefs remove drive` forgets them"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(search(dir, &["convoys"]).len(), 1, "{args:?}: kept");
        assert_eq!(search(dir, &["drones"]).len(), 1, "{args:?}");
    }
    let st = stats(dir, "index");
    let drive = st["roots"].as_array().unwrap().iter().find(|r| r["path"] == "drive").unwrap().clone();
    assert_eq!((drive["missing"].as_bool(), drive["files"].as_u64()), (Some(true), Some(2)));
    let (_, text, _) = run(dir, &["stats"]);
    assert!(text.contains("drive (MISSING, 2 files kept)"), "{text}");

    let (code, out, err) = run(dir, &["remove", "drive"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed 2 files; forgot roots: drive"), "{out}");
    assert!(search(dir, &["convoys"]).is_empty());
    assert_eq!(search(dir, &["drones"]).len(), 1);
    let (code, out, err) = run(dir, &["index"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(stats(dir, "index")["roots"].as_array().unwrap().len(), 1);
}

#[test]
fn remove_takes_files_and_folders_and_says_when_nothing_was_there() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    briefs_folder(dir, "seeds");
    index_ok(dir, &["seeds"]);
    let (code, out, err) = run(dir, &["remove", "seeds/sub"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed 1 file\n") || out.ends_with("removed 1 file"), "{out}");
    assert!(err.contains("inside the indexed root seeds"), "{err}");
    assert!(search(dir, &["drones"]).is_empty());
    let (code, _, err) = run(dir, &["remove", "nowhere"]);
    assert_eq!(code, 1);
    assert!(err.contains("nowhere: nothing indexed there"), "{err}");
    // The root stays: the next refresh brings the folder back.
    assert!(index_ok(dir, &[]).contains("added 1"));
}

#[cfg(unix)]
#[test]
fn a_file_reached_through_a_link_goes_with_the_last_root_that_reaches_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "real/x.txt", "Troops crossed the Dnipro near Kherson on Monday morning.");
    write_text(dir, "a/y.txt", "Artillery duels continued near Bakhmut through the night.");
    write_text(dir, "b/z.txt", "Air defence units were moved closer to the capital.");
    std::os::unix::fs::symlink(dir.join("real"), dir.join("a/link")).unwrap();
    std::os::unix::fs::symlink(dir.join("real"), dir.join("b/link")).unwrap();
    index_ok(dir, &["a", "b"]);
    assert_eq!(search(dir, &["Kherson"]).len(), 1);
    // `b` still reaches it.
    assert_eq!(run(dir, &["remove", "a"]).0, 0);
    assert_eq!(search(dir, &["Kherson"]).len(), 1);
    // No root does any more.
    let (code, out, err) = run(dir, &["remove", "b"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed 2 files"), "{out}");
    assert!(search(dir, &["Kherson"]).is_empty());
    assert_eq!(stats(dir, "index")["files"], 0);
}

#[test]
fn stats_count_what_the_index_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(
        dir,
        "c/en.txt",
        "Supply report\n3 March 2024\n\nConvoys crossed the northern border at dawn under escort.",
    );
    write_text(
        dir,
        "c/fr.txt",
        "Note\n\nLes frégates ont suivi les pétroliers dans le détroit pendant une semaine entière.",
    );
    write_text(
        dir,
        "c/un.jsonl",
        concat!(
            r#"{"id":"u1","source":"UNGDC","date":"1999","text":"Peace in the region needs disarmament and patient diplomacy."}"#,
            "\n",
            r#"{"id":"u2","source":"UNGDC","date":"2001-09","text":"Sanctions have failed to stop the arms trade in the region."}"#,
            "\n"
        ),
    );
    index_ok(dir, &["c"]);
    let st = stats(dir, "index");
    let all = search(dir, &["*"]);
    assert_eq!(st["passages"].as_u64().unwrap(), all.len() as u64);
    assert_eq!((st["files"].as_u64(), st["documents"].as_u64()), (Some(3), Some(4)));
    let count = |key: &str, value: &str| st[key][value].as_u64().unwrap_or(0);
    let lang = |l: &str| all.iter().filter(|h| h["lang"] == l).count() as u64;
    assert_eq!((count("languages", "en"), count("languages", "fr")), (lang("en"), lang("fr")));
    assert_eq!(count("sources", "UNGDC"), 2);
    assert_eq!(
        count("sources", "c"),
        all.len() as u64 - 2,
        "a text file's source is its folder, shown relative"
    );
    assert_eq!((count("years", "1999"), count("years", "2001")), (1, 1));
    let dated_2024 = all.iter().filter(|h| h["date"].as_str().is_some_and(|d| d.starts_with("2024"))).count();
    assert_eq!(count("years", "2024"), dated_2024 as u64);
    assert!(st["bytes"].as_u64().unwrap() > 0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert!(st["updated"].as_u64().unwrap().abs_diff(now) < 600);
    let (code, text, _) = run(dir, &["stats"]);
    assert_eq!(code, 0);
    for heading in ["index", "roots", "files", "documents", "passages", "languages", "sources", "years"] {
        assert!(text.lines().any(|l| l.starts_with(heading)), "{heading}: {text}");
    }
    assert!(text.contains("UNGDC 2"), "{text}");
}

#[test]
fn clashing_json_ids_get_unique_ids_and_both_stay_reachable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(
        dir,
        "c/one.jsonl",
        "{\"id\":\"a\",\"text\":\"Convoys crossed the northern border at dawn.\"}\n",
    );
    write_text(
        dir,
        "c/two.jsonl",
        concat!(
            "\n",
            r#"{"id":"a","text":"Frigates shadowed the tankers through the strait."}"#,
            "\n",
            r#"{"id":"a","text":"Radar stations tracked drones over the harbour."}"#,
            "\n"
        ),
    );
    let (code, out, err) = run(dir, &["index", "c"]);
    assert_eq!(code, 0, "a clash is resolved, not a failure: {out}{err}");
    assert!(err.contains("c/two.jsonl: line 2: id \"a\" is already used at c/one.jsonl: line 1"), "{err}");
    assert!(err.contains("c/two.jsonl: line 3: id \"a\""), "{err}");
    let all = search(dir, &["*"]);
    let ids: std::collections::BTreeSet<&str> = all.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    for hit in &all {
        let (code, _, err) = run(dir, &["like", hit["id"].as_str().unwrap()]);
        assert!(code <= 1, "{err}");
    }
    let frigates = &search(dir, &["frigates"])[0];
    assert_eq!((frigates["file"].as_str(), frigates["line"].as_u64()), (Some("c/two.jsonl"), Some(2)));
    let (_, text, _) = run(dir, &["search", "frigates"]);
    assert!(text.contains("c/two.jsonl:2"), "{text}");

    // Stable: a changed file keeps its ids, and its own old version is no clash.
    let frigates_id = frigates["id"].as_str().unwrap().to_string();
    write_text(
        dir,
        "c/one.jsonl",
        "{\"id\":\"a\",\"text\":\"Convoys crossed the southern border at dusk.\"}\n",
    );
    write_text(
        dir,
        "c/two.jsonl",
        concat!(
            "\n",
            r#"{"id":"a","text":"Frigates shadowed the tankers through the narrow strait."}"#,
            "\n",
            r#"{"id":"a","text":"Radar stations tracked drones over the harbour."}"#,
            "\n"
        ),
    );
    let (code, _, err) = run(dir, &["index", "c/one.jsonl"]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
    assert_eq!(search(dir, &["southern"])[0]["id"], "a#1");
    run(dir, &["index", "c"]);
    assert_eq!(search(dir, &["narrow"])[0]["id"], frigates_id.as_str());
    assert_eq!(search(dir, &["*"]).len(), 3);
}

#[test]
fn ids_clash_with_what_is_already_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "x/one.jsonl", "{\"id\":7,\"text\":\"Convoys crossed the northern border at dawn.\"}\n");
    write_text(
        dir,
        "y/two.jsonl",
        "{\"id\":\"7\",\"text\":\"Frigates shadowed the tankers through the strait.\"}\n",
    );
    index_ok(dir, &["x"]);
    let (code, _, err) = run(dir, &["index", "y"]);
    assert_eq!(code, 0);
    assert!(err.contains("y/two.jsonl: line 1: id \"7\" is already used at x/one.jsonl: line 1"), "{err}");
    let first = search(dir, &["convoys"]);
    let second = search(dir, &["frigates"]);
    assert_eq!(first[0]["id"], "7#1");
    assert_ne!(second[0]["id"], "7#1");
    let (code, out, _) = run(dir, &["like", second[0]["id"].as_str().unwrap(), "--json"]);
    assert!(code <= 1);
    assert!(out.lines().skip(1).all(|l| !l.contains("Frigates")), "the example itself never comes back");
}

#[test]
fn index_exits_2_when_anything_failed_and_finishes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "in/good.txt", "Convoys crossed the northern border at dawn.");
    write_text(dir, "in/also.md", "Frigates shadowed the tankers through the strait.");
    std::fs::write(dir.join("in/binary.txt"), b"\x7fELF\x00\x01\x02\x00").unwrap();
    write_text(dir, "in/empty.txt", "");
    let (code, out, err) = run(dir, &["index", "in"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("added 2") && out.contains("empty 1, failed 1"),
        "the empty file is no failure: {out}"
    );
    assert_eq!(search(dir, &["frigates"]).len(), 1);
    // Nothing changed since: the failures are still there, so is the status.
    assert_eq!(run(dir, &["index", "in"]).0, 2);
}

#[test]
fn a_path_named_that_briefs_cannot_index_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "notes.odt", "PK");
    write_text(dir, "notes.xyz", "data");
    write_text(dir, "good.txt", "Convoys crossed the northern border at dawn.");
    let (code, out, err) = run(dir, &["index", "notes.odt"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        err.trim(),
        "briefs: notes.odt: briefs does not read .odt files (it reads .txt .md .jsonl .jsonl.gz .pdf .docx .html .htm .eml)"
    );
    assert!(!dir.join("index").exists(), "nothing to index: no index created");

    let (code, out, err) = run(dir, &["index", "good.txt", "notes.xyz", "gone.txt"]);
    assert_eq!(code, 2);
    assert!(out.contains("added 1") && out.contains("failed 2"), "{out}");
    assert!(err.contains("briefs: notes.xyz: briefs does not read .xyz files"), "{err}");
    assert!(err.contains("briefs: gone.txt: no such file or folder"), "{err}");
    assert_eq!(search(dir, &["convoys"]).len(), 1);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        let (code, _, err) = run(dir, &["index", "dangling.txt"]);
        assert_eq!(code, 2);
        assert!(err.contains("dangling.txt: no such file or folder"), "{err}");
    }
}

#[test]
fn messages_say_what_is_wrong_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "afile", "not an index");
    write_text(dir, "c/a.txt", "Convoys crossed the northern border at dawn.");
    for args in [
        &["--index", "afile", "index", "c"][..],
        &["--index", "afile", "search", "convoys"],
        &["--index", "afile/sub", "index", "c"],
        &["--index", "afile", "stats"],
    ] {
        let (code, _, err) = run(dir, args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--index"), "{err}");
        assert!(err.contains("afile is a file") || err.contains("this is a file"), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
    write_text(dir, "z/plain.jsonl.gz", "{\"id\":\"a\",\"text\":\"Convoys at dawn.\"}\n");
    let (code, _, err) = run(dir, &["index", "z"]);
    assert_eq!(code, 2);
    assert!(err.contains("z/plain.jsonl.gz: not a gzip file"), "{err}");
    assert!(!err.contains("unexpected end of file") && !err.contains("invalid gzip header"), "{err}");
    for line in err.lines() {
        assert!(line.starts_with("briefs: "), "{line}");
    }
}

#[test]
fn an_index_of_the_old_layout_asks_for_full() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_text(dir, "c/a.txt", "Convoys crossed the northern border at dawn.");
    index_ok(dir, &["c"]);
    let meta_path = dir.join("index/meta.json");
    let mut meta: Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let mut payload: Value = serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload["version"] = Value::from(1);
    meta["payload"] = Value::String(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let (code, _, err) = run(dir, &["search", "convoys"]);
    assert_eq!(code, 2);
    assert!(err.contains("--full"), "{err}");
    index_ok(dir, &["--full"]);
    assert_eq!(search(dir, &["convoys"]).len(), 1, "the recorded root is rebuilt");
}
