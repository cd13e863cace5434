//! Text given to the HTML reader, where the structure (data block, data-file markers, base64)
//! is found by searching: the fuzzer mutates around the markers a valid seed already has.
#![no_main]
use flowboard_core::bundle::{open_html, reopen, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let limits = Limits { max_file: 1 << 20, max_audio: 2 << 20, max_total: 8 << 20 };
    if let Ok(opened) = open_html(text, &limits) {
        let _ = reopen(opened);
    }
});
