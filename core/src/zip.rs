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
//! duplicate names, every entry inside the file, sizes below 4 GiB (no ZIP64).

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
    CRC32.get_or_init(|| crc::Crc::<u32, crc::Table<16>>::new(std::hint::black_box(&crc::CRC_32_ISO_HDLC)))
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
            return err(ZipErrorKind::Unsafe, Message::new(T::ZipTwoEntries).with("name", name));
        }
        if self.entries.len() >= MAX_ENTRIES {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipTooManyEntries).with("n", MAX_ENTRIES));
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
}

/// An entry may expand at most this many times (deflate's best on real data is far below; a
/// "zip bomb" is far above).
pub const MAX_RATIO: u64 = 200;

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
    let Some(at) = (0..=tail.len() - END_LEN).rev().find(|&i| get32(tail, i) == END) else {
        return err(ZipErrorKind::NotZip, Message::new(T::ZipNoEnd));
    };
    let r = &tail[at..];
    if get16(r, 4) != 0 || get16(r, 6) != 0 || get16(r, 8) != get16(r, 10) {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipMultiPart));
    }
    let count = usize::from(get16(r, 10));
    let (size, offset) = (u64::from(get32(r, 12)), u64::from(get32(r, 16)));
    if count == usize::from(u16::MAX) || size == u64::from(u32::MAX) || offset == u64::from(u32::MAX) {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipZip64));
    }
    let end_at = file_len - start + at as u64;
    if offset + size > end_at {
        return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryOutside));
    }
    Ok(Directory { offset, size, count })
}

/// Reads the central directory (`bytes`: exactly [`Directory::size`] bytes at its offset).
///
/// # Errors
/// A damaged directory, compressed or encrypted entries, unsafe or repeated names, entries that
/// overlap the directory.
pub fn read_directory(bytes: &[u8], dir: Directory) -> Result<Vec<ZipEntry>, ZipError> {
    if dir.count > MAX_ENTRIES {
        return err(ZipErrorKind::TooLarge, Message::new(T::ZipTooManyEntries).with("n", MAX_ENTRIES));
    }
    let mut entries = Vec::with_capacity(dir.count);
    let mut names = BTreeSet::new();
    let mut at = 0;
    for _ in 0..dir.count {
        if at + CENTRAL_LEN > bytes.len() || get32(bytes, at) != CENTRAL {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryDamaged));
        }
        let e = &bytes[at..];
        let (flags, method) = (get16(e, 8), get16(e, 10));
        let (crc, compressed, size) = (get32(e, 16), u64::from(get32(e, 20)), u64::from(get32(e, 24)));
        let (name_len, extra_len, comment_len) = (usize::from(get16(e, 28)), usize::from(get16(e, 30)), usize::from(get16(e, 32)));
        let header_offset = u64::from(get32(e, 42));
        let end = at + CENTRAL_LEN + name_len + extra_len + comment_len;
        if end > bytes.len() {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipDirectoryDamaged));
        }
        // Names are UTF-8 (Flowboard, macOS, 7-Zip); Windows' own "compressed folder" writes them in
        // the system's code page (GBK for a Chinese title). Such bytes are read leniently: the
        // entries of a bundle are found by their ASCII ends ("images/001.jpg") under whatever
        // folder name, and the name checks below still apply to what was read.
        let name = String::from_utf8_lossy(&bytes[at + CENTRAL_LEN..at + CENTRAL_LEN + name_len]).into_owned();
        at = end;
        if flags & 1 != 0 {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipEncrypted).with("name", &name));
        }
        if name.ends_with('/') && size == 0 {
            continue; // a folder
        }
        check_name(&name)?;
        let deflated = match method {
            0 if compressed == size => false,
            8 => true,
            _ => return err(ZipErrorKind::Damaged, Message::new(T::ZipMethod).with("name", &name).with("method", method)),
        };
        if deflated && size > 1024 * 1024 && size / compressed.max(1) > MAX_RATIO {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipBomb).with("name", &name).with("n", size / compressed.max(1)));
        }
        if header_offset + LOCAL_LEN as u64 + compressed > dir.offset {
            return err(ZipErrorKind::Damaged, Message::new(T::ZipOutside).with("name", &name));
        }
        if !names.insert(name.clone()) {
            return err(ZipErrorKind::Unsafe, Message::new(T::ZipTwoEntries).with("name", &name));
        }
        entries.push(ZipEntry { name, header_offset, size, stored_size: compressed, crc, deflated });
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
pub fn extract(file: &[u8], max_entry: u64, max_total: u64) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    let tail_len = (file.len() as u64).min(TAIL_LEN) as usize;
    let dir = find_directory(&file[file.len() - tail_len..], file.len() as u64)?;
    let entries = read_directory(&file[dir.offset as usize..(dir.offset + dir.size) as usize], dir)?;
    let mut total = 0u64;
    for e in &entries {
        if e.size > max_entry {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipEntryTooLarge).with("name", &e.name).with("mb", e.size.div_ceil(1_000_000)).with("max", max_entry / 1_000_000));
        }
        total += e.size;
        if total > max_total {
            return err(ZipErrorKind::TooLarge, Message::new(T::ZipTotalTooLarge).with("max", max_total / 1_000_000));
        }
    }
    entries
        .into_iter()
        .map(|e| {
            let at = e.header_offset as usize;
            let start = e.header_offset + data_start(&file[at..at + LOCAL_LEN])?;
            // Untrusted sizes: checked in u64, so nothing wraps on a 32-bit target.
            let end = start + e.stored_size;
            let Some(raw) = file.get(start as usize..end as usize).filter(|_| end <= dir.offset) else {
                return err(ZipErrorKind::Damaged, Message::new(T::ZipOutside).with("name", &e.name));
            };
            let data = if e.deflated {
                let data = miniz_oxide::inflate::decompress_to_vec_with_limit(raw, e.size as usize)
                    .map_err(|_| ZipError { kind: ZipErrorKind::Damaged, detail: Message::new(T::ZipInflateFailed).with("name", &e.name) })?;
                if data.len() as u64 != e.size {
                    return err(ZipErrorKind::Damaged, Message::new(T::ZipWrongSize).with("name", &e.name));
                }
                data
            } else {
                raw.to_vec()
            };
            if Crc::of(&data) != e.crc {
                return err(ZipErrorKind::Damaged, Message::new(T::ZipCrc).with("name", &e.name));
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
        || name.split('/').any(|part| part == ".." || part == "." || part.is_empty());
    if bad {
        return err(ZipErrorKind::Unsafe, Message::new(T::ZipUnsafeName).with("name", format!("{name:?}")));
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
        let file = write(&[("storyboard.json", b"{\"title\":\"\xe5\xae\xb6\"}"), ("images/01.jpg", &photo), ("空.txt", b"")]);
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(file)).unwrap();
        assert_eq!(archive.len(), 3);
        let mut data = Vec::new();
        archive.by_name("images/01.jpg").unwrap().read_to_end(&mut data).unwrap();
        assert_eq!(data, photo);
        let mut text = String::new();
        archive.by_name("storyboard.json").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "{\"title\":\"家\"}");
        assert!(archive.by_name("空.txt").is_ok());
    }

    #[test]
    fn we_read_what_the_zip_crate_writes_with_a_comment_and_folders() {
        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            let stored = ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Stored);
            w.add_directory("images/", stored).unwrap();
            w.start_file("images/a.jpg", stored).unwrap();
            w.write_all(b"jpeg bytes").unwrap();
            w.start_file("index.html", stored).unwrap();
            w.write_all(b"<!doctype html>").unwrap();
            w.set_comment("made elsewhere");
            w.finish().unwrap();
        }
        let entries = read(&cursor.into_inner()).unwrap();
        assert_eq!(entries, vec![("images/a.jpg".into(), b"jpeg bytes".to_vec()), ("index.html".into(), b"<!doctype html>".to_vec())]);
    }

    #[test]
    fn round_trip_and_damage_is_reported() {
        let file = write(&[("a", b"one"), ("b/c", b"two")]);
        assert_eq!(read(&file).unwrap().len(), 2);
        // A flipped data byte fails the CRC.
        let mut flipped = file.clone();
        flipped[31] ^= 0xff;
        assert!(read(&flipped).unwrap_err().detail.to_string().contains("CRC"));
        // Cut off: the end record is gone.
        assert!(read(&file[..file.len() - 10]).is_err());
        assert!(read(b"").is_err());
        assert!(read(b"plain text, not a zip archive at all").unwrap_err().detail.to_string().contains("not a ZIP"));
        assert_eq!(read(b"plain text, not a zip archive at all").unwrap_err().kind, ZipErrorKind::NotZip);
    }

    #[test]
    fn unsafe_repeated_and_bomb_entries_are_refused_and_deflated_ones_read() {
        let mut w = ZipWriter::default();
        for bad in ["../evil", "/etc/passwd", "a/../../b", "C:\\x", "a//b", ""] {
            assert!(w.entry(bad, 0, 0).is_err(), "{bad}");
        }
        w.entry("same", 0, 0).unwrap();
        assert!(w.entry("same", 0, 0).unwrap_err().detail.to_string().contains("two entries"));

        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file("../../escape.txt", ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Stored)).unwrap();
            w.write_all(b"x").unwrap();
            w.finish().unwrap();
        }
        assert!(read(&cursor.into_inner()).unwrap_err().detail.to_string().contains("unsafe"));

        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file("deflated.txt", ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Deflated)).unwrap();
            w.write_all(&[b'a'; 1000]).unwrap();
            w.finish().unwrap();
        }
        assert_eq!(read(&cursor.into_inner()).unwrap(), vec![("deflated.txt".to_owned(), vec![b'a'; 1000])]);

        // 64 MB of zeros deflates to ~64 KB: refused from the directory, before inflating.
        let mut cursor = std::io::Cursor::new(Vec::new());
        {
            let mut w = ::zip::ZipWriter::new(&mut cursor);
            w.start_file("bomb.bin", ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Deflated)).unwrap();
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..64 {
                w.write_all(&zeros).unwrap();
            }
            w.finish().unwrap();
        }
        let bomb = cursor.into_inner();
        assert!(bomb.len() < 1 << 20);
        assert!(read(&bomb).unwrap_err().detail.to_string().contains("zip bomb"));
        assert_eq!(read(&bomb).unwrap_err().kind, ZipErrorKind::TooLarge);
        // Entry and total limits hold for stored entries too.
        let file = write(&[("a", &[1u8; 1000]), ("b", &[2u8; 1000])]);
        assert!(extract(&file, 999, 10_000).unwrap_err().detail.to_string().contains("more than"));
        assert!(extract(&file, 1000, 1500).unwrap_err().detail.to_string().contains("add up"));
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
