//! Plain words: a text with every piece of query syntax removed.

/// The words of a text with query syntax removed, for plain (lenient) queries.
///
/// ```
/// assert_eq!(briefs::query::plain_words("What's (the) Geneva: talks?"), "what s the geneva talks");
/// ```
pub fn plain_words(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    crate::text::collapse_whitespace(&spaced).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_drop_syntax() {
        assert_eq!(plain_words("a:b (c) \"d\" -e"), "a b c d e");
    }
}
