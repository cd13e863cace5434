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

/// Printed pictures are rendered at this resolution (dots per inch) of their size on the sheet.
pub const PRINT_DPI: f64 = 200.0;

/// The long edge, in pixels, a frame of shape `ratio` (width / height) needs to print sharp at
/// [`PRINT_DPI`] with `per_page` frames a page: its largest size in a cell of the print CSS
/// (`styles/app.css`, `@media print`) on A4 landscape, the larger of A4 and Letter: 277 × 188 mm
/// inside the margins, 9 mm of header, 4 mm gaps, and room under the picture for the caption.
pub fn print_long_edge(per_page: usize, ratio: f64) -> u32 {
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    };
    let (columns, rows, caption): (f64, f64, f64) = match per_page {
        2 => (2.0, 1.0, 24.0),
        3 => (3.0, 1.0, 24.0),
        6 => (3.0, 2.0, 18.0),
        _ => (3.0, 3.0, 13.0),
    };
    let cell_width = (277.0 - 4.0 * (columns - 1.0)) / columns;
    let cell_height = (188.0 - 9.0 - 4.0 * (rows - 1.0)) / rows - caption;
    let width = cell_width.min(cell_height * ratio);
    let long_mm = width.max(width / ratio);
    (long_mm / 25.4 * PRINT_DPI).ceil() as u32
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

#[cfg(test)]
mod print_size_tests {
    use super::*;

    #[test]
    fn pictures_are_rendered_for_their_printed_size_at_200_dpi() {
        // 2 a page, 16:9: the cell is 136.5 mm wide and 155 mm tall less the caption, so the
        // width decides: 136.5 mm at 200 dpi is 1075 px.
        assert_eq!(print_long_edge(2, 16.0 / 9.0), 1075);
        // 9 a page, portrait 9:16: the height decides ((179 - 8) / 3 - 13 = 44 mm), at 200 dpi
        // 347 px.
        assert_eq!(print_long_edge(9, 9.0 / 16.0), 347);
        // Fewer frames a page print larger; a degenerate ratio is treated as square.
        assert!(print_long_edge(2, 1.5) > print_long_edge(6, 1.5));
        assert_eq!(print_long_edge(6, f64::NAN), print_long_edge(6, 1.0));
    }
}
