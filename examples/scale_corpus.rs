//! Makes an N× corpus for the scaling curve from a JSON-lines corpus (by default the
//! UN General Debate statements):
//!
//! ```text
//! cargo run --release --example scale_corpus -- 4 /tmp/ung4.jsonl.gz [SOURCE.jsonl.gz] [SEED]
//! ```
//!
//! Copy 0 is the source as it is. Copy k > 0 of a document keeps its title, source,
//! date and number of paragraphs, takes the id `{id}~k`, and draws its paragraphs
//! (seeded, without repeats inside the document) from the documents of the same
//! decade: documents that exist nowhere in the source, written in the same register
//! and vocabulary. Paragraphs are the blocks briefs itself splits a text into (a
//! hard-wrapped paragraph is one block, not one per line), written one per line
//! between blank lines, so that each copy has about as many passages as the source.
//! Prints the documents and uncompressed bytes written.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};

use briefs::ingest::split::blocks;

const DEFAULT_SOURCE: &str = "/work/shared/eval/ungdc-briefs.jsonl.gz";
/// More copies than this would not fit the disks this is meant for.
const MAX_FACTOR: u64 = 64;

/// One document of the corpus.
#[derive(Deserialize, Serialize)]
struct Doc {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: scale_corpus FACTOR OUT.jsonl.gz [SOURCE.jsonl.gz] [SEED]";
    let (Some(factor), Some(out)) = (args.first(), args.get(1)) else { return Err(usage.into()) };
    let factor: u64 = factor.parse().ok().filter(|f| (1..=MAX_FACTOR).contains(f)).ok_or(usage)?;
    let source = args.get(2).map_or(DEFAULT_SOURCE, String::as_str);
    let seed: u64 = args.get(3).map_or(Ok(42), |s| s.parse()).map_err(|_| usage)?;
    let docs = read(source)?;
    let pools = decade_pools(&docs);
    let (written, bytes) = write(out, &docs, &pools, factor, seed).map_err(|e| format!("{out}: {e}"))?;
    println!("{written} documents, {bytes} bytes of JSON lines ({factor}x {source}) -> {out}");
    Ok(())
}

/// Reads every document of a JSON-lines file (gzipped when its name ends in `.gz`).
fn read(path: &str) -> Result<Vec<Doc>, String> {
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut docs = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        if !line.trim().is_empty() {
            docs.push(serde_json::from_str(&line).map_err(|e| format!("{path}: line {}: {e}", n + 1))?);
        }
    }
    Ok(docs)
}

/// The decade of a document (`199` for 1990s dates), `None` when undated.
fn decade(doc: &Doc) -> Option<&str> {
    doc.date.as_deref().filter(|d| d.len() >= 4).map(|d| &d[..3])
}

/// A paragraph: its document and its byte range there.
type Paragraph = (u32, u32, u32);

/// The paragraph blocks of every document, by decade.
fn decade_pools(docs: &[Doc]) -> BTreeMap<Option<&str>, Vec<Paragraph>> {
    let mut pools: BTreeMap<Option<&str>, Vec<Paragraph>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        let pool = pools.entry(decade(doc)).or_default();
        pool.extend(blocks(&doc.text).into_iter().map(|b| (d as u32, b.start as u32, b.end as u32)));
    }
    pools
}

/// Writes copy 0 (the source) and the drawn copies; returns documents and bytes.
fn write(
    out: &str,
    docs: &[Doc],
    pools: &BTreeMap<Option<&str>, Vec<Paragraph>>,
    factor: u64,
    seed: u64,
) -> std::io::Result<(u64, u64)> {
    let mut w = GzEncoder::new(BufWriter::new(File::create(out)?), Compression::default());
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut written, mut bytes) = (0, 0);
    for k in 0..factor {
        for doc in docs {
            let line = if k == 0 {
                serde_json::to_string(doc)?
            } else {
                serde_json::to_string(&redrawn(docs, doc, k, &pools[&decade(doc)], &mut rng))?
            };
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
            written += 1;
            bytes += line.len() as u64 + 1;
        }
    }
    w.finish()?.flush()?;
    Ok((written, bytes))
}

/// Copy `k` of `doc`: as many paragraphs, drawn from `pool` without repeats, each on
/// one line.
fn redrawn(docs: &[Doc], doc: &Doc, k: u64, pool: &[Paragraph], rng: &mut fastrand::Rng) -> Doc {
    let wanted = blocks(&doc.text).len().min(pool.len());
    let mut picked = std::collections::HashSet::with_capacity(wanted);
    while picked.len() < wanted {
        picked.insert(rng.usize(..pool.len()));
    }
    let mut order: Vec<usize> = picked.into_iter().collect();
    order.sort_unstable();
    rng.shuffle(&mut order);
    let text: Vec<String> = order
        .iter()
        .map(|&i| {
            let (d, start, end) = pool[i];
            docs[d as usize].text[start as usize..end as usize]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Doc {
        id: format!("{}~{k}", doc.id),
        title: doc.title.clone(),
        source: doc.source.clone(),
        date: doc.date.clone(),
        text: text.join("\n\n"),
    }
}
