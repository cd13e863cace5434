//! The film, planned: which pictures a video frame shows and how (crop on the way through each
//! camera move, opacity through a crossfade), how many video frames the board makes at a frame
//! rate, an optional title card before the story, and the subtitle file timed to the frames.
//!
//! Plain arithmetic on the animatic's timeline ([`crate::audio::timeline`]), so the film, the
//! presentation and the exported viewer agree on when each frame shows; the renderer (in a
//! worker) draws what [`layers_at`] says and the muxer writes what [`frame_count`] says.

pub mod caption;
/// Only where the feature `mux` is on (the tasks worker, native tests): see core/Cargo.toml.
#[cfg(feature = "mux")]
pub mod mux;
mod plan;
#[cfg(test)]
mod plan_tests;
pub mod recorded_webm;
#[cfg(test)]
mod tests;

pub use plan::{
    film_size, level_for, AudioCodec, Container, FilmFrame, FilmOptions, FilmPlan, Picture, Shot,
    SubtitleText, VideoCodec, LEVEL_SLACK, LEVEL_STEP,
};

use crate::audio::Cue;

/// How one frame gives way to the next.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Cut,
    /// Over this many seconds, centred on the cut (so the running time does not change); shorter
    /// where a frame on either side is too short for it.
    Crossfade(f64),
}

/// A picture to draw for one video frame: the frame (by its index in story order), how far
/// through its time on screen it is (0–1, for its camera move) and its opacity (drawn over what
/// comes before it in the list).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layer {
    pub index: usize,
    pub progress: f64,
    pub opacity: f64,
}

/// How long a title card shows before the story, when the film has one (seconds).
pub const TITLE_SECONDS: f64 = 3.0;

/// The number of video frames for `seconds` at `fps`: the running time rounded to the nearest
/// frame (at least one, so a board of one short frame still makes a film).
pub fn frame_count(seconds: f64, fps: u32) -> u64 {
    let n = (seconds.max(0.0) * f64::from(fps)).round();
    (n as u64).max(1)
}

/// When video frame `k` is shown (seconds), at `fps`.
pub fn frame_time(k: u64, fps: u32) -> f64 {
    k as f64 / f64::from(fps.max(1))
}

/// Half the crossfade at the cut before frame `i` (0 for the first frame and for cuts).
fn half_fade(cues: &[Cue], transition: Transition, i: usize) -> f64 {
    match transition {
        Transition::Cut => 0.0,
        Transition::Crossfade(seconds) if i > 0 && i < cues.len() => {
            let seconds = if seconds.is_finite() { seconds } else { 0.0 };
            (seconds / 2.0)
                .min(cues[i - 1].seconds / 2.0)
                .min(cues[i].seconds / 2.0)
                .max(0.0)
        }
        Transition::Crossfade(_) => 0.0,
    }
}

/// What video frame time `t` (seconds into the story) shows: one layer, or two during a
/// crossfade (the outgoing frame, then the incoming one over it with its opacity). A frame's
/// move runs over all the time it is visible, crossfades included, so it never stops while it
/// can be seen. Empty for an empty board.
pub fn layers_at(cues: &[Cue], transition: Transition, t: f64) -> Vec<Layer> {
    let Some((i, _)) = crate::audio::seek(cues, t) else {
        return Vec::new();
    };
    // Visible span of frame j: from its start less half the fade in, to its end plus half the
    // fade out.
    let span = |j: usize| {
        let c = &cues[j];
        (
            c.start - half_fade(cues, transition, j),
            c.end() + half_fade(cues, transition, j + 1),
        )
    };
    let progress = |j: usize| {
        let (a, b) = span(j);
        if b > a {
            ((t - a) / (b - a)).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let layer = |j: usize, opacity: f64| Layer {
        index: j,
        progress: progress(j),
        opacity,
    };
    // In the fade into frame i (its first half falls in frame i − 1's time, its second in i's)?
    let fading = |j: usize| {
        let h = half_fade(cues, transition, j);
        (h > 0.0 && (t - cues[j].start).abs() < h)
            .then(|| ((t - (cues[j].start - h)) / (2.0 * h)).clamp(0.0, 1.0))
    };
    let into_next = (i + 1 < cues.len())
        .then(|| fading(i + 1))
        .flatten()
        .map(|o| (i + 1, o));
    match into_next.or_else(|| fading(i).map(|o| (i, o))) {
        Some((j, opacity)) => vec![layer(j - 1, 1.0), layer(j, opacity)],
        None => vec![layer(i, 1.0)],
    }
}

/// One subtitle: from `start` to `end` (seconds), its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtitle {
    pub start: f64,
    pub end: f64,
    pub text: String,
}

/// The subtitles of a film: each frame's text (caption or dialogue, as chosen by the caller, in
/// story order beside `cues`) for the frame's time, moved later by `offset` (a title card); a
/// frame with no text has none.
pub fn subtitles(cues: &[Cue], texts: &[&str], offset: f64) -> Vec<Subtitle> {
    cues.iter()
        .zip(texts)
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(c, text)| Subtitle {
            start: c.start + offset,
            end: c.end() + offset,
            text: text.trim().replace("\r\n", "\n"),
        })
        .collect()
}

/// `h:mm:ss` and milliseconds of `seconds`, with the milliseconds after `mark`.
fn timestamp(seconds: f64, mark: char) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{mark}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// A text as a cue body: no blank lines (which end a cue in both formats) and no `-->` (which
/// starts one).
fn cue_text(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.replace("-->", "→"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The subtitles as a SubRip (`.srt`) file.
pub fn srt(subs: &[Subtitle]) -> String {
    let mut out = String::new();
    for (n, s) in subs.iter().enumerate() {
        out += &format!(
            "{}\n{} --> {}\n{}\n\n",
            n + 1,
            timestamp(s.start, ','),
            timestamp(s.end, ','),
            cue_text(&s.text)
        );
    }
    out
}

/// The subtitles as a WebVTT (`.vtt`) file.
pub fn vtt(subs: &[Subtitle]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for s in subs {
        // `<` and `&` start markup in WebVTT cue text.
        let text = cue_text(&s.text)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        out += &format!(
            "{} --> {}\n{}\n\n",
            timestamp(s.start, '.'),
            timestamp(s.end, '.'),
            text
        );
    }
    out
}
