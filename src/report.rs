//! Collecting every failing field of a record: [`Path`] names a place in the
//! API's JSON shape, [`Report`] holds one `(path, error)` pair per failing field.

use std::borrow::Cow;
use std::fmt;

use crate::Error;

/// One step of a [`Path`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member, e.g. `data` or `email`.
    Key(Cow<'static, str>),
    /// An array element, e.g. the `0` of `kycVerifications[0]`.
    Index(usize),
}

/// Where a value sits in the API's JSON shape, printed as `data.email` or
/// `kycVerifications[0].status`; the root is the empty string.
///
/// ```
/// use vivamo_validate::Path;
/// let path = Path::root().key("kycVerifications").index(0).key("status");
/// assert_eq!(path.to_string(), "kycVerifications[0].status");
/// assert_eq!(Path::root().to_string(), "");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: Vec<Segment>,
}

impl Path {
    /// The empty path: the JSON root.
    ///
    /// ```
    /// assert!(vivamo_validate::Path::root().is_root());
    /// ```
    pub fn root() -> Self {
        Path::default()
    }

    /// This path extended by an object key.
    ///
    /// ```
    /// use vivamo_validate::Path;
    /// assert_eq!(Path::root().key("data").key("email").to_string(), "data.email");
    /// ```
    #[must_use]
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Key(key.into()));
        Path { segments }
    }

    /// This path extended by an array index.
    ///
    /// ```
    /// use vivamo_validate::Path;
    /// assert_eq!(Path::root().key("kycVerifications").index(2).to_string(), "kycVerifications[2]");
    /// ```
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Index(index));
        Path { segments }
    }

    /// A path built from its segments in one allocation (the record's fixed paths
    /// would otherwise copy their prefix once per segment).
    pub(crate) fn of(segments: Vec<Segment>) -> Self {
        Path { segments }
    }

    /// Whether this is the root path.
    ///
    /// ```
    /// use vivamo_validate::Path;
    /// assert!(!Path::root().key("data").is_root());
    /// ```
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The path's segments, outermost first.
    ///
    /// ```
    /// use vivamo_validate::{Path, Segment};
    /// let path = Path::root().key("kycVerifications").index(1);
    /// assert_eq!(path.segments()[1], Segment::Index(1));
    /// ```
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// One failing field: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where the failing value sits.
    pub path: Path,
    /// What is wrong with it.
    pub error: Error,
}

/// Every failing field of a record, in the order the fields were checked, and
/// the record's warnings.
///
/// Warnings are what the chosen [`Environment`](crate::Environment) accepted but
/// production would reject (SPEC §11.1); a report holds them beside its errors, so
/// an invalid record's warnings are never lost. [`api_body`](Report::api_body)
/// renders the report as the API's own 400 body.
///
/// With the `serde` feature it serializes as `{"errors":[{"path","code","message",
/// "detail"?,"suggestion"?}, …],"warnings"?:[…]}` (warnings only when there are
/// some).
///
/// ```
/// use vivamo_validate::{Error, ErrorCode, Path, Report};
/// let mut report = Report::new();
/// report.push(Path::root().key("data").key("email"), Error::new(ErrorCode::Required, "email is required"));
/// assert_eq!(report.len(), 1);
/// assert_eq!(report.issues()[0].path.to_string(), "data.email");
/// assert_eq!(report.codes().collect::<Vec<_>>(), ["required"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Report {
    /// An empty report.
    ///
    /// ```
    /// assert!(vivamo_validate::Report::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Report::default()
    }

    /// Records that the value at `path` failed with `error`.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode, Path, Report};
    /// let mut report = Report::new();
    /// report.push(Path::root(), Error::new(ErrorCode::MalformedJson, "input is not valid json"));
    /// assert!(!report.is_empty());
    /// ```
    pub fn push(&mut self, path: Path, error: Error) {
        self.issues.push(Issue { path, error });
    }

    /// Records a warning for the value at `path`: something the environment
    /// accepted that production would reject.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode, Path, Report};
    /// let mut report = Report::new();
    /// report.push_warning(
    ///     Path::root().key("data").key("email"),
    ///     Error::new(ErrorCode::EmailPlusSuffix, "email address has a + suffix"),
    /// );
    /// assert!(report.is_empty());
    /// assert_eq!(report.warnings().len(), 1);
    /// ```
    pub fn push_warning(&mut self, path: Path, warning: Error) {
        self.warnings.push(Issue {
            path,
            error: warning,
        });
    }

    /// The warnings, in the order the fields were checked.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Environment, Options};
    /// let options = Options { environment: Environment::Sandbox, ..Options::default() };
    /// let report = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"a+b@example.com","zip":"1"}}"#,
    ///     &options,
    /// )
    /// .unwrap_err();
    /// assert_eq!(report.codes().collect::<Vec<_>>(), ["zip_invalid"]);
    /// assert_eq!(report.warnings()[0].error.code(), "email_plus_suffix");
    /// ```
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Whether no field failed (warnings do not count).
    ///
    /// ```
    /// assert!(vivamo_validate::Report::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// How many fields failed.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Report::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// The failures, in the order they were found.
    ///
    /// ```
    /// assert!(vivamo_validate::Report::new().issues().is_empty());
    /// ```
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The machine codes of the failures, in order.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Report::new().codes().count(), 0);
    /// ```
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.issues.iter().map(|issue| issue.error.code())
    }

    /// The error at `path`, if that field failed.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode, Path, Report};
    /// let mut report = Report::new();
    /// report.push(Path::root().key("createdAt"), Error::new(ErrorCode::TimestampInvalid, "bad"));
    /// assert_eq!(report.get("createdAt").map(|e| e.code()), Some("timestamp_invalid"));
    /// assert!(report.get("data").is_none());
    /// ```
    pub fn get(&self, path: &str) -> Option<&Error> {
        self.issues
            .iter()
            .find(|issue| issue.path.to_string() == path)
            .map(|issue| &issue.error)
    }
}

impl Report {
    /// The report as the body the Vivamo API answers a failed request with:
    /// `{"message", "errors":[{"<code>": "<path>: <message>"}]}` (SPEC §11.4).
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options};
    /// let report = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"a@mailinator.com","zip":"1"}}"#,
    ///     &Options::default(),
    /// )
    /// .unwrap_err();
    /// let body = report.api_body();
    /// assert_eq!(body.message(), "Sorry, this email domain is not supported");
    /// assert_eq!(
    ///     serde_json::to_string(&body).unwrap(),
    ///     r#"{"message":"Sorry, this email domain is not supported","errors":[{"email_disposable":"data.email: email address uses a disposable domain"},{"zip_invalid":"data.zip: zip code must be 5 digits or 5+4 digits (12345 or 12345-6789)"}]}"#
    /// );
    /// ```
    pub fn api_body(&self) -> crate::ApiErrorBody {
        crate::ApiErrorBody::from_report(self)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", issue.path, issue.error)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl IntoIterator for Report {
    type Item = Issue;
    type IntoIter = std::vec::IntoIter<Issue>;

    fn into_iter(self) -> Self::IntoIter {
        self.issues.into_iter()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Issue {
    /// Serializes as `{"path","code","message","detail"?,"suggestion"?}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let error = &self.error;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("code", error.code())?;
        map.serialize_entry("message", error.message())?;
        if let Some(detail) = error.detail() {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(suggestion) = error.suggestion() {
            map.serialize_entry("suggestion", suggestion)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let len = if self.warnings.is_empty() { 1 } else { 2 };
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("errors", &self.issues)?;
        if !self.warnings.is_empty() {
            map.serialize_entry("warnings", &self.warnings)?;
        }
        map.end()
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn report_serializes_as_errors_array() {
        let mut report = Report::new();
        report.push(
            Path::root().key("data").key("country"),
            Error::new(
                ErrorCode::CountryInvalid,
                "country is not an iso 3166-1 alpha-2 code",
            )
            .with_suggestion("US"),
        );
        report.push(
            Path::root().key("kycVerifications").index(0).key("status"),
            Error::new(ErrorCode::Required, "status is required"),
        );
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(
            json,
            r#"{"errors":[{"path":"data.country","code":"country_invalid","message":"country is not an iso 3166-1 alpha-2 code","suggestion":"US"},{"path":"kycVerifications[0].status","code":"required","message":"status is required"}]}"#
        );
    }
}
