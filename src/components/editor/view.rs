//! Rendering of the editor: one `<details>` per section, every input labelled, with
//! `aria-invalid` and `aria-describedby` pointing at its error.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use parcours_core::editor::draft::{
    self as logic, display_number, field_id, format_number, get, get_f64, get_str, ids, items, keys,
};
use parcours_core::editor::{Action, EditorState, Empty, Num};
use parcours_core::i18n::engine::validation_message;
use parcours_core::i18n::{te, Ek, Lang};

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Ctx<'a> {
    lang: Lang,
    d: &'a Value,
    st: &'a EditorState,
    problems: BTreeMap<String, Vec<String>>,
    /// Paths whose problems were shown next to a field.
    shown: RefCell<BTreeSet<String>>,
    /// Problems shown in the section being rendered.
    in_section: Cell<usize>,
    scope: Cell<&'static str>,
    /// While rendering a group with a problem (a routes table whose sum is wrong): the id of that
    /// problem, added to the description of the group's number fields, which are marked invalid.
    group_problem: RefCell<Option<String>>,
    dispatch: Callback<Action>,
}

type Options = Vec<(String, String)>;

impl Ctx<'_> {
    fn t(&self, k: Ek) -> &'static str {
        te(self.lang, k)
    }

    fn id(&self, path: &str) -> String {
        field_id(self.scope.get(), path)
    }

    /// The problems at `path`, as a paragraph with id `<id>-err`; and that id if any.
    fn err(&self, path: &str, id: &str) -> (Option<String>, Html) {
        match self.problems.get(path) {
            Some(messages) => {
                if self.shown.borrow_mut().insert(path.to_string()) {
                    self.in_section.set(self.in_section.get() + messages.len());
                }
                let eid = format!("{id}-err");
                let html = html! {
                    <p class="ed-error" id={eid.clone()} data-path={path.to_string()}>
                        { messages.join(" ; ") }
                    </p>
                };
                (Some(eid), html)
            }
            None => (None, html! {}),
        }
    }

    fn field(
        &self,
        id: String,
        label: &str,
        unit: &str,
        invalid: bool,
        control: Html,
        err: Html,
    ) -> Html {
        html! {
            <div class={classes!("ed-field", invalid.then_some("invalid"))}>
                <label for={id}>{ label.to_string() }
                    if !unit.is_empty() { <span class="ed-unit">{ format!(" ({unit})") }</span> }
                </label>
                { control }
                { err }
            </div>
        }
    }

    fn num_with(&self, path: &str, label: &str, unit: &str, num: Num, empty: Empty) -> Html {
        let id = self.id(path);
        // Text as typed, unless the language changed since (and it is a valid number).
        let raw = self
            .st
            .raw
            .get(path)
            .filter(|(lang, _)| *lang == self.lang || self.st.local.contains_key(path))
            .map(|(_, text)| text.clone());
        let value = raw.unwrap_or_else(|| match (get_f64(self.d, path), empty) {
            (Some(x), _) => format_number(self.lang, x),
            (None, Empty::Remove(Some(x))) => format_number(self.lang, x),
            _ => String::new(),
        });
        let (mut desc, err) = self.err(path, &id);
        let field_invalid = desc.is_some();
        if let Some(group) = self.group_problem.borrow().clone() {
            desc = Some(desc.map_or(group.clone(), |d| format!("{d} {group}")));
        }
        let invalid = desc.is_some();
        let dispatch = self.dispatch.clone();
        let p = path.to_string();
        let lang = self.lang;
        let oninput = Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.emit(Action::Number {
                path: p.clone(),
                text,
                num,
                empty,
                lang,
            });
        });
        let mode = if num == Num::Real {
            "decimal"
        } else {
            "numeric"
        };
        let control = html! {
            <input type="text" inputmode={mode} id={id.clone()} {value} {oninput}
                data-path={path.to_string()} autocomplete="off"
                aria-invalid={invalid.to_string()} aria-describedby={desc} />
        };
        self.field(id, label, unit, field_invalid, control, err)
    }

    fn num(&self, path: &str, label: Ek, unit: Option<Ek>) -> Html {
        self.num_with(
            path,
            self.t(label),
            unit.map_or("", |u| self.t(u)),
            Num::Real,
            Empty::Required,
        )
    }

    fn int(&self, path: &str, label: Ek, unit: Option<Ek>) -> Html {
        self.num_with(
            path,
            self.t(label),
            unit.map_or("", |u| self.t(u)),
            Num::Unsigned,
            Empty::Required,
        )
    }

    /// A number with a default when missing.
    fn num_default(&self, path: &str, label: Ek, unit: Option<Ek>, default: f64) -> Html {
        self.num_with(
            path,
            self.t(label),
            unit.map_or("", |u| self.t(u)),
            Num::Real,
            Empty::Remove(Some(default)),
        )
    }

    /// A text field; `on_change` (committed when the field is left) or set on every input.
    fn text_with(&self, path: &str, label: &str, commit: Option<Callback<String>>) -> Html {
        let id = self.id(path);
        let value = get_str(self.d, path).to_string();
        let (desc, err) = self.err(path, &id);
        let invalid = desc.is_some();
        let control = match commit {
            Some(cb) => {
                let onchange = Callback::from(move |e: Event| {
                    cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
                });
                html! {
                    <input type="text" id={id.clone()} {value} {onchange} data-path={path.to_string()}
                        autocomplete="off" spellcheck="false"
                        aria-invalid={invalid.to_string()} aria-describedby={desc} />
                }
            }
            None => {
                let dispatch = self.dispatch.clone();
                let p = path.to_string();
                let oninput = Callback::from(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                    dispatch.emit(Action::Set {
                        path: p.clone(),
                        value: Value::String(text),
                    });
                });
                html! {
                    <input type="text" id={id.clone()} {value} {oninput} data-path={path.to_string()}
                        autocomplete="off"
                        aria-invalid={invalid.to_string()} aria-describedby={desc} />
                }
            }
        };
        self.field(id, label, "", invalid, control, err)
    }

    fn text(&self, path: &str, label: Ek) -> Html {
        self.text_with(path, self.t(label), None)
    }

    /// A select whose choice is turned into an action (`None`: the empty first option).
    fn select_with(
        &self,
        path: &str,
        label: &str,
        current: &str,
        options: &[(String, String)],
        on: Callback<String>,
    ) -> Html {
        let id = self.id(path);
        let (desc, err) = self.err(path, &id);
        let invalid = desc.is_some();
        let mut opts = options.to_vec();
        if !opts.iter().any(|(v, _)| v == current) {
            opts.insert(0, (current.to_string(), format!("{current} ?")));
        }
        let onchange = Callback::from(move |e: Event| on.emit(select_value(&e)));
        let control = html! {
            <select id={id.clone()} {onchange} data-path={path.to_string()}
                aria-invalid={invalid.to_string()} aria-describedby={desc}>
                { for opts.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={v == current}>{ l.clone() }</option>
                }) }
            </select>
        };
        self.field(id, label, "", invalid, control, err)
    }

    /// A select setting the string at `path`.
    fn select(&self, path: &str, label: &str, options: &[(String, String)]) -> Html {
        let dispatch = self.dispatch.clone();
        let p = path.to_string();
        let on = Callback::from(move |v: String| {
            dispatch.emit(Action::Set {
                path: p.clone(),
                value: Value::String(v),
            })
        });
        self.select_with(path, label, get_str(self.d, path), options, on)
    }

    fn checkbox(&self, path: &str, label: &str, checked: bool, on: Callback<bool>) -> Html {
        let id = self.id(path);
        let (desc, err) = self.err(path, &id);
        let invalid = desc.is_some();
        let onchange = Callback::from(move |e: Event| {
            on.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        });
        html! {
            <div class={classes!("ed-check", invalid.then_some("invalid"))}>
                <input type="checkbox" id={id.clone()} {checked} {onchange}
                    data-path={path.to_string()}
                    aria-invalid={invalid.to_string()} aria-describedby={desc} />
                <label for={id}>{ label.to_string() }</label>
                { err }
            </div>
        }
    }

    fn button(&self, label: String, action: Action, class: &'static str) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()));
        html! { <button type="button" class={classes!("ed-button", class)} {onclick}>{ label }</button> }
    }

    /// A removal button showing `text`; its accessible name says what it removes.
    fn remove_with(&self, what: &str, action: Action, text: Ek) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()));
        html! {
            <button type="button" class="ed-button ed-remove" {onclick}
                aria-label={format!("{} : {what}", self.t(Ek::Remove))}>
                { format!("✕ {}", self.t(text)) }
            </button>
        }
    }

    /// « Supprimer cette entrée » for a per-type entry; the accessible name names the type.
    fn remove_entry(&self, what: &str, path: &str) -> Html {
        self.remove_with(what, Action::Remove { path: path.into() }, Ek::RemoveEntry)
    }

    /// A « Supprimer » button whose accessible name says what it removes.
    fn remove_button(&self, what: &str, path: &str) -> Html {
        self.remove_with(what, Action::Remove { path: path.into() }, Ek::Remove)
    }

    fn add_button(&self, label: Ek, path: &str, value: Value) -> Html {
        self.button(
            format!("+ {}", self.t(label)),
            Action::Push {
                path: path.into(),
                value,
            },
            "ed-add",
        )
    }

    /// Problems about a whole group (a table, a mix), shown under it.
    fn group_err(&self, path: &str) -> Html {
        let id = self.id(path);
        self.err(path, &id).1
    }

    fn type_ids(&self) -> Vec<String> {
        ids(self.d, "household_types")
    }

    fn label_of(&self, item: &Value) -> String {
        let id = get_str(item, "id");
        let l = self
            .lang
            .pick(get_str(item, "label.fr"), get_str(item, "label.en"));
        if l.is_empty() || l == id {
            id.to_string()
        } else {
            format!("{l} ({id})")
        }
    }

    fn type_options(&self) -> Options {
        items(self.d, "household_types")
            .iter()
            .map(|t| (get_str(t, "id").to_string(), self.label_of(t)))
            .collect()
    }

    fn stage_options(&self) -> Options {
        items(self.d, "stages")
            .iter()
            .map(|t| (get_str(t, "id").to_string(), self.label_of(t)))
            .collect()
    }

    fn dest_options(&self) -> Options {
        let mut o = self.stage_options();
        o.extend(
            items(self.d, "exits")
                .iter()
                .map(|t| (get_str(t, "id").to_string(), self.label_of(t))),
        );
        o
    }

    fn key_label(&self, key: &str) -> String {
        if key == parcours_engine::DEFAULT_KEY {
            return self.t(Ek::DefaultKey).to_string();
        }
        items(self.d, "household_types")
            .iter()
            .find(|t| get_str(t, "id") == key)
            .map_or_else(|| key.to_string(), |t| self.label_of(t))
    }

    /// Keys of a per-type table in the types' order, then `default`, then unknown keys.
    fn per_type_keys(&self, path: &str) -> (Vec<String>, Vec<String>) {
        let present = keys(self.d, path);
        let types = self.type_ids();
        let mut ordered: Vec<String> = types
            .iter()
            .filter(|t| present.contains(t))
            .cloned()
            .collect();
        if present.iter().any(|k| k == parcours_engine::DEFAULT_KEY) {
            ordered.push(parcours_engine::DEFAULT_KEY.into());
        }
        for k in &present {
            if !ordered.contains(k) {
                ordered.push(k.clone());
            }
        }
        let mut missing: Vec<String> = types.into_iter().filter(|t| !present.contains(t)).collect();
        if !present.iter().any(|k| k == parcours_engine::DEFAULT_KEY) {
            missing.push(parcours_engine::DEFAULT_KEY.into());
        }
        (ordered, missing)
    }

    /// Buttons adding an entry of a per-type table for each type without one.
    fn add_entries(&self, path: &str, missing: &[String], value: Value) -> Html {
        if missing.is_empty() {
            return html! {};
        }
        html! {
            <div class="ed-add-entries">
                { for missing.iter().map(|k| self.button(
                    format!("+ {} {}", self.t(Ek::AddEntryFor), self.key_label(k)),
                    Action::Set { path: format!("{path}.{k}"), value: value.clone() },
                    "ed-add",
                )) }
            </div>
        }
    }

    /// A section: `<details>` with a summary that counts its problems.
    fn section(&self, scope: &'static str, title: Ek, body: impl FnOnce(&Self) -> Html) -> Html {
        self.scope.set(scope);
        self.in_section.set(0);
        let body = body(self);
        let n = self.in_section.get();
        html! {
            <details class="ed-section" id={format!("ed-sec-{scope}")}>
                <summary>
                    <span class="ed-section-title">{ self.t(title) }</span>
                    if n > 0 {
                        <span class="ed-badge">{ format!(" — {n} {}", self.t(Ek::Problems)) }</span>
                    }
                </summary>
                <div class="ed-section-body">{ body }</div>
            </details>
        }
    }

    /// A routes table (destination + probability) at `path` with its live sum.
    fn routes(&self, path: &str, caption: &str) -> Html {
        let rows = items(self.d, path);
        let dests = self.dest_options();
        let sum = logic::route_sum(rows);
        let ok = logic::sums_to_one(sum);
        let first = dests.first().map(|d| d.0.clone()).unwrap_or_default();
        let sum_id = format!("{}-sum", self.id(path));
        let group_err = self.group_err(path);
        if self.problems.contains_key(path) {
            *self.group_problem.borrow_mut() = Some(format!("{}-err", self.id(path)));
        }
        let body = html! {
                    <tbody>
                    { for rows.iter().enumerate().map(|(j, _)| {
                        let rp = format!("{path}[{j}]");
                        html! { <tr>
                            <td>{ self.select(&format!("{rp}.to"),
                                &format!("{} {} — {caption}", self.t(Ek::Destination), j + 1), &dests) }</td>
                            <td>{ self.num_with(&format!("{rp}.p"),
                                &format!("{} {} — {caption}", self.t(Ek::Probability), j + 1), "",
                                Num::Real, Empty::Required) }</td>
                            <td>{ self.remove_button(&format!("{} {}", self.t(Ek::Destination), j + 1), &rp) }</td>
                        </tr> }
                    }) }
                    </tbody>
        };
        *self.group_problem.borrow_mut() = None;
        html! {
            <div class="ed-routes" role="group" aria-label={caption.to_string()}>
                <p class="ed-group-title">{ caption.to_string() }</p>
                <table class="ed-table">
                    <thead><tr>
                        <th scope="col">{ self.t(Ek::Destination) }</th>
                        <th scope="col">{ self.t(Ek::Probability) }</th>
                        <th scope="col"><span class="sr-only">{ self.t(Ek::Remove) }</span></th>
                    </tr></thead>
                    { body }
                </table>
                <p class={classes!("ed-sum", (!ok).then_some("bad"))} id={sum_id}
                    aria-live="polite" data-sum={sum.to_string()}>
                    { format!("{} : {}", self.t(Ek::Sum), display_number(self.lang, sum, 6)) }
                </p>
                { group_err }
                { self.add_button(Ek::AddRoute, path, json!({"to": first, "p": 0.0})) }
            </div>
        }
    }

    /// A type → share mix at `path`, one field per type, with its live sum.
    fn mix(&self, path: &str) -> Html {
        let mut keys_ = self.type_ids();
        for k in keys(self.d, path) {
            if !keys_.contains(&k) {
                keys_.push(k);
            }
        }
        let sum = logic::mix_sum(get(self.d, path));
        html! {
            <fieldset class="ed-mix">
                <legend>{ self.t(Ek::Mix) }</legend>
                <div class="ed-grid">
                { for keys_.iter().map(|k| self.num_with(&format!("{path}.{k}"), &self.key_label(k),
                    "", Num::Real, Empty::Remove(None))) }
                </div>
                <p class={classes!("ed-sum", (!logic::sums_to_one(sum)).then_some("bad"))}>
                    { format!("{} : {}", self.t(Ek::Sum), display_number(self.lang, sum, 6)) }
                </p>
                { self.group_err(path) }
            </fieldset>
        }
    }
}

pub fn render(st: &EditorState, lang: Lang, dispatch: Callback<Action>) -> Html {
    let cx = Ctx {
        lang,
        d: &st.draft,
        st,
        problems: st.problems(lang),
        shown: RefCell::default(),
        in_section: Cell::new(0),
        scope: Cell::new("top"),
        group_problem: RefCell::new(None),
        dispatch,
    };
    let sections = [
        cx.section("territory", Ek::SecTerritory, territory),
        cx.section("types", Ek::SecTypes, household_types),
        cx.section("arrivals", Ek::SecArrivals, arrivals),
        cx.section("waiting", Ek::SecWaiting, waiting_list),
        cx.section("stages", Ek::SecStages, stages),
        cx.section("exits", Ek::SecExits, exits),
        cx.section("pools", Ek::SecPools, pools),
        cx.section("prevention", Ek::SecPrevention, prevention),
        cx.section("dalo", Ek::SecDalo, dalo),
        cx.section("costs", Ek::SecCosts, costs),
        cx.section("initial", Ek::SecInitial, initial_state),
        cx.section("json", Ek::SecJson, json_box),
    ];
    let shown = cx.shown.borrow();
    let others: Vec<(&String, &Vec<String>)> = cx
        .problems
        .iter()
        .filter(|(p, _)| !shown.contains(*p))
        .collect();
    let count: usize = cx.problems.values().map(Vec::len).sum();
    let valid = st.is_valid();
    html! {
        <section class="editor" id="editor" aria-labelledby="editor-title">
            <h2 id="editor-title">{ te(lang, Ek::Title) }</h2>
            <p class="help">{ te(lang, Ek::Intro) }</p>
            <p id="editor-status" class={classes!("ed-status", if valid { "ok" } else { "bad" })}
                role="status" aria-live="polite" data-valid={valid.to_string()}>
                { if valid { te(lang, Ek::Valid).to_string() }
                  else { format!("{} ({count} {})", te(lang, Ek::Invalid), te(lang, Ek::Problems)) } }
            </p>
            if !others.is_empty() {
                <div class="ed-summary" id="editor-other-problems">
                    <p class="ed-group-title">{ te(lang, Ek::OtherProblems) }</p>
                    <ul>
                    { for others.iter().map(|(p, ms)| html! {
                        <li><code>{ (*p).clone() }</code>{ " : " }{ ms.join(" ; ") }</li>
                    }) }
                    </ul>
                </div>
            }
            { for sections }
        </section>
    }
}

fn territory(cx: &Ctx) -> Html {
    let months: Options = (1..=12)
        .map(|m| {
            let name = match cx.lang {
                Lang::Fr => MONTHS_FR[m - 1],
                Lang::En => MONTHS_EN[m - 1],
            };
            (m.to_string(), name.to_string())
        })
        .collect();
    let month = get_f64(cx.d, "start.month").unwrap_or(1.0).to_string();
    let dispatch = cx.dispatch.clone();
    let on_month = Callback::from(move |v: String| {
        let m: u64 = v.parse().unwrap_or(1);
        dispatch.emit(Action::Set {
            path: "start.month".into(),
            value: json!(m),
        })
    });
    html! { <div class="ed-grid">
        { cx.text("name.fr", Ek::NameFr) }
        { cx.text("name.en", Ek::NameEn) }
        { cx.text("territory.code", Ek::TerritoryCode) }
        { cx.text("territory.name", Ek::TerritoryName) }
        { cx.num_with("territory.population", cx.t(Ek::Population), cx.t(Ek::Inhabitants), Num::Real, Empty::Null) }
        { cx.num_with("start.year", cx.t(Ek::StartYear), "", Num::Signed, Empty::Required) }
        { cx.select_with("start.month", cx.t(Ek::StartMonth), &month, &months, on_month) }
        { cx.num("horizon_months", Ek::Horizon, Some(Ek::UnitMonths)) }
        { cx.num_default("warmup_months", Ek::Warmup, Some(Ek::UnitMonths), 0.0) }
        { cx.num_with("reporting_period_days", cx.t(Ek::ReportingPeriod), cx.t(Ek::UnitDays), Num::Real, Empty::Null) }
    </div> }
}

fn household_types(cx: &Ctx) -> Html {
    let types = items(cx.d, "household_types");
    let taken = cx.type_ids();
    let new_id = logic::fresh_id("type", &taken);
    html! { <>
        <p class="help">{ cx.t(Ek::IdHelp) }</p>
        { cx.group_err("household_types") }
        { for types.iter().enumerate().map(|(i, t)| {
            let p = format!("household_types[{i}]");
            let old = get_str(t, "id").to_string();
            let dispatch = cx.dispatch.clone();
            let rename = Callback::from(move |new: String| dispatch.emit(Action::RenameType { old: old.clone(), new }));
            html! { <div class="ed-item ed-grid">
                { cx.text_with(&format!("{p}.id"), cx.t(Ek::Id), Some(rename)) }
                { cx.text(&format!("{p}.label.fr"), Ek::LabelFr) }
                { cx.text(&format!("{p}.label.en"), Ek::LabelEn) }
                { cx.remove_with(&cx.label_of(t), Action::RemoveType(i), Ek::Remove) }
            </div> }
        }) }
        { cx.add_button(Ek::AddType, "household_types",
            json!({"id": new_id, "label": {"fr": new_id, "en": new_id}})) }
    </> }
}

fn arrivals(cx: &Ctx) -> Html {
    let streams = items(cx.d, "arrivals");
    let new_id = logic::fresh_id("stream", &ids(cx.d, "arrivals"));
    let first_type = cx.type_ids().first().cloned().unwrap_or_default();
    html! { <>
        { cx.group_err("arrivals") }
        { for streams.iter().enumerate().map(|(i, a)| {
            let p = format!("arrivals[{i}]");
            let seasonal = a.get("seasonality").is_some_and(|s| !s.is_null());
            let dispatch = cx.dispatch.clone();
            let sp = format!("{p}.seasonality");
            let toggle = Callback::from(move |on: bool| dispatch.emit(Action::Set {
                path: sp.clone(),
                value: if on { json!(vec![1.0; 12]) } else { Value::Null },
            }));
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(a) }</legend>
                <div class="ed-grid">
                    { cx.text(&format!("{p}.id"), Ek::Id) }
                    { cx.text(&format!("{p}.label.fr"), Ek::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Ek::LabelEn) }
                    { cx.num(&format!("{p}.rate_per_month"), Ek::RatePerMonth, None) }
                    { cx.num_default(&format!("{p}.trend_percent_per_year"), Ek::Trend, Some(Ek::UnitPercentYear), 0.0) }
                </div>
                <div class="ed-sub">
                    <p class="ed-group-title">{ cx.t(Ek::Schedule) }</p>
                    { for items(cx.d, &format!("{p}.schedule")).iter().enumerate().map(|(j, _)| {
                        let rp = format!("{p}.schedule[{j}]");
                        html! { <div class="ed-row">
                            { cx.num(&format!("{rp}.from_month"), Ek::FromMonth, None) }
                            { cx.num(&format!("{rp}.rate_per_month"), Ek::RatePerMonth, None) }
                            { cx.remove_button(&format!("{} {}", cx.t(Ek::Schedule), j + 1), &rp) }
                        </div> }
                    }) }
                    { cx.group_err(&format!("{p}.schedule")) }
                    { cx.add_button(Ek::AddPeriod, &format!("{p}.schedule"),
                        json!({"from_month": 12.0, "rate_per_month": get_f64(a, "rate_per_month").unwrap_or(0.0)})) }
                </div>
                <div class="ed-sub">
                    { cx.checkbox(&format!("{p}.seasonality"), cx.t(Ek::SeasonalityOn), seasonal, toggle) }
                    if seasonal {
                        <div class="ed-grid ed-months" role="group" aria-label={cx.t(Ek::Seasonality)}>
                        { for (0..12).map(|m| cx.num_with(&format!("{p}.seasonality[{m}]"),
                            match cx.lang { Lang::Fr => MONTHS_FR[m], Lang::En => MONTHS_EN[m] },
                            "", Num::Real, Empty::Required)) }
                        </div>
                    }
                </div>
                { cx.mix(&format!("{p}.mix")) }
                { cx.remove_button(&cx.label_of(a), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Ek::AddStream, "arrivals", json!({"id": new_id,
            "label": {"fr": new_id, "en": new_id}, "rate_per_month": 0.0, "mix": {first_type: 1.0}})) }
    </> }
}

fn waiting_list(cx: &Ctx) -> Html {
    let exits: Options = items(cx.d, "exits")
        .iter()
        .map(|e| (get_str(e, "id").to_string(), cx.label_of(e)))
        .collect();
    let stages = cx.stage_options();
    let first_stage = stages.first().map(|s| s.0.clone()).unwrap_or_default();
    let op = "waiting_list.orientation";
    let (present, missing) = cx.per_type_keys(op);
    html! { <>
        <div class="ed-grid">
            { cx.num("waiting_list.abandonment_per_month", Ek::Abandonment, Some(Ek::UnitPerMonth)) }
            { cx.select("waiting_list.abandonment_exit", cx.t(Ek::AbandonmentExit), &exits) }
        </div>
        <p class="ed-group-title">{ cx.t(Ek::Orientation) }</p>
        { cx.group_err(op) }
        { for present.iter().map(|k| {
            let kp = format!("{op}.{k}");
            let list = items(cx.d, &kp);
            let n = list.len();
            html! { <fieldset class="ed-item">
                <legend>{ cx.key_label(k) }</legend>
                <ol class="ed-list">
                { for (0..n).map(|j| html! { <li class="ed-row">
                    { cx.select(&format!("{kp}[{j}]"), &format!("{} {} — {}", cx.t(Ek::Stage), j + 1, cx.key_label(k)), &stages) }
                    if j > 0 { { cx.button(format!("↑ {} {}", cx.t(Ek::MoveUp), j + 1), Action::Move { path: kp.clone(), index: j, up: true }, "ed-move") } }
                    if j + 1 < n { { cx.button(format!("↓ {} {}", cx.t(Ek::MoveDown), j + 1), Action::Move { path: kp.clone(), index: j, up: false }, "ed-move") } }
                    { cx.remove_button(&format!("{} {}", cx.t(Ek::Stage), j + 1), &format!("{kp}[{j}]")) }
                </li> }) }
                </ol>
                { cx.group_err(&kp) }
                { cx.add_button(Ek::AddStageToList, &kp, json!(first_stage)) }
                { cx.remove_entry(&cx.key_label(k), &kp) }
            </fieldset> }
        }) }
        { cx.add_entries(op, &missing, json!([first_stage])) }
    </> }
}

fn stages(cx: &Ctx) -> Html {
    let list = items(cx.d, "stages");
    let taken: Vec<String> = ids(cx.d, "stages")
        .into_iter()
        .chain(ids(cx.d, "exits"))
        .collect();
    let first_exit = ids(cx.d, "exits").first().cloned().unwrap_or_default();
    let new_id = logic::fresh_id("stage", &taken);
    html! { <>
        { cx.group_err("stages") }
        { for list.iter().enumerate().map(|(i, s)| stage(cx, i, s, &first_exit)) }
        <div class="ed-row">
            { cx.add_button(Ek::AddPlacesStage, "stages", logic::new_stage(&new_id, "places", &first_exit)) }
            { cx.add_button(Ek::AddAllocationStage, "stages", logic::new_stage(&new_id, "allocation", &first_exit)) }
        </div>
    </> }
}

fn stage(cx: &Ctx, i: usize, s: &Value, first_exit: &str) -> Html {
    let p = format!("stages[{i}]");
    let before = cx.in_section.get();
    let kind = get_str(s, "kind").to_string();
    let old = get_str(s, "id").to_string();
    let dispatch = cx.dispatch.clone();
    let rename = Callback::from(move |new: String| {
        dispatch.emit(Action::RenameDest {
            old: old.clone(),
            new,
        })
    });
    let kinds: Options = vec![
        ("places".into(), cx.t(Ek::KindPlaces).into()),
        ("allocation".into(), cx.t(Ek::KindAllocation).into()),
    ];
    let on_kind = {
        let (dispatch, s, p, fe) = (
            cx.dispatch.clone(),
            s.clone(),
            p.clone(),
            first_exit.to_string(),
        );
        Callback::from(move |k: String| {
            let mut st = s.clone();
            logic::set_stage_kind(&mut st, &k, &fe);
            dispatch.emit(Action::Set {
                path: p.clone(),
                value: st,
            })
        })
    };
    let queues: Options = vec![
        ("fcfs".into(), cx.t(Ek::QueueFcfs).into()),
        ("dalo_priority".into(), cx.t(Ek::QueueDalo).into()),
    ];
    let body = html! { <>
        <div class="ed-grid">
            { cx.text_with(&format!("{p}.id"), cx.t(Ek::Id), Some(rename)) }
            { cx.text(&format!("{p}.label.fr"), Ek::LabelFr) }
            { cx.text(&format!("{p}.label.en"), Ek::LabelEn) }
            { cx.select_with(&format!("{p}.kind"), cx.t(Ek::Kind), &kind, &kinds, on_kind) }
            { cx.select(&format!("{p}.queue"), cx.t(Ek::Queue), &queues) }
        </div>
        { accepts(cx, &p, s) }
        if kind == "places" { { place_fields(cx, &p, s) } } else { { allocation_fields(cx, &p) } }
        { cx.remove_button(&cx.label_of(s), &p) }
    </> };
    let n = cx.in_section.get() - before;
    html! {
        <details class="ed-item ed-stage" id={format!("ed-stage-{i}")}>
            <summary>{ cx.label_of(s) }
                if n > 0 { <span class="ed-badge">{ format!(" — {n} {}", cx.t(Ek::Problems)) }</span> }
            </summary>
            { body }
        </details>
    }
}

fn accepts(cx: &Ctx, p: &str, s: &Value) -> Html {
    let ap = format!("{p}.accepts");
    let list: Option<Vec<String>> = s.get("accepts").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    });
    let all = list.is_none();
    let types = cx.type_ids();
    let on_all = {
        let (dispatch, ap, types) = (cx.dispatch.clone(), ap.clone(), types.clone());
        Callback::from(move |on: bool| {
            dispatch.emit(if on {
                Action::Remove { path: ap.clone() }
            } else {
                Action::Set {
                    path: ap.clone(),
                    value: json!(types),
                }
            })
        })
    };
    html! {
        <fieldset class="ed-sub">
            <legend>{ cx.t(Ek::Accepts) }</legend>
            { cx.checkbox(&format!("{ap}.all"), cx.t(Ek::AllTypes), all, on_all) }
            if let Some(list) = &list {
                <div class="ed-grid">
                { for types.iter().map(|t| {
                    let on = {
                        let (dispatch, ap, list, t) = (cx.dispatch.clone(), ap.clone(), list.clone(), t.clone());
                        Callback::from(move |checked: bool| {
                            let mut l = list.clone();
                            l.retain(|x| *x != t);
                            if checked { l.push(t.clone()); }
                            dispatch.emit(Action::Set { path: ap.clone(), value: json!(l) })
                        })
                    };
                    cx.checkbox(&format!("{ap}.{t}"), &cx.key_label(t), list.contains(t), on)
                }) }
                </div>
                { for list.iter().enumerate().map(|(j, _)| cx.group_err(&format!("{ap}[{j}]"))) }
            }
            { cx.group_err(&ap) }
        </fieldset>
    }
}

fn place_fields(cx: &Ctx, p: &str, s: &Value) -> Html {
    let clocks: Options = vec![
        ("none".into(), cx.t(Ek::ClockNone).into()),
        ("shelter".into(), cx.t(Ek::ClockShelter).into()),
        ("temporary_housing".into(), cx.t(Ek::ClockTemp).into()),
    ];
    let housing = s
        .get("counts_as_housing")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let on_housing = {
        let (dispatch, hp) = (cx.dispatch.clone(), format!("{p}.counts_as_housing"));
        Callback::from(move |on: bool| {
            dispatch.emit(if on {
                Action::Set {
                    path: hp.clone(),
                    value: json!(true),
                }
            } else {
                Action::Remove { path: hp.clone() }
            })
        })
    };
    let dists: Options = vec![
        ("exponential".into(), cx.t(Ek::DistExp).into()),
        ("lognormal".into(), cx.t(Ek::DistLognormal).into()),
        ("gamma".into(), cx.t(Ek::DistGamma).into()),
        ("fixed".into(), cx.t(Ek::DistFixed).into()),
    ];
    let cp = format!("{p}.capacity_changes");
    let stay_p = format!("{p}.stay");
    let routes_p = format!("{p}.routes");
    let (stay_keys, stay_missing) = cx.per_type_keys(&stay_p);
    let (route_keys, route_missing) = cx.per_type_keys(&routes_p);
    let blocked = s.get("max_blocked_days").is_some_and(|x| !x.is_null());
    html! { <>
        <div class="ed-grid">
            { cx.int(&format!("{p}.places"), Ek::Places, None) }
            { cx.num_with(&format!("{p}.winter_places"), cx.t(Ek::WinterPlaces), "", Num::Unsigned, Empty::Remove(Some(0.0))) }
            { cx.select(&format!("{p}.dalo_clock"), cx.t(Ek::DaloClock), &clocks) }
            { cx.num_default(&format!("{p}.cost_per_place_day"), Ek::CostPerPlaceDay, Some(Ek::UnitEuros), 0.0) }
            { cx.num_with(&format!("{p}.max_blocked_days"), cx.t(Ek::MaxBlockedDays), cx.t(Ek::UnitDays), Num::Real, Empty::Remove(None)) }
        </div>
        { cx.checkbox(&format!("{p}.counts_as_housing"), cx.t(Ek::CountsAsHousing), housing, on_housing) }
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Ek::CapacityChanges) }</p>
            { for items(cx.d, &cp).iter().enumerate().map(|(j, _)| {
                let rp = format!("{cp}[{j}]");
                html! { <div class="ed-row">
                    { cx.num(&format!("{rp}.day"), Ek::Day, None) }
                    { cx.num_with(&format!("{rp}.places"), cx.t(Ek::PlacesChange), "", Num::Signed, Empty::Required) }
                    { cx.remove_button(&format!("{} {}", cx.t(Ek::CapacityChanges), j + 1), &rp) }
                </div> }
            }) }
            { cx.group_err(&cp) }
            { cx.add_button(Ek::AddChange, &cp, json!({"day": 0.0, "places": 0})) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Ek::Stay) }</p>
            { cx.group_err(&stay_p) }
            { for stay_keys.iter().map(|k| {
                let kp = format!("{stay_p}.{k}");
                let law = get(cx.d, &kp).cloned().unwrap_or(Value::Null);
                let dist = get_str(&law, "distribution").to_string();
                let on_dist = {
                    let (dispatch, kp, law) = (cx.dispatch.clone(), kp.clone(), law.clone());
                    Callback::from(move |d: String| dispatch.emit(Action::Set {
                        path: kp.clone(), value: logic::convert_stay(&law, &d) }))
                };
                let who = cx.key_label(k);
                html! { <div class="ed-row ed-stay">
                    { cx.select_with(&format!("{kp}.distribution"), &format!("{} — {who}", cx.t(Ek::Distribution)), &dist, &dists, on_dist) }
                    if dist == "fixed" {
                        { cx.num_with(&format!("{kp}.days"), &format!("{} — {who}", cx.t(Ek::Days)), cx.t(Ek::UnitDays), Num::Real, Empty::Required) }
                    } else {
                        { cx.num_with(&format!("{kp}.mean_days"), &format!("{} — {who}", cx.t(Ek::MeanDays)), cx.t(Ek::UnitDays), Num::Real, Empty::Required) }
                    }
                    if dist == "lognormal" || dist == "gamma" {
                        { cx.num_with(&format!("{kp}.cv"), &format!("{} — {who}", cx.t(Ek::Cv)), "", Num::Real, Empty::Required) }
                    }
                    { cx.remove_entry(&who, &kp) }
                </div> }
            }) }
            { cx.add_entries(&stay_p, &stay_missing, json!({"distribution": "exponential", "mean_days": 30.0})) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Ek::Routes) }</p>
            { cx.group_err(&routes_p) }
            { for route_keys.iter().map(|k| {
                let kp = format!("{routes_p}.{k}");
                html! { <div class="ed-keyed">
                    { cx.routes(&kp, &cx.key_label(k)) }
                    { cx.remove_entry(&cx.key_label(k), &kp) }
                </div> }
            }) }
            { cx.add_entries(&routes_p, &route_missing, json!([{"to": first_exit_of(cx), "p": 1.0}])) }
        </div>
        if blocked {
            <div class="ed-sub">{ cx.routes(&format!("{p}.alternative"), cx.t(Ek::Alternative)) }</div>
        }
    </> }
}

fn first_exit_of(cx: &Ctx) -> String {
    ids(cx.d, "exits").first().cloned().unwrap_or_default()
}

fn allocation_fields(cx: &Ctx, p: &str) -> Html {
    let up = format!("{p}.unit_changes");
    html! { <>
        <div class="ed-grid">
            { cx.num(&format!("{p}.units_per_month"), Ek::UnitsPerMonth, None) }
            { cx.num_default(&format!("{p}.tenancy_failure_per_year"), Ek::TenancyFailure, Some(Ek::UnitPerYear), 0.0) }
            { cx.num_default(&format!("{p}.cost_per_allocation"), Ek::CostPerAllocation, Some(Ek::UnitEuros), 0.0) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Ek::UnitChanges) }</p>
            { for items(cx.d, &up).iter().enumerate().map(|(j, _)| {
                let rp = format!("{up}[{j}]");
                html! { <div class="ed-row">
                    { cx.num(&format!("{rp}.day"), Ek::Day, None) }
                    { cx.num(&format!("{rp}.units_per_month"), Ek::UnitsPerMonth, None) }
                    { cx.remove_button(&format!("{} {}", cx.t(Ek::UnitChanges), j + 1), &rp) }
                </div> }
            }) }
            { cx.group_err(&up) }
            { cx.add_button(Ek::AddChange, &up, json!({"day": 0.0, "units_per_month": 0.0})) }
        </div>
    </> }
}

fn exits(cx: &Ctx) -> Html {
    let kinds: Options = vec![
        ("housed".into(), cx.t(Ek::ExitHoused).into()),
        ("private_or_family".into(), cx.t(Ek::ExitPrivate).into()),
        ("street".into(), cx.t(Ek::ExitStreet).into()),
        ("other".into(), cx.t(Ek::ExitOther).into()),
    ];
    let taken: Vec<String> = ids(cx.d, "stages")
        .into_iter()
        .chain(ids(cx.d, "exits"))
        .collect();
    let new_id = logic::fresh_id("exit", &taken);
    html! { <>
        { cx.group_err("exits") }
        { for items(cx.d, "exits").iter().enumerate().map(|(i, e)| {
            let p = format!("exits[{i}]");
            let old = get_str(e, "id").to_string();
            let dispatch = cx.dispatch.clone();
            let rename = Callback::from(move |new: String| dispatch.emit(Action::RenameDest { old: old.clone(), new }));
            let comeback = e.get("comeback").is_some_and(|c| !c.is_null());
            let on_comeback = {
                let (dispatch, cp) = (cx.dispatch.clone(), format!("{p}.comeback"));
                Callback::from(move |on: bool| dispatch.emit(if on {
                    Action::Set { path: cp.clone(), value: json!({"probability": 0.0, "mean_months": 3.0}) }
                } else {
                    Action::Remove { path: cp.clone() }
                }))
            };
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(e) }</legend>
                <div class="ed-grid">
                    { cx.text_with(&format!("{p}.id"), cx.t(Ek::Id), Some(rename)) }
                    { cx.text(&format!("{p}.label.fr"), Ek::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Ek::LabelEn) }
                    { cx.select(&format!("{p}.kind"), cx.t(Ek::ExitKind), &kinds) }
                </div>
                { cx.checkbox(&format!("{p}.comeback"), cx.t(Ek::Comeback), comeback, on_comeback) }
                if comeback {
                    <div class="ed-grid">
                        { cx.num(&format!("{p}.comeback.probability"), Ek::ComebackProbability, Some(Ek::UnitShare)) }
                        { cx.num(&format!("{p}.comeback.mean_months"), Ek::ComebackMonths, Some(Ek::UnitMonths)) }
                    </div>
                }
                { cx.remove_button(&cx.label_of(e), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Ek::AddExit, "exits", json!({"id": new_id, "label": {"fr": new_id, "en": new_id}, "kind": "other"})) }
    </> }
}

fn pools(cx: &Ctx) -> Html {
    let when: Options = vec![
        ("unaccompanied".into(), cx.t(Ek::WhenFullUnacc).into()),
        ("wait".into(), cx.t(Ek::WhenFullWait).into()),
    ];
    let stages = cx.stage_options();
    let mut dests = vec![(String::new(), cx.t(Ek::NoneOption).to_string())];
    dests.extend(cx.dest_options());
    let new_id = logic::fresh_id("pool", &ids(cx.d, "accompaniment"));
    html! { <>
        { cx.group_err("accompaniment") }
        { for items(cx.d, "accompaniment").iter().enumerate().map(|(i, pool)| {
            let p = format!("accompaniment[{i}]");
            let attached: Vec<String> = items(cx.d, &format!("{p}.stages")).iter()
                .filter_map(Value::as_str).map(str::to_string).collect();
            let shift = get_str(pool, "shift_to").to_string();
            let on_shift = {
                let (dispatch, sp) = (cx.dispatch.clone(), format!("{p}.shift_to"));
                Callback::from(move |v: String| dispatch.emit(if v.is_empty() {
                    Action::Remove { path: sp.clone() }
                } else {
                    Action::Set { path: sp.clone(), value: json!(v) }
                }))
            };
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(pool) }</legend>
                <div class="ed-grid">
                    { cx.text(&format!("{p}.id"), Ek::Id) }
                    { cx.text(&format!("{p}.label.fr"), Ek::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Ek::LabelEn) }
                    { cx.int(&format!("{p}.slots"), Ek::Slots, None) }
                    { cx.select(&format!("{p}.when_full"), cx.t(Ek::WhenFull), &when) }
                    { cx.num_default(&format!("{p}.stay_multiplier"), Ek::StayMultiplier, None, 1.0) }
                    { cx.num_default(&format!("{p}.street_shift"), Ek::StreetShift, Some(Ek::UnitShare), 0.0) }
                    { cx.select_with(&format!("{p}.shift_to"), cx.t(Ek::ShiftTo), &shift, &dests, on_shift) }
                    { cx.num_default(&format!("{p}.tenancy_failure_multiplier"), Ek::TenancyMult, None, 1.0) }
                    { cx.num_default(&format!("{p}.months_in_housing"), Ek::MonthsInHousing, Some(Ek::UnitMonths), 0.0) }
                    { cx.num_default(&format!("{p}.cost_per_slot_year"), Ek::CostPerSlotYear, Some(Ek::UnitEuros), 0.0) }
                </div>
                <fieldset class="ed-sub">
                    <legend>{ cx.t(Ek::PoolStages) }</legend>
                    <div class="ed-grid">
                    { for stages.iter().map(|(id, label)| {
                        let on = {
                            let (dispatch, sp, list, id) = (cx.dispatch.clone(), format!("{p}.stages"), attached.clone(), id.clone());
                            Callback::from(move |checked: bool| {
                                let mut l = list.clone();
                                l.retain(|x| *x != id);
                                if checked { l.push(id.clone()); }
                                dispatch.emit(Action::Set { path: sp.clone(), value: json!(l) })
                            })
                        };
                        cx.checkbox(&format!("{p}.stages.{id}"), label, attached.contains(id), on)
                    }) }
                    </div>
                    { for (0..attached.len()).map(|j| cx.group_err(&format!("{p}.stages[{j}]"))) }
                </fieldset>
                { cx.remove_button(&cx.label_of(pool), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Ek::AddPool, "accompaniment", json!({"id": new_id, "label": {"fr": new_id, "en": new_id}, "slots": 0, "stages": []})) }
    </> }
}

fn prevention(cx: &Ctx) -> Html {
    let on = cx.d.get("prevention").is_some_and(|p| !p.is_null());
    let first_type = cx.type_ids().first().cloned().unwrap_or_default();
    let toggle = {
        let dispatch = cx.dispatch.clone();
        Callback::from(move |enable: bool| {
            dispatch.emit(Action::Set {
                path: "prevention".into(),
                value: if enable {
                    json!({"cases_per_month": 0.0, "mix": {first_type.clone(): 1.0},
                        "capacity_per_month": 0.0, "success_rate": 0.0,
                        "share_to_waiting_list": 1.0, "cost_per_case": 0.0})
                } else {
                    Value::Null
                },
            })
        })
    };
    html! { <>
        { cx.checkbox("prevention", cx.t(Ek::PreventionOn), on, toggle) }
        if on {
            <div class="ed-grid">
                { cx.num("prevention.cases_per_month", Ek::Cases, None) }
                { cx.num("prevention.capacity_per_month", Ek::Capacity, None) }
                { cx.num("prevention.success_rate", Ek::SuccessRate, Some(Ek::UnitShare)) }
                { cx.num_default("prevention.share_to_waiting_list", Ek::ShareToWaiting, Some(Ek::UnitShare), 1.0) }
                { cx.num_default("prevention.cost_per_case", Ek::CostPerCase, Some(Ek::UnitEuros), 0.0) }
            </div>
            { cx.mix("prevention.mix") }
        }
    </> }
}

fn dalo(cx: &Ctx) -> Html {
    html! { <div class="ed-grid">
        { cx.num("dalo.shelter_months", Ek::ShelterMonths, Some(Ek::UnitMonths)) }
        { cx.num("dalo.temporary_housing_months", Ek::TempMonths, Some(Ek::UnitMonths)) }
        { cx.num("dalo.waiting_months", Ek::WaitingMonths, Some(Ek::UnitMonths)) }
        { cx.num("dalo.recourse_propensity", Ek::Propensity, Some(Ek::UnitShare)) }
    </div> }
}

fn costs(cx: &Ctx) -> Html {
    let euro = cx.t(Ek::UnitEuros);
    html! { <>
        <p class="help">{ cx.t(Ek::CostsHelp) }</p>
        <div class="ed-grid">
        { for items(cx.d, "stages").iter().enumerate().map(|(i, s)| {
            let (field, key) = if get_str(s, "kind") == "allocation" {
                ("cost_per_allocation", Ek::CostPerAllocation)
            } else {
                ("cost_per_place_day", Ek::CostPerPlaceDay)
            };
            cx.num_with(&format!("stages[{i}].{field}"), &format!("{} — {}", cx.label_of(s), cx.t(key)),
                euro, Num::Real, Empty::Remove(Some(0.0)))
        }) }
        { for items(cx.d, "accompaniment").iter().enumerate().map(|(i, p)| {
            cx.num_with(&format!("accompaniment[{i}].cost_per_slot_year"),
                &format!("{} — {}", cx.label_of(p), cx.t(Ek::CostPerSlotYear)), euro, Num::Real, Empty::Remove(Some(0.0)))
        }) }
        if cx.d.get("prevention").is_some_and(|p| !p.is_null()) {
            { cx.num_with("prevention.cost_per_case", &format!("{} — {}", cx.t(Ek::SecPrevention), cx.t(Ek::CostPerCase)),
                euro, Num::Real, Empty::Remove(Some(0.0))) }
        }
        </div>
    </> }
}

fn initial_state(cx: &Ctx) -> Html {
    let types = cx.type_options();
    let places: Options = items(cx.d, "stages")
        .iter()
        .filter(|s| get_str(s, "kind") == "places")
        .map(|s| (get_str(s, "id").to_string(), cx.label_of(s)))
        .collect();
    let first_type = types.first().map(|t| t.0.clone()).unwrap_or_default();
    let first_stage = places.first().map(|t| t.0.clone()).unwrap_or_default();
    // One compact table per list: a row per group of households, the column headers name the
    // fields (each field keeps its own label for screen readers), problems under the field.
    let table = |path: &str, title: Ek, stage: bool, days: Ek| {
        let rows = items(cx.d, path);
        let total: f64 = rows.iter().filter_map(|r| get_f64(r, "count")).sum();
        let id = cx.id(path);
        let group = cx.t(title);
        let body = rows.iter().enumerate().map(|(i, _)| {
            let p = format!("{path}[{i}]");
            let n = i + 1;
            let named = |k: Ek| format!("{} — {group} {n}", cx.t(k));
            html! { <tr>
                <th scope="row" class="ed-rownum">{ n }</th>
                if stage {
                    <td>{ cx.select(&format!("{p}.stage"), &named(Ek::Stage), &places) }</td>
                }
                <td>{ cx.select(&format!("{p}.type"), &named(Ek::Type), &types) }</td>
                <td>{ cx.num_with(&format!("{p}.count"), &named(Ek::Count), "", Num::Unsigned, Empty::Required) }</td>
                <td>{ cx.num_with(&format!("{p}.{}", if stage { "days_in_stage" } else { "days_waiting" }),
                    &named(days), cx.t(Ek::UnitDays), Num::Real, Empty::Remove(Some(0.0))) }</td>
                <td>{ cx.remove_button(&format!("{group} {n}"), &p) }</td>
            </tr> }
        });
        html! {
            <fieldset class="ed-sub ed-initial">
                <legend id={format!("{id}-title")}>{ group }</legend>
                if !rows.is_empty() {
                    <table class="ed-table" aria-labelledby={format!("{id}-title")} id={id.clone()}>
                        <thead><tr>
                            <th scope="col"><span class="sr-only">{ "#" }</span></th>
                            if stage { <th scope="col">{ cx.t(Ek::Stage) }</th> }
                            <th scope="col">{ cx.t(Ek::Type) }</th>
                            <th scope="col">{ cx.t(Ek::Count) }</th>
                            <th scope="col">{ cx.t(days) }</th>
                            <th scope="col"><span class="sr-only">{ cx.t(Ek::Remove) }</span></th>
                        </tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                    <p class="ed-sum" id={format!("{id}-total")}>
                        { format!("{} : {}", cx.t(Ek::Count), display_number(cx.lang, total, 0)) }</p>
                }
                { cx.group_err(path) }
                { cx.add_button(Ek::AddGroup, path, if stage {
                    json!({"stage": first_stage, "type": first_type, "count": 0, "days_in_stage": 0.0})
                } else {
                    json!({"type": first_type, "count": 0, "days_waiting": 0.0})
                }) }
            </fieldset>
        }
    };
    html! { <>
        { cx.group_err("initial_state") }
        { table("initial_state.waiting", Ek::InitialWaiting, false, Ek::DaysWaiting) }
        { table("initial_state.stages", Ek::InitialStages, true, Ek::DaysInStage) }
    </> }
}

fn json_box(cx: &Ctx) -> Html {
    let dispatch = cx.dispatch.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        dispatch.emit(Action::JsonText(
            e.target_unchecked_into::<HtmlTextAreaElement>().value(),
        ))
    });
    let errors = &cx.st.json_errors;
    let invalid = !errors.is_empty();
    html! { <>
        <p class="help" id="ed-json-help">{ cx.t(Ek::JsonHelp) }</p>
        <label for="ed-json">{ cx.t(Ek::JsonLabel) }</label>
        <textarea id="ed-json" rows="12" spellcheck="false" value={cx.st.json_text.clone()} {oninput}
            aria-invalid={invalid.to_string()}
            aria-describedby={if invalid { "ed-json-help ed-json-err" } else { "ed-json-help" }} />
        if invalid {
            <ul class="ed-error" id="ed-json-err">
            { for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " : " }{ validation_message(cx.lang, e) }</li> }) }
            </ul>
        }
        if cx.st.json_applied { <p class="ed-ok" role="status">{ cx.t(Ek::JsonApplied) }</p> }
        <div class="ed-row">
            { cx.button(cx.t(Ek::JsonExport).to_string(), Action::Export, "ed-export") }
            { cx.button(cx.t(Ek::JsonApply).to_string(), Action::Import, "ed-import") }
        </div>
    </> }
}

/// The value of the `<select>` an event comes from (read as a property: web-sys's
/// `HtmlSelectElement` is not among the features the app enables).
fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
