use super::{use_lang, Dispatch};
use crate::error::StorageError;
use crate::i18n::T;
use crate::page::app::{Access, EditorMsg, SaveStatus};
use crate::page::services::{backup, boards};
use crate::storage::BoardId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BoardBannersProps {
    pub access: Access,
    pub save: SaveStatus,
    pub notices: Vec<crate::i18n::Message>,
    pub board_id: Option<BoardId>,
    /// The board being opened has taken long.
    #[prop_or_default]
    pub slow_open: bool,
}

/// Messages about the board itself, above the workspace: shown read-only because another tab
/// edits it, not being saved (and what to do), or what could not be restored.
#[component]
pub fn BoardBanners(props: &BoardBannersProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let take_over = {
        let (dispatch, id) = (dispatch.clone(), props.board_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            if let Some(id) = id {
                wasm_bindgen_futures::spawn_local(
                    async move { boards::take_over(&dispatch, id).await },
                );
            }
        })
    };
    let library = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| boards::show_library(&dispatch, None))
    };
    let download = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| backup::download(dispatch.clone()))
    };
    let instead = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| boards::open_library_instead(&dispatch))
    };
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::DismissNotices))
    };
    let read_only = match &props.access {
        Access::ReadOnly => html! {
            <div class="banner info" role="alert">
                <p>{ lang.t(T::OpenElsewhere) }</p>
                <button type="button" class="button primary" onclick={take_over}>{ lang.t(T::EditHere) }</button>
            </div>
        },
        // A viewer that could not show its file (no board opened) says only why, below.
        Access::Viewing if props.board_id.is_none() => html! {},
        Access::Viewing => html! {
            <div class="banner info" role="status" data-testid="viewing">
                <p>{ lang.t(T::Viewing) }</p>
            </div>
        },
        // A board that takes long to open (a huge one from an older build) never holds the page.
        Access::Opening if props.slow_open => html! {
            <div class="banner warning" role="alert" data-testid="slow-open">
                <p>{ lang.t(T::OpeningSlow) }</p>
                <button type="button" class="button primary" onclick={instead}>{ lang.t(T::OpenLibraryInstead) }</button>
            </div>
        },
        _ => html! {},
    };
    let save = match &props.save {
        SaveStatus::Failed { error, .. } if props.access.can_edit() => {
            let advice = lang.t(match error {
                StorageError::QuotaFull => T::QuotaAdvice,
                StorageError::Unavailable { .. } => T::UnavailableAdvice,
                _ => T::RetryAdvice,
            });
            // An English message starts lower-case (it also ends other sentences); here it is one.
            let said = lang.f(
                T::SaveProblem,
                &[
                    ("reason", &capitalise(&error.message(lang))),
                    ("advice", &advice),
                ],
            );
            html! {
                <div class="banner warning" role="alert" data-testid="save-problem">
                    <p><strong>{ lang.t(T::NotSaved) }</strong>{ said }</p>
                    <button type="button" class="button primary" onclick={download.clone()}>{ lang.t(T::DownloadBackup) }</button>
                    if *error == StorageError::QuotaFull {
                        <button type="button" class="button" onclick={library.clone()}>{ lang.t(T::FreeSpace) }</button>
                    }
                </div>
            }
        }
        _ => html! {},
    };
    // A bundle (or the example) opened cleanly says only that: news, not a warning.
    let all_well = props.notices.iter().all(|n| n.key == T::OpenedAsNew);
    let notices = if props.notices.is_empty() {
        html! {}
    } else {
        html! {
            <div class={classes!("banner", if all_well { "info" } else { "warning" })} role={if all_well { "status" } else { "alert" }} data-testid="restore-notice">
                <div>
                    if !all_well {
                        <p><strong>{ lang.t(if props.access == Access::Viewing && props.board_id.is_none() { T::CannotBeShown } else { T::NotRestored }) }</strong></p>
                    }
                    <ul>{ for props.notices.iter().map(|n| html! { <li>{ n.show(lang) }</li> }) }</ul>
                </div>
                if matches!(props.access, Access::Refused(_)) {
                    <button type="button" class="button primary" onclick={library}>{ lang.t(T::OpenLibrary) }</button>
                }
                <button type="button" class="button" onclick={dismiss}>{ lang.t(T::Dismiss) }</button>
            </div>
        }
    };
    html! { <>{ read_only }{ save }{ notices }</> }
}

/// Capitalises an English message (ASCII only: the full Unicode case tables cost ~20 KB of wasm).
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| {
            std::iter::once(c.to_ascii_uppercase())
                .chain(chars)
                .collect()
        })
        .unwrap_or_default()
}
