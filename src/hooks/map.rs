//! The map's small runs: once the first baseline run is complete and the map is about to be seen
//! (its section within `MAP_MARGIN` of the screen, `use_seen`: a visitor who never scrolls to it
//! costs nothing), the départements' files are fetched (`web::catalog`, each once per page) and
//! each département runs with `MAP_REPLICATIONS` replications, one after the other
//! (`map_runner::MapRunner`); they wait while the baseline or the scenario runs, so those get the
//! cores. Started, they go on wherever the page is scrolled. An embedded view has no map section:
//! nothing runs there.

use std::collections::BTreeMap;
use std::rc::Rc;

use parcours_core::catalog::Index;
use parcours_core::measures::MapFigures;
use parcours_core::runs::Results;
use parcours_core::state::{Resolved, Same};
use yew::prelude::*;

use super::use_seen;
use crate::map_runner::MapRunner;

/// How far from the screen the map's section starts its runs: a little before it scrolls into
/// view, so that its first départements are coloured about when it is seen.
const MAP_MARGIN: &str = "400px";

/// The map's figures by département code, and whether its runs have started (the files'
/// fetch included).
pub struct Map {
    pub figures: Rc<BTreeMap<String, MapFigures>>,
    pub started: bool,
}

/// The map of `section` (the map's card, `TerritoryMap`'s `section`).
#[hook]
pub fn use_map(
    index: Rc<Index>,
    resolved: &Rc<Resolved>,
    results: &Results,
    section: &NodeRef,
) -> Map {
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
    // It starts once the first baseline run is complete and the map is about to be seen.
    let seen = use_seen(section, MAP_MARGIN);
    let started = use_state(|| false);
    {
        let started = started.clone();
        let ready = seen && results.base.done >= results.base.total;
        use_effect_with(ready, move |ready| {
            if *ready && !*started {
                started.set(true);
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
                    MapRunner::start(&runner, territories);
                });
            }
        });
    }
    Map {
        figures: (*figures).clone(),
        started: *started,
    }
}
