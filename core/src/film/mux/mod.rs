//! The film's container writers: the encoded video and sound (WebCodecs chunks, from the film
//! worker) go in, the bytes of an MP4 or WebM file come out a fragment or a cluster at a time, to
//! be appended to the output file (Blob parts), so the film is never whole in wasm memory.
//!
//! - **MP4** ([`mp4`]): fragmented MP4 (an init segment, then `moof` + `mdat` fragments of about
//!   one second) written by the `muxide` crate, with a thin wrapper that corrects what it gets
//!   wrong for us (listed in [`mp4`]'s doc).
//! - **WebM** ([`webm`]): our own small EBML/Matroska writer. The only WebM muxer crate kept up
//!   (`webm`) wraps libwebm, C++, which does not build for `wasm32-unknown-unknown`; the pure-Rust
//!   alternatives are either readers (`matroska-demuxer`) or whole-codec bundles at version 0.0.x.
//!   The part of Matroska a film needs (one video and one audio track, clusters of SimpleBlocks)
//!   is about 200 lines.
//!
//! Both containers take the sound the same way: the worker encodes all of it first, so every
//! audio packet may arrive before the first video chunk. They are held (Opus at 128 kb/s is about
//! 1 MB a minute) and written next to the video of the same time, so a player reading the file
//! from the start finds picture and sound together.

mod mp4;
mod webm;

#[cfg(test)]
mod tests;

use super::{AudioCodec, Container, VideoCodec};
use std::collections::VecDeque;
use std::fmt;

/// The film's video, as the encoder describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoTrack {
    /// H.264 (in MP4) or VP9 (in WebM).
    pub codec: VideoCodec,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// The encoder's `decoderConfig.description`: the avcC record for H.264 (WebCodecs' default
    /// "avc" format: chunks are 4-byte length-prefixed NAL units); None for VP9.
    pub description: Option<Vec<u8>>,
}

/// The film's sound, as the encoder describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioTrack {
    /// Opus (MP4 or WebM) or AAC (MP4).
    pub codec: AudioCodec,
    pub sample_rate: u32,
    pub channels: u16,
    /// `decoderConfig.description` if the encoder gave one (OpusHead for Opus,
    /// AudioSpecificConfig for AAC); one is built when None.
    pub description: Option<Vec<u8>>,
}

/// Why the film could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum MuxError {
    /// The container does not carry this codec (H.264 in WebM, VP9 in MP4, AAC in WebM).
    Codec {
        container: Container,
        codec: &'static str,
    },
    /// The frame size is not one a container can say (zero, or over 65 535).
    Size { width: u32, height: u32 },
    /// The encoder's codec description is missing or cannot be read.
    Description(&'static str),
    /// A chunk's timestamp is before the one before it, or negative.
    Backwards {
        track: &'static str,
        previous_us: i64,
        timestamp_us: i64,
    },
    /// An audio packet for a film without sound.
    NoAudioTrack,
    /// The MP4 writer refused a sample.
    Mp4(String),
}

impl fmt::Display for MuxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Codec { container, codec } => write!(
                f,
                "a {} file cannot carry {codec}",
                container.extension().to_uppercase()
            ),
            Self::Size { width, height } => {
                write!(f, "a film cannot be {width} × {height} pixels")
            }
            Self::Description(what) => write!(f, "the encoder's description is unusable: {what}"),
            Self::Backwards {
                track,
                previous_us,
                timestamp_us,
            } => write!(
                f,
                "the {track} went back in time (at {timestamp_us} µs after {previous_us} µs)"
            ),
            Self::NoAudioTrack => write!(f, "sound was given for a film without a sound track"),
            Self::Mp4(message) => write!(f, "the MP4 writer failed: {message}"),
        }
    }
}

impl std::error::Error for MuxError {}

/// Writes one film, MP4 or WebM.
#[derive(Debug)]
pub enum FilmMuxer {
    Mp4(Box<mp4::Mp4>),
    Webm(Box<webm::Webm>),
}

impl FilmMuxer {
    /// A film of `seconds` (its running time, known up front and written into the header so
    /// players show the duration before reading the whole file).
    pub fn new(
        container: Container,
        video: VideoTrack,
        audio: Option<AudioTrack>,
        seconds: f64,
    ) -> Result<Self, MuxError> {
        if video.codec != container.video() {
            return Err(MuxError::Codec {
                container,
                codec: video_name(video.codec),
            });
        }
        if video.width == 0 || video.height == 0 || video.width > 65_535 || video.height > 65_535 {
            return Err(MuxError::Size {
                width: video.width,
                height: video.height,
            });
        }
        let seconds = if seconds.is_finite() {
            seconds.max(0.0)
        } else {
            0.0
        };
        match container {
            Container::Mp4 => Ok(Self::Mp4(Box::new(mp4::Mp4::new(video, audio, seconds)?))),
            Container::Webm => {
                if let Some(a) = &audio {
                    if a.codec != AudioCodec::Opus {
                        return Err(MuxError::Codec {
                            container,
                            codec: "AAC",
                        });
                    }
                }
                Ok(Self::Webm(Box::new(webm::Webm::new(
                    video, audio, seconds,
                )?)))
            }
        }
    }

    /// A video chunk: timestamp and duration in microseconds as WebCodecs gives them (a duration
    /// of 0 or less means one frame at the track's rate), key frame or not, its bytes.
    /// Timestamps must not go back (the encoder makes no B-frames).
    pub fn video(
        &mut self,
        timestamp_us: i64,
        duration_us: i64,
        key: bool,
        data: &[u8],
    ) -> Result<(), MuxError> {
        match self {
            Self::Mp4(m) => m.video(timestamp_us, duration_us, key, data),
            Self::Webm(m) => m.video(timestamp_us, duration_us, key, data),
        }
    }

    /// An audio packet (µs). All of them may come before the first video chunk; they are held
    /// until the video reaches their time.
    pub fn audio(
        &mut self,
        timestamp_us: i64,
        duration_us: i64,
        data: &[u8],
    ) -> Result<(), MuxError> {
        let held = match self {
            Self::Mp4(m) => m.held_audio(),
            Self::Webm(m) => m.held_audio(),
        };
        let Some(held) = held else {
            return Err(MuxError::NoAudioTrack);
        };
        held.push(timestamp_us, duration_us, data)
    }

    /// The bytes complete so far, to append to the file. The muxer keeps what it still needs: the
    /// current fragment or cluster of video (about a second) and the sound not yet reached.
    pub fn drain(&mut self) -> Vec<u8> {
        match self {
            Self::Mp4(m) => m.drain(),
            Self::Webm(m) => m.drain(),
        }
    }

    /// How many bytes the muxer holds (not yet drained, or waiting for their fragment).
    pub fn held(&self) -> usize {
        match self {
            Self::Mp4(m) => m.held(),
            Self::Webm(m) => m.held(),
        }
    }

    /// The last bytes of the file (everything not drained yet).
    pub fn finish(self) -> Result<Vec<u8>, MuxError> {
        match self {
            Self::Mp4(m) => m.finish(),
            Self::Webm(m) => Ok(m.finish()),
        }
    }
}

fn video_name(codec: VideoCodec) -> &'static str {
    match codec {
        VideoCodec::H264 => "H.264",
        VideoCodec::Vp9 => "VP9",
    }
}

/// An encoded audio packet waiting for the video to reach its time.
#[derive(Debug, Clone)]
struct Packet {
    timestamp_us: i64,
    duration_us: i64,
    data: Vec<u8>,
}

/// The sound not yet written, in time order.
#[derive(Debug, Default)]
pub(crate) struct HeldAudio {
    packets: VecDeque<Packet>,
    bytes: usize,
    last_us: Option<i64>,
}

impl HeldAudio {
    fn push(&mut self, timestamp_us: i64, duration_us: i64, data: &[u8]) -> Result<(), MuxError> {
        check_order("sound", &mut self.last_us, timestamp_us)?;
        self.bytes += data.len();
        self.packets.push_back(Packet {
            timestamp_us,
            duration_us,
            data: data.to_vec(),
        });
        Ok(())
    }

    /// When the next packet starts.
    fn next_start(&self) -> Option<i64> {
        self.packets.front().map(|p| p.timestamp_us)
    }

    /// The next packet if it starts before `until_us` (all of them for `i64::MAX`).
    fn pop_before(&mut self, until_us: i64) -> Option<Packet> {
        if self.packets.front()?.timestamp_us < until_us {
            let p = self.packets.pop_front()?;
            self.bytes -= p.data.len();
            Some(p)
        } else {
            None
        }
    }
}

/// Refuses a timestamp before the previous one of its track (or negative), and records it.
fn check_order(
    track: &'static str,
    last: &mut Option<i64>,
    timestamp_us: i64,
) -> Result<(), MuxError> {
    let previous = last.unwrap_or(0);
    if timestamp_us < previous {
        return Err(MuxError::Backwards {
            track,
            previous_us: previous,
            timestamp_us,
        });
    }
    *last = Some(timestamp_us);
    Ok(())
}

/// One frame's duration at `fps`, in µs, for chunks that come without one.
fn frame_us(fps: u32) -> i64 {
    1_000_000 / i64::from(fps.max(1))
}

/// The OpusHead (RFC 7845 §5.1) of the sound: the encoder's, or one built for `audio` (version 1,
/// pre-skip 312 as libopus reports, gain 0, mapping family 0: mono or stereo).
fn opus_head(audio: &AudioTrack) -> Result<Vec<u8>, MuxError> {
    if let Some(d) = &audio.description {
        if d.len() < 19 || &d[..8] != b"OpusHead" {
            return Err(MuxError::Description(
                "the Opus description is not an OpusHead",
            ));
        }
        return Ok(d.clone());
    }
    if audio.channels == 0 || audio.channels > 2 {
        return Err(MuxError::Description(
            "Opus with more than two channels needs the encoder's OpusHead",
        ));
    }
    let mut head = b"OpusHead".to_vec();
    head.push(1);
    head.push(audio.channels as u8);
    head.extend_from_slice(&312u16.to_le_bytes());
    head.extend_from_slice(&audio.sample_rate.to_le_bytes());
    head.extend_from_slice(&0i16.to_le_bytes());
    head.push(0);
    Ok(head)
}
