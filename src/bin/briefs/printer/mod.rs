//! Rendering: the only module that formats output. Highlights arrive as byte ranges;
//! here they become ANSI colour, plain markers or JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::bench::Report;
use crate::eval::Metrics;
use crate::eval_like::LikeMetrics;
use crate::index::Summary;
use crate::like::TermWeight;
use crate::search::Hit;
use crate::snippet::Snippet;

/// How hits are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Colour for a terminal.
    Ansi,
    /// No colour; highlights marked with `[` and `]`.
    Plain,
    /// One JSON object per line.
    Json,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// A snippet's fragment with each highlighted range wrapped in `open`/`close`.
///
/// ```
/// let s = briefs::snippet::Snippet { fragment: "troops in Romania".into(), highlights: vec![(0, 6), (10, 17)] };
/// assert_eq!(briefs::render::mark(&s, "[", "]"), "[troops] in [Romania]");
/// ```
pub fn mark(snippet: &Snippet, open: &str, close: &str) -> String {
    let text = &snippet.fragment;
    let mut out = String::with_capacity(text.len() + 8 * snippet.highlights.len());
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(open);
        out.push_str(&text[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Writes one JSON value on its own line.
pub fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// Writes hits in the given style.
pub fn hits(out: &mut dyn Write, hits: &[Hit], style: Style) -> io::Result<()> {
    for hit in hits {
        match style {
            Style::Json => json_line(out, hit)?,
            _ => hit_text(out, hit, style == Style::Ansi)?,
        }
    }
    Ok(())
}

fn hit_text(out: &mut dyn Write, hit: &Hit, color: bool) -> io::Result<()> {
    let r = &hit.record;
    let (b, d, c, h, z) = if color { (BOLD, DIM, CYAN, HIGHLIGHT, RESET) } else { ("", "", "", "[", "]") };
    let z0 = if color { RESET } else { "" };
    writeln!(out, "{b}{:>2}.{z0} {c}{}{z0} {d}score {:.2} · {}{z0}", hit.rank, r.id, hit.score, r.lang)?;
    let mut meta = r.title.clone();
    if let Some(section) = r.section.as_deref().filter(|s| *s != r.title) {
        meta.push_str(" › ");
        meta.push_str(section);
    }
    if let Some(date) = &r.date {
        meta.push_str(&format!(" ({date})"));
    }
    writeln!(out, "    {d}{meta}{z0}")?;
    writeln!(out, "    {}\n", mark(&hit.snippet, h, z))
}

/// Writes the terms a `like` query was made of, with their weights.
pub fn terms(out: &mut dyn Write, terms: &[TermWeight], style: Style) -> io::Result<()> {
    if style == Style::Json {
        return json_line(out, &serde_json::json!({ "terms": terms }));
    }
    let list: Vec<String> = terms.iter().map(|t| format!("{} {:.2}", t.term, t.weight)).collect();
    let (d, z) = if style == Style::Ansi { (DIM, RESET) } else { ("", "") };
    writeln!(out, "{d}terms: {}{z}\n", list.join(", "))
}

/// Writes a latency report: a table per class, with the baseline and ratios if run.
pub fn bench(out: &mut dyn Write, report: &Report, style: Style) -> io::Result<()> {
    if style == Style::Json {
        return json_line(out, report);
    }
    write!(
        out,
        "{:<18} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "class", "count", "p50 ms", "p90 ms", "p99 ms", "mean ms", "qps"
    )?;
    if report.baseline.is_some() {
        write!(out, " {:>9} {:>9} {:>8} {:>8}", "base p50", "base p99", "p50 ×", "p99 ×")?;
    }
    writeln!(out)?;
    for s in &report.briefs {
        write!(
            out,
            "{:<18} {:>6} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>9.0}",
            s.class.name(),
            s.count,
            s.p50,
            s.p90,
            s.p99,
            s.mean,
            s.qps
        )?;
        if let Some(b) = report.baseline.iter().flatten().find(|b| b.class == s.class) {
            write!(out, " {:>9.3} {:>9.3} {:>8.2} {:>8.2}", b.p50, b.p99, s.p50 / b.p50, s.p99 / b.p99)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the query-by-example comparison of `like`.
pub fn like_metrics(out: &mut dyn Write, rows: &[LikeMetrics], style: Style) -> io::Result<()> {
    if style == Style::Json {
        return rows.iter().try_for_each(|r| json_line(out, r));
    }
    for r in rows {
        writeln!(
            out,
            "{:<38} recall@10 {:.4}  nDCG@10 {:.4}  ({} examples)",
            r.method, r.recall_10, r.ndcg_10, r.examples
        )?;
    }
    Ok(())
}

/// Writes evaluation metrics, as a line of text or as JSON.
pub fn metrics(out: &mut dyn Write, m: &Metrics, style: Style) -> io::Result<()> {
    if style == Style::Json {
        return json_line(out, m);
    }
    writeln!(
        out,
        "nDCG@10 {:.4}  recall@100 {:.4}  MRR@10 {:.4}  MAP@100 {:.4}  ({} judged queries)",
        m.ndcg_10, m.recall_100, m.mrr_10, m.map_100, m.queries
    )
}

/// Writes the one-line summary of an indexing run.
pub fn summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let langs: Vec<&str> = s.languages.iter().map(String::as_str).collect();
    writeln!(
        out,
        "indexed {} files, {} documents, {} paragraphs; languages: {}; added {}, updated {}, removed {}, unchanged {}, failed {}; {:.2} s",
        s.files,
        s.documents,
        s.passages,
        if langs.is_empty() { "-".to_string() } else { langs.join(" ") },
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.failed,
        s.seconds
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marking_skips_bad_ranges() {
        let s = Snippet { fragment: "héllo world".into(), highlights: vec![(0, 2), (7, 12), (20, 30)] };
        assert_eq!(mark(&s, "<", ">"), "héllo <world>");
    }
}
