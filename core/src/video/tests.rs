use super::probe::{self, Codec, Mp4Walk};
use super::scenes::{self, Bisect, Signature};
use super::*;

/// Walks `bytes` as the page does: 16 bytes at each offset the walk asks for.
fn walk(bytes: &[u8]) -> Mp4Walk {
    let mut w = Mp4Walk::new(bytes.len() as u64);
    while let Some(at) = w.next() {
        let at = at as usize;
        w.feed(&bytes[at..(at + 16).min(bytes.len())]);
    }
    w
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    out
}

/// A `trak` whose handler is `handler` and whose first sample entry is `entry`.
fn trak(handler: &[u8; 4], entry: &[u8; 4]) -> Vec<u8> {
    let hdlr = mp4_box(b"hdlr", &[&[0u8; 8][..], handler, &[0; 12]].concat());
    let stsd = mp4_box(
        b"stsd",
        &[&[0, 0, 0, 0, 0, 0, 0, 1][..], &mp4_box(entry, &[0; 78])].concat(),
    );
    let stbl = mp4_box(b"stbl", &stsd);
    let minf = mp4_box(b"minf", &stbl);
    let mdia = mp4_box(b"mdia", &[hdlr, mp4_box(b"mdhd", &[0; 24]), minf].concat());
    mp4_box(b"trak", &[mp4_box(b"tkhd", &[0; 84]), mdia].concat())
}

fn clip(video: &[u8; 4]) -> Vec<u8> {
    let moov = mp4_box(
        b"moov",
        &[
            mp4_box(b"mvhd", &[0; 100]),
            trak(b"soun", b"mp4a"),
            trak(b"vide", video),
        ]
        .concat(),
    );
    [
        mp4_box(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41"),
        mp4_box(b"mdat", &[7; 5000]),
        moov,
    ]
    .concat()
}

#[test]
fn the_video_tracks_codec_is_read_from_the_moov_box_wherever_it_is() {
    for (entry, codec) in [
        (b"avc1", Codec::H264),
        (b"hvc1", Codec::Hevc),
        (b"hev1", Codec::Hevc),
        (b"av01", Codec::Av1),
        (b"vp09", Codec::Vp9),
        (b"apcn", Codec::Other("Apple ProRes".into())),
    ] {
        let bytes = clip(entry);
        let w = walk(&bytes);
        assert_eq!(w.truncated, None);
        let (at, len) = w.moov.expect("moov found after mdat");
        let moov = &bytes[at as usize..(at + len) as usize];
        assert_eq!(probe::mp4_codec(moov), Some(codec.clone()), "{entry:?}");
    }
    assert_eq!(Codec::Hevc.name(), "HEVC (H.265)");
    // The audio track comes first and is skipped; without a video track there is no codec.
    let audio_only = mp4_box(b"moov", &trak(b"soun", b"mp4a"));
    assert_eq!(probe::mp4_codec(&audio_only), None);
}

#[test]
fn a_clip_cut_off_is_known_by_its_boxes_and_a_whole_one_is_not() {
    let bytes = clip(b"avc1");
    for keep in [bytes.len() - 1, bytes.len() / 2, 40, 30, 5] {
        let w = walk(&bytes[..keep]);
        assert!(
            w.truncated.is_some_and(|t| t > keep as u64),
            "{keep} bytes: {:?}",
            w.truncated
        );
    }
    // A last box of size 0 runs to the end of the file, whatever its length.
    let mut open_ended = bytes[..bytes.len() - 100].to_vec();
    let moov_at = walk(&bytes).moov.unwrap().0 as usize;
    open_ended[moov_at..moov_at + 4].copy_from_slice(&[0; 4]);
    assert_eq!(walk(&open_ended).truncated, None);
    // A 64-bit box size (a clip over 4 GB has one on its mdat).
    let mut large = mp4_box(b"ftyp", b"isom\0\0\x02\0");
    large.extend_from_slice(&1u32.to_be_bytes());
    large.extend_from_slice(b"mdat");
    large.extend_from_slice(&(16u64 + 100).to_be_bytes());
    large.extend_from_slice(&[0; 100]);
    assert_eq!(walk(&large).truncated, None);
    assert_eq!(
        walk(&large[..large.len() - 1]).truncated,
        Some(large.len() as u64)
    );
}

#[test]
fn the_walk_asks_for_a_bounded_number_of_reads() {
    // 30 000 empty boxes: the walk stops after MAX_BOXES reads rather than reading them all.
    let bytes: Vec<u8> = (0..30_000).flat_map(|_| mp4_box(b"free", &[])).collect();
    let mut w = Mp4Walk::new(bytes.len() as u64);
    let mut reads = 0;
    while let Some(at) = w.next() {
        reads += 1;
        w.feed(&bytes[at as usize..at as usize + 16]);
    }
    assert_eq!(reads, 20_000);
    assert_eq!(w.truncated, None);
}

/// An EBML element: id bytes, an 8-byte size, the body.
fn ebml(id: &[u8], body: &[u8], size: u64) -> Vec<u8> {
    let mut out = id.to_vec();
    out.push(0x01);
    out.extend_from_slice(&size.to_be_bytes()[1..]);
    out.extend_from_slice(body);
    out
}

#[test]
fn webm_codec_and_a_segment_longer_than_the_file() {
    let tracks = ebml(&[0x16, 0x54, 0xAE, 0x6B], b"\x86\x85V_VP9", 7);
    let body = [tracks, vec![0; 1000]].concat();
    let file = [
        ebml(&[0x1A, 0x45, 0xDF, 0xA3], b"\x42\x82\x84webm", 7),
        ebml(&[0x18, 0x53, 0x80, 0x67], &body, body.len() as u64),
    ]
    .concat();
    assert!(probe::is_webm(&file));
    let whole = probe::webm(&file, file.len() as u64);
    assert_eq!(whole.codec, Some(Codec::Vp9));
    assert_eq!(whole.truncated, None);
    let cut = probe::webm(&file[..600], 600);
    assert_eq!(cut.truncated, Some(file.len() as u64));
    // Unknown size (a live recording): nothing to say about its end.
    let mut live = file.clone();
    let seg = 4 + 8 + 7;
    live[seg + 4..seg + 12].copy_from_slice(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
    assert_eq!(probe::webm(&live[..600], 600).truncated, None);
}

/// Clips made by Debian's ffmpeg, when it is installed (scripts/setup.sh installs it).
fn ffmpeg(args: &[&str], out: &std::path::Path) -> Option<Vec<u8>> {
    let status = std::process::Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
        ])
        .args(args)
        .arg(out)
        .status()
        .ok()?;
    assert!(status.success(), "ffmpeg {args:?}");
    Some(std::fs::read(out).unwrap())
}

fn probe_file(bytes: &[u8]) -> probe::Probe {
    if probe::is_webm(bytes) {
        return probe::webm(&bytes[..bytes.len().min(65_536)], bytes.len() as u64);
    }
    let w = walk(bytes);
    let codec = w
        .moov
        .and_then(|(at, len)| probe::mp4_codec(&bytes[at as usize..(at + len) as usize]));
    probe::Probe {
        codec,
        truncated: w.truncated,
    }
}

#[test]
fn clips_made_by_ffmpeg_are_named_and_their_cut_copies_found() {
    let dir = std::env::temp_dir().join(format!("flowboard-video-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = "testsrc2=size=160x120:rate=30:duration=1";
    let made = [
        (
            vec![src, "-c:v", "libx264", "-pix_fmt", "yuv420p"],
            "a.mp4",
            Codec::H264,
        ),
        (
            vec![
                src,
                "-c:v",
                "libx265",
                "-tag:v",
                "hvc1",
                "-x265-params",
                "log-level=error",
            ],
            "b.mp4",
            Codec::Hevc,
        ),
        (
            vec![src, "-c:v", "libvpx-vp9", "-b:v", "100k"],
            "c.webm",
            Codec::Vp9,
        ),
        (
            vec![src, "-c:v", "libx264", "-movflags", "+faststart"],
            "d.mov",
            Codec::H264,
        ),
    ];
    for (args, name, codec) in made {
        let Some(bytes) = ffmpeg(&args, &dir.join(name)) else {
            eprintln!("ffmpeg is not installed: skipped");
            return;
        };
        let whole = probe_file(&bytes);
        assert_eq!(whole.codec, Some(codec.clone()), "{name}");
        assert_eq!(whole.truncated, None, "{name}");
        let cut = probe_file(&bytes[..bytes.len() * 2 / 3]);
        assert!(cut.truncated.is_some(), "{name} cut to two thirds");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn timecodes_and_still_names() {
    assert_eq!(timecode(2.0333, Lang::En), "0:02.033");
    assert_eq!(timecode(2.0333, Lang::It), "0:02,033");
    assert_eq!(timecode(3725.5, Lang::En), "1:02:05.500");
    assert_eq!(timecode(-1.0, Lang::En), "0:00.000");
    assert_eq!(timecode(f64::NAN, Lang::Zh), "0:00.000");
    let still = VideoStill {
        clip: "beach day.mp4".into(),
        at: 62.5,
    };
    assert_eq!(still.file_name(), "beach day 1m02.500s.jpg");
    assert_eq!(still.describe(Lang::En), "beach day.mp4 at 1:02.500");
    assert_eq!(still.describe(Lang::It), "beach day.mp4 a 1:02,500");
}

#[test]
fn clips_are_told_from_photos_by_type_then_name() {
    assert!(is_clip("x.bin", "video/mp4"));
    assert!(is_clip("IMG_1.MOV", ""));
    assert!(is_clip("a.webm", ""));
    assert!(!is_clip("IMG_1.HEIC", ""));
    assert!(
        !is_clip("a.mp4", "image/png"),
        "a type other than video wins"
    );
    assert!(!is_clip("noext", ""));
}

#[test]
fn clip_errors_name_the_clip_and_what_to_do() {
    let hevc = ClipError::Undecodable {
        codec: Some(Codec::Hevc),
    };
    let text = hevc.message("IMG_2.MOV").show(Lang::En);
    assert!(
        text.contains("IMG_2.MOV") && text.contains("HEVC (H.265)"),
        "{text}"
    );
    let big = ClipError::TooLarge { bytes: 4 << 30 }.message("day.mp4");
    assert!(
        big.show(Lang::En).contains("4,295 MB"),
        "{}",
        big.show(Lang::En)
    );
    assert!(
        big.show(Lang::It).contains("più dei 2147 MB"),
        "{}",
        big.show(Lang::It)
    );
    let cut = ClipError::Truncated {
        bytes: 1_500_000,
        expected: 3_000_000,
    };
    assert!(cut.message("a.mp4").show(Lang::It).contains("1,5"));
    for e in [
        ClipError::Unreadable,
        ClipError::NoVideo,
        ClipError::Undecodable { codec: None },
    ] {
        for lang in Lang::ALL {
            assert!(e.message("a.webm").show(lang).contains("a.webm"));
        }
    }
}

fn solid(rgb: [u8; 3], noise: u8, seed: u32) -> Signature {
    let (w, h) = (64, 36);
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    let rgba: Vec<u8> = (0..w * h)
        .flat_map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let n = (x % (u32::from(noise) + 1)) as u8;
            [
                rgb[0].saturating_add(n),
                rgb[1].saturating_add(n),
                rgb[2].saturating_add(n),
                255,
            ]
        })
        .collect();
    Signature::of_rgba(&rgba, w, h)
}

#[test]
fn cuts_between_solid_shots_are_found_and_noise_is_not_a_cut() {
    let shots = [
        ([200, 20, 20], 8),
        ([20, 200, 20], 5),
        ([20, 20, 200], 6),
        ([200, 200, 20], 4),
    ];
    let mut samples = Vec::new();
    for (rgb, n) in shots {
        for i in 0..n {
            samples.push(solid(rgb, 12, samples.len() as u32 * 7 + i));
        }
    }
    assert_eq!(scenes::cuts(&samples), vec![8, 13, 19]);
    // A slow change (a pan across a gradient) is no cut.
    let pan: Vec<Signature> = (0..40u8)
        .map(|i| solid([i * 6, 100, 100], 4, u32::from(i)))
        .collect();
    assert!(scenes::cuts(&pan).is_empty());
    assert!(scenes::cuts(&[]).is_empty());
    assert!(scenes::cuts(&samples[..1]).is_empty());
}

#[test]
fn a_signature_keeps_where_colour_is() {
    // Left half red, right half blue, against its mirror image: every cell differs by 180 in two
    // channels.
    let (w, h) = (32, 18);
    let picture = |flip: bool| -> Vec<u8> {
        (0..w * h)
            .flat_map(|i| {
                if ((i % w) < w / 2) != flip {
                    [200, 0, 20, 255]
                } else {
                    [20, 0, 200, 255]
                }
            })
            .collect()
    };
    let a = Signature::of_rgba(&picture(false), w, h);
    let b = Signature::of_rgba(&picture(true), w, h);
    assert!((a.distance(&b) - 120.0).abs() < 0.01, "{}", a.distance(&b));
    assert_eq!(a.distance(&a), 0.0);
}

#[test]
fn bisection_finds_the_first_frame_of_the_new_shot() {
    // 30 fps, cut at frame 61 (2.0333 s): what a player shows at time t is frame floor(t * 30).
    let fps = 30.0;
    let shown = |t: f64| {
        if (t * fps).floor() >= 61.0 {
            solid([0, 0, 255], 10, (t * 1000.0) as u32)
        } else {
            solid([255, 0, 0], 10, (t * 1000.0) as u32)
        }
    };
    let mut b = Bisect::new((1.9, shown(1.9)), (2.1, shown(2.1)), 0.01);
    let mut looks = 0;
    while let Some(t) = b.next() {
        b.feed(t, &shown(t));
        looks += 1;
    }
    assert!(looks <= 5, "{looks} seeks");
    assert!(
        (b.after * fps).floor() == 61.0,
        "still at frame {}",
        b.after * fps
    );
}

#[test]
fn automatic_pick_times() {
    assert_eq!(scenes::every(5.0, 2.0, 100), vec![0.0, 2.0, 4.0]);
    assert_eq!(scenes::every(5.0, 2.0, 2), vec![0.0, 2.0]);
    assert!(scenes::every(5.0, 0.0, 100).is_empty());
    assert!(scenes::every(f64::INFINITY, 1.0, 100).is_empty());
    let s = scenes::sample_times(6.0, 0.1, 500);
    assert_eq!(s.len(), 61);
    assert_eq!(s[0], 0.0);
    assert!((s[60] - 5.999).abs() < 1e-9);
    assert_eq!(scenes::sample_times(1000.0, 0.1, 300).len(), 300);
    assert_eq!(scenes::filmstrip_times(8.0, 4), vec![1.0, 3.0, 5.0, 7.0]);
}

#[test]
fn stills_become_frames_with_their_timecode_in_one_undo_step_and_survive_a_save() {
    use crate::actions::tests::photo;
    use crate::actions::Action;
    use crate::editor::{Access, EditorMsg, ImportedPhoto};
    use crate::model::Board;
    let state = crate::editor::tests::editor(0, Access::Editing);
    let stills: Vec<VideoStill> = [0.0, 2.0, 3.5]
        .map(|at| VideoStill {
            clip: "cuts.webm".into(),
            at,
        })
        .into();
    let mut state = state.reduce(EditorMsg::ImportStills {
        batch: 9,
        stills: stills.clone(),
    });
    // They arrive one by one, out of order, as the workers finish them.
    for (n, i) in [2, 0, 1].into_iter().enumerate() {
        state = state.reduce(EditorMsg::ImportFinished {
            batch: 9,
            index: i,
            result: Ok(ImportedPhoto {
                meta: photo(i),
                thumbnail_url: format!("blob:t{i}"),
                original_url: format!("blob:o{i}"),
            }),
            at: 100.0 + 5000.0 * n as f64,
        });
    }
    let board = &state.session.board;
    let got: Vec<_> = board.frames().map(|f| f.still.clone().unwrap()).collect();
    assert_eq!(got, stills);
    assert_eq!(
        board
            .frames()
            .map(|f| f.photo.clone().unwrap())
            .collect::<Vec<_>>(),
        (0..3).map(|i| photo(i).id).collect::<Vec<_>>()
    );
    assert!(state.imports.is_empty(), "done without errors");
    assert_eq!(
        state.session.history.undo_label(),
        Some(crate::i18n::T::StepAddStills)
    );
    // The document keeps them, and an old document without the field still reads.
    let json = serde_json::to_value(&**board).unwrap();
    assert_eq!(json["scenes"][0]["frames"][1]["still"]["at"], 2.0);
    let back: Board = serde_json::from_value(json).unwrap();
    assert_eq!(&back, &**board);
    let undone = state.reduce(EditorMsg::Do {
        action: Action::Undo,
        at: 99_000.0,
    });
    assert_eq!(undone.session.board.frame_count(), 0, "one undo step");
}

#[test]
fn the_shot_list_names_each_stills_clip_and_time() {
    use crate::actions::tests::photo;
    use crate::actions::{apply, Action};
    use crate::model::{Board, Selection};
    let board = Board::default();
    let action = Action::AddStills {
        stills: vec![(
            photo(0),
            VideoStill {
                clip: "beach.mov".into(),
                at: 12.04,
            },
        )],
        batch: 1,
    };
    let mut board = apply(&board, &Selection::default(), &action)
        .and_then(|o| o.board)
        .unwrap();
    board = apply(
        &board,
        &Selection::default(),
        &Action::AddPhotos {
            photos: vec![photo(1)],
            batch: 2,
        },
    )
    .and_then(|o| o.board)
    .unwrap();
    let csv = crate::bundle::shotlist::csv(&board, Lang::It);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].ends_with(";Fotogramma dal video"), "{}", lines[0]);
    assert!(lines[1].ends_with(";beach.mov a 0:12,040"), "{}", lines[1]);
    assert!(lines[2].ends_with(';'), "a photo has no clip: {}", lines[2]);
}
