//! SPEC §3 on every row of `tests/vectors/phone.tsv` (see its header for where the
//! expectations come from), plus the API facts that rows cannot express.

use vivamo_validate::{LineType, Phone, PhoneOptions};

const VECTORS: &str = include_str!("vectors/phone.tsv");

/// Undoes the file's escapes: `\u{XXXX}` and `\\`.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(tail) = rest.strip_prefix('\\') {
            out.push('\\');
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix("u{") {
            let end = tail.find('}').expect("closing brace");
            let code = u32::from_str_radix(&tail[..end], 16).expect("hex escape");
            out.push(char::from_u32(code).expect("scalar value"));
            rest = &tail[end + 1..];
        } else {
            panic!("bad escape in {field:?}");
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn vectors() {
    let mut count = 0;
    for (index, line) in VECTORS.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let row = index + 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let input = unescape(fields[0]);
        let options = match fields[1] {
            "default" => PhoneOptions::default(),
            "strict" => PhoneOptions {
                reject_fixed_line_or_mobile: true,
            },
            other => panic!("row {row}: options {other}"),
        };
        let got = Phone::parse_with(&input, &options);
        match fields[2..] {
            ["ok", e164, line_type, region, added] => {
                let phone = got.unwrap_or_else(|e| panic!("row {row}: {input:?}: {e:?}"));
                assert_eq!(phone.as_str(), e164, "row {row}");
                assert_eq!(phone.e164(), e164, "row {row}");
                assert_eq!(phone.line_type().as_str(), line_type, "row {row}");
                assert_eq!(phone.region(), region, "row {row}");
                assert_eq!(phone.us_prefix_added().to_string(), added, "row {row}");
                let code = phone.calling_code().to_string();
                assert!(e164[1..].starts_with(&code), "row {row}");
            }
            [code, detail, message, suggestion] => {
                let err = got.expect_err(&format!("row {row}: {input:?} should fail"));
                assert_eq!(err.code(), code, "row {row}: {input:?}");
                assert_eq!(err.detail().unwrap_or("-"), detail, "row {row}: {input:?}");
                assert_eq!(err.message(), message, "row {row}: {input:?}");
                assert_eq!(err.suggestion().unwrap_or("-"), suggestion, "row {row}");
            }
            _ => panic!("row {row}: {line:?}"),
        }
        count += 1;
    }
    assert!(count >= 120, "only {count} vectors");
}

#[test]
fn carrier_hook_reapplies_the_mobile_rule() {
    let strict = PhoneOptions {
        reject_fixed_line_or_mobile: true,
    };
    let phone = Phone::parse("+12125550123").unwrap();
    assert_eq!(phone.line_type(), LineType::FixedLineOrMobile);
    let mobile = phone
        .clone()
        .with_carrier_line_type(LineType::Mobile, &strict)
        .unwrap();
    assert_eq!(mobile.line_type(), LineType::Mobile);
    assert_eq!(mobile.e164(), "+12125550123");
    for line_type in LineType::ALL {
        let result = phone.clone().with_carrier_line_type(*line_type, &strict);
        match line_type {
            LineType::Mobile => assert!(result.is_ok()),
            other => {
                let err = result.unwrap_err();
                assert_eq!(err.code(), "phone_not_mobile");
                assert_eq!(err.detail(), Some(other.as_str()));
            }
        }
    }
    let err = phone
        .with_carrier_line_type(LineType::Voip, &PhoneOptions::default())
        .unwrap_err();
    assert_eq!(err.detail(), Some("voip"));
}

#[test]
fn line_type_table_round_trips() {
    assert_eq!(LineType::ALL.len(), 11);
    for line_type in LineType::ALL {
        assert_eq!(line_type.as_str().parse::<LineType>(), Ok(*line_type));
        assert_eq!(line_type.to_string(), line_type.as_str());
    }
    assert!("landline".parse::<LineType>().is_err());
}

#[test]
fn other_constructors_agree() {
    let parsed: Phone = "(212) 555-0123".parse().unwrap();
    assert_eq!(Phone::try_from("(212) 555-0123").unwrap(), parsed);
    assert_eq!(parsed.to_string(), "+12125550123");
    assert_eq!(parsed.as_ref(), "+12125550123");
    // Equality is the number, not how it was written.
    assert_eq!(Phone::parse("+12125550123").unwrap(), parsed);
    assert_eq!(
        Phone::metadata_version(),
        vivamo_validate::PHONE_METADATA_VERSION
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_e164_string() {
    let phone = Phone::parse("+44 (0)7400 123456").unwrap();
    let json = serde_json::to_string(&phone).unwrap();
    assert_eq!(json, "\"+447400123456\"");
    let back: Phone = serde_json::from_str(&json).unwrap();
    assert_eq!(back, phone);
    assert!(serde_json::from_str::<Phone>("\"+442079460958\"").is_err());
    assert_eq!(
        serde_json::to_string(&LineType::FixedLineOrMobile).unwrap(),
        "\"fixed_line_or_mobile\""
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Phone>();
    check::<PhoneOptions>();
    check::<LineType>();
}
