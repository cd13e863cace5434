//! The animatic's sound: one `AudioContext` for the page, each audio file decoded once (by
//! content hash), and every narration clip and the music bed scheduled on the context's clock
//! from the plan `core::audio` makes ([`crate::audio::timeline`], [`crate::audio::music_envelope`],
//! [`crate::audio::music_offset`]).
//!
//! Why the clock is the audio's: timers drift and stall (a busy main thread, a background tab),
//! while the audio hardware plays at its own steady rate. So sound is queued ahead on that clock
//! (`AudioBufferSourceNode.start(when, offset, duration)`, gain ramps at exact times), and the
//! presentation asks [`Animatic::position`] where the board is — what is being *heard* now, from
//! `getOutputTimestamp` — and shows that frame. Pausing, seeking and jumping stop what was queued
//! and queue it again from the new place ([`Animatic::play_from`]).
//!
//! What was queued is also put on `window.__flowboardAnimatic` (`runs`: one per start, each with
//! its `schedule`, `music`, `envelope` and `frameShownAt`, all in context seconds), so tests and
//! the benchmark check the real schedule rather than a copy of the arithmetic.

use super::{audio_intake, audio_store};
use crate::audio::{self, Cue, MusicBed};
use crate::i18n::{Message, T};
use crate::model::Board;
use serde_json::json;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AudioBuffer, AudioBufferSourceNode, AudioContext, AudioContextState, AudioScheduledSourceNode,
    BaseAudioContext, GainNode,
};

/// How far after "now" a run starts (s), so its first sources are queued before they are due and
/// a clip is not clipped at its head.
const LEAD: f64 = 0.08;

/// How long the context may take to start when asked (ms); a browser that blocks sound until the
/// page is interacted with never starts it, and the animatic then plays silently.
const START_WAIT_MS: u32 = 1500;

thread_local! {
    /// The page's one context: browsers limit how many a page may open, and a context that is
    /// running keeps the audio device busy, so it is made once and suspended when not playing.
    static CONTEXT: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
    /// Decoded audio by content hash. Decoding takes a while for long files and the same clip is
    /// played on every run, so it is kept; [`Animatic::prepare`] drops what the board no longer
    /// uses.
    static DECODED: RefCell<HashMap<String, AudioBuffer>> = RefCell::new(HashMap::new());
    /// How many animatics are open: the context is suspended when the last one closes (one that
    /// finished loading after its presentation closed must not silence the next presentation's).
    static OPEN: Cell<usize> = const { Cell::new(0) };
}

fn context() -> Result<AudioContext, JsValue> {
    CONTEXT.with(|c| {
        if let Some(ctx) = c.borrow().as_ref() {
            return Ok(ctx.clone());
        }
        let ctx = AudioContext::new()?;
        *c.borrow_mut() = Some(ctx.clone());
        Ok(ctx)
    })
}

/// A board's sound, decoded: what to play when, for the presentation's context or the film's
/// offline one.
pub struct Sound {
    cues: Vec<Cue>,
    /// Each frame's narration, decoded (in story order, as `cues`).
    clips: Vec<Option<AudioBuffer>>,
    bed: Option<(MusicBed, AudioBuffer)>,
    envelope: Vec<(f64, f64)>,
}

/// What [`Sound::queue`] queued: the sources (to stop), and for the test log the clips'
/// schedule, the music's start and its gain envelope.
struct Queued {
    sources: Vec<AudioBufferSourceNode>,
    schedule: Vec<serde_json::Value>,
    music: serde_json::Value,
    envelope: Vec<(f64, f64)>,
}

/// A board's sound, decoded and wired, ready to be played from any point of its timeline.
pub struct Animatic {
    ctx: AudioContext,
    /// Narration goes through here, the music through `music` (its gain is the envelope).
    voice: GainNode,
    music: GainNode,
    sound: Sound,
    /// What is queued now, to stop on pause, seek or jump.
    sources: RefCell<Vec<AudioBufferSourceNode>>,
    /// Context time of the board's 0 s in the run playing, and where the run started (board s).
    run: Cell<Option<(f64, f64)>>,
}

/// Whether a board has anything to hear.
pub fn has_sound(board: &Board) -> bool {
    board.music.is_some() || board.frames().any(|f| f.narration.is_some())
}

impl Animatic {
    /// Loads and decodes every audio file the board plays, and wires the graph.
    ///
    /// # Errors
    /// The browser has no Web Audio (the presentation then plays silently and says so). Audio
    /// that cannot be loaded or decoded is not an error: it is left out and named in the second
    /// value, and the rest plays.
    pub async fn prepare(board: &Board) -> Result<(Self, Vec<String>), Message> {
        let ctx = context().map_err(|_| Message::new(T::SoundCannotStart))?;
        let (voice, music) = buses(&ctx).map_err(|_| Message::new(T::SoundCannotStart))?;
        let (sound, missing) = Sound::load(board).await;
        let animatic = Self {
            ctx,
            voice,
            music,
            sound,
            sources: RefCell::new(Vec::new()),
            run: Cell::new(None),
        };
        animatic.expose();
        OPEN.with(|n| n.set(n.get() + 1));
        Ok((animatic, missing))
    }

    /// Starts the context if it is not running. `false` if the browser keeps it from starting
    /// (autoplay policy) within [`START_WAIT_MS`].
    pub async fn start(&self) -> bool {
        if self.ctx.state() != AudioContextState::Running {
            if let Ok(p) = self.ctx.resume() {
                let resumed = wasm_bindgen_futures::JsFuture::from(p);
                let waited = gloo::timers::future::TimeoutFuture::new(START_WAIT_MS);
                futures::pin_mut!(resumed, waited);
                let _ = futures::future::select(resumed, waited).await;
            }
        }
        self.ctx.state() == AudioContextState::Running
    }

    /// Asks the context to start, without waiting: called while a click is being handled, which is
    /// when browsers let sound start ([`Self::start`] then waits for it).
    pub fn wake(&self) {
        if self.ctx.state() != AudioContextState::Running {
            let _ = self.ctx.resume();
        }
    }

    /// Queues the board's sound from `from` seconds into it, starting [`LEAD`] from now: each clip
    /// still to come at its frame's start, one under way from the right place in it, the music at
    /// [`audio::music_offset`] with its gain envelope from there on. Whatever was queued before is
    /// stopped first.
    pub fn play_from(&self, from: f64) {
        self.stop();
        let first = self.ctx.current_time() + LEAD;
        let origin = first - from;
        let queued = self
            .sound
            .queue(&self.ctx, &self.voice, &self.music, origin, from);
        *self.sources.borrow_mut() = queued.sources;
        self.run.set(Some((origin, from)));
        log_run(json!({
            "from": from, "origin": origin, "schedule": queued.schedule, "music": queued.music,
            "envelope": queued.envelope, "frameShownAt": [],
        }));
    }

    /// Stops everything queued (pause, seek, jump, leaving the presentation).
    pub fn stop(&self) {
        for src in self.sources.borrow_mut().drain(..) {
            let _ = AsRef::<AudioScheduledSourceNode>::as_ref(&src).stop();
            let _ = src.disconnect();
        }
        let gain = self.music.gain();
        let _ = gain.cancel_scheduled_values(0.0);
        gain.set_value(0.0);
        self.run.set(None);
    }

    /// Where the board is in the run playing (seconds into it): what is heard now. Never before
    /// the place the run started from (the lead and the output's latency are not shown as the
    /// frame before); `None` when nothing runs.
    pub fn position(&self) -> Option<f64> {
        let (origin, from) = self.run.get()?;
        Some((self.heard() - origin).max(from))
    }

    /// The context time being heard now: the output timestamp (context time at the speaker, at
    /// a page-clock instant) carried forward to this instant; without it, the context's time.
    pub fn heard(&self) -> f64 {
        output_timestamp(&self.ctx).unwrap_or_else(|| self.ctx.current_time())
    }

    /// Notes when frame `frame` was put on screen (context time heard), for tests and benches.
    pub fn shown(&self, frame: usize) {
        if self.run.get().is_some() {
            let at = self.heard();
            with_log(|runs| {
                let last =
                    js_sys::Reflect::get(&runs, &JsValue::from(runs.length().saturating_sub(1)))
                        .ok()
                        .and_then(|r| js_sys::Reflect::get(&r, &"frameShownAt".into()).ok())
                        .and_then(|a| a.dyn_into::<js_sys::Array>().ok());
                if let Some(list) = last {
                    list.push(&parse(&json!({"frame": frame, "at": at})));
                }
            });
        }
    }

    /// Leaving the presentation: nothing plays, and the device is let go.
    pub fn close(&self) {
        self.stop();
        let _ = self.voice.disconnect();
        let _ = self.music.disconnect();
        let open = OPEN.with(|n| {
            n.set(n.get().saturating_sub(1));
            n.get()
        });
        if open == 0 {
            let _ = self.ctx.suspend();
        }
    }

    /// Puts the context and its two buses on the window for tests (`context`, `voice`, `music`),
    /// with an empty list of runs.
    fn expose(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let o = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&o, &k.into(), v);
        };
        set("context", &self.ctx);
        set("voice", &self.voice);
        set("music", &self.music);
        set("runs", &js_sys::Array::new());
        let _ = js_sys::Reflect::set(&window, &"__flowboardAnimatic".into(), &o);
    }
}

/// A voice bus and a music bus (silent until its envelope is queued), both to the speakers.
fn buses(ctx: &BaseAudioContext) -> Result<(GainNode, GainNode), JsValue> {
    let voice = ctx.create_gain()?;
    voice.connect_with_audio_node(&ctx.destination())?;
    let music = ctx.create_gain()?;
    music.gain().set_value(0.0);
    music.connect_with_audio_node(&ctx.destination())?;
    Ok((voice, music))
}

fn source(
    ctx: &BaseAudioContext,
    buffer: &AudioBuffer,
    to: &GainNode,
) -> Option<AudioBufferSourceNode> {
    let src = ctx.create_buffer_source().ok()?;
    src.set_buffer(Some(buffer));
    src.connect_with_audio_node(to).ok()?;
    Some(src)
}

impl Sound {
    /// Loads and decodes every audio file the board plays. Audio that cannot be loaded or
    /// decoded is left out and named in the second value; the rest plays.
    pub async fn load(board: &Board) -> (Self, Vec<String>) {
        let cues = board.timeline();
        let used: Vec<&str> = board
            .frames()
            .filter_map(|f| f.narration.as_ref().map(|n| n.audio.as_str()))
            .chain(board.music.as_ref().map(|m| m.audio.as_str()))
            .collect();
        DECODED.with(|d| d.borrow_mut().retain(|id, _| used.contains(&id.as_str())));
        let mut missing = Vec::new();
        let mut buffers: HashMap<&str, AudioBuffer> = HashMap::new();
        for id in used {
            if buffers.contains_key(id) {
                continue;
            }
            match decoded(id).await {
                Some(b) => {
                    buffers.insert(id, b);
                }
                None => {
                    let name = board.audio.get(id).map_or(id, |m| m.name.as_str());
                    if !missing.iter().any(|n| n == name) {
                        missing.push(name.to_owned());
                    }
                }
            }
        }
        let clips = board
            .frames()
            .map(|f| {
                f.narration
                    .as_ref()
                    .and_then(|n| buffers.get(n.audio.as_str()).cloned())
            })
            .collect();
        let bed = board
            .music
            .as_ref()
            .and_then(|m| Some((m.clone(), buffers.get(m.audio.as_str())?.clone())));
        let envelope = bed
            .as_ref()
            .map(|(m, _)| audio::music_envelope(&cues, m))
            .unwrap_or_default();
        let sound = Self {
            cues,
            clips,
            bed,
            envelope,
        };
        (sound, missing)
    }

    /// Queues the board's sound from `from` seconds into it on `ctx`, the board's 0 s at context
    /// time `origin`: each clip still to come at its frame's start, one under way from the right
    /// place in it, the music at [`audio::music_offset`] with its gain envelope from there on.
    fn queue(
        &self,
        ctx: &BaseAudioContext,
        voice: &GainNode,
        music_bus: &GainNode,
        origin: f64,
        from: f64,
    ) -> Queued {
        let first = origin + from;
        let total = audio::total_seconds(&self.cues);
        let mut schedule = Vec::new();
        let mut sources = Vec::new();
        for (frame, (cue, clip)) in self.cues.iter().zip(&self.clips).enumerate() {
            let (Some((start, offset, seconds)), Some(clip)) = (cue.voice, clip) else {
                continue;
            };
            let end = start + seconds;
            if end <= from {
                continue;
            }
            let late = (from - start).max(0.0);
            let (when, offset, seconds) = (origin + start + late, offset + late, seconds - late);
            if let Some(src) = source(ctx, clip, voice) {
                if src
                    .start_with_when_and_grain_offset_and_grain_duration(when, offset, seconds)
                    .is_ok()
                {
                    sources.push(src);
                    schedule.push(json!({"frame": frame, "when": when, "offset": offset, "duration": seconds}));
                }
            }
        }
        let mut music = serde_json::Value::Null;
        let mut envelope = Vec::new();
        if let Some((bed, buffer)) = &self.bed {
            let gain = music_bus.gain();
            let _ = gain.cancel_scheduled_values(0.0);
            let level = audio::envelope_at(&self.envelope, from);
            let _ = gain.set_value_at_time(level as f32, first);
            envelope.push((first, level));
            for &(t, g) in self.envelope.iter().filter(|(t, _)| *t > from) {
                let _ = gain.linear_ramp_to_value_at_time(g as f32, origin + t);
                envelope.push((origin + t, g));
            }
            if let (Some(offset), Some(src)) = (
                audio::music_offset(bed, from),
                source(ctx, buffer, music_bus),
            ) {
                src.set_loop(bed.looped);
                let stop = origin + total;
                if src.start_with_when_and_grain_offset(first, offset).is_ok() {
                    let _ = AsRef::<AudioScheduledSourceNode>::as_ref(&src).stop_with_when(stop);
                    sources.push(src);
                    music =
                        json!({"when": first, "offset": offset, "loop": bed.looped, "stop": stop});
                }
            }
        }
        Queued {
            sources,
            schedule,
            music,
            envelope,
        }
    }
}

/// The board's sound mixed for a film of `seconds`, its story starting `offset` seconds in (after
/// a title card): rendered by an `OfflineAudioContext` (faster than real time, off the page's
/// thread) at `rate`, stereo, with the same schedule and envelope the presentation plays. `None`:
/// nothing to hear. The second value names audio that could not be loaded (left out).
///
/// # Errors
/// The browser has no offline audio context, or its rendering failed.
pub async fn mix(
    board: &Board,
    seconds: f64,
    offset: f64,
    rate: u32,
) -> Result<Option<(AudioBuffer, Vec<String>)>, Message> {
    if !has_sound(board) {
        return Ok(None);
    }
    let (sound, missing) = Sound::load(board).await;
    let failed = |_| Message::new(T::SoundCannotStart);
    let frames = ((seconds.max(0.0) * f64::from(rate)).ceil() as u32).max(1);
    let ctx = web_sys::OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(
        2,
        frames,
        rate as f32,
    )
    .map_err(failed)?;
    let base: &BaseAudioContext = ctx.as_ref();
    let (voice, music) = buses(base).map_err(failed)?;
    let _queued = sound.queue(base, &voice, &music, offset, 0.0);
    let rendered = wasm_bindgen_futures::JsFuture::from(ctx.start_rendering().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(Some((rendered.unchecked_into(), missing)))
}

/// A file's decoded audio: cached, else loaded ([`audio_store::load`]) and decoded.
async fn decoded(id: &str) -> Option<AudioBuffer> {
    if let Some(b) = DECODED.with(|d| d.borrow().get(id).cloned()) {
        return Some(b);
    }
    let blob = audio_store::load(id).await?;
    let buffer = audio_intake::decode(&blob).await.ok()?;
    DECODED.with(|d| d.borrow_mut().insert(id.to_owned(), buffer.clone()));
    Some(buffer)
}

fn parse(v: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

fn with_log(f: impl FnOnce(js_sys::Array)) {
    let runs = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__flowboardAnimatic".into()).ok())
        .and_then(|o| js_sys::Reflect::get(&o, &"runs".into()).ok())
        .and_then(|r| r.dyn_into::<js_sys::Array>().ok());
    if let Some(runs) = runs {
        f(runs);
    }
}

fn log_run(run: serde_json::Value) {
    with_log(|runs| {
        runs.push(&parse(&run));
    });
}

/// `getOutputTimestamp()` carried forward to now, if the browser has it (Safari does not).
fn output_timestamp(ctx: &AudioContext) -> Option<f64> {
    let f = js_sys::Reflect::get(ctx, &"getOutputTimestamp".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let ts = f.call0(ctx).ok()?;
    let num = |k: &str| js_sys::Reflect::get(&ts, &k.into()).ok()?.as_f64();
    let (context_time, at) = (num("contextTime")?, num("performanceTime")?);
    if at <= 0.0 {
        return None;
    }
    let now = web_sys::window()?.performance()?.now();
    Some((context_time + (now - at).max(0.0) / 1000.0).min(ctx.current_time()))
}
