//! The storyboard document: plain data, no behaviour beyond lookups.
//!
//! Photo bytes never live here: a [`Frame`] points at a photo by its content hash ([`PhotoId`]),
//! so the same photo used twice is stored once and the document stays small enough to snapshot
//! for undo, autosave and export.

mod capture_time;
pub mod crop;
mod ids;

pub use capture_time::CaptureTime;
pub use crop::{Aspect, Crop};
pub use ids::{FrameId, PhotoId};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A storyboard: a title and frames in story order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Board {
    pub title: String,
    /// The shape every frame is shown in.
    pub aspect: Aspect,
    pub frames: Vec<Frame>,
    /// Every photo some frame refers to, keyed by content hash.
    pub photos: BTreeMap<PhotoId, PhotoMeta>,
    /// The next [`FrameId`] to hand out; ids are never reused within a board.
    pub next_frame_id: u64,
}

impl Default for Board {
    fn default() -> Self {
        Self { title: String::new(), aspect: Aspect::default(), frames: Vec::new(), photos: BTreeMap::new(), next_frame_id: 1 }
    }
}

impl Board {
    /// Position of a frame in story order.
    pub fn index_of(&self, id: FrameId) -> Option<usize> {
        self.frames.iter().position(|f| f.id == id)
    }

    pub fn frame(&self, id: FrameId) -> Option<&Frame> {
        self.frames.iter().find(|f| f.id == id)
    }

    /// The photo a frame shows, if it has one and its metadata is known.
    pub fn photo_of(&self, frame: &Frame) -> Option<&PhotoMeta> {
        frame.photo.as_ref().and_then(|p| self.photos.get(p))
    }

    /// The crop a frame shows at the board's aspect ratio (see [`crop::effective`]).
    pub fn crop_of(&self, frame: &Frame) -> Option<Crop> {
        let photo = self.photo_of(frame)?;
        Some(crop::effective(&frame.crops, frame.crop_focus, self.aspect, (photo.width, photo.height)))
    }
}

/// One shot of the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub id: FrameId,
    pub photo: Option<PhotoId>,
    #[serde(default)]
    pub caption: String,
    /// The user's crop for each aspect ratio they edited it at.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub crops: BTreeMap<Aspect, Crop>,
    /// The aspect whose crop was edited last: other ratios derive from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crop_focus: Option<Aspect>,
}

impl Frame {
    pub fn new(id: FrameId, photo: Option<PhotoId>) -> Self {
        Self { id, photo, caption: String::new(), crops: BTreeMap::new(), crop_focus: None }
    }
}

/// What the document knows about a photo; the pixels live in a photo store keyed by `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoMeta {
    pub id: PhotoId,
    /// The file name the photo was added from, shown in messages and tooltips.
    pub name: String,
    /// Size after EXIF orientation, in pixels.
    pub width: u32,
    pub height: u32,
    /// Size of the original file in bytes.
    pub bytes: u64,
    /// Media type of the original file, e.g. `image/jpeg`.
    pub mime: String,
    /// When the photo was taken, if its EXIF says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<CaptureTime>,
}

/// What the user has singled out; not part of the document and never an undo step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub focused: Option<FrameId>,
}
