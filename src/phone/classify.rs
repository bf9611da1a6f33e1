//! SPEC §3 step 5: validity, region and line type of a candidate E.164 number, decided
//! the way libphonenumber decides them, from the generated [`super::metadata`] (its
//! release is [`crate::PHONE_METADATA_VERSION`]).
//!
//! The procedure follows libphonenumber's `PhoneNumberUtil`:
//! - the calling code is the first one, two or three digits that form an assigned code
//!   (the codes are prefix-free); the rest is the national significant number (NSN);
//! - region (`getRegionCodeForNumberFromRegionList`): one pass over the calling code's
//!   territories, main country first; a territory with leading digits is chosen when
//!   they match at the start of the NSN, one without them when the NSN has a type there;
//! - type (`getNumberTypeHelper`): the NSN must wholly match the general pattern with a
//!   possible length; then the first type that matches (pattern and lengths) among
//!   premium rate, toll free, shared cost, VoIP, personal number, pager, UAN,
//!   voicemail; then fixed line and mobile (`FIXED_LINE_OR_MOBILE` when both match or
//!   the two patterns are the same);
//! - an invalid number's reason comes from `isPossibleNumberWithReason` on the calling
//!   code's main territory.
//!
//! Each territory's patterns (general, every type, its leading digits) are one
//! automaton over the ten digits that reports every pattern matching the whole NSN,
//! generated with the metadata and embedded in the library ([`super::automata`]):
//! nothing is compiled at run time. One walk over the NSN's digits answers every
//! question libphonenumber asks of that territory: a few instructions a digit, no cache
//! and no lock, so threads share the automata freely. The straightforward matcher
//! (`regex`, anchored `^(?:…)$`) is kept in the tests as the reference the automata are
//! compared with, number for number.
//!
//! Ten-digit `+1` numbers do not even walk an automaton: [`super::nanp`] holds the
//! answer for each of the 10^6 area code and exchange prefixes, generated from these
//! same automata.

use super::automata;
use super::metadata::CALLING_CODES;
use super::LineType;
use crate::{Error, ErrorCode};

/// A pattern and its possible lengths (empty: the general lengths apply).
#[derive(Debug)]
pub(super) struct Desc {
    /// Read by the tests only: the generator of [`super::automata`] and the reference
    /// matcher compile it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) pattern: &'static str,
    pub(super) lengths: &'static [u8],
}

/// One libphonenumber territory (a region, or `001` for a non-geographic entity).
#[derive(Debug)]
pub(super) struct Territory {
    pub(super) id: &'static str,
    pub(super) leading_digits: Option<&'static str>,
    /// The national (trunk) prefix dialled before a national number (`0` in most of
    /// Europe, `1` in the NANP, `8` in Russia, `06` in Hungary; none in Italy).
    pub(super) national_prefix: Option<&'static str>,
    pub(super) same_mobile_and_fixed_line: bool,
    pub(super) general: Desc,
    pub(super) local_lengths: &'static [u8],
    /// In [`TYPE_ORDER`], then fixed line, then mobile.
    pub(super) types: [Option<Desc>; 10],
}

/// The territories of one calling code, main country first.
#[derive(Debug)]
pub(super) struct CallingCode {
    pub(super) code: u16,
    pub(super) territories: &'static [Territory],
}

/// The types libphonenumber tests before fixed line and mobile, in its order.
const TYPE_ORDER: [LineType; 8] = [
    LineType::PremiumRate,
    LineType::TollFree,
    LineType::SharedCost,
    LineType::Voip,
    LineType::PersonalNumber,
    LineType::Pager,
    LineType::Uan,
    LineType::Voicemail,
];
const FIXED_LINE: usize = 8;
const MOBILE: usize = 9;

/// E.164 allows at most 15 digits, calling code included.
const MAX_E164_DIGITS: usize = 15;

/// A valid number's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Classified {
    pub(super) calling_code: u16,
    pub(super) region: &'static str,
    pub(super) line_type: LineType,
}

/// Which of a territory's patterns wholly match an NSN, lengths not yet applied: bit
/// [`GENERAL_BIT`], bit `1 + i` for `types[i]`, bit [`LEADING_BIT`] for the leading
/// digits (matched as a prefix).
pub(super) type Matches = u16;
pub(super) const GENERAL_BIT: u32 = 0;
pub(super) const LEADING_BIT: u32 = 11;

fn bit(matches: Matches, index: u32) -> bool {
    matches & (1 << index) != 0
}

/// Whether `len` is one of `lengths` (empty: any length passes, the general lengths
/// having been checked already).
fn length_fits(lengths: &[u8], len: usize) -> bool {
    lengths.is_empty() || lengths.iter().any(|&l| usize::from(l) == len)
}

/// libphonenumber's `getNumberTypeHelper` on one territory, from the patterns that
/// match an NSN of `len` digits; `None` is `UNKNOWN`.
pub(super) fn number_type(meta: &Territory, matches: Matches, len: usize) -> Option<LineType> {
    // `isNumberMatchingDesc`: a possible length and a whole match.
    let fits = |index: usize| {
        meta.types
            .get(index)
            .and_then(Option::as_ref)
            .is_some_and(|desc| length_fits(desc.lengths, len) && bit(matches, 1 + index as u32))
    };
    if !(length_fits(meta.general.lengths, len) && bit(matches, GENERAL_BIT)) {
        return None;
    }
    if let Some(found) = (0..TYPE_ORDER.len()).find(|&index| fits(index)) {
        return TYPE_ORDER.get(found).copied();
    }
    let same = meta.same_mobile_and_fixed_line;
    if fits(FIXED_LINE) {
        if same || fits(MOBILE) {
            return Some(LineType::FixedLineOrMobile);
        }
        return Some(LineType::FixedLine);
    }
    if !same && fits(MOBILE) {
        return Some(LineType::Mobile);
    }
    None
}

/// The region choice of `getRegionCodeForNumberFromRegionList` and the type in the
/// chosen territory, for an NSN of `len` digits of the calling code at `index`;
/// `matches(i)` gives the patterns of territory `i` that match the NSN, and is asked
/// only for the territories the procedure looks at.
pub(super) fn decide(
    index: usize,
    len: usize,
    mut matches: impl FnMut(usize) -> Matches,
) -> Result<Classified, Error> {
    let Some(cc) = CALLING_CODES.get(index) else {
        return Err(invalid_country_code());
    };
    let chosen = if let [only] = cc.territories {
        Some((0, only))
    } else {
        cc.territories
            .iter()
            .enumerate()
            .find(|&(i, t)| match t.leading_digits {
                Some(_) => bit(matches(i), LEADING_BIT),
                None => number_type(t, matches(i), len).is_some(),
            })
    };
    if let Some((i, territory)) = chosen {
        if let Some(line_type) = number_type(territory, matches(i), len) {
            return Ok(Classified {
                calling_code: cc.code,
                region: territory.id,
                line_type,
            });
        }
    }
    Err(match cc.territories.first() {
        Some(main) => length_error(main, len),
        None => invalid("invalid_number", "phone number is not a valid number"),
    })
}

/// The position of `code` in [`CALLING_CODES`].
pub(super) fn calling_code_index(code: u16) -> Option<usize> {
    CALLING_CODES.binary_search_by_key(&code, |cc| cc.code).ok()
}

/// Whether `code` is an assigned calling code.
pub(super) fn is_calling_code(code: u16) -> bool {
    calling_code_index(code).is_some()
}

/// The national (trunk) prefix of the main territory of calling code `code`; every
/// territory of a calling code has the same one in the metadata, and libphonenumber
/// formats and parses national numbers with the main territory's.
pub(super) fn national_prefix(code: u16) -> Option<&'static str> {
    CALLING_CODES
        .get(calling_code_index(code)?)?
        .territories
        .first()?
        .national_prefix
}

/// The calling code and national prefix of the territory `region` (an ISO 3166-1
/// alpha-2 code), when the metadata has it.
pub(super) fn territory(region: &str) -> Option<(u16, Option<&'static str>)> {
    CALLING_CODES.iter().find_map(|cc| {
        cc.territories
            .iter()
            .find(|t| t.id == region)
            .map(|t| (cc.code, t.national_prefix))
    })
}

/// Splits E.164 digits into the calling code and the NSN.
pub(super) fn split_calling_code(digits: &str) -> Option<(u16, &str)> {
    split(digits).map(|(_, code, nsn)| (code, nsn))
}

/// Splits E.164 digits into the calling code's index and code, and the NSN.
fn split(digits: &str) -> Option<(usize, u16, &str)> {
    let bytes = digits.as_bytes();
    if bytes.first() == Some(&b'0') {
        return None;
    }
    let mut code = 0u16;
    for (len, &b) in bytes.iter().enumerate().take(3) {
        if !b.is_ascii_digit() {
            return None;
        }
        code = code * 10 + u16::from(b - b'0');
        if let Some(index) = calling_code_index(code) {
            return Some((index, code, digits.get(len + 1..)?));
        }
    }
    None
}

fn invalid(detail: &'static str, message: &'static str) -> Error {
    Error::new(ErrorCode::PhoneInvalid, message).with_detail(detail)
}

fn invalid_country_code() -> Error {
    invalid(
        "invalid_country_code",
        "phone number has an unknown country calling code",
    )
}

/// Classifies E.164 `digits` (ASCII digits, no `+`).
pub(super) fn classify(digits: &str) -> Result<Classified, Error> {
    if digits.len() > MAX_E164_DIGITS {
        return Err(invalid("too_long", "phone number has more than 15 digits"));
    }
    let Some((index, _, nsn)) = split(digits) else {
        return Err(invalid_country_code());
    };
    if index == super::nanp::NANP_INDEX {
        if let Some(known) = super::nanp::lookup(nsn) {
            return known.ok_or_else(|| length_error_of(index, nsn.len()));
        }
    }
    classify_nsn(index, nsn)
}

/// Classifies the NSN of the calling code at `index` by walking the territories'
/// automata.
pub(super) fn classify_nsn(index: usize, nsn: &str) -> Result<Classified, Error> {
    decide(index, nsn.len(), |territory| {
        automata::territory(index, territory).map_or(0, |a| a.matches(nsn.as_bytes()))
    })
}

/// The error for an invalid NSN of `len` digits of the calling code at `index`.
pub(super) fn length_error_of(index: usize, len: usize) -> Error {
    match CALLING_CODES
        .get(index)
        .and_then(|cc| cc.territories.first())
    {
        Some(main) => length_error(main, len),
        None => invalid("invalid_number", "phone number is not a valid number"),
    }
}

/// The error for an invalid NSN of `len` digits, from libphonenumber's
/// `isPossibleNumberWithReason` (its `testNumberLength` on the general lengths of the
/// calling code's main territory): `TOO_SHORT` and `IS_POSSIBLE_LOCAL_ONLY` (a local
/// number without its area code) → `too_short`, `TOO_LONG` → `too_long`, and
/// `INVALID_LENGTH` or a possible length whose digits match no type → `invalid_number`.
fn length_error(main: &Territory, len: usize) -> Error {
    let lengths = main.general.lengths;
    let too_short = invalid("too_short", "phone number is too short for its country");
    if main.local_lengths.iter().any(|&l| usize::from(l) == len) {
        return too_short;
    }
    match (lengths.first(), lengths.last()) {
        (Some(&min), _) if len < usize::from(min) => too_short,
        (_, Some(&max)) if len > usize::from(max) => {
            invalid("too_long", "phone number is too long for its country")
        }
        _ => invalid(
            "invalid_number",
            "phone number is not a valid number for its country",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_codes_are_sorted_and_prefix_free() {
        assert!(CALLING_CODES.windows(2).all(|w| w[0].code < w[1].code));
        for cc in CALLING_CODES {
            let mut prefix = cc.code / 10;
            while prefix > 0 {
                assert!(!is_calling_code(prefix), "+{} extends +{prefix}", cc.code);
                prefix /= 10;
            }
        }
    }

    #[test]
    fn national_prefixes() {
        assert_eq!(national_prefix(44), Some("0"));
        assert_eq!(national_prefix(49), Some("0"));
        assert_eq!(national_prefix(33), Some("0"));
        assert_eq!(national_prefix(1), Some("1"));
        assert_eq!(national_prefix(7), Some("8"));
        assert_eq!(national_prefix(36), Some("06"));
        // Italy dials the 0 as part of the number; Gabon's metadata has a prefix only
        // for parsing, not a national prefix.
        assert_eq!(national_prefix(39), None);
        assert_eq!(national_prefix(241), None);
        assert_eq!(national_prefix(800), None);
        assert_eq!(national_prefix(999), None);
        for cc in CALLING_CODES {
            let main = cc.territories.first().and_then(|t| t.national_prefix);
            for territory in cc.territories {
                assert_eq!(territory.national_prefix, main, "{}", territory.id);
            }
        }
    }

    #[test]
    fn spec_facts() {
        let line = |d: &str| classify(d).map(|c| (c.region, c.line_type));
        assert_eq!(line("12125550123"), Ok(("US", LineType::FixedLineOrMobile)));
        assert_eq!(line("18002738255"), Ok(("US", LineType::TollFree)));
        assert_eq!(line("442079460958"), Ok(("GB", LineType::FixedLine)));
        assert_eq!(line("447400123456"), Ok(("GB", LineType::Mobile)));
        assert_eq!(line("33912345678"), Ok(("FR", LineType::Voip)));
        assert_eq!(
            classify("15551234567")
                .map_err(|e| e.detail().map(str::to_owned))
                .map(|_| ()),
            Err(Some("invalid_number".to_owned()))
        );
    }
}
