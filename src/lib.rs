//! Parcours in the browser: a Yew app (`src/main.rs`) and a Web Worker (`src/bin/worker.rs`)
//! around the `parcours-engine` crate. See ARCHITECTURE.md for the map.

pub mod app;
pub mod catalog;
pub mod chart;
pub mod components;
pub mod engine_messages;
pub mod export;
pub mod i18n;
pub mod insight;
pub mod levers;
pub mod library;
pub mod present;
pub mod report;
pub mod runner;
pub mod session;
pub mod share;
pub mod worker;
