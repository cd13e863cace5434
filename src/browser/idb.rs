//! IndexedDB as `async` functions: open, one transaction at a time, requests awaited as futures.
//!
//! Every failure becomes a [`StorageError`] from its `DOMException` name, so a full quota
//! (`QuotaExceededError`, reported when the transaction aborts) reads as [`StorageError::QuotaFull`].

use crate::error::StorageError;
use crate::i18n::{Message, T};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest,
    IdbTransaction, IdbTransactionMode,
};

pub const DB_NAME: &str = "flowboard";
/// Version 1: stores `boards` (id → document JSON), `summaries` (id → summary JSON) and `photos`
/// (content hash → `{original, thumb, meta, board, stored_at}`).
/// Version 2 adds `audio` (content hash → `{blob, mime, name}`: narration and music files) and
/// `recordings` (`"<recording id>/<seq:06>"` → `{board, frame, mime, started_at, seq, blob}`: a
/// recording's chunks as they come, so one cut short by a reload can be recovered). Upgrading
/// only creates the stores that are missing; nothing stored before is touched.
const DB_VERSION: u32 = 2;
pub const BOARDS: &str = "boards";
pub const SUMMARIES: &str = "summaries";
pub const PHOTOS: &str = "photos";
pub const AUDIO: &str = "audio";
pub const RECORDINGS: &str = "recordings";

fn dom_error(error: Option<DomException>) -> StorageError {
    match error {
        Some(e) => StorageError::from_dom(&e.name(), &e.message()),
        None => StorageError::Failed {
            detail: Message::new(T::NoReason),
        },
    }
}

fn js_error(value: JsValue) -> StorageError {
    match value.dyn_ref::<DomException>() {
        Some(e) => StorageError::from_dom(&e.name(), &e.message()),
        None => match value.dyn_ref::<js_sys::Error>() {
            Some(e) => StorageError::from_dom(&String::from(e.name()), &String::from(e.message())),
            None => StorageError::Failed {
                detail: Message::raw(format!("{value:?}")),
            },
        },
    }
}

/// Opens (and on first use creates) the database; from the page or from a worker (backups are
/// made and restored in one).
pub async fn open() -> Result<IdbDatabase, StorageError> {
    let factory = js_sys::Reflect::get(&js_sys::global(), &"indexedDB".into())
        .map_err(js_error)?
        .dyn_into::<web_sys::IdbFactory>()
        .map_err(|_| StorageError::Unavailable {
            detail: Message::new(T::NoIndexedDb),
        })?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(js_error)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new({
        let request = request.clone();
        move |_| {
            let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
                return;
            };
            let names = db.object_store_names();
            for store in [BOARDS, SUMMARIES, PHOTOS, AUDIO, RECORDINGS] {
                if !names.contains(store) {
                    let _ = db.create_object_store_with_optional_parameters(
                        store,
                        &IdbObjectStoreParameters::new(),
                    );
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = finish(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = result?.dyn_into().map_err(|_| StorageError::Failed {
        detail: Message::new(T::NoDatabase),
    })?;
    // A newer build opening the database at a higher version waits until every connection is
    // closed: this one gives way (its later reads and writes fail, and say so) rather than
    // leaving the newer tab stuck opening.
    let give_way = Closure::<dyn FnMut(web_sys::Event)>::new({
        let db = db.clone();
        move |_| db.close()
    });
    db.set_onversionchange(Some(give_way.as_ref().unchecked_ref()));
    give_way.forget();
    Ok(db)
}

/// Waits for a request; its result, or its error.
pub async fn finish(request: &IdbRequest) -> Result<JsValue, StorageError> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(js_error),
        Err(_) => Err(dom_error(request.error().ok().flatten())),
    }
}

/// Commits a read-write transaction and waits until it is durable (or failed: a full quota shows
/// up here, as the transaction's error).
pub async fn commit(tx: &IdbTransaction) -> Result<(), StorageError> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    // Explicit commit: nothing else will be added, so the browser need not wait for idle.
    // (`IDBTransaction.commit` is standard; web-sys marks it deprecated for old-browser reasons.)
    #[allow(deprecated)]
    let _ = tx.commit();
    let outcome = JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    outcome.map(drop).map_err(|_| dom_error(tx.error()))
}

/// A transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    write: bool,
) -> Result<IdbTransaction, StorageError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(js_error)
}

/// Reads one value by key (`None` when absent).
pub async fn get(
    db: &IdbDatabase,
    store: &str,
    key: &str,
) -> Result<Option<JsValue>, StorageError> {
    let tx = transaction(db, &[store], false)?;
    let request = tx
        .object_store(store)
        .map_err(js_error)?
        .get(&JsValue::from_str(key))
        .map_err(js_error)?;
    let value = finish(&request).await?;
    Ok((!value.is_undefined()).then_some(value))
}

/// Every key and value of a store.
pub async fn get_all(
    db: &IdbDatabase,
    store: &str,
) -> Result<Vec<(String, JsValue)>, StorageError> {
    let tx = transaction(db, &[store], false)?;
    let s = tx.object_store(store).map_err(js_error)?;
    let keys = s.get_all_keys().map_err(js_error)?;
    let values = s.get_all().map_err(js_error)?;
    let keys: Array = finish(&keys).await?.unchecked_into();
    let values: Array = finish(&values).await?.unchecked_into();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v)))
        .collect())
}

/// Every key of a store.
pub async fn keys(db: &IdbDatabase, store: &str) -> Result<Vec<String>, StorageError> {
    let tx = transaction(db, &[store], false)?;
    let request = tx
        .object_store(store)
        .map_err(js_error)?
        .get_all_keys()
        .map_err(js_error)?;
    let keys: Array = finish(&request).await?.unchecked_into();
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Puts `value` at `key` in `store` within `tx` (not awaited: commit the transaction).
pub fn put(
    tx: &IdbTransaction,
    store: &str,
    key: &str,
    value: &JsValue,
) -> Result<(), StorageError> {
    tx.object_store(store)
        .map_err(js_error)?
        .put_with_key(value, &JsValue::from_str(key))
        .map_err(js_error)
        .map(drop)
}

/// Deletes `key` from `store` within `tx`.
pub fn delete(tx: &IdbTransaction, store: &str, key: &str) -> Result<(), StorageError> {
    tx.object_store(store)
        .map_err(js_error)?
        .delete(&JsValue::from_str(key))
        .map_err(js_error)
        .map(drop)
}

/// `navigator.storage.estimate()`: bytes used and the quota, when the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate: web_sys::StorageEstimate = JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Asks the browser not to evict this site's storage under pressure; whether it agreed.
pub async fn persist() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let storage = window.navigator().storage();
    let Ok(promise) = storage.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
