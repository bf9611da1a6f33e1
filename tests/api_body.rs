//! The API's error body (SPEC §11.4), driven by `tests/vectors/api_body.tsv`.

#![cfg(feature = "serde")]

use vivamo_validate::{
    validate_json_str, ApiErrorBody, DuplicateCheck, Environment, ErrorCode, Options, Report,
};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/api_body.tsv");

/// The report of the last record, after the earlier ones went through one check.
fn last_report(records: &[serde_json::Value], options: &Options) -> Report {
    let mut check = DuplicateCheck::new();
    let mut last = None;
    for (i, record) in records.iter().enumerate() {
        let json = match record {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let result = validate_json_str(&json, options)
            .and_then(|customer| check.check(i as u64 + 1, &customer).map(|()| customer));
        last = Some(result);
    }
    last.expect("at least one record")
        .expect_err("the last record is invalid")
}

#[test]
fn api_body_vectors() {
    let text = std::fs::read_to_string(VECTORS).expect("api_body.tsv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(lines.next(), Some("name\toptions\trecords\texpected"));
    let mut count = 0;
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        let options = match cols[1] {
            "-" => Options::default(),
            "sandbox" => Options {
                environment: Environment::Sandbox,
                ..Options::default()
            },
            other => panic!("unknown option {other}"),
        };
        let records: Vec<serde_json::Value> = serde_json::from_str(cols[2]).expect(cols[0]);
        let expected: serde_json::Value = serde_json::from_str(cols[3]).expect(cols[0]);
        let body = last_report(&records, &options).api_body();
        let got = serde_json::to_value(&body).unwrap();
        assert_eq!(got["message"], expected["message"], "{}", cols[0]);
        if !expected["errors"].is_null() {
            assert_eq!(got["errors"], expected["errors"], "{}", cols[0]);
        }
        // Every body reads back to itself.
        let back: ApiErrorBody = serde_json::from_value(got.clone()).unwrap();
        assert_eq!(back, body, "{}", cols[0]);
        count += 1;
    }
    assert!(count >= 15, "the vector file lost cases");
}

#[test]
fn every_code_with_a_sentence_is_one_of_the_four() {
    let sentences: Vec<(&str, Option<&str>)> = ErrorCode::ALL
        .iter()
        .map(|c| (c.as_str(), c.api_message()))
        .collect();
    for (code, sentence) in sentences {
        let expected = match code {
            "email_disposable" => Some("Sorry, this email domain is not supported"),
            "phone_us_prefix_assumed" => None, // a warning: the API accepts the number
            c if c.starts_with("phone_") => {
                Some("Sorry, this phone number cannot be used. Please use a valid mobile number.")
            }
            "duplicate_external_id" => Some("This customer already exists"),
            "duplicate_email" => Some("A customer with this email address already exists."),
            _ => None,
        };
        assert_eq!(sentence, expected, "{code}");
    }
}

#[test]
fn api_body_reads_the_apis_own_json() {
    let body: ApiErrorBody = serde_json::from_str(
        r#"{"message":"Validation failed","errors":[{"isEmail":"email must be an email"},{"a":"1","b":"2"}]}"#,
    )
    .unwrap();
    assert_eq!(body.message(), "Validation failed");
    let errors = body.errors().unwrap();
    assert_eq!(errors.len(), 3);
    assert_eq!(
        errors[0],
        ("isEmail".into(), "email must be an email".into())
    );
    let forbidden: ApiErrorBody = serde_json::from_str(r#"{"message":"Forbidden"}"#).unwrap();
    assert_eq!(forbidden, ApiErrorBody::forbidden());
    assert_eq!(
        serde_json::to_string(&ApiErrorBody::forbidden()).unwrap(),
        r#"{"message":"Forbidden"}"#
    );
}
