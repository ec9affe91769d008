//! A number field in the page's language: it shows its value as the language writes it
//! (« 44,2 », "44.2") and reads what is typed with the one parser
//! (`parcours_core::i18n::parse_number`); what it cannot read exactly is said under it, and
//! nothing is sent — never a different number.

use parcours_core::i18n::{format_field, parse_number, t, Lang, Msg, NumberError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The numbers a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberKind {
    /// Any finite number.
    #[default]
    Real,
    /// A whole number, zero or more.
    Whole,
    /// A whole number other than zero (places opened or closed).
    NonZeroInteger,
}

impl NumberKind {
    fn check(self, x: f64) -> Result<f64, Msg<'static>> {
        match self {
            NumberKind::Real => Ok(x),
            NumberKind::Whole if x.fract() == 0.0 && x >= 0.0 => Ok(x),
            NumberKind::Whole => Err(Msg::NotWhole),
            NumberKind::NonZeroInteger if x.fract() == 0.0 && x != 0.0 => Ok(x),
            NumberKind::NonZeroInteger => Err(Msg::NotZeroInteger),
        }
    }
}

/// What the field says of a text: the number, or why it is not one.
pub fn read(lang: Lang, kind: NumberKind, text: &str) -> Result<f64, String> {
    let x = parse_number(lang, text).map_err(|error: NumberError| {
        t(
            lang,
            Msg::BadNumber {
                text: text.trim(),
                error,
            },
        )
        .into_owned()
    })?;
    kind.check(x).map_err(|msg| t(lang, msg).into_owned())
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub lang: Lang,
    pub id: AttrValue,
    /// The value shown while nothing else is being typed.
    pub value: f64,
    #[prop_or_default]
    pub kind: NumberKind,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// Called with the number read when the field is committed (Enter, or leaving it).
    pub on_commit: Callback<f64>,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let lang = props.lang;
    // What is typed since the last commit (kept across re-renders), and why it is not a number.
    let draft = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let onchange = {
        let (draft, error, on_commit, kind) = (
            draft.clone(),
            error.clone(),
            props.on_commit.clone(),
            props.kind,
        );
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match read(lang, kind, &text) {
                Ok(x) => {
                    draft.set(None);
                    error.set(None);
                    on_commit.emit(x);
                }
                Err(message) => {
                    draft.set(Some(text));
                    error.set(Some(message));
                }
            }
        })
    };
    let value = (*draft)
        .clone()
        .unwrap_or_else(|| format_field(lang, props.value));
    let error_id = format!("{}-err", props.id);
    html! {
        <>
            <input type="text" inputmode="decimal" autocomplete="off" id={props.id.clone()}
                class={classes!("number", props.class.clone())} {value} {oninput} {onchange}
                aria-label={props.aria_label.clone()} aria-invalid={error.is_some().to_string()}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
            if let Some(message) = &*error {
                <p class="field-error" id={error_id}>{ message.clone() }</p>
            }
        </>
    }
}
