//! Key chords to commands. Pure: the glue builds a [`KeyChord`] from a `KeyboardEvent`, never
//! during an IME composition.

use super::Action;
use crate::i18n::T;
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
        Self {
            key: key.to_owned(),
            ..Self::default()
        }
    }
}

/// Where the keyboard focus is when a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFocus {
    /// A text field: it owns every key, its own undo included.
    TextField,
    /// A frame card: frame commands apply to the selection.
    Frame,
    /// Anywhere else (a button, the page): only board-wide commands apply, so Delete on a
    /// toolbar button never deletes a frame the user cannot see is selected.
    Elsewhere,
}

/// What a chord asks for: a board action, or a view.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyCommand {
    Act(Action),
    ShowShortcuts,
    Present,
}

/// How a shortcut's keys are written: as printed on the keys, or in words that need translating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Printed(&'static str),
    Said(T),
}

/// Every shortcut, for the `?` overlay: (keys, what they do). The one list the overlay shows,
/// kept next to the code that implements it.
pub const SHORTCUTS: &[(Keys, T)] = &[
    (Keys::Printed("← → ↑ ↓"), T::KeyFocusFrames),
    (Keys::Printed("Home / End"), T::KeyFocusEnds),
    (Keys::Printed("Shift + ← →"), T::KeyExtend),
    (Keys::Said(T::KeysClick), T::KeyClick),
    (Keys::Printed("Ctrl/⌘ + A"), T::KeySelectAll),
    (Keys::Printed("Esc"), T::KeyClear),
    (Keys::Printed("Alt + ← →"), T::KeyMoveOne),
    (Keys::Printed("Alt + ↑ ↓"), T::KeyMoveScene),
    (Keys::Printed("Ctrl/⌘ + D"), T::KeyDuplicate),
    (Keys::Printed("Delete / Backspace"), T::KeyDelete),
    (Keys::Printed("Ctrl/⌘ + Z"), T::Undo),
    (Keys::Printed("Ctrl/⌘ + Shift + Z, Ctrl + Y"), T::Redo),
    (Keys::Printed("P"), T::KeyPresent),
    (Keys::Printed("?"), T::KeyShowShortcuts),
];

/// The command a chord triggers, if any.
///
/// See [`KeyFocus`] for what applies where.
pub fn command_for_key(
    chord: &KeyChord,
    board: &Board,
    selection: &Selection,
    focus: KeyFocus,
) -> Option<KeyCommand> {
    if focus == KeyFocus::TextField {
        return None;
    }
    let on_frame = focus == KeyFocus::Frame;
    let act = |a: Action| Some(KeyCommand::Act(a));
    let command = chord.ctrl || chord.meta;
    let key = chord.key.as_str();
    if command && !chord.alt {
        return match (key.to_ascii_lowercase().as_str(), chord.shift) {
            ("z", false) => act(Action::Undo),
            ("z", true) | ("y", false) => act(Action::Redo),
            ("a", false) if on_frame => act(Action::SelectAll),
            ("d", false) if on_frame => {
                targets(board, selection).and_then(|frames| act(Action::DuplicateFrames { frames }))
            }
            _ => None,
        };
    }
    if command {
        return None;
    }
    let order: Vec<_> = board.frames().map(|f| f.id).collect();
    let focus = selection
        .focused
        .and_then(|id| order.iter().position(|x| *x == id));
    let select_at = |i: usize| {
        order
            .get(i)
            .map(|id| KeyCommand::Act(Action::Select(Some(*id))))
    };
    match (key, chord.alt, chord.shift) {
        ("?", false, _) => Some(KeyCommand::ShowShortcuts),
        ("p" | "P", false, false) => (!order.is_empty()).then_some(KeyCommand::Present),
        _ if !on_frame => None,
        ("ArrowLeft", true, false) => {
            targets(board, selection).and_then(|frames| act(Action::NudgeFrames { frames, by: -1 }))
        }
        ("ArrowRight", true, false) => {
            targets(board, selection).and_then(|frames| act(Action::NudgeFrames { frames, by: 1 }))
        }
        ("ArrowUp", true, false) => targets(board, selection)
            .and_then(|frames| act(Action::MoveFramesToAdjacentScene { frames, by: -1 })),
        ("ArrowDown", true, false) => targets(board, selection)
            .and_then(|frames| act(Action::MoveFramesToAdjacentScene { frames, by: 1 })),
        ("Delete" | "Backspace", false, false) => {
            targets(board, selection).and_then(|frames| act(Action::DeleteFrames { frames }))
        }
        ("ArrowLeft" | "ArrowUp", false, true) => act(Action::ExtendSelection(-1)),
        ("ArrowRight" | "ArrowDown", false, true) => act(Action::ExtendSelection(1)),
        ("ArrowLeft" | "ArrowUp", false, false) => {
            select_at(focus.map_or(0, |i| i.saturating_sub(1)))
        }
        ("ArrowRight" | "ArrowDown", false, false) => {
            select_at(focus.map_or(0, |i| (i + 1).min(order.len().saturating_sub(1))))
        }
        ("Home", false, false) => select_at(0),
        ("End", false, false) => select_at(order.len().saturating_sub(1)),
        ("Escape", false, false) => {
            (selection != &Selection::default()).then_some(KeyCommand::Act(Action::Select(None)))
        }
        _ => None,
    }
}

fn targets(board: &Board, selection: &Selection) -> Option<Vec<crate::model::FrameId>> {
    Some(selection.targets(board)).filter(|t| !t.is_empty())
}
