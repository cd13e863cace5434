//! Selection: click, Ctrl/Cmd+click, Shift+click, Shift+arrows — and keeping it valid after edits.

use super::{Action, Focus};
use crate::model::{Board, FrameId, Selection};

/// The selection after a selection action; `None` for any other action (or an unknown frame).
pub(super) fn select(board: &Board, current: &Selection, action: &Action) -> Option<Selection> {
    let order: Vec<FrameId> = board.frames().map(|f| f.id).collect();
    let range = |a: FrameId, b: FrameId| -> Option<Vec<FrameId>> {
        let (i, j) = (
            order.iter().position(|x| *x == a)?,
            order.iter().position(|x| *x == b)?,
        );
        Some(order[i.min(j)..=i.max(j)].to_vec())
    };
    match action {
        Action::Select(None) => Some(Selection::default()),
        Action::Select(Some(id)) => order.contains(id).then(|| Selection::only(*id)),
        Action::ToggleSelected(id) => {
            if !order.contains(id) {
                return Some(current.clone());
            }
            let mut next = current.clone();
            if !next.selected.remove(id) {
                next.selected.insert(*id);
            }
            next.focused = Some(*id);
            next.anchor = Some(*id);
            Some(next)
        }
        Action::SelectRange(id) => {
            let anchor = current
                .anchor
                .or(current.focused)
                .filter(|a| order.contains(a))
                .unwrap_or(*id);
            let Some(span) = range(anchor, *id) else {
                return Some(current.clone());
            };
            Some(Selection {
                focused: Some(*id),
                selected: span.into_iter().collect(),
                anchor: Some(anchor),
            })
        }
        Action::ExtendSelection(by) => {
            let Some(focus) = current
                .focused
                .and_then(|f| order.iter().position(|x| *x == f))
            else {
                return Some(
                    order
                        .first()
                        .map_or_else(Selection::default, |f| Selection::only(*f)),
                );
            };
            let to = order[focus.saturating_add_signed(*by).min(order.len() - 1)];
            let anchor = current
                .anchor
                .filter(|a| order.contains(a))
                .unwrap_or(order[focus]);
            let span = range(anchor, to).unwrap_or_default();
            Some(Selection {
                focused: Some(to),
                selected: span.into_iter().collect(),
                anchor: Some(anchor),
            })
        }
        Action::SelectAll => Some(Selection {
            focused: current.focused.or(order.first().copied()),
            selected: order.iter().copied().collect(),
            anchor: order.first().copied(),
        }),
        _ => None,
    }
}

/// The selection after an edit: frames that no longer exist leave it; `focus` says where the
/// keyboard goes next.
pub(super) fn after_edit(board: &Board, current: &Selection, focus: Focus) -> Selection {
    let exists = |id: &FrameId| board.frame(*id).is_some();
    match focus {
        Focus::Keep => Selection {
            focused: current.focused.filter(exists),
            selected: current.selected.iter().copied().filter(exists).collect(),
            anchor: current.anchor.filter(exists),
        },
        // Editing one of several selected frames keeps the others selected.
        Focus::Frame(id) if current.selected.contains(&id) => Selection {
            focused: Some(id),
            ..after_edit(board, current, Focus::Keep)
        },
        Focus::Frame(id) | Focus::Only(id) => Selection::only(id),
        Focus::Frames(ids) => {
            let Some(first) = ids.first().copied() else {
                return Selection::default();
            };
            let focused = current.focused.filter(|f| ids.contains(f)).unwrap_or(first);
            Selection {
                focused: Some(focused),
                selected: ids.into_iter().collect(),
                anchor: Some(first),
            }
        }
    }
}
