//! The query line before parsing: limits checked, plain words, and one-line accounts of
//! syntax slips.

use crate::error::{Error, Result};

/// The most words a query may have.
pub const MAX_QUERY_WORDS: usize = 1024;
/// The deepest parenthesis nesting a query may have.
pub const MAX_NESTING: usize = 32;

/// The query text to parse: plain words when `plain`, never empty, within the limits.
pub(crate) fn query_text(text: &str, plain: bool) -> Result<String> {
    let text = if plain { plain_words(text) } else { text.trim().to_string() };
    if text.is_empty() {
        return Err(Error::bad_query(&text, "the query is empty"));
    }
    let words = text.split_whitespace().count();
    if words > MAX_QUERY_WORDS {
        let reason = format!("the query has {words} words; at most {MAX_QUERY_WORDS} are searched");
        return Err(Error::bad_query(&text, reason));
    }
    let depth = nesting(&text);
    if depth > MAX_NESTING {
        let reason = format!("parentheses nest {depth} deep; at most {MAX_NESTING} levels");
        return Err(Error::bad_query(&text, reason));
    }
    Ok(text)
}

/// How deep parentheses nest in a query.
fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    deepest
}

/// The words of a text with query syntax removed, for plain (lenient) queries.
///
/// ```
/// assert_eq!(briefs::query::plain_words("What's (the) Geneva: talks?"), "what s the geneva talks");
/// ```
pub fn plain_words(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    crate::text::collapse_whitespace(&spaced).to_lowercase()
}

/// A one-line account of a parse error: what is wrong and where.
pub(crate) fn describe(text: &str, e: &tantivy::query::QueryParserError) -> Error {
    let reason = match syntax_hint(text) {
        Some(h) => format!("{h} in {text:?} ({e}); use --plain to search the words as typed"),
        None => format!("{e} in {text:?}; use --plain to search the words as typed"),
    };
    Error::bad_query(text, reason)
}

/// Finds the usual syntax slips: unbalanced quotes or parentheses, a dangling operator.
fn syntax_hint(text: &str) -> Option<String> {
    if text.matches('"').count() % 2 == 1 {
        let at = text.rfind('"').unwrap_or(0);
        return Some(format!("unclosed quote at byte {at}"));
    }
    let mut depth = 0i64;
    for (i, c) in text.char_indices() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return Some(format!("unmatched ')' at byte {i}"));
        }
    }
    if depth > 0 {
        return Some(format!("{depth} unclosed '('"));
    }
    let last = text.split_whitespace().last()?;
    ["AND", "OR", "NOT"].contains(&last).then(|| format!("'{last}' at the end has nothing after it"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_point_at_the_slip() {
        assert_eq!(syntax_hint("\"Normandy format").as_deref(), Some("unclosed quote at byte 0"));
        assert!(syntax_hint("(a OR b").unwrap().contains("unclosed '('"));
        assert!(syntax_hint("a)").unwrap().contains("byte 1"));
        assert!(syntax_hint("troops AND").unwrap().contains("AND"));
        assert_eq!(syntax_hint("troops Romania"), None);
    }

    #[test]
    fn hostile_queries_are_refused_before_parsing() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(query_text(&deep, false).unwrap_err().to_string().contains("nest"));
        let long = "troops ".repeat(10_000);
        assert!(query_text(&long, false).unwrap_err().to_string().contains("10000 words"));
        assert_eq!(nesting("(a (b) (c))"), 2);
    }

    #[test]
    fn plain_words_drop_syntax() {
        assert_eq!(plain_words("a:b (c) \"d\" -e"), "a b c d e");
    }
}
