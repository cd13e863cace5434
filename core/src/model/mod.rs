//! The storyboard document: plain data, no behaviour beyond lookups.
//!
//! A [`Board`] is a sequence of [`Scene`]s, each an ordered list of [`Frame`]s; story order is
//! the scenes' frames one after the other. Photo bytes never live here: a frame points at a photo
//! by its content hash ([`PhotoId`]), so the same photo used twice is stored once and the
//! document stays small enough to snapshot for undo, autosave and export.
//!
//! Scenes, frames and the photo list are held in [`CowRc`]s: a snapshot of the board is a list of
//! pointers, an edit copies the one scene and frame it changes, and comparing two snapshots stops
//! at the parts they share.

pub mod camera;
mod capture_time;
pub mod crop;
pub mod fields;
mod ids;
pub mod limits;
mod shared;

pub use camera::{CameraMove, Easing, MovePreset};
pub use capture_time::CaptureTime;
pub use crop::{Aspect, Crop};
pub use fields::{FieldKind, FieldValue, Movement, ShotType};
pub use ids::{ContentHasher, FrameId, PhotoId, SceneId};
pub use limits::{room_for, MAX_FIELD, MAX_FRAMES, MAX_SCENES, MAX_TEXT, MAX_TITLE};
pub use shared::CowRc;

pub use crate::audio::media::AudioMeta;
pub use crate::audio::{MusicBed, Narration};
pub use crate::video::VideoStill;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A storyboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Board {
    pub title: String,
    pub author: String,
    pub description: String,
    /// The shape every frame is shown in.
    pub aspect: Aspect,
    /// Which fields the cards show (the inspector always shows all).
    pub visible_fields: BTreeSet<FieldKind>,
    /// Never empty: a board has at least one scene.
    pub scenes: Vec<CowRc<Scene>>,
    /// Every photo some frame refers to, keyed by content hash (one shared list: only an import
    /// or a deletion changes it).
    pub photos: CowRc<BTreeMap<PhotoId, PhotoMeta>>,
    /// The next id to hand out, for frames and scenes alike; ids are never reused in a board.
    pub next_id: u64,
    /// Every audio file a narration or the music bed uses, by content hash (stored once, like
    /// photos). Absent from documents without sound, so those are written as before.
    #[serde(skip_serializing_if = "no_audio")]
    pub audio: CowRc<BTreeMap<String, AudioMeta>>,
    /// One audio file under the whole board.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub music: Option<MusicBed>,
    /// The pause after each clip chosen when durations were last fitted to narration (seconds):
    /// a clip attached later gets it too. `None`: never fitted (the default pause).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narration_pause: Option<f64>,
}

fn no_audio(audio: &CowRc<BTreeMap<String, AudioMeta>>) -> bool {
    audio.is_empty()
}

impl Default for Board {
    fn default() -> Self {
        Self {
            title: String::new(),
            author: String::new(),
            description: String::new(),
            aspect: Aspect::default(),
            visible_fields: crate::inserting([
                FieldKind::ShotType,
                FieldKind::Movement,
                FieldKind::Duration,
            ]),
            scenes: vec![CowRc::new(Scene::new(SceneId(1), String::new()))],
            photos: CowRc::default(),
            next_id: 2,
            audio: CowRc::default(),
            music: None,
            narration_pause: None,
        }
    }
}

/// Where a frame is: scene index and index within the scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub scene: usize,
    pub index: usize,
}

impl Board {
    /// All frames in story order.
    pub fn frames(&self) -> impl Iterator<Item = &Frame> + '_ {
        self.scenes
            .iter()
            .flat_map(|s| s.frames.iter().map(|f| &**f))
    }

    pub fn frame_count(&self) -> usize {
        self.scenes.iter().map(|s| s.frames.len()).sum()
    }

    pub fn place_of(&self, id: FrameId) -> Option<Place> {
        self.scenes.iter().enumerate().find_map(|(scene, s)| {
            s.frames
                .iter()
                .position(|f| f.id == id)
                .map(|index| Place { scene, index })
        })
    }

    /// Position of a frame in story order, from 0.
    pub fn index_of(&self, id: FrameId) -> Option<usize> {
        self.frames().position(|f| f.id == id)
    }

    pub fn frame(&self, id: FrameId) -> Option<&Frame> {
        self.frames().find(|f| f.id == id)
    }

    /// The frame to change: it and its scene are copied if a snapshot still shares them, and
    /// nothing else is.
    pub fn frame_mut(&mut self, id: FrameId) -> Option<&mut Frame> {
        let Place { scene, index } = self.place_of(id)?;
        Some(&mut *self.scenes[scene].frames[index])
    }

    /// The scene to change, copied if a snapshot still shares it (its frames stay shared).
    pub fn scene_mut(&mut self, index: usize) -> Option<&mut Scene> {
        self.scenes.get_mut(index).map(|s| &mut **s)
    }

    pub fn scene_index(&self, id: SceneId) -> Option<usize> {
        self.scenes.iter().position(|s| s.id == id)
    }

    /// The number a frame is known by: `2.3` (scene 2, shot 3) once the board has scenes,
    /// plain `3` while it has one.
    pub fn number_of(&self, id: FrameId) -> Option<String> {
        let place = self.place_of(id)?;
        Some(if self.scenes.len() > 1 {
            format!("{}.{}", place.scene + 1, place.index + 1)
        } else {
            (place.index + 1).to_string()
        })
    }

    /// The photo a frame shows, if it has one and its metadata is known.
    pub fn photo_of(&self, frame: &Frame) -> Option<&PhotoMeta> {
        frame.photo.as_ref().and_then(|p| self.photos.get(p))
    }

    /// The crop a frame shows at the board's aspect ratio (see [`crop::effective`]).
    pub fn crop_of(&self, frame: &Frame) -> Option<Crop> {
        let photo = self.photo_of(frame)?;
        Some(crop::effective(
            &frame.crops,
            frame.crop_focus,
            self.aspect,
            (photo.width, photo.height),
        ))
    }

    /// The move a frame makes at the board's aspect ratio, with the crop it starts from (see
    /// [`camera::effective`]); `None` when it holds still.
    pub fn camera_move_of(&self, frame: &Frame) -> Option<(Crop, CameraMove)> {
        let photo = self.photo_of(frame)?;
        let size = (photo.width, photo.height);
        let m = camera::effective(&frame.camera_moves, frame.crop_focus, self.aspect, size)?;
        Some((self.crop_of(frame)?, m))
    }

    /// Running time of the whole board, counting frames without a duration at the default.
    pub fn running_time(&self) -> f64 {
        self.frames().map(Frame::duration_or_default).sum()
    }

    /// The animatic's timeline, one cue per frame in story order: when each frame starts and its
    /// narration's part. Each cue lasts what [`Frame::duration_or_default`] says (the presentation
    /// plays the board by these cues; the editor shows durations by that function).
    pub fn timeline(&self) -> Vec<crate::audio::Cue> {
        let timed: Vec<crate::audio::Timed> = self
            .frames()
            .map(|f| crate::audio::Timed {
                by_hand: f.duration,
                narration: f.narration.as_ref(),
            })
            .collect();
        crate::audio::timeline(&timed, crate::audio::DEFAULT_PAUSE_SECONDS)
    }

    /// Hands out a fresh id.
    pub fn allocate_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Drops photos no frame uses any more (the list is copied only if there are any).
    pub fn prune_photos(&mut self) {
        let used: BTreeSet<&PhotoId> =
            crate::inserting(self.frames().filter_map(|f| f.photo.as_ref()));
        if self.photos.keys().all(|id| used.contains(id)) {
            return;
        }
        let used: BTreeSet<PhotoId> = used.into_iter().cloned().collect();
        self.photos.retain(|id, _| used.contains(id));
    }

    /// Forgets audio no narration and no music bed uses any more.
    pub fn prune_audio(&mut self) {
        let used: BTreeSet<&String> = crate::inserting(
            self.frames()
                .filter_map(|f| f.narration.as_ref().map(|n| &n.audio))
                .chain(self.music.as_ref().map(|m| &m.audio)),
        );
        if self.audio.keys().all(|id| used.contains(id)) {
            return;
        }
        let used: BTreeSet<String> = used.into_iter().cloned().collect();
        self.audio.retain(|id, _| used.contains(id));
    }
}

/// A titled group of frames: an act, a chapter, a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scene {
    pub id: SceneId,
    #[serde(default)]
    pub title: String,
    /// Folded away in the editor (kept with the board, not an undo step).
    #[serde(default)]
    pub collapsed: bool,
    #[serde(default)]
    pub frames: Vec<CowRc<Frame>>,
}

impl Scene {
    pub fn new(id: SceneId, title: String) -> Self {
        Self {
            id,
            title,
            collapsed: false,
            frames: Vec::new(),
        }
    }
}

/// One shot of the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub id: FrameId,
    pub photo: Option<PhotoId>,
    #[serde(default)]
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shot_type: Option<ShotType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub movement: Option<Movement>,
    /// Seconds on screen (the animatic plays frames for this long).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dialogue: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The user's crop for each aspect ratio they edited it at.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub crops: BTreeMap<Aspect, Crop>,
    /// The aspect whose crop was edited last: other ratios derive from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crop_focus: Option<Aspect>,
    /// The photo is the frame's exported crop, re-opened from a bundle made without the original
    /// photos: there is nothing outside it to crop to, so the crop tool is off for this frame.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
    /// A voice-over: unless a duration is typed, the frame lasts as long as it plays plus a
    /// pause ([`crate::audio::frame_seconds`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narration: Option<Narration>,
    /// The photo is a still of a video clip: the clip's name and the time it was taken at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub still: Option<VideoStill>,
    /// The camera move for each aspect ratio it was set at: from the crop at that ratio to
    /// another ([`camera`]). Kept with the photo, like crops.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub camera_moves: camera::Moves,
}

impl Frame {
    pub fn new(id: FrameId, photo: Option<PhotoId>) -> Self {
        Self {
            id,
            photo,
            caption: String::new(),
            shot_type: None,
            movement: None,
            duration: None,
            dialogue: String::new(),
            notes: String::new(),
            crops: BTreeMap::new(),
            crop_focus: None,
            fixed: false,
            narration: None,
            still: None,
            camera_moves: camera::Moves::new(),
        }
    }

    /// Forgets the frame's photo (it cannot be brought back): caption and fields stay, the
    /// crops of the photo go, and the frame shows an empty picture.
    pub fn lose_photo(&mut self) {
        self.photo = None;
        self.crops.clear();
        self.crop_focus = None;
        self.fixed = false;
        self.camera_moves.clear();
    }

    /// How long the frame is on screen: as typed, else its narration and a pause, else the
    /// default.
    pub fn duration_or_default(&self) -> f64 {
        crate::audio::frame_seconds(
            &crate::audio::Timed {
                by_hand: self.duration,
                narration: self.narration.as_ref(),
            },
            crate::audio::DEFAULT_PAUSE_SECONDS,
        )
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
///
/// `focused` is the frame keyboard commands act on; `selected` the frames bulk commands act on
/// (always including `focused` when there is one); `anchor` is where Shift-extension starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub focused: Option<FrameId>,
    pub selected: BTreeSet<FrameId>,
    pub anchor: Option<FrameId>,
}

impl Selection {
    /// Just this frame.
    pub fn only(id: FrameId) -> Self {
        Self {
            focused: Some(id),
            selected: crate::inserting([id]),
            anchor: Some(id),
        }
    }

    /// The frames a bulk command applies to, in story order: the selection, else the focused one.
    pub fn targets(&self, board: &Board) -> Vec<FrameId> {
        let wanted = |id: &FrameId| {
            if self.selected.is_empty() {
                self.focused == Some(*id)
            } else {
                self.selected.contains(id)
            }
        };
        board.frames().map(|f| f.id).filter(wanted).collect()
    }
}
