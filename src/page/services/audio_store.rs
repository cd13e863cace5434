//! The audio this page holds (narrations and music beds), by content hash, like
//! [`super::photo_store`]: each file's blob, an object URL to play it through, and whether
//! IndexedDB has it yet.
//!
//! Blobs stay browser objects (a `File` from the picker, a recording, or a `Blob` read back from
//! IndexedDB, which is backed by disk); their bytes never enter WebAssembly memory here. Audio
//! that could not be stored (full quota) stays here, so autosave can retry and a backup or an
//! export can still include it.

use crate::browser::database;
use std::cell::RefCell;
use std::collections::HashMap;
use web_sys::{Blob, Url};

struct Held {
    blob: Blob,
    /// Minted on first use ([`url`]) and kept: a clip played again reuses it.
    url: Option<String>,
    /// Whether IndexedDB has it.
    stored: bool,
}

thread_local! {
    static AUDIO: RefCell<HashMap<String, Held>> = RefCell::new(HashMap::new());
}

/// Holds an audio file's blob (typed as the audio its bytes are: [`super::audio_intake`] and
/// [`database::audio_blob`] type it). An id already held keeps its blob and URL; `stored` only
/// ever turns it from unstored to stored.
pub fn remember(id: &str, blob: &Blob, stored: bool) {
    AUDIO.with(|a| {
        let mut held = a.borrow_mut();
        match held.get_mut(id) {
            Some(known) => known.stored |= stored,
            None => {
                held.insert(
                    id.to_owned(),
                    Held {
                        blob: blob.clone(),
                        url: None,
                        stored,
                    },
                );
            }
        }
    });
}

/// The blob of an audio file held in memory.
pub fn get(id: &str) -> Option<Blob> {
    AUDIO.with(|a| a.borrow().get(id).map(|h| h.blob.clone()))
}

/// An audio file's blob: from memory, else from IndexedDB (then held, as stored). `None` when
/// neither has it (a board opened in a browser that never stored its sound).
pub async fn load(id: &str) -> Option<Blob> {
    if let Some(blob) = get(id) {
        return Some(blob);
    }
    let blob = database::audio_blob(id).await.ok().flatten()?;
    remember(id, &blob, true);
    Some(blob)
}

/// An object URL that plays a held audio file (for an `<audio>` element); minted once per file.
/// Only a blob typed `audio/…` gets one: opened in a tab, a `blob:` URL of another type could
/// render as a page in the editor's origin.
pub fn url(id: &str) -> Option<String> {
    AUDIO.with(|a| {
        let mut held = a.borrow_mut();
        let h = held.get_mut(id)?;
        if h.url.is_none() && h.blob.type_().starts_with("audio/") {
            h.url = Url::create_object_url_with_blob(&h.blob).ok();
        }
        h.url.clone()
    })
}

pub fn mark_stored(id: &str) {
    AUDIO.with(|a| {
        if let Some(h) = a.borrow_mut().get_mut(id) {
            h.stored = true;
        }
    });
}

/// Audio held here that IndexedDB does not have yet.
pub fn unstored() -> Vec<String> {
    AUDIO.with(|a| {
        a.borrow()
            .iter()
            .filter(|(_, h)| !h.stored)
            .map(|(id, _)| id.clone())
            .collect()
    })
}
