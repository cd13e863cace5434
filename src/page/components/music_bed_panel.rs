use super::narration_panel::{seconds_text, AUDIO_ACCEPT};
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::audio::media::AudioMeta;
use crate::audio::{MusicBed, DEFAULT_PAUSE_SECONDS, MAX_PAUSE_SECONDS};
use crate::browser::files;
use crate::i18n::{Message, T};
use crate::page::app::{act, EditorMsg};
use crate::page::services::audio_intake;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MusicBedPanelProps {
    pub music: Option<MusicBed>,
    /// The music's audio file.
    pub meta: Option<AudioMeta>,
    /// The pause chosen when durations were last fitted to narration.
    pub pause: Option<f64>,
    /// Frames with a voice-over whose duration follows it, and those with one typed by hand.
    pub following: usize,
    pub typed: usize,
}

/// A number typed in a field, in either decimal mark; `None` when it is not one.
fn typed_number(e: &Event) -> Option<f64> {
    let input = e.target_dyn_into::<HtmlInputElement>()?;
    input
        .value()
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The board's sound, in its details: a music bed under the whole board (add, replace, remove;
/// its level, fades, how far it goes down under voice-overs, whether it loops) and fitting
/// every frame's duration to its voice-over with a pause chosen here.
#[component]
pub fn MusicBedPanel(props: &MusicBedPanelProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let error = use_state_eq(|| None::<Message>);
    let reading = use_state_eq(|| None::<String>);
    let fitted = use_state_eq(|| false);
    let pause = use_state_eq(|| props.pause.unwrap_or(DEFAULT_PAUSE_SECONDS));
    let picker = use_node_ref();

    let on_file = {
        let (dispatch, error, reading) = (dispatch.clone(), error.clone(), reading.clone());
        let current = props.music.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let file = files::from_list(input.files()).into_iter().next();
            input.set_value("");
            let Some(file) = file else { return };
            let (dispatch, error, reading, current) = (
                dispatch.clone(),
                error.clone(),
                reading.clone(),
                current.clone(),
            );
            error.set(None);
            reading.set(Some(file.name()));
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let taken = audio_intake::take(file.into(), name).await;
                reading.set(None);
                match taken {
                    Ok(meta) => {
                        // A new file keeps the options chosen for the one it replaces.
                        let bed = match current {
                            Some(old) => MusicBed {
                                audio: meta.id.clone(),
                                length: meta.seconds,
                                ..old
                            },
                            None => MusicBed::new(meta.id.clone(), meta.seconds),
                        };
                        dispatch.dispatch(act(Action::SetMusic(Some((meta, bed)))));
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
    let option = |change: fn(&mut MusicBed, f64)| {
        let (dispatch, music) = (dispatch.clone(), props.music.clone());
        Callback::from(move |e: Event| {
            let (Some(mut bed), Some(v)) = (music.clone(), typed_number(&e)) else {
                return;
            };
            change(&mut bed, v);
            dispatch.dispatch(act(Action::SetMusicOptions(bed)));
            dispatch.dispatch(EditorMsg::SealHistory);
        })
    };
    let on_loop = {
        let (dispatch, music) = (dispatch.clone(), props.music.clone());
        Callback::from(move |_: Event| {
            if let Some(bed) = music.clone() {
                let looped = !bed.looped;
                dispatch.dispatch(act(Action::SetMusicOptions(MusicBed { looped, ..bed })));
                dispatch.dispatch(EditorMsg::SealHistory);
            }
        })
    };
    let remove = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(act(Action::SetMusic(None))))
    };
    let on_pause = {
        let pause = pause.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = typed_number(&e) {
                pause.set(v.clamp(0.0, MAX_PAUSE_SECONDS));
            }
        })
    };
    let fit = {
        let (dispatch, pause, fitted) = (dispatch.clone(), pause.clone(), fitted.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(act(Action::FitToNarration { pause: *pause }));
            fitted.set(true);
        })
    };

    let bed = props.music.as_ref().zip(props.meta.as_ref()).map(|(bed, meta)| {
        let number = |label: T, value: f64, min: f64, max: f64, step: f64, change: fn(&mut MusicBed, f64), class: &'static str| html! {
            <label class={classes!("field", class)}><span>{ lang.t(label) }</span>
                <input type="number" min={min.to_string()} max={max.to_string()} step={step.to_string()}
                    value={value.to_string()} aria-label={lang.t(label)} onchange={option(change)} /></label>
        };
        html! {
            <>
                <p class="music-facts">{ lang.f(T::MusicFacts, &[("name", &meta.name), ("time", &seconds_text(lang, bed.length))]) }</p>
                <div class="field-row">
                    { number(T::MusicVolume, bed.volume_db, -40.0, 6.0, 1.0, |b, v| b.volume_db = v, "music-volume") }
                    { number(T::MusicDucking, bed.duck_db, -40.0, 0.0, 1.0, |b, v| b.duck_db = v, "music-ducking") }
                </div>
                <div class="field-row">
                    { number(T::MusicFadeIn, bed.fade_in, 0.0, 30.0, 0.5, |b, v| b.fade_in = v, "music-fade-in") }
                    { number(T::MusicFadeOut, bed.fade_out, 0.0, 30.0, 0.5, |b, v| b.fade_out = v, "music-fade-out") }
                </div>
                <label class="check music-loop"><input type="checkbox" checked={bed.looped} onchange={on_loop.clone()} />{ lang.t(T::MusicLoop) }</label>
            </>
        }
    });
    let fit_result = (*fitted).then(|| {
        if props.following + props.typed == 0 {
            lang.t(T::NoNarrationToFit).to_owned()
        } else {
            lang.f(
                T::FitResult,
                &[
                    ("fitted", &lang.count(props.following, T::Frames)),
                    ("pause", &seconds_text(lang, props.pause.unwrap_or(*pause))),
                    ("typed", &lang.count(props.typed, T::Frames)),
                ],
            )
        }
    });

    html! {
        <section class="sound-panel" aria-label={lang.t(T::SoundHeading)}>
            <h3>{ lang.t(T::MusicBedHeading) }</h3>
            { match bed {
                Some(bed) => bed,
                None => html! { <p class="sound-hint">{ lang.t(T::NoMusic) }</p> },
            } }
            <div class="button-row">
                <button type="button" class="button add-music" onclick={pick} disabled={reading.is_some()}>
                    { lang.t(if props.music.is_some() { T::ReplaceMusic } else { T::AddMusic }) }</button>
                <input ref={picker} type="file" class="music-file" hidden=true accept={AUDIO_ACCEPT}
                    aria-label={lang.t(T::AddMusic)} onchange={on_file} />
                if props.music.is_some() {
                    <button type="button" class="button danger remove-music" onclick={remove}>{ lang.t(T::RemoveMusic) }</button>
                }
            </div>
            if let Some(name) = &*reading {
                <p class="sound-busy" role="status">{ lang.f(T::ReadingAudio, &[("name", name)]) }</p>
            }
            if let Some(e) = &*error {
                <p class="sound-error" role="alert">{ e.show(lang) }</p>
            }
            <h3>{ lang.t(T::FitDurations) }</h3>
            <div class="field-row fit-row">
                <label class="field narration-pause"><span>{ lang.t(T::NarrationPause) }</span>
                    <input type="number" min="0" max={MAX_PAUSE_SECONDS.to_string()} step="0.1" value={pause.to_string()}
                        aria-label={lang.t(T::NarrationPause)} onchange={on_pause} /></label>
                <button type="button" class="button fit-durations" onclick={fit}>{ lang.t(T::FitDurations) }</button>
            </div>
            if let Some(text) = fit_result {
                <p class="fit-result" role="status">{ text }</p>
            }
        </section>
    }
}
