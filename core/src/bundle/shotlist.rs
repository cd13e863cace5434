//! The shot list: one CSV row per frame with every field, for spreadsheets and call sheets.
//!
//! UTF-8 with a byte-order mark, so Excel and Numbers show Chinese (and every other script)
//! correctly; RFC 4180 quoting; CRLF line ends. Fields are separated the way a spreadsheet set to
//! the editor's language expects (`;` where numbers have a decimal comma, as in Italian) and
//! seconds carry the language's decimal mark. A cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, so a caption cannot become
//! code when the file is opened.

use crate::i18n::{Lang, T};
use crate::model::Board;

const HEADER: [T; 12] = [
    T::CsvNumber,
    T::CsvScene,
    T::CsvShotInScene,
    T::Caption,
    T::FieldShotType,
    T::FieldMovement,
    T::CsvDuration,
    T::FieldDialogue,
    T::FieldNotes,
    T::CsvPhoto,
    T::CsvStart,
    T::CsvStill,
];

/// One CSV cell, quoted when needed (it holds the `separator`, a quote or a line break) and
/// defused when a spreadsheet would read it as a formula.
pub fn cell(text: &str, separator: char) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The shot list of `board` as CSV text (starting with a BOM), headed in `lang`.
pub fn csv(board: &Board, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let separator = lang.csv_separator();
    let join = |cells: &[String]| cells.join(separator.encode_utf8(&mut [0; 4]));
    out.push_str(&join(&HEADER.map(|h| cell(lang.t(h), separator))));
    out.push_str("\r\n");
    let mut start = 0.0;
    for (s, scene) in board.scenes.iter().enumerate() {
        let scene_name = if scene.title.trim().is_empty() {
            lang.f(T::SceneN, &[("n", &(s + 1))])
        } else {
            scene.title.clone()
        };
        for (i, frame) in scene.frames.iter().enumerate() {
            let duration = frame
                .duration
                .map(|d| lang.number((d * 10.0).round() / 10.0))
                .unwrap_or_default();
            let row = [
                board.number_of(frame.id).unwrap_or_default(),
                scene_name.clone(),
                (i + 1).to_string(),
                frame.caption.clone(),
                frame
                    .shot_type
                    .as_ref()
                    .map(|t| t.label(lang).to_owned())
                    .unwrap_or_default(),
                frame
                    .movement
                    .as_ref()
                    .map(|m| m.label(lang).to_owned())
                    .unwrap_or_default(),
                duration,
                frame.dialogue.clone(),
                frame.notes.clone(),
                board
                    .photo_of(frame)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                lang.number((start * 10.0_f64).round() / 10.0),
                frame
                    .still
                    .as_ref()
                    .map(|s| s.describe(lang))
                    .unwrap_or_default(),
            ];
            out.push_str(&join(&row.map(|c| cell(&c, separator))));
            out.push_str("\r\n");
            start += frame.duration_or_default();
        }
    }
    out
}
