//! A voice recording as the page makes it: one continuous take, cut into frames' clips by
//! reference, and stored chunk by chunk so that a reload cannot take more than the last second.
//!
//! Recording while presenting keeps ONE recorder running and notes when each frame came on
//! screen ([`Cut`]); every frame then narrates its part of the one file (a [`Narration`] trimmed
//! to it, [`parts`]). Stopping the recorder at each "next" and starting a new one was measured
//! in headless Chromium (`bench/recording-cuts.mjs`) to lose 0–60 ms (WebM) and 80–140 ms (MP4)
//! of speech at every cut; starting the new one before stopping the old repeats 20–60 ms in
//! WebM and still loses 20–70 ms in MP4. One stream loses nothing (its beeps stay 250 ± 0.5 ms
//! apart) and the file is stored once.
//!
//! [`Narration`]: super::Narration

use super::MIN_CLIP_SECONDS;
use crate::model::FrameId;
use serde::{Deserialize, Serialize};

/// A frame came on screen `at` seconds into the recording (the first cut is at 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cut {
    pub frame: FrameId,
    pub at: f64,
}

/// Each frame's part of a recording of `length` seconds cut at `cuts` (in the order they were
/// made): `(frame, start, end)` in seconds into the recording, in the order of the recording.
/// A part shorter than [`MIN_CLIP_SECONDS`] (a frame skipped past) gives its frame nothing; a
/// frame shown twice (the presenter went back to it) keeps the later of its parts — the one
/// said last. Cut times out of order or outside the recording are clamped into it.
pub fn parts(cuts: &[Cut], length: f64) -> Vec<(FrameId, f64, f64)> {
    let length = if length.is_finite() {
        length.max(0.0)
    } else {
        0.0
    };
    let mut at = 0.0_f64;
    let starts: Vec<f64> = cuts
        .iter()
        .map(|c| {
            let t = if c.at.is_finite() { c.at } else { at };
            at = t.clamp(at, length);
            at
        })
        .collect();
    let mut out: Vec<(FrameId, f64, f64)> = Vec::new();
    for (i, cut) in cuts.iter().enumerate() {
        let (start, end) = (starts[i], starts.get(i + 1).copied().unwrap_or(length));
        if end - start < MIN_CLIP_SECONDS {
            continue;
        }
        out.retain(|(frame, _, _)| *frame != cut.frame);
        out.push((cut.frame, start, end));
    }
    out
}

/// The key of a recording's chunk in the `recordings` store: `"<recording>/<seq:06>"`, so the
/// store's key order is each recording's chunks in order.
pub fn chunk_key(recording: &str, seq: u32) -> String {
    format!("{recording}/{seq:06}")
}

/// A chunk key read back: (recording, seq); `None` for a key not made by [`chunk_key`].
pub fn read_chunk_key(key: &str) -> Option<(&str, u32)> {
    let (recording, seq) = key.rsplit_once('/')?;
    (!recording.is_empty() && seq.len() == 6 && seq.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Some((recording, seq.parse().ok()?)))
        .flatten()
}

/// What can be made of a recording's stored chunks (their sequence numbers, any order) after a
/// reload cut it short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Salvage {
    /// Chunks `0..n` join into a file: every chunk up to the first one missing.
    Keep(u32),
    /// The first chunk, which carries the file's header (WebM's EBML and tracks, MP4's `moov`),
    /// is missing: the rest cannot be played.
    NoStart,
}

/// See [`Salvage`]: only an unbroken run from the first chunk joins into a playable file (a
/// container's later pieces continue the one before).
pub fn salvage(seqs: &[u32]) -> Salvage {
    let mut n = 0;
    while seqs.contains(&n) {
        n += 1;
    }
    if n == 0 {
        Salvage::NoStart
    } else {
        Salvage::Keep(n)
    }
}

/// The media types a recorder is asked for, best first: Opus in WebM (Chrome, Firefox, Edge),
/// Opus in Ogg (Firefox), AAC in MP4 (Safari; Chrome also offers it). The browser's own choice
/// (no type given) is the last resort.
pub const RECORDING_TYPES: [&str; 3] = [
    "audio/webm;codecs=opus",
    "audio/ogg;codecs=opus",
    "audio/mp4",
];

/// A file name for a recording's type: `audio/webm;codecs=opus` → `webm`.
pub fn extension(mime: &str) -> &'static str {
    let base = mime.split(';').next().unwrap_or("").trim();
    match base {
        "audio/ogg" => "ogg",
        "audio/mp4" | "audio/x-m4a" => "m4a",
        "audio/wav" => "wav",
        "audio/mpeg" => "mp3",
        _ => "webm",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(frame: u64, at: f64) -> Cut {
        Cut {
            frame: FrameId(frame),
            at,
        }
    }

    #[test]
    fn a_continuous_recording_is_cut_where_each_frame_came_on_screen() {
        let got = parts(&[cut(1, 0.0), cut(2, 2.5), cut(3, 6.0)], 9.25);
        assert_eq!(
            got,
            vec![
                (FrameId(1), 0.0, 2.5),
                (FrameId(2), 2.5, 6.0),
                (FrameId(3), 6.0, 9.25)
            ]
        );
        // The parts tile the recording: nothing lost or repeated at a cut.
        let total: f64 = got.iter().map(|(_, a, b)| b - a).sum();
        assert!((total - 9.25).abs() < 1e-12);
        // One frame, the whole take.
        assert_eq!(parts(&[cut(7, 0.0)], 3.0), vec![(FrameId(7), 0.0, 3.0)]);
    }

    #[test]
    fn skipped_frames_get_nothing_and_a_frame_said_twice_keeps_its_later_part() {
        let got = parts(
            &[
                cut(1, 0.0),
                cut(2, 2.0),
                cut(3, 2.95), // skipped past in 50 ms
                cut(4, 3.0),
                cut(2, 5.0), // back to 2, said again
            ],
            8.0,
        );
        assert_eq!(
            got,
            vec![
                (FrameId(1), 0.0, 2.0),
                (FrameId(4), 3.0, 5.0),
                (FrameId(2), 5.0, 8.0)
            ]
        );
        // The recording ended (shorter than the clock said) before the last cut.
        assert_eq!(
            parts(&[cut(1, 0.0), cut(2, 4.0)], 3.96),
            vec![(FrameId(1), 0.0, 3.96)]
        );
        // Cuts out of order, negative or not numbers are held inside the recording.
        assert_eq!(
            parts(
                &[cut(1, -1.0), cut(2, f64::NAN), cut(3, 1.0), cut(4, 0.5)],
                2.0
            ),
            vec![(FrameId(2), 0.0, 1.0), (FrameId(4), 1.0, 2.0)]
        );
        assert!(parts(&[], 5.0).is_empty());
        assert!(parts(&[cut(1, 0.0)], 0.05).is_empty());
    }

    #[test]
    fn a_recording_made_while_presenting_narrates_each_frame_in_one_undo_step() {
        use crate::actions::{tests::board_with, Action};
        use crate::audio::media::AudioMeta;
        use crate::session::Session;
        let audio = AudioMeta {
            id: "take".into(),
            name: "presentation.webm".into(),
            mime: "audio/webm".into(),
            bytes: 9_000,
            seconds: 7.5,
            peaks: vec![9; 4],
        };
        let mut session = Session::new(board_with(3));
        let ids: Vec<FrameId> = session.board.frames().map(|f| f.id).collect();
        let cuts = [
            Cut {
                frame: ids[0],
                at: 0.0,
            },
            Cut {
                frame: ids[1],
                at: 3.0,
            },
            Cut {
                frame: ids[2],
                at: 5.25,
            },
        ];
        // Frame 999 is gone since (deleted while the take was saved): skipped.
        let mut parts = parts(&cuts, audio.seconds);
        parts.push((FrameId(999), 0.0, 1.0));
        assert!(session.act(
            &Action::SetNarrations {
                audio: audio.clone(),
                parts
            },
            1.0
        ));
        let board = &session.board;
        let spans: Vec<(f64, f64, f64)> = board
            .frames()
            .map(|f| {
                let n = f.narration.as_ref().unwrap();
                assert_eq!((n.audio.as_str(), n.length), ("take", 7.5));
                (n.start, n.end, f.duration_or_default())
            })
            .collect();
        // Each frame lasts what was said over it, and the pause.
        assert_eq!(
            spans,
            vec![(0.0, 3.0, 3.5), (3.0, 5.25, 2.75), (5.25, 7.5, 2.75)]
        );
        assert_eq!(board.audio.len(), 1);
        assert!(session.act(&Action::Undo, 2.0));
        assert!(session.board.frames().all(|f| f.narration.is_none()));
        assert!(session.board.audio.is_empty());
        // Only frames that are gone: nothing to do.
        assert!(!session.act(
            &Action::SetNarrations {
                audio,
                parts: vec![(FrameId(999), 0.0, 1.0)]
            },
            3.0
        ));
    }

    #[test]
    fn chunk_keys_sort_in_order_and_read_back() {
        let keys: Vec<String> = [10, 2, 0].iter().map(|s| chunk_key("r1", *s)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, vec!["r1/000000", "r1/000002", "r1/000010"]);
        assert_eq!(read_chunk_key("r1/000010"), Some(("r1", 10)));
        assert_eq!(read_chunk_key("a/b/000003"), Some(("a/b", 3)));
        for bad in ["r1", "r1/12", "/000001", "r1/00000x", "r1/+00001"] {
            assert_eq!(read_chunk_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_an_unbroken_run_from_the_first_chunk_is_kept() {
        assert_eq!(salvage(&[0, 1, 2, 3]), Salvage::Keep(4));
        assert_eq!(salvage(&[3, 1, 0, 2]), Salvage::Keep(4));
        // Chunk 2 missing: what follows it does not continue the file.
        assert_eq!(salvage(&[0, 1, 3, 4]), Salvage::Keep(2));
        // No header: lost.
        assert_eq!(salvage(&[1, 2, 3]), Salvage::NoStart);
        assert_eq!(salvage(&[]), Salvage::NoStart);
    }

    #[test]
    fn recordings_are_named_by_their_container() {
        assert_eq!(extension("audio/webm;codecs=opus"), "webm");
        assert_eq!(extension("audio/ogg; codecs=opus"), "ogg");
        assert_eq!(extension("audio/mp4"), "m4a");
        assert_eq!(extension(""), "webm");
        assert!(RECORDING_TYPES.iter().all(|t| t.starts_with("audio/")));
    }
}
