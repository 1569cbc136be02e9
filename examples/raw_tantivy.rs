//! The raw tantivy reference for `briefs index` on a JSON-lines corpus: one document per
//! non-empty line, `en_stem`, stored text, no language detection (`--detect` runs
//! `whatlang::detect_lang` on every line in the indexing thread, as the eval README's
//! reference does). Prints documents, seconds and MB/s.
//!
//! `cargo run --release --example raw_tantivy -- ../shared/eval/ungdc-briefs.jsonl.gz /tmp/raw-index [--detect]`

use std::io::{BufRead, BufReader};
use std::time::Instant;

use tantivy::schema::{Schema, STORED, TEXT};
use tantivy::{doc, Index};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (input, out) = (&args[1], &args[2]);
    let detect = args.iter().any(|a| a == "--detect");
    let mut builder = Schema::builder();
    let options = TEXT.set_indexing_options(
        tantivy::schema::TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
    );
    let text = builder.add_text_field("text", options | STORED);
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out)?;
    let index = Index::create_in_dir(out, builder.build())?;
    let mut writer = index.writer(400_000_000)?;
    let started = Instant::now();
    let file = std::fs::File::open(input)?;
    let reader: Box<dyn std::io::Read> = if input.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let (mut docs, mut bytes) = (0u64, 0u64);
    for line in BufReader::new(reader).lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        for para in value["text"].as_str().unwrap_or("").lines().filter(|l| !l.trim().is_empty()) {
            if detect {
                std::hint::black_box(whatlang::detect_lang(para));
            }
            writer.add_document(doc!(text => para))?;
            docs += 1;
            bytes += para.len() as u64;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "raw tantivy: {docs} documents, {:.1} MB, {secs:.2} s, {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
