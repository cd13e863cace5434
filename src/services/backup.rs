//! Backup: every board and photo of this browser as one ZIP download, and restoring one — the
//! page's side. The file is made and read in the tasks worker ([`super::backup_files`]); the
//! page adds what only it holds (the open board's latest state, photos a full quota kept out of
//! storage), shows progress and words the outcome.

use super::worker_protocol::{RestoreReport, TabState};
use super::{autosave, blobs, boards, database, files, image_worker, locale, photo_store};
use crate::app::{Dispatch, EditorMsg};
use crate::i18n::{Lang, T};

fn progress(dispatch: &Dispatch, text: Option<String>) {
    dispatch.dispatch(EditorMsg::LibraryBusy(text));
}

/// Makes the backup and offers it as a download (also from the "storage full" banner: it
/// includes the open board and photos that could not be stored).
pub fn download(dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let lang = locale::current();
        progress(&dispatch, Some(lang.t(T::MakingBackup).into()));
        autosave::flush().await;
        let tab = TabState {
            document: autosave::current_document()
                .map(|current| (current.id.0.clone(), current.to_json())),
            photos: photo_store::unstored()
                .into_iter()
                .filter_map(|id| photo_store::get(&id).map(|p| (id, p.original, p.thumb)))
                .collect(),
        };
        let step = |n: usize, total: usize| {
            progress(
                &dispatch,
                Some(lang.f(T::MakingBackupPhotos, &[("n", &n), ("total", &total)])),
            )
        };
        let message =
            match image_worker::run_task(async |worker| worker.backup(&tab, step).await).await {
                Ok(Ok((blob, boards, photos))) => match blobs::save_as(&blob, &file_name()) {
                    Ok(()) => lang.f(
                        T::BackupDownloaded,
                        &[
                            ("boards", &boards),
                            ("photos", &photos),
                            ("mb", &format!("{:.1}", blob.size() / 1e6)),
                        ],
                    ),
                    Err(e) => lang.f(T::BackupNotDownloaded, &[("error", &e.show(lang))]),
                },
                Ok(Err(e)) => lang.f(T::BackupNotMade, &[("error", &e.message(lang))]),
                Err(e) => lang.f(T::BackupNotMade, &[("error", &e.show(lang))]),
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
        let lang = locale::current();
        progress(
            &dispatch,
            Some(lang.f(T::Restoring, &[("name", &file.name())])),
        );
        let step = |n: usize, total: usize| {
            progress(
                &dispatch,
                Some(lang.f(T::RestoringPhotos, &[("n", &n), ("total", &total)])),
            )
        };
        let reason = |e: String| {
            format!(
                "{}{}",
                file.name(),
                lang.f(T::ReasonAfterName, &[("reason", &e)])
            )
        };
        let message =
            match image_worker::run_task(async |worker| worker.restore(&file, step).await).await {
                Ok(Ok(mut report)) => {
                    let refused = make_thumbnails(&dispatch, lang).await;
                    report.photos -= refused.min(report.photos);
                    report.photos_bad += refused;
                    summary(report, lang)
                }
                Ok(Err(e)) => reason(e.message(lang)),
                Err(e) => reason(e.show(lang)),
            };
        progress(&dispatch, None);
        boards::show_library(&dispatch, Some(message));
    });
}

/// Makes a thumbnail from each stored photo that has none: a restore never takes a backup's
/// (it could show another picture than the photo), so each restored photo is decoded in an image
/// worker as when it was first added. Also finishes a restore that was cut short. A photo that
/// does not decode as the photo its id names is removed again; gives how many were.
async fn make_thumbnails(dispatch: &Dispatch, lang: Lang) -> usize {
    let Ok(photos) = database::photos_without_thumb().await else {
        return 0;
    };
    let total = photos.len();
    let mut refused = 0;
    for (n, (id, original)) in photos.into_iter().enumerate() {
        progress(
            dispatch,
            Some(lang.f(T::MakingThumbnails, &[("n", &(n + 1)), ("total", &total)])),
        );
        let made = image_worker::run(async |worker| {
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

/// What a restore did, in a sentence or three.
fn summary(report: RestoreReport, lang: Lang) -> String {
    let mut summary = lang.f(
        T::BackupRestored,
        &[("added", &report.added), ("photos", &report.photos)],
    );
    if report.here > 0 {
        summary.push_str(&lang.f(T::BackupAlreadyHere, &[("n", &report.here)]));
    }
    if report.boards_bad + report.photos_bad > 0 {
        summary.push_str(&lang.f(
            T::BackupSkipped,
            &[
                ("boards", &report.boards_bad),
                ("photos", &report.photos_bad),
            ],
        ));
    }
    summary
}
