//! Passages found by their title alone, lowered below those whose own text answers.
//!
//! A passage of five words or more is searched with its document's title (see
//! `schema`): the title says what the passage is about when the passage does not name
//! it, which is what a collection cut into paragraphs needs. But then every passage of a
//! document titled `Kyiv, Kharkiv, Vilnius` holds `Kyiv`, and `Odesa's port: 3 ships
//! hit.` ranked second for `Kyiv`, above passages that name it. The title is the text
//! field's second value, from the position the `title_at` column gives: a passage
//! whose occurrences of the query's words all lie there is found by its title alone,
//! and its score is multiplied by [`TITLE_ONLY_WEIGHT`]: below passages of comparable
//! score that hold the words, not below all of them (at 0.5, piaf-fr lost 0.0004).
//!
//! Only the best passages are read (the depth of document context), from the positions
//! the text fields index, which proximity scoring reads too (see `super::proximity`).

use std::collections::HashSet;

use tantivy::{DocAddress, Score, Searcher};

use crate::schema::TITLE_AT;

/// What a passage found by its title alone keeps of its score.
pub(crate) const TITLE_ONLY_WEIGHT: Score = 0.7;

/// Where the best passages' titles start in their text fields, and where the query's
/// words were found in them.
pub(crate) struct Titles {
    /// The passages, as `top` listed them when read.
    addresses: Vec<DocAddress>,
    /// Per passage: the title's first position, if it is searched with the text.
    title_at: Vec<Option<u64>>,
    /// Per passage: (a word found in its text, a word found in its title).
    found: Vec<(bool, bool)>,
}

impl Titles {
    /// The titles of the passages of `top`, read from the `title_at` column.
    pub(crate) fn new(searcher: &Searcher, top: &[(Score, DocAddress)]) -> Titles {
        let columns: Vec<_> =
            searcher.segment_readers().iter().map(|r| r.fast_fields().u64(TITLE_AT).ok()).collect();
        let title_at =
            top.iter().map(|(_, a)| columns.get(a.segment_ord as usize)?.as_ref()?.first(a.doc_id)).collect();
        let addresses = top.iter().map(|(_, a)| *a).collect();
        Titles { addresses, title_at, found: vec![(false, false); top.len()] }
    }

    /// Whether a passage carries its title in its text.
    pub(crate) fn any(&self) -> bool {
        self.title_at.iter().any(Option::is_some)
    }

    /// Notes where the query's words occur in each passage: `occurrences[i]` are the
    /// positions (with the word) of one part's terms in the `i`th passage read.
    pub(crate) fn mark(&mut self, occurrences: &[Vec<(u32, usize)>]) {
        for (i, found) in self.found.iter_mut().enumerate() {
            let Some(at) = self.title_at[i] else { continue };
            found.0 |= occurrences[i].iter().any(|(p, _)| u64::from(*p) < at);
            found.1 |= occurrences[i].iter().any(|(p, _)| u64::from(*p) >= at);
        }
    }

    /// Lowers the passages of `top` whose text holds none of the query's words but their
    /// title does, and sorts `top` again.
    pub(crate) fn lower(&self, top: &mut [(Score, DocAddress)]) {
        let title_only: HashSet<DocAddress> = (self.addresses.iter().zip(&self.found))
            .filter(|(_, (in_text, in_title))| *in_title && !*in_text)
            .map(|(a, _)| *a)
            .collect();
        if title_only.is_empty() {
            return;
        }
        for (score, addr) in top.iter_mut() {
            if title_only.contains(addr) {
                *score *= TITLE_ONLY_WEIGHT;
            }
        }
        super::merge::best_first(top);
    }
}
