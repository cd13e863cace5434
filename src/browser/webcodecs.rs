//! WebCodecs, bound here rather than through web-sys: web-sys has these types only behind
//! `--cfg=web_sys_unstable_apis`, which would have to be set for every crate through RUSTFLAGS
//! (and would replace the build's own flags). Only what the film's encoder uses: a
//! `VideoEncoder` fed `VideoFrame`s of an `OffscreenCanvas`, an `AudioEncoder` fed planar float
//! `AudioData`, the encoded chunks' bytes and the decoder configuration their first output
//! carries (`avcC` for H.264), and `isConfigSupported`, which the page asks before offering a
//! format (see [`video_supported`] and [`audio_supported`]).

use flowboard_core::film::{AudioCodec, VideoCodec};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::OffscreenCanvas;

#[wasm_bindgen]
extern "C" {
    /// `VideoEncoder`: frames in, `EncodedVideoChunk`s out through its `output` callback.
    pub type VideoEncoder;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(init: &Object) -> Result<VideoEncoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn configure(this: &VideoEncoder, config: &Object) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn encode(this: &VideoEncoder, frame: &VideoFrame, options: &Object)
        -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    pub fn flush(this: &VideoEncoder) -> Promise;
    #[wasm_bindgen(method, catch)]
    pub fn close(this: &VideoEncoder) -> Result<(), JsValue>;
    /// Frames given to `encode` and not yet taken by the codec.
    #[wasm_bindgen(method, getter, js_name = encodeQueueSize)]
    pub fn encode_queue_size(this: &VideoEncoder) -> u32;
    #[wasm_bindgen(method, setter)]
    pub fn set_ondequeue(this: &VideoEncoder, handler: Option<&js_sys::Function>);
    #[wasm_bindgen(static_method_of = VideoEncoder, js_name = isConfigSupported, catch)]
    fn video_config_supported(config: &Object) -> Result<Promise, JsValue>;

    /// `VideoFrame`: one picture to encode, made from a canvas.
    pub type VideoFrame;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(image: &OffscreenCanvas, init: &Object) -> Result<VideoFrame, JsValue>;
    /// Another frame's picture at a new time (sharing its pixels, not copying them).
    #[wasm_bindgen(constructor, catch, js_class = "VideoFrame")]
    pub fn again(frame: &VideoFrame, init: &Object) -> Result<VideoFrame, JsValue>;
    #[wasm_bindgen(method)]
    pub fn close(this: &VideoFrame);

    /// `EncodedVideoChunk`.
    pub type EncodedVideoChunk;
    /// "key" or "delta".
    #[wasm_bindgen(method, getter, js_name = type)]
    pub fn kind(this: &EncodedVideoChunk) -> String;
    /// Microseconds.
    #[wasm_bindgen(method, getter)]
    pub fn timestamp(this: &EncodedVideoChunk) -> f64;
    /// Microseconds (null when the encoder did not say).
    #[wasm_bindgen(method, getter)]
    pub fn duration(this: &EncodedVideoChunk) -> Option<f64>;
    #[wasm_bindgen(method, getter, js_name = byteLength)]
    pub fn byte_length(this: &EncodedVideoChunk) -> u32;
    #[wasm_bindgen(method, catch, js_name = copyTo)]
    pub fn copy_to(this: &EncodedVideoChunk, destination: &Uint8Array) -> Result<(), JsValue>;

    /// `AudioEncoder`: `AudioData` in, `EncodedAudioChunk`s out through its `output` callback.
    pub type AudioEncoder;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(init: &Object) -> Result<AudioEncoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn configure(this: &AudioEncoder, config: &Object) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn encode(this: &AudioEncoder, data: &AudioData) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    pub fn flush(this: &AudioEncoder) -> Promise;
    #[wasm_bindgen(method, catch)]
    pub fn close(this: &AudioEncoder) -> Result<(), JsValue>;
    /// Pieces given to `encode` and not yet taken by the codec.
    #[wasm_bindgen(method, getter, js_name = encodeQueueSize)]
    pub fn encode_queue_size(this: &AudioEncoder) -> u32;
    #[wasm_bindgen(static_method_of = AudioEncoder, js_name = isConfigSupported, catch)]
    fn audio_config_supported(config: &Object) -> Result<Promise, JsValue>;

    /// `AudioData`: samples to encode.
    pub type AudioData;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(init: &Object) -> Result<AudioData, JsValue>;
    #[wasm_bindgen(method)]
    pub fn close(this: &AudioData);

    /// `EncodedAudioChunk`.
    pub type EncodedAudioChunk;
    #[wasm_bindgen(method, getter)]
    pub fn timestamp(this: &EncodedAudioChunk) -> f64;
    #[wasm_bindgen(method, getter)]
    pub fn duration(this: &EncodedAudioChunk) -> Option<f64>;
    #[wasm_bindgen(method, getter, js_name = byteLength)]
    pub fn byte_length(this: &EncodedAudioChunk) -> u32;
    #[wasm_bindgen(method, catch, js_name = copyTo)]
    pub fn copy_to(this: &EncodedAudioChunk, destination: &Uint8Array) -> Result<(), JsValue>;
}

/// A plain object with these properties.
pub fn object(entries: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (key, value) in entries {
        Reflect::set(&o, &(*key).into(), value).expect("setting a property on a plain object");
    }
    o
}

/// The bytes of an encoded chunk.
pub fn video_bytes(chunk: &EncodedVideoChunk) -> Result<Vec<u8>, JsValue> {
    let buffer = Uint8Array::new_with_length(chunk.byte_length());
    chunk.copy_to(&buffer)?;
    Ok(buffer.to_vec())
}

/// The bytes of an encoded chunk.
pub fn audio_bytes(chunk: &EncodedAudioChunk) -> Result<Vec<u8>, JsValue> {
    let buffer = Uint8Array::new_with_length(chunk.byte_length());
    chunk.copy_to(&buffer)?;
    Ok(buffer.to_vec())
}

/// `metadata.decoderConfig.description` of an encoder's output, when there is one (an
/// `ArrayBuffer` or a view of one): the `avcC` record for H.264 in the "avc" format, what the
/// container must carry for a player to decode the chunks.
pub fn description(metadata: &JsValue) -> Option<Vec<u8>> {
    if metadata.is_undefined() || metadata.is_null() {
        return None;
    }
    let config = Reflect::get(metadata, &"decoderConfig".into()).ok()?;
    if config.is_undefined() || config.is_null() {
        return None;
    }
    let value = Reflect::get(&config, &"description".into()).ok()?;
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Some(Uint8Array::new(buffer).to_vec());
    }
    if js_sys::ArrayBuffer::is_view(&value) {
        let view: &Object = value.unchecked_ref();
        let get = |key: &str| Reflect::get(view, &key.into()).ok()?.as_f64();
        let buffer = Reflect::get(view, &"buffer".into()).ok()?;
        let bytes = Uint8Array::new_with_byte_offset_and_length(
            &buffer,
            get("byteOffset")? as u32,
            get("byteLength")? as u32,
        );
        return Some(bytes.to_vec());
    }
    None
}

/// Whether this browser (page or worker) has WebCodecs' encoders at all.
pub fn available() -> bool {
    let global = js_sys::global();
    ["VideoEncoder", "VideoFrame", "AudioEncoder", "AudioData"]
        .iter()
        .all(|name| super::has(&global, name))
}

/// The video encoder's configuration for a `width` × `height` film at `fps` in `codec`: its
/// WebCodecs codec string, a bitrate for a clean picture through a camera move (8 Mbit/s at
/// 1080p30 H.264, as the frame rate and as the pixels to the power ¾: smaller pictures need more
/// bits a pixel, 1.5 Mbit/s at 640 × 360 kept a zoom over 30 dB where 0.9 did not; VP9 needs
/// less for the same picture), quality before speed, and H.264 in the "avc" format (length-prefixed units, parameter sets in the
/// description), which MP4 carries.
pub fn video_config(codec: VideoCodec, width: u32, height: u32, fps: u32) -> Object {
    let pixels = f64::from(width) * f64::from(height) / (1920.0 * 1080.0);
    let h264 = 8_000_000.0 * pixels.powf(0.75) * f64::from(fps) / 30.0;
    let bitrate = match codec {
        VideoCodec::H264 => h264,
        VideoCodec::Vp9 => h264 * 0.75,
    }
    .round()
    .max(250_000.0);
    let config = object(&[
        ("codec", codec.webcodecs(width, height, fps).into()),
        ("width", width.into()),
        ("height", height.into()),
        ("framerate", fps.into()),
        ("bitrate", bitrate.into()),
        ("latencyMode", "quality".into()),
    ]);
    if codec == VideoCodec::H264 {
        let avc = object(&[("format", "avc".into())]);
        Reflect::set(&config, &"avc".into(), &avc).expect("setting a property");
    }
    config
}

/// The audio encoder's configuration: `codec` at `sample_rate` with `channels`, 128 kbit/s
/// (stereo; 96 mono).
pub fn audio_config(codec: AudioCodec, sample_rate: u32, channels: u32) -> Object {
    let bitrate = if channels > 1 { 128_000 } else { 96_000 };
    object(&[
        ("codec", codec.webcodecs().into()),
        ("sampleRate", sample_rate.into()),
        ("numberOfChannels", channels.into()),
        ("bitrate", bitrate.into()),
    ])
}

/// Which encoder a configuration is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoder {
    Video,
    Audio,
}

/// Whether this browser encodes `config` (`VideoEncoder` / `AudioEncoder.isConfigSupported`);
/// false where WebCodecs is missing or the check fails.
pub async fn supported(encoder: Encoder, config: &Object) -> bool {
    if !available() {
        return false;
    }
    let promise = match encoder {
        Encoder::Video => VideoEncoder::video_config_supported(config),
        Encoder::Audio => AudioEncoder::audio_config_supported(config),
    };
    let Ok(promise) = promise else {
        return false;
    };
    match JsFuture::from(promise).await {
        Ok(answer) => Reflect::get(&answer, &"supported".into())
            .ok()
            .and_then(|s| s.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Whether a film in `codec` at this size and rate can be encoded here (the configuration the
/// film's worker uses).
pub async fn video_supported(codec: VideoCodec, width: u32, height: u32, fps: u32) -> bool {
    supported(Encoder::Video, &video_config(codec, width, height, fps)).await
}

/// Whether a film's sound in `codec` can be encoded here (the configuration the film's worker
/// uses).
pub async fn audio_supported(codec: AudioCodec, sample_rate: u32, channels: u32) -> bool {
    supported(Encoder::Audio, &audio_config(codec, sample_rate, channels)).await
}
