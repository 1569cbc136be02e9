//! The guards every request passes: a request log, security headers, JSON error
//! bodies, the Host check, a request-target limit and a concurrency limit, and the
//! answers to OPTIONS.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::api::ApiError;

/// The content security policy: this origin only, no inline script or style, no
/// framing, no plugins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'";

/// Which Host headers the server answers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Hosts {
    /// Any: the server was asked to listen beyond this machine.
    Any,
    /// Loopback names and addresses only, so that a web page whose name an attacker
    /// points at 127.0.0.1 (DNS rebinding) cannot read the API.
    Loopback,
}

impl Hosts {
    /// The policy for a server listening on `addr`.
    pub(crate) fn for_addr(addr: SocketAddr, public: bool) -> Hosts {
        if public || !addr.ip().is_loopback() {
            Hosts::Any
        } else {
            Hosts::Loopback
        }
    }

    /// Whether a request with this Host header is answered (none: an HTTP/1.0 client).
    fn accepts(self, host: Option<&HeaderValue>) -> bool {
        let Hosts::Loopback = self else { return true };
        let Some(host) = host else { return true };
        let Ok(host) = host.to_str() else { return false };
        let name = strip_port(host);
        name.eq_ignore_ascii_case("localhost")
            || name
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// A Host header's name without its port: `[::1]:80` → `[::1]`, `a:80` → `a`.
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Refuses requests for other host names (403).
pub(crate) async fn host(State(hosts): State<Hosts>, request: Request, next: Next) -> Response {
    if !hosts.accepts(request.headers().get(header::HOST)) {
        let message = "this server answers for localhost only (start it with --public to serve other names)";
        return ApiError::new(StatusCode::FORBIDDEN, "forbidden", message).into_response();
    }
    next.run(request).await
}

/// Refuses request targets longer than `max` bytes (414) before anything parses them.
pub(crate) async fn uri_length(State(max): State<usize>, request: Request, next: Next) -> Response {
    let len = request.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > max {
        let message = format!("the request target has {len} bytes; at most {max} are read");
        return ApiError::new(StatusCode::URI_TOO_LONG, "usage", message).into_response();
    }
    next.run(request).await
}

/// Lets a bounded number of requests in at once; the others wait (within the timeout).
pub(crate) async fn one_slot(State(slots): State<Arc<Semaphore>>, request: Request, next: Next) -> Response {
    let Ok(_slot) = slots.acquire().await else { return ApiError::shutting_down().into_response() };
    next.run(request).await
}

/// Gives every error response without a JSON body the API's error shape, keeping its
/// status and `Allow` header (405 from the router, 408 from the timeout, 413 from the
/// body limit).
pub(crate) async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let mut json = ApiError::of_status(status).into_response();
    if let Some(allow) = response.headers().get(header::ALLOW) {
        json.headers_mut().insert(header::ALLOW, allow.clone());
    }
    json
}

/// Adds the security headers to every response, and `Cache-Control: no-store` where
/// the handler set no caching.
pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Logs one line per request on stderr: method, target, status, time.
pub(crate) async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str()).to_string();
    let response = next.run(request).await;
    let target = briefs::text::cut_at_char_boundary(&target, 200);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    eprintln!("briefs: {method} {target} {} {ms:.1} ms", response.status().as_u16());
    response
}

/// The answer to OPTIONS on a GET route.
pub(crate) async fn allow_get() -> Response {
    allow("GET, HEAD, OPTIONS")
}

/// The answer to OPTIONS on a GET and POST route.
pub(crate) async fn allow_get_post() -> Response {
    allow("GET, HEAD, POST, OPTIONS")
}

/// 204 with the methods allowed (no CORS headers: the API is for this origin).
fn allow(methods: &'static str) -> Response {
    (StatusCode::NO_CONTENT, [(header::ALLOW, HeaderValue::from_static(methods))]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_only() {
        let ok = ["localhost:7878", "LOCALHOST", "127.0.0.1:80", "127.1.2.3", "[::1]:7878", "[::1]"];
        for host in ok {
            assert!(Hosts::Loopback.accepts(Some(&HeaderValue::from_static(host))), "{host}");
        }
        let bad = ["evil.example:7878", "10.0.0.1", "localhost.evil.example", "[::2]:1", "127.0.0.1.nip.io"];
        for host in bad {
            assert!(!Hosts::Loopback.accepts(Some(&HeaderValue::from_static(host))), "{host}");
            assert!(Hosts::Any.accepts(Some(&HeaderValue::from_static(host))), "{host}");
        }
        assert!(Hosts::Loopback.accepts(None));
    }
}
