//! Dates of documents: a publication date read from a metadata value or from the lines
//! at a document's top, the date of an article a page republishes, and `--since` /
//! `--until` bounds. Every date comes out as ISO 8601 at the precision the source gives:
//! `2024`, `2024-03` or `2024-03-14`. Pure functions, no I/O.
//!
//! Dates are read in English, French, German, Spanish, Russian and Ukrainian (month
//! names in every grammatical form and their usual abbreviations) and in the common
//! numeric forms. A date in the running text of the body is a mention, not the
//! document's date: only date lines near the top count (a line that is only a date, a
//! "Published"/"Updated" line, a dateline, a byline).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::{Range, RangeInclusive};
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{collapse_whitespace, cut_at_char_boundary, strip_controls};

/// Date lines are lines starting within this many bytes of the top...
const HEAD_BYTES: usize = 600;
/// ...and among its first this many non-empty lines.
const HEAD_LINES: usize = 15;
/// A line is read up to this many bytes (a date line is short).
const LINE_BYTES: usize = 300;
/// A republication notice is also looked for in this many bytes at the end.
const TAIL_BYTES: usize = 600;
/// An outlet's name has at most this many characters...
const MAX_SOURCE_CHARS: usize = 60;
/// ...and this many words.
const MAX_SOURCE_WORDS: usize = 6;
/// Years a document's date can have; other four-digit numbers near a date are counts,
/// page numbers or typos.
const YEARS: RangeInclusive<u32> = 1800..=2199;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `2024`
    Year,
    /// `2024-03`
    Month,
    /// `2024-03-14`
    Day,
}

/// A real calendar date at year, month or day precision; shown as ISO 8601.
///
/// ```
/// use briefs::ingest::date::{DocDate, Precision};
/// let d = DocDate::new(2024, Some(2), Some(29)).unwrap();
/// assert_eq!((d.to_string(), d.precision()), ("2024-02-29".to_string(), Precision::Day));
/// assert_eq!(DocDate::new(2025, Some(2), Some(29)), None);
/// assert_eq!(DocDate::new(2025, Some(3), None).unwrap().to_string(), "2025-03");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocDate {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
}

impl DocDate {
    /// The date, if it exists: year 1–9999, month 1–12, a day the month has, and no
    /// day without a month.
    pub fn new(year: u32, month: Option<u32>, day: Option<u32>) -> Option<Self> {
        let ok = (1..=9999).contains(&year)
            && match (month, day) {
                (None, None) => true,
                (Some(m), None) => (1..=12).contains(&m),
                (Some(m), Some(d)) => (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d),
                (None, Some(_)) => false,
            };
        ok.then_some(Self { year, month, day })
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The year.
    pub fn year(&self) -> u32 {
        self.year
    }

    /// The month, 1–12, when known.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// Whether the date is certainly before `other` (unknown parts compare as unknown).
    fn before(&self, other: &DocDate) -> bool {
        let key = |d: &DocDate| [Some(d.year), d.month, d.day];
        let (a, b) = (key(self), key(other));
        a.iter().zip(&b).map_while(|(x, y)| x.zip(*y)).find(|(x, y)| x != y).is_some_and(|(x, y)| x < y)
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Days in a month of the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Month names, lowercase, in month order: full names and abbreviations in English,
/// French, German, Spanish, Russian and Ukrainian, with the Russian and Ukrainian
/// nominative, genitive ("14 марта") and locative ("в марте") forms; Italian names and
/// Polish nominative and genitive ("14 marca") ones.
const MONTH_NAMES: [&str; 12] = [
    "january gennaio styczeń styczen stycznia jan janvier janv januar jänner jän enero ene январь января январе янв січень січня січні січ",
    "february febbraio luty lutego feb febr février fevrier févr fevr fév fev februar feber febrero февраль февраля феврале фев февр лютий лютого лютому лют",
    "march marzec marca mar mars märz maerz mär mrz marzo март марта марте мар березень березня березні бер",
    "april aprile kwiecień kwiecien kwietnia apr avril avr abril abr апрель апреля апреле апр квітень квітня квітні квіт",
    "may maggio maj maja mai mayo май мая мае травень травня травні трав",
    "june giugno czerwiec czerwca jun juin juni junio июнь июня июне июн червень червня червні черв",
    "july luglio lipiec lipca jul juillet juil juli julio июль июля июле июл липень липня липні лип",
    "august sierpień sierpien sierpnia aug août aout agosto ago август августа августе авг серпень серпня серпні серп",
    "september settembre wrzesień wrzesien września wrzesnia sep sept septembre septiembre setiembre set сентябрь сентября сентябре сен сент вересень вересня вересні вер",
    "october ottobre październik pazdziernik października pazdziernika oct octobre oktober okt octubre октябрь октября октябре окт жовтень жовтня жовтні жовт",
    "november listopad listopada nov novembre noviembre ноябрь ноября ноябре ноя нояб листопад листопада листопаді лист",
    "december dicembre grudzień grudzien grudnia dec décembre decembre déc dezember dez diciembre dic декабрь декабря декабре дек грудень грудня грудні груд",
];

static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let by_month = MONTH_NAMES.iter().zip(1..);
    by_month.flat_map(|(names, m)| names.split_whitespace().map(move |n| (n, m))).collect()
});

/// The month a name or abbreviation stands for.
pub(crate) fn month_of(name: &str) -> Option<u32> {
    MONTHS.get(name.trim_end_matches('.').to_lowercase().as_str()).copied()
}

/// Words a line that is only a date may hold besides it: weekdays, prepositions,
/// "year" after a year, time zones.
const FILLER: &str =
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs \
    fri sat sun lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag \
    freitag samstag sonntag mo di mi do fr sa so lunes martes miércoles miercoles jueves viernes sábado \
    sabado domingo понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье \
    пн вт ср чт пт сб вс понеділок вівторок середа середу четвер пʼятниця п'ятниця пятниця пʼятницю \
    п'ятницю субота суботу неділя неділю on the of le du am den vom el la de del à a в во у о от від \
    г года год р року рік at um à h uhr utc gmt cet cest eet eest msk est edt pst pdt bst am pm kyiv \
    time heure hora время час r rok roku dnia w il ore";

static FILLER_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| FILLER.split_whitespace().collect());

/// The numeric date forms, day-first where the day comes before the month.
static NUMERIC: LazyLock<[Regex; 7]> = LazyLock::new(|| {
    let time = r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\b)";
    [
        format!(r"\b(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){time}"),
        r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b".to_string(),
        r"\b(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})\b".to_string(),
        r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b".to_string(),
        r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b".to_string(),
        r"\b(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})\b".to_string(),
        r"\b(?P<y>\d{4})-(?P<m>\d{2})\b".to_string(),
    ]
    .map(|r| Regex::new(&r).expect("numeric date regex"))
});

/// Dates with a month name: "14 March 2024", "14. März 2024", "14 de marzo de 2024",
/// "March 14, 2024", "March 2024".
static NAMED: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        r"(?i)\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|e|\.|°|º)?\s+(?:de\s+)?(?P<m>\p{L}{3,12}\.?),?\s+(?:del?\s+)?(?P<y>\d{4})\b",
        r"(?i)\b(?P<m>\p{L}{3,12}\.?)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b",
        r"(?i)\b(?P<m>\p{L}{3,12}\.?),?\s+(?:del?\s+)?(?P<y>\d{4})\b",
    ]
    .map(|r| Regex::new(r).expect("named date regex"))
});

static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<y>\d{4})(?:\s*(?:г\.?|года|год|р\.?|року|рік))?$").expect("regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?")
        .expect("regex")
});

/// A date written in a string: where, and the date if it is a real one (`None` for
/// "30 February 2025", which is shaped like a date but is not one).
#[derive(Debug, Clone)]
struct Found {
    span: Range<usize>,
    date: Option<DocDate>,
}

/// The dates written in `s`, in order, not overlapping; at one place the longest form
/// wins ("14 March 2024" over "March 2024").
fn dates_in(s: &str) -> Vec<Found> {
    let numeric = NUMERIC.iter().flat_map(|r| r.captures_iter(s)).map(|c| found(&c, numeric_month(&c)));
    let named = NAMED.iter().flat_map(|r| r.captures_iter(s)).filter_map(|c| {
        let m = month_of(&c["m"])?;
        Some(found(&c, Some(m)))
    });
    let mut all: Vec<Found> = numeric.chain(named).collect();
    all.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out: Vec<Found> = Vec::new();
    for f in all {
        if out.last().is_none_or(|last| f.span.start >= last.span.end) {
            out.push(f);
        }
    }
    out
}

fn numeric_month(c: &regex::Captures) -> Option<u32> {
    c["m"].parse().ok()
}

/// The date of one match; a numeric day-first date whose month is impossible but whose
/// day would be a month is read month-first ("03/14/2024").
fn found(c: &regex::Captures, month: Option<u32>) -> Found {
    let span = c.get(0).map_or(0..0, |m| m.range());
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, day) = (num("y"), num("d"));
    let (month, day) = match (month, day) {
        (Some(m), Some(d)) if m > 12 && d <= 12 && day_first(c) => (Some(d), Some(m)),
        other => other,
    };
    let date = year.filter(|y| YEARS.contains(y)).and_then(|y| DocDate::new(y, month, day));
    Found { span, date }
}

/// Whether the day is written before the month.
fn day_first(c: &regex::Captures) -> bool {
    c.name("d").zip(c.name("m")).is_some_and(|(d, m)| d.start() < m.start())
}

/// Reads a metadata date value (a JSON `date`, front matter): ISO dates and times,
/// numeric day-first dates, written dates in the six languages, a month with its year,
/// or a year alone. A value that names an impossible date gives `None`.
///
/// ```
/// use briefs::ingest::date::parse_date;
/// assert_eq!(parse_date("2024-03-14T10:00:00Z").as_deref(), Some("2024-03-14"));
/// assert_eq!(parse_date("14 березня 2024 року").as_deref(), Some("2024-03-14"));
/// assert_eq!(parse_date("March 2024").as_deref(), Some("2024-03"));
/// assert_eq!(parse_date("2025-02-30"), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    parse_doc_date(s).map(|d| d.to_string())
}

/// [`parse_date`], as a [`DocDate`].
pub fn parse_doc_date(s: &str) -> Option<DocDate> {
    let s = clean_line(cut_at_char_boundary(s, LINE_BYTES));
    if let Some(c) = YEAR_ONLY.captures(&s) {
        let year = c["y"].parse().ok().filter(|y| YEARS.contains(y))?;
        return DocDate::new(year, None, None);
    }
    dates_in(&s).first()?.date
}

/// A `--since`/`--until` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
///
/// ```
/// use briefs::ingest::date::parse_bound;
/// assert_eq!(parse_bound("2024-02-29").as_deref(), Ok("2024-02-29"));
/// assert!(parse_bound("2025-13").unwrap_err().contains("month 13"));
/// assert!(parse_bound("2025-02-30").unwrap_err().contains("February 2025 has 28 days"));
/// ```
pub fn parse_bound(s: &str) -> Result<String, String> {
    let shape = |s: &str| s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let parts: Vec<&str> = s.split('-').collect();
    let well_formed =
        shape(s) && parts[0].len() == 4 && parts.len() <= 3 && parts[1..].iter().all(|p| p.len() == 2);
    if !well_formed {
        return Err(format!("dates are YYYY, YYYY-MM or YYYY-MM-DD, got {s:?}"));
    }
    let nums: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (year, month, day) = (nums[0], nums.get(1).copied(), nums.get(2).copied());
    if year == 0 {
        return Err(format!("{s}: there is no year 0000"));
    }
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return Err(format!("{s}: there is no month {m} (months are 01 to 12)"));
    }
    match (month, day) {
        (Some(m), Some(d)) if DocDate::new(year, Some(m), Some(d)).is_none() => {
            Err(format!("{s}: {} {year} has {} days", MONTH_EN[m as usize - 1], days_in_month(year, m)))
        }
        _ => Ok(s.to_string()),
    }
}

const MONTH_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How telling a date line is; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// "Published 14 March 2024", "Publié le …", "Опубликовано …".
    Published,
    /// "KYIV, 14 March 2024 —".
    Dateline,
    /// A line that is only a date, or a byline with a date.
    Line,
    /// "Updated …": when it is all there is.
    Updated,
}

/// Cue words that start a publication or update line, by language.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:first\s+published|published(?:\s+on)?|posted(?:\s+on)?|publication\s+date|date\s+of\s+publication|date|publié\s+le|publié|mis\s+en\s+ligne(?:\s+le)?|paru\s+le|veröffentlicht(?:\s+am)?|erschienen\s+am|datum|publicado(?:\s+el)?|fecha(?:\s+de\s+publicación)?|pubblicato(?:\s+il)?|data\s+di\s+pubblicazione|opublikowano(?:\s+dnia)?|data\s+publikacji|опубликовано|дата\s+публикации|дата|опубліковано|дата\s+публікації)\b\s*:?",
    )
    .expect("regex")
});
static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:last\s+updated|updated(?:\s+on)?|modified|mis\s+à\s+jour(?:\s+le)?|actualisé(?:\s+le)?|aktualisiert(?:\s+am)?|zuletzt\s+aktualisiert|stand|actualizado(?:\s+el)?|обновлено|оновлено)\b\s*:?",
    )
    .expect("regex")
});
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:by|par|von|por|автор[ыи]?:?|від|от)\s").expect("regex"));
/// The place before a dateline's date: "KYIV, ", "PARIS (AFP), ".
static DATELINE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.\- ]{1,40}?(?:\s*\([^)]{1,30}\))?,\s*(?:(?i:le|den|am|el|del)\s+)?$")
        .expect("regex")
});
/// What follows a dateline's date: "—", "(Reuters) -", ":" or the end of the line.
static DATELINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:года|год|г\.|г|року|рік|р\.|р|r\.|roku)\s*)?(?:\([^)]{1,30}\)\s*)?(?:[—–-]|:|$)")
        .expect("regex")
});

/// The lines near the top of `text`, cleaned, with their line numbers.
fn head_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if at >= HEAD_BYTES || out.len() >= HEAD_LINES {
            break;
        }
        at += line.len() + 1;
        let cleaned = clean_line(cut_at_char_boundary(line, LINE_BYTES));
        if !cleaned.is_empty() {
            out.push(cleaned);
        }
    }
    out
}

/// A line without controls, markup emphasis and repeated whitespace.
fn clean_line(line: &str) -> String {
    let plain: String = strip_controls(line)
        .chars()
        .map(|c| if matches!(c, '*' | '_' | '#' | '>' | '`') { ' ' } else { c })
        .collect();
    collapse_whitespace(&plain)
}

/// The publication date a document gives near its top, as ISO 8601 at the precision
/// written (`2024-03-14`, or `2024-03` for "March 2024").
///
/// It comes from a date line among the first lines: a "Published" line (in the six
/// languages) first, then a dateline, then a line that is only a date or a byline with
/// one, then an "Updated" line. A date mentioned in a sentence is not the document's.
///
/// ```
/// use briefs::ingest::date::find_date;
/// assert_eq!(find_date("Brief\nJun 20, 2025 |\n\nText.").as_deref(), Some("2025-06-20"));
/// assert_eq!(find_date("KYIV, 14 March 2024 — Talks resumed.").as_deref(), Some("2024-03-14"));
/// assert_eq!(find_date("Since 24 February 2022, Russia has shelled the city."), None);
/// ```
pub fn find_date(text: &str) -> Option<String> {
    find_doc_date(text).map(|d| d.to_string())
}

/// [`find_date`], as a [`DocDate`].
pub fn find_doc_date(text: &str) -> Option<DocDate> {
    // Every date form has digits: most lines asked (short ones, by the furniture test)
    // have none, and the forms' regexes are most of the cost of asking.
    if !text.chars().any(char::is_numeric) {
        return None;
    }
    let lines = head_lines(text);
    let ranked = lines.iter().enumerate().filter_map(|(i, line)| date_line(line, lines.get(i + 1)));
    ranked.min_by_key(|(rank, _)| *rank).map(|(_, d)| d)
}

/// The date a line gives as a date line, with how telling it is.
fn date_line(line: &str, next: Option<&String>) -> Option<(Rank, DocDate)> {
    if let Some(date) = cued(&PUBLISHED, line, next, true) {
        return Some((Rank::Published, date));
    }
    if let Some(date) = cued(&UPDATED, line, next, false) {
        return Some((Rank::Updated, date));
    }
    if let Some(date) = dateline(line) {
        return Some((Rank::Dateline, date));
    }
    only_date(line).or_else(|| byline(line)).map(|d| (Rank::Line, d))
}

/// The date after a cue at the start of the line, or on the next line when the cue
/// stands alone ("Published:" above the date).
fn cued(cue: &Regex, line: &str, next: Option<&String>, year_alone: bool) -> Option<DocDate> {
    let rest = line[cue.find(line)?.end()..].trim();
    if rest.chars().all(|c| !c.is_alphanumeric()) {
        return next.and_then(|n| only_date(n));
    }
    if year_alone {
        if let Some(d) =
            YEAR_ONLY.captures(rest).and_then(|c| c["y"].parse().ok()).filter(|y| YEARS.contains(y))
        {
            return DocDate::new(d, None, None);
        }
    }
    let first = dates_in(rest).into_iter().next()?;
    first.date.filter(|_| only_filler(&rest[..first.span.start]))
}

/// "KYIV, 14 March 2024 —": a place, a comma, the date, a dash or the end.
fn dateline(line: &str) -> Option<DocDate> {
    let first = dates_in(line).into_iter().next()?;
    let placed = DATELINE_PLACE.is_match(&line[..first.span.start]);
    (placed && DATELINE_AFTER.is_match(&line[first.span.end..])).then_some(first.date).flatten()
}

/// The date of a line that holds nothing else but weekdays, times, time zones and
/// little words ("le", "am", "on").
fn only_date(line: &str) -> Option<DocDate> {
    let found = dates_in(line);
    let [one] = found.as_slice() else { return None };
    let rest = format!("{} {}", &line[..one.span.start], &line[one.span.end..]);
    only_filler(&rest).then_some(one.date).flatten()
}

/// Whether a string holds only weekdays, times, time zones and little words.
fn only_filler(s: &str) -> bool {
    TIME.replace_all(s, " ")
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != 'ʼ')
        .filter(|w| !w.is_empty())
        .all(|w| FILLER_WORDS.contains(w.to_lowercase().as_str()))
}

/// A byline with a date ("By Jane Doe, 14 March 2024"), or a line of short parts set
/// apart by bars or bullets of which one is only a date ("Jane Doe | 14 March 2024").
fn byline(line: &str) -> Option<DocDate> {
    if BYLINE.is_match(line) {
        return dates_in(line).into_iter().find_map(|f| f.date);
    }
    let parts: Vec<&str> = line.split(['|', '·', '•']).collect();
    (parts.len() > 1).then(|| parts.iter().find_map(|p| only_date(p))).flatten()
}

/// Phrases that say a text was first published elsewhere, by language.
static REPUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:
        \b(?:originally|first)\s+(?:published|appeared|ran)|\b(?:republished|reprinted|reproduced)\s+(?:from|with)
        |\bthis\s+(?:article|story|piece)\s+(?:was\s+)?(?:first\s+)?(?:published|appeared)
        |\bsource\s*:
        |\b(?:publié|paru)\s+initialement|\binitialement\s+(?:publié|paru)|\barticle\s+paru|\bcet\s+article\s+a\s+(?:d'abord\s+)?été\s+publié
        |\b(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen|veröffentlicht)|\berstveröffentlichung\s*:?|\bquelle\s*:
        |\bpublicado\s+originalmente|\boriginalmente\s+publicado|\bpublicado\s+por\s+primera\s+vez|\bfuente\s*:
        |\b(?:впервые|первоначально|изначально)\s+опубликован[аоы]?|\bоригинал\s+опубликован|\bисточник\s*:
        |\b(?:вперше|спочатку|першопочатково)\s+опубліковано|\bпершоджерело\s*:|\bджерело\s*:
        )",
    )
    .expect("regex")
});

/// Prepositions between a republication cue and the outlet ("in", "dans", "в").
const SOURCE_LEAD: &str =
    "in by on at from dans par sur chez in von bei auf en por de del в во у на от від з із";
/// Words between the outlet and the date ("on", "le", "am", "el").
const SOURCE_TAIL: &str = "on the dated le du am vom el del on в от від";

/// The outlet and date of the article a page republishes, when the page says so: a
/// notice such as "Originally published in X on DATE", "Source: X, DATE", "Publié
/// initialement dans X le DATE", "Zuerst erschienen in X am DATE" (and Spanish, Russian
/// and Ukrainian ones) near the top or the end; or, in the header of an aggregator
/// page, an outlet's name over a date line earlier than the page's own date.
///
/// ```
/// use briefs::ingest::date::republished;
/// let page = "Daily Digest\n02 Jul 2025\n\nOriginally published in The Baltic Times on 5 May 2025.\n\nText.";
/// assert_eq!(republished(page), Some((Some("The Baltic Times".into()), "2025-05-05".into())));
/// assert_eq!(republished("Daily Digest\n02 Jul 2025\n\nText."), None);
/// ```
pub fn republished(text: &str) -> Option<(Option<String>, String)> {
    let head = head_lines(text);
    let tail = tail_lines(text);
    let notice = [&head, &tail]
        .into_iter()
        .find_map(|lines| lines.iter().enumerate().find_map(|(i, l)| notice(l, lines.get(i + 1))));
    notice.or_else(|| carried(&head)).map(|(source, date)| (source, date.to_string()))
}

/// The lines of the last bytes of `text`, cleaned.
fn tail_lines(text: &str) -> Vec<String> {
    let mut start = text.len().saturating_sub(TAIL_BYTES);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text[start..]
        .lines()
        .map(|l| clean_line(cut_at_char_boundary(l, LINE_BYTES)))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A republication notice on a line: the outlet (when named) and the date, on the line
/// or on the next one.
fn notice(line: &str, next: Option<&String>) -> Option<(Option<String>, DocDate)> {
    let rest = &line[REPUBLISHED.find(line)?.end()..];
    match dates_in(rest).into_iter().find(|f| f.date.is_some()) {
        Some(f) => Some((outlet(&rest[..f.span.start]), f.date?)),
        None => Some((outlet(rest), next.and_then(|n| only_date(n))?)),
    }
}

/// An outlet's name between a cue and a date, without prepositions and punctuation.
fn outlet(between: &str) -> Option<String> {
    let lead: HashSet<&str> = SOURCE_LEAD.split_whitespace().collect();
    let tail: HashSet<&str> = SOURCE_TAIL.split_whitespace().collect();
    let trim = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let mut words: Vec<&str> = between.split_whitespace().collect();
    while words.first().is_some_and(|w| lead.contains(trim(w).to_lowercase().as_str())) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| trim(w).is_empty() || tail.contains(trim(w).to_lowercase().as_str())) {
        words.pop();
    }
    let name = trim(&words.join(" "));
    name_like(&name).then_some(name)
}

/// Whether a string reads as an outlet's name: short, starting with a capital letter
/// or a digit, not a sentence.
fn name_like(s: &str) -> bool {
    let starts = s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let words = s.split_whitespace().count();
    starts
        && s.chars().count() <= MAX_SOURCE_CHARS
        && (1..=MAX_SOURCE_WORDS).contains(&words)
        && !s.ends_with(['.', '!', '?', ':'])
}

/// An aggregator's header: under the page's own date line, an outlet's name over a
/// second date line with an earlier day.
fn carried(head: &[String]) -> Option<(Option<String>, DocDate)> {
    let dated: Vec<(usize, DocDate)> = head
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            date_line(l, None).filter(|(rank, _)| *rank != Rank::Updated).map(|(_, d)| (i, d))
        })
        .filter(|(_, d)| d.precision() == Precision::Day)
        .collect();
    let (page_at, page) = *dated.first()?;
    let (at, date) = dated.iter().find(|(_, d)| d.before(&page)).copied()?;
    let source = (page_at + 1..at).rev().map(|i| &head[i]).find(|l| only_date(l).is_none());
    Some((source.filter(|s| name_like(s)).cloned(), date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn iso_shape(d: &str) -> bool {
        let parts: Vec<&str> = d.split('-').collect();
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let lens_ok = parts[0].len() == 4 && parts[1..].iter().all(|p| p.len() == 2) && parts.len() <= 3;
        lens_ok
            && nums.len() == parts.len()
            && DocDate::new(nums[0], nums.get(1).copied(), nums.get(2).copied()).is_some()
    }

    #[test]
    fn metadata_values_in_every_form() {
        let cases = [
            ("2023-11-05", "2023-11-05"),
            ("2023-11-05T23:59:59+02:00", "2023-11-05"),
            ("2023-11-05 08:00", "2023-11-05"),
            ("05.11.2023", "2023-11-05"),
            ("05/11/2023", "2023-11-05"),
            ("11/25/2023", "2023-11-25"),
            ("2023/11/05", "2023-11-05"),
            ("November 5, 2023", "2023-11-05"),
            ("Sun, 05 Nov 2023 08:00:00 GMT", "2023-11-05"),
            ("5 novembre 2023", "2023-11-05"),
            ("1er février 2023", "2023-02-01"),
            ("5. November 2023", "2023-11-05"),
            ("3. Mär. 2023", "2023-03-03"),
            ("5 de noviembre de 2023", "2023-11-05"),
            ("5 ноября 2023 г.", "2023-11-05"),
            ("5 листопада 2023 року", "2023-11-05"),
            ("1999", "1999"),
            ("2023 року", "2023"),
            ("November 2023", "2023-11"),
            ("noviembre de 2023", "2023-11"),
            ("листопад 2023", "2023-11"),
            ("2023-11", "2023-11"),
        ];
        for (value, want) in cases {
            assert_eq!(parse_date(value).as_deref(), Some(want), "{value}");
        }
    }

    #[test]
    fn impossible_or_empty_values_are_refused() {
        for value in
            ["2025-02-30", "2025-13-01", "31.04.2023", "30 février 2023", "2023-13", "", "soon", "0000"]
        {
            assert_eq!(parse_date(value), None, "{value}");
        }
        assert_eq!(parse_date("29.02.2024").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn bounds_are_strict_and_say_why() {
        assert_eq!(parse_bound("2024"), Ok("2024".into()));
        assert_eq!(parse_bound("2024-12"), Ok("2024-12".into()));
        assert_eq!(parse_bound("2000-02-29"), Ok("2000-02-29".into()));
        for bad in ["24", "2024-1", "2024/01", "2024-01-01T00", "March", "2024-01-01-01", "-2024", "2024-"] {
            assert!(parse_bound(bad).unwrap_err().starts_with("dates are"), "{bad}");
        }
        assert_eq!(parse_bound("1900-02-29").unwrap_err(), "1900-02-29: February 1900 has 28 days");
        assert_eq!(parse_bound("2025-00").unwrap_err(), "2025-00: there is no month 0 (months are 01 to 12)");
        assert!(parse_bound("2025-04-31").unwrap_err().contains("April 2025 has 30 days"));
    }

    #[test]
    fn date_lines_in_eight_languages() {
        let cases = [
            ("Weekly note\nPosted on Tuesday, Sept. 3, 2019\n\nThe brigade moved.", "2019-09-03"),
            ("LVIV, Nov. 2, 2023 (AP) — Air raid sirens sounded.", "2023-11-02"),
            ("Note de synthèse\nPublié le 7 févr. 2022 à 14h05\n\nLes forces…", "2022-02-07"),
            ("BERLIN, 9. Okt. 2021 – Die Bundeswehr übt.", "2021-10-09"),
            ("Lagebild\nVeröffentlicht am 30.06.2022\n\nDie Lage bleibt.", "2022-06-30"),
            ("Informe\nPublicado el 2 de enero de 2020\n\nEl ejército…", "2020-01-02"),
            ("Сводка\nОпубликовано: 8 сент. 2021, 10:15 МСК\n\nВойска…", "2021-09-08"),
            ("Огляд\nОпубліковано 30 квітня 2022 року\n\nВійська…", "2022-04-30"),
            ("Аналітика\nсереда, 6 липня 2022\n\nТекст.", "2022-07-06"),
            ("By Anna Kowalski, 12 Dec 2018\n\nThe navy…", "2018-12-12"),
            ("Anna Kowalski | 12.12.2018 | 5 min read\n\nThe navy…", "2018-12-12"),
            ("Quarterly review\nAutumn issue\nOctober 2017\n\nSummary.", "2017-10"),
            ("Bulletin\n# 2016-05-04\n\nSummary.", "2016-05-04"),
            ("Paris, le 14 mars 2024 — Les ministres se sont réunis.", "2024-03-14"),
            ("Москва, 14 марта 2024 года — Министры встретились.", "2024-03-14"),
            ("Київ, 14 березня 2024 року — Міністри зустрілися.", "2024-03-14"),
            ("Київ, 14 березня 2024 р.\n\nМіністри зустрілися.", "2024-03-14"),
            ("Warszawa, 14 marca 2024 r. — Ministrowie spotkali się.", "2024-03-14"),
            ("Warszawa, 3 października 2023 — Ministrowie spotkali się.", "2023-10-03"),
            ("Komunikat\nOpublikowano: 14 marca 2024\n\nMinistrowie…", "2024-03-14"),
            ("Komunikat\n14 lutego 2022 r.\n\nMinistrowie…", "2022-02-14"),
            ("Nota\nPubblicato il 14 marzo 2024\n\nI ministri…", "2024-03-14"),
            ("Roma, 2 giugno 2023 — I ministri si sono riuniti.", "2023-06-02"),
            ("Nota\nPubblicato il 1° luglio 2021\n\nI ministri…", "2021-07-01"),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn published_beats_other_lines_and_updated_is_a_fallback() {
        let t = "Brief\n3 March 2021\nUpdated 5 March 2021\nPublished 1 March 2021\n\nText.";
        assert_eq!(find_date(t).as_deref(), Some("2021-03-01"));
        let t = "Brief\nUpdated: 5 March 2021\n3 March 2021\n\nText.";
        assert_eq!(find_date(t).as_deref(), Some("2021-03-03"));
        assert_eq!(find_date("Brief\nMis à jour le 5 mars 2021\n\nTexte.").as_deref(), Some("2021-03-05"));
        assert_eq!(find_date("Published:\n11 May 2020\n\nText.").as_deref(), Some("2020-05-11"));
    }

    #[test]
    fn mentions_in_sentences_are_not_the_date() {
        let texts = [
            "Since 24 February 2022, Russia has shelled the city every night.",
            "Analysis\n\nOn 12 May 2020 the ministers met and agreed on a plan.",
            "Depuis le 24 février 2022, la Russie bombarde la ville.",
            "Seit dem 24. Februar 2022 greift Russland an.",
            "Desde el 24 de febrero de 2022, Rusia ataca.",
            "С 24 февраля 2022 года Россия наступает.",
            "З 24 лютого 2022 року Росія наступає.",
            "The report was published on 3 March 2021 by the ministry.",
        ];
        for t in texts {
            assert_eq!(find_date(t), None, "{t}");
        }
    }

    #[test]
    fn only_the_top_is_read() {
        let late = format!("Title\n\n{}\n\n1 May 2020\n", "Words of the body. ".repeat(40));
        assert_eq!(find_date(&late), None);
        let deep = format!("{}1 May 2020\n", "line\n".repeat(HEAD_LINES + 1));
        assert_eq!(find_date(&deep), None);
        assert_eq!(find_date("Title\n\n30 February 2021\n"), None);
        assert_eq!(find_date("Report\n45 Nov 2024\n"), None);
    }

    #[test]
    fn republished_articles_from_notices() {
        let cases = [
            (
                "Digest\n1 Feb 2025\n\nThis article was originally published by Kyiv Post on 20 January 2025.",
                Some("Kyiv Post"),
                "2025-01-20",
            ),
            ("Revue\n1 févr. 2025\n\nSource : Ouest-France, 18 janvier 2025\n\nTexte.", Some("Ouest-France"), "2025-01-18"),
            ("Presseschau\n\nZuerst erschienen in Tagesspiegel am 3. Januar 2025.", Some("Tagesspiegel"), "2025-01-03"),
            ("Resumen\n\nPublicado originalmente en El País el 9 de enero de 2025.", Some("El País"), "2025-01-09"),
            ("Обзор\n\nВпервые опубликовано в «Новой газете» 14 января 2025 года.", Some("Новой газете"), "2025-01-14"),
            ("Огляд\n\nДжерело: Укрінформ, 15 січня 2025", Some("Укрінформ"), "2025-01-15"),
            ("Digest\n\nFirst published on 2 January 2025.", None, "2025-01-02"),
        ];
        for (text, source, date) in cases {
            let got = republished(text);
            assert_eq!(got, Some((source.map(String::from), date.to_string())), "{text}");
        }
    }

    #[test]
    fn republished_articles_from_an_aggregator_header() {
        let page =
            "NORTH WIRE\nMarch 2, 2025 | 4 min\nshare\nThe Kyiv Independent\n11 Feb 2025\n\nBody text.";
        assert_eq!(republished(page), Some((Some("The Kyiv Independent".into()), "2025-02-11".into())));
        assert_eq!(find_date(page).as_deref(), Some("2025-03-02"));
        let same_day = "NORTH WIRE\nMarch 2, 2025\nThe Kyiv Independent\nMarch 2, 2025\n\nBody.";
        assert_eq!(republished(same_day), None);
        let later = "NORTH WIRE\nMarch 2, 2025\nNext event\nApril 9, 2025\n\nBody.";
        assert_eq!(republished(later), None);
        let cued = "NORTH WIRE\nPublished: March 2, 2025\nKyiv Post\n11 Feb 2025\n\nBody.";
        assert_eq!(republished(cued), Some((Some("Kyiv Post".into()), "2025-02-11".into())));
        let updated = "NORTH WIRE\nUpdated: March 2, 2025\nKyiv Post\n11 Feb 2025\n\nBody.";
        assert_eq!(republished(updated), None, "an update is not the page's own date");
    }

    #[test]
    fn fixture_documents() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dates");
        let manifest = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
        let rows: Vec<Vec<&str>> =
            manifest.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
        assert!(rows.len() >= 10);
        let dash = |s: &str| (s != "-").then(|| s.to_string());
        for row in rows {
            let text = std::fs::read_to_string(dir.join(row[0])).unwrap();
            assert_eq!(find_date(&text), dash(row[1]), "{}", row[0]);
            let want = dash(row[3]).map(|d| (dash(row[2]), d));
            assert_eq!(republished(&text), want, "{}", row[0]);
        }
    }

    proptest! {
        #[test]
        fn found_dates_are_real_and_iso(text in "([0-9]{1,4}|[ ./,-]|\n|March|févr\\.|мая|березня|de|Published|[a-z]{1,6}){0,40}") {
            for d in [find_date(&text), parse_date(&text), republished(&text).map(|r| r.1)].into_iter().flatten() {
                prop_assert!(iso_shape(&d), "{d:?} from {text:?}");
            }
        }

        #[test]
        fn any_text_is_safe(text in "\\PC{0,400}") {
            for d in [find_date(&text), parse_date(&text)].into_iter().flatten() {
                prop_assert!(iso_shape(&d), "{d:?}");
            }
            let _ = republished(&text);
            let _ = parse_bound(&text);
        }
    }
}
