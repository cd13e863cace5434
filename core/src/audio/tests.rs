use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn a_frame_lasts_as_typed_else_its_narration_and_pause_else_the_default() {
    let clip = Narration::whole("a", 2.4);
    let by_hand = Timed {
        by_hand: Some(5.0),
        narration: Some(&clip),
    };
    assert_eq!(frame_seconds(&by_hand, 0.5), 5.0);
    let narrated = Timed {
        by_hand: None,
        narration: Some(&clip),
    };
    assert!(close(frame_seconds(&narrated, 0.5), 2.9));
    assert!(close(frame_seconds(&narrated, 0.0), 2.4));
    let silent = Timed {
        by_hand: None,
        narration: None,
    };
    assert_eq!(frame_seconds(&silent, 0.5), DEFAULT_FRAME_SECONDS);
    // A nonsense duration typed by hand does not count.
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let frame = Timed {
            by_hand: Some(bad),
            narration: Some(&clip),
        };
        assert!(close(frame_seconds(&frame, 0.5), 2.9), "{bad}");
    }
}

#[test]
fn trimming_keeps_the_clip_inside_itself_and_never_empty() {
    let clip = Narration::whole("a", 4.0);
    let t = clip.trimmed(0.5, 3.0);
    assert_eq!((t.start, t.end), (0.5, 3.0));
    assert!(close(t.playing(), 2.5));
    let t = clip.trimmed(3.0, 1.0);
    assert!(close(t.start, 3.0) && close(t.end, 3.0 + MIN_CLIP_SECONDS));
    let t = clip.trimmed(-2.0, 99.0);
    assert_eq!((t.start, t.end), (0.0, 4.0));
    let t = clip.trimmed(f64::NAN, f64::NAN);
    assert!(t.start >= 0.0 && t.end <= 4.0 && t.playing() >= MIN_CLIP_SECONDS);
    let t = clip.trimmed(4.0, 4.0);
    assert!(close(t.playing(), MIN_CLIP_SECONDS) && t.end <= 4.0);
}

#[test]
fn each_clip_starts_at_its_frames_start_and_is_cut_at_a_shorter_frames_end() {
    let a = Narration::whole("a", 2.0).trimmed(0.25, 2.0);
    let b = Narration::whole("b", 6.0);
    let frames = [
        Timed {
            by_hand: None,
            narration: Some(&a),
        },
        Timed {
            by_hand: None,
            narration: None,
        },
        Timed {
            by_hand: Some(4.0),
            narration: Some(&b),
        },
    ];
    let cues = timeline(&frames, 0.5);
    assert_eq!(cues.len(), 3);
    assert!(close(cues[0].start, 0.0) && close(cues[0].seconds, 2.25));
    assert_eq!(cues[0].voice, Some((0.0, 0.25, 1.75)));
    assert!(close(cues[1].start, 2.25) && cues[1].voice.is_none());
    assert!(close(cues[2].start, 5.25));
    assert_eq!(cues[2].voice, Some((5.25, 0.0, 4.0)));
    assert!(close(total_seconds(&cues), 9.25));
}

#[test]
fn seeking_finds_the_frame_and_the_time_into_it() {
    let silent = Timed {
        by_hand: None,
        narration: None,
    };
    let cues = timeline(&[silent.clone(), silent.clone(), silent], 0.5);
    assert_eq!(seek(&cues, 0.0), Some((0, 0.0)));
    assert_eq!(seek(&cues, 3.0), Some((1, 0.0)));
    assert_eq!(seek(&cues, 7.5), Some((2, 1.5)));
    assert_eq!(seek(&cues, 99.0), Some((2, 3.0)));
    assert_eq!(seek(&cues, -4.0), Some((0, 0.0)));
    assert_eq!(seek(&[], 1.0), None);
}

#[test]
fn decibels_as_gain() {
    assert!(close(gain(0.0), 1.0));
    assert!((gain(-12.0) - 0.251_188_6).abs() < 1e-6);
    assert!((gain(-6.0) - 0.501_187).abs() < 1e-5);
}

#[test]
fn the_music_fades_in_and_out_and_ducks_under_narration_with_short_ramps() {
    let clip = Narration::whole("v", 2.0);
    let silent = Timed {
        by_hand: Some(4.0),
        narration: None,
    };
    let narrated = Timed {
        by_hand: None,
        narration: Some(&clip),
    };
    // 0–4 silent, 4–6.5 narrated (voice 4–6), 6.5–10.5 silent.
    let cues = timeline(&[silent.clone(), narrated, silent], 0.5);
    let bed = MusicBed::new("m", 60.0);
    let env = music_envelope(&cues, &bed);
    let g = |t| envelope_at(&env, t);
    assert!(close(g(0.0), 0.0), "starts silent");
    assert!(close(g(0.5), 0.5), "half way through a 1 s fade in");
    assert!(close(g(2.0), 1.0), "full level");
    assert!(close(g(4.0 - DUCK_RAMP_SECONDS), 1.0), "not yet ducked");
    let ducked = gain(DEFAULT_DUCK_DB);
    assert!(close(g(4.0), ducked), "ducked when the voice starts");
    assert!(close(g(5.0), ducked));
    assert!(close(g(6.0), ducked), "until it ends");
    assert!(
        close(g(6.0 + DUCK_RAMP_SECONDS), 1.0),
        "back up after a short ramp"
    );
    assert!(close(g(9.5), 0.5), "half way through a 2 s fade out");
    assert!(close(g(10.5), 0.0), "silent at the end");
    // Breakpoints are in time order, every gain within [0, 1].
    assert!(env.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(env.iter().all(|&(_, g)| (0.0..=1.0).contains(&g)));
}

#[test]
fn narration_close_together_keeps_the_music_down_between_clips() {
    let a = Narration::whole("a", 2.0);
    let frames = [
        Timed {
            by_hand: None,
            narration: Some(&a),
        },
        Timed {
            by_hand: None,
            narration: Some(&a),
        },
    ];
    // Voices 0–2 and 2.5–4.5: a 0.5 s gap, shorter than the hold.
    let cues = timeline(&frames, 0.5);
    let mut bed = MusicBed::new("m", 60.0);
    bed.fade_in = 0.0;
    bed.fade_out = 0.0;
    let env = music_envelope(&cues, &bed);
    let ducked = gain(DEFAULT_DUCK_DB);
    for t in [0.1, 1.0, 2.1, 2.25, 2.4, 3.0, 4.5] {
        assert!(close(envelope_at(&env, t), ducked), "t = {t}");
    }
    assert!(close(envelope_at(&env, 5.0), 1.0));
}

#[test]
fn a_bed_loops_or_ends_as_chosen() {
    let mut bed = MusicBed::new("m", 30.0);
    assert_eq!(music_offset(&bed, 75.0), Some(15.0));
    bed.looped = false;
    assert_eq!(music_offset(&bed, 20.0), Some(20.0));
    assert_eq!(music_offset(&bed, 31.0), None);
    assert_eq!(music_offset(&MusicBed::new("m", 0.0), 1.0), None);
    // Volume and fades on an empty board: no envelope.
    assert!(music_envelope(&[], &bed).is_empty());
}
