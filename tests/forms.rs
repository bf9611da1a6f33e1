//! Validation for forms (issue 11): partial records and single fields by their
//! API path, with a country from the form's context.

#![cfg(feature = "serde")]

use proptest::prelude::*;
use serde_json::json;
use vivamo_validate::{
    validate_field, validate_json_str, validate_partial_json, Environment, FieldResult,
    FormContext, Options,
};

fn context(country: Option<&str>) -> FormContext {
    FormContext {
        country: country.map(str::to_owned),
        ..FormContext::default()
    }
}

#[test]
fn a_step_with_names_only_needs_no_id_or_email() {
    let partial = validate_partial_json(
        br#"{"data":{"firstName":" Ada ","lastName":"Lovelace"}}"#,
        &context(None),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&partial).unwrap(),
        r#"{"data":{"firstName":"Ada","lastName":"Lovelace"}}"#
    );
    // The same step as a whole record is missing its required members.
    let report =
        validate_json_str(r#"{"data":{"firstName":"Ada"}}"#, &Options::default()).unwrap_err();
    assert_eq!(report.codes().collect::<Vec<_>>(), ["required", "required"]);
}

#[test]
fn an_empty_step_is_valid_and_a_blank_given_member_is_not() {
    assert!(validate_partial_json(b"{}", &context(None)).is_ok());
    let report = validate_partial_json(br#"{"data":{"email":"  "}}"#, &context(None)).unwrap_err();
    assert_eq!(report.get("data.email").unwrap().code(), "required");
    let report = validate_partial_json(b"[1]", &context(None)).unwrap_err();
    assert_eq!(report.get("").unwrap().code(), "wrong_type");
}

#[test]
fn the_context_country_decides_state_and_zip_unless_the_record_has_one() {
    let canada = context(Some("CA"));
    let step = br#"{"data":{"state":"Ontario","zip":"K1A 0B1"}}"#;
    assert!(validate_partial_json(step, &canada).is_ok());
    let report = validate_partial_json(step, &context(None)).unwrap_err();
    let codes: Vec<_> = report.codes().collect();
    assert_eq!(codes, ["state_invalid", "zip_invalid"]);
    // The record's own country wins over the context.
    let report = validate_partial_json(br#"{"data":{"zip":"K1A 0B1","country":"US"}}"#, &canada)
        .unwrap_err();
    assert_eq!(report.codes().collect::<Vec<_>>(), ["zip_invalid"]);
}

#[test]
fn warnings_travel_with_partial_results() {
    let sandbox = FormContext {
        options: Options {
            environment: Environment::Sandbox,
            ..Options::default()
        },
        country: Some("JP".into()),
    };
    let partial = validate_partial_json(
        br#"{"data":{"email":"jane+qa@company.com","phone":"2125550123"}}"#,
        &sandbox,
    )
    .unwrap();
    let codes: Vec<_> = partial.warnings().iter().map(|w| w.error.code()).collect();
    assert_eq!(codes, ["email_plus_suffix", "phone_us_prefix_assumed"]);
    let report = validate_partial_json(
        br#"{"data":{"email":"jane+qa@company.com","zip":"!"}}"#,
        &sandbox,
    )
    .unwrap_err();
    assert_eq!(report.warnings()[0].error.code(), "email_plus_suffix");
}

#[test]
fn every_path_of_the_api() {
    let us = context(None);
    let cases: &[(&str, &str, Result<&str, &str>)] = &[
        ("externalCustomerId", "cus 1", Ok("cus 1")),
        ("externalCustomerId", " x", Err("external_id_invalid")),
        (
            "createdAt",
            "2024-03-01T09:30:00+02:00",
            Ok("2024-03-01T07:30:00.000Z"),
        ),
        ("data.email", "Ann@Example.COM", Ok("Ann@example.com")),
        ("data.email", "ann@mailinator.com", Err("email_disposable")),
        ("data.phone", "(212) 555-0123", Ok("+12125550123")),
        ("data.phone", "+442079460958", Err("phone_not_mobile")),
        ("data.firstName", "  Zoë ", Ok("Zoë")),
        ("data.lastName", "12", Err("text_no_letters")),
        ("data.street", "1 Main St", Ok("1 Main St")),
        (
            "data.street2",
            "Apt\u{202E}4",
            Err("text_invalid_characters"),
        ),
        ("data.city", "New York", Ok("New York")),
        ("data.state", "Calif.", Err("state_invalid")),
        ("data.zip", "2134", Err("zip_invalid")),
        ("data.country", "usa", Err("country_invalid")),
        ("kycVerifications[0].type", "proof_of_id", Ok("proof_of_id")),
        (
            "kycVerifications[12].status",
            "verified_manually",
            Ok("verified_manually"),
        ),
        (
            "kycVerifications[3].createdAt",
            "yesterday",
            Err("timestamp_invalid"),
        ),
        (
            "kycVerifications[].type",
            "proof_of_id",
            Err("unknown_field"),
        ),
        ("data", "x", Err("unknown_field")),
        ("email", "ann@example.com", Err("unknown_field")),
    ];
    for (path, value, expected) in cases {
        let result = validate_field(path, value, &us);
        let got = match (result.value(), result.error()) {
            (Some(v), _) => Ok(v),
            (_, Some(e)) => Err(e.code()),
            _ => unreachable!(),
        };
        assert_eq!(&got, expected, "{path} = {value:?}");
    }
    assert_eq!(
        validate_field("data.zip", "sw1a 1aa", &context(Some("GB"))).value(),
        Some("SW1A 1AA")
    );
    let warned = validate_field("data.phone", "2125550123", &context(Some("DE")));
    assert_eq!(warned.warnings()[0].path.to_string(), "data.phone");
}

fn member() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "email",
        "phone",
        "firstName",
        "lastName",
        "street",
        "street2",
        "state",
        "city",
        "zip",
        "country",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// One field alone says exactly what the partial record says of it.
    #[test]
    fn a_field_alone_agrees_with_the_partial_record(
        name in member(),
        value in prop_oneof![".{0,24}", "[0-9 ()+-]{0,16}", "[a-zA-Z+.]{1,8}@[a-z.]{1,10}"],
        country in prop::option::of(prop::sample::select(vec!["US", "GB", "CA", "DE", "CN", "ZZ"])),
    ) {
        let context = context(country);
        let path = format!("data.{name}");
        let field = validate_field(&path, &value, &context);
        let record = json!({"data": {name: value}}).to_string();
        let partial = validate_partial_json(record.as_bytes(), &context);
        match &partial {
            Ok(p) => {
                // Blank optional values are absent in a record but an error alone.
                if field.is_valid() {
                    prop_assert_eq!(p.warnings(), field.warnings().to_vec());
                }
            }
            Err(report) => {
                prop_assert_eq!(report.get(&path), field.error());
                prop_assert_eq!(report.warnings(), field.warnings());
            }
        }
        if field.is_valid() {
            prop_assert!(partial.is_ok());
        }
    }
}

#[test]
fn field_results_serialize_as_plain_objects() {
    let result = FieldResult::email("ann@mailinator.com", &Options::default());
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({"valid": false, "error": {"code": "email_disposable",
            "message": "email address uses a disposable domain",
            "apiMessage": "Sorry, this email domain is not supported"}})
    );
}
