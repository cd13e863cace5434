//! Boards and photos in IndexedDB: save (verified), load (restored and repaired), the library,
//! and photo housekeeping. The document format and every repair are in the pure
//! [`crate::storage`]; this is only where the bytes go.

use super::{idb, photo_store};
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::{Board, PhotoId, PhotoMeta};
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

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// Stores a photo's blobs (from [`photo_store`]) for `board`. Storing a photo twice is harmless:
/// the key is its content hash.
pub async fn store_photo(
    board: &BoardId,
    meta: &PhotoMeta,
    stored_at: f64,
) -> Result<(), StorageError> {
    let Some(blobs) = photo_store::get(&meta.id) else {
        return Ok(());
    };
    put_photo(
        &meta.id,
        &blobs.original,
        &blobs.thumb,
        Some(meta),
        &board.0,
        stored_at,
    )
    .await?;
    photo_store::mark_stored(&meta.id);
    Ok(())
}

/// Writes one photo record: its blobs, its details when known (recovering an interrupted import
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

/// Saves a board: first any of its photos not stored yet, then the document and its summary in
/// one transaction, then reads the document back and compares.
///
/// The document is written even when a photo cannot be stored (a full quota): it is a few
/// kilobytes where a photo is megabytes, so it usually still fits, and then a reload keeps every
/// frame, caption and detail on screen, with only those photos missing (and named as missing).
///
/// # Errors
/// The first failure (a photo's before the document's). A failed document write leaves the
/// stored one as it was.
pub async fn save_board(stored: &StoredBoard) -> Result<(), StorageError> {
    let unstored: BTreeSet<PhotoId> = flowboard_core::inserting(photo_store::unstored());
    let mut photo_error = None;
    for meta in stored
        .board
        .photos
        .values()
        .filter(|p| unstored.contains(&p.id))
    {
        if let Err(e) = store_photo(&stored.id, meta, stored.saved_at).await {
            photo_error = Some(e);
            break;
        }
    }
    let written = write_document(stored).await;
    match written.and(photo_error.map_or(Ok(()), Err)) {
        Ok(()) => {
            rescue::clear(&stored.id);
            Ok(())
        }
        Err(e) => {
            rescue::keep(stored);
            Err(e)
        }
    }
}

/// The document of a board whose save failed, kept in `localStorage`: a full IndexedDB quota
/// refuses even a few kilobytes once a photo has filled it (measured in Chromium 156: after three
/// photos failed, a 3 KB write failed too), while `localStorage` has a separate allowance of
/// its own. A reload then opens the board as it was on screen, less the photos that did not fit.
/// A save that succeeds removes it.
mod rescue {
    use crate::storage::{BoardId, StoredBoard};

    fn key(id: &BoardId) -> String {
        format!("flowboard-unsaved-{}", id.0)
    }

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn keep(stored: &StoredBoard) {
        if let Some(s) = local() {
            let _ = s.set_item(&key(&stored.id), &stored.to_json());
        }
    }

    pub fn clear(id: &BoardId) {
        if let Some(s) = local() {
            let _ = s.remove_item(&key(id));
        }
    }

    pub fn get(id: &BoardId) -> Option<String> {
        local()?.get_item(&key(id)).ok().flatten()
    }
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
async fn write_document(stored: &StoredBoard) -> Result<(), StorageError> {
    let db = db().await?;
    let json = stored.to_json();
    put_document(&db, &stored.id, &json, &BoardSummary::of(stored)).await?;
    match idb::get(&db, idb::BOARDS, &stored.id.0).await? {
        Some(back) if back.as_string().as_deref() == Some(json.as_str()) => Ok(()),
        _ => Err(StorageError::NotVerified),
    }
}

/// A board read back, ready to open.
pub struct Loaded {
    pub stored: StoredBoard,
    /// The board as stored (what autosave compares against).
    pub saved: Board,
    /// What could not be restored, in sentences for the user.
    pub problems: Vec<Message>,
}

/// Loads a board: restores the document, registers its photos' blobs, notes missing photos, and
/// brings back photos that finished importing after the last save (a reload cut it short).
///
/// # Errors
/// The board is absent (`Ok(None)`), unreadable or from a newer version (`Err`).
pub async fn load_board(id: &BoardId) -> Result<Option<Loaded>, StorageError> {
    let db = db().await?;
    let Some(json) = idb::get(&db, idb::BOARDS, &id.0).await? else {
        return Ok(None);
    };
    let json = json.as_string().ok_or_else(|| StorageError::Damaged {
        detail: Message::new(T::StoredNotText),
    })?;
    let storage::Restored {
        stored,
        mut problems,
    } = storage::restore(&json)?;
    let saved = stored.board.clone();
    // Changes that a full storage kept out of the last saves (see `rescue`), when newer.
    let (stored, rescued) = match rescue::get(id)
        .and_then(|j| storage::restore(&j).ok())
        .filter(|r| r.stored.id == stored.id && r.stored.saved_at > stored.saved_at)
    {
        Some(r) => (r.stored, true),
        None => (stored, false),
    };
    if rescued {
        problems.push(Message::new(T::UnsavedChangesBack));
    }
    let mut present = BTreeSet::new();
    let mut orphans = Vec::new();
    for (key, record) in idb::get_all(&db, idb::PHOTOS).await? {
        let id = PhotoId(key);
        let ours = stored.board.photos.contains_key(&id)
            || field(&record, "board").as_string().as_deref() == Some(stored.id.0.as_str());
        let Some((original, thumb)) = blobs_of(&record) else {
            continue;
        };
        let Some((original, thumb)) = (if ours {
            shown(original, thumb).await
        } else {
            None
        }) else {
            continue;
        };
        if stored.board.photos.contains_key(&id) {
            if photo_store::remember(&id, &original, &thumb, true).is_ok() {
                present.insert(id);
            }
        } else if field(&record, "board").as_string().as_deref() == Some(stored.id.0.as_str()) {
            let stored_at = field(&record, "stored_at").as_f64().unwrap_or(0.0);
            let meta = field(&record, "meta")
                .as_string()
                .and_then(|m| flowboard_core::parse_json::<PhotoMeta>(&m).ok());
            if let Some(meta) = meta.filter(|m| m.id == id && stored_at > stored.saved_at) {
                if photo_store::remember(&id, &original, &thumb, true).is_ok() {
                    orphans.push((stored_at, meta));
                }
            }
        }
    }
    problems.extend(storage::missing_photos(&stored.board, &present));
    let mut stored = stored;
    let count = orphans.len();
    if let Some(recovered) = storage::recover_photos(&stored.board, orphans) {
        problems.push(Message::new(T::ImportResumed).with("n", count));
        stored.board = recovered;
    }
    Ok(Some(Loaded {
        stored,
        saved,
        problems,
    }))
}

/// A board in the library list.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryEntry {
    pub id: BoardId,
    /// `None` when the board cannot be read (it is still listed, so it can be deleted).
    pub summary: Option<BoardSummary>,
}

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

/// Deletes a board, then every photo no remaining board uses (read from each document's photo
/// table, without restoring the boards: one may hold any number of frames).
pub async fn delete_board(id: &BoardId) -> Result<(), StorageError> {
    let db = db().await?;
    let tx = idb::transaction(&db, &[idb::BOARDS, idb::SUMMARIES], true)?;
    idb::delete(&tx, idb::BOARDS, &id.0)?;
    idb::delete(&tx, idb::SUMMARIES, &id.0)?;
    idb::commit(&tx).await?;
    let mut used = BTreeSet::new();
    for (_, json) in idb::get_all(&db, idb::BOARDS).await? {
        match json
            .as_string()
            .as_deref()
            .and_then(storage::photos_of_document)
        {
            Some(photos) => used.extend(photos),
            // A board that cannot be read might still need its photos: keep everything.
            _ => return Ok(()),
        }
    }
    let unused: Vec<String> = idb::keys(&db, idb::PHOTOS)
        .await?
        .into_iter()
        .filter(|k| !used.contains(&PhotoId(k.clone())))
        .collect();
    if !unused.is_empty() {
        let tx = idb::transaction(&db, &[idb::PHOTOS], true)?;
        for key in &unused {
            idb::delete(&tx, idb::PHOTOS, key)?;
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
fn blobs_of(record: &JsValue) -> Option<(Blob, Blob)> {
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
