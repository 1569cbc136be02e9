//! "Did you mean": for a search with no hits, each query word absent from the index
//! and the closest term the index holds, from its own term dictionary.

use std::collections::HashMap;

use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, TantivyDocument, Term};

use super::plan::Plan;
use super::QueryContext;

/// A query term absent from the index and a close term that is present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The term as the query analysed it.
    pub term: String,
    /// The closest indexed term (the most frequent among the nearest).
    pub suggestion: String,
}

/// Terms scanned per field and word, at most (bounds the cost on a huge dictionary).
const MAX_SCANNED: usize = 200_000;

/// Suggestions for the plan's absent terms, in query order.
pub(crate) fn suggest(ctx: &QueryContext, plan: &Plan) -> Vec<Suggestion> {
    let searcher = &ctx.searcher;
    let mut out: Vec<Suggestion> = Vec::new();
    for part in &plan.parts {
        for term in &part.matcher.terms {
            if out.iter().any(|s| &s.term == term) || present(searcher, plan, term) {
                continue;
            }
            if let Some(best) = closest(searcher, part.field, term) {
                let suggestion = surface(ctx, part.field, &best).unwrap_or(best);
                out.push(Suggestion { term: term.clone(), suggestion });
            }
        }
    }
    out
}

/// Passages read for the way they write a suggested term.
const SURFACE_SAMPLE: usize = 32;

/// The word as passages write it, for a term its stemmer cut (`howitz` is
/// `howitzers`): the most frequent form among the best [`SURFACE_SAMPLE`] passages
/// holding the term, in its case (`Zelensky`); ties to the form in lower case, then to
/// the smallest, so that the answer does not depend on the order of passages in the
/// index.
fn surface(ctx: &QueryContext, field: Field, term: &str) -> Option<String> {
    let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
    let mut analyzer = ctx.store.index().tokenizer_for_field(field).ok()?;
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (_, addr) in ctx.top(&query, SURFACE_SAMPLE).ok()? {
        let Ok(doc) = ctx.searcher.doc::<TantivyDocument>(addr) else { continue };
        let text = ctx.store.fields().to_record(&doc).text;
        let mut stream = analyzer.token_stream(&text);
        while let Some(token) = stream.next() {
            if let Some(form) = text.get(token.offset_from..token.offset_to).filter(|_| token.text == term) {
                *forms.entry(form.to_string()).or_default() += 1;
            }
        }
    }
    let key =
        |(form, n): &(String, usize)| (*n, form.to_lowercase() == *form, std::cmp::Reverse(form.clone()));
    forms.into_iter().max_by_key(key).map(|(form, _)| form)
}

/// Whether any language part's field holds the term.
fn present(searcher: &Searcher, plan: &Plan, term: &str) -> bool {
    plan.parts.iter().any(|p| searcher.doc_freq(&Term::from_field_text(p.field, term)).unwrap_or(0) > 0)
}

/// The most frequent term within edit distance 1 (2 for words of 6 letters or more)
/// that starts with the same letter.
fn closest(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let first: String = word.chars().take(1).collect();
    let max = if word.chars().count() >= 6 { 2 } else { 1 };
    let mut freq: HashMap<String, (usize, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(index) = segment.inverted_index(field) else { continue };
        let Ok(mut stream) = index.terms().range().ge(first.as_bytes()).into_stream() else { continue };
        let mut scanned = 0;
        while stream.advance() && scanned < MAX_SCANNED {
            scanned += 1;
            let Ok(key) = std::str::from_utf8(stream.key()) else { continue };
            if !key.starts_with(&first) {
                break;
            }
            if let Some(d) = distance(word, key, max) {
                let entry = freq.entry(key.to_string()).or_insert((d, 0));
                entry.1 += u64::from(stream.value().doc_freq);
            }
        }
    }
    freq.into_iter()
        .min_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)).then(a.0.cmp(&b.0)))
        .map(|(t, _)| t)
}

/// The optimal-string-alignment distance of two words when at most `max`, else `None`.
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    (0..=a.len()).for_each(|i| rows[i][0] = i);
    (0..=b.len()).for_each(|j| rows[0][j] = j);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    let d = rows[a.len()][b.len()];
    (d <= max && d > 0).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("zelenskyy", "zelenski", 2), Some(2));
        assert_eq!(distance("troops", "tropos", 1), Some(1));
        assert_eq!(distance("same", "same", 2), None);
        assert_eq!(distance("a", "abcd", 2), None);
    }
}
