//! `zip`: US ZIP codes and other countries' postal codes (SPEC §6).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// A normalized ZIP or postal code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    /// Validates under the US rules (what applies when no country is given).
    pub fn parse(input: &str) -> Result<PostalCode, Error> {
        PostalCode::parse_us(input)
    }

    /// Validates under the US rules.
    pub fn parse_us(input: &str) -> Result<PostalCode, Error> {
        let t = input.trim();
        if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(PostalCode(t.to_owned()));
        }
        Err(Error::new(ErrorCode::ZipInvalid, "zip code is not valid"))
    }

    /// Validates under the rules for every country but the US.
    pub fn parse_international(input: &str) -> Result<PostalCode, Error> {
        let t = input.trim().to_ascii_uppercase();
        if (2..=16).contains(&t.len()) {
            return Ok(PostalCode(t));
        }
        Err(Error::new(
            ErrorCode::ZipInvalid,
            "postal code is not valid",
        ))
    }

    /// The normalized code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(PostalCode);
