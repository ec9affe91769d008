//! The map's small runs: once the first baseline run is complete, the départements' files are
//! fetched (`web::catalog`, each once per page) and each département runs with
//! `MAP_REPLICATIONS` replications, one after the other (`map_runner::MapRunner`); they wait while
//! the baseline or the scenario runs, so those get the cores.

use std::collections::BTreeMap;
use std::rc::Rc;

use parcours_core::catalog::Index;
use parcours_core::measures::MapFigures;
use parcours_core::runs::Results;
use parcours_core::state::{Resolved, Same};
use yew::prelude::*;

use crate::map_runner::MapRunner;

/// The map's figures by département code. `enabled`: false in an embedded view (the map's
/// runs would only slow the partner's page).
#[hook]
pub fn use_map(
    index: Rc<Index>,
    resolved: &Rc<Resolved>,
    results: &Results,
    enabled: bool,
) -> Rc<BTreeMap<String, MapFigures>> {
    let figures = use_state(|| Rc::new(BTreeMap::<String, MapFigures>::new()));
    let runner = {
        let figures = figures.clone();
        use_mut_ref(move || {
            MapRunner::new(Rc::new(move |f: BTreeMap<String, MapFigures>| {
                figures.set(Rc::new(f))
            }))
        })
    };
    // A lever move pauses the map at once (the scenario may start after the debounce); back to
    // the baseline alone, it goes on unless the baseline still runs.
    {
        let runner = runner.clone();
        let base_running = !results.cancelled && results.base.done < results.base.total;
        let deps = (Same(resolved.scenario.clone()), resolved.comparing);
        use_effect_with(deps, move |(_, comparing)| {
            if *comparing {
                runner.borrow_mut().pause();
            } else if !base_running {
                runner.borrow_mut().resume();
            }
        });
    }
    // The map runs only while the baseline and the scenario do not.
    {
        let runner = runner.clone();
        use_effect_with(results.running(), move |running| {
            if *running {
                runner.borrow_mut().pause();
            } else {
                runner.borrow_mut().resume();
            }
        });
    }
    // It starts once the first baseline run is complete.
    {
        let base_finished = results.base.done >= results.base.total && enabled;
        use_effect_with(base_finished, move |finished| {
            if *finished && !runner.borrow().started() {
                // The other départements' files are fetched now, not at start-up; one that cannot
                // be fetched stays blank.
                let files = index.territories.iter().map(|t| t.file.clone()).collect();
                crate::web::catalog::files(files, move |fetched| {
                    let territories = index
                        .territories
                        .iter()
                        .filter_map(|t| {
                            let (_, scenario) = fetched.iter().find(|(f, _)| *f == t.file)?;
                            Some((t.code.clone(), (**scenario.as_ref().ok()?).clone()))
                        })
                        .collect();
                    if !runner.borrow().started() {
                        MapRunner::start(&runner, territories);
                    }
                });
            }
        });
    }
    (*figures).clone()
}
