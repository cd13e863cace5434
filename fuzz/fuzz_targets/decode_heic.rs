//! Bytes given to the photo decoder the way the image worker does (`process_photo`, then
//! `decode` for an export), seeded with HEIC files: the HEIF container, grid and HEVC parsing
//! and the limits checked before any picture is decoded (`imaging::heic`). It must give a photo
//! or an error, never panic, and never allocate past the limits (libFuzzer's `-rss_limit_mb`).
#![no_main]
use flowboard_core::imaging::{decode, process_photo, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The worker allows 100 MP; the fuzzer stays smaller so a slow but bounded decode is not a timeout.
    let limits = Limits {
        max_pixels: 4_000_000,
        ..Limits::default()
    };
    if let Ok(p) = process_photo(bytes, &limits) {
        assert!(u64::from(p.info.width) * u64::from(p.info.height) <= limits.max_pixels);
        let d = decode(bytes, &limits).expect("what made a thumbnail decodes again");
        assert_eq!(d.oriented_size(), (p.info.width, p.info.height));
    }
});
