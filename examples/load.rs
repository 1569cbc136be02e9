//! Load test of `briefs serve`: concurrent keep-alive clients on loopback send the
//! questions of a TSV file (`ID<TAB>QUESTION`) to `/api/search` (plain words, 10 hits
//! with snippets) and report requests/s, latency percentiles, errors and the server's
//! memory (VmRSS each second, VmHWM at the end).
//!
//! ```text
//! cargo build --release --bin briefs --example load
//! target/release/examples/load --server target/release/briefs --index /tmp/ung \
//!     --queries /work/shared/eval/speed-queries-en.tsv --clients 32 --seconds 30
//! ```
//!
//! The server is started on a free port and stopped at the end. Latencies are measured
//! by the clients, which share the machine with the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The command line.
struct Args {
    server: PathBuf,
    index: PathBuf,
    queries: PathBuf,
    clients: usize,
    seconds: u64,
    warmup: u64,
    n: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        server: PathBuf::from("target/release/briefs"),
        index: PathBuf::from("index"),
        queries: PathBuf::from("/work/shared/eval/speed-queries-en.tsv"),
        clients: 32,
        seconds: 30,
        warmup: 5,
        n: 10,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--server" => args.server = value.into(),
            "--index" => args.index = value.into(),
            "--queries" => args.queries = value.into(),
            "--clients" => args.clients = number()?.max(1) as usize,
            "--seconds" => args.seconds = number()?.max(1),
            "--warmup" => args.warmup = number()?,
            "-n" => args.n = number()?.max(1) as usize,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

/// `briefs serve` on a free loopback port, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(binary: &PathBuf, index: &PathBuf) -> Result<Server, String> {
        let mut child = Command::new(binary)
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut lines = BufReader::new(child.stderr.take().ok_or("no stderr")?).lines();
        let addr = loop {
            let line = lines.next().ok_or("the server ended before listening")?.map_err(|e| e.to_string())?;
            if let Some(at) = line.find("http://") {
                let addr = line[at + 7..].split('/').next().unwrap_or_default();
                break addr.parse().map_err(|_| format!("no address in {line:?}"))?;
            }
            eprintln!("server: {line}");
        };
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { child, addr })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A field of /proc/PID/status, in kB.
fn proc_status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU seconds (user + system) used by a process so far, from /proc/PID/stat.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which ends with the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Percent-encodes a query-string value.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One keep-alive connection.
struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    /// Sends a GET and reads the whole answer: the status and the body length.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(self.addr)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(10)))?;
            self.stream = Some(BufReader::new(stream));
        }
        let result = self.exchange(path);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn exchange(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let reader = self.stream.as_mut().expect("connected");
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let ok = status == 200 && body.starts_with(b"{\"query\"");
        Ok((if ok { 200 } else { status.max(1) }, length))
    }
}

/// What one client measured.
#[derive(Default)]
struct Tally {
    micros: Vec<u32>,
    errors: usize,
    bytes: usize,
}

fn client(
    addr: SocketAddr,
    paths: Arc<Vec<String>>,
    first: usize,
    step: usize,
    measuring: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
) -> Tally {
    let mut tally = Tally::default();
    let mut conn = Client { addr, stream: None };
    let mut i = first;
    while !stop.load(Ordering::Relaxed) {
        let path = &paths[i % paths.len()];
        i += step;
        let started = Instant::now();
        let outcome = conn.get(path);
        let micros = started.elapsed().as_micros().min(u32::MAX as u128) as u32;
        if !measuring.load(Ordering::Relaxed) {
            continue;
        }
        match outcome {
            Ok((200, bytes)) => {
                tally.micros.push(micros);
                tally.bytes += bytes;
            }
            Ok(_) | Err(_) => tally.errors += 1,
        }
    }
    tally
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at] as f64 / 1000.0
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("load: {e}");
        std::process::exit(2)
    });
    let text = std::fs::read_to_string(&args.queries).unwrap_or_else(|e| {
        eprintln!("load: cannot read {}: {e}", args.queries.display());
        std::process::exit(2)
    });
    let paths: Vec<String> = text
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(_, q)| q.trim()))
        .filter(|q| !q.is_empty())
        .map(|q| format!("/api/search?q={}&n={}&plain=true", encode(q), args.n))
        .collect();
    let paths = Arc::new(paths);
    let server = Server::start(&args.server, &args.index).unwrap_or_else(|e| {
        eprintln!("load: {e}");
        std::process::exit(2)
    });
    let pid = server.child.id();
    println!(
        "load: {} questions, {} clients, {} s warm-up + {} s measured, server pid {pid} at {}",
        paths.len(),
        args.clients,
        args.warmup,
        args.seconds,
        server.addr
    );
    println!("server RSS after start: {} MB", proc_status_kb(pid, "VmRSS:") / 1024);

    let measuring = Arc::new(AtomicBool::new(args.warmup == 0));
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..args.clients)
        .map(|c| {
            let (paths, measuring, stop) = (paths.clone(), measuring.clone(), stop.clone());
            std::thread::spawn(move || client(server.addr, paths, c, args.clients, measuring, stop))
        })
        .collect();
    std::thread::sleep(Duration::from_secs(args.warmup));
    let warm_rss = proc_status_kb(pid, "VmRSS:");
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    let cpu_at_start = (cpu_seconds(&pid.to_string()), cpu_seconds("self"));
    let mut rss = Vec::new();
    while started.elapsed() < Duration::from_secs(args.seconds) {
        std::thread::sleep(Duration::from_secs(1));
        rss.push(proc_status_kb(pid, "VmRSS:"));
    }
    let cpu = (cpu_seconds(&pid.to_string()) - cpu_at_start.0, cpu_seconds("self") - cpu_at_start.1);
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let mut micros = Vec::new();
    let (mut errors, mut bytes) = (0, 0);
    for t in threads {
        let tally = t.join().expect("client thread");
        micros.extend(tally.micros);
        errors += tally.errors;
        bytes += tally.bytes;
    }
    micros.sort_unstable();
    let ok = micros.len();
    println!("requests: {ok} ok, {errors} errors in {elapsed:.1} s → {:.0} req/s", ok as f64 / elapsed);
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&micros, 0.50),
        percentile(&micros, 0.90),
        percentile(&micros, 0.99),
        percentile(&micros, 1.0)
    );
    println!("response bytes: {:.1} KB mean", bytes as f64 / ok.max(1) as f64 / 1024.0);
    println!(
        "CPU while measured: server {:.1} s ({:.2} ms a request), clients {:.1} s",
        cpu.0,
        cpu.0 * 1000.0 / ok.max(1) as f64,
        cpu.1
    );
    let mb = |kb: u64| kb as f64 / 1024.0;
    let (low, high) = (rss.iter().min().copied().unwrap_or(0), rss.iter().max().copied().unwrap_or(0));
    println!(
        "server RSS MB: {:.0} after warm-up, {:.0}–{:.0} while measured, {:.0} at the end; peak (VmHWM) {:.0}",
        mb(warm_rss),
        mb(low),
        mb(high),
        mb(*rss.last().unwrap_or(&0)),
        mb(proc_status_kb(pid, "VmHWM:"))
    );
}
