//! Drives `tests/vectors/zip.tsv` (SPEC §6): every row asserts the outcome
//! exactly (normalized code, or code, detail, suggestion and message) under the
//! row's rules (`us` or `intl`).

use vivamo_validate::{Error, PostalCode};

/// Decodes the input column: `\u{XXXX}`, `\t`, `\n`, `\\`, and `(empty)`.
fn unescape(field: &str) -> String {
    if field == "(empty)" {
        return String::new();
    }
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(cp).expect("scalar value"));
            }
            other => panic!("bad escape {other:?} in {field:?}"),
        }
    }
    out
}

fn none_if_dash(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

/// Asserts one row's `status, value, detail, suggestion, message` against a result.
fn check(line: usize, input: &str, got: Result<String, Error>, expected: &[&str]) {
    let [status, value, detail, suggestion, message] = expected else {
        panic!("line {line}: expected 5 outcome columns, got {expected:?}");
    };
    match (*status, got) {
        ("ok", Ok(v)) => assert_eq!(v, *value, "line {line}: {input:?}"),
        ("err", Err(e)) => {
            let actual = (e.code(), e.detail(), e.suggestion(), e.message());
            let wanted = (
                *value,
                none_if_dash(detail),
                none_if_dash(suggestion),
                *message,
            );
            assert_eq!(actual, wanted, "line {line}: {input:?}");
        }
        (_, got) => panic!("line {line}: {input:?}: expected {status} {value}, got {got:?}"),
    }
}

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
        if us {
            assert_eq!(PostalCode::parse(&input).map(|z| z.to_string()), got);
            assert_eq!(
                input.parse::<PostalCode>(),
                PostalCode::try_from(input.as_str())
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
