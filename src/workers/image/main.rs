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
    use flowboard::protocol;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let parts = protocol::Parts::default();
        let reply = answer(&event.data(), &parts).unwrap_or_else(protocol::ImageReply::Refused);
        protocol::reply(reply, &parts);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    protocol::post_ready();
    // Before the first photo arrives (the pool starts workers while the user looks at the page).
    let _ = flowboard::imaging::warm_up(WARM_UP_ROUNDS);
}

/// The reply to one request (its objects put in `out`); `Err`: the request did not read, and
/// is refused with why — never taken for another job.
#[cfg(target_arch = "wasm32")]
fn answer(
    data: &wasm_bindgen::JsValue,
    out: &flowboard::protocol::Parts,
) -> Result<flowboard::protocol::ImageReply, String> {
    use flowboard::bundle;
    use flowboard::imaging::{process_photo, render_frame, Limits};
    use flowboard::protocol::{self as protocol, ImageReply, ImageRequest};

    let (text, parts) = protocol::decode(data)?;
    let request = match ImageRequest::read(&text) {
        Ok(request) => request,
        Err(refusal) => return Ok(refusal),
    };
    let photo = |bytes: Vec<u8>| match process_photo(&bytes, &Limits::default()) {
        Ok(p) => ImageReply::Photo(p.info, out.add_bytes(&p.thumbnail_jpeg)),
        Err(e) => ImageReply::Imaging(e),
    };
    Ok(match request {
        ImageRequest::Photo { bytes } => photo(parts.bytes(bytes)?),
        ImageRequest::PhotoFile { file } => match protocol::read_file(&parts.get(file)?) {
            Ok(bytes) => photo(bytes),
            Err(why) => ImageReply::ReadFailed(why),
        },
        ImageRequest::Render { bytes, spec } => match render_frame(
            &parts.bytes(bytes)?,
            spec.crop,
            spec.long_edge,
            spec.quality,
            &Limits::default(),
        ) {
            Ok(jpeg) => ImageReply::Frame(out.add_bytes(&jpeg)),
            Err(e) => ImageReply::Imaging(e),
        },
        ImageRequest::Bundle { bytes } => {
            let bytes = parts.bytes(bytes)?;
            let result = bundle::open(&bytes, &bundle::Limits::default()).map(bundle::reopen);
            drop(bytes);
            match result {
                Ok(reopened) => {
                    let files = reopened
                        .photos
                        .iter()
                        .map(|photo| out.add_bytes(&photo.bytes))
                        .collect();
                    let photos = reopened.photos.into_iter().map(|p| p.id).collect();
                    let audio_files = reopened
                        .audio
                        .iter()
                        .map(|a| out.add_bytes(&a.bytes))
                        .collect();
                    let audio = reopened.audio.into_iter().map(|a| (a.id, a.mime)).collect();
                    ImageReply::Bundle(Box::new(protocol::BundleReply {
                        board: reopened.board,
                        photos,
                        problems: reopened.problems,
                        files,
                        audio,
                        audio_files,
                    }))
                }
                Err(e) => ImageReply::BundleRefused(e),
            }
        }
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the image worker runs in the browser; build it with `trunk build`");
}
