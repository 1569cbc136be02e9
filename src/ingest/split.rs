//! Splitting a brief into passages: pure functions, no I/O.
//!
//! A paragraph is a block separated by blank lines; a text with no blank line at all
//! has one paragraph per non-empty line. Page furniture (see
//! [`super::boilerplate::is_furniture`]) and lines a source repeats are dropped, and
//! separate the blocks around them.
//!
//! The structure is then read as an analyst reads it: the first line is the title when
//! it reads as one; a short single-line block that reads as a heading heads the passages
//! below it, and two in a row are a rubric and the headline under it (the section is
//! then "Rubric › Headline"); bylines, datelines, credits and attributions are not
//! headings, and an attribution below a quotation joins it. Markup residue is cleaned,
//! verbatim repeats inside one document are dropped, and over-long paragraphs are cut
//! into passages of bounded size.
//!
//! Structured formats ([`Extracted`]) go through the same assembly, keeping the
//! headings their format marks.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::boilerplate::{is_furniture, Dropped};
use super::extracted::{BlockKind, Extracted};

/// Passages longer than this many bytes are cut at a word boundary.
pub const MAX_PASSAGE_BYTES: usize = 2048;
/// A title is cut to at most this many bytes.
pub const MAX_TITLE_BYTES: usize = 200;
/// No hard-wrapped line is longer than this many characters.
pub const WRAP_CHARS: usize = 120;
/// Joins the headings of a section path.
pub const SECTION_SEPARATOR: &str = " › ";
/// More heading-like lines in a row than this are a list, not headings.
const MAX_HEADING_RUN: usize = 2;
/// A text without blank lines needs at least this many lines to be read as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 8;
/// A heading has at most this many words (news headlines run to 16 or so).
const MAX_HEADING_WORDS: usize = 18;
/// A heading has at most this many bytes.
const MAX_HEADING_BYTES: usize = 160;
/// A first line of at most this many words may be the title.
const MAX_TITLE_WORDS: usize = 24;
/// A name alone among this many blocks below the title is a byline.
const BYLINE_BLOCKS: usize = 4;
/// An attribution or its continuation has at most this many words.
const MAX_ATTRIBUTION_WORDS: usize = 14;

/// One passage of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Byte range of the passage in the source text.
    pub span: Range<usize>,
    /// The cleaned text that is indexed and shown.
    pub text: String,
    /// The headings above the passage, outermost first, joined by [`SECTION_SEPARATOR`].
    pub section: Option<String>,
}

/// A document split into its title and passages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// The title: the first line when it reads as a title, else the start of the first
    /// passage.
    pub title: String,
    /// Whether the title stands apart from the passages (given, marked, or a first line
    /// read as a title) rather than being the start of the first passage.
    pub title_apart: bool,
    /// Passages in document order, numbered from 1 by their position.
    pub passages: Vec<Passage>,
    /// What was dropped on the way.
    pub dropped: Dropped,
}

/// Splits `text` into passages.
///
/// ```
/// let s = briefs::ingest::split::split("Title line\n\nFirst paragraph here.\n\nThe heading\n\nSecond one.");
/// assert_eq!(s.title, "Title line");
/// assert_eq!(s.passages.len(), 2);
/// assert_eq!(s.passages[0].section, None);
/// assert_eq!(s.passages[1].section.as_deref(), Some("The heading"));
/// ```
pub fn split(text: &str) -> Split {
    split_doc(text, None, &|_| false)
}

/// Splits `text`, whose title is `title` when its source gives one (the first line is
/// then not taken for it), dropping the lines `repeated` names (boilerplate of its
/// source, see [`super::boilerplate::Boilerplate`]).
pub fn split_doc(text: &str, title: Option<&str>, repeated: &dyn Fn(&str) -> bool) -> Split {
    let mut dropped = Dropped::default();
    let mut units = Vec::new();
    for (block, is_repeated) in line_blocks(text, repeated, &mut dropped) {
        let lone = !text[block.clone()].contains('\n');
        let spans = bounded(text, block);
        let piece = spans.len() > 1;
        for span in spans {
            // Joined once: a word cut at the first line's end is joined there too
            // (`Defen-` / `der`).
            let joined = joined_at_line_breaks(&text[span.clone()]);
            let cleaned = clean_joined(&joined);
            let first = joined.lines().next().map(|l| clean_joined(shorten(l, MAX_TITLE_BYTES)));
            let first = first.unwrap_or_default();
            units.push(Unit {
                span,
                text: cleaned,
                first,
                kind: BlockKind::Paragraph,
                lone,
                repeated: is_repeated,
                piece,
            });
        }
    }
    assemble(text, units, title, true, dropped)
}

/// Splits a document read from a structured format: the headings it marks are kept; when
/// it marks none, headings are read from its paragraphs as in plain text.
pub fn split_extracted(ex: &Extracted, title: Option<&str>, repeated: &dyn Fn(&str) -> bool) -> Split {
    let mut dropped = Dropped::default();
    let mut units = Vec::new();
    for b in &ex.blocks {
        let candidate = matches!(b.kind, BlockKind::Paragraph | BlockKind::Item);
        if candidate && is_furniture(&b.text) {
            dropped.furniture += 1;
            continue;
        }
        let lone = ex.text.get(b.span.clone()).is_some_and(|s| !s.trim().contains('\n'));
        let is_repeated = candidate && repeated(&b.text);
        let texts = bound_text(&b.text);
        let piece = texts.len() > 1;
        for text in texts {
            let first = clean(shorten(&text, MAX_TITLE_BYTES));
            let (span, kind) = (b.span.clone(), b.kind);
            units.push(Unit { span, text, first, kind, lone, repeated: is_repeated, piece });
        }
    }
    let title = title.or(ex.meta.title.as_deref());
    assemble(&ex.text, units, title, !ex.has_structure(), dropped)
}

/// A block on its way to becoming a passage, heading or title.
#[derive(Debug, Clone)]
struct Unit {
    span: Range<usize>,
    /// Cleaned text.
    text: String,
    /// Its first line, cleaned and shortened: the title when no line reads as one.
    first: String,
    kind: BlockKind,
    /// A single line in the source.
    lone: bool,
    /// Repeated across the documents of its source.
    repeated: bool,
    /// One of several pieces of an over-long block: never a repeat of its siblings.
    piece: bool,
}

/// What a unit becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Passage,
    /// A heading of this level.
    Heading(u8),
    /// Joins the passage before it (an attribution below a quotation).
    Attached,
}

/// Turns units into the title and passages: the title found, boilerplate and repeats
/// dropped, roles read (inferred from shapes when `infer`), sections assembled. The unit
/// spans point into `source`.
fn assemble(source: &str, units: Vec<Unit>, title: Option<&str>, infer: bool, mut dropped: Dropped) -> Split {
    let mut units: Vec<Unit> =
        units.into_iter().filter(|u| u.text.chars().any(char::is_alphanumeric)).collect();
    let (title, apart, below_title) = match title {
        Some(t) => {
            // The source's title wins; a title the format marked is then a heading.
            units
                .iter_mut()
                .filter(|u| u.kind == BlockKind::Title)
                .for_each(|u| u.kind = BlockKind::Heading(1));
            (clean(shorten(t, MAX_TITLE_BYTES)), true, None)
        }
        None => take_title(&mut units, infer),
    };
    // Repeats of a title that stands apart from the passages (mastheads of one story).
    if apart && units.iter().any(|u| u.text != title) {
        let before = units.len();
        units.retain(|u| u.text != title);
        dropped.repeats += before - units.len();
    }
    let units = drop_boilerplate(units, below_title, &mut dropped);
    let roles = if infer { infer_roles(&units) } else { marked_roles(&units) };
    let passages = passages(source, &units, &roles, &mut dropped);
    Split { title, title_apart: apart, passages, dropped }
}

/// The title, whether it stands apart from the passages, and where the units below a
/// title taken out of them start: a [`BlockKind::Title`] unit, else (when inferring)
/// the first unit if it reads as a title and a unit that does not follows, removed from
/// `units`; else the first line of the first unit, which stays a passage. In a list of
/// headlines every line reads as a title, and the first heads none of the others.
fn take_title(units: &mut Vec<Unit>, infer: bool) -> (String, bool, Option<usize>) {
    if let Some(i) = units.iter().position(|u| u.kind == BlockKind::Title) {
        return (units.remove(i).first, true, Some(i));
    }
    let Some(i) = units.iter().position(|u| !u.repeated) else {
        return (units.first().map(|u| u.first.clone()).unwrap_or_default(), false, None);
    };
    if infer && is_title_like(&units[i]) && units[i + 1..].iter().any(|u| !is_title_like(u)) {
        return (units.remove(i).first, true, Some(i));
    }
    (units[i].first.clone(), false, None)
}

fn is_title_like(u: &Unit) -> bool {
    let t = &u.text;
    u.lone
        && u.kind == BlockKind::Paragraph
        && t.len() <= MAX_TITLE_BYTES
        && t.split_whitespace().count() <= MAX_TITLE_WORDS
        && !t.ends_with(['.', ';', ',', ':'])
        && !is_bullet(t)
}

/// Drops the units a source repeats, except a heading-like one in the body (below the
/// document's own title, from `below_title`, or after its first passage) right above a
/// passage of its own: the rubric of a series of briefs ("Summary" under each brief's
/// title) heads real content; a masthead above the title or a site's notice does not.
fn drop_boilerplate(units: Vec<Unit>, below_title: Option<usize>, dropped: &mut Dropped) -> Vec<Unit> {
    let mut keep = vec![true; units.len()];
    let mut body = false;
    for (i, u) in units.iter().enumerate() {
        body |= below_title.is_some_and(|t| i >= t);
        if !u.repeated {
            body |= !is_heading(&u.text);
            continue;
        }
        let next = units.get(i + 1);
        let heads = next.is_some_and(|n| !n.repeated && !is_heading(&n.text));
        keep[i] = body && u.lone && is_heading(&u.text) && heads;
        dropped.boilerplate += usize::from(!keep[i]);
    }
    units.into_iter().zip(keep).filter_map(|(u, k)| k.then_some(u)).collect()
}

/// Roles from the kinds the format marked.
fn marked_roles(units: &[Unit]) -> Vec<Role> {
    units
        .iter()
        .map(|u| match u.kind {
            BlockKind::Heading(level) => Role::Heading(level),
            _ => Role::Passage,
        })
        .collect()
}

/// Roles read from shapes: headings in runs of at most [`MAX_HEADING_RUN`] with a
/// passage below them (a longer run is a list; a heading-like line at the end heads
/// nothing), attributions joined to the quotation above them.
fn infer_roles(units: &[Unit]) -> Vec<Role> {
    let quote: Vec<bool> = units.iter().map(|u| is_quotation(&u.text)).collect();
    let attribution: Vec<bool> = (0..units.len())
        .map(|i| {
            let u = &units[i];
            let short = u.lone && u.text.split_whitespace().count() <= MAX_ATTRIBUTION_WORDS;
            short && i > 0 && (quote[i - 1] || is_attribution(&u.text))
        })
        .collect();
    // Prose that goes on in lower case below a line is a wrapped sentence, not a heading;
    // a long line in capitals above more capitals is a telex's text.
    let continues = |i: usize| units.get(i).is_some_and(|n| n.text.starts_with(char::is_lowercase));
    let telex = |i: usize| {
        let long = units[i].text.split_whitespace().nth(MAX_CAPITALS_HEADING_WORDS).is_some();
        long && in_capitals(&units[i].text) && units.get(i + 1).is_some_and(|n| in_capitals(&n.text))
    };
    let like: Vec<bool> = (0..units.len())
        .map(|i| {
            let u = &units[i];
            u.kind == BlockKind::Paragraph
                && u.lone
                && is_heading(&u.text)
                && !attribution[i]
                && !continues(i + 1)
                && !telex(i)
                && !(i < BYLINE_BLOCKS && is_name(&u.text))
                && !is_byline(&u.text)
        })
        .collect();
    let mut roles = vec![Role::Passage; units.len()];
    let mut rubric = false;
    let mut start = 0;
    while start < units.len() {
        let end = (start..units.len()).find(|&k| !like[k]).unwrap_or(units.len());
        let run = end - start;
        if run > 0 && run <= MAX_HEADING_RUN && end < units.len() {
            if run == 2 {
                roles[start] = Role::Heading(1);
                roles[start + 1] = Role::Heading(2);
                rubric = true;
            } else {
                roles[start] = Role::Heading(if rubric { 2 } else { 1 });
            }
        }
        start = end + 1;
    }
    for i in 1..units.len() {
        let after_attribution = roles[i - 1] == Role::Attached && is_continuation(&units[i]);
        if roles[i] == Role::Passage && (attribution[i] || after_attribution) {
            roles[i] = Role::Attached;
        }
    }
    roles
}

/// The passages: headings set the section path, attached units join the passage above
/// them when nothing but whitespace lies between, verbatim repeats are dropped.
fn passages(source: &str, units: &[Unit], roles: &[Role], dropped: &mut Dropped) -> Vec<Passage> {
    let mut headings: Vec<(u8, &str)> = Vec::new();
    let mut seen = HashSet::new();
    let mut out: Vec<Passage> = Vec::new();
    let mut last_unit: Option<usize> = None;
    for (i, (u, role)) in units.iter().zip(roles).enumerate() {
        match role {
            Role::Heading(level) => {
                headings.retain(|(l, _)| l < level);
                headings.push((*level, &u.text));
                last_unit = None;
                continue;
            }
            Role::Attached if last_unit.is_some_and(|l| l + 1 == i) => {
                let prev = out.last_mut().expect("a passage was pushed");
                let gap = source.get(prev.span.end..u.span.start);
                if u.span.end.saturating_sub(prev.span.start) <= MAX_PASSAGE_BYTES
                    && gap.is_some_and(|g| g.trim().is_empty())
                {
                    prev.span.end = u.span.end;
                    prev.text = format!("{} {}", prev.text, u.text);
                    last_unit = Some(i);
                    continue;
                }
            }
            _ => {}
        }
        if !u.piece && !seen.insert(u.text.as_str()) {
            dropped.repeats += 1;
            last_unit = None;
            continue;
        }
        let section = (!headings.is_empty())
            .then(|| headings.iter().map(|(_, h)| *h).collect::<Vec<_>>().join(SECTION_SEPARATOR));
        out.push(Passage { span: u.span.clone(), text: u.text.clone(), section });
        last_unit = Some(i);
    }
    out
}

/// Whether a unit continues the line above it: a short single line starting in lower
/// case ("during a press briefing" below an attribution).
fn is_continuation(u: &Unit) -> bool {
    u.lone
        && u.text.starts_with(char::is_lowercase)
        && u.text.split_whitespace().count() <= MAX_ATTRIBUTION_WORDS
}

/// Whether a text is a quotation: it opens and closes with quotation marks.
fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"', '«', '„', '‘', '\'']) && text.ends_with(['”', '"', '»', '“', '’', '\''])
}

/// Byte ranges of the paragraph blocks of `text`, trimmed of surrounding whitespace.
/// Lines of page furniture and a line repeating the one above separate blocks and
/// belong to none.
///
/// Within a blank-line block, a line break next to a line longer than [`WRAP_CHARS`]
/// also ends a paragraph: no hard wrap makes such a line, so it is a paragraph of its
/// own (texts that mix single newlines between paragraphs with a few blank lines).
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    line_blocks(text, &|_| false, &mut Dropped::default()).into_iter().map(|(r, _)| r).collect()
}

/// The blocks of `text` and whether each is a repeated line (a block of its own).
fn line_blocks(
    text: &str,
    repeated: &dyn Fn(&str) -> bool,
    dropped: &mut Dropped,
) -> Vec<(Range<usize>, bool)> {
    let lines = line_spans(text);
    let has_blank = lines.iter().any(|l| text[l.clone()].trim().is_empty());
    let width = if has_blank { None } else { wrap_width(text, &lines) };
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut previous: Option<&str> = None;
    for line in &lines {
        let this = text[line.clone()].trim_end();
        let separates = if this.trim().is_empty() {
            true
        } else if is_furniture(this) {
            dropped.furniture += 1;
            true
        } else if previous.is_some_and(|p| p.trim() == this.trim()) {
            dropped.repeats += 1;
            true
        } else if repeated(this) {
            out.extend(current.take().map(|r| (r, false)));
            out.push((line.clone(), true));
            previous = None;
            continue;
        } else {
            false
        };
        if separates {
            out.extend(current.take().map(|r| (r, false)));
            if this.trim().is_empty() {
                previous = None;
            }
            continue;
        }
        let joins = match (previous, width) {
            (Some(prev), Some(w)) => !ends_paragraph(prev, w),
            (Some(prev), None) => has_blank && !is_long(prev) && !is_long(this) || goes_on(prev, this),
            (None, _) => false,
        };
        previous = Some(this);
        match current.as_mut() {
            Some(block) if joins => block.end = line.end,
            _ => {
                out.extend(current.take().map(|r| (r, false)));
                current = Some(line.clone());
            }
        }
    }
    out.extend(current.map(|r| (r, false)));
    out.into_iter().map(|(r, rep)| (trim_span(text, r), rep)).collect()
}

/// Whether `this` line carries on the sentence `prev` left open: `prev` ends with no
/// mark that closes a sentence or a list item and `this` starts in lower case. So reads
/// a short hard-wrapped text (too few lines for [`wrap_width`]): a wire story of three
/// lines, a pasted paragraph.
fn goes_on(prev: &str, this: &str) -> bool {
    let open = !prev.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '”', '»', ')']);
    let lower = this.trim_start().chars().next().is_some_and(char::is_lowercase);
    open && lower && !is_bullet(this) && !is_long(prev) && !is_long(this)
}

fn is_long(line: &str) -> bool {
    line.chars().count() > WRAP_CHARS
}

/// The width a text without blank lines is hard-wrapped at, if it is: at least
/// [`MIN_WRAPPED_LINES`] lines, none longer than [`WRAP_CHARS`], and most of them
/// filling at least 70 % of the longest.
fn wrap_width(text: &str, lines: &[Range<usize>]) -> Option<usize> {
    let lengths: Vec<usize> = lines.iter().map(|l| text[l.clone()].trim_end().chars().count()).collect();
    let width = *lengths.iter().max()?;
    let full = lengths.iter().filter(|&&n| n * 10 >= width * 7).count();
    (lengths.len() >= MIN_WRAPPED_LINES && width <= WRAP_CHARS && full * 10 >= lengths.len() * 6)
        .then_some(width)
}

/// Whether a hard-wrapped line closes its paragraph: it ends a sentence well short of
/// the wrap width.
fn ends_paragraph(line: &str, width: usize) -> bool {
    let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”', '»']);
    ends_sentence && line.chars().count() * 100 < width * 85
}

/// Byte ranges of each line, without the line terminator.
fn line_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        spans.push(start..i);
        start = i + 1;
    }
    if start < text.len() {
        spans.push(start..text.len());
    }
    spans
}

/// Shrinks a range so that it starts and ends on non-whitespace.
fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// The start of `text`, at most `max` bytes, cut at a word boundary when one is near.
pub fn shorten(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(ws) if ws > max / 2 => &text[..ws],
        _ => &text[..end],
    }
}

/// Cuts a range into pieces of at most [`MAX_PASSAGE_BYTES`], at whitespace where possible.
pub fn bounded(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > MAX_PASSAGE_BYTES {
        let mut cut = start + MAX_PASSAGE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace) {
            if ws > MAX_PASSAGE_BYTES / 2 {
                cut = start + ws;
            }
        }
        out.push(trim_span(text, start..cut));
        start = cut;
    }
    out.push(trim_span(text, start..r.end));
    out.retain(|s| !s.is_empty());
    out
}

/// Cuts an over-long text into pieces of at most [`MAX_PASSAGE_BYTES`] (for blocks
/// whose text is not a slice of the source, such as a structured reader's).
fn bound_text(text: &str) -> Vec<String> {
    let ranges = bounded(text, 0..text.len());
    ranges.into_iter().map(|r| text[r].to_string()).collect()
}

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)").expect("valid regex"));

/// A word hyphenated at a line's end (`coun-` then `tries`), the part after the break in
/// lower case; soft hyphens too.
static LINE_BREAK_HYPHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{L}*\p{Ll})([-\u{00AD}])[ \t]*\r?\n[ \t]*(\p{Ll}+)").expect("valid regex")
});

/// Words after which a hyphen at a line's end stands for a compound's shared part
/// (`Luft-` / `und Raumfahrt`, `pre-` / `and post-war`), not a word cut in two.
#[rustfmt::skip]
const SUSPENDED_BEFORE: [&str; 19] = [
    "und", "oder", "bis", "sowie", "and", "or", "to", "et", "ou", "y", "o", "i", "e", "en",
    "of", "и", "или", "і", "та",
];

/// The first parts of compounds written with a hyphen (`long-range`, `self-defence`,
/// `anti-aircraft`), kept when a line breaks at it: a word cut in two at a line's end
/// rarely leaves one of these before the break.
#[rustfmt::skip]
const COMPOUND_FIRST: [&str; 40] = [
    "anti", "self", "non", "pro", "pre", "post", "co", "ex", "counter", "well", "long",
    "short", "medium", "high", "low", "multi", "semi", "cross", "air", "sea", "ground",
    "full", "half", "cease", "state", "ill", "mid", "over", "under", "so", "quasi", "inter",
    "intra", "ultra", "mini", "micro", "re", "de", "vice", "far",
];

/// Endings of the adjectives of peoples and regions (`Russian-`, `Western-`,
/// `Japanese-`, `British-`, `Baltic-`) that open hyphenated compounds.
const NAME_ADJECTIVE_ENDINGS: [&str; 5] = ["an", "ern", "ese", "ish", "ic"];

/// Whether a capitalised word before a hyphen at a line's end opens a compound
/// (`Russian-backed`, `Iran-backed`) rather than being a word cut in two (`Defen-der`):
/// a name or a people's adjective.
fn is_compound_name(first: &str) -> bool {
    NAME_ADJECTIVE_ENDINGS.iter().any(|e| first.ends_with(e)) || crate::aliases::name_entity(first).is_some()
}

/// Joins the words a hard-wrapped text cut at a line's end (`coun-\ntries`), so that
/// they are found whole. A compound keeps its hyphen: its first part a name or a
/// people's adjective (`Russian-\nbacked`, `Iran-\nbacked`) or a usual first part
/// (`long-\nrange`), or a suspended part before a conjunction (`Luft-\nund
/// Raumfahrt`). Soft hyphens, invisible, go.
///
/// ```
/// use briefs::ingest::split::joined_at_line_breaks as j;
/// assert_eq!(j("thirty coun-\ntries, Steadfast Defen-\nder"), "thirty countries, Steadfast Defender");
/// let kept = "Luft-\nund Raumfahrt, S-\n300, Anglo-\nAmerican, Russian-\nbacked, Iran-\nbacked, long-\nrange";
/// assert_eq!(j(kept), kept);
/// assert_eq!(j("coun\u{00AD}tries"), "countries");
/// ```
pub fn joined_at_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    // Most paragraphs are one line: the regex is not run over them.
    if !(text.contains('\u{00AD}') || text.contains('\n') && text.contains('-')) {
        return std::borrow::Cow::Borrowed(text);
    }
    let joined = LINE_BREAK_HYPHEN.replace_all(text, |c: &regex::Captures| {
        let (first, soft, after) = (&c[1], &c[2] == "\u{00AD}", &c[3]);
        let compound = match first.starts_with(char::is_uppercase) {
            true => is_compound_name(first),
            false => COMPOUND_FIRST.contains(&first),
        };
        match !soft && (compound || SUSPENDED_BEFORE.contains(&after)) {
            true => c[0].to_string(),
            false => format!("{first}{after}"),
        }
    });
    match joined.contains('\u{00AD}') {
        true => std::borrow::Cow::Owned(joined.replace('\u{00AD}', "")),
        false => joined,
    }
}

/// Removes markup residue and collapses whitespace.
///
/// Links to nowhere such as `[EN](#)` vanish; other Markdown links keep their text.
///
/// ```
/// assert_eq!(briefs::ingest::split::clean("Talks  [EN](#) [EN](#)\n in [Geneva](http://x)"), "Talks in Geneva");
/// ```
pub fn clean(raw: &str) -> String {
    clean_joined(&joined_at_line_breaks(raw))
}

/// [`clean`] of a text whose words cut at line ends are joined already.
fn clean_joined(raw: &str) -> String {
    let unlinked = LINK.replace_all(raw, |c: &regex::Captures| match &c[2] {
        "" | "#" => String::new(),
        _ => c[1].to_string(),
    });
    // Byte-order marks and zero-width spaces left inside texts are no one's writing.
    if unlinked.contains(['\u{feff}', '\u{200b}']) {
        return crate::text::collapse_whitespace(&unlinked.replace(['\u{feff}', '\u{200b}'], ""));
    }
    crate::text::collapse_whitespace(&unlinked)
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['-', '*', '•', '–', '—', '·', '>', '|'])
        || line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a cleaned single line reads as a heading: a few words, no final punctuation,
/// not a list item or table row, not a lowercase continuation (such as an attribution's
/// second line). Bylines and attributions are told apart by [`is_byline`] and
/// [`is_attribution`] and by their place.
///
/// ```
/// assert!(briefs::ingest::split::is_heading("Industry (1/2)"));
/// assert!(!briefs::ingest::split::is_heading("Troops were sent."));
/// ```
pub fn is_heading(line: &str) -> bool {
    if is_bullet(line) || line.starts_with(char::is_lowercase) || line.contains(" | ") {
        return false;
    }
    let ends_open = !line.ends_with(['.', '!', '?', ';', ':', ',', '…', '"', '”', '»', '\'']);
    let last = line.split_whitespace().last().unwrap_or("").to_lowercase();
    line.len() <= MAX_HEADING_BYTES
        && ends_open
        && !TRAILING_WORDS.contains(&last.as_str())
        && (1..=MAX_HEADING_WORDS).contains(&line.split_whitespace().count())
}

/// Words a heading does not end on, a line cut from a sentence does ("…allowing me
/// to").
#[rustfmt::skip]
const TRAILING_WORDS: &[&str] = &[
    "to", "of", "the", "a", "an", "and", "or", "for", "in", "on", "at", "by", "with", "from",
    "as", "that", "which", "is", "are", "was", "were", "be", "has", "have", "this", "its",
    "their", "our", "my", "de", "du", "des", "le", "la", "les", "et", "à", "au", "aux", "pour",
    "par", "un", "une", "que", "qui", "der", "die", "das", "und", "zu", "von", "mit", "für",
    "im", "den", "dem", "ein", "eine", "el", "los", "las", "y", "del", "con", "por", "para",
];

/// Lowercase particles inside personal names.
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "des", "van", "von", "der", "den", "la", "le", "bin", "al",
    "ter", "y", "zu",
];

/// Words a heading in capitals has at most above a passage in capitals: a longer line is
/// a telex's or a cable's text (`ZELENSKYY ARRIVED KHARKIV 0900 STOP MET …`).
const MAX_CAPITALS_HEADING_WORDS: usize = 8;

/// Whether a text is written in capitals: letters, none of them lower case.
fn in_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Words that section headings are made of and names are not ("Executive Summary").
const HEADING_WORDS: &[&str] = &[
    "summary",
    "introduction",
    "background",
    "overview",
    "conclusion",
    "conclusions",
    "findings",
    "context",
    "analysis",
    "assessment",
    "outlook",
    "recommendations",
    "key",
    "executive",
    "main",
    "points",
    "notes",
    "highlights",
    "latest",
    "developments",
    "situation",
    "update",
    "updates",
    "news",
    "report",
    "brief",
    "annex",
    "appendix",
    "references",
    "sources",
    "contents",
    "timeline",
    "chronology",
    "methodology",
    "scope",
    "purpose",
    "objectives",
    "risks",
    "options",
    "next",
    "steps",
    "discussion",
    "results",
    "implications",
    "questions",
    "part",
    "chapter",
    "section",
    "focus",
    "sommaire",
    "résumé",
    "contexte",
    "analyse",
    "synthèse",
    "zusammenfassung",
    "einleitung",
    "hintergrund",
    "fazit",
    "resumen",
    "introducción",
    "antecedentes",
    "conclusiones",
    "contexto",
    "international",
    "relations",
    "industry",
    "defence",
    "defense",
    "security",
    "politics",
    "economy",
    "europe",
    "world",
];

/// Nouns of the roles people are quoted in ("…, Russian Deputy Foreign Minister").
const ROLE_WORDS: &[&str] = &[
    "minister",
    "ministre",
    "ministro",
    "ministerin",
    "president",
    "président",
    "präsident",
    "presidente",
    "secretary",
    "secrétaire",
    "sekretär",
    "secretario",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "porte-parole",
    "sprecher",
    "sprecherin",
    "portavoz",
    "ambassador",
    "ambassadeur",
    "botschafter",
    "embajador",
    "envoy",
    "envoyé",
    "representative",
    "représentant",
    "head",
    "chief",
    "chef",
    "jefe",
    "director",
    "directeur",
    "direktor",
    "directora",
    "general",
    "général",
    "commander",
    "commandant",
    "kommandeur",
    "comandante",
    "chancellor",
    "chancelier",
    "kanzler",
    "canciller",
    "adviser",
    "advisor",
    "conseiller",
    "conseillère",
    "berater",
    "asesor",
    "analyst",
    "analyste",
    "professor",
    "professeur",
    "researcher",
    "chercheur",
    "chercheuse",
    "fellow",
    "correspondent",
    "correspondant",
    "editor",
    "rédacteur",
    "reporter",
    "journalist",
    "journaliste",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "senator",
    "sénateur",
    "deputy",
    "député",
    "mp",
    "member",
    "official",
    "officer",
    "officier",
    "diplomat",
    "diplomate",
    "negotiator",
    "négociateur",
    "founder",
    "governor",
    "mayor",
    "maire",
    "commissioner",
    "commissaire",
    "kommissar",
    "comisario",
    "premier",
    "king",
    "queen",
    "pope",
];

/// Whether a line is a person's name alone: two to four capitalised words (initials and
/// particles allowed), none of them a heading word.
///
/// ```
/// assert!(briefs::ingest::split::is_name("Elise Vincent"));
/// assert!(briefs::ingest::split::is_name("Jean-Noël de Barrot"));
/// assert!(!briefs::ingest::split::is_name("Executive Summary"));
/// assert!(!briefs::ingest::split::is_name("Second scenario"));
/// ```
pub fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        if PARTICLES.contains(w) {
            continue;
        }
        if HEADING_WORDS.contains(&w.to_lowercase().as_str()) || !(is_name_word(w) || is_initial(w)) {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

/// A capitalised word of letters, hyphens and apostrophes, not all capitals ("NATO").
fn is_name_word(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    w.starts_with(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && (letters == 1 || w.chars().any(char::is_lowercase))
}

/// An initial: "J." or "J.-P.".
fn is_initial(w: &str) -> bool {
    w.len() <= 5 && w.starts_with(char::is_uppercase) && w.ends_with('.')
}

/// Whether a line is a byline: "By Jane Doe", "Par Élise Vincent et Jean Dupont".
///
/// ```
/// assert!(briefs::ingest::split::is_byline("By Jane Doe and John Smith, Reuters"));
/// assert!(!briefs::ingest::split::is_byline("By the end of the year"));
/// ```
pub fn is_byline(line: &str) -> bool {
    let Some((first, rest)) = line.split_once(' ') else { return false };
    if !matches!(first, "By" | "BY" | "Par" | "PAR" | "Von" | "Por" | "Door" | "Di") {
        return false;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let connector = |w: &str| matches!(w, "and" | "et" | "und" | "y" | "e" | "en" | "&" | "in");
    (1..=10).contains(&words.len())
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            connector(w)
                || PARTICLES.contains(&w)
                || is_name_word(w)
                || is_initial(w)
                || w.chars().all(char::is_uppercase)
        })
}

/// Whether a line is an attribution: "Name, role" where the role names one
/// ("Alexander Grushko, Russian Deputy Foreign Minister").
///
/// ```
/// assert!(briefs::ingest::split::is_attribution("Sergei Lavrov, head of Russian diplomacy"));
/// assert!(!briefs::ingest::split::is_attribution("In Brest, France, informal meeting of EU ministers"));
/// ```
pub fn is_attribution(line: &str) -> bool {
    let Some((name, role)) = line.split_once(", ") else { return false };
    let role_word = |w: &str| {
        ROLE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
    };
    is_name(name)
        && !role.contains(',')
        && role.split_whitespace().count() <= MAX_ATTRIBUTION_WORDS
        && role.split_whitespace().any(role_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(s: &Split) -> Vec<Option<&str>> {
        s.passages.iter().map(|p| p.section.as_deref()).collect()
    }

    fn texts(s: &Split) -> Vec<&str> {
        s.passages.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn the_first_of_a_list_of_headlines_is_no_title() {
        let s =
            split("Russia moves S-300 to Crimea\nKyiv asks for more air defence\nTalks resume in Geneva\n");
        assert!(!s.title_apart);
        assert_eq!(texts(&s).len(), 3, "{:?}", texts(&s));
        assert!(s.passages.iter().all(|p| p.section.is_none()));
        let s = split("Russia moves S-300 to Crimea\n\nThe battery was seen near Dzhankoi on Monday.\n");
        assert!(s.title_apart);
        assert_eq!(s.title, "Russia moves S-300 to Crimea");
    }

    #[test]
    fn blank_line_blocks_are_paragraphs() {
        let t = "Title\n\nOne line\ncontinues here.\n\n\nTwo.\n";
        let b = blocks(t);
        assert_eq!(b.len(), 3);
        assert_eq!(&t[b[1].clone()], "One line\ncontinues here.");
    }

    #[test]
    fn long_lines_are_paragraphs_even_inside_blocks() {
        let (long, other) = ("word ".repeat(30), "other ".repeat(30));
        let t = format!("Head\n\n{long}\n{other}\nshort a\nshort b\n\nEnd.");
        let b: Vec<_> = blocks(&t).into_iter().map(|r| t[r].to_string()).collect();
        assert_eq!(b.len(), 5, "{b:?}");
        assert_eq!(b[3], "short a\nshort b");
    }

    #[test]
    fn hard_wrapped_text_without_blank_lines_is_unwrapped() {
        let t = "We thank the President for his work at this session of the Assembly\n\
                 and we welcome the new Members admitted this year to the United\n\
                 Nations.\n\
                 The situation in the region remains of grave concern to my country\n\
                 and to the whole of the international community, which must act to\n\
                 restore peace without delay and to protect the civilian population\n\
                 from the violence that has claimed thousands of lives in recent months\n\
                 and years.\n";
        let b: Vec<_> = blocks(t).into_iter().map(|r| t[r].to_string()).collect();
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].ends_with("Nations.") && b[1].starts_with("The situation"));
    }

    #[test]
    fn a_short_hard_wrapped_text_is_one_paragraph() {
        let s = split(
            "BRUSSELS, April 10 (Reuters) - Ukrainian sea drones struck two Russian landing\n\
             ships near Sevastopol overnight, sinking one and damaging the other, a navy\n\
             spokesman said on Thursday.\n",
        );
        assert_eq!(texts(&s).len(), 1, "{:?}", texts(&s));
        assert!(texts(&s)[0].contains("landing ships"), "{:?}", texts(&s));
        let two =
            split("Russian forces intensified assaults near Pokrovsk\non Friday, the General Staff said.");
        assert_eq!(texts(&two).len(), 1, "{:?}", texts(&two));
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let t = "Title of it\nFirst sentence here.\nSecond sentence here.";
        let s = split(t);
        assert_eq!(s.title, "Title of it");
        assert_eq!(texts(&s), ["First sentence here.", "Second sentence here."]);
        assert_eq!(&t[s.passages[1].span.clone()], "Second sentence here.");
    }

    #[test]
    fn headings_become_sections() {
        let s = split("Intro text goes here.\n\nIndustry (1/2)\n\nFactories opened.\n\nMore news.");
        assert_eq!(s.title, "Intro text goes here.");
        assert_eq!(sections(&s), [None, Some("Industry (1/2)"), Some("Industry (1/2)")]);
        assert!(s.passages.iter().all(|p| p.text != "Industry (1/2)"));
    }

    #[test]
    fn a_telex_in_capitals_is_text_and_its_short_headline_a_heading() {
        let s = split(
            "URGENT TELEX 0412Z\n\nZELENSKYY ARRIVED KHARKIV 0900 LOCAL STOP MET REGIONAL COMMANDERS \
             STOP\n\nTURKEY OFFERS TO HOST TALKS IN ISTANBUL STOP UN ENVOY EXPECTED STOP\n\n\
             RUSSIA: TALKS\n\nMoscow said nothing.",
        );
        let texts: Vec<&str> = s.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with("ZELENSKYY ARRIVED"), "{texts:?}");
        assert_eq!(sections(&s)[2], Some("RUSSIA: TALKS"));
    }

    #[test]
    fn the_first_heading_under_the_title_is_kept() {
        let s = split("Weekly focus on Ukraine\n\nLast developments and status\n\nTalks resumed.");
        assert_eq!(s.title, "Weekly focus on Ukraine");
        assert_eq!(sections(&s), [Some("Last developments and status")]);
    }

    #[test]
    fn a_rubric_and_its_headlines_make_a_section_path() {
        let s = split(
            "Brief\n\nIntro.\n\nIndustry\n\nSpain joins the drone programme\n\nMadrid signed on.\n\n\
             Italy orders tanks\n\nRome signed too.\n\nDiplomacy\n\nTalks in Geneva\n\nThey met.",
        );
        assert_eq!(
            sections(&s),
            [
                None,
                Some("Industry › Spain joins the drone programme"),
                Some("Industry › Italy orders tanks"),
                Some("Diplomacy › Talks in Geneva"),
            ]
        );
    }

    #[test]
    fn single_headings_without_a_rubric_replace_each_other() {
        let s = split("Brief\n\nIntro.\n\nFirst topic\n\nOne.\n\nSecond topic\n\nTwo.");
        assert_eq!(sections(&s), [None, Some("First topic"), Some("Second topic")]);
    }

    #[test]
    fn bylines_attributions_credits_and_datelines_are_not_headings() {
        let s = split(
            "A long report title\n\nThe standfirst sums the story up in a sentence.\n\nMaria Lopez Garcia\n\n\
             12 March 2024\n\nPhoto: Reuters\n\nBody paragraph one.\n\nBy John Smith\n\nBody paragraph two.\n\n\
             Jens Muller, German Defence Minister\n\nBody paragraph three.",
        );
        assert_eq!(s.title, "A long report title");
        assert!(sections(&s).iter().all(Option::is_none), "{:?}", sections(&s));
        assert!(texts(&s).contains(&"Maria Lopez Garcia"));
        assert!(!texts(&s).iter().any(|t| t.contains("Reuters") || t.contains("2024")));
        assert_eq!(s.dropped.furniture, 2);
    }

    #[test]
    fn an_attribution_joins_the_quotation_above_it() {
        let t = "Title\n\nThe talks went on.\n\n“We will not give up.”\n\nThe Ministry\n\nat a press conference\n\nNext paragraph.";
        let s = split(t);
        assert_eq!(
            texts(&s),
            [
                "The talks went on.",
                "“We will not give up.” The Ministry at a press conference",
                "Next paragraph."
            ]
        );
        assert!(sections(&s).iter().all(Option::is_none));
        assert_eq!(
            &t[s.passages[1].span.clone()],
            "“We will not give up.”\n\nThe Ministry\n\nat a press conference"
        );
    }

    #[test]
    fn lists_and_trailing_lines_are_passages_not_headings() {
        let s = split(
            "Intro sentence here.\n\nAlpha item\n\nBeta item\n\nGamma item\n\nMore text.\n\nClosing words",
        );
        assert_eq!(
            texts(&s),
            ["Intro sentence here.", "Alpha item", "Beta item", "Gamma item", "More text.", "Closing words"]
        );
        assert!(!is_heading("- 300 troops to Romania"));
        assert!(!is_heading("2) Troops to Romania"));
        assert!(!is_heading("France | 300 | 450"));
        assert!(is_heading("2024 budget"));
        assert!(!is_heading("during a press briefing"));
        assert!(!is_heading("Mr. President, first of all may I thank you for allowing me to"));
        let wrapped = split("Title\n\nIt is a particular pleasure\n\nsince we meet again.\n\nEnd.");
        assert!(sections(&wrapped).iter().all(Option::is_none), "a wrapped line above lower case is prose");
    }

    #[test]
    fn a_document_of_one_line_keeps_it_as_a_passage() {
        let s = split("troops in Romania");
        assert_eq!(texts(&s), ["troops in Romania"]);
        assert_eq!(s.title, "troops in Romania");
    }

    #[test]
    fn heading_rules() {
        assert!(is_heading("Between NATO and Moscow: a difficult exchange"));
        assert!(is_heading(
            "The EU takes a collective action against China in front of the WTO to defend Lithuania"
        ));
        assert!(!is_heading("are we heading towards war with Russia?"));
        assert!(!is_heading(&"word ".repeat(20)));
        assert!(!is_heading(""));
        assert!(is_attribution("Alexander Grushko, Russian Deputy Foreign Minister"));
        assert!(!is_attribution("Mali: Denmark leaves the Takuba Task Force, French ambassador expelled"));
        assert!(!is_name("LETTER FROM BRUSSELS"));
        assert!(is_byline("BY JANE DOE"));
    }

    #[test]
    fn cleaning_strips_link_residue() {
        assert_eq!(clean("Focus: crisis [EN](#) [EN](#)"), "Focus: crisis");
        assert_eq!(clean("see [the report](https://x.org/a) now"), "see the report now");
        assert_eq!(clean("  a \t b \n c "), "a b c");
        assert_eq!(
            clean("thirty-one coun-\n  tries and Nord-\nund Ostsee"),
            "thirty-one countries and Nord- und Ostsee"
        );
        assert_eq!(clean("под-\nразделения, S-\n300"), "подразделения, S- 300");
        assert_eq!(clean("\u{feff}88. Mr. President"), "88. Mr. President");
    }

    #[test]
    fn verbatim_repeats_are_indexed_once() {
        let s = split("Why war?\n\nWhy war?\nWhy war?\n\nBecause of this.\n\nAnd that.\n\nBecause of this.");
        assert_eq!(s.title, "Why war?");
        assert_eq!(texts(&s), ["Because of this.", "And that."]);
        assert_eq!(s.dropped.repeats, 3);
    }

    #[test]
    fn furniture_separates_blocks_and_is_counted() {
        let t = "Title here\n\nHome | World | Europe\nShare 12\n\nThe body text.\n0\nPage 2 of 3\nMore body text.";
        let s = split(t);
        assert_eq!(texts(&s), ["The body text.", "More body text."]);
        assert_eq!(s.dropped.furniture, 4);
    }

    #[test]
    fn repeated_lines_go_unless_they_head_the_body() {
        let t = "DAILY WIRE\n\nStory title\n\nFirst paragraph.\n\nBackground\n\nSecond paragraph.\n\nGet the daily briefing each morning";
        let repeated =
            |l: &str| ["DAILY WIRE", "Background", "Get the daily briefing each morning"].contains(&l);
        let s = split_doc(t, None, &repeated);
        assert_eq!(s.title, "Story title");
        assert_eq!(texts(&s), ["First paragraph.", "Second paragraph."]);
        assert_eq!(sections(&s), [None, Some("Background")]);
        assert_eq!(s.dropped.boilerplate, 2);
    }

    #[test]
    fn a_given_title_is_not_taken_from_the_text() {
        let s =
            split_doc("Statement\nPeace needs disarmament.\nSanctions failed.", Some("Statement"), &|_| {
                false
            });
        assert_eq!(s.title, "Statement");
        assert_eq!(texts(&s), ["Peace needs disarmament.", "Sanctions failed."]);
        let s = split_doc("Short heading\n\nBody.", Some("Other"), &|_| false);
        assert_eq!(sections(&s), [Some("Short heading")]);
    }

    #[test]
    fn long_paragraphs_are_bounded() {
        let t = "word ".repeat(3000);
        let s = split(&t);
        assert!(s.passages.len() >= 7, "pieces of one paragraph are not repeats of each other");
        assert!(s.passages.iter().all(|p| p.span.len() <= MAX_PASSAGE_BYTES));
    }

    #[test]
    fn titles_are_bounded() {
        let s = split(&"word ".repeat(10_000));
        assert!(s.title.len() <= MAX_TITLE_BYTES);
        assert_eq!(shorten("héllo wörld", 8), "héllo");
    }

    #[test]
    fn spans_point_at_the_raw_text() {
        let t = "Head\r\n\r\n  Body [EN](#) text.  \r\n";
        let s = split(t);
        assert_eq!(&t[s.passages[0].span.clone()], "Body [EN](#) text.");
        assert_eq!(s.passages[0].text, "Body text.");
    }

    #[test]
    fn markdown_sections_follow_heading_levels() {
        let md = "# Title\n\nIntro.\n\n## Context\n\nOne.\n\n### Detail\n\nTwo.\n\n## Outlook\n\nThree.\n\nShare 12\n";
        let s = split_extracted(&super::super::markdown::extract(md), None, &|_| false);
        assert_eq!(s.title, "Title");
        assert_eq!(texts(&s), ["Intro.", "One.", "Two.", "Three."]);
        assert_eq!(sections(&s), [None, Some("Context"), Some("Context › Detail"), Some("Outlook")]);
        assert_eq!(s.dropped.furniture, 1);
    }

    #[test]
    fn markdown_without_headings_reads_them_as_plain_text_does() {
        let md =
            "Weekly digest\n\nTalks resumed.\n\nIndustry\n\nFactories doubled output.\n\n- Alpha\n- Beta\n";
        let s = split_extracted(&super::super::markdown::extract(md), None, &|_| false);
        assert_eq!(s.title, "Weekly digest");
        assert_eq!(sections(&s), [None, Some("Industry"), Some("Industry"), Some("Industry")]);
        assert_eq!(texts(&s), ["Talks resumed.", "Factories doubled output.", "Alpha", "Beta"]);
    }

    /// The sections of the five seeds, as an analyst reads them: per seed, the title and
    /// the section of each run of passages, in order.
    #[test]
    fn the_seeds_have_the_sections_an_analyst_sees() {
        let expected: [(&str, &str, &[Option<&str>]); 5] = [
            (
                "000_",
                "Focus: Last developments on the Ukraine crisis",
                &[
                    Some("Last developments and current status on the Ukraine crisis"),
                    Some("Industry (1/2) › Luxembourg finances the Incubation Forum for Circular Economy in European Defence"),
                    Some("Industry (1/2) › 14th European Space Conference: Commissioner Thierry Breton announced a full programme for consolidating EU’s space ambition"),
                    Some("Industry (1/2) › Spain validates its participation in the MALE Eurodrone programme"),
                    Some("European Union military cooperation and external operations › Mali: Denmark leaves the Takuba Task Force, French ambassador expelled"),
                    Some("International relations › The EU takes a collective action against China in front of the WTO to defend Lithuania"),
                    Some("International relations › In Brest, France, informal meeting of EU Defence and Foreign Affairs ministers"),
                ],
            ),
            (
                "001_",
                "we summarize the various negotiations in progress to calm the situation",
                &[
                    None,
                    Some("Between the United States and Russia: direct talks"),
                    Some("Between NATO and Moscow: a difficult exchange"),
                    Some("Within the OSCE: a blockage during the negotiations"),
                    Some("Within the so-called “Normandy” format: a signal of relaxation"),
                    Some("Between the European Union and Russia: a relationship at a standstill"),
                ],
            ),
            ("002_", "THE AMERICA ONE NEWS", &[None, Some("LETTER FROM BRUSSELS")]),
            (
                "003_",
                "Le Monde: Allied talks on sending troops to Ukraine have stalled",
                &[None, Some("The \"militarization\" of Ukraine"), Some("The order portfolio is less complete than expected")],
            ),
            (
                "004_",
                "are we heading towards war with Russia?",
                &[
                    None,
                    Some("A perspective dictated by circumstances"),
                    Some("Franco-British rapprochement"),
                    Some("Train the troops, secure a future peace deal"),
                    Some("The risks of military engagement"),
                    Some("Second scenario"),
                ],
            ),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for (prefix, title, want) in expected {
            let entry = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                .unwrap();
            let text = std::fs::read_to_string(&entry).unwrap();
            let s = split(&text);
            assert_eq!(s.title, title, "{prefix}");
            let mut runs = sections(&s);
            runs.dedup();
            assert_eq!(runs, want, "{prefix}");
            for p in &s.passages {
                assert_eq!(p.text, clean(&text[p.span.clone()]), "{prefix}");
                for chrome in ["Sponsor", "subscribers only", "PREV", "NEXT BP", "Remer", "Images Le Monde"] {
                    assert!(!p.text.contains(chrome), "{prefix}: {chrome} in {:?}", p.text);
                }
            }
            let attributed =
                s.passages.iter().filter(|p| p.text.starts_with('“') && !p.text.ends_with('”')).count();
            assert_eq!(
                attributed,
                if prefix == "001_" { 4 } else { 0 },
                "{prefix}: quotations with their attribution"
            );
        }
    }
}
