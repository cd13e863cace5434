//! What the page's address asks for (`docs/embedding.md`, "Query options"): toolbar parts to
//! hide, origins to narrow embedding access to, a bundle to view read-only. Read once per load.
//! Its own module because start-up (`boards`), the toolbar and the embedding API (`embed`) all
//! read it, and `embed` itself depends on what start-up opens.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

/// What the query string asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Toolbar parts to hide: `library`, `export`, `present`, `add`.
    pub hide: BTreeSet<String>,
    /// `?allow-origin=`: when given, only these of the origins the host allows (`embed.json`) are
    /// obeyed; never more. Only valid origins are kept, so `?allow-origin=*` narrows to none.
    pub allow: Option<Vec<String>>,
    /// A bundle URL to show read-only.
    pub view: Option<String>,
}

thread_local! {
    static OPTIONS: RefCell<Option<Rc<Options>>> = const { RefCell::new(None) };
}

/// The options of this page load (read once from the query string; shared, not copied: the
/// toolbar asks on every render).
pub fn options() -> Rc<Options> {
    OPTIONS.with(|o| {
        o.borrow_mut()
            .get_or_insert_with(|| Rc::new(read_options()))
            .clone()
    })
}

fn read_options() -> Options {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return Options::default();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Options::default();
    };
    let list = |key: &str| -> Vec<String> {
        params
            .get_all(key)
            .iter()
            .filter_map(|v| v.as_string())
            .flat_map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect()
    };
    let allow = params.has("allow-origin").then(|| {
        list("allow-origin")
            .into_iter()
            .filter(|o| is_origin(o))
            .collect()
    });
    Options {
        hide: flowboard_core::inserting(list("hide")),
        allow,
        view: params.get("view").filter(|v| !v.is_empty()),
    }
}

/// Whether `text` is a serialized http(s) origin, exactly as a browser writes one
/// (`https://host`, `http://host:8080`): no `*`, no `null`, no path, no trailing slash, lower case,
/// no default port.
pub fn is_origin(text: &str) -> bool {
    let Ok(url) = web_sys::Url::new(text) else {
        return false;
    };
    matches!(url.protocol().as_str(), "http:" | "https:") && url.origin() == text
}
