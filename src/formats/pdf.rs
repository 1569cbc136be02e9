//! PDF text layers through `pdf-extract` (glyph positions and sizes) on `lopdf`
//! (loading, decryption, metadata), then layout: lines, running headers and footers
//! dropped, paragraphs rejoined, headings from font size or numbering.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;

use pdf_extract::{Dictionary, Document, MediaBox, Object, OutputDev, OutputError, Transform};
use regex::Regex;

use super::text::{iso_date_prefix, join_lines, non_blank, one_line};
use super::{BlockKind, Builder, ExtractError, Extracted, Limits, Meta};

/// One line of text as laid out on a page (coordinates from the top-left, in points).
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    /// Baseline, from the top of the page.
    y: f64,
    /// Largest glyph size on the line.
    size: f64,
    rotated: bool,
}

/// The lines of one page.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    number: u32,
    height: f64,
    lines: Vec<Line>,
}

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ExtractError::Corrupt("not a PDF (no %PDF header)".into()));
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ExtractError::Encrypted);
    }
    inflate_streams(&mut doc, limits.max_decompressed_bytes)?;
    let meta = meta(&doc);
    let mut warnings = Vec::new();
    let pages = read_pages(&doc, limits, &mut warnings);
    if pages.iter().all(|p| p.lines.iter().all(|l| l.text.trim().is_empty())) {
        return Err(if warnings.is_empty() {
            ExtractError::NoTextLayer
        } else {
            ExtractError::Corrupt(warnings.join("; "))
        });
    }
    let mut builder = Builder::new(limits);
    for warning in warnings {
        builder.warn(warning);
    }
    let blocks = layout(pages);
    if blocks.is_empty() {
        return Err(ExtractError::NoTextLayer);
    }
    let title = blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.text.clone());
    for block in blocks {
        if !builder.push(block.kind, &block.text, Some(block.page)) {
            break;
        }
    }
    let meta = Meta { title: meta.title.and_then(|t| meaningful_title(&t)).or(title), ..meta };
    Ok(builder.finish(meta))
}

fn load_error(e: &pdf_extract::Error) -> ExtractError {
    match e {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => ExtractError::Encrypted,
        other => ExtractError::Corrupt(format!("PDF does not parse ({})", one_line(&other.to_string(), 100))),
    }
}

/// Inflates every Flate-compressed stream but images in place, within `budget` bytes in
/// all, so that a compression bomb stops here instead of inside the extractor (which
/// inflates without a bound).
fn inflate_streams(doc: &mut Document, budget: u64) -> Result<(), ExtractError> {
    let mut used = 0u64;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        let flate_only = matches!(stream.filters().as_deref(), Ok([b"FlateDecode"]));
        let is_image = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        if !flate_only || is_image || stream.dict.has(b"DecodeParms") {
            continue;
        }
        let mut plain = Vec::new();
        let mut reader = flate2::read::ZlibDecoder::new(&stream.content[..]).take(budget - used + 1);
        // A truncated stream still yields its decodable start, as viewers show it.
        let complete = reader.read_to_end(&mut plain).is_ok();
        used += plain.len() as u64;
        if used > budget {
            return Err(ExtractError::TooLarge {
                what: "PDF decompressed streams (bytes)".into(),
                limit: budget,
            });
        }
        if complete || !plain.is_empty() {
            stream.set_plain_content(plain);
        }
    }
    Ok(())
}

/// Document information (Title, Author, CreationDate) and the catalog's Lang.
fn meta(doc: &Document) -> Meta {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let field = |dict: Option<&Dictionary>, key: &[u8]| -> Option<String> {
        let (_, obj) = doc.dereference(dict?.get(key).ok()?).ok()?;
        match obj {
            Object::String(bytes, _) => non_blank(&decode_text_string(bytes)),
            _ => None,
        }
    };
    let lang = field(doc.catalog().ok(), b"Lang");
    let source = [b"Publisher".as_slice(), b"Company", b"Source"].iter().find_map(|k| field(info, k));
    Meta {
        title: field(info, b"Title"),
        date: field(info, b"CreationDate").and_then(|d| iso_date_prefix(&d)),
        source,
        // Producer and Creator name the software (e.g. "Microsoft Word"), never a person.
        author: field(info, b"Author"),
        lang,
    }
}

/// A document-info title worth keeping: the producer's "Microsoft Word - " prefix
/// goes; file names and placeholders ("untitled", "Slide 1") are no titles.
fn meaningful_title(title: &str) -> Option<String> {
    let title = title.strip_prefix("Microsoft Word - ").unwrap_or(title).trim();
    let lower = title.to_lowercase();
    let file_name = [".doc", ".docx", ".pdf", ".rtf", ".odt", ".indd", ".tex", ".dvi", ".ps"]
        .iter()
        .any(|e| lower.ends_with(e));
    let placeholder = ["untitled", "title", "document", "slide 1", "no title"].contains(&lower.as_str());
    (!file_name && !placeholder).then(|| non_blank(title)).flatten()
}

/// Typographic ligatures as their letters, so that "ﬁeld" is found as "field".
fn push_unligated(text: &mut String, ch: &str) {
    for c in ch.chars() {
        match c {
            'ﬀ' => text.push_str("ff"),
            'ﬁ' => text.push_str("fi"),
            'ﬂ' => text.push_str("fl"),
            'ﬃ' => text.push_str("ffi"),
            'ﬄ' => text.push_str("ffl"),
            'ﬅ' | 'ﬆ' => text.push_str("st"),
            _ => text.push(c),
        }
    }
}

/// A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// PDFDocEncoding: Latin-1 but for 0x80–0xA0.
fn pdf_doc_char(b: u8) -> char {
    const HIGH: &str = "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\u{FFFD}€";
    match b {
        0x80..=0xA0 => HIGH.chars().nth(usize::from(b - 0x80)).unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Collects lines from pdf-extract's glyph stream.
#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Page>,
    page: Option<Page>,
    line: Option<Line>,
    rotated_chars: usize,
    straight_chars: usize,
    /// Start of a shown string: the only place a gap means a space (inside a string,
    /// positive offsets are kerning).
    first_char: bool,
    last_y: f64,
    last_end: f64,
    text_bytes: usize,
    budget: usize,
    max_pages: u32,
    /// Why the collector stopped the extractor, when it did.
    stop: Option<String>,
}

impl Collector {
    fn halt(&mut self, why: String) -> Result<(), OutputError> {
        self.stop = Some(why);
        Err(OutputError::FormatError(std::fmt::Error))
    }

    fn flush_line(&mut self) {
        if let (Some(line), Some(page)) = (self.line.take(), self.page.as_mut()) {
            if !line.text.trim().is_empty() {
                page.lines.push(line);
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if page_num > self.max_pages {
            return self.halt(format!("only the first {} pages read (page limit)", self.max_pages));
        }
        let height = media_box.ury - media_box.lly;
        self.page = Some(Page { number: page_num, height, lines: Vec::new() });
        (self.rotated_chars, self.straight_chars) = (0, 0);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.flush_line();
        if let Some(mut page) = self.page.take() {
            // Rotated text on a page of straight text is a stamp or a margin note.
            if self.rotated_chars < self.straight_chars {
                page.lines.retain(|l| !l.rotated);
            }
            self.pages.push(page);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = &self.page else { return Ok(()) };
        let (x, y) = (trm.m31, page.height - trm.m32);
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        let rotated = trm.m12.abs() > 0.1 * trm.m11.abs() || trm.m11 <= 0.0;
        let first = std::mem::take(&mut self.first_char);
        let same_line = self.line.as_ref().is_some_and(|line| {
            let dy = (y - self.last_y).abs();
            line.rotated == rotated && dy <= size * 1.5 && !(x < self.last_end && dy > size * 0.5)
        });
        if !same_line {
            self.flush_line();
            self.line = Some(Line { text: String::new(), x0: x, x1: x, y, size: 0.0, rotated });
        }
        let line = self.line.as_mut().expect("line started above");
        let is_space = ch.chars().all(char::is_whitespace);
        if (is_space || (same_line && first && x > self.last_end + size * 0.1)) && !line.text.ends_with(' ') {
            line.text.push(' ');
        }
        if !is_space {
            push_unligated(&mut line.text, ch);
            line.size = line.size.max(size);
            line.x1 = x + width * size;
            if rotated {
                self.rotated_chars += 1;
            } else {
                self.straight_chars += 1;
            }
        }
        self.last_y = y;
        self.last_end = x + width * size;
        self.text_bytes += ch.len();
        if self.text_bytes > self.budget {
            return self.halt(format!("text read up to the limit of {} bytes", self.budget));
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Runs the extractor over all pages at once; when a page fails (an error or a panic
/// inside pdf-extract), goes on page by page after it, noting each lost page.
fn read_pages(doc: &Document, limits: &Limits, warnings: &mut Vec<String>) -> Vec<Page> {
    let mut collector = Collector {
        budget: limits.max_text_bytes.saturating_mul(2),
        max_pages: limits.max_pages,
        ..Collector::default()
    };
    let all = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc(doc, &mut collector)));
    if collector.stop.is_none() && !matches!(all, Ok(Ok(()))) {
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let done: HashSet<u32> = collector.pages.iter().map(|p| p.number).collect();
        for number in numbers.into_iter().filter(|n| !done.contains(n)) {
            collector.page = None;
            collector.line = None;
            let one =
                catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(doc, &mut collector, number)));
            if collector.stop.is_some() {
                break;
            }
            if !matches!(one, Ok(Ok(()))) {
                warnings.push(format!("page {number} could not be read and is skipped"));
            }
        }
    }
    // A page cut short by a limit keeps what it read.
    collector.end_page().ok();
    warnings.extend(collector.stop.take());
    collector.pages.sort_by_key(|p| p.number);
    collector.pages
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[-–—(\[]?\s*(?:page|p\.|pg\.?|seite|pagina|página|стр\.?|страница|strona)?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*(?:(?:of|/|von|de|di|из|z)\s*\d{1,4})?\s*[-–—)\]]?$",
    )
    .expect("regex")
});

/// How a line compares across pages: case and digits ignored, spaces gone.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Indices of the lines in the top and bottom margins of a page: up to two each,
/// within the outer ninth of the page (about 3 cm on A4).
fn margin_lines(page: &Page) -> Vec<usize> {
    let mut order: Vec<usize> = (0..page.lines.len()).collect();
    order.sort_by(|&a, &b| page.lines[a].y.total_cmp(&page.lines[b].y));
    let zone = page.height / 9.0;
    let top = order.iter().take(2).filter(|&&i| page.lines[i].y < zone);
    let bottom = order.iter().rev().take(2).filter(|&&i| page.lines[i].y > page.height - zone);
    let mut picked: Vec<usize> = top.chain(bottom).copied().collect();
    picked.dedup();
    picked
}

/// The number a margin line starts or ends with ("Chapter 2: Syntax 3" → 3).
fn edge_number(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let last = words.next_back().unwrap_or(first);
    [last, first].iter().find_map(|w| (w.len() <= 4).then(|| w.parse().ok()).flatten())
}

/// The offset between PDF page numbers and the numbers printed in the margins, when
/// one offset holds on a third of the pages or more (two at least): running headers
/// that name the chapter ("Chapter 2: Syntax 3") repeat only by their page number.
fn printed_offset(pages: &[Page], body: f64, with_text: usize) -> Option<i64> {
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for page in pages {
        let here: HashSet<i64> = margin_lines(page)
            .iter()
            .map(|&i| &page.lines[i])
            .filter(|l| l.size < body * 1.12)
            .filter_map(|l| edge_number(&l.text))
            .map(|n| i64::from(page.number) - n)
            .collect();
        for offset in here {
            *offsets.entry(offset).or_default() += 1;
        }
    }
    let (offset, count) = offsets.into_iter().max_by_key(|&(o, c)| (c, -o.abs()))?;
    (count >= 2 && count * 3 >= with_text).then_some(offset)
}

/// Drops running headers and footers, among margin lines no larger than body text:
/// page numbers; lines that repeat (digits aside) on at least half the pages with
/// text (two at least); lines carrying the printed page number.
fn drop_furniture(pages: &mut [Page], body: f64) {
    let with_text = pages.iter().filter(|p| !p.lines.is_empty()).count();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let keys: HashSet<String> =
            margin_lines(page).iter().map(|&i| furniture_key(&page.lines[i].text)).collect();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let offset = printed_offset(pages, body, with_text);
    for page in pages.iter_mut() {
        let drop: HashSet<usize> = margin_lines(page)
            .into_iter()
            .filter(|&i| {
                let line = &page.lines[i];
                let text = line.text.trim();
                let count = seen.get(&furniture_key(text)).copied().unwrap_or(0);
                let small = line.size < body * 1.12;
                let repeated = count >= 2 && count * 2 >= with_text;
                let numbered = offset.is_some_and(|o| edge_number(text) == Some(i64::from(page.number) - o));
                PAGE_NUMBER.is_match(text) || (small && (repeated || numbered))
            })
            .collect();
        let mut index = 0;
        page.lines.retain(|_| {
            index += 1;
            !drop.contains(&(index - 1))
        });
    }
}

/// A block found by the layout, before it enters the text.
#[derive(Debug, Clone, PartialEq)]
struct LaidBlock {
    kind: BlockKind,
    text: String,
    page: u32,
    size: f64,
    lines: usize,
}

/// The body font size: the size most characters are set in (to the half point).
fn body_size(pages: &[Page]) -> f64 {
    let mut weight: HashMap<i64, usize> = HashMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        *weight.entry((line.size * 2.0).round() as i64).or_default() += line.text.len();
    }
    weight.into_iter().max_by_key(|&(size, w)| (w, -size)).map_or(10.0, |(size, _)| size as f64 / 2.0)
}

/// The usual distance between consecutive body lines.
fn body_leading(pages: &[Page], body: f64) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2))
        .filter(|w| (w[0].size - body).abs() < 0.5 && (w[1].size - body).abs() < 0.5)
        .map(|w| w[1].y - w[0].y)
        .filter(|&g| g > body * 0.8 && g < body * 3.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(body * 1.2)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', '"', '”', '»'])
}

/// Whether `next` starts a new paragraph after `prev` on the same page.
fn breaks(prev: &Line, next: &Line, body: f64, leading: f64, right: f64) -> bool {
    let gap = next.y - prev.y;
    let moved_up = gap < -prev.size * 0.2;
    let wide_gap = gap > leading * 1.4;
    let new_size = (next.size - prev.size).abs() > body * 0.12;
    let short_end = ends_sentence(&prev.text) && prev.x1 < right - body * 4.0;
    let indented =
        ends_sentence(&prev.text) && next.x0 > prev.x0 + body * 0.8 && next.x0 < prev.x0 + body * 6.0;
    let bullet = next.text.trim_start().starts_with(['•', '◦', '▪', '‣', '●', '■', '□', '➢', '►']);
    moved_up || wide_gap || new_size || short_end || indented || bullet
}

/// Lines into paragraphs, page by page.
fn paragraphs(pages: &[Page], body: f64) -> Vec<LaidBlock> {
    let leading = body_leading(pages, body);
    let mut out = Vec::new();
    for page in pages {
        let right =
            page.lines.iter().filter(|l| (l.size - body).abs() < 0.5).map(|l| l.x1).fold(0.0, f64::max);
        let mut start = 0;
        for i in 1..=page.lines.len() {
            if i < page.lines.len() && !breaks(&page.lines[i - 1], &page.lines[i], body, leading, right) {
                continue;
            }
            let lines = &page.lines[start..i];
            out.push(LaidBlock {
                kind: BlockKind::Paragraph,
                text: join_lines(lines.iter().map(|l| l.text.as_str())),
                page: page.number,
                size: lines.iter().map(|l| l.size).fold(0.0, f64::max),
                lines: lines.len(),
            });
            start = i;
        }
    }
    join_across_pages(out)
}

/// Rejoins a paragraph that a page break cut: the page ends mid-sentence and the next
/// page goes on in lower case.
fn join_across_pages(blocks: Vec<LaidBlock>) -> Vec<LaidBlock> {
    let mut out: Vec<LaidBlock> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(prev) = out.last_mut() {
            let continues = prev.page + 1 == block.page
                && (prev.size - block.size).abs() < 0.5
                && !ends_sentence(&prev.text)
                && block.text.chars().next().is_some_and(char::is_lowercase);
            if continues {
                prev.text = join_lines([prev.text.as_str(), block.text.as_str()]);
                prev.lines += block.lines;
                continue;
            }
        }
        out.push(block);
    }
    out
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,2}(?:\.\d{1,2}){0,2})\.?|[IVX]{1,4}\.)\s+\p{Lu}").expect("regex")
});

/// Whether a short block reads like a heading: no final punctuation, few words.
fn title_like(block: &LaidBlock) -> bool {
    let text = block.text.trim();
    let words = text.split_whitespace().count();
    block.lines <= 2
        && text.len() <= 160
        && words <= 16
        && !text.ends_with(['.', ',', ';', '!'])
        && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The level a numbered heading's number gives ("2" → 1, "2.1" → 2).
fn numbered_level(text: &str) -> Option<u8> {
    let caps = NUMBERED.captures(text)?;
    let dots = caps.get(1).map_or(0, |m| m.as_str().matches('.').count());
    Some((dots + 1).min(3) as u8)
}

/// Marks headings: blocks set larger than the body (levels by size, the largest on the
/// first page alone the title), and body-size numbered lines followed by text.
fn headings(blocks: &mut [LaidBlock], body: f64) {
    let big = |b: &LaidBlock| b.size >= body * 1.12 && title_like(b);
    let mut sizes: Vec<i64> =
        blocks.iter().filter(|b| big(b)).map(|b| (b.size * 2.0).round() as i64).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    let largest = sizes.first().copied();
    let title_size = largest.filter(|&s| {
        let mut with = blocks.iter().filter(|b| big(b) && (b.size * 2.0).round() as i64 == s);
        let first = with.next();
        first.is_some_and(|b| b.page == 1) && with.next().is_none() && sizes.len() > 1
    });
    let levels: Vec<i64> = sizes.iter().copied().filter(|&s| Some(s) != title_size).collect();
    for i in 0..blocks.len() {
        let block = &blocks[i];
        let key = (block.size * 2.0).round() as i64;
        if big(block) {
            blocks[i].kind = if Some(key) == title_size {
                BlockKind::Title
            } else {
                let rank = levels.iter().position(|&s| s == key).unwrap_or(2);
                BlockKind::Heading((rank + 1).min(3) as u8)
            };
        } else if block.lines == 1 && title_like(block) {
            let followed_by_text = blocks.get(i + 1).is_some_and(|n| n.lines >= 2 || n.text.len() > 100);
            if let (Some(level), true) = (numbered_level(&block.text), followed_by_text) {
                blocks[i].kind = BlockKind::Heading(level);
            }
        }
    }
}

/// Pages of lines into titled, headed paragraphs.
fn layout(mut pages: Vec<Page>) -> Vec<LaidBlock> {
    let body = body_size(&pages);
    drop_furniture(&mut pages, body);
    let mut blocks = paragraphs(&pages, body);
    headings(&mut blocks, body);
    blocks
}

#[cfg(test)]
mod tests {
    use super::super::{extract as extract_any, Format};
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/formats/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn pdf(bytes: &[u8]) -> Result<Extracted, ExtractError> {
        extract_any(Format::Pdf, bytes, &Limits::default())
    }

    #[test]
    fn brief_blocks_have_kinds_pages_and_rejoined_text() {
        let out = pdf(&fixture("brief.pdf")).unwrap();
        let blocks: Vec<(BlockKind, &str, Option<u32>)> =
            out.blocks.iter().map(|b| (b.kind, out.block_text(b), b.page)).collect();
        assert_eq!(blocks[0], (BlockKind::Title, "Baltic Air Policing: Readiness Review", Some(1)));
        assert_eq!(blocks[1], (BlockKind::Heading(1), "1. Summary", Some(1)));
        let headings: Vec<_> = blocks.iter().filter(|b| matches!(b.0, BlockKind::Heading(_))).collect();
        let expected = [
            (BlockKind::Heading(1), "1. Summary", Some(1)),
            (BlockKind::Heading(1), "2. Threat Picture", Some(2)),
            (BlockKind::Heading(2), "2.1 Electronic Warfare", Some(2)),
            (BlockKind::Heading(1), "3. Infrastructure", Some(3)),
            (BlockKind::Heading(1), "4. Recommendations", Some(4)),
        ];
        assert_eq!(headings.into_iter().copied().collect::<Vec<_>>(), expected);
        let paragraphs = blocks.iter().filter(|b| b.0 == BlockKind::Paragraph).count();
        assert_eq!(paragraphs, 7, "{blocks:#?}");
        let second = blocks[3].1;
        assert!(second.starts_with("Detachments flying the F-16 and the Eurofighter"), "{second}");
        assert!(second.contains("Air defence planners"), "{second}");
        assert!(second.ends_with("the cease-fire talks in the region have stalled."), "{second}");
    }

    #[test]
    fn running_header_and_page_numbers_are_dropped() {
        let out = pdf(&fixture("brief.pdf")).unwrap();
        assert!(!out.text.contains("UNCLASSIFIED"), "{}", out.text);
        assert!(!out.text.contains("Page "), "{}", out.text);
        assert!(!out.text.contains("defen-"), "{}", out.text);
        assert!(out.text.contains("twentieth year with four fighter detachments"), "{}", out.text);
    }

    #[test]
    fn document_info_becomes_meta() {
        let out = pdf(&fixture("brief.pdf")).unwrap();
        assert_eq!(out.meta.title.as_deref(), Some("Baltic Air Policing: Readiness Review"));
        assert_eq!(out.meta.date.as_deref(), Some("2024-03-15"));
        assert_eq!(out.meta.author.as_deref(), Some("Joint Air Power Staff"));
        assert_eq!(out.meta.source, None);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn scanned_pdf_has_no_text_layer() {
        let err = pdf(&fixture("scanned.pdf")).unwrap_err();
        assert_eq!(err, ExtractError::NoTextLayer);
        assert_eq!(err.to_string(), "PDF has no text layer (a scanned image?)");
    }

    #[test]
    fn a_user_password_is_refused_and_an_owner_password_alone_is_not() {
        assert_eq!(pdf(&fixture("locked.pdf")).unwrap_err(), ExtractError::Encrypted);
        let out = pdf(&fixture("owner_only.pdf")).unwrap();
        assert!(out.text.contains("exercise schedule for the spring rotation"), "{}", out.text);
    }

    #[test]
    fn truncated_and_foreign_bytes_are_corrupt() {
        let bytes = fixture("brief.pdf");
        for cut in [bytes.len() / 3, 20] {
            match pdf(&bytes[..cut]) {
                Err(ExtractError::Corrupt(_)) | Err(ExtractError::NoTextLayer) => {}
                Ok(out) => assert!(out.text.len() < 2000, "{cut}"),
                Err(other) => panic!("{cut}: {other}"),
            }
        }
        assert!(matches!(pdf(b"<html>not a pdf</html>"), Err(ExtractError::Corrupt(_))));
    }

    /// A PDF with one page per content stream, text in Helvetica.
    fn make_pdf(contents: &[Vec<u8>], compress: bool) -> Vec<u8> {
        use pdf_extract::Stream;
        let mut doc = Document::with_version("1.5");
        let font: Dictionary =
            [("Type", "Font".into()), ("Subtype", "Type1".into()), ("BaseFont", "Helvetica".into())]
                .into_iter()
                .collect();
        let font_id = doc.add_object(font);
        let fonts: Dictionary = [("F1", Object::from(font_id))].into_iter().collect();
        let resources: Dictionary = [("Font", Object::from(fonts))].into_iter().collect();
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for content in contents {
            let mut stream = Stream::new(Dictionary::new(), content.clone());
            if compress {
                stream.compress().expect("compress");
            }
            let content_id = doc.add_object(stream);
            let media: Vec<Object> = vec![0.into(), 0.into(), 595.into(), 842.into()];
            let page: Dictionary = [
                ("Type", "Page".into()),
                ("Parent", pages_id.into()),
                ("Contents", content_id.into()),
                ("Resources", resources.clone().into()),
                ("MediaBox", media.into()),
            ]
            .into_iter()
            .collect();
            kids.push(Object::from(doc.add_object(page)));
        }
        let count = kids.len() as i64;
        let pages: Dictionary =
            [("Type", "Pages".into()), ("Kids", kids.into()), ("Count", count.into())].into_iter().collect();
        doc.objects.insert(pages_id, pages.into());
        let catalog: Dictionary =
            [("Type", "Catalog".into()), ("Pages", pages_id.into())].into_iter().collect();
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    }

    /// A content stream of `lines` lines of text, 12 points apart, wrapping to the top.
    fn text_stream(lines: usize, text: &str) -> Vec<u8> {
        let mut content = String::from("BT /F1 10 Tf 72 800 Td\n");
        for i in 0..lines {
            let step = if i % 60 == 59 { "0 708 Td" } else { "0 -12 Td" };
            content.push_str(&format!("({text} {i}) Tj {step}\n"));
        }
        content.push_str("ET");
        content.into_bytes()
    }

    #[test]
    fn one_huge_content_stream_is_read_within_the_text_limit() {
        let bytes = make_pdf(&[text_stream(20_000, "Convoy status line with routine text")], true);
        let limits = Limits { max_text_bytes: 64 << 10, ..Limits::default() };
        let out = extract_any(Format::Pdf, &bytes, &limits).unwrap();
        assert!(out.text.len() <= 64 << 10);
        assert!(out.text.starts_with("Convoy status line with routine text 0"), "{}", &out.text[..80]);
        assert!(!out.warnings.is_empty(), "a cut is reported");
    }

    #[test]
    fn a_compression_bomb_stops_at_the_decompression_limit() {
        let mut content = text_stream(1, "Before the filler");
        content.extend(std::iter::repeat_n(b' ', 4 << 20));
        let bytes = make_pdf(&[content], true);
        assert!(bytes.len() < 64 << 10, "{}", bytes.len());
        let limits = Limits { max_decompressed_bytes: 1 << 20, ..Limits::default() };
        let err = extract_any(Format::Pdf, &bytes, &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { limit, .. } if limit == 1 << 20), "{err}");
    }

    #[test]
    fn a_page_that_breaks_the_extractor_is_skipped_with_a_warning() {
        // Text shown before any font is set: pdf-extract panics on it.
        let broken = b"BT 72 800 Td (no font selected) Tj ET".to_vec();
        let bytes = make_pdf(&[broken.clone(), text_stream(3, "Second page text")], false);
        let out = extract_any(Format::Pdf, &bytes, &Limits::default()).unwrap();
        assert_eq!(out.warnings, ["page 1 could not be read and is skipped"]);
        assert!(out.blocks.iter().all(|b| b.page == Some(2)));
        assert!(out.text.contains("Second page text 0"), "{}", out.text);
        let only_broken = make_pdf(&[broken], false);
        let err = extract_any(Format::Pdf, &only_broken, &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Corrupt(_)), "{err}");
    }

    #[test]
    fn pdf_doc_encoding_and_utf16_strings_decode() {
        assert_eq!(decode_text_string(b"\xfe\xff\x00A\x04\x10"), "AА");
        assert_eq!(decode_text_string(b"caf\xe9 \x84 \x93"), "café — ﬁ");
    }

    fn line(text: &str, y: f64, size: f64) -> Line {
        Line { text: text.into(), x0: 72.0, x1: 72.0 + 5.0 * text.len() as f64, y, size, rotated: false }
    }

    fn page(number: u32, lines: Vec<Line>) -> Page {
        Page { number, height: 800.0, lines }
    }

    #[test]
    fn headers_naming_the_chapter_go_by_their_printed_page_number() {
        let mut pages: Vec<Page> = (3..=8)
            .map(|n| {
                let chapter = if n < 6 { "Chapter 1: Scope" } else { "Chapter 2: Threats" };
                let header = format!("{chapter} {}", n - 2);
                page(n, vec![line(&header, 40.0, 9.0), line("Body text of the page.", 200.0, 11.0)])
            })
            .collect();
        pages.push(page(9, vec![line("2 Threats", 60.0, 11.0), line("Body text.", 200.0, 11.0)]));
        drop_furniture(&mut pages, 11.0);
        let left: Vec<&str> = pages.iter().flat_map(|p| &p.lines).map(|l| l.text.as_str()).collect();
        assert!(left.iter().all(|t| !t.starts_with("Chapter")), "{left:?}");
        assert!(left.contains(&"2 Threats"), "{left:?}");
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_rejoined() {
        let pages = vec![
            page(
                1,
                vec![line("The detachments flew", 100.0, 11.0), line("fifty sorties in the", 114.0, 11.0)],
            ),
            page(2, vec![line("first week of May.", 100.0, 11.0), line("Next paragraph here.", 200.0, 11.0)]),
        ];
        let blocks = paragraphs(&pages, 11.0);
        let texts: Vec<(&str, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.page)).collect();
        assert_eq!(
            texts,
            [
                ("The detachments flew fifty sorties in the first week of May.", 1),
                ("Next paragraph here.", 2)
            ]
        );
    }

    #[test]
    fn info_titles_that_are_file_names_or_placeholders_are_dropped() {
        assert_eq!(
            meaningful_title("Microsoft Word - Readiness Review").as_deref(),
            Some("Readiness Review")
        );
        assert_eq!(meaningful_title("Microsoft Word - brief_v3.docx"), None);
        assert_eq!(meaningful_title("Untitled"), None);
        assert_eq!(meaningful_title(" Baltic Review ").as_deref(), Some("Baltic Review"));
        let mut text = String::new();
        push_unligated(&mut text, "ﬁ");
        push_unligated(&mut text, "eld");
        assert_eq!(text, "field");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for yes in ["3", "Page 3 of 12", "- 7 -", "p. 12", "xiv", "Seite 4 von 9", "12/40"] {
            assert!(PAGE_NUMBER.is_match(yes), "{yes}");
        }
        for no in ["Summary", "3. Infrastructure", "F-16", "Annex B"] {
            assert!(!PAGE_NUMBER.is_match(no), "{no}");
        }
    }
}
