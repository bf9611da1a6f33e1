#![doc = include_str!("lib.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The README's examples, compiled and run as doctests so that they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod api_body;
mod ascii;
mod country;
mod duplicates;
mod email;
mod environment;
mod error;
mod external_id;
#[cfg(feature = "axum")]
pub mod extract;
#[cfg(feature = "serde")]
mod form;
#[cfg(feature = "serde")]
mod json_text;
mod kyc;
#[cfg(feature = "messages")]
mod messages;
mod options;
#[cfg(feature = "serde")]
mod outcome;
mod phone;
mod record;
mod report;
mod state;
mod text;
mod timestamp;
mod unicode;
mod zip;

/// The longest input any field function looks at beyond its own documented cap
/// (email 1,024 bytes, phone 64 characters, text 4,096 bytes): country, state,
/// ZIP, id, timestamp and KYC values over 4,096 bytes are rejected before any
/// other work, blank or not, so no field costs more than microseconds whatever
/// it is given (trimming 8 MB of spaces took 20 ms).
pub(crate) const MAX_FIELD_INPUT: usize = 4096;

/// The error of an input over [`MAX_FIELD_INPUT`] bytes.
pub(crate) fn input_too_long(code: ErrorCode, noun: &str) -> Error {
    Error::new(
        code,
        format!("{noun} is longer than {MAX_FIELD_INPUT} bytes"),
    )
    .with_detail("input_too_long")
}

pub use api_body::ApiErrorBody;
pub use country::{is_us_address, Country};
pub use duplicates::{DuplicateCheck, DuplicateKeys};
pub use email::{Email, EmailRules, DISPOSABLE_LIST_VERSION};
pub use environment::{Environment, UnknownEnvironment};
pub use error::{Error, ErrorCode, UnknownErrorCode};
pub use external_id::ExternalCustomerId;
#[cfg(feature = "serde")]
pub use form::{validate_field, FormContext};
pub use kyc::{KycStatus, KycType, KycVerification};
#[cfg(feature = "messages")]
pub use messages::{Messages, MessagesError};
pub use options::Options;
#[cfg(feature = "serde")]
pub use outcome::{Fact, FieldResult, RecordResult};
pub use phone::{LineType, Phone, PhoneOptions, UnknownLineType, PHONE_METADATA_VERSION};
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use record::validate_json_str_by_serde;
pub use record::{
    validate_flat, validate_input, Customer, CustomerData, CustomerDataInput, CustomerInput,
    FlatField, KycVerificationInput, PartialCustomer, PartialCustomerData, State, MAX_KYC_ITEMS,
};
#[cfg(feature = "serde")]
pub use record::{validate_json, validate_json_str, validate_json_with_id, validate_partial_json};
pub use report::{Issue, Path, Report, Segment, MAX_ERRORS};
pub use state::{StateKind, StateSet, UnknownStateSet, UsState};
pub use text::{Text, TextField, MAX_TEXT_INPUT};
pub use timestamp::Timestamp;
pub use zip::PostalCode;

/// The library's version (its crate version).
///
/// ```
/// assert_eq!(vivamo_validate::VERSION, env!("CARGO_PKG_VERSION"));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The three versions that decide a verdict, in one line: the library's, the
/// libphonenumber metadata's ([`PHONE_METADATA_VERSION`]) and the disposable list's
/// ([`DISPOSABLE_LIST_VERSION`]). `vivamo-validate --version` prints it, and every
/// surface that wraps the library should report it, so that a browser, a backend and a
/// mock can be checked to agree.
///
/// ```
/// use vivamo_validate::{version_line, DISPOSABLE_LIST_VERSION, PHONE_METADATA_VERSION, VERSION};
/// assert_eq!(
///     version_line(),
///     format!(
///         "vivamo-validate {VERSION} (libphonenumber {PHONE_METADATA_VERSION}, \
///          disposable-email-domains {DISPOSABLE_LIST_VERSION})"
///     )
/// );
/// ```
pub fn version_line() -> String {
    format!(
        "vivamo-validate {VERSION} (libphonenumber {PHONE_METADATA_VERSION}, \
         disposable-email-domains {DISPOSABLE_LIST_VERSION})"
    )
}

/// Implements `Display`, `AsRef<str>` and (with the `serde` feature) `Serialize`
/// through `as_str(&self) -> &str`: every string-valued type shows and serializes
/// as its normalized string.
macro_rules! str_display {
    ($ty:ty) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use str_display;

/// Implements `FromStr` and `TryFrom<&str>` through `parse(&str) -> Result<Self, Error>`,
/// [`str_display!`], and (with the `serde` feature) `Deserialize` through `parse`, or
/// through the given function where deserializing needs other rules.
macro_rules! string_newtype {
    ($ty:ident) => {
        $crate::string_newtype!($ty, $ty::parse);
    };
    ($ty:ident, $deserialize:path) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::Error;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                $ty::parse(s)
            }
        }

        $crate::str_display!($ty);

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s =
                    <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $deserialize(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_newtype;
