//! Undo and redo over whole-board snapshots.
//!
//! Snapshots are `Rc`-shared, so an undo step costs one pointer, and restoring one is exact: an
//! undone deletion puts the frame back where it was with the same id. Consecutive actions with the
//! same [`MergeKey`] within [`History::MERGE_WINDOW_MS`] form one step (typing is one step per
//! pause, an import is one step however many photos arrive). The redo stack is cleared only when
//! the board really changes.

use crate::actions::MergeKey;
use crate::model::{Board, Selection};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
struct Step {
    /// The board and selection before the action.
    board: Rc<Board>,
    selection: Selection,
    /// What the action was called, for "Undo: …" tooltips.
    label: &'static str,
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
    pub fn record(&mut self, before: Rc<Board>, selection: Selection, label: &'static str, merge: Option<MergeKey>, now_ms: f64) {
        self.future.clear();
        let merges = match (&self.open, &merge) {
            (Some((open, at)), Some(key)) => open == key && now_ms - at <= Self::MERGE_WINDOW_MS,
            _ => false,
        };
        self.open = merge.map(|key| (key, now_ms));
        if merges && !self.past.is_empty() {
            return;
        }
        self.past.push(Step { board: before, selection, label });
        if self.past.len() > Self::LIMIT {
            self.past.remove(0);
        }
    }

    /// Ends any run of merged edits, so the next edit is a step of its own (e.g. on blur).
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Returns the board to show after undo, given what is shown now.
    pub fn undo(&mut self, current: Rc<Board>, selection: Selection) -> Option<(Rc<Board>, Selection)> {
        let step = self.past.pop()?;
        self.open = None;
        self.future.push(Step { board: current, selection, label: step.label });
        Some((step.board, step.selection))
    }

    pub fn redo(&mut self, current: Rc<Board>, selection: Selection) -> Option<(Rc<Board>, Selection)> {
        let step = self.future.pop()?;
        self.open = None;
        self.past.push(Step { board: current, selection, label: step.label });
        Some((step.board, step.selection))
    }

    /// Label of the step that undo would revert.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.past.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<&'static str> {
        self.future.last().map(|s| s.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::{apply, Action};
    use crate::model::FrameId;

    /// A tiny editor loop: what the web reducer does, without the web.
    struct Editor {
        board: Rc<Board>,
        selection: Selection,
        history: History,
        clock: f64,
    }

    impl Editor {
        fn new() -> Self {
            Self { board: Rc::new(Board::default()), selection: Selection::default(), history: History::default(), clock: 0.0 }
        }
        fn act(&mut self, action: Action) {
            self.clock += 100.0;
            match action {
                Action::Undo => {
                    if let Some((b, s)) = self.history.undo(self.board.clone(), self.selection) {
                        self.board = b;
                        self.selection = s;
                    }
                }
                Action::Redo => {
                    if let Some((b, s)) = self.history.redo(self.board.clone(), self.selection) {
                        self.board = b;
                        self.selection = s;
                    }
                }
                action => {
                    if let Some(out) = apply(&self.board, &self.selection, &action) {
                        if let Some(board) = out.board {
                            let before = std::mem::replace(&mut self.board, Rc::new(board));
                            self.history.record(before, self.selection, action.label(), action.merge_key(), self.clock);
                        }
                        self.selection = out.selection;
                    }
                }
            }
        }
        fn captions(&self) -> Vec<&str> {
            self.board.frames.iter().map(|f| f.caption.as_str()).collect()
        }
    }

    fn photos(n: usize) -> Vec<crate::model::PhotoMeta> {
        crate::actions::tests::photos(n)
    }

    #[test]
    fn undo_past_the_start_is_a_no_op() {
        let mut e = Editor::new();
        e.act(Action::Undo);
        assert_eq!(*e.board, Board::default());
        e.act(Action::SetTitle("A".into()));
        e.act(Action::Undo);
        e.act(Action::Undo);
        assert_eq!(e.board.title, "");
        e.act(Action::Redo);
        assert_eq!(e.board.title, "A");
        e.act(Action::Redo);
        assert_eq!(e.board.title, "A");
    }

    #[test]
    fn undone_delete_restores_the_frame_in_place() {
        let mut e = Editor::new();
        e.act(Action::AddPhotos { photos: photos(3), batch: 1 });
        let before = e.board.clone();
        e.act(Action::DeleteFrame { frame: FrameId(2) });
        assert_eq!(e.board.frames.len(), 2);
        e.act(Action::Undo);
        assert_eq!(e.board, before);
        e.act(Action::Redo);
        assert_eq!(e.board.frames.iter().map(|f| f.id.0).collect::<Vec<_>>(), vec![1, 3]);
    }

    #[test]
    fn typing_merges_until_a_pause_or_another_field() {
        let mut e = Editor::new();
        e.act(Action::AddPhotos { photos: photos(2), batch: 1 });
        for text in ["H", "He", "Hel", "Hello"] {
            e.act(Action::SetCaption { frame: FrameId(1), caption: text.into() });
        }
        e.clock += 5000.0; // a pause
        e.act(Action::SetCaption { frame: FrameId(1), caption: "Hello!".into() });
        e.act(Action::SetCaption { frame: FrameId(2), caption: "x".into() });
        e.act(Action::Undo);
        assert_eq!(e.captions(), ["Hello!", ""]);
        e.act(Action::Undo);
        assert_eq!(e.captions(), ["Hello", ""]);
        e.act(Action::Undo);
        assert_eq!(e.captions(), ["", ""]);
        e.act(Action::Undo);
        assert!(e.board.frames.is_empty(), "the import is one step");
    }

    #[test]
    fn an_import_arriving_in_pieces_is_one_step() {
        let mut e = Editor::new();
        let p = photos(3);
        for photo in &p {
            e.act(Action::AddPhotos { photos: vec![photo.clone()], batch: 7 });
        }
        assert_eq!(e.board.frames.len(), 3);
        e.act(Action::Undo);
        assert!(e.board.frames.is_empty());
    }

    #[test]
    fn redo_is_cleared_by_a_new_edit_but_not_by_selection() {
        let mut e = Editor::new();
        e.act(Action::AddPhotos { photos: photos(3), batch: 1 });
        e.act(Action::MoveFrame { frame: FrameId(1), to: 2 });
        e.act(Action::Undo);
        e.act(Action::Select(Some(FrameId(3))));
        assert_eq!(e.history.redo_label(), Some("Move frame"));
        e.act(Action::Redo);
        assert_eq!(e.board.frames.iter().map(|f| f.id.0).collect::<Vec<_>>(), vec![2, 3, 1]);
        e.act(Action::Undo);
        e.act(Action::SetTitle("new".into()));
        assert_eq!(e.history.redo_label(), None);
        e.act(Action::Redo);
        assert_eq!(e.board.frames.iter().map(|f| f.id.0).collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn a_no_op_does_not_clear_redo() {
        let mut e = Editor::new();
        e.act(Action::AddPhotos { photos: photos(2), batch: 1 });
        e.act(Action::NudgeFrame { frame: FrameId(2), by: -1 });
        e.act(Action::Undo);
        e.act(Action::NudgeFrame { frame: FrameId(1), by: -1 }); // first frame left: nothing
        assert!(e.history.redo_label().is_some());
    }

    #[test]
    fn interleaved_edits_undo_in_reverse_order() {
        let mut e = Editor::new();
        e.act(Action::AddPhotos { photos: photos(4), batch: 1 });
        let mut snapshots = vec![e.board.clone()];
        let script = [
            Action::MoveFrame { frame: FrameId(4), to: 0 },
            Action::SetCaption { frame: FrameId(2), caption: "海边 🌊".into() },
            Action::DeleteFrame { frame: FrameId(3) },
            Action::SetTitle("Summer".into()),
            Action::NudgeFrame { frame: FrameId(1), by: 1 },
        ];
        for action in script {
            e.act(action);
            e.clock += 5000.0;
            snapshots.push(e.board.clone());
        }
        for expected in snapshots.iter().rev().skip(1) {
            e.act(Action::Undo);
            assert_eq!(&e.board, expected);
        }
        for expected in snapshots.iter().skip(1) {
            e.act(Action::Redo);
            assert_eq!(&e.board, expected);
        }
    }

    #[test]
    fn history_is_bounded() {
        let mut e = Editor::new();
        for i in 0..(History::LIMIT + 50) {
            e.act(Action::SetTitle(format!("t{i}")));
            e.clock += 5000.0;
        }
        let mut undos = 0;
        while e.history.undo_label().is_some() {
            e.act(Action::Undo);
            undos += 1;
        }
        assert_eq!(undos, History::LIMIT);
    }
}
