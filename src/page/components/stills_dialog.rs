use super::dialog_focus::use_dialog_focus;
use super::{use_lang, Dispatch};
use crate::i18n::{Message, T};
use crate::page::app::StillsClip;
use crate::page::services::importer;
use crate::page::services::video_stills::{self, Auto, Pick, Progress};
use crate::storage::BoardId;
use crate::video::timecode;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StillsDialogProps {
    pub clip: StillsClip,
    /// Frames the board has room for.
    pub room: usize,
    pub board: Option<BoardId>,
}

/// Thumbnails in the filmstrip under the clip.
const STRIP: usize = 8;
/// The filmstrip: each thumbnail's time and `data:` URL, once made.
type Strip = Vec<Option<(f64, String)>>;
/// A step of the ‹ › buttons and the , . keys (s): a frame of 30 fps video.
const FRAME_STEP: f64 = 1.0 / 30.0;

/// Stills from a video clip: the clip with a scrubber and a filmstrip; Add (or A) picks the frame
/// shown, or picks come every N seconds or at scene changes (with progress and Stop); the picks
/// become frames in one step.
#[component]
pub fn StillsDialog(props: &StillsDialogProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let close_button = use_dialog_focus(None);
    let video = use_node_ref();
    let force = use_force_update();
    let picks: Rc<RefCell<Vec<Pick>>> = use_mut_ref(Vec::new);
    let strip: Rc<RefCell<Strip>> = use_mut_ref(|| vec![None; STRIP]);
    let strip_done = use_state(|| false);
    let position = use_state(|| 0.0f64);
    let every = use_state(|| "2".to_string());
    let busy: Rc<RefCell<Option<Message>>> = use_mut_ref(|| None);
    let note: Rc<RefCell<Option<Message>>> = use_mut_ref(|| None);
    let cancel: Rc<RefCell<Rc<Cell<bool>>>> = use_mut_ref(|| Rc::new(Cell::new(false)));
    let id = props.clip.id;
    let clip = video_stills::clip(id);
    let duration = clip.as_ref().map_or(0.0, |c| c.duration);

    {
        let (strip, force, strip_done) = (strip.clone(), force.clone(), strip_done.clone());
        use_effect_with(id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(clip) = video_stills::clip(id) {
                    video_stills::filmstrip(&clip, STRIP, |i, at, url| {
                        strip.borrow_mut()[i] = Some((at, url));
                        force.force_update();
                    })
                    .await;
                }
                strip_done.set(true);
            });
        });
    }
    {
        // Picks not added are let go when the dialog goes.
        let picks = picks.clone();
        use_effect_with((), move |_| move || video_stills::forget(&picks.borrow()))
    }

    let seek_to = {
        let (video, position) = (video.clone(), position.clone());
        move |at: f64| {
            if let Some(v) = video.cast::<web_sys::HtmlVideoElement>() {
                let at = at.clamp(0.0, (duration - 0.001).max(0.0));
                v.set_current_time(at);
                position.set(at);
            }
        }
    };
    let add = {
        let (video, picks, force, note) =
            (video.clone(), picks.clone(), force.clone(), note.clone());
        Rc::new(move || {
            let Some(v) = video.cast::<web_sys::HtmlVideoElement>() else {
                return;
            };
            let (picks, force, note) = (picks.clone(), force.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match video_stills::pick(&v).await {
                    Ok(p) => insert(&mut picks.borrow_mut(), vec![p]),
                    Err(e) => *note.borrow_mut() = Some(e),
                }
                force.force_update();
            });
        })
    };
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| video_stills::close(dispatch.clone()))
    };
    let on_key = {
        let (add, dispatch, seek_to, position) = (
            add.clone(),
            dispatch.clone(),
            seek_to.clone(),
            position.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let typing = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.type_() != "range");
            match e.key().as_str() {
                "Escape" => video_stills::close(dispatch.clone()),
                "a" | "A" if !typing && !e.ctrl_key() && !e.meta_key() => {
                    e.prevent_default();
                    add();
                }
                "," if !typing => seek_to(*position - FRAME_STEP),
                "." if !typing => seek_to(*position + FRAME_STEP),
                _ => {}
            }
        })
    };
    let on_scrub = {
        let seek_to = seek_to.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                seek_to(input.value_as_number());
            }
        })
    };
    let on_time = {
        let (video, position) = (video.clone(), position.clone());
        Callback::from(move |_: Event| {
            if let Some(v) = video.cast::<web_sys::HtmlVideoElement>() {
                position.set(v.current_time());
            }
        })
    };
    let room_left = props.room.saturating_sub(picks.borrow().len());
    let run_auto = |how: fn(f64) -> Option<Auto>| {
        let (picks, force, busy, note, cancel, every) = (
            picks.clone(),
            force.clone(),
            busy.clone(),
            note.clone(),
            cancel.clone(),
            every.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let step = every.replace(',', ".").trim().parse::<f64>().unwrap_or(0.0);
            let (Some(how), Some(clip)) = (how(step), video_stills::clip(id)) else {
                return;
            };
            let stop = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = stop.clone();
            *note.borrow_mut() = None;
            let (picks, force, busy, note) =
                (picks.clone(), force.clone(), busy.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let progress = |p: Progress| {
                    *busy.borrow_mut() = Some(match p {
                        Progress::Scanning(done, total) => Message::new(T::StillsScanning)
                            .with_number("done", done)
                            .with_number("total", total),
                        Progress::Taking(done, total) => Message::new(T::StillsTaking)
                            .with_number("done", done)
                            .with_number("total", total),
                    });
                    force.force_update();
                };
                let found = video_stills::auto(&clip, how, room_left, stop.clone(), progress).await;
                insert(&mut picks.borrow_mut(), found);
                *busy.borrow_mut() = None;
                if stop.get() {
                    *note.borrow_mut() = Some(Message::new(T::StillsCancelled));
                }
                force.force_update();
            });
        })
    };
    let pick_every = run_auto(|step| (step >= 0.1).then_some(Auto::Every(step)));
    let pick_scenes = run_auto(|_| Some(Auto::Scenes));
    let stop = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().set(true))
    };
    let commit = {
        let (picks, dispatch, name, room, board) = (
            picks.clone(),
            dispatch.clone(),
            props.clip.name.clone(),
            props.room,
            props.board.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let taken = std::mem::take(&mut *picks.borrow_mut());
            let stills = video_stills::commit(&name, taken);
            importer::import_stills(stills, room, board.clone(), dispatch.clone());
            // Closes the dialog and opens the next clip waiting.
            video_stills::close(dispatch.clone());
        })
    };
    let on_every = {
        let every = every.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                every.set(input.value());
            }
        })
    };

    let working = busy.borrow().is_some() || !*strip_done;
    let count = picks.borrow().len();
    let url = clip.as_ref().map(|c| c.url.clone()).unwrap_or_default();
    html! {
        <div class="dialog-backdrop" onkeydown={on_key}>
            <div class="dialog stills-dialog" role="dialog" aria-modal="true" aria-labelledby="stills-title">
                <div class="dialog-header">
                    <h2 id="stills-title">{ lang.f(T::StillsTitle, &[("name", &props.clip.name)]) }</h2>
                    <button type="button" class="button" ref={close_button} onclick={close.clone()}>{ lang.t(T::Close) }</button>
                </div>
                <p class="stills-hint">{ lang.t(T::StillsHint) }</p>
                <video class="stills-video" ref={video} src={url} muted=true playsinline=true preload="auto"
                    onseeked={on_time.clone()} ontimeupdate={on_time} />
                <div class="stills-scrub">
                    <button type="button" class="button" aria-label={lang.t(T::StillsStepBack)} title={lang.t(T::StillsStepBack)}
                        onclick={{ let (s, p) = (seek_to.clone(), position.clone()); Callback::from(move |_: MouseEvent| s(*p - FRAME_STEP)) }}>{ "‹" }</button>
                    <input type="range" class="stills-position" min="0" max={duration.to_string()} step="any"
                        value={position.to_string()} aria-label={lang.t(T::StillsPosition)} oninput={on_scrub} />
                    <button type="button" class="button" aria-label={lang.t(T::StillsStepOn)} title={lang.t(T::StillsStepOn)}
                        onclick={{ let (s, p) = (seek_to.clone(), position.clone()); Callback::from(move |_: MouseEvent| s(*p + FRAME_STEP)) }}>{ "›" }</button>
                    <span class="stills-time">{ format!("{} / {}", timecode(*position, lang), timecode(duration, lang)) }</span>
                    <button type="button" class="button primary stills-add" disabled={room_left == 0}
                        onclick={{ let add = add.clone(); Callback::from(move |_: MouseEvent| add()) }}>
                        { lang.t(T::StillsAddFrame) }<kbd>{ "A" }</kbd></button>
                </div>
                <ol class="stills-strip">
                    { for strip.borrow().iter().flatten().map(|(at, src)| {
                        let (s, at) = (seek_to.clone(), *at);
                        let label = lang.f(T::StillsGoTo, &[("time", &timecode(at, lang))]);
                        html! { <li><button type="button" class="stills-thumb" aria-label={label.clone()} title={label}
                            onclick={Callback::from(move |_: MouseEvent| s(at))}><img src={src.clone()} alt="" /></button></li> }
                    }) }
                </ol>
                <div class="stills-auto">
                    <label>{ lang.t(T::StillsEvery) }
                        <input type="number" class="stills-every" min="0.1" step="0.1" value={(*every).clone()} oninput={on_every} /></label>
                    <button type="button" class="button stills-pick-every" disabled={working} onclick={pick_every}>{ lang.t(T::StillsPickEvery) }</button>
                    <button type="button" class="button stills-pick-scenes" disabled={working} onclick={pick_scenes}>{ lang.t(T::StillsPickScenes) }</button>
                </div>
                if let Some(b) = busy.borrow().as_ref() {
                    <div class="stills-progress" role="status">
                        <span>{ b.show(lang) }</span>
                        <button type="button" class="button stills-stop" onclick={stop}>{ lang.t(T::Cancel) }</button>
                    </div>
                }
                if let Some(n) = note.borrow().as_ref() { <p class="stills-note" role="status">{ n.show(lang) }</p> }
                <p class="stills-count" aria-live="polite">{ lang.count(count, T::StillsPicked) }</p>
                <ol class="stills-picked">
                    { for picks.borrow().iter().enumerate().map(|(i, p)| {
                        let time = timecode(p.at, lang);
                        let remove = {
                            let (picks, force) = (picks.clone(), force.clone());
                            Callback::from(move |_: MouseEvent| {
                                let gone = picks.borrow_mut().remove(i);
                                video_stills::forget(&[gone]);
                                force.force_update();
                            })
                        };
                        html! { <li><img src={p.url.clone()} alt="" /><span class="stills-at">{ time.clone() }</span>
                            <button type="button" class="button" aria-label={lang.f(T::StillsRemove, &[("time", &time)])} onclick={remove}>{ "×" }</button></li> }
                    }) }
                </ol>
                <div class="dialog-actions">
                    <button type="button" class="button" onclick={close}>{ lang.t(T::Cancel) }</button>
                    <button type="button" class="button primary stills-commit" disabled={count == 0 || working} onclick={commit}>
                        { lang.count(count, T::StillsCommit) }</button>
                </div>
            </div>
        </div>
    }
}

/// Adds `new` picks in time order; a pick at a time already picked replaces nothing and is
/// dropped (its still would be the same frame).
fn insert(picks: &mut Vec<Pick>, new: Vec<Pick>) {
    for p in new {
        if picks.iter().any(|q| (q.at - p.at).abs() < 0.001) {
            video_stills::forget(&[p]);
            continue;
        }
        let at = picks.partition_point(|q| q.at < p.at);
        picks.insert(at, p);
    }
}
