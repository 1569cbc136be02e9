//! Each language field's postings, segment by segment, opened once per commit.
//!
//! tantivy opens a segment's postings of a field on every statistics call, and builds
//! an empty dictionary anew each time for a segment without the field: most segments
//! lack most language fields. BM25 asks for a field's token total and each term's
//! document frequency once per term and query part, so these are kept here instead.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::{InvertedIndexReader, Searcher, Term};

use crate::schema::Fields;

/// One field's postings in the segments that hold it, and its token total.
struct FieldPostings {
    tokens: u64,
    segments: Vec<Arc<InvertedIndexReader>>,
}

/// The language text and heading fields' postings of one commit.
#[derive(Default)]
pub(crate) struct LanguagePostings {
    fields: HashMap<Field, FieldPostings>,
}

impl LanguagePostings {
    /// Opens every language text and heading field of `searcher`'s segments.
    ///
    /// # Errors
    /// tantivy's, when a segment's postings do not open.
    pub(crate) fn open(fields: &Fields, searcher: &Searcher) -> tantivy::Result<LanguagePostings> {
        let mut out = HashMap::new();
        for &(_, field) in fields.texts.iter().chain(&fields.heads) {
            let mut segments = Vec::new();
            for reader in searcher.segment_readers() {
                let index = reader.inverted_index(field)?;
                if index.terms().num_terms() > 0 {
                    segments.push(index);
                }
            }
            let tokens = segments.iter().map(|s| s.total_num_tokens()).sum();
            out.insert(field, FieldPostings { tokens, segments });
        }
        Ok(LanguagePostings { fields: out })
    }

    /// The field's token total, `None` for a field not kept here.
    pub(crate) fn total_num_tokens(&self, field: Field) -> Option<u64> {
        self.fields.get(&field).map(|f| f.tokens)
    }

    /// The passages holding `term`, deleted ones included (as tantivy counts them);
    /// `None` for a field not kept here.
    pub(crate) fn doc_freq(&self, term: &Term) -> Option<tantivy::Result<u64>> {
        let field = self.fields.get(&term.field())?;
        let mut total = 0;
        for segment in &field.segments {
            match segment.doc_freq(term) {
                Ok(n) => total += u64::from(n),
                Err(e) => return Some(Err(e.into())),
            }
        }
        Some(Ok(total))
    }
}
