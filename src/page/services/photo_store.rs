//! The photos this page holds, by content hash: their blobs (original file and thumbnail), the
//! object URLs the editor shows them through, and whether they are in IndexedDB yet.
//!
//! Blobs stay browser objects (a `File` from the picker, or a `Blob` read back from IndexedDB,
//! which is backed by disk); their bytes never enter WebAssembly memory here. A photo that could
//! not be stored (full quota) stays here, so autosave can retry and a backup can still include it.

use crate::model::PhotoId;
use std::cell::RefCell;
use std::collections::HashMap;
use web_sys::{Blob, Url};

/// A photo's blobs and the URLs that show them.
#[derive(Clone)]
pub struct PhotoBlobs {
    pub original: Blob,
    pub thumb: Blob,
    pub thumb_url: String,
    pub original_url: String,
    /// Whether IndexedDB has it.
    pub stored: bool,
}

thread_local! {
    static PHOTOS: RefCell<HashMap<PhotoId, PhotoBlobs>> = RefCell::new(HashMap::new());
}

/// Registers a photo's blobs; gives its (thumbnail, original) object URLs. A photo already known
/// keeps its URLs (no new ones are minted and leaked).
///
/// # Errors
/// A blob whose type is not a raster image type ([`crate::browser::blobs::image_url`]) is refused:
/// opened in a tab ("Open image in new tab"), a `blob:` URL typed `text/html` or `image/svg+xml`
/// would run the file's script in the editor's origin. Callers type blobs from their bytes
/// ([`crate::browser::blobs::typed_photo`]) or from a decode.
pub fn remember(
    id: &PhotoId,
    original: &Blob,
    thumb: &Blob,
    stored: bool,
) -> Result<(String, String), crate::i18n::Message> {
    if let Some(known) = get(id) {
        if stored && !known.stored {
            mark_stored(id);
        }
        return Ok((known.thumb_url, known.original_url));
    }
    let thumb_url = crate::browser::blobs::image_url(thumb)?;
    // A photo the browser does not draw (HEIC in Chrome and Firefox) is shown by its thumbnail,
    // which the image worker decoded from it.
    let shown = if crate::imaging::browser_draws_mime(&original.type_()) {
        crate::browser::blobs::image_url(original)
    } else {
        Ok(thumb_url.clone())
    };
    let original_url = match shown {
        Ok(url) => url,
        Err(e) => {
            let _ = Url::revoke_object_url(&thumb_url);
            return Err(e);
        }
    };
    let entry = PhotoBlobs {
        original: original.clone(),
        thumb: thumb.clone(),
        thumb_url: thumb_url.clone(),
        original_url: original_url.clone(),
        stored,
    };
    PHOTOS.with(|p| p.borrow_mut().insert(id.clone(), entry));
    Ok((thumb_url, original_url))
}

pub fn get(id: &PhotoId) -> Option<PhotoBlobs> {
    PHOTOS.with(|p| p.borrow().get(id).cloned())
}

pub fn mark_stored(id: &PhotoId) {
    PHOTOS.with(|p| {
        if let Some(e) = p.borrow_mut().get_mut(id) {
            e.stored = true;
        }
    });
}

/// Photos held here that IndexedDB does not have yet.
pub fn unstored() -> Vec<PhotoId> {
    PHOTOS.with(|p| {
        p.borrow()
            .iter()
            .filter(|(_, e)| !e.stored)
            .map(|(id, _)| id.clone())
            .collect()
    })
}
