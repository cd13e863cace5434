//! Any bytes given to "Open storyboard": either reader, then the re-open into a board. It may
//! refuse; it must not panic, hang or allocate without bound.
#![no_main]
use flowboard_core::bundle::{open, reopen, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_file: 1 << 20, max_audio: 2 << 20, max_total: 8 << 20 };
    if let Ok(opened) = open(data, &limits) {
        let _ = reopen(opened);
    }
});
