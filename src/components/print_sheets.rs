use super::cropped_photo::CroppedPhoto;
use super::{use_lang, Dispatch};
use crate::app::{EditorMsg, Shared};
use crate::bundle::print::{paginate, SheetOptions};
use crate::bundle::shown_fields;
use crate::i18n::T;
use crate::model::{Board, Crop, FrameId, PhotoId};
use crate::services::worker_protocol::RenderSpec;
use crate::services::{files, image_worker, photo_store, storage};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Printed pictures are rendered at this resolution (dots per inch) of their size on the sheet.
const PRINT_DPI: f64 = 200.0;

/// The long edge, in pixels, a frame of shape `ratio` needs to print sharp at [`PRINT_DPI`]:
/// its largest size in a cell of the print CSS on A4 landscape (the larger of A4 and Letter;
/// 277 × 188 mm inside the margins, 9 mm of header, 4 mm gaps, the caption's room kept free).
fn print_long_edge(per_page: usize, ratio: f64) -> u32 {
    let (columns, rows, caption): (f64, f64, f64) = match per_page {
        2 => (2.0, 1.0, 24.0),
        3 => (3.0, 1.0, 24.0),
        6 => (3.0, 2.0, 18.0),
        _ => (3.0, 3.0, 13.0),
    };
    let cell_width = (277.0 - 4.0 * (columns - 1.0)) / columns;
    let cell_height = (188.0 - 9.0 - 4.0 * (rows - 1.0)) / rows - caption;
    let width = cell_width.min(cell_height * ratio);
    let long_mm = width.max(width / ratio);
    (long_mm / 25.4 * PRINT_DPI).ceil() as u32
}

/// One frame's picture rendered for print from its original photo (the export's render job): an
/// object URL of the JPEG, or `None` where the original is not at hand or does not render.
async fn render_for_print(photo: &PhotoId, crop: Crop, long_edge: u32) -> Option<String> {
    let original = match photo_store::get(photo) {
        Some(p) => p.original,
        None => storage::photo_blobs(photo).await.ok().flatten()?.0,
    };
    let bytes = files::read(&original).await.ok()?;
    let spec = RenderSpec {
        crop,
        long_edge,
        quality: 88,
    };
    let jpeg = image_worker::run(async |worker| worker.render(&bytes, &spec).await)
        .await
        .ok()?
        .ok()?;
    let blob = files::blob(&jpeg, "image/jpeg").ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

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
            let jobs: VecDeque<(FrameId, PhotoId, Crop, u32)> = board
                .frames()
                .filter_map(|frame| {
                    let (photo, crop) = (board.photo_of(frame)?, board.crop_of(frame)?);
                    let ratio = board
                        .aspect
                        .ratio()
                        .unwrap_or_else(|| crop.pixel_ratio((photo.width, photo.height)));
                    Some((
                        frame.id,
                        photo.id.clone(),
                        crop,
                        print_long_edge(options.per_page, ratio),
                    ))
                })
                .collect();
            {
                let (alive, made) = (alive.clone(), made.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let total = jobs.len();
                    let label = lang.t(T::PreparingSheets).to_owned();
                    let progress = |done: usize| {
                        let task = (done < total).then(|| crate::app::Task {
                            label: label.clone(),
                            done,
                            total,
                            cancellable: false,
                        });
                        dispatch.dispatch(EditorMsg::Task(task));
                    };
                    progress(0);
                    let queue = RefCell::new(jobs);
                    let urls: RefCell<HashMap<FrameId, String>> = RefCell::default();
                    let done = Cell::new(0);
                    let lanes = (0..image_worker::pool_size().min(total)).map(|_| async {
                        loop {
                            let next = queue.borrow_mut().pop_front();
                            let Some((frame, photo, crop, long_edge)) =
                                next.filter(|_| alive.get())
                            else {
                                break;
                            };
                            if let Some(url) = render_for_print(&photo, crop, long_edge).await {
                                made.borrow_mut().push(url.clone());
                                urls.borrow_mut().insert(frame, url);
                            }
                            done.set(done.get() + 1);
                            if alive.get() {
                                progress(done.get());
                            }
                        }
                    });
                    futures::future::join_all(lanes).await;
                    if alive.get() {
                        sharp.set(Some((options, Rc::new(urls.into_inner()))));
                    } else {
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
                                        match (rendered.get(&frame.id), urls.get(&p.id)) {
                                            // Nothing is loaded while the pictures are being rendered.
                                            _ if !ready => html! { <div class="sheet-empty" /> },
                                            (Some(src), _) => html! { <CroppedPhoto src={AttrValue::from(src.clone())} alt="" crop={Crop::FULL} ratio={r} lazy={false} /> },
                                            (None, Some(src)) => html! { <CroppedPhoto src={AttrValue::from(src.clone())} alt="" {crop} ratio={r} lazy={false} /> },
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
