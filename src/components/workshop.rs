//! Workshop mode: full screen, high contrast, large type; the pathway diagram and four headline
//! figures of up to four prepared scenarios, chosen with the keys 1–4 and ← / →. It is drawn over
//! the normal page (made inert, not unmounted), so leaving it gives the page back as it was.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use parcours_engine::{Difference, Scenario, Summary};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::components::Diagram;
use parcours_core::catalog::VariantEntry;
use parcours_core::i18n::{format_num, replications_progress, Lang};
use parcours_core::insight::{difference_text, tone, verdict, HEADLINES};
use parcours_core::present::{
    capitalized, is_typing_target, workshop_action, WorkshopAction, WORKSHOP_HEADLINES,
};
use parcours_core::runs::Results;

#[derive(Properties, PartialEq)]
pub struct WorkshopProps {
    pub lang: Lang,
    /// The prepared scenarios shown (at most four).
    pub variants: Rc<Vec<VariantEntry>>,
    /// The prepared scenario chosen (in the page's choice).
    pub active: Option<String>,
    /// Chooses a prepared scenario, exactly as the sidebar does.
    pub on_variant: Callback<Option<String>>,
    pub on_exit: Callback<()>,
    pub results: Results,
    /// The territory's name.
    pub territory: AttrValue,
    /// What the diagram draws (as the page's diagram).
    pub scenario: Rc<Scenario>,
    pub summary: Option<Rc<Summary>>,
}

/// Calls a method of a DOM object by name and swallows a rejected promise (the Fullscreen API
/// refuses without a user gesture; the mode works without it).
fn call_quietly(target: &JsValue, method: &str) {
    let Ok(f) = js_sys::Reflect::get(target, &method.into()) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    match f.call0(target) {
        Ok(result) => {
            if let Some(promise) = result.dyn_ref::<js_sys::Promise>() {
                let quiet = Closure::<dyn FnMut(JsValue)>::once(|e: JsValue| {
                    web_sys::console::debug_2(&"Parcours: full screen refused:".into(), &e);
                });
                let _ = promise.catch(&quiet);
                quiet.forget(); // called at most once, by the promise
            }
        }
        Err(e) => web_sys::console::debug_2(&"Parcours: full screen refused:".into(), &e),
    }
}

/// Whether the document is shown full screen.
pub fn is_fullscreen() -> bool {
    js_sys::Reflect::get(&gloo_utils::document(), &"fullscreenElement".into())
        .map(|e| !e.is_null() && !e.is_undefined())
        .unwrap_or(false)
}

/// Asks for full screen (only works during a user gesture).
pub fn request_fullscreen() {
    if let Some(root) = gloo_utils::document().document_element() {
        if !is_fullscreen() {
            call_quietly(&root, "requestFullscreen");
        }
    }
}

/// Leaves full screen, if the page is.
pub fn exit_fullscreen() {
    if is_fullscreen() {
        call_quietly(&gloo_utils::document(), "exitFullscreen");
    }
}

#[function_component(Workshop)]
pub fn workshop(props: &WorkshopProps) -> Html {
    let lang = props.lang;
    let root = use_node_ref();
    let fullscreen = use_state(is_fullscreen);
    let active = props
        .active
        .as_ref()
        .and_then(|id| props.variants.iter().position(|v| &v.id == id));

    // The root takes the focus, so the keys reach the page and screen readers hear the mode.
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            if let Some(el) = root.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    // Keys: 1–4, ← / →, Escape. Not while typing, not with a modifier (browser shortcuts).
    {
        let (variants, on_variant, on_exit) = (
            props.variants.clone(),
            props.on_variant.clone(),
            props.on_exit.clone(),
        );
        use_effect_with((variants, active, on_variant, on_exit), |deps| {
            let (variants, active, on_variant, on_exit) = deps.clone();
            // Not passive: the keys used are taken from the page (no scroll on the arrows).
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo_utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.default_prevented() || e.ctrl_key() || e.alt_key() || e.meta_key() {
                        return;
                    }
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                        .is_some_and(|el| {
                            is_typing_target(&el.tag_name(), el.is_content_editable())
                        });
                    if typing {
                        return;
                    }
                    match workshop_action(&e.key(), variants.len(), active) {
                        Some(WorkshopAction::Select(i)) => {
                            e.prevent_default();
                            on_variant.emit(Some(variants[i].id.clone()));
                        }
                        Some(WorkshopAction::Exit) => {
                            e.prevent_default();
                            exit_fullscreen();
                            on_exit.emit(());
                        }
                        None => {}
                    }
                },
            );
            move || drop(listener)
        });
    }
    // The browser leaves full screen on Escape itself (the key may never reach the page): leaving
    // full screen leaves the mode.
    {
        let (fullscreen, on_exit) = (fullscreen.clone(), props.on_exit.clone());
        use_effect_with(on_exit, move |on_exit| {
            let on_exit = on_exit.clone();
            let listener =
                EventListener::new(&gloo_utils::document(), "fullscreenchange", move |_| {
                    let now = is_fullscreen();
                    fullscreen.set(now);
                    if !now {
                        on_exit.emit(());
                    }
                });
            move || drop(listener)
        });
    }

    let r = &props.results;
    let scen_summary = r.scen.as_ref().and_then(|s| s.summary.clone());
    let comparing = r.scen.is_some();
    let (done, total) = (r.done(), r.total());
    let finished = total > 0 && done >= total;
    let count = props.variants.len();
    let current = active.map(|i| &props.variants[i]);
    let (title, description) = match current {
        Some(v) => (
            capitalized(lang.pick(&v.label.fr, &v.label.en)),
            lang.pick(&v.description.fr, &v.description.en).to_string(),
        ),
        None if count == 0 => (
            lang.pick("Situation de référence", "Baseline").to_string(),
            lang.pick(
                "Aucun scénario préparé pour ce territoire.",
                "No prepared scenario for this territory.",
            )
            .to_string(),
        ),
        None => (
            lang.pick("Situation de référence", "Baseline").to_string(),
            match lang {
                Lang::Fr => format!("Appuyez sur 1 à {count} pour présenter un scénario préparé."),
                Lang::En => format!("Press 1 to {count} to present a prepared scenario."),
            },
        ),
    };
    let position = active.map(|i| format!("{} / {count}", i + 1));

    // Millions of euros: « 30,1 » reads from the back of a room, « 30 144 484 » does not.
    let scale = |id: &str| if id == "cost_per_year" { 1e-6 } else { 1.0 };
    let value = |s: Option<&Rc<Summary>>, id: &str| {
        s.and_then(|s| s.headline(id))
            .and_then(|e| e.mean)
            .map(|m| format_num(lang, m * scale(id)))
            .unwrap_or_else(|| "…".into())
    };
    let scaled = |d: &Difference, id: &str| {
        let k = scale(id);
        let mut d = d.clone();
        let e = &mut d.difference;
        (e.mean, e.ci_low, e.ci_high) = (
            e.mean.map(|x| x * k),
            e.ci_low.map(|x| x * k),
            e.ci_high.map(|x| x * k),
        );
        d
    };
    let cards = WORKSHOP_HEADLINES.iter().filter_map(|id| {
        let h = HEADLINES.iter().find(|h| h.id == *id)?;
        let diff = r.comparison.as_ref().and_then(|c| c.difference(h.id));
        let tone_class = match diff.map(|d| tone(h.better, d)) {
            Some(1) => "good",
            Some(-1) => "bad",
            _ => "neutral",
        };
        Some(html! {
            <article class={classes!("ws-card", comparing.then_some(tone_class))} id={format!("ws-card-{}", h.id)}>
                <h3>{ lang.pick(h.fr, h.en) }<span class="ws-unit">{ format!(" ({})",
                    if h.id == "cost_per_year" { lang.pick("M€ / an", "M€ / year") } else { lang.pick(h.unit_fr, h.unit_en) }) }</span></h3>
                <dl class="ws-values">
                    <div><dt>{ lang.pick("Référence", "Baseline") }</dt>
                        <dd class="ws-base">{ value(r.base.summary.as_ref(), h.id) }</dd></div>
                    if comparing {
                        <div><dt>{ lang.pick("Scénario", "Scenario") }</dt>
                            <dd class="ws-scen">{ value(scen_summary.as_ref(), h.id) }</dd></div>
                    }
                </dl>
                if comparing {
                    <p class="ws-diff">{ diff.and_then(|d| difference_text(lang, &scaled(d, h.id))).unwrap_or_else(|| "…".into()) }</p>
                    <p class="ws-verdict">{ diff.map(|d| verdict(lang, h.better, d)).unwrap_or_default() }</p>
                }
            </article>
        })
    });
    let list = props.variants.iter().enumerate().map(|(i, v)| {
        let pressed = active == Some(i);
        let onclick = {
            let (on_variant, id) = (props.on_variant.clone(), v.id.clone());
            Callback::from(move |_: MouseEvent| on_variant.emit(Some(id.clone())))
        };
        html! {
            <li><button type="button" class={classes!("ws-pick", pressed.then_some("active"))}
                aria-pressed={pressed.to_string()} id={format!("ws-pick-{}", i + 1)} {onclick}>
                <kbd>{ i + 1 }</kbd>{ " " }{ capitalized(lang.pick(&v.label.fr, &v.label.en)) }
            </button></li>
        }
    });
    let exit = {
        let on_exit = props.on_exit.clone();
        Callback::from(move |_: MouseEvent| {
            exit_fullscreen();
            on_exit.emit(())
        })
    };
    let go_fullscreen = Callback::from(|_: MouseEvent| request_fullscreen());

    html! {
        <div class="workshop" id="workshop" ref={root} tabindex="-1" role="region"
            aria-label={lang.pick("Mode atelier", "Workshop mode")} data-active={active.map(|i| (i + 1).to_string())}>
            <header class="ws-head">
                <div class="ws-title">
                    <p class="ws-territory">{ props.territory.clone() }</p>
                    <h2><span class="ws-position" id="workshop-position" hidden={position.is_none()}>
                        { position.unwrap_or_default() }</span><span id="workshop-active">{ title }</span></h2>
                    <p class="ws-desc" id="workshop-description">{ description }</p>
                </div>
                <div class="ws-actions">
                    <div class="ws-buttons">
                        if !*fullscreen {
                            <button type="button" class="ws-button" id="workshop-fullscreen" onclick={go_fullscreen}>
                                { lang.pick("Plein écran", "Full screen") }</button>
                        }
                        <button type="button" class="ws-button" id="workshop-exit" onclick={exit}>
                            { lang.pick("Quitter (Échap)", "Leave (Esc)") }</button>
                    </div>
                    <p class="ws-keys">{ lang.pick("1 à 4 : choisir · ← → : précédent, suivant",
                        "1 to 4: choose · ← →: previous, next") }</p>
                </div>
            </header>
            <div class={classes!("ws-progress", finished.then_some("finished"))} role="status" aria-live="polite">
                <progress id="workshop-progress" max={total.to_string()} value={done.to_string()}
                    aria-label={lang.pick("Réplications calculées", "Replications computed")}></progress>
                <span id="workshop-progress-text" data-done={done.to_string()} data-total={total.to_string()}>
                    { replications_progress(lang, done, total) }
                    { if finished { lang.pick(" — terminé", " — done") } else { lang.pick(" — calcul en cours…", " — computing…") } }
                </span>
            </div>
            <section class="ws-cards" aria-label={lang.pick("Chiffres clés", "Key figures")}>{ for cards }</section>
            <section class="ws-diagram" aria-label={lang.pick("Le parcours", "The pathway")}>
                <Diagram {lang} scenario={props.scenario.clone()} summary={props.summary.clone()} />
            </section>
            <footer class="ws-foot">
                <ol class="ws-list" aria-label={lang.pick("Scénarios préparés", "Prepared scenarios")}>{ for list }</ol>
            </footer>
        </div>
    }
}

/// Removes `mode=atelier` from the address (keeping the rest and the fragment), so a reload after
/// leaving the workshop shows the normal page.
pub fn forget_mode_in_address() {
    let window = gloo_utils::window();
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    if params.get("mode").is_none() {
        return;
    }
    params.delete("mode");
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        },
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
