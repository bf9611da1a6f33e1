//! `email`: syntax, IDNA, the disposable-domain list and the `+` rule (SPEC §2).
// SCAFFOLD: the email issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// Extra blocked and allowed domains, on top of the bundled lists.
#[derive(Debug, Clone, Default)]
pub struct EmailRules {
    blocked: Vec<String>,
    allowed: Vec<String>,
}

impl EmailRules {
    /// Also treats `domain` (and its subdomains) as disposable.
    pub fn block(&mut self, domain: &str) -> &mut Self {
        self.blocked.push(domain.to_ascii_lowercase());
        self
    }

    /// Never treats `domain` (and its subdomains) as disposable.
    pub fn allow(&mut self, domain: &str) -> &mut Self {
        self.allowed.push(domain.to_ascii_lowercase());
        self
    }
}

/// A valid, normalized email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Validates with the bundled lists only.
    pub fn parse(input: &str) -> Result<Email, Error> {
        Email::parse_with(input, &EmailRules::default())
    }

    /// Validates with extra blocked and allowed domains.
    pub fn parse_with(input: &str, rules: &EmailRules) -> Result<Email, Error> {
        let t = input.trim();
        if t.is_empty() {
            return Err(Error::required("email"));
        }
        let Some((local, domain)) = t.split_once('@') else {
            return Err(
                Error::new(ErrorCode::EmailInvalid, "email address has no @")
                    .with_detail("missing_at"),
            );
        };
        if rules.blocked.iter().any(|b| b == domain) {
            return Err(Error::new(
                ErrorCode::EmailDisposable,
                "email address uses a disposable domain",
            ));
        }
        if local.contains('+') {
            return Err(Error::new(
                ErrorCode::EmailPlusSuffix,
                "email address has a + suffix",
            ));
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Email);
