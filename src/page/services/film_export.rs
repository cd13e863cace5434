//! Making a film of the board (issue 18): the plan from the core ([`crate::film::FilmPlan`]),
//! the sound mixed here ([`animatic_audio::mix`]: `OfflineAudioContext` exists only on the
//! page), and the pictures drawn and encoded by a tasks worker started for the film
//! (`crate::workers::tasks::film`), which streams the file into a `Blob`. The page only waits:
//! its thread does nothing per video frame.
//!
//! Cancel ends the worker (its half-made file goes with it): nothing is stored, nothing is left
//! behind. Progress is video frames encoded, with the time left from the pace so far.

use super::{animatic_audio, export, film_recording, worker_pool};
use crate::browser::{blobs, webcodecs};
use crate::bundle;
use crate::film::{self, AudioCodec, Container, FilmOptions, FilmPlan};
use crate::i18n::{Lang, Message, T};
use crate::model::{Board, PhotoId};
use crate::page::app::{Dispatch, EditorMsg};
use futures::channel::oneshot;
use futures::FutureExt;
use js_sys::{Array, ArrayBuffer, Float32Array, Int16Array, JsString};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// The film's sound: 48 kHz, what Opus codes natively (no resampling in the encoder).
const SAMPLE_RATE: u32 = 48_000;

thread_local! {
    /// A film is being made (one at a time: each holds a worker and its memory).
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Cancels the film under way.
    static CANCEL: RefCell<Option<oneshot::Sender<()>>> = const { RefCell::new(None) };
}

/// Stops the film under way at once: its worker ends, and nothing of the film is kept.
pub fn cancel() {
    if let Some(tx) = CANCEL.with(|c| c.borrow_mut().take()) {
        let _ = tx.send(());
    }
}

/// Makes a film of `board` with `options` and offers it as a download; returns at once. `live`:
/// this browser cannot encode video, so the film is recorded as it plays
/// ([`film_recording`]). The outcome (or why there is none) goes to the export dialog.
pub fn start(board: Rc<Board>, options: FilmOptions, live: bool, lang: Lang, dispatch: Dispatch) {
    if RUNNING.with(|r| r.replace(true)) {
        dispatch.dispatch(EditorMsg::ExportMessage(Message::new(T::ExportRunning)));
        return;
    }
    let (tx, rx) = oneshot::channel::<()>();
    CANCEL.with(|c| *c.borrow_mut() = Some(tx));
    wasm_bindgen_futures::spawn_local(async move {
        let started = js_sys::Date::now();
        // Dropping the film's future (cancel) drops its worker, which ends it.
        let outcome = futures::select! {
            made = if live {
                record(&board, &options, lang, &dispatch).boxed_local()
            } else {
                make(&board, &options, lang, &dispatch).boxed_local()
            }.fuse() => made,
            _ = rx.fuse() => Err(Message::new(T::FilmCancelled)),
        };
        CANCEL.with(|c| c.borrow_mut().take());
        RUNNING.with(|r| r.set(false));
        dispatch.dispatch(EditorMsg::Task(None));
        let took = format!("{:.1}", (js_sys::Date::now() - started) / 1000.0);
        let message = match outcome {
            Ok(made) => {
                let m = Message::new(T::FilmMade)
                    .with("name", &made.name)
                    .with("length", lang.duration(made.seconds))
                    .with_number("mb", format!("{:.1}", made.blob.size() / 1e6))
                    .with_number("seconds", took);
                let mut said = vec![m];
                if !made.missing.is_empty() {
                    said.push(Message::new(T::FilmSoundLeftOut).with_list("list", made.missing));
                }
                if made.skipped > 0 {
                    said.push(Message::new(T::FilmFramesSkipped).with("n", made.skipped));
                }
                if said.len() == 1 {
                    said.remove(0)
                } else {
                    Message::sentences(said)
                }
            }
            Err(e) => e,
        };
        dispatch.dispatch(EditorMsg::ExportMessage(message));
    });
}

/// The formats this browser cannot make for `board` at `lines` and `fps`, with why: asked of
/// the browser's encoders (`isConfigSupported`) before a format is offered, never assumed from
/// its name. Where one cannot be made, the other is suggested; where neither can, the message
/// says that this browser makes no videos.
pub async fn unsupported(board: &Board, lines: u32, fps: u32) -> Vec<(Container, Message)> {
    let (w, h) = film::film_size(board.aspect, lines);
    // Each is false where WebCodecs is missing (`webcodecs::available`).
    let webm = webcodecs::video_supported(Container::Webm.video(), w, h, fps).await
        && webcodecs::audio_supported(AudioCodec::Opus, SAMPLE_RATE, 2).await;
    let mp4 = webcodecs::video_supported(Container::Mp4.video(), w, h, fps).await;
    if !mp4 && !webm {
        let why = Message::new(T::FilmNoWebCodecs);
        return vec![(Container::Mp4, why.clone()), (Container::Webm, why)];
    }
    let missing = |container: Container| {
        let video = container.video();
        let (codec, other) = match container {
            Container::Mp4 => ("H.264", "WebM"),
            Container::Webm => ("VP9", "MP4"),
        };
        (
            container,
            Message::new(T::FilmVideoCodecMissing)
                .with("codec", codec)
                .with("id", video.webcodecs(w, h, fps))
                .with("size", format!("{w} × {h}"))
                .with("other", other),
        )
    };
    let mut out = Vec::new();
    if !mp4 {
        out.push(missing(Container::Mp4));
    }
    if !webm {
        out.push(missing(Container::Webm));
    }
    out
}

/// The sound's codec: AAC in an MP4 where this browser encodes it (what every player expects),
/// else Opus (Linux builds of Chromium have no AAC encoder).
async fn audio_codec(container: Container) -> AudioCodec {
    if container == Container::Mp4
        && webcodecs::audio_supported(AudioCodec::Aac, SAMPLE_RATE, 2).await
    {
        AudioCodec::Aac
    } else {
        AudioCodec::Opus
    }
}

/// A film, made and offered.
struct Made {
    name: String,
    blob: Blob,
    seconds: f64,
    /// Audio files that could not be loaded (their sound is not in the film).
    missing: Vec<String>,
    /// Video frames left out of a film recorded as it played (drawing fell behind its clock).
    skipped: u64,
}

impl Made {
    /// Offers the film `blob` as a download, named for `board`'s title in `lang` with
    /// `extension`.
    ///
    /// # Errors
    /// The download could not be offered.
    fn offer(
        blob: Blob,
        (board, lang, extension): (&Board, Lang, &str),
        plan: &FilmPlan,
        missing: Vec<String>,
        skipped: u64,
    ) -> Result<Self, Message> {
        let name = bundle::file_name(export::title(board, lang), extension);
        blobs::save_as(&blob, &name)?;
        Ok(Self {
            name,
            blob,
            seconds: plan.seconds(),
            missing,
            skipped,
        })
    }
}

/// `m:ss` of a number of seconds (the time left: whole seconds, the same in every language).
fn minutes(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The film's mixed sound (its sample rate and one buffer a channel; none for a silent board),
/// and the audio files left out of it.
type Mixed = (Option<(u32, Vec<ArrayBuffer>)>, Vec<String>);

async fn make(
    board: &Board,
    options: &FilmOptions,
    lang: Lang,
    dispatch: &Dispatch,
) -> Result<Made, Message> {
    let options = &FilmOptions {
        audio: audio_codec(options.container).await,
        ..options.clone()
    };
    let plan = FilmPlan::new(board, options);
    let total = usize::try_from(plan.frame_count()).unwrap_or(usize::MAX);
    export::progress(dispatch, Message::new(T::FilmStarting), 0, total);
    // The sound is mixed while the worker loads and the photos are gathered, and while the first
    // frames are made: the film is started without it, and it follows.
    let sound = async {
        match animatic_audio::mix(board, plan.seconds(), plan.offset(), SAMPLE_RATE).await? {
            Some((buffer, missing)) => Ok((Some((SAMPLE_RATE, channels(&buffer).await?)), missing)),
            None => Ok((None, Vec::new())),
        }
    }
    .fuse();
    let ready = futures::future::join(worker_pool::start_tasks(), photos(board, &plan)).fuse();
    futures::pin_mut!(sound, ready);
    let mut mixed: Option<Result<Mixed, Message>> = None;
    let (worker, photos) = loop {
        futures::select! {
            // A sound that cannot be mixed ends the film before it starts.
            done = sound => mixed = Some(Ok(done?)),
            (worker, photos) = ready => break (worker, photos),
        }
    };
    let (mut worker, photos) = (worker?, photos?);
    let pending = worker.film_start(&plan, options, &photos, lang)?;
    let port = worker.film_sound_port();
    let missing = RefCell::new(Vec::new());
    let send_sound = async {
        let (audio, left_out) = match mixed.take() {
            Some(done) => done,
            None => sound.await,
        }?;
        *missing.borrow_mut() = left_out;
        port.send(audio)
    }
    .fuse();
    let began = Cell::new(None::<(f64, usize)>);
    let on_progress = |done: usize, total: usize| {
        let now = js_sys::Date::now();
        // The pace from the first frame reported (the worker's start and the photos' first
        // decode are not the pace of the rest).
        let (t0, d0) = *began.get().get_or_insert((now, done));
        began.set(Some((t0, d0)));
        let label = if done > d0 && now > t0 {
            let per_frame = (now - t0) / 1000.0 / (done - d0) as f64;
            Message::new(T::FilmEncoding).with("left", minutes(per_frame * (total - done) as f64))
        } else {
            Message::new(T::FilmStarting)
        };
        export::progress(dispatch, label, done, total);
    };
    let made = worker.film_made(pending, on_progress).fuse();
    futures::pin_mut!(send_sound, made);
    // The film's reply, once its sound is sent (a sound that cannot be mixed ends the film: its
    // worker, waiting for it, is dropped with this future).
    let reply = loop {
        futures::select! {
            sent = send_sound => sent?,
            reply = made => break reply,
        }
    };
    let (blob, _result) = reply??;
    let extension = options.container.extension();
    Made::offer(blob, (board, lang, extension), &plan, missing.take(), 0)
}

/// Records the film as it plays, where this browser cannot encode video: the sound is mixed
/// first (it plays from the start), then the worker plays the pictures on the recording's
/// canvas; the recording and the sound start with its first picture.
async fn record(
    board: &Board,
    options: &FilmOptions,
    lang: Lang,
    dispatch: &Dispatch,
) -> Result<Made, Message> {
    // The sound's output first, while the click still lets the page start sound.
    let out = if animatic_audio::has_sound(board) {
        Some(film_recording::SoundOut::new()?)
    } else {
        None
    };
    let plan = FilmPlan::new(board, options);
    let total = usize::try_from(plan.frame_count()).unwrap_or(usize::MAX);
    export::progress(dispatch, Message::new(T::FilmStarting), 0, total);
    // One after the other: a second more before a recording of the film's length is nothing.
    let photos = photos(board, &plan).await?;
    let (sound, missing) =
        match animatic_audio::mix(board, plan.seconds(), plan.offset(), SAMPLE_RATE).await? {
            Some((buffer, missing)) => (Some(buffer), missing),
            None => (None, Vec::new()),
        };
    let mut worker = worker_pool::start_tasks().await?;
    let (recording, canvas) = film_recording::FilmRecording::new(
        plan.width,
        plan.height,
        plan.fps,
        out.zip(sound.as_ref()),
    )
    .await?;
    let pending = worker.film_live_start(&plan, &photos, &canvas, lang)?;
    let begun = RefCell::new(None::<Result<(), Message>>);
    let fps = f64::from(plan.fps.max(1));
    let on_progress = |done: usize, total: usize| {
        if begun.borrow().is_none() {
            *begun.borrow_mut() = Some(recording.begin());
        }
        let left = (total - done.min(total)) as f64 / fps;
        let label = Message::new(T::FilmRecordingLive).with("left", minutes(left));
        export::progress(dispatch, label, done, total);
    };
    // A recording that fails (or will not start) ends the film at once, not when it has played.
    let failed = async {
        loop {
            gloo::timers::future::TimeoutFuture::new(250).await;
            if let Some(Err(why)) = begun.borrow().as_ref() {
                return why.clone();
            }
            if let Some(why) = recording.failure() {
                return why;
            }
        }
    };
    let skipped = futures::select! {
        played = worker.film_played(pending, on_progress).fuse() => played??.1,
        why = failed.fuse() => return Err(why),
    };
    if let Some(Err(why)) = begun.take() {
        return Err(why);
    }
    let (blob, mime) = recording.finish(plan.seconds()).await?;
    let extension = film_recording::extension(&mime);
    Made::offer(blob, (board, lang, extension), &plan, missing, skipped)
}

/// Samples converted at a time (a million a task kept the page's thread under 50 ms a task,
/// where three minutes at once took 128 ms).
const COPY_SLICE: u32 = 1 << 20;

/// Each channel of `buffer` as its own `ArrayBuffer` of 16-bit samples, a slice per task so the
/// page stays responsive: half the bytes of the mix's floats (35 against 69 MB for three minutes
/// of stereo), which the worker holds until the end of the film.
async fn channels(buffer: &web_sys::AudioBuffer) -> Result<Vec<ArrayBuffer>, Message> {
    let get = js_sys::Reflect::get(buffer, &JsString::from("getChannelData"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| Message::new(T::SoundCannotStart))?;
    let mut out = Vec::new();
    for c in 0..buffer.number_of_channels() {
        let data: Float32Array = get
            .call1(buffer, &JsValue::from(c))
            .map_err(|_| Message::new(T::SoundCannotStart))?
            .unchecked_into();
        let copy = Int16Array::new_with_length(data.length());
        let mut at = 0;
        while at < data.length() {
            let end = (at + COPY_SLICE).min(data.length());
            let samples: Vec<i16> = data
                .subarray(at, end)
                .to_vec()
                .into_iter()
                .map(|x| (x * 32_767.0).round().clamp(-32_768.0, 32_767.0) as i16)
                .collect();
            copy.subarray(at, end).copy_from(&samples);
            at = end;
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        out.push(copy.buffer());
    }
    Ok(out)
}

/// The original file of every photo the film shows, once each.
///
/// # Errors
/// A photo is in neither this page nor storage (named by its frame's number).
async fn photos(board: &Board, plan: &FilmPlan) -> Result<Vec<(PhotoId, Blob)>, Message> {
    let mut out: Vec<(PhotoId, Blob)> = Vec::new();
    for (i, frame) in plan.frames.iter().enumerate() {
        let Some(id) = &frame.photo else { continue };
        if out.iter().any(|(have, _)| have == id) {
            continue;
        }
        match export::original(id).await {
            Some(blob) => out.push((id.clone(), blob)),
            None => {
                let number = board
                    .frames()
                    .nth(i)
                    .and_then(|f| board.number_of(f.id))
                    .unwrap_or_else(|| (i + 1).to_string());
                return Err(Message::new(T::FilmPhotoMissing).with("n", number));
            }
        }
    }
    Ok(out)
}

/// Which subtitle file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubtitleFormat {
    Srt,
    Vtt,
}

/// Downloads the film's subtitles (timed as the film with `options` would show its frames);
/// says what was downloaded.
///
/// # Errors
/// No frame has text to show, or the download could not be offered.
pub fn subtitles(
    board: &Board,
    options: &FilmOptions,
    format: SubtitleFormat,
    lang: Lang,
) -> Result<Message, Message> {
    let plan = FilmPlan::new(board, options);
    let subs = plan.subtitles();
    if subs.is_empty() {
        return Err(Message::new(T::NoSubtitles));
    }
    let (text, extension, mime) = match format {
        SubtitleFormat::Srt => (
            film::srt(&subs),
            "srt",
            "application/x-subrip;charset=utf-8",
        ),
        SubtitleFormat::Vtt => (film::vtt(&subs), "vtt", "text/vtt;charset=utf-8"),
    };
    let name = bundle::file_name(export::title(board, lang), extension);
    let blob = blobs::join(&Array::of1(&JsValue::from_str(&text)), mime)?;
    blobs::save_as(&blob, &name)?;
    Ok(Message::new(T::SubtitlesDownloaded)
        .with("name", &name)
        .with("n", subs.len()))
}
