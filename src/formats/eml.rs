//! E-mail (`.eml`) through `mail-parser`: the text body (or the HTML body through the
//! HTML reader's blocks) without quoted replies and signatures, the headers as meta,
//! attachments of supported formats handed back whole.

use std::borrow::Cow;
use std::sync::LazyLock;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding as MailEncoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};
use regex::Regex;

use super::html::{parse_bounded, raw_blocks};
use super::text::{join_lines, non_blank};
use super::{Attachment, AttachmentKind, BlockKind, Builder, ExtractError, Extracted, Format, Limits, Meta};

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    check_boundaries(bytes, limits.max_depth)?;
    let message = MessageParser::default().parse(bytes).filter(has_mail_headers).ok_or_else(|| {
        ExtractError::Corrupt(
            "not an e-mail message (no From, To, Subject, Date or MIME-Version header)".into(),
        )
    })?;
    let depth = mime_depth(&message, limits.max_depth);
    if depth > limits.max_depth {
        return Err(ExtractError::TooLarge {
            what: "e-mail MIME nesting depth (parts)".into(),
            limit: limits.max_depth as u64,
        });
    }
    let meta = meta(&message);
    let mut builder = Builder::new(limits);
    if let Some(subject) = &meta.title {
        builder.push(BlockKind::Title, subject, None);
    }
    let forwarded = meta.title.as_deref().is_some_and(|s| FORWARD_SUBJECT.is_match(s));
    let lines = body_lines(&message, limits, &mut builder);
    if lines.iter().all(|l| l.trim().is_empty()) {
        builder.warn("e-mail has no text body");
    }
    for paragraph in paragraphs(&strip_replies(&lines, forwarded)) {
        if !builder.push(BlockKind::Paragraph, &paragraph, None) {
            break;
        }
    }
    let damaged: Vec<String> = message
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_encoding_problem)
        .map(|(id, _)| id.to_string())
        .collect();
    match damaged.len() {
        0 => {}
        1 => builder.warn(format!("e-mail part {} is damaged; read as far as it goes", damaged[0])),
        _ => builder.warn(format!("e-mail parts {} are damaged; read as far as they go", damaged.join(", "))),
    }
    let attachments = attachments(&message, limits, &mut builder);
    let mut out = builder.finish(meta);
    out.attachments = attachments;
    Ok(out)
}

/// Refuses a message declaring more multipart boundaries than its depth limit allows
/// several times over, before the parser walks them.
fn check_boundaries(bytes: &[u8], max_depth: usize) -> Result<(), ExtractError> {
    let limit = max_depth.saturating_mul(4);
    let needle = b"boundary";
    let count =
        bytes.windows(needle.len()).filter(|w| w.eq_ignore_ascii_case(needle)).take(limit + 1).count();
    if count > limit {
        return Err(ExtractError::TooLarge {
            what: "e-mail multipart boundaries".into(),
            limit: limit as u64,
        });
    }
    Ok(())
}

/// Whether the parse is a message: addressed, titled or dated, or at least a MIME
/// entity (headers and a body), as a message saved without its envelope is.
fn has_mail_headers(message: &Message) -> bool {
    message.from().is_some()
        || message.to().is_some()
        || message.subject().is_some()
        || message.date().is_some()
        || (message.headers().iter().any(|h| h.name.as_str().eq_ignore_ascii_case("MIME-Version"))
            && !(message.text_body.is_empty() && message.html_body.is_empty()))
}

/// How deep multipart parts nest, counting no further than `cap + 1`.
fn mime_depth(message: &Message, cap: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(0u32, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > cap {
            break;
        }
        if let Some(PartType::Multipart(children)) = message.part(id).map(|p| &p.body) {
            stack.extend(children.iter().filter(|&&c| c != id).map(|&c| (c, depth + 1)));
        }
    }
    deepest
}

/// Subject → title, Date → date (as the sender wrote it), From (name, else address) →
/// source, Content-Language → lang.
fn meta(message: &Message) -> Meta {
    let date =
        message.date().filter(|d| d.year > 0 && (1..=12).contains(&d.month) && (1..=31).contains(&d.day));
    let from = message.from().and_then(|a| a.first());
    let sender = from.and_then(|a| a.name().and_then(non_blank).or_else(|| a.address().and_then(non_blank)));
    let lang = message
        .root_part()
        .content_language()
        .as_text_list()
        .and_then(|l| l.first().and_then(|s| non_blank(s)));
    Meta {
        title: message.subject().and_then(non_blank),
        date: date.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        source: sender,
        author: None,
        lang,
    }
}

/// The body as lines: the text/plain parts, or else the HTML parts' blocks (a blank
/// line between blocks, `<br>` as line breaks) once quote and signature containers
/// are removed.
fn body_lines(message: &Message, limits: &Limits, builder: &mut Builder) -> Vec<String> {
    let texts: Vec<Cow<str>> = message
        .text_body
        .iter()
        .filter_map(|&id| {
            let part = message.part(id)?;
            match &part.body {
                PartType::Text(text) => {
                    Some(undeclared_legacy(message, part).map_or(Cow::Borrowed(text.as_ref()), Cow::Owned))
                }
                _ => None,
            }
        })
        .collect();
    if !texts.is_empty() {
        return texts.iter().flat_map(|t| t.lines()).map(str::to_string).collect();
    }
    let mut lines = Vec::new();
    for &id in &message.html_body {
        let Some(PartType::Html(html)) = message.part(id).map(|p| &p.body) else { continue };
        if html.len() as u64 > limits.max_html_bytes {
            builder.warn(format!("HTML body over the limit of {} bytes is skipped", limits.max_html_bytes));
            continue;
        }
        let doc = match parse_bounded(html, limits.max_depth) {
            Ok(doc) => doc,
            Err(e) => {
                builder.warn(format!("HTML body skipped: {e}"));
                continue;
            }
        };
        doc.select(MAIL_QUOTES).remove();
        for block in doc.body().map(|b| raw_blocks(&b)).unwrap_or_default() {
            lines.extend(block.text.lines().map(str::to_string));
            lines.push(String::new());
        }
    }
    lines
}

/// A text part's body read again in the legacy encoding its bytes look written in, when
/// it declares no charset (or one unknown) and is not UTF-8: the parser read it as
/// UTF-8, and `Réunion` in Latin-1 came out `R�union`.
fn undeclared_legacy(message: &Message, part: &MessagePart) -> Option<String> {
    let PartType::Text(text) = &part.body else { return None };
    let charset = part.content_type().and_then(|ct| ct.attribute("charset"));
    if !text.contains('\u{FFFD}')
        || charset.is_some_and(|c| encoding_rs::Encoding::for_label(c.as_bytes()).is_some())
    {
        return None;
    }
    let raw = message.raw_message().get(part.offset_body as usize..part.offset_end as usize)?;
    let bytes = match part.encoding {
        MailEncoding::None => raw.to_vec(),
        MailEncoding::QuotedPrintable => quoted_printable_decode(raw)?,
        MailEncoding::Base64 => base64_decode(raw)?,
    };
    std::str::from_utf8(&bytes).is_err().then(|| crate::charset::decode_undeclared(&bytes))
}

/// Containers mail programs put quoted originals and signatures in.
const MAIL_QUOTES: &str = "blockquote, .gmail_quote, .gmail_signature, .gmail_extra, .moz-cite-prefix, \
    .moz-signature, #divRplyFwdMsg, #appendonsend, .OutlookMessageHeader, [data-smartmail=gmail_signature], \
    .yahoo_quoted, #isForwardContent";

static FORWARD_SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(fwd?|tr|wg|rv|doorst|vs)\s*:").expect("regex"));

/// "On Mon, 18 Mar 2024, Anna <a@b> wrote:" and its translations (the line may wrap).
static REPLY_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:on|le|am|el|il|op|w dniu|em)\s.{0,200}(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|napisał\(a\)|napisał|napisała|pisze|escreveu)(?:\s[^:]{0,80})?|.{0,100}\s(?:wrote|writes|pisze|пишет|написал\(а\)|написал|написала|написав|написала))\s*:\s*$",
    )
    .expect("regex")
});

/// How a reply intro of the "On …, Anna wrote:" kind begins.
static INTRO_OPENING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:on|le|am|el|il|op|w dniu|em)\s").expect("regex"));

/// "-----Original Message-----" and the like, which open a quoted original.
static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|исходное сообщение)\s*-{2,}\s*$")
        .expect("regex")
});

/// Markers that open a forwarded original: its headers go, its text stays.
static FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|пересылаемое сообщение)\s*-{2,}|begin forwarded message:)\s*$")
        .expect("regex")
});

static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(from|sent|date|to|cc|bcc|subject|reply-to|von|gesendet|an|betreff|de|envoyé|à|objet|datum|da|inviato|oggetto|enviado|para|asunto|van|aan|verzonden|onderwerp|od|do|wysłano|temat|от|отправлено|кому|тема|від|надіслано|кому)\*?\s*:").expect("regex")
});

static FROM_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(from|von|de|da|van|od|от|від)\*?\s*:\s*\S").expect("regex"));

/// An Outlook-style original: a From: line with a Sent:/Date: line soon after.
fn outlook_header_at(lines: &[String], i: usize) -> bool {
    FROM_LINE.is_match(&lines[i])
        && lines[i + 1..].iter().take(4).any(|l| {
            let l = l.trim_start().trim_start_matches('*').to_lowercase();
            [
                "sent:",
                "date:",
                "gesendet:",
                "envoyé :",
                "envoyé:",
                "datum:",
                "inviato:",
                "enviado:",
                "enviado el:",
                "verzonden:",
                "skickat:",
                "wysłano:",
                "data:",
                "отправлено:",
                "надіслано:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
}

/// Whether the reply intro starts at line `i`, joined with up to two following lines
/// (a mail program wraps it) but not across a blank line. A line above a shorter intro
/// ("Bob wrote:") is part of it only if it opens one ("On Tue, 2 Apr 2024 … <" above
/// "bob@x> wrote:"): a short reply just above its intro is the reply.
fn reply_intro_at(lines: &[String], i: usize) -> bool {
    let wrapped = lines[i..].iter().take(3).take_while(|l| !l.trim().is_empty()).count();
    let intro = |from: usize, to: usize| from < to && REPLY_INTRO.is_match(&lines[from..to].join(" "));
    let opens = || INTRO_OPENING.is_match(&lines[i]);
    (1..=wrapped).any(|n| intro(i, i + n) && (!intro(i + 1, i + n) || opens()))
}

/// Skips a block of header lines from `i`, returning the index after it.
fn skip_headers(lines: &[String], mut i: usize) -> usize {
    while i < lines.len()
        && (HEADER_LINE.is_match(&lines[i])
            || (lines[i].starts_with([' ', '\t']) && !lines[i].trim().is_empty()))
    {
        i += 1;
    }
    i
}

/// The lines worth indexing: `>` quotes dropped; a signature (after `-- `), a reply
/// intro ("On … wrote:") or a quoted original ends the text; a forwarded original
/// keeps its text but not its headers (an Outlook-style header block is a forward when
/// the subject says so, a reply otherwise).
fn strip_replies(lines: &[String], forwarded: bool) -> Vec<String> {
    let mut kept = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let trimmed = line.trim_end();
        if trimmed == "--" || trimmed.trim_start().starts_with("__________") {
            break;
        }
        if FORWARD.is_match(line) || (forwarded && (ORIGINAL.is_match(line) || outlook_header_at(lines, i))) {
            i = skip_headers(lines, i + 1);
            continue;
        }
        if ORIGINAL.is_match(line) || outlook_header_at(lines, i) || reply_intro_at(lines, i) {
            break;
        }
        if !line.trim_start().starts_with('>') {
            kept.push(line.clone());
        }
        i += 1;
    }
    kept
}

/// Paragraphs: runs of non-blank lines, rejoined.
fn paragraphs(lines: &[String]) -> Vec<String> {
    lines
        .split(|l| l.trim().is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| join_lines(p.iter().map(String::as_str)))
        .collect()
}

/// The format of an attachment: by its file name, else by its MIME type.
fn attachment_kind(part: &MessagePart, name: Option<&str>) -> Option<AttachmentKind> {
    if matches!(part.body, PartType::Message(_)) {
        return Some(AttachmentKind::Document(Format::Eml));
    }
    let by_name = name.and_then(AttachmentKind::of_name);
    let mime = part.content_type().map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")));
    by_name.or_else(|| mime.as_deref().and_then(AttachmentKind::of_mime))
}

/// Attachments of supported formats, each within the size limit, as many as allowed.
fn attachments(message: &Message, limits: &Limits, builder: &mut Builder) -> Vec<Attachment> {
    let mut out = Vec::new();
    for (n, part) in message.attachments().enumerate() {
        let name = part.attachment_name().and_then(non_blank);
        let Some(kind) = attachment_kind(part, name.as_deref()) else { continue };
        // A text attachment without a charset was read as UTF-8: read it as written.
        let redecoded = matches!(kind, AttachmentKind::Text | AttachmentKind::Markdown)
            .then(|| undeclared_legacy(message, part))
            .flatten();
        let bytes: &[u8] = match (&part.body, &redecoded) {
            (_, Some(text)) => text.as_bytes(),
            (PartType::Message(nested), None) => nested.raw_message(),
            (_, None) => part.contents(),
        };
        let name = name.unwrap_or_else(|| format!("attachment-{}.{}", n + 1, kind.extension()));
        if bytes.len() as u64 > limits.max_attachment_bytes {
            builder.warn(format!(
                "attachment {name} ({} bytes) skipped: over the limit of {} bytes",
                bytes.len(),
                limits.max_attachment_bytes
            ));
            continue;
        }
        if out.len() == limits.max_attachments {
            builder.warn(format!("only the first {} attachments are kept", limits.max_attachments));
            break;
        }
        out.push(Attachment { name, kind, bytes: bytes.to_vec() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{extract as extract_any, Format};
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/formats/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn eml(bytes: &[u8]) -> Result<Extracted, ExtractError> {
        extract_any(Format::Eml, bytes, &Limits::default())
    }

    fn texts(out: &Extracted) -> Vec<(BlockKind, &str)> {
        out.blocks.iter().map(|b| (b.kind, out.block_text(b))).collect()
    }

    #[test]
    fn html_reply_keeps_the_new_text_only() {
        let out = eml(&fixture("reply.eml")).unwrap();
        let p = BlockKind::Paragraph;
        assert_eq!(
            texts(&out),
            [
                (BlockKind::Title, "Re: Baltic air policing review"),
                (p, "Thanks, the review reads well."),
                (
                    p,
                    "Two points before we send it on: the shelter figures on page 3 are last year’s, and the jamming section should cite the civil aviation reports."
                ),
                (p, "I attach the marked-up copy."),
            ]
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn headers_become_meta() {
        let out = eml(&fixture("reply.eml")).unwrap();
        assert_eq!(out.meta.title.as_deref(), Some("Re: Baltic air policing review"));
        assert_eq!(out.meta.date.as_deref(), Some("2024-03-19"));
        assert_eq!(out.meta.source.as_deref(), Some("Maj. Anna Berg"));
        assert_eq!(out.meta.lang.as_deref(), Some("en"));
    }

    #[test]
    fn the_pdf_attachment_is_returned_and_the_picture_is_not() {
        let out = eml(&fixture("reply.eml")).unwrap();
        assert_eq!(
            out.attachments.len(),
            1,
            "{:?}",
            out.attachments.iter().map(|a| &a.name).collect::<Vec<_>>()
        );
        let pdf = &out.attachments[0];
        assert_eq!(
            (pdf.name.as_str(), pdf.kind),
            ("review-marked-up.pdf", AttachmentKind::Document(Format::Pdf))
        );
        assert_eq!(pdf.bytes, fixture("brief.pdf"));
        let inner = extract_any(Format::Pdf, &pdf.bytes, &Limits::default()).unwrap();
        assert_eq!(inner.meta.title.as_deref(), Some("Baltic Air Policing: Readiness Review"));
    }

    fn plain(subject: &str, body: &str) -> Vec<u8> {
        format!(
            "From: desk@example.org\r\nTo: a@example.mil\r\nSubject: {subject}\r\nDate: Fri, 5 Apr 2024 10:00:00 +0000\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{}",
            body.replace('\n', "\r\n")
        )
        .into_bytes()
    }

    #[test]
    fn plain_text_reply_loses_quotes_intro_and_signature() {
        let body = "Agreed on the shelters.\nThe jamming section\nneeds sources.\n\n> inline quote\nSecond point stands.\n\n\
                    On Thu, 4 Apr 2024 at 09:12, Analysis Desk <desk@example.org>\nwrote:\n> Draft attached.\n";
        let out = eml(&plain("Re: shelters", body)).unwrap();
        let kept: Vec<&str> = texts(&out).into_iter().skip(1).map(|b| b.1).collect();
        assert_eq!(
            kept,
            ["Agreed on the shelters. The jamming section needs sources.", "Second point stands."]
        );
        assert_eq!(out.meta.source.as_deref(), Some("desk@example.org"), "no name: the address");
        let signed = eml(&plain("Note", "Rotation moves to May.\n-- \nAnna Berg\nJAPS\n")).unwrap();
        assert_eq!(signed.text, "Note\n\nRotation moves to May.");
    }

    #[test]
    fn outlook_originals_end_a_reply_and_only_lose_their_headers_in_a_forward() {
        let body =
            "See below.\n\n-----Original Message-----\nFrom: Desk\nSent: Thursday, April 4, 2024 9:12 AM\n\
                    To: Anna\nSubject: Draft\n\nThe draft is attached.\n";
        let reply = eml(&plain("RE: Draft", body)).unwrap();
        assert_eq!(reply.text, "RE: Draft\n\nSee below.");
        let forward = eml(&plain("FW: Draft", body)).unwrap();
        assert_eq!(forward.text, "FW: Draft\n\nSee below.\n\nThe draft is attached.");
        let gmail = "FYI\n\n---------- Forwarded message ---------\nFrom: Desk <desk@example.org>\n\
                     Date: Thu, 4 Apr 2024\nSubject: Draft\nTo: Anna\n\nThe draft is attached.\n";
        let fwd = eml(&plain("Fwd: Draft", gmail)).unwrap();
        assert_eq!(fwd.text, "Fwd: Draft\n\nFYI\n\nThe draft is attached.");
    }

    #[test]
    fn a_20_mb_attachment_is_skipped_with_a_warning() {
        use std::fmt::Write;
        let payload = vec![0x25u8; 20 << 20];
        let mut encoded = String::with_capacity(28 << 20);
        for chunk in payload.chunks(57) {
            let line: String = base64_line(chunk);
            writeln!(encoded, "{line}\r").unwrap();
        }
        let message = format!(
            "From: a@b.c\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\n\
             Content-Type: text/plain\r\n\r\nSee attached.\r\n--XX\r\nContent-Type: application/pdf; name=big.pdf\r\n\
             Content-Disposition: attachment; filename=big.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}--XX--\r\n"
        );
        let out = eml(message.as_bytes()).unwrap();
        assert!(out.attachments.is_empty());
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(
            out.warnings[0].starts_with("attachment big.pdf (20971520 bytes) skipped"),
            "{:?}",
            out.warnings
        );
        assert!(out.text.ends_with("See attached."));
    }

    fn base64_line(chunk: &[u8]) -> String {
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

    #[test]
    fn broken_mime_trees_are_bounded() {
        // A boundary that never closes and a part cut in the middle of its headers.
        let broken =
            "From: a@b.c\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary=\"B1\"\r\n\r\n--B1\r\n\
                      Content-Type: text/plain\r\n\r\nFirst part text.\r\n--B1\r\nContent-Type: applica";
        let out = eml(broken.as_bytes()).unwrap();
        assert!(out.text.contains("First part text."), "{out:?}");
        // Multiparts nested far deeper than any mail program writes.
        let mut deep = String::from("From: a@b.c\r\nSubject: deep\r\n");
        for i in 0..3000 {
            deep.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"));
        }
        deep.push_str("Content-Type: text/plain\r\n\r\nbottom\r\n");
        let err = eml(deep.as_bytes()).unwrap_err();
        assert!(matches!(err, ExtractError::TooLarge { .. }), "{err}");
        assert!(matches!(eml(b"\x00\x01 not mail at all"), Err(ExtractError::Corrupt(_))));
    }

    #[test]
    fn an_undeclared_legacy_text_attachment_is_read_as_written() {
        let russian = "Министерство обороны сообщило о переброске войск.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let mut mail =
            b"From: a@x.org\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nSee the note.\r\n--b\r\nContent-Type: text/plain\r\n\
Content-Disposition: attachment; filename=\"note.txt\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .to_vec();
        mail.extend_from_slice(&cp1251);
        mail.extend_from_slice(b"\r\n--b--\r\n");
        let out = eml(&mail).unwrap();
        assert_eq!(out.attachments.len(), 1);
        assert_eq!(std::str::from_utf8(&out.attachments[0].bytes).unwrap().trim_end(), russian);
    }

    #[test]
    fn a_wrapped_intro_goes_whole() {
        for intro in [
            "On Tue, Apr 2, 2024 at 9:12 AM Robert Smith-Wesson <\nrobert.smith-wesson@example.org> wrote:",
            "On Tuesday, 2 April 2024 at 09:12:44 CEST,\nRobert Smith <r@x.org> wrote:",
        ] {
            let body = format!("The convoy left at dawn.\n\n{intro}\n> Did the convoy leave?\n");
            let out = eml(&plain("Re: convoy", &body)).unwrap();
            let kept: Vec<&str> =
                texts(&out).into_iter().map(|(_, t)| t).filter(|t| *t != "Re: convoy").collect();
            assert_eq!(kept, ["The convoy left at dawn."], "{intro:?}");
        }
    }

    #[test]
    fn an_undeclared_legacy_body_is_decoded_in_the_encoding_it_looks_written_in() {
        let head = |encoding: &str| {
            format!("From: a@x.org\r\nSubject: s\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n")
        };
        let french = "Réunion de défense à Genève : les ministres étaient présents.";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let mut eight_bit = head("8bit").into_bytes();
        eight_bit.extend_from_slice(&latin1);
        let russian = "Министерство обороны сообщило о переброске войск к границе.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let qp: String = cp1251
            .iter()
            .map(|b| format!("={b:02X}"))
            .collect::<Vec<_>>()
            .chunks(20)
            .map(|c| c.concat())
            .collect::<Vec<_>>()
            .join("=\r\n");
        let quoted = format!("{}{qp}\r\n", head("quoted-printable")).into_bytes();
        for (bytes, expected) in [(eight_bit, french), (quoted, russian)] {
            let out = eml(&bytes).unwrap();
            let kept: Vec<&str> = texts(&out).into_iter().map(|(_, t)| t).filter(|t| *t != "s").collect();
            assert_eq!(kept, [expected]);
        }
    }

    #[test]
    fn a_short_reply_above_its_intro_is_kept() {
        for intro in
            ["On Tue, 2 Apr 2024, Bob <b@x.org> wrote:", "Bob wrote:", "Le 2 avril 2024, Bob a écrit :"]
        {
            for gap in ["\n\n", "\n"] {
                let body = format!("Yes, the convoy left.{gap}{intro}\n> Did the convoy leave?\n");
                let out = eml(&plain("Re: convoy", &body)).unwrap();
                let kept: Vec<&str> =
                    texts(&out).into_iter().map(|(_, t)| t).filter(|t| *t != "Re: convoy").collect();
                assert_eq!(kept, ["Yes, the convoy left."], "{intro:?} after {gap:?}");
            }
        }
    }

    #[test]
    fn reply_intros_are_recognised_in_several_languages() {
        let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
        for intro in [
            "On Mon, 18 Mar 2024 at 09:12, Desk <desk@example.org> wrote:",
            "Le lun. 18 mars 2024 à 09:12, Desk <desk@example.org> a écrit :",
            "Am 18.03.2024 um 09:12 schrieb Desk:",
            "Desk пишет:",
        ] {
            assert!(reply_intro_at(&lines(intro), 0), "{intro}");
        }
        assert!(!reply_intro_at(&lines("On balance the review is sound."), 0));
    }
}
