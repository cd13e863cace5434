use fast_image_resize::{images::Image, images::ImageRef, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;

/// Scales `src` so its long edge is at most `long_edge` (never enlarges), with
/// `fast_image_resize`'s SIMD convolution (bilinear; a 12 MP → 480 px reduction is a few ms).
pub fn resize_rgb(src: &RgbImage, long_edge: u32) -> RgbImage {
    let (w, h) = src.dimensions();
    let (tw, th) = fit_within(w, h, long_edge);
    if (tw, th) == (w, h) {
        return src.clone();
    }
    let from = ImageRef::new(w, h, src.as_raw(), PixelType::U8x3).expect("an RgbImage buffer matches its size");
    let mut to = Image::new(tw, th, PixelType::U8x3);
    Resizer::new()
        .resize(&from, &mut to, &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear)))
        .expect("same pixel type on both sides");
    RgbImage::from_raw(tw, th, to.into_vec()).expect("the resizer fills the whole buffer")
}

/// Size of a `w`×`h` image scaled down to fit `long_edge`, keeping the aspect ratio (≥ 1 px).
pub fn fit_within(w: u32, h: u32, long_edge: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= long_edge {
        return (w, h);
    }
    let scale = f64::from(long_edge) / f64::from(long);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    if w >= h { (long_edge, side(h)) } else { (side(w), long_edge) }
}

/// Baseline JPEG at `quality` (1–100). Writes no EXIF: nothing of the original's metadata
/// (GPS included) leaves through a thumbnail or an export.
pub fn encode_jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity((image.width() * image.height() / 4) as usize);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .expect("encoding an in-memory RGB image into a Vec cannot fail");
    out
}
