//! The pure core of Flowboard: the storyboard model, every user operation as an [`actions::Action`]
//! applied by one pure function, undo/redo [`history`], the editing [`session`], import ordering,
//! [`imaging`] (decode with limits, EXIF, thumbnails) and the errors of each layer.
//!
//! Nothing here imports `yew`, `web-sys`, `js-sys` or `gloo`: `cargo test` runs all of it natively.
//! It is its own crate so the release profile can build it for speed (`opt-level = "s"`, codecs at
//! 3) while the web glue that depends on it is built for size.

pub mod actions;
pub mod audio;
pub mod bundle;
pub mod editor;
pub mod error;
pub mod film;
pub mod history;
#[cfg(test)]
mod history_tests;
pub mod i18n;
pub mod imaging;
pub mod import;
pub mod model;
pub mod protocol;
pub mod reorder;
pub mod session;
pub mod storage;
pub mod video;
pub mod zip;

/// Builds a `BTreeMap` or `BTreeSet` by inserting each item in turn.
///
/// `collect()` and `From<[T; N]>` into a B-tree first sort their input with a stable sort that is
/// compiled anew for every element type: 3–9 KB of wasm each, ten of them in the app
/// (BENCHMARKS.md, "App size"). Insertion uses code every map already has, and these maps hold
/// from a handful to a few thousand entries. Like `collect()`, a repeated key keeps its last value.
pub fn inserting<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut tree = C::default();
    tree.extend(items);
    tree
}

/// Sorts `items` by an integer key, stably (equal keys keep their order).
///
/// Every `sort_by`/`sort_by_key` compiles its own sort for its element type (3–9 KB of wasm
/// each); this one sorts `(key, index)` pairs, so all its callers share one (BENCHMARKS.md,
/// "App size"). The key is computed once per item.
pub fn sort_by_number<T>(items: &mut [T], key: impl Fn(&T) -> i64) {
    items.sort_by_cached_key(key);
}

/// Parses JSON text into `T` by way of a [`serde_json::Value`].
///
/// Stored boards are read through a `Value` (to salvage what a damaged one still holds), so every
/// model type already has a `Value` reader; `serde_json::from_str` would compile a second reader
/// for each type it reaches (BENCHMARKS.md, "App size"). Parsing twice costs well under a
/// millisecond for the messages and documents read here. Unlike `from_str`, a key repeated in an
/// object keeps its last value, and errors say what was wrong but not at which line.
///
/// # Errors
/// The text is not JSON, or not the JSON of a `T`.
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_str(text)?)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn sort_by_number_is_stable() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_number(&mut items, |i| i.0);
        assert_eq!(items.map(|i| i.1), ['b', 'e', 'd', 'a', 'c']);
    }

    #[test]
    fn inserting_builds_what_collect_builds() {
        let pairs = [(3, "c"), (1, "a"), (3, "last"), (2, "b")];
        assert_eq!(
            super::inserting::<BTreeMap<_, _>, _>(pairs),
            pairs.into_iter().collect::<BTreeMap<_, _>>()
        );
        assert_eq!(
            super::inserting::<BTreeSet<_>, _>([5, 1, 5, 3]),
            BTreeSet::from([1, 3, 5])
        );
    }

    #[test]
    fn parse_json_reads_what_from_str_reads_and_refuses_what_is_not_a_t() {
        let json = r#"{"a": [1, 2.5], "b": "x"}"#;
        let direct: std::collections::BTreeMap<String, serde_json::Value> =
            serde_json::from_str(json).unwrap();
        assert_eq!(
            super::parse_json::<std::collections::BTreeMap<String, serde_json::Value>>(json)
                .unwrap(),
            direct
        );
        assert_eq!(
            super::parse_json::<(u8, f64)>("[1, 2.5]").unwrap(),
            (1, 2.5)
        );
        assert!(
            super::parse_json::<(u8, f64)>("[1, \"2\"]").is_err(),
            "wrong type"
        );
        assert!(super::parse_json::<u8>("{").is_err(), "not JSON");
    }
}
