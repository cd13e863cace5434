use super::cropped_photo::CroppedPhoto;
use super::{use_lang, Dispatch};
use crate::i18n::T;
use crate::app::{EditorMsg, Shared};
use crate::bundle::print::{paginate, SheetOptions};
use crate::bundle::shown_fields;
use crate::model::{Board, PhotoId};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintSheetsProps {
    pub board: Shared<Board>,
    pub options: SheetOptions,
    pub thumbnails: Shared<HashMap<PhotoId, String>>,
    pub originals: Shared<HashMap<PhotoId, String>>,
}

/// Storyboard sheets for the browser's print dialog ("Save as PDF" included): a header with the
/// title and "page x of y" on every page, frames with numbers, captions and the board's chosen
/// fields, 2–9 to a page (split by [`paginate`], so the page count is exact). Hidden on screen;
/// print CSS shows only these. Once every image has loaded, the print dialog opens; the sheets
/// go away after printing.
#[component]
pub fn PrintSheets(props: &PrintSheetsProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let root = use_node_ref();
    {
        let (root, dispatch) = (root.clone(), dispatch.clone());
        use_effect_with(props.options, move |_| {
            let window = web_sys::window().expect("a window");
            let after = gloo::events::EventListener::new(&window, "afterprint", move |_| dispatch.dispatch(EditorMsg::Print(None)));
            wasm_bindgen_futures::spawn_local(async move {
                // Wait (up to 20 s) for the images, so no frame prints blank.
                for _ in 0..200 {
                    let Some(el) = root.cast::<web_sys::Element>() else { return };
                    let images = el.get_elements_by_tag_name("img");
                    let loaded = (0..images.length()).filter_map(|i| images.item(i)).all(|i| i.unchecked_into::<web_sys::HtmlImageElement>().complete());
                    if loaded {
                        el.set_attribute("data-ready", "true").ok();
                        break;
                    }
                    gloo::timers::future::TimeoutFuture::new(100).await;
                }
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            });
            move || drop(after)
        });
    }
    let board = &props.board;
    let sheets = paginate(board, props.options);
    let pages = sheets.len();
    let title = if board.title.trim().is_empty() { lang.t(T::UntitledStoryboard).to_owned() } else { board.title.clone() };
    // Few, large frames print from the original photo; many small ones from the thumbnail.
    let urls: &Rc<HashMap<PhotoId, String>> = if props.options.per_page <= 3 { &props.originals.0 } else { &props.thumbnails.0 };
    let ratio = board.aspect.ratio();
    html! {
        <div class={classes!("print-sheets", format!("per-{}", props.options.per_page))} ref={root} data-pages={pages.to_string()} aria-hidden="true">
            { for sheets.iter().enumerate().map(|(n, sheet)| {
                let scene = &board.scenes[sheet.scene];
                let scene_title = if board.scenes.len() > 1 {
                    if scene.title.trim().is_empty() { lang.f(T::SceneN, &[("n", &(sheet.scene + 1))]) } else { lang.f(T::SceneNamed, &[("n", &(sheet.scene + 1)), ("title", &scene.title)]) }
                } else { String::new() };
                html! {
                    <section class="sheet">
                        <header class="sheet-header">
                            <span class="sheet-title">{ title.clone() }</span>
                            <span class="sheet-scene">{ scene_title }</span>
                            <span class="sheet-page">{ lang.f(T::PageOf, &[("n", &(n + 1)), ("total", &pages)]) }</span>
                        </header>
                        <div class="sheet-frames">
                            { for sheet.frames.iter().filter_map(|id| board.frame(*id)).map(|frame| {
                                let number = board.number_of(frame.id).unwrap_or_default();
                                let photo = board.photo_of(frame);
                                // The frame's shape, which the picture keeps whatever its cell's (print CSS).
                                let mut shape = ratio.unwrap_or(16.0 / 9.0);
                                let picture = match (photo, board.crop_of(frame)) {
                                    (Some(p), Some(crop)) => match urls.get(&p.id) {
                                        Some(src) => {
                                            let r = ratio.unwrap_or(crop.w * f64::from(p.width) / (crop.h * f64::from(p.height)));
                                            shape = r;
                                            html! { <CroppedPhoto src={AttrValue::from(src.clone())} alt="" {crop} ratio={r} lazy={false} /> }
                                        }
                                        None => html! { <div class="sheet-empty" /> },
                                    },
                                    _ => html! { <div class="sheet-empty" /> },
                                };
                                html! {
                                    <figure class="sheet-frame">
                                        <div class="sheet-picture" style={format!("--ratio:{shape:.5}")}>{ picture }</div>
                                        <figcaption>
                                            <strong class="sheet-number">{ number }</strong>{ " " }
                                            <span class="sheet-caption">{ frame.caption.clone() }</span>
                                            { for shown_fields(frame, &board.visible_fields, lang).into_iter().map(|(label, value)| html! {
                                                <span class="sheet-field"><b>{ lang.f(T::FieldValue, &[("label", &label)]) }</b>{ value }</span>
                                            }) }
                                        </figcaption>
                                    </figure>
                                }
                            }) }
                        </div>
                    </section>
                }
            }) }
        </div>
    }
}
