use super::*;
use crate::model::{PhotoId, PhotoMeta};
use proptest::prelude::*;

pub(crate) fn photos(n: usize) -> Vec<PhotoMeta> {
    (0..n)
        .map(|i| PhotoMeta {
            id: PhotoId::of_bytes(format!("photo {i}").as_bytes()),
            name: format!("IMG_{i:04}.jpg"),
            width: 4032,
            height: 3024,
            bytes: 3_000_000,
            mime: "image/jpeg".into(),
            taken_at: None,
        })
        .collect()
}

fn board_with(n: usize) -> Board {
    let out = apply(&Board::default(), &Selection::default(), &Action::AddPhotos { photos: photos(n), batch: 1 }).unwrap();
    out.board.unwrap()
}

fn ids(board: &Board) -> Vec<u64> {
    board.frames.iter().map(|f| f.id.0).collect()
}

fn run(board: &Board, action: Action) -> Option<Board> {
    apply(board, &Selection::default(), &action).and_then(|o| o.board)
}

#[test]
fn adding_photos_appends_frames_in_order_with_fresh_ids() {
    let b = board_with(3);
    assert_eq!(ids(&b), [1, 2, 3]);
    assert_eq!(b.photos.len(), 3);
    let b2 = run(&b, Action::AddPhotos { photos: photos(1), batch: 2 }).unwrap();
    assert_eq!(ids(&b2), [1, 2, 3, 4]);
    assert_eq!(b2.photos.len(), 3, "the same photo is stored once");
    assert_eq!(b2.frames[3].photo, b2.frames[0].photo);
    assert!(run(&b, Action::AddPhotos { photos: vec![], batch: 3 }).is_none());
}

#[test]
fn moving_the_first_frame_left_or_the_last_right_does_nothing() {
    let b = board_with(3);
    assert!(run(&b, Action::NudgeFrame { frame: FrameId(1), by: -1 }).is_none());
    assert!(run(&b, Action::NudgeFrame { frame: FrameId(3), by: 1 }).is_none());
    assert!(run(&b, Action::MoveFrame { frame: FrameId(2), to: 1 }).is_none());
}

#[test]
fn nudging_and_moving_reorder_frames() {
    let b = board_with(4);
    assert_eq!(ids(&run(&b, Action::NudgeFrame { frame: FrameId(1), by: 1 }).unwrap()), [2, 1, 3, 4]);
    assert_eq!(ids(&run(&b, Action::NudgeFrame { frame: FrameId(4), by: -1 }).unwrap()), [1, 2, 4, 3]);
    assert_eq!(ids(&run(&b, Action::MoveFrame { frame: FrameId(1), to: 3 }).unwrap()), [2, 3, 4, 1]);
    assert_eq!(ids(&run(&b, Action::MoveFrame { frame: FrameId(4), to: 0 }).unwrap()), [4, 1, 2, 3]);
    // Past the end clamps to the last place.
    assert_eq!(ids(&run(&b, Action::MoveFrame { frame: FrameId(2), to: 99 }).unwrap()), [1, 3, 4, 2]);
}

#[test]
fn moving_focuses_the_moved_frame() {
    let b = board_with(3);
    let out = apply(&b, &Selection::default(), &Action::NudgeFrame { frame: FrameId(2), by: 1 }).unwrap();
    assert_eq!(out.selection.focused, Some(FrameId(2)));
}

#[test]
fn deleting_the_only_frame_leaves_an_empty_board() {
    let b = board_with(1);
    let out = apply(&b, &Selection { focused: Some(FrameId(1)) }, &Action::DeleteFrame { frame: FrameId(1) }).unwrap();
    let after = out.board.unwrap();
    assert!(after.frames.is_empty());
    assert!(after.photos.is_empty(), "an unused photo leaves the board");
    assert_eq!(out.selection.focused, None);
    assert!(run(&after, Action::DeleteFrame { frame: FrameId(1) }).is_none(), "deleting twice is a no-op");
}

#[test]
fn deleting_focuses_the_next_frame_else_the_previous() {
    let b = board_with(3);
    let out = apply(&b, &Selection::default(), &Action::DeleteFrame { frame: FrameId(2) }).unwrap();
    assert_eq!(out.selection.focused, Some(FrameId(3)));
    let out = apply(&b, &Selection::default(), &Action::DeleteFrame { frame: FrameId(3) }).unwrap();
    assert_eq!(out.selection.focused, Some(FrameId(2)));
}

#[test]
fn deleting_keeps_a_photo_that_another_frame_still_uses() {
    let b = run(&board_with(1), Action::AddPhotos { photos: photos(1), batch: 2 }).unwrap();
    let after = run(&b, Action::DeleteFrame { frame: FrameId(1) }).unwrap();
    assert_eq!(after.photos.len(), 1);
}

#[test]
fn ids_are_not_reused_after_delete() {
    let b = run(&board_with(2), Action::DeleteFrame { frame: FrameId(2) }).unwrap();
    let b = run(&b, Action::AddPhotos { photos: photos(1), batch: 2 }).unwrap();
    assert_eq!(ids(&b), [1, 3]);
}

#[test]
fn captions_keep_emoji_cjk_and_combining_marks_exactly() {
    let b = board_with(2);
    for caption in ["外婆的厨房 👵🏽🍜", "👨‍👩‍👧‍👦 family", "e\u{301}te\u{301}", "第一幕：开场", ""] {
        let after = run(&b, Action::SetCaption { frame: FrameId(2), caption: caption.into() });
        if caption.is_empty() {
            assert!(after.is_none(), "setting the same (empty) caption is a no-op");
            continue;
        }
        let after = after.unwrap();
        assert_eq!(after.frames[1].caption, caption);
        assert_eq!(after.frames[0].caption, "", "other frames untouched");
    }
}

#[test]
fn caption_of_a_missing_frame_is_a_no_op() {
    assert!(run(&board_with(1), Action::SetCaption { frame: FrameId(9), caption: "x".into() }).is_none());
}

#[test]
fn title_changes_and_same_title_is_a_no_op() {
    let b = run(&Board::default(), Action::SetTitle("三部曲 · Part 1".into())).unwrap();
    assert_eq!(b.title, "三部曲 · Part 1");
    assert!(run(&b, Action::SetTitle("三部曲 · Part 1".into())).is_none());
}

#[test]
fn select_changes_only_the_selection() {
    let b = board_with(2);
    let out = apply(&b, &Selection::default(), &Action::Select(Some(FrameId(2)))).unwrap();
    assert!(out.board.is_none());
    assert_eq!(out.selection.focused, Some(FrameId(2)));
    assert!(apply(&b, &out.selection, &Action::Select(Some(FrameId(2)))).is_none());
    assert!(apply(&b, &Selection::default(), &Action::Select(Some(FrameId(42)))).is_none(), "unknown frames are not selected");
}

#[test]
fn undo_and_redo_are_not_applied_to_the_board() {
    let b = board_with(1);
    assert!(apply(&b, &Selection::default(), &Action::Undo).is_none());
    assert!(apply(&b, &Selection::default(), &Action::Redo).is_none());
}

#[test]
fn labels_and_merge_keys() {
    assert_eq!(Action::NudgeFrame { frame: FrameId(1), by: 1 }.label(), "Move frame");
    assert_eq!(Action::SetCaption { frame: FrameId(3), caption: String::new() }.merge_key(), Some(MergeKey::Caption(FrameId(3))));
    assert_eq!(Action::DeleteFrame { frame: FrameId(1) }.merge_key(), None);
}

mod crops {
    use super::*;
    use crate::model::crop::{self, Aspect, Crop};
    use crate::model::CaptureTime;

    #[test]
    fn new_frames_show_a_centred_crop_of_the_board_ratio() {
        let b = board_with(1);
        assert_eq!(b.aspect, Aspect::Wide);
        let c = b.crop_of(&b.frames[0]).unwrap();
        assert_eq!(c, crop::default_crop(Aspect::Wide, (4032, 3024)));
        assert!(b.frames[0].crops.is_empty(), "nothing stored until the user crops");
    }

    #[test]
    fn switching_ratio_and_back_restores_each_frames_own_crop() {
        let b = board_with(2);
        let mine = Crop { x: 0.0, y: 0.0, w: 0.5, h: 0.5 * 4032.0 / 3024.0 * 9.0 / 16.0 };
        let b = run(&b, Action::SetCrop { frame: FrameId(1), crop: mine }).unwrap();
        let wide = b.crop_of(&b.frames[0]).unwrap();
        assert!((wide.x - 0.0).abs() < 1e-9 && (wide.w - 0.5).abs() < 1e-9);
        let vertical = run(&b, Action::SetAspect(Aspect::Vertical)).unwrap();
        let derived = vertical.crop_of(&vertical.frames[0]).unwrap();
        assert!((derived.pixel_ratio((4032, 3024)) - 9.0 / 16.0).abs() < 1e-6);
        assert!((derived.centre().0 - wide.centre().0).abs() < 1e-9, "horizontal centre kept");
        assert!(derived.y.abs() < 1e-9, "vertically it stops at the top edge");
        let tall = Crop { x: 0.6, y: 0.0, w: 0.3, h: 0.3 * 3024.0 / 4032.0 * 16.0 / 9.0 };
        let vertical = run(&vertical, Action::SetCrop { frame: FrameId(1), crop: tall }).unwrap();
        let back = run(&vertical, Action::SetAspect(Aspect::Wide)).unwrap();
        assert_eq!(back.crop_of(&back.frames[0]).unwrap(), wide, "the 16:9 crop is restored, not destroyed");
        let again = run(&back, Action::SetAspect(Aspect::Vertical)).unwrap();
        assert_eq!(again.crop_of(&again.frames[0]), vertical.crop_of(&vertical.frames[0]));
        assert_eq!(back.crop_of(&back.frames[1]), Some(crop::default_crop(Aspect::Wide, (4032, 3024))), "the other frame untouched");
        assert!(run(&back, Action::SetAspect(Aspect::Wide)).is_none());
    }

    #[test]
    fn set_crop_is_clamped_and_presets_work() {
        let b = board_with(1);
        let b = run(&b, Action::SetCrop { frame: FrameId(1), crop: Crop { x: 0.9, y: 0.9, w: 0.3, h: 0.9 } }).unwrap();
        let c = b.crop_of(&b.frames[0]).unwrap();
        assert!((c.pixel_ratio((4032, 3024)) - 16.0 / 9.0).abs() < 1e-6);
        assert!(c.x + c.w <= 1.0 + 1e-9 && c.y + c.h <= 1.0 + 1e-9);
        let fit = run(&b, Action::CropPreset { frame: FrameId(1), preset: CropPreset::Fit }).unwrap();
        assert_eq!(fit.crop_of(&fit.frames[0]).unwrap(), crop::fit(16.0 / 9.0, (4032, 3024)));
        let fill = run(&fit, Action::CropPreset { frame: FrameId(1), preset: CropPreset::Fill }).unwrap();
        assert_eq!(fill.crop_of(&fill.frames[0]).unwrap(), crop::default_crop(Aspect::Wide, (4032, 3024)));
        let reset = run(&b, Action::CropPreset { frame: FrameId(1), preset: CropPreset::Reset }).unwrap();
        assert_eq!(reset.crop_of(&reset.frames[0]).unwrap(), crop::default_crop(Aspect::Wide, (4032, 3024)));
        assert!(run(&reset, Action::CropPreset { frame: FrameId(1), preset: CropPreset::Reset }).is_none(), "already reset");
        assert!(run(&b, Action::SetCrop { frame: FrameId(7), crop: Crop::FULL }).is_none());
    }

    #[test]
    fn sort_by_capture_time_is_stable_and_puts_unknown_last() {
        let mut ps = photos(4);
        ps[0].taken_at = CaptureTime::from_exif("2024:05:03 09:00:00", None);
        ps[1].taken_at = None;
        ps[2].taken_at = CaptureTime::from_exif("2024:05:01 09:00:00", None);
        ps[3].taken_at = CaptureTime::from_exif("2024:05:02 09:00:00", Some("+02:00"));
        let b = run(&Board::default(), Action::AddPhotos { photos: ps, batch: 1 }).unwrap();
        let sorted = run(&b, Action::SortByCaptureTime).unwrap();
        assert_eq!(ids(&sorted), [3, 4, 1, 2]);
        // Without an offset, a time is read in the board's usual zone: 12:00 (+08:00 assumed)
        // comes before 19:30 +08:00, not after it as 12:00 UTC would.
        let mut ps = photos(3);
        ps[0].taken_at = CaptureTime::from_exif("2024:05:01 19:30:00", Some("+08:00"));
        ps[1].taken_at = CaptureTime::from_exif("2024:05:01 08:05:00", Some("+08:00"));
        ps[2].taken_at = CaptureTime::from_exif("2024:05:01 12:00:00", None);
        let b = run(&Board::default(), Action::AddPhotos { photos: ps, batch: 1 }).unwrap();
        assert_eq!(ids(&run(&b, Action::SortByCaptureTime).unwrap()), [2, 3, 1]);
        assert!(run(&sorted, Action::SortByCaptureTime).is_none(), "already sorted");
    }
}

mod keys {
    use super::*;

    fn key(k: &str) -> KeyChord {
        KeyChord::plain(k)
    }

    #[test]
    fn alt_arrows_move_the_focused_frame() {
        let b = board_with(3);
        let sel = Selection { focused: Some(FrameId(2)) };
        let alt_left = KeyChord { alt: true, ..key("ArrowLeft") };
        let alt_right = KeyChord { alt: true, ..key("ArrowRight") };
        assert_eq!(action_for_key(&alt_left, &b, &sel, false), Some(Action::NudgeFrame { frame: FrameId(2), by: -1 }));
        assert_eq!(action_for_key(&alt_right, &b, &sel, false), Some(Action::NudgeFrame { frame: FrameId(2), by: 1 }));
        assert_eq!(action_for_key(&alt_left, &b, &Selection::default(), false), None, "nothing focused");
    }

    #[test]
    fn text_fields_own_their_keys() {
        let b = board_with(3);
        let sel = Selection { focused: Some(FrameId(2)) };
        for chord in [key("Delete"), key("Backspace"), KeyChord { ctrl: true, ..key("z") }, KeyChord { alt: true, ..key("ArrowLeft") }] {
            assert_eq!(action_for_key(&chord, &b, &sel, true), None, "{chord:?}");
        }
    }

    #[test]
    fn undo_redo_chords() {
        let b = Board::default();
        let s = Selection::default();
        assert_eq!(action_for_key(&KeyChord { ctrl: true, ..key("z") }, &b, &s, false), Some(Action::Undo));
        assert_eq!(action_for_key(&KeyChord { meta: true, ..key("z") }, &b, &s, false), Some(Action::Undo));
        assert_eq!(action_for_key(&KeyChord { ctrl: true, shift: true, ..key("Z") }, &b, &s, false), Some(Action::Redo));
        assert_eq!(action_for_key(&KeyChord { ctrl: true, ..key("y") }, &b, &s, false), Some(Action::Redo));
        assert_eq!(action_for_key(&KeyChord { ctrl: true, ..key("c") }, &b, &s, false), None);
    }

    #[test]
    fn delete_and_arrow_focus() {
        let b = board_with(3);
        let sel = Selection { focused: Some(FrameId(3)) };
        assert_eq!(action_for_key(&key("Delete"), &b, &sel, false), Some(Action::DeleteFrame { frame: FrameId(3) }));
        assert_eq!(action_for_key(&key("ArrowLeft"), &b, &sel, false), Some(Action::Select(Some(FrameId(2)))));
        assert_eq!(action_for_key(&key("ArrowRight"), &b, &sel, false), Some(Action::Select(Some(FrameId(3)))));
        assert_eq!(action_for_key(&key("Home"), &b, &sel, false), Some(Action::Select(Some(FrameId(1)))));
        assert_eq!(action_for_key(&key("ArrowRight"), &Board::default(), &Selection::default(), false), None);
    }
}

proptest! {
    /// Whatever sequence of moves and deletes, frames keep unique ids, and the board never
    /// loses or invents frames except by delete.
    #[test]
    fn moves_and_deletes_preserve_the_frame_set(ops in prop::collection::vec((0u8..3, 0u64..12, -3isize..12), 0..40)) {
        let mut board = board_with(8);
        let mut expected: Vec<u64> = ids(&board);
        for (op, id, arg) in ops {
            let frame = FrameId(id);
            let action = match op {
                0 => Action::MoveFrame { frame, to: arg.max(0) as usize },
                1 => Action::NudgeFrame { frame, by: arg.clamp(-2, 2) },
                _ => Action::DeleteFrame { frame },
            };
            if let Some(next) = run(&board, action.clone()) {
                if let Action::DeleteFrame { frame } = action {
                    expected.retain(|f| *f != frame.0);
                }
                board = next;
            }
            let mut now = ids(&board);
            now.sort_unstable();
            let mut want = expected.clone();
            want.sort_unstable();
            prop_assert_eq!(now, want);
        }
    }
}
