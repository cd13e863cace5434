//! The tasks worker's jobs (its entry point is `main.rs` here, a binary of its own): joining an
//! export into its bundle file, and making and restoring backups.

pub mod assembly;
pub mod backup_files;
