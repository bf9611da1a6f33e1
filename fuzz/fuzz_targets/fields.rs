//! Every field parser on arbitrary text: no panic, and a normalized value
//! re-validates to itself (SPEC §1: a value the library accepts is stable).

#![no_main]

use libfuzzer_sys::fuzz_target;
use vivamo_validate::{
    Country, Email, ExternalCustomerId, KycStatus, KycType, Phone, PostalCode, Text, TextField,
    Timestamp, UsState,
};

/// Parses, and when valid checks that the normalized string parses to itself.
fn stable<T: PartialEq + std::fmt::Debug, E>(
    input: &str,
    parse: impl Fn(&str) -> Result<T, E>,
    as_str: impl Fn(&T) -> String,
) {
    if let Ok(value) = parse(input) {
        let again = parse(&as_str(&value));
        assert!(
            again.is_ok_and(|again| again == value),
            "not stable: {value:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    stable(input, Email::parse, |v| v.as_str().to_owned());
    stable(input, Phone::parse, |v| v.as_str().to_owned());
    stable(input, Country::parse, |v| v.as_str().to_owned());
    stable(input, UsState::parse, |v| v.as_str().to_owned());
    stable(
        input,
        |s| PostalCode::parse_for(s, true),
        |v| v.as_str().to_owned(),
    );
    stable(
        input,
        |s| PostalCode::parse_for(s, false),
        |v| v.as_str().to_owned(),
    );
    stable(input, ExternalCustomerId::parse, |v| v.as_str().to_owned());
    stable(input, Timestamp::parse, |v| v.as_str().to_owned());
    let _ = KycType::parse(input);
    let _ = KycStatus::parse(input);
    for field in TextField::ALL {
        stable(
            input,
            |s| Text::parse_as(s, field),
            |v| v.as_str().to_owned(),
        );
    }
});
