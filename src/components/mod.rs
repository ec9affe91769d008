//! Yew components. Each takes plain data and callbacks as props and never imports the app
//! (`crate::app`): the page's state is the app's, its logic is `parcours-core`.

pub mod cards;
pub mod chart_cards;
pub mod diagram;
pub mod editor;
pub mod embed;
pub mod embed_dialog;
pub mod export_bar;
pub mod header;
pub mod levers_panel;
pub mod map;
pub mod marginal_panel;
pub mod notices;
pub mod number_field;
pub mod plot_canvas;
pub mod present_actions;
pub mod printable_report;
pub mod progress;
pub mod run_bar;
pub mod scenario_choice;
pub mod settings_tabs;
pub mod share_panel;
pub mod workshop;

pub use cards::Cards;
pub use chart_cards::Charts;
pub use diagram::Diagram;
pub use editor::Editor;
pub use embed::Embed;
pub use export_bar::{ExportBar, PngButton};
pub use header::Header;
pub use levers_panel::LeversPanel;
pub use map::TerritoryMap;
pub use marginal_panel::MarginalPanel;
pub use notices::Notices;
pub use plot_canvas::{FanChart, Plot, PlotCanvas};
pub use present_actions::PresentActions;
pub use printable_report::Report;
pub use progress::RunProgressBar;
pub use run_bar::{RunBar, RunErrors};
pub use scenario_choice::ScenarioChoice;
pub use settings_tabs::SettingsTabs;
pub use share_panel::SharePanel;
pub use workshop::Workshop;
