use super::cropped_photo::CroppedPhoto;
use super::text_field::TextField;
use super::Dispatch;
use crate::actions::Action;
use crate::app::EditorMsg;
use crate::model::{Crop, Frame, FrameId};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where a drop would put the dragged frame relative to this card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropMark {
    None,
    Before,
    After,
}

#[derive(Properties, PartialEq)]
pub struct FrameCardProps {
    pub frame: Frame,
    /// Position in story order, from 0.
    pub index: usize,
    pub thumbnail: Option<AttrValue>,
    /// The crop shown at the board's aspect, and the frame's shape (width ÷ height).
    pub crop: Option<Crop>,
    pub ratio: f64,
    /// When the photo was taken, ready to show.
    pub taken: Option<AttrValue>,
    /// The photo's file name, for the image's alt text when there is no caption.
    pub photo_name: AttrValue,
    pub selected: bool,
    pub dragging: bool,
    pub drop_mark: DropMark,
    /// Pointer pressed on the photo or the grip: the filmstrip may start a drag.
    pub on_drag_start: Callback<(FrameId, PointerEvent)>,
}

/// One frame: number, photo, caption, delete. Focusable; Alt+←/→ moves it (see the keymap).
#[component]
pub fn FrameCard(props: &FrameCardProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let card = use_node_ref();
    let id = props.frame.id;
    let number = props.index + 1;

    // Keep keyboard focus on this card when it is selected and focus was lost (the card's DOM node
    // moved during a reorder) or sits on another card (arrow-key navigation). Text fields keep it.
    {
        let card = card.clone();
        use_effect_with((props.selected, props.index), move |(selected, _)| {
            if *selected {
                if let Some(el) = card.cast::<web_sys::HtmlElement>() {
                    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                    let lost = active.as_ref().is_none_or(|a| a.tag_name() == "BODY");
                    let on_other_card = active.as_ref().is_some_and(|a| a.class_list().contains("frame-card") && !el.is_same_node(Some(a)));
                    if lost || on_other_card {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    let onfocusin = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: FocusEvent| dispatch.dispatch(EditorMsg::act(Action::Select(Some(id)))))
    };
    let on_caption = {
        let dispatch = dispatch.clone();
        Callback::from(move |caption: String| dispatch.dispatch(EditorMsg::act(Action::SetCaption { frame: id, caption })))
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let on_delete = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::act(Action::DeleteFrame { frame: id })))
    };
    let on_crop = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::CropTool(Some(id))))
    };
    let onpointerdown = {
        let on_drag_start = props.on_drag_start.clone();
        Callback::from(move |e: PointerEvent| {
            // Text, buttons and the caption keep their own pointer behaviour.
            let on_control = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| el.closest("button, textarea, input").ok().flatten().is_some());
            if !on_control {
                on_drag_start.emit((id, e));
            }
        })
    };

    let caption = &props.frame.caption;
    let alt = if caption.is_empty() { format!("Frame {number}: {}", props.photo_name) } else { format!("Frame {number}: {caption}") };
    let class = classes!(
        "frame-card",
        props.selected.then_some("selected"),
        props.dragging.then_some("dragging"),
        (props.drop_mark == DropMark::Before).then_some("drop-before"),
        (props.drop_mark == DropMark::After).then_some("drop-after"),
    );
    html! {
        <li {class} ref={card} tabindex="0" data-frame-id={id.to_string()} aria-label={alt.clone()}
            aria-roledescription="frame" {onfocusin}>
            <div class="frame-media" {onpointerdown}>
                { match (&props.thumbnail, props.crop) {
                    (Some(src), Some(crop)) => html! { <CroppedPhoto src={src.clone()} alt={alt} {crop} ratio={props.ratio} /> },
                    _ => html! { <div class="frame-placeholder" role="img" aria-label={alt} style={format!("aspect-ratio:{:.5}", props.ratio)}>{ "No photo" }</div> },
                } }
                <span class="frame-number" aria-hidden="true">{ number }</span>
                <span class="drag-grip" title="Drag to reorder (or Alt+← / Alt+→)" aria-hidden="true">{ "⠿" }</span>
            </div>
            <div class="frame-body">
                <TextField multiline={true} class="caption-input" value={AttrValue::from(caption.clone())}
                    placeholder="Caption…" label={format!("Caption for frame {number}")} on_change={on_caption} {on_blur} />
                <div class="frame-tools">
                    <button type="button" class="icon-button frame-crop" onclick={on_crop} disabled={props.crop.is_none()}
                        aria-label={format!("Crop frame {number}")} title="Crop">
                        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true">
                            <path d="M6 2v14a2 2 0 0 0 2 2h14" /><path d="M18 22V8a2 2 0 0 0-2-2H2" />
                        </svg>
                    </button>
                    <button type="button" class="icon-button frame-delete" onclick={on_delete}
                        aria-label={format!("Delete frame {number}")} title="Delete frame (Delete)">{ "✕" }</button>
                </div>
            </div>
            if let Some(taken) = &props.taken {
                <p class="frame-meta" title="When the photo was taken">{ format!("Taken {taken}") }</p>
            }
        </li>
    }
}
