//! The standard printer: text for a terminal, with ANSI colour or with plain `[…]`
//! markers. Highlights arrive as byte ranges and become colour or markers here.

use std::io::{self, Write};
use std::path::Path;

use briefs::bench::Report;
use briefs::eval::like::LikeMetrics;
use briefs::eval::Metrics;
use briefs::ingest::Removal;
use briefs::store::Stats;
use briefs::{Explained, Facets, Hit, Snippet, Summary, TermWeight, Totals};

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

/// A path or id with its control characters escaped (`new\nline.txt`): a file name
/// may hold a line break, and a hit's first line must stay one line.
fn escaped(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.chars().any(char::is_control) {
        return path.into();
    }
    path.chars()
        .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

fn hit_text(out: &mut dyn Write, hit: &Hit, color: bool) -> io::Result<()> {
    let r = &hit.record;
    let (b, d, c, h, z) = if color { (BOLD, DIM, CYAN, HIGHLIGHT, RESET) } else { ("", "", "", "[", "]") };
    let z0 = if color { RESET } else { "" };
    let exact = if hit.exact { " · exact copy" } else { "" };
    // Hits sorted by date, or matched by filters alone, have no score to show.
    let score = if hit.score > 0.0 { format!("score {:.2} · ", hit.score) } else { String::new() };
    let id = escaped(&r.id);
    writeln!(out, "{b}{:>2}.{z0} {c}{id}{z0} {d}{score}{}{exact}{z0}", hit.rank, r.lang)?;
    // The title's matches, bright inside the dim line (a title-only hit shows none in
    // its text).
    let (open, close) =
        if color { (HIGHLIGHT.to_string(), format!("{RESET}{DIM}")) } else { ("[".into(), "]".into()) };
    let title = Snippet { fragment: r.title.clone(), highlights: hit.title_highlights.clone() };
    let mut meta = mark(&title, &open, &close);
    if let Some(section) = r.section.as_deref().filter(|s| *s != r.title) {
        meta.push_str(" › ");
        meta.push_str(section);
    }
    if let Some(date) = &r.date {
        meta.push_str(&format!(" ({date})"));
    }
    if let Some(page) = r.page {
        meta.push_str(&format!(" · p. {page}"));
    }
    if let Some(line) = r.line {
        meta.push_str(&format!(" · {}:{line}", escaped(&r.file)));
    } else if r.file != r.doc {
        meta.push_str(&format!(" · {}", escaped(&r.file)));
    }
    writeln!(out, "    {d}{meta}{z0}")?;
    for r in &hit.before {
        writeln!(out, "    {d}#{} {}{z0}", r.paragraph, r.text)?;
    }
    writeln!(out, "    {}", mark(&hit.snippet, h, z))?;
    for r in &hit.after {
        writeln!(out, "    {d}#{} {}{z0}", r.paragraph, r.text)?;
    }
    if !hit.aliases.is_empty() {
        let names: Vec<String> = hit.aliases.iter().map(|a| format!("{} for {}", a.name, a.word)).collect();
        writeln!(out, "    {d}matched {}{z0}", names.join(", "))?;
    }
    if let Some(line) = copies_line(&hit.copies) {
        writeln!(out, "    {d}{line}{z0}")?;
    }
    writeln!(out)
}

/// How many copies: "also in 2 documents: a.txt#1, b.txt#3", up to three ids.
fn copies_line(copies: &briefs::Copies) -> Option<String> {
    const SHOWN: usize = 3;
    if copies.total == 0 {
        return None;
    }
    let ids: Vec<&str> = copies.listed.iter().take(SHOWN).map(|c| c.id.as_str()).collect();
    let more = copies.total.saturating_sub(ids.len() as u64);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    let head = if copies.documents > 0 {
        format!("also in {}", plural(copies.documents, "document", "documents"))
    } else {
        format!("also {} in this document", plural(copies.total, "time", "times"))
    };
    Some(format!("{head}: {}{more} (--all lists each)", ids.join(", ")))
}

/// `n` things, in the singular for one.
fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Writes what the query's words were expanded to: one line per expansion, with the
/// names the index holds, their language and passage count.
fn explain_text(out: &mut dyn Write, explained: &[Explained], color: bool) -> io::Result<()> {
    let (d, z) = if color { (DIM, RESET) } else { ("", "") };
    if explained.is_empty() {
        return writeln!(
            out,
            "{d}explain: no word of the query names an entity, has other spellings or finds compounds{z}\n"
        );
    }
    for e in explained {
        let found: Vec<String> =
            e.found.iter().map(|f| format!("{} ({} {})", f.name, f.lang, f.passages)).collect();
        let found = if found.is_empty() { "none of them".to_string() } else { found.join(", ") };
        let searched = match briefs::query::compound_language(&e.entity) {
            Some(_) if e.entity.starts_with(briefs::query::SPELLED_ALIKE) => {
                plural(e.searched as u64, "name spelled alike", "names spelled alike")
            }
            Some(_) => plural(e.searched as u64, "compound", "compounds"),
            None => plural(e.searched as u64, "other name", "other names"),
        };
        writeln!(
            out,
            "{d}explain: {} → {}, {searched} searched; in the index: {found}{z}",
            e.word, e.entity
        )?;
    }
    writeln!(out)
}

/// Writes the terms a `like` query was made of, with their weights.
fn terms_text(out: &mut dyn Write, terms: &[TermWeight], color: bool) -> io::Result<()> {
    // A word searched in several language fields (a name under its other names) is
    // listed once, at its highest weight.
    let mut shown: Vec<(&str, f32)> = Vec::new();
    for t in terms {
        match shown.iter_mut().find(|(w, _)| *w == t.word) {
            Some((_, weight)) => *weight = weight.max(t.weight),
            None => shown.push((&t.word, t.weight)),
        }
    }
    let list: Vec<String> = shown.iter().map(|(word, weight)| format!("{word} {weight:.2}")).collect();
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
        "indexed {}, {}, {}; languages: {}; added {}, updated {}, removed {}, unchanged {}{}, failed {}{}{}; boilerplate lines dropped {}; {:.2} s",
        plural(s.files as u64, "file", "files"),
        plural(s.documents as u64, "document", "documents"),
        plural(s.passages as u64, "paragraph", "paragraphs"),
        if langs.is_empty() { "-".to_string() } else { langs.join(" ") },
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        if s.empty > 0 { format!(", empty {}", s.empty) } else { String::new() },
        s.failed,
        if s.partly > 0 { format!(" ({} of them read in part: their readable parts indexed)", s.partly) } else { String::new() },
        if s.missing > 0 { format!(", roots missing {}", s.missing) } else { String::new() },
        s.dropped,
        s.seconds
    )
}

/// Writes what `remove` did, one line.
fn removal_line(out: &mut dyn Write, r: &Removal) -> io::Result<()> {
    let roots: Vec<String> = r.roots.iter().map(|k| briefs::ingest::paths::shown(k)).collect();
    let forgot =
        if roots.is_empty() { String::new() } else { format!("; forgot roots: {}", roots.join(" ")) };
    writeln!(out, "removed {}{forgot}", plural(r.files as u64, "file", "files"))
}

/// `counts` as `key n, key n`, biggest first unless `in_key_order`.
fn counts(counts: &std::collections::BTreeMap<String, u64>, in_key_order: bool) -> String {
    let mut list: Vec<(&String, &u64)> = counts.iter().collect();
    if !in_key_order {
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    }
    let list: Vec<String> = list.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if list.is_empty() {
        "-".to_string()
    } else {
        list.join(", ")
    }
}

/// A byte count in B, KB, MB or GB.
fn size(bytes: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

/// Seconds since 1970 as a UTC date and time (the civil-from-days algorithm).
fn utc(seconds: u64) -> String {
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02} UTC")
}

/// Writes what an index holds, a line per heading.
fn stats_text(out: &mut dyn Write, index: &Path, s: &Stats) -> io::Result<()> {
    let updated = s.updated.map_or("never".to_string(), utc);
    writeln!(out, "index      {} ({}), updated {updated}", index.display(), size(s.bytes))?;
    for (i, root) in s.roots.iter().enumerate() {
        let head = if i == 0 { "roots" } else { "" };
        let note = if root.missing {
            format!("MISSING, {} kept", plural(root.files as u64, "file", "files"))
        } else {
            plural(root.files as u64, "file", "files")
        };
        writeln!(out, "{head:<10} {} ({note})", root.path)?;
    }
    if s.roots.is_empty() {
        writeln!(out, "roots      -")?;
    }
    writeln!(out, "files      {}", s.files)?;
    writeln!(out, "documents  {}", s.documents)?;
    writeln!(out, "passages   {}", s.passages)?;
    writeln!(out, "languages  {}", counts(&s.languages, false))?;
    writeln!(out, "sources    {}", counts(&s.sources, false))?;
    writeln!(out, "years      {}", counts(&s.years, true))
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

    fn explain(&mut self, explained: &[Explained]) -> io::Result<()> {
        explain_text(&mut self.out, explained, self.color)
    }

    fn totals(&mut self, totals: &Totals) -> io::Result<()> {
        let plural =
            |n: u64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        let passages = plural(totals.passages, "passage", "passages");
        let documents = plural(totals.documents, "document", "documents");
        let copies = match totals.copies {
            0 => String::new(),
            n => format!(" (and {} of them)", plural(n, "copy", "copies")),
        };
        writeln!(self.out, "{passages}{copies} in {documents} matched")
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

    fn removal(&mut self, removal: &Removal) -> io::Result<()> {
        removal_line(&mut self.out, removal)
    }

    fn stats(&mut self, index: &Path, stats: &Stats) -> io::Result<()> {
        stats_text(&mut self.out, index, stats)
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
    fn times_are_utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_827_696), "2000-02-29 12:34:56 UTC");
        assert_eq!(utc(1_767_225_599), "2025-12-31 23:59:59 UTC");
    }

    #[test]
    fn sizes_are_readable() {
        assert_eq!(size(999), "999 B");
        assert_eq!(size(12_345_678), "12.3 MB");
    }

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
