use super::board_banners::BoardBanners;
use super::board_library::BoardLibrary;
use super::crop_tool::CropTool;
use super::drop_overlay::DropOverlay;
use super::empty_state::EmptyState;
use super::export_dialog::ExportDialog;
use super::filmstrip::Filmstrip;
use super::import_panel::ImportPanel;
use super::inspector::Inspector;
use super::presentation::Presentation;
use super::print_sheets::PrintSheets;
use super::shortcuts_overlay::ShortcutsOverlay;
use super::stills_dialog::StillsDialog;
use super::task_progress::TaskProgress;
use super::toolbar::Toolbar;
use super::Dispatch;
use crate::actions::{command_for_key, Action, KeyChord, KeyCommand, KeyFocus};
use crate::browser::files;
use crate::i18n::{Lang, T};
use crate::page::app::{act, AppState, EditorMsg, EditorState, Overlay, Shared};
use crate::page::services::{autosave, boards, embed, importer, locale, worker_pool};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// The whole editor: owns the state, the hidden file picker, and the page-wide keyboard and
/// drop handling.
#[component]
pub fn Editor() -> Html {
    let state = use_reducer(|| AppState::new(EditorState::new(locale::initial())));
    let dispatch: Dispatch = state.dispatcher();
    let picker = use_node_ref();
    let dragging_files = use_state_eq(|| false);

    // Page-wide listeners are installed once; they read the newest state through this cell.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    // Every change of the board on screen goes to autosave (which ignores a board it saved).
    use_effect_with(
        (Shared(state.session.board.clone()), state.access.can_edit()),
        |(board, editing)| {
            if *editing {
                autosave::changed(board.0.clone());
                embed::changed(&board.0);
            }
        },
    );

    // Another board on screen stops a take made for the last one (kept for when it is opened
    // again); a take of this board cut short by a reload, a closed page or opening another board
    // is recovered once this one is open for editing (crate::page::services::recorder).
    {
        let (dispatch, board) = (dispatch.clone(), state.session.board.clone());
        crate::page::services::recorder::watch(latest.clone());
        use_effect_with(
            (state.board_id.clone(), state.access.can_edit()),
            move |(id, editing)| {
                if let Some(id) = id {
                    crate::page::services::recorder::board_shown(&id.0);
                }
                if let (Some(id), true) = (id.clone(), *editing) {
                    wasm_bindgen_futures::spawn_local(crate::page::services::recorder::recover(
                        dispatch, id.0, board,
                    ));
                }
            },
        );
    }

    {
        let dispatch = dispatch.clone();
        let dragging_files = dragging_files.clone();
        let latest_for_drop = latest.clone();
        let latest_for_embed = latest.clone();
        let latest_for_boards = latest.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let keys = EventListener::new_with_options(
                &window,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                {
                    let dispatch = dispatch.clone();
                    move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        // Keys that belong to an IME composition are never shortcuts.
                        if event.is_composing()
                            || event.key() == "Process"
                            || event.key_code() == 229
                        {
                            return;
                        }
                        let state = latest.borrow().clone();
                        if state.overlay.is_some() {
                            return; // overlays handle their own keys
                        }
                        let chord = KeyChord {
                            key: event.key(),
                            ctrl: event.ctrl_key(),
                            shift: event.shift_key(),
                            alt: event.alt_key(),
                            meta: event.meta_key(),
                        };
                        let command = command_for_key(
                            &chord,
                            &state.session.board,
                            &state.session.selection,
                            key_focus(event),
                        );
                        // With the crop tool open, only undo and redo reach the board.
                        let command = command.filter(|c| {
                            state.crop_tool.is_none()
                                || matches!(c, KeyCommand::Act(Action::Undo | Action::Redo))
                        });
                        let Some(command) = command else { return };
                        event.prevent_default();
                        dispatch.dispatch(match command {
                            KeyCommand::Act(action) => act(action),
                            KeyCommand::ShowShortcuts => {
                                EditorMsg::Overlay(Some(Overlay::Shortcuts), None)
                            }
                            KeyCommand::Present => EditorMsg::Overlay(
                                Some(Overlay::Presentation {
                                    start: presentation_start(&state),
                                }),
                                None,
                            ),
                        });
                    }
                },
            );
            // Files dragged anywhere over the page: show the overlay, and add them on drop.
            let depth = Rc::new(Cell::new(0i32));
            let options = EventListenerOptions::enable_prevent_default();
            let enter = EventListener::new_with_options(&window, "dragenter", options, {
                let (depth, shown) = (depth.clone(), dragging_files.clone());
                move |e| {
                    if carries_files(e) {
                        depth.set(depth.get() + 1);
                        shown.set(true);
                    }
                }
            });
            let over = EventListener::new_with_options(&window, "dragover", options, move |e| {
                if carries_files(e) {
                    e.prevent_default(); // allows the drop
                }
            });
            let leave = EventListener::new_with_options(&window, "dragleave", options, {
                let (depth, shown) = (depth.clone(), dragging_files.clone());
                move |e| {
                    if carries_files(e) {
                        depth.set((depth.get() - 1).max(0));
                        if depth.get() == 0 {
                            shown.set(false);
                        }
                    }
                }
            });
            // `?view=<bundle URL>`: an exported storyboard read-only; no stored board is touched.
            match crate::page::services::page_options::options().view.clone() {
                Some(url) => crate::page::services::reopen::view(url, dispatch.clone()),
                None => boards::start(dispatch.clone(), latest_for_boards),
            }
            embed::start(dispatch.clone(), latest_for_embed);
            let on_drop = EventListener::new_with_options(&window, "drop", options, move |e| {
                // Never let the browser navigate away to a dropped file.
                e.prevent_default();
                depth.set(0);
                dragging_files.set(false);
                let files = e
                    .dyn_ref::<DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|dt| dt.files());
                let (editing, room, board) = {
                    let state = latest_for_drop.borrow();
                    (
                        state.access.can_edit(),
                        crate::model::room_for(&state.session.board),
                        state.board_id.clone(),
                    )
                };
                if editing {
                    importer::import(files::from_list(files), room, board, dispatch.clone());
                }
            });
            // Workers load their WebAssembly while the user looks at the first screen.
            let warm = gloo::timers::callback::Timeout::new(300, worker_pool::warm_up);
            // A hidden page (closed lid, other tab, closing) saves at once instead of waiting.
            let document = window.document().expect("a document");
            let hidden = EventListener::new(&document, "visibilitychange", |_| {
                let hidden = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
                if hidden {
                    wasm_bindgen_futures::spawn_local(autosave::flush());
                }
            });
            let pagehide = EventListener::new(&window, "pagehide", |_| {
                wasm_bindgen_futures::spawn_local(autosave::flush())
            });
            // Storage is full (or failing) and work exists only in this tab: the browser asks
            // before the page is closed or reloaded.
            let beforeunload = EventListener::new_with_options(
                &window,
                "beforeunload",
                EventListenerOptions::enable_prevent_default(),
                |e| {
                    if autosave::at_risk() {
                        e.prevent_default();
                        if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            e.set_return_value("unsaved");
                        }
                    }
                },
            );
            move || {
                drop((
                    keys,
                    enter,
                    over,
                    leave,
                    on_drop,
                    warm,
                    hidden,
                    pagehide,
                    beforeunload,
                ))
            }
        });
    }

    let open_picker = {
        let picker = picker.clone();
        use_callback((), move |_: (), _| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_pick = {
        let dispatch = dispatch.clone();
        let editing = state.access.can_edit();
        let room = crate::model::room_for(&state.session.board);
        let board = state.board_id.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if editing {
                importer::import(
                    files::from_list(input.files()),
                    room,
                    board.clone(),
                    dispatch.clone(),
                );
            }
            input.set_value(""); // picking the same files again works
        })
    };

    let frames = state.session.board.frame_count();
    let importing = state.imports.iter().any(|b| !b.is_complete());
    let overlay = match state.overlay {
        Some(Overlay::Shortcuts) => html! { <ShortcutsOverlay /> },
        Some(Overlay::Presentation { start }) => {
            html! { <Presentation state={state.clone()} {start} /> }
        }
        None => html! {},
    };
    let lang = state.lang;
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
        <ContextProvider<Lang> context={lang}>
            <div class="editor" data-access={match state.access {
                crate::page::app::Access::Opening => "opening",
                crate::page::app::Access::Editing => "editing",
                crate::page::app::Access::ReadOnly => "read-only",
                crate::page::app::Access::Refused(_) => "refused",
                crate::page::app::Access::Viewing => "viewing",
            }}>
                <Toolbar title={AttrValue::from(state.session.board.title.clone())} frame_count={frames}
                    undo_label={state.session.history.undo_label()} redo_label={state.session.history.redo_label()}
                    aspect={state.session.board.aspect} card_size={state.card_size}
                    can_sort_by_time={state.session.board.photos.values().any(|p| p.taken_at.is_some())}
                    present_from={(frames > 0).then(|| presentation_start(&state))}
                    save={state.save.clone()} editing={state.access.can_edit()}
                    on_add_photos={open_picker.clone()} />
                <input type="file" id="photo-input" class="visually-hidden" ref={picker} multiple=true
                    accept="image/*,.heic,.heif,.html,.htm,.zip,video/*,.mp4,.m4v,.mov,.webm,.mkv" tabindex="-1" aria-hidden="true" onchange={on_pick} />
                if let (Some(task), None) = (state.task.clone(), state.export.as_ref()) { <TaskProgress {task} /> }
                <BoardBanners access={state.access.clone()} save={state.save.clone()} notices={state.notices.clone()} board_id={state.board_id.clone()} slow_open={state.slow_open} />
                <main class="workspace" inert={!state.access.can_edit()}>
                    <ImportPanel batches={state.imports.clone()} />
                    if state.access == crate::page::app::Access::Opening {
                        <p class="opening" role="status">{ lang.t(T::Opening) }</p>
                    } else if frames == 0 && !importing && state.session.board.scenes.len() == 1 {
                        <EmptyState on_choose={open_picker} />
                    } else {
                        <div class="workspace-grid">
                            <div class="board-column">
                                <Filmstrip board={Shared(state.session.board.clone())} selection={state.session.selection.clone()}
                                    thumbnails={Shared(state.thumbnails.clone())} card_size={state.card_size} />
                                // Keyboard hints where there is a mouse, touch hints on touch screens (CSS picks).
                                <p class="hint"><span class="hint-keys">{ lang.t(T::BoardHint) }</span><span class="hint-touch">{ lang.t(T::BoardHintTouch) }</span></p>
                            </div>
                            <Inspector state={state.clone()} />
                        </div>
                    }
                </main>
                <div class="visually-hidden" aria-live="polite" role="status">{ state.announcement.as_ref().map(|m| m.show(state.lang)) }</div>
                if *dragging_files { <DropOverlay /> }
                { crop_tool(&state) }
                { overlay }
                if let Some(library) = state.library.clone() {
                    <BoardLibrary {library} current={state.board_id.clone()} />
                }
                if let Some(dialog) = state.export.clone() {
                    <ExportDialog {dialog} board={Shared(state.session.board.clone())} task={state.task.clone()} />
                }
                if let Some(clip) = state.stills.clone() {
                    <StillsDialog {clip} room={crate::model::room_for(&state.session.board)} board={state.board_id.clone()} />
                }
                if let Some(options) = state.printing {
                    <PrintSheets board={Shared(state.session.board.clone())} {options}
                        thumbnails={Shared(state.thumbnails.clone())} originals={Shared(state.originals.clone())} />
                }
            </div>
        </ContextProvider<Lang>>
        </ContextProvider<Dispatch>>
    }
}

/// Where a presentation starts: the focused frame, else the first.
fn presentation_start(state: &EditorState) -> crate::model::FrameId {
    state
        .session
        .selection
        .focused
        .or_else(|| state.session.board.frames().next().map(|f| f.id))
        .unwrap_or(crate::model::FrameId(0))
}

/// The crop tool for the frame it is open on, if any.
fn crop_tool(state: &EditorState) -> Html {
    let Some(frame_id) = state.crop_tool else {
        return html! {};
    };
    let board = &state.session.board;
    let Some(frame) = board.frame(frame_id) else {
        return html! {};
    };
    let (Some(photo), Some(crop)) = (board.photo_of(frame), board.crop_of(frame)) else {
        return html! {};
    };
    let Some(src) = state
        .originals
        .get(&photo.id)
        .or_else(|| state.thumbnails.get(&photo.id))
    else {
        return html! {};
    };
    html! {
        <CropTool frame={frame_id} number={AttrValue::from(board.number_of(frame_id).unwrap_or_default())} src={AttrValue::from(src.clone())}
            size={(photo.width, photo.height)} aspect={board.aspect} {crop}
            camera_move={board.camera_move_of(frame).map(|(_, m)| m)} />
    }
}

fn key_focus(event: &KeyboardEvent) -> KeyFocus {
    let Some(el) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return KeyFocus::Elsewhere;
    };
    if matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .closest("[contenteditable=true]")
            .ok()
            .flatten()
            .is_some()
    {
        KeyFocus::TextField
    } else if el.class_list().contains("frame-card") {
        KeyFocus::Frame
    } else {
        KeyFocus::Elsewhere
    }
}

fn carries_files(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<DragEvent>()
        .and_then(|d| d.data_transfer())
        .is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
}
