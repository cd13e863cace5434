//! Code that runs on the page (the window's main thread): the editor's state glue ([`app`]), its
//! components, and the services that do its side effects. Nothing here runs in a worker; the
//! workers' code is in [`crate::workers`], the messages between them in [`crate::protocol`].

pub mod app;
pub mod components;
pub mod services;
