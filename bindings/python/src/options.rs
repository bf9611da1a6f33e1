//! Keyword arguments to an [`Options`]: names and values as the library spells
//! them, a `ValueError` with the library's message for a value it does not know.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use vivamo_validate::{Environment, Options, StateSet};

/// The options every record function takes, before they are checked.
pub struct RecordOptions<'a> {
    pub environment: &'a str,
    pub states: &'a str,
    pub reject_fixed_line_or_mobile: bool,
    pub report_unknown_fields: bool,
    pub blocked_domains: Option<Vec<String>>,
    pub allowed_domains: Option<Vec<String>>,
}

impl RecordOptions<'_> {
    pub fn build(&self) -> PyResult<Options> {
        let mut options = Options {
            environment: environment(self.environment)?,
            states: states(self.states)?,
            report_unknown_fields: self.report_unknown_fields,
            ..Options::default()
        };
        options.phone.reject_fixed_line_or_mobile = self.reject_fixed_line_or_mobile;
        email_rules(
            &mut options,
            self.blocked_domains.as_deref(),
            self.allowed_domains.as_deref(),
        )?;
        Ok(options)
    }
}

pub fn environment(name: &str) -> PyResult<Environment> {
    name.parse()
        .map_err(|e| PyValueError::new_err(format!("{e}, not {name:?}")))
}

pub fn states(name: &str) -> PyResult<StateSet> {
    name.parse()
        .map_err(|e| PyValueError::new_err(format!("{e}, not {name:?}")))
}

/// Adds the caller's blocked and allowed domains; an invalid domain is a
/// `ValueError` with the error an address at that domain would get.
pub fn email_rules(
    options: &mut Options,
    blocked: Option<&[String]>,
    allowed: Option<&[String]>,
) -> PyResult<()> {
    for domain in blocked.unwrap_or_default() {
        options
            .email
            .try_block(domain)
            .map_err(|e| PyValueError::new_err(format!("blocked_domains: {e}")))?;
    }
    for domain in allowed.unwrap_or_default() {
        options
            .email
            .try_allow(domain)
            .map_err(|e| PyValueError::new_err(format!("allowed_domains: {e}")))?;
    }
    Ok(())
}
