//! Parcours in the browser: a Yew app (`src/main.rs`) and a Web Worker (`src/bin/worker.rs`)
//! around the `parcours-engine` crate, drawing what `parcours-core` decides and says. See
//! ARCHITECTURE.md for the map.

pub mod analysis_pool;
pub mod app;
pub mod components;
pub mod decide_runner;
pub mod framed;
pub mod hooks;
pub mod lone_worker;
pub mod map_runner;
pub mod marginal_runner;
pub mod plot;
pub mod plot_decide;
pub mod plot_marginal;
pub mod runner;
pub mod search_worker;
pub mod session;
pub mod web;
pub mod worker;
