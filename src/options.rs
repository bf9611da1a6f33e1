//! One [`Options`] value holds every policy the library has; free functions and
//! `parse` constructors use [`Options::default`].

use crate::{EmailRules, Environment, PhoneOptions, StateSet};

/// The policies of validation. `Options::default()` is what the API itself enforces.
///
/// ```
/// use vivamo_validate::{Environment, Options, StateSet};
/// let mut options = Options::default();
/// options.environment = Environment::Sandbox;
/// options.phone.reject_fixed_line_or_mobile = true;
/// options.states = StateSet::StatesAndDc;
/// options.report_unknown_fields = true;
/// assert!(!Options::default().report_unknown_fields);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The API environment whose rules apply: production (the default) enforces
    /// the email restrictions, sandbox turns them into warnings.
    pub environment: Environment,
    /// Extra blocked and allowed email domains, on top of the bundled lists.
    pub email: EmailRules,
    /// Phone policy (strict mobile-only).
    pub phone: PhoneOptions,
    /// Which US state codes `state` accepts under the US rules.
    pub states: StateSet,
    /// Report members the API does not know as `unknown_field` (off: ignore them).
    pub report_unknown_fields: bool,
}
