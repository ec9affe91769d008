//! Browser tests of the workshop's keys (components/workshop.rs): the keys choose the prepared
//! scenarios through the same callback as the sidebar, Escape leaves, and nothing is taken from
//! someone typing in a field or using a shortcut.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use parcours::components::workshop::{Workshop, WorkshopProps};
use parcours_core::i18n::Lang;
use parcours_core::present::workshop::workshop_prepared;
use parcours_core::runs::Results;
use parcours_core::state::Same;
use parcours_engine::default_scenario;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn press(target: &web_sys::EventTarget, key: &str, ctrl: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
    event.default_prevented()
}

#[wasm_bindgen_test]
async fn workshop_keys_choose_scenarios_but_not_while_typing() {
    let document = gloo_utils::document();
    let body = document.body().expect("body");
    let root = document.create_element("div").expect("div");
    body.append_child(&root).expect("append");
    let field: web_sys::HtmlInputElement = document
        .create_element("input")
        .expect("input")
        .dyn_into()
        .expect("an input");
    body.append_child(&field).expect("append");

    let index =
        parcours_core::catalog::Index::from_json(include_str!("../../assets/scenarios/index.json"))
            .expect("index.json");
    let prepared = Rc::new(workshop_prepared(&index, &index.default));
    assert_eq!(prepared.len(), 4);
    let chosen: Rc<RefCell<Vec<Option<String>>>> = Rc::default();
    let exits = Rc::new(RefCell::new(0));
    let runs = Rc::new(RefCell::new(0));
    let (sink, exit_sink, run_sink) = (chosen.clone(), exits.clone(), runs.clone());
    let props = WorkshopProps {
        lang: Lang::Fr,
        prepared: prepared.clone(),
        active: Some(prepared[0].id.clone()),
        on_prepared: yew::Callback::from(move |v| sink.borrow_mut().push(v)),
        on_exit: yew::Callback::from(move |_| *exit_sink.borrow_mut() += 1),
        results: Results::default(),
        territory: "Haute-Garonne".into(),
        scenario: Same(Rc::new(default_scenario())),
        summary: None,
        answers: Rc::default(),
        marginal: Default::default(),
        marginal_stale: false,
        on_marginal_run: yew::Callback::from(move |_| *run_sink.borrow_mut() += 1),
    };
    let app = yew::Renderer::<Workshop>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    let text = |id: &str| {
        document
            .get_element_by_id(id)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(text("workshop-position").trim(), "1 / 4");
    assert_eq!(text("workshop-active"), "Places de CHRS supplémentaires");

    let target: web_sys::EventTarget = body.clone().into();
    assert!(press(&target, "2", false), "the key was not taken");
    assert!(press(&target, "ArrowRight", false));
    assert_eq!(
        *chosen.borrow(),
        vec![Some(prepared[1].id.clone()), Some(prepared[1].id.clone())],
        "2, then → from the first one"
    );
    // Typing in a field, or a browser shortcut: left alone.
    field.focus().expect("focus");
    assert!(!press(&field.clone().into(), "3", false));
    assert!(!press(&field.clone().into(), "Escape", false));
    assert!(!press(&target, "3", true));
    assert!(!press(&target, "a", false));
    assert_eq!(chosen.borrow().len(), 2);
    assert_eq!(*exits.borrow(), 0);
    // A click on a scenario's button does the same as its key.
    let pick: web_sys::HtmlElement = document
        .get_element_by_id("ws-pick-4")
        .expect("fourth button")
        .dyn_into()
        .expect("a button");
    pick.click();
    assert_eq!(chosen.borrow().last(), Some(&Some(prepared[3].id.clone())));
    // 0: the « Où agir ? » screen; with no ranking yet, its button runs the analysis; a
    // scenario's key comes back to the scenarios.
    let screen = || {
        document
            .get_element_by_id("workshop")
            .and_then(|e| e.get_attribute("data-screen"))
            .unwrap_or_default()
    };
    assert_eq!(screen(), "scenario");
    assert!(press(&target, "0", false));
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(screen(), "analysis");
    assert_eq!(text("workshop-active"), "Où agir ?");
    let run: web_sys::HtmlElement = document
        .get_element_by_id("workshop-analysis-run")
        .expect("the run button")
        .dyn_into()
        .expect("a button");
    run.click();
    assert_eq!(*runs.borrow(), 1);
    assert!(press(&target, "1", false));
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(screen(), "scenario");
    assert!(press(&target, "Escape", false));
    assert_eq!(*exits.borrow(), 1);

    app.destroy();
    root.remove();
    field.remove();
}
