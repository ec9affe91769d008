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
    // `serde_json::from_str` also refuses anything but whitespace after the document.
    serde_json::from_str(text).map_err(|e| json_error(path_at(text, &e), &e))
}

/// Converts a JSON value (the app's editor works on one) into a `T`, naming the offending field.
///
/// Through its text ([`from_str`] without the size limit), not a reader of the value itself:
/// each way in instantiates the readers of every scenario type once more, and the page's
/// WebAssembly carried both (46 kB of gzip, issue 14, BENCHMARKS.md). The text is exact (`float_roundtrip`: every f64 parses back to itself), and
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

/// The path (`stages[2].places`, `$` for the document) of what serde was reading where `e`
/// stopped, found by scanning `text` up to the error's line and column. Where serde_json puts
/// an error: just after the token it refused (a value of the wrong type, an unknown field's key,
/// a bracket that opens the wrong kind of value), or — for an error its reader of a type made
/// (a missing field, too few elements, a value a type converts from and refuses) — where the
/// enclosing object or array stood when the error reached it: after the comma that follows the
/// value, or after the bracket that closes it. The paths `serde_path_to_error`'s wrappers gave,
/// without them: they instantiated every scenario type's reader once more, a third of a
/// worker's WebAssembly and more of the page's (issue 14, BENCHMARKS.md).
fn path_at(text: &str, e: &serde_json::Error) -> String {
    let mut end = offset_of(text, e.line(), e.column()).min(text.len());
    let message = e.to_string();
    // An object or array where something else was expected is refused before its bracket.
    if message.starts_with("invalid type: map") || message.starts_with("invalid type: sequence") {
        let rest = &text[end..];
        end += rest.len() - rest.trim_start().len() + 1;
    }
    let mut scan = Scan::default();
    scan.read(text.get(..end).unwrap_or(text));
    // A missing field or element is the object's or array's, not its last value's.
    let of_container =
        message.starts_with("missing field") || message.starts_with("invalid length");
    let path = match scan.last {
        // The text ends after a value: what is unfinished is the container it is in.
        Last::Value | Last::Close if e.is_eof() => {
            Some(path_of(&scan.stack[..scan.stack.len().saturating_sub(1)]))
        }
        Last::Value | Last::Comma => scan.completed,
        Last::Close if of_container => scan.completed,
        Last::Close => scan.closed_last.or(scan.completed),
        // An unknown field: its key is in the path.
        Last::Key => Some(path_of_key(&scan.stack)),
        Last::Nothing | Last::Open | Last::Colon => None,
    }
    .unwrap_or_else(|| path_of(&scan.stack));
    if path.is_empty() {
        "$".into()
    } else {
        path
    }
}

/// An open object (its key, and whether its value has begun) or array (its index, and whether
/// that element has begun), as [`Scan`] reads them.
enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize, in_value: bool },
}

/// The last token [`Scan`] read.
#[derive(Default, PartialEq)]
enum Last {
    #[default]
    Nothing,
    Open,
    Key,
    Colon,
    Value,
    Comma,
    Close,
}

/// Where a JSON text's reading stands: its open containers, the last token, the path of the
/// last value read whole and, after a closing bracket, that of the last value inside it.
#[derive(Default)]
struct Scan {
    stack: Vec<Frame>,
    last: Last,
    completed: Option<String>,
    closed_last: Option<String>,
}

impl Scan {
    fn read(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            i += 1;
            if byte.is_ascii_whitespace() {
                continue;
            }
            if matches!(byte, b'}' | b']') {
                let inner = (self.last != Last::Open)
                    .then(|| self.completed.take())
                    .flatten();
                self.stack.pop();
                self.closed_last = inner;
                self.completed = Some(path_of(&self.stack));
                self.last = Last::Close;
                continue;
            }
            self.last = match (byte, self.stack.last_mut()) {
                (b',', Some(Frame::Object { key, in_value })) => {
                    (*key, *in_value) = (None, false);
                    Last::Comma
                }
                (b',', Some(Frame::Array { index, in_value })) => {
                    (*index, *in_value) = (*index + 1, false);
                    Last::Comma
                }
                (b':', Some(Frame::Object { in_value, .. })) => {
                    *in_value = true;
                    Last::Colon
                }
                (b',', None) => Last::Comma,
                (b':', _) => Last::Colon,
                (
                    b'"',
                    Some(Frame::Object {
                        key,
                        in_value: false,
                    }),
                ) => {
                    let start = i - 1;
                    i = string_end(bytes, i);
                    *key = serde_json::from_str::<String>(&text[start..i]).ok();
                    Last::Key
                }
                // A value begins.
                (_, last) => {
                    if let Some(Frame::Array { in_value, .. }) = last {
                        *in_value = true;
                    }
                    match byte {
                        b'{' | b'[' => {
                            self.stack.push(if byte == b'{' {
                                Frame::Object {
                                    key: None,
                                    in_value: false,
                                }
                            } else {
                                Frame::Array {
                                    index: 0,
                                    in_value: false,
                                }
                            });
                            Last::Open
                        }
                        _ => {
                            i = if byte == b'"' {
                                string_end(bytes, i)
                            } else {
                                // A number or a literal, up to what ends it.
                                bytes[i..]
                                    .iter()
                                    .position(|b| b",}]:\"".contains(b) || b.is_ascii_whitespace())
                                    .map_or(bytes.len(), |n| i + n)
                            };
                            self.completed = Some(path_of(&self.stack));
                            Last::Value
                        }
                    }
                }
            };
        }
    }
}

/// Just after the string whose opening quote is before `i` (or the text's end).
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(bytes.len())
}

/// The path of the key just read in the innermost object.
fn path_of_key(stack: &[Frame]) -> String {
    let mut path = path_of(stack);
    if let Some(Frame::Object { key: Some(key), .. }) = stack.last() {
        push_key(&mut path, key);
    }
    path
}

/// The path of the value the open containers are in (`$` left to the caller).
fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => push_key(&mut path, key),
            Frame::Array {
                index,
                in_value: true,
            } => path.push_str(&format!("[{index}]")),
            _ => {}
        }
    }
    path
}

/// The byte offset of serde_json's position: `column` bytes into line `line` (both as
/// serde_json counts them: lines from 1, the column the number of bytes of the line read).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    start + column
}

/// A key as a plain name (`.key`) when it is one, otherwise quoted (`[" "]`): a blank, dotted or
/// bracketed key still gives a path a reader can see and that names one place.
/// (Public, hidden from the documentation, for its test in `crates/engine-tests`.)
#[doc(hidden)]
pub fn push_key(path: &mut String, key: &str) {
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
