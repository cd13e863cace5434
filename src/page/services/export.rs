//! Exporting a board: the single-file HTML and the ZIP bundle (layout in [`crate::bundle`]),
//! and the shot list CSV.
//!
//! Frames are rendered in the image workers, one lane per worker, so the page stays responsive
//! and two cores render two frames at once; progress goes to the editor as a [`Task`], and
//! Cancel stops after the frames being rendered. Rendered JPEGs and original photos stay
//! browser `Blob`s, which the tasks worker then joins into the bundle file ([`crate::workers::tasks::assembly`]).

use super::{audio_store, photo_store, worker_pool};
use crate::browser::{blobs, database};
use crate::bundle::{self, RenderJob, Settings};
use crate::i18n::{Lang, Message, T};
use crate::model::{Board, PhotoId};
use crate::page::app::{Dispatch, EditorMsg, Task};
use crate::protocol::RenderSpec;
use js_sys::Array;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Blob;

/// What wrote a bundle, recorded in its manifest.
pub const GENERATOR: &str = concat!("Flowboard ", env!("CARGO_PKG_VERSION"));

/// The two bundle containers (a protocol type: the tasks worker joins them).
pub use crate::protocol::Kind;

// The running export's own controls, not the editor's state: the editor shows the export as
// `EditorState::task`, but that reaches components only at their next render, and two requests
// in one task (a double click, two embedding messages) must already find the first one running;
// the render loop reads `CANCELLED` between frames, where it holds no state.
thread_local! {
    static CANCELLED: Cell<bool> = const { Cell::new(false) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Stops the export under way after the frames being rendered now.
pub fn cancel() {
    CANCELLED.with(|c| c.set(true));
}

/// Receives a finished export: (file name, file), or why there is none.
pub type Done = Box<dyn FnOnce(Result<(String, Blob), Message>)>;

/// Where a finished export goes.
pub enum Delivery {
    /// Offered as a download.
    Download,
    /// Handed to the embedding page (see [`super::embed`]): (file name, file) or why not.
    Callback(Done),
}

/// Exports `board` as `kind` and delivers the file; returns at once.
pub fn start(
    kind: Kind,
    settings: Settings,
    board: Rc<Board>,
    lang: Lang,
    dispatch: Dispatch,
    delivery: Delivery,
) {
    if RUNNING.with(|r| r.replace(true)) {
        if let Delivery::Callback(done) = delivery {
            done(Err(Message::new(T::ExportRunning)));
        }
        return;
    }
    CANCELLED.with(|c| c.set(false));
    wasm_bindgen_futures::spawn_local(async move {
        let started = js_sys::Date::now();
        let outcome = run(kind, settings, &board, &dispatch, lang).await;
        dispatch.dispatch(EditorMsg::Task(None));
        RUNNING.with(|r| r.set(false));
        let seconds = (js_sys::Date::now() - started) / 1000.0;
        let outcome = match (outcome, delivery) {
            (Ok(built), Delivery::Download) => {
                blobs::save_as(&built.blob, &built.name).map(|()| built)
            }
            (Ok(built), Delivery::Callback(done)) => {
                done(Ok((built.name.clone(), built.blob.clone())));
                Ok(built)
            }
            (Err(e), Delivery::Callback(done)) => {
                done(Err(e.clone()));
                Err(e)
            }
            (Err(e), Delivery::Download) => Err(e),
        };
        let message = match outcome {
            Ok(Built {
                name,
                blob,
                frames,
                skipped,
            }) => {
                let (mb, seconds) = (format!("{:.1}", blob.size() / 1e6), format!("{seconds:.1}"));
                let mut m = Message::new(T::Exported)
                    .with("name", &name)
                    .with("n", frames)
                    .with_number("mb", mb)
                    .with_number("seconds", seconds);
                if !skipped.is_empty() {
                    m = Message::sentences(vec![
                        m,
                        Message::new(T::LeftOut).with_messages("list", skipped, T::ListSemicolon),
                    ]);
                }
                m
            }
            Err(e) => e,
        };
        dispatch.dispatch(EditorMsg::ExportMessage(message));
    });
}

/// A finished bundle.
struct Built {
    name: String,
    blob: Blob,
    /// Frame images in it.
    frames: usize,
    /// Frames left out, with why.
    skipped: Vec<Message>,
}

/// A cancellable job's step, for the editor to show (an export's frames, a film's).
pub(super) fn progress(dispatch: &Dispatch, label: Message, done: usize, total: usize) {
    dispatch.dispatch(EditorMsg::Task(Some(Task {
        label,
        done,
        total,
        cancellable: true,
    })));
}

fn cancelled() -> bool {
    CANCELLED.with(Cell::get)
}

/// A photo's original file, from this page or from storage.
pub(crate) async fn original(id: &PhotoId) -> Option<Blob> {
    if let Some(p) = photo_store::get(id) {
        return Some(p.original);
    }
    database::photo_blobs(id)
        .await
        .ok()
        .flatten()
        .map(|(original, _)| original)
}

/// Renders one photo's `crop` as a JPEG in an image worker (`spec`: its size and quality), from
/// the original in this page or in storage. Exports and print sheets both render through here.
pub async fn render_crop(photo: &PhotoId, spec: RenderSpec) -> Result<Blob, Message> {
    let photo = original(photo)
        .await
        .ok_or_else(|| Message::new(T::PhotoNotHere))?;
    let bytes = crate::browser::files::read(&photo).await?;
    let jpeg = worker_pool::run(async |worker| worker.render(&bytes, &spec).await)
        .await?
        .map_err(|e| e.to_message())?;
    crate::browser::files::blob(&jpeg, "image/jpeg")
}

/// Renders one frame of the export.
async fn render(job: &RenderJob, settings: Settings) -> Result<Blob, Message> {
    let spec = RenderSpec {
        crop: job.crop,
        long_edge: settings.long_edge,
        quality: settings.quality,
    };
    render_crop(&job.photo, spec).await
}

/// Renders every frame, then joins the bundle.
async fn run(
    kind: Kind,
    settings: Settings,
    board: &Board,
    dispatch: &Dispatch,
    lang: Lang,
) -> Result<Built, Message> {
    let (mut manifest, jobs) = bundle::plan(board, settings, js_sys::Date::now(), GENERATOR);
    let total = jobs.len();
    progress(dispatch, Message::new(T::ExportingFrames), 0, total);
    let queue = Rc::new(RefCell::new(jobs.into_iter().collect::<VecDeque<_>>()));
    let rendered: Rc<RefCell<BTreeMap<String, Blob>>> = Rc::default();
    let skipped: Rc<RefCell<Vec<Message>>> = Rc::default();
    let lanes = (0..worker_pool::pool_size().min(total)).map(|_| {
        let (queue, rendered, skipped, dispatch) = (
            queue.clone(),
            rendered.clone(),
            skipped.clone(),
            dispatch.clone(),
        );
        async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(job) = next.filter(|_| !cancelled()) else {
                    break;
                };
                match render(&job, settings).await {
                    Ok(blob) => {
                        rendered.borrow_mut().insert(job.path.clone(), blob);
                    }
                    Err(e) => {
                        let number = board.number_of(job.frame).unwrap_or_default();
                        skipped.borrow_mut().push(
                            Message::new(T::SkippedFrame)
                                .with("n", number)
                                .with_message("error", e),
                        );
                    }
                }
                let done = rendered.borrow().len() + skipped.borrow().len();
                if !cancelled() {
                    progress(&dispatch, Message::new(T::ExportingFrames), done, total);
                }
            }
        }
    });
    futures::future::join_all(lanes).await;
    if cancelled() {
        return Err(Message::new(T::ExportCancelled));
    }
    let rendered = Rc::try_unwrap(rendered)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    manifest.images.retain(|i| rendered.contains_key(&i.path));
    let mut files: BTreeMap<String, Blob> = rendered;
    let mut originals = Vec::new();
    for o in std::mem::take(&mut manifest.originals) {
        if let Some(blob) = original(&o.photo).await {
            files.insert(o.path.clone(), blob);
            originals.push(o);
        }
    }
    manifest.originals = originals;
    // Sound, from this page or from storage; a file neither has is left out (and its narration
    // or music with it, from the sound the page plays), and named.
    let mut missing = Vec::new();
    for a in &manifest.audio {
        match audio_store::load(&a.audio).await {
            Some(blob) => {
                files.insert(a.path.clone(), blob);
            }
            None => {
                let name = board
                    .audio
                    .get(&a.audio)
                    .map_or(a.audio.as_str(), |m| m.name.as_str());
                missing.push(Message::new(T::ExportSoundMissing).with("name", name));
            }
        }
    }
    manifest.keep_audio(|a| files.contains_key(&a.path));
    let putting = |done: usize, total: usize| {
        let label = if done == 0 {
            Message::new(T::PuttingTogether)
        } else {
            Message::new(T::PuttingTogetherFile)
                .with("n", done)
                .with("total", total)
        };
        dispatch.dispatch(EditorMsg::Task(Some(Task {
            label,
            done,
            total,
            cancellable: false,
        })));
    };
    putting(0, files.len());
    let name = bundle::file_name(
        title(board, lang),
        if kind == Kind::Zip { "zip" } else { "html" },
    );
    let blob = worker_pool::run_task(async |worker| {
        worker
            .assemble(kind, &manifest, &files, lang, putting)
            .await
    })
    .await??;
    let mut skipped = Rc::try_unwrap(skipped)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    skipped.extend(missing);
    Ok(Built {
        name,
        blob,
        frames: manifest.images.len(),
        skipped,
    })
}

/// The board's title for the names of its files: "Untitled storyboard", in `lang`, when it has
/// none.
pub(super) fn title(board: &Board, lang: Lang) -> &str {
    match board.title.trim() {
        "" => lang.t(T::UntitledStoryboard),
        title => title,
    }
}

/// Downloads the shot list of `board` as CSV, headed in `lang`; says what was downloaded.
pub fn shot_list(board: &Board, lang: Lang) -> Result<Message, Message> {
    let name = bundle::file_name(
        &lang.f(T::ShotListFile, &[("title", &title(board, lang))]),
        "csv",
    );
    let blob = blobs::join(
        &Array::of1(&JsValue::from_str(&bundle::shotlist::csv(board, lang))),
        "text/csv;charset=utf-8",
    )?;
    blobs::save_as(&blob, &name)?;
    Ok(Message::new(T::ShotListDownloaded)
        .with("name", &name)
        .with("n", board.frame_count()))
}
