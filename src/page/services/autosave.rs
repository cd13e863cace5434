//! Saves the open board without the user asking: 300 ms after the last edit, at most 2 s into
//! continuous editing, at once when photos or sound were added (their frames must survive a
//! reload: the files are stored before the document, and checked to be there) and
//! when the page is hidden (a closed lid, a switched tab). A failed save keeps the board in
//! memory, says why in the status, and retries with growing pauses (2 s … 30 s) and on every edit;
//! while it fails, leaving the page asks first ([`at_risk`]).
//!
//! Why 300 ms: a crash or a killed tab loses what was typed since the last save. A save writes
//! the document only (photos are stored once, when added), so saving this often is cheap.

use crate::model::Board;
use crate::page::app::{Dispatch, EditorMsg, SaveStatus};
use crate::storage::{BoardId, StoredBoard};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;

const QUIET_MS: f64 = 300.0;
const MAX_WAIT_MS: f64 = 2_000.0;
const MAX_RETRY_MS: f64 = 30_000.0;

struct Autosave {
    dispatch: Dispatch,
    id: BoardId,
    created_at: f64,
    /// The board as last saved (or loaded): an identical board needs no save.
    saved: Rc<Board>,
    pending: Option<Rc<Board>>,
    dirty_since: Option<f64>,
    timer: Option<Timeout>,
    running: bool,
    failures: u32,
    /// When this tab last saved it, if it has.
    saved_at: Option<f64>,
    /// Called after each successful save (tells other tabs).
    on_saved: Rc<dyn Fn(&BoardId)>,
}

thread_local! {
    static AUTOSAVE: RefCell<Option<Autosave>> = const { RefCell::new(None) };
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Starts saving board `id` (as `saved` in storage already), replacing whatever was attached.
pub fn attach(
    dispatch: Dispatch,
    id: BoardId,
    created_at: f64,
    saved: Rc<Board>,
    on_saved: Rc<dyn Fn(&BoardId)>,
) {
    AUTOSAVE.with(|a| {
        *a.borrow_mut() = Some(Autosave {
            dispatch,
            id,
            created_at,
            saved,
            pending: None,
            dirty_since: None,
            timer: None,
            running: false,
            failures: 0,
            saved_at: None,
            on_saved,
        });
    });
}

/// When the attached board was stored, as opened (the status to come back to when an edit is
/// undone before it is saved).
pub fn stored_at(at: f64) {
    AUTOSAVE.with(|a| {
        if let Some(a) = a.borrow_mut().as_mut() {
            a.saved_at = Some(at);
        }
    });
}

/// Stops saving (the board went read-only or another board is opening). Pending changes are
/// dropped: call [`flush`] first to keep them.
pub fn detach() {
    AUTOSAVE.with(|a| a.borrow_mut().take());
}

/// The board on screen changed (called from an effect, never from the reducer).
pub fn changed(board: Rc<Board>) {
    let delay = AUTOSAVE.with(|a| {
        let mut a = a.borrow_mut();
        let a = a.as_mut()?;
        if Rc::ptr_eq(&board, &a.saved) || *board == *a.saved {
            let was_pending = a.pending.take().is_some();
            a.dirty_since = None;
            a.timer = None;
            if !a.running && a.failures == 0 {
                // Back to what is stored (an edit undone before its save): nothing will be
                // saved, so the status must not keep saying "Saving soon".
                if was_pending {
                    a.dispatch.dispatch(EditorMsg::SaveStatus(
                        a.saved_at
                            .map_or(SaveStatus::Idle, |at| SaveStatus::Saved { at }),
                    ));
                }
                return None;
            }
        }
        let urgent = board.photos.len() != a.saved.photos.len()
            || board.audio.len() != a.saved.audio.len()
            || board.frame_count() > a.saved.frame_count() + 1;
        a.pending = Some(board);
        let since = *a.dirty_since.get_or_insert_with(now);
        let delay = if urgent {
            0.0
        } else {
            QUIET_MS.min((since + MAX_WAIT_MS - now()).max(0.0))
        };
        a.dispatch
            .dispatch(EditorMsg::SaveStatus(SaveStatus::Pending));
        Some(delay)
    });
    if let Some(delay) = delay {
        schedule(delay);
    }
}

fn schedule(delay_ms: f64) {
    let timer = Timeout::new(delay_ms as u32, || wasm_bindgen_futures::spawn_local(run()));
    AUTOSAVE.with(|a| {
        if let Some(a) = a.borrow_mut().as_mut() {
            a.timer = Some(timer);
        }
    });
}

/// Saves now if anything is pending (page hidden, before another tab takes over).
pub async fn flush() {
    run().await;
}

async fn run() {
    let job = AUTOSAVE.with(|a| {
        let mut a = a.borrow_mut();
        let a = a.as_mut()?;
        if a.running {
            return None; // the running save reschedules when it ends
        }
        let board = a.pending.take()?;
        a.running = true;
        a.timer = None;
        Some((
            a.dispatch.clone(),
            StoredBoard::new(a.id.clone(), a.created_at, now(), (*board).clone()),
            board,
        ))
    });
    let Some((dispatch, stored, board)) = job else {
        return;
    };
    dispatch.dispatch(EditorMsg::SaveStatus(SaveStatus::Saving));
    let result = super::board_store::save_board(&stored).await;
    let next = AUTOSAVE.with(|a| {
        let mut a = a.borrow_mut();
        let a = a.as_mut().filter(|a| a.id == stored.id)?;
        a.running = false;
        match result {
            Ok(()) => {
                a.saved = board;
                a.failures = 0;
                a.saved_at = Some(stored.saved_at);
                (a.on_saved)(&a.id);
                if a.pending.is_some() {
                    a.dirty_since = Some(now());
                    Some((SaveStatus::Pending, QUIET_MS))
                } else {
                    a.dirty_since = None;
                    Some((
                        SaveStatus::Saved {
                            at: stored.saved_at,
                        },
                        -1.0,
                    ))
                }
            }
            Err(error) => {
                a.pending.get_or_insert(board);
                a.failures += 1;
                let retry = (1_000.0 * 2f64.powi(a.failures.min(5) as i32)).min(MAX_RETRY_MS);
                Some((
                    SaveStatus::Failed {
                        error,
                        retry_in_ms: retry,
                    },
                    retry,
                ))
            }
        }
    });
    if let Some((status, delay)) = next {
        dispatch.dispatch(EditorMsg::SaveStatus(status));
        if delay >= 0.0 {
            schedule(delay);
        }
    }
}

/// Whether leaving the page now would lose work: the last save failed and changes (or photos
/// that could not be stored) exist only in this tab. A save that is merely pending is not: the
/// page saves when it is hidden.
pub fn at_risk() -> bool {
    // A failed save keeps its board pending until a save succeeds.
    AUTOSAVE.with(|a| a.borrow().as_ref().is_some_and(|a| a.failures > 0))
}

/// The open board's latest state as a document (pending changes included), for a backup.
pub fn current_document() -> Option<StoredBoard> {
    AUTOSAVE.with(|a| {
        let a = a.borrow();
        let a = a.as_ref()?;
        let board = a.pending.as_ref().unwrap_or(&a.saved);
        Some(StoredBoard::new(
            a.id.clone(),
            a.created_at,
            now(),
            (**board).clone(),
        ))
    })
}
