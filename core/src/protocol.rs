//! The messages between the editor's page and its workers, as types: one enum per direction.
//!
//! - Image workers (`src/workers/image/main.rs`): [`ImageRequest`] in — a photo from its bytes or from the
//!   picked `File` (read by the worker), a frame to render for an export, a bundle to open —
//!   and [`ImageReply`] out.
//! - The tasks worker (`src/workers/tasks/main.rs`): [`TaskRequest`] in — an export to assemble, a backup to
//!   make, a backup to restore — and [`TaskReply`] out.
//!
//! Everything a worker posts is a [`FromWorker`]: `Ready` with [`PROTOCOL_VERSION`] once at start,
//! `Progress` during a long task, and one `Reply` per request with the worker's memory.
//!
//! On the wire (`protocol` in the web crate) each message is one JSON string, tagged by its
//! variant (`{"render": {"bytes": 0, "spec": {…}}}`; serde's external tagging, which reads
//! without buffering: adjacent tags cost the page 47.7 KB gzip of wasm, internal ones buffer
//! the same way; BENCHMARKS.md "App size"), plus a side array of the browser objects it carries —
//! `ArrayBuffer`s (transferred, not copied) and `Blob`s/`File`s (shared) — which the message
//! names by their index there (a [`Part`]). Nothing here knows about the browser, so
//! `cargo test` checks every message natively.
//!
//! A request that does not read is answered with a `Refused` reply, never taken for another job
//! ([`ImageRequest::read`], [`TaskRequest::read`]).

use crate::bundle::Manifest;
use crate::error::{BundleError, ImagingError, StorageError};
use crate::film::{FilmOptions, FilmPlan};
use crate::i18n::Message;
use crate::imaging::PhotoInfo;
use crate::model::{Board, Crop, PhotoId};
use crate::storage::BoardId;
use serde::{Deserialize, Serialize};

/// The version of these messages. Bump it with any change to them: a worker fetched after an
/// update (the pool replaces workers, the tasks worker starts on demand) may come from a newer
/// build than the page, and one that does not speak the page's version is refused at start.
pub const PROTOCOL_VERSION: u32 = 8;

/// The index of a browser object (`ArrayBuffer`, `Blob`, `File`) in a message's side array.
pub type Part = u32;

/// How to render one exported frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RenderSpec {
    pub crop: Crop,
    pub long_edge: u32,
    pub quality: u8,
}

/// A re-opened bundle; its photos' bytes are `ArrayBuffer`s (`files`, in `photos` order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleReply {
    pub board: Board,
    pub photos: Vec<PhotoId>,
    pub problems: Vec<Message>,
    pub files: Vec<Part>,
    /// Its audio files, checked by hash and typed from their bytes: (id, media type), their
    /// bytes `ArrayBuffer`s (`audio_files`, in this order).
    #[serde(default)]
    pub audio: Vec<(String, String)>,
    #[serde(default)]
    pub audio_files: Vec<Part>,
}

/// What restoring a backup did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// Boards added to the library (as copies when one of the same id was there, changed).
    pub added: usize,
    /// Boards already in the library as they are in the backup.
    pub here: usize,
    /// Photos stored.
    pub photos: usize,
    pub boards_bad: usize,
    pub photos_bad: usize,
    /// Audio files stored, and skipped as damaged (not their id's bytes, or not audio).
    #[serde(default)]
    pub audio: usize,
    #[serde(default)]
    pub audio_bad: usize,
}

/// The two bundle containers an export joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Html,
    Zip,
}

/// What the page asks of an image worker. Jobs are answered one at a time, in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageRequest {
    /// A photo to add, from its bytes (an `ArrayBuffer`) → [`ImageReply::Photo`].
    Photo { bytes: Part },
    /// A photo to add, from the picked `File` (or a stored `Blob`), which the worker reads itself
    /// → [`ImageReply::Photo`], or [`ImageReply::ReadFailed`].
    PhotoFile { file: Part },
    /// A frame to render for an export, from the original's bytes → [`ImageReply::Frame`].
    Render { bytes: Part, spec: RenderSpec },
    /// A bundle to open, from the whole file's bytes → [`ImageReply::Bundle`].
    Bundle { bytes: Part },
}

/// An image worker's answer to one [`ImageRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageReply {
    /// The photo, and its JPEG thumbnail (an `ArrayBuffer`).
    Photo(PhotoInfo, Part),
    /// The rendered frame, as JPEG (an `ArrayBuffer`).
    Frame(Part),
    /// The opened bundle, with its photos' bytes.
    Bundle(Box<BundleReply>),
    /// The photo could not be decoded or rendered.
    Imaging(ImagingError),
    /// The bundle was refused.
    BundleRefused(BundleError),
    /// The file to read could not be read (the browser's words).
    ReadFailed(String),
    /// The request did not read (the page's or the worker's fault, not the data's).
    Refused(String),
}

/// What the page asks of the tasks worker (one task per worker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskRequest {
    /// An export's files to join into its bundle: (path in the bundle, `Blob`) → [`TaskReply::Assembled`].
    Assemble {
        kind: Kind,
        manifest: Box<Manifest>,
        lang: String,
        files: Vec<(String, Part)>,
    },
    /// A backup to make, with what only the editor's tab holds: the open board's latest
    /// document (id, JSON), photos not stored (id, original `Blob`, thumbnail `Blob`) and audio
    /// not stored (id, `Blob`, name) → [`TaskReply::BackedUp`].
    Backup {
        document: Option<(String, String)>,
        photos: Vec<(PhotoId, Part, Part)>,
        #[serde(default)]
        audio: Vec<(String, Part, String)>,
    },
    /// A backup file (`Blob`) to restore → [`TaskReply::Restored`].
    Restore { file: Part },
    /// A film to render and encode → [`TaskReply::Filmed`] (progress: video frames encoded, of
    /// all). Each photo the plan uses, by id (its original `Blob`); its sound.
    Film {
        plan: Box<FilmPlan>,
        options: FilmOptions,
        photos: Vec<(PhotoId, Part)>,
        sound: FilmSound,
        lang: String,
    },
    /// The sound of the film being made, which its request said [`FilmSound::Follows`]: `None`
    /// for a silent film. Not answered: the film's reply is the answer.
    SoundForFilm { audio: Option<FilmAudio> },
    /// The film played in real time on `canvas` (an `OffscreenCanvas` whose placeholder the page
    /// records with a `MediaRecorder`), where this browser cannot encode video → [`TaskReply::Played`].
    /// Progress: video frames shown, of all; the first is said the moment the first picture is
    /// drawn, when the film's clock starts (the page starts its recording and sound then).
    FilmLive {
        plan: Box<FilmPlan>,
        photos: Vec<(PhotoId, Part)>,
        canvas: Part,
        lang: String,
    },
}

/// A film's sound, as its request gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilmSound {
    /// A silent film.
    Silent,
    /// The sound, with the request.
    Given(FilmAudio),
    /// The sound comes in a [`TaskRequest::SoundForFilm`] while the first frames are made: the
    /// page mixes it while the worker starts, so the first frame does not wait for the mix.
    Follows,
}

/// The film's sound, mixed by the page (`OfflineAudioContext` exists only there): one
/// `ArrayBuffer` of 16-bit signed samples per channel (half the memory of the mix's floats: 35
/// against 69 MB for three minutes of stereo, which the worker holds until the end), from the
/// film's first frame (the title card's silence included), at `sample_rate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmAudio {
    pub sample_rate: u32,
    pub channels: Vec<Part>,
}

/// What a finished film is: the file (a `Blob`) and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmResult {
    pub file: Part,
    pub bytes: f64,
    pub video_frames: u64,
    /// The codecs used, as WebCodecs names them ("avc1.640028", "opus").
    pub video_codec: String,
    pub audio_codec: Option<String>,
}

/// The tasks worker's answer to one [`TaskRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskReply {
    /// The joined bundle file (a `Blob`).
    Assembled(Part),
    /// Why the export could not be joined.
    AssembleFailed(Message),
    /// The backup file (a `Blob`), and how many boards and photos it holds.
    BackedUp(Part, usize, usize),
    /// What restoring did.
    Restored(RestoreReport),
    /// A backup or restore failed.
    Storage(StorageError),
    /// The film, made.
    Filmed(FilmResult),
    /// Why the film could not be made (a codec missing, an encoder error, a photo unreadable).
    FilmFailed(Message),
    /// The film was played to its end on the page's canvas: the video frames drawn, and those
    /// skipped because drawing fell behind the clock.
    Played { drawn: u64, skipped: u64 },
    /// The request did not read (the page's or the worker's fault, not the data's).
    Refused(String),
}

/// Everything a worker posts to the page; `R` is its reply type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker<R> {
    /// The worker has started and speaks this [`PROTOCOL_VERSION`].
    Ready(u32),
    /// A long task's step: (done, total). Not a reply: the task goes on.
    Progress(usize, usize),
    /// The answer to the oldest request not yet answered, after the worker's WebAssembly memory
    /// in bytes (it never shrinks: the editor retires image workers that grew big).
    Reply(f64, R),
}

impl ImageRequest {
    /// The request `text` says, or the reply refusing it: a message that does not read is never
    /// taken for another job.
    ///
    /// # Errors
    /// [`ImageReply::Refused`], saying why.
    pub fn read(text: &str) -> Result<Self, ImageReply> {
        crate::parse_json(text).map_err(|e| ImageReply::Refused(e.to_string()))
    }
}

impl TaskRequest {
    /// The request `text` says, or the reply refusing it.
    ///
    /// # Errors
    /// [`TaskReply::Refused`], saying why.
    pub fn read(text: &str) -> Result<Self, TaskReply> {
        crate::parse_json(text).map_err(|e| TaskReply::Refused(e.to_string()))
    }
}

/// What the tabs of this site tell each other about a board, on their `BroadcastChannel`
/// (one editing tab per board, `src/page/services/boards.rs`). A tab acts only on messages about
/// the board it shows; one that does not read (another build's, or not ours) is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TabMessage {
    /// Another tab wants to edit this board: the editing tab saves, lets go and turns read-only.
    Release(BoardId),
    /// The editing tab saved this board: read-only tabs showing it follow.
    Saved(BoardId),
}

impl TabMessage {
    /// The board the message is about.
    pub fn board(&self) -> &BoardId {
        match self {
            Self::Release(b) | Self::Saved(b) => b,
        }
    }

    /// The message `text` says, if it is one.
    pub fn read(text: &str) -> Option<Self> {
        crate::parse_json(text).ok()
    }
}

/// A request of the page embedding the editor (`docs/embedding.md`): its message's `type`, and
/// for an export its `format`. Browser objects it carries (a bundle to load) stay on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedRequest {
    GetBoard,
    Load,
    Export(Kind),
}

/// What a message on the editor's window is, for the embedding API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedMessage {
    Request(EmbedRequest),
    /// One of the editor's own events (a page that is not framed hears what it posts itself).
    Event,
    /// A `flowboard:` message that is neither: answered with `flowboard:error`, never guessed at.
    Refused(String),
    /// Someone else's message (no `flowboard:` type): not for the editor, ignored.
    Other,
}

impl EmbedRequest {
    /// Reads a message's `type` and `format` fields.
    pub fn read(kind: Option<&str>, format: Option<&str>) -> EmbedMessage {
        let Some(kind) = kind.filter(|k| k.starts_with("flowboard:")) else {
            return EmbedMessage::Other;
        };
        let request = match kind {
            "flowboard:get-board" => Self::GetBoard,
            "flowboard:load" => Self::Load,
            "flowboard:export" => match format {
                None | Some("html") => Self::Export(Kind::Html),
                Some("zip") => Self::Export(Kind::Zip),
                Some(other) => {
                    return EmbedMessage::Refused(format!(
                        "unknown export format {other:?}: use \"html\" or \"zip\""
                    ))
                }
            },
            kind if EmbedEvent::KINDS.contains(&kind) => return EmbedMessage::Event,
            kind => return EmbedMessage::Refused(format!("unknown request type {kind:?}")),
        };
        EmbedMessage::Request(request)
    }
}

/// What the editor tells the embedding page (`docs/embedding.md`). An exported bundle's `Blob` is
/// added by the page.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedEvent {
    Ready,
    Changed {
        title: String,
        frames: usize,
        scenes: usize,
    },
    /// The whole board, as JSON text.
    Board(String),
    Loaded(Result<(), String>),
    /// The exported file's name, or why there is none.
    Exported(Result<String, String>),
    /// A request that did not read.
    Error(String),
}

/// A field of an [`EmbedEvent`] besides its `type`.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedValue {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl EmbedEvent {
    /// Every event's `type`.
    pub const KINDS: [&'static str; 6] = [
        "flowboard:ready",
        "flowboard:changed",
        "flowboard:board",
        "flowboard:loaded",
        "flowboard:exported",
        "flowboard:error",
    ];

    pub fn kind(&self) -> &'static str {
        Self::KINDS[match self {
            Self::Ready => 0,
            Self::Changed { .. } => 1,
            Self::Board(_) => 2,
            Self::Loaded(_) => 3,
            Self::Exported(_) => 4,
            Self::Error(_) => 5,
        }]
    }

    /// The event's fields besides `type`, as the embedding page reads them.
    pub fn fields(&self) -> Vec<(&'static str, EmbedValue)> {
        use EmbedValue::{Bool, Number, Text};
        match self {
            Self::Ready => vec![],
            Self::Changed {
                title,
                frames,
                scenes,
            } => vec![
                ("title", Text(title.clone())),
                ("frames", Number(*frames as f64)),
                ("scenes", Number(*scenes as f64)),
            ],
            Self::Board(json) => vec![("board", Text(json.clone()))],
            Self::Loaded(Ok(())) => vec![("ok", Bool(true))],
            Self::Loaded(Err(e)) => vec![("ok", Bool(false)), ("error", Text(e.clone()))],
            Self::Exported(Ok(name)) => vec![("name", Text(name.clone()))],
            Self::Exported(Err(e)) | Self::Error(e) => vec![("error", Text(e.clone()))],
        }
    }
}

/// A message as JSON text, for the wire.
pub fn to_text(message: &impl Serialize) -> String {
    serde_json::to_string(message).expect("a worker message serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::T;

    #[test]
    fn tab_messages_read_back_and_anything_else_is_ignored() {
        let board = BoardId("b-1".into());
        round_trip(TabMessage::Release(board.clone()));
        round_trip(TabMessage::Saved(board.clone()));
        assert_eq!(
            TabMessage::read(r#"{"saved":"b-1"}"#).map(|m| m.board().clone()),
            Some(board)
        );
        for other in ["release:b-1", r#"{"delete":"b-1"}"#, "{}", r#"{"saved":7}"#] {
            assert_eq!(TabMessage::read(other), None, "{other}");
        }
    }

    #[test]
    fn embedding_requests_read_by_type_and_anything_else_flowboard_is_refused() {
        use EmbedMessage::{Event, Other, Refused, Request};
        let read = |kind: &str, format: Option<&str>| EmbedRequest::read(Some(kind), format);
        assert_eq!(
            read("flowboard:get-board", None),
            Request(EmbedRequest::GetBoard)
        );
        assert_eq!(read("flowboard:load", None), Request(EmbedRequest::Load));
        assert_eq!(
            read("flowboard:export", Some("zip")),
            Request(EmbedRequest::Export(Kind::Zip))
        );
        for format in [None, Some("html")] {
            assert_eq!(
                read("flowboard:export", format),
                Request(EmbedRequest::Export(Kind::Html))
            );
        }
        assert!(
            matches!(read("flowboard:export", Some("pdf")), Refused(why) if why.contains("pdf"))
        );
        assert!(
            matches!(read("flowboard:delete-all", None), Refused(why) if why.contains("delete-all"))
        );
        // The editor hears its own events when it is not framed: never answered (no echo loop).
        for kind in EmbedEvent::KINDS {
            assert_eq!(read(kind, None), Event, "{kind}");
        }
        assert_eq!(EmbedRequest::read(Some("webpackOk"), None), Other);
        assert_eq!(EmbedRequest::read(None, None), Other);
    }

    #[test]
    fn embedding_events_name_their_type_and_fields() {
        let changed = EmbedEvent::Changed {
            title: "Kitchen".into(),
            frames: 12,
            scenes: 3,
        };
        assert_eq!(changed.kind(), "flowboard:changed");
        assert_eq!(
            changed.fields(),
            vec![
                ("title", EmbedValue::Text("Kitchen".into())),
                ("frames", EmbedValue::Number(12.0)),
                ("scenes", EmbedValue::Number(3.0)),
            ]
        );
        assert_eq!(
            EmbedEvent::Loaded(Err("no bundle".into())).fields(),
            vec![
                ("ok", EmbedValue::Bool(false)),
                ("error", EmbedValue::Text("no bundle".into()))
            ]
        );
        assert_eq!(EmbedEvent::Error("x".into()).kind(), "flowboard:error");
        assert_eq!(EmbedEvent::Ready.kind(), "flowboard:ready");
    }

    fn round_trip<M: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        message: M,
    ) {
        let text = to_text(&message);
        assert_eq!(crate::parse_json::<M>(&text).unwrap(), message, "{text}");
    }

    fn info() -> PhotoInfo {
        PhotoInfo {
            id: PhotoId("a".repeat(32)),
            mime: "image/jpeg".into(),
            bytes: 1234,
            width: 4032,
            height: 3024,
            thumb_width: 480,
            thumb_height: 360,
            taken_at: None,
        }
    }

    fn spec() -> RenderSpec {
        RenderSpec {
            crop: Crop {
                x: 0.125,
                y: 0.1,
                w: 0.5,
                h: 0.3,
            },
            long_edge: 1920,
            quality: 85,
        }
    }

    fn manifest() -> Manifest {
        crate::bundle::plan(
            &Board::default(),
            crate::bundle::Settings::default(),
            1.5e12,
            "test",
        )
        .0
    }

    fn image_requests() -> Vec<ImageRequest> {
        vec![
            ImageRequest::Photo { bytes: 0 },
            ImageRequest::PhotoFile { file: 0 },
            ImageRequest::Render {
                bytes: 0,
                spec: spec(),
            },
            ImageRequest::Bundle { bytes: 0 },
        ]
    }

    fn task_requests() -> Vec<TaskRequest> {
        vec![
            TaskRequest::Assemble {
                kind: Kind::Zip,
                manifest: Box::new(manifest()),
                lang: "zh".into(),
                files: vec![("images/001.jpg".into(), 0), ("originals/a.jpg".into(), 1)],
            },
            TaskRequest::Assemble {
                kind: Kind::Html,
                manifest: Box::new(manifest()),
                lang: "en".into(),
                files: Vec::new(),
            },
            TaskRequest::Backup {
                document: Some(("b-1".into(), "{\"board\": 1}".into())),
                photos: vec![(PhotoId("b".repeat(32)), 0, 1)],
                audio: vec![("d".repeat(32), 2, "voice.webm".into())],
            },
            TaskRequest::Backup {
                document: None,
                photos: Vec::new(),
                audio: Vec::new(),
            },
            TaskRequest::Restore { file: 0 },
            TaskRequest::Film {
                plan: Box::new(crate::film::FilmPlan::new(
                    &Board::default(),
                    &crate::film::FilmOptions::default(),
                )),
                options: crate::film::FilmOptions {
                    transition: crate::film::Transition::Crossfade(0.5),
                    ..Default::default()
                },
                photos: vec![(PhotoId("c".repeat(32)), 0)],
                sound: FilmSound::Given(FilmAudio {
                    sample_rate: 48_000,
                    channels: vec![1, 2],
                }),
                lang: "it".into(),
            },
            TaskRequest::Film {
                plan: Box::new(crate::film::FilmPlan::new(
                    &Board::default(),
                    &crate::film::FilmOptions::default(),
                )),
                options: crate::film::FilmOptions::default(),
                photos: Vec::new(),
                sound: FilmSound::Follows,
                lang: "zh".into(),
            },
            TaskRequest::SoundForFilm {
                audio: Some(FilmAudio {
                    sample_rate: 44_100,
                    channels: vec![0],
                }),
            },
            TaskRequest::SoundForFilm { audio: None },
            TaskRequest::FilmLive {
                plan: Box::new(crate::film::FilmPlan::new(
                    &Board::default(),
                    &crate::film::FilmOptions::default(),
                )),
                photos: vec![(PhotoId("f".repeat(32)), 1)],
                canvas: 0,
                lang: "en".into(),
            },
        ]
    }

    #[test]
    fn every_message_round_trips() {
        image_requests().into_iter().for_each(round_trip);
        task_requests().into_iter().for_each(round_trip);
        let bundle = BundleReply {
            board: Board::default(),
            photos: vec![PhotoId("c".repeat(32))],
            problems: vec![Message::new(T::WorkerGone)],
            files: vec![0],
            audio: vec![("e".repeat(32), "audio/wav".into())],
            audio_files: vec![1],
        };
        let image_replies = vec![
            ImageReply::Photo(info(), 0),
            ImageReply::Frame(0),
            ImageReply::Bundle(Box::new(bundle)),
            ImageReply::Imaging(ImagingError::Truncated {
                format: "JPEG".into(),
            }),
            ImageReply::Imaging(ImagingError::NotAnImage),
            ImageReply::BundleRefused(BundleError::NewerVersion {
                found: 9,
                supported: 1,
            }),
            ImageReply::ReadFailed("NotFoundError".into()),
            ImageReply::Refused("no".into()),
        ];
        for reply in image_replies {
            round_trip(FromWorker::Reply(47_185_920.0, reply));
        }
        let task_replies = vec![
            TaskReply::Assembled(0),
            TaskReply::AssembleFailed(Message::new(T::ImageNotRead)),
            TaskReply::BackedUp(0, 3, 40),
            TaskReply::Restored(RestoreReport {
                added: 1,
                here: 2,
                photos: 3,
                boards_bad: 4,
                photos_bad: 5,
                audio: 6,
                audio_bad: 7,
            }),
            TaskReply::Storage(StorageError::Failed {
                detail: Message::raw("QuotaExceededError"),
            }),
            TaskReply::Filmed(FilmResult {
                file: 0,
                bytes: 1e6,
                video_frames: 90,
                video_codec: "avc1.640028".into(),
                audio_codec: Some("opus".into()),
            }),
            TaskReply::FilmFailed(Message::new(T::WorkerGone)),
            TaskReply::Played {
                drawn: 5_400,
                skipped: 3,
            },
            TaskReply::Refused("no".into()),
        ];
        for reply in task_replies {
            round_trip(FromWorker::Reply(1.0, reply));
        }
        round_trip(FromWorker::<ImageReply>::Ready(PROTOCOL_VERSION));
        round_trip(FromWorker::<TaskReply>::Progress(3, 40));
    }

    #[test]
    fn requests_read_back_as_themselves() {
        for request in image_requests() {
            assert_eq!(ImageRequest::read(&to_text(&request)), Ok(request));
        }
        for request in task_requests() {
            assert_eq!(TaskRequest::read(&to_text(&request)), Ok(request));
        }
    }

    #[test]
    fn a_request_that_does_not_read_is_refused_not_taken_for_another_job() {
        let refused = |text: &str| matches!(ImageRequest::read(text), Err(ImageReply::Refused(_)));
        // The shape itself.
        assert!(!refused(
            r#"{"render": {"bytes": 0, "spec": {"crop": {"x": 0, "y": 0, "w": 1, "h": 1}, "long_edge": 1920, "quality": 85}}}"#
        ));
        // A render whose spec does not read was once taken for a photo.
        assert!(refused(
            r#"{"render": {"bytes": 0, "spec": "crop everything"}}"#
        ));
        assert!(refused(
            r#"{"render": {"bytes": 0, "spec": {"crop": {"x": 0, "y": 0, "w": 1}, "long_edge": 1920, "quality": 85}}}"#
        ));
        assert!(refused(
            r#"{"render": {"bytes": 0, "spec": {"crop": {"x": 0, "y": 0, "w": 1, "h": 1}, "long_edge": 1920, "quality": 900}}}"#
        ));
        assert!(refused(r#"{"render": {"bytes": 0}}"#));
        // Missing fields, wrong tags, no tag, two tags, wrong types, not JSON, the old shapes.
        assert!(refused(r#"{"photo": {}}"#));
        assert!(refused(r#"{"photo": null}"#));
        assert!(refused(r#""photo""#));
        assert!(refused(r#"{"thumbnail": {"bytes": 0}}"#));
        assert!(refused(r#"{"bytes": 0}"#));
        assert!(refused(
            r#"{"photo": {"bytes": 0}, "render": {"bytes": 0}}"#
        ));
        assert!(refused(r#"{"photo": {"bytes": "0"}}"#));
        assert!(refused(r#"{"photo": {"bytes": -1}}"#));
        assert!(refused(r#"{"photo_file": {"bytes": 0}}"#));
        assert!(refused(r#"{"restore": {"file": 0}}"#));
        assert!(refused(r#"{"bytes": 0, "render": "{}"}"#));
        assert!(refused("not json"));
        assert!(refused(""));
        let refused = |text: &str| matches!(TaskRequest::read(text), Err(TaskReply::Refused(_)));
        assert!(refused(
            r#"{"assemble": {"kind": "pdf", "manifest": {}, "lang": "en", "files": []}}"#
        ));
        assert!(refused(
            r#"{"assemble": {"kind": "zip", "lang": "en", "files": []}}"#
        ));
        assert!(refused(
            r#"{"backup": {"document": null, "photos": [["x", 0]]}}"#
        ));
        assert!(refused(r#"{"restore": {}}"#));
        assert!(refused(r#"{"photo": {"bytes": 0}}"#));
        assert!(refused(
            r#"{"restore": {"file": 0}, "backup": {"document": null, "photos": []}}"#
        ));
    }

    #[test]
    fn replies_that_do_not_read_are_errors() {
        let bad = |text: &str| crate::parse_json::<FromWorker<ImageReply>>(text).is_err();
        assert!(!bad(r#"{"reply": [1, {"frame": 0}]}"#));
        assert!(bad(r#"{"reply": [1, {"photo": [0]}]}"#));
        assert!(bad(r#"{"reply": [{"frame": 0}]}"#));
        assert!(bad(r#"{"reply": [1, {"restored": {}}]}"#));
        assert!(bad(
            r#"{"reply": [1, {"bundle": {"board": {}, "photos": [], "problems": []}}]}"#
        ));
        assert!(bad(r#"{"ready": 2, "progress": [1, 2]}"#));
        // The version check sees the number, whatever it is.
        assert_eq!(
            crate::parse_json::<FromWorker<TaskReply>>(r#"{"ready": 2}"#).unwrap(),
            FromWorker::Ready(2)
        );
    }
}
