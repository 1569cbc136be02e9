//! Small text helpers shared by the readers: whitespace, line joining, dates.

/// Characters that are invisible in a rendered document and only split words in text.
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Runs of whitespace (any Unicode space, tabs, line breaks) become one space, invisible
/// characters and control characters go, ends are trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !invisible(c) && !c.is_control() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `s` on one line, at most `max` bytes (cut on a char boundary, "…" appended).
pub(crate) fn one_line(s: &str, max: usize) -> String {
    let mut line = collapse_ws(s);
    if line.len() > max {
        let mut end = max;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line.truncate(end);
        line.push('…');
    }
    line
}

/// Whether `c` is a hyphen that may end a line inside a word.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{AD}')
}

/// Joins the lines of one paragraph: a word hyphenated at a line end is rejoined
/// ("defen-" + "ce" → "defence"); a hyphen before a capital or a digit is kept without
/// a space ("F-" + "16" → "F-16"); other lines are joined with one space.
pub(crate) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let mut tail = out.chars().rev();
        let last = tail.next();
        let before = tail.next();
        let next = line.chars().next();
        match (before, last, next) {
            (Some(b), Some(h), Some(n)) if b.is_alphabetic() && is_hyphen(h) => {
                if n.is_lowercase() {
                    out.pop();
                } else if h == '\u{AD}' {
                    out.pop();
                    out.push('-');
                }
            }
            _ => out.push(' '),
        }
        out.push_str(line);
    }
    out
}

/// The date at the start of `s` as ISO 8601 at the precision given: `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`. Reads `2024-03-15T…`, `2024-03`, `2024`, `2024/03/15`, the PDF form
/// `D:20240315…` and `20240315`; `None` when no plausible date starts `s`.
pub fn iso_date_prefix(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter().all(u8::is_ascii_digit).then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let year = digits(0, 4)?;
    if !(1000..=2999).contains(&year) {
        return None;
    }
    // Separated (2024-03-15) or packed (20240315) month and day.
    let sep = b.get(4).copied().filter(|c| matches!(c, b'-' | b'/' | b'.'));
    let (month, day) = match sep {
        Some(sep) => {
            let month = digits(5, 2);
            let day = if b.get(7) == Some(&sep) { month.and_then(|_| digits(8, 2)) } else { None };
            (month, day)
        }
        None => (digits(4, 2), digits(4, 2).and_then(|_| digits(6, 2))),
    };
    let date = match (month, day) {
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d) => {
            format!("{year:04}-{m:02}-{d:02}")
        }
        (Some(m), None) if (1..=12).contains(&m) => format!("{year:04}-{m:02}"),
        (Some(_), _) => return None,
        (None, _) => format!("{year:04}"),
    };
    Some(date)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `Some(trimmed)` unless blank.
pub(crate) fn non_blank(s: &str) -> Option<String> {
    let s = collapse_ws(s);
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_invisibles_go() {
        assert_eq!(collapse_ws("  a\u{a0}\tb\n\n c\u{ad}d\u{200b}e "), "a b cde");
        assert_eq!(collapse_ws("\u{feff} "), "");
    }

    #[test]
    fn one_line_cuts_on_a_char_boundary() {
        assert_eq!(one_line("ab\ncd", 10), "ab cd");
        assert_eq!(one_line("ééé", 3), "é…");
    }

    #[test]
    fn hyphenated_line_ends_are_undone_and_real_hyphens_kept() {
        assert_eq!(join_lines(["Air defen-", "ce planners"]), "Air defence planners");
        assert_eq!(join_lines(["flying the F-", "16 and"]), "flying the F-16 and");
        assert_eq!(join_lines(["the cease-fire talks", "stalled"]), "the cease-fire talks stalled");
        assert_eq!(join_lines(["anti-", "NATO rhetoric"]), "anti-NATO rhetoric");
        assert_eq!(join_lines(["a pause -", "then more"]), "a pause - then more");
        assert_eq!(join_lines(["soft\u{ad}", "ly"]), "softly");
        assert_eq!(join_lines(["one", "", "two"]), "one two");
    }

    #[test]
    fn dates_keep_the_precision_given() {
        assert_eq!(iso_date_prefix("2024-03-15T09:30:00+01:00").as_deref(), Some("2024-03-15"));
        assert_eq!(iso_date_prefix("D:20240315093000+01'00'").as_deref(), Some("2024-03-15"));
        assert_eq!(iso_date_prefix("D:202403").as_deref(), Some("2024-03"));
        assert_eq!(iso_date_prefix("2024").as_deref(), Some("2024"));
        assert_eq!(iso_date_prefix("2024/02/29").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date_prefix("2023-02-29"), None);
        assert_eq!(iso_date_prefix("2024-13"), None);
        assert_eq!(iso_date_prefix("March 2024"), None);
        assert_eq!(iso_date_prefix("0000"), None);
    }
}
