//! A language part's query: its text query OR its (boosted) heading query, scored as
//! their sum, exactly as `BooleanQuery::union` of the two, but with tantivy's pruning
//! kept wherever the heading cannot match.
//!
//! tantivy prunes (block-max WAND, block-max intersection) only over the direct clauses
//! of one boolean query. Under the union, `+a +b` or `a OR b` in the text is a nested
//! boolean and every passage that matches it gets scored. In a segment where the
//! heading query matches nothing — most segments for most words, since headings hold
//! few words — the union's score is the text query's score, so the text query runs on
//! its own there, with its own pruning.

use std::fmt;
use std::sync::Arc;

use tantivy::query::{
    BooleanQuery, BooleanWeight, BoostWeight, EnableScoring, Explanation, Occur, Query, Scorer, SumCombiner,
    TermQuery, Weight,
};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// Text OR heading, the heading's score weighted, scored as their sum.
pub(crate) struct Headed {
    text: Box<dyn Query>,
    heads: Box<dyn Query>,
    weight: Score,
}

impl Headed {
    /// The union of a text query and a heading query whose scores count `weight` times,
    /// as `BooleanQuery::union(vec![text, Box::new(BoostQuery::new(heads, weight))])`.
    pub(crate) fn new(text: Box<dyn Query>, heads: Box<dyn Query>, weight: Score) -> Headed {
        Headed { text, heads, weight }
    }

    /// The text query.
    pub(crate) fn text(&self) -> &dyn Query {
        self.text.as_ref()
    }

    /// The heading's weight as `BoostQuery` makes it.
    fn boosted(&self, weight: Box<dyn Weight>, scoring: EnableScoring<'_>) -> Box<dyn Weight> {
        match scoring.is_scoring_enabled() {
            true => Box::new(BoostWeight::new(weight, self.weight)),
            false => weight,
        }
    }
}

impl Clone for Headed {
    fn clone(&self) -> Self {
        Headed { text: self.text.box_clone(), heads: self.heads.box_clone(), weight: self.weight }
    }
}

impl fmt::Debug for Headed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Headed(text={:?}, heads={:?}, weight={})", self.text, self.heads, self.weight)
    }
}

impl Query for Headed {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        if let (Some(text), Some(heads)) = (term_union(self.text.as_ref()), term_union(self.heads.as_ref())) {
            return self.flat_weight(&text, &heads, scoring);
        }
        let text: Arc<dyn Weight> = Arc::from(self.text.weight(scoring)?);
        let heads: Arc<dyn Weight> = Arc::from(self.boosted(self.heads.weight(scoring)?, scoring));
        let union = union(vec![text.clone(), heads.clone()], scoring);
        Ok(Box::new(HeadedWeight { text, heads, union }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.text.query_terms(visitor);
        self.heads.query_terms(visitor);
    }
}

impl Headed {
    /// Both sides are unions of words (`a`, `a OR b`): one union of all their terms,
    /// which tantivy runs with block-max WAND. The sum is the same; only its order of
    /// addition may differ.
    fn flat_weight(
        &self,
        text: &[&TermQuery],
        heads: &[&TermQuery],
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn Weight>> {
        let leaf = |q: &TermQuery| -> tantivy::Result<Arc<dyn Weight>> { Ok(Arc::from(q.weight(scoring)?)) };
        let text: Vec<Arc<dyn Weight>> = text.iter().map(|q| leaf(q)).collect::<tantivy::Result<_>>()?;
        let heads: Vec<Arc<dyn Weight>> = heads
            .iter()
            .map(|q| Ok(Arc::from(self.boosted(q.weight(scoring)?, scoring))))
            .collect::<tantivy::Result<_>>()?;
        let all = union(text.iter().chain(&heads).cloned().collect(), scoring);
        let side = |leaves: Vec<Arc<dyn Weight>>| -> Arc<dyn Weight> {
            match <[_; 1]>::try_from(leaves) {
                Ok([one]) => one,
                Err(many) => Arc::new(union(many, scoring)),
            }
        };
        Ok(Box::new(HeadedWeight { text: side(text), heads: side(heads), union: all }))
    }
}

/// The terms of a query that is one term or a union of terms.
fn term_union(query: &dyn Query) -> Option<Vec<&TermQuery>> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return Some(vec![term]);
    }
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    if boolean.get_minimum_number_should_match() > 1 {
        return None;
    }
    let terms: Option<Vec<&TermQuery>> = boolean
        .clauses()
        .iter()
        .map(|(occur, q)| (*occur == Occur::Should).then(|| q.downcast_ref::<TermQuery>()).flatten())
        .collect();
    terms.filter(|t| !t.is_empty())
}

/// What `BooleanQuery::union` weighs: any of the clauses, scores summed.
fn union(clauses: Vec<Arc<dyn Weight>>, scoring: EnableScoring<'_>) -> BooleanWeight<SumCombiner> {
    let clauses: Vec<(Occur, Box<dyn Weight>)> =
        clauses.into_iter().map(|w| (Occur::Should, Box::new(Shared(w)) as Box<dyn Weight>)).collect();
    BooleanWeight::with_minimum_number_should_match(
        clauses,
        1,
        scoring.is_scoring_enabled(),
        Box::new(SumCombiner::default),
    )
}

struct HeadedWeight {
    text: Arc<dyn Weight>,
    heads: Arc<dyn Weight>,
    union: BooleanWeight<SumCombiner>,
}

impl HeadedWeight {
    /// Whether the heading query matches nothing in this segment.
    fn no_heads(&self, reader: &SegmentReader) -> tantivy::Result<bool> {
        Ok(self.heads.scorer(reader, 1.0)?.doc() == TERMINATED)
    }
}

impl Weight for HeadedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.union.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.union.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.union.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        match self.no_heads(reader)? {
            true => self.text.for_each_no_score(reader, callback),
            false => self.union.for_each_no_score(reader, callback),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        match self.no_heads(reader)? {
            true => self.text.for_each_pruning(threshold, reader, callback),
            false => self.union.for_each_pruning(threshold, reader, callback),
        }
    }
}

/// A weight shared between the union and the direct path.
struct Shared(Arc<dyn Weight>);

impl Weight for Shared {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        self.0.scorer_danger(reader, target, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.0.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.0.for_each_pruning(threshold, reader, callback)
    }
}
