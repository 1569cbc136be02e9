//! Site chrome and page furniture: lines that are no one's writing.
//!
//! Two kinds are told apart. *Furniture* is recognised by its shape alone, in any
//! document: a line without letters, "Page 3 of 12", share and like counters, a line of
//! navigation words or a bar of short links, sponsor and paywall notices, photo
//! credits, a lone date, a pager ("NEXT …"). *Boilerplate* is what one source repeats
//! in document after document (a masthead, a site's own notices): [`Boilerplate`]
//! counts normalised short lines per source over a run and names the lines seen in
//! enough of that source's documents.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use regex::Regex;

use super::date::find_date;
use super::read::SourceDoc;

/// A line is boilerplate when seen in at least this many documents of its source…
pub const MIN_DOCS: u32 = 3;
/// …and in at least this share of the documents of its source seen so far.
pub const MIN_SHARE: f64 = 0.5;
/// Only lines up to this many bytes are counted: chrome is short, writing is not.
pub const MAX_LINE_BYTES: usize = 200;
/// The counter keeps at most this many distinct lines in all (about 32 MB); lines met
/// once it is full are not counted.
pub const MAX_ENTRIES: usize = 1 << 20;

/// Furniture is short: a line of more words than this is someone's writing.
const MAX_FURNITURE_WORDS: usize = 40;

/// What is dropped from documents before they become passages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Lines dropped as page furniture (recognised by their shape).
    pub furniture: usize,
    /// Lines dropped as boilerplate repeated across a source's documents.
    pub boilerplate: usize,
    /// Blocks dropped as verbatim repeats inside their document.
    pub repeats: usize,
}

impl std::ops::AddAssign for Dropped {
    fn add_assign(&mut self, o: Dropped) {
        self.furniture += o.furniture;
        self.boilerplate += o.boilerplate;
        self.repeats += o.repeats;
    }
}

/// Lines counted for one source.
#[derive(Debug, Default)]
struct SourceLines {
    docs: u32,
    lines: HashMap<u64, u32>,
}

/// A per-run count of the short lines of each source, across its documents.
///
/// Observe every document of a batch first, then prepare the batch asking
/// [`Boilerplate::is_boilerplate`]: a run that reads documents in batches sees its
/// first batch whole before it drops anything.
///
/// ```
/// use briefs::ingest::{boilerplate::Boilerplate, SourceDoc};
/// let mut b = Boilerplate::default();
/// for place in ["Kyiv", "Vilnius", "Warsaw", "Riga"] {
///     let text = format!("DAILY WIRE\n\nTalks in {place} resumed.\n\nShares: 12");
///     b.observe(&SourceDoc { source: "wire".into(), text, ..Default::default() });
/// }
/// assert!(b.is_boilerplate("wire", "Daily Wire"));
/// assert!(b.is_boilerplate("wire", "shares 12"));
/// assert!(!b.is_boilerplate("wire", "Shares: 340"), "numbers are kept: they name things");
/// assert!(!b.is_boilerplate("wire", "Talks in Kyiv resumed."));
/// assert!(!b.is_boilerplate("other", "DAILY WIRE"));
/// ```
#[derive(Debug, Default)]
pub struct Boilerplate {
    sources: HashMap<String, SourceLines>,
    entries: usize,
}

impl Boilerplate {
    /// Counts the short lines of one document (each line once per document).
    pub fn observe(&mut self, doc: &SourceDoc) {
        self.observe_lines(&doc.source, doc.text.lines());
    }

    /// Counts lines of one document of `source`.
    pub fn observe_lines<'a>(&mut self, source: &str, lines: impl Iterator<Item = &'a str>) {
        let keys: HashSet<u64> = lines.filter_map(line_key).collect();
        if !self.sources.contains_key(source) {
            self.sources.insert(source.to_string(), SourceLines::default());
        }
        let counts = self.sources.get_mut(source).expect("inserted above");
        counts.docs += 1;
        for key in keys {
            if let Some(n) = counts.lines.get_mut(&key) {
                *n += 1;
            } else if self.entries < MAX_ENTRIES {
                counts.lines.insert(key, 1);
                self.entries += 1;
            }
        }
    }

    /// Whether `line` is seen in at least [`MIN_DOCS`] documents of `source` and in at
    /// least [`MIN_SHARE`] of them.
    pub fn is_boilerplate(&self, source: &str, line: &str) -> bool {
        let (Some(counts), Some(key)) = (self.sources.get(source), line_key(line)) else {
            return false;
        };
        let seen = counts.lines.get(&key).copied().unwrap_or(0);
        seen >= MIN_DOCS && f64::from(seen) >= MIN_SHARE * f64::from(counts.docs)
    }
}

/// The most words a boilerplate line has.
const MAX_LINE_WORDS: usize = 5;

/// The hash of a short line with case, punctuation and markup folded away ("Share 12"
/// and "**share** 12" meet); `None` for long lines and lines without letters or
/// digits. Numbers are kept: lines that differ only by them name different things (a
/// digest's issue, a report's number, a day), and counters are furniture by shape.
fn line_key(line: &str) -> Option<u64> {
    let line = line.trim();
    // Chrome is short (sponsor and nav lines, counters); a sentence repeated across a
    // source's documents is text, however often it recurs.
    if line.len() > MAX_LINE_BYTES || line.split_whitespace().count() > MAX_LINE_WORDS {
        return None;
    }
    let mut folded = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    let normal = crate::text::collapse_whitespace(&folded);
    if normal.is_empty() {
        return None;
    }
    let mut h = DefaultHasher::new();
    normal.hash(&mut h);
    Some(h.finish())
}

/// Separators of navigation bars and meta lines.
const SEPARATORS: [char; 7] = ['|', '•', '·', '›', '»', '/', '¦'];

/// Words that make up navigation lines ("Home", "Read more", "Back to top"), in the
/// languages briefs meets most; a navigation line holds at least one of them.
#[rustfmt::skip]
const NAV_WORDS: &[&str] = &[
    "home", "menu", "search", "back", "next", "prev", "previous", "top", "read", "latest",
    "topic", "topics", "skip", "content", "login", "log", "sign", "register", "subscribe",
    "newsletter", "newsletters", "follow", "related", "articles", "advertisement", "ads",
    "sponsored", "contact", "privacy", "policy", "terms", "cookies", "sections", "news",
    "accueil", "suivant", "précédent", "retour", "lire", "suite", "rechercher", "recherche",
    "fermer", "connexion", "startseite", "weiter", "zurück", "suche", "lesen", "anmelden",
    "inicio", "siguiente", "anterior", "leer", "buscar", "cerrar", "volver",
];

/// Short words that navigation lines also hold ("Back *to* top", "Follow *us*"); a line
/// of these alone (a wrapped line's "in") is not navigation.
#[rustfmt::skip]
const NAV_LINKS: &[&str] = &[
    "to", "in", "up", "us", "out", "all", "more", "main", "the", "our", "on", "of", "about",
    "view", "show", "hide", "open", "close", "la", "plus", "de", "mehr", "más",
];

/// Words of share and like counters ("Share 12", "Tweet", "Share on Facebook"); a
/// counter holds at least one of [`SOCIAL_HEADS`].
#[rustfmt::skip]
const SOCIAL_WORDS: &[&str] = &[
    "share", "shares", "shared", "tweet", "tweets", "like", "likes", "comment", "comments",
    "email", "e-mail", "mail", "print", "pin", "facebook", "twitter", "linkedin", "whatsapp",
    "telegram", "reddit", "copy", "link", "save", "on", "this", "article", "partager",
    "partages", "teilen", "compartir", "commentaires", "kommentare", "comentarios",
];

#[rustfmt::skip]
const SOCIAL_HEADS: &[&str] = &[
    "share", "shares", "shared", "tweet", "tweets", "like", "likes", "comment", "comments",
    "partager", "partages", "teilen", "compartir", "commentaires", "kommentare", "comentarios",
];

/// First words of photo and image credits.
#[rustfmt::skip]
const CREDIT_WORDS: &[&str] = &[
    "photo", "photos", "photograph", "image", "images", "credit", "credits", "illustration",
    "picture", "pictures", "foto", "fotos", "crédit", "crédits", "bild", "imagen", "copyright",
];

/// Nouns of subscription notices (not the verb: "Laos subscribes to the principle").
#[rustfmt::skip]
const PAYWALL_WORDS: &[&str] = &[
    "subscriber", "subscribers", "subscription", "abonné", "abonnés", "abonnement",
    "abonnent", "abonnenten", "suscriptor", "suscriptores", "suscripción", "paywall",
];

/// What subscription notices withhold.
#[rustfmt::skip]
const WITHHELD_WORDS: &[&str] = &[
    "read", "reading", "article", "rest", "reserved", "only", "continue", "left", "access",
    "unlock", "exclusive", "premium", "lire", "réservé", "réservée", "reste", "lesen",
    "weiterlesen", "leer", "artículo", "artikel",
];

/// First words of sponsor and advertising lines.
#[rustfmt::skip]
const SPONSOR_WORDS: &[&str] = &[
    "sponsor", "sponsors", "sponsored", "advertisement", "advert", "ad", "promoted",
    "publicité", "publicidad", "anzeige", "werbung",
];

/// Weekday names and date labels that a dateline may hold besides the date.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "updated", "published", "posted", "modified", "last", "on", "at", "le", "am", "el", "de",
    "publié", "mis", "à", "jour", "aktualisiert", "veröffentlicht", "actualizado", "publicado",
    "gmt", "utc", "cet", "cest", "pm",
];

static SUBSCRIBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(subscribe|abonnez-vous|suscríbete)\b.{0,20}\b(to (read|continue|access|unlock)|pour lire|para leer)\b")
        .expect("regex")
});
/// A newsletter's own lines, on a short line: the link to its web copy at the top, and
/// the unsubscribe line at the bottom (`Unsubscribe | Manage preferences`), in the
/// languages of the briefs; not a sentence that mentions unsubscribing.
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W*((view|read|open|see) (this|the|it|our) ?(e-?mail|newsletter|message|issue)? ?(online|on the web|in (your|a|the) (web )?browser)",
        r"|(voir|afficher|lire) (la version|cet e-?mail|ce message|la lettre) (en ligne|web|dans (le|votre) navigateur)",
        r"|(im|in) browser (ansehen|öffnen|anzeigen|lesen)|(ver|abrir) (este correo|el correo|en) ?(en )?(el|tu|su)? ?navegador",
        r"|открыть в браузере|(unsubscribe|se désinscrire|se désabonner|abmelden|darse de baja|отписаться)( (here|ici|hier|aquí|от рассылки))?",
        r"|(manage|update) (your )?(preferences|subscription))\W*$",
        r"|\bunsubscribe\b.{0,40}\b(manage|update|change) (your )?(preferences|subscription)\b",
        r"|\byou are receiving this (e-?mail|newsletter|message|briefing|digest|bulletin) because\b",
    ))
    .expect("regex")
});
/// Words a line of newsletter chrome has at most (see [`NEWSLETTER`]).
const MAX_NEWSLETTER_WORDS: usize = 24;
static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(page|p\.|seite|página|pagina)\s*\d+(\s*(of|/|de|sur|von|di)\s*\d+)?$").expect("regex")
});
static PAGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(PREV|NEXT|PREVIOUS)\b|^(?i:(previous|next)\s+(article|post|story|page)\b|(previous|next)\s*[:»›>]|(article\s+)?(précédent|suivant)\b|[«‹<]\s*(previous|prev|précédent))",
    )
    .expect("regex")
});

/// The words of a line, lowercased, without surrounding punctuation.
///
/// One lowered copy of the line, not a string per word: every line of every document
/// is tested for furniture.
fn words(lowered: &str) -> Vec<&str> {
    lowered
        .split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a line is page furniture: recognised by its shape, dropped from passages.
///
/// ```
/// use briefs::ingest::boilerplate::is_furniture;
/// for line in ["12", "Page 3 of 12", "Share 12", "Read more", "Home | World | Sport", "© AFP"] {
///     assert!(is_furniture(line), "{line}");
/// }
/// assert!(!is_furniture("Troops crossed the border at dawn."));
/// ```
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    if has_more_words(line, MAX_FURNITURE_WORDS) {
        return false;
    }
    let lowered = line.to_lowercase();
    let words = words(&lowered);
    PAGE.is_match(line)
        || PAGER.is_match(line)
        || is_nav_line(line, &words)
        || (all_in_or_digits(&words, SOCIAL_WORDS) && words.iter().any(|w| SOCIAL_HEADS.contains(w)))
        || is_nav_bar(line)
        || is_dangling(line, &words)
        || is_sponsor(line, &words)
        || is_paywall(line, &words)
        || (words.len() <= MAX_NEWSLETTER_WORDS && NEWSLETTER.is_match(line))
        || is_credit(line, &words)
        || is_dateline(line, &words)
}

/// Whether `line` has more than `n` words (runs between whitespace), counted on bytes
/// when it is ASCII: most lines are, and every line indexed is asked.
fn has_more_words(line: &str, n: usize) -> bool {
    if !line.is_ascii() {
        return line.split_whitespace().nth(n).is_some();
    }
    // `char::is_whitespace` of ASCII: `u8::is_ascii_whitespace` leaves out the vertical tab.
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let starts = line.as_bytes().windows(2).filter(|w| space(&w[0]) && !space(&w[1]));
    let first = line.as_bytes().first().is_some_and(|b| !space(b));
    // Stops at the word past `n`, as `nth` would: a paragraph can be one long line.
    starts.take(n + 1).count() + usize::from(first) > n
}

/// A line of navigation words: "Read more", "Back to top", "back".
fn is_nav_line(line: &str, words: &[&str]) -> bool {
    let nav = |w: &&str| NAV_WORDS.contains(w);
    // `all` first: it stops at the first word of writing, `any` would read them all.
    !line.ends_with('.') && words.iter().all(|w| nav(w) || NAV_LINKS.contains(w)) && words.iter().any(nav)
}

fn all_in_or_digits(words: &[&str], list: &[&str]) -> bool {
    !words.is_empty() && words.iter().all(|w| list.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A bar of at least three short links: "Home | World | Politics". Items with digits
/// are table cells, not links, and a row between pipes is a table's.
fn is_nav_bar(line: &str) -> bool {
    if line.starts_with('|') && line.ends_with('|') {
        return false; // a table row
    }
    let items: Vec<&str> = line.split(&SEPARATORS[..]).map(str::trim).filter(|i| !i.is_empty()).collect();
    items.len() >= 3
        && items.iter().all(|i| {
            i.split_whitespace().count() <= 3
                && !i.chars().any(|c| c.is_ascii_digit())
                && !i.ends_with(['.', '!', '?', ',', ';'])
        })
}

/// A short line that a pipe opens or closes (but not both, as a table row would): a
/// fragment of a meta bar ("| Remer,MN", "Jun 20, 2025 |"). Bullets are list items.
fn is_dangling(line: &str, words: &[&str]) -> bool {
    let opens = line.starts_with(['|', '¦']);
    let closes = line.ends_with(['|', '¦']);
    opens != closes && words.len() <= 6
}

/// "Sponsor: …", "Advertisement", "Sponsored by …": a capitalised sponsor word that a
/// colon or separator follows, or that makes a short line ("promoted peace" in a wrapped
/// paragraph is not one).
fn is_sponsor(line: &str, words: &[&str]) -> bool {
    let first = words.first().copied().unwrap_or("");
    let start = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let after = start.trim_start_matches(char::is_alphabetic).trim_start();
    SPONSOR_WORDS.contains(&first)
        && start.starts_with(char::is_uppercase)
        && (after.starts_with([':', '|', '-', '–', '—'])
            || words.len() <= 3
            || start.starts_with("Sponsored by"))
}

/// "This article is reserved for subscribers", "Subscribe to read".
fn is_paywall(line: &str, words: &[&str]) -> bool {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    (has(PAYWALL_WORDS) && has(WITHHELD_WORDS)) || SUBSCRIBE.is_match(line)
}

/// "Photo: AFP", "Images Le Monde.fr", "© Reuters", "Credit: …".
fn is_credit(line: &str, words: &[&str]) -> bool {
    let first = words.first().copied().unwrap_or("");
    words.len() <= 8 && (CREDIT_WORDS.contains(&first) || line.contains('©'))
}

/// A line that is a date and at most one other word (a place): "23 Nov 2024",
/// "Published on Jun 20, 2025 | PARIS". Not a wrapped sentence's end ("on 5 June
/// 1967."), which starts in lower case or closes with punctuation.
fn is_dateline(line: &str, words: &[&str]) -> bool {
    let sentence = line.starts_with(char::is_lowercase) || line.ends_with(['.', ':', ';', ',']);
    if sentence || words.len() > 8 || find_date(line).is_none() {
        return false;
    }
    let other = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !DATE_WORDS.contains(w) && !is_month(w))
        .count();
    other <= 1
}

/// Whether a word names a month (as the date finder reads month names).
fn is_month(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && find_date(&format!("1 {word} 2000")).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for line in ["", " ", "a", " a b ", "a\u{0B}b\tc", "a  b\r\nc ", "é b", "a\u{A0}b c"] {
            for n in 0..4 {
                assert_eq!(has_more_words(line, n), line.split_whitespace().nth(n).is_some(), "{line:?} {n}");
            }
        }
    }

    #[test]
    fn furniture_by_shape() {
        for line in [
            "0",
            "-",
            "— 3 —",
            "Page 3 of 12",
            "page 7",
            "Share 12",
            "Tweet",
            "Share on Facebook",
            "12 comments",
            "Home",
            "Menu",
            "Read more",
            "Back to top",
            "back",
            "Latest",
            "Home | World | Politics | Business",
            "| Remer,MN",
            "Jun 20, 2025 \u{a0}|\u{a0} ",
            "Sponsor:\u{a0} QWIKET: Elevate your fantasy game! Interactive Sports Knowledge.",
            "Advertisement",
            "Sponsored by Acme Defence Systems",
            "Subscribe now to continue reading",
            "Subscribe to read",
            "This article is reserved for subscribers.",
            "You have 50.51% of this article left to read. The rest is for subscribers only.",
            "Il vous reste 62% de cet article à lire. La suite est réservée aux abonnés.",
            "Photo: AFP",
            "Images Le Monde.fr",
            "© Reuters 2024",
            "Credit: Ministry of Defence",
            "23 Nov 2024",
            "3. März 2023",
            "Updated on 12 March 2024",
            "PREV are we heading towards war with Russia?",
            "NEXT BP abandons oil reduction target",
            "Next article: talks resume",
            "View this email in your browser",
            "Read it online",
            "Unsubscribe | Manage preferences",
            "Unsubscribe",
            "Company Ltd, 1 Street, Town. Unsubscribe or update your preferences at any time.",
            "Voir la version en ligne",
            "Im Browser ansehen",
            "Ver en el navegador",
            "Отписаться от рассылки",
            "You are receiving this briefing because you subscribed at digest.example. Unsubscribe or update your preferences at any time.",
        ] {
            assert!(is_furniture(line), "{line:?}");
        }
    }

    #[test]
    fn writing_is_not_furniture() {
        for line in [
            "Troops crossed the border at dawn.",
            "More news.",
            // Lines of hard-wrapped prose (UN General Debate statements).
            "promoted peace, has made it less and less necessary to rely",
            "sponsored a declaration at the recent International",
            "Laos subscribes and will continue to subscribe to the need for understanding.",
            "on 5 June 1967.",
            "Observer on 27 September 1963.",
            "(c) Integration with an independent State",
            "in",
            "all",
            "• 300 troops to Romania",
            "Industry (1/2)",
            "Franco-British rapprochement",
            "Next steps for the alliance",
            "The summit of 12 March 2024 in Paris",
            "Share prices fell after the announcement of new sanctions on Russian banks.",
            "| France | 300 | 450 |",
            "| Country | Aircraft | Base |",
            "France | 300 troops | 2024",
            "The report on photo reconnaissance satellites was leaked to the press last week.",
            "More than 100,000 soldiers are massed on the border.",
            "Le Monde: Allied talks on sending troops to Ukraine have stalled",
            "Elise Vincent",
            "Second scenario",
            "The ministry urged citizens to unsubscribe from Telegram channels spreading rumours.",
            "View from Kyiv: the front in the east",
            "Readers in Moscow could see the message in their browsers before it was blocked.",
            "Unsubscribe from channels that spread rumours, the ministry urged citizens.",
            "Abmelden können sich die Reservisten bis Ende März bei ihrer Einheit.",
            "See the online annex for the full list of sanctioned entities.",
            "You can unsubscribe from the list and keep your preferences private.",
        ] {
            assert!(!is_furniture(line), "{line:?}");
        }
    }

    fn doc(source: &str, text: &str) -> SourceDoc {
        SourceDoc { source: source.into(), text: text.into(), ..Default::default() }
    }

    #[test]
    fn repeated_lines_need_three_documents_and_half_the_source() {
        let mut b = Boilerplate::default();
        b.observe(&doc("s", "Masthead\nStory one."));
        b.observe(&doc("s", "Masthead\nStory two."));
        assert!(!b.is_boilerplate("s", "Masthead"), "two documents are not enough");
        b.observe(&doc("s", "Masthead\nStory three.\nMasthead"));
        assert!(b.is_boilerplate("s", "Masthead"));
        for i in 0..4 {
            b.observe(&doc("s", &format!("Other story {i}.")));
        }
        assert!(!b.is_boilerplate("s", "Masthead"), "3 of 7 documents is under half");
        assert!(!b.is_boilerplate("t", "Masthead"), "counts are per source");
    }

    #[test]
    fn lines_meet_across_case_and_markup() {
        let mut b = Boilerplate::default();
        for n in [3, 17, 240] {
            b.observe(&doc("s", &format!("SHARE 12\nText {n} of the story is unique here.")));
        }
        assert!(b.is_boilerplate("s", "**share** 12"));
        assert!(!b.is_boilerplate("s", "Text 1 of the story"));
        assert!(!b.is_boilerplate("s", "---"), "lines without letters or digits are not counted");
    }

    #[test]
    fn numbered_titles_of_a_series_are_not_boilerplate() {
        let mut b = Boilerplate::default();
        for n in 12..=16 {
            b.observe(&doc("s", &format!("Weekly digest No. {n}\n\nThe story of week {n} is told here.")));
        }
        assert!(!b.is_boilerplate("s", "Weekly digest No. 12"));
    }

    #[test]
    fn long_lines_are_never_boilerplate() {
        let mut b = Boilerplate::default();
        let long = "word ".repeat(60);
        for _ in 0..5 {
            b.observe(&doc("s", &long));
        }
        assert!(!b.is_boilerplate("s", &long));
    }
}
