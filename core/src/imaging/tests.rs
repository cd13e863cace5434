use super::*;
use crate::error::ImagingError;
use image::metadata::Orientation;
use image::{ImageEncoder, Rgb};
use std::path::PathBuf;

fn shared_fixtures() -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/exif-orientation");
    assert!(
        dir.is_dir(),
        "the shared fixtures are missing at {} (CI checks out shared/ beside the repo)",
        dir.display()
    );
    dir
}

/// Mean absolute difference per channel of two equally sized images, over every pixel.
pub(super) fn mad(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

/// [`mad`] after scaling both images to 240 px, so JPEG noise and resampling do not dominate.
fn mean_abs_diff(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    mad(&resize_rgb(a, 240), &resize_rgb(b, 240))
}

#[test]
fn shared_fixtures_all_eight_orientations_come_out_upright() {
    let dir = shared_fixtures();
    for kind in ["Landscape", "Portrait"] {
        let reference = decode(
            &std::fs::read(dir.join(format!("{kind}_0.jpg"))).unwrap(),
            &Limits::default(),
        )
        .unwrap()
        .oriented_rgb();
        for n in 1..=8 {
            let bytes = std::fs::read(dir.join(format!("{kind}_{n}.jpg"))).unwrap();
            let decoded = decode(&bytes, &Limits::default()).unwrap();
            assert_eq!(
                decoded.oriented_size(),
                reference.dimensions(),
                "{kind}_{n}: oriented_size"
            );
            let upright = decoded.oriented_rgb();
            assert_eq!(
                upright.dimensions(),
                reference.dimensions(),
                "{kind}_{n}: size"
            );
            let diff = mean_abs_diff(&upright, &reference);
            assert!(
                diff < 6.0,
                "{kind}_{n}: mean abs diff {diff:.2} against {kind}_0"
            );
            // The thumbnail path orients too, and keeps the shape.
            let p = process_photo(&bytes, &Limits::default()).unwrap();
            assert_eq!(
                (p.info.width, p.info.height),
                reference.dimensions(),
                "{kind}_{n}: info size"
            );
            let (tw, th) = (p.info.thumb_width, p.info.thumb_height);
            assert_eq!(tw.max(th), THUMBNAIL_EDGE);
            assert_eq!(
                tw > th,
                kind == "Landscape",
                "{kind}_{n}: thumbnail shape {tw}×{th}"
            );
        }
    }
}

/// An asymmetric test picture: a red block top-left, a blue block bottom-right on a gradient.
fn asymmetric(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        if x < w / 4 && y < h / 4 {
            Rgb([230, 20, 20])
        } else if x >= w * 3 / 4 && y >= h * 3 / 4 {
            Rgb([20, 20, 230])
        } else {
            Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
        }
    })
}

/// A big-endian EXIF APP1 segment with the given orientation and capture time.
pub(crate) fn exif_app1(
    orientation: Option<u16>,
    taken: Option<&str>,
    offset: Option<&str>,
) -> Vec<u8> {
    // IFD0: Orientation (0x0112) and, with a time, a pointer to the Exif IFD (0x8769).
    let mut ifd0: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new(); // tag, type, count, value bytes
    if let Some(o) = orientation {
        ifd0.push((0x0112, 3, 1, o.to_be_bytes().to_vec()));
    }
    let mut sub: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new();
    if let Some(t) = taken {
        let mut v = t.as_bytes().to_vec();
        v.push(0);
        sub.push((0x9003, 2, v.len() as u32, v));
    }
    if let Some(o) = offset {
        let mut v = o.as_bytes().to_vec();
        v.push(0);
        sub.push((0x9011, 2, v.len() as u32, v));
    }
    let ifd_len = |n: usize| 2 + 12 * n + 4;
    let n0 = ifd0.len() + usize::from(!sub.is_empty());
    let sub_at = 8 + ifd_len(n0);
    if !sub.is_empty() {
        ifd0.push((0x8769, 4, 1, (sub_at as u32).to_be_bytes().to_vec()));
    }
    let mut data_at = sub_at
        + if sub.is_empty() {
            0
        } else {
            ifd_len(sub.len())
        };
    let mut data: Vec<u8> = Vec::new();
    let mut write_ifd = |entries: &[(u16, u16, u32, Vec<u8>)], out: &mut Vec<u8>| {
        out.extend((entries.len() as u16).to_be_bytes());
        for (tag, ty, count, value) in entries {
            out.extend(tag.to_be_bytes());
            out.extend(ty.to_be_bytes());
            out.extend(count.to_be_bytes());
            if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend(v);
            } else {
                out.extend((data_at as u32).to_be_bytes());
                data.extend(value);
                data_at += value.len();
            }
        }
        out.extend([0, 0, 0, 0]);
    };
    let mut tiff = b"MM\0\x2A\0\0\0\x08".to_vec();
    write_ifd(&ifd0, &mut tiff);
    if !sub.is_empty() {
        write_ifd(&sub, &mut tiff);
    }
    tiff.extend(data);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((tiff.len() + 8) as u16).to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);
    app1
}

/// Puts an APP1 segment right after a JPEG's SOI marker.
fn with_app1(jpeg: &[u8], app1: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A JPEG whose stored pixels are `upright` transformed so that EXIF orientation `n` restores it.
fn jpeg_with_orientation(upright: &RgbImage, n: u8) -> Vec<u8> {
    let inverse = match n {
        6 => 8,
        8 => 6,
        n => n,
    };
    let mut stored = DynamicImage::ImageRgb8(upright.clone());
    stored.apply_orientation(Orientation::from_exif(inverse).unwrap());
    with_app1(
        &encode_jpeg(&stored.into_rgb8(), 95),
        &exif_app1(Some(u16::from(n)), None, None),
    )
}

#[test]
fn capture_time_is_read_with_its_offset_and_missing_or_malformed_tags_are_none() {
    let jpeg = encode_jpeg(&asymmetric(32, 32), 90);
    let read = |app1: Vec<u8>| {
        decode(&with_app1(&jpeg, &app1), &Limits::default())
            .unwrap()
            .taken_at
    };
    let t = read(exif_app1(
        Some(1),
        Some("2023:10:07 16:45:09"),
        Some("+08:00"),
    ))
    .unwrap();
    assert_eq!(
        (t.local.as_str(), t.offset_minutes),
        ("2023-10-07T16:45:09", Some(480))
    );
    assert_eq!(
        read(exif_app1(Some(6), Some("2023:10:07 16:45:09"), None))
            .unwrap()
            .offset_minutes,
        None
    );
    assert_eq!(read(exif_app1(Some(1), None, None)), None, "no time tag");
    assert_eq!(
        read(exif_app1(None, Some("0000:00:00 00:00:00"), None)),
        None,
        "blank time"
    );
    assert_eq!(
        read(exif_app1(None, Some("yesterday at noon!!"), None)),
        None,
        "malformed time"
    );
    assert_eq!(
        decode(&jpeg, &Limits::default()).unwrap().taken_at,
        None,
        "no EXIF at all"
    );
    // A damaged EXIF block loses the metadata, not the photo.
    let mut broken = exif_app1(Some(1), Some("2023:10:07 16:45:09"), None);
    let len = broken.len();
    broken[len - 30..].fill(0xEE);
    let d = decode(&with_app1(&jpeg, &broken), &Limits::default()).unwrap();
    assert_eq!(d.oriented_size(), (32, 32));
    let p = process_photo(
        &with_app1(
            &jpeg,
            &exif_app1(Some(8), Some("2021:01:02 03:04:05"), Some("-05:00")),
        ),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(p.info.taken_at.unwrap().offset_minutes, Some(-300));
}

#[test]
fn generated_fixtures_all_eight_orientations_come_out_upright() {
    let upright = asymmetric(160, 96);
    for n in 1..=8u8 {
        let bytes = jpeg_with_orientation(&upright, n);
        let decoded = decode(&bytes, &Limits::default()).unwrap();
        assert_eq!(
            decoded.orientation,
            Orientation::from_exif(n).unwrap(),
            "tag {n} read"
        );
        let out = decoded.oriented_rgb();
        assert_eq!(out.dimensions(), (160, 96), "orientation {n}");
        assert!(mean_abs_diff(&out, &upright) < 4.0, "orientation {n}");
        // The corners prove the direction, not just the shape.
        assert!(
            out.get_pixel(5, 5)[0] > 180,
            "orientation {n}: red top-left"
        );
        assert!(
            out.get_pixel(154, 90)[2] > 180,
            "orientation {n}: blue bottom-right"
        );
    }
}

#[test]
fn truncated_empty_and_garbage_files_get_specific_errors() {
    let full = encode_jpeg(&asymmetric(64, 64), 90);
    assert_eq!(
        decode(&full[..full.len() / 2], &Limits::default()).err(),
        Some(ImagingError::Truncated {
            format: "JPEG".into()
        })
    );
    let landscape = std::fs::read(shared_fixtures().join("Landscape_0.jpg")).unwrap();
    assert!(matches!(
        decode(&landscape[..landscape.len() * 2 / 3], &Limits::default()),
        Err(ImagingError::Truncated { .. })
    ));
    let progressive = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/progressive.jpg"
    ))
    .unwrap();
    assert!(
        progressive.windows(2).any(|w| w == [0xFF, 0xC2]),
        "the fixture is progressive"
    );
    assert_eq!(
        decode(&progressive, &Limits::default())
            .unwrap()
            .oriented_size(),
        (450, 300)
    );
    for cut in [
        progressive.len() / 3,
        progressive.len() * 3 / 4,
        progressive.len() - 2,
    ] {
        assert_eq!(
            decode(&progressive[..cut], &Limits::default()).err(),
            Some(ImagingError::Truncated {
                format: "JPEG".into()
            }),
            "cut at {cut}"
        );
    }
    // Bytes after the end-of-image marker (a Motion Photo's video, say) are not a truncation,
    // even when they happen to contain scan and end markers.
    for tail in [
        noise_bytes(4096, 1),
        noise_bytes(4096, 2),
        vec![0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xFF],
    ] {
        let mut motion = full.clone();
        motion.extend(&tail);
        assert!(
            decode(&motion, &Limits::default()).is_ok(),
            "trailing data is fine"
        );
    }
    let mut progressive_motion = progressive.clone();
    progressive_motion.extend(noise_bytes(10_000, 3));
    assert!(decode(&progressive_motion, &Limits::default()).is_ok());
    assert_eq!(
        decode(&[], &Limits::default()).err(),
        Some(ImagingError::Empty)
    );
    assert_eq!(
        decode(b"Shot list:\n1. wide, beach\n", &Limits::default()).err(),
        Some(ImagingError::NotAnImage)
    );
    let mut noise = vec![0u8; 4096];
    let mut x = 0x2545F491u32;
    for b in &mut noise {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    assert_eq!(
        decode(&noise, &Limits::default()).err(),
        Some(ImagingError::NotAnImage)
    );
    // A JPEG signature followed by junk is damaged, not "not an image".
    let mut junk = vec![0xFF, 0xD8, 0xFF, 0xE0];
    junk.extend(&noise[..200]);
    assert!(matches!(
        decode(&junk, &Limits::default()),
        Err(ImagingError::Corrupt { .. } | ImagingError::Truncated { .. })
    ));
}

fn noise_bytes(n: usize, seed: u32) -> Vec<u8> {
    let mut x = 0x2545F491u32 ^ seed.wrapping_mul(0x9E37_79B9);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn other_image_kinds_are_named() {
    // HEIC is decoded (imaging::heic); AVIF, its AV1-coded sibling, is not.
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
    assert_eq!(sniff(heic), Ok(Format::Heic));
    let avif = sniff(b"\0\0\0\x1cftypavif").unwrap_err();
    assert_eq!(
        avif,
        ImagingError::UnsupportedFormat {
            format: "AVIF".into()
        }
    );
    assert!(avif.to_string().contains("JPEG"), "says what to do");
    assert!(matches!(
        sniff(b"II*\0\x08\0\0\0"),
        Err(ImagingError::UnsupportedFormat { .. })
    ));
    assert_eq!(
        sniff(b"\0\0\0\x18ftypisom"),
        Err(ImagingError::NotAnImage),
        "a video"
    );
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend(data);
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
}

/// A tiny PNG whose header claims `w`×`h`: a decompression bomb if decoded.
pub(crate) fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0, 0, 0, 0, 1]);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_bomb_header_is_refused_before_decoding() {
    let bomb = bomb_png(20_000, 20_000);
    assert!(bomb.len() < 100);
    let err = decode(&bomb, &Limits::default()).err().unwrap();
    assert_eq!(
        err,
        ImagingError::TooManyPixels {
            width: 20_000,
            height: 20_000,
            max_pixels: 100_000_000
        }
    );
    assert!(err.to_string().contains("20000 × 20000"), "{err}");
}

#[test]
fn file_size_limit() {
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let big = encode_jpeg(&asymmetric(200, 200), 95);
    assert!(matches!(
        decode(&big, &limits),
        Err(ImagingError::FileTooLarge { .. })
    ));
}

#[test]
fn png_with_alpha_webp_and_gif_decode() {
    let mut rgba = image::RgbaImage::new(40, 30);
    for (x, _, p) in rgba.enumerate_pixels_mut() {
        *p = image::Rgba([0, 0, 0, if x < 20 { 0 } else { 255 }]);
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(rgba.as_raw(), 40, 30, image::ExtendedColorType::Rgba8)
        .unwrap();
    let p = process_photo(&png, &Limits::default()).unwrap();
    assert_eq!(
        (p.info.width, p.info.height, p.info.mime.as_str()),
        (40, 30, "image/png")
    );
    let thumb = decode(&p.thumbnail_jpeg, &Limits::default())
        .unwrap()
        .oriented_rgb();
    assert!(
        thumb.get_pixel(2, 15)[0] > 240,
        "transparent becomes white, not black"
    );
    assert!(thumb.get_pixel(37, 15)[0] < 15);

    let rgb = asymmetric(50, 20);
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(rgb.as_raw(), 50, 20, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert_eq!(
        decode(&webp, &Limits::default()).unwrap().oriented_rgb(),
        rgb
    );

    let mut gif = Vec::new();
    let frame = image::Frame::new(DynamicImage::ImageRgb8(rgb.clone()).into_rgba8());
    image::codecs::gif::GifEncoder::new(&mut gif)
        .encode_frames([frame])
        .unwrap();
    let decoded = decode(&gif, &Limits::default()).unwrap();
    assert_eq!(
        (decoded.format, decoded.oriented_size()),
        (Format::Gif, (50, 20))
    );
}

#[test]
fn thumbnails_fit_and_never_enlarge() {
    use super::thumbnail::fit_within;
    assert_eq!(fit_within(4032, 3024, 480), (480, 360));
    assert_eq!(fit_within(3024, 4032, 480), (360, 480));
    assert_eq!(fit_within(100, 50, 480), (100, 50));
    assert_eq!(fit_within(20_000, 1, 480), (480, 1));
    let p = process_photo(&encode_jpeg(&asymmetric(100, 60), 90), &Limits::default()).unwrap();
    assert_eq!((p.info.thumb_width, p.info.thumb_height), (100, 60));
}

#[test]
fn the_same_bytes_get_the_same_id() {
    let bytes = encode_jpeg(&asymmetric(30, 30), 90);
    let a = process_photo(&bytes, &Limits::default()).unwrap();
    let b = process_photo(&bytes, &Limits::default()).unwrap();
    assert_eq!(a.info.id, b.info.id);
    assert_eq!(a.info.id, PhotoId::of_bytes(&bytes));
}

#[test]
fn thumbnails_carry_no_exif() {
    let bytes = std::fs::read(shared_fixtures().join("Landscape_6.jpg")).unwrap();
    assert!(bytes.windows(4).any(|w| w == b"Exif"));
    let p = process_photo(&bytes, &Limits::default()).unwrap();
    assert!(!p.thumbnail_jpeg.windows(4).any(|w| w == b"Exif"));
}

#[test]
fn exported_frames_are_the_upright_crop_at_the_export_size_without_exif() {
    use crate::model::Crop;
    let upright = asymmetric(800, 600);
    // Stored rotated with EXIF orientation 6 and a GPS-bearing EXIF block: the export is upright.
    let bytes = jpeg_with_orientation(&upright, 6);
    assert!(bytes.windows(4).any(|w| w == b"Exif"));
    // The top-left quarter (the red block) at a 200 px long edge.
    let crop = Crop {
        x: 0.0,
        y: 0.0,
        w: 0.25,
        h: 0.25,
    };
    let jpeg = render_frame(&bytes, crop, 200, 90, &Limits::default()).unwrap();
    assert!(
        !jpeg.windows(4).any(|w| w == b"Exif"),
        "no EXIF leaves in an export"
    );
    let out = image::load_from_memory(&jpeg).unwrap().into_rgb8();
    assert_eq!(out.dimensions(), render_size(crop, (800, 600), 200));
    assert_eq!(out.dimensions(), (200, 150));
    let centre = out.get_pixel(100, 75);
    assert!(
        centre[0] > 180 && centre[2] < 80,
        "the red block, upright: {centre:?}"
    );
    // Never enlarged: a 3840 px export of a 200 px crop stays 200 px.
    assert_eq!(render_size(crop, (800, 600), 3840), (200, 150));
    // A "Fit" crop wider than the photo gets black bars at the sides.
    let fit = Crop {
        x: -0.25,
        y: 0.0,
        w: 1.5,
        h: 1.0,
    };
    let out =
        image::load_from_memory(&render_frame(&bytes, fit, 300, 90, &Limits::default()).unwrap())
            .unwrap()
            .into_rgb8();
    assert_eq!(out.dimensions(), (300, 150));
    assert!(
        out.get_pixel(5, 75).0.iter().all(|c| *c < 20),
        "left bar is black"
    );
    assert!(
        out.get_pixel(294, 75).0.iter().all(|c| *c < 20),
        "right bar is black"
    );
    assert!(
        out.get_pixel(150, 75).0.iter().any(|c| *c > 60),
        "the photo is in the middle"
    );
    // Bad input is an error, not a panic; so is a sub-pixel crop at the edge of a tiny photo.
    assert!(render_frame(b"not an image", crop, 200, 90, &Limits::default()).is_err());
    let tiny = encode_jpeg(&asymmetric(10, 10), 90);
    for c in [
        Crop {
            x: 0.95,
            y: 0.95,
            w: 0.05,
            h: 0.05,
        },
        Crop {
            x: 0.0,
            y: 0.0,
            w: 0.01,
            h: 0.01,
        },
        Crop {
            x: 1.2,
            y: -0.5,
            w: 0.1,
            h: 0.1,
        },
    ] {
        let out = render_frame(&tiny, c, 1920, 90, &Limits::default()).unwrap();
        assert!(image::load_from_memory(&out).is_ok(), "{c:?}");
    }
}

#[test]
fn jpeg_thumbnails_come_from_a_reduced_scale_decode() {
    let big = encode_jpeg(&asymmetric(4032, 3024), 85);
    let s = scaled::decode_scaled(
        &big,
        |w, h| f64::from(THUMBNAIL_EDGE) / f64::from(w.max(h)),
        &Limits::default(),
    )
    .unwrap()
    .expect("a baseline JPEG decodes scaled");
    assert_eq!(s.full, (4032, 3024));
    assert_eq!(
        s.image.dimensions(),
        (504, 378),
        "1/8 scale: the smallest that still reaches 480 px"
    );
    let p = process_photo(&big, &Limits::default()).unwrap();
    assert_eq!(
        (
            p.info.width,
            p.info.height,
            p.info.thumb_width,
            p.info.thumb_height
        ),
        (4032, 3024, 480, 360)
    );
    // The picture is the same as from the full decode (red block top-left, blue bottom-right).
    let thumb = image::load_from_memory(&p.thumbnail_jpeg)
        .unwrap()
        .into_rgb8();
    let full = resize_rgb(
        &decode(&big, &Limits::default()).unwrap().oriented_rgb(),
        THUMBNAIL_EDGE,
    );
    assert!(mean_abs_diff(&thumb, &full) < 4.0);
    // A header announcing too many pixels is refused before decoding, on this path too.
    let limits = Limits {
        max_pixels: 1_000_000,
        ..Limits::default()
    };
    assert!(matches!(
        process_photo(&big, &limits),
        Err(ImagingError::TooManyPixels { .. })
    ));
}

#[test]
fn exported_frames_decode_only_as_much_as_the_export_needs() {
    use crate::model::Crop;
    let upright = asymmetric(4032, 3024);
    let bytes = jpeg_with_orientation(&upright, 6); // stored 3024 × 4032, shown 4032 × 3024
    let whole = Crop::FULL;
    // 1920 px from the whole photo: 1/2 scale (2016 px) is enough; the frame is the planned size.
    let out = image::load_from_memory(
        &render_frame(&bytes, whole, 1920, 90, &Limits::default()).unwrap(),
    )
    .unwrap()
    .into_rgb8();
    assert_eq!(out.dimensions(), render_size(whole, (4032, 3024), 1920));
    let reference = resize_rgb(&upright, 1920);
    assert!(
        mean_abs_diff(&out, &reference) < 5.0,
        "same picture as from the full decode, upright"
    );
    // A small crop needs the full resolution; its size is still the planned one.
    let small = Crop {
        x: 0.7,
        y: 0.7,
        w: 0.25,
        h: 0.25,
    };
    let out = image::load_from_memory(
        &render_frame(&bytes, small, 1920, 90, &Limits::default()).unwrap(),
    )
    .unwrap()
    .into_rgb8();
    assert_eq!(out.dimensions(), (1008, 756));
    let centre = out.get_pixel(504, 378);
    assert!(
        centre[2] > 180 && centre[0] < 80,
        "the blue block: {centre:?}"
    );
}

#[test]
fn warming_up_runs_the_phone_photo_path() {
    // A phone-width JPEG: its thumbnail is 480 px wide, as a 4032 px photo's is.
    let info = warm_up(2).expect("the synthetic photo decodes");
    assert_eq!(
        (info.width, info.height, info.thumb_width, info.thumb_height),
        (3840, 64, 480, 8)
    );
    assert_eq!(info.mime, "image/jpeg");
    assert!(warm_up(0).is_none());
}

#[test]
fn a_photo_blob_type_comes_from_its_bytes_and_only_raster_types_are_shown() {
    // A PNG that is also an HTML page (the attack: restored typed text/html, opened in a tab).
    let polyglot = [
        &b"\x89PNG\r\n\x1a\n"[..],
        b"<html><script>alert(document.domain)</script>",
    ]
    .concat();
    assert_eq!(photo_mime(&polyglot), Some("image/png"));
    assert_eq!(
        photo_mime(&polyglot[..SNIFF_LEN]),
        Some("image/png"),
        "the first SNIFF_LEN bytes are enough"
    );
    assert_eq!(photo_mime(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
    assert_eq!(photo_mime(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
    assert_eq!(photo_mime(b"GIF89a"), Some("image/gif"));
    for not_a_photo in [
        &b"<!doctype html><script>x</script>"[..],
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"",
        b"\0\0\0\x18ftypisom",
    ] {
        assert_eq!(photo_mime(not_a_photo), None);
    }
    for shown in ["image/jpeg", "image/png", "image/webp", "image/gif"] {
        assert!(is_photo_mime(shown), "{shown}");
    }
    for refused in [
        "text/html",
        "image/svg+xml",
        "application/xhtml+xml",
        "text/xml",
        "",
        "application/octet-stream",
        "IMAGE/PNG",
        "image/png; charset=utf-8",
    ] {
        assert!(!is_photo_mime(refused), "{refused}");
    }
}
