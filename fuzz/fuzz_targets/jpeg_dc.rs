//! Bytes given to the 1/8-scale JPEG reader (`imaging::dc`) the way the thumbnail path does:
//! the size read from the header by `jpeg-decoder` first, then `decode_dc` with that size. It
//! reads untrusted photos with hand-written Huffman and marker parsing: it must give a picture
//! of that size or `None`, never panic.
#![no_main]
use flowboard_core::imaging::dc::decode_dc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut header = jpeg_decoder::Decoder::new(bytes);
    let size = match header.read_info().ok().and(header.info()) {
        // The thumbnail path refuses more than 100 MP before decoding; the fuzzer stays smaller.
        Some(i) if u32::from(i.width) * u32::from(i.height) <= 16_000_000 => (u32::from(i.width), u32::from(i.height)),
        _ => return,
    };
    if let Some(image) = decode_dc(bytes, size) {
        assert_eq!(image.dimensions(), (size.0.div_ceil(8), size.1.div_ceil(8)));
    }
});
