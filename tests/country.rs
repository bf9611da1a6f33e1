//! Drives `tests/vectors/country.tsv` (SPEC §4): every row asserts the outcome
//! exactly (normalized value, or code, detail, suggestion and message).

#[path = "support/address_vectors.rs"]
mod support;
use support::{check, unescape};

use vivamo_validate::{is_us_address, Country};

#[test]
fn country_vectors() {
    let text = include_str!("vectors/country.tsv");
    let mut rows = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("input\t") || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let input = unescape(cols[0]);
        let got = Country::parse(&input).map(|c| c.as_str().to_owned());
        check(i + 1, &input, got.clone(), &cols[1..]);
        // The other constructors go through the same function.
        assert_eq!(input.parse::<Country>(), Country::try_from(input.as_str()));
        assert_eq!(
            input.parse::<Country>().map(|c| c.to_string()),
            got,
            "line {}",
            i + 1
        );
        rows += 1;
    }
    assert!(rows >= 40, "only {rows} rows");
}

#[test]
fn us_rules_selection() {
    for (country, us) in [
        (None, true),
        (Some(""), true),
        (Some(" \t"), true),
        (Some("US"), true),
        (Some(" us "), true),
        (Some("USA"), false),
        (Some("United States"), false),
        (Some("CA"), false),
        (Some("ZZ"), false),
        (Some("GB"), false),
        (Some("UM"), false),
        (Some("PR"), false),
    ] {
        assert_eq!(is_us_address(country), us, "{country:?}");
    }
}

#[test]
fn accessors() {
    let de = Country::parse("de").unwrap();
    assert_eq!(
        (de.name(), de.alpha3(), de.numeric()),
        ("Germany", "DEU", 276)
    );
    assert_eq!(format!("{de:?}"), "Country(\"DE\")");
    assert!(Country::US.is_us() && !de.is_us());
    assert!(Country::parse("AT").unwrap() < de);
}

#[test]
fn send_sync_copy() {
    fn assert_traits<T: Send + Sync + Copy + 'static>() {}
    assert_traits::<Country>();
}
