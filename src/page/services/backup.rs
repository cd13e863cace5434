//! Backup: every board and photo of this browser as one ZIP download, and restoring one — the
//! page's side. The file is made and read in the tasks worker ([`crate::workers::tasks::backup_files`]); the
//! page adds what only it holds (the open board's latest state, photos a full quota kept out of
//! storage), shows progress and words the outcome.

use super::{audio_store, autosave, boards, photo_store, worker_pool};
use crate::browser::{blobs, database, files};
use crate::i18n::{Message, T};
use crate::page::app::{Dispatch, EditorMsg};
use crate::protocol::{RestoreReport, TabState};

fn progress(dispatch: &Dispatch, text: Option<Message>) {
    dispatch.dispatch(EditorMsg::LibraryBusy(text));
}

/// Makes the backup and offers it as a download (also from the "storage full" banner: it
/// includes the open board and photos that could not be stored).
pub fn download(dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        progress(&dispatch, Some(Message::new(T::MakingBackup)));
        autosave::flush().await;
        let current = autosave::current_document();
        // Audio a full quota kept out of storage, named as the open board names it.
        let name_of = |id: &str| {
            current
                .as_ref()
                .and_then(|c| c.board.audio.get(id).map(|a| a.name.clone()))
                .unwrap_or_default()
        };
        let audio = audio_store::unstored()
            .into_iter()
            .filter_map(|id| {
                let blob = audio_store::get(&id)?;
                let name = name_of(&id);
                Some((id, blob, name))
            })
            .collect();
        let tab = TabState {
            document: current
                .as_ref()
                .map(|current| (current.id.0.clone(), current.to_json())),
            photos: photo_store::unstored()
                .into_iter()
                .filter_map(|id| photo_store::get(&id).map(|p| (id, p.original, p.thumb)))
                .collect(),
            audio,
        };
        let step = |n: usize, total: usize| {
            progress(
                &dispatch,
                Some(
                    Message::new(T::MakingBackupPhotos)
                        .with("n", n)
                        .with("total", total),
                ),
            )
        };
        let message =
            match worker_pool::run_task(async |worker| worker.backup(&tab, step).await).await {
                Ok(Ok((blob, boards, photos))) => match blobs::save_as(&blob, &file_name()) {
                    Ok(()) => Message::new(T::BackupDownloaded)
                        .with("boards", boards)
                        .with("photos", photos)
                        .with_number("mb", format!("{:.1}", blob.size() / 1e6)),
                    Err(e) => Message::new(T::BackupNotDownloaded).with_message("error", e),
                },
                Ok(Err(e)) => Message::new(T::BackupNotMade).with_message("error", e.to_message()),
                Err(e) => Message::new(T::BackupNotMade).with_message("error", e),
            };
        progress(&dispatch, None);
        dispatch.dispatch(EditorMsg::LibraryMessage(message));
    });
}

fn file_name() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "flowboard-backup-{}-{:02}-{:02}.zip",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Restores a backup file into this browser's library, never overwriting a board.
pub fn restore(file: web_sys::File, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        progress(
            &dispatch,
            Some(Message::new(T::Restoring).with("name", file.name())),
        );
        let step = |n: usize, total: usize| {
            progress(
                &dispatch,
                Some(
                    Message::new(T::RestoringPhotos)
                        .with("n", n)
                        .with("total", total),
                ),
            )
        };
        let reason = |e: Message| {
            Message::sentences(vec![
                Message::raw(file.name()),
                Message::new(T::ReasonAfterName).with_message("reason", e),
            ])
        };
        let message =
            match worker_pool::run_task(async |worker| worker.restore(&file, step).await).await {
                Ok(Ok(mut report)) => {
                    let refused = make_thumbnails(&dispatch).await;
                    report.photos -= refused.min(report.photos);
                    report.photos_bad += refused;
                    summary(report)
                }
                Ok(Err(e)) => reason(e.to_message()),
                Err(e) => reason(e),
            };
        progress(&dispatch, None);
        boards::show_library(&dispatch, Some(message));
    });
}

/// Makes a thumbnail from each stored photo that has none: a restore never takes a backup's
/// (it could show another picture than the photo), so each restored photo is decoded in an image
/// worker as when it was first added. Also finishes a restore that was cut short. A photo that
/// does not decode as the photo its id names is removed again; gives how many were.
async fn make_thumbnails(dispatch: &Dispatch) -> usize {
    let Ok(photos) = database::photos_without_thumb().await else {
        return 0;
    };
    let total = photos.len();
    let mut refused = 0;
    for (n, (id, original)) in photos.into_iter().enumerate() {
        progress(
            dispatch,
            Some(
                Message::new(T::MakingThumbnails)
                    .with("n", n + 1)
                    .with("total", total),
            ),
        );
        let made = worker_pool::run(async |worker| {
            let pending = worker.submit_file(&original)?;
            worker.photo_of(pending).await
        })
        .await;
        match made {
            Ok(Ok((info, thumb))) if info.id == id => {
                if let Ok(thumb) = files::blob(&thumb, "image/jpeg") {
                    let _ =
                        database::put_photo(&id, &original, &thumb, None, "", js_sys::Date::now())
                            .await;
                }
            }
            // Not this photo's bytes, or not a photo that decodes.
            Ok(_) => {
                if database::delete_photo(&id).await.is_ok() {
                    refused += 1;
                }
            }
            // The worker itself failed: the photo stays, shown as its own thumbnail.
            Err(_) => {}
        }
    }
    refused
}

/// What a restore did, in a sentence or three (worded when shown).
fn summary(report: RestoreReport) -> Message {
    let mut parts = vec![Message::new(T::BackupRestored)
        .with("added", report.added)
        .with("photos", report.photos)];
    if report.audio > 0 {
        parts.push(Message::new(T::BackupRestoredSound).with("n", report.audio));
    }
    if report.here > 0 {
        parts.push(Message::new(T::BackupAlreadyHere).with("n", report.here));
    }
    if report.boards_bad + report.photos_bad > 0 {
        parts.push(
            Message::new(T::BackupSkipped)
                .with("boards", report.boards_bad)
                .with("photos", report.photos_bad),
        );
    }
    if report.audio_bad > 0 {
        parts.push(Message::new(T::BackupSkippedSound).with("n", report.audio_bad));
    }
    Message::sentences(parts)
}
