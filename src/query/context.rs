//! Document context in passage scores, computed at query time.
//!
//! BM25 scores a passage by its own words only. A paragraph that names the query's
//! subject once, in a document entirely about it, ranks below a paragraph that repeats
//! one query word in a document about something else; and a document whose matching
//! words are spread over several paragraphs has no single paragraph that shows it.
//! Combining passage and document evidence is the standard remedy (Callan 1994;
//! Kaszkiel & Zobel 1997).
//!
//! The document's evidence is its BM25 score as one document: the term frequencies of
//! its passages summed, its length the sum of theirs, normalised by the average
//! document length, with the passages' own idf. Nothing is indexed twice: the
//! document's passages are found through the `doc` field, their term frequencies and
//! lengths read from the postings and field norms of the terms the passage query
//! searches.
//!
//! The answer stays a passage. A document's best passage scores its own score plus
//! [`CONTEXT_WEIGHT`] times the difference between the document's score and the
//! passage's alone (an interpolation of the two), its other passages the same amount
//! scaled by their share of the best passage's score, so that the order within a
//! document is its passages' own. A document of one passage in an index of such
//! documents adds nothing: collections of single passages rank exactly as before.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term};

use super::stats::LanguageStats;
use crate::store::DocumentRuns;

/// BM25's term saturation, as tantivy scores passages.
pub(crate) const K1: Score = 1.2;
/// BM25's length normalisation, as tantivy scores passages.
const B: Score = 0.75;

/// Weight of the document's score against its best passage's own in that passage's
/// score. Measured with `briefs eval` (README, "Relevance"): with BM25 alone, 0.5 gained
/// on every multi-passage collection and 1 (the document alone) lost on scifact and
/// scifact-para; once term proximity raised the passages' own scores, 0.65 gained again
/// on the six multi-passage sets but scifact-para (−0.0015) and on the same collections
/// cut into smaller paragraphs (+0.005), while 0.8 and 1 lost on scifact-para.
pub(crate) const CONTEXT_WEIGHT: Score = 0.65;

/// Passages re-scored with their document's context, at least, per language part (each
/// part's best are kept until then, see `plan.rs`): several pages of results, so that a
/// passage can rise into the first page from the next ones.
pub(crate) const CONTEXT_DEPTH: usize = 30;

/// One language part's side of the document score.
pub(crate) struct ContextPart<'a> {
    /// The language text field.
    pub(crate) field: Field,
    /// The part's weight (its passages' scores carry it too).
    pub(crate) weight: Score,
    /// The part's BM25 statistics.
    pub(crate) stats: LanguageStats<'a>,
    /// Documents with passages in the part's language (see [`documents_in`]).
    pub(crate) documents: u64,
    /// The words the part's query searches in `field`, each with how often it appears.
    pub(crate) terms: &'a [(Term, u32)],
    /// The same terms, each with the query word it stands for (see
    /// [`super::proximity::query_words`]).
    pub(crate) words: &'a [(Term, usize)],
}

/// The words a passage query may or must match in `field` (not those it excludes),
/// each with its count: phrases and required words become plain words here, since the
/// passage query still decides which passages match; the document only says how much
/// it is about them.
pub(crate) fn context_terms(query: &dyn Query, field: Field) -> Vec<(Term, u32)> {
    let mut all = Vec::new();
    positive_terms(query, &mut all);
    let mut counted: Vec<(Term, u32)> = Vec::new();
    for term in all.into_iter().filter(|t| t.field() == field) {
        match counted.iter_mut().find(|(t, _)| *t == term) {
            Some((_, n)) => *n += 1,
            None => counted.push((term, 1)),
        }
    }
    counted
}

/// The terms of a query outside its excluded (`MustNot`) clauses; of a text-or-heading
/// union, those of the text.
fn positive_terms(query: &dyn Query, out: &mut Vec<Term>) {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        for (occur, sub) in boolean.clauses() {
            if *occur != Occur::MustNot {
                positive_terms(sub.as_ref(), out);
            }
        }
        return;
    }
    if let Some(headed) = query.downcast_ref::<super::headed::Headed>() {
        return positive_terms(headed.text(), out);
    }
    query.query_terms(&mut |term, _| out.push(term.clone()));
}

/// The documents of a ranking: for each passage, its document's index; for each
/// document, its best passage (the first in the ranking).
struct Documents {
    of_passage: Vec<Option<usize>>,
    best: Vec<(Score, DocAddress)>,
    /// Each document's passages: its segment and its run of doc ids.
    runs: Vec<(u32, Range<DocId>)>,
}

/// Where each passage's document lies: the run of doc ids that holds it.
pub(crate) struct Runs {
    runs: DocumentRuns,
}

impl Runs {
    pub(crate) fn new(runs: DocumentRuns) -> Runs {
        Runs { runs }
    }

    /// The run of doc ids of `addr`'s document in its segment of `max_doc` doc ids.
    fn around(&self, addr: DocAddress, max_doc: DocId) -> Option<Range<DocId>> {
        let starts = self.runs.get(addr.segment_ord as usize)?.as_ref()?;
        let next = starts.partition_point(|s| *s <= addr.doc_id);
        let start = *starts.get(next.checked_sub(1)?)?;
        Some(start..starts.get(next).copied().unwrap_or(max_doc))
    }
}

impl Documents {
    /// Groups `top` by document: the passages of one run.
    fn new(searcher: &Searcher, runs: &Runs, top: &[(Score, DocAddress)]) -> Documents {
        let mut seen: HashMap<(u32, DocId), usize> = HashMap::new();
        let mut docs =
            Documents { of_passage: Vec::with_capacity(top.len()), best: Vec::new(), runs: Vec::new() };
        for &(score, addr) in top {
            let max_doc = searcher.segment_reader(addr.segment_ord).max_doc();
            let Some(run) = runs.around(addr, max_doc) else {
                docs.of_passage.push(None);
                continue;
            };
            let i = *seen.entry((addr.segment_ord, run.start)).or_insert_with(|| {
                docs.best.push((score, addr));
                docs.runs.push((addr.segment_ord, run));
                docs.best.len() - 1
            });
            docs.of_passage.push(Some(i));
        }
        docs
    }

    /// Every live passage of each document, as `(segment, doc id, document)`, sorted.
    fn passages(&self, searcher: &Searcher) -> Vec<(u32, DocId, usize)> {
        // Runs of distinct documents do not overlap: in run order, they come out sorted.
        let mut order: Vec<usize> = (0..self.runs.len()).collect();
        order.sort_unstable_by_key(|&i| (self.runs[i].0, self.runs[i].1.start));
        let mut out = Vec::new();
        for i in order {
            let (segment, run) = &self.runs[i];
            let reader = searcher.segment_reader(*segment);
            out.extend(run.clone().filter(|doc| !reader.is_deleted(*doc)).map(|doc| (*segment, doc, i)));
        }
        out
    }
}

/// Documents with passages in a language of `passages` passages, out of `documents`
/// documents and `all` passages in the index: the language's share of the documents
/// is taken to be its share of the passages (exact for one language). An index of
/// one-passage documents gives `passages` itself, so that a document's average length
/// is its passage's.
pub(crate) fn documents_in(documents: u64, passages: u64, all: u64) -> u64 {
    if all == 0 {
        return documents;
    }
    (u128::from(documents) * u128::from(passages) / u128::from(all)) as u64
}

/// Re-scores `top` (best first) with each passage's document context, and sorts it
/// again (ties by address).
pub(crate) fn lift(
    searcher: &Searcher,
    runs: &Runs,
    parts: &[ContextPart],
    top: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    if parts.iter().all(|p| p.terms.is_empty()) {
        return Ok(());
    }
    let docs = Documents::new(searcher, runs, top);
    let passages = docs.passages(searcher);
    let mut extra = vec![0.0; docs.best.len()];
    for part in parts {
        part_extra(searcher, part, &docs, &passages, &mut extra)?;
    }
    for ((score, _), doc) in top.iter_mut().zip(&docs.of_passage) {
        if let Some(i) = *doc {
            let best = docs.best[i].0;
            let share = if best > 0.0 { *score / best } else { 1.0 };
            *score += CONTEXT_WEIGHT * extra[i] * share;
        }
    }
    super::merge::best_first(top);
    Ok(())
}

/// Adds to `extra`, for each document, what its passages in `part`'s language score as
/// one document beyond what its best passage scores alone, times the part's weight.
fn part_extra(
    searcher: &Searcher,
    part: &ContextPart,
    docs: &Documents,
    passages: &[(u32, DocId, usize)],
    extra: &mut [Score],
) -> tantivy::Result<()> {
    let mut found = Vec::with_capacity(part.terms.len());
    for (term, count) in part.terms {
        let doc_freq = part.stats.doc_freq(term)?;
        if doc_freq > 0 {
            found.push((term, *count, doc_freq));
        }
    }
    if found.is_empty() {
        // No passage of the language holds a word: no document of it says anything.
        return Ok(());
    }
    let tokens = part.stats.total_num_tokens(part.field)? as Score;
    let passage_average = tokens / part.stats.total_num_docs()?.max(1) as Score;
    let document_average = tokens / part.documents.max(1) as Score;
    let mut length = vec![0.0; docs.best.len()];
    for segment in passages.chunk_by(|a, b| a.0 == b.0) {
        let norms = searcher.segment_reader(segment[0].0).get_fieldnorms_reader(part.field)?;
        for &(_, doc, i) in segment {
            length[i] += norms.fieldnorm(doc) as Score;
        }
    }
    let mut tf = vec![0u32; docs.best.len()];
    let mut alone = vec![0.0; docs.best.len()];
    for (term, count, doc_freq) in found {
        let idf = idf(doc_freq, part.stats.total_num_docs()?);
        let weight = count as Score * idf * (1.0 + K1);
        tf.iter_mut().for_each(|x| *x = 0);
        alone.iter_mut().for_each(|x| *x = 0.0);
        for segment in passages.chunk_by(|a, b| a.0 == b.0) {
            let seg = segment[0].0;
            let reader = searcher.segment_reader(seg);
            let index = reader.inverted_index(part.field)?;
            let Some(mut postings) = index.read_postings(term, IndexRecordOption::WithFreqs)? else {
                continue;
            };
            let norms = reader.get_fieldnorms_reader(part.field)?;
            for &(_, doc, i) in segment {
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() != doc {
                    continue;
                }
                tf[i] += postings.term_freq();
                if docs.best[i].1 == DocAddress::new(seg, doc) {
                    alone[i] =
                        normalised(postings.term_freq(), norms.fieldnorm(doc) as Score, passage_average);
                }
            }
        }
        for (i, e) in extra.iter_mut().enumerate() {
            let whole = normalised(tf[i], length[i], document_average);
            *e += part.weight * weight * (saturated(whole) - saturated(alone[i]));
        }
    }
    Ok(())
}

/// A term frequency over BM25's length norm, in units of `K1`: BM25 is
/// `idf (K1 + 1) x / (1 + x)` with this `x`.
fn normalised(tf: u32, length: Score, average: Score) -> Score {
    tf as Score / (K1 * (1.0 - B + B * length / average))
}

/// A term's BM25 score in a passage, as tantivy computes it.
pub(crate) fn bm25(idf: Score, tf: u32, length: Score, average: Score) -> Score {
    idf * (1.0 + K1) * saturated(normalised(tf, length, average))
}

fn saturated(x: Score) -> Score {
    x / (1.0 + x)
}

/// BM25's idf, as tantivy computes it.
pub(crate) fn idf(doc_freq: u64, docs: u64) -> Score {
    let docs = docs.max(doc_freq);
    let x = ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

#[cfg(all(test, feature = "tools"))]
mod tests {
    use super::*;
    use crate::options::{IndexOptions, SearchOptions};
    use crate::query::plan::Plan;
    use crate::query::Mode;
    use crate::Engine;
    use tantivy::query::TermQuery;

    /// Indexes JSON-lines documents `(id, text)` in a temporary folder.
    fn engine(docs: &[(&str, &str)]) -> (tempfile::TempDir, crate::eval::collection::Place, Engine) {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus.jsonl");
        let lines: Vec<String> =
            docs.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string()).collect();
        std::fs::write(&corpus, lines.join("\n")).unwrap();
        let (place, engine) = crate::eval::collection::indexed(&corpus, None).unwrap();
        (tmp, place, engine)
    }

    fn plain() -> SearchOptions {
        SearchOptions { mode: Mode::Plain, ..SearchOptions::default() }
    }

    /// Passage id → score, by the plan (with context) and by the one part alone.
    fn scores(engine: &Engine, text: &str) -> (Vec<(String, Score)>, HashMap<String, Score>) {
        let ctx = engine.context();
        let plan = Plan::new(&ctx, text, &plain()).unwrap();
        assert_eq!(plan.parts.len(), 1, "one language");
        let id = |a: DocAddress| {
            let doc: tantivy::TantivyDocument = ctx.searcher.doc(a).unwrap();
            ctx.store.fields().to_record(&doc).id
        };
        let ranked = plan.run(&ctx.searcher, 10).unwrap().into_iter().map(|(s, a)| (id(a), s)).collect();
        let own =
            ctx.top(plan.parts[0].query.as_ref(), 10).unwrap().into_iter().map(|(s, a)| (id(a), s)).collect();
        (ranked, own)
    }

    const SUBMARINES: &str = "The navy expanded its submarine fleet this year, and every new submarine \
        carries modern torpedoes and a larger crew than the boats it replaces.\n\n\
        Crews spent many weeks at sea testing a sonar array that listens for distant engines across \
        the cold and noisy northern waters.";
    const FISHING: &str = "Fishing cooperatives along the coast reported a good season, with larger \
        catches of cod and herring than the year before.\n\n\
        Their boats carry a sonar array that finds shoals quickly, saving fuel on long trips.";

    #[test]
    fn a_passage_rises_with_its_document() {
        let (_tmp, _place, engine) = engine(&[("subs", SUBMARINES), ("fish", FISHING)]);
        assert_eq!(engine.store().documents(&engine.store().searcher()), 2);
        let (ranked, own) = scores(&engine, "submarine sonar");
        // Alone, the fishing paragraph matches "sonar" better (it is shorter)...
        assert!(own["fish#2"] > own["subs#2"], "{own:?}");
        // ...but the submarine document's paragraph is about the whole query.
        let ids: Vec<&str> = ranked.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["subs#1", "subs#2", "fish#2"], "{ranked:?}");
    }

    #[test]
    fn single_passage_documents_keep_their_scores() {
        // Each passage holds one of the query's words, so that proximity adds nothing,
        // and is a paragraph, not a sentence (see `presence`).
        const MORE: &str = "Reporters who followed the column for several days described long \
            waits at checkpoints, crowded roads, shortages of fuel and food in the villages \
            along the way, and officers who would not say where they were going or when they \
            expected to arrive at the new positions assigned to them.";
        let docs = [
            ("a", format!("Troops crossed at dawn under heavy fire. {MORE}")),
            ("b", format!("The river crossing was delayed by fog and broken bridges. {MORE}")),
            ("c", format!("Artillery units moved north while the others rested. {MORE}")),
        ];
        let docs: Vec<(&str, &str)> = docs.iter().map(|(id, t)| (*id, t.as_str())).collect();
        let (_tmp, _place, engine) = engine(&docs);
        let (ranked, own) = scores(&engine, "troops river artillery");
        assert_eq!(ranked.len(), 3);
        for (id, score) in &ranked {
            assert_eq!(*score, own[id], "{id}");
        }
    }

    #[test]
    fn a_documents_passages_are_one_run_of_its_key() {
        // Several documents a commit, several commits: several segments, keys out of order.
        let words = ["radar", "convoy", "harbour", "frigate", "airlift", "patrol", "depot", "signal"];
        let doc = |i: usize| {
            let (a, b) = (words[i % 8], words[(i / 8) % 8]);
            let text = format!("The {a} report {i} covers the {b}.\n\nA {b} note {i} follows.\n\nClosing remark {i} on the {a} and the {b}.");
            serde_json::json!({"id": format!("doc{}", (i * 62) % 97), "text": text}).to_string()
        };
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        let mut files = Vec::new();
        for batch in 0..3 {
            files.push(tmp.path().join(format!("part{batch}.jsonl")));
            let lines: Vec<String> = (batch * 20..batch * 20 + 20).map(doc).collect();
            std::fs::write(&files[batch], lines.join("\n")).unwrap();
            let opts = crate::options::IndexOptions { commit_every: 7, ..IndexOptions::new(files.clone()) };
            crate::ingest::run(&index, &opts, &mut |_| {}).unwrap();
        }
        // A changed file: its documents' old passages are deleted, the new ones added.
        let lines: Vec<String> = (0..20).map(|i| doc(i).replace("report", "bulletin")).collect();
        std::fs::write(&files[0], lines.join("\n")).unwrap();
        crate::ingest::run(&index, &IndexOptions::new(files.clone()), &mut |_| {}).unwrap();
        let engine = Engine::open(&index).unwrap();
        let searcher = engine.store().searcher();
        let document_runs = Runs::new(engine.store().document_runs(&searcher));
        let mut runs: HashMap<String, Vec<DocAddress>> = HashMap::new();
        for (seg, reader) in searcher.segment_readers().iter().enumerate() {
            for doc in reader.doc_ids_alive() {
                let stored: tantivy::TantivyDocument =
                    searcher.doc(DocAddress::new(seg as u32, doc)).unwrap();
                let key = engine.store().fields().to_record(&stored).doc;
                runs.entry(key).or_default().push(DocAddress::new(seg as u32, doc));
            }
        }
        assert_eq!(runs.len(), 60);
        assert_eq!(engine.store().documents(&searcher), 60);
        for (key, addrs) in &runs {
            assert_eq!(addrs.len(), 3, "{key}");
            let max_doc = searcher.segment_reader(addrs[0].segment_ord).max_doc();
            let run: Vec<DocAddress> = document_runs
                .around(addrs[1], max_doc)
                .unwrap()
                .map(|d| DocAddress::new(addrs[0].segment_ord, d))
                .collect();
            assert_eq!(&run, addrs, "{key}");
        }
    }

    #[test]
    fn excluded_and_other_field_words_give_no_context() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build()).unwrap();
        let text = fields.text_for("en");
        let term = |f, w| Box::new(TermQuery::new(Term::from_field_text(f, w), IndexRecordOption::Basic));
        let query = BooleanQuery::new(vec![
            (Occur::Should, term(text, "sonar") as Box<dyn Query>),
            (Occur::Should, term(text, "sonar")),
            (Occur::MustNot, term(text, "fish")),
            (Occur::Must, term(fields.lang, "en")),
        ]);
        assert_eq!(context_terms(&query, text), [(Term::from_field_text(text, "sonar"), 2)]);
    }

    #[test]
    fn documents_of_a_language_follow_its_share_of_passages() {
        assert_eq!(documents_in(10, 30, 30), 10);
        assert_eq!(documents_in(10, 15, 30), 5);
        assert_eq!(documents_in(30, 30, 30), 30, "one passage a document");
        assert_eq!(documents_in(7, 0, 0), 7);
    }
}
