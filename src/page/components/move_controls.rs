use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::T;
use crate::model::camera::{Easing, MovePreset};
use crate::model::FrameId;
use crate::page::app::act;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MoveControlsProps {
    pub frame: FrameId,
    /// The pace of the frame's move at the board's aspect; `None` when it holds still.
    pub easing: Option<Easing>,
}

/// The crop tool's camera-move row: one-click moves (none, zoom in/out, pan four ways), each one
/// undo step, and the pace of the move once there is one.
#[component]
pub fn MoveControls(props: &MoveControlsProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let frame = props.frame;
    let button = |preset: MovePreset| {
        let label = match preset {
            MovePreset::None => T::MoveNone,
            MovePreset::ZoomIn => T::MoveZoomIn,
            MovePreset::ZoomOut => T::MoveZoomOut,
            MovePreset::PanLeft => T::MovePanLeft,
            MovePreset::PanRight => T::MovePanRight,
            MovePreset::PanUp => T::MovePanUp,
            MovePreset::PanDown => T::MovePanDown,
        };
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(act(Action::MovePreset { frame, preset }))
        });
        let still = preset == MovePreset::None;
        html! {
            <button type="button" class="button move-preset" {onclick}
                title={still.then(|| lang.t(T::MoveNoneHelp))}
                aria-pressed={still.then(|| props.easing.is_none().to_string())}>{ lang.t(label) }</button>
        }
    };
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let easing = if value == "ease-in-out" {
                Easing::EaseInOut
            } else {
                Easing::Linear
            };
            dispatch.dispatch(act(Action::SetMoveEasing { frame, easing }))
        })
    };
    html! {
        <fieldset class="move-controls">
            <legend>{ lang.t(T::CameraMove) }</legend>
            <div class="move-presets">
                { for MovePreset::ALL.into_iter().map(button) }
            </div>
            if let Some(easing) = props.easing {
                <label class="move-easing">
                    { lang.t(T::MoveEasing) }
                    <select {onchange}>
                        <option value="linear" selected={easing == Easing::Linear}>{ lang.t(T::EasingLinear) }</option>
                        <option value="ease-in-out" selected={easing == Easing::EaseInOut}>{ lang.t(T::EasingInOut) }</option>
                    </select>
                </label>
            }
        </fieldset>
    }
}
