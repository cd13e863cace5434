//! Thumbnails from a reduced-scale JPEG decode.
//!
//! A 480 px thumbnail needs an eighth of a 12 MP photo's pixels. `jpeg-decoder` can decode at
//! 1/2, 1/4 or 1/8 scale inside its IDCT, so it never builds the full image: less work (DESIGN §3:
//! 34 ms instead of 78 ms for 12 MP in wasm) and a fraction of the memory (a 48 MP photo at 1/8
//! is 0.75 MP instead of 144 MB of RGB). Anything it cannot do (12-bit, arithmetic coding, odd
//! colour spaces) goes back to the full decoder, so no photo is refused for taking this path.
//! At exactly 1/8 (a phone photo's thumbnail) the block averages are read first, without the
//! AC coefficients ([`super::dc`]); `jpeg-decoder` is what that declines to read.

use super::{capture_time_of, Limits};
use crate::error::ImagingError;
use crate::model::CaptureTime;
use image::RgbImage;
use jpeg_decoder::{Decoder, PixelFormat};
use std::io::Cursor;

/// A JPEG decoded at a reduced scale.
pub struct ScaledJpeg {
    /// Full size of the stored image (before orientation).
    pub full: (u32, u32),
    // (`image` is at the reduced scale, `full` at the stored one.)
    /// The pixels at the reduced scale (before orientation).
    pub image: RgbImage,
    pub orientation: image::metadata::Orientation,
    pub taken_at: Option<CaptureTime>,
}

/// Decodes `bytes` (already sniffed as a complete JPEG) at the smallest scale (1, 1/2, 1/4, 1/8)
/// not below `min_scale(oriented width, oriented height)`, or gives `None` when this decoder
/// cannot (the caller then decodes in full).
///
/// # Errors
/// [`ImagingError::TooManyPixels`] from the header, before any pixel is decoded.
pub fn decode_scaled(
    bytes: &[u8],
    min_scale: impl FnOnce(u32, u32) -> f64,
    limits: &Limits,
) -> Result<Option<ScaledJpeg>, ImagingError> {
    let mut decoder = Decoder::new(Cursor::new(bytes));
    if decoder.read_info().is_err() {
        return Ok(None);
    }
    let Some(info) = decoder.info() else {
        return Ok(None);
    };
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    if u64::from(w) * u64::from(h) > limits.max_pixels {
        return Err(ImagingError::TooManyPixels {
            width: w,
            height: h,
            max_pixels: limits.max_pixels,
        });
    }
    if w == 0 || h == 0 {
        return Ok(None);
    }
    let exif = decoder.exif_data().map(<[u8]>::to_vec);
    let orientation = super::orientation_of(exif.as_deref());
    let (ow, oh) = super::upright_size((w, h), orientation);
    // The decoder picks the smallest scale at least this big.
    let ratio = min_scale(ow, oh).clamp(0.0, 1.0);
    let want = |v: u32| ((f64::from(v) * ratio).ceil() as u32).clamp(1, v) as u16;
    let Ok((sw, sh)) = decoder.scale(want(w), want(h)) else {
        return Ok(None);
    };
    let taken_at = || exif.clone().and_then(capture_time_of);
    // At 1/8 a baseline JPEG's block averages are the picture: read only those (see `dc`).
    if (u32::from(sw), u32::from(sh)) == (w.div_ceil(8), h.div_ceil(8)) {
        if let Some(image) = super::dc::decode_dc(bytes, (w, h))
            .filter(|i| i.dimensions() == (u32::from(sw), u32::from(sh)))
        {
            return Ok(Some(ScaledJpeg {
                full: (w, h),
                image,
                orientation,
                taken_at: taken_at(),
            }));
        }
    }
    decoder.set_max_decoding_buffer_size((limits.max_pixels * 4) as usize);
    let Ok(pixels) = decoder.decode() else {
        return Ok(None);
    };
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let n = (sw * sh) as usize;
    let rgb = match decoder.info().map(|i| i.pixel_format) {
        Some(PixelFormat::RGB24) if pixels.len() == n * 3 => pixels,
        Some(PixelFormat::L8) if pixels.len() == n => {
            pixels.iter().flat_map(|&l| [l, l, l]).collect()
        }
        _ => return Ok(None), // CMYK, 16-bit: the full decoder handles them
    };
    let Some(image) = RgbImage::from_raw(sw, sh, rgb) else {
        return Ok(None);
    };
    Ok(Some(ScaledJpeg {
        full: (w, h),
        image,
        orientation,
        taken_at: taken_at(),
    }))
}
