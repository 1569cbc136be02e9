//! Small text helpers shared by every stage: cutting on character boundaries and
//! collapsing whitespace. The only place these rules are written.

/// The longest prefix of `s` of at most `max_bytes` bytes that ends on a character
/// boundary.
///
/// ```
/// assert_eq!(briefs::text::cut_at_char_boundary("héllo", 2), "h");
/// assert_eq!(briefs::text::cut_at_char_boundary("abc", 10), "abc");
/// ```
pub fn cut_at_char_boundary(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The words of `s` joined by single spaces: every run of Unicode whitespace (line
/// breaks, tabs, no-break spaces) becomes one space, with none at either end.
///
/// ```
/// assert_eq!(briefs::text::collapse_whitespace(" a\u{a0} b\n\tc "), "a b c");
/// ```
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
