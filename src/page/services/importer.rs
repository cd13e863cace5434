//! Adding photos: files → image worker (which reads them) → thumbnail URL → frames. (Exported
//! storyboard files among them go to [`super::reopen`].)
//!
//! One lane per worker pulls files from a shared queue, so two cores decode two photos at once
//! while the page stays responsive; each lane keeps [`DEPTH`] photos queued in its worker. Progress and results go to the editor as messages; the
//! editor commits frames in pick order (see [`crate::import::ImportBatch`]).

use super::photo_store;
use super::worker_pool::{self, Pending, WorkerHandle};
use crate::browser::files;
use crate::error::{ImagingError, ImportError, ImportFailure};
use crate::imaging::{Limits, PhotoInfo};
use crate::model::PhotoMeta;
use crate::page::app::{Dispatch, EditorMsg, ImportedPhoto};
use crate::storage::BoardId;
use js_sys::ArrayBuffer;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::File;

/// Progress is sent to the editor at most this often (ms): one render per frame, not two per photo.
const FLUSH_MS: u32 = 16;

thread_local! {
    static NEXT_BATCH: Cell<u64> = const { Cell::new(1) };
    /// Progress messages waiting for the next flush, and where they go.
    static OUTBOX: RefCell<Option<(Dispatch, Vec<EditorMsg>)>> = const { RefCell::new(None) };
}

type Queue = Rc<RefCell<VecDeque<(usize, File)>>>;

/// Starts importing `files` into a board with `room` frames left ([`crate::model::room_for`]);
/// returns at once. Every file ends as a frame or as a named error; files past the room are not
/// read at all, and one notice says how many.
///
/// `board` is the board on screen when the import starts: its photos are stored for it.
pub fn import(files: Vec<File>, room: usize, board: Option<BoardId>, dispatch: Dispatch) {
    // An exported storyboard among them opens as a board of its own, not as a photo.
    let (bundles, files): (Vec<File>, Vec<File>) =
        files.into_iter().partition(super::reopen::is_bundle);
    for bundle in bundles {
        super::reopen::open(bundle, dispatch.clone());
    }
    // A video clip opens the stills dialog, where the person picks the frames to add.
    let (clips, mut files): (Vec<File>, Vec<File>) = files
        .into_iter()
        .partition(|f| crate::video::is_clip(&f.name(), &f.type_()));
    if !clips.is_empty() {
        super::video_stills::open(clips, dispatch.clone());
    }
    if let Some(message) = crate::actions::photos_past_room(files.len(), room) {
        files.truncate(room);
        dispatch.dispatch(EditorMsg::Notices(vec![message]));
    }
    if files.is_empty() {
        return;
    }
    let batch = NEXT_BATCH.with(|n| n.replace(n.get() + 1));
    dispatch.dispatch(EditorMsg::ImportStarted {
        batch,
        names: files.iter().map(File::name).collect(),
    });
    start(batch, files, board, dispatch);
}

/// Adds stills of a video clip (their JPEG files, and what each is a still of) as frames that
/// record the clip and the time: the same path as photos, one undo step.
pub fn import_stills(
    stills: Vec<(File, crate::video::VideoStill)>,
    room: usize,
    board: Option<BoardId>,
    dispatch: Dispatch,
) {
    let (mut files, mut stills): (Vec<File>, Vec<_>) = stills.into_iter().unzip();
    if let Some(message) = crate::actions::photos_past_room(files.len(), room) {
        files.truncate(room);
        stills.truncate(room);
        dispatch.dispatch(EditorMsg::Notices(vec![message]));
    }
    if files.is_empty() {
        return;
    }
    let batch = NEXT_BATCH.with(|n| n.replace(n.get() + 1));
    dispatch.dispatch(EditorMsg::ImportStills { batch, stills });
    start(batch, files, board, dispatch);
}

/// Decodes `files` in the workers, one lane per worker, reporting to import `batch`.
fn start(batch: u64, files: Vec<File>, board: Option<BoardId>, dispatch: Dispatch) {
    let lanes = worker_pool::pool_size().min(files.len());
    let queue: Queue = Rc::new(RefCell::new(files.into_iter().enumerate().collect()));
    for _ in 0..lanes {
        wasm_bindgen_futures::spawn_local(lane(
            batch,
            queue.clone(),
            board.clone(),
            dispatch.clone(),
        ));
    }
}

/// Photos queued in a lane's worker at once: while it decodes one, the next is already there,
/// so it never waits for the page (busy drawing frames) between photos.
const DEPTH: usize = 2;

/// One worker's share of an import: takes files from the shared queue until it is empty.
async fn lane(batch: u64, queue: Queue, board: Option<BoardId>, dispatch: Dispatch) {
    let mut worker: Option<WorkerHandle> = None;
    let mut in_flight: VecDeque<(usize, File, Pending)> = VecDeque::new();
    let finish = |index: usize, result: Result<ImportedPhoto, ImportError>| {
        // Storing the photo overlaps the next one's decoding, and the frame appears once its
        // photo is stored (so a reload right after still has it).
        let (dispatch, board) = (dispatch.clone(), board.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let (Ok(photo), Some(board)) = (&result, board) {
                // If storing fails (a full quota), the frame still appears; autosave stores the
                // photo with the board and says what went wrong.
                let _ =
                    super::board_store::store_photo(&board, &photo.meta, js_sys::Date::now()).await;
            }
            send(
                &dispatch,
                EditorMsg::ImportFinished {
                    batch,
                    index,
                    result,
                    at: js_sys::Date::now(),
                },
            );
        });
    };
    loop {
        // Keep the worker's queue full, unless it has grown too large to keep.
        while in_flight.len() < DEPTH && worker.as_ref().is_none_or(WorkerHandle::worth_keeping) {
            let next = queue.borrow_mut().pop_front();
            let Some((index, file)) = next else { break };
            if let Err(e) = precheck(&file) {
                finish(index, Err(e));
                continue;
            }
            let w = match worker.as_mut() {
                Some(w) => w,
                None => match worker_pool::acquire().await {
                    Ok(w) => worker.insert(w),
                    Err(e) => {
                        finish(index, Err(failure(&file, ImportFailure::Worker(e))));
                        continue;
                    }
                },
            };
            send(&dispatch, EditorMsg::ImportDecoding { batch, index });
            match w.submit_file(&file) {
                Ok(pending) => in_flight.push_back((index, file, pending)),
                Err(e) => finish(index, Err(failure(&file, ImportFailure::Worker(e)))),
            }
        }
        let Some((index, file, pending)) = in_flight.pop_front() else {
            break;
        };
        let w = worker.as_mut().expect("a photo in flight has a worker");
        match w.photo_of(pending).await {
            Ok(outcome) => finish(
                index,
                outcome
                    .and_then(|(info, thumb)| photo(&file, info, &thumb))
                    .map_err(|reason| failure(&file, reason)),
            ),
            Err(e) => {
                // The worker failed on this photo: it is ended, and the photos queued behind
                // this one go back to the front of the queue for a fresh worker.
                finish(index, Err(failure(&file, ImportFailure::Worker(e))));
                let mut queue = queue.borrow_mut();
                for (index, file, _) in in_flight.drain(..).rev() {
                    queue.push_front((index, file));
                }
                worker_pool::discard(worker.take().expect("just used"));
            }
        }
        // A worker grown too large is retired once its queue is empty; a fresh one comes next.
        if in_flight.is_empty() && worker.as_ref().is_some_and(|w| !w.worth_keeping()) {
            worker_pool::release(worker.take().expect("just checked"));
        }
    }
    if let Some(worker) = worker {
        worker_pool::release(worker);
    }
}

/// Queues a progress message; the first one queued schedules a flush [`FLUSH_MS`] later that
/// sends everything queued by then as one [`EditorMsg::Many`].
fn send(dispatch: &Dispatch, msg: EditorMsg) {
    let first = OUTBOX.with(|outbox| {
        let mut outbox = outbox.borrow_mut();
        let first = outbox.is_none();
        outbox
            .get_or_insert_with(|| (dispatch.clone(), Vec::new()))
            .1
            .push(msg);
        first
    });
    if first {
        gloo::timers::callback::Timeout::new(FLUSH_MS, || {
            if let Some((dispatch, msgs)) = OUTBOX.with(|outbox| outbox.borrow_mut().take()) {
                dispatch.dispatch(EditorMsg::Many(msgs));
            }
        })
        .forget();
    }
}

fn failure(file: &File, reason: ImportFailure) -> ImportError {
    ImportError {
        file: file.name(),
        reason,
    }
}

/// Refuses a file before it is read: a 2 GB video dropped by mistake is never loaded. (An empty
/// file goes to the worker: a picked file that has since vanished also reports 0 bytes, and
/// only reading it tells "empty" from "gone".)
fn precheck(file: &File) -> Result<(), ImportError> {
    let limits = Limits::default();
    let size = file.size() as u64;
    if size > limits.max_file_bytes {
        return Err(failure(
            file,
            ImportFailure::Imaging(ImagingError::FileTooLarge {
                bytes: size,
                max_bytes: limits.max_file_bytes,
            }),
        ));
    }
    Ok(())
}

/// A decoded photo as the editor keeps it: its description and object URLs. The same photo
/// added again reuses its blobs and URLs instead of minting (and leaking) more.
fn photo(
    file: &File,
    info: PhotoInfo,
    thumb: &ArrayBuffer,
) -> Result<ImportedPhoto, ImportFailure> {
    let thumb = files::blob(thumb, "image/jpeg").map_err(ImportFailure::Read)?;
    // The file's own type comes from its name (a polyglot named .html is `text/html`): the photo
    // is kept as the same bytes typed as what the worker decoded.
    let original = file
        .slice_with_f64_and_f64_and_content_type(0.0, file.size(), &info.mime)
        .map_err(|e| ImportFailure::Read(files::describe_js_error(e)))?;
    let (thumbnail_url, original_url) =
        photo_store::remember(&info.id, &original, &thumb, false).map_err(ImportFailure::Read)?;
    let meta = PhotoMeta {
        id: info.id,
        name: file.name(),
        width: info.width,
        height: info.height,
        bytes: info.bytes,
        mime: info.mime,
        taken_at: info.taken_at,
    };
    Ok(ImportedPhoto {
        meta,
        thumbnail_url,
        original_url,
    })
}
