//! The scanner's fast path in front of serde_json (src/record/scan.rs) against
//! serde_json alone: for record-like JSON text, mutated bytes of it, every line
//! of every vector file and the generator's records, validation gives the same
//! answer (customer or report, message for message) both ways, with and without
//! `report_unknown_fields`.

#![cfg(feature = "serde")]

use proptest::prelude::*;
use vivamo_validate::{validate_json_str, validate_json_str_by_serde, Options};

fn both_options() -> [Options; 2] {
    [
        Options::default(),
        Options {
            report_unknown_fields: true,
            ..Options::default()
        },
    ]
}

/// The first option set under which the two ways disagree, with both answers.
fn disagreement(text: &str) -> Option<(bool, String, String)> {
    both_options().into_iter().find_map(|options| {
        let fast = format!("{:?}", validate_json_str(text, &options));
        let serde = format!("{:?}", validate_json_str_by_serde(text, &options));
        (fast != serde).then_some((options.report_unknown_fields, fast, serde))
    })
}

fn whitespace() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => Just(" ".to_owned()),
        1 => Just("\n\t\r ".to_owned()),
        // Not JSON whitespace: serde_json rejects them.
        1 => Just("\u{a0}".to_owned()),
        1 => Just("\u{c}".to_owned()),
        1 => Just("\u{feff}".to_owned()),
    ]
}

/// A string literal: plain, escaped as serde_json writes it, or with escapes of
/// every kind, well-formed or not.
fn string_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => ".{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        2 => "[a-z0-9 @.+()-]{0,16}".prop_map(|s| format!("\"{s}\"")),
        1 => prop::sample::select(vec![
            r#""a\"b""#, r#""a\\b""#, r#""a\/b""#, r#""\b\f\n\r\t""#, r#""\u00e9t\u00C9""#,
            r#""\u0000""#, r#""\ud83d\ude00""#, r#""\uD83D\uDE00x""#, r#""\ud800""#,
            r#""\udc00""#, r#""\ud800\u0041""#, r#""\ud800\n""#, r#""\x""#, r#""\u12""#,
            r#""\u12g4""#, "\"tab\there\"", "\"nul\u{0}\"", "\"del\u{7f}\"", r#""unterminated"#,
            r#""\u0065mail""#, r#""dat\u0061""#,
        ])
        .prop_map(str::to_owned),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| serde_json::to_string(&f).unwrap()),
        2 => prop::sample::select(vec![
            "0", "-0", "01", "-01", "00", "-", "1.", ".5", "+1", "1.5", "-0.0", "1e", "1e+",
            "1e400", "1e+300", "1e305", "1e306", "1E-7", "-1e-400", "0e99999", "1.5e0005",
            "123456789012345678", "1234567890123456789", "123456789012345678901234567890",
            "18446744073709551616", "1.7976931348623157e308", "1.8e308", "2e308", "1ee5",
            "1.5.3", "0x10", "1_000", "NaN", "Infinity", "-Infinity",
        ])
        .prop_map(str::to_owned),
    ]
}

fn literal() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "null", "true", "false", "nul", "tru", "fals", "NULL", "True", "nullx",
    ])
    .prop_map(str::to_owned)
}

/// Nesting around the limits: the scanner's own and serde_json's 128 levels.
fn deep() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![1usize, 2, 30, 31, 32, 33, 60, 125, 126, 127, 128, 129]),
        any::<bool>(),
    )
        .prop_map(|(n, arrays)| {
            if arrays {
                format!("{}{}", "[".repeat(n), "]".repeat(n))
            } else {
                format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
            }
        })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "externalCustomerId", "verifyAfterCreation", "data", "kycVerifications",
            "createdAt", "email", "phone", "firstName", "lastName", "street", "street2",
            "state", "city", "zip", "country", "type", "status", "nickname", "",
        ])
        .prop_map(|k| format!("\"{k}\"")),
        1 => string_literal(),
    ]
}

/// Any value: the leaves above, and arrays and objects of them.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => string_literal(),
        2 => number(),
        2 => literal(),
        1 => deep(),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            (prop::collection::vec((whitespace(), inner.clone()), 0..5)).prop_map(|items| {
                let items: Vec<String> =
                    items.into_iter().map(|(w, v)| format!("{w}{v}")).collect();
                format!("[{}]", items.join(","))
            }),
            prop::collection::vec((key(), whitespace(), inner), 0..6).prop_map(|members| {
                let members: Vec<String> = members
                    .into_iter()
                    .map(|(k, w, v)| format!("{k}{w}:{w}{v}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

fn object_of(members: Vec<(String, String, String)>) -> String {
    let members: Vec<String> = members
        .into_iter()
        .map(|(w, k, v)| format!("{w}{k}{w}:{v}{w}"))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// A member of the given object: mostly its own keys with string values.
fn member(keys: &'static [&'static str]) -> impl Strategy<Value = (String, String, String)> {
    (
        whitespace(),
        prop_oneof![
            8 => prop::sample::select(keys).prop_map(|k| format!("\"{k}\"")),
            1 => key(),
        ],
        prop_oneof![
            6 => string_literal(),
            1 => number(),
            1 => literal(),
            1 => value(),
        ],
    )
}

const ROOT_KEYS: &[&str] = &[
    "externalCustomerId",
    "verifyAfterCreation",
    "createdAt",
    "nickname",
];
const DATA_KEYS: &[&str] = &[
    "email",
    "phone",
    "firstName",
    "lastName",
    "street",
    "street2",
    "state",
    "city",
    "zip",
    "country",
    "extra",
];
const ITEM_KEYS: &[&str] = &["type", "status", "createdAt", "note"];

fn data() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(member(DATA_KEYS), 0..14).prop_map(object_of),
        1 => value(),
    ]
}

fn kyc() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        8 => prop::collection::vec(member(ITEM_KEYS), 0..5).prop_map(object_of),
        1 => value(),
    ];
    prop_oneof![
        8 => prop::collection::vec(item, 0..4).prop_map(|items| format!("[{}]", items.join(","))),
        // Around the 100-item cap.
        1 => (prop::sample::select(vec![99usize, 100, 101, 150]), literal()).prop_map(|(n, v)| {
            format!("[{}]", vec![format!("{{\"type\":{v}}}"); n].join(","))
        }),
        1 => value(),
    ]
}

/// A record-like root: its own members, `data` and `kycVerifications`, in any
/// order and any number of times (the last of duplicates counts).
fn record() -> impl Strategy<Value = String> {
    let root_member = prop_oneof![
        6 => member(ROOT_KEYS),
        3 => (whitespace(), data()).prop_map(|(w, d)| (w, "\"data\"".to_owned(), d)),
        2 => (whitespace(), kyc()).prop_map(|(w, k)| (w, "\"kycVerifications\"".to_owned(), k)),
    ];
    (
        whitespace(),
        prop::collection::vec(root_member, 0..8),
        whitespace(),
        prop_oneof![8 => Just(""), 1 => Just(","), 1 => Just("x"), 1 => Just("{}")],
    )
        .prop_map(|(before, members, after, trailing)| {
            format!("{before}{}{after}{trailing}", object_of(members))
        })
}

/// Inserted, removed and replaced bytes; the text is what is left as UTF-8.
fn mutate(text: &str, edits: &[(prop::sample::Index, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (at, byte, op) in edits {
        let i = at.index(bytes.len() + 1);
        match op % 3 {
            0 => bytes.insert(i, *byte),
            1 if i < bytes.len() => {
                bytes.remove(i);
            }
            _ if i < bytes.len() => bytes[i] = *byte,
            _ => bytes.push(*byte),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn record_like_text_agrees(text in record()) {
        prop_assert_eq!(disagreement(&text), None, "{}", text);
    }

    #[test]
    fn mutated_record_text_agrees(
        text in record(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), prop_oneof![any::<u8>(), prop::sample::select(b"{}[]\",:\\ 0-e.tfn".to_vec())], any::<u8>()),
            1..4,
        ),
    ) {
        let text = mutate(&text, &edits);
        prop_assert_eq!(disagreement(&text), None, "{}", text);
    }

    #[test]
    fn arbitrary_values_as_roots_agree(text in value()) {
        prop_assert_eq!(disagreement(&text), None, "{}", text);
    }
}

/// Every line of every vector file (and each tab-separated column of it): the
/// records among them, and plenty of text that is no record at all.
#[test]
fn vector_file_lines_agree() {
    let mut files = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors"
    ))];
    let mut lines = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines() {
            for piece in std::iter::once(line).chain(line.split('\t')) {
                lines += 1;
                assert_eq!(disagreement(piece), None, "{}: {piece}", path.display());
            }
        }
    }
    assert!(lines > 1000, "only {lines} lines read");
}

/// The generator's clean and messy records (tools/gen_customers.py), which the
/// benches and the CLI's comparisons use. Needs python3, so it is run on request:
/// `cargo test --all-features --test scan_differential -- --ignored`.
#[test]
#[ignore = "needs python3"]
fn generated_customers_agree() {
    for args in [&["20000"][..], &["--messy", "20000"]] {
        let output = std::process::Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tools/gen_customers.py"
            ))
            .args(args)
            .output()
            .expect("python3 runs");
        assert!(output.status.success(), "gen_customers.py {args:?} failed");
        let text = String::from_utf8(output.stdout).expect("the generator writes UTF-8");
        assert_eq!(text.lines().count(), 20000);
        for line in text.lines() {
            assert_eq!(disagreement(line), None, "{args:?}: {line}");
        }
    }
}
