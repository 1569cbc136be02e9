//! What to highlight in a passage (filled while the query is built).

/// What to highlight in one passage, as tokens of the passage's own language field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    /// Single terms: every occurrence.
    pub(crate) terms: Vec<String>,
    /// Words starting with these (lowercased, folded, not stemmed).
    pub(crate) prefixes: Vec<String>,
    /// Words within an edit distance of these.
    pub(crate) fuzzy: Vec<(String, u8)>,
    /// Consecutive token sequences.
    pub(crate) phrases: Vec<Vec<String>>,
}
