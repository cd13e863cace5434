//! The tasks worker's jobs (its entry point is `main.rs` here, a binary of its own): joining an
//! export into its bundle file, making and restoring backups, and making films (encoded, or played
//! in real time on the page's canvas where the browser cannot encode).

pub mod assembly;
pub mod backup_files;
#[cfg(feature = "tasks")]
pub mod film;
#[cfg(feature = "tasks")]
mod film_draw;
#[cfg(feature = "tasks")]
pub mod film_live;
