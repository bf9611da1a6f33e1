//! Properties of `Email::parse`: no panic on any input, normalization is
//! idempotent, a normalized address re-validates to itself, the ASCII and Unicode
//! forms agree, and serde round-trips.

use proptest::prelude::*;
use vivamo_validate::Email;

/// Checks every property that holds for an accepted address.
fn check_accepted(email: &Email) -> Result<(), TestCaseError> {
    let again = Email::parse(email.as_str());
    prop_assert_eq!(again.as_ref(), Ok(email), "normalized form re-validates");
    let ascii = email.to_ascii();
    let from_ascii = Email::parse(&ascii);
    prop_assert_eq!(from_ascii.as_ref(), Ok(email), "ASCII form agrees");
    prop_assert!(email.ascii_domain().is_ascii());
    // Differential: the email_address crate accepts every address accepted here.
    prop_assert!(email_address::EmailAddress::is_valid(&ascii));
    prop_assert_eq!(email.needs_smtputf8(), !email.local_part().is_ascii());
    prop_assert!(email.as_str().len() <= 254 && ascii.len() <= 254);
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(email).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Email =
            serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, email);
    }
    Ok(())
}

/// Checks the shape of a rejection: a known code, a lowercase message without a
/// trailing period, a detail only for `email_invalid`.
fn check_rejected(err: &vivamo_validate::Error) -> Result<(), TestCaseError> {
    prop_assert!(matches!(
        err.code(),
        "required" | "email_invalid" | "email_disposable" | "email_plus_suffix"
    ));
    prop_assert_eq!(err.detail().is_some(), err.code() == "email_invalid");
    prop_assert!(!err.message().ends_with('.'));
    prop_assert_eq!(err.message().to_lowercase(), err.message());
    Ok(())
}

fn check(input: &str) -> Result<(), TestCaseError> {
    match Email::parse(input) {
        Ok(email) => check_accepted(&email),
        Err(err) => check_rejected(&err),
    }
}

/// Address-like strings: mostly valid shapes with Unicode, case, dots, plus
/// signs, IDN labels and stray characters mixed in.
fn address_like() -> impl Strategy<Value = String> {
    let local = "[a-zA-Z0-9._+\u{e0}-\u{ff}\u{4e00}-\u{4e10}'=\u{ff0b}-]{1,24}";
    let label = "[a-zA-Z0-9\u{fc}\u{df}\u{4f8b}\u{5b50}\u{1f62d}-]{1,12}|xn--[a-z0-9]{2,8}";
    let tld = "[a-zA-Z]{2,6}|xn--[a-z0-9]{3,8}|[0-9]{1,3}";
    (
        local,
        proptest::collection::vec(label, 0..4),
        tld,
        "[ \t\u{3000}]{0,2}",
    )
        .prop_map(|(local, labels, tld, pad)| {
            let mut domain = labels.join(".");
            if !domain.is_empty() {
                domain.push('.');
            }
            domain.push_str(&tld);
            format!("{pad}{local}@{domain}{pad}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(input in "\\PC{0,80}|.{0,80}") {
        check(&input)?;
    }

    #[test]
    fn address_like_inputs_hold_the_properties(input in address_like()) {
        check(&input)?;
    }

    #[test]
    fn known_domains_hold_the_properties(
        local in "[a-zA-Z0-9.\u{e9}\u{fc}]{1,20}",
        domain in prop::sample::select(vec![
            "gmail.com", "Bücher.DE", "xn--bcher-kva.de", "例子.广告", "mailinator.com",
            "foo.mailinator.com", "vivamo.co", "ＥＸＡＭＰＬＥ．ｃｏｍ", "faß.de", "xn--ls8h.la",
        ]),
    ) {
        check(&format!("{local}@{domain}"))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn long_inputs_never_panic(
        chars in proptest::collection::vec(any::<char>(), 0..10_000),
        at in any::<bool>(),
    ) {
        let mut input: String = chars.into_iter().collect();
        let boundary = |s: &str, at: usize| (0..=at.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        if at {
            let mid = boundary(&input, input.len() / 2);
            input.insert(mid, '@');
        }
        check(&input)?;
        check(&input[..boundary(&input, 1000)])?;
    }
}
