//! CSV input: a header of flat field names (`externalCustomerId`, `email`,
//! `phone`, `firstName`, `lastName`, `street`, `street2`, `state`, `city`, `zip`,
//! `country`, `createdAt`; any order), then one record a row. An empty cell is an
//! absent field. Unknown columns are ignored, or with `--report-unknown-fields`
//! each non-empty cell of one is `unknown_field` at the column's name.
//!
//! A row with the wrong number of cells, one that is not valid UTF-8, one over
//! 8 MiB ([`MAX_RECORD_BYTES`], quoted or not; it is read past without being
//! kept) or one whose quote is still open at the end of the input is one
//! invalid record with `wrong_type` at path `""` (the row does not have the
//! shape of a record); the run goes on. A header naming a field twice, one with
//! more than [`MAX_COLUMNS`] columns or over 8 MiB, and an input that starts
//! with part of a byte-order mark, are input errors.
//!
//! Unknown columns are named once in the header; a row only marks which of
//! them hold a value, so reporting them is linear in the row's length, and at
//! most a report's worth of issues is built (the rest are counted).

use std::io::BufRead;

use vivamo_validate::{
    CustomerDataInput, CustomerInput, Error, ErrorCode, Issue, Options, Path, Report, MAX_ERRORS,
};

use crate::csv_split::{Row, Splitter};
use crate::pipeline::{Batcher, InputError, Item, MAX_RECORD_BYTES};

/// The most columns a header may have: far more than any customer export, and
/// it keeps the per-row bookkeeping small whatever a row holds.
pub const MAX_COLUMNS: usize = 131_072;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    ExternalCustomerId,
    Email,
    Phone,
    FirstName,
    LastName,
    Street,
    Street2,
    State,
    City,
    Zip,
    Country,
    CreatedAt,
    /// An unknown column: the index of its name in [`Header::unknown`] (a name
    /// given twice shares one index).
    Unknown(usize),
}

impl Column {
    fn known(name: &str) -> Option<Column> {
        Some(match name {
            "externalCustomerId" => Column::ExternalCustomerId,
            "email" => Column::Email,
            "phone" => Column::Phone,
            "firstName" => Column::FirstName,
            "lastName" => Column::LastName,
            "street" => Column::Street,
            "street2" => Column::Street2,
            "state" => Column::State,
            "city" => Column::City,
            "zip" => Column::Zip,
            "country" => Column::Country,
            "createdAt" => Column::CreatedAt,
            _ => return None,
        })
    }
}

struct Header {
    columns: Vec<Column>,
    /// The distinct names of the unknown columns, in header order.
    unknown: Vec<String>,
}

pub fn read(
    mut reader: impl BufRead,
    batcher: &mut Batcher,
    options: &Options,
) -> Result<(), InputError> {
    let mut splitter = Splitter::new(MAX_RECORD_BYTES, MAX_COLUMNS + 1);
    let header = match splitter.next_row(&mut reader)? {
        None => return Ok(()),
        Some(row) => header(row)?,
    };
    let mut seen = vec![false; header.unknown.len()];
    while let Some(row) = splitter.next_row(&mut reader)? {
        let item = record(
            row,
            &header,
            options.report_unknown_fields.then_some(&mut seen[..]),
        );
        batcher.push(item)?;
    }
    Ok(())
}

fn header(row: Row<'_>) -> Result<Header, InputError> {
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
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_index = std::collections::HashMap::new();
    for cell in fields.iter() {
        let name = std::str::from_utf8(cell)
            .map_err(|_| InputError::Format("the csv header is not valid utf-8".to_owned()))?
            .trim();
        let column = match Column::known(name) {
            Some(column) if columns.contains(&column) => {
                return Err(InputError::Format(format!(
                    "the csv header names the column {name} twice"
                )))
            }
            Some(column) => column,
            None => Column::Unknown(*unknown_index.entry(name.to_owned()).or_insert_with(|| {
                unknown.push(name.to_owned());
                unknown.len() - 1
            })),
        };
        columns.push(column);
    }
    Ok(Header { columns, unknown })
}

fn shape_error(message: String) -> Item {
    let mut report = Report::new();
    report.push(Path::root(), Error::new(ErrorCode::WrongType, message));
    Item::Invalid(report)
}

/// One row as a typed record; `seen` (one flag per unknown column name, all
/// false between rows) is given when unknown columns are reported.
fn record(row: Row<'_>, header: &Header, seen: Option<&mut [bool]>) -> Item {
    let row = match row {
        Row::Fields(row) => row,
        Row::TooLong => {
            return shape_error(format!("csv row is longer than {MAX_RECORD_BYTES} bytes"))
        }
        Row::Unclosed => return shape_error("csv row has a quote that is never closed".to_owned()),
    };
    let columns = &header.columns;
    if row.count() != columns.len() {
        return shape_error(format!(
            "csv row has {} fields, header has {}",
            row.count(),
            columns.len()
        ));
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
            return shape_error("csv row is not valid utf-8".to_owned());
        };
        let value = Some(value.to_owned());
        match *column {
            Column::ExternalCustomerId => input.external_customer_id = value,
            Column::Email => data.email = value,
            Column::Phone => data.phone = value,
            Column::FirstName => data.first_name = value,
            Column::LastName => data.last_name = value,
            Column::Street => data.street = value,
            Column::Street2 => data.street2 = value,
            Column::State => data.state = value,
            Column::City => data.city = value,
            Column::Zip => data.zip = value,
            Column::Country => data.country = value,
            Column::CreatedAt => input.created_at = value,
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
    Item::Typed(Box::new(input), unknown, extra)
}

fn clear(seen: &mut [bool], marked: &[usize]) {
    for &index in marked {
        if let Some(flag) = seen.get_mut(index) {
            *flag = false;
        }
    }
}
