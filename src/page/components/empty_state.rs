use super::use_lang;
use crate::i18n::T;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_choose: Callback<()>,
}

/// The first screen: one obvious thing to do.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let lang = use_lang();
    let onclick = props.on_choose.reform(|_: MouseEvent| ());
    html! {
        <section class="empty-state" aria-labelledby="empty-title">
            <div class="empty-art" aria-hidden="true">
                <span></span><span></span><span></span>
            </div>
            <h2 id="empty-title">{ lang.t(T::StartTitle) }</h2>
            <p class="empty-lead">{ lang.t(T::StartLead) }</p>
            <button type="button" class="button primary large" {onclick}>{ lang.t(T::ChoosePhotos) }</button>
            <p class="empty-note">{ lang.t(T::StartNote) }</p>
        </section>
    }
}
