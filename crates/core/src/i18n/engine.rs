//! The engine's validation messages in the page's language. The engine writes them in English
//! (`ValidationError::message`, what the command line prints); here every `ErrorKind` also has
//! its French text, built from the same parameters.

use std::borrow::Cow;

use parcours_engine::{ErrorKind, OverBudget, SimError, ValidationError};

use super::numbers::{format_grouped, format_int};
use super::{colon, semicolon, t, Lang, Msg};
use crate::runs::budget::Refusal;
use crate::runs::{LossReason, RunError, WorkerFailure};

/// What is wrong with the field at `e.path`, in `lang`.
pub fn validation_message(lang: Lang, e: &ValidationError) -> String {
    match lang {
        Lang::En => e.message.clone(),
        Lang::Fr => french(&e.kind),
    }
}

/// Every problem as « path : message » (`path: message` in English), in `lang`, one after the other.
pub fn validation_list(lang: Lang, errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}{} {}", e.path, colon(lang), validation_message(lang, e)))
        .collect::<Vec<_>>()
        .join(semicolon(lang))
}

/// A run's error as the page shows it: its heading and its text, in `lang`.
pub fn run_error(lang: Lang, error: &RunError) -> (Cow<'static, str>, String) {
    let fr = lang == Lang::Fr;
    let pick = |fr_text: String, en_text: String| if fr { fr_text } else { en_text };
    match error {
        RunError::Invalid(errors) => (t(lang, Msg::ScenarioError), validation_list(lang, errors)),
        RunError::Refused(refusal) => (t(lang, Msg::RunRefused), refused(lang, refusal)),
        RunError::Budget { index, error } => {
            let text = stopped(lang, error);
            let index = index + 1;
            (
                t(lang, Msg::SimulationError),
                pick(
                    format!("la réplication n° {index} a été arrêtée : {text}."),
                    format!("replication no. {index} was stopped: {text}."),
                ),
            )
        }
        RunError::Workers(failure) => {
            let text = match failure {
                WorkerFailure::Start(detail) => pick(
                    format!("les processus de calcul n'ont pas pu démarrer ({detail})."),
                    format!("the computing workers could not start ({detail})."),
                ),
                WorkerFailure::Poisoned { index, reason } => {
                    let (index, reason) = (index + 1, loss_reason(lang, reason));
                    pick(
                        format!("la réplication n° {index} a fait échouer le calcul deux fois ({reason}) : le calcul est arrêté. Le reste de la page fonctionne ; changez le scénario."),
                        format!("replication no. {index} made the computation fail twice ({reason}): the run is stopped. The rest of the page works; change the scenario."),
                    )
                }
                WorkerFailure::Scenario(detail) => pick(
                    format!("le processus de calcul n'a pas pu lire le scénario ({detail})."),
                    format!("the computing worker could not read the scenario ({detail})."),
                ),
                WorkerFailure::Summaries(detail) => pick(
                    format!("le processus qui résume les réplications s'est arrêté ({detail}) : le calcul est arrêté. Changez le scénario ou rechargez la page pour relancer."),
                    format!("the worker summarising the replications stopped ({detail}): the run is stopped. Change the scenario or reload the page to run again."),
                ),
                WorkerFailure::Unstable(n) => pick(
                    format!("{n} processus de calcul ont échoué en une minute : le calcul est arrêté. Rechargez la page."),
                    format!("{n} computing workers failed within a minute: the run is stopped. Reload the page."),
                ),
            };
            (t(lang, Msg::SimulationError), text)
        }
    }
}

/// Why a worker was replaced, as a short clause: « erreur interne : … », « ne répondait plus ».
pub fn loss_reason(lang: Lang, reason: &LossReason) -> String {
    let fr = lang == Lang::Fr;
    match (reason, fr) {
        (LossReason::Crashed(text), true) => format!("erreur : {text}"),
        (LossReason::Crashed(text), false) => format!("error: {text}"),
        (LossReason::Panicked(text), true) => format!("erreur interne : {text}"),
        (LossReason::Panicked(text), false) => format!("internal error: {text}"),
        (LossReason::Stalled, true) => "il ne répondait plus".into(),
        (LossReason::Stalled, false) => "it stopped answering".into(),
        (LossReason::Unresponsive, true) => "il tardait à répondre".into(),
        (LossReason::Unresponsive, false) => "it was slow to answer".into(),
        (LossReason::NotStarted, true) => "il n'a pas démarré".into(),
        (LossReason::NotStarted, false) => "it did not start".into(),
    }
}

/// Why a replication stopped before its horizon.
fn stopped(lang: Lang, error: &SimError) -> String {
    let fr = lang == Lang::Fr;
    let at = |day: &u64, horizon: &u64| {
        let (day, horizon) = (
            format_int(lang, *day as i64),
            format_int(lang, *horizon as i64),
        );
        if fr {
            format!("arrêtée au jour {day} sur {horizon}")
        } else {
            format!("stopped at day {day} of {horizon}")
        }
    };
    let count = |n: f64| about(lang, n);
    match error {
        SimError::TooManyEvents {
            limit,
            day,
            horizon_days,
        } => {
            if fr {
                format!("elle demandait plus de {} événements ({}) ; raccourcissez l'horizon ou réduisez les flux", count(*limit as f64), at(day, horizon_days))
            } else {
                format!(
                    "it needed more than {} events ({}); shorten the horizon or reduce the flows",
                    count(*limit as f64),
                    at(day, horizon_days)
                )
            }
        }
        SimError::TooManyHouseholds {
            limit,
            day,
            horizon_days,
        } => {
            if fr {
                format!("plus de {} ménages présents à la fois ({}) ; les arrivées du scénario dépassent de loin ses sorties", count(*limit as f64), at(day, horizon_days))
            } else {
                format!("more than {} households present at once ({}); the scenario's arrivals far exceed its exits", count(*limit as f64), at(day, horizon_days))
            }
        }
        SimError::TooMuchMemory {
            limit,
            day,
            horizon_days,
        } => {
            let mb = format_int(lang, (*limit / 1_000_000) as i64);
            if fr {
                format!("elle demandait plus de {mb} Mo de mémoire ({}) ; les arrivées du scénario dépassent de loin ses sorties", at(day, horizon_days))
            } else {
                format!("it needed more than {mb} MB of memory ({}); the scenario's arrivals far exceed its exits", at(day, horizon_days))
            }
        }
        SimError::Stopped => {
            if fr {
                "arrêtée".into()
            } else {
                "stopped".into()
            }
        }
    }
}

/// Why the page refuses to run a scenario (from the engine's estimate).
fn refused(lang: Lang, refusal: &Refusal) -> String {
    let fr = lang == Lang::Fr;
    match refusal {
        Refusal::OverBudget(OverBudget::Events { estimate, limit }) => {
            let (e, l) = (about(lang, *estimate), about(lang, *limit as f64));
            if fr {
                format!("ce scénario demanderait environ {e} événements par réplication, plus que les {l} que la page accepte ; raccourcissez l'horizon ou réduisez les flux.")
            } else {
                format!("this scenario would need about {e} events per replication, more than the {l} the page accepts; shorten the horizon or reduce the flows.")
            }
        }
        Refusal::OverBudget(OverBudget::Households { estimate, limit }) => {
            let (e, l) = (about(lang, *estimate), about(lang, *limit as f64));
            if fr {
                format!("ce scénario garderait environ {e} ménages présents à la fois, plus que les {l} que la page accepte : ses arrivées dépassent de loin ses sorties.")
            } else {
                format!("this scenario would hold about {e} households at once, more than the {l} the page accepts: its arrivals far exceed its exits.")
            }
        }
        Refusal::OverBudget(OverBudget::Memory { estimate, limit }) => {
            let (e, l) = (
                about(lang, estimate / 1e6),
                about(lang, *limit as f64 / 1e6),
            );
            if fr {
                format!("ce scénario demanderait environ {e} Mo de mémoire par réplication, plus que les {l} Mo que la page accepte : ses arrivées dépassent de loin ses sorties.")
            } else {
                format!("this scenario would need about {e} MB of memory per replication, more than the {l} MB the page accepts: its arrivals far exceed its exits.")
            }
        }
        Refusal::Results {
            bytes,
            max,
            replications,
        } => {
            let (b, m) = (about(lang, bytes / 1e6), about(lang, max / 1e6));
            let n = format_int(lang, *replications as i64);
            if fr {
                format!("les résultats de {n} réplications de ce scénario prendraient environ {b} Mo, plus que les {m} Mo que la page peut garder : raccourcissez l'horizon, allongez les périodes ou demandez moins de réplications.")
            } else {
                format!("the results of {n} replications of this scenario would take about {b} MB, more than the {m} MB the page can keep: shorten the horizon, lengthen the periods or ask for fewer replications.")
            }
        }
    }
}

/// A large count in words: « 9,2 millions », « 1,3 milliard », « 12 000 » (English: « 9.2
/// million », « 1.3 billion », « 12,000 »), two or three significant figures.
pub fn about(lang: Lang, x: f64) -> String {
    let fr = lang == Lang::Fr;
    if !x.is_finite() || x >= 1e12 {
        return if fr {
            "plus d'un billion"
        } else {
            "more than a trillion"
        }
        .into();
    }
    let round = |v: f64| {
        let decimals = if v >= 100.0 {
            0
        } else if v >= 10.0 {
            1
        } else {
            2
        };
        let text = format_grouped(lang, v, decimals);
        // « 9,20 » → « 9,2 », « 12,0 » → « 12 »
        if decimals > 0 {
            let sep = if fr { ',' } else { '.' };
            text.trim_end_matches('0').trim_end_matches(sep).to_string()
        } else {
            text
        }
    };
    if x >= 1e9 {
        let v = round(x / 1e9);
        let plural = x >= 2e9;
        if fr {
            format!("{v} milliard{}", if plural { "s" } else { "" })
        } else {
            format!("{v} billion")
        }
    } else if x >= 1e6 {
        let v = round(x / 1e6);
        let plural = x >= 2e6;
        if fr {
            format!("{v} million{}", if plural { "s" } else { "" })
        } else {
            format!("{v} million")
        }
    } else {
        format_int(lang, x.round() as i64)
    }
}

/// A number as the engine writes it (rounded to 6 decimals), with the French decimal comma and
/// grouping: « 0,35 », « 20 000 000 ».
fn num(x: f64) -> String {
    // As the engine: never « inf » nor 309 digits (`1e308` as written, in scientific notation).
    if !x.is_finite() || x.abs() >= 1e15 {
        return format!("{x:e}").replace("inf", "∞");
    }
    format_grouped(Lang::Fr, x, 6)
}

fn int(n: i64) -> String {
    num(n as f64)
}

fn french(kind: &ErrorKind) -> String {
    use ErrorKind::*;
    match kind {
        Json { detail } => format!("JSON du scénario illisible : {}", json_detail(detail)),
        TooLarge { bytes, max } => format!(
            "le texte du scénario fait {} Mo, plus que les {} Mo acceptés",
            num((*bytes as f64 / 1e5).ceil() / 10.0),
            num(*max as f64 / 1e6)
        ),
        NotFinite { value } => format!("{value} n'est pas un nombre fini"),
        OutOfRange { value, min, max } => format!(
            "{} est hors des limites, attendu de {} à {}",
            num(*value),
            num(*min),
            num(*max)
        ),
        UnusableId { id } => {
            format!("« {id} » n'est pas un identifiant utilisable (vide ou réservé)")
        }
        DuplicateId { id } => format!("identifiant « {id} » en double"),
        UnknownType { id } => format!("type de ménage « {id} » inconnu"),
        UnknownTypeKey { key } => format!(
            "type de ménage « {key} » inconnu (attendu un identifiant de type ou « default »)"
        ),
        SharesSum { sum } => format!("les parts font {} au total, attendu 1", num(*sum)),
        MissingTypeEntry { type_id } => {
            format!("aucune entrée pour le type « {type_id} » ni entrée « default »")
        }
        NoRoute => "aucune destination, attendu au moins une orientation".into(),
        UnknownRouteDestination { id } => format!(
            "destination « {id} » inconnue (attendu un identifiant d'étape ou de sortie)"
        ),
        ProbabilitiesSum { sum } => {
            format!("les probabilités font {} au total, attendu 1", num(*sum))
        }
        UnsupportedVersion { version, expected } => format!(
            "la version {version} n'est pas prise en charge par cette version de Parcours, attendu {expected}"
        ),
        WarmupTooLong { warmup, horizon } => format!(
            "{} ne laisse rien à observer, attendu moins que la durée simulée ({} mois)",
            num(*warmup),
            num(*horizon)
        ),
        NotAMonth { month } => format!("{month} n'est pas un mois, attendu de 1 à 12"),
        TooManyPeriods { periods, max } => format!(
            "donne {} périodes, attendu au plus {}",
            num(*periods),
            num(*max)
        ),
        TooManyEntries { count, max } => format!(
            "{} éléments, attendu au plus {}",
            int(*count as i64),
            int(*max as i64)
        ),
        NoHouseholdType => "vide, attendu au moins un type de ménage".into(),
        IdAlsoExit { id } => format!(
            "« {id} » est aussi l'identifiant d'une sortie, attendu des identifiants distincts pour les étapes et les sorties"
        ),
        NoExit => "vide, attendu au moins une sortie".into(),
        NotWholeMonth { value } => format!("{} n'est pas un nombre entier de mois", num(*value)),
        ScheduleOrder => "les périodes doivent être dans l'ordre croissant de leur mois de début".into(),
        SeasonalityLength { count } => format!(
            "{} valeurs, attendu 12 (de janvier à décembre)",
            int(*count as i64)
        ),
        TooManyArrivals { expected, max } => format!(
            "environ {} arrivées attendues par réplication, attendu au plus {}",
            num(*expected),
            num(*max)
        ),
        MissingShiftTo => "manquant, attendu la destination de la probabilité déplacée".into(),
        UnknownDestination { id } => format!("destination « {id} » inconnue"),
        AcceptsNobody => "vide : l'étape n'accueillerait personne".into(),
        PlacesBelowZero { level, day } => format!(
            "les places à l'année tombent à {} au jour {}, attendu au moins 0",
            int(*level),
            num(*day)
        ),
        StageRefusesType { stage, type_id } => {
            format!("l'étape « {stage} » n'accueille pas le type « {type_id} »")
        }
        PoolStageRefusesType {
            stage,
            type_id,
            followed_in,
        } => format!(
            "l'étape « {stage} » n'accueille pas le type « {type_id} », que l'accompagnement suit dans l'étape « {followed_in} »"
        ),
        AlternativeToSameStage => {
            "l'orientation de repli ne peut pas ramener à la même étape".into()
        }
        AlternativeWithoutMaxBlocked => {
            "donnée sans durée maximale de blocage (max_blocked_days), attendu les deux ou aucune"
                .into()
        }
        DayOrder => "les changements doivent être dans l'ordre croissant des jours".into(),
        ZeroStayCycle { stages } => format!(
            "circuit d'orientations à durées de séjour nulles ({}) : un ménage pourrait circuler sans fin sans que le temps passe",
            stages.join(" → ")
        ),
        UnknownExit { id } => format!("sortie « {id} » inconnue"),
        UnknownStage { id } => format!("étape « {id} » inconnue"),
        StageListedTwice { stage } => format!("l'étape « {stage} » figure deux fois"),
        NoOrientationStage => "vide, attendu au moins une étape".into(),
        TooManyArrivalsAndCases { expected, max } => format!(
            "environ {} arrivées et situations d'expulsion attendues par réplication, attendu au plus {}",
            num(*expected),
            num(*max)
        ),
        NoOrientation { type_id } => format!("le type « {type_id} » n'a pas d'orientation"),
        AllocationStageOccupied { stage } => format!(
            "« {stage} » est une étape d'attribution : les ménages relogés ne sont pas simulés"
        ),
        TooManyInitial { total, max } => format!(
            "{} ménages, attendu au plus {}",
            int(*total as i64),
            int(*max as i64)
        ),
        ReadyForItsOwnStage { stage } => format!(
            "« {stage} » est l'étape où se trouve le ménage, attendu l'étape qu'il attend d'intégrer"
        ),
        NotAnAllocationStage { stage } => format!(
            "« {stage} » n'est pas une étape d'attribution, attendu l'étape qui a relogé les ménages"
        ),
        UnknownPool { id } => format!("dispositif d'accompagnement « {id} » inconnu"),
        NoComeback { exit } => format!(
            "personne ne revient par la sortie « {exit} » (elle n'a pas de retour), attendu une sortie avec retour"
        ),
        NoDaloClock { stage } => format!(
            "l'étape « {stage} » ne fait courir aucun délai DALO, attendu pas de dalo_clock_days"
        ),
        ReservedAbovePriorityTotal { per_year, total } => format!(
            "{} par an, moins que le flux qui en est réservé ({} par an au plus haut), attendu au moins le flux réservé",
            num(*total),
            num(*per_year)
        ),
        EmptySourceKey => "une clé vide, attendu le chemin d'un paramètre".into(),
    }
}

/// serde_json's message (and the scenario format's own) in French, for the usual cases; a part
/// it does not know stays as written, so nothing is lost.
fn json_detail(detail: &str) -> String {
    let mut text = detail.to_string();
    // « at line 3 column 5 » → « (ligne 3, colonne 5) »
    if let Some(at) = text.rfind(" at line ") {
        let tail = &text[at + " at line ".len()..];
        if let Some((line, column)) = tail.split_once(" column ") {
            if line.chars().all(|c| c.is_ascii_digit())
                && column.chars().all(|c| c.is_ascii_digit())
            {
                text = format!("{} (ligne {line}, colonne {column})", &text[..at]);
            }
        }
    }
    const PHRASES: [(&str, &str); 14] = [
        ("missing field", "champ manquant :"),
        ("unknown field", "champ inconnu :"),
        ("unknown variant", "valeur inconnue :"),
        ("duplicate field", "champ en double :"),
        ("invalid type:", "type invalide :"),
        ("invalid value:", "valeur invalide :"),
        ("invalid length", "longueur invalide :"),
        ("expected one of", "attendu l'un de"),
        ("expected value", "valeur attendue"),
        ("EOF while parsing", "fin du texte inattendue dans"),
        ("trailing characters", "caractères en trop après la fin"),
        (
            "do not apply to a stage of kind",
            "ne s'appliquent pas à une étape de type",
        ),
        ("for a stage of kind", "pour une étape de type"),
        (", expected ", ", attendu "),
    ];
    for (en, fr) in PHRASES {
        text = text.replace(en, fr);
    }
    text.replace("stage '", "étape '")
}

#[cfg(test)]
mod tests;
