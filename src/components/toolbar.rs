use super::text_field::TextField;
use super::Dispatch;
use crate::actions::Action;
use crate::app::EditorMsg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub frame_count: usize,
    pub undo_label: Option<&'static str>,
    pub redo_label: Option<&'static str>,
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
    html! {
        <header class="toolbar">
            <span class="brand" aria-hidden="true">{ "Flowboard" }</span>
            <TextField class="title-input" value={props.title.clone()} placeholder="Untitled storyboard"
                label="Storyboard title" max_length={200} on_change={on_title} {on_blur} />
            <span class="frame-count" aria-live="off">{ match props.frame_count { 1 => "1 frame".to_owned(), n => format!("{n} frames") } }</span>
            <div class="toolbar-actions">
                { history_button(Action::Undo, props.undo_label, "Undo", "Ctrl+Z") }
                { history_button(Action::Redo, props.redo_label, "Redo", "Ctrl+Shift+Z") }
                <button type="button" class="button primary" onclick={props.on_add_photos.reform(|_: MouseEvent| ())}>{ "Add photos" }</button>
            </div>
        </header>
    }
}
