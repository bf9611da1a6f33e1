//! Step 3 of SPEC §2: the syntax of the trimmed address, IDNA, and the domain
//! rules. Sub-check order is documented on the parent module.

use std::borrow::Cow;

use icu_properties::props::GeneralCategory;
use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use crate::unicode::{general_category, is_default_ignorable, is_letter_or_mark, nfc};
use crate::{Error, ErrorCode};

/// Longest address, in bytes, in either form (RFC 5321 path limit less `<>`).
pub(crate) const MAX_ADDRESS: usize = 254;
/// Longest local part in bytes (RFC 5321).
const MAX_LOCAL: usize = 64;
/// Longest domain in ASCII form (RFC 1035, without the root dot).
const MAX_DOMAIN: usize = 253;
/// Longest label in ASCII form (RFC 1035).
const MAX_LABEL: usize = 63;

/// Whether a TLD is special-use (the email rules; RFC 6761, RFC 6762, RFC 7686,
/// RFC 9476 and ICANN's reservation of `internal`).
fn is_special_use(tld: &str) -> bool {
    matches!(
        tld,
        "alt"
            | "arpa"
            | "example"
            | "internal"
            | "invalid"
            | "local"
            | "localhost"
            | "onion"
            | "test"
    )
}

pub(crate) fn invalid(detail: &'static str, message: impl Into<Cow<'static, str>>) -> Error {
    Error::new(ErrorCode::EmailInvalid, message).with_detail(detail)
}

pub(crate) fn too_long() -> Error {
    invalid("too_long", "email address is too long")
}

/// An address that passed step 3, in its normalized parts.
#[derive(Debug)]
pub(crate) struct Parts<'a> {
    /// The local part in NFC, case kept.
    pub(crate) local: Cow<'a, str>,
    /// The domain in lowercase ASCII (A-label) form.
    pub(crate) ascii: Cow<'a, str>,
    /// The domain in lowercase Unicode form; equal to `ascii` unless it has an A-label.
    pub(crate) unicode: Cow<'a, str>,
}

/// Checks a trimmed, non-empty address (step 3). Every length is measured on
/// the normalized forms (NFC local part, ASCII and Unicode domain), never on
/// the input: `e` + U+0301 or a full-width domain may be longer than what they
/// normalize to. The caller's 1024-byte input cap bounds the work.
pub(crate) fn check(address: &str) -> Result<Parts<'_>, Error> {
    match plain_ascii(address) {
        Some(parts) => Ok(parts),
        None => check_general(address),
    }
}

/// [`check`] without its fast path: every sub-check in the documented order.
fn check_general(address: &str) -> Result<Parts<'_>, Error> {
    if address.contains(['<', '>']) {
        return Err(invalid(
            "display_name",
            "email address must not include a display name",
        ));
    }
    if address.starts_with('"') {
        return Err(invalid(
            "quoted_local",
            "email address must not have a quoted local part",
        ));
    }
    check_unsafe(address)?;
    // A leading combining mark would fuse onto whatever is displayed before the
    // address (a quote, a label), so the address would not look like itself.
    if let Some(c) = address.chars().next().filter(|&c| is_mark(c)) {
        return Err(unsafe_character(c));
    }
    let mut pieces = address.split('@');
    let (Some(local), Some(domain)) = (pieces.next(), pieces.next()) else {
        return Err(invalid("missing_at", "email address has no @"));
    };
    if pieces.next().is_some() {
        return Err(invalid("multiple_at", "email address has more than one @"));
    }
    let local = check_local(local)?;
    let (ascii, unicode) = check_domain(domain)?;
    if local.len() + 1 + ascii.len() > MAX_ADDRESS || local.len() + 1 + unicode.len() > MAX_ADDRESS
    {
        return Err(too_long());
    }
    Ok(Parts {
        local,
        ascii,
        unicode,
    })
}

/// Whether `c` is a character no address may hold: controls, format and bidi
/// controls, private use, surrogates, unassigned code points, every
/// Default_Ignorable_Code_Point, non-ASCII spaces and separators, and U+FFFD.
/// The fast path of [`check`] for the commonest address: ASCII, one `@`, an atext
/// local part with well-placed dots, and a lowercase LDH domain without A-labels,
/// with letter-only TLD and no special use. Such an address passes every sub-check
/// and is its own normalized form (NFC and UTS 46 leave it unchanged), so the parts
/// are borrowed; for anything else, `None` sends it down the general path, which
/// alone words errors. The unit tests compare the two paths.
pub(crate) fn plain_ascii(address: &str) -> Option<Parts<'_>> {
    if address.len() > MAX_ADDRESS {
        return None;
    }
    let (local, domain) = address.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= MAX_LOCAL
        && !local.starts_with(['.', '"'])
        && !local.ends_with('.')
        && local.bytes().all(is_local_ascii)
        && !local.contains("..");
    if !local_ok || domain.len() > MAX_DOMAIN {
        return None;
    }
    let mut labels = 0usize;
    let mut tld = "";
    for label in domain.split('.') {
        let bytes = label.as_bytes();
        let label_ok = !bytes.is_empty()
            && bytes.len() <= MAX_LABEL
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-')
            // `??--` (an A-label, or reserved) takes the general path.
            && bytes.get(2..4) != Some(b"--")
            && bytes
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !label_ok {
            return None;
        }
        labels += 1;
        tld = label;
    }
    let tld_ok = labels >= 2
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && !is_special_use(tld);
    tld_ok.then_some(Parts {
        local: Cow::Borrowed(local),
        ascii: Cow::Borrowed(domain),
        unicode: Cow::Borrowed(domain),
    })
}

pub(crate) fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c == '\u{FFFD}'
        || is_default_ignorable(c)
        || matches!(
            general_category(c),
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::PrivateUse
                | GeneralCategory::Surrogate
                | GeneralCategory::Unassigned
                | GeneralCategory::SpaceSeparator
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
}

pub(crate) fn check_unsafe(s: &str) -> Result<(), Error> {
    let unsafe_char = if s.is_ascii() {
        s.bytes().find(u8::is_ascii_control).map(char::from)
    } else {
        s.chars().find(|&c| is_unsafe(c))
    };
    match unsafe_char {
        Some(c) => Err(unsafe_character(c)),
        None => Ok(()),
    }
}

fn unsafe_character(c: char) -> Error {
    invalid(
        "unsafe_character",
        format!(
            "email address has an unsafe character u+{:04x}",
            u32::from(c)
        ),
    )
}

/// General_Category M* (Mn, Mc, Me).
fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            general_category(c),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
        )
}

/// RFC 5322 `atext` for ASCII, plus `.` (dots are placed by [`check_local`]).
fn is_local_ascii(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&b)
}

/// Local-part checks, on the NFC form that the normalized value keeps (NFC can
/// turn a non-ASCII character into ASCII: U+037E becomes `;`).
fn check_local(local: &str) -> Result<Cow<'_, str>, Error> {
    if local.is_empty() {
        return Err(invalid(
            "local_empty",
            "email address has nothing before the @",
        ));
    }
    let local = nfc(local);
    if local.len() > MAX_LOCAL {
        return Err(invalid(
            "local_too_long",
            "email address local part is longer than 64 bytes",
        ));
    }
    if let Some(b) = local.bytes().find(|&b| b.is_ascii() && !is_local_ascii(b)) {
        return Err(invalid(
            "local_invalid_char",
            format!(
                "email address local part has an invalid character '{}'",
                char::from(b)
            ),
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(invalid(
            "local_invalid_dot",
            "email address local part has a leading, trailing or doubled dot",
        ));
    }
    Ok(local)
}

fn is_ldh_or_dot(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

fn invalid_domain_char(b: u8) -> Error {
    invalid(
        "domain_invalid_char",
        format!("email domain has an invalid character '{}'", char::from(b)),
    )
}

fn invalid_idna() -> Error {
    invalid(
        "domain_invalid_idna",
        "email domain is not a valid internationalized domain name",
    )
}

/// Whether any label starts with `xn--` in any case.
fn has_a_label(domain: &str) -> bool {
    let bytes = domain.as_bytes();
    let starts_a_label = |at: usize| {
        bytes
            .get(at..at + 4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
    };
    starts_a_label(0)
        || bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'.' && starts_a_label(i + 1))
}

/// Domain checks: returns the lowercase ASCII (A-label) and Unicode forms.
///
/// Order: empty, literal, raw ASCII characters, UTS 46 (mapping and A-label
/// validation, round trip), ASCII characters after mapping, unsafe characters in
/// the Unicode form, labels, length, dot, TLD, special use.
pub(crate) fn check_domain(domain: &str) -> Result<(Cow<'_, str>, Cow<'_, str>), Error> {
    if domain.is_empty() {
        return Err(invalid(
            "domain_empty",
            "email address has nothing after the @",
        ));
    }
    if domain.starts_with('[') {
        return Err(invalid(
            "domain_literal",
            "email address must not use an address literal as its domain",
        ));
    }
    if let Some(b) = domain.bytes().find(|&b| b.is_ascii() && !is_ldh_or_dot(b)) {
        return Err(invalid_domain_char(b));
    }
    let (ascii, unicode) = to_ascii_and_unicode(domain)?;
    // Both checks are no-ops when the domain was LDH ASCII without an A-label
    // (the fast path): the same text came out, in both forms.
    if ascii != unicode || !ascii.eq_ignore_ascii_case(domain) {
        // UTS 46 mapping can yield ASCII that is not LDH (U+FF3F maps to `_`).
        if let Some(b) = ascii.bytes().find(|&b| !is_ldh_or_dot(b)) {
            return Err(invalid_domain_char(b));
        }
        // An A-label may decode to a character that is valid in IDNA but unsafe
        // here (U+200C under ContextJ); the Unicode form must re-validate to itself.
        check_unsafe(&unicode)?;
    }
    check_labels(&ascii, &unicode)?;
    if ascii.len() > MAX_DOMAIN {
        return Err(invalid(
            "domain_too_long",
            "email domain is longer than 253 bytes",
        ));
    }
    let Some((_, tld)) = ascii.rsplit_once('.') else {
        return Err(invalid("domain_no_dot", "email domain has no dot"));
    };
    let letters_tld =
        (2..=MAX_LABEL).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase());
    // An internationalized TLD must still read as a word: `com©`, `♥` or an emoji
    // are valid in UTS 46 but no delegated TLD is made of symbols.
    let word_a_label = tld.starts_with("xn--")
        && unicode
            .rsplit('.')
            .next()
            .is_some_and(|u| u.chars().all(is_letter_or_mark));
    if !letters_tld && !word_a_label {
        return Err(invalid(
            "domain_invalid_tld",
            "email domain has an invalid top-level domain",
        ));
    }
    if is_special_use(tld) {
        return Err(invalid(
            "domain_special_use",
            "email domain is a special-use domain",
        ));
    }
    Ok((ascii, unicode))
}

/// UTS 46 ToASCII (non-transitional, no STD3 deny list because the ASCII rules
/// are checked here with their own detail, CheckHyphens off because hyphens are
/// checked by [`check_labels`] on both forms, VerifyDnsLength off because lengths and empty
/// labels have their own details) and ToUnicode, with an A-label round trip.
fn to_ascii_and_unicode(domain: &str) -> Result<(Cow<'_, str>, Cow<'_, str>), Error> {
    // Fast path: ASCII without an A-label maps to its lowercase form and nothing
    // else can fail in UTS 46 under these flags, so it equals the full processing.
    if domain.is_ascii() && !has_a_label(domain) {
        let ascii = if domain.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(domain.to_ascii_lowercase())
        } else {
            Cow::Borrowed(domain)
        };
        return Ok((ascii.clone(), ascii));
    }
    let uts46 = Uts46::new();
    let ascii = uts46
        .to_ascii(
            domain.as_bytes(),
            AsciiDenyList::EMPTY,
            Hyphens::Allow,
            DnsLength::Ignore,
        )
        .map_err(|_| invalid_idna())?;
    if !has_a_label(&ascii) {
        return Ok((ascii.clone(), ascii));
    }
    let (unicode, result) =
        uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::EMPTY, Hyphens::Allow);
    if result.is_err() {
        return Err(invalid_idna());
    }
    let again = uts46
        .to_ascii(
            unicode.as_bytes(),
            AsciiDenyList::EMPTY,
            Hyphens::Allow,
            DnsLength::Ignore,
        )
        .map_err(|_| invalid_idna())?;
    if again != ascii {
        return Err(invalid_idna());
    }
    let unicode = unicode.into_owned();
    Ok((Cow::Owned(ascii.into_owned()), Cow::Owned(unicode)))
}

/// Label rules on the ASCII form: no empty label, no hyphen at an edge, no `--`
/// in positions 3–4 unless an `xn--` A-label (already validated by UTS 46), at
/// most 63 bytes; and no hyphen at an edge of a label's Unicode form either
/// (`-bücher` hides behind the A-label `xn---bcher-kva`, whose edges are letters).
fn check_labels(ascii: &str, unicode: &str) -> Result<(), Error> {
    let label_ok = |label: &[u8]| {
        !label.is_empty()
            && label.len() <= MAX_LABEL
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && (label.get(2..4) != Some(b"--") || label.starts_with(b"xn--"))
    };
    let unicode_ok = |label: &str| !label.starts_with('-') && !label.ends_with('-');
    if !ascii.as_bytes().split(|&b| b == b'.').all(label_ok)
        || (unicode != ascii && !unicode.split('.').all(unicode_ok))
    {
        return Err(invalid(
            "domain_invalid_label",
            "email domain has an empty or invalid label",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path against the general one on about 300,000 generated addresses
    /// (mutations of common ones over an alphabet of every character class the rules
    /// distinguish): whenever it answers, the general path gives the same parts.
    #[test]
    fn fast_path_agrees_with_the_general_path() {
        const SEEDS: [&str; 8] = [
            "jane.doe@gmail.com",
            "o'connor-smith_99@mail.example.co.uk",
            "a@b.cd",
            "x@xn--bcher-kva.de",
            "user@sub-domain.a1.example.museum",
            "first.last@ab--cd.com",
            "q@foo.test",
            "z@123.456.org",
        ];
        const ALPHABET: &[u8] = b"aZ09.-_+@@..--'\"<>[]! \t\x01~xn";
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut fast, mut total) = (0usize, 0usize);
        for round in 0..300_000usize {
            let mut bytes = SEEDS[round % SEEDS.len()].as_bytes().to_vec();
            for _ in 0..(next() % 3) {
                let at = (next() as usize) % (bytes.len() + 1);
                let b = ALPHABET[(next() as usize) % ALPHABET.len()];
                match next() % 3 {
                    0 if at < bytes.len() => bytes[at] = b,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, b),
                }
            }
            if round % 97 == 0 {
                bytes = bytes.repeat(1 + (next() % 20) as usize);
            }
            let Ok(address) = String::from_utf8(bytes) else {
                continue;
            };
            total += 1;
            if let Some(parts) = plain_ascii(&address) {
                fast += 1;
                let general = check_general(&address).expect("the general path accepts it");
                assert_eq!(
                    (&parts.local, &parts.ascii, &parts.unicode),
                    (&general.local, &general.ascii, &general.unicode),
                    "{address:?}"
                );
            }
        }
        // Both paths must really be exercised.
        assert!(fast > total / 10 && fast < total, "{fast} of {total}");
    }

    #[test]
    fn fast_path_takes_the_common_addresses() {
        for address in ["jane.doe@gmail.com", "a@example.co.uk", "x_y@123.org"] {
            assert!(plain_ascii(address).is_some(), "{address}");
        }
        for address in [
            "Jane@GMAIL.com",
            "a@xn--bcher-kva.de",
            "a@b.test",
            "a@localhost",
        ] {
            assert!(plain_ascii(address).is_none(), "{address}");
        }
    }
}
