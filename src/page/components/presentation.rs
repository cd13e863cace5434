use super::cropped_photo::CroppedPhoto;
use super::{use_lang, Dispatch};
use crate::audio;
use crate::i18n::{Message, T};
use crate::model::{Frame, FrameId};
use crate::page::app::{EditorMsg, StateHandle};
use crate::page::services::animatic_audio::{self, Animatic};
use crate::page::services::camera_motion::{self, Motion};
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A horizontal swipe longer than this (px) changes frame.
const SWIPE: f64 = 50.0;

/// How often the clock and the timeline move while playing (ms).
const TICK: u32 = 200;

/// Milliseconds of the page's clock.
fn now() -> f64 {
    js_sys::Date::now()
}

/// Where the animatic stands: a frame, how far into it (s), and how it is being played, if it
/// is. A jump or a seek writes a new place with no run, so the run it ends does not write over it.
#[derive(Debug, Clone, Copy)]
struct Place {
    frame: usize,
    within: f64,
    run: Option<Run>,
}

#[derive(Debug, Clone, Copy)]
enum Run {
    /// By the page's timers, since this instant (ms): a board without sound, or sound that could
    /// not start.
    Timer(f64),
    /// By the sound: the frame is the one being heard ([`Animatic::position`]).
    Sound,
}

/// The board's sound in this presentation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sound {
    /// Nothing to hear: frames play by timers, as they always have.
    None,
    Loading,
    Ready,
    /// There is sound but it cannot play (the browser would not start it): timers, silently.
    Silent,
}

#[derive(Properties, PartialEq)]
pub struct PresentationProps {
    pub state: StateHandle,
    pub start: FrameId,
}

/// Full-screen presentation: the cropped frames with their captions, one at a time. Arrows,
/// Space and swipes move; Play runs the board as an animatic, each frame for its duration, with a
/// timeline (click it to go to a moment) and the total running time; Esc returns to the editor
/// on the frame that was shown. A board with sound plays its narration and music, and then the
/// picture follows the sound's clock ([`animatic_audio`]), not timers.
#[component]
pub fn Presentation(props: &PresentationProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let board = &props.state.session.board;
    let frames: Vec<Frame> = board.frames().cloned().collect();
    // One plan for what is shown and what is heard: each frame's start and length.
    let cues = std::rc::Rc::new(board.timeline());
    let count = frames.len();
    let index = use_state(|| frames.iter().position(|f| f.id == props.start).unwrap_or(0));
    let playing = use_state_eq(|| false);
    let place = use_mut_ref(|| Place {
        frame: usize::MAX,
        within: 0.0,
        run: None,
    });
    // Bumped by a jump or a seek while playing: the run starts again from the new place.
    let restart = use_state_eq(|| 0_u32);
    let tick = use_state(|| 0_u32);
    let sound = use_state_eq(|| {
        if animatic_audio::has_sound(board) {
            Sound::Loading
        } else {
            Sound::None
        }
    });
    let animatic = use_mut_ref(|| None::<Rc<Animatic>>);
    let notice = use_state_eq(|| None::<Message>);
    let swipe_from = use_mut_ref(|| None::<f64>);
    let root = use_node_ref();
    let timeline = use_node_ref();
    let stage = use_node_ref();
    // The shown frame's camera move, as an animation of its photo.
    let motion = use_mut_ref(|| None::<Motion>);
    let i = (*index).min(count.saturating_sub(1));
    let current = frames.get(i).map(|f| f.id);
    let seconds_of = {
        let cues = cues.clone();
        move |k: usize| cues.get(k).map_or(0.0, |c| c.seconds)
    };

    // A jump to frame `to`, from its start; while playing, the run (and its sound) starts again
    // there.
    let go = {
        let (index, place, restart) = (index.clone(), place.clone(), restart.clone());
        Callback::from(move |to: usize| {
            let to = to.min(count.saturating_sub(1));
            if to == i {
                return;
            }
            *place.borrow_mut() = Place {
                frame: to,
                within: 0.0,
                run: None,
            };
            index.set(to);
            restart.set(restart.wrapping_add(1));
        })
    };
    // Going to a moment of the board (seconds from its start), from the timeline.
    let seek_to = {
        let (index, place, restart, cues) =
            (index.clone(), place.clone(), restart.clone(), cues.clone());
        Callback::from(move |t: f64| {
            let Some((k, within)) = audio::seek(&cues, t) else {
                return;
            };
            *place.borrow_mut() = Place {
                frame: k,
                within,
                run: None,
            };
            index.set(k);
            restart.set(restart.wrapping_add(1));
        })
    };
    let exit = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if doc.fullscreen_element().is_some() {
                    doc.exit_fullscreen();
                }
            }
            dispatch.dispatch(EditorMsg::Overlay(None, current));
        })
    };

    // Full screen where the browser allows it; leaving full screen (Esc) leaves the presentation.
    {
        let (root, exit) = (root.clone(), exit.clone());
        use_effect_with((), move |_| {
            if let Some(el) = root.cast::<web_sys::Element>() {
                let _ = el.request_fullscreen();
            }
            let doc = web_sys::window()
                .and_then(|w| w.document())
                .expect("a document");
            let was_full = Rc::new(Cell::new(false));
            let listener = EventListener::new(&doc, "fullscreenchange", move |_| {
                let full = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.fullscreen_element().is_some());
                if was_full.get() && !full {
                    exit.emit(());
                }
                was_full.set(full);
            });
            move || drop(listener)
        });
    }
    // The board's sound, loaded and decoded once the presentation opens (before ▶ is pressed,
    // usually); let go when it closes.
    {
        let (animatic, sound, notice) = (animatic.clone(), sound.clone(), notice.clone());
        let board = board.clone();
        use_effect_with((), move |_| {
            let open = Rc::new(Cell::new(true));
            if *sound == Sound::Loading {
                let (animatic, open) = (animatic.clone(), open.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match Animatic::prepare(&board).await {
                        Ok((prepared, missing)) if open.get() => {
                            *animatic.borrow_mut() = Some(Rc::new(prepared));
                            if !missing.is_empty() {
                                notice.set(Some(
                                    Message::new(T::SoundMissing).with_summary("names", missing),
                                ));
                            }
                            sound.set(Sound::Ready);
                        }
                        Ok((prepared, _)) => prepared.close(),
                        Err(why) => {
                            notice.set(Some(why));
                            sound.set(Sound::Silent);
                        }
                    }
                });
            }
            move || {
                open.set(false);
                if let Some(a) = animatic.borrow_mut().take() {
                    a.close();
                }
            }
        });
    }
    // Play or pause. ▶ on the last frame (where presenting often opens: the selected frame), when
    // it has not started or has played to its end, plays from the first frame.
    let play_pause = {
        let (index, playing, place, sound, animatic) = (
            index.clone(),
            playing.clone(),
            place.clone(),
            sound.clone(),
            animatic.clone(),
        );
        let duration = seconds_of(i);
        Callback::from(move |_: ()| {
            if *playing {
                playing.set(false);
                return;
            }
            let within = {
                let p = place.borrow();
                if p.frame == i {
                    p.within
                } else {
                    0.0
                }
            };
            if i + 1 == count && (within <= 0.0 || within >= duration) {
                *place.borrow_mut() = Place {
                    frame: 0,
                    within: 0.0,
                    run: None,
                };
                index.set(0);
            }
            // Sound that could not start is tried again on the next ▶ (a click lets it start).
            if *sound == Sound::Silent && animatic.borrow().is_some() {
                sound.set(Sound::Ready);
            }
            // Asked while the click is being handled, as browsers want for sound to start.
            if let Some(a) = animatic.borrow().as_ref() {
                a.wake();
            }
            playing.set(true);
        })
    };
    // Keys, page-wide while presenting.
    {
        let (go, exit, play_pause) = (go.clone(), exit.clone(), play_pause.clone());
        use_effect_with((i, *playing), move |(i, _)| {
            let i = *i;
            let window = web_sys::window().expect("a window");
            let listener = EventListener::new_with_options(
                &window,
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    match e.key().as_str() {
                        "ArrowRight" | "ArrowDown" | "PageDown" | " " => go.emit(i + 1),
                        "ArrowLeft" | "ArrowUp" | "PageUp" => go.emit(i.saturating_sub(1)),
                        "Home" => go.emit(0),
                        "End" => go.emit(usize::MAX),
                        "Escape" => exit.emit(()),
                        "k" | "K" | "Enter" => play_pause.emit(()),
                        _ => return,
                    }
                    e.prevent_default();
                    e.stop_propagation();
                },
            );
            move || drop(listener)
        });
    }
    // The animatic without sound: each frame for what is left of its duration, then the next;
    // stops at the end. While it plays, the clock and the timeline tick.
    {
        let (index, playing, place, tick) =
            (index.clone(), playing.clone(), place.clone(), tick.clone());
        let duration = seconds_of(i);
        let by_timer = matches!(*sound, Sound::None | Sound::Silent);
        use_effect_with(
            (by_timer, i, *playing, *restart),
            move |&(by_timer, i, is_playing, _)| {
                {
                    let mut p = place.borrow_mut();
                    if p.frame != i {
                        *p = Place {
                            frame: i,
                            within: 0.0,
                            run: None,
                        };
                    }
                }
                let running = (by_timer && is_playing).then(|| {
                    let left = (duration - place.borrow().within).max(0.0);
                    place.borrow_mut().run = Some(Run::Timer(now()));
                    let timer = Timeout::new((left * 1000.0) as u32, move || {
                        if i + 1 < count {
                            index.set(i + 1);
                        } else {
                            playing.set(false);
                        }
                    });
                    let ticker = Interval::new(TICK, move || tick.set(tick.wrapping_add(1)));
                    (timer, ticker)
                });
                move || {
                    drop(running);
                    let mut p = place.borrow_mut();
                    if let Some(Run::Timer(since)) = p.run {
                        p.within = (p.within + (now() - since) / 1000.0).min(duration);
                        p.run = None;
                    }
                }
            },
        );
    }
    // The animatic with sound: everything queued on the audio clock from the place it stands,
    // and the picture moved to the frame being heard — woken at each frame's end (and every
    // TICK for the clock), but always asking the sound where it is. Pause, a jump or a seek ends
    // the run (stopping what was queued); the next starts from the new place.
    {
        let (index, playing, place, tick, sound, notice) = (
            index.clone(),
            playing.clone(),
            place.clone(),
            tick.clone(),
            sound.clone(),
            notice.clone(),
        );
        let (animatic, cues) = (animatic.borrow().clone(), cues.clone());
        use_effect_with(
            (*sound == Sound::Ready, *playing, *restart),
            move |&(ready, is_playing, _)| {
                let live = Rc::new(Cell::new(true));
                let a = animatic.filter(|_| ready && is_playing);
                if let Some(a) = a.clone() {
                    let (live, place, index, cues) =
                        (live.clone(), place.clone(), index.clone(), cues.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if !a.start().await {
                            if live.get() {
                                notice.set(Some(Message::new(T::SoundCannotStart)));
                                sound.set(Sound::Silent);
                            }
                            return;
                        }
                        if !live.get() {
                            return;
                        }
                        let from = {
                            let mut p = place.borrow_mut();
                            let k = p.frame.min(cues.len().saturating_sub(1));
                            p.run = Some(Run::Sound);
                            cues.get(k).map_or(0.0, |c| c.start) + p.within
                        };
                        if notice
                            .as_ref()
                            .is_some_and(|m| m.key == T::SoundCannotStart)
                        {
                            notice.set(None);
                        }
                        a.play_from(from);
                        let total = audio::total_seconds(&cues);
                        while live.get() {
                            let Some(t) = a.position() else { break };
                            if t >= total {
                                let last = cues.len().saturating_sub(1);
                                *place.borrow_mut() = Place {
                                    frame: last,
                                    within: cues.get(last).map_or(0.0, |c| c.seconds),
                                    run: None,
                                };
                                a.stop();
                                index.set(last);
                                playing.set(false);
                                break;
                            }
                            let Some((k, within)) = audio::seek(&cues, t) else {
                                break;
                            };
                            {
                                let mut p = place.borrow_mut();
                                p.within = within;
                                if p.frame != k {
                                    p.frame = k;
                                    index.set(k);
                                }
                            }
                            tick.set(tick.wrapping_add(1));
                            // Woken at the frame's end, or sooner for the clock.
                            let next = (cues[k].end() - t) * 1000.0;
                            gloo::timers::future::TimeoutFuture::new(
                                next.clamp(1.0, f64::from(TICK)).ceil() as u32,
                            )
                            .await;
                        }
                    });
                }
                move || {
                    live.set(false);
                    if let Some(a) = a {
                        let heard = a.position();
                        a.stop();
                        let mut p = place.borrow_mut();
                        if let (Some(Run::Sound), Some(t)) = (p.run, heard) {
                            if let Some((k, within)) = audio::seek(&cues, t) {
                                *p = Place {
                                    frame: k,
                                    within,
                                    run: None,
                                };
                                index.set(k);
                            }
                        }
                    }
                }
            },
        );
    }
    // When a frame comes on screen during a run with sound, noted against the sound's clock.
    {
        let animatic = animatic.borrow().clone();
        use_effect_with(i, move |&i| {
            if let Some(a) = animatic {
                a.shown(i);
            }
        });
    }

    let onpointerdown = {
        let swipe_from = swipe_from.clone();
        Callback::from(move |e: PointerEvent| {
            *swipe_from.borrow_mut() = Some(f64::from(e.client_x()))
        })
    };
    let onpointerup = {
        let go = go.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(from) = swipe_from.borrow_mut().take() {
                let dx = f64::from(e.client_x()) - from;
                if dx <= -SWIPE {
                    go.emit(i + 1);
                } else if dx >= SWIPE {
                    go.emit(i.saturating_sub(1));
                }
            }
        })
    };

    let total = audio::total_seconds(&cues);
    let duration = seconds_of(i);
    let start = cues.get(i).map_or(0.0, |c| c.start);
    // How far into the frame the animatic stands (s): asked at render, and again by the camera
    // move's effect, which runs after a pause or a new run has moved the place on. A run counts
    // until it has ended: the render that a pause causes comes before the run's end writes down
    // where it stopped (it showed 0:00 there).
    let within_now = {
        let (place, animatic) = (place.clone(), animatic.clone());
        move || {
            let p = place.borrow();
            let before = if p.frame == i { p.within } else { 0.0 };
            match p.run.filter(|_| p.frame == i) {
                Some(Run::Timer(since)) => before + (now() - since) / 1000.0,
                Some(Run::Sound) => animatic
                    .borrow()
                    .as_ref()
                    .and_then(|a| a.position())
                    .map_or(before, |t| t - start),
                None => before,
            }
            .clamp(0.0, duration)
        }
    };
    let within = within_now();
    // The frame's camera move: made when the frame (or its move) comes on screen, then put where
    // the animatic stands at each change of it and at each tick while it plays.
    let moving = frames
        .get(i)
        .and_then(|f| board.camera_move_of(f))
        .map(|(crop, m)| (current, crop, m, duration.to_bits()));
    {
        let (motion, stage) = (motion.clone(), stage.clone());
        use_effect_with(moving, move |moving| {
            *motion.borrow_mut() = moving.and_then(|(_, crop, m, seconds)| {
                if camera_motion::reduced() {
                    return None;
                }
                let img = stage
                    .cast::<web_sys::Element>()?
                    .query_selector("img")
                    .ok()??;
                Some(Motion::new(&img, crop, m, f64::from_bits(seconds)))
            });
            move || drop(motion.borrow_mut().take())
        });
    }
    {
        // Still while the sound loads: the picture waits for it, as the frames do.
        let moves_on = *playing && *sound != Sound::Loading;
        use_effect_with((moving, moves_on, *restart, *tick), move |_| {
            if let Some(m) = motion.borrow().as_ref() {
                m.show(within_now(), moves_on);
            }
        });
    }
    let Some(frame) = frames.get(i) else {
        return html! {};
    };
    let elapsed = start + within;
    let on_timeline = {
        let (seek_to, bar) = (seek_to.clone(), timeline.clone());
        Callback::from(move |e: MouseEvent| {
            // By its own box (Yew delegates events, so the event's current target is the app's
            // root, not the bar).
            let Some(bar) = bar.cast::<web_sys::Element>() else {
                return;
            };
            let rect = bar.get_bounding_client_rect();
            if rect.width() > 0.0 {
                let x = (f64::from(e.client_x()) - rect.left()) / rect.width();
                seek_to.emit(x.clamp(0.0, 1.0) * total);
            }
        })
    };
    let said = match (*sound, (*notice).as_ref()) {
        (Sound::Loading, _) if *playing => Some(lang.t(T::SoundLoading).to_owned()),
        (_, Some(m)) => Some(m.show(lang)),
        _ => None,
    };

    let number = board.number_of(frame.id).unwrap_or_default();
    let photo = board.photo_of(frame);
    // The frame's own shape (with the Free aspect every frame has one), so the stage fits it.
    let mut shape = board.aspect.ratio().unwrap_or(16.0 / 9.0);
    let picture = match (photo, board.crop_of(frame)) {
        (Some(p), Some(crop)) => {
            let src = props
                .state
                .originals
                .get(&p.id)
                .or_else(|| props.state.thumbnails.get(&p.id))
                .cloned()
                .unwrap_or_default();
            let ratio = board
                .aspect
                .ratio()
                .unwrap_or_else(|| crop.pixel_ratio((p.width, p.height)));
            shape = ratio;
            html! { <CroppedPhoto src={AttrValue::from(src)} alt={lang.f(T::FrameN, &[("n", &number)])} {crop} {ratio} /> }
        }
        _ => html! { <div class="frame-placeholder">{ lang.t(T::NoPhoto) }</div> },
    };
    let button = |label: T, text: &'static str, cb: Callback<MouseEvent>| html! { <button type="button" class="present-button" aria-label={lang.t(label)} title={lang.t(label)} onclick={cb}>{ text }</button> };
    let (go1, go2, exit2) = (go.clone(), go.clone(), exit.clone());
    // "2.3 · 5 / 12" with scenes; "5 / 12" without (a frame's number is then its place).
    let position = if board.scenes.len() > 1 {
        format!("{number} · {} / {count}", i + 1)
    } else {
        format!("{} / {count}", i + 1)
    };
    html! {
        <div class="presentation" ref={root} role="dialog" aria-modal="true" aria-label={lang.t(T::Presentation)} {onpointerdown} {onpointerup}>
            <div class="present-stage" ref={stage} style={format!("--ratio:{shape:.5}")}>{ picture }</div>
            <div class="present-caption" aria-live="polite">
                <span class="present-number">{ position }</span>
                <span class="present-text">{ frame.caption.clone() }</span>
                if !frame.dialogue.is_empty() { <span class="present-dialogue">{ lang.f(T::Quoted, &[("text", &frame.dialogue)]) }</span> }
            </div>
            if let Some(said) = said { <p class="present-sound-note" role="status">{ said }</p> }
            <div class="present-bar">
                { button(T::PreviousFrame, "‹", Callback::from(move |_| go1.emit(i.saturating_sub(1)))) }
                { button(if *playing { T::Pause } else { T::PlayAnimatic }, if *playing { "❚❚" } else { "▶" }, play_pause.reform(|_| ())) }
                { button(T::NextFrame, "›", Callback::from(move |_| go2.emit(i + 1))) }
                <div class="timeline" ref={timeline} role="slider" tabindex="0" aria-label={lang.t(T::AnimaticTimeline)}
                    aria-valuemin="0" aria-valuemax={format!("{total:.1}")} aria-valuenow={format!("{elapsed:.1}")}
                    aria-valuetext={format!("{}, {} / {}", lang.f(T::FrameOf, &[("n", &(i + 1)), ("total", &count)]), lang.duration(elapsed), lang.duration(total))}
                    onclick={on_timeline}>
                    { for cues.iter().enumerate().map(|(k, c)| html! {
                        <span class={classes!("timeline-segment", (k < i).then_some("past"), (k == i).then_some("current"), (k == i && *playing).then_some("playing"))}
                            style={format!("flex-grow:{:.3};--done:{:.4}", c.seconds, if k == i { within / duration.max(0.001) } else { 0.0 })} />
                    }) }
                </div>
                <span class="present-time">{ format!("{} / {}", lang.duration(elapsed), lang.duration(total)) }</span>
                <super::presentation_recorder::PresentationRecorder state={props.state.clone()} frame={frame.id} />
                { button(T::BackToEditor, "✕", Callback::from(move |_| exit2.emit(()))) }
            </div>
        </div>
    }
}
