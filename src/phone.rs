//! `phone`: pre-scan, the `+1` rule, libphonenumber validity and line type (SPEC §3).
// SCAFFOLD: the phone issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// Phone policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhoneOptions {
    /// Reject `fixed_line_or_mobile` numbers (strict offline mobile-only).
    pub reject_fixed_line_or_mobile: bool,
}

/// The line type of a valid number, as libphonenumber reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineType {
    /// `mobile`.
    Mobile,
    /// `fixed_line_or_mobile`.
    FixedLineOrMobile,
    /// `fixed_line`.
    FixedLine,
}

/// A valid mobile (or possibly mobile) number in E.164.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
}

impl Phone {
    /// Validates with the default policy.
    pub fn parse(input: &str) -> Result<Phone, Error> {
        Phone::parse_with(input, &PhoneOptions::default())
    }

    /// Validates with `options`.
    pub fn parse_with(input: &str, _options: &PhoneOptions) -> Result<Phone, Error> {
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return Err(
                Error::new(ErrorCode::PhoneInvalidFormat, "phone number is empty")
                    .with_detail("empty"),
            );
        }
        if input.trim_start().starts_with('+') {
            return Ok(Phone {
                e164: format!("+{digits}"),
            });
        }
        if digits.len() == 10 {
            return Ok(Phone {
                e164: format!("+1{digits}"),
            });
        }
        Err(Error::new(
            ErrorCode::PhoneMissingCountryCode,
            "phone number has no country code",
        ))
    }

    /// The E.164 form.
    pub fn as_str(&self) -> &str {
        &self.e164
    }
}

string_newtype!(Phone);
