//! The fast columns a query reads, segment by segment, opened once per commit: opening
//! a column decodes its header and codec, which costs more than reading the handful of
//! values a page of results needs.

use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{Searcher, SegmentReader};

/// One segment's columns (`None` where the segment has none).
#[derive(Clone, Default)]
pub(crate) struct SegmentColumns {
    /// The document key.
    pub(crate) doc: Option<StrColumn>,
    /// The file key.
    pub(crate) file: Option<StrColumn>,
    /// The source, as stored.
    pub(crate) source: Option<StrColumn>,
    /// The date.
    pub(crate) date: Option<StrColumn>,
    /// The language code.
    pub(crate) lang: Option<StrColumn>,
    /// The paragraph number in its document.
    pub(crate) paragraph: Option<Column<u64>>,
    /// The copy-sketch bands.
    pub(crate) copy: Option<Column<u64>>,
}

/// Every segment's columns of one commit, in segment order.
pub(crate) type FastColumns = Arc<Vec<SegmentColumns>>;

impl SegmentColumns {
    fn open(reader: &SegmentReader) -> SegmentColumns {
        let fast = reader.fast_fields();
        let text = |name: &str| fast.str(name).ok().flatten();
        SegmentColumns {
            doc: text("doc"),
            file: text("file"),
            source: text("source"),
            date: text("date"),
            lang: text("lang"),
            paragraph: fast.u64("paragraph").ok(),
            copy: fast.u64("copy").ok(),
        }
    }

    /// The string column of this name (`doc`, `file`, `source`, `date` or `lang`).
    pub(crate) fn text(&self, name: &str) -> Option<&StrColumn> {
        match name {
            "doc" => self.doc.as_ref(),
            "file" => self.file.as_ref(),
            "source" => self.source.as_ref(),
            "date" => self.date.as_ref(),
            "lang" => self.lang.as_ref(),
            _ => None,
        }
    }
}

/// The columns of `searcher`'s segments, opened now.
pub(crate) fn open_columns(searcher: &Searcher) -> FastColumns {
    Arc::new(searcher.segment_readers().iter().map(SegmentColumns::open).collect())
}
