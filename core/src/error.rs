//! Error types, one per layer, each `Clone + PartialEq` so the UI can hold and compare them.
//!
//! # Design
//! Every message is written for the person using the editor: it says what went wrong with *their*
//! file and what they can do about it. Technical detail (a decoder's own message) is kept as a
//! suffix for bug reports, never as the whole message.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a photo could not be turned into a frame. Produced by [`crate::imaging`], in the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImagingError {
    /// The file has no bytes at all.
    Empty,
    /// The file is larger than the per-photo size limit.
    FileTooLarge { bytes: u64, max_bytes: u64 },
    /// The image header announces more pixels than the per-photo limit allows.
    TooManyPixels { width: u32, height: u32, max_pixels: u64 },
    /// A real image format the editor does not decode (HEIC, TIFF, …).
    UnsupportedFormat { format: String },
    /// The bytes are not an image at all (a text file renamed to .jpg, say).
    NotAnImage,
    /// The file stops before the image data ends (an interrupted copy or download).
    Truncated { format: String },
    /// The decoder rejected the data.
    Corrupt { format: String, detail: String },
}

impl fmt::Display for ImagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the file is empty (0 bytes) — copy it again from where it came from"),
            Self::FileTooLarge { bytes, max_bytes } => write!(
                f,
                "the file is {} MB, more than the {} MB a photo may have — export a smaller copy",
                bytes.div_ceil(1_000_000),
                max_bytes / 1_000_000
            ),
            Self::TooManyPixels { width, height, max_pixels } => write!(
                f,
                "the image is {width} × {height} pixels ({} MP), more than the {} MP a photo may have — export a smaller copy",
                (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000),
                max_pixels / 1_000_000
            ),
            Self::UnsupportedFormat { format } => write!(
                f,
                "{format} images are not supported — save or export the photo as JPEG (on a phone: share it as “Most compatible”/JPEG), then add it again"
            ),
            Self::NotAnImage => write!(f, "this is not an image file — add JPEG, PNG, WebP or GIF photos"),
            Self::Truncated { format } => write!(
                f,
                "the {format} file is cut off before its end (an interrupted copy or download?) — copy it again"
            ),
            Self::Corrupt { format, detail } => {
                write!(f, "the {format} file is damaged and cannot be read ({detail})")
            }
        }
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
    Read(String),
    /// The image worker stopped while handling the file; the file may still be fine.
    Worker(String),
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Imaging(e) => write!(f, "{e}"),
            Self::Read(detail) => write!(f, "the file could not be read ({detail}) — is it still there?"),
            Self::Worker(detail) => write!(f, "the photo processor stopped ({detail}) — try adding this file again"),
        }
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
    Damaged { detail: String },
    /// A newer Flowboard wrote this board; this one leaves it untouched.
    NewerVersion { found: u32, supported: u32 },
    /// The browser's storage quota for this site is used up.
    QuotaFull,
    /// The browser offers no storage to this page (private mode, blocked site data).
    Unavailable { detail: String },
    /// What was read back after a save differs from what was written.
    NotVerified,
    /// Any other failure of the browser's storage.
    Failed { detail: String },
    /// A backup file that cannot be restored.
    BadBackup { detail: String },
}

impl StorageError {
    /// Maps an IndexedDB `DOMException` name and message to the error a user can act on.
    pub fn from_dom(name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" => Self::QuotaFull,
            // Thrown by `indexedDB.open` where storage is off (blocked cookies, some private modes).
            "SecurityError" | "InvalidStateError" | "NotAllowedError" => Self::Unavailable { detail: format!("{name}: {message}") },
            _ => Self::Failed { detail: if message.is_empty() { name.to_owned() } else { format!("{name}: {message}") } },
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Damaged { detail } => write!(f, "the saved board is damaged and cannot be opened ({detail})"),
            Self::NewerVersion { found, supported } => write!(
                f,
                "this board was saved by a newer version of Flowboard (format {found}; this one reads up to {supported}) — reload the page to get the new version; the board is left untouched"
            ),
            Self::QuotaFull => write!(
                f,
                "this browser's storage for Flowboard is full, so your latest changes are kept in this tab but not saved — download a backup now, then free space by deleting boards you no longer need"
            ),
            Self::Unavailable { detail } => write!(
                f,
                "this browser does not let Flowboard store boards ({detail}; private window or blocked site data?) — your work stays in this tab only: download a backup before closing it"
            ),
            Self::NotVerified => write!(f, "the saved copy did not read back the same — trying again"),
            Self::Failed { detail } => write!(f, "saving failed ({detail}) — trying again"),
            Self::BadBackup { detail } => write!(f, "this file is not a Flowboard backup that can be restored ({detail})"),
        }
    }
}

impl std::error::Error for StorageError {}

/// Why a storyboard bundle (exported `.html` or `.zip`) cannot be opened, or exported. Produced
/// by [`crate::bundle`]; the open board is never touched when this comes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BundleError {
    /// The file is not a Flowboard bundle at all (another HTML page, a ZIP of something else).
    NotABundle { detail: String },
    /// A newer Flowboard exported it.
    NewerVersion { found: u32, supported: u32 },
    /// It is a bundle, but damaged: broken JSON, a cut-off archive, a checksum that fails.
    Damaged { detail: String },
    /// It names files in a way that could escape its folder or hide one file behind another.
    Unsafe { detail: String },
    /// It is larger than the editor will unpack (oversize entries, a "zip bomb").
    TooLarge { detail: String },
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotABundle { detail } => write!(
                f,
                "this is not a Flowboard storyboard export ({detail}) — open the .html or .zip file that Flowboard's Export made"
            ),
            Self::NewerVersion { found, supported } => write!(
                f,
                "this storyboard was exported by a newer version of Flowboard (bundle format {found}; this one reads up to {supported}) — reload the page to get the new version"
            ),
            Self::Damaged { detail } => write!(f, "this storyboard file is damaged and cannot be opened ({detail}) — export it again or copy it again"),
            Self::Unsafe { detail } => write!(f, "this storyboard file was refused because it is unsafe ({detail})"),
            Self::TooLarge { detail } => write!(f, "this storyboard file is too large to open ({detail})"),
        }
    }
}

impl std::error::Error for BundleError {}
