//! `--explain`: which query word was expanded to which names, which of them the index
//! holds (in which language, in how many passages), and which of them each hit holds.

use std::collections::HashSet;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{PhraseQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::capitals::{held_case, Capitals};
use super::expand::{compound_language, Expansion, VARIANT};
use super::hits::Hit;
use super::QueryContext;
use crate::aliases::fold_key;
use crate::analysis::{self, Side};
use crate::error::Result;

/// An expansion of the query and the names of it the index holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    /// The words as typed.
    pub word: String,
    /// The entity id (`country:DE`), `variant` for another spelling of the word, or
    /// `compound:LANG` for the compounds it begins or ends in language LANG.
    pub entity: String,
    /// The other names searched.
    pub searched: usize,
    /// Those the index holds, per language.
    pub found: Vec<FoundName>,
}

/// A name of an expansion found in one language's passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundName {
    /// The name as the alias table writes it.
    pub name: String,
    /// The language of the passages (`xx`: languages without a stemmer).
    pub lang: String,
    /// How many passages of that language hold it.
    pub passages: u64,
}

/// A name other than the typed word that a hit holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasMatch {
    /// The query words it stands for.
    pub word: String,
    /// The name found in the passage.
    pub name: String,
    /// The entity id, or `variant`.
    pub entity: String,
}

/// Each expansion with the names the index holds.
pub(crate) fn explain(ctx: &QueryContext, expansions: &[Expansion]) -> Result<Vec<Explained>> {
    let live = ctx.live_fields(None);
    let mut out = Vec::with_capacity(expansions.len());
    let mut analyzers: Vec<_> = live.iter().map(|f| analysis::analyzer_for_key(f.key, Side::Index)).collect();
    for e in expansions.iter().filter(|e| !restated(e, expansions)) {
        let mut found = Vec::new();
        // Per language, the names already counted as its analyser reads them, the typed
        // word first: `Rússia` is `russia` in English, the passages `Russia` found.
        let mut seen: Vec<(usize, Vec<String>)> =
            analyzers.iter_mut().enumerate().map(|(i, a)| (i, analysis::tokens(a, &e.word))).collect();
        for name in &e.names {
            for (i, f) in live.iter().enumerate() {
                if compound_language(&e.entity).is_none() {
                    let tokens = analysis::tokens(&mut analyzers[i], name);
                    if seen.iter().any(|(l, t)| *l == i && *t == tokens) {
                        continue;
                    }
                    seen.push((i, tokens));
                }
                let passages = match compound_language(&e.entity) {
                    Some(key) if key != f.key => 0,
                    Some(_) => ctx.searcher.doc_freq(&Term::from_field_text(f.field, name))?,
                    None => count(ctx, f.key, f.field, name)?,
                };
                if passages > 0 {
                    found.push(FoundName { name: name.clone(), lang: f.key.to_string(), passages });
                }
            }
        }
        out.push(Explained {
            word: e.word.clone(),
            entity: e.entity.clone(),
            searched: e.names.len(),
            found,
        });
    }
    Ok(out)
}

/// Whether `e` is a spelling variant (`cease-fire` → `ceasefire`) that the table's entry
/// for the same word already lists: explained once, under the entry.
fn restated(e: &Expansion, all: &[Expansion]) -> bool {
    let listed = |o: &Expansion, n: &String| o.names.iter().any(|m| fold_key(m) == fold_key(n));
    e.entity == VARIANT
        && all.iter().any(|o| o.entity != VARIANT && o.word == e.word && e.names.iter().all(|n| listed(o, n)))
}

/// The passages of `field` holding `name`, analysed as that field's language does (an
/// acronym that is a common word, where written in capitals).
fn count(ctx: &QueryContext, key: &str, field: Field, name: &str) -> Result<u64> {
    let tokens = analysis::tokens(&mut analysis::analyzer_for_key(key, Side::Index), name);
    match (tokens.as_slice(), held_case(name, key)) {
        ([], _) => Ok(0),
        ([one], Some(acronym)) => {
            let text = Box::new(TermQuery::new(Term::from_field_text(field, one), IndexRecordOption::Basic));
            let caps = Term::from_field_text(ctx.store.fields().caps, &acronym);
            Ok(ctx.searcher.search(&Capitals::new(text, caps), &Count)? as u64)
        }
        ([one], None) => Ok(ctx.searcher.doc_freq(&Term::from_field_text(field, one))?),
        (many, _) => {
            let terms = many.iter().map(|t| Term::from_field_text(field, t)).collect();
            Ok(ctx.searcher.search(&PhraseQuery::new(terms), &Count)? as u64)
        }
    }
}

/// The names of `expansions` each hit's text holds, as its language analyses them (a
/// compound's name is already an index term of its language); the typed words
/// themselves are not listed.
pub(crate) fn mark_hits(hits: &mut [Hit], expansions: &[Expansion]) {
    for hit in hits {
        let mut analyzer = analysis::analyzer_for_key(analysis::key(&hit.record.lang), Side::Index);
        let text = positioned(&mut analyzer, &hit.record.text);
        let words: HashSet<&str> = text.iter().map(|(t, _, _)| t.as_str()).collect();
        let capitals = analysis::tokens(&mut analysis::capitals_analyzer(), &hit.record.text);
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        for e in expansions {
            let typed = analysis::tokens(&mut analyzer, &e.word);
            for name in &e.names {
                let tokens = match compound_language(&e.entity) {
                    Some(key) if key != analysis::key(&hit.record.lang) => continue,
                    Some(_) => vec![name.clone()],
                    None => analysis::tokens(&mut analyzer, name),
                };
                let new = !tokens.is_empty() && tokens != typed && !seen.contains(&tokens);
                let cased =
                    held_case(name, analysis::key(&hit.record.lang)).is_none_or(|a| capitals.contains(&a));
                if !(new && cased && tokens.iter().all(|t| words.contains(t.as_str()))) {
                    continue;
                }
                // As the passage spells it: `Kyiv`, not the table's `Kyïv` of the same key.
                if let Some(spelled) = spelled(&text, &hit.record.text, &tokens) {
                    seen.insert(tokens);
                    let (word, entity) = (e.word.clone(), e.entity.clone());
                    hit.aliases.push(AliasMatch { word, name: spelled, entity });
                }
            }
        }
    }
}

/// The tokens of a text with their byte ranges in it.
fn positioned(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut found = Vec::new();
    while let Some(t) = stream.next() {
        found.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    found
}

/// The first stretch of `text` (tokenised as `found`) whose tokens are `tokens`, one
/// after another, as written.
fn spelled(found: &[(String, usize, usize)], text: &str, tokens: &[String]) -> Option<String> {
    let at = found.windows(tokens.len()).find(|w| w.iter().zip(tokens).all(|(f, t)| f.0 == *t))?;
    let (start, end) = (at[0].1, at[at.len() - 1].2);
    text.get(start..end).map(str::to_string)
}
