use super::{use_lang, Dispatch};
use crate::i18n::{Lang, Message, T};
use crate::model::FrameId;
use crate::page::services::recorder::{self, Status};
use gloo::timers::callback::Interval;
use yew::prelude::*;

/// How often the meter and the clock move while recording (ms).
const TICK: u32 = 100;
/// The meter's floor (dBFS): quieter than this reads as nothing.
pub const METER_FLOOR_DB: f64 = -60.0;

#[derive(Properties, PartialEq)]
pub struct NarrationRecorderProps {
    /// The board recorded for (its id: chunks are kept under it until the take is stored).
    pub board: AttrValue,
    pub frame: FrameId,
    /// The frame's number as shown ("2.3").
    pub number: AttrValue,
    /// The frame has a voice-over: recording replaces it (one undo step).
    pub retake: bool,
}

/// Records a voice-over for one frame: a record button; while recording a level meter, the
/// time recorded and Stop. The recording itself is [`recorder`]'s, so it goes on (and can be
/// stopped here) when another frame is shown.
#[component]
pub fn NarrationRecorder(props: &NarrationRecorderProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let error = use_state(|| None::<Message>);
    let asking = use_state_eq(|| false);
    let status = recorder::status();
    use_ticks(status.is_some() || *asking);

    let record = {
        let (error, asking, board, frame) = (
            error.clone(),
            asking.clone(),
            props.board.to_string(),
            props.frame,
        );
        Callback::from(move |_: MouseEvent| {
            let (error, asking, dispatch, board) = (
                error.clone(),
                asking.clone(),
                dispatch.clone(),
                board.clone(),
            );
            error.set(None);
            asking.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let started = recorder::start(dispatch, board, frame, false).await;
                asking.set(false);
                if let Err(e) = started {
                    error.set(Some(e));
                }
            });
        })
    };
    let body = match &status {
        Some(s) if !s.presenting => {
            let label = if s.frame == props.frame {
                lang.f(T::RecordingFrame, &[("n", &props.number)])
            } else {
                lang.t(T::RecordingElsewhere).to_owned()
            };
            live(lang, s, &label, "button danger")
        }
        // A recording made while presenting: the presentation shows it.
        Some(_) => html! {},
        None => html! {
            <button type="button" class="button record-button" disabled={*asking} onclick={record}>
                { "● " }{ lang.t(if props.retake { T::RetakeVoiceOver } else { T::RecordVoiceOver }) }</button>
        },
    };
    html! {
        <div class="narration-recorder">
            { body }
            if let Some(e) = &*error { <p class="recorder-error" role="alert">{ e.show(lang) }</p> }
        </div>
    }
}

/// Re-renders the component [`TICK`] times a second while `on` (the meter and the clock).
#[yew::hook]
pub fn use_ticks(on: bool) {
    let tick = use_state(|| 0_u32);
    use_effect_with(on, move |on| {
        let interval = on.then(|| Interval::new(TICK, move || tick.set(tick.wrapping_add(1))));
        move || drop(interval)
    });
}

/// A running recording: what is recorded, the level, the time, and Stop (or "Saving…").
pub fn live(lang: Lang, s: &Status, label: &str, stop_class: &'static str) -> Html {
    if s.saving {
        return html! { <p class="recorder-live saving" role="status">{ lang.t(T::SavingRecording) }</p> };
    }
    let level = s.level_db.map(|db| db.max(METER_FLOOR_DB));
    let stop = Callback::from(|_: MouseEvent| recorder::stop());
    html! {
        <div class="recorder-live" data-recording="true">
            <span class="recorder-dot" aria-hidden="true">{ "●" }</span>
            <span class="recorder-label">{ label.to_owned() }</span>
            if let Some(db) = level {
                <meter class="recorder-meter" min={METER_FLOOR_DB.to_string()} max="0" low="-20" high="-6" optimum="-12"
                    value={format!("{db:.1}")} aria-label={lang.t(T::InputLevel)} />
            }
            <span class="recorder-elapsed" data-seconds={format!("{:.2}", s.seconds)}>{ lang.duration(s.seconds) }</span>
            <button type="button" class={classes!(stop_class, "stop-recording")} onclick={stop}>
                { "■ " }{ lang.t(T::StopRecording) }</button>
        </div>
    }
}
