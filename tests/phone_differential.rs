//! The library against libphonenumber on every line of
//! `tests/vectors/phone_differential.tsv` (written by `tools/phone_vectors.py` with
//! Python `phonenumbers` of the release the metadata come from, `PHONE_METADATA_VERSION`;
//! `python3 tools/update_phone_metadata.py` regenerates both): validity, line type and
//! region of valid numbers, and for invalid ones the `detail` that libphonenumber's
//! possible-number reason maps to. The one deliberate difference is SPEC §3's E.164
//! limit: more than 15 digits is `too_long` even where libphonenumber's metadata allows
//! it (a few German and Nigerian non-mobile ranges).
//!
//! Lines that start with `+` are typed inputs for SPEC §3 step 3: a `(0)` or a national
//! prefix after the calling code. Each names the E.164 digits the input must be judged
//! as and, for an invalid one, the suggestion it must get (the number without the
//! national prefix, where that one is valid).

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

/// What the library must report for E.164 `digits` whose libphonenumber verdict is
/// `kind` and `where_`; counts the valid numbers that SPEC §3's E.164 limit rejects.
fn expected(digits: &str, kind: &str, where_: &str, over_e164: &mut usize) -> String {
    if digits.len() > 15 {
        if kind != "invalid" {
            *over_e164 += 1;
        }
        "phone_invalid too_long".to_string()
    } else if kind == "invalid" {
        format!("phone_invalid {}", detail_for_reason(where_))
    } else {
        format!("{kind} {where_} +{digits}")
    }
}

#[test]
fn agrees_with_libphonenumber() {
    let mut checked = 0usize;
    let mut typed = 0usize;
    let mut suggested = 0usize;
    let mut over_e164 = 0usize;
    let mut failures = Vec::new();
    for (number, line) in VECTORS.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (input, digits, kind, where_, suggestion) = match fields[..] {
            [digits, kind, where_] => (format!("+{digits}"), digits, kind, where_, None),
            [input, digits, kind, where_, suggestion] if input.starts_with('+') => {
                typed += 1;
                (input.to_string(), digits, kind, where_, Some(suggestion))
            }
            _ => panic!("line {}: {line:?}", number + 1),
        };
        let result = Phone::parse_any_line_type(&input);
        let mut got = match &result {
            Ok(phone) => format!("{} {} {}", phone.line_type(), phone.region(), phone.e164()),
            Err(err) => format!("{} {}", err.code(), err.detail().unwrap_or("-")),
        };
        let mut want = expected(digits, kind, where_, &mut over_e164);
        if let Some(suggestion) = suggestion {
            let got_suggestion = result.as_ref().err().and_then(|e| e.suggestion());
            got = format!("{got} suggestion {}", got_suggestion.unwrap_or("-"));
            want = format!("{want} suggestion {suggestion}");
            suggested += usize::from(suggestion != "-");
        }
        if got != want {
            failures.push(format!(
                "line {}: {input}: want {want}, got {got}",
                number + 1
            ));
        }
        checked += 1;
    }
    println!(
        "{checked} numbers agree with libphonenumber ({over_e164} valid there but over 15 \
         digits; {typed} typed with a trunk prefix, {suggested} of them with a suggestion)"
    );
    assert!(checked > 100_000, "only {checked} vectors");
    assert!(
        typed > 1_000 && suggested > 500,
        "{typed} typed, {suggested} suggested"
    );
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
