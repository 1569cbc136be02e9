//! Printers, one per output format (ripgrep's `printer` crate): [`Standard`] for the
//! terminal, with or without colour, and [`Json`], one object per line. Both print the
//! same outputs; the commands pick one and never format anything themselves.

mod json;
mod standard;

use std::io::{self, Write};
use std::path::Path;

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::ingest::Removal;
use briefs::store::Stats;
use briefs::{Explained, Facets, Hit, Summary, TermWeight, Totals};

pub use json::Json;
pub use standard::Standard;

use crate::config::Output;

/// Everything a command prints.
pub trait Printer {
    /// Ranked passages.
    fn hits(&mut self, hits: &[Hit]) -> io::Result<()>;
    /// What the query's words were expanded to (`--explain`).
    fn explain(&mut self, explained: &[Explained]) -> io::Result<()>;
    /// How many passages and documents matched.
    fn totals(&mut self, totals: &Totals) -> io::Result<()>;
    /// Counts of the matches per language, source and year.
    fn facets(&mut self, facets: &Facets) -> io::Result<()>;
    /// The terms a `like` query was made of.
    fn terms(&mut self, terms: &[TermWeight]) -> io::Result<()>;
    /// The summary of an indexing run.
    fn summary(&mut self, summary: &Summary) -> io::Result<()>;
    /// What `remove` did.
    fn removal(&mut self, removal: &Removal) -> io::Result<()>;
    /// What the index at `index` holds.
    fn stats(&mut self, index: &Path, stats: &Stats) -> io::Result<()>;
    /// Relevance metrics of a collection.
    fn metrics(&mut self, metrics: &Metrics) -> io::Result<()>;
    /// The query-by-example comparison of `like`.
    fn like_metrics(&mut self, rows: &[LikeMetrics]) -> io::Result<()>;
    /// A latency report.
    fn bench(&mut self, report: &Report) -> io::Result<()>;
}

/// The printer for `output`, writing to `out`.
pub fn for_output<'w>(output: Output, out: Box<dyn Write + 'w>) -> Box<dyn Printer + 'w> {
    match output {
        Output::Json => Box::new(Json::new(out)),
        Output::Colour => Box::new(Standard::new(out, true)),
        Output::Plain => Box::new(Standard::new(out, false)),
    }
}
