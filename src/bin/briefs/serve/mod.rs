//! `briefs serve`: a read-only JSON API and a search page over one opened [`Engine`].
//!
//! The engine is opened once and follows other processes' commits on its own. Requests
//! pass a stack of guards ([`guard`]) before the routes: logging, security headers, JSON
//! errors, the Host check, a request-target limit, a timeout, a concurrency limit and a
//! body limit. Searches run on a bounded blocking pool ([`AppState::run`]). Connections
//! are served by hyper directly (not `axum::serve`) for its header-read timeout and a
//! bounded number of connections; SIGTERM and Ctrl-C let in-flight requests finish.

mod adapt;
mod api;
mod guard;
mod page;

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutLayer;

use briefs::Engine;

use crate::config::ServeArgs;
use api::ApiError;

/// The server's bounds. Tests shorten the timeouts.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Time a client has to send a request's head (a slow client is dropped after it).
    pub header_read: Duration,
    /// Time a request may take once its head is read, body included.
    pub request: Duration,
    /// Largest request body (a `like` text).
    pub body_bytes: usize,
    /// Longest request target (path and query string).
    pub uri_bytes: usize,
    /// Largest request head hyper buffers; beyond it hyper answers 431 or 414 itself.
    pub head_bytes: usize,
    /// Requests handled at once; more wait for a slot.
    pub requests: usize,
    /// Open connections; more wait in the listen backlog.
    pub connections: usize,
    /// Searches running at once, each on its own thread of the blocking pool.
    pub searches: usize,
    /// Time in-flight requests get to finish on shutdown.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(15),
            body_bytes: 256 * 1024,
            uri_bytes: 16 * 1024,
            head_bytes: 64 * 1024,
            requests: 256,
            connections: 1024,
            searches: cores * 2,
            drain: Duration::from_secs(10),
        }
    }
}

/// What every handler shares: the engine, and the permits of the search pool.
#[derive(Clone)]
pub(crate) struct AppState {
    engine: Arc<Engine>,
    searches: Arc<Semaphore>,
}

impl AppState {
    /// The state over `engine`, with `limits.searches` searches at once.
    pub(crate) fn new(engine: Engine, limits: &Limits) -> Self {
        AppState { engine: Arc::new(engine), searches: Arc::new(Semaphore::new(limits.searches.max(1))) }
    }

    /// Runs `work` on the engine in the blocking pool: a search holds its thread for
    /// milliseconds, which the async workers must not. The permit moves into the task,
    /// so a request dropped by the timeout still counts until its search ends.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Engine) -> briefs::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self.searches.clone().acquire_owned().await.map_err(|_| ApiError::shutting_down())?;
        let engine = self.engine.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&engine)
        });
        match task.await {
            Ok(result) => result.map_err(ApiError::from),
            Err(_) => Err(ApiError::internal("the request failed inside the server")),
        }
    }
}

/// The routes and their guards. `hosts` says which Host headers are accepted, `log`
/// whether each request is logged.
pub(crate) fn app(state: AppState, hosts: guard::Hosts, limits: &Limits, log: bool) -> Router {
    let routes = Router::new()
        .route("/", get(page::index).options(guard::allow_get))
        .route("/assets/{name}", get(page::asset).options(guard::allow_get))
        .route("/api/search", get(api::search).options(guard::allow_get))
        .route("/api/like", get(api::like_id).post(api::like_text).options(guard::allow_get_post))
        .route("/api/passage/{id}", get(api::passage).options(guard::allow_get))
        .route("/api/stats", get(api::stats).options(guard::allow_get))
        .fallback(api::not_found)
        .with_state(state);
    let slots = Arc::new(Semaphore::new(limits.requests.max(1)));
    // Layers wrap what is above them: the last one added sees the request first.
    let app = routes
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(axum::middleware::from_fn_with_state(slots, guard::one_slot))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, limits.request))
        .layer(axum::middleware::from_fn_with_state(limits.uri_bytes, guard::uri_length))
        .layer(axum::middleware::from_fn_with_state(hosts, guard::host))
        .layer(axum::middleware::from_fn(guard::json_errors))
        .layer(axum::middleware::from_fn(guard::security_headers));
    if log {
        app.layer(axum::middleware::from_fn(guard::log))
    } else {
        app
    }
}

/// Runs `briefs serve` until SIGTERM or Ctrl-C.
pub fn run(index_dir: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    let limits = Limits::default();
    let engine = Engine::open(index_dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(limits.searches.max(1))
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(async {
        let listener =
            TcpListener::bind(args.addr).await.with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if args.public {
            eprintln!(
                "briefs: warning: listening on {addr}, beyond this machine: the API has no accounts, \
                 anyone who reaches this address can search the index"
            );
        }
        eprintln!("briefs: serving {} at http://{addr}/ (Ctrl-C to stop)", index_dir.display());
        let state = AppState::new(engine, &limits);
        let app = app(state, guard::Hosts::for_addr(addr, args.public), &limits, args.log);
        serve(listener, app, &limits, shutdown_signal()).await;
        eprintln!("briefs: stopped");
        Ok(())
    })
}

/// Serves connections until `shutdown` resolves, then lets in-flight requests finish
/// (for at most `limits.drain`).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(limits.connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read).max_buf_size(limits.head_bytes);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = accept(&listener, &connections) => accepted,
            () = &mut shutdown => break,
        };
        let Some((stream, permit)) = accepted else { continue };
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that hangs up or times out is no error of the server's.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.drain, graceful.shutdown()).await.is_err() {
        eprintln!("briefs: warning: some requests did not finish within {:?}", limits.drain);
    }
}

/// The next connection, once a connection slot is free. `None` when accepting failed
/// (too many open files, a reset): the loop pauses briefly and goes on.
async fn accept(
    listener: &TcpListener,
    connections: &Arc<Semaphore>,
) -> Option<(tokio::net::TcpStream, tokio::sync::OwnedSemaphorePermit)> {
    let permit = connections.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, _)) => {
            let _ = stream.set_nodelay(true);
            Some((stream, permit))
        }
        Err(_) => {
            tokio::time::sleep(Duration::from_millis(50)).await;
            None
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("briefs: stopping: finishing requests in flight");
}

#[cfg(test)]
mod tests;
