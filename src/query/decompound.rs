//! A closed compound split into the two words it is made of, as the index holds them:
//! German `Sportportfolio` is `Sport` + `Portfolio`, `Physikmodell` `Physik` + `Modell`.
//!
//! The split is Koehn & Knight's (2003) frequency rule: of the ways to cut the word in
//! two parts that are both words of the field (a first part may end with a linking
//! element, `Verteidigungs|minister`), take the one whose parts have the highest
//! geometric mean of document frequencies, and only if it is above the frequency of
//! the whole word, so that a common compound stays whole.

/// The fewest letters of a part: shorter ones are syllables of unrelated words.
const MIN_PART: usize = 4;

/// The linking elements a first part may end with (German, Dutch and Scandinavian
/// *Fugen*), the empty one first.
const LINKS: [&str; 6] = ["", "s", "es", "n", "en", "e"];

/// The two parts of `word` as index terms (`stem` analyses a part as the field does,
/// `df` is a term's document frequency in the field), or `None` when no split is more
/// frequent than the word itself.
pub(crate) fn split(
    word: &str,
    mut stem: impl FnMut(&str) -> Option<String>,
    df: impl Fn(&str) -> u64,
) -> Option<(String, String)> {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    if lower.len() < 2 * MIN_PART || !lower.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let mut best = stem(word).map_or(0.0, |w| df(&w) as f64);
    let mut found = None;
    for cut in MIN_PART..=lower.len() - MIN_PART {
        let right: String = lower[cut..].iter().collect();
        let Some(head) = stem(&right).filter(|h| is_part(h) && df(h) > 0) else { continue };
        let head_df = df(&head) as f64;
        for first in first_parts(&lower[..cut]) {
            let Some(modifier) = stem(&first).filter(|m| is_part(m)) else { continue };
            let mean = (df(&modifier) as f64 * head_df).sqrt();
            if mean > best {
                best = mean;
                found = Some((modifier, head.clone()));
            }
        }
    }
    found
}

/// Whether a stem is long enough to be a part: a stemmer may cut a part of
/// [`MIN_PART`] letters shorter (`unde` → `und`).
fn is_part(stem: &str) -> bool {
    stem.chars().count() >= MIN_PART
}

/// The first part of a cut without each linking element it ends with, at least
/// [`MIN_PART`] letters long.
fn first_parts(left: &[char]) -> impl Iterator<Item = String> + '_ {
    let left: String = left.iter().collect();
    LINKS.iter().filter_map(move |link| {
        let part = left.strip_suffix(link)?;
        (part.chars().count() >= MIN_PART).then(|| part.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dfs(word: &str) -> u64 {
        match word {
            "sport" => 40,
            "portfolio" => 5,
            "verteidigung" => 30,
            "minist" => 50,
            "ministerium" => 3,
            "bundesregierung" => 500,
            "bund" => 20,
            "regierung" => 100,
            _ => 0,
        }
    }

    fn stem(word: &str) -> Option<String> {
        Some(word.strip_suffix("er").unwrap_or(word).to_lowercase())
    }

    #[test]
    fn a_compound_splits_where_both_parts_are_frequent() {
        assert_eq!(split("Sportportfolio", stem, dfs), Some(("sport".into(), "portfolio".into())));
    }

    #[test]
    fn a_linking_element_is_left_out_of_the_first_part() {
        assert_eq!(split("Verteidigungsminister", stem, dfs), Some(("verteidigung".into(), "minist".into())));
    }

    #[test]
    fn a_part_the_stemmer_cuts_short_is_no_part() {
        let dfs = |w: &str| u64::from(w == "und" || w == "stand") * 50;
        let stem = |w: &str| Some(w.strip_suffix('e').unwrap_or(w).to_string());
        assert_eq!(split("understand", stem, dfs), None);
    }

    #[test]
    fn a_compound_more_frequent_than_its_parts_stays_whole() {
        assert_eq!(split("Bundesregierung", stem, dfs), None);
        assert_eq!(split("Sport", stem, dfs), None, "too short to hold two parts");
    }
}
