//! What autosave writes and reads back: the stored board document, its library summary, and
//! restoring a document that may be old, damaged or written by a newer version.
//!
//! Load is parse → migrate → restore with defaults → validate (the Excalidraw `restore` model):
//! a damaged document degrades to as much of the board as can be read, with a list of what was
//! lost, instead of refusing to open. Only a document that is not JSON at all, is not a board, or
//! comes from a newer version of Flowboard is refused — and the caller leaves it untouched.
//!
//! The browser side (`browser::database` in the web crate) keeps these documents in IndexedDB next to the photo
//! blobs, which are keyed by [`PhotoId`] and stored once however many boards use them.

pub mod backup;
mod summary;
#[cfg(test)]
mod tests;

pub use summary::{audio_of_document, photos_of_document, retitle};

use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::{
    crop, limits, Aspect, AudioMeta, Board, CowRc, Crop, Frame, FrameId, Narration, PhotoId,
    PhotoMeta, Scene, SceneId, MAX_FRAMES, MAX_SCENES,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The schema this build writes. Documents with a lower number are migrated on load; a higher
/// number means a newer Flowboard wrote it, and this build refuses to touch it.
pub const SCHEMA_VERSION: u32 = 1;

/// Marks a JSON document as a stored Flowboard board.
pub const BOARD_FORMAT: &str = "flowboard-board";

/// Identity of a board in the library (random, fixed at creation; survives renames).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BoardId(pub String);

impl std::fmt::Display for BoardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A board as stored: the document plus what the library needs to know about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredBoard {
    pub format: String,
    pub schema: u32,
    pub id: BoardId,
    /// When the board was first created (ms since the Unix epoch).
    pub created_at: f64,
    /// When this version was written (ms since the Unix epoch).
    pub saved_at: f64,
    pub board: Board,
}

impl StoredBoard {
    pub fn new(id: BoardId, created_at: f64, saved_at: f64, board: Board) -> Self {
        Self {
            format: BOARD_FORMAT.into(),
            schema: SCHEMA_VERSION,
            id,
            created_at,
            saved_at,
            board,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a board always serializes")
    }
}

/// The library's line for a board: enough to list boards without reading every document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardSummary {
    pub id: BoardId,
    pub title: String,
    pub created_at: f64,
    pub saved_at: f64,
    pub frames: usize,
    pub scenes: usize,
    /// How many audio files (narrations and music) the board holds; absent from summaries
    /// written before boards had sound.
    #[serde(default)]
    pub sounds: usize,
    /// The photo of the first frame that has one: the library shows its thumbnail.
    pub cover: Option<PhotoId>,
}

/// A board in the library list.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryEntry {
    pub id: BoardId,
    /// `None` when the board cannot be read (it is still listed, so it can be deleted).
    pub summary: Option<BoardSummary>,
}

impl BoardSummary {
    pub fn of(stored: &StoredBoard) -> Self {
        let board = &stored.board;
        Self {
            id: stored.id.clone(),
            title: board.title.clone(),
            created_at: stored.created_at,
            saved_at: stored.saved_at,
            frames: board.frame_count(),
            scenes: board.scenes.len(),
            sounds: board.audio.len(),
            cover: board.frames().find_map(|f| f.photo.clone()),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a summary always serializes")
    }

    /// Reads a summary; `None` when it is damaged (the library then reads the document itself).
    pub fn from_json(json: &str) -> Option<Self> {
        crate::parse_json(json).ok()
    }
}

/// A board read back from storage, with what could not be restored (empty when intact).
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub stored: StoredBoard,
    /// One sentence per loss, for the person who made the board ("Frame 4 could not be read …").
    pub problems: Vec<Message>,
}

/// Reads a stored board document: parse, migrate, restore what can be read, validate.
///
/// # Errors
/// [`StorageError::Damaged`] when the text is not JSON or not a board document at all, and
/// [`StorageError::NewerVersion`] when a newer Flowboard wrote it. Anything less is restored
/// with a note in [`Restored::problems`].
pub fn restore(json: &str) -> Result<Restored, StorageError> {
    let value: Value = serde_json::from_str(json).map_err(|e| StorageError::Damaged {
        detail: Message::new(T::NotJson).with("detail", e),
    })?;
    let Value::Object(mut doc) = value else {
        return Err(StorageError::Damaged {
            detail: Message::new(T::NotBoardDocument),
        });
    };
    if doc
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(|f| f != BOARD_FORMAT)
    {
        return Err(StorageError::Damaged {
            detail: Message::new(T::NotBoardDocument),
        });
    }
    let schema = match doc.get("schema") {
        None => 1,
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| StorageError::Damaged {
                detail: Message::new(T::VersionUnreadable),
            })?,
    };
    if schema > SCHEMA_VERSION {
        return Err(StorageError::NewerVersion {
            found: schema,
            supported: SCHEMA_VERSION,
        });
    }
    migrate(&mut doc, schema);
    let mut problems = Vec::new();
    let id = match doc.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => BoardId(id.to_owned()),
        _ => {
            return Err(StorageError::Damaged {
                detail: Message::new(T::NoBoardId),
            })
        }
    };
    let time = |key: &str| {
        doc.get(key)
            .and_then(Value::as_f64)
            .filter(|t| t.is_finite() && *t >= 0.0)
    };
    let saved_at = time("saved_at").unwrap_or(0.0);
    let created_at = time("created_at").unwrap_or(saved_at);
    let board = match doc.remove("board") {
        Some(board) => restore_board(board, &mut problems),
        None => {
            problems.push(Message::new(T::ContentsMissing));
            Board::default()
        }
    };
    Ok(Restored {
        stored: StoredBoard::new(id, created_at, saved_at, board),
        problems,
    })
}

/// Brings a document of an older schema up to [`SCHEMA_VERSION`], one step at a time.
/// Schema 1 is the first stored format, so there is no step yet; each future change adds one
/// `if schema < N { … }` block here and a test that loads a document of the old shape.
fn migrate(_doc: &mut serde_json::Map<String, Value>, _schema: u32) {}

/// Restores a board from JSON that may be partly damaged: the whole board when it reads, else
/// field by field, scene by scene and frame by frame, keeping everything that reads. Then
/// repairs what would break the editor (no scene, duplicate ids, crops off the photo, dangling
/// photo references, an id counter behind the ids in use). Stored boards and bundles both come
/// through here, so both keep to the board's limits ([`crate::model::limits`]): scenes and frames
/// past [`MAX_SCENES`] and [`MAX_FRAMES`] are left out before any is built (a bundle over them was
/// refused already; a stored one can only come from an older build), and texts longer than
/// typing allows are cut — each with one note.
pub(crate) fn restore_board(mut value: Value, problems: &mut Vec<Message>) -> Board {
    keep_within_limits(&mut value, problems);
    // Read from the borrowed value, not a clone: a 16 MB manifest of unknown fields is a few
    // hundred MB as a `Value`, and a clone doubled that before anything was checked.
    let mut board = match Board::deserialize(&value) {
        Ok(board) => board,
        Err(_) => salvage(value, problems),
    };
    repair(&mut board, problems);
    let cut = limits::cut_texts(&mut board);
    if cut > 0 {
        problems.push(Message::new(T::TextsCut).with("n", cut));
    }
    board
}

/// Leaves out, in the JSON, the scenes past [`MAX_SCENES`] and the frames past [`MAX_FRAMES`].
fn keep_within_limits(board: &mut Value, problems: &mut Vec<Message>) {
    let Some(scenes) = board.get_mut("scenes").and_then(Value::as_array_mut) else {
        return;
    };
    let scene_count = scenes.len();
    if scene_count > MAX_SCENES {
        scenes.truncate(MAX_SCENES);
        problems.push(
            Message::new(T::ScenesLeftOut)
                .with_number("n", scene_count)
                .with_number("max", MAX_SCENES)
                .with_number("left", scene_count - MAX_SCENES),
        );
    }
    let frame_count: usize = scenes
        .iter()
        .filter_map(|s| s.get("frames").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    let mut room = MAX_FRAMES;
    for scene in scenes.iter_mut() {
        if let Some(frames) = scene.get_mut("frames").and_then(Value::as_array_mut) {
            frames.truncate(room);
            room -= frames.len();
        }
    }
    if frame_count > MAX_FRAMES {
        let (n, left) = (frame_count, frame_count - MAX_FRAMES);
        problems.push(
            Message::new(T::FramesLeftOut)
                .with_number("n", n)
                .with_number("max", MAX_FRAMES)
                .with_number("left", left),
        );
    }
}

fn salvage(value: Value, problems: &mut Vec<Message>) -> Board {
    let mut board = Board::default();
    let Value::Object(mut map) = value else {
        problems.push(Message::new(T::ContentsUnreadable));
        return board;
    };
    let mut take = |key: &str| map.remove(key).unwrap_or(Value::Null);
    let text = |v: Value| v.as_str().map(str::to_owned);
    if let Some(title) = text(take("title")) {
        board.title = title;
    }
    if let Some(author) = text(take("author")) {
        board.author = author;
    }
    if let Some(description) = text(take("description")) {
        board.description = description;
    }
    if let Ok(aspect) = serde_json::from_value(take("aspect")) {
        board.aspect = aspect;
    }
    if let Ok(fields) = serde_json::from_value(take("visible_fields")) {
        board.visible_fields = fields;
    }
    if let Some(next) = take("next_id").as_u64() {
        board.next_id = next;
    }
    // Sound that does not read is left out; narrations and a music bed naming it are then
    // removed by `repair`, which says so.
    if let Value::Object(audio) = take("audio") {
        for (key, meta) in audio {
            if let Ok(meta) = serde_json::from_value::<AudioMeta>(meta) {
                board.audio.insert(key, meta);
            }
        }
    }
    board.music = serde_json::from_value(take("music")).ok().flatten();
    board.narration_pause = take("narration_pause").as_f64();
    if let Value::Object(photos) = take("photos") {
        for (key, photo) in photos {
            match serde_json::from_value::<PhotoMeta>(photo) {
                Ok(photo) => {
                    board.photos.insert(photo.id.clone(), photo);
                }
                Err(_) => {
                    problems.push(Message::new(T::PhotoDetailsUnreadable).with("id", short(&key)))
                }
            }
        }
    }
    let mut scenes = Vec::new();
    if let Value::Array(values) = take("scenes") {
        for (n, scene) in values.into_iter().enumerate() {
            let Value::Object(mut scene) = scene else {
                problems.push(Message::new(T::SceneUnreadable).with("n", n + 1));
                continue;
            };
            let mut frames = Vec::new();
            if let Value::Array(values) = scene.remove("frames").unwrap_or(Value::Null) {
                for (i, frame) in values.into_iter().enumerate() {
                    match serde_json::from_value::<Frame>(frame.clone()) {
                        Ok(frame) => frames.push(frame),
                        Err(_) => match salvage_frame(frame) {
                            Some(frame) => {
                                problems.push(
                                    Message::new(T::FramePartlyUnreadable)
                                        .with("i", i + 1)
                                        .with("n", n + 1),
                                );
                                frames.push(frame);
                            }
                            None => problems.push(
                                Message::new(T::FrameUnreadable)
                                    .with("i", i + 1)
                                    .with("n", n + 1),
                            ),
                        },
                    }
                }
            }
            let id = scene
                .get("id")
                .and_then(Value::as_u64)
                .map_or(SceneId(0), SceneId);
            let mut restored = Scene::new(
                id,
                scene
                    .get("title")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            );
            restored.collapsed = scene
                .get("collapsed")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            restored.frames = frames.into_iter().map(CowRc::new).collect();
            scenes.push(CowRc::new(restored));
        }
    } else {
        problems.push(Message::new(T::ScenesUnreadable));
    }
    if !scenes.is_empty() {
        board.scenes = scenes;
    }
    board
}

/// A frame that does not read as a whole, field by field: whatever reads is kept (a crop that
/// does not read costs only that crop, not the caption); `None` when it is not a frame at all
/// (not an object, or no readable id).
/// Sound that names audio the board does not list is removed (one note says how much); audio
/// details take their key's id, clip lengths their audio's, and trims are kept inside the clip.
fn repair_sound(board: &mut Board, problems: &mut Vec<Message>) {
    let mut lost = 0;
    if !board.audio.is_empty() {
        for (id, meta) in board.audio.iter_mut() {
            meta.id.clone_from(id);
            meta.seconds = if meta.seconds.is_finite() {
                meta.seconds.clamp(0.0, crate::audio::MAX_AUDIO_SECONDS)
            } else {
                0.0
            };
        }
    }
    board.narration_pause = board.narration_pause.map(crate::audio::pause_within);
    let audio = board.audio.clone();
    let length_of = |id: &String| audio.get(id).map(|m| m.seconds);
    let fix = |n: &Narration| {
        let length = length_of(&n.audio)?;
        Some(n.within(length))
    };
    for scene in 0..board.scenes.len() {
        for index in 0..board.scenes[scene].frames.len() {
            let Some(narration) = board.scenes[scene].frames[index].narration.as_ref() else {
                continue;
            };
            let fixed = fix(narration);
            if fixed.as_ref() != Some(narration) {
                lost += usize::from(fixed.is_none());
                board.scenes[scene].frames[index].narration = fixed;
            }
        }
    }
    if let Some(music) = board.music.as_mut() {
        match length_of(&music.audio) {
            Some(length) => music.length = length,
            None => {
                board.music = None;
                lost += 1;
            }
        }
    }
    board.prune_audio();
    if lost > 0 {
        problems.push(Message::new(T::SoundLostAudio).with("n", lost));
    }
}

/// A map from aspect ratio to `T` (a frame's crops, its moves), keeping each entry that reads and
/// leaving out the others.
fn per_aspect<T: serde::de::DeserializeOwned>(value: Option<Value>) -> BTreeMap<Aspect, T> {
    let Some(Value::Object(entries)) = value else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (aspect, v) in entries {
        if let (Ok(aspect), Ok(v)) = (
            serde_json::from_value(Value::String(aspect)),
            serde_json::from_value(v),
        ) {
            out.insert(aspect, v);
        }
    }
    out
}

fn salvage_frame(value: Value) -> Option<Frame> {
    let Value::Object(mut map) = value else {
        return None;
    };
    fn field<T: serde::de::DeserializeOwned>(
        map: &mut serde_json::Map<String, Value>,
        key: &str,
    ) -> Option<T> {
        serde_json::from_value(map.remove(key)?).ok()
    }
    // A frame is known by its id: without one it is not this frame any more.
    let id = field(&mut map, "id")?;
    let mut frame = Frame::new(id, field(&mut map, "photo").flatten());
    frame.caption = field(&mut map, "caption").unwrap_or_default();
    frame.shot_type = field(&mut map, "shot_type").flatten();
    frame.movement = field(&mut map, "movement").flatten();
    frame.duration = field(&mut map, "duration").flatten();
    frame.dialogue = field(&mut map, "dialogue").unwrap_or_default();
    frame.notes = field(&mut map, "notes").unwrap_or_default();
    frame.fixed = field(&mut map, "fixed").unwrap_or(false);
    frame.crop_focus = field(&mut map, "crop_focus").flatten();
    frame.narration = field(&mut map, "narration").flatten();
    frame.still = field(&mut map, "still").flatten();
    frame.crops = per_aspect(map.remove("crops"));
    frame.camera_moves = per_aspect(map.remove("camera_moves"));
    Some(frame)
}

/// Ids read from a document stay below this (2^53, also the largest integer a page's JavaScript
/// holds exactly); the editor's counter, starting at 2 and adding one per new frame or scene,
/// never gets near it.
const MAX_ID: u64 = 1 << 53;

fn repair(board: &mut Board, problems: &mut Vec<Message>) {
    if board.scenes.is_empty() {
        board
            .scenes
            .push(CowRc::new(Scene::new(SceneId(0), String::new())));
    }
    // Ids must be unique and below the counter; a duplicate, a zero or one at or past [`MAX_ID`]
    // (the counter would wrap: a panic in debug builds, ids in use handed out again in release)
    // gets a fresh one.
    let valid = |id: u64| id != 0 && id < MAX_ID;
    let highest = board
        .scenes
        .iter()
        .map(|s| s.id.0)
        .chain(board.frames().map(|f| f.id.0))
        .filter(|id| valid(*id))
        .max()
        .unwrap_or(0);
    if board.next_id >= MAX_ID {
        board.next_id = 0;
    }
    board.next_id = board.next_id.max(highest + 1);
    let mut seen = BTreeSet::new();
    for scene_index in 0..board.scenes.len() {
        let id = board.scenes[scene_index].id.0;
        if !valid(id) || !seen.insert(id) {
            board.scenes[scene_index].id = SceneId(board.allocate_id());
        }
        for frame_index in 0..board.scenes[scene_index].frames.len() {
            let id = board.scenes[scene_index].frames[frame_index].id.0;
            if !valid(id) || !seen.insert(id) {
                let fresh = FrameId(board.allocate_id());
                board.scenes[scene_index].frames[frame_index].id = fresh;
            }
        }
    }
    // A photo is named by its content hash, and its key in the table is what frames refer to:
    // details claiming another id (an export fetches the original by it) take the key's.
    for (id, meta) in board.photos.iter_mut() {
        meta.id = id.clone();
    }
    // A frame whose photo details are gone keeps its caption and fields but loses the picture.
    let photos = board.photos.clone();
    let mut dangling = 0;
    for scene in &mut board.scenes {
        for frame in &mut scene.frames {
            frame.duration = frame
                .duration
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| {
                    d.clamp(
                        crate::model::fields::DURATION_RANGE.0,
                        crate::model::fields::DURATION_RANGE.1,
                    )
                });
            let Some(photo) = frame.photo.as_ref() else {
                continue;
            };
            match photos.get(photo) {
                None => {
                    frame.lose_photo();
                    dangling += 1;
                }
                Some(meta) => {
                    let size = (meta.width.max(1), meta.height.max(1));
                    // Only a crop that is really off is replaced: clamping a valid crop can
                    // move it by a rounding error, and a restored board must be exact.
                    let keep_on_photo = |c: &mut Crop, aspect: Aspect| {
                        let clamped = crop::clamp(*c, aspect, size);
                        if [
                            clamped.x - c.x,
                            clamped.y - c.y,
                            clamped.w - c.w,
                            clamped.h - c.h,
                        ]
                        .iter()
                        .any(|d| d.abs() > 1e-9)
                        {
                            *c = clamped;
                        }
                    };
                    for (aspect, c) in frame.crops.iter_mut() {
                        keep_on_photo(c, *aspect);
                    }
                    for (aspect, m) in frame.camera_moves.iter_mut() {
                        if let Some(m) = m {
                            keep_on_photo(&mut m.end, *aspect);
                        }
                    }
                }
            }
        }
    }
    repair_sound(board, problems);
    if dangling > 0 {
        problems.push(Message::new(T::FramesLostPhoto).with("n", dangling));
    }
    board.prune_photos();
}

/// Notes which photos of a restored board have no stored pixels (their blobs were lost). The
/// frames keep their photo reference, caption, fields and crops — adding the same photo again
/// (same content hash) brings the picture back — and show a placeholder meanwhile.
pub fn missing_photos(board: &Board, stored: &BTreeSet<PhotoId>) -> Vec<Message> {
    let mut frames_of: BTreeMap<&PhotoId, usize> = BTreeMap::new();
    for photo in board.frames().filter_map(|f| f.photo.as_ref()) {
        *frames_of.entry(photo).or_default() += 1;
    }
    let missing: Vec<(&PhotoId, usize)> = frames_of
        .into_iter()
        .filter(|(id, _)| !stored.contains(*id))
        .collect();
    // A few photos are named one by one; past that, one line says how many more (a board whose
    // photos are all gone would otherwise get a sentence per photo).
    const NAMED: usize = 3;
    let named = if missing.len() > NAMED + 2 {
        NAMED
    } else {
        missing.len()
    };
    let mut notes: Vec<Message> = missing[..named]
        .iter()
        .map(|(id, n)| {
            let name = board
                .photos
                .get(*id)
                .map_or_else(|| short(&id.0), |p| p.name.clone());
            Message::new(T::PhotoNotStored)
                .with("name", name)
                .with("n", n)
        })
        .collect();
    if named < missing.len() {
        let rest = &missing[named..];
        notes.push(
            Message::new(T::PhotosNotStoredMore)
                .with_number("n", rest.len())
                .with_number("frames", rest.iter().map(|(_, n)| n).sum::<usize>()),
        );
    }
    notes
}

/// Photos that finished importing into this board after its last save (a reload or crash cut
/// the save short) and are not on it: they become frames again at the end, in the order they
/// were stored. Photos the board already has are left alone, so nothing is doubled.
pub fn recover_photos(board: &Board, mut orphans: Vec<(f64, PhotoMeta)>) -> Option<Board> {
    orphans.retain(|(_, p)| !board.photos.contains_key(&p.id));
    if orphans.is_empty() {
        return None;
    }
    crate::sort_by_number(&mut orphans, |(stored_at, _)| *stored_at as i64); // whole milliseconds
    let mut seen = BTreeSet::new();
    let photos: Vec<PhotoMeta> = orphans
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| seen.insert(p.id.clone()))
        .collect();
    let action = crate::actions::Action::AddPhotos { photos, batch: 0 };
    crate::actions::apply(board, &crate::model::Selection::default(), &action).and_then(|o| o.board)
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}
