//! Property tests (proptest): the splitter, cleaner and date finder never panic and keep
//! their invariants on arbitrary text; query handling never panics on arbitrary input.
//! Longer runs: `PROPTEST_CASES=100000 cargo test --release --test fuzz`.

use briefs::config::SearchOptions;
use briefs::search::Engine;
use proptest::prelude::*;

/// Text built from the pieces briefs meet: words, blank lines, markup residue,
/// accents, quotes, CRLF, NUL and other control characters.
fn brief_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Zéïß]{1,12}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("[EN](#)".to_string()),
        Just("[x](http://a)".to_string()),
        Just(". ".to_string()),
        Just("“".to_string()),
        Just("23 Nov 2024".to_string()),
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn splitting_keeps_valid_ordered_spans(text in brief_text()) {
        let s = briefs::split::split(&text);
        let mut last_end = 0;
        for p in &s.passages {
            prop_assert!(p.span.start <= p.span.end && p.span.end <= text.len());
            prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            prop_assert!(p.span.start >= last_end, "passages are in order and do not overlap");
            last_end = p.span.end;
            prop_assert_eq!(&p.text, &briefs::split::clean(&text[p.span.clone()]));
            prop_assert!(!p.text.contains("](#)"));
            prop_assert!(p.span.len() <= briefs::split::MAX_PASSAGE_BYTES);
        }
        prop_assert!(s.title.len() <= briefs::split::MAX_TITLE_BYTES);
    }

    #[test]
    fn every_word_of_a_document_is_in_a_passage_a_heading_or_a_repeat(text in brief_text()) {
        let s = briefs::split::split(&text);
        let mut covered = String::new();
        for p in &s.passages {
            covered.push_str(&p.text);
            covered.push(' ');
            covered.push_str(p.section.as_deref().unwrap_or(""));
            covered.push(' ');
        }
        covered.push_str(&s.title);
        for block in briefs::split::blocks(&text) {
            let cleaned = briefs::split::clean(&text[block]);
            if cleaned.chars().any(char::is_alphanumeric) && !briefs::split::is_heading(&cleaned) {
                let first = cleaned.split_whitespace().next().unwrap_or("");
                prop_assert!(covered.contains(first), "{first:?} lost");
            }
        }
    }

    #[test]
    fn cleaning_and_dates_never_panic(text in brief_text()) {
        let cleaned = briefs::split::clean(&text);
        prop_assert!(!cleaned.contains("  "));
        if let Some(d) = briefs::date::find_date(&text) {
            prop_assert!(briefs::date::parse_bound(&d).is_ok(), "{d}");
        }
    }
}

fn engine() -> (tempfile::TempDir, Engine) {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    briefs::index::run(tmp.path(), &briefs::config::IndexOptions::new(vec![seeds]), &mut |_| {}).unwrap();
    let engine = Engine::open(tmp.path()).unwrap();
    (tmp, engine)
}

proptest! {
    #[test]
    fn queries_never_panic(q in "[a-zA-Z():\"*+\\-~^ \\[\\]{}!]{0,60}", plain in any::<bool>()) {
        thread_local!(static ENGINE: (tempfile::TempDir, Engine) = engine());
        ENGINE.with(|(_, engine)| {
            let opts = SearchOptions { plain, limit: 5, ..SearchOptions::default() };
            match engine.search(&q, &opts) {
                Ok(hits) => assert!(hits.len() <= 5),
                Err(e) => assert!(!e.to_string().contains('\n')),
            }
        });
    }
}
