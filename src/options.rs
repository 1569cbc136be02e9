//! Typed, validated options: each value is parsed once, here, whichever front end
//! (command line, server) received it; the rest of the library trusts them.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The largest result limit: beyond it a result list is no longer a ranking.
pub const MAX_LIMIT: usize = 10_000;

/// How many results to return: between 1 and [`MAX_LIMIT`].
///
/// ```
/// assert_eq!(briefs::Limit::new(10).unwrap().get(), 10);
/// assert!(briefs::Limit::new(0).is_err());
/// assert!(briefs::Limit::new(10_001).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Limit(usize);

impl Limit {
    /// A limit, or an error naming `-n` when out of range.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] when `n` is 0 or above [`MAX_LIMIT`].
    pub fn new(n: usize) -> Result<Limit> {
        if n == 0 || n > MAX_LIMIT {
            return Err(Error::invalid("-n", n, format!("between 1 and {MAX_LIMIT}")));
        }
        Ok(Limit(n))
    }

    /// The number of results.
    pub fn get(self) -> usize {
        self.0
    }
}

impl Default for Limit {
    fn default() -> Self {
        Limit(10)
    }
}

/// A date bound of a search: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date,
/// including the whole period it names.
///
/// ```
/// assert!(briefs::DateBound::parse("--since", "2024-02-29").is_ok());
/// assert!(briefs::DateBound::parse("--since", "2025-02-30").is_err());
/// assert!(briefs::DateBound::parse("--since", "2025-13").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateBound(String);

impl DateBound {
    /// Parses a bound given to `option`.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] when the value is not one of the three shapes or not a
    /// real date.
    pub fn parse(option: &'static str, value: &str) -> Result<DateBound> {
        let expected = "a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)";
        if valid_date(value.trim()) {
            Ok(DateBound(value.trim().to_string()))
        } else {
            Err(Error::invalid(option, value, expected))
        }
    }

    /// The bound as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks that `since` (given to `option`) does not start after `until` ends: a
    /// search between them could find nothing.
    ///
    /// ```
    /// use briefs::DateBound;
    /// let bound = |d| DateBound::parse("--since", d).unwrap();
    /// assert!(DateBound::check_period("--since", &bound("2020-05"), &bound("2020")).is_ok());
    /// assert!(DateBound::check_period("--since", &bound("2025"), &bound("2020-12")).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming `option` when the period is empty.
    pub fn check_period(option: &'static str, since: &DateBound, until: &DateBound) -> Result<()> {
        let n = since.0.len().min(until.0.len());
        if since.0[..n] > until.0[..n] {
            return Err(Error::invalid(
                option,
                &since.0,
                format!("a date not after the end bound {}", until.0),
            ));
        }
        Ok(())
    }
}

/// Whether `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real date.
pub(crate) fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let widths_ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2,
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
        _ => false,
    };
    if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let month_ok = n.get(1).is_none_or(|m| (1..=12).contains(m));
    let day_ok = n.get(2).is_none_or(|d| *d >= 1 && *d <= days_in_month(n[0], n[1]));
    month_ok && day_ok
}

/// Days in a month of the Gregorian calendar.
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A language code: two ASCII letters (ISO 639-1), any case given, kept lowercase.
///
/// ```
/// assert_eq!(briefs::LangCode::parse("EN").unwrap().as_str(), "en");
/// assert!(briefs::LangCode::parse("english").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LangCode(String);

impl LangCode {
    /// Parses a `--lang` value.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] unless the value is two ASCII letters.
    pub fn parse(value: &str) -> Result<LangCode> {
        let code = value.trim().to_ascii_lowercase();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(LangCode(code))
        } else {
            Err(Error::invalid("--lang", value, "a two-letter ISO 639-1 code such as en or fr"))
        }
    }

    /// The lowercase code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `like` finds passages similar to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// A passage id as `search` prints it (`DOC#N`).
    Id(String),
    /// Free text, which need not be in the index; never empty.
    Text(ExampleText),
}

/// The text of a `like` example: holds at least one non-space character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleText(String);

impl ExampleText {
    /// Checks that the text is not blank.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for an empty or blank text.
    pub fn new(text: impl Into<String>) -> Result<ExampleText> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(Error::invalid("like", "", "a non-empty example text"));
        }
        Ok(ExampleText(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a search runs and what it returns.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Number of passages to return.
    pub limit: Limit,
    /// Only passages in this language.
    pub lang: Option<LangCode>,
    /// Only passages whose source matches these words.
    pub source: Option<String>,
    /// Only passages dated on or after this.
    pub since: Option<DateBound>,
    /// Only passages dated on or before this.
    pub until: Option<DateBound>,
    /// How the query line is read: forgiving (the default), strict, or plain words.
    pub mode: crate::query::parse::Mode,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// Count the matches per language, source and year.
    pub facets: bool,
    /// Whole passages instead of snippets.
    pub full: bool,
    /// Keep undated passages in a search with date bounds.
    pub undated: bool,
    /// How the hits are ordered.
    pub sort: Sort,
    /// Neighbouring passages of the same document to add before and after each hit.
    pub context: usize,
    /// Every copy of a paragraph as a hit of its own, instead of one hit that lists
    /// where else it appears.
    pub all: bool,
    /// Say which names and spellings the query's words were expanded to, which of them
    /// the index holds, and which each hit holds.
    pub explain: bool,
    /// Run the query a second time with the words of the first round's best passages
    /// added (pseudo-relevance feedback, see `README`, "Relevance": it helps broad
    /// topics with many relevant passages and hurts pointed questions, so it is off
    /// unless asked for).
    pub feedback: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: Limit::default(),
            lang: None,
            source: None,
            since: None,
            until: None,
            mode: crate::query::parse::Mode::Lenient,
            snippet_chars: 220,
            facets: false,
            full: false,
            undated: false,
            sort: Sort::Relevance,
            context: 0,
            all: false,
            explain: false,
            feedback: false,
        }
    }
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest document date first (undated last); ties by relevance.
    Date,
}

/// How `like` runs.
#[derive(Debug, Clone)]
pub struct LikeOptions {
    /// Number of passages.
    pub limit: Limit,
    /// Leave out passages of the example's own document.
    pub other_docs: bool,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// Every copy of a paragraph as a hit of its own, instead of one hit that lists
    /// where else it appears.
    pub all: bool,
}

impl Default for LikeOptions {
    fn default() -> Self {
        LikeOptions { limit: Limit::default(), other_docs: false, snippet_chars: 220, all: false }
    }
}

/// Default number of passages between two commits.
pub const COMMIT_EVERY: usize = 400_000;

/// How `briefs index` runs.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Files or folders to index.
    pub roots: Vec<PathBuf>,
    /// Rebuild from scratch instead of updating.
    pub full: bool,
    /// Passages written between two commits: a crash loses at most this much work.
    pub commit_every: usize,
}

impl IndexOptions {
    /// Options for indexing `roots` incrementally.
    pub fn new(roots: Vec<PathBuf>) -> Self {
        IndexOptions { roots, full: false, commit_every: COMMIT_EVERY }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_dates() {
        for ok in ["2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(valid_date(ok), "{ok}");
        }
        for bad in
            ["2025-13", "2025-02-29", "1900-02-29", "2025-04-31", "2025-00", "24", "2025-1-01", "2025/01"]
        {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
