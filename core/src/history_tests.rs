//! The undo history's tests, driven through the editing session as the editor drives it (a
//! module of its own so that `history` does not depend on `session`, which depends on it).

use crate::actions::tests::{board_with, layout, photos};
use crate::actions::{Action, Gap};
use crate::history::*;
use crate::i18n::T;
use crate::model::{Board, Selection};
use crate::model::{FieldValue, FrameId, ShotType};

/// The editor's own session (what the web reducer runs), with a clock.
struct Editor {
    session: crate::session::Session,
    clock: f64,
}

fn f(id: u64) -> FrameId {
    FrameId(id)
}

impl std::ops::Deref for Editor {
    type Target = crate::session::Session;
    fn deref(&self) -> &Self::Target {
        &self.session
    }
}

impl Editor {
    fn new() -> Self {
        Self::from(Board::default())
    }
    fn from(board: Board) -> Self {
        Self {
            session: crate::session::Session::new(board),
            clock: 0.0,
        }
    }
    /// An action 100 ms after the previous one (typing speed).
    fn act(&mut self, action: Action) {
        self.clock += 100.0;
        self.session.act(&action, self.clock);
    }
    /// An action after a pause, so it is a step of its own.
    fn step(&mut self, action: Action) {
        self.clock += 5000.0;
        self.act(action);
    }
    fn undo(&mut self, n: usize) {
        (0..n).for_each(|_| self.act(Action::Undo));
    }
    fn redo(&mut self, n: usize) {
        (0..n).for_each(|_| self.act(Action::Redo));
    }
    fn captions(&self) -> Vec<&str> {
        self.board.frames().map(|f| f.caption.as_str()).collect()
    }
    fn layout(&self) -> Vec<Vec<u64>> {
        layout(&self.board)
    }
}

/// Scenes [2,3] [5,6,7] [9] as in the action tests, built through the editor (4 steps).
fn three_scene_editor() -> Editor {
    let mut e = Editor::from(board_with(2));
    e.step(Action::AddScene { after: None });
    e.step(Action::AddPhotos {
        photos: photos(3),
        batch: 2,
    });
    e.step(Action::AddScene { after: None });
    e.step(Action::AddPhotos {
        photos: photos(1),
        batch: 3,
    });
    assert_eq!(e.layout(), vec![vec![2, 3], vec![5, 6, 7], vec![9]]);
    e
}

#[test]
fn s01_undo_past_the_start_is_a_no_op() {
    let mut e = Editor::new();
    e.undo(1);
    assert_eq!(*e.board, Board::default());
    e.step(Action::SetTitle("A".into()));
    e.undo(3);
    assert_eq!(e.board.title, "");
    e.redo(3);
    assert_eq!(e.board.title, "A");
}

#[test]
fn s02_undone_delete_restores_the_frame_in_place() {
    let mut e = Editor::from(board_with(3));
    let before = e.board.clone();
    e.step(Action::DeleteFrames { frames: vec![f(3)] });
    e.undo(1);
    assert_eq!(e.board, before);
    e.redo(1);
    assert_eq!(e.layout(), vec![vec![2, 4]]);
}

#[test]
fn s03_typing_merges_until_a_pause_or_another_field() {
    let mut e = Editor::new();
    e.act(Action::AddPhotos {
        photos: photos(2),
        batch: 1,
    });
    for text in ["H", "He", "Hel", "Hello"] {
        e.act(Action::SetCaption {
            frame: f(2),
            caption: text.into(),
        });
    }
    e.step(Action::SetCaption {
        frame: f(2),
        caption: "Hello!".into(),
    });
    e.act(Action::SetCaption {
        frame: f(3),
        caption: "x".into(),
    });
    e.undo(1);
    assert_eq!(e.captions(), ["Hello!", ""]);
    e.undo(1);
    assert_eq!(e.captions(), ["Hello", ""]);
    e.undo(1);
    assert_eq!(e.captions(), ["", ""]);
    e.undo(1);
    assert_eq!(e.board.frame_count(), 0, "the import is one step");
}

#[test]
fn s04_an_import_arriving_in_pieces_is_one_step() {
    let mut e = Editor::new();
    for photo in photos(3) {
        e.act(Action::AddPhotos {
            photos: vec![photo],
            batch: 7,
        });
    }
    assert_eq!(e.board.frame_count(), 3);
    e.undo(1);
    assert_eq!(e.board.frame_count(), 0);
}

#[test]
fn s04b_a_slow_import_is_still_one_step() {
    let mut e = Editor::new();
    for photo in photos(3) {
        e.step(Action::AddPhotos {
            photos: vec![photo],
            batch: 9,
        }); // 5 s apart
    }
    e.undo(1);
    assert_eq!(e.board.frame_count(), 0);
}

#[test]
fn s05_redo_is_cleared_by_a_new_edit_but_not_by_selection() {
    let mut e = Editor::from(board_with(3));
    let scene = e.board.scenes[0].id;
    e.step(Action::MoveFrames {
        frames: vec![f(2)],
        to: Gap { scene, index: 3 },
    });
    e.undo(1);
    e.act(Action::Select(Some(f(4))));
    e.act(Action::SelectAll);
    assert_eq!(e.history.redo_label(), Some(T::StepMoveFrames));
    e.redo(1);
    assert_eq!(e.layout(), vec![vec![3, 4, 2]]);
    e.undo(1);
    e.step(Action::SetTitle("new".into()));
    assert_eq!(e.history.redo_label(), None);
    e.redo(1);
    assert_eq!(e.layout(), vec![vec![2, 3, 4]]);
}

#[test]
fn s06_a_no_op_does_not_clear_redo() {
    let mut e = Editor::from(board_with(2));
    e.step(Action::NudgeFrames {
        frames: vec![f(3)],
        by: -1,
    });
    e.undo(1);
    e.step(Action::NudgeFrames {
        frames: vec![f(2)],
        by: -1,
    }); // first frame left: nothing
    assert!(e.history.redo_label().is_some());
}

#[test]
fn s07_interleaved_edits_undo_and_redo_in_order() {
    let mut e = Editor::from(board_with(4));
    let mut snapshots = vec![e.board.clone()];
    let scene = e.board.scenes[0].id;
    for action in [
        Action::MoveFrames {
            frames: vec![f(5)],
            to: Gap { scene, index: 0 },
        },
        Action::SetCaption {
            frame: f(3),
            caption: "海边 🌊".into(),
        },
        Action::DeleteFrames { frames: vec![f(4)] },
        Action::SetTitle("Summer".into()),
        Action::NudgeFrames {
            frames: vec![f(2)],
            by: 1,
        },
        Action::SetField {
            frame: f(3),
            value: FieldValue::Duration(Some(4.0)),
        },
    ] {
        e.step(action);
        snapshots.push(e.board.clone());
    }
    for expected in snapshots.iter().rev().skip(1) {
        e.undo(1);
        assert_eq!(&e.board, expected);
    }
    for expected in snapshots.iter().skip(1) {
        e.redo(1);
        assert_eq!(&e.board, expected);
    }
}

#[test]
fn s08_history_is_bounded() {
    let mut e = Editor::new();
    for i in 0..(History::LIMIT + 50) {
        e.step(Action::SetTitle(format!("t{i}")));
    }
    let mut undos = 0;
    while e.history.undo_label().is_some() {
        e.undo(1);
        undos += 1;
    }
    assert_eq!(undos, History::LIMIT);
    assert_eq!(e.board.title, "t49");
}

#[test]
fn s09_scene_deletion_with_frames_undoes_exactly() {
    let mut e = three_scene_editor();
    let before = e.board.clone();
    let s2 = e.board.scenes[1].id;
    e.step(Action::DeleteScene { scene: s2 });
    assert_eq!(e.layout(), vec![vec![2, 3], vec![9]]);
    e.undo(1);
    assert_eq!(e.board, before, "scene, frames and photos back");
    e.redo(1);
    assert_eq!(e.layout(), vec![vec![2, 3], vec![9]]);
}

#[test]
fn s10_bulk_moves_undo_as_one_step() {
    let mut e = three_scene_editor();
    let before = e.layout();
    e.act(Action::Select(Some(f(2))));
    e.act(Action::ToggleSelected(f(6)));
    e.act(Action::ToggleSelected(f(9)));
    let targets = e.selection.targets(&e.board);
    assert_eq!(targets, vec![f(2), f(6), f(9)]);
    let s2 = e.board.scenes[1].id;
    e.step(Action::MoveFrames {
        frames: targets,
        to: Gap {
            scene: s2,
            index: 0,
        },
    });
    assert_eq!(e.layout(), vec![vec![3], vec![2, 6, 9, 5, 7], vec![]]);
    e.undo(1);
    assert_eq!(e.layout(), before);
    assert_eq!(
        e.selection.selected.len(),
        3,
        "the selection before the move comes back"
    );
}

#[test]
fn s11_bulk_delete_and_duplicate_undo() {
    let mut e = three_scene_editor();
    let before = e.board.clone();
    e.step(Action::DuplicateFrames {
        frames: vec![f(3), f(7)],
    });
    assert_eq!(e.board.frame_count(), 8);
    e.step(Action::DeleteFrames {
        frames: vec![f(2), f(5), f(9)],
    });
    assert_eq!(e.board.frame_count(), 5);
    e.undo(2);
    assert_eq!(e.board, before);
}

#[test]
fn s12_undo_a_nudge_across_scenes() {
    let mut e = three_scene_editor();
    e.step(Action::NudgeFrames {
        frames: vec![f(3)],
        by: 1,
    });
    e.step(Action::NudgeFrames {
        frames: vec![f(3)],
        by: 1,
    });
    assert_eq!(e.layout(), vec![vec![2], vec![5, 3, 6, 7], vec![9]]);
    e.undo(2);
    assert_eq!(e.layout(), vec![vec![2, 3], vec![5, 6, 7], vec![9]]);
}

#[test]
fn s13_scene_rename_merges_while_typing() {
    let mut e = three_scene_editor();
    let s = e.board.scenes[0].id;
    for t in ["A", "Ac", "Act", "Act 1"] {
        e.act(Action::RenameScene {
            scene: s,
            title: t.into(),
        });
    }
    e.undo(1);
    assert_eq!(e.board.scenes[0].title, "");
}

#[test]
fn s14_folding_a_scene_is_not_a_step_and_keeps_redo() {
    let mut e = three_scene_editor();
    e.step(Action::SetTitle("x".into()));
    e.undo(1);
    e.act(Action::SetSceneCollapsed {
        scene: e.board.scenes[0].id,
        collapsed: true,
    });
    assert!(e.board.scenes[0].collapsed);
    assert_eq!(
        e.history.undo_label(),
        Some(T::StepAddPhotos),
        "folding recorded nothing"
    );
}

#[test]
fn s15_split_then_move_scene_then_undo_both() {
    let mut e = three_scene_editor();
    let before = e.layout();
    e.step(Action::SplitScene { at: f(6) });
    let new_scene = e.board.scenes[2].id;
    e.step(Action::MoveScene {
        scene: new_scene,
        by: -2,
    });
    assert_eq!(e.layout(), vec![vec![6, 7], vec![2, 3], vec![5], vec![9]]);
    e.undo(2);
    assert_eq!(e.layout(), before);
}

#[test]
fn s16_fields_each_their_own_step() {
    let mut e = Editor::from(board_with(1));
    e.act(Action::SetField {
        frame: f(2),
        value: FieldValue::ShotType(Some(ShotType::Wide)),
    });
    e.act(Action::SetField {
        frame: f(2),
        value: FieldValue::Notes("n".into()),
    });
    e.act(Action::SetField {
        frame: f(2),
        value: FieldValue::Notes("no".into()),
    });
    e.undo(1);
    assert_eq!(e.board.frame(f(2)).unwrap().notes, "");
    assert_eq!(e.board.frame(f(2)).unwrap().shot_type, Some(ShotType::Wide));
    e.undo(1);
    assert_eq!(e.board.frame(f(2)).unwrap().shot_type, None);
}

#[test]
fn s17_crop_drags_on_one_frame_merge_but_not_across_frames() {
    use crate::model::Crop;
    let mut e = Editor::from(board_with(2));
    let c = |x: f64| Crop {
        x,
        y: 0.1,
        w: 0.5,
        h: 0.5,
    };
    e.act(Action::SetCrop {
        frame: f(2),
        crop: c(0.1),
    });
    e.act(Action::SetCrop {
        frame: f(2),
        crop: c(0.2),
    });
    e.act(Action::SetCrop {
        frame: f(3),
        crop: c(0.3),
    });
    e.undo(1);
    assert!(e.board.frame(f(3)).unwrap().crops.is_empty());
    e.undo(1);
    assert!(e.board.frame(f(2)).unwrap().crops.is_empty());
}

#[test]
fn s18_aspect_switches_undo_without_losing_crops() {
    use crate::model::{Aspect, Crop};
    let mut e = Editor::from(board_with(1));
    e.step(Action::SetCrop {
        frame: f(2),
        crop: Crop {
            x: 0.0,
            y: 0.0,
            w: 0.5,
            h: 0.5,
        },
    });
    let cropped = e.board.clone();
    e.step(Action::SetAspect(Aspect::Vertical));
    e.step(Action::SetAspect(Aspect::Square));
    e.undo(2);
    assert_eq!(e.board, cropped);
}

#[test]
fn s19_sort_undo_redo() {
    let mut e = Editor::from(board_with(2));
    let mut b = (*e.session.board).clone();
    b.photos.values_mut().next().unwrap().taken_at =
        crate::model::CaptureTime::from_exif("2024:01:02 00:00:00", None);
    let mut ps = photos(2);
    ps[0].taken_at = crate::model::CaptureTime::from_exif("2024:01:03 00:00:00", None);
    ps[1].taken_at = crate::model::CaptureTime::from_exif("2024:01:01 00:00:00", None);
    let mut e2 = Editor::new();
    e2.step(Action::AddPhotos {
        photos: ps,
        batch: 1,
    });
    e2.step(Action::SortByCaptureTime);
    assert_eq!(e2.layout(), vec![vec![3, 2]]);
    e2.undo(1);
    assert_eq!(e2.layout(), vec![vec![2, 3]]);
    e2.redo(1);
    assert_eq!(e2.layout(), vec![vec![3, 2]]);
    e.undo(1); // nothing recorded on e: still fine
}

#[test]
fn s20_redo_after_undo_after_many_kinds_restores_every_intermediate_board() {
    let mut e = three_scene_editor();
    let s1 = e.board.scenes[0].id;
    let mut boards = vec![e.board.clone()];
    for a in [
        Action::RenameScene {
            scene: s1,
            title: "Act I".into(),
        },
        Action::SetAuthor("Ming".into()),
        Action::MoveFramesToAdjacentScene {
            frames: vec![f(5)],
            by: -1,
        },
        Action::DuplicateFrames { frames: vec![f(9)] },
        Action::AddScene { after: Some(s1) },
        Action::SetFieldVisible {
            field: crate::model::FieldKind::Notes,
            visible: true,
        },
    ] {
        e.step(a);
        boards.push(e.board.clone());
    }
    e.undo(6);
    assert_eq!(e.board, boards[0]);
    for expected in &boards[1..] {
        e.redo(1);
        assert_eq!(&e.board, expected);
    }
}

#[test]
fn s21_seal_ends_a_merge_run() {
    let mut e = Editor::from(board_with(1));
    e.act(Action::SetCaption {
        frame: f(2),
        caption: "a".into(),
    });
    e.session.history.seal();
    e.act(Action::SetCaption {
        frame: f(2),
        caption: "ab".into(),
    });
    e.undo(1);
    assert_eq!(e.captions(), ["a"]);
}

#[test]
fn s22_undo_restores_the_selection_of_the_time() {
    let mut e = Editor::from(board_with(3));
    e.act(Action::Select(Some(f(3))));
    e.step(Action::DeleteFrames { frames: vec![f(3)] });
    assert_eq!(e.selection.focused, Some(f(4)));
    e.undo(1);
    assert_eq!(e.selection, Selection::only(f(3)));
}
