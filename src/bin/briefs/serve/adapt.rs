//! Thin adapters from the API's requests to the façade as it is today. Each function
//! is one replaceable step: paging ([`page`]: until `Engine::search` takes an offset),
//! facet counts ([`facet_counts`]: until the engine counts facets), date order
//! ([`page_by_date`]), neighbours and stats.

use std::collections::BTreeMap;

use serde::Serialize;

use briefs::{Engine, Error, Hit, Limit, Record, Result, SearchOptions, Suggestion, MAX_LIMIT};

use super::api::SearchRequest;
use crate::wire::WireHit;

/// Passages over which facet values are counted.
pub(crate) const FACET_WINDOW: usize = 200;
/// Passages ordered by date: the best this many by relevance.
pub(crate) const DATE_WINDOW: usize = 200;
/// Facet values listed at most, the most frequent first.
const FACET_VALUES: usize = 20;

/// The order of a result list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sort {
    /// By score (the default).
    Relevance,
    /// Newest first among the best [`DATE_WINDOW`] by score; undated ones last.
    Date,
}

impl Sort {
    /// Parses `sort=relevance|date`.
    pub(crate) fn parse(value: Option<&str>) -> Result<Sort> {
        match value {
            None | Some("relevance" | "score") => Ok(Sort::Relevance),
            Some("date") => Ok(Sort::Date),
            Some(other) => Err(Error::invalid("sort", other, "relevance or date")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
        }
    }
}

/// A field whose values are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Facet {
    /// The passage language.
    Lang,
    /// The document source.
    Source,
}

impl Facet {
    /// Parses `facets=lang,source`.
    pub(crate) fn parse_list(value: &str) -> Result<Vec<Facet>> {
        let mut facets = Vec::new();
        for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let facet = match name {
                "lang" => Facet::Lang,
                "source" => Facet::Source,
                _ => return Err(Error::invalid("facets", value, "a list of lang and source")),
            };
            if !facets.contains(&facet) {
                facets.push(facet);
            }
        }
        Ok(facets)
    }

    fn name(self) -> &'static str {
        match self {
            Facet::Lang => "lang",
            Facet::Source => "source",
        }
    }

    fn value(self, hit: &Hit) -> &str {
        match self {
            Facet::Lang => &hit.record.lang,
            Facet::Source => &hit.record.source,
        }
    }
}

/// One page of a search and what the page around it shows.
pub(crate) struct SearchPage<'r> {
    request: &'r SearchRequest,
    hits: Vec<Hit>,
    more: bool,
    facets: BTreeMap<&'static str, FacetCounts>,
    notes: Vec<String>,
    suggestions: Vec<Suggestion>,
}

/// A search page on the wire.
#[derive(Serialize)]
pub(crate) struct WirePage<'a> {
    query: &'a str,
    offset: usize,
    n: usize,
    sort: &'static str,
    /// For a date order, the number of best passages it was drawn from.
    #[serde(skip_serializing_if = "Option::is_none")]
    window: Option<usize>,
    hits: Vec<WireHit<'a>>,
    /// Whether a next page holds more hits.
    more: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    facets: &'a BTreeMap<&'static str, FacetCounts>,
    /// What a lenient reading of the query repaired, one line each.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
    /// For a search with no hits: each query term the index lacks and the closest
    /// word it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<WireSuggestion<'a>>,
}

/// A "did you mean" on the wire.
#[derive(Serialize)]
pub(crate) struct WireSuggestion<'a> {
    /// The query's term as analysed (lower case, stemmed).
    term: &'a str,
    /// The closest word the index holds, as a passage writes it.
    suggestion: &'a str,
}

impl SearchPage<'_> {
    /// The page in its wire form.
    pub(crate) fn wire(&self) -> WirePage<'_> {
        let r = self.request;
        WirePage {
            query: &r.query,
            offset: r.offset,
            n: r.opts.limit.get(),
            sort: r.sort.name(),
            window: (r.sort == Sort::Date).then_some(DATE_WINDOW),
            hits: self.hits.iter().map(WireHit::from).collect(),
            more: self.more,
            facets: &self.facets,
            notes: &self.notes,
            suggestions: crate::wire::worth_suggesting(&r.query, &self.suggestions)
                .into_iter()
                .map(|s| WireSuggestion { term: &s.term, suggestion: &s.suggestion })
                .collect(),
        }
    }
}

/// Counts of a facet's values.
#[derive(Debug, Serialize)]
pub(crate) struct FacetCounts {
    /// The number of best passages counted.
    window: usize,
    values: Vec<FacetValue>,
}

/// One value and the passages that have it.
#[derive(Debug, Serialize)]
struct FacetValue {
    value: String,
    count: usize,
}

/// Runs a search request: its page of hits and the facets it asks for.
pub(crate) fn search<'r>(engine: &Engine, request: &'r SearchRequest) -> Result<SearchPage<'r>> {
    let (query, opts) = (&request.query, &request.opts);
    let results = match request.sort {
        Sort::Relevance => page(engine, query, opts, request.offset)?,
        Sort::Date => page_by_date(engine, query, opts, request.offset)?,
    };
    let mut facets = BTreeMap::new();
    for &facet in &request.facets {
        facets.insert(facet.name(), facet_counts(engine, query, opts, facet)?);
    }
    let (hits, more) = results.page;
    Ok(SearchPage { request, hits, more, facets, notes: results.notes, suggestions: results.suggestions })
}

/// One page of hits and what the search said besides.
pub(crate) struct PageResults {
    /// The page's hits, and whether more follow.
    pub(crate) page: (Vec<Hit>, bool),
    /// What a lenient reading of the query repaired.
    pub(crate) notes: Vec<String>,
    /// For a search with no hits: the closest words the index holds.
    pub(crate) suggestions: Vec<Suggestion>,
}

/// `opts.limit` hits from `offset` on, and whether more follow: the best
/// `offset + limit + 1` are fetched and the first `offset` dropped.
pub(crate) fn page(engine: &Engine, query: &str, opts: &SearchOptions, offset: usize) -> Result<PageResults> {
    let n = opts.limit.get();
    let fetch = Limit::new((offset + n + 1).min(MAX_LIMIT))?;
    let results = engine.search(query, &SearchOptions { limit: fetch, ..opts.clone() })?;
    Ok(PageResults {
        page: window_page(results.hits, offset, n),
        notes: results.notes,
        suggestions: results.suggestions,
    })
}

/// Like [`page`], newest first among the best [`DATE_WINDOW`] hits by score.
pub(crate) fn page_by_date(
    engine: &Engine,
    query: &str,
    opts: &SearchOptions,
    offset: usize,
) -> Result<PageResults> {
    let wide = SearchOptions { limit: Limit::new(DATE_WINDOW)?, ..opts.clone() };
    let mut results = engine.search(query, &wide)?;
    // Stable: equal dates keep their order by score. `None` sorts first, hence reversed.
    results.hits.sort_by(|a, b| b.record.date.cmp(&a.record.date));
    Ok(PageResults {
        page: window_page(results.hits, offset, opts.limit.get()),
        notes: results.notes,
        suggestions: results.suggestions,
    })
}

/// Hits `offset..offset + n` of a list, and whether more follow.
fn window_page(mut hits: Vec<Hit>, offset: usize, n: usize) -> (Vec<Hit>, bool) {
    let more = hits.len() > offset + n;
    hits.truncate(offset + n);
    hits.drain(..offset.min(hits.len()));
    (hits, more)
}

/// The values of `facet` among the best [`FACET_WINDOW`] passages for the query under
/// the other filters (not the facet's own, so that every value stays selectable).
pub(crate) fn facet_counts(
    engine: &Engine,
    query: &str,
    opts: &SearchOptions,
    facet: Facet,
) -> Result<FacetCounts> {
    let mut wide = SearchOptions { limit: Limit::new(FACET_WINDOW)?, snippet_chars: 1, ..opts.clone() };
    match facet {
        Facet::Lang => wide.lang = None,
        Facet::Source => wide.source = None,
    }
    let hits = engine.search(query, &wide)?.hits;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for hit in &hits {
        *counts.entry(facet.value(hit)).or_default() += 1;
    }
    let mut values: Vec<FacetValue> =
        counts.into_iter().map(|(value, count)| FacetValue { value: value.to_string(), count }).collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(FACET_VALUES);
    Ok(FacetCounts { window: FACET_WINDOW, values })
}

/// Up to `k` passages before and after `passage` in its document (ids `DOC#N`).
pub(crate) fn neighbours(engine: &Engine, passage: &Record, k: usize) -> Result<(Vec<Record>, Vec<Record>)> {
    let at = |n: u64| -> Result<Option<Record>> {
        match engine.passage(&format!("{}#{n}", passage.doc)) {
            Ok(record) => Ok(Some(record)),
            Err(Error::NoPassage { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let mut before = Vec::new();
    for n in (1..=k as u64).map_while(|d| passage.paragraph.checked_sub(d)).filter(|n| *n >= 1) {
        match at(n)? {
            Some(record) => before.push(record),
            None => break,
        }
    }
    before.reverse();
    let mut after = Vec::new();
    for d in 1..=k as u64 {
        match at(passage.paragraph + d)? {
            Some(record) => after.push(record),
            None => break,
        }
    }
    Ok((before, after))
}

/// The size of the index.
#[derive(Serialize)]
pub(crate) struct Stats {
    version: &'static str,
    passages: u64,
    segments: usize,
    languages: Vec<LangCount>,
}

/// Passages in one language.
#[derive(Serialize)]
struct LangCount {
    lang: &'static str,
    passages: u64,
}

/// The passages, segments and languages of the loaded commit.
pub(crate) fn stats(engine: &Engine) -> Stats {
    let searcher = engine.store().searcher();
    let live = engine.store().live_fields(&searcher);
    let mut languages: Vec<LangCount> =
        live.iter().map(|f| LangCount { lang: f.key, passages: f.docs }).collect();
    languages.sort_by(|a, b| b.passages.cmp(&a.passages).then_with(|| a.lang.cmp(b.lang)));
    Stats {
        version: env!("CARGO_PKG_VERSION"),
        passages: searcher.num_docs(),
        segments: searcher.segment_readers().len(),
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_and_sorts_parse() {
        assert_eq!(Facet::parse_list("lang, source,lang").unwrap(), [Facet::Lang, Facet::Source]);
        assert!(Facet::parse_list("lang,colour").is_err());
        assert_eq!(Sort::parse(None).unwrap(), Sort::Relevance);
        assert_eq!(Sort::parse(Some("date")).unwrap(), Sort::Date);
        assert!(Sort::parse(Some("random")).is_err());
    }
}
