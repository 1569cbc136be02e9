//! Merging the rankings of the language parts into one.

use tantivy::{DocAddress, Score};

/// Merges scored passages into the best `limit`.
///
/// A passage found by several parts (through `title:` or `*`) keeps its best score.
/// Ties break by index address, lowest first, so that equal scores always list in the
/// same order for the same index.
///
/// ```
/// use tantivy::DocAddress;
/// let a = DocAddress::new(0, 1);
/// let b = DocAddress::new(0, 2);
/// let merged = briefs::query::merge(vec![(1.0, b), (2.0, a), (1.0, a)], 5);
/// assert_eq!(merged, vec![(2.0, a), (1.0, b)]);
/// ```
pub fn merge(mut scored: Vec<(Score, DocAddress)>, limit: usize) -> Vec<(Score, DocAddress)> {
    scored.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)));
    scored.dedup_by_key(|(_, a)| *a);
    best_first(&mut scored);
    scored.truncate(limit);
    scored
}

/// Sorts scored passages best first, ties by index address (lowest first).
pub(crate) fn best_first(scored: &mut [(Score, DocAddress)]) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}
