//! Recording the film as it plays: the last resort where this browser cannot encode video (no
//! WebCodecs, or neither H.264 nor VP9 at the film's size), as the issue asks. A `<canvas>`
//! gives its drawing to the tasks worker (`transferControlToOffscreen`), which plays the film on
//! it in real time (`crate::workers::tasks::film_live`); the canvas's `captureStream` and the
//! film's mixed sound, played into a `MediaStreamAudioDestinationNode` (not the speakers), are
//! recorded together by a `MediaRecorder`, in the browser's own format (WebM in Chrome and
//! Firefox, MP4 in Safari). It takes as long as the film; the page's thread does nothing per
//! frame.
//!
//! Dropping a [`FilmRecording`] (Cancel) stops everything and keeps nothing.

use crate::browser::blobs;
use crate::browser::files::js_error_text;
use crate::browser::has;
use crate::film::recorded_webm;
use crate::i18n::{Message, T};
use futures::channel::oneshot;
use js_sys::{Array, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AudioBuffer, AudioBufferSourceNode, AudioContext, Blob, BlobEvent, HtmlCanvasElement,
    MediaRecorder, MediaRecorderOptions, MediaStream, OffscreenCanvas,
};

/// The recording's formats, best first (`MediaRecorder.isTypeSupported` picks): VP9 or VP8 with
/// Opus in WebM (Chrome, Firefox), else whatever the browser records (Safari: MP4).
const TYPES: [&str; 4] = [
    "video/webm;codecs=vp9,opus",
    "video/webm;codecs=vp8,opus",
    "video/webm",
    "video/mp4",
];

/// How long a stopped recorder may take to give its last data (ms).
const STOP_MS: u32 = 10_000;

/// The recorded file's first bytes read for its header: the EBML header, the Segment's start and
/// its Info take a few hundred bytes.
const HEAD_BYTES: f64 = 64.0 * 1024.0;

/// Whether this browser can record a film as it plays: a `MediaRecorder`, and a canvas that can
/// be captured and drawn from a worker.
pub fn available() -> bool {
    let global = js_sys::global();
    let canvas = Reflect::get(&global, &"HTMLCanvasElement".into())
        .and_then(|c| Reflect::get(&c, &"prototype".into()))
        .unwrap_or(JsValue::UNDEFINED);
    has(&global, "MediaRecorder")
        && canvas.is_object()
        && has(&canvas, "captureStream")
        && has(&canvas, "transferControlToOffscreen")
}

/// The file extension of a recording of `mime` type.
pub fn extension(mime: &str) -> &'static str {
    if mime.starts_with("video/mp4") {
        "mp4"
    } else {
        "webm"
    }
}

/// The film's sound output, made at the click: a browser lets a page start sound only soon
/// after the person asked for it, and the recording starts seconds later (photos gathered,
/// sound mixed). Closed when dropped.
pub struct SoundOut {
    ctx: AudioContext,
    /// `resume()`, asked at once.
    resumed: js_sys::Promise,
}

impl SoundOut {
    /// An `AudioContext`, asked to run.
    ///
    /// # Errors
    /// The browser refused one.
    pub fn new() -> Result<Self, Message> {
        let ctx = AudioContext::new().map_err(|e| failed(&e))?;
        let resumed = ctx.resume().map_err(|e| failed(&e))?;
        Ok(Self { ctx, resumed })
    }
}

impl Drop for SoundOut {
    fn drop(&mut self) {
        let _ = self.ctx.close();
    }
}

/// The recording's failure in the browser's words.
fn failed(e: &JsValue) -> Message {
    Message::new(T::FilmRecordingFailed).with("detail", js_error_text(e))
}

/// A film being recorded as it plays.
pub struct FilmRecording {
    canvas: HtmlCanvasElement,
    stream: Option<MediaStream>,
    /// Made once the capture and the sound are in its stream.
    recorder: Option<MediaRecorder>,
    /// Where the sound plays, and its player.
    sound: Option<(SoundOut, AudioBufferSourceNode)>,
    chunks: Array,
    /// Told when the recorder has stopped (its last data given), or failed (why).
    stopped: Option<oneshot::Receiver<Result<(), String>>>,
    /// Why the recorder failed, once it has (said while the film plays).
    failure: Rc<RefCell<Option<String>>>,
    _callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl FilmRecording {
    /// Sets up a recording of a `width` × `height` film at `fps` with `sound` (played into the
    /// recording through `SoundOut`): the canvas to give the worker, which draws the film on it.
    /// Nothing is recorded until [`Self::begin`]. Whatever was made is undone if a step fails.
    ///
    /// # Errors
    /// The browser refused the canvas, the sound (kept paused) or the recorder (its words).
    pub async fn new(
        width: u32,
        height: u32,
        fps: u32,
        sound: Option<(SoundOut, &AudioBuffer)>,
    ) -> Result<(Self, OffscreenCanvas), Message> {
        let canvas: HtmlCanvasElement = gloo::utils::document()
            .create_element("canvas")
            .map_err(|e| failed(&e))?
            .unchecked_into();
        canvas.set_width(width);
        canvas.set_height(height);
        // In the page (a canvas out of it may not be painted) but out of sight.
        canvas.set_class_name("film-recording-canvas");
        let _ = canvas.set_attribute("aria-hidden", "true");
        let (out, buffer) = sound.unzip();
        let mut this = Self {
            canvas,
            stream: None,
            recorder: None,
            sound: None,
            chunks: Array::new(),
            stopped: None,
            failure: Rc::default(),
            _callbacks: Vec::new(),
        };
        let _ = gloo::utils::body().append_child(&this.canvas);
        // A frame for each drawing (the worker draws every video frame at its moment).
        let stream = this.canvas.capture_stream().map_err(|e| failed(&e))?;
        this.stream = Some(stream.clone());
        let offscreen = this
            .canvas
            .transfer_control_to_offscreen()
            .map_err(|e| failed(&e))?;
        if let (Some(out), Some(buffer)) = (out, buffer) {
            let resumed = wasm_bindgen_futures::JsFuture::from(out.resumed.clone()).await;
            if resumed.is_err() || out.ctx.state() != web_sys::AudioContextState::Running {
                return Err(Message::new(T::FilmSoundPaused));
            }
            let destination = out
                .ctx
                .create_media_stream_destination()
                .map_err(|e| failed(&e))?;
            let player = out.ctx.create_buffer_source().map_err(|e| failed(&e))?;
            this.sound = Some((out, player.clone()));
            player.set_buffer(Some(buffer));
            player
                .connect_with_audio_node(&destination)
                .map_err(|e| failed(&e))?;
            for track in destination.stream().get_audio_tracks() {
                stream.add_track(&track.unchecked_into());
            }
        }
        let mime = TYPES
            .into_iter()
            .find(|t| MediaRecorder::is_type_supported(t))
            .unwrap_or("");
        let options = MediaRecorderOptions::new();
        if !mime.is_empty() {
            options.set_mime_type(mime);
        }
        // A clean picture through a camera move: about what the encoded film gets.
        let pixels = f64::from(width) * f64::from(height);
        options.set_video_bits_per_second((pixels * f64::from(fps) * 0.13) as u32);
        let recorder =
            MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &options)
                .map_err(|e| failed(&e))?;
        let chunks = this.chunks.clone();
        let on_data = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if let Some(data) = e.unchecked_into::<BlobEvent>().data() {
                if data.size() > 0.0 {
                    chunks.push(&data);
                }
            }
        });
        recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        let (tx, rx) = oneshot::channel();
        let tx = Rc::new(RefCell::new(Some(tx)));
        let on_stop = {
            let tx = tx.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                if let Some(tx) = tx.borrow_mut().take() {
                    let _ = tx.send(Ok(()));
                }
            })
        };
        let failure = this.failure.clone();
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let why = js_error_text(&Reflect::get(&e, &"error".into()).unwrap_or(e));
            *failure.borrow_mut() = Some(why.clone());
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(Err(why));
            }
        });
        recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
        recorder.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        this.recorder = Some(recorder);
        this.stopped = Some(rx);
        this._callbacks = vec![on_data, on_stop, on_error];
        Ok((this, offscreen))
    }

    /// Why the recorder failed while the film played, if it has.
    pub fn failure(&self) -> Option<Message> {
        let why = self.failure.borrow().clone()?;
        Some(Message::new(T::FilmRecordingFailed).with("detail", why))
    }

    /// Starts the recording and the sound: the moment the worker's first picture is on the
    /// canvas (its clock starts then).
    ///
    /// # Errors
    /// The recorder or the sound would not start (the browser's words).
    pub fn begin(&self) -> Result<(), Message> {
        if let Some(recorder) = &self.recorder {
            // Data every second: a long film is not one buffer in the recorder.
            recorder
                .start_with_time_slice(1000)
                .map_err(|e| failed(&e))?;
        }
        if let Some((_, player)) = &self.sound {
            player.start().map_err(|e| failed(&e))?;
        }
        Ok(())
    }

    /// Stops the recording (the film has played to its end, `seconds` long) and gives its file
    /// and type. A WebM gets its running time in its header (a recorder writes none: see
    /// [`crate::film::recorded_webm`]).
    ///
    /// # Errors
    /// The recorder failed, or recorded nothing.
    pub async fn finish(mut self, seconds: f64) -> Result<(Blob, String), Message> {
        let failed = |detail: String| Message::new(T::FilmRecordingFailed).with("detail", detail);
        let Some(recorder) = self.recorder.clone() else {
            return Err(failed("no recorder".into()));
        };
        recorder.stop().map_err(|e| failed(js_error_text(&e)))?;
        if let Some(stopped) = self.stopped.take() {
            // The recorder's last data comes at once; a recorder that never says it stopped is
            // a failure, not a wait without end.
            let timeout = gloo::timers::future::TimeoutFuture::new(STOP_MS);
            match futures::future::select(stopped, timeout).await {
                futures::future::Either::Left((said, _)) => said
                    .unwrap_or_else(|_| Err("stopped".into()))
                    .map_err(failed)?,
                futures::future::Either::Right(_) => {
                    return Err(failed("the recorder did not stop".into()))
                }
            }
        }
        if self.chunks.length() == 0 {
            return Err(failed("no data".into()));
        }
        let mime = recorder.mime_type();
        let mime = mime.split(';').next().unwrap_or("video/webm").to_string();
        let blob = blobs::join(&self.chunks, &mime)?;
        if extension(&mime) == "webm" {
            // The header and its Info are in the file's first bytes, however the recorder cut
            // its pieces: its first piece may hold only part of them (a CI run's recording kept
            // no running time when only the first piece was read).
            let head_len = blob.size().min(HEAD_BYTES);
            if let Ok(head) = blobs::read_range(&blob, 0.0, head_len).await {
                if let Some(head) = recorded_webm::with_duration(&head, seconds) {
                    let rest = blob
                        .slice_with_f64(head_len)
                        .map_err(|e| failed(js_error_text(&e)))?;
                    let parts = Array::of2(&js_sys::Uint8Array::from(head.as_slice()), &rest);
                    return Ok((blobs::join(&parts, &mime)?, mime));
                }
            }
        }
        Ok((blob, mime))
    }
}

impl Drop for FilmRecording {
    /// Cancelled or done: the recorder, the sound, the capture and the canvas go.
    fn drop(&mut self) {
        if let Some(recorder) = &self.recorder {
            // Its events come after this (and its callbacks) are gone: none are listened to.
            recorder.set_ondataavailable(None);
            recorder.set_onstop(None);
            recorder.set_onerror(None);
            // Stopping a stopped recorder does nothing (older browsers throw: ignored).
            let _ = recorder.stop();
        }
        // The sound's context closes with its `SoundOut`.
        if let Some((_, player)) = &self.sound {
            let _ = player.disconnect();
        }
        if let Some(stream) = &self.stream {
            for track in stream.get_tracks() {
                track.unchecked_into::<web_sys::MediaStreamTrack>().stop();
            }
        }
        self.canvas.remove();
    }
}
