//! `country`: an assigned ISO 3166-1 alpha-2 code (SPEC §4).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// An assigned ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// Validates and normalizes a country code.
    pub fn parse(input: &str) -> Result<Country, Error> {
        let t = input.trim();
        if t.is_empty() {
            return Err(Error::required("country"));
        }
        if t == "UK" {
            return Err(
                Error::new(ErrorCode::CountryInvalid, "country is not assigned")
                    .with_suggestion("GB"),
            );
        }
        let b = t.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            return Ok(Country([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
            ]));
        }
        let err = Error::new(
            ErrorCode::CountryInvalid,
            "country is not an iso 3166-1 alpha-2 code",
        );
        match t {
            "USA" => Err(err.with_suggestion("US")),
            "UK" => Err(err.with_suggestion("GB")),
            _ => Err(err),
        }
    }

    /// The upper-case alpha-2 code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// Whether this is `US`.
    pub fn is_us(&self) -> bool {
        &self.0 == b"US"
    }
}

string_newtype!(Country);

/// Whether the US address rules apply for a raw `country` value (SPEC §5).
pub fn is_us_address(country: Option<&str>) -> bool {
    match country {
        None => true,
        Some(raw) if raw.trim().is_empty() => true,
        Some(raw) => Country::parse(raw).is_ok_and(|c| c.is_us()),
    }
}
