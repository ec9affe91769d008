//! The SIAO waiting list: the stages each household type is oriented to, and abandonment.

use super::ids::Ids;
use super::validator::{key_for, Validator};
use super::ErrorKind;
use crate::scenario::{Scenario, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CWaitingList {
    pub abandon_per_day: f64,
    pub abandon_exit: usize,
    /// orientation[type]: the stages a household of that type may be placed in, by preference.
    pub orientation: Vec<Vec<usize>>,
}

impl Validator {
    /// `accepts[stage][type]`: whether the stage takes households of that type.
    pub(super) fn waiting_list(
        &mut self,
        s: &Scenario,
        ids: &Ids,
        accepts: &[Vec<bool>],
    ) -> CWaitingList {
        let (types, stage_ids, exit_ids, all_accepts) =
            (&ids.types, &ids.stages, &ids.exits, accepts);
        let all = vec![true; s.household_types.len()];
        let wl = &s.waiting_list;
        self.range(
            "waiting_list.abandonment_per_month",
            wl.abandonment_per_month,
            0.0,
            1000.0,
        );
        let abandon_exit = match exit_ids.get(&wl.abandonment_exit) {
            Some(&i) => i,
            None => {
                self.err(
                    "waiting_list.abandonment_exit",
                    ErrorKind::UnknownExit {
                        id: wl.abandonment_exit.clone(),
                    },
                );
                0
            }
        };
        let ors = self.per_type("waiting_list.orientation", &wl.orientation, types, &all);
        let mut orientation = Vec::new();
        for (t, o) in ors.iter().enumerate() {
            let tname = &s.household_types[t].id;
            let key = key_for(&wl.orientation, tname);
            let mut list = Vec::new();
            for (j, st) in o.map(|v| v.as_slice()).unwrap_or(&[]).iter().enumerate() {
                let p = format!("waiting_list.orientation.{key}[{j}]");
                match stage_ids.get(st) {
                    None => self.err(p, ErrorKind::UnknownStage { id: st.clone() }),
                    Some(&k) if !all_accepts[k][t] => self.err(
                        p,
                        ErrorKind::StageRefusesType {
                            stage: st.clone(),
                            type_id: tname.clone(),
                        },
                    ),
                    Some(&k) if list.contains(&k) => {
                        self.err(p, ErrorKind::StageListedTwice { stage: st.clone() })
                    }
                    Some(&k) => list.push(k),
                }
            }
            if o.is_some() && list.is_empty() && o.map_or(0, |v| v.len()) == 0 {
                self.err(
                    format!("waiting_list.orientation.{key}"),
                    ErrorKind::NoOrientationStage,
                );
            }
            orientation.push(list);
        }
        CWaitingList {
            abandon_per_day: wl.abandonment_per_month / MONTH_DAYS,
            abandon_exit,
            orientation,
        }
    }
}
