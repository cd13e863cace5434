//! ZIP archives, written (stored) and read (stored or deflated) as separate pieces.
//!
//! # Why not the `zip` crate
//! Backups and bundles hold hundreds of megabytes of photos that live in browser `Blob`s. The
//! `zip` crate reads and writes through `Read + Seek` over bytes it holds, which would copy every
//! photo into WebAssembly memory (which never shrinks). Here the caller keeps the data where it is:
//! writing yields only the headers to put around each blob (the browser joins them into one
//! `Blob` without copying), and reading parses only the central directory, so the caller slices
//! each entry out of the file. Photos are already compressed, so we write entries stored, not
//! deflated; deflated entries are read too ([`extract`]), since a bundle folder zipped again by
//! an operating system arrives that way, under size and ratio limits against "zip bombs". The
//! tests check both directions against the `zip` crate.
//!
//! Limits (DESIGN §4): at most [`MAX_ENTRIES`] entries, no `..`, absolute or backslash paths, no
//! duplicate names, every entry inside the file, sizes below 4 GiB (no ZIP64); and against zip
//! bombs, all checked from the directory before anything is read or inflated ([`read_directory`],
//! which both the bundle reader and the backup restore use): each entry expands at most
//! [`MAX_RATIO`] times (plus [`RATIO_ALLOWANCE`] bytes), the whole archive at most [`MAX_RATIO`]
//! times once it unpacks to more than [`TOTAL_RATIO_FLOOR`], to at most [`MAX_TOTAL`] in all, and
//! no two entries share bytes (900 directory records pointing at one deflated block would
//! otherwise unpack it 900 times).

use crate::i18n::{Message, T};
use std::collections::BTreeSet;
use std::fmt;

pub const MAX_ENTRIES: usize = 100_000;
const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const LOCAL_LEN: usize = 30;
const CENTRAL_LEN: usize = 46;
const END_LEN: usize = 22;
/// The end record is within this many bytes of the end of the file (its comment is < 64 KiB).
pub const TAIL_LEN: u64 = (END_LEN + u16::MAX as usize) as u64;
/// Bit 11: names are UTF-8.
const UTF8: u16 = 1 << 11;
/// 1980-01-01 00:00 in MS-DOS time: entries carry no meaningful time.
const DOS_DATE: u16 = (1 << 5) | 1;

/// A ZIP archive that cannot be read or written: what kind of problem, and what exactly (worded
/// in the page's language when shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError {
    pub kind: ZipErrorKind,
    pub detail: Message,
}

/// What kind of problem a [`ZipError`] is, so callers can answer without reading its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipErrorKind {
    /// Not a ZIP archive at all.
    NotZip,
    /// Cut off, inconsistent, failing a checksum, or using a feature not read here.
    Damaged,
    /// A name that could escape the folder, or hide one entry behind another.
    Unsafe,
    /// Over an entry, total or expansion limit.
    TooLarge,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.detail)
    }
}

impl std::error::Error for ZipError {}

fn err<T>(kind: ZipErrorKind, detail: Message) -> Result<T, ZipError> {
    Err(ZipError { kind, detail })
}

/// CRC-32 of data that may arrive in pieces.
#[derive(Clone)]
pub struct Crc(crc::Digest<'static, u32, crc::Table<16>>);

/// The ZIP CRC-32, 16 bytes a step. Its 16 KiB of tables are built on first use rather than at
/// compile time: as constants they sat in every download of the app and do not compress (16 KB
/// of the gzipped app; BENCHMARKS.md, "App size"), while building them takes microseconds.
fn crc32() -> &'static crc::Crc<u32, crc::Table<16>> {
    static CRC32: std::sync::OnceLock<crc::Crc<u32, crc::Table<16>>> = std::sync::OnceLock::new();
    // black_box: else the optimizer folds the tables back into constants.
    CRC32.get_or_init(|| {
        crc::Crc::<u32, crc::Table<16>>::new(std::hint::black_box(&crc::CRC_32_ISO_HDLC))
    })
}

impl Default for Crc {
    fn default() -> Self {
        Crc(crc32().digest())
    }
}

impl Crc {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    pub fn finish(self) -> u32 {
        self.0.finalize()
    }
    pub fn of(bytes: &[u8]) -> u32 {
        crc32().checksum(bytes)
    }
}

/// Writes an archive as pieces: for each entry, [`ZipWriter::entry`] gives the header to put
/// right before the entry's bytes; [`ZipWriter::finish`] gives the directory that ends the file.
#[derive(Debug, Default)]
pub struct ZipWriter {
    entries: Vec<(String, u32, u32, u32)>,
    names: BTreeSet<String>,
    offset: u64,
}

impl ZipWriter {
    /// The local header for an entry of `size` bytes with CRC-32 `crc`.
    ///
    /// # Errors
    /// A bad or repeated name, an entry or archive of 4 GiB or more, too many entries.
    pub fn entry(&mut self, name: &str, crc: u32, size: u64) -> Result<Vec<u8>, ZipError> {
        check_name(name)?;
        if !self.names.insert(name.to_owned()) {
            return err(
                ZipErrorKind::Unsafe,
                Message::new(T::ZipTwoEntries).with("name", name),
            );
        }
        if self.entries.len() >= MAX_ENTRIES {
            return err(
                ZipErrorKind::TooLarge,
                Message::new(T::ZipTooManyEntries).with("n", MAX_ENTRIES),
            );
        }
        let header_len = (LOCAL_LEN + name.len()) as u64;
        let (Ok(size32), Ok(offset32)) = (u32::try_from(size), u32::try_from(self.offset)) else {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipWouldBeHuge));
        };
        if size32 == u32::MAX || self.offset + header_len + size >= u64::from(u32::MAX) {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipWouldBeHuge));
        }
        let mut h = Vec::with_capacity(header_len as usize);
        put32(&mut h, LOCAL);
        put16(&mut h, 20); // version needed: 2.0
        put16(&mut h, UTF8);
        put16(&mut h, 0); // stored
        put16(&mut h, 0); // time
        put16(&mut h, DOS_DATE);
        put32(&mut h, crc);
        put32(&mut h, size32);
        put32(&mut h, size32);
        put16(&mut h, name.len() as u16);
        put16(&mut h, 0); // extra
        h.extend_from_slice(name.as_bytes());
        self.entries.push((name.to_owned(), crc, size32, offset32));
        self.offset += header_len + size;
        Ok(h)
    }

    /// The central directory and end record: the last bytes of the archive.
    pub fn finish(self) -> Vec<u8> {
        let mut d = Vec::new();
        for (name, crc, size, offset) in &self.entries {
            put32(&mut d, CENTRAL);
            put16(&mut d, 20); // made by: 2.0
            put16(&mut d, 20);
            put16(&mut d, UTF8);
            put16(&mut d, 0);
            put16(&mut d, 0);
            put16(&mut d, DOS_DATE);
            put32(&mut d, *crc);
            put32(&mut d, *size);
            put32(&mut d, *size);
            put16(&mut d, name.len() as u16);
            put16(&mut d, 0); // extra
            put16(&mut d, 0); // comment
            put16(&mut d, 0); // disk
            put16(&mut d, 0); // internal attributes
            put32(&mut d, 0); // external attributes
            put32(&mut d, *offset);
            d.extend_from_slice(name.as_bytes());
        }
        let count = self.entries.len() as u16;
        let size = d.len() as u32;
        put32(&mut d, END);
        put16(&mut d, 0);
        put16(&mut d, 0);
        put16(&mut d, count);
        put16(&mut d, count);
        put32(&mut d, size);
        put32(&mut d, self.offset as u32);
        put16(&mut d, 0);
        d
    }
}

/// Where the central directory is, found from the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directory {
    pub offset: u64,
    pub size: u64,
    pub count: usize,
}

/// One file in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    /// Where its local header starts.
    pub header_offset: u64,
    /// Its size once extracted.
    pub size: u64,
    /// Its size inside the archive (equal to `size` unless deflated).
    pub stored_size: u64,
    pub crc: u32,
    /// Deflate-compressed (method 8) rather than stored (method 0).
    pub deflated: bool,
    /// Where the next entry's local header (or the directory) starts: this entry's data must end
    /// by then, wherever its local header says the data starts ([`ZipEntry::data_range`]).
    pub room_end: u64,
}

impl ZipEntry {
    /// Where this entry's bytes are in the file (`header`: the first [`LOCAL_HEADER_LEN`] bytes
    /// of its local header), checked to end before the next entry starts: a local header whose
    /// name or extra field is longer than the directory's could otherwise point into another
    /// entry's bytes.
    ///
    /// # Errors
    /// The bytes are not a local header, or the data would run into the next entry.
    pub fn data_range(&self, header: &[u8]) -> Result<std::ops::Range<u64>, ZipError> {
        let start = self.header_offset + data_start(header)?;
        let end = start + self.stored_size;
        if end > self.room_end {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipHeaderDamaged));
        }
        Ok(start..end)
    }
}

/// An entry may expand at most this many times (deflate's best on real data is far below; a
/// "zip bomb" is far above), plus [`RATIO_ALLOWANCE`] bytes.
pub const MAX_RATIO: u64 = 200;
/// What a small entry may expand by beyond [`MAX_RATIO`]: 4 KB of zeros deflate to a few bytes,
/// harmless alone; the total ratio ([`TOTAL_RATIO_FLOOR`]) catches thousands of them.
pub const RATIO_ALLOWANCE: u64 = 64 * 1024;
/// The archive's entries together may expand at most [`MAX_RATIO`] times, once they unpack to
/// more than this (so a tiny archive of a few very compressible files is not refused).
pub const TOTAL_RATIO_FLOOR: u64 = 16 * 1024 * 1024;
/// The most an archive's entries may unpack to in all: what an archive without ZIP64 can hold
/// stored (a backup's photos). Callers that hold everything in memory set lower limits
/// ([`extract`]'s `max_total`).
pub const MAX_TOTAL: u64 = u32::MAX as u64;

/// Finds the central directory from the last bytes of a `file_len`-byte file (`tail`: the last
/// `min(file_len, TAIL_LEN)` bytes).
///
/// # Errors
/// Not a ZIP file, a multi-disk or ZIP64 archive, a directory outside the file.
pub fn find_directory(tail: &[u8], file_len: u64) -> Result<Directory, ZipError> {
    if tail.len() < END_LEN {
        return err(ZipErrorKind::NotZip, Message::new(T::ZipTooShort));
    }
    let start = tail.len() as u64;
    let Some(at) = (0..=tail.len() - END_LEN)
        .rev()
        .find(|&i| get32(tail, i) == END)
    else {
        return err(ZipErrorKind::NotZip, Message::new(T::ZipNoEnd));
    };
    let r = &tail[at..];
    if get16(r, 4) != 0 || get16(r, 6) != 0 || get16(r, 8) != get16(r, 10) {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipMultiPart));
    }
    let count = usize::from(get16(r, 10));
    let (size, offset) = (u64::from(get32(r, 12)), u64::from(get32(r, 16)));
    if count == usize::from(u16::MAX)
        || size == u64::from(u32::MAX)
        || offset == u64::from(u32::MAX)
    {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipZip64));
    }
    let end_at = file_len - start + at as u64;
    if offset + size > end_at {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryOutside));
    }
    Ok(Directory {
        offset,
        size,
        count,
    })
}

/// Reads the central directory (`bytes`: exactly [`Directory::size`] bytes at its offset).
///
/// # Errors
/// A damaged directory, compressed or encrypted entries, unsafe or repeated names, entries that
/// overlap the directory or each other, entries or an archive over the size and ratio limits.
pub fn read_directory(bytes: &[u8], dir: Directory) -> Result<Vec<ZipEntry>, ZipError> {
    if dir.count > MAX_ENTRIES {
        return err(
            ZipErrorKind::TooLarge,
            Message::new(T::ZipTooManyEntries).with("n", MAX_ENTRIES),
        );
    }
    let mut entries = Vec::with_capacity(dir.count);
    let mut names = BTreeSet::new();
    // Each entry's extent in the file as the directory sees it: at least its local header's 30
    // bytes, its name and its data (the local extra field may differ from the directory's).
    let mut extents: Vec<(u64, u64, usize)> = Vec::with_capacity(dir.count);
    let (mut total, mut total_stored) = (0u64, 0u64);
    let mut at = 0;
    for _ in 0..dir.count {
        if at + CENTRAL_LEN > bytes.len() || get32(bytes, at) != CENTRAL {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryDamaged));
        }
        let e = &bytes[at..];
        let (flags, method) = (get16(e, 8), get16(e, 10));
        let (crc, compressed, size) = (
            get32(e, 16),
            u64::from(get32(e, 20)),
            u64::from(get32(e, 24)),
        );
        let (name_len, extra_len, comment_len) = (
            usize::from(get16(e, 28)),
            usize::from(get16(e, 30)),
            usize::from(get16(e, 32)),
        );
        let header_offset = u64::from(get32(e, 42));
        let end = at + CENTRAL_LEN + name_len + extra_len + comment_len;
        if end > bytes.len() {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryDamaged));
        }
        // Names are UTF-8 (Flowboard, macOS, 7-Zip); Windows' own "compressed folder" writes them in
        // the system's code page (GBK for a Chinese title). Such bytes are read leniently: the
        // entries of a bundle are found by their ASCII ends ("images/001.jpg") under whatever
        // folder name, and the name checks below still apply to what was read.
        let name = String::from_utf8_lossy(&bytes[at + CENTRAL_LEN..at + CENTRAL_LEN + name_len])
            .into_owned();
        at = end;
        if flags & 1 != 0 {
            return err(
                ZipErrorKind::Damaged,
                Message::new(T::ZipEncrypted).with("name", &name),
            );
        }
        if name.ends_with('/') && size == 0 {
            continue; // a folder
        }
        // 0xFFFFFFFF means "in the ZIP64 extra field", not a size or an offset (as in the end record).
        if compressed == u64::from(u32::MAX)
            || size == u64::from(u32::MAX)
            || header_offset == u64::from(u32::MAX)
        {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipZip64));
        }
        check_name(&name)?;
        let deflated = match method {
            0 if compressed == size => false,
            0 => {
                return err(
                    ZipErrorKind::Damaged,
                    Message::new(T::ZipStoredSizes).with("name", &name),
                )
            }
            8 => true,
            _ => {
                return err(
                    ZipErrorKind::Damaged,
                    Message::new(T::ZipMethod)
                        .with("name", &name)
                        .with("method", method),
                )
            }
        };
        if deflated && size > compressed * MAX_RATIO + RATIO_ALLOWANCE {
            return err(
                ZipErrorKind::TooLarge,
                Message::new(T::ZipBomb)
                    .with("name", &name)
                    .with("n", size / compressed.max(1)),
            );
        }
        let end = header_offset + (LOCAL_LEN + name_len) as u64 + compressed;
        if end > dir.offset {
            return err(
                ZipErrorKind::Damaged,
                Message::new(T::ZipOutside).with("name", &name),
            );
        }
        if !names.insert(name.clone()) {
            return err(
                ZipErrorKind::Unsafe,
                Message::new(T::ZipTwoEntries).with("name", &name),
            );
        }
        (total, total_stored) = (total + size, total_stored + compressed);
        if total > MAX_TOTAL {
            return err(
                ZipErrorKind::TooLarge,
                Message::new(T::ZipTotalTooLarge).with("max", MAX_TOTAL / 1_000_000),
            );
        }
        extents.push((header_offset, end, entries.len()));
        entries.push(ZipEntry {
            name,
            header_offset,
            size,
            stored_size: compressed,
            crc,
            deflated,
            room_end: dir.offset,
        });
    }
    // In file order, each entry must end before the next begins.
    crate::sort_by_number(&mut extents, |e| e.0 as i64);
    for pair in extents.windows(2) {
        let ((_, end, this), (next_start, _, next)) = (pair[0], pair[1]);
        if end > next_start {
            return err(
                ZipErrorKind::Unsafe,
                Message::new(T::ZipOverlap)
                    .with("name", &entries[this].name)
                    .with("other", &entries[next].name),
            );
        }
        entries[this].room_end = next_start;
    }
    if total > (total_stored * MAX_RATIO).max(TOTAL_RATIO_FLOOR) {
        return err(
            ZipErrorKind::TooLarge,
            Message::new(T::ZipTotalBomb).with("n", total / total_stored.max(1)),
        );
    }
    Ok(entries)
}

/// How many bytes past its header offset an entry's data starts (`header`: the first 30 bytes of
/// its local header).
///
/// # Errors
/// The bytes are not a local header.
pub fn data_start(header: &[u8]) -> Result<u64, ZipError> {
    if header.len() < LOCAL_LEN || get32(header, 0) != LOCAL {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipHeaderDamaged));
    }
    Ok((LOCAL_LEN + usize::from(get16(header, 26)) + usize::from(get16(header, 28))) as u64)
}

/// Length of a local header to read before calling [`data_start`].
pub const LOCAL_HEADER_LEN: u64 = LOCAL_LEN as u64;

/// Reads a whole archive held in memory: every entry's name and bytes, each checked against its
/// CRC. Entries larger than `max_entry` bytes, or adding up to more than `max_total`, are refused
/// before anything is inflated, and inflation stops at the size the directory declared.
///
/// # Errors
/// As [`find_directory`] and [`read_directory`]; an entry over the limits; damaged data.
pub fn extract(
    file: &[u8],
    max_entry: u64,
    max_total: u64,
) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    let tail_len = (file.len() as u64).min(TAIL_LEN) as usize;
    let dir = find_directory(&file[file.len() - tail_len..], file.len() as u64)?;
    let entries = read_directory(
        &file[dir.offset as usize..(dir.offset + dir.size) as usize],
        dir,
    )?;
    let mut total = 0u64;
    for e in &entries {
        if e.size > max_entry {
            return err(
                ZipErrorKind::TooLarge,
                Message::new(T::ZipEntryTooLarge)
                    .with("name", &e.name)
                    .with("mb", e.size.div_ceil(1_000_000))
                    .with("max", max_entry / 1_000_000),
            );
        }
        total += e.size;
        if total > max_total {
            return err(
                ZipErrorKind::TooLarge,
                Message::new(T::ZipTotalTooLarge).with("max", max_total / 1_000_000),
            );
        }
    }
    entries
        .into_iter()
        .map(|e| {
            let at = e.header_offset as usize;
            // Untrusted sizes: checked in u64, so nothing wraps on a 32-bit target.
            let std::ops::Range { start, end } = e.data_range(&file[at..at + LOCAL_LEN])?;
            let Some(raw) = file
                .get(start as usize..end as usize)
                .filter(|_| end <= dir.offset)
            else {
                return err(
                    ZipErrorKind::Damaged,
                    Message::new(T::ZipOutside).with("name", &e.name),
                );
            };
            let data = if e.deflated {
                let data = miniz_oxide::inflate::decompress_to_vec_with_limit(raw, e.size as usize)
                    .map_err(|_| ZipError {
                        kind: ZipErrorKind::Damaged,
                        detail: Message::new(T::ZipInflateFailed).with("name", &e.name),
                    })?;
                if data.len() as u64 != e.size {
                    return err(
                        ZipErrorKind::Damaged,
                        Message::new(T::ZipWrongSize).with("name", &e.name),
                    );
                }
                data
            } else {
                raw.to_vec()
            };
            if Crc::of(&data) != e.crc {
                return err(
                    ZipErrorKind::Damaged,
                    Message::new(T::ZipCrc).with("name", &e.name),
                );
            }
            Ok((e.name, data))
        })
        .collect()
}

pub(crate) fn check_name(name: &str) -> Result<(), ZipError> {
    let bad = name.is_empty()
        || name.len() > 1024
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name.contains('\0')
        || name
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty());
    if bad {
        return err(
            ZipErrorKind::Unsafe,
            Message::new(T::ZipUnsafeName).with("name", format!("{name:?}")),
        );
    }
    Ok(())
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}
fn get16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn get32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// Writes entries with [`ZipWriter`] into one byte vector, as the browser joins the pieces.
    pub(crate) fn write(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::default();
        let mut out = Vec::new();
        for (name, data) in entries {
            out.extend(w.entry(name, Crc::of(data), data.len() as u64).unwrap());
            out.extend_from_slice(data);
        }
        out.extend(w.finish());
        out
    }

    fn read(file: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
        extract(file, 1 << 30, 1 << 31)
    }

    #[test]
    fn the_zip_crate_reads_what_we_write() {
        let photo: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let file = write(&[
            ("storyboard.json", b"{\"title\":\"\xe5\xae\xb6\"}"),
            ("images/01.jpg", &photo),
            ("空.txt", b""),
        ]);
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(file)).unwrap();
        assert_eq!(archive.len(), 3);
        let mut data = Vec::new();
        archive
            .by_name("images/01.jpg")
            .unwrap()
            .read_to_end(&mut data)
            .unwrap();
        assert_eq!(data, photo);
        let mut text = String::new();
        archive
            .by_name("storyboard.json")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"title\":\"家\"}");
        assert!(archive.by_name("空.txt").is_ok());
    }

    #[test]
    fn we_read_what_the_zip_crate_writes_with_a_comment_and_folders() {
        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            let stored = ::zip::write::SimpleFileOptions::default()
                .compression_method(::zip::CompressionMethod::Stored);
            w.add_directory("images/", stored).unwrap();
            w.start_file("images/a.jpg", stored).unwrap();
            w.write_all(b"jpeg bytes").unwrap();
            w.start_file("index.html", stored).unwrap();
            w.write_all(b"<!doctype html>").unwrap();
            w.set_comment("made elsewhere");
            w.finish().unwrap();
        }
        let entries = read(&cursor.into_inner()).unwrap();
        assert_eq!(
            entries,
            vec![
                ("images/a.jpg".into(), b"jpeg bytes".to_vec()),
                ("index.html".into(), b"<!doctype html>".to_vec())
            ]
        );
    }

    #[test]
    fn round_trip_and_damage_is_reported() {
        let file = write(&[("a", b"one"), ("b/c", b"two")]);
        assert_eq!(read(&file).unwrap().len(), 2);
        // A flipped data byte fails the CRC.
        let mut flipped = file.clone();
        flipped[31] ^= 0xff;
        assert!(read(&flipped)
            .unwrap_err()
            .detail
            .to_string()
            .contains("CRC"));
        // Cut off: the end record is gone.
        assert!(read(&file[..file.len() - 10]).is_err());
        assert!(read(b"").is_err());
        assert!(read(b"plain text, not a zip archive at all")
            .unwrap_err()
            .detail
            .to_string()
            .contains("not a ZIP"));
        assert_eq!(
            read(b"plain text, not a zip archive at all")
                .unwrap_err()
                .kind,
            ZipErrorKind::NotZip
        );
    }

    #[test]
    fn unsafe_repeated_and_bomb_entries_are_refused_and_deflated_ones_read() {
        let mut w = ZipWriter::default();
        for bad in ["../evil", "/etc/passwd", "a/../../b", "C:\\x", "a//b", ""] {
            assert!(w.entry(bad, 0, 0).is_err(), "{bad}");
        }
        w.entry("same", 0, 0).unwrap();
        assert!(w
            .entry("same", 0, 0)
            .unwrap_err()
            .detail
            .to_string()
            .contains("two entries"));

        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file(
                "../../escape.txt",
                ::zip::write::SimpleFileOptions::default()
                    .compression_method(::zip::CompressionMethod::Stored),
            )
            .unwrap();
            w.write_all(b"x").unwrap();
            w.finish().unwrap();
        }
        assert!(read(&cursor.into_inner())
            .unwrap_err()
            .detail
            .to_string()
            .contains("unsafe"));

        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file(
                "deflated.txt",
                ::zip::write::SimpleFileOptions::default()
                    .compression_method(::zip::CompressionMethod::Deflated),
            )
            .unwrap();
            w.write_all(&[b'a'; 1000]).unwrap();
            w.finish().unwrap();
        }
        assert_eq!(
            read(&cursor.into_inner()).unwrap(),
            vec![("deflated.txt".to_owned(), vec![b'a'; 1000])]
        );

        // 64 MB of zeros deflates to ~64 KB: refused from the directory, before inflating.
        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file(
                "bomb.bin",
                ::zip::write::SimpleFileOptions::default()
                    .compression_method(::zip::CompressionMethod::Deflated),
            )
            .unwrap();
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..64 {
                w.write_all(&zeros).unwrap();
            }
            w.finish().unwrap();
        }
        let bomb = cursor.into_inner();
        assert!(bomb.len() < 1 << 20);
        assert!(read(&bomb)
            .unwrap_err()
            .detail
            .to_string()
            .contains("zip bomb"));
        assert_eq!(read(&bomb).unwrap_err().kind, ZipErrorKind::TooLarge);
        // Entry and total limits hold for stored entries too.
        let file = write(&[("a", &[1u8; 1000]), ("b", &[2u8; 1000])]);
        assert!(extract(&file, 999, 10_000)
            .unwrap_err()
            .detail
            .to_string()
            .contains("more than"));
        assert!(extract(&file, 1000, 1500)
            .unwrap_err()
            .detail
            .to_string()
            .contains("add up"));
    }

    /// A local header (with `extra` bytes of extra field declared, none written) and its name.
    pub(crate) fn local(
        name: &str,
        method: u16,
        crc: u32,
        compressed: u32,
        size: u32,
        extra: u16,
    ) -> Vec<u8> {
        let mut h = Vec::new();
        put32(&mut h, LOCAL);
        for n in [20, UTF8, method, 0, DOS_DATE] {
            put16(&mut h, n);
        }
        for n in [crc, compressed, size] {
            put32(&mut h, n);
        }
        put16(&mut h, name.len() as u16);
        put16(&mut h, extra);
        h.extend_from_slice(name.as_bytes());
        h
    }

    /// A directory record.
    pub(crate) fn record(
        name: &str,
        method: u16,
        crc: u32,
        compressed: u32,
        size: u32,
        offset: u32,
    ) -> Vec<u8> {
        let mut d = Vec::new();
        put32(&mut d, CENTRAL);
        for n in [20, 20, UTF8, method, 0, DOS_DATE] {
            put16(&mut d, n);
        }
        for n in [crc, compressed, size] {
            put32(&mut d, n);
        }
        for n in [name.len() as u16, 0, 0, 0, 0] {
            put16(&mut d, n);
        }
        put32(&mut d, 0);
        put32(&mut d, offset);
        d.extend_from_slice(name.as_bytes());
        d
    }

    /// `body` (local headers and data), then the directory `records` and the end record.
    pub(crate) fn crafted(mut body: Vec<u8>, records: &[Vec<u8>]) -> Vec<u8> {
        let offset = body.len() as u32;
        let directory: Vec<u8> = records.concat();
        body.extend_from_slice(&directory);
        put32(&mut body, END);
        for n in [0, 0, records.len() as u16, records.len() as u16] {
            put16(&mut body, n);
        }
        put32(&mut body, directory.len() as u32);
        put32(&mut body, offset);
        put16(&mut body, 0);
        body
    }

    /// `count` entries of `size` zeros, each deflated on its own, and the deflated size of one.
    pub(crate) fn zeros(count: usize, size: usize) -> (Vec<u8>, usize) {
        let data = vec![0u8; size];
        let kernel = miniz_oxide::deflate::compress_to_vec(&data, 9);
        let crc = Crc::of(&data);
        let (mut body, mut records) = (Vec::new(), Vec::new());
        for i in 0..count {
            let name = format!("zeros/{i:03}.bin");
            records.push(record(
                &name,
                8,
                crc,
                kernel.len() as u32,
                size as u32,
                body.len() as u32,
            ));
            body.extend(local(&name, 8, crc, kernel.len() as u32, size as u32, 0));
            body.extend_from_slice(&kernel);
        }
        (crafted(body, &records), kernel.len())
    }

    /// The directory as the backup restore reads it: nothing but the directory.
    fn directory(file: &[u8]) -> Result<Vec<ZipEntry>, ZipError> {
        let tail_len = (file.len() as u64).min(TAIL_LEN) as usize;
        let dir = find_directory(&file[file.len() - tail_len..], file.len() as u64)?;
        read_directory(
            &file[dir.offset as usize..(dir.offset + dir.size) as usize],
            dir,
        )
    }

    #[test]
    fn a_crafted_archive_reads_like_a_written_one() {
        let data = b"hello hello hello hello";
        let kernel = miniz_oxide::deflate::compress_to_vec(data, 9);
        let mut body = local(
            "a.txt",
            8,
            Crc::of(data),
            kernel.len() as u32,
            data.len() as u32,
            0,
        );
        body.extend_from_slice(&kernel);
        let file = crafted(
            body,
            &[record(
                "a.txt",
                8,
                Crc::of(data),
                kernel.len() as u32,
                data.len() as u32,
                0,
            )],
        );
        assert_eq!(
            read(&file).unwrap(),
            vec![("a.txt".to_owned(), data.to_vec())]
        );
        let entries = directory(&file).unwrap();
        assert_eq!(
            entries[0].room_end,
            file.len() as u64 - END_LEN as u64 - (CENTRAL_LEN + 5) as u64,
            "up to the directory"
        );
    }

    #[test]
    fn many_small_bombs_are_refused_from_the_directory_by_their_ratio() {
        // 900 entries of 1 MiB of zeros, ~1 KB each deflated: 943 MB from under 1 MB. Refused
        // from the directory (as the backup restore reads it), before anything is inflated.
        let (bomb, kernel) = zeros(900, 1 << 20);
        assert!(
            bomb.len() < 1_100_000 && kernel < 1100,
            "{} {kernel}",
            bomb.len()
        );
        let refused = directory(&bomb).unwrap_err();
        assert_eq!(refused.kind, ZipErrorKind::TooLarge);
        assert!(
            refused.detail.to_string().contains("zip bomb"),
            "{}",
            refused.detail
        );
        assert_eq!(read(&bomb).unwrap_err(), refused);
        // 900 entries of 60 KiB of zeros: each harmless alone (the small-entry allowance), 55 MB
        // from 60 KB together: the archive's total ratio refuses them.
        let (bomb, _) = zeros(900, 60 << 10);
        let refused = directory(&bomb).unwrap_err();
        assert_eq!(refused.kind, ZipErrorKind::TooLarge);
        assert!(
            refused.detail.to_string().contains("in all"),
            "{}",
            refused.detail
        );
        // A few such entries (a tiny archive, under the floor) still open.
        let (few, _) = zeros(3, 60 << 10);
        assert_eq!(read(&few).unwrap().len(), 3);
        // The limits are those the docs state.
        assert_eq!(
            (MAX_RATIO, RATIO_ALLOWANCE, TOTAL_RATIO_FLOOR, MAX_TOTAL),
            (200, 65_536, 16_777_216, 4_294_967_295)
        );
    }

    #[test]
    fn entries_that_share_bytes_are_refused() {
        // 900 directory records all pointing at one deflated kernel (1 MB of 16 letters, about
        // half the size deflated): each entry and the total ratio look honest; the entries overlap.
        let mut state = 0x2545_f491_u32;
        let text: Vec<u8> = (0..1_000_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                b'a' + (state % 16) as u8
            })
            .collect();
        let kernel = miniz_oxide::deflate::compress_to_vec(&text, 6);
        let crc = Crc::of(&text);
        let body = [
            local("000", 8, crc, kernel.len() as u32, text.len() as u32, 0),
            kernel.clone(),
        ]
        .concat();
        let records: Vec<Vec<u8>> = (0..900)
            .map(|i| {
                record(
                    &format!("{i:03}"),
                    8,
                    crc,
                    kernel.len() as u32,
                    text.len() as u32,
                    0,
                )
            })
            .collect();
        let shared = crafted(body, &records);
        let refused = directory(&shared).unwrap_err();
        assert_eq!(refused.kind, ZipErrorKind::Unsafe);
        assert!(
            refused.detail.to_string().contains("share the same bytes"),
            "{}",
            refused.detail
        );
        // Two stored entries, the first's data running into the second's header.
        let mut body = local("a", 0, Crc::of(b"0123456789"), 10, 10, 0);
        body.extend_from_slice(b"0123456789");
        let b_at = body.len() as u32 - 4;
        body.truncate(b_at as usize);
        body.extend(local("b", 0, Crc::of(b"x"), 1, 1, 0));
        body.push(b'x');
        let file = crafted(
            body,
            &[
                record("a", 0, Crc::of(b"0123456789"), 10, 10, 0),
                record("b", 0, Crc::of(b"x"), 1, 1, b_at),
            ],
        );
        assert_eq!(
            directory(&file).unwrap_err().kind,
            ZipErrorKind::Unsafe,
            "{}",
            directory(&file).unwrap_err().detail
        );
        // A local header whose extra field is longer than the directory's points its data into
        // the next entry's bytes: refused when the data is read.
        let data = b"same bytes";
        let crc = Crc::of(data);
        let mut body = local("a", 0, crc, 10, 10, 10 + 31);
        body.extend_from_slice(data);
        let b_at = body.len() as u32;
        body.extend(local("b", 0, crc, 10, 10, 0));
        body.extend_from_slice(data);
        let file = crafted(
            body,
            &[
                record("a", 0, crc, 10, 10, 0),
                record("b", 0, crc, 10, 10, b_at),
            ],
        );
        let entries = directory(&file).unwrap();
        assert_eq!(entries[0].room_end, u64::from(b_at));
        assert_eq!(read(&file).unwrap_err().kind, ZipErrorKind::Damaged);
        assert!(entries[0].data_range(&file[..LOCAL_LEN]).is_err());
        assert_eq!(
            entries[1].data_range(&file[b_at as usize..]).unwrap(),
            u64::from(b_at) + 31..u64::from(b_at) + 41
        );
    }

    #[test]
    fn a_stored_entry_whose_sizes_differ_is_damaged_not_an_unknown_method() {
        // Declares 2 GB, holds 100 bytes.
        let mut body = local("big.jpg", 0, 0, 100, 2_000_000_000, 0);
        body.extend_from_slice(&[7u8; 100]);
        let file = crafted(body, &[record("big.jpg", 0, 0, 100, 2_000_000_000, 0)]);
        let refused = directory(&file).unwrap_err();
        assert_eq!(refused.kind, ZipErrorKind::Damaged);
        let said = refused.detail.to_string();
        assert!(
            said.contains("two different sizes") && !said.contains("method"),
            "{said}"
        );
    }

    #[test]
    fn zip64_markers_in_a_directory_record_are_refused() {
        // 0xFFFFFFFF in a record's sizes or offset means "see the ZIP64 extra field": not a size.
        // A deflated entry declaring it (with 21.5 MB to stay under the ratio) was read as a
        // 4 GiB entry; at MAX_TOTAL exactly it also passed the total.
        let compressed = 21_500_000u32;
        let mut body = local("big.bin", 8, 0, compressed, u32::MAX, 0);
        body.resize(body.len() + compressed as usize, 0);
        let file = crafted(body, &[record("big.bin", 8, 0, compressed, u32::MAX, 0)]);
        let refused = directory(&file).unwrap_err();
        assert_eq!(refused.kind, ZipErrorKind::Damaged);
        assert!(
            refused.detail.to_string().contains("ZIP64"),
            "{}",
            refused.detail
        );
        // In the compressed size or the offset too (refused before, as outside the file; now
        // for what they are).
        let mut body = local("a", 0, 0, 1, 1, 0);
        body.push(b'x');
        for r in [
            record("a", 8, 0, u32::MAX, 1, 0),
            record("a", 0, 0, 1, 1, u32::MAX),
        ] {
            let refused = directory(&crafted(body.clone(), &[r])).unwrap_err();
            assert!(
                refused.detail.to_string().contains("ZIP64"),
                "{}",
                refused.detail
            );
        }
    }

    #[test]
    fn pieces_can_be_hashed_in_chunks() {
        let data: Vec<u8> = (0..10_000u32).map(|i| i as u8).collect();
        let mut crc = Crc::default();
        for chunk in data.chunks(333) {
            crc.update(chunk);
        }
        assert_eq!(crc.finish(), Crc::of(&data));
    }
}
