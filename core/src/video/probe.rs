//! A clip's container and video codec, and whether it is cut off, from its own bytes.
//!
//! The browser says only that it cannot play a clip (Chromium: "no supported streams"); the file
//! says why, e.g. HEVC, which Chromium on Linux decodes only with hardware support. And a clip cut
//! off by an interrupted copy may still play its first seconds, then stall on a seek: its boxes
//! say how long it should be, so it is refused before the dialog opens.
//!
//! The page reads a few header bytes at a time ([`Mp4Walk`] asks for them), never the whole clip.

/// A video codec, as the container names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codec {
    H264,
    Hevc,
    Av1,
    Vp8,
    Vp9,
    /// Anything else, by the container's own code (an MP4 sample entry's four letters, a
    /// Matroska codec id).
    Other(String),
}

impl Codec {
    /// The name people know it by.
    pub fn name(&self) -> &str {
        match self {
            Self::H264 => "H.264",
            Self::Hevc => "HEVC (H.265)",
            Self::Av1 => "AV1",
            Self::Vp8 => "VP8",
            Self::Vp9 => "VP9",
            Self::Other(code) => code,
        }
    }

    fn from_fourcc(code: &[u8]) -> Self {
        match code {
            b"avc1" | b"avc3" => Self::H264,
            b"hvc1" | b"hev1" | b"dvh1" | b"dvhe" => Self::Hevc,
            b"av01" => Self::Av1,
            b"vp08" => Self::Vp8,
            b"vp09" => Self::Vp9,
            b"mp4v" => Self::Other("MPEG-4 Part 2".into()),
            b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" => Self::Other("Apple ProRes".into()),
            b"jpeg" | b"mjpa" => Self::Other("Motion JPEG".into()),
            other => Self::Other(
                String::from_utf8_lossy(other)
                    .trim()
                    .chars()
                    .filter(|c| c.is_ascii_graphic())
                    .collect(),
            ),
        }
    }
}

/// What the clip's bytes say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Probe {
    /// The video track's codec, if the file names one the probe could read.
    pub codec: Option<Codec>,
    /// The file stops before the end its container gives: `Some(expected size)`.
    pub truncated: Option<u64>,
}

/// The top-level boxes of an MP4/MOV file, walked one header at a time: [`Mp4Walk::next`] says
/// which 16 bytes to read, [`Mp4Walk::feed`] takes them. Finds the `moov` box (where the codec
/// is named) and whether the last box runs past the end of the file.
#[derive(Debug, Clone)]
pub struct Mp4Walk {
    size: u64,
    at: u64,
    boxes: usize,
    done: bool,
    /// Offset and length of the `moov` box.
    pub moov: Option<(u64, u64)>,
    /// The file is shorter than its boxes: the size they add up to.
    pub truncated: Option<u64>,
}

/// Past this many top-level boxes the walk stops (a file of 16-byte boxes would otherwise cost a
/// read each); real clips have fewer than ten (fragmented ones a few per second of video).
const MAX_BOXES: usize = 20_000;

impl Mp4Walk {
    pub fn new(file_size: u64) -> Self {
        Self {
            size: file_size,
            at: 0,
            boxes: 0,
            done: file_size == 0,
            moov: None,
            truncated: None,
        }
    }

    /// Where to read the next box header (16 bytes, fewer at the end of the file), or `None` when
    /// the walk is over.
    pub fn next(&self) -> Option<u64> {
        (!self.done).then_some(self.at)
    }

    /// Takes the bytes read at [`Self::next`].
    pub fn feed(&mut self, header: &[u8]) {
        self.boxes += 1;
        let left = self.size - self.at;
        if header.len() < 8 {
            // A box header cut in two: the file stops inside it.
            self.truncated = Some(self.at + 8);
            self.done = true;
            return;
        }
        let size32 = u32::from_be_bytes(header[0..4].try_into().expect("4 bytes"));
        let length = match size32 {
            0 => left,
            1 if header.len() >= 16 => u64::from_be_bytes(header[8..16].try_into().expect("8")),
            1 => {
                self.truncated = Some(self.at + 16);
                self.done = true;
                return;
            }
            n => u64::from(n),
        };
        if length < 8 {
            // Not a box: damaged, which the browser reports; nothing to add.
            self.done = true;
            return;
        }
        if &header[4..8] == b"moov" {
            self.moov = Some((self.at, length.min(left)));
        }
        if length > left {
            self.truncated = Some(self.at.saturating_add(length));
            self.done = true;
            return;
        }
        self.at += length;
        self.done = self.at == self.size || self.boxes >= MAX_BOXES;
    }
}

/// The codec of the first video track in a `moov` box's bytes (the whole box, header included).
pub fn mp4_codec(moov: &[u8]) -> Option<Codec> {
    let moov = children(moov.get(8..)?);
    for trak in moov.filter(|(kind, _)| kind == b"trak") {
        let Some(mdia) = child(trak.1, b"mdia") else {
            continue;
        };
        // hdlr: version and flags (4), pre_defined (4), handler type (4).
        let video = child(mdia, b"hdlr").and_then(|h| h.get(8..12)) == Some(b"vide");
        if !video {
            continue;
        }
        let stsd = [b"minf", b"stbl", b"stsd"]
            .iter()
            .try_fold(mdia, |b, kind| child(b, kind))?;
        // stsd: version and flags (4), entry count (4), then the first sample entry's header.
        return stsd.get(12..16).map(Codec::from_fourcc);
    }
    None
}

/// The boxes in `bytes`, as (kind, contents without the 8-byte header); stops at a damaged one.
fn children(bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        let size = u32::from_be_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
        if size < 8 || size > rest.len() {
            rest = &[];
            return None;
        }
        let body = &rest[8..size];
        rest = &rest[size..];
        Some((kind, body))
    })
}

fn child<'a>(bytes: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    children(bytes).find(|(k, _)| k == kind).map(|(_, b)| b)
}

/// Is `head` the start of a Matroska / WebM file (an EBML header)?
pub fn is_webm(head: &[u8]) -> bool {
    head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

/// A WebM / Matroska clip from its first bytes (the tracks come first; 64 KB hold them) and its
/// size: the video codec, and whether the segment is longer than the file.
pub fn webm(head: &[u8], file_size: u64) -> Probe {
    let mut probe = Probe::default();
    // EBML header: its id, size, body; then the Segment's id (18 53 80 67) and size.
    let segment = vint(head.get(4..)).and_then(|(size, len)| {
        let at = 4 + len + usize::try_from(size).ok()?;
        if head.get(at..at + 4)? != [0x18, 0x53, 0x80, 0x67] {
            return None;
        }
        let (size, len) = vint(head.get(at + 4..))?;
        Some((at + 4 + len, size, len))
    });
    if let Some((start, size, len)) = segment {
        // All ones means "unknown size" (a live recording): nothing to check.
        let unknown = size == (1u64 << (7 * len)) - 1;
        let end = (start as u64).saturating_add(size);
        if !unknown && end > file_size {
            probe.truncated = Some(end);
        }
    }
    const IDS: [(&[u8], Codec); 5] = [
        (b"V_VP9", Codec::Vp9),
        (b"V_VP8", Codec::Vp8),
        (b"V_AV1", Codec::Av1),
        (b"V_MPEG4/ISO/AVC", Codec::H264),
        (b"V_MPEGH/ISO/HEVC", Codec::Hevc),
    ];
    probe.codec = IDS
        .into_iter()
        .find(|(id, _)| head.windows(id.len()).any(|w| w == *id))
        .map(|(_, codec)| codec);
    probe
}

/// An EBML variable-length integer: its value (marker bit removed) and length in bytes.
fn vint(bytes: Option<&[u8]>) -> Option<(u64, usize)> {
    let bytes = bytes?;
    let first = *bytes.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut value = u64::from(first) & (0xFF >> len);
    for b in bytes.get(1..len)? {
        value = value << 8 | u64::from(*b);
    }
    Some((value, len))
}
