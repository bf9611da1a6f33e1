//! Drives `tests/vectors/email.tsv` and checks the run-time rules of `EmailRules`.

use vivamo_validate::{Email, EmailRules, ErrorCode};

const VECTORS: &str = include_str!("vectors/email.tsv");

/// Every `detail` word of SPEC §2.
const DETAILS: [&str; 19] = [
    "too_long",
    "display_name",
    "quoted_local",
    "unsafe_character",
    "missing_at",
    "multiple_at",
    "local_empty",
    "local_too_long",
    "local_invalid_char",
    "local_invalid_dot",
    "domain_empty",
    "domain_literal",
    "domain_invalid_char",
    "domain_invalid_label",
    "domain_invalid_idna",
    "domain_too_long",
    "domain_no_dot",
    "domain_invalid_tld",
    "domain_special_use",
];

/// The mainstream providers of SPEC §2: addresses there must pass.
const MAINSTREAM_FILE: &str = include_str!("vectors/email_mainstream.txt");

fn mainstream() -> impl Iterator<Item = &'static str> {
    MAINSTREAM_FILE.lines().filter(|l| !l.starts_with('#'))
}

/// Decodes the escapes of a TSV field: `\u{HEX}` is one code point,
/// `\rep{N:TEXT}` is TEXT (itself escaped) repeated N times, `\\` a backslash,
/// `\t` a tab.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(r) = after.strip_prefix("u{") {
            let end = r.find('}').expect("unterminated \\u{");
            let cp = u32::from_str_radix(&r[..end], 16).expect("bad hex in \\u{}");
            out.push(char::from_u32(cp).expect("not a scalar value"));
            rest = &r[end + 1..];
        } else if let Some(r) = after.strip_prefix("rep{") {
            // The matching brace: TEXT may hold `\u{...}`.
            let mut depth = 0usize;
            let end = r
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => return true,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    false
                })
                .map(|(i, _)| i)
                .expect("unterminated \\rep{");
            let (n, text) = r[..end].split_once(':').expect("\\rep{N:TEXT}");
            out.push_str(&unescape(text).repeat(n.parse().expect("bad count")));
            rest = &r[end + 1..];
        } else if let Some(r) = after.strip_prefix('\\') {
            out.push('\\');
            rest = r;
        } else if let Some(r) = after.strip_prefix('t') {
            out.push('\t');
            rest = r;
        } else {
            panic!("unknown escape in {s:?}");
        }
    }
    out.push_str(rest);
    out
}

struct Vector {
    line: usize,
    input: String,
    code: String,
    detail: Option<String>,
    text: String,
    ascii: String,
    smtputf8: String,
}

fn vectors() -> Vec<Vector> {
    let mut lines = VECTORS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    let (_, header) = lines.next().expect("column header");
    assert_eq!(
        header,
        "input\tcode\tdetail\tmessage_or_normalized\tascii\tsmtputf8"
    );
    lines
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "line {}: {l:?}", i + 1);
            Vector {
                line: i + 1,
                input: unescape(f[0]),
                code: f[1].to_owned(),
                detail: (f[2] != "-").then(|| f[2].to_owned()),
                text: unescape(f[3]),
                ascii: unescape(f[4]),
                smtputf8: f[5].to_owned(),
            }
        })
        .collect()
}

#[test]
fn vectors_pass() {
    let vectors = vectors();
    assert!(vectors.len() >= 100, "only {} vectors", vectors.len());
    for v in &vectors {
        let at = format!("line {}", v.line);
        match Email::parse(&v.input) {
            Ok(email) => {
                assert_eq!(v.code, "ok", "{at}: accepted as {}", email.as_str());
                assert_eq!(email.as_str(), v.text, "{at}");
                assert_eq!(email.to_ascii(), v.ascii, "{at}");
                assert_eq!(email.needs_smtputf8().to_string(), v.smtputf8, "{at}");
                assert_eq!(
                    format!("{}@{}", email.local_part(), email.domain()),
                    email.as_str(),
                    "{at}"
                );
                assert_eq!(
                    format!("{}@{}", email.local_part(), email.ascii_domain()),
                    email.to_ascii(),
                    "{at}"
                );
                assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email), "{at}");
                assert!(
                    email_address::EmailAddress::is_valid(&email.to_ascii()),
                    "{at}: email_address rejects the ASCII form"
                );
                assert_eq!(Email::parse(&email.to_ascii()).as_ref(), Ok(&email), "{at}");
            }
            Err(err) => {
                assert_eq!(err.code(), v.code, "{at}: {err:?}");
                assert_eq!(err.detail(), v.detail.as_deref(), "{at}");
                assert_eq!(err.message(), v.text, "{at}");
                assert_eq!((v.ascii.as_str(), v.smtputf8.as_str()), ("-", "-"), "{at}");
                let trimmed = v.input.trim();
                if trimmed.chars().count() > 1 {
                    assert!(!err.message().contains(trimmed), "{at}: echoes input");
                }
            }
        }
    }
}

#[test]
fn vectors_cover_spec() {
    let vectors = vectors();
    for detail in DETAILS {
        assert!(
            vectors.iter().any(|v| v.detail.as_deref() == Some(detail)),
            "no vector for {detail}"
        );
    }
    for code in ["required", "email_disposable", "email_plus_suffix"] {
        assert!(
            vectors.iter().any(|v| v.code == code),
            "no vector for {code}"
        );
    }
    for domain in mainstream() {
        let suffix = format!("@{domain}");
        assert!(
            vectors
                .iter()
                .any(|v| v.code == "ok" && v.text.ends_with(&suffix)),
            "no passing vector at {domain}"
        );
    }
    for input in ["user@bücher.de", "user@xn--bcher-kva.de", "用户@例子.广告"] {
        assert!(
            vectors.iter().any(|v| v.input == input && v.code == "ok"),
            "{input}"
        );
    }
}

#[test]
fn error_kinds_match_codes() {
    let err = Email::parse("a@mailinator.com").unwrap_err();
    assert_eq!(err.kind(), ErrorCode::EmailDisposable);
    assert_eq!(err.detail(), None);
    let err = Email::parse("a+b@example.com").unwrap_err();
    assert_eq!(err.kind(), ErrorCode::EmailPlusSuffix);
    let err = Email::parse("").unwrap_err();
    assert_eq!(err.kind(), ErrorCode::Required);
    assert_eq!(err.message(), "email is required");
    let err = Email::parse("nope").unwrap_err();
    assert_eq!(err.kind(), ErrorCode::EmailInvalid);
}

#[test]
fn run_time_rules() {
    let mut rules = EmailRules::default();
    rules
        .block("Spam.Example.COM")
        .block("bücher.example.org")
        .allow("MAILINATOR.com")
        .allow("ok.guerrillamail.com");
    let disposable = |s: &str| {
        Email::parse_with(s, &rules)
            .err()
            .map(|e| e.code() == "email_disposable")
    };
    assert_eq!(disposable("a@spam.example.com"), Some(true));
    assert_eq!(disposable("a@x.SPAM.example.com"), Some(true));
    assert_eq!(disposable("a@example.com"), None);
    assert_eq!(disposable("a@xn--bcher-kva.example.org"), Some(true));
    assert_eq!(disposable("a@BÜCHER.example.org"), Some(true));
    assert_eq!(disposable("a@mailinator.com"), None);
    assert_eq!(disposable("a@sub.mailinator.com"), None);
    assert_eq!(disposable("a@guerrillamail.com"), Some(true));
    assert_eq!(disposable("a@ok.guerrillamail.com"), None);
    assert_eq!(disposable("a@x.ok.guerrillamail.com"), None);
    // Without the rules the bundled lists alone decide.
    assert!(Email::parse("a@spam.example.com").is_ok());
    assert!(Email::parse("a@sub.mailinator.com").is_err());
}

#[test]
fn more_specific_entry_wins_and_allow_wins_a_tie() {
    let mut rules = EmailRules::default();
    rules.block("vivamo.co").block("spam.vivamo.co");
    assert!(Email::parse_with("a@vivamo.co", &rules).is_ok());
    assert!(Email::parse_with("a@mail.vivamo.co", &rules).is_ok());
    assert_eq!(
        Email::parse_with("a@x.spam.vivamo.co", &rules)
            .unwrap_err()
            .code(),
        "email_disposable"
    );
    let mut rules = EmailRules::default();
    rules.block("a.example.net").allow("a.example.net");
    assert!(Email::parse_with("x@a.example.net", &rules).is_ok());
}

#[test]
fn invalid_rule_domains_are_reported_or_ignored() {
    let mut rules = EmailRules::default();
    for (domain, detail) in [
        ("com", "domain_no_dot"),
        ("bad_domain.com", "domain_invalid_char"),
        ("a..b.com", "domain_invalid_label"),
        ("xn--zz.com", "domain_invalid_idna"),
        ("foo.test", "domain_special_use"),
        ("[127.0.0.1]", "domain_literal"),
        ("", "domain_empty"),
        ("a\u{200B}.com", "unsafe_character"),
    ] {
        let err = rules.try_block(domain).unwrap_err();
        assert_eq!(err.detail(), Some(detail), "{domain:?}");
        assert_eq!(
            rules.try_allow(domain).unwrap_err().detail(),
            Some(detail),
            "{domain:?}"
        );
    }
    let before = format!("{rules:?}");
    rules.block("com").allow("bad_domain.com");
    assert_eq!(format!("{rules:?}"), before);
    assert!(rules.try_block(" Example.COM ").is_ok());
    assert!(rules.is_disposable("x.example.com"));
    assert!(!rules.is_disposable("not a domain"));
}

#[test]
fn conversions_agree() {
    let email: Email = " Jane@Example.COM ".parse().unwrap();
    assert_eq!(email.to_string(), "Jane@example.com");
    assert_eq!(Email::try_from("Jane@example.com").unwrap(), email);
    assert_eq!(AsRef::<str>::as_ref(&email), "Jane@example.com");
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_normalized_string_and_validates() {
    let email: Email = " Jane@Example.COM ".parse().unwrap();
    let json = serde_json::to_string(&email).unwrap();
    assert_eq!(json, "\"Jane@example.com\"");
    assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
    assert!(serde_json::from_str::<Email>("\"a@mailinator.com\"").is_err());
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Email>();
    check::<EmailRules>();
}
