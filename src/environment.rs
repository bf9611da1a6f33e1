//! The API environment a record is judged for (SPEC §11.1): production enforces
//! the email restrictions, sandbox accepts them with a warning.

use std::fmt;

/// The Vivamo environment whose rules apply.
///
/// The API applies its email restrictions (no disposable domain, no `+` tag) in
/// production only; in sandbox such an address is accepted, and the result says so
/// with a warning carrying the code the address would have had in production.
/// Every other rule is the same in both.
///
/// ```
/// use vivamo_validate::{Email, EmailRules, Environment};
/// assert_eq!(Environment::default(), Environment::Production);
/// let email = Email::parse_in("jane+qa@company.com", &EmailRules::default(), Environment::Sandbox)
///     .unwrap();
/// assert_eq!(email.warning().unwrap().code(), "email_plus_suffix");
/// assert_eq!("sandbox".parse::<Environment>(), Ok(Environment::Sandbox));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Environment {
    /// The live API: every restriction is enforced (the default).
    #[default]
    Production,
    /// The test API: disposable domains and `+` tags are accepted with a warning.
    Sandbox,
}

impl Environment {
    /// Both environments, production first.
    pub const ALL: [Environment; 2] = [Environment::Production, Environment::Sandbox];

    /// The environment's name: `production` or `sandbox`.
    ///
    /// ```
    /// use vivamo_validate::Environment;
    /// assert_eq!(Environment::Sandbox.as_str(), "sandbox");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Sandbox => "sandbox",
        }
    }

    /// Whether the API's email restrictions are errors here (production) rather
    /// than warnings (sandbox).
    ///
    /// ```
    /// use vivamo_validate::Environment;
    /// assert!(Environment::Production.enforces_email_restrictions());
    /// assert!(!Environment::Sandbox.enforces_email_restrictions());
    /// ```
    pub const fn enforces_email_restrictions(self) -> bool {
        matches!(self, Environment::Production)
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string given to [`Environment::from_str`](std::str::FromStr) is neither
/// `production` nor `sandbox`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownEnvironment;

impl fmt::Display for UnknownEnvironment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("environment must be production or sandbox")
    }
}

impl std::error::Error for UnknownEnvironment {}

impl std::str::FromStr for Environment {
    type Err = UnknownEnvironment;

    /// Parses `production` or `sandbox` (exactly, in lowercase).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Environment::ALL
            .into_iter()
            .find(|env| env.as_str() == s)
            .ok_or(UnknownEnvironment)
    }
}
