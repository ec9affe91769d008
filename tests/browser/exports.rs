//! Browser tests of the export components: the report and the export bar mounted alone, and
//! the SVG-to-image export.

use std::rc::Rc;
use std::time::Duration;

use parcours::components::export_bar::{ExportBar, ExportBarProps};
use parcours::components::printable_report::{Report, ReportProps};
use parcours::web::png::svg_data_url;
use parcours_core::i18n::Lang;
use parcours_core::insight::answers::Answers;
use parcours_core::insight::bottleneck::summary_neck_sentence;
use parcours_core::insight::interval_note;
use parcours_core::levers::{apply, levers_of, LeverId, Settings};
use parcours_core::measures::HEADLINES;
use parcours_core::runs::{Results, RunView};
use parcours_core::state::Same;
use parcours_engine::{compare, default_scenario, simulate, Ensemble, Model, Scenario};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn mount_point() -> web_sys::Element {
    let document = gloo_utils::document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn ensemble(s: &Scenario) -> Ensemble {
    let model = Model::new(s).expect("valid");
    let mut e = Ensemble::new(model.layout().clone(), 42);
    for i in 0..3 {
        e.add(simulate(&model, 42, i).expect("runs"));
    }
    e
}

fn text(id: &str) -> String {
    gloo_utils::document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id} missing"))
        .text_content()
        .unwrap_or_default()
}

/// The report shows the headline table with intervals and verdicts, both bottleneck sentences,
/// the lever moved, takes the focus and asks the browser to print once.
#[wasm_bindgen_test]
async fn report_shows_the_comparison_and_prints_once() {
    let window = gloo_utils::window();
    let count_prints =
        js_sys::Function::new_no_args("window.printCalls = (window.printCalls || 0) + 1;");
    js_sys::Reflect::set(&window, &"print".into(), &count_prints).expect("stub print");

    let mut base = default_scenario();
    base.horizon_months = 18.0;
    let levers = levers_of(&base);
    let chrs = levers
        .iter()
        .find(|l| l.id == LeverId::Places("chrs".into()))
        .expect("a CHRS lever")
        .baseline;
    let mut settings = Settings::default();
    settings
        .values
        .insert(LeverId::Places("chrs".into()), chrs + 300.0);
    let scen = apply(&base, &settings);
    let (eb, es) = (ensemble(&base), ensemble(&scen));
    let view = |e: &Ensemble| RunView {
        done: 3,
        total: 3,
        summary: Some(Rc::new(e.summary())),
        ..RunView::starting(3)
    };
    let results = Results {
        base: view(&eb),
        scen: Some(view(&es)),
        comparison: Some(Rc::new(compare(&eb, &es).expect("pairs"))),
        cancelled: false,
    };
    // What the page says about these runs (`insight::answers`), as the app passes it.
    let answers = Answers {
        note: interval_note(Lang::Fr, &eb.layout, 3),
        bottleneck: summary_neck_sentence(Lang::Fr, &scen, &es.summary()),
        baseline_bottleneck: Some(summary_neck_sentence(Lang::Fr, &base, &eb.summary())),
        moved: None,
    };
    let base = Rc::new(base);
    let props = ReportProps {
        lang: Lang::Fr,
        baseline: Same(base.clone()),
        prepared: Same(base.clone()),
        network: Same(base.clone()),
        scenario: Same(Rc::new(scen)),
        prepared_entry: None,
        comparing: true,
        levers: Rc::new(levers),
        settings,
        results,
        seed: 42,
        on_close: yew::Callback::noop(),
        answers: Rc::new(answers),
        analyses: Rc::default(),
    };
    let root = mount_point();
    let report = yew::Renderer::<Report>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::from_millis(800)).await;

    let document = gloo_utils::document();
    let rows = document
        .query_selector_all("#report-headlines tbody tr")
        .expect("rows");
    assert_eq!(rows.length() as usize, HEADLINES.len());
    let first = rows
        .item(0)
        .expect("row")
        .text_content()
        .unwrap_or_default();
    assert!(first.contains("Ménages sans solution"), "{first}");
    assert!(first.contains("IC 95 %"), "{first}");
    let necks = text("report-bottlenecks");
    assert!(
        necks.contains("Référence : ") && necks.contains("Scénario : "),
        "{necks}"
    );
    assert!(
        necks.contains("Goulot") || necks.contains("Pas de goulot"),
        "{necks}"
    );
    let lever_list = text("report-lever-list");
    assert!(
        lever_list.contains(&format!("{} → {} places", chrs, chrs + 300.0)),
        "{lever_list}"
    );
    assert!(text("report-replications").contains("Graine 42"));
    assert!(text("report-note").contains("hasard de la simulation"));
    let focused = document.active_element().map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("report-print"));
    let prints = js_sys::Reflect::get(&window, &"printCalls".into()).expect("count");
    assert_eq!(prints.as_f64(), Some(1.0), "window.print() once");

    report.destroy();
    root.remove();
}

/// The export bar's CSV dialect follows the language until the user chooses one.
#[wasm_bindgen_test]
async fn export_bar_dialect_follows_the_language() {
    for (lang, expected) in [(Lang::Fr, "fr"), (Lang::En, "intl")] {
        let root = mount_point();
        let props = ExportBarProps {
            lang,
            baseline: Same(Rc::new(default_scenario())),
            scenario: None,
            base: None,
            scen: None,
            comparison: None,
            complete: true,
            on_report: yew::Callback::noop(),
        };
        let bar = yew::Renderer::<ExportBar>::with_root_and_props(root.clone(), props).render();
        yew::platform::time::sleep(Duration::from_millis(30)).await;
        let select: web_sys::HtmlSelectElement = gloo_utils::document()
            .get_element_by_id("export-dialect")
            .expect("dialect")
            .dyn_into()
            .expect("select");
        assert_eq!(select.value(), expected);
        // Nothing to export before the first results.
        let series = gloo_utils::document()
            .get_element_by_id("export-series")
            .expect("button");
        assert!(series.has_attribute("disabled"));
        bar.destroy();
        root.remove();
    }
}

/// The SVG exported as an image carries the page's styles inline (an image cannot see them).
#[wasm_bindgen_test]
fn svg_export_inlines_the_page_styles() {
    let document = gloo_utils::document();
    let style = document.create_element("style").expect("style");
    style.set_text_content(Some(".t-occ { fill: rgb(1, 2, 3); stroke-width: 4px; }"));
    document
        .query_selector("head")
        .expect("query")
        .expect("head")
        .append_child(&style)
        .expect("append");
    let root = mount_point();
    root.set_inner_html(
        r#"<svg id="t-svg" viewBox="0 0 200 100"><rect class="t-occ" width="10" height="10"/><text class="t-occ">é</text></svg>"#,
    );
    let svg = document.get_element_by_id("t-svg").expect("svg");
    let (url, w, h) = svg_data_url(&svg).expect("serialised");
    assert_eq!((w, h), (200.0, 100.0));
    let prefix = "data:image/svg+xml;charset=utf-8,";
    assert!(url.starts_with(prefix));
    let text = String::from(js_sys::decode_uri_component(&url[prefix.len()..]).expect("decoded"));
    assert!(
        text.contains("xmlns=\"http://www.w3.org/2000/svg\""),
        "{text}"
    );
    // Inlined through the CSSOM (the page's CSP refuses `style` attributes written as text),
    // which serialises each declaration as « property: value; ».
    assert!(text.contains("fill: rgb(1, 2, 3);"), "{text}");
    assert!(text.contains("stroke-width: 4px;"), "{text}");
    assert!(
        text.contains("width=\"200\"") && text.contains("é"),
        "{text}"
    );
    root.remove();
    style.remove();
}
