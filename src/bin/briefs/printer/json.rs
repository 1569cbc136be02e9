//! The JSON printer: one object per line, in the wire format of [`crate::wire`].

use std::io::{self, Write};

use serde::Serialize;

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::{Hit, Summary, TermWeight};

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

    fn terms(&mut self, terms: &[TermWeight]) -> io::Result<()> {
        self.line(&serde_json::json!({ "terms": terms }))
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        self.line(summary)
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
