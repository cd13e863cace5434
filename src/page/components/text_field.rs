use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub value: AttrValue,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Accessible name (the field has no visible label).
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// At most this many characters ([`crate::model::MAX_TEXT`] unless said): the same limits
    /// the readers of boards and bundles cut to, so nothing typed is ever cut when read back.
    #[prop_or(crate::model::MAX_TEXT)]
    pub max_length: usize,
    /// Id of a `<datalist>` of suggestions (single-line fields only).
    #[prop_or_default]
    pub list: Option<AttrValue>,
    pub on_change: Callback<String>,
    /// Fired when the field loses focus, to end a run of merged undo steps.
    #[prop_or_default]
    pub on_blur: Callback<()>,
    /// Shown but not editable (a tab that does not edit the board).
    #[prop_or_default]
    pub read_only: bool,
}

/// A text input or textarea that is safe for IME input (Chinese pinyin, Japanese kana, …).
///
/// While a composition is in progress the field reports nothing, and if anything else makes it
/// re-render, it renders the text the browser already shows — so Yew never writes into a field
/// mid-composition, which would cut the composition off or duplicate its text. The committed
/// text is reported once, at `compositionend`.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let field = use_node_ref();
    let composing = use_mut_ref(|| false);
    // The newest callback, so the listeners below are installed once.
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();

    // Yew's `html!` has no composition listeners, so they are attached to the element directly.
    {
        let (field, composing, on_change) = (field.clone(), composing.clone(), on_change.clone());
        use_effect_with((), move |_| {
            let listeners = field.cast::<web_sys::Element>().map(|el| {
                let start = EventListener::new(&el, "compositionstart", {
                    let composing = composing.clone();
                    move |_| *composing.borrow_mut() = true
                });
                let end = EventListener::new(&el, "compositionend", move |e| {
                    *composing.borrow_mut() = false;
                    let callback = on_change.borrow().clone();
                    callback.emit(value_of(e));
                });
                (start, end)
            });
            move || drop(listeners)
        });
    }

    let oninput = {
        let (composing, on_change) = (composing.clone(), on_change.clone());
        Callback::from(move |e: InputEvent| {
            if e.is_composing() || *composing.borrow() {
                return;
            }
            let callback = on_change.borrow().clone();
            callback.emit(value_of(&e));
        })
    };
    let onblur = props.on_blur.reform(|_: FocusEvent| ());
    let value = if *composing.borrow() {
        current_text(&field)
            .map(AttrValue::from)
            .unwrap_or_else(|| props.value.clone())
    } else {
        props.value.clone()
    };

    if props.multiline {
        html! {
            <textarea ref={field} class={props.class.clone()} {value} placeholder={props.placeholder.clone()}
                aria-label={props.label.clone()} maxlength={props.max_length.to_string()} rows="2" readonly={props.read_only} {oninput} {onblur} />
        }
    } else {
        html! {
            <input ref={field} type="text" list={props.list.clone()} class={props.class.clone()} {value} placeholder={props.placeholder.clone()}
                aria-label={props.label.clone()} maxlength={props.max_length.to_string()} readonly={props.read_only} {oninput} {onblur} />
        }
    }
}

/// The text a field shows right now.
fn current_text(field: &NodeRef) -> Option<String> {
    if let Some(area) = field.cast::<web_sys::HtmlTextAreaElement>() {
        return Some(area.value());
    }
    field.cast::<web_sys::HtmlInputElement>().map(|i| i.value())
}

/// The current text of the input or textarea an event came from.
fn value_of(e: &web_sys::Event) -> String {
    let target = e.target();
    if let Some(area) = target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>())
    {
        return area.value();
    }
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}
