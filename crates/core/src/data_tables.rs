//! The data tables behind the charts, the diagram and the map, for screen readers and for anyone
//! who wants the figures: a caption, column headers and rows whose first cell names the row, every
//! figure written in the page's language. Built from the same data the drawings use
//! (`chart_data`, `diagram_data`), so a table says what its drawing shows. The page renders them
//! as `<table>`s under « Voir les données » (`src/components/data_table.rs`).

use crate::chart_data::{CohortData, FanData, HistData, SurvivalData, COHORT_CHART_MONTHS};
use crate::diagram_data::{DiagramData, StageDraw};
use crate::i18n::{format_num, t, Lang, Msg};
use crate::result_tables::cohort_label;
use parcours_engine::CohortState;

/// A table: caption, headers (the first names the rows' column), rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    /// Each row: its header cell, then one cell per remaining column.
    pub rows: Vec<(String, Vec<String>)>,
}

/// « 12,5 % ».
fn percent(lang: Lang, share: f64) -> String {
    if share.is_finite() {
        format!("{} %", format_num(lang, share * 100.0))
    } else {
        "–".to_string()
    }
}

/// « 120 – 180 ».
fn range(lang: Lang, low: f64, high: f64) -> String {
    format!("{} – {}", format_num(lang, low), format_num(lang, high))
}

/// Headers: the rows' column, then `columns` for the baseline and, when comparing, again for the
/// scenario.
fn paired_headers(
    lang: Lang,
    rows: Msg,
    columns: &[fn(bool) -> Msg<'static>],
    comparing: bool,
) -> Vec<String> {
    let runs: &[bool] = if comparing { &[false, true] } else { &[false] };
    std::iter::once(t(lang, rows).into_owned())
        .chain(runs.iter().flat_map(|&scenario| {
            columns
                .iter()
                .map(move |c| t(lang, c(scenario)).into_owned())
        }))
        .collect()
}

/// A fan chart's table: one row per point (its month), the median and the 5th–95th percentiles
/// of the baseline and, when comparing, of the scenario.
pub fn fan_table(lang: Lang, title: &str, base: &FanData, scen: Option<&FanData>) -> DataTable {
    let headers = paired_headers(
        lang,
        Msg::TableMonth,
        &[
            |scenario| Msg::ColumnMedian { scenario },
            |scenario| Msg::ColumnBand90 { scenario },
        ],
        scen.is_some(),
    );
    let rows = (0..base.x.len())
        .map(|i| {
            // The point is drawn at its period's middle: it names the month it falls in.
            let month = crate::chart_data::month_label(lang, base.start, base.x[i].floor());
            let mut cells = vec![
                format_num(lang, base.p50[i]),
                range(lang, base.p5[i], base.p95[i]),
            ];
            if let Some(s) = scen {
                let at = |v: &Vec<f64>| v.get(i).copied().unwrap_or(f64::NAN);
                cells.push(format_num(lang, at(&s.p50)));
                cells.push(range(lang, at(&s.p5), at(&s.p95)));
            }
            (month, cells)
        })
        .collect();
    DataTable {
        caption: t(lang, Msg::ChartDataCaption { title }).into_owned(),
        headers,
        rows,
    }
}

/// The time-to-housing histogram's table: one row per month since arrival, up to the last month
/// any household was housed in, the share of the housed (baseline, scenario).
pub fn hist_table(lang: Lang, title: &str, base: &HistData, scen: Option<&HistData>) -> DataTable {
    let headers = paired_headers(
        lang,
        Msg::TableMonth,
        &[|scenario| Msg::ColumnHousedShare { scenario }],
        scen.is_some(),
    );
    let any = |h: &HistData, m: usize| h.shares.get(m).is_some_and(|x| *x > 0.0);
    let last = (0..base.shares.len())
        .rev()
        .find(|&m| any(base, m) || scen.is_some_and(|s| any(s, m)))
        .unwrap_or(0);
    let rows = (0..=last)
        .map(|m| {
            let bin = t(
                lang,
                Msg::MonthBin {
                    from: m,
                    last: m + 1 == base.shares.len(),
                },
            )
            .into_owned();
            let mut cells = vec![percent(lang, base.shares[m])];
            if let Some(s) = scen {
                cells.push(percent(lang, s.shares.get(m).copied().unwrap_or(f64::NAN)));
            }
            (bin, cells)
        })
        .collect();
    DataTable {
        caption: t(lang, Msg::ChartDataCaption { title }).into_owned(),
        headers,
        rows,
    }
}

/// The cohort chart's table: one row per month after the first request, the mean share in each
/// state (baseline, then the scenario's when comparing).
pub fn cohort_table(
    lang: Lang,
    title: &str,
    base: &CohortData,
    scen: Option<&CohortData>,
) -> DataTable {
    let runs: Vec<(bool, &CohortData)> = std::iter::once((false, base))
        .chain(scen.map(|s| (true, s)))
        .collect();
    let mut headers = vec![t(lang, Msg::MonthsAfterFirstRequest).into_owned()];
    for (scenario, data) in &runs {
        for &state in CohortState::ALL.iter().take(data.shares.len()) {
            let name = t(lang, cohort_label(state));
            headers.push(
                t(
                    lang,
                    Msg::ColumnState {
                        state: &name,
                        scenario: *scenario,
                    },
                )
                .into_owned(),
            );
        }
    }
    let rows = (0..=COHORT_CHART_MONTHS)
        .map(|m| {
            let cells = runs
                .iter()
                .flat_map(|(_, d)| d.shares.iter().map(move |row| row.get(m).copied()))
                .map(|x| percent(lang, x.unwrap_or(f64::NAN)))
                .collect();
            (t(lang, Msg::MonthsCount { months: m }).into_owned(), cells)
        })
        .collect();
    DataTable {
        caption: t(lang, Msg::ChartDataCaption { title }).into_owned(),
        headers,
        rows,
    }
}

/// The survival curve's table: one row per month after the first request, the share not yet
/// housed (mean, and 5th–95th percentiles across replications).
pub fn survival_table(
    lang: Lang,
    title: &str,
    base: &SurvivalData,
    scen: Option<&SurvivalData>,
) -> DataTable {
    let headers = paired_headers(
        lang,
        Msg::MonthsAfterFirstRequest,
        &[
            |scenario| Msg::ColumnNotHoused { scenario },
            |scenario| Msg::ColumnBand90 { scenario },
        ],
        scen.is_some(),
    );
    let band = |d: &SurvivalData, m: usize| {
        let at = |v: &Vec<f64>| v.get(m).copied().unwrap_or(f64::NAN);
        format!(
            "{} – {}",
            percent(lang, at(&d.low)),
            percent(lang, at(&d.high))
        )
    };
    let rows = (0..base.mean.len())
        .map(|m| {
            let mut cells = vec![percent(lang, base.mean[m]), band(base, m)];
            if let Some(s) = scen {
                cells.push(percent(lang, s.mean.get(m).copied().unwrap_or(f64::NAN)));
                cells.push(band(s, m));
            }
            (t(lang, Msg::MonthsCount { months: m }).into_owned(), cells)
        })
        .collect();
    DataTable {
        caption: t(lang, Msg::ChartDataCaption { title }).into_owned(),
        headers,
        rows,
    }
}

/// The diagram's table: one row per stage with what the drawing shows of it — its places (or
/// the dwellings an allocation offers a month), who is there (or what is allocated), its ready
/// households, its entries and exits a month, what its ready households wait for, and whether it
/// is the binding constraint.
pub fn diagram_table(lang: Lang, territory: &str, data: &DiagramData) -> DataTable {
    let headers = [
        Msg::StructureChoice,
        Msg::ColumnPlacesOrOffered,
        Msg::ColumnPresentOrUsed,
        Msg::ColumnReady,
        Msg::ColumnEntries,
        Msg::ColumnExits,
        Msg::ColumnWaitFor,
        Msg::ColumnBinding,
    ]
    .map(|m| t(lang, m).into_owned())
    .to_vec();
    let rows = data
        .stages
        .iter()
        .map(|s| {
            let (capacity, present, ready) = match s.draw {
                StageDraw::Places {
                    places,
                    occupancy,
                    blocked,
                } => (
                    format_num(lang, places),
                    format_num(lang, occupancy),
                    format_num(lang, blocked),
                ),
                StageDraw::Allocation {
                    offered_per_month,
                    used_per_month,
                    use_share,
                } => (
                    t(
                        lang,
                        Msg::OfferedPerMonth {
                            count: &format_num(lang, offered_per_month),
                        },
                    )
                    .into_owned(),
                    t(
                        lang,
                        Msg::UsedPerMonth {
                            count: &format_num(lang, used_per_month),
                            percent: use_share.map(|u| (u * 100.0).round() as i64),
                        },
                    )
                    .into_owned(),
                    "–".to_string(),
                ),
            };
            let waits = s
                .waiting_for
                .iter()
                .map(|(what, n)| format!("{what} ({})", format_num(lang, *n)))
                .collect::<Vec<_>>()
                .join(", ");
            let binding = t(lang, if s.binding { Msg::Yes } else { Msg::No }).into_owned();
            let cells = vec![
                capacity,
                present,
                ready,
                format_num(lang, s.entries_per_month),
                format_num(lang, s.exits_per_month),
                if waits.is_empty() {
                    "–".to_string()
                } else {
                    waits
                },
                binding,
            ];
            (s.label.clone(), cells)
        })
        .collect();
    DataTable {
        caption: t(lang, Msg::DiagramDataCaption { territory }).into_owned(),
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::{default_scenario, simulate, Ensemble, Model, Summary};

    fn summary() -> (parcours_engine::Scenario, Summary) {
        let scenario = default_scenario();
        let model = Model::new(&scenario).unwrap();
        let mut e = Ensemble::new(model.layout().clone(), 7);
        for i in 0..3 {
            e.add(simulate(&model, 7, i).unwrap());
        }
        (scenario, e.summary())
    }

    /// Every row has one cell per column after the first.
    fn well_formed(table: &DataTable) {
        assert!(!table.caption.is_empty());
        assert!(!table.rows.is_empty());
        for (head, cells) in &table.rows {
            assert!(!head.is_empty());
            assert_eq!(cells.len() + 1, table.headers.len(), "row {head}");
        }
    }

    #[test]
    fn the_fan_table_gives_each_month_its_median_and_band() {
        let (_, s) = summary();
        let id = crate::measures::UNSHELTERED.id;
        let series: parcours_engine::SeriesId = match id {
            parcours_engine::SystemHeadline::Unsheltered => {
                parcours_engine::SystemSeries::Unsheltered.into()
            }
            _ => unreachable!(),
        };
        let fan = FanData::from_bands(&s.layout, s.series(&series).unwrap());
        let table = fan_table(Lang::Fr, "Ménages", &fan, Some(&fan));
        well_formed(&table);
        assert_eq!(table.rows.len(), fan.x.len());
        assert_eq!(table.headers.len(), 5);
        // The first row: the first month shown, the median written as the page writes it.
        let (month, cells) = &table.rows[0];
        assert_eq!(
            *month,
            crate::chart_data::month_label(Lang::Fr, fan.start, fan.x[0].floor())
        );
        assert_eq!(cells[0], format_num(Lang::Fr, fan.p50[0]));
        assert_eq!(
            cells[1],
            format!(
                "{} – {}",
                format_num(Lang::Fr, fan.p5[0]),
                format_num(Lang::Fr, fan.p95[0])
            )
        );
        assert_eq!(table.caption, "Ménages : données du graphique");
        let en = fan_table(Lang::En, "Households", &fan, None);
        assert_eq!(en.headers.len(), 3);
        assert_eq!(en.headers[1], "Baseline: median");
    }

    #[test]
    fn the_histogram_table_stops_at_the_last_month_anyone_was_housed() {
        let hist = HistData {
            shares: {
                let mut v = vec![0.0; crate::chart_data::HIST_MONTHS];
                v[0] = 0.25;
                v[3] = 0.75;
                v
            },
        };
        let table = hist_table(Lang::Fr, "Délai", &hist, None);
        well_formed(&table);
        assert_eq!(table.rows.len(), 4);
        assert_eq!(
            table.rows[0],
            ("0 à 1 mois".to_string(), vec!["25 %".to_string()])
        );
        assert_eq!(table.rows[3].1, vec!["75 %".to_string()]);
        let mut late = hist.clone();
        late.shares[crate::chart_data::HIST_MONTHS - 1] = 0.1;
        let table = hist_table(Lang::En, "Time", &hist, Some(&late));
        assert_eq!(table.rows.len(), crate::chart_data::HIST_MONTHS);
        assert_eq!(table.rows.last().unwrap().0, "47 months or more");
    }

    #[test]
    fn cohort_and_survival_tables_follow_their_charts() {
        let (_, s) = summary();
        let cohort = CohortData::of(&s).unwrap();
        let table = cohort_table(Lang::Fr, "Demandes", &cohort, Some(&cohort));
        well_formed(&table);
        assert_eq!(table.rows.len(), COHORT_CHART_MONTHS + 1);
        assert_eq!(table.headers.len(), 1 + 2 * cohort.shares.len());
        assert_eq!(table.rows[12].0, "12 mois");
        assert_eq!(table.rows[12].1[0], percent(Lang::Fr, cohort.shares[0][12]));
        let survival = SurvivalData::of(&s).unwrap();
        let table = survival_table(Lang::En, "Survival", &survival, None);
        well_formed(&table);
        assert_eq!(table.rows[24].1[0], percent(Lang::En, survival.mean[24]));
    }

    #[test]
    fn the_diagram_table_has_a_row_per_stage_and_names_the_bottleneck() {
        let (scenario, s) = summary();
        let data = DiagramData::of(Lang::Fr, &scenario, &s);
        let table = diagram_table(Lang::Fr, "Haute-Garonne", &data);
        well_formed(&table);
        assert_eq!(table.rows.len(), data.stages.len());
        for ((head, cells), stage) in table.rows.iter().zip(&data.stages) {
            assert_eq!(*head, stage.label);
            assert_eq!(cells[6] == "oui", stage.binding, "{head}");
            if let StageDraw::Places { places, .. } = stage.draw {
                assert_eq!(cells[0], format_num(Lang::Fr, places));
            }
        }
        // At most one binding constraint, and the table says so where the drawing does.
        assert!(data.stages.iter().filter(|s| s.binding).count() <= 1);
    }
}
