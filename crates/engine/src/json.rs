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
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
    // Like `serde_json::from_str`: nothing but whitespace may follow the document.
    de.end().map_err(|e| json_error("$".into(), &e))?;
    Ok(value)
}

/// Converts a JSON value (the app's editor works on one) into a `T`, naming the offending field.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationError> {
    serde_path_to_error::deserialize(value).map_err(path_error)
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
