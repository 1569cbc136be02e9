//! The scaling figures: gathered from the files `examples/scale_run.sh` leaves per
//! size, printed as a table with the goals, kept as JSON and drawn as an SVG chart.
//!
//! ```text
//! scale_chart collect WORK_DIR docs/scale.json docs/scale.svg   # after a run
//! scale_chart draw docs/scale.json docs/scale.svg               # from kept figures
//! ```
//!
//! `WORK_DIR/<factor>/` holds, for each corpus size: `corpus.txt` (the generator's
//! line), `time.txt` (`/usr/bin/time -v` of the indexing), `summary.txt` (`briefs
//! index`'s line), `du.txt` (`du -sb` of the index), `bench.json` (`briefs bench
//! --json`), `when.txt` (date, then `uptime`, before indexing); `WORK_DIR/run.txt`
//! says how the script was run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plotters::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The figures of one run.
#[derive(Debug, Serialize, Deserialize)]
struct Figures {
    /// The command that measured them.
    command: String,
    /// What the machine was and how busy, per size below.
    machine: String,
    sizes: Vec<Size>,
}

/// The figures of one corpus size.
#[derive(Debug, Serialize, Deserialize)]
struct Size {
    factor: u32,
    /// When indexing started (UTC) and the load then (`uptime`).
    measured_at: String,
    load: String,
    documents: u64,
    passages: u64,
    input_mb: f64,
    index_seconds: f64,
    /// User + system CPU seconds of the indexing: less sensitive than wall time to
    /// other processes on the machine.
    cpu_seconds: f64,
    mb_per_s: f64,
    peak_rss_mb: f64,
    index_mb: f64,
    latency: Vec<Latency>,
}

/// Query latency of one class, milliseconds.
#[derive(Debug, Serialize, Deserialize)]
struct Latency {
    class: String,
    p50: f64,
    p99: f64,
}

type Failure = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["collect", work, json, svg] => collect(Path::new(work), Path::new(json), Path::new(svg)),
        ["draw", json, svg] => draw_from(Path::new(json), Path::new(svg)),
        _ => Err("usage: scale_chart collect WORK JSON SVG | scale_chart draw JSON SVG".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale_chart: {e}");
            ExitCode::from(2)
        }
    }
}

fn collect(work: &Path, json: &Path, svg: &Path) -> Result<(), Failure> {
    let mut factors: Vec<(u32, PathBuf)> = std::fs::read_dir(work)?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path())))
        .filter(|(_, p): &(u32, PathBuf)| p.join("bench.json").is_file())
        .collect();
    factors.sort();
    let sizes = factors.iter().map(|(f, dir)| size(*f, dir)).collect::<Result<Vec<_>, _>>()?;
    let command =
        std::fs::read_to_string(work.join("run.txt")).unwrap_or_else(|_| "examples/scale_run.sh".into());
    let figures = Figures { command: command.trim().to_string(), machine: machine(), sizes };
    std::fs::write(json, serde_json::to_string_pretty(&figures)? + "\n")?;
    report(&figures, svg)
}

fn draw_from(json: &Path, svg: &Path) -> Result<(), Failure> {
    let figures: Figures = serde_json::from_str(&std::fs::read_to_string(json)?)?;
    report(&figures, svg)
}

fn report(figures: &Figures, svg: &Path) -> Result<(), Failure> {
    print_table(figures);
    draw(figures, svg)?;
    println!("chart: {}", svg.display());
    Ok(())
}

/// Cores and memory of this machine.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let total = mem.lines().next().and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok());
    format!("{cores} cores, {:.0} GB memory", total.unwrap_or(0.0) / 1024.0 / 1024.0)
}

fn read(dir: &Path, name: &str) -> Result<String, Failure> {
    std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()).into())
}

/// The number before `label` in `text` ("10952 documents" → 10952).
fn count_before(text: &str, label: &str) -> Option<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| w.trim_end_matches([',', ';']) == label)?;
    words.get(at.checked_sub(1)?)?.trim_end_matches(',').parse().ok()
}

/// The value after `label` on its line of `/usr/bin/time -v` output.
fn time_field<'a>(time: &'a str, label: &str) -> Option<&'a str> {
    time.lines().find_map(|l| l.trim().strip_prefix(label)).map(str::trim)
}

/// `h:mm:ss` or `m:ss.ss` as seconds.
fn clock_seconds(clock: &str) -> Option<f64> {
    clock.split(':').try_fold(0.0, |total, part| Some(total * 60.0 + part.parse::<f64>().ok()?))
}

fn size(factor: u32, dir: &Path) -> Result<Size, Failure> {
    let missing = |what: &str| format!("{}: no {what}", dir.display());
    let corpus = read(dir, "corpus.txt")?;
    let input_bytes = count_before(&corpus, "bytes").ok_or_else(|| missing("byte count in corpus.txt"))?;
    let summary = read(dir, "summary.txt")?;
    let time = read(dir, "time.txt")?;
    let field = |label: &str| time_field(&time, label).ok_or_else(|| missing(label));
    let index_seconds = clock_seconds(field("Elapsed (wall clock) time (h:mm:ss or m:ss):")?)
        .ok_or_else(|| missing("wall clock time"))?;
    let cpu = |label: &str| -> Result<f64, Failure> { Ok(field(label)?.parse::<f64>()?) };
    let rss_kb: f64 = field("Maximum resident set size (kbytes):")?.parse()?;
    let index_bytes: f64 = read(dir, "du.txt")?.split_whitespace().next().unwrap_or("").parse()?;
    let when = read(dir, "when.txt")?;
    let mut when = when.lines();
    let input_mb = input_bytes as f64 / 1e6;
    Ok(Size {
        factor,
        measured_at: when.next().unwrap_or_default().trim().to_string(),
        load: when.next().unwrap_or_default().trim().to_string(),
        documents: count_before(&summary, "documents").ok_or_else(|| missing("documents in summary.txt"))?,
        passages: count_before(&summary, "paragraphs").ok_or_else(|| missing("paragraphs in summary.txt"))?,
        input_mb,
        index_seconds,
        cpu_seconds: cpu("User time (seconds):")? + cpu("System time (seconds):")?,
        mb_per_s: input_mb / index_seconds.max(1e-9),
        peak_rss_mb: rss_kb / 1024.0,
        index_mb: index_bytes / 1e6,
        latency: latency(&read(dir, "bench.json")?)?,
    })
}

/// p50 and p99 per class from `briefs bench --json`.
fn latency(bench: &str) -> Result<Vec<Latency>, Failure> {
    let report: Value = serde_json::from_str(bench)?;
    let rows = report["briefs"].as_array().ok_or("bench.json: no \"briefs\" list")?;
    rows.iter()
        .map(|r| {
            let class = r["class"].as_str().ok_or("bench.json: a row without class")?.to_string();
            let ms = |k: &str| r[k].as_f64().ok_or_else(|| format!("bench.json: {class} without {k}"));
            Ok(Latency { p50: ms("p50")?, p99: ms("p99")?, class })
        })
        .collect()
}

fn print_table(figures: &Figures) {
    println!("{} ({})", figures.command, figures.machine);
    println!(
        "{:>4} {:>8} {:>9} {:>9} {:>8} {:>8} {:>7} {:>9} {:>9}  load at start",
        "size", "docs", "passages", "input MB", "index s", "CPU s", "MB/s", "peak RSS", "index MB"
    );
    for s in &figures.sizes {
        println!(
            "{:>3}x {:>8} {:>9} {:>9.0} {:>8.1} {:>8.1} {:>7.2} {:>6.0} MB {:>9.0}  {} {}",
            s.factor,
            s.documents,
            s.passages,
            s.input_mb,
            s.index_seconds,
            s.cpu_seconds,
            s.mb_per_s,
            s.peak_rss_mb,
            s.index_mb,
            s.measured_at,
            load_average(&s.load)
        );
    }
    println!("query latency, ms, p50 / p99:");
    print!("{:<18}", "class");
    figures.sizes.iter().for_each(|s| print!(" {:>17}", format!("{}x", s.factor)));
    println!();
    for class in classes(figures) {
        print!("{:<18}", class_name(&class));
        for s in &figures.sizes {
            match s.latency.iter().find(|l| l.class == class) {
                Some(l) => print!(" {:>17}", format!("{:.2} / {:.2}", l.p50, l.p99)),
                None => print!(" {:>17}", "-"),
            }
        }
        println!();
    }
    goals(figures);
}

/// The load averages of an `uptime` line.
fn load_average(uptime: &str) -> &str {
    uptime.split("load average:").nth(1).map_or(uptime, str::trim)
}

/// Every class measured, in the order of the first size.
fn classes(figures: &Figures) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in figures.sizes.iter().flat_map(|s| &s.latency) {
        if !out.contains(&l.class) {
            out.push(l.class.clone());
        }
    }
    out
}

/// The three goals, when the 1× and 8× sizes were both measured.
fn goals(figures: &Figures) {
    let at = |f: u32| figures.sizes.iter().find(|s| s.factor == f);
    let (Some(one), Some(eight)) = (at(1), at(8)) else { return };
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    let time_ratio = eight.index_seconds / one.index_seconds;
    let cpu_ratio = eight.cpu_seconds / one.cpu_seconds;
    println!(
        "goal: indexing 8x within 8.5x of 1x: wall {time_ratio:.2}x ({}), CPU {cpu_ratio:.2}x",
        verdict(time_ratio <= 8.5)
    );
    println!(
        "goal: peak RSS at 8x under 2 GB: {:.0} MB ({})",
        eight.peak_rss_mb,
        verdict(eight.peak_rss_mb < 2048.0)
    );
    let natural = |s: &Size| s.latency.iter().find(|l| l.class == "natural").map(|l| l.p50);
    if let (Some(a), Some(b)) = (natural(one), natural(eight)) {
        println!("goal: natural-language p50 at 8x at most 3x 1x: {:.2}x ({})", b / a, verdict(b / a <= 3.0));
    }
}

/// A size tick: `4x` at whole factors, nothing between.
fn factor_label(x: &f64) -> String {
    if (x - x.round()).abs() < 1e-6 && *x >= 1.0 {
        format!("{x:.0}x")
    } else {
        String::new()
    }
}

/// A query class as `briefs bench` names it in its tables.
fn class_name(class: &str) -> &str {
    match class {
        "one_term" => "1 term",
        "and2" => "2-term AND",
        "or2" => "2-term OR",
        "natural" => "natural language",
        "snippets" => "search + snippets",
        other => other,
    }
}

/// A tick label: no more decimals than the value needs.
fn short_number(y: f64) -> String {
    let text = format!("{y:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One colour per query class.
const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

fn draw(figures: &Figures, svg: &Path) -> Result<(), Failure> {
    let root = SVGBackend::new(svg, (1100, 500)).into_drawing_area();
    root.fill(&WHITE)?;
    let (left, right) = root.split_horizontally(460);
    draw_indexing(figures, &left)?;
    draw_latency(figures, &right)?;
    root.present()?;
    Ok(())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// Indexing wall and CPU seconds against size, with the line through 1× at slope 1.
fn draw_indexing(figures: &Figures, area: &Area) -> Result<(), Failure> {
    let max_factor = figures.sizes.iter().map(|s| s.factor).max().unwrap_or(1) as f64;
    let top = figures.sizes.iter().map(|s| s.index_seconds.max(s.cpu_seconds)).fold(1.0, f64::max) * 1.15;
    let mut chart = ChartBuilder::on(area)
        .caption("Indexing time", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(55)
        .build_cartesian_2d(0.0..max_factor + 0.5, 0.0..top)?;
    chart
        .configure_mesh()
        .x_desc("corpus size (x the UN General Debate corpus)")
        .y_desc("seconds")
        .x_label_formatter(&factor_label)
        .light_line_style(WHITE)
        .draw()?;
    let point = |s: &Size, y: f64| (s.factor as f64, y);
    let series = [("wall clock", COLOURS[0], true), ("CPU (user + system)", COLOURS[1], false)];
    for (name, colour, wall) in series {
        let points: Vec<(f64, f64)> = figures
            .sizes
            .iter()
            .map(|s| point(s, if wall { s.index_seconds } else { s.cpu_seconds }))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
        chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, colour.filled())))?;
    }
    if let Some(one) = figures.sizes.iter().find(|s| s.factor == 1) {
        let linear = [(1.0, one.index_seconds), (max_factor, one.index_seconds * max_factor)];
        chart
            .draw_series(DashedLineSeries::new(linear, 6, 6, BLACK.stroke_width(1)))?
            .label("linear from 1x (wall)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK));
    }
    chart.configure_series_labels().position(SeriesLabelPosition::UpperLeft).border_style(BLACK).draw()?;
    Ok(())
}

/// p50 (solid) and p99 (dashed) per query class against size, log scale.
fn draw_latency(figures: &Figures, area: &Area) -> Result<(), Failure> {
    let max_factor = figures.sizes.iter().map(|s| s.factor).max().unwrap_or(1) as f64;
    let all = figures.sizes.iter().flat_map(|s| &s.latency);
    let low = all.clone().map(|l| l.p50).fold(f64::INFINITY, f64::min).max(1e-3) / 1.5;
    // Headroom above the slowest class for the legend.
    let high = all.map(|l| l.p99).fold(0.0, f64::max).max(low * 10.0) * 30.0;
    let mut chart = ChartBuilder::on(area)
        .caption("Query latency per class: p50 solid, p99 dashed", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(55)
        .build_cartesian_2d(0.0..max_factor + 0.5, (low..high).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("corpus size (x the UN General Debate corpus)")
        .y_desc("milliseconds")
        .x_label_formatter(&factor_label)
        .y_label_formatter(&|y| short_number(*y))
        .light_line_style(WHITE)
        .draw()?;
    for (i, class) in classes(figures).iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let points = |p99: bool| -> Vec<(f64, f64)> {
            figures
                .sizes
                .iter()
                .filter_map(|s| s.latency.iter().find(|l| &l.class == class).map(|l| (s, l)))
                .map(|(s, l)| (s.factor as f64, if p99 { l.p99 } else { l.p50 }))
                .collect()
        };
        chart
            .draw_series(LineSeries::new(points(false), colour.stroke_width(2)))?
            .label(class_name(class))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
        chart.draw_series(DashedLineSeries::new(points(true), 5, 4, colour.stroke_width(1)))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}
