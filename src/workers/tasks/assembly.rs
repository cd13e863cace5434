//! Joins an export's files into the bundle file, in the tasks worker (`src/workers/tasks/main.rs`): the single-file HTML from
//! text pieces and `data:` URIs, the ZIP from header bytes and blobs (layout in [`crate::bundle`]).
//!
//! It runs in a worker rather than on the page so that the page neither waits on the join (the
//! last step of an export was the page's longest task, 55 ms for 50 frames) nor carries its code:
//! the viewer page template, the ZIP writer and the manifest's pretty JSON (BENCHMARKS.md, "App
//! size"). The rendered JPEGs and the originals stay browser `Blob`s throughout; only ZIP
//! checksums pass through WebAssembly.

use crate::browser::blobs;
use crate::bundle::{self, Images, Manifest, Piece};
use crate::i18n::{Lang, Message, T};
use crate::protocol::Kind;
use js_sys::Array;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;
use web_sys::Blob;

/// The bundle of `kind` for `manifest`, whose images and originals are `files` (by path);
/// `progress(n, total)` as each file is put in.
///
/// # Errors
/// A file the manifest names is missing, or the browser could not read or join a blob.
pub async fn assemble(
    kind: Kind,
    manifest: &Manifest,
    files: &BTreeMap<String, Blob>,
    lang: Lang,
    progress: impl Fn(usize, usize),
) -> Result<Blob, Message> {
    match kind {
        Kind::Html => html(manifest, files, lang, progress).await,
        Kind::Zip => zip(manifest, files, lang, progress).await,
    }
}

/// The single-file page: text pieces with every file as a `data:` URI.
async fn html(
    manifest: &Manifest,
    files: &BTreeMap<String, Blob>,
    lang: Lang,
    progress: impl Fn(usize, usize),
) -> Result<Blob, Message> {
    let parts = Array::new();
    let mut done = 0;
    for piece in bundle::render(manifest, Images::Embedded, lang) {
        match piece {
            Piece::Text(text) => parts.push(&JsValue::from_str(&text)),
            Piece::DataUri(path) => {
                done += 1;
                progress(done, files.len());
                let blob = files
                    .get(&path)
                    .ok_or_else(|| Message::new(T::ImageNotRead))?;
                // Typed from the path: a blob's own type is not ours to put in the page.
                let typed = blob
                    .slice_with_f64_and_f64_and_content_type(
                        0.0,
                        blob.size(),
                        bundle::mime_of_path(&path),
                    )
                    .map_err(crate::browser::files::describe_js_error)?;
                parts.push(&blobs::data_uri(&typed).await?)
            }
        };
    }
    blobs::join(&parts, "text/html;charset=utf-8")
}

/// The ZIP bundle: `index.html`, `storyboard.json`, `images/`, `originals/`.
async fn zip(
    manifest: &Manifest,
    files: &BTreeMap<String, Blob>,
    lang: Lang,
    progress: impl Fn(usize, usize),
) -> Result<Blob, Message> {
    let mut zip = blobs::ZipBlob::default();
    let index: String = bundle::render(manifest, Images::Linked, lang)
        .into_iter()
        .map(|p| {
            if let Piece::Text(t) = p {
                t
            } else {
                String::new()
            }
        })
        .collect();
    zip.add_bytes(bundle::INDEX_PATH, index.as_bytes())?;
    zip.add_bytes(bundle::MANIFEST_PATH, manifest.to_json().as_bytes())?;
    for (n, (path, blob)) in files.iter().enumerate() {
        progress(n + 1, files.len());
        zip.add_blob(path, blob).await?;
    }
    zip.finish()
}
