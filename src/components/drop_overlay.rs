use yew::prelude::*;

/// Shown over the whole page while files are dragged over it: dropping anywhere adds them.
#[component]
pub fn DropOverlay() -> Html {
    html! {
        <div class="drop-overlay" aria-hidden="true">
            <div class="drop-overlay-card">{ "Drop to add photos" }</div>
        </div>
    }
}
