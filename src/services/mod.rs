//! Side effects: reading files, the image worker, IndexedDB, autosave, tabs, object URLs.
//! Components call these; the reducer never does.

pub mod assembly;
pub mod autosave;
pub mod backup;
pub mod backup_files;
pub mod blobs;
pub mod boards;
pub mod database;
pub mod embed;
pub mod export;
pub mod files;
pub mod idb;
pub mod image_worker;
pub mod importer;
pub mod locale;
pub mod page_options;
pub mod photo_store;
pub mod print;
pub mod reopen;
pub mod tab_lock;
pub mod worker_protocol;
