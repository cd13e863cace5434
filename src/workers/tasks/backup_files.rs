//! The backup file, made and read in the tasks worker (`src/workers/tasks/main.rs`): every board and photo of this browser as
//! one ZIP, and restoring one into the library. The layout and the checks are in
//! [`crate::storage::backup`]; the ZIP pieces in [`crate::zip`]; the page's side (what only
//! the open tab holds, progress, messages) in [`super::backup`].
//!
//! A worker does it so that checking every photo of a large backup (its checksum and content
//! hash) never holds up the page, and so the page carries none of this code (BENCHMARKS.md,
//! "App size"). Photos stay browser `Blob`s: the backup is one `Blob` of header bytes and the
//! stored blobs; only checksums pass through WebAssembly, 4 MiB at a time, so memory stays flat
//! however big the backup is.

use crate::browser::{blobs, database, idb};
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::{ContentHasher, PhotoId};
use crate::protocol::{RestoreReport, TabState};
use crate::storage::backup::{self as format, BackupAudio, BackupPhoto, Manifest, Restore};
use crate::storage::{self, BoardId};
use crate::zip::{self, Crc};
use std::collections::{BTreeMap, BTreeSet};
use web_sys::Blob;

fn failed(detail: Message) -> StorageError {
    StorageError::Failed { detail }
}

async fn read_range(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, StorageError> {
    blobs::read_range(blob, start, end).await.map_err(failed)
}

async fn stream(
    blob: &Blob,
    start: f64,
    end: f64,
    update: impl FnMut(&[u8]),
) -> Result<(), StorageError> {
    blobs::stream(blob, start, end, update)
        .await
        .map_err(failed)
}

/// The backup of everything stored, plus what only the editor's tab has (`tab`: the open
/// board's latest state, photos and audio that could not be stored): (file, boards, photos);
/// `progress(n, total)` as each photo is checksummed.
pub async fn build(
    tab: TabState,
    progress: impl Fn(usize, usize),
) -> Result<(Blob, usize, usize), StorageError> {
    let mut documents: BTreeMap<String, String> = BTreeMap::new();
    let mut photos: BTreeMap<PhotoId, (Blob, Blob)> = BTreeMap::new();
    let mut audio: BTreeMap<String, (Blob, String)> = BTreeMap::new();
    if let Ok(db) = database::db().await {
        for (key, json) in idb::get_all(&db, idb::BOARDS).await? {
            if let (true, Some(json)) = (format::is_board_id(&key), json.as_string()) {
                documents.insert(key, json); // damaged ones too: a backup keeps everything
            }
        }
        for (id, original, thumb) in database::all_photo_blobs().await? {
            if format::is_photo_id(&id.0) {
                photos.insert(id, (original, thumb));
            }
        }
        for (id, blob, name) in database::all_audio_named().await? {
            if format::is_photo_id(&id) {
                audio.insert(id, (blob, name));
            }
        }
    }
    documents.extend(tab.document);
    photos.extend(
        tab.photos
            .into_iter()
            .map(|(id, original, thumb)| (id, (original, thumb))),
    );
    audio.extend(
        tab.audio
            .into_iter()
            .filter(|(id, _, _)| format::is_photo_id(id))
            .map(|(id, blob, name)| (id, (blob, name))),
    );
    let mut manifest = Manifest::new(js_sys::Date::now());
    manifest.boards = documents.keys().cloned().map(BoardId).collect();
    manifest.photos = photos
        .iter()
        .map(|(id, (original, _))| BackupPhoto {
            id: id.clone(),
            mime: original.type_(),
            thumb: true,
        })
        .collect();
    manifest.set_audio(
        audio
            .iter()
            .map(|(id, (blob, name))| BackupAudio {
                id: id.clone(),
                mime: blob.type_(),
                name: name.clone(),
            })
            .collect(),
    );
    let mut zip = blobs::ZipBlob::default();
    zip.add_bytes(format::MANIFEST_PATH, manifest.to_json().as_bytes())
        .map_err(failed)?;
    for (id, json) in &documents {
        zip.add_bytes(&format::board_path(&BoardId(id.clone())), json.as_bytes())
            .map_err(failed)?;
    }
    for (n, (id, (original, thumb))) in photos.iter().enumerate() {
        progress(n + 1, photos.len());
        zip.add_blob(&format::photo_path(id), original)
            .await
            .map_err(failed)?;
        zip.add_blob(&format::thumb_path(id), thumb)
            .await
            .map_err(failed)?;
    }
    for (id, (blob, _)) in &audio {
        zip.add_blob(&format::audio_path(id), blob)
            .await
            .map_err(failed)?;
    }
    Ok((zip.finish().map_err(failed)?, documents.len(), photos.len()))
}

/// Restores a backup file into the library, never overwriting a board; `progress(n, total)`
/// as each photo is checked.
pub async fn restore(
    file: &Blob,
    progress: impl Fn(usize, usize),
) -> Result<RestoreReport, StorageError> {
    let bad = |e: zip::ZipError| StorageError::BadBackup { detail: e.detail };
    let len = file.size();
    let tail = read_range(file, (len - zip::TAIL_LEN as f64).max(0.0), len).await?;
    let dir = zip::find_directory(&tail, len as u64).map_err(bad)?;
    let listing = read_range(file, dir.offset as f64, (dir.offset + dir.size) as f64).await?;
    let entries: BTreeMap<String, zip::ZipEntry> = flowboard_core::inserting(
        zip::read_directory(&listing, dir)
            .map_err(bad)?
            .into_iter()
            .map(|e| (e.name.clone(), e)),
    );
    // Photos are read straight out of the file, so entries must be stored as Flowboard wrote them.
    if let Some(e) = entries.values().find(|e| e.deflated) {
        return Err(StorageError::BadBackup {
            detail: Message::new(T::BackupRecompressed).with("name", &e.name),
        });
    }
    // Where an entry's bytes are in the file.
    let span = |name: &str| {
        let entry = entries.get(name).cloned();
        async move {
            let entry = entry?;
            let header = read_range(
                file,
                entry.header_offset as f64,
                (entry.header_offset + zip::LOCAL_HEADER_LEN) as f64,
            )
            .await
            .ok()?;
            // Inside the room the directory gives it, whatever its local header says.
            let range = entry.data_range(&header).ok()?;
            Some((range.start as f64, range.end as f64, entry.crc))
        }
    };
    // The manifest and each board document: never more than a bundle's manifest may be (a board
    // at the frame cap is a few MB), so a hostile backup cannot make the worker parse gigabytes.
    let text = |range: Option<(f64, f64, u32)>| async move {
        let (start, end, crc) =
            range.filter(|(start, end, _)| end - start <= crate::bundle::MAX_MANIFEST as f64)?;
        let bytes = read_range(file, start, end).await.ok()?;
        (Crc::of(&bytes) == crc)
            .then(|| String::from_utf8(bytes).ok())
            .flatten()
    };
    let manifest = text(span(format::MANIFEST_PATH).await)
        .await
        .ok_or_else(|| StorageError::BadBackup {
            detail: Message::new(T::BackupNoToc).with("name", format::MANIFEST_PATH),
        })?;
    let manifest = Manifest::parse(&manifest)?;
    let mut report = RestoreReport::default();
    // Where a photo's or an audio file's bytes are, if they are there and still the file its
    // content hash `id` names.
    let intact = |name: String, id: &str| {
        let id = id.to_owned();
        async move {
            let Some((start, end, _)) = span(&name).await else {
                return Ok(None);
            };
            let mut hasher = ContentHasher::default();
            stream(file, start, end, |b| hasher.update(b)).await?;
            Ok::<_, StorageError>((hasher.finish().0 == id).then_some((start, end)))
        }
    };
    // A photo already stored is never replaced: not its bytes, not its thumbnail.
    let stored: BTreeSet<String> =
        flowboard_core::inserting(idb::keys(&database::db().await?, idb::PHOTOS).await?);
    for (n, photo) in manifest.photos.iter().enumerate() {
        progress(n + 1, manifest.photos.len());
        if stored.contains(&photo.id.0) {
            continue;
        }
        let Some((start, end)) = intact(format::photo_path(&photo.id), &photo.id.0).await? else {
            report.photos_bad += 1; // missing, or damaged: its content no longer matches its id
            continue;
        };
        // The type comes from the bytes, never from the manifest's `mime`: a PNG/HTML polyglot
        // declared `text/html` would otherwise be shown from a `blob:` URL that runs its script.
        let Some(original) = file.slice_with_f64_and_f64(start, end).ok() else {
            report.photos_bad += 1;
            continue;
        };
        let Some(original) = blobs::typed_photo(&original).await.map_err(failed)? else {
            report.photos_bad += 1; // not a photo at all
            continue;
        };
        // No thumbnail: the backup's `thumbs/` entry could show any picture. The photo shows as
        // its own thumbnail until the page has made one from it (services::backup).
        database::put_photo_without_thumb(&photo.id, &original, js_sys::Date::now()).await?;
        report.photos += 1;
    }
    // Audio as photos: never replacing a stored file, checked by its content hash, typed from
    // its first bytes (never from the manifest: a file that is no audio is skipped).
    let stored = database::audio_keys().await?;
    for audio in &manifest.audio {
        if stored.contains(&audio.id) {
            continue;
        }
        let Some((start, end)) = intact(format::audio_path(&audio.id), &audio.id).await? else {
            report.audio_bad += 1;
            continue;
        };
        let head = read_range(file, start, (start + 64.0).min(end)).await?;
        let Some(mime) = crate::audio::media::audio_mime(&head) else {
            report.audio_bad += 1; // not audio at all
            continue;
        };
        let Ok(blob) = file.slice_with_f64_and_f64_and_content_type(start, end, mime) else {
            report.audio_bad += 1;
            continue;
        };
        database::put_audio(&audio.id, &blob, mime, &audio.name).await?;
        report.audio += 1;
    }
    let mut incoming = Vec::new();
    for id in &manifest.boards {
        match text(span(&format::board_path(id)).await)
            .await
            .map(|json| storage::restore(&json))
        {
            Some(Ok(restored)) => incoming.push(restored.stored),
            _ => report.boards_bad += 1,
        }
    }
    let existing: BTreeMap<BoardId, f64> = flowboard_core::inserting(
        database::list()
            .await?
            .into_iter()
            .map(|e| (e.id, e.summary.map_or(-1.0, |s| s.saved_at))),
    );
    for plan in format::plan_restore(&existing, incoming, || {
        format::new_board_id(js_sys::Date::now(), js_sys::Math::random())
    }) {
        match plan {
            Restore::Add(board) | Restore::AddCopy(board) => {
                database::write_board(&board).await?;
                report.added += 1;
            }
            Restore::AlreadyHere(_) => report.here += 1,
        }
    }
    Ok(report)
}
