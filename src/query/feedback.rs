//! Pseudo-relevance feedback: the words of a ranking's best passages, scored in all of
//! its passages to rank them again (RM3, Lavrenko & Croft 2001; Abdul-Jaleel et al.
//! 2004).
//!
//! A query names its subject in few words; the passages that answer it best name it in
//! more (a question on "nuclear disarmament" is answered by passages that also say
//! "warheads", "non-proliferation", "NPT"). The first round's best [`FEEDBACK_PASSAGES`]
//! passages are taken as relevant: each term's weight is its share of each passage's
//! words (of at least the average passage's length), summed over the passages weighted
//! by their share of the round's score. The [`FEEDBACK_TERMS`] heaviest terms are
//! scored in the first round's passages, their weights together worth
//! [`FEEDBACK_WEIGHT`] times the query's own words.
//!
//! Terms come from each passage's own language: a passage is analysed with its
//! language's analyser and its terms are added to that language's part only, so that
//! French passages feed the French part with French stems. The added terms only
//! re-rank the first round's passages (at least [`FEEDBACK_DEPTH`]), all of which match
//! the query as typed (its required words, phrases, exclusions and filters), so
//! feedback never brings in what the query rules out.

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocSet, Score, Searcher, TantivyDocument, Term};

use super::context;
use super::like::is_weighable;
use super::stats::LanguageStats;
use crate::analysis::{self, Side};
use crate::schema::Fields;
use crate::store::LanguagePostings;

/// Passages of the first round taken as relevant (Anserini's RM3 default, fbDocs 10).
pub(crate) const FEEDBACK_PASSAGES: usize = 10;
/// Passages of the first round re-scored with the feedback terms, at least: as many as
/// document context re-scores, so that the first round costs what a search without
/// feedback costs (50 cost 2.3× a search without feedback at p50, 30 cost 1.9×, on 200
/// questions of `speed-queries-en.tsv` with `briefs bench`).
pub(crate) const FEEDBACK_DEPTH: usize = context::CONTEXT_DEPTH;
/// Terms added to the query (Anserini's RM3 default, fbTerms 10).
pub(crate) const FEEDBACK_TERMS: usize = 10;
/// Weight of the added terms together, against the query's own words together
/// (Anserini's original query weight 0.5 makes them equal: 1).
pub(crate) const FEEDBACK_WEIGHT: Score = 1.0;
/// Terms in more than this share of a language's passages are not added: they say
/// nothing of a subject (Anserini's RM3 filter).
const MAX_DF_SHARE: f64 = 0.1;

/// One language part as feedback sees it.
pub(crate) struct FeedbackPart {
    /// The part's language text field.
    pub(crate) field: Field,
    /// Passages in the part's language.
    pub(crate) docs: u64,
    /// How many words the part's query searches in `field` (counted with repeats).
    pub(crate) words: u32,
    /// The part's weight (its passages' scores carry it).
    pub(crate) weight: Score,
}

/// Adds to each ranked passage's score what the feedback terms score in it: the terms
/// of the ranking's best passages, per language part, each term's BM25 in the passage
/// times its weight and the part's. Sorts `ranked` again (ties by address).
///
/// Only the passages of the first round are re-scored: a second full search cost four
/// times the first (`briefs bench`, class "natural + feedback") and ranked the eleven
/// judged collections within 0.0025 nDCG@10 of this (README, "Relevance").
pub(crate) fn rescore(
    searcher: &Searcher,
    postings: &LanguagePostings,
    fields: &Fields,
    parts: &[FeedbackPart],
    ranked: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let weights = term_weights(searcher, fields, parts, ranked)?;
    let mut order: Vec<(DocAddress, usize)> = ranked.iter().enumerate().map(|(i, r)| (r.1, i)).collect();
    order.sort_unstable();
    for part in parts {
        let Some(terms) = weights.get(&part.field).filter(|t| !t.is_empty()) else { continue };
        let total: Score = terms.iter().map(|(_, w)| w).sum();
        let scale =
            part.weight * FEEDBACK_WEIGHT * part.words.max(1) as Score / total.max(Score::MIN_POSITIVE);
        for (text, weight) in terms {
            let term = Term::from_field_text(part.field, text);
            let stats = LanguageStats { searcher, docs: part.docs, postings };
            add_term(&stats, part, &term, weight * scale, &order, ranked)?;
        }
    }
    super::merge::best_first(ranked);
    Ok(())
}

/// Adds `boost` times the BM25 score of `term` to each ranked passage holding it;
/// `order` lists the passages by address, so that each segment's postings are read once,
/// forward.
fn add_term(
    stats: &LanguageStats,
    part: &FeedbackPart,
    term: &Term,
    boost: Score,
    order: &[(DocAddress, usize)],
    ranked: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let searcher = stats.searcher;
    let idf = context::idf(stats.doc_freq(term)?, stats.total_num_docs()?);
    let average = stats.total_num_tokens(part.field)? as Score / stats.total_num_docs()? as Score;
    for segment in order.chunk_by(|a, b| a.0.segment_ord == b.0.segment_ord) {
        let reader = searcher.segment_reader(segment[0].0.segment_ord);
        let index = reader.inverted_index(part.field)?;
        let Some(mut postings) = index.read_postings(term, IndexRecordOption::WithFreqs)? else { continue };
        let norms = reader.get_fieldnorms_reader(part.field)?;
        for &(addr, i) in segment {
            let doc = addr.doc_id;
            if postings.doc() < doc {
                postings.seek(doc);
            }
            if postings.doc() == doc {
                let length = norms.fieldnorm(doc) as Score;
                ranked[i].0 += boost * context::bm25(idf, postings.term_freq(), length, average);
            }
        }
    }
    Ok(())
}

/// The best [`FEEDBACK_TERMS`] terms of each part's field, with their RM3 weights.
fn term_weights(
    searcher: &Searcher,
    fields: &Fields,
    parts: &[FeedbackPart],
    first: &[(Score, DocAddress)],
) -> tantivy::Result<HashMap<Field, Vec<(String, Score)>>> {
    let top = &first[..first.len().min(FEEDBACK_PASSAGES)];
    let total: Score = top.iter().map(|(s, _)| s.max(0.0)).sum();
    let mut weights: HashMap<Field, HashMap<String, Score>> = HashMap::new();
    let mut analyzers: HashMap<&'static str, TextAnalyzer> = HashMap::new();
    for &(score, addr) in top.iter().filter(|(s, _)| *s > 0.0) {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let record = fields.to_record(&doc);
        let field = fields.text_for(&record.lang);
        let Some(part) = parts.iter().find(|p| p.field == field) else { continue };
        let key = analysis::key(&record.lang);
        let analyzer = analyzers.entry(key).or_insert_with(|| analysis::analyzer_for_key(key, Side::Query));
        let counts = term_counts(analyzer, &record.text);
        let length: u32 = counts.values().sum();
        // A passage shorter than the average counts as the average: a byline of two
        // words would otherwise give each of them half a passage's weight.
        let average = searcher.total_num_tokens(field)? as Score / part.docs.max(1) as Score;
        let share = score / total / (length as Score).max(average).max(1.0);
        let into = weights.entry(part.field).or_default();
        for (term, n) in counts {
            *into.entry(term).or_default() += share * n as Score;
        }
    }
    let mut out = HashMap::new();
    for (field, terms) in weights {
        let Some(part) = parts.iter().find(|p| p.field == field) else { continue };
        out.insert(field, heaviest(searcher, part, terms)?);
    }
    Ok(out)
}

/// Each term of `text` that [`is_weighable`] and its frequency.
fn term_counts(analyzer: &mut TextAnalyzer, text: &str) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let term = &token.text;
        if is_weighable(term) {
            *counts.entry(term.clone()).or_default() += 1;
        }
    }
    counts
}

/// The heaviest terms that are not too common in the part's language, best first.
fn heaviest(
    searcher: &Searcher,
    part: &FeedbackPart,
    terms: HashMap<String, Score>,
) -> tantivy::Result<Vec<(String, Score)>> {
    let mut ranked: Vec<(String, Score)> = terms.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let limit = (MAX_DF_SHARE * part.docs as f64).max(1.0);
    let mut kept = Vec::with_capacity(FEEDBACK_TERMS);
    for (term, weight) in ranked {
        if kept.len() == FEEDBACK_TERMS {
            break;
        }
        let df = searcher.doc_freq(&Term::from_field_text(part.field, &term))?;
        if df > 0 && (df as f64) <= limit {
            kept.push((term, weight));
        }
    }
    Ok(kept)
}

#[cfg(all(test, feature = "tools"))]
mod tests {
    use crate::options::SearchOptions;
    use crate::query::plan::Plan;
    use crate::query::Mode;

    /// Indexes one-passage documents `(id, text)` and ranks `query` with and without
    /// feedback: the ids, best first.
    fn ranked(docs: &[(&str, &str)], query: &str) -> (Vec<String>, Vec<String>) {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus.jsonl");
        let lines: Vec<String> =
            docs.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string()).collect();
        std::fs::write(&corpus, lines.join("\n")).unwrap();
        let (_place, engine) = crate::eval::collection::indexed(&corpus, None).unwrap();
        let ctx = engine.context();
        let run = |feedback: bool| -> Vec<String> {
            let opts = SearchOptions { mode: Mode::Plain, feedback, ..SearchOptions::default() };
            let plan = Plan::new(&ctx, query, &opts).unwrap();
            let top = plan.run(&ctx.searcher, 10).unwrap();
            top.iter()
                .map(|(_, a)| {
                    let doc: tantivy::TantivyDocument = ctx.searcher.doc(*a).unwrap();
                    ctx.store.fields().to_record(&doc).doc
                })
                .collect()
        };
        (run(false), run(true))
    }

    /// Submarine warfare in several passages, a sandwich once, and filler so that the
    /// submarine words are rare.
    fn corpus() -> Vec<(String, String)> {
        let mut docs = vec![
            ("navy1", "The submarine fired a torpedo while its sonar tracked the frigate hull."),
            ("navy2", "Sonar operators on the submarine heard the torpedo and the frigate propellers."),
            ("navy3", "A submarine torpedo struck the frigate; sonar showed the hull breaking."),
            (
                "navy4",
                "After the refit at the yard the submarine has a new sonar, a rebuilt torpedo room \
                 and a repainted hull, ready to escort the frigate.",
            ),
            ("navy5", "The frigate lost sonar contact with the submarine before the torpedo launch."),
            ("navy6", "Divers checked the submarine hull for torpedo damage after the frigate sonar alarm."),
            ("deli", "Our submarine sandwich comes with bread, cheese and pickles."),
            ("torp", "The torpedo and sonar trials ended with the frigate back in port."),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect::<Vec<_>>();
        let filler = ["weather", "harvest", "election", "market", "railway", "museum", "festival", "bridge"];
        for (i, w) in filler.iter().enumerate() {
            for j in 0..8 {
                docs.push((
                    format!("f{i}{j}"),
                    format!("The {w} report number {j} covers the {w} in detail."),
                ));
            }
        }
        docs
    }

    #[test]
    fn the_words_of_the_best_passages_lift_passages_on_their_subject() {
        let docs = corpus();
        let docs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (plain, fed) = ranked(&docs, "submarine");
        let at = |list: &[String], id: &str| list.iter().position(|x| x == id).unwrap();
        // Alone, the shortest passage ranks first: the sandwich...
        assert_eq!(plain[0], "deli", "{plain:?}");
        // ...but the best passages speak of sonar, torpedoes and frigates, and so do the
        // other passages on submarines.
        assert!(at(&fed, "deli") >= 2, "{fed:?}");
    }

    #[test]
    fn feedback_never_brings_in_a_passage_the_query_does_not_match() {
        let docs = corpus();
        let docs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (plain, fed) = ranked(&docs, "submarine");
        assert!(!fed.contains(&"torp".to_string()), "{fed:?}");
        let (mut a, mut b) = (plain.clone(), fed.clone());
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same passages, in another order");
    }
}
