use super::*;
use crate::model::{CaptureTime, FieldKind, Movement, PhotoId, PhotoMeta, ShotType};
use proptest::prelude::*;

/// The `i`th test photo: a 12 MP JPEG named `IMG_000i.jpg`, its id the hash of `"photo i"`.
pub(crate) fn photo(i: usize) -> PhotoMeta {
    PhotoMeta {
        id: PhotoId::of_bytes(format!("photo {i}").as_bytes()),
        name: format!("IMG_{i:04}.jpg"),
        width: 4032,
        height: 3024,
        bytes: 3_000_000,
        mime: "image/jpeg".into(),
        taken_at: None,
    }
}

/// Test photos 0..n.
pub(crate) fn photos(n: usize) -> Vec<PhotoMeta> {
    (0..n).map(photo).collect()
}

/// A one-scene board with `n` frames; frame ids are 2..=n+1 (scene 1 took id 1).
pub(crate) fn board_with(n: usize) -> Board {
    run(
        &Board::default(),
        Action::AddPhotos {
            photos: photos(n),
            batch: 1,
        },
    )
    .unwrap()
}

/// Frame ids per scene.
pub(crate) fn layout(board: &Board) -> Vec<Vec<u64>> {
    board
        .scenes
        .iter()
        .map(|s| s.frames.iter().map(|f| f.id.0).collect())
        .collect()
}

fn ids(board: &Board) -> Vec<u64> {
    board.frames().map(|f| f.id.0).collect()
}

pub(crate) fn run(board: &Board, action: Action) -> Option<Board> {
    apply(board, &Selection::default(), &action).and_then(|o| o.board)
}

fn f(id: u64) -> FrameId {
    FrameId(id)
}

/// Three scenes: [2,3] [5,6,7] [9]  (scene ids 1, 4, 8).
fn three_scenes() -> Board {
    let b = board_with(2);
    let b = run(&b, Action::AddScene { after: None }).unwrap();
    let b = run(
        &b,
        Action::AddPhotos {
            photos: photos(3),
            batch: 2,
        },
    )
    .unwrap();
    let b = run(&b, Action::AddScene { after: None }).unwrap();
    let b = run(
        &b,
        Action::AddPhotos {
            photos: photos(1),
            batch: 3,
        },
    )
    .unwrap();
    assert_eq!(layout(&b), vec![vec![2, 3], vec![5, 6, 7], vec![9]]);
    b
}

#[test]
fn adding_photos_appends_frames_in_order_with_fresh_ids() {
    let b = board_with(3);
    assert_eq!(ids(&b), [2, 3, 4]);
    assert_eq!(b.photos.len(), 3);
    let b2 = run(
        &b,
        Action::AddPhotos {
            photos: photos(1),
            batch: 2,
        },
    )
    .unwrap();
    assert_eq!(ids(&b2), [2, 3, 4, 5]);
    assert_eq!(b2.photos.len(), 3, "the same photo is stored once");
    assert!(run(
        &b,
        Action::AddPhotos {
            photos: vec![],
            batch: 3
        }
    )
    .is_none());
}

#[test]
fn moving_the_first_frame_left_or_the_last_right_does_nothing() {
    let b = board_with(3);
    assert!(run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(2)],
            by: -1
        }
    )
    .is_none());
    assert!(run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(4)],
            by: 1
        }
    )
    .is_none());
    let scene = b.scenes[0].id;
    assert!(
        run(
            &b,
            Action::MoveFrames {
                frames: vec![f(3)],
                to: Gap { scene, index: 1 }
            }
        )
        .is_none(),
        "dropped where it is"
    );
    assert!(
        run(
            &b,
            Action::MoveFrames {
                frames: vec![f(3)],
                to: Gap { scene, index: 2 }
            }
        )
        .is_none(),
        "right after itself"
    );
}

#[test]
fn nudging_and_moving_reorder_frames() {
    let b = board_with(4);
    let scene = b.scenes[0].id;
    assert_eq!(
        ids(&run(
            &b,
            Action::NudgeFrames {
                frames: vec![f(2)],
                by: 1
            }
        )
        .unwrap()),
        [3, 2, 4, 5]
    );
    assert_eq!(
        ids(&run(
            &b,
            Action::NudgeFrames {
                frames: vec![f(5)],
                by: -1
            }
        )
        .unwrap()),
        [2, 3, 5, 4]
    );
    assert_eq!(
        ids(&run(
            &b,
            Action::MoveFrames {
                frames: vec![f(2)],
                to: Gap { scene, index: 4 }
            }
        )
        .unwrap()),
        [3, 4, 5, 2]
    );
    assert_eq!(
        ids(&run(
            &b,
            Action::MoveFrames {
                frames: vec![f(5)],
                to: Gap { scene, index: 0 }
            }
        )
        .unwrap()),
        [5, 2, 3, 4]
    );
    assert_eq!(
        ids(&run(
            &b,
            Action::MoveFrames {
                frames: vec![f(3)],
                to: Gap { scene, index: 99 }
            }
        )
        .unwrap()),
        [2, 4, 5, 3],
        "past the end clamps"
    );
}

#[test]
fn nudging_crosses_scene_boundaries_one_gap_at_a_time() {
    let b = three_scenes();
    let b1 = run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(3)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(
        layout(&b1),
        vec![vec![2], vec![3, 5, 6, 7], vec![9]],
        "last of scene 1 → first of scene 2"
    );
    let b2 = run(
        &b1,
        Action::NudgeFrames {
            frames: vec![f(3)],
            by: -1,
        },
    )
    .unwrap();
    assert_eq!(layout(&b2), layout(&b), "and back");
    let b3 = run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(5)],
            by: -1,
        },
    )
    .unwrap();
    assert_eq!(layout(&b3), vec![vec![2, 3, 5], vec![6, 7], vec![9]]);
    assert!(
        run(
            &b,
            Action::NudgeFrames {
                frames: vec![f(9)],
                by: 1
            }
        )
        .is_none(),
        "the very end"
    );
}

#[test]
fn frames_move_between_scenes_by_drop_and_by_keyboard() {
    let b = three_scenes();
    let (s1, s3) = (b.scenes[0].id, b.scenes[2].id);
    let dropped = run(
        &b,
        Action::MoveFrames {
            frames: vec![f(6)],
            to: Gap {
                scene: s3,
                index: 0,
            },
        },
    )
    .unwrap();
    assert_eq!(layout(&dropped), vec![vec![2, 3], vec![5, 7], vec![6, 9]]);
    let up = run(
        &b,
        Action::MoveFramesToAdjacentScene {
            frames: vec![f(6)],
            by: -1,
        },
    )
    .unwrap();
    assert_eq!(
        layout(&up),
        vec![vec![2, 3, 6], vec![5, 7], vec![9]],
        "to the end of the previous scene"
    );
    let down = run(
        &b,
        Action::MoveFramesToAdjacentScene {
            frames: vec![f(6)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(
        layout(&down),
        vec![vec![2, 3], vec![5, 7], vec![6, 9]],
        "to the start of the next scene"
    );
    assert!(run(
        &b,
        Action::MoveFramesToAdjacentScene {
            frames: vec![f(2)],
            by: -1
        }
    )
    .is_none());
    // Into an empty scene.
    let emptied = run(
        &b,
        Action::MoveFrames {
            frames: vec![f(9)],
            to: Gap {
                scene: s1,
                index: 0,
            },
        },
    )
    .unwrap();
    assert_eq!(layout(&emptied), vec![vec![9, 2, 3], vec![5, 6, 7], vec![]]);
    let back = run(
        &emptied,
        Action::MoveFrames {
            frames: vec![f(2)],
            to: Gap {
                scene: s3,
                index: 0,
            },
        },
    )
    .unwrap();
    assert_eq!(layout(&back), vec![vec![9, 3], vec![5, 6, 7], vec![2]]);
}

#[test]
fn bulk_moves_keep_story_order_as_a_block() {
    let b = three_scenes();
    let s2 = b.scenes[1].id;
    let moved = run(
        &b,
        Action::MoveFrames {
            frames: vec![f(9), f(2)],
            to: Gap {
                scene: s2,
                index: 1,
            },
        },
    )
    .unwrap();
    assert_eq!(layout(&moved), vec![vec![3], vec![5, 2, 9, 6, 7], vec![]]);
    let nudged = run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(5), f(6)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(layout(&nudged), vec![vec![2, 3], vec![7, 5, 6], vec![9]]);
    let out = apply(
        &b,
        &Selection::default(),
        &Action::NudgeFrames {
            frames: vec![f(5), f(6)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(
        out.selection.selected,
        [f(5), f(6)].into(),
        "the moved frames stay selected"
    );
}

#[test]
fn deleting_the_only_frame_leaves_an_empty_board() {
    let b = board_with(1);
    let out = apply(
        &b,
        &Selection::only(f(2)),
        &Action::DeleteFrames { frames: vec![f(2)] },
    )
    .unwrap();
    let after = out.board.unwrap();
    assert_eq!(after.frame_count(), 0);
    assert_eq!(after.scenes.len(), 1, "the scene stays");
    assert!(after.photos.is_empty(), "an unused photo leaves the board");
    assert_eq!(out.selection, Selection::default());
    assert!(
        run(&after, Action::DeleteFrames { frames: vec![f(2)] }).is_none(),
        "deleting twice is a no-op"
    );
}

#[test]
fn deleting_focuses_the_next_frame_else_the_previous() {
    let b = board_with(3);
    let out = apply(
        &b,
        &Selection::default(),
        &Action::DeleteFrames { frames: vec![f(3)] },
    )
    .unwrap();
    assert_eq!(out.selection.focused, Some(f(4)));
    let out = apply(
        &b,
        &Selection::default(),
        &Action::DeleteFrames { frames: vec![f(4)] },
    )
    .unwrap();
    assert_eq!(out.selection.focused, Some(f(3)));
    let out = apply(
        &b,
        &Selection::default(),
        &Action::DeleteFrames {
            frames: vec![f(2), f(3)],
        },
    )
    .unwrap();
    assert_eq!(
        (ids(out.board.as_ref().unwrap()), out.selection.focused),
        (vec![4], Some(f(4)))
    );
}

#[test]
fn deleting_keeps_a_photo_that_another_frame_still_uses() {
    let b = run(
        &board_with(1),
        Action::AddPhotos {
            photos: photos(1),
            batch: 2,
        },
    )
    .unwrap();
    let after = run(&b, Action::DeleteFrames { frames: vec![f(2)] }).unwrap();
    assert_eq!(after.photos.len(), 1);
}

#[test]
fn duplicates_go_right_after_their_originals_with_everything_copied() {
    let b = board_with(3);
    let b = run(
        &b,
        Action::SetCaption {
            frame: f(2),
            caption: "开场".into(),
        },
    )
    .unwrap();
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::ShotType(Some(ShotType::CloseUp)),
        },
    )
    .unwrap();
    let out = apply(
        &b,
        &Selection::default(),
        &Action::DuplicateFrames {
            frames: vec![f(2), f(4)],
        },
    )
    .unwrap();
    let d = out.board.unwrap();
    assert_eq!(ids(&d), [2, 5, 3, 4, 6]);
    let copy = d.frame(f(5)).unwrap();
    assert_eq!(
        (copy.caption.as_str(), copy.shot_type.clone()),
        ("开场", Some(ShotType::CloseUp))
    );
    assert_eq!(
        out.selection.selected,
        [f(5), f(6)].into(),
        "the copies are selected"
    );
}

#[test]
fn ids_are_not_reused_after_delete() {
    let b = run(&board_with(2), Action::DeleteFrames { frames: vec![f(3)] }).unwrap();
    let b = run(
        &b,
        Action::AddPhotos {
            photos: photos(1),
            batch: 2,
        },
    )
    .unwrap();
    assert_eq!(ids(&b), [2, 4]);
}

#[test]
fn captions_keep_emoji_cjk_and_combining_marks_exactly() {
    let b = board_with(2);
    for caption in [
        "外婆的厨房 👵🏽🍜",
        "👨‍👩‍👧‍👦 family",
        "e\u{301}te\u{301}",
        "第一幕：开场",
    ] {
        let after = run(
            &b,
            Action::SetCaption {
                frame: f(3),
                caption: caption.into(),
            },
        )
        .unwrap();
        assert_eq!(after.frame(f(3)).unwrap().caption, caption);
        assert_eq!(
            after.frame(f(2)).unwrap().caption,
            "",
            "other frames untouched"
        );
    }
    assert!(
        run(
            &b,
            Action::SetCaption {
                frame: f(3),
                caption: String::new()
            }
        )
        .is_none(),
        "the same caption is a no-op"
    );
    assert!(
        run(
            &b,
            Action::SetCaption {
                frame: f(99),
                caption: "x".into()
            }
        )
        .is_none(),
        "a missing frame is a no-op"
    );
}

#[test]
fn board_details_and_field_visibility() {
    let b = run(
        &Board::default(),
        Action::SetTitle("三部曲 · Part 1".into()),
    )
    .unwrap();
    let b = run(&b, Action::SetAuthor("Lin".into())).unwrap();
    let b = run(&b, Action::SetDescription("A film in three parts".into())).unwrap();
    assert_eq!(
        (b.title.as_str(), b.author.as_str(), b.description.as_str()),
        ("三部曲 · Part 1", "Lin", "A film in three parts")
    );
    assert!(run(&b, Action::SetTitle("三部曲 · Part 1".into())).is_none());
    assert!(b.visible_fields.contains(&FieldKind::ShotType));
    let hidden = run(
        &b,
        Action::SetFieldVisible {
            field: FieldKind::ShotType,
            visible: false,
        },
    )
    .unwrap();
    assert!(!hidden.visible_fields.contains(&FieldKind::ShotType));
    assert!(run(
        &hidden,
        Action::SetFieldVisible {
            field: FieldKind::ShotType,
            visible: false
        }
    )
    .is_none());
}

#[test]
fn shot_fields_are_set_cleared_and_clamped() {
    let b = board_with(1);
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::ShotType(Some(ShotType::Custom("drone".into()))),
        },
    )
    .unwrap();
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Movement(Some(Movement::Dolly)),
        },
    )
    .unwrap();
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Duration(Some(2.5)),
        },
    )
    .unwrap();
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Dialogue("“我们回家吧。”".into()),
        },
    )
    .unwrap();
    let b = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Notes("golden hour".into()),
        },
    )
    .unwrap();
    let fr = b.frame(f(2)).unwrap();
    assert_eq!(fr.shot_type, Some(ShotType::Custom("drone".into())));
    assert_eq!(
        (fr.movement.clone(), fr.duration),
        (Some(Movement::Dolly), Some(2.5))
    );
    assert_eq!(
        (fr.dialogue.as_str(), fr.notes.as_str()),
        ("“我们回家吧。”", "golden hour")
    );
    let long = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Duration(Some(1e9)),
        },
    )
    .unwrap();
    assert_eq!(long.frame(f(2)).unwrap().duration, Some(3600.0));
    let nan = run(
        &b,
        Action::SetField {
            frame: f(2),
            value: FieldValue::Duration(Some(f64::NAN)),
        },
    )
    .unwrap();
    assert_eq!(
        nan.frame(f(2)).unwrap().duration,
        None,
        "not a number clears it"
    );
    assert_eq!(b.running_time(), 2.5);
}

#[test]
fn scenes_are_added_split_renamed_moved_and_deleted_with_their_frames() {
    let b = three_scenes();
    let (s1, s2, s3) = (b.scenes[0].id, b.scenes[1].id, b.scenes[2].id);
    let renamed = run(
        &b,
        Action::RenameScene {
            scene: s2,
            title: "第二幕 The journey".into(),
        },
    )
    .unwrap();
    assert_eq!(renamed.scenes[1].title, "第二幕 The journey");
    let moved = run(&b, Action::MoveScene { scene: s3, by: -2 }).unwrap();
    assert_eq!(layout(&moved), vec![vec![9], vec![2, 3], vec![5, 6, 7]]);
    assert!(run(&b, Action::MoveScene { scene: s1, by: -1 }).is_none());
    let deleted = run(&b, Action::DeleteScene { scene: s2 }).unwrap();
    assert_eq!(layout(&deleted), vec![vec![2, 3], vec![9]]);
    assert_eq!(
        deleted.photos.len(),
        2,
        "photos only the deleted frames used are gone"
    );
    let single = run(
        &run(&deleted, Action::DeleteScene { scene: s1 }).unwrap(),
        Action::DeleteScene { scene: s3 },
    );
    assert!(single.is_none(), "the last scene stays");
    let split = run(&b, Action::SplitScene { at: f(6) }).unwrap();
    assert_eq!(
        layout(&split),
        vec![vec![2, 3], vec![5], vec![6, 7], vec![9]]
    );
    assert!(
        run(&b, Action::SplitScene { at: f(5) }).is_none(),
        "already starts a scene"
    );
    let inserted = run(&b, Action::AddScene { after: Some(s1) }).unwrap();
    assert_eq!(
        layout(&inserted),
        vec![vec![2, 3], vec![], vec![5, 6, 7], vec![9]]
    );
}

#[test]
fn numbers_read_scene_dot_shot_once_there_are_scenes() {
    let b = board_with(3);
    assert_eq!(b.number_of(f(3)).as_deref(), Some("2"));
    let b = three_scenes();
    assert_eq!(b.number_of(f(2)).as_deref(), Some("1.1"));
    assert_eq!(b.number_of(f(7)).as_deref(), Some("2.3"));
    let moved = run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(3)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(moved.number_of(f(3)).as_deref(), Some("2.1"));
    assert_eq!(
        moved.number_of(f(7)).as_deref(),
        Some("2.4"),
        "numbers follow every move"
    );
}

#[test]
fn collapsing_a_scene_is_not_an_undo_step() {
    let b = three_scenes();
    let action = Action::SetSceneCollapsed {
        scene: b.scenes[1].id,
        collapsed: true,
    };
    assert!(!action.is_undoable());
    assert!(run(&b, action).unwrap().scenes[1].collapsed);
}

mod selecting {
    use super::*;

    fn sel(board: &Board, s: &Selection, a: Action) -> Selection {
        apply(board, s, &a).map_or_else(|| s.clone(), |o| o.selection)
    }

    #[test]
    fn click_ctrl_click_and_shift_click() {
        let b = board_with(5);
        let s = sel(&b, &Selection::default(), Action::Select(Some(f(3))));
        assert_eq!(s, Selection::only(f(3)));
        let s = sel(&b, &s, Action::ToggleSelected(f(5)));
        assert_eq!(s.selected, [f(3), f(5)].into());
        let s = sel(&b, &s, Action::ToggleSelected(f(3)));
        assert_eq!(s.selected, [f(5)].into());
        let s = sel(&b, &Selection::only(f(3)), Action::SelectRange(f(5)));
        assert_eq!(
            (s.selected.clone(), s.focused),
            ([f(3), f(4), f(5)].into(), Some(f(5)))
        );
        let s = sel(&b, &s, Action::SelectRange(f(2)));
        assert_eq!(
            s.selected,
            [f(2), f(3)].into(),
            "the range pivots on the anchor"
        );
        assert!(
            apply(&b, &Selection::only(f(3)), &Action::Select(Some(f(3)))).is_none(),
            "no change"
        );
        assert!(
            apply(&b, &Selection::default(), &Action::Select(Some(f(42)))).is_none(),
            "unknown frames are not selected"
        );
    }

    #[test]
    fn shift_arrows_extend_and_select_all() {
        let b = board_with(5);
        let s = sel(&b, &Selection::only(f(3)), Action::ExtendSelection(1));
        let s = sel(&b, &s, Action::ExtendSelection(1));
        assert_eq!(
            (s.selected.clone(), s.focused),
            ([f(3), f(4), f(5)].into(), Some(f(5)))
        );
        let s = sel(&b, &s, Action::ExtendSelection(-3));
        assert_eq!(s.selected, [f(2), f(3)].into());
        assert_eq!(
            sel(&b, &Selection::default(), Action::SelectAll)
                .selected
                .len(),
            5
        );
        assert_eq!(Selection::only(f(3)).targets(&b), vec![f(3)]);
    }

    #[test]
    fn typing_in_one_selected_frame_keeps_the_selection() {
        let b = board_with(3);
        let all = sel(&b, &Selection::default(), Action::SelectAll);
        let out = apply(
            &b,
            &all,
            &Action::SetCaption {
                frame: f(3),
                caption: "x".into(),
            },
        )
        .unwrap();
        assert_eq!(
            (out.selection.selected.len(), out.selection.focused),
            (3, Some(f(3)))
        );
        let out = apply(
            &b,
            &Selection::only(f(2)),
            &Action::SetCaption {
                frame: f(4),
                caption: "x".into(),
            },
        )
        .unwrap();
        assert_eq!(out.selection, Selection::only(f(4)));
    }

    #[test]
    fn deleted_frames_leave_the_selection() {
        let b = board_with(4);
        let s = sel(&b, &Selection::default(), Action::SelectAll);
        let out = apply(
            &b,
            &s,
            &Action::DeleteFrames {
                frames: vec![f(2), f(3)],
            },
        )
        .unwrap();
        assert_eq!(out.selection, Selection::only(f(4)));
    }
}

mod crops {
    use super::*;
    use crate::model::crop::{self, Aspect, Crop};

    #[test]
    fn new_frames_show_a_centred_crop_of_the_board_ratio() {
        let b = board_with(1);
        assert_eq!(b.aspect, Aspect::Wide);
        let fr = b.frame(f(2)).unwrap();
        assert_eq!(
            b.crop_of(fr).unwrap(),
            crop::default_crop(Aspect::Wide, (4032, 3024))
        );
        assert!(fr.crops.is_empty(), "nothing stored until the user crops");
    }

    #[test]
    fn switching_ratio_and_back_restores_each_frames_own_crop() {
        let b = board_with(2);
        let crop_of = |b: &Board, id| b.crop_of(b.frame(f(id)).unwrap()).unwrap();
        let mine = Crop {
            x: 0.0,
            y: 0.0,
            w: 0.5,
            h: 0.5 * 4032.0 / 3024.0 * 9.0 / 16.0,
        };
        let b = run(
            &b,
            Action::SetCrop {
                frame: f(2),
                crop: mine,
            },
        )
        .unwrap();
        let wide = crop_of(&b, 2);
        assert!(wide.x.abs() < 1e-9 && (wide.w - 0.5).abs() < 1e-9);
        let vertical = run(&b, Action::SetAspect(Aspect::Vertical)).unwrap();
        let derived = crop_of(&vertical, 2);
        assert!((derived.pixel_ratio((4032, 3024)) - 9.0 / 16.0).abs() < 1e-6);
        assert!(
            (derived.centre().0 - wide.centre().0).abs() < 1e-9,
            "horizontal centre kept"
        );
        assert!(
            derived.y.abs() < 1e-9,
            "vertically it stops at the top edge"
        );
        let tall = Crop {
            x: 0.6,
            y: 0.0,
            w: 0.3,
            h: 0.3 * 3024.0 / 4032.0 * 16.0 / 9.0,
        };
        let vertical = run(
            &vertical,
            Action::SetCrop {
                frame: f(2),
                crop: tall,
            },
        )
        .unwrap();
        let back = run(&vertical, Action::SetAspect(Aspect::Wide)).unwrap();
        assert_eq!(
            crop_of(&back, 2),
            wide,
            "the 16:9 crop is restored, not destroyed"
        );
        let again = run(&back, Action::SetAspect(Aspect::Vertical)).unwrap();
        assert_eq!(crop_of(&again, 2), crop_of(&vertical, 2));
        assert_eq!(
            crop_of(&back, 3),
            crop::default_crop(Aspect::Wide, (4032, 3024)),
            "the other frame untouched"
        );
        assert!(run(&back, Action::SetAspect(Aspect::Wide)).is_none());
    }

    #[test]
    fn set_crop_is_clamped_and_presets_work() {
        let b = board_with(1);
        let crop_of = |b: &Board| b.crop_of(b.frame(f(2)).unwrap()).unwrap();
        let b = run(
            &b,
            Action::SetCrop {
                frame: f(2),
                crop: Crop {
                    x: 0.9,
                    y: 0.9,
                    w: 0.3,
                    h: 0.9,
                },
            },
        )
        .unwrap();
        let c = crop_of(&b);
        assert!((c.pixel_ratio((4032, 3024)) - 16.0 / 9.0).abs() < 1e-6);
        assert!(c.x + c.w <= 1.0 + 1e-9 && c.y + c.h <= 1.0 + 1e-9);
        let fit = run(
            &b,
            Action::CropPreset {
                frame: f(2),
                preset: CropPreset::Fit,
            },
        )
        .unwrap();
        assert_eq!(crop_of(&fit), crop::fit(16.0 / 9.0, (4032, 3024)));
        let fill = run(
            &fit,
            Action::CropPreset {
                frame: f(2),
                preset: CropPreset::Fill,
            },
        )
        .unwrap();
        assert_eq!(
            crop_of(&fill),
            crop::default_crop(Aspect::Wide, (4032, 3024))
        );
        let reset = run(
            &b,
            Action::CropPreset {
                frame: f(2),
                preset: CropPreset::Reset,
            },
        )
        .unwrap();
        assert_eq!(
            crop_of(&reset),
            crop::default_crop(Aspect::Wide, (4032, 3024))
        );
        assert!(
            run(
                &reset,
                Action::CropPreset {
                    frame: f(2),
                    preset: CropPreset::Reset
                }
            )
            .is_none(),
            "already reset"
        );
        assert!(run(
            &b,
            Action::SetCrop {
                frame: f(7),
                crop: Crop::FULL
            }
        )
        .is_none());
    }

    #[test]
    fn sort_by_capture_time_is_stable_per_scene_and_puts_unknown_last() {
        let mut ps = photos(4);
        ps[0].taken_at = CaptureTime::from_exif("2024:05:03 09:00:00", None);
        ps[1].taken_at = None;
        ps[2].taken_at = CaptureTime::from_exif("2024:05:01 09:00:00", None);
        ps[3].taken_at = CaptureTime::from_exif("2024:05:02 09:00:00", Some("+02:00"));
        let b = run(
            &Board::default(),
            Action::AddPhotos {
                photos: ps,
                batch: 1,
            },
        )
        .unwrap();
        let sorted = run(&b, Action::SortByCaptureTime).unwrap();
        assert_eq!(ids(&sorted), [4, 5, 2, 3]);
        assert!(
            run(&sorted, Action::SortByCaptureTime).is_none(),
            "already sorted"
        );
        // Without an offset, a time is read in the board's usual zone: 12:00 (+08:00 assumed)
        // comes before 19:30 +08:00, not after it as 12:00 UTC would.
        let mut ps = photos(3);
        ps[0].taken_at = CaptureTime::from_exif("2024:05:01 19:30:00", Some("+08:00"));
        ps[1].taken_at = CaptureTime::from_exif("2024:05:01 08:05:00", Some("+08:00"));
        ps[2].taken_at = CaptureTime::from_exif("2024:05:01 12:00:00", None);
        let b = run(
            &Board::default(),
            Action::AddPhotos {
                photos: ps,
                batch: 1,
            },
        )
        .unwrap();
        assert_eq!(ids(&run(&b, Action::SortByCaptureTime).unwrap()), [3, 4, 2]);
    }
}

mod keys {
    use super::*;

    fn key(k: &str) -> KeyChord {
        KeyChord::plain(k)
    }

    fn act(chord: KeyChord, b: &Board, s: &Selection) -> Option<Action> {
        match command_for_key(&chord, b, s, KeyFocus::Frame) {
            Some(KeyCommand::Act(a)) => Some(a),
            _ => None,
        }
    }

    #[test]
    fn alt_arrows_move_the_selected_frames() {
        let b = board_with(3);
        let sel = Selection::only(f(3));
        assert_eq!(
            act(
                KeyChord {
                    alt: true,
                    ..key("ArrowLeft")
                },
                &b,
                &sel
            ),
            Some(Action::NudgeFrames {
                frames: vec![f(3)],
                by: -1
            })
        );
        assert_eq!(
            act(
                KeyChord {
                    alt: true,
                    ..key("ArrowRight")
                },
                &b,
                &sel
            ),
            Some(Action::NudgeFrames {
                frames: vec![f(3)],
                by: 1
            })
        );
        assert_eq!(
            act(
                KeyChord {
                    alt: true,
                    ..key("ArrowDown")
                },
                &b,
                &sel
            ),
            Some(Action::MoveFramesToAdjacentScene {
                frames: vec![f(3)],
                by: 1
            })
        );
        assert_eq!(
            act(
                KeyChord {
                    alt: true,
                    ..key("ArrowLeft")
                },
                &b,
                &Selection::default()
            ),
            None,
            "nothing focused"
        );
    }

    #[test]
    fn text_fields_own_their_keys() {
        let b = board_with(3);
        let sel = Selection::only(f(3));
        for chord in [
            key("Delete"),
            key("Backspace"),
            key("?"),
            key("p"),
            KeyChord {
                ctrl: true,
                ..key("z")
            },
            KeyChord {
                alt: true,
                ..key("ArrowLeft")
            },
        ] {
            assert_eq!(
                command_for_key(&chord, &b, &sel, KeyFocus::TextField),
                None,
                "{chord:?}"
            );
        }
    }

    #[test]
    fn frame_commands_need_the_focus_on_a_frame() {
        let b = board_with(3);
        let sel = Selection::only(f(3));
        for chord in [
            key("Delete"),
            key("Backspace"),
            key("ArrowLeft"),
            KeyChord {
                alt: true,
                ..key("ArrowLeft")
            },
            KeyChord {
                ctrl: true,
                ..key("a")
            },
            KeyChord {
                ctrl: true,
                ..key("d")
            },
        ] {
            assert_eq!(
                command_for_key(&chord, &b, &sel, KeyFocus::Elsewhere),
                None,
                "{chord:?} on a button"
            );
        }
        assert_eq!(
            command_for_key(
                &KeyChord {
                    ctrl: true,
                    ..key("z")
                },
                &b,
                &sel,
                KeyFocus::Elsewhere
            ),
            Some(KeyCommand::Act(Action::Undo))
        );
        assert_eq!(
            command_for_key(&key("?"), &b, &sel, KeyFocus::Elsewhere),
            Some(KeyCommand::ShowShortcuts)
        );
    }

    #[test]
    fn command_chords() {
        let b = board_with(2);
        let s = Selection::only(f(2));
        assert_eq!(
            act(
                KeyChord {
                    ctrl: true,
                    ..key("z")
                },
                &b,
                &s
            ),
            Some(Action::Undo)
        );
        assert_eq!(
            act(
                KeyChord {
                    meta: true,
                    ..key("z")
                },
                &b,
                &s
            ),
            Some(Action::Undo)
        );
        assert_eq!(
            act(
                KeyChord {
                    ctrl: true,
                    shift: true,
                    ..key("Z")
                },
                &b,
                &s
            ),
            Some(Action::Redo)
        );
        assert_eq!(
            act(
                KeyChord {
                    ctrl: true,
                    ..key("y")
                },
                &b,
                &s
            ),
            Some(Action::Redo)
        );
        assert_eq!(
            act(
                KeyChord {
                    ctrl: true,
                    ..key("a")
                },
                &b,
                &s
            ),
            Some(Action::SelectAll)
        );
        assert_eq!(
            act(
                KeyChord {
                    meta: true,
                    ..key("d")
                },
                &b,
                &s
            ),
            Some(Action::DuplicateFrames { frames: vec![f(2)] })
        );
        assert_eq!(
            act(
                KeyChord {
                    ctrl: true,
                    ..key("c")
                },
                &b,
                &s
            ),
            None
        );
        assert_eq!(
            command_for_key(&key("?"), &b, &s, KeyFocus::Frame),
            Some(KeyCommand::ShowShortcuts)
        );
        assert_eq!(
            command_for_key(
                &KeyChord {
                    shift: true,
                    ..key("?")
                },
                &b,
                &s,
                KeyFocus::Frame
            ),
            Some(KeyCommand::ShowShortcuts)
        );
        assert_eq!(
            command_for_key(&key("p"), &b, &s, KeyFocus::Frame),
            Some(KeyCommand::Present)
        );
        assert_eq!(
            command_for_key(&key("p"), &Board::default(), &s, KeyFocus::Frame),
            None,
            "nothing to present"
        );
    }

    #[test]
    fn delete_arrows_and_escape() {
        let b = board_with(3);
        let sel = Selection::only(f(4));
        assert_eq!(
            act(key("Delete"), &b, &sel),
            Some(Action::DeleteFrames { frames: vec![f(4)] })
        );
        assert_eq!(
            act(key("ArrowLeft"), &b, &sel),
            Some(Action::Select(Some(f(3))))
        );
        assert_eq!(
            act(key("ArrowRight"), &b, &sel),
            Some(Action::Select(Some(f(4))))
        );
        assert_eq!(act(key("Home"), &b, &sel), Some(Action::Select(Some(f(2)))));
        assert_eq!(
            act(
                KeyChord {
                    shift: true,
                    ..key("ArrowLeft")
                },
                &b,
                &sel
            ),
            Some(Action::ExtendSelection(-1))
        );
        assert_eq!(act(key("Escape"), &b, &sel), Some(Action::Select(None)));
        assert_eq!(act(key("Escape"), &b, &Selection::default()), None);
        assert_eq!(
            act(key("ArrowRight"), &Board::default(), &Selection::default()),
            None
        );
    }

    #[test]
    fn every_shortcut_is_listed_for_the_overlay() {
        let listed: String = SHORTCUTS
            .iter()
            .filter_map(|(k, _)| {
                if let Keys::Printed(k) = k {
                    Some(*k)
                } else {
                    None
                }
            })
            .collect::<Vec<_>>()
            .join(" | ");
        for needle in [
            "Alt + ← →",
            "Alt + ↑ ↓",
            "Ctrl/⌘ + D",
            "Ctrl/⌘ + Z",
            "Ctrl + Y",
            "Delete",
            "?",
            "P",
            "Shift + ← →",
            "Esc",
        ] {
            assert!(
                listed.contains(needle),
                "{needle} missing from the shortcut list"
            );
        }
    }
}

proptest! {
    /// Whatever sequence of moves, nudges, scene moves and deletes, frame ids stay unique, and the
    /// board never loses or invents frames except by delete.
    #[test]
    fn moves_and_deletes_preserve_the_frame_set(ops in prop::collection::vec((0u8..5, 2u64..12, -3isize..6, 0usize..3), 0..40)) {
        let mut board = three_scenes();
        let mut expected: Vec<u64> = ids(&board);
        for (op, id, arg, scene) in ops {
            let frames = vec![FrameId(id), FrameId(id + 1)];
            let scene_id = board.scenes[scene.min(board.scenes.len() - 1)].id;
            let action = match op {
                0 => Action::MoveFrames { frames, to: Gap { scene: scene_id, index: arg.max(0) as usize } },
                1 => Action::NudgeFrames { frames, by: arg.clamp(-2, 2) },
                2 => Action::MoveFramesToAdjacentScene { frames, by: arg.signum() },
                3 => Action::DuplicateFrames { frames: vec![FrameId(id)] },
                _ => Action::DeleteFrames { frames: vec![FrameId(id)] },
            };
            if let Some(next) = run(&board, action.clone()) {
                match action {
                    Action::DeleteFrames { frames } => expected.retain(|f| !frames.iter().any(|d| d.0 == *f)),
                    Action::DuplicateFrames { .. } => expected = ids(&next),
                    _ => {}
                }
                board = next;
            }
            let mut now = ids(&board);
            now.sort_unstable();
            let mut unique = now.clone();
            unique.dedup();
            prop_assert_eq!(&now, &unique, "ids stay unique");
            let mut want = expected.clone();
            want.sort_unstable();
            prop_assert_eq!(now, want);
            prop_assert!(!board.scenes.is_empty());
        }
    }
}

#[test]
fn adding_frames_stops_at_the_board_limit_and_says_how_many_were_left_out() {
    use crate::model::{room_for, MAX_FRAMES, MAX_SCENES};
    let b = board_with(MAX_FRAMES - 10);
    assert_eq!(room_for(&b), 10);
    // An import of 25 photos adds 10; the page is told about the other 15 before applying.
    let import = Action::AddPhotos {
        photos: photos(25),
        batch: 2,
    };
    assert_eq!(
        over_limit(&b, &import).unwrap().to_string(),
        "Not added: 15 photo(s). A storyboard holds at most 2,000 frames."
    );
    assert_eq!(
        over_limit(&b, &import).unwrap().show(crate::i18n::Lang::Zh),
        "有 15 张照片没有添加：一个故事板最多只能有 2,000 个画面"
    );
    let full = run(&b, import.clone()).unwrap();
    assert_eq!(full.frame_count(), MAX_FRAMES);
    assert_eq!(room_for(&full), 0);
    assert!(
        run(&full, import).is_none(),
        "a full board takes no more photos"
    );
    // Duplicating stops at the limit too, in story order.
    let b = board_with(MAX_FRAMES - 2);
    let first: Vec<FrameId> = b.frames().take(5).map(|f| f.id).collect();
    let dup = Action::DuplicateFrames {
        frames: first.clone(),
    };
    assert_eq!(
        over_limit(&b, &dup).unwrap().to_string(),
        "Not duplicated: 3 frame(s). A storyboard holds at most 2,000 frames."
    );
    let after = run(&b, dup.clone()).unwrap();
    assert_eq!(after.frame_count(), MAX_FRAMES);
    assert_eq!(
        ids(&after)[..4],
        [
            first[0].0,
            MAX_FRAMES as u64,
            first[1].0,
            MAX_FRAMES as u64 + 1
        ]
    );
    assert!(run(&after, dup).is_none());
    assert!(over_limit(
        &board_with(3),
        &Action::AddPhotos {
            photos: photos(3),
            batch: 1
        }
    )
    .is_none());
    // Scenes: none past MAX_SCENES.
    let mut b = board_with(2);
    while b.scenes.len() < MAX_SCENES {
        let id = SceneId(b.allocate_id());
        b.scenes.push(Scene::new(id, String::new()).into());
    }
    assert!(run(&b, Action::AddScene { after: None }).is_none());
    assert!(run(
        &b,
        Action::SplitScene {
            at: b.scenes[0].frames[1].id
        }
    )
    .is_none());
    assert_eq!(
        over_limit(&b, &Action::AddScene { after: None })
            .unwrap()
            .to_string(),
        "No scene was added: a storyboard holds at most 500 scenes"
    );
}

/// Whether `a` and `b` hold the very same frame `id` (one allocation, shared), not a copy.
fn shares_frame(a: &Board, b: &Board, id: u64) -> bool {
    let at = |board: &Board| {
        let p = board.place_of(f(id)).unwrap();
        board.scenes[p.scene].frames[p.index].clone()
    };
    CowRc::ptr_eq(&at(a), &at(b))
}

#[test]
fn an_edit_copies_only_the_scene_and_frame_it_changes() {
    let b = three_scenes();
    let shares_scene = |a: &Board, i: usize| CowRc::ptr_eq(&a.scenes[i], &b.scenes[i]);
    let typed = run(
        &b,
        Action::SetCaption {
            frame: f(6),
            caption: "x".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (
            shares_scene(&typed, 0),
            shares_scene(&typed, 1),
            shares_scene(&typed, 2)
        ),
        (true, false, true),
        "only the caption's scene is copied"
    );
    assert_eq!(
        [5, 6, 7].map(|id| shares_frame(&b, &typed, id)),
        [true, false, true],
        "and in it only the frame"
    );
    assert!(CowRc::ptr_eq(&b.photos, &typed.photos));
    assert_eq!(
        b.frame(f(6)).unwrap().caption,
        "",
        "the board before is untouched"
    );

    // A move copies the list of the scene it is in; every frame stays shared.
    let moved = run(
        &b,
        Action::NudgeFrames {
            frames: vec![f(5)],
            by: 1,
        },
    )
    .unwrap();
    assert_eq!(layout(&moved), vec![vec![2, 3], vec![6, 5, 7], vec![9]]);
    assert!(shares_scene(&moved, 0) && !shares_scene(&moved, 1) && shares_scene(&moved, 2));
    assert!([2, 3, 5, 6, 7, 9]
        .iter()
        .all(|id| shares_frame(&b, &moved, *id)));

    // A delete whose photo another frame still shows keeps the photo list shared.
    let deleted = run(&b, Action::DeleteFrames { frames: vec![f(9)] }).unwrap();
    assert!(CowRc::ptr_eq(&b.photos, &deleted.photos));
    assert!(shares_scene(&deleted, 0) && shares_scene(&deleted, 1));
    // One whose photo goes copies it.
    let gone = run(&b, Action::DeleteFrames { frames: vec![f(7)] }).unwrap();
    assert!(!CowRc::ptr_eq(&b.photos, &gone.photos));
    assert_eq!((b.photos.len(), gone.photos.len()), (3, 2));
}

#[test]
fn an_edit_that_changes_nothing_is_none_however_the_board_was_copied() {
    let b = three_scenes();
    // Writes the caption it already has: the frame is copied, equal in value.
    assert!(run(
        &b,
        Action::SetCaption {
            frame: f(6),
            caption: String::new(),
        },
    )
    .is_none());
    // A board read back from its JSON shares nothing with `b`, and is still equal to it.
    let read: Board = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert!(!CowRc::ptr_eq(&read.scenes[0], &b.scenes[0]));
    assert_eq!(read, b);
}

#[test]
fn camera_moves_are_set_by_preset_and_by_their_end_paced_and_kept_per_aspect() {
    use crate::model::{Easing, MovePreset};
    let b = board_with(2);
    let size = (4032, 3024);
    let move_of = |b: &Board, id| b.camera_move_of(b.frame(f(id)).unwrap());
    assert_eq!(move_of(&b, 2), None, "a new frame holds still");
    let zoom = run(
        &b,
        Action::MovePreset {
            frame: f(2),
            preset: MovePreset::ZoomIn,
        },
    )
    .unwrap();
    let (start, m) = move_of(&zoom, 2).unwrap();
    assert_eq!(
        start,
        crop::default_crop(Aspect::Wide, size),
        "starts where it showed"
    );
    assert!((m.end.w / start.w - 0.7).abs() < 1e-9);
    assert_eq!(m.easing, Easing::Linear);
    assert_eq!(move_of(&zoom, 3), None, "the other frame untouched");
    assert_eq!(
        Action::MovePreset {
            frame: f(2),
            preset: MovePreset::ZoomIn
        }
        .label(),
        T::StepMove
    );

    let eased = run(
        &zoom,
        Action::SetMoveEasing {
            frame: f(2),
            easing: Easing::EaseInOut,
        },
    )
    .unwrap();
    assert_eq!(move_of(&eased, 2).unwrap().1.easing, Easing::EaseInOut);
    assert!(run(
        &eased,
        Action::SetMoveEasing {
            frame: f(2),
            easing: Easing::EaseInOut
        }
    )
    .is_none());
    // A new preset keeps the pace chosen.
    let pan = run(
        &eased,
        Action::MovePreset {
            frame: f(2),
            preset: MovePreset::PanRight,
        },
    )
    .unwrap();
    let (from, m) = move_of(&pan, 2).unwrap();
    assert!(m.end.centre().0 > from.centre().0 && m.easing == Easing::EaseInOut);

    // Dragging the end box: clamped onto the photo, at the board's ratio; successive drags are
    // one undo step.
    let dragged = run(
        &pan,
        Action::SetMoveEnd {
            frame: f(2),
            end: Crop {
                x: 0.8,
                y: 0.8,
                w: 0.5,
                h: 0.1,
            },
        },
    )
    .unwrap();
    let (_, m) = move_of(&dragged, 2).unwrap();
    assert!((m.end.pixel_ratio(size) - 16.0 / 9.0).abs() < 1e-6);
    assert!(m.end.x + m.end.w <= 1.0 + 1e-9 && m.end.y + m.end.h <= 1.0 + 1e-9);
    let end = |x| Action::SetMoveEnd {
        frame: f(2),
        end: Crop {
            x,
            y: 0.2,
            w: 0.4,
            h: 0.3,
        },
    };
    assert_eq!(end(0.1).merge_key(), end(0.2).merge_key());

    // 9:16 derives its move from 16:9's until it is given its own; "none" there holds still
    // there only.
    let vertical = run(&dragged, Action::SetAspect(Aspect::Vertical)).unwrap();
    let (_, derived) = move_of(&vertical, 2).unwrap();
    assert!((derived.end.pixel_ratio(size) - 9.0 / 16.0).abs() < 1e-6);
    let still = run(
        &vertical,
        Action::MovePreset {
            frame: f(2),
            preset: MovePreset::None,
        },
    )
    .unwrap();
    assert_eq!(move_of(&still, 2), None);
    let back = run(&still, Action::SetAspect(Aspect::Wide)).unwrap();
    assert_eq!(
        move_of(&back, 2),
        move_of(&dragged, 2),
        "16:9 keeps its own move"
    );

    // Stored and read back exactly; a move off the photo is put back on it.
    let json = serde_json::to_value(&back).unwrap();
    let read: Board = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(read, back);
    assert!(json["scenes"][0]["frames"][0]["camera_moves"]["9:16"].is_null());
    // A frame that loses its photo loses its moves with its crops.
    let mut lost = back.clone();
    lost.frame_mut(f(2)).unwrap().lose_photo();
    assert!(lost.frame(f(2)).unwrap().camera_moves.is_empty());
}
