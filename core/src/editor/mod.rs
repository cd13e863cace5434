//! The editor's state machine: [`EditorState`] and the messages that change it ([`EditorMsg`]).
//!
//! [`EditorState::reduce`] is the only place the editor's state changes, and it is pure: the time
//! of an edit and the language come in as data, and every text it holds (notices,
//! announcements, progress, dialog messages) is a [`Message`], worded when shown — so switching
//! the language re-words what is on screen. Board changes go through [`crate::actions::apply`]
//! and are recorded in the undo history ([`Session`]); imports, dialogs and access are the
//! editor's own state. The page wraps this in Yew's reducer (`src/page/app.rs`); the tests here
//! drive it directly.

use crate::actions::Action;
use crate::bundle::print::SheetOptions;
use crate::bundle::Settings;
use crate::error::{ImportError, StorageError};
use crate::i18n::{Lang, Message, T};
use crate::import::ImportBatch;
use crate::model::{Board, FrameId, PhotoId, PhotoMeta, Selection};
use crate::session::{Session, Step};
use crate::storage::{BoardId, LibraryEntry};
use std::collections::HashMap;
use std::rc::Rc;

/// Everything the editor shows.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    /// Board, selection and undo history: the pure state machine of user operations.
    pub session: Session,
    /// Imports in progress, and finished ones that still have errors to show.
    pub imports: Vec<ImportBatch>,
    /// Object URL of each photo's thumbnail.
    pub thumbnails: Rc<HashMap<PhotoId, String>>,
    /// Object URL of each photo's original file (the crop tool shows it at full quality).
    pub originals: Rc<HashMap<PhotoId, String>>,
    /// The frame whose crop tool is open.
    pub crop_tool: Option<FrameId>,
    /// A full-screen view over the editor, if any.
    pub overlay: Option<Overlay>,
    /// Card width in CSS pixels (the zoom control).
    pub card_size: u32,
    /// Last message for screen readers (an `aria-live` region reads it out), worded when shown.
    pub announcement: Option<Message>,
    /// The board on screen, once the stored one is opened (`None` while the page starts).
    pub board_id: Option<BoardId>,
    /// When the open board was created (ms since the epoch; kept with every save).
    pub created_at: f64,
    /// Whether this tab edits the board, or only shows it.
    pub access: Access,
    /// The board being opened has taken long: the page offers the library instead.
    pub slow_open: bool,
    /// How autosave is doing.
    pub save: SaveStatus,
    /// What could not be restored when the board was opened; shown until dismissed.
    pub notices: Vec<Message>,
    /// The board library dialog, when open: its boards and the storage in use.
    pub library: Option<Library>,
    /// The export dialog, when open.
    pub export: Option<ExportDialog>,
    /// A long job (export, opening a bundle) and how far it is.
    pub task: Option<Task>,
    /// Storyboard sheets laid out for printing, while a print is under way.
    pub printing: Option<SheetOptions>,
    /// The language every text is shown in.
    pub lang: Lang,
    /// The video clip the stills dialog is open on.
    pub stills: Option<StillsClip>,
}

/// A video clip the stills dialog is open on: the page keeps the file itself, by `id`.
#[derive(Debug, Clone, PartialEq)]
pub struct StillsClip {
    pub id: u64,
    pub name: String,
}

/// What the export dialog shows and remembers while open.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportDialog {
    pub settings: Settings,
    pub sheets: SheetOptions,
    /// The film's options, as last chosen.
    pub film: crate::film::FilmOptions,
    /// The outcome of the last export ("Exported … 12 frames, 4.1 MB"), worded when shown.
    pub message: Option<Message>,
}

/// A long job in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// What is happening ("Exporting frames"), worded when shown.
    pub label: Message,
    pub done: usize,
    pub total: usize,
    /// Whether it has a Cancel button.
    pub cancellable: bool,
}

/// Who may change the board in this tab.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    /// The stored board is being read.
    Opening,
    Editing,
    /// Another tab edits this board; this one shows it and can take over.
    ReadOnly,
    /// The stored board could not be opened (newer version, damaged): nothing is overwritten.
    Refused(StorageError),
    /// An exported storyboard shown read-only (`?view=`); nothing is stored.
    Viewing,
}

impl Access {
    pub fn can_edit(&self) -> bool {
        *self == Access::Editing
    }
}

/// Autosave's state, as the status line shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save yet (a new, untouched board).
    Idle,
    /// Changes wait for a pause in editing.
    Pending,
    Saving,
    Saved {
        at: f64,
    },
    /// The last save failed; changes stay in memory and are retried.
    Failed {
        error: StorageError,
        retry_in_ms: f64,
    },
}

/// What the board library shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Library {
    /// `None` while loading.
    pub boards: Option<Vec<LibraryEntry>>,
    /// Bytes used and quota, when the browser tells.
    pub usage: Option<(f64, f64)>,
    pub persisted: bool,
    /// A message about the last library operation (errors, backup results), worded when shown.
    pub message: Option<Message>,
    /// A long operation in progress ("Restoring photos… 3 of 40"), worded when shown.
    pub busy: Option<Message>,
    /// Thumbnail URL of each board's cover photo.
    pub covers: HashMap<BoardId, String>,
}

/// An immutable snapshot shared with components, compared by identity: a board or map that is
/// not the same allocation is treated as changed. Cheap for props (a `Board` compared by value
/// would walk every frame on every render).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Views that cover the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The keyboard shortcut list (`?`).
    Shortcuts,
    /// Presentation mode, starting at this frame.
    Presentation { start: FrameId },
}

/// Card widths the zoom control offers, in CSS pixels.
pub const CARD_SIZES: (u32, u32, u32) = (140, 220, 420);

impl Default for EditorState {
    fn default() -> Self {
        Self {
            session: Session::default(),
            imports: Vec::new(),
            thumbnails: Rc::default(),
            originals: Rc::default(),
            crop_tool: None,
            overlay: None,
            card_size: CARD_SIZES.1,
            announcement: None,
            board_id: None,
            created_at: 0.0,
            access: Access::Opening,
            slow_open: false,
            save: SaveStatus::Idle,
            notices: Vec::new(),
            library: None,
            export: None,
            task: None,
            printing: None,
            lang: Lang::default(),
            stills: None,
        }
    }
}

/// A change to the editor.
#[derive(Debug, Clone)]
pub enum EditorMsg {
    /// A user operation at time `at` (ms; used to merge typing into one undo step).
    Do {
        action: Action,
        at: f64,
    },
    /// Close the current run of merged edits (a text field lost focus).
    SealHistory,
    ImportStarted {
        batch: u64,
        names: Vec<String>,
    },
    ImportDecoding {
        batch: u64,
        index: usize,
    },
    /// A photo of a batch is read (or failed), at time `at` (ms).
    ImportFinished {
        batch: u64,
        index: usize,
        result: Result<ImportedPhoto, ImportError>,
        at: f64,
    },
    /// Open the crop tool on a frame, or close it (`None`).
    CropTool(Option<FrameId>),
    /// Show a full-screen view, or return to the editor (`None`), focusing `frame` if given.
    Overlay(Option<Overlay>, Option<FrameId>),
    /// Card width in CSS pixels.
    CardSize(u32),
    /// Several messages applied in one go, so the page re-renders once (the importer sends its
    /// progress this way: at most one render per frame however fast photos finish).
    Many(Vec<EditorMsg>),
    DismissImport {
        batch: u64,
    },
    /// Show a stored (or new) board: a fresh session with no undo history.
    OpenBoard {
        id: BoardId,
        created_at: f64,
        board: Rc<Board>,
        thumbnails: Rc<HashMap<PhotoId, String>>,
        originals: Rc<HashMap<PhotoId, String>>,
        notices: Vec<Message>,
        access: Access,
    },
    Access(Access),
    /// Opening the board has taken longer than it should (shown while it is still opening).
    SlowOpen,
    SaveStatus(SaveStatus),
    DismissNotices,
    /// Open the library (`Some`, possibly still loading) or close it (`None`).
    Library(Option<Library>),
    /// A long library operation started, progressed (`Some`) or ended (`None`).
    LibraryBusy(Option<Message>),
    /// The outcome of a library operation; opens the library to show it.
    LibraryMessage(Message),
    /// Open, update (`Some`) or close (`None`) the export dialog.
    Export(Option<ExportDialog>),
    /// The outcome of an export: shown in the export dialog and read out.
    ExportMessage(Message),
    /// A long job started or progressed (`Some`), or ended (`None`).
    Task(Option<Task>),
    /// Lay out storyboard sheets for printing (`Some`), or remove them (`None`).
    Print(Option<SheetOptions>),
    /// More notices to show under the toolbar (what a re-opened bundle could not bring back).
    Notices(Vec<Message>),
    /// Show everything in another language.
    Language(Lang),
    /// Open the stills dialog on a clip, or close it (`None`).
    Stills(Option<StillsClip>),
    /// Stills of a video clip are being added, as an import of their pictures.
    ImportStills {
        batch: u64,
        stills: Vec<crate::video::VideoStill>,
    },
}

/// A photo the importer finished: its description and object URLs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPhoto {
    pub meta: PhotoMeta,
    pub thumbnail_url: String,
    pub original_url: String,
}

impl EditorState {
    /// Runs a user operation. Gives the same state back (`Err`) when it changes nothing, so the
    /// reducer keeps the old `Rc` (no clone, and Yew skips the re-render).
    fn run(self: Rc<Self>, action: Action, at: f64) -> Result<Self, Rc<Self>> {
        // What the board's frame and scene limits keep the action from doing is said, not skipped.
        let over = crate::actions::over_limit(&self.session.board, &action)
            .filter(|_| self.access.can_edit());
        let Some(step) = self.session.plan(&action) else {
            let Some(over) = over else { return Err(self) };
            let mut next = Rc::unwrap_or_clone(self);
            next.tell(over);
            return Ok(next);
        };
        // A tab that does not edit this board may still move the selection, nothing else.
        if !self.access.can_edit() && !matches!(&step, Step::Apply(o) if o.board.is_none()) {
            return Err(self);
        }
        let mut next = Rc::unwrap_or_clone(self);
        next.commit(&action, step, at);
        if let Some(over) = over {
            next.tell(over);
        }
        Ok(next)
    }

    /// Shows a notice under the toolbar (worded when shown, so it follows a change of
    /// language) and has screen readers say it.
    fn tell(&mut self, notice: Message) {
        self.announcement = Some(notice.clone());
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    fn commit(&mut self, action: &Action, step: Step, at: f64) {
        let before = self.session.board.clone();
        // An undo or redo step is only planned when there is one, so it always has a label.
        let undone = match step {
            Step::Undo => self
                .session
                .history
                .undo_label()
                .map(|l| Message::new(T::Undid).with_said("step", l)),
            Step::Redo => self
                .session
                .history
                .redo_label()
                .map(|l| Message::new(T::Redid).with_said("step", l)),
            Step::Apply(_) => None,
        };
        self.session.commit(action, step, at);
        if undone.is_some() {
            self.announcement = undone;
        } else if !Rc::ptr_eq(&before, &self.session.board) {
            self.announcement = describe(action, &before, &self.session.board);
        }
        // The crop tool closes when its frame is gone (deleted, or undone away).
        if self
            .crop_tool
            .is_some_and(|f| self.session.board.frame(f).is_none())
        {
            self.crop_tool = None;
        }
    }
}

/// What a screen reader hears after an action ("Frame 3 moved to position 5"), or `None` when
/// the change speaks for itself (typing in a field).
pub fn describe(action: &Action, before: &Board, after: &Board) -> Option<Message> {
    let numbers = |board: &Board, frames: &[FrameId]| -> Vec<String> {
        frames.iter().filter_map(|f| board.number_of(*f)).collect()
    };
    Some(match action {
        Action::MoveFrames { frames, .. }
        | Action::NudgeFrames { frames, .. }
        | Action::MoveFramesToAdjacentScene { frames, .. } => match frames.as_slice() {
            [one] => Message::new(T::FrameMoved)
                .with_list("from", numbers(before, &[*one]))
                .with_list("to", numbers(after, &[*one])),
            many => Message::new(T::FramesMoved)
                .with("n", many.len())
                .with_list("to", numbers(after, many)),
        },
        Action::DeleteFrames { frames } => match frames.len() {
            1 => Message::new(T::FrameDeleted).with_list("number", numbers(before, frames)),
            n => Message::new(T::FramesDeleted).with("n", n),
        },
        Action::DuplicateFrames { frames } => {
            Message::new(T::FramesDuplicated).with("n", frames.len())
        }
        Action::AddPhotos { photos, .. } => Message::new(T::FramesAdded)
            .with("n", photos.len())
            .with("total", after.frame_count()),
        Action::AddStills { stills, .. } => Message::new(T::FramesAdded)
            .with("n", stills.len())
            .with("total", after.frame_count()),
        Action::AddScene { .. } | Action::SplitScene { .. } => {
            Message::new(T::SceneAdded).with("n", after.scenes.len())
        }
        Action::DeleteScene { .. } => Message::new(T::SceneDeleted).with("n", after.scenes.len()),
        Action::SortByCaptureTime => Message::new(T::FramesSorted),
        _ => return None,
    })
}

impl EditorState {
    /// A new editor showing everything in `lang` (the page works out which at start-up).
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            ..Self::default()
        }
    }

    /// Applies one message: the editor's only state transition. Pure: the time of an edit and
    /// the language come in as data. Gives back the same `Rc` when nothing changed, so the page
    /// skips the re-render.
    pub fn reduce(self: Rc<Self>, msg: EditorMsg) -> Rc<Self> {
        let mut next = match msg {
            EditorMsg::Many(msgs) => return msgs.into_iter().fold(self, EditorState::reduce),
            EditorMsg::Do { action, at } => {
                return self.run(action, at).map_or_else(|same| same, Rc::new)
            }
            EditorMsg::SealHistory if !self.session.history.is_open() => return self,
            msg => (Rc::unwrap_or_clone(self), msg),
        };
        let (state, msg) = (&mut next.0, next.1);
        match msg {
            EditorMsg::Do { .. } | EditorMsg::Many(_) => unreachable!("handled above"),
            EditorMsg::SealHistory => state.session.history.seal(),
            EditorMsg::ImportStarted { batch, names } => {
                state.announcement =
                    Some(Message::new(T::AddingPhotosCount).with("n", names.len()));
                state.imports.push(ImportBatch::new(batch, names));
            }
            EditorMsg::ImportDecoding { batch, index } => {
                if let Some(b) = state.imports.iter_mut().find(|b| b.id == batch) {
                    b.start(index);
                }
            }
            EditorMsg::ImportFinished {
                batch,
                index,
                result,
                at,
            } => {
                let Some(b) = state.imports.iter_mut().find(|b| b.id == batch) else {
                    return Rc::new(next.0);
                };
                let result = result.map(|photo| {
                    Rc::make_mut(&mut state.thumbnails)
                        .entry(photo.meta.id.clone())
                        .or_insert(photo.thumbnail_url);
                    Rc::make_mut(&mut state.originals)
                        .entry(photo.meta.id.clone())
                        .or_insert(photo.original_url);
                    photo.meta
                });
                let action = if b.is_stills() {
                    let stills = b.finish_stills(index, result);
                    (!stills.is_empty()).then_some(Action::AddStills { stills, batch })
                } else {
                    let photos = b.finish(index, result);
                    (!photos.is_empty()).then_some(Action::AddPhotos { photos, batch })
                };
                let complete_without_errors = b.is_complete() && b.errors().next().is_none();
                // A tab that stopped editing meanwhile (another tab took over) adds nothing, as
                // every other edit; the other tab's board is the one that is saved.
                if let Some(action) = action.filter(|_| state.access.can_edit()) {
                    // Two imports at once can outgrow the room each was started with.
                    if let Some(over) = crate::actions::over_limit(&state.session.board, &action) {
                        state.tell(over);
                    }
                    if let Some(step) = state.session.plan(&action) {
                        state.commit(&action, step, at);
                    }
                }
                if complete_without_errors {
                    state.imports.retain(|b| b.id != batch);
                }
            }
            EditorMsg::DismissImport { batch } => state.imports.retain(|b| b.id != batch),
            EditorMsg::CropTool(frame) => {
                state.crop_tool = frame.filter(|f| {
                    state
                        .session
                        .board
                        .frame(*f)
                        .is_some_and(|f| f.photo.is_some() && !f.fixed)
                });
                if let Some(frame) = state.crop_tool {
                    state.session.selection = Selection::only(frame);
                }
            }
            EditorMsg::Overlay(overlay, focus) => {
                state.overlay = overlay;
                if let Some(frame) = focus.filter(|f| state.session.board.frame(*f).is_some()) {
                    state.session.selection = Selection::only(frame);
                }
            }
            EditorMsg::CardSize(px) => state.card_size = px.clamp(CARD_SIZES.0, CARD_SIZES.2),
            EditorMsg::OpenBoard {
                id,
                created_at,
                board,
                thumbnails,
                originals,
                notices,
                access,
            } => {
                let same_board = state.board_id.as_ref() == Some(&id);
                // A late "saved" from another tab must not turn the editing tab read-only.
                if same_board && access == Access::ReadOnly && state.access == Access::Editing {
                    return Rc::new(next.0);
                }
                state.session = Session {
                    board,
                    ..Session::default()
                };
                if !same_board {
                    state.imports.clear();
                    state.save = SaveStatus::Idle;
                    // The export dialog belongs to the board it was opened on.
                    state.export = None;
                    state.printing = None;
                }
                state.crop_tool = None;
                state.overlay = None;
                state.board_id = Some(id);
                state.created_at = created_at;
                state.thumbnails = thumbnails;
                state.originals = originals;
                state.notices = notices;
                state.access = access;
                state.slow_open = false;
            }
            EditorMsg::Access(access) => {
                state.access = access;
                state.slow_open = false;
            }
            EditorMsg::SlowOpen => state.slow_open = state.access == Access::Opening,
            EditorMsg::SaveStatus(status) => state.save = status,
            EditorMsg::DismissNotices => state.notices.clear(),
            EditorMsg::Library(library) => state.library = library,
            EditorMsg::LibraryBusy(busy) => {
                if let Some(library) = state.library.as_mut() {
                    library.busy = busy;
                }
            }
            EditorMsg::LibraryMessage(message) => match state.library.as_mut() {
                Some(library) => library.message = Some(message),
                None => state.announcement = Some(message),
            },
            EditorMsg::Export(dialog) => {
                if dialog.is_none() {
                    state.printing = None;
                }
                state.export = dialog;
            }
            EditorMsg::ExportMessage(message) => {
                if let Some(dialog) = state.export.as_mut() {
                    dialog.message = Some(message.clone());
                }
                state.announcement = Some(message);
            }
            EditorMsg::Task(task) => state.task = task,
            EditorMsg::Print(sheets) => state.printing = sheets,
            EditorMsg::Notices(notices) => state.notices.extend(notices),
            EditorMsg::Language(lang) => state.lang = lang,
            EditorMsg::Stills(clip) => state.stills = clip,
            EditorMsg::ImportStills { batch, stills } => {
                state.announcement =
                    Some(Message::new(T::AddingPhotosCount).with("n", stills.len()));
                state.imports.push(ImportBatch::of_stills(batch, stills));
            }
        }
        Rc::new(next.0)
    }
}

#[cfg(test)]
pub(crate) mod tests;
