//! Text vectors: `tests/vectors/text.tsv`.

#[path = "support/text_vectors.rs"]
mod support;

use vivamo_validate::{Text, TextField};

fn parse(field: &str, input: &str) -> Result<Text, vivamo_validate::Error> {
    let field = match field {
        "text" => return Text::parse(input),
        "first_name" => TextField::FirstName,
        "last_name" => TextField::LastName,
        "street" => TextField::Street,
        "street2" => TextField::Street2,
        "city" => TextField::City,
        "state" => TextField::State,
        other => panic!("unknown field {other}"),
    };
    Text::parse_as(input, field)
}

#[test]
fn vectors() {
    let rows = support::read("text.tsv");
    assert!(rows.len() >= 40);
    for row in &rows {
        let at = row.at("text.tsv");
        let field = row.raw("field");
        let input = row.text("input");
        let result = parse(field, &input);
        let (code, detail, message) = support::outcome(&result);
        assert_eq!(code, row.raw("code"), "{at}");
        assert_eq!(detail, row.raw("detail"), "{at}");
        assert_eq!(message, row.raw("message"), "{at}");
        if let Ok(text) = result {
            let expected = row.text("normalized");
            assert_eq!(
                text.as_str(),
                expected,
                "{at}: got {}",
                support::show(text.as_str())
            );
            // Cleaning a cleaned value changes nothing.
            assert_eq!(parse(field, text.as_str()).as_ref(), Ok(&text), "{at}");
        }
    }
}

#[test]
fn messages_never_echo_the_input() {
    for row in &support::read("text.tsv") {
        let input = row.text("input");
        if let Err(e) = parse(row.raw("field"), &input) {
            let trimmed = input.trim();
            if trimmed.chars().count() > 1 {
                assert!(!e.message().contains(trimmed), "{}", row.at("text.tsv"));
            }
        }
    }
}

#[test]
fn field_limits() {
    let expected = [
        (TextField::FirstName, 100, true),
        (TextField::LastName, 100, true),
        (TextField::Street, 200, false),
        (TextField::Street2, 200, false),
        (TextField::City, 100, true),
        (TextField::State, 100, false),
    ];
    for (field, max, letter) in expected {
        assert_eq!(field.max_chars(), max, "{field:?}");
        assert_eq!(field.requires_letter(), letter, "{field:?}");
    }
    assert_eq!(TextField::ALL.len(), expected.len());
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_cleaned_string() {
    let t: Text = serde_json::from_str("\"  Main \\u00a0 St \"").expect("valid");
    assert_eq!(t.as_str(), "Main St");
    assert_eq!(serde_json::to_string(&t).expect("serialize"), "\"Main St\"");
    let err = serde_json::from_str::<Text>("\"a\\u0007\"").unwrap_err();
    assert!(err.to_string().contains("control character U+0007"));
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync + Unpin + 'static>() {}
    check::<Text>();
    check::<TextField>();
    check::<vivamo_validate::ExternalCustomerId>();
    check::<vivamo_validate::Timestamp>();
    check::<vivamo_validate::KycType>();
    check::<vivamo_validate::KycStatus>();
    check::<vivamo_validate::KycVerification>();
}
