//! The bundled disposable-domain list and allowlist, and the lookup that walks a
//! domain and its parents.
//!
//! Both files are compiled in with `include_str!`. The ~10,000-line list goes
//! into a hash set of borrowed lines the first time an address gets this far
//! (`LazyLock`, a few hundred microseconds; nothing is spent if email is never
//! checked); the few-line allowlist is searched in place with a binary search
//! over its sorted lines. A binary search in place over the big list needs no
//! set-up at all but measured about ten times slower per lookup (see
//! `benches/email.rs`), so the set wins.

use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// `data/disposable_domains.txt`: sorted, unique, lowercase A-label domains after
/// a `#` header.
pub(crate) const DOMAINS: &str = include_str!("../../data/disposable_domains.txt");

/// `data/disposable_allowlist.txt`, in the same format.
pub(crate) const ALLOWLIST: &str = include_str!("../../data/disposable_allowlist.txt");

/// The bytes of `list` after its leading `#` header lines.
const fn body(list: &str) -> &[u8] {
    let mut rest = list.as_bytes();
    while let [b'#', tail @ ..] = rest {
        // Skip to just after the header line's newline.
        let mut line = tail;
        loop {
            match line {
                [b'\n', after @ ..] => {
                    rest = after;
                    break;
                }
                [_, after @ ..] => line = after,
                [] => return &[],
            }
        }
    }
    rest
}

const DOMAINS_BODY: &[u8] = body(DOMAINS);
const ALLOWLIST_BODY: &[u8] = body(ALLOWLIST);

/// Whether `key` is one of the `\n`-separated lines of `sorted` (sorted by bytes).
///
/// A binary search by byte offset: each probe widens the middle byte to the line
/// that holds it. `lo` always sits at a line start and `hi` at a line start or
/// the end, so every line in `lo..hi` is a candidate.
fn contains_line(sorted: &[u8], key: &[u8]) -> bool {
    let (mut lo, mut hi) = (0usize, sorted.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let Some(window) = sorted.get(lo..hi) else {
            return false;
        };
        let rel = mid - lo;
        let start = window
            .get(..rel)
            .and_then(|before| before.iter().rposition(|&b| b == b'\n'))
            .map_or(0, |p| p + 1);
        let end = window
            .get(start..)
            .and_then(|after| after.iter().position(|&b| b == b'\n'))
            .map_or(window.len(), |p| start + p);
        let Some(line) = window.get(start..end) else {
            return false;
        };
        match line.cmp(key) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = lo + end + 1,
            std::cmp::Ordering::Greater => hi = lo + start,
        }
    }
    false
}

/// A fast multiply-rotate hash for short domain names. Not DoS-resistant, and
/// need not be: the set is fixed at build time, so hostile lookups cannot make
/// its buckets collide more than they already do.
#[derive(Default)]
struct DomainHasher(u64);

impl Hasher for DomainHasher {
    fn write(&mut self, bytes: &[u8]) {
        const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut hash = self.0;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(word);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(MULTIPLIER);
        }
        for &byte in words.remainder() {
            hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(MULTIPLIER);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type DomainSet = HashSet<&'static str, BuildHasherDefault<DomainHasher>>;

/// The bundled list as a set, built on first use.
static BLOCKED: LazyLock<DomainSet> = LazyLock::new(|| {
    let body = std::str::from_utf8(DOMAINS_BODY).unwrap_or_default();
    let mut set = DomainSet::with_capacity_and_hasher(11_000, BuildHasherDefault::default());
    set.extend(body.lines());
    set
});

/// Whether the exact domain (lowercase A-label form) is on the bundled list.
pub(crate) fn bundled_blocked(domain: &str) -> bool {
    BLOCKED.contains(domain)
}

/// Whether the exact domain (lowercase A-label form) is on the bundled allowlist.
pub(crate) fn bundled_allowed(domain: &str) -> bool {
    contains_line(ALLOWLIST_BODY, domain.as_bytes())
}

/// The disposable verdict for a valid domain in lowercase ASCII form.
///
/// Walks the domain and each parent that still has at least two labels, most
/// specific first; at each level an allowed entry (bundled or run-time) ends the
/// walk with "not disposable", then a blocked entry ends it with "disposable".
/// So `allow("vivamo.co")` covers `mail.vivamo.co`, and a run-time
/// `block("spam.vivamo.co")` still beats it, being more specific.
pub(crate) fn is_disposable(
    ascii_domain: &str,
    allowed: &BTreeSet<String>,
    blocked: &BTreeSet<String>,
) -> bool {
    let mut candidate = ascii_domain;
    while let Some(dot) = candidate.find('.') {
        if bundled_allowed(candidate) || allowed.contains(candidate) {
            return false;
        }
        if bundled_blocked(candidate) || blocked.contains(candidate) {
            return true;
        }
        candidate = candidate.get(dot + 1..).unwrap_or("");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_skipped() {
        assert!(DOMAINS_BODY.first().is_some_and(|b| *b != b'#'));
        assert_eq!(body("# a\n# b\nx.y\n"), b"x.y\n");
        assert_eq!(body("# only"), b"");
    }

    #[test]
    fn every_line_is_found_and_neighbours_are_not() {
        let body = std::str::from_utf8(DOMAINS_BODY).unwrap_or("");
        let lines: Vec<&str> = body.lines().collect();
        assert!(lines.len() > 10_000);
        for line in &lines {
            assert!(bundled_blocked(line), "{line}");
            assert!(!bundled_blocked(&format!("{line}x")), "{line}x");
            assert!(!bundled_blocked(&format!("x{line}")), "x{line}");
        }
        assert!(!bundled_blocked(""));
        assert_eq!(BLOCKED.len(), lines.len());
        for line in &lines {
            assert!(contains_line(DOMAINS_BODY, line.as_bytes()), "{line}");
        }
        assert!(!bundled_blocked("gmail.com"));
        assert!(bundled_allowed("vivamo.co"));
        assert!(!bundled_allowed("vivamo.com"));
    }

    #[test]
    fn small_lists() {
        for (list, present, absent) in [
            ("a\nb\nc\n", &["a", "b", "c"][..], &["", "aa", "d", "0"][..]),
            ("a\nb\nc", &["a", "b", "c"][..], &["", "bb", "d"][..]),
            ("m\n", &["m"][..], &["", "a", "z"][..]),
        ] {
            for p in present {
                assert!(contains_line(list.as_bytes(), p.as_bytes()), "{p}");
            }
            for a in absent {
                assert!(!contains_line(list.as_bytes(), a.as_bytes()), "{a}");
            }
        }
        assert!(!contains_line(b"", b"a"));
    }
}
