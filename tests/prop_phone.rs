//! Properties of `Phone` (SPEC §3): no panic on any input, every accepted value is
//! E.164, normalization is idempotent, serde round-trips.

use proptest::prelude::*;
use regex::Regex;
use vivamo_validate::{Phone, PhoneOptions};

/// Inputs shaped like phone numbers, so that many of them are valid.
fn phone_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\+?[0-9]{1,3}[ ()\\-.]{0,2}[0-9]{2,4}[ \\-.]?[0-9]{3,4}[ \\-]?[0-9]{2,5}",
        "\\+[1-9][0-9]{6,15}",
        "[2-9][0-9]{9}",
        "1[2-9][0-9]{9}",
        "\\+44 \\(0\\)7[0-9]{9}",
        "\\+1 [2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}",
    ]
}

fn check_accepted(phone: &Phone) -> Result<(), TestCaseError> {
    let e164 = Regex::new(r"^\+[1-9][0-9]{6,14}$").unwrap();
    prop_assert!(e164.is_match(phone.as_str()), "{}", phone.as_str());
    // Normalizing the normal form changes nothing.
    let again = Phone::parse(phone.as_str()).unwrap();
    prop_assert_eq!(&again, phone);
    prop_assert_eq!(again.region(), phone.region());
    prop_assert_eq!(again.calling_code(), phone.calling_code());
    prop_assert!(!again.us_prefix_added());
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(phone).unwrap();
        let back: Phone = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, phone);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_any_unicode(input in "\\PC{0,80}") {
        let _ = Phone::parse(&input);
        let _ = Phone::parse_any_line_type(&input);
    }

    #[test]
    fn never_panics_on_mixed_digits_and_marks(input in "[+＋()（）0-9٠-٩０-９ .\\-/\u{200B}\u{00AD}a-z#*]{0,70}") {
        let _ = Phone::parse_with(&input, &PhoneOptions { reject_fixed_line_or_mobile: true });
    }

    #[test]
    fn accepted_values_are_e164_and_idempotent(input in phone_like()) {
        if let Ok(phone) = Phone::parse(&input) {
            check_accepted(&phone)?;
        }
        if let Ok(phone) = Phone::parse_any_line_type(&input) {
            let again = Phone::parse_any_line_type(phone.as_str()).unwrap();
            prop_assert_eq!(again, phone);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn long_inputs_are_rejected_unread(input in "\\PC{10000}") {
        let err = Phone::parse(&input).unwrap_err();
        prop_assert_eq!(err.code(), "phone_invalid_format");
        prop_assert_eq!(err.detail(), Some("too_long_input"));
    }
}
