//! Which language the page speaks: chosen once per load, switchable, remembered.
//!
//! Order of precedence: `?lang=` in the address (an embedding page or a workshop link can set
//! it), then the person's own earlier choice (kept in `localStorage`), then the browser's
//! languages (`navigator.languages`), then English. The choice also sets `<html lang>`, so
//! screen readers pronounce the page right and system fonts pick Chinese glyph shapes.
//!
//! The language in use is the editor's state (`EditorState::lang`); this module only works out
//! the first one and remembers a choice.

use crate::i18n::Lang;

/// Where the person's choice is kept.
const KEY: &str = "flowboard.lang";

/// Remembers `lang` for the next visit and marks the document with it (the editor's state
/// switches with `EditorMsg::Language`).
pub fn choose(lang: Lang) {
    if let Some(storage) = super::local_storage() {
        // Private modes may refuse; the choice then lasts for this page only.
        let _ = storage.set_item(KEY, lang.code());
    }
    mark_document(lang);
}

/// The language the page starts in, by the order of precedence above; marks the document.
pub fn initial() -> Lang {
    let window = web_sys::window();
    let asked = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| {
            web_sys::UrlSearchParams::new_with_str(&search)
                .ok()?
                .get("lang")
        });
    let remembered =
        super::local_storage().and_then(|storage| storage.get_item(KEY).ok().flatten());
    let browser: Vec<String> = window
        .as_ref()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default();
    let lang = Lang::choose(
        asked.as_deref(),
        remembered.as_deref(),
        browser.iter().map(String::as_str),
    );
    mark_document(lang);
    lang
}

fn mark_document(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    document.set_title(lang.t(crate::i18n::T::PageTitle));
}
