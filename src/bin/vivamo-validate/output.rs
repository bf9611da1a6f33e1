//! Rendering results: `--output jsonl` lines, `--output human` reports,
//! `--output csv` rows, and the human summary.

use std::io::{self, Write};
use std::ops::Range;

use vivamo_validate::{Customer, DuplicateKeys, ErrorCode, Issue, RecordResult, Report};

use crate::args::{Config, OutputFormat};
use crate::csv_rows::FIELDS;
use crate::given::Given;
use crate::pipeline::{Cells, Notes};

/// One record's number and origin, and what its output shows besides the result.
#[derive(Clone)]
pub struct Source {
    pub record: u64,
    /// The input, an index into [`Config::names`].
    pub file: usize,
    pub line: u64,
    /// `externalCustomerId` as given, when it was a string.
    pub id: Option<String>,
    /// Warnings found while reading, after the record's own.
    pub warnings: Vec<Issue>,
    /// The values as given, for `--output csv`.
    pub given: Option<Given>,
    /// The CSV row's cells, for `--output csv` with one CSV input.
    pub cells: Option<Cells>,
    /// The record is a CSV row: `unknown_field` errors are unknown columns.
    pub from_csv: bool,
}

/// A valid record whose verdict the writer settles: it becomes invalid if it
/// repeats the id or email of an earlier valid record (the API's uniqueness rule).
pub struct Candidate {
    pub record: u64,
    /// Where its rendered text sits in [`Rendered::text`].
    pub span: Range<usize>,
    pub keys: DuplicateKeys,
    /// What rendering it again as invalid takes.
    pub again: Again,
}

/// What the writer needs to render a candidate again, as invalid.
///
/// A record without warnings or given values (most of them) is kept as its place
/// and its id, the id in the batch's [`Rendered::ids`]: nothing of it is allocated
/// on its own, so a worker's allocations are freed by the worker rather than
/// passed to the writer one record at a time (a free from another thread costs
/// the allocator a lock), and a candidate is small to move.
pub enum Again {
    Plain {
        file: usize,
        line: u64,
        id: Range<usize>,
        from_csv: bool,
    },
    /// Its origin and its own warnings.
    Full(Box<(Source, Vec<Issue>)>),
}

/// The rendered output of one batch, with its counts.
pub struct Rendered {
    pub seq: u64,
    pub text: Vec<u8>,
    pub counts: Counts,
    /// The batch's valid records, in order, when the duplicate check is on.
    pub candidates: Vec<Candidate>,
    /// The ids of the candidates kept [`Again::Plain`], one after another.
    pub ids: String,
    /// How many input bytes the batch's records were read from.
    pub input_bytes: u64,
}

impl Rendered {
    /// The origin of a candidate and its own warnings, to render it again.
    pub fn again(&self, candidate: &Candidate) -> (Source, Vec<Issue>) {
        match &candidate.again {
            Again::Plain {
                file,
                line,
                id,
                from_csv,
            } => (
                Source {
                    record: candidate.record,
                    file: *file,
                    line: *line,
                    id: self.ids.get(id.clone()).map(str::to_owned),
                    warnings: Vec::new(),
                    given: None,
                    cells: None,
                    from_csv: *from_csv,
                },
                Vec::new(),
            ),
            Again::Full(full) => {
                let (source, warnings) = &**full;
                (source.clone(), warnings.clone())
            }
        }
    }
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
            ids: String::new(),
            input_bytes: 0,
        }
    }

    /// A batch of `records` records, with room for each to be a candidate.
    pub fn with_capacity(seq: u64, config: &Config, records: usize) -> Self {
        let mut rendered = Rendered::new(seq);
        if config.duplicate_check {
            rendered.candidates.reserve_exact(records);
        }
        rendered
    }

    /// Renders one record's result; with the duplicate check on, a valid
    /// record is kept as a [`Candidate`] for the writer.
    pub fn record(&mut self, config: &Config, source: Source, result: &Result<Customer, Report>) {
        self.counts.records += 1;
        let record = source.record;
        let start = self.text.len();
        render(config, &mut self.text, &source, result);
        match result {
            Ok(customer) => {
                let mut warnings = customer.warnings();
                let own = warnings.len();
                warnings.extend(source.warnings.iter().cloned());
                self.counts.issues(&[], &warnings);
                warnings.truncate(own);
                if config.duplicate_check {
                    let plain = warnings.is_empty()
                        && source.warnings.is_empty()
                        && source.given.is_none()
                        && source.cells.is_none();
                    let again = if plain {
                        let id = customer.external_customer_id.as_str();
                        let at = self.ids.len();
                        self.ids.push_str(id);
                        Again::Plain {
                            file: source.file,
                            line: source.line,
                            id: at..self.ids.len(),
                            from_csv: source.from_csv,
                        }
                    } else {
                        Again::Full(Box::new((source, warnings)))
                    };
                    self.candidates.push(Candidate {
                        record,
                        span: start..self.text.len(),
                        keys: DuplicateKeys::of(customer),
                        again,
                    });
                }
            }
            Err(report) => {
                let mut warnings = report.warnings().to_vec();
                warnings.extend(source.warnings.iter().cloned());
                self.counts.issues(report.issues(), &warnings);
            }
        }
    }
}

/// Renders one record in the configured format onto `out`.
pub fn render(
    config: &Config,
    out: &mut Vec<u8>,
    source: &Source,
    result: &Result<Customer, Report>,
) {
    let file = config.names.get(source.file).map_or("-", String::as_str);
    match config.output {
        OutputFormat::Jsonl => jsonl(out, file, source, result),
        OutputFormat::Human => human(out, file, source, result),
        OutputFormat::Csv => csv_row(out, file, source, result),
    }
}

fn jsonl(out: &mut Vec<u8>, file: &str, source: &Source, result: &Result<Customer, Report>) {
    RecordResult::numbered(source.record, result)
        .with_source(file, source.line, source.id.as_deref())
        .with_warnings(&source.warnings)
        .write_json(out);
    out.push(b'\n');
}

fn human(out: &mut Vec<u8>, file: &str, source: &Source, result: &Result<Customer, Report>) {
    let record = source.record;
    let line = source.line;
    let warnings = match result {
        Ok(customer) => {
            let warnings = customer.warnings();
            if warnings.is_empty() && source.warnings.is_empty() {
                return;
            }
            let _ = writeln!(out, "{file}:{line}: record {record}: valid, with warnings");
            warnings
        }
        Err(report) => {
            let _ = writeln!(out, "{file}:{line}: record {record}: invalid");
            // A CSV row's unknown columns are named once, in the summary.
            let folded =
                |issue: &&Issue| source.from_csv && issue.error.kind() == ErrorCode::UnknownField;
            let mut listed = 0;
            for issue in report.issues().iter().filter(|i| !folded(i)) {
                human_issue(out, "", issue);
                listed += 1;
            }
            if listed == 0 && !report.issues().is_empty() {
                let _ = writeln!(
                    out,
                    "  unknown_field: values in columns that are not fields (see the summary)"
                );
            }
            report.warnings().to_vec()
        }
    };
    for issue in warnings.iter().chain(&source.warnings) {
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
/// (in the order of the table of error codes, codes that occurred only); then, when there were
/// any, the warnings and a count per warning code.
pub fn write_summary(out: &mut impl Write, summary: &Counts, notes: &Notes) -> io::Result<()> {
    let warnings: u64 = summary.warning_codes.iter().sum();
    let unknown = notes
        .unknown_columns
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if summary.invalid > 0 || warnings > 0 || !unknown.is_empty() {
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
    let multiline = ErrorCode::ALL
        .iter()
        .position(|code| *code == ErrorCode::CsvMultilineField)
        .and_then(|i| summary.warning_codes.get(i))
        .copied()
        .unwrap_or(0);
    if multiline > 0 {
        writeln!(out, "csv records spanning several lines: {multiline}")?;
    }
    for columns in unknown.iter() {
        writeln!(out, "unknown columns: {columns}")?;
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

/// The appended columns of `--output csv`, after the input's.
const APPENDED: [&str; 6] = ["file", "line", "record", "valid", "errors", "warnings"];

/// The prefix of the normalized values' columns: `normalized.email` is no field
/// name, so the output read back as input gives the input's values again.
const NORMALIZED: &str = "normalized.";

/// The header row of `--output csv`: the input's columns (one CSV input: its
/// header as it is; otherwise the flat field names), the appended columns, and
/// the normalized values.
pub fn write_csv_header(out: &mut impl Write, notes: &Notes) -> io::Result<()> {
    let header = notes
        .csv_header
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut row = Vec::new();
    let mut cells: Vec<&str> = match header.as_ref() {
        Some(names) => names.iter().map(String::as_str).collect(),
        None => FIELDS.to_vec(),
    };
    cells.extend(APPENDED);
    let normalized: Vec<String> = FIELDS.iter().map(|f| format!("{NORMALIZED}{f}")).collect();
    cells.extend(normalized.iter().map(String::as_str));
    write_csv_cells(&mut row, cells);
    out.write_all(&row)
}

fn csv_row(out: &mut Vec<u8>, file: &str, source: &Source, result: &Result<Customer, Report>) {
    let mut cells: Vec<&str> = Vec::new();
    match (&source.cells, &source.given) {
        (Some(row), _) => {
            cells.extend(row.values.iter().map(String::as_str));
            cells.resize(row.width, "");
        }
        (None, Some(given)) => cells.extend(given.0.iter().map(|v| v.as_deref().unwrap_or(""))),
        (None, None) => {
            cells.extend(std::iter::repeat_n("", FIELDS.len()));
            if let (Some(id), Some(first)) = (&source.id, cells.first_mut()) {
                *first = id.as_str();
            }
        }
    }
    let line = source.line.to_string();
    let record = source.record.to_string();
    let (valid, errors, own_warnings) = match result {
        Ok(customer) => ("true", String::new(), customer.warnings()),
        Err(report) => (
            "false",
            compact(report.issues()),
            report.warnings().to_vec(),
        ),
    };
    let all_warnings: Vec<Issue> = own_warnings
        .into_iter()
        .chain(source.warnings.iter().cloned())
        .collect();
    let warnings = compact(&all_warnings);
    cells.extend([file, &line, &record, valid, &errors, &warnings]);
    let normalized = match result {
        Ok(customer) => normalized_values(customer),
        Err(_) => Vec::new(),
    };
    cells.extend(normalized.iter().map(String::as_str));
    cells.resize(cells.len() + FIELDS.len() - normalized.len(), "");
    write_csv_cells(out, cells);
}

/// `path: code` for each issue (the code alone at the root), joined by `; `.
fn compact(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|issue| {
            let path = issue.path.to_string();
            if path.is_empty() {
                issue.error.code().to_owned()
            } else {
                format!("{path}: {}", issue.error.code())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A valid record's normalized flat values, indexed like [`FIELDS`].
fn normalized_values(customer: &Customer) -> Vec<String> {
    let value = serde_json::to_value(customer).unwrap_or_default();
    let text = |v: Option<&serde_json::Value>| {
        v.and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    FIELDS
        .iter()
        .map(|field| match *field {
            "externalCustomerId" | "createdAt" => text(value.get(field)),
            _ => text(value.get("data").and_then(|data| data.get(field))),
        })
        .collect()
}

/// One CSV row, each cell quoted when it holds a comma, a quote, CR or LF (or
/// starts or ends with a space, which some readers trim), `"` doubled.
fn write_csv_cells<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let quote = cell
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
            || cell.starts_with(' ')
            || cell.ends_with(' ');
        if quote {
            out.push(b'"');
            for byte in cell.bytes() {
                if byte == b'"' {
                    out.push(b'"');
                }
                out.push(byte);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        let mut out = Vec::new();
        write_csv_cells(&mut out, ["a", "b,c", "say \"hi\"", "x\ny", " pad", ""]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\" pad\",\n"
        );
    }
}
