//! Every field function rejects an input over its cap before any other work, so
//! none costs more than microseconds whatever it is given (issue 12). At the
//! cap the field's own rules decide; one byte past it the cap does.

use vivamo_validate::{
    Country, Email, ExternalCustomerId, KycStatus, KycType, Phone, PostalCode, Text, TextField,
    Timestamp, UsState,
};

/// A field function reduced to the code and detail of its verdict.
type Verdict = (String, Option<String>);
type Parse<'a> = &'a dyn Fn(&str) -> Verdict;

/// The code and detail of `result`'s error.
fn verdict<T>(result: Result<T, vivamo_validate::Error>) -> Verdict {
    match result {
        Ok(_) => ("ok".into(), None),
        Err(e) => (e.code().to_owned(), e.detail().map(str::to_owned)),
    }
}

#[test]
fn field_caps_at_and_past_the_limit() {
    // Blank input: at the cap it is the field's own `required`, past it the cap.
    let at = " ".repeat(4096);
    let past = " ".repeat(4097);
    let cases: [(&str, Parse<'_>, &str); 9] = [
        (
            "country",
            &|s| verdict(Country::parse(s)),
            "country_invalid",
        ),
        ("state", &|s| verdict(UsState::parse(s)), "state_invalid"),
        (
            "zip us",
            &|s| verdict(PostalCode::parse_for(s, true)),
            "zip_invalid",
        ),
        (
            "zip other",
            &|s| verdict(PostalCode::parse_for(s, false)),
            "zip_invalid",
        ),
        (
            "timestamp",
            &|s| verdict(Timestamp::parse(s)),
            "timestamp_invalid",
        ),
        (
            "kyc type",
            &|s| verdict(KycType::parse(s)),
            "kyc_type_unknown",
        ),
        (
            "kyc status",
            &|s| verdict(KycStatus::parse(s)),
            "kyc_status_unknown",
        ),
        (
            "text",
            &|s| verdict(Text::parse_as(s, TextField::City)),
            "text_too_long",
        ),
        (
            "external id",
            &|s| verdict(ExternalCustomerId::parse(s)),
            "external_id_invalid",
        ),
    ];
    for (name, parse, code) in cases {
        assert_eq!(parse(&at).0, "required", "{name} at the cap");
        let (got, detail) = parse(&past);
        assert_eq!(got, code, "{name} past the cap");
        let expected = if name == "external id" {
            "too_long"
        } else {
            "input_too_long"
        };
        assert_eq!(detail.as_deref(), Some(expected), "{name} past the cap");
    }
    assert_eq!(verdict(Email::parse(&" ".repeat(1024))).0, "required");
    assert_eq!(
        verdict(Email::parse(&" ".repeat(1025))).1.as_deref(),
        Some("too_long")
    );
    assert_eq!(
        verdict(Phone::parse(&" ".repeat(65))).1.as_deref(),
        Some("too_long_input")
    );
}

#[test]
fn eight_megabytes_cost_no_more_than_a_few_bytes() {
    // Loose enough for a debug build on a loaded machine; a linear scan of
    // 8 MB took 20-50 ms per field even optimized before the caps.
    let inputs = [
        format!("{}x", " ".repeat(8 << 20)),
        format!("{}x", "\u{3000}".repeat(3 << 20)),
        " a".repeat(4 << 20),
    ];
    for input in &inputs {
        let start = std::time::Instant::now();
        for _ in 0..100 {
            let _ = Country::parse(input);
            let _ = UsState::parse(input);
            let _ = PostalCode::parse_for(input, true);
            let _ = PostalCode::parse_for(input, false);
            let _ = Timestamp::parse(input);
            let _ = ExternalCustomerId::parse(input);
            let _ = KycType::parse(input);
            let _ = KycStatus::parse(input);
            let _ = Text::parse(input);
            let _ = Email::parse(input);
            let _ = Phone::parse(input);
        }
        let each = start.elapsed() / 100;
        assert!(each.as_micros() < 1000, "{each:?} for all fields");
    }
}
