//! The open board's saves and loads: where the photos this page holds ([`photo_store`]) meet the
//! stored records ([`crate::browser::database`]). Page-only — a worker has no photo store and no
//! `localStorage` — so it is not in the shared database module.

use super::{audio_store, photo_store};
use crate::browser::database::{
    audio_keys, blobs_of, db, field, put_audio, put_photo, shown, write_document,
};
use crate::browser::idb;
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::{Board, PhotoId, PhotoMeta};
use crate::storage::{self, BoardId, StoredBoard};
use std::collections::BTreeSet;

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

/// Stores the board's audio that this page holds and IndexedDB does not have yet, then checks
/// that IndexedDB lists every audio file the board uses that this page holds (a write that
/// reported success but is not there fails the save, which is then retried).
async fn store_audio(board: &Board) -> Result<(), StorageError> {
    let unstored: BTreeSet<String> = flowboard_core::inserting(audio_store::unstored());
    for meta in board.audio.values().filter(|m| unstored.contains(&m.id)) {
        if let Some(blob) = audio_store::get(&meta.id) {
            put_audio(&meta.id, &blob, &meta.mime, &meta.name).await?;
            audio_store::mark_stored(&meta.id);
        }
    }
    if board.audio.is_empty() {
        return Ok(());
    }
    let stored = audio_keys().await?;
    let held_but_absent = board
        .audio
        .keys()
        .any(|id| audio_store::get(id).is_some() && !stored.contains(id));
    if held_but_absent {
        return Err(StorageError::NotVerified);
    }
    Ok(())
}

/// Saves a board: first any of its photos and audio not stored yet, then the document and its
/// summary in one transaction, then reads the document back and compares.
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
    if photo_error.is_none() {
        photo_error = store_audio(&stored.board).await.err();
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
    use crate::page::services::local_storage as local;
    use crate::storage::{BoardId, StoredBoard};

    fn key(id: &BoardId) -> String {
        format!("flowboard-unsaved-{}", id.0)
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
    // Which sound is not stored here (a board restored without it); a store that cannot be read
    // does not keep the board from opening: its sound then says so when played.
    if !stored.board.audio.is_empty() {
        if let Ok(kept) = audio_keys().await {
            let missing = stored
                .board
                .audio
                .keys()
                .filter(|id| !kept.contains(*id) && audio_store::get(id).is_none())
                .count();
            if missing > 0 {
                problems.push(Message::new(T::SoundNotStored).with_number("n", missing));
            }
        }
    }
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
