//! A frame as it leaves the editor: the photo, upright, cut to the frame's crop and scaled to the
//! export size, re-encoded as JPEG (so no EXIF, GPS included, goes with it).

use super::{check, decode, encode_jpeg, fit_within, scaled, Format, Limits};
use crate::error::ImagingError;
use crate::model::Crop;
use fast_image_resize::{
    images::Image, images::ImageRef, FilterType, PixelType, ResizeAlg, ResizeOptions,
};
use image::{Rgb, RgbImage};

/// Pixel size of a frame's exported image: its crop's size in the photo's (upright) pixels,
/// scaled down to fit `long_edge`, never up. The bundle plan and the renderer both use this, so
/// the manifest knows each image's size before it is made.
pub fn render_size(crop: Crop, photo: (u32, u32), long_edge: u32) -> (u32, u32) {
    let side = |v: f64, n: u32| ((v * f64::from(n)).round().clamp(1.0, 1e6)) as u32;
    fit_within(
        side(crop.w, photo.0),
        side(crop.h, photo.1),
        long_edge.max(1),
    )
}

/// Renders one frame of an export: decode under `limits`, orient, crop, scale to
/// [`render_size`], encode at `quality`. Parts of the crop outside the photo (a "Fit" crop)
/// become black bars, as on the editor's cards.
///
/// # Errors
/// As [`super::decode`].
pub fn render_frame(
    bytes: &[u8],
    crop: Crop,
    long_edge: u32,
    quality: u8,
    limits: &Limits,
) -> Result<Vec<u8>, ImagingError> {
    let (upright, full) = upright(bytes, crop, long_edge, limits)?;
    let (w, h) = upright.dimensions();
    // Sized from the full photo (as the bundle plan did), cut from however much was decoded.
    let (tw, th) = render_size(crop, full, long_edge);
    let (fw, fh) = (f64::from(w), f64::from(h));
    // The crop in photo pixels, and the part of it that lies on the photo.
    let (x0, y0, cw, ch) = (crop.x * fw, crop.y * fh, crop.w * fw, crop.h * fh);
    // At least one pixel, always inside the photo (a tiny crop at an edge of a tiny photo).
    let (ix0, iy0) = (x0.clamp(0.0, fw - 1.0), y0.clamp(0.0, fh - 1.0));
    let (ix1, iy1) = (
        (x0 + cw).min(fw).max(ix0 + 1.0),
        (y0 + ch).min(fh).max(iy0 + 1.0),
    );
    let (sx, sy) = (f64::from(tw) / cw, f64::from(th) / ch);
    let dx = ((ix0 - x0) * sx).round() as u32;
    let dy = ((iy0 - y0) * sy).round() as u32;
    let dw = (((ix1 - ix0) * sx).round() as u32).clamp(1, tw - dx.min(tw - 1));
    let dh = (((iy1 - iy0) * sy).round() as u32).clamp(1, th - dy.min(th - 1));
    let from = ImageRef::new(w, h, upright.as_raw(), PixelType::U8x3)
        .expect("an RgbImage buffer matches its size");
    let mut part = Image::new(dw, dh, PixelType::U8x3);
    let options = ResizeOptions::new()
        .crop(ix0, iy0, ix1 - ix0, iy1 - iy0)
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    super::thumbnail::resample_rgb(&from, &mut part, &options);
    drop(upright);
    let part =
        RgbImage::from_raw(dw, dh, part.into_vec()).expect("the resizer fills the whole buffer");
    let out = if (dx, dy, dw, dh) == (0, 0, tw, th) {
        part
    } else {
        let mut canvas = RgbImage::from_pixel(tw, th, Rgb([0, 0, 0]));
        image::imageops::replace(&mut canvas, &part, i64::from(dx), i64::from(dy));
        canvas
    };
    Ok(encode_jpeg(&out, quality))
}

/// The photo upright, decoded at the smallest scale that still gives the crop enough pixels for
/// the export size (a 1920 px frame from a 12 MP JPEG decodes at 1/2), and its full upright size.
fn upright(
    bytes: &[u8],
    crop: Crop,
    long_edge: u32,
    limits: &Limits,
) -> Result<(RgbImage, (u32, u32)), ImagingError> {
    if check(bytes, limits)? == Format::Jpeg {
        let min_scale = |w: u32, h: u32| {
            let (tw, th) = render_size(crop, (w, h), long_edge);
            (f64::from(tw) / (crop.w * f64::from(w))).max(f64::from(th) / (crop.h * f64::from(h)))
        };
        if let Some(s) = scaled::decode_scaled(bytes, min_scale, limits)? {
            let full = super::upright_size(s.full, s.orientation);
            let mut image = image::DynamicImage::ImageRgb8(s.image);
            image.apply_orientation(s.orientation);
            return Ok((image.into_rgb8(), full));
        }
    }
    let decoded = decode(bytes, limits)?;
    let full = decoded.oriented_size();
    Ok((decoded.oriented_rgb(), full))
}
