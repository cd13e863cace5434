//! The film as WebM: a small EBML/Matroska writer (see the module above for why our own).
//!
//! Layout: the EBML header (DocType `webm`), then a Segment of unknown size (the file is written
//! front to back and never revisited) holding Info (1 ms timecodes, the running time as
//! Duration, "Flowboard" as muxing and writing application), Tracks (VP9 video as track 1 with
//! its frame size and DefaultDuration; Opus sound as track 2 with its OpusHead, CodecDelay from
//! its pre-skip and an 80 ms SeekPreRoll), then Clusters of SimpleBlocks. A cluster starts at
//! each video key frame, and after two seconds whatever comes (a SimpleBlock's timecode is a
//! 16-bit offset from its cluster's, and a cluster is the unit this writer holds before giving
//! it out). Sound is written in the cluster of the video of its time.
//!
//! No Cues (the seek index): a streamed file could only put them at the end, and players find
//! them there only through a SeekHead at the start, which would need the end's position before
//! the first byte is written. Players seek without them by reading cluster to cluster (ffmpeg
//! and Chromium do); the Duration is in the header, so the length shows at once.

use super::{check_order, opus_head, AudioTrack, HeldAudio, VideoTrack};

// Element IDs (Matroska specification, RFC 9559), with their length marker bits.
const EBML: u32 = 0x1A45_DFA3;
const EBML_VERSION: u32 = 0x4286;
const EBML_READ_VERSION: u32 = 0x42F7;
const EBML_MAX_ID_LENGTH: u32 = 0x42F2;
const EBML_MAX_SIZE_LENGTH: u32 = 0x42F3;
const DOC_TYPE: u32 = 0x4282;
const DOC_TYPE_VERSION: u32 = 0x4287;
const DOC_TYPE_READ_VERSION: u32 = 0x4285;
const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
const TIMECODE_SCALE: u32 = 0x2A_D7B1;
const DURATION: u32 = 0x4489;
const MUXING_APP: u32 = 0x4D80;
const WRITING_APP: u32 = 0x5741;
const TRACKS: u32 = 0x1654_AE6B;
const TRACK_ENTRY: u32 = 0xAE;
const TRACK_NUMBER: u32 = 0xD7;
const TRACK_UID: u32 = 0x73C5;
const TRACK_TYPE: u32 = 0x83;
const FLAG_LACING: u32 = 0x9C;
const CODEC_ID: u32 = 0x86;
const CODEC_PRIVATE: u32 = 0x63A2;
const CODEC_DELAY: u32 = 0x56AA;
const SEEK_PRE_ROLL: u32 = 0x56BB;
const DEFAULT_DURATION: u32 = 0x23_E383;
const VIDEO: u32 = 0xE0;
const PIXEL_WIDTH: u32 = 0xB0;
const PIXEL_HEIGHT: u32 = 0xBA;
const AUDIO: u32 = 0xE1;
const SAMPLING_FREQUENCY: u32 = 0xB5;
const CHANNELS: u32 = 0x9F;
const CLUSTER: u32 = 0x1F43_B675;
const TIMECODE: u32 = 0xE7;
const SIMPLE_BLOCK: u32 = 0xA3;

/// Nanoseconds per timecode tick: timecodes are in milliseconds.
const TIMECODE_NS: u64 = 1_000_000;
/// A cluster holds at most this much (ms), far inside a block offset's ±32 767.
const CLUSTER_MAX_MS: i64 = 2_000;

const VIDEO_TRACK: u8 = 1;
const AUDIO_TRACK: u8 = 2;

fn id(out: &mut Vec<u8>, id: u32) {
    let bytes = id.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(3);
    out.extend_from_slice(&bytes[skip..]);
}

/// An element's size as an EBML variable-length integer, in as few bytes as it needs.
fn size(out: &mut Vec<u8>, n: u64) {
    out.extend(crate::film::recorded_webm::size_bytes(n));
}

fn element(out: &mut Vec<u8>, element: u32, body: &[u8]) {
    id(out, element);
    size(out, body.len() as u64);
    out.extend_from_slice(body);
}

fn uint(out: &mut Vec<u8>, element_id: u32, v: u64) {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    element(out, element_id, &bytes[skip..]);
}

fn float(out: &mut Vec<u8>, element_id: u32, v: f64) {
    element(out, element_id, &v.to_be_bytes());
}

fn master(out: &mut Vec<u8>, element_id: u32, fill: impl FnOnce(&mut Vec<u8>)) {
    let mut body = Vec::new();
    fill(&mut body);
    element(out, element_id, &body);
}

/// The cluster being gathered.
#[derive(Debug)]
struct Cluster {
    start_ms: i64,
    blocks: Vec<u8>,
}

/// The WebM writer.
#[derive(Debug)]
pub struct Webm {
    audio: Option<HeldAudio>,
    out: Vec<u8>,
    cluster: Option<Cluster>,
    last_video_us: Option<i64>,
}

/// µs to the nearest millisecond.
fn ms(us: i64) -> i64 {
    (us + 500).div_euclid(1_000)
}

impl Webm {
    pub(super) fn new(
        video: VideoTrack,
        audio: Option<AudioTrack>,
        seconds: f64,
    ) -> Result<Self, super::MuxError> {
        let head = audio.as_ref().map(opus_head).transpose()?;
        let mut out = Vec::with_capacity(512);
        master(&mut out, EBML, |b| {
            uint(b, EBML_VERSION, 1);
            uint(b, EBML_READ_VERSION, 1);
            uint(b, EBML_MAX_ID_LENGTH, 4);
            uint(b, EBML_MAX_SIZE_LENGTH, 8);
            element(b, DOC_TYPE, b"webm");
            uint(b, DOC_TYPE_VERSION, 4);
            uint(b, DOC_TYPE_READ_VERSION, 2);
        });
        id(&mut out, SEGMENT);
        out.extend_from_slice(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]); // unknown size
        master(&mut out, INFO, |b| {
            uint(b, TIMECODE_SCALE, TIMECODE_NS);
            float(b, DURATION, seconds * 1e9 / TIMECODE_NS as f64);
            element(b, MUXING_APP, b"Flowboard");
            element(b, WRITING_APP, b"Flowboard");
        });
        master(&mut out, TRACKS, |b| {
            master(b, TRACK_ENTRY, |t| {
                uint(t, TRACK_NUMBER, VIDEO_TRACK.into());
                uint(t, TRACK_UID, VIDEO_TRACK.into());
                uint(t, TRACK_TYPE, 1);
                uint(t, FLAG_LACING, 0);
                element(t, CODEC_ID, b"V_VP9");
                uint(
                    t,
                    DEFAULT_DURATION,
                    1_000_000_000 / u64::from(video.fps.max(1)),
                );
                master(t, VIDEO, |v| {
                    uint(v, PIXEL_WIDTH, video.width.into());
                    uint(v, PIXEL_HEIGHT, video.height.into());
                });
            });
            if let (Some(a), Some(head)) = (&audio, &head) {
                let pre_skip = u64::from(u16::from_le_bytes([head[10], head[11]]));
                master(b, TRACK_ENTRY, |t| {
                    uint(t, TRACK_NUMBER, AUDIO_TRACK.into());
                    uint(t, TRACK_UID, AUDIO_TRACK.into());
                    uint(t, TRACK_TYPE, 2);
                    uint(t, FLAG_LACING, 0);
                    element(t, CODEC_ID, b"A_OPUS");
                    element(t, CODEC_PRIVATE, head);
                    uint(t, CODEC_DELAY, pre_skip * 1_000_000_000 / 48_000);
                    uint(t, SEEK_PRE_ROLL, 80_000_000);
                    master(t, AUDIO, |s| {
                        // Opus decodes at 48 kHz whatever rate went in.
                        float(s, SAMPLING_FREQUENCY, 48_000.0);
                        uint(s, CHANNELS, a.channels.into());
                    });
                });
            }
        });
        Ok(Self {
            audio: audio.map(|_| HeldAudio::default()),
            out,
            cluster: None,
            last_video_us: None,
        })
    }

    pub(super) fn held_audio(&mut self) -> Option<&mut HeldAudio> {
        self.audio.as_mut()
    }

    pub(super) fn video(
        &mut self,
        timestamp_us: i64,
        _duration_us: i64,
        key: bool,
        data: &[u8],
    ) -> Result<(), super::MuxError> {
        check_order("video", &mut self.last_video_us, timestamp_us)?;
        self.write_audio_before(timestamp_us);
        let at = ms(timestamp_us);
        if key {
            self.close_cluster();
        }
        self.block(VIDEO_TRACK, at, key, data);
        Ok(())
    }

    /// Writes the held sound that starts before `until_us`.
    fn write_audio_before(&mut self, until_us: i64) {
        while let Some(p) = self.audio.as_mut().and_then(|a| a.pop_before(until_us)) {
            self.block(AUDIO_TRACK, ms(p.timestamp_us), true, &p.data);
        }
    }

    /// A SimpleBlock at `at` ms, in the current cluster or a new one.
    fn block(&mut self, track: u8, at: i64, key: bool, data: &[u8]) {
        // Sound given after the video of its time may be a little before the cluster's start: a
        // block's offset is signed, so it goes in with a negative one rather than open a cluster
        // that goes back in time.
        let fits = self.cluster.as_ref().is_some_and(|c| {
            at - c.start_ms >= -CLUSTER_MAX_MS && at - c.start_ms < CLUSTER_MAX_MS
        });
        if !fits {
            self.close_cluster();
        }
        let cluster = self.cluster.get_or_insert_with(|| Cluster {
            start_ms: at,
            blocks: Vec::new(),
        });
        let offset = (at - cluster.start_ms) as i16;
        id(&mut cluster.blocks, SIMPLE_BLOCK);
        size(&mut cluster.blocks, 4 + data.len() as u64);
        cluster.blocks.push(0x80 | track); // the track number as a 1-byte vint
        cluster.blocks.extend_from_slice(&offset.to_be_bytes());
        cluster.blocks.push(if key { 0x80 } else { 0 });
        cluster.blocks.extend_from_slice(data);
    }

    fn close_cluster(&mut self) {
        if let Some(c) = self.cluster.take() {
            let mut timecode = Vec::new();
            uint(&mut timecode, TIMECODE, c.start_ms.max(0) as u64);
            id(&mut self.out, CLUSTER);
            size(&mut self.out, (timecode.len() + c.blocks.len()) as u64);
            self.out.extend_from_slice(&timecode);
            self.out.extend_from_slice(&c.blocks);
        }
    }

    pub(super) fn drain(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    pub(super) fn held(&self) -> usize {
        self.out.len()
            + self.cluster.as_ref().map_or(0, |c| c.blocks.len())
            + self.audio.as_ref().map_or(0, |a| a.bytes)
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.write_audio_before(i64::MAX);
        self.close_cluster();
        self.out
    }
}
