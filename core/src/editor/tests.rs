//! The editor's transitions, driven as the page drives them: messages in, state out.

use super::*;
use crate::actions::tests::photo;
use crate::error::{ImagingError, ImportFailure};
use crate::history::History;
use crate::model::MAX_FRAMES;

fn imported(i: usize) -> ImportedPhoto {
    ImportedPhoto {
        meta: photo(i),
        thumbnail_url: format!("blob:thumb-{i}"),
        original_url: format!("blob:original-{i}"),
    }
}

/// An editor in `access` showing a board of `n` frames (ids 2..=n+1).
pub(crate) fn editor(n: usize, access: Access) -> Rc<EditorState> {
    let state = Rc::new(EditorState::new(Lang::En)).reduce(EditorMsg::OpenBoard {
        id: BoardId("b1".into()),
        created_at: 1.0,
        board: Rc::new(Board::default()),
        thumbnails: Rc::default(),
        originals: Rc::default(),
        notices: Vec::new(),
        access: Access::Editing,
    });
    let state = if n > 0 {
        act(
            state,
            Action::AddPhotos {
                photos: (0..n).map(photo).collect(),
                batch: 1,
            },
            10.0,
        )
    } else {
        state
    };
    state.reduce(EditorMsg::Access(access))
}

fn act(state: Rc<EditorState>, action: Action, at: f64) -> Rc<EditorState> {
    state.reduce(EditorMsg::Do { action, at })
}

fn shown(state: &EditorState) -> String {
    state
        .announcement
        .as_ref()
        .map(|m| m.show(state.lang))
        .unwrap_or_default()
}

fn frames(state: &EditorState) -> Vec<u64> {
    state.session.board.frames().map(|f| f.id.0).collect()
}

#[test]
fn a_new_editor_speaks_the_language_it_is_given_and_waits_for_its_board() {
    let state = EditorState::new(Lang::Zh);
    assert_eq!(state.lang, Lang::Zh);
    assert_eq!(state.access, Access::Opening);
    assert!(state.board_id.is_none() && state.announcement.is_none());
}

#[test]
fn a_message_that_changes_nothing_gives_back_the_same_state() {
    let state = editor(0, Access::Editing);
    // Nothing to undo (a freshly opened board): same allocation, so the page does not render.
    let same = act(state.clone(), Action::Undo, 20.0);
    assert!(Rc::ptr_eq(&state, &same));
    let same = state.clone().reduce(EditorMsg::SealHistory);
    assert!(Rc::ptr_eq(&state, &same));
}

#[test]
fn a_read_only_tab_may_move_the_selection_but_change_nothing() {
    let state = editor(3, Access::ReadOnly);
    let before = state.session.board.clone();
    let after = act(
        state.clone(),
        Action::DeleteFrames {
            frames: vec![FrameId(3)],
        },
        20.0,
    );
    assert!(Rc::ptr_eq(&before, &after.session.board));
    let after = act(after, Action::AddScene { after: None }, 21.0);
    assert!(Rc::ptr_eq(&before, &after.session.board));
    let after = act(after, Action::Select(Some(FrameId(3))), 22.0);
    assert!(after.session.selection.focused == Some(FrameId(3)));
    assert!(Rc::ptr_eq(&before, &after.session.board));
}

#[test]
fn a_finished_import_adds_frames_only_in_a_tab_that_edits() {
    for (access, expected) in [
        (Access::Editing, 1),
        (Access::ReadOnly, 0),
        (Access::Viewing, 0),
    ] {
        let state = editor(0, access.clone()).reduce(EditorMsg::ImportStarted {
            batch: 7,
            names: vec!["IMG_0000.jpg".into()],
        });
        let state = state.reduce(EditorMsg::ImportFinished {
            batch: 7,
            index: 0,
            result: Ok(imported(0)),
            at: 50.0,
        });
        assert_eq!(state.session.board.frame_count(), expected, "{access:?}");
        // The photo's URLs are known either way (another tab's board may show it).
        assert!(state.thumbnails.contains_key(&photo(0).id));
    }
}

#[test]
fn imports_commit_in_pick_order_and_keep_failures_on_screen() {
    let state = editor(0, Access::Editing).reduce(EditorMsg::ImportStarted {
        batch: 3,
        names: vec!["a.jpg".into(), "b.txt".into(), "c.jpg".into()],
    });
    assert!(
        shown(&state).starts_with("Adding 3 photo"),
        "{}",
        shown(&state)
    );
    // The third photo finishes first: nothing is added until the first one is in.
    let state = state.reduce(EditorMsg::ImportFinished {
        batch: 3,
        index: 2,
        result: Ok(imported(2)),
        at: 30.0,
    });
    assert_eq!(state.session.board.frame_count(), 0);
    let state = state.reduce(EditorMsg::Many(vec![
        EditorMsg::ImportFinished {
            batch: 3,
            index: 0,
            result: Ok(imported(0)),
            at: 31.0,
        },
        EditorMsg::ImportFinished {
            batch: 3,
            index: 1,
            result: Err(ImportError {
                file: "b.txt".into(),
                reason: ImportFailure::Imaging(ImagingError::NotAnImage),
            }),
            at: 32.0,
        },
    ]));
    let photos: Vec<_> = state
        .session
        .board
        .frames()
        .map(|f| f.photo.clone().unwrap())
        .collect();
    assert_eq!(photos, vec![photo(0).id, photo(2).id]);
    // The batch stays listed for its error until dismissed.
    assert_eq!(state.imports.len(), 1);
    let state = state.reduce(EditorMsg::DismissImport { batch: 3 });
    assert!(state.imports.is_empty());
}

#[test]
fn typing_merges_into_one_undo_step_by_the_times_it_is_given() {
    let caption = |text: &str| Action::SetCaption {
        frame: FrameId(2),
        caption: text.into(),
    };
    let state = editor(1, Access::Editing);
    let state = act(state, caption("H"), 1_000.0);
    let state = act(state, caption("Hi"), 1_300.0);
    // A pause longer than the merge window starts a new step.
    let state = act(
        state,
        caption("Hi!"),
        1_300.0 + History::MERGE_WINDOW_MS + 1.0,
    );
    let state = act(state, Action::Undo, 5_000.0);
    assert_eq!(state.session.board.frame(FrameId(2)).unwrap().caption, "Hi");
    assert_eq!(shown(&state), "Undid: Edit caption");
    let state = act(state, Action::Undo, 5_001.0);
    assert_eq!(state.session.board.frame(FrameId(2)).unwrap().caption, "");
}

#[test]
fn announcements_are_reworded_when_the_language_changes() {
    let state = editor(5, Access::Editing);
    let state = act(
        state,
        Action::NudgeFrames {
            frames: vec![FrameId(3)],
            by: 2,
        },
        20.0,
    );
    assert_eq!(frames(&state), vec![2, 4, 5, 3, 6]);
    let english = shown(&state);
    assert_eq!(english, "Frame 2 moved to position 4");
    let state = state.reduce(EditorMsg::Language(Lang::Zh));
    let chinese = shown(&state);
    assert_ne!(chinese, english);
    assert!(chinese.contains('2') && chinese.contains('4'), "{chinese}");
}

#[test]
fn describe_says_what_changed_and_nothing_for_typing() {
    let before = editor(3, Access::Editing).session.board.clone();
    let after = editor(3, Access::Editing);
    let after = act(
        after,
        Action::DeleteFrames {
            frames: vec![FrameId(2), FrameId(3)],
        },
        1.0,
    );
    let said = describe(
        &Action::DeleteFrames {
            frames: vec![FrameId(2), FrameId(3)],
        },
        &before,
        &after.session.board,
    );
    assert!(said.unwrap().show(Lang::En).starts_with("2 frames deleted"));
    let typing = Action::SetCaption {
        frame: FrameId(2),
        caption: "x".into(),
    };
    assert_eq!(describe(&typing, &before, &before), None);
}

#[test]
fn adding_past_the_frame_cap_is_said_not_skipped() {
    let state = editor(MAX_FRAMES - 1, Access::Editing);
    let state = act(
        state,
        Action::AddPhotos {
            photos: (MAX_FRAMES..MAX_FRAMES + 3).map(photo).collect(),
            batch: 2,
        },
        20.0,
    );
    assert_eq!(state.session.board.frame_count(), MAX_FRAMES);
    assert_eq!(state.notices.len(), 1);
    assert_eq!(state.announcement.as_ref(), state.notices.first());
    // A read-only tab is not told about a limit it cannot reach.
    let read_only = editor(MAX_FRAMES, Access::ReadOnly);
    let after = act(
        read_only.clone(),
        Action::AddPhotos {
            photos: vec![photo(MAX_FRAMES + 5)],
            batch: 3,
        },
        20.0,
    );
    assert!(Rc::ptr_eq(&read_only, &after));
}

#[test]
fn the_crop_tool_opens_on_photo_frames_and_closes_when_its_frame_goes() {
    let state = editor(2, Access::Editing);
    let state = state.reduce(EditorMsg::CropTool(Some(FrameId(99))));
    assert_eq!(state.crop_tool, None);
    let state = state.reduce(EditorMsg::CropTool(Some(FrameId(3))));
    assert_eq!(state.crop_tool, Some(FrameId(3)));
    assert!(state.session.selection.focused == Some(FrameId(3)));
    let state = act(
        state,
        Action::DeleteFrames {
            frames: vec![FrameId(3)],
        },
        20.0,
    );
    assert_eq!(state.crop_tool, None);
}

#[test]
fn opening_boards_and_access_between_tabs() {
    let state = editor(2, Access::Editing).reduce(EditorMsg::Export(Some(ExportDialog::default())));
    // A late "saved" from another tab does not turn the editing tab read-only.
    let late = state.clone().reduce(EditorMsg::OpenBoard {
        id: BoardId("b1".into()),
        created_at: 1.0,
        board: Rc::new(Board::default()),
        thumbnails: Rc::default(),
        originals: Rc::default(),
        notices: Vec::new(),
        access: Access::ReadOnly,
    });
    assert_eq!(late.access, Access::Editing);
    assert_eq!(late.session.board.frame_count(), 2);
    // Another board: a fresh session; the export dialog belonged to the old one.
    let other = state.reduce(EditorMsg::OpenBoard {
        id: BoardId("b2".into()),
        created_at: 2.0,
        board: Rc::new(Board::default()),
        thumbnails: Rc::default(),
        originals: Rc::default(),
        notices: vec![Message::new(T::UnsavedChangesBack)],
        access: Access::Editing,
    });
    assert_eq!(other.board_id, Some(BoardId("b2".into())));
    assert!(other.export.is_none() && other.session.history.undo_label().is_none());
    assert_eq!(other.notices.len(), 1);
    // "Taking long" is only shown while the board is still opening.
    let opened = other.reduce(EditorMsg::SlowOpen);
    assert!(!opened.slow_open);
    let opening = Rc::new(EditorState::new(Lang::En)).reduce(EditorMsg::SlowOpen);
    assert!(opening.slow_open);
    let refused = opening.reduce(EditorMsg::Access(Access::Refused(StorageError::QuotaFull)));
    assert!(!refused.slow_open && !refused.access.can_edit());
}

#[test]
fn library_and_export_messages_are_held_as_messages() {
    let state = editor(1, Access::Editing);
    // With the library closed, its message is read out.
    let state = state.reduce(EditorMsg::LibraryMessage(Message::new(T::FramesSorted)));
    assert_eq!(shown(&state), Lang::En.t(T::FramesSorted));
    let state = state
        .reduce(EditorMsg::Library(Some(Library::default())))
        .reduce(EditorMsg::LibraryBusy(Some(Message::new(T::FramesSorted))));
    let busy = state.library.as_ref().unwrap().busy.clone().unwrap();
    assert_eq!(busy.show(Lang::Zh), Lang::Zh.t(T::FramesSorted));
    let state = state
        .reduce(EditorMsg::Export(Some(ExportDialog::default())))
        .reduce(EditorMsg::ExportMessage(Message::new(T::FramesSorted)));
    assert_eq!(
        state.export.as_ref().unwrap().message,
        Some(Message::new(T::FramesSorted))
    );
    // Closing the export dialog also removes sheets laid out for printing.
    let state = state
        .reduce(EditorMsg::Print(Some(SheetOptions::default())))
        .reduce(EditorMsg::Export(None));
    assert!(state.printing.is_none());
}
