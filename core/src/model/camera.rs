//! Camera moves on a still photo (the "Ken Burns" move a photo film lives on): the frame's crop
//! is where the move starts, a second crop is where it ends, and the picture travels from one to
//! the other over the frame's time on screen.
//!
//! Not to be confused with the shot field [`super::Movement`], which notes how the real camera
//! should move when the shot is filmed; a move here is what the animatic and the film show.
//!
//! Like crops, a frame keeps one move per [`Aspect`]: a 9:16 cut of the film pans where the 16:9
//! one zooms. A ratio with no move of its own derives one from the ratio last edited.
//!
//! The path between the two crops keeps one point of the picture still (a zoom closes in on the
//! spot it ends on) and changes size geometrically, so a zoom looks steady rather than rushing at
//! the end; each edge moves monotonically, so every crop on the way stays on the photo.

use super::crop::{self, Aspect, Crop};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a move is paced over the frame's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Easing {
    #[default]
    Linear,
    /// Starts and ends gently (smoothstep).
    EaseInOut,
}

impl Easing {
    /// The share of the way covered at `t` (0–1) of the frame's time.
    pub fn at(self, t: f64) -> f64 {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        match self {
            Self::Linear => t,
            Self::EaseInOut => t * t * (3.0 - 2.0 * t),
        }
    }
}

/// Where a frame's move ends (it starts at the frame's crop for the same aspect), and its pace.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CameraMove {
    pub end: Crop,
    #[serde(default)]
    pub easing: Easing,
}

/// The crop tool's one-click moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovePreset {
    /// No move: the frame holds still.
    None,
    ZoomIn,
    ZoomOut,
    /// The view travels left across the photo.
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
}

impl MovePreset {
    pub const ALL: [MovePreset; 7] = [
        Self::None,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::PanLeft,
        Self::PanRight,
        Self::PanUp,
        Self::PanDown,
    ];
}

/// How much a preset zoom changes the crop's side (0.3: the end shows 70 % of the start's width).
pub const ZOOM: f64 = 0.3;
/// How far a preset pan travels, as a share of the crop's side, when the photo has room.
pub const PAN: f64 = 0.5;

/// The crop `t` (0–1) of the way through a move from `start` to `end`, paced by `easing`.
pub fn crop_at(start: Crop, end: Crop, easing: Easing, t: f64) -> Crop {
    let e = easing.at(t);
    let (x, w) = along(start.x, start.w, end.x, end.w, e);
    let (y, h) = along(start.y, start.h, end.y, end.h, e);
    Crop { x, y, w, h }
}

/// One axis of [`crop_at`]: position and size `e` of the way, the size geometric and the point
/// that both crops put at the same place held still.
fn along(x0: f64, w0: f64, x1: f64, w1: f64, e: f64) -> (f64, f64) {
    let r = w1 / w0;
    if !r.is_finite() || r <= 0.0 || (r - 1.0).abs() < 1e-9 {
        return (x0 + (x1 - x0) * e, w0 + (w1 - w0) * e);
    }
    let s = r.powf(e);
    // The still point p: x1 = p + r (x0 − p).
    let p = (x1 - r * x0) / (1.0 - r);
    (p + s * (x0 - p), w0 * s)
}

/// A preset's move for a frame whose crop is `current` at `aspect` on a photo of `size`: the
/// crop the move starts from (the frame's crop becomes it) and the move; `None` for
/// [`MovePreset::None`], or where the photo leaves no room (a zoom on a crop already at its
/// smallest).
pub fn preset(
    preset: MovePreset,
    current: Crop,
    aspect: Aspect,
    size: (u32, u32),
) -> Option<(Crop, CameraMove)> {
    let zoomed = crop::scaled(current, -ZOOM, aspect, size);
    let (start, end) = match preset {
        MovePreset::None => return None,
        MovePreset::ZoomIn => (current, zoomed),
        MovePreset::ZoomOut => (zoomed, current),
        MovePreset::PanLeft | MovePreset::PanRight | MovePreset::PanUp | MovePreset::PanDown => {
            let across = matches!(preset, MovePreset::PanLeft | MovePreset::PanRight);
            let room = |c: Crop| if across { 1.0 - c.w } else { 1.0 - c.h };
            // A crop that fills the photo along the pan has nowhere to go: pan a closer one.
            let base = if room(current) < 0.1 {
                crop::scaled(current, -0.2, aspect, size)
            } else {
                current
            };
            let side = if across { base.w } else { base.h };
            let travel = room(base).min(side * PAN).max(0.0);
            let sign = if matches!(preset, MovePreset::PanLeft | MovePreset::PanUp) {
                -1.0
            } else {
                1.0
            };
            let (dx, dy) = if across {
                (sign * travel / 2.0, 0.0)
            } else {
                (0.0, sign * travel / 2.0)
            };
            (crop::moved(base, -dx, -dy), crop::moved(base, dx, dy))
        }
    };
    let differs = [
        start.x - end.x,
        start.y - end.y,
        start.w - end.w,
        start.h - end.h,
    ]
    .iter()
    .any(|d| d.abs() > 1e-6);
    differs.then_some((
        start,
        CameraMove {
            end,
            easing: Easing::default(),
        },
    ))
}

/// A frame's moves: for each aspect ratio it was set at, a move or `None` (set to hold still,
/// which a ratio without a choice of its own does not derive a move over).
pub type Moves = BTreeMap<Aspect, Option<CameraMove>>;

/// The move a frame makes at `aspect`: its own (or its choice to hold still), else one derived
/// from the move of the ratio last edited (its end crop reshaped to `aspect`, as
/// [`crop::effective`] reshapes crops), else none.
pub fn effective(
    moves: &Moves,
    last_edited: Option<Aspect>,
    aspect: Aspect,
    size: (u32, u32),
) -> Option<CameraMove> {
    if let Some(own) = moves.get(&aspect) {
        return *own;
    }
    let source = last_edited
        .and_then(|a| moves.get(&a).copied().flatten())
        .or_else(|| moves.values().find_map(|m| *m))?;
    Some(CameraMove {
        end: crop::clamp(source.end, aspect, size),
        easing: source.easing,
    })
}

/// The arrow a card or a print sheet draws for a move: from the start crop's centre to the end
/// crop's, and the change of size (end width ÷ start width: below 1 zooms in).
pub fn arrow(start: Crop, end: Crop) -> ((f64, f64), (f64, f64), f64) {
    (
        start.centre(),
        end.centre(),
        end.w / start.w.max(f64::MIN_POSITIVE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: (u32, u32) = (4000, 3000);

    fn close(a: Crop, b: Crop) -> bool {
        [a.x - b.x, a.y - b.y, a.w - b.w, a.h - b.h]
            .iter()
            .all(|d| d.abs() < 1e-9)
    }

    fn inside(c: Crop) -> bool {
        c.x >= -1e-9 && c.y >= -1e-9 && c.x + c.w <= 1.0 + 1e-9 && c.y + c.h <= 1.0 + 1e-9
    }

    #[test]
    fn a_move_starts_and_ends_on_its_crops_and_stays_on_the_photo() {
        let start = crop::default_crop(Aspect::Wide, SIZE);
        for p in MovePreset::ALL.into_iter().skip(1) {
            let (from, m) = preset(p, start, Aspect::Wide, SIZE).expect("room for every preset");
            for easing in [Easing::Linear, Easing::EaseInOut] {
                assert!(close(crop_at(from, m.end, easing, 0.0), from), "{p:?}");
                assert!(close(crop_at(from, m.end, easing, 1.0), m.end), "{p:?}");
                for i in 0..=20 {
                    let c = crop_at(from, m.end, easing, f64::from(i) / 20.0);
                    assert!(inside(c), "{p:?} at {i}/20 leaves the photo: {c:?}");
                    let ratio = c.pixel_ratio(SIZE);
                    assert!((ratio - 16.0 / 9.0).abs() < 1e-6, "{p:?} keeps 16:9");
                }
            }
        }
    }

    #[test]
    fn presets_go_where_they_say() {
        let start = crop::default_crop(Aspect::Wide, SIZE);
        let go = |p| preset(p, start, Aspect::Wide, SIZE).unwrap();
        let (from, m) = go(MovePreset::ZoomIn);
        assert!(close(from, start));
        assert!((m.end.w / from.w - (1.0 - ZOOM)).abs() < 1e-9);
        let (from, m) = go(MovePreset::ZoomOut);
        assert!(close(m.end, start) && from.w < m.end.w);
        // 16:9 on a 4:3 photo fills the width: a pan across shrinks the crop first.
        let (from, m) = go(MovePreset::PanRight);
        assert!(from.w < start.w && m.end.centre().0 > from.centre().0);
        assert!((from.centre().1 - m.end.centre().1).abs() < 1e-12);
        let (from, m) = go(MovePreset::PanLeft);
        assert!(m.end.centre().0 < from.centre().0);
        // It has room up and down already.
        let (from, m) = go(MovePreset::PanUp);
        assert!((from.w - start.w).abs() < 1e-12 && m.end.centre().1 < from.centre().1);
        let (from, m) = go(MovePreset::PanDown);
        assert!(m.end.centre().1 > from.centre().1);
        assert_eq!(preset(MovePreset::None, start, Aspect::Wide, SIZE), None);
    }

    #[test]
    fn a_zoom_holds_still_the_point_it_closes_in_on_and_paces_size_evenly() {
        let start = Crop::FULL;
        let end = Crop {
            x: 0.6,
            y: 0.5,
            w: 0.25,
            h: 0.25,
        };
        // The still point p: x1 = p + r (x0 − p) with r = 0.25 → p = 0.8 (and 2/3 in y).
        for i in 0..=10 {
            let c = crop_at(start, end, Easing::Linear, f64::from(i) / 10.0);
            let px = (0.8 - c.x) / c.w;
            assert!(
                (px - 0.8).abs() < 1e-9,
                "the still point stays at 80 % across"
            );
            // Halfway in time is halfway in log-size: 0.5 wide.
            if i == 5 {
                assert!((c.w - 0.5).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn easing_starts_and_ends_gently() {
        let e = Easing::EaseInOut;
        assert_eq!(e.at(0.0), 0.0);
        assert_eq!(e.at(1.0), 1.0);
        assert!((e.at(0.5) - 0.5).abs() < 1e-12);
        assert!(e.at(0.1) < 0.1 && e.at(0.9) > 0.9);
        assert_eq!(e.at(f64::NAN), 0.0);
        assert_eq!(Easing::Linear.at(2.0), 1.0);
    }

    #[test]
    fn a_pure_pan_moves_at_a_steady_pace() {
        let a = Crop {
            x: 0.0,
            y: 0.1,
            w: 0.5,
            h: 0.5,
        };
        let b = Crop { x: 0.5, ..a };
        let c = crop_at(a, b, Easing::Linear, 0.25);
        assert!(close(c, Crop { x: 0.125, ..a }));
    }

    #[test]
    fn a_ratio_without_a_move_derives_one_from_the_ratio_last_edited() {
        let wide_start = crop::default_crop(Aspect::Wide, SIZE);
        let (_, m) = preset(MovePreset::ZoomIn, wide_start, Aspect::Wide, SIZE).unwrap();
        let mut moves = Moves::from([(Aspect::Wide, Some(m))]);
        assert_eq!(
            effective(&moves, Some(Aspect::Wide), Aspect::Wide, SIZE),
            Some(m)
        );
        let tall = effective(&moves, Some(Aspect::Wide), Aspect::Vertical, SIZE).unwrap();
        assert!((tall.end.pixel_ratio(SIZE) - 9.0 / 16.0).abs() < 1e-6);
        assert!(inside(tall.end));
        assert_eq!(effective(&Moves::new(), None, Aspect::Vertical, SIZE), None);
        // Told to hold still at 9:16, it does, whatever 16:9 does; other ratios still derive.
        moves.insert(Aspect::Vertical, None);
        assert_eq!(
            effective(&moves, Some(Aspect::Vertical), Aspect::Vertical, SIZE),
            None
        );
        assert!(effective(&moves, Some(Aspect::Vertical), Aspect::Square, SIZE).is_some());
    }

    #[test]
    fn a_move_reads_from_json_without_its_easing() {
        let m: CameraMove =
            serde_json::from_str(r#"{"end":{"x":0,"y":0,"w":0.5,"h":0.5}}"#).unwrap();
        assert_eq!(m.easing, Easing::Linear);
        let json = serde_json::to_string(&CameraMove {
            easing: Easing::EaseInOut,
            ..m
        })
        .unwrap();
        assert!(json.contains(r#""easing":"ease-in-out""#), "{json}");
    }
}
