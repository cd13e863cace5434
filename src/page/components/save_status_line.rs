use super::use_lang;
use crate::error::StorageError;
use crate::i18n::T;
use crate::page::app::SaveStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveStatusLineProps {
    pub status: SaveStatus,
    pub editing: bool,
}

/// "Saved · 14:32" next to the title: the proof that autosave works, and the first place a
/// failure shows (the banner explains it).
#[component]
pub fn SaveStatusLine(props: &SaveStatusLineProps) -> Html {
    let lang = use_lang();
    let (class, text, title) = match &props.status {
        _ if !props.editing => (
            "save-status",
            lang.t(T::NotEditingHere).to_owned(),
            String::new(),
        ),
        SaveStatus::Idle => (
            "save-status",
            lang.t(T::NothingToSave).to_owned(),
            lang.t(T::SavedAsYouGo).to_owned(),
        ),
        SaveStatus::Pending => (
            "save-status",
            lang.t(T::Unsaved).to_owned(),
            lang.t(T::SavingAfterPause).to_owned(),
        ),
        SaveStatus::Saving => ("save-status", lang.t(T::Saving).to_owned(), String::new()),
        SaveStatus::Saved { at } => (
            "save-status saved",
            lang.f(T::SavedAt, &[("time", &clock(*at))]),
            lang.t(T::SavedSurvivesReload).to_owned(),
        ),
        SaveStatus::Failed { error, .. } => (
            "save-status failed",
            lang.t(match error {
                StorageError::QuotaFull => T::NotSavedFull,
                StorageError::Unavailable { .. } => T::NotSavedNoStorage,
                _ => T::NotSavedRetrying,
            })
            .to_owned(),
            error.message(lang),
        ),
    };
    html! { <span {class} role="status" title={title} data-testid="save-status">{ text }</span> }
}

/// Local time of day, "14:32:05".
fn clock(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}
