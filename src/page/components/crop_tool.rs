use super::aspect_picker::AspectPicker;
use super::move_arrow::MoveArrow;
use super::move_controls::MoveControls;
use super::{use_lang, Dispatch};
use crate::actions::{Action, CropPreset};
use crate::i18n::T;
use crate::model::camera::CameraMove;
use crate::model::crop::{self, Aspect, Corner, Crop};
use crate::model::FrameId;
use crate::page::app::{act, EditorMsg};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keyboard step: arrows move by this fraction of the photo; Shift+arrows resize by it.
const KEY_STEP: f64 = 0.01;

#[derive(Properties, PartialEq)]
pub struct CropToolProps {
    pub frame: FrameId,
    /// The frame's number ("3" or "2.3"), for the dialog's name.
    pub number: AttrValue,
    pub src: AttrValue,
    /// Oriented photo size in pixels.
    pub size: (u32, u32),
    pub aspect: Aspect,
    pub crop: Crop,
    /// The frame's camera move at this aspect (it starts at `crop`), if it has one.
    #[prop_or_default]
    pub camera_move: Option<CameraMove>,
}

/// The two boxes the tool edits: the crop (where a camera move starts) and the move's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Start,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Grab {
    Move,
    Corner(Corner),
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Gesture {
    which: Which,
    grab: Grab,
    pointer: i32,
    start: (f64, f64),
    start_crop: Crop,
}

/// The crop tool: the whole photo with the crop as a box to drag, four corner handles to resize
/// (locked to the board's ratio unless free), the keyboard (arrows move, Shift+arrows resize),
/// and Fit / Fill / Reset. A camera move's end is a second, dashed box that the same gestures and
/// keys edit (Tab reaches it), with an arrow from the crop to it, and the move's presets and pace
/// below. A drag is one undo step; keys are one step per pause.
#[component]
pub fn CropTool(props: &CropToolProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let photo = use_node_ref();
    let stage = use_node_ref();
    let crop_box = use_node_ref();
    let gesture = use_mut_ref(|| None::<Gesture>);
    // The box being dragged and where it is, drawn live; committed as one action on release.
    let draft = use_state_eq(|| None::<(Which, Crop)>);
    let drafted = |which: Which| draft.filter(|(w, _)| *w == which).map(|(_, c)| c);
    let shown = drafted(Which::Start).unwrap_or(props.crop);
    let end = drafted(Which::End).or(props.camera_move.map(|m| m.end));
    let (frame, aspect, size) = (props.frame, props.aspect, props.size);

    {
        let crop_box = crop_box.clone();
        use_effect_with(frame, move |_| {
            if let Some(el) = crop_box.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }

    let set_crop = {
        let dispatch = dispatch.clone();
        move |which: Which, crop: Crop| {
            dispatch.dispatch(act(match which {
                Which::Start => Action::SetCrop { frame, crop },
                Which::End => Action::SetMoveEnd { frame, end: crop },
            }))
        }
    };
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| {
            dispatch.dispatch(EditorMsg::CropTool(None));
            // Back to the frame the tool was opened from.
            if let Some(card) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector(&format!("[data-frame-id=\"{frame}\"]"))
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = card.focus();
            }
        })
    };

    // Pointer position as fractions of the photo.
    let to_photo = {
        let photo = photo.clone();
        move |e: &PointerEvent| -> Option<(f64, f64)> {
            let rect = photo.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (rect.width() > 0.0 && rect.height() > 0.0).then(|| {
                (
                    (f64::from(e.client_x()) - rect.left()) / rect.width(),
                    (f64::from(e.client_y()) - rect.top()) / rect.height(),
                )
            })
        }
    };
    let current = |which: Which| match which {
        Which::Start => props.crop,
        Which::End => props.camera_move.map_or(props.crop, |m| m.end),
    };
    let start = |which: Which, grab: Grab| {
        let (gesture, stage, to_photo, current) = (
            gesture.clone(),
            stage.clone(),
            to_photo.clone(),
            current(which),
        );
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            e.prevent_default();
            e.stop_propagation();
            let Some(at) = to_photo(&e) else { return };
            if let Some(el) = stage.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *gesture.borrow_mut() = Some(Gesture {
                which,
                grab,
                pointer: e.pointer_id(),
                start: at,
                start_crop: current,
            });
        })
    };
    let onpointermove = {
        let (gesture, draft, to_photo) = (gesture.clone(), draft.clone(), to_photo.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(g) = *gesture.borrow() else { return };
            if g.pointer != e.pointer_id() {
                return;
            }
            let Some((px, py)) = to_photo(&e) else { return };
            let next = match g.grab {
                Grab::Move => crop::moved(g.start_crop, px - g.start.0, py - g.start.1),
                Grab::Corner(corner) => {
                    crop::resized_from_corner(g.start_crop, corner, px, py, aspect, size)
                }
            };
            draft.set(Some((g.which, next)));
        })
    };
    let finish = {
        let (gesture, draft, set_crop) = (gesture.clone(), draft.clone(), set_crop.clone());
        let seal = {
            let dispatch = dispatch.clone();
            move || dispatch.dispatch(EditorMsg::SealHistory)
        };
        Callback::from(move |e: PointerEvent| {
            let taken = gesture
                .borrow_mut()
                .take_if(|g| g.pointer == e.pointer_id());
            if taken.is_some() {
                if let Some((which, crop)) = *draft {
                    set_crop(which, crop);
                    seal(); // a drag is one undo step of its own
                }
                draft.set(None);
            }
        })
    };

    let keys = |which: Which| {
        let (set_crop, close, current) = (set_crop.clone(), close.clone(), current(which));
        Callback::from(move |e: KeyboardEvent| {
            let (dx, dy) = match e.key().as_str() {
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowRight" => (1.0, 0.0),
                "ArrowUp" => (0.0, -1.0),
                "ArrowDown" => (0.0, 1.0),
                "Escape" | "Enter" => {
                    e.prevent_default();
                    e.stop_propagation();
                    close.emit(());
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            let next = if e.shift_key() {
                // Up/Right grow, Down/Left shrink.
                crop::scaled(current, (dx - dy) * KEY_STEP * 2.0, aspect, size)
            } else {
                crop::moved(current, dx * KEY_STEP, dy * KEY_STEP)
            };
            set_crop(which, next);
        })
    };
    let on_dialog_key = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
            }
        })
    };
    let preset = |preset: CropPreset, label: T, hint: T| {
        let (label, hint) = (lang.t(label), lang.t(hint));
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(act(Action::CropPreset { frame, preset }))
        });
        html! { <button type="button" class="button" title={hint} {onclick}>{ label }</button> }
    };

    // The stage spans the photo, the crop and the move's end (a Fit crop reaches past the photo).
    let reach = |c: Crop| (c.x, c.y, c.x + c.w, c.y + c.h);
    let (mut ux0, mut uy0, mut ux1, mut uy1) = (0.0_f64, 0.0_f64, 1.0_f64, 1.0_f64);
    for (x0, y0, x1, y1) in std::iter::once(shown).chain(end).map(reach) {
        (ux0, uy0, ux1, uy1) = (ux0.min(x0), uy0.min(y0), ux1.max(x1), uy1.max(y1));
    }
    let (uw, uh) = (ux1 - ux0, uy1 - uy0);
    let stage_ratio = uw * f64::from(size.0) / (uh * f64::from(size.1));
    let pct = |v: f64, span: f64| v / span * 100.0;
    let photo_style = format!(
        "left:{:.4}%;top:{:.4}%;width:{:.4}%;height:{:.4}%",
        pct(-ux0, uw),
        pct(-uy0, uh),
        pct(1.0, uw),
        pct(1.0, uh)
    );
    // Where each box is on the stage; of two boxes, the smaller lies on top, so both can be
    // grabbed (an End box inside the crop, or the crop inside the End box of a zoom out).
    let smaller = |c: Crop, other: Option<Crop>| other.is_some_and(|o| c.w * c.h <= o.w * o.h);
    let place = |c: Crop, other: Option<Crop>| {
        format!(
            "left:{:.4}%;top:{:.4}%;width:{:.4}%;height:{:.4}%;z-index:{}",
            pct(c.x - ux0, uw),
            pct(c.y - uy0, uh),
            pct(c.w, uw),
            pct(c.h, uh),
            if smaller(c, other) { 2 } else { 1 }
        )
    };
    let handle = |which: Which, corner: Corner, class: &'static str, label: T| {
        let label = lang.t(label);
        html! { <span class={classes!("crop-handle", class)} aria-hidden="true" title={label} onpointerdown={start(which, Grab::Corner(corner))} /> }
    };
    let handles = |which: Which| {
        html! { <>
            { handle(which, Corner::TopLeft, "tl", T::CornerTopLeft) }
            { handle(which, Corner::TopRight, "tr", T::CornerTopRight) }
            { handle(which, Corner::BottomLeft, "bl", T::CornerBottomLeft) }
            { handle(which, Corner::BottomRight, "br", T::CornerBottomRight) }
        </> }
    };
    let data_crop = |c: Crop| format!("{:.4},{:.4},{:.4},{:.4}", c.x, c.y, c.w, c.h);
    let number = props.number.clone();
    // What the crop is, in the photo's pixels: the shape and the size the frame will export at.
    let pixels = (
        (shown.w * f64::from(size.0)).round() as u32,
        (shown.h * f64::from(size.1)).round() as u32,
    );
    let ratio_text = match aspect {
        // In the language's decimal mark ("1,78:1" in Italian).
        Aspect::Free => format!(
            "{}:1",
            lang.number(format!(
                "{:.2}",
                f64::from(pixels.0) / f64::from(pixels.1.max(1))
            ))
        ),
        fixed => fixed.label().to_owned(),
    };
    html! {
        <div class="dialog-backdrop" onkeydown={on_dialog_key}>
            <div class="dialog crop-dialog" role="dialog" aria-modal="true" aria-labelledby="crop-title">
                <div class="dialog-header">
                    <h2 id="crop-title">{ lang.f(T::CropFrameN, &[("n", &number)]) }</h2>
                    <AspectPicker {aspect} board_wide={true} />
                </div>
                <p class={classes!("crop-readout", draft.is_some().then_some("live"))} aria-live="polite" data-testid="crop-readout">
                    { lang.f(T::CropReadout, &[("ratio", &ratio_text), ("w", &pixels.0), ("h", &pixels.1)]) }
                </p>
                <div class="crop-stage" ref={stage.clone()} style={format!("aspect-ratio:{stage_ratio:.5};width:min(100%, calc(64vh * {stage_ratio:.5}))")}
                    {onpointermove} onpointerup={finish.clone()} onpointercancel={finish}>
                    <img ref={photo} class="crop-photo" src={props.src.clone()} alt="" style={photo_style} draggable="false" />
                    <div class="crop-box" ref={crop_box} style={place(shown, end)} tabindex="0" role="group"
                        aria-label={lang.t(T::CropArea)}
                        aria-roledescription={lang.t(T::CropBox)}
                        data-crop={data_crop(shown)}
                        onpointerdown={start(Which::Start, Grab::Move)} onkeydown={keys(Which::Start)}>
                        { handles(Which::Start) }
                    </div>
                    if let Some(end) = end {
                        <div class="move-end-box" style={place(end, Some(shown))} tabindex="0" role="group"
                            aria-label={lang.t(T::MoveEndArea)}
                            aria-roledescription={lang.t(T::MoveEndBox)}
                            data-crop={data_crop(end)}
                            onpointerdown={start(Which::End, Grab::Move)} onkeydown={keys(Which::End)}>
                            <span class="move-end-label" aria-hidden="true">{ lang.t(T::MoveEndLabel) }</span>
                            { handles(Which::End) }
                        </div>
                        <MoveArrow start={shown} {end} ratio={stage_ratio} view={Some(Crop { x: ux0, y: uy0, w: uw, h: uh })} />
                    }
                </div>
                <p class="crop-help">{ lang.t(T::CropHelp) }</p>
                if end.is_some() {
                    <p class="crop-help">{ lang.t(T::MoveHelp) }</p>
                }
                <MoveControls {frame} easing={props.camera_move.map(|m| m.easing)} />
                <footer class="dialog-actions">
                    { preset(CropPreset::Fit, T::Fit, T::FitHelp) }
                    { preset(CropPreset::Fill, T::Fill, T::FillHelp) }
                    { preset(CropPreset::Reset, T::Reset, T::ResetHelp) }
                    <button type="button" class="button primary" onclick={close.reform(|_: MouseEvent| ())}>{ lang.t(T::Done) }</button>
                </footer>
            </div>
        </div>
    }
}
