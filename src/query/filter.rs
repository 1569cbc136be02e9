//! Filters: language, source and date bounds as clauses that never change a score.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ExistsQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::text::plain_words;
use crate::error::{Error, Result};
use crate::options::{DateBound, SearchOptions};
use crate::store::Store;

/// `query` with the filters of `opts` added as zero-weight required clauses.
pub(crate) fn filtered(store: &Store, query: Box<dyn Query>, opts: &SearchOptions) -> Result<Box<dyn Query>> {
    let f = store.fields();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let mut filter = |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
    if let Some(lang) = &opts.lang {
        let term = Term::from_field_text(f.lang, lang.as_str());
        filter(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    if let Some(source) = &opts.source {
        filter(source_query(store, source)?);
    }
    if opts.since.is_some() || opts.until.is_some() {
        let range: Box<dyn Query> = Box::new(date_range(f.date, opts.since.as_ref(), opts.until.as_ref()));
        filter(if opts.undated { Box::new(BooleanQuery::union(vec![range, undated()])) } else { range });
    }
    Ok(if clauses.len() == 1 { clauses.pop().expect("one").1 } else { Box::new(BooleanQuery::new(clauses)) })
}

/// The filters of `opts` alone, matching every passage they let through; `None` when
/// `opts` has none.
pub(crate) fn only_filters(store: &Store, opts: &SearchOptions) -> Result<Option<Box<dyn Query>>> {
    let query = filtered(store, Box::new(AllQuery), opts)?;
    Ok((!query.is::<AllQuery>()).then_some(query))
}

/// Passages with no date.
pub(crate) fn undated() -> Box<dyn Query> {
    let dated: Box<dyn Query> = Box::new(ExistsQuery::new("date".to_string(), false));
    Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, dated)]))
}

/// The source filter: the given words as a phrase in the source field.
fn source_query(store: &Store, source: &str) -> Result<Box<dyn Query>> {
    let schema = store.index().schema();
    let parser = QueryParser::new(schema, vec![store.fields().source], store.index().tokenizers().clone());
    let phrase = format!("\"{}\"", plain_words(source));
    parser
        .parse_query(&phrase)
        .map_err(|e| Error::invalid("--source", source, format!("words of a source ({e})")))
}

/// Dates compare as text: `YYYY[-MM[-DD]]` bounds include the whole period they name.
fn date_range(field: Field, since: Option<&DateBound>, until: Option<&DateBound>) -> RangeQuery {
    let lower = since.map_or(Bound::Unbounded, |s| Bound::Included(Term::from_field_text(field, s.as_str())));
    let upper = until.map_or(Bound::Unbounded, |u| {
        Bound::Included(Term::from_field_text(field, &format!("{}~", u.as_str())))
    });
    RangeQuery::new(lower, upper)
}
