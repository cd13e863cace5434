//! The print sheets' pictures: each frame's crop rendered from its original photo at the size it
//! prints ([`crate::bundle::print::print_long_edge`], 200 dpi), by the export's render job in
//! the image workers, one lane per worker. Print CSS alone would print the 480 px thumbnails
//! (soft on paper) or a whole original clipped to the frame (a PDF image of the wrong shape).

use super::{export, worker_pool};
use crate::browser::blobs;
use crate::bundle::print::print_long_edge;
use crate::model::{Board, Crop, FrameId, PhotoId};
use flowboard_core::protocol::RenderSpec;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// One frame's picture rendered for print: an object URL of the JPEG, or `None` where the
/// original is not at hand or does not render.
async fn render(photo: &PhotoId, crop: Crop, long_edge: u32) -> Option<String> {
    let spec = RenderSpec {
        crop,
        long_edge,
        quality: 88,
    };
    blobs::image_url(&export::render_crop(photo, spec).await.ok()?).ok()
}

/// Renders every frame of `board` that has a photo for sheets of `per_page` frames a page;
/// `progress(done, total)` after each. Stops taking new frames once `alive` is false. Gives the
/// object URLs by frame (the caller revokes them when the sheets go away).
pub async fn render_frames(
    board: &Board,
    per_page: usize,
    alive: Rc<Cell<bool>>,
    progress: impl Fn(usize, usize),
) -> HashMap<FrameId, String> {
    let jobs: VecDeque<(FrameId, PhotoId, Crop, u32)> = board
        .frames()
        .filter_map(|frame| {
            let (photo, crop) = (board.photo_of(frame)?, board.crop_of(frame)?);
            let ratio = board
                .aspect
                .ratio()
                .unwrap_or_else(|| crop.pixel_ratio((photo.width, photo.height)));
            Some((
                frame.id,
                photo.id.clone(),
                crop,
                print_long_edge(per_page, ratio),
            ))
        })
        .collect();
    let total = jobs.len();
    progress(0, total);
    let queue = RefCell::new(jobs);
    let urls: RefCell<HashMap<FrameId, String>> = RefCell::default();
    let done = Cell::new(0);
    let lanes = (0..worker_pool::pool_size().min(total)).map(|_| async {
        loop {
            // Taken in its own statement: a borrow held across the render would stop the other lanes.
            let next = queue.borrow_mut().pop_front().filter(|_| alive.get());
            let Some((frame, photo, crop, long_edge)) = next else {
                break;
            };
            if let Some(url) = render(&photo, crop, long_edge).await {
                urls.borrow_mut().insert(frame, url);
            }
            done.set(done.get() + 1);
            if alive.get() {
                progress(done.get(), total);
            }
        }
    });
    futures::future::join_all(lanes).await;
    urls.into_inner()
}
