//! Snippets: a fragment of a passage and the byte ranges of its highlighted words.
//! Markup is left to the printers; [`super::highlight`] makes them.

use serde::Serialize;

/// A fragment of passage text with highlighted byte ranges into it. Where the passage
/// is cut, the fragment shows "…"; several far-apart fragments are joined by " … ".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text shown.
    pub fragment: String,
    /// `[start, end)` byte ranges of `fragment` to highlight, ordered, disjoint.
    pub highlights: Vec<(usize, usize)>,
}
