use super::{use_lang, Dispatch};
use crate::i18n::{Lang, T};
use crate::page::app::EditorMsg;
use crate::page::services::locale;
use yew::prelude::*;

/// The language menu: each language listed in its own name ("English", "简体中文"), so a person
/// who cannot read the current one still finds theirs. The choice is remembered.
#[component]
pub fn LanguagePicker() -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let select = use_node_ref();
    // The menu shows the language in use also after a change made elsewhere: an option's
    // `selected` attribute stops counting once the user has picked one.
    {
        let select = select.clone();
        use_effect_with(lang, move |lang| {
            if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(lang.code());
            }
        });
    }
    let onchange = Callback::from(move |e: Event| {
        let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
            return;
        };
        if let Some(lang) = Lang::from_code(&select.value()) {
            locale::choose(lang);
            dispatch.dispatch(EditorMsg::Language(lang));
        }
    });
    html! {
        <label class="language-picker" title={lang.t(T::Language)}>
            <span aria-hidden="true">{ "🌐" }</span>
            <select ref={select} aria-label={lang.t(T::Language)} {onchange} data-testid="language">
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.code()} lang={l.code()} selected={*l == lang}>{ l.name() }</option>
                }) }
            </select>
        </label>
    }
}
