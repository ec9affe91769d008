//! The one CSV writer of Parcours: the page's downloads (`result_tables.rs`) and the command
//! line's tables (`crates/cli`) go through it.
//!
//! Fields are quoted per RFC 4180: a field holding a separator (either dialect's: `,` or `;`, so
//! a file opened with the other dialect still keeps every text in its own column), a quote or a
//! line break is wrapped in quotes, quotes doubled. Two dialects: international (`,` separator,
//! `.` decimals) and French spreadsheets (`;` and `,`). Numbers are written in full precision,
//! never grouped; an undefined figure (not finite) is an empty cell. Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return)
//! get a leading apostrophe (OWASP "CSV injection"); numbers are never altered.
//!
//! Two kinds of file ([`Format`]): for spreadsheets, **UTF-8 with a byte-order mark** (so Excel
//! reads accents right) and CRLF between records; for data tools (R, pandas, the command line's
//! tables), no mark and LF, comma and point.

use std::borrow::Cow;

use crate::i18n::{numbers::format_exact, Lang, Msg};

/// Byte-order mark written first in a spreadsheet file.
pub const BOM: char = '\u{feff}';
/// Record separator of a spreadsheet file (RFC 4180).
pub const EOL: &str = "\r\n";

/// Separator and decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// `,` between fields, `.` in numbers.
    International,
    /// `;` between fields, `,` in numbers: what French spreadsheets expect.
    French,
}

impl Dialect {
    pub const ALL: [Dialect; 2] = [Dialect::French, Dialect::International];

    /// French spreadsheets in French, international in English.
    pub fn default_for(lang: Lang) -> Dialect {
        match lang {
            Lang::Fr => Dialect::French,
            Lang::En => Dialect::International,
        }
    }

    pub fn separator(self) -> char {
        match self {
            Dialect::International => ',',
            Dialect::French => ';',
        }
    }

    pub fn decimal(self) -> char {
        match self {
            Dialect::International => '.',
            Dialect::French => ',',
        }
    }

    /// Value of the dialect's `<option>`.
    pub fn code(self) -> &'static str {
        match self {
            Dialect::International => "intl",
            Dialect::French => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> Msg<'static> {
        match self {
            Dialect::International => Msg::DialectInternational,
            Dialect::French => Msg::DialectFrench,
        }
    }
}

/// What kind of file: separator and decimal mark, byte-order mark, line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub dialect: Dialect,
    /// A byte-order mark first.
    pub bom: bool,
    /// What ends a record.
    pub eol: &'static str,
}

impl Format {
    /// For data tools (R's `read.csv`, pandas, scripts): comma and point, no byte-order mark,
    /// LF line ends.
    pub const DATA: Format = Format {
        dialect: Dialect::International,
        bom: false,
        eol: "\n",
    };

    /// For spreadsheets: the dialect, a byte-order mark and CRLF line ends.
    pub fn spreadsheet(dialect: Dialect) -> Format {
        Format {
            dialect,
            bom: true,
            eol: EOL,
        }
    }
}

impl From<Dialect> for Format {
    fn from(dialect: Dialect) -> Format {
        Format::spreadsheet(dialect)
    }
}

/// One field of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text, possibly typed by a user: neutralised if a spreadsheet would run it.
    Text(Cow<'a, str>),
    /// A number; empty when not finite (undefined).
    Num(f64),
    /// An empty cell.
    Empty,
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }
    /// An optional figure: empty when undefined.
    pub fn opt(x: Option<f64>) -> Cell<'a> {
        x.map_or(Cell::Empty, Cell::Num)
    }
}

/// A text a spreadsheet would take for a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A number in the dialect: shortest decimal that reads back exactly, no exponent, no grouping.
pub fn number(x: f64, dialect: Dialect) -> String {
    format_exact(x, dialect.decimal())
}

/// The field as written: numbers as they are, text neutralised then quoted when needed.
fn field(out: &mut String, cell: &Cell, dialect: Dialect) {
    match cell {
        Cell::Num(x) => out.push_str(&number(*x, dialect)),
        Cell::Empty => {}
        Cell::Text(s) => {
            let s = neutralise(s);
            if s.contains([',', ';', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&s);
            }
        }
    }
}

/// A table being written, row by row.
#[derive(Debug, Clone)]
pub struct Writer {
    text: String,
    format: Format,
}

impl Writer {
    /// A file with its header row of column ids.
    pub fn new(header: &[&str], format: impl Into<Format>) -> Writer {
        let format = format.into();
        let mut w = Writer {
            text: String::new(),
            format,
        };
        if format.bom {
            w.text.push(BOM);
        }
        let header: Vec<Cell> = header.iter().map(|h| Cell::text(*h)).collect();
        w.row(&header);
        w
    }

    pub fn row(&mut self, cells: &[Cell]) {
        let d = self.format.dialect;
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push(d.separator());
            }
            field(&mut self.text, cell, d);
        }
        self.text.push_str(self.format.eol);
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// A whole file: header row, then rows.
pub fn table<'a>(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell<'a>>>,
    format: impl Into<Format>,
) -> String {
    let mut w = Writer::new(header, format);
    for row in rows {
        w.row(&row);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: Vec<Cell>, d: Dialect) -> String {
        let t = table(&["a"], [cells], d);
        t.split(EOL).nth(1).unwrap().to_string()
    }

    #[test]
    fn the_two_dialects() {
        let cells = || vec![Cell::Num(-12.5), Cell::Num(1234.0), Cell::text("a,b;c")];
        assert_eq!(row(cells(), Dialect::French), "-12,5;1234;\"a,b;c\"");
        assert_eq!(row(cells(), Dialect::International), "-12.5,1234,\"a,b;c\"");
        assert_eq!(Dialect::default_for(Lang::Fr), Dialect::French);
        assert_eq!(Dialect::default_for(Lang::En), Dialect::International);
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_code(d.code()), Some(d));
        }
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let d = Dialect::International;
        assert_eq!(
            row(vec![Cell::text("say \"hi\""), Cell::text("two\nlines")], d),
            "\"say \"\"hi\"\"\",\"two\nlines\""
        );
        // Text holding either dialect's separator is quoted, so a file read with the other
        // dialect still keeps it in one column.
        assert_eq!(row(vec![Cell::text("a, b")], Dialect::French), "\"a, b\"");
        assert_eq!(row(vec![Cell::text("a; b")], d), "\"a; b\"");
        assert_eq!(row(vec![Cell::text("a; b")], Dialect::French), "\"a; b\"");
        assert_eq!(row(vec![Cell::text("plain")], d), "plain");
    }

    #[test]
    fn formulas_in_text_are_neutralised_numbers_are_not() {
        let d = Dialect::French;
        assert_eq!(
            row(vec![Cell::text("=cmd|' /C calc'!A0")], d),
            "'=cmd|' /C calc'!A0"
        );
        assert_eq!(row(vec![Cell::text("+1")], d), "'+1");
        assert_eq!(row(vec![Cell::text("-x")], d), "'-x");
        assert_eq!(row(vec![Cell::text("@SUM(1)")], d), "'@SUM(1)");
        assert_eq!(row(vec![Cell::text("\tx")], d), "'\tx");
        // A carriage return is neutralised, then the field quoted (it holds a line break).
        assert_eq!(row(vec![Cell::text("\r=1")], d), "\"'\r=1\"");
        // With the separator inside, neutralised and quoted.
        assert_eq!(
            row(vec![Cell::text("=A1;B1")], d),
            "\"'=A1;B1\"",
            "neutralised inside the quotes"
        );
        // Numbers stay numbers, negative ones included.
        assert_eq!(row(vec![Cell::Num(-12.5)], d), "-12,5");
        assert_eq!(row(vec![Cell::Num(-12.5)], Dialect::International), "-12.5");
        assert_eq!(row(vec![Cell::text("Ménages — CHRS")], d), "Ménages — CHRS");
    }

    #[test]
    fn undefined_figures_are_empty_cells() {
        let d = Dialect::French;
        assert_eq!(
            row(
                vec![
                    Cell::Num(f64::NAN),
                    Cell::opt(None),
                    Cell::Empty,
                    Cell::Num(1.0)
                ],
                d
            ),
            ";;;1"
        );
        assert_eq!(number(f64::INFINITY, d), "");
        // Never an exponent.
        assert_eq!(number(1e-7, Dialect::International), "0.0000001");
        assert_eq!(number(2e21, Dialect::French), "2000000000000000000000");
    }

    #[test]
    fn bom_header_and_crlf() {
        let t = table(
            &["x", "y"],
            [vec![Cell::Num(1.0), Cell::Num(2.0)]],
            Dialect::French,
        );
        assert!(t.starts_with('\u{feff}'));
        assert!(t.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(t, "\u{feff}x;y\r\n1;2\r\n");
    }

    #[test]
    fn data_files_have_no_mark_and_plain_line_ends() {
        let t = table(
            &["id", "label"],
            [vec![Cell::Num(0.5), Cell::text("=x, y")]],
            Format::DATA,
        );
        assert_eq!(t, "id,label\n0.5,\"'=x, y\"\n");
    }
}
