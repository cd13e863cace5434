use super::frame_card::{DropMark, FrameCard};
use super::use_lang;
use crate::actions::Gap;
use crate::i18n::{Lang, T};
use crate::model::{Board, CowRc, FieldKind, Frame, FrameId, PhotoId, Selection};
use crate::page::app::Shared;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Frames a [`FrameRun`] holds: a board of 2 000 frames is 40 runs, and typing in one caption
/// re-renders one run (its 50 cards compared, one re-rendered) instead of all 2 000 cards.
pub const RUN_LENGTH: usize = 50;

/// A run of consecutive frames of one scene, `start..start + len`.
#[derive(Properties)]
pub struct FrameRunProps {
    pub board: Shared<Board>,
    pub scene: usize,
    pub start: usize,
    pub len: usize,
    pub selection: Selection,
    pub thumbnails: Shared<HashMap<PhotoId, String>>,
    /// The frames being dragged, and the gap a drop would put them in.
    pub dragged: Rc<Vec<FrameId>>,
    pub gap: Option<Gap>,
    pub on_drag_start: Callback<(FrameId, PointerEvent)>,
}

impl FrameRunProps {
    fn frames(&self) -> &[CowRc<Frame>] {
        self.board
            .scenes
            .get(self.scene)
            .and_then(|s| s.frames.get(self.start..self.start + self.len))
            .unwrap_or_default()
    }

    fn drop_mark(&self, index: usize) -> DropMark {
        let Some(scene) = self.board.scenes.get(self.scene) else {
            return DropMark::None;
        };
        match self.gap {
            Some(g) if g.scene == scene.id && g.index == index => DropMark::Before,
            Some(g)
                if g.scene == scene.id && g.index == scene.frames.len() && index + 1 == g.index =>
            {
                DropMark::After
            }
            _ => DropMark::None,
        }
    }

    fn numbered_by_scene(&self) -> bool {
        self.board.scenes.len() > 1
    }
}

/// Equal when every card of the run would show the same: the run is then not re-rendered. This
/// compares only the run's own frames (and what the board says about their photos), so a change
/// elsewhere on a big board costs a walk over frames, not a render of every card. A frame an edit
/// did not touch is the same allocation in both boards ([`CowRc`]), and so is the photo list
/// unless photos came or went: then the walk compares pointers, not captions and photo names.
impl PartialEq for FrameRunProps {
    fn eq(&self, other: &Self) -> bool {
        if (self.scene, self.start, self.len) != (other.scene, other.start, other.len)
            || self.on_drag_start != other.on_drag_start
        {
            return false;
        }
        let (a, b) = (&*self.board, &*other.board);
        if self.numbered_by_scene() != other.numbered_by_scene()
            || a.aspect != b.aspect
            || a.visible_fields != b.visible_fields
        {
            return false;
        }
        let (frames, theirs) = (self.frames(), other.frames());
        if frames.len() != theirs.len() {
            return false;
        }
        let same_board = self.board == other.board;
        let same_photos = CowRc::ptr_eq(&a.photos, &b.photos);
        let same_thumbnails = self.thumbnails == other.thumbnails;
        let same_selection = self.selection == other.selection;
        // A drop mark after a scene's last card depends on the scene's length too.
        let same_drag = (Rc::ptr_eq(&self.dragged, &other.dragged)
            || self.dragged.is_empty() && other.dragged.is_empty())
            && self.gap == other.gap
            && (same_board || self.gap.is_none());
        if same_board && same_thumbnails && same_selection && same_drag {
            return true;
        }
        frames.iter().zip(theirs).enumerate().all(|(i, (f, g))| {
            (same_board
                || (CowRc::ptr_eq(f, g) && same_photos)
                || (f == g && a.photo_of(f) == b.photo_of(g)))
                && (same_thumbnails
                    || f.photo.as_ref().map(|p| self.thumbnails.get(p))
                        == g.photo.as_ref().map(|p| other.thumbnails.get(p)))
                && (same_selection
                    || (self.selection.selected.contains(&f.id)
                        == other.selection.selected.contains(&g.id)
                        && (self.selection.focused == Some(f.id))
                            == (other.selection.focused == Some(g.id))))
                && (same_drag
                    || (self.dragged.contains(&f.id) == other.dragged.contains(&g.id)
                        && self.drop_mark(self.start + i) == other.drop_mark(other.start + i)))
        })
    }
}

/// The cards of a run of frames (no element of its own: the cards stay children of the scene's
/// list, so the grid, the drop geometry and the keyed reorders are those of plain cards).
#[component]
pub fn FrameRun(props: &FrameRunProps) -> Html {
    let lang = use_lang();
    let scene_number = props.scene + 1;
    html! {
        <>
            { for props.frames().iter().enumerate().map(|(i, frame)| {
                let index = props.start + i;
                let number = if props.numbered_by_scene() { format!("{scene_number}.{}", index + 1) } else { (index + 1).to_string() };
                card(props, frame, number, props.dragged.contains(&frame.id), props.drop_mark(index), lang)
            }) }
        </>
    }
}

/// One frame card, with everything it shows worked out from the board.
/// `number` is the frame's [`Board::number_of`], worked out from the loop's own indices (a lookup
/// per card would make every render quadratic in the board's size).
fn card(
    props: &FrameRunProps,
    frame: &CowRc<Frame>,
    number: String,
    dragging: bool,
    drop_mark: DropMark,
    lang: Lang,
) -> Html {
    let board = &*props.board;
    let photo = board.photo_of(frame);
    let crop = board.crop_of(frame);
    let ratio = match (board.aspect.ratio(), crop, photo) {
        (Some(r), _, _) => r,
        (None, Some(c), Some(p)) => c.pixel_ratio((p.width, p.height)),
        _ => 4.0 / 3.0,
    };
    let details = details(board, frame, lang);
    // Most frames hold still: they cost no lookup (boards have thousands of cards).
    let camera_move = if frame.camera_moves.is_empty() {
        None
    } else {
        board.camera_move_of(frame).map(|(_, m)| m)
    };
    html! {
        <FrameCard key={frame.id.0} frame={CowRc::clone(frame)}
            number={AttrValue::from(number)}
            {crop} {ratio} details={AttrValue::from(details)}
            {camera_move}
            taken={photo.and_then(|p| p.taken_at.as_ref()).map(|t| AttrValue::from(lang.local_date_time(&t.short())))}
            thumbnail={frame.photo.as_ref().and_then(|p| props.thumbnails.get(p)).map(|u| AttrValue::from(u.clone()))}
            photo_name={photo.map(|p| AttrValue::from(p.name.clone())).unwrap_or_default()}
            selected={props.selection.selected.contains(&frame.id)}
            focused={props.selection.focused == Some(frame.id)}
            {dragging} {drop_mark} on_drag_start={props.on_drag_start.clone()}
            peaks={frame.narration.as_ref().and_then(|n| board.audio.get(&n.audio)).map(|m| std::rc::Rc::<[u8]>::from(m.peaks.as_slice()))} />
    }
}

/// The compact field line a card shows: "CU · Pan · 0:03", per the board's visible fields.
fn details(board: &Board, frame: &Frame, lang: Lang) -> String {
    let shows = |k| board.visible_fields.contains(&k);
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = frame
        .shot_type
        .as_ref()
        .filter(|_| shows(FieldKind::ShotType))
    {
        parts.push(s.abbreviation(lang).to_owned());
    }
    if let Some(m) = frame
        .movement
        .as_ref()
        .filter(|_| shows(FieldKind::Movement))
    {
        parts.push(m.label(lang).to_owned());
    }
    if let Some(d) = frame.duration.filter(|_| shows(FieldKind::Duration)) {
        parts.push(lang.duration(d));
    }
    if shows(FieldKind::Dialogue) && !frame.dialogue.is_empty() {
        parts.push(lang.f(T::Quoted, &[("text", &frame.dialogue)]));
    }
    if shows(FieldKind::Notes) && !frame.notes.is_empty() {
        parts.push(frame.notes.clone());
    }
    parts.join(" · ")
}
