//! Finding the date a brief gives near its top: pure functions, no I/O.

use std::sync::LazyLock;

use regex::Regex;

/// How far into a document a date is looked for.
const DATE_WINDOW_BYTES: usize = 1500;

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(\p{L}{3,10})\.?,?\s+(\d{4})\b").expect("regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b").expect("regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("regex"));

/// Month name prefixes in English, French, German and Spanish, in month order.
const MONTHS: [&[&str]; 12] = [
    &["jan", "janv", "januar", "ene"],
    &["feb", "fév", "fev", "febr"],
    &["mar", "mär", "marz"],
    &["apr", "avr", "abr"],
    &["may", "mai", "may"],
    &["jun", "juin"],
    &["jul", "juil"],
    &["aug", "aoû", "aou", "ago"],
    &["sep", "sept"],
    &["oct", "okt"],
    &["nov"],
    &["dec", "déc", "dez", "dic"],
];

/// The month number (1–12) of a month name or abbreviation.
fn month(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|prefixes| prefixes.iter().any(|p| lower.starts_with(p) && lower.len() <= 10))
        .map(|i| i as u32 + 1)
        .filter(|_| lower.chars().count() >= 3)
}

/// Formats a date as `YYYY-MM-DD` when its parts are plausible.
fn iso(year: &str, month: u32, day: &str) -> Option<String> {
    let day: u32 = day.parse().ok()?;
    let year: u32 = year.parse().ok()?;
    ((1..=31).contains(&day) && (1900..=2100).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The first date written near the top of `text`, as `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(briefs::ingest::date::find_date("News\nJun 20, 2025 | x").as_deref(), Some("2025-06-20"));
/// assert_eq!(briefs::ingest::date::find_date("Le Monde\n23 Nov 2024").as_deref(), Some("2024-11-23"));
/// ```
pub fn find_date(text: &str) -> Option<String> {
    let mut end = text.len().min(DATE_WINDOW_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let dmy = DAY_MONTH_YEAR
        .captures_iter(head)
        .find_map(|c| Some((c.get(0)?.start(), iso(&c[3], month(&c[2])?, &c[1])?)));
    let mdy = MONTH_DAY_YEAR
        .captures_iter(head)
        .find_map(|c| Some((c.get(0)?.start(), iso(&c[3], month(&c[1])?, &c[2])?)));
    let ymd = ISO.captures_iter(head).find_map(|c| {
        let m: u32 = c[2].parse().ok().filter(|m| (1..=12).contains(m))?;
        Some((c.get(0)?.start(), iso(&c[1], m, &c[3])?))
    });
    [dmy, mdy, ymd].into_iter().flatten().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_earliest_date() {
        let t = "THE NEWS\nJun 20, 2025  |\nLe Monde\n23 Nov 2024\n";
        assert_eq!(find_date(t).as_deref(), Some("2025-06-20"));
    }

    #[test]
    fn reads_several_styles_and_languages() {
        assert_eq!(find_date("le 3 février 2022").as_deref(), Some("2022-02-03"));
        assert_eq!(find_date("am 1. März 2023").as_deref(), Some("2023-03-01"));
        assert_eq!(find_date("Published 2021-07-09").as_deref(), Some("2021-07-09"));
        assert_eq!(find_date("September 5th, 2020").as_deref(), Some("2020-09-05"));
    }

    #[test]
    fn ignores_non_dates() {
        assert_eq!(find_date("More than 100 000 soldiers in 2022"), None);
        assert_eq!(find_date("On 45 Nov 2024"), None);
        assert_eq!(find_date(&format!("{}\n1 May 2020", "x".repeat(2000))), None);
    }
}
