use super::*;
use crate::audio::{timeline, Timed};

/// Frames of these hand-typed lengths, on the animatic's timeline.
fn cues(seconds: &[f64]) -> Vec<Cue> {
    let timed: Vec<Timed> = seconds
        .iter()
        .map(|s| Timed {
            by_hand: Some(*s),
            narration: None,
        })
        .collect();
    timeline(&timed, 0.5)
}

#[test]
fn a_film_has_the_boards_running_time_in_whole_frames() {
    assert_eq!(frame_count(180.0, 30), 5400);
    assert_eq!(frame_count(2.51, 24), 60);
    assert_eq!(frame_count(0.01, 30), 1, "a film has at least one frame");
    assert_eq!(frame_time(45, 30), 1.5);
}

#[test]
fn a_cut_shows_one_frame_at_a_time_and_its_move_runs_over_its_time() {
    let c = cues(&[2.0, 4.0]);
    assert_eq!(
        layers_at(&c, Transition::Cut, 1.0),
        vec![Layer {
            index: 0,
            progress: 0.5,
            opacity: 1.0
        }]
    );
    let at = |t| layers_at(&c, Transition::Cut, t);
    assert_eq!(at(2.0)[0].index, 1);
    assert_eq!(at(2.0)[0].progress, 0.0);
    assert_eq!(at(5.0)[0].progress, 0.75);
    assert_eq!(
        at(99.0)[0].progress,
        1.0,
        "past the end: the last frame, ended"
    );
    assert!(layers_at(&[], Transition::Cut, 0.0).is_empty());
}

#[test]
fn a_crossfade_is_centred_on_the_cut_and_never_longer_than_a_frame_allows() {
    let c = cues(&[2.0, 4.0, 0.6]);
    let fade = Transition::Crossfade(1.0);
    // Half a second each side of the cut at 2 s.
    assert_eq!(layers_at(&c, fade, 1.4).len(), 1);
    let before = layers_at(&c, fade, 1.75);
    assert_eq!(before.iter().map(|l| l.index).collect::<Vec<_>>(), [0, 1]);
    assert!((before[1].opacity - 0.25).abs() < 1e-9);
    let at_cut = layers_at(&c, fade, 2.0);
    assert!((at_cut[1].opacity - 0.5).abs() < 1e-9);
    let after = layers_at(&c, fade, 2.25);
    assert_eq!(after.iter().map(|l| l.index).collect::<Vec<_>>(), [0, 1]);
    assert!((after[1].opacity - 0.75).abs() < 1e-9);
    assert_eq!(layers_at(&c, fade, 2.6).len(), 1);
    // The last frame lasts 0.6 s: the fade into it is cut to half of that, centred on 6 s.
    assert_eq!(layers_at(&c, fade, 5.65).len(), 1);
    assert_eq!(layers_at(&c, fade, 5.75).len(), 2);
    assert_eq!(layers_at(&c, fade, 6.25).len(), 2);
    assert_eq!(layers_at(&c, fade, 6.35).len(), 1);
    // Frame 1 is visible from 1.5 s to 6.3 s: its move runs over all of that.
    let p = |t| {
        layers_at(&c, fade, t)
            .into_iter()
            .find(|l| l.index == 1)
            .unwrap()
            .progress
    };
    assert!((p(1.55) - 0.05 / 4.8).abs() < 1e-9);
    assert!((p(6.2) - 4.7 / 4.8).abs() < 1e-9);
}

#[test]
fn subtitles_follow_the_frames_and_skip_frames_without_text() {
    let c = cues(&[2.0, 3.0, 1.5]);
    let subs = subtitles(&c, &["Dawn at the pier", "  ", "Line one\r\nline two"], 3.0);
    assert_eq!(
        subs,
        vec![
            Subtitle {
                start: 3.0,
                end: 5.0,
                text: "Dawn at the pier".into()
            },
            Subtitle {
                start: 8.0,
                end: 9.5,
                text: "Line one\nline two".into()
            }
        ]
    );
    assert_eq!(
        srt(&subs),
        "1\n00:00:03,000 --> 00:00:05,000\nDawn at the pier\n\n\
         2\n00:00:08,000 --> 00:00:09,500\nLine one\nline two\n\n"
    );
    assert!(vtt(&subs).starts_with("WEBVTT\n\n00:00:03.000 --> 00:00:05.000\nDawn at the pier\n\n"));
}

#[test]
fn subtitle_text_cannot_end_or_start_a_cue_or_open_markup() {
    let c = cues(&[3725.25]);
    let subs = subtitles(&c, &["a --> b\n\n<i>c</i> & 海"], 0.0);
    assert_eq!(
        srt(&subs),
        "1\n00:00:00,000 --> 01:02:05,250\na → b\n<i>c</i> & 海\n\n"
    );
    assert_eq!(
        vtt(&subs),
        "WEBVTT\n\n00:00:00.000 --> 01:02:05.250\na → b\n&lt;i&gt;c&lt;/i&gt; &amp; 海\n\n"
    );
}
