//! Archives and boards built from a recipe the fuzzer mutates, aimed at the limits a byte-level
//! fuzzer rarely reaches: many entries of deflated zeros (the total size and ratio), directory
//! records that share one entry's bytes or whose local header points past them (overlapping
//! entries), stored entries whose two sizes differ, and boards of any number of scenes, frames
//! and text lengths. Whatever the recipe, a reader either refuses or stays within the limits.
//!
//! Recipe: an odd byte 0 makes a board (scenes, frames, caption length) from bytes 1–6; else one
//! entry per 4 bytes: kind, size class, and which earlier entry an overlapping record points at.
#![no_main]
use flowboard_core::bundle::{open, parse_manifest, Limits, MAX_MANIFEST};
use flowboard_core::model::{MAX_FRAMES, MAX_SCENES};
use flowboard_core::zip::{self, Crc, MAX_RATIO, MAX_TOTAL, RATIO_ALLOWANCE, TOTAL_RATIO_FLOOR};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SIZES: [usize; 4] = [100, 4 << 10, 60 << 10, 1 << 20];

/// Deflated zeros of each size class, made once.
fn kernels() -> &'static [(Vec<u8>, u32); 4] {
    static KERNELS: OnceLock<[(Vec<u8>, u32); 4]> = OnceLock::new();
    KERNELS.get_or_init(|| SIZES.map(|n| (miniz_oxide::deflate::compress_to_vec(&vec![0; n], 6), Crc::of(&vec![0; n]))))
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}

/// One entry as the directory describes it.
struct Record {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

fn local(out: &mut Vec<u8>, r: &Record, extra: u16) {
    put32(out, 0x0403_4b50);
    for n in [20, 1 << 11, r.method, 0, 33] {
        put16(out, n);
    }
    for n in [r.crc, r.compressed, r.size] {
        put32(out, n);
    }
    put16(out, r.name.len() as u16);
    put16(out, extra);
    out.extend_from_slice(r.name.as_bytes());
}

fn archive(mut body: Vec<u8>, records: &[Record]) -> Vec<u8> {
    let offset = body.len() as u32;
    for r in records {
        put32(&mut body, 0x0201_4b50);
        for n in [20, 20, 1 << 11, r.method, 0, 33] {
            put16(&mut body, n);
        }
        for n in [r.crc, r.compressed, r.size] {
            put32(&mut body, n);
        }
        for n in [r.name.len() as u16, 0, 0, 0, 0] {
            put16(&mut body, n);
        }
        put32(&mut body, 0);
        put32(&mut body, r.offset);
        body.extend_from_slice(r.name.as_bytes());
    }
    let size = body.len() as u32 - offset;
    put32(&mut body, 0x0605_4b50);
    for n in [0, 0, records.len() as u16, records.len() as u16] {
        put16(&mut body, n);
    }
    put32(&mut body, size);
    put32(&mut body, offset);
    put16(&mut body, 0);
    body
}

/// The manifest of a board of `scenes` scenes, `frames` frames and captions of `caption` characters.
fn manifest(scenes: usize, frames: usize, caption: usize) -> String {
    let text = "字".repeat(caption);
    let mut next = 1;
    let mut list = Vec::new();
    for s in 0..scenes.max(1) {
        let count = frames / scenes.max(1) + usize::from(s < frames % scenes.max(1));
        let f: Vec<String> = (0..count).map(|i| format!("{{\"id\":{},\"photo\":null,\"caption\":\"{text}\"}}", next + 1 + i)).collect();
        list.push(format!("{{\"id\":{next},\"title\":\"\",\"frames\":[{}]}}", f.join(",")));
        next += count + 1;
    }
    format!("{{\"format\":\"flowboard-bundle\",\"version\":1,\"board\":{{\"scenes\":[{}],\"next_id\":{next}}},\"images\":[]}}", list.join(","))
}

fuzz_target!(|recipe: &[u8]| {
    let byte = |i: usize| recipe.get(i).copied().unwrap_or(0);
    let word = |i: usize| usize::from(u16::from_le_bytes([byte(i), byte(i + 1)]));

    // A board: up to 65,535 frames, 1,023 scenes, captions up to 4,095 characters.
    if byte(0) & 1 == 1 {
        let (scenes, frames) = (word(1) % 1024, word(3));
        // Captions up to 4,095 characters, the JSON up to about 24 MB (past the 16 MB limit).
        let caption = (word(5) % 4096).min(8_000_000 / (frames + 1));
        let json = manifest(scenes, frames, caption);
        match parse_manifest(&json) {
            Ok((m, _)) => {
                assert!(json.len() <= MAX_MANIFEST);
                assert!(m.board.frame_count() <= MAX_FRAMES && m.board.scenes.len() <= MAX_SCENES);
                assert!(m.board.frames().all(|f| f.caption.chars().count() <= flowboard_core::model::limits::MAX_TEXT));
            }
            Err(_) => assert!(json.len() > MAX_MANIFEST || frames > MAX_FRAMES || scenes > MAX_SCENES),
        }
        // A stored board over the limits opens, cut to them.
        let doc = format!("{{\"format\":\"flowboard-board\",\"schema\":1,\"id\":\"b\",\"board\":{}", &json[json.find("\"board\":").unwrap() + 8..]);
        let doc = doc.replace(",\"images\":[]}", "}");
        if let Ok(restored) = flowboard_core::storage::restore(&doc) {
            assert!(restored.stored.board.frame_count() <= MAX_FRAMES && restored.stored.board.scenes.len() <= MAX_SCENES);
        }
        return;
    }

    // An archive: one entry per 4 bytes of the recipe (at most 1,000).
    let mut body = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    for (i, step) in recipe[1.min(recipe.len())..].chunks(4).take(1000).enumerate() {
        let get = |k: usize| step.get(k).copied().unwrap_or(0);
        let class = usize::from(get(1)) % SIZES.len();
        let (kernel, crc) = &kernels()[class];
        let name = format!("e/{i:04}");
        let r = match get(0) % 5 {
            // Deflated zeros.
            0 => Record { name, method: 8, crc: *crc, compressed: kernel.len() as u32, size: SIZES[class] as u32, offset: body.len() as u32 },
            // Stored bytes.
            1 => Record { name, method: 0, crc: Crc::of(&kernel[..]), compressed: kernel.len() as u32, size: kernel.len() as u32, offset: body.len() as u32 },
            // Stored, claiming another size.
            2 => Record { name, method: 0, crc: *crc, compressed: kernel.len() as u32, size: u32::from(get(2)) << 24 | 1, offset: body.len() as u32 },
            // A second record for an earlier entry's bytes.
            3 if !records.is_empty() => {
                let of = &records[usize::from(get(2)) % records.len()];
                records.push(Record { name: format!("{}.{i}", of.name), ..*of });
                continue;
            }
            // Deflated zeros whose local header says its data starts further on.
            _ => {
                let r = Record { name, method: 8, crc: *crc, compressed: kernel.len() as u32, size: SIZES[class] as u32, offset: body.len() as u32 };
                local(&mut body, &r, u16::from(get(3)));
                body.extend_from_slice(kernel);
                records.push(r);
                continue;
            }
        };
        local(&mut body, &r, 0);
        body.extend_from_slice(kernel);
        records.push(r);
    }
    let file = archive(body, &records);
    let limits = Limits::default();
    match zip::extract(&file, limits.max_file, limits.max_total) {
        Ok(entries) => {
            let total: u64 = entries.iter().map(|(_, d)| d.len() as u64).sum();
            assert!(total <= limits.max_total && total <= MAX_TOTAL);
            let stored: u64 = records.iter().filter(|r| entries.iter().any(|(n, _)| *n == r.name)).map(|r| u64::from(r.compressed)).sum();
            assert!(total <= (stored * MAX_RATIO).max(TOTAL_RATIO_FLOOR), "{total} from {stored}");
            for r in records.iter().filter(|r| entries.iter().any(|(n, _)| *n == r.name)) {
                assert!(u64::from(r.size) <= u64::from(r.compressed) * MAX_RATIO + RATIO_ALLOWANCE);
                // No two entries read share a header.
                assert_eq!(records.iter().filter(|o| o.offset == r.offset && entries.iter().any(|(n, _)| *n == o.name)).count(), 1);
            }
        }
        Err(_) => {}
    }
    let _ = open(&file, &limits);
});
