//! « Glossaire » and « Sources »: two buttons of the header, each opening a dialog. The glossary
//! is `parcours_core::glossary`; the sources are the shown scenario's notes, read by
//! `parcours_core::sources` (the site publishes them itself: SOURCES.md is not part of it).

use parcours_core::glossary::Term;
use parcours_core::i18n::{t, Lang, Localized, Msg};
use parcours_core::sources::{any_untranslated, by_section, NoteKind};
use parcours_core::state::Same;
use parcours_engine::Scenario;
use yew::prelude::*;

use crate::components::modal::{use_modal, Modal};

#[derive(Properties, PartialEq)]
pub struct HelpDialogsProps {
    pub lang: Lang,
    /// The scenario whose sources are listed (the territory's baseline).
    pub scenario: Same<Scenario>,
}

/// A button opening a modal dialog, and the dialog with a « Fermer » button; its body is built
/// only while it is open (`use_modal`).
fn dialog(
    lang: Lang,
    id: &str,
    label: Msg,
    title: Msg,
    modal: &Modal,
    body: impl FnOnce() -> Html,
) -> Html {
    html! {
        <>
        <button type="button" class="link-button header-help" id={format!("{id}-open")}
            onclick={modal.show.clone()} aria-haspopup="dialog">{ t(lang, label) }</button>
        <dialog ref={modal.node.clone()} id={format!("{id}-dialog")} class="embed-dialog help-dialog"
            aria-labelledby={format!("{id}-title")} onclose={modal.on_close.clone()}>
            <div class="help-dialog-head">
                <h2 id={format!("{id}-title")}>{ t(lang, title) }</h2>
                <button type="button" class="secondary" id={format!("{id}-close")} onclick={modal.shut.clone()}>
                    { t(lang, Msg::Close) }</button>
            </div>
            if modal.open {
                { body() }
            }
        </dialog>
        </>
    }
}

#[function_component(HelpDialogs)]
pub fn help_dialogs(props: &HelpDialogsProps) -> Html {
    let lang = props.lang;
    let (glossary, sources) = (use_modal(), use_modal());
    let terms = || {
        html! { <>
            <p class="help">{ t(lang, Msg::GlossaryIntro) }</p>
            <dl class="glossary">
                { for Term::ALL.iter().map(|&term| html! {
                    <div id={format!("glossary-{}", term.code())}>
                        <dt>{ t(lang, Msg::GlossaryTerm { term }) }</dt>
                        <dd>{ t(lang, Msg::GlossaryDefinition { term }) }</dd>
                    </div>
                }) }
            </dl>
        </> }
    };
    let notes = || {
        let sections = by_section(lang, &props.scenario.sources);
        let name = props.scenario.name.text(lang).to_string();
        html! { <>
            <p class="help">{ t(lang, Msg::SourcesOfScenario { name: &name }) }</p>
            <p class="help">{ t(lang, Msg::SourcesIntro) }</p>
            if any_untranslated(lang, &sections) {
                <p class="help">{ t(lang, Msg::SourcesNotesLanguage) }</p>
            }
            if sections.is_empty() {
                <p>{ t(lang, Msg::NoSource) }</p>
            }
            { for sections.iter().map(|(section, notes)| html! {
                <section class="sources-section">
                    <h3>{ t(lang, Msg::SourcesSection { section }) }</h3>
                    <dl class="sources">
                        { for notes.iter().map(|n| html! {
                            <div class="source-note" data-kind={match n.kind {
                                NoteKind::Derived => "derived", NoteKind::Assumption => "assumption", NoteKind::Cited => "cited" }}>
                                <dt><code>{ n.parameter.clone() }</code>{ " — " }{ t(lang, Msg::SourceKind { kind: n.kind }) }
                                    if let Some(c) = n.confidence {
                                        { format!(" ({})", t(lang, Msg::SourceConfidence { confidence: c })) }
                                    }</dt>
                                if let Some(r) = &n.reference {
                                    <dd lang={n.lang.code()} class="source-reference">{ r.clone() }</dd>
                                }
                                if !n.text.is_empty() {
                                    <dd lang={n.lang.code()}>{ n.text.clone() }</dd>
                                }
                            </div>
                        }) }
                    </dl>
                </section>
            }) }
        </> }
    };
    html! {
        <div class="header-helps">
            { dialog(lang, "glossary", Msg::Glossary, Msg::Glossary, &glossary, terms) }
            { dialog(lang, "sources", Msg::SourcesButton, Msg::SourcesTitle, &sources, notes) }
        </div>
    }
}
