#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api_body;
mod ascii;
mod country;
mod duplicates;
mod email;
mod environment;
mod error;
mod external_id;
mod kyc;
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

pub use api_body::ApiErrorBody;
pub use country::{is_us_address, Country};
pub use duplicates::{DuplicateCheck, DuplicateKeys};
pub use email::{Email, EmailRules, DISPOSABLE_LIST_VERSION};
pub use environment::{Environment, UnknownEnvironment};
pub use error::{Error, ErrorCode, UnknownErrorCode};
pub use external_id::ExternalCustomerId;
pub use kyc::{KycStatus, KycType, KycVerification};
pub use options::Options;
#[cfg(feature = "serde")]
pub use outcome::{Fact, FieldResult, RecordResult};
pub use phone::{LineType, Phone, PhoneOptions, UnknownLineType};
pub use record::{
    validate_flat, validate_input, Customer, CustomerData, CustomerDataInput, CustomerInput,
    FlatField, KycVerificationInput, State,
};
#[cfg(feature = "serde")]
pub use record::{validate_json, validate_json_str};
pub use report::{Issue, Path, Report, Segment};
pub use state::{StateKind, StateSet, UnknownStateSet, UsState};
pub use text::{Text, TextField};
pub use timestamp::Timestamp;
pub use zip::PostalCode;

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
