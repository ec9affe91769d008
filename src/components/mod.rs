//! Yew components. Each one is small and takes plain data; the app state lives in [`crate::app`].

pub mod cards;
pub mod diagram;
pub mod fan_chart;
pub mod header;
pub mod levers_panel;
pub mod progress;

pub use cards::Cards;
pub use diagram::Diagram;
pub use fan_chart::FanChart;
pub use header::Header;
pub use levers_panel::LeversPanel;
pub use progress::RunProgressBar;
