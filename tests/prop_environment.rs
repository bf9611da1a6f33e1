//! Properties of the environments (SPEC §11.1) and the duplicate check (§11.3):
//! sandbox accepts everything production accepts; a record's production errors
//! are exactly its sandbox errors plus its sandbox warnings; the duplicate check
//! reports exactly the records that repeat an earlier accepted id or email.

#![cfg(feature = "serde")]

use proptest::prelude::*;
use serde_json::{json, Value};
use vivamo_validate::{
    validate_json_str, Customer, DuplicateCheck, Environment, Issue, Options, Report,
};

fn options(environment: Environment) -> Options {
    let mut options = Options {
        environment,
        ..Options::default()
    };
    options.email.block("blocked.example.org");
    options
}

/// Emails that hit every branch: clean, `+` tags (ASCII and full-width),
/// disposable (bundled, subdomain, blocked at run time), both, invalid, blank,
/// other types.
fn email() -> impl Strategy<Value = Value> {
    let local = prop_oneof![
        Just("ann".to_owned()),
        Just("ann+qa".to_owned()),
        Just("ann＋qa".to_owned()),
        Just("+".to_owned()),
        Just("zoë".to_owned()),
        "[a-z+.]{0,6}",
    ];
    let domain = prop_oneof![
        Just("example.com".to_owned()),
        Just("mailinator.com".to_owned()),
        Just("x.mailinator.com".to_owned()),
        Just("blocked.example.org".to_owned()),
        Just("bücher.de".to_owned()),
        Just("".to_owned()),
        "[a-z.]{0,8}",
    ];
    prop_oneof![
        8 => (local, domain).prop_map(|(l, d)| Value::String(format!("{l}@{d}"))),
        1 => ".{0,20}".prop_map(Value::String),
        1 => Just(Value::Null),
        1 => Just(json!(7)),
    ]
}

fn field() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => Just(Value::Null),
        2 => ".{0,12}".prop_map(Value::String),
        1 => Just(json!("+447400123456")),
        1 => Just(json!("10001")),
        1 => Just(json!(true)),
    ]
}

fn record() -> impl Strategy<Value = Value> {
    (email(), prop::collection::vec(field(), 6), any::<bool>()).prop_map(|(email, f, id)| {
        json!({
            "externalCustomerId": if id { json!("cus-1") } else { f[0].clone() },
            "verifyAfterCreation": f[1],
            "data": {"email": email, "phone": f[2], "zip": f[3], "country": f[4], "city": f[5]},
        })
    })
}

fn errors_of(result: &Result<Customer, Report>) -> Vec<Issue> {
    result
        .as_ref()
        .err()
        .map(|r| r.issues().to_vec())
        .unwrap_or_default()
}

fn warnings_of(result: &Result<Customer, Report>) -> Vec<Issue> {
    match result {
        Ok(customer) => customer.warnings(),
        Err(report) => report.warnings().to_vec(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn sandbox_accepts_everything_production_accepts(value in record()) {
        let text = value.to_string();
        let production = validate_json_str(&text, &options(Environment::Production));
        let sandbox = validate_json_str(&text, &options(Environment::Sandbox));
        if let Ok(customer) = &production {
            let accepted = sandbox.as_ref().expect("sandbox accepts it too");
            prop_assert_eq!(accepted, customer);
            prop_assert!(accepted.warnings().is_empty());
        }
        prop_assert!(warnings_of(&production).is_empty());
    }

    #[test]
    fn production_errors_are_sandbox_errors_plus_sandbox_warnings(value in record()) {
        let text = value.to_string();
        let production = errors_of(&validate_json_str(&text, &options(Environment::Production)));
        let sandbox_result = validate_json_str(&text, &options(Environment::Sandbox));
        let mut sandbox = errors_of(&sandbox_result);
        let warnings = warnings_of(&sandbox_result);
        prop_assert!(warnings.len() <= 1);
        // A warning sits where production reports its error: at data.email, which
        // then has no error in sandbox; so merging in report order means putting it
        // before the first sandbox error that production reports after it.
        if let Some(warning) = warnings.into_iter().next() {
            let at = production.iter().position(|i| i == &warning).expect("warning is a production error");
            sandbox.insert(at.min(sandbox.len()), warning);
        }
        prop_assert_eq!(production, sandbox);
    }

    #[test]
    fn duplicates_are_exactly_the_repeats_of_accepted_records(
        picks in prop::collection::vec((0..6usize, 0..6usize), 1..40),
    ) {
        let ids = ["a", "b", "c", "A", "d", "e"];
        let emails = ["ann@example.com", "ANN@example.com", "bob@example.com", "zoë@example.com", "ZOË@EXAMPLE.COM", "cy@example.com"];
        let mut check = DuplicateCheck::new();
        let mut seen_ids = Vec::new();
        let mut seen_emails = Vec::new();
        for (n, (id, email)) in picks.into_iter().enumerate() {
            let record = n as u64 + 1;
            let text = json!({"externalCustomerId": ids[id], "data": {"email": emails[email]}}).to_string();
            let customer = validate_json_str(&text, &Options::default()).unwrap();
            let lower = customer.data.email.as_str().to_lowercase();
            let id_seen = seen_ids.iter().find(|(i, _)| *i == ids[id]).map(|(_, r)| *r);
            let email_seen = seen_emails.iter().find(|(e, _)| *e == lower).map(|(_, r)| *r);
            match check.check(record, &customer) {
                Ok(()) => {
                    prop_assert!(id_seen.is_none() && email_seen.is_none());
                    seen_ids.push((ids[id], record));
                    seen_emails.push((lower, record));
                }
                Err(report) => {
                    let expected_id = id_seen.map(|r| format!("same external customer id as record {r}"));
                    let expected_email = email_seen.map(|r| format!("same email as record {r}"));
                    prop_assert_eq!(report.get("externalCustomerId").map(|e| e.message().to_owned()), expected_id);
                    prop_assert_eq!(report.get("data.email").map(|e| e.message().to_owned()), expected_email);
                }
            }
        }
        prop_assert_eq!(check.len(), seen_ids.len());
    }
}
