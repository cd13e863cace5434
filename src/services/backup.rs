//! Backup: every board and photo of this browser as one ZIP download, and restoring one.
//! The layout and the checks are in [`crate::storage::backup`]; the ZIP pieces in [`crate::zip`].
//!
//! Photos stay browser `Blob`s: the download is one `Blob` made of header bytes and the stored
//! blobs; only checksums pass through WebAssembly, 4 MiB at a time, so memory stays flat however
//! big the backup is.

use super::{autosave, blobs, boards, idb, locale, photo_store, storage};
use crate::i18n::{Message, T};
use crate::app::{EditorMsg, EditorState};
use crate::error::StorageError;
use crate::model::{ContentHasher, PhotoId};
use crate::storage::backup::{self as format, BackupPhoto, Manifest, Restore};
use crate::storage::{self as doc, BoardId};
use crate::zip::{self, Crc, ZipWriter};
use js_sys::Array;
use std::collections::BTreeMap;
use web_sys::{Blob, BlobPropertyBag};
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<EditorState>;

fn failed(detail: Message) -> StorageError {
    StorageError::Failed { detail }
}

async fn read_range(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, StorageError> {
    blobs::read_range(blob, start, end).await.map_err(failed)
}

async fn stream(blob: &Blob, start: f64, end: f64, update: impl FnMut(&[u8])) -> Result<(), StorageError> {
    blobs::stream(blob, start, end, update).await.map_err(failed)
}

fn progress(dispatch: &Dispatch, text: Option<String>) {
    dispatch.dispatch(EditorMsg::LibraryBusy(text));
}

/// Makes the backup and offers it as a download (also from the "storage full" banner: it
/// includes the open board and photos that could not be stored).
pub fn download(dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let lang = locale::current();
        progress(&dispatch, Some(lang.t(T::MakingBackup).into()));
        let message = match build().await {
            Ok((blob, boards, photos)) => match blobs::save_as(&blob, &file_name()) {
                Ok(()) => lang.f(T::BackupDownloaded, &[("boards", &boards), ("photos", &photos), ("mb", &format!("{:.1}", blob.size() / 1e6))]),
                Err(e) => lang.f(T::BackupNotDownloaded, &[("error", &e.show(lang))]),
            },
            Err(e) => lang.f(T::BackupNotMade, &[("error", &e.message(lang))]),
        };
        progress(&dispatch, None);
        dispatch.dispatch(EditorMsg::LibraryMessage(message));
    });
}

fn file_name() -> String {
    let d = js_sys::Date::new_0();
    format!("flowboard-backup-{}-{:02}-{:02}.zip", d.get_full_year(), d.get_month() + 1, d.get_date())
}

async fn build() -> Result<(Blob, usize, usize), StorageError> {
    autosave::flush().await;
    let mut documents: BTreeMap<String, String> = BTreeMap::new();
    let mut photos: BTreeMap<PhotoId, (Blob, Blob)> = BTreeMap::new();
    if let Ok(db) = storage::db().await {
        for (key, json) in idb::get_all(&db, idb::BOARDS).await? {
            if let (true, Some(json)) = (format::is_board_id(&key), json.as_string()) {
                documents.insert(key, json); // damaged ones too: a backup keeps everything
            }
        }
        for (id, original, thumb) in storage::all_photo_blobs().await? {
            if format::is_photo_id(&id.0) {
                photos.insert(id, (original, thumb));
            }
        }
    }
    // What only this tab has: the open board's latest state and photos not stored (full quota).
    if let Some(current) = autosave::current_document() {
        documents.insert(current.id.0.clone(), current.to_json());
    }
    for id in photo_store::unstored() {
        if let Some(p) = photo_store::get(&id) {
            photos.insert(id, (p.original, p.thumb));
        }
    }
    let mut manifest = Manifest::new(js_sys::Date::now());
    manifest.boards = documents.keys().cloned().map(BoardId).collect();
    manifest.photos = photos.iter().map(|(id, (original, _))| BackupPhoto { id: id.clone(), mime: original.type_(), thumb: true }).collect();
    let parts = Array::new();
    let mut zip = ZipWriter::default();
    let add_bytes = |zip: &mut ZipWriter, name: &str, bytes: &[u8]| -> Result<(), StorageError> {
        parts.push(&blobs::bytes_part(&zip.entry(name, Crc::of(bytes), bytes.len() as u64).map_err(|e| failed(e.detail))?));
        parts.push(&blobs::bytes_part(bytes));
        Ok(())
    };
    add_bytes(&mut zip, format::MANIFEST_PATH, manifest.to_json().as_bytes())?;
    for (id, json) in &documents {
        add_bytes(&mut zip, &format::board_path(&BoardId(id.clone())), json.as_bytes())?;
    }
    for (id, (original, thumb)) in &photos {
        for (name, blob) in [(format::photo_path(id), original), (format::thumb_path(id), thumb)] {
            let crc = blobs::crc(blob).await.map_err(failed)?;
            parts.push(&blobs::bytes_part(&zip.entry(&name, crc, blob.size() as u64).map_err(|e| failed(e.detail))?));
            parts.push(blob);
        }
    }
    parts.push(&blobs::bytes_part(&zip.finish()));
    let blob = blobs::join(&parts, "application/zip").map_err(failed)?;
    Ok((blob, documents.len(), photos.len()))
}

/// Restores a backup file into this browser's library, never overwriting a board.
pub fn restore(file: web_sys::File, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let lang = locale::current();
        progress(&dispatch, Some(lang.f(T::Restoring, &[("name", &file.name())])));
        let message = match restore_file(&file, &dispatch).await {
            Ok(summary) => summary,
            Err(e) => format!("{}{}", file.name(), lang.f(T::ReasonAfterName, &[("reason", &e.message(lang))])),
        };
        progress(&dispatch, None);
        boards::show_library(&dispatch, Some(message));
    });
}

async fn restore_file(file: &Blob, dispatch: &Dispatch) -> Result<String, StorageError> {
    let bad = |e: zip::ZipError| StorageError::BadBackup { detail: e.detail };
    let lang = locale::current();
    let len = file.size();
    let tail = read_range(file, (len - zip::TAIL_LEN as f64).max(0.0), len).await?;
    let dir = zip::find_directory(&tail, len as u64).map_err(bad)?;
    let listing = read_range(file, dir.offset as f64, (dir.offset + dir.size) as f64).await?;
    let entries: BTreeMap<String, zip::ZipEntry> = flowboard_core::inserting(zip::read_directory(&listing, dir).map_err(bad)?.into_iter().map(|e| (e.name.clone(), e)));
    // Photos are read straight out of the file, so entries must be stored as Flowboard wrote them.
    if let Some(e) = entries.values().find(|e| e.deflated) {
        return Err(StorageError::BadBackup { detail: Message::new(T::BackupRecompressed).with("name", &e.name) });
    }
    // Where an entry's bytes are in the file.
    let span = |name: &str| {
        let entry = entries.get(name).cloned();
        async move {
            let entry = entry?;
            let header = read_range(file, entry.header_offset as f64, (entry.header_offset + zip::LOCAL_HEADER_LEN) as f64).await.ok()?;
            let start = entry.header_offset + zip::data_start(&header).ok()?;
            Some((start as f64, (start + entry.size) as f64, entry.crc))
        }
    };
    let text = |range: Option<(f64, f64, u32)>| async move {
        let (start, end, crc) = range?;
        let bytes = read_range(file, start, end).await.ok()?;
        (Crc::of(&bytes) == crc).then(|| String::from_utf8(bytes).ok()).flatten()
    };
    let manifest = text(span(format::MANIFEST_PATH).await).await.ok_or_else(|| StorageError::BadBackup { detail: Message::new(T::BackupNoToc).with("name", format::MANIFEST_PATH) })?;
    let manifest = Manifest::parse(&manifest)?;
    let (mut photos_ok, mut photos_bad) = (0, 0);
    for (n, photo) in manifest.photos.iter().enumerate() {
        progress(dispatch, Some(lang.f(T::RestoringPhotos, &[("n", &(n + 1)), ("total", &manifest.photos.len())])));
        let (Some((start, end, _)), thumb) = (span(&format::photo_path(&photo.id)).await, span(&format::thumb_path(&photo.id)).await) else {
            photos_bad += 1;
            continue;
        };
        let mut hasher = ContentHasher::default();
        stream(file, start, end, |b| hasher.update(b)).await?;
        if hasher.finish() != photo.id {
            photos_bad += 1; // damaged: its content no longer matches its id
            continue;
        }
        let slice = |s: f64, e: f64, mime: &str| {
            let options = BlobPropertyBag::new();
            options.set_type(mime);
            file.slice_with_f64_and_f64(s, e).ok().and_then(|b| Blob::new_with_blob_sequence_and_options(&Array::of1(&b), &options).ok())
        };
        let (Some(original), Some((ts, te, _))) = (slice(start, end, &photo.mime), thumb) else {
            photos_bad += 1;
            continue;
        };
        let Some(thumb) = slice(ts, te, "image/jpeg") else {
            photos_bad += 1;
            continue;
        };
        storage::put_photo(&photo.id, &original, &thumb, None, "", 0.0).await?;
        photos_ok += 1;
    }
    let mut incoming = Vec::new();
    let mut boards_bad = 0;
    for id in &manifest.boards {
        match text(span(&format::board_path(id)).await).await.map(|json| doc::restore(&json)) {
            Some(Ok(restored)) => incoming.push(restored.stored),
            _ => boards_bad += 1,
        }
    }
    let existing: BTreeMap<BoardId, f64> = flowboard_core::inserting(storage::list().await?.into_iter().map(|e| (e.id, e.summary.map_or(-1.0, |s| s.saved_at))));
    let (mut added, mut here) = (0, 0);
    for plan in format::plan_restore(&existing, incoming, || format::new_board_id(js_sys::Date::now(), js_sys::Math::random())) {
        match plan {
            Restore::Add(board) | Restore::AddCopy(board) => {
                storage::write_board(&board).await?;
                added += 1;
            }
            Restore::AlreadyHere(_) => here += 1,
        }
    }
    let mut summary = lang.f(T::BackupRestored, &[("added", &added), ("photos", &photos_ok)]);
    if here > 0 {
        summary.push_str(&lang.f(T::BackupAlreadyHere, &[("n", &here)]));
    }
    if boards_bad + photos_bad > 0 {
        summary.push_str(&lang.f(T::BackupSkipped, &[("boards", &boards_bad), ("photos", &photos_bad)]));
    }
    Ok(summary)
}
