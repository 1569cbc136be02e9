//! briefs: passage search for defence and security briefs.
//!
//! The data flows read → split → detect → index → search → snippet → render, one
//! module each; see `ARCHITECTURE.md`.

pub mod analysis;
pub mod bench;
pub mod config;
pub mod date;
pub mod detect;
pub mod error;
pub mod eval;
pub mod eval_like;
pub mod index;
pub mod like;
pub mod read;
pub mod record;
pub mod render;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod split;
pub mod text;

pub use error::{Error, Result};
