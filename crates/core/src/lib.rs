//! Parcours without the browser: everything the page decides and says, as plain Rust tested
//! natively. No web dependency (the compiler checks it: see Cargo.toml); the Yew app
//! (`src/`) draws it and the command line (`crates/cli`) writes its CSV with it.
//! ARCHITECTURE.md has the map.

pub mod analysis;
pub mod catalog;
pub mod chart_data;
pub mod csv;
pub mod data_tables;
pub mod diagram_data;
pub mod editor;
pub mod glossary;
pub mod i18n;
pub mod insight;
pub mod levers;
pub mod library;
pub mod link;
pub mod map_classes;
pub mod marginal;
pub mod measures;
pub mod optimise;
pub mod present;
pub mod preview;
pub mod report_text;
pub mod result_tables;
pub mod runs;
pub mod seek;
pub mod sources;
pub mod state;
pub mod target;
