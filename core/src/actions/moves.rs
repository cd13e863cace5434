//! Moving blocks of frames between gaps, within and across scenes.

use crate::model::{Board, CowRc, Frame, FrameId, SceneId};

/// A place between frames: before frame `index` of `scene` (`index` = its length: at its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub scene: SceneId,
    pub index: usize,
}

/// Takes the listed frames out of the board, in story order. Only the scenes that hold one are
/// written to (copied, if shared); the frames themselves move as pointers.
fn take(board: &mut Board, frames: &[FrameId]) -> Vec<CowRc<Frame>> {
    let mut taken = Vec::new();
    for scene in board
        .scenes
        .iter_mut()
        .filter(|s| s.frames.iter().any(|f| frames.contains(&f.id)))
    {
        let (out, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut scene.frames)
            .into_iter()
            .partition(|f| frames.contains(&f.id));
        scene.frames = keep;
        taken.extend(out);
    }
    taken
}

fn insert(board: &mut Board, scene: usize, index: usize, block: Vec<CowRc<Frame>>) -> Vec<FrameId> {
    let ids = block.iter().map(|f| f.id).collect();
    let frames = &mut board.scenes[scene].frames;
    let index = index.min(frames.len());
    frames.splice(index..index, block);
    ids
}

/// Moves `frames` into `to` (measured before the move). `None` if none of them exist.
pub(super) fn move_to_gap(board: &mut Board, frames: &[FrameId], to: Gap) -> Option<Vec<FrameId>> {
    let scene = board.scene_index(to.scene)?;
    let list = &board.scenes[scene].frames;
    let index = to.index.min(list.len());
    let moved_before = list[..index]
        .iter()
        .filter(|f| frames.contains(&f.id))
        .count();
    let block = take(board, frames);
    if block.is_empty() {
        return None;
    }
    Some(insert(board, scene, index - moved_before, block))
}

/// The scene index and in-scene index where the block starts once it is taken out.
fn origin(board: &Board, frames: &[FrameId]) -> Option<(usize, usize)> {
    let first = frames.iter().filter_map(|id| board.place_of(*id)).min()?;
    let before = board.scenes[first.scene].frames[..first.index]
        .iter()
        .filter(|f| !frames.contains(&f.id))
        .count();
    Some((first.scene, before))
}

/// Moves the block `by` gap steps; `None` past either end of the board.
pub(super) fn nudge(board: &mut Board, frames: &[FrameId], by: isize) -> Option<Vec<FrameId>> {
    let (mut scene, mut index) = origin(board, frames)?;
    if by == 0 {
        return None;
    }
    let block = take(board, frames);
    for _ in 0..by.unsigned_abs() {
        if by > 0 {
            if index < board.scenes[scene].frames.len() {
                index += 1;
            } else if scene + 1 < board.scenes.len() {
                (scene, index) = (scene + 1, 0);
            } else {
                return None;
            }
        } else if index > 0 {
            index -= 1;
        } else if scene > 0 {
            scene -= 1;
            index = board.scenes[scene].frames.len();
        } else {
            return None;
        }
    }
    Some(insert(board, scene, index, block))
}

/// Moves the block to the end of the previous scene (`by` < 0) or the start of the next.
pub(super) fn to_adjacent_scene(
    board: &mut Board,
    frames: &[FrameId],
    by: isize,
) -> Option<Vec<FrameId>> {
    let (scene, _) = origin(board, frames)?;
    let target = scene
        .checked_add_signed(by.signum())
        .filter(|t| *t < board.scenes.len() && by != 0)?;
    let block = take(board, frames);
    let index = if by < 0 {
        board.scenes[target].frames.len()
    } else {
        0
    };
    Some(insert(board, target, index, block))
}
