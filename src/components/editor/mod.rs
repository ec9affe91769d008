//! The advanced editor: the whole scenario, section by section (territory, household types,
//! arrivals, waiting list, stages, exits, accompaniment, prevention, DALO, costs, initial state,
//! JSON import / export).
//!
//! The draft and its validation are `parcours_core::editor` (pure, tested natively); this is
//! its view. A valid draft is sent to `on_change`; an invalid one never is: each engine error is
//! shown next to the field its path names, and errors without a field of their own are listed at
//! the top with their path.

mod sections;
mod view;
mod widgets;

use std::rc::Rc;

use parcours_core::editor::{Action, EditorState};
use parcours_core::i18n::Lang;
use parcours_core::state::Same;
use parcours_engine::Scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The last valid scenario (what the results on screen were computed from).
    pub scenario: Same<Scenario>,
    pub lang: Lang,
    /// Called with every new valid scenario, never with an invalid one.
    pub on_change: Callback<Scenario>,
}

/// The editor's state as a Yew reducer.
#[derive(PartialEq)]
struct Model(EditorState);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        Rc::new(Model(next))
    }
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let state = use_reducer(|| Model(EditorState::new(&props.scenario)));
    {
        // Only valid scenarios leave the editor.
        let on_change = props.on_change.clone();
        let last = state.0.last_valid.clone();
        use_effect_with(state.0.emitted, move |n| {
            if *n > 0 {
                on_change.emit(last);
            }
        });
    }
    {
        // A scenario replaced from outside (reset, another territory) replaces the draft.
        let dispatcher = state.dispatcher();
        let last = state.0.last_valid.clone();
        use_effect_with(props.scenario.clone(), move |scenario| {
            if ***scenario != last {
                dispatcher.dispatch(Action::Reset(Box::new((***scenario).clone())));
            }
        });
    }
    let dispatch = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    };
    view::render(&state.0, props.lang, dispatch)
}
