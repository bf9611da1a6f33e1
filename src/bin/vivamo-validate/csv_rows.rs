//! CSV input: a header naming the flat fields (`externalCustomerId`, `email`,
//! `phone`, `firstName`, `lastName`, `street`, `street2`, `state`, `city`, `zip`,
//! `country`, `createdAt`; any order), then one record a row. An empty cell is an
//! absent field.
//!
//! Header names are matched ignoring case, whitespace, `_` and `-` (`First Name`,
//! `first_name`, `FIRSTNAME` and `E-mail` all match), with no other aliases: a
//! `Phone Number` or `mobile` column needs `--map 'Phone Number=phone'`, whose
//! left side matches a column exactly or by the same rule. A header naming no
//! `email` column is an input error that lists the accepted names. Each column
//! that maps to no field is named once on standard error; with
//! `--report-unknown-fields` each non-empty cell of one is also `unknown_field`
//! at the column's name, and the human summary names the columns once.
//!
//! The delimiter is `--delimiter`'s, or the one of `,` `;` TAB `|` that occurs
//! most often (outside quotes) in the header line, `,` on a tie or when none does.
//!
//! A row with the wrong number of cells, one that is not valid UTF-8, one over
//! 8 MiB ([`MAX_RECORD_BYTES`], quoted or not; it is read past without being
//! kept) or one whose quote is still open at the end of the input is one
//! invalid record with `wrong_type` at path `""` (the row does not have the
//! shape of a record); the run goes on. A row whose quoted field holds line
//! breaks is read, and carries the warning `csv_multiline_field` at `""` naming
//! its lines; when a line inside such a field looks like a whole row (as many
//! delimiters as the header, less one), a stray quote took rows in, and the
//! record is `wrong_type` at `""` naming the lines. A header naming a field twice, one with more than [`MAX_COLUMNS`]
//! columns or over 8 MiB, and an input that starts with part of a byte-order
//! mark, are input errors.
//!
//! Unknown columns are named once in the header; a row only marks which of
//! them hold a value, so reporting them is linear in the row's length, and at
//! most a report's worth of issues is built (the rest are counted).

use std::io::BufRead;

use vivamo_validate::{
    CustomerDataInput, CustomerInput, Error, ErrorCode, Issue, Options, Path, Report, MAX_ERRORS,
};

use crate::csv_split::{Row, Splitter};
use crate::pipeline::{Batcher, Cells, Entry, InputError, Item, MAX_RECORD_BYTES};

/// The most columns a header may have: far more than any customer export, and
/// it keeps the per-row bookkeeping small whatever a row holds.
pub const MAX_COLUMNS: usize = 131_072;

/// The flat field names, in the order of the CSV output's columns.
pub const FIELDS: [&str; 12] = [
    "externalCustomerId",
    "email",
    "phone",
    "firstName",
    "lastName",
    "street",
    "street2",
    "state",
    "city",
    "zip",
    "country",
    "createdAt",
];

const ID: usize = 0;
const EMAIL: usize = 1;

/// The delimiters that are sniffed, in the order that breaks a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// What the command line says about CSV inputs.
#[derive(Debug, Default, Clone)]
pub struct CsvSettings {
    /// `--delimiter`; sniffed from the header line when `None`.
    pub delimiter: Option<u8>,
    /// `--map COLUMN=FIELD`: a column name and the index of its field in [`FIELDS`].
    pub maps: Vec<(String, usize)>,
}

/// A header name or field name with case, whitespace, `_` and `-` ignored.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The index in [`FIELDS`] of the field `name` matches (see [`normalize_name`]).
pub fn field_index(name: &str) -> Option<usize> {
    let name = normalize_name(name);
    FIELDS
        .iter()
        .position(|field| normalize_name(field) == name)
}

/// A column name as messages quote it: at most 64 characters, control
/// characters escaped.
pub fn quoted_name(name: &str) -> String {
    let mut out = String::from("'");
    for (i, c) in name.chars().enumerate() {
        if i == 64 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    /// A field: its index in [`FIELDS`].
    Field(usize),
    /// An unknown column: the index of its name in [`Header::unknown`] (a name
    /// given twice shares one index).
    Unknown(usize),
}

struct Header {
    columns: Vec<Column>,
    /// The distinct names of the unknown columns, in header order.
    unknown: Vec<String>,
}

/// Reads one CSV input named `name` (for messages).
pub fn read(
    reader: impl BufRead,
    batcher: &mut Batcher,
    options: &Options,
    settings: &CsvSettings,
    name: &str,
) -> Result<(), InputError> {
    let (delimiter, mut reader) = match settings.delimiter {
        Some(delimiter) => (delimiter, crate::sniff::Peeked::none(reader)),
        None => {
            let peeked = crate::sniff::Peeked::until_line_end(reader)?;
            (sniff_delimiter(peeked.prefix()), peeked)
        }
    };
    let mut splitter = Splitter::new(MAX_RECORD_BYTES, MAX_COLUMNS + 1).with_delimiter(delimiter);
    let (header, cells) = match splitter.next_row(&mut reader)? {
        None => return Ok(()),
        Some(row) => header(row, settings, name, delimiter)?,
    };
    report_unknown(&header, options.report_unknown_fields, name, batcher);
    if batcher.keep_cells {
        batcher.set_csv_header(cells);
    }
    let mut seen = vec![false; header.unknown.len()];
    let width = header.columns.len();
    loop {
        let keep_cells = batcher.keep_cells;
        let Some((row, (first, last))) = splitter.next_row_with_lines(&mut reader)? else {
            return Ok(());
        };
        let cells = keep_cells.then(|| Cells {
            values: match &row {
                Row::Fields(fields) => fields
                    .iter()
                    .take(width)
                    .map(|cell| String::from_utf8_lossy(cell).into_owned())
                    .collect(),
                _ => Vec::new(),
            },
            width,
        });
        let swallowed = if last > first {
            swallowed_rows(&row, width, delimiter)
        } else {
            0
        };
        // The row's cells and the delimiters or line end after each.
        batcher.consumed(match &row {
            Row::Fields(fields) => fields.iter().map(|cell| cell.len() + 1).sum(),
            Row::TooLong | Row::Unclosed => 0,
        });
        let mut entry = record(
            row,
            &header,
            options.report_unknown_fields.then_some(&mut seen[..]),
        );
        entry.line = first;
        entry.cells = cells;
        if swallowed > 0 && !matches!(entry.item, Item::Invalid(_)) {
            let rows = if swallowed == 1 {
                "line that looks like a csv row"
            } else {
                "lines that look like csv rows"
            };
            entry.item = shape_error(format!(
                "a quoted field holds {swallowed} {rows}: a stray quote on line \
                 {first} may have joined lines {first}–{last}"
            ));
        }
        if last > first {
            let what = match entry.item {
                Item::Invalid(_) => "csv row spans",
                _ => "record spans",
            };
            entry.warnings.push(Issue {
                path: Path::root(),
                error: Error::new(
                    ErrorCode::CsvMultilineField,
                    format!("{what} lines {first}–{last}: a quoted field holds a line break"),
                ),
            });
        }
        batcher.push_entry(entry)?;
    }
}

/// The delimiter of a header line: the one of [`DELIMITERS`] found most often
/// outside quotes in the first non-empty line of `prefix`, `,` when none is.
pub fn sniff_delimiter(prefix: &[u8]) -> u8 {
    let prefix = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    let mut started = false;
    for &byte in prefix {
        match byte {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => {
                if started {
                    break;
                }
            }
            _ if quoted => {}
            _ => {
                started = true;
                if let Some(i) = DELIMITERS.iter().position(|&d| d == byte) {
                    if let Some(count) = counts.get_mut(i) {
                        *count += 1;
                    }
                }
            }
        }
        started |= !matches!(byte, b'\r' | b'\n');
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts.get(best).copied().unwrap_or(0) {
            best = i;
        }
    }
    DELIMITERS.get(best).copied().unwrap_or(b',')
}

/// Names the unknown columns once, on standard error and (with
/// `--report-unknown-fields`) for the human summary.
fn report_unknown(header: &Header, report: bool, name: &str, batcher: &Batcher) {
    if header.unknown.is_empty() {
        return;
    }
    const SHOWN: usize = 10;
    let mut list: Vec<String> = header
        .unknown
        .iter()
        .take(SHOWN)
        .map(|column| quoted_name(column))
        .collect();
    if header.unknown.len() > SHOWN {
        list.push(format!("and {} more", header.unknown.len() - SHOWN));
    }
    let list = list.join(", ");
    let (noun, verb) = if header.unknown.len() == 1 {
        ("column", "is not a field")
    } else {
        ("columns", "are not fields")
    };
    let what = if report {
        "their values are reported as unknown_field"
    } else {
        "ignored (use --map COLUMN=FIELD)"
    };
    crate::warn(&format!(
        "vivamo-validate: {name}: {noun} {list} {verb}; {what}"
    ));
    if report {
        batcher.note_unknown_columns(format!("{name}: {list}"));
    }
}

/// A delimiter as messages name it.
fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_owned(),
        other => format!("'{}'", char::from(other)),
    }
}

/// How many lines inside the row's multi-line cells look like whole rows (at
/// least as many delimiters as the header has, less one): a stray quote that
/// opened a field took them in.
fn swallowed_rows(row: &Row<'_>, width: usize, delimiter: u8) -> usize {
    let Row::Fields(fields) = row else { return 0 };
    if width < 2 {
        return 0;
    }
    fields
        .iter()
        .filter(|cell| memchr::memchr2(b'\r', b'\n', cell).is_some())
        .map(|cell| {
            cell.split(|&b| b == b'\n' || b == b'\r')
                .skip(1)
                .filter(|line| memchr::memchr_iter(delimiter, line).count() + 1 >= width)
                .count()
        })
        .sum()
}

/// The accepted header names, for the message of a header without `email`.
fn accepted_names() -> String {
    FIELDS.join(", ")
}

/// The header's columns, and its cells as text.
fn header(
    row: Row<'_>,
    settings: &CsvSettings,
    name: &str,
    delimiter: u8,
) -> Result<(Header, Vec<String>), InputError> {
    let fields = match row {
        Row::Fields(fields) => fields,
        Row::TooLong => {
            return Err(InputError::Format(format!(
                "the csv header is longer than {MAX_RECORD_BYTES} bytes"
            )))
        }
        Row::Unclosed => {
            return Err(InputError::Format(
                "the csv header has a quote that is never closed".to_owned(),
            ))
        }
    };
    if fields.count() > MAX_COLUMNS {
        return Err(InputError::Format(format!(
            "the csv header has more than {MAX_COLUMNS} columns"
        )));
    }
    let mut columns: Vec<Column> = Vec::with_capacity(fields.count());
    let mut names: Vec<String> = Vec::with_capacity(fields.count());
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_index = std::collections::HashMap::new();
    let mut map_used = vec![false; settings.maps.len()];
    // Normalized map names, computed once (a header may have many columns).
    let map_keys: Vec<String> = settings
        .maps
        .iter()
        .map(|(column, _)| normalize_name(column))
        .collect();
    for cell in fields.iter() {
        let cell = std::str::from_utf8(cell)
            .map_err(|_| InputError::Format("the csv header is not valid utf-8".to_owned()))?;
        let column_name = cell.trim();
        let normalized = normalize_name(column_name);
        let mapped = settings
            .maps
            .iter()
            .position(|(column, _)| column == column_name)
            .or_else(|| map_keys.iter().position(|key| *key == normalized));
        let field = match mapped {
            Some(i) => {
                if let Some(used) = map_used.get_mut(i) {
                    *used = true;
                }
                settings.maps.get(i).map(|(_, field)| *field)
            }
            None => FIELDS
                .iter()
                .position(|field| normalize_name(field) == normalized),
        };
        let column = match field {
            Some(field) => {
                if let Some(earlier) = columns.iter().position(|c| *c == Column::Field(field)) {
                    let earlier = names.get(earlier).map_or("", String::as_str);
                    return Err(InputError::Format(format!(
                        "the csv header names the field {} twice (columns {} and {})",
                        FIELDS.get(field).copied().unwrap_or_default(),
                        quoted_name(earlier),
                        quoted_name(column_name)
                    )));
                }
                Column::Field(field)
            }
            None => Column::Unknown(*unknown_index.entry(column_name.to_owned()).or_insert_with(
                || {
                    unknown.push(column_name.to_owned());
                    unknown.len() - 1
                },
            )),
        };
        columns.push(column);
        names.push(cell.to_owned());
    }
    for ((column, field), used) in settings.maps.iter().zip(&map_used) {
        if !used {
            let field = FIELDS.get(*field).copied().unwrap_or_default();
            crate::warn(&format!(
                "vivamo-validate: {name}: --map {} matches no column",
                quoted_name(&format!("{column}={field}"))
            ));
        }
    }
    if !columns.contains(&Column::Field(EMAIL)) {
        let mut found: Vec<String> = names
            .iter()
            .take(10)
            .map(|n| quoted_name(n.trim()))
            .collect();
        if names.len() > 10 {
            found.push(format!("and {} more", names.len() - 10));
        }
        return Err(InputError::Format(format!(
            "the csv header has no email column (its columns: {}; delimiter {}); the accepted \
             names are {} (case, spaces, _ and - ignored), and --map COLUMN=FIELD maps any other",
            found.join(", "),
            delimiter_name(delimiter),
            accepted_names()
        )));
    }
    Ok((Header { columns, unknown }, names))
}

fn shape_error(message: String) -> Item {
    let mut report = Report::new();
    report.push(Path::root(), Error::new(ErrorCode::WrongType, message));
    Item::Invalid(report)
}

/// One row as a typed record (its line is set by the caller); `seen` (one flag
/// per unknown column name, all false between rows) is given when unknown
/// columns are reported.
fn record(row: Row<'_>, header: &Header, seen: Option<&mut [bool]>) -> Entry {
    let row = match row {
        Row::Fields(row) => row,
        Row::TooLong => {
            return Entry::new(shape_error(format!(
                "csv row is longer than {MAX_RECORD_BYTES} bytes"
            )))
        }
        Row::Unclosed => {
            return Entry::new(shape_error(
                "csv row has a quote that is never closed".to_owned(),
            ))
        }
    };
    let columns = &header.columns;
    // The id as given, even in a row that is not a record.
    let id = row
        .iter()
        .zip(columns)
        .find(|(_, column)| **column == Column::Field(ID))
        .and_then(|(cell, _)| std::str::from_utf8(cell).ok())
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    if row.count() != columns.len() {
        let mut entry = Entry::new(shape_error(format!(
            "csv row has {} fields, header has {}",
            row.count(),
            columns.len()
        )));
        entry.id = id;
        return entry;
    }
    let mut input = CustomerInput::default();
    let mut data = CustomerDataInput::default();
    let mut unknown = Vec::new();
    let mut seen = seen;
    let mut marked = Vec::new();
    for (cell, column) in row.iter().zip(columns) {
        if cell.is_empty() {
            continue;
        }
        let Ok(value) = std::str::from_utf8(cell) else {
            if let Some(seen) = seen.as_deref_mut() {
                clear(seen, &marked);
            }
            let mut entry = Entry::new(shape_error("csv row is not valid utf-8".to_owned()));
            entry.id = id;
            return entry;
        };
        let value = Some(value.to_owned());
        match *column {
            Column::Field(field) => match field {
                0 => input.external_customer_id = value,
                1 => data.email = value,
                2 => data.phone = value,
                3 => data.first_name = value,
                4 => data.last_name = value,
                5 => data.street = value,
                6 => data.street2 = value,
                7 => data.state = value,
                8 => data.city = value,
                9 => data.zip = value,
                10 => data.country = value,
                _ => input.created_at = value,
            },
            Column::Unknown(index) => {
                let Some(seen) = seen.as_deref_mut() else {
                    continue;
                };
                if let Some(flag) = seen.get_mut(index).filter(|flag| !**flag) {
                    *flag = true;
                    marked.push(index);
                }
            }
        }
    }
    // Names in header order of their first non-empty cell; past a report's
    // worth, placeholders that the report only counts.
    let mut extra = 0;
    for &index in &marked {
        match header.unknown.get(index) {
            Some(name) if unknown.len() < MAX_ERRORS => unknown.push(Issue {
                path: Path::root().key(name.clone()),
                error: Error::new(ErrorCode::UnknownField, "field is not part of the api"),
            }),
            _ => extra += 1,
        }
    }
    if let Some(seen) = seen {
        clear(seen, &marked);
    }
    input.data = Some(data);
    let mut entry = Entry::new(Item::Typed(Box::new(input), unknown, extra));
    entry.id = id;
    entry
}

fn clear(seen: &mut [bool], marked: &[usize]) {
    for &index in marked {
        if let Some(flag) = seen.get_mut(index) {
            *flag = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_spaces_underscores_and_hyphens() {
        for (name, field) in [
            ("First Name", Some("firstName")),
            ("first_name", Some("firstName")),
            ("FIRSTNAME", Some("firstName")),
            (" E-mail ", Some("email")),
            ("external_customer_id", Some("externalCustomerId")),
            ("Street 2", Some("street2")),
            ("created-at", Some("createdAt")),
            ("Phone Number", None),
            ("mobile", None),
            ("Email Address", None),
            ("zip code", None),
        ] {
            assert_eq!(
                field_index(name).and_then(|i| FIELDS.get(i).copied()),
                field,
                "{name}"
            );
        }
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_one_in_the_header_line() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter(b"\xEF\xBB\xBF\n\na;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc,d\r\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a|b|c"), b'|');
        assert_eq!(sniff_delimiter(b"email\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b,c|d\te"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn quoted_names_are_short_and_escaped() {
        assert_eq!(quoted_name("Notes"), "'Notes'");
        assert_eq!(quoted_name("a\u{1b}b"), "'a\\u{1b}b'");
        assert_eq!(quoted_name(&"x".repeat(100)).chars().count(), 64 + 3);
    }
}
