use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_choose: Callback<()>,
}

/// The first screen: one obvious thing to do.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let onclick = props.on_choose.reform(|_: MouseEvent| ());
    html! {
        <section class="empty-state" aria-labelledby="empty-title">
            <div class="empty-art" aria-hidden="true">
                <span></span><span></span><span></span>
            </div>
            <h2 id="empty-title">{ "Start your storyboard" }</h2>
            <p class="empty-lead">{ "Drop photos anywhere on this page, or choose them. Each photo becomes a frame; drag frames into story order and give each a caption." }</p>
            <button type="button" class="button primary large" {onclick}>{ "Choose photos" }</button>
            <p class="empty-note">{ "JPEG, PNG, WebP or GIF. Your photos stay on this device — nothing is uploaded." }</p>
        </section>
    }
}
