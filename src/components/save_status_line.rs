use crate::app::SaveStatus;
use crate::error::StorageError;
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
    let (class, text, title) = match &props.status {
        _ if !props.editing => ("save-status", "Not editing in this tab".to_owned(), String::new()),
        SaveStatus::Idle => ("save-status", "Nothing to save yet".to_owned(), "Your work is saved in this browser as you go".to_owned()),
        SaveStatus::Pending => ("save-status", "Unsaved changes…".to_owned(), "Saving after a short pause in editing".to_owned()),
        SaveStatus::Saving => ("save-status", "Saving…".to_owned(), String::new()),
        SaveStatus::Saved { at } => ("save-status saved", format!("Saved · {}", clock(*at)), "Saved in this browser; it survives a reload".to_owned()),
        SaveStatus::Failed { error, .. } => (
            "save-status failed",
            match error {
                StorageError::QuotaFull => "Not saved: storage full".to_owned(),
                StorageError::Unavailable { .. } => "Not saved: no storage".to_owned(),
                _ => "Not saved — retrying".to_owned(),
            },
            error.to_string(),
        ),
    };
    html! { <span {class} role="status" title={title} data-testid="save-status">{ text }</span> }
}

/// Local time of day, "14:32:05".
fn clock(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}:{:02}", date.get_hours(), date.get_minutes(), date.get_seconds())
}
