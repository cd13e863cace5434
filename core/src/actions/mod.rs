//! Every user operation on a board, as data, and the one pure function that applies it.
//!
//! Components turn DOM events and key chords into an [`Action`]; the editor's reducer calls
//! [`apply`] and hands the outcome to [`crate::history`]. Nothing here touches the DOM, storage or
//! the clock, so every operation is tested natively and undo/redo fall out for free.

mod grouping;
mod keymap;
mod moves;
mod selection;

pub use grouping::scene_breaks;
pub use keymap::{command_for_key, KeyChord, KeyCommand, KeyFocus, Keys, SHORTCUTS};
pub use moves::Gap;

use crate::i18n::{Message, T};
use crate::model::camera::{self, CameraMove, Easing, MovePreset};
use crate::model::crop::{self, Aspect, Crop};
use crate::model::fields::{FieldKind, FieldValue, DURATION_RANGE};
use crate::model::{
    room_for, AudioMeta, Board, CowRc, Frame, FrameId, MusicBed, Narration, PhotoMeta, Scene,
    SceneId, Selection, MAX_FRAMES, MAX_SCENES,
};

/// A named user operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetTitle(String),
    SetAuthor(String),
    SetDescription(String),
    /// Show or hide a field on the cards of this board.
    SetFieldVisible {
        field: FieldKind,
        visible: bool,
    },
    /// Append one frame per photo to the last scene, in the given order. `batch` groups the
    /// photos of one import into one undo step even when they arrive one by one. Only as many as
    /// there is room for ([`crate::model::room_for`]); [`over_limit`] says how many were not added.
    AddPhotos {
        photos: Vec<PhotoMeta>,
        batch: u64,
    },
    /// [`Action::AddPhotos`] for stills of a video clip: each frame also records the clip and
    /// the time its still was taken at. One undo step per batch, as for photos.
    AddStills {
        stills: Vec<(PhotoMeta, crate::video::VideoStill)>,
        batch: u64,
    },
    SetCaption {
        frame: FrameId,
        caption: String,
    },
    SetField {
        frame: FrameId,
        value: FieldValue,
    },
    /// Move frames as a block (in story order) into the gap `to`, measured on the board as it
    /// is now (where a drop marker shows it).
    MoveFrames {
        frames: Vec<FrameId>,
        to: Gap,
    },
    /// Move frames as a block `by` gaps left (negative) or right; crossing a scene boundary is a
    /// step, so the last frame of a scene moves on to the start of the next.
    NudgeFrames {
        frames: Vec<FrameId>,
        by: isize,
    },
    /// Move frames to the end of the previous scene (`by` = -1) or the start of the next (+1).
    MoveFramesToAdjacentScene {
        frames: Vec<FrameId>,
        by: isize,
    },
    DeleteFrames {
        frames: Vec<FrameId>,
    },
    /// Copy frames (fields, crops and all); each copy goes right after its original. Only as many
    /// as there is room for, in story order.
    DuplicateFrames {
        frames: Vec<FrameId>,
    },
    /// A new empty scene after `after` (at the end when `None`).
    AddScene {
        after: Option<SceneId>,
    },
    /// Start a new scene at this frame: it and the frames after it in its scene move there.
    SplitScene {
        at: FrameId,
    },
    /// Split the board's scenes where the capture time jumps, else at the focused frame
    /// ([`scene_breaks`]); never makes an empty scene.
    GroupIntoScenes {
        focused: Option<FrameId>,
    },
    RenameScene {
        scene: SceneId,
        title: String,
    },
    /// Move a scene `by` places up (negative) or down.
    MoveScene {
        scene: SceneId,
        by: isize,
    },
    /// Delete a scene and its frames. The last scene cannot be deleted.
    DeleteScene {
        scene: SceneId,
    },
    /// Fold a scene away in the editor or unfold it (not an undo step).
    SetSceneCollapsed {
        scene: SceneId,
        collapsed: bool,
    },
    /// Change the board's aspect ratio. Every frame keeps its crop for every ratio.
    SetAspect(Aspect),
    /// Set a frame's crop at the board's current aspect ratio (clamped to a valid crop).
    SetCrop {
        frame: FrameId,
        crop: Crop,
    },
    /// Fit (whole photo, with bars), Fill (largest crop, same centre) or Reset (centred).
    CropPreset {
        frame: FrameId,
        preset: CropPreset,
    },
    /// Set where a frame's camera move ends at the board's aspect ratio (clamped to a valid
    /// crop); it starts at the frame's crop, which is kept as it shows now.
    SetMoveEnd {
        frame: FrameId,
        end: Crop,
    },
    /// A one-click move (zoom in/out, pan), or none: may change where the move starts too.
    MovePreset {
        frame: FrameId,
        preset: MovePreset,
    },
    /// Pace a frame's move at the board's aspect ratio (linear or ease in-out).
    SetMoveEasing {
        frame: FrameId,
        easing: Easing,
    },
    /// Order each scene's frames by when their photos were taken; frames without a time go last.
    SortByCaptureTime,
    /// Give a frame a voice-over (a new take replaces the old one), or take it away (`None`).
    SetNarration {
        frame: FrameId,
        clip: Option<(AudioMeta, Narration)>,
    },
    /// Give frames parts of one recording (recorded while presenting: each frame the part
    /// spoken over it, [`crate::audio::recording::parts`]) in one undo step: `(frame, start,
    /// end)`, seconds into the recording. Frames that are gone are skipped.
    SetNarrations {
        audio: AudioMeta,
        parts: Vec<(FrameId, f64, f64)>,
    },
    /// Play only `start..end` seconds of a frame's voice-over (kept inside the clip).
    TrimNarration {
        frame: FrameId,
        start: f64,
        end: f64,
    },
    /// Lay a music bed under the board (another file replaces it), or take it away (`None`).
    SetMusic(Option<(AudioMeta, MusicBed)>),
    /// The music bed's level, fades, ducking and looping (its file stays).
    SetMusicOptions(MusicBed),
    /// Every frame with a voice-over lasts its clip plus `pause` seconds (kept within
    /// 0–[`crate::audio::MAX_PAUSE_SECONDS`]), and so do clips attached later; a duration typed
    /// by hand still wins (it is left as it is).
    FitToNarration {
        pause: f64,
    },
    /// Select just this frame (or nothing). Selection actions are never undo steps.
    Select(Option<FrameId>),
    /// Add or remove a frame from the selection (Ctrl/Cmd+click).
    ToggleSelected(FrameId),
    /// Select from the anchor to this frame (Shift+click).
    SelectRange(FrameId),
    /// Move the focus `by` frames, extending the selection from the anchor (Shift+arrows).
    ExtendSelection(isize),
    SelectAll,
    /// Step back through history (handled by [`crate::history::History`], a no-op for [`apply`]).
    Undo,
    /// Step forward through history (handled by [`crate::history::History`]).
    Redo,
}

/// A music bed's settings kept within sense: level −40…+6 dB, fades 0–30 s, ducking −40…0 dB.
fn music_options(bed: &MusicBed) -> MusicBed {
    let within = |x: f64, lo: f64, hi: f64, fallback: f64| {
        if x.is_finite() {
            x.clamp(lo, hi)
        } else {
            fallback
        }
    };
    MusicBed {
        volume_db: within(bed.volume_db, -40.0, 6.0, 0.0),
        fade_in: within(bed.fade_in, 0.0, 30.0, 1.0),
        fade_out: within(bed.fade_out, 0.0, 30.0, 2.0),
        duck_db: within(bed.duck_db, -40.0, 0.0, crate::audio::DEFAULT_DUCK_DB),
        ..bed.clone()
    }
}

/// The crop tool's one-click crops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CropPreset {
    Fit,
    Fill,
    Reset,
}

/// Consecutive actions with the same key collapse into one undo step (typing, one import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeKey {
    Title,
    Author,
    Description,
    Caption(FrameId),
    Field(FrameId, FieldKind),
    SceneTitle(SceneId),
    Crop(FrameId),
    MoveEnd(FrameId),
    Import(u64),
    Trim(FrameId),
    Music,
}

impl Action {
    /// The name shown in undo/redo tooltips ("Undo: Move frames"), as a text of the catalogue.
    pub fn label(&self) -> T {
        match self {
            Self::SetTitle(_) => T::StepRenameBoard,
            Self::SetAuthor(_) => T::StepEditAuthor,
            Self::SetDescription(_) => T::StepEditDescription,
            Self::SetFieldVisible { .. } => T::StepFieldVisibility,
            Self::AddPhotos { .. } => T::StepAddPhotos,
            Self::AddStills { .. } => T::StepAddStills,
            Self::SetCaption { .. } => T::StepEditCaption,
            Self::SetField { .. } => T::StepEditShot,
            Self::MoveFrames { .. }
            | Self::NudgeFrames { .. }
            | Self::MoveFramesToAdjacentScene { .. } => T::StepMoveFrames,
            Self::DeleteFrames { .. } => T::StepDeleteFrames,
            Self::DuplicateFrames { .. } => T::StepDuplicateFrames,
            Self::AddScene { .. } => T::StepAddScene,
            Self::SplitScene { .. } => T::StepSplitScene,
            Self::GroupIntoScenes { .. } => T::StepGroupScenes,
            Self::RenameScene { .. } => T::StepRenameScene,
            Self::MoveScene { .. } => T::StepMoveScene,
            Self::DeleteScene { .. } => T::StepDeleteScene,
            Self::SetSceneCollapsed { .. } => T::StepFoldScene,
            Self::SetAspect(_) => T::StepAspect,
            Self::SetCrop { .. } | Self::CropPreset { .. } => T::StepCrop,
            Self::SetMoveEnd { .. } | Self::MovePreset { .. } | Self::SetMoveEasing { .. } => {
                T::StepMove
            }
            Self::SortByCaptureTime => T::StepSort,
            Self::SetNarration { .. } | Self::SetNarrations { .. } => T::StepNarration,
            Self::TrimNarration { .. } => T::StepTrimNarration,
            Self::SetMusic(_) | Self::SetMusicOptions(_) => T::StepMusic,
            Self::FitToNarration { .. } => T::StepFitNarration,
            Self::Select(_)
            | Self::ToggleSelected(_)
            | Self::SelectRange(_)
            | Self::ExtendSelection(_)
            | Self::SelectAll => T::StepSelect,
            Self::Undo => T::Undo,
            Self::Redo => T::Redo,
        }
    }

    pub fn merge_key(&self) -> Option<MergeKey> {
        match self {
            Self::SetTitle(_) => Some(MergeKey::Title),
            Self::SetAuthor(_) => Some(MergeKey::Author),
            Self::SetDescription(_) => Some(MergeKey::Description),
            Self::SetCaption { frame, .. } => Some(MergeKey::Caption(*frame)),
            Self::SetField { frame, value } => Some(MergeKey::Field(*frame, value.kind())),
            Self::RenameScene { scene, .. } => Some(MergeKey::SceneTitle(*scene)),
            Self::AddPhotos { batch, .. } | Self::AddStills { batch, .. } => {
                Some(MergeKey::Import(*batch))
            }
            Self::SetCrop { frame, .. } => Some(MergeKey::Crop(*frame)),
            Self::SetMoveEnd { frame, .. } => Some(MergeKey::MoveEnd(*frame)),
            Self::TrimNarration { frame, .. } => Some(MergeKey::Trim(*frame)),
            Self::SetMusicOptions(_) => Some(MergeKey::Music),
            _ => None,
        }
    }

    /// Whether a change made by this action is an undo step (folding a scene is not).
    pub fn is_undoable(&self) -> bool {
        !matches!(self, Self::SetSceneCollapsed { .. })
    }
}

/// The result of an action that did something.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The new board, or `None` when only the selection changed.
    pub board: Option<Board>,
    pub selection: Selection,
}

/// Applies `action` to `board`. Returns `None` when the action changes nothing (moving the first
/// frame left, deleting a frame that is gone, typing the caption it already has, undo/redo).
pub fn apply(board: &Board, selection: &Selection, action: &Action) -> Option<Outcome> {
    if let Some(next) = selection::select(board, selection, action) {
        return (next != *selection).then_some(Outcome {
            board: None,
            selection: next,
        });
    }
    let (next, focus) = edit(board, action)?;
    if next == *board {
        return None;
    }
    let selection = selection::after_edit(&next, selection, focus);
    Some(Outcome {
        board: Some(next),
        selection,
    })
}

/// Appends a frame for each photo (and the still it is, if any) to the last scene, `room` at most.
fn add_frames<'a>(
    next: &mut Board,
    photos: impl Iterator<Item = (&'a PhotoMeta, Option<&'a crate::video::VideoStill>)>,
    room: usize,
) {
    for (photo, still) in photos.take(room) {
        let id = FrameId(next.allocate_id());
        if !next.photos.contains_key(&photo.id) {
            next.photos.insert(photo.id.clone(), photo.clone());
        }
        let mut frame = Frame::new(id, Some(photo.id.clone()));
        frame.still = still.cloned();
        next.scenes
            .last_mut()
            .expect("a board has a scene")
            .frames
            .push(CowRc::new(frame));
    }
}

/// What part of `action` the board's limits ([`MAX_FRAMES`], [`MAX_SCENES`]) will keep [`apply`]
/// from doing, as a sentence for the person ("Not added: 3 photo(s). …"); `None` when it all
/// fits. Ask before applying: afterwards the board is full and the answer is different.
pub fn over_limit(board: &Board, action: &Action) -> Option<Message> {
    let room = room_for(board);
    match action {
        Action::AddPhotos { photos, .. } => photos_past_room(photos.len(), room),
        Action::AddStills { stills, .. } => photos_past_room(stills.len(), room),
        Action::DuplicateFrames { frames } => {
            frames_past_room(T::FramesNotDuplicated, frames.len(), room)
        }
        Action::AddScene { .. } | Action::SplitScene { .. } if board.scenes.len() >= MAX_SCENES => {
            Some(Message::new(T::ScenesFull).with_number("max", MAX_SCENES))
        }
        _ => None,
    }
}

/// What adding `count` photos to a board with `room` frames left ([`room_for`]) leaves out, as
/// [`over_limit`] says it; the importer asks before reading any file.
pub fn photos_past_room(count: usize, room: usize) -> Option<Message> {
    frames_past_room(T::PhotosNotAdded, count, room)
}

fn frames_past_room(key: T, count: usize, room: usize) -> Option<Message> {
    let left_out = count.saturating_sub(room);
    (left_out > 0).then(|| {
        Message::new(key)
            .with_number("n", left_out)
            .with_number("max", MAX_FRAMES)
    })
}

/// What should hold the focus after an edit.
enum Focus {
    /// The selection stays (less frames that are gone).
    Keep,
    /// The edited frame takes the focus; other selected frames stay selected.
    Frame(FrameId),
    /// Just this frame, nothing else selected (after a delete).
    Only(FrameId),
    /// These frames, selected (moved or created).
    Frames(Vec<FrameId>),
}

/// The board after `action`, and where the focus goes. `next` starts as a copy of `board` that
/// shares every scene, frame and the photo list with it (pointers: see [`CowRc`]); each edit
/// writes only to the parts it changes, so only those are copied, and [`apply`]'s comparison
/// with the board before stops at the shared parts.
fn edit(board: &Board, action: &Action) -> Option<(Board, Focus)> {
    let mut next = board.clone();
    let focus = match action {
        Action::SetTitle(v) => set_text(&mut next.title, v),
        Action::SetAuthor(v) => set_text(&mut next.author, v),
        Action::SetDescription(v) => set_text(&mut next.description, v),
        Action::SetFieldVisible { field, visible } => {
            if *visible {
                next.visible_fields.insert(*field)
            } else {
                next.visible_fields.remove(field)
            };
            Focus::Keep
        }
        Action::AddPhotos { photos, .. } => {
            add_frames(&mut next, photos.iter().map(|p| (p, None)), room_for(board));
            Focus::Keep
        }
        Action::AddStills { stills, .. } => {
            let stills = stills.iter().map(|(p, s)| (p, Some(s)));
            add_frames(&mut next, stills, room_for(board));
            Focus::Keep
        }
        Action::SetCaption { frame, caption } => {
            next.frame_mut(*frame)?.caption.clone_from(caption);
            Focus::Frame(*frame)
        }
        Action::SetField { frame, value } => {
            let f = next.frame_mut(*frame)?;
            match value {
                FieldValue::ShotType(v) => f.shot_type.clone_from(v),
                FieldValue::Movement(v) => f.movement.clone_from(v),
                FieldValue::Duration(v) => {
                    f.duration = v
                        .filter(|d| d.is_finite())
                        .map(|d| d.clamp(DURATION_RANGE.0, DURATION_RANGE.1))
                }
                FieldValue::Dialogue(v) => f.dialogue.clone_from(v),
                FieldValue::Notes(v) => f.notes.clone_from(v),
            }
            Focus::Frame(*frame)
        }
        Action::MoveFrames { frames, to } => {
            let moved = moves::move_to_gap(&mut next, frames, *to)?;
            Focus::Frames(moved)
        }
        Action::NudgeFrames { frames, by } => Focus::Frames(moves::nudge(&mut next, frames, *by)?),
        Action::MoveFramesToAdjacentScene { frames, by } => {
            Focus::Frames(moves::to_adjacent_scene(&mut next, frames, *by)?)
        }
        Action::DeleteFrames { frames } => {
            let first = frames.iter().filter_map(|id| board.index_of(*id)).min()?;
            // Only the scenes that hold one are written to (and copied).
            for scene in next
                .scenes
                .iter_mut()
                .filter(|s| s.frames.iter().any(|f| frames.contains(&f.id)))
            {
                scene.frames.retain(|f| !frames.contains(&f.id));
            }
            next.prune_photos();
            next.prune_audio();
            // Focus the frame that took the first one's place, else the new last one, so keyboard
            // users can keep deleting or moving without reaching for the mouse.
            let remaining: Vec<FrameId> = next.frames().map(|f| f.id).collect();
            match remaining.get(first).or(remaining.last()) {
                Some(id) => Focus::Only(*id),
                None => Focus::Frames(Vec::new()),
            }
        }
        Action::DuplicateFrames { frames } => {
            let mut copies = Vec::new();
            for id in frames.iter().take(room_for(board)) {
                let place = next.place_of(*id)?;
                let mut copy = Frame::clone(&next.scenes[place.scene].frames[place.index]);
                copy.id = FrameId(next.allocate_id());
                copies.push(copy.id);
                next.scenes[place.scene]
                    .frames
                    .insert(place.index + 1, CowRc::new(copy));
            }
            Focus::Frames(copies)
        }
        Action::AddScene { .. } | Action::SplitScene { .. } if board.scenes.len() >= MAX_SCENES => {
            return None
        }
        Action::AddScene { after } => {
            let at = match after {
                Some(scene) => next.scene_index(*scene)? + 1,
                None => next.scenes.len(),
            };
            let id = SceneId(next.allocate_id());
            next.scenes
                .insert(at, CowRc::new(Scene::new(id, String::new())));
            Focus::Keep
        }
        Action::SplitScene { at } => {
            let place = next.place_of(*at)?;
            if place.index == 0 {
                return None; // already starts its scene
            }
            let rest = next.scenes[place.scene].frames.split_off(place.index);
            let id = SceneId(next.allocate_id());
            next.scenes.insert(
                place.scene + 1,
                CowRc::new(Scene {
                    frames: rest,
                    ..Scene::new(id, String::new())
                }),
            );
            Focus::Frame(*at)
        }
        Action::GroupIntoScenes { focused } => {
            grouping::split_at(&mut next, &scene_breaks(board, *focused))?;
            Focus::Keep
        }
        Action::RenameScene { scene, title } => {
            let i = next.scene_index(*scene)?;
            set_text(&mut next.scenes[i].title, title)
        }
        Action::MoveScene { scene, by } => {
            let from = next.scene_index(*scene)?;
            let to = from
                .checked_add_signed(*by)
                .filter(|to| *to < next.scenes.len())?;
            let moved = next.scenes.remove(from);
            next.scenes.insert(to, moved);
            Focus::Keep
        }
        Action::DeleteScene { scene } => {
            if next.scenes.len() < 2 {
                return None;
            }
            let i = next.scene_index(*scene)?;
            next.scenes.remove(i);
            next.prune_photos();
            next.prune_audio();
            Focus::Keep
        }
        Action::SetSceneCollapsed { scene, collapsed } => {
            let i = next.scene_index(*scene)?;
            next.scenes[i].collapsed = *collapsed;
            Focus::Keep
        }
        Action::SetAspect(aspect) => {
            next.aspect = *aspect;
            Focus::Keep
        }
        Action::SetCrop {
            frame,
            crop: wanted,
        } => {
            let f = board.frame(*frame).filter(|f| !f.fixed)?;
            let size = board.photo_of(f).map(|p| (p.width, p.height))?;
            store_crop(&mut next, *frame, crop::clamp(*wanted, board.aspect, size))?;
            Focus::Frame(*frame)
        }
        Action::CropPreset { frame, preset } => {
            let f = board.frame(*frame).filter(|f| !f.fixed)?;
            let size = board.photo_of(f).map(|p| (p.width, p.height))?;
            let current = board.crop_of(f)?;
            let target = match (preset, board.aspect.ratio()) {
                (CropPreset::Reset, _) => crop::default_crop(board.aspect, size),
                (CropPreset::Fit, Some(ratio)) => crop::fit(ratio, size),
                (CropPreset::Fill, Some(ratio)) => crop::fill(ratio, size, current.centre()),
                // A free crop has no bars: Fit and Fill both show the whole photo.
                (CropPreset::Fit | CropPreset::Fill, None) => Crop::FULL,
            };
            store_crop(&mut next, *frame, target)?;
            Focus::Frame(*frame)
        }
        Action::SetMoveEnd { frame, end } => {
            let f = board.frame(*frame).filter(|f| !f.fixed)?;
            let size = board.photo_of(f).map(|p| (p.width, p.height))?;
            let easing = board
                .camera_move_of(f)
                .map(|(_, m)| m.easing)
                .unwrap_or_default();
            let end = crop::clamp(*end, board.aspect, size);
            store_move(
                &mut next,
                *frame,
                board.crop_of(f)?,
                Some(CameraMove { end, easing }),
            )?;
            Focus::Frame(*frame)
        }
        Action::MovePreset { frame, preset } => {
            let f = board.frame(*frame).filter(|f| !f.fixed)?;
            let size = board.photo_of(f).map(|p| (p.width, p.height))?;
            let current = board.crop_of(f)?;
            let easing = board
                .camera_move_of(f)
                .map(|(_, m)| m.easing)
                .unwrap_or_default();
            let (start, made) = match camera::preset(*preset, current, board.aspect, size) {
                Some((start, m)) => (start, Some(CameraMove { easing, ..m })),
                None if *preset == MovePreset::None => (current, None),
                // No room for it (a zoom on a crop at its smallest): nothing changes.
                None => return None,
            };
            store_move(&mut next, *frame, start, made)?;
            Focus::Frame(*frame)
        }
        Action::SetMoveEasing { frame, easing } => {
            let f = board.frame(*frame)?;
            let (start, m) = board.camera_move_of(f)?;
            store_move(
                &mut next,
                *frame,
                start,
                Some(CameraMove {
                    easing: *easing,
                    ..m
                }),
            )?;
            Focus::Frame(*frame)
        }
        Action::SetNarration { frame, clip } => {
            let f = next.frame_mut(*frame)?;
            match clip {
                Some((meta, narration)) => {
                    let narration = Narration {
                        pause: board.narration_pause,
                        ..Narration::whole(meta.id.clone(), meta.seconds)
                            .trimmed(narration.start, narration.end)
                    };
                    f.narration = Some(narration);
                    next.audio.insert(meta.id.clone(), meta.clone());
                }
                None => f.narration = None,
            }
            next.prune_audio();
            Focus::Frame(*frame)
        }
        Action::SetNarrations { audio, parts } => {
            let whole = Narration::whole(audio.id.clone(), audio.seconds);
            let mut any = false;
            for (frame, start, end) in parts {
                if let Some(f) = next.frame_mut(*frame) {
                    f.narration = Some(whole.trimmed(*start, *end));
                    any = true;
                }
            }
            if !any {
                return None;
            }
            next.audio.insert(audio.id.clone(), audio.clone());
            next.prune_audio();
            Focus::Keep
        }
        Action::TrimNarration { frame, start, end } => {
            let f = next.frame_mut(*frame)?;
            let trimmed = f.narration.as_ref()?.trimmed(*start, *end);
            f.narration = Some(trimmed);
            Focus::Frame(*frame)
        }
        Action::SetMusic(bed) => {
            match bed {
                Some((meta, bed)) => {
                    next.music = Some(MusicBed {
                        audio: meta.id.clone(),
                        length: meta.seconds,
                        ..music_options(bed)
                    });
                    next.audio.insert(meta.id.clone(), meta.clone());
                }
                None => next.music = None,
            }
            next.prune_audio();
            Focus::Keep
        }
        Action::SetMusicOptions(options) => {
            let current = next.music.as_mut()?;
            *current = MusicBed {
                audio: current.audio.clone(),
                length: current.length,
                ..music_options(options)
            };
            Focus::Keep
        }
        Action::FitToNarration { pause } => {
            let pause = crate::audio::pause_within(*pause);
            next.narration_pause = Some(pause);
            let narrated: Vec<FrameId> = board
                .frames()
                .filter(|f| f.narration.as_ref().is_some_and(|n| n.pause != Some(pause)))
                .map(|f| f.id)
                .collect();
            for id in narrated {
                if let Some(n) = next.frame_mut(id).and_then(|f| f.narration.as_mut()) {
                    n.pause = Some(pause);
                }
            }
            Focus::Keep
        }
        Action::SortByCaptureTime => {
            let time_of = |f: &Frame| board.photo_of(f).and_then(|p| p.taken_at.as_ref());
            // Photos without a recorded offset are assumed to share the board's usual one.
            let usual_offset =
                most_common(board.frames().filter_map(|f| time_of(f)?.offset_minutes)).unwrap_or(0);
            for scene in &mut next.scenes {
                // Stable: equal times keep their relative order; frames without a time go last.
                crate::sort_by_number(&mut scene.frames, |f| {
                    time_of(f).map_or(i64::MAX, |t| t.sort_key_assuming(usual_offset))
                });
            }
            Focus::Keep
        }
        Action::Select(_)
        | Action::ToggleSelected(_)
        | Action::SelectRange(_)
        | Action::ExtendSelection(_)
        | Action::SelectAll => return None,
        Action::Undo | Action::Redo => return None,
    };
    Some((next, focus))
}

fn set_text(target: &mut String, value: &str) -> Focus {
    value.clone_into(target);
    Focus::Keep
}

/// Stores a crop at the board's aspect; `None` if it is already exactly that.
fn store_crop(board: &mut Board, frame: FrameId, crop: Crop) -> Option<()> {
    let aspect = board.aspect;
    let f = board.frame_mut(frame)?;
    if f.crops.get(&aspect) == Some(&crop) {
        return None;
    }
    f.crops.insert(aspect, crop);
    f.crop_focus = Some(aspect);
    Some(())
}

/// Stores a move at the board's aspect (`None`: holds still) with the crop it starts from;
/// `None` if both are already exactly that.
fn store_move(
    board: &mut Board,
    frame: FrameId,
    start: Crop,
    made: Option<CameraMove>,
) -> Option<()> {
    let aspect = board.aspect;
    let f = board.frame_mut(frame)?;
    if f.crops.get(&aspect) == Some(&start) && f.camera_moves.get(&aspect) == Some(&made) {
        return None;
    }
    f.crops.insert(aspect, start);
    f.crop_focus = Some(aspect);
    f.camera_moves.insert(aspect, made);
    Some(())
}

/// The value seen most often (the first of equals), if any.
fn most_common(values: impl Iterator<Item = i32>) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(v, _)| *v)
}

#[cfg(test)]
pub(crate) mod tests;
