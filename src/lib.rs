//! Flowboard: a photo storyboard editor that runs entirely in the browser.
//!
//! The pure core — model, actions, history, session, import ordering, imaging, errors — lives in
//! the `flowboard-core` crate (`core/`), re-exported here under the same module names, and is
//! tested natively with `cargo test`. This crate adds the thin web glue, compiled only for
//! `wasm32`, in folders named for where it runs: [`page`] (the editor on the window's thread),
//! [`workers`] (what only a worker runs), [`protocol`] (the messages between them, on the wire)
//! and [`browser`] (browser APIs both sides use). `docs/architecture.md` has the picture.

pub use flowboard_core::{
    actions, audio, bundle, error, film, history, i18n, imaging, import, model, reorder, session,
    storage, video, zip,
};

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod workers;
