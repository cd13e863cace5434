//! Starts the editor; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A frame sandboxed without an origin of its own gets a clear message, not an editor.
    if flowboard::page::services::embed::refuse_opaque_frame() {
        return;
    }
    flowboard::page::components::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Flowboard runs in the browser: see README.md (scripts/serve.sh)");
}
