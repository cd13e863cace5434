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

/// The monotonic clock (ms) of the page or worker this runs in: the wall clock may step.
pub fn clock() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| wasm_bindgen::JsCast::dyn_into::<web_sys::Performance>(p).ok())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
