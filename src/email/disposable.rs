//! The bundled disposable-domain list and allowlist, and the lookup that walks a
//! domain and its parents.
//!
//! Both files are compiled in with `include_str!`. The ~10,000-line list goes
//! into a hash set of borrowed lines the first time an address gets this far
//! (`LazyLock`, under half a millisecond; nothing is spent if email is never
//! checked). A binary search over the sorted lines needs less or no set-up but
//! measured about ten times slower per lookup (see `benches/email.rs`). The
//! allowlist gets the same treatment.

use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// `data/disposable_domains.txt`: sorted, unique, lowercase A-label domains after
/// a `#` header.
const DOMAINS: &str = include_str!("../../data/disposable_domains.txt");

/// `data/disposable_allowlist.txt`, in the same format.
const ALLOWLIST: &str = include_str!("../../data/disposable_allowlist.txt");

/// The domain lines of a bundled list (its `#` header skipped).
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().filter(|line| !line.starts_with('#'))
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
static BLOCKED: LazyLock<DomainSet> = LazyLock::new(|| set_of(DOMAINS));

/// The bundled allowlist as a set, built on first use (scanning its text, header
/// included, at every level of every walk cost more than the whole lookup).
static ALLOWED: LazyLock<DomainSet> = LazyLock::new(|| set_of(ALLOWLIST));

/// The entries of a bundled list as a set, sized up front (growing it step by
/// step nearly doubled the first call).
fn set_of(list: &'static str) -> DomainSet {
    let lines = list.bytes().filter(|&b| b == b'\n').count();
    let mut set = DomainSet::with_capacity_and_hasher(lines, BuildHasherDefault::default());
    set.extend(entries(list));
    set
}

/// Whether the exact domain (lowercase A-label form) is on the bundled list.
fn bundled_blocked(domain: &str) -> bool {
    BLOCKED.contains(domain)
}

/// Whether the exact domain (lowercase A-label form) is on the bundled allowlist.
fn bundled_allowed(domain: &str) -> bool {
    ALLOWED.contains(domain)
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
    fn every_line_is_found_and_neighbours_are_not() {
        let lines: Vec<&str> = entries(DOMAINS).collect();
        assert!(lines.len() > 10_000);
        assert_eq!(BLOCKED.len(), lines.len());
        for line in &lines {
            assert!(bundled_blocked(line), "{line}");
            assert!(!bundled_blocked(&format!("{line}x")), "{line}x");
            assert!(!bundled_blocked(&format!("x{line}")), "x{line}");
        }
        assert!(!bundled_blocked(""));
        assert!(!bundled_blocked("gmail.com"));
        assert!(!bundled_blocked(
            "# regenerate: python3 data/update_disposable.py"
        ));
        assert!(bundled_allowed("vivamo.co"));
        assert!(!bundled_allowed("vivamo.com"));
        assert!(!bundled_allowed(""));
    }

    #[test]
    fn the_walk_stops_at_two_labels_and_prefers_the_most_specific_entry() {
        let none = BTreeSet::new();
        assert!(is_disposable("a.b.mailinator.com", &none, &none));
        assert!(!is_disposable(
            "com",
            &none,
            &BTreeSet::from(["com".to_owned()])
        ));
        let allowed = BTreeSet::from(["mailinator.com".to_owned()]);
        let blocked = BTreeSet::from(["x.mailinator.com".to_owned()]);
        assert!(!is_disposable("a.mailinator.com", &allowed, &blocked));
        assert!(is_disposable("a.x.mailinator.com", &allowed, &blocked));
        assert!(!is_disposable("x.mailinator.com", &blocked, &blocked));
    }
}
