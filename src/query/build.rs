//! From the parsed query to a tantivy query on one language field, analysed as that
//! language analyses text, and to the matcher that highlights the same words.
//!
//! Stop words are dropped from single words only: a phrase keeps every word (`"the
//! WHO warned"` needs its `the`), and a query made only of stop words searches them.
//!
//! A word or run of words naming an entity also searches the entity's other names, and
//! a hyphenated or letter-and-digit word its other spellings (see [`super::expand`]):
//! each as the best of the typed words and the weaker alternatives, so a passage with
//! both is not counted twice.

use tantivy::postings::Postings;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery,
    Occur as TOccur, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::DocSet;
use tantivy::{Score, Term};

use super::capitals::{capitals_term, held_case, Capitals};
use super::context::idf;
use super::decompound;
use super::designation;
use super::excluded::Excluded;
use super::expand::{self, Expansion, Named, ALIAS_WEIGHT, VARIANT};
use super::highlight::Matcher;
use super::parse::{Clause, Node, Occur};
use super::stats::LanguageStats;
use crate::aliases::{bare_name, Aliases};
use crate::analysis::{self, is_acronym, Side};
use crate::schema::Fields;

/// The longest phrase, in words, whose names are replaced by their other names: each
/// name of a longer one would multiply the phrases to build.
const MAX_NAMED_PHRASE_WORDS: usize = 8;
/// The most phrases built for the other names of a phrase's names.
const MAX_PHRASE_ALTERNATIVES: usize = 40;
/// The most words of a query that searches near spellings.
const NEAR_MAX_WORDS: usize = 3;
/// The shortest stem of a capitalised word whose near spellings are searched, in
/// letters: a shorter one is one letter from too many other words.
const MIN_NEAR_NAME: usize = 5;
/// Compounds searched per word and kind (begun, ended), the most frequent first.
const MAX_COMPOUNDS: usize = 8;
/// The shortest start (shared by a word and its stem) whose compounds are searched, in
/// letters: shorter ones begin too many unrelated words (`land` in `Landung`).
const MIN_COMPOUND_STEM: usize = 5;
/// The fewest letters a compound has after the start: fewer is an inflection the
/// stemmer left (`kriege`), not a compound.
const MIN_COMPOUND_TAIL: usize = 3;
/// The most dictionary terms read per segment while looking for compounds.
const MAX_COMPOUND_SCAN: usize = 20_000;
/// The idf below which another name of one word is not searched: held by more than
/// nine passages in ten (`UN` in the title of every UN General Debate statement), it
/// would make every passage a match, at the cost of scoring them all, and rank none.
const MIN_ALIAS_IDF: Score = 0.105;

/// Builds the queries of one language field.
pub(crate) struct Builder<'a> {
    fields: &'a Fields,
    field: Field,
    key: &'static str,
    query_side: TextAnalyzer,
    index_side: TextAnalyzer,
    fold: TextAnalyzer,
    /// Search stop words too (the query has nothing else).
    pub(crate) keep_stops: bool,
    /// The query language's analyser when this field is in another language: a word it
    /// drops as a stop word is not searched here either, kept stop words or not. An
    /// English `the` or `who` is no word of a German passage, where a quoted English
    /// title ("Doctor Who and the Daleks") would give it a German idf, which is high.
    pub(crate) foreign_stops: Option<TextAnalyzer>,
    /// The query's capitalised words that are common words of a language the index
    /// holds (see [`common_words`]): they search no names spelled alike.
    pub(crate) common_words: Vec<String>,
    /// What to highlight, gathered while building.
    pub(crate) matcher: Matcher,
    /// Entity names to expand; `None` searches words only as typed.
    aliases: Option<&'a Aliases>,
    /// What was expanded, gathered while building.
    pub(crate) expansions: Vec<Expansion>,
    /// The field's statistics, which weigh an alternative against the typed words
    /// (see [`Builder::alternatives`]); `None` gives every alternative [`ALIAS_WEIGHT`].
    pub(crate) stats: Option<LanguageStats<'a>>,
    /// A word typed in capitals is an acronym (see [`capitals_are_acronyms`]).
    pub(crate) acronyms: bool,
    /// Search the near spellings of names no passage holds (see
    /// [`searches_near_spellings`]).
    pub(crate) near: bool,
}

impl<'a> Builder<'a> {
    /// A builder for the text field of analysis key `key`, expanding entity names
    /// through `aliases` (`None`: words only as typed).
    pub(crate) fn new(
        fields: &'a Fields,
        key: &'static str,
        field: Field,
        aliases: Option<&'a Aliases>,
    ) -> Self {
        Builder {
            fields,
            field,
            key,
            query_side: analysis::analyzer_for_key(key, Side::Query),
            index_side: analysis::analyzer_for_key(key, Side::Index),
            fold: analysis::fold_analyzer(),
            keep_stops: false,
            foreign_stops: None,
            common_words: Vec::new(),
            matcher: Matcher::default(),
            aliases,
            expansions: Vec::new(),
            stats: None,
            acronyms: true,
            near: false,
        }
    }

    /// The query of a clause list: `None` when nothing in it can match positively.
    /// Optional metadata filters (`lang:fr`, `source:wire`) are one required group, which
    /// adds nothing to the score: `lang:fr NATO` is NATO in French passages.
    /// Searches words as typed: no other names, spellings or near spellings.
    pub(crate) fn as_typed(&mut self) {
        self.aliases = None;
        self.stats = None;
        self.near = false;
    }

    pub(crate) fn clauses(&mut self, clauses: &[Clause]) -> Option<Box<dyn Query>> {
        let split = self.aliases.and_then(|a| names_apart(clauses, a));
        let clauses = split.as_deref().unwrap_or(clauses);
        let named = self.aliases.map(|a| expand::named(clauses, a)).unwrap_or_default();
        let excludes = clauses.iter().any(|c| c.occur == Occur::MustNot);
        let searched =
            self.aliases.filter(|_| excludes).map(|a| searched_entities(clauses, a)).unwrap_or_default();
        let mut built: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let mut at = 0;
        while at < clauses.len() {
            let clause = &clauses[at];
            let spelling_excluded = clause.occur == Occur::MustNot
                && self.aliases.is_some_and(|a| names_one_of(clause, a, &searched));
            let query = match named.iter().find(|n| n.start == at) {
                // `+Kyiv -Kiev`: one spelling of what is searched is excluded, not all.
                _ if spelling_excluded => {
                    at += 1;
                    self.clause_as_typed(clause)
                }
                Some(n) => {
                    at += n.len;
                    self.named(&clauses[n.start..at], n)
                }
                None if is_filter(clause) => {
                    at += 1;
                    filters.extend(self.clause(clause));
                    continue;
                }
                None => {
                    at += 1;
                    self.clause(clause)
                }
            };
            if let Some(q) = query {
                let q: Box<dyn Query> = match clause.occur {
                    Occur::MustNot => Box::new(Excluded(q)),
                    _ => q,
                };
                built.push((occur(clause.occur), q));
            }
        }
        with_filters(built, filters, clauses.iter().any(|c| c.occur != Occur::MustNot && !is_filter(c)))
    }

    /// One clause, with no other names, spellings or near spellings.
    fn clause_as_typed(&mut self, clause: &Clause) -> Option<Box<dyn Query>> {
        let saved = (self.aliases, self.stats.take(), self.near);
        self.as_typed();
        let query = self.clause(clause);
        (self.aliases, self.stats, self.near) = saved;
        query
    }

    /// One clause, as typed; an excluded word is not highlighted.
    fn clause(&mut self, clause: &Clause) -> Option<Box<dyn Query>> {
        let positive = clause.occur != Occur::MustNot;
        let saved = (!positive).then(|| std::mem::take(&mut self.matcher));
        let query = self.node(&clause.node);
        if let Some(saved) = saved {
            self.matcher = saved;
        }
        query
    }

    /// A run of words naming an entity: the words as typed, or else one of the entity's
    /// other names, each analysed as this field's language analyses text.
    fn named(&mut self, run: &[Clause], named: &Named) -> Option<Box<dyn Query>> {
        let words: Vec<&str> = run
            .iter()
            .filter_map(|c| match &c.node {
                Node::Word { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let word = words.join(" ");
        let typed_tokens = analysis::tokens(&mut self.index_side, &word);
        // A name of several words is the name: `United States` is not `states` and
        // `units` apart in a passage.
        let typed = match run {
            [one] => self.clause(one),
            _ => self.tokens_phrase(typed_tokens.clone(), 0).map(|q| self.acronyms_in(q, &words)),
        };
        let aliases = self.aliases?;
        let names = expand::other_names(aliases, named.entity, &word);
        let (declined, short) = self.declensions(&word, &names);
        let here = self.searched_here(named.entity, &names);
        let searched: Vec<&str> = here.into_iter().chain(declined.iter().map(String::as_str)).collect();
        let mut alternatives = self.alternatives(&searched, &typed_tokens, Some(&named.entity.id));
        let typed_idf = self.idf_sum(&typed_tokens);
        alternatives.extend(self.capitalised_stems(short, &named.entity.id, typed_idf));
        self.note(&word, &named.entity.id, &names);
        best_of(typed, alternatives).map(|q| self.outside_longer_names(q, &named.entity.id))
    }

    /// Whether `name`, one of `entity`'s names, is searched in this field: not in
    /// English when it is an English word and not the entity's English name (its first):
    /// Iceland's German `Island`, Grenada's French `Grenade`, Chile's `Chili`. Capitalised
    /// in English, such a word is a place's (`Snake Island`) or a sentence's first
    /// (`Grenade attacks …`), not the entity's.
    /// Nor is a name this field analyses as it analyses such a word: French `Islande`
    /// is English `island`. CLDR lists an entity's English names first, its standard one
    /// then a variant: after a first name that is not plain ASCII (`Türkiye`), the second
    /// is English too (`Turkey`).
    fn searched_here<'n>(&mut self, entity: &crate::aliases::Entity, names: &[&'n str]) -> Vec<&'n str> {
        let key = crate::aliases::fold_key;
        let first = entity.names.first().map(|n| n.as_ref()).unwrap_or_default();
        let variant = entity.names.get(1).filter(|_| !first.is_ascii()).map(|n| key(n));
        let english = |n: &str| key(n) == key(first) || variant.as_deref() == Some(key(n).as_str());
        // An acronym is told from the word by the capitals field (`US`, not `us`).
        let is_word = |n: &&&str| !is_acronym(n) && crate::aliases::is_common_word_in(n, "en") && !english(n);
        if self.key != "en" || !names.iter().any(|n| is_word(&n)) {
            return names.to_vec();
        }
        let words: Vec<Vec<String>> =
            names.iter().filter(is_word).map(|n| analysis::tokens(&mut self.index_side, n)).collect();
        let mut kept = Vec::with_capacity(names.len());
        for name in names {
            if !words.contains(&analysis::tokens(&mut self.index_side, name)) {
                kept.push(*name);
            }
        }
        kept
    }

    /// `query`, without the passages where the country `entity` is named only inside a
    /// longer country's name: `Sudan` is not found in a passage on `South Sudan` alone,
    /// `Guinea` not in one on `Guinea-Bissau` (see [`analysis::longer_marks`]). A
    /// passage in one case, which marks no name, keeps its match.
    fn outside_longer_names(&self, query: Box<dyn Query>, entity: &str) -> Box<dyn Query> {
        let mark = analysis::entity_mark(entity);
        let longer = analysis::longer_marks(&mark);
        if longer.is_empty() {
            return query;
        }
        let caps = self.fields.caps;
        let term = |m: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(caps, m), IndexRecordOption::Basic))
        };
        let any_longer = BooleanQuery::union(longer.iter().map(|m| term(m)).collect());
        let only_longer =
            BooleanQuery::new(vec![(TOccur::Must, Box::new(any_longer)), (TOccur::MustNot, term(&mark))]);
        Box::new(BooleanQuery::new(vec![
            (TOccur::Must, query),
            (TOccur::MustNot, Box::new(Excluded(Box::new(only_longer)))),
        ]))
    }

    /// The inflected forms of the typed name and of its other names that this field's
    /// stemmer does not bring back to them: in a Russian or Ukrainian field, or that of
    /// the languages without a stemmer (where short Russian passages read as Bulgarian
    /// land), their declined forms (see [`crate::aliases::declensions`]); in a Polish one,
    /// those its stemmer keeps apart (see [`crate::aliases::polish_declensions`]); in a German,
    /// Dutch or Scandinavian one, their genitive in `-s`, which Snowball strips only
    /// after some letters (`Kiews`, `Selenskyjs`; `Russlands` it does).
    ///
    /// A form whose stem is shorter than the name's, or than four letters, is returned
    /// apart, as its stem: Snowball cuts `Китая` to `кит`, a whale's stem, and `Дубая`
    /// to `дуб`, an oak's (see [`Builder::capitalised_stems`]).
    fn declensions(&mut self, typed: &str, names: &[&str]) -> (Vec<String>, Vec<String>) {
        let all: Vec<&str> = std::iter::once(bare_name(typed)).chain(names.iter().copied()).collect();
        let (mut out, mut short) = (Vec::new(), Vec::new());
        for name in all {
            let forms = self.inflections(name);
            if forms.is_empty() {
                continue;
            }
            // Polish stems no name down to a common word's (`Китая` is a whale's `кит`):
            // any form of five letters or more will do (`Bachmucie` is `bachmu`).
            let base = match analysis::tokens(&mut self.index_side, name).as_slice() {
                [_] if self.key == "pl" => analysis::MIN_NAME_STEM,
                [one] => one.chars().count().max(MIN_DECLINED_STEM),
                _ => continue,
            };
            for form in forms {
                match analysis::tokens(&mut self.index_side, &form).as_slice() {
                    [one] if one.chars().count() >= base => out.push(form),
                    [one] if !short.contains(one) => short.push(one.clone()),
                    _ => {}
                }
            }
        }
        (out, short)
    }

    /// Stems of a name's declined forms shorter than the name's own, each found only
    /// where a capitalised word names the entity (`Позиция Китая`, not a whale's
    /// `кита`): the capitals field marks such words by their entity
    /// ([`crate::aliases::name_entity`]).
    fn capitalised_stems(
        &mut self,
        stems: Vec<String>,
        entity: &str,
        typed_idf: Option<Score>,
    ) -> Vec<(Box<dyn Query>, Score)> {
        let mark = analysis::entity_mark(entity);
        let mut out = Vec::new();
        for stem in stems {
            let Some(weight) = self.weight_against(typed_idf, std::slice::from_ref(&stem)) else { continue };
            let query = self.in_capitals(term_query(self.field, &stem), Some(mark.clone()), false);
            self.matcher.terms.push(stem);
            out.push((query, weight));
        }
        out
    }

    /// The forms of a one-word name this field's stemmer may not bring back to it.
    fn inflections(&self, name: &str) -> Vec<String> {
        if DECLINED_FIELDS.contains(&self.key) {
            return crate::aliases::declensions(name);
        }
        if self.key == "pl" {
            return crate::aliases::polish_declensions(name);
        }
        let genitive =
            GENITIVE_S.contains(&self.key) && !name.ends_with(['s', 'x', 'z', 'ß']) && !is_acronym(name);
        genitive.then(|| format!("{name}s")).into_iter().collect()
    }

    /// The queries of other names or spellings, each analysed by this field's analyser,
    /// with its weight against the typed words. Left out: those that analyse as `typed`
    /// or as another one did, single stop words ("US" is "us"), names that hold every
    /// typed word ("United Nations Organization" for "United Nations": they find nothing
    /// the typed words do not, at the cost of a phrase) and names with a word the field
    /// lacks. A name rarer than the typed words is weighed down by the ratio of their
    /// idfs (summed over words, as BM25 sums them), as if it were as common as they
    /// are: a rare abbreviation ("VN" for the United Nations) must not outrank them.
    ///
    /// A one-word name of `entity` is found only where a capitalised word names the
    /// entity (see [`capitalised_name`]).
    fn alternatives(
        &mut self,
        names: &[&str],
        typed: &[String],
        entity: Option<&str>,
    ) -> Vec<(Box<dyn Query>, Score)> {
        let mut seen: Vec<Vec<String>> = Vec::new();
        let typed_idf = self.idf_sum(typed);
        let mut out = Vec::new();
        for name in names {
            let tokens = analysis::tokens(&mut self.index_side, name);
            // An acronym stemmed as the typed word is (Polish `USA` and `US`, both `us`)
            // is searched in capitals: the typed word may be held to its own.
            let as_typed = tokens == typed || holds_all(&tokens, typed);
            if tokens.is_empty() || seen.contains(&tokens) || as_typed && !is_acronym(name) {
                continue;
            }
            // In capitals where the acronym is a word of this field's language (`UN` in
            // French), or where its file marks it so, or where it is stemmed as the typed
            // word, or stemmed at all: Dutch `NAVO` is Italian `nav`, the stem of `nave`
            // (a ship). `NATO` is English `Nato` too.
            let marked = is_acronym(name)
                && (as_typed
                    || stemmed_away(name, &tokens)
                    || self.aliases.is_some_and(|a| a.is_upper_only(name) && !a.is_common_word(name)));
            let acronym = held_case(name, self.key).or_else(|| capitals_term(name).filter(|_| marked));
            let held_acronym = acronym.is_some();
            let held = match acronym {
                Some(acronym) => as_written(name, Some(acronym), entity),
                None => entity.map(|id| capitalised_name(name, &tokens, id)).unwrap_or_default(),
            };
            if held.is_empty() && tokens.len() == 1 && analysis::tokens(&mut self.query_side, name).is_empty()
            {
                continue;
            }
            seen.push(tokens.clone());
            let Some(weight) = self.weight_against(typed_idf, &tokens) else { continue };
            let Some(query) = self.tokens_phrase(tokens, 0) else { continue };
            out.push((self.in_capitals(query, held, held_acronym), weight));
        }
        out
    }

    /// `query`, found only where the capitals field holds one of `held` (an acronym in
    /// capitals, a capitalised name's entity mark); `query` itself without any. An
    /// `acronym` is highlighted where written in capitals (or as a name of four letters
    /// or more, `Nato`), a name where capitalised: `UN` is not the `Un` of Kim Jong Un.
    fn in_capitals(
        &mut self,
        query: Box<dyn Query>,
        held: impl IntoIterator<Item = String>,
        acronym: bool,
    ) -> Box<dyn Query> {
        let held: Vec<String> = held.into_iter().collect();
        if held.is_empty() {
            return query;
        }
        let highlighted = match acronym || !held.iter().any(|h| h.starts_with(analysis::CAPITALISED)) {
            true => &mut self.matcher.capitals,
            false => &mut self.matcher.capitalised,
        };
        query.query_terms(&mut |term, _| highlighted.extend(term.value().as_str().map(String::from)));
        let terms = held.iter().map(|h| Term::from_field_text(self.fields.caps, h)).collect();
        Box::new(Capitals::any_of(query, terms))
    }

    /// The summed idf of `tokens` in the field: `Some(0.0)` when one of them is not in
    /// it, `None` without statistics.
    fn idf_sum(&self, tokens: &[String]) -> Option<Score> {
        let stats = self.stats.as_ref()?;
        let docs = stats.total_num_docs().ok()?;
        let mut sum = 0.0;
        for token in tokens {
            let df = stats.doc_freq(&Term::from_field_text(self.field, token)).ok()?;
            if df == 0 {
                return Some(0.0);
            }
            sum += idf(df, docs);
        }
        Some(sum)
    }

    /// Records an expansion (see [`Expansion::merge_into`]).
    fn note(&mut self, word: &str, entity: &str, names: &[&str]) {
        if names.is_empty() {
            return;
        }
        let names = names.iter().map(|n| n.to_string()).collect();
        Expansion { word: word.to_string(), entity: entity.to_string(), names }
            .merge_into(&mut self.expansions);
    }

    fn node(&mut self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::Word { text, field: None } => self.word(text),
            Node::Word { text, field: Some(f) } => self.meta(f, text, 0),
            Node::Phrase { text, field: None, slop } => self.phrase(text, *slop),
            Node::Phrase { text, field: Some(f), slop } => self.meta(f, text, *slop),
            Node::Prefix { text, field: None } => self.prefix(text),
            Node::Prefix { text, field: Some(f) } => self.meta_prefix(f, text),
            Node::Fuzzy { text, distance } => {
                // A fuzzy word finds at least what the word finds: its other names too.
                let word =
                    [Clause { occur: Occur::Should, node: Node::Word { text: text.clone(), field: None } }];
                match (self.clauses(&word), self.fuzzy(text, *distance)) {
                    (Some(word), Some(fuzzy)) => Some(Box::new(BooleanQuery::union(vec![word, fuzzy]))),
                    (word, fuzzy) => word.or(fuzzy),
                }
            }
            Node::Group(inner) => self.clauses(inner),
            Node::All => Some(Box::new(AllQuery)),
        }
    }

    /// A word (see [`Builder::typed_word`]), or else its other spellings, or else (in a
    /// language that writes compounds closed) a compound it begins or ends; nothing for
    /// a stop word of the query's language in another language's field.
    fn word(&mut self, text: &str) -> Option<Box<dyn Query>> {
        if self.is_foreign_stop(text) {
            return None;
        }
        let typed = self.typed_word(text);
        let mut variants = expand::variants(text);
        variants.extend(self.lettered(text, &variants));
        let marks = designation_marks(std::iter::once(text).chain(variants.iter().map(String::as_str)));
        let compounds = self.compounds(text);
        let parts = self.parts(text);
        let near = self.near_spellings(text);
        let spelled_alike = self.spelled_alike(text);
        let renamed = self.hyphenated_names(text);
        if variants.is_empty()
            && compounds.is_empty()
            && parts.is_none()
            && near.is_none()
            && spelled_alike.is_empty()
            && renamed.is_empty()
        {
            return typed.map(|q| self.designated(q, &marks));
        }
        let names: Vec<&str> = variants.iter().map(String::as_str).collect();
        let typed_tokens = analysis::tokens(&mut self.index_side, text);
        let mut alternatives = self.alternatives(&names, &typed_tokens, None);
        self.note(text, VARIANT, &names);
        let typed_idf = self.idf_sum(&typed_tokens);
        for other in compounds.into_iter().chain(spelled_alike) {
            let weight = self.weight_against(typed_idf, std::slice::from_ref(&other));
            alternatives.extend(weight.map(|w| (term_query(self.field, &other), w)));
        }
        if let Some((modifier, head)) = parts {
            let weight = self.weight_against(typed_idf, &[modifier.clone(), head.clone()]);
            alternatives.extend(weight.map(|w| (either(self.field, &modifier, &head), w)));
            self.matcher.terms.extend([modifier, head]);
        }
        alternatives.extend(near.map(|q| (q, ALIAS_WEIGHT)));
        alternatives.extend(renamed);
        best_of(typed, alternatives).map(|q| self.designated(q, &marks))
    }

    /// `query`, found only where a passage writes as a designation one of the spellings
    /// whose marks are `marks` (see [`crate::analysis::designation_mark`]): `S-300` is
    /// not `U.S. 300`, `A-50` not `a 50 km`. `query` itself for no mark.
    fn designated(&self, query: Box<dyn Query>, marks: &[String]) -> Box<dyn Query> {
        if marks.is_empty() {
            return query;
        }
        let terms = marks.iter().map(|m| Term::from_field_text(self.fields.caps, m)).collect();
        Box::new(Capitals::any_of(query, terms))
    }

    /// The designations this field holds that add letters to the number of `text` or of
    /// its spelling in the other script (`variants`): `T-90` finds `T-90M`, `F-16`
    /// `F-16s`, `С-300` `С-300В4`; the [`MAX_COMPOUNDS`] most frequent of each.
    ///
    /// Only numbers of two digits or more (`Th2`, `B2a` and `E4` are genes, vitamins and
    /// alleles more often than designations), tails that start with a letter, of at most
    /// [`MAX_LETTERED_TAIL`] characters (`M`, `MS`, `V4`, `PMU`), and variants whose
    /// letters and number some passage holds together: each phrase searched is one more
    /// source of the words a passage's document context counts (see `context.rs`).
    fn lettered(&mut self, text: &str, variants: &[String]) -> Vec<String> {
        let Some(searcher) = self.stats.as_ref().map(|s| s.searcher) else { return Vec::new() };
        let letters = |tail: &str| {
            tail.chars().next().is_some_and(char::is_alphabetic) && tail.chars().count() <= MAX_LETTERED_TAIL
        };
        let mut out = Vec::new();
        // `S-300` and `S300` have one prefix; every spelling has one number.
        let mut seen: Vec<Vec<String>> = Vec::new();
        let mut lettered: Option<(&str, Vec<String>)> = None;
        for word in std::iter::once(text).chain(variants.iter().map(String::as_str)) {
            let Some(number) = designation::bare_number(word).filter(|n| n.len() >= 2) else { continue };
            let prefix = word[..word.len() - number.len()].trim_end_matches('-');
            let prefix_tokens = analysis::tokens(&mut self.index_side, prefix);
            if seen.contains(&prefix_tokens) {
                continue;
            }
            seen.push(prefix_tokens.clone());
            if lettered.as_ref().is_none_or(|(n, _)| *n != number) {
                lettered = Some((number, terms_going_on(searcher, self.field, number, letters)));
            }
            for term in lettered.as_ref().map(|(_, t)| t.as_slice()).unwrap_or_default() {
                let tokens: Vec<&str> =
                    prefix_tokens.iter().map(String::as_str).chain([term.as_str()]).collect();
                if held_together(searcher, self.field, &tokens) {
                    out.push(format!("{prefix}-{term}"));
                }
            }
            // Written joined (`F16s`, `T90M`): one term, the letters' own.
            if let [letters_token] = prefix_tokens.as_slice() {
                let joined = format!("{letters_token}{number}");
                for term in terms_going_on(searcher, self.field, &joined, letters) {
                    out.push(format!("{prefix}{}", &term[letters_token.len()..]));
                }
            }
        }
        out
    }

    /// The other stems the field's language writes a capitalised word with, by its
    /// name key: a name the alias table lacks, in its other transliterations and scripts
    /// (`Surovikin` finds `Surowikin`, `Sourovikine`, `Суровикин`). Only for a
    /// capitalised word that is no acronym, no stop word and no common word of the
    /// query's language (`Sanctions` is not `Sanktionen`); only stems that are names
    /// themselves (`Water` opening a sentence is no other spelling of `Vater`); not in
    /// headings. A name the table knows searches them too, since its list of other
    /// names is never complete (`Umerov` finds Ukrainian `Умєров`, the table has Russian
    /// `Умеров`). A word written one way only has none, and its query stays one term.
    fn spelled_alike(&mut self, text: &str) -> Vec<String> {
        let heading = self.fields.heads.iter().any(|(_, f)| *f == self.field);
        let Some(searcher) = self.stats.as_ref().map(|s| s.searcher) else { return Vec::new() };
        let common = self.common_words.iter().any(|w| w == text);
        if heading || common || analysis::is_stop_word_in(text, self.key) {
            return Vec::new();
        }
        let Some(stem) = analysis::name_stem(&mut self.index_side, text) else { return Vec::new() };
        let names = self.fields.names_for_key(self.key);
        let mut found: Vec<(String, u64)> = Vec::new();
        for (start, heard) in self.name_key_starts(text, &stem) {
            for (other, in_names) in name_range(searcher, names, &start) {
                if heard.as_ref().is_some_and(|w| !crate::aliases::heard_alike(&other, w)) {
                    continue;
                }
                let seen = other == stem || found.iter().any(|(f, _)| *f == other);
                // Where every noun is capitalised, a short stem is a noun's as often as a
                // name's (`Vater` is `vat`, keyed as `Water` is).
                let short_noun =
                    NOUNS_CAPITALISED.contains(&self.key) && other.chars().count() < analysis::MIN_NAME_STEM;
                if !seen
                    && !short_noun
                    && is_a_name(searcher, (names, &format!("{start}{other}")), self.field, &other)
                {
                    found.push((other, in_names));
                }
            }
        }
        if let Some(own) = self.aliases.and_then(|a| a.lookup_cased(text)).map(|e| e.id.to_string()) {
            found.retain(|(other, _)| !self.stems_another_entity(other, &own));
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let found: Vec<String> = found.into_iter().take(MAX_COMPOUNDS).map(|(t, _)| t).collect();
        self.matcher.terms.extend(found.iter().cloned());
        let names: Vec<&str> = found.iter().map(String::as_str).collect();
        self.note(text, &expand::spelled_alike_entity(self.key), &names);
        found
    }

    /// Whether `stem` is this field's stem of a one-word name the table gives an entity
    /// other than `own`, the one the typed word names: then it is that entity's, not
    /// another spelling of the word typed (Russian `Нигерии`, Nigeria, is stemmed as
    /// `Нигер`, Niger, is). The entity's own names are searched as its names anyway. A
    /// word the table does not know keeps its spellings: they may be a known name's
    /// (`Умєров` finds `Umerov`).
    fn stems_another_entity(&mut self, stem: &str, own: &str) -> bool {
        let prefix = crate::aliases::fold_key(stem);
        let names: Vec<(&str, &str)> = crate::aliases::builtin_names_starting(&prefix)
            .filter(|(key, id)| *id != own && !key.contains(' '))
            .take(MAX_OTHER_ENTITY_NAMES)
            .collect();
        names.into_iter().any(|(key, _)| analysis::tokens(&mut self.index_side, key) == [stem])
    }

    /// The starts of the name field's terms `word` (stemmed `stem` in this field) is
    /// looked up by (see [`analysis::name_key_starts`]), and, for a name the table does
    /// not know, those of its stems in the languages that decline names in its script
    /// (see [`declining_languages`]). The table's names have their declined forms, and
    /// Polish stems `Germany` as `german`, the key of `Germans`. Then the starts of each
    /// of these spellings with its `х` heard as `h` or its `h` as `х` (see
    /// [`crate::aliases::name_key_heard_otherwise`]: `Shahed` finds `Шахед`), each with
    /// that spelling, which a stem found there must sound like.
    fn name_key_starts(&self, text: &str, stem: &str) -> Vec<(String, Option<String>)> {
        let mut spellings = vec![stem.to_string()];
        let mut starts = analysis::name_key_starts(text, stem);
        if self.aliases.is_none_or(|a| a.lookup_cased(text).is_none()) {
            for key in declining_languages(text) {
                let Some(other) = name_stem_in(key, text) else { continue };
                starts.extend(analysis::name_key_starts(text, &other));
                spellings.push(other);
            }
        }
        spellings.push(text.to_lowercase());
        let long = spellings.into_iter().filter(|s| s.chars().count() >= analysis::MIN_NAME_STEM);
        let heard: Vec<(String, Option<String>)> = long
            .filter_map(|s| Some((crate::aliases::name_key_heard_otherwise(&s)?, s)))
            .map(|(key, s)| (format!("{key}{}", analysis::NAME_KEY_END), Some(s)))
            .collect();
        let mut out: Vec<(String, Option<String>)> = Vec::with_capacity(starts.len() + heard.len());
        for (start, heard) in starts.into_iter().map(|s| (s, None)).chain(heard) {
            if !out.iter().any(|(s, _)| *s == start) {
                out.push((start, heard));
            }
        }
        out
    }

    /// The spellings one letter away from a capitalised word that the field does not
    /// hold at all: a name transliterated another way (`Budanow` where the briefs write
    /// `Budanov`). Never for a lower-case word, an acronym or a short word, nor for a
    /// word the field holds.
    fn near_spellings(&mut self, text: &str) -> Option<Box<dyn Query>> {
        // Not in a heading field, which seldom holds a name its text holds, nor in a
        // language the query is not written in (`Sanctions` is one letter from German
        // `Sanktion`).
        // Nor in German, which capitalises every noun: there a capital marks no name, and
        // `Truppe` would find `Gruppe` (other spellings of a German name are found by
        // [`Builder::spelled_alike`]).
        let heading = self.fields.heads.iter().any(|(_, f)| *f == self.field);
        if !self.near || heading || self.foreign_stops.is_some() || NOUNS_CAPITALISED.contains(&self.key) {
            return None;
        }
        let capitalised = text.chars().next().is_some_and(char::is_uppercase) && !is_acronym(text);
        if !capitalised
            || !text.chars().all(char::is_alphabetic)
            || self.aliases.is_some_and(|a| a.lookup(text).is_some())
        {
            return None;
        }
        // A stop word (`Dieser`) has no content; a short stem (`Сирия` is `сир`) is one
        // letter from too many words.
        let [token] = <[String; 1]>::try_from(analysis::tokens(&mut self.query_side, text)).ok()?;
        if token.chars().count() < MIN_NEAR_NAME || self.idf_sum(std::slice::from_ref(&token)) != Some(0.0) {
            return None;
        }
        // Highlighted as matched: a passage's stem one edit from the word's.
        self.matcher.fuzzy.push((token.clone(), 1));
        Some(Box::new(FuzzyTermQuery::new(Term::from_field_text(self.field, &token), 1, true)))
    }

    /// The two words a closed compound is made of, where the field holds them more
    /// often than the compound (see [`super::decompound`]): `Sportportfolio` finds
    /// `Sport … Portfolio`, and a passage with one of them, less. Searched as one more
    /// alternative of the word, so a passage holding the compound scores as the
    /// compound; only in the languages that write compounds closed, for a word that is
    /// not a stop word. Both parts as one alternative found 0.8051 on xquad-r-de where
    /// requiring both found 0.8022 (0.7984 without).
    fn parts(&mut self, text: &str) -> Option<(String, String)> {
        if !analysis::COMPOUNDING.contains(&self.key)
            || analysis::tokens(&mut self.query_side, text).is_empty()
        {
            return None;
        }
        let stats = self.stats.as_ref()?;
        let field = self.field;
        let df = |t: &str| stats.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0);
        // Query-side stems: a stop word (`und` in `understand`) is no part.
        let query_side = &mut self.query_side;
        let stem = |part: &str| match analysis::tokens(query_side, part).as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
        let (modifier, head) = decompound::split(text, stem, df)?;
        self.note(text, &expand::compound_entity(self.key), &[&modifier, &head]);
        Some((modifier, head))
    }

    /// The compounds of the field that the word begins or ends, the [`MAX_COMPOUNDS`]
    /// most frequent of each kind, each highlighted: `Luftverteidigung` finds
    /// `Luftverteidigungssystemen`, `Abwehr` finds `Luftabwehr`. Only in the languages
    /// that write compounds closed ([`analysis::COMPOUNDING`]), for a word that is not
    /// a stop word.
    ///
    /// Begun: terms that start as the word does, with the longest start the word shares
    /// with its stem ([`MIN_COMPOUND_STEM`] letters or more; a stemmer may respell the
    /// word's end: Dutch `luchtverdediging` → `luchtverdeed`, its compounds
    /// `luchtverdedigings…`), and go on for [`MIN_COMPOUND_TAIL`] letters or more.
    /// Ended: terms that end with the word's stem ([`MIN_COMPOUND_STEM`] letters or
    /// more), as a compound's last part is stemmed as the word alone is, after
    /// [`MIN_COMPOUND_TAIL`] letters or more, found in the field of reversed terms.
    fn compounds(&mut self, text: &str) -> Vec<String> {
        if !analysis::COMPOUNDING.contains(&self.key) {
            return Vec::new();
        }
        let Some(searcher) = self.stats.as_ref().map(|s| s.searcher) else { return Vec::new() };
        let content = analysis::tokens(&mut self.query_side, text);
        let [stem] = content.as_slice() else { return Vec::new() };
        let Some(folded) = analysis::tokens(&mut self.fold, text).into_iter().next() else {
            return Vec::new();
        };
        let start = shared_start(stem, &folded);
        let mut found = Vec::new();
        if start.chars().count() >= MIN_COMPOUND_STEM {
            found = compound_terms(searcher, self.field, &start, stem);
        }
        let ends = self.fields.ends_for_key(self.key).filter(|_| stem.chars().count() >= MIN_COMPOUND_STEM);
        if let Some(ends) = ends {
            let backwards: String = stem.chars().rev().collect();
            let ending: Vec<String> = compound_terms(searcher, ends, &backwards, &backwards)
                .into_iter()
                .map(|t| t.chars().rev().collect())
                .filter(|t| !found.contains(t))
                .collect();
            found.extend(ending);
        }
        self.matcher.terms.extend(found.iter().cloned());
        let names: Vec<&str> = found.iter().map(String::as_str).collect();
        self.note(text, &expand::compound_entity(self.key), &names);
        found
    }

    /// An alternative's weight against the typed words' summed idf (see
    /// [`Builder::alternatives`]); `None` for an alternative the field lacks, or one
    /// word nearly every passage holds (see [`MIN_ALIAS_IDF`]).
    fn weight_against(&self, typed_idf: Option<Score>, tokens: &[String]) -> Option<Score> {
        match (typed_idf, self.idf_sum(tokens)) {
            (_, Some(0.0)) => None,
            (_, Some(a)) if tokens.len() == 1 && a < MIN_ALIAS_IDF => None,
            (Some(t), Some(a)) if t > 0.0 && a > t => Some(ALIAS_WEIGHT * t / a),
            _ => Some(ALIAS_WEIGHT),
        }
    }

    /// A word: one term, or a phrase when it holds several tokens (`F-16`, and `S-400`
    /// though `s` alone is a stop word); `NATO's` is `nato`. An acronym in capitals
    /// (`WHO`, `IT`) is never a stop word, and when it is a common word somewhere (`UN`
    /// is French `un`) it is found only where it is written in capitals (see
    /// [`super::capitals`]).
    fn typed_word(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let content = analysis::tokens(&mut self.query_side, text);
        let tokens = analysis::tokens(&mut self.index_side, bare_name(text));
        // Not across an apostrophe: `l'armée` is `armée`, however the article is written.
        let joined = tokens.len() > 1 && !content.is_empty() && !text.contains(['\'', '’']);
        if content.len() > 1 || joined {
            return self.tokens_phrase(tokens, 0);
        }
        let token = match content.into_iter().next() {
            Some(t) => t,
            None if self.keep_stops || self.acronyms && is_acronym(text) => tokens.into_iter().next()?,
            None => return None,
        };
        self.matcher.terms.push(token.clone());
        let acronym = if self.acronyms { held_case(bare_name(text), self.key) } else { None };
        if acronym.is_none() {
            if let Some(held) = cut_name(bare_name(text), &token) {
                return Some(self.in_capitals(term_query(self.field, &token), held, false));
            }
        }
        let held = as_written(bare_name(text), acronym, None);
        Some(self.in_capitals(term_query(self.field, &token), held, true))
    }

    /// Whether `text` is a stop word of the query's language, this field being in
    /// another one (see [`Builder::foreign_stops`]); an acronym never is.
    fn is_foreign_stop(&mut self, text: &str) -> bool {
        let Some(analyzer) = self.foreign_stops.as_mut() else { return false };
        !(self.acronyms && is_acronym(text)) && analysis::tokens(analyzer, text).is_empty()
    }

    /// A phrase, or the same phrase with a name in it replaced by one of its entity's
    /// other names or spellings, or a designation by its other spellings, each weaker,
    /// one name replaced at a time: `"Kiev offensive"` finds `Kyiv offensive`. A word of it that is an acronym and a common
    /// word (`"UN troops"`) is found only where written in capitals.
    fn phrase(&mut self, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let tokens = analysis::tokens(&mut self.index_side, text);
        let words: Vec<&str> = text.split_whitespace().collect();
        let typed = self.tokens_phrase(tokens.clone(), slop).map(|q| self.acronyms_in(q, &words));
        let Some(aliases) = self.aliases.filter(|_| words.len() <= MAX_NAMED_PHRASE_WORDS) else {
            return typed;
        };
        let typed_idf = self.idf_sum(&tokens);
        let mut replacements: Vec<Vec<String>> = Vec::new();
        let with = |start: usize, len: usize, other: &str| -> Vec<String> {
            let (before, after) = (&words[..start], &words[start + len..]);
            before.iter().copied().chain([other]).chain(after.iter().copied()).map(str::to_string).collect()
        };
        for span in aliases.spans(&words) {
            let name = words[span.start..span.start + span.len].join(" ");
            let names = expand::other_names(aliases, span.entity, &name);
            self.note(&name, &span.entity.id, &names);
            replacements.extend(names.iter().map(|other| with(span.start, span.len, other)));
        }
        // A designation's other spellings (`"S-300 batteries"` finds `S300 batteries`),
        // and one typed as two words (`"S 300 batteries"`) joined; each found only
        // where written as a designation.
        let mut designations = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let variants = expand::variants(word);
            designations
                .push(designation_marks(std::iter::once(*word).chain(variants.iter().map(String::as_str))));
            replacements.extend(variants.iter().map(|other| with(i, 1, other)));
            let Some(joined) = words.get(i + 1).and_then(|number| expand::designation(word, number)) else {
                continue;
            };
            let variants = expand::variants(&joined);
            designations.push(designation_marks(
                std::iter::once(joined.as_str()).chain(variants.iter().map(String::as_str)),
            ));
            replacements.extend(variants.iter().map(|other| with(i, 2, other)));
        }
        let alternatives = self.replaced_phrases(tokens, typed_idf, replacements, slop);
        let found = best_of(typed, alternatives)?;
        Some(designations.iter().fold(found, |q, marks| self.designated(q, marks)))
    }

    /// The phrases of `replacements` (each a phrase's words with one name replaced),
    /// weighted against the typed phrase's `typed_idf`; none that analyses as the typed
    /// `tokens` or as one already made, and at most [`MAX_PHRASE_ALTERNATIVES`].
    fn replaced_phrases(
        &mut self,
        tokens: Vec<String>,
        typed_idf: Option<Score>,
        replacements: Vec<Vec<String>>,
        slop: u32,
    ) -> Vec<(Box<dyn Query>, Score)> {
        let mut seen = vec![tokens];
        let mut alternatives = Vec::new();
        for replaced in replacements {
            if seen.len() > MAX_PHRASE_ALTERNATIVES {
                break;
            }
            let tokens = analysis::tokens(&mut self.index_side, &replaced.join(" "));
            if seen.contains(&tokens) {
                continue;
            }
            seen.push(tokens.clone());
            let Some(weight) = self.weight_against(typed_idf, &tokens) else { continue };
            let Some(query) = self.tokens_phrase(tokens, slop) else { continue };
            let replaced: Vec<&str> = replaced.iter().map(String::as_str).collect();
            alternatives.push((self.acronyms_in(query, &replaced), weight));
        }
        alternatives
    }

    /// A hyphenated word with a name in it, as the phrase of its parts with the name
    /// replaced by each of its entity's other names: `Shahed-136` finds `Шахед-136`,
    /// `Kyiv-based` finds `Kiev-based`. Nothing for a word without a hyphen or a name.
    fn hyphenated_names(&mut self, text: &str) -> Vec<(Box<dyn Query>, Score)> {
        let parts: Vec<&str> = text.split('-').filter(|p| !p.is_empty()).collect();
        let Some(aliases) = self.aliases.filter(|_| (2..=MAX_NAMED_PHRASE_WORDS).contains(&parts.len()))
        else {
            return Vec::new();
        };
        let mut replacements = Vec::new();
        for span in aliases.spans(&parts) {
            let name = parts[span.start..span.start + span.len].join(" ");
            let names = expand::other_names(aliases, span.entity, &name);
            self.note(&name, &span.entity.id, &names);
            let (before, after) = (&parts[..span.start], &parts[span.start + span.len..]);
            replacements.extend(names.iter().map(|other| {
                before
                    .iter()
                    .copied()
                    .chain([*other])
                    .chain(after.iter().copied())
                    .map(str::to_string)
                    .collect()
            }));
        }
        if replacements.is_empty() {
            return Vec::new();
        }
        let tokens = analysis::tokens(&mut self.index_side, text);
        let typed_idf = self.idf_sum(&tokens);
        self.replaced_phrases(tokens, typed_idf, replacements, 0)
    }

    /// `query`, found only where each of `words` that is an acronym and a common word is
    /// written in capitals (see [`super::capitals`]).
    fn acronyms_in(&mut self, query: Box<dyn Query>, words: &[&str]) -> Box<dyn Query> {
        let acronyms: Vec<String> = if self.acronyms {
            words.iter().filter_map(|w| held_case(bare_name(w), self.key)).collect()
        } else {
            Vec::new()
        };
        // A country's name inside a longer one is marked by the longer one's entity
        // (`Guinea` in `Papua New Guinea`, see `analysis::longer_marks`).
        let caps = self.fields.caps;
        acronyms.into_iter().fold(query, |q, a| {
            let longer = analysis::longer_marks(&a).into_iter().map(|m| Term::from_field_text(caps, m));
            let terms = std::iter::once(Term::from_field_text(caps, &a)).chain(longer).collect();
            Box::new(Capitals::any_of(q, terms))
        })
    }

    fn tokens_phrase(&mut self, tokens: Vec<String>, slop: u32) -> Option<Box<dyn Query>> {
        match tokens.len() {
            0 => None,
            1 => {
                self.matcher.terms.push(tokens[0].clone());
                Some(term_query(self.field, &tokens[0]))
            }
            _ => {
                let terms = tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, Term::from_field_text(self.field, t)))
                    .collect();
                self.matcher.phrases.push(tokens);
                Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
            }
        }
    }

    /// Every term of the field that starts with the prefix, as typed or as stemmed
    /// (a stemmer may cut a typed prefix shorter: `negotiat` → `negoti`).
    fn prefix(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let folded = analysis::tokens(&mut self.fold, text).into_iter().next()?;
        let stemmed = analysis::tokens(&mut self.index_side, text).into_iter().next().unwrap_or_default();
        let common = shared_start(&folded, &stemmed);
        let prefix =
            if common.chars().count() >= 2 && self.key != analysis::OTHER { common } else { folded.clone() };
        self.matcher.prefixes.push(folded);
        let pattern = format!("{}.*", regex::escape(&prefix));
        RegexQuery::from_pattern(&pattern, self.field).ok().map(|q| Box::new(q) as Box<dyn Query>)
    }

    /// Words within `distance` edits; on a stemmed field one more edit for a long word,
    /// since stemming may have changed a letter of the indexed word (`Zelensky` is
    /// indexed as `zelenski`).
    fn fuzzy(&mut self, text: &str, distance: u8) -> Option<Box<dyn Query>> {
        let token = analysis::tokens(&mut self.index_side, text).into_iter().next()?;
        let stemmed = self.key != analysis::OTHER && text.chars().count() >= 6;
        let distance = if stemmed { (distance + 1).min(2) } else { distance };
        if let Some(raw) = analysis::tokens(&mut self.fold, text).into_iter().next() {
            self.matcher.fuzzy.push((raw, distance));
        }
        Some(Box::new(FuzzyTermQuery::new(Term::from_field_text(self.field, &token), distance, true)))
    }

    /// A metadata field named before a colon. A title or section query that names an
    /// entity finds its other names there too (`title:Kyiv` finds a title with `Київ`).
    fn meta(&mut self, field: &str, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let target = match field {
            "title" => f.title,
            "section" => f.section,
            "source" => f.source,
            "lang" => return Some(term_query(f.lang, &text.trim().to_lowercase())),
            _ => return None,
        };
        let typed = match field {
            "source" => self.folded_phrase(target, text, slop)?,
            _ => self.heading_word(target, text, slop)?,
        };
        let aliases = self.aliases.filter(|_| field != "source");
        let Some((aliases, entity)) = aliases.and_then(|a| Some((a, a.lookup_cased(text)?))) else {
            return Some(typed);
        };
        // An acronym found only in capitals (`UN`, French `un`) cannot be told apart in a
        // folded field.
        let names: Vec<&str> = expand::other_names(aliases, entity, text)
            .into_iter()
            .filter(|n| !(is_acronym(n) && aliases.is_upper_only(n)))
            .collect();
        let mut all = vec![typed];
        all.extend(names.iter().filter_map(|name| self.heading_word(target, name, 0)));
        self.note(text, &entity.id, &names);
        Some(Box::new(DisjunctionMaxQuery::new(all)))
    }

    /// `text` folded in the heading field `target`; one word also as the field's other
    /// words of its stem in this field's language (`title:sanction` finds `Sanctions
    /// against Russia`), since headings are folded, not stemmed: the terms that start
    /// where the word and its stem agree, and stem alike.
    fn heading_word(&mut self, target: Field, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let typed = self.folded_phrase(target, text, slop)?;
        let (folded, stems) =
            (analysis::tokens(&mut self.fold, text), analysis::tokens(&mut self.index_side, text));
        let Some(searcher) = self.stats.as_ref().map(|s| s.searcher) else { return Some(typed) };
        let ([folded], [stem]) = (folded.as_slice(), stems.as_slice()) else { return Some(typed) };
        let mut start = shared_start(folded, stem);
        if self.key == analysis::OTHER || start.chars().count() < MIN_HEADING_STEM {
            return Some(typed);
        }
        // Ukrainian declension turns the `і` of a closed last syllable into `о` or `е`
        // (`Київ`, `у Києві`): the forms part before it.
        if self.key == "uk" {
            start.truncate(start.rfind(['і', 'ї']).filter(|at| *at > 0).unwrap_or(start.len()));
        }
        let mut others: Vec<String> = tails_after(searcher, target, &start)
            .into_keys()
            .map(|tail| format!("{start}{tail}"))
            .filter(|t| {
                t != folded && analysis::tokens(&mut self.index_side, t).as_slice() == [stem.as_str()]
            })
            .collect();
        if others.is_empty() {
            return Some(typed);
        }
        others.sort();
        let mut all = vec![typed];
        all.extend(others.iter().map(|t| term_query(target, t)));
        Some(Box::new(DisjunctionMaxQuery::new(all)))
    }

    /// Every term of a metadata field that starts with the folded prefix
    /// (`title:sanct*`); a prefix of `lang:` is a word there.
    fn meta_prefix(&mut self, field: &str, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let target = match field {
            "title" => f.title,
            "section" => f.section,
            "source" => f.source,
            _ => return self.meta(field, text, 0),
        };
        let folded = analysis::tokens(&mut self.fold, text).into_iter().next()?;
        let pattern = format!("{}.*", regex::escape(&folded));
        RegexQuery::from_pattern(&pattern, target).ok().map(|q| Box::new(q) as Box<dyn Query>)
    }

    /// `text` folded, as one term or a phrase of `target`.
    fn folded_phrase(&mut self, target: Field, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let tokens = analysis::tokens(&mut self.fold, text);
        match tokens.len() {
            0 => None,
            1 => Some(term_query(target, &tokens[0])),
            _ => {
                let terms =
                    tokens.iter().enumerate().map(|(i, t)| (i, Term::from_field_text(target, t))).collect();
                Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
            }
        }
    }
}

/// The [`MAX_COMPOUNDS`] terms of `field` most frequent over all segments that begin
/// with `start` and go on for [`MIN_COMPOUND_TAIL`] letters or more, `stem` aside;
/// ties by term.
fn compound_terms(searcher: &tantivy::Searcher, field: Field, start: &str, stem: &str) -> Vec<String> {
    let whole = |tail: &str| stem.strip_prefix(start) == Some(tail);
    terms_going_on(searcher, field, start, |tail| tail.chars().count() >= MIN_COMPOUND_TAIL && !whole(tail))
}

/// The [`MAX_COMPOUNDS`] terms of `field` most frequent over all segments that begin
/// with `start` and go on with a tail `keep` accepts; ties by term.
fn terms_going_on(
    searcher: &tantivy::Searcher,
    field: Field,
    start: &str,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let tails = tails_after(searcher, field, start).into_iter().filter(|(tail, _)| keep(tail));
    let mut found: Vec<(String, u64)> = tails.map(|(tail, n)| (format!("{start}{tail}"), n)).collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.into_iter().take(MAX_COMPOUNDS).map(|(t, _)| t).collect()
}

/// What follows `start` in `field`'s terms that begin with it (the first
/// [`MAX_COMPOUND_SCAN`] of each segment), each with its document frequency summed over
/// the segments.
fn tails_after(
    searcher: &tantivy::Searcher,
    field: Field,
    start: &str,
) -> std::collections::HashMap<String, u64> {
    let mut freq: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for reader in searcher.segment_readers() {
        let Ok(index) = reader.inverted_index(field) else { continue };
        let Ok(mut terms) = index.terms().range().ge(start.as_bytes()).into_stream() else { continue };
        let mut read = 0;
        while read < MAX_COMPOUND_SCAN && terms.advance() {
            read += 1;
            let Some(tail) = terms.key().strip_prefix(start.as_bytes()) else { break };
            if let Ok(tail) = std::str::from_utf8(tail) {
                *freq.entry(tail.to_string()).or_default() += u64::from(terms.value().doc_freq);
            }
        }
    }
    freq
}

/// Whether a passage holds every one of `tokens` in `field` (anywhere in it): the last
/// token's passages, which are few for a designation's variant, are looked up in the
/// others' postings.
fn held_together(searcher: &tantivy::Searcher, field: Field, tokens: &[&str]) -> bool {
    let Some((last, others)) = tokens.split_last() else { return false };
    searcher.segment_readers().iter().any(|reader| {
        let Ok(index) = reader.inverted_index(field) else { return false };
        let postings = |t: &str| {
            let term = Term::from_field_text(field, t);
            index.read_postings(&term, IndexRecordOption::Basic).ok().flatten()
        };
        let Some(mut rare) = postings(last) else { return false };
        let Some(mut others) = others.iter().map(|t| postings(t)).collect::<Option<Vec<_>>>() else {
            return false;
        };
        while rare.doc() != tantivy::TERMINATED {
            let doc = rare.doc();
            let at = |p: &mut tantivy::postings::SegmentPostings| {
                p.doc() == doc || p.doc() < doc && p.seek(doc) == doc
            };
            if others.iter_mut().all(at) {
                return true;
            }
            rare.advance();
        }
        false
    })
}

/// Passages whose occurrences of a stem are counted to tell a name from a word.
const NAME_SAMPLE: usize = 64;

/// Whether a stem is a name where the index holds it: at least half of its occurrences
/// in the text field are capitalised words (counted in the name field under `term`, a
/// key then the stem), in the first [`NAME_SAMPLE`] passages holding it.
fn is_a_name(searcher: &tantivy::Searcher, (names, term): (Field, &str), text: Field, stem: &str) -> bool {
    let (text_term, name_term) = (Term::from_field_text(text, stem), Term::from_field_text(names, term));
    let (mut all, mut capitalised, mut seen) = (0u64, 0u64, 0usize);
    for reader in searcher.segment_readers() {
        let postings = |field: Field, term: &Term| {
            let index = reader.inverted_index(field).ok()?;
            index.read_postings(term, IndexRecordOption::WithFreqs).ok().flatten()
        };
        let Some(mut words) = postings(text, &text_term) else { continue };
        let mut caps = postings(names, &name_term);
        while words.doc() != tantivy::TERMINATED && seen < NAME_SAMPLE {
            let doc = words.doc();
            all += u64::from(words.term_freq());
            if let Some(caps) = caps.as_mut() {
                if caps.doc() < doc {
                    caps.seek(doc);
                }
                if caps.doc() == doc {
                    capitalised += u64::from(caps.term_freq());
                }
            }
            seen += 1;
            words.advance();
        }
    }
    all <= 2 * capitalised
}

/// The name stem of `word` (see [`analysis::name_stem`]) by the index-side analyser of
/// analysis key `key`, built once per thread and kept with the stems it made: every
/// query with a capitalised word needs some.
fn name_stem_in(key: &'static str, word: &str) -> Option<String> {
    thread_local! {
        static ANALYZERS: std::cell::RefCell<Vec<(&'static str, TextAnalyzer)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    ANALYZERS.with_borrow_mut(|all| {
        let at = match all.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                all.push((key, analysis::analyzer_for_key(key, Side::Index)));
                all.len() - 1
            }
        };
        analysis::name_stem(&mut all[at].1, word)
    })
}

/// The languages whose stems of a word also give it name keys: those that decline names
/// in its script (`Ковальчука` is `ковальчук` in Russian, `Kowalczuka` `kowalczuk` in
/// Polish), whatever the field's language, which leaves such a word whole.
fn declining_languages(word: &str) -> &'static [&'static str] {
    match word.chars().next().is_some_and(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        true => &["ru", "uk"],
        false => &["pl"],
    }
}

/// The query's capitalised words (of [`analysis::MIN_NAME_STEM`] letters or more) that
/// are common words in one of `fields` (`(analysis key, text field, name field)`): the
/// field holds their stem, mostly in lower case (`Sanctions`, `Water`, `Vater`).
pub(crate) fn common_words(
    searcher: &tantivy::Searcher,
    fields: &[(&'static str, Field, Field)],
    words: &[&str],
) -> Vec<String> {
    let mut common = Vec::new();
    for (key, text, names) in fields {
        for word in words {
            if common.iter().any(|c: &String| c == word) {
                continue;
            }
            let Some(stem) = name_stem_in(key, word) else { continue };
            let held = searcher.doc_freq(&Term::from_field_text(*text, &stem)).unwrap_or(0) > 0;
            let term = analysis::name_term(word, &stem);
            if held && !is_a_name(searcher, (*names, &term), *text, &stem) {
                common.push(word.to_string());
            }
        }
    }
    common
}

/// The stems of a name field's terms that begin with `start` (a name key and its end),
/// each with its document frequency in the name field.
fn name_range(searcher: &tantivy::Searcher, field: Field, start: &str) -> Vec<(String, u64)> {
    tails_after(searcher, field, start).into_iter().collect()
}

/// The longest start two words share: a word and its stem agree there, whatever the
/// stemmer did to the end.
fn shared_start(a: &str, b: &str) -> String {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x).collect()
}

/// Whether `tokens` holds every one of `typed` (as many times).
fn holds_all(tokens: &[String], typed: &[String]) -> bool {
    let mut left: Vec<&String> = tokens.iter().collect();
    typed.iter().all(|t| match left.iter().position(|l| *l == t) {
        Some(i) => {
            left.swap_remove(i);
            true
        }
        None => false,
    })
}

/// The built clauses under the metadata filters: the filters are one required group of
/// alternatives, scored 0, and the other positive clauses one required group, as they
/// would be without the filters (`lang:en York` is York in English passages, not every
/// English passage). `None` when the clauses had words to search but none was built
/// (stop words only), so that the caller can retry keeping them.
fn with_filters(
    built: Vec<(TOccur, Box<dyn Query>)>,
    filters: Vec<Box<dyn Query>>,
    had_words: bool,
) -> Option<Box<dyn Query>> {
    if filters.is_empty() {
        return combine(built);
    }
    let (excluded, positive): (Vec<_>, Vec<_>) = built.into_iter().partition(|(o, _)| *o == TOccur::MustNot);
    if had_words && positive.is_empty() {
        return None;
    }
    let any = Box::new(BooleanQuery::union(filters));
    let mut all: Vec<(TOccur, Box<dyn Query>)> =
        vec![(TOccur::Must, Box::new(ConstScoreQuery::new(any, 0.0)))];
    all.extend(combine(positive).map(|q| (TOccur::Must, q)));
    all.extend(excluded);
    Some(Box::new(BooleanQuery::new(all)))
}

/// Metadata fields whose clauses filter passages rather than rank them.
const FILTER_FIELDS: [&str; 2] = ["lang", "source"];

/// Whether a clause is an optional metadata filter (`lang:fr`, `source:"wire"`).
fn is_filter(clause: &Clause) -> bool {
    let field = match &clause.node {
        Node::Word { field: Some(f), .. } | Node::Phrase { field: Some(f), .. } => f,
        _ => return false,
    };
    clause.occur == Occur::Should && FILTER_FIELDS.contains(&field.as_str())
}

/// The designation marks of `spellings`, each once (see [`designation::mark`]).
fn designation_marks<'a>(spellings: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut marks: Vec<String> = Vec::new();
    for mark in spellings.into_iter().filter_map(designation::mark) {
        if !marks.contains(&mark) {
            marks.push(mark);
        }
    }
    marks
}

/// The query of built clauses: `None` when nothing in it can match positively.
fn combine(mut built: Vec<(TOccur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    if !built.iter().any(|(o, _)| *o != TOccur::MustNot) {
        return None;
    }
    if built.len() == 1 {
        return built.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(built)))
}

/// The typed words or, weaker, any alternative: a passage scores by its best match, so
/// one that names an entity twice, two ways, is not counted twice.
fn best_of(
    typed: Option<Box<dyn Query>>,
    alternatives: Vec<(Box<dyn Query>, Score)>,
) -> Option<Box<dyn Query>> {
    if alternatives.is_empty() {
        return typed;
    }
    let weaker = alternatives.into_iter().map(|(q, w)| Box::new(BoostQuery::new(q, w)) as Box<dyn Query>);
    let all: Vec<Box<dyn Query>> = typed.into_iter().chain(weaker).collect();
    Some(Box::new(DisjunctionMaxQuery::new(all)))
}

/// The capitals field's marks a capitalised name typed as a word is held to when this
/// field's stemmer cut it (Russian `Грузия` to `груз`, the stem of `грузов`, cargo):
/// what it became is as likely a common word's stem. See [`capitalised_name`].
fn cut_name(word: &str, token: &str) -> Option<Vec<String>> {
    let id = crate::aliases::name_entity(word)?;
    let held = capitalised_name(word, &[token.to_string()], id);
    (stemmed_away(word, &[token.to_string()]) && !held.is_empty()).then_some(held)
}

/// Whether the analyser cut a one-word name (`NAVO` to `nav`): what it became is another
/// word's stem as likely as the name's.
fn stemmed_away(name: &str, tokens: &[String]) -> bool {
    matches!(tokens, [token] if token.chars().count() < name.chars().count())
}

/// The capitals field's marks that a name of entity `id` is held to when `name`
/// (analysed as `tokens`) is one capitalised word naming it, as indexing marks such words
/// ([`crate::aliases::name_entity`]): another language's name for a place may be a
/// common word in lower case (Ukrainian `суми` for `Sumy`, `мали` for `Mali`; Russian
/// `газа` for `Gaza`), which only a capital tells apart.
///
/// Or written in capitals, as headlines write it (`KYIV UNDER ATTACK`): the capitals
/// field holds such a word as an acronym. Or in a passage (or a heading of it) written
/// all in one case, where a capital tells nothing ([`analysis::UNCASED`]: `sirens again
/// in kyiv`). Empty when `name` is no such word, or a group's name its languages write
/// in lower case too ([`crate::aliases::is_group_name`]: `los talibanes`).
fn capitalised_name(name: &str, tokens: &[String], id: &str) -> Vec<String> {
    let named = tokens.len() == 1 && !is_acronym(name) && crate::aliases::name_entity(name) == Some(id);
    if !named || crate::aliases::is_group_name(name) {
        return Vec::new();
    }
    let in_capitals = capitals_term(&name.to_uppercase());
    let uncased = analysis::UNCASED.to_string();
    [analysis::entity_mark(id), uncased].into_iter().chain(in_capitals).collect()
}

/// The capitals field's terms an acronym held to capitals (`acronym`) is found by: in
/// capitals, or written as a name with the mark of the entity it names (of `entity`,
/// when given), as Italian and Spanish write `la Nato`, `la Otan` (indexing marks such
/// a word from four letters on, see [`crate::aliases::name_entity`]).
fn as_written(name: &str, acronym: Option<String>, entity: Option<&str>) -> Vec<String> {
    let Some(acronym) = acronym else { return Vec::new() };
    let named = crate::aliases::name_entity(name).filter(|id| entity.is_none_or(|e| e == *id));
    std::iter::once(acronym).chain(named.map(analysis::entity_mark)).collect()
}

/// Passages holding either term, scored as the sum of those they hold.
fn either(field: Field, first: &str, second: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(vec![term_query(field, first), term_query(field, second)]))
}

/// The shortest stem of a declined form searched beside a name (see
/// [`Builder::declensions`]).
const MIN_DECLINED_STEM: usize = 4;

/// The analysis keys whose names take a genitive `-s` (see [`Builder::declensions`]).
const GENITIVE_S: [&str; 5] = ["de", "nl", "sv", "da", "nb"];

/// The shortest start a heading word and its stem share for the heading's other words of
/// that stem to be searched (`war`/`war`, not `a`/`a`).
const MIN_HEADING_STEM: usize = 3;

/// The longest tail a designation's lettered variant adds to its number (see
/// [`Builder::lettered`]).
const MAX_LETTERED_TAIL: usize = 4;

/// The analysis keys of languages that capitalise every noun (see
/// [`Builder::near_spellings`]).
const NOUNS_CAPITALISED: [&str; 1] = ["de"];

/// The analysis keys whose names decline (see [`Builder::declensions`]).
const DECLINED_FIELDS: [&str; 3] = ["ru", "uk", analysis::OTHER];

/// `clauses` with each word of names joined by hyphens or dashes (`Kyiv-Kharkiv`,
/// `Odesa–Kherson`, pasted from a route or a front line) made a group of those names,
/// each required and searched under all its names; `None` when there is none. A word
/// with anything else in it (`Kyiv-based`, `Shahed-136`) stays a word.
fn names_apart(clauses: &[Clause], aliases: &Aliases) -> Option<Vec<Clause>> {
    let apart = |c: &Clause| -> Option<Clause> {
        let Node::Word { text, field: None } = &c.node else { return None };
        let parts: Vec<&str> = text.split(['-', '–', '—']).collect();
        // Every query word comes here: the cheap test first. A name written with a
        // hyphen is one name (`Guinea-Bissau`, `Congo-Kinshasa`).
        let names = (2..=MAX_JOINED_NAMES).contains(&parts.len())
            && aliases.lookup_cased(text).is_none()
            && parts.iter().all(|p| {
                aliases.lookup_cased(p).is_some_and(|e| !e.id.starts_with(crate::aliases::SPELLING))
            });
        let group = parts
            .iter()
            .map(|p| Clause { occur: Occur::Must, node: Node::Word { text: p.to_string(), field: None } });
        names.then(|| Clause { occur: c.occur, node: Node::Group(group.collect()) })
    };
    if !clauses.iter().any(|c| apart(c).is_some()) {
        return None;
    }
    Some(clauses.iter().map(|c| apart(c).unwrap_or_else(|| c.clone())).collect())
}

/// The most names of other entities a spelled-alike stem is compared with (see
/// [`Builder::stems_another_entity`]).
const MAX_OTHER_ENTITY_NAMES: usize = 32;

/// The entities the positive words of `clauses` name.
pub(crate) fn searched_entities(clauses: &[Clause], aliases: &Aliases) -> Vec<String> {
    let words = clauses.iter().filter(|c| c.occur != Occur::MustNot).filter_map(|c| match &c.node {
        Node::Word { text, field: None } => Some(text.as_str()),
        _ => None,
    });
    words.filter_map(|w| aliases.lookup_cased(w)).map(|e| e.id.to_string()).collect()
}

/// Whether `clause` is a word naming one of `entities`.
pub(crate) fn names_one_of(clause: &Clause, aliases: &Aliases, entities: &[String]) -> bool {
    let Node::Word { text, field: None } = &clause.node else { return false };
    aliases.lookup_cased(text).is_some_and(|e| entities.iter().any(|id| *id == e.id))
}

/// The most names a hyphenated word is read as, apart (see [`names_apart`]).
const MAX_JOINED_NAMES: usize = 4;

fn term_query(field: Field, token: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, token), IndexRecordOption::WithFreqs))
}

fn occur(o: Occur) -> TOccur {
    match o {
        Occur::Must => TOccur::Must,
        Occur::Should => TOccur::Should,
        Occur::MustNot => TOccur::MustNot,
    }
}

/// Whether the clauses hold anything to search for (not only exclusions).
pub(crate) fn has_positive(clauses: &[Clause]) -> bool {
    clauses.iter().any(|c| {
        c.occur != Occur::MustNot
            && match &c.node {
                Node::Group(inner) => has_positive(inner),
                _ => true,
            }
    })
}

/// Whether a query searches the near spellings of its names ([`Builder::near_spellings`]):
/// only a short one, of at most [`NEAR_MAX_WORDS`] words, a name searched alone or nearly.
/// A longer question has other words to find its passages, and the look-up through a
/// large dictionary costs about 0.3 ms a question (`briefs bench` on the UN corpus).
pub(crate) fn searches_near_spellings(clauses: &[Clause]) -> bool {
    positive_text(clauses).split_whitespace().nth(NEAR_MAX_WORDS).is_none()
}

/// Whether the words typed in capitals in `clauses` are acronyms: yes, unless the
/// query is three words or more, all in capitals, and not all names, which says
/// nothing about case (typed with caps lock on: `WHO IS IN CHARGE`); `UN WHO` is two
/// acronyms, and so is `NATO EU UN`, every word of which names an entity.
pub(crate) fn capitals_are_acronyms(clauses: &[Clause], aliases: &Aliases) -> bool {
    let text = positive_text(clauses);
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() < 3
        || text.chars().any(char::is_lowercase)
        || words.iter().all(|w| aliases.lookup(w).is_some())
}

/// The text of the positive words, for guessing the query's language.
pub(crate) fn positive_text(clauses: &[Clause]) -> String {
    let mut out = String::new();
    for c in clauses.iter().filter(|c| c.occur != Occur::MustNot) {
        match &c.node {
            Node::Word { text, field: None } | Node::Phrase { text, field: None, .. } => {
                out.push_str(text);
                out.push(' ');
            }
            Node::Prefix { text, field: None } | Node::Fuzzy { text, .. } => {
                out.push_str(text);
                out.push(' ');
            }
            Node::Group(inner) => out.push_str(&positive_text(inner)),
            _ => {}
        }
    }
    out
}

#[cfg(all(test, feature = "tools"))]
mod tests {
    use super::*;
    use crate::options::SearchOptions;
    use crate::query::Mode;

    #[test]
    fn a_name_holding_every_typed_word_adds_nothing() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(holds_all(&words(&["unit", "nation", "organ"]), &words(&["unit", "nation"])));
        assert!(!holds_all(&words(&["unit", "organ"]), &words(&["unit", "nation"])));
        assert!(!holds_all(&words(&["nation"]), &words(&["nation", "nation"])));
    }

    #[test]
    fn a_rare_alias_does_not_outrank_the_typed_name() {
        // "VN" (German for the United Nations) in one passage, the typed name in many.
        let topics = ["refugees", "climate", "disarmament", "trade", "health", "water", "schools", "debt"];
        let mut lines: Vec<String> = (0..24)
            .map(|i| {
                let text = format!("The United Nations met on {} in session {i}.", topics[i % 8]);
                serde_json::json!({"id": format!("d{i}"), "text": text}).to_string()
            })
            .collect();
        let odd = "Delegates of the VN asked for more money for schools and roads.";
        lines.push(serde_json::json!({"id": "odd", "text": odd}).to_string());
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus.jsonl");
        std::fs::write(&corpus, lines.join("\n")).unwrap();
        let (_place, engine) = crate::eval::collection::indexed(&corpus, None).unwrap();
        // Every passage: they are no copies of each other, each has its own session.
        let limit = crate::options::Limit::new(30).unwrap();
        let opts = SearchOptions { mode: Mode::Plain, limit, ..SearchOptions::default() };
        let hits = engine.search("United Nations", &opts).unwrap().hits;
        let ids: Vec<&str> = hits.iter().map(|h| h.record.doc.as_str()).collect();
        assert!(ids.contains(&"odd"), "the alias still finds its passage: {ids:?}");
        assert_ne!(ids[0], "odd", "{ids:?}");
        let odd_score = hits.iter().find(|h| h.record.doc == "odd").unwrap().score;
        assert!(hits.iter().filter(|h| h.record.doc != "odd").all(|h| h.score > odd_score), "{ids:?}");
    }
}
