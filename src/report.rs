//! Collecting every failing field of a record: [`Path`] names a place in the
//! API's JSON shape, [`Report`] holds one `(path, error)` pair per failing field.

use std::borrow::Cow;
use std::fmt;

use crate::{Error, ErrorCode};

/// The most errors a [`Report`] holds (the record rules): a record with more keeps its
/// first `MAX_ERRORS - 1` and ends with one `too_many_errors` error at `""` that
/// counts the rest, so a report (and the output line it becomes) stays small
/// whatever the input.
///
/// ```
/// assert_eq!(vivamo_validate::MAX_ERRORS, 100);
/// ```
pub const MAX_ERRORS: usize = 100;

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

/// Every failing field of a record, in the order the fields were checked, up to
/// [`MAX_ERRORS`] (past that, the last error is one `too_many_errors` at `""`
/// whose message gives the number of errors left out), and the record's warnings.
///
/// Warnings are what the chosen [`Environment`](crate::Environment) accepted but
/// production would reject (the API's environment rule), or hints such as
/// `phone_us_prefix_assumed`; a report holds them beside its errors, so an invalid
/// record's warnings are never lost. [`api_body`](Report::api_body) renders the
/// report as the API's own 400 body.
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
    /// Errors not kept, counting the one the `too_many_errors` marker replaced;
    /// 0 while every error pushed is kept.
    left_out: usize,
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

    /// Records that the value at `path` failed with `error`. Once the report
    /// holds [`MAX_ERRORS`], a further error is only counted: the last slot
    /// becomes a `too_many_errors` error at `""` that says how many were left out.
    ///
    /// ```
    /// use vivamo_validate::{Error, ErrorCode, Path, Report, MAX_ERRORS};
    /// let mut report = Report::new();
    /// report.push(Path::root(), Error::new(ErrorCode::MalformedJson, "input is not valid json"));
    /// assert!(!report.is_empty());
    ///
    /// let mut report = Report::new();
    /// for i in 0..MAX_ERRORS + 1 {
    ///     report.push(Path::root().key(format!("f{i}")), Error::new(ErrorCode::UnknownField, "x"));
    /// }
    /// assert_eq!(report.len(), MAX_ERRORS);
    /// let last = &report.issues()[MAX_ERRORS - 1];
    /// assert_eq!((last.path.to_string().as_str(), last.error.code()), ("", "too_many_errors"));
    /// assert_eq!(last.error.message(), "too many errors: 2 more were left out");
    /// assert_eq!(report.left_out(), 2);
    /// ```
    pub fn push(&mut self, path: Path, error: Error) {
        self.push_with(|| path, || error);
    }

    /// [`push`](Report::push) that builds the path and error only when they are
    /// kept, so a record with 10^5 failing members costs a counter increment for
    /// all but the first hundred.
    pub(crate) fn push_with(&mut self, path: impl FnOnce() -> Path, error: impl FnOnce() -> Error) {
        if self.left_out == 0 && self.issues.len() < MAX_ERRORS {
            self.issues.push(Issue {
                path: path(),
                error: error(),
            });
        } else {
            self.leave_out(1);
        }
    }

    /// Counts `n` more errors that are not kept (the report must already hold
    /// [`MAX_ERRORS`], as it does whenever a caller has more errors than that).
    pub(crate) fn leave_out(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        if self.left_out == 0 {
            // The last kept error makes way for the marker and is counted with the rest.
            if self.issues.len() >= MAX_ERRORS {
                self.issues.pop();
                self.left_out = 1;
            }
        } else {
            self.issues.pop(); // the old marker
        }
        self.left_out += n;
        self.issues.push(Issue {
            path: Path::root(),
            error: Error::new(
                ErrorCode::TooManyErrors,
                format!("too many errors: {} more were left out", self.left_out),
            ),
        });
    }

    /// How many errors were left out (0 when the report holds every error).
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Report::new().left_out(), 0);
    /// ```
    pub fn left_out(&self) -> usize {
        self.left_out
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

    /// How many errors the report holds (at most [`MAX_ERRORS`], the
    /// `too_many_errors` marker included).
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
    /// `{"message", "errors":[{"<code>": "<path>: <message>"}]}` (the API's error body).
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

impl std::str::FromStr for Path {
    type Err = std::convert::Infallible;

    /// Reads a path as [`Display`](fmt::Display) writes it: keys separated by `.`,
    /// indexes in brackets; the empty string is the root. (A key that itself holds
    /// `.` or `[` cannot be told apart; the API's keys never do.)
    ///
    /// ```
    /// use vivamo_validate::{Path, Segment};
    /// let path: Path = "kycVerifications[2].status".parse().unwrap();
    /// assert_eq!(path, Path::root().key("kycVerifications").index(2).key("status"));
    /// assert!("".parse::<Path>().unwrap().is_root());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut path = Path::root();
        for part in s.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(at) => part.split_at(at),
                None => (part, ""),
            };
            if !key.is_empty() {
                path.segments.push(Segment::Key(Cow::Owned(key.to_owned())));
            }
            while let Some(inner) = rest.strip_prefix('[') {
                let Some((index, after)) = inner.split_once(']') else {
                    path.segments
                        .push(Segment::Key(Cow::Owned(rest.to_owned())));
                    break;
                };
                match index.parse::<usize>() {
                    Ok(i) => path.segments.push(Segment::Index(i)),
                    Err(_) => path
                        .segments
                        .push(Segment::Key(Cow::Owned(format!("[{index}]")))),
                }
                rest = after;
            }
        }
        Ok(path)
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
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("path", &self.path)?;
        self.error.serialize_entries(&mut map)?;
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

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Path {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        Ok(text.parse().unwrap_or_default())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Issue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wire {
            path: Path,
            #[serde(flatten)]
            error: crate::error::ErrorWire,
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(Issue {
            path: wire.path,
            error: wire.error.into(),
        })
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Report {
    /// Reads `{"errors":[…],"warnings"?:[…]}`, what `Serialize` writes, so a Rust
    /// client of a service that returns reports gets them back whole.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options, Report};
    /// let report = validate_json_str(r#"{"data":{"email":"a@x"}}"#, &Options::default()).unwrap_err();
    /// let json = serde_json::to_string(&report).unwrap();
    /// assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);
    /// ```
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wire {
            errors: Vec<Issue>,
            #[serde(default)]
            warnings: Vec<Issue>,
        }
        let wire = Wire::deserialize(deserializer)?;
        // The marker's message carries the count that `left_out` keeps.
        let left_out = wire
            .errors
            .last()
            .filter(|issue| issue.error.kind() == crate::ErrorCode::TooManyErrors)
            .and_then(|issue| {
                let message = issue.error.message();
                let digits = message.trim_start_matches(|c: char| !c.is_ascii_digit());
                let end = digits
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(digits.len());
                digits[..end].parse().ok()
            })
            .unwrap_or(0);
        Ok(Report {
            issues: wire.errors,
            warnings: wire.warnings,
            left_out,
        })
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
