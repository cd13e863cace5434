//! The pure core of Flowboard: the storyboard model, every user operation as an [`actions::Action`]
//! applied by one pure function, undo/redo [`history`], the editing [`session`], import ordering,
//! [`imaging`] (decode with limits, EXIF, thumbnails) and the errors of each layer.
//!
//! Nothing here imports `yew`, `web-sys`, `js-sys` or `gloo`: `cargo test` runs all of it natively.
//! It is its own crate so the release profile can build it for speed (`opt-level = "s"`, codecs at
//! 3) while the web glue that depends on it is built for size.

pub mod actions;
pub mod bundle;
pub mod error;
pub mod history;
pub mod i18n;
pub mod imaging;
pub mod import;
pub mod model;
pub mod reorder;
pub mod session;
pub mod storage;
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn inserting_builds_what_collect_builds() {
        let pairs = [(3, "c"), (1, "a"), (3, "last"), (2, "b")];
        assert_eq!(super::inserting::<BTreeMap<_, _>, _>(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(super::inserting::<BTreeSet<_>, _>([5, 1, 5, 3]), BTreeSet::from([1, 3, 5]));
    }
}
