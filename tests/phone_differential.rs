//! The library against libphonenumber 9.0.33 on every line of
//! `tests/vectors/phone_differential.tsv` (written by `tools/phone_vectors.py` with
//! Python `phonenumbers==9.0.33`): validity, line type and region of valid numbers,
//! and for invalid ones the `detail` that libphonenumber's possible-number reason maps
//! to. The one deliberate difference is SPEC §3's E.164 limit: more than 15 digits is
//! `too_long` even where libphonenumber's metadata allows it (a few German and Nigerian
//! non-mobile ranges).

use vivamo_validate::Phone;

const VECTORS: &str = include_str!("vectors/phone_differential.tsv");

/// The `detail` expected for an invalid number from libphonenumber's
/// `isPossibleNumberWithReason`.
fn detail_for_reason(reason: &str) -> &'static str {
    match reason {
        "invalid_country_code" => "invalid_country_code",
        "too_short" | "is_possible_local_only" => "too_short",
        "too_long" => "too_long",
        "invalid_length" | "is_possible" => "invalid_number",
        other => panic!("unknown reason {other}"),
    }
}

#[test]
fn agrees_with_libphonenumber() {
    let mut checked = 0usize;
    let mut over_e164 = 0usize;
    let mut failures = Vec::new();
    for (number, line) in VECTORS.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [digits, kind, where_] = fields[..] else {
            panic!("line {}: {line:?}", number + 1);
        };
        let got = Phone::parse_any_line_type(&format!("+{digits}"));
        let got = match &got {
            Ok(phone) => format!("{} {} {}", phone.line_type(), phone.region(), phone.e164()),
            Err(err) => format!("{} {}", err.code(), err.detail().unwrap_or("-")),
        };
        let want = if digits.len() > 15 {
            if kind != "invalid" {
                over_e164 += 1;
            }
            "phone_invalid too_long".to_string()
        } else if kind == "invalid" {
            format!("phone_invalid {}", detail_for_reason(where_))
        } else {
            format!("{kind} {where_} +{digits}")
        };
        if got != want {
            failures.push(format!(
                "line {}: {digits}: want {want}, got {got}",
                number + 1
            ));
        }
        checked += 1;
    }
    println!(
        "{checked} numbers agree with libphonenumber ({over_e164} valid there but over 15 digits)"
    );
    assert!(checked > 100_000, "only {checked} vectors");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
