//! Boards and photos in IndexedDB as both the page and the tasks worker use them: the records,
//! the library, photo housekeeping. The open board's verified save and repaired load, which need
//! the page's photos, are the page's ([`crate::page::services::board_store`]). The document
//! format and every repair are in the pure [`crate::storage`]; this is only where the bytes go.

use crate::browser::idb;
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::{PhotoId, PhotoMeta};
use crate::storage::{self, BoardId, BoardSummary, StoredBoard};
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase};

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// The open database (opened on first use).
pub async fn db() -> Result<IdbDatabase, StorageError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = idb::open().await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

pub(crate) fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// needs them), the board it was imported into (`""`: none) and when it was stored.
pub async fn put_photo(
    id: &PhotoId,
    original: &Blob,
    thumb: &Blob,
    meta: Option<&PhotoMeta>,
    board: &str,
    stored_at: f64,
) -> Result<(), StorageError> {
    write_photo(id, original, Some(thumb), meta, board, stored_at).await
}

/// Writes a restored photo record with no thumbnail (a backup's is not trusted): until
/// [`put_photo`] adds one made from the photo, the photo is its own thumbnail ([`blobs_of`]).
pub async fn put_photo_without_thumb(
    id: &PhotoId,
    original: &Blob,
    stored_at: f64,
) -> Result<(), StorageError> {
    write_photo(id, original, None, None, "", stored_at).await
}

async fn write_photo(
    id: &PhotoId,
    original: &Blob,
    thumb: Option<&Blob>,
    meta: Option<&PhotoMeta>,
    board: &str,
    stored_at: f64,
) -> Result<(), StorageError> {
    let db = db().await?;
    let record = Object::new();
    set(&record, "original", original);
    if let Some(thumb) = thumb {
        set(&record, "thumb", thumb);
    }
    if let Some(meta) = meta {
        set(
            &record,
            "meta",
            &JsValue::from_str(&serde_json::to_string(meta).expect("photo details serialize")),
        );
    }
    set(&record, "board", &JsValue::from_str(board));
    set(&record, "stored_at", &JsValue::from_f64(stored_at));
    let tx = idb::transaction(&db, &[idb::PHOTOS], true)?;
    idb::put(&tx, idb::PHOTOS, &id.0, &record)?;
    idb::commit(&tx).await
}

/// Forgets a photo record (one a restore stored that turned out not to decode).
pub async fn delete_photo(id: &PhotoId) -> Result<(), StorageError> {
    let db = db().await?;
    let tx = idb::transaction(&db, &[idb::PHOTOS], true)?;
    idb::delete(&tx, idb::PHOTOS, &id.0)?;
    idb::commit(&tx).await
}

/// Writes a board's document and its summary in one transaction.
async fn put_document(
    db: &IdbDatabase,
    id: &BoardId,
    json: &str,
    summary: &BoardSummary,
) -> Result<(), StorageError> {
    let tx = idb::transaction(db, &[idb::BOARDS, idb::SUMMARIES], true)?;
    idb::put(&tx, idb::BOARDS, &id.0, &JsValue::from_str(json))?;
    idb::put(
        &tx,
        idb::SUMMARIES,
        &id.0,
        &JsValue::from_str(&summary.to_json()),
    )?;
    idb::commit(&tx).await
}

/// A stored board's document as text.
async fn stored_document(db: &IdbDatabase, id: &BoardId) -> Result<String, StorageError> {
    let json = idb::get(db, idb::BOARDS, &id.0)
        .await?
        .and_then(|v| v.as_string());
    json.ok_or_else(|| StorageError::Damaged {
        detail: Message::new(T::NoLongerStored),
    })
}

/// Writes a board's document and summary in one transaction and reads the document back.
pub(crate) async fn write_document(stored: &StoredBoard) -> Result<(), StorageError> {
    let db = db().await?;
    let json = stored.to_json();
    put_document(&db, &stored.id, &json, &BoardSummary::of(stored)).await?;
    match idb::get(&db, idb::BOARDS, &stored.id.0).await? {
        Some(back) if back.as_string().as_deref() == Some(json.as_str()) => Ok(()),
        _ => Err(StorageError::NotVerified),
    }
}

pub use crate::storage::LibraryEntry;

/// Every stored board, newest first, from the summaries. A board whose summary is missing or
/// damaged is summarised from its document without restoring it (a document from an older build
/// may hold any number of frames); one whose document is damaged too is listed without a summary.
pub async fn list() -> Result<Vec<LibraryEntry>, StorageError> {
    let db = db().await?;
    let summaries: BTreeMap<String, JsValue> =
        flowboard_core::inserting(idb::get_all(&db, idb::SUMMARIES).await?);
    let mut entries = Vec::new();
    for key in idb::keys(&db, idb::BOARDS).await? {
        let mut summary = summaries
            .get(&key)
            .and_then(|s| s.as_string())
            .and_then(|s| BoardSummary::from_json(&s));
        if summary.is_none() {
            let json = idb::get(&db, idb::BOARDS, &key)
                .await?
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            summary = BoardSummary::from_document(&json);
        }
        entries.push(LibraryEntry {
            id: BoardId(key),
            summary,
        });
    }
    // Newest first; unreadable ones (no time) first of all. Times are whole milliseconds.
    flowboard_core::sort_by_number(&mut entries, |e| {
        e.summary
            .as_ref()
            .map_or(i64::MIN, |s| -(s.saved_at as i64))
    });
    Ok(entries)
}

/// Reads a stored board document (for rename, duplicate and backup).
pub async fn read_board(id: &BoardId) -> Result<StoredBoard, StorageError> {
    let json = stored_document(&db().await?, id).await?;
    Ok(storage::restore(&json)?.stored)
}

/// Writes a document and its summary without touching photos (rename, duplicate, restore).
pub async fn write_board(stored: &StoredBoard) -> Result<(), StorageError> {
    put_document(
        &db().await?,
        &stored.id,
        &stored.to_json(),
        &BoardSummary::of(stored),
    )
    .await
}

/// Renames a stored board in its document as stored, without restoring it (so a board from an
/// older build, over today's frame cap, keeps every frame), and updates its summary.
pub async fn rename_board(id: &BoardId, title: &str, saved_at: f64) -> Result<(), StorageError> {
    let db = db().await?;
    let json = storage::retitle(&stored_document(&db, id).await?, title, saved_at)?;
    let summary = BoardSummary::from_document(&json).ok_or(StorageError::Damaged {
        detail: Message::new(T::NotBoardDocument),
    })?;
    put_document(&db, id, &json, &summary).await
}

/// Deletes a board, then every photo and audio file no remaining board uses (read from each
/// document's photo and audio tables, without restoring the boards: one may hold any number of
/// frames).
pub async fn delete_board(id: &BoardId) -> Result<(), StorageError> {
    let db = db().await?;
    let tx = idb::transaction(&db, &[idb::BOARDS, idb::SUMMARIES], true)?;
    idb::delete(&tx, idb::BOARDS, &id.0)?;
    idb::delete(&tx, idb::SUMMARIES, &id.0)?;
    idb::commit(&tx).await?;
    let mut used = BTreeSet::new();
    let mut used_audio = BTreeSet::new();
    for (_, json) in idb::get_all(&db, idb::BOARDS).await? {
        let json = json.as_string().unwrap_or_default();
        match (
            storage::photos_of_document(&json),
            storage::audio_of_document(&json),
        ) {
            (Some(photos), Some(audio)) => {
                used.extend(photos);
                used_audio.extend(audio);
            }
            // A board that cannot be read might still need its files: keep everything.
            _ => return Ok(()),
        }
    }
    let unused: Vec<String> = idb::keys(&db, idb::PHOTOS)
        .await?
        .into_iter()
        .filter(|k| !used.contains(&PhotoId(k.clone())))
        .collect();
    let unused_audio: Vec<String> = idb::keys(&db, idb::AUDIO)
        .await?
        .into_iter()
        .filter(|k| !used_audio.contains(k))
        .collect();
    if !unused.is_empty() || !unused_audio.is_empty() {
        let tx = idb::transaction(&db, &[idb::PHOTOS, idb::AUDIO], true)?;
        for key in &unused {
            idb::delete(&tx, idb::PHOTOS, key)?;
        }
        for key in &unused_audio {
            idb::delete(&tx, idb::AUDIO, key)?;
        }
        idb::commit(&tx).await?;
    }
    Ok(())
}

/// Every stored photo's blobs, read in one request: (id, original, thumbnail).
pub async fn all_photo_blobs() -> Result<Vec<(PhotoId, Blob, Blob)>, StorageError> {
    let db = db().await?;
    Ok(idb::get_all(&db, idb::PHOTOS)
        .await?
        .into_iter()
        .filter_map(|(key, record)| {
            blobs_of(&record).map(|(original, thumb)| (PhotoId(key), original, thumb))
        })
        .collect())
}

/// A stored photo's blobs as they may be shown: each typed as the image its bytes are. A record
/// written by an older build (or planted by a hostile backup before restores typed photos) may
/// carry any type, e.g. `text/html`; such a blob is retyped from its first bytes, and one that is
/// not an image is not shown at all (its frames say the photo is missing). Blobs already typed as
/// a photo are kept without reading them: whatever their bytes, a browser only draws them.
pub async fn shown(original: Blob, thumb: Blob) -> Option<(Blob, Blob)> {
    async fn typed(blob: Blob) -> Option<Blob> {
        if crate::imaging::is_photo_mime(&blob.type_()) {
            return Some(blob);
        }
        super::blobs::typed_photo(&blob).await.ok().flatten()
    }
    Some((typed(original).await?, typed(thumb).await?))
}

/// A photo record's (original, thumbnail) blobs; `None` when the record is damaged. A record
/// without a thumbnail (restored, its thumbnail not made yet) shows the photo itself.
pub(crate) fn blobs_of(record: &JsValue) -> Option<(Blob, Blob)> {
    let original: Blob = field(record, "original").dyn_into().ok()?;
    let thumb = field(record, "thumb")
        .dyn_into()
        .unwrap_or_else(|_| original.clone());
    Some((original, thumb))
}

/// Stored photos that have no thumbnail of their own yet (a restore was cut short before they
/// were made): their ids and originals.
pub async fn photos_without_thumb() -> Result<Vec<(PhotoId, Blob)>, StorageError> {
    let db = db().await?;
    Ok(idb::get_all(&db, idb::PHOTOS)
        .await?
        .into_iter()
        .filter(|(_, record)| field(record, "thumb").dyn_into::<Blob>().is_err())
        .filter_map(|(key, record)| {
            Some((PhotoId(key), field(&record, "original").dyn_into().ok()?))
        })
        .collect())
}

/// A stored photo's blobs: (original, thumbnail).
pub async fn photo_blobs(id: &PhotoId) -> Result<Option<(Blob, Blob)>, StorageError> {
    let db = db().await?;
    let Some(record) = idb::get(&db, idb::PHOTOS, &id.0).await? else {
        return Ok(None);
    };
    Ok(blobs_of(&record))
}

/// Stores an audio file (a narration or a music bed) by content hash: its blob (kept as the
/// browser's object, never read into WebAssembly here), its media type as its bytes say
/// ([`crate::audio::media::audio_mime`]) and the name it was added as.
pub async fn put_audio(id: &str, blob: &Blob, mime: &str, name: &str) -> Result<(), StorageError> {
    let db = db().await?;
    let record = Object::new();
    set(&record, "blob", blob);
    set(&record, "mime", &JsValue::from_str(mime));
    set(&record, "name", &JsValue::from_str(name));
    let tx = idb::transaction(&db, &[idb::AUDIO], true)?;
    idb::put(&tx, idb::AUDIO, id, &record)?;
    idb::commit(&tx).await
}

/// A stored audio record's blob, typed as the media type stored with it (which was sniffed from
/// its bytes when it was taken in); `None` when the record is damaged.
fn audio_of(record: &JsValue) -> Option<Blob> {
    let blob: Blob = field(record, "blob").dyn_into().ok()?;
    let mime = field(record, "mime").as_string().unwrap_or_default();
    if mime.is_empty() || blob.type_() == mime {
        return Some(blob);
    }
    blob.slice_with_f64_and_f64_and_content_type(0.0, blob.size(), &mime)
        .ok()
}

/// A stored audio file's blob (`None` when IndexedDB does not have it).
pub async fn audio_blob(id: &str) -> Result<Option<Blob>, StorageError> {
    let db = db().await?;
    Ok(idb::get(&db, idb::AUDIO, id)
        .await?
        .as_ref()
        .and_then(audio_of))
}

/// Forgets a stored audio file.
pub async fn delete_audio(id: &str) -> Result<(), StorageError> {
    let db = db().await?;
    let tx = idb::transaction(&db, &[idb::AUDIO], true)?;
    idb::delete(&tx, idb::AUDIO, id)?;
    idb::commit(&tx).await
}

/// Every stored audio file's blob, read in one request: (content hash, blob).
pub async fn all_audio_blobs() -> Result<Vec<(String, Blob)>, StorageError> {
    let db = db().await?;
    Ok(idb::get_all(&db, idb::AUDIO)
        .await?
        .into_iter()
        .filter_map(|(key, record)| Some((key, audio_of(&record)?)))
        .collect())
}

/// Every stored audio file with the name it was added as: (content hash, blob, name), for a
/// backup.
pub async fn all_audio_named() -> Result<Vec<(String, Blob, String)>, StorageError> {
    let db = db().await?;
    Ok(idb::get_all(&db, idb::AUDIO)
        .await?
        .into_iter()
        .filter_map(|(key, record)| {
            let name = field(&record, "name").as_string().unwrap_or_default();
            Some((key, audio_of(&record)?, name))
        })
        .collect())
}

/// The content hashes of every stored audio file (what a verified save checks against).
pub async fn audio_keys() -> Result<BTreeSet<String>, StorageError> {
    let db = db().await?;
    Ok(flowboard_core::inserting(idb::keys(&db, idb::AUDIO).await?))
}

/// One stored piece of a recording in progress (the `recordings` store), written as the
/// recorder hands it over, so that a recording cut short by a reload keeps all but its last
/// second ([`crate::audio::recording`]).
pub struct RecordingChunk {
    pub recording: String,
    pub seq: u32,
    /// The board it is recorded for.
    pub board: String,
    /// The frame it started on.
    pub frame: u64,
    pub mime: String,
    /// When it started (ms since the epoch).
    pub started_at: f64,
    /// The cuts made so far (JSON of `[Cut]`), so each frame gets its part back.
    pub cuts: String,
    pub blob: Blob,
}

/// Stores a recording's chunk under [`crate::audio::recording::chunk_key`].
pub async fn put_recording_chunk(chunk: &RecordingChunk) -> Result<(), StorageError> {
    let db = db().await?;
    let record = Object::new();
    set(&record, "board", &JsValue::from_str(&chunk.board));
    set(&record, "frame", &JsValue::from_f64(chunk.frame as f64));
    set(&record, "mime", &JsValue::from_str(&chunk.mime));
    set(&record, "started_at", &JsValue::from_f64(chunk.started_at));
    set(&record, "seq", &JsValue::from_f64(f64::from(chunk.seq)));
    set(&record, "cuts", &JsValue::from_str(&chunk.cuts));
    set(&record, "blob", &chunk.blob);
    let key = crate::audio::recording::chunk_key(&chunk.recording, chunk.seq);
    let tx = idb::transaction(&db, &[idb::RECORDINGS], true)?;
    idb::put(&tx, idb::RECORDINGS, &key, &record)?;
    idb::commit(&tx).await
}

/// Every stored recording chunk, in key order (each recording's chunks in sequence); records
/// that do not read as one are left out.
pub async fn recording_chunks() -> Result<Vec<RecordingChunk>, StorageError> {
    let db = db().await?;
    Ok(idb::get_all(&db, idb::RECORDINGS)
        .await?
        .into_iter()
        .filter_map(|(key, r)| {
            let (recording, seq) = crate::audio::recording::read_chunk_key(&key)?;
            Some(RecordingChunk {
                recording: recording.to_owned(),
                seq,
                board: field(&r, "board").as_string()?,
                frame: field(&r, "frame").as_f64()? as u64,
                mime: field(&r, "mime").as_string().unwrap_or_default(),
                started_at: field(&r, "started_at").as_f64().unwrap_or(0.0),
                cuts: field(&r, "cuts").as_string().unwrap_or_default(),
                blob: field(&r, "blob").dyn_into().ok()?,
            })
        })
        .collect())
}

/// Forgets every stored chunk of a recording (it was attached, recovered or given up).
pub async fn delete_recording(recording: &str) -> Result<(), StorageError> {
    let db = db().await?;
    let prefix = format!("{recording}/");
    let keys: Vec<String> = idb::keys(&db, idb::RECORDINGS)
        .await?
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .collect();
    let tx = idb::transaction(&db, &[idb::RECORDINGS], true)?;
    for key in &keys {
        idb::delete(&tx, idb::RECORDINGS, key)?;
    }
    idb::commit(&tx).await
}
