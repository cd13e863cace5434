use super::text_field::TextField;
use super::Dispatch;
use crate::actions::Action;
use crate::app::EditorMsg;
use crate::model::Aspect;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub frame_count: usize,
    pub undo_label: Option<&'static str>,
    pub redo_label: Option<&'static str>,
    pub aspect: Aspect,
    /// Whether any photo has a capture time (else sorting by it means nothing).
    pub can_sort_by_time: bool,
    pub on_add_photos: Callback<()>,
}

/// The bar across the top: board title, add photos, undo and redo.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let on_title = {
        let dispatch = dispatch.clone();
        Callback::from(move |title: String| dispatch.dispatch(EditorMsg::act(Action::SetTitle(title))))
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let history_button = |action: Action, label: Option<&'static str>, text: &'static str, keys: &'static str| {
        let dispatch = dispatch.clone();
        let title = match label {
            Some(label) => format!("{text}: {label} ({keys})"),
            None => format!("Nothing to {} ({keys})", text.to_lowercase()),
        };
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::act(action.clone())));
        html! {
            <button type="button" class="button" {onclick} disabled={label.is_none()} title={title.clone()} aria-label={title}>{ text }</button>
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
    let on_sort = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::act(Action::SortByCaptureTime)))
    };
    html! {
        <header class="toolbar">
            <span class="brand" aria-hidden="true">{ "Flowboard" }</span>
            <TextField class="title-input" value={props.title.clone()} placeholder="Untitled storyboard"
                label="Storyboard title" max_length={200} on_change={on_title} {on_blur} />
            <span class="frame-count" aria-live="off">{ match props.frame_count { 1 => "1 frame".to_owned(), n => format!("{n} frames") } }</span>
            <label class="aspect-picker" title="The shape of every frame; each frame keeps its own crop for each shape">
                <span>{ "Aspect" }</span>
                <select aria-label="Aspect ratio" onchange={on_aspect}>
                    { for Aspect::ALL.iter().map(|a| html! {
                        <option value={a.label()} selected={*a == props.aspect}>{ a.label() }</option>
                    }) }
                </select>
            </label>
            <div class="toolbar-actions">
                <button type="button" class="button" onclick={on_sort} disabled={!props.can_sort_by_time}
                    title="Order frames by when their photos were taken">{ "Sort by time" }</button>
                { history_button(Action::Undo, props.undo_label, "Undo", "Ctrl+Z") }
                { history_button(Action::Redo, props.redo_label, "Redo", "Ctrl+Shift+Z") }
                <button type="button" class="button primary" onclick={props.on_add_photos.reform(|_: MouseEvent| ())}>{ "Add photos" }</button>
            </div>
        </header>
    }
}
