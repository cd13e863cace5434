//! Recording narration: the microphone (`getUserMedia`) into a `MediaRecorder`, a live level
//! from an `AnalyserNode`, the elapsed time, and what happens to the take.
//!
//! One recording at a time, held here (not in a component), so it outlives the panel that
//! started it: the inspector's recorder records one frame; the presentation's records while the
//! person talks through the board, and each frame that comes on screen is a [`Cut`]. The
//! recorder runs on without a break across cuts; when it stops, the take goes through
//! [`audio_intake::take`] like any audio file, and each frame gets its part of it
//! ([`recording::parts`]: one frame → [`Action::SetNarration`], several →
//! [`Action::SetNarrations`], one undo step either way; a new take replaces an old one).
//!
//! The recorder hands over a chunk every [`TIMESLICE_MS`], and each is written to IndexedDB's
//! `recordings` store as it comes, with the cuts made so far. If the page is reloaded or closed
//! mid-take, [`recover`] joins the chunks when the board is next opened and attaches what they
//! hold (all but the last second at most), or says why it could not. Chunks are deleted once
//! the take is attached and stored.
//!
//! The type recorded is the first [`RECORDING_TYPES`] the browser's
//! `MediaRecorder.isTypeSupported` accepts: Opus in WebM in Chrome and Firefox, AAC in MP4 in
//! Safari.

use super::{audio_intake, audio_store, autosave};
use crate::actions::Action;
use crate::audio::media::{level_db, AudioMeta};
use crate::audio::recording::{self, Cut, Salvage, RECORDING_TYPES};
use crate::audio::Narration;
use crate::browser::database::{self, RecordingChunk};
use crate::browser::{clock, has};
use crate::i18n::{Message, T};
use crate::model::{Board, FrameId};
use crate::page::app::{act, Dispatch, EditorMsg, StateHandle};
use gloo::events::EventListener;
use js_sys::{Array, Reflect};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AnalyserNode, AudioContext, Blob, BlobEvent, MediaRecorder, MediaRecorderOptions, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

/// How often the recorder hands over what it has (ms): the most a reload can lose.
pub const TIMESLICE_MS: i32 = 1000;
/// Samples the meter reads at a time (≈ 43 ms at 48 kHz).
const METER_SAMPLES: u32 = 2048;
/// How long a finished take's chunks wait for autosave to store its audio before they are
/// deleted anyway (s); until then a reload recovers them.
const KEEP_CHUNKS_FOR: u32 = 120;

/// A recording in progress (or being saved).
struct Active {
    id: String,
    board: String,
    presenting: bool,
    mime: String,
    started_at: f64,
    /// `performance.now()` when the recorder said it started: the recording's time zero.
    origin: Option<f64>,
    recorder: MediaRecorder,
    stream: MediaStream,
    meter: Option<(AudioContext, AnalyserNode)>,
    chunks: Array,
    seq: u32,
    cuts: Vec<Cut>,
    /// Stopped, being joined and attached.
    saving: bool,
    /// What went wrong while recording (the recorder's `error` event).
    failure: Option<Message>,
    /// Another board was opened mid-take: stopped without attaching, its chunks kept for
    /// [`recover`] when its board is opened again.
    abandoned: bool,
    dispatch: Dispatch,
    _listeners: Vec<EventListener>,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
    /// Recordings this page made: never "recovered" by it (their chunks wait to be deleted).
    static OURS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    /// The editor's newest state ([`watch`]): what a finished take finds on screen.
    static EDITOR: RefCell<Option<Rc<RefCell<StateHandle>>>> = const { RefCell::new(None) };
}

/// Lets the recorder see the editor's newest state (given once by the editor), so a take that
/// ends is attached only to its own board, while this tab edits it, on frames still there.
pub fn watch(latest: Rc<RefCell<StateHandle>>) {
    EDITOR.with(|e| *e.borrow_mut() = Some(latest));
}

/// What becomes of a finished take of `board` recorded over `cuts`.
enum Fate {
    Attach,
    /// Its board is not on screen for editing any more: left to [`recover`].
    Later,
    /// Every frame it was recorded on is gone.
    FramesGone,
}

fn fate(board: &str, cuts: &[Cut]) -> Fate {
    EDITOR.with(|e| {
        let Some(latest) = e.borrow().clone() else {
            return Fate::Attach;
        };
        let state = latest.borrow();
        if state.board_id.as_ref().map(|b| b.0.as_str()) != Some(board) || !state.access.can_edit()
        {
            Fate::Later
        } else if cuts
            .iter()
            .any(|c| state.session.board.frame(c.frame).is_some())
        {
            Fate::Attach
        } else {
            Fate::FramesGone
        }
    })
}

/// What a recorder shows while a recording runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The frame on screen (the one recorded, outside a presentation).
    pub frame: FrameId,
    pub presenting: bool,
    /// Seconds recorded.
    pub seconds: f64,
    /// The microphone's level now (dBFS, −90 for silence), when the browser gives a meter.
    pub level_db: Option<f64>,
    /// Stopped: the take is being joined, decoded and attached.
    pub saving: bool,
}

/// The recording in progress, if any, as its recorder shows it (read a few times a second).
pub fn status() -> Option<Status> {
    ACTIVE.with(|a| {
        let a = a.borrow();
        let a = a.as_ref()?;
        let level_db = a.meter.as_ref().map(|(_, analyser)| {
            let mut samples = vec![0.0f32; analyser.fft_size() as usize];
            analyser.get_float_time_domain_data(&mut samples);
            level_db(&samples)
        });
        Some(Status {
            frame: a.cuts.last().map_or(FrameId(0), |c| c.frame),
            presenting: a.presenting,
            seconds: a.origin.map_or(0.0, |o| ((clock() - o) / 1000.0).max(0.0)),
            level_db: level_db.filter(|_| !a.saving),
            saving: a.saving,
        })
    })
}

/// Whether this browser can record at all (`MediaRecorder` and `navigator.mediaDevices`; an
/// insecure page has neither).
pub fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    has(&window, "MediaRecorder") && has(&window.navigator(), "mediaDevices")
}

/// The message for a `getUserMedia` refusal, by the `DOMException`'s name.
fn microphone_error(error: &JsValue) -> Message {
    let name = Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
            Message::new(T::ErrMicDenied)
        }
        "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
            Message::new(T::ErrNoMicrophone)
        }
        "NotReadableError" | "AbortError" | "TrackStartError" => {
            Message::new(T::ErrRecorderFailed).with_message("detail", Message::new(T::MicInUse))
        }
        _ => failed(error),
    }
}

fn failed(error: &JsValue) -> Message {
    Message::new(T::ErrRecorderFailed).with_message(
        "detail",
        Message::raw(crate::browser::files::js_error_text(error)),
    )
}

/// The first of [`RECORDING_TYPES`] the browser records, else its own choice (`""`).
fn recording_type() -> &'static str {
    RECORDING_TYPES
        .into_iter()
        .find(|t| MediaRecorder::is_type_supported(t))
        .unwrap_or("")
}

/// Starts recording `frame` of `board` (or, `presenting`, the board from `frame` on: see
/// [`cut`]). Asks for the microphone (the browser may ask the person first).
///
/// # Errors
/// No recorder in this browser, the microphone refused, missing or failing — nothing started.
pub async fn start(
    dispatch: Dispatch,
    board: String,
    frame: FrameId,
    presenting: bool,
) -> Result<(), Message> {
    if ACTIVE.with(|a| a.borrow().is_some()) {
        return Ok(());
    }
    if !supported() {
        return Err(Message::new(T::ErrNoRecorder));
    }
    let window = web_sys::window().ok_or_else(|| Message::new(T::ErrNoRecorder))?;
    let devices = window
        .navigator()
        .media_devices()
        .map_err(|_| Message::new(T::ErrNoRecorder))?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    let asked = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| microphone_error(&e))?;
    let stream: MediaStream = JsFuture::from(asked)
        .await
        .map_err(|e| microphone_error(&e))?
        .unchecked_into();
    let stop_tracks = |stream: &MediaStream| {
        for track in stream.get_tracks().iter() {
            track.unchecked_into::<MediaStreamTrack>().stop();
        }
    };
    if stream.get_audio_tracks().length() == 0 {
        stop_tracks(&stream);
        return Err(Message::new(T::ErrNoMicrophone));
    }
    // Another click may have started one while the browser asked.
    if ACTIVE.with(|a| a.borrow().is_some()) {
        stop_tracks(&stream);
        return Ok(());
    }
    let mime = recording_type();
    let options = MediaRecorderOptions::new();
    if !mime.is_empty() {
        options.set_mime_type(mime);
    }
    let recorder =
        match MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &options) {
            Ok(r) => r,
            Err(e) => {
                stop_tracks(&stream);
                return Err(failed(&e));
            }
        };
    let mime = match recorder.mime_type() {
        m if m.is_empty() => mime.to_owned(),
        m => m,
    };
    // The meter is a help, not a need: without Web Audio the recording goes on without it.
    let meter = AudioContext::new().ok().and_then(|context| {
        let source = context.create_media_stream_source(&stream).ok()?;
        let analyser = context.create_analyser().ok()?;
        analyser.set_fft_size(METER_SAMPLES);
        source.connect_with_audio_node(&analyser).ok()?;
        // Created after the permission prompt, outside the click: make sure it runs.
        let _ = context.resume();
        Some((context, analyser))
    });
    let started_at = js_sys::Date::now();
    let id = format!(
        "{:x}-{:x}",
        started_at as u64,
        (js_sys::Math::random() * 1e9) as u64
    );
    OURS.with(|o| o.borrow_mut().insert(id.clone()));
    let listeners = vec![
        EventListener::new(&recorder, "start", |_| {
            ACTIVE.with(|a| {
                if let Some(a) = a.borrow_mut().as_mut() {
                    a.origin.get_or_insert_with(clock);
                }
            });
        }),
        EventListener::new(&recorder, "dataavailable", |e| {
            let Some(blob) = e.dyn_ref::<BlobEvent>().and_then(BlobEvent::data) else {
                return;
            };
            if blob.size() > 0.0 {
                kept(blob);
            }
        }),
        EventListener::new(&recorder, "error", |e| {
            let detail = Reflect::get(e, &JsValue::from_str("error")).unwrap_or(JsValue::NULL);
            ACTIVE.with(|a| {
                if let Some(a) = a.borrow_mut().as_mut() {
                    a.failure.get_or_insert_with(|| failed(&detail));
                }
            });
        }),
        // Stopped by [`stop`], or by the browser (the microphone unplugged, an error).
        EventListener::new(&recorder, "stop", |_| {
            wasm_bindgen_futures::spawn_local(finish())
        }),
    ];
    let active = Active {
        id,
        board,
        presenting,
        mime,
        started_at,
        origin: None,
        recorder: recorder.clone(),
        stream,
        meter,
        chunks: Array::new(),
        seq: 0,
        cuts: vec![Cut { frame, at: 0.0 }],
        saving: false,
        failure: None,
        abandoned: false,
        dispatch,
        _listeners: listeners,
    };
    ACTIVE.with(|a| *a.borrow_mut() = Some(active));
    if let Err(e) = recorder.start_with_time_slice(TIMESLICE_MS) {
        if let Some(active) = ACTIVE.with(|a| a.borrow_mut().take()) {
            release(&active);
        }
        return Err(failed(&e));
    }
    Ok(())
}

/// A chunk from the recorder: kept for the take, and written to IndexedDB with the cuts so far.
fn kept(blob: Blob) {
    let chunk = ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        let a = a.as_mut()?;
        a.chunks.push(&blob);
        let seq = a.seq;
        a.seq += 1;
        Some(RecordingChunk {
            recording: a.id.clone(),
            seq,
            board: a.board.clone(),
            frame: a.cuts[0].frame.0,
            mime: a.mime.clone(),
            started_at: a.started_at,
            cuts: serde_json::to_string(&a.cuts).unwrap_or_default(),
            blob,
        })
    });
    if let Some(chunk) = chunk {
        // A chunk that cannot be stored (full quota) only costs the recovery after a reload;
        // the take itself is in memory.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = database::put_recording_chunk(&chunk).await;
        });
    }
}

/// While presenting: `frame` came on screen, so what is said from now on is its part.
pub fn cut(frame: FrameId) {
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        let Some(a) = a.as_mut().filter(|a| a.presenting && !a.saving) else {
            return;
        };
        if a.cuts.last().is_some_and(|c| c.frame == frame) {
            return;
        }
        let at = a.origin.map_or(0.0, |o| ((clock() - o) / 1000.0).max(0.0));
        a.cuts.push(Cut { frame, at });
    });
}

/// Stops the recording; the take is joined, decoded and attached ([`status`] says `saving`
/// until it is).
pub fn stop() {
    ACTIVE.with(|a| {
        if let Some(a) = a.borrow_mut().as_mut().filter(|a| !a.saving) {
            a.saving = true;
            // The last cut ends here, not when the recorder's final chunk comes.
            if let Err(e) = a.recorder.stop() {
                a.failure.get_or_insert_with(|| failed(&e));
                wasm_bindgen_futures::spawn_local(finish());
            }
        }
    });
}

/// The board `board` is now on screen: a take running for another board stops and is left to
/// [`recover`] (its frames are that board's, not this one's), attached when it is opened again.
pub fn board_shown(board: &str) {
    ACTIVE.with(|a| {
        if let Some(a) = a
            .borrow_mut()
            .as_mut()
            .filter(|a| a.board != board && !a.saving)
        {
            a.abandoned = true;
            a.saving = true;
            if a.recorder.stop().is_err() {
                wasm_bindgen_futures::spawn_local(finish());
            }
        }
    });
}

/// Lets go of the microphone and the meter.
fn release(active: &Active) {
    for track in active.stream.get_tracks().iter() {
        track.unchecked_into::<MediaStreamTrack>().stop();
    }
    if let Some((context, _)) = &active.meter {
        let _ = context.close();
    }
}

/// After the recorder stopped: the take into the board, or a notice saying why not.
async fn finish() {
    let Some((blob, mime, cuts, id, presenting, failure, dispatch, board)) = ACTIVE.with(|a| {
        let mut slot = a.borrow_mut();
        let a = slot.as_mut()?;
        a.saving = true;
        release(a);
        if a.abandoned {
            // Its chunks stay for [`recover`]; this page no longer holds the take.
            OURS.with(|o| o.borrow_mut().remove(&a.id));
            *slot = None;
            return None;
        }
        Some((
            crate::browser::blobs::join(&a.chunks, &a.mime),
            a.mime.clone(),
            a.cuts.clone(),
            a.id.clone(),
            a.presenting,
            a.failure.clone(),
            a.dispatch.clone(),
            a.board.clone(),
        ))
    }) else {
        return;
    };
    match fate(&board, &cuts) {
        Fate::Attach => {}
        Fate::Later => {
            // Its chunks stay; the board's next opening for editing recovers them.
            OURS.with(|o| o.borrow_mut().remove(&id));
            ACTIVE.with(|a| *a.borrow_mut() = None);
            return;
        }
        Fate::FramesGone => {
            ACTIVE.with(|a| *a.borrow_mut() = None);
            let reason = Message::new(T::RecordingFramesGone);
            let message = Message::new(T::RecordingNotAttached).with_message("reason", reason);
            dispatch.dispatch(EditorMsg::Notices(vec![message]));
            forget_when_stored(id, None).await;
            return;
        }
    }
    let outcome = match (failure, blob) {
        (Some(failure), _) => Err(failure),
        (None, Err(e)) => Err(e),
        (None, Ok(blob)) if blob.size() > 0.0 => {
            match audio_intake::take(blob, take_name(&mime)).await {
                Ok(meta) => match narrate(meta, &cuts, presenting) {
                    Some((audio, action)) => {
                        dispatch.dispatch(act(action));
                        Ok(audio)
                    }
                    None => Err(Message::new(T::NothingRecorded)),
                },
                Err(e) => Err(e),
            }
        }
        (None, Ok(_)) => Err(Message::new(T::NothingRecorded)),
    };
    ACTIVE.with(|a| *a.borrow_mut() = None);
    let audio = match outcome {
        Ok(audio) => Some(audio),
        Err(message) => {
            dispatch.dispatch(EditorMsg::Notices(vec![message]));
            None
        }
    };
    forget_when_stored(id, audio).await;
}

/// The action that gives each frame its part of a take (`None`: no part long enough), and the
/// take's audio id: one frame recorded in the inspector → [`Action::SetNarration`], a take made
/// while presenting → [`Action::SetNarrations`].
fn narrate(meta: AudioMeta, cuts: &[Cut], presenting: bool) -> Option<(String, Action)> {
    let parts = recording::parts(cuts, meta.seconds);
    let id = meta.id.clone();
    let action = match parts.as_slice() {
        [] => return None,
        [(frame, start, end)] if !presenting => Action::SetNarration {
            frame: *frame,
            clip: Some((
                meta.clone(),
                Narration::whole(meta.id.clone(), meta.seconds).trimmed(*start, *end),
            )),
        },
        _ => Action::SetNarrations { audio: meta, parts },
    };
    Some((id, action))
}

/// "recording 2026-12-01 09.41.05.webm" (the time it was saved, UTC).
fn take_name(mime: &str) -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    let stamp = iso
        .get(..19)
        .unwrap_or(&iso)
        .replace('T', " ")
        .replace(':', ".");
    format!("recording {stamp}.{}", recording::extension(mime))
}

/// Deletes a take's chunks once autosave has stored its `audio` (at most [`KEEP_CHUNKS_FOR`]
/// seconds later; at once when there is none to wait for): until then a reload still finds
/// them, and [`recover`] sees the take already on the board.
async fn forget_when_stored(id: String, audio: Option<String>) {
    if let Some(audio) = audio {
        for _ in 0..KEEP_CHUNKS_FOR * 2 {
            gloo::timers::future::TimeoutFuture::new(500).await;
            if !audio_store::unstored().contains(&audio) {
                autosave::flush().await;
                break;
            }
        }
    }
    let _ = database::delete_recording(&id).await;
    OURS.with(|o| o.borrow_mut().remove(&id));
}

/// At start-up (the board `board_id` open for editing): recordings of this board cut short by a
/// reload or a closed page are joined from their chunks and attached to their frames, with a
/// notice saying how many seconds were kept — or that it was lost, and why.
pub async fn recover(dispatch: Dispatch, board_id: String, board: Rc<Board>) {
    let Ok(chunks) = database::recording_chunks().await else {
        return;
    };
    let mut takes: BTreeMap<String, Vec<RecordingChunk>> = BTreeMap::new();
    for chunk in chunks {
        if chunk.board == board_id && !OURS.with(|o| o.borrow().contains(&chunk.recording)) {
            takes
                .entry(chunk.recording.clone())
                .or_default()
                .push(chunk);
        }
    }
    for (id, mut chunks) in takes {
        OURS.with(|o| o.borrow_mut().insert(id.clone()));
        chunks.sort_by_key(|c| c.seq);
        let seqs: Vec<u32> = chunks.iter().map(|c| c.seq).collect();
        let lost = |reason: Message| Message::new(T::RecordingLost).with_message("reason", reason);
        let (notice, audio) = match recording::salvage(&seqs) {
            Salvage::NoStart => (Some(lost(Message::new(T::RecordingNoStart))), None),
            Salvage::Keep(n) => {
                let kept = &chunks[..n as usize];
                let last = &kept[kept.len() - 1];
                let mut cuts: Vec<Cut> = serde_json::from_str(&last.cuts).unwrap_or_default();
                if cuts.is_empty() {
                    cuts.push(Cut {
                        frame: FrameId(last.frame),
                        at: 0.0,
                    });
                }
                let parts: Array = kept.iter().map(|c| JsValue::from(&c.blob)).collect();
                let presenting = cuts.len() > 1;
                match crate::browser::blobs::join(&parts, &last.mime) {
                    Err(e) => (Some(lost(e)), None),
                    // Only frames still on the board get a part.
                    Ok(_) if !cuts.iter().any(|c| board.frame(c.frame).is_some()) => {
                        (Some(lost(Message::new(T::RecordingFramesGone))), None)
                    }
                    Ok(blob) => {
                        recovered(&dispatch, &board, blob, &last.mime, &cuts, presenting).await
                    }
                }
            }
        };
        if let Some(notice) = notice {
            dispatch.dispatch(EditorMsg::Notices(vec![notice]));
        }
        wasm_bindgen_futures::spawn_local(forget_when_stored(id, audio));
    }
}

/// Attaches a recovered take; the notice to show (`None`: it was on the board already — the
/// page went away after attaching it, before its chunks were deleted) and the audio to wait
/// for before its chunks go.
async fn recovered(
    dispatch: &Dispatch,
    board: &Board,
    blob: Blob,
    mime: &str,
    cuts: &[Cut],
    presenting: bool,
) -> (Option<Message>, Option<String>) {
    let lost = |reason: Message| Message::new(T::RecordingLost).with_message("reason", reason);
    let meta = match audio_intake::take(blob, take_name(mime)).await {
        Ok(meta) => meta,
        Err(e) => return (Some(lost(e)), None),
    };
    if board.audio.contains_key(&meta.id) {
        return (None, None);
    }
    let seconds = meta.seconds;
    let numbers: Vec<String> = recording::parts(cuts, seconds)
        .iter()
        .filter_map(|(f, _, _)| board.number_of(*f))
        .collect();
    let Some((audio, action)) = narrate(meta, cuts, presenting) else {
        return (Some(lost(Message::new(T::NothingRecorded))), None);
    };
    dispatch.dispatch(act(action));
    let notice = Message::new(T::RecordingRecovered)
        .with_number("seconds", format!("{seconds:.1}"))
        .with_summary("frames", numbers);
    (Some(notice), Some(audio))
}
