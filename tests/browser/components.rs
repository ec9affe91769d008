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
use parcours_core::data_tables::diagram_table;
use parcours_core::diagram_data::{DiagramData, StageDraw};
use parcours_core::i18n::{format_num, t, Lang, Msg};
use parcours_core::insight::bottleneck::summary_neck_marked;
use parcours_core::insight::{card_step, card_text};
use parcours_core::levers::{levers_of, place_stages, LeverId, Opening, Settings};
use parcours_core::measures::{Format, HEADLINES, WITHOUT_SOLUTION};
use parcours_core::state::Same;
use parcours_engine::{
    binding_constraint, default_scenario, Comparison, Difference, Estimate, HeadlineId, Scenario,
    SeriesId, StageHeadline, StageSeries, Summary, SystemHeadline,
};
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

fn estimate(id: SystemHeadline, mean: f64, lo: f64, hi: f64) -> Estimate {
    Estimate {
        id: id.into(),
        mean: Some(mean),
        ci_low: Some(lo),
        ci_high: Some(hi),
        n: 200,
    }
}

fn difference(id: SystemHeadline, base: f64, mean: f64, lo: f64, hi: f64) -> Difference {
    Difference {
        id: id.into(),
        baseline: Some(base),
        scenario: Some(base + mean),
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
        complete: true,
        answers: Rc::default(),
        bottleneck: Default::default(),
        preview: Rc::default(),
        approx_warning: Default::default(),
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
        // The full name (read, and shown with the details) and the compact card's short one.
        assert_eq!(m.text(&format!("{card} h3 .kpi-name")), h.name(Lang::Fr));
        assert_eq!(
            m.text(&format!("{card} h3 .kpi-short-name")),
            h.short_name(Lang::Fr)
        );
        // A cost keeps its unit after the figure in a compact card.
        let short_unit = if h.format == Format::MillionEuros {
            t(Lang::Fr, Msg::MillionEurosShort).into_owned()
        } else {
            String::new()
        };
        let e = base
            .headline(&h.key())
            .expect("every headline is in the summary");
        match (e.mean, e.ci_low, e.ci_high) {
            (Some(mean), Some(lo), Some(hi)) => {
                // Rounded to three significant digits of the baseline (`insight::card_text`).
                let card_text = card_text(Lang::Fr, &h, Some(e), None, None, true);
                assert_eq!(
                    m.text(&format!("{card} .kpi-base")),
                    format!("{}{short_unit}", card_text.baseline)
                );
                assert_eq!(m.text(&format!("{card} .kpi-ci")), card_text.baseline_ci);
                let step = card_step(&h, &[Some(mean)]);
                assert!(card_text.baseline_ci.starts_with("IC 95 % : "));
                assert!((lo * h.format.scale() / step).is_finite() && hi >= lo);
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
    // Baseline means fixed where the test reads rounded figures (three significant digits of
    // the baseline set each card's rounding).
    let mut base = crate::reference_summary();
    for e in &mut base.headlines {
        match e.id {
            HeadlineId::System(SystemHeadline::WithoutSolution) => e.mean = Some(300.0),
            HeadlineId::System(SystemHeadline::BlockedPlaces) => e.mean = Some(100.0),
            HeadlineId::System(SystemHeadline::CostPerYear) => e.mean = Some(30_144_484.0),
            _ => {}
        }
    }
    let mut scen = base.clone();
    for e in &mut scen.headlines {
        if e.id == SystemHeadline::WithoutSolution.into() {
            e.mean = Some(255.4);
        }
    }
    let comparison = Comparison {
        pairs: 200,
        differences: vec![
            // Fewer households without a solution (−45 of 300), interval below 0: an improvement.
            difference(SystemHeadline::WithoutSolution, 300.0, -45.0, -60.0, -30.0),
            // More household-days without a solution (+20 of 700), but the interval straddles 0: noise.
            difference(
                SystemHeadline::HouseholdDaysWithoutSolutionPerYear,
                700.0,
                20.0,
                -1.0,
                41.0,
            ),
            // Returns to the street +1.5 of 1,000: significant, below 2 %: no notable effect.
            difference(
                SystemHeadline::ReturnsToStreetPerYear,
                1000.0,
                1.5,
                1.0,
                2.0,
            ),
            // More blocked places, interval above 0: depends on the point of view, a reading.
            difference(SystemHeadline::BlockedPlaces, 100.0, 10.0, 4.0, 16.0),
            // A higher cost is neither good nor bad; in millions.
            difference(
                SystemHeadline::CostPerYear,
                30_144_484.0,
                1_500_000.0,
                1_000_000.0,
                2_000_000.0,
            ),
            // An undefined difference (too few pairs).
            Difference {
                id: SystemHeadline::DaloRecoursesPerYear.into(),
                baseline: None,
                scenario: None,
                difference: Estimate {
                    id: SystemHeadline::DaloRecoursesPerYear.into(),
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
    let has = |m: &Mounted<Cards>, sel: &str, class: &str| {
        m.one(sel)
            .class_name()
            .split_whitespace()
            .any(|c| c == class)
    };

    let u = "#card-without_solution";
    let base_mean = base
        .headline(&WITHOUT_SOLUTION.key())
        .and_then(|e| e.mean)
        .expect("a mean");
    assert_eq!(
        m.text(&format!("{u} .kpi-base")),
        card_text(
            Lang::Fr,
            &WITHOUT_SOLUTION,
            base.headline(&WITHOUT_SOLUTION.key()),
            None,
            None,
            true
        )
        .baseline
    );
    assert_eq!(base_mean, 300.0);
    assert_eq!(m.text(&format!("{u} .kpi-base")), "300");
    assert_eq!(m.text(&format!("{u} .kpi-scen")), "255");
    assert_eq!(
        m.text(&format!("{u} .kpi-diff")),
        "−45 (IC 95 % : −60 à −30) · −15\u{202f}%"
    );
    assert_eq!(m.text(&format!("{u} .kpi-verdict")), "Amélioration nette");
    assert_eq!(
        m.one(u).get_attribute("data-verdict").as_deref(),
        Some("improvement")
    );
    assert!(has(&m, u, "good"));

    let h = "#card-household_days_without_solution_per_year";
    assert_eq!(
        m.text(&format!("{h} .kpi-verdict")),
        "Différence dans le bruit statistique"
    );
    assert!(has(&m, h, "neutral"));

    let r = "#card-returns_to_street_per_year";
    assert_eq!(
        m.text(&format!("{r} .kpi-verdict")),
        "Pas d'effet notable (moins de 2 %)"
    );
    assert!(has(&m, r, "neutral"));

    // A view-dependent measure: the change and a reading, never « Dégradation nette ».
    let b = "#card-blocked_places";
    assert!(m
        .text(&format!("{b} .kpi-verdict"))
        .starts_with("Lecture : "));
    assert_eq!(
        m.one(b).get_attribute("data-verdict").as_deref(),
        Some("reading")
    );
    assert!(has(&m, b, "neutral") && has(&m, b, "view-dependent"));
    assert!(m
        .text(&format!("{b} .kpi-diff"))
        .starts_with("+10 (IC 95 % : +4 à +16)"));

    let c = "#card-cost_per_year";
    assert_eq!(m.text(&format!("{c} .kpi-verdict")), "Hausse nette");
    assert_eq!(m.text(&format!("{c} .kpi-unit")), "M€ / an");
    assert_eq!(
        m.text(&format!("{c} .kpi-diff")),
        "+1,5 (IC 95 % : +1,0 à +2,0) · +5,0\u{202f}%"
    );
    assert!(has(&m, c, "neutral"));

    let d = "#card-dalo_recourses_per_year";
    assert_eq!(
        m.text(&format!("{d} .kpi-verdict")),
        "Pas encore assez de réplications"
    );

    // No difference yet for this one: no verdict, neutral.
    let t = "#card-cost_per_household_housed";
    assert_eq!(m.text(&format!("{t} .kpi-verdict")), "");
    assert!(has(&m, t, "neutral"));
    drop(m);

    // Before the runs are complete: figures marked provisional, no verdict.
    let mut props = cards_props(
        Lang::Fr,
        base.clone(),
        Some(scen.clone()),
        Some(comparison.clone()),
    );
    props.complete = false;
    let m = Mounted::<Cards>::new(props).await;
    assert_eq!(
        m.text(&format!("{u} .kpi-verdict")),
        "Provisoire : verdict à la fin du calcul"
    );
    assert!(has(&m, u, "provisional") && has(&m, u, "neutral"));
    drop(m);

    // In English: the same figures with English words and number format.
    let m = Mounted::<Cards>::new(cards_props(Lang::En, base, Some(scen), Some(comparison))).await;
    assert_eq!(
        m.text(&format!("{u} h3 .kpi-name")),
        "Households without a solution"
    );
    assert_eq!(m.text(&format!("{u} .kpi-scen")), "255");
    assert_eq!(
        m.text(&format!("{u} .kpi-diff")),
        "−45 (95 % CI: −60 to −30) · −15%"
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
        scenario: Same(Rc::new(default_scenario())),
        summary: summary.map(Rc::new),
        workshop: false,
        brief: false,
    }
}

fn number(e: &Element, attribute: &str) -> f64 {
    e.get_attribute(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"))
        .parse()
        .unwrap_or_else(|_| panic!("{attribute} is not a number"))
}

fn label_of(g: &Element, selector: &str) -> String {
    g.query_selector(selector)
        .expect("selector")
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn diagram_draws_stages_waits_allocation_flows_and_the_binding_constraint() {
    let summary = crate::reference_summary();
    let scenario = default_scenario();
    let data = DiagramData::of(Lang::Fr, &scenario, &summary);
    let m = Mounted::<Diagram>::new(diagram_props(Lang::Fr, Some(summary.clone()))).await;

    let groups = m.all("g.stage");
    assert_eq!(groups.len(), summary.layout.stages.len());
    let max_flow = data
        .stages
        .iter()
        .map(|f| f.entries_per_month.max(f.exits_per_month))
        .fold(1.0, f64::max);
    let mut widest = 0.0f64;
    let mut flows_drawn = 0;
    for (g, s) in groups.iter().zip(&data.stages) {
        assert_eq!(
            g.get_attribute("data-stage").as_deref(),
            Some(s.id.as_str())
        );
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
        assert!((width_in - (2.0 + 14.0 * (s.entries_per_month / max_flow).sqrt())).abs() < 1e-9);
        assert!((width_out - (2.0 + 14.0 * (s.exits_per_month / max_flow).sqrt())).abs() < 1e-9);
        widest = widest.max(width_in).max(width_out);
        let label = label_of(g, "text.stage-label");
        match s.draw {
            StageDraw::Places {
                places,
                occupancy,
                blocked,
            } => {
                assert_eq!(number(g, "data-occupancy"), occupancy);
                assert_eq!(
                    number(g, "data-blocked-share"),
                    (blocked / places).clamp(0.0, 1.0)
                );
                assert!(
                    label.contains(&format!(
                        "{} / {} places · {} prêts à sortir",
                        format_num(Lang::Fr, occupancy),
                        format_num(Lang::Fr, places),
                        blocked.round()
                    )),
                    "{label}"
                );
                assert!(g.query_selector("rect.occ").expect("selector").is_some());
            }
            StageDraw::Allocation { use_share, .. } => {
                // A flow with its use, never an empty bar.
                flows_drawn += 1;
                assert!(g
                    .get_attribute("class")
                    .unwrap_or_default()
                    .contains("allocation"));
                assert!(g.query_selector("rect.cap").expect("selector").is_none());
                assert!(g
                    .query_selector("line.alloc-used")
                    .expect("selector")
                    .is_some());
                assert_eq!(number(g, "data-use"), use_share.expect("a use"));
                assert!(label.contains("logements / mois, utilisés à"), "{label}");
            }
        }
        // Who waits here for what: the first destination named under the stage.
        if let Some((first, _)) = s.waiting_for.first() {
            let waits = label_of(g, "text.stage-waits");
            assert!(waits.contains(first.as_str()), "{waits}");
        }
    }
    assert!(flows_drawn >= 1, "the default has an allocation flow");
    assert!((widest - 16.0).abs() < 1e-9, "widest arrow {widest}");

    // The binding constraint, by what ready households wait for (the engine's), highlighted.
    let c = binding_constraint(&summary).expect("the reference run has one");
    let marked = m.all("g.stage.binding");
    assert_eq!(marked.len(), 1);
    assert_eq!(
        marked[0].get_attribute("data-stage").as_deref(),
        Some(c.destination.as_str())
    );
    assert!(marked[0]
        .query_selector("rect.neck")
        .expect("selector")
        .is_some());
    // The page's summary names it; the diagram points at its highlight and says who waits.
    let sentence = m.text("#bottleneck-sentence");
    assert_eq!(sentence, summary_neck_marked(Lang::Fr, &scenario, &summary));
    assert!(
        sentence.starts_with("Encadré dans le schéma : le goulot ; "),
        "{sentence}"
    );
    assert!(m
        .one("#bottleneck-sentence")
        .class_name()
        .split_whitespace()
        .any(|c| c == "alert"));
    // The same data as a list (shown on narrow screens).
    assert_eq!(m.all("#diagram-list li").len(), data.stages.len());
    assert_eq!(m.all("#diagram-list li.binding").len(), 1);
}

#[wasm_bindgen_test]
async fn diagram_without_ready_households_names_no_bottleneck_and_waits_for_results() {
    let mut summary = crate::reference_summary();
    for bands in &mut summary.series {
        if matches!(
            bands.id,
            SeriesId::Stage {
                measure: StageSeries::Blocked,
                ..
            }
        ) {
            bands.mean.iter_mut().for_each(|x| *x = 0.0);
        }
    }
    for e in &mut summary.headlines {
        if matches!(
            e.id,
            HeadlineId::Stage {
                measure: StageHeadline::ReadyQueue | StageHeadline::Blocked,
                ..
            }
        ) {
            e.mean = Some(0.0);
        }
    }
    summary.waits.clear();
    let m = Mounted::<Diagram>::new(diagram_props(Lang::En, Some(summary))).await;
    assert!(m.all("g.stage.binding").is_empty());
    // The summary says there is none; the diagram has nothing to point at.
    assert_eq!(m.text("#bottleneck-sentence"), "");
    assert!(m.one("#bottleneck-sentence").has_attribute("hidden"));
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

/// A data table is built when shown: closed, its `<details>` holds the summary only; opened (as
/// a click on the summary does), the rows are the diagram's data (`diagram_table` of the same
/// summary), and closed again they go.
#[wasm_bindgen_test]
async fn a_data_table_is_rendered_only_while_its_details_is_open() {
    let summary = crate::reference_summary();
    let scenario = default_scenario();
    let table = diagram_table(
        Lang::Fr,
        &scenario.territory.name,
        &DiagramData::of(Lang::Fr, &scenario, &summary),
    );
    let m = Mounted::<Diagram>::new(diagram_props(Lang::Fr, Some(summary))).await;
    let details = m.one("details#diagram-data");
    assert_eq!(m.text("#diagram-data > summary"), "Voir les données");
    assert!(m.all("#diagram-data table, #diagram-data tr").is_empty());

    m.one("#diagram-data > summary")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("summary")
        .click();
    crate::until("the rows once opened", || {
        m.all("#diagram-data tbody tr").len() == table.rows.len()
    })
    .await;
    assert_eq!(m.text("#diagram-data caption"), table.caption);
    for (tr, (head, cells)) in m.all("#diagram-data tbody tr").iter().zip(&table.rows) {
        let shown: Vec<String> = (0..tr.children().length())
            .filter_map(|i| tr.children().item(i)?.text_content())
            .collect();
        assert_eq!(shown[0], *head);
        assert_eq!(&shown[1..], cells.as_slice());
    }

    details.remove_attribute("open").expect("close");
    crate::until("no row once closed", || {
        m.all("#diagram-data tr").is_empty()
    })
    .await;
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
