//! An acronym that is also a common word, found only where it is written in capitals.
//!
//! The text fields are lowercased, so `UN` is French and Spanish `un`, `WHO` English
//! `who` and `AU` French `au`. The capitals field ([`crate::analysis::CAPITALS`]) holds
//! each passage's acronyms; a query word in capitals that is a common word somewhere
//! keeps its text query and adds that field's term as a required filter.

use std::fmt;

use tantivy::query::{BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::analysis::{self, is_acronym};

/// `inner` on the passages whose capitals field holds `acronym` (or one of several
/// marks). Only `inner`'s terms are the query's terms (highlighting, proximity and
/// document context read them), and the filter adds nothing to the score: a passage
/// scores as `inner` scores it.
pub(crate) struct Capitals {
    inner: Box<dyn Query>,
    any: Vec<Term>,
}

impl Capitals {
    pub(crate) fn new(inner: Box<dyn Query>, acronym: Term) -> Capitals {
        Capitals { inner, any: vec![acronym] }
    }

    /// `inner` on the passages whose capitals field holds any of `terms`, which is not
    /// empty: a designation's marks in its spellings (see
    /// [`crate::analysis::designation_mark`]).
    pub(crate) fn any_of(inner: Box<dyn Query>, terms: Vec<Term>) -> Capitals {
        Capitals { inner, any: terms }
    }

    fn filtered(&self) -> BooleanQuery {
        let terms = self
            .any
            .iter()
            .map(|t| -> Box<dyn Query> { Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic)) });
        let any: Box<dyn Query> = match self.any.len() {
            1 => terms.into_iter().next().expect("one term"),
            _ => Box::new(BooleanQuery::union(terms.collect())),
        };
        let filter = ConstScoreQuery::new(any, 0.0);
        BooleanQuery::new(vec![(Occur::Must, self.inner.box_clone()), (Occur::Must, Box::new(filter))])
    }
}

impl Clone for Capitals {
    fn clone(&self) -> Self {
        Capitals { inner: self.inner.box_clone(), any: self.any.clone() }
    }
}

impl fmt::Debug for Capitals {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Capitals({:?} where any of {:?})", self.inner, self.any)
    }
}

impl Query for Capitals {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.filtered().weight(scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// The capitals field's term of a one-word acronym; `None` for any other text.
pub(crate) fn capitals_term(text: &str) -> Option<String> {
    match analysis::tokens(&mut analysis::capitals_analyzer(), text).as_slice() {
        [one] if is_acronym(text) => Some(one.clone()),
        _ => None,
    }
}

/// The capitals field's term a word is held to in the language of analysis key `key`:
/// an acronym that is a common word there, in capitals ([`common_acronym`]), or a name
/// that is one, capitalised: `Turkey` and `China` typed or searched as another name
/// are the country in English, not the bird or the porcelain.
pub(crate) fn held_case(text: &str, key: &str) -> Option<String> {
    common_name(text, key).or_else(|| common_acronym(text, key))
}

/// The capitals field's term of a capitalised one-word name that is a common word in
/// the language of `key` (`Turkey` in English; not in German, where `Türkei` is no
/// word).
fn common_name(text: &str, key: &str) -> Option<String> {
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || !crate::aliases::is_common_word_in(text, key) || crate::aliases::is_group_name(text) {
        return None;
    }
    match analysis::tokens(&mut analysis::capitals_analyzer(), text).as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Letters an acronym naming a built-in entity has at most to be held to capitals in
/// every language: two or three letters spell some name or word in any of them (`Un` in
/// `Kim Jong Un`, `Eu`). An acronym the table does not know (`HIV`, `DNA`) may be
/// written inside a designation (`HIV-1`), which the capitals field marks as one.
const SHORT_ACRONYM: usize = 3;

/// The capitals field's term of an acronym that is a common word in the language of
/// analysis key `key` (`UN` in French, `WHO` and `IT` in English), or a name of the
/// table of [`SHORT_ACRONYM`] letters at most, which is searched there only where written in
/// capitals; `NATO` is no word of English, so an English `Nato` is NATO. The acronym is
/// the text's first run of letters and digits (`UN's`).
pub(crate) fn common_acronym(text: &str, key: &str) -> Option<String> {
    let head = text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?;
    // Every query word comes here: the cheap test first.
    if !is_acronym(head) {
        return None;
    }
    let short_name = head.chars().filter(|c| c.is_alphabetic()).count() <= SHORT_ACRONYM
        && crate::aliases::Aliases::builtin().lookup(head).is_some();
    let common =
        short_name || crate::aliases::is_common_word_in(head, key) || analysis::is_stop_word_in(head, key);
    common.then(|| capitals_term(head)).flatten()
}
