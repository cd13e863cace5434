use super::cropped_photo::CroppedPhoto;
use super::move_arrow::MoveArrow;
use super::text_field::TextField;
use super::waveform::Waveform;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::T;
use crate::model::camera::CameraMove;
use crate::model::{CowRc, Crop, Frame, FrameId};
use crate::page::app::{self, EditorMsg};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where a drop would put the dragged frames relative to this card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropMark {
    None,
    Before,
    After,
}

#[derive(Properties, PartialEq)]
pub struct FrameCardProps {
    /// The board's own frame, shared: props compare by pointer first (an untouched frame is the
    /// same allocation after any edit elsewhere, see [`CowRc`]), and passing it copies nothing.
    pub frame: CowRc<Frame>,
    /// "3", or "2.3" (scene 2, shot 3) once the board has scenes.
    pub number: AttrValue,
    pub thumbnail: Option<AttrValue>,
    /// The crop shown at the board's aspect, and the frame's shape (width ÷ height).
    pub crop: Option<Crop>,
    pub ratio: f64,
    /// The frame's camera move at the board's aspect (it starts at `crop`), drawn as an arrow.
    #[prop_or_default]
    pub camera_move: Option<CameraMove>,
    /// The visible fields, compact ("CU · Pan · 0:03").
    pub details: AttrValue,
    /// When the photo was taken, ready to show.
    pub taken: Option<AttrValue>,
    /// The photo's file name, for the image's alt text when there is no caption.
    pub photo_name: AttrValue,
    pub selected: bool,
    /// Keyboard commands act on this frame.
    pub focused: bool,
    pub dragging: bool,
    pub drop_mark: DropMark,
    /// Pointer pressed on the photo or the grip: the filmstrip may start a drag.
    pub on_drag_start: Callback<(FrameId, PointerEvent)>,
    /// The waveform of the frame's voice-over, if it has one.
    #[prop_or_default]
    pub peaks: Option<std::rc::Rc<[u8]>>,
}

/// One frame: number, photo through its crop, caption, shot details, crop and delete.
/// Focusable; click, Shift+click and Ctrl/⌘+click select; Alt+←/→ moves it (see the keymap).
#[component]
pub fn FrameCard(props: &FrameCardProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let card = use_node_ref();
    // Set while a pointer press is under way, so the focus it causes does not also select.
    let pressing = use_mut_ref(|| false);
    let id = props.frame.id;
    let number = props.number.clone();

    // Keep keyboard focus on this card when it is focused and focus was lost (the card's DOM node
    // moved during a reorder) or sits on another card (arrow-key navigation). Text fields keep it.
    {
        let card = card.clone();
        use_effect_with((props.focused, number.clone()), move |(focused, _)| {
            if *focused {
                if let Some(el) = card.cast::<web_sys::HtmlElement>() {
                    let active = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element());
                    let lost = active.as_ref().is_none_or(|a| a.tag_name() == "BODY");
                    let on_other_card = active.as_ref().is_some_and(|a| {
                        a.class_list().contains("frame-card") && !el.is_same_node(Some(a))
                    });
                    if lost || on_other_card {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    let act = |action: Action| {
        let dispatch = dispatch.clone();
        move || dispatch.dispatch(app::act(action.clone()))
    };
    let onfocusin = {
        let (pressing, select, selected) = (
            pressing.clone(),
            act(Action::Select(Some(id))),
            props.selected,
        );
        Callback::from(move |_: FocusEvent| {
            if !*pressing.borrow() && !selected {
                select();
            }
        })
    };
    let onclick = {
        let (pressing, dispatch) = (pressing.clone(), dispatch.clone());
        Callback::from(move |e: MouseEvent| {
            *pressing.borrow_mut() = false;
            if on_control(e.target()) {
                return;
            }
            let action = if e.shift_key() {
                Action::SelectRange(id)
            } else if e.ctrl_key() || e.meta_key() {
                Action::ToggleSelected(id)
            } else {
                Action::Select(Some(id))
            };
            dispatch.dispatch(app::act(action));
        })
    };
    let on_card_pointer = {
        let pressing = pressing.clone();
        Callback::from(move |e: PointerEvent| *pressing.borrow_mut() = !on_control(e.target()))
    };
    let on_caption = {
        let dispatch = dispatch.clone();
        Callback::from(move |caption: String| {
            dispatch.dispatch(app::act(Action::SetCaption { frame: id, caption }))
        })
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let on_delete = {
        let delete = act(Action::DeleteFrames { frames: vec![id] });
        Callback::from(move |_: MouseEvent| delete())
    };
    let on_crop = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::CropTool(Some(id))))
    };
    let onpointerdown = {
        let on_drag_start = props.on_drag_start.clone();
        Callback::from(move |e: PointerEvent| {
            if !on_control(e.target()) {
                on_drag_start.emit((id, e));
            }
        })
    };

    let caption = &props.frame.caption;
    let alt = lang.f(
        T::FrameAlt,
        &[
            ("n", &number),
            (
                "text",
                if caption.is_empty() {
                    &props.photo_name
                } else {
                    caption
                },
            ),
        ],
    );
    let class = classes!(
        "frame-card",
        props.selected.then_some("selected"),
        props.focused.then_some("focused"),
        props.dragging.then_some("dragging"),
        (props.drop_mark == DropMark::Before).then_some("drop-before"),
        (props.drop_mark == DropMark::After).then_some("drop-after"),
    );
    html! {
        <li {class} ref={card} tabindex="0" data-frame-id={id.to_string()} aria-label={alt.clone()}
            aria-roledescription={lang.t(T::FrameRole)} aria-describedby={props.selected.then_some("selected-note")} {onfocusin} {onclick} onpointerdown={on_card_pointer}>
            <div class="frame-media" {onpointerdown}>
                { match (&props.thumbnail, props.crop) {
                    (Some(src), Some(crop)) => html! {
                        <CroppedPhoto src={src.clone()} alt={alt} {crop} ratio={props.ratio}>
                            if let Some(m) = props.camera_move {
                                <MoveArrow start={crop} end={m.end} ratio={props.ratio} />
                            }
                        </CroppedPhoto>
                    },
                    _ => html! { <div class="frame-placeholder" role="img" aria-label={alt} style={format!("aspect-ratio:{:.5}", props.ratio)}>{ lang.t(T::NoPhoto) }</div> },
                } }
                <span class="frame-number" aria-hidden="true">{ number.clone() }</span>
                <span class="drag-grip" title={lang.t(T::DragToReorder)} aria-hidden="true">{ "⠿" }</span>
            </div>
            <div class="frame-body">
                <TextField multiline={true} class="caption-input" value={AttrValue::from(caption.clone())}
                    placeholder={lang.t(T::CaptionPlaceholder)} label={lang.f(T::CaptionFor, &[("n", &number)])} on_change={on_caption} {on_blur} />
                <div class="frame-tools">
                    <button type="button" class="icon-button frame-crop" onclick={on_crop} disabled={props.crop.is_none() || props.frame.fixed}
                        aria-label={lang.f(T::CropFrameN, &[("n", &number)])}
                        title={lang.t(if props.frame.fixed { T::CropFixed } else { T::Crop })}>
                        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true">
                            <path d="M6 2v14a2 2 0 0 0 2 2h14" /><path d="M18 22V8a2 2 0 0 0-2-2H2" />
                        </svg>
                    </button>
                    <button type="button" class="icon-button frame-delete" onclick={on_delete}
                        aria-label={lang.f(T::DeleteFrameN, &[("n", &number)])} title={lang.t(T::DeleteFrameHelp)}>{ "✕" }</button>
                </div>
            </div>
            if let (Some(peaks), Some(n)) = (&props.peaks, &props.frame.narration) {
                <div class="card-waveform" role="img" aria-label={lang.f(T::CardVoiceOver, &[("time", &lang.duration(n.playing()))])}>
                    <Waveform peaks={peaks.clone()} start={n.start / n.length.max(0.001)} end={n.end / n.length.max(0.001)} />
                </div>
            }
            if !props.details.is_empty() {
                <p class="frame-details">{ props.details.clone() }</p>
            }
            if let Some(taken) = &props.taken {
                <p class="frame-meta" title={lang.t(T::TakenWhen)}>{ lang.f(T::Taken, &[("time", taken)]) }</p>
            }
        </li>
    }
}

/// Whether an event started on one of the card's own controls (which keep their behaviour).
fn on_control(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.closest("button, textarea, input, select")
                .ok()
                .flatten()
                .is_some()
        })
}
