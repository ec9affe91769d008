//! Browser tests of the components that hold logic (wasm-bindgen-test in headless Chromium):
//! the headline cards, the pathway diagram and the levers panel, each mounted alone with plain
//! props into a `div`, driven with DOM events and checked on the DOM.
//!
//! One file, longer than most: it is the single browser test binary's component part (one wasm
//! link, one chromedriver session), and its mounting helpers serve every component.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use parcours::components::cards::{Cards, CardsProps};
use parcours::components::diagram::{Diagram, DiagramProps};
use parcours::components::levers_panel::{LeversPanel, LeversProps};
use parcours_core::i18n::{format_num, Lang};
use parcours_core::insight::{bottleneck, bottleneck_sentence, stage_figures};
use parcours_core::levers::{levers_of, place_stages, LeverId, Opening, Settings};
use parcours_core::measures::{HEADLINES, UNSHELTERED};
use parcours_engine::{default_scenario, Comparison, Difference, Estimate, Scenario, Summary};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::{AppHandle, BaseComponent, Callback, Renderer};

/// A component mounted in its own `div`, removed when dropped.
struct Mounted<C: BaseComponent> {
    app: Option<AppHandle<C>>,
    root: Element,
}

impl<C: BaseComponent> Mounted<C> {
    async fn new(props: C::Properties) -> Self {
        let document = gloo_utils::document();
        let root = document.create_element("div").expect("div");
        document
            .body()
            .expect("body")
            .append_child(&root)
            .expect("append");
        let app = Renderer::<C>::with_root_and_props(root.clone(), props).render();
        settle().await;
        Mounted {
            app: Some(app),
            root,
        }
    }

    fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .expect("a valid selector")
            .unwrap_or_else(|| panic!("no {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Lets Yew render what the last event or mount scheduled.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn estimate(id: &str, mean: f64, lo: f64, hi: f64) -> Estimate {
    Estimate {
        id: id.into(),
        mean: Some(mean),
        ci_low: Some(lo),
        ci_high: Some(hi),
        n: 200,
    }
}

fn difference(id: &str, mean: f64, lo: f64, hi: f64) -> Difference {
    Difference {
        id: id.into(),
        baseline: None,
        scenario: None,
        difference: estimate(id, mean, lo, hi),
        significant: lo > 0.0 || hi < 0.0,
    }
}

fn cards_props(
    lang: Lang,
    base: Summary,
    scen: Option<Summary>,
    comparison: Option<Comparison>,
) -> CardsProps {
    CardsProps {
        lang,
        base: Some(Rc::new(base)),
        scen: scen.map(Rc::new),
        comparison: comparison.map(Rc::new),
    }
}

// ---------------------------------------------------------------------------------------------
// Headline cards

#[wasm_bindgen_test]
async fn cards_show_the_baseline_with_its_interval() {
    let base = crate::reference_summary();
    let m = Mounted::<Cards>::new(cards_props(Lang::Fr, base.clone(), None, None)).await;
    assert_eq!(m.all("article.kpi").len(), HEADLINES.len());
    for h in HEADLINES {
        let card = format!("#card-{}", h.id);
        assert_eq!(m.text(&format!("{card} h3")), h.name(Lang::Fr));
        let e = base
            .headline(&h.key())
            .expect("every headline is in the summary");
        match (e.mean, e.ci_low, e.ci_high) {
            (Some(mean), Some(lo), Some(hi)) => {
                assert_eq!(
                    m.text(&format!("{card} .kpi-base")),
                    format_num(Lang::Fr, mean)
                );
                assert_eq!(
                    m.text(&format!("{card} .kpi-ci")),
                    format!(
                        "IC 95 % : {} – {}",
                        format_num(Lang::Fr, lo),
                        format_num(Lang::Fr, hi)
                    )
                );
                let width: f64 = m
                    .one(&card)
                    .get_attribute("data-ci-width")
                    .expect("the width attribute")
                    .parse()
                    .expect("a number");
                assert_eq!(width, hi - lo);
            }
            (None, ..) => assert_eq!(m.text(&format!("{card} .kpi-base")), "…"),
            _ => {}
        }
        // Baseline only: no scenario column, no verdict, no colour.
        assert!(m
            .all(&format!("{card} .kpi-scen, {card} .kpi-verdict"))
            .is_empty());
        let class = m.one(&card).class_name();
        assert!(!class.contains("good") && !class.contains("bad"), "{class}");
    }
}

#[wasm_bindgen_test]
async fn cards_show_baseline_scenario_difference_and_verdict() {
    let base = crate::reference_summary();
    let mut scen = base.clone();
    for e in &mut scen.headlines {
        if e.id == "unsheltered" {
            e.mean = Some(12.5);
        }
    }
    let comparison = Comparison {
        pairs: 200,
        differences: vec![
            // Fewer households without a solution, interval below 0: an improvement.
            difference("unsheltered", -45.0, -60.0, -30.0),
            // More households housed, but the interval straddles 0: noise.
            difference("housed_per_year", 2.0, -1.0, 5.0),
            // More blocked places, interval above 0: a deterioration.
            difference("blocked_places", 10.0, 4.0, 16.0),
            // A higher cost is neither good nor bad.
            difference("cost_per_year", 150_000.0, 100_000.0, 200_000.0),
            // An undefined difference (too few pairs).
            Difference {
                id: "dalo_eligible".into(),
                baseline: None,
                scenario: None,
                difference: Estimate {
                    id: "dalo_eligible".into(),
                    mean: None,
                    ci_low: None,
                    ci_high: None,
                    n: 0,
                },
                significant: false,
            },
        ],
        waits: vec![],
    };
    let props = cards_props(
        Lang::Fr,
        base.clone(),
        Some(scen.clone()),
        Some(comparison.clone()),
    );
    let m = Mounted::<Cards>::new(props).await;

    let u = "#card-unsheltered";
    let base_mean = base
        .headline(&UNSHELTERED.key())
        .and_then(|e| e.mean)
        .expect("a mean");
    assert_eq!(
        m.text(&format!("{u} .kpi-base")),
        format_num(Lang::Fr, base_mean)
    );
    assert_eq!(m.text(&format!("{u} .kpi-scen")), "12,5");
    assert_eq!(
        m.text(&format!("{u} .kpi-diff")),
        "−45 (IC 95 % : −60 à −30)"
    );
    assert_eq!(m.text(&format!("{u} .kpi-verdict")), "Amélioration nette");
    assert!(m
        .one(u)
        .class_name()
        .split_whitespace()
        .any(|c| c == "good"));

    let h = "#card-housed_per_year";
    assert_eq!(m.text(&format!("{h} .kpi-diff")), "+2 (IC 95 % : −1 à +5)");
    assert_eq!(
        m.text(&format!("{h} .kpi-verdict")),
        "Différence dans le bruit statistique"
    );
    assert!(m
        .one(h)
        .class_name()
        .split_whitespace()
        .any(|c| c == "neutral"));

    let b = "#card-blocked_places";
    assert_eq!(m.text(&format!("{b} .kpi-verdict")), "Dégradation nette");
    assert!(m.one(b).class_name().split_whitespace().any(|c| c == "bad"));

    let c = "#card-cost_per_year";
    assert_eq!(m.text(&format!("{c} .kpi-verdict")), "Hausse nette");
    assert_eq!(
        m.text(&format!("{c} .kpi-diff")),
        "+150\u{202f}000 (IC 95 % : +100\u{202f}000 à +200\u{202f}000)"
    );
    assert!(m
        .one(c)
        .class_name()
        .split_whitespace()
        .any(|c| c == "neutral"));

    let d = "#card-dalo_eligible";
    assert_eq!(
        m.text(&format!("{d} .kpi-verdict")),
        "Pas encore assez de réplications"
    );
    assert_eq!(m.text(&format!("{d} .kpi-diff")), "");

    // No difference yet for this one: no verdict, neutral.
    let t = "#card-median_time_to_housing_days";
    assert_eq!(m.text(&format!("{t} .kpi-verdict")), "");
    assert!(m
        .one(t)
        .class_name()
        .split_whitespace()
        .any(|c| c == "neutral"));
    drop(m);

    // In English: the same figures with English words and number format.
    let m = Mounted::<Cards>::new(cards_props(Lang::En, base, Some(scen), Some(comparison))).await;
    assert_eq!(m.text(&format!("{u} h3")), "Households without a solution");
    assert_eq!(m.text(&format!("{u} .kpi-scen")), "12.5");
    assert_eq!(
        m.text(&format!("{u} .kpi-diff")),
        "−45 (95 % CI: −60 to −30)"
    );
    assert_eq!(m.text(&format!("{u} .kpi-verdict")), "Clear improvement");
    assert_eq!(
        m.text(&format!("{h} .kpi-verdict")),
        "Difference within statistical noise"
    );
}

// ---------------------------------------------------------------------------------------------
// Pathway diagram

fn diagram_props(lang: Lang, summary: Option<Summary>) -> DiagramProps {
    DiagramProps {
        lang,
        scenario: Rc::new(default_scenario()),
        summary: summary.map(Rc::new),
    }
}

fn number(e: &Element, attribute: &str) -> f64 {
    e.get_attribute(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"))
        .parse()
        .unwrap_or_else(|_| panic!("{attribute} is not a number"))
}

#[wasm_bindgen_test]
async fn diagram_draws_every_stage_with_its_blocked_share_flows_and_bottleneck() {
    let summary = crate::reference_summary();
    let figures = stage_figures(&summary);
    let m = Mounted::<Diagram>::new(diagram_props(Lang::Fr, Some(summary.clone()))).await;

    let groups = m.all("g.stage");
    assert_eq!(groups.len(), summary.layout.stages.len());
    let max_flow = figures
        .iter()
        .map(|f| f.entries_per_month.max(f.exits_per_month))
        .fold(1.0, f64::max);
    let mut widest = 0.0f64;
    for (g, f) in groups.iter().zip(&figures) {
        assert_eq!(
            g.get_attribute("data-stage").as_deref(),
            Some(f.id.as_str())
        );
        assert_eq!(number(g, "data-blocked-share"), f.blocked_share());
        assert_eq!(number(g, "data-occupancy"), f.occupancy);
        // Arrows: √-scaled widths of monthly entries (in) and exits (out).
        let flows: Vec<Element> = {
            let list = g.query_selector_all("path.flow").expect("selector");
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
                .collect()
        };
        assert_eq!(flows.len(), 2);
        let width_in = number(&flows[0], "stroke-width");
        let width_out = number(&flows[1], "stroke-width");
        assert!((width_in - (2.0 + 16.0 * (f.entries_per_month / max_flow).sqrt())).abs() < 1e-9);
        assert!((width_out - (2.0 + 16.0 * (f.exits_per_month / max_flow).sqrt())).abs() < 1e-9);
        assert!((2.0..=18.0).contains(&width_in) && (2.0..=18.0).contains(&width_out));
        widest = widest.max(width_in).max(width_out);
        // The label: occupancy against places and the blocked share, for place stages.
        let label = g
            .query_selector("text.stage-label")
            .expect("selector")
            .expect("a label")
            .text_content()
            .unwrap_or_default();
        if f.places > 0.0 {
            let pct = (f.blocked_share() * 100.0).round();
            assert!(
                label.contains(&format!(
                    "{} / {} places · {pct} % bloquées",
                    format_num(Lang::Fr, f.occupancy),
                    format_num(Lang::Fr, f.places)
                )),
                "{label}"
            );
        } else if f.occupancy <= 0.0 {
            assert!(label.contains("attributions / mois"), "{label}");
        }
    }
    // The largest flow has the widest arrow.
    assert!((widest - 18.0).abs() < 1e-9, "widest arrow {widest}");

    // The bottleneck: the place stage with the largest blocked share, highlighted and named.
    let neck = bottleneck(&figures).expect("the reference run has a bottleneck");
    let marked = m.all("g.stage.bottleneck");
    assert_eq!(marked.len(), 1);
    assert_eq!(
        marked[0].get_attribute("data-stage").as_deref(),
        Some(neck.id.as_str())
    );
    assert!(marked[0]
        .query_selector("rect.neck")
        .expect("selector")
        .is_some());
    let sentence = m.text("#bottleneck-sentence");
    assert!(
        sentence.starts_with("Goulot d'étranglement : "),
        "{sentence}"
    );
    let pct = (neck.blocked_share() * 100.0).round() as i64;
    assert!(sentence.contains(&format!(
        "— {pct} % des places occupées par des ménages prêts à sortir"
    )));
    assert!(m
        .one("#bottleneck-sentence")
        .class_name()
        .split_whitespace()
        .any(|c| c == "alert"));
}

#[wasm_bindgen_test]
async fn diagram_without_blocked_places_names_no_bottleneck_and_waits_for_results() {
    let mut summary = crate::reference_summary();
    for bands in &mut summary.series {
        if bands.id.ends_with(".blocked") {
            bands.mean.iter_mut().for_each(|x| *x = 0.0);
        }
    }
    let m = Mounted::<Diagram>::new(diagram_props(Lang::En, Some(summary))).await;
    assert!(m.all("g.stage.bottleneck").is_empty());
    for g in m.all("g.stage") {
        assert_eq!(number(&g, "data-blocked-share"), 0.0);
    }
    assert_eq!(
        m.text("#bottleneck-sentence"),
        bottleneck_sentence(Lang::En, None)
    );
    assert!(!m
        .one("#bottleneck-sentence")
        .class_name()
        .split_whitespace()
        .any(|c| c == "alert"));
    drop(m);

    let m = Mounted::<Diagram>::new(diagram_props(Lang::Fr, None)).await;
    assert!(m.all("svg").is_empty());
    assert_eq!(m.text("p.help"), "Calcul en cours…");
}

// ---------------------------------------------------------------------------------------------
// Levers panel

type Emitted = Rc<RefCell<Vec<Settings>>>;

fn levers_props(lang: Lang, settings: Settings) -> (LeversProps, Emitted) {
    let scenario: Scenario = default_scenario();
    let stages = place_stages(&scenario);
    let emitted: Emitted = Rc::default();
    let sink = emitted.clone();
    let props = LeversProps {
        lang,
        levers: Rc::new(levers_of(&scenario)),
        stages: Rc::new(stages),
        settings,
        on_change: Callback::from(move |s| sink.borrow_mut().push(s)),
        openings: true,
    };
    (props, emitted)
}

fn input(m: &Mounted<LeversPanel>, selector: &str) -> HtmlInputElement {
    m.one(selector).dyn_into().expect("an input")
}

/// Sets the field's value and dispatches `kind` ("input" or "change"), as a user's edit does.
fn edit(field: &HtmlInputElement, value: &str, kind: &str) {
    field.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = if kind == "input" {
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        web_sys::InputEvent::new_with_event_init_dict("input", &init)
            .expect("event")
            .into()
    } else {
        web_sys::Event::new_with_event_init_dict(kind, &init).expect("event")
    };
    field.dispatch_event(&event).expect("dispatch");
}

fn click(m: &Mounted<LeversPanel>, selector: &str) {
    let button: web_sys::HtmlElement = m.one(selector).dyn_into().expect("an element");
    button.click();
}

fn last(emitted: &Emitted) -> Settings {
    emitted
        .borrow()
        .last()
        .cloned()
        .expect("a change was emitted")
}

#[wasm_bindgen_test]
async fn levers_show_label_unit_and_baseline_and_emit_settings() {
    let scenario = default_scenario();
    let levers = levers_of(&scenario);
    let chrs = levers
        .iter()
        .find(|l| l.id == LeverId::Places("chrs".into()))
        .expect("a CHRS places lever")
        .clone();
    let (props, emitted) = levers_props(Lang::Fr, Settings::default());
    let m = Mounted::<LeversPanel>::new(props).await;

    // One row per lever, each labelled, with its unit and baseline value.
    assert_eq!(m.all("div.lever").len(), levers.len());
    let dom = chrs.id.to_string();
    assert_eq!(
        m.text(&format!("label[for=\"{dom}\"]")),
        chrs.label(Lang::Fr)
    );
    let slider = input(&m, &format!("#{dom}"));
    assert_eq!(slider.value(), chrs.baseline.to_string());
    assert_eq!(slider.min(), chrs.min.to_string());
    assert_eq!(slider.max(), chrs.max.to_string());
    let row = m
        .one(&format!("#{dom}"))
        .closest("div.lever")
        .expect("q")
        .expect("its row");
    let row_text = row.text_content().unwrap_or_default();
    assert!(row_text.contains("places"), "{row_text}");
    assert!(row_text.contains(&format!(
        "référence : {}",
        format_num(Lang::Fr, chrs.baseline)
    )));
    // Nothing moved: both resets disabled.
    let reset = row.query_selector("button").expect("q").expect("a reset");
    assert!(reset.has_attribute("disabled"));
    assert!(m.one("#reset-all").has_attribute("disabled"));

    // The slider: a new value for that lever only.
    edit(&slider, &(chrs.baseline + 10.0).to_string(), "input");
    settle().await;
    let s = last(&emitted);
    assert_eq!(s.values.len(), 1);
    assert_eq!(s.values.get(&chrs.id), Some(&(chrs.baseline + 10.0)));

    // The number field (its value reads with a decimal point whatever the locale); beyond ten
    // times the slider's range, clamped.
    let number = input(&m, &format!("#{dom}-number"));
    edit(&number, "12.5", "change");
    settle().await;
    assert_eq!(last(&emitted).values.get(&chrs.id), Some(&12.5));
    edit(&number, "99999999", "change");
    settle().await;
    assert_eq!(
        last(&emitted).values.get(&chrs.id),
        Some(&(chrs.max * 10.0))
    );
    // Not a number: nothing is emitted, and the field says why, next to it.
    let before = emitted.borrow().len();
    edit(&number, "douze", "change");
    settle().await;
    assert_eq!(emitted.borrow().len(), before);
    let error = m.text(&format!("#{dom}-number-err"));
    assert_eq!(error, "« douze » n'est pas un nombre");
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    // A French decimal comma is a decimal mark (issue 16: « 50,5 » was read as 505).
    edit(&number, "50,5", "change");
    settle().await;
    assert_eq!(last(&emitted).values.get(&chrs.id), Some(&50.5));
    assert!(m.all(&format!("#{dom}-number-err")).is_empty());
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );

    // Back to the baseline value: the lever is no longer overridden.
    edit(&slider, &chrs.baseline.to_string(), "input");
    settle().await;
    assert!(last(&emitted).values.is_empty());
}

#[wasm_bindgen_test]
async fn levers_reset_one_or_all_and_manage_openings() {
    let levers = levers_of(&default_scenario());
    let (a, b) = (levers[0].clone(), levers[1].clone());
    let mut settings = Settings::default();
    settings.values.insert(a.id.clone(), a.baseline + 5.0);
    settings.values.insert(b.id.clone(), b.baseline + 7.0);
    settings.openings.push(Opening {
        stage: "chrs".into(),
        month: 12,
        places: 50,
    });
    let (props, emitted) = levers_props(Lang::Fr, settings.clone());
    let m = Mounted::<LeversPanel>::new(props).await;

    // The moved levers show their value and are marked.
    let dom_a = a.id.to_string();
    assert_eq!(
        input(&m, &format!("#{dom_a}")).value(),
        (a.baseline + 5.0).to_string()
    );
    assert_eq!(m.all("div.lever.changed").len(), 2);

    // Reset of one lever: the other and the opening stay.
    let row = m
        .one(&format!("#{dom_a}"))
        .closest("div.lever")
        .expect("q")
        .expect("row");
    let reset: web_sys::HtmlElement = row
        .query_selector("button")
        .expect("q")
        .expect("reset")
        .dyn_into()
        .expect("a button");
    assert!(!reset.has_attribute("disabled"));
    assert_eq!(
        reset.get_attribute("aria-label").unwrap_or_default(),
        format!("Rétablir la référence — {}", a.label(Lang::Fr))
    );
    reset.click();
    settle().await;
    let s = last(&emitted);
    assert!(!s.values.contains_key(&a.id));
    assert_eq!(s.values.get(&b.id), Some(&(b.baseline + 7.0)));
    assert_eq!(s.openings, settings.openings);

    // The opening is listed in words and can be removed.
    let items = m.all("li.opening");
    assert_eq!(items.len(), 1);
    let text = items[0].text_content().unwrap_or_default();
    assert!(text.starts_with("+50 places — CHRS"), "{text}");
    assert!(text.contains("au mois 12"), "{text}");
    click(&m, "li.opening button");
    settle().await;
    let s = last(&emitted);
    assert!(s.openings.is_empty());
    assert_eq!(s.values.len(), 2);

    // A new opening: stage, month, places (a closing is negative).
    let stage: HtmlSelectElement = m.one("#opening-stage").dyn_into().expect("a select");
    let other = m
        .all("#opening-stage option")
        .iter()
        .filter_map(|o| o.get_attribute("value"))
        .find(|v| v != "chrs")
        .expect("another place stage");
    stage.set_value(&other);
    input(&m, "#opening-month").set_value("6");
    input(&m, "#opening-places").set_value("-10");
    click(&m, "#opening-add");
    settle().await;
    let s = last(&emitted);
    assert_eq!(
        s.openings.last(),
        Some(&Opening {
            stage: other,
            month: 6,
            places: -10
        })
    );
    assert_eq!(s.openings.len(), 2);
    // Zero places is no opening: nothing emitted.
    let before = emitted.borrow().len();
    input(&m, "#opening-places").set_value("0");
    click(&m, "#opening-add");
    settle().await;
    assert_eq!(emitted.borrow().len(), before);

    // Reset all: no lever moved, no opening.
    assert!(!m.one("#reset-all").has_attribute("disabled"));
    click(&m, "#reset-all");
    settle().await;
    assert_eq!(last(&emitted), Settings::default());
}

#[wasm_bindgen_test]
async fn levers_speak_english() {
    let (props, _) = levers_props(Lang::En, Settings::default());
    let m = Mounted::<LeversPanel>::new(props).await;
    assert_eq!(m.text(".levers-head h2"), "Levers");
    assert_eq!(m.text("#reset-all").trim(), "Reset all");
    assert_eq!(m.text("#opening-add").trim(), "Add the opening");
    let base = m.all(".lever-base");
    assert!(base.iter().all(|e| e
        .text_content()
        .unwrap_or_default()
        .starts_with("baseline: ")));
}
