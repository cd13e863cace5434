use super::backup::{self, Manifest, Restore};
use super::*;
use crate::actions::{apply, Action};
use crate::model::{Aspect, Crop, FieldValue, Selection, ShotType};

pub(super) fn photo(n: u8) -> PhotoMeta {
    PhotoMeta {
        id: PhotoId(format!("{n:032x}")),
        name: format!("IMG_{n}.jpg"),
        width: 4032,
        height: 3024,
        bytes: 1000,
        mime: "image/jpeg".into(),
        taken_at: None,
    }
}

pub(super) fn act(board: &Board, action: Action) -> Board {
    apply(board, &Selection::default(), &action)
        .and_then(|o| o.board)
        .expect("the action changes the board")
}

/// A board with two scenes, captions in Chinese, fields and a crop: everything a save must keep.
fn rich_board() -> Board {
    let mut b = act(
        &Board::default(),
        Action::AddPhotos {
            photos: (1..=4).map(photo).collect(),
            batch: 1,
        },
    );
    b = act(&b, Action::SetTitle("家庭故事 · Family story".into()));
    let ids: Vec<FrameId> = b.frames().map(|f| f.id).collect();
    b = act(
        &b,
        Action::SetCaption {
            frame: ids[0],
            caption: "奶奶的厨房 </script>\u{2028}".into(),
        },
    );
    b = act(
        &b,
        Action::SetField {
            frame: ids[1],
            value: FieldValue::ShotType(Some(ShotType::CloseUp)),
        },
    );
    b = act(&b, Action::SetAspect(Aspect::Square));
    b = act(
        &b,
        Action::SetCrop {
            frame: ids[2],
            crop: Crop {
                x: 0.1,
                y: 0.0,
                w: 0.75,
                h: 1.0,
            },
        },
    );
    act(&b, Action::SplitScene { at: ids[2] })
}

fn stored(board: Board) -> StoredBoard {
    StoredBoard::new(BoardId("b1-00000001".into()), 1_000.0, 2_000.0, board)
}

#[test]
fn a_saved_board_restores_exactly() {
    let original = stored(rich_board());
    let restored = restore(&original.to_json()).unwrap();
    assert!(restored.problems.is_empty());
    assert_eq!(restored.stored, original);
    assert_eq!(restored.stored.board.scenes.len(), 2);
}

#[test]
fn summary_lists_title_counts_and_cover() {
    let s = BoardSummary::of(&stored(rich_board()));
    assert_eq!(
        (s.title.as_str(), s.frames, s.scenes),
        ("家庭故事 · Family story", 4, 2)
    );
    assert_eq!(s.cover, Some(photo(1).id));
    assert_eq!(BoardSummary::from_json(&s.to_json()), Some(s));
    assert_eq!(BoardSummary::from_json("{oops"), None);
}

#[test]
fn documents_that_are_not_boards_are_refused_not_guessed() {
    for text in [
        "",
        "not json",
        "[1,2]",
        "{\"format\":\"something-else\",\"id\":\"x\"}",
        "{\"board\":{}}",
        "{\"id\":\"\"}",
    ] {
        assert!(
            matches!(restore(text), Err(StorageError::Damaged { .. })),
            "{text:?}"
        );
    }
}

#[test]
fn a_newer_schema_is_left_alone_with_a_reason() {
    let mut json: Value = serde_json::from_str(&stored(rich_board()).to_json()).unwrap();
    json["schema"] = (SCHEMA_VERSION + 1).into();
    let err = restore(&json.to_string()).unwrap_err();
    assert_eq!(
        err,
        StorageError::NewerVersion {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );
    assert!(err.to_string().contains("newer version of Flowboard"));
}

#[test]
fn a_document_without_schema_or_times_is_read_as_the_first_schema() {
    let board = serde_json::to_value(rich_board()).unwrap();
    let json = serde_json::json!({ "id": "b1-old", "board": board }).to_string();
    let restored = restore(&json).unwrap();
    assert!(restored.problems.is_empty());
    assert_eq!(restored.stored.schema, SCHEMA_VERSION);
    assert_eq!(restored.stored.board, rich_board());
}

#[test]
fn one_damaged_frame_costs_that_frame_only() {
    let mut json: Value = serde_json::from_str(&stored(rich_board()).to_json()).unwrap();
    json["board"]["scenes"][0]["frames"][1]["id"] = "not a number".into();
    json["board"]["scenes"][1]["title"] = 42.into();
    let restored = restore(&json.to_string()).unwrap();
    assert_eq!(
        restored
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["Frame 2 of scene 1 could not be read and was left out.".to_string()]
    );
    let board = &restored.stored.board;
    assert_eq!(board.frame_count(), 3);
    assert_eq!(board.title, "家庭故事 · Family story");
    assert_eq!(
        board.scenes[0].frames[0].caption,
        "奶奶的厨房 </script>\u{2028}"
    );
    assert_eq!(board.scenes.len(), 2);
    assert_eq!(
        board.scenes[1].title, "",
        "an unreadable title becomes empty, the scene stays"
    );
}

#[test]
fn duplicate_ids_dangling_photos_and_bad_crops_are_repaired() {
    let mut json: Value = serde_json::from_str(&stored(rich_board()).to_json()).unwrap();
    let first_id = json["board"]["scenes"][0]["frames"][0]["id"].clone();
    json["board"]["scenes"][1]["frames"][0]["id"] = first_id; // a duplicate id
    json["board"]["photos"]
        .as_object_mut()
        .unwrap()
        .remove(&photo(4).id.0); // frame 4's photo details
    json["board"]["next_id"] = 0.into(); // behind the ids in use
    json["board"]["scenes"][1]["frames"][0]["crops"]["1:1"] =
        serde_json::json!({ "x": -5.0, "y": 0.0, "w": 9.0, "h": 1.0 });
    let restored = restore(&json.to_string()).unwrap();
    let board = &restored.stored.board;
    assert_eq!(board.frame_count(), 4, "nothing is dropped");
    let ids: BTreeSet<u64> = board
        .frames()
        .map(|f| f.id.0)
        .chain(board.scenes.iter().map(|s| s.id.0))
        .collect();
    assert_eq!(ids.len(), 6, "frame and scene ids are unique again");
    assert!(board.next_id > *ids.iter().max().unwrap());
    let last = board.scenes[1].frames.last().unwrap();
    assert_eq!(
        last.photo, None,
        "the frame whose photo details are gone keeps its place"
    );
    assert!(restored
        .problems
        .iter()
        .any(|p| p.to_string().contains("1 frame(s) lost their photo")));
    let crop = board.scenes[1].frames[0].crops[&Aspect::Square];
    assert!(
        crop.x >= 0.0 && crop.x + crop.w <= 1.0 + 1e-9,
        "the crop is back on the photo: {crop:?}"
    );
    // And the repaired board is one the editor can work on.
    let next = act(
        board,
        Action::AddPhotos {
            photos: vec![photo(9)],
            batch: 2,
        },
    );
    assert_eq!(next.frame_count(), 5);
}

#[test]
fn a_board_whose_scenes_are_unreadable_opens_empty_with_its_title() {
    let json = serde_json::json!({ "id": "b1-x", "board": { "title": "Trip", "scenes": "garbage", "next_id": "x" } }).to_string();
    let restored = restore(&json).unwrap();
    assert_eq!(restored.stored.board.title, "Trip");
    assert_eq!(restored.stored.board.scenes.len(), 1);
    assert_eq!(
        restored
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["The board's scenes could not be read.".to_string()]
    );
}

#[test]
fn missing_photo_blobs_are_named_with_their_frames() {
    let board = rich_board();
    let all: BTreeSet<PhotoId> = board.photos.keys().cloned().collect();
    assert!(missing_photos(&board, &all).is_empty());
    let mut some = all.clone();
    some.remove(&photo(2).id);
    let problems = missing_photos(&board, &some);
    assert_eq!(problems.len(), 1);
    let said = problems[0].to_string();
    assert!(
        said.contains("IMG_2.jpg") && said.contains("1 frame(s)"),
        "{said}"
    );
}

#[test]
fn photos_stored_after_the_last_save_come_back_once_in_store_order() {
    let board = rich_board();
    // Photo 2 is already on the board; 6 was stored before 5; 6 appears twice.
    let orphans = vec![
        (30.0, photo(5)),
        (10.0, photo(6)),
        (20.0, photo(2)),
        (40.0, photo(6)),
    ];
    let recovered = recover_photos(&board, orphans).unwrap();
    assert_eq!(recovered.frame_count(), 6);
    let tail: Vec<&PhotoId> = recovered
        .frames()
        .skip(4)
        .filter_map(|f| f.photo.as_ref())
        .collect();
    assert_eq!(tail, vec![&photo(6).id, &photo(5).id]);
    assert_eq!(
        recover_photos(&board, vec![(1.0, photo(3))]),
        None,
        "nothing to recover, nothing doubled"
    );
}

#[test]
fn backup_manifest_round_trips_and_rejects_what_it_could_not_have_made() {
    let mut m = Manifest::new(5.0);
    m.boards.push(BoardId("b1-00000001".into()));
    m.photos.push(backup::BackupPhoto {
        id: photo(1).id,
        mime: "image/jpeg".into(),
        thumb: true,
    });
    assert_eq!(Manifest::parse(&m.to_json()).unwrap(), m);
    let mut evil = m.clone();
    evil.boards[0] = BoardId("../../etc".into());
    assert!(matches!(
        Manifest::parse(&evil.to_json()),
        Err(StorageError::BadBackup { .. })
    ));
    let mut evil = m.clone();
    evil.photos[0].id = PhotoId("../x".into());
    assert!(Manifest::parse(&evil.to_json()).is_err());
    let mut newer = m.clone();
    newer.version = 99;
    assert!(Manifest::parse(&newer.to_json())
        .unwrap_err()
        .to_string()
        .contains("newer"));
    assert!(Manifest::parse("{\"format\":\"zip\"}").is_err());
    assert_eq!(
        backup::photo_path(&photo(1).id),
        format!("photos/{}", photo(1).id)
    );
}

#[test]
fn a_backup_with_sound_lists_its_audio_and_one_from_before_sound_still_reads() {
    let mut m = Manifest::new(5.0);
    m.boards.push(BoardId("b1-00000001".into()));
    let silent = m.to_json();
    assert!(silent.contains("\"version\": 1") && !silent.contains("\"audio\""));
    let id = PhotoId::of_bytes(b"RIFF....WAVE").0;
    m.set_audio(vec![backup::BackupAudio {
        id: id.clone(),
        mime: "audio/wav".into(),
        name: "voice 1.wav".into(),
    }]);
    assert_eq!(m.version, 2);
    let back = Manifest::parse(&m.to_json()).unwrap();
    assert_eq!(back, m);
    assert_eq!(backup::audio_path(&back.audio[0].id), format!("audio/{id}"));
    // A manifest written before sound (version 1, no "audio") reads with no audio.
    let old = r#"{"format":"flowboard-backup","version":1,"created_at":1,"boards":["b1-00000001"],"photos":[]}"#;
    assert!(Manifest::parse(old).unwrap().audio.is_empty());
    // An audio id that could name another path is refused.
    let mut evil = m.clone();
    evil.audio[0].id = "../../boards/x".into();
    assert!(matches!(
        Manifest::parse(&evil.to_json()),
        Err(StorageError::BadBackup { .. })
    ));
}

#[test]
fn restoring_a_backup_never_overwrites_a_board() {
    let here = stored(rich_board());
    let mut changed = here.clone();
    changed.saved_at = 9_999.0;
    let new_one = StoredBoard::new(BoardId("b2-00000002".into()), 1.0, 1.0, Board::default());
    let existing = BTreeMap::from([(here.id.clone(), here.saved_at)]);
    let mut n = 0;
    let plan = backup::plan_restore(
        &existing,
        vec![here.clone(), changed, new_one.clone()],
        || {
            n += 1;
            BoardId(format!("fresh{n}"))
        },
    );
    assert_eq!(plan[0], Restore::AlreadyHere(here.id.clone()));
    let Restore::AddCopy(copy) = &plan[1] else {
        panic!("{:?}", plan[1])
    };
    assert_eq!(
        (copy.id.0.as_str(), copy.board.title.as_str()),
        ("fresh1", "家庭故事 · Family story (restored)")
    );
    assert_eq!(plan[2], Restore::Add(new_one));
}

#[test]
fn board_ids_are_safe_file_names() {
    let id = backup::new_board_id(1_763_700_000_000.0, 0.5);
    assert!(backup::is_board_id(&id.0), "{id}");
    assert!(!backup::is_board_id("a/b") && !backup::is_board_id("") && !backup::is_board_id(".."));
}

#[test]
fn storage_errors_say_what_to_do() {
    assert_eq!(
        StorageError::from_dom("QuotaExceededError", "x"),
        StorageError::QuotaFull
    );
    assert!(StorageError::QuotaFull
        .to_string()
        .contains("download a backup"));
    assert!(matches!(
        StorageError::from_dom("SecurityError", "denied"),
        StorageError::Unavailable { .. }
    ));
    assert!(matches!(
        StorageError::from_dom("AbortError", ""),
        StorageError::Failed { .. }
    ));
}

#[test]
fn a_stored_board_over_the_limits_opens_with_its_first_frames_and_scenes() {
    use crate::model::{MAX_FRAMES, MAX_SCENES};
    // Only an older build could have saved this: 2,500 frames in two scenes.
    let mut b = Board {
        scenes: vec![
            Scene::new(SceneId(1), "one".into()).into(),
            Scene::new(SceneId(2), "two".into()).into(),
        ],
        next_id: 10_000,
        ..Board::default()
    };
    b.scenes[0].frames = (0..1_500)
        .map(|i| Frame::new(FrameId(10 + i), None).into())
        .collect();
    b.scenes[1].frames = (0..1_000)
        .map(|i| Frame::new(FrameId(5_000 + i), None).into())
        .collect();
    let restored = restore(&stored(b).to_json()).unwrap();
    let board = &restored.stored.board;
    assert_eq!(board.frame_count(), MAX_FRAMES);
    assert_eq!(
        (board.scenes[0].frames.len(), board.scenes[1].frames.len()),
        (1_500, 500),
        "the first frames are kept"
    );
    assert_eq!(board.scenes[1].frames.last().unwrap().id, FrameId(5_499));
    let said: Vec<String> = restored.problems.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["This board has 2,500 frames; Flowboard opens at most 2,000, so the last 500 were left out."]);
    // 600 scenes: the first 500 are kept.
    let b = Board {
        scenes: (0..600)
            .map(|i| Scene::new(SceneId(1 + i), format!("s{i}")).into())
            .collect(),
        next_id: 1_000,
        ..Board::default()
    };
    let restored = restore(&stored(b).to_json()).unwrap();
    assert_eq!(restored.stored.board.scenes.len(), MAX_SCENES);
    assert_eq!(restored.stored.board.scenes.last().unwrap().title, "s499");
    assert!(
        restored.problems[0]
            .to_string()
            .contains("600 scenes; Flowboard opens at most 500, so the last 100 scenes"),
        "{:?}",
        restored.problems
    );
    // A damaged board over the limit is salvaged within it too.
    let mut json: Value = serde_json::from_str(&stored(rich_board()).to_json()).unwrap();
    json["board"]["title"] = 7.into();
    json["board"]["scenes"][0]["frames"] = (0..2_100)
        .map(|i| serde_json::json!({ "id": 100 + i, "photo": null }))
        .collect();
    let restored = restore(&json.to_string()).unwrap();
    assert_eq!(restored.stored.board.frame_count(), MAX_FRAMES);
}

#[test]
fn over_long_texts_are_cut_at_read_with_one_note() {
    let mut b = rich_board();
    b.author = "a".repeat(1_000);
    b.description = "描".repeat(2_001);
    let first = b.scenes[0].frames[0].id;
    let frame = b.frame_mut(first).unwrap();
    frame.notes = "n".repeat(1_000_000);
    frame.shot_type = Some(ShotType::Custom("自".repeat(61)));
    b.photos.values_mut().next().unwrap().name = "IMG".repeat(100);
    let restored = restore(&stored(b).to_json()).unwrap();
    let board = &restored.stored.board;
    assert_eq!(board.author.len(), 200);
    assert_eq!(board.description, "描".repeat(2_000));
    let frame = board.frame(first).unwrap();
    assert_eq!(
        (frame.notes.len(), frame.shot_type.clone()),
        (2_000, Some(ShotType::Custom("自".repeat(60))))
    );
    assert_eq!(board.photos.values().next().unwrap().name.len(), 255);
    assert_eq!(
        frame.caption, "奶奶的厨房 </script>\u{2028}",
        "texts within the limits are untouched"
    );
    let said: Vec<String> = restored.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        ["5 text(s) were longer than Flowboard allows and were cut short."]
    );
}

#[test]
fn many_missing_photos_make_a_few_notes_not_one_each() {
    let mut b = Board::default();
    b = act(
        &b,
        Action::AddPhotos {
            photos: (1..=50).map(photo).collect(),
            batch: 1,
        },
    );
    // Photo 1 is on two frames.
    let first = b.frames().next().unwrap().id;
    b = act(
        &b,
        Action::DuplicateFrames {
            frames: vec![first],
        },
    );
    let notes: Vec<String> = missing_photos(&b, &BTreeSet::new())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    assert!(
        notes[0].contains("“IMG_1.jpg”") && notes[0].contains("its 2 frame(s)"),
        "{}",
        notes[0]
    );
    assert_eq!(notes[3], "47 more photos were not found in this browser's storage; their 47 frame(s) show a placeholder.");
    // A few are each named.
    let stored: BTreeSet<PhotoId> = (6..=50).map(|n| photo(n).id).collect();
    assert_eq!(missing_photos(&b, &stored).len(), 5);
}

#[test]
fn ids_at_the_top_of_the_counter_are_renumbered_so_it_never_wraps() {
    // A hand-edited document (or bundle): a frame id of u64::MAX made `highest + 1` overflow (a
    // panic in debug and fuzz builds; in release the counter wrapped and new frames took ids
    // already in use), and a `next_id` of u64::MAX wrapped on the first frame added.
    for (frame_id, next_id) in [
        (u64::MAX, 2),
        (u64::MAX - 1, 2),
        (5, u64::MAX),
        (1 << 60, 1),
    ] {
        let json = format!(
            r#"{{"format":"flowboard-board","schema":1,"id":"b1","saved_at":1,"board":{{"title":"t","next_id":{next_id},
            "scenes":[{{"id":1,"title":"","frames":[{{"id":5,"photo":null}},{{"id":{frame_id},"photo":null}}]}}]}}}}"#
        );
        let board = restore(&json).unwrap().stored.board;
        let mut ids: Vec<u64> = board
            .scenes
            .iter()
            .map(|s| s.id.0)
            .chain(board.frames().map(|f| f.id.0))
            .collect();
        assert!(
            ids.iter().all(|id| *id < board.next_id),
            "{frame_id} {next_id}: {ids:?} next {}",
            board.next_id
        );
        assert!(
            board.next_id <= 1 << 53,
            "{frame_id} {next_id}: next {}",
            board.next_id
        );
        // Frames added afterwards take new ids, never one in use.
        let more = act(
            &board,
            Action::AddPhotos {
                photos: vec![photo(1), photo(2), photo(3), photo(4), photo(5), photo(6)],
                batch: 1,
            },
        );
        ids = more
            .scenes
            .iter()
            .map(|s| s.id.0)
            .chain(more.frames().map(|f| f.id.0))
            .collect();
        let unique: BTreeSet<u64> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{frame_id} {next_id}: {ids:?}");
    }
}

#[test]
fn a_backed_up_board_whose_own_id_is_not_one_we_make_gets_a_fresh_one() {
    // The manifest's ids are checked (they become paths), the documents' own ids were not: a
    // board stored as "x y" or "a/../b" is left out of every later backup, and once opened it
    // goes into the next backup's manifest, which the restore then refuses as a whole.
    for bad in ["x y", "a/../b", &"b".repeat(65)] {
        let json = format!(
            r#"{{"format":"flowboard-board","schema":1,"id":{bad:?},"saved_at":1,"board":{{"title":"t"}}}}"#
        );
        let incoming = restore(&json).unwrap().stored;
        let plan = backup::plan_restore(&BTreeMap::new(), vec![incoming], || {
            BoardId("b1-00000009".into())
        });
        let (Restore::Add(board) | Restore::AddCopy(board)) = &plan[0] else {
            panic!("{bad}: {:?}", plan[0])
        };
        assert!(
            backup::is_board_id(&board.id.0),
            "{bad}: stored as {:?}",
            board.id.0
        );
    }
}

#[test]
fn a_frame_without_a_photo_keeps_no_impossible_duration() {
    // Durations were checked only on frames with a photo.
    let json = r#"{"format":"flowboard-board","schema":1,"id":"b1","saved_at":1,"board":{"title":"t",
        "scenes":[{"id":1,"title":"","frames":[{"id":2,"photo":null,"duration":-5.0},{"id":3,"photo":null,"duration":0.0},{"id":4,"photo":null,"duration":2.5}]}]}}"#;
    let board = restore(json).unwrap().stored.board;
    let durations: Vec<Option<f64>> = board.frames().map(|f| f.duration).collect();
    assert_eq!(durations, vec![None, None, Some(2.5)]);
}

#[test]
fn a_photo_is_known_by_its_key_and_durations_are_kept_in_range() {
    // A board whose photo details claim another photo's id (an export would fetch that one) and
    // whose durations are out of range, as a hostile bundle or backup could hold.
    let mut board = Board::default();
    let (a, b) = (photo(1), photo(2));
    board.photos.insert(
        a.id.clone(),
        PhotoMeta {
            id: b.id.clone(),
            ..a.clone()
        },
    );
    let mut frame = Frame::new(FrameId(1), Some(a.id.clone()));
    frame.duration = Some(1e308);
    let mut short = Frame::new(FrameId(2), None);
    short.duration = Some(0.0001);
    board.scenes = vec![Scene {
        frames: vec![frame.into(), short.into()],
        ..Scene::new(SceneId(3), String::new())
    }
    .into()];
    board.next_id = 4;
    let json = StoredBoard::new(BoardId("b1".into()), 1.0, 2.0, board).to_json();
    let restored = restore(&json).unwrap().stored.board;
    assert_eq!(restored.photos[&a.id].id, a.id, "the key is the photo's id");
    let durations: Vec<_> = restored.frames().map(|f| f.duration).collect();
    assert_eq!(durations, vec![Some(3600.0), Some(0.1)]);
}
