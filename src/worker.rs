//! The image worker: photo bytes in, an upright thumbnail and the photo's description out; also
//! renders exported frames and opens storyboard bundles, so no large decode or unpacking ever
//! runs on the page's thread (or grows its memory).
//!
//! Runs in a dedicated Web Worker (Trunk builds it as `data-type="worker"`), so decoding a 12 MP
//! JPEG never blocks the page. One request at a time; the editor keeps a small pool of these.

/// Rounds of the thumbnail path a new worker runs before real photos (see `imaging::warm_up`).
#[cfg(target_arch = "wasm32")]
const WARM_UP_ROUNDS: usize = 20;

#[cfg(target_arch = "wasm32")]
fn main() {
    use flowboard::bundle;
    use flowboard::imaging::{process_photo, render_frame, Limits};
    use protocol::Job;
    use flowboard::services::worker_protocol as protocol;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = match protocol::job(&event.data()) {
            None => return,
            Some(Err(why)) => protocol::read_error_reply(&why),
            Some(Ok(Job::Photo(bytes))) => match process_photo(&bytes, &Limits::default()) {
                Ok(p) => protocol::reply(Ok((&p.info, &p.thumbnail_jpeg))),
                Err(e) => protocol::reply(Err(&e)),
            },
            Some(Ok(Job::Render(bytes, spec))) => match render_frame(&bytes, spec.crop, spec.long_edge, spec.quality, &Limits::default()) {
                Ok(jpeg) => protocol::render_reply(Ok(&jpeg)),
                Err(e) => protocol::render_reply(Err(&e)),
            },
            Some(Ok(Job::Bundle(bytes))) => {
                let result = bundle::open(&bytes, &bundle::Limits::default()).map(bundle::reopen);
                drop(bytes);
                protocol::bundle_reply(result)
            }
        };
        protocol::post(reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    scope.post_message(&protocol::ready()).expect("announcing the worker is ready");
    // Before the first photo arrives (the pool starts workers while the user looks at the page).
    let _ = flowboard::imaging::warm_up(WARM_UP_ROUNDS);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the image worker runs in the browser; build it with `trunk build`");
}
