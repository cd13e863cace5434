//! Browser APIs as both sides use them — the page and the workers: files and blobs, IndexedDB and
//! the stored library. Nothing here touches the DOM or the editor's state.

pub mod blobs;
pub mod database;
pub mod files;
pub mod idb;
pub mod webcodecs;

use wasm_bindgen::JsValue;

/// Whether `on` has `name`, defined and not null: feature detection, for an API some browsers
/// lack (or an insecure page is not given).
pub fn has(on: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(on, &JsValue::from_str(name))
        .is_ok_and(|v| !v.is_undefined() && !v.is_null())
}
