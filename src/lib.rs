//! Flowboard: a photo storyboard editor that runs entirely in the browser.
//!
//! The pure core — model, actions, history, session, import ordering, imaging, errors — lives in
//! the `flowboard-core` crate (`core/`), re-exported here under the same module names, and is
//! tested natively with `cargo test`. This crate adds the thin web glue (`app`, `components`,
//! `services`), compiled only for `wasm32`.

pub use flowboard_core::{
    actions, bundle, error, history, i18n, imaging, import, model, reorder, session, storage, zip,
};

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod services;
