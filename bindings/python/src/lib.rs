//! The extension module `vivamo_validate._native`: Python values in, the
//! library's own result objects out. Nothing here decides what is valid; every
//! rule, table and message is the Rust library's.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use vivamo_validate::{FieldResult, FlatField, Options, RecordResult, DISPOSABLE_LIST_VERSION};

mod options;
mod table;

use options::RecordOptions;

/// Turns a result object (already the JSON the CLI prints) into Python values
/// through `json.loads`, so dicts keep the library's member order.
fn to_python<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("cannot serialize the result: {e}")))?;
    py.import(pyo3::intern!(py, "json"))?
        .getattr(pyo3::intern!(py, "loads"))?
        .call1((json,))
}

/// A field value: a `str` (lone surrogates, which UTF-8 cannot hold, become
/// U+FFFD, which every field rejects), else `TypeError`.
fn field_text<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Cow<'a, str>> {
    let string = value
        .cast::<PyString>()
        .map_err(|_| wrong_type(name, "str", value))?;
    Ok(match string.to_str() {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(string.to_string_lossy().into_owned()),
    })
}

fn wrong_type(name: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let found = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    PyTypeError::new_err(format!("{name} must be {expected}, not {found}"))
}

/// Validates one record in the API's JSON shape; returns the `--output jsonl`
/// line's object without `record`.
#[pyfunction]
#[pyo3(signature = (
    json, *, environment = "production", states = "all", reject_fixed_line_or_mobile = false,
    report_unknown_fields = false, blocked_domains = None, allowed_domains = None,
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
fn validate_record<'py>(
    py: Python<'py>,
    json: &Bound<'py, PyAny>,
    environment: &str,
    states: &str,
    reject_fixed_line_or_mobile: bool,
    report_unknown_fields: bool,
    blocked_domains: Option<Vec<String>>,
    allowed_domains: Option<Vec<String>>,
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
    let result = if let Ok(string) = json.cast::<PyString>() {
        match string.to_str() {
            Ok(text) => vivamo_validate::validate_json_str(text, &options),
            // Lone surrogates: the bytes Python would write for them are not UTF-8,
            // which the library reports as malformed JSON.
            Err(_) => {
                let bytes = string.call_method1("encode", ("utf-8", "surrogatepass"))?;
                let bytes = bytes.cast::<PyBytes>()?;
                vivamo_validate::validate_json(bytes.as_bytes(), &options)
            }
        }
    } else if let Ok(bytes) = json.cast::<PyBytes>() {
        vivamo_validate::validate_json(bytes.as_bytes(), &options)
    } else {
        return Err(wrong_type("json", "str or bytes", json));
    };
    to_python(py, &RecordResult::new(&result))
}

/// Validates an email address (`data.email`); in sandbox a disposable domain or a
/// `+` tag is accepted with a warning.
#[pyfunction]
#[pyo3(signature = (value, *, environment = "production", blocked_domains = None, allowed_domains = None))]
fn validate_email<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    environment: &str,
    blocked_domains: Option<Vec<String>>,
    allowed_domains: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut options = Options {
        environment: options::environment(environment)?,
        ..Options::default()
    };
    options::email_rules(
        &mut options,
        blocked_domains.as_deref(),
        allowed_domains.as_deref(),
    )?;
    to_python(
        py,
        &FieldResult::email(&field_text(value, "value")?, &options),
    )
}

/// Validates a mobile phone number (`data.phone`); facts `e164`, `region`,
/// `lineType`, `usPrefixAdded`.
#[pyfunction]
#[pyo3(signature = (value, *, reject_fixed_line_or_mobile = false))]
fn validate_phone<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    reject_fixed_line_or_mobile: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mut options = Options::default();
    options.phone.reject_fixed_line_or_mobile = reject_fixed_line_or_mobile;
    to_python(
        py,
        &FieldResult::phone(&field_text(value, "value")?, &options),
    )
}

/// Validates an ISO 3166-1 alpha-2 country code (`data.country`).
#[pyfunction]
fn validate_country<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, &FieldResult::country(&field_text(value, "value")?))
}

/// A record's `country`, which selects the US or non-US rules: `None` or a `str`.
fn country_text<'a>(country: &'a Option<Bound<'_, PyAny>>) -> PyResult<Option<Cow<'a, str>>> {
    country
        .as_ref()
        .map(|c| field_text(c, "country"))
        .transpose()
}

/// Validates `data.state` for a record whose `country` is given (`None`: the US
/// rules; another country: free text).
#[pyfunction]
#[pyo3(signature = (value, country = None, *, states = "all"))]
fn validate_state<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    country: Option<Bound<'py, PyAny>>,
    states: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let options = Options {
        states: options::states(states)?,
        ..Options::default()
    };
    let value = field_text(value, "value")?;
    let country = country_text(&country)?;
    to_python(
        py,
        &FieldResult::state(&value, country.as_deref(), &options),
    )
}

/// Validates `data.zip` for a record whose `country` is given (`None`: the US rules).
#[pyfunction]
#[pyo3(signature = (value, country = None))]
fn validate_zip<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    country: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = field_text(value, "value")?;
    let country = country_text(&country)?;
    to_python(py, &FieldResult::zip(&value, country.as_deref()))
}

/// Cleans and validates a text field: `firstName`, `lastName`, `street`,
/// `street2`, `city`, or `state` (a non-US state).
#[pyfunction]
#[pyo3(signature = (value, field = "firstName"))]
fn validate_text<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if field == "text" {
        // No record field: the general text rules (street limits, no letter needed).
        return to_python(py, &FieldResult::general_text(&field_text(value, "value")?));
    }
    let Some(text_field) = FlatField::from_name(field).and_then(FlatField::text_field) else {
        let names: Vec<&str> = FlatField::ALL
            .iter()
            .filter(|f| f.text_field().is_some())
            .map(|f| f.name())
            .collect();
        return Err(PyValueError::new_err(format!(
            "field must be one of {}, or text, not {field:?}",
            names.join(", ")
        )));
    };
    to_python(
        py,
        &FieldResult::text(&field_text(value, "value")?, text_field),
    )
}

/// Validates an `externalCustomerId`; fact `apiPath`, its percent-encoded path.
#[pyfunction]
fn validate_external_customer_id<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    to_python(
        py,
        &FieldResult::external_customer_id(&field_text(value, "value")?),
    )
}

/// Validates an RFC 3339 `createdAt`, normalized to UTC milliseconds.
#[pyfunction]
fn validate_timestamp<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, &FieldResult::timestamp(&field_text(value, "value")?))
}

/// The versions of the package and of the data it bundles.
#[pyfunction]
fn versions(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let versions = PyDict::new(py);
    versions.set_item("vivamo_validate", env!("CARGO_PKG_VERSION"))?;
    versions.set_item("libphonenumber", vivamo_validate::Phone::metadata_version())?;
    versions.set_item("disposable_domains", DISPOSABLE_LIST_VERSION)?;
    Ok(versions)
}

/// The module: every function above, and `__version__`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(validate_record, m)?)?;
    m.add_function(wrap_pyfunction!(validate_email, m)?)?;
    m.add_function(wrap_pyfunction!(validate_phone, m)?)?;
    m.add_function(wrap_pyfunction!(validate_country, m)?)?;
    m.add_function(wrap_pyfunction!(validate_state, m)?)?;
    m.add_function(wrap_pyfunction!(validate_zip, m)?)?;
    m.add_function(wrap_pyfunction!(validate_text, m)?)?;
    m.add_function(wrap_pyfunction!(validate_external_customer_id, m)?)?;
    m.add_function(wrap_pyfunction!(validate_timestamp, m)?)?;
    m.add_function(wrap_pyfunction!(versions, m)?)?;
    m.add_function(wrap_pyfunction!(table::validate_table, m)?)?;
    Ok(())
}
