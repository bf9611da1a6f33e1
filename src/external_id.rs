//! `externalCustomerId` (SPEC §8).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// The caller's id of a customer, taken as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternalCustomerId(String);

impl ExternalCustomerId {
    /// Validates an external customer id.
    pub fn parse(input: &str) -> Result<ExternalCustomerId, Error> {
        if input.is_empty() {
            return Err(Error::required("externalCustomerId"));
        }
        if input.len() > 255 {
            return Err(Error::new(
                ErrorCode::ExternalIdInvalid,
                "external customer id is too long",
            ));
        }
        Ok(ExternalCustomerId(input.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The API path `/v1/customers/{id}` with the id percent-encoded.
    pub fn api_path(&self) -> String {
        format!("/v1/customers/{}", self.0)
    }
}

string_newtype!(ExternalCustomerId);
