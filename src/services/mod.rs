//! Side effects: reading files, talking to the image worker, object URLs.
//! Components call these; the reducer never does.

pub mod files;
pub mod image_worker;
pub mod importer;
pub mod worker_protocol;
