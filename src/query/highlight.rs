//! Snippets made by briefs itself: the passage is tokenized once with its own field's
//! index-side analyser, matches are found on the analysed tokens (and, for prefixes and
//! fuzzy terms, on the folded words as typed), then up to a few windows that cover the
//! most distinct matched terms are cut at sentence or word boundaries and joined with
//! "…".
//!
//! Pure: no index, no regex, no I/O; time is linear in the passage plus a small
//! quadratic term in the number of matches.

use std::cell::RefCell;
use std::cmp::Reverse;

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, TokenStream};

use super::Snippet;
use crate::analysis::is_acronym;

/// Snippet length when none is asked for, in characters.
pub(crate) const DEFAULT_MAX_CHARS: usize = 220;
/// Fragments per snippet when none is asked for.
pub(crate) const DEFAULT_MAX_FRAGMENTS: usize = 3;
/// Shorter snippets cannot show a match with any context.
const MIN_CHARS: usize = 20;
/// A fragment shorter than this reads as noise, so the budget is split no further.
const MIN_FRAGMENT_CHARS: usize = 60;
/// Shown where a fragment starts after the passage start or ends before its end.
const ELLIPSIS: char = '…';
/// Between two fragments.
const SEPARATOR: &str = " … ";
/// Characters kept for a leading "… " and a trailing " …".
const END_RESERVE: usize = 4;
/// Term ids share bits of the coverage mask beyond this (only scoring is affected).
const MAX_TERM_BIT: u32 = 127;

/// What to highlight in one passage, as tokens of the passage's own language field
/// (the index-side analyser: lowercased, stemmed, folded; stop words kept).
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    /// Single terms: every occurrence is highlighted.
    pub(crate) terms: Vec<String>,
    /// A token starting with this (lowercased and folded, not stemmed).
    pub(crate) prefixes: Vec<String>,
    /// A token within this Levenshtein distance (a transposition counts 1).
    pub(crate) fuzzy: Vec<(String, u8)>,
    /// Consecutive token sequences: highlighted only where the whole phrase occurs.
    pub(crate) phrases: Vec<Vec<String>>,
    /// Those of `terms` highlighted only where written in capitals (an acronym that is
    /// also a common word, see [`crate::query`]'s capitals).
    pub(crate) capitals: Vec<String>,
    /// Those of `terms` highlighted only where capitalised (a name that is also a
    /// common word: `Turkey`, `China`).
    pub(crate) capitalised: Vec<String>,
}

impl Matcher {
    fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.prefixes.is_empty() && self.fuzzy.is_empty() && self.phrases.is_empty()
    }
}

/// Makes snippets of at most `max_chars` characters in at most `max_fragments` fragments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Highlighter {
    max_chars: usize,
    max_fragments: usize,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new(DEFAULT_MAX_CHARS, DEFAULT_MAX_FRAGMENTS)
    }
}

impl Highlighter {
    /// A highlighter for snippets of `max_chars` characters (at least 20) in at most
    /// `max_fragments` fragments (at least 1).
    pub(crate) fn new(max_chars: usize, max_fragments: usize) -> Self {
        Highlighter { max_chars: max_chars.max(MIN_CHARS), max_fragments: max_fragments.max(1) }
    }

    /// The snippet of a passage: the whole passage when it fits, else the windows that
    /// show the most distinct matched terms, or the lead of the passage when nothing
    /// matches.
    ///
    /// `analyzer` is the passage field's index-side analyser, giving tokens with byte
    /// offsets into `text`.
    pub(crate) fn snippet(&self, text: &str, analyzer: &mut TextAnalyzer, matcher: &Matcher) -> Snippet {
        let found = find(text, analyzer, matcher);
        if text.len() <= self.max_chars || text.chars().count() <= self.max_chars {
            return whole(text, &found);
        }
        let pieces = self.plan(text, &found);
        assemble(text, &pieces, &found)
    }

    /// The whole passage with every match highlighted (for `--full`).
    pub(crate) fn full(&self, text: &str, analyzer: &mut TextAnalyzer, matcher: &Matcher) -> Snippet {
        whole(text, &find(text, analyzer, matcher))
    }

    /// Characters each of `n` fragments may show, after the ellipses and separators.
    fn budget(&self, n: usize) -> usize {
        let reserve = END_RESERVE + SEPARATOR.chars().count() * (n - 1);
        self.max_chars.saturating_sub(reserve) / n
    }

    /// The most fragments whose budget stays readable.
    fn fragments_fitting(&self) -> usize {
        (2..=self.max_fragments).take_while(|&n| self.budget(n) >= MIN_FRAGMENT_CHARS).last().unwrap_or(1)
    }

    /// The byte ranges of `text` to show, in text order, not touching each other.
    fn plan(&self, text: &str, found: &[Found]) -> Vec<Piece> {
        if found.is_empty() {
            return vec![expand(text, (0, 0), self.budget(1), 0)];
        }
        let marks = CharMarks::new(text, found);
        let spans: Vec<(usize, usize)> = found.iter().map(|f| (marks.at(f.start), marks.at(f.end))).collect();
        let mut best: Option<(Coverage, Vec<Window>)> = None;
        for n in 1..=self.fragments_fitting() {
            let windows = choose(found, &spans, self.budget(n), n);
            let score = coverage(found, &windows);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, windows));
            }
        }
        let mut windows = best.map(|(_, w)| w).unwrap_or_default();
        windows.sort_unstable_by_key(|w| w.first);
        let pieces = self.pieces(text, found, &windows);
        if pieces.is_empty() {
            return vec![expand(text, (0, 0), self.budget(1), 0)];
        }
        pieces
    }

    /// Each window grown to its share of the budget; pieces that meet are merged.
    fn pieces(&self, text: &str, found: &[Found], windows: &[Window]) -> Vec<Piece> {
        let budget = self.budget(windows.len().max(1));
        let mut out: Vec<Piece> = Vec::with_capacity(windows.len());
        for w in windows {
            let start = found[w.first].start;
            let end = found[w.first..=w.last].iter().map(|f| f.end).max().unwrap_or(start);
            let lo = out.last().map_or(0, |p| p.end);
            if lo > 0 && lo >= end {
                continue; // the previous piece already shows these matches
            }
            let piece = expand(text, (start, end), budget, lo);
            match out.last_mut() {
                Some(prev) if touching(&text[prev.end..piece.start]) => prev.end = piece.end,
                _ => out.push(piece),
            }
        }
        out
    }
}

/// Whether two pieces this far apart read as one: only a little whitespace between
/// (a longer gap keeps the separator, so the length bound holds).
fn touching(gap: &str) -> bool {
    gap.trim().is_empty() && gap.chars().count() <= SEPARATOR.chars().count()
}

/// One match: a byte range of the passage and the id of the matcher entry it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    start: usize,
    end: usize,
    term: u32,
}

/// A run of consecutive matches shown in one fragment: indices into the sorted matches.
#[derive(Debug, Clone, Copy)]
struct Window {
    first: usize,
    last: usize,
}

/// A byte range of the passage shown as one fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
}

// ---------------------------------------------------------------------------------
// Matching

/// Matcher entries ready for the token loop; ids are terms, then prefixes, fuzzy terms
/// and phrases, in the matcher's order.
struct Compiled<'m> {
    terms: &'m [String],
    capitals: &'m [String],
    capitalised: &'m [String],
    prefixes: Vec<(u32, &'m str)>,
    fuzzy: Vec<(u32, Vec<char>, usize)>,
    phrases: Vec<(u32, &'m [String])>,
}

impl<'m> Compiled<'m> {
    fn new(m: &'m Matcher) -> Self {
        let base_prefix = m.terms.len();
        let base_fuzzy = base_prefix + m.prefixes.len();
        let base_phrase = base_fuzzy + m.fuzzy.len();
        let id = |base: usize, i: usize| u32::try_from(base + i).unwrap_or(u32::MAX);
        Compiled {
            terms: &m.terms,
            capitals: &m.capitals,
            capitalised: &m.capitalised,
            prefixes: (m.prefixes.iter().enumerate())
                .filter(|(_, p)| !p.is_empty())
                .map(|(i, p)| (id(base_prefix, i), p.as_str()))
                .collect(),
            fuzzy: (m.fuzzy.iter().enumerate())
                .filter(|(_, (t, _))| !t.is_empty())
                .map(|(i, (t, d))| (id(base_fuzzy, i), t.chars().collect(), usize::from(*d)))
                .collect(),
            phrases: (m.phrases.iter().enumerate())
                .filter(|(_, p)| !p.is_empty())
                .map(|(i, p)| (id(base_phrase, i), p.as_slice()))
                .collect(),
        }
    }

    /// The id of the first term, prefix or fuzzy entry that matches a token.
    fn single(&self, analysed: &str, raw: &str, scratch: &mut Scratch) -> Option<u32> {
        if let Some(i) = self.terms.iter().position(|t| t == analysed) {
            let in_capitals = !self.capitals.iter().any(|t| t == analysed)
                || is_acronym(raw)
                || crate::aliases::is_acronym_as_word(raw);
            let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
            if in_capitals && (capitalised || !self.capitalised.iter().any(|t| t == analysed)) {
                return u32::try_from(i).ok();
            }
        }
        if self.prefixes.is_empty() && self.fuzzy.is_empty() {
            return None;
        }
        // Prefixes and fuzzy terms are typed unstemmed: compare the folded word too.
        scratch.fold(raw);
        let (folded, dist) = (scratch.folded.as_str(), &mut scratch.dist);
        let stem_differs = analysed != folded;
        let prefix = (self.prefixes.iter())
            .find(|(_, p)| folded.starts_with(p) || (stem_differs && analysed.starts_with(p)));
        if let Some((id, _)) = prefix {
            return Some(*id);
        }
        (self.fuzzy.iter())
            .find(|(_, t, d)| dist.near(t, folded, *d) || (stem_differs && dist.near(t, analysed, *d)))
            .map(|f| f.0)
    }
}

/// Buffers reused across the tokens of one passage.
#[derive(Default)]
struct Scratch {
    folded: String,
    dist: Distance,
}

thread_local! {
    /// Lowercases and folds one word as the index analysers do.
    static FOLD: RefCell<TextAnalyzer> = RefCell::new(
        TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build(),
    );
}

impl Scratch {
    /// Sets `folded` to a word lowercased and accent-folded (ASCII without the analyser).
    fn fold(&mut self, raw: &str) {
        self.folded.clear();
        if raw.is_ascii() {
            self.folded.push_str(raw);
            self.folded.make_ascii_lowercase();
            return;
        }
        FOLD.with(|fold| {
            let mut fold = fold.borrow_mut();
            let mut stream = fold.token_stream(raw);
            match stream.advance() {
                true => self.folded.push_str(&stream.token().text),
                false => self.folded.push_str(&raw.to_lowercase()),
            }
        });
    }
}

/// Buffers for bounded edit distances.
#[derive(Default)]
struct Distance {
    word: Vec<char>,
    rows: Vec<usize>,
}

impl Distance {
    /// Whether `word` is within `max` edits of `term`.
    fn near(&mut self, term: &[char], word: &str, max: usize) -> bool {
        let len = word.chars().count();
        if len.abs_diff(term.len()) > max {
            return false;
        }
        self.word.clear();
        self.word.extend(word.chars());
        crate::text::osa_within(term, &self.word, max, &mut self.rows)
    }
}

/// One analysed token kept for phrase matching; its text is a range of an arena.
struct Tok {
    start: usize,
    end: usize,
    position: usize,
    text: (usize, usize),
}

/// Every match in `text`, sorted by start. One pass of the analyser; phrases are then
/// matched on the kept tokens.
fn find(text: &str, analyzer: &mut TextAnalyzer, matcher: &Matcher) -> Vec<Found> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let compiled = Compiled::new(matcher);
    let keep = !compiled.phrases.is_empty();
    let (mut toks, mut arena, mut scratch) = (Vec::new(), String::new(), Scratch::default());
    let mut found = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        // An analyser that breaks the offset contract costs its tokens, never a panic.
        let Some(raw) = text.get(t.offset_from..t.offset_to) else { continue };
        if let Some(term) = compiled.single(&t.text, raw, &mut scratch) {
            found.push(Found { start: t.offset_from, end: t.offset_to, term });
        }
        if keep {
            let from = arena.len();
            arena.push_str(&t.text);
            let text = (from, arena.len());
            toks.push(Tok { start: t.offset_from, end: t.offset_to, position: t.position, text });
        }
    }
    for (id, phrase) in &compiled.phrases {
        phrase_matches(&toks, &arena, phrase, *id, &mut found);
    }
    found.sort_unstable();
    found
}

/// Occurrences of a phrase: tokens at consecutive positions equal to its words, each
/// occurrence one match from its first word's start to its last word's end.
fn phrase_matches(toks: &[Tok], arena: &str, phrase: &[String], id: u32, out: &mut Vec<Found>) {
    let word = |t: &Tok| &arena[t.text.0..t.text.1];
    for (i, first) in toks.iter().enumerate() {
        let Some(run) = toks.get(i..i + phrase.len()) else { break };
        let whole = run
            .iter()
            .zip(phrase)
            .enumerate()
            .all(|(k, (t, w))| t.position == first.position + k && word(t) == w.as_str());
        if whole {
            out.push(Found { start: first.start, end: run[run.len() - 1].end, term: id });
        }
    }
}

// ---------------------------------------------------------------------------------
// Choosing windows

/// Character offsets of the match boundaries, from one scan of the text.
struct CharMarks {
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl CharMarks {
    fn new(text: &str, found: &[Found]) -> Self {
        let mut bytes: Vec<usize> = found.iter().flat_map(|f| [f.start, f.end]).collect();
        bytes.sort_unstable();
        bytes.dedup();
        let (mut chars, mut count, mut last) = (Vec::with_capacity(bytes.len()), 0, 0);
        for &b in &bytes {
            count += text[last..b].chars().count();
            chars.push(count);
            last = b;
        }
        CharMarks { bytes, chars }
    }

    fn at(&self, byte: usize) -> usize {
        self.bytes.binary_search(&byte).map_or(0, |i| self.chars[i])
    }
}

/// Up to `n` disjoint windows of at most `budget` characters, chosen greedily: each
/// adds the most distinct terms not yet shown, then the most matches.
fn choose(found: &[Found], spans: &[(usize, usize)], budget: usize, n: usize) -> Vec<Window> {
    let mut used = vec![false; found.len()];
    let (mut shown, mut out) = (0u128, Vec::with_capacity(n));
    for _ in 0..n {
        let mut best: Option<((u32, usize), Window, u128)> = None;
        for first in 0..found.len() {
            // A lone match longer than a shared budget cannot be shown whole: leave it
            // to the single-fragment plan, which shows its start.
            if used[first] || (n > 1 && spans[first].1 - spans[first].0 > budget) {
                continue;
            }
            let (last, mask) = extend(found, spans, &used, first, budget);
            let gain = ((mask & !shown).count_ones(), last - first + 1);
            if best.as_ref().is_none_or(|(g, _, _)| gain > *g) {
                best = Some((gain, Window { first, last }, mask));
            }
        }
        let Some((_, window, mask)) = best else { break };
        used[window.first..=window.last].fill(true);
        shown |= mask;
        out.push(window);
    }
    out
}

/// The last match a window starting at `first` can reach within `budget` characters
/// without crossing a used match, and the terms it shows.
fn extend(
    found: &[Found],
    spans: &[(usize, usize)],
    used: &[bool],
    first: usize,
    budget: usize,
) -> (usize, u128) {
    let (mut last, mut end, mut mask) = (first, spans[first].1, bit(found[first].term));
    while last + 1 < found.len() && !used[last + 1] && spans[last + 1].1.max(end) - spans[first].0 <= budget {
        last += 1;
        end = end.max(spans[last].1);
        mask |= bit(found[last].term);
    }
    (last, mask)
}

fn bit(term: u32) -> u128 {
    1u128 << term.min(MAX_TERM_BIT)
}

/// Distinct terms, fragments (fewer first), matches: compared in that order.
type Coverage = (u32, Reverse<usize>, usize);

/// How good a plan is: the distinct terms it shows, then fewer fragments (a fragment
/// that adds no new term only adds matches of terms already shown, and costs the other
/// fragments their context), then the matches shown.
fn coverage(found: &[Found], windows: &[Window]) -> Coverage {
    let (mut mask, mut matches) = (0u128, 0);
    for w in windows {
        matches += w.last - w.first + 1;
        mask |= found[w.first..=w.last].iter().fold(0, |m, f| m | bit(f.term));
    }
    (mask.count_ones(), Reverse(windows.len()), matches)
}

// ---------------------------------------------------------------------------------
// Cutting

/// The piece of at most `budget` characters around the byte span `(start, end)`,
/// starting at or after `lo`: from the passage or sentence start when that leaves room
/// after the span, else a word boundary with some context before it; ending at a
/// sentence end when that fills at least half the budget, else at a word boundary.
fn expand(text: &str, span: (usize, usize), budget: usize, lo: usize) -> Piece {
    let ms = span.0.max(lo);
    let me = span.1.max(ms);
    let span_chars = text[ms..me].chars().count();
    if span_chars >= budget {
        let limit = advance(text, ms, budget);
        let end = cut_end(text, ms, ms, limit, budget);
        return Piece { start: ms, end: if end > ms { end } else { limit } };
    }
    let room = budget - span_chars;
    let (mut start, word_cut) = start_before(text, ms, room - room / 4, room / 3, lo);
    let limit = advance(text, start, budget);
    let end = if limit >= text.len() { text.len() } else { cut_end(text, start, me, limit, budget) };
    let left = budget.saturating_sub(text[start..end].chars().count());
    if word_cut && left > 0 {
        // The end came early (a sentence end or the passage end): give the rest to the
        // context before.
        start = start_before(text, start, left, left, lo).0;
    }
    Piece { start, end }
}

/// Where a piece ending after `anchor` starts: the passage start or the nearest
/// sentence start within `reach` characters (and false), else the first word start
/// `share` characters before `anchor` (and true).
fn start_before(text: &str, anchor: usize, reach: usize, share: usize, lo: usize) -> (usize, bool) {
    let earliest = retreat(text, anchor, reach).max(lo);
    if earliest == 0 {
        return (0, false);
    }
    if let Some(s) = last_where(text, earliest, anchor, |p| starts_sentence(text, p)) {
        return (s, false);
    }
    let target = retreat(text, anchor, share).max(lo);
    (word_start(text, target, anchor), true)
}

/// Where a piece starting at `start` ends, at or after `me` and at or before `limit`.
fn cut_end(text: &str, start: usize, me: usize, limit: usize, budget: usize) -> usize {
    let half = advance(text, start, budget / 2).max(me);
    if let Some(q) = last_where(text, half, limit, |q| ends_sentence(text, q)) {
        return q;
    }
    let at_space = |q: usize| text[q..].starts_with(char::is_whitespace);
    let at_edge = |q: usize| is_word(char_before(text, q)) != is_word(char_at(text, q));
    let q = last_where(text, me, limit, at_space)
        .or_else(|| last_where(text, me, limit, at_edge))
        .unwrap_or(limit);
    // A word cut drops the dangling punctuation before the ellipsis.
    me + text[me..q].trim_end_matches(|c: char| c.is_whitespace() || ",;:([{-–—/".contains(c)).len()
}

/// The first word start at or after `target` and at or before `anchor` (the anchor is a
/// token start, so a word start in any case).
fn word_start(text: &str, target: usize, anchor: usize) -> usize {
    let after_space = |p: usize| {
        char_before(text, p).is_none_or(char::is_whitespace)
            && !char_at(text, p).is_none_or(char::is_whitespace)
    };
    let at_word = |p: usize| !is_word(char_before(text, p)) && is_word(char_at(text, p));
    first_where(text, target, anchor, after_space)
        .or_else(|| first_where(text, target, anchor, at_word))
        .unwrap_or(anchor)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The last char boundary `p` in `lo..=hi` with `pred(p)`.
fn last_where(text: &str, lo: usize, hi: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
    if lo > hi {
        return None;
    }
    std::iter::once(hi).chain(text[lo..hi].char_indices().rev().map(|(i, _)| lo + i)).find(|&p| pred(p))
}

/// The first char boundary `p` in `lo..=hi` with `pred(p)`.
fn first_where(text: &str, lo: usize, hi: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
    if lo > hi {
        return None;
    }
    text[lo..hi].char_indices().map(|(i, _)| lo + i).chain(std::iter::once(hi)).find(|&p| pred(p))
}

/// The byte position `n` characters after `from`, or the end of the text.
fn advance(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

/// The byte position `n` characters before `from`, or 0.
fn retreat(text: &str, from: usize, n: usize) -> usize {
    match n {
        0 => from,
        _ => text[..from].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
    }
}

fn char_before(text: &str, p: usize) -> Option<char> {
    text[..p].chars().next_back()
}

fn char_at(text: &str, p: usize) -> Option<char> {
    text[p..].chars().next()
}

// ---------------------------------------------------------------------------------
// Sentences

/// Stops that end a sentence with no space after them (CJK).
const CLOSE_STOPS: [char; 5] = ['。', '！', '？', '｡', '．'];
/// Stops that end a sentence when a space (or the end) follows.
const SPACED_STOPS: [char; 7] = ['!', '?', '…', '؟', '۔', '।', '॥'];
/// Quotes and brackets that may follow a stop.
const CLOSERS: [char; 11] = ['"', '\'', '”', '’', '»', ')', ']', '」', '』', '）', '›'];
/// Words whose dot does not end a sentence (compared lowercased). Single letters
/// (initials) and dotted words (U.S., e.g.) are caught without a list.
const ABBREVIATIONS: [&str; 63] = [
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
    "cdr", "cmdr", "adm", "gov", "sen", "rep", "pres", "hon", "rev", "vs", "cf", "al", "inc", "ltd", "co",
    "corp", "no", "nos", "vol", "fig", "pp", "art", "dept", "approx", "ca", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mme", "mlle", "mm", "bzw", "vgl", "sra", "ул",
    "гг", "тыс", "млн",
];

/// Whether a sentence starts at byte `p`: the passage start, a line start, or the
/// first word after a sentence end.
fn starts_sentence(text: &str, p: usize) -> bool {
    let Some(c) = char_at(text, p) else { return false };
    if c.is_whitespace() {
        return false;
    }
    let gap_start = text[..p].trim_end().len();
    gap_start == 0 || text[gap_start..p].contains('\n') || ends_sentence(text, gap_start)
}

/// Whether a sentence ends just before byte `q`: a stop (then closing quotes), followed
/// by a space or the end (CJK stops need none), not an abbreviation's dot, and the next
/// word not lowercase; or a line break follows.
fn ends_sentence(text: &str, q: usize) -> bool {
    let (before, after) = text.split_at(q);
    let Some(last) = before.chars().next_back() else { return false };
    if last.is_whitespace() {
        return false;
    }
    let gap = &after[..after.len() - after.trim_start().len()];
    if gap.contains('\n') {
        return true;
    }
    let body = strip_closers(before);
    let spaced = after.is_empty() || !gap.is_empty();
    let stop = match body.chars().next_back() {
        Some(c) if CLOSE_STOPS.contains(&c) => true,
        Some(c) if SPACED_STOPS.contains(&c) => spaced,
        Some('.') => spaced && !abbreviation(&body[..body.len() - 1]),
        _ => false,
    };
    stop && !after.trim_start().starts_with(char::is_lowercase)
}

/// `s` without up to three trailing quotes or brackets.
fn strip_closers(s: &str) -> &str {
    let mut body = s;
    for _ in 0..3 {
        match body.strip_suffix(CLOSERS) {
            Some(rest) => body = rest,
            None => break,
        }
    }
    body
}

/// Whether the word before a dot (the end of `before`) is an abbreviation.
fn abbreviation(before: &str) -> bool {
    const LONGEST: usize = 12;
    let tail: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .take(LONGEST + 1)
        .collect();
    let Some(&(start, _)) = tail.last() else { return false };
    let word = &before[start..];
    if tail.len() > LONGEST || word.ends_with('.') {
        // A long word, or the last dot of an ellipsis "...".
        return false;
    }
    if word.contains('.') || (tail.len() == 1 && word.chars().all(char::is_alphabetic)) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| word.chars().flat_map(char::to_lowercase).eq(a.chars()))
}

// ---------------------------------------------------------------------------------
// Output

/// The passage itself with its matches highlighted.
fn whole(text: &str, found: &[Found]) -> Snippet {
    Snippet { fragment: text.to_string(), highlights: merged(found.iter().map(|f| (f.start, f.end))) }
}

/// The pieces joined with " … ", "…" at either end that is not the passage's, and the
/// matches inside them as byte ranges of the result.
fn assemble(text: &str, pieces: &[Piece], found: &[Found]) -> Snippet {
    let mut fragment = String::with_capacity(pieces.iter().map(|p| p.end - p.start + 8).sum());
    let mut ranges = Vec::new();
    for (k, p) in pieces.iter().enumerate() {
        if k > 0 {
            fragment.push_str(SEPARATOR);
        } else if p.start > 0 {
            fragment.push(ELLIPSIS);
            if starts_sentence(text, p.start) {
                fragment.push(' ');
            }
        }
        let base = fragment.len();
        fragment.push_str(&text[p.start..p.end]);
        let inside = found.iter().filter(|f| f.start < p.end && f.end > p.start);
        ranges.extend(
            inside.map(|f| (base + f.start.max(p.start) - p.start, base + f.end.min(p.end) - p.start)),
        );
    }
    if let Some(last) = pieces.last().filter(|p| p.end < text.len()) {
        if ends_sentence(text, last.end) {
            fragment.push(' ');
        }
        fragment.push(ELLIPSIS);
    }
    Snippet { fragment, highlights: merged(ranges) }
}

/// Ranges sorted by start with overlapping ones merged (empty ones dropped).
fn merged(ranges: impl IntoIterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = ranges.into_iter().filter(|(s, e)| s < e).collect();
    sorted.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Side};
    use proptest::prelude::*;

    fn analyzer(key: &str) -> TextAnalyzer {
        analysis::analyzer_for_key(key, Side::Index)
    }

    fn toks(key: &str, text: &str) -> Vec<String> {
        analysis::tokens(&mut analyzer(key), text)
    }

    fn terms(key: &str, text: &str) -> Matcher {
        Matcher { terms: toks(key, text), ..Matcher::default() }
    }

    fn snip(key: &str, text: &str, m: &Matcher) -> Snippet {
        let s = Highlighter::default().snippet(text, &mut analyzer(key), m);
        check(&s, DEFAULT_MAX_CHARS);
        s
    }

    /// The highlighted pieces of a snippet.
    fn shown(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.fragment[a..b]).collect()
    }

    /// Highlights valid, ordered, disjoint, on char boundaries; length bounded.
    fn check(s: &Snippet, max_chars: usize) {
        let mut prev = 0;
        for &(a, b) in &s.highlights {
            assert!(prev <= a && a < b && b <= s.fragment.len(), "{:?} in {:?}", s.highlights, s.fragment);
            assert!(s.fragment.is_char_boundary(a) && s.fragment.is_char_boundary(b));
            prev = b;
        }
        assert!(
            s.fragment.chars().count() <= max_chars,
            "{} chars: {:?}",
            s.fragment.chars().count(),
            s.fragment
        );
    }

    /// Where the shown text (without ellipses) sits in the passage; asserts it is there.
    fn located(text: &str, piece: &str) -> usize {
        let piece = piece.trim_matches(|c: char| c == ELLIPSIS || c == ' ');
        text.find(piece).unwrap_or_else(|| panic!("{piece:?} is not in the passage"))
    }

    const S1: &str = "The alliance met in Brussels on Monday to review the posture of its eastern flank, \
                      where four battlegroups have been deployed since the spring of 2022.";
    const S2: &str = "According to Dr. J. Smith of the U.S. delegation, the talks on a ceasefire made \
                      real progress, e.g. on prisoner exchanges and on humanitarian corridors.";
    const S3: &str = "Critics in Kyiv warned that any pause would let Moscow regroup its forces, repair \
                      damaged equipment and prepare a new offensive in the east before the winter.";

    #[test]
    fn cuts_at_sentences_not_at_abbreviations() {
        let text = [S1, S2, S3, S1].join(" ");
        let s = snip("en", &text, &terms("en", "ceasefire"));
        assert_eq!(s.fragment, format!("… {S2} …"));
        assert_eq!(shown(&s), ["ceasefire"]);
    }

    /// Whether a sentence ends at the `|` of a fixture.
    fn ends_at_bar(fixture: &str) -> bool {
        let at = fixture.find('|').expect("a | in the fixture");
        ends_sentence(&fixture.replacen('|', "", 1), at)
    }

    #[test]
    fn sentence_ends_and_abbreviations() {
        for t in [
            "in 2022.| Then",
            "Geneva.|",
            "he said!”| Then",
            "ended|\nnext",
            "結束。|次",
            "انتهى؟| ثم",
            "wait...| Then",
        ] {
            assert!(ends_at_bar(t), "{t:?} ends a sentence");
        }
        for t in
            ["Mr.| Blinken", "the U.S.| Army", "e.g.| The", "J.| Smith", "Geneva.| and", "3.|5", "Г.| Минск"]
        {
            assert!(!ends_at_bar(t), "{t:?} does not end a sentence");
        }
        let cjk = "第一句。第二句";
        assert!(starts_sentence(cjk, "第一句。".len()));
        assert!(!starts_sentence(cjk, "第".len()));
    }

    #[test]
    fn cuts_at_words_without_sentences() {
        let words = "convoy artillery logistics brigade corridor radar border patrol depot airfield";
        let text = format!("{words} {words} {words} drone {words} {words} {words}");
        let s = snip("en", &text, &terms("en", "drone"));
        assert!(s.fragment.starts_with(ELLIPSIS) && s.fragment.ends_with(ELLIPSIS), "{}", s.fragment);
        let inner = s.fragment.trim_matches(ELLIPSIS);
        let at = located(&text, inner);
        assert!(text[..at].ends_with(' ') && text[at + inner.len()..].starts_with(' '), "{inner:?}");
        assert_eq!(shown(&s), ["drone"]);
        assert!(inner.len() > 150, "the budget is used: {inner:?}");
    }

    fn filler(n: usize) -> String {
        let words = ["supply", "routes", "remain", "under", "pressure", "across", "the", "whole", "region"];
        (0..n).map(|i| words[i % words.len()]).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn far_apart_matches_give_two_fragments() {
        let text = format!("{} Warsaw {} Vilnius {}", filler(15), filler(200), filler(15));
        let s = snip("en", &text, &terms("en", "Warsaw Vilnius"));
        assert_eq!(s.fragment.matches(SEPARATOR).count(), 1, "{}", s.fragment);
        assert_eq!(shown(&s), ["Warsaw", "Vilnius"]);
        for part in s.fragment.split(SEPARATOR) {
            located(&text, part);
        }
    }

    #[test]
    fn a_repeated_term_keeps_one_fragment_with_context() {
        let text = format!("{} Warsaw {} Warsaw {}", filler(15), filler(200), filler(15));
        let s = snip("en", &text, &terms("en", "Warsaw"));
        assert!(!s.fragment.contains(SEPARATOR), "{}", s.fragment);
        assert_eq!(shown(&s), ["Warsaw"]);
        assert!(s.fragment.chars().count() > 150, "{}", s.fragment);
    }

    #[test]
    fn one_fragment_when_asked() {
        let text = format!("{} Warsaw {} Vilnius {}", filler(15), filler(200), filler(15));
        let s = Highlighter::new(220, 1).snippet(&text, &mut analyzer("en"), &terms("en", "Warsaw Vilnius"));
        check(&s, 220);
        assert!(!s.fragment.contains(SEPARATOR), "{}", s.fragment);
        assert_eq!(shown(&s), ["Warsaw"]);
    }

    #[test]
    fn near_matches_share_one_fragment() {
        let text = format!("{} Warsaw {} Vilnius {}", filler(15), filler(6), filler(200));
        let s = snip("en", &text, &terms("en", "Warsaw Vilnius"));
        assert!(!s.fragment.contains(SEPARATOR), "{}", s.fragment);
        assert_eq!(shown(&s), ["Warsaw", "Vilnius"]);
    }

    #[test]
    fn phrase_highlights_only_its_occurrence() {
        let m = Matcher { phrases: vec![toks("en", "ceasefire agreement")], ..Matcher::default() };
        let text = "The ceasefire held for a week. Both sides later signed a ceasefire agreement in \
                    Minsk, but the agreement collapsed.";
        let s = Highlighter::default().full(text, &mut analyzer("en"), &m);
        assert_eq!(shown(&s), ["ceasefire agreement"]);
        let long =
            format!("The ceasefire held. {} A ceasefire agreement was signed. {}", filler(60), filler(60));
        assert_eq!(shown(&snip("en", &long, &m)), ["ceasefire agreement"]);
    }

    #[test]
    fn prefix_matches_the_typed_word() {
        let text = "Negotiations resumed in Istanbul; the negotiators met twice.";
        let m = |p: &str| Matcher { prefixes: vec![p.to_string()], ..Matcher::default() };
        assert_eq!(shown(&snip("en", text, &m("negot"))), ["Negotiations", "negotiators"]);
        // Stemmed, the token is "negoti": only the folded word starts with the full word.
        assert_eq!(shown(&snip("en", text, &m("negotiations"))), ["Negotiations"]);
    }

    #[test]
    fn fuzzy_matches_within_its_distance() {
        let text = "President Zelensky met Zelda, the envoy, in Kyiv.";
        let m = |d: u8| Matcher { fuzzy: vec![("zelenskyy".to_string(), d)], ..Matcher::default() };
        assert_eq!(shown(&snip("en", text, &m(1))), ["Zelensky"]);
        assert!(shown(&snip("en", text, &m(0))).is_empty());
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        let near = |a: &str, b: &str, d| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            crate::text::osa_within(&a, &b, d, &mut Vec::new())
        };
        assert!(near("abcd", "acbd", 1));
        assert!(!near("kitten", "sitting", 2) && near("kitten", "sitting", 3));
        assert!(near("переговоры", "переговори", 1) && !near("", "ab", 1));
    }

    #[test]
    fn french_accents_stems_and_initials() {
        let first = "Les négociations entre Sergueï Lavrov et Antony Blinken ont repris à Genève, \
                     sous l'œil de M. Macron.";
        let second = "Selon le Quai d'Orsay, aucune percée n'est attendue avant l'été, mais les deux \
                      délégations se reverront en février pour préparer un sommet élargi aux Européens.";
        let text = format!("{second} {first} {second}");
        let m = Matcher {
            terms: toks("fr", "négociation"),
            prefixes: vec!["sergu".into()],
            ..Matcher::default()
        };
        let s = snip("fr", &text, &m);
        assert_eq!(shown(&s), ["négociations", "Sergueï"]);
        assert!(s.fragment.starts_with(&format!("… {}", &first[..20])), "{}", s.fragment);
        assert!(s.fragment.contains("M. Macron."), "not cut after the initial: {}", s.fragment);
    }

    #[test]
    fn cyrillic_is_cut_on_char_boundaries() {
        let a = "Переговоры в Стамбуле возобновились после долгого перерыва, и стороны обсудили обмен \
                 пленными.";
        let b = "Эксперты считают, что до весны прорыва ждать не стоит, поскольку позиции сторон \
                 по-прежнему далеки друг от друга.";
        let text = format!("{b} {b} {a} {b} {b}");
        let s = snip("ru", &text, &terms("ru", "переговоров"));
        assert_eq!(shown(&s), ["Переговоры"]);
        assert!(s.fragment.starts_with("… Переговоры"), "{}", s.fragment);
        assert!(s.fragment.ends_with(ELLIPSIS));
    }

    #[test]
    fn no_match_shows_the_lead() {
        let text = [S1, S2, S3].join(" ");
        let s = snip("en", &text, &terms("en", "submarine"));
        assert!(s.highlights.is_empty());
        assert_eq!(s.fragment, format!("{S1} …"));
    }

    #[test]
    fn a_passage_that_fits_is_shown_whole() {
        let s = snip("en", S2, &terms("en", "ceasefire talks"));
        assert_eq!(s.fragment, S2);
        assert_eq!(shown(&s), ["talks", "ceasefire"]);
    }

    #[test]
    fn full_highlights_every_occurrence() {
        let text = [S1, S2, S1].join(" ");
        let s = Highlighter::default().full(&text, &mut analyzer("en"), &terms("en", "battlegroup"));
        assert_eq!(s.fragment, text);
        assert_eq!(shown(&s), ["battlegroups", "battlegroups"]);
    }

    /// The text with its highlights in brackets, for reading.
    fn marked(s: &Snippet) -> String {
        let (mut out, mut at) = (String::new(), 0);
        for &(a, b) in &s.highlights {
            out.push_str(&s.fragment[at..a]);
            out.push_str(&format!("[{}]", &s.fragment[a..b]));
            at = b;
        }
        out + &s.fragment[at..]
    }

    /// The longest passage of each seed brief.
    fn seed_passages() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut files: Vec<_> =
            std::fs::read_dir(dir).expect("seeds/").map(|e| e.expect("entry").path()).collect();
        files.sort();
        let longest = |text: String| {
            let passages = crate::ingest::split::split(&text).passages;
            passages.into_iter().map(|p| p.text).max_by_key(String::len).unwrap_or_default()
        };
        files.into_iter().map(|f| longest(std::fs::read_to_string(f).expect("a seed"))).collect()
    }

    /// Time per snippet over the seed passages, next to tantivy's `SnippetGenerator`
    /// (which highlights single terms only) on the same passages and terms.
    #[test]
    #[ignore = "timing: cargo test --release --lib highlight -- --ignored --nocapture"]
    fn time_per_snippet() {
        const ROUNDS: usize = 1000;
        let passages = seed_passages();
        let words = toks("en", "Russia Ukraine NATO diplomatic solution");
        let plain = Matcher { terms: words.clone(), ..Matcher::default() };
        let rich = Matcher {
            terms: toks("en", "Russia Ukraine NATO"),
            prefixes: vec!["negot".into()],
            fuzzy: vec![("zelenskyy".into(), 1)],
            phrases: vec![toks("en", "diplomatic solution")],
            ..Matcher::default()
        };
        let scores = words.iter().map(|w| (w.clone(), 1.0)).collect();
        let field = tantivy::schema::Field::from_field_id(0);
        let tantivy =
            tantivy::snippet::SnippetGenerator::new(scores, analyzer("en"), field, DEFAULT_MAX_CHARS);
        let (h, mut an) = (Highlighter::default(), analyzer("en"));
        for p in &passages {
            println!(
                "passage of {} chars\n  briefs:  {}",
                p.chars().count(),
                marked(&h.snippet(p, &mut an, &rich))
            );
            let t = tantivy.snippet(p);
            let hl = t.highlighted().iter().map(|r| (r.start, r.end)).collect();
            println!(
                "  tantivy: {}",
                marked(&Snippet { fragment: t.fragment().to_string(), highlights: hl })
            );
        }
        let time = |f: &mut dyn FnMut(&str) -> usize| {
            let start = std::time::Instant::now();
            let n: usize = (0..ROUNDS).flat_map(|_| passages.iter()).map(|p| f(p)).sum();
            (start.elapsed().as_secs_f64() * 1e6 / (ROUNDS * passages.len()) as f64, n)
        };
        let (rich_us, _) = time(&mut |p| h.snippet(p, &mut an, &rich).highlights.len());
        let (plain_us, _) = time(&mut |p| h.snippet(p, &mut an, &plain).highlights.len());
        let (tantivy_us, _) = time(&mut |p| tantivy.snippet(p).highlighted().len());
        let (analyser_us, _) = time(&mut |p| analysis::tokens(&mut an, p).len());
        println!(
            "{} passages x {ROUNDS}: briefs (terms, prefix, fuzzy, phrase) {rich_us:.1} µs/snippet, \
                  briefs (terms, phrase words as terms) {plain_us:.1} µs/snippet, \
                  tantivy SnippetGenerator (same terms) {tantivy_us:.1} µs/snippet, \
                  the analyser alone {analyser_us:.1} µs/passage",
            passages.len()
        );
    }

    /// Texts with structure (words of several scripts, stops, abbreviations, spaces)
    /// or without (any Unicode).
    fn any_text() -> impl Strategy<Value = String> {
        let pool = [
            "Zelensky",
            "négociations",
            "переговоры",
            "北约峰会",
            "。",
            "U.S.",
            "Mr.",
            "talks.",
            "NATO",
            "é",
            "ß",
            "🙂",
            "\n",
            "؟",
            " ",
            "e.g.",
            "ceasefire",
            "agreement",
            "Éa",
            "İ",
            "ﬁ",
            "…",
            "  ",
        ];
        let words = prop::collection::vec((prop::sample::select(pool.to_vec()), any::<bool>()), 0..120)
            .prop_map(|ws| {
                ws.iter().map(|(w, sp)| if *sp { format!("{w} ") } else { w.to_string() }).collect()
            });
        prop_oneof![words, "\\PC{0,700}", "[a-zé .!?]{0,900}"]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn snippets_are_well_formed(
            text in any_text(),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
            junk in "\\PC{0,6}",
            max_chars in 0usize..300,
            fragments in 0usize..5,
            key in prop::sample::select(vec!["en", "fr", "ru", "xx"]),
        ) {
            let mut an = analyzer(key);
            let tokens = analysis::tokens(&mut an, &text);
            let mut m = Matcher::default();
            if !tokens.is_empty() {
                for p in &picks {
                    let i = p.index(tokens.len());
                    m.terms.push(tokens[i].clone());
                    m.prefixes.push(tokens[i].chars().take(2).collect());
                    m.phrases.push(tokens[i..tokens.len().min(i + 2)].to_vec());
                }
            }
            m.fuzzy.push((junk.to_lowercase(), 1));
            let h = Highlighter::new(max_chars, fragments);
            let s = h.snippet(&text, &mut an, &m);
            check(&s, h.max_chars);
            if !text.contains(ELLIPSIS) {
                for part in s.fragment.split(ELLIPSIS).map(|p| p.trim_matches(' ')) {
                    prop_assert!(text.contains(part), "{:?} is not in the passage", part);
                }
            }
            let full = h.full(&text, &mut an, &m);
            check(&full, usize::MAX);
            prop_assert_eq!(&full.fragment, &text);
            // Every occurrence of a term is highlighted in the full passage.
            let mut stream = an.token_stream(&text);
            while stream.advance() {
                let t = stream.token();
                if m.terms.contains(&t.text) {
                    let covered = full.highlights.iter().any(|&(a, b)| a <= t.offset_from && t.offset_to <= b);
                    prop_assert!(covered, "{:?} at {}", t.text, t.offset_from);
                }
            }
        }
    }
}
