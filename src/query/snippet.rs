//! Snippets: a fragment of a passage and the byte ranges of its highlighted words.
//! Markup is left to the renderer.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

use crate::error::Result;

/// A fragment of passage text with highlighted byte ranges into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text shown.
    pub fragment: String,
    /// `[start, end)` byte ranges of `fragment` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// Makes snippets for hits of one query, one tantivy generator per text field.
pub struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    max_chars: usize,
    generators: HashMap<Field, SnippetGenerator>,
}

impl<'a> Snippets<'a> {
    /// A snippet maker for `query`, fragments of at most `max_chars` characters.
    pub fn new(searcher: &'a Searcher, query: &'a dyn Query, max_chars: usize) -> Self {
        Snippets { searcher, query, max_chars, generators: HashMap::new() }
    }

    /// The snippet of a passage's text, analysed as its text field.
    pub fn make(&mut self, field: Field, text: &str) -> Result<Snippet> {
        if !self.generators.contains_key(&field) {
            let mut g = SnippetGenerator::create(self.searcher, self.query, field)?;
            g.set_max_num_chars(self.max_chars);
            self.generators.insert(field, g);
        }
        let snippet = self.generators[&field].snippet(text);
        if snippet.is_empty() {
            return Ok(lead(text, self.max_chars));
        }
        let highlights = snippet.highlighted().iter().map(|r| (r.start, r.end)).collect();
        Ok(Snippet { fragment: snippet.fragment().to_string(), highlights })
    }
}

/// The start of a text, cut at a word boundary, with nothing highlighted.
pub fn lead(text: &str, max_chars: usize) -> Snippet {
    let end = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
    let cut = if end < text.len() { text[..end].rfind(' ').unwrap_or(end) } else { end };
    Snippet { fragment: text[..cut].to_string(), highlights: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("alpha beta gamma", 8).fragment, "alpha");
        assert_eq!(lead("short", 80).fragment, "short");
        assert_eq!(lead("éééé", 2).fragment, "éé");
    }
}
