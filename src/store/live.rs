//! The language fields that hold passages in a commit, with their passage counts, and
//! the commit's document count.

use tantivy::columnar::Column;
use tantivy::schema::Field;
use tantivy::{DocId, Searcher, SegmentReader, Term};

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

/// Documents with a live passage. A document's passages lie in one segment (the
/// writer adds them as one group), so a segment without deletes holds as many
/// documents as its `doc` dictionary has keys; in one with deletes, the runs of live
/// passages' key ordinals are counted.
pub(crate) fn documents(fields: &Fields, searcher: &Searcher) -> u64 {
    searcher.segment_readers().iter().map(|s| segment_documents(fields, s)).sum()
}

/// Each segment's documents (see [`super::DocumentRuns`]); `None` for a segment
/// without a `doc` column.
pub(crate) fn document_runs(searcher: &Searcher) -> Vec<Option<Vec<DocId>>> {
    searcher.segment_readers().iter().map(segment_runs).collect()
}

/// Doc ids read from a column at once.
const RUN_CHUNK: usize = 1024;

/// The doc ids where the `doc` key ordinal changes, from 0. A passage without a key
/// is a run of its own.
fn segment_runs(segment: &SegmentReader) -> Option<Vec<DocId>> {
    let column: Column<u64> = segment.fast_fields().str("doc").ok().flatten()?.ords().clone();
    let (mut starts, mut last) = (Vec::new(), None);
    let (mut ids, mut ords) = (Vec::with_capacity(RUN_CHUNK), vec![None; RUN_CHUNK]);
    for chunk_start in (0..segment.max_doc()).step_by(RUN_CHUNK) {
        ids.clear();
        ids.extend(chunk_start..segment.max_doc().min(chunk_start + RUN_CHUNK as DocId));
        ords[..ids.len()].fill(None);
        column.first_vals(&ids, &mut ords[..ids.len()]);
        for (&doc, &ord) in ids.iter().zip(&ords) {
            if doc == 0 || ord.is_none() || ord != last {
                starts.push(doc);
            }
            last = ord;
        }
    }
    Some(starts)
}

fn segment_documents(fields: &Fields, segment: &SegmentReader) -> u64 {
    if !segment.has_deletes() {
        return segment.inverted_index(fields.doc).map(|ii| ii.terms().num_terms() as u64).unwrap_or(0);
    }
    let Ok(Some(column)) = segment.fast_fields().str("doc") else { return 0 };
    let ords = column.ords();
    let mut last = None;
    let mut n = 0;
    for doc in segment.doc_ids_alive() {
        let ord = ords.first(doc);
        if ord.is_some() && ord != last {
            n += 1;
            last = ord;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::indexer::{NoMergePolicy, UserOperation};
    use tantivy::{doc, Index, IndexWriter};

    #[test]
    fn documents_are_counted_in_segments_with_and_without_deletes() {
        let schema = crate::schema::build();
        let fields = Fields::from_schema(&schema).unwrap();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers(), analysis::Side::Index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let group = |key: &str, n: usize| {
            (0..n).map(|_| UserOperation::Add(doc!(fields.doc => key))).collect::<Vec<_>>()
        };
        for key in ["b", "a", "c"] {
            writer.run(group(key, 3)).unwrap();
        }
        writer.commit().unwrap();
        writer.run(group("d", 2)).unwrap();
        writer.run(group("a2", 1)).unwrap();
        writer.commit().unwrap();
        let searcher = || {
            let reader = index.reader().unwrap();
            reader.reload().unwrap();
            reader.searcher()
        };
        assert_eq!(documents(&fields, &searcher()), 5);
        writer.delete_term(Term::from_field_text(fields.doc, "a"));
        writer.commit().unwrap();
        let searcher = searcher();
        assert!(searcher.segment_readers().iter().any(|s| s.has_deletes()));
        assert_eq!(documents(&fields, &searcher), 4);
    }
}
