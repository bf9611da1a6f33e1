//! Rendering results: `--output jsonl` lines, `--output human` reports, and the
//! human summary.

use std::io::{self, Write};
use std::ops::Range;

use vivamo_validate::{Customer, DuplicateKeys, ErrorCode, Issue, RecordResult, Report};

use crate::args::OutputFormat;

/// A valid record whose verdict the writer settles: it becomes invalid if it
/// repeats the id or email of an earlier valid record (SPEC §11.3).
pub struct Candidate {
    pub record: u64,
    /// Where its rendered text sits in [`Rendered::text`].
    pub span: Range<usize>,
    pub keys: DuplicateKeys,
    /// Its warnings, to render it again as invalid.
    pub warnings: Vec<Issue>,
}

/// The rendered output of one batch, with its counts.
pub struct Rendered {
    pub seq: u64,
    pub text: Vec<u8>,
    pub counts: Counts,
    /// The batch's valid records, in order, when the duplicate check is on.
    pub candidates: Vec<Candidate>,
}

/// Record, error and warning counts.
#[derive(Default)]
pub struct Counts {
    pub records: u64,
    pub invalid: u64,
    /// Error counts, indexed like `ErrorCode::ALL`.
    pub codes: Vec<u64>,
    /// Warning counts, indexed like `ErrorCode::ALL`.
    pub warning_codes: Vec<u64>,
}

impl Counts {
    fn new() -> Self {
        Counts {
            records: 0,
            invalid: 0,
            codes: vec![0; ErrorCode::ALL.len()],
            warning_codes: vec![0; ErrorCode::ALL.len()],
        }
    }

    /// Counts the issues of one record.
    pub fn issues(&mut self, errors: &[Issue], warnings: &[Issue]) {
        if !errors.is_empty() {
            self.invalid += 1;
        }
        tally(&mut self.codes, errors);
        tally(&mut self.warning_codes, warnings);
    }

    pub fn add(&mut self, other: &Counts) {
        self.records += other.records;
        self.invalid += other.invalid;
        add_all(&mut self.codes, &other.codes);
        add_all(&mut self.warning_codes, &other.warning_codes);
    }
}

fn tally(counts: &mut Vec<u64>, issues: &[Issue]) {
    if counts.len() < ErrorCode::ALL.len() {
        counts.resize(ErrorCode::ALL.len(), 0);
    }
    for code in issues.iter().map(|issue| issue.error.kind()) {
        if let Some(i) = ErrorCode::ALL.iter().position(|c| *c == code) {
            if let Some(count) = counts.get_mut(i) {
                *count += 1;
            }
        }
    }
}

fn add_all(total: &mut Vec<u64>, counts: &[u64]) {
    if total.len() < counts.len() {
        total.resize(counts.len(), 0);
    }
    for (total, count) in total.iter_mut().zip(counts) {
        *total += count;
    }
}

impl Rendered {
    pub fn new(seq: u64) -> Self {
        Rendered {
            seq,
            text: Vec::new(),
            counts: Counts::new(),
            candidates: Vec::new(),
        }
    }

    /// Renders one record's result; with `check_duplicates`, a valid record is
    /// kept as a [`Candidate`] for the writer.
    pub fn record(
        &mut self,
        format: OutputFormat,
        record: u64,
        result: &Result<Customer, Report>,
        check_duplicates: bool,
    ) {
        self.counts.records += 1;
        let start = self.text.len();
        render(format, &mut self.text, record, result);
        match result {
            Ok(customer) => {
                let warnings = customer.warnings();
                self.counts.issues(&[], &warnings);
                if check_duplicates {
                    self.candidates.push(Candidate {
                        record,
                        span: start..self.text.len(),
                        keys: DuplicateKeys::of(customer),
                        warnings,
                    });
                }
            }
            Err(report) => self.counts.issues(report.issues(), report.warnings()),
        }
    }
}

/// Renders one record in `format` onto `out`.
pub fn render(
    format: OutputFormat,
    out: &mut Vec<u8>,
    record: u64,
    result: &Result<Customer, Report>,
) {
    match format {
        OutputFormat::Jsonl => jsonl(out, record, result),
        OutputFormat::Human => human(out, record, result),
    }
}

fn jsonl(out: &mut Vec<u8>, record: u64, result: &Result<Customer, Report>) {
    let start = out.len();
    if serde_json::to_writer(&mut *out, &RecordResult::numbered(record, result)).is_err() {
        // Serializing these types cannot fail; keep the line well-formed regardless.
        out.truncate(start);
        let _ = write!(out, "{{\"record\":{record},\"valid\":false,\"errors\":[]}}");
    }
    out.push(b'\n');
}

fn human(out: &mut Vec<u8>, record: u64, result: &Result<Customer, Report>) {
    let warnings = match result {
        Ok(customer) => {
            let warnings = customer.warnings();
            if warnings.is_empty() {
                return;
            }
            let _ = writeln!(out, "record {record}: valid, with warnings");
            warnings
        }
        Err(report) => {
            let _ = writeln!(out, "record {record}: invalid");
            for issue in report.issues() {
                human_issue(out, "", issue);
            }
            report.warnings().to_vec()
        }
    };
    for issue in &warnings {
        human_issue(out, "warning: ", issue);
    }
}

fn human_issue(out: &mut Vec<u8>, prefix: &str, issue: &Issue) {
    let path = issue.path.to_string();
    let path = if path.is_empty() { "(record)" } else { &path };
    let error = &issue.error;
    let _ = write!(
        out,
        "  {prefix}{path}: {}: {}",
        error.code(),
        error.message()
    );
    if let Some(detail) = error.detail() {
        let _ = write!(out, " (detail: {detail})");
    }
    if let Some(suggestion) = error.suggestion() {
        let _ = write!(out, " (suggestion: {suggestion})");
    }
    out.push(b'\n');
}

/// The human summary: records read, valid, invalid, and a count per error code
/// (in the order of SPEC §9, codes that occurred only); then, when there were
/// any, the warnings and a count per warning code.
pub fn write_summary(out: &mut impl Write, summary: &Counts) -> io::Result<()> {
    let warnings: u64 = summary.warning_codes.iter().sum();
    if summary.invalid > 0 || warnings > 0 {
        writeln!(out)?;
    }
    writeln!(out, "records read: {}", summary.records)?;
    writeln!(
        out,
        "valid: {}",
        summary.records.saturating_sub(summary.invalid)
    )?;
    writeln!(out, "invalid: {}", summary.invalid)?;
    if warnings > 0 {
        writeln!(out, "warnings: {warnings}")?;
    }
    write_code_counts(out, "errors by code:", &summary.codes)?;
    write_code_counts(out, "warnings by code:", &summary.warning_codes)
}

fn write_code_counts(out: &mut impl Write, title: &str, counts: &[u64]) -> io::Result<()> {
    let counts: Vec<(ErrorCode, u64)> = ErrorCode::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| **count > 0)
        .map(|(code, count)| (*code, *count))
        .collect();
    if !counts.is_empty() {
        writeln!(out, "{title}")?;
        for (code, count) in counts {
            writeln!(out, "  {code}: {count}")?;
        }
    }
    Ok(())
}
