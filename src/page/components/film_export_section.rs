use super::{control_value, use_lang, Dispatch};
use crate::film::{film_size, Container, FilmOptions, FilmPlan, SubtitleText, Transition};
use crate::i18n::{Message, T};
use crate::model::Board;
use crate::page::app::{EditorMsg, ExportDialog as Dialog};
use crate::page::services::film_export::{self, SubtitleFormat};
use crate::page::services::film_recording;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilmExportSectionProps {
    pub dialog: Dialog,
    pub board: crate::page::app::Shared<Board>,
    /// A job is under way (one at a time).
    pub busy: bool,
    /// The formats this browser cannot make, with why (worded when shown).
    pub unsupported: Rc<Vec<(Container, Message)>>,
}

/// How one control changes the film's options: (options, the control's value, whether it is
/// checked).
type Change = Rc<dyn Fn(&mut FilmOptions, &str, bool)>;

/// Frame rates offered: film, PAL video, and the rate phones record at.
const RATES: [u32; 3] = [24, 25, 30];
/// Short sides offered (720p, 1080p).
const LINES: [u32; 2] = [720, 1080];
/// Crossfade lengths offered (seconds).
const FADES: [f64; 2] = [0.5, 1.0];

/// The export dialog's film section: format, size, frame rate, transition, title card, burned
/// captions and the subtitle text, then Make film and the subtitle files. Choices are kept in the
/// dialog's state ([`crate::film::FilmOptions`]), so they stay while it is open.
#[component]
pub fn FilmExportSection(props: &FilmExportSectionProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let options = props.dialog.film.clone();
    let update = |change: Change| {
        let (dispatch, dialog) = (dispatch.clone(), props.dialog.clone());
        Callback::from(move |e: Event| {
            let Some((value, checked)) = control_value(&e) else {
                return;
            };
            let mut next = dialog.clone();
            change(&mut next.film, &value, checked);
            dispatch.dispatch(EditorMsg::Export(Some(next)));
        })
    };
    let on_container = update(Rc::new(|o, v, _| {
        o.container = if v == "webm" {
            Container::Webm
        } else {
            Container::Mp4
        }
    }));
    let on_lines = update(Rc::new(|o, v, _| o.lines = v.parse().unwrap_or(1080)));
    let on_rate = update(Rc::new(|o, v, _| o.fps = v.parse().unwrap_or(30)));
    let on_transition = update(Rc::new(|o, v, _| {
        o.transition = match v.parse::<f64>() {
            Ok(s) if s > 0.0 => Transition::Crossfade(s),
            _ => Transition::Cut,
        }
    }));
    let on_title = update(Rc::new(|o, _, checked| o.title_card = checked));
    let on_burn = update(Rc::new(|o, _, checked| o.burn_captions = checked));
    let on_text = update(Rc::new(|o, v, _| {
        o.subtitles = if v == "dialogue" {
            SubtitleText::Dialogue
        } else {
            SubtitleText::Caption
        }
    }));
    // Neither format can be encoded here: the film is recorded as it plays, where it can be.
    let live = [Container::Mp4, Container::Webm]
        .iter()
        .all(|c| props.unsupported.iter().any(|(u, _)| u == c))
        && film_recording::available();
    let blocked = props
        .unsupported
        .iter()
        .find(|(c, _)| *c == options.container && !live)
        .map(|(_, why)| why.show(lang));
    let make = {
        let (dispatch, board, options) = (dispatch.clone(), props.board.0.clone(), options.clone());
        Callback::from(move |_: MouseEvent| {
            film_export::start(board.clone(), options.clone(), live, lang, dispatch.clone())
        })
    };
    let live_note = live.then(|| {
        let seconds = FilmPlan::new(&props.board, &options).seconds();
        lang.f(T::FilmLiveNote, &[("length", &lang.duration(seconds))])
    });
    let subtitles = |format: SubtitleFormat| {
        let (dispatch, board, options) = (dispatch.clone(), props.board.0.clone(), options.clone());
        Callback::from(move |_: MouseEvent| {
            let message =
                film_export::subtitles(&board, &options, format, lang).unwrap_or_else(|e| e);
            dispatch.dispatch(EditorMsg::ExportMessage(message));
        })
    };
    let aspect = props.board.aspect;
    let frames = props.board.frame_count();
    let fade = match options.transition {
        Transition::Cut => 0.0,
        Transition::Crossfade(s) => s,
    };
    html! {
        <section class="export-section film-section" aria-labelledby="export-film">
            <h3 id="export-film">{ lang.t(T::FilmSection) }</h3>
            <p class="export-note">{ lang.t(T::FilmNote) }</p>
            <div class="export-options">
                if !live {
                    <fieldset>
                        <legend>{ lang.t(T::FilmFormat) }</legend>
                        <label class="check"><input type="radio" name="film-format" value="mp4" checked={options.container == Container::Mp4} onchange={on_container.clone()} />{ lang.t(T::FilmMp4) }</label>
                        <label class="check"><input type="radio" name="film-format" value="webm" checked={options.container == Container::Webm} onchange={on_container} />{ lang.t(T::FilmWebm) }</label>
                    </fieldset>
                }
                <label>{ lang.t(T::FilmSize) }{ " " }
                    <select onchange={on_lines} aria-label={lang.t(T::FilmSize)}>
                        { for LINES.iter().map(|n| {
                            let (w, h) = film_size(aspect, *n);
                            html! { <option value={n.to_string()} selected={options.lines == *n}>{ lang.f(T::FilmLines, &[("n", n), ("w", &w), ("h", &h)]) }</option> }
                        }) }
                    </select>
                </label>
                <label>{ lang.t(T::FilmRate) }{ " " }
                    <select onchange={on_rate} aria-label={lang.t(T::FilmRate)}>
                        { for RATES.iter().map(|r| html! { <option value={r.to_string()} selected={options.fps == *r}>{ r.to_string() }</option> }) }
                    </select>
                </label>
                <label>{ lang.t(T::FilmTransition) }{ " " }
                    <select onchange={on_transition} aria-label={lang.t(T::FilmTransition)}>
                        <option value="0" selected={fade == 0.0}>{ lang.t(T::TransitionCut) }</option>
                        { for FADES.iter().map(|s| html! { <option value={s.to_string()} selected={fade == *s}>{ lang.f(T::TransitionCrossfade, &[("s", &lang.number(s))]) }</option> }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" checked={options.title_card} onchange={on_title} />{ lang.t(T::FilmTitleCard) }</label>
                <label class="check"><input type="checkbox" checked={options.burn_captions} onchange={on_burn} />{ lang.t(T::FilmBurnCaptions) }</label>
                <label>{ lang.t(T::FilmSubtitleText) }{ " " }
                    <select onchange={on_text} aria-label={lang.t(T::FilmSubtitleText)}>
                        <option value="caption" selected={options.subtitles == SubtitleText::Caption}>{ lang.t(T::SubtitlesFromCaptions) }</option>
                        <option value="dialogue" selected={options.subtitles == SubtitleText::Dialogue}>{ lang.t(T::SubtitlesFromDialogue) }</option>
                    </select>
                </label>
            </div>
            if let Some(why) = blocked.clone() { <p class="export-note film-unsupported" role="note">{ why }</p> }
            if let Some(note) = live_note { <p class="export-note film-live" role="note">{ note }</p> }
            <div class="dialog-actions">
                <button type="button" class="button primary" disabled={props.busy || blocked.is_some()} onclick={make}>{ lang.t(if live { T::RecordFilm } else { T::MakeFilm }) }</button>
                <button type="button" class="button" disabled={frames == 0} onclick={subtitles(SubtitleFormat::Srt)}>{ lang.t(T::SubtitlesSrt) }</button>
                <button type="button" class="button" disabled={frames == 0} onclick={subtitles(SubtitleFormat::Vtt)}>{ lang.t(T::SubtitlesVtt) }</button>
            </div>
        </section>
    }
}
