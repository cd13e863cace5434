//! The tasks worker: joins an export into its bundle file, makes a backup of the library and
//! restores one (`workers::tasks::assembly`, `workers::tasks::backup_files`), and makes films
//! (`workers::tasks::film`).
//!
//! Its own worker, apart from the image workers, so that neither the page nor the image workers
//! (started at every visit) carry this code: it is off the page's critical path, fetched when
//! someone first exports, backs up or restores, or in the background by the service worker's
//! install (for offline use). One task per worker, started for it and ended after it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use flowboard::model::PhotoId;
    use flowboard::protocol::{
        self as protocol, FilmSound, FromWorker, Parts, TaskReply, TaskRequest,
    };
    use flowboard::workers::tasks::{assembly, backup_files, film, film_live};
    use std::collections::HashMap;
    use wasm_bindgen::prelude::*;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, OffscreenCanvas};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    /// Tells the editor how far a long task got (it also keeps the editor from giving up on it).
    fn progress(done: usize, total: usize) {
        protocol::post(
            &FromWorker::<TaskReply>::Progress(done, total),
            &Parts::default(),
        );
    }
    /// A film's photos (by id, each a part: its original file).
    fn photo_files(
        photos: Vec<(PhotoId, protocol::Part)>,
        parts: &Parts,
    ) -> Result<HashMap<PhotoId, Blob>, String> {
        photos
            .into_iter()
            .map(|(id, part)| Ok((id, parts.get::<Blob>(part)?)))
            .collect()
    }
    /// The task a message asks for, its objects in place; `Err`: it does not read (a `Refused` reply).
    fn task(data: &JsValue) -> Result<(TaskRequest, Parts), TaskReply> {
        let (text, parts) = protocol::decode(data).map_err(TaskReply::Refused)?;
        Ok((TaskRequest::read(&text)?, parts))
    }
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // Each task reads blobs and storage (promises), so it is answered when done; the editor
        // sends nothing else meanwhile but a film's sound.
        let out = Parts::default();
        let refuse = |why: String| protocol::reply(TaskReply::Refused(why), &Parts::default());
        match task(&event.data()) {
            Err(refusal) => protocol::reply(refusal, &out),
            Ok((
                TaskRequest::Assemble {
                    kind,
                    manifest,
                    lang,
                    files,
                },
                parts,
            )) => {
                let mut blobs = std::collections::BTreeMap::new();
                for (path, part) in files {
                    match parts.get::<Blob>(part) {
                        Ok(blob) => blobs.insert(path, blob),
                        Err(why) => return refuse(why),
                    };
                }
                let files = blobs;
                let lang = flowboard::i18n::Lang::from_code(&lang).unwrap_or_default();
                wasm_bindgen_futures::spawn_local(async move {
                    let reply =
                        match assembly::assemble(kind, &manifest, &files, lang, progress).await {
                            Ok(blob) => TaskReply::Assembled(out.add(&blob)),
                            Err(e) => TaskReply::AssembleFailed(e),
                        };
                    protocol::reply(reply, &out);
                });
            }
            Ok((
                TaskRequest::Backup {
                    document,
                    photos,
                    audio,
                },
                parts,
            )) => {
                let photos: Result<Vec<_>, String> = photos
                    .into_iter()
                    .map(|(id, original, thumb)| Ok((id, parts.get(original)?, parts.get(thumb)?)))
                    .collect();
                let photos = match photos {
                    Ok(photos) => photos,
                    Err(why) => return refuse(why),
                };
                let audio: Result<Vec<_>, String> = audio
                    .into_iter()
                    .map(|(id, blob, name)| Ok((id, parts.get(blob)?, name)))
                    .collect();
                let audio = match audio {
                    Ok(audio) => audio,
                    Err(why) => return refuse(why),
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = match backup_files::build(
                        protocol::TabState {
                            document,
                            photos,
                            audio,
                        },
                        progress,
                    )
                    .await
                    {
                        Ok((blob, boards, photos)) => {
                            TaskReply::BackedUp(out.add(&blob), boards, photos)
                        }
                        Err(e) => TaskReply::Storage(e),
                    };
                    protocol::reply(reply, &out);
                });
            }
            Ok((
                TaskRequest::Film {
                    plan,
                    options,
                    photos,
                    sound,
                    lang: _,
                },
                parts,
            )) => {
                if let Err(why) = film::check(&plan) {
                    return refuse(why);
                }
                let blobs = match photo_files(photos, &parts) {
                    Ok(blobs) => blobs,
                    Err(why) => return refuse(why),
                };
                let sound = match sound {
                    FilmSound::Silent => film::SoundSource::Silent,
                    FilmSound::Follows => film::SoundSource::Follows,
                    FilmSound::Given(audio) => match film::sound(&audio, &parts) {
                        Ok(sound) => film::SoundSource::Given(sound),
                        Err(why) => return refuse(why),
                    },
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = match film::make(&plan, &options, blobs, sound, progress).await {
                        Ok(made) => TaskReply::Filmed(protocol::FilmResult {
                            bytes: made.file.size(),
                            file: out.add(&made.file),
                            video_frames: made.video_frames,
                            video_codec: made.video_codec,
                            audio_codec: made.audio_codec,
                        }),
                        Err(e) => TaskReply::FilmFailed(e),
                    };
                    protocol::reply(reply, &out);
                });
            }
            Ok((
                TaskRequest::FilmLive {
                    plan,
                    photos,
                    canvas,
                    lang: _,
                },
                parts,
            )) => {
                if let Err(why) = film::check(&plan) {
                    return refuse(why);
                }
                let (blobs, canvas) = match photo_files(photos, &parts)
                    .and_then(|blobs| Ok((blobs, parts.get::<OffscreenCanvas>(canvas)?)))
                {
                    Ok(found) => found,
                    Err(why) => return refuse(why),
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = match film_live::play(&plan, blobs, canvas, progress).await {
                        Ok(played) => TaskReply::Played {
                            drawn: played.drawn,
                            skipped: played.skipped,
                        },
                        Err(e) => TaskReply::FilmFailed(e),
                    };
                    protocol::reply(reply, &out);
                });
            }
            // The sound of the film being made: no reply of its own (the film's is the answer).
            Ok((TaskRequest::SoundForFilm { audio }, parts)) => {
                film::deliver(audio.map(|a| film::sound(&a, &parts)).transpose());
            }
            Ok((TaskRequest::Restore { file }, parts)) => {
                let file: Blob = match parts.get(file) {
                    Ok(file) => file,
                    Err(why) => return refuse(why),
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = match backup_files::restore(&file, progress).await {
                        Ok(report) => TaskReply::Restored(report),
                        Err(e) => TaskReply::Storage(e),
                    };
                    protocol::reply(reply, &out);
                });
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    protocol::post_ready();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the tasks worker runs in the browser; build it with `trunk build`");
}
