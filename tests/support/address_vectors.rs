//! The TSV format of the address vectors (`country.tsv`, `state.tsv`, `zip.tsv`):
//! an escaped input column, then `status, value, detail, suggestion, message`.
//! `-` means "none"; `(empty)` is the empty input.
#![allow(dead_code)] // each test file uses part of this

use vivamo_validate::Error;

/// Decodes the input column: `\u{XXXX}`, `\t`, `\n`, `\\`, and `(empty)`.
pub fn unescape(field: &str) -> String {
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

pub fn none_if_dash(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

/// Asserts one row's `status, value, detail, suggestion, message` against a result.
pub fn check(line: usize, input: &str, got: Result<String, Error>, expected: &[&str]) {
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
