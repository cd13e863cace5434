use super::waveform::Waveform;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::audio::media::AudioMeta;
use crate::audio::{Narration, DEFAULT_PAUSE_SECONDS};
use crate::browser::files;
use crate::i18n::{Lang, Message, T};
use crate::model::fields::FieldValue;
use crate::model::FrameId;
use crate::page::app::{act, EditorMsg};
use crate::page::services::{audio_intake, audio_store};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAudioElement, HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// What file types the picker offers (any file may still be chosen: its bytes decide).
pub const AUDIO_ACCEPT: &str = "audio/*,.mp3,.m4a,.aac,.wav,.ogg,.oga,.opus,.webm,.weba,.flac";

#[derive(Properties, PartialEq)]
pub struct NarrationPanelProps {
    /// The open board's id (a recording keeps its chunks under it until the take is stored).
    pub board: AttrValue,
    pub frame: FrameId,
    /// The frame's number as shown ("2.3").
    pub number: AttrValue,
    pub narration: Option<Narration>,
    /// The narration's audio file.
    pub meta: Option<AudioMeta>,
    /// The frame's duration typed by hand, if any.
    pub typed: Option<f64>,
    /// How long the frame lasts in the animatic.
    pub seconds: f64,
}

/// Seconds with one decimal in the language's marks ("2.4 s", "2,4 s").
pub fn seconds_text(lang: Lang, seconds: f64) -> String {
    lang.f(
        T::SecondsShort,
        &[("s", &lang.number(format!("{:.1}", seconds.max(0.0))))],
    )
}

/// The inspector's voice-over section for one frame: attach a file, play the part that plays,
/// trim it on its waveform (drag a handle, or focus it and use the arrow keys), remove it; the
/// recorder's button sits here too. Every change is an [`Action`], so undo covers it.
#[component]
pub fn NarrationPanel(props: &NarrationPanelProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let error = use_state_eq(|| None::<Message>);
    let reading = use_state_eq(|| None::<String>);
    let picker = use_node_ref();
    let frame = props.frame;

    let on_file = {
        let (dispatch, error, reading) = (dispatch.clone(), error.clone(), reading.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let file = files::from_list(input.files()).into_iter().next();
            input.set_value("");
            let Some(file) = file else { return };
            let (dispatch, error, reading) = (dispatch.clone(), error.clone(), reading.clone());
            error.set(None);
            reading.set(Some(file.name()));
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let taken = audio_intake::take(file.into(), name).await;
                reading.set(None);
                match taken {
                    Ok(meta) => {
                        let clip = Narration::whole(meta.id.clone(), meta.seconds);
                        dispatch.dispatch(act(Action::SetNarration {
                            frame,
                            clip: Some((meta, clip)),
                        }));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };

    let clip = props.narration.as_ref().zip(props.meta.as_ref()).map(|(n, meta)| {
        let remove = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(act(Action::SetNarration { frame, clip: None }))
            })
        };
        let lasts = match props.typed {
            Some(_) => {
                let fit = {
                    let dispatch = dispatch.clone();
                    Callback::from(move |_: MouseEvent| {
                        dispatch.dispatch(act(Action::SetField {
                            frame,
                            value: FieldValue::Duration(None),
                        }))
                    })
                };
                html! {
                    <p class="narration-lasts typed-by-hand">
                        { lang.f(T::LastsByHand, &[("time", &seconds_text(lang, props.seconds)), ("playing", &seconds_text(lang, n.playing()))]) }
                        { " " }
                        <button type="button" class="button small fit-to-voice" onclick={fit}>{ lang.t(T::UseNarrationDuration) }</button>
                    </p>
                }
            }
            None => html! {
                <p class="narration-lasts">{ lang.f(T::LastsNarration, &[
                    ("time", &seconds_text(lang, props.seconds)),
                    ("pause", &seconds_text(lang, n.pause.unwrap_or(DEFAULT_PAUSE_SECONDS))),
                ]) }</p>
            },
        };
        html! {
            <>
                <p class="narration-facts">{ lang.f(T::VoiceOverFacts, &[
                    ("name", &meta.name),
                    ("playing", &seconds_text(lang, n.playing())),
                    ("length", &seconds_text(lang, n.length)),
                ]) }</p>
                <TrimTrack frame={frame} narration={n.clone()} peaks={Rc::<[u8]>::from(meta.peaks.as_slice())} />
                <p class="sound-hint">{ lang.t(T::TrimHelp) }</p>
                <div class="button-row">
                    <PlayButton audio={AttrValue::from(n.audio.clone())} start={n.start} end={n.end} on_error={{
                        let error = error.clone();
                        Callback::from(move |m: Message| error.set(Some(m)))
                    }} />
                    <button type="button" class="button danger remove-voice-over" onclick={remove}>{ lang.t(T::RemoveVoiceOver) }</button>
                </div>
                { lasts }
            </>
        }
    });

    html! {
        <section class="narration-panel" aria-label={lang.t(T::VoiceOverHeading)}>
            <h3>{ lang.t(T::VoiceOverHeading) }</h3>
            { match clip {
                Some(clip) => clip,
                None => html! { <p class="sound-hint">{ lang.t(T::NoVoiceOver) }</p> },
            } }
            <div class="button-row">
                <button type="button" class="button attach-audio" onclick={pick} disabled={reading.is_some()}>
                    { lang.t(if props.narration.is_some() { T::ReplaceAudio } else { T::AttachAudio }) }</button>
                <input ref={picker} type="file" class="narration-file" hidden=true accept={AUDIO_ACCEPT}
                    aria-label={lang.t(T::AttachAudio)} onchange={on_file} />
                <super::narration_recorder::NarrationRecorder board={props.board.clone()} frame={props.frame}
                    number={props.number.clone()} retake={props.narration.is_some()} />
            </div>
            if let Some(name) = &*reading {
                <p class="sound-busy" role="status">{ lang.f(T::ReadingAudio, &[("name", name)]) }</p>
            }
            if let Some(e) = &*error {
                <p class="sound-error" role="alert">{ e.show(lang) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TrimTrackProps {
    frame: FrameId,
    narration: Narration,
    peaks: Rc<[u8]>,
}

/// Which trim handle a pointer is dragging.
#[derive(Clone, Copy, PartialEq)]
enum Handle {
    Start,
    End,
}

/// The waveform with its two trim handles. Each is a slider: dragged with a pointer (mouse, pen
/// or finger: the pointer is captured, so a drag may leave the track), or moved with the arrow
/// keys (0.1 s; Shift, Page Up/Down: 1 s; Home/End: as far as it goes). A drag or a run of keys
/// is one undo step: the trims merge, and letting go (or leaving the handle) seals the step.
#[component]
fn TrimTrack(props: &TrimTrackProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let track = use_node_ref();
    let dragging = use_mut_ref(|| None::<Handle>);
    let n = &props.narration;
    let (frame, start, end, length) = (props.frame, n.start, n.end, n.length.max(0.001));
    let trim = {
        let dispatch = dispatch.clone();
        Rc::new(move |handle: Handle, t: f64| {
            let (start, end) = match handle {
                Handle::Start => (t, end),
                Handle::End => (start, t),
            };
            dispatch.dispatch(act(Action::TrimNarration { frame, start, end }));
        })
    };
    let seal = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: FocusEvent| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let at_pointer = {
        let track = track.clone();
        move |e: &PointerEvent| {
            let rect = track.cast::<HtmlElement>()?.get_bounding_client_rect();
            (rect.width() > 0.0)
                .then(|| ((f64::from(e.client_x()) - rect.left()) / rect.width()) * length)
        }
    };
    let handle = |which: Handle, value: f64, label: T| {
        let onkeydown = {
            let trim = trim.clone();
            Callback::from(move |e: KeyboardEvent| {
                let step = if e.shift_key() { 1.0 } else { 0.1 };
                let to = match e.key().as_str() {
                    "ArrowLeft" | "ArrowDown" => value - step,
                    "ArrowRight" | "ArrowUp" => value + step,
                    "PageDown" => value - 1.0,
                    "PageUp" => value + 1.0,
                    "Home" => 0.0,
                    "End" => length,
                    _ => return,
                };
                e.prevent_default();
                trim(which, to);
            })
        };
        let onpointerdown = {
            let dragging = dragging.clone();
            Callback::from(move |e: PointerEvent| {
                e.prevent_default();
                if let Some(el) = e.target_dyn_into::<HtmlElement>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                    let _ = el.focus();
                }
                *dragging.borrow_mut() = Some(which);
            })
        };
        let onpointermove = {
            let (dragging, trim, at_pointer) = (dragging.clone(), trim.clone(), at_pointer.clone());
            Callback::from(move |e: PointerEvent| {
                if *dragging.borrow() != Some(which) {
                    return;
                }
                if let Some(t) = at_pointer(&e) {
                    trim(which, t);
                }
            })
        };
        let onpointerup = {
            let (dragging, dispatch) = (dragging.clone(), dispatch.clone());
            Callback::from(move |_: PointerEvent| {
                if dragging.borrow_mut().take().is_some() {
                    dispatch.dispatch(EditorMsg::SealHistory);
                }
            })
        };
        let (min, max) = match which {
            Handle::Start => (0.0, end),
            Handle::End => (start, length),
        };
        let class = match which {
            Handle::Start => "trim-handle trim-start",
            Handle::End => "trim-handle trim-end",
        };
        html! {
            <div role="slider" {class} tabindex="0" aria-label={lang.t(label)}
                aria-valuemin={format!("{min:.2}")} aria-valuemax={format!("{max:.2}")}
                aria-valuenow={format!("{value:.2}")} aria-valuetext={seconds_text(lang, value)}
                style={format!("left:{:.3}%", value / length * 100.0)}
                {onkeydown} {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()}
                onpointercancel={onpointerup} onblur={seal.clone()} />
        }
    };
    html! {
        <div class="trim-track" ref={track}>
            <Waveform peaks={props.peaks.clone()} start={start / length} end={end / length} />
            <div class="trim-shade" style={format!("left:0;width:{:.3}%", start / length * 100.0)} />
            <div class="trim-shade" style={format!("left:{:.3}%;right:0", end / length * 100.0)} />
            { handle(Handle::Start, start, T::TrimStart) }
            { handle(Handle::End, end, T::TrimEnd) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PlayButtonProps {
    audio: AttrValue,
    start: f64,
    end: f64,
    on_error: Callback<Message>,
}

/// Plays `start..end` of a clip through an `<audio>` element (its file from [`audio_store`],
/// read from IndexedDB if need be), stopped by a timer at the end of the trim; pressed again, or
/// when the panel goes, it stops. Each play has a number, so a timer left from an earlier one
/// does nothing.
#[component]
fn PlayButton(props: &PlayButtonProps) -> Html {
    let lang = use_lang();
    let playing = use_state_eq(|| false);
    let player = use_mut_ref(|| None::<HtmlAudioElement>);
    let plays = use_mut_ref(|| 0u32);
    {
        let (player, plays) = (player.clone(), plays.clone());
        use_effect_with(props.audio.clone(), move |_| {
            move || {
                *plays.borrow_mut() += 1;
                if let Some(audio) = player.borrow_mut().take() {
                    let _ = audio.pause();
                }
            }
        });
    }
    let stop = {
        let (player, playing, plays) = (player.clone(), playing.clone(), plays.clone());
        Rc::new(move |play: Option<u32>| {
            if play.is_some_and(|p| p != *plays.borrow()) {
                return;
            }
            *plays.borrow_mut() += 1;
            if let Some(audio) = player.borrow_mut().take() {
                let _ = audio.pause();
            }
            playing.set(false);
        })
    };
    let onclick = {
        let (player, playing, plays, stop) =
            (player.clone(), playing.clone(), plays.clone(), stop.clone());
        let (id, start, end, on_error) = (
            props.audio.to_string(),
            props.start,
            props.end,
            props.on_error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *playing {
                stop(None);
                return;
            }
            let (player, playing, plays, stop, id, on_error) = (
                player.clone(),
                playing.clone(),
                plays.clone(),
                stop.clone(),
                id.clone(),
                on_error.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let url = match audio_store::load(&id).await {
                    Some(_) => audio_store::url(&id),
                    None => None,
                };
                let Some(audio) = url.and_then(|u| HtmlAudioElement::new_with_src(&u).ok()) else {
                    on_error.emit(Message::new(T::SoundNotHere));
                    return;
                };
                let play = {
                    let mut p = plays.borrow_mut();
                    *p += 1;
                    *p
                };
                audio.set_current_time(start);
                let ended = {
                    let stop = stop.clone();
                    wasm_bindgen::closure::Closure::once_into_js(move || stop(Some(play)))
                };
                audio.set_onended(Some(ended.unchecked_ref()));
                if let Ok(promise) = audio.play() {
                    let (on_error, stop) = (on_error.clone(), stop.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                            stop(Some(play));
                            on_error.emit(Message::new(T::ErrSoundUndecodable));
                        }
                    });
                }
                let stop_at_end = stop.clone();
                Timeout::new(((end - start).max(0.0) * 1000.0) as u32, move || {
                    stop_at_end(Some(play))
                })
                .forget();
                *player.borrow_mut() = Some(audio);
                playing.set(true);
            });
        })
    };
    html! {
        <button type="button" class="button play-voice-over" aria-pressed={if *playing { "true" } else { "false" }} {onclick}>
            { if *playing { "■ " } else { "▶ " } }{ lang.t(if *playing { T::StopSound } else { T::PlaySound }) }</button>
    }
}
