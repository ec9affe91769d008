//! The editor's widgets: labelled fields (numbers in the page's language, texts, selects,
//! checkboxes) that show the problems of their path next to them, with `aria-invalid` and
//! `aria-describedby`; tables of routes and mixes with their live sums; and the sections.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use parcours_core::editor::draft::{self, field_id, get, get_f64, get_str, ids, items, keys};
use parcours_core::editor::{Action, EditorState, Empty, Num};
use parcours_core::i18n::{format_field, format_grouped, t, Lang, Localized, Msg};
use parcours_engine::Label;
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub(super) struct Ctx<'a> {
    pub(super) lang: Lang,
    pub(super) d: &'a Value,
    pub(super) st: &'a EditorState,
    pub(super) problems: BTreeMap<String, Vec<String>>,
    /// Paths whose problems were shown next to a field.
    pub(super) shown: RefCell<BTreeSet<String>>,
    /// Problems shown in the section being rendered.
    pub(super) in_section: Cell<usize>,
    pub(super) scope: Cell<&'static str>,
    /// While rendering a group with a problem (a routes table whose sum is wrong): the id of that
    /// problem, added to the description of the group's number fields, which are marked invalid.
    pub(super) group_problem: RefCell<Option<String>>,
    pub(super) dispatch: Callback<Action>,
}

pub(super) type Options = Vec<(String, String)>;

impl Ctx<'_> {
    pub(super) fn t(&self, k: Msg) -> Cow<'static, str> {
        t(self.lang, k)
    }

    pub(super) fn id(&self, path: &str) -> String {
        field_id(self.scope.get(), path)
    }

    /// The problems at `path`, as a paragraph with id `<id>-err`; and that id if any.
    pub(super) fn err(&self, path: &str, id: &str) -> (Option<String>, Html) {
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

    pub(super) fn field(
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

    pub(super) fn num_with(
        &self,
        path: &str,
        label: &str,
        unit: &str,
        num: Num,
        empty: Empty,
    ) -> Html {
        let id = self.id(path);
        // Text as typed, unless the language changed since (and it is a valid number).
        let raw = self
            .st
            .raw
            .get(path)
            .filter(|(lang, _)| *lang == self.lang || self.st.local.contains_key(path))
            .map(|(_, text)| text.clone());
        let value = raw.unwrap_or_else(|| match (get_f64(self.d, path), empty) {
            (Some(x), _) => format_field(self.lang, x),
            (None, Empty::Remove(Some(x))) => format_field(self.lang, x),
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

    pub(super) fn num(&self, path: &str, label: Msg, unit: Option<Msg>) -> Html {
        self.num_with(
            path,
            &self.t(label),
            &unit.map(|u| self.t(u)).unwrap_or_default(),
            Num::Real,
            Empty::Required,
        )
    }

    pub(super) fn int(&self, path: &str, label: Msg, unit: Option<Msg>) -> Html {
        self.num_with(
            path,
            &self.t(label),
            &unit.map(|u| self.t(u)).unwrap_or_default(),
            Num::Unsigned,
            Empty::Required,
        )
    }

    /// A number with a default when missing.
    pub(super) fn num_default(
        &self,
        path: &str,
        label: Msg,
        unit: Option<Msg>,
        default: f64,
    ) -> Html {
        self.num_with(
            path,
            &self.t(label),
            &unit.map(|u| self.t(u)).unwrap_or_default(),
            Num::Real,
            Empty::Remove(Some(default)),
        )
    }

    /// A text field; `on_change` (committed when the field is left) or set on every input.
    pub(super) fn text_with(
        &self,
        path: &str,
        label: &str,
        commit: Option<Callback<String>>,
    ) -> Html {
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

    pub(super) fn text(&self, path: &str, label: Msg) -> Html {
        self.text_with(path, &self.t(label), None)
    }

    /// A select whose choice is turned into an action (`None`: the empty first option).
    pub(super) fn select_with(
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
    pub(super) fn select(&self, path: &str, label: &str, options: &[(String, String)]) -> Html {
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

    pub(super) fn checkbox(
        &self,
        path: &str,
        label: &str,
        checked: bool,
        on: Callback<bool>,
    ) -> Html {
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

    pub(super) fn button(&self, label: String, action: Action, class: &'static str) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()));
        html! { <button type="button" class={classes!("ed-button", class)} {onclick}>{ label }</button> }
    }

    /// A removal button showing `text`; its accessible name starts with that text (what a
    /// voice-control user says) and then says what it removes.
    pub(super) fn remove_with(&self, what: &str, action: Action, text: Msg) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()));
        let shown = self.t(text);
        html! {
            <button type="button" class="ed-button ed-remove" {onclick}
                aria-label={self.t(Msg::ActionOn { action: &shown, what })}>
                <span aria-hidden="true">{ "✕ " }</span>{ shown.clone() }
            </button>
        }
    }

    /// « Supprimer cette entrée » for a per-type entry; the accessible name names the type.
    pub(super) fn remove_entry(&self, what: &str, path: &str) -> Html {
        self.remove_with(what, Action::Remove { path: path.into() }, Msg::RemoveEntry)
    }

    /// A « Supprimer » button whose accessible name says what it removes.
    pub(super) fn remove_button(&self, what: &str, path: &str) -> Html {
        self.remove_with(what, Action::Remove { path: path.into() }, Msg::Remove)
    }

    pub(super) fn add_button(&self, label: Msg, path: &str, value: Value) -> Html {
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
    pub(super) fn group_err(&self, path: &str) -> Html {
        let id = self.id(path);
        self.err(path, &id).1
    }

    pub(super) fn type_ids(&self) -> Vec<String> {
        ids(self.d, "household_types")
    }

    pub(super) fn label_of(&self, item: &Value) -> String {
        let id = get_str(item, "id");
        let label = Label {
            fr: get_str(item, "label.fr").into(),
            en: get_str(item, "label.en").into(),
        };
        let l = label.text(self.lang);
        if l.is_empty() || l == id {
            id.to_string()
        } else {
            format!("{l} ({id})")
        }
    }

    pub(super) fn type_options(&self) -> Options {
        items(self.d, "household_types")
            .iter()
            .map(|t| (get_str(t, "id").to_string(), self.label_of(t)))
            .collect()
    }

    pub(super) fn stage_options(&self) -> Options {
        items(self.d, "stages")
            .iter()
            .map(|t| (get_str(t, "id").to_string(), self.label_of(t)))
            .collect()
    }

    pub(super) fn dest_options(&self) -> Options {
        let mut o = self.stage_options();
        o.extend(
            items(self.d, "exits")
                .iter()
                .map(|t| (get_str(t, "id").to_string(), self.label_of(t))),
        );
        o
    }

    pub(super) fn key_label(&self, key: &str) -> String {
        if key == parcours_engine::DEFAULT_KEY {
            return self.t(Msg::DefaultKey).to_string();
        }
        items(self.d, "household_types")
            .iter()
            .find(|t| get_str(t, "id") == key)
            .map_or_else(|| key.to_string(), |t| self.label_of(t))
    }

    /// Keys of a per-type table in the types' order, then `default`, then unknown keys.
    pub(super) fn per_type_keys(&self, path: &str) -> (Vec<String>, Vec<String>) {
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
    pub(super) fn add_entries(&self, path: &str, missing: &[String], value: Value) -> Html {
        if missing.is_empty() {
            return html! {};
        }
        html! {
            <div class="ed-add-entries">
                { for missing.iter().map(|k| self.button(
                    format!("+ {} {}", &self.t(Msg::AddEntryFor), self.key_label(k)),
                    Action::Set { path: format!("{path}.{k}"), value: value.clone() },
                    "ed-add",
                )) }
            </div>
        }
    }

    /// A section: `<details>` with a summary that counts its problems.
    pub(super) fn section(
        &self,
        scope: &'static str,
        title: Msg,
        body: impl FnOnce(&Self) -> Html,
    ) -> Html {
        self.scope.set(scope);
        self.in_section.set(0);
        let body = body(self);
        let n = self.in_section.get();
        html! {
            <details class="ed-section" id={format!("ed-sec-{scope}")}>
                <summary>
                    <span class="ed-section-title">{ self.t(title) }</span>
                    if n > 0 {
                        <span class="ed-badge">{ format!(" — {n} {}", &self.t(Msg::ProblemCount)) }</span>
                    }
                </summary>
                <div class="ed-section-body">{ body }</div>
            </details>
        }
    }

    /// A routes table (destination + probability) at `path` with its live sum.
    pub(super) fn routes(&self, path: &str, caption: &str) -> Html {
        let rows = items(self.d, path);
        let dests = self.dest_options();
        let sum = draft::route_sum(rows);
        let ok = draft::sums_to_one(sum);
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
                                &format!("{} {} — {caption}", &self.t(Msg::Destination), j + 1), &dests) }</td>
                            <td>{ self.num_with(&format!("{rp}.p"),
                                &format!("{} {} — {caption}", &self.t(Msg::Probability), j + 1), "",
                                Num::Real, Empty::Required) }</td>
                            <td>{ self.remove_button(&format!("{} {}", &self.t(Msg::Destination), j + 1), &rp) }</td>
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
                        <th scope="col">{ self.t(Msg::Destination) }</th>
                        <th scope="col">{ self.t(Msg::Probability) }</th>
                        <th scope="col"><span class="sr-only">{ self.t(Msg::Remove) }</span></th>
                    </tr></thead>
                    { body }
                </table>
                <p class={classes!("ed-sum", (!ok).then_some("bad"))} id={sum_id}
                    aria-live="polite" data-sum={sum.to_string()}>
                    { format!("{} : {}", &self.t(Msg::Sum), format_grouped(self.lang, sum, 6)) }
                </p>
                { group_err }
                { self.add_button(Msg::AddRoute, path, json!({"to": first, "p": 0.0})) }
            </div>
        }
    }

    /// A type → share mix at `path`, one field per type, with its live sum.
    pub(super) fn mix(&self, path: &str) -> Html {
        let mut keys_ = self.type_ids();
        for k in keys(self.d, path) {
            if !keys_.contains(&k) {
                keys_.push(k);
            }
        }
        let sum = draft::mix_sum(get(self.d, path));
        html! {
            <fieldset class="ed-mix">
                <legend>{ self.t(Msg::Mix) }</legend>
                <div class="ed-grid">
                { for keys_.iter().map(|k| self.num_with(&format!("{path}.{k}"), &self.key_label(k),
                    "", Num::Real, Empty::Remove(None))) }
                </div>
                <p class={classes!("ed-sum", (!draft::sums_to_one(sum)).then_some("bad"))}>
                    { format!("{} : {}", &self.t(Msg::Sum), format_grouped(self.lang, sum, 6)) }
                </p>
                { self.group_err(path) }
            </fieldset>
        }
    }
}

/// The value of the `<select>` an event comes from.
fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}
