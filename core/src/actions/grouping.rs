//! "Group into scenes": where a board's frames fall apart into scenes on their own.
//!
//! Photos of one scene are taken close together; between scenes the photographer walks, waits
//! or travels, so the capture time jumps. A jump is a gap far longer than the board's usual gap
//! between shots (and never less than [`MIN_JUMP`]). A board without capture times has nothing
//! to go by but the person: its new scene starts at the focused frame. Grouping never makes an
//! empty scene; with nothing to split at it does nothing (the button says how to give it a
//! place).

use crate::model::{Board, FrameId, Scene, SceneId, MAX_SCENES};

/// The shortest gap (seconds) between two shots that counts as a change of scene.
pub const MIN_JUMP: i64 = 10 * 60;

/// How many usual gaps a jump is at least: a gap this many times the median gap between shots.
const JUMP_FACTOR: i64 = 4;

/// The frames that would start a new scene, in story order: where the capture time jumps
/// (between consecutive timed frames of one scene; an untimed frame stays with the one before),
/// else the focused frame when it is not already first in its scene. Never more than the board's
/// room for scenes; with too many jumps the longest are kept.
pub fn scene_breaks(board: &Board, focused: Option<FrameId>) -> Vec<FrameId> {
    let room = MAX_SCENES.saturating_sub(board.scenes.len());
    if room == 0 {
        return Vec::new();
    }
    let usual_offset = super::most_common(
        board
            .frames()
            .filter_map(|f| board.photo_of(f)?.taken_at.as_ref()?.offset_minutes),
    )
    .unwrap_or(0);
    // (gap in seconds, the frame after the gap) between consecutive timed frames of a scene.
    let mut gaps: Vec<(i64, FrameId)> = Vec::new();
    for scene in &board.scenes {
        let mut last: Option<i64> = None;
        for frame in &scene.frames {
            let Some(t) = board
                .photo_of(frame)
                .and_then(|p| p.taken_at.as_ref())
                .map(|t| t.sort_key_assuming(usual_offset))
            else {
                continue;
            };
            if let Some(before) = last {
                gaps.push(((t - before).abs(), frame.id));
            }
            last = Some(t);
        }
    }
    if !gaps.is_empty() {
        let mut sorted: Vec<i64> = gaps.iter().map(|(g, _)| *g).collect();
        sorted.sort_unstable();
        let median = sorted[(sorted.len() - 1) / 2];
        let jump = MIN_JUMP.max(median.saturating_mul(JUMP_FACTOR));
        let mut jumps: Vec<(i64, FrameId)> = gaps.into_iter().filter(|(g, _)| *g >= jump).collect();
        if !jumps.is_empty() {
            // The longest jumps when there are more than the board has room for.
            crate::sort_by_number(&mut jumps, |j| -j.0);
            jumps.truncate(room);
            let mut breaks: Vec<FrameId> = jumps.into_iter().map(|(_, id)| id).collect();
            crate::sort_by_number(&mut breaks, |id| {
                board.index_of(*id).map_or(i64::MAX, |i| i as i64)
            });
            return breaks;
        }
    }
    focused
        .filter(|id| board.place_of(*id).is_some_and(|p| p.index > 0))
        .into_iter()
        .collect()
}

/// Starts a new (untitled) scene at each of `breaks`: that frame and the ones after it in its
/// scene move there. Returns `None` when nothing moved.
pub(super) fn split_at(board: &mut Board, breaks: &[FrameId]) -> Option<()> {
    let mut moved = false;
    for id in breaks {
        let Some(place) = board.place_of(*id).filter(|p| p.index > 0) else {
            continue;
        };
        if board.scenes.len() >= MAX_SCENES {
            break;
        }
        let rest = board.scenes[place.scene].frames.split_off(place.index);
        let scene = SceneId(board.allocate_id());
        board.scenes.insert(
            place.scene + 1,
            Scene {
                frames: rest,
                ..Scene::new(scene, String::new())
            }
            .into(),
        );
        moved = true;
    }
    moved.then_some(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{board_with, layout, photos, run};
    use super::*;
    use crate::actions::Action;
    use crate::model::CaptureTime;

    /// A one-scene board of photos taken at these times (`None`: no capture time); frame ids
    /// 2, 3, … in this order.
    fn shot_at(times: &[Option<&str>]) -> Board {
        let mut ps = photos(times.len());
        for (p, t) in ps.iter_mut().zip(times) {
            p.taken_at = t.and_then(|t| CaptureTime::from_exif(t, None));
        }
        run(
            &Board::default(),
            Action::AddPhotos {
                photos: ps,
                batch: 1,
            },
        )
        .unwrap()
    }

    fn group(board: &Board, focused: Option<u64>) -> Option<Board> {
        run(
            board,
            Action::GroupIntoScenes {
                focused: focused.map(FrameId),
            },
        )
    }

    #[test]
    fn splits_where_the_capture_time_jumps() {
        // A morning at the market, lunch, an evening at the beach.
        let b = shot_at(&[
            Some("2024:05:01 09:00:00"),
            Some("2024:05:01 09:01:30"),
            Some("2024:05:01 09:03:00"),
            Some("2024:05:01 12:30:00"),
            Some("2024:05:01 12:32:00"),
            Some("2024:05:01 18:45:00"),
            Some("2024:05:01 18:47:00"),
            Some("2024:05:01 18:50:00"),
        ]);
        let g = group(&b, None).unwrap();
        assert_eq!(
            layout(&g),
            vec![vec![2, 3, 4], vec![5, 6], vec![7, 8, 9]],
            "three scenes, none empty"
        );
        assert!(g.scenes.iter().all(|s| s.title.is_empty()));
        // Grouping again finds nothing new to split.
        assert_eq!(group(&g, None), None);
    }

    #[test]
    fn steady_shooting_is_one_scene_and_untimed_frames_stay_with_the_frame_before() {
        // A photo every 8 minutes: no jump, even though every gap is near MIN_JUMP.
        let steady: Vec<String> = (0..6)
            .map(|i| format!("2024:05:01 10:{:02}:00", i * 8))
            .collect();
        let b = shot_at(&steady.iter().map(|s| Some(s.as_str())).collect::<Vec<_>>());
        assert_eq!(scene_breaks(&b, None), Vec::new());
        // An untimed frame after the jump goes along with the frame before it.
        let b = shot_at(&[
            Some("2024:05:01 09:00:00"),
            None,
            Some("2024:05:01 09:02:00"),
            Some("2024:05:02 09:00:00"),
            None,
        ]);
        assert_eq!(
            layout(&group(&b, None).unwrap()),
            vec![vec![2, 3, 4], vec![5, 6]]
        );
    }

    #[test]
    fn without_capture_times_the_new_scene_starts_at_the_focused_frame() {
        let b = board_with(5);
        assert_eq!(
            layout(&group(&b, Some(4)).unwrap()),
            vec![vec![2, 3], vec![4, 5, 6]]
        );
        // Nothing to split at: no change, and above all no empty scene.
        assert_eq!(group(&b, None), None);
        assert_eq!(
            group(&b, Some(2)),
            None,
            "the first frame already starts its scene"
        );
        assert_eq!(group(&Board::default(), Some(2)), None);
    }

    #[test]
    fn never_more_scenes_than_the_limit() {
        // MAX_SCENES + 5 pairs of shots a minute apart, 15 minutes between pairs.
        let at = |minute: usize| {
            format!(
                "2024:05:{:02} {:02}:{:02}:00",
                1 + minute / 1440,
                minute % 1440 / 60,
                minute % 60
            )
        };
        let times: Vec<String> = (0..MAX_SCENES + 5)
            .flat_map(|k| [at(16 * k), at(16 * k + 1)])
            .collect();
        let b = shot_at(&times.iter().map(|s| Some(s.as_str())).collect::<Vec<_>>());
        let g = group(&b, None).unwrap();
        assert_eq!(g.scenes.len(), MAX_SCENES);
        assert!(g.scenes.iter().all(|s| !s.frames.is_empty()));
        assert_eq!(g.frame_count(), b.frame_count());
    }
}
