//! The presentation's camera move: the photo travels from the frame's crop to the move's end as a
//! Web Animation of its transform, so the browser draws every step and the page does no work per
//! tick. The keyframes are sampled from the core's path ([`camera::crop_at`], which changes size
//! geometrically and is eased), since a CSS interpolation between two transforms would not follow
//! it. The presentation puts the animation where the animatic stands ([`Motion::show`]): paused at
//! that moment, or playing from it, checked against the animatic's clock at each of its ticks.

use crate::model::camera::{self, CameraMove};
use crate::model::Crop;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the user asked their system for less motion (`prefers-reduced-motion: reduce`): the
/// presentation then shows each frame at its crop and does not move it (the film still does).
pub fn reduced() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|q| q.matches())
}

/// Points of the path the animation passes through (straight lines between them: under 0.3 % of
/// the crop away from the path for the presets).
const SAMPLES: u32 = 24;

/// How far (ms) the picture may drift from the animatic's clock before it is put back.
const DRIFT_MS: f64 = 120.0;

#[wasm_bindgen]
extern "C" {
    /// An element, for `Element.animate` (web-sys offers it only behind its unstable APIs).
    #[wasm_bindgen(extends = web_sys::Element)]
    type Animated;
    #[wasm_bindgen(method)]
    fn animate(this: &Animated, keyframes: &js_sys::Array, options: &js_sys::Object) -> Animation;
    /// A Web Animation.
    type Animation;
    #[wasm_bindgen(method, getter, js_name = currentTime)]
    fn current_time(this: &Animation) -> Option<f64>;
    #[wasm_bindgen(method, setter, js_name = currentTime)]
    fn set_current_time(this: &Animation, ms: f64);
    #[wasm_bindgen(method, getter, js_name = playState)]
    fn play_state(this: &Animation) -> String;
    #[wasm_bindgen(method)]
    fn play(this: &Animation);
    #[wasm_bindgen(method)]
    fn pause(this: &Animation);
    #[wasm_bindgen(method)]
    fn cancel(this: &Animation);
}

/// One frame's move on its photo; cancelled (the photo back at its crop) when dropped.
pub struct Motion {
    animation: Animation,
    ms: f64,
}

impl Motion {
    /// The move of a frame lasting `seconds`, on `img` placed for its start crop (as the cropped
    /// photo component places it), paused at its start.
    pub fn new(img: &web_sys::Element, start: Crop, m: CameraMove, seconds: f64) -> Self {
        let keyframes: js_sys::Array = (0..=SAMPLES)
            .map(|k| {
                let c = camera::crop_at(start, m.end, m.easing, f64::from(k) / f64::from(SAMPLES));
                let frame = js_sys::Object::new();
                let _ =
                    js_sys::Reflect::set(&frame, &"transform".into(), &transform(start, c).into());
                JsValue::from(frame)
            })
            .collect();
        let ms = (seconds * 1000.0).max(1.0);
        let options = js_sys::Object::new();
        for (key, value) in [
            ("duration", JsValue::from(ms)),
            ("fill", "both".into()),
            ("easing", "linear".into()),
        ] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value);
        }
        let animation = img
            .unchecked_ref::<Animated>()
            .animate(&keyframes, &options);
        animation.pause();
        Self { animation, ms }
    }

    /// Shows the move `within` seconds into the frame: held there, or playing on from there
    /// (put back only when it has drifted from that, so a smooth run is left alone).
    pub fn show(&self, within: f64, playing: bool) {
        let at = (within * 1000.0).clamp(0.0, self.ms);
        if !playing || at >= self.ms {
            self.animation.pause();
            self.animation.set_current_time(at);
            return;
        }
        let off = self
            .animation
            .current_time()
            .is_none_or(|t| (t - at).abs() > DRIFT_MS);
        if off {
            self.animation.set_current_time(at);
        }
        if self.animation.play_state() != "running" {
            self.animation.play();
        }
    }
}

impl Drop for Motion {
    fn drop(&mut self) {
        self.animation.cancel();
    }
}

/// The CSS transform that shows crop `c` on a photo placed for crop `base` (origin top left):
/// scaled by how much narrower `c` is, shifted (in the image's own size) by where it lies.
fn transform(base: Crop, c: Crop) -> String {
    let (sx, sy) = (base.w / c.w, base.h / c.h);
    format!(
        "translate({:.4}%, {:.4}%) scale({sx:.5}, {sy:.5})",
        (base.x - c.x * sx) * 100.0,
        (base.y - c.y * sy) * 100.0
    )
}
