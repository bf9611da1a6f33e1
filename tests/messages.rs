//! Messages for people (issue 11): every code has a sentence in every shipped
//! language, translations hold no id that English lacks, the API's own
//! sentences are used where it has them, and no message repeats the input.

#![cfg(feature = "messages")]

use proptest::prelude::*;
use vivamo_validate::{Email, Error, ErrorCode, Messages, Phone, Text};

const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../data/messages/en.ftl")),
    ("fr", include_str!("../data/messages/fr.ftl")),
];

/// The message ids of a catalogue's source, in order.
fn ids(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap_or_default())
        .collect()
}

#[test]
fn every_code_has_a_message_in_every_shipped_language() {
    assert_eq!(Messages::LANGUAGES, ["en", "fr"]);
    for language in Messages::LANGUAGES {
        let messages = Messages::built_in(language).unwrap();
        for code in ErrorCode::ALL {
            assert!(
                messages.has_message(*code),
                "{language}: no message for {code}"
            );
            let text = messages.format(&Error::new(*code, "developer message"));
            assert!(
                !text.is_empty() && text != "developer message",
                "{language} {code}"
            );
            let first = text.chars().next().unwrap();
            assert!(
                first.is_uppercase(),
                "{language} {code}: sentence case: {text}"
            );
        }
    }
}

#[test]
fn translations_have_exactly_the_english_ids() {
    let english = ids(SOURCES[0].1);
    assert!(english.len() >= ErrorCode::ALL.len());
    for (language, source) in &SOURCES[1..] {
        assert_eq!(
            ids(source),
            english,
            "{language}: same ids, same order as en.ftl"
        );
    }
    // Every id is a code, or a code and a detail.
    for id in &english {
        let code = id.split("--").next().unwrap();
        assert!(code.parse::<ErrorCode>().is_ok(), "{id}");
    }
}

#[test]
fn the_apis_own_sentences_are_used_verbatim_in_english() {
    for code in ErrorCode::ALL {
        if let Some(sentence) = code.api_message() {
            assert_eq!(
                Messages::english().format(&Error::new(*code, "x")),
                sentence,
                "{code}"
            );
        }
    }
}

#[test]
fn detail_messages_win_and_missing_ones_fall_back() {
    let err = Email::parse("a@b").unwrap_err();
    assert_eq!(err.detail(), Some("domain_no_dot"));
    assert_eq!(
        err.user_message(),
        "The part after the @ needs a dot, like example.com."
    );
    let err = Email::parse("a..b@example.com").unwrap_err();
    assert_eq!(err.user_message(), "Enter a valid email address.");
    let own = Messages::from_ftl("de", "required = Pflichtfeld.").unwrap();
    assert_eq!(
        own.format(&Error::new(ErrorCode::Required, "x")),
        "Pflichtfeld."
    );
    assert_eq!(
        own.format(&Email::parse("a@mailinator.com").unwrap_err()),
        "Sorry, this email domain is not supported"
    );
    assert!(Messages::from_ftl("not a tag!", "").is_err());
    assert!(Messages::from_ftl("en", "required = a\nrequired = b").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A message for people never contains what the customer typed.
    #[test]
    fn no_message_repeats_the_input(input in "[a-zA-Z0-9@.+ ]{6,30}") {
        let errors = [
            Email::parse(&input).err(),
            Phone::parse(&input).err(),
            Text::parse_as(&format!("{input}\u{202E}"), vivamo_validate::TextField::City).err(),
        ];
        for error in errors.into_iter().flatten() {
            for language in Messages::LANGUAGES {
                let text = Messages::built_in(language).unwrap().format(&error);
                prop_assert!(!text.contains(input.trim()), "{language}: {text}");
            }
        }
    }
}
