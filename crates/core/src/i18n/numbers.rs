//! Numbers in the page's language: one formatter for each use (a figure for people, an axis
//! tick, a value in a field, a sum) and one parser for every number field.
//!
//! French groups digits with a narrow no-break space and writes a decimal comma (« 1 234,5 »);
//! English groups with a comma and writes a decimal point ("1,234.5").

use super::Lang;

/// The decimal mark of `lang`.
pub fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

/// The digit-group separator of `lang` (a narrow no-break space in French).
pub fn group_separator(lang: Lang) -> char {
    match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    }
}

/// An integer with the language's digit grouping: « 1 234 », "1,234".
pub fn format_int(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    out.push_str(&group(lang, &digits));
    out
}

/// `digits` (ASCII digits only) grouped by three from the right.
fn group(lang: Lang, digits: &str) -> String {
    let sep = group_separator(lang);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number rounded to the nearest integer, for axis ticks.
pub fn format_count(lang: Lang, x: f64) -> String {
    if x.is_finite() {
        format_int(lang, x.round() as i64)
    } else {
        "–".to_string()
    }
}

/// A figure for people: integers from 100 up, one decimal below (« 1 234 », « 12,5 »), with the
/// language's grouping and decimal mark.
pub fn format_num(lang: Lang, x: f64) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    if x.abs() >= 100.0 {
        return format_int(lang, x.round() as i64);
    }
    let tenths = (x * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{}", format_int(lang, whole));
    }
    format!(
        "{sign}{}{}{frac}",
        format_int(lang, whole),
        decimal_mark(lang)
    )
}

/// A signed figure for people: « +12,5 », « −3 » (a true minus sign).
pub fn signed(lang: Lang, x: f64) -> String {
    let body = format_num(lang, x.abs());
    if x > 0.0 {
        format!("+{body}")
    } else if x < 0.0 {
        format!("−{body}")
    } else {
        body
    }
}

/// A number with grouping and at most `decimals` decimals, trailing zeros dropped (sums under
/// the editor's tables, the engine's limits): « 1 234,5 », "1,234.5".
pub fn format_grouped(lang: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let fixed = format!("{:.*}", decimals, x.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if x < 0.0 && (int.chars().any(|c| c != '0') || !frac.is_empty()) {
        out.push('-');
    }
    out.push_str(&group(lang, int));
    if !frac.is_empty() {
        out.push(decimal_mark(lang));
        out.push_str(frac);
    }
    out
}

/// A number written exactly with `mark` as its decimal mark: the shortest decimal that reads
/// back to the same value, no exponent, no grouping; empty when not finite.
pub fn format_exact(x: f64, mark: char) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x}");
    match mark {
        '.' => s,
        mark => s.replace('.', &mark.to_string()),
    }
}

/// A number as shown in a field of the page, to be read back by [`parse_number`]: exact, in the
/// language's decimal mark, without grouping (« 44,2 », "44.2").
pub fn format_field(lang: Lang, x: f64) -> String {
    format_exact(x, decimal_mark(lang))
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing typed.
    Empty,
    /// Characters that are not part of a number (« douze », « 12 % », « 1,2,3 » with bad groups).
    NotANumber,
    /// Could be read two ways: « 1.234 » in French (a thousands separator, or a decimal point?).
    Ambiguous,
    /// Digits grouped otherwise than by three (« 12 34 »).
    Grouping,
}

/// Reads a number typed in a field, in the page's language or unambiguously in the other:
/// « 50,5 », « 1 234,5 » (spaces, no-break or narrow no-break spaces group digits), "50.5",
/// "1,234.5", « −3 », "1e3". The language's decimal mark is always a decimal mark; the other
/// mark is a digit-group separator when it separates groups of three digits (English's comma;
/// in French « 1.234 » could be either, and is refused as ambiguous), else a decimal mark; with
/// both marks, the last one is the decimal mark. What cannot be read exactly is an error
/// naming why, never another number.
pub fn parse_number(lang: Lang, text: &str) -> Result<f64, NumberError> {
    let text = text.trim().replace('\u{2212}', "-");
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    // An exponent, kept apart: "1,5e3".
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
    }
    let readable = |c: char| c.is_ascii_digit() || c == ',' || c == '.' || SPACES.contains(&c);
    if !mantissa.chars().all(readable) || !mantissa.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let decimal = decimal_mark_of(lang, mantissa)?;
    let (int, frac) = match decimal {
        Some(mark) => mantissa
            .rsplit_once(mark)
            .expect("the decimal mark is in the text"),
        None => (mantissa, ""),
    };
    let separator = |c: char| !c.is_ascii_digit();
    if int.contains(separator) && !grouped_by_three(int, separator) {
        return Err(NumberError::Grouping);
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let mut plain = String::from(if negative { "-" } else { "" });
    plain.push_str(if digits.is_empty() { "0" } else { &digits });
    if !frac.is_empty() {
        plain.push('.');
        plain.push_str(frac);
    }
    if let Some(e) = exponent {
        plain.push('e');
        plain.push_str(e);
    }
    plain
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or(NumberError::NotANumber)
}

/// Spaces that group digits: space, no-break space, narrow no-break space, thin space.
const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Which of `,` and `.` is the decimal mark of `text` (digits, marks and spaces), if any.
fn decimal_mark_of(lang: Lang, text: &str) -> Result<Option<char>, NumberError> {
    let count = |m: char| text.matches(m).count();
    let (commas, points) = (count(','), count('.'));
    let mark = match (commas, points) {
        (0, 0) => return Ok(None),
        (_, 0) => ',',
        (0, _) => '.',
        _ => {
            // Both: the last one is the decimal mark, and appears once.
            let last = text[text.rfind([',', '.']).expect("a mark")..]
                .chars()
                .next()
                .expect("a mark");
            return if count(last) == 1 {
                Ok(Some(last))
            } else {
                Err(NumberError::NotANumber)
            };
        }
    };
    let groups = grouped_by_three(text, |c| c == mark || SPACES.contains(&c));
    Ok(match (count(mark), mark == decimal_mark(lang)) {
        // Repeated, it can only group digits.
        (n, _) if n > 1 => {
            return if groups {
                Ok(None)
            } else {
                Err(NumberError::Grouping)
            }
        }
        (_, true) => Some(mark),
        // The other language's mark once, before three digits: English groups with a comma;
        // a French reader of « 1.234 » cannot tell a thousand from one and a bit.
        (_, false) if groups && lang == Lang::En => None,
        (_, false) if groups => return Err(NumberError::Ambiguous),
        (_, false) => Some(mark),
    })
}

/// Whether `text` is digit groups separated by `separator`s: a first group of one to three
/// digits (not starting with 0), then groups of exactly three.
fn grouped_by_three(text: &str, separator: impl Fn(char) -> bool) -> bool {
    let groups: Vec<&str> = text.split(separator).collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{En, Fr};

    #[test]
    fn numbers() {
        assert_eq!(format_int(Fr, 0), "0");
        assert_eq!(format_int(Fr, 999), "999");
        assert_eq!(format_int(Fr, 1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(format_int(En, -1234), "-1,234");
        assert_eq!(format_count(En, 1499.6), "1,500");
        assert_eq!(format_count(Fr, f64::NAN), "–");
        assert_eq!(format_num(Fr, 12.46), "12,5");
        assert_eq!(format_num(En, 1234.5), "1,235");
        assert_eq!(signed(Fr, -3.0), "−3");
        assert_eq!(signed(En, 12.5), "+12.5");
    }

    #[test]
    fn grouped_numbers_for_reading() {
        assert_eq!(format_grouped(Fr, 1234.5, 2), "1\u{202f}234,5");
        assert_eq!(format_grouped(En, 1234.5, 2), "1,234.5");
        assert_eq!(format_grouped(Fr, 0.9, 3), "0,9");
        assert_eq!(format_grouped(Fr, 1.0, 3), "1");
        assert_eq!(format_grouped(En, -0.25, 3), "-0.25");
        assert_eq!(format_grouped(En, f64::NAN, 3), "–");
        // The engine's limits: six decimals at most.
        assert_eq!(
            format_grouped(Fr, 10_000_000.0, 6),
            "10\u{202f}000\u{202f}000"
        );
        assert_eq!(format_grouped(Fr, -2.5, 6), "-2,5");
    }

    #[test]
    fn numbers_shown_in_fields_in_the_locale() {
        assert_eq!(format_field(Fr, 0.9), "0,9");
        assert_eq!(format_field(En, 0.9), "0.9");
        assert_eq!(format_field(Fr, 699.0), "699");
        assert_eq!(format_field(Fr, -2.5), "-2,5");
        assert_eq!(format_field(Fr, 44.2), "44,2");
        // Never an exponent.
        assert_eq!(format_exact(1e-7, '.'), "0.0000001");
        assert_eq!(format_exact(2e21, ','), "2000000000000000000000");
        for x in [0.1, 44.2, 1434367.0, 1e-7, 0.30000000000000004, -12.5] {
            for lang in Lang::ALL {
                assert_eq!(parse_number(lang, &format_field(lang, x)), Ok(x));
            }
        }
    }

    #[test]
    fn french_and_english_numbers_are_read_exactly() {
        let both = |text: &str, x: f64| {
            assert_eq!(parse_number(Fr, text), Ok(x), "{text:?} in French");
            assert_eq!(parse_number(En, text), Ok(x), "{text:?} in English");
        };
        both("12,5", 12.5);
        both("12.5", 12.5);
        both(" 1 234,5 ", 1234.5);
        both("1\u{202f}234,5", 1234.5);
        both("1\u{a0}234", 1234.0);
        both("1.234,5", 1234.5);
        both("1,234.5", 1234.5);
        both("1,234,567", 1_234_567.0);
        both("0,9", 0.9);
        both("12,", 12.0);
        both(",5", 0.5);
        both("\u{2212}3", -3.0);
        both("-0,25", -0.25);
        both("1e3", 1000.0);
        both("0,123", 0.123);
        // Issue 16: « 50,5 » typed in a French field is 50.5, not 505.
        both("50,5", 50.5);
        // The language's own reading where the other could differ.
        assert_eq!(parse_number(Fr, "1,234"), Ok(1.234));
        assert_eq!(parse_number(En, "1,234"), Ok(1234.0));
        assert_eq!(parse_number(En, "1.234"), Ok(1.234));
        assert_eq!(parse_number(Fr, "0.5"), Ok(0.5));
        assert_eq!(parse_number(Fr, "1.234.567"), Ok(1_234_567.0));
    }

    #[test]
    fn what_cannot_be_read_exactly_is_an_error() {
        for lang in Lang::ALL {
            assert_eq!(parse_number(lang, ""), Err(NumberError::Empty));
            assert_eq!(parse_number(lang, "  "), Err(NumberError::Empty));
            for text in [
                "abc", "douze", "inf", "NaN", "12 %", "1e", "-", ",", "1,2.3.4",
            ] {
                assert_eq!(
                    parse_number(lang, text),
                    Err(NumberError::NotANumber),
                    "{text:?} in {lang}"
                );
            }
            for text in ["1,2,3", "50,5,5", "12 34", "1 2345", "1  000"] {
                assert_eq!(
                    parse_number(lang, text),
                    Err(NumberError::Grouping),
                    "{text:?} in {lang}"
                );
            }
        }
        // « 1.234 » in French: a thousand, or one and a bit?
        assert_eq!(parse_number(Fr, "1.234"), Err(NumberError::Ambiguous));
        assert_eq!(parse_number(Fr, "-12.500"), Err(NumberError::Ambiguous));
    }
}
