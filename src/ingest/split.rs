//! Splitting a brief into passages: pure functions, no I/O.
//!
//! A paragraph is a block separated by blank lines; a text with no blank line at all
//! has one paragraph per non-empty line. A short single-line block that reads as a
//! heading becomes the `section` of the passages below it. Markup residue is cleaned,
//! verbatim repeats inside one document are dropped, and over-long paragraphs are cut
//! into passages of bounded size.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Passages longer than this many bytes are cut at a word boundary.
pub const MAX_PASSAGE_BYTES: usize = 2048;
/// A title is cut to at most this many bytes.
pub const MAX_TITLE_BYTES: usize = 200;
/// No hard-wrapped line is longer than this many characters.
pub const WRAP_CHARS: usize = 120;
/// More heading-like lines in a row than this are a list, not headings.
const MAX_HEADING_RUN: usize = 2;
/// A text without blank lines needs at least this many lines to be read as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 8;
/// A heading has at most this many words.
const MAX_HEADING_WORDS: usize = 14;
/// A heading has at most this many bytes.
const MAX_HEADING_BYTES: usize = 120;

/// One passage of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Byte range of the passage in the source text.
    pub span: Range<usize>,
    /// The cleaned text that is indexed and shown.
    pub text: String,
    /// The heading above the passage, if any.
    pub section: Option<String>,
}

/// A document split into its title and passages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// The cleaned first non-empty line.
    pub title: String,
    /// Passages in document order, numbered from 1 by their position.
    pub passages: Vec<Passage>,
}

/// Splits `text` into passages.
///
/// ```
/// let s = briefs::ingest::split::split("Title line\n\nFirst paragraph here.\n\nSecond one.");
/// assert_eq!(s.title, "Title line");
/// assert_eq!(s.passages.len(), 2);
/// assert_eq!(s.passages[0].section.as_deref(), Some("Title line"));
/// ```
pub fn split(text: &str) -> Split {
    let first = text.lines().find(|l| !clean(shorten(l, MAX_TITLE_BYTES)).is_empty());
    let title = first.map(|l| clean(shorten(l, MAX_TITLE_BYTES))).unwrap_or_default();
    let passages = assemble(text, &blocks(text));
    Split { title, passages }
}

/// Turns blocks into passages; heading blocks become the section of those below.
fn assemble(text: &str, blocks: &[Range<usize>]) -> Vec<Passage> {
    let blocks: Vec<(Range<usize>, String)> = blocks
        .iter()
        .map(|b| (b.clone(), clean(&text[b.clone()])))
        .filter(|(_, c)| c.chars().any(char::is_alphanumeric))
        .collect();
    let headings = section_flags(text, &blocks);
    let mut seen = HashSet::new();
    let mut section: Option<String> = None;
    let mut out = Vec::new();
    for (i, (block, cleaned)) in blocks.iter().enumerate() {
        if headings[i] {
            if i == 0 || !headings[i - 1] {
                section = Some(cleaned.clone());
            }
            continue;
        }
        if !seen.insert(cleaned.as_str()) {
            continue;
        }
        out.extend(bounded(text, block.clone()).into_iter().map(|span| {
            let text = if span == *block { cleaned.clone() } else { clean(&text[span.clone()]) };
            Passage { span, text, section: section.clone() }
        }));
    }
    out
}

/// Which blocks are section headings: single heading-like lines in runs of at most
/// [`MAX_HEADING_RUN`] (a longer run is a list) with a passage below them (a heading-like
/// line at the end of a document heads nothing and stays a passage).
fn section_flags(text: &str, blocks: &[(Range<usize>, String)]) -> Vec<bool> {
    let like: Vec<bool> =
        blocks.iter().map(|(b, c)| !text[b.clone()].trim().contains('\n') && is_heading(c)).collect();
    let mut flags = like.clone();
    let mut start = 0;
    while start < like.len() {
        let end = (start..like.len()).find(|&k| !like[k]).unwrap_or(like.len());
        if end > start && (end - start > MAX_HEADING_RUN || end == like.len()) {
            flags[start..end].fill(false);
        }
        start = end + 1;
    }
    flags
}

/// Byte ranges of the paragraph blocks of `text`, trimmed of surrounding whitespace.
///
/// Within a blank-line block, a line break next to a line longer than [`WRAP_CHARS`]
/// also ends a paragraph: no hard wrap makes such a line, so it is a paragraph of its
/// own (texts that mix single newlines between paragraphs with a few blank lines).
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let lines = line_spans(text);
    let has_blank = lines.iter().any(|l| text[l.clone()].trim().is_empty());
    let width = if has_blank { None } else { wrap_width(text, &lines) };
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut previous: Option<&str> = None;
    for line in &lines {
        let this = text[line.clone()].trim_end();
        if this.trim().is_empty() {
            out.extend(current.take());
            previous = None;
            continue;
        }
        let joins = match (previous, width) {
            (Some(prev), Some(w)) => !ends_paragraph(prev, w),
            (Some(prev), None) => has_blank && !is_long(prev) && !is_long(this),
            (None, _) => false,
        };
        previous = Some(this);
        match current.as_mut() {
            Some(block) if joins => block.end = line.end,
            _ => {
                out.extend(current.take());
                current = Some(line.clone());
            }
        }
    }
    out.extend(current);
    out.into_iter().map(|r| trim_span(text, r)).collect()
}

fn is_long(line: &str) -> bool {
    line.chars().count() > WRAP_CHARS
}

/// The width a text without blank lines is hard-wrapped at, if it is: at least
/// [`MIN_WRAPPED_LINES`] lines, none longer than [`WRAP_CHARS`], and most of them
/// filling at least 70 % of the longest.
fn wrap_width(text: &str, lines: &[Range<usize>]) -> Option<usize> {
    let lengths: Vec<usize> = lines.iter().map(|l| text[l.clone()].trim_end().chars().count()).collect();
    let width = *lengths.iter().max()?;
    let full = lengths.iter().filter(|&&n| n * 10 >= width * 7).count();
    (lengths.len() >= MIN_WRAPPED_LINES && width <= WRAP_CHARS && full * 10 >= lengths.len() * 6)
        .then_some(width)
}

/// Whether a hard-wrapped line closes its paragraph: it ends a sentence well short of
/// the wrap width.
fn ends_paragraph(line: &str, width: usize) -> bool {
    let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”', '»']);
    ends_sentence && line.chars().count() * 100 < width * 85
}

/// Byte ranges of each line, without the line terminator.
fn line_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        spans.push(start..i);
        start = i + 1;
    }
    if start < text.len() {
        spans.push(start..text.len());
    }
    spans
}

/// Shrinks a range so that it starts and ends on non-whitespace.
fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// The start of `text`, at most `max` bytes, cut at a word boundary when one is near.
pub fn shorten(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(ws) if ws > max / 2 => &text[..ws],
        _ => &text[..end],
    }
}

/// Cuts a range into pieces of at most [`MAX_PASSAGE_BYTES`], at whitespace where possible.
pub fn bounded(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > MAX_PASSAGE_BYTES {
        let mut cut = start + MAX_PASSAGE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace) {
            if ws > MAX_PASSAGE_BYTES / 2 {
                cut = start + ws;
            }
        }
        out.push(trim_span(text, start..cut));
        start = cut;
    }
    out.push(trim_span(text, start..r.end));
    out.retain(|s| !s.is_empty());
    out
}

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)").expect("valid regex"));

/// Removes markup residue and collapses whitespace.
///
/// Links to nowhere such as `[EN](#)` vanish; other Markdown links keep their text.
///
/// ```
/// assert_eq!(briefs::ingest::split::clean("Talks  [EN](#) [EN](#)\n in [Geneva](http://x)"), "Talks in Geneva");
/// ```
pub fn clean(raw: &str) -> String {
    let unlinked = LINK.replace_all(raw, |c: &regex::Captures| match &c[2] {
        "" | "#" => String::new(),
        _ => c[1].to_string(),
    });
    unlinked.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a cleaned single line reads as a heading: a few words, no final punctuation,
/// not a list item, not a lowercase continuation (such as an attribution's second line).
///
/// ```
/// assert!(briefs::ingest::split::is_heading("Industry (1/2)"));
/// assert!(!briefs::ingest::split::is_heading("Troops were sent."));
/// ```
pub fn is_heading(line: &str) -> bool {
    let bullet = line.starts_with(['-', '*', '•', '–', '—', '·', '>'])
        || line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if bullet || line.starts_with(char::is_lowercase) {
        return false;
    }
    let ends_open = !line.ends_with(['.', '!', '?', ';', ':', ',', '…', '"', '”', '»', '\'']);
    line.len() <= MAX_HEADING_BYTES
        && ends_open
        && (1..=MAX_HEADING_WORDS).contains(&line.split_whitespace().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_blocks_are_paragraphs() {
        let t = "Title\n\nOne line\ncontinues here.\n\n\nTwo.\n";
        let b = blocks(t);
        assert_eq!(b.len(), 3);
        assert_eq!(&t[b[1].clone()], "One line\ncontinues here.");
    }

    #[test]
    fn long_lines_are_paragraphs_even_inside_blocks() {
        let long = "word ".repeat(30);
        let t = format!("Head\n\n{long}\n{long}\nshort a\nshort b\n\nEnd.");
        let b: Vec<_> = blocks(&t).into_iter().map(|r| t[r].to_string()).collect();
        assert_eq!(b.len(), 5, "{b:?}");
        assert_eq!(b[3], "short a\nshort b");
    }

    #[test]
    fn hard_wrapped_text_without_blank_lines_is_unwrapped() {
        let t = "We thank the President for his work at this session of the Assembly\n\
                 and we welcome the new Members admitted this year to the United\n\
                 Nations.\n\
                 The situation in the region remains of grave concern to my country\n\
                 and to the whole of the international community, which must act to\n\
                 restore peace without delay and to protect the civilian population\n\
                 from the violence that has claimed thousands of lives in recent months\n\
                 and years.\n";
        let b: Vec<_> = blocks(t).into_iter().map(|r| t[r].to_string()).collect();
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].ends_with("Nations.") && b[1].starts_with("The situation"));
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let t = "Title of it\nFirst sentence here.\nSecond sentence here.";
        let s = split(t);
        assert_eq!(s.passages.len(), 2);
        assert_eq!(s.passages[1].text, "Second sentence here.");
        assert_eq!(&t[s.passages[1].span.clone()], "Second sentence here.");
    }

    #[test]
    fn headings_become_sections() {
        let s = split("Intro text goes here.\n\nIndustry (1/2)\n\nFactories opened.\n\nMore news.");
        let sections: Vec<_> = s.passages.iter().map(|p| p.section.as_deref()).collect();
        assert_eq!(sections, [None, Some("Industry (1/2)"), Some("Industry (1/2)")]);
        assert!(s.passages.iter().all(|p| p.text != "Industry (1/2)"));
    }

    #[test]
    fn the_first_of_consecutive_headings_wins() {
        let s = split("Industry (1/2)\n\nSpain joins the drone programme\n\nMadrid signed on.");
        assert_eq!(s.passages[0].section.as_deref(), Some("Industry (1/2)"));
    }

    #[test]
    fn lists_and_trailing_lines_are_passages_not_headings() {
        let s = split(
            "Intro sentence here.\n\nAlpha item\n\nBeta item\n\nGamma item\n\nMore text.\n\nClosing words",
        );
        let texts: Vec<_> = s.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Intro sentence here.", "Alpha item", "Beta item", "Gamma item", "More text.", "Closing words"]
        );
        assert!(!is_heading("- 300 troops to Romania"));
        assert!(!is_heading("2) Troops to Romania"));
        assert!(is_heading("2024 budget"));
        assert!(!is_heading("during a press briefing"));
    }

    #[test]
    fn a_document_of_headings_only_keeps_them_as_passages() {
        let s = split("troops in Romania");
        assert_eq!(s.passages.len(), 1);
        assert_eq!(s.passages[0].text, "troops in Romania");
    }

    #[test]
    fn heading_rules() {
        assert!(is_heading("Between NATO and Moscow: a difficult exchange"));
        assert!(!is_heading("are we heading towards war with Russia?"));
        assert!(!is_heading(&"word ".repeat(20)));
        assert!(!is_heading(""));
    }

    #[test]
    fn cleaning_strips_link_residue() {
        assert_eq!(clean("Focus: crisis [EN](#) [EN](#)"), "Focus: crisis");
        assert_eq!(clean("see [the report](https://x.org/a) now"), "see the report now");
        assert_eq!(clean("  a \t b \n c "), "a b c");
    }

    #[test]
    fn verbatim_repeats_are_indexed_once() {
        let s = split("Why war?\n\nWhy war?\n\nBecause of this.\n\nWhy war?");
        let texts: Vec<_> = s.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Why war?", "Because of this."]);
    }

    #[test]
    fn long_paragraphs_are_bounded() {
        let t = "word ".repeat(3000);
        let s = split(&t);
        assert!(s.passages.len() >= 7);
        assert!(s.passages.iter().all(|p| p.span.len() <= MAX_PASSAGE_BYTES));
    }

    #[test]
    fn titles_are_bounded() {
        let s = split(&"word ".repeat(10_000));
        assert!(s.title.len() <= MAX_TITLE_BYTES);
        assert_eq!(shorten("héllo wörld", 8), "héllo");
    }

    #[test]
    fn spans_point_at_the_raw_text() {
        let t = "Head\r\n\r\n  Body [EN](#) text.  \r\n";
        let s = split(t);
        assert_eq!(&t[s.passages[0].span.clone()], "Body [EN](#) text.");
        assert_eq!(s.passages[0].text, "Body text.");
    }
}
