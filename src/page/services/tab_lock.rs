//! One editing tab per board, through the Web Locks API: the tab holding `flowboard:board:<id>`
//! edits and saves; another tab on the same board is read-only until it takes over. A lock is
//! released when its tab closes or crashes, so a lost tab never blocks a board.

use crate::storage::BoardId;
use futures::channel::oneshot;
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// Resolving this releases the lock this tab holds.
    static HELD: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// How to ask for a board's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Only if no other tab holds it.
    IfFree,
    /// Wait until the holder releases it (at most `ms`), then take it anyway.
    WaitThenTake { ms: u32 },
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined()).then_some(locks)
}

/// Asks for the lock of `board`; `true` once held. `on_lost` runs if another tab takes it.
/// Without Web Locks (very old browsers) every tab edits, as before locks existed.
pub async fn claim<F: FnOnce() + 'static>(board: &BoardId, claim: Claim, on_lost: F) -> bool {
    release();
    let Some(locks) = locks() else { return true };
    let name = format!("flowboard:board:{board}");
    match claim {
        Claim::IfFree => request(&locks, &name, &[("ifAvailable", true.into())], on_lost).await,
        Claim::WaitThenTake { ms } => {
            let on_lost = Rc::new(RefCell::new(Some(on_lost)));
            let lost = |on_lost: Rc<RefCell<Option<F>>>| {
                move || {
                    if let Some(f) = on_lost.borrow_mut().take() {
                        f();
                    }
                }
            };
            if request(
                &locks,
                &name,
                &[("signal", timeout_signal(ms))],
                lost(on_lost.clone()),
            )
            .await
            {
                return true;
            }
            request(&locks, &name, &[("steal", true.into())], lost(on_lost)).await
        }
    }
}

/// `AbortSignal.timeout(ms)`.
fn timeout_signal(ms: u32) -> JsValue {
    let class =
        Reflect::get(&js_sys::global(), &"AbortSignal".into()).unwrap_or(JsValue::UNDEFINED);
    Reflect::get(&class, &"timeout".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&class, &ms.into()).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

async fn request(
    locks: &JsValue,
    name: &str,
    options: &[(&str, JsValue)],
    on_lost: impl FnOnce() + 'static,
) -> bool {
    let opts = Object::new();
    for (k, v) in options {
        let _ = Reflect::set(&opts, &(*k).into(), v);
    }
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            let _ = granted_tx.send(false);
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let _ = granted_tx.send(true);
        Promise::new(&mut |resolve, _| HELD.with(|h| *h.borrow_mut() = Some(resolve)))
    });
    let Ok(request) = Reflect::get(locks, &"request".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return true;
    };
    let Ok(promise) = request.call3(locks, &name.into(), &opts, &callback) else {
        return true;
    };
    let promise: Promise = promise.unchecked_into();
    let (failed_tx, failed_rx) = oneshot::channel::<()>();
    wasm_bindgen_futures::spawn_local(async move {
        // Settles when the lock is released by us (Ok), or taken by another tab / the wait
        // timed out (AbortError).
        if JsFuture::from(promise).await.is_err() {
            let was_held = HELD.with(|h| h.borrow_mut().take()).is_some();
            if was_held {
                on_lost();
            } else {
                let _ = failed_tx.send(());
            }
        }
    });
    futures::select! {
        granted = futures::FutureExt::fuse(granted_rx) => granted.unwrap_or(false),
        _ = futures::FutureExt::fuse(failed_rx) => false,
    }
}

/// Releases the lock this tab holds, if any.
pub fn release() {
    if let Some(resolve) = HELD.with(|h| h.borrow_mut().take()) {
        let _ = resolve.call0(&JsValue::NULL);
    }
}
