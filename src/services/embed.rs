//! Embedding the editor in another page (`docs/embedding.md`): options in the query string and a
//! `postMessage` API for the page around the `<iframe>`.
//!
//! Query: `?hide=library,export,present,add` hides those toolbar buttons; `?allow-origin=<origin>`
//! (repeatable, or comma-separated) lets pages of other origins talk to the editor; `?view=<URL>`
//! shows an exported storyboard of the same site read-only.
//!
//! Messages from any origin that is neither this page's own nor allowed are ignored. Requests:
//! `flowboard:load` (`bundle`: Blob/ArrayBuffer + `name`, or `url` on this site),
//! `flowboard:get-board`, `flowboard:export` (`format`: `"html"` or `"zip"`); each answer echoes
//! the request's `id`. Events to the parent: `flowboard:ready`, `flowboard:changed`.

use super::{export, reopen};
use crate::app::{EditorState, ExportDialog};
use crate::model::Board;
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, MessageEvent};
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<EditorState>;

/// What the query string asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Toolbar parts to hide: `library`, `export`, `present`, `add`.
    pub hide: BTreeSet<String>,
    /// Other origins whose messages are obeyed (this page's own always is).
    pub allow: Vec<String>,
    /// A bundle URL to show read-only.
    pub view: Option<String>,
}

thread_local! {
    static OPTIONS: RefCell<Option<Rc<Options>>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<EventListener>> = const { RefCell::new(None) };
}

/// The options of this page load (read once from the query string; shared, not copied: the
/// toolbar asks on every render).
pub fn options() -> Rc<Options> {
    OPTIONS.with(|o| o.borrow_mut().get_or_insert_with(|| Rc::new(read_options())).clone())
}

fn read_options() -> Options {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return Options::default() };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return Options::default() };
    let list = |key: &str| -> Vec<String> {
        params.get_all(key).iter().filter_map(|v| v.as_string()).flat_map(|v| v.split(',').map(|s| s.trim().to_owned()).collect::<Vec<_>>()).filter(|s| !s.is_empty()).collect()
    };
    Options { hide: flowboard_core::inserting(list("hide")), allow: list("allow-origin"), view: params.get("view").filter(|v| !v.is_empty()) }
}

fn own_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

fn allowed(origin: &str) -> bool {
    origin == own_origin() || options().allow.iter().any(|a| a == origin)
}

fn message(kind: &str) -> Object {
    let m = Object::new();
    let _ = Reflect::set(&m, &"type".into(), &kind.into());
    m
}

fn set(m: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(m, &key.into(), value);
}

/// Posts to the page around this one, to each origin allowed to hear it (a message to an origin
/// the parent is not is dropped by the browser).
fn to_parent(m: &Object) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return; // not embedded
    }
    let options = options();
    for origin in std::iter::once(own_origin()).chain(options.allow.iter().cloned()) {
        let _ = parent.post_message(m, &origin);
    }
}

/// Tells the embedding page that the board changed (title and counts; `flowboard:get-board` for
/// the whole board).
pub fn changed(board: &Board) {
    let m = message("flowboard:changed");
    set(&m, "title", &board.title.as_str().into());
    set(&m, "frames", &(board.frame_count() as f64).into());
    set(&m, "scenes", &(board.scenes.len() as f64).into());
    to_parent(&m);
}

/// Starts answering the embedding page; `latest` always holds the editor's newest state.
pub fn start(dispatch: Dispatch, latest: Rc<RefCell<yew::UseReducerHandle<EditorState>>>) {
    let Some(window) = web_sys::window() else { return };
    let listener = EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
        let origin = event.origin();
        if !allowed(&origin) {
            return;
        }
        let data = event.data();
        let Some(kind) = Reflect::get(&data, &"type".into()).ok().and_then(|k| k.as_string()) else { return };
        let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(source) = Reflect::get(event, &"source".into()).ok().filter(|s| s.is_object()) else { return };
        let source: web_sys::Window = source.unchecked_into();
        let reply = move |m: Object| {
            set(&m, "id", &id);
            let _ = source.post_message(&m, &origin);
        };
        match kind.as_str() {
            "flowboard:get-board" => {
                let m = message("flowboard:board");
                let board = latest.borrow().session.board.clone();
                set(&m, "board", &serde_json::to_string(&*board).expect("a board serializes").into());
                reply(m);
            }
            "flowboard:load" => {
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = load(&data, &dispatch).await;
                    let m = message("flowboard:loaded");
                    set(&m, "ok", &outcome.is_ok().into());
                    if let Err(e) = outcome {
                        set(&m, "error", &e.to_string().into());
                    }
                    reply(m);
                });
            }
            "flowboard:export" => {
                let format = Reflect::get(&data, &"format".into()).ok().and_then(|f| f.as_string()).unwrap_or_default();
                let kind = if format == "zip" { export::Kind::Zip } else { export::Kind::Html };
                let board = latest.borrow().session.board.clone();
                let settings = ExportDialog::default().settings;
                export::start(kind, settings, board, dispatch.clone(), export::Delivery::Callback(Box::new(move |result| {
                    let m = message("flowboard:exported");
                    match result {
                        Ok((name, blob)) => {
                            set(&m, "name", &name.into());
                            set(&m, "bundle", &blob);
                        }
                        Err(e) => set(&m, "error", &e.to_string().into()),
                    }
                    reply(m);
                })));
            }
            _ => {}
        }
    });
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    to_parent(&message("flowboard:ready"));
}

/// The bundle a `flowboard:load` message carries or names.
/// Errors are in English: they answer the embedding page's code, not a person.
async fn load(data: &JsValue, dispatch: &Dispatch) -> Result<(), crate::i18n::Message> {
    let name = Reflect::get(data, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "storyboard".into());
    let bundle = Reflect::get(data, &"bundle".into()).unwrap_or(JsValue::UNDEFINED);
    let blob: Blob = if let Some(blob) = bundle.dyn_ref::<Blob>() {
        blob.clone()
    } else if let Some(buffer) = bundle.dyn_ref::<js_sys::ArrayBuffer>() {
        super::files::blob(buffer, "")?
    } else if let Some(url) = Reflect::get(data, &"url".into()).ok().and_then(|u| u.as_string()) {
        let blob = reopen::fetch_same_origin(&url).await?;
        let name = url.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or(&name).to_owned();
        return reopen::open_and_tell(&blob, &name, reopen::Mode::Library, dispatch).await;
    } else {
        return Err(crate::i18n::Message::raw("the message carries no bundle and no url"));
    };
    reopen::open_and_tell(&blob, &name, reopen::Mode::Library, dispatch).await
}
