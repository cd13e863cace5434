//! Every user operation on a board, as data, and the one pure function that applies it.
//!
//! Components turn DOM events and key chords into an [`Action`]; the editor's reducer calls
//! [`apply`] and hands the outcome to [`crate::history`]. Nothing here touches the DOM, storage or
//! the clock, so every operation is tested natively and undo/redo fall out for free.

mod keymap;

pub use keymap::{action_for_key, KeyChord};

use crate::model::crop::{self, Aspect, Crop};
use crate::model::{Board, Frame, FrameId, PhotoMeta, Selection};

/// A named user operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Rename the board.
    SetTitle(String),
    /// Append one frame per photo, in the given order. `batch` groups the photos of one import
    /// into one undo step even when they arrive one by one.
    AddPhotos { photos: Vec<PhotoMeta>, batch: u64 },
    /// Replace a frame's caption.
    SetCaption { frame: FrameId, caption: String },
    /// Move a frame so that it ends up at index `to` (clamped to the board).
    MoveFrame { frame: FrameId, to: usize },
    /// Move a frame `by` places left (negative) or right; at either end it does nothing.
    NudgeFrame { frame: FrameId, by: isize },
    /// Remove a frame; its neighbour takes the focus.
    DeleteFrame { frame: FrameId },
    /// Change the board's aspect ratio. Every frame keeps its crop for every ratio.
    SetAspect(Aspect),
    /// Set a frame's crop at the board's current aspect ratio (clamped to a valid crop).
    SetCrop { frame: FrameId, crop: Crop },
    /// Fit (whole photo, with bars), Fill (largest crop, same centre) or Reset (centred).
    CropPreset { frame: FrameId, preset: CropPreset },
    /// Order frames by when their photos were taken; frames without a time keep their order, last.
    SortByCaptureTime,
    /// Change the focused frame; never an undo step.
    Select(Option<FrameId>),
    /// Step back through history (handled by [`crate::history::History`], a no-op for [`apply`]).
    Undo,
    /// Step forward through history (handled by [`crate::history::History`]).
    Redo,
}

/// The crop tool's one-click crops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CropPreset {
    Fit,
    Fill,
    Reset,
}

/// Consecutive actions with the same key collapse into one undo step (typing a caption, one import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeKey {
    Title,
    Caption(FrameId),
    Crop(FrameId),
    Import(u64),
}

impl Action {
    /// The name shown in undo/redo tooltips ("Undo: Move frame").
    pub fn label(&self) -> &'static str {
        match self {
            Self::SetTitle(_) => "Rename board",
            Self::AddPhotos { .. } => "Add photos",
            Self::SetCaption { .. } => "Edit caption",
            Self::MoveFrame { .. } | Self::NudgeFrame { .. } => "Move frame",
            Self::DeleteFrame { .. } => "Delete frame",
            Self::SetAspect(_) => "Change aspect ratio",
            Self::SetCrop { .. } | Self::CropPreset { .. } => "Crop frame",
            Self::SortByCaptureTime => "Sort by capture time",
            Self::Select(_) => "Select",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
        }
    }

    pub fn merge_key(&self) -> Option<MergeKey> {
        match self {
            Self::SetTitle(_) => Some(MergeKey::Title),
            Self::SetCaption { frame, .. } => Some(MergeKey::Caption(*frame)),
            Self::AddPhotos { batch, .. } => Some(MergeKey::Import(*batch)),
            Self::SetCrop { frame, .. } => Some(MergeKey::Crop(*frame)),
            _ => None,
        }
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
    let changed = |board: Board, focused: Option<FrameId>| {
        Some(Outcome { board: Some(board), selection: Selection { focused } })
    };
    match action {
        Action::SetTitle(title) => {
            if *title == board.title {
                return None;
            }
            let mut next = board.clone();
            next.title = title.clone();
            changed(next, selection.focused)
        }
        Action::AddPhotos { photos, .. } => {
            if photos.is_empty() {
                return None;
            }
            let mut next = board.clone();
            for photo in photos {
                let id = FrameId(next.next_frame_id);
                next.next_frame_id += 1;
                next.photos.entry(photo.id.clone()).or_insert_with(|| photo.clone());
                next.frames.push(Frame::new(id, Some(photo.id.clone())));
            }
            changed(next, selection.focused)
        }
        Action::SetCaption { frame, caption } => {
            let index = board.index_of(*frame)?;
            if board.frames[index].caption == *caption {
                return None;
            }
            let mut next = board.clone();
            next.frames[index].caption = caption.clone();
            changed(next, Some(*frame))
        }
        Action::MoveFrame { frame, to } => {
            let from = board.index_of(*frame)?;
            let to = (*to).min(board.frames.len() - 1);
            if from == to {
                return None;
            }
            let mut next = board.clone();
            let moved = next.frames.remove(from);
            next.frames.insert(to, moved);
            changed(next, Some(*frame))
        }
        Action::NudgeFrame { frame, by } => {
            let from = board.index_of(*frame)?;
            let to = from.checked_add_signed(*by)?;
            if to >= board.frames.len() {
                return None;
            }
            apply(board, selection, &Action::MoveFrame { frame: *frame, to })
        }
        Action::DeleteFrame { frame } => {
            let index = board.index_of(*frame)?;
            let mut next = board.clone();
            let removed = next.frames.remove(index);
            if let Some(photo) = removed.photo {
                if !next.frames.iter().any(|f| f.photo.as_ref() == Some(&photo)) {
                    next.photos.remove(&photo);
                }
            }
            // Focus the frame that took its place, else the new last one, so keyboard users
            // can keep deleting or moving without reaching for the mouse.
            let focused = next.frames.get(index).or_else(|| next.frames.last()).map(|f| f.id);
            changed(next, focused)
        }
        Action::SetAspect(aspect) => {
            if *aspect == board.aspect {
                return None;
            }
            let mut next = board.clone();
            next.aspect = *aspect;
            changed(next, selection.focused)
        }
        Action::SetCrop { frame, crop: wanted } => {
            let index = board.index_of(*frame)?;
            let size = board.photo_of(&board.frames[index]).map(|p| (p.width, p.height))?;
            let clamped = crop::clamp(*wanted, board.aspect, size);
            store_crop(board, index, clamped).and_then(|next| changed(next, Some(*frame)))
        }
        Action::CropPreset { frame, preset } => {
            let index = board.index_of(*frame)?;
            let size = board.photo_of(&board.frames[index]).map(|p| (p.width, p.height))?;
            let current = board.crop_of(&board.frames[index])?;
            let target = match (preset, board.aspect.ratio()) {
                (CropPreset::Reset, _) => crop::default_crop(board.aspect, size),
                (CropPreset::Fit, Some(ratio)) => crop::fit(ratio, size),
                (CropPreset::Fill, Some(ratio)) => crop::fill(ratio, size, current.centre()),
                // A free crop has no bars: Fit and Fill both show the whole photo.
                (CropPreset::Fit | CropPreset::Fill, None) => Crop::FULL,
            };
            store_crop(board, index, target).and_then(|next| changed(next, Some(*frame)))
        }
        Action::SortByCaptureTime => {
            let time_of = |f: &Frame| board.photo_of(f).and_then(|p| p.taken_at.as_ref());
            // Photos without a recorded offset are assumed to share the board's usual one.
            let usual_offset = most_common(board.frames.iter().filter_map(|f| time_of(f)?.offset_minutes)).unwrap_or(0);
            let mut next = board.clone();
            // Stable: equal times keep their relative order; frames without a time go last.
            next.frames.sort_by_key(|f| match time_of(f) {
                Some(t) => (0, t.sort_key_assuming(usual_offset)),
                None => (1, 0),
            });
            if next.frames == board.frames {
                return None;
            }
            changed(next, selection.focused)
        }
        Action::Select(focused) => {
            let focused = focused.filter(|id| board.index_of(*id).is_some());
            if focused == selection.focused {
                return None;
            }
            Some(Outcome { board: None, selection: Selection { focused } })
        }
        Action::Undo | Action::Redo => None,
    }
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

/// The board with frame `index`'s crop at the board's aspect set to `crop`; `None` if unchanged.
fn store_crop(board: &Board, index: usize, crop: Crop) -> Option<Board> {
    let frame = &board.frames[index];
    if board.crop_of(frame) == Some(crop) && frame.crops.contains_key(&board.aspect) {
        return None;
    }
    let mut next = board.clone();
    let frame = &mut next.frames[index];
    frame.crops.insert(board.aspect, crop);
    frame.crop_focus = Some(board.aspect);
    Some(next)
}

#[cfg(test)]
pub(crate) mod tests;
