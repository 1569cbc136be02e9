//! The query line as analysts type it, parsed forgivingly into a small syntax tree.
//!
//! The operators people know keep their meaning: `"phrases"` (with `~N` slop),
//! `AND`/`OR`/`NOT`, `+must`, `-not`, `field:word`, parentheses, `prefix*` and
//! `fuzzy~N`. Anything else is text: apostrophes, colons that name no field, URLs,
//! slashes, Unicode spaces, a trailing `?`. A slip (an unclosed quote or parenthesis,
//! a dangling operator, too many words) never fails the search: it is repaired and
//! noted, and [`Mode::Strict`] turns each note into an error instead.

use crate::error::{Error, Result};

/// The most words a query may have; the rest are not searched.
pub const MAX_QUERY_WORDS: usize = 1024;
/// The deepest parenthesis nesting kept; deeper parentheses are ignored.
pub const MAX_NESTING: usize = 32;
/// The largest edit distance of a fuzzy word.
const MAX_FUZZY: u8 = 2;
/// The shortest prefix of a `prefix*` word (a shorter one would match half the index).
const MIN_PREFIX_CHARS: usize = 2;

/// How forgiving parsing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Repair slips and note them.
    #[default]
    Lenient,
    /// Refuse a query with a slip.
    Strict,
    /// No operators at all: every character is text.
    Plain,
}

/// Whether a clause must, may or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Must match (`+x`, `x AND y`).
    Must,
    /// May match; adds to the score.
    Should,
    /// Must not match (`-x`, `NOT x`).
    MustNot,
}

/// A piece of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Text as typed (one word, or several tokens once analysed: `NATO's`, `F-16`).
    Word {
        /// The text.
        text: String,
        /// A metadata field named before a colon (`title:`), if any.
        field: Option<String>,
    },
    /// A quoted phrase.
    Phrase {
        /// The words between the quotes.
        text: String,
        /// A metadata field named before a colon, if any.
        field: Option<String>,
        /// Word moves allowed (`"…"~N`).
        slop: u32,
    },
    /// `negot*`: every word starting with the prefix.
    Prefix {
        /// The prefix, as typed.
        text: String,
        /// A metadata field named before a colon (`title:sanct*`), if any.
        field: Option<String>,
    },
    /// `Zelenskyy~1`: words within an edit distance.
    Fuzzy {
        /// The word, as typed.
        text: String,
        /// The edit distance, 1 or 2.
        distance: u8,
    },
    /// A parenthesised group.
    Group(Vec<Clause>),
    /// `*`: every passage.
    All,
}

/// A node with its occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Must, should or must not.
    pub occur: Occur,
    /// What it matches.
    pub node: Node,
}

/// A parsed query and the notes on what was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The top-level clauses.
    pub clauses: Vec<Clause>,
    /// One line per repair (operators ignored, words left out).
    pub notes: Vec<String>,
}

/// The metadata fields a query may name before a colon.
pub const FIELDS: [&str; 4] = ["title", "section", "source", "lang"];

/// Parses a query line.
///
/// ```
/// use briefs::query::parse::{parse, Mode, Node};
/// let p = parse("NATO's troops in Black Sea: https://example.org?", Mode::Lenient).unwrap();
/// assert!(p.notes.is_empty());
/// assert_eq!(p.clauses.len(), 6);
/// assert!(matches!(&parse("negot*", Mode::Lenient).unwrap().clauses[0].node, Node::Prefix { .. }));
/// ```
///
/// # Errors
/// [`Error::BadQuery`] when the query has no word, or under [`Mode::Strict`] when it
/// needed a repair.
pub fn parse(text: &str, mode: Mode) -> Result<Parsed> {
    // A pasted query may hold soft hyphens, bidi marks and control characters, and
    // other hyphens inside a word (`S–400`, `F‑16`).
    let text = &one_script_words(&ascii_hyphens(&crate::text::strip_controls(text)));
    let mut parser = Parser { lexemes: lex(text, mode), at: 0, notes: Vec::new(), words: 0, depth: 0, mode };
    let clauses = parser.group(false);
    if parser.words == 0 {
        return Err(Error::bad_query(text, "the query has no word to search"));
    }
    if mode == Mode::Strict && !parser.notes.is_empty() {
        let shown = crate::text::cut_at_char_boundary(text, 80);
        let cut = if shown.len() < text.len() { "…" } else { "" };
        let reason = format!("{} in \"{shown}{cut}\"; {STRICT_HINT}", parser.notes.join("; "));
        return Err(Error::bad_query(text, reason));
    }
    Ok(Parsed { clauses, notes: parser.notes })
}

/// `text` with each Unicode hyphen or dash between two letters or digits written as
/// ASCII's (`S–400` is `S-400`), so that the word finds its other spellings; a dash
/// between spaces (`Kyiv – Moscow`) stays.
///
/// ```
/// use briefs::query::parse::ascii_hyphens;
/// assert_eq!(ascii_hyphens("S\u{2013}400 and F\u{2011}16 – not this"), "S-400 and F-16 – not this");
/// ```
pub fn ascii_hyphens(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let inside = |i: usize| {
        i > 0
            && chars.get(i - 1).is_some_and(|c| c.is_alphanumeric())
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
    };
    let hyphens = &crate::analysis::HYPHENS[1..];
    chars.iter().enumerate().map(|(i, c)| if hyphens.contains(c) && inside(i) { '-' } else { *c }).collect()
}

/// `text` with each word typed in two scripts written in one (see
/// [`crate::analysis::one_script`]), so that its names are looked up as names.
fn one_script_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphanumeric) {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        let end = word.find(|c: char| !c.is_alphanumeric()).unwrap_or(word.len());
        match crate::analysis::one_script(&word[..end]) {
            Some(one) => out.push_str(&one),
            None => out.push_str(&word[..end]),
        }
        rest = &word[end..];
    }
    out.push_str(rest);
    out
}

/// How a strict query's repairs are avoided, at the end of its error (a caller without
/// `--strict` says it its own way).
pub const STRICT_HINT: &str = "leave out --strict to search it anyway";

/// A unit of the query line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Word(String),
    Quoted { text: String, closed: bool },
    Open,
    Close,
}

/// Cuts the line into words, quoted runs and parentheses. Every Unicode space and
/// invisible separator splits words.
fn lex(text: &str, mode: Mode) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Lexeme>| {
        if !word.is_empty() {
            out.push(Lexeme::Word(std::mem::take(word)));
        }
    };
    while let Some(c) = chars.next() {
        if is_separator(c) || mode == Mode::Plain && !c.is_alphanumeric() {
            flush(&mut word, &mut out);
        } else if mode == Mode::Plain {
            word.push(c);
        } else if c == '"' && (word.chars().all(|w| "+-".contains(w)) || names_a_field(&word)) {
            if !word.is_empty() {
                out.push(Lexeme::Word(std::mem::take(&mut word)));
            }
            let mut quoted = String::new();
            let mut closed = false;
            for q in chars.by_ref() {
                if q == '"' {
                    closed = true;
                    break;
                }
                quoted.push(q);
            }
            out.push(Lexeme::Quoted { text: quoted, closed });
        } else if c == '(' && (word.chars().all(|w| "+-".contains(w)) || names_a_field(&word)) {
            flush(&mut word, &mut out);
            out.push(Lexeme::Open);
        } else if c == ')' {
            flush(&mut word, &mut out);
            out.push(Lexeme::Close);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Whether a character separates words: any Unicode space, and the invisible ones
/// pasted from PDFs and web pages.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}') || c.is_control()
}

struct Parser {
    mode: Mode,
    lexemes: Vec<Lexeme>,
    at: usize,
    notes: Vec<String>,
    words: usize,
    depth: usize,
}

impl Parser {
    /// Clauses until the end of the line, or of the group when `nested`.
    fn group(&mut self, nested: bool) -> Vec<Clause> {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut pending: Option<Occur> = None;
        let mut and_next = false;
        let mut or_next = false;
        while self.at < self.lexemes.len() {
            let lexeme = self.lexemes[self.at].clone();
            self.at += 1;
            match lexeme {
                Lexeme::Close if nested => return self.finish(clauses, pending, dangling(and_next, or_next)),
                Lexeme::Close => self.note("an unmatched ')' was ignored"),
                Lexeme::Word(w) if (w == "AND" || w == "&&") && self.mode != Mode::Plain => {
                    if clauses.is_empty() {
                        self.note("'AND' with nothing before it was ignored");
                    } else {
                        let last = clauses.last_mut().expect("one");
                        if last.occur == Occur::Should {
                            last.occur = Occur::Must;
                        }
                        and_next = true;
                    }
                }
                Lexeme::Word(w) if (w == "OR" || w == "||") && self.mode != Mode::Plain => {
                    if clauses.is_empty() {
                        self.note("'OR' with nothing before it was ignored");
                    } else if or_next || and_next {
                        self.note("an operator repeated or left between two others was ignored");
                    }
                    or_next = !clauses.is_empty();
                }
                Lexeme::Word(w) if w == "NOT" && self.mode != Mode::Plain => pending = Some(Occur::MustNot),
                other => {
                    let (occur, node) = match self.node(other) {
                        Some(n) => n,
                        None => continue,
                    };
                    let occur = match (pending.take(), occur) {
                        (Some(p), _) => p,
                        (None, Occur::Should) if and_next => Occur::Must,
                        (None, o) => o,
                    };
                    (and_next, or_next) = (false, false);
                    clauses.push(Clause { occur, node });
                }
            }
        }
        if nested {
            self.note("an unclosed '(' was closed at the end");
        }
        self.finish(clauses, pending, dangling(and_next, or_next))
    }

    /// The clauses of a group, with a note for an operator left with nothing after it.
    fn finish(
        &mut self,
        clauses: Vec<Clause>,
        pending: Option<Occur>,
        dangling: Option<&str>,
    ) -> Vec<Clause> {
        if pending.is_some() {
            self.note("'NOT' at the end has nothing after it and was ignored");
        }
        if let Some(operator) = dangling {
            self.note(&format!("'{operator}' at the end has nothing after it and was ignored"));
        }
        clauses
    }

    fn note(&mut self, note: &str) {
        if !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_string());
        }
    }

    /// The node of one lexeme with the occurrence its own `+`/`-` gives.
    fn node(&mut self, lexeme: Lexeme) -> Option<(Occur, Node)> {
        match lexeme {
            Lexeme::Open => self.open(Occur::Should),
            Lexeme::Quoted { text, closed } => self.quoted(Occur::Should, None, text, closed),
            Lexeme::Word(w) => self.word(w),
            Lexeme::Close => None,
        }
    }

    fn open(&mut self, occur: Occur) -> Option<(Occur, Node)> {
        if self.depth >= MAX_NESTING {
            self.note(&format!("parentheses nested over {MAX_NESTING} deep were ignored"));
            return None;
        }
        self.depth += 1;
        let inner = self.group(true);
        self.depth -= 1;
        (!inner.is_empty()).then_some((occur, Node::Group(inner)))
    }

    fn quoted(
        &mut self,
        occur: Occur,
        field: Option<String>,
        text: String,
        closed: bool,
    ) -> Option<(Occur, Node)> {
        if !closed {
            self.note("an unclosed quote was ignored");
            return self.plain_words(occur, field, &text);
        }
        let slop = self.slop();
        if text.split(is_separator).all(str::is_empty) || !self.count(text.split(is_separator).count()) {
            return None;
        }
        Some((occur, Node::Phrase { text, field, slop }))
    }

    /// Words of an unclosed quote, searched as words.
    fn plain_words(&mut self, occur: Occur, field: Option<String>, text: &str) -> Option<(Occur, Node)> {
        let words: Vec<Clause> = text
            .split(is_separator)
            .filter(|w| !w.is_empty())
            .map(|w| Clause {
                occur: Occur::Should,
                node: Node::Word { text: w.to_string(), field: field.clone() },
            })
            .collect();
        if words.is_empty() || !self.count(words.len()) {
            return None;
        }
        Some((occur, Node::Group(words)))
    }

    /// A `~N` right after a closing quote: the phrase's slop.
    fn slop(&mut self) -> u32 {
        let Some(Lexeme::Word(w)) = self.lexemes.get(self.at) else { return 0 };
        let Some(n) = w.strip_prefix('~').and_then(|n| n.parse::<u32>().ok()) else { return 0 };
        self.at += 1;
        n.min(32)
    }

    /// Counts words against the limit; false once it is reached.
    fn count(&mut self, n: usize) -> bool {
        if self.words >= MAX_QUERY_WORDS {
            self.note(&format!("only the first {MAX_QUERY_WORDS} words were searched"));
            return false;
        }
        self.words += n.max(1);
        true
    }

    fn word(&mut self, word: String) -> Option<(Occur, Node)> {
        if self.mode == Mode::Plain {
            return self.count(1).then_some((Occur::Should, Node::Word { text: word, field: None }));
        }
        let (occur, rest) = match word.chars().next() {
            Some('+') if word.len() > 1 => (Occur::Must, &word[1..]),
            Some('-') if word.len() > 1 => (Occur::MustNot, &word[1..]),
            _ => (Occur::Should, word.as_str()),
        };
        if rest == "*" {
            return self.count(1).then_some((occur, Node::All));
        }
        if rest.is_empty() || !rest.chars().any(char::is_alphanumeric) && !rest.starts_with(['"', '(']) {
            return self.operator_residue(&word, occur);
        }
        if let Some((field, value)) = split_field(rest) {
            return self.fielded(occur, field, value);
        }
        if let Some(field) = misspelt_field(rest) {
            let name = rest.split(':').next().unwrap_or_default();
            self.note(&format!("'{name}:' is no field (did you mean '{field}:'?); searched as words"));
        }
        let node = self.modified(rest);
        if !self.count(1) {
            return None;
        }
        Some((occur, node))
    }

    /// A `+` or `-` whose word follows as a quote or group, or lone punctuation.
    fn operator_residue(&mut self, word: &str, occur: Occur) -> Option<(Occur, Node)> {
        let occur = match word {
            "+" => Occur::Must,
            "-" => Occur::MustNot,
            _ => occur,
        };
        let next = self.lexemes.get(self.at).cloned();
        match (word, next) {
            ("+" | "-", Some(Lexeme::Quoted { text, closed })) => {
                self.at += 1;
                self.quoted(occur, None, text, closed)
            }
            ("+" | "-", Some(Lexeme::Open)) => {
                self.at += 1;
                self.open(occur)
            }
            _ => None,
        }
    }

    /// `field:value`, `field:"a phrase"` or `field:(…)`.
    fn fielded(&mut self, occur: Occur, name: &str, value: &str) -> Option<(Occur, Node)> {
        let field = Some(name.to_string());
        if value.is_empty() {
            match self.lexemes.get(self.at).cloned() {
                Some(Lexeme::Quoted { text, closed }) => {
                    self.at += 1;
                    return self.quoted(occur, field, text, closed);
                }
                Some(Lexeme::Open) => {
                    self.at += 1;
                    let (occur, group) = self.open(occur)?;
                    return Some((occur, self.in_field(group, name)));
                }
                _ => {}
            }
            self.note("a field name with nothing after it was ignored");
            return None;
        }
        if !self.count(1) {
            return None;
        }
        if value.ends_with('*') {
            let node = self.modified(value);
            return Some((occur, self.in_field(node, name)));
        }
        Some((occur, Node::Word { text: value.to_string(), field }))
    }

    /// `node` with its words, phrases and prefixes searched in `field`
    /// (`title:(Kyiv OR Kiev)`); a fuzzy word, which no field takes, is searched as a word
    /// there.
    fn in_field(&mut self, node: Node, field: &str) -> Node {
        let named = Some(field.to_string());
        match node {
            Node::Word { text, .. } => Node::Word { text, field: named },
            Node::Phrase { text, slop, .. } => Node::Phrase { text, field: named, slop },
            Node::Prefix { text, .. } => Node::Prefix { text, field: named },
            Node::Fuzzy { text, .. } => {
                self.note(&format!("'{text}': a fuzzy word in a field is searched as a word"));
                Node::Word { text, field: named }
            }
            Node::Group(inner) => Node::Group(
                inner
                    .into_iter()
                    .map(|c| Clause { occur: c.occur, node: self.in_field(c.node, field) })
                    .collect(),
            ),
            Node::All => Node::All,
        }
    }

    /// A word with its `*` or `~N`, if they make sense; otherwise the word as text.
    fn modified(&mut self, word: &str) -> Node {
        if let Some(prefix) = word.strip_suffix('*') {
            if prefix.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_PREFIX_CHARS
                && prefix.chars().all(char::is_alphanumeric)
            {
                return Node::Prefix { text: prefix.to_string(), field: None };
            }
            self.note(&format!(
                "'{word}': a prefix needs {MIN_PREFIX_CHARS} letters or more; searched as a word"
            ));
        }
        if let Some((stem, n)) = word.rsplit_once('~') {
            let distance = if n.is_empty() { Some(1) } else { n.parse::<u8>().ok() };
            if let Some(d) = distance.filter(|_| stem.chars().all(char::is_alphanumeric) && !stem.is_empty())
            {
                if d > MAX_FUZZY {
                    self.note(&format!("'{word}': fuzzy distance capped at {MAX_FUZZY}"));
                }
                return Node::Fuzzy { text: stem.to_string(), distance: d.clamp(1, MAX_FUZZY) };
            }
        }
        Node::Word { text: word.to_string(), field: None }
    }
}

/// The operator left with nothing after it at the end of a group, if any.
fn dangling(and_next: bool, or_next: bool) -> Option<&'static str> {
    match (and_next, or_next) {
        (true, _) => Some("AND"),
        (_, true) => Some("OR"),
        _ => None,
    }
}

/// Whether `word` is a field name and its colon (`title:`, `-section:`), so that a quote
/// after it opens the field's phrase.
fn names_a_field(word: &str) -> bool {
    word.trim_start_matches(['+', '-']).strip_suffix(':').is_some_and(|name| field_named(name).is_some())
}

/// The field a name before a colon names, in any case (`TITLE:` is `title:`).
fn field_named(name: &str) -> Option<&'static str> {
    FIELDS.iter().copied().find(|f| f.eq_ignore_ascii_case(name))
}

/// `title:x` → (`title`, `x`) when the name is a known field; `Sea:` or a URL is text.
fn split_field(word: &str) -> Option<(&'static str, &str)> {
    let (name, value) = word.split_once(':')?;
    field_named(name).map(|field| (field, value))
}

/// The field a name before a colon was likely meant as, two letters away at most
/// (`titel:`, `sectoin:`), when it names none.
fn misspelt_field(word: &str) -> Option<&'static str> {
    let (name, value) = word.split_once(':')?;
    let plausible = (3..=9).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphabetic());
    if !plausible || value.is_empty() || field_named(name).is_some() {
        return None;
    }
    let typed: Vec<char> = name.to_ascii_lowercase().chars().collect();
    let mut rows = Vec::new();
    FIELDS
        .iter()
        .copied()
        .find(|f| crate::text::osa_within(&f.chars().collect::<Vec<_>>(), &typed, 2, &mut rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(q: &str) -> Vec<Clause> {
        parse(q, Mode::Lenient).unwrap().clauses
    }

    fn word(t: &str) -> Node {
        Node::Word { text: t.into(), field: None }
    }

    #[test]
    fn a_field_takes_a_quoted_phrase() {
        for (q, occur) in
            [("title:\"reshuffle in Kyiv\"", Occur::Should), ("-section:\"air defence\"", Occur::MustNot)]
        {
            let clauses = nodes(q);
            assert_eq!(clauses.len(), 1, "{q}: {clauses:?}");
            assert_eq!(clauses[0].occur, occur, "{q}");
            assert!(matches!(&clauses[0].node, Node::Phrase { field: Some(_), .. }), "{q}: {clauses:?}");
        }
    }

    #[test]
    fn a_field_name_in_capitals_is_the_field() {
        assert_eq!(
            nodes("TITLE:Kyiv")[0].node,
            Node::Word { text: "Kyiv".into(), field: Some("title".into()) }
        );
        assert!(parse("Sea: Kyiv https://example.org", Mode::Strict).is_ok(), "no field meant");
    }

    #[test]
    fn a_field_takes_a_group() {
        let clauses = nodes("title:(Kyiv OR \"air defence\") troops");
        assert_eq!(clauses.len(), 2, "{clauses:?}");
        let Node::Group(inner) = &clauses[0].node else { panic!("{clauses:?}") };
        assert_eq!(inner[0].node, Node::Word { text: "Kyiv".into(), field: Some("title".into()) });
        assert!(matches!(&inner[1].node, Node::Phrase { field: Some(f), .. } if f == "title"), "{inner:?}");
        assert_eq!(clauses[1].node, word("troops"));
        let c = nodes("-section:(Annex Sources)");
        assert_eq!(c[0].occur, Occur::MustNot);
    }

    #[test]
    fn everyday_text_is_words() {
        for q in ["NATO's troops", "Black Sea:", "https://example.org", "a/b", "troops\u{a0}Romania", "why?"]
        {
            let p = parse(q, Mode::Lenient).unwrap();
            assert!(p.notes.is_empty(), "{q}: {:?}", p.notes);
            assert!(p
                .clauses
                .iter()
                .all(|c| c.occur == Occur::Should && matches!(c.node, Node::Word { .. })));
        }
        assert_eq!(nodes("troops\u{a0}Romania").len(), 2);
    }

    #[test]
    fn operators_keep_their_meaning() {
        let c = nodes("+troops -Romania \"Normandy format\"~2 title:Geneva");
        assert_eq!(c[0], Clause { occur: Occur::Must, node: word("troops") });
        assert_eq!(c[1], Clause { occur: Occur::MustNot, node: word("Romania") });
        assert_eq!(c[2].node, Node::Phrase { text: "Normandy format".into(), field: None, slop: 2 });
        assert_eq!(c[3].node, Node::Word { text: "Geneva".into(), field: Some("title".into()) });
        let c = nodes("a AND b OR c NOT d");
        let occurs: Vec<Occur> = c.iter().map(|c| c.occur).collect();
        assert_eq!(occurs, [Occur::Must, Occur::Must, Occur::Should, Occur::MustNot]);
        assert!(matches!(&nodes("(a OR b) AND c")[0].node, Node::Group(g) if g.len() == 2));
    }

    #[test]
    fn prefixes_and_fuzzy_words() {
        assert_eq!(nodes("negot*")[0].node, Node::Prefix { text: "negot".into(), field: None });
        assert_eq!(nodes("Zelenskyy~1")[0].node, Node::Fuzzy { text: "Zelenskyy".into(), distance: 1 });
        assert_eq!(nodes("Zelenskyy~")[0].node, Node::Fuzzy { text: "Zelenskyy".into(), distance: 1 });
        let p = parse("a*", Mode::Lenient).unwrap();
        assert_eq!(p.notes.len(), 1);
    }

    #[test]
    fn slips_are_repaired_and_noted_or_refused_when_strict() {
        for q in [
            "\"Normandy format",
            "(troops",
            "troops)",
            "troops AND",
            "troops OR",
            "(Kyiv OR) troops",
            "Kyiv OR OR Odesa",
            "titel:Kyiv",
            "NOT",
            "troops NOT",
        ] {
            let p = parse(q, Mode::Lenient);
            match p {
                Ok(p) => assert_eq!(p.notes.len(), 1, "{q}: {:?}", p.notes),
                Err(e) => assert!(q == "NOT", "{q}: {e}"),
            }
            assert!(parse(q, Mode::Strict).is_err(), "{q}");
        }
        assert!(parse("troops Romania", Mode::Strict).is_ok());
    }

    #[test]
    fn limits_cut_and_say_so() {
        let long = "troops ".repeat(5000);
        let p = parse(&long, Mode::Lenient).unwrap();
        assert_eq!(p.clauses.len(), MAX_QUERY_WORDS);
        assert!(p.notes[0].contains("first 1024 words"));
        let deep = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
        let p = parse(&deep, Mode::Lenient).unwrap();
        assert!(p.notes.iter().any(|n| n.contains("nested")), "{:?}", p.notes);
    }

    #[test]
    fn plain_mode_has_no_operators() {
        let c = parse("\"a\" (b) -c d*", Mode::Plain).unwrap().clauses;
        assert_eq!(c.len(), 4);
        assert!(c.iter().all(|c| c.occur == Occur::Should));
    }

    #[test]
    fn nothing_to_search_is_an_error() {
        for q in ["", "   ", "()", "\"\"", "+", "AND OR"] {
            assert!(parse(q, Mode::Lenient).is_err(), "{q:?}");
        }
    }
}
