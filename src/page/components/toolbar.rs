use super::aspect_picker::AspectPicker;
use super::language_picker::LanguagePicker;
use super::save_status_line::SaveStatusLine;
use super::text_field::TextField;
use super::toolbar_menu::ToolbarMenu;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::T;
use crate::model::{Aspect, FrameId};
use crate::page::app::{act, EditorMsg, Overlay, SaveStatus, CARD_SIZES};
use crate::page::services::boards;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub frame_count: usize,
    pub undo_label: Option<T>,
    pub redo_label: Option<T>,
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

/// The bar across the top: title (with the save status and size under it), aspect, zoom,
/// undo/redo, present, library, export, add photos; sorting, shortcuts and the language are in
/// its menu, and on phones all but the title and "Add photos" (see [`ToolbarMenu`]).
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let on_title = {
        let dispatch = dispatch.clone();
        use_callback((), move |title: String, _| {
            dispatch.dispatch(act(Action::SetTitle(title)))
        })
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        use_callback((), move |_: (), _| {
            dispatch.dispatch(EditorMsg::SealHistory)
        })
    };
    let send = |msg: EditorMsg| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(msg.clone()))
    };
    let history_button = |action: Action,
                          label: Option<T>,
                          text: T,
                          nothing: T,
                          keys: &'static str,
                          icon: &'static str| {
        let title = match label {
            Some(label) => lang.f(
                T::HistoryStep,
                &[
                    ("what", &lang.t(text)),
                    ("step", &lang.t(label)),
                    ("keys", &keys),
                ],
            ),
            None => lang.f(nothing, &[("keys", &keys)]),
        };
        let text = lang.t(text);
        html! {
            <button type="button" class="button history" onclick={send(act(action))} disabled={label.is_none()} title={title.clone()} aria-label={title}>
                <span class="icon" aria-hidden="true">{ icon }</span><span class="history-text">{ text }</span></button>
        }
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
    let options = crate::page::services::page_options::options();
    let hidden = &options.hide;
    let main = html! {
        <>
            <AspectPicker aspect={props.aspect} />
            <label class="zoom">
                <span>{ lang.t(T::CardSize) }</span>
                <input type="range" min={CARD_SIZES.0.to_string()} max={CARD_SIZES.2.to_string()} step="20"
                    value={props.card_size.to_string()} oninput={on_zoom} />
            </label>
            { history_button(Action::Undo, props.undo_label, T::Undo, T::NothingToUndo, "Ctrl+Z", "↶") }
            { history_button(Action::Redo, props.redo_label, T::Redo, T::NothingToRedo, "Ctrl+Shift+Z", "↷") }
            if !hidden.contains("present") {
                <button type="button" class="button" disabled={props.present_from.is_none()} title={lang.t(T::PresentHelp)}
                    onclick={send(EditorMsg::Overlay(props.present_from.map(|start| Overlay::Presentation { start }), None))}>
                    <span class="icon" aria-hidden="true">{ "▶" }</span>{ lang.t(T::Present) }</button>
            }
            if !hidden.contains("library") {
                <button type="button" class="button" onclick={on_library} title={lang.t(T::BoardsHelp)}>{ lang.t(T::Boards) }</button>
            }
            if !hidden.contains("export") {
                <button type="button" class="button" disabled={props.frame_count == 0} title={lang.t(T::ExportHelp)}
                    onclick={send(EditorMsg::Export(Some(crate::page::app::ExportDialog::default())))}>{ lang.t(T::Export) }</button>
            }
        </>
    };
    let extra = html! {
        <>
            <button type="button" class="button" onclick={send(act(Action::SortByCaptureTime))} disabled={!props.can_sort_by_time}
                title={lang.t(T::SortByTimeHelp)}>{ lang.t(T::SortByTime) }</button>
            <button type="button" class="button" title={lang.t(T::KeyboardShortcutsHelp)}
                onclick={send(EditorMsg::Overlay(Some(Overlay::Shortcuts), None))}>{ lang.t(T::KeyboardShortcuts) }</button>
            <LanguagePicker />
        </>
    };
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "Flowboard" }</h1>
            <div class="title-block">
                <TextField class="title-input" value={props.title.clone()} placeholder={lang.t(T::UntitledStoryboard)}
                    label={lang.t(T::StoryboardTitle)} max_length={crate::model::MAX_TITLE} on_change={on_title} {on_blur} read_only={!props.editing} />
                <div class="title-meta">
                    <SaveStatusLine status={props.save.clone()} editing={props.editing} />
                    <span class="frame-count">{ lang.count(props.frame_count, T::Frames) }</span>
                </div>
            </div>
            <ToolbarMenu {main} {extra} />
            if !hidden.contains("add") {
                <button type="button" class="button primary add-photos" disabled={!props.editing} onclick={props.on_add_photos.reform(|_: MouseEvent| ())}>
                    <span class="icon" aria-hidden="true">{ "+" }</span>{ lang.t(T::AddPhotos) }</button>
            }
        </header>
    }
}
