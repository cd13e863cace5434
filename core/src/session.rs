//! The document being edited: board, selection and undo history, changed only through
//! [`Session::plan`] and [`Session::commit`] — the editor's whole state machine for user
//! operations, pure and tested natively. The web reducer wraps it; tests drive it directly.

use crate::actions::{apply, Action, Outcome};
use crate::history::History;
use crate::model::{Board, Selection};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    pub board: Rc<Board>,
    pub selection: Selection,
    pub history: History,
}

/// What an action will do, worked out without changing anything.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Undo,
    Redo,
    Apply(Box<Outcome>),
}

impl Session {
    pub fn new(board: Board) -> Self {
        Self {
            board: Rc::new(board),
            ..Self::default()
        }
    }

    /// What `action` would do, or `None` if it changes nothing (so a caller can keep its state,
    /// unchanged and uncloned).
    pub fn plan(&self, action: &Action) -> Option<Step> {
        match action {
            Action::Undo => self.history.undo_label().map(|_| Step::Undo),
            Action::Redo => self.history.redo_label().map(|_| Step::Redo),
            action => apply(&self.board, &self.selection, action).map(|o| Step::Apply(Box::new(o))),
        }
    }

    /// Carries out a planned step of `action` at time `at_ms` (merging typing into one undo step).
    pub fn commit(&mut self, action: &Action, step: Step, at_ms: f64) {
        match step {
            Step::Undo | Step::Redo => {
                let restored = if step == Step::Undo {
                    self.history
                        .undo(self.board.clone(), self.selection.clone())
                } else {
                    self.history
                        .redo(self.board.clone(), self.selection.clone())
                };
                if let Some((board, selection)) = restored {
                    self.board = board;
                    self.selection = selection;
                }
            }
            Step::Apply(outcome) => {
                let Outcome { board, selection } = *outcome;
                if let Some(board) = board {
                    let before = std::mem::replace(&mut self.board, Rc::new(board));
                    if action.is_undoable() {
                        self.history.record(
                            before,
                            self.selection.clone(),
                            action.label(),
                            action.merge_key(),
                            at_ms,
                        );
                    }
                }
                self.selection = selection;
            }
        }
    }

    /// Plans and commits in one go; returns whether anything changed.
    pub fn act(&mut self, action: &Action, at_ms: f64) -> bool {
        match self.plan(action) {
            Some(step) => {
                self.commit(action, step, at_ms);
                true
            }
            None => false,
        }
    }
}
