//! Reading JSON into the engine's types, with errors that name the field (`stages[2].places`)
//! as well as the line and column. Every reader of scenario JSON goes through here (the command
//! line, the app's import, links and library), so that they accept and refuse the same texts with
//! the same messages.

use crate::validate::{ErrorKind, ValidationError};
use serde::de::DeserializeOwned;

/// Largest scenario text accepted, in bytes: 30 times the largest shipped scenario, so any
/// hand-made one fits, while a pasted or imported file cannot make a reader hold hundreds of
/// megabytes. Readers of links and files check it before decompressing or parsing further.
pub const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Parses `text` as a `T`; an error is a [`ValidationError`] at the path of the offending field
/// (`$` for the document itself: a syntax error, a missing closing brace), of kind
/// [`ErrorKind::Json`] with serde's message, which ends with the line and column.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ValidationError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(ValidationError::new(
            "$",
            ErrorKind::TooLarge {
                bytes: text.len() as u64,
                max: MAX_SCENARIO_BYTES as u64,
            },
        ));
    }
    parse(text)
}

/// [`from_str`] without the size limit (a value already held is not a pasted text).
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ValidationError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
    // Like `serde_json::from_str`: nothing but whitespace may follow the document.
    de.end().map_err(|e| json_error("$".into(), &e))?;
    Ok(value)
}

/// Converts a JSON value (the app's editor works on one) into a `T`, naming the offending field.
///
/// Through its text ([`from_str`] without the size limit), not
/// `serde_path_to_error::deserialize(value)`: each way in instantiates the readers of every
/// scenario type once more, and the page's WebAssembly carried both (46 kB of gzip, issue 14,
/// BENCHMARKS.md). The text is exact (`float_roundtrip`: every f64 parses back to itself), and
/// the message is the one a value gives: without a position in a text the reader never saw.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationError> {
    parse(&value.to_string()).map_err(|e| match e.kind {
        ErrorKind::Json { mut detail } => {
            if let Some(at) = detail.rfind(" at line ") {
                detail.truncate(at);
            }
            ValidationError::new(e.path, ErrorKind::Json { detail })
        }
        _ => e,
    })
}

/// The path as the validator writes it (`stages[2].routes.family[0].p`), up to the last field
/// known (a syntax error inside an object leaves the key it was reading unknown), `$` for none.
fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> ValidationError {
    use serde_path_to_error::Segment;
    let mut path = String::new();
    for segment in e.path().iter() {
        match segment {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_key(&mut path, key),
            Segment::Unknown => break,
        }
    }
    if path.is_empty() {
        path.push('$');
    }
    json_error(path, e.inner())
}

/// A key as a plain name (`.key`) when it is one, otherwise quoted (`[" "]`): a blank, dotted or
/// bracketed key still gives a path a reader can see and that names one place.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':'));
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

fn json_error(path: String, e: &serde_json::Error) -> ValidationError {
    ValidationError::new(
        path,
        ErrorKind::Json {
            detail: e.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_exactly_and_its_errors_name_the_field_without_a_position() {
        // Numbers whose shortest text is long: they must come back as the same f64.
        let xs = [
            0.1 + 0.2,
            1.0 / 3.0,
            2.0_f64.powi(-1074),
            f64::MAX,
            123_456.789e-300,
        ];
        let back: Vec<f64> = from_value(serde_json::json!(xs)).unwrap();
        assert_eq!(
            back.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            xs.map(f64::to_bits)
        );

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Place {
            places: u32,
        }
        let e = from_value::<Vec<Place>>(serde_json::json!([{"places": 1}, {"places": "x"}]))
            .unwrap_err();
        assert_eq!(e.path, "[1].places");
        assert_eq!(
            e.message,
            r#"scenario JSON: invalid type: string "x", expected u32"#
        );
        // The same text read as text says where.
        let e = from_str::<Vec<Place>>(r#"[{"places": 1}, {"places": "x"}]"#).unwrap_err();
        assert_eq!(e.path, "[1].places");
        assert!(e.message.ends_with("at line 1 column 30"), "{}", e.message);
    }

    #[test]
    fn a_key_that_is_not_a_plain_name_is_quoted_in_the_path() {
        let mut path = String::from("initial_state");
        push_key(&mut path, " ");
        assert_eq!(path, r#"initial_state[" "]"#);
        let mut path = String::new();
        push_key(&mut path, "");
        push_key(&mut path, "a.b");
        assert_eq!(path, r#"[""]["a.b"]"#);
        let mut path = String::new();
        push_key(&mut path, "stages");
        push_key(&mut path, "single_man");
        assert_eq!(path, "stages.single_man");
    }
}
