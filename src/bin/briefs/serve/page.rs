//! The search page: one HTML page, its script, style sheet and icon, embedded in the
//! binary. No file is read at run time, so no path can reach outside these four.

use axum::extract::Path;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::api::ApiError;

/// The page: markup only; everything it shows comes from the script.
const INDEX_HTML: &str = include_str!("assets/index.html");

/// The embedded assets: name, content type, content.
const ASSETS: [(&str, &str, &str); 3] = [
    ("app.js", "text/javascript; charset=utf-8", include_str!("assets/app.js")),
    ("style.css", "text/css; charset=utf-8", include_str!("assets/style.css")),
    ("icon.svg", "image/svg+xml", include_str!("assets/icon.svg")),
];

/// A response with its content type; `no-cache` makes the browser check for a newer
/// binary's assets on each load (cheap on loopback).
fn embedded(content_type: &'static str, body: &'static str) -> Response {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    (headers, body).into_response()
}

/// `GET /`: the page (the query lives in the URL and is read by the script).
pub(crate) async fn index() -> Response {
    embedded("text/html; charset=utf-8", INDEX_HTML)
}

/// `GET /assets/{name}`: an embedded asset, or 404 for any other name.
pub(crate) async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| ApiError::of_status(axum::http::StatusCode::NOT_FOUND))?;
    Ok(embedded(content_type, body))
}
