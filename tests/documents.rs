//! Documents as analysts receive them: a folder mixing PDF, Word, HTML and e-mail with
//! text, Markdown and JSON lines, indexed with each kind's structure; hostile files of
//! each kind as one warning each.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// A folder `inbox/` holding every kind briefs reads, in a temp folder.
fn mixed_inbox() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let formats = repo().join("tests/data/formats");
    for name in ["brief.pdf", "sanctions_brief.docx", "news_page.html", "reply.eml"] {
        write(&inbox, name, &std::fs::read(formats.join(name)).unwrap());
    }
    write(&inbox, "weekly.md", &std::fs::read(repo().join("tests/data/split/weekly.md")).unwrap());
    write(
        &inbox,
        "notes.txt",
        b"Desk notes\n\nThe frigate escorted two grain carriers out of the harbour at dawn.",
    );
    let line = r#"{"id": "wire-7", "title": "Wire", "date": "2024-02-01", "text": "Artillery shells reached the front by rail overnight."}"#;
    write(&inbox, "wire.jsonl", format!("{line}\n").as_bytes());
    tmp
}

/// The hits of a search, asserting there is at least one.
fn hits(dir: &Path, query: &str) -> Vec<Value> {
    // Every copy: the attachment of the e-mail is a copy of brief.pdf.
    let hits = search_json(dir, &[query, "-n", "50", "--all"]);
    assert!(!hits.is_empty(), "no hit for {query:?}");
    hits
}

/// The hits of a search from one document.
fn hits_in(dir: &Path, query: &str, doc: &str) -> Vec<Value> {
    hits(dir, query).into_iter().filter(|h| h["doc"] == doc).collect()
}

fn field<'a>(hit: &'a Value, name: &str) -> &'a str {
    hit[name].as_str().unwrap_or_default()
}

#[test]
fn a_mixed_folder_is_indexed_with_each_kind_s_structure() {
    let tmp = mixed_inbox();
    let dir = tmp.path();
    let summary = index(dir, &["inbox"]);
    assert!(summary.contains("indexed 7 files, 8 documents"), "{summary}");
    assert!(summary.contains("failed 0"), "{summary}");

    let pdf = &hits_in(dir, "scramble order fifteen minutes", "inbox/brief.pdf")[0];
    assert_eq!(field(pdf, "title"), "Baltic Air Policing: Readiness Review");
    assert_eq!(field(pdf, "section"), "1. Summary");
    assert_eq!((pdf["page"].as_u64(), field(pdf, "date")), (Some(1), "2024-03-15"));
    assert_eq!(field(pdf, "source"), "Joint Air Power Staff");
    assert_eq!(field(pdf, "offsets"), "extracted");
    assert!(field(pdf, "text").contains("Air defence planners"), "hyphenation undone: {pdf}");
    let last = &hits_in(dir, "remaining shelters", "inbox/brief.pdf")[0];
    assert_eq!((field(last, "section"), last["page"].as_u64()), ("4. Recommendations", Some(4)));

    let docx = &hits_in(dir, "tankers detained insurance", "inbox/sanctions_brief.docx")
        .into_iter()
        .find(|h| field(h, "text").starts_with("Port authorities"))
        .unwrap();
    assert_eq!(field(docx, "title"), "Sanctions Enforcement Weekly");
    assert_eq!((field(docx, "section"), field(docx, "date")), ("Shadow fleet", "2024-05-06"));
    assert_eq!(field(docx, "source"), "Economic Security Desk");
    let row = &hits_in(dir, "Gabon", "inbox/sanctions_brief.docx")[0];
    assert_eq!(
        (field(row, "text"), field(row, "section")),
        ("Gabon | 6 | 2", "Shadow fleet › Ship-to-ship transfers")
    );
    assert!(!hits_in(dir, "flag", "inbox/sanctions_brief.docx").is_empty(), "a table's header row is kept");
    assert!(docx["page"].is_null(), "a Word file has no pages: {docx}");

    let html = &hits_in(dir, "hills forest radars", "inbox/news_page.html")[0];
    assert_eq!(field(html, "title"), "Drone incursions test Baltic air defences");
    assert_eq!((field(html, "source"), field(html, "date")), ("The Northern Monitor", "2024-09-12"));
    assert_eq!(field(html, "section"), "Gaps in low-altitude coverage");

    let mail = &hits_in(dir, "shelter figures", "inbox/reply.eml")[0];
    assert_eq!(field(mail, "title"), "Re: Baltic air policing review");
    assert_eq!(field(mail, "date"), "2024-03-19");
    assert!(field(mail, "source").contains("Anna Berg"), "{mail}");
    let attached = &hits_in(dir, "jamming countermeasures", "inbox/reply.eml/review-marked-up.pdf")[0];
    assert_eq!((field(attached, "file"), attached["page"].as_u64()), ("inbox/reply.eml", Some(4)));
    briefs(dir).args(["like", field(attached, "id")]).assert().code(0);
    let folded = &search_json(dir, &["jamming countermeasures"])[0];
    let copies: Vec<&str> = folded["copies"].as_array().unwrap().iter().map(|c| field(c, "doc")).collect();
    assert_eq!(
        (field(folded, "doc"), copies),
        ("inbox/brief.pdf", vec!["inbox/reply.eml/review-marked-up.pdf"])
    );

    let txt = &hits_in(dir, "frigate grain carriers", "inbox/notes.txt")[0];
    assert_eq!(field(txt, "offsets"), "text");
    let md = hits_in(dir, "Eurofighter", "inbox/weekly.md");
    assert!(md.iter().any(|h| field(h, "section").ends_with("Aircraft on station")), "{md:?}");
    let json = &hits_in(dir, "artillery shells rail", "wire-7")[0];
    assert_eq!((field(json, "offsets"), json["line"].as_u64()), ("json", Some(1)));
}

#[test]
fn page_furniture_page_clutter_quotes_and_signatures_are_not_indexed() {
    let tmp = mixed_inbox();
    let dir = tmp.path();
    index(dir, &["inbox"]);
    for absent in
        ["UNCLASSIFIED", "\"page 2 of 4\"", "cookies", "comments", "subscribe", "newsletter", "Facebook"]
    {
        assert_eq!(search_json(dir, &[absent]), Vec::<Value>::new(), "{absent} was indexed");
    }
    let quoted = search_json(dir, &["\"please find the draft review attached\""]);
    assert!(quoted.is_empty(), "a quoted reply was indexed: {quoted:?}");
    let signed: Vec<Value> =
        search_json(dir, &["\"+46 8\""]).into_iter().filter(|h| h["doc"] == "inbox/reply.eml").collect();
    assert!(signed.is_empty(), "the signature was indexed: {signed:?}");
}

#[test]
fn a_message_and_its_attachments_are_replaced_and_removed_together() {
    let tmp = mixed_inbox();
    let dir = tmp.path();
    index(dir, &["inbox"]);
    let docs = |q: &str| -> Vec<String> {
        let mut docs: Vec<String> =
            search_json(dir, &[q, "-n", "50", "--all"]).iter().map(|h| field(h, "doc").to_string()).collect();
        docs.dedup();
        docs
    };
    assert!(docs("jamming countermeasures").contains(&"inbox/reply.eml/review-marked-up.pdf".to_string()));
    let again = index(dir, &["inbox"]);
    assert!(again.contains("unchanged 7"), "{again}");
    // The page is in Windows-1252: edited as bytes.
    let mut bytes = std::fs::read(dir.join("inbox/news_page.html")).unwrap();
    let at = bytes.windows(10).position(|w| w == b"</article>").unwrap();
    bytes.splice(at..at, b"<p>Minesweepers from three navies joined the exercise.</p>".iter().copied());
    std::fs::write(dir.join("inbox/news_page.html"), bytes).unwrap();
    std::fs::remove_file(dir.join("inbox/reply.eml")).unwrap();
    let third = index(dir, &["inbox"]);
    assert!(third.contains("updated 1, removed 1"), "{third}");
    assert_eq!(docs("minesweepers"), ["inbox/news_page.html"]);
    assert_eq!(docs("jamming countermeasures"), ["inbox/brief.pdf"], "the attachment went with its message");
}

#[test]
fn hostile_files_of_each_kind_are_one_warning_each_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let formats = repo().join("tests/data/formats");
    write(dir, "box/brief.pdf", &std::fs::read(formats.join("brief.pdf")).unwrap());
    index(dir, &["box"]);
    let docx = std::fs::read(formats.join("sanctions_brief.docx")).unwrap();
    let hostile: Vec<(&str, Vec<u8>)> = vec![
        ("locked.pdf", std::fs::read(formats.join("locked.pdf")).unwrap()),
        ("scanned.pdf", std::fs::read(formats.join("scanned.pdf")).unwrap()),
        ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer".to_vec()),
        ("truncated.docx", docx[..docx.len() / 2].to_vec()),
        ("not-a-zip.docx", b"PK\x03\x04 this is no zip at all".to_vec()),
        ("huge.html", [b"<html><body><p>".as_slice(), &vec![b'a'; 9 << 20]].concat()),
        ("deep.html", format!("<html><body>{}deep</body></html>", "<div>".repeat(100_000)).into_bytes()),
        ("garbage.eml", vec![0xff; 4096]),
        ("broken-mime.eml", BROKEN_MIME.to_vec()),
        ("big-attachment.eml", mail_with_attachment(20 << 20)),
    ];
    for (name, bytes) in &hostile {
        write(dir, &format!("box/{name}"), bytes);
    }
    let out = briefs(dir).args(["index", "box"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, _) in &hostile {
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&format!("box/{name}"))).collect();
        assert_eq!(lines.len(), 1, "{name}: {lines:?}\n{stderr}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("failed 10"), "{stdout}");
    assert!(!search_json(dir, &["remaining shelters"]).is_empty(), "what was indexed before is kept");
    let body: Vec<Value> = search_json(dir, &["convoy schedule"])
        .into_iter()
        .filter(|h| h["file"] == "box/big-attachment.eml")
        .collect();
    assert_eq!(body.len(), 1, "the message with a huge attachment keeps its body: {body:?}");
}

/// A message whose parts nest unclosed, with bad base64 and a cut HTML part.
const BROKEN_MIME: &[u8] = b"From: a@example.org\r\nSubject: Broken\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\n\
Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\
Content-Transfer-Encoding: base64\r\n\r\nVGhlIGNvbnZveSByb3V0ZSB3YXMgY2hhbmdlZC4=!!!@@@\r\n--inner\r\n\
Content-Type: text/html\r\n\r\n<p>The convoy <b>route\r\n--outer\r\nContent-Type: application/pdf\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK%%%%\r\n";

/// An e-mail whose body is short and whose PDF attachment has `size` bytes.
fn mail_with_attachment(size: usize) -> Vec<u8> {
    let line = "A".repeat(76);
    let lines = (size * 4 / 3).div_ceil(76);
    let mut mail = String::from(
        "From: desk@example.org\r\nSubject: Convoy\r\nDate: Tue, 2 Apr 2024 10:00:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain\r\n\r\nThe convoy schedule is attached.\r\n--b\r\n\
         Content-Type: application/pdf; name=\"huge.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"huge.pdf\"\r\n\r\n",
    );
    mail.reserve(lines * 78);
    for _ in 0..lines {
        mail.push_str(&line);
        mail.push_str("\r\n");
    }
    mail.push_str("--b--\r\n");
    mail.into_bytes()
}

#[test]
fn plain_text_and_markdown_attachments_are_documents_of_their_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let part = |name: &str, mime: &str, text: &str| {
        format!(
            "--b\r\nContent-Type: {mime}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\r\n{text}\r\n"
        )
    };
    let mail = format!(
        "From: desk@example.org\r\nSubject: Annexes\r\nDate: Tue, 2 Apr 2024 10:00:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain\r\n\r\nThe annexes are attached.\r\n{}{}--b--\r\n",
        part("annex.txt", "text/plain", "Frigates deployed to the northern sector."),
        part("notes.md", "application/octet-stream", "# Notes\n\nSubmarines sighted near the *strait*."),
    );
    write(dir, "inbox/annexes.eml", mail.as_bytes());
    index(dir, &["inbox"]);
    let frigates = search_json(dir, &["frigates"]);
    assert_eq!(frigates.len(), 1, "{frigates:?}");
    assert_eq!(frigates[0]["doc"], "inbox/annexes.eml/annex.txt");
    assert_eq!(frigates[0]["date"], "2024-04-02", "the message's date");
    let submarines = search_json(dir, &["submarines"]);
    assert_eq!(submarines.len(), 1, "{submarines:?}");
    assert_eq!(submarines[0]["doc"], "inbox/annexes.eml/notes.md");
    assert_eq!(submarines[0]["text"], "Submarines sighted near the strait.", "read as Markdown");
}

#[test]
fn a_plain_text_newsletter_has_its_capitalised_rubrics_as_sections_and_no_chrome() {
    let mail = "From: Security Digest <news@digest.example>\r\nTo: reader@example.org\r\n\
        Subject: Security Digest: Kharkiv, NATO\r\nDate: Mon, 04 Mar 2024 06:00:00 +0000\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\r\n\
        View this email in your browser\r\n\r\nUKRAINE\r\n\r\n\
        Russian forces launched three Shahed drones at an electrical substation near Kharkiv overnight,\r\n\
        damaging two transformers, the regional governor said.\r\n\r\nNATO\r\n\r\n\
        NATO will hold its largest exercise in decades, Steadfast Defender 2024, involving about\r\n\
        90,000 troops, the alliance said on Thursday.\r\n\r\n\
        You are receiving this briefing because you subscribed. Unsubscribe or update your preferences.\r\n";
    let tmp = indexed_docs(&[("digest.eml", mail)]);
    let hits =
        search_json(tmp.path(), &["drones OR exercise OR browser OR unsubscribe OR UKRAINE", "-n", "10"]);
    let sections: Vec<&str> = hits.iter().map(|h| h["section"].as_str().unwrap_or("-")).collect();
    assert_eq!(hits.len(), 2, "two passages, no heading or chrome of their own: {hits:?}");
    assert!(sections.contains(&"UKRAINE") && sections.contains(&"NATO"), "{sections:?}");
}
