//! Opening an exported storyboard (`.html` or `.zip`) for editing: it becomes a new board in the
//! library, so the board on screen is never changed by a bundle, good or bad.
//!
//! The file is unpacked in an image worker ([`crate::bundle::open`], with limits), every photo
//! it brings is decoded there too (a photo that does not decode costs only its picture, see
//! [`crate::bundle::settle`]), its sound is decoded by the browser here (a file that does not
//! decode costs only its narration or music, [`crate::bundle::lose_sound`]), everything is
//! stored, and the new board is saved and opened.

use super::{audio_intake, audio_store, autosave, boards, photo_store, worker_pool};
use crate::browser::{database, files};
use crate::bundle;
use crate::i18n::{Message, T};
use crate::model::PhotoId;
use crate::page::app::{Dispatch, EditorMsg, Task};
use crate::storage::{backup::new_board_id, BoardId, StoredBoard};
use web_sys::{Blob, File};

/// The largest bundle file the editor opens (its photos are unpacked in memory).
const MAX_BUNDLE_BYTES: f64 = 1_000_000_000.0;

/// Whether a picked or dropped file is a storyboard bundle rather than a photo.
pub fn is_bundle(file: &File) -> bool {
    let name = file.name().to_ascii_lowercase();
    name.ends_with(".html")
        || name.ends_with(".htm")
        || name.ends_with(".zip")
        || matches!(file.type_().as_str(), "text/html" | "application/zip")
}

/// What becomes of an opened bundle.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A new board in the library, opened for editing.
    Library,
    /// Shown read-only (`?view=`), stored nowhere.
    View,
}

/// Opens a bundle as a new board; returns at once. Success and failure are both told in the
/// notices under the toolbar.
pub fn open(file: File, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let _ = open_and_tell(&file, &name, Mode::Library, &dispatch).await;
    });
}

/// Opens a bundle (`Mode::Library` or `Mode::View`) and tells the user how it went; gives the
/// outcome to the caller too (the embedding API answers with it).
pub async fn open_and_tell(
    file: &Blob,
    name: &str,
    mode: Mode,
    dispatch: &Dispatch,
) -> Result<(), Message> {
    let result = open_file(file, mode, dispatch).await;
    dispatch.dispatch(EditorMsg::Task(None));
    let (notices, outcome) = match result {
        Ok(mut notices) => {
            if mode == Mode::Library {
                notices.insert(0, Message::new(T::OpenedAsNew).with("name", name));
            }
            (notices, Ok(()))
        }
        Err(e) => (
            vec![Message::new(T::CouldNotOpenFile)
                .with("name", name)
                .with_message("error", e.clone())],
            Err(e),
        ),
    };
    dispatch.dispatch(EditorMsg::Notices(notices));
    outcome
}

/// "Try an example": the example storyboard in the interface's language, an exported bundle
/// shipped beside the app (`examples/example-<lang>.zip`, made by `scripts/make-examples.mjs`).
/// It is fetched only now (the service worker keeps a copy for offline use) and opened as a new
/// board in the library, like any bundle.
pub fn open_example(lang: crate::i18n::Lang, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = lang.t(T::ExampleName);
        let url = format!("./examples/example-{}.zip", lang.code());
        match fetch_same_origin(&url).await {
            Ok(blob) => {
                let _ = open_and_tell(&blob, name, Mode::Library, &dispatch).await;
            }
            Err(e) => {
                dispatch.dispatch(EditorMsg::Notices(vec![Message::new(T::CouldNotOpenFile)
                    .with("name", name)
                    .with_message("error", e)]))
            }
        }
    });
}

/// Fetches a bundle from this site and shows it read-only (`?view=`). Other origins are refused:
/// the viewer never makes a request beyond its own site. A file that cannot be shown (not there,
/// not a bundle, damaged) ends the "opening" state with a viewer's message: there is no board of
/// the visitor's own that could be "unchanged".
pub fn view(url: String, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let shown = match fetch_same_origin(&url).await {
            Ok(blob) => open_file(&blob, Mode::View, &dispatch).await,
            Err(e) => Err(e),
        };
        dispatch.dispatch(EditorMsg::Task(None));
        let notices = match shown {
            Ok(notes) => notes,
            Err(e) => {
                dispatch.dispatch(EditorMsg::Access(crate::page::app::Access::Viewing));
                vec![Message::new(T::CouldNotShow)
                    .with("url", &url)
                    .with_message("error", e)]
            }
        };
        if !notices.is_empty() {
            dispatch.dispatch(EditorMsg::Notices(notices));
        }
    });
}

/// A file of this site, by URL relative to the page.
///
/// # Errors
/// Another origin, a failed request, a non-2xx answer.
pub async fn fetch_same_origin(url: &str) -> Result<Blob, Message> {
    let window = web_sys::window().ok_or_else(|| Message::raw("no window"))?;
    let here = window.location().href().map_err(files::describe_js_error)?;
    let target = web_sys::Url::new_with_base(url, &here)
        .map_err(|_| Message::new(T::NotAnAddress).with("url", url))?;
    if target.origin()
        != window
            .location()
            .origin()
            .map_err(files::describe_js_error)?
    {
        return Err(Message::new(T::OnlySameSite));
    }
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&target.href()))
            .await
            .map_err(files::describe_js_error)?
            .into();
    if !response.ok() {
        return Err(Message::new(T::ServerAnswered).with(
            "status",
            format!("{} {}", response.status(), response.status_text()),
        ));
    }
    let blob =
        wasm_bindgen_futures::JsFuture::from(response.blob().map_err(files::describe_js_error)?)
            .await
            .map_err(files::describe_js_error)?;
    Ok(blob.into())
}

fn step(dispatch: &Dispatch, label: T, done: usize, total: usize) {
    dispatch.dispatch(EditorMsg::Task(Some(Task {
        label: Message::new(label),
        done,
        total,
        cancellable: false,
    })));
}

async fn open_file(file: &Blob, mode: Mode, dispatch: &Dispatch) -> Result<Vec<Message>, Message> {
    if file.size() > MAX_BUNDLE_BYTES {
        return Err(Message::new(T::BundleFileTooLarge)
            .with_number("mb", format!("{:.0}", file.size() / 1e6))
            .with_number("max", format!("{:.0}", MAX_BUNDLE_BYTES / 1e6)));
    }
    step(dispatch, T::OpeningFile, 0, 1);
    let bytes = files::read(file).await?;
    let mut worker = worker_pool::acquire().await?;
    let opened = worker.open_bundle(&bytes).await;
    // Unpacking grew this worker's memory by the file's size: it is not kept.
    worker_pool::discard(worker);
    let (reply, photo_files, audio_files) = opened?.map_err(|e| e.to_message())?;
    let mut board = reply.board;
    let mut notes = reply.problems;
    let sounds = check_sound(&mut board, reply.audio, audio_files, &mut notes).await?;
    let now = js_sys::Date::now();
    if mode == Mode::View {
        for (id, blob, _) in &sounds {
            // Shown, never saved or backed up (as a viewed photo).
            audio_store::remember(id, blob, true);
        }
        let checked = check_photos(&board, reply.photos, photo_files, None, dispatch).await?;
        notes.extend(bundle::settle(&mut board, &checked));
        let (thumbnails, originals) = boards::urls_of(&board);
        dispatch.dispatch(EditorMsg::OpenBoard {
            id: BoardId("view".into()),
            created_at: now,
            board: std::rc::Rc::new(board),
            thumbnails,
            originals,
            notices: Vec::new(),
            access: crate::page::app::Access::Viewing,
        });
        return Ok(notes);
    }
    let id = new_board_id(now, js_sys::Math::random());
    // The board is written first, so photos stored for it are never orphans: if storing stops
    // half-way (a full quota), the board is deleted again and its photos with it.
    let stored =
        |board: &crate::model::Board| StoredBoard::new(id.clone(), now, now, board.clone());
    database::write_board(&stored(&board))
        .await
        .map_err(|e| e.to_message())?;
    // As for photos: if storing stops half-way (a full quota), the board goes again.
    for (audio, blob, name) in &sounds {
        if let Err(e) = database::put_audio(audio, blob, &blob.type_(), name).await {
            autosave::flush().await;
            let _ = database::delete_board(&id).await;
            return Err(e.to_message());
        }
        audio_store::remember(audio, blob, true);
    }
    let checked = match check_photos(
        &board,
        reply.photos,
        photo_files,
        Some((&id, now)),
        dispatch,
    )
    .await
    {
        Ok(checked) => checked,
        Err(e) => {
            autosave::flush().await;
            let _ = database::delete_board(&id).await;
            return Err(e);
        }
    };
    notes.extend(bundle::settle(&mut board, &checked));
    database::write_board(&stored(&board))
        .await
        .map_err(|e| e.to_message())?;
    boards::open(dispatch, id).await;
    Ok(notes)
}

/// Decodes each audio file of a re-opened board (already checked by hash and typed from its bytes
/// in the worker) in this browser; one that does not decode costs only its sound, with a note.
/// Gives the ones that play: (id, blob typed as its bytes say, name).
async fn check_sound(
    board: &mut crate::model::Board,
    audio: Vec<(String, String)>,
    files: Vec<js_sys::ArrayBuffer>,
    notes: &mut Vec<Message>,
) -> Result<Vec<(String, Blob, String)>, Message> {
    let mut kept = Vec::new();
    let mut lost = std::collections::BTreeSet::new();
    for ((id, mime), bytes) in audio.into_iter().zip(files) {
        // Typed from its bytes in the worker (`bundle::reopen`), never from the bundle's claim.
        let blob = files::blob(&bytes, &mime)?;
        let name = board
            .audio
            .get(&id)
            .map_or_else(|| id.clone(), |a| a.name.clone());
        match audio_intake::decode(&blob).await {
            Ok(_) => kept.push((id, blob, name)),
            Err(why) => {
                notes.push(
                    Message::new(T::BundleAudioUnplayable)
                        .with("name", &name)
                        .with_message("why", why),
                );
                lost.insert(id);
            }
        }
    }
    bundle::lose_sound(board, &lost);
    Ok(kept)
}

/// Decodes each photo of a re-opened board in a worker (its thumbnail, true size and format),
/// keeps the ones that decode in this page and, given a board (`store`), in storage too. Gives
/// what each one turned out to be.
async fn check_photos(
    board: &crate::model::Board,
    ids: Vec<PhotoId>,
    files: Vec<js_sys::ArrayBuffer>,
    store: Option<(&BoardId, f64)>,
    dispatch: &Dispatch,
) -> Result<Vec<bundle::Checked>, Message> {
    let total = files.len();
    let mut checked: Vec<bundle::Checked> = Vec::new();
    for (n, (photo, bytes)) in ids.into_iter().zip(files).enumerate() {
        step(dispatch, T::CheckingPhotos, n, total);
        // Kept before the bytes go to the worker; typed below from what the worker found.
        let untyped = files::blob(&bytes, "")?;
        let result = match worker_pool::run(async |worker| worker.process(&bytes).await).await {
            Ok(result) => result,
            Err(e) => {
                checked.push((photo, Err(e)));
                continue;
            }
        };
        match result {
            Ok((info, thumb)) if info.id == photo => {
                // The media type comes from the bytes (never from the bundle's own claim).
                let original = untyped
                    .slice_with_f64_and_f64_and_content_type(0.0, untyped.size(), &info.mime)
                    .map_err(files::describe_js_error)?;
                let thumb = files::blob(&thumb, "image/jpeg")?;
                let mut meta = board.photos.get(&photo).cloned();
                if let Some(m) = meta.as_mut() {
                    (m.width, m.height, m.mime) = (info.width, info.height, info.mime.clone());
                }
                if let Some((id, now)) = store {
                    database::put_photo(&photo, &original, &thumb, meta.as_ref(), &id.0, now)
                        .await
                        .map_err(|e| e.to_message())?;
                }
                // A viewed photo is marked stored too: it is shown, never saved or backed up.
                photo_store::remember(&photo, &original, &thumb, true)?;
                checked.push((
                    photo,
                    Ok(bundle::Decoded {
                        width: info.width,
                        height: info.height,
                        mime: info.mime,
                    }),
                ));
            }
            Ok(_) => checked.push((photo, Err(Message::new(T::ChangedOnTheWay)))),
            Err(e) => checked.push((photo, Err(e.to_message()))),
        }
    }
    Ok(checked)
}
