//! Yew components. Each one is small and takes plain data; the app state lives in [`crate::app`].

pub mod editor;
pub mod fan_chart;
pub mod header;
pub mod progress;

pub use editor::Editor;
pub use fan_chart::FanChart;
pub use header::Header;
pub use progress::RunProgressBar;
