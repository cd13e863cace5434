//! The page's side effects: files in, the worker pool, autosave, boards and tabs, embedding,
//! exports and prints. Components call these; the reducer never does. What both the page and the
//! workers use of the browser (blobs, IndexedDB) is in [`crate::browser`].

pub mod animatic_audio;
pub mod audio_intake;
pub mod audio_store;
pub mod autosave;
pub mod backup;
pub mod board_store;
pub mod boards;
pub mod camera_motion;
pub mod embed;
pub mod export;
pub mod film_export;
pub mod film_recording;
pub mod importer;
pub mod locale;
pub mod page_options;
pub mod photo_store;
pub mod print;
pub mod recorder;
pub mod reopen;
pub mod tab_lock;
pub mod video_stills;
pub mod worker_pool;

/// The page's `localStorage`, when the browser gives one (a private mode or a sandboxed frame
/// may not): the last board, the language chosen, unsaved documents a full quota kept out of
/// IndexedDB.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
