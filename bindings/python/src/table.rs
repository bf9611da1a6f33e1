//! `validate_table`: Arrow in through the C stream interface, Arrow out, the
//! GIL released while the rows are validated on every core.
//!
//! Rows go in waves of chunks: the chunks of a wave are validated in parallel
//! (with their duplicate keys), then checked for duplicates in row order on one
//! thread, then turned into output batches in parallel. Memory beyond the input
//! and the output is one wave's results.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, LargeStringArray, RecordBatch, RecordBatchReader, StringArray, StringViewArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::{PyRecordBatch, PyRecordBatchReader, PyTable};
use rayon::prelude::*;
use vivamo_validate::{
    validate_flat, Customer, CustomerInput, DuplicateCheck, DuplicateKeys, FlatField, Options,
    Report,
};

use crate::options::RecordOptions;

/// Rows validated by one task.
const CHUNK_ROWS: usize = 4096;
/// Chunks per thread in one wave: enough to even out uneven chunks.
const CHUNKS_PER_THREAD: usize = 4;

/// Validates every row of an Arrow table (anything with `__arrow_c_stream__` or
/// `__arrow_c_array__`) whose columns are named like the CLI's CSV header;
/// returns a `pyarrow.Table` of `valid`, `errors`, `warnings` and the normalized
/// columns, row for row. Duplicates are checked across the call, in row order.
#[pyfunction]
#[pyo3(signature = (
    table, *, environment = "production", states = "all", reject_fixed_line_or_mobile = false,
    report_unknown_fields = false, blocked_domains = None, allowed_domains = None,
    check_duplicates = true, threads = None,
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
pub fn validate_table<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    environment: &str,
    states: &str,
    reject_fixed_line_or_mobile: bool,
    report_unknown_fields: bool,
    blocked_domains: Option<Vec<String>>,
    allowed_domains: Option<Vec<String>>,
    check_duplicates: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = RecordOptions {
        environment,
        states,
        reject_fixed_line_or_mobile,
        report_unknown_fields,
        blocked_domains,
        allowed_domains,
    }
    .build()?;
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let reader = arrow_reader(table)?;
    let columns = Columns::of(&reader.schema())?;
    let batches = py.detach(|| match threads {
        None => validate_stream(reader, &columns, &options, check_duplicates),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| ArrowError::ExternalError(Box::new(e)))
            .and_then(|pool| {
                pool.install(|| validate_stream(reader, &columns, &options, check_duplicates))
            }),
    });
    let batches = batches.map_err(|e| PyValueError::new_err(format!("reading the table: {e}")))?;
    PyTable::try_new(batches, output_schema())?.into_pyarrow(py)
}

/// Anything with `__arrow_c_stream__` (a table, a reader, a DataFrame) or
/// `__arrow_c_array__` (a record batch); else `TypeError`.
fn arrow_reader(table: &Bound<'_, PyAny>) -> PyResult<Box<dyn RecordBatchReader + Send>> {
    let py = table.py();
    let not_a_table = |detail: String| {
        PyTypeError::new_err(format!(
            "table must have __arrow_c_stream__ or __arrow_c_array__ (a pyarrow Table or \
             RecordBatch, a Polars or pandas DataFrame, a DuckDB relation){detail}"
        ))
    };
    if table.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
        let reader: PyRecordBatchReader =
            table.extract().map_err(|e| not_a_table(format!(": {e}")))?;
        reader.into_reader()
    } else if table.hasattr(pyo3::intern!(py, "__arrow_c_array__"))? {
        let batch: PyRecordBatch = table.extract().map_err(|e| not_a_table(format!(": {e}")))?;
        let batch = batch.into_inner();
        let schema = batch.schema();
        Ok(Box::new(arrow_array::RecordBatchIterator::new(
            [Ok(batch)],
            schema,
        )))
    } else {
        let found = table.get_type().name()?;
        Err(not_a_table(format!(", not {found}")))
    }
}

/// Where each input column goes.
struct Columns {
    /// The record's fields, by column index.
    fields: Vec<(usize, FlatField)>,
    /// The other columns, by index, with their names.
    unknown: Vec<(usize, String)>,
}

impl Columns {
    /// Sorts the columns; a field's column must hold strings (`TypeError`
    /// otherwise), and no field may have two (`ValueError`, as a CSV header
    /// naming one twice is).
    fn of(schema: &Schema) -> PyResult<Columns> {
        let mut fields: Vec<(usize, FlatField)> = Vec::new();
        let mut unknown = Vec::new();
        for (index, column) in schema.fields().iter().enumerate() {
            let Some(field) = FlatField::from_name(column.name()) else {
                unknown.push((index, column.name().clone()));
                continue;
            };
            if fields.iter().any(|(_, f)| *f == field) {
                return Err(PyValueError::new_err(format!(
                    "the table has two columns named {field}"
                )));
            }
            if !holds_strings(column.data_type()) {
                return Err(PyTypeError::new_err(format!(
                    "column {field} must hold strings (or only nulls), not {}; cast it first \
                     (pyarrow: pc.cast, Polars: pl.col(...).cast(pl.String), pandas: astype)",
                    column.data_type()
                )));
            }
            fields.push((index, field));
        }
        Ok(Columns { fields, unknown })
    }
}

fn holds_strings(data_type: &DataType) -> bool {
    match data_type {
        DataType::Null | DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
        DataType::Dictionary(_, values) => {
            matches!(
                **values,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            )
        }
        _ => false,
    }
}

/// The output: `valid`, `errors`, `warnings`, then every field's normalized
/// value under its own name.
fn output_schema() -> SchemaRef {
    let mut fields = vec![
        Field::new("valid", DataType::Boolean, false),
        Field::new("errors", DataType::Utf8, true),
        Field::new("warnings", DataType::Utf8, true),
    ];
    fields.extend(
        FlatField::ALL
            .iter()
            .map(|field| Field::new(field.name(), DataType::Utf8, true)),
    );
    Arc::new(Schema::new(fields))
}

/// One row's verdict, and its keys for the duplicate check when it is valid.
type Verdict = (Result<Customer, Report>, Option<DuplicateKeys>);

fn validate_stream(
    reader: Box<dyn RecordBatchReader + Send>,
    columns: &Columns,
    options: &Options,
    check_duplicates: bool,
) -> Result<Vec<RecordBatch>, ArrowError> {
    let wave_rows = CHUNK_ROWS * CHUNKS_PER_THREAD * rayon::current_num_threads();
    let mut duplicates = check_duplicates.then(DuplicateCheck::new);
    let mut output = Vec::new();
    let mut wave: Vec<RecordBatch> = Vec::new();
    let mut wave_len = 0;
    let mut first_record = 1u64;
    for batch in reader {
        let batch = batch?;
        let mut offset = 0;
        while offset < batch.num_rows() {
            let len = CHUNK_ROWS.min(batch.num_rows() - offset);
            wave.push(batch.slice(offset, len));
            wave_len += len;
            offset += len;
        }
        if wave_len >= wave_rows {
            first_record = validate_wave(
                &wave,
                columns,
                options,
                &mut duplicates,
                first_record,
                &mut output,
            )?;
            wave.clear();
            wave_len = 0;
        }
    }
    validate_wave(
        &wave,
        columns,
        options,
        &mut duplicates,
        first_record,
        &mut output,
    )?;
    Ok(output)
}

/// Validates a wave of chunks onto `output`; returns the next record number.
fn validate_wave(
    wave: &[RecordBatch],
    columns: &Columns,
    options: &Options,
    duplicates: &mut Option<DuplicateCheck>,
    first_record: u64,
    output: &mut Vec<RecordBatch>,
) -> Result<u64, ArrowError> {
    let keyed = duplicates.is_some();
    let mut verdicts: Vec<Vec<Verdict>> = wave
        .par_iter()
        .map(|chunk| validate_chunk(chunk, columns, options, keyed))
        .collect::<Result<_, _>>()?;
    let mut record = first_record;
    for verdict in verdicts.iter_mut().flatten() {
        if let (Some(check), (result, Some(keys))) = (duplicates.as_mut(), &mut *verdict) {
            if let (Ok(customer), Err(mut report)) = (&*result, check.check_keys(record, *keys)) {
                for warning in customer.warnings() {
                    report.push_warning(warning.path, warning.error);
                }
                *result = Err(report);
            }
        }
        record += 1;
    }
    let schema = output_schema();
    let batches: Vec<RecordBatch> = verdicts
        .par_iter()
        .map(|chunk| output_batch(&schema, chunk))
        .collect::<Result<_, _>>()?;
    output.extend(batches);
    Ok(record)
}

/// A string column of a chunk, for reading cells.
enum StrColumn {
    Null,
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl StrColumn {
    fn new(array: &ArrayRef) -> Result<StrColumn, ArrowError> {
        Ok(match array.data_type() {
            DataType::Utf8 => StrColumn::Utf8(array.as_string::<i32>().clone()),
            DataType::LargeUtf8 => StrColumn::Large(array.as_string::<i64>().clone()),
            DataType::Utf8View => StrColumn::View(array.as_string_view().clone()),
            DataType::Dictionary(_, values) => StrColumn::new(&arrow_cast::cast(array, values)?)?,
            _ => StrColumn::Null,
        })
    }

    /// The cell of `row`; null and the empty string are absent (an empty CSV
    /// cell is).
    fn get(&self, row: usize) -> Option<&str> {
        let value = match self {
            StrColumn::Null => None,
            StrColumn::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            StrColumn::Large(a) => a.is_valid(row).then(|| a.value(row)),
            StrColumn::View(a) => a.is_valid(row).then(|| a.value(row)),
        };
        value.filter(|s| !s.is_empty())
    }
}

/// Whether a cell of any type holds a value (for unknown columns).
fn holds_value(array: &dyn Array, strings: Option<&StrColumn>, row: usize) -> bool {
    match strings {
        Some(column) => column.get(row).is_some(),
        None => array.is_valid(row) && !matches!(array.data_type(), DataType::Null),
    }
}

fn validate_chunk(
    chunk: &RecordBatch,
    columns: &Columns,
    options: &Options,
    keyed: bool,
) -> Result<Vec<Verdict>, ArrowError> {
    let fields: Vec<(FlatField, StrColumn)> = columns
        .fields
        .iter()
        .map(|(index, field)| Ok((*field, StrColumn::new(chunk.column(*index))?)))
        .collect::<Result<_, ArrowError>>()?;
    let unknown: Vec<(&str, &ArrayRef, Option<StrColumn>)> = if options.report_unknown_fields {
        columns
            .unknown
            .iter()
            .map(|(index, name)| {
                let array = chunk.column(*index);
                let strings = holds_strings(array.data_type())
                    .then(|| StrColumn::new(array))
                    .transpose()?;
                Ok((name.as_str(), array, strings))
            })
            .collect::<Result<_, ArrowError>>()?
    } else {
        Vec::new()
    };
    let mut verdicts = Vec::with_capacity(chunk.num_rows());
    for row in 0..chunk.num_rows() {
        let mut input = CustomerInput::flat();
        for (field, column) in &fields {
            input.set_flat(*field, column.get(row).map(str::to_owned));
        }
        let present = unknown
            .iter()
            .filter(|(_, array, strings)| holds_value(array.as_ref(), strings.as_ref(), row))
            .map(|(name, _, _)| *name);
        let result = validate_flat(&input, present, options);
        let keys = match (&result, keyed) {
            (Ok(customer), true) => Some(DuplicateKeys::of(customer)),
            _ => None,
        };
        verdicts.push((result, keys));
    }
    Ok(verdicts)
}

fn output_batch(schema: &SchemaRef, verdicts: &[Verdict]) -> Result<RecordBatch, ArrowError> {
    let rows = verdicts.len();
    let mut valid = BooleanBuilder::with_capacity(rows);
    let mut errors = StringBuilder::with_capacity(rows, 0);
    let mut warnings = StringBuilder::with_capacity(rows, 0);
    let mut values: Vec<StringBuilder> = FlatField::ALL
        .iter()
        .map(|_| StringBuilder::with_capacity(rows, rows * 16))
        .collect();
    let json = |issues: &[vivamo_validate::Issue]| {
        serde_json::to_string(issues).map_err(|e| ArrowError::ExternalError(Box::new(e)))
    };
    for (result, _) in verdicts {
        match result {
            Ok(customer) => {
                valid.append_value(true);
                errors.append_null();
                let found = customer.warnings();
                if found.is_empty() {
                    warnings.append_null();
                } else {
                    warnings.append_value(json(&found)?);
                }
                for (builder, field) in values.iter_mut().zip(FlatField::ALL) {
                    builder.append_option(customer.flat_value(field));
                }
            }
            Err(report) => {
                valid.append_value(false);
                errors.append_value(json(report.issues())?);
                if report.warnings().is_empty() {
                    warnings.append_null();
                } else {
                    warnings.append_value(json(report.warnings())?);
                }
                for builder in &mut values {
                    builder.append_null();
                }
            }
        }
    }
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(valid.finish()),
        Arc::new(errors.finish()),
        Arc::new(warnings.finish()),
    ];
    arrays.extend(values.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    RecordBatch::try_new(Arc::clone(schema), arrays)
}
