//! The messages between the editor and its workers, in one place for both sides.
//!
//! The image workers have three jobs, each `{ bytes: ArrayBuffer, … }` (bytes transferred, not
//! copied):
//! - a photo to add: `{ bytes }` → `{ info: JSON of PhotoInfo, thumb: ArrayBuffer }`; `bytes`
//!   may also be the picked `File` itself, which the worker reads (off the page's thread, and in
//!   parallel in each worker); if that fails the answer is `{ read_error: text }`;
//! - a frame to export: `{ bytes, render: JSON of RenderSpec }` → `{ jpeg: ArrayBuffer }`;
//! - a bundle to open: `{ bytes, bundle: true }` → `{ bundle: JSON of BundleReply, files: [ArrayBuffer] }`;
//!
//! or `{ error: JSON of ImagingError }` / `{ bundle_error: JSON of BundleError }`.
//!
//! The tasks worker has three more, with blobs shared rather than copied:
//! - an export to join: `{ assemble: "html" | "zip", manifest: JSON of Manifest, lang, paths:
//!   [text], files: [Blob] }` → `{ blob: Blob }` or `{ assemble_error: JSON of Message }`;
//! - a backup to make: `{ backup: true, document?: [id, JSON], ids: [text], originals: [Blob],
//!   thumbs: [Blob] }` (what only the editor's tab holds) → `{ blob: Blob, boards, photos }`;
//! - a backup to restore: `{ restore: File }` → `{ restored: JSON of RestoreReport }`;
//!
//! each sends `{ progress: [n, total] }` messages before its reply, one per file or photo;
//! a request it cannot read is answered `{ read_error: text }`;
//!
//! the last two fail with `{ storage_error: JSON of StorageError }`.
//!
//! Every reply carries `memory`: the worker's WebAssembly memory in bytes (it never shrinks; the
//! editor retires big image workers). On start a worker posts `{ ready: PROTOCOL_VERSION }`.

use super::files::js_error_text;
use crate::i18n::{Message, T};
use super::export::Kind;
use crate::bundle::{Manifest, Reopened};
use crate::i18n::Lang;
use std::collections::BTreeMap;
use web_sys::Blob;
use crate::error::{BundleError, ImagingError, StorageError};
use crate::imaging::PhotoInfo;
use crate::model::{Board, Crop, PhotoId};
use serde::{Deserialize, Serialize};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

const BYTES: &str = "bytes";
const INFO: &str = "info";
const THUMB: &str = "thumb";
const ERROR: &str = "error";
const READY: &str = "ready";
const MEMORY: &str = "memory";
const RENDER: &str = "render";
const JPEG: &str = "jpeg";
const BUNDLE: &str = "bundle";
const BUNDLE_ERROR: &str = "bundle_error";
const FILES: &str = "files";
const READ_ERROR: &str = "read_error";
const ASSEMBLE: &str = "assemble";
const MANIFEST: &str = "manifest";
const LANG: &str = "lang";
const PATHS: &str = "paths";
const BLOB: &str = "blob";
const ASSEMBLE_ERROR: &str = "assemble_error";
const BACKUP: &str = "backup";
const DOCUMENT: &str = "document";
const IDS: &str = "ids";
const ORIGINALS: &str = "originals";
const THUMBS: &str = "thumbs";
const BOARDS: &str = "boards";
const PHOTOS: &str = "photos";
const RESTORE: &str = "restore";
const RESTORED: &str = "restored";
const PROGRESS: &str = "progress";
const STORAGE_ERROR: &str = "storage_error";

/// How to render one exported frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RenderSpec {
    pub crop: Crop,
    pub long_edge: u32,
    pub quality: u8,
}

/// A re-opened bundle, less its photo bytes (sent alongside as `files`, in `photos` order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleReply {
    pub board: Board,
    pub photos: Vec<PhotoId>,
    pub problems: Vec<Message>,
}

/// An export's files, to join into its bundle (see [`super::assembly`]).
pub struct Assembly {
    pub kind: Kind,
    pub manifest: Manifest,
    /// Frame images and originals, by their path in the bundle.
    pub files: BTreeMap<String, Blob>,
    pub lang: Lang,
}

/// What only the editor's tab holds, for a backup: the open board's latest document (id, JSON)
/// and photos that could not be stored (a full quota): (id, original, thumbnail).
#[derive(Default)]
pub struct TabState {
    pub document: Option<(String, String)>,
    pub photos: Vec<(PhotoId, Blob, Blob)>,
}

/// What restoring a backup did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// Boards added to the library (as copies when one of the same id was there, changed).
    pub added: usize,
    /// Boards already in the library as they are in the backup.
    pub here: usize,
    /// Photos stored.
    pub photos: usize,
    pub boards_bad: usize,
    pub photos_bad: usize,
}

/// What a request to an image worker asks for.
pub enum Job {
    Photo(Vec<u8>),
    Render(Vec<u8>, RenderSpec),
    Bundle(Vec<u8>),
}

/// What a request to the tasks worker asks for.
pub enum Task {
    Assemble(Box<Assembly>),
    Backup(TabState),
    Restore(Blob),
}

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

/// The request for one photo given as a file, which the worker reads itself.
pub fn file_request(file: &web_sys::Blob) -> (JsValue, Array) {
    let message = Object::new();
    set(&message, BYTES, file);
    (message.into(), Array::new())
}

/// A frame to render for an export.
pub fn render_request(bytes: &ArrayBuffer, spec: &RenderSpec) -> (JsValue, Array) {
    let (message, transfer) = request(bytes);
    set_json(message.unchecked_ref(), RENDER, spec);
    (message, transfer)
}

/// A bundle to open.
pub fn bundle_request(bytes: &ArrayBuffer) -> (JsValue, Array) {
    let (message, transfer) = request(bytes);
    set(message.unchecked_ref(), BUNDLE, &JsValue::TRUE);
    (message, transfer)
}

/// An export's files to join into its bundle; the blobs are shared with the worker, not copied.
pub fn assemble_request(kind: Kind, manifest: &Manifest, files: &BTreeMap<String, Blob>, lang: Lang) -> (JsValue, Array) {
    let message = Object::new();
    set(&message, ASSEMBLE, &JsValue::from_str(match kind {
        Kind::Html => "html",
        Kind::Zip => "zip",
    }));
    set_json(&message, MANIFEST, manifest);
    set(&message, LANG, &lang.code().into());
    let (paths, blobs) = (Array::new(), Array::new());
    for (path, blob) in files {
        paths.push(&JsValue::from_str(path));
        blobs.push(blob);
    }
    set(&message, PATHS, &paths);
    set(&message, FILES, &blobs);
    (message.into(), Array::new())
}

fn assembly_of(message: &JsValue, kind: &str) -> Result<Assembly, String> {
    let kind = if kind == "zip" { Kind::Zip } else { Kind::Html };
    let manifest = get(message, MANIFEST).as_string().ok_or("no manifest")?;
    let manifest: Manifest = flowboard_core::parse_json(&manifest).map_err(|e| e.to_string())?;
    let lang = get(message, LANG).as_string().and_then(|code| Lang::from_code(&code)).unwrap_or_default();
    let (paths, blobs) = (Array::from(&get(message, PATHS)), Array::from(&get(message, FILES)));
    let mut files = BTreeMap::new();
    for (path, blob) in paths.iter().zip(blobs.iter()) {
        let path = path.as_string().ok_or("a path is not text")?;
        files.insert(path, blob.dyn_into::<Blob>().map_err(|_| "a file is not a blob")?);
    }
    Ok(Assembly { kind, manifest, files, lang })
}

/// A backup to make, with what only the editor's tab holds.
pub fn backup_request(tab: &TabState) -> (JsValue, Array) {
    let message = Object::new();
    set(&message, BACKUP, &JsValue::TRUE);
    if let Some((id, json)) = &tab.document {
        set(&message, DOCUMENT, &Array::of2(&id.into(), &json.into()));
    }
    let (ids, originals, thumbs) = (Array::new(), Array::new(), Array::new());
    for (id, original, thumb) in &tab.photos {
        ids.push(&id.0.as_str().into());
        originals.push(original);
        thumbs.push(thumb);
    }
    set(&message, IDS, &ids);
    set(&message, ORIGINALS, &originals);
    set(&message, THUMBS, &thumbs);
    (message.into(), Array::new())
}

fn tab_state_of(message: &JsValue) -> TabState {
    let document = Array::from(&get(message, DOCUMENT));
    let document = document.get(0).as_string().zip(document.get(1).as_string());
    let (ids, originals, thumbs) = (Array::from(&get(message, IDS)), Array::from(&get(message, ORIGINALS)), Array::from(&get(message, THUMBS)));
    let photos = (0..ids.length())
        .filter_map(|i| Some((PhotoId(ids.get(i).as_string()?), originals.get(i).dyn_into().ok()?, thumbs.get(i).dyn_into().ok()?)))
        .collect();
    TabState { document, photos }
}

/// A backup file to restore.
pub fn restore_request(file: &Blob) -> (JsValue, Array) {
    let message = Object::new();
    set(&message, RESTORE, file);
    (message.into(), Array::new())
}

/// The task a request to the tasks worker asks for (`None`: not a request), or why it does
/// not read.
pub fn task(message: &JsValue) -> Option<Result<Task, String>> {
    if let Some(kind) = get(message, ASSEMBLE).as_string() {
        return Some(assembly_of(message, &kind).map(|a| Task::Assemble(Box::new(a))));
    }
    if get(message, BACKUP).is_truthy() {
        return Some(Ok(Task::Backup(tab_state_of(message))));
    }
    get(message, RESTORE).dyn_into::<Blob>().ok().map(|file| Ok(Task::Restore(file)))
}

/// The job a request asks for (`None`: not a request), or why the file it names could not be
/// read (in the browser's words).
pub fn job(message: &JsValue) -> Option<Result<Job, String>> {
    let data = get(message, BYTES);
    let bytes = if let Some(file) = data.dyn_ref::<web_sys::Blob>() {
        match read_file(file) {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(e)),
        }
    } else {
        data.dyn_into::<ArrayBuffer>().ok().map(|b| Uint8Array::new(&b).to_vec())?
    };
    Some(Ok(job_for(message, bytes)))
}

/// Reads a whole file, synchronously (workers may).
fn read_file(file: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let reader = web_sys::FileReaderSync::new().map_err(|e| js_error_text(&e))?;
    let buffer = reader.read_as_array_buffer(file).map_err(|e| js_error_text(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn job_for(message: &JsValue, bytes: Vec<u8>) -> Job {
    if let Some(spec) = get(message, RENDER).as_string().and_then(|spec| serde_json::from_str(&spec).ok()) {
        return Job::Render(bytes, spec);
    }
    if get(message, BUNDLE).is_truthy() {
        return Job::Bundle(bytes);
    }
    Job::Photo(bytes)
}

/// The answer to a request whose file could not be read.
pub fn read_error_reply(why: &str) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    set(&message, READ_ERROR, &why.into());
    (message.into(), transfer)
}

/// Why the worker could not read the file it was given, if that is what a reply says.
pub fn read_error_of(message: &JsValue) -> Option<Message> {
    get(message, READ_ERROR).as_string().map(Message::raw)
}

/// A reply under construction, carrying this worker's memory (see [`own_memory`]).
fn with_memory() -> (Object, Array) {
    let message = Object::new();
    set(&message, MEMORY, &own_memory().into());
    (message, Array::new())
}

/// Puts `value` into `message` under `key`, as JSON text.
fn set_json(message: &Object, key: &str, value: &impl Serialize) {
    set(message, key, &serde_json::to_string(value).expect("a message part serializes").into());
}

/// The error a reply carries as JSON under `key`, if it carries one (the outer error: it does
/// not read).
fn error_at<E: serde::de::DeserializeOwned>(message: &JsValue, key: &str) -> Option<Result<E, Message>> {
    let error = get(message, key).as_string()?;
    Some(flowboard_core::parse_json(&error).map_err(|e| Message::new(T::WorkerBadReply).with("detail", format!("error: {e}"))))
}

/// The reply to a render job.
pub fn render_reply(result: Result<&[u8], &ImagingError>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok(jpeg) => {
            let buffer = Uint8Array::from(jpeg).buffer();
            set(&message, JPEG, &buffer);
            transfer.push(&buffer);
        }
        Err(e) => set_json(&message, ERROR, e),
    }
    (message.into(), transfer)
}

/// What a render reply says: the JPEG, or why the photo could not be rendered.
pub fn parse_render_reply(message: &JsValue) -> Result<Result<ArrayBuffer, ImagingError>, Message> {
    if let Some(error) = error_at::<ImagingError>(message, ERROR) {
        return error.map(Err);
    }
    get(message, JPEG).dyn_into::<ArrayBuffer>().map(Ok).map_err(|_| Message::new(T::WorkerBadReply).with("detail", "no image"))
}

/// The reply to a bundle job.
pub fn bundle_reply(result: Result<Reopened, BundleError>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok(reopened) => {
            let files = Array::new();
            for photo in &reopened.photos {
                let buffer = Uint8Array::from(photo.bytes.as_slice()).buffer();
                files.push(&buffer);
                transfer.push(&buffer);
            }
            let reply = BundleReply { board: reopened.board, photos: reopened.photos.into_iter().map(|p| p.id).collect(), problems: reopened.problems };
            set_json(&message, BUNDLE, &reply);
            set(&message, FILES, &files);
        }
        Err(e) => set_json(&message, BUNDLE_ERROR, &e),
    }
    (message.into(), transfer)
}

/// What a bundle reply says: the board and its photos' bytes, or why the bundle was refused.
pub fn parse_bundle_reply(message: &JsValue) -> Result<Result<(BundleReply, Vec<ArrayBuffer>), BundleError>, Message> {
    if let Some(error) = error_at::<BundleError>(message, BUNDLE_ERROR) {
        return error.map(Err);
    }
    let reply = get(message, BUNDLE).as_string().ok_or_else(|| Message::new(T::WorkerBadReply).with("detail", "no storyboard"))?;
    let reply: BundleReply = flowboard_core::parse_json(&reply).map_err(|e| Message::new(T::WorkerBadReply).with("detail", e))?;
    let files: Vec<ArrayBuffer> = Array::from(&get(message, FILES)).iter().filter_map(|f| f.dyn_into().ok()).collect();
    if files.len() != reply.photos.len() {
        return Err(Message::new(T::WorkerBadReply).with("detail", "too few photos"));
    }
    Ok(Ok((reply, files)))
}

/// The reply to an assembly job: the bundle file, or why there is none.
pub fn assemble_reply(result: Result<Blob, Message>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok(blob) => set(&message, BLOB, &blob),
        Err(e) => set_json(&message, ASSEMBLE_ERROR, &e),
    }
    (message.into(), transfer)
}

/// What an assembly reply says: the bundle file, or why the worker could not join it.
pub fn parse_assemble_reply(message: &JsValue) -> Result<Result<Blob, Message>, Message> {
    refused(message)?;
    if let Some(error) = error_at::<Message>(message, ASSEMBLE_ERROR) {
        return error.map(Err);
    }
    get(message, BLOB).dyn_into::<Blob>().map(Ok).map_err(|_| Message::new(T::WorkerBadReply).with("detail", "no file"))
}

/// The tasks worker could not read the request (`read_error`): the worker's fault, not the data's.
fn refused(message: &JsValue) -> Result<(), Message> {
    match read_error_of(message) {
        Some(why) => Err(Message::new(T::WorkerBadReply).with_message("detail", why)),
        None => Ok(()),
    }
}

/// The reply to a backup job: (file, boards, photos), or why there is none.
pub fn backup_reply(result: Result<(Blob, usize, usize), StorageError>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok((blob, boards, photos)) => {
            set(&message, BLOB, &blob);
            set(&message, BOARDS, &(boards as f64).into());
            set(&message, PHOTOS, &(photos as f64).into());
        }
        Err(e) => set_json(&message, STORAGE_ERROR, &e),
    }
    (message.into(), transfer)
}

/// What a backup reply says.
pub fn parse_backup_reply(message: &JsValue) -> Result<Result<(Blob, usize, usize), StorageError>, Message> {
    refused(message)?;
    if let Some(error) = error_at::<StorageError>(message, STORAGE_ERROR) {
        return error.map(Err);
    }
    let blob = get(message, BLOB).dyn_into::<Blob>().map_err(|_| Message::new(T::WorkerBadReply).with("detail", "no file"))?;
    let count = |key| get(message, key).as_f64().unwrap_or(0.0) as usize;
    Ok(Ok((blob, count(BOARDS), count(PHOTOS))))
}

/// The reply to a restore job.
pub fn restore_reply(result: Result<RestoreReport, StorageError>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok(report) => set_json(&message, RESTORED, &report),
        Err(e) => set_json(&message, STORAGE_ERROR, &e),
    }
    (message.into(), transfer)
}

/// What a restore reply says.
pub fn parse_restore_reply(message: &JsValue) -> Result<Result<RestoreReport, StorageError>, Message> {
    refused(message)?;
    if let Some(error) = error_at::<StorageError>(message, STORAGE_ERROR) {
        return error.map(Err);
    }
    let report = get(message, RESTORED).as_string().ok_or_else(|| Message::new(T::WorkerBadReply).with("detail", "no report"))?;
    flowboard_core::parse_json(&report).map(Ok).map_err(|e| Message::new(T::WorkerBadReply).with("detail", e))
}

/// A progress message of a long job: `done` of `total`. Not a reply: the job goes on.
pub fn progress(done: usize, total: usize) -> JsValue {
    let message = Object::new();
    set(&message, PROGRESS, &Array::of2(&(done as f64).into(), &(total as f64).into()));
    message.into()
}

/// What a progress message says, if `message` is one.
pub fn progress_of(message: &JsValue) -> Option<(usize, usize)> {
    let pair = get(message, PROGRESS).dyn_into::<Array>().ok()?;
    Some((pair.get(0).as_f64()? as usize, pair.get(1).as_f64()? as usize))
}

/// The version of these message shapes. Bump it with any change to them: a worker fetched after
/// an update (the pool replaces workers, the tasks worker starts on demand) may come from a newer
/// build than the page, and one that does not speak the page's version is refused at start.
const PROTOCOL_VERSION: f64 = 2.0;

/// A worker's first message: it is ready, and which [`PROTOCOL_VERSION`] it speaks.
pub fn ready() -> JsValue {
    let message = Object::new();
    set(&message, READY, &PROTOCOL_VERSION.into());
    message.into()
}

/// Whether `message` says the worker is ready and speaks the page's version.
pub fn is_ready(message: &JsValue) -> bool {
    get(message, READY).as_f64() == Some(PROTOCOL_VERSION)
}

/// A reply, and the list of buffers to transfer with it.
pub fn reply(result: Result<(&PhotoInfo, &[u8]), &ImagingError>) -> (JsValue, Array) {
    let (message, transfer) = with_memory();
    match result {
        Ok((info, thumb)) => {
            set_json(&message, INFO, info);
            let buffer = Uint8Array::from(thumb).buffer();
            set(&message, THUMB, &buffer);
            transfer.push(&buffer);
        }
        Err(e) => set_json(&message, ERROR, e),
    }
    (message.into(), transfer)
}

/// This worker's WebAssembly memory in bytes, for its replies: it only grows, so the editor
/// retires an image worker that grew big.
fn own_memory() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// Posts a message from this worker to the editor, with the buffers to transfer.
pub fn post((message, transfer): (JsValue, Array)) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.post_message_with_transfer(&message, &transfer).expect("posting to the editor");
}

/// The worker's memory size a reply reports (0 if absent).
pub fn reply_memory(message: &JsValue) -> f64 {
    get(message, MEMORY).as_f64().unwrap_or(0.0)
}

/// What a reply says: the photo and its JPEG thumbnail, or why it failed.
pub fn parse_reply(message: &JsValue) -> Result<Result<(PhotoInfo, ArrayBuffer), ImagingError>, Message> {
    if let Some(error) = error_at::<ImagingError>(message, ERROR) {
        return error.map(Err);
    }
    let info = get(message, INFO).as_string().ok_or_else(|| Message::new(T::WorkerBadReply).with("detail", "no result"))?;
    let info: PhotoInfo = flowboard_core::parse_json(&info).map_err(|e| Message::new(T::WorkerBadReply).with("detail", e))?;
    let thumb = get(message, THUMB).dyn_into::<ArrayBuffer>().map_err(|_| Message::new(T::WorkerBadReply).with("detail", "no thumbnail"))?;
    Ok(Ok((info, thumb)))
}
