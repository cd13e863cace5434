//! The messages between the editor and the image worker, in one place for both sides.
//!
//! Request: `{ bytes: ArrayBuffer }` (transferred, not copied).
//! Reply: `{ info: JSON of PhotoInfo, thumb: ArrayBuffer }` (thumb transferred) or
//! `{ error: JSON of ImagingError }`, both with `memory`: the worker's WebAssembly memory in
//! bytes (it never shrinks; the editor retires big workers). On start the worker posts
//! `{ ready: true }`.

use crate::error::ImagingError;
use crate::imaging::PhotoInfo;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

const BYTES: &str = "bytes";
const INFO: &str = "info";
const THUMB: &str = "thumb";
const ERROR: &str = "error";
const READY: &str = "ready";
const MEMORY: &str = "memory";

fn set(target: &Object, key: &str, value: &JsValue) {
    Reflect::set(target, &key.into(), value).expect("setting a property on a plain object");
}

fn get(source: &JsValue, key: &str) -> JsValue {
    Reflect::get(source, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The request for one photo, and the list of buffers to transfer with it.
pub fn request(bytes: &ArrayBuffer) -> (JsValue, Array) {
    let message = Object::new();
    set(&message, BYTES, bytes);
    (message.into(), Array::of1(bytes))
}

/// The photo bytes inside a request.
pub fn request_bytes(message: &JsValue) -> Option<Vec<u8>> {
    get(message, BYTES).dyn_into::<ArrayBuffer>().ok().map(|b| Uint8Array::new(&b).to_vec())
}

pub fn ready() -> JsValue {
    let message = Object::new();
    set(&message, READY, &JsValue::TRUE);
    message.into()
}

pub fn is_ready(message: &JsValue) -> bool {
    get(message, READY).is_truthy()
}

/// A reply, and the list of buffers to transfer with it.
pub fn reply(result: Result<(&PhotoInfo, &[u8]), &ImagingError>, memory_bytes: f64) -> (JsValue, Array) {
    let message = Object::new();
    let transfer = Array::new();
    set(&message, MEMORY, &memory_bytes.into());
    match result {
        Ok((info, thumb)) => {
            let json = serde_json::to_string(info).expect("PhotoInfo serializes");
            set(&message, INFO, &json.into());
            let buffer = Uint8Array::from(thumb).buffer();
            set(&message, THUMB, &buffer);
            transfer.push(&buffer);
        }
        Err(e) => set(&message, ERROR, &serde_json::to_string(e).expect("ImagingError serializes").into()),
    }
    (message.into(), transfer)
}

/// The worker's memory size a reply reports (0 if absent).
pub fn reply_memory(message: &JsValue) -> f64 {
    get(message, MEMORY).as_f64().unwrap_or(0.0)
}

/// What a reply says: the photo and its JPEG thumbnail, or why it failed.
pub fn parse_reply(message: &JsValue) -> Result<Result<(PhotoInfo, ArrayBuffer), ImagingError>, String> {
    if let Some(error) = get(message, ERROR).as_string() {
        return serde_json::from_str(&error).map(Err).map_err(|e| format!("unreadable worker error: {e}"));
    }
    let info = get(message, INFO).as_string().ok_or("the worker sent no result")?;
    let info: PhotoInfo = serde_json::from_str(&info).map_err(|e| format!("unreadable worker result: {e}"))?;
    let thumb = get(message, THUMB).dyn_into::<ArrayBuffer>().map_err(|_| "the worker sent no thumbnail")?;
    Ok(Ok((info, thumb)))
}
