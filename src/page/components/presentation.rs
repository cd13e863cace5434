use super::cropped_photo::CroppedPhoto;
use super::{use_lang, Dispatch};
use crate::i18n::T;
use crate::model::fields::format_duration;
use crate::model::{Frame, FrameId};
use crate::page::app::{EditorMsg, StateHandle};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A horizontal swipe longer than this (px) changes frame.
const SWIPE: f64 = 50.0;

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
    // Keys, page-wide while presenting.
    {
        let (go, exit, playing) = (go.clone(), exit.clone(), playing.clone());
        use_effect_with((i, *playing), move |(i, is_playing)| {
            let (i, is_playing) = (*i, *is_playing);
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
                        "k" | "K" | "Enter" => playing.set(!is_playing),
                        _ => return,
                    }
                    e.prevent_default();
                    e.stop_propagation();
                },
            );
            move || drop(listener)
        });
    }
    // The animatic: each frame for its duration, then the next; stops at the end.
    {
        let (index, playing) = (index.clone(), playing.clone());
        let duration = frames.get(i).map_or(0.0, Frame::duration_or_default);
        use_effect_with((i, *playing), move |(i, is_playing)| {
            let i = *i;
            let timer = is_playing.then(|| {
                Timeout::new((duration * 1000.0) as u32, move || {
                    if i + 1 < count {
                        index.set(i + 1);
                    } else {
                        playing.set(false);
                    }
                })
            });
            move || drop(timer)
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
    let elapsed: f64 = frames[..i].iter().map(Frame::duration_or_default).sum();
    let Some(frame) = frames.get(i) else {
        return html! {};
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
    let (go1, go2, exit2, toggle) = (go.clone(), go.clone(), exit.clone(), playing.clone());
    html! {
        <div class="presentation" ref={root} role="dialog" aria-modal="true" aria-label={lang.t(T::Presentation)} {onpointerdown} {onpointerup}>
            <div class="present-stage" style={format!("--ratio:{shape:.5}")}>{ picture }</div>
            <div class="present-caption" aria-live="polite">
                <span class="present-number">{ format!("{number} · {} / {count}", i + 1) }</span>
                <span class="present-text">{ frame.caption.clone() }</span>
                if !frame.dialogue.is_empty() { <span class="present-dialogue">{ lang.f(T::Quoted, &[("text", &frame.dialogue)]) }</span> }
            </div>
            <div class="present-bar">
                { button(T::PreviousFrame, "‹", Callback::from(move |_| go1.emit(i.saturating_sub(1)))) }
                { button(if *playing { T::Pause } else { T::PlayAnimatic }, if *playing { "❚❚" } else { "▶" }, Callback::from(move |_| toggle.set(!*toggle))) }
                { button(T::NextFrame, "›", Callback::from(move |_| go2.emit(i + 1))) }
                <div class="timeline" role="img" aria-label={lang.f(T::FrameOf, &[("n", &(i + 1)), ("total", &count)])}>
                    { for frames.iter().enumerate().map(|(k, f)| html! {
                        <span class={classes!("timeline-segment", (k < i).then_some("past"), (k == i).then_some("current"), (k == i && *playing).then_some("playing"))}
                            style={format!("flex-grow:{:.3};--seconds:{:.3}s", f.duration_or_default(), f.duration_or_default())} />
                    }) }
                </div>
                <span class="present-time">{ format!("{} / {}", format_duration(elapsed), format_duration(total)) }</span>
                { button(T::BackToEditor, "✕", Callback::from(move |_| exit2.emit(()))) }
            </div>
        </div>
    }
}
