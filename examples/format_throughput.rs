//! Extraction throughput per format on a folder of generated files, and the two PDF
//! text engines side by side.
//!
//! ```text
//! cargo run --release --example format_throughput -- [--dir DIR] [--scale N] [PDF...]
//! ```
//!
//! Writes `DIR/{pdf,docx,html,eml}/` (default: a temporary folder), reads every file
//! back through `briefs::formats::extract` and prints input MB/s and blocks/s per
//! format. PDFs (the generated ones and any given) are also read with lopdf's own
//! `extract_text`, the alternative to pdf-extract, for time and size of text.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefs::formats::{extract, Format, Limits};
use pdf_extract::{Dictionary, Document, Object, Stream};

const WORDS: &[&str] = &[
    "the",
    "air",
    "defence",
    "brigade",
    "moved",
    "north",
    "after",
    "radar",
    "reports",
    "of",
    "drones",
    "crossing",
    "border",
    "and",
    "naval",
    "escort",
    "convoy",
    "grain",
    "port",
    "insurers",
    "premiums",
    "readiness",
    "detachment",
    "alert",
    "shelters",
    "runway",
    "jamming",
    "satellite",
    "navigation",
    "ministry",
    "budget",
    "procurement",
    "allies",
    "exercise",
    "rotation",
    "logistics",
    "fuel",
    "depot",
];

fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut s: String = (0..words).map(|_| WORDS[rng.usize(..WORDS.len())]).collect::<Vec<_>>().join(" ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut fastrand::Rng) -> String {
    let sentences = rng.usize(3..7);
    (0..sentences)
        .map(|_| {
            let words = rng.usize(8..20);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wraps `text` into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// A PDF of `pages` pages (Helvetica text, a heading and paragraphs per page, a
/// running header and a page number).
fn pdf(rng: &mut fastrand::Rng, pages: usize) -> Vec<u8> {
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
    for n in 1..=pages {
        let mut content = format!("BT /F1 8 Tf 72 800 Td (Readiness review - restricted) Tj ET\nBT /F1 8 Tf 300 40 Td ({n}) Tj ET\n");
        let mut y = 760.0;
        content.push_str(&format!(
            "BT /F1 15 Tf 72 {y} Td ({n}. {}) Tj ET\n",
            sentence(rng, 3).trim_end_matches('.')
        ));
        y -= 30.0;
        while y > 120.0 {
            for line in wrap(&paragraph(rng), 90) {
                content.push_str(&format!("BT /F1 10 Tf 72 {y} Td ({line}) Tj ET\n"));
                y -= 13.0;
            }
            y -= 10.0;
        }
        let mut stream = Stream::new(Dictionary::new(), content.into_bytes());
        stream.compress().expect("compress");
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
    let catalog: Dictionary = [("Type", "Catalog".into()), ("Pages", pages_id.into())].into_iter().collect();
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A `.docx` with headings, paragraphs and a table.
fn docx(rng: &mut fastrand::Rng, paragraphs: usize) -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let para = |style: Option<&str>, text: &str| {
        let props = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)).unwrap_or_default();
        format!(r#"<w:p>{props}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, xml_escape(text))
    };
    let mut body = para(Some("Title"), &sentence(rng, 4));
    for i in 0..paragraphs {
        if i % 12 == 0 {
            body.push_str(&para(Some("Heading1"), &sentence(rng, 3)));
        }
        body.push_str(&para(None, &paragraph(rng)));
        if i % 25 == 24 {
            let row = |rng: &mut fastrand::Rng| {
                let cells: String =
                    (0..3).map(|_| format!("<w:tc>{}</w:tc>", para(None, &sentence(rng, 2)))).collect();
                format!("<w:tr>{cells}</w:tr>")
            };
            body.push_str(&format!("<w:tbl>{}{}{}</w:tbl>", row(rng), row(rng), row(rng)));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {w}><w:style w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [("word/document.xml", document), ("word/styles.xml", styles)] {
        zip.start_file(name, options).expect("zip");
        zip.write_all(content.as_bytes()).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// A news page: navigation, a cookie banner, the article, comments, a footer.
fn html(rng: &mut fastrand::Rng, paragraphs: usize) -> Vec<u8> {
    let title = sentence(rng, 5);
    let mut article = format!("<h1>{title}</h1>");
    for i in 0..paragraphs {
        if i % 8 == 7 {
            article.push_str(&format!("<h2>{}</h2>", sentence(rng, 3)));
        }
        article.push_str(&format!("<p>{}</p>", paragraph(rng)));
    }
    let comments: String =
        (0..10).map(|_| format!("<div class=\"comment\"><p>{}</p></div>", sentence(rng, 12))).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Monitor</title>\
         <meta property=\"og:site_name\" content=\"Monitor\"><meta property=\"article:published_time\" content=\"2024-05-01\"></head>\
         <body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>\
         <div id=\"cookie-banner\"><p>We use cookies.</p><button>Accept</button></div>\
         <main><article>{article}</article><section id=\"comments\">{comments}</section></main>\
         <footer><p>© Monitor</p></footer></body></html>"
    )
    .into_bytes()
}

/// A reply: plain text with a quote and a signature, sometimes a PDF attached.
fn eml(rng: &mut fastrand::Rng, paragraphs: usize, attachment: Option<&[u8]>) -> Vec<u8> {
    let body: Vec<String> = (0..paragraphs).map(|_| wrap(&paragraph(rng), 72).join("\r\n")).collect();
    let quoted: String = wrap(&paragraph(rng), 70).iter().map(|l| format!("> {l}\r\n")).collect();
    let text = format!(
        "{}\r\n\r\nOn Mon, 6 May 2024 at 09:00, Desk <desk@example.org> wrote:\r\n{quoted}\r\n-- \r\nA. Analyst\r\n",
        body.join("\r\n\r\n")
    );
    let head = "From: A. Analyst <a@example.org>\r\nTo: desk@example.org\r\nSubject: Re: weekly brief\r\n\
                Date: Tue, 7 May 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
    match attachment {
        None => format!("{head}Content-Type: text/plain; charset=utf-8\r\n\r\n{text}").into_bytes(),
        Some(pdf) => {
            let encoded: String = pdf.chunks(57).map(|c| format!("{}\r\n", base64(c))).collect();
            format!(
                "{head}Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n\
                 --b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"brief.pdf\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n{encoded}--b1--\r\n"
            )
            .into_bytes()
        }
    }
}

fn base64(chunk: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for three in chunk.chunks(3) {
        let n = three.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= three.len() { A[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// Writes the generated folder; `scale` multiplies the file counts.
fn generate(dir: &Path, scale: usize) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(7);
    for sub in ["pdf", "docx", "html", "eml"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let attached = pdf(&mut rng, 2);
    for i in 0..10 * scale {
        std::fs::write(dir.join(format!("pdf/{i}.pdf")), pdf(&mut rng, 5 + i % 16))?;
    }
    for i in 0..20 * scale {
        std::fs::write(dir.join(format!("docx/{i}.docx")), docx(&mut rng, 50 + (i % 5) * 50))?;
    }
    for i in 0..20 * scale {
        std::fs::write(dir.join(format!("html/{i}.html")), html(&mut rng, 20 + (i % 5) * 30))?;
    }
    for i in 0..50 * scale {
        let attachment = (i % 5 == 0).then_some(attached.as_slice());
        std::fs::write(dir.join(format!("eml/{i}.eml")), eml(&mut rng, 2 + i % 6, attachment))?;
    }
    Ok(())
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    out.sort();
    out
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut scale, mut extra) = (None, 1usize, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => dir = args.next().map(PathBuf::from),
            "--scale" => scale = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            _ => extra.push(PathBuf::from(arg)),
        }
    }
    let temp = tempfile::tempdir()?;
    let dir = dir.unwrap_or_else(|| temp.path().to_path_buf());
    generate(&dir, scale)?;
    let limits = Limits::default();
    println!("folder: {}", dir.display());
    println!(
        "{:<6} {:>6} {:>9} {:>9} {:>8} {:>8} {:>10} {:>7}",
        "format", "files", "input MB", "seconds", "MB/s", "blocks", "blocks/s", "errors"
    );
    for (sub, format) in
        [("pdf", Format::Pdf), ("docx", Format::Docx), ("html", Format::Html), ("eml", Format::Eml)]
    {
        let paths = files(&dir.join(sub));
        let inputs: Vec<Vec<u8>> = paths.iter().map(std::fs::read).collect::<Result<_, _>>()?;
        let (mut blocks, mut errors, mut elapsed) = (0usize, 0usize, Duration::ZERO);
        for bytes in &inputs {
            let started = Instant::now();
            let result = extract(format, bytes, &limits);
            elapsed += started.elapsed();
            match result {
                Ok(out) => blocks += out.blocks.len(),
                Err(_) => errors += 1,
            }
        }
        let size: usize = inputs.iter().map(Vec::len).sum();
        let secs = elapsed.as_secs_f64();
        println!(
            "{sub:<6} {:>6} {:>9.2} {:>9.3} {:>8.2} {:>8} {:>10.0} {:>7}",
            inputs.len(),
            mb(size),
            secs,
            mb(size) / secs,
            blocks,
            blocks as f64 / secs,
            errors
        );
    }
    compare_pdf_engines(&files(&dir.join("pdf")).into_iter().chain(extra).collect::<Vec<_>>())
}

/// pdf-extract (through briefs, with layout) against lopdf's `extract_text`, per file.
fn compare_pdf_engines(paths: &[PathBuf]) -> std::io::Result<()> {
    println!(
        "\n{:<44} {:>6} {:>12} {:>10} {:>12} {:>10}",
        "pdf", "pages", "briefs s", "chars", "lopdf s", "chars"
    );
    let (mut ours, mut theirs) = (Duration::ZERO, Duration::ZERO);
    for path in paths {
        let bytes = std::fs::read(path)?;
        let started = Instant::now();
        let out = extract(Format::Pdf, &bytes, &Limits::default());
        let ours_one = started.elapsed();
        let started = Instant::now();
        let plain = Document::load_mem(&bytes).map(|doc| {
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            (pages.len(), doc.extract_text(&pages).unwrap_or_default())
        });
        let theirs_one = started.elapsed();
        ours += ours_one;
        theirs += theirs_one;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (pages, text) = plain.unwrap_or_default();
        let chars = out.map(|o| o.text.chars().count()).unwrap_or(0);
        println!(
            "{:<44} {:>6} {:>12.4} {:>10} {:>12.4} {:>10}",
            name,
            pages,
            ours_one.as_secs_f64(),
            chars,
            theirs_one.as_secs_f64(),
            text.chars().count()
        );
    }
    println!(
        "total: briefs (pdf-extract + layout) {:.3} s, lopdf extract_text {:.3} s",
        ours.as_secs_f64(),
        theirs.as_secs_f64()
    );
    Ok(())
}
