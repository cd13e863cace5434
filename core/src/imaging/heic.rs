//! HEIC/HEIF photos (what an iPhone saves), decoded in pure Rust with `heic-rs`.
//!
//! `heic-rs` reads the container and decodes each HEVC picture; this module drives it rather than
//! calling its one-shot `decode`, for three reasons:
//! - **Limits before allocation.** Every sequence parameter set (the HEVC header that sizes the
//!   decoder's picture buffers) is read here first, and the tiles, the pixels and the memory
//!   the whole decode needs are checked against [`Limits`] before any picture is decoded.
//!   `heic-rs` checks the declared (`ispe`) size, but a tile's SPS may claim 65535 × 65535.
//! - **Colour as libheif reads it.** A file without an `nclx` colour box (Debian's `heif-enc`
//!   writes none) has its range and matrix in the HEVC stream's VUI. `heic-rs` then assumes
//!   BT.709 limited range, which stretched the contrast of `heif-enc`'s full-range files ≈ 1.16×
//!   (8–11 levels of mean difference against `heif-convert`). Here the VUI decides, as in libheif:
//!   its `video_full_range_flag`, and its matrix, with "unspecified" meaning BT.601.
//! - **Memory.** A grid (how phones store photos: 512 × 512 tiles) is decoded one tile at a time,
//!   each converted to RGB straight into the photo; the YCbCr mosaic of the whole photo is never
//!   built. A 48 MP photo then peaks at its RGB plus one tile.
//!
//! Orientation is the file's `irot`/`imir` (and `clap`) properties, applied in their order. An
//! EXIF orientation tag beside them only repeats them (an iPhone writes both), so it is not
//! applied on top. Without them the EXIF tag is the file's only word on orientation and is
//! applied as for a JPEG: Debian's `heif-enc` 1.15 copies a rotated JPEG's EXIF into the HEIC
//! without writing `irot` (libheif's own `heif-convert` then shows it sideways). Depth, alpha and other
//! auxiliary images, and the file's own thumbnail, are ignored. An ICC profile (`prof`) is not
//! applied, as for the other formats: the pixels are taken as sRGB.

use super::{capture_time_of, Limits};
use crate::error::ImagingError;
use crate::i18n::{Message, T};
use crate::model::CaptureTime;
use heic_rs::context::Context;
use heic_rs::props::colr::{MatrixCoefficients, Nclx, Range};
use heic_rs::props::ItemProps;
use heic_rs::{Error as HeifError, Image, PixelLayout};
use image::RgbImage;

/// The name a HEIC/HEIF photo's messages use.
pub(crate) const NAME: &str = "HEIC";

/// Most tiles a grid may have. A 48 MP phone photo is 192 tiles of 512 × 512, a 100 MP one
/// (the pixel limit) 400; a hostile grid of thousands of tiny tiles is refused before any is decoded.
pub const MAX_TILES: u64 = 1024;

/// A HEIC decoded: its transforms applied, the EXIF orientation still to apply (only when the
/// file has no `irot`/`imir`), and its capture time from EXIF.
pub(crate) struct HeicPhoto {
    pub image: RgbImage,
    pub orientation: image::metadata::Orientation,
    pub taken_at: Option<CaptureTime>,
}

/// Decodes a HEIC/HEIF photo's primary image to 8-bit RGB, upright.
///
/// # Errors
/// [`ImagingError::TooManyPixels`] from the declared size or any tile's own header, and
/// [`ImagingError::Corrupt`] for too many tiles or too much memory — all before decoding;
/// [`ImagingError::Truncated`]; [`ImagingError::Corrupt`] naming what the decoder cannot do
/// (an unsupported coding tool) or what is damaged.
pub(crate) fn decode_heic(bytes: &[u8], limits: &Limits) -> Result<HeicPhoto, ImagingError> {
    prescan(bytes)?;
    let ctx = Context::open(bytes).map_err(error)?;
    let id = ctx.meta.primary;
    let props = ctx.props(id).map_err(error)?;
    let image = decode_item(&ctx, id, &props, limits)?;
    let (orientation, taken_at) = metadata(&ctx, id, &props);
    Ok(HeicPhoto {
        image,
        orientation,
        taken_at,
    })
}

/// Smallest long edge of a file's own thumbnail that the editor's thumbnail is taken from (an
/// iPhone writes 320 × 240 beside a 12 MP photo). Decoding a 12 MP photo's 48 tiles takes 50×
/// the time of a JPEG's thumbnail (BENCHMARKS.md, "HEIC"); its thumbnail, a few milliseconds.
pub const MIN_EMBEDDED_THUMBNAIL: u32 = 320;

/// The primary image's size (its transforms applied) and the file's thumbnail, decoded.
pub(crate) type EmbeddedThumbnail = ((u32, u32), HeicPhoto);

/// A HEIC's thumbnail from the file's own `thmb` item, when it has one of at least
/// [`MIN_EMBEDDED_THUMBNAIL`] px and the primary image's shape: `(the primary's size with its
/// transforms applied, the thumbnail likewise, EXIF orientation and capture time)`. `None`:
/// the caller decodes the photo itself.
///
/// # Errors
/// As [`decode_heic`], for the primary image's headers and the thumbnail's decode.
pub(crate) fn embedded_thumbnail(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Option<EmbeddedThumbnail>, ImagingError> {
    prescan(bytes)?;
    let ctx = Context::open(bytes).map_err(error)?;
    let id = ctx.meta.primary;
    let props = ctx.props(id).map_err(error)?;
    let (w, h) = ctx.coded_size(id, &props).map_err(error)?;
    check_pixels(w, h, limits)?;
    let full = heic_rs::transform::transformed_size(w, h, &props.transforms).map_err(error)?;
    check_pixels(full.0, full.1, limits)?;
    let thumbs = ctx.meta.refs.iter().filter(|r| {
        r.kind == heic_rs::meta::iref::RefKind::Thmb && r.to.contains(&id) && r.from != id
    });
    for r in thumbs {
        let Ok(p) = ctx.props(r.from) else { continue };
        let Some(size) = ctx
            .coded_size(r.from, &p)
            .ok()
            .and_then(|(tw, th)| heic_rs::transform::transformed_size(tw, th, &p.transforms).ok())
        else {
            continue;
        };
        // The same shape within a pixel's rounding, and big enough to be worth taking.
        let same_shape =
            (f64::from(size.0) * f64::from(full.1) - f64::from(size.1) * f64::from(full.0)).abs()
                <= f64::from(full.0.max(full.1));
        if !same_shape || size.0.max(size.1) < MIN_EMBEDDED_THUMBNAIL || size.0 > full.0 {
            continue;
        }
        let image = decode_item(&ctx, r.from, &p, limits)?;
        let (orientation, taken_at) = metadata(&ctx, id, &props);
        return Ok(Some((
            full,
            HeicPhoto {
                image,
                orientation,
                taken_at,
            },
        )));
    }
    Ok(None)
}

/// The orientation still to apply after the transforms (EXIF's, only when the item has no
/// `irot`/`imir`) and the capture time, from the item's EXIF. Unreadable metadata never fails
/// the photo: it is shown as decoded, without a capture time.
fn metadata(
    ctx: &Context<'_>,
    id: u32,
    props: &ItemProps<'_>,
) -> (image::metadata::Orientation, Option<CaptureTime>) {
    let exif = ctx.exif(id).ok().flatten();
    let transformed = props
        .transforms
        .iter()
        .any(|t| !matches!(t, heic_rs::Transform::Crop(_)));
    let orientation = if transformed {
        image::metadata::Orientation::NoTransforms
    } else {
        super::orientation_of(exif)
    };
    (
        orientation,
        exif.and_then(|tiff| capture_time_of(tiff.to_vec())),
    )
}

/// Decodes one image item (a grid or a coded picture) to 8-bit RGB with its transforms applied.
fn decode_item(
    ctx: &Context<'_>,
    id: u32,
    props: &ItemProps<'_>,
    limits: &Limits,
) -> Result<RgbImage, ImagingError> {
    let (width, height) = ctx.coded_size(id, props).map_err(error)?;
    check_pixels(width, height, limits)?;
    let (upright_w, upright_h) =
        heic_rs::transform::transformed_size(width, height, &props.transforms).map_err(error)?;
    check_pixels(upright_w, upright_h, limits)?;

    // The coded pictures: the grid's tiles in row-major order, or the item itself.
    let (columns, pictures) = match ctx.grid(id).map_err(error)? {
        Some((grid, tiles)) => {
            if grid.tile_count() > MAX_TILES {
                return Err(corrupt(
                    Message::new(T::ErrHeicTiles)
                        .with("n", grid.tile_count())
                        .with("max", MAX_TILES),
                ));
            }
            (grid.columns, tiles)
        }
        None => (1, vec![id]),
    };
    // Every picture's headers, read before any is decoded.
    let mut plans = Vec::with_capacity(pictures.len());
    for &item in &pictures {
        // A `mif1` file may hold AV1 pictures: an AVIF, which is not decoded here.
        if ctx.meta.item(item).is_some_and(|i| &i.item_type == b"av01") {
            return Err(ImagingError::UnsupportedFormat {
                format: "AVIF".into(),
            });
        }
        let p = if item == id {
            props.clone()
        } else {
            ctx.props(item).map_err(error)?
        };
        plans.push(plan(&p, limits)?);
    }
    let first = plans
        .first()
        .ok_or_else(|| error(HeifError::Malformed("no picture")))?;
    let (tile_w, tile_h) = (first.width, first.height);
    let rows = (pictures.len() as u32).div_ceil(columns.max(1));
    if u64::from(tile_w) * u64::from(columns) < u64::from(width)
        || u64::from(tile_h) * u64::from(rows) < u64::from(height)
    {
        return Err(error(HeifError::Malformed(
            "the pictures do not cover the image",
        )));
    }
    // Memory: the photo's RGB (twice if a transform copies it), and one picture at a time: the
    // decoder's planes, their copy in the frame (16-bit samples) and the picture's RGB.
    let largest = plans.iter().map(|p| p.bytes).max().unwrap_or(0);
    let out = u64::from(width) * u64::from(height) * 3;
    let need = out * if props.transforms.is_empty() { 1 } else { 2 } + largest;
    if need > budget(limits) {
        return Err(corrupt(Message::new(T::ErrTooMuchMemory)));
    }

    // Colour: the primary item's `nclx`, else a tile's, else its stream's VUI (as libheif does).
    let tile_props = if pictures[0] == id {
        None
    } else {
        Some(ctx.props(pictures[0]).map_err(error)?)
    };
    let nclx = props
        .nclx
        .or_else(|| tile_props.as_ref().and_then(|p| p.nclx))
        .unwrap_or(first.vui_nclx);
    let nclx = Nclx {
        // libheif reads an unspecified matrix as BT.601; heic-rs as BT.709.
        matrix: match nclx.matrix {
            MatrixCoefficients::Unspecified => MatrixCoefficients::Bt601,
            m => m,
        },
        ..nclx
    };

    let mut rgb = vec![0u8; (out) as usize];
    let row_bytes = width as usize * 3;
    for (i, &item) in pictures.iter().enumerate() {
        let frame = decode_picture(ctx, item, if item == id { Some(props) } else { None })?;
        let (fw, fh) = (frame.width, frame.height);
        if (fw, fh) != (plans[i].width, plans[i].height) {
            return Err(error(HeifError::Malformed(
                "a picture is not the size its header declares",
            )));
        }
        let (x0, y0) = ((i as u32 % columns) * tile_w, (i as u32 / columns) * tile_h);
        if x0 >= width || y0 >= height {
            continue; // a tile wholly outside the image (allowed; nothing of it is shown)
        }
        if fw < (width - x0).min(tile_w) || fh < (height - y0).min(tile_h) {
            return Err(error(HeifError::Malformed(
                "a tile is smaller than its place in the grid",
            )));
        }
        let tile = heic_rs::color::convert(&frame, None, nclx, PixelLayout::Rgb8, u64::MAX, None)
            .map_err(error)?;
        drop(frame);
        let (cw, ch) = (
            (width - x0).min(fw) as usize,
            (height - y0).min(fh) as usize,
        );
        let src_row = fw as usize * 3;
        for y in 0..ch {
            let dst = (y0 as usize + y) * row_bytes + x0 as usize * 3;
            rgb[dst..dst + cw * 3].copy_from_slice(&tile.data[y * src_row..y * src_row + cw * 3]);
        }
    }
    let image = Image {
        data: rgb,
        width,
        height,
        layout: PixelLayout::Rgb8,
    };
    let image = heic_rs::transform::apply_all(image, &props.transforms).map_err(error)?;
    RgbImage::from_raw(image.width, image.height, image.data)
        .ok_or_else(|| error(HeifError::Malformed("transformed image size")))
}

/// Refuses a picture of more pixels than `limits` allow, or of none, from its header.
fn check_pixels(width: u32, height: u32, limits: &Limits) -> Result<(), ImagingError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ImagingError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    if width == 0 || height == 0 {
        return Err(corrupt(Message::new(T::ErrNoPixels)));
    }
    Ok(())
}

/// Bytes a decode may use: as the other formats (the largest photo allowed, at 4 bytes a
/// pixel, and 64 MiB of decoder scratch space).
fn budget(limits: &Limits) -> u64 {
    limits.max_pixels * 4 + 64 * 1024 * 1024
}

/// What one coded picture's headers say, before it is decoded.
struct Plan {
    width: u32,
    height: u32,
    /// Bytes its decode holds at once: decoder planes, frame planes (16-bit) and its RGB.
    bytes: u64,
    /// The colour its VUI describes (BT.601 limited range when it says nothing).
    vui_nclx: Nclx,
}

/// Reads every sequence parameter set of a picture's `hvcC` and checks the largest against the
/// limits: the decoder sizes its buffers from whichever one the picture names.
fn plan(p: &ItemProps<'_>, limits: &Limits) -> Result<Plan, ImagingError> {
    let hvcc = p
        .hvcc
        .as_ref()
        .ok_or_else(|| error(HeifError::MissingBox("hvcC")))?;
    let mut out: Option<Plan> = None;
    for nal in hvcc.parameter_sets() {
        if nal.len() < 2 || (nal[0] >> 1) & 0x3f != 33 {
            continue;
        }
        let sps = Sps::parse(nal).ok_or_else(|| {
            error(HeifError::Malformed(
                "a sequence parameter set does not read",
            ))
        })?;
        check_pixels(sps.width, sps.height, limits)?;
        let pixels = u64::from(sps.width) * u64::from(sps.height);
        // Samples per pixel: luma plus two chroma planes at the chroma format's resolution.
        let samples_x4 = match sps.chroma_format {
            0 => 4,
            1 => 6,
            2 => 8,
            _ => 12,
        };
        let bytes = pixels * samples_x4 / 4 * 2 * 2 + pixels * 3;
        if out.as_ref().is_none_or(|o| bytes > o.bytes) {
            out = Some(Plan {
                width: sps.display_width,
                height: sps.display_height,
                bytes,
                vui_nclx: sps.nclx(),
            });
        }
    }
    out.ok_or_else(|| error(HeifError::MissingParameterSet("sequence parameter set")))
}

/// Decodes one coded picture (no derivation) of the file.
fn decode_picture(
    ctx: &Context<'_>,
    item: u32,
    props: Option<&ItemProps<'_>>,
) -> Result<heic_rs::hevc::Frame, ImagingError> {
    let owned;
    let p = match props {
        Some(p) => p,
        None => {
            owned = ctx.props(item).map_err(error)?;
            &owned
        }
    };
    let hvcc = p
        .hvcc
        .as_ref()
        .ok_or_else(|| error(HeifError::MissingBox("hvcC")))?;
    let data = ctx.item_data(item).map_err(error)?;
    let nals = hvcc.split_nals(&data).map_err(error)?;
    let frame = heic_rs::hevc::decode_still(&hvcc.parameter_sets(), &nals).map_err(error)?;
    frame.validate().map_err(error)?;
    Ok(frame)
}

/// Refuses item tables that would cost `heic-rs` unbounded memory or time to read, before it
/// reads them ([`super::heic_prescan`]).
fn prescan(bytes: &[u8]) -> Result<(), ImagingError> {
    super::heic_prescan::check(bytes, |what| ImagingError::UnsupportedFeature {
        format: NAME.into(),
        feature: what.into(),
    })
}

fn corrupt(detail: Message) -> ImagingError {
    ImagingError::Corrupt {
        format: NAME.into(),
        detail,
    }
}

/// What to tell the person when `heic-rs` refuses a file.
fn error(e: HeifError) -> ImagingError {
    match e {
        HeifError::Truncated(_) => ImagingError::Truncated {
            format: NAME.into(),
        },
        HeifError::Unsupported(what) => ImagingError::UnsupportedFeature {
            format: NAME.into(),
            feature: what.into(),
        },
        HeifError::PixelLimit { .. } => corrupt(Message::new(T::ErrTooMuchMemory)),
        other => corrupt(Message::raw(other.to_string())),
    }
}

/// The parts of an HEVC sequence parameter set (H.265 § 7.3.2.2) this module needs: the
/// picture size that sizes the decoder's buffers, and the VUI's colour description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sps {
    /// Coded size (what the decoder allocates).
    pub width: u32,
    pub height: u32,
    /// Size after the conformance window (what it outputs).
    pub display_width: u32,
    pub display_height: u32,
    pub chroma_format: u32,
    /// `video_full_range_flag` (false without a VUI, as the standard infers).
    pub full_range: bool,
    /// `matrix_coeffs`, when the VUI describes the colour.
    pub matrix: Option<u8>,
    pub primaries: Option<u8>,
    pub transfer: Option<u8>,
}

impl Sps {
    /// The colour this stream describes, as a `colr` box would.
    fn nclx(&self) -> Nclx {
        let matrix = self.matrix.map_or(2, u16::from);
        Nclx {
            primaries: self.primaries.map_or(2, u16::from),
            transfer: self.transfer.map_or(2, u16::from),
            matrix: MatrixCoefficients::from_code(matrix),
            matrix_code: matrix,
            range: if self.full_range {
                Range::Full
            } else {
                Range::Limited
            },
        }
    }

    /// Parses an SPS NAL unit (with its two-byte header). `None` when it does not read: the
    /// caller refuses the file, since the decoder would size its buffers from it.
    pub(crate) fn parse(nal: &[u8]) -> Option<Sps> {
        let mut r = Bits::new(nal.get(2..)?);
        r.skip(4); // sps_video_parameter_set_id
        let max_sub_layers_minus1 = r.u(3)?;
        r.skip(1); // temporal_id_nesting
        profile_tier_level(&mut r, max_sub_layers_minus1)?;
        r.ue()?; // sps_seq_parameter_set_id
        let chroma_format = r.ue()?;
        if chroma_format > 3 {
            return None;
        }
        if chroma_format == 3 {
            r.skip(1); // separate_colour_plane_flag
        }
        let width = r.ue()?;
        let height = r.ue()?;
        if width == 0 || height == 0 || width > 65535 || height > 65535 {
            return None;
        }
        let (mut display_width, mut display_height) = (width, height);
        if r.u(1)? == 1 {
            // conformance_window: offsets in chroma units
            let (sub_w, sub_h) = match chroma_format {
                1 => (2, 2),
                2 => (2, 1),
                _ => (1, 1),
            };
            let (l, rt, t, b) = (r.ue()?, r.ue()?, r.ue()?, r.ue()?);
            let cut_w = (l.checked_add(rt)?).checked_mul(sub_w)?;
            let cut_h = (t.checked_add(b)?).checked_mul(sub_h)?;
            display_width = width.checked_sub(cut_w).filter(|&w| w > 0)?;
            display_height = height.checked_sub(cut_h).filter(|&h| h > 0)?;
        }
        r.ue()?; // bit_depth_luma_minus8
        r.ue()?; // bit_depth_chroma_minus8
        let log2_max_poc_lsb = r.ue()?.checked_add(4).filter(|&n| n <= 16)?;
        let ordering_all = r.u(1)? == 1;
        let from = if ordering_all {
            0
        } else {
            max_sub_layers_minus1
        };
        for _ in from..=max_sub_layers_minus1 {
            r.ue()?;
            r.ue()?;
            r.ue()?;
        }
        for _ in 0..6 {
            r.ue()?; // block sizes and transform hierarchy depths
        }
        if r.u(1)? == 1 && r.u(1)? == 1 {
            scaling_list_data(&mut r)?;
        }
        r.skip(2); // amp, sample_adaptive_offset
        if r.u(1)? == 1 {
            r.skip(8); // pcm sample bit depths
            r.ue()?;
            r.ue()?;
            r.skip(1);
        }
        let sets = r.ue()?;
        if sets > 64 {
            return None;
        }
        let mut deltas: Vec<u32> = Vec::with_capacity(sets as usize);
        for i in 0..sets {
            let n = st_ref_pic_set(&mut r, i, &deltas)?;
            deltas.push(n);
        }
        if r.u(1)? == 1 {
            let n = r.ue()?;
            if n > 32 {
                return None;
            }
            for _ in 0..n {
                r.skip(log2_max_poc_lsb + 1);
            }
        }
        r.skip(2); // temporal_mvp, strong_intra_smoothing
        let mut sps = Sps {
            width,
            height,
            display_width,
            display_height,
            chroma_format,
            full_range: false,
            matrix: None,
            primaries: None,
            transfer: None,
        };
        if r.u(1)? == 1 {
            // vui_parameters
            if r.u(1)? == 1 && r.u(8)? == 255 {
                r.skip(32); // sar_width, sar_height
            }
            if r.u(1)? == 1 {
                r.skip(1); // overscan_appropriate_flag
            }
            if r.u(1)? == 1 {
                r.skip(3); // video_format
                sps.full_range = r.u(1)? == 1;
                if r.u(1)? == 1 {
                    sps.primaries = Some(r.u(8)? as u8);
                    sps.transfer = Some(r.u(8)? as u8);
                    sps.matrix = Some(r.u(8)? as u8);
                }
            }
        }
        // A flag read past the end reads as `None` above; a VUI cut short is no colour at all.
        Some(sps)
    }
}

/// `profile_tier_level(1, max_sub_layers_minus1)`: fixed-length, skipped.
fn profile_tier_level(r: &mut Bits<'_>, max_sub_layers_minus1: u32) -> Option<()> {
    r.skip(88 + 8); // general profile and level
    let mut present = Vec::new();
    for _ in 0..max_sub_layers_minus1 {
        present.push((r.u(1)? == 1, r.u(1)? == 1));
    }
    if max_sub_layers_minus1 > 0 {
        r.skip(2 * (8 - max_sub_layers_minus1));
    }
    for (profile, level) in present {
        if profile {
            r.skip(88);
        }
        if level {
            r.skip(8);
        }
    }
    Some(())
}

/// `scaling_list_data()`: skipped.
fn scaling_list_data(r: &mut Bits<'_>) -> Option<()> {
    for size_id in 0..4u32 {
        let step = if size_id == 3 { 3 } else { 1 };
        for _ in (0..6).step_by(step) {
            if r.u(1)? == 0 {
                r.ue()?; // scaling_list_pred_matrix_id_delta
            } else {
                let coefs = 64.min(1 << (4 + (size_id << 1)));
                if size_id > 1 {
                    r.se()?;
                }
                for _ in 0..coefs {
                    r.se()?;
                }
            }
        }
    }
    Some(())
}

/// `st_ref_pic_set(idx)` as it appears in an SPS; gives its number of delta POCs.
fn st_ref_pic_set(r: &mut Bits<'_>, idx: u32, deltas: &[u32]) -> Option<u32> {
    if idx != 0 && r.u(1)? == 1 {
        // Predicted from the previous set (in an SPS, delta_idx_minus1 is not coded).
        r.skip(1); // delta_rps_sign
        r.ue()?; // abs_delta_rps_minus1
        let reference = *deltas.get(idx as usize - 1)?;
        let mut n = 0;
        for _ in 0..=reference {
            let used = r.u(1)? == 1;
            let use_delta = used || r.u(1)? == 1;
            n += u32::from(use_delta);
        }
        Some(n)
    } else {
        let negative = r.ue()?;
        let positive = r.ue()?;
        if negative > 16 || positive > 16 {
            return None;
        }
        for _ in 0..negative + positive {
            r.ue()?;
            r.skip(1);
        }
        Some(negative + positive)
    }
}

/// A bit reader over an RBSP: emulation-prevention bytes (`00 00 03`) are dropped as read.
struct Bits<'a> {
    data: &'a [u8],
    /// Next byte to load.
    at: usize,
    zeros: usize,
    byte: u8,
    /// Bits of `byte` not yet read.
    left: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            at: 0,
            zeros: 0,
            byte: 0,
            left: 0,
        }
    }

    fn bit(&mut self) -> Option<u32> {
        if self.left == 0 {
            let mut b = *self.data.get(self.at)?;
            self.at += 1;
            if self.zeros >= 2 && b == 3 {
                self.zeros = 0;
                b = *self.data.get(self.at)?;
                self.at += 1;
            }
            self.zeros = if b == 0 { self.zeros + 1 } else { 0 };
            self.byte = b;
            self.left = 8;
        }
        self.left -= 1;
        Some(u32::from(self.byte >> self.left) & 1)
    }

    fn u(&mut self, n: u32) -> Option<u32> {
        let mut v = 0;
        for _ in 0..n {
            v = (v << 1) | self.bit()?;
        }
        Some(v)
    }

    /// Skips `n` bits; past the end, the next read gives `None`.
    fn skip(&mut self, n: u32) {
        for _ in 0..n {
            if self.bit().is_none() {
                self.at = self.data.len();
                self.left = 0;
                return;
            }
        }
    }

    fn ue(&mut self) -> Option<u32> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        let rest = self.u(zeros)?;
        Some(((1u64 << zeros) - 1 + u64::from(rest)).min(u64::from(u32::MAX)) as u32)
    }

    fn se(&mut self) -> Option<i64> {
        let k = i64::from(self.ue()?);
        Some(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) })
    }
}

#[cfg(test)]
#[path = "heic_tests.rs"]
mod tests;
