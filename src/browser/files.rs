//! Files from the picker or a drop, read as bytes; bytes as blobs.

use crate::i18n::{Message, T};
use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FileList};

/// The files of a picker or a drop, in the order the browser lists them.
pub fn from_list(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a whole file. Fails when the file went away or access was revoked since it was picked.
pub async fn read(file: &Blob) -> Result<ArrayBuffer, Message> {
    let value = JsFuture::from(file.array_buffer())
        .await
        .map_err(describe_js_error)?;
    value
        .dyn_into::<ArrayBuffer>()
        .map_err(|_| Message::new(T::NoBytes))
}

/// A `Blob` of `bytes` with media type `mime`.
pub fn blob(bytes: &ArrayBuffer, mime: &str) -> Result<Blob, Message> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_buffer_source_sequence_and_options(&Array::of1(bytes), &options)
        .map_err(describe_js_error)
}

/// A JS exception as one readable line ("NotReadableError: …"), in the browser's own words.
pub fn describe_js_error(value: wasm_bindgen::JsValue) -> Message {
    Message::raw(js_error_text(&value))
}

/// The text of [`describe_js_error`], for the worker's replies (which carry plain text).
pub fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => value.as_string().unwrap_or_else(|| format!("{value:?}")),
    }
}
