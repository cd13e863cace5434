use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::{Lang, T};
use crate::model::Aspect;
use crate::page::app::act;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AspectPickerProps {
    pub aspect: Aspect,
    /// Shown in the crop tool, where one might think the shape is the frame's own: the label
    /// says it is the whole board's.
    #[prop_or_default]
    pub board_wide: bool,
}

/// The board's aspect ratio menu: the same control in the toolbar and in the crop tool.
#[component]
pub fn AspectPicker(props: &AspectPickerProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let select = use_node_ref();
    // The menu shows the board's aspect also after undo/redo: an option's `selected` attribute
    // stops counting once the user has picked one, so the select's value is set directly.
    {
        let select = select.clone();
        use_effect_with(props.aspect, move |aspect| {
            if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(aspect.label());
            }
        });
    }
    let onchange = Callback::from(move |e: Event| {
        let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
            return;
        };
        if let Some(aspect) = Aspect::from_label(&select.value()) {
            dispatch.dispatch(act(Action::SetAspect(aspect)));
        }
    });
    let (text, name) = if props.board_wide {
        (T::AspectWholeBoard, T::AspectRatioWholeBoard)
    } else {
        (T::Aspect, T::AspectRatio)
    };
    html! {
        <label class="aspect-picker" title={lang.t(T::AspectHelp)}>
            <span>{ lang.t(text) }</span>
            <select ref={select} aria-label={lang.t(name)} {onchange}>
                { for Aspect::ALL.iter().map(|a| html! {
                    <option value={a.label()} selected={*a == props.aspect}>{ aspect_name(*a, lang) }</option>
                }) }
            </select>
        </label>
    }
}

/// An aspect as the menu shows it: ratios are the same in every language, "Free" is not.
pub fn aspect_name(aspect: Aspect, lang: Lang) -> &'static str {
    if aspect == Aspect::Free {
        lang.t(T::AspectFree)
    } else {
        aspect.label()
    }
}
