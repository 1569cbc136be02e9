//! Reliability: incremental re-indexing, hostile files, crash safety, one writer,
//! damaged indexes and hostile queries, all through the real binary.

use std::io::Write;

use predicates::prelude::*;

use crate::lib_api::hold_writer;
use crate::util::*;

#[test]
fn reindexing_updates_only_what_changed() {
    let tmp = seeded();
    let dir = tmp.path();
    assert!(index(dir, &["seeds"]).contains("added 5, updated 0, removed 0, unchanged 0, failed 0"));
    let before = passages_per_doc(dir);
    let meta = std::fs::metadata(dir.join("index/meta.json")).unwrap().modified().unwrap();
    assert!(index(dir, &["seeds"]).contains("added 0, updated 0, removed 0, unchanged 5"));
    assert!(index(dir, &["./seeds/"]).contains("added 0, updated 0, removed 0, unchanged 5"), "same files");
    assert_eq!(std::fs::metadata(dir.join("index/meta.json")).unwrap().modified().unwrap(), meta, "no write");

    let changed = dir.join("seeds/003_c18a2cf2cfbb70f8.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nA quartermaster convoy reached Odesa with winter equipment.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(dir.join("seeds/004_3fa03fd936362c81.txt")).unwrap();
    let summary = index(dir, &["seeds"]);
    assert!(summary.contains("added 0, updated 1, removed 1, unchanged 3"), "{summary}");

    let after = passages_per_doc(dir);
    let key = "seeds/003_c18a2cf2cfbb70f8.txt";
    assert_eq!(after[key], before[key] + 1, "old passages replaced, not duplicated");
    assert!(!after.contains_key("seeds/004_3fa03fd936362c81.txt"));
    assert_eq!(search_json(dir, &["quartermaster"]).len(), 1);

    assert!(index(dir, &["seeds", "--full"]).contains("added 4, updated 0, removed 0, unchanged 0"));
    assert_eq!(passages_per_doc(dir), after);
}

#[test]
fn indexing_one_folder_keeps_the_others() {
    let tmp = seeded();
    let dir = tmp.path();
    write(dir, "more/extra.txt", b"Naval drills near Gotland were extended by a week.");
    index(dir, &["seeds"]);
    index(dir, &["more"]);
    assert_eq!(search_json(dir, &["Gotland"]).len(), 1);
    assert!(!search_json(dir, &["Romania"]).is_empty(), "seeds stay when another folder is indexed");
}

#[test]
fn hostile_files_are_skipped_or_decoded_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "in/good.txt", b"Convoys crossed the border at dawn under heavy escort.");
    write(dir, "in/binary.txt", b"\x7fELF\x00\x01\x02 not text at all \x00\x00");
    write(dir, "in/latin1.txt", b"Le caf\xe9 des op\xe9rations ferme \xe0 minuit pour la d\xe9fense.");
    // Windows-1251, undeclared: "Министерство обороны сообщило о переброске войск."
    write(
        dir,
        "in/cp1251.txt",
        b"\xcc\xe8\xed\xe8\xf1\xf2\xe5\xf0\xf1\xf2\xe2\xee \xee\xe1\xee\xf0\xee\xed\xfb \xf1\xee\xee\xe1\xf9\xe8\xeb\xee \xee \xef\xe5\xf0\xe5\xe1\xf0\xee\xf1\xea\xe5 \xe2\xee\xe9\xf1\xea.",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Drones intercepted over the harbour.".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    write(dir, "in/utf16.txt", &utf16);
    write(dir, "in/empty.md", b"");
    write(dir, "in/docs.jsonl", b"{\"id\":\"j1\",\"text\":\"Frigates escorted the tankers.\"}\n{broken\n{\"id\":\"j2\",\"text\":\"Submarines surfaced near the strait.\"}\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        b"{\"id\":\"g1\",\"text\":\"Artillery duels continued overnight.\"}\n{\"id\":\"g2\",\"text\":\"more",
    )
    .unwrap();
    let gz = gz.finish().unwrap();
    write(dir, "in/cut.jsonl.gz", &gz[..gz.len() - 12]);
    let long_line = "Reinforcements arrived and the perimeter held through the night. ".repeat(120_000);
    write(dir, "in/long.txt", long_line.as_bytes());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("in"), dir.join("in/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("in/dangling.txt")).unwrap();
    }

    // Failures do not stop the run, but make its status 2.
    let out = briefs(dir).args(["index", "in"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    for needle in ["binary.txt: binary file", "docs.jsonl: line 2", "cut.jsonl.gz: line"] {
        assert!(stderr.contains(needle), "missing warning {needle:?} in {stderr}");
    }
    // An empty file is nothing to index, and nothing wrong.
    assert!(!stderr.contains("empty.md") && stdout.contains("empty 1,"), "{stderr}\n{stdout}");
    #[cfg(unix)]
    {
        assert!(stderr.contains("symbolic link loop"), "{stderr}");
        assert!(stderr.contains("dangling.txt"), "{stderr}");
    }
    assert!(stdout.contains("failed"), "{stdout}");
    // The two JSON-lines files with a bad line are added and said to be read in part.
    assert!(stdout.contains("(2 of them read in part: their readable parts indexed)"), "{stdout}");
    // Run again, unchanged, they are not read again, but said again to be read in part.
    let again = briefs(dir).args(["index", "in"]).assert().code(2);
    let stderr = String::from_utf8(again.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("docs.jsonl: 1 line or part could not be read when it was indexed"), "{stderr}");
    assert_eq!(search_json(dir, &["submarines"]).len(), 1);

    assert_eq!(search_json(dir, &["convoys"]).len(), 1);
    assert_eq!(search_json(dir, &["café"]).len(), 1, "Windows-1252 decoded");
    let russian = search_json(dir, &["переброске"]);
    assert_eq!(russian.len(), 1, "Windows-1251 decoded");
    assert_eq!(russian[0]["lang"], "ru");
    assert_eq!(search_json(dir, &["drones"]).len(), 1, "UTF-16 decoded");
    assert_eq!(search_json(dir, &["submarines"]).len(), 1, "good JSON lines kept");
    assert_eq!(search_json(dir, &["artillery"]).len(), 1, "lines before the cut kept");
    // The passages are copies of each other: one hit, unless every copy is asked for.
    let folded = search_json(dir, &["perimeter"]);
    assert!(folded.len() == 1 && folded[0]["copies_total"].as_u64() > Some(1000), "{}", folded[0]);
    let long = search_json(dir, &["perimeter", "-n", "10000", "--all"]);
    assert!(long.len() > 1000, "a huge single line is cut into bounded passages");
    assert!(long.iter().all(|h| h["text"].as_str().unwrap().len() <= 2048));
}

#[test]
fn one_writer_at_a_time_and_search_meanwhile() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    let _writer = hold_writer(&dir.join("index"));
    briefs(dir)
        .args(["index", "seeds"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is being written by another process"));
    briefs(dir).args(["search", "Romania"]).assert().code(0);
}

#[test]
fn a_damaged_index_says_so_and_full_rebuilds_it() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    for entry in std::fs::read_dir(dir.join("index")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "term") {
            std::fs::write(&path, b"garbage").unwrap();
        }
    }
    for args in [&["search", "troops"][..], &["index", "seeds"][..]] {
        let out = briefs(dir).args(args).assert().code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("index") && err.contains("damaged") && err.contains("--full"), "{err}");
        assert_eq!(err.lines().count(), 1);
    }
    index(dir, &["seeds", "--full"]);
    briefs(dir).args(["search", "troops"]).assert().code(0);
}

#[test]
fn an_incompatible_index_is_named() {
    let tmp = seeded();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("index")).unwrap();
    std::fs::write(dir.join("index/meta.json"), b"{\"not\": \"tantivy\"}").unwrap();
    briefs(dir).args(["search", "troops"]).assert().code(2).stderr(predicate::str::contains("--full"));
}

#[test]
fn hostile_queries_get_bounded_answers() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    let many = "troops ".repeat(10_000);
    let deep = format!("{}troops{}", "(".repeat(5_000), ")".repeat(5_000));
    let repaired = [
        (many.as_str(), "only the first 1024 words were searched"),
        (deep.as_str(), "parentheses nested over 32 deep were ignored"),
    ];
    for (q, note) in repaired {
        let out = briefs(dir).args(["search", q, "-n", "1"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{q:.40}: {err}");
        assert!(err.starts_with(&format!("briefs: note: {note}\n")), "{q:.40}: {err}");
        let strict = briefs(dir).args(["search", q, "--strict"]).output().unwrap();
        assert_eq!(strict.status.code(), Some(2), "{q:.40}");
    }
    for q in ["", "((", "\"", "AND", "title:", ":::"] {
        let out = briefs(dir).args(["search", q]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{q}: {err}");
        assert!(out.stdout.is_empty(), "{q}");
        assert_eq!(err.lines().count(), 1, "{q}: {err}");
        assert!(err.starts_with("briefs: bad query: ") && err.contains("no word to search"), "{q}: {err}");
    }
    briefs(dir)
        .args(["search", "troops", "-n", "10000000"])
        .assert()
        .code(2)
        .stderr("briefs: -n must be between 1 and 10000, got 10000000\n");
    let few = "troops ".repeat(500);
    briefs(dir)
        .args(["search", few.as_str(), "--plain"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::contains("troops"));
}

#[test]
fn control_characters_never_reach_the_index_or_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "in/a.txt", b"Escapes\n\nThe \x1b[2Jconvoy\x1b]0;pwned\x07 reached the \x07port of Odesa.\n");
    write(dir, "in/b.jsonl", b"{\"id\":\"j\",\"text\":\"A \\u001b[31mred\\u001b[0m frigate.\"}\n");
    index(dir, &["in"]);
    for q in ["convoy", "frigate"] {
        let out = briefs(dir).args(["search", q, "--color", "always"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let raw: String = text.replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[0m", "");
        let raw = raw.replace("\x1b[36m", "").replace("\x1b[1;31m", "");
        assert!(!raw.contains('\x1b') && !raw.contains('\x07'), "{q}: {text:?}");
        assert!(!raw.contains("pwned") && !raw.contains("[2J"), "{q}: {text:?}");
    }
}
