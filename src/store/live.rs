//! The language fields that hold passages in a commit, with their passage counts, and
//! the commit's document count.

use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{Searcher, Term};

use crate::analysis;
use crate::schema::Fields;

/// A language text field that holds passages.
#[derive(Debug, Clone, Copy)]
pub struct LiveField {
    /// Analysis key (language code, or `xx`).
    pub key: &'static str,
    /// The text field.
    pub field: Field,
    /// Passages in this language.
    pub docs: u64,
}

/// The language fields that hold passages, with their passage counts.
pub(crate) fn live_fields(fields: &Fields, searcher: &Searcher) -> Vec<LiveField> {
    let count = |code: &str| searcher.doc_freq(&Term::from_field_text(fields.lang, code)).unwrap_or(0);
    let counted: u64 = analysis::keys().filter(|k| *k != analysis::OTHER).map(count).sum();
    let docs = |key: &str| {
        if key == analysis::OTHER {
            searcher.num_docs().saturating_sub(counted)
        } else {
            count(key)
        }
    };
    let all = fields.texts.iter().map(|&(key, field)| LiveField { key, field, docs: docs(key) });
    all.filter(|f| f.docs > 0 && has_tokens(searcher, f.field)).collect()
}

/// Distinct document keys over every segment.
pub(crate) fn documents(fields: &Fields, searcher: &Searcher) -> u64 {
    let indexes: Vec<_> =
        searcher.segment_readers().iter().filter_map(|s| s.inverted_index(fields.doc).ok()).collect();
    let streams = indexes.iter().filter_map(|index| index.terms().stream().ok()).collect();
    let mut merged = TermMerger::new(streams);
    let mut n = 0;
    while merged.advance() {
        n += 1;
    }
    n
}

/// Whether any segment holds a token in `field`.
fn has_tokens(searcher: &Searcher, field: Field) -> bool {
    searcher
        .segment_readers()
        .iter()
        .any(|s| s.inverted_index(field).map(|ii| ii.total_num_tokens() > 0).unwrap_or(false))
}
