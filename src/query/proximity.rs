//! Term proximity in passage scores, computed at query time on the best passages.
//!
//! BM25 scores a passage by how often it holds each query word, wherever the words
//! stand. A passage where the query's words stand side by side is more likely about
//! what the query asks than one where they are sentences apart. Büttcher, Clarke &
//! Lushman (2006, "Term proximity scoring for ad-hoc retrieval on very large text
//! collections") add to BM25 a second BM25-like sum whose "frequency" of a word is its
//! accumulated closeness to the other query words: walking the query words'
//! occurrences in order, each pair of neighbours that are different words at distance
//! `d` adds to each the other's idf over `d²`.
//!
//! Only the best passages are re-scored (the same depth as the document context), from
//! the positions the text fields already index: nothing is indexed for it.

use tantivy::postings::Postings;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Score, Searcher};

use super::context::{idf, ContextPart, K1};

/// BM25's length normalisation in the proximity sum, as Büttcher et al. set it.
const B: Score = 0.5;

/// Weight of the proximity sum against the passage's BM25 score. Measured with
/// `briefs eval` on the eleven collections (README, "Relevance"): 0.25, 0.5 and 0.75
/// all raise the mean (0.6974 → 0.7004, 0.7013, 0.7009), 1 and 2 lose on German and
/// the `-para` sets (the full sum, as Büttcher et al. add it, outweighs the passage's
/// own BM25 once the document context is added too).
pub(crate) const PROXIMITY_WEIGHT: Score = 0.5;

/// Adds each passage of `top` its query words' proximity score and sorts it again
/// (ties by address). A part of fewer than two words adds nothing.
pub(crate) fn lift(
    searcher: &Searcher,
    parts: &[ContextPart],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&i| top[i].1);
    let mut extra = vec![0.0; top.len()];
    for part in parts.iter().filter(|p| p.terms.len() >= 2) {
        part_extra(searcher, part, top, &order, &mut extra)?;
    }
    for ((score, _), e) in top.iter_mut().zip(extra) {
        *score += e;
    }
    super::merge::best_first(top);
    Ok(())
}

/// Adds to `extra` the proximity score of each passage of `top` in `part`'s field.
/// `order` lists `top`'s indices by address.
fn part_extra(
    searcher: &Searcher,
    part: &ContextPart,
    top: &[(Score, DocAddress)],
    order: &[usize],
    extra: &mut [Score],
) -> tantivy::Result<()> {
    let docs = part.stats.total_num_docs()?;
    let average = part.stats.total_num_tokens(part.field)? as Score / docs.max(1) as Score;
    let idfs: Vec<Score> = part
        .terms
        .iter()
        .map(|(t, _)| Ok(idf(part.stats.doc_freq(t)?, docs)))
        .collect::<tantivy::Result<_>>()?;
    let occurrences = occurrences(searcher, part, top, order)?;
    for segment in order.chunk_by(|a, b| top[*a].1.segment_ord == top[*b].1.segment_ord) {
        let norms =
            searcher.segment_reader(top[segment[0]].1.segment_ord).get_fieldnorms_reader(part.field)?;
        for &i in segment {
            let length = norms.fieldnorm(top[i].1.doc_id) as Score;
            extra[i] += PROXIMITY_WEIGHT * part.weight * score(&occurrences[i], &idfs, length / average);
        }
    }
    Ok(())
}

/// Each passage's query-word occurrences in `part`'s field, as `(position, word)`
/// sorted by position.
fn occurrences(
    searcher: &Searcher,
    part: &ContextPart,
    top: &[(Score, DocAddress)],
    order: &[usize],
) -> tantivy::Result<Vec<Vec<(u32, usize)>>> {
    let mut out = vec![Vec::new(); top.len()];
    let mut positions = Vec::new();
    for segment in order.chunk_by(|a, b| top[*a].1.segment_ord == top[*b].1.segment_ord) {
        let index = searcher.segment_reader(top[segment[0]].1.segment_ord).inverted_index(part.field)?;
        for (w, (term, _)) in part.terms.iter().enumerate() {
            let Some(mut postings) = index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                continue;
            };
            for &i in segment {
                let doc = top[i].1.doc_id;
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() == doc {
                    postings.positions(&mut positions);
                    out[i].extend(positions.iter().map(|p| (*p, w)));
                }
            }
        }
    }
    out.iter_mut().for_each(|o| o.sort_unstable());
    Ok(out)
}

/// The proximity score of one passage: for each word, its accumulated closeness to
/// its neighbours of other words, saturated as BM25 saturates a frequency, times its
/// idf capped at 1. `relative_length` is the passage's length over the average.
fn score(occurrences: &[(u32, usize)], idfs: &[Score], relative_length: Score) -> Score {
    let mut closeness = vec![0.0; idfs.len()];
    for pair in occurrences.windows(2) {
        let ((p, a), (q, b)) = (pair[0], pair[1]);
        if a != b && q > p {
            let d2 = ((q - p) as Score).powi(2);
            closeness[a] += idfs[b] / d2;
            closeness[b] += idfs[a] / d2;
        }
    }
    let norm = K1 * (1.0 - B + B * relative_length);
    closeness.iter().zip(idfs).map(|(c, idf)| idf.min(1.0) * c * (K1 + 1.0) / (c + norm)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_score_more_than_distant_words() {
        let idfs = [2.0, 2.0];
        let near = score(&[(3, 0), (4, 1)], &idfs, 1.0);
        let far = score(&[(3, 0), (9, 1)], &idfs, 1.0);
        assert!(near > far && far > 0.0, "{near} {far}");
    }

    #[test]
    fn one_word_repeated_has_no_proximity() {
        assert_eq!(score(&[(1, 0), (2, 0), (3, 0)], &[2.0, 2.0], 1.0), 0.0);
    }
}
