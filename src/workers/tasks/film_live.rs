//! The film played in real time, for a browser that cannot encode video (no WebCodecs, or
//! neither H.264 nor VP9 at the film's size): each video frame is drawn at its moment on a canvas
//! the page gave ([`TaskRequest::FilmLive`](flowboard_core::protocol::TaskRequest)), whose
//! placeholder the page records with a `MediaRecorder` while it plays the film's sound. The
//! drawing is the encoded film's ([`super::film_draw`]); only the clock differs: a frame whose
//! moment has passed while a photo was decoded is skipped, never shown late, so the picture stays
//! in time with the sound.

use super::film::encoder_failed;
use super::film_draw::{Painter, Photos};
use crate::browser::clock;
use crate::browser::files::js_error_text;
use flowboard_core::film::FilmPlan;
use flowboard_core::i18n::Message;
use flowboard_core::model::PhotoId;
use std::collections::HashMap;
use web_sys::{Blob, OffscreenCanvas};

/// How often progress is said while playing (ms).
const PROGRESS_MS: f64 = 250.0;

/// What a played film did: the video frames drawn, and those skipped (drawing fell behind).
pub struct Played {
    pub drawn: u64,
    pub skipped: u64,
}

/// Plays `plan` on `canvas` in real time, from the photos' original files (by id).
/// `progress(done, total)` counts video frames shown; its first call is the moment the first
/// picture is on the canvas, when the film's clock starts. Returns when the last frame has been
/// shown for its length.
///
/// # Errors
/// Said to the user: the canvas cannot be drawn on, or a photo is missing or cannot be decoded
/// (its frame named).
pub async fn play(
    plan: &FilmPlan,
    photos: HashMap<PhotoId, Blob>,
    canvas: OffscreenCanvas,
    progress: fn(usize, usize),
) -> Result<Played, Message> {
    let mut painter =
        Painter::on(canvas, plan).map_err(|e| encoder_failed("canvas", js_error_text(&e)))?;
    let mut pictures = Photos::new(photos);
    let total = plan.frame_count();
    let frame_ms = 1000.0 / f64::from(plan.fps.max(1));
    let all = usize::try_from(total).unwrap_or(usize::MAX);
    let (mut drawn, mut skipped) = (0, 0);
    let mut start = None::<f64>;
    let mut said = f64::NEG_INFINITY;
    let mut k = 0;
    while k < total {
        // The first photos are decoded before the clock starts; later ones while it runs.
        pictures.prepare(plan, k).await?;
        // Drawn even when unchanged: a canvas's capture gives the recorder a picture only when
        // it is drawn, and the recording starts after the first one.
        painter.draw(plan, &plan.shot(k), plan.caption(k), &pictures);
        drawn += 1;
        let now = clock();
        let began = *start.get_or_insert(now);
        if k == 0 || now - said >= PROGRESS_MS {
            said = now;
            progress(usize::try_from(k + 1).unwrap_or(all), all);
        }
        // Wait for the next frame's moment; past it, go to the frame whose moment it is.
        let next = k + 1;
        let due = began + next as f64 * frame_ms;
        let now = clock();
        if now < due {
            gloo::timers::future::TimeoutFuture::new((due - now).ceil() as u32).await;
            k = next;
        } else {
            let on_time = ((now - began) / frame_ms).floor() as u64;
            k = on_time.max(next);
            skipped += k.min(total) - next;
        }
    }
    // The last picture stays for its frame's length.
    if let Some(began) = start {
        let end = began + total as f64 * frame_ms;
        let now = clock();
        if now < end {
            gloo::timers::future::TimeoutFuture::new((end - now).ceil() as u32).await;
        }
    }
    progress(all, all);
    Ok(Played { drawn, skipped })
}
