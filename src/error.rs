//! The error model: one [`Error`] type for every field, with a stable machine
//! [`ErrorCode`], a lowercase human message, an optional finer `detail` word and an
//! optional `suggestion` (a corrected value).

use std::borrow::Cow;
use std::fmt;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)*) => {
        /// The stable machine code of an error (the table of error codes).
        ///
        /// New codes may be added in a minor release, so the enum is `#[non_exhaustive]`;
        /// the string of an existing code never changes.
        ///
        /// ```
        /// use vivamo_validate::ErrorCode;
        /// assert_eq!(ErrorCode::EmailDisposable.as_str(), "email_disposable");
        /// assert_eq!("phone_not_mobile".parse::<ErrorCode>(), Ok(ErrorCode::PhoneNotMobile));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the table of error codes.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code's stable snake_case string.
            ///
            /// ```
            /// use vivamo_validate::ErrorCode;
            /// assert_eq!(ErrorCode::Required.as_str(), "required");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(ErrorCode::$variant),)*
                    _ => Err(UnknownErrorCode),
                }
            }
        }
    };
}

error_codes! {
    /// A required value is missing, `null`, empty or blank.
    Required => "required",
    /// A JSON value has the wrong type (a number where a string belongs, …).
    WrongType => "wrong_type",
    /// A field the API does not know (reported only when asked for).
    UnknownField => "unknown_field",
    /// The input is not well-formed JSON.
    MalformedJson => "malformed_json",
    /// The email address is not a valid address.
    EmailInvalid => "email_invalid",
    /// The email address uses a disposable (throw-away) domain.
    EmailDisposable => "email_disposable",
    /// The email address has a `+` tag in its local part.
    EmailPlusSuffix => "email_plus_suffix",
    /// The phone number has characters or a shape that no phone number has.
    PhoneInvalidFormat => "phone_invalid_format",
    /// The phone number has too few digits to prepend `+1` and no country code.
    PhoneMissingCountryCode => "phone_missing_country_code",
    /// The phone number is not a valid number.
    PhoneInvalid => "phone_invalid",
    /// The phone number is valid but not a mobile number.
    PhoneNotMobile => "phone_not_mobile",
    /// The country is not an assigned ISO 3166-1 alpha-2 code.
    CountryInvalid => "country_invalid",
    /// The state is not a US state, district, territory or military code.
    StateInvalid => "state_invalid",
    /// The ZIP or postal code is not valid for the country.
    ZipInvalid => "zip_invalid",
    /// The text holds characters that are not allowed.
    TextInvalidCharacters => "text_invalid_characters",
    /// The text is longer than the field allows.
    TextTooLong => "text_too_long",
    /// The text has no letter where one is required.
    TextNoLetters => "text_no_letters",
    /// The external customer id is not usable.
    ExternalIdInvalid => "external_id_invalid",
    /// The KYC verification type is not one the API knows.
    KycTypeUnknown => "kyc_type_unknown",
    /// The KYC verification status is not one the API knows.
    KycStatusUnknown => "kyc_status_unknown",
    /// The timestamp is not a valid RFC 3339 date-time.
    TimestampInvalid => "timestamp_invalid",
    /// A record failed more checks than a report holds; stands for the rest.
    TooManyErrors => "too_many_errors",
    /// The external customer id repeats one that an earlier customer already uses.
    DuplicateExternalId => "duplicate_external_id",
    /// The email address repeats one that an earlier customer already uses.
    DuplicateEmail => "duplicate_email",
    /// A warning, never an error: a phone number without a `+` got `+1` (the API's
    /// rule) on a record whose country uses another calling code.
    PhoneUsPrefixAssumed => "phone_us_prefix_assumed",
    /// A warning, never an error: a CSV record's quoted field spans several lines.
    CsvMultilineField => "csv_multiline_field",
}

/// The API's documented sentences (the API's error body), verbatim.
const API_DISPOSABLE: &str = "Sorry, this email domain is not supported";
const API_PHONE: &str =
    "Sorry, this phone number cannot be used. Please use a valid mobile number.";
const API_DUPLICATE_ID: &str = "This customer already exists";
const API_DUPLICATE_EMAIL: &str = "A customer with this email address already exists.";

impl ErrorCode {
    /// The sentence the Vivamo API itself answers with for this code, where its
    /// documentation gives one; `None` for every other code.
    ///
    /// A form can show this to a customer to say exactly what the API would say.
    ///
    /// ```
    /// use vivamo_validate::ErrorCode;
    /// assert_eq!(
    ///     ErrorCode::EmailDisposable.api_message(),
    ///     Some("Sorry, this email domain is not supported")
    /// );
    /// assert_eq!(
    ///     ErrorCode::PhoneNotMobile.api_message(),
    ///     Some("Sorry, this phone number cannot be used. Please use a valid mobile number.")
    /// );
    /// assert_eq!(ErrorCode::ZipInvalid.api_message(), None);
    /// ```
    pub const fn api_message(self) -> Option<&'static str> {
        match self {
            ErrorCode::EmailDisposable => Some(API_DISPOSABLE),
            ErrorCode::PhoneInvalidFormat
            | ErrorCode::PhoneMissingCountryCode
            | ErrorCode::PhoneInvalid
            | ErrorCode::PhoneNotMobile => Some(API_PHONE),
            // A warning: the API accepts the number, so it has no sentence for it.
            ErrorCode::PhoneUsPrefixAssumed => None,
            ErrorCode::DuplicateExternalId => Some(API_DUPLICATE_ID),
            ErrorCode::DuplicateEmail => Some(API_DUPLICATE_EMAIL),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string given to [`ErrorCode::from_str`](std::str::FromStr) is not a known code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownErrorCode;

impl fmt::Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown error code")
    }
}

impl std::error::Error for UnknownErrorCode {}

/// A validation error for one value.
///
/// `code()` is stable and machine-readable; `message()` is a lowercase sentence
/// without a trailing period that never echoes the whole input (customer data is
/// personal data); `detail()` is a finer stable snake_case reason where the rules
/// names one; `suggestion()` is a corrected value where one is clear.
///
/// ```
/// use vivamo_validate::{Country, ErrorCode};
/// let err = Country::parse("USA").unwrap_err();
/// assert_eq!(err.code(), "country_invalid");
/// assert_eq!(err.kind(), ErrorCode::CountryInvalid);
/// assert_eq!(err.suggestion(), Some("US"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorCode,
    message: Cow<'static, str>,
    detail: Option<Cow<'static, str>>,
    suggestion: Option<String>,
}

impl Error {
    /// Builds an error from a code and a human message.
    ///
    /// The library builds its errors itself; this is public so that callers who
    /// add their own checks (a carrier lookup, say) can report in the same shape.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::PhoneNotMobile, "phone number is not a mobile number")
    ///     .with_detail("voip");
    /// assert_eq!(err.code(), "phone_not_mobile");
    /// assert_eq!(err.detail(), Some("voip"));
    /// ```
    pub fn new(kind: ErrorCode, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            message: message.into(),
            detail: None,
            suggestion: None,
        }
    }

    /// Adds a stable snake_case `detail` word.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::EmailInvalid, "email address has no @").with_detail("missing_at");
    /// assert_eq!(err.detail(), Some("missing_at"));
    /// ```
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<Cow<'static, str>>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a suggested corrected value.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::CountryInvalid, "country must be an ISO 3166-1 alpha-2 code")
    ///     .with_suggestion("GB");
    /// assert_eq!(err.suggestion(), Some("GB"));
    /// ```
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// The error's typed code.
    ///
    /// ```
    /// use vivamo_validate::{ErrorCode, UsState};
    /// assert_eq!(UsState::parse("XX").unwrap_err().kind(), ErrorCode::StateInvalid);
    /// ```
    pub fn kind(&self) -> ErrorCode {
        self.kind
    }

    /// The error's stable machine code, as in the table of error codes.
    ///
    /// ```
    /// use vivamo_validate::UsState;
    /// assert_eq!(UsState::parse("XX").unwrap_err().code(), "state_invalid");
    /// ```
    pub fn code(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The human message: lowercase, no trailing period, never the whole input.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::Required, "value is required");
    /// assert_eq!(err.message(), "value is required");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The finer reason, a stable snake_case word, where the rules name one.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::Required, "value is required").detail(), None);
    /// ```
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// A corrected value, where one is clear.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse("UK").unwrap_err().suggestion(), Some("GB"));
    /// ```
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }

    /// The sentence the Vivamo API answers with for this error, where its
    /// documentation gives one (see [`ErrorCode::api_message`]).
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// let err = Email::parse("a@mailinator.com").unwrap_err();
    /// assert_eq!(err.api_message(), Some("Sorry, this email domain is not supported"));
    /// assert_eq!(Email::parse("a@").unwrap_err().api_message(), None);
    /// ```
    pub fn api_message(&self) -> Option<&'static str> {
        self.kind.api_message()
    }

    pub(crate) fn required(what: &str) -> Self {
        Error::new(ErrorCode::Required, format!("{what} is required"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "serde")]
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    /// Serializes as `{"code","message","detail"?,"suggestion"?}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let len = 2 + usize::from(self.detail.is_some()) + usize::from(self.suggestion.is_some());
        let mut map = serializer.serialize_map(Some(len))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

#[cfg(feature = "serde")]
impl Error {
    /// Writes `code`, `message`, `detail`? and `suggestion`? into a map being
    /// serialized: the one spelling of an error's members, shared by the error
    /// itself, an issue (which adds `path`) and a field result (which adds
    /// `apiMessage`).
    pub(crate) fn serialize_entries<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
    ) -> Result<(), M::Error> {
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", self.message())?;
        if let Some(detail) = &self.detail {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(suggestion) = &self.suggestion {
            map.serialize_entry("suggestion", suggestion)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        code.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown error code '{code}'")))
    }
}

/// The serialized members of an [`Error`] (and of an issue, which adds `path`).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
pub(crate) struct ErrorWire {
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
    #[serde(default)]
    pub(crate) detail: Option<String>,
    #[serde(default)]
    pub(crate) suggestion: Option<String>,
}

#[cfg(feature = "serde")]
impl From<ErrorWire> for Error {
    fn from(wire: ErrorWire) -> Self {
        Error {
            kind: wire.code,
            message: Cow::Owned(wire.message),
            detail: wire.detail.map(Cow::Owned),
            suggestion: wire.suggestion,
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Error {
    /// Reads `{"code","message","detail"?,"suggestion"?}`, what `Serialize` writes;
    /// an unknown code is an error.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ErrorWire::deserialize(deserializer).map(Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_spec_order() {
        let expected = [
            "required",
            "wrong_type",
            "unknown_field",
            "malformed_json",
            "email_invalid",
            "email_disposable",
            "email_plus_suffix",
            "phone_invalid_format",
            "phone_missing_country_code",
            "phone_invalid",
            "phone_not_mobile",
            "country_invalid",
            "state_invalid",
            "zip_invalid",
            "text_invalid_characters",
            "text_too_long",
            "text_no_letters",
            "external_id_invalid",
            "kyc_type_unknown",
            "kyc_status_unknown",
            "timestamp_invalid",
            "too_many_errors",
            "duplicate_external_id",
            "duplicate_email",
            "phone_us_prefix_assumed",
            "csv_multiline_field",
        ];
        let got: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(got, expected);
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
        }
        assert_eq!("Required".parse::<ErrorCode>(), Err(UnknownErrorCode));
    }
}
