use super::*;
use parcours_engine::SystemHeadline;

#[test]
fn every_verdict_has_a_word_or_two_for_a_phone() {
    // One line of a compact card at 390 px: about twelve characters.
    let all = [
        Verdict::Provisional,
        Verdict::TooFewPairs,
        Verdict::NoNotableEffect(crate::measures::PRACTICAL_DEFAULT),
        Verdict::WithinNoise,
        Verdict::Improvement,
        Verdict::Deterioration,
        Verdict::Increase,
        Verdict::Decrease,
        Verdict::Reading(Msg::ReadingBlockedPlaces),
    ];
    for v in all {
        for lang in [Lang::Fr, Lang::En] {
            let short = v.short_text(lang);
            assert!(!short.is_empty() && short.chars().count() <= 12, "{short}");
        }
    }
    assert_eq!(Verdict::Improvement.short_text(Lang::Fr), "Mieux");
    assert_eq!(Verdict::Deterioration.short_text(Lang::En), "Worse");
}

fn diff(mean: f64, lo: f64, hi: f64) -> Difference {
    Difference {
        id: SystemHeadline::Unsheltered.into(),
        baseline: Some(100.0),
        scenario: Some(100.0 + mean),
        difference: Estimate {
            id: SystemHeadline::Unsheltered.into(),
            mean: Some(mean),
            ci_low: Some(lo),
            ci_high: Some(hi),
            n: 20,
        },
        significant: lo > 0.0 || hi < 0.0,
    }
}

fn headline(better: Better) -> Headline {
    Headline {
        better,
        ..crate::measures::UNSHELTERED
    }
}

#[test]
fn a_verdict_needs_a_complete_run_a_notable_change_and_no_noise() {
    let lower = headline(Better::Lower);
    // −40 of 100, interval clear of 0: an improvement once the run is complete.
    let down = diff(-40.0, -50.0, -30.0);
    assert_eq!(judge(&lower, &down, true), Verdict::Improvement);
    assert_eq!(judge(&lower, &down, false), Verdict::Provisional);
    assert_eq!(
        judge(&headline(Better::Higher), &down, true),
        Verdict::Deterioration
    );
    assert_eq!(
        judge(&headline(Better::Neither), &down, true),
        Verdict::Decrease
    );
    // Issue 12's case: housed per year −1.6 of 696 (−0.2 %), « significant » with hundreds
    // of pairs, is no notable effect.
    let tiny = Difference {
        baseline: Some(696.0),
        ..diff(-1.6, -2.0, -1.2)
    };
    assert!(tiny.significant);
    assert_eq!(
        judge(&headline(Better::Higher), &tiny, true),
        Verdict::NoNotableEffect(crate::measures::PRACTICAL_DEFAULT)
    );
    assert_eq!(
        Verdict::NoNotableEffect(crate::measures::PRACTICAL_DEFAULT).text(Lang::Fr),
        "Pas d'effet notable (moins de 2 %)"
    );
    // Large enough but the interval includes 0: noise.
    assert_eq!(
        judge(&lower, &diff(-5.0, -12.0, 2.0), true),
        Verdict::WithinNoise
    );
    // Exactly at the threshold is notable; just under is not.
    assert_eq!(
        judge(&lower, &diff(-2.0, -3.0, -1.0), true),
        Verdict::Improvement
    );
    assert!(matches!(
        judge(&lower, &diff(-1.9, -3.0, -1.0), true),
        Verdict::NoNotableEffect(_)
    ));
    // Below one household, even from a small baseline: no notable effect.
    let small = Difference {
        baseline: Some(3.0),
        ..diff(-0.5, -0.7, -0.3)
    };
    assert!(matches!(
        judge(&lower, &small, true),
        Verdict::NoNotableEffect(_)
    ));
    // One pair: no interval.
    let mut one = diff(-40.0, -50.0, -30.0);
    one.difference.n = 1;
    assert_eq!(judge(&lower, &one, true), Verdict::TooFewPairs);
    // A view-dependent measure never gets a verdict, whichever way it moves.
    let view = headline(Better::ViewDependent(Msg::ReadingBlockedPlaces));
    for d in [&down, &diff(40.0, 30.0, 50.0)] {
        let v = judge(&view, d, true);
        assert_eq!(v, Verdict::Reading(Msg::ReadingBlockedPlaces));
        assert_eq!(v.tone(), Tone::Neutral);
        assert!(!v.text(Lang::Fr).contains("Dégradation"));
    }
    assert_eq!(Verdict::Improvement.tone(), Tone::Good);
    assert_eq!(Verdict::Deterioration.text(Lang::Fr), "Dégradation nette");
    assert_eq!(
        Verdict::WithinNoise.text(Lang::En),
        "Difference within statistical noise"
    );
}

#[test]
fn cards_round_to_what_the_figures_can_claim() {
    use crate::measures::{COST, HOUSED, UNSHELTERED};
    // Issue 12: never « 30 144 484 € ± 175 € ».
    let est = |m: f64, lo: f64, hi: f64| Estimate {
        id: SystemHeadline::Unsheltered.into(),
        mean: Some(m),
        ci_low: Some(lo),
        ci_high: Some(hi),
        n: 200,
    };
    let base = est(30_144_484.0, 30_100_000.0, 30_190_000.0);
    let scen = est(30_144_659.0, 30_100_000.0, 30_190_000.0);
    let d = Difference {
        id: SystemHeadline::CostPerYear.into(),
        baseline: Some(30_144_484.0),
        scenario: Some(30_144_659.0),
        difference: est(175.0, 100.0, 250.0),
        significant: true,
    };
    let card = card_text(Lang::Fr, &COST, Some(&base), Some(&scen), Some(&d), true);
    assert_eq!(card.baseline, "30,1");
    assert_eq!(card_unit(Lang::Fr, &COST), "M€ / an");
    assert_eq!(card.difference, "0,0 (IC 95 % : 0,0 à 0,0)");
    assert_eq!(card.relative, "0,0\u{202f}%");
    assert_eq!(
        card.verdict,
        Some(Verdict::NoNotableEffect(crate::measures::PRACTICAL_DEFAULT))
    );
    assert!(!card.provisional);
    // Households: whole numbers from 100 up, the relative change beside.
    let d = Difference {
        id: SystemHeadline::Unsheltered.into(),
        baseline: Some(215.4),
        scenario: Some(188.3),
        difference: est(-27.1, -31.2, -23.0),
        significant: true,
    };
    let card = card_text(
        Lang::Fr,
        &UNSHELTERED,
        Some(&est(215.4, 210.0, 221.0)),
        Some(&est(188.3, 183.0, 193.0)),
        Some(&d),
        false,
    );
    assert_eq!(card.baseline, "215");
    assert_eq!(card.scenario, "188");
    assert_eq!(card.difference, "−27 (IC 95 % : −31 à −23)");
    assert_eq!(card.relative, "−13\u{202f}%");
    assert_eq!(card.verdict, Some(Verdict::Provisional));
    assert!(card.provisional);
    let alone = card_text(
        Lang::En,
        &HOUSED,
        Some(&est(696.2, 690.0, 702.4)),
        None,
        None,
        true,
    );
    assert_eq!(alone.baseline, "696");
    assert_eq!(alone.baseline_ci, "95 % CI: 690 – 702");
    assert_eq!(alone.difference, "");
    assert_eq!(alone.verdict, None);
}

#[test]
fn shares_in_percent_and_differences_in_points() {
    let share = Headline {
        format: Format::Percent,
        practical: crate::measures::PRACTICAL_SHARE,
        better: Better::Higher,
        ..crate::measures::HOUSED
    };
    let e = |m: f64| Estimate {
        id: SystemHeadline::Unsheltered.into(),
        mean: Some(m),
        ci_low: Some(m - 0.01),
        ci_high: Some(m + 0.01),
        n: 200,
    };
    let d = Difference {
        id: SystemHeadline::Unsheltered.into(),
        baseline: Some(0.2431),
        scenario: Some(0.2353),
        difference: Estimate {
            id: SystemHeadline::Unsheltered.into(),
            mean: Some(-0.0078),
            ci_low: Some(-0.0101),
            ci_high: Some(-0.0056),
            n: 200,
        },
        significant: true,
    };
    let card = card_text(
        Lang::Fr,
        &share,
        Some(&e(0.2431)),
        Some(&e(0.2353)),
        Some(&d),
        true,
    );
    assert_eq!(card.baseline, "24,3\u{202f}%");
    assert_eq!(card.difference, "−0,8 pt (IC 95 % : −1,0 à −0,6)");
    assert_eq!(card.verdict, Some(Verdict::Deterioration));
    let en = card_text(Lang::En, &share, Some(&e(0.2431)), None, None, true);
    assert_eq!(en.baseline, "24.3%");
}

#[test]
fn the_note_says_the_window_and_what_an_interval_covers() {
    let model = parcours_engine::Model::new(&parcours_engine::default_scenario()).unwrap();
    let (from, to) = window_years(model.layout());
    assert!(from >= 2024 && to > from, "{from}–{to}");
    let note = interval_note(Lang::Fr, model.layout(), 200);
    assert!(note.contains(&format!("moyenne {from}–{to}")), "{note}");
    assert!(note.contains("hasard de la simulation"), "{note}");
    assert!(note.contains("pas l'incertitude des paramètres"), "{note}");
    assert!(interval_note(Lang::En, model.layout(), 200).contains("the simulation's randomness"));
}

#[test]
fn short_names() {
    assert_eq!(short_label("CHRS (insertion)"), "CHRS");
    assert_eq!(
        short_label("Hébergement d'urgence / HU"),
        "Hébergement d'urgence"
    );
}
