//! Sound on a storyboard, planned: narration clips per frame, a music bed under the whole board,
//! and the animatic's timeline built from them — when each frame starts, which part of its clip
//! plays, and the music's gain over time (fades, and ducking under narration).
//!
//! Everything here is plain arithmetic on seconds and decibels, so it is tested natively; the
//! page schedules what it says on the Web Audio clock, and the film export renders from the same
//! plan, so picture and sound agree wherever they are played.

#[cfg(test)]
mod board_tests;
pub mod media;
pub mod recording;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// How long a frame lasts when nothing says otherwise (seconds): the editor's default.
pub const DEFAULT_FRAME_SECONDS: f64 = 3.0;
/// The pause after a frame's narration when durations are fitted to it (seconds).
pub const DEFAULT_PAUSE_SECONDS: f64 = 0.5;
/// How far the music goes down under narration (dB).
pub const DEFAULT_DUCK_DB: f64 = -12.0;
/// How long the music takes to go down before narration starts, and back up after it ends.
pub const DUCK_RAMP_SECONDS: f64 = 0.15;
/// Narration clips closer together than this keep the music ducked between them (no pumping).
pub const DUCK_HOLD_SECONDS: f64 = 0.6;
/// The longest audio file the editor takes (seconds) and its largest size (bytes).
pub const MAX_AUDIO_SECONDS: f64 = 30.0 * 60.0;
pub const MAX_AUDIO_BYTES: u64 = 200 * 1024 * 1024;

/// A narration clip on a frame: which audio, and the part of it that plays (seconds into the
/// clip, `start < end`). Trimming changes only these two numbers; the audio is kept whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narration {
    /// Content hash of the audio file (stored once, like a photo).
    pub audio: String,
    /// The clip's whole length (seconds), as decoded.
    pub length: f64,
    pub start: f64,
    pub end: f64,
    /// The pause after the clip when the frame's duration follows it (seconds), as chosen when
    /// durations were last fitted to narration ([`crate::actions::Action::FitToNarration`]);
    /// `None`: the timeline's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<f64>,
}

impl Narration {
    /// A whole clip of `length` seconds.
    pub fn whole(audio: impl Into<String>, length: f64) -> Self {
        let length = finite_non_negative(length);
        Self {
            audio: audio.into(),
            length,
            start: 0.0,
            end: length,
            pause: None,
        }
    }

    /// This clip over a file of `length` seconds (a stored document's, which may be wrong):
    /// trimmed to fit inside it, its pause kept within [`MAX_PAUSE_SECONDS`].
    pub fn within(&self, length: f64) -> Self {
        Self {
            pause: self.pause.map(pause_within),
            ..Self::whole(self.audio.clone(), length).trimmed(self.start, self.end)
        }
    }

    /// How long it plays (seconds).
    pub fn playing(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }

    /// The clip trimmed to `start..end` (seconds into the clip), kept inside the clip and at
    /// least [`MIN_CLIP_SECONDS`] long.
    pub fn trimmed(&self, start: f64, end: f64) -> Self {
        let length = self.length;
        let min = MIN_CLIP_SECONDS.min(length);
        let start = finite_non_negative(start).min(length - min);
        let end = finite_non_negative(end).clamp(start + min, length);
        Self {
            start,
            end,
            ..self.clone()
        }
    }
}

/// The shortest a trimmed clip can be (seconds).
pub const MIN_CLIP_SECONDS: f64 = 0.1;
/// The longest pause after a clip that fitting durations to narration takes (seconds).
pub const MAX_PAUSE_SECONDS: f64 = 10.0;

/// A pause as fitting takes it: 0 to [`MAX_PAUSE_SECONDS`], the default when not a number.
pub fn pause_within(pause: f64) -> f64 {
    if pause.is_finite() {
        pause.clamp(0.0, MAX_PAUSE_SECONDS)
    } else {
        DEFAULT_PAUSE_SECONDS
    }
}

fn finite_non_negative(x: f64) -> f64 {
    if x.is_finite() {
        x.max(0.0)
    } else {
        0.0
    }
}

/// One audio file for the whole board, under the narration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MusicBed {
    pub audio: String,
    /// The file's length (seconds).
    pub length: f64,
    /// Its level (dB; 0 = as recorded).
    pub volume_db: f64,
    pub fade_in: f64,
    pub fade_out: f64,
    /// How far it goes down under narration (dB, ≤ 0).
    pub duck_db: f64,
    /// Loops until the board ends; otherwise it plays once (and stops with the board if longer).
    pub looped: bool,
}

impl MusicBed {
    pub fn new(audio: impl Into<String>, length: f64) -> Self {
        Self {
            audio: audio.into(),
            length: finite_non_negative(length),
            volume_db: 0.0,
            fade_in: 1.0,
            fade_out: 2.0,
            duck_db: DEFAULT_DUCK_DB,
            looped: true,
        }
    }
}

/// What the timeline needs of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed<'a> {
    /// A duration typed by hand (seconds): it wins over the narration.
    pub by_hand: Option<f64>,
    pub narration: Option<&'a Narration>,
}

/// How long a frame lasts: as typed by hand; else its narration plus its pause (the one chosen
/// when durations were fitted, else `pause`); else the default.
pub fn frame_seconds(frame: &Timed, pause: f64) -> f64 {
    match (
        frame.by_hand.filter(|d| d.is_finite() && *d > 0.0),
        frame.narration,
    ) {
        (Some(d), _) => d,
        (None, Some(n)) => n.playing() + finite_non_negative(n.pause.unwrap_or(pause)),
        (None, None) => DEFAULT_FRAME_SECONDS,
    }
}

/// A frame's place on the animatic's timeline, and its narration's (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// When the frame appears (seconds from the start of the board).
    pub start: f64,
    pub seconds: f64,
    /// When its narration starts on the timeline, which part of the clip plays, for how long:
    /// (timeline start, offset into the clip, seconds). A clip longer than a frame typed shorter
    /// by hand is cut at the frame's end.
    pub voice: Option<(f64, f64, f64)>,
}

impl Cue {
    pub fn end(&self) -> f64 {
        self.start + self.seconds
    }
}

/// The animatic's timeline: one cue per frame, in story order.
pub fn timeline(frames: &[Timed], pause: f64) -> Vec<Cue> {
    let mut at = 0.0;
    frames
        .iter()
        .map(|f| {
            let seconds = frame_seconds(f, pause);
            let voice = f
                .narration
                .map(|n| (at, n.start, n.playing().min(seconds)))
                .filter(|v| v.2 > 0.0);
            let cue = Cue {
                start: at,
                seconds,
                voice,
            };
            at += seconds;
            cue
        })
        .collect()
}

/// The board's running time (seconds).
pub fn total_seconds(cues: &[Cue]) -> f64 {
    cues.last().map_or(0.0, Cue::end)
}

/// Where `t` seconds into the board falls: the cue's index and how far into it. Past the end:
/// the last frame, at its end.
pub fn seek(cues: &[Cue], t: f64) -> Option<(usize, f64)> {
    let last = cues.len().checked_sub(1)?;
    let t = finite_non_negative(t);
    let i = cues.partition_point(|c| c.end() <= t).min(last);
    Some((i, (t - cues[i].start).clamp(0.0, cues[i].seconds)))
}

/// Decibels as a linear gain.
pub fn gain(db: f64) -> f64 {
    10f64.powf(db / 20.0)
}

/// The music's gain over the board as breakpoints `(seconds, linear gain)`, straight lines
/// between them (Web Audio's `linearRampToValueAtTime` from one to the next): a fade in from
/// silence, its level, ducked by `duck_db` from [`DUCK_RAMP_SECONDS`] before each stretch of
/// narration to the same after it (stretches closer than [`DUCK_HOLD_SECONDS`] stay ducked
/// between), and a fade out to silence at the end of the board.
pub fn music_envelope(cues: &[Cue], bed: &MusicBed) -> Vec<(f64, f64)> {
    let total = total_seconds(cues);
    if total <= 0.0 {
        return Vec::new();
    }
    let level = gain(bed.volume_db.min(12.0));
    let duck = gain(bed.duck_db.min(0.0));
    // Stretches of narration, merged where they nearly touch.
    let mut spans: Vec<(f64, f64)> = Vec::new();
    for (start, _, seconds) in cues.iter().filter_map(|c| c.voice) {
        match spans.last_mut() {
            Some(last) if start - last.1 < DUCK_HOLD_SECONDS => {
                last.1 = last.1.max(start + seconds)
            }
            _ => spans.push((start, start + seconds)),
        }
    }
    // The level the bed would have at `t` without ducking (fades only).
    let fade_in = finite_non_negative(bed.fade_in).min(total / 2.0);
    let fade_out = finite_non_negative(bed.fade_out).min(total / 2.0);
    let undimmed = |t: f64| {
        let mut g = level;
        if fade_in > 0.0 && t < fade_in {
            g *= t / fade_in;
        }
        if fade_out > 0.0 && t > total - fade_out {
            g *= ((total - t) / fade_out).max(0.0);
        }
        g
    };
    let is_ducked = |t: f64| spans.iter().any(|&(a, b)| t >= a && t <= b);
    let at = |t: f64| undimmed(t) * if is_ducked(t) { duck } else { 1.0 };
    let mut times = vec![0.0, fade_in, total - fade_out, total];
    for &(a, b) in &spans {
        times.extend([
            (a - DUCK_RAMP_SECONDS).max(0.0),
            a,
            b,
            (b + DUCK_RAMP_SECONDS).min(total),
        ]);
    }
    times.retain(|t| (0.0..=total).contains(t));
    times.sort_by(f64::total_cmp);
    times.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    times.into_iter().map(|t| (t, at(t))).collect()
}

/// The envelope's gain at `t` (straight lines between breakpoints).
pub fn envelope_at(envelope: &[(f64, f64)], t: f64) -> f64 {
    let i = envelope.partition_point(|p| p.0 <= t);
    match (i.checked_sub(1).map(|j| envelope[j]), envelope.get(i)) {
        (Some((t0, g0)), Some(&(t1, g1))) if t1 > t0 => g0 + (g1 - g0) * (t - t0) / (t1 - t0),
        (Some((_, g)), _) => g,
        (None, Some(&(_, g))) => g,
        (None, None) => 0.0,
    }
}

/// Where the music file is at `t` seconds into the board: `None` once a bed that does not loop
/// has ended.
pub fn music_offset(bed: &MusicBed, t: f64) -> Option<f64> {
    if bed.length <= 0.0 {
        return None;
    }
    let t = finite_non_negative(t);
    if bed.looped {
        Some(t % bed.length)
    } else {
        (t < bed.length).then_some(t)
    }
}
