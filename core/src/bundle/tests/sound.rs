//! Bundles with sound (format version 2): narration clips and a music bed travel as `audio/…`
//! files, the page carries them as `data:` media and a plan the viewer plays, and re-opening
//! brings them back — or, for a file that is missing, damaged or not audio, leaves that sound
//! out with a note and keeps everything else.

use super::*;
use crate::audio::{MusicBed, Narration};
use crate::model::AudioMeta;

/// A small WAV file (a RIFF/WAVE header and `n`-dependent bytes): audio by its first bytes.
fn wav(n: u8, len: usize) -> Vec<u8> {
    let mut bytes = b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0".to_vec();
    bytes.extend((0..len).map(|i| (i as u8).wrapping_mul(n) ^ n));
    bytes
}

fn sound_meta(bytes: &[u8], name: &str, seconds: f64) -> AudioMeta {
    AudioMeta {
        id: PhotoId::of_bytes(bytes).0,
        name: name.into(),
        mime: "audio/wav".into(),
        bytes: bytes.len() as u64,
        seconds,
        peaks: vec![0, 90, 255, 30],
    }
}

/// The sample board with a voice-over on frames 1.1 (trimmed, under a duration typed by hand)
/// and 1.2, and a music bed under it all. Gives the board, its photos and its sounds.
fn sounded() -> (Board, Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let (mut board, photos) = sample();
    let sounds = vec![wav(1, 3000), wav(2, 2000), wav(3, 5000)];
    let metas = [
        sound_meta(&sounds[0], "take 1.wav", 4.0),
        sound_meta(&sounds[1], "声音 2.wav", 1.5),
        sound_meta(&sounds[2], "bed </script>.wav", 60.0),
    ];
    for m in &metas {
        board.audio.insert(m.id.clone(), m.clone());
    }
    let first = board.frame_mut(FrameId(10)).unwrap();
    first.narration = Some(Narration::whole(metas[0].id.clone(), 4.0).trimmed(0.5, 3.5));
    board.frame_mut(FrameId(11)).unwrap().narration =
        Some(Narration::whole(metas[1].id.clone(), 1.5));
    board.music = Some(MusicBed {
        volume_db: -6.0,
        ..MusicBed::new(metas[2].id.clone(), 60.0)
    });
    (board, photos, sounds)
}

fn files_with_sound(
    manifest: &Manifest,
    jobs: &[RenderJob],
    photos: &[Vec<u8>],
    sounds: &[Vec<u8>],
) -> BTreeMap<String, Vec<u8>> {
    let mut files = all_files(manifest, jobs, photos);
    for a in &manifest.audio {
        let bytes = sounds
            .iter()
            .find(|b| PhotoId::of_bytes(b).0 == a.audio)
            .expect("sound present");
        files.insert(a.path.clone(), bytes.clone());
    }
    files
}

fn bundles(board: &Board, photos: &[Vec<u8>], sounds: &[Vec<u8>]) -> (String, Vec<u8>) {
    let (manifest, jobs) = plan(board, with_originals(), 1.0, "Flowboard test");
    let files = files_with_sound(&manifest, &jobs, photos, sounds);
    let html = join(&render(&manifest, Images::Embedded, Lang::En), &files);
    (html, zip_with(&manifest, &files))
}

#[test]
fn both_bundles_with_sound_reopen_with_their_sound() {
    let (board, photos, sounds) = sounded();
    let (html, zip) = bundles(&board, &photos, &sounds);
    for bytes in [html.as_bytes(), &zip[..]] {
        let opened = open(bytes, &read::Limits::default()).unwrap();
        assert_eq!(opened.manifest.audio.len(), 3);
        let back = reopen(opened);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(
            back.board, board,
            "narrations, trims, the bed and its options"
        );
        let mut got: Vec<(String, Vec<u8>)> = back
            .audio
            .into_iter()
            .map(|a| {
                assert_eq!(a.mime, "audio/wav");
                (a.id, a.bytes)
            })
            .collect();
        got.sort();
        let mut want: Vec<(String, Vec<u8>)> = sounds
            .iter()
            .map(|b| (PhotoId::of_bytes(b).0, b.clone()))
            .collect();
        want.sort();
        assert_eq!(got, want);
    }
}

#[test]
fn a_bundle_with_sound_is_version_2_and_one_without_stays_version_1() {
    let (board, photos, sounds) = sounded();
    let (manifest, _) = plan(&board, Settings::default(), 0.0, "t");
    assert_eq!(manifest.version, 2);
    let json = manifest.to_json();
    assert!(json.contains("\"version\": 2") && json.contains("\"audio\": ["));
    // Files the page could not find are left out, and their sound with them from the plan.
    let mut partial = manifest.clone();
    let bed = board.music.as_ref().unwrap().audio.clone();
    partial.keep_audio(|a| a.audio != bed);
    assert_eq!(partial.audio.len(), 2);
    assert!(partial.sound.as_ref().unwrap().music.is_none());
    partial.keep_audio(|_| false);
    assert_eq!((partial.version, partial.sound.is_none()), (1, true));
    // Without sound the manifest is exactly the version-1 shape.
    let (silent, photos2) = sample();
    let (manifest, _) = plan(&silent, Settings::default(), 0.0, "t");
    assert_eq!(manifest.version, 1);
    let json = manifest.to_json();
    for key in ["\"audio\"", "\"sound\"", "\"music\"", "\"narration\""] {
        assert!(!json.contains(key), "{key} in a silent bundle");
    }
    let _ = (photos, sounds, photos2);
}

#[test]
fn a_version_1_bundle_opens_and_any_sound_it_claims_is_dropped() {
    let (board, _, _) = sounded();
    let (manifest, _) = plan(&board, Settings::default(), 0.0, "t");
    let v1 = manifest
        .to_json()
        .replace("\"version\": 2", "\"version\": 1");
    let (read, problems) = parse_manifest(&v1).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(read.audio.is_empty() && read.board.audio.is_empty() && read.board.music.is_none());
    assert!(read.board.frames().all(|f| f.narration.is_none()));
    assert_eq!(read.board.frame(FrameId(10)).unwrap().caption, HOSTILE);
    // The version 2 manifest reads with its sound; a version 3 is refused.
    let (read, _) = parse_manifest(&manifest.to_json()).unwrap();
    assert_eq!(read.board, board);
    let v3 = manifest
        .to_json()
        .replace("\"version\": 2", "\"version\": 3");
    assert!(matches!(
        parse_manifest(&v3).unwrap_err(),
        BundleError::NewerVersion {
            found: 3,
            supported: 2
        }
    ));
}

#[test]
fn the_page_carries_sound_as_data_media_and_a_plan_the_viewer_plays() {
    let (board, photos, sounds) = sounded();
    let (html, _) = bundles(&board, &photos, &sounds);
    let head = &html[html.find("<head>").unwrap() + 6..];
    assert!(head.trim_start().starts_with(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; media-src data:; style-src"
    ));
    assert!(!html.contains("http://") && !html.contains("https://"));
    // Inert until played: the sounds are in a <template>, each a data: URI typed from its path.
    let template = &html[html.find("<template id=\"fb-audio\">").unwrap()..];
    let template = &template[..template.find("</template>").unwrap()];
    assert_eq!(template.matches("<audio data-file=\"audio/").count(), 3);
    assert_eq!(template.matches(" src=\"data:audio/wav;base64,").count(), 3);
    // The ZIP's page links them, and its CSP allows them from its own folder.
    let (manifest, _) = plan(&board, Settings::default(), 0.0, "t");
    let index = join(
        &render(&manifest, Images::Linked, Lang::En),
        &BTreeMap::new(),
    );
    assert!(index.contains("media-src 'self' data:;"));
    assert!(index.contains(&format!(
        "<audio data-file=\"{0}\" src=\"{0}\" preload=\"auto\">",
        manifest.audio[0].path
    )));
    // The plan: frame 1.1 speaks 3 s from 0.5 s into its clip, under its typed 2.5 s (cut
    // there); 1.2 its whole clip; the others nothing. The bed is ducked under both.
    let plan = manifest.sound.as_ref().unwrap();
    assert_eq!(plan.voices.len(), 4);
    let v0 = plan.voices[0].as_ref().unwrap();
    assert_eq!((v0.offset, v0.seconds), (0.5, 2.5));
    let v1 = plan.voices[1].as_ref().unwrap();
    assert_eq!((v1.offset, v1.seconds), (0.0, 1.5));
    assert!(plan.voices[2].is_none() && plan.voices[3].is_none());
    assert_eq!(plan.total, board.running_time());
    let music = plan.music.as_ref().unwrap();
    assert!(music.looped && music.length == 60.0);
    let level = crate::audio::gain(-6.0);
    let ducked = level * crate::audio::gain(crate::audio::DEFAULT_DUCK_DB);
    // Frame 1.2 starts at 2.5 s and speaks to 4.0 s; the next frame (silent) from 4.5 s.
    assert!((crate::audio::envelope_at(&music.envelope, 3.0) - ducked).abs() < 1e-9);
    assert!((crate::audio::envelope_at(&music.envelope, 5.0) - level).abs() < 1e-9);
    assert_eq!(crate::audio::envelope_at(&music.envelope, 0.0), 0.0);
    // Every frame's data-duration is the plan's timing (the script plays both from them).
    let cues = board.timeline();
    for (frame, cue) in board.frames().zip(&cues) {
        assert!(html.contains(&format!(
            "id=\"f-{}\" data-duration=\"{}\"",
            frame.id.0, cue.seconds
        )));
    }
    for hook in ["fb-audio", ".sound", "voices", "envelope", "importNode"] {
        assert!(include_str!("../viewer.js").contains(hook), "{hook}");
    }
}

#[test]
fn sound_that_is_missing_damaged_or_not_audio_is_left_out_with_a_note() {
    let (mut board, photos, mut sounds) = sounded();
    // The bed's file: a text file under an id that is its own hash (passes the hash check).
    let text = b"<html><script>alert(1)</script>".to_vec();
    let fake = sound_meta(&text, "music.mp3", 60.0);
    let old_bed = board.music.as_ref().unwrap().audio.clone();
    board.audio.remove(&old_bed);
    board.audio.insert(fake.id.clone(), fake.clone());
    board.music.as_mut().unwrap().audio = fake.id.clone();
    sounds[2] = text;
    let (manifest, jobs) = plan(&board, Settings::default(), 0.0, "t");
    let mut files = files_with_sound(&manifest, &jobs, &photos, &sounds);
    let path = |i: usize| {
        let id = PhotoId::of_bytes(&sounds[i]).0;
        manifest
            .audio
            .iter()
            .find(|a| a.audio == id)
            .unwrap()
            .path
            .clone()
    };
    files.remove(&path(0)); // frame 1.1's clip: missing
    files.get_mut(&path(1)).unwrap()[30] ^= 0xff; // frame 1.2's: damaged
    let back = reopen(Opened {
        manifest,
        files,
        problems: Vec::new(),
    });
    let said: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said.iter().any(|s| s.contains("“take 1.wav” is missing")));
    assert!(said
        .iter()
        .any(|s| s.contains("“声音 2.wav” in the bundle is damaged")));
    assert!(said
        .iter()
        .any(|s| s.contains("“music.mp3” in the bundle is not an audio file")));
    assert!(back.audio.is_empty());
    assert!(back.board.audio.is_empty() && back.board.music.is_none());
    assert!(back.board.frames().all(|f| f.narration.is_none()));
    // Everything else stays: captions, the typed duration, the pictures.
    let first = back.board.frame(FrameId(10)).unwrap();
    assert_eq!(
        (first.caption.as_str(), first.duration),
        (HOSTILE, Some(2.5))
    );
    assert_eq!(back.photos.len(), 3);
}

#[test]
fn sound_may_be_larger_than_a_picture_but_not_past_its_own_limit() {
    let (mut board, photos, _) = sounded();
    let big = wav(9, 200_000);
    let meta = sound_meta(&big, "long.wav", 600.0);
    board.audio.insert(meta.id.clone(), meta.clone());
    board.frame_mut(FrameId(13)).unwrap().narration =
        Some(Narration::whole(meta.id.clone(), 600.0));
    board.prune_audio();
    let sounds = vec![wav(1, 3000), wav(2, 2000), wav(3, 5000), big];
    let (html, zip) = bundles(&board, &photos, &sounds);
    // Pictures at most 100 KB, sound at most 300 KB: the bundle opens.
    let limits = read::Limits {
        max_file: 100_000,
        max_audio: 300_000,
        max_total: 10_000_000,
    };
    for bytes in [html.as_bytes(), &zip[..]] {
        assert_eq!(reopen(open(bytes, &limits).unwrap()).audio.len(), 4);
    }
    // Sound past its limit refuses the bundle, naming the file and the limit.
    let tight = read::Limits {
        max_audio: 150_000,
        ..limits
    };
    for bytes in [html.as_bytes(), &zip[..]] {
        let err = open(bytes, &tight).unwrap_err();
        assert!(matches!(err, BundleError::TooLarge { .. }), "{err:?}");
        assert!(err.to_string().contains("audio/"), "{err}");
    }
    // A picture may not use the sound's larger limit.
    let (manifest, jobs) = plan(&board, Settings::default(), 0.0, "t");
    let mut files = files_with_sound(&manifest, &jobs, &photos, &sounds);
    files.insert(manifest.images[0].path.clone(), vec![0; 200_000]);
    let html = join(&render(&manifest, Images::Embedded, Lang::En), &files);
    assert!(matches!(
        open(html.as_bytes(), &limits).unwrap_err(),
        BundleError::TooLarge { .. }
    ));
}
