//! Reading Markdown (CommonMark with tables, via pulldown-cmark): headings are
//! sections, YAML front matter is metadata, emphasis, links and code become plain
//! text, each table row is a passage with its cells joined by " | ", and list items
//! stay paragraphs. Every block keeps the byte range of its source in the file.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::extracted::{Block, BlockKind, Extracted, Meta};
use super::split::MAX_PASSAGE_BYTES;

/// Reads a Markdown document.
///
/// ```
/// use briefs::ingest::extracted::BlockKind;
/// let md = "---\ntitle: Weekly brief\ndate: 2024-03-12\n---\n# Heading one\n\nSome **bold** [text](http://x).\n";
/// let ex = briefs::ingest::markdown::extract(md);
/// assert_eq!(ex.meta.title.as_deref(), Some("Weekly brief"));
/// assert_eq!(ex.blocks[0].kind, BlockKind::Heading(1));
/// assert_eq!(ex.blocks[1].text, "Some bold text.");
/// assert_eq!(&md[ex.blocks[1].span.clone()], "Some **bold** [text](http://x).");
/// ```
pub fn extract(source: &str) -> Extracted {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut b = Builder::new(source);
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        b.event(event, range);
    }
    b.flush(None);
    let title_given = b.meta.title.is_some();
    if !title_given {
        if let Some(h1) = b.blocks.iter_mut().find(|x| x.kind == BlockKind::Heading(1)) {
            h1.kind = BlockKind::Title;
        }
    }
    Extracted { text: source.to_string(), blocks: b.blocks, meta: b.meta }
}

/// A block being read: its kind, start, text so far and where each piece of the text
/// comes from.
struct Open {
    kind: BlockKind,
    start: usize,
    text: String,
    /// `(offset in text, source range)` of each piece of text.
    pieces: Vec<(usize, Range<usize>)>,
}

/// Turns parser events into blocks.
struct Builder<'s> {
    source: &'s str,
    blocks: Vec<Block>,
    meta: Meta,
    open: Option<Open>,
    /// Inside the front matter: its text so far.
    front: Option<String>,
    /// For each open link or image: whether its text is dropped (images, links to nowhere).
    links: Vec<bool>,
    /// Open list items and block quotes: their paragraphs are items, never headings.
    nested: usize,
    /// Inside a raw HTML block.
    html: bool,
    /// Cells read in the current table row.
    cells: usize,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            source,
            blocks: Vec::new(),
            meta: Meta::default(),
            open: None,
            front: None,
            links: Vec::new(),
            nested: 0,
            html: false,
            cells: 0,
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) | Event::Code(t) => self.text(&t, range),
            Event::SoftBreak | Event::HardBreak => self.space(),
            Event::Rule => self.flush(None),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => self.front = Some(String::new()),
            Tag::Heading { level, .. } => self.begin(BlockKind::Heading(heading_level(level)), range.start),
            Tag::Paragraph => {
                let kind = if self.nested > 0 { BlockKind::Item } else { BlockKind::Paragraph };
                self.begin(kind, range.start);
            }
            Tag::Item => {
                self.flush(None);
                self.nested += 1;
                self.begin(BlockKind::Item, range.start);
            }
            Tag::BlockQuote(_) => {
                self.flush(None);
                self.nested += 1;
            }
            Tag::List(_) => self.flush(None),
            Tag::TableHead | Tag::TableRow => {
                self.cells = 0;
                self.begin(BlockKind::Row, range.start);
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    if let Some(open) = self.open.as_mut() {
                        open.text.push_str(" | ");
                    }
                }
                self.cells += 1;
            }
            Tag::CodeBlock(_) => self.begin(BlockKind::Item, range.start),
            Tag::HtmlBlock => self.html = true,
            Tag::Link { dest_url, .. } => self.links.push(dest_url.trim().is_empty() || &*dest_url == "#"),
            Tag::Image { .. } => self.links.push(true),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::MetadataBlock(_) => {
                let text = self.front.take().unwrap_or_default();
                self.meta = front_matter(&text);
            }
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::CodeBlock => self.flush(Some(range.end)),
            TagEnd::Item | TagEnd::BlockQuote(_) => {
                self.flush(Some(range.end));
                self.nested = self.nested.saturating_sub(1);
            }
            TagEnd::HtmlBlock => self.html = false,
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
            }
            _ => {}
        }
    }

    /// Starts a block, closing the one before (a list item's text before its sublist).
    fn begin(&mut self, kind: BlockKind, start: usize) {
        self.flush(None);
        self.open = Some(Open { kind, start, text: String::new(), pieces: Vec::new() });
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(front) = self.front.as_mut() {
            front.push_str(text);
            return;
        }
        if self.html || self.links.iter().any(|&dropped| dropped) {
            return;
        }
        let open = self.open.get_or_insert_with(|| Open {
            kind: BlockKind::Paragraph,
            start: range.start,
            text: String::new(),
            pieces: Vec::new(),
        });
        open.pieces.push((open.text.len(), range));
        open.text.push_str(text);
    }

    fn space(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.text.push(' ');
        }
    }

    /// Closes the open block, ending at `end` (its source end) or after its last text.
    fn flush(&mut self, end: Option<usize>) {
        let Some(open) = self.open.take() else { return };
        let Some(last) = open.pieces.last() else { return };
        let end = end.unwrap_or(last.1.end).max(open.start).min(self.source.len());
        let span = trim_span(self.source, open.start..end);
        for (span, text) in bounded(self.source, &open, span) {
            let text = crate::text::collapse_whitespace(&text);
            if text.chars().any(char::is_alphanumeric) {
                self.blocks.push(Block { span, kind: open.kind, text, page: None });
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The pieces of an over-long block, each at most [`MAX_PASSAGE_BYTES`] of text, cut at
/// whitespace, each with the source range its text comes from.
fn bounded(source: &str, open: &Open, span: Range<usize>) -> Vec<(Range<usize>, String)> {
    if open.text.len() <= MAX_PASSAGE_BYTES {
        return vec![(span, open.text.clone())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = span.start;
    while start < open.text.len() {
        let cut = cut_point(&open.text, start);
        let to = if cut >= open.text.len() {
            span.end
        } else {
            source_offset(source, open, cut).clamp(from, span.end)
        };
        out.push((trim_span(source, from..to), open.text[start..cut].to_string()));
        start = cut;
        from = to;
    }
    out
}

/// Where to end a piece that starts at `start`: at most [`MAX_PASSAGE_BYTES`] later, at
/// whitespace when there is some in its second half.
fn cut_point(text: &str, start: usize) -> usize {
    if text.len() - start <= MAX_PASSAGE_BYTES {
        return text.len();
    }
    let mut cut = start + MAX_PASSAGE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match text[start..cut].rfind(char::is_whitespace) {
        Some(ws) if ws > MAX_PASSAGE_BYTES / 2 => start + ws,
        _ => cut,
    }
}

/// The source offset of a text offset: inside the piece it falls in, counted from the
/// piece's source start (exact when the piece is written verbatim).
fn source_offset(source: &str, open: &Open, at: usize) -> usize {
    let i = open.pieces.partition_point(|(offset, _)| *offset <= at).saturating_sub(1);
    let (offset, range) = &open.pieces[i];
    let mut pos = (range.start + (at - offset)).min(range.end);
    while !source.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Shrinks a range so that it starts and ends on non-whitespace.
fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// The metadata of a YAML front matter: `key: value` lines for title, date, source,
/// lang (or language) and tags (or keywords: `[a, b]`, `a, b` or a `- a` list below).
/// Other keys and nested structures are ignored.
pub fn front_matter(yaml: &str) -> Meta {
    let mut meta = Meta::default();
    let mut in_tags = false;
    for line in yaml.lines() {
        if in_tags {
            if let Some(item) = line.trim_start().strip_prefix("- ") {
                meta.tags.push(unquote(item).to_string());
                continue;
            }
            in_tags = false;
        }
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = unquote(value);
        let text = (!value.is_empty()).then(|| value.to_string());
        match key.trim().to_lowercase().as_str() {
            "title" => meta.title = text,
            "date" => meta.date = text,
            "source" => meta.source = text,
            "lang" | "language" => meta.lang = text,
            "tags" | "keywords" => {
                in_tags = value.is_empty();
                let list = value.trim_start_matches('[').trim_end_matches(']');
                meta.tags.extend(list.split(',').map(unquote).filter(|t| !t.is_empty()).map(str::to_string));
            }
            _ => {}
        }
    }
    meta
}

/// A YAML scalar without its quotes.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(ex: &Extracted) -> Vec<(BlockKind, &str)> {
        ex.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn headings_paragraphs_and_the_title() {
        let md = "# The title\n\nIntro with *emphasis* and `code`.\n\n## Section A\n\nBody A.\n\nSection B\n---------\n\nBody B.\n";
        let ex = extract(md);
        assert_eq!(
            kinds_and_texts(&ex),
            [
                (BlockKind::Title, "The title"),
                (BlockKind::Paragraph, "Intro with emphasis and code."),
                (BlockKind::Heading(2), "Section A"),
                (BlockKind::Paragraph, "Body A."),
                (BlockKind::Heading(2), "Section B"),
                (BlockKind::Paragraph, "Body B."),
            ]
        );
        assert_eq!(&md[ex.blocks[1].span.clone()], "Intro with *emphasis* and `code`.");
        assert_eq!(&md[ex.blocks[0].span.clone()], "# The title");
    }

    #[test]
    fn front_matter_is_metadata_and_keeps_offsets() {
        let md = "---\ntitle: \"From the front\"\ndate: 12 March 2024\nsource: Le Monde\nlanguage: fr\ntags: [defence, NATO]\n---\n\n# Heading one\n\nTexte du corps.\n";
        let ex = extract(md);
        assert_eq!(ex.meta.title.as_deref(), Some("From the front"));
        assert_eq!(ex.meta.date.as_deref(), Some("12 March 2024"));
        assert_eq!(ex.meta.source.as_deref(), Some("Le Monde"));
        assert_eq!(ex.meta.lang.as_deref(), Some("fr"));
        assert_eq!(ex.meta.tags, ["defence", "NATO"]);
        assert_eq!(
            kinds_and_texts(&ex),
            [(BlockKind::Heading(1), "Heading one"), (BlockKind::Paragraph, "Texte du corps.")]
        );
        assert_eq!(&md[ex.blocks[1].span.clone()], "Texte du corps.");
        assert!(ex.blocks.iter().all(|b| !b.text.contains("---") && !b.text.contains("title:")));
    }

    #[test]
    fn tag_lists_below_the_key() {
        let meta = front_matter("tags:\n  - one\n  - 'two'\nlang: de\n");
        assert_eq!(meta.tags, ["one", "two"]);
        assert_eq!(meta.lang.as_deref(), Some("de"));
    }

    #[test]
    fn tables_are_one_passage_per_row() {
        let md = "Intro.\n\n| Country | Troops |\n|---|---|\n| **France** | 300 |\n| Spain | 150 |\n";
        let ex = extract(md);
        let texts: Vec<_> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Intro.", "Country | Troops", "France | 300", "Spain | 150"]);
        assert!(ex.blocks[1..].iter().all(|b| b.kind == BlockKind::Row));
        assert_eq!(&md[ex.blocks[2].span.clone()], "| **France** | 300 |");
    }

    #[test]
    fn list_items_stay_paragraphs_and_links_keep_their_text() {
        let md = "- first [item](http://a.b) here\n- second item\n  - nested one\n\nSee [EN](#) the ![photo](x.jpg) end.\n";
        let ex = extract(md);
        assert_eq!(
            kinds_and_texts(&ex),
            [
                (BlockKind::Item, "first item here"),
                (BlockKind::Item, "second item"),
                (BlockKind::Item, "nested one"),
                (BlockKind::Paragraph, "See the end."),
            ]
        );
        assert_eq!(&md[ex.blocks[0].span.clone()], "- first [item](http://a.b) here");
        assert_eq!(&md[ex.blocks[2].span.clone()], "- nested one");
    }

    #[test]
    fn long_paragraphs_are_cut_with_their_own_ranges() {
        let md = format!("# T\n\n{}\n", "word **bold** ".repeat(400));
        let ex = extract(&md);
        let body: Vec<_> = ex.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).collect();
        assert!(body.len() >= 2, "{}", body.len());
        for pair in body.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for b in &body {
            assert!(b.text.len() <= MAX_PASSAGE_BYTES);
            assert!(md[b.span.clone()].starts_with("word") || md[b.span.clone()].starts_with("**bold"));
        }
    }

    #[test]
    fn html_and_empty_blocks_are_dropped() {
        let ex = extract("<div>\nchrome\n</div>\n\n![only an image](a.png)\n\nText.\n");
        assert_eq!(kinds_and_texts(&ex), [(BlockKind::Paragraph, "Text.")]);
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_input_gives_valid_ordered_spans(text in r"(# |## |---\n|\| a \| b \|\n|- |\*\*|\[x\]\(#\)|`|> |\n|\n\n|[a-zé ]{1,8}|[0-9]|“|\t)*") {
            let ex = extract(&text);
            let mut last = 0;
            for b in &ex.blocks {
                prop_assert!(b.span.start <= b.span.end && b.span.end <= text.len());
                prop_assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
                prop_assert!(b.span.start >= last, "blocks in order: {:?}", ex.blocks);
                last = b.span.start;
                prop_assert!(b.text.chars().any(char::is_alphanumeric));
                prop_assert!(b.text.len() <= MAX_PASSAGE_BYTES);
            }
            let split = crate::ingest::split::split_extracted(&ex, None, &|_| false);
            for p in &split.passages {
                prop_assert!(p.span.end <= text.len());
            }
        }
    }
}
