//! Native micro-benchmarks of the imaging pipeline, per megapixel (`cargo bench -p flowboard-core`;
//! `-- --quick` for a short run). Same code as the worker runs in wasm; natively they show where
//! the time goes and catch regressions, the browser figures are in `bench/run.mjs`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flowboard_core::imaging::dc::decode_dc;
use flowboard_core::imaging::{
    decode, encode_jpeg, process_photo, render_frame, resize_rgb, Limits,
};
use flowboard_core::model::Crop;
use image::{Rgb, RgbImage};
use std::hint::black_box;

/// A photo-like test picture: gradients and blocks with grain, so encoders and decoders work as
/// on a real photo rather than on flat colour.
fn picture(w: u32, h: u32) -> RgbImage {
    let mut seed = 0x9e37_79b9u32;
    RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed & 15) as u8;
        let block = (((x / 97) ^ (y / 61)) & 1) as u8 * 40;
        Rgb([
            (x * 200 / w) as u8 + grain + block,
            (y * 200 / h) as u8 + grain,
            ((x + y) * 100 / (w + h)) as u8 + block,
        ])
    })
}

fn imaging(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("imaging");
    group.sample_size(10);
    for (name, w, h) in [("12MP", 4032u32, 3024u32), ("48MP", 8064, 6048)] {
        let rgb = picture(w, h);
        let jpeg = encode_jpeg(&rgb, 90);
        let mp = u64::from(w * h);
        group.throughput(Throughput::Elements(mp));
        group.bench_with_input(BenchmarkId::new("decode_full", name), &jpeg, |b, j| {
            b.iter(|| decode(black_box(j), &limits).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("thumbnail", name), &jpeg, |b, j| {
            b.iter(|| process_photo(black_box(j), &limits).unwrap())
        });
        // The two 1/8-scale readers side by side: block averages only, and jpeg-decoder.
        group.bench_with_input(BenchmarkId::new("eighth_dc_only", name), &jpeg, |b, j| {
            b.iter(|| decode_dc(black_box(j), (w, h)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("eighth_jpeg_decoder", name),
            &jpeg,
            |b, j| {
                b.iter(|| {
                    let mut d = jpeg_decoder::Decoder::new(black_box(&j[..]));
                    d.read_info().unwrap();
                    d.scale((w / 8) as u16, (h / 8) as u16).unwrap();
                    d.decode().unwrap()
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("resize_to_480", name), &rgb, |b, r| {
            b.iter(|| resize_rgb(black_box(r), 480))
        });
        let crop = Crop {
            x: 0.1,
            y: 0.1,
            w: 0.8,
            h: 0.6,
        };
        group.bench_with_input(
            BenchmarkId::new("render_frame_1920", name),
            &jpeg,
            |b, j| b.iter(|| render_frame(black_box(j), crop, 1920, 85, &limits).unwrap()),
        );
        let frame = resize_rgb(&rgb, 1920);
        group.throughput(Throughput::Elements(u64::from(
            frame.width() * frame.height(),
        )));
        group.bench_with_input(
            BenchmarkId::new("encode_jpeg_q85", "1920px"),
            &frame,
            |b, f| b.iter(|| encode_jpeg(black_box(f), 85)),
        );
    }
    group.finish();
}

criterion_group!(benches, imaging);
criterion_main!(benches);
