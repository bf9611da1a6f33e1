//! Whole records as JSON bytes: no panic, at most `MAX_ERRORS` errors, a valid
//! record's normalized JSON validates to the same customer, and the scanner's
//! fast path answers as serde_json alone does.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vivamo_validate::{
    validate_json, validate_json_str, validate_json_str_by_serde, Options, MAX_ERRORS,
};

fuzz_target!(|data: &[u8]| {
    let (report_unknown, json) = match data.split_first() {
        Some((flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    let options = Options {
        report_unknown_fields: report_unknown,
        ..Options::default()
    };
    if let Ok(text) = std::str::from_utf8(json) {
        assert_eq!(
            format!("{:?}", validate_json_str(text, &options)),
            format!("{:?}", validate_json_str_by_serde(text, &options)),
        );
    }
    match validate_json(json, &options) {
        Ok(customer) => {
            let text = serde_json::to_vec(&customer).expect("a customer serializes");
            let again = validate_json(&text, &options).expect("normalized json re-validates");
            assert_eq!(again, customer);
        }
        Err(report) => assert!(report.len() <= MAX_ERRORS && !report.is_empty()),
    }
});
