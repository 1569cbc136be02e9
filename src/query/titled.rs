//! Passages found by their title alone, ranked below those whose own text answers.
//!
//! A passage of five words or more is searched with its document's title (see
//! `schema`): the title says what the passage is about when the passage does not name
//! it, which is what a collection cut into paragraphs needs. But then every passage of a
//! document titled `Kyiv, Kharkiv, Vilnius` holds `Kyiv`, and `Odesa's port: 3 ships
//! hit.` ranked second for `Kyiv`, above passages that name it. The title is the text
//! field's second value, from the position the `title_at` column gives: a passage
//! whose occurrences of the query's words all lie there is found by its title alone,
//! and its score is multiplied by [`TITLE_ONLY_WEIGHT`].
//!
//! Only the best passages are read (the depth of document context), from the positions
//! the text fields index.

use tantivy::columnar::Column;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Score, Searcher};

use super::context::ContextPart;
use crate::schema::TITLE_AT;

/// What a passage found by its title alone keeps of its score.
pub(crate) const TITLE_ONLY_WEIGHT: Score = 0.5;

/// Lowers the passages of `top` whose text holds none of the query's words but their
/// title does, and sorts `top` again.
pub(crate) fn lower(
    searcher: &Searcher,
    parts: &[ContextPart],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&i| top[i].1);
    // Per passage: (an occurrence in its text, an occurrence in its title).
    let mut found = vec![(false, false); top.len()];
    for segment in order.chunk_by(|a, b| top[*a].1.segment_ord == top[*b].1.segment_ord) {
        let reader = searcher.segment_reader(top[segment[0]].1.segment_ord);
        let Ok(title_at) = reader.fast_fields().u64(TITLE_AT) else { continue };
        for part in parts {
            mark(reader, part, &title_at, top, segment, &mut found)?;
        }
    }
    let mut lowered = false;
    for ((score, _), (in_text, in_title)) in top.iter_mut().zip(found) {
        if in_title && !in_text {
            *score *= TITLE_ONLY_WEIGHT;
            lowered = true;
        }
    }
    if lowered {
        super::merge::best_first(top);
    }
    Ok(())
}

/// Marks, for the passages of one segment (`segment`, indices of `top` by address),
/// where `part`'s words occur: before the title's position, or from it.
fn mark(
    reader: &tantivy::SegmentReader,
    part: &ContextPart,
    title_at: &Column<u64>,
    top: &[(Score, DocAddress)],
    segment: &[usize],
    found: &mut [(bool, bool)],
) -> tantivy::Result<()> {
    let index = reader.inverted_index(part.field)?;
    let mut positions = Vec::new();
    for (term, _) in part.words {
        let Some(mut postings) = index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? else {
            continue;
        };
        for &i in segment {
            let doc = top[i].1.doc_id;
            let Some(at) = title_at.first(doc) else { continue };
            if postings.doc() < doc {
                postings.seek(doc);
            }
            if postings.doc() == doc {
                postings.positions(&mut positions);
                found[i].0 |= positions.iter().any(|p| u64::from(*p) < at);
                found[i].1 |= positions.iter().any(|p| u64::from(*p) >= at);
            }
        }
    }
    Ok(())
}
