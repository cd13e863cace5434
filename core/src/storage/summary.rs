//! What the library does to a stored document without restoring its board: a document may hold
//! any number of frames (one written by an older build, before boards were capped, may hold
//! 50 000), and building such a board only to list it, rename it or clean up after deleting
//! another would take seconds and hundreds of megabytes. The readers stream through the JSON
//! once, keeping a count, one photo id and the photo table's keys; frames themselves are skipped.
//! A rename changes the title in the document as stored, so nothing else in it changes.

use super::{BoardId, BoardSummary, BOARD_FORMAT, SCHEMA_VERSION};
use crate::error::StorageError;
use crate::i18n::{Message, T};
use crate::model::PhotoId;
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    schema: Option<u64>,
    id: BoardId,
    #[serde(default)]
    created_at: Option<f64>,
    #[serde(default)]
    saved_at: Option<f64>,
    board: BoardHead,
}

#[derive(Deserialize)]
struct BoardHead {
    #[serde(default)]
    title: String,
    #[serde(default)]
    scenes: Vec<SceneHead>,
    #[serde(default)]
    audio: BTreeMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
struct SceneHead {
    #[serde(default)]
    frames: Frames,
}

/// A scene's frames, counted: how many, and the first photo among them.
#[derive(Default)]
struct Frames {
    count: usize,
    cover: Option<PhotoId>,
}

#[derive(Deserialize)]
struct FrameHead {
    #[serde(default)]
    photo: Option<PhotoId>,
}

impl<'de> Deserialize<'de> for Frames {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = Frames;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of frames")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Frames, A::Error> {
                let mut frames = Frames::default();
                while frames.cover.is_none() {
                    let Some(frame) = seq.next_element::<FrameHead>()? else {
                        return Ok(frames);
                    };
                    frames.count += 1;
                    frames.cover = frame.photo;
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    frames.count += 1;
                }
                Ok(frames)
            }
        }
        deserializer.deserialize_seq(Counter)
    }
}

#[derive(Deserialize)]
struct PhotosHead {
    board: PhotosOfBoard,
}

#[derive(Deserialize)]
struct PhotosOfBoard {
    #[serde(default)]
    photos: BTreeMap<PhotoId, IgnoredAny>,
    #[serde(default)]
    audio: BTreeMap<String, IgnoredAny>,
}

/// Whether a document is one this build may read (not another format, not a newer schema).
fn readable(format: Option<&str>, schema: Option<u64>) -> bool {
    format.is_none_or(|f| f == BOARD_FORMAT) && schema.unwrap_or(1) <= u64::from(SCHEMA_VERSION)
}

impl BoardSummary {
    /// The library's line for a stored document whose summary is missing or damaged, read
    /// without building its board. `None` when the document is not a board this build reads
    /// (the library then lists it as unreadable, so it can still be deleted).
    pub fn from_document(json: &str) -> Option<Self> {
        let head: Head = serde_json::from_str(json).ok()?;
        if head.id.0.is_empty() || !readable(head.format.as_deref(), head.schema) {
            return None;
        }
        let time = |t: Option<f64>| t.filter(|t| t.is_finite() && *t >= 0.0);
        let saved_at = time(head.saved_at).unwrap_or(0.0);
        let scenes = head.board.scenes.len().max(1);
        Some(Self {
            id: head.id,
            title: head.board.title,
            created_at: time(head.created_at).unwrap_or(saved_at),
            saved_at,
            frames: head.board.scenes.iter().map(|s| s.frames.count).sum(),
            scenes,
            sounds: head.board.audio.len(),
            cover: head.board.scenes.into_iter().find_map(|s| s.frames.cover),
        })
    }
}

/// Every photo a stored document may use (the keys of its photo table), read without building
/// its board; `None` when the document cannot be read that way (a caller cleaning up photos
/// then keeps them all).
pub fn photos_of_document(json: &str) -> Option<BTreeSet<PhotoId>> {
    let head: PhotosHead = serde_json::from_str(json).ok()?;
    Some(crate::inserting(head.board.photos.into_keys()))
}

/// Every audio file a stored document may use (the keys of its audio table), read like
/// [`photos_of_document`]; `None` when the document cannot be read that way.
pub fn audio_of_document(json: &str) -> Option<BTreeSet<String>> {
    let head: PhotosHead = serde_json::from_str(json).ok()?;
    Some(crate::inserting(head.board.audio.into_keys()))
}

/// A stored document with a new title and save time, everything else as it was (frames a
/// restore would cap or repair included).
///
/// # Errors
/// As [`super::restore`]: the text is not a board document, or a newer Flowboard wrote it.
pub fn retitle(json: &str, title: &str, saved_at: f64) -> Result<String, StorageError> {
    let damaged = |key| StorageError::Damaged {
        detail: Message::new(key),
    };
    let value: Value = serde_json::from_str(json).map_err(|e| StorageError::Damaged {
        detail: Message::new(T::NotJson).with("detail", e),
    })?;
    let Value::Object(mut doc) = value else {
        return Err(damaged(T::NotBoardDocument));
    };
    let schema = doc
        .get("schema")
        .map_or(Some(1), Value::as_u64)
        .ok_or_else(|| damaged(T::VersionUnreadable))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(StorageError::NewerVersion {
            found: u32::try_from(schema).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        });
    }
    if !readable(doc.get("format").and_then(Value::as_str), Some(schema)) {
        return Err(damaged(T::NotBoardDocument));
    }
    let Some(Value::Object(board)) = doc.get_mut("board") else {
        return Err(damaged(T::ContentsUnreadable));
    };
    board.insert("title".into(), Value::from(title));
    doc.insert("saved_at".into(), Value::from(saved_at));
    Ok(serde_json::to_string(&doc).expect("JSON values serialize"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::Action;
    use crate::model::Board;
    use crate::storage::tests::{act, photo};
    use crate::storage::StoredBoard;

    fn board() -> StoredBoard {
        let b = act(
            &Board::default(),
            Action::AddPhotos {
                photos: (1..=3).map(photo).collect(),
                batch: 1,
            },
        );
        let b = act(&b, Action::SetTitle("旅行 Trip".into()));
        let first = b.frames().next().unwrap().id;
        let b = act(
            &b,
            Action::SplitScene {
                at: b.frames().nth(1).unwrap().id,
            },
        );
        let b = act(
            &b,
            Action::SetCaption {
                frame: first,
                caption: "x".into(),
            },
        );
        StoredBoard::new(BoardId("b1-0001".into()), 1_000.0, 2_000.0, b)
    }

    #[test]
    fn a_document_summarises_like_its_board() {
        let stored = board();
        assert_eq!(
            BoardSummary::from_document(&stored.to_json()),
            Some(BoardSummary::of(&stored))
        );
    }

    #[test]
    fn frames_without_photos_count_and_the_cover_is_the_first_photo() {
        let json = r#"{"format":"flowboard-board","schema":1,"id":"b2","saved_at":5,"board":{"title":"",
            "scenes":[{"id":1,"frames":[{"id":2,"photo":null},{"id":3}]},{"id":4,"frames":[{"id":5,"photo":"p1"},{"id":6,"photo":"p2"}]}]}}"#;
        let s = BoardSummary::from_document(json).unwrap();
        assert_eq!(
            (s.frames, s.scenes, s.cover, s.created_at, s.saved_at),
            (4, 2, Some(PhotoId("p1".into())), 5.0, 5.0)
        );
    }

    #[test]
    fn a_huge_document_is_counted_without_building_it() {
        let frames = (1..=50_000)
            .map(|i| format!(r#"{{"id":{i},"photo":null,"caption":"frame {i}"}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let json = format!(
            r#"{{"format":"flowboard-board","schema":1,"id":"big","saved_at":1,"board":{{"title":"Big","scenes":[{{"id":0,"frames":[{frames}]}}],"photos":{{"a":{{}},"b":1}}}}}}"#
        );
        let s = BoardSummary::from_document(&json).unwrap();
        assert_eq!(
            (s.title.as_str(), s.frames, s.scenes, s.cover),
            ("Big", 50_000, 1, None)
        );
        assert_eq!(
            photos_of_document(&json),
            Some(BTreeSet::from([PhotoId("a".into()), PhotoId("b".into())]))
        );
    }

    #[test]
    fn a_rename_changes_the_title_and_nothing_else() {
        let stored = board();
        let renamed = retitle(&stored.to_json(), "新 New", 9_000.0).unwrap();
        let back = crate::storage::restore(&renamed).unwrap().stored;
        let mut expected = stored.clone();
        expected.board.title = "新 New".into();
        expected.saved_at = 9_000.0;
        assert_eq!(back, expected);
        assert_eq!(
            BoardSummary::from_document(&renamed).map(|s| (s.title, s.saved_at, s.frames)),
            Some(("新 New".into(), 9_000.0, 3))
        );
        assert!(matches!(
            retitle(r#"{"schema":2,"board":{}}"#, "x", 1.0),
            Err(StorageError::NewerVersion { found: 2, .. })
        ));
        assert!(matches!(
            retitle("[]", "x", 1.0),
            Err(StorageError::Damaged { .. })
        ));
        assert!(matches!(
            retitle(r#"{"format":"other","board":{}}"#, "x", 1.0),
            Err(StorageError::Damaged { .. })
        ));
    }

    #[test]
    fn unreadable_and_newer_documents_have_no_summary() {
        assert_eq!(BoardSummary::from_document("not json"), None);
        assert_eq!(
            BoardSummary::from_document(
                r#"{"format":"flowboard-board","id":"x","schema":99,"board":{}}"#
            ),
            None
        );
        assert_eq!(
            BoardSummary::from_document(r#"{"format":"other","id":"x","board":{}}"#),
            None
        );
        assert_eq!(BoardSummary::from_document(r#"{"id":"","board":{}}"#), None);
        assert_eq!(photos_of_document(r#"{"board":{"photos":[1]}}"#), None);
        assert_eq!(
            photos_of_document(&board().to_json()).map(|p| p.len()),
            Some(3)
        );
    }
}
