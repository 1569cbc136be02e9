//! One entity under all its names (issue 13): a name typed in one language or script
//! finds the passages that use another, spelling variants meet, and a final accent does
//! not keep `Mali` from `Malí`. Fixtures are written by each test.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// Passages in five languages and two scripts, each naming entities its own way.
const FIXTURES: &[(&str, &str)] = &[
    (
        "de_bund.txt",
        "Die Bundesregierung in Deutschland hat am Montag neue Mittel für die Bundeswehr \
         beschlossen. Der Verteidigungsminister sprach von einer Zeitenwende für das ganze Land.",
    ),
    (
        "fr_otan.txt",
        "Les ministres de l'OTAN, réunis à Bruxelles, ont parlé longuement. La France et l'Allemagne ont \
         promis de renforcer leur présence militaire sur le flanc oriental de l'Alliance.",
    ),
    (
        "ru_nato.txt",
        "Министр иностранных дел заявил, что расширение НАТО угрожает безопасности. \
         Германия и другие страны продолжают поставки оружия, сообщили в министерстве.",
    ),
    (
        "uk_kyiv.txt",
        "У Києві вночі лунали вибухи, повідомила міська влада. Київ знову атакували \
         дронами, сили протиповітряної оборони збили більшість цілей над містом.",
    ),
    (
        "es_mali.txt",
        "El gobierno de Malí anunció la retirada de la misión internacional. Los militares \
         que gobiernan el país rechazaron las críticas de los vecinos de la región del Sahel.",
    ),
    (
        "en_us.txt",
        "The Department of Defense announced a new package on Tuesday. Officials said the \
         cease-fire talks had stalled and that the S-400 batteries were moved. Pilots trained \
         on the F16 at the base for several weeks before the deployment began.",
    ),
    (
        "en_other.txt",
        "The weather service warned of heavy rain across the northern valleys. Farmers were \
         told to move their cattle to higher ground before the river rose overnight.",
    ),
];

fn fixture_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in FIXTURES {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    tmp
}

/// The documents a query finds, by file name.
fn docs(dir: &Path, query: &str) -> Vec<String> {
    let hits = search_json(dir, &[query, "-n", "20"]);
    let mut out: Vec<String> = hits.iter().map(file_of).collect();
    out.sort();
    out.dedup();
    out
}

fn file_of(hit: &Value) -> String {
    let doc = hit["doc"].as_str().unwrap();
    doc.rsplit(['/', '\\']).next().unwrap().to_string()
}

/// The highlighted strings of the hit from `file`.
fn marks(dir: &Path, query: &str, file: &str) -> Vec<String> {
    let hits = search_json(dir, &[query, "-n", "20"]);
    let hit = hits.iter().find(|h| file_of(h) == file).unwrap_or_else(|| panic!("{query}: no hit in {file}"));
    highlighted(hit)
}

#[test]
fn a_country_finds_its_names_in_other_languages_and_scripts() {
    let tmp = fixture_dir();
    let found = docs(tmp.path(), "Germany");
    assert_eq!(found, ["de_bund.txt", "fr_otan.txt", "ru_nato.txt"], "{found:?}");
    assert!(marks(tmp.path(), "Germany", "de_bund.txt").contains(&"Deutschland".to_string()));
    assert!(marks(tmp.path(), "Germany", "fr_otan.txt").contains(&"Allemagne".to_string()));
    assert!(marks(tmp.path(), "Germany", "ru_nato.txt").contains(&"Германия".to_string()));
}

#[test]
fn an_organisation_finds_its_acronym_in_other_languages() {
    let tmp = fixture_dir();
    assert_eq!(docs(tmp.path(), "NATO"), ["fr_otan.txt", "ru_nato.txt"]);
    assert_eq!(docs(tmp.path(), "НАТО"), ["fr_otan.txt", "ru_nato.txt"]);
    assert!(marks(tmp.path(), "NATO", "fr_otan.txt").contains(&"OTAN".to_string()));
    // A possessive or an elided article does not hide the name.
    for query in ["NATO's", "l'OTAN", "l’OTAN"] {
        assert_eq!(docs(tmp.path(), query), ["fr_otan.txt", "ru_nato.txt"], "{query}");
    }
    assert_eq!(docs(tmp.path(), "d'Allemagne"), ["de_bund.txt", "fr_otan.txt", "ru_nato.txt"]);
}

#[test]
fn a_city_finds_its_native_spelling_and_the_old_one() {
    let tmp = fixture_dir();
    for query in ["Kyiv", "Kiev", "Kiew"] {
        assert_eq!(docs(tmp.path(), query), ["uk_kyiv.txt"], "{query}");
    }
    assert!(marks(tmp.path(), "Kyiv", "uk_kyiv.txt").contains(&"Київ".to_string()));
}

#[test]
fn a_lower_case_common_word_is_not_a_name() {
    let tmp = fixture_dir();
    // "chad" is a word; capitalised it names the country (Tchad, Tschad): neither is in
    // the fixtures, so both find nothing, but "turkey" must not pull in "Türkei".
    write(
        tmp.path(),
        "docs/de_tuerkei.txt",
        "Die Türkei hat ihre Grenze zu Syrien geschlossen, \
        meldete die Regierung in Ankara am Abend."
            .as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    assert!(docs(tmp.path(), "turkey").is_empty());
    assert_eq!(docs(tmp.path(), "Turkey"), ["de_tuerkei.txt"]);
}

#[test]
fn spelling_variants_meet() {
    let tmp = fixture_dir();
    for query in ["defence", "ceasefire", "cease-fire", "S400", "S-400", "F-16", "F16"] {
        assert_eq!(docs(tmp.path(), query), ["en_us.txt"], "{query}");
    }
    assert!(marks(tmp.path(), "defence", "en_us.txt").contains(&"Defense".to_string()));
    assert!(marks(tmp.path(), "ceasefire", "en_us.txt").contains(&"cease-fire".to_string()));
    assert!(marks(tmp.path(), "S400", "en_us.txt").contains(&"S-400".to_string()));
}

#[test]
fn a_final_accent_does_not_hide_a_name() {
    let tmp = fixture_dir();
    // Lower case, so not expanded as a name: only analysis can make `mali` meet `Malí`.
    assert_eq!(docs(tmp.path(), "mali"), ["es_mali.txt"]);
    assert_eq!(docs(tmp.path(), "Mali"), ["es_mali.txt"]);
}

#[test]
fn a_multi_word_name_finds_its_other_names() {
    let tmp = fixture_dir();
    write(
        tmp.path(),
        "docs/fr_mer.txt",
        "Des navires de guerre ont été aperçus en mer Noire près \
        des côtes, selon la marine, qui surveille la zone depuis des semaines."
            .as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "Black Sea"), ["fr_mer.txt"]);
    assert!(marks(tmp.path(), "Black Sea", "fr_mer.txt").contains(&"mer Noire".to_string()));
}

#[test]
fn a_ukrainian_name_is_found_in_any_case() {
    let tmp = fixture_dir();
    write(
        tmp.path(),
        "docs/uk_office.txt",
        "Офіс Зеленського повідомив, що переговори з партнерами щодо посилення \
        протиповітряної оборони країни тривають і будуть завершені найближчими тижнями."
            .as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "Зеленський"), ["uk_office.txt"]);
    assert_eq!(docs(tmp.path(), "Зеленському"), ["uk_office.txt"]);
    assert_eq!(docs(tmp.path(), "Zelensky"), ["uk_office.txt"], "the alias is stemmed as Ukrainian too");
    assert!(marks(tmp.path(), "Зеленський", "uk_office.txt").contains(&"Зеленського".to_string()));
    // Inflected common nouns meet as well: "оборона" finds "оборони" in both passages.
    assert_eq!(docs(tmp.path(), "оборона"), ["uk_kyiv.txt", "uk_office.txt"]);
}

/// A Ukrainian passage naming a place that the built-in table does not know.
fn with_plant() -> tempfile::TempDir {
    let tmp = fixture_dir();
    write(
        tmp.path(),
        "docs/uk_plant.txt",
        "Оборонці Азовсталі трималися майже три місяці, поки останні з них не вийшли \
        з укриттів заводу за домовленістю про евакуацію поранених."
            .as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    tmp
}

#[test]
fn an_aliases_file_in_the_index_folder_adds_names_without_rebuilding() {
    let tmp = with_plant();
    // A name no spelling of which is another's transliteration.
    assert!(docs(tmp.path(), "Steelworks").is_empty());
    write(tmp.path(), "index/aliases.tsv", "# a plant\nplace:Azovstal\tSteelworks\tАзовсталь\n".as_bytes());
    assert_eq!(docs(tmp.path(), "Steelworks"), ["uk_plant.txt"]);
    assert!(marks(tmp.path(), "Steelworks", "uk_plant.txt").contains(&"Азовсталі".to_string()));
}

#[test]
fn aliases_given_on_the_command_line_add_names() {
    let tmp = with_plant();
    write(tmp.path(), "mine.tsv", "Azovstal | Азовсталь\n".as_bytes());
    let hits = search_json(tmp.path(), &["Azovstal", "--aliases", "mine.tsv"]);
    assert_eq!(hits.iter().map(file_of).collect::<Vec<_>>(), ["uk_plant.txt"]);
    // A line the parser cannot read: exit 2, the file and line named.
    write(tmp.path(), "bad.tsv", "# fine\nlonely\n".as_bytes());
    let out = briefs(tmp.path()).args(["search", "Azovstal", "--aliases", "bad.tsv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv") && err.contains("line 2"), "{err}");
    let out = briefs(tmp.path()).args(["search", "Azovstal", "--aliases", "none.tsv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.tsv"));
}

/// Every JSON line of a search.
fn json_lines(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = briefs(dir).arg("search").args(args).arg("--json").output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn explain_says_which_names_matched() {
    let tmp = fixture_dir();
    let lines = json_lines(tmp.path(), &["Germany", "--explain"]);
    let explain = lines.iter().find(|l| l["type"] == "explain").expect("an explain line");
    let expansion = &explain["expansions"][0];
    assert_eq!(
        (expansion["word"].as_str(), expansion["entity"].as_str()),
        (Some("Germany"), Some("country:DE"))
    );
    let found: Vec<(String, String)> = expansion["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["lang"].as_str().unwrap().to_string()))
        .collect();
    for (name, lang) in [("Allemagne", "fr"), ("Deutschland", "de"), ("Германия", "ru")] {
        assert!(found.contains(&(name.to_string(), lang.to_string())), "{name} {lang}: {found:?}");
    }
    let hits: Vec<&Value> = lines.iter().filter(|l| l["type"] == "hit").collect();
    let french = hits.iter().find(|h| file_of(h) == "fr_otan.txt").unwrap();
    assert_eq!(french["matched_aliases"][0]["name"], "Allemagne");
    assert_eq!(french["matched_aliases"][0]["word"], "Germany");
    // Without --explain, neither the line nor the field.
    let plain = json_lines(tmp.path(), &["Germany"]);
    assert!(plain.iter().all(|l| l["type"] != "explain" && l.get("matched_aliases").is_none()));
}

#[test]
fn explain_in_the_standard_output() {
    let tmp = fixture_dir();
    let out = briefs(tmp.path()).args(["search", "Germany", "--explain"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("explain: Germany → country:DE"), "{text}");
    assert!(text.contains("Allemagne (fr 1)"), "{text}");
    assert!(text.contains("matched Deutschland for Germany"), "{text}");
    let out = briefs(tmp.path()).args(["search", "weather", "--explain"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("no word of the query names an entity"), "{text}");
    // The name as the passage spells it, not another spelling of the same key (`Kyïv`).
    write(tmp.path(), "docs/en_kyiv.txt", b"Explosions were heard in Kyiv overnight, officials said.");
    index(tmp.path(), &["docs"]);
    let out = briefs(tmp.path()).args(["search", "Kiev", "--explain"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("matched Kyiv for Kiev"), "{text}");
    // A spelling the table lists is explained once, not again as a hyphen variant.
    let out = briefs(tmp.path()).args(["search", "cease-fire", "--explain"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.matches("explain: cease-fire").count(), 1, "{text}");
}

#[test]
fn a_german_word_finds_the_compounds_it_begins_and_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let texts: [(&str, &str); 4] = [
        (
            "de_abwehr.txt",
            "Die Luftabwehr der Stadt schoss in der Nacht mehrere Drohnen ab, meldeten die \
             Behörden am Morgen. Über Schäden wurde zunächst nichts bekannt.",
        ),
        (
            "de_luft.txt",
            "Die Bundesregierung liefert weitere Luftverteidigungssysteme an die Ukraine, teilte \
             das Ministerium am Abend mit. Die Lieferung soll noch in diesem Monat beginnen.",
        ),
        (
            "de_wetter.txt",
            "Der Wetterdienst warnt vor starkem Regen in den nördlichen Tälern. Die Bauern sollen \
             ihr Vieh noch vor der Nacht auf höher gelegene Weiden bringen.",
        ),
        (
            "nl_lucht.txt",
            "De regering stuurt nieuwe luchtverdedigingssystemen naar het oosten van het land, \
             meldde het ministerie van Defensie dinsdagavond in een verklaring.",
        ),
    ];
    for (name, text) in texts {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "Luftverteidigung"), ["de_luft.txt"]);
    assert!(marks(tmp.path(), "Luftverteidigung", "de_luft.txt")
        .contains(&"Luftverteidigungssysteme".to_string()));
    assert_eq!(docs(tmp.path(), "luchtverdediging"), ["nl_lucht.txt"]);
    assert_eq!(docs(tmp.path(), "Abwehr"), ["de_abwehr.txt"], "a word finds the compounds it ends");
    assert!(marks(tmp.path(), "Abwehr", "de_abwehr.txt").contains(&"Luftabwehr".to_string()));
    // --explain lists the compounds searched, and each hit the one it holds.
    let out = briefs(tmp.path()).args(["search", "Abwehr", "--explain", "--json"]).output().unwrap();
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let explain = lines.iter().find(|l| l["type"] == "explain").unwrap();
    let compound = &explain["expansions"][0];
    assert_eq!(
        (&compound["word"], &compound["entity"]),
        (&"Abwehr".into(), &"compound:de".into()),
        "{explain}"
    );
    assert_eq!(compound["found"][0]["name"], "luftabwehr", "{explain}");
    assert_eq!(compound["found"][0]["passages"], 1, "{explain}");
    let hit = lines.iter().find(|l| l["type"] == "hit").unwrap();
    // Under the hit, as the passage spells it.
    assert_eq!(hit["matched_aliases"][0]["name"], "Luftabwehr", "{hit}");
}

#[test]
fn a_ukrainian_place_name_meets_its_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let texts: [(&str, &str); 2] = [
        (
            "uk_kyiv.txt",
            "Уночі у Києві лунали вибухи, повідомила міська військова адміністрація. Сили \
             протиповітряної оборони збили більшість дронів над містом.",
        ),
        (
            "uk_kharkiv.txt",
            "Біля Харкова тривають бої, повідомив Генеральний штаб. Російські війська \
             обстрілювали передмістя з артилерії протягом усього дня.",
        ),
    ];
    for (name, text) in texts {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    for query in ["Київ", "Kyiv", "Kiev"] {
        assert_eq!(docs(tmp.path(), query), ["uk_kyiv.txt"], "{query}");
    }
    assert_eq!(docs(tmp.path(), "Харкова"), ["uk_kharkiv.txt"]);
    assert!(marks(tmp.path(), "Kyiv", "uk_kyiv.txt").contains(&"Києві".to_string()));
}

#[test]
fn the_other_names_of_a_word_are_not_near_it_for_proximity() {
    // The words of an other name stand side by side; they stand for one query word,
    // so the passage holding the typed name ranks first.
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "docs/a_long.txt",
        b"Ministers of the North Atlantic Treaty Organization met in Brussels on Tuesday to discuss the budget.\n",
    );
    write(
        tmp.path(),
        "docs/b_short.txt",
        b"Ministers of NATO met in Brussels on Tuesday to discuss the budget for the coming year.\n",
    );
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["NATO"]);
    let ranked: Vec<String> = hits.iter().map(file_of).collect();
    assert_eq!(ranked, ["b_short.txt", "a_long.txt"], "{hits:?}");
}

/// Briefs in four languages where acronyms that are common words (`UN`, `WHO`, `AU`)
/// stand beside the words they spell (French and Spanish `un`, English `who`, French
/// `au`).
fn acronyms_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let files: [(&str, &str); 6] = [
        ("en_un.txt", "The UN Security Council met on Tuesday to discuss the ceasefire in the region."),
        ("en_who.txt", "Who will lead the mission remains unclear, officials said after the meeting."),
        ("en_health.txt", "The WHO warned of a cholera outbreak in the camps along the border."),
        (
            "fr_accord.txt",
            "Le président a signé un accord avec un partenaire régional au sujet des frontières.",
        ),
        ("fr_onu.txt", "L'ONU a condamné l'attaque contre la mission de maintien de la paix au Mali."),
        (
            "es_acuerdo.txt",
            "El gobierno firmó un acuerdo de cooperación con la Unión Africana sobre seguridad.",
        ),
    ];
    for (name, text) in files {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    tmp
}

#[test]
fn an_acronym_that_is_a_common_word_is_found_only_in_capitals() {
    let tmp = acronyms_dir();
    let dir = tmp.path();
    // The acronym as typed, and under its other names (ONU), never the word `un`.
    assert_eq!(docs(dir, "UN"), ["en_un.txt", "fr_onu.txt"]);
    assert_eq!(docs(dir, "WHO"), ["en_health.txt"]);
    assert_eq!(marks(dir, "UN", "en_un.txt"), ["UN"]);
    // Its other names find it written in capitals in another language.
    assert_eq!(docs(dir, "ONU"), ["en_un.txt", "fr_onu.txt"]);
    assert_eq!(docs(dir, "World Health Organization"), ["en_health.txt"]);
    // The word as a word is still a word, and capitals typed with caps lock on say
    // nothing about case.
    assert!(docs(dir, "who will lead").contains(&"en_who.txt".to_string()));
    assert!(docs(dir, "WHO WILL LEAD").contains(&"en_who.txt".to_string()));
    // `AU` is the African Union (Unión Africana), not French `au`.
    assert_eq!(docs(dir, "AU"), ["es_acuerdo.txt"]);
    // An acronym that is a stop word somewhere (`IT`, English `it`) likewise.
    write(dir, "docs/en_it.txt", b"The IT department restored the servers after it was attacked overnight.");
    write(dir, "docs/en_its.txt", b"It was late when the convoy reached its base near the river.");
    index(dir, &["docs"]);
    assert_eq!(docs(dir, "IT"), ["en_it.txt"]);
    // An acronym that is a word in another language only (Italian `nato`) is not held
    // to capitals in English.
    write(dir, "docs/en_nato.txt", b"Nato allies agreed to send more air defence to the east.");
    index(dir, &["docs"]);
    assert!(docs(dir, "NATO").contains(&"en_nato.txt".to_string()));
    // A short acronym is some name or word written as a name in every language: `UN` is
    // not Kim Jong Un, nor `EU` a name that reads `Eu`.
    write(dir, "docs/en_kim.txt", b"Kim Jong Un sent troops to the Kursk region, South Korean intelligence said. ICC prosecutor Karim Khan requested new warrants.");
    index(dir, &["docs"]);
    assert_eq!(docs(dir, "UN"), ["en_un.txt", "fr_onu.txt"]);
    assert_eq!(marks(dir, "UN troops", "en_kim.txt"), ["troops"], "its `Un` is not highlighted either");
    // With caps lock on, stop words are stop words: `THE` and `IN` find nothing more.
    assert_eq!(docs(dir, "WHO WILL LEAD THE"), docs(dir, "who will lead the"));
    // Three acronyms, every one a name, are not caps lock: `WHO` stays the WHO.
    let found = docs(dir, "UN WHO AU");
    assert!(found.contains(&"en_health.txt".to_string()), "{found:?}");
    assert!(!found.contains(&"fr_accord.txt".to_string()), "{found:?}");
}

#[test]
fn an_excluded_acronym_leaves_the_common_word_alone() {
    let tmp = acronyms_dir();
    let found = docs(tmp.path(), "accord -UN");
    assert_eq!(found, ["fr_accord.txt"], "{found:?}");
    // An excluded stop word was typed to be excluded.
    assert!(docs(tmp.path(), "accord -un").is_empty());
}

#[test]
fn a_name_of_several_words_is_searched_as_the_name() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "docs/a_baltic.txt",
        b"The Baltic states moved armoured units to the border and united their air defence.\n",
    );
    write(
        tmp.path(),
        "docs/b_us.txt",
        b"The United States announced a new aid package for the region on Monday.\n",
    );
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["United States"]);
    assert_eq!(hits.iter().map(file_of).collect::<Vec<_>>(), ["b_us.txt"], "{hits:?}");
}

#[test]
fn a_german_compound_finds_the_words_it_is_made_of() {
    let tmp = tempfile::tempdir().unwrap();
    let texts: [(&str, &str); 3] = [
        (
            "de_system.txt",
            "Das neue System soll die Luftverteidigung der Hauptstadt stärken, sagte der Minister \
             am Dienstag nach der Sitzung des Kabinetts.",
        ),
        (
            "de_wetter.txt",
            "Der Wetterdienst warnt vor starkem Regen in den nördlichen Tälern. Die Bauern sollen \
             ihr Vieh noch vor der Nacht auf höher gelegene Weiden bringen.",
        ),
        (
            "en_system.txt",
            "The new air defence system was delivered to the capital on Tuesday, the ministry said.",
        ),
    ];
    for (name, text) in texts {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    // No passage holds the compound; the German one holds both its words.
    let hits = search_json(tmp.path(), &["Luftverteidigungssystem"]);
    assert_eq!(hits.first().map(file_of).as_deref(), Some("de_system.txt"), "{hits:?}");
    let marked = marks(tmp.path(), "Luftverteidigungssystem", "de_system.txt");
    assert!(
        marked.contains(&"System".to_string()) && marked.contains(&"Luftverteidigung".to_string()),
        "{marked:?}"
    );
    assert!(docs(tmp.path(), "Wetterbericht").iter().all(|d| d != "de_system.txt"));
    // A stop word is no part: `understand` is not `und` + `Stand`.
    write(
        tmp.path(),
        "docs/de_stand.txt",
        "Der Stand der Dinge und die Lage an der Grenze wurden erörtert.".as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    assert!(docs(tmp.path(), "understand").is_empty());
}

#[test]
fn a_declined_russian_or_ukrainian_name_finds_the_other_names() {
    let tmp = fixture_dir();
    // Genitive (ru) and locative (uk) forms: the table holds Германия and Німеччина.
    for query in ["Германии", "Німеччині"] {
        let found = docs(tmp.path(), query);
        assert_eq!(found, ["de_bund.txt", "fr_otan.txt", "ru_nato.txt"], "{query}: {found:?}");
    }
    assert!(marks(tmp.path(), "Германии", "fr_otan.txt").contains(&"Allemagne".to_string()));
}

#[test]
fn declined_names_the_stemmer_cuts_too_far_and_names_of_two_words() {
    let tmp = indexed_docs(&[
        ("en_cn.txt", "China and Egypt signed a new arms agreement in Cairo on Monday, officials said."),
        ("fr_cn.txt", "La Chine a livré des drones à l'armée égyptienne, selon le ministère."),
        ("en_us.txt", "The United States moved two destroyers to the eastern Mediterranean this week."),
        ("de_us.txt", "Die Vereinigten Staaten haben zwei Zerstörer ins östliche Mittelmeer verlegt."),
        ("en_other.txt", "The weather service warned of heavy rain across the northern valleys overnight."),
    ]);
    // `Китая` stems as `кит` (a whale); `Египта` drops the `е` of `Египет`.
    assert_eq!(docs(tmp.path(), "Китая"), ["en_cn.txt", "fr_cn.txt"]);
    assert_eq!(docs(tmp.path(), "Египта"), ["en_cn.txt"]);
    for query in ["Соединённых Штатов", "Сполучених Штатів"] {
        assert_eq!(docs(tmp.path(), query), ["de_us.txt", "en_us.txt"], "{query}");
    }
    assert!(marks(tmp.path(), "Соединённых Штатов", "en_us.txt").contains(&"United States".to_string()));
}

#[test]
fn a_hyphenated_name_is_its_tokens_together_even_with_a_stop_word_among_them() {
    let tmp = indexed_docs(&[
        ("troops.txt", "About 400 troops from the Estonian Defence Forces joined the exercise."),
        ("s400.txt", "The S-400 batteries were moved to Crimea overnight."),
        ("s400b.txt", "Turkey bought S400 missiles from Russia despite objections."),
    ]);
    // `s` alone is an English stop word: `S-400` is still not `400`.
    assert_eq!(docs(tmp.path(), "S-400"), ["s400.txt", "s400b.txt"]);
    assert_eq!(marks(tmp.path(), "S-400", "s400.txt"), ["S-400"]);
    // An elided article is no part of a phrase: `l'armée` is `armée`, however written.
    write(tmp.path(), "docs/fr1.txt", "Les soldats de l’armée ont reculé vers le nord.".as_bytes());
    write(tmp.path(), "docs/fr2.txt", "L'armée a annoncé un nouveau recrutement.".as_bytes());
    write(tmp.path(), "docs/fr3.txt", "Une armée mieux équipée défendra la frontière.".as_bytes());
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "l'armée"), ["fr1.txt", "fr2.txt", "fr3.txt"]);
}

#[test]
fn a_name_finds_its_declined_forms_in_russian_text() {
    let tmp = indexed_docs(&[
        (
            "ru_kyiv.txt",
            "В Киеве прошли переговоры министров обороны.\n\nМэр Киева заявил о новых атаках на город.",
        ),
        ("ru_whale.txt", "Учёные заметили огромного кита у побережья, и киты часто появляются здесь летом."),
        ("ru_china.txt", "Позиция Китая не изменилась, заявил представитель министерства."),
        ("en.txt", "The weather service warned of heavy rain across the northern valleys."),
    ]);
    // Snowball cuts `Киев` to `ки` and `Киеве` to `киев`: the declined forms find it.
    for query in ["Kyiv", "Киев", "Kiev"] {
        assert_eq!(search_json(tmp.path(), &[query]).len(), 2, "{query}");
    }
    // It cuts `Китая` to `кит`, a whale's stem: that stem counts only where capitalised.
    for query in ["China", "Китай"] {
        assert_eq!(docs(tmp.path(), query), ["ru_china.txt"], "{query}");
    }
    assert_eq!(marks(tmp.path(), "China", "ru_china.txt"), ["Китая"]);
}

#[test]
fn a_name_that_is_a_common_word_is_found_where_capitalised() {
    let tmp = indexed_docs(&[
        ("dinner.txt", "For the holiday they served roast turkey on a fine china plate."),
        ("tr.txt", "Turkey's parliament approved the accession protocol after a long debate."),
        ("cn.txt", "China and Russia held joint naval drills in the Sea of Japan."),
        ("headline.txt", "TURKEY CLOSES THE STRAITS TO WARSHIPS"),
    ]);
    // Typed capitalised, or searched as another name, the country is not the bird; a
    // headline in capitals names it too.
    for (query, file) in
        [("Турция", "tr.txt"), ("Türkei", "tr.txt"), ("Turkey", "tr.txt"), ("Китай", "cn.txt")]
    {
        let found = docs(tmp.path(), query);
        assert!(
            found.contains(&file.to_string()) && !found.contains(&"dinner.txt".to_string()),
            "{query}: {found:?}"
        );
    }
    assert_eq!(docs(tmp.path(), "Turkey"), ["headline.txt", "tr.txt"]);
    assert_eq!(marks(tmp.path(), "Турция", "tr.txt"), ["Turkey"]);
    // Typed in lower case, the word is the word.
    assert!(docs(tmp.path(), "turkey").contains(&"dinner.txt".to_string()));
    assert!(docs(tmp.path(), "china plate").contains(&"dinner.txt".to_string()));
}

#[test]
fn polish_is_stemmed_and_its_declined_names_name_their_entity() {
    let tmp = indexed_docs(&[
        ("pl.txt", "Rosja przerzuciła nowe oddziały w pobliże Kijowa, poinformowało ministerstwo obrony."),
        ("en.txt", "Russia moved new troops near Kyiv, the defence ministry said on Monday."),
        ("other.txt", "The weather service warned of heavy rain across the northern valleys."),
    ]);
    assert_eq!(docs(tmp.path(), "ministerstwa"), ["pl.txt"]);
    for query in ["Rosji", "Kijowem", "Kyiv"] {
        assert_eq!(docs(tmp.path(), query), ["en.txt", "pl.txt"], "{query}");
    }
    // A plural country name declines irregularly: `Niemcy`, `z Niemiec`, `w Niemczech`.
    let germany = indexed_docs(&[
        ("gen.txt", "Minister spotkał się z przedstawicielami Niemiec w Warszawie."),
        ("loc.txt", "Żołnierze ćwiczyli w Niemczech przez dwa tygodnie."),
        ("en.txt", "The minister met German officials in Warsaw."),
    ]);
    assert_eq!(docs(germany.path(), "Germany"), ["gen.txt", "loc.txt"]);
}

#[test]
fn a_name_finds_its_german_genitive() {
    let tmp = indexed_docs(&[
        ("de_kyiv.txt", "Kiews Bürgermeister warnte vor neuen Angriffen auf die Stadt."),
        ("de_cn.txt", "Chinas Außenminister reiste am Montag nach Berlin."),
        ("en.txt", "The weather service warned of heavy rain across the northern valleys."),
    ]);
    // Snowball strips a German `-s` only after some letters: not after `w` or `a`.
    assert_eq!(docs(tmp.path(), "Kyiv"), ["de_kyiv.txt"]);
    assert_eq!(docs(tmp.path(), "China"), ["de_cn.txt"]);
    assert_eq!(marks(tmp.path(), "Kyiv", "de_kyiv.txt"), ["Kiews"]);
}

#[test]
fn a_name_inside_a_phrase_finds_its_other_names() {
    let tmp = fixture_dir();
    let dir = tmp.path();
    assert_eq!(docs(dir, "\"Department of Defence\""), ["en_us.txt"]);
    assert_eq!(marks(dir, "\"Department of Defence\"", "en_us.txt"), ["Department of Defense"]);
    assert_eq!(docs(dir, "\"расширение NATO\""), ["ru_nato.txt"]);
    // Still a phrase: the other name must stand where the typed one stood.
    assert!(docs(dir, "\"NATO угрожает расширение\"").is_empty());
}

#[test]
fn a_name_no_passage_spells_so_finds_the_spelling_one_letter_away() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "docs/a.txt", b"The commander Syrotenko inspected the new brigade on Friday.\n");
    write(tmp.path(), "docs/b.txt", b"General Moskalenko inspected the brigade on Friday morning.\n");
    write(tmp.path(), "docs/c.txt", b"General Moskalenco visited the depot on Monday, the army said.\n");
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "Sirotenko"), ["a.txt"]);
    assert_eq!(marks(tmp.path(), "Sirotenko", "a.txt"), ["Syrotenko"]);
    // Not for a stop word (German `Dieser` is one letter from nothing but `dies` and
    // `die` are near) nor a lower-case word. A spelling the passages hold finds its
    // other transliterations by their name key (weaker), not by the letter away.
    write(tmp.path(), "docs/d.txt", b"Die Brigade erreichte die Stadt am Abend, meldete die Armee.\n");
    index(tmp.path(), &["docs"]);
    assert!(docs(tmp.path(), "Dieser").is_empty());
    assert!(docs(tmp.path(), "sirotenko").is_empty());
    assert_eq!(docs(tmp.path(), "Moskalenco"), ["b.txt", "c.txt"]);
}

#[test]
fn an_acronym_is_not_stemmed_into_a_stop_word() {
    // English stemming cuts `AED` to `a`, `ONS` to `on` and `IEDs` to `i`.
    let tmp = indexed_docs(&[
        ("eda.txt", "The AED and the ONS published figures on Monday."),
        ("ied.txt", "Several IEDs were defused near the road."),
        ("other.txt", "I was told a report on the army came out on Tuesday."),
    ]);
    for (query, file) in [("AED", "eda.txt"), ("ONS", "eda.txt"), ("IEDs", "ied.txt")] {
        let found: Vec<String> = search_json(tmp.path(), &[query]).iter().map(file_of).collect();
        assert_eq!(found, [file], "{query}");
    }
}

#[test]
fn a_designation_finds_its_spellings_typed_apart_or_in_a_phrase() {
    let tmp = indexed_docs(&[
        ("hyphen.txt", "Podoliak said units needed more S-300 missiles and T-90M tanks."),
        ("joined.txt", "Russia moved S300 batteries and T90M tanks toward the front."),
        ("spaced.txt", "Russian S 300 systems were seen near the river."),
        ("numbers.txt", "About 300 soldiers and 90 trucks were moved to the border."),
    ]);
    let files = |q: &str| -> Vec<String> {
        let mut found: Vec<String> = search_json(tmp.path(), &[q]).iter().map(file_of).collect();
        found.sort();
        found
    };
    assert_eq!(files("S 300"), ["hyphen.txt", "joined.txt", "spaced.txt"]);
    assert_eq!(files("T90M"), ["hyphen.txt", "joined.txt"]);
    assert_eq!(files("\"S-300 batteries\""), ["joined.txt"]);
    assert_eq!(files("\"S 300 batteries\""), ["joined.txt"]);
}

#[test]
fn a_designation_is_not_its_letters_and_number_written_apart() {
    let tmp = indexed_docs(&[
        ("s300.txt", "Russia moved an S-300 battery to Crimea, officials said."),
        ("us.txt", "The U.S. 300 million aid package was approved by Congress."),
        ("its.txt", "It's 300m long, the bridge the convoy crossed."),
        ("a50.txt", "An A-50 radar aircraft was reported destroyed over the Sea of Azov."),
        ("km.txt", "A 50 km exclusion zone was declared around the plant."),
        ("an26.txt", "Ukraine received An-26 transport aircraft from a partner."),
        ("age.txt", "An 26-year-old soldier was wounded near the front line."),
    ]);
    assert_eq!(docs(tmp.path(), "S-300"), ["s300.txt"]);
    assert_eq!(docs(tmp.path(), "S 300"), ["s300.txt"]);
    assert_eq!(docs(tmp.path(), "A-50"), ["a50.txt"]);
    assert_eq!(docs(tmp.path(), "An-26"), ["an26.txt"]);
    assert_eq!(docs(tmp.path(), "\"S-300 battery\""), ["s300.txt"]);
    // The numbers alone still find every passage that holds them.
    assert_eq!(docs(tmp.path(), "300"), ["s300.txt", "us.txt"]);
}

#[test]
fn a_town_declined_with_a_softened_consonant_or_vowel_names_it() {
    let tmp = indexed_docs(&[
        (
            "en.txt",
            "Ukrainian troops left Avdiivka in February and held Mykolaiv and Vuhledar after Bakhmut.",
        ),
        ("ru.txt", "Российские войска заняли Угледар после долгих боёв, сообщило министерство."),
        ("other.txt", "The troops rested near the river for a week before moving on."),
    ]);
    for query in ["Авдіївці", "Awdijiwce"] {
        assert_eq!(docs(tmp.path(), query), ["en.txt"], "{query}");
    }
    assert_eq!(docs(tmp.path(), "Миколаєві"), ["en.txt"]);
    assert_eq!(docs(tmp.path(), "Вугледар"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "Bachmucie"), ["en.txt"]);
}

#[test]
fn a_weapon_system_is_found_under_its_names_in_both_scripts() {
    let tmp = indexed_docs(&[
        ("en.txt", "The United States sent more HIMARS launchers and ATACMS missiles to Ukraine."),
        ("ru.txt", "Минобороны сообщило об уничтожении пусковой установки ХИМАРС под Харьковом."),
        ("uk.txt", "Сили ППО збили ракету Кінджал над Києвом, повідомили у Повітряних силах."),
        ("fr.txt", "La défense aérienne a abattu un missile Kinjal au-dessus de Kyiv."),
        ("other.txt", "The launchers were moved to a new base near the river."),
    ]);
    assert_eq!(docs(tmp.path(), "HIMARS"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "ХИМАРС"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "Kinzhal"), ["fr.txt", "uk.txt"]);
}

#[test]
fn a_designation_in_the_plural_is_the_designation() {
    let tmp = indexed_docs(&[
        ("hyphen.txt", "The Netherlands delivered six F-16 fighter jets to Ukraine in May."),
        ("joined.txt", "Kyiv asked for more F16s before the winter, the minister said."),
        ("plural.txt", "Pilots trained on F-16s in Denmark for several months."),
        ("other.txt", "Some 16 aircraft were seen over the base on Monday."),
    ]);
    for query in ["F-16", "F-16s", "F16s", "F 16"] {
        assert_eq!(docs(tmp.path(), query), ["hyphen.txt", "joined.txt", "plural.txt"], "{query}");
    }
}

#[test]
fn a_ukrainian_word_is_one_word_whichever_apostrophe_it_is_written_with() {
    let tmp = indexed_docs(&[
        ("ascii.txt", "Ворог обстріляв Слов'янськ уночі, пошкоджено п'ять будинків."),
        ("right.txt", "У Слов\u{2019}янську працюють рятувальники вже третю добу."),
        ("modifier.txt", "Місто Слов\u{02BC}янськ знову під обстрілом, повідомляє ОВА."),
    ]);
    for query in ["Слов'янськ", "Слов\u{02BC}янськ", "Слов\u{2019}янськ"] {
        let mut found: Vec<String> = search_json(tmp.path(), &[query]).iter().map(file_of).collect();
        found.sort();
        assert_eq!(found, ["ascii.txt", "modifier.txt", "right.txt"], "{query}");
    }
}

#[test]
fn a_name_the_table_lacks_finds_its_other_transliterations_and_scripts() {
    let tmp = indexed_docs(&[
        ("en.txt", "General Surovikin was seen in Moscow for the first time in months."),
        ("pl.txt", "Generał Surowikin pojawił się w Moskwie po raz pierwszy od miesięcy."),
        ("fr.txt", "Le général Sourovikine est apparu à Moscou pour la première fois."),
        ("ru.txt", "Генерал Суровикин впервые за несколько месяцев появился в Москве."),
        ("other.txt", "The surveyors visited the old fort near the river on Sunday."),
    ]);
    let found = docs(tmp.path(), "Surovikin");
    assert_eq!(found, ["en.txt", "fr.txt", "pl.txt", "ru.txt"]);
    // `--explain` names the spelling each hit matched.
    let hits = search_json(tmp.path(), &["Surovikin", "--explain"]);
    let ru = hits.iter().find(|h| file_of(h) == "ru.txt").unwrap();
    assert_eq!(ru["matched_aliases"][0]["name"], "Суровикин", "{ru}");
    assert_eq!(marks(tmp.path(), "Surovikin", "ru.txt"), ["Суровикин"]);
    // The spelling typed ranks first.
    let hits = search_json(tmp.path(), &["Surowikin"]);
    assert_eq!(file_of(&hits[0]), "pl.txt");
}

#[test]
fn a_common_word_capitalised_pulls_no_word_spelled_alike() {
    // `Vater` and `Water` share a name key; `water` is a common English word.
    let tmp = indexed_docs(&[
        (
            "water.txt",
            "Water supplies ran low. Drinking water was brought in by truck, and water tanks were filled.",
        ),
        ("vater.txt", "Der Vater des Soldaten wartete am Bahnhof auf den Zug aus Kyjiw."),
        ("boris.txt", "Boris Johnson visited Kyiv again in the spring."),
        ("brian.txt", "Brian Taylor and Bryan Jones met the minister in London."),
        ("борис.txt", "Борис Джонсон снова посетил Киев весной."),
    ]);
    assert_eq!(docs(tmp.path(), "Vater"), ["vater.txt"]);
    // English cuts `Branning` to `bran`, whose key is `Brian`'s: a stem so short has none.
    assert!(docs(tmp.path(), "Branning").is_empty());
    // A name the English stemmer cuts (`Boris` is `bori`) still meets its Cyrillic form.
    assert_eq!(docs(tmp.path(), "Борис"), ["boris.txt", "борис.txt"]);
}

#[test]
fn a_name_the_table_knows_also_finds_spellings_it_lacks() {
    // The table has Russian `Умеров`; Ukrainian briefs write `Умєров`.
    let tmp = indexed_docs(&[
        ("uk.txt", "Міністр оборони Рустем Умєров провів переговори з партнерами у Брюсселі."),
        ("en.txt", "Defence Minister Rustem Umerov held talks with partners in Brussels."),
        ("de.txt", "Verteidigungsminister Rustem Umerow führte Gespräche mit Partnern in Brüssel."),
        ("other.txt", "The ministry held talks with its partners in Warsaw on Monday."),
    ]);
    assert_eq!(docs(tmp.path(), "Umerov"), ["de.txt", "en.txt", "uk.txt"]);
    assert_eq!(marks(tmp.path(), "Umerov", "uk.txt"), ["Умєров"]);
    assert_eq!(docs(tmp.path(), "Умєров"), ["de.txt", "en.txt", "uk.txt"]);
}

#[test]
fn an_h_written_as_cyrillic_kh_meets_its_latin_spelling() {
    // Russian and Ukrainian write `х` for the `h` of Persian and Arabic names.
    let tmp = indexed_docs(&[
        ("en.txt", "Russia launched dozens of Shahed drones at Odesa overnight, the air force said."),
        ("uk.txt", "Росія атакувала Одесу ударними дронами Шахед уночі, повідомили Повітряні сили."),
        ("ru.txt", "Россия атаковала Одессу дронами Шахед ночью, сообщили в штабе."),
        ("other.txt", "The harbour at Odesa was closed for repairs after the storm."),
    ]);
    assert_eq!(docs(tmp.path(), "Shahed"), ["en.txt", "ru.txt", "uk.txt"]);
    assert_eq!(docs(tmp.path(), "Шахед"), ["en.txt", "ru.txt", "uk.txt"]);
}

#[test]
fn a_designation_finds_its_spelling_in_the_other_script() {
    let tmp = indexed_docs(&[
        ("ru.txt", "Российские войска развернули комплексы С-300 под Белгородом, а Су-35 патрулируют небо."),
        ("uk.txt", "Сили ППО збили ракету Х-101 та два гелікоптери Ка-52 над Херсонщиною."),
        ("en.txt", "Satellite images show S-300 batteries near Belgorod and Su-35 jets on patrol."),
        ("fr.txt", "La défense aérienne a abattu un missile Kh-101 et deux Ka-52 près de Kherson."),
        ("other.txt", "Some 300 soldiers and 35 vehicles crossed the river near Belgorod."),
    ]);
    assert_eq!(docs(tmp.path(), "S-300"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "С-300"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "С 300"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "Su35"), ["en.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "Kh-101"), ["fr.txt", "uk.txt"]);
    assert_eq!(docs(tmp.path(), "Ка-52"), ["fr.txt", "uk.txt"]);
    assert_eq!(marks(tmp.path(), "S-300", "ru.txt"), ["С-300"]);
    // An exclusion typed as two words leaves out the designation, in both scripts.
    assert_eq!(docs(tmp.path(), "Belgorod -S 300"), ["other.txt"]);
    // The spelling typed ranks first.
    assert_eq!(file_of(&search_json(tmp.path(), &["С-300"])[0]), "ru.txt");
}

#[test]
fn a_german_noun_is_not_a_name_one_letter_away() {
    // German capitalises every noun: `Truppe` is no misspelt `Gruppe`.
    let tmp = indexed_docs(&[
        ("de.txt", "Eine Gruppe von Soldaten wurde an die Grenze verlegt, meldete die Armee."),
        ("en.txt", "The commander Syrotenko inspected the new brigade on Friday."),
    ]);
    assert!(docs(tmp.path(), "Truppe").is_empty());
    assert_eq!(docs(tmp.path(), "Sirotenko"), ["en.txt"]);
    // Nor `Vater` (stemmed `vat`) a spelling of the `Water` a sentence starts with.
    let water = indexed_docs(&[
        ("en.txt", "Gaza. Water shortages worsened after the strikes, aid groups said."),
        ("de.txt", "Hamburg. Ein Vater und sein Sohn wurden wegen Spionage verhaftet."),
    ]);
    assert_eq!(docs(water.path(), "Water"), ["en.txt"]);
}

#[test]
fn a_title_query_finds_the_other_names_and_takes_a_group() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "docs/fr.md",
        "# Visite du ministre à Kiev\n\nLe ministre est arrivé pour discuter de l'aide.\n".as_bytes(),
    );
    write(tmp.path(), "docs/uk.md", "# Київ і Варшава домовилися\n\nМіністри підписали угоду.\n".as_bytes());
    write(
        tmp.path(),
        "docs/de.md",
        "# Besuch in Warschau\n\nDer Minister kam nach Kyjiw und dann nach Warschau.\n".as_bytes(),
    );
    write(
        tmp.path(),
        "docs/en.md",
        "# Talks in Brussels\n\nThe minister met his partners in Brussels.\n".as_bytes(),
    );
    index(tmp.path(), &["docs"]);
    // In titles only: `de.md` names Kyiv in its text.
    assert_eq!(docs(tmp.path(), "title:Kyiv"), ["fr.md", "uk.md"]);
    assert_eq!(docs(tmp.path(), "title:(Kyiv OR Brussels)"), ["en.md", "fr.md", "uk.md"]);
    assert_eq!(docs(tmp.path(), "minister -title:(Kyiv OR Brussels)"), ["de.md"]);
    let lines = json_lines(tmp.path(), &["title:Kyiv", "--explain"]);
    assert!(lines.iter().any(|l| l.to_string().contains("city:Kyiv")), "{lines:?}");
}

#[test]
fn a_title_query_finds_the_other_names_declined() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "uk.md",
            "# Зеленський у Києві

Президент провів зустріч з міністрами.
",
        ),
        (
            "ru.md",
            "# Визит в Германию

Министр обсудил поставки оружия.
",
        ),
        (
            "de.md",
            "# Deutschlands Rolle in Europa

Der Kanzler sprach über die Hilfe.
",
        ),
        (
            "en.md",
            "# Talks in Brussels

The minister met his partners in Brussels.
",
        ),
    ] {
        write(tmp.path(), &format!("docs/{name}"), text.as_bytes());
    }
    index(tmp.path(), &["docs"]);
    assert_eq!(docs(tmp.path(), "title:Kyiv"), ["uk.md"]);
    assert_eq!(docs(tmp.path(), "title:Germany"), ["de.md", "ru.md"]);
}

#[test]
fn a_declined_name_the_table_lacks_finds_its_other_scripts() {
    let tmp = indexed_docs(&[
        ("en.txt", "General Kovalchuk inspected the brigade near Kupiansk on Friday, officials said."),
        ("pl.txt", "Generał Kowalczuk odwiedził w piątek brygadę pod Kupiańskiem, podali urzędnicy."),
        ("ru.txt", "Генерал Ковальчук в пятницу посетил бригаду под Купянском, сообщили чиновники."),
        ("en_gov.txt", "Governor Synehubov said two people were wounded in the shelling overnight."),
        ("uk_gov.txt", "Голова ОВА Олег Синєгубов повідомив про двох поранених унаслідок обстрілу."),
        ("other.txt", "The brigade rested near the river for a week before moving on."),
    ]);
    // Declined in Russian or Polish, the name keeps its key in every field.
    assert_eq!(docs(tmp.path(), "Ковальчука"), ["en.txt", "pl.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "Kowalczuka"), ["en.txt", "pl.txt", "ru.txt"]);
    // Russian `г` is `g`, Ukrainian `г` is `h`.
    assert_eq!(docs(tmp.path(), "Синегубов"), ["en_gov.txt", "uk_gov.txt"]);
    assert_eq!(docs(tmp.path(), "Sinegubov"), ["en_gov.txt", "uk_gov.txt"]);
}

#[test]
fn a_designation_finds_its_lettered_variants_and_plurals() {
    let tmp = indexed_docs(&[
        ("plural.txt", "Ukraine received more F-16s, and the S-300s were moved east."),
        ("variants.txt", "The T-90M tanks and Tu-95MS bombers were seen near Engels."),
        ("ru.txt", "Комплексы С-300В4 переброшены под Белгород, сообщили источники."),
        ("kh.txt", "The Kh-101 missile was shot down over the capital."),
        ("other.txt", "It is 300m from the river, 16th in line; the F-35 and T-80 stayed."),
    ]);
    assert_eq!(docs(tmp.path(), "F-16"), ["plural.txt"]);
    assert_eq!(docs(tmp.path(), "T-90"), ["variants.txt"]);
    assert_eq!(docs(tmp.path(), "Tu-95"), ["variants.txt"]);
    assert_eq!(docs(tmp.path(), "S-300"), ["plural.txt", "ru.txt"]);
    assert_eq!(docs(tmp.path(), "s-300"), ["plural.txt", "ru.txt"]);
    // `X-101` is how many write Russian `Х-101` in Latin letters.
    assert_eq!(docs(tmp.path(), "X-101"), ["kh.txt"]);
    assert_eq!(marks(tmp.path(), "T-90", "variants.txt"), ["T-90M"]);
}

#[test]
fn a_city_finds_its_declined_forms_in_ukrainian_and_polish() {
    let mut files: Vec<(String, String)> = (0..5)
        .map(|i| {
            (format!("uk{i}.txt"), format!("Ворог атакував область дронами вночі, повідомили в ОВА ({i})."))
        })
        .collect();
    files.extend(
        [
            ("uk_kharkiv.txt", "У Харкові знову лунали вибухи після атаки дронів."),
            ("uk_lviv.txt", "У Львові пролунали вибухи після атаки дронів."),
            ("pl_kharkiv.txt", "W Charkowie zginęły dwie osoby po ataku dronów."),
            ("pl_dnipro.txt", "W Dnieprze rakieta trafiła w blok mieszkalny."),
            ("en_kherson.txt", "Evacuation continues in Kherson, the governor said."),
        ]
        .map(|(n, t)| (n.to_string(), t.to_string())),
    );
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let tmp = indexed_docs(&refs);
    // Ukrainian writes `і` in a closed syllable and `о` in an open one.
    assert_eq!(docs(tmp.path(), "Kharkiv"), ["pl_kharkiv.txt", "uk_kharkiv.txt"]);
    assert_eq!(docs(tmp.path(), "Львів"), ["uk_lviv.txt"]);
    assert_eq!(docs(tmp.path(), "Dnipro"), ["pl_dnipro.txt"]);
    // An English line in a Ukrainian folder is English.
    let hits = search_json(tmp.path(), &["Kherson"]);
    assert_eq!(hits[0]["lang"], "en", "{:?}", hits[0]);
}

#[test]
fn a_hyphenated_word_with_a_name_in_it_finds_the_name_in_other_scripts() {
    let tmp = indexed_docs(&[
        ("en.txt", "Russia launched forty Shahed-136 drones overnight, the air force said."),
        ("uk.txt", "Росія вночі запустила сорок дронів Шахед-136, повідомили повітряні сили."),
        ("based.txt", "A Kiev-based analyst said the strikes targeted power plants."),
        ("other.txt", "The army bought 136 radios and forty trucks last year."),
    ]);
    assert_eq!(docs(tmp.path(), "Shahed-136"), ["en.txt", "uk.txt"]);
    assert_eq!(docs(tmp.path(), "Шахед-136"), ["en.txt", "uk.txt"]);
    assert_eq!(docs(tmp.path(), "Kyiv-based"), ["based.txt"]);
}

#[test]
fn another_language_s_name_is_found_only_where_a_capital_says_it_is_one() {
    let tmp = indexed_docs(&[
        ("en.txt", "Russian drones hit Sumy and Gaza was quiet, officials in Mali said on Monday."),
        ("uk.txt", "Російські дрони вдарили по Сумах уночі, повідомила обласна адміністрація."),
        ("sums.txt", "Уряд виділив великі суми на закупівлю дронів, військові мали отримати їх восени."),
        ("gas.txt", "Поставки газа в Европу сократились, заявили в компании во вторник вечером."),
        ("kiewer.txt", "Der Kiewer Bürgermeister warnte am Dienstag vor weiteren Stromausfällen."),
        ("caps.txt", "FLASH: KIEV UNDER MASSIVE MISSILE ATTACK, AIR FORCE SAYS."),
    ]);
    assert_eq!(docs(tmp.path(), "Sumy"), ["en.txt", "uk.txt"]);
    assert_eq!(docs(tmp.path(), "Mali"), ["en.txt"]);
    assert_eq!(docs(tmp.path(), "Gaza"), ["en.txt"]);
    assert_eq!(docs(tmp.path(), "Kyiv"), ["caps.txt", "kiewer.txt"]);
}

#[test]
fn a_name_alone_ranks_the_passages_naming_it_in_every_language_together() {
    let fr_title = "Zelensky à Paris\n\n\
        Le président ukrainien Zelensky a rencontré Emmanuel Macron à l'Élysée jeudi soir.\n\n\
        La délégation a visité ensuite une usine d'armement près de Bourges, selon la presse.\n\n\
        Les ministres ont parlé des livraisons de munitions pour l'hiver prochain.\n\n\
        Un dîner officiel a clos la journée au palais présidentiel de la capitale.";
    let tmp = indexed_docs(&[
        ("fr.txt", fr_title),
        (
            "en.txt",
            "President Zelenskyy met Chancellor Scholz in Berlin on Thursday evening to discuss air defence.\n\n\
             The two leaders also spoke about the reconstruction of the energy grid before the winter.",
        ),
        (
            "de.txt",
            "Präsident Selenskyj traf Bundeskanzler Scholz am Donnerstagabend in Berlin zu Gesprächen.\n\n\
             Beide sprachen auch über den Wiederaufbau der Stromnetze vor dem kommenden Winter.",
        ),
        (
            "uk.txt",
            "Президент Зеленський зустрівся з канцлером Шольцем у Берліні в четвер увечері.\n\n\
             Лідери також обговорили відновлення енергетичної мережі перед зимою.",
        ),
    ]);
    let hits = search_json(tmp.path(), &["Zelensky", "-n", "4"]);
    let mut top: Vec<String> = hits.iter().map(file_of).collect();
    top.sort();
    assert_eq!(top, ["de.txt", "en.txt", "fr.txt", "uk.txt"], "{hits:?}");
}

#[test]
fn a_word_typed_in_two_scripts_is_read_in_one() {
    let tmp = indexed_docs(&[
        ("en_kyiv.txt", "Air raid sirens sounded across Kyiv overnight as drones approached the capital."),
        (
            "uk_kyiv.txt",
            "Уночі над Києвом працювала протиповітряна оборона, повідомили у міській адміністрації.",
        ),
        // Cyrillic `А`, `Т`, `О` in a pasted acronym.
        (
            "en_nato.txt",
            "The N\u{410}\u{422}\u{41e} summit in The Hague agreed a new spending target for defence.",
        ),
    ]);
    let dir = tmp.path();
    // A Ukrainian `і` in a Latin name.
    assert_eq!(docs(dir, "Ky\u{456}v"), ["en_kyiv.txt", "uk_kyiv.txt"]);
    assert_eq!(docs(dir, "NATO"), ["en_nato.txt"]);
}

#[test]
fn names_joined_by_a_dash_are_each_searched_under_all_their_names() {
    let tmp = indexed_docs(&[
        (
            "en_road.txt",
            "Traffic on the highway between Kyiv and Kharkiv resumed after the bridge was repaired.",
        ),
        ("uk_road.txt", "Рух трасою між Києвом і Харковом відновили після ремонту мосту."),
        ("en_kyiv.txt", "Air raid sirens sounded across Kyiv overnight as drones approached the capital."),
        ("en_based.txt", "A Kyiv-based analyst said the bridge repairs took three weeks to complete."),
    ]);
    let dir = tmp.path();
    for joined in ["Kyiv-Kharkiv", "Kyiv\u{2013}Kharkiv", "Kyiv\u{2014}Kharkiv"] {
        assert_eq!(docs(dir, joined), ["en_road.txt", "uk_road.txt"], "{joined}");
    }
    // A hyphenated word that is not names only stays one.
    assert_eq!(docs(dir, "Kyiv-based"), ["en_based.txt"]);
    // So does a name written with a hyphen.
    write(dir, "docs/en_gw.txt", b"Soldiers in Guinea-Bissau arrested members of the presidential guard.");
    write(
        dir,
        "docs/fr_gw.txt",
        "La Guinée-Bissau a fermé sa frontière terrestre avec le Sénégal.".as_bytes(),
    );
    write(
        dir,
        "docs/en_gn.txt",
        b"Guinea's junta met envoys from Bissau and Dakar to discuss the elections.",
    );
    index(dir, &["docs"]);
    assert_eq!(docs(dir, "Guinea-Bissau"), ["en_gw.txt", "fr_gw.txt"]);
}

#[test]
fn a_name_spelled_alike_is_not_another_entity_s_name() {
    let tmp = indexed_docs(&[
        ("ru_niger.txt", "Военные власти Нигера подписали договор о конфедерации с Мали и Буркина-Фасо."),
        ("ru_nigeria.txt", "В Нигерии исламисты напали на военную базу в штате Борно, погибли шесть солдат."),
        ("en_niger.txt", "The junta in Niger ended military cooperation with the United States."),
    ]);
    let dir = tmp.path();
    // Russian stems `Нигерии` (Nigeria) as it stems `Нигер` (Niger).
    assert_eq!(docs(dir, "Niger"), ["en_niger.txt", "ru_niger.txt"]);
    assert_eq!(docs(dir, "Nigeria"), ["ru_nigeria.txt"]);
}

#[test]
fn names_added_for_the_sahel_red_sea_and_front_are_found_in_their_spellings() {
    let tmp = indexed_docs(&[
        ("uk_slov.txt", "Окупанти обстріляли Слов\u{2019}янськ уночі, пошкоджено школу."),
        ("fr_hod.txt", "Les Houthis ont revendiqué une attaque près de Hodeïda contre un pétrolier."),
        ("ru_hod.txt", "Хуситы заявили об атаке на танкер у Ходейды."),
        ("en_pok.txt", "Russian forces pressed towards Pokrovsk from the south-east."),
        ("uk_kr.txt", "Ракетний удар по місту Кривий Ріг зруйнував два житлові будинки."),
        ("ru_kr.txt", "Ракетный удар по городу Кривой Рог разрушил два жилых дома."),
        ("other.txt", "The port authority reported calm seas and normal traffic."),
    ]);
    let dir = tmp.path();
    assert_eq!(docs(dir, "Slavyansk"), ["uk_slov.txt"]);
    assert_eq!(docs(dir, "Hodeidah"), ["fr_hod.txt", "ru_hod.txt"]);
    assert_eq!(docs(dir, "Krasnoarmeysk"), ["en_pok.txt"]);
    assert_eq!(docs(dir, "Kryvyi Rih"), ["ru_kr.txt", "uk_kr.txt"]);
}

#[test]
fn one_spelling_of_a_name_searched_can_be_excluded() {
    let tmp = indexed_docs(&[
        ("en_kyiv.txt", "Air raid sirens sounded across Kyiv overnight as drones approached."),
        ("en_kiev.txt", "Air raid sirens sounded across Kiev overnight, the older wire copy said."),
        ("uk_kyiv.txt", "Уночі над Києвом працювала протиповітряна оборона."),
        ("en_lviv.txt", "Air raid sirens sounded across Lviv overnight; no damage was reported."),
    ]);
    let dir = tmp.path();
    assert_eq!(docs(dir, "+Kyiv -Kiev"), ["en_kyiv.txt", "uk_kyiv.txt"]);
    // Excluded alone, a name is excluded under all its names.
    assert_eq!(docs(dir, "sirens -Kiev"), ["en_lviv.txt"]);
}

#[test]
fn an_acronym_stemmed_as_the_one_typed_is_found_in_capitals() {
    // Polish stems `USA` as it stems `US`; `US` is held to capitals there.
    let tmp = indexed_docs(&[
        ("pl.txt", "Junta w Mali zerwała współpracę wojskową z USA i Francją w zeszłym roku."),
        ("en.txt", "The junta ended its military cooperation with the US and France last year."),
    ]);
    assert_eq!(docs(tmp.path(), "US"), ["en.txt", "pl.txt"]);
}

#[test]
fn an_acronym_another_language_stems_is_found_only_in_capitals() {
    let tmp = indexed_docs(&[
        (
            "nl_navo.txt",
            "De NAVO stuurt extra troepen naar de oostgrens van het bondgenootschap, zei de minister.",
        ),
        ("it_nato.txt", "La NATO ha rafforzato la difesa aerea sul fianco orientale, ha detto il ministro."),
        (
            "it_nave.txt",
            "Gli Houthi hanno lanciato missili contro una nave mercantile nel Mar Rosso, e le navi \
             della missione europea hanno abbattuto due droni.",
        ),
    ]);
    // Dutch `NAVO` stemmed as Italian is `nav`, the stem of `nave` (a ship).
    assert_eq!(docs(tmp.path(), "NATO"), ["it_nato.txt", "nl_navo.txt"]);
}

#[test]
fn names_added_for_courts_the_kursk_raid_and_the_caucasus_are_found_in_their_spellings() {
    let tmp = indexed_docs(&[
        ("nl_haag.txt", "Het Internationaal Strafhof in Den Haag vaardigde een nieuw arrestatiebevel uit."),
        ("es_haya.txt", "La Corte Penal Internacional de La Haya emitió una nueva orden de detención."),
        (
            "ru_sudzha.txt",
            "Российские войска заявили о восстановлении контроля над Суджей в Курской области.",
        ),
        ("cs_praha.txt", "Praha také nakoupí tanky Leopard 2A8 pro českou armádu."),
        ("ru_orel.txt", "В Орле сработала система ПВО, сообщил губернатор области."),
        ("pl_naddniestrze.txt", "Rozmowy dotyczyły Naddniestrza i wycofania rosyjskich żołnierzy z regionu."),
        ("ru_kerch.txt", "Корабль был замечен в Керченском проливе утром во вторник."),
        ("ru_aliev.txt", "Президент Азербайджана Ильхам Алиев провёл переговоры в Баку."),
        ("en_other.txt", "An eagle flew over the cargo ship in the strait, the crew said on Monday."),
        ("uk_iskander.txt", "Росія вдарила по Києву ракетами «Іскандер-М», повідомили у Повітряних силах."),
    ]);
    let dir = tmp.path();
    assert_eq!(docs(dir, "Hague"), ["es_haya.txt", "nl_haag.txt"]);
    assert_eq!(docs(dir, "Sudzha"), ["ru_sudzha.txt"]);
    assert_eq!(docs(dir, "Prague"), ["cs_praha.txt"]);
    assert_eq!(docs(dir, "Oryol"), ["ru_orel.txt"]);
    assert_eq!(docs(dir, "Transnistria"), ["pl_naddniestrze.txt"]);
    assert_eq!(docs(dir, "Kerch Strait"), ["ru_kerch.txt"]);
    assert_eq!(docs(dir, "Aliyev"), ["ru_aliev.txt"]);
    assert_eq!(docs(dir, "Iskander-M"), ["uk_iskander.txt"]);
}

#[test]
fn a_name_typed_that_its_language_stems_short_is_found_only_as_a_name() {
    let tmp = indexed_docs(&[
        ("ru_gruzia.txt", "Грузия приняла закон об иностранных агентах, несмотря на протесты в Тбилиси."),
        ("ru_cargo.txt", "Литва ограничила транзит грузов в Калининград по железной дороге."),
        ("en_georgia.txt", "Georgia passed a foreign agents law despite protests in Tbilisi."),
    ]);
    // Russian stems `Грузия` as `груз`, the stem of `грузов` (cargo).
    assert_eq!(docs(tmp.path(), "Грузия"), ["en_georgia.txt", "ru_gruzia.txt"]);
    assert_eq!(docs(tmp.path(), "Грузии"), ["en_georgia.txt", "ru_gruzia.txt"]);
}

#[test]
fn a_country_is_not_found_where_only_a_longer_country_name_holds_its_name() {
    let tmp = indexed_docs(&[
        (
            "en_sudan.txt",
            "Fighting between the army and the RSF continued in Sudan, with shelling in Khartoum.",
        ),
        (
            "en_south.txt",
            "South Sudan's president reshuffled his cabinet as clashes spread in Upper Nile state.",
        ),
        (
            "en_both.txt",
            "Refugees from Sudan crossed into South Sudan at the Renk border point, aid agencies said.",
        ),
        (
            "fr_south.txt",
            "Des combats ont éclaté au Soudan du Sud, près de Malakal, selon la mission de l'ONU.",
        ),
        ("ru_south.txt", "Правительство Южного Судана заявило о нападении на военную базу в штате Джонглей."),
        ("pl_south.txt", "Rząd Sudanu Południowego oskarżył rebeliantów o atak na bazę wojskową w Dżuba."),
        (
            "en_bissau.txt",
            "Guinea-Bissau's president dissolved parliament after an alleged coup attempt in Bissau.",
        ),
        (
            "en_guinea.txt",
            "The junta in Guinea postponed the referendum, and Conakry remained tense this week.",
        ),
    ]);
    assert_eq!(docs(tmp.path(), "Sudan"), ["en_both.txt", "en_sudan.txt"]);
    assert_eq!(docs(tmp.path(), "Судан"), ["en_both.txt", "en_sudan.txt"]);
    assert_eq!(docs(tmp.path(), "Guinea"), ["en_guinea.txt"]);
    let south = ["en_both.txt", "en_south.txt", "fr_south.txt", "pl_south.txt", "ru_south.txt"];
    assert_eq!(docs(tmp.path(), "South Sudan"), south);
    assert_eq!(docs(tmp.path(), "Guinea-Bissau"), ["en_bissau.txt"]);
}

#[test]
fn another_language_s_name_that_is_an_english_word_is_not_searched_in_english() {
    let tmp = indexed_docs(&[
        (
            "en_snake.txt",
            "Ukrainian forces struck Russian positions on Snake Island in the Black Sea overnight.",
        ),
        (
            "en_iceland.txt",
            "Iceland hosted NATO air policing jets at Keflavik this month, the ministry said.",
        ),
        (
            "en_grenade.txt",
            "Grenade attacks on the checkpoint wounded four soldiers, the army said on Monday.",
        ),
        (
            "en_grenada.txt",
            "Grenada's government signed a coast guard cooperation deal with the United States.",
        ),
        (
            "de_island.txt",
            "Island stellte der NATO einen Stützpunkt für die Luftraumüberwachung zur Verfügung.",
        ),
    ]);
    // German `Island` and French `Islande` (English `island`) name Iceland; French
    // `Grenade` names Grenada.
    assert_eq!(docs(tmp.path(), "Iceland"), ["de_island.txt", "en_iceland.txt"]);
    assert_eq!(docs(tmp.path(), "Grenada"), ["en_grenada.txt"]);
}

#[test]
fn another_name_nearly_every_passage_holds_does_not_make_every_passage_a_match() {
    // Every statement's title says `UN`: the acronym would match them all, and rank none.
    let topics =
        ["harbour", "convoy", "airlift", "patrol", "depot", "radar", "frigate", "bridge", "tunnel", "pier"];
    let mut lines: Vec<String> = topics
        .iter()
        .map(|t| {
            let text = format!("The {t} was inspected by the delegation during its visit this week.");
            serde_json::json!({"id": *t, "title": "UN General Debate statement", "text": text}).to_string()
        })
        .collect();
    let named = "The United Nations must reform its peacekeeping budget, the delegate said.";
    lines.push(
        serde_json::json!({"id": "named", "title": "UN General Debate statement", "text": named}).to_string(),
    );
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "docs/statements.jsonl", lines.join("\n").as_bytes());
    index(tmp.path(), &["docs"]);
    let hits = search_json(tmp.path(), &["\"United Nations\"", "-n", "20"]);
    let docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["named"]);
}

#[test]
fn a_longer_name_holding_another_country_s_name_finds_its_own_passages() {
    let tmp = indexed_docs(&[
        ("en_png.txt", "Papua New Guinea signed a security pact with Australia on Thursday, officials said."),
        ("en_eq.txt", "Equatorial Guinea expelled two diplomats after the disputed vote, the ministry said."),
        ("en_cx.txt", "The navy moved a patrol boat to Christmas Island after the boats were sighted."),
        ("en_us.txt", "The US and Chile signed a defence cooperation agreement in Santiago on Monday."),
        (
            "en_guinea.txt",
            "The junta in Guinea postponed the referendum, and Conakry remained tense this week.",
        ),
    ]);
    assert_eq!(docs(tmp.path(), "Papua New Guinea"), ["en_png.txt"]);
    assert_eq!(docs(tmp.path(), "Equatorial Guinea"), ["en_eq.txt"]);
    assert_eq!(docs(tmp.path(), "Christmas Island"), ["en_cx.txt"]);
    assert_eq!(docs(tmp.path(), "Guinea"), ["en_guinea.txt"]);
    // An acronym another language's name shares with an English word is still searched.
    assert_eq!(docs(tmp.path(), "United States"), ["en_us.txt"]);
}

#[test]
fn a_group_its_languages_name_in_lower_case_is_found_there() {
    let tmp = indexed_docs(&[
        (
            "es_taliban.txt",
            "Los talibanes prohibieron a las mujeres trabajar en las organizaciones humanitarias.",
        ),
        (
            "fr_taliban.txt",
            "Les talibans ont interdit aux femmes de travailler pour les organisations humanitaires.",
        ),
        (
            "es_houthis.txt",
            "Los hutíes atacaron un buque mercante en el mar Rojo, según el ejército estadounidense.",
        ),
        (
            "fr_houthis.txt",
            "Les houthistes ont revendiqué une attaque contre un navire marchand en mer Rouge.",
        ),
        ("it_nato.txt", "Il generale è nato a Roma nel 1950 e ha servito a lungo in Libano con le truppe."),
    ]);
    assert_eq!(docs(tmp.path(), "Taliban"), ["es_taliban.txt", "fr_taliban.txt"]);
    assert_eq!(docs(tmp.path(), "Houthis"), ["es_houthis.txt", "fr_houthis.txt"]);
    // An acronym written as a word stays held: Italian `nato` is `born`.
    assert!(docs(tmp.path(), "Nato").is_empty());
}
