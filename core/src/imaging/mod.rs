//! Turning a photo file into what the editor needs: content id, oriented size, a thumbnail.
//!
//! Untrusted bytes go through [`sniff`] (magic numbers, so a renamed text file or a HEIC named
//! `.jpg` gets the right message), a size check, a header-only pixel-count check, and a decode
//! under [`image::Limits`], so no hostile file can make the worker allocate without bound.
//! Runs in the image worker in the browser and natively in tests.

pub mod dc;
mod format;
pub mod heic;
mod heic_prescan;
mod render;
mod scaled;
mod thumbnail;

pub use format::{browser_draws_mime, is_photo_mime, photo_mime, sniff, Format, SNIFF_LEN};
pub use render::{render_frame, render_size};
pub use thumbnail::{encode_jpeg, fit_within, resize_rgb};

use crate::error::ImagingError;
use crate::i18n::{Message, T};
use crate::model::{CaptureTime, PhotoId};
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// Per-photo limits against absurd or hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest pixel count accepted (width × height), checked from the header before decoding.
    pub max_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64_000_000,
            max_pixels: 100_000_000,
        }
    }
}

/// Long edge of generated thumbnails, in pixels: sharp on a 2× screen at card size.
pub const THUMBNAIL_EDGE: u32 = 480;
/// JPEG quality of thumbnails.
pub const THUMBNAIL_QUALITY: u8 = 82;

/// A decoded photo, not yet oriented.
pub struct Decoded {
    pub format: Format,
    pub image: DynamicImage,
    pub orientation: image::metadata::Orientation,
    /// EXIF `DateTimeOriginal` (falling back to `DateTime`), with its offset when recorded.
    pub taken_at: Option<CaptureTime>,
}

impl Decoded {
    /// Width and height once the EXIF orientation is applied.
    pub fn oriented_size(&self) -> (u32, u32) {
        let (w, h) = (self.image.width(), self.image.height());
        upright_size((w, h), self.orientation)
    }

    /// The full image, upright, as RGB (alpha flattened onto white).
    pub fn oriented_rgb(self) -> RgbImage {
        let mut image = DynamicImage::ImageRgb8(into_rgb(self.image));
        image.apply_orientation(self.orientation);
        image.into_rgb8()
    }
}

/// The size of a `(w, h)` image once `o` is applied: a quarter turn swaps the axes.
pub(crate) fn upright_size((w, h): (u32, u32), o: image::metadata::Orientation) -> (u32, u32) {
    use image::metadata::Orientation::*;
    if matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH) {
        (h, w)
    } else {
        (w, h)
    }
}

/// The orientation a raw EXIF block records (none, or unreadable: as stored).
pub(crate) fn orientation_of(exif: Option<&[u8]>) -> image::metadata::Orientation {
    exif.and_then(image::metadata::Orientation::from_exif_chunk)
        .unwrap_or(image::metadata::Orientation::NoTransforms)
}

/// Decodes `bytes` under `limits`.
///
/// # Errors
/// [`ImagingError::Empty`], [`ImagingError::FileTooLarge`], [`ImagingError::NotAnImage`],
/// [`ImagingError::UnsupportedFormat`], [`ImagingError::TooManyPixels`] (from the header, before
/// any large allocation), [`ImagingError::Truncated`] and [`ImagingError::Corrupt`].
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Decoded, ImagingError> {
    let format = check(bytes, limits)?;
    let Some(image_format) = format.image_format() else {
        // HEIC: its irot/imir already applied (the EXIF orientation only when it has neither).
        let heic = heic::decode_heic(bytes, limits)?;
        return Ok(Decoded {
            format,
            image: DynamicImage::ImageRgb8(heic.image),
            orientation: heic.orientation,
            taken_at: heic.taken_at,
        });
    };
    let name = format.name().to_owned();
    let corrupt = |e: image::ImageError| classify(e, &name);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), image_format)
        .into_decoder()
        .map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(ImagingError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    if pixels == 0 {
        return Err(ImagingError::Corrupt {
            format: name,
            detail: Message::new(T::ErrNoPixels),
        });
    }
    let mut decode_limits = image::Limits::default();
    // Room for the largest allowed image at 4 bytes per pixel (RGBA) plus decoder scratch space.
    decode_limits.max_alloc = Some(limits.max_pixels * 4 + 64 * 1024 * 1024);
    decoder.set_limits(decode_limits).map_err(corrupt)?;
    // Unreadable metadata never fails the photo: it is shown as stored, without a capture time.
    let exif = decoder.exif_metadata().ok().flatten();
    let orientation = orientation_of(exif.as_deref());
    let taken_at = exif.and_then(capture_time_of);
    let image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    Ok(Decoded {
        format,
        image,
        orientation,
        taken_at,
    })
}

/// What every decode checks first: not empty, not too large, a format we decode, not cut off.
pub(crate) fn check(bytes: &[u8], limits: &Limits) -> Result<Format, ImagingError> {
    if bytes.is_empty() {
        return Err(ImagingError::Empty);
    }
    let len = bytes.len() as u64;
    if len > limits.max_file_bytes {
        return Err(ImagingError::FileTooLarge {
            bytes: len,
            max_bytes: limits.max_file_bytes,
        });
    }
    let format = sniff(bytes)?;
    if format.is_truncated(bytes) {
        return Err(ImagingError::Truncated {
            format: format.name().into(),
        });
    }
    Ok(format)
}

/// The capture time in a raw EXIF (TIFF) block.
pub(crate) fn capture_time_of(exif: Vec<u8>) -> Option<CaptureTime> {
    let exif = exif::Reader::new().read_raw(exif).ok()?;
    let ascii = |tag| match exif.get_field(tag, exif::In::PRIMARY).map(|f| &f.value) {
        Some(exif::Value::Ascii(parts)) => parts
            .first()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        _ => None,
    };
    let offset = ascii(exif::Tag::OffsetTimeOriginal);
    ascii(exif::Tag::DateTimeOriginal)
        .and_then(|t| CaptureTime::from_exif(&t, offset.as_deref()))
        .or_else(|| {
            ascii(exif::Tag::DateTime)
                .and_then(|t| CaptureTime::from_exif(&t, ascii(exif::Tag::OffsetTime).as_deref()))
        })
}

fn classify(e: image::ImageError, format: &str) -> ImagingError {
    use image::ImageError as E;
    match &e {
        E::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImagingError::Truncated {
                format: format.into(),
            }
        }
        E::Limits(_) => ImagingError::Corrupt {
            format: format.into(),
            detail: Message::new(T::ErrTooMuchMemory),
        },
        _ => {
            let detail = e.to_string();
            if detail.to_ascii_lowercase().contains("eof")
                || detail.contains("end of file")
                || detail.contains("No more bytes")
            {
                ImagingError::Truncated {
                    format: format.into(),
                }
            } else {
                ImagingError::Corrupt {
                    format: format.into(),
                    detail: Message::raw(detail),
                }
            }
        }
    }
}

/// Flattens transparency onto white and converts to 8-bit RGB (thumbnails and exports are JPEG).
/// Takes the image by value: an RGB decode (every JPEG) is moved, not copied, which halves the
/// peak memory of a large photo.
fn into_rgb(image: DynamicImage) -> RgbImage {
    let image = match image {
        DynamicImage::ImageRgb8(rgb) => return rgb,
        other if !other.color().has_alpha() => return other.into_rgb8(),
        other => other,
    };
    let rgba = image.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (dst, src) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

/// Everything the editor keeps from a processed photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoInfo {
    pub id: PhotoId,
    pub mime: String,
    pub bytes: u64,
    /// Oriented size of the full photo.
    pub width: u32,
    pub height: u32,
    /// Oriented size of the thumbnail.
    pub thumb_width: u32,
    pub thumb_height: u32,
    pub taken_at: Option<CaptureTime>,
}

/// A processed photo: its description and an upright JPEG thumbnail.
pub struct Processed {
    pub info: PhotoInfo,
    pub thumbnail_jpeg: Vec<u8>,
}

/// Decodes a photo and makes its upright thumbnail (long edge [`THUMBNAIL_EDGE`]).
///
/// # Errors
/// As [`decode`].
pub fn process_photo(bytes: &[u8], limits: &Limits) -> Result<Processed, ImagingError> {
    let format = check(bytes, limits)?;
    // JPEGs (nearly every phone photo) decode at the smallest scale that still fills the thumbnail.
    if format == Format::Jpeg {
        if let Some(s) = scaled::decode_scaled(
            bytes,
            |w, h| f64::from(THUMBNAIL_EDGE) / f64::from(w.max(h)),
            limits,
        )? {
            return Ok(finish(
                bytes,
                format,
                upright_size(s.full, s.orientation),
                s.image,
                s.orientation,
                s.taken_at,
            ));
        }
    }
    // A HEIC's own thumbnail, when it has a big enough one, instead of decoding every tile.
    if format == Format::Heic {
        if let Some((full, t)) = heic::embedded_thumbnail(bytes, limits)? {
            return Ok(finish(
                bytes,
                format,
                upright_size(full, t.orientation),
                t.image,
                t.orientation,
                t.taken_at,
            ));
        }
    }
    let decoded = decode(bytes, limits)?;
    let size = decoded.oriented_size();
    let (orientation, taken_at) = (decoded.orientation, decoded.taken_at.clone());
    Ok(finish(
        bytes,
        decoded.format,
        size,
        into_rgb(decoded.image),
        orientation,
        taken_at,
    ))
}

/// Runs the thumbnail path on a small synthetic photo a few times, so a fresh worker's browser
/// compiles its hot code optimized before the first real photo (WebAssembly starts in a quick
/// baseline tier: a fresh worker's first 12 MP photo took twice as long as its second).
/// The photo is 3840 px wide, so it takes the same 1/8-scale JPEG path as a phone photo,
/// but only 64 px tall: a few milliseconds a round.
/// Returns what the last round made (`None` if it failed, which it should not).
pub fn warm_up(rounds: usize) -> Option<PhotoInfo> {
    let (w, h) = (3840, 64);
    // Grain, so the entropy decoder sees photo-like coefficients, not flat blocks.
    let mut seed = 0x2545_f491_u32;
    let image = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed & 0x3f) as u8;
        image::Rgb([
            (x / 16) as u8 ^ grain,
            (y * 4) as u8 ^ grain,
            grain.wrapping_mul(3),
        ])
    });
    let jpeg = thumbnail::encode_jpeg(&image, 90);
    let mut last = None;
    for _ in 0..rounds {
        last = process_photo(&jpeg, &Limits::default())
            .ok()
            .map(|p| p.info);
    }
    last
}

/// Scales decoded pixels to the thumbnail, turns them upright and describes the photo.
fn finish(
    bytes: &[u8],
    format: Format,
    (width, height): (u32, u32),
    rgb: RgbImage,
    orientation: image::metadata::Orientation,
    taken_at: Option<CaptureTime>,
) -> Processed {
    let small = resize_rgb(&rgb, THUMBNAIL_EDGE);
    drop(rgb);
    let mut upright = DynamicImage::ImageRgb8(small);
    upright.apply_orientation(orientation);
    let upright = upright.into_rgb8();
    let thumbnail_jpeg = encode_jpeg(&upright, THUMBNAIL_QUALITY);
    let info = PhotoInfo {
        id: PhotoId::of_bytes(bytes),
        mime: format.mime().into(),
        bytes: bytes.len() as u64,
        width,
        height,
        thumb_width: upright.width(),
        thumb_height: upright.height(),
        taken_at,
    };
    Processed {
        info,
        thumbnail_jpeg,
    }
}

#[cfg(test)]
mod tests;
