//! Adding photos: files → bytes → image worker → thumbnail URL → frames. (Exported storyboard
//! files among them go to [`super::reopen`].)
//!
//! One lane per worker pulls files from a shared queue, so two cores decode two photos at once
//! while the page stays responsive. Progress and results go to the editor as messages; the
//! editor commits frames in pick order (see [`crate::import::ImportBatch`]).

use super::{boards, files, image_worker, photo_store, storage};
use crate::app::{EditorMsg, EditorState, ImportedPhoto};
use crate::error::{ImagingError, ImportError, ImportFailure};
use crate::imaging::Limits;
use crate::model::PhotoMeta;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::File;
use yew::UseReducerDispatcher;

/// Progress is sent to the editor at most this often (ms): one render per frame, not two per photo.
const FLUSH_MS: u32 = 16;

thread_local! {
    static NEXT_BATCH: Cell<u64> = const { Cell::new(1) };
    /// Progress messages waiting for the next flush, and where they go.
    static OUTBOX: RefCell<Option<(UseReducerDispatcher<EditorState>, Vec<EditorMsg>)>> = const { RefCell::new(None) };
}

type Queue = Rc<RefCell<VecDeque<(usize, File)>>>;

/// Starts importing `files`; returns at once. Every file ends as a frame or as a named error.
pub fn import(files: Vec<File>, dispatch: UseReducerDispatcher<EditorState>) {
    // An exported storyboard among them opens as a board of its own, not as a photo.
    let (bundles, files): (Vec<File>, Vec<File>) = files.into_iter().partition(super::reopen::is_bundle);
    for bundle in bundles {
        super::reopen::open(bundle, dispatch.clone());
    }
    if files.is_empty() {
        return;
    }
    let batch = NEXT_BATCH.with(|n| n.replace(n.get() + 1));
    dispatch.dispatch(EditorMsg::ImportStarted { batch, names: files.iter().map(File::name).collect() });
    let lanes = image_worker::pool_size().min(files.len());
    let queue: Queue = Rc::new(RefCell::new(files.into_iter().enumerate().collect()));
    for _ in 0..lanes {
        wasm_bindgen_futures::spawn_local(lane(batch, queue.clone(), dispatch.clone()));
    }
}

async fn lane(batch: u64, queue: Queue, dispatch: UseReducerDispatcher<EditorState>) {
    loop {
        let next = queue.borrow_mut().pop_front();
        let Some((index, file)) = next else { break };
        let board = boards::current();
        let result = import_one(&file, || send(&dispatch, EditorMsg::ImportDecoding { batch, index })).await;
        // Storing the photo overlaps the next one's decoding: the lane goes on at once, and the
        // frame appears once its photo is stored (so a reload right after still has it).
        let dispatch = dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let (Ok(photo), Some(board)) = (&result, board) {
                // If storing fails (a full quota), the frame still appears; autosave stores the
                // photo with the board and says what went wrong.
                let _ = storage::store_photo(&board, &photo.meta, js_sys::Date::now()).await;
            }
            send(&dispatch, EditorMsg::ImportFinished { batch, index, result });
        });
    }
}

/// Queues a progress message; the first one queued schedules a flush [`FLUSH_MS`] later that
/// sends everything queued by then as one [`EditorMsg::Many`].
fn send(dispatch: &UseReducerDispatcher<EditorState>, msg: EditorMsg) {
    let first = OUTBOX.with(|outbox| {
        let mut outbox = outbox.borrow_mut();
        let first = outbox.is_none();
        outbox.get_or_insert_with(|| (dispatch.clone(), Vec::new())).1.push(msg);
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

/// Turns one file into a photo (thumbnail, description, object URLs); `started` is called once
/// a worker is free and the file is being read. The caller stores it.
async fn import_one(file: &File, started: impl FnOnce()) -> Result<ImportedPhoto, ImportError> {
    let name = file.name();
    let fail = |reason| ImportError { file: name.clone(), reason };
    let limits = Limits::default();
    let size = file.size() as u64;
    // Checked before reading: a 2 GB video dropped by mistake is never loaded into memory.
    if size > limits.max_file_bytes {
        return Err(fail(ImportFailure::Imaging(ImagingError::FileTooLarge { bytes: size, max_bytes: limits.max_file_bytes })));
    }
    if size == 0 {
        return Err(fail(ImportFailure::Imaging(ImagingError::Empty)));
    }
    // A worker first, then the bytes: at most one file per worker is held in memory.
    let outcome = image_worker::run(async |worker| {
        started();
        match files::read(file).await {
            Ok(bytes) => worker.process(&bytes).await.map(Ok),
            // The file, not the worker, failed: the worker goes back to the pool.
            Err(e) => Ok(Err(e)),
        }
    })
    .await
    .map_err(|e| fail(ImportFailure::Worker(e)))?;
    let (info, thumb) = outcome.map_err(|e| fail(ImportFailure::Read(e)))?.map_err(|e| fail(ImportFailure::Imaging(e)))?;
    // The same photo added again reuses its blobs and object URLs instead of minting (and
    // leaking) more.
    let thumb = files::blob(&thumb, "image/jpeg").map_err(|e| fail(ImportFailure::Read(e)))?;
    let (thumbnail_url, original_url) = photo_store::remember(&info.id, file, &thumb, false).map_err(|e| fail(ImportFailure::Read(e)))?;
    let meta = PhotoMeta { id: info.id, name, width: info.width, height: info.height, bytes: info.bytes, mime: info.mime, taken_at: info.taken_at };
    Ok(ImportedPhoto { meta, thumbnail_url, original_url })
}
