//! HEIC fixtures made by Debian's `heif-enc` (libheif-examples) from pictures drawn here, checked
//! against libheif's own `heif-convert`. What `heif-enc` cannot write (grids, `irot`/`imir`, a
//! `colr nclx` box, an EXIF item) is made by [`mux`], which rewraps `heif-enc`'s coded pictures
//! in a container written here. Without the tools the tests say so and pass (scripts/setup.sh
//! installs them, so CI always runs them).

use super::*;
use crate::imaging::{decode, encode_jpeg, process_photo, resize_rgb, Format, THUMBNAIL_EDGE};
use image::{ImageEncoder, Rgb, RgbImage};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `heif-enc` and `heif-convert` are installed; prints why a test is skipped if not.
fn tools() -> bool {
    let ok = ["heif-enc", "heif-convert"].iter().all(|t| {
        Command::new(t)
            .arg("--help")
            .output()
            .map(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
            .unwrap_or(false)
    });
    if !ok {
        eprintln!("skipped: heif-enc/heif-convert are not installed (scripts/setup.sh installs libheif-examples)");
    }
    ok
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flowboard-heic-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A photo-like test picture: gradients, saturated blocks and fine detail, asymmetric.
pub(crate) fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        if x < w / 4 && y < h / 4 {
            Rgb([220, 30, 40])
        } else if x >= w * 3 / 4 && y >= h * 3 / 4 {
            Rgb([30, 40, 210])
        } else if (x / 8 + y / 8) % 7 == 0 {
            Rgb([250, 250, 250])
        } else {
            Rgb([
                (x * 255 / w) as u8,
                (y * 255 / h) as u8,
                (((x + y) * 255) / (w + h)) as u8,
            ])
        }
    })
}

fn write_png(path: &Path, image: &RgbImage, icc: Option<Vec<u8>>) {
    let mut out = Vec::new();
    let mut encoder = image::codecs::png::PngEncoder::new(&mut out);
    if let Some(icc) = icc {
        encoder.set_icc_profile(icc).unwrap();
    }
    encoder
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    std::fs::write(path, out).unwrap();
}

/// `heif-enc` on a PNG of `image` (16-bit when `ten_bit`, so it codes 10 bits).
pub(crate) fn heif_enc(name: &str, image: &RgbImage, args: &[&str], ten_bit: bool) -> Vec<u8> {
    heif_enc_png(name, args, |png| {
        if ten_bit {
            let wide = image::DynamicImage::ImageRgb8(image.clone()).into_rgb16();
            wide.save(png).unwrap();
        } else {
            write_png(png, image, None);
        }
    })
}

fn heif_enc_png(name: &str, args: &[&str], make_png: impl FnOnce(&Path)) -> Vec<u8> {
    let dir = scratch(name);
    let (png, heic) = (dir.join("in.png"), dir.join("out.heic"));
    make_png(&png);
    let out = Command::new("heif-enc")
        .args(args)
        .arg("-o")
        .arg(&heic)
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success(), "heif-enc: {out:?}");
    std::fs::read(heic).unwrap()
}

/// libheif's reading of `bytes`, as 8-bit RGB.
pub(crate) fn heif_convert(name: &str, bytes: &[u8]) -> RgbImage {
    let dir = scratch(name);
    let (heic, png) = (dir.join("ref.heic"), dir.join("ref.png"));
    std::fs::write(&heic, bytes).unwrap();
    let out = Command::new("heif-convert")
        .arg(&heic)
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success(), "heif-convert: {out:?}");
    assert!(
        std::fs::metadata(&png).is_ok_and(|m| m.len() > 0),
        "heif-convert wrote no picture: {out:?}"
    );
    // Without the ICC profile heif-convert copies into the PNG (the pixels are what is compared,
    // and the PNG reader refuses a minimal profile).
    let png = std::fs::read(png).unwrap();
    let mut kept = png[..8].to_vec();
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        if &png[at + 4..at + 8] != b"iCCP" {
            kept.extend(&png[at..at + 12 + len]);
        }
        at += 12 + len;
    }
    image::load_from_memory(&kept).unwrap().into_rgb8()
}

use crate::imaging::tests::mad;

/// Decodes `bytes` here and with `heif-convert`, and asserts they agree within 1.5 levels.
fn agrees(name: &str, bytes: &[u8]) -> RgbImage {
    let ours = decode(bytes, &Limits::default()).unwrap();
    assert_eq!(ours.format, Format::Heic);
    let ours = ours.oriented_rgb();
    let reference = heif_convert(name, bytes);
    let d = mad(&ours, &reference);
    eprintln!("{name}: mean abs diff against heif-convert {d:.3} levels");
    assert!(
        d <= 1.5,
        "{name}: mean abs diff {d:.3} against heif-convert"
    );
    ours
}

// ── A container of our own around heif-enc's coded pictures ──────────────────────────────────

fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(body);
    out
}

fn full(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    let mut b = vec![version, 0, 0, 0];
    b.extend(body);
    bx(kind, &b)
}

/// One coded picture of a `heif-enc` file: its `hvcC` box and its data.
pub(crate) struct Coded {
    hvcc: Vec<u8>,
    data: Vec<u8>,
}

pub(crate) fn coded(heic: &[u8]) -> Coded {
    let at = heic.windows(4).position(|w| w == b"hvcC").unwrap() - 4;
    let len = u32::from_be_bytes(heic[at..at + 4].try_into().unwrap()) as usize;
    let ctx = heic_rs::context::Context::open(heic).unwrap();
    Coded {
        hvcc: heic[at..at + len].to_vec(),
        data: ctx.item_data(ctx.meta.primary).unwrap().into_owned(),
    }
}

/// What [`mux`] writes around the pictures.
#[derive(Default)]
pub(crate) struct Mux {
    /// Grid columns and output size, when the pictures are a grid's tiles (row-major).
    pub grid: Option<(u8, u16, u16)>,
    /// `ispe` of a single picture, when it should differ from the picture's own size.
    pub ispe: Option<(u32, u32)>,
    pub irot: Option<u8>,
    pub imir: Option<u8>,
    /// `colr nclx`: primaries, transfer, matrix, full range.
    pub nclx: Option<(u16, u16, u16, bool)>,
    /// `colr prof`: an ICC profile.
    pub icc: Option<Vec<u8>>,
    /// An EXIF item (a TIFF block).
    pub exif: Option<Vec<u8>>,
    /// A thumbnail item (`thmb`) of the primary image.
    pub thumbnail: Option<(Coded, u32, u32)>,
    /// The dimg list repeats the first tile this many times instead (hostile grids).
    pub repeat_tile: Option<u16>,
}

/// A HEIC file holding `pictures` (each `(coded, width, height)`) as `m` says.
pub(crate) fn mux(pictures: &[(&Coded, u32, u32)], m: &Mux) -> Vec<u8> {
    let build = |offsets: &[u32]| -> Vec<u8> {
        let n = pictures.len() as u16;
        let grid_id = n + 1;
        let exif_id = n + 2;
        let thumb_id = n + 3;
        let primary = if m.grid.is_some() { grid_id } else { 1 };
        let mut props: Vec<Vec<u8>> = Vec::new();
        let mut assoc: Vec<(u16, Vec<u8>)> = Vec::new();
        let ispe = |w: u32, h: u32| {
            let mut b = w.to_be_bytes().to_vec();
            b.extend(h.to_be_bytes());
            full(b"ispe", 0, &b)
        };
        let mut extra: Vec<Vec<u8>> = Vec::new();
        if let Some((p, t, mx, f)) = m.nclx {
            let mut b = b"nclx".to_vec();
            b.extend(p.to_be_bytes());
            b.extend(t.to_be_bytes());
            b.extend(mx.to_be_bytes());
            b.push(if f { 0x80 } else { 0 });
            extra.push(bx(b"colr", &b));
        }
        if let Some(icc) = &m.icc {
            extra.push(bx(b"colr", &[b"prof".as_slice(), icc].concat()));
        }
        if let Some(r) = m.irot {
            extra.push(bx(b"irot", &[r]));
        }
        if let Some(a) = m.imir {
            extra.push(bx(b"imir", &[a]));
        }
        for (i, (c, w, h)) in pictures.iter().enumerate() {
            props.push(c.hvcc.clone());
            let hv = props.len() as u8;
            let (w, h) = if m.grid.is_none() {
                m.ispe.unwrap_or((*w, *h))
            } else {
                (*w, *h)
            };
            props.push(ispe(w, h));
            let mut list = vec![0x80 | hv, props.len() as u8];
            if m.grid.is_none() {
                for e in &extra {
                    props.push(e.clone());
                    list.push(0x80 | props.len() as u8);
                }
            }
            assoc.push((i as u16 + 1, list));
        }
        if let Some((t, w, h)) = &m.thumbnail {
            props.push(t.hvcc.clone());
            let hv = props.len() as u8;
            props.push(ispe(*w, *h));
            assoc.push((thumb_id, vec![0x80 | hv, props.len() as u8]));
        }
        let mut grid_data = Vec::new();
        if let Some((cols, ow, oh)) = m.grid {
            let tiles = m.repeat_tile.unwrap_or(n);
            let rows = tiles.div_ceil(u16::from(cols));
            grid_data = vec![0, 0, (rows - 1) as u8, cols - 1];
            grid_data.extend(ow.to_be_bytes());
            grid_data.extend(oh.to_be_bytes());
            props.push(ispe(u32::from(ow), u32::from(oh)));
            let mut list = vec![props.len() as u8];
            for e in &extra {
                props.push(e.clone());
                list.push(0x80 | props.len() as u8);
            }
            assoc.push((grid_id, list));
        }
        let mut infe = Vec::new();
        let mut count = 0u16;
        let mut entry = |id: u16, kind: &[u8; 4], hidden: bool| {
            let mut b = vec![2, 0, 0, u8::from(hidden)]; // version 2; flag 1: hidden (a grid's tiles)
            b.extend(id.to_be_bytes());
            b.extend([0, 0]);
            b.extend(kind);
            b.push(0);
            infe.extend(bx(b"infe", &b));
            count += 1;
        };
        for i in 0..n {
            entry(i + 1, b"hvc1", m.grid.is_some());
        }
        if m.grid.is_some() {
            entry(grid_id, b"grid", false);
        }
        if m.exif.is_some() {
            entry(exif_id, b"Exif", false);
        }
        if m.thumbnail.is_some() {
            entry(thumb_id, b"hvc1", false);
        }
        let mut iinf = count.to_be_bytes().to_vec();
        iinf.extend(infe);
        let mut iref = Vec::new();
        if m.grid.is_some() {
            let tiles: Vec<u16> = match m.repeat_tile {
                Some(k) => vec![1; usize::from(k)],
                None => (1..=n).collect(),
            };
            let mut b = grid_id.to_be_bytes().to_vec();
            b.extend((tiles.len() as u16).to_be_bytes());
            for t in tiles {
                b.extend(t.to_be_bytes());
            }
            iref.extend(bx(b"dimg", &b));
        }
        if m.exif.is_some() {
            let mut b = exif_id.to_be_bytes().to_vec();
            b.extend(1u16.to_be_bytes());
            b.extend(primary.to_be_bytes());
            iref.extend(bx(b"cdsc", &b));
        }
        if m.thumbnail.is_some() {
            let mut b = thumb_id.to_be_bytes().to_vec();
            b.extend(1u16.to_be_bytes());
            b.extend(primary.to_be_bytes());
            iref.extend(bx(b"thmb", &b));
        }
        let mut ipma = (assoc.len() as u32).to_be_bytes().to_vec();
        for (id, list) in &assoc {
            ipma.extend(id.to_be_bytes());
            ipma.push(list.len() as u8);
            ipma.extend(list);
        }
        let ipco: Vec<u8> = props.concat();
        let iprp = bx(
            b"iprp",
            &[bx(b"ipco", &ipco), full(b"ipma", 0, &ipma)].concat(),
        );
        // iloc v0: 4-byte offsets and lengths, no base offset.
        let mut items: Vec<(u16, usize)> = pictures
            .iter()
            .enumerate()
            .map(|(i, (c, _, _))| (i as u16 + 1, c.data.len()))
            .collect();
        if m.grid.is_some() {
            items.push((grid_id, grid_data.len()));
        }
        if let Some(e) = &m.exif {
            items.push((exif_id, e.len() + 4));
        }
        if let Some((t, _, _)) = &m.thumbnail {
            items.push((thumb_id, t.data.len()));
        }
        let mut iloc = vec![0x44, 0x00];
        iloc.extend((items.len() as u16).to_be_bytes());
        for (k, (id, len)) in items.iter().enumerate() {
            iloc.extend(id.to_be_bytes());
            iloc.extend([0, 0, 0, 1]);
            iloc.extend(offsets.get(k).copied().unwrap_or(0).to_be_bytes());
            iloc.extend((*len as u32).to_be_bytes());
        }
        let mut hdlr = vec![0; 4];
        hdlr.extend(b"pict");
        hdlr.extend([0; 13]);
        let meta = full(
            b"meta",
            0,
            &[
                full(b"hdlr", 0, &hdlr),
                full(b"pitm", 0, &primary.to_be_bytes()),
                full(b"iinf", 0, &iinf),
                if iref.is_empty() {
                    Vec::new()
                } else {
                    full(b"iref", 0, &iref)
                },
                iprp,
                full(b"iloc", 0, &iloc),
            ]
            .concat(),
        );
        let ftyp = bx(b"ftyp", b"heic\0\0\0\0mif1heic");
        let mut mdat = Vec::new();
        for (c, _, _) in pictures {
            mdat.extend(&c.data);
        }
        mdat.extend(&grid_data);
        if let Some(e) = &m.exif {
            mdat.extend([0, 0, 0, 0]);
            mdat.extend(e);
        }
        if let Some((t, _, _)) = &m.thumbnail {
            mdat.extend(&t.data);
        }
        [ftyp, meta, bx(b"mdat", &mdat)].concat()
    };
    // Offsets do not change the container's size: lay it out once, then with the real offsets.
    let draft = build(&[]);
    let mut at = (draft.len() - pictures.iter().map(|p| p.0.data.len()).sum::<usize>()) as u32;
    // The mdat's payload after the pictures: the grid's 8 bytes, the EXIF item.
    let tail = m.exif.as_ref().map_or(0, |e| e.len() + 4)
        + if m.grid.is_some() { 8 } else { 0 }
        + m.thumbnail.as_ref().map_or(0, |t| t.0.data.len());
    at -= tail as u32;
    let mut offsets = Vec::new();
    for (c, _, _) in pictures {
        offsets.push(at);
        at += c.data.len() as u32;
    }
    if m.grid.is_some() {
        offsets.push(at);
        at += 8;
    }
    if let Some(e) = &m.exif {
        offsets.push(at);
        at += e.len() as u32 + 4;
    }
    offsets.push(at);
    build(&offsets)
}

/// The TIFF block of an EXIF segment with `orientation` and a capture time.
fn exif_tiff(orientation: u16, taken: &str, offset: &str) -> Vec<u8> {
    crate::imaging::tests::exif_app1(Some(orientation), Some(taken), Some(offset))[10..].to_vec()
}

// ── The tests ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn sequence_parameter_sets_give_size_and_the_vui_range() {
    if !tools() {
        return;
    }
    let heic = heif_enc("sps", &picture(200, 120), &["-q", "80"], false);
    let c = coded(&heic);
    let ctx = heic_rs::context::Context::open(&heic).unwrap();
    let p = ctx.props(ctx.meta.primary).unwrap();
    let sets = p.hvcc.as_ref().unwrap().parameter_sets();
    let sps = sets.iter().find(|n| (n[0] >> 1) & 0x3f == 33).unwrap();
    let sps = Sps::parse(sps).unwrap();
    assert_eq!((sps.display_width, sps.display_height), (200, 120));
    assert!(sps.width >= 200 && sps.height >= 120);
    assert_eq!(sps.chroma_format, 1);
    // heif-enc's default: full range (its --full_range_flag), written only in the VUI.
    assert!(sps.full_range, "{sps:?}");
    assert!(!c.data.is_empty());
    assert!(
        !heic.windows(4).any(|w| w == b"colr"),
        "heif-enc 1.15 writes no colr box"
    );
}

#[test]
fn eight_bit_without_colr_agrees_with_heif_convert() {
    if !tools() {
        return;
    }
    let heic = heif_enc("8bit", &picture(640, 480), &["-q", "90"], false);
    let ours = agrees("8bit", &heic);
    assert_eq!(ours.dimensions(), (640, 480));
    // heic-rs on its own (limited range assumed) is what this module corrects.
    let theirs = heic_rs::decode(&heic, &heic_rs::DecodeOptions::default()).unwrap();
    let theirs = RgbImage::from_raw(theirs.width, theirs.height, theirs.data).unwrap();
    eprintln!(
        "8bit: heic-rs alone differs from heif-convert by {:.3} levels",
        mad(&theirs, &heif_convert("8bit-raw", &heic))
    );
}

#[test]
fn ten_bit_without_colr_agrees_with_heif_convert() {
    if !tools() {
        return;
    }
    let heic = heif_enc("10bit", &picture(320, 240), &["-q", "90", "-b", "10"], true);
    let info = heic_rs::probe(&heic).unwrap();
    assert_eq!(info.bit_depth, 10, "the fixture is 10-bit");
    agrees("10bit", &heic);
}

#[test]
fn limited_range_bt709_with_a_colr_nclx_box_agrees_with_heif_convert() {
    if !tools() {
        return;
    }
    for ten_bit in [false, true] {
        let name = if ten_bit { "nclx10" } else { "nclx8" };
        let mut args = vec!["-q", "90", "--matrix_coefficients=1", "--full_range_flag=0"];
        if ten_bit {
            args.extend(["-b", "10"]);
        }
        let enc = heif_enc(name, &picture(320, 240), &args, ten_bit);
        let heic = mux(
            &[(&coded(&enc), 320, 240)],
            &Mux {
                nclx: Some((1, 13, 1, false)),
                ..Mux::default()
            },
        );
        agrees(name, &heic);
    }
}

#[test]
fn an_icc_profile_box_is_read_past() {
    if !tools() {
        return;
    }
    // What a phone writes beside its pictures: a display profile in a `colr prof` box (a
    // minimal one here). It is not applied (as for the other formats); it must not break the
    // decode nor change how the stream's own range is read.
    let mut icc = vec![0u8; 132];
    icc[..4].copy_from_slice(&132u32.to_be_bytes());
    icc[8..12].copy_from_slice(&[2, 0x10, 0, 0]);
    icc[12..16].copy_from_slice(b"mntr");
    icc[16..20].copy_from_slice(b"RGB ");
    icc[20..24].copy_from_slice(b"XYZ ");
    icc[36..40].copy_from_slice(b"acsp");
    for (k, v) in [0xF6D6u32, 0x1_0000, 0xD32D].iter().enumerate() {
        icc[68 + 4 * k..72 + 4 * k].copy_from_slice(&v.to_be_bytes()); // D50, as libpng checks
    }
    let enc = heif_enc("icc", &picture(320, 240), &["-q", "90"], false);
    let heic = mux(
        &[(&coded(&enc), 320, 240)],
        &Mux {
            icc: Some(icc),
            ..Mux::default()
        },
    );
    assert!(
        heic_rs::probe(&heic).unwrap().has_icc,
        "the fixture has a prof box"
    );
    agrees("icc", &heic);
}

/// `image` as phones store it: a grid of `tile`-sized pictures (the last row and column
/// overhang, padded with the edge's pixels), turned by `irot` if given.
/// With `thumbnail`, a `thmb` item of that size too (heif-enc's coding of `image` scaled).
pub(crate) fn grid_of(
    name: &str,
    image: &RgbImage,
    tile: (u32, u32),
    irot: Option<u8>,
    thumbnail: Option<(u32, u32)>,
) -> Vec<u8> {
    let (w, h) = image.dimensions();
    let (columns, rows) = (w.div_ceil(tile.0), h.div_ceil(tile.1));
    let mut tiles = Vec::new();
    for row in 0..rows {
        for col in 0..columns {
            let part = RgbImage::from_fn(tile.0, tile.1, |x, y| {
                let (px, py) = (col * tile.0 + x, row * tile.1 + y);
                *image.get_pixel(px.min(w - 1), py.min(h - 1))
            });
            tiles.push(coded(&heif_enc(
                &format!("{name}-{row}-{col}"),
                &part,
                &["-q", "90"],
                false,
            )));
        }
    }
    let pictures: Vec<_> = tiles.iter().map(|t| (t, tile.0, tile.1)).collect();
    mux(
        &pictures,
        &Mux {
            grid: Some((columns as u8, w as u16, h as u16)),
            irot,
            thumbnail: thumbnail.map(|(tw, th)| {
                let small = image::imageops::resize(image, tw, th, image::imageops::Triangle);
                let enc = heif_enc(&format!("{name}-thumb"), &small, &["-q", "80"], false);
                (coded(&enc), tw, th)
            }),
            ..Mux::default()
        },
    )
}

/// A 600 × 400 photo as a 2 × 2 grid of 320 × 224 tiles (the last row and column overhang),
/// turned by `irot` if given.
fn grid_fixture(name: &str, irot: Option<u8>) -> (RgbImage, Vec<u8>) {
    let image = picture(600, 400);
    let heic = grid_of(name, &image, (320, 224), irot, None);
    (image, heic)
}

#[test]
fn a_grid_image_agrees_with_heif_convert() {
    if !tools() {
        return;
    }
    let (image, heic) = grid_fixture("grid", None);
    assert!(heic_rs::probe(&heic).unwrap().is_grid);
    let ours = agrees("grid", &heic);
    assert_eq!(ours.dimensions(), (600, 400));
    // Tiles in their places: close to the picture drawn (HEVC at q 90).
    assert!(mad(&ours, &image) < 4.0, "{}", mad(&ours, &image));
}

#[test]
fn irot_and_imir_turn_the_photo_upright() {
    if !tools() {
        return;
    }
    let enc = heif_enc("rot", &picture(320, 240), &["-q", "90"], false);
    let plain = decode(&enc, &Limits::default()).unwrap().oriented_rgb();
    for irot in [1, 2, 3] {
        let heic = mux(
            &[(&coded(&enc), 320, 240)],
            &Mux {
                irot: Some(irot),
                ..Mux::default()
            },
        );
        let ours = agrees(&format!("irot{irot}"), &heic);
        assert_eq!(
            ours.dimensions(),
            if irot == 2 { (320, 240) } else { (240, 320) }
        );
        let p = process_photo(&heic, &Limits::default()).unwrap();
        assert_eq!(
            (p.info.width, p.info.height),
            ours.dimensions(),
            "the photo's size is its upright size"
        );
    }
    // imir, as ISO/IEC 23008-12 defines its axis (0: a vertical axis, left and right swap),
    // after irot when listed after it. Debian's libheif 1.15 swaps the two axes, so `imir` is
    // checked against the picture itself rather than heif-convert (phones write irot, not imir).
    use image::metadata::Orientation as O;
    for (irot, imir, expect) in [
        (None, 0, O::FlipHorizontal),
        (None, 1, O::FlipVertical),
        // A quarter turn anticlockwise, then left and right swap.
        (Some(1), 0, O::Rotate270FlipH),
    ] {
        let heic = mux(
            &[(&coded(&enc), 320, 240)],
            &Mux {
                irot,
                imir: Some(imir),
                ..Mux::default()
            },
        );
        let ours = decode(&heic, &Limits::default()).unwrap().oriented_rgb();
        let mut want = image::DynamicImage::ImageRgb8(plain.clone());
        want.apply_orientation(expect);
        assert_eq!(ours, want.into_rgb8(), "irot {irot:?} imir {imir}");
    }
    // A rotated grid: the transform is the grid's, applied to the whole photo.
    let (_, grid) = grid_fixture("rotgrid", Some(1));
    assert_eq!(agrees("rotgrid", &grid).dimensions(), (400, 600));
}

#[test]
fn exif_gives_the_capture_time_and_its_orientation_applies_only_without_irot() {
    if !tools() {
        return;
    }
    let enc = heif_enc("exif", &picture(320, 240), &["-q", "90"], false);
    let exif = exif_tiff(6, "2024:05:17 09:12:33", "+02:00");
    // As an iPhone writes it: irot says a quarter turn, EXIF orientation 6 says the same.
    let heic = mux(
        &[(&coded(&enc), 320, 240)],
        &Mux {
            irot: Some(3),
            exif: Some(exif.clone()),
            ..Mux::default()
        },
    );
    let ours = agrees("exif", &heic);
    assert_eq!(ours.dimensions(), (240, 320), "turned once, not twice");
    let p = process_photo(&heic, &Limits::default()).unwrap();
    assert_eq!(p.info.mime, "image/heic");
    assert_eq!((p.info.width, p.info.height), (240, 320));
    assert_eq!((p.info.thumb_width, p.info.thumb_height), (240, 320));
    let t = p.info.taken_at.unwrap();
    assert_eq!(
        (t.local.as_str(), t.offset_minutes),
        ("2024-05-17T09:12:33", Some(120))
    );
    // As heif-enc 1.15 writes a rotated JPEG: its EXIF, no irot. The EXIF turns it (libheif
    // shows it as stored, so the reference is heif-convert's pixels turned by the tag).
    let heic = mux(
        &[(&coded(&enc), 320, 240)],
        &Mux {
            exif: Some(exif),
            ..Mux::default()
        },
    );
    let ours = decode(&heic, &Limits::default()).unwrap().oriented_rgb();
    let mut reference = image::DynamicImage::ImageRgb8(heif_convert("exif-only", &heic));
    reference.apply_orientation(image::metadata::Orientation::Rotate90);
    let d = mad(&ours, &reference.into_rgb8());
    assert!(d <= 1.5, "EXIF-only orientation: {d:.3}");
    let p = process_photo(&heic, &Limits::default()).unwrap();
    assert_eq!((p.info.width, p.info.height), (240, 320));
}

#[test]
fn an_alpha_auxiliary_image_is_ignored() {
    if !tools() {
        return;
    }
    let image = picture(320, 240);
    let heic = heif_enc_png("alpha", &["-q", "90"], |png| {
        let rgba = image::RgbaImage::from_fn(320, 240, |x, y| {
            let p = image.get_pixel(x, y);
            image::Rgba([p[0], p[1], p[2], if x < 160 { 255 } else { 90 }])
        });
        rgba.save(png).unwrap();
    });
    assert!(
        heic_rs::probe(&heic).unwrap().has_alpha,
        "the fixture has alpha"
    );
    agrees("alpha", &heic);
}

#[test]
fn thumbnails_of_heic_are_upright_jpegs_at_the_thumbnail_edge() {
    if !tools() {
        return;
    }
    let (_, heic) = grid_fixture("thumb", None);
    let p = process_photo(&heic, &Limits::default()).unwrap();
    assert_eq!((p.info.width, p.info.height), (600, 400));
    assert_eq!(
        (p.info.thumb_width, p.info.thumb_height),
        (THUMBNAIL_EDGE, 320)
    );
    assert_eq!(&p.thumbnail_jpeg[..3], &[0xFF, 0xD8, 0xFF]);
    assert_eq!(p.info.mime, "image/heic");
}

#[test]
fn hostile_headers_are_refused_before_decoding() {
    if !tools() {
        return;
    }
    let enc = heif_enc("hostile", &picture(640, 480), &["-q", "50"], false);
    let c = coded(&enc);
    // ispe says 64 × 64, the SPS 640 × 480: the SPS is what the decoder would allocate.
    let small = mux(
        &[(&c, 640, 480)],
        &Mux {
            ispe: Some((64, 64)),
            ..Mux::default()
        },
    );
    let limits = Limits {
        max_pixels: 100_000,
        ..Limits::default()
    };
    match decode(&small, &limits) {
        Err(ImagingError::TooManyPixels { width, height, .. }) => {
            assert!(width >= 640 && height >= 480)
        }
        other => panic!("{:?}", other.map(|d| d.format)),
    }
    // More tiles than any photo has, all naming one small picture.
    let tiles = mux(
        &[(&c, 640, 480)],
        &Mux {
            grid: Some((40, 4000, 4000)),
            repeat_tile: Some(1200),
            ..Mux::default()
        },
    );
    let e = decode(&tiles, &Limits::default()).err().unwrap();
    assert!(e.to_string().contains("1200 tiles"), "{e}");
    // Cut off: says so, and names the format.
    let cut = &enc[..enc.len() * 2 / 3];
    let e = decode(cut, &Limits::default()).err().unwrap();
    assert!(
        matches!(
            e,
            ImagingError::Truncated { .. } | ImagingError::Corrupt { .. }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("HEIC"), "{e}");
}

#[test]
fn sniffing_knows_heic_brands_and_still_refuses_avif() {
    for brand in [b"heic", b"heix", b"mif1"] {
        let mut head = b"\0\0\0\x18ftyp".to_vec();
        head.extend(brand);
        head.extend([0; 8]);
        assert_eq!(crate::imaging::sniff(&head).unwrap(), Format::Heic);
    }
    let avif = b"\0\0\0\x18ftypavif\0\0\0\0mif1";
    assert!(matches!(
        crate::imaging::sniff(avif),
        Err(ImagingError::UnsupportedFormat { .. })
    ));
    assert_eq!(
        crate::imaging::photo_mime(b"\0\0\0\x18ftypheic\0\0\0\0"),
        Some("image/heic")
    );
    assert!(!Format::Heic.browser_draws());
}

/// Thumbnail time of a 12 MP phone-style HEIC (48 tiles of 512 × 512) against a JPEG of the
/// same size, natively (median of 5). Run: `cargo test --release -p flowboard-core heic_thumbnail_time
/// -- --ignored --nocapture`; figures in BENCHMARKS.md ("HEIC").
#[test]
#[ignore = "a measurement: run in release"]
fn heic_thumbnail_time_against_jpeg() {
    if !tools() {
        return;
    }
    let image = picture(4032, 3024);
    let jpeg = encode_jpeg(&image, 90);
    let heic = grid_of("bench", &image, (512, 512), None, Some((320, 240)));
    let without = grid_of("bench-no-thumb", &image, (512, 512), None, None);
    // The same files for the worker's figures (timed in the browser).
    if let Ok(dir) = std::env::var("HEIC_BENCH_OUT") {
        let dir = Path::new(&dir);
        std::fs::write(dir.join("photo-12mp.jpg"), &jpeg).unwrap();
        std::fs::write(dir.join("photo-12mp.heic"), &heic).unwrap();
        std::fs::write(dir.join("photo-12mp-no-thumb.heic"), &without).unwrap();
    }
    let time = |bytes: &[u8], what: &str, f: &dyn Fn(&[u8])| {
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = std::time::Instant::now();
                f(bytes);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        eprintln!("{what}: median {:.1} ms ({} bytes)", runs[2], bytes.len());
        runs[2]
    };
    let thumb = |b: &[u8]| {
        process_photo(b, &Limits::default()).unwrap();
    };
    let full = |b: &[u8]| {
        decode(b, &Limits::default()).unwrap();
    };
    let j = time(&jpeg, "JPEG 12 MP thumbnail", &thumb);
    time(&jpeg, "JPEG 12 MP full decode", &full);
    let h = time(
        &heic,
        "HEIC 12 MP thumbnail (from its 320 × 240 thmb)",
        &thumb,
    );
    let n = time(
        &without,
        "HEIC 12 MP thumbnail (no thmb: every tile)",
        &thumb,
    );
    time(&heic, "HEIC 12 MP full decode", &full);
    eprintln!(
        "HEIC / JPEG thumbnail: {:.2}× with its thumbnail, {:.1}× without",
        h / j,
        n / j
    );
    assert!(
        h <= 2.0 * j,
        "a phone HEIC's thumbnail within 2× of a JPEG's"
    );
}

#[test]
fn a_files_own_thumbnail_of_the_same_shape_makes_the_editor_thumbnail() {
    if !tools() {
        return;
    }
    let image = picture(600, 400);
    let with = grid_of("own-thumb", &image, (320, 224), None, Some((360, 240)));
    let p = process_photo(&with, &Limits::default()).unwrap();
    assert_eq!(
        (p.info.width, p.info.height),
        (600, 400),
        "the photo's own size"
    );
    assert_eq!(
        (p.info.thumb_width, p.info.thumb_height),
        (360, 240),
        "the file's thumbnail, not enlarged"
    );
    let thumb = image::load_from_memory(&p.thumbnail_jpeg)
        .unwrap()
        .into_rgb8();
    let full = resize_rgb(
        &decode(&with, &Limits::default()).unwrap().oriented_rgb(),
        360,
    );
    assert!(
        mad(&thumb, &full) < 6.0,
        "the same picture: {}",
        mad(&thumb, &full)
    );
    // One of another shape (a square crop), or too small, is not taken.
    for (w, h) in [(240, 240), (240, 160)] {
        let other = grid_of(
            &format!("thumb-{w}"),
            &image,
            (320, 224),
            None,
            Some((w, h)),
        );
        let p = process_photo(&other, &Limits::default()).unwrap();
        assert_eq!(
            (p.info.thumb_width, p.info.thumb_height),
            (THUMBNAIL_EDGE, 320),
            "{w}×{h}"
        );
    }
}
