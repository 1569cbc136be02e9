//! Word (`.docx`) through `zip` and `quick-xml` on the documented WordprocessingML
//! parts: the main document, its styles, the core and extended properties.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::text::{collapse_ws, iso_date_prefix, non_blank, one_line};
use super::{BlockKind, Builder, ExtractError, Extracted, Limits, Meta};

/// An OLE compound file: an encrypted Office file or an old binary `.doc`.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    if bytes.starts_with(CFB_MAGIC) {
        return Err(compound_file_error(bytes));
    }
    if !bytes.starts_with(b"PK") {
        return Err(ExtractError::Corrupt("not a Word file (no zip header)".into()));
    }
    let mut package = Package::open(bytes, limits.max_decompressed_bytes)?;
    let rels = package.part("_rels/.rels")?.unwrap_or_default();
    let main = target(&rels, "/officeDocument", "").unwrap_or_else(|| "word/document.xml".into());
    let document = package
        .part(&main)?
        .ok_or_else(|| ExtractError::Corrupt("Word file without a main document part".into()))?;
    let styles_path = format!("{}styles.xml", folder(&main));
    let styles = package.part(&styles_path)?.map(|xml| styles(&xml)).unwrap_or_default();
    let core = match target(&rels, "/core-properties", "") {
        Some(path) => package.part(&path)?,
        None => package.part("docProps/core.xml")?,
    };
    let app = match target(&rels, "/extended-properties", "") {
        Some(path) => package.part(&path)?,
        None => package.part("docProps/app.xml")?,
    };
    let mut builder = Builder::new(limits);
    let title = body(&document, &styles, limits.max_depth, &mut builder)?;
    let mut meta = core.map(|xml| core_meta(&xml)).unwrap_or_default();
    meta.source = app.and_then(|xml| first_text(&xml, "Company"));
    meta.title = meta.title.or(title);
    Ok(builder.finish(meta))
}

/// Encrypted OOXML is stored in a compound file with an `EncryptedPackage` stream.
fn compound_file_error(bytes: &[u8]) -> ExtractError {
    let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(marker.len()).any(|w| w == marker) {
        ExtractError::Encrypted
    } else {
        ExtractError::Unsupported("old binary Word format (.doc) saved as .docx".into())
    }
}

/// The zip container, with one decompression budget for all the parts read.
struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    limit: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limit: u64) -> Result<Self, ExtractError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
        Ok(Package { zip, budget: limit, limit })
    }

    /// A part as text, `None` when absent.
    fn part(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let too_large =
            || ExtractError::TooLarge { what: "Word file decompressed (bytes)".into(), limit: self.limit };
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(zip_error(&e)),
        };
        // The declared size may lie; the bounded read below is what holds.
        if file.size() > self.budget {
            return Err(too_large());
        }
        let mut raw = Vec::new();
        (&mut file).take(self.budget + 1).read_to_end(&mut raw).map_err(|e| {
            ExtractError::Corrupt(format!(
                "Word file part {name} does not unpack ({})",
                one_line(&e.to_string(), 80)
            ))
        })?;
        if raw.len() as u64 > self.budget {
            return Err(too_large());
        }
        self.budget -= raw.len() as u64;
        Ok(Some(decode_xml(raw)))
    }
}

fn zip_error(e: &ZipError) -> ExtractError {
    match e {
        ZipError::UnsupportedArchive(why) if why.contains("assword") => ExtractError::Encrypted,
        other => ExtractError::Corrupt(format!(
            "Word file is not a readable zip ({})",
            one_line(&other.to_string(), 80)
        )),
    }
}

/// XML parts are UTF-8, or UTF-16 with a byte-order mark.
fn decode_xml(raw: Vec<u8>) -> String {
    match encoding_rs::Encoding::for_bom(&raw) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            encoding.decode_without_bom_handling(&raw[bom..]).0.into_owned()
        }
        _ => match String::from_utf8(raw) {
            Ok(text) => text.trim_start_matches('\u{FEFF}').to_string(),
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        },
    }
}

fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The target of the first relationship whose type ends with `kind`, relative to `base`.
fn target(rels: &str, kind: &str, base: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(&e) == "Relationship" => {
                let is_kind = attr(&e, "Type").is_some_and(|t| t.ends_with(kind));
                if let (true, Some(target)) = (is_kind, attr(&e, "Target")) {
                    return Some(match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("{base}{target}"),
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The local name of an element (its prefix varies between producers).
fn local(e: &BytesStart) -> String {
    let name = e.name();
    let name: &str = name.as_ref();
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// An attribute by local name, unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        (key.rsplit(':').next() == Some(name))
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// An entity or character reference in text.
fn reference(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    let name: &str = r.as_ref();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
}

/// Style id → style, from `styles.xml`.
fn styles(xml: &str) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match (local(&e).as_str(), current.as_mut()) {
                ("style", _) => current = attr(&e, "styleId").map(|id| (id, Style::default())),
                ("name", Some((_, style))) => style.name = attr(&e, "val").unwrap_or_default(),
                ("basedOn", Some((_, style))) => style.based_on = attr(&e, "val"),
                ("outlineLvl", Some((_, style))) => {
                    style.outline = attr(&e, "val").and_then(|v| v.parse().ok())
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let Some((id, style)) = current.take() {
                    out.insert(id, style);
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// The block kind a style gives, following `basedOn` a few steps: Title, Heading 1–3
/// (by the built-in English style name, which localised Word keeps, or by outline level).
fn style_kind(styles: &HashMap<String, Style>, id: &str) -> Option<BlockKind> {
    let mut id = id.to_string();
    for _ in 0..8 {
        let (name, style) = match styles.get(&id) {
            Some(style) => (style.name.to_lowercase(), Some(style)),
            None => (id.to_lowercase(), None),
        };
        let compact = name.replace(' ', "");
        if compact == "title" {
            return Some(BlockKind::Title);
        }
        if let Some(n) = compact.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()) {
            return (1..=3).contains(&n).then_some(BlockKind::Heading(n));
        }
        if let Some(level) = style.and_then(|s| s.outline) {
            return (level < 3).then_some(BlockKind::Heading(level + 1));
        }
        id = style?.based_on.clone()?;
    }
    None
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    text: String,
}

/// Reading state for `document.xml`.
#[derive(Debug, Default)]
struct Body {
    paras: Vec<Para>,
    /// Open table rows (outer to inner), each with its finished cells.
    rows: Vec<Vec<String>>,
    /// Open table cells (outer to inner).
    cells: Vec<String>,
    in_text: bool,
    in_props: usize,
    /// Depth inside a subtree that duplicates content (`mc:Fallback`) or is not text.
    skip: usize,
    title: Option<String>,
}

impl Body {
    fn push_text(&mut self, s: &str) {
        if let Some(para) = self.paras.last_mut() {
            para.text.push_str(s);
        }
    }

    /// Ends a paragraph: into the enclosing cell when in a table, else a block.
    fn end_para(&mut self, styles: &HashMap<String, Style>, builder: &mut Builder) {
        let Some(para) = self.paras.pop() else { return };
        if let Some(cell) = self.cells.last_mut() {
            cell.push(' ');
            cell.push_str(&para.text);
            return;
        }
        let by_outline = para.outline.filter(|&l| l < 3).map(|l| BlockKind::Heading(l + 1));
        let by_style = para.style.as_deref().and_then(|id| style_kind(styles, id));
        let kind = by_outline.or(by_style).unwrap_or(BlockKind::Paragraph);
        if kind == BlockKind::Title && self.title.is_none() {
            self.title = non_blank(&para.text);
        }
        builder.push(kind, &para.text, None);
    }

    /// Ends a row: its non-empty cells joined with " | ", a block of its own, or part of
    /// the enclosing cell when the table is nested.
    fn end_row(&mut self, builder: &mut Builder) {
        let Some(cells) = self.rows.pop() else { return };
        let row =
            cells.iter().map(|c| collapse_ws(c)).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ");
        match self.cells.last_mut() {
            Some(cell) => {
                cell.push(' ');
                cell.push_str(&row);
            }
            None => {
                builder.push(BlockKind::Row, &row, None);
            }
        }
    }

    fn start(&mut self, name: &str, e: &BytesStart) {
        match name {
            "p" => self.paras.push(Para::default()),
            "pPr" | "rPr" | "tblPr" | "trPr" | "tcPr" | "sectPr" => self.in_props += 1,
            "pStyle" if self.in_props > 0 => {
                if let Some(para) = self.paras.last_mut() {
                    para.style = attr(e, "val");
                }
            }
            "outlineLvl" if self.in_props > 0 => {
                if let Some(para) = self.paras.last_mut() {
                    para.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "t" => self.in_text = true,
            "tr" => self.rows.push(Vec::new()),
            "tc" => self.cells.push(String::new()),
            _ => {}
        }
    }

    /// An empty element: the in-run marks that stand for characters.
    fn empty(&mut self, name: &str, e: &BytesStart) {
        match name {
            "pStyle" | "outlineLvl" => self.start(name, e),
            // Tab stops in paragraph properties are layout, not text.
            _ if self.in_props > 0 => {}
            "tab" | "br" | "cr" => self.push_text(" "),
            "noBreakHyphen" => self.push_text("-"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str, styles: &HashMap<String, Style>, builder: &mut Builder) {
        match name {
            "p" => self.end_para(styles, builder),
            "pPr" | "rPr" | "tblPr" | "trPr" | "tcPr" | "sectPr" => {
                self.in_props = self.in_props.saturating_sub(1)
            }
            "t" => self.in_text = false,
            "tc" => {
                let cell = self.cells.pop().unwrap_or_default();
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
            }
            "tr" => self.end_row(builder),
            _ => {}
        }
    }
}

/// Elements whose content is not document text: duplicated fallbacks, deleted runs,
/// field instructions, comment and footnote references' marks.
fn skipped(name: &str) -> bool {
    matches!(name, "Fallback" | "del" | "instrText" | "delInstrText" | "moveFrom")
}

/// Reads `document.xml` into blocks; returns the first Title-styled paragraph.
fn body(
    xml: &str,
    styles: &HashMap<String, Style>,
    max_depth: usize,
    builder: &mut Builder,
) -> Result<Option<String>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut state = Body::default();
    let mut depth = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let why = one_line(&e.to_string(), 80);
                if builder.out.blocks.is_empty() {
                    return Err(ExtractError::Corrupt(format!("Word document XML does not parse ({why})")));
                }
                builder.warn(format!("Word document XML is damaged ({why}); the rest is skipped"));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(ExtractError::TooLarge {
                        what: "Word document nesting depth (elements)".into(),
                        limit: max_depth as u64,
                    });
                }
                let name = local(&e);
                if state.skip > 0 || skipped(&name) {
                    state.skip += 1;
                } else {
                    state.start(&name, &e);
                }
            }
            Event::Empty(e) if state.skip == 0 => state.empty(&local(&e), &e),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if state.skip > 0 {
                    state.skip -= 1;
                } else {
                    let name = e.name();
                    let name: &str = name.as_ref();
                    state.end(name.rsplit(':').next().unwrap_or(name), styles, builder);
                }
            }
            Event::Text(t) if state.in_text && state.skip == 0 => state.push_text(&t.xml10_content()),
            Event::CData(t) if state.in_text && state.skip == 0 => state.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if state.in_text && state.skip == 0 => {
                if let Some(c) = reference(&r) {
                    state.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if builder.full() {
            break;
        }
    }
    Ok(state.title)
}

/// The text of the first element with local name `name`.
fn first_text(xml: &str, name: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if local(&e) == name => inside = true,
            Ok(Event::Text(t)) if inside => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if inside => text.extend(reference(&r)),
            Ok(Event::End(_)) if inside => return non_blank(&text),
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Core properties: `dc:title`, `dc:creator`, `dcterms:created`, `dc:language`.
fn core_meta(xml: &str) -> Meta {
    Meta {
        title: first_text(xml, "title"),
        date: first_text(xml, "created").and_then(|d| iso_date_prefix(&d)),
        source: None,
        author: first_text(xml, "creator"),
        lang: first_text(xml, "language"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::super::{extract as extract_any, Format};
    use super::*;

    /// A zip of `(name, content)` parts, deflated.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(*name, options).expect("zip entry");
            zip.write_all(content).expect("zip write");
        }
        zip.finish().expect("zip finish").into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn rels() -> String {
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.to_string()
    }

    /// Styles with German ids, as localised Word writes them; names stay English.
    fn styles_xml() -> String {
        format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/><w:basedOn w:val="berschrift1"/></w:style><w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/></w:style></w:styles>"#
        )
    }

    fn para(style: Option<&str>, runs: &[&str]) -> String {
        let props = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#)).unwrap_or_default();
        let runs: String = runs
            .iter()
            .map(|r| format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{r}</w:t></w:r>"#))
            .collect();
        format!("<w:p>{props}{runs}</w:p>")
    }

    fn row(cells: &[&str]) -> String {
        let cells: String =
            cells.iter().map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", para(None, &[c]))).collect();
        format!("<w:tr>{cells}</w:tr>")
    }

    pub(crate) fn brief_docx() -> Vec<u8> {
        let body = [
            para(Some("Titel"), &["Black Sea ", "Shipping Brief"]),
            para(Some("berschrift1"), &["Key Judgements"]),
            para(None, &["Grain convoys resumed under naval escort; insurers", " raised war-risk premiums by ", "40 % &amp; more."]),
            // Runs split inside a word join without a space; deleted text is not text.
            para(None, &["Mine counter", "measures teams cleared the approaches to Odesa."])
                .replace("</w:p>", "<w:del><w:r><w:delText>withdrawn sentence</w:delText></w:r></w:del></w:p>"),
            para(Some("berschrift2"), &["Port Calls"]),
            format!("<w:tbl><w:tblPr/>{}{}{}</w:tbl>", row(&["Port", "Calls", "Change"]), row(&["Odesa", "212", "+18 %"]), row(&["Constanța", "340", ""])),
            // A text box: the drawing's text and its VML fallback hold the same paragraph.
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>Box: escort ratio 1:3</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box: escort ratio 1:3</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_string(),
            para(Some("Zitat"), &["Outlook: stable if the corridor holds."]),
        ]
        .concat();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let core = r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Black Sea Shipping Brief (March)</dc:title><dc:creator>Maritime Desk</dc:creator><dc:language>en-GB</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-02T08:15:00Z</dcterms:created></cp:coreProperties>"#;
        let app = r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Naval Analysis Unit</Company></Properties>"#;
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", rels().as_bytes()),
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles_xml().as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
            ("docProps/app.xml", app.as_bytes()),
        ])
    }

    fn docx(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
        extract_any(Format::Docx, bytes, limits)
    }

    #[test]
    fn brief_paragraphs_headings_and_table_rows() {
        let out = docx(&brief_docx(), &Limits::default()).unwrap();
        let blocks: Vec<(BlockKind, &str)> = out.blocks.iter().map(|b| (b.kind, out.block_text(b))).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Title, "Black Sea Shipping Brief"),
                (BlockKind::Heading(1), "Key Judgements"),
                (
                    BlockKind::Paragraph,
                    "Grain convoys resumed under naval escort; insurers raised war-risk premiums by 40 % & more."
                ),
                (BlockKind::Paragraph, "Mine countermeasures teams cleared the approaches to Odesa."),
                (BlockKind::Heading(2), "Port Calls"),
                (BlockKind::Row, "Port | Calls | Change"),
                (BlockKind::Row, "Odesa | 212 | +18 %"),
                (BlockKind::Row, "Constanța | 340"),
                (BlockKind::Paragraph, "Box: escort ratio 1:3"),
                (BlockKind::Paragraph, "Outlook: stable if the corridor holds."),
            ]
        );
        assert!(out.blocks.iter().all(|b| b.page.is_none()));
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn core_and_app_properties_become_meta() {
        let out = docx(&brief_docx(), &Limits::default()).unwrap();
        let meta = &out.meta;
        assert_eq!(meta.title.as_deref(), Some("Black Sea Shipping Brief (March)"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-02"));
        assert_eq!(meta.author.as_deref(), Some("Maritime Desk"));
        assert_eq!(meta.source.as_deref(), Some("Naval Analysis Unit"));
        assert_eq!(meta.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn without_core_properties_the_title_paragraph_is_the_title() {
        let document = format!(
            r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
            para(Some("Title"), &["Readiness"])
        );
        let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
        let out = docx(&bytes, &Limits::default()).unwrap();
        assert_eq!(out.meta.title.as_deref(), Some("Readiness"));
        assert_eq!(out.blocks[0].kind, BlockKind::Title);
    }

    #[test]
    fn a_zip_bomb_stops_at_the_decompression_limit() {
        let filler = vec![b' '; 8 << 20];
        let mut document = format!(r#"<w:document {W}><w:body>"#).into_bytes();
        document.extend_from_slice(&filler);
        document.extend_from_slice(b"</w:body></w:document>");
        let bytes = zip_of(&[("word/document.xml", &document)]);
        assert!(bytes.len() < 64 << 10, "the bomb compresses: {}", bytes.len());
        let limits = Limits { max_decompressed_bytes: 1 << 20, ..Limits::default() };
        let err = docx(&bytes, &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { limit, .. } if limit == 1 << 20), "{err}");
    }

    #[test]
    fn truncated_and_foreign_files_are_one_line_errors() {
        let bytes = brief_docx();
        let err = docx(&bytes[..bytes.len() / 2], &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Corrupt(_)), "{err}");
        assert!(!err.to_string().contains('\n'));
        assert!(matches!(docx(b"plain text", &Limits::default()), Err(ExtractError::Corrupt(_))));
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(docx(&cfb, &Limits::default()).unwrap_err(), ExtractError::Encrypted);
        let old_doc = [CFB_MAGIC, b"WordDocument"].concat();
        assert!(matches!(docx(&old_doc, &Limits::default()), Err(ExtractError::Unsupported(_))));
    }

    #[test]
    fn deep_nesting_and_broken_xml_are_bounded() {
        let deep = format!(r#"<w:document {W}><w:body>{}</w:body></w:document>"#, "<w:sdt>".repeat(10_000));
        let err = docx(&zip_of(&[("word/document.xml", deep.as_bytes())]), &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { limit: 256, .. }), "{err}");
        let broken = format!(r#"<w:document {W}><w:body>{}</w:tbl><w:p>"#, para(None, &["Kept paragraph."]));
        let out = docx(&zip_of(&[("word/document.xml", broken.as_bytes())]), &Limits::default()).unwrap();
        assert_eq!(out.text, "Kept paragraph.");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    }
}
