//! Bytes given to the 1/8-scale JPEG reader (`imaging::dc`), which reads untrusted photos with
//! hand-written Huffman and marker parsing: it must give a picture or `None`, never panic.
#![no_main]
use flowboard_core::imaging::dc::decode_dc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Some(image) = decode_dc(bytes) {
        assert!(image.width() >= 1 && image.height() >= 1);
    }
});
