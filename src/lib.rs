//! Flowboard: a photo storyboard editor that runs entirely in the browser.
//!
//! The crate is a pure core — [`model`], [`actions`], [`history`], [`import`], [`imaging`], [`reorder`], [`session`],
//! [`error`] — with no browser imports, tested natively with `cargo test`, plus thin web glue
//! (`app`, `components`, `services`) compiled only for `wasm32`.

pub mod actions;
pub mod error;
pub mod history;
pub mod imaging;
pub mod import;
pub mod model;
pub mod reorder;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod services;
