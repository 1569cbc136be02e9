//! Saved web pages: the declared encoding honoured (encoding_rs), the article found by
//! `dom_smoothie` (a port of Mozilla's Readability) after obvious boilerplate is cut,
//! then blocks from its markup.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};
use encoding_rs::Encoding;

use super::text::{collapse_ws, iso_date_prefix, non_blank};
use super::{BlockKind, Builder, ExtractError, Extracted, Limits, Meta};

/// Most elements handed to the main-content extractor (its scoring visits every one).
const MAX_ELEMENTS: usize = 200_000;

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    if bytes.len() as u64 > limits.max_html_bytes {
        return Err(ExtractError::TooLarge {
            what: "HTML page (bytes)".into(),
            limit: limits.max_html_bytes,
        });
    }
    let html = decode(bytes);
    let doc = parse_bounded(&html, limits.max_depth)?;
    let mut meta = page_meta(&doc);
    let title = page_title(&doc);
    drop_boilerplate(&doc);
    let mut builder = Builder::new(limits);
    let config = Config { max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let parsed = Readability::with_document(doc, None, Some(config)).and_then(|mut r| r.parse());
    let (raw, article_title) = match parsed {
        Ok(article) => {
            meta.date = meta.date.or_else(|| article.published_time.as_deref().and_then(iso_date_prefix));
            meta.source = meta.source.or_else(|| article.site_name.as_deref().and_then(non_blank));
            meta.author = meta.author.or_else(|| article.byline.as_deref().and_then(non_blank));
            meta.lang = meta.lang.or_else(|| article.lang.as_deref().and_then(non_blank));
            let content = Document::from(article.content.as_ref());
            (raw_blocks(&content.root()), non_blank(&article.title))
        }
        Err(ReadabilityError::TooManyElements(n, _)) => {
            return Err(ExtractError::TooLarge {
                what: format!("HTML page elements ({n} found)"),
                limit: MAX_ELEMENTS as u64,
            })
        }
        Err(e) => {
            // No article found: the page minus its boilerplate is the best there is.
            builder.warn(format!("no main article found ({e}); the whole page is read"));
            let doc = parse_bounded(&html, limits.max_depth)?;
            drop_boilerplate(&doc);
            (doc.body().map(|b| raw_blocks(&b)).unwrap_or_default(), None)
        }
    };
    let title = title.or(article_title);
    if let Some(title) = &title {
        builder.push(BlockKind::Title, title, None);
    }
    let title_key = title.as_deref().map(collapse_ws).map(|t| t.to_lowercase());
    for block in raw {
        let repeats_title = matches!(block.kind, BlockKind::Heading(_) | BlockKind::Title)
            && Some(collapse_ws(&block.text).to_lowercase()) == title_key;
        if !repeats_title && !builder.push(block.kind, &block.text, None) {
            break;
        }
    }
    meta.title = title;
    Ok(builder.finish(meta))
}

/// The page's text: a byte-order mark, else the charset a `<meta>` in the first 1024
/// bytes declares, else UTF-8 when valid, else the encoding the bytes look written in
/// (see [`crate::charset`]).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let declared =
        declared_charset(&bytes[..bytes.len().min(1024)]).and_then(|l| Encoding::for_label(l.as_bytes()));
    // A page that reached bytes cannot be UTF-16 without a BOM (HTML standard).
    let declared = declared.map(|e| {
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            e
        }
    });
    match declared {
        Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => crate::charset::decode_undeclared(bytes),
        },
    }
}

/// The `charset=` label inside a `<meta>` tag of `head` (`<meta charset=…>` or the
/// `http-equiv` Content-Type form).
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    lower.match_indices("<meta").find_map(|(at, _)| {
        let tag = &lower[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let value = &tag[tag.find("charset")? + "charset".len()..];
        let value = value.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
            .unwrap_or(value.len());
        non_blank(&value[..end])
    })
}

/// Parses `html` and refuses trees nested deeper than `max_depth`: the parser's work
/// grows with depth times size (it searches the open elements for each tag), and the
/// extractor and serialiser recurse on depth. Tags are counted before parsing, the
/// tree measured after.
pub(crate) fn parse_bounded(html: &str, max_depth: usize) -> Result<Document, ExtractError> {
    let too_deep =
        || ExtractError::TooLarge { what: "HTML nesting depth (elements)".into(), limit: max_depth as u64 };
    if tag_depth(html, max_depth) > max_depth {
        return Err(too_deep());
    }
    let doc = Document::from(html);
    if max_depth_of(&doc.root(), max_depth) > max_depth {
        return Err(too_deep());
    }
    Ok(doc)
}

/// Elements that never hold content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements the parser closes by itself when a sibling starts (or that never nest).
fn closes_itself(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// The nesting depth the tags of `html` imply, counting no further than `cap + 1`:
/// elements that close themselves are not counted, raw text (scripts, styles) and
/// comments are skipped. A linear scan, before any tree is built.
fn tag_depth(html: &str, cap: usize) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let find =
        |from: usize, what: &str| html.get(from..).and_then(|rest| rest.find(what)).map(|at| from + at);
    while let Some(lt) = find(i, "<") {
        if html[lt..].starts_with("<!--") {
            i = find(lt + 4, "-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(closing);
        let len = bytes[start.min(bytes.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let gt = find(start, ">").unwrap_or(bytes.len());
        i = gt + 1;
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if is_void(&name) || closes_itself(&name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !html[..gt].ends_with('/') {
            if matches!(
                name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes"
            ) {
                i = find(gt, &format!("</{name}")).unwrap_or(bytes.len());
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > cap {
                break;
            }
        }
    }
    deepest
}

/// The nesting depth of the tree under `root`, counting no further than `cap + 1`;
/// iterative, so any depth is safe to measure.
fn max_depth_of(root: &NodeRef, cap: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > cap {
            break;
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            if c.is_element() {
                stack.push((c, depth + 1));
            }
            child = c.next_sibling();
        }
    }
    deepest
}

/// The first `content` of `<meta>` tags matching any selector, in order.
fn meta_content(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        doc.select(sel)
            .nodes()
            .iter()
            .find_map(|n| n.attr("content").or_else(|| n.attr("datetime")).and_then(|v| non_blank(&v)))
    })
}

/// Date, site, author and language as the page declares them.
fn page_meta(doc: &Document) -> Meta {
    let date = meta_content(
        doc,
        &[
            r#"meta[property="article:published_time"]"#,
            r#"meta[itemprop="datePublished"]"#,
            r#"[itemprop="datePublished"][datetime]"#,
            r#"meta[name="date" i]"#,
            r#"meta[name="dc.date" i]"#,
            r#"meta[name="dcterms.date" i]"#,
            r#"meta[name="pubdate" i]"#,
        ],
    )
    .and_then(|d| iso_date_prefix(&d));
    let lang = doc.select("html[lang]").attr("lang").and_then(|l| non_blank(&l));
    Meta {
        title: None,
        date,
        source: meta_content(doc, &[r#"meta[property="og:site_name"]"#]),
        author: meta_content(doc, &[r#"meta[name="author" i]"#, r#"meta[property="article:author"]"#]),
        lang: lang.or_else(|| meta_content(doc, &[r#"meta[http-equiv="content-language" i]"#])),
    }
}

/// The page's title: the longest `<h1>` that the `<title>` contains (a site logo in an
/// `<h1>` is shorter than the headline), else the first `<h1>` when there is no
/// `<title>`; `None` leaves the choice to the extractor's cleaned `<title>`.
fn page_title(doc: &Document) -> Option<String> {
    let head_title = non_blank(&doc.select("head title").text()).map(|t| t.to_lowercase());
    let h1s: Vec<String> =
        doc.select("h1").nodes().iter().take(8).filter_map(|n| non_blank(&n.text())).collect();
    match head_title {
        Some(head) => h1s.into_iter().filter(|h| head.contains(&h.to_lowercase())).max_by_key(String::len),
        None => h1s.into_iter().next(),
    }
}

/// Page parts that are never the article: navigation, banners and dialogs (cookie
/// consent), sharing and social bars, comments, forms, asides.
const BOILERPLATE: &str = "nav, aside, footer, form, iframe, noscript, template, button, \
    [role=navigation], [role=complementary], [role=contentinfo], [role=dialog], [aria-modal=true], \
    [id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i], [class*=gdpr i], \
    [class*=share i], [class*=social i], [id*=comments i], [class*=comments i], [id*=disqus i], \
    [class*=newsletter i], [class*=breadcrumb i], [class*=related i], [class*=advert i]";

/// Removes [`BOILERPLATE`], sparing any element that holds the article itself.
fn drop_boilerplate(doc: &Document) {
    let body_len = doc.body().map_or(0, |b| b.text().len());
    for node in doc.select(BOILERPLATE).nodes() {
        let holds_article = node.is("html, body, main, article")
            || !node.find(&["article"]).is_empty()
            || !node.find(&["main"]).is_empty()
            || node.text().len() * 2 > body_len;
        if !holds_article {
            node.remove_from_parent();
        }
    }
}

/// A block before whitespace is collapsed: `<br>` kept as `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawBlock {
    pub(crate) kind: BlockKind,
    pub(crate) text: String,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "hr"
            | "h4"
            | "h5"
            | "h6"
            | "center"
            | "body"
            | "html"
            | "form"
            | "fieldset"
            | "legend"
            | "nav"
            | "aside"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "iframe"
            | "object"
            | "head"
            | "title"
            | "meta"
            | "link"
    )
}

/// Collects blocks in document order.
#[derive(Debug, Default)]
struct Walker {
    blocks: Vec<RawBlock>,
    buffer: String,
}

impl Walker {
    fn flush(&mut self) {
        if !self.buffer.trim().is_empty() {
            let text = std::mem::take(&mut self.buffer);
            self.blocks.push(RawBlock { kind: BlockKind::Paragraph, text });
        }
        self.buffer.clear();
    }

    fn whole(&mut self, kind: BlockKind, text: String) {
        self.flush();
        if !text.trim().is_empty() {
            self.blocks.push(RawBlock { kind, text });
        }
    }

    /// Handles an element on the way in; false when its subtree is done with.
    fn enter(&mut self, node: &NodeRef, name: &str) -> bool {
        match name {
            _ if is_skipped(name) => false,
            "h1" | "h2" | "h3" => {
                let level = name.as_bytes()[1] - b'0';
                self.whole(BlockKind::Heading(level), node.text().to_string());
                false
            }
            "tr" => {
                let cells: Vec<String> = node
                    .element_children()
                    .iter()
                    .filter(|c| c.is("td, th"))
                    .map(|c| collapse_ws(&c.text()))
                    .filter(|c| !c.is_empty())
                    .collect();
                self.whole(BlockKind::Row, cells.join(" | "));
                false
            }
            "br" => {
                self.buffer.push('\n');
                false
            }
            "img" => false,
            _ => {
                if is_block(name) {
                    self.flush();
                }
                true
            }
        }
    }
}

/// The blocks under `root`: headings h1–h3, table rows (cells joined with " | "), and
/// paragraphs for the text between block-level boundaries.
pub(crate) fn raw_blocks(root: &NodeRef) -> Vec<RawBlock> {
    let mut walker = Walker::default();
    // (node, entering): leaving a block element flushes the text it held.
    let mut stack = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        if node.is_text() {
            walker.buffer.push_str(&node.text());
            continue;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if !entering {
            if is_block(&name) {
                walker.flush();
            }
            continue;
        }
        if node.is_element() && !walker.enter(&node, &name) {
            continue;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            continue;
        }
        stack.push((node, false));
        let children = node.children();
        stack.extend(children.into_iter().rev().map(|c| (c, true)));
    }
    walker.flush();
    walker.blocks
}

#[cfg(test)]
mod tests {
    use super::super::{extract as extract_any, Format};
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/formats/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn html(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
        extract_any(Format::Html, bytes, limits)
    }

    #[test]
    fn news_page_keeps_the_article_and_drops_the_page_around_it() {
        let bytes = fixture("news_page.html");
        assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is Windows-1252, not UTF-8");
        let out = html(&bytes, &Limits::default()).unwrap();
        let blocks: Vec<(BlockKind, &str)> = out.blocks.iter().map(|b| (b.kind, out.block_text(b))).collect();
        assert_eq!(blocks[0], (BlockKind::Title, "Drone incursions test Baltic air defences"));
        assert!(blocks.contains(&(BlockKind::Heading(2), "Gaps in low-altitude coverage")), "{blocks:#?}");
        assert!(blocks.contains(&(BlockKind::Heading(3), "What the ministry plans")), "{blocks:#?}");
        let first =
            blocks.iter().position(|b| b.1.starts_with("Radar operators in Estonia’s north-east tracked"));
        assert!(first.is_some_and(|i| i <= 2), "{blocks:#?}");
        assert!(out.text.contains("“We are not yet where we need to be,” said"), "{}", out.text);
        assert!(out.text.contains("€120 million — about"), "{}", out.text);
        assert!(out.text.contains("Zone | Coverage | Gap"), "{}", out.text);
        for boilerplate in
            ["cookies", "Accept all", "Share on", "Subscribe", "comment", "Privacy", "Economy", "Related"]
        {
            assert!(!out.text.contains(boilerplate), "{boilerplate:?} in {}", out.text);
        }
        assert!(blocks.iter().filter(|b| b.1 == "Drone incursions test Baltic air defences").count() == 1);
    }

    #[test]
    fn news_page_meta() {
        let out = html(&fixture("news_page.html"), &Limits::default()).unwrap();
        assert_eq!(out.meta.title.as_deref(), Some("Drone incursions test Baltic air defences"));
        assert_eq!(out.meta.date.as_deref(), Some("2024-09-12"));
        assert_eq!(out.meta.source.as_deref(), Some("The Northern Monitor"));
        assert_eq!(out.meta.author.as_deref(), Some("Kadri Tamm"));
        assert_eq!(out.meta.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn an_http_equiv_charset_is_honoured() {
        let page =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
            <title>Оборона</title></head><body><p>Збройні сили отримали нові радари.</p></body></html>";
        let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(page);
        assert!(!lossy);
        let out = html(&bytes, &Limits::default()).unwrap();
        assert!(out.text.contains("Збройні сили отримали нові радари."), "{}", out.text);
        assert_eq!(declared_charset(b"<meta charset='ISO-8859-1'>").as_deref(), Some("iso-8859-1"));
        assert_eq!(decode(b"caf\xe9"), "café");
        assert_eq!(decode("café".as_bytes()), "café");
    }

    #[test]
    fn headings_paragraphs_rows_and_line_breaks_in_document_order() {
        let doc = Document::from(
            "<div><h2>Scope</h2>Loose text<p>One<br>two</p><ul><li>A</li><li>B <b>bold</b></li></ul>\
             <table><tr><th>x</th><td></td><td>y</td></tr></table><h5>Minor</h5><script>var x;</script></div>",
        );
        let blocks: Vec<(BlockKind, String)> =
            raw_blocks(&doc.root()).into_iter().map(|b| (b.kind, b.text)).collect();
        let p = BlockKind::Paragraph;
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(2), "Scope".to_string()),
                (p, "Loose text".into()),
                (p, "One\ntwo".into()),
                (p, "A".into()),
                (p, "B bold".into()),
                (BlockKind::Row, "x | y".into()),
                (p, "Minor".into()),
            ]
        );
    }

    #[test]
    fn huge_and_deeply_nested_pages_are_refused_quickly() {
        let limits = Limits::default();
        let huge = vec![b'a'; (limits.max_html_bytes + 1) as usize];
        let err = html(&huge, &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { .. }), "{err}");
        let deep = format!("<html><body>{}deep text</body></html>", "<div>".repeat(50_000));
        let err = html(deep.as_bytes(), &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { limit: 256, .. }), "{err}");
    }

    #[test]
    fn tag_depth_counts_what_nests() {
        assert_eq!(tag_depth("<div><div><p>a<p>b<br><img src=x></div></div>", 100), 2);
        assert_eq!(tag_depth("<ul><li>a<li>b</ul><!-- <div><div> --><script>'<div>'</script>", 100), 1);
        assert_eq!(tag_depth("<b><i>unclosed", 100), 2);
        assert_eq!(tag_depth("<svg><path/><path/></svg> a < b", 100), 1);
        assert_eq!(tag_depth(&"<span>".repeat(1000), 10), 11);
    }

    #[test]
    fn a_page_without_an_article_is_still_read() {
        let out = html(b"<p>Short note on exercise dates.</p>", &Limits::default()).unwrap();
        assert!(out.text.contains("Short note on exercise dates."), "{out:?}");
    }
}
