//! A look at a HEIF file's item tables before `heic-rs` reads them, refusing the shapes that
//! would cost it unbounded memory or time. A second reader's review of the HEIC path
//! (2026-11-30) measured, with `heic-rs` 0.1.4 natively:
//! - `iloc` entries with zero-width offset and length fields: each 6-byte item entry may claim
//!   65 535 extents of 24 bytes in memory — a 2.5 KB file peaked at 617 MB, 16 KB would pass the
//!   4 GiB a worker can have;
//! - items built from other items (`iloc` construction method 2), chained 8 deep with k extents
//!   a level: k⁸ reads, 19.6 s for a 1.5 KB file at k = 12 (nothing is memoised);
//! - `ipma` read in quadratic time (1.35 s for 80 000 entries, hours at 64 MB), and any number of
//!   transforms associated with one picture (each `irot` a full copy of the picture).
//!
//! - a grid's `dimg` references walked one linear look-up each before any tile limit (up to
//!   65 535 a grid), and `hvcC` parameter sets handled in quadratic time with their count never
//!   capped (about 10¹⁰ steps for 1 MB of picture parameter sets) — estimates from reading the
//!   code, capped here rather than measured.
//!
//! A photo from a phone or `heif-enc` has a few dozen items (a 48 MP iPhone photo: 192 tiles,
//! their thumbnail, EXIF), one or two extents each, and a handful of properties per item, so the
//! caps below are far above any real file and far below what costs seconds.

use crate::error::ImagingError;

/// Items an `iloc` or `ipma` may list (a 48 MP phone photo has about 200).
pub const MAX_ITEMS: u64 = 4096;
/// Extents of all items together (real files: one per item, a few for large EXIF blocks).
pub const MAX_EXTENTS: u64 = 8192;
/// Properties associated with one item (real files: under 10).
pub const MAX_ASSOCIATIONS: u64 = 32;
/// References of all kinds in `iref` together (a 48 MP photo: 192 `dimg`, a `thmb`, a `cdsc`).
pub const MAX_REFERENCES: u64 = MAX_ITEMS;
/// Parameter sets (VPS, SPS, PPS, SEI) in one `hvcC` (real files: 3 or 4).
pub const MAX_PARAMETER_SETS: u64 = 64;
/// Property boxes in `ipco` (real files: a few per distinct tile size, transform and colour).
pub const MAX_PROPERTIES: usize = 1024;

/// Refuses a file whose `meta` item tables are beyond [`MAX_ITEMS`], [`MAX_EXTENTS`],
/// [`MAX_ASSOCIATIONS`], [`MAX_REFERENCES`], [`MAX_PROPERTIES`] or [`MAX_PARAMETER_SETS`], or that
/// builds items from other items. A file whose boxes do not read
/// is left to `heic-rs`, which names the damage.
pub(crate) fn check(
    bytes: &[u8],
    refuse: impl Fn(&str) -> ImagingError,
) -> Result<(), ImagingError> {
    let Some(meta) = children(bytes)
        .find(|(kind, _)| kind == b"meta")
        .map(|b| b.1)
    else {
        return Ok(());
    };
    // `meta` is a full box: version and flags before its children.
    let Some(meta) = meta.get(4..) else {
        return Ok(());
    };
    for (kind, body) in children(meta) {
        match &kind {
            b"iloc" => check_iloc(body, &refuse)?,
            b"iref" => check_iref(body, &refuse)?,
            b"iprp" => {
                for (kind, body) in children(body) {
                    match &kind {
                        b"ipma" => check_ipma(body, &refuse)?,
                        b"ipco" => check_ipco(body, &refuse)?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The boxes directly inside `data`, as (type, body); stops at the first that does not fit.
fn children(data: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let size = u64::from(u32::from_be_bytes(rest.get(0..4)?.try_into().ok()?));
        let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
        let (header, size) = match size {
            0 => (8, rest.len() as u64),
            1 => (16, u64::from_be_bytes(rest.get(8..16)?.try_into().ok()?)),
            n => (8, n),
        };
        let size = usize::try_from(size).ok().filter(|s| *s >= header)?;
        let body = rest.get(header..size)?;
        rest = &rest[size..];
        Some((kind, body))
    })
}

/// Reads big-endian unsigned integers of 0–8 bytes; `None` past the end.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn uint(&mut self, bytes: usize) -> Option<u64> {
        let end = self.at.checked_add(bytes)?;
        let field = self.data.get(self.at..end)?;
        self.at = end;
        Some(field.iter().fold(0u64, |v, b| (v << 8) | u64::from(*b)))
    }
}

fn check_iloc(body: &[u8], refuse: &impl Fn(&str) -> ImagingError) -> Result<(), ImagingError> {
    let mut r = Reader { data: body, at: 0 };
    let parsed = (|| {
        let version = r.uint(1)?;
        r.uint(3)?;
        let sizes = r.uint(1)?;
        let (offset_size, length_size) = ((sizes >> 4) as usize, (sizes & 15) as usize);
        let more = r.uint(1)?;
        let base_offset_size = (more >> 4) as usize;
        let index_size = if version >= 1 {
            (more & 15) as usize
        } else {
            0
        };
        let items = r.uint(if version < 2 { 2 } else { 4 })?;
        if items > MAX_ITEMS {
            return Some(Err(refuse("iloc: too many items")));
        }
        let mut extents = 0u64;
        for _ in 0..items {
            r.uint(if version < 2 { 2 } else { 4 })?;
            if version >= 1 {
                let method = r.uint(2)? & 15;
                if method == 2 {
                    return Some(Err(refuse("iloc: items built from other items")));
                }
            }
            r.uint(2)?;
            r.uint(base_offset_size)?;
            let count = r.uint(2)?;
            extents += count;
            if extents > MAX_EXTENTS {
                return Some(Err(refuse("iloc: too many extents")));
            }
            for _ in 0..count {
                r.uint(index_size)?;
                r.uint(offset_size)?;
                r.uint(length_size)?;
            }
        }
        Some(Ok(()))
    })();
    parsed.unwrap_or(Ok(()))
}

fn check_ipma(body: &[u8], refuse: &impl Fn(&str) -> ImagingError) -> Result<(), ImagingError> {
    let mut r = Reader { data: body, at: 0 };
    let parsed = (|| {
        let version = r.uint(1)?;
        let flags = r.uint(3)?;
        let entries = r.uint(4)?;
        if entries > MAX_ITEMS {
            return Some(Err(refuse("ipma: too many items")));
        }
        // Entries for the same item add up (heic-rs merges them).
        let mut per_item = std::collections::BTreeMap::<u64, u64>::new();
        for _ in 0..entries {
            let item = r.uint(if version < 1 { 2 } else { 4 })?;
            let count = r.uint(1)?;
            let total = per_item.entry(item).or_default();
            *total += count;
            if *total > MAX_ASSOCIATIONS {
                return Some(Err(refuse("ipma: too many properties for one item")));
            }
            for _ in 0..count {
                r.uint(if flags & 1 == 1 { 2 } else { 1 })?;
            }
        }
        Some(Ok(()))
    })();
    parsed.unwrap_or(Ok(()))
}

/// `iref` (a full box of reference boxes: `dimg`, `thmb`, `cdsc`, `auxl`…, each a from-item and
/// a counted list of to-items): all references together at most [`MAX_REFERENCES`].
fn check_iref(body: &[u8], refuse: &impl Fn(&str) -> ImagingError) -> Result<(), ImagingError> {
    let Some(&version) = body.first() else {
        return Ok(());
    };
    let id = if version == 0 { 2 } else { 4 };
    let mut total = 0u64;
    for (_, reference) in children(body.get(4..).unwrap_or_default()) {
        let mut r = Reader {
            data: reference,
            at: 0,
        };
        let Some(count) = r.uint(id).and_then(|_| r.uint(2)) else {
            break;
        };
        total += count;
        if total > MAX_REFERENCES {
            return Err(refuse("iref: too many references"));
        }
    }
    Ok(())
}

/// `ipco`: at most [`MAX_PROPERTIES`] property boxes, and at most [`MAX_PARAMETER_SETS`] NAL
/// units in each `hvcC` (23 bytes of configuration, then arrays of counted NAL units).
fn check_ipco(body: &[u8], refuse: &impl Fn(&str) -> ImagingError) -> Result<(), ImagingError> {
    for (n, (kind, property)) in children(body).enumerate() {
        if n >= MAX_PROPERTIES {
            return Err(refuse("ipco: too many properties"));
        }
        if &kind != b"hvcC" {
            continue;
        }
        let mut r = Reader {
            data: property,
            at: 22,
        };
        let Some(arrays) = r.uint(1) else {
            continue;
        };
        let mut sets = 0u64;
        for _ in 0..arrays {
            let Some(count) = r.uint(1).and_then(|_| r.uint(2)) else {
                break;
            };
            sets += count;
            if sets > MAX_PARAMETER_SETS {
                return Err(refuse("hvcC: too many parameter sets"));
            }
            for _ in 0..count {
                let Some(length) = r.uint(2) else { break };
                r.at = r.at.saturating_add(length as usize);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    fn file(meta_children: &[u8]) -> Vec<u8> {
        let mut meta = vec![0, 0, 0, 0];
        meta.extend_from_slice(meta_children);
        let mut f = boxed(b"ftyp", b"heic\0\0\0\0mif1heic");
        f.extend(boxed(b"meta", &meta));
        f
    }

    fn refuse(what: &str) -> ImagingError {
        ImagingError::UnsupportedFeature {
            format: "HEIC".into(),
            feature: what.into(),
        }
    }

    fn refused(bytes: &[u8]) -> Option<String> {
        match check(bytes, refuse) {
            Err(ImagingError::UnsupportedFeature { feature, .. }) => Some(feature),
            _ => None,
        }
    }

    /// An `iloc` (version 1) of `items` items with `extents` extents each, fields of `width`
    /// bytes, construction method `method`.
    fn iloc(items: u16, extents: u16, width: u8, method: u8) -> Vec<u8> {
        let mut b = vec![1, 0, 0, 0, (width << 4) | width, 0];
        b.extend(items.to_be_bytes());
        for i in 0..items {
            b.extend((i + 1).to_be_bytes());
            b.extend([0, method]);
            b.extend([0, 0]);
            b.extend(extents.to_be_bytes());
            b.extend(std::iter::repeat_n(
                0u8,
                usize::from(extents) * 2 * usize::from(width),
            ));
        }
        boxed(b"iloc", &b)
    }

    fn ipma(entries: &[(u16, u8)]) -> Vec<u8> {
        let mut b = vec![0, 0, 0, 0];
        b.extend((entries.len() as u32).to_be_bytes());
        for (item, count) in entries {
            b.extend(item.to_be_bytes());
            b.push(*count);
            b.extend(std::iter::repeat_n(0x81u8, usize::from(*count)));
        }
        boxed(b"iprp", &boxed(b"ipma", &b))
    }

    #[test]
    fn a_photos_tables_pass() {
        // 48 tiles, a grid, a thumbnail and EXIF, 4-byte fields, one extent each.
        let mut children = iloc(51, 1, 4, 0);
        children.extend(ipma(&[(1, 3), (2, 2), (3, 2)]));
        assert_eq!(refused(&file(&children)), None);
        // Not HEIF at all, or boxes that do not read: left to the decoder.
        assert_eq!(refused(b"not a heif file"), None);
        assert_eq!(refused(&file(&[0, 0, 0, 99, b'i', b'l'])), None);
    }

    #[test]
    fn zero_width_extents_past_the_cap_are_refused_before_any_is_read() {
        // The review's 617 MB file: every item claims 65 535 extents of no bytes.
        let bomb = file(&iloc(400, 65_535, 0, 0));
        assert_eq!(refused(&bomb).as_deref(), Some("iloc: too many extents"));
        assert!(bomb.len() < 5_000);
        assert_eq!(
            refused(&file(&iloc(5_000, 1, 0, 0))).as_deref(),
            Some("iloc: too many items")
        );
        // Up to the cap is fine.
        assert_eq!(refused(&file(&iloc(8, 1024, 0, 0))), None);
    }

    #[test]
    fn items_built_from_other_items_are_refused() {
        assert_eq!(
            refused(&file(&iloc(2, 1, 4, 2))).as_deref(),
            Some("iloc: items built from other items")
        );
        assert_eq!(
            refused(&file(&iloc(2, 1, 4, 1))),
            None,
            "idat (method 1) is what grids use"
        );
    }

    /// An `iref` (version 0) of `dimg` boxes from item 1, `per_box` to-items each.
    fn iref(boxes: usize, per_box: u16) -> Vec<u8> {
        let mut body = vec![0, 0, 0, 0];
        for _ in 0..boxes {
            let mut b = vec![0, 1];
            b.extend(per_box.to_be_bytes());
            for i in 0..per_box {
                b.extend(i.wrapping_add(2).to_be_bytes());
            }
            body.extend(boxed(b"dimg", &b));
        }
        boxed(b"iref", &body)
    }

    /// An `hvcC` with `arrays` arrays of `per_array` 3-byte NAL units.
    fn hvcc(arrays: u8, per_array: u16) -> Vec<u8> {
        let mut b = vec![1u8; 22];
        b.push(arrays);
        for _ in 0..arrays {
            b.push(0x20);
            b.extend(per_array.to_be_bytes());
            for _ in 0..per_array {
                b.extend([0, 3, 0x40, 0x01, 0x0c]);
            }
        }
        boxed(b"hvcC", &b)
    }

    fn ipco(properties: &[Vec<u8>]) -> Vec<u8> {
        boxed(b"iprp", &boxed(b"ipco", &properties.concat()))
    }

    #[test]
    fn a_grids_references_pass_and_a_flood_of_them_is_refused() {
        // A 48 MP photo: 192 tiles, and its thumbnail.
        let mut photo = iref(1, 192);
        photo.extend(ipco(&[hvcc(3, 1), hvcc(3, 1)]));
        assert_eq!(refused(&file(&photo)), None);
        // The review's walk: 65 535 targets on one grid.
        assert_eq!(
            refused(&file(&iref(1, 65_535))).as_deref(),
            Some("iref: too many references")
        );
        // Or many boxes of a few each.
        assert_eq!(
            refused(&file(&iref(2_000, 3))).as_deref(),
            Some("iref: too many references")
        );
    }

    #[test]
    fn parameter_set_floods_and_property_floods_are_refused() {
        assert_eq!(
            refused(&file(&ipco(&[hvcc(3, 1), hvcc(1, 65)]))).as_deref(),
            Some("hvcC: too many parameter sets")
        );
        assert_eq!(
            refused(&file(&ipco(&[hvcc(4, 20)]))).as_deref(),
            Some("hvcC: too many parameter sets")
        );
        assert_eq!(refused(&file(&ipco(&[hvcc(4, 16)]))), None);
        let many: Vec<Vec<u8>> = (0..1_100).map(|_| boxed(b"irot", &[0])).collect();
        assert_eq!(
            refused(&file(&ipco(&many))).as_deref(),
            Some("ipco: too many properties")
        );
    }

    #[test]
    fn property_lists_past_the_cap_are_refused_even_when_split_over_entries() {
        assert_eq!(
            refused(&file(&ipma(&[(1, 40)]))).as_deref(),
            Some("ipma: too many properties for one item")
        );
        let split: Vec<(u16, u8)> = (0..3).map(|_| (7, 20)).collect();
        assert_eq!(
            refused(&file(&ipma(&split))).as_deref(),
            Some("ipma: too many properties for one item")
        );
        let many: Vec<(u16, u8)> = (0..5_000).map(|i| (i, 1)).collect();
        assert_eq!(
            refused(&file(&ipma(&many))).as_deref(),
            Some("ipma: too many items")
        );
    }
}
