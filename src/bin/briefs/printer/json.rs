//! The JSON printer: one object per line. The wire types here are the only definition
//! of the JSON format (the search page and scripts read it).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::ingest::Removal;
use briefs::store::Stats;
use briefs::{Facets, Hit, Summary, TermWeight, Totals};

use super::Printer;

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
    pub start: u64,
    pub end: u64,
    pub lang: &'a str,
    pub text: &'a str,
    /// The file the passage came from, relative to the working directory when under it.
    pub file: &'a str,
    /// The line of a JSON-lines document in its file.
    pub line: Option<u64>,
    pub snippet: WireSnippet<'a>,
    /// `like` by text: this passage is the example's exact copy.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
    /// Passages of the same document before this one (`-C N`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<WireNeighbour<'a>>,
    /// Passages of the same document after this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<WireNeighbour<'a>>,
}

/// A neighbouring passage on the wire.
#[derive(Debug, Serialize)]
pub struct WireNeighbour<'a> {
    pub id: &'a str,
    pub paragraph: u64,
    pub text: &'a str,
}

fn neighbours(records: &[briefs::Record]) -> Vec<WireNeighbour<'_>> {
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
            lang: &r.lang,
            text: &r.text,
            file: &r.file,
            line: r.line,
            snippet: WireSnippet { fragment: &hit.snippet.fragment, highlights: &hit.snippet.highlights },
            exact: hit.exact,
            before: neighbours(&hit.before),
            after: neighbours(&hit.after),
        }
    }
}

/// Prints JSON lines.
pub struct Json<W> {
    out: W,
}

impl<W: Write> Json<W> {
    /// A JSON printer on `out`.
    pub fn new(out: W) -> Self {
        Json { out }
    }

    fn line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        writeln!(self.out)
    }
}

impl<W: Write> Printer for Json<W> {
    fn hits(&mut self, hits: &[Hit]) -> io::Result<()> {
        hits.iter().try_for_each(|h| self.line(&WireHit::from(h)))
    }

    fn totals(&mut self, totals: &Totals) -> io::Result<()> {
        self.line(&serde_json::json!({ "type": "totals", "passages": totals.passages, "documents": totals.documents }))
    }

    fn facets(&mut self, facets: &Facets) -> io::Result<()> {
        let map = |v: &[(String, u64)]| {
            v.iter().map(|(k, n)| serde_json::json!({ "value": k, "count": n })).collect::<Vec<_>>()
        };
        let value = serde_json::json!({
            "type": "facets",
            "lang": map(&facets.lang),
            "source": map(&facets.source),
            "year": map(&facets.year),
        });
        self.line(&value)
    }

    fn terms(&mut self, terms: &[TermWeight]) -> io::Result<()> {
        self.line(&serde_json::json!({ "type": "terms", "terms": terms }))
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        self.line(summary)
    }

    fn removal(&mut self, removal: &Removal) -> io::Result<()> {
        self.line(removal)
    }

    fn stats(&mut self, index: &Path, stats: &Stats) -> io::Result<()> {
        let mut value = serde_json::to_value(stats)?;
        value["index"] = serde_json::Value::String(index.display().to_string());
        self.line(&value)
    }

    fn metrics(&mut self, metrics: &Metrics) -> io::Result<()> {
        self.line(metrics)
    }

    fn like_metrics(&mut self, rows: &[LikeMetrics]) -> io::Result<()> {
        rows.iter().try_for_each(|r| self.line(r))
    }

    fn bench(&mut self, report: &Report) -> io::Result<()> {
        self.line(report)
    }
}
