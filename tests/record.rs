//! Whole-record validation (SPEC §8), driven by `tests/vectors/records/cases.tsv`
//! (hand-written path/code expectations) and `outputs.jsonl` (the whole output of
//! every case, blessed with `BLESS=1 cargo test --all-features --test record`).

#![cfg(feature = "serde")]

use std::fmt::Write as _;

use vivamo_validate::{
    validate_input, validate_json, validate_json_str, Customer, CustomerDataInput, CustomerInput,
    Environment, Issue, KycStatus, KycType, KycVerificationInput, Options, Report, StateSet,
};

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/records/cases.tsv"
);
const OUTPUTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/records/outputs.jsonl"
);
const API_CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/records/api_behaviour.tsv"
);
const API_OUTPUTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/records/api_behaviour_outputs.jsonl"
);

struct Case {
    name: String,
    options: Options,
    input: String,
    expected: String,
}

fn options_from(spec: &str) -> Options {
    let mut options = Options::default();
    if spec == "-" {
        return options;
    }
    for part in spec.split(',') {
        match part.split_once('=') {
            None if part == "unknown" => options.report_unknown_fields = true,
            None if part == "strict_phone" => options.phone.reject_fixed_line_or_mobile = true,
            None if part == "sandbox" => options.environment = Environment::Sandbox,
            Some(("block", domain)) => {
                options.email.block(domain);
            }
            Some(("allow", domain)) => {
                options.email.allow(domain);
            }
            Some(("states", set)) => {
                options.states = match set {
                    "states" => StateSet::States,
                    "states-dc" => StateSet::StatesAndDc,
                    "states-dc-territories" => StateSet::StatesDcAndTerritories,
                    "all" => StateSet::All,
                    other => panic!("unknown state set {other}"),
                }
            }
            _ => panic!("unknown option {part}"),
        }
    }
    options
}

fn cases() -> Vec<Case> {
    cases_in(CASES)
}

fn cases_in(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(file).expect("vector file");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("name\toptions\tinput\texpected"),
        "header row"
    );
    lines
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "four columns in {line:?}");
            Case {
                name: cols[0].to_owned(),
                options: options_from(cols[1]),
                input: cols[2].to_owned(),
                expected: cols[3].to_owned(),
            }
        })
        .collect()
}

/// `valid` or the errors as `path=code`, then the warnings as `warn:path=code`.
fn summary(result: &Result<Customer, Report>) -> String {
    let (mut words, warnings) = match result {
        Ok(customer) => (vec!["valid".to_owned()], customer.warnings()),
        Err(report) => (
            report
                .issues()
                .iter()
                .map(|issue| format!("{}={}", issue.path, issue.error.code()))
                .collect(),
            report.warnings().to_vec(),
        ),
    };
    words.extend(
        warnings
            .iter()
            .map(|w: &Issue| format!("warn:{}={}", w.path, w.error.code())),
    );
    words.join(" ")
}

fn whole_output(name: &str, result: &Result<Customer, Report>) -> String {
    let (mut body, warnings) = match result {
        Ok(customer) => (
            format!(
                "\"valid\":true,\"customer\":{}",
                serde_json::to_string(customer).unwrap()
            ),
            customer.warnings(),
        ),
        Err(report) => (
            format!(
                "\"valid\":false,\"errors\":{}",
                serde_json::to_string(report.issues()).unwrap()
            ),
            report.warnings().to_vec(),
        ),
    };
    if !warnings.is_empty() {
        body.push_str(&format!(
            ",\"warnings\":{}",
            serde_json::to_string(&warnings).unwrap()
        ));
    }
    format!(
        "{{\"name\":{},{body}}}\n",
        serde_json::to_string(name).unwrap()
    )
}

#[test]
fn record_vectors() {
    let cases = cases();
    assert!(cases.len() >= 80, "the vector file lost cases");
    run_vectors(&cases, OUTPUTS);
}

#[test]
fn api_behaviour_vectors() {
    let cases = cases_in(API_CASES);
    assert!(cases.len() >= 30, "the vector file lost cases");
    run_vectors(&cases, API_OUTPUTS);
}

fn run_vectors(cases: &[Case], outputs_file: &str) {
    let mut failures = String::new();
    let mut outputs = String::new();
    let mut names = std::collections::HashSet::new();
    for case in cases {
        assert!(
            names.insert(case.name.clone()),
            "duplicate case {}",
            case.name
        );
        let result = validate_json_str(&case.input, &case.options);
        let got = summary(&result);
        if got != case.expected {
            let _ = writeln!(
                failures,
                "{}:\n  expected {}\n  got      {}",
                case.name, case.expected, got
            );
        }
        // Bytes and text give the same answer.
        assert_eq!(
            summary(&validate_json(case.input.as_bytes(), &case.options)),
            got
        );
        // A report reads back whole (issue 11: a Rust client can deserialize it).
        if let Err(report) = &result {
            let json = serde_json::to_string(report).unwrap();
            let back: Report = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, report, "{}", case.name);
        }
        outputs.push_str(&whole_output(&case.name, &result));
    }
    assert!(failures.is_empty(), "record vectors failed:\n{failures}");
    compare_or_bless(outputs_file, &outputs);
}

/// Compares `actual` with the committed file, or rewrites it when `BLESS=1`.
fn compare_or_bless(path: &str, actual: &str) {
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        std::fs::write(path, actual).expect("write blessed file");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{path} is missing: run with BLESS=1 to create it"));
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        assert_eq!(a, e, "{path} line {} differs (BLESS=1 rewrites it)", i + 1);
    }
    assert_eq!(
        actual.lines().count(),
        expected.lines().count(),
        "{path}: number of lines differs (BLESS=1 rewrites it)"
    );
}

fn codes(result: Result<Customer, Report>) -> Vec<(String, &'static str)> {
    result
        .err()
        .map(|r| {
            r.issues()
                .iter()
                .map(|i| (i.path.to_string(), i.error.code()))
                .collect()
        })
        .unwrap_or_default()
}

fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deep_nesting_is_malformed() {
    let json = format!("{}1{}", "{\"a\":".repeat(200), "}".repeat(200));
    assert_eq!(
        codes(validate_json_str(&json, &Options::default())),
        [(String::new(), "malformed_json")]
    );
    let report = validate_json_str(&nested(200, ""), &Options::default()).unwrap_err();
    assert_eq!(report.issues()[0].error.code(), "malformed_json");
    assert!(report.issues()[0]
        .error
        .message()
        .starts_with("record is not valid json: recursion limit exceeded"));
}

/// serde_json's own verdict (with `Value`, its defaults) decides what is malformed,
/// wherever the nesting sits (an ignored member, a field, the root).
#[test]
fn malformed_exactly_when_serde_json_rejects() {
    let base = r#""externalCustomerId":"c","data":{"email":"ada@example.com"}"#;
    for depth in 120..=135 {
        for json in [
            format!("{{{base},\"x\":{}}}", nested(depth, "")),
            format!("{{{base},\"kycVerifications\":{}}}", nested(depth, "")),
            format!("{{\"data\":{{\"phone\":{}}}}}", nested(depth, "1")),
            nested(depth, "{}"),
        ] {
            let serde_says_malformed = serde_json::from_str::<serde_json::Value>(&json).is_err();
            let ours = codes(validate_json_str(&json, &Options::default()));
            let malformed = ours == [(String::new(), "malformed_json")];
            assert_eq!(malformed, serde_says_malformed, "depth {depth}: {json}");
        }
    }
    for number in [
        "1e308",
        "1e309",
        "-1e400",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
    ] {
        let json = format!("{{{base},\"x\":{number}}}");
        let serde_says_malformed = serde_json::from_str::<serde_json::Value>(&json).is_err();
        let malformed = !codes(validate_json_str(&json, &Options::default())).is_empty();
        assert_eq!(malformed, serde_says_malformed, "{number}");
    }
}

#[test]
fn invalid_utf8_is_malformed() {
    let mut bytes =
        br#"{"externalCustomerId":"c","data":{"email":"ada@example.com"},"x":""#.to_vec();
    bytes.extend_from_slice(b"\xff\"}");
    assert_eq!(
        codes(validate_json(&bytes, &Options::default())),
        [(String::new(), "malformed_json")]
    );
}

#[test]
fn typed_input_matches_json_input() {
    let input = CustomerInput {
        external_customer_id: Some("cus-1".into()),
        data: Some(CustomerDataInput {
            email: Some("Ada@Example.COM".into()),
            phone: Some("+447400123456".into()),
            first_name: Some(" Ada ".into()),
            state: Some("Greater London".into()),
            zip: Some("sw1a 1aa".into()),
            country: Some("gb".into()),
            ..Default::default()
        }),
        kyc_verifications: Some(vec![KycVerificationInput {
            kind: Some("proof_of_id".into()),
            status: Some("pending".into()),
            created_at: Some("2024-01-15T10:30:00.000Z".into()),
        }]),
        created_at: Some(" ".into()),
        verify_after_creation: Some(true),
    };
    let json = r#"{"externalCustomerId":"cus-1","verifyAfterCreation":true,"data":{"email":"Ada@Example.COM","phone":"+447400123456",
        "firstName":" Ada ","state":"Greater London","zip":"sw1a 1aa","country":"gb"},
        "kycVerifications":[{"type":"proof_of_id","status":"pending","createdAt":"2024-01-15T10:30:00.000Z"}],
        "createdAt":" "}"#;
    let options = Options::default();
    let typed = validate_input(&input, &options).unwrap();
    assert_eq!(typed, validate_json_str(json, &options).unwrap());
    assert_eq!(typed.data.country.unwrap().as_str(), "GB");
    assert!(typed.created_at.is_none());
}

#[test]
fn typed_input_reports_paths() {
    let input = CustomerInput {
        kyc_verifications: Some(vec![KycVerificationInput::default()]),
        created_at: Some("nope".into()),
        ..Default::default()
    };
    assert_eq!(
        codes(validate_input(&input, &Options::default())),
        [
            ("externalCustomerId".to_owned(), "required"),
            ("data".to_owned(), "required"),
            ("kycVerifications[0].type".to_owned(), "required"),
            ("kycVerifications[0].status".to_owned(), "required"),
            ("kycVerifications[0].createdAt".to_owned(), "required"),
            ("createdAt".to_owned(), "timestamp_invalid"),
        ]
    );
}

#[test]
fn unknown_kyc_values_round_trip_through_customer_serde() {
    let response = r#"{"externalCustomerId":"cus-1","data":{"email":"ada@example.com"},"kycVerifications":[{"type":"liveness_check","status":"escalated","createdAt":"2024-01-15T10:30:00.000Z"}],"unknownTopLevel":true}"#;
    let customer: Customer = serde_json::from_str(response).unwrap();
    let kyc = &customer.kyc_verifications.as_ref().unwrap()[0];
    assert_eq!(kyc.kind, KycType::Unknown("liveness_check".into()));
    assert_eq!(kyc.status, KycStatus::Unknown("escalated".into()));
    let back = serde_json::to_string(&customer).unwrap();
    assert_eq!(
        back,
        r#"{"externalCustomerId":"cus-1","data":{"email":"ada@example.com"},"kycVerifications":[{"type":"liveness_check","status":"escalated","createdAt":"2024-01-15T10:30:00.000Z"}]}"#
    );
    // Validation, unlike deserialization, reports them.
    assert_eq!(
        codes(validate_json_str(response, &Options::default())),
        [
            ("kycVerifications[0].type".to_owned(), "kyc_type_unknown"),
            (
                "kycVerifications[0].status".to_owned(),
                "kyc_status_unknown"
            ),
        ]
    );
}

#[test]
fn customer_serializes_back_and_re_validates_to_itself() {
    let json = r#"{"externalCustomerId":"cus-1","data":{"email":"Ada@Example.COM","phone":"+12125550123",
        "firstName":"Ada","state":"ny","zip":"10001","country":"us"},"kycVerifications":[],
        "createdAt":"2024-01-15T10:30:00.000Z"}"#;
    let customer = validate_json_str(json, &Options::default()).unwrap();
    let out = serde_json::to_string(&customer).unwrap();
    assert_eq!(
        validate_json_str(&out, &Options::default()).unwrap(),
        customer
    );
    let read_back: Customer = serde_json::from_str(&out).unwrap();
    assert_eq!(read_back, customer);
    assert!(out.contains(r#""kycVerifications":[]"#));
}

#[test]
fn deserializing_invalid_data_fails_with_the_report() {
    let err = serde_json::from_str::<Customer>(
        r#"{"externalCustomerId":"c","data":{"email":"ada@example.com","country":"USA"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("data.country:"), "{err}");
}

#[test]
fn report_is_a_400_body() {
    let report = validate_json_str(r#"{"data":{}}"#, &Options::default()).unwrap_err();
    assert_eq!(
        serde_json::to_string(&report).unwrap(),
        r#"{"errors":[{"path":"externalCustomerId","code":"required","message":"external customer id is required"},{"path":"data.email","code":"required","message":"email is required"}]}"#
    );
}

#[test]
fn latest_verification_by_created_at() {
    let json = r#"{"externalCustomerId":"c","data":{"email":"ada@example.com"},"kycVerifications":[
        {"type":"proof_of_id","status":"pending","createdAt":"2024-02-01T00:00:00.000Z"},
        {"type":"proof_of_id","status":"pending","createdAt":"2024-03-01T00:00:00.000Z"},
        {"type":"proof_of_id","status":"pending","createdAt":"2024-01-01T00:00:00.000Z"}]}"#;
    let customer = validate_json_str(json, &Options::default()).unwrap();
    let latest = customer.latest_verification(&KycType::ProofOfId).unwrap();
    assert_eq!(latest.created_at.as_str(), "2024-03-01T00:00:00.000Z");
    assert!(customer
        .latest_verification(&KycType::Unknown("x".into()))
        .is_none());
}

#[test]
fn record_types_are_send_and_sync() {
    fn check<T: Send + Sync + std::panic::UnwindSafe>() {}
    check::<Customer>();
    check::<vivamo_validate::CustomerData>();
    check::<vivamo_validate::State>();
    check::<CustomerInput>();
    check::<CustomerDataInput>();
    check::<KycVerificationInput>();
}
