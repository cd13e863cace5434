//! Audio files as the editor takes them: what a file is, judged from its bytes (never from its
//! name or the type a picker claims, as for photos), and a waveform small enough to draw on a
//! card. Decoding is the browser's (`decodeAudioData` plays every format it records); what it
//! decodes comes back here as samples.

use serde::{Deserialize, Serialize};

/// An audio file on a board, stored once by content hash like a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioMeta {
    /// Content hash of the file (the same hash as photos).
    pub id: String,
    pub name: String,
    /// The media type its bytes say (see [`audio_mime`]).
    pub mime: String,
    pub bytes: u64,
    /// Its length as decoded (seconds).
    pub seconds: f64,
    /// Its waveform: [`PEAKS`] levels, 0–255 (see [`peaks`]).
    pub peaks: Vec<u8>,
}

/// How many points a waveform has: enough for a trim handle to land within 1 % of a clip.
pub const PEAKS: usize = 120;

/// The media type of an audio file from its first bytes, if it is one the editor takes: WAV,
/// MP3, Ogg (Opus, Vorbis), WebM (what Chrome and Firefox record), MP4/M4A (what Safari
/// records), FLAC.
pub fn audio_mime(head: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    if at(0, b"RIFF") && at(8, b"WAVE") {
        Some("audio/wav")
    } else if at(0, b"OggS") {
        Some("audio/ogg")
    } else if at(0, b"fLaC") {
        Some("audio/flac")
    } else if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        Some("audio/webm")
    } else if at(4, b"ftyp") {
        // M4A, and MP4 as Safari's recorder writes it; a video MP4 is a film, not narration.
        let brand = head.get(8..12)?;
        matches!(
            brand,
            b"M4A " | b"M4B " | b"mp42" | b"isom" | b"iso5" | b"iso6" | b"dash"
        )
        .then_some("audio/mp4")
    } else if at(0, b"ID3") || matches!(head, [0xFF, b, ..] if b & 0xE0 == 0xE0 && b & 0x06 != 0) {
        Some("audio/mpeg")
    } else {
        None
    }
}

/// Whether a WAV file stops before the sound its header announces (an interrupted copy or
/// download): its `data` chunk claims more bytes than the file has, or the whole file was seen
/// and no `data` chunk began. `head` is the file's first bytes (enough to reach the `data`
/// chunk's header), `size` its length. A stream written before its length was known (a `data`
/// size of 0 or 0xFFFFFFFF) is not judged; neither is any other kind of file.
pub fn wav_cut_short(head: &[u8], size: u64) -> bool {
    if audio_mime(head) != Some("audio/wav") {
        return false;
    }
    let mut at: u64 = 12;
    while let Some(h) = head.get(at as usize..at as usize + 8) {
        let len = u64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]]));
        if &h[..4] == b"data" {
            return len != 0 && len != u64::from(u32::MAX) && at + 8 + len > size;
        }
        at += 8 + len + (len & 1);
    }
    size <= head.len() as u64
}

/// A waveform of `n` levels from decoded samples (any channel count mixed to one): the peak of
/// each of `n` equal stretches, scaled so that full scale is 255.
pub fn peaks(samples: &[f32], n: usize) -> Vec<u8> {
    if n == 0 {
        return Vec::new();
    }
    (0..n)
        .map(|i| {
            let (a, b) = (i * samples.len() / n, (i + 1) * samples.len() / n);
            let peak = samples[a..b]
                .iter()
                .map(|s| if s.is_finite() { s.abs() } else { 0.0 })
                .fold(0.0f32, f32::max);
            (peak.min(1.0) * 255.0).round() as u8
        })
        .collect()
}

/// The root-mean-square level of a stretch of samples in dBFS (the recorder's meter), floored
/// at −90 dB for silence.
pub fn level_db(samples: &[f32]) -> f64 {
    if samples.is_empty() {
        return -90.0;
    }
    let sum: f64 = samples
        .iter()
        .filter(|s| s.is_finite())
        .map(|s| f64::from(*s) * f64::from(*s))
        .sum();
    let rms = (sum / samples.len() as f64).sqrt();
    if rms <= 0.0 {
        -90.0
    } else {
        (20.0 * rms.log10()).max(-90.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_is_known_by_its_bytes() {
        let mut wav = b"RIFF\x24\0\0\0WAVEfmt ".to_vec();
        wav.extend([0; 8]);
        assert_eq!(audio_mime(&wav), Some("audio/wav"));
        assert_eq!(audio_mime(b"OggS\0\x02"), Some("audio/ogg"));
        assert_eq!(audio_mime(b"fLaC\0\0\0\x22"), Some("audio/flac"));
        assert_eq!(
            audio_mime(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
            Some("audio/webm")
        );
        assert_eq!(audio_mime(b"\0\0\0\x20ftypM4A \0\0\0\0"), Some("audio/mp4"));
        assert_eq!(audio_mime(b"ID3\x04\0\0"), Some("audio/mpeg"));
        assert_eq!(audio_mime(&[0xFF, 0xFB, 0x90, 0x64]), Some("audio/mpeg"));
        // A renamed text file, an HTML page, a JPEG, a QuickTime film: not audio.
        for other in [
            &b"hello, this is text"[..],
            b"<!doctype html><script>",
            &[0xFF, 0xD8, 0xFF, 0xE0],
            b"\0\0\0\x14ftypqt  \0\0\0\0",
            b"RIFF\x24\0\0\0AVI LIST",
            b"",
            b"Ogg",
        ] {
            assert_eq!(audio_mime(other), None, "{other:?}");
        }
    }

    #[test]
    fn a_wav_cut_short_is_known_from_its_header() {
        // RIFF header, a 16-byte fmt chunk, then a data chunk announcing 1000 bytes.
        let mut wav = b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0".to_vec();
        wav.extend([1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0]);
        wav.extend(b"data\xE8\x03\0\0");
        let whole = wav.len() as u64 + 1000;
        assert!(!wav_cut_short(&wav, whole));
        assert!(wav_cut_short(&wav, whole - 1));
        // Cut inside the header: no data chunk in a head that is the whole file.
        assert!(wav_cut_short(&wav[..30], 30));
        // A streamed WAV (unknown length) and other kinds of file are not judged.
        let mut streamed = wav.clone();
        streamed.splice(wav.len() - 4.., [0xFF; 4]);
        assert!(!wav_cut_short(&streamed, wav.len() as u64));
        assert!(!wav_cut_short(b"OggS\0\x02", 6));
        // A head that ends before the data chunk of a larger file: not judged.
        assert!(!wav_cut_short(&wav[..30], whole));
    }

    #[test]
    fn a_waveform_has_the_peak_of_each_stretch() {
        let mut samples = vec![0.0f32; 1000];
        samples[150] = -0.5;
        samples[999] = 1.0;
        samples[500] = f32::NAN;
        let p = peaks(&samples, 10);
        assert_eq!(p.len(), 10);
        assert_eq!(p[1], 128);
        assert_eq!(p[9], 255);
        assert_eq!(p[5], 0);
        assert_eq!(peaks(&[], 4), vec![0, 0, 0, 0]);
        assert!(peaks(&samples, 0).is_empty());
        // Louder than full scale (a float file) is drawn at full scale.
        assert_eq!(peaks(&[2.0], 1), vec![255]);
    }

    #[test]
    fn the_meter_reads_decibels_full_scale() {
        assert!((level_db(&[1.0, -1.0]) - 0.0).abs() < 1e-9);
        assert!((level_db(&[0.5; 64]) + 6.0206).abs() < 1e-3);
        assert_eq!(level_db(&[0.0; 8]), -90.0);
        assert_eq!(level_db(&[]), -90.0);
    }
}
