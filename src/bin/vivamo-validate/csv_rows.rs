//! CSV input: a header of flat field names (`externalCustomerId`, `email`,
//! `phone`, `firstName`, `lastName`, `street`, `street2`, `state`, `city`, `zip`,
//! `country`, `createdAt`; any order), then one record a row. An empty cell is an
//! absent field. Unknown columns are ignored, or with `--report-unknown-fields`
//! each non-empty cell of one is `unknown_field` at the column's name.
//!
//! A row with the wrong number of cells, or one that is not valid UTF-8, is one
//! invalid record with `wrong_type` at path `""` (the row does not have the
//! shape of a record); the run goes on. A header naming a field twice is an
//! input error (which column would count is a guess).

use std::io::Read;

use vivamo_validate::{CustomerInput, Error, ErrorCode, FlatField, Options, Path, Report};

use crate::pipeline::{Batcher, InputError, Item};

#[derive(Clone, PartialEq, Eq)]
enum Column {
    Field(FlatField),
    Unknown(String),
}

impl Column {
    fn from_header(name: &str) -> Column {
        FlatField::from_name(name).map_or_else(|| Column::Unknown(name.to_owned()), Column::Field)
    }
}

pub fn read(reader: impl Read, batcher: &mut Batcher, options: &Options) -> Result<(), InputError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut row = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut row).map_err(csv_error)? {
        return Ok(());
    }
    let columns = header(&row)?;
    while csv.read_byte_record(&mut row).map_err(csv_error)? {
        let item = record(&row, &columns, options.report_unknown_fields);
        batcher.push(item)?;
    }
    Ok(())
}

fn csv_error(error: csv::Error) -> InputError {
    if error.is_io_error() {
        match error.into_kind() {
            csv::ErrorKind::Io(error) => InputError::Io(error),
            other => InputError::Format(format!("{other:?}")),
        }
    } else {
        InputError::Format(format!("csv: {error}"))
    }
}

fn header(row: &csv::ByteRecord) -> Result<Vec<Column>, InputError> {
    let mut columns: Vec<Column> = Vec::with_capacity(row.len());
    for (i, cell) in row.iter().enumerate() {
        let cell = if i == 0 {
            cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell)
        } else {
            cell
        };
        let name = std::str::from_utf8(cell)
            .map_err(|_| InputError::Format("the csv header is not valid utf-8".to_owned()))?
            .trim();
        let column = Column::from_header(name);
        if !matches!(column, Column::Unknown(_)) && columns.contains(&column) {
            return Err(InputError::Format(format!(
                "the csv header names the column {name} twice"
            )));
        }
        columns.push(column);
    }
    Ok(columns)
}

fn shape_error(message: String) -> Item {
    let mut report = Report::new();
    report.push(Path::root(), Error::new(ErrorCode::WrongType, message));
    Item::Invalid(report)
}

fn record(row: &csv::ByteRecord, columns: &[Column], report_unknown: bool) -> Item {
    if row.len() != columns.len() {
        return shape_error(format!(
            "csv row has {} fields, header has {}",
            row.len(),
            columns.len()
        ));
    }
    let mut input = CustomerInput::flat();
    let mut unknown: Vec<String> = Vec::new();
    for (cell, column) in row.iter().zip(columns) {
        if cell.is_empty() {
            continue;
        }
        let Ok(value) = std::str::from_utf8(cell) else {
            return shape_error("csv row is not valid utf-8".to_owned());
        };
        match column {
            Column::Field(field) => input.set_flat(*field, Some(value.to_owned())),
            Column::Unknown(name) => {
                if report_unknown {
                    unknown.push(name.clone());
                }
            }
        }
    }
    Item::Typed(Box::new(input), unknown)
}
