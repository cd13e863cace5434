//! Making the film in the tasks worker: each video frame drawn as the plan says
//! ([`super::film_draw`]), encoded by the browser's WebCodecs `VideoEncoder`, the page's mixed
//! sound by its `AudioEncoder`, both written by the core's muxer ([`flowboard_core::film::mux`])
//! into a file that grows as a list of `Blob` parts outside WebAssembly memory, so a long film
//! does not make the worker grow.
//!
//! The encoder runs on the browser's threads: frames are not drawn further ahead than a few
//! frames of its queue (it would hold every frame drawn, 8 MB each at 1080p), each on one of two
//! canvases in turn once the encoder is done with that canvas's last ([`Canvases`]), and the
//! sound is encoded while the first frames are (it may come after them from the page, see
//! [`SoundSource::Follows`]). The muxer is made once the first video chunk has brought the
//! decoder configuration (H.264's `avcC`) and all the sound is encoded, with every sound packet,
//! then each video chunk; until then the video's chunks wait in the worker (the page's mix and
//! its encoding take about a second for three minutes of sound: some 2 MB of video here).

use super::film_draw::{Painter, Photos};
use crate::browser::clock;
use crate::browser::files::js_error_text;
use crate::browser::webcodecs::{
    self, object, AudioData, AudioEncoder, EncodedAudioChunk, EncodedVideoChunk, VideoEncoder,
    VideoFrame,
};
use flowboard_core::film::mux::{AudioTrack, FilmMuxer, VideoTrack};
use flowboard_core::film::{AudioCodec, Container, FilmOptions, FilmPlan, Shot, VideoCodec};
use flowboard_core::i18n::{Message, T};
use flowboard_core::model::PhotoId;
use js_sys::{Array, Function, Int16Array, Promise, Uint8Array};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag};

/// Frames given to the encoder and not yet taken before drawing waits for it. With the canvases
/// drawn in turn ([`Canvases`]) a drawn frame waits sooner; this bounds a run of still frames.
const QUEUE: u32 = 4;
/// Video frames between two looks at the muxer's finished bytes.
const DRAIN_EVERY: u64 = 30;
/// Milliseconds between two progress messages. Each re-renders the page's editor: at 100 ms its
/// main thread was busy 6–7 s over a 100 s film (`bench/film.mjs`), at 250 ms 2.8 s.
const PROGRESS_MS: f64 = 250.0;
/// The longest piece of sound given to the encoder at once (samples per channel: 1 s at 48 kHz).
const AUDIO_PIECE: u32 = 48_000;
/// Pieces of sound given to the encoder and not yet taken before more wait for it.
const AUDIO_QUEUE: u32 = 4;

/// The film's sound as the page mixed it: one buffer of 16-bit samples per channel.
pub struct Sound {
    pub sample_rate: u32,
    pub channels: Vec<Int16Array>,
}

/// A film made: the file and what it holds.
pub struct Film {
    pub file: Blob,
    pub video_frames: u64,
    pub video_codec: String,
    pub audio_codec: Option<String>,
}

/// An encoded chunk, copied out of the browser's.
struct Packet {
    timestamp: i64,
    duration: i64,
    key: bool,
    data: Vec<u8>,
}

/// What an encoder's callbacks leave for the loop: chunks, the decoder configuration of the
/// first, an error, and who to wake.
#[derive(Default)]
struct Outbox {
    packets: VecDeque<Packet>,
    description: Option<Option<Vec<u8>>>,
    error: Option<String>,
    outputs: u64,
    wake: Option<Function>,
}

type Shared = Rc<RefCell<Outbox>>;

fn wake(shared: &Shared) {
    let waiting = shared.borrow_mut().wake.take();
    if let Some(resolve) = waiting {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// Why an encoder's call failed: a failed encoder is closed, so its own error (reported to
/// `out`) says why, not the call's ("closed codec").
fn failure(out: &Shared, e: &JsValue) -> String {
    let said = out.borrow().error.clone();
    said.unwrap_or_else(|| js_error_text(e))
}

/// Waits for the encoder's next output, dequeue or error (or 50 ms, should none come).
async fn next_event(shared: &Shared) {
    let promise = Promise::new(&mut |resolve, _| {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        shared.borrow_mut().wake = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Bytes of the file batched before they are made a `Blob` (the browser keeps a blob's bytes
/// outside the worker, in its blob store, on disk when large): the worker holds at most this
/// much of the film, where holding every part until the end held the whole file (174 MB for
/// the bench's three minutes).
const BLOB_BATCH: usize = 8 << 20;

/// The film's file as it grows: `Blob`s of the bytes written so far, and the batch not yet one.
#[derive(Default)]
struct FileParts {
    blobs: Vec<Blob>,
    batch: Vec<Uint8Array>,
    batched: usize,
}

impl FileParts {
    fn push(&mut self, bytes: &[u8]) -> Result<(), Message> {
        self.batch.push(Uint8Array::from(bytes));
        self.batched += bytes.len();
        if self.batched >= BLOB_BATCH {
            let blob = Self::blob(&self.batch, &BlobPropertyBag::new())?;
            self.blobs.push(blob);
            self.batch.clear();
            self.batched = 0;
        }
        Ok(())
    }

    fn blob(parts: &[impl AsRef<JsValue>], bag: &BlobPropertyBag) -> Result<Blob, Message> {
        let array: Array = parts.iter().map(AsRef::as_ref).collect();
        Blob::new_with_blob_sequence_and_options(&array, bag)
            .map_err(|e| Message::new(T::FilmMuxFailed).with("detail", js_error_text(&e)))
    }

    /// The whole file, of type `bag` says.
    fn finish(self, bag: &BlobPropertyBag) -> Result<Blob, Message> {
        let parts: Vec<JsValue> = self
            .blobs
            .into_iter()
            .map(JsValue::from)
            .chain(self.batch.into_iter().map(JsValue::from))
            .collect();
        Self::blob(&parts, bag)
    }
}

/// The last picture drawn, kept while the film shows it unchanged (a frame without a move, the
/// title card): the video frames after it are made from it instead of drawn again, which takes
/// the canvas's 12–15 ms a 1080p frame off every still frame.
struct Held {
    shot: Shot,
    caption: Option<String>,
    frame: VideoFrame,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.frame.close();
    }
}

/// The film's canvases, drawn on in turn, and the last video frame made from each one's pixels.
///
/// A `VideoFrame` made from a canvas shares the canvas's pixels until the encoder has encoded it,
/// and drawing on that canvas before then makes the browser copy all its pixels first (8 MB at
/// 1080p, into fresh memory). So each picture is drawn on the other canvas, once the encoder has
/// put out the frame last made from it: the copy is gone and the encoder still has a frame to
/// encode while the next is drawn. Measured with `bench/film.mjs` (1080p, moves on every frame),
/// the worker's CPU fell from 85 to 57–63 s and the memory stayed the same (415–436 against
/// 422 MB); a third canvas was no faster (the worker then waits for the encoder as long).
struct Canvases {
    painters: Vec<Painter>,
    /// By canvas: the last video frame made from its pixels.
    last: Vec<Option<u64>>,
    /// The canvas drawn on last.
    turn: usize,
    /// Whether to wait for the encoder before drawing: given up on for the rest of the film when
    /// an encoder that has taken every frame given puts out none for [`Self::STALL_MS`] (one
    /// that holds frames back until it has more would wait for the frame the wait withholds),
    /// or when a wait passes [`Self::LONGEST_MS`]. The film is the same either way; it is the
    /// copy that comes back.
    wait: bool,
}

impl Canvases {
    const COUNT: usize = 2;
    /// How long an encoder with nothing queued may put out nothing before it is taken to hold
    /// frames back.
    const STALL_MS: f64 = 1000.0;
    /// The longest wait for a canvas.
    const LONGEST_MS: f64 = 10_000.0;

    fn new(plan: &FilmPlan) -> Result<Self, JsValue> {
        Ok(Self {
            painters: (0..Self::COUNT)
                .map(|_| Painter::new(plan))
                .collect::<Result<_, _>>()?,
            last: vec![None; Self::COUNT],
            turn: 0,
            wait: true,
        })
    }

    /// The canvas to draw video frame `k` on: the next in turn, once `encoder` (reporting to
    /// `out`) has put out the last frame made from its pixels.
    ///
    /// # Errors
    /// The encoder's error, should it fail meanwhile.
    async fn next(
        &mut self,
        k: u64,
        encoder: &VideoEncoder,
        out: &Shared,
    ) -> Result<&mut Painter, String> {
        self.turn = (self.turn + 1) % Self::COUNT;
        if let (Some(last), true) = (self.last[self.turn], self.wait) {
            let began = clock();
            let (mut seen, mut since) = (out.borrow().outputs, began);
            while out.borrow().outputs <= last {
                if let Some(e) = out.borrow().error.clone() {
                    return Err(e);
                }
                let (outputs, now) = (out.borrow().outputs, clock());
                if outputs != seen || encoder.encode_queue_size() > 0 {
                    (seen, since) = (outputs, now);
                } else if now - since > Self::STALL_MS || now - began > Self::LONGEST_MS {
                    self.wait = false;
                    break;
                }
                next_event(out).await;
            }
        }
        self.last[self.turn] = Some(k);
        Ok(&mut self.painters[self.turn])
    }

    /// Video frame `k` is made from the picture drawn last.
    fn again(&mut self, k: u64) {
        self.last[self.turn] = Some(k);
    }
}

/// Both encoders and their callbacks; closing them when dropped (a film that failed), so no
/// callback comes after its closure is gone.
struct Encoders {
    video: VideoEncoder,
    video_out: Shared,
    audio: Option<(AudioEncoder, Shared)>,
    _callbacks: Vec<Closure<dyn FnMut(JsValue, JsValue)>>,
}

impl Drop for Encoders {
    fn drop(&mut self) {
        let _ = self.video.close();
        if let Some((audio, _)) = &self.audio {
            let _ = audio.close();
        }
    }
}

/// The callbacks an encoder reports to: `output(chunk, metadata)` and `error(e)`.
fn callbacks(
    shared: &Shared,
    copy: fn(&JsValue) -> Result<Packet, JsValue>,
    keep: &mut Vec<Closure<dyn FnMut(JsValue, JsValue)>>,
) -> js_sys::Object {
    let on_output = {
        let shared = shared.clone();
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |chunk: JsValue, metadata: JsValue| {
            {
                let mut out = shared.borrow_mut();
                match copy(&chunk) {
                    Ok(packet) => {
                        if out.description.is_none() {
                            out.description = Some(webcodecs::description(&metadata));
                        }
                        out.packets.push_back(packet);
                        out.outputs += 1;
                    }
                    Err(e) => out.error = Some(js_error_text(&e)),
                }
            }
            wake(&shared);
        })
    };
    let on_error = {
        let shared = shared.clone();
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |e: JsValue, _: JsValue| {
            shared
                .borrow_mut()
                .error
                .get_or_insert_with(|| js_error_text(&e));
            wake(&shared);
        })
    };
    let init = object(&[
        ("output", on_output.as_ref().clone()),
        ("error", on_error.as_ref().clone()),
    ]);
    keep.push(on_output);
    keep.push(on_error);
    init
}

fn video_packet(chunk: &JsValue) -> Result<Packet, JsValue> {
    let chunk: &EncodedVideoChunk = chunk.unchecked_ref();
    Ok(Packet {
        timestamp: chunk.timestamp().round() as i64,
        duration: chunk.duration().unwrap_or(0.0).round() as i64,
        key: chunk.kind() == "key",
        data: webcodecs::video_bytes(chunk)?,
    })
}

fn audio_packet(chunk: &JsValue) -> Result<Packet, JsValue> {
    let chunk: &EncodedAudioChunk = chunk.unchecked_ref();
    Ok(Packet {
        timestamp: chunk.timestamp().round() as i64,
        duration: chunk.duration().unwrap_or(0.0).round() as i64,
        key: true,
        data: webcodecs::audio_bytes(chunk)?,
    })
}

/// How a codec is named to the user.
fn video_name(codec: VideoCodec) -> &'static str {
    match codec {
        VideoCodec::H264 => "H.264",
        VideoCodec::Vp9 => "VP9",
    }
}

fn audio_name(codec: AudioCodec) -> &'static str {
    match codec {
        AudioCodec::Aac => "AAC",
        AudioCodec::Opus => "Opus",
    }
}

/// An encoder's (or the canvas's) failure, said to the user: what failed, in the browser's words.
pub(super) fn encoder_failed(name: &str, detail: String) -> Message {
    Message::new(T::FilmEncoderFailed)
        .with("codec", name)
        .with("detail", detail)
}

/// An audio encoder's failure, said to the user.
fn audio_failed(codec: AudioCodec, detail: String) -> Message {
    encoder_failed(audio_name(codec), detail)
}

/// Where the film's sound comes from.
pub enum SoundSource {
    Silent,
    /// With the request.
    Given(Sound),
    /// In a later message ([`deliver`]); the film waits for it only to write its file.
    Follows,
}

/// What a `SoundForFilm` message brought: the sound (or none), or why it did not read.
type Arrival = Result<Option<Sound>, String>;

thread_local! {
    /// The sound the page sent for the film being made, until the film takes it.
    static ARRIVED: RefCell<Option<Arrival>> = const { RefCell::new(None) };
}

/// Hands the film being made the sound its request said would follow.
pub fn deliver(sound: Arrival) {
    ARRIVED.with(|a| *a.borrow_mut() = Some(sound));
}

fn take_arrived() -> Option<Arrival> {
    ARRIVED.with(|a| a.borrow_mut().take())
}

/// The sound on its way into the film: waited for, then given to its encoder a second at a
/// time between video frames (never more than a few seconds queued: three minutes given at once
/// were 69 MB of copies held by the encoder), then flushed; the page's samples are let go as soon
/// as they are given.
struct SoundTrack {
    codec: AudioCodec,
    /// The film's running time: sound beyond it is not given.
    seconds: f64,
    /// The page has yet to send it.
    awaited: bool,
    /// Samples still to give: the sound, the next sample, how many there are.
    feeding: Option<(Sound, u32, u32)>,
    /// The encoder's flush, once all is given.
    flush: Option<JsFuture>,
    /// Sample rate and channels, once there is sound.
    format: Option<(u32, u16)>,
}

impl SoundTrack {
    fn new(codec: AudioCodec, seconds: f64) -> Self {
        Self {
            codec,
            seconds,
            awaited: false,
            feeding: None,
            flush: None,
            format: None,
        }
    }

    /// Takes the sound as it arrives: starts its encoder (after asking whether it encodes this
    /// sound), or marks it awaited.
    async fn arrive(
        &mut self,
        source: SoundSource,
        encoders: &mut Encoders,
    ) -> Result<(), Message> {
        let sound = match source {
            SoundSource::Silent => None,
            SoundSource::Follows => {
                self.awaited = true;
                return Ok(());
            }
            SoundSource::Given(sound) => Some(sound),
        };
        self.awaited = false;
        let Some(sound) = sound.filter(|s| !s.channels.is_empty() && s.sample_rate > 0) else {
            return Ok(());
        };
        let channels = sound.channels.len() as u32;
        let config = webcodecs::audio_config(self.codec, sound.sample_rate, channels);
        if !webcodecs::supported(webcodecs::Encoder::Audio, &config).await {
            return Err(Message::new(T::FilmAudioCodecMissing)
                .with("codec", audio_name(self.codec))
                .with("id", self.codec.webcodecs()));
        }
        let codec = self.codec;
        let failed = |e: JsValue| audio_failed(codec, js_error_text(&e));
        let out = Shared::default();
        let encoder = AudioEncoder::new(&callbacks(&out, audio_packet, &mut encoders._callbacks))
            .map_err(failed)?;
        encoder.configure(&config).map_err(failed)?;
        encoders.audio = Some((encoder, out));
        let film_samples = (self.seconds * f64::from(sound.sample_rate)).round() as u32;
        let samples = sound
            .channels
            .iter()
            .map(Int16Array::length)
            .min()
            .unwrap_or(0)
            .min(film_samples);
        self.format = Some((sound.sample_rate, channels as u16));
        self.feeding = Some((sound, 0, samples));
        self.feed(encoders)
    }

    /// Gives the encoder pieces of sound while its queue is short; flushes it after the last.
    fn feed(&mut self, encoders: &Encoders) -> Result<(), Message> {
        let (Some((sound, at, samples)), Some((encoder, out))) =
            (self.feeding.as_mut(), encoders.audio.as_ref())
        else {
            return Ok(());
        };
        let codec = self.codec;
        let failed = |e: JsValue| audio_failed(codec, failure(out, &e));
        let channels = sound.channels.len() as u32;
        let piece = AUDIO_PIECE.min(sound.sample_rate.max(1));
        while *at < *samples && encoder.encode_queue_size() < AUDIO_QUEUE {
            let n = piece.min(*samples - *at);
            let planar = Int16Array::new_with_length(n * channels);
            for (c, channel) in sound.channels.iter().enumerate() {
                planar.set(&channel.subarray(*at, *at + n), c as u32 * n);
            }
            let data = AudioData::new(&object(&[
                ("format", "s16-planar".into()),
                ("sampleRate", sound.sample_rate.into()),
                ("numberOfFrames", n.into()),
                ("numberOfChannels", channels.into()),
                (
                    "timestamp",
                    (f64::from(*at) * 1e6 / f64::from(sound.sample_rate))
                        .round()
                        .into(),
                ),
                ("data", planar.into()),
            ]))
            .map_err(failed)?;
            let sent = encoder.encode(&data);
            data.close();
            sent.map_err(failed)?;
            *at += n;
        }
        if *at >= *samples {
            self.feeding = None;
            self.flush = Some(JsFuture::from(encoder.flush()));
        }
        Ok(())
    }

    /// Whether all the sound is encoded (true for a silent film). With `wait`, waits until it
    /// is — for the page's message, for the encoder to take the rest, for its flush — calling
    /// `wait` every second meanwhile (the page gives up on a worker silent for 90 s).
    async fn encoded(
        &mut self,
        encoders: &mut Encoders,
        wait: Option<&dyn Fn()>,
    ) -> Result<bool, Message> {
        let mut waited = 0;
        loop {
            // Only the sound the request said would follow, once (a stray one is ignored).
            if let Some(arrived) = self.awaited.then(take_arrived).flatten() {
                let source = match arrived {
                    Ok(Some(sound)) => SoundSource::Given(sound),
                    Ok(None) => SoundSource::Silent,
                    Err(why) => return Err(Message::raw(format!("the film's sound: {why}"))),
                };
                self.arrive(source, encoders).await?;
            }
            self.feed(encoders)?;
            if let Some(flush) = self.flush.as_mut() {
                let flushed = if wait.is_some() {
                    Some(flush.await)
                } else {
                    match futures::poll!(flush) {
                        std::task::Poll::Ready(flushed) => Some(flushed),
                        std::task::Poll::Pending => None,
                    }
                };
                if let Some(flushed) = flushed {
                    self.flush = None;
                    flushed.map_err(|e| audio_failed(self.codec, js_error_text(&e)))?;
                }
            }
            let done = !self.awaited && self.feeding.is_none() && self.flush.is_none();
            let Some(still_here) = wait.filter(|_| !done) else {
                return Ok(done);
            };
            gloo::timers::future::TimeoutFuture::new(5).await;
            waited += 5;
            if waited % 1000 == 0 {
                still_here();
            }
        }
    }
}

/// The microsecond video frame `k` starts at.
fn frame_us(k: u64, fps: u32) -> i64 {
    (k as f64 * 1e6 / f64::from(fps.max(1))).round() as i64
}

/// Makes the film `plan` says, as `options` asks, from the photos' original files (by id) and
/// the page's mixed sound; `progress(done, total)` counts video frames encoded (at most four
/// times a second).
///
/// # Errors
/// Said to the user: WebCodecs or a codec missing (named, with what to choose instead), an
/// encoder's error, a photo that is missing or cannot be decoded (its frame named), the muxer's
/// error.
pub async fn make(
    plan: &FilmPlan,
    options: &FilmOptions,
    photos: HashMap<PhotoId, Blob>,
    sound_source: SoundSource,
    progress: fn(usize, usize),
) -> Result<Film, Message> {
    if !webcodecs::available() {
        return Err(Message::new(T::FilmNoWebCodecs));
    }
    let container = options.container;
    let codec = container.video();
    let (width, height, fps) = (plan.width, plan.height, plan.fps.max(1));
    let codec_id = codec.webcodecs(width, height, fps);
    let video_config = webcodecs::video_config(codec, width, height, fps);
    if !webcodecs::supported(webcodecs::Encoder::Video, &video_config).await {
        let other = match container {
            Container::Mp4 => "WebM",
            Container::Webm => "MP4",
        };
        return Err(Message::new(T::FilmVideoCodecMissing)
            .with("codec", video_name(codec))
            .with("id", codec_id)
            .with("size", format!("{width}×{height}"))
            .with("other", other));
    }
    // WebM carries only Opus; MP4 carries AAC when the page chose it (where it is encoded).
    let audio_codec = match container {
        Container::Webm => AudioCodec::Opus,
        Container::Mp4 => options.audio,
    };
    let total = plan.frame_count();
    let seconds = total as f64 / f64::from(fps);

    let mut keep = Vec::new();
    let video_out = Shared::default();
    let video = VideoEncoder::new(&callbacks(&video_out, video_packet, &mut keep))
        .map_err(|e| encoder_failed(video_name(codec), js_error_text(&e)))?;
    let mut encoders = Encoders {
        video,
        video_out: video_out.clone(),
        audio: None,
        _callbacks: keep,
    };
    let on_dequeue = {
        let shared = video_out.clone();
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, _: JsValue| wake(&shared))
    };
    encoders
        .video
        .set_ondequeue(Some(on_dequeue.as_ref().unchecked_ref()));
    encoders._callbacks.push(on_dequeue);
    encoders
        .video
        .configure(&video_config)
        .map_err(|e| encoder_failed(video_name(codec), js_error_text(&e)))?;

    let mut sound = SoundTrack::new(audio_codec, seconds);
    sound.arrive(sound_source, &mut encoders).await?;

    let mut canvases =
        Canvases::new(plan).map_err(|e| encoder_failed("canvas", js_error_text(&e)))?;
    let mut pictures = Photos::new(photos);
    let mut muxer: Option<FilmMuxer> = None;
    let mut file = FileParts::default();
    let mut shown = -PROGRESS_MS;
    let mut first_said = false;
    let mut drained_at = 0;
    progress(0, total as usize);

    let result = async {
        let frame_duration = frame_us(1, fps);
        let mut held: Option<Held> = None;
        for k in 0..total {
            if sound.awaited {
                sound.encoded(&mut encoders, None).await?;
            }
            pictures.prepare(plan, k).await?;
            let init = object(&[
                ("timestamp", (frame_us(k, fps) as f64).into()),
                ("duration", (frame_duration as f64).into()),
            ]);
            let frame_failed = |e: JsValue| encoder_failed(video_name(codec), js_error_text(&e));
            let shot = plan.shot(k);
            let caption = plan.caption(k);
            let frame = match &held {
                Some(h) if h.shot == shot && h.caption.as_deref() == caption => {
                    canvases.again(k);
                    VideoFrame::again(&h.frame, &init).map_err(frame_failed)?
                }
                _ => {
                    // Kept only while the frames after it show it too: a kept picture holds its
                    // canvas's pixels (8 MB at 1080p).
                    held = None;
                    let painter = canvases
                        .next(k, &encoders.video, &video_out)
                        .await
                        .map_err(|e| encoder_failed(video_name(codec), e))?;
                    painter.draw(plan, &shot, caption, &pictures);
                    let frame = VideoFrame::new(&painter.canvas, &init).map_err(frame_failed)?;
                    if k + 1 < total && plan.shot(k + 1) == shot && plan.caption(k + 1) == caption {
                        held = Some(Held {
                            shot,
                            caption: caption.map(str::to_string),
                            frame: VideoFrame::again(&frame, &init).map_err(|e| {
                                frame.close();
                                frame_failed(e)
                            })?,
                        });
                    }
                    frame
                }
            };
            let key = k % (2 * u64::from(fps)) == 0;
            let sent = encoders
                .video
                .encode(&frame, &object(&[("keyFrame", key.into())]));
            frame.close();
            sent.map_err(|e| encoder_failed(video_name(codec), failure(&video_out, &e)))?;
            sound.feed(&encoders)?;
            // Not further ahead than the encoder's queue.
            while encoders.video.encode_queue_size() > QUEUE {
                if let Some(e) = video_out.borrow().error.clone() {
                    return Err(encoder_failed(video_name(codec), e));
                }
                next_event(&video_out).await;
            }
            mux(
                &mut encoders,
                &mut muxer,
                &mut sound,
                (container, width, height, fps, seconds),
                None,
            )
            .await?;
            let done = video_out.borrow().outputs;
            if let Some(m) = muxer.as_mut() {
                if done >= drained_at + DRAIN_EVERY {
                    drained_at = done;
                    let bytes = m.drain();
                    if !bytes.is_empty() {
                        file.push(&bytes)?;
                    }
                }
            }
            let now = js_sys::Date::now();
            // The first frame encoded is said at once (the page shows the film has started).
            if now - shown >= PROGRESS_MS || (done > 0 && !first_said) {
                first_said = done > 0;
                shown = now;
                progress(done as usize, total as usize);
            }
        }
        pictures.close();
        JsFuture::from(encoders.video.flush())
            .await
            .map_err(|e| encoder_failed(video_name(codec), js_error_text(&e)))?;
        // Every frame is encoded: said before the file is finished (which may wait for the
        // sound, still on its way from the page).
        progress(video_out.borrow().outputs as usize, total as usize);
        mux(
            &mut encoders,
            &mut muxer,
            &mut sound,
            (container, width, height, fps, seconds),
            Some(&|| progress(total as usize, total as usize)),
        )
        .await?;
        let muxer = muxer.ok_or_else(|| {
            encoder_failed(video_name(codec), "no video came out of the encoder".into())
        })?;
        let last = muxer
            .finish()
            .map_err(|e| Message::new(T::FilmMuxFailed).with("detail", e.to_string()))?;
        if !last.is_empty() {
            file.push(&last)?;
        }
        progress(total as usize, total as usize);
        Ok(())
    }
    .await;
    pictures.close();
    result?;
    let bag = BlobPropertyBag::new();
    bag.set_type(container.mime());
    let file = file.finish(&bag)?;
    Ok(Film {
        file,
        video_frames: total,
        video_codec: codec_id.to_string(),
        audio_codec: sound.format.map(|_| audio_codec.webcodecs().to_string()),
    })
}

/// Gives the muxer what the encoders have put out: once video has come and the sound's encoder
/// has finished (waited for when `wait`, else the video is kept for a later call, so the first
/// frames are not held up by three minutes of sound), makes the muxer with the decoder
/// configuration the video brought and gives it all the sound; then the video chunks.
async fn mux(
    encoders: &mut Encoders,
    muxer: &mut Option<FilmMuxer>,
    sound: &mut SoundTrack,
    (container, width, height, fps, seconds): (Container, u32, u32, u32, f64),
    wait: Option<&dyn Fn()>,
) -> Result<(), Message> {
    let codec = container.video();
    let video_failed = |detail: String| encoder_failed(video_name(codec), detail);
    let mux_failed = |e: flowboard_core::film::mux::MuxError| {
        Message::new(T::FilmMuxFailed).with("detail", e.to_string())
    };
    if let Some(e) = encoders.video_out.borrow().error.clone() {
        return Err(video_failed(e));
    }
    if encoders.video_out.borrow().packets.is_empty() {
        return Ok(());
    }
    if muxer.is_none() {
        let description = encoders.video_out.borrow().description.clone().flatten();
        if !sound.encoded(encoders, wait).await? {
            return Ok(());
        }
        let mut audio_track = None;
        let mut audio_packets = VecDeque::new();
        if let (Some((_, out)), Some((sample_rate, channels))) = (&encoders.audio, sound.format) {
            if let Some(e) = out.borrow().error.clone() {
                return Err(audio_failed(sound.codec, e));
            }
            let mut out = out.borrow_mut();
            audio_track = Some(AudioTrack {
                codec: sound.codec,
                sample_rate,
                channels,
                description: out.description.clone().flatten(),
            });
            audio_packets = std::mem::take(&mut out.packets);
        }
        let video_track = VideoTrack {
            codec,
            width,
            height,
            fps,
            description,
        };
        let mut m =
            FilmMuxer::new(container, video_track, audio_track, seconds).map_err(mux_failed)?;
        for p in audio_packets {
            m.audio(p.timestamp, p.duration, &p.data)
                .map_err(mux_failed)?;
        }
        *muxer = Some(m);
    }
    let m = muxer.as_mut().expect("made above");
    let packets = std::mem::take(&mut encoders.video_out.borrow_mut().packets);
    let frame = frame_us(1, fps);
    for p in packets {
        let duration = if p.duration > 0 { p.duration } else { frame };
        m.video(p.timestamp, duration, p.key, &p.data)
            .map_err(mux_failed)?;
    }
    Ok(())
}

/// The longest film made (seconds): a plan longer than this is not one the page makes.
const MAX_SECONDS: f64 = 4.0 * 3600.0;

/// Whether `plan` is one to follow: a frame size an encoder takes, a frame rate of 1–60, a cue
/// for each frame, a running time of at most four hours. `Err`: why not (a `Refused` reply: the
/// page made it wrong).
///
/// # Errors
/// As said.
pub fn check(plan: &FilmPlan) -> Result<(), String> {
    let even = |v: u32| (2..=8192).contains(&v) && v.is_multiple_of(2);
    if !even(plan.width) || !even(plan.height) {
        return Err(format!(
            "a film of {}×{} (each side even, 2–8192)",
            plan.width, plan.height
        ));
    }
    if !(1..=60).contains(&plan.fps) {
        return Err(format!("a film at {} fps (1–60)", plan.fps));
    }
    if plan.cues.len() != plan.frames.len() {
        return Err(format!(
            "{} cues for {} frames",
            plan.cues.len(),
            plan.frames.len()
        ));
    }
    let times_ok = plan.cues.iter().all(|&(start, length)| {
        start.is_finite() && length.is_finite() && start >= 0.0 && length >= 0.0
    });
    let seconds = plan.seconds();
    if !times_ok || !seconds.is_finite() || seconds > MAX_SECONDS {
        return Err(format!("a running time of {seconds} s"));
    }
    Ok(())
}

/// The page's mixed sound from a request's parts: one `ArrayBuffer` of 16-bit samples a channel.
///
/// # Errors
/// A part missing, not an `ArrayBuffer`, not whole samples, or no channel (a `Refused` reply).
pub fn sound(
    audio: &flowboard_core::protocol::FilmAudio,
    parts: &crate::protocol::Parts,
) -> Result<Sound, String> {
    if audio.channels.is_empty() || audio.channels.len() > 8 {
        return Err(format!("sound of {} channels", audio.channels.len()));
    }
    if !(8_000..=192_000).contains(&audio.sample_rate) {
        return Err(format!("sound at {} Hz", audio.sample_rate));
    }
    let channels = audio
        .channels
        .iter()
        .map(|&part| {
            let buffer: js_sys::ArrayBuffer = parts.get(part)?;
            if !buffer.byte_length().is_multiple_of(2) {
                return Err(format!("part {part} is not 16-bit samples"));
            }
            Ok(Int16Array::new(&buffer))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Sound {
        sample_rate: audio.sample_rate,
        channels,
    })
}
