//! Property tests (proptest): the splitter, cleaner and date finder keep their
//! invariants on arbitrary text; query handling never panics on arbitrary input.
//! Longer runs: `PROPTEST_CASES=100000 cargo test --release --test tests fuzz`.

use proptest::prelude::*;

use crate::lib_api::{self as lib, Engine};

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

/// Month names the date finder should read, in month order (index 0 is January).
const MONTH_NAMES: [&str; 12] = [
    "January",
    "février",
    "März",
    "April",
    "May",
    "June",
    "July",
    "August",
    "Sept.",
    "October",
    "Nov",
    "diciembre",
];

/// A date written in one of three styles; a numeric month out of 1–12 names the
/// nearest month in the two styles with names.
fn written_date(style: u32, year: u32, month: u32, day: u32) -> String {
    let name = MONTH_NAMES[month.clamp(1, 12) as usize - 1];
    match style {
        0 => format!("{day} {name} {year}"),
        1 => format!("{name} {day}, {year}"),
        _ => format!("{year}-{month:02}-{day:02}"),
    }
}

/// A date written like briefs do, with parts that may be out of range: day 0–39,
/// month 0–13 in numeric form, year 1890–2109.
fn date_like() -> impl Strategy<Value = String> {
    (0u32..3, 1890u32..2110, 0u32..14, 0u32..40).prop_map(|(style, y, m, d)| written_date(style, y, m, d))
}

/// Brief-like text with date-like strings mixed in.
fn dated_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => brief_text(), 1 => date_like()];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.join(" "))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The year, month and day of a `YYYY-MM-DD` string.
/// Year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (absent parts as `None`).
fn ymd(date: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let parts: Vec<&str> = date.split('-').collect();
    let widths = [4, 2, 2];
    let ok = (1..=3).contains(&parts.len())
        && parts.iter().zip(widths).all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
    let n = |i: usize| parts.get(i).map(|p| p.parse().unwrap());
    ok.then(|| (n(0).unwrap(), n(1), n(2)))
}

proptest! {
    #[test]
    fn splitting_keeps_valid_ordered_spans(text in brief_text()) {
        let s = lib::split(&text);
        let mut last_end = 0;
        for p in &s.passages {
            prop_assert!(p.span.start <= p.span.end && p.span.end <= text.len());
            prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            prop_assert!(p.span.start >= last_end, "passages are in order and do not overlap");
            last_end = p.span.end;
            prop_assert_eq!(&p.text, &lib::clean(&text[p.span.clone()]));
            prop_assert!(!p.text.contains("](#)"));
            prop_assert!(p.span.len() <= lib::MAX_PASSAGE_BYTES);
        }
        prop_assert!(s.title.len() <= lib::MAX_TITLE_BYTES);
    }

    #[test]
    fn every_word_of_a_document_is_in_a_passage_a_heading_or_a_repeat(text in brief_text()) {
        let s = lib::split(&text);
        let mut covered = String::new();
        for p in &s.passages {
            covered.push_str(&p.text);
            covered.push(' ');
            covered.push_str(p.section.as_deref().unwrap_or(""));
            covered.push(' ');
        }
        covered.push_str(&s.title);
        for block in lib::blocks(&text) {
            let cleaned = lib::clean(&text[block]);
            if cleaned.chars().any(char::is_alphanumeric) && !lib::is_heading(&cleaned) {
                let first = cleaned.split_whitespace().next().unwrap_or("");
                prop_assert!(covered.contains(first), "{first:?} lost");
            }
        }
    }

    #[test]
    fn cleaning_leaves_single_spaces_invents_nothing_and_is_idempotent(text in brief_text()) {
        let cleaned = lib::clean(&text);
        prop_assert_eq!(cleaned.trim(), cleaned.as_str(), "no leading or trailing whitespace");
        prop_assert!(!cleaned.contains("  "));
        prop_assert!(
            cleaned.chars().all(|c| c == ' ' || !c.is_whitespace()),
            "the only whitespace left is a single space: {:?}", cleaned
        );
        prop_assert!(cleaned.chars().all(|c| c == ' ' || text.contains(c)), "a character was invented");
        prop_assert!(cleaned.len() <= text.len());
        prop_assert_eq!(lib::clean(&cleaned), cleaned.clone(), "cleaning twice changes nothing");
    }

    #[test]
    fn a_date_found_is_in_range_and_written_in_the_text(text in dated_text()) {
        if let Some(date) = lib::find_date(&text) {
            let Some((y, m, d)) = ymd(&date) else { return Err(TestCaseError::fail(date)) };
            prop_assert!((1000..=2999).contains(&y), "{}", date);
            prop_assert!(m.is_none_or(|m| (1..=12).contains(&m)) && d.is_none_or(|d| (1..=31).contains(&d)), "{}", date);
            let head: String = text.chars().take(1500).collect();
            prop_assert!(head.contains(&y.to_string()), "{} not in the text's head", y);
            prop_assert!(d.is_none_or(|d| head.contains(&d.to_string())), "day of {} not in the text's head", date);
        }
    }

    #[test]
    fn a_real_date_after_digit_free_text_is_found_exactly(
        // A date line is looked for near the top only: the noise is one line.
        noise in "[a-zA-Z ,.]{0,200}",
        (y, m, d) in (1900u32..=2100, 1u32..=12, 0u32..31),
        style in 0u32..3,
        tail in brief_text(),
    ) {
        let d = 1 + d % days_in_month(y, m);
        let written = written_date(style, y, m, d);
        let text = format!("{noise}\n{written}\n{tail}");
        prop_assert_eq!(lib::find_date(&text), Some(format!("{y:04}-{m:02}-{d:02}")), "{}", written);
    }
}

proptest! {
    #[test]
    fn a_date_found_is_a_real_calendar_day(text in dated_text()) {
        if let Some(date) = lib::find_date(&text) {
            let (y, m, d) = ymd(&date).unwrap();
            if let (Some(m), Some(d)) = (m, d) {
                prop_assert!(d >= 1 && d <= days_in_month(y, m), "{} from {:?}", date, text);
            }
        }
    }

    /// Known gap: removing an empty link can form a new link, so a second pass differs.
    #[test]
    #[ignore = "product bug: clean(\"[[](#)](#)\") is \"[](#)\", which cleans to \"\""]
    fn cleaning_text_with_nested_links_is_idempotent(
        text in prop::collection::vec(prop_oneof![
            Just("["), Just("]"), Just("("), Just(")"), Just("#"), Just("a"), Just(" "), Just("](#)"),
        ], 0..40).prop_map(|v| v.concat())
    ) {
        let cleaned = lib::clean(&text);
        prop_assert_eq!(lib::clean(&cleaned), cleaned);
    }
}

thread_local!(static ENGINE: (tempfile::TempDir, Engine) = engine());

fn engine() -> (tempfile::TempDir, Engine) {
    let tmp = tempfile::tempdir().unwrap();
    lib::index_seeds(tmp.path());
    let engine = lib::open_engine(tmp.path());
    (tmp, engine)
}

proptest! {
    #[test]
    fn queries_never_panic(q in "[a-zA-Z():\"*+\\-~^ \\[\\]{}!]{0,60}", plain in any::<bool>()) {
        ENGINE.with(|(_, engine)| match lib::search_count(engine, &q, plain, 5) {
            Ok(n) => assert!(n <= 5),
            Err(e) => assert!(!e.contains('\n'), "{e}"),
        });
    }
}
