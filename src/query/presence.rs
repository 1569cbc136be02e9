//! A query word's presence counted at least once, in collections of standalone
//! sentences.
//!
//! BM25 divides a word's frequency by the passage's length against the average. Lv &
//! Zhai (2011, "Lower-bounding term frequency normalization") show that this can rank
//! a longer text holding a query word below a shorter one without it, and add to every
//! matched word a lower bound of `δ · idf` (BM25+, `δ = 1` on all their collections).
//!
//! briefs adds it only where the documents themselves are about a sentence long (the
//! part's documents average under [`SENTENCE_DOCUMENT`] tokens). There, nearly every
//! word occurs once, so the length is BM25's only signal besides idf, and a longer
//! sentence is one that says more, not the same thing at greater length. Measured on
//! the eleven collections (README, "Relevance"): added everywhere, it raised the four
//! sentence collections and lowered the abstracts (med −0.009 at `δ = 0.3`); collections
//! of multi-paragraph documents, where the sentences of one document are its passages,
//! never meet the condition, whatever their passages' length.
//!
//! Like proximity, it re-scores the best passages the first round found.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Score, Searcher};

use super::context::{idf, ContextPart};

/// The lower bound's weight `δ`, as Lv & Zhai set it. On the sentence collections 0.3,
/// 0.5, 1 and 2 raised xquad-r-mixed from 0.8380 to 0.8416, 0.8424, 0.8446 and 0.8446.
const DELTA: Score = 1.0;

/// Documents averaging fewer tokens than this are sentences rather than paragraphs or
/// longer texts (the XQuAD-R sentences average 24–29 words, the PIAF paragraphs 114,
/// the abstracts of cran, med and scifact 150–215).
pub(crate) const SENTENCE_DOCUMENT: Score = 50.0;

/// Whether `part`'s documents are standalone sentences (see the module's doc).
pub(crate) fn applies(part: &ContextPart) -> tantivy::Result<bool> {
    let tokens = part.stats.total_num_tokens(part.field)? as Score;
    Ok(part.documents > 0 && tokens / (part.documents as Score) < SENTENCE_DOCUMENT)
}

/// Adds to each passage of `top` the lower bound of the query words it holds, in the
/// parts where it [`applies`], and sorts `top` again (ties by address).
pub(crate) fn lift(
    searcher: &Searcher,
    parts: &[ContextPart],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let mut lifted = false;
    for part in parts {
        if !part.words.is_empty() && applies(part)? {
            part_lift(searcher, part, top)?;
            lifted = true;
        }
    }
    if lifted {
        super::merge::best_first(top);
    }
    Ok(())
}

/// Adds `part`'s lower bound to each passage of `top`: for each query word it holds, in
/// any of its terms (its other names, spellings, a phrase's words), the word's idf.
fn part_lift(
    searcher: &Searcher,
    part: &ContextPart,
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let word_idfs = word_idfs(part)?;
    let words = word_idfs.len();
    let mut held = vec![vec![0.0 as Score; words]; top.len()];
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&i| top[i].1);
    for segment in order.chunk_by(|a, b| top[*a].1.segment_ord == top[*b].1.segment_ord) {
        let index = searcher.segment_reader(top[segment[0]].1.segment_ord).inverted_index(part.field)?;
        for (term, word) in part.words {
            let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? else { continue };
            for &i in segment {
                let doc = top[i].1.doc_id;
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() == doc {
                    held[i][*word] = word_idfs[*word];
                }
            }
        }
    }
    for ((score, _), words_held) in top.iter_mut().zip(held) {
        *score += DELTA * part.weight * words_held.iter().sum::<Score>();
    }
    Ok(())
}

/// Each query word's idf: the lowest of its terms the part's passages hold, so that a
/// word counts the same whichever of its names a passage writes, and a rare other name
/// (`VN` for the United Nations) is not worth more than the name typed.
fn word_idfs(part: &ContextPart) -> tantivy::Result<Vec<Score>> {
    let docs = part.stats.total_num_docs()?;
    let words = part.words.iter().map(|(_, w)| w + 1).max().unwrap_or(0);
    let mut lowest: Vec<Option<Score>> = vec![None; words];
    for (term, word) in part.words {
        let freq = part.stats.doc_freq(term)?;
        if freq > 0 {
            let term_idf = idf(freq, docs);
            lowest[*word] = Some(lowest[*word].map_or(term_idf, |l: Score| l.min(term_idf)));
        }
    }
    Ok(lowest.into_iter().map(|l| l.unwrap_or(0.0)).collect())
}
