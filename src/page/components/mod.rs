//! The editor's view: one component per file. Components render state and dispatch
//! [`crate::page::app::EditorMsg`]s; they never change state or touch storage themselves.

mod aspect_picker;
mod board_banners;
mod board_library;
mod crop_tool;
mod cropped_photo;
mod dialog_focus;
mod drop_overlay;
mod editor;
mod empty_state;
mod export_dialog;
mod film_export_section;
mod filmstrip;
mod frame_card;
mod frame_run;
mod import_panel;
mod inspector;
mod language_picker;
mod move_arrow;
mod move_controls;
mod music_bed_panel;
mod narration_panel;
mod narration_recorder;
mod presentation;
mod presentation_recorder;
mod print_sheets;
mod save_status_line;
mod scene_header;
mod shortcuts_overlay;
mod stills_dialog;
mod task_progress;
mod text_field;
mod toolbar;
mod toolbar_menu;
mod waveform;

pub use editor::Editor;

use crate::i18n::Lang;

pub use crate::page::app::Dispatch;

/// The language to show texts in (provided as a Yew context by [`Editor`], so every component
/// that shows text re-renders when it changes).
#[yew::hook]
pub fn use_lang() -> Lang {
    yew::use_context::<Lang>().unwrap_or_default()
}

/// The value of the form control an `Event` came from, and whether it is checked: an `<input>`
/// (text, radio, checkbox) or a `<select>` (never checked). `None` for anything else.
pub(crate) fn control_value(e: &yew::Event) -> Option<(String, bool)> {
    use yew::TargetCast;
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .map(|i| (i.value(), i.checked()))
        .or_else(|| {
            e.target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| (s.value(), false))
        })
}

/// Mounts the editor into `#app`, replacing the loading placeholder.
pub fn start() {
    console_error_panic_hook::set_once();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let root = document
        .get_element_by_id("app")
        .expect("index.html has #app");
    root.set_inner_html("");
    yew::Renderer::<Editor>::with_root(root).render();
}
