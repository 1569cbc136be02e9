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
//! the positions the text fields already index: nothing is indexed for it. Pairs are
//! counted between different query words only: a word's other names, spellings and
//! compounds, and the words of one phrase, stand for one word ([`query_words`]).
//!
//! A title searched with its passages is a second value of the text field, one
//! position after the text: its words are close to each other in every passage of its
//! document, so a title holding the query's words lifts all of them alike, as the
//! title's own match does.

use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Searcher, Term};

use super::context::{idf, ContextPart, K1};
use super::headed::Headed;
use super::titled::Titles;

/// BM25's length normalisation in the proximity sum, as Büttcher et al. set it.
const B: Score = 0.5;

/// Weight of the proximity sum against the passage's BM25 score. Measured with
/// `briefs eval` on the eleven collections (README, "Relevance"): 0.25, 0.5 and 0.75
/// all raise the mean (0.6974 → 0.7004, 0.7013, 0.7009); 1 (the sum as Büttcher et al.
/// add it) loses 0.004 on xquad-r-de and 0.003 on med-para, 2 loses on ten of eleven.
pub(crate) const PROXIMITY_WEIGHT: Score = 0.5;

/// The terms a query searches in `field` outside its excluded clauses, each with the
/// index of the query word it stands for: every term under one clause that is not a
/// boolean combination (a word with its other names, spellings and compounds, a
/// phrase) stands for one word. A term listed twice keeps its first word.
pub(crate) fn query_words(query: &dyn Query, field: Field) -> Vec<(Term, usize)> {
    let mut out = Vec::new();
    let mut words = 0;
    collect_words(query, field, &mut out, &mut words);
    out
}

fn collect_words(query: &dyn Query, field: Field, out: &mut Vec<(Term, usize)>, words: &mut usize) {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        for (occur, sub) in boolean.clauses() {
            if *occur != Occur::MustNot {
                collect_words(sub.as_ref(), field, out, words);
            }
        }
        return;
    }
    if let Some(headed) = query.downcast_ref::<Headed>() {
        return collect_words(headed.text(), field, out, words);
    }
    let word = *words;
    query.query_terms(&mut |term, _| {
        if term.field() == field && !out.iter().any(|(t, _)| t == term) {
            out.push((term.clone(), word));
        }
    });
    if out.last().is_some_and(|(_, w)| *w == word) {
        *words += 1;
    }
}

/// Adds each passage of `top` its query words' proximity score and sorts it again (ties
/// by address); returns where the query's words were found against each passage's
/// title (see [`super::titled`]), read from the same positions. A part of fewer than two
/// query words adds no proximity.
pub(crate) fn lift(
    searcher: &Searcher,
    parts: &[ContextPart],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<Titles> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&i| top[i].1);
    let mut extra = vec![0.0; top.len()];
    let mut titles = Titles::new(searcher, top);
    for part in parts {
        let several = part.words.iter().any(|(_, w)| *w > 0);
        if !several && !titles.any() {
            continue;
        }
        let occurrences = occurrences(searcher, part, top, &order)?;
        titles.mark(&occurrences);
        if several {
            part_extra(searcher, part, top, &order, &occurrences, &mut extra)?;
        }
    }
    for ((score, _), e) in top.iter_mut().zip(extra) {
        *score += e;
    }
    super::merge::best_first(top);
    Ok(titles)
}

/// Adds to `extra` the proximity score of each passage of `top` in `part`'s field, from
/// their `occurrences`. `order` lists `top`'s indices by address.
fn part_extra(
    searcher: &Searcher,
    part: &ContextPart,
    top: &[(Score, DocAddress)],
    order: &[usize],
    occurrences: &[Vec<(u32, usize)>],
    extra: &mut [Score],
) -> tantivy::Result<()> {
    let docs = part.stats.total_num_docs()?;
    let average = part.stats.total_num_tokens(part.field)? as Score / docs.max(1) as Score;
    let idfs: Vec<Score> = part
        .words
        .iter()
        .map(|(t, _)| Ok(idf(part.stats.doc_freq(t)?, docs)))
        .collect::<tantivy::Result<_>>()?;
    let words: Vec<usize> = part.words.iter().map(|(_, w)| *w).collect();
    for segment in order.chunk_by(|a, b| top[*a].1.segment_ord == top[*b].1.segment_ord) {
        let norms =
            searcher.segment_reader(top[segment[0]].1.segment_ord).get_fieldnorms_reader(part.field)?;
        for &i in segment {
            let length = norms.fieldnorm(top[i].1.doc_id) as Score;
            extra[i] +=
                PROXIMITY_WEIGHT * part.weight * score(&occurrences[i], &words, &idfs, length / average);
        }
    }
    Ok(())
}

/// Each passage's occurrences of `part`'s terms in its field, as `(position, term)`
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
        for (w, (term, _)) in part.words.iter().enumerate() {
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

/// The proximity score of one passage: for each term, its accumulated closeness to
/// its neighbours that stand for other query words (`words[term]`), saturated as BM25
/// saturates a frequency, times its idf capped at 1. `relative_length` is the
/// passage's length over the average.
fn score(occurrences: &[(u32, usize)], words: &[usize], idfs: &[Score], relative_length: Score) -> Score {
    let mut closeness = vec![0.0; idfs.len()];
    for pair in occurrences.windows(2) {
        let ((p, a), (q, b)) = (pair[0], pair[1]);
        if words[a] != words[b] && q > p {
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
        let near = score(&[(3, 0), (4, 1)], &[0, 1], &idfs, 1.0);
        let far = score(&[(3, 0), (9, 1)], &[0, 1], &idfs, 1.0);
        assert!(near > far && far > 0.0, "{near} {far}");
    }

    #[test]
    fn one_word_repeated_has_no_proximity() {
        assert_eq!(score(&[(1, 0), (2, 0), (3, 0)], &[0, 1], &[2.0, 2.0], 1.0), 0.0);
    }

    #[test]
    fn the_names_of_one_word_have_no_proximity_to_each_other() {
        // `NATO` and the words of `North Atlantic Treaty Organization` are one query word.
        assert_eq!(score(&[(1, 0), (2, 1), (3, 2)], &[0, 0, 0], &[2.0; 3], 1.0), 0.0);
    }
}
