//! The JSON printer: one object per line, in the wire format of [`crate::wire`].

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::ingest::Removal;
use briefs::store::Stats;
use briefs::{Explained, Facets, Hit, Summary, TermWeight, Totals};

use super::Printer;

use crate::wire::WireHit;

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

    fn explain(&mut self, explained: &[Explained]) -> io::Result<()> {
        self.line(&serde_json::json!({ "type": "explain", "expansions": explained }))
    }

    fn totals(&mut self, totals: &Totals) -> io::Result<()> {
        self.line(&serde_json::json!({ "type": "totals", "passages": totals.passages, "documents": totals.documents, "copies": totals.copies }))
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
