//! Yew components. Each one is small and takes plain data; the app state lives in [`crate::app`].

pub mod cards;
pub mod charts;
pub mod diagram;
pub mod editor;
pub mod embed;
pub mod embed_dialog;
pub mod exports;
pub mod fan_chart;
pub mod header;
pub mod levers_panel;
pub mod map;
pub mod progress;
pub mod report;
pub mod share_panel;
pub mod workshop;

pub use cards::Cards;
pub use charts::Charts;
pub use diagram::Diagram;
pub use editor::Editor;
pub use embed::Embed;
pub use embed_dialog::PresentActions;
pub use exports::{ExportBar, PngButton};
pub use fan_chart::{FanChart, Plot, PlotCanvas};
pub use header::Header;
pub use levers_panel::LeversPanel;
pub use map::TerritoryMap;
pub use progress::RunProgressBar;
pub use report::Report;
pub use share_panel::SharePanel;
pub use workshop::Workshop;
