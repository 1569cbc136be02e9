//! The JSON API: parameters parsed through the library's typed options (the same rules
//! as the command line), work on the blocking pool, hits in the `--json` wire format,
//! errors as `{"error": {"kind", "message"}}` with the status of their kind.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use briefs::{
    DateBound, Error, ErrorKind, Example, ExampleText, LangCode, LikeOptions, Limit, Record, SearchOptions,
    MAX_LIMIT,
};

use super::adapt::{self, Facet, Sort};
use super::AppState;
use crate::wire::WireHit;

/// An error answer: a status, a kind a script can test, a one-line message.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

impl ApiError {
    /// An error with its own status and kind.
    pub(crate) fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, kind, message: message.into() }
    }

    /// The answer for an error status produced outside the handlers (router, timeout,
    /// body limit).
    pub(crate) fn of_status(status: StatusCode) -> Self {
        let (kind, message) = match status {
            StatusCode::NOT_FOUND => ("not_found", "no such page or endpoint"),
            StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "this method is not allowed here"),
            StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
            StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "the request body is too large"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ("usage", "send the text as text/plain or as JSON {\"text\": …}")
            }
            s if s.is_server_error() => ("internal", "the server failed"),
            _ => ("usage", "bad request"),
        };
        ApiError::new(status, kind, message)
    }

    /// A failure inside the server.
    pub(crate) fn internal(message: &str) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The answer while the server stops.
    pub(crate) fn shutting_down() -> Self {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the server is stopping")
    }

    /// A query string that does not parse (unknown or repeated parameter).
    fn rejected(rejection: QueryRejection) -> Self {
        let text = rejection.body_text();
        let message = text.strip_prefix("Failed to deserialize query string: ").unwrap_or(&text);
        ApiError::new(StatusCode::BAD_REQUEST, "usage", format!("query string: {message}"))
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        let (status, kind) = match error.kind() {
            ErrorKind::Usage => (StatusCode::BAD_REQUEST, "usage"),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ErrorKind::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        ApiError::new(status, kind, briefs::text::collapse_whitespace(&parameter_named(error).to_string()))
    }
}

/// An invalid option named as the API's parameter (`lang`), not the command line's
/// (`--lang`), since the library's checks are shared.
fn parameter_named(error: Error) -> Error {
    match error {
        Error::InvalidOption { option, value, expected } => {
            Error::InvalidOption { option: option.trim_start_matches('-'), value, expected }
        }
        other => other,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "kind": self.kind, "message": self.message } });
        let mut response = json_bytes(serde_json::to_vec(&body).unwrap_or_default());
        *response.status_mut() = self.status;
        response
    }
}

/// A JSON body already serialised (on the blocking pool, with the search).
fn json_bytes(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}

/// A value serialised to JSON, or the internal error of failing to.
fn to_json<T: Serialize>(value: &T) -> briefs::Result<Vec<u8>> {
    // Serialising plain structs of strings and numbers does not fail; NaN scores
    // would, and are reported rather than unwrapped.
    serde_json::to_vec(value).map_err(|e| Error::io("response", std::io::Error::other(e)))
}

/// The parameters of `GET /api/search`, as strings: the library's parsers judge them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchParams {
    q: Option<String>,
    n: Option<String>,
    offset: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    since: Option<String>,
    until: Option<String>,
    sort: Option<String>,
    facets: Option<String>,
    plain: Option<String>,
    lenient: Option<String>,
    feedback: Option<String>,
    all: Option<String>,
}

/// A search request, validated.
#[derive(Debug, Clone)]
pub(crate) struct SearchRequest {
    pub query: String,
    /// The filters; `limit` is the page size.
    pub opts: SearchOptions,
    pub offset: usize,
    pub sort: Sort,
    pub facets: Vec<Facet>,
}

/// A parameter's value when given and not blank (forms send empty fields).
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A count parameter; `what` says what is accepted.
fn number(option: &'static str, value: &str, what: &str) -> briefs::Result<usize> {
    value.parse().map_err(|_| Error::invalid(option, value, what))
}

/// A yes/no parameter.
fn flag(option: &'static str, value: Option<&str>) -> briefs::Result<bool> {
    match value {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(Error::invalid(option, other, "true or false")),
    }
}

/// The page size `n` (default 10) through [`Limit`].
fn limit(n: &Option<String>) -> briefs::Result<Limit> {
    match given(n) {
        None => Ok(Limit::default()),
        Some(n) => {
            let expected = format!("a number from 1 to {MAX_LIMIT}");
            let n = number("n", n, &expected)?;
            Limit::new(n).map_err(|_| Error::invalid("n", n, expected))
        }
    }
}

impl SearchRequest {
    /// Validates the parameters through the library's typed options.
    pub(crate) fn parse(p: SearchParams) -> briefs::Result<SearchRequest> {
        let mode = mode(&p)?;
        let query = p.q.ok_or_else(|| Error::invalid("q", "", "a query"))?;
        let limit = limit(&p.n)?;
        let offset = given(&p.offset)
            .map(|o| number("offset", o, &format!("a number, with offset + n at most {MAX_LIMIT}")))
            .transpose()?
            .unwrap_or(0);
        if offset.saturating_add(limit.get()) > MAX_LIMIT {
            return Err(Error::invalid(
                "offset",
                offset,
                format!("a number with offset + n at most {MAX_LIMIT}"),
            ));
        }
        let opts = SearchOptions {
            limit,
            lang: given(&p.lang).map(LangCode::parse).transpose()?,
            source: given(&p.source).map(str::to_string),
            since: given(&p.since).map(|d| DateBound::parse("since", d)).transpose()?,
            until: given(&p.until).map(|d| DateBound::parse("until", d)).transpose()?,
            mode,
            feedback: flag("feedback", given(&p.feedback))?,
            all: flag("all", given(&p.all))?,
            ..SearchOptions::default()
        };
        if let (Some(since), Some(until)) = (&opts.since, &opts.until) {
            DateBound::check_period("since", since, until)?;
        }
        let sort = Sort::parse(given(&p.sort))?;
        let facets = given(&p.facets).map(Facet::parse_list).transpose()?.unwrap_or_default();
        Ok(SearchRequest { query, opts, offset, sort, facets })
    }
}

/// How the query is read: `plain=true` takes the words as typed, `lenient=true` repairs
/// slips and says so in `notes` (as the command line does by default); otherwise a query
/// with a slip is answered with 400, as `--strict` does, so that a script learns of it.
fn mode(p: &SearchParams) -> briefs::Result<briefs::QueryMode> {
    let plain = flag("plain", given(&p.plain))?;
    let lenient = flag("lenient", given(&p.lenient))?;
    Ok(match (plain, lenient) {
        (true, true) => {
            return Err(Error::invalid(
                "lenient",
                "true",
                "false with plain=true, which takes the words as typed",
            ))
        }
        (true, false) => briefs::QueryMode::Plain,
        (false, true) => briefs::QueryMode::Lenient,
        (false, false) => briefs::QueryMode::Strict,
    })
}

/// A strict query's error as the API's caller can act on it: `lenient` repairs the
/// slip and `plain` searches the words as typed (the command line's hint names
/// `--strict`, which the API is unless told otherwise).
fn api_hint(e: Error) -> Error {
    match e {
        Error::BadQuery { query, reason } => {
            let reason = reason.replace(
                briefs::query::parse::STRICT_HINT,
                "add lenient=true to search it anyway, or plain=true to search the words as typed",
            );
            Error::BadQuery { query, reason }
        }
        other => other,
    }
}

/// `GET /api/search`: one page of hits, whether more follow, and facet counts if asked.
pub(crate) async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(ApiError::rejected)?;
    let request = SearchRequest::parse(params)?;
    let body =
        state.run(move |engine| to_json(&adapt::search(engine, &request).map_err(api_hint)?.wire())).await?;
    Ok(json_bytes(body))
}

/// The parameters of `GET /api/like`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LikeParams {
    id: Option<String>,
    n: Option<String>,
    other_docs: Option<String>,
}

impl LikeParams {
    fn options(&self) -> briefs::Result<LikeOptions> {
        let other_docs = flag("other_docs", given(&self.other_docs))?;
        Ok(LikeOptions { limit: limit(&self.n)?, other_docs, ..LikeOptions::default() })
    }
}

/// The JSON body of `POST /api/like`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LikeBody {
    text: String,
}

/// What `like` answers: the terms of the query, then the hits.
#[derive(Serialize)]
struct LikeAnswer<'a> {
    terms: &'a [briefs::TermWeight],
    hits: Vec<WireHit<'a>>,
}

/// Runs `like` and serialises its answer.
async fn like(state: &AppState, example: Example, opts: LikeOptions) -> Result<Response, ApiError> {
    let body = state
        .run(move |engine| {
            let likeness = engine.like(&example, &opts)?;
            let hits = likeness.hits.iter().map(WireHit::from).collect();
            to_json(&LikeAnswer { terms: &likeness.terms, hits })
        })
        .await?;
    Ok(json_bytes(body))
}

/// `GET /api/like?id=DOC#N`: the passages most like an indexed one.
pub(crate) async fn like_id(
    State(state): State<AppState>,
    params: Result<Query<LikeParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(ApiError::rejected)?;
    let id = given(&params.id).ok_or_else(|| Error::invalid("id", "", "a passage id as DOC#N"))?;
    let example = Example::Id(id.to_string());
    like(&state, example, params.options()?).await
}

/// `POST /api/like`: the passages most like a text, sent as `text/plain` or as JSON
/// `{"text": …}`; `n` and `other_docs` in the query string.
pub(crate) async fn like_text(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<LikeParams>, QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(ApiError::rejected)?;
    if params.id.is_some() {
        return Err(Error::invalid("id", "", "no id with a text: GET /api/like?id= for a passage").into());
    }
    let text = body_text(&headers, &body)?;
    like(&state, Example::Text(ExampleText::new(text)?), params.options()?).await
}

/// The example text of a `like` body.
fn body_text(headers: &HeaderMap, body: &[u8]) -> Result<String, ApiError> {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let kind = kind.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let not_text = || Error::invalid("body", "(not UTF-8)", "UTF-8 text");
    match kind.as_str() {
        "application/json" => serde_json::from_slice::<LikeBody>(body)
            .map(|b| b.text)
            .map_err(|e| Error::invalid("body", e, "JSON {\"text\": \"…\"}").into()),
        "text/plain" => Ok(std::str::from_utf8(body).map_err(|_| not_text())?.to_string()),
        _ => Err(ApiError::of_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)),
    }
}

/// The parameters of `GET /api/passage/{id}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PassageParams {
    context: Option<String>,
}

/// Neighbours on each side at most.
const MAX_CONTEXT: usize = 5;

/// A passage and its neighbours in its document.
#[derive(Serialize)]
struct PassageAnswer {
    passage: Record,
    /// The passages before it, nearest last.
    before: Vec<Record>,
    /// The passages after it, nearest first.
    after: Vec<Record>,
}

/// `GET /api/passage/{id}?context=K`: a passage with K neighbours each side (default 1).
pub(crate) async fn passage(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Result<Query<PassageParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(ApiError::rejected)?;
    let expected = format!("a number from 0 to {MAX_CONTEXT}");
    let context = given(&params.context).map(|c| number("context", c, &expected)).transpose()?.unwrap_or(1);
    if context > MAX_CONTEXT {
        return Err(Error::invalid("context", context, expected).into());
    }
    let body = state
        .run(move |engine| {
            let passage = engine.passage(&id)?;
            let (before, after) = adapt::neighbours(engine, &passage, context)?;
            to_json(&PassageAnswer { passage, before, after })
        })
        .await?;
    Ok(json_bytes(body))
}

/// `GET /api/stats`: the size of the index and its languages.
pub(crate) async fn stats(State(state): State<AppState>) -> Result<Response, ApiError> {
    let body = state.run(|engine| to_json(&adapt::stats(engine))).await?;
    Ok(json_bytes(body))
}

/// Any other route.
pub(crate) async fn not_found() -> ApiError {
    ApiError::of_status(StatusCode::NOT_FOUND)
}
