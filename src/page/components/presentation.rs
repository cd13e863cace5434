use super::cropped_photo::CroppedPhoto;
use super::{use_lang, Dispatch};
use crate::i18n::T;
use crate::model::{Frame, FrameId};
use crate::page::app::{EditorMsg, StateHandle};
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
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

#[derive(Properties, PartialEq)]
pub struct PresentationProps {
    pub state: StateHandle,
    pub start: FrameId,
}

/// Full-screen presentation: the cropped frames with their captions, one at a time. Arrows,
/// Space and swipes move; Play runs the board as an animatic, each frame for its duration, with a
/// timeline and the total running time; Esc returns to the editor on the frame that was shown.
#[component]
pub fn Presentation(props: &PresentationProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let board = &props.state.session.board;
    let frames: Vec<Frame> = board.frames().cloned().collect();
    let count = frames.len();
    let index = use_state(|| frames.iter().position(|f| f.id == props.start).unwrap_or(0));
    let playing = use_state_eq(|| false);
    // How much of the frame `.0` has played (s) before the run that started at `.2` (ms), if
    // one is running: pausing keeps the place, the clock ticks within a frame.
    let played = use_mut_ref(|| (usize::MAX, 0.0_f64, None::<f64>));
    let tick = use_state(|| 0_u32);
    let swipe_from = use_mut_ref(|| None::<f64>);
    let root = use_node_ref();
    let i = (*index).min(count.saturating_sub(1));
    let current = frames.get(i).map(|f| f.id);

    let go = {
        let index = index.clone();
        Callback::from(move |to: usize| index.set(to.min(count.saturating_sub(1))))
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
            let was_full = std::rc::Rc::new(std::cell::Cell::new(false));
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
    // Play or pause. ▶ on the last frame (where presenting often opens: the selected frame), when
    // it has not started or has played to its end, plays from the first frame.
    let play_pause = {
        let (index, playing, played) = (index.clone(), playing.clone(), played.clone());
        let duration = frames.get(i).map_or(0.0, Frame::duration_or_default);
        Callback::from(move |_: ()| {
            if *playing {
                playing.set(false);
                return;
            }
            let within = {
                let p = played.borrow();
                if p.0 == i {
                    p.1
                } else {
                    0.0
                }
            };
            if i + 1 == count && (within <= 0.0 || within >= duration) {
                *played.borrow_mut() = (usize::MAX, 0.0, None);
                index.set(0);
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
    // The animatic: each frame for what is left of its duration, then the next; stops at the
    // end. While it plays, the clock and the timeline tick.
    {
        let (index, playing, played, tick) =
            (index.clone(), playing.clone(), played.clone(), tick.clone());
        let duration = frames.get(i).map_or(0.0, Frame::duration_or_default);
        use_effect_with((i, *playing), move |(i, is_playing)| {
            let i = *i;
            {
                let mut p = played.borrow_mut();
                if p.0 != i {
                    *p = (i, 0.0, None);
                }
            }
            let running = is_playing.then(|| {
                let left = (duration - played.borrow().1).max(0.0);
                played.borrow_mut().2 = Some(now());
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
                let mut p = played.borrow_mut();
                if let Some(since) = p.2.take() {
                    p.1 = (p.1 + (now() - since) / 1000.0).min(duration);
                }
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

    let total = board.running_time();
    let Some(frame) = frames.get(i) else {
        return html! {};
    };
    let duration = frame.duration_or_default();
    let within = {
        let p = played.borrow();
        let before = if p.0 == i { p.1 } else { 0.0 };
        let running =
            p.2.filter(|_| p.0 == i && *playing)
                .map_or(0.0, |since| (now() - since) / 1000.0);
        (before + running).min(duration)
    };
    let elapsed: f64 = frames[..i]
        .iter()
        .map(Frame::duration_or_default)
        .sum::<f64>()
        + within;

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
            <div class="present-stage" style={format!("--ratio:{shape:.5}")}>{ picture }</div>
            <div class="present-caption" aria-live="polite">
                <span class="present-number">{ position }</span>
                <span class="present-text">{ frame.caption.clone() }</span>
                if !frame.dialogue.is_empty() { <span class="present-dialogue">{ lang.f(T::Quoted, &[("text", &frame.dialogue)]) }</span> }
            </div>
            <div class="present-bar">
                { button(T::PreviousFrame, "‹", Callback::from(move |_| go1.emit(i.saturating_sub(1)))) }
                { button(if *playing { T::Pause } else { T::PlayAnimatic }, if *playing { "❚❚" } else { "▶" }, play_pause.reform(|_| ())) }
                { button(T::NextFrame, "›", Callback::from(move |_| go2.emit(i + 1))) }
                <div class="timeline" role="img" aria-label={lang.f(T::FrameOf, &[("n", &(i + 1)), ("total", &count)])}>
                    { for frames.iter().enumerate().map(|(k, f)| html! {
                        <span class={classes!("timeline-segment", (k < i).then_some("past"), (k == i).then_some("current"), (k == i && *playing).then_some("playing"))}
                            style={format!("flex-grow:{:.3};--done:{:.4}", f.duration_or_default(), if k == i { within / duration.max(0.001) } else { 0.0 })} />
                    }) }
                </div>
                <span class="present-time">{ format!("{} / {}", lang.duration(elapsed), lang.duration(total)) }</span>
                <super::presentation_recorder::PresentationRecorder state={props.state.clone()} frame={frame.id} />
                { button(T::BackToEditor, "✕", Callback::from(move |_| exit2.emit(()))) }
            </div>
        </div>
    }
}
