//! The bundle's viewer page: plain HTML that shows the whole storyboard without JavaScript, a
//! small script for the slideshow, and the manifest as JSON for re-opening in the editor.
//!
//! # Safety (DESIGN §4)
//! Every piece of user text goes through [`escape_html`]; the manifest goes through
//! [`json_for_html`] (`<`, U+2028, U+2029 escaped, so a caption can neither close the
//! `<script>` element nor break the JSON). The page's first `<head>` element is a CSP that
//! allows no network at all: images only from `data:` (or the bundle's own folder in the ZIP),
//! the one stylesheet and the one script by hash. The stylesheet and script are constants, so
//! their hashes are too ([`STYLE_HASH`], [`SCRIPT_HASH`]; a test recomputes them).

use super::{Manifest, Settings};
use crate::i18n::{Lang, T};
use crate::model::{Aspect, FieldKind, Frame};

const STYLE: &str = include_str!("viewer.css");
const SCRIPT: &str = include_str!("viewer.js");
/// `sha256-…` of [`STYLE`], for the CSP.
pub const STYLE_HASH: &str = "sha256-OYxp/SJgkZMNW37VZSbEfTvrHRZD6k56F57iR9U9EbQ=";
/// `sha256-…` of [`SCRIPT`], for the CSP.
pub const SCRIPT_HASH: &str = "sha256-f8979YbIgx9FarXAy8sE/EJ3AzBuXed5paoe+/Pl3VQ=";
/// The `id` of the `<script type="application/json">` that holds the manifest.
pub const DATA_ID: &str = "flowboard-bundle";

/// Where the page's images come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Inside the page as `data:` URIs (the single-file export).
    Embedded,
    /// Beside the page, by relative path (`index.html` of the ZIP bundle).
    Linked,
}

/// A piece of the page: text, or a place where the browser puts a file of the bundle as a
/// `data:` URI (only with [`Images::Embedded`]). Keeping images out of the text lets the browser
/// join megabytes of base64 without passing them through WebAssembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The path of a file of the bundle ([`super::Image::path`] or [`super::Original::path`]).
    DataUri(String),
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>` or
/// `<!--`), and no U+2028/U+2029 (line terminators to older JavaScript parsers).
pub fn json_for_html(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The Content-Security-Policy of a viewer page.
pub fn csp(images: Images) -> String {
    let files = match images {
        Images::Embedded => "data:",
        Images::Linked => "'self' data:",
    };
    // Sound plays from `<audio>` elements (media-src), from the same places as the images.
    format!("default-src 'none'; img-src {files}; media-src {files}; style-src '{STYLE_HASH}'; script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'")
}

fn aspect_class(aspect: Aspect) -> String {
    format!(
        "fb-ar-{}",
        aspect.label().to_ascii_lowercase().replace([':', '.'], "-")
    )
}

/// A frame's shown fields as (label, value), in the board's chosen set and order.
pub fn shown_fields(
    frame: &Frame,
    chosen: &std::collections::BTreeSet<FieldKind>,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    chosen
        .iter()
        .filter_map(|kind| {
            let value = match kind {
                FieldKind::ShotType => frame.shot_type.as_ref().map(|s| s.label(lang).to_owned()),
                FieldKind::Movement => frame.movement.as_ref().map(|m| m.label(lang).to_owned()),
                FieldKind::Duration => frame.duration.map(|d| lang.duration(d)),
                FieldKind::Dialogue => Some(frame.dialogue.clone()).filter(|d| !d.is_empty()),
                FieldKind::Notes => Some(frame.notes.clone()).filter(|n| !n.is_empty()),
            }?;
            Some((kind.label(lang), value))
        })
        .collect()
}

struct Page {
    pieces: Vec<Piece>,
    text: String,
}

impl Page {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn data_uri(&mut self, path: &str) {
        self.pieces
            .push(Piece::Text(std::mem::take(&mut self.text)));
        self.pieces.push(Piece::DataUri(path.to_owned()));
    }
    /// `<template id="{id}">` of files of the bundle, each `{open} data-file="PATH" src="…"{close}`
    /// on a line; nothing when there are none.
    fn template<'a>(
        &mut self,
        images: Images,
        id: &str,
        paths: impl ExactSizeIterator<Item = &'a str>,
        open: &str,
        close: &str,
    ) {
        if paths.len() == 0 {
            return;
        }
        self.push(&format!("<template id=\"{id}\">\n"));
        for path in paths {
            self.push(&format!("{open} data-file=\"{}\"", escape_html(path)));
            self.image(images, path);
            self.push(close);
            self.push("\n");
        }
        self.push("</template>\n");
    }

    /// ` src="…"` of a file of the bundle (an image, an original, a sound).
    fn image(&mut self, images: Images, path: &str) {
        match images {
            Images::Embedded => {
                self.push(" src=\"");
                self.data_uri(path);
                self.push("\"");
            }
            Images::Linked => self.push(&format!(" src=\"{}\"", escape_html(path))),
        }
    }
}

/// The viewer page for `manifest`, its words in `lang`.
pub fn render(manifest: &Manifest, images: Images, lang: Lang) -> Vec<Piece> {
    let board = &manifest.board;
    let mut p = Page {
        pieces: Vec::new(),
        text: String::new(),
    };
    let title = if board.title.trim().is_empty() {
        lang.t(T::UntitledStoryboard).to_owned()
    } else {
        board.title.clone()
    };
    p.push(&format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n", lang.code(), csp(images)));
    p.push("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    p.push(&format!("<meta name=\"generator\" content=\"{}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">\n", escape_html(&manifest.generator)));
    p.push(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape_html(&title)
    ));
    let count = board.frame_count();
    let mut meta = Vec::new();
    if !board.author.trim().is_empty() {
        meta.push(escape_html(&board.author));
    }
    meta.push(lang.count(count, T::Frames));
    meta.push(lang.f(
        T::RunningTime,
        &[("time", &lang.duration(board.running_time()))],
    ));
    p.push(&format!(
        "<header class=\"fb-head\">\n<h1>{}</h1>\n<p class=\"fb-meta\">{}</p>\n",
        escape_html(&title),
        meta.join(" · ")
    ));
    if !board.description.trim().is_empty() {
        p.push(&format!(
            "<p class=\"fb-desc\">{}</p>\n",
            escape_html(&board.description)
        ));
    }
    p.push(&format!(
        "<button type=\"button\" class=\"fb-play\" hidden>{}</button>\n</header>\n",
        lang.t(T::PlaySlideshow)
    ));
    p.push(&format!(
        "<main class=\"fb-board {}\">\n",
        aspect_class(board.aspect)
    ));
    let titled = board.scenes.len() > 1;
    for (n, scene) in board.scenes.iter().enumerate() {
        // An empty scene is a placeholder in the editor, not part of the story: no heading.
        if scene.frames.is_empty() {
            continue;
        }
        p.push("<section class=\"fb-scene\">\n");
        if titled || !scene.title.trim().is_empty() {
            let heading = if scene.title.trim().is_empty() {
                lang.f(T::SceneN, &[("n", &(n + 1))])
            } else {
                lang.f(
                    T::SceneNumbered,
                    &[("n", &(n + 1)), ("title", &scene.title)],
                )
            };
            p.push(&format!("<h2>{}</h2>\n", escape_html(&heading)));
        }
        p.push("<ol class=\"fb-grid\">\n");
        for frame in &scene.frames {
            let number = board.number_of(frame.id).unwrap_or_default();
            let alt = if frame.caption.trim().is_empty() {
                lang.f(T::FrameN, &[("n", &number)])
            } else {
                frame.caption.clone()
            };
            // The slideshow plays each frame for its duration (seconds).
            p.push(&format!(
                "<li class=\"fb-frame\" id=\"f-{}\" data-duration=\"{}\">\n<figure>\n<a class=\"fb-open\" href=\"#f-{}\">",
                frame.id.0,
                frame.duration_or_default(),
                frame.id.0
            ));
            match manifest.image_of(frame.id) {
                Some(image) => {
                    p.push(&format!(
                        "<span class=\"fb-pic\"><img data-file=\"{}\"",
                        escape_html(&image.path)
                    ));
                    p.image(images, &image.path);
                    p.push(&format!(
                        " width=\"{}\" height=\"{}\" alt=\"{}\"></span>",
                        image.width,
                        image.height,
                        escape_html(&alt)
                    ));
                }
                None => p.push(&format!(
                    "<span class=\"fb-pic fb-empty\"><span>{}</span></span>",
                    lang.t(T::NoPhoto)
                )),
            }
            p.push(&format!("</a>\n<figcaption><span class=\"fb-num\">{}</span> <span class=\"fb-cap\">{}</span>", escape_html(&number), escape_html(&frame.caption)));
            let shown = shown_fields(frame, &board.visible_fields, lang);
            if !shown.is_empty() {
                p.push("<dl class=\"fb-fields\">");
                for (label, value) in shown {
                    p.push(&format!(
                        "<dt>{}</dt><dd>{}</dd>",
                        escape_html(label),
                        escape_html(&value)
                    ));
                }
                p.push("</dl>");
            }
            p.push("</figcaption>\n</figure>\n</li>\n");
        }
        p.push("</ol>\n</section>\n");
    }
    p.push(&format!(
        "</main>\n<footer class=\"fb-foot\">{}</footer>\n",
        lang.t(T::MadeWith)
    ));
    // The slideshow's clock writes tenths with the language's decimal mark (0:08,5).
    p.push(&format!("<div id=\"fb-show\" class=\"fb-show\" role=\"dialog\" aria-modal=\"true\" aria-label=\"{}\" data-decimal=\"{}\" tabindex=\"-1\" hidden>\n", lang.t(T::Slideshow), lang.decimal_mark()));
    p.push("<div class=\"fb-show-pic\"></div>\n<p class=\"fb-show-text\"><span class=\"fb-num\"></span> <span class=\"fb-cap\"></span><span class=\"fb-pos\"></span></p>\n");
    p.push(&format!(
        "<div class=\"fb-bar\"><button type=\"button\" class=\"fb-toggle\" aria-label=\"{play}\" data-play=\"{play}\" data-pause=\"{}\">&#9654;</button><div class=\"fb-timeline\" aria-hidden=\"true\"></div><span class=\"fb-time\"></span></div>\n",
        lang.t(T::Pause),
        play = lang.t(T::PlaySlideshow)
    ));
    p.push(&format!(
        "<button type=\"button\" class=\"fb-prev\" aria-label=\"{}\">&#8249;</button>\n<button type=\"button\" class=\"fb-next\" aria-label=\"{}\">&#8250;</button>\n<button type=\"button\" class=\"fb-close\" aria-label=\"{}\">&#215;</button>\n</div>\n",
        lang.t(T::PreviousFrame),
        lang.t(T::NextFrame),
        lang.t(T::CloseSlideshow)
    ));
    if images == Images::Embedded {
        // Inert: images in a <template> are never loaded or decoded by the page.
        let originals = manifest.originals.iter().map(|o| o.path.as_str());
        p.template(images, "fb-originals", originals, "<img", " alt=\"\">");
    }
    // Inert until the slideshow plays: the script copies these into the page then.
    let audio = manifest.audio.iter().map(|a| a.path.as_str());
    p.template(
        images,
        "fb-audio",
        audio,
        "<audio",
        " preload=\"auto\"></audio>",
    );
    let json = serde_json::to_string(manifest).expect("a manifest serializes");
    p.push(&format!(
        "<script type=\"application/json\" id=\"{DATA_ID}\">{}</script>\n",
        json_for_html(&json)
    ));
    p.push(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    let Page { mut pieces, text } = p;
    pieces.push(Piece::Text(text));
    pieces
}

/// A file name for an export of a board titled `title` (`My film.html`), safe on every system.
pub fn file_name(title: &str, extension: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let stem: String = if cleaned.is_empty() {
        "storyboard".into()
    } else {
        cleaned.chars().take(80).collect()
    };
    format!("{}.{extension}", stem.trim_end_matches('.'))
}

/// Settings as the export dialog shows them ("1920 px, quality 85, originals included").
pub fn describe(settings: &Settings, lang: Lang) -> String {
    let key = if settings.originals {
        T::ExportSettingsOriginals
    } else {
        T::ExportSettings
    };
    lang.f(
        key,
        &[("px", &settings.long_edge), ("q", &settings.quality)],
    )
}
