//! Keys that make two spellings of one name equal: [`fold_key`] for lookup in the alias
//! table, [`name_key`] for transliteration variants of names the table lacks.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Letters that Unicode does not decompose into a base letter and a mark.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ß' => "ss",
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'đ' | 'ð' => "d",
        'ı' => "i",
        'þ' => "th",
        // The Ukrainian apostrophe (М'янма is also written Мʼянма) is a letter to Unicode.
        'ʼ' => " ",
        _ => return None,
    })
}

/// The lookup key of a name or phrase: lower case, accents and other marks removed, words
/// joined by one space, punctuation dropped ("Côte d’Ivoire" → "cote d ivoire").
///
/// `generate.py` computes the same key (its `fold`) for `common.tsv`.
pub fn fold_key(text: &str) -> String {
    if text.is_ascii() {
        return join_words(&text.to_ascii_lowercase());
    }
    let mut flat = String::with_capacity(text.len());
    for c in without_inner_apostrophes(text).to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match special(c) {
            Some(s) => flat.push_str(s),
            None => flat.push(c),
        }
    }
    join_words(&flat)
}

/// `text` without the apostrophes between two Cyrillic letters, as the word tokenizer
/// reads such a word (`Слов'янськ`, `Словʼянськ` are `Словянськ`): a name of the table
/// written with one is then found as the word a passage holds.
fn without_inner_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    let apostrophe = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}');
    if !text.contains(apostrophe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let cyrillic =
        |c: Option<&char>| c.is_some_and(|c| ('\u{0400}'..='\u{04FF}').contains(c) && c.is_alphabetic());
    let chars: Vec<char> = text.chars().collect();
    let kept = (0..chars.len()).filter(|&i| {
        !(apostrophe(chars[i]) && i > 0 && cyrillic(chars.get(i - 1)) && cyrillic(chars.get(i + 1)))
    });
    std::borrow::Cow::Owned(kept.map(|i| chars[i]).collect())
}

/// The words of `flat` (runs of letters and digits) joined by one space.
fn join_words(flat: &str) -> String {
    let mut key = String::with_capacity(flat.len());
    for word in flat.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Latin spelling of a Cyrillic letter, Ukrainian or Russian by `ukrainian`; `None` for a
/// letter that is not Cyrillic (nor a lower-case one).
pub(crate) fn cyrillic(c: char, ukrainian: bool) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if ukrainian => "h",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' if ukrainian => "y",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' | 'ʼ' | '\'' | '’' => "",
        _ => return None,
    })
}

/// Latin letters whose diacritic carries a sound the plain letter lacks (ž is "zh").
fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ž' | 'ż' | 'ź' => "zh",
        'š' => "sh",
        'č' => "ch",
        _ => return special(c),
    })
}

/// Lower-case ASCII letters of `word`: Cyrillic transliterated, accents removed.
fn latinise(word: &str) -> String {
    let lower = word.to_lowercase();
    let ukrainian = lower.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ'));
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if let Some(s) = cyrillic(c, ukrainian).or_else(|| latin_special(c)) {
            out.push_str(s);
            continue;
        }
        out.extend(c.nfd().filter(|d| d.is_ascii_lowercase()));
    }
    out
}

/// Spellings of one sound, longest first; each maps to one class letter. Upper-case class
/// letters cannot clash with the lower-case letters left as they are.
const SOUNDS: &[(&str, char)] = &[
    ("schtsch", 'X'),
    ("shch", 'X'),
    ("szcz", 'X'),
    ("chtch", 'X'),
    ("tsch", 'X'),
    ("gue", 'G'),
    ("gui", 'G'),
    ("tch", 'X'),
    ("sch", 'X'),
    ("sh", 'X'),
    ("sz", 'X'),
    ("ch", 'X'),
    ("kh", 'X'),
    ("zh", 'X'),
    ("cz", 'X'),
    ("ts", 'C'),
    ("tz", 'C'),
    ("ck", 'K'),
    ("ph", 'F'),
    ("ou", 'U'),
];

/// Class of a single letter not caught by [`SOUNDS`]; `next` decides a soft "c".
fn letter_class(c: char, next: Option<char>) -> char {
    match c {
        'c' if matches!(next, Some('e' | 'i' | 'y')) => 'C',
        'c' | 'k' | 'q' => 'K',
        'w' | 'v' => 'V',
        'f' => 'F',
        'z' | 's' => 'S',
        // Ukrainian `г` is `h`, Russian `г` is `g`: Synehubov, Sinegubov.
        'g' | 'h' => 'G',
        'u' => 'U',
        'y' | 'j' | 'i' => 'I',
        other => other,
    }
}

/// Class letters of an ASCII word: each spelling of a sound becomes one letter.
fn classes(ascii: &str) -> Vec<char> {
    let bytes = ascii.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &ascii[i..];
        if let Some((pat, class)) = SOUNDS.iter().find(|(p, _)| rest.starts_with(p)) {
            out.push(*class);
            // "gue" keeps its vowel: Sergueï is Sergei.
            let keep_vowel = pat.starts_with("gu");
            i += if keep_vowel { 2 } else { pat.len() };
            continue;
        }
        let c = bytes[i] as char;
        out.push(letter_class(c, rest.chars().nth(1)));
        if c == 'x' {
            out.pop();
            out.extend(['K', 'S']);
        }
        i += 1;
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'o' | 'U' | 'I')
}

/// A key shared by the common transliterations of one capitalised name: Zelensky,
/// Zelenskyy, Zelenskiy, Selenskyj, Zełenski and Зеленський all give "SelenSKI".
///
/// Accents are folded and Cyrillic transliterated; then each spelling of one sound becomes
/// one class letter (sh, sch, sz, ch, kh, zh, ž → X; w, v → V; s, z → S; y, j, i → I;
/// ou, u → U; ts, tz, soft c → C; g, h → G), doubled letters collapse, a y/j/i before "e" is dropped
/// (Jelzin, Yeltsin), and before another vowel inside the word (Miedwiediew), and so is a
/// French final "e" after "n" (Poutine). The key is lossy by design: compare keys, never show them.
pub fn name_key(word: &str) -> String {
    key_of_latin(&latinise(word))
}

/// The name key of `word` with its `х` heard the other way: Russian and Ukrainian write
/// `х` for the `h` of Arabic, Persian and Hebrew names (`Шахед` is `Shahed`, `Мохаммед`
/// `Mohammed`), which transliterates back as `kh`. `None` for a word with neither a
/// `kh` nor an `h` of its own (the `h` of `sh`, `ch`, `zh`, `th` is no sound of its own).
pub fn name_key_heard_otherwise(word: &str) -> Option<String> {
    let ascii = latinise(word);
    let bytes = ascii.as_bytes();
    let mut other = String::with_capacity(ascii.len() + 2);
    let mut i = 0;
    while i < bytes.len() {
        let lone_h = bytes[i] == b'h' && (i == 0 || !b"sckztpgw".contains(&bytes[i - 1]));
        match (bytes[i], bytes.get(i + 1)) {
            (b'k', Some(b'h')) => (other.push('h'), i += 2),
            _ if lone_h => (other.push_str("kh"), i += 1),
            (b, _) => (other.push(char::from(b)), i += 1),
        };
    }
    (other != ascii).then(|| key_of_latin(&other))
}

/// Whether a stem found by a key heard otherwise (see [`name_key_heard_otherwise`]) is
/// `word`'s name and not another one the key's coarse classes merge with it (`kh` is
/// the class of `sh`, so `Hague` heard as `Khague` has the key of `Shahe`): with every
/// `kh` heard as `h` on both sides, one's key begins the other's (a stem may be cut
/// short: English stems `Shahed` to `shah`).
pub fn heard_alike(found: &str, word: &str) -> bool {
    let key = |w: &str| key_of_latin(&latinise(w).replace("kh", "h"));
    let (a, b) = (key(found), key(word));
    a.len().min(b.len()) >= 3 && (a.starts_with(&b) || b.starts_with(&a))
}

/// The name key of a word already in lower-case ASCII (see [`name_key`]).
fn key_of_latin(ascii: &str) -> String {
    let mut cls = classes(ascii);
    cls.dedup();
    let mut key = String::with_capacity(cls.len());
    for (i, &c) in cls.iter().enumerate() {
        // Ie/ye/je is e anywhere (Siergiej, Jelzin); ia/ya/ja is a only inside a word,
        // so Jan and Ann keep apart.
        let next = cls.get(i + 1).copied();
        if c == 'I' && next.is_some_and(|n| n == 'e' || i > 0 && is_vowel(n) && n != 'I') {
            continue;
        }
        key.push(c);
    }
    if key.len() >= 5 && key.ends_with("ne") {
        key.pop();
    }
    // Smirnoff is Smirnov.
    if ascii.ends_with("ff") && key.ends_with('F') {
        key.pop();
        key.push('V');
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_drops_case_accents_and_punctuation() {
        assert_eq!(fold_key("Côte d’Ivoire"), "cote d ivoire");
        assert_eq!(
            fold_key("  Organisation du traité de l'Atlantique nord "),
            "organisation du traite de l atlantique nord"
        );
        assert_eq!(fold_key("Kijów"), "kijow");
        assert_eq!(fold_key("Weißrussland"), "weissrussland");
        assert_eq!(fold_key("Łódź"), "lodz");
        assert_eq!(fold_key("Горбачёв"), fold_key("Горбачев"));
        assert_eq!(fold_key("Мʼянма"), fold_key("М'янма"));
        assert_eq!(fold_key("Слов\u{2019}янськ"), "словянськ", "as the word tokenizer reads it");
        assert_eq!(fold_key("..."), "");
    }

    fn same(names: &[&str]) {
        let first = name_key(names[0]);
        for n in names {
            assert_eq!(name_key(n), first, "{n} vs {}", names[0]);
        }
    }

    #[test]
    fn transliterations_of_one_name_share_a_key() {
        same(&[
            "Zelensky",
            "Zelenskyy",
            "Zelenskiy",
            "Zelenskyj",
            "Selenskyj",
            "Zelenski",
            "Zełenski",
            "Зеленский",
            "Зеленський",
        ]);
        same(&["Sergei", "Sergey", "Sergueï", "Sergej", "Siergiej", "Serguéi", "Сергей"]);
        same(&["Lavrov", "Lawrow", "Ławrow", "Лавров"]);
        same(&["Putin", "Poutine", "Путин"]);
        same(&["Shoigu", "Choïgou", "Schoigu", "Szojgu", "Шойгу"]);
        same(&["Medvedev", "Medwedew", "Miedwiediew", "Медведев"]);
        same(&["Navalny", "Navalnyi", "Navalnyy", "Nawalny", "Навальный"]);
        same(&["Prigozhin", "Prigoschin", "Prigożyn", "Пригожин"]);
        same(&["Yanukovych", "Janukowytsch", "Ianoukovitch", "Янукович"]);
        same(&["Tymoshenko", "Timoshenko", "Tymoschenko", "Tymoszenko", "Timochenko"]);
        same(&["Kharkiv", "Charkiw", "Харків"]);
    }

    #[test]
    fn an_h_heard_as_kh_has_the_other_key() {
        let heard = |w: &str| name_key_heard_otherwise(w);
        assert_eq!(heard("Shahed"), Some(name_key("Шахед")));
        assert_eq!(heard("Шахед"), Some(name_key("Shahed")));
        assert_eq!(heard("Mohammed"), Some(name_key("Мохаммед")));
        assert_eq!(heard("Shoigu"), None);
        assert!(heard_alike("шахед", "Shahed") && heard_alike("shah", "Шахед"));
        assert!(!heard_alike("shahe", "Hague") && !heard_alike("shari", "Harris"));
        assert_eq!(heard("Zelensky"), None);
    }

    #[test]
    fn different_names_keep_different_keys() {
        let names = [
            "Putin",
            "Lavrov",
            "Shoigu",
            "Medvedev",
            "Zelensky",
            "Sergei",
            "Kyiv",
            "Kiev",
            "Berlin",
            "Paris",
            "Peskov",
            "Patrushev",
            "Maria",
            "Mario",
            "Milan",
            "Minsk",
        ];
        let keys: std::collections::HashSet<String> = names.iter().map(|n| name_key(n)).collect();
        assert_eq!(keys.len(), names.len());
    }

    #[test]
    fn odd_input_gives_a_key_without_panicking() {
        for w in ["", "'", "x", "ÿ", "日本", "ʼʼ", "Ff", "ne", "\u{0301}"] {
            let _ = name_key(w);
            let _ = fold_key(w);
        }
        assert_eq!(name_key(""), "");
    }
}
