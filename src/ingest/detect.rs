//! Language detection per paragraph, steered by what else is known: the languages of
//! the paragraph's document and group, of its folder, and a language the source states.
//! Pure functions, no I/O.
//!
//! whatlang on one short paragraph often names a neighbour language (Afrikaans for
//! English, Danish for German), and a German sentence full of English names can read as
//! English to it with full confidence. So a paragraph's own text decides only when it is
//! reliable: whatlang is confident on at least [`MIN_DETECT_BYTES`], or the paragraph's
//! stop words clearly point at one language (a stop-word vote overrules whatlang when
//! it is clear and whatlang's language has a stop-word list to vote with). The languages
//! that hold a real share of the group, dominate a document or are established in the
//! folder ([`Prior`]) are accepted; every other paragraph is decided among them: by its
//! stop words, then by whatlang restricted to them, then by its nearest reliable
//! neighbour, its document, its group and its folder. A language the source states
//! (JSON `lang`, front matter) always wins.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use whatlang::{Detector, Lang};

use crate::text::cut_at_char_boundary;

/// Paragraphs shorter than this many bytes are never reliable by whatlang alone.
pub const MIN_DETECT_BYTES: usize = 40;
/// Detection looks at no more than this many bytes of a paragraph.
pub const DETECT_PREFIX_BYTES: usize = 200;
/// Stop words are counted in no more than this many bytes of a paragraph.
const STOP_SCAN_BYTES: usize = 400;
/// A stop-word vote decides alone with at least this many hits...
const STOP_CLEAR_HITS: u32 = 3;
/// ...and this many times the hits of any other language.
const STOP_CLEAR_RATIO: u32 = 2;
/// A stop-word vote that does not decide alone narrows the field with this many hits.
const STOP_MIN_HITS: u32 = 2;
/// whatlang restricted to the accepted languages decides before the document's language
/// at this confidence...
const RESTRICTED_CONFIDENCE: f64 = 0.5;
/// ...before the folder's majority language at this one (whatlang is this sure of
/// `Bundeswehr beschafft neue Panzerhaubitzen für Litauen-Brigade` as German, and
/// under 0.05 of the French it sees in `Russia fires hypersonic missiles at Odesa port`)…
const OWN_OVER_MAJORITY: f64 = 0.2;
/// ...and before the group's or folder's at this one.
const WEAK_CONFIDENCE: f64 = 0.1;
/// A language holding at least this share of a group's detected paragraphs is accepted.
const ACCEPT_SHARE: f64 = 0.05;
/// A language detected in at least this many paragraphs of one document is accepted.
const ACCEPT_IN_DOC: usize = 2;
/// A folder's language counts once it has been reliably seen this many times.
const PRIOR_MIN: usize = 3;
/// A document is settled in a language after this many reliable paragraphs in a row in
/// it (see [`judge_document`]).
const SETTLED_AFTER: usize = 1;

/// The languages detection chooses among: every language tantivy can stem (they change
/// analysis) and the other major languages of defence reporting. Fewer candidates make
/// whatlang faster and keep short paragraphs from drifting to rare neighbours
/// (Afrikaans for Dutch, Latin or Esperanto for anything).
pub const CANDIDATES: [Lang; 31] = [
    Lang::Ara,
    Lang::Dan,
    Lang::Deu,
    Lang::Ell,
    Lang::Eng,
    Lang::Spa,
    Lang::Fin,
    Lang::Fra,
    Lang::Hun,
    Lang::Ita,
    Lang::Nob,
    Lang::Nld,
    Lang::Por,
    Lang::Ron,
    Lang::Rus,
    Lang::Swe,
    Lang::Tam,
    Lang::Tur,
    Lang::Pol,
    Lang::Ces,
    Lang::Slk,
    Lang::Ukr,
    Lang::Bul,
    Lang::Heb,
    Lang::Pes,
    Lang::Hin,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
    Lang::Vie,
    Lang::Ind,
];

/// A detector over [`CANDIDATES`].
pub fn detector() -> Detector {
    Detector::with_allowlist(CANDIDATES.to_vec())
}

/// ISO 639-1 code (or 639-3 where none exists) of a whatlang language.
pub fn code(lang: Lang) -> String {
    isolang::Language::from_639_3(lang.code()).and_then(|l| l.to_639_1()).unwrap_or(lang.code()).to_string()
}

/// The whatlang language of an ISO 639-1 code.
pub fn lang_of_code(code: &str) -> Option<Lang> {
    let three = isolang::Language::from_639_1(code).map(|l| l.to_639_3()).unwrap_or(code);
    Lang::from_code(three)
}

/// A stated language (`fr`, `FR`, `fr-FR`, `fra`, `French`) as the code passages carry:
/// ISO 639-1, or 639-3 where there is none. `None` for what is not a language.
///
/// ```
/// use briefs::ingest::detect::normalize_code;
/// assert_eq!(normalize_code("de-AT").as_deref(), Some("de"));
/// assert_eq!(normalize_code("ukr").as_deref(), Some("uk"));
/// assert_eq!(normalize_code("Spanish").as_deref(), Some("es"));
/// assert_eq!(normalize_code("xx"), None);
/// ```
pub fn normalize_code(stated: &str) -> Option<String> {
    let base = stated.trim().split(['-', '_']).next()?.to_lowercase();
    let named = || {
        let mut chars = base.chars();
        let title: String = chars.next()?.to_uppercase().chain(chars).collect();
        isolang::Language::from_name(&title)
    };
    let lang = match base.len() {
        2 => isolang::Language::from_639_1(&base),
        3 => isolang::Language::from_639_3(&base),
        _ => named(),
    }?;
    Some(lang.to_639_1().unwrap_or(lang.to_639_3()).to_string())
}

/// The languages established in a folder: how many passages were reliably detected (or
/// stated) in each. The indexer keeps one per folder and merges each group's
/// [`Assignment::seen`] into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prior {
    counts: HashMap<Lang, usize>,
    /// The language most of a batch's unclear passages were given, when one clearly
    /// leads (see [`Prior::lean`]): a hint for short lines, not a detection.
    leaning: Option<Lang>,
}

impl Prior {
    /// An empty prior: nothing seen yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `n` passages in the language of an ISO 639 code; unknown codes are ignored.
    pub fn add(&mut self, code: &str, n: usize) {
        if let Some(lang) = lang_of_code(code) {
            *self.counts.entry(lang).or_default() += n;
        }
    }

    /// Adds another prior's counts.
    pub fn merge(&mut self, other: &Prior) {
        other.counts.iter().for_each(|(l, n)| *self.counts.entry(*l).or_default() += n);
    }

    /// Passages seen in the language of an ISO 639 code.
    pub fn count(&self, code: &str) -> usize {
        lang_of_code(code).and_then(|l| self.counts.get(&l)).copied().unwrap_or(0)
    }

    /// Leans towards the language that leads `guessed` (the languages a batch's unclear
    /// passages were given one by one) as `majority` counts a lead, if one does;
    /// returns whether the prior now has a majority language. The leaning counts for
    /// short, unclear passages only, never as a language the folder is written in.
    pub fn lean(&mut self, guessed: &Prior) -> bool {
        let mut both = self.clone();
        both.merge(guessed);
        self.leaning = majority(&[], &both);
        self.has_majority()
    }

    /// Whether nothing was seen.
    pub fn is_empty(&self) -> bool {
        self.counts.values().all(|n| *n == 0)
    }

    /// Whether one language holds most of what was seen (see `majority`): a short
    /// paragraph that says nothing clear is taken to be in it.
    pub fn has_majority(&self) -> bool {
        majority(&[], self).is_some()
    }

    /// The established languages: seen at least [`PRIOR_MIN`] times and holding a real
    /// share.
    fn languages(&self) -> Vec<Lang> {
        let total: usize = self.counts.values().sum();
        let held = |n: usize| n >= PRIOR_MIN && n as f64 >= ACCEPT_SHARE * total as f64;
        let mut out: Vec<Lang> = self.counts.iter().filter(|(_, n)| held(**n)).map(|(l, _)| *l).collect();
        out.sort_by_key(|l| l.code());
        out
    }

    /// The most seen established language.
    fn dominant(&self) -> Option<Lang> {
        let established = self.languages();
        let counts = self.counts.iter().filter(|(l, _)| established.contains(l));
        counts.max_by(|a, b| a.1.cmp(b.1).then(b.0.code().cmp(a.0.code()))).map(|(l, _)| *l)
    }
}

/// What is known of a group's languages before its text is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// Per document, the language its source states (JSON `lang`, front matter), as any
    /// form [`normalize_code`] reads; it always wins. Empty when none is stated.
    pub explicit: &'a [Option<&'a str>],
    /// The languages already established in the documents' folder.
    pub prior: Option<&'a Prior>,
}

/// The languages of a group's passages, and what the group adds to its folder's prior.
#[derive(Debug, Clone, Default)]
pub struct Assignment {
    /// ISO 639-1 codes, in the shape of the documents given.
    pub langs: Vec<Vec<String>>,
    /// The passages reliably detected or stated, by language.
    pub seen: Prior,
}

/// Detects the language of one paragraph; `None` when too short or unreliable.
///
/// ```
/// let d = whatlang::Detector::new();
/// let fr = "Les négociations entre les alliés sur l'envoi de troupes en Ukraine sont au point mort.";
/// assert_eq!(briefs::ingest::detect::detect(&d, fr).as_deref(), Some("fr"));
/// assert_eq!(briefs::ingest::detect::detect(&d, "Geneva"), None);
/// ```
pub fn detect(detector: &Detector, text: &str) -> Option<String> {
    judge(detector, text).reliable.map(code)
}

/// Languages of one document's paragraphs (a group of one).
pub fn languages(detector: &Detector, paragraphs: &[&str]) -> Vec<String> {
    assign(detector, &[paragraphs.to_vec()]).remove(0)
}

/// Languages of every paragraph of a group of documents, in the same shape.
pub fn assign(detector: &Detector, docs: &[Vec<&str>]) -> Vec<Vec<String>> {
    assign_with(detector, docs, &Hints::default()).langs
}

/// Languages of every paragraph of a group of documents, with stated languages and the
/// folder's prior.
///
/// ```
/// use briefs::ingest::detect::{assign_with, detector, Hints, Prior};
/// let mut folder = Prior::new();
/// folder.add("de", 20);
/// folder.add("en", 20);
/// let docs = vec![vec!["Die Truppen sind bereit."], vec!["Costa."]];
/// let hints = Hints { explicit: &[None, Some("es")], prior: Some(&folder) };
/// let out = assign_with(&detector(), &docs, &hints);
/// assert_eq!(out.langs, [["de"], ["es"]]);
/// ```
pub fn assign_with(detector: &Detector, docs: &[Vec<&str>], hints: &Hints) -> Assignment {
    let own: Vec<Vec<Own>> = docs.iter().map(|paras| judge_document(detector, paras)).collect();
    let reliable: Vec<Vec<Option<Lang>>> =
        own.iter().map(|d| d.iter().map(|o| o.reliable).collect()).collect();
    let prior = hints.prior.cloned().unwrap_or_default();
    let mut accepted = accepted(&reliable);
    accepted.extend(prior.languages());
    accepted.sort_by_key(|l| l.code());
    accepted.dedup();
    let group = Group {
        restricted: Detector::with_allowlist(accepted.clone()),
        dominant: dominant(reliable.iter().flatten(), &accepted).or_else(|| prior.dominant()),
        majority: majority(&reliable, &prior),
        accepted,
    };
    let stated: Vec<Option<String>> =
        (0..docs.len()).map(|i| hints.explicit.get(i).copied().flatten().and_then(normalize_code)).collect();
    let langs: Vec<Vec<String>> = docs
        .iter()
        .zip(&own)
        .zip(&stated)
        .map(|((paras, own), stated)| match stated {
            Some(stated) => vec![stated.clone(); paras.len()],
            None => group.resolve(paras, own).into_iter().map(code).collect(),
        })
        .collect();
    let seen = seen(&langs, &reliable, &stated);
    Assignment { langs, seen }
}

/// What a group adds to its folder's prior: stated languages and reliable detections.
fn seen(langs: &[Vec<String>], reliable: &[Vec<Option<Lang>>], stated: &[Option<String>]) -> Prior {
    let mut prior = Prior::new();
    for ((doc, found), stated) in langs.iter().zip(reliable).zip(stated) {
        match stated {
            Some(code) => prior.add(code, doc.len()),
            None => found.iter().flatten().for_each(|l| *prior.counts.entry(*l).or_default() += 1),
        }
    }
    prior
}

/// What a paragraph's own text says of its language.
struct Own<'t> {
    text: &'t str,
    /// whatlang's pick, reliable or not, with its confidence.
    guess: Option<(Lang, f64)>,
    /// The language when the text alone is reliable.
    reliable: Option<Lang>,
    /// Stop-word hits per [`CANDIDATES`] entry, counted when first needed.
    votes: OnceCell<Votes>,
}

impl Own<'_> {
    fn votes(&self) -> &Votes {
        self.votes.get_or_init(|| stop_votes(cut_at_char_boundary(self.text, STOP_SCAN_BYTES)))
    }

    /// whatlang's guess when the stop words point at it alone, however unsure whatlang
    /// is: two weak signals that agree. Tied with other languages (Spanish `de`, `el`,
    /// `la` are Romanian and Hungarian stop words too), it still agrees when none of them
    /// is a language of the group, the text has [`STOP_CLEAR_HITS`] of its words and not
    /// one of any language of the group: `de facto … de jure` in an English speech is
    /// not French (`its`, `as`).
    fn agreed(&self, accepted: &[Lang]) -> Option<Lang> {
        let (guess, _) = self.guess?;
        let votes = self.votes();
        let leaders = votes.leaders(&CANDIDATES);
        if leaders == [guess] {
            return Some(guess);
        }
        // No word of the group's languages: none of them can be among the leaders either.
        let group_silent = accepted.iter().all(|l| *l == guess || votes.hits(*l) == 0);
        let clear = votes.hits(guess) >= STOP_CLEAR_HITS && group_silent;
        (leaders.contains(&guess) && clear).then_some(guess)
    }
}

/// Detects one paragraph on its own text. The stop words are asked whenever whatlang is
/// unsure and for paragraphs short enough to be read by them whole; whatlang confident on
/// a longer one is not second-guessed (it reads more than the names a short one is
/// fooled by, and the vote would cost time on every paragraph).
fn judge<'t>(detector: &Detector, text: &'t str) -> Own<'t> {
    let info = detector.detect(cut_at_char_boundary(text, DETECT_PREFIX_BYTES));
    let guess = info.as_ref().map(|i| (i.lang(), i.confidence()));
    let confident = info.filter(|i| i.is_reliable() && text.len() >= MIN_DETECT_BYTES).map(|i| i.lang());
    let mut own = Own { text, guess, reliable: confident, votes: OnceCell::new() };
    if confident.is_none() || text.len() <= STOP_SCAN_BYTES {
        let voted = guess.filter(|g| has_stop_words(g.0)).and_then(|_| own.votes().clear_winner());
        own.reliable = voted.or_else(|| contradicted(&own)).or(confident);
    }
    own
}

/// The one language whose stop words a paragraph holds (at least [`STOP_MIN_HITS`], in
/// its first [`STOP_SCAN_BYTES`]) when whatlang picked one that has stop words and the
/// text holds none of them: whatlang is sure that `Ankara. Turkey said it would keep its S-400 air
/// defence systems despite US pressure.` is French, and no French sentence goes
/// without a French stop word.
fn contradicted(own: &Own) -> Option<Lang> {
    let (guess, _) = own.guess.filter(|(g, _)| has_stop_words(*g))?;
    let votes = own.votes();
    match votes.leaders(&CANDIDATES).as_slice() {
        [one] if votes.hits(guess) == 0 => Some(*one),
        _ => None,
    }
}

/// Detects a document's paragraphs on their own text. Once [`SETTLED_AFTER`] reliable
/// paragraphs in a row are in one language, a paragraph whose stop words clearly point at
/// that language too is taken as written in it without asking whatlang (most of the
/// time of indexing): whatlang is asked whenever the stop words say anything else.
fn judge_document<'t>(detector: &Detector, paras: &[&'t str]) -> Vec<Own<'t>> {
    let mut out = Vec::with_capacity(paras.len());
    let mut run: Option<(Lang, usize)> = None;
    for text in paras {
        let settled = run.filter(|(_, n)| *n >= SETTLED_AFTER).map(|(l, _)| l);
        let own = settled.and_then(|l| by_stop_words(text, l)).unwrap_or_else(|| judge(detector, text));
        run = match (own.reliable, run) {
            (Some(l), Some((r, n))) if l == r => Some((l, n + 1)),
            (Some(l), _) => Some((l, 1)),
            (None, run) => run,
        };
        out.push(own);
    }
    out
}

/// A paragraph of a document settled in `lang`, when its stop words clearly point at
/// `lang` as [`judge`] would count them.
fn by_stop_words(text: &str, lang: Lang) -> Option<Own<'_>> {
    if !has_stop_words(lang) {
        return None;
    }
    let votes = stop_votes(cut_at_char_boundary(text, STOP_SCAN_BYTES));
    (votes.clear_winner() == Some(lang)).then(|| Own {
        text,
        guess: Some((lang, 1.0)),
        reliable: Some(lang),
        votes: OnceCell::from(votes),
    })
}

/// A group's accepted languages and fallbacks.
struct Group {
    accepted: Vec<Lang>,
    restricted: Detector,
    /// The group's (or else the folder's) most frequent language.
    dominant: Option<Lang>,
    /// The language of most of the group's and folder's reliably detected passages
    /// (see [`majority`]).
    majority: Option<Lang>,
}

impl Group {
    /// The languages of one document's paragraphs.
    fn resolve(&self, paras: &[&str], own: &[Own]) -> Vec<Lang> {
        let reliable: Vec<Option<Lang>> =
            own.iter().map(|o| o.reliable.filter(|l| self.accepted.contains(l))).collect();
        let doc = dominant(reliable.iter(), &self.accepted).or_else(|| self.surely(paras, own));
        let pick = |(i, text): (usize, &&str)| {
            let lang = reliable[i].unwrap_or_else(|| {
                let decided = self.decide(text, &own[i], neighbour(&reliable, i).or(doc));
                unless_not_ukrainian(text, in_its_script(text, decided, &self.accepted))
            });
            by_its_letters(text, lang)
        };
        paras.iter().enumerate().map(pick).collect()
    }

    /// The language whatlang, among the group's languages, is sure of for most of the
    /// paragraphs of a document that it is sure of at all, when none is reliable on its
    /// own: a news item of two sentences full of names (`Defence Minister Andrei
    /// Belousov visited a glide bomb plant in Dzerzhinsk, Russian media said.` reads as
    /// German at 0.25 alone, the sentence before it as English at 0.88) is in one
    /// language, not two.
    /// A paragraph alone is left to [`Group::decide`], and so is a group of one
    /// language, which whatlang restricted to it is always sure of.
    fn surely(&self, paras: &[&str], own: &[Own]) -> Option<Lang> {
        if paras.len() < 2 || self.accepted.len() < 2 {
            return None;
        }
        let sure = |(text, own): (&&str, &Own)| {
            self.guess(text, own).filter(|g| g.1 >= RESTRICTED_CONFIDENCE).map(|g| g.0)
        };
        let found: Vec<Option<Lang>> = paras.iter().zip(own).map(sure).collect();
        let lang = dominant(found.iter(), &self.accepted)?;
        let sure_of = found.iter().flatten().count();
        // Most of them: a tie of two languages says nothing.
        (2 * found.iter().filter(|l| **l == Some(lang)).count() > sure_of).then_some(lang)
    }

    /// The language of a paragraph its own text does not settle: the one whatlang and the
    /// stop words agree on, even if not accepted; else among the accepted languages (all
    /// candidates when none is): its stop words; then whatlang when fairly
    /// sure, and its document (`local`) — the document first for a short paragraph; then
    /// whatlang when somewhat sure; then the group's or folder's language.
    fn decide(&self, text: &str, own: &Own, local: Option<Lang>) -> Lang {
        let field: &[Lang] = if self.accepted.is_empty() { &CANDIDATES } else { &self.accepted };
        if let Some(agreed) = own.agreed(&self.accepted) {
            return agreed;
        }
        // Outside a document that has a language of its own, a short line's one stop
        // word outweighs a language of the group it holds none of (a language that has
        // stop words, or its silence would say nothing). Inside one, `war.` left over
        // from a hard-wrapped line is the document's, not German.
        let short = text.len() < MIN_DETECT_BYTES;
        let contrary = |lang: Lang| {
            let silent = local.is_none() && has_stop_words(lang) && own.votes().hits(lang) == 0;
            (short && silent).then(|| self.voted_once(text, own, &CANDIDATES)).flatten().unwrap_or(lang)
        };
        if let [only] = field {
            return self.foreign(text, own, *only, local).unwrap_or_else(|| contrary(*only));
        }
        let cached = OnceCell::new();
        let guess = || *cached.get_or_init(|| self.guess(text, own));
        let at_least = |c: f64| guess().filter(|g| g.1 >= c).map(|g| g.0);
        let sure = || at_least(RESTRICTED_CONFIDENCE);
        let own_text = || match text.len() >= MIN_DETECT_BYTES {
            true => sure().or(local).or_else(|| at_least(OWN_OVER_MAJORITY)).or(self.majority),
            false => local
                .or(self.majority.map(contrary))
                // Silent when an accepted language in the text's script cannot vote:
                // a Polish `to` is no English.
                .or_else(|| self.voted_once(text, own, field).filter(|_| all_can_vote(text, &self.accepted)))
                .or_else(sure),
        };
        self.voted(text, own, field)
            .or_else(own_text)
            .or_else(|| at_least(WEAK_CONFIDENCE))
            .or(self.dominant)
            .or_else(|| guess().map(|g| g.0))
            .unwrap_or(Lang::Eng)
    }

    /// For a paragraph of a group that accepts one language, `only`, outside a document
    /// with a language of its own: whatlang's own pick when it is fairly sure of it and
    /// the text holds not one stop word of `only` (`Präsident Selenskyj traf
    /// Bundeskanzler Scholz am Donnerstagabend in Berlin.` among French briefs).
    fn foreign(&self, text: &str, own: &Own, only: Lang, local: Option<Lang>) -> Option<Lang> {
        let (guess, confidence) = own.guess?;
        let silent = has_stop_words(only) && own.votes().hits(only) == 0;
        let sure = confidence >= RESTRICTED_CONFIDENCE && text.len() >= MIN_DETECT_BYTES;
        (local.is_none() && guess != only && silent && sure).then_some(guess)
    }

    /// For a short paragraph outside a document with a language of its own: the
    /// language of `field` whose stop words it holds, though it holds only one
    /// (`Sanctions extended until June.` is English, not whatlang's French), whatlang
    /// choosing among languages tied.
    fn voted_once(&self, text: &str, own: &Own, field: &[Lang]) -> Option<Lang> {
        leader(text, &own.votes().leaders_with(field, 1))
    }

    /// whatlang's pick among the field (the paragraph's own guess when there are no
    /// accepted languages).
    fn guess(&self, text: &str, own: &Own) -> Option<(Lang, f64)> {
        if self.accepted.is_empty() {
            return own.guess;
        }
        let info = self.restricted.detect(cut_at_char_boundary(text, DETECT_PREFIX_BYTES))?;
        Some((info.lang(), info.confidence()))
    }

    /// The stop words' choice in the field: the language with most hits, or whatlang's
    /// pick among the languages tied for most. Silent when a language that could be meant
    /// has no stop-word list (it cannot vote): an accepted one, or whatlang's own guess
    /// when nothing is accepted.
    fn voted(&self, text: &str, own: &Own, field: &[Lang]) -> Option<Lang> {
        let mute = match self.accepted.is_empty() {
            true => own.guess.is_some_and(|(g, _)| !has_stop_words(g)),
            false => !field.iter().all(|l| has_stop_words(*l)),
        };
        (!mute).then(|| leader(text, &own.votes().leaders(field))).flatten()
    }
}

/// Whether every language of `field` written in `text`'s script has stop words to vote
/// with.
fn all_can_vote(text: &str, field: &[Lang]) -> bool {
    let script = whatlang::detect_script(cut_at_char_boundary(text, DETECT_PREFIX_BYTES));
    let in_script = |l: &&Lang| script.is_none_or(|s| s.langs().contains(*l));
    field.iter().filter(in_script).all(|l| has_stop_words(*l))
}

/// The one language of `leaders`, or whatlang's pick among them when they are tied.
fn leader(text: &str, leaders: &[Lang]) -> Option<Lang> {
    match leaders {
        [] => None,
        [one] => Some(*one),
        tied => Detector::with_allowlist(tied.to_vec())
            .detect_lang(cut_at_char_boundary(text, DETECT_PREFIX_BYTES)),
    }
}

/// `lang` if the text is written in a script of it; otherwise a language of the text's
/// script: the group's (or its folder's) when it has one there, else whatlang's pick
/// among the candidates written in that script. A short Russian line in an English
/// folder is not English, nor a short English or Polish line in a Ukrainian one. A few
/// Latin words in a Cyrillic or Greek document keep its language (see the body).
fn in_its_script(text: &str, lang: Lang, accepted: &[Lang]) -> Lang {
    let sample = cut_at_char_boundary(text, DETECT_PREFIX_BYTES);
    let Some(script) = whatlang::detect_script(sample) else { return lang };
    let langs = script.langs();
    if langs.contains(&lang) {
        return lang;
    }
    if script == whatlang::Script::Latin
        && sample.split_whitespace().filter(|w| w.len() > 1).count() < LATIN_PROSE_WORDS
    {
        // Names and acronyms: the document's own analyser keeps them as written,
        // another language's stemmer would cut them.
        return lang;
    }
    let of_group: Vec<Lang> = accepted.iter().copied().filter(|l| langs.contains(l)).collect();
    let candidates: Vec<Lang> = match of_group.is_empty() {
        true => CANDIDATES.iter().copied().filter(|l| langs.contains(l)).collect(),
        false => of_group,
    };
    if let [one] = stop_votes(sample).leaders(&candidates).as_slice() {
        return *one;
    }
    match candidates.as_slice() {
        [] => lang,
        [only] => *only,
        many => Detector::with_allowlist(many.to_vec()).detect_lang(sample).unwrap_or(many[0]),
    }
}

/// Words a Latin-script paragraph of a document in another script needs to be read as
/// prose in a language of its own rather than names (`NATO`, `Reuters`).
const LATIN_PROSE_WORDS: usize = 3;

/// Letters only Russian writes of the Cyrillic candidates (Bulgarian and Ukrainian
/// have none of them), in both cases.
const ONLY_RUSSIAN: [char; 6] = ['ы', 'э', 'ё', 'Ы', 'Э', 'Ё'];
/// Letters only Ukrainian writes of the Cyrillic candidates, in both cases.
const ONLY_UKRAINIAN: [char; 8] = ['і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ'];

/// Letters Bulgarian writes that Russian seldom or never does: a Bulgarian sentence of
/// any length nearly always has one (`във`, `със`, `държава`).
const BULGARIAN: [char; 4] = ['ъ', 'ѝ', 'Ъ', 'Ѝ'];

/// Cyrillic letters a paragraph its own text did not settle, taken for Ukrainian, has at
/// least when not one of them being `і`, `ї`, `є` or `ґ` says it is not: they are about
/// one letter in fifteen of Ukrainian text, so eighty letters lack them all by chance
/// about once in two hundred and fifty.
const UKRAINIAN_LETTERS_EXPECTED_WITHIN: usize = 80;

/// `lang`, unless it is a Cyrillic candidate and the text's letters rule it out: a
/// paragraph with `ы`, `э` or `ё` and no Ukrainian letter is Russian, one with `і`, `ї`,
/// `є` or `ґ` and no Russian letter is Ukrainian, and one taken for Bulgarian with
/// neither `ъ` nor `ѝ` is Russian. A short Russian line of acronyms and places (`ВКС РФ
/// нанесли удар по Одессе`) reads to the trigrams as Bulgarian.
fn by_its_letters(text: &str, lang: Lang) -> Lang {
    if !matches!(lang, Lang::Rus | Lang::Ukr | Lang::Bul) {
        return lang;
    }
    let sample = cut_at_char_boundary(text, DETECT_PREFIX_BYTES);
    let russian = sample.contains(ONLY_RUSSIAN);
    let ukrainian = sample.contains(ONLY_UKRAINIAN);
    match (russian, ukrainian) {
        (true, false) => Lang::Rus,
        (false, true) => Lang::Ukr,
        (false, false) if lang == Lang::Bul && !sample.contains(BULGARIAN) => Lang::Rus,
        _ => lang,
    }
}

/// A paragraph its own text did not settle, taken for Ukrainian (its document's or its
/// folder's language) with no Ukrainian letter in [`UKRAINIAN_LETTERS_EXPECTED_WITHIN`]
/// Cyrillic letters, is Russian: a Russian paragraph in a Ukrainian folder.
fn unless_not_ukrainian(text: &str, lang: Lang) -> Lang {
    if lang != Lang::Ukr {
        return lang;
    }
    let sample = cut_at_char_boundary(text, DETECT_PREFIX_BYTES);
    let letters =
        sample.chars().filter(|c| matches!(c, '\u{0400}'..='\u{04FF}') && c.is_alphabetic()).count();
    match letters >= UKRAINIAN_LETTERS_EXPECTED_WITHIN && !sample.contains(ONLY_UKRAINIAN) {
        true => Lang::Rus,
        false => lang,
    }
}

/// The language of the nearest reliably detected paragraph of the same document (the
/// earlier one on a tie).
fn neighbour(reliable: &[Option<Lang>], i: usize) -> Option<Lang> {
    (1..reliable.len()).find_map(|k| {
        let before = i.checked_sub(k).and_then(|j| reliable[j]);
        before.or_else(|| reliable.get(i + k).copied().flatten())
    })
}

/// The languages that hold a real share of the group or dominate one of its documents.
fn accepted(raw: &[Vec<Option<Lang>>]) -> Vec<Lang> {
    let mut share: HashMap<Lang, usize> = HashMap::new();
    raw.iter().flatten().flatten().for_each(|l| *share.entry(*l).or_default() += 1);
    let total: usize = share.values().sum();
    let mut out: Vec<Lang> =
        share.iter().filter(|(_, n)| **n as f64 >= ACCEPT_SHARE * total as f64).map(|(l, _)| *l).collect();
    for doc in raw {
        let mut counts: HashMap<Lang, usize> = HashMap::new();
        doc.iter().flatten().for_each(|l| *counts.entry(*l).or_default() += 1);
        out.extend(counts.into_iter().filter(|(_, n)| *n >= ACCEPT_IN_DOC).map(|(l, _)| l));
    }
    out.sort_by_key(|l| l.code());
    out.dedup();
    out
}

/// The language most of the passages detected in the group and its folder are in, when
/// it leads the next one by half again, [`PRIOR_MIN`] passages at least: a line that
/// says nothing clear is in the language its folder is mostly in more likely than in
/// whatever whatlang guesses from a few words (the prior outweighs weak evidence).
fn majority(reliable: &[Vec<Option<Lang>>], prior: &Prior) -> Option<Lang> {
    if let Some(lang) = prior.leaning {
        return Some(lang);
    }
    let mut counts = prior.counts.clone();
    reliable.iter().flatten().flatten().for_each(|l| *counts.entry(*l).or_default() += 1);
    let mut ranked: Vec<(Lang, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
    let (lang, n) = *ranked.first()?;
    let next = ranked.get(1).map_or(0, |r| r.1);
    (n >= PRIOR_MIN && 2 * n >= 3 * next).then_some(lang)
}

/// The most frequent accepted language among detections.
fn dominant<'a>(found: impl Iterator<Item = &'a Option<Lang>>, accepted: &[Lang]) -> Option<Lang> {
    let mut counts: HashMap<Lang, usize> = HashMap::new();
    found.flatten().filter(|l| accepted.contains(l)).for_each(|l| *counts.entry(*l).or_default() += 1);
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.code().cmp(a.0.code()))).map(|(l, _)| l)
}

/// For every stop word of a candidate language, the candidates (bit `i` for
/// `CANDIDATES[i]`) whose list holds it, and the longest word's length. Words of one
/// letter are left out: they are in too many lists and in abbreviations.
struct StopIndex {
    words: HashMap<&'static str, u32, BuildHasherDefault<Fnv>>,
    longest: usize,
}

static STOP_WORDS: LazyLock<StopIndex> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    for (i, lang) in CANDIDATES.iter().enumerate() {
        let list = stop_list(*lang).unwrap_or_default().iter().copied();
        for word in list.filter(|w| w.chars().nth(1).is_some()) {
            *words.entry(word).or_default() |= 1 << i;
        }
    }
    let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
    StopIndex { words, longest }
});

/// FNV-1a: stop-word lookups hash short keys millions of times, where SipHash's
/// resistance to chosen keys buys nothing.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The stop-word list of a language, when the `stop-words` crate has one.
fn stop_list(lang: Lang) -> Option<&'static [&'static str]> {
    match lang {
        Lang::Nob => stop_words::lookup("no"),
        other => stop_words::lookup(code(other)),
    }
}

fn has_stop_words(lang: Lang) -> bool {
    stop_list(lang).is_some()
}

/// Stop-word hits per [`CANDIDATES`] entry.
#[derive(Debug, Clone, Copy, Default)]
struct Votes([u32; CANDIDATES.len()]);

fn stop_votes(text: &str) -> Votes {
    let index = &*STOP_WORDS;
    let mut votes = Votes::default();
    let mut word = String::new();
    for token in text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’') {
        let token = token.trim_matches(['\'', '’']);
        if token.len() < 2 || token.len() > index.longest {
            continue;
        }
        let key = if token.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            token
        } else {
            word.clear();
            word.extend(token.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }));
            word.as_str()
        };
        let mut mask = index.words.get(key).copied().unwrap_or(0);
        while mask != 0 {
            votes.0[mask.trailing_zeros() as usize] += 1;
            mask &= mask - 1;
        }
    }
    votes
}

impl Votes {
    fn hits(&self, lang: Lang) -> u32 {
        CANDIDATES.iter().position(|l| *l == lang).map_or(0, |i| self.0[i])
    }

    /// The language whose stop words clearly dominate: [`STOP_CLEAR_HITS`] hits and
    /// [`STOP_CLEAR_RATIO`] times any other language's.
    fn clear_winner(&self) -> Option<Lang> {
        let (best, runner_up) = self.top_two(&CANDIDATES);
        let (lang, hits) = best?;
        (hits >= STOP_CLEAR_HITS && hits >= STOP_CLEAR_RATIO * runner_up).then_some(lang)
    }

    /// The languages of `field` with the most hits, when that is at least
    /// [`STOP_MIN_HITS`].
    fn leaders(&self, field: &[Lang]) -> Vec<Lang> {
        self.leaders_with(field, STOP_MIN_HITS)
    }

    /// The languages of `field` with the most hits, when that is at least `least`.
    fn leaders_with(&self, field: &[Lang], least: u32) -> Vec<Lang> {
        let max = field.iter().map(|l| self.hits(*l)).max().unwrap_or(0);
        match max >= least {
            true => field.iter().copied().filter(|l| self.hits(*l) == max).collect(),
            false => Vec::new(),
        }
    }

    /// The language with most hits among `langs` and the runner-up's hits.
    fn top_two(&self, langs: &[Lang]) -> (Option<(Lang, u32)>, u32) {
        let mut scored: Vec<(Lang, u32)> =
            langs.iter().map(|l| (*l, self.hits(*l))).filter(|(_, h)| *h > 0).collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
        (scored.first().copied(), scored.get(1).map_or(0, |s| s.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_overrule_a_sure_guess_they_contradict() {
        let t = "Ankara. Turkey said it would keep its S-400 air defence systems despite US pressure.";
        assert_eq!(detector().detect_lang(t), Some(Lang::Fra), "whatlang's guess");
        assert_eq!(languages(&detector(), &[t]), ["en"]);
    }

    #[test]
    fn a_document_that_no_paragraph_settles_is_in_the_language_whatlang_is_sure_of() {
        let doc = vec![
            "Russian glide bombs, including FAB-1500 munitions, struck Kharkiv overnight. Kupiansk came under artillery fire.",
            "Defence Minister Andrei Belousov visited a glide bomb plant in Dzerzhinsk, Russian media said.",
        ];
        let mut folder = Prior::new();
        ["cs", "de", "en", "es", "fr", "it", "nl", "pl", "ru", "uk"].iter().for_each(|l| folder.add(l, 10));
        let hints = Hints { explicit: &[None], prior: Some(&folder) };
        assert_eq!(assign_with(&detector(), &[doc], &hints).langs, [["en", "en"]]);
    }

    #[test]
    fn a_short_line_keeps_the_language_of_its_one_stop_word() {
        // One reliable French paragraph makes French the group's only language; short
        // English headlines, each with an English stop word and no French one, stay English.
        let texts = [
            "Les troupes avancent vers le nord et la ville est encerclée depuis lundi.",
            "Sanctions extended until June.",
            "Minister resigns after scandal.",
            "Troops moved to the border.",
            "Angriff auf Charkiw abgewehrt.",
        ];
        let docs: Vec<Vec<&str>> = texts.iter().map(|t| vec![*t]).collect();
        let found: Vec<String> = assign(&detector(), &docs).into_iter().flatten().collect();
        assert_eq!(found, ["fr", "en", "en", "en", "de"]);
        // Inside a document with a language of its own, a fragment is the document's.
        let doc = [
            "The delegation said that the conflict had displaced millions of people across the region.",
            "war.",
            "The assembly must act now to bring the fighting to an end and protect the civilians.",
        ];
        assert_eq!(languages(&detector(), &doc), ["en", "en", "en"]);
        // Polish has no stop list to vote with: its `to` is not English.
        let texts = [
            "Wojska rosyjskie wycofały się spod Charkowa po tygodniu ciężkich walk o miasto.",
            "Kto to zrobił?",
        ];
        let docs: Vec<Vec<&str>> = texts.iter().map(|t| vec![*t]).collect();
        let found: Vec<String> = assign(&detector(), &docs).into_iter().flatten().collect();
        assert_eq!(found, ["pl", "pl"]);
    }

    const DE: &str = "Die Verhandlungen zwischen den Verbündeten über die Entsendung von Truppen sind ins Stocken geraten.";
    const ES: &str = "Las negociaciones entre los aliados sobre el envío de tropas a Ucrania se han estancado por completo.";
    const EN: &str =
        "The negotiations between the allies on sending troops to Ukraine have stalled completely.";

    #[test]
    fn a_cyrillic_line_is_told_by_its_letters() {
        let d = detector();
        let russian = ["ВКС РФ нанесли удар по Одессе.", "Т-90М и Су-35 уничтожены под Курском."];
        for text in russian {
            assert_eq!(languages(&d, &[text]), ["ru"], "{text}");
        }
        let bulgarian = "България ще изпрати помощ на Украйна, съобщи министърът на отбраната.";
        assert_eq!(languages(&d, &[bulgarian]), ["bg"]);
        assert_eq!(languages(&d, &["Сили ППО збили ракету над Києвом."]), ["uk"]);
        assert_eq!(by_its_letters("Путин это заявил", Lang::Ukr), Lang::Rus);
        assert_eq!(by_its_letters("Київ", Lang::Rus), Lang::Ukr);
        let russian =
            "Российские войска отошли от рубежа после переговоров в Стамбуле, длившихся целую неделю подряд.";
        assert!(!russian.contains(ONLY_RUSSIAN));
        assert_eq!(unless_not_ukrainian(russian, Lang::Ukr), Lang::Rus);
        let ukrainian =
            "Російські війська відійшли від кордону після переговорів, що тривали тиждень у Стамбулі.";
        assert_eq!(unless_not_ukrainian(ukrainian, Lang::Ukr), Lang::Ukr);
        assert_eq!(unless_not_ukrainian("Войска отошли от границы.", Lang::Ukr), Lang::Ukr);
    }

    #[test]
    fn a_short_latin_line_in_a_cyrillic_folder_keeps_its_own_language() {
        let d = detector();
        let mut docs: Vec<Vec<&str>> =
            (0..6).map(|_| vec!["Ворог атакував Харківщину дронами вночі, повідомили в ОВА."]).collect();
        docs.push(vec!["Evacuation continues in Kherson."]);
        docs.push(vec!["W Charkowie zginęły dwie osoby."]);
        docs.push(vec!["NATO Summit"]);
        let found = assign(&d, &docs);
        assert_eq!(found[6], ["en"]);
        assert_eq!(found[7], ["pl"]);
        assert_eq!(found[8], ["uk"], "a name or two keep the folder's language");
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(code(Lang::Eng), "en");
        assert_eq!(code(Lang::Deu), "de");
        assert_eq!(lang_of_code("es"), Some(Lang::Spa));
        assert_eq!(normalize_code(" FR "), Some("fr".into()));
        assert_eq!(normalize_code("pt_BR"), Some("pt".into()));
        assert_eq!(normalize_code("gle"), Some("ga".into()));
        assert_eq!(normalize_code(""), None);
        assert_eq!(normalize_code("zz-top"), None);
    }

    #[test]
    fn detects_long_paragraphs() {
        let d = Detector::new();
        assert_eq!(detect(&d, DE).as_deref(), Some("de"));
        assert_eq!(detect(&d, ES).as_deref(), Some("es"));
    }

    #[test]
    fn stop_words_overrule_names_in_another_language() {
        // Whatlang reads this as English with full confidence: the names weigh more
        // than the German grammar words.
        let text = "Das Institut gilt traditionell als das Zentrum von Bostons Irish Community.";
        let info = detector().detect(text).unwrap();
        assert_eq!((info.lang(), info.is_reliable()), (Lang::Eng, true), "whatlang alone");
        assert_eq!(detect(&detector(), text).as_deref(), Some("de"));
        assert_eq!(languages(&detector(), &[text]), ["de"]);
    }

    #[test]
    fn short_paragraphs_take_the_dominant_language() {
        let d = Detector::new();
        assert_eq!(languages(&d, &[DE, "Berlin", DE]), ["de", "de", "de"]);
    }

    #[test]
    fn a_short_paragraph_takes_its_nearest_neighbour() {
        let d = detector();
        let doc = [EN, EN, EN, DE, "Berlin, Bonn", DE, EN];
        assert_eq!(languages(&d, &doc), ["en", "en", "en", "de", "de", "de", "en"]);
    }

    #[test]
    fn a_document_of_short_lines_gets_a_guess() {
        let d = detector();
        let short = ["Die Truppen", "Verhandlungen über die Waffenruhe"];
        assert!(short.iter().all(|p| p.len() < MIN_DETECT_BYTES));
        assert_eq!(languages(&d, &short), ["de", "de"]);
    }

    #[test]
    fn rare_languages_in_a_group_are_detected_again_among_the_accepted() {
        let d = Detector::new();
        // A near-Dutch/Afrikaans-looking English sentence among many English ones.
        let odd = "Die Panthers het die bal gevang en toe hardloop hulle vinnig na die ander kant toe.";
        let mut docs: Vec<Vec<&str>> = (0..30).map(|_| vec![EN]).collect();
        docs.extend((0..30).map(|_| vec![DE]));
        docs.push(vec![odd]);
        let langs = assign(&d, &docs);
        assert!(["en", "de"].contains(&langs[60][0].as_str()), "{:?}", langs[60]);
        assert_eq!(langs[0][0], "en");
        assert_eq!(langs[30][0], "de");
    }

    #[test]
    fn a_short_line_in_another_script_takes_a_language_of_that_script() {
        let d = Detector::new();
        let mut docs: Vec<Vec<&str>> = (0..20).map(|_| vec![EN]).collect();
        docs.push(vec!["Российские военные провели патрулирование на севере Сирии."]);
        docs.push(vec!["Військові провели навчання."]);
        docs.push(vec!["Ο στρατός ανακοίνωσε ασκήσεις."]);
        let langs = assign(&d, &docs);
        assert_eq!(langs[20], ["ru"]);
        assert_eq!(langs[21], ["uk"]);
        assert_eq!(langs[22], ["el"]);
        assert_eq!(langs[0], ["en"]);
    }

    #[test]
    fn foreign_little_words_in_an_english_group_stay_english() {
        let d = Detector::new();
        let mut docs: Vec<Vec<&str>> = (0..30).map(|_| vec![EN]).collect();
        docs.push(vec!["de facto, its status as a State continued de jure. Latvia’s de"]);
        docs.push(vec!["women die in childbirth?"]);
        docs.push(vec!["Mr. de la Flor Valle (Peru), Vice-President, took the Chair."]);
        let langs = assign(&d, &docs);
        assert_eq!(langs[30..], [["en"], ["en"], ["en"]]);
    }

    #[test]
    fn a_document_in_its_own_language_keeps_it() {
        let d = Detector::new();
        let mut docs: Vec<Vec<&str>> = (0..80).map(|_| vec![EN]).collect();
        docs.push(vec![ES, ES, ES]);
        let langs = assign(&d, &docs);
        assert_eq!(langs[80], ["es", "es", "es"]);
    }

    #[test]
    fn a_stated_language_always_wins() {
        let docs = vec![vec![EN, DE], vec![EN]];
        let hints = Hints { explicit: &[Some("fr-FR"), Some("not a language")], prior: None };
        let out = assign_with(&detector(), &docs, &hints);
        assert_eq!(out.langs, [vec!["fr", "fr"], vec!["en"]]);
        assert_eq!((out.seen.count("fr"), out.seen.count("en")), (2, 1));
    }

    fn in_folder(folder: &Prior, text: &str) -> String {
        let hints = Hints { explicit: &[], prior: Some(folder) };
        assign_with(&detector(), &[vec![text]], &hints).langs.remove(0).remove(0)
    }

    #[test]
    fn the_folder_prior_decides_what_the_text_cannot() {
        let headlines = [
            "Drones attacked Odesa.",
            "Sanctions remain.",
            "Morale is low.",
            "Navy patrols resumed.",
            "Ceasefire talks collapsed.",
        ];
        let alone: Vec<String> = headlines.iter().flat_map(|h| languages(&detector(), &[h])).collect();
        assert!(alone.iter().filter(|l| *l != "en").count() >= 3, "whatlang alone: {alone:?}");
        let mut folder = Prior::new();
        folder.add("en", 30);
        folder.add("de", 30);
        for h in headlines {
            assert_eq!(in_folder(&folder, h), "en", "{h}");
        }
        let out = assign_with(&detector(), &[vec!["Costa."]], &Hints { explicit: &[], prior: Some(&folder) });
        assert_eq!(out.seen, Prior::new(), "an undecided passage teaches the folder nothing");
    }

    #[test]
    fn a_folder_language_does_not_silence_clear_text() {
        let mut folder = Prior::new();
        folder.add("en", 50);
        assert_eq!(in_folder(&folder, "Die Truppen sind bereit."), "de");
        assert_eq!(in_folder(&folder, "Las tropas están listas para el despliegue."), "es");
        assert_eq!(in_folder(&folder, "Costa."), "en");
    }

    #[test]
    fn a_prior_needs_repeated_sightings() {
        let mut p = Prior::new();
        p.add("fi", PRIOR_MIN - 1);
        p.add("xx", 50);
        assert!(p.languages().is_empty());
        p.add("fi", 1);
        assert_eq!(p.languages(), [Lang::Fin]);
        let mut q = Prior::new();
        q.add("en", 1000);
        q.merge(&p);
        assert_eq!(q.languages(), [Lang::Eng], "{PRIOR_MIN} of 1003 is no real share");
    }

    #[test]
    fn reliable_detections_are_what_a_group_teaches() {
        let out = assign_with(&detector(), &[vec![EN, "Geneva"], vec![DE]], &Hints::default());
        assert_eq!(out.langs, [vec!["en", "en"], vec!["de"]]);
        assert_eq!((out.seen.count("en"), out.seen.count("de")), (1, 1));
    }

    #[test]
    fn stop_votes_count_words_in_each_list() {
        let v = stop_votes("Die Lage ist, wie sie IST: nicht gut. The end");
        assert_eq!(v.hits(Lang::Deu), 6);
        assert_eq!(v.hits(Lang::Eng), 1);
        assert_eq!(v.clear_winner(), Some(Lang::Deu));
        assert_eq!(stop_votes("a b c y").clear_winner(), None, "one-letter words do not vote");
    }
}

/// Accuracy on one-sentence texts (a committed sample of XQuAD-R sentences in English,
/// German and Spanish) and on mixed-language documents built from them.
#[cfg(test)]
mod measure {
    use super::*;

    type Rows = Vec<(String, String)>;

    /// `(lang, sentence)` rows of a TSV file.
    fn read_rows(path: &str) -> Rows {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines().filter_map(|l| l.split_once('\t')).map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn sample() -> Rows {
        read_rows(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/langs/xquad_sentences.tsv"))
    }

    fn correct(rows: &Rows, got: &[String]) -> usize {
        rows.iter().zip(got).filter(|((want, _), got)| want == *got).count()
    }

    /// Each sentence its own file, no prior.
    fn alone(rows: &Rows) -> Vec<String> {
        let d = detector();
        rows.iter().map(|(_, s)| assign(&d, &[vec![s.as_str()]]).remove(0).remove(0)).collect()
    }

    /// Each sentence its own file of one folder, in `order`, the folder's prior growing
    /// with what each file teaches.
    fn with_prior(rows: &Rows, order: &[usize]) -> Vec<String> {
        let d = detector();
        let mut folder = Prior::new();
        let mut out = vec![String::new(); rows.len()];
        for &i in order {
            let hints = Hints { explicit: &[], prior: Some(&folder) };
            let got = assign_with(&d, &[vec![rows[i].1.as_str()]], &hints);
            folder.merge(&got.seen);
            out[i] = got.langs[0][0].clone();
        }
        out
    }

    fn shuffled(n: usize, seed: u64) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        fastrand::Rng::with_seed(seed).shuffle(&mut order);
        order
    }

    /// A document settled in a language still hears a paragraph in another, and every
    /// paragraph is as reliable, and in the same language, as detected on its own.
    #[test]
    fn settled_documents_detect_as_paragraphs_alone() {
        let rows = sample();
        let d = detector();
        let one_language: Vec<Vec<usize>> = ["en", "de", "es"]
            .iter()
            .flat_map(|l| {
                let idx: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].0 == *l).collect();
                idx.chunks(12).map(|c| c.to_vec()).collect::<Vec<_>>()
            })
            .collect();
        let mut settled_by_stop_words = 0;
        for doc in one_language.iter().chain(&mixed_docs(&rows)) {
            let paras: Vec<&str> = doc.iter().map(|&i| rows[i].1.as_str()).collect();
            let settled = judge_document(&d, &paras);
            for (own, text) in settled.iter().zip(&paras) {
                assert_eq!(own.reliable, judge(&d, text).reliable, "{text}");
            }
            let first = settled.first().and_then(|o| o.reliable);
            if settled.iter().take(SETTLED_AFTER).all(|o| o.reliable == first) {
                let rest = paras.iter().skip(SETTLED_AFTER);
                settled_by_stop_words +=
                    rest.filter(|t| first.and_then(|l| by_stop_words(t, l)).is_some()).count();
            }
        }
        assert!(settled_by_stop_words > 100, "only {settled_by_stop_words} paragraphs settled by stop words");
    }

    /// Documents of six sentences of one language with two of another in the middle;
    /// returns, per document, the row numbers.
    fn mixed_docs(rows: &Rows) -> Vec<Vec<usize>> {
        let by_lang =
            |l: &str| rows.iter().enumerate().filter(|(_, r)| r.0 == l).map(|(i, _)| i).collect::<Vec<_>>();
        let langs = [by_lang("en"), by_lang("de"), by_lang("es")];
        (0..60)
            .map(|k| {
                let (a, b) = (&langs[k % 3], &langs[(k + 1 + k / 3 % 2) % 3]);
                let mut doc: Vec<usize> = (0..6).map(|j| a[(k * 6 + j) % a.len()]).collect();
                doc.splice(3..3, (0..2).map(|j| b[(k * 2 + j + 170) % b.len()]));
                doc
            })
            .collect()
    }

    /// Correct passages in the mixed documents, their number, and the wrong ones.
    fn mixed(rows: &Rows) -> (usize, usize, Vec<String>) {
        let d = detector();
        let docs = mixed_docs(rows);
        let mut wrong = Vec::new();
        for doc in &docs {
            let texts: Vec<&str> = doc.iter().map(|i| rows[*i].1.as_str()).collect();
            for (i, got) in doc.iter().zip(languages(&d, &texts)) {
                if rows[*i].0 != got {
                    wrong.push(format!("{}->{got} {}", rows[*i].0, rows[*i].1));
                }
            }
        }
        let n = docs.iter().flatten().count();
        (n - wrong.len(), n, wrong)
    }

    fn pct(ok: usize, n: usize) -> f64 {
        100.0 * ok as f64 / n.max(1) as f64
    }

    #[test]
    fn one_sentence_files_of_a_folder_get_their_language() {
        let rows = sample();
        assert!(rows.len() >= 900, "sample of {} rows", rows.len());
        let got = with_prior(&rows, &shuffled(rows.len(), 7));
        let ok = correct(&rows, &got);
        assert!(pct(ok, rows.len()) >= 99.5, "{ok}/{} with the folder's prior", rows.len());
        let ok = correct(&rows, &alone(&rows));
        assert!(pct(ok, rows.len()) >= 99.0, "{ok}/{} alone", rows.len());
        let (ok, n, wrong) = mixed(&rows);
        assert!(ok + 1 >= n, "mixed documents: {ok}/{n}: {wrong:?}");
    }

    /// Prints accuracy and time: `cargo test --release --lib detect::measure -- --ignored
    /// --nocapture`. With `BRIEFS_XQUAD=/work/shared/eval` it also runs on every
    /// sentence of the three XQuAD-R corpora there (most of them outside the sample).
    #[test]
    #[ignore]
    fn report() {
        let mut sets = vec![("sample", sample())];
        if let Ok(dir) = std::env::var("BRIEFS_XQUAD") {
            sets.push(("full corpora", full_corpora(&dir)));
        }
        let mostly_en = |rows: &Rows| {
            rows.iter()
                .enumerate()
                .filter(|(i, r)| r.0 == "en" || i % 10 == 0)
                .map(|(_, r)| r.clone())
                .collect()
        };
        let skewed: Vec<(&str, Rows)> = sets.iter().map(|(name, rows)| (*name, mostly_en(rows))).collect();
        sets.extend(skewed.into_iter().map(|(name, rows)| {
            (if name == "sample" { "sample, mostly en" } else { "full, mostly en" }, rows)
        }));
        for (name, rows) in sets {
            let n = rows.len();
            let t = std::time::Instant::now();
            let got = alone(&rows);
            let secs = t.elapsed().as_secs_f64();
            let half = |p: usize| {
                let idx: Vec<usize> = (0..n).filter(|i| i % 2 == p).collect();
                pct(idx.iter().filter(|i| rows[**i].0 == got[**i]).count(), idx.len())
            };
            let ok = correct(&rows, &got);
            println!(
                "{name}: alone {ok}/{n} ({:.2}%; even rows {:.2}%, odd rows {:.2}%), {:.1} ms",
                pct(ok, n),
                half(0),
                half(1),
                secs * 1e3
            );
            for (i, ((want, s), g)) in
                rows.iter().zip(&got).enumerate().filter(|(_, ((w, _), g))| w != *g).take(30)
            {
                println!("  #{i} {want}->{g} {s}");
            }
            for (label, order) in [
                ("shuffled", shuffled(n, 7)),
                ("shuffled'", shuffled(n, 8)),
                ("file order", (0..n).collect()),
            ] {
                let t = std::time::Instant::now();
                let got = with_prior(&rows, &order);
                let secs = t.elapsed().as_secs_f64();
                let ok = correct(&rows, &got);
                println!(
                    "{name}: folder prior, {label}: {ok}/{n} ({:.2}%), {:.1} ms",
                    pct(ok, n),
                    secs * 1e3
                );
                for (i, ((want, s), g)) in
                    rows.iter().zip(&got).enumerate().filter(|(_, ((w, _), g))| w != *g).take(12)
                {
                    println!("  #{i} {want}->{g} {s}");
                }
            }
            if name.contains("mostly") {
                continue;
            }
            let (ok, m, wrong) = mixed(&rows);
            println!("{name}: mixed documents {ok}/{m}");
            wrong.iter().take(10).for_each(|w| println!("  {w}"));
            let group: Vec<Vec<&str>> = rows.iter().map(|(_, s)| vec![s.as_str()]).collect();
            let t = std::time::Instant::now();
            let got: Vec<String> = assign(&detector(), &group).into_iter().flatten().collect();
            let secs = t.elapsed().as_secs_f64();
            println!("{name}: one group {}/{n}, {:.1} ms", correct(&rows, &got), secs * 1e3);
        }
    }

    /// Times detection on a file of one paragraph a line (`BRIEFS_PARAS`), as documents
    /// of 20 paragraphs: `cargo test --release --lib detect::measure::paragraph_speed --
    /// --ignored --nocapture`.
    #[test]
    #[ignore]
    fn paragraph_speed() {
        let Ok(path) = std::env::var("BRIEFS_PARAS") else { return };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let paras: Vec<&str> = text.lines().collect();
        let docs: Vec<Vec<&str>> = paras.chunks(20).map(|c| c.to_vec()).collect();
        let d = detector();
        let t = std::time::Instant::now();
        let langs: Vec<Vec<String>> = docs.iter().map(|doc| languages(&d, doc)).collect();
        let secs = t.elapsed().as_secs_f64();
        let en = langs.iter().flatten().filter(|l| *l == "en").count();
        println!(
            "{} paragraphs, {en} en, {:.1} ms, {:.1} µs each",
            paras.len(),
            secs * 1e3,
            secs * 1e6 / paras.len() as f64
        );
    }

    fn full_corpora(dir: &str) -> Rows {
        let mut rows = Rows::new();
        for lang in ["en", "de", "es"] {
            let text =
                std::fs::read_to_string(format!("{dir}/xquad-r-{lang}/corpus.jsonl")).unwrap_or_default();
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                if let Some(s) = v["text"].as_str() {
                    rows.push((lang.to_string(), s.split_whitespace().collect::<Vec<_>>().join(" ")));
                }
            }
        }
        rows
    }
}
