//! A small pool of image workers (see `src/workers/image/main.rs`), and the tasks worker (`src/workers/tasks/main.rs`),
//! started for one export join, backup or restore at a time.
//!
//! Each worker handles one job at a time, in the order sent; the importer runs one lane per
//! worker and keeps two photos queued in it ([`WorkerHandle::submit_file`]), so a worker never
//! waits for the page between photos. WebAssembly
//! memory never shrinks, so a worker whose memory grew large (a big photo, even one that failed)
//! is retired (terminated) and a fresh one takes its place (DESIGN §3: a 48 MP decode holds
//! 155 MiB until its worker ends). A worker that does not start, or takes too long over a photo,
//! is ended with an error instead of leaving its file waiting forever.
//!
//! Every request takes one path ([`crate::protocol`]): `submit` posts a typed request,
//! `receive` awaits the replies in the order sent, passing on progress steps and noting the
//! worker's memory; `call` is both. The typed methods (`process`, `submit_file` / `photo_of`,
//! `render`, `open_bundle`; `assemble`, `backup`, `restore`) build their request and take the
//! reply they expect; any other — a `Refused` one included — is the worker's failure.

use crate::browser::files::describe_js_error;
use crate::error::{BundleError, ImagingError, ImportFailure};
use crate::i18n::{Message, T};
use crate::imaging::PhotoInfo;
use crate::protocol;
use futures::channel::oneshot;
use js_sys::ArrayBuffer;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Where Trunk puts the workers' loaders, relative to the page (works under any sub-path).
const WORKER_URL: &str = "./worker_loader.js";
const TASKS_URL: &str = "./tasks_loader.js";
/// Retire a worker whose WebAssembly memory grew past this. Measured in Chromium 156: a fresh
/// worker holds 45 MiB after a 12 MP JPEG (and stays there photo after photo), 91 MiB after
/// 27 MP, 260 MiB after 48 MP.
const RETIRE_ABOVE_BYTES: f64 = 72.0 * 1024.0 * 1024.0;
/// How long a worker may take to load its WebAssembly.
const START_TIMEOUT_MS: u32 = 20_000;
/// How long one photo may take (a 100 MP PNG on a slow tablet stays well under this).
const JOB_TIMEOUT_MS: u32 = 90_000;

/// A message from a worker as the page received it: what it says (`Err`: it did not read), and
/// the objects it carries.
type Incoming = (
    Result<protocol::FromWorker<serde_json::Value>, String>,
    protocol::Parts,
);
/// Who waits for the worker's next replies, in the order the jobs were sent.
type Inbox = Rc<RefCell<std::collections::VecDeque<oneshot::Sender<Result<Incoming, Message>>>>>;
/// Where the progress messages of the job under way go, while someone listens.
type ProgressSink = Rc<RefCell<Option<futures::channel::mpsc::UnboundedSender<(usize, usize)>>>>;

/// A job sent to a worker whose reply has not been read yet.
pub struct Pending(oneshot::Receiver<Result<Incoming, Message>>);

/// The tasks worker making a film, to send it the film's sound ([`WorkerHandle::film_sound_port`]).
pub struct FilmSoundPort(Worker);

impl FilmSoundPort {
    /// Sends the film its sound (sample rate, one `ArrayBuffer` of 16-bit samples a channel,
    /// transferred) or says it has none.
    ///
    /// # Errors
    /// The message could not be posted (the worker is gone).
    pub fn send(&self, audio: Option<(u32, Vec<ArrayBuffer>)>) -> Result<(), Message> {
        let parts = protocol::Parts::default();
        let audio = audio.map(|(sample_rate, channels)| protocol::FilmAudio {
            sample_rate,
            channels: channels.iter().map(|c| parts.add(c)).collect(),
        });
        let (message, transfer) =
            protocol::encode(&protocol::TaskRequest::SoundForFilm { audio }, &parts);
        self.0
            .post_message_with_transfer(&message, &transfer)
            .map_err(describe_js_error)
    }
}

/// A running worker — an image worker of the pool or the tasks worker — and its replies to come.
pub struct WorkerHandle {
    worker: Worker,
    inbox: Inbox,
    progress: ProgressSink,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    /// WebAssembly memory the worker last reported; decides retirement.
    memory_bytes: f64,
}

/// Listens to no progress.
fn no_progress(_: usize, _: usize) {}

impl WorkerHandle {
    /// Starts an image worker and waits until its WebAssembly is loaded.
    pub async fn spawn() -> Result<Self, Message> {
        Self::start(WORKER_URL)
            .await
            .map_err(|e| Message::new(T::WorkerNotStartedWhy).with_message("error", e))
    }

    /// Starts a worker; the error says why it did not answer, or that it comes from another
    /// version of Flowboard (the page was opened before an update).
    async fn start(url: &str) -> Result<Self, Message> {
        let worker = Worker::new(url).map_err(describe_js_error)?;
        let inbox: Inbox = Rc::default();
        let progress: ProgressSink = Rc::default();
        let on_message = {
            let (inbox, progress) = (inbox.clone(), progress.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let incoming = match protocol::decode(&event.data()) {
                    Ok((text, parts)) => (
                        flowboard_core::parse_json(&text).map_err(|e| e.to_string()),
                        parts,
                    ),
                    Err(why) => (Err(why), protocol::Parts::default()),
                };
                if let Ok(protocol::FromWorker::Progress(done, total)) = incoming.0 {
                    if let Some(sink) = progress.borrow().as_ref() {
                        let _ = sink.unbounded_send((done, total));
                    }
                    return;
                }
                let next = inbox.borrow_mut().pop_front();
                if let Some(tx) = next {
                    let _ = tx.send(Ok(incoming));
                }
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                event.prevent_default();
                // A script that does not load fires a plain `Event`, without a message (reading
                // `ErrorEvent.message` off it would throw).
                let why = js_sys::Reflect::get(&event, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .filter(|m| !m.is_empty());
                let why = why.map_or_else(|| Message::new(T::WorkerNotLoaded), Message::raw);
                // A worker that failed answers nothing more: every job queued in it fails.
                let waiting: Vec<_> = inbox.borrow_mut().drain(..).collect();
                for tx in waiting {
                    let _ = tx.send(Err(why.clone()));
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let this = Self {
            worker,
            inbox,
            progress,
            _on_message: on_message,
            _on_error: on_error,
            memory_bytes: 0.0,
        };
        // The worker's first message; one from another build may not even read.
        let (tx, rx) = oneshot::channel();
        this.inbox.borrow_mut().push_back(tx);
        let (ready, _) = this.wait(rx, START_TIMEOUT_MS).await?;
        if !matches!(
            ready,
            Ok(protocol::FromWorker::Ready(protocol::PROTOCOL_VERSION))
        ) {
            return Err(Message::new(T::WorkerOutdated));
        }
        Ok(this)
    }

    async fn wait(
        &self,
        rx: oneshot::Receiver<Result<Incoming, Message>>,
        timeout_ms: u32,
    ) -> Result<Incoming, Message> {
        use futures::future::{select, Either};
        let timeout = gloo::timers::future::TimeoutFuture::new(timeout_ms);
        match select(rx, timeout).await {
            Either::Left((reply, _)) => reply.map_err(|_| Message::new(T::WorkerGone))?,
            Either::Right(_) => Err(Message::new(T::WorkerNoAnswer).with("s", timeout_ms / 1000)),
        }
    }

    /// Sends one request ([`protocol::encode`]) without waiting for it (its `ArrayBuffer`s are
    /// transferred: empty afterwards); its reply comes through [`Self::receive`], in the order
    /// requests were sent.
    fn submit(
        &mut self,
        (message, transfer): (JsValue, js_sys::Array),
    ) -> Result<Pending, Message> {
        let (tx, rx) = oneshot::channel();
        self.worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(describe_js_error)?;
        self.inbox.borrow_mut().push_back(tx);
        Ok(Pending(rx))
    }

    /// The reply to a request sent with [`Self::submit`] (to be read as its reply type, see
    /// [`reply_as`]), and the objects it carries; `on_progress(done, total)` for each step the
    /// worker reports meanwhile. It may take as long as it likes provided no step takes more than
    /// [`JOB_TIMEOUT_MS`]. The error means the worker itself failed: it stopped, went silent, or
    /// sent what does not read.
    async fn receive(
        &mut self,
        Pending(mut rx): Pending,
        on_progress: &dyn Fn(usize, usize),
    ) -> Result<(serde_json::Value, protocol::Parts), Message> {
        use futures::future::{select, Either};
        use futures::StreamExt;
        let (sink, mut steps) = futures::channel::mpsc::unbounded();
        *self.progress.borrow_mut() = Some(sink);
        let incoming = loop {
            let timeout = gloo::timers::future::TimeoutFuture::new(JOB_TIMEOUT_MS);
            match select(&mut rx, select(steps.next(), timeout)).await {
                Either::Left((reply, _)) => {
                    break reply
                        .map_err(|_| Message::new(T::WorkerGone))
                        .and_then(|r| r)
                }
                Either::Right((Either::Left((Some((done, total)), _)), _)) => {
                    on_progress(done, total)
                }
                Either::Right((Either::Left((None, _)), _)) => {
                    break Err(Message::new(T::WorkerGone))
                }
                Either::Right((Either::Right(_), _)) => {
                    break Err(Message::new(T::WorkerNoAnswer).with("s", JOB_TIMEOUT_MS / 1000))
                }
            }
        };
        *self.progress.borrow_mut() = None;
        match incoming? {
            (Ok(protocol::FromWorker::Reply(memory, reply)), parts) => {
                self.memory_bytes = memory;
                Ok((reply, parts))
            }
            (Ok(_), _) => Err(protocol::bad_reply("not a reply")),
            (Err(why), _) => Err(protocol::bad_reply(why)),
        }
    }

    /// Sends one request and waits for its reply (see [`Self::receive`]).
    async fn call(
        &mut self,
        request: (JsValue, js_sys::Array),
        on_progress: &dyn Fn(usize, usize),
    ) -> Result<(serde_json::Value, protocol::Parts), Message> {
        let pending = self.submit(request)?;
        self.receive(pending, on_progress).await
    }

    /// Sends one request to an image worker and waits for its reply.
    async fn image_job(
        &mut self,
        request: &protocol::ImageRequest,
        parts: &protocol::Parts,
    ) -> Result<(protocol::ImageReply, protocol::Parts), Message> {
        let (reply, parts) = self
            .call(protocol::encode(request, parts), &no_progress)
            .await?;
        Ok((reply_as(reply)?, parts))
    }

    /// Runs one task on the tasks worker; a `Refused` reply is the worker's failure (the outer
    /// error), as is any reply `expect` does not take.
    async fn task<R>(
        &mut self,
        request: &protocol::TaskRequest,
        parts: &protocol::Parts,
        on_progress: &dyn Fn(usize, usize),
        expect: impl FnOnce(protocol::TaskReply, &protocol::Parts) -> Option<Result<R, Message>>,
    ) -> Result<R, Message> {
        let pending = self.submit(protocol::encode(request, parts))?;
        let (reply, parts) = self.task_reply(pending, on_progress).await?;
        expect(reply, &parts)
            .unwrap_or_else(|| Err(protocol::bad_reply("not the answer asked for")))
    }

    /// The reply to a task sent with [`Self::submit`] and the objects it carries; a `Refused`
    /// reply is the worker's failure (the error).
    async fn task_reply(
        &mut self,
        pending: Pending,
        on_progress: &dyn Fn(usize, usize),
    ) -> Result<(protocol::TaskReply, protocol::Parts), Message> {
        let (reply, parts) = self.receive(pending, on_progress).await?;
        match reply_as(reply)? {
            protocol::TaskReply::Refused(why) => Err(protocol::bad_reply(why)),
            reply => Ok((reply, parts)),
        }
    }

    /// Makes a backup of everything stored plus `tab` (see [`crate::workers::tasks::backup_files::build`]):
    /// (file, boards, photos). The outer error means the worker itself failed.
    pub async fn backup(
        &mut self,
        tab: &protocol::TabState,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Result<(web_sys::Blob, usize, usize), crate::error::StorageError>, Message> {
        let parts = protocol::Parts::default();
        let photos = tab
            .photos
            .iter()
            .map(|(id, original, thumb)| (id.clone(), parts.add(original), parts.add(thumb)))
            .collect();
        let audio = tab
            .audio
            .iter()
            .map(|(id, blob, name)| (id.clone(), parts.add(blob), name.clone()))
            .collect();
        let request = protocol::TaskRequest::Backup {
            document: tab.document.clone(),
            photos,
            audio,
        };
        self.task(&request, &parts, &on_progress, |reply, parts| match reply {
            protocol::TaskReply::BackedUp(file, boards, photos) => Some(
                parts
                    .get(file)
                    .map(|blob| Ok((blob, boards, photos)))
                    .map_err(protocol::bad_reply),
            ),
            protocol::TaskReply::Storage(e) => Some(Ok(Err(e))),
            _ => None,
        })
        .await
    }

    /// Restores a backup file into the library (see [`crate::workers::tasks::backup_files::restore`]).
    pub async fn restore(
        &mut self,
        file: &web_sys::Blob,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Result<protocol::RestoreReport, crate::error::StorageError>, Message> {
        let parts = protocol::Parts::default();
        let request = protocol::TaskRequest::Restore {
            file: parts.add(file),
        };
        self.task(&request, &parts, &on_progress, |reply, _| match reply {
            protocol::TaskReply::Restored(report) => Some(Ok(Ok(report))),
            protocol::TaskReply::Storage(e) => Some(Ok(Err(e))),
            _ => None,
        })
        .await
    }

    /// Joins an export's files into its bundle (see [`crate::workers::tasks::assembly`]). The outer error means
    /// the worker itself failed; the inner one, the join.
    pub async fn assemble(
        &mut self,
        kind: flowboard_core::protocol::Kind,
        manifest: &crate::bundle::Manifest,
        files: &std::collections::BTreeMap<String, web_sys::Blob>,
        lang: crate::i18n::Lang,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Result<web_sys::Blob, Message>, Message> {
        let parts = protocol::Parts::default();
        let files = files
            .iter()
            .map(|(path, blob)| (path.clone(), parts.add(blob)))
            .collect();
        let request = protocol::TaskRequest::Assemble {
            kind,
            manifest: Box::new(manifest.clone()),
            lang: lang.code().into(),
            files,
        };
        self.task(&request, &parts, &on_progress, |reply, parts| match reply {
            protocol::TaskReply::Assembled(file) => {
                Some(parts.get(file).map(Ok).map_err(protocol::bad_reply))
            }
            protocol::TaskReply::AssembleFailed(e) => Some(Ok(Err(e))),
            _ => None,
        })
        .await
    }

    /// Starts making a film of `plan` (see [`crate::workers::tasks::film::make`]) whose sound
    /// follows through [`FilmSoundPort::send`], so the first frames are made while the page
    /// mixes it; the film's reply comes through [`Self::film_made`].
    pub fn film_start(
        &mut self,
        plan: &crate::film::FilmPlan,
        options: &crate::film::FilmOptions,
        photos: &[(crate::model::PhotoId, web_sys::Blob)],
        lang: crate::i18n::Lang,
    ) -> Result<Pending, Message> {
        let parts = protocol::Parts::default();
        let photos = photo_parts(&parts, photos);
        let request = protocol::TaskRequest::Film {
            plan: Box::new(plan.clone()),
            options: options.clone(),
            photos,
            sound: protocol::FilmSound::Follows,
            lang: lang.code().into(),
        };
        self.submit(protocol::encode(&request, &parts))
    }

    /// Asks the worker to play `plan` in real time on `canvas` (transferred to it), whose
    /// placeholder the page records.
    pub fn film_live_start(
        &mut self,
        plan: &crate::film::FilmPlan,
        photos: &[(crate::model::PhotoId, web_sys::Blob)],
        canvas: &web_sys::OffscreenCanvas,
        lang: crate::i18n::Lang,
    ) -> Result<Pending, Message> {
        let parts = protocol::Parts::default();
        let photos = photo_parts(&parts, photos);
        let request = protocol::TaskRequest::FilmLive {
            plan: Box::new(plan.clone()),
            photos,
            canvas: parts.add(canvas),
            lang: lang.code().into(),
        };
        self.submit(protocol::encode(&request, &parts))
    }

    /// The played film's frames drawn and skipped; `on_progress(done, total)` counts video
    /// frames shown, the first when the film's clock starts. The outer error means the worker
    /// itself failed; the inner one, the film.
    pub async fn film_played(
        &mut self,
        pending: Pending,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Result<(u64, u64), Message>, Message> {
        match self.task_reply(pending, &on_progress).await? {
            (protocol::TaskReply::Played { drawn, skipped }, _) => Ok(Ok((drawn, skipped))),
            (protocol::TaskReply::FilmFailed(e), _) => Ok(Err(e)),
            _ => Err(protocol::bad_reply("not the answer asked for")),
        }
    }

    /// Where the sound of the film under way is sent (used while [`Self::film_made`] waits).
    pub fn film_sound_port(&self) -> FilmSoundPort {
        FilmSoundPort(self.worker.clone())
    }

    /// The film's file and figures; `on_progress(done, total)` counts video frames. The outer
    /// error means the worker itself failed; the inner one, the film.
    pub async fn film_made(
        &mut self,
        pending: Pending,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Result<(web_sys::Blob, protocol::FilmResult), Message>, Message> {
        match self.task_reply(pending, &on_progress).await? {
            (protocol::TaskReply::Filmed(result), parts) => Ok(parts
                .get(result.file)
                .map(|blob| Ok((blob, result)))
                .map_err(protocol::bad_reply)?),
            (protocol::TaskReply::FilmFailed(e), _) => Ok(Err(e)),
            _ => Err(protocol::bad_reply("not the answer asked for")),
        }
    }

    /// An image worker's reply to a photo: the photo and its JPEG thumbnail, or why not (the
    /// inner error: the file could not be read, or the photo not decoded).
    fn photo_reply(
        reply: protocol::ImageReply,
        parts: &protocol::Parts,
    ) -> Result<Result<(PhotoInfo, ArrayBuffer), ImportFailure>, Message> {
        match reply {
            protocol::ImageReply::Photo(info, thumb) => {
                Ok(Ok((info, parts.get(thumb).map_err(protocol::bad_reply)?)))
            }
            protocol::ImageReply::Imaging(e) => Ok(Err(ImportFailure::Imaging(e))),
            protocol::ImageReply::ReadFailed(why) => {
                Ok(Err(ImportFailure::Read(Message::raw(why))))
            }
            other => Err(image_refusal(other)),
        }
    }

    /// Processes one photo. `bytes` is transferred to the worker (it is empty afterwards).
    /// The outer error means the worker itself failed; the inner one, the photo.
    pub async fn process(
        &mut self,
        bytes: &ArrayBuffer,
    ) -> Result<Result<(PhotoInfo, ArrayBuffer), ImagingError>, Message> {
        let parts = protocol::Parts::default();
        let request = protocol::ImageRequest::Photo {
            bytes: parts.add(bytes),
        };
        let (reply, parts) = self.image_job(&request, &parts).await?;
        match Self::photo_reply(reply, &parts)? {
            Ok(photo) => Ok(Ok(photo)),
            Err(ImportFailure::Imaging(e)) => Ok(Err(e)),
            Err(_) => Err(protocol::bad_reply("not the answer asked for")),
        }
    }

    /// Queues one photo file, which the worker reads itself (the page never holds its bytes);
    /// [`Self::photo_of`] gives the result.
    pub fn submit_file(&mut self, file: &web_sys::Blob) -> Result<Pending, Message> {
        let parts = protocol::Parts::default();
        self.submit(protocol::encode(
            &protocol::ImageRequest::PhotoFile {
                file: parts.add(file),
            },
            &parts,
        ))
    }

    /// The photo a [`Self::submit_file`] job made. The outer error means the worker itself
    /// failed; the inner one, the file (unreadable) or the photo.
    pub async fn photo_of(
        &mut self,
        pending: Pending,
    ) -> Result<Result<(PhotoInfo, ArrayBuffer), ImportFailure>, Message> {
        let (reply, parts) = self.receive(pending, &no_progress).await?;
        Self::photo_reply(reply_as(reply)?, &parts)
    }

    /// Renders one exported frame as JPEG (`bytes`: the original photo, transferred).
    pub async fn render(
        &mut self,
        bytes: &ArrayBuffer,
        spec: &protocol::RenderSpec,
    ) -> Result<Result<ArrayBuffer, ImagingError>, Message> {
        let parts = protocol::Parts::default();
        let request = protocol::ImageRequest::Render {
            bytes: parts.add(bytes),
            spec: *spec,
        };
        match self.image_job(&request, &parts).await? {
            (protocol::ImageReply::Frame(jpeg), parts) => {
                Ok(Ok(parts.get(jpeg).map_err(protocol::bad_reply)?))
            }
            (protocol::ImageReply::Imaging(e), _) => Ok(Err(e)),
            (other, _) => Err(image_refusal(other)),
        }
    }

    /// Opens a storyboard bundle (`bytes`: the whole file, transferred) into a board and the
    /// bytes of its photos.
    pub async fn open_bundle(
        &mut self,
        bytes: &ArrayBuffer,
    ) -> Result<
        Result<(protocol::BundleReply, Vec<ArrayBuffer>, Vec<ArrayBuffer>), BundleError>,
        Message,
    > {
        let parts = protocol::Parts::default();
        let request = protocol::ImageRequest::Bundle {
            bytes: parts.add(bytes),
        };
        match self.image_job(&request, &parts).await? {
            (protocol::ImageReply::Bundle(mut bundle), parts) => {
                if bundle.files.len() != bundle.photos.len()
                    || bundle.audio_files.len() != bundle.audio.len()
                {
                    return Err(protocol::bad_reply("too few files"));
                }
                let buffers = |list: Vec<protocol::Part>| {
                    list.into_iter()
                        .map(|f| parts.get(f))
                        .collect::<Result<Vec<ArrayBuffer>, String>>()
                        .map_err(protocol::bad_reply)
                };
                let files = buffers(std::mem::take(&mut bundle.files))?;
                let audio = buffers(std::mem::take(&mut bundle.audio_files))?;
                Ok(Ok((*bundle, files, audio)))
            }
            (protocol::ImageReply::BundleRefused(e), _) => Ok(Err(e)),
            (other, _) => Err(image_refusal(other)),
        }
    }

    /// Whether the worker's memory is still small enough to give it more photos.
    pub fn worth_keeping(&self) -> bool {
        self.memory_bytes <= RETIRE_ABOVE_BYTES
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// At most [`pool_size`] workers live at once; a file waits for a free one rather than start
/// another (each worker holds its own WebAssembly memory).
#[derive(Default)]
struct Pool {
    idle: Vec<WorkerHandle>,
    /// Workers alive or starting, idle or busy.
    live: usize,
    waiting: std::collections::VecDeque<oneshot::Sender<Result<WorkerHandle, Message>>>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

/// How many photos to process at once: one per core, at most four.
pub fn pool_size() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, 4)
}

/// A free worker: an idle one, a new one while the pool has room, else the next one released.
pub async fn acquire() -> Result<WorkerHandle, Message> {
    enum Next {
        Ready(WorkerHandle),
        Start,
        Wait(oneshot::Receiver<Result<WorkerHandle, Message>>),
    }
    let next = POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        if let Some(worker) = pool.idle.pop() {
            Next::Ready(worker)
        } else if pool.live < pool_size() {
            pool.live += 1;
            Next::Start
        } else {
            let (tx, rx) = oneshot::channel();
            pool.waiting.push_back(tx);
            Next::Wait(rx)
        }
    });
    match next {
        Next::Ready(worker) => Ok(worker),
        Next::Start => WorkerHandle::spawn().await.inspect_err(start_failed),
        Next::Wait(rx) => rx.await.map_err(|_| Message::new(T::WorkerPoolClosed))?,
    }
}

/// Runs `job` on a free worker. The worker goes back to the pool afterwards — or is ended when
/// the job failed because of the worker itself (`Err`): a worker that failed is never reused.
pub async fn run<T>(
    job: impl AsyncFnOnce(&mut WorkerHandle) -> Result<T, Message>,
) -> Result<T, Message> {
    let mut worker = acquire().await?;
    match job(&mut worker).await {
        Ok(value) => {
            release(worker);
            Ok(value)
        }
        Err(e) => {
            discard(worker);
            Err(e)
        }
    }
}

/// Gives a worker back after a job: to a waiting file, else to the idle list. A worker that
/// decoded a very large photo is ended instead, and a fresh one started for whoever waits.
pub fn release(worker: WorkerHandle) {
    if worker.worth_keeping() {
        hand_over(worker);
    } else {
        discard(worker);
    }
}

/// Ends a worker (it failed, or grew too large); starts a replacement if a file is waiting.
pub fn discard(worker: WorkerHandle) {
    drop(worker);
    let someone_waits = POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        pool.live -= 1;
        let waits = !pool.waiting.is_empty();
        if waits {
            pool.live += 1;
        }
        waits
    });
    if someone_waits {
        wasm_bindgen_futures::spawn_local(async {
            match WorkerHandle::spawn().await {
                Ok(worker) => hand_over(worker),
                Err(e) => start_failed(&e),
            }
        });
    }
}

/// A worker did not start: its slot is free again, and a file waiting for a worker is told why
/// (rather than waiting for a worker that will never come).
fn start_failed(error: &Message) {
    let waiter = POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        pool.live -= 1;
        pool.waiting.pop_front()
    });
    if let Some(waiter) = waiter {
        let _ = waiter.send(Err(error.clone()));
    }
}

fn hand_over(worker: WorkerHandle) {
    let mut worker = Some(worker);
    while let Some(waiter) = POOL.with(|pool| pool.borrow_mut().waiting.pop_front()) {
        match waiter.send(Ok(worker.take().expect("still ours"))) {
            Ok(()) => return,
            // The waiting import went away: try the next one.
            Err(Ok(back)) => worker = Some(back),
            Err(Err(_)) => unreachable!("only workers are sent"),
        }
    }
    POOL.with(|pool| pool.borrow_mut().idle.extend(worker));
}

/// A reply read as the reply type of its worker (`ImageReply`, `TaskReply`).
fn reply_as<R: serde::de::DeserializeOwned>(reply: serde_json::Value) -> Result<R, Message> {
    serde_json::from_value(reply).map_err(protocol::bad_reply)
}

/// An image worker's reply that is not the one asked for: it refused the request, or answered
/// another. Either way the worker failed.
fn image_refusal(reply: protocol::ImageReply) -> Message {
    match reply {
        protocol::ImageReply::Refused(why) => protocol::bad_reply(why),
        _ => protocol::bad_reply("not the answer asked for"),
    }
}

/// Runs `job` on a tasks worker started for it and ended after it (see `src/workers/tasks/main.rs`). The page
/// and the image workers do not carry its code, which is off the page's critical path
/// (BENCHMARKS.md, "App size").
pub async fn run_task<R>(
    job: impl AsyncFnOnce(&mut WorkerHandle) -> Result<R, Message>,
) -> Result<R, Message> {
    let mut worker = start_tasks().await?;
    job(&mut worker).await
}

/// A film's photos as message parts: (id, the part of its original file).
fn photo_parts(
    parts: &protocol::Parts,
    photos: &[(crate::model::PhotoId, web_sys::Blob)],
) -> Vec<(crate::model::PhotoId, protocol::Part)> {
    photos
        .iter()
        .map(|(id, blob)| (id.clone(), parts.add(blob)))
        .collect()
}

/// Starts a tasks worker for one task (ended when dropped): for a caller that has other work to
/// do while it loads (the film mixes its sound meanwhile).
pub async fn start_tasks() -> Result<WorkerHandle, Message> {
    WorkerHandle::start(TASKS_URL)
        .await
        .map_err(|e| Message::new(T::TasksNotStartedWhy).with_message("error", e))
}

/// Starts the pool's workers ahead of the first import, so the first thumbnail comes sooner.
pub fn warm_up() {
    let missing = POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let missing = pool_size().saturating_sub(pool.live);
        pool.live += missing;
        missing
    });
    for _ in 0..missing {
        wasm_bindgen_futures::spawn_local(async {
            match WorkerHandle::spawn().await {
                Ok(worker) => hand_over(worker),
                Err(e) => start_failed(&e),
            }
        });
    }
}
