//! RFC 3339 timestamps, normalized to UTC milliseconds (SPEC §8).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// An instant, normalized as `YYYY-MM-DDTHH:MM:SS.sssZ`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// Validates and normalizes an RFC 3339 timestamp.
    pub fn parse(input: &str) -> Result<Timestamp, Error> {
        if input.len() == 24 && input.ends_with('Z') {
            return Ok(Timestamp(input.to_owned()));
        }
        Err(Error::new(
            ErrorCode::TimestampInvalid,
            "timestamp is not rfc 3339",
        ))
    }

    /// The normalized form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Timestamp);
