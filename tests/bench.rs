//! `briefs bench`: the generated query classes are well formed and the report has
//! every class, for briefs and for the baseline. No timing is asserted.

use crate::lib_api::{bench_queries, has_passage, open_engine, Class};
use crate::util::*;

#[test]
fn generated_queries_are_well_formed() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    let engine = open_engine(&tmp.path().join("index"));
    let queries = bench_queries(&engine, 5, 7);
    for class in Class::ALL {
        assert_eq!(queries.iter().filter(|q| q.class == class).count(), 5, "{class:?}");
    }
    for q in &queries {
        match q.class {
            Class::OneTerm => assert_eq!(q.text.split_whitespace().count(), 1),
            Class::And2 => assert!(q.text.split_whitespace().all(|w| w.starts_with('+')), "{}", q.text),
            Class::Or2 => assert_eq!(q.text.split(" OR ").count(), 2),
            Class::Phrase => assert!(q.text.starts_with('"') && q.text.ends_with('"')),
            Class::Natural | Class::Feedback | Class::Snippets => {
                assert_eq!(q.text.split_whitespace().count(), 10)
            }
            Class::Like => assert!(has_passage(&engine, &q.text), "{}", q.text),
        }
    }
    assert_eq!(bench_queries(&engine, 5, 7), queries, "deterministic for a seed");
}

#[test]
fn the_report_has_every_class_for_briefs_and_the_baseline() {
    let tmp = seeded();
    index(tmp.path(), &["seeds"]);
    std::fs::write(
        tmp.path().join("q.tsv"),
        "1\tWhat did Blinken and Lavrov agree in Geneva?\n2\tTroops in Romania\n",
    )
    .unwrap();
    let out = briefs(tmp.path())
        .args([
            "bench",
            "--json",
            "--iterations",
            "2",
            "--per-class",
            "3",
            "--baseline",
            "--queries",
            "q.tsv",
        ])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let names = ["one_term", "and2", "or2", "phrase", "natural", "feedback", "snippets", "like"];
    for side in ["briefs", "baseline"] {
        let rows = report[side].as_array().unwrap();
        let classes: Vec<&str> = rows.iter().map(|r| r["class"].as_str().unwrap()).collect();
        assert_eq!(classes, names, "{side}");
        for r in rows {
            assert!(r["p50"].as_f64().unwrap() <= r["p90"].as_f64().unwrap());
            assert!(r["p90"].as_f64().unwrap() <= r["p99"].as_f64().unwrap());
        }
        let natural = rows.iter().find(|r| r["class"] == "natural").unwrap();
        assert_eq!(natural["count"], 4, "two questions, two timed runs each");
    }
}

#[test]
fn bench_on_a_missing_index_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    briefs(tmp.path())
        .args(["bench"])
        .assert()
        .code(2)
        .stderr("briefs: no index at index (run `briefs index PATH` first)\n");
}
