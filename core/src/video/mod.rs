//! Stills from a video clip: what a frame records about the clip it was taken from, what the
//! page may refuse before the browser decodes anything, and the pure parts of picking.
//!
//! The browser decodes the clip (a `<video>` element in the page); this module decides the rest,
//! so it is tested natively:
//! - [`probe`]: the clip's container and video codec read from its own boxes (to name the codec
//!   the browser cannot decode) and whether the file stops before its end (a truncated copy);
//! - [`scenes`]: scene changes found by comparing small thumbnails ([`scenes::Signature`]), cut
//!   times refined by bisection, and the times of "every N seconds".

pub mod probe;
pub mod scenes;
#[cfg(test)]
mod tests;

use crate::i18n::{Lang, Message, T};
use serde::{Deserialize, Serialize};

/// Where a frame's photo came from when it is a still of a video clip: shown in the inspector and
/// the shot list. The photo itself is an ordinary photo (a JPEG stored by content hash), so
/// everything photos do works for stills.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoStill {
    /// The clip's file name.
    pub clip: String,
    /// The still's time in the clip, in seconds.
    pub at: f64,
}

impl VideoStill {
    /// "beach.mp4 · 0:02.033", in `lang`'s decimal mark.
    pub fn describe(&self, lang: Lang) -> String {
        lang.f(
            T::StillOf,
            &[("clip", &self.clip), ("time", &timecode(self.at, lang))],
        )
    }

    /// The still's file name: the clip's name without its extension and the time, e.g.
    /// `beach 0m02.033s.jpg` (names a photo in messages and among exported originals).
    pub fn file_name(&self) -> String {
        let stem = self
            .clip
            .rsplit_once('.')
            .map_or(self.clip.as_str(), |(stem, _)| stem);
        let ms = millis(self.at);
        format!(
            "{stem} {}m{:02}.{:03}s.jpg",
            ms / 60_000,
            ms / 1000 % 60,
            ms % 1000
        )
    }
}

fn millis(seconds: f64) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1000.0).round() as u64
    } else {
        0
    }
}

/// A time in a clip to the millisecond, as a player shows it: `0:02.033`, `1:02:05.500`, with
/// `lang`'s decimal mark (`0:02,033`). A frame of 60 fps video lasts 16.7 ms, so milliseconds
/// tell every frame apart.
pub fn timecode(seconds: f64, lang: Lang) -> String {
    let ms = millis(seconds);
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mark = lang.decimal_mark();
    if h > 0 {
        format!("{h}:{m:02}:{s:02}{mark}{frac:03}")
    } else {
        format!("{m}:{s:02}{mark}{frac:03}")
    }
}

/// The largest clip the stills dialog opens. The browser reads a clip as it plays, so size costs
/// no memory; the limit is for a mistaken drop (a whole day's recording, a disk image), refused
/// at once, before a byte is read. 2 GiB is about 6 minutes of a phone's 4K video.
pub const MAX_CLIP_BYTES: u64 = 2 << 30;

/// The most stills one automatic pick adds (with the board's room, whichever is smaller).
pub const MAX_AUTO_PICKS: usize = 200;

/// A file the stills dialog takes: by its type, else by its name's extension (a dropped file's
/// type comes from the system and may be empty). HEIC, also an ISO box file, is a photo.
pub fn is_clip(name: &str, mime: &str) -> bool {
    if mime.starts_with("video/") {
        return true;
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    mime.is_empty() && matches!(ext.as_str(), "mp4" | "m4v" | "mov" | "webm" | "mkv")
}

/// Why a clip was not opened. Each is said with the clip's name; nothing else changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ClipError {
    /// Larger than [`MAX_CLIP_BYTES`]: refused before reading.
    TooLarge { bytes: u64 },
    /// The file stops before its container says it ends.
    Truncated { bytes: u64, expected: u64 },
    /// The browser cannot decode its video; `codec` when the file names it.
    Undecodable { codec: Option<probe::Codec> },
    /// The browser could not read it, and its boxes give no reason.
    Unreadable,
    /// The clip has no picture (audio only) or no length.
    NoVideo,
}

impl ClipError {
    /// What to tell the person about clip `name`.
    pub fn message(&self, name: &str) -> Message {
        match self {
            Self::TooLarge { bytes } => Message::new(T::ClipTooLarge)
                .with("name", name)
                .with_number("mb", bytes.div_ceil(1_000_000))
                .with_number("max", MAX_CLIP_BYTES / 1_000_000),
            Self::Truncated { bytes, expected } => Message::new(T::ClipTruncated)
                .with("name", name)
                .with_number("mb", format!("{:.1}", *bytes as f64 / 1e6))
                .with_number("of", format!("{:.1}", *expected as f64 / 1e6)),
            Self::Undecodable { codec: Some(codec) } => Message::new(T::ClipCodec)
                .with("name", name)
                .with("codec", codec.name()),
            Self::Undecodable { codec: None } => {
                Message::new(T::ClipUndecodable).with("name", name)
            }
            Self::Unreadable => Message::new(T::ClipUnreadable).with("name", name),
            Self::NoVideo => Message::new(T::ClipNoVideo).with("name", name),
        }
    }
}
