//! A film to make, decided before any pixel is drawn: what the user chose in the export dialog
//! ([`FilmOptions`]), and from the board what each video frame shows ([`FilmPlan::shot`]), at
//! which sizes each photo must be decoded at ([`FilmPlan::decode_levels`]) and what the subtitle file
//! says. The worker that renders and encodes the film only follows this plan, so the film is
//! tested here, natively, to the frame.

use super::{frame_count, frame_time, layers_at, subtitles, Subtitle, Transition, TITLE_SECONDS};
use crate::audio::Cue;
use crate::model::camera::{self, CameraMove};
use crate::model::crop::{Aspect, Crop};
use crate::model::{Board, PhotoId};
use serde::{Deserialize, Serialize};

/// The file the film is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    /// H.264 video; AAC audio where the browser encodes it, else Opus.
    Mp4,
    /// VP9 video, Opus audio.
    Webm,
}

/// How the video is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VideoCodec {
    H264,
    Vp9,
}

/// How the sound is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudioCodec {
    Aac,
    Opus,
}

impl VideoCodec {
    /// The WebCodecs codec string for a `width` × `height` film at `fps`: H.264 High at the
    /// lowest level that holds the frame size and rate (Baseline 3.1 is refused at 1080p), VP9
    /// profile 0, 8 bits, level 4.0 (1080p60 fits).
    pub fn webcodecs(self, width: u32, height: u32, fps: u32) -> &'static str {
        match self {
            Self::H264 => {
                // Macroblocks per second decide the level (H.264 table A-1).
                let mbs = u64::from(width.div_ceil(16)) * u64::from(height.div_ceil(16));
                let rate = mbs * u64::from(fps);
                if mbs <= 3_600 && rate <= 108_000 {
                    "avc1.64001f" // 3.1: 720p30
                } else if mbs <= 8_192 && rate <= 245_760 {
                    "avc1.640028" // 4.0: 1080p30
                } else {
                    "avc1.640032" // 5.0
                }
            }
            Self::Vp9 => "vp09.00.40.08",
        }
    }
}

impl AudioCodec {
    /// The WebCodecs codec string.
    pub fn webcodecs(self) -> &'static str {
        match self {
            Self::Aac => "mp4a.40.2",
            Self::Opus => "opus",
        }
    }
}

impl Container {
    /// The video codec this container carries.
    pub fn video(self) -> VideoCodec {
        match self {
            Self::Mp4 => VideoCodec::H264,
            Self::Webm => VideoCodec::Vp9,
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::Webm => "webm",
        }
    }

    /// The file's media type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Mp4 => "video/mp4",
            Self::Webm => "video/webm",
        }
    }
}

/// Which text the subtitle file (and burned-in captions) carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubtitleText {
    #[default]
    Caption,
    Dialogue,
}

/// What the user chose in the export dialog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmOptions {
    pub container: Container,
    /// The audio codec (MP4 only: AAC where the browser encodes it, else Opus; WebM: Opus).
    pub audio: AudioCodec,
    /// The short side in pixels: 720 or 1080 (a 9:16 board at 1080 gives 1080 × 1920).
    pub lines: u32,
    /// 24, 25 or 30.
    pub fps: u32,
    /// Cut, or a crossfade of so many seconds.
    pub transition: Transition,
    /// A title card (the board's title and author) before the story.
    pub title_card: bool,
    /// Captions drawn into the picture.
    pub burn_captions: bool,
    pub subtitles: SubtitleText,
}

impl Default for FilmOptions {
    fn default() -> Self {
        Self {
            container: Container::Mp4,
            audio: AudioCodec::Opus,
            lines: 1080,
            fps: 30,
            transition: Transition::Cut,
            title_card: false,
            burn_captions: false,
            subtitles: SubtitleText::Caption,
        }
    }
}

/// The film's frame size for a board of `aspect` at `lines` on the short side: even sides (the
/// encoders' 4:2:0 chroma needs them). A free-shape board is filmed at 16:9.
pub fn film_size(aspect: Aspect, lines: u32) -> (u32, u32) {
    let ratio = aspect.ratio().unwrap_or(16.0 / 9.0);
    let short = f64::from(lines.max(2));
    let even = |v: f64| ((v / 2.0).round() as u32).max(1) * 2;
    if ratio >= 1.0 {
        (even(short * ratio), even(short))
    } else {
        (even(short), even(short / ratio))
    }
}

/// One frame of the story as the film shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmFrame {
    /// `None`: an empty frame (drawn as a plain card with its caption).
    pub photo: Option<PhotoId>,
    /// The photo's oriented size in pixels (0 × 0 without one).
    pub size: (u32, u32),
    /// Where its move starts (its crop at the board's aspect ratio).
    pub crop: Crop,
    pub camera_move: Option<CameraMove>,
    /// The subtitle text (caption or dialogue, as chosen).
    pub text: String,
}

/// What one video frame shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shot {
    /// The title card.
    Title,
    /// Pictures drawn in order, each over the one before.
    Story(Vec<Picture>),
}

/// One picture of a video frame: which story frame, the crop of its photo at this instant, its
/// opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picture {
    pub frame: usize,
    pub crop: Crop,
    pub opacity: f64,
}

/// How much smaller each copy of a photo is than the one before ([`FilmPlan::decode_levels`]).
pub const LEVEL_STEP: f64 = 2.0 / 3.0;

/// How far above a copy's scale a picture may be and still be drawn from it: a copy's size is
/// whole pixels, so its scale is a little off the plan's (0.02 % for 2 000 pixels).
pub const LEVEL_SLACK: f64 = 1e-3;

/// Which of a photo's copies (`levels`, their scales largest first) to draw a picture shown at
/// `scale` from: the smallest that is not smaller than the picture, so it is drawn at between
/// [`LEVEL_STEP`] and all of that copy's size; the first when the picture is larger than all.
pub fn level_for(levels: &[f64], scale: f64) -> usize {
    levels
        .iter()
        .rposition(|&level| level >= scale * (1.0 - LEVEL_SLACK))
        .unwrap_or(0)
}

/// The whole film, planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmPlan {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub transition: Transition,
    /// The title card's text (title, author), when there is one.
    pub title: Option<(String, String)>,
    pub burn_captions: bool,
    pub frames: Vec<FilmFrame>,
    /// Each frame's start and length on the story's timeline (the animatic's), in seconds.
    pub cues: Vec<(f64, f64)>,
}

impl FilmPlan {
    /// The plan for `board` with `options`.
    pub fn new(board: &Board, options: &FilmOptions) -> Self {
        let (width, height) = film_size(board.aspect, options.lines);
        let frames = board
            .frames()
            .map(|f| {
                let size = board.photo_of(f).map_or((0, 0), |p| (p.width, p.height));
                let text = match options.subtitles {
                    SubtitleText::Caption => &f.caption,
                    SubtitleText::Dialogue => &f.dialogue,
                };
                FilmFrame {
                    photo: f.photo.clone().filter(|_| size.0 > 0 && size.1 > 0),
                    size,
                    crop: board.crop_of(f).unwrap_or(Crop::FULL),
                    camera_move: board.camera_move_of(f).map(|(_, m)| m),
                    text: text.trim().to_string(),
                }
            })
            .collect();
        let cues = board
            .timeline()
            .iter()
            .map(|c| (c.start, c.seconds))
            .collect();
        let title = options.title_card.then(|| {
            let title = board.title.trim();
            (
                if title.is_empty() { "Flowboard" } else { title }.to_string(),
                board.author.trim().to_string(),
            )
        });
        Self {
            width,
            height,
            fps: options.fps.clamp(1, 60),
            transition: options.transition,
            title,
            burn_captions: options.burn_captions,
            frames,
            cues,
        }
    }

    fn timeline(&self) -> Vec<Cue> {
        self.cues
            .iter()
            .map(|&(start, seconds)| Cue {
                start,
                seconds,
                voice: None,
            })
            .collect()
    }

    /// Seconds before the story starts (the title card's, or none).
    pub fn offset(&self) -> f64 {
        if self.title.is_some() {
            TITLE_SECONDS
        } else {
            0.0
        }
    }

    /// The film's running time in seconds: the title card and the story.
    pub fn seconds(&self) -> f64 {
        self.offset() + self.cues.last().map_or(0.0, |&(s, d)| s + d)
    }

    /// How many video frames the film has.
    pub fn frame_count(&self) -> u64 {
        frame_count(self.seconds(), self.fps)
    }

    /// What video frame `k` shows.
    pub fn shot(&self, k: u64) -> Shot {
        let t = frame_time(k, self.fps);
        if t < self.offset() {
            return Shot::Title;
        }
        let pictures = layers_at(&self.timeline(), self.transition, t - self.offset())
            .into_iter()
            .map(|layer| {
                let f = &self.frames[layer.index];
                let crop = match f.camera_move {
                    Some(m) => camera::crop_at(f.crop, m.end, m.easing, layer.progress),
                    None => f.crop,
                };
                Picture {
                    frame: layer.index,
                    crop,
                    opacity: layer.opacity,
                }
            })
            .collect();
        Shot::Story(pictures)
    }

    /// The scale frame `i`'s photo is shown at when `crop` of it fills the film's frame (fitted
    /// in it): film pixels per photo pixel (infinite for a frame without a photo).
    pub fn fill_scale(&self, i: usize, crop: Crop) -> f64 {
        let f = &self.frames[i];
        let sx = f64::from(self.width) / (crop.w * f64::from(f.size.0));
        let sy = f64::from(self.height) / (crop.h * f64::from(f.size.1));
        sx.min(sy)
    }

    /// The scale to decode frame `i`'s photo at: enough pixels for its tightest crop on the way
    /// through its move to fill the film's frame (never above 1, the photo's own size). Decoding
    /// at this scale, not the photo's full size, keeps a 12 MP photo at a few MB.
    pub fn decode_scale(&self, i: usize) -> f64 {
        let f = &self.frames[i];
        if f.size.0 == 0 || f.size.1 == 0 {
            return 1.0;
        }
        let mut scale = self.fill_scale(i, f.crop);
        if let Some(m) = f.camera_move {
            scale = scale.max(self.fill_scale(i, m.end));
        }
        if scale.is_finite() {
            scale.clamp(0.01, 1.0)
        } else {
            1.0
        }
    }

    /// The scales to have frame `i`'s photo at, largest first: [`Self::decode_scale`], then
    /// each [`LEVEL_STEP`] of the one before while the widest crop of its move would be drawn
    /// smaller than that step of the last. Each picture is then drawn from the copy nearest above
    /// its size ([`level_for`]), between ⅔ and all of that copy's size, where plain bilinear
    /// filtering does not alias. A canvas's own mipmapped filter would do this too, but it took
    /// 20.7 ms a 1080p frame here against 11.6 ms for bilinear: Skia rebuilt the 3200-pixel
    /// photo's mipmaps for every frame, which made a zoom's film half as fast.
    pub fn decode_levels(&self, i: usize) -> Vec<f64> {
        let first = self.decode_scale(i);
        let mut levels = vec![first];
        let f = &self.frames[i];
        if f.size.0 == 0 || f.size.1 == 0 {
            return levels;
        }
        let mut widest = self.fill_scale(i, f.crop);
        if let Some(m) = f.camera_move {
            widest = widest.min(self.fill_scale(i, m.end));
        }
        if !widest.is_finite() || widest <= 0.0 {
            return levels;
        }
        let mut last = first;
        // Eight steps are a 26th of the first size: a crop more than 26 times another is drawn
        // from the eighth, mipmapped.
        while widest < last * LEVEL_STEP - 1e-9 && levels.len() < 9 {
            last *= LEVEL_STEP;
            levels.push(last);
        }
        levels
    }

    /// The film's subtitles, timed to its frames (after the title card).
    pub fn subtitles(&self) -> Vec<Subtitle> {
        let texts: Vec<&str> = self.frames.iter().map(|f| f.text.as_str()).collect();
        subtitles(&self.timeline(), &texts, self.offset())
    }

    /// The caption to burn into video frame `k`: the text of the frame whose time it is (as the
    /// subtitle file says, so both change at the cut, in the middle of a crossfade).
    pub fn caption(&self, k: u64) -> Option<&str> {
        let t = frame_time(k, self.fps) - self.offset();
        if !self.burn_captions || t < 0.0 {
            return None;
        }
        let (i, _) = crate::audio::seek(&self.timeline(), t)?;
        let text = self.frames[i].text.as_str();
        (!text.is_empty()).then_some(text)
    }
}
