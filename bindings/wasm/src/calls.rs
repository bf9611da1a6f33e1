//! The package's functions over [`Given`] arguments, each returning the JSON text
//! of the library's result object. Host-testable: [`crate::js`] only reads the
//! `JsValue`s and calls these.

use serde::Serialize;
use vivamo_validate::{
    validate_json_str, Error, ErrorCode, FieldResult, Path, Phone, RecordResult, Report,
    DISPOSABLE_LIST_VERSION,
};

use crate::given::Given;
use crate::options::{self, Accepts};

/// The JSON text of `value`. The library's result types serialize with string keys
/// only, which cannot fail; the fallback keeps even that impossible case a result.
fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| {
        r#"{"valid":false,"error":{"code":"wrong_type","message":"result could not be serialized"}}"#
            .to_owned()
    })
}

fn wrong_value(found: &Given, expected: &str) -> Error {
    Error::new(
        ErrorCode::WrongType,
        format!("expected {expected}, found {}", found.kind()),
    )
}

/// One field: a string value and parsed options, or the `wrong_type` result.
fn field(
    value: &Given,
    options: &Given,
    accepts: Accepts,
    check: impl FnOnce(&str, &options::Parsed) -> FieldResult,
) -> String {
    let parsed = match options::parse(options, accepts) {
        Ok(parsed) => parsed,
        Err(issue) => return to_json(&FieldResult::from(issue.error)),
    };
    match value {
        Given::Str(s) => to_json(&check(s, &parsed)),
        other => to_json(&FieldResult::from(wrong_value(other, "a string"))),
    }
}

/// `validateRecord(json, options?)`: a `--output jsonl` line without `record`.
pub fn record(json: &Given, options: &Given) -> String {
    let parsed = match options::parse(options, Accepts::Common) {
        Ok(parsed) => parsed,
        Err(issue) => return to_json(&RecordResult::new(&Err(single(issue.path, issue.error)))),
    };
    match json {
        Given::Str(text) => to_json(&RecordResult::new(&validate_json_str(
            text,
            &parsed.options,
        ))),
        other => {
            let error = wrong_value(other, "a string of JSON text");
            to_json(&RecordResult::new(&Err(single(Path::root(), error))))
        }
    }
}

fn single(path: Path, error: Error) -> Report {
    let mut report = Report::new();
    report.push(path, error);
    report
}

/// `validateEmail(value, options?)`.
pub fn email(value: &Given, options: &Given) -> String {
    field(value, options, Accepts::Common, |s, parsed| {
        FieldResult::email(s, &parsed.options)
    })
}

/// `validatePhone(value, options?)`.
pub fn phone(value: &Given, options: &Given) -> String {
    field(value, options, Accepts::Common, |s, parsed| {
        FieldResult::phone(s, &parsed.options)
    })
}

/// `validateCountry(value)`.
pub fn country(value: &Given) -> String {
    field(value, &Given::Undefined, Accepts::Common, |s, _| {
        FieldResult::country(s)
    })
}

/// `validateState(value, options?)`, with `options.country`.
pub fn state(value: &Given, options: &Given) -> String {
    field(value, options, Accepts::CommonAndCountry, |s, parsed| {
        FieldResult::state(s, parsed.country.as_deref(), &parsed.options)
    })
}

/// `validateZip(value, options?)`, with `options.country`.
pub fn zip(value: &Given, options: &Given) -> String {
    field(value, options, Accepts::CommonAndCountry, |s, parsed| {
        FieldResult::zip(s, parsed.country.as_deref())
    })
}

/// `validateText(value, field?)`: general text when `field` is absent.
pub fn text(value: &Given, field_name: &Given) -> String {
    match options::text_field(field_name) {
        Ok(text_field) => field(
            value,
            &Given::Undefined,
            Accepts::Common,
            |s, _| match text_field {
                Some(text_field) => FieldResult::text(s, text_field),
                None => FieldResult::general_text(s),
            },
        ),
        Err(error) => to_json(&FieldResult::from(error)),
    }
}

/// `validateExternalCustomerId(value)`.
pub fn external_customer_id(value: &Given) -> String {
    field(value, &Given::Undefined, Accepts::Common, |s, _| {
        FieldResult::external_customer_id(s)
    })
}

/// `validateTimestamp(value)`.
pub fn timestamp(value: &Given) -> String {
    field(value, &Given::Undefined, Accepts::Common, |s, _| {
        FieldResult::timestamp(s)
    })
}

/// `versions()`: this package's (and the library's) version and its data's.
pub fn versions() -> String {
    to_json(&serde_json::json!({
        "crate": env!("CARGO_PKG_VERSION"),
        "libphonenumber": Phone::metadata_version(),
        "disposableEmailDomains": DISPOSABLE_LIST_VERSION,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: &[(&str, Given)]) -> Given {
        Given::Object(
            members
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn fields_are_the_library_objects() {
        assert_eq!(
            phone(&"(212) 555-0123".into(), &Given::Undefined),
            to_json(&FieldResult::phone("(212) 555-0123", &Default::default()))
        );
        assert_eq!(
            text(&" Zoë ".into(), &"firstName".into()),
            r#"{"valid":true,"value":"Zoë"}"#
        );
        assert_eq!(
            text(&"12345".into(), &Given::Undefined),
            r#"{"valid":true,"value":"12345"}"#
        );
    }

    #[test]
    fn record_is_the_cli_line_without_record() {
        let json = r#"{"externalCustomerId":"c","data":{"email":"a+b@example.com"}}"#;
        let sandbox = obj(&[("environment", "sandbox".into())]);
        assert_eq!(
            record(&json.into(), &sandbox),
            r#"{"valid":true,"customer":{"externalCustomerId":"c","data":{"email":"a+b@example.com"}},"warnings":[{"path":"data.email","code":"email_plus_suffix","message":"email address has a + suffix"}]}"#
        );
    }

    #[test]
    fn wrong_arguments_are_results() {
        assert_eq!(
            email(&Given::Other("a number"), &Given::Undefined),
            r#"{"valid":false,"error":{"code":"wrong_type","message":"expected a string, found a number"}}"#
        );
        assert_eq!(
            record(&Given::Object(Vec::new()), &Given::Null),
            r#"{"valid":false,"errors":[{"path":"","code":"wrong_type","message":"expected a string of JSON text, found an object"}]}"#
        );
        let staging = obj(&[("environment", "staging".into())]);
        assert_eq!(
            record(&"{}".into(), &staging),
            r#"{"valid":false,"errors":[{"path":"options.environment","code":"wrong_type","message":"options.environment must be production or sandbox","detail":"invalid_option"}]}"#
        );
        assert_eq!(
            phone(
                &"+447400123456".into(),
                &obj(&[("strict", Given::Bool(true))])
            ),
            r#"{"valid":false,"error":{"code":"wrong_type","message":"options.strict is not an option (the options are environment, states, rejectFixedLineOrMobile, reportUnknownFields, blockDomains, allowDomains)","detail":"invalid_option"}}"#
        );
        let bad_domain = obj(&[("blockDomains", Given::Array(vec!["localhost".into()]))]);
        assert!(email(&"a@b.co".into(), &bad_domain)
            .contains(r#""message":"options.blockDomains[0] is not a usable domain: "#));
        assert!(text(&"x".into(), &"middleName".into()).contains("field must be one of firstName"));
        assert!(state(&"ON".into(), &obj(&[("country", Given::Bool(true))]))
            .contains("options.country must be a string, found a boolean"));
    }

    #[test]
    fn options_reach_the_library() {
        let opts = obj(&[
            ("states", "states".into()),
            ("country", Given::Null),
            (
                "blockDomains",
                Given::Array(vec!["spam.example.com".into()]),
            ),
        ]);
        let guam = state(&"GU".into(), &opts);
        assert!(guam.starts_with(r#"{"valid":false"#), "{guam}");
        // `country` is an option of the address fields only.
        assert!(
            email(&"a@spam.example.com".into(), &opts).contains("options.country is not an option")
        );
        let block = obj(&[(
            "blockDomains",
            Given::Array(vec!["spam.example.com".into()]),
        )]);
        assert!(email(&"a@spam.example.com".into(), &block).contains("email_disposable"));
        let ca = obj(&[("country", "CA".into())]);
        assert_eq!(
            zip(&"k1a 0b1".into(), &ca),
            r#"{"valid":true,"value":"K1A 0B1"}"#
        );
        let strict = obj(&[("rejectFixedLineOrMobile", Given::Bool(true))]);
        assert!(phone(&"+12125550123".into(), &strict).contains("phone_not_mobile"));
    }

    #[test]
    fn versions_name_the_data() {
        let v: serde_json::Value = serde_json::from_str(&versions()).unwrap();
        assert_eq!(v["libphonenumber"], Phone::metadata_version());
        assert_eq!(v["disposableEmailDomains"], DISPOSABLE_LIST_VERSION);
        // The package's version is the library's (both released together).
        let root = include_str!("../../../Cargo.toml");
        let line = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
        assert!(
            root.lines().any(|l| l == line),
            "root Cargo.toml has no {line}"
        );
    }
}
