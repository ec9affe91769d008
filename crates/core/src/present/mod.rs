//! Presenting the results to others: the workshop mode (a facilitator projects up to four prepared
//! scenarios to a room) and the embed mode (one view of Parcours in a partner's page, talking to
//! it with `postMessage`). The pure parts, tested natively; the components are
//! `src/components/workshop.rs`, `embed.rs`, `embed_dialog.rs` and `present_actions.rs`.

pub mod messages;
pub mod query;
pub mod snippet;
pub mod workshop;
