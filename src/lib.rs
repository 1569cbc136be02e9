//! briefs: passage search for defence and security briefs.
//!
//! Files become passages ([`ingest`]), passages live in a tantivy index ([`store`]),
//! and [`Engine`] answers queries over them. See `ARCHITECTURE.md` for the map.
//!
//! ```no_run
//! use briefs::{Engine, SearchOptions};
//! let engine = Engine::open("index".as_ref())?;
//! for hit in engine.search("troops Romania", &SearchOptions::default())?.hits {
//!     println!("{} {}", hit.record.id, hit.snippet.fragment);
//! }
//! # Ok::<(), briefs::Error>(())
//! ```
#![warn(missing_docs)]

pub mod aliases;
pub mod analysis;
#[cfg(feature = "tools")]
pub mod bench;
pub(crate) mod charset;
mod engine;
pub mod error;
#[cfg(feature = "tools")]
pub mod eval;
pub mod export;
pub mod formats;
pub mod ingest;
pub mod options;
pub mod query;
pub mod record;
pub mod schema;
pub mod store;
pub mod text;

pub use engine::{Engine, Results};
pub use error::{Error, ErrorKind, Result};
pub use ingest::{Event, Summary};
pub use options::{
    DateBound, Example, ExampleText, IndexOptions, LangCode, LikeOptions, Limit, SearchOptions, Sort,
    MAX_LIMIT,
};
pub use query::suggest::Suggestion;
pub use query::{
    AliasMatch, Copies, Copy, Explained, Facets, FoundName, Hit, Likeness, Mode as QueryMode, Snippet,
    TermWeight, Totals,
};
pub use record::{Offsets, Record};
