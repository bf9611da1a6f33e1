//! JSON text written directly, for the one hot output: [`RecordResult::write_json`](crate::RecordResult::write_json)
//! (the CLI's `--output jsonl` line). The bytes are exactly serde_json's
//! (`serde_json::to_writer` of the same value): the same member order, the same
//! escaping (`"`, `\`, and the control characters U+0000–U+001F: `\b \t \n \f \r`
//! by name, the others as `\u00XX` in lowercase hex; nothing else, not even
//! U+007F), so the two can be compared byte for byte, which the tests do.
//!
//! What makes it cheaper than going through serde's serializer: fixed member
//! names are written as they are (serde_json escapes every key), a string is
//! scanned eight bytes at a time for the three kinds of byte that need escaping
//! and copied in one piece when none does, and a path is written segment by
//! segment without being formatted into a string first.

use crate::report::Segment;
use crate::{Error, Issue, Path};

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    push_str_contents(out, s);
    out.push(b'"');
}

/// Appends the escaped contents of a JSON string literal (without the quotes).
fn push_str_contents(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            let mut chunk = [0u8; 8];
            chunk.copy_from_slice(word);
            if !word_needs_escape(u64::from_le_bytes(chunk)) {
                i += 8;
                continue;
            }
        }
        let Some(&b) = bytes.get(i) else { break };
        if let Some(escape) = escape_of(b) {
            out.extend_from_slice(bytes.get(copied..i).unwrap_or_default());
            match escape {
                Escape::Short(name) => out.extend_from_slice(&[b'\\', name]),
                Escape::Unicode => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                    let lo = HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0');
                    out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
                }
            }
            copied = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
}

/// How one byte is escaped.
enum Escape {
    /// `\` and this byte.
    Short(u8),
    /// `\u00XX`.
    Unicode,
}

fn escape_of(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Short(b'"'),
        b'\\' => Escape::Short(b'\\'),
        0x08 => Escape::Short(b'b'),
        b'\t' => Escape::Short(b't'),
        b'\n' => Escape::Short(b'n'),
        0x0c => Escape::Short(b'f'),
        b'\r' => Escape::Short(b'r'),
        0..=0x1f => Escape::Unicode,
        _ => return None,
    })
}

/// Whether any of the eight bytes of `word` is a control character, `"` or `\`
/// (the classic zero-byte tests, which are exact about whether there is one).
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// Appends `n` in decimal.
pub(crate) fn push_u64(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// Appends a path as its JSON string (`Path`'s `Display`, escaped).
fn push_path(out: &mut Vec<u8>, path: &Path) {
    out.push(b'"');
    for (i, segment) in path.segments().iter().enumerate() {
        match segment {
            Segment::Key(key) => {
                if i > 0 {
                    out.push(b'.');
                }
                push_str_contents(out, key);
            }
            Segment::Index(index) => {
                out.push(b'[');
                push_u64(out, *index as u64);
                out.push(b']');
            }
        }
    }
    out.push(b'"');
}

/// Appends `,"code":…,"message":…` and the optional members of an error.
fn push_error_members(out: &mut Vec<u8>, error: &Error) {
    out.extend_from_slice(b",\"code\":");
    push_str(out, error.code());
    out.extend_from_slice(b",\"message\":");
    push_str(out, error.message());
    if let Some(detail) = error.detail() {
        out.extend_from_slice(b",\"detail\":");
        push_str(out, detail);
    }
    if let Some(suggestion) = error.suggestion() {
        out.extend_from_slice(b",\"suggestion\":");
        push_str(out, suggestion);
    }
}

/// Appends a JSON array of issues.
pub(crate) fn push_issues<'a>(out: &mut Vec<u8>, issues: impl Iterator<Item = &'a Issue>) {
    out.push(b'[');
    for (i, issue) in issues.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"path\":");
        push_path(out, &issue.path);
        push_error_members(out, &issue.error);
        out.push(b'}');
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_str(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap_or_default()
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        let mut every_byte = String::new();
        for c in (0u8..0x80).map(char::from) {
            every_byte.push(c);
        }
        let cases = [
            "",
            "plain",
            "exactly8",
            "sixteen bytes ok",
            "a\"b",
            "\\",
            "tab\there and a newline\n",
            "\u{7f}\u{1f}\u{0}",
            "é and 😀 and \u{2028}",
            "long string with a quote at the very end of a word\"",
            &every_byte,
        ];
        for case in cases {
            let mut out = Vec::new();
            push_str(&mut out, case);
            assert_eq!(out, serde_str(case), "{case:?}");
        }
        // Every position of each escaped byte within and across words.
        for b in (0u8..0x20).chain([b'"', b'\\', b'!', 0x7f]) {
            for at in 0..20 {
                let mut s = "x".repeat(20);
                s.replace_range(at..=at, &char::from(b).to_string());
                let mut out = Vec::new();
                push_str(&mut out, &s);
                assert_eq!(out, serde_str(&s), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn the_word_test_is_exact() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(word)),
                    expected,
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn numbers_and_paths() {
        for n in [0u64, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
        let path = Path::root().key("kycVerifications").index(12).key("ty\"pe");
        let mut out = Vec::new();
        push_path(&mut out, &path);
        assert_eq!(out, serde_json::to_vec(&path).unwrap_or_default());
        let mut out = Vec::new();
        push_path(&mut out, &Path::root());
        assert_eq!(out, b"\"\"");
    }
}
