//! The wire format of a hit: the only definition of the JSON that `--json` prints and
//! the server's API returns (the search page and scripts read it).

use serde::Serialize;

use briefs::Hit;

/// A hit on the wire: the passage's fields, its rank and score, its snippet.
#[derive(Debug, Serialize)]
pub struct WireHit<'a> {
    pub rank: usize,
    pub score: f32,
    pub id: &'a str,
    pub doc: &'a str,
    pub paragraph: u64,
    pub title: &'a str,
    pub section: Option<&'a str>,
    pub source: &'a str,
    pub date: Option<&'a str>,
    pub start: u64,
    pub end: u64,
    pub lang: &'a str,
    pub text: &'a str,
    pub snippet: WireSnippet<'a>,
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
            lang: &r.lang,
            text: &r.text,
            snippet: WireSnippet { fragment: &hit.snippet.fragment, highlights: &hit.snippet.highlights },
        }
    }
}
