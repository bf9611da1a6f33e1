//! Properties of whole-record validation: no input panics it, serde_json's own
//! verdict decides what is malformed, every failing field gets exactly one error,
//! and a normalized record re-validates to itself.

#![cfg(feature = "serde")]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use vivamo_validate::{
    validate_input, validate_json, validate_json_with_id, CustomerDataInput, CustomerInput,
    KycVerificationInput, Options, RecordResult,
};

fn options() -> Options {
    Options {
        report_unknown_fields: true,
        ..Options::default()
    }
}

fn is_malformed(result: &Result<vivamo_validate::Customer, vivamo_validate::Report>) -> bool {
    matches!(result, Err(r) if r.codes().any(|c| c == "malformed_json"))
}

/// Any JSON value, a few levels deep, with keys the record knows mixed in.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("externalCustomerId".to_owned()),
        Just("data".to_owned()),
        Just("email".to_owned()),
        Just("phone".to_owned()),
        Just("country".to_owned()),
        Just("state".to_owned()),
        Just("zip".to_owned()),
        Just("kycVerifications".to_owned()),
        Just("type".to_owned()),
        Just("status".to_owned()),
        Just("createdAt".to_owned()),
        ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A field value: usually a string (some of them long), sometimes another type.
fn field() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => ".{0,30}".prop_map(Value::String),
        1 => ".{0,10000}".prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<i32>().prop_map(Value::from),
        1 => Just(json!([])),
    ]
}

fn record() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(field(), 14),
        prop::option::of(prop::collection::vec(
            prop::collection::vec(field(), 3),
            0..3,
        )),
    )
        .prop_map(|(f, kyc)| {
            let mut root = json!({
                "externalCustomerId": f[0], "createdAt": f[1],
                "data": {"email": f[2], "phone": f[3], "firstName": f[4], "lastName": f[5],
                         "street": f[6], "street2": f[7], "state": f[8], "city": f[9],
                         "zip": f[10], "country": f[11], "extra": f[12]},
            });
            if let Some(items) = kyc {
                root["kycVerifications"] = items
                    .into_iter()
                    .map(|i| json!({"type": i[0], "status": i[1], "createdAt": i[2]}))
                    .collect();
            }
            root
        })
}

fn as_str(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn written_json_is_serde_json_byte_for_byte(
        value in record(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
        line in any::<u64>(),
        file in ".{0,12}",
        sandbox in any::<bool>(),
    ) {
        let mut bytes = serde_json::to_vec(&value).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let options = Options {
            environment: if sandbox { vivamo_validate::Environment::Sandbox } else { vivamo_validate::Environment::Production },
            ..options()
        };
        let (result, id) = validate_json_with_id(&bytes, &options);
        let warnings = [vivamo_validate::Issue {
            path: vivamo_validate::Path::root().key("x\"y").index(3),
            error: vivamo_validate::Error::new(vivamo_validate::ErrorCode::CsvMultilineField, "a\tb\u{1}"),
        }];
        let value = RecordResult::numbered(line, &result)
            .with_source(&file, line / 2, id.as_deref())
            .with_warnings(if line % 2 == 0 { &warnings } else { &[] });
        let mut written = Vec::new();
        value.write_json(&mut written);
        let serialized = serde_json::to_vec(&value).unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&serialized));
        // The id beside the result is the root member as given, and the result is validate_json's.
        prop_assert_eq!(format!("{result:?}"), format!("{:?}", validate_json(&bytes, &options)));
        let given = serde_json::from_slice::<Value>(&bytes).ok();
        let expected = given
            .as_ref()
            .filter(|_| !is_malformed(&result))
            .and_then(|v| v.get("externalCustomerId"))
            .and_then(Value::as_str);
        prop_assert_eq!(id.as_deref(), expected);
    }

    #[test]
    fn arbitrary_json_never_panics_and_is_never_malformed(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let result = validate_json(text.as_bytes(), &options());
        prop_assert!(!is_malformed(&result));
    }

    #[test]
    fn arbitrary_bytes_malformed_exactly_when_serde_json_rejects(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let ours = is_malformed(&validate_json(&bytes, &options()));
        prop_assert_eq!(ours, serde_json::from_slice::<Value>(&bytes).is_err());
    }

    #[test]
    fn mutated_records_malformed_exactly_when_serde_json_rejects(
        value in record(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..4),
    ) {
        let mut bytes = serde_json::to_vec(&value).unwrap();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => bytes.push(byte),
            }
        }
        let ours = is_malformed(&validate_json(&bytes, &options()));
        prop_assert_eq!(ours, serde_json::from_slice::<Value>(&bytes).is_err());
    }

    #[test]
    fn every_failing_field_has_exactly_one_error(value in record()) {
        let text = serde_json::to_string(&value).unwrap();
        if let Err(report) = validate_json(text.as_bytes(), &options()) {
            let paths: Vec<String> = report.issues().iter().map(|i| i.path.to_string()).collect();
            let mut unique = paths.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), paths.len(), "{:?}", paths);
        }
    }

    #[test]
    fn typed_and_json_input_agree(value in record()) {
        let d = &value["data"];
        let input = CustomerInput {
            external_customer_id: as_str(&value["externalCustomerId"]),
            data: Some(CustomerDataInput {
                email: as_str(&d["email"]), phone: as_str(&d["phone"]),
                first_name: as_str(&d["firstName"]), last_name: as_str(&d["lastName"]),
                street: as_str(&d["street"]), street2: as_str(&d["street2"]),
                state: as_str(&d["state"]), city: as_str(&d["city"]),
                zip: as_str(&d["zip"]), country: as_str(&d["country"]),
            }),
            kyc_verifications: value["kycVerifications"].as_array().map(|items| {
                items.iter().map(|i| KycVerificationInput {
                    kind: as_str(&i["type"]), status: as_str(&i["status"]), created_at: as_str(&i["createdAt"]),
                }).collect()
            }),
            created_at: as_str(&value["createdAt"]),
            verify_after_creation: value["verifyAfterCreation"].as_bool(),
        };
        // Only strings, so the typed input can say the same thing as the JSON.
        let strings_only = json!({
            "externalCustomerId": value["externalCustomerId"].as_str(),
            "createdAt": value["createdAt"].as_str(),
            "data": {
                "email": d["email"].as_str(), "phone": d["phone"].as_str(),
                "firstName": d["firstName"].as_str(), "lastName": d["lastName"].as_str(),
                "street": d["street"].as_str(), "street2": d["street2"].as_str(),
                "state": d["state"].as_str(), "city": d["city"].as_str(),
                "zip": d["zip"].as_str(), "country": d["country"].as_str(),
            },
            "kycVerifications": value["kycVerifications"].as_array().map(|items| {
                items.iter().map(|i| json!({"type": i["type"].as_str(), "status": i["status"].as_str(),
                    "createdAt": i["createdAt"].as_str()})).collect::<Vec<_>>()
            }),
        });
        let text = serde_json::to_string(&strings_only).unwrap();
        prop_assert_eq!(validate_input(&input, &Options::default()), validate_json(text.as_bytes(), &Options::default()));
    }

    #[test]
    fn a_normalized_record_re_validates_to_itself(
        ext in "[A-Za-z0-9_-]{1,20}",
        local in r"[a-z][a-z0-9]{0,5}(\.[a-z0-9]{1,5})?",
        first in prop::option::of("[A-Za-z][A-Za-z' -]{0,20}"),
        country in prop::option::of(prop::sample::select(vec!["US", "us", "GB", "de", " fr "])),
        zip in prop::option::of("[0-9]{5}"),
        kyc in prop::option::of(prop::collection::vec(0..10u32, 0..3)),
    ) {
        let mut data = json!({"email": format!("{local}@example.com"), "firstName": first, "country": country});
        if country.is_none_or(|c| c.eq_ignore_ascii_case("us")) {
            data["zip"] = json!(zip);
        }
        let mut record = json!({"externalCustomerId": ext, "data": data});
        if let Some(days) = kyc {
            record["kycVerifications"] = days.iter().map(|d| json!({
                "type": "proof_of_id", "status": "pending",
                "createdAt": format!("2024-01-{:02}T10:30:00.000Z", d + 1),
            })).collect();
        }
        let text = serde_json::to_string(&record).unwrap();
        let customer = validate_json(text.as_bytes(), &Options::default()).unwrap();
        let normalized = serde_json::to_string(&customer).unwrap();
        let again = validate_json(normalized.as_bytes(), &Options::default()).unwrap();
        prop_assert_eq!(&again, &customer);
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), normalized.clone());
        let read_back: vivamo_validate::Customer = serde_json::from_str(&normalized).unwrap();
        prop_assert_eq!(read_back, customer);
    }
}
