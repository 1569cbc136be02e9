//! The server's tests: every endpoint, status and hostile request in-process through
//! `oneshot`, and on a real socket the slow client, the timeout, graceful shutdown and
//! following another writer's commits.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use briefs::{Engine, IndexOptions};

use super::guard::Hosts;
use super::{app, AppState, Limits};

/// The fixture corpus (shared with the browser tests).
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve/briefs.jsonl")
}

/// Builds an index of `files` in a new temporary folder.
fn build_index(files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    briefs::ingest::run(&index, &IndexOptions::new(files.to_vec()), &mut |_| {}).unwrap();
    dir
}

/// The fixture's index, built once for the in-process tests (which only read it).
fn index() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| build_index(&[fixture()])).path().join("index")
}

fn app_on(index: &Path, limits: &Limits) -> Router {
    let state = AppState::new(Engine::open(index).unwrap(), limits);
    app(state, Hosts::Loopback, limits, false)
}

fn server() -> Router {
    app_on(&index(), &Limits::default())
}

/// Sends one request to a fresh router: status, headers, body.
async fn send(request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = server().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (parts.status, parts.headers, bytes.to_vec())
}

fn request(method: Method, uri: &str) -> Request<Body> {
    Request::builder().method(method).uri(uri).body(Body::empty()).unwrap()
}

/// A GET whose answer must be JSON: status and value.
async fn get(uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = send(request(Method::GET, uri)).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
    (status, serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{uri}: {e}")))
}

async fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let request = Request::post(uri).header(header::CONTENT_TYPE, content_type).body(body.into()).unwrap();
    let (status, _, body) = send(request).await;
    (status, serde_json::from_slice(&body).unwrap())
}

/// Asserts an error answer of this status and kind.
fn assert_error(status: StatusCode, body: &Value, want: StatusCode, kind: &str, context: &str) {
    assert_eq!(status, want, "{context}: {body}");
    assert_eq!(body["error"]["kind"], kind, "{context}: {body}");
    assert!(!body["error"]["message"].as_str().unwrap().is_empty(), "{context}");
}

fn ids(body: &Value) -> Vec<String> {
    body["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

/// The highlighted strings of a hit, cut from its fragment by the byte ranges.
fn marked(hit: &Value) -> Vec<String> {
    let fragment = hit["snippet"]["fragment"].as_str().unwrap();
    let ranges = hit["snippet"]["highlights"].as_array().unwrap();
    ranges
        .iter()
        .map(|r| fragment[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_string())
        .collect()
}

#[tokio::test]
async fn search_answers_wire_hits_with_highlights() {
    let (status, body) = get("/api/search?q=troops").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits = body["hits"].as_array().unwrap();
    assert!(hits.len() >= 3, "{body}");
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit["rank"], i + 1);
        for key in ["id", "doc", "title", "source", "lang", "text"] {
            assert!(hit[key].is_string(), "{key} in {hit}");
        }
    }
    let words: Vec<String> = hits.iter().flat_map(marked).collect();
    assert!(!words.is_empty());
    assert!(words.iter().all(|w| w.to_lowercase().starts_with("troop")), "{words:?}");
    assert_eq!(body["query"], "troops");
    assert_eq!(body["offset"], 0);
}

/// Every hit for `troops` (the fixture has fewer than 50).
async fn all_troops() -> Value {
    get("/api/search?q=troops&n=50").await.1
}

#[tokio::test]
async fn filters_narrow_the_hits() {
    let (_, all) = get("/api/search?q=troops%20OR%20troupes%20OR%20Truppen&n=50").await;
    let langs: Vec<&str> =
        all["hits"].as_array().unwrap().iter().map(|h| h["lang"].as_str().unwrap()).collect();
    assert!(langs.contains(&"en") && langs.contains(&"fr"), "{langs:?}");
    let (_, fr) = get("/api/search?q=troops%20OR%20troupes%20OR%20Truppen&n=50&lang=FR").await;
    let fr_hits = fr["hits"].as_array().unwrap();
    assert!(!fr_hits.is_empty() && fr_hits.len() < langs.len());
    assert!(fr_hits.iter().all(|h| h["lang"] == "fr"), "{fr}");

    let (_, dated) = get("/api/search?q=troops&n=50&since=2024-01&until=2024-03-31").await;
    let dates: Vec<&str> =
        dated["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(!dates.is_empty());
    assert!(dates.iter().all(|d| ("2024-01".."2024-04").contains(d)), "{dates:?}");

    let (_, source) = get("/api/search?q=troops%20OR%20drones&n=50&source=Defence%20Monitor").await;
    let sources = source["hits"].as_array().unwrap();
    assert!(!sources.is_empty());
    assert!(sources.iter().all(|h| h["source"] == "Defence Monitor"), "{source}");
    // Feedback re-ranks the same matches.
    let (status, fed) = get("/api/search?q=troops&n=50&feedback=true").await;
    assert_eq!(status, StatusCode::OK, "{fed}");
    let (mut a, mut b) = (ids(&all_troops().await), ids(&fed));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Blank parameters, as a form sends them, are no filter.
    let (_, blank) = get("/api/search?q=troops&lang=&source=&since=&until=&sort=&feedback=&all=").await;
    let (_, plain) = get("/api/search?q=troops").await;
    assert_eq!(ids(&blank), ids(&plain));
}

#[tokio::test]
async fn pages_follow_each_other() {
    let (_, four) = get("/api/search?q=troops%20OR%20drones&n=4").await;
    let (_, first) = get("/api/search?q=troops%20OR%20drones&n=2").await;
    let (_, second) = get("/api/search?q=troops%20OR%20drones&n=2&offset=2").await;
    assert_eq!(ids(&four).len(), 4);
    assert_eq!([ids(&first), ids(&second)].concat(), ids(&four));
    assert_eq!(first["more"], true);
    assert_eq!(second["hits"][0]["rank"], 3);
    let (_, all) = get("/api/search?q=troops%20OR%20drones&n=100").await;
    assert_eq!(all["more"], false);
    let total = ids(&all).len();
    let (_, past) = get(&format!("/api/search?q=troops%20OR%20drones&n=10&offset={total}")).await;
    assert!(ids(&past).is_empty());
    assert_eq!(past["more"], false);
}

#[tokio::test]
async fn facets_count_values_outside_their_own_filter() {
    let q = "/api/search?q=troops%20OR%20troupes%20OR%20Truppen%20OR%20drones&facets=lang,source";
    let (_, all) = get(q).await;
    let (_, wide) = get(&q.replace("facets=lang,source", "n=200")).await;
    let count = |lang: &str| wide["hits"].as_array().unwrap().iter().filter(|h| h["lang"] == lang).count();
    let values = all["facets"]["lang"]["values"].as_array().unwrap();
    for v in values {
        assert_eq!(v["count"].as_u64().unwrap() as usize, count(v["value"].as_str().unwrap()), "{v}");
    }
    assert!(values.len() >= 3, "{values:?}");
    // Filtered to French, the language facet still offers the others.
    let (_, fr) = get(&format!("{q}&lang=fr")).await;
    assert_eq!(fr["facets"]["lang"]["values"], all["facets"]["lang"]["values"]);
    let sources = fr["facets"]["source"]["values"].as_array().unwrap();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_eq!(sources[0]["value"], "Revue de Défense");
    assert!(get("/api/search?q=troops").await.1.get("facets").is_none());
}

#[tokio::test]
async fn date_order_is_newest_first() {
    let (status, body) = get("/api/search?q=troops%20OR%20drones%20OR%20troupes&sort=date&n=50").await;
    assert_eq!(status, StatusCode::OK);
    let dates: Vec<&str> =
        body["hits"].as_array().unwrap().iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.len() >= 3);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(body["sort"], "date");
    assert_eq!(body["window"], super::adapt::DATE_WINDOW);
}

#[tokio::test]
async fn bad_parameters_are_usage_errors() {
    let cases = [
        "/api/search",
        "/api/search?q=",
        "/api/search?q=%20%20",
        "/api/search?q=troops&n=0",
        "/api/search?q=troops&n=abc",
        "/api/search?q=troops&n=10001",
        "/api/search?q=troops&n=-1",
        "/api/search?q=troops&offset=9995&n=10",
        "/api/search?q=troops&offset=x",
        "/api/search?q=troops&lang=english",
        "/api/search?q=troops&since=2025-02-30",
        "/api/search?q=troops&until=tomorrow",
        "/api/search?q=troops&sort=random",
        "/api/search?q=troops&facets=colour",
        "/api/search?q=troops&plain=maybe",
        "/api/search?q=troops&feedback=often",
        "/api/search?q=troops&all=2",
        "/api/search?q=troops&colour=red",
        "/api/search?q=troops&q=drones",
        "/api/search?q=%22unclosed",
        "/api/search?q=troops%20AND",
        "/api/like",
        "/api/like?id=nato-east%231&n=0",
        "/api/like?id=nato-east%231&other_docs=perhaps",
        "/api/passage/nato-east%231?context=9",
        "/api/passage/nato-east%231?context=many",
    ];
    for uri in cases {
        let (status, body) = get(uri).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", uri);
        // The API's words, not the command line's.
        let message = body["error"]["message"].as_str().unwrap();
        assert!(!message.contains("--") && !message.contains("-n "), "{uri}: {message}");
    }
    let (_, body) = get("/api/search?q=%22unclosed").await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .ends_with("add lenient=true to search it anyway, or plain=true to search the words as typed"));
}

#[tokio::test]
async fn a_lenient_query_is_repaired_and_noted() {
    let (status, body) = get("/api/search?q=%22troops&lenient=true").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!ids(&body).is_empty(), "{body}");
    let notes = body["notes"].as_array().expect("notes");
    assert!(notes.iter().any(|n| n.as_str().unwrap().contains("quote")), "{body}");
    let (_, clean) = get("/api/search?q=troops&lenient=true").await;
    assert!(clean.get("notes").is_none(), "{clean}");
    let (status, body) = get("/api/search?q=troops&lenient=true&plain=true").await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", "lenient and plain");
}

#[tokio::test]
async fn no_hits_come_with_the_closest_words() {
    let (status, body) = get("/api/search?q=trooops").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(ids(&body).is_empty(), "{body}");
    let suggestions = body["suggestions"].as_array().expect("suggestions");
    assert!(suggestions.iter().any(|s| s["suggestion"] == "troops"), "{body}");
    let (_, found) = get("/api/search?q=troops").await;
    assert!(found.get("suggestions").is_none(), "{found}");
}

#[tokio::test]
async fn a_long_query_string_is_refused_early() {
    // The largest target the http crate builds; 10 MB ones are tried on a real socket.
    let uri = format!("/api/search?q={}", "troops+".repeat(60_000 / 7));
    let (status, body) = get(&uri).await;
    assert_error(status, &body, StatusCode::URI_TOO_LONG, "usage", "60 KB query");
    // A long query under the target limit reaches the library, which bounds it.
    let (status, body) = get(&format!("/api/search?q={}", "a+".repeat(1500))).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", "1500 words");
    assert!(body.to_string().len() < 400, "the message does not echo the whole query: {body}");
}

#[tokio::test]
async fn like_by_id_leaves_the_example_out() {
    let (status, body) = get("/api/like?id=nato-east%231").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits = ids(&body);
    assert!(!hits.is_empty());
    assert!(!hits.contains(&"nato-east#1".to_string()), "{hits:?}");
    assert!(!body["terms"].as_array().unwrap().is_empty());
    let (_, other) = get("/api/like?id=nato-east%231&other_docs=true&n=3").await;
    assert!(ids(&other).len() <= 3);
    assert!(ids(&other).iter().all(|id| !id.starts_with("nato-east#")), "{other}");
    let (status, body) = get("/api/like?id=nowhere%231").await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found", "unknown id");
}

#[tokio::test]
async fn like_by_text_takes_plain_text_or_json() {
    let text = "drones and jammers carried by small units";
    let (status, plain) = post("/api/like", "text/plain; charset=utf-8", text).await;
    assert_eq!(status, StatusCode::OK, "{plain}");
    assert!(ids(&plain).iter().any(|id| id.starts_with("drones-en#")), "{plain}");
    let (status, json) =
        post("/api/like", "application/json", serde_json::json!({ "text": text }).to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&json), ids(&plain));

    let (status, body) = post("/api/like", "text/plain", "   ").await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", "blank text");
    let (status, body) = post("/api/like", "application/json", "{\"txt\": 1}").await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", "bad JSON");
    let (status, body) = post("/api/like", "text/plain", vec![0xff, 0xfe, 0x00]).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "usage", "not UTF-8");
    let (status, body) = post("/api/like", "application/xml", "<text/>").await;
    assert_error(status, &body, StatusCode::UNSUPPORTED_MEDIA_TYPE, "usage", "xml");
    let (status, body) = post("/api/like", "text/plain", "troops ".repeat(100_000)).await;
    assert_error(status, &body, StatusCode::PAYLOAD_TOO_LARGE, "too_large", "700 KB body");
}

#[tokio::test]
async fn a_passage_comes_with_its_neighbours() {
    let (status, body) = get("/api/passage/nato-east%232").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["passage"]["id"], "nato-east#2");
    let before: Vec<&Value> = body["before"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
    let after: Vec<&Value> = body["after"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
    assert_eq!(before, ["nato-east#1"]);
    assert_eq!(after, ["nato-east#3"]);
    let (_, wide) = get("/api/passage/nato-east%232?context=3").await;
    let after: Vec<&Value> = wide["after"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
    assert_eq!(after, ["nato-east#3", "nato-east#4"]);
    assert_eq!(wide["before"].as_array().unwrap().len(), 1);
    let (_, alone) = get("/api/passage/nato-east%232?context=0").await;
    assert!(alone["before"].as_array().unwrap().is_empty() && alone["after"].as_array().unwrap().is_empty());
    let (status, body) = get("/api/passage/nato-east%2399").await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found", "missing passage");
    let (status, body) = get("/api/passage/..%2F..%2Fetc%2Fpasswd").await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found", "traversal as an id");
}

#[tokio::test]
async fn stats_count_the_index() {
    let (status, body) = get("/api/stats").await;
    assert_eq!(status, StatusCode::OK);
    let engine = Engine::open(&index()).unwrap();
    let all = engine
        .search(
            "troops OR drones OR troupes OR Truppen OR armées OR Soldaten OR ships OR a",
            &Default::default(),
        )
        .unwrap();
    assert!(body["passages"].as_u64().unwrap() as usize >= all.hits.len());
    let langs: Vec<&str> =
        body["languages"].as_array().unwrap().iter().map(|l| l["lang"].as_str().unwrap()).collect();
    for lang in ["en", "fr", "de"] {
        assert!(langs.contains(&lang), "{langs:?}");
    }
    let sum: u64 =
        body["languages"].as_array().unwrap().iter().map(|l| l["passages"].as_u64().unwrap()).sum();
    assert_eq!(sum, body["passages"].as_u64().unwrap());
}

#[tokio::test]
async fn the_page_and_its_assets_are_embedded_with_strict_headers() {
    let (status, headers, body) = send(request(Method::GET, "/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.starts_with("default-src 'self'") && !csp.contains("unsafe"), "{csp}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = String::from_utf8(body).unwrap();
    // No inline script: every script element loads its source.
    assert_eq!(html.matches("<script").count(), html.matches("<script src=\"/assets/").count());
    let inline_handler = html.split(" on").skip(1).any(|rest| {
        let name = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name > 0 && rest[name..].starts_with('=')
    });
    assert!(!inline_handler && !html.contains(" style="), "inline handlers or styles");
    for (asset, kind) in
        [("app.js", "text/javascript"), ("style.css", "text/css"), ("icon.svg", "image/svg+xml")]
    {
        let (status, headers, body) = send(request(Method::GET, &format!("/assets/{asset}"))).await;
        assert_eq!(status, StatusCode::OK, "{asset}");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{asset}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(!body.is_empty());
    }
    let js = String::from_utf8(send(request(Method::GET, "/assets/app.js")).await.2).unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("eval("));
}

#[tokio::test]
async fn traversal_and_unknown_routes_are_json_404s() {
    let cases = [
        "/assets/../../etc/passwd",
        "/assets/..%2F..%2Fetc%2Fpasswd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/app.js/../../Cargo.toml",
        "/assets/",
        "/assets/index.html",
        "/../Cargo.toml",
        "/etc/passwd",
        "/api",
        "/api/nothing",
        "/api/passage/",
        "/index.html",
    ];
    for uri in cases {
        let (status, headers, body) = send(request(Method::GET, uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["kind"], "not_found", "{uri}");
        assert!(!String::from_utf8_lossy(&serde_json::to_vec(&body).unwrap()).contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn head_options_and_other_methods() {
    let (status, headers, body) = send(request(Method::HEAD, "/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let (status, _, body) = send(request(Method::HEAD, "/api/search?q=troops")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    let (status, headers, _) = send(request(Method::OPTIONS, "/api/search")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(headers[header::ALLOW], "GET, HEAD, OPTIONS");
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    let (_, headers, _) = send(request(Method::OPTIONS, "/api/like")).await;
    assert!(headers[header::ALLOW].to_str().unwrap().contains("POST"));
    for (method, uri) in [(Method::DELETE, "/api/search"), (Method::POST, "/api/search"), (Method::PUT, "/")]
    {
        let (status, headers, body) = send(request(method.clone(), uri)).await;
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_error(status, &body, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", uri);
        assert!(headers[header::ALLOW].to_str().unwrap().contains("GET"), "{method} {uri}");
    }
}

#[tokio::test]
async fn only_loopback_host_names_are_answered() {
    let with_host =
        |host: &str| Request::get("/api/stats").header(header::HOST, host).body(Body::empty()).unwrap();
    let (status, _, body) = send(with_host("attacker.example:7878")).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden", "rebinding");
    assert_eq!(send(with_host("localhost:7878")).await.0, StatusCode::OK);
    assert_eq!(send(with_host("127.0.0.1:7878")).await.0, StatusCode::OK);
}

// ---- on a real socket ----------------------------------------------------------------

/// A server on a free loopback port; dropping `stop` shuts it down.
struct Running {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<()>,
}

async fn start(index: &Path, limits: Limits) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = app_on(index, &limits);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        super::serve(listener, app, &limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    Running { addr, stop: Some(stop), done }
}

/// One HTTP/1.1 request on a new connection, read to the end: status and body.
fn fetch(addr: std::net::SocketAddr, raw: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}

fn get_raw(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
}

fn short_limits() -> Limits {
    Limits { header_read: Duration::from_secs(1), request: Duration::from_millis(800), ..Limits::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_client_is_dropped_and_the_server_keeps_answering() {
    let server = start(&index(), short_limits()).await;
    let addr = server.addr;
    let dropped_after = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        let started = Instant::now();
        // One byte every 200 ms: the head never completes within the 1 s allowed.
        for byte in "GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".bytes().cycle() {
            if stream.write_all(&[byte]).is_err() || started.elapsed() > Duration::from_secs(10) {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        started.elapsed()
    })
    .await
    .unwrap();
    assert!(dropped_after < Duration::from_secs(5), "dropped after {dropped_after:?}");
    let (status, body) =
        tokio::task::spawn_blocking(move || fetch(addr, &get_raw("/api/stats"))).await.unwrap();
    assert_eq!(status, 200, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_query_string_is_refused_and_the_server_goes_on() {
    let server = start(&index(), Limits::default()).await;
    let addr = server.addr;
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head =
            format!("GET /api/search?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n", "troops+".repeat(1_500_000));
        // The server answers and closes before reading it all: the write may fail.
        let _ = stream.write_all(head.as_bytes());
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap();
    // hyper refuses the head itself (431) once it outgrows its buffer, unless the
    // connection is reset first; either way no search ran and the server goes on.
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431"), "{answer}");
    let (status, body) =
        tokio::task::spawn_blocking(move || fetch(addr, &get_raw("/api/search?q=troops"))).await.unwrap();
    assert_eq!(status, 200, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_times_out_with_json() {
    let server = start(&index(), short_limits()).await;
    let addr = server.addr;
    let (status, body) = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = "POST /api/like HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 100\r\nConnection: close\r\n\r\ntroops";
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        let status: u16 = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, answer)
    })
    .await
    .unwrap();
    assert_eq!(status, 408, "{body}");
    assert!(body.contains("\"kind\":\"timeout\""), "{body}");
    let (status, _) = tokio::task::spawn_blocking(move || fetch(addr, &get_raw("/"))).await.unwrap();
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_the_request_in_flight_finish() {
    let mut server = start(&index(), Limits::default()).await;
    let addr = server.addr;
    let (sent_head, head_sent) = std::sync::mpsc::channel();
    let (go_on, wait) = std::sync::mpsc::channel::<()>();
    let client = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let body = "drones and jammers";
        let head = format!(
            "POST /api/like HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body.as_bytes()[..6]).unwrap();
        sent_head.send(()).unwrap();
        wait.recv().unwrap();
        stream.write_all(&body.as_bytes()[6..]).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    });
    tokio::task::spawn_blocking(move || head_sent.recv().unwrap()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(server.stop.take());
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Stopped listening: a new connection is refused.
    assert!(TcpStream::connect(addr).is_err());
    go_on.send(()).unwrap();
    let answer = client.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"hits\""), "{answer}");
    tokio::time::timeout(Duration::from_secs(5), &mut server.done).await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_commits_are_searched_within_a_second_or_two() {
    let dir = build_index(&[fixture()]);
    let index = dir.path().join("index");
    let server = start(&index, Limits::default()).await;
    let addr = server.addr;
    let search = move || fetch(addr, &get_raw("/api/search?q=zeppelin"));
    let (status, body) = tokio::task::spawn_blocking(search).await.unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("\"hits\":[]"), "{body}");

    let extra = dir.path().join("extra.jsonl");
    let doc =
        serde_json::json!({"id": "air", "title": "Airships", "text": "A zeppelin flew over the harbour."});
    std::fs::write(&extra, format!("{doc}\n")).unwrap();
    let run = move || briefs::ingest::run(&index, &IndexOptions::new(vec![extra]), &mut |_| {}).unwrap();
    tokio::task::spawn_blocking(run).await.unwrap();
    let committed = Instant::now();
    loop {
        let (_, body) = tokio::task::spawn_blocking(search).await.unwrap();
        if body.contains("air#1") {
            break;
        }
        assert!(committed.elapsed() < Duration::from_secs(5), "not seen after 5 s: {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("new commit searched after {:?}", committed.elapsed());
}
