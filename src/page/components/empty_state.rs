use super::{use_lang, Dispatch};
use crate::i18n::T;
use crate::page::services::reopen;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_choose: Callback<()>,
}

/// The first screen: one obvious thing to do (choose photos), and a finished example to look at.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let lang = use_lang();
    let onclick = props.on_choose.reform(|_: MouseEvent| ());
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let example = Callback::from(move |_: MouseEvent| reopen::open_example(lang, dispatch.clone()));
    html! {
        <section class="empty-state" aria-labelledby="empty-title">
            <div class="empty-art" aria-hidden="true">
                <span></span><span></span><span></span>
            </div>
            <h2 id="empty-title">{ lang.t(T::StartTitle) }</h2>
            <p class="empty-lead">{ lang.t(T::StartLead) }</p>
            <div class="empty-actions">
                <button type="button" class="button primary large" {onclick}>{ lang.t(T::ChoosePhotos) }</button>
                <button type="button" class="button large" onclick={example} title={lang.t(T::ExampleHelp)}>{ lang.t(T::TryExample) }</button>
            </div>
            <p class="empty-note">{ lang.t(T::StartNote) }</p>
        </section>
    }
}
