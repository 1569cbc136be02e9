#!/usr/bin/env python3
"""Regenerate the generated data files of src/aliases/data/ (see PROVENANCE.md).

Inputs (none of them is committed):
  --cldr DIR   a folder holding the unpacked npm packages cldr-localenames-full and
               cldr-dates-full, 48.2.0 (DIR/localenames/package/..., DIR/dates/package/...)
  --dict DIR   /usr/share/dict, for its scowl/ folder (Debian package scowl)
  and the `hunspell` command with the Debian dictionaries hunspell-fr-classical,
  hunspell-de-de, hunspell-es, hunspell-it, hunspell-pl, hunspell-ru, hunspell-uk,
  hunspell-pt-pt and hunspell-nl.

Outputs (committed): countries.tsv, cities.tsv, spelling.tsv, common.tsv.
The hand-written files (orgs.tsv, places.tsv, people.tsv, extra.tsv) are read to flag
their names that are also common words, never rewritten.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

LOCALES = ["en", "fr", "de", "es", "it", "pl", "ru", "uk", "pt", "pt-PT", "nl"]

# Territory codes that are not countries or territories (regions, pseudo-locales, unions).
NOT_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

# Parenthesised parts that are not names of their own ("Congo (Republic)").
GENERIC_PARTS = {
    "republic", "republica", "repubblica", "republik", "republiek", "республика",
    "республіка", "demokratische republik", "partie neerlandaise", "keeling", "кілінг",
    "sar", "сар",
}

# Time zones whose exemplar city is a capital or a city that matters in defence news.
# Zones named like their country (Kuwait, Monaco, Malta, Singapore...) are left out: the
# country entity already holds that name.
CITY_ZONES = """
Europe/Amsterdam Europe/Athens Europe/Belgrade Europe/Berlin
Europe/Bratislava Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Chisinau
Europe/Copenhagen Europe/Dublin Europe/Helsinki Europe/Kiev Europe/Lisbon Europe/Ljubljana
Europe/London Europe/Madrid Europe/Minsk Europe/Moscow Europe/Oslo Europe/Paris
Europe/Podgorica Europe/Prague Europe/Riga Europe/Rome Europe/Sarajevo Europe/Skopje
Europe/Sofia Europe/Stockholm Europe/Tallinn Europe/Tirane Europe/Vaduz Europe/Vienna
Europe/Vilnius Europe/Warsaw Europe/Zagreb Europe/Istanbul Europe/Simferopol
Europe/Kaliningrad Europe/Volgograd Europe/Samara Asia/Nicosia
Asia/Amman Asia/Baghdad Asia/Baku Asia/Beirut Asia/Bishkek Asia/Damascus Asia/Dhaka
Asia/Dushanbe Asia/Gaza Asia/Hebron Asia/Jerusalem Asia/Kabul Asia/Karachi
Asia/Katmandu Asia/Manila Asia/Muscat Asia/Pyongyang Asia/Riyadh Asia/Seoul Asia/Taipei
Asia/Tashkent Asia/Tbilisi Asia/Tehran Asia/Tokyo Asia/Ulaanbaatar Asia/Yerevan
Asia/Ashgabat Asia/Bangkok Asia/Jakarta Asia/Kuala_Lumpur Asia/Colombo Asia/Aden
Asia/Dubai Asia/Almaty Asia/Shanghai Asia/Vladivostok Asia/Phnom_Penh Asia/Vientiane
Asia/Rangoon Asia/Saigon Asia/Calcutta
Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Asmera Africa/Bamako
Africa/Bangui Africa/Banjul Africa/Bissau Africa/Cairo Africa/Conakry Africa/Dakar
Africa/Freetown Africa/Gaborone Africa/Harare Africa/Juba Africa/Kampala Africa/Khartoum
Africa/Kigali Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Lome Africa/Luanda
Africa/Lusaka Africa/Malabo Africa/Maputo Africa/Mogadishu Africa/Monrovia Africa/Nairobi
Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo
Africa/Tripoli Africa/Tunis Africa/Windhoek Africa/Brazzaville Africa/Casablanca
Africa/Dar_es_Salaam Africa/Bujumbura
America/Bogota America/Caracas America/Havana America/La_Paz America/Lima America/Managua
America/Mexico_City America/Montevideo America/Santiago America/Asuncion
America/Tegucigalpa America/Port-au-Prince America/Santo_Domingo America/Buenos_Aires
America/New_York America/Toronto America/Sao_Paulo
""".split()


def fold(text):
    """The lookup key of a name; must equal `fold_key` in src/aliases/fold.rs."""
    special = {"ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "ð": "d",
               "þ": "th", "ʼ": " "}
    # An apostrophe between two Cyrillic letters is part of the word (Слов'янськ).
    text = re.sub(r"(?<=[\u0400-\u04ff])['\u2019\u02bc`\u2018](?=[\u0400-\u04ff])", "", text)
    out = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            continue
        out.append(special.get(ch, ch))
    words = re.split(r"[^\w]|_", "".join(out))
    return " ".join(w for w in words if w)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def territories(cldr, loc):
    path = os.path.join(cldr, "localenames/package/main", loc, "territories.json")
    return load_json(path)["main"][loc]["localeDisplayNames"]["territories"]


def split_name(name, lang):
    """A CLDR display name and the names hidden in it ("Myanmar (Burma)" holds three)."""
    names = [(name, False)]
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*(.*)", name)
    if m:
        outer = (m.group(1) + " " + m.group(3)).strip()
        names.append((outer, True))
        inner = m.group(2).strip()
        if fold(inner) not in GENERIC_PARTS and "," not in inner:
            names.append((inner, True))
    if lang == "en":
        names += [(n.replace(" & ", " and "), d) for n, d in names if " & " in n]
    return names


def country_rows(cldr):
    """id -> ordered names. A name found inside another ("China" in "Hong Kong (China)") is
    derived; a clash between ids is settled for the one id holding it as a whole name, or
    the name is dropped and reported."""
    rows = {}
    for loc in LOCALES:
        lang = loc.split("-")[0]
        for code, name in territories(cldr, loc).items():
            base = code.split("-alt-")[0]
            if not re.fullmatch(r"[A-Z]{2}", base) or base in NOT_TERRITORIES:
                continue
            rows.setdefault("country:" + base, []).extend(split_name(name, lang))
    for org in ("EU", "UN"):
        for loc in LOCALES:
            t = territories(cldr, loc)
            for key in (org, org + "-alt-short"):
                if key in t:
                    rows.setdefault("org:" + org, []).append((t[key], False))
    return drop_ambiguous(rows)


def drop_ambiguous(rows):
    owners, whole = {}, {}
    for ident, names in rows.items():
        for n, derived in names:
            owners.setdefault(fold(n), set()).add(ident)
            if not derived:
                whole.setdefault(fold(n), set()).add(ident)
    keep = {}
    for k, ids in owners.items():
        if len(ids) == 1:
            keep[k] = ids
        elif len(whole.get(k, ())) == 1:
            keep[k] = whole[k]
        else:
            print(f"ambiguous, dropped: {k} {sorted(ids)}", file=sys.stderr)
    return {i: dedup([n for n, _ in ns if i in keep.get(fold(n), ())]) for i, ns in rows.items()}


def dedup(names):
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def zone_cities(cldr, loc):
    path = os.path.join(cldr, "dates/package/main", loc, "timeZoneNames.json")
    zones = load_json(path)["main"][loc]["dates"]["timeZoneNames"]["zone"]
    found = {}

    def walk(node, parts):
        for k, v in node.items():
            if not isinstance(v, dict):
                continue
            if "exemplarCity" in v:
                found["/".join(parts + [k])] = v["exemplarCity"]
            else:
                walk(v, parts + [k])

    walk(zones, [])
    return found


def city_rows(cldr):
    per_loc = {loc: zone_cities(cldr, loc) for loc in LOCALES}
    rows = {}
    for zone in CITY_ZONES:
        root = zone.split("/")[-1].replace("_", " ")
        english = per_loc["en"].get(zone, root)
        names = [english, root] + [per_loc[loc].get(zone, root) for loc in LOCALES]
        # "Tripoli (Libye)": the part in brackets names the country, not the city.
        names = [re.sub(r"\s*\([^)]*\)", "", n) for n in names]
        rows["city:" + english.replace(" ", "_").replace("’", "")] = dedup(names)
    return rows


# British -> American rewrites tried on British-only words; a pair is kept only when the
# rewritten word is in SCOWL's American-only list, so the rules cannot invent words.
RULES = [("our", "or"), ("is", "iz"), ("ys", "yz"), ("tre", "ter"), ("bre", "ber"),
         ("ntre", "nter"), ("vre", "ver"), ("re", "er"), ("ence", "ense"), ("ce", "se"),
         ("ogue", "og"), ("ae", "e"), ("oe", "e"), ("ll", "l"), ("l", "ll"), ("mme", "m"),
         ("ium", "um"), ("ey", "ay"), ("que", "ck"), ("ough", "ow"), ("sc", "sk"),
         ("yre", "ire"), ("y", "i"), ("ement", "ment"), ("eing", "ing"), ("ou", "o"),
         ("ph", "f"), ("se", "ce"), ("augh", "af"), ("efact", "ifact")]

# Pairs no rule above finds.
HAND_PAIRS = [("kerb", "curb"), ("gaol", "jail"),
              ("pyjamas", "pajamas"), ("aeroplane", "airplane"), ("aeroplanes", "airplanes"),
              ("whisky", "whiskey"), ("cosy", "cozy"), ("sceptical", "skeptical"),
              ("aluminium", "aluminum")]

# Rule outputs that are other words ("louvre" is no "lover", "tyre" no "tier").
FALSE_PAIRS = {"lover", "lovers", "price", "priced", "prices", "tier", "tiers", "filter",
               "filters", "nowt", "hem", "repriced"}

# British words whose American partner is mostly another word or a place name: a query
# for "check", "draft" or "chili" should not bring "cheque", "draught" or "chilli".
ONE_WAY = {"cheque", "cheques", "draught", "draughts", "prise", "prises", "prised",
           "chilli", "chillies", "manilla", "manillas"}


def scowl_words(dictdir, prefixes, max_level):
    words = set()
    folder = os.path.join(dictdir, "scowl")
    for name in os.listdir(folder):
        stem, _, level = name.rpartition(".")
        if stem in prefixes and level.isdigit() and int(level) <= max_level:
            with open(os.path.join(folder, name), encoding="latin-1") as f:
                words.update(w.strip() for w in f if w.strip() and "'" not in w)
    return words


def rewrites(word):
    out = set()
    for old, new in RULES:
        start = word.find(old)
        while start >= 0:
            out.add(word[:start] + new + word[start + len(old):])
            start = word.find(old, start + 1)
    return out


def spelling_rows(dictdir):
    british = scowl_words(dictdir, {"british-words"}, 60)
    # American-only words, and words common to all spellings: "tyre" pairs with "tire".
    american = scowl_words(dictdir, {"american-words", "english-words"}, 60)
    rows = {"spelling:" + b: [b, a] for b, a in HAND_PAIRS}
    for b in sorted(british):
        if not b.islower() or b in ONE_WAY:
            continue
        once = rewrites(b)
        twice = set().union(*(rewrites(w) for w in once)) if once else set()
        hits = sorted(((once | twice) & american) - FALSE_PAIRS - {b})
        if hits:
            rows["spelling:" + b] = dedup(rows.get("spelling:" + b, []) + [b] + hits)
    return rows


HUNSPELL = {"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "it": "it_IT", "pl": "pl_PL",
            "ru": "ru_RU", "uk": "uk_UA", "pt": "pt_PT", "nl": "nl_NL"}


def is_cyrillic(ch):
    return "\u0400" <= ch <= "\u04ff"


def common_words(dictdir, names):
    """Which lower-cased names are dictionary words, and in which languages.

    English: SCOWL up to size 60 (common words only). Other languages: hunspell, which
    accepts inflected forms ("mali" in Polish) and rejects a lower-cased proper name
    ("paris" is accepted in French only as the plural of "pari").
    """
    english = scowl_words(dictdir, {"english-words", "american-words", "british-words"}, 60)
    found = {}
    for n in names:
        if n.lower() in english:
            found.setdefault(n.lower(), set()).add("en")
    lowered = sorted({n.lower() for n in names})
    # hunspell accepts any word written outside its dictionary's alphabet.
    cyrillic = [w for w in lowered if all(is_cyrillic(c) for c in w if c.isalpha())]
    latin = [w for w in lowered if all(c < "\u0250" for c in w if c.isalpha())]
    for lang, dic in HUNSPELL.items():
        words = "\n".join(cyrillic if lang in ("ru", "uk") else latin) + "\n"
        run = subprocess.run(["hunspell", "-d", dic, "-G"], input=words, capture_output=True,
                             text=True, check=True)
        for w in run.stdout.split():
            found.setdefault(w, set()).add(lang)
    return found


def read_tsv(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0] if line.lstrip().startswith("#") else line
            fields = [n.strip() for part in line.rstrip("\n").split("\t") for n in part.split(" | ")]
            fields = [f for f in fields if f]
            if len(fields) >= 2:
                rows.setdefault(fields[0], []).extend(n.lstrip("=") for n in fields[1:])
    return rows


def write_tsv(path, rows, header):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for ident in sorted(rows):
            f.write(ident + "\t" + "\t".join(rows[ident]) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cldr", default="/tmp/cldr")
    ap.add_argument("--dict", default="/usr/share/dict")
    args = ap.parse_args()
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    head = "# Generated by src/aliases/generate.py from {}; see PROVENANCE.md. Do not edit.\n"
    countries = country_rows(args.cldr)
    cities = city_rows(args.cldr)
    spelling = spelling_rows(args.dict)
    write_tsv(os.path.join(here, "countries.tsv"), countries, head.format("CLDR 48 territories"))
    write_tsv(os.path.join(here, "cities.tsv"), cities, head.format("CLDR 48 exemplar cities"))
    write_tsv(os.path.join(here, "spelling.tsv"), spelling, head.format("SCOWL (Debian scowl)"))
    names, single = {}, set()
    for rows in [countries, cities] + [read_tsv(os.path.join(here, f))
                                       for f in ("orgs.tsv", "places.tsv", "people.tsv",
                                                 "extra.tsv")]:
        for ident, ns in rows.items():
            for n in ns:
                names.setdefault(fold(n), ident)
                if " " not in fold(n) and not ident.startswith("spelling:"):
                    single.add(n)
    common = common_words(args.dict, single)
    flagged = {}
    for n in single:
        langs = common.get(n.lower(), set())
        # One dictionary alone also holds rare words (Spanish "paraguay" is a parrot):
        # a frequency-ranked English list, or two languages, make a word common.
        if "en" in langs or len(langs) >= 2:
            flagged.setdefault(fold(n), set()).update(langs)
    with open(os.path.join(here, "common.tsv"), "w", encoding="utf-8") as f:
        f.write(head.format("Debian word lists") +
                "# folded name<TAB>languages where its lower-case form is a dictionary word<TAB>entity\n")
        for k in sorted(flagged):
            f.write(f"{k}\t{','.join(sorted(flagged[k]))}\t{names[k]}\n")
    print(f"countries {len(countries)}, cities {len(cities)}, spelling pairs {len(spelling)}, "
          f"common-word names {len(flagged)}", file=sys.stderr)


if __name__ == "__main__":
    main()
