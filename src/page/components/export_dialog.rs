use super::dialog_focus::use_dialog_focus;
use super::film_export_section::FilmExportSection;
use super::{control_value, use_lang, Dispatch};
use crate::bundle::print::PER_PAGE;
use crate::bundle::LONG_EDGES;
use crate::i18n::{Message, T};
use crate::model::Board;
use crate::page::app::{EditorMsg, ExportDialog as Dialog, Task};
use crate::page::services::export::{self, Kind};
use crate::page::services::film_export;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportDialogProps {
    pub dialog: Dialog,
    pub board: crate::page::app::Shared<Board>,
    /// The job under way, if any (an export shows its progress and Cancel here).
    pub task: Option<Task>,
}

/// How one control changes the dialog: (dialog, the control's value, whether it is checked).
type Change = Rc<dyn Fn(&mut Dialog, &str, bool)>;

/// JPEG qualities offered, with what they mean to someone who does not think in numbers.
const QUALITIES: [(u8, T); 3] = [
    (72, T::QualitySmall),
    (85, T::QualityBalanced),
    (95, T::QualityBest),
];

/// Everything that leaves the editor: the single-file HTML, the ZIP bundle for a website, the
/// shot list, and storyboard sheets to print or save as PDF.
#[component]
pub fn ExportDialog(props: &ExportDialogProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let close_button = use_dialog_focus(Some(EditorMsg::Export(None)));
    let dialog = &props.dialog;
    let settings = dialog.settings;
    let update = |change: Change| {
        let (dispatch, dialog) = (dispatch.clone(), dialog.clone());
        Callback::from(move |e: Event| {
            let Some(input) = control_value(&e) else {
                return;
            };
            let mut next = dialog.clone();
            change(&mut next, &input.0, input.1);
            dispatch.dispatch(EditorMsg::Export(Some(next)));
        })
    };
    let on_edge = update(Rc::new(|d, v, _| {
        d.settings.long_edge = v.parse().unwrap_or(1920)
    }));
    let on_quality = update(Rc::new(|d, v, _| {
        d.settings.quality = v.parse().unwrap_or(85)
    }));
    let on_originals = update(Rc::new(|d, _, checked| d.settings.originals = checked));
    let on_per_page = update(Rc::new(|d, v, _| {
        d.sheets.per_page = v.parse().unwrap_or(6)
    }));
    let on_breaks = update(Rc::new(|d, _, checked| d.sheets.scene_breaks = checked));
    let busy = props.task.is_some();
    let start = |kind: Kind| {
        let (dispatch, board) = (dispatch.clone(), props.board.0.clone());
        Callback::from(move |_: MouseEvent| {
            export::start(
                kind,
                settings,
                board.clone(),
                lang,
                dispatch.clone(),
                export::Delivery::Download,
            )
        })
    };
    let shot_list = {
        let (dispatch, board) = (dispatch.clone(), props.board.0.clone());
        Callback::from(move |_: MouseEvent| {
            let message = export::shot_list(&board, lang)
                .unwrap_or_else(|e| Message::new(T::ShotListFailed).with_message("error", e));
            dispatch.dispatch(EditorMsg::ExportMessage(message));
        })
    };
    let print = {
        let (dispatch, sheets) = (dispatch.clone(), dialog.sheets);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::Print(Some(sheets))))
    };
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::Export(None)))
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                dispatch.dispatch(EditorMsg::Export(None));
            }
        })
    };
    // One job runs at a time, so Cancel stops whichever it is.
    let cancel = Callback::from(|_: MouseEvent| {
        export::cancel();
        film_export::cancel();
    });
    // Which film formats this browser cannot make at the size and rate chosen: asked of its
    // encoders when the dialog opens and when those change.
    let unsupported = use_state(|| Rc::new(Vec::new()));
    {
        let unsupported = unsupported.clone();
        let board = props.board.0.clone();
        let (lines, fps, aspect) = (dialog.film.lines, dialog.film.fps, props.board.aspect);
        use_effect_with((lines, fps, aspect), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                unsupported.set(Rc::new(film_export::unsupported(&board, lines, fps).await));
            });
        });
    }
    let frames = props.board.frame_count();
    html! {
        <div class="dialog-backdrop" {onkeydown}>
            <div class="dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title">
                <div class="dialog-header">
                    <h2 id="export-title">{ lang.t(T::ExportStoryboard) }</h2>
                    <button type="button" class="button" ref={close_button} onclick={close.clone()} aria-label={lang.t(T::CloseExport)}>{ "×" }</button>
                </div>
                <section class="export-section" aria-labelledby="export-bundle">
                    <h3 id="export-bundle">{ lang.t(T::StoryboardFile) }</h3>
                    <p class="export-note">{ lang.t(T::StoryboardFileNote) }</p>
                    <div class="export-options">
                        <fieldset>
                            <legend>{ lang.t(T::ImageSize) }</legend>
                            { for LONG_EDGES.iter().map(|edge| html! {
                                <label class="check"><input type="radio" name="long-edge" value={edge.to_string()} checked={settings.long_edge == *edge} onchange={on_edge.clone()} />{ lang.f(T::Pixels, &[("n", edge)]) }</label>
                            }) }
                        </fieldset>
                        <label class="export-quality">{ lang.t(T::Quality) }{ " " }
                            <select onchange={on_quality} aria-label={lang.t(T::JpegQuality)}>
                                { for QUALITIES.iter().map(|(q, label)| html! { <option value={q.to_string()} selected={settings.quality == *q}>{ lang.t(*label) }</option> }) }
                            </select>
                        </label>
                        <label class="check"><input type="checkbox" checked={settings.originals} onchange={on_originals} />
                            { lang.t(T::IncludeOriginals) }</label>
                    </div>
                    <p class="export-privacy" data-testid="export-privacy">{
                        lang.t(if settings.originals { T::PrivacyWithOriginals } else { T::Privacy })
                    }</p>
                    <div class="dialog-actions export-actions">
                        <button type="button" class="button primary" disabled={busy || frames == 0} onclick={start(Kind::Html)}>{ lang.t(T::DownloadHtml) }</button>
                        <button type="button" class="button" disabled={busy || frames == 0} onclick={start(Kind::Zip)}>{ lang.t(T::DownloadZip) }</button>
                    </div>
                </section>
                <section class="export-section" aria-labelledby="export-print">
                    <h3 id="export-print">{ lang.t(T::PrintOrPdf) }</h3>
                    <div class="export-options">
                        <label>{ lang.t(T::FramesPerPage) }{ " " }
                            <select onchange={on_per_page} aria-label={lang.t(T::FramesPerPage)}>
                                { for PER_PAGE.iter().map(|n| html! { <option value={n.to_string()} selected={dialog.sheets.per_page == *n}>{ n.to_string() }</option> }) }
                            </select>
                        </label>
                        <label class="check"><input type="checkbox" checked={dialog.sheets.scene_breaks} onchange={on_breaks} />{ lang.t(T::SceneBreaks) }</label>
                    </div>
                    <div class="dialog-actions">
                        <button type="button" class="button" disabled={frames == 0} onclick={print}>{ lang.t(T::PrintButton) }</button>
                        <button type="button" class="button" disabled={frames == 0} onclick={shot_list}>{ lang.t(T::ShotListCsv) }</button>
                    </div>
                </section>
                <FilmExportSection dialog={dialog.clone()} board={props.board.clone()} {busy} unsupported={(*unsupported).clone()} />
                if let Some(task) = props.task.clone() {
                    <div class="export-progress" role="status">
                        <progress max={task.total.max(1).to_string()} value={task.done.to_string()} aria-label={task.label.show(lang)}></progress>
                        <span>{ lang.f(T::ExportProgress, &[("task", &task.label.show(lang)), ("done", &task.done), ("total", &task.total)]) }</span>
                        if task.cancellable { <button type="button" class="button" onclick={cancel}>{ lang.t(T::Cancel) }</button> }
                    </div>
                }
                if let Some(message) = dialog.message.as_ref() { <p class="export-message" role="status">{ message.show(lang) }</p> }
            </div>
        </div>
    }
}
