//! The charts' data, in chart coordinates: a fan chart's bands over the months, the calendar
//! ticks of its time axis, and the time-to-housing histogram. Pure, tested natively; the drawing
//! with plotters is the app's (`src/plot.rs`).

use parcours_engine::{Bands, CalendarStart, CohortState, Layout, Summary, MONTH_DAYS};

use crate::i18n::{self, Lang};

/// One fan chart's series, in chart coordinates: months since the scenario's day 0.
#[derive(Debug, Clone, PartialEq)]
pub struct FanData {
    /// Position of each point (middle of its reporting period), months since day 0.
    pub x: Vec<f64>,
    pub p5: Vec<f64>,
    pub p25: Vec<f64>,
    pub p50: Vec<f64>,
    pub p75: Vec<f64>,
    pub p95: Vec<f64>,
    /// Months since day 0 where the chart starts and ends (the warm-up is not shown).
    pub x_range: (f64, f64),
    /// Calendar month of day 0.
    pub start: CalendarStart,
}

impl FanData {
    /// The engine's series are averages over each reporting period: each is drawn at the middle
    /// of its period.
    pub fn from_bands(layout: &Layout, bands: &Bands) -> FanData {
        let month_of_day = |day: f64| day / MONTH_DAYS;
        let n = layout.periods.min(bands.p50.len());
        let x = (0..n)
            .map(|i| month_of_day(layout.start_day + (i as f64 + 0.5) * layout.period_days))
            .collect();
        let take = |v: &Vec<f64>| v.iter().copied().take(n).collect::<Vec<f64>>();
        FanData {
            x,
            p5: take(&bands.p5),
            p25: take(&bands.p25),
            p50: take(&bands.p50),
            p75: take(&bands.p75),
            p95: take(&bands.p95),
            x_range: (
                month_of_day(layout.start_day),
                month_of_day(layout.start_day + layout.periods as f64 * layout.period_days),
            ),
            start: CalendarStart {
                year: layout.start_year,
                month: layout.start_month,
            },
        }
    }

    /// Top of the value axis: a little above the highest 95th percentile, at least 1.
    pub fn y_max(&self) -> f64 {
        let top = self
            .p95
            .iter()
            .chain(&self.p50)
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max);
        nice_ceiling(top * 1.08).max(1.0)
    }
}

/// Smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above `x`.
pub fn nice_ceiling(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 0.0;
    }
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// Tick positions (months since day 0) on calendar boundaries: every January for long runs,
/// every quarter or month for short ones.
pub fn month_ticks(start: CalendarStart, from: f64, to: f64) -> Vec<f64> {
    let span = to - from;
    let step: i64 = if span > 48.0 {
        12
    } else if span > 18.0 {
        6
    } else if span > 6.0 {
        3
    } else {
        1
    };
    let first = from.ceil() as i64;
    let last = to.floor() as i64;
    (first..=last)
        .filter(|m| {
            let (_, month) = i18n::add_months(start.year, start.month, *m);
            (i64::from(month) - 1) % step == 0
        })
        .map(|m| m as f64)
        .collect()
}

/// Label of a tick at `months` since day 0: « janv. 2027 ».
pub fn month_label(lang: Lang, start: CalendarStart, months: f64) -> String {
    let (year, month) = i18n::add_months(start.year, start.month, months.round() as i64);
    i18n::month_year(lang, year, month)
}

/// Distribution of time from arrival to housing, by month, as shares of the households housed.
#[derive(Debug, Clone, PartialEq)]
pub struct HistData {
    /// Share (0–1) of households housed in each month since arrival; the last bin holds the rest.
    pub shares: Vec<f64>,
}

/// Months shown on the time-to-housing histogram (the last bin holds everything later).
pub const HIST_MONTHS: usize = 48;

impl HistData {
    /// From the engine's weekly histogram (`Summary::time_to_housing_weeks`).
    pub fn from_weeks(weeks: &[u64]) -> Option<HistData> {
        let total: u64 = weeks.iter().sum();
        if total == 0 {
            return None;
        }
        let mut shares = vec![0.0; HIST_MONTHS];
        for (w, &n) in weeks.iter().enumerate() {
            let month = ((w as f64 + 0.5) * 7.0 / MONTH_DAYS).floor() as usize;
            shares[month.min(HIST_MONTHS - 1)] += n as f64 / total as f64;
        }
        Some(HistData { shares })
    }
}

/// Months after the first request shown by the cohort charts (the engine follows 36).
pub const COHORT_CHART_MONTHS: usize = 24;

/// Where the requests stand 0 … [`COHORT_CHART_MONTHS`] months after they were made: the mean
/// share in each state (`CohortState::ALL` order: housed, in a place, waiting list, street
/// between requests, gone), one point a month (MODEL.md 15.4).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortData {
    /// `shares[state][month]`, 0–1; NaN where no request was followed that long.
    pub shares: Vec<Vec<f64>>,
}

impl CohortData {
    pub fn of(summary: &Summary) -> Option<CohortData> {
        let shares: Vec<Vec<f64>> = CohortState::ALL
            .iter()
            .map(|&state| {
                let bands = summary.cohort(state)?;
                Some(
                    (0..=COHORT_CHART_MONTHS)
                        .map(|m| bands.mean.get(m).copied().unwrap_or(f64::NAN))
                        .collect(),
                )
            })
            .collect::<Option<_>>()?;
        shares
            .iter()
            .any(|row: &Vec<f64>| row.iter().any(|x| x.is_finite()))
            .then_some(CohortData { shares })
    }

    /// The stacked boundaries: `tops[state][month]` = sum of the shares of the states up to it.
    pub fn tops(&self) -> Vec<Vec<f64>> {
        let mut acc = vec![0.0; COHORT_CHART_MONTHS + 1];
        self.shares
            .iter()
            .map(|row| {
                for (a, x) in acc.iter_mut().zip(row) {
                    *a += if x.is_finite() { *x } else { 0.0 };
                }
                acc.clone()
            })
            .collect()
    }
}

/// Time from first request to housing as a survival curve: the share of requests not yet housed
/// 0 … [`COHORT_CHART_MONTHS`] months after they were made (1 − the Kaplan–Meier share housed),
/// its mean and its 5th–95th percentiles across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivalData {
    pub mean: Vec<f64>,
    pub low: Vec<f64>,
    pub high: Vec<f64>,
}

impl SurvivalData {
    pub fn of(summary: &Summary) -> Option<SurvivalData> {
        let housed = summary.cohort(CohortState::Housed)?;
        let curve = |v: &[f64]| {
            (0..=COHORT_CHART_MONTHS)
                .map(|m| v.get(m).map_or(f64::NAN, |x| 1.0 - x))
                .collect::<Vec<f64>>()
        };
        let data = SurvivalData {
            mean: curve(&housed.mean),
            // Fewer housed is more not housed: the bands swap.
            low: curve(&housed.p95),
            high: curve(&housed.p5),
        };
        data.mean.iter().any(|x| x.is_finite()).then_some(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::SystemSeries;

    fn start() -> CalendarStart {
        CalendarStart {
            year: 2026,
            month: 1,
        }
    }

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_ceiling(0.0), 0.0);
        assert_eq!(nice_ceiling(7.0), 8.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(11.0), 12.0);
        assert_eq!(nice_ceiling(230.0), 250.0);
        assert_eq!(nice_ceiling(1090.0), 1200.0);
        assert_eq!(nice_ceiling(8100.0), 10000.0);
    }

    #[test]
    fn ticks_fall_on_januaries_for_long_runs() {
        let ticks = month_ticks(start(), 12.0, 72.0);
        assert_eq!(ticks, vec![12.0, 24.0, 36.0, 48.0, 60.0, 72.0]);
        assert_eq!(month_label(Lang::Fr, start(), 12.0), "janv. 2027");
        let march = CalendarStart {
            year: 2026,
            month: 3,
        };
        assert_eq!(month_ticks(march, 0.0, 60.0)[0], 10.0);
        assert_eq!(
            month_ticks(start(), 0.0, 12.0),
            vec![0.0, 3.0, 6.0, 9.0, 12.0]
        );
    }

    #[test]
    fn points_at_period_middles() {
        let layout = Layout {
            period_days: MONTH_DAYS,
            periods: 3,
            start_day: 12.0 * MONTH_DAYS,
            start_year: 2026,
            start_month: 1,
            series: vec![SystemSeries::Unsheltered.into()],
            headlines: vec![],
            stages: vec![],
            stage_kinds: vec![],
            waits: vec![],
            cohort_months: 0,
        };
        let v = vec![1.0, 2.0, 3.0];
        let bands = Bands {
            id: SystemSeries::Unsheltered.into(),
            mean: v.clone(),
            p5: v.clone(),
            p25: v.clone(),
            p50: v.clone(),
            p75: v.clone(),
            p95: vec![10.0, 20.0, 30.0],
        };
        let data = FanData::from_bands(&layout, &bands);
        assert_eq!(data.x.len(), 3);
        assert_eq!(data.start, start());
        assert!((data.x[0] - 12.5).abs() < 1e-9);
        assert!((data.x_range.0 - 12.0).abs() < 1e-9);
        assert!((data.x_range.1 - 15.0).abs() < 1e-9);
        assert_eq!(data.y_max(), 40.0);
    }

    #[test]
    fn cohort_and_survival_from_a_run() {
        let model = parcours_engine::Model::new(&parcours_engine::default_scenario()).unwrap();
        let mut e = parcours_engine::Ensemble::new(model.layout().clone(), 42);
        for i in 0..3 {
            e.add(parcours_engine::simulate(&model, 42, i).unwrap());
        }
        let s = e.summary();
        let cohort = CohortData::of(&s).expect("the default run follows its requests");
        assert_eq!(cohort.shares.len(), CohortState::ALL.len());
        // The states share every request: stacked, they reach 1 (MODEL.md 15.4).
        let tops = cohort.tops();
        for m in [0, 6, 12, 24] {
            assert!((tops[4][m] - 1.0).abs() < 1e-9, "month {m}: {}", tops[4][m]);
        }
        let survival = SurvivalData::of(&s).unwrap();
        let housed = s.cohort(CohortState::Housed).unwrap();
        assert_eq!(survival.mean[12], 1.0 - housed.mean[12]);
        assert!(
            survival.mean[0] >= survival.mean[24],
            "a survival curve does not rise"
        );
        assert!(survival.low[12] <= survival.mean[12] && survival.mean[12] <= survival.high[12]);
    }
}
