//! Storyboard sheets for print and "Save as PDF": which frames go on which page.
//!
//! The editor lays the pages out with print CSS; the split is decided here so that the page
//! count and each page's "page x of y" are known exactly, whatever the browser's print engine.

use crate::model::{Board, FrameId};

/// Frames per printed page the sheet layout offers.
pub const PER_PAGE: [usize; 4] = [2, 3, 6, 9];

/// How to lay out the sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetOptions {
    /// Frames per page; one of [`PER_PAGE`].
    pub per_page: usize,
    /// Start each scene on a new page.
    pub scene_breaks: bool,
}

impl Default for SheetOptions {
    fn default() -> Self {
        Self {
            per_page: 6,
            scene_breaks: true,
        }
    }
}

/// One printed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Index of the scene the page starts in.
    pub scene: usize,
    pub frames: Vec<FrameId>,
}

/// Splits `board` into pages of at most `per_page` frames, in story order; with `scene_breaks`
/// every scene starts on a new page. A board without frames still prints one (empty) page.
pub fn paginate(board: &Board, options: SheetOptions) -> Vec<Sheet> {
    let per_page = options.per_page.max(1);
    let mut sheets: Vec<Sheet> = Vec::new();
    for (s, scene) in board.scenes.iter().enumerate() {
        for frame in &scene.frames {
            let fits = sheets.last().is_some_and(|last| {
                last.frames.len() < per_page
                    && (!options.scene_breaks || last.scene == s || last.frames.is_empty())
            });
            if !fits {
                sheets.push(Sheet {
                    scene: s,
                    frames: Vec::new(),
                });
            }
            sheets
                .last_mut()
                .expect("just pushed")
                .frames
                .push(frame.id);
        }
    }
    if sheets.is_empty() {
        sheets.push(Sheet {
            scene: 0,
            frames: Vec::new(),
        });
    }
    sheets
}
