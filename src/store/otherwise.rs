//! Two passages that read alike but say otherwise: the copy check's last word.
//!
//! Word triples shared measure how much of a text two passages have in common, not
//! whether they agree: "Poland will send tanks" and "Poland will never send tanks", or
//! "Hungary will send tanks", share most of their triples. Folding one under the other
//! would hide the passage that contradicts it. Two passages are not copies when a
//! sentence of one is negated or denied in the other (`confirmed`, `denied`), when they
//! name different places, people or organisations, or the same ones in another order
//! (who shot at whom), when each states a figure more often than the other (`killed
//! 12`, `killed 21`; `3 March`, `3 May`; `three drones and two`, `two and two`), or when
//! one puts a word for its opposite (`increased`, `decreased`; `before`, `after`).
//!
//! A name is a capitalised word the alias table knows, by its entity (`Kiev` and `Kyiv`
//! are one), or any other capitalised word that does not open a sentence, by its name
//! key (`Zaluzhny` and `Zaluzhnyi` are one): a copy that respells a name stays a copy.

use std::collections::HashSet;

use std::collections::HashMap;
use std::sync::LazyLock;

use super::figures::{figures, Figures};
use crate::aliases::{name_key, Aliases};

/// Negating words of the languages of the briefs, lower case. A word ending in `n't`
/// negates too.
const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "cannot",
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "ni",
    "non",
    "nicht",
    "nie",
    "niemals",
    "kein",
    "keine",
    "keinen",
    "keiner",
    "keinem",
    "nunca",
    "jamás",
    "ningún",
    "ninguna",
    "mai",
    "nessun",
    "nessuno",
    "nessuna",
    "nigdy",
    "żaden",
    "żadna",
    "żadne",
    "не",
    "нет",
    "никогда",
    "ни",
    "ні",
    "ніколи",
    "немає",
    "não",
    "nenhum",
    "nenhuma",
    "geen",
    "niet",
    "nooit",
    "inte",
    "aldrig",
    "ikke",
    "ingen",
    // Verbs that deny what the other copy states (`confirmed` / `denied`, `pledged` /
    // `denied pledging`); not `refused` or `rejected`, which copies put for `declined`
    // and `turned down`.
    "deny",
    "denies",
    "denied",
    "denying",
    "dément",
    "démenti",
    "démentent",
    "nié",
    "nie",
    "dementiert",
    "dementierte",
    "bestreitet",
    "bestritt",
    "negó",
    "niega",
    "desmintió",
    "desmiente",
    "smentito",
    "smentisce",
    "negato",
    "zaprzeczył",
    "zaprzeczyła",
    "zaprzeczyło",
    "zaprzecza",
    "опроверг",
    "опровергла",
    "опровергли",
    "отрицает",
    "отрицал",
    "спростував",
    "спростувала",
    "спростували",
    "заперечив",
    "заперечила",
    "заперечує",
];

/// Words of opposite sense, by pair: a copy that reads `increased` where the other
/// reads `decreased`, or `after` for `before`, states another fact. Each entry is a
/// pair's key, then its two sides' words.
const OPPOSITES: &[(&str, &str, &str)] = &[
    (
        "more",
        "increase increased increases increasing raised rose risen grew grown augmenté augmente hausse erhöht gestiegen stieg aumentó aumenta aumentato zwiększył wzrosła увеличил увеличила выросла выросло збільшив збільшила зросла",
        "decrease decreased decreases decreasing reduced lowered fell fallen diminué diminue baisse gesenkt gesunken disminuyó disminuye diminuito zmniejszył spadła уменьшил уменьшила сократил сократила снизилась зменшив зменшила скоротив скоротила",
    ),
    ("after", "before avant antes prima перед", "after après después dopo после після"),
    (
        "accepted",
        "accepted accepts approved approves accepté approuvé akzeptiert aceptó aprobó accettato approvato zaakceptował zatwierdził одобрил одобрила схвалив схвалила",
        "rejected rejects rejeté rejette abgelehnt rechazó rechaza respinto odrzucił odrzuciła отверг отвергла отклонил отклонила відхилив відхилила",
    ),
    ("won", "won win wins gagné gewonnen ganó vinto wygrał выиграл виграв", "lost lose loses perdu verloren perdió perso przegrał проиграл програв"),
    ("above", "above dessus oberhalb encima sopra powyżej выше вище", "below dessous unterhalb debajo sotto poniżej ниже нижче"),
    (
        "goes on",
        "continue continues continued continuing resumed continuera fortgesetzt continúa continuará continua kontynuuje продолжит продолжает продолжится продовжить продовжує",
        "ended halted stopped suspended terminé suspendu beendet gestoppt eingestellt terminó suspendió terminato sospeso zakończył wstrzymał прекратил прекратила остановил приостановил припинив припинила зупинив",
    ),
    ("opened", "opened ouvert geöffnet abrió aperto otworzył открыл відкрив", "closed fermé geschlossen cerró chiuso zamknął закрыл закрив"),
    ("allowed", "allowed autorisé erlaubt permitió consentito zezwolił разрешил дозволив", "banned forbade forbidden interdit verboten prohibió vietato zakazał запретил заборонив"),
];

/// How many words of each side of each pair of [`OPPOSITES`] a text holds, by pair.
type Sides = Vec<[usize; 2]>;

/// Whether, for one pair of opposites, one text holds more of one side and the other
/// more of the other side (`increased` in one where the other says `decreased`): a word
/// of one pair added to one copy and a word of another pair to the other are two
/// edits, not a fact turned around.
fn opposed(a: &Sides, b: &Sides) -> bool {
    a.iter().zip(b).any(|([a_plus, a_minus], [b_plus, b_minus])| {
        (a_plus > b_plus && b_minus > a_minus) || (a_minus > b_minus && b_plus > a_plus)
    })
}

/// The sides of opposite words a text holds, counted per pair.
fn opposites<'a>(words: impl Iterator<Item = &'a str>) -> Sides {
    static SIDES: LazyLock<HashMap<&'static str, (usize, usize)>> = LazyLock::new(|| {
        let pairs = OPPOSITES.iter().enumerate();
        pairs
            .flat_map(|(i, (_, plus, minus))| {
                let plus = plus.split_whitespace().map(move |w| (w, (i, 0)));
                plus.chain(minus.split_whitespace().map(move |w| (w, (i, 1))))
            })
            .collect()
    });
    let mut out = vec![[0; 2]; OPPOSITES.len()];
    for word in words {
        if let Some(&(pair, side)) = SIDES.get(word.to_lowercase().as_str()) {
            out[pair][side] += 1;
        }
    }
    out
}

/// Whether two passages that share most of their words say different things (see the
/// module's doc).
pub fn says_otherwise(a: &str, b: &str) -> bool {
    numbers_differ(a, b)
        || opposed(&opposites(words(a)), &opposites(words(b)))
        || negated_apart(a, b)
        || names_differ(&names(a), &names(b))
}

/// Whether each text holds a figure the other does not ([`super::figures`]): `killed
/// 12` and `killed 21`, `seven` and `seventeen`, `June 2023` and `June 2024`, `3 March`
/// and `3 May`, `north` and `south` of a town are two facts, not one written twice (a
/// number in digits in one copy and in words in the other is one figure).
fn numbers_differ(a: &str, b: &str) -> bool {
    each_lacks(&figures(words(a)), &figures(words(b)))
}

/// Whether each count holds an item more often than the other: a copy that adds a
/// sentence adds figures to one side only; one that changes a figure, to both.
fn each_lacks(a: &Figures, b: &Figures) -> bool {
    let more = |x: &Figures, y: &Figures| x.iter().any(|(k, n)| y.get(k).copied().unwrap_or(0) < *n);
    more(a, b) && more(b, a)
}

/// Sentences of two texts this alike (Jaccard of their word sets) are one sentence
/// written twice, whose negations are compared.
const SAME_SENTENCE: f64 = 0.6;

/// Whether a sentence of `a` and its most alike sentence of `b` (at least
/// [`SAME_SENTENCE`]) negate differently: one sentence, said and denied. A sentence
/// only one of them holds may negate as it likes.
fn negated_apart(a: &str, b: &str) -> bool {
    let of = |text: &str| -> Vec<(HashSet<String>, usize)> {
        sentences(text).map(|s| (words(s).map(str::to_lowercase).collect(), negations(s))).collect()
    };
    let theirs = of(b);
    of(a).iter().any(|(words, negated)| {
        let alike = theirs.iter().map(|(w, n)| (word_jaccard(words, w), *n));
        let best = alike.max_by(|x, y| x.0.total_cmp(&y.0));
        best.is_some_and(|(j, n)| j >= SAME_SENTENCE && n != *negated)
    })
}

fn word_jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        return 0.0;
    }
    shared as f64 / all as f64
}

/// The sentences of a text, each with its closing mark.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?', ';']).filter(|s| !s.trim().is_empty())
}

fn negations(text: &str) -> usize {
    words(text)
        .map(|w| w.to_lowercase())
        .filter(|w| NEGATIONS.contains(&w.as_str()) || w.ends_with("n't") || w.ends_with("n’t"))
        .count()
}

/// The words of a text, an apostrophe inside a word kept (`won't`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| !w.is_empty())
}

/// Capitalised words that are no names: days and months, which are figures (see
/// [`numbers_differ`]).
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
];

/// Of a text's capitalised words, more than this share of its words means a language
/// that capitalises every noun (German): then only the table's names count.
const NOUNS_CAPITALISED: f64 = 0.2;

/// The names of a text in order, each as its entity id or name key.
fn names(text: &str) -> Vec<String> {
    let aliases = Aliases::builtin();
    // Each name, and whether the table knows it.
    let mut found: Vec<(String, bool)> = Vec::new();
    let mut all = 0usize;
    for sentence in sentences(text) {
        for (i, word) in words(sentence).enumerate() {
            all += 1;
            let word = word.split(['\'', '’']).next().unwrap_or(word);
            let lower = word.to_lowercase();
            if !word.chars().next().is_some_and(char::is_uppercase) || NOT_NAMES.contains(&lower.as_str()) {
                continue;
            }
            // A sentence's first word is a name only if the table knows it (`Poland`,
            // not `The`), or its country (`Russian`, `Ukrainian`).
            let demonym = || (i == 0).then(|| demonym_entity(aliases, word)).flatten();
            match aliases.lookup_cased(word).or_else(demonym) {
                Some(entity) => found.push((entity.id.to_string(), true)),
                None if i > 0 => found.push((name_key(word), false)),
                None => {}
            }
        }
    }
    let unknown = found.iter().filter(|(_, known)| !known).count();
    let nouns = unknown as f64 > NOUNS_CAPITALISED * all as f64;
    found.into_iter().filter(|(_, known)| *known || !nouns).map(|(name, _)| name).collect()
}

/// The entity an English demonym is of, by its usual endings: `Russian` (Russia),
/// `Ukrainian` (Ukraine), `Iranian` (Iran), `German` (Germany), `Israeli` (Israel),
/// `Chinese` (China), `Japanese` (Japan), `Turkish` (Turkey). Other languages write
/// theirs in lower case.
fn demonym_entity<'a>(aliases: &'a Aliases, word: &str) -> Option<&'a crate::aliases::Entity> {
    const ENDINGS: [(&str, &str); 8] = [
        ("ian", "e"),
        ("ian", ""),
        ("n", ""),
        ("", "y"),
        ("i", ""),
        ("ese", "a"),
        ("ese", ""),
        ("ish", "ey"),
    ];
    let long = word.chars().count() >= 5;
    ENDINGS.iter().filter(|_| long).find_map(|(ending, country)| {
        let stem = word.strip_suffix(ending)?;
        aliases.lookup_cased(&format!("{stem}{country}"))
    })
}

/// Whether two passages' names differ: each names one the other does not (one name put
/// for another), or the names both hold come in another order.
fn names_differ(a: &[String], b: &[String]) -> bool {
    let (in_a, in_b): (HashSet<&String>, HashSet<&String>) = (a.iter().collect(), b.iter().collect());
    if in_a.difference(&in_b).next().is_some() && in_b.difference(&in_a).next().is_some() {
        return true;
    }
    shared_order(a, &in_b) != shared_order(b, &in_a)
}

/// The names of `names` that `other` holds too, in order, a repeat in a row once.
fn shared_order<'a>(names: &'a [String], other: &HashSet<&String>) -> Vec<&'a String> {
    let mut shared: Vec<&String> = names.iter().filter(|n| other.contains(n)).collect();
    shared.dedup();
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: &str =
        "Poland will send tanks to Ukraine next month, the defence minister said on Monday in Warsaw.";

    #[test]
    fn a_negation_or_another_name_says_otherwise() {
        for other in [
            "Poland will never send tanks to Ukraine next month, the defence minister said on Monday in Warsaw.",
            "Poland won't send tanks to Ukraine next month, the defence minister said on Monday in Warsaw.",
            "Hungary will send tanks to Ukraine next month, the defence minister said on Monday in Warsaw.",
            "Poland will send tanks to Ukraine next month, the defence minister said on Monday in Budapest.",
        ] {
            assert!(says_otherwise(SENT, other), "{other}");
        }
        let a = "The military said it shot down 20 of 25 drones launched by Russia at Ukraine overnight.";
        let b = "The military said it shot down 20 of 25 drones launched by Ukraine at Russia overnight.";
        assert!(says_otherwise(a, b), "who shot at whom");
        let a = "Russian forces launched a drone attack on the port of Odesa overnight, the governor said.";
        let b = "Ukrainian forces launched a drone attack on the port of Odesa overnight, the governor said.";
        assert!(says_otherwise(a, b), "whose forces");
        let a = "A missile struck the shopping centre in Kramatorsk and killed 12 people, rescuers said.";
        assert!(says_otherwise(a, &a.replace("12", "21")), "another toll");
        assert!(!says_otherwise(a, &a.replace("12", "twelve")), "the same toll in words");
        assert!(says_otherwise(&a.replace("12", "seven"), &a.replace("12", "seventeen")), "tolls in words");
        assert!(
            says_otherwise(&a.replace("12", "21"), &a.replace("12", "twelve")),
            "a toll in words and digits"
        );
        let a =
            "The fund pledged $1.5 billion on 3 March for air defence north of Kharkiv, the ministry said.";
        for (this, that) in [("billion", "million"), ("March", "May"), ("north", "south")] {
            assert!(says_otherwise(a, &a.replace(this, that)), "{this} / {that}");
        }
        let fr = "Les forces russes ont tiré sept missiles sur Odessa, selon l'armée de l'air.";
        assert!(says_otherwise(fr, &fr.replace("sept", "dix-sept")), "sept / dix-sept");
        let once = "Russia once again struck Odesa overnight, killing 5 people, the governor said.";
        assert!(says_otherwise(once, &once.replace('5', "11")), "a word that is no figure");
        let sur = "Frappes russes sur le nord de Kharkiv dans la nuit, selon le gouverneur.";
        assert!(says_otherwise(sur, &sur.replace("nord", "sud")), "nord / sud");
    }

    #[test]
    fn a_copy_respelt_or_with_a_name_added_says_the_same() {
        for other in [
            "Poland will send tanks to Ukraine next month, the defence minister said on Monday in Warsaw, Reuters reported.",
            "Poland will send tanks to Ukraine next month, the defense minister said Monday in Warsaw.",
        ] {
            assert!(!says_otherwise(SENT, other), "{other}");
        }
        let a = "General Zaluzhny said troops in Kiev were ready.";
        let b = "General Zaluzhnyi said troops in Kyiv were ready.";
        assert!(!says_otherwise(a, b));
        let yesterday = SENT.replace("on Monday", "yesterday");
        assert!(!says_otherwise(SENT, &yesterday), "a day named or not");
        let more = format!("{SENT} Two more brigades would follow in the second half of May.");
        assert!(!says_otherwise(SENT, &more), "a sentence added, with its figures");
        let denial = format!("{SENT} Hungary denied it.");
        assert!(!says_otherwise(SENT, &denial), "a denial added in a sentence of its own");
        let a = "Grain exports increased sharply in May, the ministry said.";
        let b = "Grain exports rose sharply in May, the ministry said after the talks.";
        assert!(!says_otherwise(a, b), "a synonym, and a word of another pair added");
        let a = "The ministry refused to comment on the strike near the port.";
        let b = "The ministry declined to comment on the strike near the port.";
        assert!(!says_otherwise(a, b), "refused for declined");
        let a = "Die Regierung will im nächsten Monat Panzer an die Ukraine liefern, sagte der Minister in Berlin.";
        let b = "Die Regierung will im kommenden Monat Kampfpanzer an die Ukraine liefern, sagte der Minister in Berlin.";
        assert!(!says_otherwise(a, b), "German nouns are no names");
    }

    #[test]
    fn a_fact_put_for_another_says_otherwise() {
        let pairs = [
            (
                "Parliament accepted the government's request to extend martial law by 90 days.",
                "Parliament rejected the government's request to extend martial law by 90 days.",
            ),
            (
                "The Pentagon confirmed that the destroyer shot down four drones over the Red Sea.",
                "The Pentagon denied that the destroyer shot down four drones over the Red Sea.",
            ),
            (
                "Russia launched three Shahed drones at the city overnight, damaging two transformers.",
                "Russia launched two Shahed drones at the city overnight, damaging two transformers.",
            ),
            (
                "Finnish police said on Tuesday the ship had dragged its anchor for 100 km.",
                "Finnish police said on Thursday the ship had dragged its anchor for 100 km.",
            ),
            (
                "The missile has a range of 1,500 km and can carry a nuclear warhead.",
                "The missile has a range of 1,500 miles and can carry a nuclear warhead.",
            ),
            (
                "The first convoy reached the city after dark, the regional governor said.",
                "The second convoy reached the city after dark, the regional governor said.",
            ),
            (
                "The strike came before the explosion at the depot, the regional governor said.",
                "The strike came after the explosion at the depot, the regional governor said.",
            ),
            (
                "Exports of grain increased sharply in the last quarter, the ministry said.",
                "Exports of grain decreased sharply in the last quarter, the ministry said.",
            ),
            (
                "The talks will continue in Geneva next week, diplomats said.",
                "The talks have ended in Geneva this week, diplomats said.",
            ),
            (
                "Le ministère a confirmé que trois drones avaient été abattus.",
                "Le ministère a démenti que trois drones avaient été abattus.",
            ),
            (
                "Минобороны сообщило, что три беспилотника были сбиты над областью.",
                "Минобороны сообщило, что два беспилотника были сбиты над областью.",
            ),
        ];
        for (a, b) in pairs {
            assert!(says_otherwise(a, b), "{a} / {b}");
        }
    }
}
