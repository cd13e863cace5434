use super::frame_card::{DropMark, FrameCard};
use super::Dispatch;
use crate::actions::Action;
use crate::app::{EditorMsg, EditorState};
use crate::model::FrameId;
use crate::reorder::{insertion_index, target_index, Rect};
use std::rc::Rc;
use yew::prelude::*;

/// Pixels a pointer must travel before a press becomes a drag (a click stays a click).
const DRAG_THRESHOLD: f64 = 6.0;

#[derive(Debug, Clone, Copy)]
struct DragTrack {
    frame: FrameId,
    from: usize,
    pointer: i32,
    start: (f64, f64),
    active: bool,
    gap: Option<usize>,
}

#[derive(Properties, PartialEq)]
pub struct FilmstripProps {
    pub state: Rc<EditorState>,
}

/// The frames in story order, as a wrapping grid. Reorders by pointer drag (mouse, pen, touch)
/// with a drop marker; the keyboard path lives in the keymap.
#[component]
pub fn Filmstrip(props: &FilmstripProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let list = use_node_ref();
    // Live drag data changes on every pointer move; only what is drawn goes into render state.
    let track = use_mut_ref(|| None::<DragTrack>);
    let shown = use_state_eq(|| None::<(FrameId, Option<usize>)>);

    let on_drag_start = {
        let track = track.clone();
        let list = list.clone();
        let board = props.state.board.clone();
        use_callback(board, move |(frame, e): (FrameId, PointerEvent), board| {
            if e.button() != 0 {
                return;
            }
            let Some(from) = board.index_of(frame) else { return };
            // Capture on the list itself: its move/up handlers then see the whole drag, even
            // outside the card (Yew delegates events, so `current_target` is not the card).
            if let Some(el) = list.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *track.borrow_mut() = Some(DragTrack {
                frame,
                from,
                pointer: e.pointer_id(),
                start: (f64::from(e.client_x()), f64::from(e.client_y())),
                active: false,
                gap: None,
            });
        })
    };

    let onpointermove = {
        let track = track.clone();
        let shown = shown.clone();
        let list = list.clone();
        Callback::from(move |e: PointerEvent| {
            let mut guard = track.borrow_mut();
            let Some(drag) = guard.as_mut().filter(|d| d.pointer == e.pointer_id()) else { return };
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            if !drag.active && (x - drag.start.0).hypot(y - drag.start.1) < DRAG_THRESHOLD {
                return;
            }
            drag.active = true;
            e.prevent_default();
            let rects = card_rects(&list);
            drag.gap = Some(insertion_index(&rects, x, y));
            shown.set(Some((drag.frame, drag.gap)));
        })
    };

    let finish = {
        let track = track.clone();
        let shown = shown.clone();
        let dispatch = dispatch.clone();
        move |e: PointerEvent, commit: bool| {
            let Some(drag) = track.borrow_mut().take_if(|d| d.pointer == e.pointer_id()) else { return };
            shown.set(None);
            if let (true, true, Some(gap)) = (commit, drag.active, drag.gap) {
                let to = target_index(drag.from, gap);
                dispatch.dispatch(EditorMsg::act(Action::MoveFrame { frame: drag.frame, to }));
            }
        }
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish(e, true))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| finish(e, false));

    let state = &props.state;
    let board = &state.board;
    let count = board.frames.len();
    let (dragged, gap) = (*shown).map_or((None, None), |(f, g)| (Some(f), g));
    html! {
        <ol class="filmstrip" ref={list} aria-label="Frames in story order" {onpointermove} {onpointerup} {onpointercancel}>
            { for board.frames.iter().enumerate().map(|(index, frame)| {
                let drop_mark = match gap {
                    Some(g) if g == index => DropMark::Before,
                    Some(g) if g == count && index + 1 == count => DropMark::After,
                    _ => DropMark::None,
                };
                let photo = board.photo_of(frame);
                let crop = board.crop_of(frame);
                let ratio = match (board.aspect.ratio(), crop, photo) {
                    (Some(r), _, _) => r,
                    (None, Some(c), Some(p)) => c.pixel_ratio((p.width, p.height)),
                    _ => 4.0 / 3.0,
                };
                html! {
                    <FrameCard key={frame.id.0} frame={frame.clone()} {index} {crop} {ratio}
                        taken={photo.and_then(|p| p.taken_at.as_ref()).map(|t| AttrValue::from(t.short()))}
                        thumbnail={frame.photo.as_ref().and_then(|p| state.thumbnails.get(p)).map(|u| AttrValue::from(u.clone()))}
                        photo_name={photo.map(|p| AttrValue::from(p.name.clone())).unwrap_or_default()}
                        selected={state.selection.focused == Some(frame.id)}
                        dragging={dragged == Some(frame.id)} {drop_mark}
                        on_drag_start={on_drag_start.clone()} />
                }
            }) }
        </ol>
    }
}

/// The on-screen rectangles of the cards, in story order.
fn card_rects(list: &NodeRef) -> Vec<Rect> {
    let Some(list) = list.cast::<web_sys::Element>() else { return Vec::new() };
    let children = list.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|el| {
            let r = el.get_bounding_client_rect();
            Rect { left: r.left(), top: r.top(), width: r.width(), height: r.height() }
        })
        .collect()
}
