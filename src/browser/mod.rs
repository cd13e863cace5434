//! Browser APIs as both sides use them — the page and the workers: files and blobs, IndexedDB and
//! the stored library. Nothing here touches the DOM or the editor's state.

pub mod blobs;
pub mod database;
pub mod files;
pub mod idb;
pub mod webcodecs;
