//! Drives `tests/vectors/zip.tsv` (SPEC §6): every row asserts the outcome
//! exactly (normalized code, or code, detail, suggestion and message) under the
//! row's rules (`us` or `intl`).

#[path = "support/address_vectors.rs"]
mod support;
use support::{check, unescape};

use vivamo_validate::PostalCode;

#[test]
fn zip_vectors() {
    let text = include_str!("vectors/zip.tsv");
    let mut rows = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("rules\t") || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let us = match cols[0] {
            "us" => true,
            "intl" => false,
            other => panic!("line {}: bad rules {other:?}", i + 1),
        };
        let input = unescape(cols[1]);
        let got = PostalCode::parse_for(&input, us).map(|z| z.as_str().to_owned());
        check(i + 1, &input, got.clone(), &cols[2..]);
        let direct = if us {
            PostalCode::parse_us(&input)
        } else {
            PostalCode::parse_international(&input)
        };
        assert_eq!(direct.map(|z| z.to_string()), got);
        if !us {
            // Every country-free entry point applies the other-country rules.
            assert_eq!(PostalCode::parse(&input).map(|z| z.to_string()), got);
            assert_eq!(input.parse::<PostalCode>(), PostalCode::parse(&input));
            assert_eq!(
                PostalCode::try_from(input.as_str()),
                PostalCode::parse(&input)
            );
            #[cfg(feature = "serde")]
            assert_eq!(
                serde_json::from_value::<PostalCode>(serde_json::Value::String(input.clone()))
                    .map_err(|e| e.to_string()),
                PostalCode::parse(&input).map_err(|e| e.to_string())
            );
        }
        rows += 1;
    }
    assert!(rows >= 40, "only {rows} rows");
}

#[test]
fn debug_shows_the_code() {
    let zip = PostalCode::parse("12345").unwrap();
    assert_eq!(format!("{zip:?}"), "PostalCode(\"12345\")");
    assert!(PostalCode::parse("01234").unwrap() < zip);
}

#[test]
fn send_sync_copy() {
    fn assert_traits<T: Send + Sync + Copy + 'static>() {}
    assert_traits::<PostalCode>();
}
