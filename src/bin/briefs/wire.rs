//! The wire format of a hit: the only definition of the JSON that `--json` prints and
//! the server's API returns (the search page and scripts read it).

use serde::Serialize;

use briefs::{Hit, Suggestion};

/// A hit on the wire: the passage's fields, its rank and score, its snippet.
#[derive(Debug, Serialize)]
pub struct WireHit<'a> {
    /// Always `"hit"`: every JSON line names its kind.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub rank: usize,
    pub score: f32,
    pub id: &'a str,
    pub doc: &'a str,
    pub paragraph: u64,
    pub title: &'a str,
    pub section: Option<&'a str>,
    pub source: &'a str,
    pub date: Option<&'a str>,
    /// `[start, end)` byte offsets of the passage in the text named by `offsets`.
    pub start: u64,
    pub end: u64,
    /// What `start` and `end` count bytes of: `"text"` (the file's text, decoded to
    /// UTF-8), `"json"` (the `text` field of the JSON line) or `"extracted"` (the text
    /// briefs extracted from a PDF, Word file, web page or e-mail).
    pub offsets: &'static str,
    pub lang: &'a str,
    pub text: &'a str,
    /// The file the passage came from, relative to the working directory when under it.
    pub file: &'a str,
    /// The line of a JSON-lines document in its file.
    pub line: Option<u64>,
    /// The page the passage starts on, in documents that have pages (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    pub snippet: WireSnippet<'a>,
    /// `[start, end)` byte ranges of `title` to highlight.
    pub title_highlights: &'a [(usize, usize)],
    /// `like` by text: this passage is the example's exact copy.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
    /// Passages of the same document before this one (`-C N`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<WireNeighbour<'a>>,
    /// Passages of the same document after this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<WireNeighbour<'a>>,
    /// How many copies of this paragraph were folded into this hit (absent: none).
    #[serde(skip_serializing_if = "is_zero")]
    pub copies_total: u64,
    /// The documents holding them, this hit's own aside.
    #[serde(skip_serializing_if = "is_zero")]
    pub copies_documents: u64,
    /// The copies (the first 100), oldest first.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub copies: &'a [briefs::Copy],
    /// With `--explain`: the other names of the query's entities this passage holds.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub matched_aliases: &'a [briefs::AliasMatch],
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A neighbouring passage on the wire.
#[derive(Debug, Serialize)]
pub struct WireNeighbour<'a> {
    pub id: &'a str,
    pub paragraph: u64,
    pub text: &'a str,
}

pub fn neighbours(records: &[briefs::Record]) -> Vec<WireNeighbour<'_>> {
    records.iter().map(|r| WireNeighbour { id: &r.id, paragraph: r.paragraph, text: &r.text }).collect()
}

/// A snippet on the wire: `highlights` are `[start, end)` byte ranges of `fragment`.
#[derive(Debug, Serialize)]
pub struct WireSnippet<'a> {
    pub fragment: &'a str,
    pub highlights: &'a [(usize, usize)],
}

impl<'a> From<&'a Hit> for WireHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        let r = &hit.record;
        WireHit {
            kind: "hit",
            rank: hit.rank,
            score: hit.score,
            id: &r.id,
            doc: &r.doc,
            paragraph: r.paragraph,
            title: &r.title,
            section: r.section.as_deref(),
            source: &r.source,
            date: r.date.as_deref(),
            start: r.start,
            end: r.end,
            offsets: r.offsets().name(),
            lang: &r.lang,
            text: &r.text,
            file: &r.file,
            line: r.line,
            page: r.page,
            snippet: WireSnippet { fragment: &hit.snippet.fragment, highlights: &hit.snippet.highlights },
            title_highlights: &hit.title_highlights,
            exact: hit.exact,
            before: neighbours(&hit.before),
            after: neighbours(&hit.after),
            copies_total: hit.copies.total,
            copies_documents: hit.copies.documents,
            copies: &hit.copies.listed,
            matched_aliases: &hit.aliases,
        }
    }
}

/// The "did you mean" words worth showing for `query`: not a word typed in it (a term
/// the index holds under another language's stemming can be the word typed).
pub fn worth_suggesting<'s>(query: &str, suggestions: &'s [Suggestion]) -> Vec<&'s Suggestion> {
    let typed: Vec<String> = query.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    suggestions.iter().filter(|s| !typed.contains(&s.suggestion.to_lowercase())).collect()
}
