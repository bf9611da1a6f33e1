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
//! Patterns are compiled anchored (`^(?:…)$`) on first use: a calling code's leading
//! digits into one `OnceLock` per calling code, a territory's types into one per
//! territory. After that, classifying takes no lock of its own.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use super::metadata::{CALLING_CODES, CALLING_CODE_COUNT};
use super::LineType;
use crate::{Error, ErrorCode};

/// A pattern and its possible lengths (empty: the general lengths apply).
#[derive(Debug)]
pub(super) struct Desc {
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

struct CompiledDesc {
    regex: Regex,
    lengths: &'static [u8],
}

impl CompiledDesc {
    fn new(desc: &'static Desc) -> Option<CompiledDesc> {
        Some(CompiledDesc {
            regex: anchored(desc.pattern, true)?,
            lengths: desc.lengths,
        })
    }

    /// libphonenumber's `isNumberMatchingDesc`: a possible length and a whole match.
    fn matches(&self, nsn: &str) -> bool {
        (self.lengths.is_empty() || self.lengths.iter().any(|&l| usize::from(l) == nsn.len()))
            && self.regex.is_match(nsn)
    }
}

/// A territory: its leading digits compiled with its calling code, its types on the
/// first number that needs them (a valid `+1` number usually needs only `US`).
struct CompiledTerritory {
    meta: &'static Territory,
    leading_digits: Option<Regex>,
    types: OnceLock<Option<TerritoryTypes>>,
}

struct TerritoryTypes {
    general: CompiledDesc,
    types: [Option<CompiledDesc>; 10],
}

impl TerritoryTypes {
    fn new(meta: &'static Territory) -> Option<TerritoryTypes> {
        let mut types: [Option<CompiledDesc>; 10] = Default::default();
        for (slot, desc) in types.iter_mut().zip(&meta.types) {
            if let Some(desc) = desc {
                *slot = Some(CompiledDesc::new(desc)?);
            }
        }
        Some(TerritoryTypes {
            general: CompiledDesc::new(&meta.general)?,
            types,
        })
    }

    fn type_matches(&self, index: usize, nsn: &str) -> bool {
        self.types
            .get(index)
            .and_then(Option::as_ref)
            .is_some_and(|desc| desc.matches(nsn))
    }
}

impl CompiledTerritory {
    fn new(meta: &'static Territory) -> Option<CompiledTerritory> {
        let leading_digits = match meta.leading_digits {
            Some(pattern) => Some(anchored(pattern, false)?),
            None => None,
        };
        Some(CompiledTerritory {
            meta,
            leading_digits,
            types: OnceLock::new(),
        })
    }

    /// libphonenumber's `getNumberTypeHelper`; `None` is `UNKNOWN`.
    fn number_type(&self, nsn: &str) -> Option<LineType> {
        let types = self
            .types
            .get_or_init(|| TerritoryTypes::new(self.meta))
            .as_ref()?;
        if !types.general.matches(nsn) {
            return None;
        }
        for (index, line_type) in TYPE_ORDER.iter().enumerate() {
            if types.type_matches(index, nsn) {
                return Some(*line_type);
            }
        }
        let same = self.meta.same_mobile_and_fixed_line;
        if types.type_matches(FIXED_LINE, nsn) {
            if same || types.type_matches(MOBILE, nsn) {
                return Some(LineType::FixedLineOrMobile);
            }
            return Some(LineType::FixedLine);
        }
        if !same && types.type_matches(MOBILE, nsn) {
            return Some(LineType::Mobile);
        }
        None
    }
}

/// Compiles `^(?:pattern)$` (or `^(?:pattern)` for a prefix match). The input is
/// ASCII digits only, so `\d` may be ASCII, which keeps the automata small.
fn anchored(pattern: &str, whole: bool) -> Option<Regex> {
    let source = if whole {
        format!("^(?:{pattern})$")
    } else {
        format!("^(?:{pattern})")
    };
    RegexBuilder::new(&source).unicode(false).build().ok()
}

type Compiled = Option<Vec<CompiledTerritory>>;

static COMPILED: [OnceLock<Compiled>; CALLING_CODE_COUNT] =
    [const { OnceLock::new() }; CALLING_CODE_COUNT];

/// The position of `code` in [`CALLING_CODES`].
fn calling_code_index(code: u16) -> Option<usize> {
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

/// The compiled territories of the calling code at `index`, compiled on first use.
fn compiled(index: usize) -> Option<&'static [CompiledTerritory]> {
    let meta = CALLING_CODES.get(index)?;
    let slot = COMPILED.get(index)?;
    slot.get_or_init(|| {
        meta.territories
            .iter()
            .map(CompiledTerritory::new)
            .collect()
    })
    .as_deref()
}

/// Splits E.164 digits into the calling code's index and code, and the NSN.
fn split(digits: &str) -> Option<(usize, u16, &str)> {
    (1..=3).find_map(|len| {
        let head = digits.get(..len)?;
        let code: u16 = head.parse().ok()?;
        if head.starts_with('0') {
            return None;
        }
        let index = calling_code_index(code)?;
        Some((index, code, digits.get(len..)?))
    })
}

fn invalid(detail: &'static str, message: &'static str) -> Error {
    Error::new(ErrorCode::PhoneInvalid, message).with_detail(detail)
}

/// Classifies E.164 `digits` (ASCII digits, no `+`).
pub(super) fn classify(digits: &str) -> Result<Classified, Error> {
    if digits.len() > MAX_E164_DIGITS {
        return Err(invalid("too_long", "phone number has more than 15 digits"));
    }
    let Some((index, calling_code, nsn)) = split(digits) else {
        return Err(invalid(
            "invalid_country_code",
            "phone number has an unknown country calling code",
        ));
    };
    let territories = compiled(index).unwrap_or_default();
    let chosen = if let [only] = territories {
        Some(only)
    } else {
        territories.iter().find(|t| match &t.leading_digits {
            Some(leading) => leading.is_match(nsn),
            None => t.number_type(nsn).is_some(),
        })
    };
    if let Some(territory) = chosen {
        if let Some(line_type) = territory.number_type(nsn) {
            return Ok(Classified {
                calling_code,
                region: territory.meta.id,
                line_type,
            });
        }
    }
    Err(
        match CALLING_CODES
            .get(index)
            .and_then(|cc| cc.territories.first())
        {
            Some(main) => length_error(main, nsn.len()),
            None => invalid("invalid_number", "phone number is not a valid number"),
        },
    )
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
    fn every_pattern_compiles() {
        for (index, cc) in CALLING_CODES.iter().enumerate() {
            let territories = compiled(index).unwrap_or_default();
            assert_eq!(territories.len(), cc.territories.len(), "+{}", cc.code);
            for territory in territories {
                assert!(
                    TerritoryTypes::new(territory.meta).is_some(),
                    "{}",
                    territory.meta.id
                );
            }
        }
    }

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
