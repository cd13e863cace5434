//! The running time written into a WebM that a browser's `MediaRecorder` made (the film recorded
//! as it plays, where the browser cannot encode video). A recorder writes as it goes, so its
//! Segment Info has no Duration: Chromium then shows no length and will not seek the file, and
//! ffprobe gives "N/A". This adds the Duration (or corrects one) in the file's first bytes,
//! which hold the EBML header, the Segment's start and its Info.
//!
//! Written here, not with the film's muxer (`film::mux`, only in the tasks worker's build): the
//! page patches the first 64 KB of its recording, and it needs only this: about 80 lines that
//! read element headers. Anything unexpected gives `None`, and the recording is kept as made.

/// Element IDs (Matroska specification, RFC 9559), with their length marker bits.
const EBML: u64 = 0x1A45_DFA3;
const SEGMENT: u64 = 0x1853_8067;
const INFO: u64 = 0x1549_A966;
const TIMECODE_SCALE: u64 = 0x2A_D7B1;
const DURATION: u64 = 0x4489;
/// Top-level elements that come before Info in some writers' files.
const SEEK_HEAD: u64 = 0x114D_9B74;
const VOID: u64 = 0xEC;
const CRC_32: u64 = 0xBF;
/// The largest size an EBML size can say (all ones is "unknown").
const MAX_SIZE: u64 = (1 << 56) - 2;

/// An EBML variable-length integer at `at`: (value without its length marker, its length), and
/// whether it is all ones (an unknown size).
fn vint(bytes: &[u8], at: usize) -> Option<(u64, usize, bool)> {
    let first = *bytes.get(at)?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let raw = bytes.get(at..at + len)?;
    let mut value = u64::from(first) & (0xFF >> len);
    for &b in &raw[1..] {
        value = (value << 8) | u64::from(b);
    }
    let unknown = value == (1u64 << (7 * len)) - 1;
    Some((value, len, unknown))
}

/// An element's ID (kept with its marker bits, as the constants are) and its length.
fn element_id(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let (_, len, _) = vint(bytes, at)?;
    if len > 4 {
        return None;
    }
    let id = bytes
        .get(at..at + len)?
        .iter()
        .fold(0u64, |v, &b| (v << 8) | u64::from(b));
    Some((id, len))
}

/// An element's header at `at`: its ID, where its body starts, and its body's size (`None`:
/// unknown).
fn header(bytes: &[u8], at: usize) -> Option<(u64, usize, Option<u64>)> {
    let (id, id_len) = element_id(bytes, at)?;
    let (size, size_len, unknown) = vint(bytes, at + id_len)?;
    Some((id, at + id_len + size_len, (!unknown).then_some(size)))
}

/// An element's size as an EBML variable-length integer, in as few bytes as it needs (all ones
/// is reserved at each length: it means an unknown size).
pub(crate) fn size_bytes(n: u64) -> Vec<u8> {
    let mut len = 1;
    while len < 8 && n >= (1u64 << (7 * len)) - 1 {
        len += 1;
    }
    (n | (1u64 << (7 * len))).to_be_bytes()[8 - len..].to_vec()
}

/// `head` (the first bytes of a WebM, holding at least its Segment Info) with the Segment
/// Info's Duration set to `seconds`; `None` if `head` is not a WebM this understands, or its Info
/// is not all in `head`.
pub fn with_duration(head: &[u8], seconds: f64) -> Option<Vec<u8>> {
    if !(seconds.is_finite() && seconds > 0.0) {
        return None;
    }
    let (id, body, size) = header(head, 0)?;
    if id != EBML {
        return None;
    }
    let segment_at = body.checked_add(usize::try_from(size?).ok()?)?;
    let (id, mut at, segment_size) = header(head, segment_at)?;
    if id != SEGMENT {
        return None;
    }
    let segment_body = at;
    // Info, after a SeekHead or Void if the writer put one first.
    let (info_at, info_body, info_end) = loop {
        let (id, body, size) = header(head, at)?;
        let end = body.checked_add(usize::try_from(size?).ok()?)?;
        match id {
            INFO => break (at, body, end),
            // A SeekHead with entries holds positions that a longer Info would move.
            SEEK_HEAD if end == body => at = end,
            VOID => at = end,
            _ => return None,
        }
    };
    if info_end > head.len() {
        return None;
    }
    // Its children, without a Duration; and the timecode scale (ns a tick; 1 ms unless said).
    let mut children = Vec::new();
    let mut scale = 1_000_000u64;
    let mut at = info_body;
    while at < info_end {
        let (id, body, size) = header(head, at)?;
        let end = body.checked_add(usize::try_from(size?).ok()?)?;
        if end > info_end {
            return None;
        }
        if id == TIMECODE_SCALE {
            scale = head[body..end]
                .iter()
                .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        }
        // A CRC-32 of the Info would no longer match: left out with the old Duration.
        if id != DURATION && id != CRC_32 {
            children.extend_from_slice(&head[at..end]);
        }
        at = end;
    }
    if scale == 0 {
        return None;
    }
    let ticks = seconds * 1e9 / scale as f64;
    children.extend_from_slice(&[0x44, 0x89, 0x88]);
    children.extend_from_slice(&ticks.to_be_bytes());
    let mut info = vec![0x15, 0x49, 0xA9, 0x66];
    info.extend(size_bytes(children.len() as u64));
    info.extend(children);

    let mut out = head[..segment_at].to_vec();
    out.extend_from_slice(&head[segment_at..segment_at + 4]);
    match segment_size {
        // A known size grows with the Info.
        Some(size) => {
            let grown = (size + info.len() as u64).checked_sub((info_end - info_at) as u64)?;
            if grown > MAX_SIZE {
                return None;
            }
            out.extend(size_bytes(grown));
        }
        None => out.extend_from_slice(&head[segment_at + 4..segment_body]),
    }
    out.extend_from_slice(&head[segment_body..info_at]);
    out.extend(info);
    out.extend_from_slice(&head[info_end..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An element: ID bytes, then the body's size, then the body.
    fn el(id: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        out.extend(size_bytes(body.len() as u64));
        out.extend_from_slice(body);
        out
    }

    /// The start of a recording as Chromium writes it: EBML header, a Segment of unknown size,
    /// Info (1 ms ticks, no Duration), Tracks, the start of a Cluster.
    fn recording(segment_size: Option<u64>, info_children: &[u8]) -> Vec<u8> {
        let mut out = el(&[0x1A, 0x45, 0xDF, 0xA3], &el(&[0x42, 0x82], b"webm"));
        out.extend([0x18, 0x53, 0x80, 0x67]);
        match segment_size {
            Some(n) => out.extend([0x01, 0, 0, 0, 0, 0, 0, n as u8]),
            None => out.extend([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        }
        out.extend(el(&[0x15, 0x49, 0xA9, 0x66], info_children));
        out.extend(el(
            &[0x16, 0x54, 0xAE, 0x6B],
            &el(&[0xAE], &[0xD7, 0x81, 0x01]),
        ));
        out.extend([
            0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ]);
        out.extend([0xE7, 0x81, 0x00]);
        out
    }

    fn chrome_info() -> Vec<u8> {
        let mut info = el(&[0x2A, 0xD7, 0xB1], &[0x0F, 0x42, 0x40]);
        info.extend(el(&[0x4D, 0x80], b"Chrome"));
        info.extend(el(&[0x57, 0x41], b"Chrome"));
        info
    }

    /// The Duration in `file`'s Info (in ticks), read back with this module's reader.
    fn duration_of(file: &[u8]) -> Option<f64> {
        let (_, body, size) = header(file, 0)?;
        let (_, seg_body, _) = header(file, body + size? as usize)?;
        let (id, info_body, size) = header(file, seg_body)?;
        assert_eq!(id, INFO);
        let end = info_body + size? as usize;
        let mut at = info_body;
        while at < end {
            let (id, body, size) = header(file, at)?;
            if id == DURATION {
                return Some(f64::from_be_bytes(file[body..body + 8].try_into().ok()?));
            }
            at = body + size? as usize;
        }
        None
    }

    #[test]
    fn a_recording_gets_its_running_time_and_keeps_everything_else() {
        let head = recording(None, &chrome_info());
        let out = with_duration(&head, 3.5).expect("patched");
        assert_eq!(duration_of(&out), Some(3500.0));
        assert_eq!(
            out.len(),
            head.len() + 11,
            "Duration is 11 bytes; nothing else changed size"
        );
        // What follows the Info (Tracks, the Cluster) is byte for byte the same.
        assert!(out.ends_with(&head[head.len() - 25..]));
        assert!(out.starts_with(&head[..24]));
    }

    #[test]
    fn a_duration_already_there_is_replaced_and_the_scale_is_read() {
        let mut info = el(&[0x2A, 0xD7, 0xB1], &[0x98, 0x96, 0x80]); // 10 ms ticks
        info.extend(el(&[0x44, 0x89], &1.0f64.to_be_bytes()));
        let head = recording(None, &info);
        let out = with_duration(&head, 2.0).expect("patched");
        assert_eq!(duration_of(&out), Some(200.0));
        assert_eq!(out.len(), head.len());
    }

    #[test]
    fn a_crc_of_the_info_is_left_out() {
        let mut info = el(&[0xBF], &[1, 2, 3, 4]);
        info.extend(chrome_info());
        let head = recording(None, &info);
        let out = with_duration(&head, 1.0).expect("patched");
        assert_eq!(out.len(), head.len() + 11 - 6);
        assert_eq!(duration_of(&out), Some(1000.0));
    }

    #[test]
    fn a_known_segment_size_grows_with_the_info() {
        let head = recording(Some(100), &chrome_info());
        let out = with_duration(&head, 1.0).expect("patched");
        let (_, body, _) = header(&out, 0).unwrap();
        let (_, _, size) = header(&out, body + 7).unwrap();
        assert_eq!(size, Some(111));
    }

    #[test]
    fn anything_else_is_left_alone() {
        let head = recording(None, &chrome_info());
        // Not WebM, cut short inside the Info, empty, a bad running time.
        assert_eq!(with_duration(b"RIFF\x00\x00\x00\x00WAVE", 1.0), None);
        assert_eq!(with_duration(&head[..40], 1.0), None);
        assert_eq!(with_duration(&[], 1.0), None);
        assert_eq!(with_duration(&head, f64::NAN), None);
        assert_eq!(with_duration(&head, 0.0), None);
        // Something other than Info first in the Segment.
        let mut odd = recording(None, &chrome_info());
        odd[24] = 0x16; // the Info's ID becomes 0x16…: not Info, not SeekHead
        assert_eq!(with_duration(&odd, 1.0), None);
        // A SeekHead with entries before the Info (its positions would move).
        let mut seek = recording(None, &chrome_info());
        let seek_head = el(
            &[0x11, 0x4D, 0x9B, 0x74],
            &el(&[0x4D, 0xBB], &[0x53, 0xAB, 0x81, 0x01]),
        );
        seek.splice(24..24, seek_head);
        assert_eq!(with_duration(&seek, 1.0), None);
        // An empty one, or a Void, is passed over.
        let mut empty = recording(None, &chrome_info());
        empty.splice(24..24, [0x11, 0x4D, 0x9B, 0x74, 0x80, 0xEC, 0x82, 0, 0]);
        assert!(with_duration(&empty, 1.0).is_some());
        // Every truncation is refused or patched, never a panic.
        for n in 0..head.len() {
            let _ = with_duration(&head[..n], 1.0);
        }
        for b in 0..=255u8 {
            let mut bent = head.clone();
            bent[28] = b;
            let _ = with_duration(&bent, 1.0);
        }
    }
}
