//! Code that runs only in a worker. Each worker's entry point is a binary of its own
//! (`image/main.rs`: the image workers; `tasks/main.rs`: the tasks worker, see `Cargo.toml`);
//! what a worker does beyond the pure core lives in this module, by worker.

pub mod tasks;
