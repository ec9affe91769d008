//! Arrivals: streams of new households, each with a monthly rate (schedule, trend and
//! seasonality applied) and a mix of household types.

use super::ids::Ids;
use super::time::Time;
use super::validator::{cumulative, Validator};
use super::{ErrorKind, MAX_EXPECTED_ARRIVALS, MAX_HORIZON_MONTHS};
use crate::scenario::{Scenario, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CStream {
    /// Arrivals per day for each whole month of the horizon (trend, schedule and season applied).
    pub monthly_rate_per_day: Vec<f64>,
    pub mix: Vec<f64>,
}

impl Validator {
    /// The compiled streams, and the arrivals expected over the horizon (for the size cap).
    pub(super) fn arrivals(&mut self, s: &Scenario, ids: &Ids, time: &Time) -> (Vec<CStream>, f64) {
        let (types, months, start_month0) = (&ids.types, time.months, time.start_month0);
        let mut streams = Vec::new();
        let mut expected_arrivals = 0.0;
        let _ = self.ids("arrivals", s.arrivals.iter().map(|a| a.id.as_str()));
        for (i, a) in s.arrivals.iter().enumerate() {
            let p = format!("arrivals[{i}]");
            let mut ok = self.range(
                &format!("{p}.rate_per_month"),
                a.rate_per_month,
                0.0,
                MAX_EXPECTED_ARRIVALS,
            );
            ok &= self.range(
                &format!("{p}.trend_percent_per_year"),
                a.trend_percent_per_year,
                -100.0,
                100.0,
            );
            let mut last = -1.0;
            for (j, r) in a.schedule.iter().enumerate() {
                let rp = format!("{p}.schedule[{j}]");
                ok &= self.range(
                    &format!("{rp}.rate_per_month"),
                    r.rate_per_month,
                    0.0,
                    MAX_EXPECTED_ARRIVALS,
                );
                if self.range(
                    &format!("{rp}.from_month"),
                    r.from_month,
                    0.0,
                    MAX_HORIZON_MONTHS,
                ) {
                    if r.from_month.fract() != 0.0 {
                        self.err(
                            format!("{rp}.from_month"),
                            ErrorKind::NotWholeMonth {
                                value: r.from_month,
                            },
                        );
                        ok = false;
                    } else if r.from_month <= last {
                        self.err(format!("{rp}.from_month"), ErrorKind::ScheduleOrder);
                        ok = false;
                    }
                    last = r.from_month;
                } else {
                    ok = false;
                }
            }
            let season = match &a.seasonality {
                None => vec![1.0; 12],
                Some(v) if v.len() != 12 => {
                    self.err(
                        format!("{p}.seasonality"),
                        ErrorKind::SeasonalityLength { count: v.len() },
                    );
                    ok = false;
                    vec![1.0; 12]
                }
                Some(v) => {
                    for (j, &x) in v.iter().enumerate() {
                        ok &= self.range(&format!("{p}.seasonality[{j}]"), x, 0.0, 100.0);
                    }
                    v.clone()
                }
            };
            let mix = self.mix(&format!("{p}.mix"), &a.mix, types);
            if !ok {
                continue;
            }
            let growth = 1.0 + a.trend_percent_per_year / 100.0;
            let mut monthly = Vec::with_capacity(months);
            for m in 0..months {
                let base = a
                    .schedule
                    .iter()
                    .rev()
                    .find(|r| r.from_month <= m as f64)
                    .map_or(a.rate_per_month, |r| r.rate_per_month);
                // The trend is evaluated at the middle of the month (piecewise-constant intensity).
                let years = (m as f64 + 0.5) / 12.0;
                let rate = base * libm::pow(growth, years) * season[(start_month0 + m) % 12];
                expected_arrivals += rate * (s.horizon_months - m as f64).clamp(0.0, 1.0);
                monthly.push(rate / MONTH_DAYS);
            }
            streams.push(CStream {
                monthly_rate_per_day: monthly,
                mix: cumulative(&mix),
            });
        }
        if expected_arrivals > MAX_EXPECTED_ARRIVALS {
            self.err(
                "arrivals",
                ErrorKind::TooManyArrivals {
                    expected: expected_arrivals.round(),
                    max: MAX_EXPECTED_ARRIVALS,
                },
            );
        }
        (streams, expected_arrivals)
    }
}
