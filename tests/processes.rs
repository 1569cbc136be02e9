//! Several indexing processes at once, and runs killed at chosen moments. The
//! moments are read from the system, not guessed with sleeps: who holds tantivy's
//! writer lock comes from /proc/locks (hence Linux only), and a commit is a change of
//! the opstamp in `meta.json`.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// Starts `briefs index ARGS` in `dir` without waiting for it.
fn spawn_index(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefs"))
        .current_dir(dir)
        .env_remove("BRIEFS_INDEX")
        .arg("index")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Polls `done` until it holds; fails if `child` ends first or after a minute.
fn wait_for(child: &mut Child, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before {what}");
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(3));
    }
}

/// Whether process `pid` holds tantivy's writer lock (an exclusive `flock` on
/// `.tantivy-writer.lock`) on the index at `index`. Read from /proc/locks, because a
/// try-lock probe would itself hold the lock for an instant, and the indexer's own
/// try-lock could fail on it.
fn holds_writer_lock(pid: u32, index: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(index.join(".tantivy-writer.lock")) else { return false };
    let (pid, inode) = (pid.to_string(), meta.ino().to_string());
    std::fs::read_to_string("/proc/locks").unwrap().lines().any(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        f.len() > 5
            && f[1..5] == ["FLOCK", "ADVISORY", "WRITE", pid.as_str()]
            && f[5].rsplit(':').next() == Some(inode.as_str())
    })
}

/// Waits until `child` holds the writer lock of the index at `index`.
fn wait_for_lock(child: &mut Child, index: &Path) {
    let pid = child.id();
    wait_for(child, "the writer lock is held", || holds_writer_lock(pid, index));
}

/// The opstamp of the index's last commit (merges keep it; each commit moves it).
fn opstamp(index: &Path) -> u64 {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap();
    meta["opstamp"].as_u64().unwrap()
}

/// Waits until `n` more commits than `from` were seen, one opstamp change at a time.
fn wait_for_commits(child: &mut Child, index: &Path, from: u64, n: usize) {
    let (mut last, mut seen) = (from, 0);
    wait_for(child, &format!("{n} new commit(s)"), || {
        let now = opstamp(index);
        if now != last {
            (last, seen) = (now, seen + 1);
        }
        seen >= n
    });
}

/// Kills `child` and checks that the kill, not the end of its work, stopped it.
fn kill(child: &mut Child) {
    child.kill().unwrap();
    let status = child.wait().unwrap();
    const SIGKILL: i32 = 9;
    assert_eq!(status.signal(), Some(SIGKILL), "killed, not ended by itself: {status}");
}

/// Writes `n` two-paragraph files `{folder}/{stem}NNNN.txt` under `dir`.
fn write_files(dir: &Path, folder: &str, stem: &str, n: usize) {
    for i in 0..n {
        let body =
            format!("Section 1 of {stem} {i}: radar coverage.\n\nSection 2 of {stem} {i}: air defence.\n");
        write(dir, &format!("{folder}/{stem}{i:04}.txt"), body.as_bytes());
    }
}

#[test]
fn concurrent_index_runs_one_fails_at_once() {
    for files in [400, 1600, 6400] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        write_files(dir, "big", "report", files);
        let mut first = spawn_index(dir, &["big"]);
        wait_for_lock(&mut first, &dir.join("index"));
        let second = briefs(dir).args(["index", "big"]).output().unwrap();
        let first_still_running = first.try_wait().unwrap().is_none();
        assert!(first.wait().unwrap().success());
        if !first_still_running {
            continue; // The first run ended too soon to prove anything: more files.
        }
        let err = String::from_utf8_lossy(&second.stderr);
        assert_eq!(second.status.code(), Some(2), "{err}");
        assert!(err.contains("is being written by another process"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        let counts = passages_per_doc(dir);
        assert_eq!(counts.len(), files);
        assert!(counts.values().all(|n| *n == 2), "the first run wrote everything once");
        return;
    }
    panic!("the first run always ended before the second one returned");
}

/// Bulletins in the index, after checking that each has both its passages.
fn complete_bulletins(dir: &Path) -> usize {
    let counts = passages_per_doc(dir);
    let bulletins: Vec<usize> =
        counts.iter().filter(|(k, _)| k.contains("bulletin")).map(|(_, n)| *n).collect();
    assert!(bulletins.iter().all(|n| *n == 2), "a file is committed whole and once: {bulletins:?}");
    assert_eq!(counts.len() - bulletins.len(), 5, "the seeds stay");
    bulletins.len()
}

#[test]
fn a_killed_index_run_leaves_the_last_commit_and_the_next_run_completes() {
    const BULLETINS: usize = 1600;
    let tmp = seeded();
    let dir = tmp.path();
    let index_dir = dir.join("index");
    index(dir, &["seeds"]);
    write_files(dir, "seeds", "bulletin", BULLETINS);
    let args = ["seeds", "--commit-every", "500"];

    // As soon as the writer lock is held: nothing of this run is committed.
    let before = opstamp(&index_dir);
    let mut child = spawn_index(dir, &args);
    wait_for_lock(&mut child, &index_dir);
    kill(&mut child);
    assert_eq!(opstamp(&index_dir), before, "killed before any commit");
    briefs(dir).args(["search", "Romania"]).assert().code(0);
    assert_eq!(complete_bulletins(dir), 0);

    // Right after the run's first commit.
    let mut child = spawn_index(dir, &args);
    wait_for_commits(&mut child, &index_dir, before, 1);
    kill(&mut child);
    briefs(dir).args(["search", "Romania"]).assert().code(0);
    let after_first = complete_bulletins(dir);
    assert!(after_first > 0 && after_first < BULLETINS, "{after_first}");

    // After a later commit of the next run.
    let mut child = spawn_index(dir, &args);
    wait_for_commits(&mut child, &index_dir, opstamp(&index_dir), 2);
    kill(&mut child);
    briefs(dir).args(["search", "Romania"]).assert().code(0);
    let after_later = complete_bulletins(dir);
    assert!(after_later > after_first && after_later < BULLETINS, "{after_first} then {after_later}");

    let summary = index(dir, &["seeds"]);
    let added = format!(
        "added {}, updated 0, removed 0, unchanged {}, failed 0",
        BULLETINS - after_later,
        after_later + 5
    );
    assert!(summary.contains(&added), "{summary}");
    assert_eq!(complete_bulletins(dir), BULLETINS, "no duplicates, nothing missing");
    assert!(index(dir, &["seeds"]).contains(&format!("unchanged {}", BULLETINS + 5)));
}

#[test]
fn a_rebuild_commits_once_so_a_killed_one_leaves_the_index_whole() {
    const BULLETINS: usize = 1600;
    let tmp = seeded();
    let dir = tmp.path();
    let index_dir = dir.join("index");
    write_files(dir, "seeds", "bulletin", BULLETINS);
    index(dir, &["seeds"]);
    assert_eq!(complete_bulletins(dir), BULLETINS);
    let args = ["seeds", "--full", "--commit-every", "500"];

    // Killed part-way: the index is the one before the rebuild, whole.
    let before = opstamp(&index_dir);
    let mut child = spawn_index(dir, &args);
    wait_for_lock(&mut child, &index_dir);
    kill(&mut child);
    assert_eq!(opstamp(&index_dir), before);
    assert_eq!(complete_bulletins(dir), BULLETINS);

    // Let run: one commit, at the end, however many passages it writes.
    let mut child = spawn_index(dir, &args);
    let mut seen = vec![opstamp(&index_dir)];
    while child.try_wait().unwrap().is_none() {
        let now = opstamp(&index_dir);
        if seen.last() != Some(&now) {
            seen.push(now);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(child.wait().unwrap().success());
    let last = opstamp(&index_dir);
    if seen.last() != Some(&last) {
        seen.push(last);
    }
    assert_eq!(seen.len(), 2, "one commit, not one every 500 passages: {seen:?}");
    assert_eq!(complete_bulletins(dir), BULLETINS);
}
