//! The integration tests, as one binary: the real `briefs` binary run in temp folders,
//! and property tests of the library. `cargo test --test tests MODULE` runs one part.

mod lib_api;
mod util;

mod bench;
mod browser;
mod copies;
mod documents;
mod engine;
mod export;
mod fuzz;
mod identity;
mod languages;
mod like;
mod names;
#[cfg(target_os = "linux")]
mod processes;
mod queries;
mod relevance;
mod reliability;
mod search;
