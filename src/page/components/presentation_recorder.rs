use super::narration_recorder::{live, use_ticks};
use super::{use_lang, Dispatch};
use crate::i18n::{Message, T};
use crate::model::FrameId;
use crate::page::app::StateHandle;
use crate::page::services::recorder;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresentationRecorderProps {
    pub state: StateHandle,
    /// The frame on screen.
    pub frame: FrameId,
}

/// Records narration while presenting: one button starts one continuous recording; each frame
/// that comes on screen afterwards (next, previous, a swipe, the animatic) starts its part of
/// it, so every frame gets what was said over it. Stop (or leaving the presentation) attaches
/// the parts, in one undo step.
#[component]
pub fn PresentationRecorder(props: &PresentationRecorderProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let error = use_state(|| None::<Message>);
    let asking = use_state_eq(|| false);
    let status = recorder::status().filter(|s| s.presenting);
    use_ticks(status.is_some() || *asking);

    // Each frame shown while recording is a cut.
    use_effect_with(props.frame, |frame| recorder::cut(*frame));
    // Leaving the presentation stops the recording and keeps what was said.
    use_effect_with((), |_| {
        || {
            if recorder::status().is_some_and(|s| s.presenting) {
                recorder::stop();
            }
        }
    });

    let state = &props.state;
    let board = state.board_id.as_ref().map(|b| b.0.clone());
    if !state.access.can_edit() || board.is_none() {
        return html! {};
    }
    let record = {
        let (error, asking, frame) = (error.clone(), asking.clone(), props.frame);
        Callback::from(move |_: MouseEvent| {
            let (error, asking, dispatch, board) = (
                error.clone(),
                asking.clone(),
                dispatch.clone(),
                board.clone().unwrap_or_default(),
            );
            error.set(None);
            asking.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let started = recorder::start(dispatch, board, frame, true).await;
                asking.set(false);
                if let Err(e) = started {
                    error.set(Some(e));
                }
            });
        })
    };
    let busy = recorder::status().is_some_and(|s| !s.presenting) || *asking;
    html! {
        <div class="presentation-recorder">
            { match &status {
                Some(s) => live(lang, s, lang.t(T::RecordingWhilePresenting), "present-button stop-recording"),
                None => html! {
                    <button type="button" class="present-button record-button" disabled={busy}
                        aria-label={lang.t(T::RecordWhilePresenting)} title={lang.t(T::RecordWhilePresenting)} onclick={record}>{ "●" }</button>
                },
            } }
            if let Some(e) = &*error { <p class="recorder-error" role="alert">{ e.show(lang) }</p> }
        </div>
    }
}
