use super::dialog_focus::use_dialog_focus;
use super::{use_lang, Dispatch};
use crate::actions::Keys;
use crate::actions::SHORTCUTS;
use crate::i18n::T;
use crate::page::app::EditorMsg;
use yew::prelude::*;

/// Every keyboard shortcut, from the keymap's own list (opened with `?`).
#[component]
pub fn ShortcutsOverlay() -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    // Escape and ? are handled on the dialog itself (below), so no page-wide listener.
    let close_button = use_dialog_focus(None);
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::Overlay(None, None)))
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if matches!(e.key().as_str(), "Escape" | "?") {
            e.prevent_default();
            dispatch.dispatch(EditorMsg::Overlay(None, None));
        }
    });
    html! {
        <div class="dialog-backdrop" {onkeydown}>
            <div class="dialog shortcuts-dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
                <div class="dialog-header"><h2 id="shortcuts-title">{ lang.t(T::KeyboardShortcuts) }</h2></div>
                <p class="crop-help">{ lang.t(T::ShortcutsWhen) }</p>
                <table class="shortcuts">
                    <tbody>
                        { for SHORTCUTS.iter().map(|(keys, what)| {
                            let keys = match keys { Keys::Printed(k) => *k, Keys::Said(k) => lang.t(*k) };
                            html! { <tr><th scope="row"><kbd>{ keys }</kbd></th><td>{ lang.t(*what) }</td></tr> }
                        }) }
                    </tbody>
                </table>
                <footer class="dialog-actions">
                    <button type="button" class="button primary" ref={close_button} onclick={close}>{ lang.t(T::Close) }</button>
                </footer>
            </div>
        </div>
    }
}
