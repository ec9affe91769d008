//! The map's colour classes: by rank (quantiles), so that the départements stand apart even when
//! one of them is far above the others (with equal intervals, Haute-Garonne alone filled the top
//! class and seven of eight shared the palest); and the legend's bounds written with just enough
//! decimals that two different bounds never read the same (« 0,3 – 0,3 »).

use crate::i18n::{format_grouped, Lang};

/// Number of colour classes (the palette's length).
pub const CLASS_COUNT: usize = 5;

/// The classes of a set of values.
#[derive(Debug, Clone, PartialEq)]
pub struct MapClasses {
    /// The class (0 = palest) of each value, in the order given.
    pub class_of: Vec<usize>,
    /// Each class used, palest first: (class, lowest value, highest value).
    pub bounds: Vec<(usize, f64, f64)>,
}

/// Classes by rank: the n values sorted, value of rank r in class ⌊r × k / n⌋ with
/// k = min(n, CLASS_COUNT) spread over the palette; equal values share the class of the first
/// of them. Values that are not finite get no class (`usize::MAX`) and no bound.
pub fn quantile_classes(values: &[f64]) -> MapClasses {
    let mut order: Vec<usize> = (0..values.len())
        .filter(|&i| values[i].is_finite())
        .collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let n = order.len();
    let k = n.min(CLASS_COUNT);
    let mut class_of = vec![usize::MAX; values.len()];
    let mut previous: Option<(f64, usize)> = None;
    for (rank, &i) in order.iter().enumerate() {
        let class = match previous {
            Some((v, c)) if v == values[i] => c,
            _ => {
                // k classes of the palette's CLASS_COUNT, spread from palest to darkest.
                let step = rank * k / n;
                if k > 1 {
                    step * (CLASS_COUNT - 1) / (k - 1)
                } else {
                    CLASS_COUNT / 2
                }
            }
        };
        class_of[i] = class;
        previous = Some((values[i], class));
    }
    let mut bounds: Vec<(usize, f64, f64)> = Vec::new();
    for &i in &order {
        match bounds.last_mut() {
            Some((c, _, high)) if *c == class_of[i] => *high = values[i],
            _ => bounds.push((class_of[i], values[i], values[i])),
        }
    }
    MapClasses { class_of, bounds }
}

/// Decimals that write every bound of `bounds` apart from every different one: the fewest from
/// 0 to 3 (3 when even that is not enough).
pub fn legend_decimals(lang: Lang, bounds: &[(usize, f64, f64)]) -> usize {
    let mut values: Vec<f64> = bounds.iter().flat_map(|(_, a, b)| [*a, *b]).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    (0..=3)
        .find(|&d| {
            let texts: Vec<String> = values.iter().map(|v| format_grouped(lang, *v, d)).collect();
            texts.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_far_value_does_not_crush_the_others_into_one_class() {
        // Seven small départements and Haute-Garonne far above: equal intervals put the seven
        // in the palest class; by rank they spread over the palette.
        let values = [0.31, 0.34, 0.29, 2.9, 0.36, 0.33, 0.30, 0.35];
        let c = quantile_classes(&values);
        let palest = c.class_of.iter().filter(|&&k| k == 0).count();
        assert!(palest <= 2, "{:?}", c.class_of);
        assert_eq!(c.class_of[3], CLASS_COUNT - 1, "the highest is the darkest");
        assert_eq!(c.class_of[2], 0, "the lowest is the palest");
        let used: std::collections::BTreeSet<usize> = c.class_of.iter().copied().collect();
        assert_eq!(used.len(), CLASS_COUNT);
        // Classes rise with the values.
        for i in 0..values.len() {
            for j in 0..values.len() {
                if values[i] < values[j] {
                    assert!(c.class_of[i] <= c.class_of[j]);
                }
            }
        }
        // Bounds: each class from its lowest to its highest value, in order.
        assert_eq!(c.bounds.first().unwrap(), &(0, 0.29, 0.30));
        assert_eq!(c.bounds.last().unwrap(), &(CLASS_COUNT - 1, 2.9, 2.9));
    }

    #[test]
    fn equal_values_share_a_class_and_missing_values_get_none() {
        let c = quantile_classes(&[1.0, 1.0, 1.0, f64::NAN]);
        assert_eq!(c.class_of[..3], [c.class_of[0]; 3]);
        assert_eq!(c.class_of[3], usize::MAX);
        assert_eq!(c.bounds.len(), 1);
        let two = quantile_classes(&[5.0, 1.0]);
        assert_eq!(two.class_of, vec![CLASS_COUNT - 1, 0]);
        assert!(quantile_classes(&[]).bounds.is_empty());
    }

    #[test]
    fn the_legend_writes_different_bounds_differently() {
        let values = [0.31, 0.34, 0.29, 2.9, 0.36, 0.33, 0.30, 0.35];
        let c = quantile_classes(&values);
        let d = legend_decimals(Lang::Fr, &c.bounds);
        assert_eq!(d, 2, "0,29 and 0,30 need two decimals");
        assert_eq!(format_grouped(Lang::Fr, 0.29, d), "0,29");
        let big = [(0, 120.0, 180.0), (1, 250.0, 400.0)];
        assert_eq!(legend_decimals(Lang::En, &big), 0);
    }
}
