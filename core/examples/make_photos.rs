//! Deterministic phone-like test photos for the benchmarks (`bench/run.mjs`):
//! `cargo run --release -p flowboard-core --example make_photos -- <dir> <count> [--small]`.
//!
//! 12 MP (4032 × 3024) JPEGs with photo-like content (gradients, soft shapes, grain), a third of
//! them progressive, every fifth rotated by EXIF (orientation 6, stored portrait), and — when
//! there are at least 10 — two at 48 MP (8064 × 6048), as from a recent phone's main camera.
//! `--small` makes 800 × 600 photos (the benchmarks' smoke mode).

use image::{Rgb, RgbImage};

fn photo(w: u32, h: u32, seed: u32) -> RgbImage {
    let mut s = seed.wrapping_mul(0x9e37_79b9) | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        s
    };
    let blobs: Vec<(f32, f32, f32, [f32; 3])> = (0..24)
        .map(|_| {
            let mut r = |n: u32| (next() % n) as f32;
            (r(w), r(h), 40.0 + r(w / 4), [r(255), r(255), r(255)])
        })
        .collect();
    let base = [
        (seed * 37 % 200) as f32,
        (seed * 91 % 200) as f32,
        (seed * 53 % 200) as f32,
    ];
    let mut grain = next();
    RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let mut c = [
            base[0] + fx / w as f32 * 50.0,
            base[1] + fy / h as f32 * 50.0,
            base[2],
        ];
        for (bx, by, br, col) in &blobs {
            let d = ((fx - bx).powi(2) + (fy - by).powi(2)).sqrt();
            if d < *br {
                let a = 0.5 * (1.0 - d / br);
                for k in 0..3 {
                    c[k] = c[k] * (1.0 - a) + col[k] * a;
                }
            }
        }
        grain ^= grain << 13;
        grain ^= grain >> 17;
        grain ^= grain << 5;
        let g = (grain & 15) as f32 - 7.5;
        Rgb([
            (c[0] + g).clamp(0.0, 255.0) as u8,
            (c[1] + g).clamp(0.0, 255.0) as u8,
            (c[2] + g).clamp(0.0, 255.0) as u8,
        ])
    })
}

/// A big-endian EXIF APP1 segment holding only an orientation.
fn exif_orientation(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // value padding, next IFD = 0
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\x00\x00");
    app1.extend(tiff);
    app1
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(
        args.get(1)
            .expect("usage: make_photos <dir> <count> [--small]"),
    );
    let count: u32 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(50);
    let small = args.iter().any(|a| a == "--small");
    std::fs::create_dir_all(&dir).expect("the output folder");
    for i in 0..count {
        let big = !small && count >= 10 && (i == 3 || i == count / 2);
        let (w, h) = if small {
            (800, 600)
        } else if big {
            (8064, 6048)
        } else {
            (4032, 3024)
        };
        let rotated = i % 5 == 1;
        // A rotated photo is stored portrait; EXIF orientation 6 turns it back to landscape.
        let pixels = if rotated {
            image::imageops::rotate270(&photo(w, h, i + 1))
        } else {
            photo(w, h, i + 1)
        };
        let mut jpeg = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 88);
        encoder.set_progressive(i % 3 == 2);
        encoder
            .encode(
                pixels.as_raw(),
                pixels.width() as u16,
                pixels.height() as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .expect("encoding");
        if rotated {
            jpeg.splice(2..2, exif_orientation(6));
        }
        std::fs::write(dir.join(format!("IMG_{:04}.jpg", i + 1)), jpeg).expect("writing a photo");
    }
}
