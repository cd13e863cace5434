//! The backup file: every board and every photo of this browser in one stored ZIP, restorable in
//! the same or another browser.
//!
//! ```text
//! flowboard-backup.json    the manifest (below)
//! boards/<board id>.json   each board document, exactly as autosave stores it
//! photos/<photo id>        each original photo (the id is the XXH3-128 of these bytes)
//! thumbs/<photo id>.jpg    its 480 px thumbnail
//! audio/<audio id>         each audio file a board's narration or music bed uses (version 2)
//! ```
//!
//! Restoring checks every photo against its content hash and restores each board on its own, so
//! a damaged entry costs that entry, not the backup.
//!
//! # Why photos are checked by their content hash and not also by their CRC-32
//! A photo's id is the XXH3-128 of its exact bytes, and restore hashes exactly the bytes the
//! entry spans (as the directory gives them, the same span the CRC-32 covers). Any change the
//! CRC would catch is a change of those bytes, which the 128-bit hash catches too — damage goes
//! unnoticed with odds of 2⁻¹²⁸ instead of the CRC's 2⁻³² — and a cut-off or mis-sized entry
//! changes the span and so the hash. There is no change the CRC sees and the hash misses, so
//! reading each photo twice (hundreds of megabytes in a backup) would buy nothing. Neither is a
//! defence against a *crafted* backup: whoever writes the file picks the bytes and then both
//! the CRC and the id that match them. That defence is elsewhere: the archive's limits
//! ([`crate::zip::read_directory`]: sizes, ratios, entries that share bytes), the boards read
//! through [`super::restore`] under the board's limits, and the page's own checks as it stores
//! each photo (`workers::tasks::backup_files`). The JSON entries (this manifest, the boards) have no
//! content hash and are checked by their CRC.

use super::{BoardId, StoredBoard};
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::PhotoId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const BACKUP_FORMAT: &str = "flowboard-backup";
/// Version 2 added `audio/` (sound). A backup without sound is written as version 1, exactly the
/// shape older Flowboards restore; one with sound as version 2, which they refuse as newer
/// rather than restore its boards silently without their sound.
pub const BACKUP_VERSION: u32 = 2;
pub const MANIFEST_PATH: &str = "flowboard-backup.json";

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// When the backup was made (ms since the Unix epoch).
    pub created_at: f64,
    pub boards: Vec<BoardId>,
    pub photos: Vec<BackupPhoto>,
    /// Audio files (version 2; none in a version-1 backup).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audio: Vec<BackupAudio>,
}

/// An audio file in a backup (`audio/<id>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupAudio {
    /// Its content hash, as for photos.
    pub id: String,
    /// Informative only: a restore types the file from its bytes.
    pub mime: String,
    /// The file name it was added as.
    pub name: String,
}

/// A photo in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPhoto {
    pub id: PhotoId,
    pub mime: String,
    /// Whether `thumbs/<id>.jpg` is there.
    pub thumb: bool,
}

impl Manifest {
    pub fn new(created_at: f64) -> Self {
        Self {
            format: BACKUP_FORMAT.into(),
            version: 1,
            created_at,
            boards: Vec::new(),
            photos: Vec::new(),
            audio: Vec::new(),
        }
    }

    /// Lists the backup's audio files; the version says whether there are any (see
    /// [`BACKUP_VERSION`]).
    pub fn set_audio(&mut self, audio: Vec<BackupAudio>) {
        self.version = if audio.is_empty() { 1 } else { BACKUP_VERSION };
        self.audio = audio;
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest always serializes")
    }

    /// Reads and checks a manifest: its format, its version, and that every id is one this
    /// editor makes (ids become file paths).
    ///
    /// # Errors
    /// [`StorageError::BadBackup`] naming what is wrong.
    pub fn parse(json: &str) -> Result<Self, StorageError> {
        let bad = |detail: Message| StorageError::BadBackup { detail };
        let manifest: Self = crate::parse_json(json)
            .map_err(|e| bad(Message::new(T::BackupToc).with("detail", e)))?;
        if manifest.format != BACKUP_FORMAT {
            return Err(bad(Message::new(T::BackupNotFlowboard)));
        }
        if manifest.version > BACKUP_VERSION {
            return Err(bad(Message::new(T::BackupNewer).with("n", manifest.version)));
        }
        if let Some(id) = manifest.boards.iter().find(|id| !is_board_id(&id.0)) {
            return Err(bad(
                Message::new(T::BackupBadBoard).with("id", format!("{:?}", id.0))
            ));
        }
        if let Some(p) = manifest.photos.iter().find(|p| !is_photo_id(&p.id.0)) {
            return Err(bad(
                Message::new(T::BackupBadPhoto).with("id", format!("{:?}", p.id.0))
            ));
        }
        if let Some(a) = manifest.audio.iter().find(|a| !is_photo_id(&a.id)) {
            return Err(bad(
                Message::new(T::BackupBadPhoto).with("id", format!("{:?}", a.id))
            ));
        }
        Ok(manifest)
    }
}

pub fn board_path(id: &BoardId) -> String {
    format!("boards/{id}.json")
}

pub fn photo_path(id: &PhotoId) -> String {
    format!("photos/{id}")
}

pub fn thumb_path(id: &PhotoId) -> String {
    format!("thumbs/{id}.jpg")
}

/// Where an audio file is in a backup.
pub fn audio_path(id: &str) -> String {
    format!("audio/{id}")
}

/// Board ids are what [`new_board_id`] makes: 1–64 ASCII letters, digits, `-` or `_`.
pub fn is_board_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Photo ids are 32 lowercase hex digits (XXH3-128).
pub fn is_photo_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A board id from a creation time and a random number (the browser supplies both).
pub fn new_board_id(now_ms: f64, random: f64) -> BoardId {
    BoardId(format!(
        "b{:x}-{:08x}",
        now_ms.max(0.0) as u64,
        (random.clamp(0.0, 1.0) * f64::from(u32::MAX)) as u32
    ))
}

/// What happens to a board from a backup.
#[derive(Debug, Clone, PartialEq)]
pub enum Restore {
    /// Not in this browser: added as it is.
    Add(StoredBoard),
    /// This browser has the same version already: nothing to do.
    AlreadyHere(BoardId),
    /// This browser has a different version of it: added next to it as a copy, so neither is lost.
    AddCopy(StoredBoard),
}

/// Decides, per board of a backup, how to restore it without overwriting anything.
/// `existing`: the library's boards and when each was saved.
pub fn plan_restore(
    existing: &BTreeMap<BoardId, f64>,
    incoming: Vec<StoredBoard>,
    mut fresh_id: impl FnMut() -> BoardId,
) -> Vec<Restore> {
    incoming
        .into_iter()
        .map(|mut board| match existing.get(&board.id) {
            // A document's own id is not checked by `Manifest::parse` (only the one in its path):
            // one this editor would not make is stored under a fresh one, or the board would be
            // left out of later backups (and, once open, make their manifest unreadable).
            _ if !is_board_id(&board.id.0) => {
                board.id = fresh_id();
                Restore::Add(board)
            }
            None => Restore::Add(board),
            Some(saved_at) if *saved_at == board.saved_at => Restore::AlreadyHere(board.id),
            Some(_) => {
                board.id = fresh_id();
                let title = if board.board.title.is_empty() {
                    "Untitled storyboard"
                } else {
                    &board.board.title
                };
                board.board.title = format!("{title} (restored)");
                Restore::AddCopy(board)
            }
        })
        .collect()
}
