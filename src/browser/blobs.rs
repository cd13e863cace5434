//! Browser `Blob`s as the app uses them: read a range, stream one through a function, join them
//! into a ZIP file, turn one into a `data:` URI, offer one as a download. Large data stays in the browser; only what must
//! be computed passes through WebAssembly, a few MiB at a time.

use super::files::describe_js_error;
use crate::i18n::{Message, T};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag};

/// How much of a blob is read into WebAssembly at a time.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

/// The bytes of `blob` from `start` to `end`.
pub async fn read_range(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, Message> {
    let part = blob
        .slice_with_f64_and_f64(start, end)
        .map_err(describe_js_error)?;
    let buffer = JsFuture::from(part.array_buffer())
        .await
        .map_err(describe_js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `blob` typed as the photo its first bytes say it is ([`crate::imaging::photo_mime`]), the same
/// bytes without a copy; `None` when they are not a photo the editor shows. Every photo blob the
/// editor mints a URL for has passed through here or was typed from a decode of its bytes: a
/// type stored in a backup, declared in a bundle or given by a file's name is never trusted.
pub async fn typed_photo(blob: &Blob) -> Result<Option<Blob>, Message> {
    let head = read_range(blob, 0.0, blob.size().min(crate::imaging::SNIFF_LEN as f64)).await?;
    let Some(mime) = crate::imaging::photo_mime(&head) else {
        return Ok(None);
    };
    if blob.type_() == mime {
        return Ok(Some(blob.clone()));
    }
    blob.slice_with_f64_and_f64_and_content_type(0.0, blob.size(), mime)
        .map(Some)
        .map_err(describe_js_error)
}

/// An object URL for a picture the editor shows. Every `blob:` URL the page mints for a picture
/// goes through here: a blob of any other type than a raster image's is refused, since opened
/// in a tab such a URL would render as the page its bytes are ([`crate::imaging::is_photo_mime`]).
pub fn image_url(blob: &Blob) -> Result<String, Message> {
    if !crate::imaging::is_photo_mime(&blob.type_()) {
        return Err(Message::new(T::ErrNotAnImage));
    }
    web_sys::Url::create_object_url_with_blob(blob).map_err(describe_js_error)
}

/// Feeds a range of a blob through `update`, [`CHUNK`] bytes at a time.
pub async fn stream(
    blob: &Blob,
    start: f64,
    end: f64,
    mut update: impl FnMut(&[u8]),
) -> Result<(), Message> {
    let mut at = start;
    while at < end {
        let next = (at + CHUNK).min(end);
        update(&read_range(blob, at, next).await?);
        at = next;
    }
    Ok(())
}

/// CRC-32 of a whole blob (for a ZIP entry).
async fn crc(blob: &Blob) -> Result<u32, Message> {
    let mut crc = crate::zip::Crc::default();
    stream(blob, 0.0, blob.size(), |b| crc.update(b)).await?;
    Ok(crc.finish())
}

/// A ZIP file (stored entries) made of `Blob` parts: our header bytes around the entries'
/// contents, which stay browser blobs; only checksums pass through WebAssembly.
#[derive(Default)]
pub struct ZipBlob {
    parts: Array,
    zip: crate::zip::ZipWriter,
}

impl ZipBlob {
    /// Adds an entry of `bytes`.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<(), Message> {
        let header = self
            .zip
            .entry(name, crate::zip::Crc::of(bytes), bytes.len() as u64)
            .map_err(|e| e.detail)?;
        self.parts.push(&bytes_part(&header));
        self.parts.push(&bytes_part(bytes));
        Ok(())
    }

    /// Adds an entry of `blob`'s contents (read once, for its checksum).
    pub async fn add_blob(&mut self, name: &str, blob: &Blob) -> Result<(), Message> {
        let header = self
            .zip
            .entry(name, crc(blob).await?, blob.size() as u64)
            .map_err(|e| e.detail)?;
        self.parts.push(&bytes_part(&header));
        self.parts.push(blob);
        Ok(())
    }

    /// The archive, directory and all.
    pub fn finish(self) -> Result<Blob, Message> {
        self.parts.push(&bytes_part(&self.zip.finish()));
        join(&self.parts, "application/zip")
    }
}

/// Bytes as a part of a `Blob` under construction.
fn bytes_part(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// One blob of `parts` (strings, byte arrays, blobs), of media type `mime`; the browser joins
/// them without copying blob contents through WebAssembly.
pub fn join(parts: &Array, mime: &str) -> Result<Blob, Message> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_blob_sequence_and_options(parts, &options).map_err(describe_js_error)
}

/// The blob as a `data:<type>;base64,…` URI, encoded by the browser.
pub async fn data_uri(blob: &Blob) -> Result<JsValue, Message> {
    let reader = web_sys::FileReader::new().map_err(describe_js_error)?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader.read_as_data_url(blob).map_err(describe_js_error)?;
    JsFuture::from(done)
        .await
        .map_err(|_| Message::new(T::ImageNotRead))?;
    reader.result().map_err(describe_js_error)
}

/// Offers a blob as a download named `name`.
pub fn save_as(blob: &Blob, name: &str) -> Result<(), Message> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Message::raw("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(describe_js_error)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe_js_error)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has its own reference by now; the URL is freed a little later.
    gloo::timers::callback::Timeout::new(60_000, move || {
        drop(web_sys::Url::revoke_object_url(&url))
    })
    .forget();
    Ok(())
}
