//! Key chords to actions. Pure: the glue builds a [`KeyChord`] from a `KeyboardEvent`.

use super::Action;
use crate::model::{Board, Selection};

/// A key press with its modifiers. `key` is the DOM `KeyboardEvent.key` value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyChord {
    pub key: String,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    pub meta: bool,
}

impl KeyChord {
    pub fn plain(key: &str) -> Self {
        Self { key: key.to_owned(), ..Self::default() }
    }
}

/// The action a chord triggers, if any.
///
/// `in_text_field` is true while a caption or title field has focus: then the field owns every
/// key (its own undo included), so only board-level chords that a field never uses act. The glue
/// never calls this during an IME composition.
pub fn action_for_key(chord: &KeyChord, board: &Board, selection: &Selection, in_text_field: bool) -> Option<Action> {
    if in_text_field {
        return None;
    }
    let command = chord.ctrl || chord.meta;
    let key = chord.key.as_str();
    if command && !chord.alt {
        return match (key.to_ascii_lowercase().as_str(), chord.shift) {
            ("z", false) => Some(Action::Undo),
            ("z", true) | ("y", false) => Some(Action::Redo),
            _ => None,
        };
    }
    let focused = selection.focused.and_then(|id| board.index_of(id).map(|i| (id, i)));
    match (key, chord.alt, chord.shift) {
        ("ArrowLeft" | "ArrowUp", true, false) => focused.map(|(frame, _)| Action::NudgeFrame { frame, by: -1 }),
        ("ArrowRight" | "ArrowDown", true, false) => focused.map(|(frame, _)| Action::NudgeFrame { frame, by: 1 }),
        ("Delete" | "Backspace", false, false) => focused.map(|(frame, _)| Action::DeleteFrame { frame }),
        ("ArrowLeft" | "ArrowUp", false, false) => {
            let index = focused.map_or(0, |(_, i)| i.saturating_sub(1));
            board.frames.get(index).map(|f| Action::Select(Some(f.id)))
        }
        ("ArrowRight" | "ArrowDown", false, false) => {
            let index = focused.map_or(0, |(_, i)| (i + 1).min(board.frames.len().saturating_sub(1)));
            board.frames.get(index).map(|f| Action::Select(Some(f.id)))
        }
        ("Home", false, false) => board.frames.first().map(|f| Action::Select(Some(f.id))),
        ("End", false, false) => board.frames.last().map(|f| Action::Select(Some(f.id))),
        _ => None,
    }
}
