//! Rendering results: `--output jsonl` lines, `--output human` reports, and the
//! human summary.

use std::io::{self, Write};

use vivamo_validate::{Customer, ErrorCode, Report};

use crate::args::OutputFormat;

/// The rendered output of one batch, with its counts.
pub struct Rendered {
    pub seq: u64,
    pub text: Vec<u8>,
    pub records: u64,
    pub invalid: u64,
    /// Error counts, indexed like `ErrorCode::ALL`.
    pub codes: Vec<u64>,
}

impl Rendered {
    pub fn new(seq: u64) -> Self {
        Rendered {
            seq,
            text: Vec::new(),
            records: 0,
            invalid: 0,
            codes: vec![0; ErrorCode::ALL.len()],
        }
    }

    /// Renders one record's result.
    pub fn record(&mut self, format: OutputFormat, record: u64, result: &Result<Customer, Report>) {
        self.records += 1;
        if let Err(report) = result {
            self.invalid += 1;
            for code in report.issues().iter().map(|issue| issue.error.kind()) {
                if let Some(i) = ErrorCode::ALL.iter().position(|c| *c == code) {
                    if let Some(count) = self.codes.get_mut(i) {
                        *count += 1;
                    }
                }
            }
        }
        match format {
            OutputFormat::Jsonl => self.jsonl(record, result),
            OutputFormat::Human => self.human(record, result),
        }
    }

    fn jsonl(&mut self, record: u64, result: &Result<Customer, Report>) {
        let out = &mut self.text;
        let start = out.len();
        let written = match result {
            Ok(customer) => {
                let _ = write!(out, "{{\"record\":{record},\"valid\":true,\"customer\":");
                serde_json::to_writer(&mut *out, customer)
            }
            Err(report) => {
                let _ = write!(out, "{{\"record\":{record},\"valid\":false,\"errors\":");
                serde_json::to_writer(&mut *out, report.issues())
            }
        };
        if written.is_err() {
            // Serializing these types cannot fail; keep the line well-formed regardless.
            out.truncate(start);
            let _ = write!(out, "{{\"record\":{record},\"valid\":false,\"errors\":[]");
        }
        out.extend_from_slice(b"}\n");
    }

    fn human(&mut self, record: u64, result: &Result<Customer, Report>) {
        let Err(report) = result else { return };
        let out = &mut self.text;
        let _ = writeln!(out, "record {record}: invalid");
        for issue in report.issues() {
            let path = issue.path.to_string();
            let path = if path.is_empty() { "(record)" } else { &path };
            let error = &issue.error;
            let _ = write!(out, "  {path}: {}: {}", error.code(), error.message());
            if let Some(detail) = error.detail() {
                let _ = write!(out, " (detail: {detail})");
            }
            if let Some(suggestion) = error.suggestion() {
                let _ = write!(out, " (suggestion: {suggestion})");
            }
            out.push(b'\n');
        }
    }
}

/// Totals over the run.
#[derive(Default)]
pub struct Summary {
    pub records: u64,
    pub invalid: u64,
    pub codes: Vec<u64>,
}

impl Summary {
    pub fn add(&mut self, rendered: &Rendered) {
        self.records += rendered.records;
        self.invalid += rendered.invalid;
        if self.codes.len() < rendered.codes.len() {
            self.codes.resize(rendered.codes.len(), 0);
        }
        for (total, count) in self.codes.iter_mut().zip(&rendered.codes) {
            *total += count;
        }
    }
}

/// The human summary: records read, valid, invalid, and a count per error code
/// (in the order of SPEC §9, codes that occurred only).
pub fn write_summary(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    if summary.invalid > 0 {
        writeln!(out)?;
    }
    writeln!(out, "records read: {}", summary.records)?;
    writeln!(
        out,
        "valid: {}",
        summary.records.saturating_sub(summary.invalid)
    )?;
    writeln!(out, "invalid: {}", summary.invalid)?;
    let counts: Vec<(ErrorCode, u64)> = ErrorCode::ALL
        .iter()
        .zip(&summary.codes)
        .filter(|(_, count)| **count > 0)
        .map(|(code, count)| (*code, *count))
        .collect();
    if !counts.is_empty() {
        writeln!(out, "errors by code:")?;
        for (code, count) in counts {
            writeln!(out, "  {code}: {count}")?;
        }
    }
    Ok(())
}
