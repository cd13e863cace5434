//! Aspect ratios and non-destructive crops, as pure geometry.
//!
//! A [`Crop`] is a rectangle normalized to the *oriented* photo: (0, 0) is the top-left corner,
//! (1, 1) the bottom-right, whatever the photo's pixel size. A frame keeps one crop per
//! [`Aspect`], so switching the board from 16:9 to 9:16 and back restores each frame's own 16:9
//! crop; a ratio that has no crop yet is derived from the last one edited, keeping its centre.
//!
//! A crop may be larger than the photo along one axis (the "Fit" preset: the whole photo with
//! bars); along such an axis it is centred.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The board's frame shape.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Aspect {
    #[default]
    #[serde(rename = "16:9")]
    Wide,
    #[serde(rename = "4:3")]
    Standard,
    #[serde(rename = "3:2")]
    Photo,
    #[serde(rename = "1:1")]
    Square,
    #[serde(rename = "4:5")]
    Portrait,
    #[serde(rename = "9:16")]
    Vertical,
    #[serde(rename = "2.39:1")]
    Scope,
    /// Any shape: each frame keeps the shape of its own crop.
    #[serde(rename = "free")]
    Free,
}

impl Aspect {
    pub const ALL: [Aspect; 8] = [
        Self::Wide,
        Self::Standard,
        Self::Photo,
        Self::Square,
        Self::Portrait,
        Self::Vertical,
        Self::Scope,
        Self::Free,
    ];

    /// Width ÷ height, or `None` for [`Aspect::Free`].
    pub fn ratio(self) -> Option<f64> {
        Some(match self {
            Self::Wide => 16.0 / 9.0,
            Self::Standard => 4.0 / 3.0,
            Self::Photo => 3.0 / 2.0,
            Self::Square => 1.0,
            Self::Portrait => 4.0 / 5.0,
            Self::Vertical => 9.0 / 16.0,
            Self::Scope => 2.39,
            Self::Free => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Wide => "16:9",
            Self::Standard => "4:3",
            Self::Photo => "3:2",
            Self::Square => "1:1",
            Self::Portrait => "4:5",
            Self::Vertical => "9:16",
            Self::Scope => "2.39:1",
            Self::Free => "Free",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.label().eq_ignore_ascii_case(label))
    }
}

/// A rectangle normalized to the oriented photo.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Crop {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The smallest crop side, as a fraction of the photo (keeps handles usable).
pub const MIN_SIDE: f64 = 0.05;

impl Crop {
    pub const FULL: Crop = Crop {
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    };

    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Width ÷ height in pixels, for a photo of `size`.
    pub fn pixel_ratio(&self, size: (u32, u32)) -> f64 {
        (self.w * f64::from(size.0)) / (self.h * f64::from(size.1)).max(f64::MIN_POSITIVE)
    }

    fn centred_at(w: f64, h: f64, (cx, cy): (f64, f64)) -> Crop {
        Crop {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }
}

/// The normalized width ÷ height that has pixel ratio `ratio` on a photo of `size`.
fn normalized_ratio(ratio: f64, size: (u32, u32)) -> f64 {
    ratio * f64::from(size.1.max(1)) / f64::from(size.0.max(1))
}

/// The largest crop of pixel ratio `ratio` inside the photo, centred on `centre` as far as the
/// edges allow ("Fill": no bars).
pub fn fill(ratio: f64, size: (u32, u32), centre: (f64, f64)) -> Crop {
    let k = normalized_ratio(ratio, size);
    let (w, h) = if k >= 1.0 { (1.0, 1.0 / k) } else { (k, 1.0) };
    clamp_position(Crop::centred_at(w, h, centre))
}

/// The smallest crop of pixel ratio `ratio` that shows the whole photo ("Fit": bars on two sides).
pub fn fit(ratio: f64, size: (u32, u32)) -> Crop {
    let k = normalized_ratio(ratio, size);
    let (w, h) = if k >= 1.0 { (k, 1.0) } else { (1.0, 1.0 / k) };
    Crop::centred_at(w, h, (0.5, 0.5))
}

/// Keeps a crop on the photo: along an axis where it is smaller than the photo it stays inside;
/// along an axis where it is larger, it is centred.
fn clamp_position(mut c: Crop) -> Crop {
    c.x = if c.w <= 1.0 {
        c.x.clamp(0.0, 1.0 - c.w)
    } else {
        (1.0 - c.w) / 2.0
    };
    c.y = if c.h <= 1.0 {
        c.y.clamp(0.0, 1.0 - c.h)
    } else {
        (1.0 - c.h) / 2.0
    };
    c
}

/// Makes any rectangle a valid crop for `aspect` on a photo of `size`: the aspect's ratio (keeping
/// the area and centre), no smaller than [`MIN_SIDE`], no larger than [`fit`], on the photo.
/// Non-finite input gives the default crop.
pub fn clamp(c: Crop, aspect: Aspect, size: (u32, u32)) -> Crop {
    if ![c.x, c.y, c.w, c.h].iter().all(|v| v.is_finite()) || c.w <= 0.0 || c.h <= 0.0 {
        return default_crop(aspect, size);
    }
    let centre = c.centre();
    let (mut w, mut h) = (c.w, c.h);
    match aspect.ratio() {
        Some(ratio) => {
            let k = normalized_ratio(ratio, size);
            let area = w * h;
            h = (area / k).sqrt();
            w = h * k;
            let max = fit(ratio, size);
            if w > max.w {
                (w, h) = (max.w, max.h);
            }
            let min_scale = (MIN_SIDE / w).max(MIN_SIDE / h);
            if min_scale > 1.0 {
                (w, h) = (w * min_scale, h * min_scale);
            }
        }
        None => {
            w = w.clamp(MIN_SIDE, 1.0);
            h = h.clamp(MIN_SIDE, 1.0);
        }
    }
    clamp_position(Crop::centred_at(w, h, centre))
}

/// A new frame's crop: centred, as large as fits ([`Crop::FULL`] for free).
pub fn default_crop(aspect: Aspect, size: (u32, u32)) -> Crop {
    match aspect.ratio() {
        Some(ratio) => fill(ratio, size, (0.5, 0.5)),
        None => Crop::FULL,
    }
}

/// The crop a frame shows for `aspect`: its own, else one derived from the crop last edited
/// (same centre and pixel area, the new shape), else the default.
pub fn effective(
    crops: &BTreeMap<Aspect, Crop>,
    last_edited: Option<Aspect>,
    aspect: Aspect,
    size: (u32, u32),
) -> Crop {
    if let Some(own) = crops.get(&aspect) {
        return *own;
    }
    let Some(source) = last_edited
        .and_then(|a| crops.get(&a))
        .or_else(|| crops.values().next())
    else {
        return default_crop(aspect, size);
    };
    match aspect.ratio() {
        Some(_) => clamp(*source, aspect, size),
        None => clamp(*source, Aspect::Free, size),
    }
}

/// Moves a crop by (`dx`, `dy`) photo fractions, staying on the photo.
pub fn moved(c: Crop, dx: f64, dy: f64) -> Crop {
    clamp_position(Crop {
        x: c.x + dx,
        y: c.y + dy,
        ..c
    })
}

/// Grows (positive) or shrinks a crop about its centre by `delta` of its width, keeping its shape.
pub fn scaled(c: Crop, delta: f64, aspect: Aspect, size: (u32, u32)) -> Crop {
    let s = (1.0 + delta).max(0.01);
    let resized = Crop::centred_at(c.w * s, c.h * s, c.centre());
    match aspect {
        // Keep the crop's own shape when free, but respect the bounds.
        Aspect::Free => {
            let s = s
                .min(1.0 / c.w)
                .min(1.0 / c.h)
                .max(MIN_SIDE / c.w)
                .max(MIN_SIDE / c.h);
            clamp_position(Crop::centred_at(c.w * s, c.h * s, c.centre()))
        }
        _ => clamp(resized, aspect, size),
    }
}

/// A corner of a crop, for resizing with a handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

/// Resizes `start` by dragging `corner` to the point (`px`, `py`) (photo fractions), with the
/// opposite corner fixed. Locked to the aspect's ratio unless free.
pub fn resized_from_corner(
    start: Crop,
    corner: Corner,
    px: f64,
    py: f64,
    aspect: Aspect,
    size: (u32, u32),
) -> Crop {
    let (ax, ay) = match corner {
        Corner::TopLeft => (start.x + start.w, start.y + start.h),
        Corner::TopRight => (start.x, start.y + start.h),
        Corner::BottomLeft => (start.x + start.w, start.y),
        Corner::BottomRight => (start.x, start.y),
    };
    let (sx, sy) = match corner {
        Corner::TopLeft => (-1.0, -1.0),
        Corner::TopRight => (1.0, -1.0),
        Corner::BottomLeft => (-1.0, 1.0),
        Corner::BottomRight => (1.0, 1.0),
    };
    // Extent from the anchor towards the pointer, never inverted; bounded by the photo edge on
    // that side, since a handle drag stays within the photo.
    let room_x = if sx > 0.0 { 1.0 - ax } else { ax };
    let room_y = if sy > 0.0 { 1.0 - ay } else { ay };
    let mut w = ((px - ax) * sx).clamp(MIN_SIDE, room_x.max(MIN_SIDE));
    let mut h = ((py - ay) * sy).clamp(MIN_SIDE, room_y.max(MIN_SIDE));
    if let Some(ratio) = aspect.ratio() {
        let k = normalized_ratio(ratio, size);
        // Follow whichever side the pointer pulled further, then fit the room on both axes.
        if w / k > h {
            h = w / k
        } else {
            w = h * k
        }
        let shrink = (room_x.max(MIN_SIDE) / w)
            .min(room_y.max(MIN_SIDE) / h)
            .min(1.0);
        w *= shrink;
        h *= shrink;
    }
    let x = if sx > 0.0 { ax } else { ax - w };
    let y = if sy > 0.0 { ay } else { ay - h };
    clamp(Crop { x, y, w, h }, aspect, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANDSCAPE: (u32, u32) = (4032, 3024);
    const PORTRAIT: (u32, u32) = (3024, 4032);

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn assert_ratio(c: Crop, size: (u32, u32), ratio: f64) {
        assert!(
            (c.pixel_ratio(size) - ratio).abs() < 1e-6,
            "{c:?} has ratio {} not {ratio}",
            c.pixel_ratio(size)
        );
    }

    fn assert_inside(c: Crop) {
        let eps = 1e-9;
        assert!(
            c.x >= -eps && c.y >= -eps && c.x + c.w <= 1.0 + eps && c.y + c.h <= 1.0 + eps,
            "{c:?} leaves the photo"
        );
    }

    #[test]
    fn default_crops_are_centred_and_as_large_as_fit() {
        for aspect in Aspect::ALL {
            for size in [LANDSCAPE, PORTRAIT, (1000, 1000), (6000, 1000)] {
                let c = default_crop(aspect, size);
                assert_inside(c);
                assert!(
                    close(c.centre().0, 0.5) && close(c.centre().1, 0.5),
                    "{aspect:?} {size:?}"
                );
                assert!(close(c.w, 1.0) || close(c.h, 1.0), "touches two edges");
                if let Some(r) = aspect.ratio() {
                    assert_ratio(c, size, r);
                }
            }
        }
        let wide = default_crop(Aspect::Wide, LANDSCAPE);
        assert!(close(wide.w, 1.0) && close(wide.h, 0.75));
        assert_eq!(default_crop(Aspect::Free, LANDSCAPE), Crop::FULL);
    }

    #[test]
    fn fit_shows_the_whole_photo_with_bars() {
        let c = fit(16.0 / 9.0, PORTRAIT);
        assert_ratio(c, PORTRAIT, 16.0 / 9.0);
        assert!(close(c.h, 1.0) && c.w > 1.0 && close(c.centre().0, 0.5));
        // clamp leaves a fit crop alone
        assert_eq!(clamp(c, Aspect::Wide, PORTRAIT), c);
    }

    #[test]
    fn clamp_enforces_ratio_bounds_and_edges() {
        let c = clamp(
            Crop {
                x: 0.9,
                y: 0.9,
                w: 0.5,
                h: 0.1,
            },
            Aspect::Square,
            LANDSCAPE,
        );
        assert_ratio(c, LANDSCAPE, 1.0);
        assert_inside(c);
        let tiny = clamp(
            Crop {
                x: 0.5,
                y: 0.5,
                w: 0.001,
                h: 0.001,
            },
            Aspect::Wide,
            LANDSCAPE,
        );
        assert!(tiny.w >= MIN_SIDE - 1e-12 && tiny.h >= MIN_SIDE - 1e-12);
        let huge = clamp(
            Crop {
                x: -3.0,
                y: -3.0,
                w: 9.0,
                h: 9.0,
            },
            Aspect::Wide,
            LANDSCAPE,
        );
        assert_eq!(huge, fit(16.0 / 9.0, LANDSCAPE));
        assert_eq!(
            clamp(
                Crop {
                    x: f64::NAN,
                    y: 0.0,
                    w: 1.0,
                    h: 1.0
                },
                Aspect::Wide,
                LANDSCAPE
            ),
            default_crop(Aspect::Wide, LANDSCAPE)
        );
        let free = clamp(
            Crop {
                x: -0.2,
                y: 0.5,
                w: 0.3,
                h: 0.9,
            },
            Aspect::Free,
            LANDSCAPE,
        );
        assert_inside(free);
        assert!(close(free.w, 0.3) && close(free.h, 0.9));
    }

    #[test]
    fn moving_stops_at_the_edges() {
        let c = default_crop(Aspect::Square, LANDSCAPE); // w = 0.75, h = 1
        let right = moved(c, 1.0, 0.0);
        assert!(close(right.x, 0.25) && close(right.y, 0.0));
        let left = moved(c, -1.0, 0.3);
        assert!(close(left.x, 0.0) && close(left.y, 0.0), "no vertical room");
    }

    #[test]
    fn scaling_keeps_centre_and_shape() {
        let c = fill(1.0, LANDSCAPE, (0.5, 0.5));
        let smaller = scaled(c, -0.2, Aspect::Square, LANDSCAPE);
        assert_ratio(smaller, LANDSCAPE, 1.0);
        assert!(close(smaller.centre().0, 0.5) && close(smaller.w, c.w * 0.8));
        let back = scaled(smaller, 10.0, Aspect::Square, LANDSCAPE);
        assert!(back.w <= fit(1.0, LANDSCAPE).w + 1e-12);
        let free = scaled(
            Crop {
                x: 0.1,
                y: 0.1,
                w: 0.4,
                h: 0.2,
            },
            0.5,
            Aspect::Free,
            LANDSCAPE,
        );
        assert!(close(free.w / free.h, 2.0));
    }

    #[test]
    fn corner_resize_keeps_the_opposite_corner_and_the_ratio() {
        let start = Crop {
            x: 0.25,
            y: 0.25,
            w: 0.5,
            h: 0.5 * 4032.0 / 3024.0 * 9.0 / 16.0,
        };
        let start = clamp(start, Aspect::Wide, LANDSCAPE);
        let r = resized_from_corner(
            start,
            Corner::BottomRight,
            0.9,
            0.9,
            Aspect::Wide,
            LANDSCAPE,
        );
        assert!(
            close(r.x, start.x) && close(r.y, start.y),
            "top-left anchored"
        );
        assert_ratio(r, LANDSCAPE, 16.0 / 9.0);
        assert_inside(r);
        assert!(r.w > start.w);
        let tl = resized_from_corner(start, Corner::TopLeft, -0.5, -0.5, Aspect::Wide, LANDSCAPE);
        assert!(
            close(tl.x + tl.w, start.x + start.w) && close(tl.y + tl.h, start.y + start.h),
            "bottom-right anchored"
        );
        assert_inside(tl);
        // Dragging past the anchor does not invert the crop.
        let inverted = resized_from_corner(
            start,
            Corner::BottomRight,
            0.0,
            0.0,
            Aspect::Wide,
            LANDSCAPE,
        );
        assert!(inverted.w > 0.0 && inverted.h > 0.0);
        let free = resized_from_corner(
            Crop::FULL,
            Corner::TopRight,
            0.6,
            0.3,
            Aspect::Free,
            LANDSCAPE,
        );
        assert!(
            close(free.x, 0.0) && close(free.w, 0.6) && close(free.y, 0.3) && close(free.h, 0.7)
        );
    }

    #[test]
    fn a_missing_ratio_is_derived_from_the_last_edited_crop_keeping_its_centre() {
        let mut crops = BTreeMap::new();
        let mine = Crop {
            x: 0.3,
            y: 0.3,
            w: 0.4,
            h: 0.4 * 4032.0 / 3024.0 * 9.0 / 16.0,
        };
        let mine = clamp(mine, Aspect::Wide, LANDSCAPE);
        crops.insert(Aspect::Wide, mine);
        let vertical = effective(&crops, Some(Aspect::Wide), Aspect::Vertical, LANDSCAPE);
        assert_ratio(vertical, LANDSCAPE, 9.0 / 16.0);
        assert!(
            close(vertical.centre().0, mine.centre().0)
                && close(vertical.centre().1, mine.centre().1)
        );
        assert!(
            (vertical.w * vertical.h - mine.w * mine.h).abs() < 1e-9,
            "same area"
        );
        // Near an edge the centre moves only as far as needed to stay on the photo.
        crops.insert(
            Aspect::Wide,
            clamp(
                Crop {
                    x: 0.0,
                    y: 0.0,
                    w: 0.4,
                    h: 0.3,
                },
                Aspect::Wide,
                LANDSCAPE,
            ),
        );
        let edge = effective(&crops, Some(Aspect::Wide), Aspect::Vertical, LANDSCAPE);
        assert!(close(edge.y, 0.0) && close(edge.centre().0, crops[&Aspect::Wide].centre().0));
        crops.insert(Aspect::Wide, mine);
        // Its own crop wins once it has one.
        crops.insert(Aspect::Vertical, default_crop(Aspect::Vertical, LANDSCAPE));
        assert_eq!(
            effective(&crops, Some(Aspect::Wide), Aspect::Vertical, LANDSCAPE),
            default_crop(Aspect::Vertical, LANDSCAPE)
        );
        assert_eq!(
            effective(&crops, Some(Aspect::Vertical), Aspect::Wide, LANDSCAPE),
            mine
        );
        assert_eq!(
            effective(&BTreeMap::new(), None, Aspect::Square, LANDSCAPE),
            default_crop(Aspect::Square, LANDSCAPE)
        );
    }

    #[test]
    fn aspect_labels_round_trip_and_serialize_readably() {
        for a in Aspect::ALL {
            assert_eq!(Aspect::from_label(a.label()), Some(a));
        }
        assert_eq!(serde_json::to_string(&Aspect::Scope).unwrap(), "\"2.39:1\"");
        assert_eq!(
            serde_json::from_str::<Aspect>("\"9:16\"").unwrap(),
            Aspect::Vertical
        );
    }
}
