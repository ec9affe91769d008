//! The editor's sections, one function each, in the order the page shows them.

mod accompaniment;
mod exits;
mod general;
mod initial;
mod json;
mod policies;
mod stages;

pub(super) use accompaniment::pools;
pub(super) use exits::exits;
pub(super) use general::{arrivals, household_types, territory, waiting_list};
pub(super) use initial::initial_state;
pub(super) use json::json_box;
pub(super) use policies::{costs, dalo, prevention};
pub(super) use stages::stages;
