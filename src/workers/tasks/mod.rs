//! The tasks worker's jobs (its entry point is `main.rs` here, a binary of its own): joining an
//! export into its bundle file, making and restoring backups, and making films.

pub mod assembly;
pub mod backup_files;
#[cfg(feature = "tasks")]
pub mod film;
#[cfg(feature = "tasks")]
mod film_draw;
