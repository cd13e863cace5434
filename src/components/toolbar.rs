use super::text_field::TextField;
use super::Dispatch;
use crate::actions::Action;
use super::save_status_line::SaveStatusLine;
use crate::app::{EditorMsg, Overlay, SaveStatus, CARD_SIZES};
use crate::services::boards;
use crate::model::{Aspect, FrameId};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub frame_count: usize,
    pub undo_label: Option<&'static str>,
    pub redo_label: Option<&'static str>,
    pub aspect: Aspect,
    pub card_size: u32,
    /// Whether any photo has a capture time (else sorting by it means nothing).
    pub can_sort_by_time: bool,
    /// The frame a presentation would start on, when there is anything to present.
    pub present_from: Option<FrameId>,
    pub on_add_photos: Callback<()>,
    pub save: SaveStatus,
    /// Whether this tab edits the board (else the editing controls are off).
    pub editing: bool,
}

/// The bar across the top: title, add photos, aspect, zoom, sort, undo/redo, present, help.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let aspect_select = use_node_ref();
    // The menu shows the board's aspect also after undo/redo: an option's `selected` attribute
    // stops counting once the user has picked one, so the select's value is set directly.
    {
        let aspect_select = aspect_select.clone();
        use_effect_with(props.aspect, move |aspect| {
            if let Some(select) = aspect_select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(aspect.label());
            }
        });
    }
    let on_title = {
        let dispatch = dispatch.clone();
        use_callback((), move |title: String, _| dispatch.dispatch(EditorMsg::act(Action::SetTitle(title))))
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        use_callback((), move |_: (), _| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let send = |msg: EditorMsg| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(msg.clone()))
    };
    let history_button = |action: Action, label: Option<&'static str>, text: &'static str, keys: &'static str| {
        let title = match label {
            Some(label) => format!("{text}: {label} ({keys})"),
            None => format!("Nothing to {} ({keys})", text.to_ascii_lowercase()),
        };
        html! {
            <button type="button" class="button" onclick={send(EditorMsg::act(action))} disabled={label.is_none()} title={title.clone()} aria-label={title}>{ text }</button>
        }
    };
    let on_aspect = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            if let Some(aspect) = Aspect::from_label(&select.value()) {
                dispatch.dispatch(EditorMsg::act(Action::SetAspect(aspect)));
            }
        })
    };
    let on_zoom = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Ok(px) = input.value().parse::<u32>() {
                    dispatch.dispatch(EditorMsg::CardSize(px));
                }
            }
        })
    };
    let on_library = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| boards::show_library(&dispatch, None))
    };
    // What an embedding page asked to hide (`?hide=`; read once per page load).
    let options = crate::services::embed::options();
    let hidden = &options.hide;
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "Flowboard" }</h1>
            <TextField class="title-input" value={props.title.clone()} placeholder="Untitled storyboard"
                label="Storyboard title" max_length={200} on_change={on_title} {on_blur} read_only={!props.editing} />
            <SaveStatusLine status={props.save.clone()} editing={props.editing} />
            <span class="frame-count">{ match props.frame_count { 1 => "1 frame".to_owned(), n => format!("{n} frames") } }</span>
            <label class="aspect-picker" title="The shape of every frame; each frame keeps its own crop for each shape">
                <span>{ "Aspect" }</span>
                <select ref={aspect_select} aria-label="Aspect ratio" onchange={on_aspect}>
                    { for Aspect::ALL.iter().map(|a| html! { <option value={a.label()}>{ a.label() }</option> }) }
                </select>
            </label>
            <label class="zoom" title="Card size">
                <span aria-hidden="true">{ "🔍" }</span>
                <input type="range" aria-label="Card size" min={CARD_SIZES.0.to_string()} max={CARD_SIZES.2.to_string()} step="20"
                    value={props.card_size.to_string()} oninput={on_zoom} />
            </label>
            <div class="toolbar-actions">
                <button type="button" class="button" onclick={send(EditorMsg::act(Action::SortByCaptureTime))} disabled={!props.can_sort_by_time}
                    title="Order each scene's frames by when their photos were taken">{ "Sort by time" }</button>
                { history_button(Action::Undo, props.undo_label, "Undo", "Ctrl+Z") }
                { history_button(Action::Redo, props.redo_label, "Redo", "Ctrl+Shift+Z") }
                if !hidden.contains("present") {
                    <button type="button" class="button" disabled={props.present_from.is_none()} title="Present the board full screen (P)"
                        onclick={send(EditorMsg::Overlay(props.present_from.map(|start| Overlay::Presentation { start }), None))}>{ "Present" }</button>
                }
                <button type="button" class="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
                    onclick={send(EditorMsg::Overlay(Some(Overlay::Shortcuts), None))}>{ "?" }</button>
                if !hidden.contains("library") {
                    <button type="button" class="button" onclick={on_library} title="All your storyboards, backup and storage">{ "Boards" }</button>
                }
                if !hidden.contains("export") {
                    <button type="button" class="button" disabled={props.frame_count == 0} title="Download as an HTML or ZIP storyboard, print, or a shot list"
                        onclick={send(EditorMsg::Export(Some(crate::app::ExportDialog::default())))}>{ "Export" }</button>
                }
                if !hidden.contains("add") {
                    <button type="button" class="button primary" disabled={!props.editing} onclick={props.on_add_photos.reform(|_: MouseEvent| ())}>{ "Add photos" }</button>
                }
            </div>
        </header>
    }
}
