//! Embedding the editor in another page (`docs/embedding.md`): options in the query string and a
//! `postMessage` API for the page around the `<iframe>`.
//!
//! Query: `?hide=library,export,present,add` hides those toolbar buttons; `?allow-origin=<origin>`
//! (repeatable, or comma-separated) can only NARROW the origins the host allows; `?view=<URL>`
//! shows an exported storyboard of the same site read-only.
//!
//! Who may talk to the editor is decided by whoever HOSTS it, never by whoever embeds it: an
//! `embed.json` beside the editor's `index.html` (`{ "allow": ["https://workshop.example"] }`),
//! read from this origin at start. Without one (or with one that cannot be read) only the
//! editor's own origin is obeyed. Only serialized http(s) origins count (`scheme://host[:port]`):
//! `*`, `null` and anything with a path are refused wherever they appear, so events never go to
//! "any" page. Messages from any origin that is neither this page's own nor allowed are ignored.
//!
//! Requests: `flowboard:load` (`bundle`: Blob/ArrayBuffer + `name`, or `url` on this site),
//! `flowboard:get-board`, `flowboard:export` (`format`: `"html"` or `"zip"`); each answer echoes
//! the request's `id`. Events to the parent: `flowboard:ready`, `flowboard:changed`.

use super::page_options::{is_origin, options};
use super::{export, reopen};
use crate::i18n::Lang;
use crate::model::Board;
use crate::page::app::{Dispatch, ExportDialog, StateHandle};
use crate::protocol::{EmbedEvent, EmbedMessage, EmbedRequest, EmbedValue};
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, MessageEvent};

thread_local! {
    static LISTENER: RefCell<Option<EventListener>> = const { RefCell::new(None) };
    /// Other origins the host allows (`embed.json`, narrowed by the query), once read.
    static HOST: RefCell<Host> = const { RefCell::new(Host::Unread) };
    /// With `"ask": true`, what the person answered for each origin during this visit.
    static CONSENT: RefCell<Vec<(String, Consent)>> = const { RefCell::new(Vec::new()) };
}

/// What `embed.json` says.
#[derive(Default)]
struct Policy {
    /// Other origins allowed (narrowed by the query).
    allow: Vec<String>,
    /// Ask the person, once per visit, before answering any of them.
    ask: bool,
}

/// The person's answer for one origin (`"ask": true`).
enum Consent {
    /// The question is on screen; requests wait here, in order.
    Asking(Vec<Box<dyn FnOnce()>>),
    Granted,
    Refused,
}

/// The host's permission, read only when another origin is involved (a page of another origin
/// around the editor, or a message from one): most loads never ask for `embed.json`.
enum Host {
    Unread,
    /// Being read; messages from other origins wait here, in order.
    Reading(Vec<Box<dyn FnOnce()>>),
    Read(Rc<Policy>),
}

/// Runs `job` once the host's permission is known (at once if it is).
fn with_host(job: impl FnOnce() + 'static) {
    let run_now = HOST.with(|h| {
        let mut h = h.borrow_mut();
        match &mut *h {
            Host::Read(_) => Some(Box::new(job) as Box<dyn FnOnce()>),
            Host::Reading(waiting) => {
                waiting.push(Box::new(job));
                None
            }
            Host::Unread => {
                *h = Host::Reading(vec![Box::new(job)]);
                wasm_bindgen_futures::spawn_local(async {
                    let others = Rc::new(host_allows().await);
                    let waiting = HOST.with(|h| {
                        match std::mem::replace(&mut *h.borrow_mut(), Host::Read(others)) {
                            Host::Reading(waiting) => waiting,
                            _ => Vec::new(),
                        }
                    });
                    for job in waiting {
                        job();
                    }
                });
                None
            }
        }
    });
    if let Some(job) = run_now {
        job();
    }
}

/// What the host allows, as far as known (nothing until read).
fn policy() -> Rc<Policy> {
    HOST.with(|h| match &*h.borrow() {
        Host::Read(policy) => policy.clone(),
        _ => Rc::default(),
    })
}

/// The other origins that may hear events now: allowed, and (when the host asks) agreed to.
fn others() -> Vec<String> {
    let policy = policy();
    policy
        .allow
        .iter()
        .filter(|o| {
            !policy.ask
                || CONSENT.with(|c| {
                    c.borrow()
                        .iter()
                        .any(|(k, v)| k == *o && matches!(v, Consent::Granted))
                })
        })
        .cloned()
        .collect()
}

/// Runs `job` for an allowed `origin` once the person agreed (at once when the host does not
/// ask, or they already did during this visit); never if they refused.
fn with_consent(origin: &str, lang: Lang, job: impl FnOnce() + 'static) {
    if !policy().ask {
        job();
        return;
    }
    let job: Box<dyn FnOnce()> = Box::new(job);
    let run_now = CONSENT.with(|c| {
        let mut c = c.borrow_mut();
        match c.iter_mut().find(|(k, _)| k == origin) {
            Some((_, Consent::Granted)) => Some(job),
            Some((_, Consent::Refused)) => None,
            Some((_, Consent::Asking(waiting))) => {
                waiting.push(job);
                None
            }
            None => {
                c.push((origin.to_owned(), Consent::Asking(vec![job])));
                ask(origin, lang);
                None
            }
        }
    });
    if let Some(job) = run_now {
        job();
    }
}

/// Shows "Allow <origin> to read and change this board?" above the editor (plain DOM, outside
/// the editor's own view, so it stays whatever the editor shows).
fn ask(origin: &str, lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let element = |tag: &str, attrs: &[(&str, &str)], text: &str| {
        let e = document.create_element(tag).ok()?;
        for (k, v) in attrs {
            let _ = e.set_attribute(k, v);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };
    let question = lang.f(crate::i18n::T::EmbedAsk, &[("origin", &origin)]);
    let style = "position:fixed;top:8px;left:50%;transform:translateX(-50%);z-index:1000;max-width:min(40rem,calc(100vw - 16px));box-shadow:0 4px 16px rgb(0 0 0 / .25)";
    let (Some(dialog), Some(title), Some(detail), Some(allow), Some(refuse)) = (
        element(
            "div",
            &[
                ("class", "banner warning"),
                ("role", "alertdialog"),
                ("aria-modal", "false"),
                ("aria-label", &question),
                ("data-testid", "embed-consent"),
                ("style", style),
            ],
            "",
        ),
        element("p", &[], ""),
        element("p", &[], lang.t(crate::i18n::T::EmbedAskDetail)),
        element(
            "button",
            &[("type", "button"), ("class", "button primary")],
            lang.t(crate::i18n::T::EmbedAllow),
        ),
        element(
            "button",
            &[("type", "button"), ("class", "button")],
            lang.t(crate::i18n::T::EmbedRefuse),
        ),
    ) else {
        return;
    };
    if let Ok(strong) = document.create_element("strong") {
        strong.set_text_content(Some(&question));
        let _ = title.append_child(&strong);
    }
    for child in [&title, &detail, &allow, &refuse] {
        let _ = dialog.append_child(child);
    }
    let _ = body.append_child(&dialog);
    for (button, granted) in [(&allow, true), (&refuse, false)] {
        let (origin, dialog) = (origin.to_owned(), dialog.clone());
        EventListener::once(button, "click", move |_| {
            dialog.remove();
            answered(&origin, granted);
        })
        .forget();
    }
    // The safe answer has the focus, and "Allow" only works after a moment: the embedding page
    // could lay something over the frame to trick a quick click (or an Enter) into allowing.
    if let Some(button) = refuse.dyn_ref::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
    let _ = allow.set_attribute("disabled", "");
    gloo::timers::callback::Timeout::new(CONSENT_ARM_MS, move || {
        let _ = allow.remove_attribute("disabled");
    })
    .forget();
}

/// How long "Allow" stays disabled after the question appears.
const CONSENT_ARM_MS: u32 = 1_000;

/// The person answered for `origin`: run (or drop) what waited; a parent of that origin now hears
/// `flowboard:ready`.
fn answered(origin: &str, granted: bool) {
    let waiting = CONSENT.with(|c| {
        let mut c = c.borrow_mut();
        let entry = c.iter_mut().find(|(k, _)| k == origin)?;
        match std::mem::replace(
            &mut entry.1,
            if granted {
                Consent::Granted
            } else {
                Consent::Refused
            },
        ) {
            Consent::Asking(waiting) => Some(waiting),
            _ => None,
        }
    });
    if !granted {
        return;
    }
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(&message(&EmbedEvent::Ready), origin);
    }
    for job in waiting.into_iter().flatten() {
        job();
    }
}

/// The host's permission file, beside the editor's `index.html`.
const HOST_FILE: &str = "embed.json";

/// This page's origin, when it has one: a frame sandboxed without `allow-same-origin` has none
/// (`self.origin` is `"null"`) and is obeyed by nobody's messages.
fn own_origin() -> Option<String> {
    let window = web_sys::window()?;
    let origin = Reflect::get(&window, &"origin".into()).ok()?.as_string()?;
    is_origin(&origin).then_some(origin)
}

fn allowed(origin: &str) -> bool {
    is_origin(origin)
        && (own_origin().as_deref() == Some(origin) || policy().allow.iter().any(|a| a == origin))
}

/// Whether this page runs without an origin of its own (a frame sandboxed without
/// `allow-same-origin`): it then has no storage, no workers and no service worker.
fn opaque_origin() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"origin".into()).ok())
        .and_then(|o| o.as_string())
        .is_some_and(|o| o == "null")
}

/// In a frame without an origin of its own nothing could be stored and no worker could start, so
/// the editor does not start there: it says why in place of the loading line, in the page's
/// language, and gives `true`. (Where the host serves no CORS headers the app's code cannot even
/// load in such a frame; `assets/sandbox-check.js` then says the same.)
pub fn refuse_opaque_frame() -> bool {
    if !opaque_origin() {
        return false;
    }
    let lang = super::locale::initial();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    if let (Some(root), Ok(line)) = (
        document.get_element_by_id("app"),
        document.create_element("p"),
    ) {
        let _ = line.set_attribute("class", "boot cannot-start");
        let _ = line.set_attribute("role", "alert");
        let _ = line.set_attribute("data-testid", "cannot-start");
        line.set_text_content(Some(lang.t(crate::i18n::T::SandboxedFrame)));
        root.set_inner_html("");
        let _ = root.append_child(&line);
    }
    true
}

/// The other origins the host allows: `embed.json` (fetched from this origin, not from the HTTP
/// cache), narrowed by `?allow-origin=`. Nothing when the file is missing, unreadable or not of
/// the documented shape.
async fn host_allows() -> Policy {
    let mut policy = read_host_file().await;
    if let Some(narrow) = &options().allow {
        policy.allow.retain(|o| narrow.contains(o));
    }
    policy
}

async fn read_host_file() -> Policy {
    let Some(window) = web_sys::window() else {
        return Policy::default();
    };
    let init = Object::new();
    set(&init, "cache", &"no-cache".into());
    // Same origin only: a redirect elsewhere is an error, not a permission.
    set(&init, "mode", &"same-origin".into());
    set(&init, "credentials", &"same-origin".into());
    let Ok(fetch) =
        Reflect::get(&window, &"fetch".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return Policy::default();
    };
    let Ok(promise) = fetch.call2(&window, &HOST_FILE.into(), &init) else {
        return Policy::default();
    };
    let Ok(response) = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
    else {
        return Policy::default();
    };
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Policy::default();
    }
    let Ok(text) = response.text() else {
        return Policy::default();
    };
    let Some(text) = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
    else {
        return Policy::default();
    };
    let value: serde_json::Value = match flowboard_core::parse_json(&text) {
        Ok(value) => value,
        Err(e) => {
            warn(&format!(
                "Flowboard: {HOST_FILE} is not JSON ({e}); only this origin may embed the editor"
            ));
            return Policy::default();
        }
    };
    let Some(list) = value.get("allow").and_then(|a| a.as_array()) else {
        warn(&format!(
            "Flowboard: {HOST_FILE} has no \"allow\" list; only this origin may embed the editor"
        ));
        return Policy::default();
    };
    let mut origins = Vec::new();
    for entry in list {
        match entry.as_str() {
            Some(origin) if is_origin(origin) => origins.push(origin.to_owned()),
            _ => warn(&format!(
                "Flowboard: {HOST_FILE}: {entry} is not an origin (https://host[:port]); ignored"
            )),
        }
    }
    Policy {
        allow: origins,
        ask: value.get("ask").and_then(|a| a.as_bool()).unwrap_or(false),
    }
}

/// A warning in the console, for whoever deploys the editor (not the person using it).
fn warn(text: &str) {
    let console = Reflect::get(&js_sys::global(), &"console".into()).unwrap_or(JsValue::UNDEFINED);
    if let Ok(warn) =
        Reflect::get(&console, &"warn".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = warn.call1(&console, &text.into());
    }
}

/// An event as the object the embedding page receives: its `type` and fields.
fn message(event: &EmbedEvent) -> Object {
    let m = Object::new();
    set(&m, "type", &event.kind().into());
    for (name, value) in event.fields() {
        let value = match value {
            EmbedValue::Text(t) => JsValue::from_str(&t),
            EmbedValue::Number(n) => JsValue::from_f64(n),
            EmbedValue::Bool(b) => JsValue::from_bool(b),
        };
        set(&m, name, &value);
    }
    m
}

fn set(m: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(m, &key.into(), value);
}

/// Posts to the page around this one, to each origin allowed to hear it (a message to an origin
/// the parent is not is dropped by the browser). Never to `*`: every target is a checked origin.
fn to_parent(m: &Object) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return; // not embedded
    }
    for origin in own_origin()
        .into_iter()
        .chain(others())
        .filter(|o| is_origin(o))
    {
        let _ = parent.post_message(m, &origin);
    }
}

/// Tells the embedding page that the board changed (title and counts; `flowboard:get-board` for
/// the whole board).
pub fn changed(board: &Board) {
    to_parent(&message(&EmbedEvent::Changed {
        title: board.title.clone(),
        frames: board.frame_count(),
        scenes: board.scenes.len(),
    }));
}

/// Whether the page around this one is of another origin (its address cannot be read).
fn framed_by_other_origin() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(Some(parent)) = window.parent() else {
        return false;
    };
    parent != window
        && Reflect::get(&parent, &"location".into())
            .and_then(|l| Reflect::get(&l, &"href".into()))
            .is_err()
}

/// The parent page's origin, where the browser tells it (`location.ancestorOrigins`).
fn parent_origin() -> Option<String> {
    let location = web_sys::window()?.location();
    let ancestors = Reflect::get(&location, &"ancestorOrigins".into())
        .ok()
        .filter(|a| a.is_object())?;
    Reflect::get(&ancestors, &0.into()).ok()?.as_string()
}

/// Starts answering the embedding page; `latest` always holds the editor's newest state.
/// `flowboard:ready` goes to the parent at once when it is of this origin; a parent of another
/// origin hears it (and later events) only once the host's `embed.json` allows it.
pub fn start(dispatch: Dispatch, latest: Rc<RefCell<StateHandle>>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let for_parent = latest.clone();
    let listener = EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>().cloned() else {
            return;
        };
        let origin = event.origin();
        if !is_origin(&origin) {
            return; // `null` (a sandbox, a file) and the like are never obeyed
        }
        let (dispatch, latest) = (dispatch.clone(), latest.clone());
        if own_origin().as_deref() == Some(origin.as_str()) {
            obey(&event, origin, dispatch, latest);
        } else {
            with_host(move || {
                if allowed(&origin) {
                    let lang = latest.borrow().lang;
                    with_consent(&origin.clone(), lang, move || {
                        obey(&event, origin, dispatch, latest)
                    });
                }
            });
        }
    });
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    if framed_by_other_origin() {
        with_host(move || {
            // The language shown once the host's file has come (the person may have switched).
            let lang = for_parent.borrow().lang;
            to_parent(&message(&EmbedEvent::Ready));
            // A host that asks: ask at once for the parent's origin when the browser tells it
            // (`ancestorOrigins`); otherwise its first request asks.
            if let Some(parent) = parent_origin()
                .filter(|o| allowed(o) && own_origin().as_deref() != Some(o.as_str()))
            {
                with_consent(&parent, lang, || {});
            }
        });
    } else {
        to_parent(&message(&EmbedEvent::Ready));
    }
}

/// Answers a request from an origin allowed to make it.
fn obey(
    event: &MessageEvent,
    origin: String,
    dispatch: Dispatch,
    latest: Rc<RefCell<StateHandle>>,
) {
    {
        let data = event.data();
        let text = |key: &str| {
            Reflect::get(&data, &key.into())
                .ok()
                .and_then(|k| k.as_string())
        };
        let request = EmbedRequest::read(text("type").as_deref(), text("format").as_deref());
        if matches!(request, EmbedMessage::Event | EmbedMessage::Other) {
            return;
        }
        let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(source) = Reflect::get(event, &"source".into())
            .ok()
            .filter(|s| s.is_object())
        else {
            return;
        };
        let source: web_sys::Window = source.unchecked_into();
        let reply = move |m: Object| {
            set(&m, "id", &id);
            let _ = source.post_message(&m, &origin);
        };
        match request {
            EmbedMessage::Event | EmbedMessage::Other => {}
            EmbedMessage::Refused(why) => reply(message(&EmbedEvent::Error(why))),
            EmbedMessage::Request(EmbedRequest::GetBoard) => {
                let board = latest.borrow().session.board.clone();
                let json = serde_json::to_string(&*board).expect("a board serializes");
                reply(message(&EmbedEvent::Board(json)));
            }
            EmbedMessage::Request(EmbedRequest::Load) => {
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = load(&data, &dispatch).await;
                    reply(message(&EmbedEvent::Loaded(
                        outcome.map_err(|e| e.to_string()),
                    )));
                });
            }
            EmbedMessage::Request(EmbedRequest::Export(kind)) => {
                let (board, lang) = {
                    let state = latest.borrow();
                    (state.session.board.clone(), state.lang)
                };
                let settings = ExportDialog::default().settings;
                export::start(
                    kind,
                    settings,
                    board,
                    lang,
                    dispatch.clone(),
                    export::Delivery::Callback(Box::new(move |result| {
                        let (name, blob) = match result {
                            Ok((name, blob)) => (Ok(name), Some(blob)),
                            Err(e) => (Err(e.to_string()), None),
                        };
                        let m = message(&EmbedEvent::Exported(name));
                        if let Some(blob) = blob {
                            set(&m, "bundle", &blob);
                        }
                        reply(m);
                    })),
                );
            }
        }
    }
}

/// The bundle a `flowboard:load` message carries or names.
/// Errors are in English: they answer the embedding page's code, not a person.
async fn load(data: &JsValue, dispatch: &Dispatch) -> Result<(), crate::i18n::Message> {
    let name = Reflect::get(data, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "storyboard".into());
    let bundle = Reflect::get(data, &"bundle".into()).unwrap_or(JsValue::UNDEFINED);
    let blob: Blob = if let Some(blob) = bundle.dyn_ref::<Blob>() {
        blob.clone()
    } else if let Some(buffer) = bundle.dyn_ref::<js_sys::ArrayBuffer>() {
        crate::browser::files::blob(buffer, "")?
    } else if let Some(url) = Reflect::get(data, &"url".into())
        .ok()
        .and_then(|u| u.as_string())
    {
        let blob = reopen::fetch_same_origin(&url).await?;
        let name = url
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or(&name)
            .to_owned();
        return reopen::open_and_tell(&blob, &name, reopen::Mode::Library, dispatch).await;
    } else {
        return Err(crate::i18n::Message::raw(
            "the message carries no bundle and no url",
        ));
    };
    reopen::open_and_tell(&blob, &name, reopen::Mode::Library, dispatch).await
}
