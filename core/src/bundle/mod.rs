//! The storyboard bundle: what an export contains, and how a bundle becomes a board again.
//!
//! Two containers carry the same content (documented in `docs/bundle-format.md`):
//! - a **single HTML file**: a viewer in plain HTML, CSS and a little JavaScript, every image a
//!   `data:` URI, the [`Manifest`] as JSON in `<script type="application/json">`;
//! - a **ZIP** for static hosting: `index.html` (the same viewer, images linked), `images/`,
//!   `originals/` (optional) and `storyboard.json` (the [`Manifest`]).
//!
//! The manifest holds the whole board as the editor has it, so re-opening a bundle restores
//! scenes, order, crops, captions, fields and aspect exactly. Exported images are the frames'
//! crops at a chosen size; with [`Settings::originals`] the original photos travel too (checked
//! against their content hash on the way back in), otherwise re-opened frames show their exported
//! crop and are marked [`crate::model::Frame::fixed`].
//!
//! Everything here is pure: the plan says what to render, the browser renders it in a worker
//! ([`crate::imaging::render_frame`]) and joins the pieces; the readers take bytes and never panic.

mod html;
pub mod print;
mod read;
pub mod shotlist;

pub use html::{
    csp, describe, escape_html, file_name, json_for_html, render, shown_fields, Images, Piece,
    SCRIPT_HASH, STYLE_HASH,
};
pub use read::{open, open_html, open_zip, Limits, Opened};

use crate::error::BundleError;
use crate::i18n::{Message, T};
use crate::imaging::render_size;
use crate::model::camera::{self, CameraMove};
use crate::model::crop::{self, Aspect};
use crate::model::{Board, Crop, Frame, FrameId, PhotoId, PhotoMeta};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The `format` every manifest carries.
pub const FORMAT: &str = "flowboard-bundle";
/// The newest bundle format this code writes and reads. Bump it (and add a step to `migrate`)
/// when the manifest changes in a way older readers would misread.
///
/// Version 2 added sound ([`Manifest::audio`], [`Manifest::sound`], the board's `audio`, `music`
/// and each frame's `narration`): a version-1 reader would open such a bundle silently without
/// its sound, so a bundle with sound is written as version 2 and refused by older readers with
/// "exported by a newer version". A bundle without sound is exactly the version-1 shape and is
/// still written as version 1 ([`SILENT_VERSION`]), so older Flowboards keep opening it.
pub const VERSION: u32 = 2;
/// The version written for a bundle that carries no sound.
pub const SILENT_VERSION: u32 = 1;
/// The manifest's name inside a ZIP bundle.
pub const MANIFEST_PATH: &str = "storyboard.json";
/// The viewer's name inside a ZIP bundle.
pub const INDEX_PATH: &str = "index.html";
/// The long edges an export offers, in pixels.
pub const LONG_EDGES: [u32; 3] = [1280, 1920, 3840];
/// The largest manifest (the JSON) a reader parses. A board at the frame limit with long
/// captions and every field filled is 2–4 MB of JSON; a 20 MB caption took a page 3.5 GB.
pub const MAX_MANIFEST: usize = 16_000_000;

/// What the person exporting chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Long edge of each exported frame image, in pixels (smaller crops are not enlarged).
    pub long_edge: u32,
    /// JPEG quality, 1–100.
    pub quality: u8,
    /// Whether the original photos are included, so crops can still be changed after re-opening.
    pub originals: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            long_edge: 1920,
            quality: 85,
            originals: false,
        }
    }
}

/// One exported frame image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub frame: FrameId,
    /// Path inside the bundle, e.g. `images/003.jpg`.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// One original photo carried in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Original {
    pub photo: PhotoId,
    /// Path inside the bundle, e.g. `originals/<id>.jpg`.
    pub path: String,
}

/// One audio file carried in the bundle (a narration clip or the music bed), as it was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioFile {
    /// Its content hash (the key of the board's `audio`).
    pub audio: String,
    /// Path inside the bundle, e.g. `audio/<id>.webm`.
    pub path: String,
}

/// A narration as the viewer plays it: at its frame's start, `offset` seconds into the file, for
/// `seconds` (the trim, cut at the frame's end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    pub path: String,
    pub offset: f64,
    pub seconds: f64,
}

/// The music bed as the viewer plays it: from the board's start, looped or once, its volume
/// following `envelope` (`(seconds, linear gain)` breakpoints, straight lines between them:
/// fades and ducking under narration, [`crate::audio::music_envelope`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MusicPlan {
    pub path: String,
    /// The file's length (seconds): where a loop starts again.
    pub length: f64,
    pub looped: bool,
    pub envelope: Vec<(f64, f64)>,
}

/// The animatic's sound worked out at export from [`crate::audio`], so the viewer's script only
/// schedules it (the editor's own timing, not a second implementation in JavaScript). Derived
/// data: re-opening ignores it and works from the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoundPlan {
    /// One entry per frame in story order (the page's frames): its narration, or `null`.
    pub voices: Vec<Option<Voice>>,
    pub music: Option<MusicPlan>,
    /// The running time (seconds).
    pub total: f64,
}

/// The sound plan of `board` for the audio files the bundle carries (`audio`); `None` when it
/// plays none (a narration or bed whose file is not in the bundle is silent).
pub fn sound_plan(board: &Board, audio: &[AudioFile]) -> Option<SoundPlan> {
    let path_of = |id: &str| audio.iter().find(|a| a.audio == id).map(|a| a.path.clone());
    // The presentation's own timeline: the page plays what the editor plays.
    let cues = board.timeline();
    let voices: Vec<Option<Voice>> = board
        .frames()
        .zip(&cues)
        .map(|(frame, cue)| {
            let narration = frame.narration.as_ref()?;
            let (_, offset, seconds) = cue.voice?;
            Some(Voice {
                path: path_of(&narration.audio)?,
                offset,
                seconds,
            })
        })
        .collect();
    let music = board.music.as_ref().and_then(|bed| {
        Some(MusicPlan {
            path: path_of(&bed.audio)?,
            length: bed.length,
            looped: bed.looped,
            envelope: crate::audio::music_envelope(&cues, bed),
        })
    });
    (music.is_some() || voices.iter().any(Option::is_some)).then(|| SoundPlan {
        voices,
        music,
        total: crate::audio::total_seconds(&cues),
    })
}

/// The bundle's table of contents and the whole board (`storyboard.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// What wrote it, e.g. `Flowboard 0.1.0`.
    pub generator: String,
    /// When, in milliseconds since 1970 (UTC).
    pub exported_at: f64,
    pub settings: Settings,
    pub board: Board,
    /// Frame images in story order; a frame without a photo has none.
    pub images: Vec<Image>,
    /// Original photos (empty unless [`Settings::originals`]).
    #[serde(default)]
    pub originals: Vec<Original>,
    /// The audio files the board's narrations and music bed use (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audio: Vec<AudioFile>,
    /// What the viewer plays (version 2; derived from the board, ignored when re-opening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<SoundPlan>,
}

impl Manifest {
    /// Pretty JSON, for `storyboard.json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest serializes")
    }

    pub fn image_of(&self, frame: FrameId) -> Option<&Image> {
        self.images.iter().find(|i| i.frame == frame)
    }

    /// Keeps only the audio files in `present` (the ones the page could find) and plans the sound
    /// for them; the version follows: [`VERSION`] with sound, [`SILENT_VERSION`] without.
    pub fn keep_audio(&mut self, present: impl Fn(&AudioFile) -> bool) {
        self.audio.retain(present);
        self.sound = sound_plan(&self.board, &self.audio);
        self.version = if self.audio.is_empty() {
            SILENT_VERSION
        } else {
            VERSION
        };
    }
}

/// One image the browser renders for an export ([`crate::imaging::render_frame`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RenderJob {
    pub frame: FrameId,
    pub photo: PhotoId,
    pub crop: Crop,
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// What to put in a bundle of `board`: the manifest, and the frame images to render for it.
/// Frames without a photo get no image (the viewer shows an empty frame with its caption).
pub fn plan(
    board: &Board,
    settings: Settings,
    exported_at: f64,
    generator: &str,
) -> (Manifest, Vec<RenderJob>) {
    let mut jobs = Vec::new();
    let digits = board.frame_count().to_string().len().max(3);
    for (n, frame) in board.frames().enumerate() {
        let (Some(photo), Some(crop)) = (board.photo_of(frame), board.crop_of(frame)) else {
            continue;
        };
        let (width, height) = render_size(crop, (photo.width, photo.height), settings.long_edge);
        let path = format!("images/{:0digits$}.jpg", n + 1);
        jobs.push(RenderJob {
            frame: frame.id,
            photo: photo.id.clone(),
            crop,
            path,
            width,
            height,
        });
    }
    let originals = if settings.originals {
        board
            .photos
            .values()
            .map(|p| Original {
                photo: p.id.clone(),
                path: format!("originals/{}.{}", p.id.0, extension(&p.mime)),
            })
            .collect()
    } else {
        Vec::new()
    };
    // Ids become file names: only content hashes (a re-opened bundle's ids were checked by
    // their bytes, so every id a board holds is one).
    let audio: Vec<AudioFile> = board
        .audio
        .values()
        .filter(|a| crate::storage::backup::is_photo_id(&a.id))
        .map(|a| AudioFile {
            audio: a.id.clone(),
            path: format!("audio/{}.{}", a.id, audio_extension(&a.mime)),
        })
        .collect();
    let mut manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        generator: generator.into(),
        exported_at,
        settings,
        board: board.clone(),
        images: jobs
            .iter()
            .map(|j| Image {
                frame: j.frame,
                path: j.path.clone(),
                width: j.width,
                height: j.height,
            })
            .collect(),
        originals,
        audio,
        sound: None,
    };
    manifest.keep_audio(|_| true);
    (manifest, jobs)
}

/// File extension for an audio file's media type (as sniffed, [`crate::audio::media::audio_mime`]).
pub fn audio_extension(mime: &str) -> &'static str {
    match mime {
        "audio/wav" => "wav",
        "audio/ogg" => "ogg",
        "audio/flac" => "flac",
        "audio/webm" => "webm",
        "audio/mp4" => "m4a",
        _ => "mp3",
    }
}

/// File extension for a photo's media type.
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/heic" => "heic",
        _ => "jpg",
    }
}

/// The media type of a bundle file, from its extension (never from a blob's own claim: that text
/// ends up inside a `data:` URI in the page).
pub fn mime_of_path(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("heic") => "image/heic",
        Some("wav") => "audio/wav",
        Some("ogg") => "audio/ogg",
        Some("flac") => "audio/flac",
        Some("webm") => "audio/webm",
        Some("m4a") => "audio/mp4",
        Some("mp3") => "audio/mpeg",
        _ => "image/jpeg",
    }
}

/// A photo file a re-opened board needs, to be checked (decoded) and stored by the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoFile {
    pub id: PhotoId,
    pub bytes: Vec<u8>,
}

/// An audio file a re-opened board needs, checked against its content hash and typed from its
/// bytes, to be stored by the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct SoundFile {
    pub id: String,
    /// From the bytes ([`crate::audio::media::audio_mime`]), never from the bundle's claim.
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// A bundle turned back into a board, before its photos are checked by decoding them.
#[derive(Debug, Clone, PartialEq)]
pub struct Reopened {
    pub board: Board,
    pub photos: Vec<PhotoFile>,
    /// Every audio file the board's sound uses, intact.
    pub audio: Vec<SoundFile>,
    /// One sentence per thing that could not be brought back.
    pub problems: Vec<Message>,
}

/// Turns an opened bundle into a board: the manifest's board, with each photo taken from its
/// original when the bundle has it (and its content still matches its id), else from the
/// frame's exported image (the frame is then [`Frame::fixed`] to that crop). Frames whose image
/// is missing keep their caption and fields and show an empty frame.
pub fn reopen(opened: Opened) -> Reopened {
    let Opened {
        manifest,
        mut files,
        mut problems,
    } = opened;
    let mut board = manifest.board;
    let mut photos: BTreeMap<PhotoId, PhotoFile> = BTreeMap::new();
    // Originals that are present and intact.
    for original in &manifest.originals {
        let Some(bytes) = files.remove(&original.path) else {
            let name = board
                .photos
                .get(&original.photo)
                .map_or(original.path.as_str(), |p| p.name.as_str());
            problems.push(Message::new(T::OriginalMissing).with("name", name));
            continue;
        };
        if PhotoId::of_bytes(&bytes) != original.photo {
            problems.push(Message::new(T::OriginalDamaged).with("name", &original.path));
        } else if board.photos.contains_key(&original.photo) {
            photos.insert(
                original.photo.clone(),
                PhotoFile {
                    id: original.photo.clone(),
                    bytes,
                },
            );
        } // else intact, but no frame uses it (its frame did not read, which has its own note)
    }
    let images: BTreeMap<FrameId, Image> =
        crate::inserting(manifest.images.into_iter().map(|i| (i.frame, i)));
    let old_photos = std::mem::take(&mut board.photos);
    let aspect = board.aspect;
    let mut missing = Vec::new();
    let numbers: BTreeMap<FrameId, String> = crate::inserting(
        board
            .frames()
            .filter_map(|f| Some((f.id, board.number_of(f.id)?))),
    );
    for frame in board.scenes.iter_mut().flat_map(|s| s.frames.iter_mut()) {
        let Some(photo_id) = frame.photo.clone() else {
            continue;
        };
        let meta = old_photos.get(&photo_id);
        if let (Some(meta), true) = (meta, photos.contains_key(&photo_id)) {
            board.photos.insert(photo_id, meta.clone());
            continue;
        }
        match images
            .get(&frame.id)
            .and_then(|i| Some((i, files.remove(&i.path)?)))
        {
            Some((image, bytes)) => {
                let id = PhotoId::of_bytes(&bytes);
                fix_to_export(frame, id.clone(), aspect, meta.map(|m| (m.width, m.height)));
                let name = meta.map_or_else(|| image.path.clone(), |m| m.name.clone());
                let taken_at = meta.and_then(|m| m.taken_at.clone());
                let meta = PhotoMeta {
                    id: id.clone(),
                    name,
                    width: image.width,
                    height: image.height,
                    bytes: bytes.len() as u64,
                    mime: "image/jpeg".into(),
                    taken_at,
                };
                board.photos.insert(id.clone(), meta);
                photos.entry(id.clone()).or_insert(PhotoFile { id, bytes });
            }
            None => {
                frame.lose_photo();
                missing.push(numbers.get(&frame.id).cloned().unwrap_or_default());
            }
        }
    }
    if !missing.is_empty() {
        problems.push(Message::new(T::ImagesMissing).with_summary("list", missing));
    }
    board.prune_photos();
    let audio = reopen_sound(&mut board, &manifest.audio, &mut files, &mut problems);
    Reopened {
        board,
        photos: photos.into_values().collect(),
        audio,
        problems,
    }
}

/// Takes each audio file the board's sound uses out of `files`: it must be there, hash to its
/// id and be audio (by its first bytes). Sound whose file is not is removed from the board (its
/// narration or music bed; captions, durations typed by hand and everything else stay), with a
/// note naming the file.
fn reopen_sound(
    board: &mut Board,
    listed: &[AudioFile],
    files: &mut BTreeMap<String, Vec<u8>>,
    problems: &mut Vec<Message>,
) -> Vec<SoundFile> {
    let mut kept = Vec::new();
    let mut lost = BTreeSet::new();
    for (id, meta) in board.audio.iter() {
        let file = listed
            .iter()
            .find(|a| &a.audio == id)
            .and_then(|a| Some((a, files.remove(&a.path)?)));
        let problem = match file {
            None => T::BundleAudioMissing,
            Some((_, bytes)) if PhotoId::of_bytes(&bytes).0 != *id => T::BundleAudioDamaged,
            Some((_, bytes)) => match crate::audio::media::audio_mime(&bytes) {
                Some(mime) => {
                    kept.push(SoundFile {
                        id: id.clone(),
                        mime: mime.into(),
                        bytes,
                    });
                    continue;
                }
                None => T::BundleAudioNotAudio,
            },
        };
        problems.push(Message::new(problem).with("name", &meta.name));
        lost.insert(id.clone());
    }
    for file in &kept {
        if let Some(meta) = board.audio.get_mut(&file.id) {
            (meta.mime, meta.bytes) = (file.mime.clone(), file.bytes.len() as u64);
        }
    }
    lose_sound(board, &lost);
    kept
}

/// Removes the narrations and the music bed that play one of `lost` (audio files a re-opened
/// board cannot have: missing, damaged, not audio, or that the browser cannot decode), and those
/// files from its list. Everything else of each frame stays.
pub fn lose_sound(board: &mut Board, lost: &BTreeSet<String>) {
    if lost.is_empty() {
        return;
    }
    for frame in board.scenes.iter_mut().flat_map(|s| s.frames.iter_mut()) {
        if frame
            .narration
            .as_ref()
            .is_some_and(|n| lost.contains(&n.audio))
        {
            frame.narration = None;
        }
    }
    if board
        .music
        .as_ref()
        .is_some_and(|m| lost.contains(&m.audio))
    {
        board.music = None;
    }
    board.prune_audio();
}

/// Points `frame` at its exported image, which already is its crop at the board's `aspect`. Its
/// camera move there is kept where the exported picture holds it (a zoom in, a pan within the
/// crop), measured on that picture; a move that leaves the crop has no pixels to travel over and
/// is dropped, as are the moves of other ratios. `size`: the original photo's, if known.
fn fix_to_export(frame: &mut Frame, photo: PhotoId, aspect: Aspect, size: Option<(u32, u32)>) {
    let kept = size.and_then(|size| {
        let start = crop::effective(&frame.crops, frame.crop_focus, aspect, size);
        let m = camera::effective(&frame.camera_moves, frame.crop_focus, aspect, size)?;
        let inside = |c: Crop| Crop {
            x: (c.x - start.x) / start.w,
            y: (c.y - start.y) / start.h,
            w: c.w / start.w,
            h: c.h / start.h,
        };
        let end = inside(m.end);
        let within = end.x >= -1e-9
            && end.y >= -1e-9
            && end.x + end.w <= 1.0 + 1e-9
            && end.y + end.h <= 1.0 + 1e-9
            && [end.x, end.y, end.w, end.h].iter().all(|v| v.is_finite());
        within.then_some(CameraMove { end, ..m })
    });
    frame.photo = Some(photo);
    frame.crops.clear();
    frame.crop_focus = None;
    frame.fixed = true;
    frame.camera_moves.clear();
    if let Some(m) = kept {
        frame.camera_moves.insert(aspect, Some(m));
    }
}

/// What decoding a re-opened photo showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    /// From the bytes (magic numbers), not from the bundle's claim.
    pub mime: String,
}

/// A re-opened photo after decoding: what it is, or why it could not be read.
pub type Checked = (PhotoId, Result<Decoded, Message>);

/// Records what decoding each photo of a re-opened board showed: its true size and type (crops
/// of a photo whose size differs from the bundle's claim are clamped again), or why it could not
/// be read (its frames then keep their caption and fields and show an empty frame).
/// Returns one sentence per unreadable photo.
pub fn settle(board: &mut Board, checked: &[Checked]) -> Vec<Message> {
    let mut problems = Vec::new();
    let mut unreadable = BTreeSet::new();
    let mut resized = BTreeSet::new();
    for (id, result) in checked {
        match result {
            Ok(decoded) => {
                if let Some(meta) = board.photos.get_mut(id) {
                    if (meta.width, meta.height) != (decoded.width, decoded.height) {
                        resized.insert(id.clone());
                    }
                    (meta.width, meta.height, meta.mime) =
                        (decoded.width, decoded.height, decoded.mime.clone());
                }
            }
            Err(why) => {
                let name = board
                    .photos
                    .get(id)
                    .map_or_else(|| id.0.clone(), |p| p.name.clone());
                problems.push(
                    Message::new(T::ImageUnreadable)
                        .with("name", name)
                        .with_message("why", why.clone()),
                );
                unreadable.insert(id.clone());
            }
        }
    }
    let sizes: BTreeMap<PhotoId, (u32, u32)> = crate::inserting(
        board
            .photos
            .iter()
            .map(|(id, p)| (id.clone(), (p.width.max(1), p.height.max(1)))),
    );
    for frame in board.scenes.iter_mut().flat_map(|s| s.frames.iter_mut()) {
        let Some(photo) = frame.photo.clone() else {
            continue;
        };
        if unreadable.contains(&photo) {
            frame.lose_photo();
        } else if let (true, Some(size)) = (resized.contains(&photo), sizes.get(&photo)) {
            for (aspect, c) in frame.crops.iter_mut() {
                *c = crate::model::crop::clamp(*c, *aspect, *size);
            }
        }
    }
    board.prune_photos();
    problems
}

/// Reads a manifest: format, version (newer refused, older migrated), then the board restored
/// leniently (what reads is kept, with a note per loss) and the file lists checked.
///
/// Limits: a manifest over [`MAX_MANIFEST`] bytes, or a board of more than
/// [`crate::model::MAX_FRAMES`] frames or [`crate::model::MAX_SCENES`] scenes, is refused before
/// any of it is built; texts longer than the editor allows are cut (with a note).
///
/// # Errors
/// [`BundleError::NotABundle`], [`BundleError::NewerVersion`], [`BundleError::Damaged`],
/// [`BundleError::Unsafe`] (a listed path that could escape the bundle, or listed twice),
/// [`BundleError::TooLarge`] (over the limits above).
pub fn parse_manifest(json: &str) -> Result<(Manifest, Vec<Message>), BundleError> {
    use crate::model::{MAX_FRAMES, MAX_SCENES};
    let damaged = |detail: Message| BundleError::Damaged { detail };
    if json.len() > MAX_MANIFEST {
        let detail = Message::new(T::BundleManifestTooLarge)
            .with("mb", json.len().div_ceil(1_000_000))
            .with("max", MAX_MANIFEST / 1_000_000);
        return Err(BundleError::TooLarge { detail });
    }
    let value: Value = serde_json::from_str(json)
        .map_err(|e| damaged(Message::new(T::BundleBadJson).with("detail", e)))?;
    let Value::Object(mut doc) = value else {
        return Err(damaged(Message::new(T::BundleNotObject)));
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BundleError::NotABundle {
            detail: Message::new(T::BundleNotMarked),
        });
    }
    let version = doc
        .get("version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1);
    let version = version.ok_or_else(|| damaged(Message::new(T::BundleNoVersion)))?;
    if version > VERSION {
        return Err(BundleError::NewerVersion {
            found: version,
            supported: VERSION,
        });
    }
    migrate(&mut doc, version);
    let (scenes, frames) = doc
        .get("board")
        .map_or((0, 0), crate::model::limits::count_in_json);
    if frames > MAX_FRAMES {
        return Err(BundleError::TooLarge {
            detail: Message::new(T::BoardTooManyFrames)
                .with_number("n", frames)
                .with_number("max", MAX_FRAMES),
        });
    }
    if scenes > MAX_SCENES {
        return Err(BundleError::TooLarge {
            detail: Message::new(T::BoardTooManyScenes)
                .with_number("n", scenes)
                .with_number("max", MAX_SCENES),
        });
    }
    let mut problems = Vec::new();
    let board = match doc.remove("board") {
        Some(board) => crate::storage::restore_board(board, &mut problems),
        None => return Err(damaged(Message::new(T::BundleNoBoard))),
    };
    let list = |doc: &mut serde_json::Map<String, Value>, key: &str| {
        doc.remove(key).unwrap_or(Value::Array(Vec::new()))
    };
    let images: Vec<Image> = serde_json::from_value(list(&mut doc, "images"))
        .map_err(|e| damaged(Message::new(T::BundleBadImages).with("detail", e)))?;
    let originals: Vec<Original> = serde_json::from_value(list(&mut doc, "originals"))
        .map_err(|e| damaged(Message::new(T::BundleBadOriginals).with("detail", e)))?;
    let audio: Vec<AudioFile> = serde_json::from_value(list(&mut doc, "audio"))
        .map_err(|e| damaged(Message::new(T::BundleBadAudio).with("detail", e)))?;
    let settings = doc
        .remove("settings")
        .and_then(|s| serde_json::from_value(s).ok())
        .unwrap_or_default();
    let exported_at = doc
        .get("exported_at")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let generator = doc
        .get("generator")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut paths = BTreeSet::new();
    for path in images
        .iter()
        .map(|i| &i.path)
        .chain(originals.iter().map(|o| &o.path))
        .chain(audio.iter().map(|a| &a.path))
    {
        crate::zip::check_name(path).map_err(|e| BundleError::Unsafe { detail: e.detail })?;
        if !paths.insert(path) {
            return Err(BundleError::Unsafe {
                detail: Message::new(T::BundleTwoImages).with("path", path),
            });
        }
    }
    Ok((
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            generator,
            exported_at,
            settings,
            board,
            images,
            originals,
            audio,
            sound: None,
        },
        problems,
    ))
}

/// Brings a manifest of an older format version up to [`VERSION`], one step at a time: each
/// change adds an `if version < N { … }` block here and a test that opens a bundle of the old
/// shape.
///
/// 1 → 2 (sound): version 1 had no sound, and version 2 only adds keys that default to none
/// (the manifest's `audio` and `sound`, the board's `audio` and `music`, a frame's
/// `narration`), so a version-1 manifest reads as it is. Sound keys in a manifest that says
/// version 1 were not written by Flowboard (it writes every bundle with sound as version 2) and
/// are dropped, so a bundle's version always says whether it carries sound.
fn migrate(doc: &mut serde_json::Map<String, Value>, version: u32) {
    if version < 2 {
        doc.remove("audio");
        doc.remove("sound");
        if let Some(Value::Object(board)) = doc.get_mut("board") {
            board.remove("audio");
            board.remove("music");
            for scene in board
                .get_mut("scenes")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                for frame in scene
                    .get_mut("frames")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Value::Object(frame) = frame {
                        frame.remove("narration");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
