//! Small text helpers shared across the crate: control characters, whitespace, cutting
//! on character boundaries. Pure functions, no I/O.

use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// C1 "control sequence introducer", the one-character form of `ESC [`.
const CSI: char = '\u{9b}';
/// C1 "operating system command", the one-character form of `ESC ]`.
const OSC: char = '\u{9d}';
/// C1 "string terminator", the one-character form of `ESC \`.
const ST: char = '\u{9c}';

/// Whether a character is dropped or replaced by [`strip_controls`].
fn needs_care(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || is_bidi_override(c)
        || is_line_separator(c)
        || is_invisible(c)
}

/// A soft hyphen (a hyphenation point inside a word: `Luft\u{AD}verteidigung` is one
/// word) or a byte-order mark inside the text: invisible, and not part of any word.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{FEFF}')
}

/// Bidi embeddings, overrides and isolates: invisible, and able to make text read
/// differently from what it says.
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Removes control characters other than tab and newline, with the whole of any
/// terminal escape sequence they start; turns carriage returns and the Unicode line and
/// paragraph separators into newlines (a CR LF pair into one); drops bidi overrides,
/// soft hyphens and stray byte-order marks.
/// Borrows when there is nothing to remove.
///
/// An escape string left open (an OSC title with no BEL or ST) ends at the next
/// newline, so a stray ESC costs at most the rest of its line.
///
/// ```
/// use briefs::text::strip_controls;
/// assert_eq!(strip_controls("a\x1b]0;title\x07b\x1b[2Jc"), "abc");
/// assert_eq!(strip_controls("one\r\ntwo\u{2028}three"), "one\ntwo\nthree");
/// assert!(matches!(strip_controls("plain\ttext\n"), std::borrow::Cow::Borrowed(_)));
/// assert_eq!(strip_controls("Luft\u{AD}verteidigung"), "Luftverteidigung");
/// ```
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            CSI => skip_csi(&mut chars),
            OSC | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            c if is_line_separator(c) => out.push('\n'),
            c if needs_care(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI or a control string, or an ESC with its
/// intermediate and final bytes (`ESC ( B`, `ESC 7`).
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        _ => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
    }
}

/// Skips a control sequence's parameter and intermediate bytes and its final byte.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| ('0'..='?').contains(c)).is_some() {}
    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips a control string up to and including its BEL or ST (`ESC \`), or up to (not
/// including) a newline when it was left open.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next_if(|c| *c != '\n') {
        match c {
            BEL | ST => return,
            ESC => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// Every run of Unicode whitespace (newlines, tabs, no-break and other spaces) as one
/// space, without leading or trailing whitespace.
///
/// ```
/// assert_eq!(briefs::text::collapse_whitespace(" a\u{a0}\u{a0}b\n\tc\u{3000}"), "a b c");
/// ```
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The longest start of `s` of at most `max_bytes` bytes that ends on a character
/// boundary.
///
/// ```
/// assert_eq!(briefs::text::cut_at_char_boundary("día", 2), "d");
/// assert_eq!(briefs::text::cut_at_char_boundary("día", 3), "dí");
/// assert_eq!(briefs::text::cut_at_char_boundary("día", 99), "día");
/// ```
pub fn cut_at_char_boundary(s: &str, max_bytes: usize) -> &str {
    let mut end = s.len().min(max_bytes);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether the optimal-string-alignment distance (Levenshtein with adjacent
/// transpositions) between `a` and `b` is at most `max`; stops once a row exceeds it.
pub(crate) fn osa_within(a: &[char], b: &[char], max: usize, rows: &mut Vec<usize>) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let w = b.len() + 1;
    rows.clear();
    rows.resize(3 * w, 0);
    let (mut two, mut one, mut cur) = (0, w, 2 * w);
    for (j, cell) in rows[one..one + w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[cur] = i;
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[one + j] + 1).min(rows[cur + j - 1] + 1).min(rows[one + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[two + j - 2] + 1);
            }
            rows[cur + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        (two, one, cur) = (one, cur, two);
    }
    rows[one + w - 1] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_go_whole() {
        let cases = [
            ("a\x1b]0;title\x07b", "ab"),
            ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
            ("\x1b[2Jclear", "clear"),
            ("\x1b[1;31mred\x1b[0m", "red"),
            ("\x1b[?25lhidden", "hidden"),
            ("x\x1b(By", "xy"),
            ("x\x1b7y", "xy"),
            ("x\u{9b}31my", "xy"),
            ("x\u{9d}0;t\u{9c}y", "xy"),
            ("x\x1bPdevice\x1b\\y", "xy"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_controls(input), want, "{input:?}");
        }
    }

    #[test]
    fn an_open_control_string_ends_at_the_line() {
        assert_eq!(strip_controls("a\x1b]0;never closed\nnext"), "a\nnext");
        assert_eq!(strip_controls("end\x1b"), "end");
        assert_eq!(strip_controls("end\x1b["), "end");
    }

    #[test]
    fn other_controls_go_tab_and_newline_stay() {
        assert_eq!(strip_controls("a\0b\x08c\x7fd\u{85}e\u{99}f"), "abcdef");
        assert_eq!(strip_controls("a\u{9f}app string\u{9c}b"), "ab");
        assert_eq!(strip_controls("tab\there\nnext\x0cpage"), "tab\there\nnextpage");
        assert_eq!(strip_controls("a\rb\r\nc"), "a\nb\nc");
        assert_eq!(strip_controls("a\u{2029}b"), "a\nb");
    }

    #[test]
    fn bidi_overrides_go_letters_stay() {
        assert_eq!(strip_controls("pay\u{202e}cod.exe\u{202c}"), "paycod.exe");
        assert_eq!(strip_controls("\u{2067}שלום\u{2069} ok"), "שלום ok");
        assert!(matches!(strip_controls("Київ, 14 березня"), Cow::Borrowed(_)));
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(collapse_whitespace("  \n "), "");
        assert_eq!(collapse_whitespace("a\u{202f}b\u{2003}\u{2003}c"), "a b c");
        assert_eq!(collapse_whitespace("zero\u{200b}width"), "zero\u{200b}width");
    }

    #[test]
    fn cuts_never_split_a_character() {
        let s = "Ж€😀a";
        for max in 0..=s.len() + 1 {
            let cut = cut_at_char_boundary(s, max);
            assert!(cut.len() <= max && s.starts_with(cut));
            assert!(cut.len() + 4 > max.min(s.len()), "{max}: {cut:?} too short");
        }
        assert_eq!(cut_at_char_boundary(s, 5), "Ж€");
    }
}
