//! The messages between the editor and its workers on the wire, for both sides. The messages
//! themselves are types in the core ([`flowboard_core::protocol`]: [`ImageRequest`] /
//! [`ImageReply`] for the image workers, [`TaskRequest`] / [`TaskReply`] for the tasks worker,
//! [`FromWorker`] for everything a worker posts), checked natively by `cargo test`.
//!
//! A posted message is `{ message: JSON text, parts: [ArrayBuffer | Blob | File |
//! OffscreenCanvas] }`: the typed message as one JSON string, and the browser objects it carries
//! in a side array, named in the message by their index ([`Part`]). `ArrayBuffer`s (and a film's
//! `OffscreenCanvas`) are transferred, not copied; `Blob`s and `File`s are shared. A worker
//! answers a request that does not read (not this shape, not JSON, an unknown type, a missing or
//! wrong field, a part missing or of the wrong kind) with a `Refused` reply, never with another
//! job; the page takes a reply it cannot read as the
//! worker's failure ("a background worker sent an unreadable answer").

pub use flowboard_core::protocol::*;

use crate::browser::files::js_error_text;
use crate::i18n::{Lang, Message, T};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

const MESSAGE: &str = "message";
const PARTS: &str = "parts";

/// An export's files, to join into its bundle (see [`crate::workers::tasks::assembly`]).
pub struct Assembly {
    pub kind: Kind,
    pub manifest: crate::bundle::Manifest,
    /// Frame images and originals, by their path in the bundle.
    pub files: BTreeMap<String, Blob>,
    pub lang: Lang,
}

/// What only the editor's tab holds, for a backup: the open board's latest document (id, JSON),
/// photos that could not be stored (a full quota): (id, original, thumbnail), and audio that
/// could not be stored: (id, blob, name).
#[derive(Default)]
pub struct TabState {
    pub document: Option<(String, String)>,
    pub photos: Vec<(crate::model::PhotoId, Blob, Blob)>,
    pub audio: Vec<(String, Blob, String)>,
}

/// The browser objects a message carries, by index.
#[derive(Default)]
pub struct Parts(Array);

impl Parts {
    /// Adds an `ArrayBuffer`, `Blob`, `File` or `OffscreenCanvas`; gives its index for the
    /// message.
    pub fn add(&self, object: &JsValue) -> Part {
        self.0.push(object) - 1
    }

    /// An `ArrayBuffer` holding `bytes`.
    pub fn add_bytes(&self, bytes: &[u8]) -> Part {
        self.add(&Uint8Array::from(bytes).buffer())
    }

    /// The object at `part`, if it is a `T`.
    ///
    /// # Errors
    /// There is none there, or it is not a `T` (said for a `Refused` reply).
    pub fn get<T: JsCast>(&self, part: Part) -> Result<T, String> {
        self.0
            .get(part)
            .dyn_into::<T>()
            .map_err(|_| format!("part {part} is missing or of the wrong kind"))
    }

    /// The bytes of the `ArrayBuffer` at `part`.
    ///
    /// # Errors
    /// As [`Self::get`].
    pub fn bytes(&self, part: Part) -> Result<Vec<u8>, String> {
        let buffer: ArrayBuffer = self.get(part)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

/// `message` and its parts, as posted; and the buffers to transfer (every `ArrayBuffer`).
pub fn encode(message: &impl Serialize, parts: &Parts) -> (JsValue, Array) {
    let data = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&data, &key.into(), value).expect("setting a property on a plain object")
    };
    set(MESSAGE, &to_text(message).into());
    set(PARTS, &parts.0);
    let transfer = Array::new();
    // An `OffscreenCanvas` (a film played on the page's canvas) can only be transferred.
    for part in parts.0.iter().filter(|part| {
        part.is_instance_of::<ArrayBuffer>() || part.is_instance_of::<web_sys::OffscreenCanvas>()
    }) {
        transfer.push(&part);
    }
    (data.into(), transfer)
}

/// The JSON text and the parts of a posted message.
///
/// # Errors
/// It is not a message of this shape.
pub fn decode(data: &JsValue) -> Result<(String, Parts), String> {
    let get = |key: &str| Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let text = get(MESSAGE).as_string().ok_or("not a message")?;
    let parts = get(PARTS)
        .dyn_into::<Array>()
        .map_err(|_| "a message without its parts")?;
    Ok((text, Parts(parts)))
}

/// Posts a message from this worker to the editor (its buffers transferred).
pub fn post<R: Serialize>(message: &FromWorker<R>, parts: &Parts) {
    let (data, transfer) = encode(message, parts);
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope
        .post_message_with_transfer(&data, &transfer)
        .expect("posting to the editor");
}

/// Posts this worker's reply, with its memory (see [`FromWorker::Reply`]).
pub fn reply<R: Serialize>(reply: R, parts: &Parts) {
    post(&FromWorker::Reply(own_memory(), reply), parts);
}

/// A worker's first message: it is ready, and which [`PROTOCOL_VERSION`] it speaks.
pub fn post_ready() {
    post(
        &FromWorker::<()>::Ready(PROTOCOL_VERSION),
        &Parts::default(),
    );
}

/// This worker's WebAssembly memory in bytes: it only grows, so the editor retires an image
/// worker that grew big.
fn own_memory() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// Reads a whole file, synchronously (workers may); the error is the browser's words.
///
/// # Errors
/// The file could not be read (moved, deleted, permission withdrawn).
pub fn read_file(file: &Blob) -> Result<Vec<u8>, String> {
    let reader = web_sys::FileReaderSync::new().map_err(|e| js_error_text(&e))?;
    let buffer = reader
        .read_as_array_buffer(file)
        .map_err(|e| js_error_text(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A reply the page cannot use: the worker's failure, with what was wrong.
pub fn bad_reply(detail: impl std::fmt::Display) -> Message {
    Message::new(T::WorkerBadReply).with("detail", detail)
}
