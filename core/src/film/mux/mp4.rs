//! The film as fragmented MP4: `muxide`'s [`FragmentedMuxer`] writes the init segment (`ftyp` +
//! `moov`) and one `moof` + `mdat` fragment per group of pictures (cut at a key frame once a
//! second is held, or at two seconds whatever comes), with the sound of the same time in it.
//!
//! What muxide 0.5 gets wrong for a film, and what this wrapper does about it (each checked with
//! ffprobe in the tests):
//! - **Sample durations.** Its `trun` takes each duration from the next sample's decode time
//!   and gives a fragment's last sample the one before's; a one-sample fragment gets 1/30 s
//!   whatever the rate, and the next fragment's `tfdt` is guessed from the average. The wrapper
//!   rewrites every `tfdt` (the fragment's first timestamp) and every `trun` duration: each
//!   sample lasts until the next one's timestamp, in this fragment or the next (the chunk that
//!   starts the next fragment is known when this one is written; for sound, the next packet
//!   held), so every sample's time in the file is its chunk's timestamp; the film's last frame
//!   and last packet last their own duration (a 24 fps film of one frame lasts 1/24 s).
//! - **No duration in the header.** Its `mvhd`, `tkhd`s and `mdhd`s say 0 and its `mvex` has no
//!   `mehd`, so a player knows the length only after reading every fragment (ffprobe on the
//!   init segment and first fragment of a 2 s film said 1 s). The wrapper writes the film's
//!   running time into all of them and adds a `mehd`.
//! - **Its own codec records instead of the encoder's.** It builds the `avcC` from the SPS and
//!   PPS alone (no High-profile chroma/bit-depth fields, one SPS and one PPS), the `dOps` from
//!   fixed values (pre-skip 312, 48 kHz input) and the AAC `esds` from the profile, rate and
//!   channels. The wrapper puts the encoder's own avcC in, a `dOps` made from its OpusHead
//!   (its real pre-skip), and an `esds` holding its AudioSpecificConfig.
//! - **Opus time.** Opus runs at 48 kHz whatever the input rate, so its track's timescale is
//!   48 000 (the sample entry says so too), not the input rate muxide would use.
//!
//! Left as muxide writes it: no edit list. Opus's pre-skip is said by the `dOps` alone, which
//! ffmpeg applies (it decodes the same 96 648 samples from the test's MP4 as from its WebM,
//! whose CodecDelay says the same) and so does Chromium's MP4 reader.
//!
//! Timescales: 90 kHz for video (1/24, 1/25 and 1/30 s are whole ticks, and WebCodecs' rounded
//! microseconds round back to them exactly), the sample rate for sound.

use super::{check_order, frame_us, opus_head, AudioTrack, HeldAudio, MuxError, VideoTrack};
use crate::film::AudioCodec;
use muxide::api::{AacProfile, AudioCodec as MuxideAudio};
use muxide::fragmented::{FragmentAudioConfig, FragmentConfig, FragmentedMuxer};

/// The video track's timescale (ticks a second).
const VIDEO_SCALE: u32 = 90_000;

/// A fragment is cut at a key frame once this much video is held…
const FRAGMENT_MIN_US: i64 = 1_000_000;
/// …and at any frame once this much is.
const FRAGMENT_MAX_US: i64 = 2_000_000;

/// One sample waiting in muxide's fragment: its start and length in its track's ticks.
#[derive(Debug, Clone, Copy)]
struct Timing {
    start: u64,
    duration: u32,
}

/// The MP4 writer.
#[derive(Debug)]
pub struct Mp4 {
    inner: FragmentedMuxer,
    fps: u32,
    audio_scale: u32,
    audio: Option<HeldAudio>,
    /// Bytes ready to drain.
    out: Vec<u8>,
    /// The video and sound in the fragment being gathered (their bytes are in `inner`).
    video_timing: Vec<Timing>,
    audio_timing: Vec<Timing>,
    pending_bytes: usize,
    fragment_start_us: Option<i64>,
    last_video_us: Option<i64>,
}

/// µs to ticks of `scale`, rounded to the nearest (so the worker's rounded microseconds give
/// back whole frames and whole audio packets).
fn ticks(us: i64, scale: u32) -> u64 {
    let t = (i128::from(us.max(0)) * i128::from(scale) + 500_000) / 1_000_000;
    u64::try_from(t).unwrap_or(u64::MAX)
}

/// The ticks from `start` to `end`.
fn between(start: u64, end: u64) -> u32 {
    u32::try_from(end.saturating_sub(start)).unwrap_or(u32::MAX)
}

/// The ticks between `start_us` and `start_us + duration_us` (at least one).
fn duration_ticks(start_us: i64, duration_us: i64, scale: u32) -> u32 {
    let end = ticks(start_us.saturating_add(duration_us), scale);
    u32::try_from(end.saturating_sub(ticks(start_us, scale)))
        .unwrap_or(u32::MAX)
        .max(1)
}

impl Mp4 {
    pub(super) fn new(
        video: VideoTrack,
        audio: Option<AudioTrack>,
        seconds: f64,
    ) -> Result<Self, MuxError> {
        let avcc = video
            .description
            .as_deref()
            .ok_or(MuxError::Description("H.264 needs its avcC record"))?;
        let (sps, pps) = avcc_parameter_sets(avcc)?;
        let mut config = FragmentConfig::new(video.width, video.height, VIDEO_SCALE);
        config.sps = sps;
        config.pps = pps;
        let (inner, audio_scale, audio_entry) = match &audio {
            None => (FragmentedMuxer::new(config), VIDEO_SCALE, None),
            Some(a) => {
                let (codec, scale, entry) = match a.codec {
                    AudioCodec::Opus => (
                        MuxideAudio::Opus,
                        48_000,
                        AudioEntry::Opus(dops(&opus_head(a)?)?),
                    ),
                    AudioCodec::Aac => {
                        let asc = match &a.description {
                            Some(d) if d.len() >= 2 => d.clone(),
                            Some(_) => {
                                return Err(MuxError::Description(
                                    "the AAC description is too short",
                                ))
                            }
                            None => audio_specific_config(a.sample_rate, a.channels),
                        };
                        (
                            MuxideAudio::Aac(AacProfile::Lc),
                            a.sample_rate.max(1),
                            AudioEntry::Aac(esds(&asc)),
                        )
                    }
                };
                let audio_config = FragmentAudioConfig {
                    codec,
                    sample_rate: scale,
                    channels: a.channels,
                };
                (
                    FragmentedMuxer::new_with_audio(config, audio_config),
                    scale,
                    Some(entry),
                )
            }
        };
        let mut inner = inner.map_err(|e| MuxError::Mp4(e.to_string()))?;
        let init = inner.init_segment();
        let out = patch_init(&init, seconds, avcc, audio_entry.as_ref())?;
        Ok(Self {
            inner,
            fps: video.fps,
            audio_scale,
            audio: audio.map(|_| HeldAudio::default()),
            out,
            video_timing: Vec::new(),
            audio_timing: Vec::new(),
            pending_bytes: 0,
            fragment_start_us: None,
            last_video_us: None,
        })
    }

    pub(super) fn held_audio(&mut self) -> Option<&mut HeldAudio> {
        self.audio.as_mut()
    }

    pub(super) fn video(
        &mut self,
        timestamp_us: i64,
        duration_us: i64,
        key: bool,
        data: &[u8],
    ) -> Result<(), MuxError> {
        check_order("video", &mut self.last_video_us, timestamp_us)?;
        if let Some(start) = self.fragment_start_us {
            let held = timestamp_us - start;
            if (key && held >= FRAGMENT_MIN_US) || held >= FRAGMENT_MAX_US {
                self.flush(Some(timestamp_us))?;
            }
        }
        let duration_us = if duration_us > 0 {
            duration_us
        } else {
            frame_us(self.fps)
        };
        let start = ticks(timestamp_us, VIDEO_SCALE);
        // The sample before lasts until this one.
        if let Some(before) = self.video_timing.last_mut() {
            before.duration = between(before.start, start);
        }
        self.inner
            .write_video(start, start, data, key)
            .map_err(|e| MuxError::Mp4(e.to_string()))?;
        self.video_timing.push(Timing {
            start,
            duration: duration_ticks(timestamp_us, duration_us, VIDEO_SCALE),
        });
        self.pending_bytes += data.len();
        self.fragment_start_us.get_or_insert(timestamp_us);
        Ok(())
    }

    /// Writes the fragment gathered so far, with the sound that starts before the next video
    /// chunk (`next_us`; all of it at the end).
    fn flush(&mut self, next_us: Option<i64>) -> Result<(), MuxError> {
        if let (Some(next), Some(last)) = (next_us, self.video_timing.last_mut()) {
            last.duration = between(last.start, ticks(next, VIDEO_SCALE));
        }
        if let Some(held) = self.audio.as_mut() {
            while let Some(p) = held.pop_before(next_us.unwrap_or(i64::MAX)) {
                let start = ticks(p.timestamp_us, self.audio_scale);
                self.inner
                    .write_audio(start, start, &p.data)
                    .map_err(|e| MuxError::Mp4(e.to_string()))?;
                // Until the next packet; the last one its own duration, or for a packet without
                // one, an AAC frame's 1024 samples or Opus's usual 20 ms.
                let duration = if let Some(next) = held.next_start() {
                    between(start, ticks(next, self.audio_scale))
                } else if p.duration_us > 0 {
                    duration_ticks(p.timestamp_us, p.duration_us, self.audio_scale)
                } else if self.audio_scale == 48_000 {
                    960
                } else {
                    1024
                };
                self.audio_timing.push(Timing { start, duration });
            }
        }
        if let Some(segment) = self.inner.flush_segment() {
            let patched = patch_segment(&segment, &self.video_timing, &self.audio_timing)?;
            self.out.extend_from_slice(&patched);
        }
        self.video_timing.clear();
        self.audio_timing.clear();
        self.pending_bytes = 0;
        self.fragment_start_us = None;
        Ok(())
    }

    pub(super) fn drain(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    pub(super) fn held(&self) -> usize {
        self.out.len() + self.pending_bytes + self.audio.as_ref().map_or(0, |a| a.bytes)
    }

    pub(super) fn finish(mut self) -> Result<Vec<u8>, MuxError> {
        self.flush(None)?;
        Ok(self.out)
    }
}

/// The first SPS and PPS of an avcC record (ISO 14496-15 §5.3.3.1), for muxide (whose own avcC
/// is then replaced by the record itself). Its NAL units must have 4-byte lengths, as
/// WebCodecs' "avc" chunks do and as muxide writes them.
fn avcc_parameter_sets(avcc: &[u8]) -> Result<(Vec<u8>, Vec<u8>), MuxError> {
    let bad = MuxError::Description("the avcC record is malformed");
    if avcc.len() < 7 || avcc[0] != 1 {
        return Err(bad);
    }
    if avcc[4] & 3 != 3 {
        return Err(MuxError::Description(
            "H.264 NAL units must have 4-byte lengths",
        ));
    }
    let mut at = 5;
    let read_sets = |count: usize, at: &mut usize| -> Option<Vec<u8>> {
        let mut first = None;
        for _ in 0..count {
            let len = usize::from(u16::from_be_bytes([*avcc.get(*at)?, *avcc.get(*at + 1)?]));
            let set = avcc.get(*at + 2..*at + 2 + len)?;
            first.get_or_insert_with(|| set.to_vec());
            *at += 2 + len;
        }
        first
    };
    let sps_count = usize::from(avcc[at] & 0x1f);
    at += 1;
    let sps = read_sets(sps_count, &mut at).ok_or(MuxError::Description(
        "the avcC record has no sequence parameter set",
    ))?;
    let pps_count = usize::from(*avcc.get(at).ok_or(MuxError::Description(
        "the avcC record has no picture parameter set",
    ))?);
    at += 1;
    let pps = read_sets(pps_count, &mut at).ok_or(MuxError::Description(
        "the avcC record has no picture parameter set",
    ))?;
    Ok((sps, pps))
}

/// The sound's decoder configuration box, ready to go into its sample entry.
#[derive(Debug)]
enum AudioEntry {
    Opus(Vec<u8>),
    Aac(Vec<u8>),
}

/// A `dOps` box (Opus in ISOBMFF §4.3.2) from an OpusHead: the same fields, big-endian.
fn dops(head: &[u8]) -> Result<Vec<u8>, MuxError> {
    let channels = head[9];
    let mut payload = vec![0, channels];
    payload.extend_from_slice(&u16::from_le_bytes([head[10], head[11]]).to_be_bytes());
    payload.extend_from_slice(
        &u32::from_le_bytes([head[12], head[13], head[14], head[15]]).to_be_bytes(),
    );
    payload.extend_from_slice(&i16::from_le_bytes([head[16], head[17]]).to_be_bytes());
    let family = head[18];
    payload.push(family);
    if family != 0 {
        let table = head
            .get(19..21 + usize::from(channels))
            .ok_or(MuxError::Description(
                "the OpusHead's channel table is cut short",
            ))?;
        payload.extend_from_slice(table);
    }
    Ok(mp4_box(b"dOps", &payload))
}

/// An AAC-LC AudioSpecificConfig (ISO 14496-3 §1.6.2.1) for encoders that give none.
fn audio_specific_config(sample_rate: u32, channels: u16) -> Vec<u8> {
    const RATES: [u32; 13] = [
        96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025,
        8_000, 7_350,
    ];
    let index = RATES.iter().position(|&r| r == sample_rate).unwrap_or(4) as u8;
    let channels = (channels.min(7) as u8) & 0x0f;
    vec![
        (2 << 3) | (index >> 1),
        ((index & 1) << 7) | (channels << 3),
    ]
}

/// An `esds` box (ISO 14496-14 §5.6) holding an AudioSpecificConfig.
fn esds(asc: &[u8]) -> Vec<u8> {
    fn descriptor(tag: u8, body: &[u8]) -> Vec<u8> {
        // Sizes in the 4-byte form (0x80 continuation bits), which every reader accepts.
        let n = body.len() as u32;
        let mut d = vec![
            tag,
            0x80 | ((n >> 21) & 0x7f) as u8,
            0x80 | ((n >> 14) & 0x7f) as u8,
            0x80 | ((n >> 7) & 0x7f) as u8,
            (n & 0x7f) as u8,
        ];
        d.extend_from_slice(body);
        d
    }
    let specific = descriptor(0x05, asc);
    // objectTypeIndication 0x40 (MPEG-4 audio), streamType 5 (audio) << 2 | 1, buffer size
    // and bit rates 0 (unknown).
    let mut config = vec![0x40, 0x15, 0, 0, 0];
    config.extend_from_slice(&[0; 8]);
    config.extend_from_slice(&specific);
    let config = descriptor(0x04, &config);
    let mut es = vec![0, 1, 0]; // ES_ID 1, no flags
    es.extend_from_slice(&config);
    es.extend_from_slice(&descriptor(0x06, &[0x02]));
    let mut payload = vec![0, 0, 0, 0];
    payload.extend_from_slice(&descriptor(0x03, &es));
    mp4_box(b"esds", &payload)
}

fn mp4_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 + payload.len());
    b.extend_from_slice(&((8 + payload.len()) as u32).to_be_bytes());
    b.extend_from_slice(kind);
    b.extend_from_slice(payload);
    b
}

/// A box read into a tree: its type, the bytes before its children (all of a leaf's payload),
/// and its children (for the boxes this wrapper looks into).
#[derive(Debug, Clone)]
struct Node {
    kind: [u8; 4],
    head: Vec<u8>,
    kids: Vec<Node>,
}

/// Where a box's children start in its payload, for the boxes the wrapper edits inside.
fn children_at(kind: &[u8; 4]) -> Option<usize> {
    match kind {
        b"moov" | b"trak" | b"mdia" | b"minf" | b"stbl" | b"mvex" | b"moof" | b"traf" => Some(0),
        b"stsd" => Some(8),            // version, flags, entry count
        b"avc1" => Some(78),           // VisualSampleEntry fields
        b"Opus" | b"mp4a" => Some(28), // AudioSampleEntry fields
        _ => None,
    }
}

fn parse(bytes: &[u8]) -> Result<Vec<Node>, MuxError> {
    let bad = || MuxError::Mp4("muxide wrote a malformed box".into());
    let mut nodes = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let size = bytes.get(at..at + 4).ok_or_else(bad)?;
        let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
        if size < 8 || at + size > bytes.len() {
            return Err(bad());
        }
        let mut kind = [0; 4];
        kind.copy_from_slice(&bytes[at + 4..at + 8]);
        let payload = &bytes[at + 8..at + size];
        let node = match children_at(&kind) {
            Some(k) if k <= payload.len() => Node {
                kind,
                head: payload[..k].to_vec(),
                kids: parse(&payload[k..])?,
            },
            _ => Node {
                kind,
                head: payload.to_vec(),
                kids: Vec::new(),
            },
        };
        nodes.push(node);
        at += size;
    }
    Ok(nodes)
}

fn write(nodes: &[Node], out: &mut Vec<u8>) {
    for n in nodes {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&n.kind);
        out.extend_from_slice(&n.head);
        write(&n.kids, out);
        let size = (out.len() - start) as u32;
        out[start..start + 4].copy_from_slice(&size.to_be_bytes());
    }
}

/// Every node along `path` (types, from `nodes`), depth first.
fn each_mut<'a>(nodes: &'a mut [Node], path: &[&[u8; 4]], f: &mut dyn FnMut(&mut Node)) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    for n in nodes.iter_mut().filter(|n| &n.kind == *first) {
        if rest.is_empty() {
            f(n);
        } else {
            each_mut(&mut n.kids, rest, f);
        }
    }
}

/// `seconds` in ticks of `scale` (saturating: a version-0 box has 32 bits for it).
fn seconds_in(seconds: f64, scale: u32) -> u32 {
    let t = (seconds * f64::from(scale)).round();
    if t >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        t as u32
    }
}

/// The init segment with the film's running time in it (`mvhd`, a new `mehd`, each track's
/// `tkhd` and `mdhd`: ffprobe and players read a track's length from its `mdhd` before any
/// fragment) and the encoder's codec records in place of muxide's.
fn patch_init(
    init: &[u8],
    seconds: f64,
    avcc: &[u8],
    audio: Option<&AudioEntry>,
) -> Result<Vec<u8>, MuxError> {
    let mut nodes = parse(init)?;
    // Movie timescale: muxide gives the movie the video's.
    let duration = seconds_in(seconds, VIDEO_SCALE);
    let mut tracks = 0;
    each_mut(&mut nodes, &[b"moov", b"trak"], &mut |trak| {
        for k in &mut trak.kids {
            match &k.kind {
                // Version 0: version/flags, creation, modification, track ID, reserved, then
                // duration (in the movie's timescale).
                b"tkhd" if k.head.len() >= 24 && k.head[0] == 0 => {
                    k.head[20..24].copy_from_slice(&duration.to_be_bytes());
                }
                b"mdia" => {
                    for m in k.kids.iter_mut().filter(|m| &m.kind == b"mdhd") {
                        // Version 0: version/flags, creation, modification, timescale, duration.
                        if m.head.len() >= 20 && m.head[0] == 0 {
                            let scale = u32::from_be_bytes([
                                m.head[12], m.head[13], m.head[14], m.head[15],
                            ]);
                            m.head[16..20]
                                .copy_from_slice(&seconds_in(seconds, scale).to_be_bytes());
                            tracks += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    });
    if tracks != 1 + usize::from(audio.is_some()) {
        return Err(MuxError::Mp4(
            "its init segment lacks a track header".into(),
        ));
    }
    let mut found = (false, false);
    each_mut(&mut nodes, &[b"moov", b"mvhd"], &mut |mvhd| {
        // Version 0: version/flags, creation, modification, timescale, then duration.
        if mvhd.head.len() >= 20 && mvhd.head[0] == 0 {
            mvhd.head[16..20].copy_from_slice(&duration.to_be_bytes());
            found.0 = true;
        }
    });
    each_mut(&mut nodes, &[b"moov", b"mvex"], &mut |mvex| {
        let mut payload = vec![0, 0, 0, 0];
        payload.extend_from_slice(&duration.to_be_bytes());
        mvex.kids.insert(0, leaf(b"mehd", payload));
        found.1 = true;
    });
    if found != (true, true) {
        return Err(MuxError::Mp4("its init segment has no mvhd or mvex".into()));
    }
    let entries: &[&[u8; 4]] = &[b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stsd"];
    let mut replaced = 0;
    let audio_record = audio.map(|a| match a {
        AudioEntry::Opus(b) | AudioEntry::Aac(b) => parse(b),
    });
    let audio_record = match audio_record {
        Some(r) => Some(r?),
        None => None,
    };
    each_mut(&mut nodes, entries, &mut |stsd| {
        for entry in &mut stsd.kids {
            for record in &mut entry.kids {
                match &record.kind {
                    b"avcC" => {
                        record.head = avcc.to_vec();
                        replaced += 1;
                    }
                    b"dOps" | b"esds" => {
                        if let Some(r) = audio_record.as_ref().and_then(|r| r.first()) {
                            if r.kind == record.kind {
                                *record = r.clone();
                                replaced += 1;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    });
    if replaced != 1 + usize::from(audio.is_some()) {
        return Err(MuxError::Mp4(
            "its init segment lacks a codec record".into(),
        ));
    }
    let mut out = Vec::with_capacity(init.len() + 64);
    write(&nodes, &mut out);
    Ok(out)
}

fn leaf(kind: &[u8; 4], head: Vec<u8>) -> Node {
    Node {
        kind: *kind,
        head,
        kids: Vec::new(),
    }
}

/// A fragment with each track's `tfdt` set to its first sample's time and each `trun` sample's
/// duration to its own (track 1 is the video, 2 the sound). Sizes do not change, so muxide's
/// data offsets stay right.
fn patch_segment(segment: &[u8], video: &[Timing], audio: &[Timing]) -> Result<Vec<u8>, MuxError> {
    let bad = || MuxError::Mp4("its fragment is not moof + mdat".into());
    let moof_size = segment.get(..8).ok_or_else(bad)?;
    if &moof_size[4..8] != b"moof" {
        return Err(bad());
    }
    let moof_size =
        u32::from_be_bytes([moof_size[0], moof_size[1], moof_size[2], moof_size[3]]) as usize;
    let mut nodes = parse(segment.get(..moof_size).ok_or_else(bad)?)?;
    let mut result = Ok(());
    each_mut(&mut nodes, &[b"moof", b"traf"], &mut |traf| {
        let track = traf
            .kids
            .iter()
            .find(|k| &k.kind == b"tfhd")
            .and_then(|k| k.head.get(4..8))
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
        let timing = match track {
            Some(1) => video,
            Some(2) => audio,
            _ => {
                result = Err(bad());
                return;
            }
        };
        for k in &mut traf.kids {
            match &k.kind {
                // Version 1: a 64-bit decode time after version/flags.
                b"tfdt" if k.head.len() == 12 => {
                    let start = timing.first().map_or(0, |t| t.start);
                    k.head[4..12].copy_from_slice(&start.to_be_bytes());
                }
                b"trun" => {
                    let count = k
                        .head
                        .get(4..8)
                        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
                    // Flags 0xF01: data offset, then duration, size, flags, composition offset.
                    if count != Some(timing.len() as u32)
                        || k.head.get(1..4) != Some(&[0x00, 0x0f, 0x01][..])
                        || k.head.len() != 12 + 16 * timing.len()
                    {
                        result = Err(bad());
                        return;
                    }
                    for (i, t) in timing.iter().enumerate() {
                        let at = 12 + 16 * i;
                        k.head[at..at + 4].copy_from_slice(&t.duration.to_be_bytes());
                    }
                }
                _ => {}
            }
        }
    });
    result?;
    let mut out = Vec::with_capacity(segment.len());
    write(&nodes, &mut out);
    out.extend_from_slice(&segment[moof_size..]);
    Ok(out)
}
