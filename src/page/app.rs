//! The editor's state on the page: the pure state machine of the core
//! ([`flowboard_core::editor`]: [`EditorState`], [`EditorMsg`], [`EditorState::reduce`]) in Yew's
//! reducer. All transitions and their tests are in the core; this adds only what needs the
//! browser: the clock that stamps a user operation, and the handle components dispatch through.

pub use flowboard_core::editor::*;

use crate::actions::Action;
use std::rc::Rc;

/// The editor's state as Yew holds it. Yew's `Reducible` is a foreign trait and `EditorState`
/// a foreign type, so the page wraps it; it reads as the state itself (`Deref`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState(Rc<EditorState>);

impl AppState {
    pub fn new(state: EditorState) -> Self {
        Self(Rc::new(state))
    }
}

impl std::ops::Deref for AppState {
    type Target = EditorState;
    fn deref(&self) -> &EditorState {
        &self.0
    }
}

impl yew::Reducible for AppState {
    type Action = EditorMsg;

    fn reduce(self: Rc<Self>, msg: EditorMsg) -> Rc<Self> {
        let next = self.0.clone().reduce(msg);
        // The same state back means nothing changed: keep the same `Rc`, and Yew skips the
        // re-render.
        if Rc::ptr_eq(&next, &self.0) {
            self
        } else {
            Rc::new(Self(next))
        }
    }
}

/// How components and services send the editor a message: declared once, here.
pub type Dispatch = yew::UseReducerDispatcher<AppState>;

/// The handle components read the state through.
pub type StateHandle = yew::UseReducerHandle<AppState>;

/// A user operation, stamped with the current time (which merges typing into one undo step).
pub fn act(action: Action) -> EditorMsg {
    EditorMsg::Do {
        action,
        at: js_sys::Date::now(),
    }
}
