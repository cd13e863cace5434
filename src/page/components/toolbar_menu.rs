use super::use_lang;
use crate::i18n::T;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarMenuProps {
    /// Commands that stand in the toolbar on wide screens and go into the menu on phones.
    pub main: Html,
    /// Commands that are always in the menu (used less often).
    pub extra: Html,
}

/// The toolbar's overflow menu ("⋯"), a disclosure: the button opens it and the focus moves to
/// its first command; Escape closes it and returns the focus to the button, as does a tap
/// outside it or choosing a command. On phones it holds almost the whole toolbar, so the header
/// stays one row high; on wide screens only the rarely used commands.
#[component]
pub fn ToolbarMenu(props: &ToolbarMenuProps) -> Html {
    let lang = use_lang();
    let open = use_state_eq(|| false);
    let button = use_node_ref();
    let panel = use_node_ref();

    // Opened: the focus goes to the first command shown in the menu. While open, a press outside
    // menu and button closes it.
    {
        let (open, button, panel) = (open.clone(), button.clone(), panel.clone());
        use_effect_with(*open, move |is_open| {
            let listener = is_open.then(|| {
                if let Some(first) = first_command(&panel) {
                    let _ = first.focus();
                }
                let document = web_sys::window()
                    .and_then(|w| w.document())
                    .expect("a document");
                EventListener::new(&document, "pointerdown", move |e| {
                    let inside = |node: &NodeRef| {
                        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                        node.cast::<web_sys::Node>()
                            .is_some_and(|n| n.contains(target.as_ref()))
                    };
                    if !inside(&panel) && !inside(&button) {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close_and_return = {
        let (open, button) = (open.clone(), button.clone());
        move || {
            open.set(false);
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        }
    };
    let onkeydown = {
        let (open, close) = (open.clone(), close_and_return.clone());
        Callback::from(move |e: KeyboardEvent| {
            if *open && e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                close();
            }
        })
    };
    // A command chosen (a button pressed) closes the menu; a select stays for its choice.
    let onclick = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            let on_button = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("button").ok().flatten())
                .is_some();
            if on_button {
                open.set(false);
            }
        })
    };
    // Tabbing out of the menu closes it (the panel would otherwise cover the board).
    let onfocusout = {
        let (open, panel, button) = (open.clone(), panel.clone(), button.clone());
        Callback::from(move |e: FocusEvent| {
            let next = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let within = |node: &NodeRef| {
                node.cast::<web_sys::Node>()
                    .is_some_and(|n| n.contains(next.as_ref()))
            };
            if next.is_some() && !within(&panel) && !within(&button) {
                open.set(false);
            }
        })
    };
    let label = lang.t(T::MoreCommands);
    html! {
        <>
            <div id="toolbar-menu" ref={panel} class={classes!("toolbar-menu", open.then_some("open"))}
                onkeydown={onkeydown.clone()} {onclick} onfocusout={onfocusout.clone()}>
                <div class="menu-main">{ props.main.clone() }</div>
                <div class="menu-extra">{ props.extra.clone() }</div>
            </div>
            <button type="button" ref={button} class="button more-button" aria-expanded={open.to_string()} aria-controls="toolbar-menu"
                aria-label={label} title={label} onclick={toggle} {onkeydown} onfocusout={onfocusout}>
                <span aria-hidden="true">{ "⋯" }</span>
            </button>
        </>
    }
}

/// The first command the open menu shows: on phones the whole panel, on wide screens its
/// always-folded part.
fn first_command(panel: &NodeRef) -> Option<web_sys::HtmlElement> {
    let panel = panel.cast::<web_sys::Element>()?;
    // On wide screens the panel is `display: contents` (no box of its own); on phones the open
    // panel is a box under the bar.
    let compact = panel.get_bounding_client_rect().height() > 0.0;
    let scope = if compact {
        panel
    } else {
        panel.query_selector(".menu-extra").ok().flatten()?
    };
    let all = scope
        .query_selector_all("button:not(:disabled), select, input")
        .ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|el| el.offset_parent().is_some())
}
