//! Language-aware analysis: one text field and one analyser per language that tantivy
//! can stem or that has a stemmer here ([`OWN`]: Ukrainian, see [`ukrainian`]; Polish
//! and Czech, by the Snowball stemmers tantivy does not expose), plus a fold-only
//! field for every other language.

mod designation;
mod memo;
mod scripts;
mod stem;
pub mod ukrainian;
mod within;
mod words;

pub use designation::{
    designation_mark, DESIGNATION, HYPHENS, MAX_LETTERS as MAX_DESIGNATION_LETTERS, UNCASED,
};
pub use scripts::one_script;
pub use stem::GuardedStemmer;
pub use within::longer_marks;
pub use words::WordTokenizer;

use std::cell::RefCell;
use std::sync::OnceLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, StopWordFilter, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// ISO 639-1 codes of the languages tantivy has a stemmer for.
pub const STEMMED: [(&str, Language); 18] = [
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nb", Language::Norwegian),
    ("nl", Language::Dutch),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// ISO 639-1 codes of the languages stemmed here, tantivy having no stemmer for them.
pub const OWN: [&str; 3] = ["uk", "pl", "cs"];

/// The key of the field and analyser shared by all languages without a stemmer.
pub const OTHER: &str = "xx";
/// The analyser for metadata fields (title, section, source): lowercasing and folding.
pub const FOLD: &str = "briefs_fold";
/// Tokens longer than this are dropped.
const MAX_TOKEN_BYTES: usize = 40;

/// The analysis key of a language code: itself if it is stemmed, else [`OTHER`].
///
/// ```
/// assert_eq!(briefs::analysis::key("fr"), "fr");
/// assert_eq!(briefs::analysis::key("uk"), "uk");
/// assert_eq!(briefs::analysis::key("pl"), "pl");
/// assert_eq!(briefs::analysis::key("bg"), "xx");
/// ```
pub fn key(code: &str) -> &'static str {
    keys().find(|k| *k == code && *k != OTHER).unwrap_or(OTHER)
}

/// The name of the text field (and of its analyser) for an analysis key.
pub fn text_field_name(key: &str) -> String {
    format!("text_{key}")
}

/// Every analysis key: the languages tantivy stems, those stemmed here, then [`OTHER`].
pub fn keys() -> impl Iterator<Item = &'static str> {
    STEMMED.iter().map(|(c, _)| *c).chain(OWN).chain(std::iter::once(OTHER))
}

/// Whether an analyser drops stop words: queries do, the index keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Index time: every word is kept, so lengths and phrases stay true.
    Index,
    /// Query time: stop words carry no ranking signal and most of the cost.
    Query,
    /// Index time, each term written backwards (see [`COMPOUNDING`]).
    Ends,
}

/// Whether a language's stop list is applied to queries. Snowball's Spanish list holds
/// forms of *estar*, *ser* and *tener* that are content words too (*estados*, *era*,
/// *tiene*): dropping them from queries costs more than it saves (measured with
/// `briefs eval` on the Spanish and mixed-language collections).
fn stops_at_query(language: Language) -> bool {
    language != Language::Spanish
}

/// The stop words dropped from queries: tantivy's list, except for English, where
/// tantivy keeps Lucene's 33 words and NLTK's 179 (`stop-words` crate) also drop the
/// question words (*what*, *which*, *did*) that natural-language queries are made of.
///
/// Built once per language: a query builds several analysers, and each list is a set of
/// hundreds of words.
fn query_stop_words(language: Language) -> Option<StopWordFilter> {
    static BUILT: [OnceLock<Option<StopWordFilter>>; STEMMED.len()] =
        [const { OnceLock::new() }; STEMMED.len()];
    match STEMMED.iter().position(|(_, l)| *l == language) {
        Some(i) => BUILT[i].get_or_init(|| build_stop_words(language)).clone(),
        None => build_stop_words(language),
    }
}

fn build_stop_words(language: Language) -> Option<StopWordFilter> {
    if language == Language::English {
        let words = stop_words::lookup("en")?.iter().map(|w| w.to_string());
        return Some(StopWordFilter::remove(words));
    }
    StopWordFilter::new(language)
}

/// The languages whose stop lists (NLTK's, through `stop-words`) say whether an acronym
/// is also a common word.
const STOP_LIST_LANGUAGES: [&str; 12] =
    ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "sv", "da", "no", "fi"];

/// Whether a word, lower-cased, is a stop word of the language of analysis key `key`
/// (of one of `STOP_LIST_LANGUAGES` for [`OTHER`]): `IT` is English `it`, `UN`
/// French `un`.
pub fn is_stop_word_in(word: &str, key: &str) -> bool {
    let lower = word.to_lowercase();
    let listed = |code: &&str| stop_words::lookup(code).is_some_and(|list| list.contains(&lower.as_str()));
    match key {
        OTHER => STOP_LIST_LANGUAGES.iter().any(listed),
        _ => listed(&key),
    }
}

/// The question words of a language that its stop list lacks, dropped from queries
/// beside it: a question asks with them and the passage that answers seldom holds them
/// (NLTK's English list has *who*, *when*, *why*; Snowball's German and French lists have
/// *welche*, *wie*, *quel* but not *wer*, *wann*, *pourquoi*, and Spanish has no list
/// at query time, see [`stops_at_query`]). Written as the lower-cased query word reaches
/// the filter.
fn question_words(language: Language) -> StopWordFilter {
    // Built once per language, as the stop lists are: every query builds analysers.
    static BUILT: [OnceLock<StopWordFilter>; STEMMED.len()] = [const { OnceLock::new() }; STEMMED.len()];
    match STEMMED.iter().position(|(_, l)| *l == language) {
        Some(i) => BUILT[i].get_or_init(|| build_question_words(language)).clone(),
        None => build_question_words(language),
    }
}

fn build_question_words(language: Language) -> StopWordFilter {
    let words: &[&str] = match language {
        Language::German => &[
            "wer", "wen", "wem", "wessen", "wann", "warum", "weshalb", "wieso", "woher", "wohin", "wieviel",
            "wieviele",
        ],
        Language::French => &[
            "quoi",
            "quand",
            "pourquoi",
            "combien",
            "comment",
            "où",
            "lequel",
            "laquelle",
            "lesquels",
            "lesquelles",
        ],
        Language::Spanish => &[
            "qué", "quién", "quiénes", "cuál", "cuáles", "cuándo", "dónde", "adónde", "cómo", "cuánto",
            "cuánta", "cuántos", "cuántas",
        ],
        _ => &[],
    };
    StopWordFilter::remove(words.iter().map(|w| w.to_string()))
}

/// The analyser of one language: lowercase, stop words (query side), stem, then fold
/// accents.
///
/// Folding comes last so that the stemmer sees the accents it was written for, and
/// both `Sergueï` and `Serguei` end up as `serguei`. Folding first would cut the
/// suffixes the stemmers know only with their accents (French `-ité`, Spanish `-ción`);
/// where a stemmer treats a final vowel differently with and without its accent, the
/// word's final vowel is made to agree first instead (see [`FinalAccent`]).
pub fn analyzer(language: Language, side: Side) -> TextAnalyzer {
    let base = TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(FinalAccent::for_language(language));
    let stop =
        if side == Side::Query && stops_at_query(language) { query_stop_words(language) } else { None };
    let code = STEMMED.iter().find(|(_, l)| *l == language).map_or("", |(c, _)| *c);
    let stemmer = GuardedStemmer::new(language, code);
    match (stop, side) {
        (Some(stop), _) => base
            .filter(stop)
            .filter(question_words(language))
            .filter(stemmer)
            .filter(AsciiFoldingFilter)
            .build(),
        (None, Side::Query) => {
            base.filter(question_words(language)).filter(stemmer).filter(AsciiFoldingFilter).build()
        }
        (None, Side::Ends) => {
            base.filter(stemmer).filter(AsciiFoldingFilter).filter(MapFilter(reversed)).build()
        }
        (None, _) => base.filter(stemmer).filter(AsciiFoldingFilter).build(),
    }
}

/// A token read backwards.
fn reversed(token: &str) -> Option<String> {
    Some(token.chars().rev().collect())
}

/// The analyser of the [`CAPITALS`] field: the acronyms of a text (see [`is_acronym`]),
/// lowercased and folded as the text analysers fold them, not stemmed; and, as
/// [`CAPITALISED`] and the entity, its capitalised words that are names and common
/// words (`Turkey`, `China`, French `Chine`; see
/// [`crate::aliases::common_name_entity`]); and the marks of its designations (see
/// [`designation_mark`]). Every other word is left out.
///
/// ```
/// use briefs::analysis::{capitals_analyzer, tokens};
/// let found = tokens(&mut capitals_analyzer(), "The UN and Turkey served turkey on china");
/// assert_eq!(found, ["un", "^country:TR"]);
/// assert_eq!(tokens(&mut capitals_analyzer(), "TURKEY"), ["^country:TR"]);
/// assert_eq!(tokens(&mut capitals_analyzer(), "an S-300, not the U.S. 300"), ["#s300"]);
/// ```
pub fn capitals_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(designation::MarkingTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(MapFilter(capitals_token))
        .filter(AsciiFoldingFilter)
        .filter(within::WithinNames)
        .build()
}

/// Marks a capitalised name in the [`CAPITALS`] field, apart from the same word in
/// capitals: `Un` opening a French sentence is not the `UN`.
pub const CAPITALISED: char = '^';

/// The [`CAPITALS`] field's term of a capitalised word naming entity `id`, folded as
/// the field folds it (`^city:Chisinau` for `city:Chișinău`).
///
/// ```
/// assert_eq!(briefs::analysis::entity_mark("city:Chișinău"), "^city:Chisinau");
/// ```
pub fn entity_mark(id: &str) -> String {
    thread_local! {
        static FOLDING: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default()).filter(AsciiFoldingFilter).build(),
        );
    }
    let folded = FOLDING.with_borrow_mut(|folding| tokens(folding, id).pop().unwrap_or_default());
    format!("{CAPITALISED}{folded}")
}

/// A name that is a common word is marked by its entity however capitalised (`Turkey`,
/// `TURKEY` in a headline); an acronym the table writes in capitals (`UN`, `WHO`) is
/// none of these and stays an acronym.
fn capitals_token(token: &str) -> Option<String> {
    if token.starts_with(DESIGNATION) {
        return Some(token.to_string());
    }
    // Most words start in lower case: neither a name nor an acronym, told at once.
    if !token.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
        return None;
    }
    let capitalised = token.chars().next().is_some_and(char::is_uppercase);
    if let Some(entity) = capitalised.then(|| marked_entity(token)).flatten() {
        return Some(format!("{CAPITALISED}{entity}"));
    }
    is_acronym(token).then(|| token.to_lowercase())
}

/// The entity a capitalised word is marked by in the capitals field, remembered per
/// indexing thread: names and sentence openers repeat, and a declined Cyrillic name is
/// stemmed several ways to be found.
fn marked_entity(token: &str) -> Option<&'static str> {
    /// Words remembered per thread before the memory is cleared.
    const REMEMBERED: usize = 100_000;
    type Seen = std::collections::HashMap<String, Option<&'static str>, rustc_hash::FxBuildHasher>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(known) = seen.get(token) {
            return *known;
        }
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        // An acronym (`ООН`, `NATO`) stays one, held to capitals where it is a word; a longer
        // word in capitals may be a name (`KHARKIV`).
        let entity = crate::aliases::common_name_entity(token).or_else(|| named_entity(token));
        seen.insert(token.to_string(), entity);
        entity
    })
}

/// Letters a word in capitals has at least to be read as a name written in capitals
/// (`KHARKIV`, `ХАРЬКОВЕ` in a telex) rather than an acronym (`NATO`, `ОБСЕ`).
const MIN_NAME_IN_CAPITALS: usize = 5;

/// The built-in entity a capitalised word names (see [`crate::aliases::name_entity`]),
/// or a word of [`MIN_NAME_IN_CAPITALS`] letters or more written in capitals, read as
/// capitalised.
fn named_entity(token: &str) -> Option<&'static str> {
    if !is_acronym(token) {
        return crate::aliases::name_entity(token);
    }
    if token.chars().count() < MIN_NAME_IN_CAPITALS {
        return None;
    }
    let mut chars = token.chars();
    let capitalised: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
    crate::aliases::name_entity(&capitalised)
}

/// Two or more letters, all capitals, and no lower-case letter: an acronym (`UN`,
/// `WHO`, `НАТО`, `G20` is not: one letter), not a word of the language.
///
/// ```
/// use briefs::analysis::is_acronym;
/// assert!(is_acronym("UN") && is_acronym("НАТО") && is_acronym("S-400A"));
/// assert!(!is_acronym("Un") && !is_acronym("un") && !is_acronym("G7"));
/// ```
pub fn is_acronym(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.all(char::is_uppercase)
}

/// The field (and analyser) that indexes the acronyms of a passage and of its headings,
/// so that an acronym that is also a common word (`UN`, `WHO`, `AU`) finds only the
/// passages that write it in capitals (see [`crate::query`]).
pub const CAPITALS: &str = "caps";

/// Languages that write compounds closed. Their passages are also indexed with every
/// term reversed (the field [`ends_field_name`]), so that a query word finds the
/// compounds it ends (`Abwehr` in `Luftabwehr`) by a range of that field's dictionary.
pub const COMPOUNDING: [&str; 5] = ["da", "de", "nb", "nl", "sv"];

/// The name of the reversed-terms field of a [`COMPOUNDING`] analysis key.
pub fn ends_field_name(key: &str) -> String {
    format!("ends_{key}")
}

/// The field of an analysis key's name spellings: each capitalised word of a passage as
/// `KEY|stem`, its stem's [`crate::aliases::name_key`] then the stem, so that the stems a
/// key stands for are one range of the field's dictionary and a name the alias table
/// lacks finds its other transliterations and scripts (`Surovikin`, `Surowikin`,
/// `Суровикин`). Only the dictionary is read.
pub fn names_field_name(key: &str) -> String {
    format!("names_{key}")
}

/// The tokenizer of the name fields: the terms made by [`name_keys`], one per word.
pub const NAME_KEYS: &str = "name_keys";

/// The shortest word whose name key is indexed or searched, in letters: a shorter one is
/// too often another word's.
pub const MIN_NAME_STEM: usize = 5;

/// The separator of a name key and its stem in a name field's term.
pub const NAME_KEY_END: char = '|';

/// The name field's term of `word`, stemmed `stem`, that every capitalised occurrence
/// of it is indexed under: its first name key (see [`name_key_starts`]), the stem.
pub fn name_term(word: &str, stem: &str) -> String {
    let start = name_key_starts(word, stem).swap_remove(0);
    format!("{start}{stem}")
}

/// The starts of the name field's terms a capitalised word is looked up by: the name
/// key of its stem and, when it differs, of the word itself, as the stemmer of one
/// language may cut a name's end and another's not (English `Boris` is `bori`, Russian
/// `Борис` is `борис`), each followed by [`NAME_KEY_END`]. A stem shorter than
/// [`MIN_NAME_STEM`] has no key: it is too often another name's (English cuts
/// `Branning` to `bran`, the key of `Brian`).
pub fn name_key_starts(word: &str, stem: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    if stem.chars().count() >= MIN_NAME_STEM {
        keys.push(crate::aliases::name_key(stem));
    }
    let whole = crate::aliases::name_key(&word.to_lowercase());
    if !keys.contains(&whole) {
        keys.push(whole);
    }
    keys.into_iter().map(|k| format!("{k}{NAME_KEY_END}")).collect()
}

/// The name field's terms of the capitalised words of `text` (not acronyms, not in
/// capitals), each stemmed as the language of analysis key `key` stems it (see
/// [`name_term`]), space-separated; and how many words `text` has, as the text fields'
/// tokenizer cuts it (the position after its last word).
pub fn name_keys(text: &str, key: &str) -> (String, u64) {
    /// Words remembered per thread and language before the memory is cleared: names and
    /// sentence openers repeat, and stemming and keying them again is most of the cost.
    const REMEMBERED: usize = 50_000;
    type Terms = std::collections::HashMap<String, Option<String>, rustc_hash::FxBuildHasher>;
    thread_local! {
        static ANALYZERS: RefCell<Vec<(&'static str, TextAnalyzer, Terms)>> = const { RefCell::new(Vec::new()) };
    }
    let mut words = TextAnalyzer::from(WordTokenizer::default());
    let mut out = String::new();
    let mut count = 0;
    ANALYZERS.with_borrow_mut(|analyzers| {
        let at = match analyzers.iter().position(|(k, _, _)| *k == key) {
            Some(at) => at,
            None => {
                let key = keys().find(|k| *k == key).unwrap_or(OTHER);
                analyzers.push((key, analyzer_for_key(key, Side::Index), Terms::default()));
                analyzers.len() - 1
            }
        };
        let (_, analyzer, seen) = &mut analyzers[at];
        let mut stream = words.token_stream(text);
        while let Some(token) = stream.next() {
            count += 1;
            let word = token.text.as_str();
            if !word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if let Some(known) = seen.get(word) {
                push_term(&mut out, known.as_deref());
                continue;
            }
            if seen.len() >= REMEMBERED {
                seen.clear();
            }
            let terms = name_stem(analyzer, word).map(|stem| {
                let starts = name_key_starts(word, &stem);
                starts.iter().map(|start| format!("{start}{stem}")).collect::<Vec<_>>().join(" ")
            });
            push_term(&mut out, terms.as_deref());
            seen.insert(word.to_string(), terms);
        }
    });
    (out, count)
}

/// Appends a word's name field terms, if any, and a space.
fn push_term(out: &mut String, term: Option<&str>) {
    if let Some(term) = term {
        out.push_str(term);
        out.push(' ');
    }
}

/// The stem of a capitalised word (not an acronym) of [`MIN_NAME_STEM`] letters or more.
pub fn name_stem(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let long = word.chars().count() >= MIN_NAME_STEM;
    if !capitalised || !long || is_acronym(word) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    match tokens(analyzer, word).as_slice() {
        [stem] => Some(stem.clone()),
        _ => None,
    }
}

/// Makes a word's ending agree with its other forms before stemming.
///
/// A final vowel with and without its accent, so that a name written both ways meets:
/// Snowball's Spanish stemmer deletes a final `í` but keeps a final `i` (its residual
/// suffixes are `os a o á í ó e é`), so `Malí` became `mal` and `Mali` stayed `mali`;
/// `Haití` and `Haiti` likewise. Spanish words seldom end in a bare `i`, so the Spanish
/// vocabulary keeps its stems.
#[derive(Clone, Copy, Debug)]
pub struct FinalAccent {
    /// The final vowels the language's stemmer treats apart, each with the form it
    /// becomes; empty for most languages.
    pairs: &'static [(char, char)],
}

impl FinalAccent {
    /// The filter for a language.
    pub fn for_language(language: Language) -> Self {
        let pairs: &'static [(char, char)] = match language {
            Language::Spanish => &[('i', 'í')],
            // French, Hungarian, Romanian, Turkish… strip a bare final i (a verb or case
            // ending), not an í; the others treat both alike.
            _ => &[('í', 'i')],
        };
        FinalAccent { pairs }
    }

    fn apply(&self, text: &mut String) {
        let Some(last) = text.chars().last() else { return };
        let Some((_, to)) = self.pairs.iter().find(|(from, _)| *from == last) else { return };
        // A consonant before it: "mali", not "hawaii" (the stemmer keeps "ii" alike).
        let before = text[..text.len() - last.len_utf8()].chars().last();
        if before.is_some_and(|c| c.is_alphabetic() && !"aeiouáéíóú".contains(c)) {
            text.pop();
            text.push(*to);
        }
    }
}

impl TokenFilter for FinalAccent {
    type Tokenizer<T: Tokenizer> = FinalAccentFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FinalAccentFilter<T> {
        FinalAccentFilter { tokenizer, accent: self }
    }
}

/// The tokenizer [`FinalAccent`] wraps.
#[derive(Clone)]
pub struct FinalAccentFilter<T> {
    tokenizer: T,
    accent: FinalAccent,
}

impl<T: Tokenizer> Tokenizer for FinalAccentFilter<T> {
    type TokenStream<'a> = FinalAccentStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FinalAccentStream { tail: self.tokenizer.token_stream(text), accent: self.accent }
    }
}

/// The token stream of [`FinalAccentFilter`].
pub struct FinalAccentStream<S> {
    tail: S,
    accent: FinalAccent,
}

impl<S: TokenStream> TokenStream for FinalAccentStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if !self.accent.pairs.is_empty() {
            self.accent.apply(&mut self.tail.token_mut().text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The analyser for text without a stemmer: lowercase and fold.
pub fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Calls `f` with each word of `text` as [`fold_analyzer`] makes it, without its
/// filters' cost for a word in ASCII (lowercasing it is all they do to one): the copy
/// sketch of every passage indexed reads its words so.
///
/// ```
/// let mut words = Vec::new();
/// briefs::analysis::for_each_folded_word("L'Élysée SAID", |w| words.push(w.to_string()));
/// assert_eq!(words, ["l", "elysee", "said"]);
/// ```
pub fn for_each_folded_word(text: &str, mut f: impl FnMut(&str)) {
    thread_local! {
        static FOLD: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    let mut words = WordTokenizer::default();
    let mut stream = words.token_stream(text);
    let mut lowered = String::new();
    while stream.advance() {
        let word = &stream.token().text;
        if word.len() >= MAX_TOKEN_BYTES {
            continue;
        }
        if word.is_ascii() {
            lowered.clear();
            lowered.push_str(word);
            lowered.make_ascii_lowercase();
            f(&lowered);
        } else {
            FOLD.with_borrow_mut(|fold| fold.token_stream(word).process(&mut |t| f(&t.text)));
        }
    }
}

/// The analyser of Ukrainian text: lowercase, stem (see [`ukrainian`]), fold; queries
/// also drop its function words (neither tantivy nor NLTK has a Ukrainian list).
pub fn ukrainian_analyzer() -> TextAnalyzer {
    own_analyzer(&[], |t| Some(ukrainian::stem(t)), "")
}

/// Ukrainian function words dropped from queries (`у Києві` is `Києві`): prepositions,
/// conjunctions, particles, pronouns and forms of `бути`. NLTK has no Ukrainian list.
const UKRAINIAN_STOPS: &str =
    "а але або без би бо був була було були в вже ви від він вона вони воно для до є \
    же з за зі із і й їх її його коли ми між на над не ні о об під по при про та так \
    також те ті то той ту у хто це ці через що щоб як який яка яке які якщо я";

/// Polish function words dropped from queries (`w Kijowie` is `Kijowie`). NLTK has no
/// Polish list.
const POLISH_STOPS: &str = "a ale bez by był była było były być co czy dla do gdy i ich jak jako jej jest \
    jego już ku lub na nad nie o od oraz po pod przez przy są się ta tak także te \
    też to ten tym u w we z za ze że żeby który która które";

/// The analyser of a language stemmed here ([`OWN`]): lowercase, drop `stops` (a
/// whitespace-separated list; at query time), make a final accent agree (`finals`, see
/// [`FinalAccent`]), stem, fold.
fn own_analyzer(
    finals: &'static [(char, char)],
    stem: fn(&str) -> Option<String>,
    stops: &str,
) -> TextAnalyzer {
    let mut builder = TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .dynamic();
    if !stops.is_empty() {
        builder =
            builder.filter_dynamic(StopWordFilter::remove(stops.split_whitespace().map(str::to_string)));
    }
    builder
        .filter_dynamic(FinalAccent { pairs: finals })
        .filter_dynamic(MapFilter(stem))
        .filter_dynamic(AsciiFoldingFilter)
        .build()
}

/// Polish writes no `á`, `é`, `í` or `ú`: a name ending in one (`Malí`, `Perú`) is
/// stemmed as its bare form is.
const POLISH_FINALS: &[(char, char)] = &[('á', 'a'), ('é', 'e'), ('í', 'i'), ('ú', 'u')];

/// A token stemmed by one of the Snowball algorithms tantivy does not expose, the
/// stemmer built once.
fn snowball(
    stemmer: &'static OnceLock<frostem::Stemmer>,
    algorithm: frostem::Algorithm,
    token: &str,
) -> Option<String> {
    Some(stemmer.get_or_init(|| frostem::Stemmer::new(algorithm)).stem(token).into_owned())
}

fn polish_stem(token: &str) -> Option<String> {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    snowball(&STEMMER, frostem::Algorithm::Polish, token)
}

fn czech_stem(token: &str) -> Option<String> {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    snowball(&STEMMER, frostem::Algorithm::Czech, token)
}

/// The analyser of an analysis key for one side.
pub fn analyzer_for_key(key: &str, side: Side) -> TextAnalyzer {
    match STEMMED.iter().find(|(c, _)| *c == key) {
        Some((_, language)) => analyzer(*language, side),
        None if key == "uk" && side == Side::Query => {
            own_analyzer(&[], |t| Some(ukrainian::stem(t)), UKRAINIAN_STOPS)
        }
        None if key == "uk" => ukrainian_analyzer(),
        None if key == "pl" => {
            own_analyzer(POLISH_FINALS, polish_stem, if side == Side::Query { POLISH_STOPS } else { "" })
        }
        None if key == "cs" => own_analyzer(&[], czech_stem, ""),
        None => fold_analyzer(),
    }
}

/// A token filter that maps each token's text through a function, dropping the tokens
/// it maps to `None`.
#[derive(Clone, Copy)]
pub struct MapFilter(pub fn(&str) -> Option<String>);

impl TokenFilter for MapFilter {
    type Tokenizer<T: Tokenizer> = MapFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapFilterWrapper<T> {
        MapFilterWrapper { tokenizer, map: self.0 }
    }
}

/// The tokenizer [`MapFilter`] wraps.
#[derive(Clone)]
pub struct MapFilterWrapper<T> {
    tokenizer: T,
    map: fn(&str) -> Option<String>,
}

impl<T: Tokenizer> Tokenizer for MapFilterWrapper<T> {
    type TokenStream<'a> = MapFilterStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream { tail: self.tokenizer.token_stream(text), map: self.map }
    }
}

/// The token stream of [`MapFilterWrapper`].
pub struct MapFilterStream<S> {
    tail: S,
    map: fn(&str) -> Option<String>,
}

impl<S: TokenStream> TokenStream for MapFilterStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if let Some(text) = (self.map)(&token.text) {
                token.text = text;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers every briefs analyser of one side on a tokenizer manager.
pub fn register(manager: &TokenizerManager, side: Side) {
    for key in keys() {
        manager.register(&text_field_name(key), analyzer_for_key(key, side));
    }
    for key in COMPOUNDING {
        manager.register(&ends_field_name(key), analyzer_for_key(key, Side::Ends));
    }
    manager.register(FOLD, fold_analyzer());
    manager.register(CAPITALS, capitals_analyzer());
    manager.register(NAME_KEYS, TextAnalyzer::from(tantivy::tokenizer::WhitespaceTokenizer::default()));
}

/// A tokenizer manager with the query-side analysers, for query parsers.
pub fn query_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    register(&manager, Side::Query);
    manager
}

/// The tokens an analyser makes of a text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn folded_words_are_the_fold_analyzer_s(
            text in "[a-zA-Z0-9 ,.'’\\-éÉßŁłİ日ЖжЇїΣσς]{0,60}"
        ) {
            let mut fast = Vec::new();
            for_each_folded_word(&text, |w| fast.push(w.to_string()));
            proptest::prop_assert_eq!(fast, tokens(&mut fold_analyzer(), &text));
        }
    }

    #[test]
    fn a_word_too_long_to_index_is_no_folded_word() {
        let long = "a".repeat(MAX_TOKEN_BYTES);
        let mut fast = Vec::new();
        for_each_folded_word(&format!("x {long} y"), |w| fast.push(w.to_string()));
        assert_eq!(fast, tokens(&mut fold_analyzer(), &format!("x {long} y")));
        assert_eq!(fast, ["x", "y"]);
    }

    fn toks(key: &str, text: &str) -> Vec<String> {
        tokens(&mut analyzer_for_key(key, Side::Query), text)
    }

    #[test]
    fn inflections_meet_per_language() {
        assert_eq!(toks("en", "negotiating"), toks("en", "negotiations"));
        assert_eq!(toks("fr", "négociation"), toks("fr", "négociations"));
        assert_eq!(toks("de", "Verhandlung"), toks("de", "Verhandlungen"));
        assert_eq!(toks("es", "negociación"), toks("es", "negociaciones"));
    }

    #[test]
    fn accents_fold_in_every_analyser() {
        for key in ["en", "fr", "xx"] {
            assert_eq!(toks(key, "Sergueï"), toks(key, "Serguei"), "{key}");
        }
    }

    #[test]
    fn a_final_accent_meets_its_bare_form() {
        let mut apart = Vec::new();
        for key in keys() {
            for (a, b) in [("Malí", "Mali"), ("Haití", "Haiti")] {
                if toks(key, a) != toks(key, b) {
                    apart.push(format!("{key}: {:?} {:?}", toks(key, a), toks(key, b)));
                }
            }
        }
        assert!(apart.is_empty(), "{apart:?}");
        // Spanish stems stay: the accent goes only on a bare final i.
        assert_eq!(toks("es", "negociación"), toks("es", "negociaciones"));
        assert_eq!(toks("es", "israelí"), toks("es", "Israel"));
    }

    #[test]
    fn russian_plurals_meet_their_nouns() {
        assert_eq!(toks("ru", "министров"), toks("ru", "министр"));
        assert_eq!(toks("ru", "боёв"), toks("ru", "бой"), "battles, a battle");
    }

    #[test]
    fn stop_words_drop_at_query_time_where_a_list_exists() {
        assert_eq!(toks("en", "the troops"), toks("en", "troops"));
        assert_eq!(toks("xx", "the troops").len(), 2);
        assert_eq!(tokens(&mut analyzer_for_key("en", Side::Index), "the troops").len(), 2);
    }

    #[test]
    fn unknown_languages_share_the_fold_field() {
        assert_eq!(key("bg"), OTHER);
        assert_eq!(key(OTHER), OTHER);
        assert_eq!(keys().count(), STEMMED.len() + OWN.len() + 1);
    }

    #[test]
    fn ukrainian_names_meet_across_cases() {
        assert_eq!(toks("uk", "Зеленського"), toks("uk", "Зеленський"));
        assert_eq!(toks("uk", "Зеленському"), toks("uk", "Зеленський"));
        assert_ne!(toks("xx", "Зеленського"), toks("xx", "Зеленський"), "the fold field does not stem");
        assert_eq!(tokens(&mut analyzer_for_key("uk", Side::Index), "Сили оборони"), ["сил", "оборон"]);
    }
}
