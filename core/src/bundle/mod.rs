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
use crate::model::{Board, Crop, Frame, FrameId, PhotoId, PhotoMeta};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The `format` every manifest carries.
pub const FORMAT: &str = "flowboard-bundle";
/// The newest bundle format this code writes and reads. Bump it (and add a step to `migrate`)
/// when the manifest changes in a way older readers would misread.
pub const VERSION: u32 = 1;
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
}

impl Manifest {
    /// Pretty JSON, for `storyboard.json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest serializes")
    }

    pub fn image_of(&self, frame: FrameId) -> Option<&Image> {
        self.images.iter().find(|i| i.frame == frame)
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
    let manifest = Manifest {
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
    };
    (manifest, jobs)
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
        _ => "image/jpeg",
    }
}

/// A photo file a re-opened board needs, to be checked (decoded) and stored by the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoFile {
    pub id: PhotoId,
    pub bytes: Vec<u8>,
}

/// A bundle turned back into a board, before its photos are checked by decoding them.
#[derive(Debug, Clone, PartialEq)]
pub struct Reopened {
    pub board: Board,
    pub photos: Vec<PhotoFile>,
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
                fix_to_export(frame, id.clone());
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
    Reopened {
        board,
        photos: photos.into_values().collect(),
        problems,
    }
}

/// Points `frame` at its exported image, which already is its crop.
fn fix_to_export(frame: &mut Frame, photo: PhotoId) {
    frame.photo = Some(photo);
    frame.crops.clear();
    frame.crop_focus = None;
    frame.fixed = true;
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
        },
        problems,
    ))
}

/// Brings a manifest of an older format version up to [`VERSION`], one step at a time. Version
/// 1 is the first format, so there is no step yet; each future change adds an
/// `if version < N { … }` block here and a test that opens a bundle of the old shape.
fn migrate(_doc: &mut serde_json::Map<String, Value>, _version: u32) {}

#[cfg(test)]
mod tests;
