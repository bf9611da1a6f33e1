//! Command-line arguments (lexopt) and the policy files they name.

use std::ffi::OsString;
use std::path::PathBuf;

use vivamo_validate::{Environment, Options, StateSet};

use crate::csv_rows::{field_index, CsvSettings, FIELDS};

pub const HELP: &str = "\
vivamo-validate: check customer records against the Vivamo customer API's rules

usage: vivamo-validate [OPTIONS] [FILE ...]

With no FILE, or when FILE is -, read standard input. Each FILE's format comes
from its extension (.jsonl/.ndjson: JSON Lines, .json: a JSON array of
records, .csv/.tsv: CSV); for standard input and any other extension, from
the first non-blank byte: [ a JSON array, { JSON Lines, anything else CSV.
--input overrides both.

CSV: the header names the fields (externalCustomerId, email, phone, firstName,
lastName, street, street2, state, city, zip, country, createdAt), matched
ignoring case, spaces, _ and - (First Name, first_name and FIRSTNAME are
firstName); other names need --map. A header without an email column is an
error. The delimiter is guessed from the header line unless given.

options:
  --input jsonl|json|csv     input format of every FILE and of standard input
  --output human|jsonl|csv   human: invalid records (file:line) and a summary
                             (default); jsonl: one JSON line per input record,
                             with its file, line and externalCustomerId; csv:
                             the input's values with the verdict and the
                             normalized values appended, one row per record
  --map COLUMN=FIELD         read the CSV column COLUMN as FIELD (repeatable),
                             e.g. --map 'Phone Number=phone'
  --delimiter D              CSV delimiter: , ; | or tab (default: the one of
                             these found most often in the header line)
  --environment ENV          production (default): disposable domains and +
                             tags are errors; sandbox: they are warnings
  --no-duplicate-check       do not report records that repeat the id or the
                             email of an earlier valid record
  --states SET               US states accepted: states, states-dc,
                             states-dc-territories or all (default: all)
  --reject-fixed-line-or-mobile
                             reject phone numbers that may be fixed lines
  --block-domains FILE       extra disposable email domains, one a line (an
                             entry that is not a domain is an error)
  --allow-domains FILE       email domains never counted as disposable
  --report-unknown-fields    report fields the API does not know (a CSV
                             column: each value, and once in the summary)
  --threads N                validating threads (default: the cores, at most 4)
  -h, --help                 print this help
  -V, --version              print the version and the data versions

exit status: 0 all records valid, 1 some record invalid, 2 usage or I/O error
";

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    JsonArray,
    Csv,
}

impl Format {
    /// The format of `path`, from its extension; `None` when unknown (the
    /// content decides).
    pub fn for_path(path: &std::path::Path) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => Some(Format::JsonArray),
            Some("jsonl" | "ndjson") => Some(Format::Jsonl),
            Some("csv" | "tsv") => Some(Format::Csv),
            _ => None,
        }
    }
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Jsonl,
    Csv,
}

/// One input: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The input's name in results and messages: the path as given, `-` for
    /// standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Everything a run needs.
#[derive(Debug)]
pub struct Config {
    pub inputs: Vec<Input>,
    /// Each input's [`Input::name`], in order.
    pub names: Vec<String>,
    pub input_format: Option<Format>,
    pub output: OutputFormat,
    pub options: Options,
    /// Report records that repeat the id or email of an earlier valid record.
    pub duplicate_check: bool,
    /// Worker threads; `None`: one a core, at most 4.
    pub threads: Option<usize>,
    /// `--delimiter` and `--map`.
    pub csv: CsvSettings,
}

/// The outcome of argument parsing.
#[derive(Debug)]
pub enum Parsed {
    Run(Config),
    Help,
    Version,
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, String> {
    use lexopt::prelude::*;

    let mut parser = lexopt::Parser::from_args(args);
    let mut inputs = Vec::new();
    let mut input_format = None;
    let mut output = OutputFormat::Human;
    let mut options = Options::default();
    let mut block_files = Vec::new();
    let mut allow_files = Vec::new();
    let mut duplicate_check = true;
    let mut threads = None;
    let mut csv = CsvSettings::default();

    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help),
            Short('V') | Long("version") => return Ok(Parsed::Version),
            Long("input") => {
                input_format = Some(match string_value(&mut parser, "--input")?.as_str() {
                    "jsonl" => Format::Jsonl,
                    "json" => Format::JsonArray,
                    "csv" => Format::Csv,
                    other => return Err(format!("--input must be jsonl, json or csv, not '{other}'")),
                })
            }
            Long("output") => {
                output = match string_value(&mut parser, "--output")?.as_str() {
                    "human" => OutputFormat::Human,
                    "jsonl" => OutputFormat::Jsonl,
                    "csv" => OutputFormat::Csv,
                    other => {
                        return Err(format!(
                            "--output must be human, jsonl or csv, not '{other}'"
                        ))
                    }
                }
            }
            Long("states") => {
                options.states = match string_value(&mut parser, "--states")?.as_str() {
                    "states" => StateSet::States,
                    "states-dc" => StateSet::StatesAndDc,
                    "states-dc-territories" => StateSet::StatesDcAndTerritories,
                    "all" => StateSet::All,
                    other => {
                        return Err(format!(
                            "--states must be states, states-dc, states-dc-territories or all, not '{other}'"
                        ))
                    }
                }
            }
            Long("environment") => {
                let value = string_value(&mut parser, "--environment")?;
                options.environment = value.parse::<Environment>().map_err(|_| {
                    format!("--environment must be production or sandbox, not '{value}'")
                })?;
            }
            Long("no-duplicate-check") => duplicate_check = false,
            Long("delimiter") => {
                let value = string_value(&mut parser, "--delimiter")?;
                csv.delimiter = Some(match value.as_str() {
                    "," => b',',
                    ";" => b';',
                    "|" => b'|',
                    "\t" | "\\t" | "tab" | "TAB" => b'\t',
                    other => {
                        return Err(format!(
                            "--delimiter must be ',', ';', '|' or tab, not '{other}'"
                        ))
                    }
                });
            }
            Long("map") => {
                let value = string_value(&mut parser, "--map")?;
                csv.maps.push(parse_map(&value)?);
            }
            Long("threads") => {
                let value = string_value(&mut parser, "--threads")?;
                threads = match value.parse::<usize>() {
                    Ok(n @ 1..=256) => Some(n),
                    _ => {
                        return Err(format!(
                            "--threads must be a number from 1 to 256, not '{value}'"
                        ))
                    }
                };
            }
            Long("reject-fixed-line-or-mobile") => options.phone.reject_fixed_line_or_mobile = true,
            Long("report-unknown-fields") => options.report_unknown_fields = true,
            Long("block-domains") => block_files.push(PathBuf::from(path_value(&mut parser)?)),
            Long("allow-domains") => allow_files.push(PathBuf::from(path_value(&mut parser)?)),
            Value(value) if value == "-" => inputs.push(Input::Stdin),
            Value(value) => inputs.push(Input::File(PathBuf::from(value))),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    for file in &block_files {
        for (line, domain) in read_domains(file)? {
            options
                .email
                .try_block(&domain)
                .map_err(|error| bad_domain(file, line, &domain, &error))?;
        }
    }
    for file in &allow_files {
        for (line, domain) in read_domains(file)? {
            options
                .email
                .try_allow(&domain)
                .map_err(|error| bad_domain(file, line, &domain, &error))?;
        }
    }
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Ok(Parsed::Run(Config {
        names: inputs.iter().map(Input::name).collect(),
        inputs,
        input_format,
        output,
        options,
        duplicate_check,
        threads,
        csv,
    }))
}

/// `COLUMN=FIELD`, split at the last `=` (a field name has none); the field is
/// matched like a CSV header name.
fn parse_map(value: &str) -> Result<(String, usize), String> {
    let Some((column, field)) = value.rsplit_once('=') else {
        return Err(format!(
            "--map takes COLUMN=FIELD (e.g. --map 'Phone Number=phone'), not '{value}'"
        ));
    };
    let column = column.trim();
    if column.is_empty() {
        return Err(format!("--map '{value}' names no column"));
    }
    match field_index(field) {
        Some(index) => Ok((column.to_owned(), index)),
        None => Err(format!(
            "--map '{value}': '{}' is not a field; the fields are {}",
            field.trim(),
            FIELDS.join(", ")
        )),
    }
}

/// The usage error of a domain-list entry that is not a domain.
fn bad_domain(
    file: &std::path::Path,
    line: usize,
    domain: &str,
    error: &vivamo_validate::Error,
) -> String {
    let detail = error
        .detail()
        .map(|detail| format!(" ({detail})"))
        .unwrap_or_default();
    format!(
        "{}:{line}: {} is not a domain: {}{detail}; write the domain itself (spam.com also \
         covers its subdomains)",
        file.display(),
        crate::csv_rows::quoted_name(domain),
        error.message()
    )
}

fn string_value(parser: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(|e| e.to_string())?
        .into_string()
        .map_err(|_| format!("the value of {name} is not valid unicode"))
}

fn path_value(parser: &mut lexopt::Parser) -> Result<OsString, String> {
    parser.value().map_err(|e| e.to_string())
}

/// The longest line of a domain list, in bytes.
pub const MAX_DOMAIN_LINE: usize = 1 << 20;
/// The largest domain list, in bytes.
pub const MAX_DOMAIN_FILE: u64 = 64 << 20;
/// The most domains one list may name: 25 times the bundled list, and small
/// enough (about 20 MB as a set) to keep the run's memory bounded.
pub const MAX_DOMAINS: usize = 250_000;

/// A domain list: one domain a line (with its line number); blank lines and
/// `#` comments are skipped.
/// Read line by line within [`MAX_DOMAIN_LINE`], [`MAX_DOMAIN_FILE`] and
/// [`MAX_DOMAINS`] (`/dev/zero` once grew the process by 3.3 GiB in 5 s);
/// exceeding one is a usage error naming the file.
fn read_domains(path: &std::path::Path) -> Result<Vec<(usize, String)>, String> {
    use std::io::Read;
    let cannot =
        |e: &dyn std::fmt::Display| format!("{}: cannot read domain list: {e}", path.display());
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut reader = std::io::BufReader::new(file.take(MAX_DOMAIN_FILE + 1));
    let mut domains = Vec::new();
    let mut line = Vec::new();
    let mut total = 0u64;
    let mut number = 0;
    loop {
        line.clear();
        number += 1;
        let (consumed, too_long) =
            crate::jsonl::read_line_capped(&mut reader, &mut line, MAX_DOMAIN_LINE + 1)
                .map_err(|e| cannot(&e))?;
        if consumed == 0 {
            return Ok(domains);
        }
        total += consumed as u64;
        if total > MAX_DOMAIN_FILE {
            return Err(cannot(&format_args!(
                "the file is larger than {MAX_DOMAIN_FILE} bytes"
            )));
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if too_long || text.len() > MAX_DOMAIN_LINE {
            return Err(cannot(&format_args!(
                "a line is longer than {MAX_DOMAIN_LINE} bytes"
            )));
        }
        let text = std::str::from_utf8(text).map_err(|_| cannot(&"a line is not valid utf-8"))?;
        let domain = text.split('#').next().unwrap_or("").trim();
        if domain.is_empty() {
            continue;
        }
        if domains.len() == MAX_DOMAINS {
            return Err(cannot(&format_args!(
                "the list names more than {MAX_DOMAINS} domains"
            )));
        }
        domains.push((number, domain.to_owned()));
    }
}
