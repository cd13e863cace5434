//! Undo and redo over whole-board snapshots.
//!
//! Snapshots are `Rc`-shared, so an undo step costs one pointer, and restoring one is exact: an
//! undone deletion puts the frame back where it was with the same id. Successive snapshots also
//! share every scene and frame they have in common ([`crate::model::CowRc`]): a step of typing on
//! a 2 000-frame board keeps a copy of one frame and of its scene's list of pointers, not of the
//! board. Consecutive actions with the
//! same [`MergeKey`] within [`History::MERGE_WINDOW_MS`] form one step (typing is one step per
//! pause, an import is one step however many photos arrive). The redo stack is cleared only when
//! the board really changes.

use crate::actions::MergeKey;
use crate::i18n::T;
use crate::model::{Board, Selection};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
struct Step {
    /// The board and selection before the action.
    board: Rc<Board>,
    selection: Selection,
    /// What the action was called, for "Undo: …" tooltips.
    label: T,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    past: Vec<Step>,
    future: Vec<Step>,
    /// Merge key and time (ms) of the newest recorded step, while it may still absorb more.
    open: Option<(MergeKey, f64)>,
}

impl History {
    /// How long a pause ends a run of merged edits.
    pub const MERGE_WINDOW_MS: f64 = 1000.0;
    /// Older steps are dropped past this many.
    pub const LIMIT: usize = 200;

    /// Records that the board changed from `before` (with `selection`) because of an action named
    /// `label`, at time `now_ms`.
    pub fn record(
        &mut self,
        before: Rc<Board>,
        selection: Selection,
        label: T,
        merge: Option<MergeKey>,
        now_ms: f64,
    ) {
        self.future.clear();
        let merges = match (&self.open, &merge) {
            // An import is one step however long its photos take to arrive.
            (Some((MergeKey::Import(open), _)), Some(MergeKey::Import(key))) => open == key,
            (Some((open, at)), Some(key)) => open == key && now_ms - at <= Self::MERGE_WINDOW_MS,
            _ => false,
        };
        self.open = merge.map(|key| (key, now_ms));
        if merges && !self.past.is_empty() {
            return;
        }
        self.past.push(Step {
            board: before,
            selection,
            label,
        });
        if self.past.len() > Self::LIMIT {
            self.past.remove(0);
        }
    }

    /// Whether a run of merged edits is open (the next matching edit would join it).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Ends any run of merged edits, so the next edit is a step of its own (e.g. on blur).
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Returns the board to show after undo, given what is shown now.
    pub fn undo(
        &mut self,
        current: Rc<Board>,
        selection: Selection,
    ) -> Option<(Rc<Board>, Selection)> {
        let step = self.past.pop()?;
        self.open = None;
        self.future.push(Step {
            board: current,
            selection,
            label: step.label,
        });
        Some((step.board, step.selection))
    }

    pub fn redo(
        &mut self,
        current: Rc<Board>,
        selection: Selection,
    ) -> Option<(Rc<Board>, Selection)> {
        let step = self.future.pop()?;
        self.open = None;
        self.past.push(Step {
            board: current,
            selection,
            label: step.label,
        });
        Some((step.board, step.selection))
    }

    /// Label of the step that undo would revert.
    pub fn undo_label(&self) -> Option<T> {
        self.past.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<T> {
        self.future.last().map(|s| s.label)
    }
}
