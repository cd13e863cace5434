//! The muxers against real encoded streams: Debian's ffmpeg encodes test pictures and a tone
//! (libx264, libvpx-vp9, libopus, its own AAC), the tests split them into the chunks WebCodecs
//! would give, mux them, and ask ffprobe and ffmpeg what the files hold and whether they decode.

use super::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// An encoded chunk as WebCodecs gives it.
#[derive(Debug, Clone)]
struct Chunk {
    ts: i64,
    dur: i64,
    key: bool,
    data: Vec<u8>,
}

/// An encoded stream: the decoder description and the chunks.
#[derive(Debug, Clone)]
struct Stream {
    description: Option<Vec<u8>>,
    chunks: Vec<Chunk>,
}

const FPS: u32 = 30;
const SECONDS: f64 = 2.0;

fn tool(name: &str) -> Command {
    match Command::new(name).arg("-version").output() {
        Ok(o) if o.status.success() => Command::new(name),
        _ => panic!("{name} is missing: run scripts/setup.sh (it installs ffmpeg; CI has it)"),
    }
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flowboard-mux-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs ffmpeg quietly with `args`, writing `file` in the scratch directory; its bytes.
fn encode(args: &str, file: &str) -> Vec<u8> {
    let path = scratch().join(file);
    let out = tool("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args.split_whitespace())
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ffmpeg {args}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(path).unwrap()
}

/// Frame `k`'s timestamp and duration in µs at `fps`, rounded as the worker does.
fn frame_time(k: usize, fps: u32) -> (i64, i64) {
    let at = |k: usize| (k as f64 * 1e6 / f64::from(fps)).round() as i64;
    (at(k), at(k + 1) - at(k))
}

/// The NAL units of an Annex-B stream.
fn nal_units(bytes: &[u8]) -> Vec<&[u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        if bytes[i..i + 3] == [0, 0, 1] {
            starts.push(i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    let mut units = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(bytes.len(), |&next| next - 3);
        let mut unit = &bytes[s..end];
        while let Some((0, rest)) = unit.split_last() {
            unit = rest;
        }
        units.push(unit);
    }
    units
}

/// 2 s of 320 × 240 H.264 High at 30 fps, a key frame every second, no B-frames, as WebCodecs'
/// "avc" chunks (4-byte lengths, parameter sets in the avcC only) and the avcC record.
fn h264() -> &'static Stream {
    static STREAM: OnceLock<Stream> = OnceLock::new();
    STREAM.get_or_init(|| {
        let bytes = encode(
            "-f lavfi -i testsrc=size=320x240:rate=30 -t 2 -c:v libx264 -preset veryfast \
             -profile:v high -pix_fmt yuv420p -bf 0 -g 30 -x264-params aud=1 -f h264",
            "in.h264",
        );
        let (mut sps, mut pps) = (None, None);
        let mut chunks: Vec<Chunk> = Vec::new();
        for unit in nal_units(&bytes) {
            match unit[0] & 0x1f {
                9 => {
                    let (ts, dur) = frame_time(chunks.len(), FPS);
                    chunks.push(Chunk {
                        ts,
                        dur,
                        key: false,
                        data: Vec::new(),
                    });
                }
                7 => sps = sps.or(Some(unit.to_vec())),
                8 => pps = pps.or(Some(unit.to_vec())),
                kind => {
                    let chunk = chunks.last_mut().expect("an access unit delimiter first");
                    chunk.key |= kind == 5;
                    chunk
                        .data
                        .extend_from_slice(&(unit.len() as u32).to_be_bytes());
                    chunk.data.extend_from_slice(unit);
                }
            }
        }
        let (sps, pps) = (sps.unwrap(), pps.unwrap());
        let mut avcc = vec![1, sps[1], sps[2], sps[3], 0xff, 0xe1];
        avcc.extend_from_slice(&(sps.len() as u16).to_be_bytes());
        avcc.extend_from_slice(&sps);
        avcc.push(1);
        avcc.extend_from_slice(&(pps.len() as u16).to_be_bytes());
        avcc.extend_from_slice(&pps);
        // High profile: 4:2:0, 8 bits, no SPS extensions.
        avcc.extend_from_slice(&[0xfd, 0xf8, 0xf8, 0]);
        assert_eq!(chunks.len(), 60);
        Stream {
            description: Some(avcc),
            chunks,
        }
    })
}

/// 2 s of 320 × 240 VP9 at 30 fps (IVF: a 32-byte header, then 12 bytes before each frame).
fn vp9() -> &'static Stream {
    static STREAM: OnceLock<Stream> = OnceLock::new();
    STREAM.get_or_init(|| {
        let bytes = encode(
            "-f lavfi -i testsrc=size=320x240:rate=30 -t 2 -c:v libvpx-vp9 -deadline realtime \
             -cpu-used 8 -g 30 -auto-alt-ref 0 -lag-in-frames 0 -pix_fmt yuv420p -f ivf",
            "in.ivf",
        );
        assert_eq!(&bytes[..4], b"DKIF");
        let mut at = usize::from(u16::from_le_bytes([bytes[6], bytes[7]]));
        let mut chunks = Vec::new();
        while at + 12 <= bytes.len() {
            let size = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            let data = bytes[at + 12..at + 12 + size].to_vec();
            // Profile 0 frame header: marker (2 bits), profile (2), show_existing_frame,
            // frame_type (0: key).
            let key = data[0] & 0b1100 == 0;
            let (ts, dur) = frame_time(chunks.len(), FPS);
            chunks.push(Chunk { ts, dur, key, data });
            at += 12 + size;
        }
        assert_eq!(chunks.len(), 60);
        assert!(chunks[0].key && chunks[30].key && !chunks[1].key);
        Stream {
            description: None,
            chunks,
        }
    })
}

/// The packets of an Ogg stream (pages of lacing values; a value under 255 ends a packet).
fn ogg_packets(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut packets = Vec::new();
    let mut packet = Vec::new();
    let mut at = 0;
    while at + 27 <= bytes.len() {
        assert_eq!(&bytes[at..at + 4], b"OggS");
        let segments = usize::from(bytes[at + 26]);
        let table = &bytes[at + 27..at + 27 + segments];
        let mut body = at + 27 + segments;
        for &lace in table {
            packet.extend_from_slice(&bytes[body..body + usize::from(lace)]);
            body += usize::from(lace);
            if lace < 255 {
                packets.push(std::mem::take(&mut packet));
            }
        }
        at = body;
    }
    packets
}

/// 2 s of a stereo 440 Hz tone in Opus, 20 ms packets, and its OpusHead.
fn opus() -> &'static Stream {
    static STREAM: OnceLock<Stream> = OnceLock::new();
    STREAM.get_or_init(|| {
        let bytes = encode(
            "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 2 -ac 2 -c:a libopus \
             -frame_duration 20 -f ogg",
            "in.ogg",
        );
        let mut packets = ogg_packets(&bytes).into_iter();
        let head = packets.next().unwrap();
        assert_eq!(&head[..8], b"OpusHead");
        let tags = packets.next().unwrap();
        assert_eq!(&tags[..8], b"OpusTags");
        let chunks = packets
            .enumerate()
            .map(|(k, data)| Chunk {
                ts: k as i64 * 20_000,
                dur: 20_000,
                key: true,
                data,
            })
            .collect();
        Stream {
            description: Some(head),
            chunks,
        }
    })
}

/// 2 s of a mono tone in AAC-LC at 48 kHz (ADTS frames, headers taken off) and its
/// AudioSpecificConfig.
fn aac() -> &'static Stream {
    static STREAM: OnceLock<Stream> = OnceLock::new();
    STREAM.get_or_init(|| {
        let bytes = encode(
            "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 2 -c:a aac -f adts",
            "in.aac",
        );
        let mut at = 0;
        let mut chunks = Vec::new();
        let mut asc = None;
        while at + 7 <= bytes.len() {
            let h = &bytes[at..at + 7];
            assert_eq!((h[0], h[1] & 0xf0), (0xff, 0xf0));
            let header = if h[1] & 1 == 1 { 7 } else { 9 };
            let len =
                (usize::from(h[3] & 3) << 11) | (usize::from(h[4]) << 3) | usize::from(h[5] >> 5);
            let (profile, rate, channels) = (
                h[2] >> 6,
                (h[2] >> 2) & 0xf,
                ((h[2] & 1) << 2) | (h[3] >> 6),
            );
            asc.get_or_insert([
                ((profile + 1) << 3) | (rate >> 1),
                ((rate & 1) << 7) | (channels << 3),
            ]);
            let k = chunks.len() as i64;
            let ts = (k * 1024 * 1_000_000 + 24_000) / 48_000;
            let end = ((k + 1) * 1024 * 1_000_000 + 24_000) / 48_000;
            chunks.push(Chunk {
                ts,
                dur: end - ts,
                key: true,
                data: bytes[at + header..at + len].to_vec(),
            });
            at += len;
        }
        Stream {
            description: Some(asc.unwrap().to_vec()),
            chunks,
        }
    })
}

fn video_track(container: Container, fps: u32) -> VideoTrack {
    let stream = video_stream(container);
    VideoTrack {
        codec: container.video(),
        width: 320,
        height: 240,
        fps,
        description: stream.description.clone(),
    }
}

fn audio_track(codec: AudioCodec) -> AudioTrack {
    AudioTrack {
        codec,
        sample_rate: 48_000,
        channels: if codec == AudioCodec::Opus { 2 } else { 1 },
        description: audio_stream(codec).description.clone(),
    }
}

fn video_stream(container: Container) -> &'static Stream {
    match container {
        Container::Mp4 => h264(),
        Container::Webm => vp9(),
    }
}

fn audio_stream(codec: AudioCodec) -> &'static Stream {
    match codec {
        AudioCodec::Opus => opus(),
        AudioCodec::Aac => aac(),
    }
}

/// Muxes `video` (and the sound, all of it first, as the worker gives it); the parts drained
/// after each chunk, then finish's.
fn mux(
    container: Container,
    fps: u32,
    video: &[Chunk],
    audio: Option<(AudioCodec, &[Chunk])>,
    seconds: f64,
) -> Vec<Vec<u8>> {
    let mut muxer = FilmMuxer::new(
        container,
        video_track(container, fps),
        audio.map(|(codec, _)| audio_track(codec)),
        seconds,
    )
    .unwrap();
    let mut parts = vec![muxer.drain()];
    for c in audio.map_or(&[][..], |(_, chunks)| chunks) {
        muxer.audio(c.ts, c.dur, &c.data).unwrap();
    }
    for c in video {
        muxer.video(c.ts, c.dur, c.key, &c.data).unwrap();
        parts.push(muxer.drain());
    }
    parts.push(muxer.finish().unwrap());
    parts
}

fn save(parts: &[Vec<u8>], name: &str) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, parts.concat()).unwrap();
    path
}

/// Muxes the container's 2 s test video (and sound) into a file; its path.
fn mux_file(container: Container, audio: Option<AudioCodec>, name: &str) -> PathBuf {
    let audio = audio.map(|codec| (codec, &audio_stream(codec).chunks[..]));
    let parts = mux(
        container,
        FPS,
        &video_stream(container).chunks,
        audio,
        SECONDS,
    );
    save(&parts, name)
}

/// ffprobe's report on a file, with the frames counted by decoding.
fn probe(path: &Path) -> Value {
    let out = tool("ffprobe")
        .args([
            "-v",
            "error",
            "-count_frames",
            "-show_streams",
            "-show_format",
            "-of",
            "json",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "ffprobe {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Decodes the whole file with ffmpeg; fails on any error it reports.
fn decodes(path: &Path) {
    let out = tool("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-f", "null", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "decoding {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn number(v: &Value) -> f64 {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .or(v.as_f64())
        .unwrap_or(f64::NAN)
}

/// Checks the video stream, the sound (codec name or none) and the duration.
fn check(path: &Path, video: &str, frames: u64, audio: Option<&str>, seconds: f64, fps: u32) {
    let report = probe(path);
    let streams = report["streams"].as_array().unwrap();
    assert_eq!(
        streams.len(),
        1 + usize::from(audio.is_some()),
        "{report:#}"
    );
    let v = &streams[0];
    assert_eq!(v["codec_type"], "video", "{report:#}");
    assert_eq!(v["codec_name"], video);
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(320), Some(240))
    );
    assert_eq!(number(&v["nb_read_frames"]) as u64, frames, "{report:#}");
    // A rate needs two frames (with one, ffprobe takes the H.264 stream's own timing, 30 fps).
    if frames > 1 {
        assert_eq!(v["r_frame_rate"], format!("{fps}/1"), "{report:#}");
    }
    if let Some(codec) = audio {
        assert_eq!(streams[1]["codec_type"], "audio");
        assert_eq!(streams[1]["codec_name"], codec);
        assert!(number(&streams[1]["nb_read_frames"]) > 0.0);
    }
    let duration = number(&report["format"]["duration"]);
    assert!(
        (duration - seconds).abs() <= 1.0 / f64::from(fps) + 1e-6,
        "duration {duration} s, not {seconds} s: {report:#}"
    );
    decodes(path);
}

#[test]
fn mp4_h264_and_opus_play_with_their_duration() {
    let path = mux_file(Container::Mp4, Some(AudioCodec::Opus), "opus.mp4");
    check(&path, "h264", 60, Some("opus"), SECONDS, FPS);
}

#[test]
fn mp4_h264_and_aac_play_with_their_duration() {
    let path = mux_file(Container::Mp4, Some(AudioCodec::Aac), "aac.mp4");
    check(&path, "h264", 60, Some("aac"), SECONDS, FPS);
}

#[test]
fn webm_vp9_and_opus_play_with_their_duration() {
    let path = mux_file(Container::Webm, Some(AudioCodec::Opus), "opus.webm");
    check(&path, "vp9", 60, Some("opus"), SECONDS, FPS);
}

#[test]
fn films_without_sound_have_video_only() {
    let mp4 = mux_file(Container::Mp4, None, "silent.mp4");
    check(&mp4, "h264", 60, None, SECONDS, FPS);
    let webm = mux_file(Container::Webm, None, "silent.webm");
    check(&webm, "vp9", 60, None, SECONDS, FPS);
}

/// The duration ffprobe reads from a file's start (no frame counting).
fn duration(path: &Path) -> f64 {
    let out = tool("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(f64::NAN)
}

#[test]
fn the_running_time_is_in_the_header() {
    for container in [Container::Mp4, Container::Webm] {
        let audio = Some((AudioCodec::Opus, &opus().chunks[..]));
        let parts = mux(
            container,
            FPS,
            &video_stream(container).chunks,
            audio,
            SECONDS,
        );
        // The header and the first fragment or cluster only: a second of the two.
        let first: Vec<Vec<u8>> = parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .take(2)
            .collect();
        let path = save(&first, &format!("start.{}", container.extension()));
        assert_eq!(duration(&path), SECONDS, "{container:?}");
    }
}

#[test]
fn a_film_of_one_frame_lasts_one_frame() {
    // 24 fps: muxide alone gives a lone sample 1/30 s.
    let fps = 24;
    for (container, codec) in [(Container::Mp4, "h264"), (Container::Webm, "vp9")] {
        let first = Chunk {
            dur: frame_time(0, fps).1,
            ..video_stream(container).chunks[0].clone()
        };
        let seconds = 1.0 / f64::from(fps);
        let parts = mux(container, fps, &[first], None, seconds);
        let path = save(&parts, &format!("one.{}", container.extension()));
        check(&path, codec, 1, None, seconds, fps);
        assert!(
            (duration(&path) - seconds).abs() < 0.002,
            "{container:?}: {}",
            duration(&path)
        );
    }
}

#[test]
fn time_going_back_is_refused() {
    for container in [Container::Mp4, Container::Webm] {
        let video = &video_stream(container).chunks;
        let mut m = FilmMuxer::new(
            container,
            video_track(container, FPS),
            Some(audio_track(AudioCodec::Opus)),
            1.0,
        )
        .unwrap();
        m.video(video[0].ts, video[0].dur, true, &video[0].data)
            .unwrap();
        m.video(video[1].ts, video[1].dur, false, &video[1].data)
            .unwrap();
        let back = m.video(video[0].ts, video[0].dur, false, &video[1].data);
        assert_eq!(
            back,
            Err(MuxError::Backwards {
                track: "video",
                previous_us: video[1].ts,
                timestamp_us: video[0].ts
            })
        );
        m.audio(40_000, 20_000, &opus().chunks[2].data).unwrap();
        assert!(matches!(
            m.audio(20_000, 20_000, &opus().chunks[1].data),
            Err(MuxError::Backwards { track: "sound", .. })
        ));
        assert!(back.unwrap_err().to_string().contains("went back in time"));
        // A negative timestamp is before the film starts.
        let mut m = FilmMuxer::new(container, video_track(container, FPS), None, 1.0).unwrap();
        assert!(m.video(-1, 33_333, true, &video[0].data).is_err());
        assert_eq!(m.audio(0, 20_000, &[1]), Err(MuxError::NoAudioTrack));
    }
}

#[test]
fn codecs_a_container_cannot_carry_are_refused() {
    let h264 = video_track(Container::Mp4, FPS);
    let vp9 = video_track(Container::Webm, FPS);
    let refused = |c, v: &VideoTrack, a: Option<AudioTrack>| {
        FilmMuxer::new(c, v.clone(), a, 1.0).unwrap_err()
    };
    assert_eq!(
        refused(Container::Webm, &h264, None),
        MuxError::Codec {
            container: Container::Webm,
            codec: "H.264"
        }
    );
    assert_eq!(
        refused(Container::Mp4, &vp9, None),
        MuxError::Codec {
            container: Container::Mp4,
            codec: "VP9"
        }
    );
    assert_eq!(
        refused(Container::Webm, &vp9, Some(audio_track(AudioCodec::Aac))).to_string(),
        "a WEBM file cannot carry AAC"
    );
    let no_avcc = VideoTrack {
        description: None,
        ..h264.clone()
    };
    assert!(matches!(
        refused(Container::Mp4, &no_avcc, None),
        MuxError::Description(_)
    ));
    let three_byte_lengths = VideoTrack {
        description: h264.description.clone().map(|mut d| {
            d[4] = 0xfe;
            d
        }),
        ..h264.clone()
    };
    assert!(matches!(
        refused(Container::Mp4, &three_byte_lengths, None),
        MuxError::Description(_)
    ));
    let huge = VideoTrack {
        width: 70_000,
        ..h264
    };
    assert!(matches!(
        refused(Container::Mp4, &huge, None),
        MuxError::Size { .. }
    ));
}

#[test]
fn an_opus_head_is_made_when_the_encoder_gives_none() {
    let track = AudioTrack {
        description: None,
        ..audio_track(AudioCodec::Opus)
    };
    let head = opus_head(&track).unwrap();
    assert_eq!(&head[..8], b"OpusHead");
    assert_eq!(head[8..], [1, 2, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]);
    // And the film made with it plays.
    for container in [Container::Mp4, Container::Webm] {
        let video = video_stream(container);
        let mut m = FilmMuxer::new(
            container,
            video_track(container, FPS),
            Some(track.clone()),
            SECONDS,
        )
        .unwrap();
        for c in &opus().chunks {
            m.audio(c.ts, c.dur, &c.data).unwrap();
        }
        for c in &video.chunks {
            m.video(c.ts, c.dur, c.key, &c.data).unwrap();
        }
        let path = save(
            &[m.finish().unwrap()],
            &format!("made-head.{}", container.extension()),
        );
        let codec = if container == Container::Mp4 {
            "h264"
        } else {
            "vp9"
        };
        check(&path, codec, 60, Some("opus"), SECONDS, FPS);
    }
}

/// The test streams `times` over (key frames at each start), as one long film.
fn repeated(stream: &Stream, times: usize, period_us: i64, per_period: usize) -> Vec<Chunk> {
    (0..times)
        .flat_map(|n| {
            stream.chunks[..per_period].iter().map(move |c| Chunk {
                ts: c.ts + n as i64 * period_us,
                ..c.clone()
            })
        })
        .collect()
}

#[test]
fn drain_streams_the_film_and_the_muxer_holds_little() {
    const TIMES: usize = 5; // 10 s
    for (container, codec) in [(Container::Mp4, "h264"), (Container::Webm, "vp9")] {
        let video = repeated(video_stream(container), TIMES, 2_000_000, 60);
        let audio = repeated(opus(), TIMES, 2_000_000, 100);
        let seconds = SECONDS * TIMES as f64;
        let mut m = FilmMuxer::new(
            container,
            video_track(container, FPS),
            Some(audio_track(AudioCodec::Opus)),
            seconds,
        )
        .unwrap();
        let mut file = m.drain();
        for c in &audio {
            m.audio(c.ts, c.dur, &c.data).unwrap();
        }
        let (mut grew, mut most_held) = (0, 0);
        for c in &video {
            m.video(c.ts, c.dur, c.key, &c.data).unwrap();
            let part = m.drain();
            grew += usize::from(!part.is_empty());
            file.extend(part);
            // What it may hold: the last two seconds of video and the sound from two seconds
            // back on (given first, not yet reached), and a few headers.
            let recent = |chunks: &[Chunk], all_after: bool| -> usize {
                chunks
                    .iter()
                    .filter(|a| a.ts > c.ts - 2_000_000 && (all_after || a.ts <= c.ts))
                    .map(|a| a.data.len())
                    .sum()
            };
            let allowed = recent(&video, false) + recent(&audio, true) + 4_096;
            assert!(
                m.held() <= allowed,
                "{container:?} at {} µs holds {} > {allowed}",
                c.ts,
                m.held()
            );
            most_held = most_held.max(m.held() - recent(&audio, true).min(m.held()));
        }
        file.extend(m.finish().unwrap());
        // A part at least every two seconds.
        assert!(grew >= TIMES, "{container:?}: {grew} parts");
        eprintln!(
            "{container:?}: {} bytes in {grew} parts, at most {most_held} bytes of video held",
            file.len()
        );
        let path = scratch().join(format!("long.{}", container.extension()));
        std::fs::write(&path, &file).unwrap();
        check(&path, codec, 60 * TIMES as u64, Some("opus"), seconds, FPS);
    }
}

/// Each video packet's time and duration as ffprobe reads them from the file, in its ticks.
fn packet_times(path: &Path, stream: &str) -> Vec<(i64, i64)> {
    let out = tool("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            stream,
            "-show_entries",
            "packet=pts,duration",
        ])
        .args(["-of", "csv=p=0"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let (pts, duration) = l.split_once(',').unwrap();
            (pts.parse().unwrap(), duration.parse().unwrap())
        })
        .collect()
}

#[test]
fn mp4_samples_are_at_their_chunks_timestamps() {
    // Frames 10–19 left out (a gap, as if the renderer skipped them) and no durations given:
    // each frame lasts until the next one, the last one frame at the track's rate. Only the
    // timing is read (the gap's frames were references, so this is not decoded).
    let chunks: Vec<Chunk> = h264()
        .chunks
        .iter()
        .enumerate()
        .filter(|(k, _)| !(10..20).contains(k))
        .map(|(_, c)| Chunk {
            dur: 0,
            ..c.clone()
        })
        .collect();
    let audio = Some((AudioCodec::Aac, &aac().chunks[..]));
    let path = save(
        &mux(Container::Mp4, FPS, &chunks, audio, SECONDS),
        "gap.mp4",
    );
    let video = packet_times(&path, "v");
    let at: Vec<i64> = video.iter().map(|&(pts, _)| pts).collect();
    let expected: Vec<i64> = chunks.iter().map(|c| (c.ts * 9 + 50) / 100).collect();
    assert_eq!(at, expected);
    assert_eq!(
        video.last().unwrap().1,
        3_000,
        "the last frame lasts 1/30 s"
    );
    // (The frame before the gap lasts 33 000 ticks in the file, which the times after it
    // prove; ffprobe's packet list shows it as 3 000 all the same.)
    // The sound: 1024 samples a packet, end to end.
    let sound = packet_times(&path, "a");
    assert_eq!(sound.len(), aac().chunks.len());
    assert!(
        sound
            .iter()
            .enumerate()
            .all(|(k, &t)| t == (k as i64 * 1024, 1024)),
        "{sound:?}"
    );
}

#[test]
fn sound_given_along_with_the_video_is_interleaved_too() {
    // Each audio packet given 40 ms after the video chunk of its time (a worker encoding both
    // at once, the sound behind), rather than all first: the sound of a cluster's first
    // moments comes after the key frame that opened it.
    for (container, codec) in [(Container::Mp4, "h264"), (Container::Webm, "vp9")] {
        let video = &video_stream(container).chunks;
        let audio = &opus().chunks;
        let mut m = FilmMuxer::new(
            container,
            video_track(container, FPS),
            Some(audio_track(AudioCodec::Opus)),
            SECONDS,
        )
        .unwrap();
        let mut file = m.drain();
        let mut sound = audio.iter().peekable();
        for c in video {
            m.video(c.ts, c.dur, c.key, &c.data).unwrap();
            while let Some(a) = sound.next_if(|a| a.ts <= c.ts - 40_000) {
                m.audio(a.ts, a.dur, &a.data).unwrap();
            }
            file.extend(m.drain());
        }
        for a in sound {
            m.audio(a.ts, a.dur, &a.data).unwrap();
        }
        file.extend(m.finish().unwrap());
        let path = save(&[file], &format!("along.{}", container.extension()));
        check(&path, codec, 60, Some("opus"), SECONDS, FPS);
        assert_eq!(
            number(&probe(&path)["streams"][1]["nb_read_frames"]) as usize,
            audio.len()
        );
    }
}
