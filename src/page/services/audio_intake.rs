//! One way in for every audio file — a narration attached from a file, a music bed, a recording
//! when it stops: checked, decoded, hashed and held before any action refers to it, so a file
//! that is refused changes nothing.
//!
//! What is checked, in order, each with its own message naming the file: the size (refused over
//! [`MAX_AUDIO_BYTES`] before a byte is read), the kind of file (from its first bytes, never its
//! name: [`media::audio_mime`]), a WAV that stops before its sound does, whether the browser can
//! decode it, and its length ([`MAX_AUDIO_SECONDS`]).
//!
//! The file is read once, into a JavaScript `ArrayBuffer`; only 4 MiB at a time of it passes
//! through WebAssembly memory, to be hashed, before `decodeAudioData` takes the buffer. The
//! waveform is made from a decode at a low sample rate ([`PEAKS_RATE`]): 30 minutes of stereo is
//! then 115 MB of samples rather than 691 MB at 48 kHz, and the samples are read a stretch at a
//! time.

use super::audio_store;
use crate::audio::media::{self, AudioMeta, PEAKS};
use crate::audio::{MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS};
use crate::browser::files;
use crate::i18n::{Message, T};
use crate::model::ContentHasher;
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AudioBuffer, Blob, OfflineAudioContext};

/// The sample rate the waveform and the length are measured at (Hz): the lowest every browser
/// decodes to, plenty for 120 points.
const PEAKS_RATE: f32 = 8000.0;
/// The sample rate [`decode`] gives for playback (Hz); an `AudioBuffer` plays in a context of any
/// rate, resampled by the browser.
pub const PLAYBACK_RATE: f32 = 48000.0;
/// How much of the file is copied into WebAssembly at a time to be hashed.
const HASH_CHUNK: u32 = 4 * 1024 * 1024;
/// How much of the head is looked at to know the kind of file and find a WAV's `data` chunk.
const HEAD: f64 = 4096.0;

/// Takes an audio file in: checks it, decodes it, hashes it, draws its waveform and holds its
/// blob (typed as its bytes say) in [`audio_store`] as not stored yet (autosave stores it).
///
/// # Errors
/// A message naming the file: too large, not audio, cut short, not decodable, too long, or not
/// readable any more.
pub async fn take(blob: Blob, name: String) -> Result<AudioMeta, Message> {
    let size = blob.size();
    if size > MAX_AUDIO_BYTES as f64 {
        return Err(Message::new(T::ErrAudioTooLarge)
            .with("name", &name)
            .with("mb", (size as u64).div_ceil(1024 * 1024))
            .with("max", MAX_AUDIO_BYTES / (1024 * 1024)));
    }
    let unreadable = |e: Message| {
        Message::new(T::ErrAudioUnreadable)
            .with("name", &name)
            .with_message("detail", e)
    };
    let head = crate::browser::blobs::read_range(&blob, 0.0, size.min(HEAD))
        .await
        .map_err(unreadable)?;
    let Some(mime) = media::audio_mime(&head) else {
        return Err(Message::new(T::ErrNotAudio).with("name", &name));
    };
    if media::wav_cut_short(&head, size as u64) {
        return Err(Message::new(T::ErrAudioCutShort).with("name", &name));
    }
    let buffer = files::read(&blob).await.map_err(unreadable)?;
    let id = hash(&buffer);
    let undecodable = || Message::new(T::ErrAudioUndecodable).with("name", &name);
    let decoded = decode_at(&buffer, PEAKS_RATE)
        .await
        .map_err(|_| undecodable())?;
    let seconds = decoded.duration();
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(undecodable());
    }
    if seconds > MAX_AUDIO_SECONDS {
        return Err(Message::new(T::ErrAudioTooLong)
            .with("name", &name)
            .with_number("minutes", (seconds / 60.0).ceil() as u64)
            .with_number("max", (MAX_AUDIO_SECONDS / 60.0) as u64));
    }
    let peaks = waveform(&decoded);
    let typed = if blob.type_() == mime {
        blob.clone()
    } else {
        blob.slice_with_f64_and_f64_and_content_type(0.0, size, mime)
            .map_err(|e| unreadable(files::describe_js_error(e)))?
    };
    audio_store::remember(&id, &typed, false);
    Ok(AudioMeta {
        id,
        name,
        mime: mime.to_owned(),
        bytes: size as u64,
        seconds,
        peaks,
    })
}

/// Decodes an audio file for playback, at [`PLAYBACK_RATE`].
///
/// # Errors
/// The file could not be read, or the browser cannot decode it.
pub async fn decode(blob: &Blob) -> Result<AudioBuffer, Message> {
    let buffer = files::read(blob).await?;
    decode_at(&buffer, PLAYBACK_RATE)
        .await
        .map_err(|_| Message::new(T::ErrSoundUndecodable))
}

/// `decodeAudioData` into a context of `rate` Hz (the buffer is detached afterwards).
async fn decode_at(buffer: &ArrayBuffer, rate: f32) -> Result<AudioBuffer, wasm_bindgen::JsValue> {
    let context =
        OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(1, 1, rate)?;
    let decoded = JsFuture::from(context.decode_audio_data(buffer)?).await?;
    decoded.dyn_into()
}

/// The content hash of the file's bytes (the same as a photo's, [`crate::model::PhotoId`]),
/// copied into WebAssembly [`HASH_CHUNK`] bytes at a time.
fn hash(buffer: &ArrayBuffer) -> String {
    let total = buffer.byte_length();
    let mut hasher = ContentHasher::default();
    let mut chunk = vec![0u8; HASH_CHUNK.min(total) as usize];
    let mut at = 0;
    while at < total {
        let n = HASH_CHUNK.min(total - at);
        Uint8Array::new_with_byte_offset_and_length(buffer, at, n)
            .copy_to(&mut chunk[..n as usize]);
        hasher.update(&chunk[..n as usize]);
        at += n;
    }
    hasher.finish().0
}

/// The waveform of a decoded file: [`PEAKS`] points, each the peak of its stretch with the
/// channels mixed to one; the samples are copied out a stretch at a time.
fn waveform(decoded: &AudioBuffer) -> Vec<u8> {
    let length = decoded.length() as usize;
    let channels = decoded.number_of_channels().max(1);
    let mut mixed = Vec::new();
    let mut channel = Vec::new();
    (0..PEAKS)
        .map(|i| {
            let (a, b) = (i * length / PEAKS, (i + 1) * length / PEAKS);
            mixed.clear();
            mixed.resize(b - a, 0.0f32);
            channel.resize(b - a, 0.0f32);
            for c in 0..channels {
                if decoded
                    .copy_from_channel_with_start_in_channel(&mut channel, c as i32, a as u32)
                    .is_ok()
                {
                    for (m, s) in mixed.iter_mut().zip(&channel) {
                        *m += s / channels as f32;
                    }
                }
            }
            media::peaks(&mixed, 1)[0]
        })
        .collect()
}
