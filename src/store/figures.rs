//! The figures a passage states: numbers in digits or in words, ordinals, magnitudes,
//! units, months, weekdays and compass directions, each under one key for all its
//! spellings, counted.
//!
//! Two passages alike in all but a figure state two facts: `seven` and `seventeen`
//! dead, `$1.5 million` and `$1.5 billion`, `1,500 km` and `1,500 miles`, `3 March` and
//! `3 May`, `on Tuesday` and `on Thursday`, the `first` and the `second` convoy, `north
//! of Bakhmut` and `south of Bakhmut`. A number written in digits in one copy and in
//! words in the other (`12`, `twelve`, `douze`) is one figure. Figures are counted, so
//! that `three drones and two transformers` and `two drones and two transformers`
//! differ, though each figure of one is somewhere in the other.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Number words of the briefs' languages by value, with their common inflected forms.
/// Words that are also common words in one of the languages are left out (Italian
/// `due`, Spanish `once` and `dos`, French `seize`, `neuf` and `cent`, Polish `sto`),
/// and so is `one`, an article or a pronoun as often (`un`, `one of`): a word read as
/// a figure in one copy would hide the figure the other copy changed.
const NUMBER_WORDS: &[(u64, &str)] = &[
    (2, "two deux zwei zwo два две двух двум дві двох dwa dwie dwóch dwaj"),
    (3, "three trois tres drei tre три трёх трех трьом трьох trzy trzech"),
    (4, "four quatre cuatro vier quattro четыре четырёх четырех чотири чотирьох cztery czterech"),
    (5, "five cinq cinco fünf cinque пять пяти пятью п'ять п'яти п'ятьох pięć pięciu"),
    (6, "six seis sechs шесть шести шість шістьох sześć sześciu"),
    (7, "seven sept siete sieben sette семь семи сім сімох siedem siedmiu"),
    (8, "eight huit ocho acht otto восемь восьми вісім вісьмох osiem ośmiu"),
    (9, "nine nueve neun nove девять девяти дев'ять дев'яти dziewięć dziewięciu"),
    (10, "ten dix diez zehn dieci десять десяти десятьох dziesięć dziesięciu"),
    (11, "eleven onze elf undici одиннадцать одиннадцати одинадцять одинадцяти jedenaście jedenastu"),
    (12, "twelve douze doce zwölf dodici двенадцать двенадцати дванадцять дванадцяти dwanaście dwunastu"),
    (13, "thirteen treize trece dreizehn tredici тринадцать тринадцати тринадцять тринадцяти trzynaście trzynastu"),
    (14, "fourteen quatorze catorce vierzehn quattordici четырнадцать четырнадцати чотирнадцять чотирнадцяти czternaście czternastu"),
    (15, "fifteen quinze quince fünfzehn quindici пятнадцать пятнадцати п'ятнадцять п'ятнадцяти piętnaście piętnastu"),
    (16, "sixteen dieciséis sechzehn sedici шестнадцать шестнадцати шістнадцять шістнадцяти szesnaście szesnastu"),
    (17, "seventeen diecisiete siebzehn diciassette семнадцать семнадцати сімнадцять сімнадцяти siedemnaście siedemnastu"),
    (18, "eighteen dieciocho achtzehn diciotto восемнадцать восемнадцати вісімнадцять вісімнадцяти osiemnaście osiemnastu"),
    (19, "nineteen diecinueve neunzehn diciannove девятнадцать девятнадцати дев'ятнадцять дев'ятнадцяти dziewiętnaście dziewiętnastu"),
    (20, "twenty vingt vingts veinte zwanzig venti двадцать двадцати двадцять двадцяти dwadzieścia dwudziestu"),
    (30, "thirty trente treinta dreißig trenta тридцать тридцати тридцять тридцяти trzydzieści trzydziestu"),
    (40, "forty quarante cuarenta vierzig quaranta сорок сорока czterdzieści czterdziestu"),
    (50, "fifty cinquante cincuenta fünfzig cinquanta пятьдесят пятидесяти п'ятдесят п'ятдесяти pięćdziesiąt pięćdziesięciu"),
    (60, "sixty soixante sesenta sechzig sessanta шестьдесят шестидесяти шістдесят шістдесяти sześćdziesiąt"),
    (70, "seventy setenta siebzig settanta семьдесят семидесяти сімдесят сімдесяти siedemdziesiąt"),
    (80, "eighty ochenta achtzig ottanta восемьдесят восьмидесяти вісімдесят вісімдесяти osiemdziesiąt"),
    (90, "ninety nonante noventa neunzig novanta девяносто девяноста дев'яносто dziewięćdziesiąt"),
    (100, "hundred cents cien ciento hundert cento сто ста"),
];

/// Magnitudes, by their power of ten: a figure of their own, so that `1.5 million` and
/// `1.5 billion` differ.
const MAGNITUDES: &[(u32, &str)] = &[
    (3, "thousand thousands mille mil mila tausend тысяча тысячи тысяч тисяча тисячі тисяч tysiąc tysiące tysięcy"),
    (6, "million millions mn millón millones milione milioni millionen миллион миллиона миллионов мільйон мільйона мільйони мільйонів milion miliony milionów"),
    (9, "billion billions bn milliard milliards milliarde milliarden miliardo miliardi миллиард миллиарда миллиардов мільярд мільярда мільярди мільярдів miliard miliardy miliardów"),
    (12, "trillion trillions billón billones billionen триллион триллиона триллионов трильйон трильйона трильйонів bilion biliony bilionów"),
];

/// Compass directions, with their adjectives and adverbs.
const DIRECTIONS: &[(char, &str)] = &[
    ('n', "north northern northward nord norden nördlich norte settentrionale север севернее северный северной северного північ північніше північний північної північного północ północny północnej północnego"),
    ('s', "south southern southward sud süden südlich meridionale юг южнее южный южной южного південь південніше південний південної південного południe południowy południowej południowego"),
    ('e', "east eastern eastward osten östlich oriente orientale восток восточнее восточный восточной восточного схід східніше східний східної східного wschód wschodni wschodniej wschodniego"),
    ('w', "west western westward ouest westen westlich oeste ovest occidentale запад западнее западный западной западного захід західніше західний західної західного zachód zachodni zachodniej zachodniego"),
];

/// Ordinals, by rank, with their common inflected forms; `second` is also a unit of
/// time, which a copy does not change either.
const ORDINALS: &[(u32, &str)] = &[
    (1, "first première erste ersten erster erstes primer primero primera первый первая первого первой первые перший перша першого першої pierwszy pierwsza pierwszego pierwszej"),
    (2, "second deuxième zweite zweiten zweiter segundo segunda второй вторая второго второе другий другої"),
    (3, "third troisième dritte dritten dritter tercer tercero tercera terzo terza третий третья третьего третьей третій третя третього третьої trzeci trzecia trzeciego trzeciej"),
    (4, "fourth quatrième vierte vierten vierter четвёртый четвертый четвёртая четвертий четверта czwarty czwarta"),
    (5, "fifth cinquième fünfte fünften quinto quinta пятый пятая п'ятий п'ята piąty piąta"),
];

/// Units of distance, weight and area, each under one key for its spellings.
const UNITS: &[(&str, &str)] = &[
    ("km", "km kilometre kilometres kilometer kilometers kilomètre kilomètres kilómetro kilómetros chilometri kilometrów kilometry км километр километра километров кілометр кілометра кілометрів"),
    ("mile", "mile miles meile meilen milla millas miglia миля мили миль"),
    ("m", "metre metres meter meters mètre mètres metrów метр метра метров метрів"),
    ("kg", "kg kilogram kilograms kilogramme kilogrammes kilogramm kilogramos chilogrammi kilogramów кг килограмм килограммов кілограм кілограмів"),
    ("t", "tonne tonnes tons tonnen tonelada toneladas tonnellate тонна тонны тонн тонни"),
    ("ha", "hectare hectares hektar hectárea hectáreas ettari гектар гектаров гектарів"),
];

/// Weekdays, Monday first.
const WEEKDAYS: &[(u32, &str)] = &[
    (1, "monday lundi montag lunes lunedì lunedi poniedziałek понедельник понеділок"),
    (2, "tuesday mardi dienstag martes martedì martedi wtorek вторник вівторок"),
    (3, "wednesday mercredi mittwoch miércoles miercoles mercoledì mercoledi środa środę середа середу"),
    (4, "thursday jeudi donnerstag jueves giovedì giovedi czwartek четверг четвер"),
    (5, "friday vendredi freitag viernes venerdì venerdi piątek пятница пятницу п'ятниця п'ятницю"),
    (6, "saturday samedi samstag sábado sabato sobota sobotę суббота субботу субота суботу"),
    (7, "sunday dimanche sonntag domingo domenica niedziela niedzielę воскресенье неділя неділю"),
];

/// What a word of the tables stands for.
#[derive(Clone, Copy)]
enum Word {
    Number(u64),
    Magnitude(u32),
    Direction(char),
    Ordinal(u32),
    Unit(&'static str),
    Weekday(u32),
}

static WORDS: LazyLock<HashMap<&'static str, Word>> = LazyLock::new(|| {
    fn table<K: Copy>(rows: &'static [(K, &'static str)], word: fn(K) -> Word) -> Vec<(&'static str, Word)> {
        rows.iter().flat_map(|(k, w)| w.split_whitespace().map(move |w| (w, word(*k)))).collect()
    }
    let mut words: HashMap<&'static str, Word> = HashMap::new();
    words.extend(table(ORDINALS, Word::Ordinal));
    words.extend(table(UNITS, Word::Unit));
    words.extend(table(WEEKDAYS, Word::Weekday));
    words.extend(table(DIRECTIONS, Word::Direction));
    words.extend(table(MAGNITUDES, Word::Magnitude));
    words.extend(table(NUMBER_WORDS, Word::Number));
    words
});

/// A text's figures, each with how many times it is stated.
pub type Figures = HashMap<String, usize>;

/// The key of a figure word (a number word's is its value, for a run of one).
fn key(word: Word) -> String {
    match word {
        Word::Number(v) => v.to_string(),
        Word::Magnitude(p) => format!("×10^{p}"),
        Word::Direction(d) => d.to_string(),
        Word::Ordinal(n) => format!("#{n}"),
        Word::Unit(u) => format!("unit {u}"),
        Word::Weekday(d) => format!("day {d}"),
    }
}

/// A month name this long or longer is a month wherever it stands; a shorter one
/// (`May`, `mai`, `mars`) only next to a number, as dates write it.
const MONTH_ALONE: usize = 5;

/// The figures of `words` (a text's words in order), counted, each as a key shared by
/// its spellings: digits as written (`12`, `5bn`), a run of number words as its value
/// (`dix-sept` is `17`, as `17`), `×10^n` for a magnitude, `month n` (a capitalised
/// month abbreviation next to a number is the month: `Sept. 11`), `#n` for an ordinal,
/// `day n` for a weekday, `unit u` and a compass point.
pub fn figures<'a>(words: impl Iterator<Item = &'a str>) -> Figures {
    let words: Vec<&str> = words.collect();
    // Ukrainian writes its apostrophe three ways (`п'ять`, `п’ять`, `пʼять`).
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase().replace(['’', 'ʼ'], "'")).collect();
    let mut out = Figures::new();
    let mut add = |k: String| *out.entry(k).or_insert(0) += 1;
    let mut run: Vec<u64> = Vec::new();
    for (i, word) in lower.iter().enumerate() {
        let month = month(&words, &lower, i);
        // `Sept. 11` is September, not seven: a capitalised month next to a number.
        let dated =
            month.is_some() && words[i].starts_with(char::is_uppercase) && next_to_a_number(&lower, i);
        let known = if dated { None } else { WORDS.get(word.as_str()).copied() };
        match known {
            Some(Word::Number(v)) => {
                run.push(v);
                continue;
            }
            Some(other) => add(key(other)),
            None if word.starts_with(|c: char| c.is_ascii_digit()) => {
                add(digit_ordinal(word).unwrap_or(word.clone()))
            }
            None => month.into_iter().for_each(|m| add(format!("month {m}"))),
        }
        value(&run).into_iter().for_each(|v| add(v.to_string()));
        run.clear();
    }
    value(&run).into_iter().for_each(|v| add(v.to_string()));
    out
}

/// The key of an ordinal in digits (`3rd`, `1er`, `2e`), as its word's (`third`).
fn digit_ordinal(word: &str) -> Option<String> {
    let digits = word.find(|c: char| !c.is_ascii_digit())?;
    let suffix = &word[digits..];
    ["st", "nd", "rd", "th", "er", "re", "e", "ème"]
        .contains(&suffix)
        .then(|| format!("#{}", &word[..digits]))
}

/// The value of a run of number words: `dix sept` 17, `two hundred` 200, `quatre vingt
/// dix` 90 (French counts in twenties there).
fn value(run: &[u64]) -> Option<u64> {
    run.iter().copied().reduce(|sum, v| match v {
        100 => sum.max(1).saturating_mul(100),
        20 if (2..10).contains(&sum) => sum * 20,
        _ => sum.saturating_add(v),
    })
}

/// Short month names that are months alone when capitalised: English and German June
/// and July (not `May`, `Mai` or `Mars`, nor `Maja`, a name, nor a Ukrainian
/// abbreviation that is a word, `Лист`).
const SUMMER_MONTHS: [&str; 4] = ["june", "july", "juni", "juli"];

/// The month the `i`th word names, if it is a month name standing as one: a long one,
/// one next to a number, or a capitalised [`SUMMER_MONTHS`] name.
fn month(words: &[&str], lower: &[String], i: usize) -> Option<u32> {
    let month = crate::ingest::date::month_of(&lower[i])?;
    let summer = SUMMER_MONTHS.contains(&lower[i].as_str()) && words[i].starts_with(char::is_uppercase);
    (lower[i].chars().count() >= MONTH_ALONE || summer || next_to_a_number(lower, i)).then_some(month)
}

/// Whether the word before or after the `i`th is written in digits.
fn next_to_a_number(lower: &[String], i: usize) -> bool {
    let is_number = |j: Option<usize>| {
        j.and_then(|j| lower.get(j)).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    };
    is_number(i.checked_sub(1)) || is_number(Some(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<String> {
        let words = text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty());
        let mut f: Vec<String> = figures(words).into_keys().collect();
        f.sort();
        f
    }

    #[test]
    fn ordinals_units_and_weekdays_are_figures_and_figures_are_counted() {
        assert_eq!(of("the second convoy"), ["#2"]);
        assert_eq!(of("Third Assault Brigade"), of("3rd Assault Brigade"));
        assert_eq!(of("le 1er régiment"), ["#1"]);
        assert_eq!(of("1,500 km"), ["1", "500", "unit km"]);
        assert_eq!(of("1 500 километров"), ["1", "500", "unit km"]);
        assert_eq!(of("on Thursday"), ["day 4"]);
        assert_eq!(of("jeudi"), of("Thursday"));
        let words = "three drones and two transformers".split(' ');
        assert_eq!(figures(words), Figures::from([("3".into(), 1), ("2".into(), 1)]));
        let words = "two drones and two transformers".split(' ');
        assert_eq!(figures(words), Figures::from([("2".into(), 2)]));
    }

    #[test]
    fn numbers_in_words_are_their_digits() {
        assert_eq!(of("killed twelve people"), of("killed 12 people"));
        assert_eq!(of("dix-sept civils"), ["17"]);
        assert_eq!(of("sept civils"), ["7"]);
        assert_eq!(of("двенадцать человек"), ["12"]);
        assert_eq!(of("two hundred troops"), ["200"]);
        assert_eq!(of("quatre-vingt-dix soldats"), ["90"]);
        assert_eq!(of("п’ять і пʼять"), ["5"]);
        assert_eq!(of("Russia once again struck one of the ports"), Vec::<String>::new());
        assert_eq!(of(&"hundred ".repeat(20)).len(), 1, "no overflow");
    }

    #[test]
    fn magnitudes_months_and_directions_are_figures() {
        assert_eq!(of("$1.5 billion"), ["1", "5", "×10^9"]);
        assert_eq!(of("on 3 May"), ["3", "month 5"]);
        assert_eq!(of("you may go"), Vec::<String>::new());
        assert_eq!(of("in June"), ["month 6"]);
        assert_eq!(of("a mission to Mars"), Vec::<String>::new());
        assert_eq!(of("by the end of September"), ["month 9"]);
        assert_eq!(of("north of Bakhmut"), ["n"]);
        assert_eq!(of("frappes sur le nord"), ["n"]);
        assert_eq!(of("Sept. 11"), of("September 11"));
    }
}
