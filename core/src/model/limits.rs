//! How much one board may hold: the limits typing already keeps to (the text fields'
//! `maxlength`), and the frame and scene counts past which the editor would stop being usable.
//! Defined once here: the readers of stored boards and bundles cut or refuse what is past them
//! (`storage::restore_board`, `bundle::parse_manifest`), the actions that add frames stop at them,
//! and the text fields of the page take their `max_length` from them.
//!
//! Texts are counted in characters (Unicode scalar values). A browser's `maxlength` counts UTF-16
//! units, of which a character has one or two, so a text typed within `maxlength` is never cut.

use super::Board;

/// Frames one board holds at most. A board of 2,000 frames is already an hour of animatic at the
/// default duration; 5,000 frames without images made the editor unusable (every frame a card).
pub const MAX_FRAMES: usize = 2_000;
/// Scenes one board holds at most (each is a header, a drop zone and a list on the page).
pub const MAX_SCENES: usize = 500;
/// Board title, author and scene titles (the title fields' `maxlength`).
pub const MAX_TITLE: usize = 200;
/// Captions, the description, dialogue and notes (the text areas' `maxlength`).
pub const MAX_TEXT: usize = 2_000;
/// A shot type or camera movement typed as free text (the inspector's `maxlength`).
pub const MAX_FIELD: usize = 60;
/// A photo's file name and media type (never typed; a file name has at most 255 characters on
/// the systems photos come from).
pub const MAX_PHOTO_NAME: usize = 255;

/// How many frames can still be added to `board` (0 when it is full).
pub fn room_for(board: &Board) -> usize {
    MAX_FRAMES.saturating_sub(board.frame_count())
}

/// Cuts `text` to at most `max` characters, on a character boundary; whether it was cut.
pub fn cut(text: &mut String, max: usize) -> bool {
    // A text of at most `max` bytes has at most `max` characters: no need to count them.
    if text.len() <= max {
        return false;
    }
    match text.char_indices().nth(max) {
        Some((at, _)) => {
            text.truncate(at);
            true
        }
        None => false,
    }
}

/// Cuts every text of `board` to its limit; how many texts were cut.
pub fn cut_texts(board: &mut Board) -> usize {
    use super::{Movement, ShotType};
    let mut n = 0;
    let mut count = |cut_it: bool| n += usize::from(cut_it);
    count(cut(&mut board.title, MAX_TITLE));
    count(cut(&mut board.author, MAX_TITLE));
    count(cut(&mut board.description, MAX_TEXT));
    for photo in board.photos.values_mut() {
        count(cut(&mut photo.name, MAX_PHOTO_NAME));
        count(cut(&mut photo.mime, MAX_PHOTO_NAME));
    }
    for scene in &mut board.scenes {
        count(cut(&mut scene.title, MAX_TITLE));
        for frame in &mut scene.frames {
            count(cut(&mut frame.caption, MAX_TEXT));
            count(cut(&mut frame.dialogue, MAX_TEXT));
            count(cut(&mut frame.notes, MAX_TEXT));
            if let Some(ShotType::Custom(text)) = &mut frame.shot_type {
                count(cut(text, MAX_FIELD));
            }
            if let Some(Movement::Custom(text)) = &mut frame.movement {
                count(cut(text, MAX_FIELD));
            }
        }
    }
    n
}

/// How many scenes and frames the JSON of a board lists, counted without reading any of them
/// (so a board can be refused or cut before thousands of frames are built).
pub fn count_in_json(board: &serde_json::Value) -> (usize, usize) {
    let Some(scenes) = board.get("scenes").and_then(serde_json::Value::as_array) else {
        return (0, 0);
    };
    let frames = scenes
        .iter()
        .filter_map(|s| s.get("frames").and_then(serde_json::Value::as_array))
        .map(Vec::len)
        .sum();
    (scenes.len(), frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cut_on_a_character_boundary() {
        let mut s = "家".repeat(10);
        assert!(cut(&mut s, 4));
        assert_eq!(s, "家家家家");
        assert!(!cut(&mut s, 4));
        let mut short = "abc".to_owned();
        assert!(!cut(&mut short, 3));
        // 6 bytes but 2 characters: not cut.
        let mut wide = "家家".to_owned();
        assert!(!cut(&mut wide, 3));
        let mut emoji = "🎬🎬🎬".to_owned();
        assert!(cut(&mut emoji, 2));
        assert_eq!(emoji, "🎬🎬");
    }
}
