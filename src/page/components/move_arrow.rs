use super::use_lang;
use crate::i18n::{Lang, T};
use crate::model::camera;
use crate::model::Crop;
use yew::prelude::*;

/// Below this change of width (2 %) or this travel (2 % of the crop) a move has no zoom or no pan
/// worth naming.
const SLIGHT: f64 = 0.02;

#[derive(Properties, PartialEq)]
pub struct MoveArrowProps {
    /// Where the move starts (the frame's crop) and ends.
    pub start: Crop,
    pub end: Crop,
    /// Width ÷ height of the box the arrow is drawn over, as it shows on screen.
    pub ratio: f64,
    /// The part of the photo the box shows, to draw the arrow where the crops are (the crop
    /// tool); without it the arrow is drawn centred, at the scale of the start crop (a card or a
    /// printed frame, which show the start crop).
    #[prop_or_default]
    pub view: Option<Crop>,
}

/// A camera move drawn as an arrow from the start crop's centre to the end crop's, with a pair of
/// frames at its head when it zooms (dashed: the start's size, solid: the end's), over a card, a
/// printed frame or the crop tool's photo. Named for screen readers ("Camera move: Zoom in").
/// Only frames with a move draw one, so boards of thousands of still frames pay nothing.
#[component]
pub fn MoveArrow(props: &MoveArrowProps) -> Html {
    let lang = use_lang();
    let (start, end) = (props.start, props.end);
    let ((sx, sy), (ex, ey), scale) = camera::arrow(start, end);
    let (w, h) = (100.0 * props.ratio.max(0.01), 100.0);
    let (p0, p1) = match props.view {
        Some(v) => {
            let at = |x: f64, y: f64| ((x - v.x) / v.w * w, (y - v.y) / v.h * h);
            (at(sx, sy), at(ex, ey))
        }
        None => {
            let dx = (ex - sx) / start.w.max(f64::MIN_POSITIVE) * w;
            let dy = (ey - sy) / start.h.max(f64::MIN_POSITIVE) * h;
            (
                (w / 2.0 - dx / 2.0, h / 2.0 - dy / 2.0),
                (w / 2.0 + dx / 2.0, h / 2.0 + dy / 2.0),
            )
        }
    };
    let mut solid = String::new();
    let mut dashed = String::new();
    let (lx, ly) = (p1.0 - p0.0, p1.1 - p0.1);
    let length = (lx * lx + ly * ly).sqrt();
    if length > 3.0 {
        let (ux, uy) = (lx / length, ly / length);
        let head = 9.0_f64.min(length * 0.6);
        // The head's wings, 0.45 rad (26°) off the shaft: its cosine and sine.
        let (c, s) = (0.900_447, 0.434_966);
        let wing = |s: f64| {
            (
                p1.0 - head * (ux * c - uy * s),
                p1.1 - head * (uy * c + ux * s),
            )
        };
        let (a, b) = (wing(s), wing(-s));
        solid.push_str(&format!(
            "M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}",
            p0.0, p0.1, p1.0, p1.1, a.0, a.1, p1.0, p1.1, b.0, b.1
        ));
    }
    if (scale - 1.0).abs() > SLIGHT {
        // Square marks, sized as the start and the end compare (within reason).
        let from = 22.0;
        let to = (from * scale).clamp(8.0, 60.0);
        let square = |side: f64| {
            let (x, y) = (p1.0 - side / 2.0, p1.1 - side / 2.0);
            format!("M{x:.1} {y:.1}h{side:.1}v{side:.1}h{:.1}z", -side)
        };
        dashed.push_str(&square(from));
        solid.push_str(&square(to));
    }
    let label = describe(lang, start, end);
    html! {
        <svg class="move-arrow" viewBox={format!("0 0 {w:.1} {h:.1}")} preserveAspectRatio="none" role="img" aria-label={label.clone()}>
            <title>{ label }</title>
            <path class="under" d={format!("{solid}{dashed}")} vector-effect="non-scaling-stroke" />
            <path class="over" d={solid} vector-effect="non-scaling-stroke" />
            <path class="over dashed" d={dashed} vector-effect="non-scaling-stroke" />
        </svg>
    }
}

/// What a move does, in words: "Camera move: Zoom in, Pan left" (the larger pan only).
pub fn describe(lang: Lang, start: Crop, end: Crop) -> String {
    let ((sx, sy), (ex, ey), scale) = camera::arrow(start, end);
    let dx = (ex - sx) / start.w.max(f64::MIN_POSITIVE);
    let dy = (ey - sy) / start.h.max(f64::MIN_POSITIVE);
    let mut parts: Vec<&str> = Vec::new();
    if scale < 1.0 - SLIGHT {
        parts.push(lang.t(T::MoveZoomIn));
    } else if scale > 1.0 + SLIGHT {
        parts.push(lang.t(T::MoveZoomOut));
    }
    if dx.abs().max(dy.abs()) > SLIGHT {
        parts.push(lang.t(match (dx.abs() >= dy.abs(), dx < 0.0, dy < 0.0) {
            (true, true, _) => T::MovePanLeft,
            (true, false, _) => T::MovePanRight,
            (false, _, true) => T::MovePanUp,
            (false, _, false) => T::MovePanDown,
        }));
    }
    let what = if parts.is_empty() {
        lang.t(T::MoveNone).to_owned()
    } else {
        parts.join(lang.t(T::ListComma))
    };
    lang.f(T::MoveArrowLabel, &[("what", &what)])
}
