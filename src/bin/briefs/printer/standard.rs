//! The standard printer: text for a terminal, with ANSI colour or with plain `[…]`
//! markers. Highlights arrive as byte ranges and become colour or markers here.

use std::io::{self, Write};

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::{Facets, Hit, Snippet, Summary, TermWeight, Totals};

use super::Printer;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// A snippet's fragment with each highlighted range wrapped in `open`/`close`.
///
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

fn hit_text(out: &mut dyn Write, hit: &Hit, color: bool) -> io::Result<()> {
    let r = &hit.record;
    let (b, d, c, h, z) = if color { (BOLD, DIM, CYAN, HIGHLIGHT, RESET) } else { ("", "", "", "[", "]") };
    let z0 = if color { RESET } else { "" };
    let exact = if hit.exact { " · exact copy" } else { "" };
    writeln!(
        out,
        "{b}{:>2}.{z0} {c}{}{z0} {d}score {:.2} · {}{exact}{z0}",
        hit.rank, r.id, hit.score, r.lang
    )?;
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
fn terms_text(out: &mut dyn Write, terms: &[TermWeight], color: bool) -> io::Result<()> {
    let list: Vec<String> = terms.iter().map(|t| format!("{} {:.2}", t.word, t.weight)).collect();
    let (d, z) = if color { (DIM, RESET) } else { ("", "") };
    writeln!(out, "{d}terms: {}{z}\n", list.join(", "))
}

/// Writes a latency report: a table per class, with the baseline and ratios if run.
fn bench_table(out: &mut dyn Write, report: &Report) -> io::Result<()> {
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
fn like_table(out: &mut dyn Write, rows: &[LikeMetrics]) -> io::Result<()> {
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
fn metrics_line(out: &mut dyn Write, m: &Metrics) -> io::Result<()> {
    writeln!(
        out,
        "nDCG@10 {:.4}  recall@100 {:.4}  MRR@10 {:.4}  MAP@100 {:.4}  ({} judged queries)",
        m.ndcg_10, m.recall_100, m.mrr_10, m.map_100, m.queries
    )
}

/// Writes the one-line summary of an indexing run.
pub fn summary_line(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
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

/// Prints text, coloured or with plain markers.
pub struct Standard<W> {
    out: W,
    color: bool,
}

impl<W: Write> Standard<W> {
    /// A text printer on `out`, with ANSI colour when `color`.
    pub fn new(out: W, color: bool) -> Self {
        Standard { out, color }
    }
}

impl<W: Write> Printer for Standard<W> {
    fn hits(&mut self, hits: &[Hit]) -> io::Result<()> {
        hits.iter().try_for_each(|h| hit_text(&mut self.out, h, self.color))
    }

    fn totals(&mut self, totals: &Totals) -> io::Result<()> {
        let plural =
            |n: u64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        let passages = plural(totals.passages, "passage", "passages");
        let documents = plural(totals.documents, "document", "documents");
        writeln!(self.out, "{passages} in {documents} matched")
    }

    fn facets(&mut self, facets: &Facets) -> io::Result<()> {
        for (name, values) in [("language", &facets.lang), ("source", &facets.source), ("year", &facets.year)]
        {
            let list: Vec<String> = values.iter().take(20).map(|(v, n)| format!("{v} {n}")).collect();
            let more =
                if values.len() > 20 { format!(", … {} more", values.len() - 20) } else { String::new() };
            writeln!(
                self.out,
                "{name}: {}{more}",
                if list.is_empty() { "-".to_string() } else { list.join(", ") }
            )?;
        }
        Ok(())
    }

    fn terms(&mut self, terms: &[TermWeight]) -> io::Result<()> {
        terms_text(&mut self.out, terms, self.color)
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        summary_line(&mut self.out, summary)
    }

    fn metrics(&mut self, metrics: &Metrics) -> io::Result<()> {
        metrics_line(&mut self.out, metrics)
    }

    fn like_metrics(&mut self, rows: &[LikeMetrics]) -> io::Result<()> {
        like_table(&mut self.out, rows)
    }

    fn bench(&mut self, report: &Report) -> io::Result<()> {
        bench_table(&mut self.out, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marking_wraps_ranges() {
        let s = Snippet { fragment: "troops in Romania".into(), highlights: vec![(0, 6), (10, 17)] };
        assert_eq!(mark(&s, "[", "]"), "[troops] in [Romania]");
    }

    #[test]
    fn marking_skips_bad_ranges() {
        let s = Snippet { fragment: "héllo world".into(), highlights: vec![(0, 2), (7, 12), (20, 30)] };
        assert_eq!(mark(&s, "<", ">"), "héllo <world>");
    }
}
