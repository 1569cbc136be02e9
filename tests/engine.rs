//! The library's façade as a long-running process sees it: another process's commit
//! becomes visible without reopening.

use crate::lib_api::*;
use crate::util::*;

#[test]
fn an_open_engine_sees_another_process_commit() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    let engine = open_engine(&dir.join("index"));
    assert_eq!(search_count(&engine, "zanzibarian", false, 10), Ok(0));
    std::fs::write(dir.join("seeds/new.txt"), "A zanzibarian frigate docked in Mombasa.\n").unwrap();
    index(dir, &["seeds"]);
    reload(&engine);
    assert_eq!(search_count(&engine, "zanzibarian", false, 10), Ok(1), "seen after reload");
}

#[test]
fn an_open_engine_follows_commits_on_its_own() {
    let tmp = seeded();
    let dir = tmp.path();
    index(dir, &["seeds"]);
    let engine = open_engine(&dir.join("index"));
    std::fs::write(dir.join("seeds/new.txt"), "Quokkaland coastguard cutters were sighted.\n").unwrap();
    index(dir, &["seeds"]);
    // tantivy polls meta.json about every 500 ms; allow a generous bound.
    let seen = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        search_count(&engine, "quokkaland", false, 10) == Ok(1)
    });
    assert!(seen, "the new commit was not seen within 10 s");
}
