use super::cropped_photo::CroppedPhoto;
use super::move_arrow::MoveArrow;
use super::{use_lang, Dispatch};
use crate::bundle::print::{paginate, SheetOptions};
use crate::bundle::shown_fields;
use crate::i18n::{Message, T};
use crate::model::{Board, Crop, FrameId, PhotoId};
use crate::page::app::{EditorMsg, Shared};
use crate::page::services::print;
use std::cell::{Cell, RefCell};
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
/// print CSS shows only these. Each frame's picture is first rendered from its original at 200
/// dpi of its printed size (the export's render job, in the image workers, with progress); once
/// every image has loaded, the print dialog opens; the sheets go away after printing.
#[component]
pub fn PrintSheets(props: &PrintSheetsProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let root = use_node_ref();
    // Each frame's picture rendered from its original at the size it prints (for these options).
    let sharp = use_state(|| None::<(SheetOptions, Rc<HashMap<FrameId, String>>)>);
    {
        let (sharp, dispatch, board) = (sharp.clone(), dispatch.clone(), props.board.clone());
        use_effect_with(props.options, move |options| {
            let options = *options;
            let alive = Rc::new(Cell::new(true));
            let made: Rc<RefCell<Vec<String>>> = Rc::default();
            {
                let (alive, made) = (alive.clone(), made.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let label = Message::new(T::PreparingSheets);
                    let progress = |done: usize, total: usize| {
                        let task = (done < total).then(|| crate::page::app::Task {
                            label: label.clone(),
                            done,
                            total,
                            cancellable: false,
                        });
                        dispatch.dispatch(EditorMsg::Task(task));
                    };
                    let urls =
                        print::render_frames(&board, options.per_page, alive.clone(), progress)
                            .await;
                    if alive.get() {
                        made.borrow_mut().extend(urls.values().cloned());
                        sharp.set(Some((options, Rc::new(urls))));
                    } else {
                        // The sheets went away meanwhile: nothing will show these.
                        for url in urls.values() {
                            let _ = web_sys::Url::revoke_object_url(url);
                        }
                        dispatch.dispatch(EditorMsg::Task(None));
                    }
                });
            }
            move || {
                alive.set(false);
                for url in made.borrow_mut().drain(..) {
                    let _ = web_sys::Url::revoke_object_url(&url);
                }
            }
        });
    }
    let ready = sharp
        .as_ref()
        .is_some_and(|(options, _)| *options == props.options);
    // The printed PDF is named and titled after the page: while the sheets are out, the page's
    // title is the board's.
    {
        let title = props.board.title.trim().to_owned();
        use_effect_with(title, move |title| {
            let document = web_sys::window().and_then(|w| w.document());
            if let (Some(document), false) = (&document, title.is_empty()) {
                document.set_title(title);
            }
            move || {
                if let Some(document) = document {
                    document.set_title(lang.t(T::PageTitle));
                }
            }
        });
    }
    {
        let (root, dispatch) = (root.clone(), dispatch.clone());
        use_effect_with((props.options, ready), move |(_, ready)| {
            let ready = *ready;
            let window = web_sys::window().expect("a window");
            let after = gloo::events::EventListener::new(&window, "afterprint", move |_| {
                dispatch.dispatch(EditorMsg::Print(None))
            });
            ready.then(|| {
                wasm_bindgen_futures::spawn_local(async move {
                    // Wait (up to 20 s) for the images, so no frame prints blank.
                    for _ in 0..200 {
                        let Some(el) = root.cast::<web_sys::Element>() else {
                            return;
                        };
                        let images = el.get_elements_by_tag_name("img");
                        let loaded = (0..images.length())
                            .filter_map(|i| images.item(i))
                            .all(|i| i.unchecked_into::<web_sys::HtmlImageElement>().complete());
                        if loaded {
                            el.set_attribute("data-ready", "true").ok();
                            break;
                        }
                        gloo::timers::future::TimeoutFuture::new(100).await;
                    }
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                })
            });
            move || drop(after)
        });
    }
    let board = &props.board;
    let sheets = paginate(board, props.options);
    let pages = sheets.len();
    let title = if board.title.trim().is_empty() {
        lang.t(T::UntitledStoryboard).to_owned()
    } else {
        board.title.clone()
    };
    // Each frame prints its picture rendered for print; where none could be made, few large
    // frames print from the original photo, many small ones from the thumbnail.
    let urls: &Rc<HashMap<PhotoId, String>> = if props.options.per_page <= 3 {
        &props.originals.0
    } else {
        &props.thumbnails.0
    };
    let rendered = sharp
        .as_ref()
        .filter(|_| ready)
        .map(|(_, r)| r.clone())
        .unwrap_or_default();
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
                                    (Some(p), Some(crop)) => {
                                        let r = ratio.unwrap_or(crop.w * f64::from(p.width) / (crop.h * f64::from(p.height)));
                                        shape = r;
                                        // The move's arrow over the picture, as on the frame's card.
                                        let arrow = board.camera_move_of(frame).map(|(_, m)| html! { <MoveArrow start={crop} end={m.end} ratio={r} /> });
                                        match (rendered.get(&frame.id), urls.get(&p.id)) {
                                            // Nothing is loaded while the pictures are being rendered.
                                            _ if !ready => html! { <div class="sheet-empty" /> },
                                            (Some(src), _) => html! { <CroppedPhoto src={AttrValue::from(src.clone())} alt="" crop={Crop::FULL} ratio={r} lazy={false}>{ arrow }</CroppedPhoto> },
                                            (None, Some(src)) => html! { <CroppedPhoto src={AttrValue::from(src.clone())} alt="" {crop} ratio={r} lazy={false}>{ arrow }</CroppedPhoto> },
                                            (None, None) => html! { <div class="sheet-empty" /> },
                                        }
                                    }
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
