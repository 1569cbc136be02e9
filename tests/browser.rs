//! `briefs serve` end to end: the real binary on a free loopback port over an index of
//! the fixture briefs, driven by headless Chromium through the DevTools protocol; and
//! the server following another process's `briefs index`.
//!
//! Chromium is required: without it the browser test fails and says to run `.ci/run`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve/briefs.jsonl")
}

/// Indexes `files` into `index` with the real binary.
fn index(index: &Path, files: &[&Path]) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefs"))
        .arg("--index")
        .arg(index)
        .arg("index")
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "briefs index: {}", String::from_utf8_lossy(&out.stderr));
}

/// `briefs serve` on a free loopback port; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(index: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefs"))
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("briefs serve ended before saying where it listens").unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().trim_end_matches('/').to_string();
            }
        };
        // Keep reading stderr so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Headless Chromium with a fresh profile, or a failure that says how to install it.
fn browser(profile: &Path) -> Browser {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: run .ci/run (it installs Debian's chromium) or `apt-get install -y chromium`"
    );
    let args =
        ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
    let options = LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(PathBuf::from(CHROMIUM)),
        user_data_dir: Some(profile.to_path_buf()),
        window_size: Some((1280, 900)),
        args: args.iter().map(std::ffi::OsStr::new).collect(),
        idle_browser_timeout: Duration::from_secs(300),
        ..LaunchOptions::default()
    };
    Browser::new(options).expect("chromium does not start")
}

/// The value of a JavaScript expression.
fn eval(tab: &Tab, js: &str) -> Value {
    tab.evaluate(js, false).unwrap_or_else(|e| panic!("{js}: {e}")).value.unwrap_or(Value::Null)
}

/// Waits until a JavaScript condition holds (10 s at most).
fn wait_until(tab: &Tab, condition: &str, what: &str) {
    let started = Instant::now();
    while eval(tab, condition) != Value::Bool(true) {
        let status = eval(tab, "document.getElementById('status').textContent");
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: timed out (status: {status})");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap().wait_until_navigated().unwrap();
}

/// Waits for a results list drawn for the URL now shown.
fn wait_for_results(tab: &Tab, what: &str) {
    wait_until(tab, "document.querySelectorAll('#results li.hit').length > 0 && !document.getElementById('main').hasAttribute('aria-busy')", what);
}

fn count(tab: &Tab, selector: &str) -> u64 {
    eval(tab, &format!("document.querySelectorAll({selector:?}).length")).as_u64().unwrap()
}

/// A JavaScript array of strings.
fn strings(tab: &Tab, js: &str) -> Vec<String> {
    let json = eval(tab, &format!("JSON.stringify({js})"));
    serde_json::from_str(json.as_str().unwrap()).unwrap()
}

/// The JSON body of a GET over a new connection.
fn get_json(url: &str) -> Value {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap()
}

/// Saves a screenshot under the target folder's `tmp/`, to look at after a run.
fn shot(tab: &Tab, name: &str) {
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(name), png).unwrap();
}

#[test]
fn the_search_page_works_in_a_real_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&index_dir, &[&fixture()]);
    let server = Server::start(&index_dir);
    let browser = browser(&tmp.path().join("profile"));
    let tab: Arc<Tab> = browser.new_tab().unwrap();
    let base = &server.url;

    // The page loads, and a search shows highlighted passages.
    open(&tab, &format!("{base}/?q=troops"));
    wait_for_results(&tab, "search for troops");
    let marks = strings(&tab, "[...document.querySelectorAll('#results mark')].map(m => m.textContent)");
    assert!(!marks.is_empty(), "no <mark> in the results");
    assert!(marks.iter().all(|m| m.to_lowercase().starts_with("troop")), "{marks:?}");

    // A passage matched by its title alone shows the match in its title.
    open(&tab, &format!("{base}/?q=patrols"));
    wait_for_results(&tab, "search for a word of a title only");
    let title_marks =
        strings(&tab, "[...document.querySelectorAll('#results .title mark')].map(m => m.textContent)");
    assert!(!title_marks.is_empty() && title_marks.iter().all(|m| m == "patrols"), "{title_marks:?}");
    shot(&tab, "title-highlight.png");

    // A long passage's snippet is cut, and each cut is marked once.
    open(&tab, &format!("{base}/?q=railway%20logistics"));
    wait_for_results(&tab, "search for a long passage");
    let snippets =
        strings(&tab, "[...document.querySelectorAll('#results .snippet')].map(p => p.textContent)");
    assert!(snippets.iter().any(|s| s.contains('…')), "the long passage is cut: {snippets:?}");
    assert!(
        snippets.iter().all(|s| !s.contains("… …") && !s.contains("……")),
        "cuts marked once: {snippets:?}"
    );
    open(&tab, &format!("{base}/?q=troops"));
    wait_for_results(&tab, "search for troops, again");

    // The hostile brief is in the results, as text: nothing ran, nothing was injected.
    let texts = strings(&tab, "[...document.querySelectorAll('#results li.hit')].map(li => li.textContent)");
    assert!(texts.iter().any(|t| t.contains("<script>document.title='pwned'</script>")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("<img src=x onerror=")), "{texts:?}");
    assert_eq!(eval(&tab, "document.title"), "troops · briefs");
    assert_eq!(eval(&tab, "document.body.dataset.pwned === undefined"), true);
    assert_eq!(count(&tab, "#results script, #results img, #results iframe, #results object"), 0);
    assert_eq!(count(&tab, "a[href^='javascript:' i]"), 0);
    assert_eq!(count(&tab, "script"), 1, "only the page's own script");

    // A hostile query is text too.
    let hostile = "%3Cimg%20src%3Dx%20onerror%3D%22document.title%3D'pwned'%22%3E";
    open(&tab, &format!("{base}/?q={hostile}"));
    wait_until(&tab, "document.getElementById('status').textContent.length > 0", "hostile query");
    assert_eq!(count(&tab, "img"), 0);
    assert_ne!(eval(&tab, "document.title"), "pwned");

    // The language facet narrows the results (clicked with the mouse).
    open(&tab, &format!("{base}/?q=troops%20OR%20troupes%20OR%20Truppen"));
    wait_for_results(&tab, "search in three languages");
    let langs =
        strings(&tab, "[...document.querySelectorAll('#facet-lang button')].map(b => b.dataset.value)");
    assert!(langs.iter().any(|l| l == "fr") && langs.iter().any(|l| l != "fr"), "{langs:?}");
    let before = eval(
        &tab,
        "[...document.querySelectorAll('#facet-lang .count')].reduce((n, c) => n + +c.textContent, 0)",
    );
    tab.find_element("#facet-lang button[data-value='fr']").unwrap().click().unwrap();
    wait_until(&tab, "location.search.includes('lang=fr')", "lang=fr in the URL");
    wait_until(
        &tab,
        "[...document.querySelectorAll('#results .lang')].every(s => s.title === 'fr') && document.querySelectorAll('#results li.hit').length > 0",
        "French passages only",
    );
    let french = count(&tab, "#results li.hit");
    assert!(french < before.as_u64().unwrap(), "{french} of {before}");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector(\"#facet-lang button[data-value='fr']\").getAttribute('aria-pressed')"
        ),
        "true"
    );
    // The URL holds the query: opened afresh, it shows the same results.
    let shared = eval(&tab, "location.href").as_str().unwrap().to_string();
    open(&tab, &shared);
    wait_for_results(&tab, "shared link");
    assert_eq!(count(&tab, "#results li.hit"), french);

    // A slip is repaired and said, not refused: the page reads queries leniently.
    open(&tab, &format!("{base}/?q=%22troops"));
    wait_for_results(&tab, "query with an unclosed quote");
    let status = eval(&tab, "document.getElementById('status').textContent");
    assert!(status.as_str().unwrap().contains("Note:"), "{status}");

    // A misspelt word offers the word the passages hold, as a link that searches it.
    open(&tab, &format!("{base}/?q=trooops&lang=en"));
    wait_until(&tab, "document.querySelector('#status .suggestions a') !== null", "did you mean");
    shot(&tab, "did-you-mean.png");
    tab.find_element("#status .suggestions a").unwrap().click().unwrap();
    wait_until(&tab, "location.search === '?q=troops&lang=en'", "the suggestion searched, filter kept");
    wait_for_results(&tab, "results for the suggestion");

    // Keyboard alone: `/` focuses the box, typing and Enter search.
    open(&tab, &format!("{base}/"));
    wait_until(&tab, "document.getElementById('status').textContent.includes('passages')", "home page");
    tab.press_key("/").unwrap();
    assert_eq!(eval(&tab, "document.activeElement.id"), "q");
    tab.type_str("drones").unwrap().press_key("Enter").unwrap();
    wait_until(&tab, "location.search === '?q=drones'", "search by keyboard");
    wait_for_results(&tab, "results for drones");

    // "More like this" shows similar passages, not the example itself.
    let example =
        eval(&tab, "document.querySelector('#results .title').dataset.id").as_str().unwrap().to_string();
    tab.find_element("#results li.hit .like").unwrap().click().unwrap();
    wait_until(&tab, "location.search.startsWith('?like=')", "like in the URL");
    wait_for_results(&tab, "similar passages");
    let similar = strings(&tab, "[...document.querySelectorAll('#results .title')].map(b => b.dataset.id)");
    assert!(!similar.contains(&example), "{example} in {similar:?}");
    assert!(count(&tab, "#terms li") > 0, "the terms of the example are shown");
    shot(&tab, "like.png");

    // A click on a title shows the passage in its document, with its neighbours.
    open(&tab, &format!("{base}/?q=%22deployment%20of%20troops%22"));
    wait_for_results(&tab, "phrase search");
    tab.find_element("#results .title").unwrap().click().unwrap();
    wait_until(&tab, "document.getElementById('context').open && document.querySelectorAll('#context-body .passage').length >= 3", "context dialog");
    assert_eq!(count(&tab, "#context-body .passage.current"), 1);
    shot(&tab, "context.png");
    tab.press_key("Escape").unwrap();
    wait_until(&tab, "!document.getElementById('context').open", "dialog closed by Escape");

    // Paging: the next page starts where the first ended.
    open(&tab, &format!("{base}/?q=troops%20OR%20drones%20OR%20troupes%20OR%20air"));
    wait_for_results(&tab, "wide search");
    assert_eq!(count(&tab, "#results li.hit"), 10);
    tab.find_element("#next").unwrap().click().unwrap();
    wait_until(&tab, "location.search.includes('offset=10')", "offset in the URL");
    wait_until(&tab, "document.querySelector('#results .rank')?.textContent === '11'", "second page");

    // Readable at 360 px: nothing wider than the screen.
    open(&tab, &format!("{base}/?q=troops%20OR%20troupes%20OR%20Truppen"));
    wait_for_results(&tab, "search before the screenshot");
    shot(&tab, "search-page.png");
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 360,
        height: 780,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    open(&tab, &format!("{base}/?q=troops%20OR%20troupes%20OR%20Truppen"));
    wait_for_results(&tab, "narrow screen");
    assert_eq!(eval(&tab, "window.innerWidth"), 360);
    let width = eval(&tab, "document.documentElement.scrollWidth").as_u64().unwrap();
    assert!(width <= 360, "the page is {width} px wide at 360 px");
    shot(&tab, "search-page-360.png");
}

#[test]
fn serve_follows_another_process_index_run() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&index_dir, &[&fixture()]);
    let server = Server::start(&index_dir);
    let search = || get_json(&format!("{}/api/search?q=zeppelin", server.url));
    assert_eq!(search()["hits"], serde_json::json!([]));
    let extra = tmp.path().join("extra.jsonl");
    std::fs::write(
        &extra,
        "{\"id\": \"air\", \"title\": \"Airships\", \"text\": \"A zeppelin flew over the harbour.\"}\n",
    )
    .unwrap();
    index(&index_dir, &[&fixture(), &extra]);
    let committed = Instant::now();
    while search()["hits"].as_array().unwrap().is_empty() {
        assert!(committed.elapsed() < Duration::from_secs(5), "the new passage is not searched after 5 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("searched {:?} after the other process's commit", committed.elapsed());
    assert!(committed.elapsed() < Duration::from_secs(3));
}

#[test]
fn a_public_address_needs_public() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&index_dir, &[&fixture()]);
    let out = Command::new(env!("CARGO_BIN_EXE_briefs"))
        .arg("--index")
        .arg(&index_dir)
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--public"), "{stderr}");
}
