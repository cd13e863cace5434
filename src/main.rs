//! Starts the editor; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    flowboard::components::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Flowboard runs in the browser: see README.md (scripts/serve.sh)");
}
