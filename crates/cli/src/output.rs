//! Writing results: JSON documents, CSV tables (`parcours_core::csv` in its data format: comma
//! separator, decimal point, LF, an empty field for an undefined value, text that a spreadsheet
//! would run as a formula neutralised) and aligned text tables.
//!
//! Everything written depends only on the scenario, the seed and the set of replications, never
//! on the files or the order they came from, so merged parts reproduce one run byte for byte.

use crate::Failure;
use parcours_core::csv::{Cell, Format, Writer};
use parcours_engine::Estimate;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

mod compare;
mod run;
mod table;
pub use compare::{comparison_csv, comparison_table, CompareReport};
pub use run::{write_csv_dir, RunReport};
pub(crate) use table::{columns, human, interval, title};
pub use table::{headline_table, printable};

/// Half-open ranges `[start, end)` covering sorted, distinct indices.
pub fn ranges(indices: impl Iterator<Item = u64>) -> Vec<[u64; 2]> {
    let mut out: Vec<[u64; 2]> = Vec::new();
    for i in indices {
        match out.last_mut() {
            Some(r) if r[1] == i => r[1] = i + 1,
            _ => out.push([i, i + 1]),
        }
    }
    out
}

/// An estimate with its 95 % interval, as JSON.
#[derive(Serialize)]
pub struct EstimateOut {
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n: usize,
}

impl From<&Estimate> for EstimateOut {
    fn from(e: &Estimate) -> EstimateOut {
        EstimateOut {
            mean: e.mean,
            ci_low: e.ci_low,
            ci_high: e.ci_high,
            n: e.n,
        }
    }
}

/// `0..50, 60..100`.
pub fn ranges_text(r: &[[u64; 2]]) -> String {
    r.iter()
        .map(|[a, b]| format!("{a}..{b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes to the file, or to standard output when there is none.
fn write_with(
    out: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    match out {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?;
            let mut w = BufWriter::new(file);
            f(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            f(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Failure(format!("cannot write to standard output: {e}")))
        }
    }
}

/// Compact JSON and a final newline.
pub fn write_json(out: Option<&Path>, value: &impl Serialize) -> Result<(), Failure> {
    write_with(out, |w| {
        serde_json::to_writer(&mut *w, value).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
}

pub fn write_text(out: Option<&Path>, text: &str) -> Result<(), Failure> {
    write_with(out, |w| w.write_all(text.as_bytes()))
}

/// A table in the data format (R, pandas, scripts).
pub(crate) fn csv(header: &[&str]) -> Writer {
    Writer::new(header, Format::DATA)
}

/// An integer, exactly (a seed may exceed what an f64 holds).
pub(crate) fn int<'a>(n: impl ToString) -> Cell<'a> {
    Cell::text(n.to_string())
}
