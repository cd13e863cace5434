//! Sound on a board: the actions that attach, trim and remove it (undo included), and a stored
//! board that keeps it, or repairs it.

use super::*;
use crate::actions::tests::board_with as board;
use crate::actions::{apply, Action};
use crate::model::{AudioMeta, Board, FrameId};
use crate::session::Session;
use crate::storage::{restore, BoardId, StoredBoard};

fn audio(name: &str, seconds: f64) -> AudioMeta {
    AudioMeta {
        id: format!("hash-of-{name}"),
        name: name.into(),
        mime: "audio/webm".into(),
        bytes: 40_000,
        seconds,
        peaks: vec![0, 128, 255],
    }
}

fn narrate(frame: u64, meta: &AudioMeta) -> Action {
    Action::SetNarration {
        frame: FrameId(frame),
        clip: Some((
            meta.clone(),
            Narration::whole(meta.id.clone(), meta.seconds),
        )),
    }
}

#[test]
fn narration_attaches_trims_and_goes_with_undo_and_the_frame_lasts_as_long_as_it() {
    let voice = audio("take-1.webm", 2.4);
    let mut session = Session::new(board(2));
    assert!(session.act(&narrate(2, &voice), 1.0));
    let frame = session.board.frame(FrameId(2)).unwrap();
    assert_eq!(frame.narration.as_ref().unwrap().playing(), 2.4);
    assert!((frame.duration_or_default() - (2.4 + DEFAULT_PAUSE_SECONDS)).abs() < 1e-9);
    assert!(session.board.audio.contains_key(&voice.id));
    // Dragging a trim handle is one undo step, however many moves it makes.
    for (t, end) in [(10.0, 2.2), (10.1, 2.0), (10.2, 1.8)] {
        assert!(session.act(
            &Action::TrimNarration {
                frame: FrameId(2),
                start: 0.3,
                end,
            },
            t,
        ));
    }
    let n = session
        .board
        .frame(FrameId(2))
        .unwrap()
        .narration
        .clone()
        .unwrap();
    assert!((n.start, n.end) == (0.3, 1.8));
    // A duration typed by hand wins.
    assert!(session.act(
        &Action::SetField {
            frame: FrameId(2),
            value: crate::model::FieldValue::Duration(Some(5.0)),
        },
        20.0,
    ));
    assert_eq!(
        session
            .board
            .frame(FrameId(2))
            .unwrap()
            .duration_or_default(),
        5.0
    );
    assert!(session.act(&Action::Undo, 30.0));
    assert!(session.act(&Action::Undo, 31.0));
    let n = session
        .board
        .frame(FrameId(2))
        .unwrap()
        .narration
        .clone()
        .unwrap();
    assert_eq!(
        (n.start, n.end),
        (0.0, 2.4),
        "the whole trim drag was one step"
    );
    // Removing it forgets the audio the board no longer uses; undo brings both back.
    let remove = Action::SetNarration {
        frame: FrameId(2),
        clip: None,
    };
    assert!(session.act(&remove, 40.0));
    assert!(session.board.frame(FrameId(2)).unwrap().narration.is_none());
    assert!(session.board.audio.is_empty());
    assert!(session.act(&Action::Undo, 41.0));
    assert!(session.board.audio.contains_key(&voice.id));
    // Trimming a frame without narration, or removing what is not there, does nothing.
    let nothing = Action::TrimNarration {
        frame: FrameId(3),
        start: 0.0,
        end: 1.0,
    };
    assert!(apply(&session.board, &session.selection, &nothing).is_none());
}

#[test]
fn deleting_a_narrated_frame_forgets_its_audio_unless_another_frame_uses_it() {
    let voice = audio("shared.webm", 3.0);
    let mut session = Session::new(board(3));
    session.act(&narrate(2, &voice), 1.0);
    session.act(&narrate(3, &voice), 2.0);
    session.act(
        &Action::DeleteFrames {
            frames: vec![FrameId(2)],
        },
        3.0,
    );
    assert!(session.board.audio.contains_key(&voice.id));
    session.act(
        &Action::DeleteFrames {
            frames: vec![FrameId(3)],
        },
        4.0,
    );
    assert!(session.board.audio.is_empty());
}

#[test]
fn a_music_bed_is_laid_changed_within_sense_and_removed() {
    let song = audio("song.mp3", 95.0);
    let mut session = Session::new(board(1));
    let bed = MusicBed::new(song.id.clone(), song.seconds);
    assert!(session.act(&Action::SetMusic(Some((song.clone(), bed.clone()))), 1.0));
    assert_eq!(session.board.music.as_ref().unwrap().length, 95.0);
    let wild = MusicBed {
        volume_db: 80.0,
        fade_in: -3.0,
        fade_out: f64::NAN,
        duck_db: 12.0,
        looped: false,
        // Options never change which file plays.
        audio: "another".into(),
        length: 1.0,
    };
    assert!(session.act(&Action::SetMusicOptions(wild), 2.0));
    let m = session.board.music.clone().unwrap();
    assert_eq!(
        (m.volume_db, m.fade_in, m.fade_out, m.duck_db, m.looped),
        (6.0, 0.0, 2.0, 0.0, false)
    );
    assert_eq!((m.audio.as_str(), m.length), (song.id.as_str(), 95.0));
    assert!(session.act(&Action::SetMusic(None), 3.0));
    assert!(session.board.music.is_none() && session.board.audio.is_empty());
    assert!(session.act(&Action::Undo, 4.0));
    assert!(session.board.music.is_some());
}

fn stored(board: Board) -> String {
    StoredBoard::new(BoardId("b".into()), 1.0, 2.0, board).to_json()
}

#[test]
fn a_board_without_sound_is_written_as_before_and_one_with_sound_reads_back() {
    let plain = stored(board(2));
    assert!(!plain.contains("audio") && !plain.contains("narration") && !plain.contains("music"));
    let voice = audio("v.webm", 2.0);
    let song = audio("s.mp3", 60.0);
    let mut session = Session::new(board(2));
    session.act(&narrate(2, &voice), 1.0);
    session.act(
        &Action::SetMusic(Some((song.clone(), MusicBed::new(song.id.clone(), 60.0)))),
        2.0,
    );
    let json = stored((*session.board).clone());
    let back = restore(&json).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.stored.board, *session.board);
}

#[test]
fn sound_whose_audio_is_gone_is_removed_and_said_and_trims_are_kept_inside_their_clip() {
    let voice = audio("v.webm", 2.0);
    let mut session = Session::new(board(3));
    session.act(&narrate(2, &voice), 1.0);
    session.act(&narrate(3, &voice), 2.0);
    let song = audio("s.mp3", 60.0);
    session.act(
        &Action::SetMusic(Some((song.clone(), MusicBed::new(song.id.clone(), 60.0)))),
        3.0,
    );
    let mut json: serde_json::Value =
        serde_json::from_str(&stored((*session.board).clone())).unwrap();
    // A hand-edited document: the song's details are gone, one trim runs past its clip.
    json["board"]["audio"]
        .as_object_mut()
        .unwrap()
        .remove(&song.id);
    json["board"]["scenes"][0]["frames"][1]["narration"]["end"] = 99.0.into();
    let back = restore(&json.to_string()).unwrap();
    let board = &back.stored.board;
    assert!(board.music.is_none());
    assert_eq!(
        board
            .frame(FrameId(3))
            .unwrap()
            .narration
            .as_ref()
            .unwrap()
            .end,
        2.0
    );
    assert_eq!(board.audio.len(), 1);
    let said: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        ["A voice-over or the music lost its audio (its details were missing) and was removed."]
    );
    // Audio details that do not read at all: the narrations naming them go, with one note.
    json["board"]["audio"] = serde_json::json!({ "x": 1 });
    let back = restore(&json.to_string()).unwrap();
    assert!(back.stored.board.frames().all(|f| f.narration.is_none()));
    assert!(back.stored.board.audio.is_empty());
    assert!(
        back.problems
            .iter()
            .any(|p| p.to_string().starts_with("3 voice-overs or music lost")),
        "{:?}",
        back.problems
    );
}

fn seconds_of(session: &Session, frame: u64) -> f64 {
    session
        .board
        .frame(FrameId(frame))
        .unwrap()
        .duration_or_default()
}

#[test]
fn fitting_durations_to_narration_uses_the_pause_chosen_and_a_duration_typed_by_hand_wins() {
    let (a, b, c) = (
        audio("a.webm", 2.4),
        audio("b.webm", 1.0),
        audio("c.webm", 1.5),
    );
    let mut session = Session::new(board(4));
    session.act(&narrate(2, &a), 1.0);
    session.act(&narrate(3, &b), 2.0);
    session.act(
        &Action::SetField {
            frame: FrameId(3),
            value: crate::model::FieldValue::Duration(Some(5.0)),
        },
        3.0,
    );
    assert!(
        (seconds_of(&session, 2) - 2.9).abs() < 1e-9,
        "default pause"
    );
    assert!(session.act(&Action::FitToNarration { pause: 1.25 }, 4.0));
    assert!((seconds_of(&session, 2) - 3.65).abs() < 1e-9);
    assert_eq!(seconds_of(&session, 3), 5.0, "typed by hand still wins");
    assert_eq!(seconds_of(&session, 4), DEFAULT_FRAME_SECONDS);
    // Fitting again with the same pause changes nothing (no undo step).
    assert!(!session.act(&Action::FitToNarration { pause: 1.25 }, 5.0));
    // A clip attached later gets the pause chosen; clearing the typed duration lets the
    // narration decide again.
    session.act(&narrate(4, &c), 6.0);
    assert!((seconds_of(&session, 4) - 2.75).abs() < 1e-9);
    session.act(
        &Action::SetField {
            frame: FrameId(3),
            value: crate::model::FieldValue::Duration(None),
        },
        7.0,
    );
    assert!((seconds_of(&session, 3) - 2.25).abs() < 1e-9);
    // The animatic's timeline follows the frames' own pauses.
    let timed: Vec<Timed> = session
        .board
        .frames()
        .map(|f| Timed {
            by_hand: f.duration,
            narration: f.narration.as_ref(),
        })
        .collect();
    let cues = timeline(&timed, DEFAULT_PAUSE_SECONDS);
    assert!((total_seconds(&cues) - (3.0 + 3.65 + 2.25 + 2.75)).abs() < 1e-9);
    // Undo puts the pause back as it was, on the board and on each clip.
    session.act(&Action::Undo, 8.0);
    session.act(&Action::Undo, 9.0);
    assert!(session.act(&Action::Undo, 10.0));
    assert_eq!(session.board.narration_pause, None);
    assert!((seconds_of(&session, 2) - 2.9).abs() < 1e-9);
    // A pause out of range is kept within sense.
    session.act(&Action::FitToNarration { pause: 99.0 }, 11.0);
    assert_eq!(session.board.narration_pause, Some(MAX_PAUSE_SECONDS));
    session.act(&Action::FitToNarration { pause: f64::NAN }, 12.0);
    assert_eq!(session.board.narration_pause, Some(DEFAULT_PAUSE_SECONDS));
    session.act(&Action::FitToNarration { pause: -1.0 }, 13.0);
    assert_eq!(seconds_of(&session, 2), 2.4);
}

#[test]
fn the_pause_chosen_is_stored_and_a_wild_one_in_a_document_is_kept_within_sense() {
    let voice = audio("v.webm", 2.0);
    let mut session = Session::new(board(2));
    session.act(&narrate(2, &voice), 1.0);
    session.act(&Action::FitToNarration { pause: 0.8 }, 2.0);
    let json = stored((*session.board).clone());
    let back = restore(&json).unwrap();
    assert_eq!(back.stored.board, *session.board);
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["board"]["narration_pause"] = 1e9.into();
    value["board"]["scenes"][0]["frames"][0]["narration"]["pause"] = (-4.0).into();
    let board = restore(&value.to_string()).unwrap().stored.board;
    assert_eq!(board.narration_pause, Some(MAX_PAUSE_SECONDS));
    let frame = board.frame(FrameId(2)).unwrap();
    assert_eq!(frame.narration.as_ref().unwrap().pause, Some(0.0));
    assert_eq!(frame.duration_or_default(), 2.0);
}

#[test]
fn the_boards_timeline_lasts_what_each_frame_says_so_the_presentation_agrees_with_the_editor() {
    // Four frames: narration with the default pause, narration trimmed with a pause of its own
    // (fitted), a duration typed by hand over a longer clip (cut at the frame's end), and nothing.
    let mut b = board(4);
    let frames: Vec<FrameId> = b.frames().map(|f| f.id).collect();
    let clip = |seconds: f64| Narration::whole("hash", seconds);
    b.frame_mut(frames[0]).unwrap().narration = Some(clip(2.4));
    let mut own = clip(3.0).trimmed(0.5, 2.5);
    own.pause = Some(1.25);
    b.frame_mut(frames[1]).unwrap().narration = Some(own);
    let typed = b.frame_mut(frames[2]).unwrap();
    typed.narration = Some(clip(6.0));
    typed.duration = Some(4.0);
    let cues = b.timeline();
    let seconds: Vec<f64> = b.frames().map(|f| f.duration_or_default()).collect();
    assert_eq!(cues.len(), 4);
    for (cue, s) in cues.iter().zip(&seconds) {
        assert!((cue.seconds - s).abs() < 1e-9, "{cue:?} lasts {s}");
    }
    let expected = [
        2.4 + DEFAULT_PAUSE_SECONDS,
        2.0 + 1.25,
        4.0,
        DEFAULT_FRAME_SECONDS,
    ];
    for (s, e) in seconds.iter().zip(expected) {
        assert!((s - e).abs() < 1e-9, "{s} ≠ {e}");
    }
    assert!((total_seconds(&cues) - b.running_time()).abs() < 1e-9);
    // Each frame starts where the one before ends; each clip at its frame's start, from its
    // trim, cut at a typed frame's end.
    assert_eq!(cues[1].start, cues[0].end());
    assert_eq!(cues[0].voice, Some((0.0, 0.0, 2.4)));
    assert_eq!(cues[1].voice, Some((cues[1].start, 0.5, 2.0)));
    assert_eq!(cues[2].voice, Some((cues[2].start, 0.0, 4.0)));
    assert_eq!(cues[3].voice, None);
}
