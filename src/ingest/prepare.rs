//! Preparation: a source document becomes passage records (split, date, detect), in
//! parallel batches on every core.

use std::collections::HashMap;

use whatlang::Detector;

use super::boilerplate::{Boilerplate, Dropped};
use super::date::{find_date, parse_date, republished};
use super::detect::{assign_with, Hints, Prior};
use super::extracted::Extracted;
use super::read::SourceDoc;
use super::split::{split_doc, split_extracted, Split};
use crate::record::Record;

/// What preparation knows besides the documents: the lines to drop as boilerplate (observe
/// the documents first) and the languages established in the documents' folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// Lines repeated across a source, dropped.
    pub boilerplate: Option<&'a Boilerplate>,
    /// The folder's languages, for passages too short to tell their own.
    pub prior: Option<&'a Prior>,
}

/// What the preparation of a group of documents gave.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The records of each document, in order.
    pub records: Vec<Vec<Record>>,
    /// What was dropped on the way.
    pub dropped: Dropped,
    /// The languages the group establishes for its folder (see [`Prior`]).
    pub seen: Prior,
}

/// Splits documents and detects their passages' languages, the documents forming one
/// detection group (see [`super::detect::assign_with`]).
pub fn records_group(docs: &[SourceDoc], detector: &Detector) -> Vec<Vec<Record>> {
    records_group_with(docs, detector, Known::default()).records
}

/// As [`records_group`], with what is known besides the documents; a language the
/// document states (JSON `lang`, front matter, document properties) wins.
pub fn records_group_with(docs: &[SourceDoc], detector: &Detector, known: Known) -> Prepared {
    let splits: Vec<Split> = docs.iter().map(|d| split_source(d, known.boilerplate)).collect();
    let mut dropped = Dropped::default();
    splits.iter().for_each(|s| dropped += s.dropped);
    let texts: Vec<Vec<&str>> =
        splits.iter().map(|s| s.passages.iter().map(|p| p.text.as_str()).collect()).collect();
    let explicit: Vec<Option<&str>> = docs.iter().map(stated_language).collect();
    let assigned = assign_with(detector, &texts, &Hints { explicit: &explicit, prior: known.prior });
    let records = docs
        .iter()
        .zip(splits)
        .zip(assigned.langs)
        .map(|((doc, parts), langs)| build(doc, parts, langs))
        .collect();
    Prepared { records, dropped, seen: assigned.seen }
}

/// The language a document states: a JSON `lang`, else its format's metadata.
fn stated_language(doc: &SourceDoc) -> Option<&str> {
    doc.lang.as_deref().or_else(|| doc.extracted.as_ref()?.meta.lang.as_deref())
}

/// Splits a document and detects its passages' languages.
///
/// ```
/// let doc = briefs::ingest::SourceDoc { key: "a.txt".into(), text: "Title\n\nBody text.".into(), ..Default::default() };
/// let recs = briefs::ingest::prepare::records(&doc, &whatlang::Detector::new());
/// assert_eq!(recs[0].id, "a.txt#1");
/// assert_eq!(recs[0].title, "Title");
/// ```
pub fn records(doc: &SourceDoc, detector: &Detector) -> Vec<Record> {
    records_group(std::slice::from_ref(doc), detector).remove(0)
}

/// The passages of a document: from its structured reading when it has one, else from
/// its plain text.
fn split_source(doc: &SourceDoc, boilerplate: Option<&Boilerplate>) -> Split {
    let repeated = |line: &str| boilerplate.is_some_and(|b| b.is_boilerplate(&doc.source, line));
    match &doc.extracted {
        Some(ex) => split_extracted(ex, doc.title.as_deref(), &repeated),
        None => split_doc(&doc.text, doc.title.as_deref(), &repeated),
    }
}

/// The records of one split document with its passages' languages. What the document
/// declares (a JSON field, Markdown front matter) wins over what is guessed.
fn build(doc: &SourceDoc, parts: Split, langs: Vec<String>) -> Vec<Record> {
    let meta = doc.extracted.as_ref().map(|e| &e.meta);
    let text = doc.extracted.as_ref().map_or(doc.text.as_str(), |e| e.text.as_str());
    let declared_date = meta.and_then(|m| m.date.as_deref()).and_then(parse_date);
    let declared = doc.date.as_deref().and_then(parse_date).or(declared_date);
    let declared_source = meta.and_then(|m| m.source.clone());
    // A page carrying another outlet's article takes the article's date, and its outlet
    // as source unless the document names its own (JSON lines and metadata do).
    let carried = declared.is_none().then(|| republished(text)).flatten();
    let (carried_source, carried_date) = carried.map_or((None, None), |(s, d)| (s, Some(d)));
    let date = declared.or(carried_date).or_else(|| find_date(text));
    let own_source = declared_source.is_some() || doc.line.is_some();
    let source =
        declared_source.or(carried_source.filter(|_| !own_source)).unwrap_or_else(|| doc.source.clone());
    let tags = meta.map(|m| m.tags.clone()).unwrap_or_default();
    let passages = parts.passages.into_iter().zip(langs).enumerate();
    passages
        .map(|(i, (p, lang))| Record {
            id: format!("{}#{}", doc.key, i + 1),
            doc: doc.key.clone(),
            paragraph: i as u64 + 1,
            title: parts.title.clone(),
            section: p.section,
            source: source.clone(),
            date: date.clone(),
            start: p.span.start as u64,
            end: p.span.end as u64,
            lang,
            text: p.text,
            title_in_text: parts.title_apart,
            tags: tags.clone(),
            file: String::new(),
            line: doc.line,
            page: doc.extracted.as_ref().and_then(|e| page_at(e, p.span.start)),
        })
        .collect()
}

/// The page of the block that holds byte `at` of the extracted text (blocks are in order).
fn page_at(ex: &Extracted, at: usize) -> Option<u64> {
    let i = ex.blocks.partition_point(|b| b.span.start <= at).checked_sub(1)?;
    ex.blocks[i].page.map(u64::from)
}

/// Reads again the documents that taught nothing and were read before their folder's
/// language was clear (the first one-line files of a new folder), under what the whole
/// batch says of the folder: its reliable detections, and the languages its unclear
/// paragraphs were given one by one. Short lines of one folder are mostly in one
/// language; once one holds most of them, a line that says nothing clear is taken to
/// be in it rather than in whatever whatlang guesses from three words.
fn settle<'a>(
    parts: &mut [Prepared],
    unsettled: &[usize],
    docs: &[SourceDoc],
    boilerplate: Option<&Boilerplate>,
    priors: &HashMap<String, Prior>,
    folder_of: &(dyn Fn(usize) -> &'a str + Sync),
) {
    if unsettled.is_empty() {
        return;
    }
    let mut batch: HashMap<&str, Prior> = HashMap::new();
    let mut guessed: HashMap<&str, Prior> = HashMap::new();
    for (i, part) in parts.iter().enumerate() {
        let folder = folder_of(i);
        batch
            .entry(folder)
            .or_insert_with(|| priors.get(folder).cloned().unwrap_or_default())
            .merge(&part.seen);
    }
    for &i in unsettled {
        let folder = guessed.entry(folder_of(i)).or_default();
        parts[i].records.iter().flatten().for_each(|r| folder.add(&r.lang, 1));
    }
    let leaning: HashMap<&str, bool> =
        batch.iter_mut().map(|(f, prior)| (*f, guessed.get(f).is_some_and(|g| prior.lean(g)))).collect();
    let detector = super::detect::detector();
    for &i in unsettled {
        if !leaning.get(folder_of(i)).copied().unwrap_or(false) {
            continue;
        }
        let known = Known { boilerplate, prior: batch.get(folder_of(i)) };
        parts[i] = records_group_with(std::slice::from_ref(&docs[i]), &detector, known);
    }
}

/// Prepares documents on every core; call [`Boilerplate::observe`] on every document of
/// the batch first. With `grouped`, each thread's documents form one detection group (the
/// documents of one JSON file, under their folder's prior); otherwise each document is a
/// group of its own under its folder's prior, which grows, thread by thread, with what
/// each document establishes. `priors` holds the folders' priors before the batch, by the
/// names `folder_of(i)` gives. Returns the records, what was dropped, and what each
/// document establishes for its folder (a group's all held by its first document).
pub fn prepare_parallel_with<'a>(
    docs: &[SourceDoc],
    grouped: bool,
    boilerplate: Option<&Boilerplate>,
    priors: &HashMap<String, Prior>,
    folder_of: &(dyn Fn(usize) -> &'a str + Sync),
) -> (Vec<Vec<Record>>, Dropped, Vec<Prior>) {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = docs.len().div_ceil(threads).max(1);
    let (mut parts, unsettled): (Vec<Prepared>, Vec<usize>) = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                s.spawn(move || {
                    let detector = super::detect::detector();
                    if grouped {
                        let known = Known { boilerplate, prior: priors.get(folder_of(n * chunk)) };
                        return (vec![records_group_with(part, &detector, known)], Vec::new());
                    }
                    let mut learned: HashMap<&str, Prior> = HashMap::new();
                    let mut unsettled = Vec::new();
                    let mut one = |(i, doc): (usize, &SourceDoc)| {
                        let folder = folder_of(n * chunk + i);
                        let mut prior = priors.get(folder).cloned().unwrap_or_default();
                        prior.merge(learned.get(folder).unwrap_or(&Prior::default()));
                        let known = Known { boilerplate, prior: Some(&prior) };
                        let prepared = records_group_with(std::slice::from_ref(doc), &detector, known);
                        if prepared.seen.is_empty() && !prior.has_majority() {
                            unsettled.push(n * chunk + i);
                        }
                        learned.entry(folder).or_default().merge(&prepared.seen);
                        prepared
                    };
                    (part.iter().enumerate().map(&mut one).collect::<Vec<_>>(), unsettled)
                })
            })
            .collect();
        let joined = handles.into_iter().map(|h| h.join().expect("prepare thread"));
        joined.fold((Vec::new(), Vec::new()), |(mut all, mut loose), (part, unsettled)| {
            all.extend(part);
            loose.extend(unsettled);
            (all, loose)
        })
    });
    if !grouped {
        settle(&mut parts, &unsettled, docs, boilerplate, priors, folder_of);
    }
    let (mut records, mut dropped, mut seen) =
        (Vec::with_capacity(docs.len()), Dropped::default(), Vec::new());
    for part in parts {
        seen.push(part.seen);
        seen.extend(std::iter::repeat_with(Prior::default).take(part.records.len().saturating_sub(1)));
        records.extend(part.records);
        dropped += part.dropped;
    }
    (records, dropped, seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_carry_metadata() {
        let doc = SourceDoc {
            key: "k".into(),
            source: "s".into(),
            text: "Report title\n12 March 2024\n\nThe ministers met in Brussels to discuss the supply of ammunition.\n\nAmmunition\n\nStocks are low across the alliance, officials said.".into(),
            ..Default::default()
        };
        let recs = records(&doc, &Detector::new());
        assert_eq!(recs.len(), 2);
        let r = &recs[1];
        assert_eq!((r.id.as_str(), r.paragraph, r.lang.as_str()), ("k#2", 2, "en"));
        assert_eq!(r.title, "Report title");
        assert_eq!(r.section.as_deref(), Some("Ammunition"));
        assert_eq!(r.date.as_deref(), Some("2024-03-12"));
        assert_eq!(&doc.text[r.start as usize..r.end as usize], r.text);
    }

    #[test]
    fn markdown_front_matter_is_the_metadata() {
        let text = "---\ntitle: Point de situation\ndate: 3 mars 2023\nsource: DGRIS\nlang: French\ntags: [Sahel, Mali]\n---\n\n# Contexte\n\nThe first passage, declared French.\n\n| Pays | Troupes |\n|---|---|\n| Mali | 300 |\n";
        let doc = SourceDoc {
            key: "a.md".into(),
            source: "folder".into(),
            text: text.into(),
            extracted: Some(super::super::markdown::extract(text)),
            ..Default::default()
        };
        let recs = records(&doc, &Detector::new());
        let texts: Vec<_> = recs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["The first passage, declared French.", "Pays | Troupes", "Mali | 300"]);
        for r in &recs {
            assert_eq!(
                (r.title.as_str(), r.source.as_str(), r.lang.as_str()),
                ("Point de situation", "DGRIS", "fr")
            );
            assert_eq!(r.date.as_deref(), Some("2023-03-03"));
            assert_eq!(r.section.as_deref(), Some("Contexte"));
            assert_eq!(r.tags, ["Sahel", "Mali"]);
        }
        assert_eq!(&text[recs[2].start as usize..recs[2].end as usize], "| Mali | 300 |");
    }

    #[test]
    fn boilerplate_of_a_source_is_dropped_and_counted() {
        let names = ["Alpha", "Bravo", "Charlie", "Delta"];
        let docs: Vec<SourceDoc> = names
            .iter()
            .map(|i| SourceDoc {
                key: format!("d{i}"),
                source: "wire".into(),
                text: format!("WIRE DAILY NEWS\n\nStory {i} headline\n\nThe story {i} tells of a summit.\n\nFollow our live coverage"),
                ..Default::default()
            })
            .collect();
        let mut b = Boilerplate::default();
        docs.iter().for_each(|d| b.observe(d));
        let (out, dropped, _) = prepare_parallel_with(&docs, false, Some(&b), &HashMap::new(), &|_| "");
        for (i, recs) in names.iter().zip(&out) {
            let texts: Vec<_> = recs.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(texts, [format!("The story {i} tells of a summit.")]);
            assert_eq!(recs[0].title, format!("Story {i} headline"));
        }
        assert_eq!(dropped.boilerplate, 8);
        let (plain, none, _) = prepare_parallel_with(&docs, false, None, &HashMap::new(), &|_| "");
        assert_eq!(plain[0].len(), 2, "without the counter the closing line is a passage");
        assert_eq!(none.boilerplate, 0);
    }

    #[test]
    fn a_rubric_repeated_under_each_title_heads_its_section() {
        let docs: Vec<SourceDoc> = (1..=4)
            .map(|i| SourceDoc {
                key: format!("b{i}"),
                source: "desk".into(),
                text: format!("WEEKLY DESK\n\nBrief {i} on the northern front\n\nSummary\n\nThe summary number {i} covers the naval blockade.\n\nAnalysis\n\nThe analysis number {i} weighs the risks."),
                ..Default::default()
            })
            .collect();
        let mut b = Boilerplate::default();
        docs.iter().for_each(|d| b.observe(d));
        let (out, dropped, _) = prepare_parallel_with(&docs, false, Some(&b), &HashMap::new(), &|_| "");
        for recs in &out {
            let sections: Vec<&str> = recs.iter().filter_map(|r| r.section.as_deref()).collect();
            assert_eq!(sections, ["Summary", "Analysis"], "{recs:?}");
            assert!(recs[0].title.starts_with("Brief "), "the masthead is not the title");
        }
        assert_eq!(dropped.boilerplate, 4, "the masthead above each title");
    }

    #[test]
    fn one_line_files_of_a_new_folder_take_its_language() {
        let lines = [
            "Russian forces shelled Kharkiv overnight.",
            "Patriot batteries arrived in Rzeszow.",
            "The brigade moved to the border.",
            "Drone strikes hit the refinery.",
            "Sanctions target the shipping sector.",
            "Troops withdrew from the village.",
            "Ceasefire talks stalled again.",
            "Secret brief about howitzers.",
            "Good line about radar systems.",
            "Artillery shells are running low.",
            "New satellites launched for surveillance.",
            "Minister resigned after the scandal.",
            "Tanks moved to the front.",
            "The frigate docked in Souda Bay.",
            "Cyber attack disrupted the ports.",
            "Officials confirmed the deployment.",
            "Navy intercepted a cargo ship.",
            "Missile test failed over the sea.",
            "Convoy attacked near the airport.",
            "Parliament approved the defence budget.",
        ];
        let mut docs: Vec<SourceDoc> = lines
            .iter()
            .enumerate()
            .map(|(i, text)| SourceDoc { key: format!("d{i}"), text: text.to_string(), ..Default::default() })
            .collect();
        // A line that says clearly it is Spanish keeps its language among them.
        let spanish = "Madrid (EFE) — El Ministerio de Defensa presentó el nuevo plan de ciberdefensa.";
        docs.push(SourceDoc { key: "es".into(), text: spanish.into(), ..Default::default() });
        let (out, _, _) = prepare_parallel_with(&docs, false, None, &HashMap::new(), &|_| "folder");
        let langs: Vec<&str> = out.iter().map(|r| r[0].lang.as_str()).collect();
        assert_eq!(langs[..lines.len()], ["en"; 20], "{langs:?}");
        assert_eq!(langs[lines.len()], "es");
        // Lines whatlang is sure of keep their own language among them.
        let sure = [
            ("fi", "Puolustusvoimat hankkii uusia hävittäjiä Yhdysvalloista"),
            ("tr", "Türk Silahlı Kuvvetleri yeni insansız hava araçları teslim aldı"),
            ("de", "Bundeswehr beschafft neue Panzerhaubitzen für Litauen-Brigade"),
        ];
        let mut mixed: Vec<SourceDoc> = docs[..lines.len()].to_vec();
        mixed.extend(sure.iter().map(|(l, t)| SourceDoc {
            key: l.to_string(),
            text: t.to_string(),
            ..Default::default()
        }));
        let (out, _, _) = prepare_parallel_with(&mixed, false, None, &HashMap::new(), &|_| "folder");
        let langs: Vec<&str> = out[lines.len()..].iter().map(|r| r[0].lang.as_str()).collect();
        assert_eq!(langs, ["fi", "tr", "de"]);
    }

    #[test]
    fn parallel_preparation_keeps_order() {
        let docs: Vec<SourceDoc> = (0..9)
            .map(|i| SourceDoc {
                key: format!("d{i}"),
                text: format!("Passage number {i}."),
                ..Default::default()
            })
            .collect();
        let out = prepare_parallel_with(&docs, true, None, &HashMap::new(), &|_| "").0;
        let keys: Vec<_> = out.iter().map(|r| r[0].doc.clone()).collect();
        assert_eq!(keys, docs.iter().map(|d| d.key.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn a_markdown_file_reads_as_its_structure_says() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/split/weekly.md");
        let file = super::super::walk::FoundFile { path: path.clone(), key: "weekly.md".into() };
        let bytes = std::fs::read(&path).unwrap();
        let doc = super::super::read::text_doc(&file, &bytes).unwrap().unwrap();
        let recs = records(&doc, &Detector::new());
        let rows: Vec<(&str, &str)> =
            recs.iter().map(|r| (r.section.as_deref().unwrap_or(""), r.text.as_str())).collect();
        let situation = "Baltic air policing rotation › Situation";
        let aircraft = "Baltic air policing rotation › Situation › Aircraft on station";
        assert_eq!(
            rows,
            [
                (situation, "The Spanish detachment took over the air policing mission at Šiauliai on 4 March, flying Eurofighter jets."),
                (situation, "Sightings over the Gulf of Finland rose again last week:"),
                (situation, "two reconnaissance flights intercepted on Tuesday"),
                (situation, "one transport aircraft escorted without its transponder"),
                (aircraft, "Country | Aircraft | Base"),
                (aircraft, "Spain | 8 Eurofighter | Šiauliai"),
                (aircraft, "Poland | 4 F-16 | Ämari"),
                ("Baltic air policing rotation › Next rotation", "The next rotation is planned for August, with Typhoon jets from Italy."),
            ]
        );
        let r = &recs[5];
        assert_eq!(&doc.text[r.start as usize..r.end as usize], "| Spain | 8 Eurofighter | Šiauliai |");
        assert_eq!(r.title, "Weekly defence brief: Baltic air policing");
        assert_eq!(
            (r.source.as_str(), r.date.as_deref(), r.lang.as_str()),
            ("Joint Analysis Cell", Some("2024-03-12"), "en")
        );
        assert_eq!(r.tags, ["Baltic", "air policing", "NATO"]);
        assert!(recs.iter().all(|r| r.title_in_text));
    }
}
