use super::use_lang;
use crate::i18n::T;
use yew::prelude::*;

/// Shown over the whole page while files are dragged over it: dropping anywhere adds them.
#[component]
pub fn DropOverlay() -> Html {
    let lang = use_lang();
    html! {
        <div class="drop-overlay" aria-hidden="true">
            <div class="drop-overlay-card">{ lang.t(T::DropToAdd) }</div>
        </div>
    }
}
