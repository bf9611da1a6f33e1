//! The straightforward matcher, kept for the tests only: libphonenumber's procedure
//! with one anchored `regex` (`^(?:…)$`) per pattern, tried type by type, exactly as
//! the library classified numbers before the automata of [`super::automata`] and the
//! `+1` table of [`super::nanp`]. The differential tests compare both with it.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use super::classify::{length_error_of, Classified, Desc, Territory};
use super::metadata::{CALLING_CODES, CALLING_CODE_COUNT};
use super::LineType;
use crate::{Error, ErrorCode};

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
const MAX_E164_DIGITS: usize = 15;

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
        let index = super::classify::calling_code_index(code)?;
        Some((index, code, digits.get(len..)?))
    })
}

fn invalid(detail: &'static str, message: &'static str) -> Error {
    Error::new(ErrorCode::PhoneInvalid, message).with_detail(detail)
}

/// Classifies E.164 `digits` (ASCII digits, no `+`).
pub(crate) fn classify(digits: &str) -> Result<Classified, Error> {
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
    Err(length_error_of(index, nsn.len()))
}

/// The automata (and the `+1` table) against this matcher on numbers of every calling
/// code: each line of `tests/vectors/phone_differential.tsv` (libphonenumber's examples and
/// their neighbours, every territory) with its last digits rewritten, one digit dropped
/// and one added, so that valid, invalid and wrong-length numbers of every country are
/// compared. About 400,000 numbers in release builds; every tenth line in debug builds,
/// where the regex engines are slow (`cargo test --release --lib phone` runs them all).
#[cfg(test)]
mod tests {
    const VECTORS: &str = include_str!("../../tests/vectors/phone_differential.tsv");

    #[test]
    fn automata_agree_with_the_regex_matcher() {
        let stride = if cfg!(debug_assertions) { 10 } else { 1 };
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut compared = 0usize;
        let digits_of = VECTORS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| line.split('\t').find(|f| !f.starts_with('+')))
            .step_by(stride);
        for digits in digits_of {
            let mut inputs = vec![digits.to_owned()];
            let keep = digits
                .len()
                .saturating_sub((next() % 6 + 1) as usize)
                .max(1);
            let mut rewritten = digits[..keep].to_owned();
            while rewritten.len() < digits.len() {
                rewritten.push(char::from(b'0' + (next() % 10) as u8));
            }
            inputs.push(rewritten);
            inputs.push(digits[..digits.len() - 1].to_owned());
            inputs.push(format!("{digits}{}", next() % 10));
            for input in inputs {
                assert_eq!(
                    super::super::classify::classify(&input),
                    super::classify(&input),
                    "+{input}"
                );
                compared += 1;
            }
        }
        assert!(compared > 100_000 / stride, "{compared}");
    }
}
