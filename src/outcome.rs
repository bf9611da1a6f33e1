//! Results as plain JSON objects, one shape for every surface that wraps the
//! library (the CLI's `--output jsonl`, the JavaScript and Python packages, the
//! mock server): [`RecordResult`] for a record, [`FieldResult`] for one field.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::json_text::{push_issues, push_str, push_u64};

use crate::{
    Country, Customer, Email, Error, ErrorCode, ExternalCustomerId, Issue, KycStatus, KycType,
    Options, Phone, PostalCode, Report, Text, TextField, Timestamp, UsState,
};

/// A record's result as a JSON object: `{"valid":true,"customer":{…},
/// "warnings"?:[…]}` or `{"valid":false,"errors":[…],"warnings"?:[…]}`, each
/// warning and error `{"path","code","message","detail"?,"suggestion"?}`.
/// [`numbered`](RecordResult::numbered) puts `"record":N` first, as the CLI's
/// `--output jsonl` lines have it.
///
/// ```
/// use vivamo_validate::{validate_json_str, Environment, Options, RecordResult};
/// let sandbox = Options { environment: Environment::Sandbox, ..Options::default() };
/// let result = validate_json_str(r#"{"externalCustomerId":"c","data":{"email":"a+b@example.com"}}"#, &sandbox);
/// assert_eq!(
///     serde_json::to_string(&RecordResult::new(&result)).unwrap(),
///     r#"{"valid":true,"customer":{"externalCustomerId":"c","data":{"email":"a+b@example.com"}},"warnings":[{"path":"data.email","code":"email_plus_suffix","message":"email address has a + suffix"}]}"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RecordResult<'a> {
    record: Option<u64>,
    source: Option<Source<'a>>,
    extra_warnings: &'a [Issue],
    result: &'a Result<Customer, Report>,
}

/// Where a record came from: see [`RecordResult::with_source`].
#[derive(Debug, Clone, Copy)]
struct Source<'a> {
    file: &'a str,
    line: u64,
    external_id: Option<&'a str>,
}

impl<'a> RecordResult<'a> {
    /// The object of one result.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options, RecordResult};
    /// let result = validate_json_str("[]", &Options::default());
    /// let json = serde_json::to_string(&RecordResult::new(&result)).unwrap();
    /// assert!(json.starts_with(r#"{"valid":false,"errors":[{"path":"","code":"wrong_type""#));
    /// ```
    pub fn new(result: &'a Result<Customer, Report>) -> Self {
        RecordResult {
            record: None,
            source: None,
            extra_warnings: &[],
            result,
        }
    }

    /// The object with the record's number first.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options, RecordResult};
    /// let result = validate_json_str(r#"{"externalCustomerId":"c","data":{"email":"a@example.com"}}"#, &Options::default());
    /// let json = serde_json::to_string(&RecordResult::numbered(7, &result)).unwrap();
    /// assert!(json.starts_with(r#"{"record":7,"valid":true,"#));
    /// ```
    pub fn numbered(record: u64, result: &'a Result<Customer, Report>) -> Self {
        RecordResult {
            record: Some(record),
            ..RecordResult::new(result)
        }
    }

    /// The object with where the record came from after `"record"`: `"file"`
    /// (a path, or `-` for standard input), `"line"` (the first line of the
    /// record in that file, from 1) and, when known, `"externalCustomerId"` as
    /// the input gave it.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options, RecordResult};
    /// let result = validate_json_str(r#"{"externalCustomerId":"c","data":{}}"#, &Options::default());
    /// let json = serde_json::to_string(&RecordResult::numbered(3, &result).with_source("in.jsonl", 4, Some("c"))).unwrap();
    /// assert!(json.starts_with(r#"{"record":3,"file":"in.jsonl","line":4,"externalCustomerId":"c","valid":false,"#));
    /// ```
    pub fn with_source(self, file: &'a str, line: u64, external_id: Option<&'a str>) -> Self {
        RecordResult {
            source: Some(Source {
                file,
                line,
                external_id,
            }),
            ..self
        }
    }

    /// The object with `warnings` found outside validation (by a reader of the
    /// input, say) after the record's own; a valid record stays valid.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Error, ErrorCode, Issue, Options, Path, RecordResult};
    /// let result = validate_json_str(r#"{"externalCustomerId":"c","data":{"email":"a@example.com"}}"#, &Options::default());
    /// let warning = [Issue { path: Path::root(), error: Error::new(ErrorCode::CsvMultilineField, "record spans lines 2–3") }];
    /// let json = serde_json::to_string(&RecordResult::new(&result).with_warnings(&warning)).unwrap();
    /// assert!(json.starts_with(r#"{"valid":true,"#));
    /// assert!(json.ends_with(r#""warnings":[{"path":"","code":"csv_multiline_field","message":"record spans lines 2–3"}]}"#));
    /// ```
    pub fn with_warnings(self, warnings: &'a [Issue]) -> Self {
        RecordResult {
            extra_warnings: warnings,
            ..self
        }
    }
}

/// A record's own warnings, then the extra ones, as one JSON array.
struct Warnings<'a>(&'a [Issue], &'a [Issue]);

impl Serialize for Warnings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().chain(self.1))
    }
}

impl Serialize for RecordResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(record) = self.record {
            map.serialize_entry("record", &record)?;
        }
        if let Some(source) = &self.source {
            map.serialize_entry("file", source.file)?;
            map.serialize_entry("line", &source.line)?;
            if let Some(id) = source.external_id {
                map.serialize_entry("externalCustomerId", id)?;
            }
        }
        let own;
        let own = match self.result {
            Ok(customer) => {
                map.serialize_entry("valid", &true)?;
                map.serialize_entry("customer", customer)?;
                own = customer.warnings();
                own.as_slice()
            }
            Err(report) => {
                map.serialize_entry("valid", &false)?;
                map.serialize_entry("errors", report.issues())?;
                report.warnings()
            }
        };
        if !own.is_empty() || !self.extra_warnings.is_empty() {
            map.serialize_entry("warnings", &Warnings(own, self.extra_warnings))?;
        }
        map.end()
    }
}

impl RecordResult<'_> {
    /// Appends the result's JSON object to `out`: the very bytes of
    /// `serde_json::to_writer(out, self)`, written without serde's serializer
    /// (several times faster for a report of errors; a valid record's customer
    /// still goes through serde).
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Options, RecordResult};
    /// let result = validate_json_str(r#"{"externalCustomerId":"c\n","data":{"email":"x"}}"#, &Options::default());
    /// let value = RecordResult::numbered(1, &result).with_source("in.jsonl", 1, Some("c\n"));
    /// let mut line = Vec::new();
    /// value.write_json(&mut line);
    /// assert_eq!(line, serde_json::to_vec(&value).unwrap());
    /// assert!(line.starts_with(br#"{"record":1,"file":"in.jsonl","line":1,"externalCustomerId":"c\n","valid":false"#));
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.push(b'{');
        if let Some(record) = self.record {
            out.extend_from_slice(b"\"record\":");
            push_u64(out, record);
            out.push(b',');
        }
        if let Some(source) = &self.source {
            out.extend_from_slice(b"\"file\":");
            push_str(out, source.file);
            out.extend_from_slice(b",\"line\":");
            push_u64(out, source.line);
            out.push(b',');
            if let Some(id) = source.external_id {
                out.extend_from_slice(b"\"externalCustomerId\":");
                push_str(out, id);
                out.push(b',');
            }
        }
        let own;
        let own = match self.result {
            Ok(customer) => {
                out.extend_from_slice(b"\"valid\":true,\"customer\":");
                if serde_json::to_writer(&mut *out, customer).is_err() {
                    // Serializing a customer cannot fail; fall back to serde whole.
                    out.truncate(start);
                    let _ = serde_json::to_writer(&mut *out, self);
                    return;
                }
                own = customer.warnings();
                own.as_slice()
            }
            Err(report) => {
                out.extend_from_slice(b"\"valid\":false,\"errors\":");
                push_issues(out, report.issues().iter());
                report.warnings()
            }
        };
        if !own.is_empty() || !self.extra_warnings.is_empty() {
            out.extend_from_slice(b",\"warnings\":");
            push_issues(out, own.iter().chain(self.extra_warnings));
        }
        out.push(b'}');
    }
}

/// One fact about a valid field value, beside its normalized `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// A string fact (`e164`, `region`, `lineType`, `ascii`, `apiPath`).
    Str(String),
    /// A yes/no fact (`usPrefixAdded`, `needsSmtputf8`).
    Bool(bool),
}

/// A valid value and its facts.
type Valued = (String, Vec<(&'static str, Fact)>);

/// One field's result as a JSON object, for form backends and the bindings:
/// `{"valid":true,"value":"…",…facts,"warnings"?:[…]}` or
/// `{"valid":false,"error":{"code","message","detail"?,"suggestion"?,
/// "apiMessage"?},"warnings"?:[…]}`.
///
/// The facts: for a phone `e164`, `region`, `lineType`, `usPrefixAdded`; for an
/// email `ascii` and `needsSmtputf8`; for an external id `apiPath`.
///
/// ```
/// use vivamo_validate::{FieldResult, Options};
/// let result = FieldResult::phone("(212) 555-0123", &Options::default());
/// assert_eq!(
///     serde_json::to_string(&result).unwrap(),
///     r#"{"valid":true,"value":"+12125550123","e164":"+12125550123","region":"US","lineType":"fixed_line_or_mobile","usPrefixAdded":true}"#
/// );
/// let result = FieldResult::phone("+442079460958", &Options::default());
/// assert_eq!(result.error().unwrap().api_message(), Some("Sorry, this phone number cannot be used. Please use a valid mobile number."));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldResult {
    outcome: Result<Valued, Error>,
    warnings: Vec<Issue>,
}

impl FieldResult {
    fn from_parts(outcome: Result<Valued, Error>, warnings: Vec<Issue>) -> Self {
        FieldResult { outcome, warnings }
    }

    fn simple<T: AsRef<str>>(result: Result<T, Error>) -> Self {
        FieldResult::from_parts(
            result.map(|v| (v.as_ref().to_owned(), Vec::new())),
            Vec::new(),
        )
    }

    /// `data.email` under `options.email` and `options.environment`; in sandbox a
    /// disposable domain or `+` tag is a warning at `data.email`.
    ///
    /// ```
    /// use vivamo_validate::{Environment, FieldResult, Options};
    /// let sandbox = Options { environment: Environment::Sandbox, ..Options::default() };
    /// let result = FieldResult::email("jane+qa@company.com", &sandbox);
    /// assert!(result.is_valid());
    /// assert_eq!(result.warnings()[0].error.code(), "email_plus_suffix");
    /// ```
    pub fn email(input: &str, options: &Options) -> Self {
        let parsed = Email::parse_in(input, &options.email, options.environment);
        let warnings = crate::record::data_warnings(parsed.as_ref().ok(), None);
        let outcome = parsed.map(|email| {
            let facts = vec![
                ("ascii", Fact::Str(email.to_ascii().into_owned())),
                ("needsSmtputf8", Fact::Bool(email.needs_smtputf8())),
            ];
            (email.as_str().to_owned(), facts)
        });
        FieldResult::from_parts(outcome, warnings)
    }

    /// `data.phone` under `options.phone`.
    ///
    /// ```
    /// use vivamo_validate::{FieldResult, Options};
    /// assert_eq!(FieldResult::phone("+447400123456", &Options::default()).value(), Some("+447400123456"));
    /// ```
    pub fn phone(input: &str, options: &Options) -> Self {
        FieldResult::phone_parsed(Phone::parse_with(input, &options.phone))
    }

    fn phone_parsed(parsed: Result<Phone, Error>) -> Self {
        let outcome = parsed.map(|phone| {
            let facts = vec![
                ("e164", Fact::Str(phone.e164().to_owned())),
                ("region", Fact::Str(phone.region().to_owned())),
                ("lineType", Fact::Str(phone.line_type().as_str().to_owned())),
                ("usPrefixAdded", Fact::Bool(phone.us_prefix_added())),
            ];
            (phone.as_str().to_owned(), facts)
        });
        FieldResult::from_parts(outcome, Vec::new())
    }

    /// `data.phone` for a record whose country is `country`: the hints of
    /// [`Phone::parse_for_country`] (a `phone_us_prefix_assumed` warning at
    /// `data.phone`, a suggestion from the national form).
    ///
    /// ```
    /// use vivamo_validate::{FieldResult, Options};
    /// let result = FieldResult::phone_for_country("07400 123456", Some("GB"), &Options::default());
    /// assert_eq!(result.error().unwrap().suggestion(), Some("+447400123456"));
    /// ```
    pub fn phone_for_country(input: &str, country: Option<&str>, options: &Options) -> Self {
        let parsed = Phone::parse_for_country(input, &options.phone, country);
        let warnings = crate::record::data_warnings(None, parsed.as_ref().ok());
        let mut result = FieldResult::phone_parsed(parsed);
        result.warnings = warnings;
        result
    }

    /// A KYC verification's `type`.
    ///
    /// ```
    /// assert!(vivamo_validate::FieldResult::kyc_type("proof_of_id").is_valid());
    /// ```
    pub fn kyc_type(input: &str) -> Self {
        FieldResult::simple(KycType::parse(input).map(|kind| kind.as_str().to_owned()))
    }

    /// A KYC verification's `status`.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::FieldResult::kyc_status("Pending").error().unwrap().suggestion(), Some("pending"));
    /// ```
    pub fn kyc_status(input: &str) -> Self {
        FieldResult::simple(KycStatus::parse(input).map(|status| status.as_str().to_owned()))
    }

    /// The result for a path the API does not know: `unknown_field`.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::FieldResult::unknown_field().error().unwrap().code(), "unknown_field");
    /// ```
    pub fn unknown_field() -> Self {
        FieldResult::from_parts(
            Err(Error::new(
                ErrorCode::UnknownField,
                "field is not part of the api",
            )),
            Vec::new(),
        )
    }

    /// `data.country`.
    ///
    /// ```
    /// use vivamo_validate::FieldResult;
    /// assert_eq!(FieldResult::country("USA").error().unwrap().suggestion(), Some("US"));
    /// ```
    pub fn country(input: &str) -> Self {
        FieldResult::simple(Country::parse(input))
    }

    /// `data.state` for a record whose `country` is `country` (US rules when it is
    /// absent, blank or `US`; free text otherwise), under `options.states`.
    ///
    /// ```
    /// use vivamo_validate::{FieldResult, Options};
    /// assert_eq!(FieldResult::state("new york", None, &Options::default()).value(), Some("NY"));
    /// assert_eq!(FieldResult::state("Ontario", Some("CA"), &Options::default()).value(), Some("Ontario"));
    /// ```
    pub fn state(input: &str, country: Option<&str>, options: &Options) -> Self {
        if crate::is_us_address(country) {
            FieldResult::simple(UsState::parse_with(input, options.states))
        } else {
            FieldResult::simple(Text::parse_as(input, TextField::State))
        }
    }

    /// `data.zip` for a record whose `country` is `country`.
    ///
    /// ```
    /// use vivamo_validate::FieldResult;
    /// assert_eq!(FieldResult::zip("10001 ", None).value(), Some("10001"));
    /// assert_eq!(FieldResult::zip("sw1a 1aa", Some("GB")).value(), Some("SW1A 1AA"));
    /// ```
    pub fn zip(input: &str, country: Option<&str>) -> Self {
        FieldResult::simple(PostalCode::parse_for(input, crate::is_us_address(country)))
    }

    /// A text field (`firstName`, `lastName`, `street`, `street2`, `city`).
    ///
    /// ```
    /// use vivamo_validate::{FieldResult, TextField};
    /// assert_eq!(FieldResult::text("  Zoë  ", TextField::FirstName).value(), Some("Zoë"));
    /// ```
    pub fn text(input: &str, field: TextField) -> Self {
        FieldResult::simple(Text::parse_as(input, field))
    }

    /// General text under [`Text::parse`]'s rules (the street limits, messages that
    /// speak of "text"), for a value that is none of the API's fields.
    ///
    /// ```
    /// use vivamo_validate::FieldResult;
    /// assert_eq!(FieldResult::general_text(" 1\u{3000}Main\tSt ").value(), Some("1 Main St"));
    /// ```
    pub fn general_text(input: &str) -> Self {
        FieldResult::simple(Text::parse(input))
    }

    /// `externalCustomerId`, with its percent-encoded `apiPath`.
    ///
    /// ```
    /// use vivamo_validate::FieldResult;
    /// let json = serde_json::to_string(&FieldResult::external_customer_id("a/b")).unwrap();
    /// assert_eq!(json, r#"{"valid":true,"value":"a/b","apiPath":"/v1/customers/a%2Fb"}"#);
    /// ```
    pub fn external_customer_id(input: &str) -> Self {
        let outcome = ExternalCustomerId::parse(input).map(|id| {
            let facts = vec![("apiPath", Fact::Str(id.api_path()))];
            (id.as_str().to_owned(), facts)
        });
        FieldResult::from_parts(outcome, Vec::new())
    }

    /// A `createdAt` timestamp, normalized to UTC milliseconds.
    ///
    /// ```
    /// use vivamo_validate::FieldResult;
    /// assert_eq!(
    ///     FieldResult::timestamp("2024-03-01T09:30:00+02:00").value(),
    ///     Some("2024-03-01T07:30:00.000Z")
    /// );
    /// ```
    pub fn timestamp(input: &str) -> Self {
        FieldResult::simple(Timestamp::parse(input))
    }

    /// Whether the value is valid.
    ///
    /// ```
    /// assert!(!vivamo_validate::FieldResult::country("ZZ").is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The normalized value, when valid.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::FieldResult::country(" gb ").value(), Some("GB"));
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.outcome.as_ref().ok().map(|(value, _)| value.as_str())
    }

    /// The facts beside the value, when valid.
    ///
    /// ```
    /// use vivamo_validate::{Fact, FieldResult, Options};
    /// let result = FieldResult::email("a@bücher.de", &Options::default());
    /// assert_eq!(result.facts()[0], ("ascii", Fact::Str("a@xn--bcher-kva.de".into())));
    /// ```
    pub fn facts(&self) -> &[(&'static str, Fact)] {
        self.outcome
            .as_ref()
            .map(|(_, facts)| facts.as_slice())
            .unwrap_or_default()
    }

    /// The error, when invalid.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::FieldResult::country("ZZ").error().unwrap().code(), "country_invalid");
    /// ```
    pub fn error(&self) -> Option<&Error> {
        self.outcome.as_ref().err()
    }

    /// The warnings (sandbox email restrictions), with their API paths.
    ///
    /// ```
    /// use vivamo_validate::{FieldResult, Options};
    /// assert!(FieldResult::email("a@example.com", &Options::default()).warnings().is_empty());
    /// ```
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }
}

/// An invalid result with `error` and no warnings: for a caller's own checks
/// (a binding reporting an argument of the wrong type) in the same shape.
///
/// ```
/// use vivamo_validate::{Error, ErrorCode, FieldResult};
/// let result = FieldResult::from(Error::new(ErrorCode::WrongType, "expected a string, found a number"));
/// assert_eq!(
///     serde_json::to_string(&result).unwrap(),
///     r#"{"valid":false,"error":{"code":"wrong_type","message":"expected a string, found a number"}}"#
/// );
/// ```
impl From<Error> for FieldResult {
    fn from(error: Error) -> Self {
        FieldResult::from_parts(Err(error), Vec::new())
    }
}

/// An error with its API sentence, for [`FieldResult`]'s `error` member.
struct ErrorWithApiMessage<'a>(&'a Error);

impl Serialize for ErrorWithApiMessage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut map = serializer.serialize_map(None)?;
        error.serialize_entries(&mut map)?;
        if let Some(api_message) = error.api_message() {
            map.serialize_entry("apiMessage", api_message)?;
        }
        map.end()
    }
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Str(s) => serializer.serialize_str(s),
            Fact::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl Serialize for FieldResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.outcome {
            Ok((value, facts)) => {
                map.serialize_entry("valid", &true)?;
                map.serialize_entry("value", value)?;
                for (name, fact) in facts {
                    map.serialize_entry(name, fact)?;
                }
            }
            Err(error) => {
                map.serialize_entry("valid", &false)?;
                map.serialize_entry("error", &ErrorWithApiMessage(error))?;
            }
        }
        if !self.warnings.is_empty() {
            map.serialize_entry("warnings", &self.warnings)?;
        }
        map.end()
    }
}
