//! The tasks worker: joins an export into its bundle file, makes a backup of the library and
//! restores one (`services::assembly`, `services::backup_files`).
//!
//! Its own worker, apart from the image workers, so that neither the page nor the image workers
//! (started at every visit) carry this code: it is off the page's critical path, fetched when
//! someone first exports, backs up or restores, or in the background by the service worker's
//! install (for offline use). One task per worker, started for it and ended after it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use flowboard::services::worker_protocol::{self as protocol, Task};
    use flowboard::services::{assembly, backup_files};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    /// Tells the editor how far a long task got (it also keeps the editor from giving up on it).
    fn progress(done: usize, total: usize) {
        protocol::post((protocol::progress(done, total), js_sys::Array::new()));
    }
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // Each task reads blobs and storage (promises), so it is answered when done; the editor
        // sends nothing else meanwhile.
        match protocol::task(&event.data()) {
            None => protocol::post(protocol::read_error_reply("not a task")),
            Some(Err(why)) => protocol::post(protocol::read_error_reply(&why)),
            Some(Ok(Task::Assemble(job))) => wasm_bindgen_futures::spawn_local(async move {
                let result = assembly::assemble(job.kind, &job.manifest, &job.files, job.lang, progress).await;
                protocol::post(protocol::assemble_reply(result));
            }),
            Some(Ok(Task::Backup(tab))) => wasm_bindgen_futures::spawn_local(async move {
                protocol::post(protocol::backup_reply(backup_files::build(tab, progress).await));
            }),
            Some(Ok(Task::Restore(file))) => wasm_bindgen_futures::spawn_local(async move {
                let result = backup_files::restore(&file, progress).await;
                protocol::post(protocol::restore_reply(result));
            }),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    scope.post_message(&protocol::ready()).expect("announcing the worker is ready");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the tasks worker runs in the browser; build it with `trunk build`");
}
