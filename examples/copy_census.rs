//! How many passages of an index fall in copy groups, and a few groups to judge by eye:
//!
//! ```text
//! cargo run --release --example copy_census -- INDEX_DIR [GROUPS_SHOWN] [SEED]
//! ```
//!
//! Passages sharing a copy band (see `briefs::store::sketch`: found by the band's key,
//! compared whole in the `copy` column) are candidates; a candidate joins the first
//! passage of its band's list when their word 3-shingles
//! reach the copy threshold, as a search checks them, and groups are the connected
//! sets of those links. Prints the passages in groups, the groups, the largest sizes,
//! and GROUPS_SHOWN groups (chosen with SEED among groups of two or more), each
//! member's id and the start of its text.

use std::collections::HashMap;
use std::process::ExitCode;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, TantivyDocument, TERMINATED};

use briefs::store::sketch::{band_key, jaccard, shingles, COPY_JACCARD};
use briefs::store::Store;

/// Union-find over passage numbers.
struct Groups(Vec<u32>);

impl Groups {
    fn root(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }

    fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb) as usize] = ra.min(rb);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: copy_census INDEX_DIR [GROUPS_SHOWN] [SEED]");
        return ExitCode::from(2);
    };
    let shown: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    match run(dir.as_ref(), shown, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copy_census: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: &std::path::Path, shown: usize, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(dir)?;
    let searcher = store.searcher();
    let fields = store.fields();
    let record = |addr: DocAddress| {
        let doc: TantivyDocument = searcher.doc(addr).expect("stored passage");
        fields.to_record(&doc)
    };
    let text = |addr: DocAddress| record(addr).text;
    // Passage numbers: segment bases, alive documents only.
    let mut bases = Vec::new();
    let mut total = 0u32;
    for reader in searcher.segment_readers() {
        bases.push(total);
        total += reader.max_doc();
    }
    let mut groups = Groups((0..total).collect());
    let (mut checked, mut linked) = (0u64, 0u64);
    let mut cache: HashMap<u32, Vec<u64>> = HashMap::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let index = reader.inverted_index(fields.copy_key)?;
        let bands = reader.fast_fields().u64("copy")?;
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            if terms.value().doc_freq < 2 {
                continue;
            }
            let key = u64::from_be_bytes(terms.key().try_into()?);
            let term = tantivy::Term::from_field_u64(fields.copy_key, key);
            let Some(mut postings) = index.read_postings(&term, IndexRecordOption::Basic)? else { continue };
            let alive = reader.alive_bitset();
            // The passages of each band under this key, in doc order.
            let mut by_band: HashMap<u64, Vec<u32>> = HashMap::new();
            let mut d = postings.doc();
            while d != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(d)) {
                    for band in bands.values_for_doc(d).filter(|b| band_key(*b) == key) {
                        by_band.entry(band).or_default().push(d);
                    }
                }
                d = postings.advance();
            }
            for docs in by_band.values() {
                link_band(docs, ord, &bases, &mut groups, &mut cache, &text, &mut checked, &mut linked);
            }
            if cache.len() > 200_000 {
                cache.clear();
            }
        }
    }
    let line = |addr: DocAddress| {
        let r = record(addr);
        format!("{}  {}", r.id, r.text.chars().take(150).collect::<String>())
    };
    report(&mut groups, &bases, total, checked, linked, shown, seed, &line);
    Ok(())
}

/// Links the passages of one band's list (`docs`, of segment `ord`) to its first where
/// their texts are copies.
#[allow(clippy::too_many_arguments)]
fn link_band(
    docs: &[u32],
    ord: usize,
    bases: &[u32],
    groups: &mut Groups,
    cache: &mut HashMap<u32, Vec<u64>>,
    text: &dyn Fn(DocAddress) -> String,
    checked: &mut u64,
    linked: &mut u64,
) {
    let Some((&first, rest)) = docs.split_first() else { return };
    let n_first = bases[ord] + first;
    let head =
        cache.entry(n_first).or_insert_with(|| shingles(&text(DocAddress::new(ord as u32, first)))).clone();
    for &other in rest {
        let n = bases[ord] + other;
        if groups.root(n) == groups.root(n_first) {
            continue;
        }
        *checked += 1;
        if jaccard(&head, &shingles(&text(DocAddress::new(ord as u32, other)))) >= COPY_JACCARD {
            groups.join(n, n_first);
            *linked += 1;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    groups: &mut Groups,
    bases: &[u32],
    total: u32,
    checked: u64,
    linked: u64,
    shown: usize,
    seed: u64,
    line: &dyn Fn(DocAddress) -> String,
) {
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for n in 0..total {
        let root = groups.root(n);
        if root != n || members.contains_key(&root) {
            members.entry(root).or_default().push(n);
        }
    }
    let mut multi: Vec<Vec<u32>> = members
        .into_iter()
        .map(|(root, mut m)| {
            m.insert(0, root);
            m.sort_unstable();
            m.dedup();
            m
        })
        .filter(|m| m.len() > 1)
        .collect();
    multi.sort();
    let in_groups: usize = multi.iter().map(Vec::len).sum();
    println!("passage slots {total}; candidates checked {checked}, copies linked {linked}");
    println!(
        "passages in copy groups {in_groups} ({:.2} %), groups {}",
        100.0 * in_groups as f64 / total.max(1) as f64,
        multi.len()
    );
    let mut sizes: Vec<usize> = multi.iter().map(Vec::len).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!("largest groups: {:?}", &sizes[..sizes.len().min(10)]);
    let addr = |n: u32| {
        let ord = bases.iter().rposition(|b| *b <= n).unwrap_or(0);
        DocAddress::new(ord as u32, n - bases[ord])
    };
    let mut state = seed;
    for _ in 0..shown.min(multi.len()) {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let group = &multi[(state >> 33) as usize % multi.len()];
        println!("\ngroup of {}:", group.len());
        for &n in group.iter().take(4) {
            println!("  {}", line(addr(n)));
        }
    }
}
