use super::Dispatch;
use crate::page::app::EditorMsg;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every dialog does when it opens: the element behind the returned ref (its close button)
/// takes the focus, so keyboard and screen-reader users are inside the dialog. With `escape`,
/// Escape anywhere on the page sends that message too — also when the focus left the dialog
/// (a button disabled while working hands the focus back to the page).
#[hook]
pub fn use_dialog_focus(escape: Option<EditorMsg>) -> NodeRef {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let focus = use_node_ref();
    {
        let focus = focus.clone();
        use_effect_with((), move |_| {
            if let Some(el) = focus.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            let listener = escape.map(|msg| {
                let window = web_sys::window().expect("a window");
                gloo::events::EventListener::new(&window, "keydown", move |e| {
                    if e.dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape")
                    {
                        dispatch.dispatch(msg.clone());
                    }
                })
            });
            move || drop(listener)
        });
    }
    focus
}
