//! Opening an exported storyboard (`.html` or `.zip`) for editing: it becomes a new board in the
//! library, so the board on screen is never changed by a bundle, good or bad.
//!
//! The file is unpacked in an image worker ([`crate::bundle::open`], with limits), every photo
//! it brings is decoded there too (a photo that does not decode costs only its picture, see
//! [`crate::bundle::settle`]), stored, and the new board is saved and opened.

use super::{boards, files, image_worker, photo_store, storage};
use crate::app::{EditorMsg, EditorState, Task};
use crate::bundle;
use crate::storage::{backup::new_board_id, StoredBoard};
use web_sys::File;
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<EditorState>;

/// The largest bundle file the editor opens (its photos are unpacked in memory).
const MAX_BUNDLE_BYTES: f64 = 1_000_000_000.0;

/// Whether a picked or dropped file is a storyboard bundle rather than a photo.
pub fn is_bundle(file: &File) -> bool {
    let name = file.name().to_ascii_lowercase();
    name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".zip") || matches!(file.type_().as_str(), "text/html" | "application/zip")
}

/// Opens a bundle as a new board; returns at once. Success and failure are both told in the
/// notices under the toolbar.
pub fn open(file: File, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let result = open_file(&file, &dispatch).await;
        dispatch.dispatch(EditorMsg::Task(None));
        let notices = match result {
            Ok(mut notes) => {
                notes.insert(0, format!("Opened “{name}” as a new board in your library."));
                notes
            }
            Err(e) => vec![format!("“{name}” could not be opened: {e}. Your current board is unchanged.")],
        };
        dispatch.dispatch(EditorMsg::Notices(notices));
    });
}

fn step(dispatch: &Dispatch, label: &str, done: usize, total: usize) {
    dispatch.dispatch(EditorMsg::Task(Some(Task { label: label.into(), done, total, cancellable: false })));
}

async fn open_file(file: &File, dispatch: &Dispatch) -> Result<Vec<String>, String> {
    if file.size() > MAX_BUNDLE_BYTES {
        return Err(format!("the file is {:.0} MB, more than the {:.0} MB a storyboard file may have", file.size() / 1e6, MAX_BUNDLE_BYTES / 1e6));
    }
    step(dispatch, "Opening the storyboard file", 0, 1);
    let bytes = files::read(file).await?;
    let mut worker = image_worker::acquire().await?;
    let opened = worker.open_bundle(&bytes).await;
    // Unpacking grew this worker's memory by the file's size: it is not kept.
    image_worker::discard(worker);
    let (reply, photo_files) = opened?.map_err(|e| e.to_string())?;
    let mut board = reply.board;
    let total = photo_files.len();
    let mut checked: Vec<bundle::Checked> = Vec::new();
    let now = js_sys::Date::now();
    let id = new_board_id(now, js_sys::Math::random());
    for (n, (photo, bytes)) in reply.photos.into_iter().zip(photo_files).enumerate() {
        step(dispatch, "Checking photos", n, total);
        let mime = board.photos.get(&photo).map_or("image/jpeg".to_owned(), |p| p.mime.clone());
        let original = files::blob(&bytes, &mime)?;
        let mut worker = image_worker::acquire().await?;
        let result = match worker.process(&bytes).await {
            Ok(result) => {
                image_worker::release(worker);
                result
            }
            Err(e) => {
                image_worker::discard(worker);
                checked.push((photo, Err(e)));
                continue;
            }
        };
        match result {
            Ok((info, thumb)) if info.id == photo => {
                let thumb = files::blob(&thumb, "image/jpeg")?;
                storage::put_photo(&photo, &original, &thumb, board.photos.get(&photo), &id.0, now).await.map_err(|e| e.to_string())?;
                photo_store::remember(&photo, &original, &thumb, true)?;
                checked.push((photo, Ok((info.width, info.height))));
            }
            Ok(_) => checked.push((photo, Err("its contents changed on the way".into()))),
            Err(e) => checked.push((photo, Err(e.to_string()))),
        }
    }
    let mut notes = reply.problems;
    notes.extend(bundle::settle(&mut board, &checked));
    storage::write_board(&StoredBoard::new(id.clone(), now, now, board)).await.map_err(|e| e.to_string())?;
    boards::open(dispatch, id).await;
    Ok(notes)
}
