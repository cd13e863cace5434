use super::frame_run::{FrameRun, RUN_LENGTH};
use super::scene_header::SceneHeader;
use super::{use_lang, Dispatch};
use crate::actions::{Action, Gap};
use crate::i18n::{Lang, T};
use crate::model::{Board, FrameId, PhotoId, SceneId, Selection};
use crate::page::app::{act, Shared};
use crate::reorder::{insertion_index, one_column, Rect};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Pixels a pointer must travel before a press becomes a drag (a click stays a click).
const DRAG_THRESHOLD: f64 = 6.0;

#[derive(Debug, Clone)]
struct DragTrack {
    frames: Vec<FrameId>,
    pointer: i32,
    start: (f64, f64),
    active: bool,
    gap: Option<Gap>,
}

/// Only what the cards show, so import progress or an announcement does not re-render them.
#[derive(Properties, PartialEq)]
pub struct FilmstripProps {
    pub board: Shared<Board>,
    pub selection: Selection,
    pub thumbnails: Shared<HashMap<PhotoId, String>>,
    pub card_size: u32,
}

/// The board as scenes of frame cards in story order. Frames reorder by pointer drag (mouse,
/// pen, touch), within and across scenes, with a drop marker; a selected frame drags the whole
/// selection. The keyboard path lives in the keymap.
#[component]
pub fn Filmstrip(props: &FilmstripProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let container = use_node_ref();
    // Live drag data changes on every pointer move; only what is drawn goes into render state.
    let track = use_mut_ref(|| None::<DragTrack>);
    // The dragged frames, the gap they would land in, and whether that list is one column (its
    // drop marker is then drawn above or below a card, not beside it).
    let shown = use_state_eq(|| None::<(Rc<Vec<FrameId>>, Option<Gap>, bool)>);
    // The newest board and selection, read when a drag starts, so the callback stays the same
    // across renders and cards that did not change are not re-rendered.
    let latest = use_mut_ref(|| (props.board.clone(), props.selection.clone()));
    *latest.borrow_mut() = (props.board.clone(), props.selection.clone());

    let on_drag_start = {
        let track = track.clone();
        use_callback((), move |(frame, e): (FrameId, PointerEvent), _| {
            if e.button() != 0 {
                return;
            }
            let (board, selection) = latest.borrow().clone();
            let selected = selection.targets(&board);
            let frames = if selected.len() > 1 && selected.contains(&frame) {
                selected
            } else {
                vec![frame]
            };
            *track.borrow_mut() = Some(DragTrack {
                frames,
                pointer: e.pointer_id(),
                start: (f64::from(e.client_x()), f64::from(e.client_y())),
                active: false,
                gap: None,
            });
        })
    };

    let onpointermove = {
        let (track, shown, container) = (track.clone(), shown.clone(), container.clone());
        Callback::from(move |e: PointerEvent| {
            let mut guard = track.borrow_mut();
            let Some(drag) = guard.as_mut().filter(|d| d.pointer == e.pointer_id()) else {
                return;
            };
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            if !drag.active {
                if (x - drag.start.0).hypot(y - drag.start.1) < DRAG_THRESHOLD {
                    return;
                }
                // Only now, so a plain click still reaches the card: capture on the container,
                // whose move/up handlers then see the whole drag, even outside any card.
                if let Some(el) = container.cast::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                drag.active = true;
            }
            e.prevent_default();
            let at = gap_at(&container, x, y);
            drag.gap = at.map(|(gap, _)| gap);
            shown.set(Some((
                Rc::new(drag.frames.clone()),
                drag.gap,
                at.is_some_and(|(_, column)| column),
            )));
        })
    };
    let finish = {
        let (track, shown, dispatch) = (track.clone(), shown.clone(), dispatch.clone());
        move |e: PointerEvent, commit: bool| {
            let Some(drag) = track.borrow_mut().take_if(|d| d.pointer == e.pointer_id()) else {
                return;
            };
            shown.set(None);
            if let (true, true, Some(to)) = (commit, drag.active, drag.gap) {
                dispatch.dispatch(act(Action::MoveFrames {
                    frames: drag.frames,
                    to,
                }));
            }
        }
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish(e, true))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| finish(e, false));
    // One scene yet: the button groups the frames into scenes (where the capture time jumps,
    // else at the focused frame); with scenes it adds an empty one at the end.
    let focused = props.selection.focused;
    let one_scene = props.board.scenes.len() == 1 && props.board.scenes[0].title.is_empty();
    let add_scene = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(act(if one_scene {
                Action::GroupIntoScenes { focused }
            } else {
                Action::AddScene { after: None }
            }))
        })
    };
    let can_group = !one_scene || !crate::actions::scene_breaks(&props.board, focused).is_empty();

    let board = &*props.board;
    let (dragged, gap, column) = shown
        .as_ref()
        .map_or((Rc::default(), None, false), |(f, g, c)| {
            (f.clone(), *g, *c)
        });
    let with_headers = board.scenes.len() > 1 || !board.scenes[0].title.is_empty();
    html! {
        <div class="filmstrip" ref={container} style={format!("--card:{}px", props.card_size)} {onpointermove} {onpointerup} {onpointercancel}>
            // Selected cards point here (`aria-describedby`): a list item may not be `aria-selected`.
            <span id="selected-note" class="visually-hidden">{ lang.t(T::Selected) }</span>
            { for board.scenes.iter().enumerate().map(|(scene_index, scene)| {
                let list = html! {
                    <ol class={classes!("scene-frames", column.then_some("one-column"))} data-scene-id={scene.id.to_string()}
                        aria-label={if with_headers { lang.f(T::FramesOfScene, &[("n", &(scene_index + 1))]) } else { lang.t(T::FramesInOrder).to_owned() }}>
                        // In runs of cards, so a change re-renders the run it is in, not every card.
                        { for (0..scene.frames.len()).step_by(RUN_LENGTH).map(|start| html! {
                            <FrameRun key={start} board={props.board.clone()} scene={scene_index} {start} len={RUN_LENGTH.min(scene.frames.len() - start)}
                                selection={props.selection.clone()} thumbnails={props.thumbnails.clone()} dragged={dragged.clone()} {gap}
                                on_drag_start={on_drag_start.clone()} />
                        }) }
                        if scene.frames.is_empty() {
                            <li class={classes!("scene-empty", gap.is_some_and(|g| g.scene == scene.id).then_some("drop-target"))} aria-hidden="true">
                                { lang.t(T::NoFramesYet) }
                            </li>
                        }
                    </ol>
                };
                html! {
                    <section class="scene" key={scene.id.0} aria-label={scene_label(board, scene_index, lang)}>
                        if with_headers {
                            <SceneHeader id={scene.id} number={scene_index + 1} scenes={board.scenes.len()}
                                title={AttrValue::from(scene.title.clone())} collapsed={scene.collapsed}
                                frames={scene.frames.len()}
                                running_time={AttrValue::from(lang.duration(scene.frames.iter().map(|f| f.duration_or_default()).sum()))} />
                        }
                        if !(with_headers && scene.collapsed) { { list } }
                    </section>
                }
            }) }
            <div class="add-scene-row">
                <button type="button" class="button add-scene" onclick={add_scene} disabled={!can_group}
                    aria-describedby={(!can_group).then_some("group-hint")}
                    title={lang.t(T::ScenesHelp)}>{ lang.t(if with_headers { T::AddScene } else { T::GroupIntoScenes }) }</button>
                if !can_group { <span id="group-hint" class="add-scene-hint">{ lang.t(T::GroupHint) }</span> }
            </div>
        </div>
    }
}

fn scene_label(board: &Board, index: usize, lang: Lang) -> String {
    let title = &board.scenes[index].title;
    if title.is_empty() {
        lang.f(T::SceneN, &[("n", &(index + 1))])
    } else {
        lang.f(T::SceneNamed, &[("n", &(index + 1)), ("title", title)])
    }
}

/// The gap the pointer at (`x`, `y`) points at: in the scene list under it (or nearest), before
/// or after the nearest card (by height where the list is one column).
fn gap_at(container: &NodeRef, x: f64, y: f64) -> Option<(Gap, bool)> {
    let container = container.cast::<web_sys::Element>()?;
    let lists = container.query_selector_all("ol.scene-frames").ok()?;
    let mut best: Option<(f64, web_sys::Element)> = None;
    for i in 0..lists.length() {
        let Some(list) = lists
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let r = list.get_bounding_client_rect();
        let distance = if y < r.top() {
            r.top() - y
        } else if y > r.bottom() {
            y - r.bottom()
        } else {
            0.0
        };
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, list));
        }
    }
    let (_, list) = best?;
    let width = list.get_bounding_client_rect().width();
    let scene = SceneId(list.get_attribute("data-scene-id")?.parse().ok()?);
    let cards = list.query_selector_all(":scope > li.frame-card").ok()?;
    let rects: Vec<Rect> = (0..cards.length())
        .filter_map(|i| {
            cards
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        })
        .map(|el| {
            let r = el.get_bounding_client_rect();
            Rect {
                left: r.left(),
                top: r.top(),
                width: r.width(),
                height: r.height(),
            }
        })
        .collect();
    Some((
        Gap {
            scene,
            index: insertion_index(&rects, width, x, y),
        },
        one_column(&rects, width),
    ))
}
