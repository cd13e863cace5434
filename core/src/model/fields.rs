//! A frame's shot-list fields and which of them a board shows on its cards.

use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

/// Framing of a shot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShotType {
    Wide,
    Medium,
    CloseUp,
    ExtremeCloseUp,
    OverTheShoulder,
    Insert,
    Custom(String),
}

impl ShotType {
    pub const PRESETS: [ShotType; 6] = [
        Self::Wide,
        Self::Medium,
        Self::CloseUp,
        Self::ExtremeCloseUp,
        Self::OverTheShoulder,
        Self::Insert,
    ];

    /// The catalogue's name of a preset (`None` for a custom value).
    fn key(&self) -> Option<(T, T)> {
        Some(match self {
            Self::Wide => (T::ShotWide, T::ShotWideShort),
            Self::Medium => (T::ShotMedium, T::ShotMediumShort),
            Self::CloseUp => (T::ShotCloseUp, T::ShotCloseUpShort),
            Self::ExtremeCloseUp => (T::ShotExtremeCloseUp, T::ShotExtremeCloseUpShort),
            Self::OverTheShoulder => (T::ShotOverShoulder, T::ShotOverShoulderShort),
            Self::Insert => (T::ShotInsert, T::ShotInsertShort),
            Self::Custom(_) => return None,
        })
    }

    /// "Close-up" / "特写"; a custom value as typed.
    pub fn label(&self, lang: Lang) -> &str {
        match (self.key(), self) {
            (Some((name, _)), _) => lang.t(name),
            (None, Self::Custom(s)) => s,
            (None, _) => unreachable!("only custom values have no key"),
        }
    }

    /// Short form for compact cards (WS, MS, CU, ECU, OTS, INS in English).
    pub fn abbreviation(&self, lang: Lang) -> &str {
        match (self.key(), self) {
            (Some((_, short)), _) => lang.t(short),
            (None, Self::Custom(s)) => s,
            (None, _) => unreachable!("only custom values have no key"),
        }
    }

    /// A preset by its label in any language, else a custom value (blank → `None`).
    pub fn from_label(label: &str) -> Option<Self> {
        choice(label, &Self::PRESETS, Self::label, Self::Custom)
    }
}

/// The preset whose label in any language matches `label` (any case), else `custom(label)`;
/// blank → `None`. So "close-up" typed in the Chinese interface is still the preset.
fn choice<P: Clone>(
    label: &str,
    presets: &[P],
    label_of: fn(&P, Lang) -> &str,
    custom: fn(String) -> P,
) -> Option<P> {
    let label = label.trim();
    if label.is_empty() {
        return None;
    }
    let preset = presets.iter().find(|p| {
        Lang::ALL
            .iter()
            .any(|lang| label_of(p, *lang).eq_ignore_ascii_case(label))
    });
    Some(preset.cloned().unwrap_or_else(|| custom(label.to_owned())))
}

/// How the camera moves during a shot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Static,
    Pan,
    Tilt,
    Dolly,
    Handheld,
    Custom(String),
}

impl Movement {
    pub const PRESETS: [Movement; 5] = [
        Self::Static,
        Self::Pan,
        Self::Tilt,
        Self::Dolly,
        Self::Handheld,
    ];

    /// "Pan" / "摇镜"; a custom value as typed.
    pub fn label(&self, lang: Lang) -> &str {
        let key = match self {
            Self::Static => T::MoveStatic,
            Self::Pan => T::MovePan,
            Self::Tilt => T::MoveTilt,
            Self::Dolly => T::MoveDolly,
            Self::Handheld => T::MoveHandheld,
            Self::Custom(s) => return s,
        };
        lang.t(key)
    }

    /// A preset by its label in any language, else a custom value (blank → `None`).
    pub fn from_label(label: &str) -> Option<Self> {
        choice(label, &Self::PRESETS, Self::label, Self::Custom)
    }
}

/// The fields a frame has beyond its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    ShotType,
    Movement,
    Duration,
    Dialogue,
    Notes,
}

impl FieldKind {
    pub const ALL: [FieldKind; 5] = [
        Self::ShotType,
        Self::Movement,
        Self::Duration,
        Self::Dialogue,
        Self::Notes,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Self::ShotType => T::FieldShotType,
            Self::Movement => T::FieldMovement,
            Self::Duration => T::FieldDuration,
            Self::Dialogue => T::FieldDialogue,
            Self::Notes => T::FieldNotes,
        })
    }
}

/// A new value for one field of a frame.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    ShotType(Option<ShotType>),
    Movement(Option<Movement>),
    /// Seconds; `None` clears it. Values are clamped to 0.1 – 3600 s.
    Duration(Option<f64>),
    Dialogue(String),
    Notes(String),
}

impl FieldValue {
    pub fn kind(&self) -> FieldKind {
        match self {
            Self::ShotType(_) => FieldKind::ShotType,
            Self::Movement(_) => FieldKind::Movement,
            Self::Duration(_) => FieldKind::Duration,
            Self::Dialogue(_) => FieldKind::Dialogue,
            Self::Notes(_) => FieldKind::Notes,
        }
    }
}

/// Shortest and longest duration a frame may have, in seconds.
pub const DURATION_RANGE: (f64, f64) = (0.1, 3600.0);
/// The duration a frame without one plays for in the animatic.
pub const DEFAULT_DURATION: f64 = crate::audio::DEFAULT_FRAME_SECONDS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_custom_values_survive() {
        for lang in Lang::ALL {
            for p in ShotType::PRESETS {
                assert_eq!(ShotType::from_label(p.label(lang)), Some(p.clone()));
            }
            for m in Movement::PRESETS {
                assert_eq!(Movement::from_label(m.label(lang)), Some(m.clone()));
            }
        }
        // A preset typed in the other language is still the preset, and stored as such.
        assert_eq!(ShotType::from_label("close-UP"), Some(ShotType::CloseUp));
        assert_eq!(ShotType::from_label("特写"), Some(ShotType::CloseUp));
        assert_eq!(Movement::from_label(" 左右摇 "), Some(Movement::Pan));
        assert_eq!(ShotType::CloseUp.label(Lang::Zh), "特写");
        assert_eq!(ShotType::CloseUp.abbreviation(Lang::En), "CU");
        assert_eq!(
            ShotType::from_label("  drone  "),
            Some(ShotType::Custom("drone".into()))
        );
        assert_eq!(ShotType::from_label(" "), None);
        assert_eq!(
            Movement::from_label("Steadicam"),
            Some(Movement::Custom("Steadicam".into()))
        );
        assert_eq!(
            serde_json::to_string(&ShotType::OverTheShoulder).unwrap(),
            "\"over_the_shoulder\""
        );
        assert_eq!(
            serde_json::to_string(&Movement::Custom("crane".into())).unwrap(),
            "{\"custom\":\"crane\"}"
        );
    }
}
