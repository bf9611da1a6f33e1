//! SPEC §3 steps 1–4, written by hand: the character limit, invisible characters,
//! digits of any script, the single leading `+`, separators, the `(0)` trunk prefix
//! after a calling code whose national prefix is 0, and the candidate E.164 (the `+1`
//! rules).

use icu_properties::props::GeneralCategory;

use super::classify;
use crate::unicode::{general_category, trim};
use crate::{Error, ErrorCode};

/// step 1 of the phone rules: inputs longer than this many characters are rejected unread.
pub(super) const MAX_INPUT_CHARS: usize = 64;

/// The digits of a candidate, on the stack: at most one per input character (step 1
/// bounds those), plus the `1` that step 4 may prepend. No allocation on the way to a
/// valid number but the E.164 string it ends in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Digits {
    bytes: [u8; MAX_INPUT_CHARS + 1],
    len: usize,
}

impl Digits {
    const fn new() -> Digits {
        Digits {
            bytes: [0; MAX_INPUT_CHARS + 1],
            len: 0,
        }
    }

    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b'0' + digit;
            self.len += 1;
        }
    }

    /// The ASCII digits.
    pub(super) fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// What steps 1–4 make of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scanned {
    /// A candidate E.164 number: its ASCII digits (no `+`), and whether the input had
    /// no `+` so that the `+1` rules of step 4 supplied the calling code.
    Candidate {
        digits: Digits,
        us_prefix_added: bool,
    },
    /// No `+` and a digit count the `+1` rules do not cover (step 4): the digits, so
    /// that the caller can suggest the `+` form.
    WrongNanpLength { digits: Digits },
}

/// Characters dropped anywhere before any other work (step 2 of the phone rules).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Separators dropped by step 3: whitespace, `-`, U+2010–U+2015, U+2212, `.`, `/`
/// and their full-width forms. Parentheses are separators too, but they are kept
/// (as `(`/`)`) until the `(0)` trunk prefix has been looked for.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'
                ..='\u{2015}' | '\u{2212}' | '.' | '/' | '\u{FF0D}' | '\u{FF0E}' | '\u{FF0F}'
        )
}

/// The value of a decimal digit of any script (General_Category `Nd`).
///
/// `char::to_digit` knows only ASCII, and ICU4X offers General_Category but not
/// Numeric_Value. Unicode guarantees that `Nd` characters come in contiguous runs of
/// ten, ordered 0 to 9, and a maximal contiguous stretch of `Nd` code points is made of
/// whole runs (the mathematical digits U+1D7CE–U+1D7FF are five runs back to back). So
/// the value is the distance from the start of the stretch, modulo 10. The unit tests
/// check that every stretch in the bundled Unicode data is a multiple of ten long.
pub(super) fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    if c.is_ascii() || general_category(c) != GeneralCategory::DecimalNumber {
        return None;
    }
    let code = c as u32;
    let mut start = code;
    // The longest stretch is 50 code points; the bound only guards the loop.
    for _ in 0..100 {
        match start.checked_sub(1).and_then(char::from_u32) {
            Some(prev) if general_category(prev) == GeneralCategory::DecimalNumber => {
                start -= 1;
            }
            _ => break,
        }
    }
    u8::try_from((code - start) % 10).ok()
}

fn format_error(detail: &'static str, message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorCode::PhoneInvalidFormat, message).with_detail(detail)
}

/// One significant item of the input after step 3's mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Digit(u8),
    Open,
    Close,
}

/// Runs steps 1–4 of the phone rules on raw input.
pub(super) fn scan(input: &str) -> Result<Scanned, Error> {
    // Step 1: counted in characters, before anything else.
    if input.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(format_error(
            "too_long_input",
            "phone number is longer than 64 characters",
        ));
    }
    // Step 2: drop invisible characters, then trim.
    let visible: String;
    let cleaned = if input.chars().any(is_invisible) {
        visible = input.chars().filter(|&c| !is_invisible(c)).collect();
        trim(&visible)
    } else {
        trim(input)
    };
    if cleaned.is_empty() {
        return Err(format_error("empty", "phone number is empty"));
    }

    // Step 3: the significant items on the stack (at most one per character).
    let mut has_plus = false;
    let mut items = [Item::Open; MAX_INPUT_CHARS];
    let mut count = 0usize;
    for (index, c) in cleaned.chars().enumerate() {
        let item = if let Some(d) = digit_value(c) {
            Item::Digit(d)
        } else if c == '+' || c == '\u{FF0B}' {
            if index != 0 {
                return Err(format_error(
                    "misplaced_plus",
                    "phone number has a '+' that is not its first character",
                ));
            }
            has_plus = true;
            continue;
        } else if c == '(' || c == '\u{FF08}' {
            Item::Open
        } else if c == ')' || c == '\u{FF09}' {
            Item::Close
        } else if is_separator(c) {
            continue;
        } else {
            return Err(format_error(
                "invalid_character",
                format!(
                    "phone number has an invalid character '{}'",
                    c.escape_debug()
                ),
            ));
        };
        if let Some(slot) = items.get_mut(count) {
            *slot = item;
            count += 1;
        }
    }
    let items = items.get(..count).unwrap_or_default();
    let dropped = if has_plus { trunk_zero(items) } else { None };
    // Step 4 without a `+`: ten digits get the `1` in front.
    let digit_count = items
        .iter()
        .filter(|item| matches!(item, Item::Digit(_)))
        .count();
    let mut digits = Digits::new();
    if !has_plus && digit_count == 10 {
        digits.push(1);
    }
    for (index, item) in items.iter().enumerate() {
        if let Item::Digit(d) = *item {
            if Some(index) != dropped {
                digits.push(d);
            }
        }
    }
    if digits.len == 0 {
        return Err(format_error("no_digits", "phone number has no digits"));
    }

    // Step 4.
    if has_plus {
        return Ok(Scanned::Candidate {
            digits,
            us_prefix_added: false,
        });
    }
    match digit_count {
        0..=9 => Err(Error::new(
            ErrorCode::PhoneMissingCountryCode,
            "phone number has fewer than 10 digits and no country code",
        )),
        10 => Ok(Scanned::Candidate {
            digits,
            us_prefix_added: true,
        }),
        11 if digits.as_str().starts_with('1') => Ok(Scanned::Candidate {
            digits,
            us_prefix_added: true,
        }),
        _ => Ok(Scanned::WrongNanpLength { digits }),
    }
}

/// Drops a `(0)` trunk prefix that comes right after the calling code (`+44 (0)20 …`),
/// when that calling code's national prefix is `0`. Elsewhere the 0 is a digit of the
/// number (`+39 (0)6 …`: Italian numbers start with their 0, and Italy has no trunk
/// prefix), and dropping it would give another number.
///
/// The calling code is the first one, two or three digits that form an assigned
/// calling code (they are prefix-free); when the digits start with none, there is no
/// calling code to look after.
///
/// Returns the index of the `0` item to drop, if any.
fn trunk_zero(items: &[Item]) -> Option<usize> {
    let mut leading = [0u8; 3];
    let mut seen = 0usize;
    let mut after = None;
    for (index, item) in items.iter().enumerate() {
        if let Item::Digit(d) = *item {
            if let Some(slot) = leading.get_mut(seen) {
                *slot = d;
            }
            seen += 1;
            let code = leading
                .iter()
                .take(seen.min(3))
                .fold(0u16, |acc, &d| acc * 10 + u16::from(d));
            if seen <= 3 && classify::is_calling_code(code) {
                if classify::national_prefix(code) == Some("0") {
                    after = Some(index + 1);
                }
                break;
            }
            if seen >= 3 {
                break;
            }
        }
    }
    let start = after?;
    (items.get(start..start + 3) == Some(&[Item::Open, Item::Digit(0), Item::Close][..]))
        .then_some(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_several_scripts() {
        let cases = [
            ('7', 7),
            ('\u{FF12}', 2),  // full-width
            ('\u{0662}', 2),  // Arabic-Indic
            ('\u{06F2}', 2),  // Extended Arabic-Indic
            ('\u{0968}', 2),  // Devanagari
            ('\u{09EF}', 9),  // Bengali
            ('\u{0E52}', 2),  // Thai
            ('\u{1040}', 0),  // Myanmar
            ('\u{1D7D0}', 2), // mathematical bold, first run of a 50-long stretch
            ('\u{1D7F8}', 2), // mathematical monospace, last run of it
            ('\u{1D7FF}', 9),
        ];
        for (c, value) in cases {
            assert_eq!(digit_value(c), Some(value), "{c:?}");
        }
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('\u{00B2}'), None); // superscript two is No, not Nd
        assert_eq!(digit_value('\u{2162}'), None); // Roman numeral three is Nl
    }

    #[test]
    fn every_decimal_stretch_is_whole_runs_of_ten() {
        let mut run = 0u32;
        for code in 0..=0x10FFFFu32 {
            let is_nd = char::from_u32(code)
                .is_some_and(|c| general_category(c) == GeneralCategory::DecimalNumber);
            if is_nd {
                run += 1;
            } else {
                assert_eq!(run % 10, 0, "stretch ending before U+{code:04X}");
                assert!(run <= 100, "stretch ending before U+{code:04X}");
                run = 0;
            }
        }
    }

    #[test]
    fn trunk_zero_only_right_after_the_calling_code() {
        let digits = |s: &str| match scan(s) {
            Ok(Scanned::Candidate { digits, .. }) => digits.as_str().to_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(digits("+44 (0)20 7946 0958"), "442079460958");
        assert_eq!(digits("+44(0)2079460958"), "442079460958");
        assert_eq!(digits("+49 (0) 30 1234567"), "49301234567");
        assert_eq!(digits("+33 (0)6 12 34 56 78"), "33612345678");
        // The national prefix is not 0 (NANP: 1, Russia: 8, Hungary: 06) or there is
        // none (Italy, Gabon): the 0 is a digit.
        assert_eq!(digits("+1 (0)212"), "10212");
        assert_eq!(digits("+7 (0)912"), "70912");
        assert_eq!(digits("+36 (0)20"), "36020");
        assert_eq!(digits("+39 (0)312 345 6789"), "3903123456789");
        assert_eq!(digits("+241 (0)6031234"), "24106031234");
        assert_eq!(digits("+44 20 (0)7946"), "442007946");
        assert_eq!(digits("+4 (0)4"), "404");
    }
}
