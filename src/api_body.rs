//! The body of every error the Vivamo API answers with (SPEC §11.4):
//! `{"message": string, "errors"?: [{"<constraint>": "<description>"}]}`.

use std::borrow::Cow;
use std::fmt;

use crate::Report;

/// The fallback message of a validation failure none of whose errors has a
/// documented sentence.
const VALIDATION_FAILED: &str = "Validation failed";

/// An error body in the API's shape: a human `message` and, for validation
/// failures, one `{code: description}` entry per failing field.
///
/// Build it from a [`Report`] with [`Report::api_body`], or for the API's other
/// answers with [`forbidden`](ApiErrorBody::forbidden) (403) and
/// [`not_found`](ApiErrorBody::not_found) (404). With the `serde` feature it
/// serializes to exactly the API's JSON, and deserializes from it, so a client can
/// read the real API's errors with the same type.
///
/// ```
/// use vivamo_validate::ApiErrorBody;
/// let body = ApiErrorBody::not_found();
/// assert_eq!(body.message(), "Customer not found");
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"message":"Customer not found"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErrorBody {
    message: Cow<'static, str>,
    errors: Option<Vec<(String, String)>>,
}

impl ApiErrorBody {
    /// A body with only a message (no `errors` member).
    ///
    /// ```
    /// use vivamo_validate::ApiErrorBody;
    /// let body = ApiErrorBody::new("Internal Server Error");
    /// assert!(body.errors().is_none());
    /// ```
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ApiErrorBody {
            message: message.into(),
            errors: None,
        }
    }

    /// The API's 403 body, for a missing or invalid API key.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::ApiErrorBody::forbidden().message(), "Forbidden");
    /// ```
    pub fn forbidden() -> Self {
        ApiErrorBody::new("Forbidden")
    }

    /// The API's 404 body for an unknown customer.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::ApiErrorBody::not_found().message(), "Customer not found");
    /// ```
    pub fn not_found() -> Self {
        ApiErrorBody::new("Customer not found")
    }

    /// Adds one `{constraint: description}` entry to `errors` (creating it).
    ///
    /// ```
    /// use vivamo_validate::ApiErrorBody;
    /// let body = ApiErrorBody::new("Validation failed").with_error("page", "page: must be a positive integer");
    /// assert_eq!(body.errors().unwrap()[0].0, "page");
    /// ```
    #[must_use]
    pub fn with_error(
        mut self,
        constraint: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.errors
            .get_or_insert_with(Vec::new)
            .push((constraint.into(), description.into()));
        self
    }

    /// The body of a failed validation: an entry `{"<code>": "<path>: <message>"}`
    /// per error, in report order (a root error reads `"<message>"` alone), and as
    /// `message` the API's documented sentence of the first error that has one,
    /// else `Validation failed`.
    ///
    /// ```
    /// use vivamo_validate::{ApiErrorBody, Error, ErrorCode, Path, Report};
    /// let mut report = Report::new();
    /// report.push(Path::root(), Error::new(ErrorCode::MalformedJson, "record is not valid json"));
    /// let body = ApiErrorBody::from_report(&report);
    /// assert_eq!(body.message(), "Validation failed");
    /// assert_eq!(body.errors().unwrap()[0], ("malformed_json".to_string(), "record is not valid json".to_string()));
    /// ```
    pub fn from_report(report: &Report) -> Self {
        let message = report
            .issues()
            .iter()
            .find_map(|issue| issue.error.api_message())
            .unwrap_or(VALIDATION_FAILED);
        let errors = report
            .issues()
            .iter()
            .map(|issue| {
                let description = if issue.path.is_root() {
                    issue.error.message().to_owned()
                } else {
                    format!("{}: {}", issue.path, issue.error.message())
                };
                (issue.error.code().to_owned(), description)
            })
            .collect();
        ApiErrorBody {
            message: Cow::Borrowed(message),
            errors: Some(errors),
        }
    }

    /// The human message.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::ApiErrorBody::forbidden().message(), "Forbidden");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The `(constraint, description)` entries, when the body has an `errors`
    /// member.
    ///
    /// ```
    /// assert!(vivamo_validate::ApiErrorBody::not_found().errors().is_none());
    /// ```
    pub fn errors(&self) -> Option<&[(String, String)]> {
        self.errors.as_deref()
    }
}

impl fmt::Display for ApiErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiErrorBody {}

#[cfg(feature = "serde")]
impl serde::Serialize for ApiErrorBody {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        /// One `{constraint: description}` object.
        struct Entry<'a>(&'a str, &'a str);
        impl serde::Serialize for Entry<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(self.0, self.1)?;
                map.end()
            }
        }

        let mut map = serializer.serialize_map(Some(1 + usize::from(self.errors.is_some())))?;
        map.serialize_entry("message", &*self.message)?;
        if let Some(errors) = &self.errors {
            let entries: Vec<Entry<'_>> = errors.iter().map(|(c, d)| Entry(c, d)).collect();
            map.serialize_entry("errors", &entries)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ApiErrorBody {
    /// Reads the API's body; an `errors` entry with several members gives one
    /// pair per member, in order.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wire {
            message: String,
            #[serde(default)]
            errors: Option<Vec<serde_json::Map<String, serde_json::Value>>>,
        }
        let wire = Wire::deserialize(deserializer)?;
        let errors = wire.errors.map(|entries| {
            entries
                .into_iter()
                .flat_map(|entry| entry.into_iter())
                .map(|(constraint, description)| {
                    let description = match description {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (constraint, description)
                })
                .collect()
        });
        Ok(ApiErrorBody {
            message: Cow::Owned(wire.message),
            errors,
        })
    }
}
