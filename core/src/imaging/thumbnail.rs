use fast_image_resize::{
    images::Image, images::ImageRef, pixels::U8x3, FilterType, IntoImageView, IntoImageViewMut,
    PixelType, ResizeAlg, ResizeOptions, Resizer,
};
use image::RgbImage;

/// Scales `src` so its long edge is at most `long_edge` (never enlarges), with
/// `fast_image_resize`'s SIMD convolution (bilinear; a 12 MP → 480 px reduction is a few ms).
pub fn resize_rgb(src: &RgbImage, long_edge: u32) -> RgbImage {
    let (w, h) = src.dimensions();
    let (tw, th) = fit_within(w, h, long_edge);
    if (tw, th) == (w, h) {
        return src.clone();
    }
    let from = ImageRef::new(w, h, src.as_raw(), PixelType::U8x3)
        .expect("an RgbImage buffer matches its size");
    let mut to = Image::new(tw, th, PixelType::U8x3);
    resample_rgb(
        &from,
        &mut to,
        &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear)),
    );
    RgbImage::from_raw(tw, th, to.into_vec()).expect("the resizer fills the whole buffer")
}

/// Resamples RGB pixels through the typed entry point. `Resizer::resize` dispatches on the pixel
/// type at run time and so compiles in all 13 pixel types, one with a 512 KiB alpha table: 2.6×
/// the worker's size once it had two callers (measured: 587 KB → 1 543 KB raw).
pub(crate) fn resample_rgb(from: &ImageRef, to: &mut Image, options: &ResizeOptions) {
    let src = from.image_view::<U8x3>().expect("an RGB source");
    let mut dst = to.image_view_mut::<U8x3>().expect("an RGB destination");
    Resizer::new()
        .resize_typed(&src, &mut dst, &options.use_alpha(false))
        .expect("same pixel type on both sides");
}

/// Size of a `w`×`h` image scaled down to fit `long_edge`, keeping the aspect ratio (≥ 1 px).
pub fn fit_within(w: u32, h: u32, long_edge: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= long_edge {
        return (w, h);
    }
    let scale = f64::from(long_edge) / f64::from(long);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    if w >= h {
        (long_edge, side(h))
    } else {
        (side(w), long_edge)
    }
}

/// Baseline JPEG at `quality` (1–100), 4:2:0 chroma, with `jpeg-encoder`. Writes no EXIF:
/// nothing of the original's metadata (GPS included) leaves through a thumbnail or an export.
pub fn encode_jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity((image.width() * image.height() / 4) as usize);
    let (w, h) = (
        image.width().min(u32::from(u16::MAX)) as u16,
        image.height().min(u32::from(u16::MAX)) as u16,
    );
    jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100))
        .encode(image.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .expect("encoding an in-memory RGB image into a Vec cannot fail");
    out
}
