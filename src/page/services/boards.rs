//! Which board this tab shows, and everything that opens, creates or changes stored boards:
//! start-up (the last board, restored), the library (new, open, rename, duplicate, delete), the
//! one-editing-tab rule and hand-over between tabs.
//!
//! Tabs talk over a `BroadcastChannel`: a tab that saved says so (read-only tabs on that board
//! reload it), and a tab that wants to take over asks the editing tab to save and let go first,
//! so neither tab's work is overwritten.

use super::{autosave, local_storage, photo_store, tab_lock};
use crate::browser::{database, idb};
use crate::i18n::{Lang, Message, T};
use crate::model::{Board, PhotoId};
use crate::page::app::StateHandle;
use crate::page::app::{Access, Dispatch, EditorMsg, Library, SaveStatus};
use crate::protocol::{to_text, TabMessage};
use crate::storage::backup::new_board_id;
use crate::storage::{BoardId, StoredBoard};
use gloo::events::EventListener;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::BroadcastChannel;

const LAST_BOARD_KEY: &str = "flowboard.lastBoard";
const CHANNEL: &str = "flowboard";
/// After this long opening a board, the page offers the library instead (a board stored by an
/// older build may be too big to open quickly; it can be deleted or renamed there).
const SLOW_OPEN_MS: u32 = 3_000;

thread_local! {
    /// Counts the boards this tab started opening: an opening whose number is no longer the
    /// newest was given up (another board was opened, or the user went to the library instead)
    /// and puts nothing on screen.
    static OPENING: Cell<u64> = const { Cell::new(0) };
    static CHANNEL_HANDLE: RefCell<Option<(BroadcastChannel, EventListener)>> = const { RefCell::new(None) };
}

fn post(message: TabMessage) {
    CHANNEL_HANDLE.with(|c| {
        if let Some((channel, _)) = c.borrow().as_ref() {
            let _ = channel.post_message(&to_text(&message).into());
        }
    });
}

/// Opens the board the user had open last (or the newest, or a new one) and starts listening
/// to other tabs. Called once when the editor mounts, unless it shows a bundle read-only
/// (`?view=`, [`super::reopen::view`]).
pub fn start(dispatch: Dispatch, latest: Rc<RefCell<StateHandle>>) {
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let listener = EventListener::new(&channel, "message", {
            let dispatch = dispatch.clone();
            move |event| {
                let Some(text) = event
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|m| m.data().as_string())
                else {
                    return;
                };
                let Some(message) = TabMessage::read(&text) else {
                    return;
                };
                if latest.borrow().board_id.as_ref() != Some(message.board()) {
                    return;
                }
                match message {
                    // Another tab wants to edit this board: save, let go, show it read-only.
                    TabMessage::Release(_) => {
                        let dispatch = dispatch.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            autosave::flush().await;
                            autosave::detach();
                            tab_lock::release();
                            dispatch.dispatch(EditorMsg::Access(Access::ReadOnly));
                        });
                    }
                    // The editing tab saved: a read-only view follows it.
                    TabMessage::Saved(board) => {
                        let dispatch = dispatch.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            follow(&dispatch, &board).await
                        });
                    }
                }
            }
        });
        CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some((channel, listener)));
    }
    wasm_bindgen_futures::spawn_local(async move {
        // Ask once to be exempt from eviction; the library shows whether the browser agreed.
        idb::persist().await;
        let remembered = local_storage()
            .and_then(|s| s.get_item(LAST_BOARD_KEY).ok().flatten())
            .map(BoardId);
        let listed = database::list().await;
        let known = |id: &BoardId| listed.as_ref().is_ok_and(|l| l.iter().any(|e| &e.id == id));
        let id = match remembered {
            Some(id) if known(&id) => Some(id),
            _ => listed
                .as_ref()
                .ok()
                .and_then(|l| l.first())
                .map(|e| e.id.clone()),
        };
        match (id, listed) {
            (Some(id), _) => open(&dispatch, id).await,
            (None, Ok(_)) => new_board(&dispatch).await,
            (None, Err(error)) => {
                // No storage at all: edit in memory, and say so.
                new_board(&dispatch).await;
                dispatch.dispatch(EditorMsg::SaveStatus(SaveStatus::Failed {
                    error,
                    retry_in_ms: 0.0,
                }));
            }
        }
    });
}

/// Remembers `id` as the board to open on the next visit.
fn remember_current(id: &BoardId) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LAST_BOARD_KEY, &id.0);
    }
}

pub type Urls = Rc<HashMap<PhotoId, String>>;

/// Thumbnail and original URLs of a board's photos that this page holds.
pub fn urls_of(board: &Board) -> (Urls, Urls) {
    let (mut thumbs, mut originals) = (HashMap::new(), HashMap::new());
    for id in board.photos.keys() {
        if let Some(p) = photo_store::get(id) {
            thumbs.insert(id.clone(), p.thumb_url);
            originals.insert(id.clone(), p.original_url);
        }
    }
    (Rc::new(thumbs), Rc::new(originals))
}

/// Saves what is pending on the current board and stops editing it.
async fn leave_current() {
    autosave::flush().await;
    autosave::detach();
    tab_lock::release();
}

/// Starts opening a board, giving up any opening still under way; returns its number.
fn start_opening() -> u64 {
    OPENING.with(|o| {
        o.set(o.get() + 1);
        o.get()
    })
}

/// Whether opening number `ticket` is still wanted.
fn still_opening(ticket: u64) -> bool {
    OPENING.with(|o| o.get() == ticket)
}

/// Opens a stored board: takes its lock if no other tab edits it, restores it, starts autosave.
/// If that takes long, the page offers the library instead ([`open_library_instead`]).
pub async fn open(dispatch: &Dispatch, id: BoardId) {
    let ticket = start_opening();
    leave_current().await;
    remember_current(&id);
    dispatch.dispatch(EditorMsg::Access(Access::Opening));
    let slow = gloo::timers::callback::Timeout::new(SLOW_OPEN_MS, {
        let dispatch = dispatch.clone();
        move || {
            if still_opening(ticket) {
                dispatch.dispatch(EditorMsg::SlowOpen);
            }
        }
    });
    let editing = tab_lock::claim(&id, tab_lock::Claim::IfFree, on_lost(dispatch)).await;
    if still_opening(ticket) {
        show(dispatch, &id, editing, ticket).await;
    }
    drop(slow);
}

/// Gives up opening the board that is taking long (it stays stored, and the library lists it,
/// to open, rename or delete), puts a new board on screen and opens the library.
pub fn open_library_instead(dispatch: &Dispatch) {
    start_opening();
    show_library(dispatch, None);
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move { new_board(&dispatch).await });
}

/// Reads the board and shows it, editable or not, unless opening number `ticket` was given up.
async fn show(dispatch: &Dispatch, id: &BoardId, editing: bool, ticket: u64) {
    let loaded = super::board_store::load_board(id).await;
    // Lets a click on "Open the library instead", made while the board was read, count first.
    gloo::timers::future::TimeoutFuture::new(0).await;
    if !still_opening(ticket) {
        return;
    }
    match loaded {
        Ok(Some(loaded)) => {
            let board = Rc::new(loaded.stored.board);
            present(
                dispatch,
                id,
                loaded.stored.created_at,
                board.clone(),
                Rc::new(loaded.saved),
                loaded.problems,
                editing,
            );
            if editing {
                dispatch.dispatch(EditorMsg::SaveStatus(SaveStatus::Saved {
                    at: loaded.stored.saved_at,
                }));
                autosave::stored_at(loaded.stored.saved_at);
                // A board with recovered photos differs from what is stored: save it now.
                autosave::changed(board);
            }
        }
        Ok(None) => new_on_screen(dispatch, id, js_sys::Date::now(), editing),
        Err(error) => {
            // Not overwritten: no autosave for a board that could not be read.
            tab_lock::release();
            let message =
                Message::new(T::CouldNotOpenBoard).with_message("error", error.to_message());
            dispatch.dispatch(EditorMsg::OpenBoard {
                id: id.clone(),
                created_at: 0.0,
                board: Rc::new(Board::default()),
                thumbnails: Rc::default(),
                originals: Rc::default(),
                notices: vec![message],
                access: Access::Refused(error),
            });
        }
    }
}

/// Puts a board on screen, editable or read-only; an editing tab autosaves it from `saved`
/// (what storage holds, so a board that differs from it is saved at the next change).
fn present(
    dispatch: &Dispatch,
    id: &BoardId,
    created_at: f64,
    board: Rc<Board>,
    saved: Rc<Board>,
    notices: Vec<Message>,
    editing: bool,
) {
    let (thumbnails, originals) = urls_of(&board);
    if editing {
        autosave::attach(
            dispatch.clone(),
            id.clone(),
            created_at,
            saved,
            Rc::new(|id| post(TabMessage::Saved(id.clone()))),
        );
    }
    let access = if editing {
        Access::Editing
    } else {
        Access::ReadOnly
    };
    dispatch.dispatch(EditorMsg::OpenBoard {
        id: id.clone(),
        created_at,
        board,
        thumbnails,
        originals,
        notices,
        access,
    });
}

/// A new, empty board on screen (stored with its first change).
fn new_on_screen(dispatch: &Dispatch, id: &BoardId, created_at: f64, editing: bool) {
    let board = Rc::new(Board::default());
    present(
        dispatch,
        id,
        created_at,
        board.clone(),
        board,
        Vec::new(),
        editing,
    );
}

fn on_lost(dispatch: &Dispatch) -> impl FnOnce() + 'static {
    let dispatch = dispatch.clone();
    move || {
        autosave::detach();
        dispatch.dispatch(EditorMsg::Access(Access::ReadOnly));
    }
}

/// A read-only tab re-reads the board another tab just saved.
async fn follow(dispatch: &Dispatch, id: &BoardId) {
    // The reducer ignores this if the tab has become the editing one meanwhile. Restore notices
    // were shown when the board was first opened, so they are not repeated on every save.
    if let Ok(Some(loaded)) = super::board_store::load_board(id).await {
        let board = Rc::new(loaded.stored.board);
        present(
            dispatch,
            id,
            loaded.stored.created_at,
            board.clone(),
            board,
            Vec::new(),
            false,
        );
    }
}

/// Makes this tab the editing one: asks the other tab to save and let go (taking the lock
/// anyway after 3 s if it does not answer), then re-reads the board so nothing it saved is lost.
pub async fn take_over(dispatch: &Dispatch, id: BoardId) {
    post(TabMessage::Release(id.clone()));
    let ticket = start_opening();
    let editing = tab_lock::claim(
        &id,
        tab_lock::Claim::WaitThenTake { ms: 3_000 },
        on_lost(dispatch),
    )
    .await;
    if still_opening(ticket) {
        show(dispatch, &id, editing, ticket).await;
    }
}

/// A new, empty board (stored with its first change).
pub async fn new_board(dispatch: &Dispatch) {
    start_opening();
    leave_current().await;
    let now = js_sys::Date::now();
    let id = new_board_id(now, js_sys::Math::random());
    remember_current(&id);
    let editing = tab_lock::claim(&id, tab_lock::Claim::IfFree, on_lost(dispatch)).await;
    new_on_screen(dispatch, &id, now, editing);
}

/// Opens the library dialog and fills it in.
pub fn show_library(dispatch: &Dispatch, message: Option<Message>) {
    dispatch.dispatch(EditorMsg::Library(Some(Library {
        message: message.clone(),
        ..Library::default()
    })));
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        autosave::flush().await;
        let boards = database::list().await;
        let usage = idb::estimate().await;
        let persisted = match web_sys::window().map(|w| w.navigator().storage().persisted()) {
            Some(Ok(p)) => wasm_bindgen_futures::JsFuture::from(p)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            _ => false,
        };
        let (boards, message) = match boards {
            Ok(boards) => (boards, message),
            Err(e) => (
                Vec::new(),
                Some(Message::new(T::LibraryUnreadable).with_message("error", e.to_message())),
            ),
        };
        let mut covers = HashMap::new();
        for entry in &boards {
            let Some(cover) = entry.summary.as_ref().and_then(|s| s.cover.clone()) else {
                continue;
            };
            if photo_store::get(&cover).is_none() {
                if let Ok(Some((original, thumb))) = database::photo_blobs(&cover).await {
                    let Some((original, thumb)) = database::shown(original, thumb).await else {
                        continue;
                    };
                    let _ = photo_store::remember(&cover, &original, &thumb, true);
                }
            }
            if let Some(p) = photo_store::get(&cover) {
                covers.insert(entry.id.clone(), p.thumb_url);
            }
        }
        dispatch.dispatch(EditorMsg::Library(Some(Library {
            boards: Some(boards),
            usage,
            persisted,
            message,
            busy: None,
            covers,
        })));
    });
}

/// Renames a stored board (the open one is renamed through its title field instead).
pub async fn rename(dispatch: &Dispatch, id: BoardId, title: String) {
    let result = database::rename_board(&id, &title, js_sys::Date::now()).await;
    show_library(
        dispatch,
        result
            .err()
            .map(|e| Message::new(T::RenameFailed).with_message("error", e.to_message())),
    );
}

/// Stores a copy of a board under a new id, titled "… (copy)".
pub async fn duplicate(dispatch: &Dispatch, id: BoardId, lang: Lang) {
    let result = async {
        let stored = database::read_board(&id).await?;
        let now = js_sys::Date::now();
        let mut board = stored.board;
        board.title = lang.f(
            T::CopyOf,
            &[(
                "title",
                &if board.title.is_empty() {
                    lang.t(T::UntitledStoryboard)
                } else {
                    &board.title
                },
            )],
        );
        database::write_board(&StoredBoard::new(
            new_board_id(now, js_sys::Math::random()),
            now,
            now,
            board,
        ))
        .await
    }
    .await;
    show_library(
        dispatch,
        result
            .err()
            .map(|e| Message::new(T::DuplicateFailed).with_message("error", e.to_message())),
    );
}

/// Deletes a stored board (after the dialog's confirmation); deleting the one on screen
/// (`open_one`) opens the next newest, or a new board.
pub async fn delete(dispatch: &Dispatch, id: BoardId, open_one: bool) {
    if open_one {
        autosave::detach();
        tab_lock::release();
    }
    let result = database::delete_board(&id).await;
    if open_one {
        match database::list()
            .await
            .ok()
            .and_then(|l| l.first().map(|e| e.id.clone()))
        {
            Some(next) => open(dispatch, next).await,
            None => new_board(dispatch).await,
        }
    }
    show_library(
        dispatch,
        Some(match result {
            Ok(()) => Message::new(T::BoardDeleted),
            Err(e) => Message::new(T::DeleteFailed).with_message("error", e.to_message()),
        }),
    );
}
