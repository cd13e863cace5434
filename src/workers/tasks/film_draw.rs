//! Drawing the film's frames on an `OffscreenCanvas`: what [`FilmPlan::shot`] says each video
//! frame shows (the title card, or each picture's crop at that instant with its opacity) and the
//! burned-in caption; and the photos it draws, decoded at the plan's scales
//! ([`FilmPlan::decode_levels`]) only while they are on screen or about to be, so memory does not
//! grow with the film's length.

use flowboard_core::film::{caption, level_for, FilmPlan, Shot, LEVEL_SLACK, LEVEL_STEP};
use flowboard_core::i18n::{Message, T};
use flowboard_core::imaging;
use flowboard_core::model::PhotoId;
use js_sys::{Array, Promise};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageBitmap, ImageBitmapOptions, ImageData, ImageOrientation, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d, ResizeQuality, WorkerGlobalScope,
};

/// The fonts of titles and captions: the system's sans-serif, with CJK fonts named first for
/// Chinese text (Linux, macOS and Windows names), so captions in any of the editor's languages
/// draw with real glyphs.
const FONTS: &str =
    "\"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

/// How many video frames ahead photos are decoded (their decode overlaps the frames before).
const LOOKAHEAD: u64 = 15;

/// The canvas the film is drawn on, and what it draws with.
pub struct Painter {
    pub canvas: OffscreenCanvas,
    ctx: OffscreenCanvasRenderingContext2d,
    width: f64,
    height: f64,
    /// The last caption laid out: its text and its lines.
    caption: Option<(String, Vec<String>)>,
    /// The context's `imageSmoothingQuality` (not in web-sys's context).
    quality: &'static str,
}

impl Painter {
    /// A canvas of the plan's size.
    ///
    /// # Errors
    /// The browser gave no 2D context (said as the encoder's failure).
    pub fn new(plan: &FilmPlan) -> Result<Self, JsValue> {
        Self::on(OffscreenCanvas::new(plan.width, plan.height)?, plan)
    }

    /// Draws on `canvas` (one the page gave, whose pictures it records), sized to the plan.
    ///
    /// # Errors
    /// The browser gave no 2D context.
    pub fn on(canvas: OffscreenCanvas, plan: &FilmPlan) -> Result<Self, JsValue> {
        canvas.set_width(plan.width);
        canvas.set_height(plan.height);
        let ctx = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2D context on an OffscreenCanvas"))?
            .unchecked_into::<OffscreenCanvasRenderingContext2d>();
        ctx.set_image_smoothing_enabled(true);
        Ok(Self {
            canvas,
            ctx,
            width: f64::from(plan.width),
            height: f64::from(plan.height),
            caption: None,
            quality: "low",
        })
    }

    /// Draws `shot` of `plan` (what a video frame shows, [`FilmPlan::shot`]) with its burned-in
    /// `caption`, from the decoded photos (by story frame).
    pub fn draw(&mut self, plan: &FilmPlan, shot: &Shot, caption: Option<&str>, photos: &Photos) {
        let ctx = &self.ctx.clone();
        ctx.set_global_alpha(1.0);
        // An opaque photo that fills the frame at full opacity hides the background: not filled
        // then (a 1080p fill is a millisecond of a frame's ten). One that may have see-through
        // pixels (a PNG, a WebP) is drawn on black, not on the picture the canvas held before.
        let covered = match shot {
            Shot::Story(pictures) => pictures.first().is_some_and(|p| {
                let f = &plan.frames[p.frame];
                let (cw, ch) = (
                    p.crop.w * f64::from(f.size.0),
                    p.crop.h * f64::from(f.size.1),
                );
                let scale = plan.fill_scale(p.frame, p.crop);
                p.opacity >= 1.0
                    && photos.opaque(p.frame)
                    && cw * scale >= self.width - 0.5
                    && ch * scale >= self.height - 0.5
            }),
            Shot::Title => false,
        };
        if !covered {
            ctx.set_fill_style_str("#000");
            ctx.fill_rect(0.0, 0.0, self.width, self.height);
        }
        match shot {
            Shot::Title => self.title(plan),
            Shot::Story(pictures) => {
                for p in pictures {
                    ctx.set_global_alpha(p.opacity.clamp(0.0, 1.0));
                    let frame = &plan.frames[p.frame];
                    match photos.decoded.get(&p.frame) {
                        Some(Decoded { copies, .. }) if frame.size.0 > 0 && frame.size.1 > 0 => {
                            let c = p.crop;
                            // The crop's shape in the photo's own pixels, fitted in the film's
                            // frame (it fills it when the board's aspect is fixed), drawn from
                            // the copy of the photo nearest above that size.
                            let scale = plan.fill_scale(p.frame, c);
                            let scales: Vec<f64> = copies
                                .iter()
                                .map(|b| f64::from(b.width()) / f64::from(frame.size.0))
                                .collect();
                            let bitmap = &copies[level_for(&scales, scale)];
                            let (bw, bh) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
                            let dw = c.w * f64::from(frame.size.0) * scale;
                            let dh = c.h * f64::from(frame.size.1) * scale;
                            self.smoothing(dw / (c.w * bw));
                            let _ = ctx
                                .draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                                    bitmap,
                                    c.x * bw,
                                    c.y * bh,
                                    c.w * bw,
                                    c.h * bh,
                                    (self.width - dw) / 2.0,
                                    (self.height - dh) / 2.0,
                                    dw,
                                    dh,
                                );
                        }
                        // A frame without a photo: a plain dark card.
                        _ => {
                            ctx.set_fill_style_str("#1f2430");
                            ctx.fill_rect(0.0, 0.0, self.width, self.height);
                        }
                    }
                }
                ctx.set_global_alpha(1.0);
            }
        }
        if let Some(text) = caption {
            self.burn_caption(text);
        }
    }

    /// Sets how a picture drawn at `ratio` of its bitmap's size is filtered. Each picture is drawn
    /// from the copy of its photo nearest above its size, at ⅔ to all of it, where bilinear
    /// ("low") is as sharp as any and costs a third of "high" (7 against 22 ms a 1080p frame
    /// here, with a software canvas); only a picture drawn at under ⅔ of its copy (a crop more
    /// than 26 times another in one move) gets the mipmapped "medium", which does not alias.
    fn smoothing(&mut self, ratio: f64) {
        let quality = if ratio < LEVEL_STEP - LEVEL_SLACK {
            "medium"
        } else {
            "low"
        };
        if self.quality != quality {
            self.quality = quality;
            let _ =
                js_sys::Reflect::set(&self.ctx, &"imageSmoothingQuality".into(), &quality.into());
        }
    }

    /// The title card: the title big, the author smaller under it, white on black, centred.
    fn title(&self, plan: &FilmPlan) {
        let Some((title, author)) = &plan.title else {
            return;
        };
        let ctx = &self.ctx;
        ctx.set_fill_style_str("#fff");
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        let big = (self.height / 11.0).round();
        let small = (self.height / 22.0).round();
        let max = self.width * 0.9;
        let centre = self.height / 2.0;
        let title_y = if author.is_empty() {
            centre
        } else {
            centre - small * 0.9
        };
        ctx.set_font(&format!("bold {big}px {FONTS}"));
        let _ = ctx.fill_text_with_max_width(title, self.width / 2.0, title_y, max);
        if !author.is_empty() {
            ctx.set_font(&format!("{small}px {FONTS}"));
            let _ = ctx.fill_text_with_max_width(
                author,
                self.width / 2.0,
                title_y + big * 0.6 + small * 1.2,
                max,
            );
        }
    }

    /// A caption burned in at the bottom, centred: white text on a dark translucent box, about
    /// 1/18 of the height, wrapped within 90 % of the width to at most three lines.
    fn burn_caption(&mut self, text: &str) {
        let size = (self.height / 18.0).round().max(10.0);
        let font = format!("{size}px {FONTS}");
        self.ctx.set_font(&font);
        let max = self.width * 0.9;
        let lines = match &self.caption {
            Some((t, lines)) if t == text => lines.clone(),
            _ => {
                let lines = caption::wrap(text, max - size, 3, |s| {
                    self.ctx.measure_text(s).map_or(0.0, |m| m.width())
                });
                self.caption = Some((text.to_string(), lines.clone()));
                lines
            }
        };
        let ctx = &self.ctx;
        let line_height = size * 1.3;
        let widest = lines
            .iter()
            .map(|l| ctx.measure_text(l).map_or(0.0, |m| m.width()))
            .fold(0.0, f64::max);
        let pad = size * 0.4;
        let box_h = line_height * lines.len() as f64 + pad;
        let box_w = (widest + 2.0 * pad).min(self.width);
        let bottom = self.height - self.height / 20.0;
        let top = bottom - box_h;
        ctx.set_fill_style_str("rgba(0,0,0,0.62)");
        ctx.fill_rect((self.width - box_w) / 2.0, top, box_w, box_h);
        ctx.set_fill_style_str("#fff");
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        for (i, line) in lines.iter().enumerate() {
            let y = top + pad / 2.0 + line_height * (i as f64 + 0.5);
            let _ = ctx.fill_text_with_max_width(line, self.width / 2.0, y, max);
        }
    }
}

/// A story frame's photo, decoded.
struct Decoded {
    /// Its copies at the plan's scales, largest first.
    copies: Vec<ImageBitmap>,
    /// Whether it has no see-through pixels: a JPEG (it cannot have any), or a photo the core
    /// decoded (to RGB).
    opaque: bool,
}

/// The photos of the frames on screen now and soon, decoded at the plan's scale.
pub struct Photos {
    /// Each story frame's photo, by id.
    blobs: HashMap<PhotoId, Blob>,
    /// Decoded, by story frame.
    decoded: BTreeMap<usize, Decoded>,
    /// Being decoded and scaled by the browser, by story frame: a promise of those copies (an
    /// array of bitmaps).
    pending: BTreeMap<usize, Promise>,
}

impl Photos {
    pub fn new(blobs: HashMap<PhotoId, Blob>) -> Self {
        Self {
            blobs,
            decoded: BTreeMap::new(),
            pending: BTreeMap::new(),
        }
    }

    /// Whether story frame `i`'s photo is decoded and has no see-through pixels.
    fn opaque(&self, i: usize) -> bool {
        self.decoded.get(&i).is_some_and(|d| d.opaque)
    }

    /// Whether `blob` is a JPEG, by its first bytes (its type may be anything it was given).
    async fn is_jpeg(blob: &Blob) -> bool {
        let len = blob.size().min(imaging::SNIFF_LEN as f64);
        crate::browser::blobs::read_range(blob, 0.0, len)
            .await
            .is_ok_and(|head| imaging::sniff(&head).ok() == Some(imaging::Format::Jpeg))
    }

    /// Has the photos of video frame `k` ready, starts decoding those of the frames just after
    /// it and lets go of every other.
    ///
    /// # Errors
    /// A photo that could not be decoded, or is missing: the frame named.
    pub async fn prepare(&mut self, plan: &FilmPlan, k: u64) -> Result<(), Message> {
        let story = |k: u64| match plan.shot(k) {
            Shot::Story(pictures) => pictures.iter().map(|p| p.frame).collect(),
            Shot::Title => Vec::new(),
        };
        let now: Vec<usize> = story(k);
        let last = plan.frame_count().saturating_sub(1);
        let ahead: Vec<usize> = story((k + LOOKAHEAD).min(last));
        // Frames in use from now to the look-ahead (story frames are in order).
        let keep: BTreeSet<usize> = match (now.iter().min(), ahead.iter().max()) {
            (Some(&a), Some(&b)) if a <= b => (a..=b).collect(),
            _ => now.iter().chain(&ahead).copied().collect(),
        };
        let gone: Vec<usize> = self
            .decoded
            .keys()
            .filter(|i| !keep.contains(i))
            .copied()
            .collect();
        for i in gone {
            for bitmap in self
                .decoded
                .remove(&i)
                .map(|d| d.copies)
                .unwrap_or_default()
            {
                bitmap.close();
            }
        }
        let dropped: Vec<usize> = self
            .pending
            .keys()
            .filter(|i| !keep.contains(i))
            .copied()
            .collect();
        for i in dropped {
            if let Some(promise) = self.pending.remove(&i) {
                close_when_decoded(&promise);
            }
        }
        for &i in &keep {
            if !self.decoded.contains_key(&i) && !self.pending.contains_key(&i) {
                if let Some(promise) = self.start(plan, i)? {
                    self.pending.insert(i, promise);
                }
            }
        }
        for i in now {
            if let Some(promise) = self.pending.remove(&i) {
                let (copies, opaque) = match JsFuture::from(promise).await {
                    Ok(copies) => {
                        let blob = plan.frames[i]
                            .photo
                            .as_ref()
                            .and_then(|id| self.blobs.get(id));
                        let jpeg = match blob {
                            Some(blob) => Self::is_jpeg(blob).await,
                            None => false,
                        };
                        (Array::from(&copies), jpeg)
                    }
                    // The browser cannot decode it (HEIC): the core's decoders can (to RGB).
                    Err(_) => {
                        let first = self.decode_in_core(plan, i).await?;
                        let copies = with_copies(first, Self::sizes(plan, i).split_off(1))
                            .await
                            .map_err(|e| {
                                Message::new(T::FilmPhotoUnreadable)
                                    .with("n", i + 1)
                                    .with_message(
                                        "detail",
                                        Message::raw(crate::browser::files::js_error_text(&e)),
                                    )
                            })?;
                        (copies, true)
                    }
                };
                let copies = copies
                    .iter()
                    .map(JsCast::unchecked_into::<ImageBitmap>)
                    .collect();
                self.decoded.insert(i, Decoded { copies, opaque });
            }
        }
        Ok(())
    }

    /// The sizes to have frame `i`'s photo at, largest first.
    fn sizes(plan: &FilmPlan, i: usize) -> Vec<(u32, u32)> {
        let f = &plan.frames[i];
        plan.decode_levels(i)
            .into_iter()
            .map(|scale| {
                let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
                (side(f.size.0), side(f.size.1))
            })
            .collect()
    }

    /// Starts the browser's decode of frame `i`'s photo and the making of its smaller copies:
    /// a promise of them all (none for a frame without a photo).
    fn start(&self, plan: &FilmPlan, i: usize) -> Result<Option<Promise>, Message> {
        let f = &plan.frames[i];
        let Some(id) = &f.photo else {
            return Ok(None);
        };
        let blob = self
            .blobs
            .get(id)
            .ok_or_else(|| Message::new(T::FilmPhotoMissing).with("n", i + 1))?;
        let mut sizes = Self::sizes(plan, i);
        let smaller = sizes.split_off(1);
        let options = resized(sizes[0]);
        options.set_image_orientation(ImageOrientation::FromImage);
        let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
        let decode = scope
            .create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options)
            .unwrap_or_else(|e| Promise::reject(&e));
        Ok(Some(wasm_bindgen_futures::future_to_promise(async move {
            let first = JsFuture::from(decode)
                .await?
                .unchecked_into::<ImageBitmap>();
            with_copies(first, smaller).await.map(JsValue::from)
        })))
    }

    /// Decodes frame `i`'s photo with the core's decoders (HEIC, which browsers do not read),
    /// upright, at the plan's scale.
    async fn decode_in_core(&self, plan: &FilmPlan, i: usize) -> Result<ImageBitmap, Message> {
        let unreadable = |detail: Message| {
            Message::new(T::FilmPhotoUnreadable)
                .with("n", i + 1)
                .with_message("detail", detail)
        };
        let f = &plan.frames[i];
        let id = f.photo.as_ref().expect("a frame with a photo");
        let blob = self
            .blobs
            .get(id)
            .ok_or_else(|| Message::new(T::FilmPhotoMissing).with("n", i + 1))?;
        let bytes = crate::protocol::read_file(blob).map_err(|e| unreadable(Message::raw(e)))?;
        let decoded = imaging::decode(&bytes, &imaging::Limits::default())
            .map_err(|e| unreadable(e.to_message()))?;
        drop(bytes);
        let rgb = decoded.oriented_rgb();
        let (w, h) = Self::sizes(plan, i)[0];
        let rgb = if (w, h) == rgb.dimensions() {
            rgb
        } else {
            imaging::resize_rgb(&rgb, w.max(h))
        };
        let (w, h) = rgb.dimensions();
        let mut rgba = Vec::with_capacity((w * h * 4) as usize);
        for p in rgb.pixels() {
            rgba.extend_from_slice(&[p[0], p[1], p[2], 255]);
        }
        drop(rgb);
        let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w, h)
            .map_err(|e| unreadable(Message::raw(crate::browser::files::js_error_text(&e))))?;
        drop(rgba);
        let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
        let promise = scope
            .create_image_bitmap_with_image_data(&data)
            .map_err(|e| unreadable(Message::raw(crate::browser::files::js_error_text(&e))))?;
        JsFuture::from(promise)
            .await
            .map(|b| b.unchecked_into())
            .map_err(|e| unreadable(Message::raw(crate::browser::files::js_error_text(&e))))
    }

    /// Lets go of every decoded photo.
    pub fn close(&mut self) {
        for bitmap in std::mem::take(&mut self.decoded)
            .into_values()
            .flat_map(|d| d.copies)
        {
            bitmap.close();
        }
        for (_, promise) in std::mem::take(&mut self.pending) {
            close_when_decoded(&promise);
        }
    }
}

/// Options that resize an image to `(width, height)`, filtered well.
fn resized((width, height): (u32, u32)) -> ImageBitmapOptions {
    let options = ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(ResizeQuality::High);
    options
}

/// `first` and its copies at `sizes`, as an array of bitmaps, largest first; should a copy fail,
/// those made are closed.
async fn with_copies(first: ImageBitmap, sizes: Vec<(u32, u32)>) -> Result<Array, JsValue> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let copies = Array::of1(&first);
    for size in sizes {
        let made = match scope
            .create_image_bitmap_with_image_bitmap_and_image_bitmap_options(&first, &resized(size))
        {
            Ok(promise) => JsFuture::from(promise).await,
            Err(e) => Err(e),
        };
        match made {
            Ok(copy) => {
                copies.push(&copy);
            }
            Err(e) => {
                close_all(&copies);
                return Err(e);
            }
        }
    }
    Ok(copies)
}

/// Closes every bitmap in `copies`.
fn close_all(copies: &JsValue) {
    for bitmap in Array::from(copies).iter() {
        if let Some(bitmap) = bitmap.dyn_ref::<ImageBitmap>() {
            bitmap.close();
        }
    }
}

/// Closes the copies a decode no longer wanted gives, when they come (their pixels are outside
/// the garbage collector's sight, so waiting for it would hold them for long); a failed decode is
/// ignored.
fn close_when_decoded(promise: &Promise) {
    let promise = promise.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(copies) = JsFuture::from(promise).await {
            close_all(&copies);
        }
    });
}
