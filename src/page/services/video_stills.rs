//! Stills from a video clip: the page's side. The browser decodes the clip (a `<video>` element,
//! so HEVC works wherever the browser plays it); the core decides what to refuse, where the
//! cuts are and when to look ([`crate::video`]).
//!
//! A clip is checked before its dialog opens: its size (before a byte is read), its boxes (a copy
//! cut off, the codec's name) and whether the browser can show its picture. Then a hidden
//! `<video>` of the clip serves the filmstrip, the automatic picks and their stills, so the one the
//! person scrubs never jumps. Each seek is awaited: decoding happens off the page's thread, and
//! the page only draws the frame and encodes the still (`toBlob`, itself asynchronous).
//!
//! Picked stills become photos through the importer (the dialog hands [`commit`]'s files to
//! [`super::importer::import_stills`]; this module does not call the importer, which opens it):
//! JPEG files that are decoded, hashed, thumbnailed and stored like any photo.

use crate::browser::blobs;
use crate::i18n::Message;
use crate::page::app::{Dispatch, EditorMsg, StillsClip};
use crate::video::probe::{self, Mp4Walk};
use crate::video::scenes::{self, Bisect, Signature};
use crate::video::{ClipError, VideoStill, MAX_AUTO_PICKS, MAX_CLIP_BYTES};
use js_sys::Promise;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlVideoElement};

/// The clip the dialog is open on.
pub struct Clip {
    pub id: u64,
    pub file: File,
    /// Object URL of the file, for both `<video>` elements (revoked on close).
    pub url: String,
    pub duration: f64,
    pub width: u32,
    pub height: u32,
    /// The hidden player used for the filmstrip and automatic picks.
    worker: HtmlVideoElement,
}

thread_local! {
    static CLIP: RefCell<Option<Rc<Clip>>> = const { RefCell::new(None) };
    /// Clips dropped together wait here; each opens when the one before is closed.
    static WAITING: RefCell<VecDeque<File>> = const { RefCell::new(VecDeque::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// JPEG quality of a still (0–1): high, since the still is the frame's photo from then on.
const QUALITY: f64 = 0.95;
/// Size of the filmstrip's and the scene scan's small pictures.
pub const SMALL: (u32, u32) = (160, 90);
/// Samples a scene scan takes at most, and their longest spacing (s).
const SCAN_SAMPLES: usize = 600;
const SCAN_STEP: f64 = 0.1;
/// A cut is narrowed to this (s): under a frame of 120 fps video.
const CUT_PRECISION: f64 = 0.004;
/// A seek that has not finished after this long (ms) is a clip that cannot be read there.
const SEEK_MS: u32 = 15_000;

/// The clip the dialog shows, if it is `id`.
pub fn clip(id: u64) -> Option<Rc<Clip>> {
    CLIP.with(|c| c.borrow().clone().filter(|c| c.id == id))
}

/// Opens the stills dialog on each clip in turn. A clip that cannot be opened is said in a notice
/// naming it; the board is untouched.
pub fn open(clips: Vec<File>, dispatch: Dispatch) {
    let idle = CLIP.with(|c| c.borrow().is_none()) && WAITING.with(|w| w.borrow().is_empty());
    WAITING.with(|w| w.borrow_mut().extend(clips));
    if idle {
        wasm_bindgen_futures::spawn_local(open_next(dispatch));
    }
}

/// Closes the dialog (its picks are dropped) and opens the next waiting clip, if any.
pub fn close(dispatch: Dispatch) {
    if let Some(clip) = CLIP.with(|c| c.borrow_mut().take()) {
        clip.worker.set_src("");
        let _ = web_sys::Url::revoke_object_url(&clip.url);
    }
    dispatch.dispatch(EditorMsg::Stills(None));
    wasm_bindgen_futures::spawn_local(open_next(dispatch));
}

async fn open_next(dispatch: Dispatch) {
    loop {
        let Some(file) = WAITING.with(|w| w.borrow_mut().pop_front()) else {
            return;
        };
        match load(&file).await {
            Ok(clip) => {
                let clip = Rc::new(clip);
                let shown = StillsClip {
                    id: clip.id,
                    name: file.name(),
                };
                CLIP.with(|c| *c.borrow_mut() = Some(clip));
                dispatch.dispatch(EditorMsg::Stills(Some(shown)));
                return;
            }
            Err(e) => dispatch.dispatch(EditorMsg::Notices(vec![e.message(&file.name())])),
        }
    }
}

/// Checks a clip and loads it in a hidden player.
async fn load(file: &File) -> Result<Clip, ClipError> {
    let bytes = file.size() as u64;
    if bytes > MAX_CLIP_BYTES {
        return Err(ClipError::TooLarge { bytes });
    }
    let probe = inspect(file).await;
    if let Some(expected) = probe.truncated {
        return Err(ClipError::Truncated { bytes, expected });
    }
    let url = web_sys::Url::create_object_url_with_blob(file).map_err(|_| ClipError::Unreadable)?;
    let video = player(&url);
    let loaded = loaded(&video).await;
    let fail = |e| {
        video.set_src("");
        let _ = web_sys::Url::revoke_object_url(&url);
        Err(e)
    };
    // The browser's error says little (Chromium: "no supported streams" for a codec it lacks
    // and for a file that is no video alike): a clip whose boxes name a codec is undecodable.
    if loaded.is_err() {
        return fail(match probe.codec {
            Some(codec) => ClipError::Undecodable { codec: Some(codec) },
            None => ClipError::Unreadable,
        });
    }
    let duration = video.duration();
    if video.video_width() == 0 || !duration.is_finite() || duration <= 0.0 {
        // Chromium plays the sound of a clip whose picture it cannot decode.
        return fail(match probe.codec {
            Some(codec) => ClipError::Undecodable { codec: Some(codec) },
            None => ClipError::NoVideo,
        });
    }
    Ok(Clip {
        id: NEXT_ID.with(|n| n.replace(n.get() + 1)),
        file: file.clone(),
        duration,
        width: video.video_width(),
        height: video.video_height(),
        url,
        worker: video,
    })
}

/// What the clip's own bytes say (its codec, whether it is cut off), read a few bytes at a time.
/// Anything unreadable says nothing: the browser's attempt decides.
async fn inspect(file: &File) -> probe::Probe {
    let size = file.size();
    let Ok(head) = blobs::read_range(file, 0.0, size.min(65_536.0)).await else {
        return probe::Probe::default();
    };
    if probe::is_webm(&head) {
        return probe::webm(&head, size as u64);
    }
    if head.get(4..8) != Some(b"ftyp") {
        return probe::Probe::default();
    }
    let mut walk = Mp4Walk::new(size as u64);
    while let Some(at) = walk.next() {
        let at = at as f64;
        match blobs::read_range(file, at, (at + 16.0).min(size)).await {
            Ok(header) => walk.feed(&header),
            Err(_) => return probe::Probe::default(),
        }
    }
    // The moov box of a long clip is a few MB; a larger one is not read.
    let codec = match walk.moov {
        Some((at, len)) if len <= 32 << 20 => blobs::read_range(file, at as f64, (at + len) as f64)
            .await
            .ok()
            .and_then(|moov| probe::mp4_codec(&moov)),
        _ => None,
    };
    probe::Probe {
        codec,
        truncated: walk.truncated,
    }
}

/// A muted `<video>` of `url` that loads the whole picture track on demand.
fn player(url: &str) -> HtmlVideoElement {
    let video: HtmlVideoElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("video").ok())
        .and_then(|e| e.dyn_into().ok())
        .expect("a document makes video elements");
    video.set_muted(true);
    video.set_preload("auto");
    video.set_src(url);
    video
}

/// Resolves when `target` fires `ok` (`Ok`) or `error` (`Err`), or after `ms`.
async fn event(target: &web_sys::EventTarget, ok: &str, ms: u32) -> Result<(), ()> {
    let promise = Promise::new(&mut |resolve, reject| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            ok, &resolve, &options,
        );
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            "error", &reject, &options,
        );
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms as i32);
        }
    });
    JsFuture::from(promise).await.map(drop).map_err(drop)
}

/// Waits until `video` has its first frame (`Err` if it cannot show one).
async fn loaded(video: &HtmlVideoElement) -> Result<(), ()> {
    if video.ready_state() < 2 {
        return event(video, "loadeddata", 20_000).await;
    }
    Ok(())
}

/// Shows the frame at `at` seconds in `video` and waits until it is drawn; gives the frame's own
/// time (its first instant in the clip).
pub async fn seek(video: &HtmlVideoElement, at: f64) -> Result<f64, ()> {
    // Armed before the seek starts (an `async fn` would only listen once awaited).
    let presented = next_frame(video);
    video.set_current_time(at);
    match presented {
        Some(presented) => frame_time(presented).await.map(|t| t.unwrap_or(at)),
        None => event(video, "seeked", SEEK_MS).await.map(|()| at),
    }
}

async fn frame_time(presented: JsFuture) -> Result<Option<f64>, ()> {
    Ok(presented.await.map_err(drop)?.as_f64())
}

/// Resolves when `video` presents its next frame, with the frame's time where the browser says
/// it (`requestVideoFrameCallback`). `seeked` alone is not enough: on a loaded machine Chromium
/// fires it before the new frame can be drawn, and a canvas then gets the frame shown before
/// the seek (measured: a cut found 1.5 frames late after a long jump). The callback does not
/// always come for a paused clip (seen in the dialog, never in a bare page), so [`GRACE_MS`]
/// after `seeked` the frame is taken as drawn; without the callback (older browsers), `seeked`.
fn next_frame(video: &HtmlVideoElement) -> Option<JsFuture> {
    let callback = js_sys::Reflect::get(video, &JsValue::from_str("requestVideoFrameCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())?;
    let promise = Promise::new(&mut |resolve, reject| {
        let presented = resolve.clone();
        let done = Closure::once_into_js(move |_now: f64, meta: JsValue| {
            let at = js_sys::Reflect::get(&meta, &JsValue::from_str("mediaTime"))
                .unwrap_or(JsValue::UNDEFINED);
            let _ = presented.call1(&JsValue::NULL, &at);
        });
        let _ = callback.call1(video, &done);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let grace = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, GRACE_MS);
            }
        });
        let _ = video.add_event_listener_with_callback_and_add_event_listener_options(
            "seeked",
            grace.unchecked_ref(),
            &options,
        );
        let _ = video.add_event_listener_with_callback_and_add_event_listener_options(
            "error", &reject, &options,
        );
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, SEEK_MS as i32);
        }
    });
    Some(JsFuture::from(promise))
}

/// How long after `seeked` a frame is taken as drawn when no frame callback came (ms).
const GRACE_MS: i32 = 250;

/// Waits for a seek the person started (scrubbing) to finish and its frame to be drawn.
pub async fn settled(video: &HtmlVideoElement) {
    if video.seeking() {
        match next_frame(video) {
            Some(presented) => drop(presented.await),
            None => drop(event(video, "seeked", SEEK_MS).await),
        }
    }
}

fn canvas(width: u32, height: u32) -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .expect("a document makes canvases");
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .expect("a canvas has a 2d context");
    (canvas, context)
}

/// The frame `video` shows, at its own size, as a high-quality JPEG.
pub async fn still(video: &HtmlVideoElement) -> Result<Blob, Message> {
    let (w, h) = (video.video_width(), video.video_height());
    let (canvas, context) = canvas(w, h);
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
        .map_err(crate::browser::files::describe_js_error)?;
    let promise = Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from(QUALITY),
        ) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(promise)
        .await
        .map_err(crate::browser::files::describe_js_error)?;
    blob.dyn_into::<Blob>()
        .map_err(crate::browser::files::describe_js_error)
}

/// The frame `video` shows, small: a `data:` URL for the filmstrip and its signature.
fn small(video: &HtmlVideoElement) -> Option<(String, Signature)> {
    let (w, h) = SMALL;
    let (canvas, context) = canvas(w, h);
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
        .ok()?;
    let data = context
        .get_image_data(0.0, 0.0, w.into(), h.into())
        .ok()?
        .data();
    let url = canvas.to_data_url_with_type("image/jpeg").ok()?;
    Some((url, Signature::of_rgba(&data, w as usize, h as usize)))
}

/// Thumbnails of `clip` at `n` times spread over it, each given to `show` as it is made.
pub async fn filmstrip(clip: &Clip, n: usize, show: impl Fn(usize, f64, String)) {
    for (i, at) in scenes::filmstrip_times(clip.duration, n)
        .into_iter()
        .enumerate()
    {
        if self::clip(clip.id).is_none() || seek(&clip.worker, at).await.is_err() {
            return;
        }
        if let Some((url, _)) = small(&clip.worker) {
            show(i, at, url);
        }
    }
}

/// A still picked in the dialog, not yet added to the board.
#[derive(Clone, PartialEq)]
pub struct Pick {
    pub at: f64,
    pub jpeg: Blob,
    /// Object URL of the JPEG, for the dialog's list (revoked by [`forget`]).
    pub url: String,
}

/// A pick of the frame `video` shows now.
pub async fn pick(video: &HtmlVideoElement) -> Result<Pick, Message> {
    settled(video).await;
    capture(video, video.current_time()).await
}

/// A pick of the frame `video` shows, recorded at `at`.
async fn capture(video: &HtmlVideoElement, at: f64) -> Result<Pick, Message> {
    let jpeg = still(video).await?;
    let url = web_sys::Url::create_object_url_with_blob(&jpeg)
        .map_err(crate::browser::files::describe_js_error)?;
    Ok(Pick { at, jpeg, url })
}

/// Lets go of picks no longer shown.
pub fn forget(picks: &[Pick]) {
    for p in picks {
        let _ = web_sys::Url::revoke_object_url(&p.url);
    }
}

/// What an automatic pick reports as it goes.
pub enum Progress {
    /// Looking for cuts: samples looked at of all.
    Scanning(usize, usize),
    /// Taking the stills: taken of all.
    Taking(usize, usize),
}

/// How an automatic pick chooses its times.
pub enum Auto {
    /// A still every so many seconds.
    Every(f64),
    /// A still at the start of each shot.
    Scenes,
}

/// Picks stills of `clip` automatically, at most `max`, reporting progress; stops (keeping what
/// it took) when `cancel` is set or the dialog closed.
pub async fn auto(
    clip: &Clip,
    how: Auto,
    max: usize,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(Progress),
) -> Vec<Pick> {
    let max = max.min(MAX_AUTO_PICKS);
    let stop = || cancel.get() || self::clip(clip.id).is_none();
    let video = &clip.worker;
    let times = match how {
        Auto::Every(step) => scenes::every(clip.duration, step, max),
        Auto::Scenes => {
            let samples = scenes::sample_times(clip.duration, SCAN_STEP, SCAN_SAMPLES);
            let mut sigs = Vec::with_capacity(samples.len());
            for (i, at) in samples.iter().enumerate() {
                progress(Progress::Scanning(i, samples.len()));
                if stop() || seek(video, *at).await.is_err() {
                    return Vec::new();
                }
                let Some((_, sig)) = small(video) else {
                    return Vec::new();
                };
                sigs.push(sig);
            }
            let mut times = vec![0.0];
            for cut in scenes::cuts(&sigs) {
                let mut bisect = Bisect::new(
                    (samples[cut - 1], sigs[cut - 1].clone()),
                    (samples[cut], sigs[cut].clone()),
                    CUT_PRECISION,
                );
                while let Some(at) = bisect.next() {
                    if stop() || seek(video, at).await.is_err() {
                        return Vec::new();
                    }
                    let Some((_, sig)) = small(video) else {
                        return Vec::new();
                    };
                    bisect.feed(at, &sig);
                }
                times.push(bisect.after);
            }
            times.truncate(max);
            times
        }
    };
    let mut picks = Vec::with_capacity(times.len());
    for (i, at) in times.iter().enumerate() {
        progress(Progress::Taking(i, times.len()));
        if stop() {
            break;
        }
        let Ok(at) = seek(video, *at).await else {
            break;
        };
        match capture(video, at).await {
            Ok(p) => picks.push(p),
            Err(_) => break,
        }
    }
    picks
}

/// The files of `picks` of the clip named `clip`, each with what it is a still of, for the
/// importer to add as frames (one undo step); the picks' own resources are let go.
pub fn commit(clip: &str, picks: Vec<Pick>) -> Vec<(File, VideoStill)> {
    let mut stills = Vec::with_capacity(picks.len());
    for p in &picks {
        let still = VideoStill {
            clip: clip.to_owned(),
            at: p.at,
        };
        let parts = js_sys::Array::of1(&p.jpeg);
        let options = web_sys::FilePropertyBag::new();
        options.set_type("image/jpeg");
        if let Ok(file) =
            File::new_with_blob_sequence_and_options(&parts, &still.file_name(), &options)
        {
            stills.push((file, still));
        }
    }
    forget(&picks);
    stills
}
