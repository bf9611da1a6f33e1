//! `externalCustomerId` (SPEC §8): the caller's own id, taken exactly as sent.
//! The rules are documented on the type.

use crate::unicode::{is_bidi_control, CodePoint};
use crate::{string_newtype, Error, ErrorCode};

/// The most bytes an id may have (the record rules).
const MAX_BYTES: usize = 255;

/// The caller's id of a customer, taken as is.
///
/// Checks, in order (the first failure is the one reported):
///
/// | input | code | detail |
/// |---|---|---|
/// | empty, or only White_Space | `required` | |
/// | over 255 bytes (UTF-8) | `external_id_invalid` | `too_long` |
/// | White_Space at the start or end | `external_id_invalid` | `surrounding_whitespace` |
/// | a control character (Cc) anywhere | `external_id_invalid` | `control_character` |
/// | a bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) anywhere | `external_id_invalid` | `bidi_control` |
/// | exactly `.` or `..` (they would change the meaning of the API path) | `external_id_invalid` | `dot_segment` |
///
/// The id is never trimmed, re-cased or normalized.
///
/// ```
/// use vivamo_validate::ExternalCustomerId;
/// let id = ExternalCustomerId::parse("cust/42 ü").unwrap();
/// assert_eq!(id.as_str(), "cust/42 ü");
/// assert_eq!(id.api_path(), "/v1/customers/cust%2F42%20%C3%BC");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternalCustomerId(String);

impl ExternalCustomerId {
    /// Validates an external customer id.
    ///
    /// ```
    /// use vivamo_validate::ExternalCustomerId;
    /// assert!(ExternalCustomerId::parse("c-123").is_ok());
    /// assert_eq!(ExternalCustomerId::parse("").unwrap_err().code(), "required");
    /// let err = ExternalCustomerId::parse(" c-123").unwrap_err();
    /// assert_eq!(err.code(), "external_id_invalid");
    /// assert_eq!(err.detail(), Some("surrounding_whitespace"));
    /// ```
    pub fn parse(input: &str) -> Result<ExternalCustomerId, Error> {
        check(input)?;
        Ok(ExternalCustomerId(input.to_owned()))
    }

    /// The id, exactly as it was given.
    ///
    /// ```
    /// use vivamo_validate::ExternalCustomerId;
    /// assert_eq!(ExternalCustomerId::parse("AbC").unwrap().as_str(), "AbC");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The API path `/v1/customers/{id}`, with every byte of the id outside
    /// `A-Z a-z 0-9 - . _ ~` percent-encoded (upper-case hex).
    ///
    /// ```
    /// use vivamo_validate::ExternalCustomerId;
    /// let id = ExternalCustomerId::parse("a+b?c=%").unwrap();
    /// assert_eq!(id.api_path(), "/v1/customers/a%2Bb%3Fc%3D%25");
    /// ```
    pub fn api_path(&self) -> String {
        const PREFIX: &str = "/v1/customers/";
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut path = String::with_capacity(PREFIX.len() + self.0.len() * 3);
        path.push_str(PREFIX);
        for &b in self.0.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                path.push(char::from(b));
            } else {
                path.push('%');
                path.push(char::from(HEX[usize::from(b >> 4)]));
                path.push(char::from(HEX[usize::from(b & 0x0F)]));
            }
        }
        path
    }
}

string_newtype!(ExternalCustomerId);

fn invalid(message: impl Into<std::borrow::Cow<'static, str>>, detail: &'static str) -> Error {
    Error::new(ErrorCode::ExternalIdInvalid, message).with_detail(detail)
}

fn check(input: &str) -> Result<(), Error> {
    // Over the field cap, even blank input is too long: deciding "blank" would
    // mean reading all of it.
    if input.len() > crate::MAX_FIELD_INPUT {
        return Err(invalid(
            "external customer id is longer than 255 bytes",
            "too_long",
        ));
    }
    if input.chars().all(char::is_whitespace) {
        return Err(Error::required("external customer id"));
    }
    if input.len() > MAX_BYTES {
        return Err(invalid(
            "external customer id is longer than 255 bytes",
            "too_long",
        ));
    }
    if input.starts_with(char::is_whitespace) || input.ends_with(char::is_whitespace) {
        return Err(invalid(
            "external customer id has leading or trailing whitespace",
            "surrounding_whitespace",
        ));
    }
    // Printable ASCII, the usual case, can hold neither a control nor a bidi character.
    if input.bytes().all(|b| matches!(b, 0x20..=0x7E)) {
        return dot_segment(input);
    }
    if let Some(c) = input.chars().find(|c| c.is_control()) {
        return Err(invalid(
            format!(
                "external customer id has a control character {}",
                CodePoint(c)
            ),
            "control_character",
        ));
    }
    if let Some(c) = input.chars().find(|&c| is_bidi_control(c)) {
        return Err(invalid(
            format!(
                "external customer id has a bidirectional control character {}",
                CodePoint(c)
            ),
            "bidi_control",
        ));
    }
    dot_segment(input)
}

fn dot_segment(input: &str) -> Result<(), Error> {
    if input == "." || input == ".." {
        return Err(invalid(
            "external customer id cannot be a dot segment",
            "dot_segment",
        ));
    }
    Ok(())
}
