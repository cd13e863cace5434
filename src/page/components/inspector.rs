use super::cropped_photo::CroppedPhoto;
use super::music_bed_panel::MusicBedPanel;
use super::narration_panel::NarrationPanel;
use super::text_field::TextField;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::{Lang, T};
use crate::model::fields::{FieldKind, FieldValue, Movement, ShotType};
use crate::model::{Frame, FrameId};
use crate::page::app::{act, EditorMsg, EditorState, StateHandle};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub state: StateHandle,
}

/// The side panel: every field of the focused frame, commands for a multiple selection, and the
/// board's own details (author, description, which fields the cards show).
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let state = &props.state;
    let board = &state.session.board;
    let targets = state.session.selection.targets(board);
    let focused = state
        .session
        .selection
        .focused
        .and_then(|id| board.frame(id));
    let send = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(act(action.clone())))
    };
    let seal = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let text = |make: fn(String) -> Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |v: String| dispatch.dispatch(act(make(v))))
    };

    let selection_panel = (targets.len() > 1).then(|| {
        let scene_of_first = board.place_of(targets[0]).map_or(0, |p| p.scene);
        html! {
            <section class="inspector-section selection-panel" aria-label={lang.t(T::SelectedFrames)}>
                <h2>{ lang.f(T::NSelected, &[("n", &targets.len())]) }</h2>
                <div class="button-row">
                    <button type="button" class="button" onclick={send(Action::DuplicateFrames { frames: targets.clone() })}>{ lang.t(T::Duplicate) }</button>
                    <button type="button" class="button" disabled={scene_of_first == 0}
                        onclick={send(Action::MoveFramesToAdjacentScene { frames: targets.clone(), by: -1 })}>{ lang.t(T::ToPreviousScene) }</button>
                    <button type="button" class="button" disabled={scene_of_first + 1 >= board.scenes.len()}
                        onclick={send(Action::MoveFramesToAdjacentScene { frames: targets.clone(), by: 1 })}>{ lang.t(T::ToNextScene) }</button>
                    <button type="button" class="button danger" onclick={send(Action::DeleteFrames { frames: targets.clone() })}>{ lang.t(T::Delete) }</button>
                </div>
            </section>
        }
    });

    let frame_panel = focused.map(|frame| frame_fields(state, frame, &dispatch, &seal, lang));

    let field_toggles = FieldKind::ALL.iter().map(|kind| {
        let (dispatch, kind, on) = (dispatch.clone(), *kind, board.visible_fields.contains(kind));
        let onchange = Callback::from(move |_: Event| dispatch.dispatch(act(Action::SetFieldVisible { field: kind, visible: !on })));
        html! {
            <label class="check"><input type="checkbox" checked={on} {onchange}
                aria-label={lang.f(T::ShowFieldOnCards, &[("field", &kind.label(lang))])} />{ kind.label(lang) }</label>
        }
    });
    html! {
        <aside class="inspector" aria-label={lang.t(T::Inspector)}>
            { for selection_panel }
            { match frame_panel {
                Some(panel) => panel,
                None => html! { <p class="inspector-empty">{ lang.t(T::SelectAFrame) }</p> },
            } }
            <details class="inspector-section board-details" open={focused.is_none()}>
                <summary>{ lang.t(T::BoardDetails) }</summary>
                <label class="field"><span>{ lang.t(T::Author) }</span>
                    <TextField value={AttrValue::from(board.author.clone())} label={lang.t(T::Author)} max_length={crate::model::MAX_TITLE}
                        on_change={text(Action::SetAuthor)} on_blur={seal.clone()} /></label>
                <label class="field"><span>{ lang.t(T::Description) }</span>
                    <TextField multiline={true} value={AttrValue::from(board.description.clone())} label={lang.t(T::Description)}
                        on_change={text(Action::SetDescription)} on_blur={seal.clone()} /></label>
                <fieldset class="field-toggles">
                    <legend>{ lang.t(T::ShowOnCards) }</legend>
                    { for field_toggles }
                </fieldset>
                { sound_panel(board) }
                <p class="running-time">{ lang.f(T::RunningTimeOf, &[("frames", &lang.count(board.frame_count(), T::Frames)), ("time", &lang.duration(board.running_time()))]) }</p>
            </details>
        </aside>
    }
}

/// The board's music bed and fitting durations to narration, with the counts it reports.
fn sound_panel(board: &crate::model::Board) -> Html {
    let narrated = || board.frames().filter(|f| f.narration.is_some());
    let typed = narrated().filter(|f| f.duration.is_some()).count();
    html! {
        <MusicBedPanel music={board.music.clone()}
            meta={board.music.as_ref().and_then(|m| board.audio.get(&m.audio)).cloned()}
            pause={board.narration_pause} following={narrated().count() - typed} {typed} />
    }
}

/// The focused frame's preview and fields.
fn frame_fields(
    state: &EditorState,
    frame: &Frame,
    dispatch: &Dispatch,
    seal: &Callback<()>,
    lang: Lang,
) -> Html {
    let board = &state.session.board;
    let id: FrameId = frame.id;
    let number = board.number_of(id).unwrap_or_default();
    let set = |make: fn(String) -> FieldValue| {
        let dispatch = dispatch.clone();
        Callback::from(move |v: String| {
            dispatch.dispatch(act(Action::SetField {
                frame: id,
                value: make(v),
            }))
        })
    };
    let on_caption = {
        let dispatch = dispatch.clone();
        Callback::from(move |caption: String| {
            dispatch.dispatch(act(Action::SetCaption { frame: id, caption }))
        })
    };
    let on_duration = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let value = input.value().trim().replace(',', ".");
            let seconds = if value.is_empty() {
                None
            } else {
                value.parse::<f64>().ok()
            };
            if value.is_empty() || seconds.is_some() {
                dispatch.dispatch(act(Action::SetField {
                    frame: id,
                    value: FieldValue::Duration(seconds),
                }));
            }
        })
    };
    let split = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(act(Action::SplitScene { at: id })))
    };
    let photo = board.photo_of(frame);
    let preview = match (photo, board.crop_of(frame)) {
        (Some(p), Some(crop)) => {
            let src = state.thumbnails.get(&p.id).cloned().unwrap_or_default();
            let ratio = board
                .aspect
                .ratio()
                .unwrap_or_else(|| crop.pixel_ratio((p.width, p.height)));
            html! { <CroppedPhoto src={AttrValue::from(src)} alt={lang.f(T::FrameN, &[("n", &number)])} {crop} {ratio} /> }
        }
        _ => html! {},
    };
    let starts_scene = board.place_of(id).is_some_and(|p| p.index == 0);
    html! {
        <section class="inspector-section frame-panel" aria-label={lang.f(T::FrameN, &[("n", &number)])}>
            <h2>{ lang.f(T::FrameN, &[("n", &number)]) }</h2>
            { preview }
            if let Some(p) = photo {
                <p class="photo-facts">{ lang.f(T::PhotoFacts, &[("name", &p.name), ("w", &p.width), ("h", &p.height)]) }
                    if let Some(t) = &p.taken_at { { lang.f(T::TakenShort, &[("time", &lang.local_date_time(&t.short()))]) } }
                </p>
            }
            if let Some(still) = &frame.still {
                <p class="still-facts">{ lang.f(T::StillFacts, &[("still", &still.describe(lang))]) }</p>
            }
            <label class="field"><span>{ lang.t(T::Caption) }</span>
                <TextField multiline={true} value={AttrValue::from(frame.caption.clone())} label={lang.f(T::CaptionInspector, &[("n", &number)])}
                    on_change={on_caption} on_blur={seal.clone()} /></label>
            <div class="field-row">
                <label class="field"><span>{ lang.t(T::FieldShotType) }</span>
                    <TextField value={AttrValue::from(frame.shot_type.as_ref().map(|s| s.label(lang).to_owned()).unwrap_or_default())}
                        label={lang.t(T::FieldShotType)} list={AttrValue::from("shot-types")} placeholder={lang.t(T::ShotTypeExample)} max_length={crate::model::MAX_FIELD}
                        on_change={set(|v| FieldValue::ShotType(ShotType::from_label(&v)))} on_blur={seal.clone()} /></label>
                <label class="field"><span>{ lang.t(T::FieldMovement) }</span>
                    <TextField value={AttrValue::from(frame.movement.as_ref().map(|m| m.label(lang).to_owned()).unwrap_or_default())}
                        label={lang.t(T::FieldMovement)} list={AttrValue::from("movements")} placeholder={lang.t(T::MovementExample)} max_length={crate::model::MAX_FIELD}
                        on_change={set(|v| FieldValue::Movement(Movement::from_label(&v)))} on_blur={seal.clone()} /></label>
            </div>
            <label class="field"><span>{ lang.t(T::DurationSeconds) }</span>
                <input type="number" min="0.1" max="3600" step="0.5" aria-label={lang.t(T::DurationInSeconds)}
                    value={frame.duration.map(|d| d.to_string()).unwrap_or_default()} onchange={on_duration}
                    // Untyped, the field shows what the frame lasts: its voice-over and pause, or the default.
                    placeholder={lang.number(format!("{:.1}", frame.duration_or_default()))} /></label>
            <NarrationPanel board={AttrValue::from(state.board_id.as_ref().map(|b| b.0.clone()).unwrap_or_default())}
                frame={id} number={AttrValue::from(number.to_string())}
                narration={frame.narration.clone()}
                meta={frame.narration.as_ref().and_then(|n| board.audio.get(&n.audio)).cloned()}
                typed={frame.duration} seconds={frame.duration_or_default()} />
            <label class="field"><span>{ lang.t(T::FieldDialogue) }</span>
                <TextField multiline={true} value={AttrValue::from(frame.dialogue.clone())} label={lang.t(T::FieldDialogue)}
                    on_change={set(FieldValue::Dialogue)} on_blur={seal.clone()} /></label>
            <label class="field"><span>{ lang.t(T::FieldNotes) }</span>
                <TextField multiline={true} value={AttrValue::from(frame.notes.clone())} label={lang.t(T::FieldNotes)}
                    on_change={set(FieldValue::Notes)} on_blur={seal.clone()} /></label>
            <datalist id="shot-types">{ for ShotType::PRESETS.iter().map(|s| html! { <option value={s.label(lang).to_owned()} /> }) }</datalist>
            <datalist id="movements">{ for Movement::PRESETS.iter().map(|m| html! { <option value={m.label(lang).to_owned()} /> }) }</datalist>
            if !starts_scene {
                <button type="button" class="button" onclick={split} title={lang.t(T::StartSceneHereHelp)}>
                    { lang.t(T::StartSceneHere) }</button>
            }
        </section>
    }
}
