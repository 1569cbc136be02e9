//! A word typed in two scripts: Latin and Cyrillic letters that look alike.
//!
//! Pasted text and some keyboards mix them inside one word: `Kyіv` with a Ukrainian
//! `і`, `NАТО` with Cyrillic `А`, `Т` and `О`. Such a word is no word of either
//! script, and found nothing. When every letter of one script in the word has a
//! look-alike in the other, the word is written in the other alone (the script of most
//! of its letters when both can be); otherwise (`Zеленский`) it is left as it is.

/// Latin letters and their Cyrillic look-alikes.
const LOOK_ALIKES: [(char, char); 28] = [
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('J', 'Ј'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('S', 'Ѕ'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('a', 'а'),
    ('c', 'с'),
    ('d', 'ԁ'),
    ('e', 'е'),
    ('h', 'һ'),
    ('i', 'і'),
    ('j', 'ј'),
    ('o', 'о'),
    ('p', 'р'),
    ('q', 'ԛ'),
    ('s', 'ѕ'),
    ('x', 'х'),
    ('y', 'у'),
];

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// `word` in one script, when it mixes Latin and Cyrillic letters that look alike;
/// `None` when it is in one script already or cannot be.
///
/// ```
/// use briefs::analysis::one_script;
/// assert_eq!(one_script("Kyіv").as_deref(), Some("Kyiv"));
/// assert_eq!(one_script("NАТО").as_deref(), Some("NATO"));
/// assert_eq!(one_script("Киeв").as_deref(), Some("Киев"));
/// assert_eq!(one_script("Zеленский"), None);
/// assert_eq!(one_script("Kyiv"), None);
/// ```
pub fn one_script(word: &str) -> Option<String> {
    // Every token comes here: the cheap test first.
    if word.is_ascii() || !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let latin = word.chars().filter(char::is_ascii_alphabetic).count();
    let cyrillic = word.chars().filter(|c| is_cyrillic(*c) && c.is_alphabetic()).count();
    if cyrillic == 0 {
        return None;
    }
    let to_latin =
        || map(word, is_cyrillic, |c| LOOK_ALIKES.iter().find(|(_, cy)| *cy == c).map(|(l, _)| *l));
    let to_cyrillic = || {
        map(
            word,
            |c| c.is_ascii_alphabetic(),
            |c| LOOK_ALIKES.iter().find(|(l, _)| *l == c).map(|(_, cy)| *cy),
        )
    };
    match latin >= cyrillic {
        true => to_latin().or_else(to_cyrillic),
        false => to_cyrillic().or_else(to_latin),
    }
}

/// `word` with every character of `script` replaced by `swap`, if each has one.
fn map(word: &str, script: impl Fn(char) -> bool, swap: impl Fn(char) -> Option<char>) -> Option<String> {
    word.chars().map(|c| if script(c) { swap(c) } else { Some(c) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_are_pairs_of_one_latin_and_one_cyrillic_letter() {
        for (l, c) in LOOK_ALIKES {
            assert!(l.is_ascii_alphabetic() && is_cyrillic(c) && c.is_alphabetic(), "{l} {c}");
        }
    }

    #[test]
    fn a_word_mostly_cyrillic_is_written_in_cyrillic() {
        assert_eq!(one_script("Хapків").as_deref(), Some("Харків"));
        assert_eq!(one_script("С-400"), None, "one letter of each script is no mix");
        assert_eq!(one_script("C-400"), None);
    }
}
