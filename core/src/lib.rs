//! The pure core of Flowboard: the storyboard model, every user operation as an [`actions::Action`]
//! applied by one pure function, undo/redo [`history`], the editing [`session`], import ordering,
//! [`imaging`] (decode with limits, EXIF, thumbnails) and the errors of each layer.
//!
//! Nothing here imports `yew`, `web-sys`, `js-sys` or `gloo`: `cargo test` runs all of it natively.
//! It is its own crate so the release profile can build it for speed (`opt-level = "s"`, codecs at
//! 3) while the web glue that depends on it is built for size.

pub mod actions;
pub mod bundle;
pub mod error;
pub mod history;
pub mod i18n;
pub mod imaging;
pub mod import;
pub mod model;
pub mod reorder;
pub mod session;
pub mod storage;
pub mod zip;
