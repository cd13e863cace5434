//! Error types, one per layer, each `Clone + PartialEq` so the UI can hold and compare them.
//!
//! # Design
//! Every message is written for the person using the editor: it says what went wrong with *their*
//! file and what they can do about it. Technical detail (a decoder's own message) is kept as a
//! suffix for bug reports, never as the whole message. Messages are worded when shown
//! (`message(lang)`, see [`crate::i18n`]); `Display` gives the English, for logs and tests.

use crate::i18n::{Lang, Message, T};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a photo could not be turned into a frame. Produced by [`crate::imaging`], in the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImagingError {
    /// The file has no bytes at all.
    Empty,
    /// The file is larger than the per-photo size limit.
    FileTooLarge { bytes: u64, max_bytes: u64 },
    /// The image header announces more pixels than the per-photo limit allows.
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// A real image format the editor does not decode (AVIF, TIFF, …).
    UnsupportedFormat { format: String },
    /// A format the editor decodes, using something its decoder does not implement (a HEIC
    /// coded with an HEVC tool a still photo never uses, say): `feature` is the decoder's words.
    UnsupportedFeature { format: String, feature: String },
    /// The bytes are not an image at all (a text file renamed to .jpg, say).
    NotAnImage,
    /// The file stops before the image data ends (an interrupted copy or download).
    Truncated { format: String },
    /// The decoder rejected the data.
    Corrupt { format: String, detail: Message },
}

impl ImagingError {
    /// What to tell the person, worded when shown (so it follows a change of language).
    pub fn to_message(&self) -> Message {
        match self {
            Self::Empty => Message::new(T::ErrEmpty),
            Self::FileTooLarge { bytes, max_bytes } => Message::new(T::ErrFileTooLarge)
                .with("mb", bytes.div_ceil(1_000_000))
                .with("max", max_bytes / 1_000_000),
            Self::TooManyPixels {
                width,
                height,
                max_pixels,
            } => Message::new(T::ErrTooManyPixels)
                .with("w", width)
                .with("h", height)
                .with(
                    "mp",
                    (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000),
                )
                .with("max", max_pixels / 1_000_000),
            Self::UnsupportedFormat { format } => {
                Message::new(T::ErrUnsupported).with("format", format)
            }
            Self::UnsupportedFeature { format, feature } => Message::new(T::ErrUnsupportedFeature)
                .with("format", format)
                .with("feature", feature),
            Self::NotAnImage => Message::new(T::ErrNotAnImage),
            Self::Truncated { format } => Message::new(T::ErrTruncated).with("format", format),
            Self::Corrupt { format, detail } => Message::new(T::ErrCorrupt)
                .with("format", format)
                .with_message("detail", detail.clone()),
        }
    }

    /// What to tell the person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.to_message().show(lang)
    }
}

impl fmt::Display for ImagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImagingError {}

/// Why one file of an import did not become a frame. Names the file, so a list of these reads
/// on its own ("IMG_0042.HEIC: HEIC images are not supported — …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub file: String,
    pub reason: ImportFailure,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportFailure {
    /// The photo itself is the problem.
    Imaging(ImagingError),
    /// The browser could not read the file (moved, deleted, or permission withdrawn).
    Read(Message),
    /// The image worker stopped while handling the file; the file may still be fine.
    Worker(Message),
}

impl ImportFailure {
    /// What to tell the person, worded when shown.
    pub fn to_message(&self) -> Message {
        match self {
            Self::Imaging(e) => e.to_message(),
            Self::Read(detail) => Message::new(T::ErrRead).with_message("detail", detail.clone()),
            Self::Worker(detail) => {
                Message::new(T::ErrWorker).with_message("detail", detail.clone())
            }
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        self.to_message().show(lang)
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for ImportError {}

/// Why a board could not be saved, read back or restored. Produced by [`crate::storage`] (a
/// document that does not read) and by the browser's storage service (IndexedDB failures,
/// mapped from their `DOMException` names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StorageError {
    /// The stored text is not a board document at all (not JSON, no id, not a board).
    Damaged { detail: Message },
    /// A newer Flowboard wrote this board; this one leaves it untouched.
    NewerVersion { found: u32, supported: u32 },
    /// The browser's storage quota for this site is used up.
    QuotaFull,
    /// The browser offers no storage to this page (private mode, blocked site data).
    Unavailable { detail: Message },
    /// What was read back after a save differs from what was written.
    NotVerified,
    /// Any other failure of the browser's storage.
    Failed { detail: Message },
    /// A backup file that cannot be restored.
    BadBackup { detail: Message },
}

impl StorageError {
    /// Maps an IndexedDB `DOMException` name and message to the error a user can act on.
    pub fn from_dom(name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" => Self::QuotaFull,
            // Thrown by `indexedDB.open` where storage is off (blocked cookies, some private modes).
            "SecurityError" | "InvalidStateError" | "NotAllowedError" => Self::Unavailable {
                detail: Message::raw(format!("{name}: {message}")),
            },
            _ => Self::Failed {
                detail: Message::raw(if message.is_empty() {
                    name.to_owned()
                } else {
                    format!("{name}: {message}")
                }),
            },
        }
    }
}

impl StorageError {
    /// What to tell the person, worded when shown.
    pub fn to_message(&self) -> Message {
        let with = |key: T, d: &Message| Message::new(key).with_message("detail", d.clone());
        match self {
            Self::Damaged { detail: d } => with(T::ErrBoardDamaged, d),
            Self::NewerVersion { found, supported } => Message::new(T::ErrBoardNewer)
                .with("found", found)
                .with("supported", supported),
            Self::QuotaFull => Message::new(T::ErrQuotaFull),
            Self::Unavailable { detail: d } => with(T::ErrUnavailable, d),
            Self::NotVerified => Message::new(T::ErrNotVerified),
            Self::Failed { detail: d } => with(T::ErrSaveFailed, d),
            Self::BadBackup { detail: d } => with(T::ErrBadBackup, d),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        self.to_message().show(lang)
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for StorageError {}

/// Why a storyboard bundle (exported `.html` or `.zip`) cannot be opened, or exported. Produced
/// by [`crate::bundle`]; the open board is never touched when this comes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BundleError {
    /// The file is not a Flowboard bundle at all (another HTML page, a ZIP of something else).
    NotABundle { detail: Message },
    /// A newer Flowboard exported it.
    NewerVersion { found: u32, supported: u32 },
    /// It is a bundle, but damaged: broken JSON, a cut-off archive, a checksum that fails.
    Damaged { detail: Message },
    /// It names files in a way that could escape its folder or hide one file behind another.
    Unsafe { detail: Message },
    /// It is larger than the editor will unpack (oversize entries, a "zip bomb").
    TooLarge { detail: Message },
}

impl BundleError {
    /// What to tell the person, worded when shown.
    pub fn to_message(&self) -> Message {
        let with = |key: T, d: &Message| Message::new(key).with_message("detail", d.clone());
        match self {
            Self::NotABundle { detail: d } => with(T::ErrNotABundle, d),
            Self::NewerVersion { found, supported } => Message::new(T::ErrBundleNewer)
                .with("found", found)
                .with("supported", supported),
            Self::Damaged { detail: d } => with(T::ErrBundleDamaged, d),
            Self::Unsafe { detail: d } => with(T::ErrBundleUnsafe, d),
            Self::TooLarge { detail: d } => with(T::ErrBundleTooLarge, d),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        self.to_message().show(lang)
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for BundleError {}
