use super::dialog_focus::use_dialog_focus;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::browser::files;
use crate::i18n::{Lang, T};
use crate::page::app::{act, EditorMsg, Library};
use crate::page::services::{backup, boards};
use crate::storage::BoardId;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A library operation on one board, run when its button is pressed.
type Job = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

#[derive(Properties, PartialEq)]
pub struct BoardLibraryProps {
    pub library: Library,
    /// The board on screen.
    pub current: Option<BoardId>,
}

/// Every storyboard kept in this browser: open, new, rename, duplicate, delete (after a
/// confirmation), backup and restore, and how much storage they use.
#[component]
pub fn BoardLibrary(props: &BoardLibraryProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let close_button = use_dialog_focus(Some(EditorMsg::Library(None)));
    // The board whose deletion waits for confirmation, and the one being renamed.
    let confirming = use_state_eq(|| None::<BoardId>);
    let renaming = use_state_eq(|| None::<BoardId>);
    let restore_input = use_node_ref();
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::Library(None)))
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                dispatch.dispatch(EditorMsg::Library(None));
            }
        })
    };
    let run = |job: Rc<dyn Fn(Dispatch, BoardId) -> Job>, id: BoardId| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            wasm_bindgen_futures::spawn_local(job(dispatch.clone(), id.clone()))
        })
    };
    let new_board = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                boards::new_board(&dispatch).await;
                dispatch.dispatch(EditorMsg::Library(None));
            });
        })
    };
    let download = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| backup::download(dispatch.clone()))
    };
    let pick_backup = {
        let input = restore_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_restore = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = files::from_list(input.files()).into_iter().next() {
                backup::restore(file, dispatch.clone());
            }
            input.set_value("");
        })
    };
    let library = &props.library;
    let usage = library.usage.map(|(used, quota)| {
        let kept = lang.t(if library.persisted {
            T::StoragePersisted
        } else {
            T::StorageMayClear
        });
        lang.f(
            T::StorageUse,
            &[
                ("used", &megabytes(used, lang)),
                ("quota", &megabytes(quota, lang)),
                ("kept", &kept),
            ],
        )
    });
    let list = match &library.boards {
        None => html! { <p role="status">{ lang.t(T::ReadingStoryboards) }</p> },
        Some(list) if list.is_empty() => html! { <p>{ lang.t(T::NoStoryboards) }</p> },
        Some(list) => html! {
            <ul class="library-list" aria-label={lang.t(T::Storyboards)}>
                { for list.iter().map(|entry| {
                    let id = entry.id.clone();
                    let is_current = props.current.as_ref() == Some(&id);
                    let title = entry.summary.as_ref().map(|s| if s.title.is_empty() { lang.t(T::UntitledStoryboard).to_owned() } else { s.title.clone() });
                    let details = entry.summary.as_ref().map_or_else(
                        || lang.t(T::UnreadableBoard).to_owned(),
                        |s| {
                            let (mut frames, scenes) = (lang.count(s.frames, T::Frames), lang.count(s.scenes, T::Scenes));
                            if s.sounds > 0 {
                                frames = format!("{frames} · {}", lang.count(s.sounds, T::Sounds));
                            }
                            lang.f(T::BoardSummary, &[("frames", &frames), ("scenes", &scenes), ("time", &date_time(s.saved_at, lang))])
                        },
                    );
                    let name = title.clone().unwrap_or_else(|| lang.t(T::DamagedBoard).into());
                    let cover = library.covers.get(&id).cloned();
                    let open = run(Rc::new(|d, id| Box::pin(async move {
                        boards::open(&d, id).await;
                        d.dispatch(EditorMsg::Library(None));
                    })), id.clone());
                    let duplicate = run(Rc::new(move |d, id| Box::pin(async move { boards::duplicate(&d, id, lang).await })), id.clone());
                    let delete = run(Rc::new(move |d, id| Box::pin(async move { boards::delete(&d, id, is_current).await })), id.clone());
                    let ask_delete = { let (c, id) = (confirming.clone(), id.clone()); Callback::from(move |_: MouseEvent| c.set(Some(id.clone()))) };
                    let cancel_delete = { let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(None)) };
                    let start_rename = { let (r, id) = (renaming.clone(), id.clone()); Callback::from(move |_: MouseEvent| r.set(Some(id.clone()))) };
                    let on_rename = {
                        let (dispatch, renaming, id) = (dispatch.clone(), renaming.clone(), id.clone());
                        Callback::from(move |e: SubmitEvent| {
                            e.prevent_default();
                            let Some(form) = e.target_dyn_into::<web_sys::HtmlFormElement>() else { return };
                            let Some(input) = form.elements().named_item("title").and_then(|i| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(i).ok()) else { return };
                            let title = input.value().trim().to_owned();
                            renaming.set(None);
                            if is_current {
                                dispatch.dispatch(act(Action::SetTitle(title)));
                                boards::show_library(&dispatch, None);
                            } else {
                                let (dispatch, id) = (dispatch.clone(), id.clone());
                                wasm_bindgen_futures::spawn_local(async move { boards::rename(&dispatch, id, title).await });
                            }
                        })
                    };
                    let cancel_rename = { let r = renaming.clone(); Callback::from(move |_: MouseEvent| r.set(None)) };
                    html! {
                        <li class={classes!("library-item", is_current.then_some("current"))} key={id.0.clone()}>
                            <div class="library-cover" aria-hidden="true">
                                if let Some(src) = cover { <img {src} alt="" /> }
                            </div>
                            <div class="library-text">
                                if renaming.as_ref() == Some(&id) {
                                    <form class="library-rename" onsubmit={on_rename}>
                                        <input name="title" aria-label={lang.t(T::NewTitle)} value={title.clone().unwrap_or_default()} maxlength={crate::model::MAX_TITLE.to_string()} />
                                        <button type="submit" class="button primary">{ lang.t(T::Save) }</button>
                                        <button type="button" class="button" onclick={cancel_rename}>{ lang.t(T::Cancel) }</button>
                                    </form>
                                } else {
                                    <h3>{ name.clone() }{ if is_current { lang.t(T::OpenNow) } else { "" } }</h3>
                                }
                                <p>{ details }</p>
                            </div>
                            if confirming.as_ref() == Some(&id) {
                                <div class="library-confirm" role="alert">
                                    <span>{ lang.f(T::ConfirmDelete, &[("name", &name)]) }</span>
                                    <button type="button" class="button danger" onclick={delete}>{ lang.t(T::Delete) }</button>
                                    <button type="button" class="button" onclick={cancel_delete}>{ lang.t(T::Cancel) }</button>
                                </div>
                            } else {
                                <div class="library-actions">
                                    if !is_current && title.is_some() { <button type="button" class="button primary" onclick={open} aria-label={lang.f(T::OpenNamed, &[("name", &name)])}>{ lang.t(T::Open) }</button> }
                                    if title.is_some() {
                                        <button type="button" class="button" onclick={start_rename} aria-label={lang.f(T::RenameNamed, &[("name", &name)])}>{ lang.t(T::Rename) }</button>
                                        <button type="button" class="button" onclick={duplicate} aria-label={lang.f(T::DuplicateNamed, &[("name", &name)])}>{ lang.t(T::Duplicate) }</button>
                                    }
                                    <button type="button" class="button" onclick={ask_delete} aria-label={lang.f(T::DeleteNamed, &[("name", &name)])}>{ lang.t(T::Delete) }</button>
                                </div>
                            }
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div class="dialog-backdrop" {onkeydown}>
            <div class="dialog library-dialog" role="dialog" aria-modal="true" aria-labelledby="library-title">
                <div class="dialog-header">
                    <h2 id="library-title">{ lang.t(T::YourStoryboards) }</h2>
                    <button type="button" class="button" ref={close_button} onclick={close} title={lang.t(T::CloseLibrary)}>{ lang.t(T::Close) }</button>
                </div>
                <p class="library-note">{ lang.t(T::LibraryNote) }</p>
                if let Some(usage) = usage { <p class="library-usage">{ usage }</p> }
                if let Some(message) = library.message.as_ref() { <p class="library-message" role="status">{ message.show(lang) }</p> }
                if let Some(busy) = library.busy.as_ref() { <p class="library-busy" role="status">{ busy.show(lang) }</p> }
                <div class="library-toolbar">
                    <button type="button" class="button primary" onclick={new_board}>{ lang.t(T::NewStoryboard) }</button>
                    <button type="button" class="button" onclick={download} disabled={library.busy.is_some()}>{ lang.t(T::DownloadBackup) }</button>
                    <button type="button" class="button" onclick={pick_backup} disabled={library.busy.is_some()}>{ lang.t(T::RestoreBackup) }</button>
                    <input type="file" class="visually-hidden" ref={restore_input} accept=".zip,application/zip" tabindex="-1"
                        aria-label={lang.t(T::BackupFileToRestore)} onchange={on_restore} />
                </div>
                { list }
            </div>
        </div>
    }
}

fn megabytes(bytes: f64, lang: Lang) -> String {
    if bytes >= 1e9 {
        lang.f(
            T::Gigabytes,
            &[("n", &lang.number(format!("{:.1}", bytes / 1e9)))],
        )
    } else {
        lang.f(
            T::Megabytes,
            &[("n", &lang.number(format!("{:.1}", bytes / 1e6)))],
        )
    }
}

fn date_time(ms: f64, lang: Lang) -> String {
    let d = js_sys::Date::new(&ms.into());
    lang.date_time(
        i32::try_from(d.get_full_year()).unwrap_or_default(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
    )
}
