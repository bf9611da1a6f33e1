//! Free-text fields: names, street lines, city and the non-US state (SPEC §7).
//! The rules are documented on [`Text`].

use std::borrow::Cow;

use icu_properties::props::GeneralCategory;

use crate::unicode::{
    general_category, is_bidi_control, is_letter, is_letter_or_mark, nfc, CodePoint,
};
use crate::{string_newtype, Error, ErrorCode};

/// The longest text input looked at, in bytes (the text rules): longer is
/// `text_too_long` with detail `input_too_long` before any other check.
///
/// ```
/// use vivamo_validate::{Text, MAX_TEXT_INPUT};
/// let err = Text::parse(&"a".repeat(MAX_TEXT_INPUT + 1)).unwrap_err();
/// assert_eq!((err.code(), err.detail()), ("text_too_long", Some("input_too_long")));
/// ```
pub const MAX_TEXT_INPUT: usize = 4096;

/// Which text field a value is for: it sets the length limit, whether a letter is
/// required and the noun the error messages use.
///
/// ```
/// use vivamo_validate::TextField;
/// assert_eq!(TextField::Street2.max_chars(), 200);
/// assert!(TextField::City.requires_letter());
/// assert!(!TextField::State.requires_letter());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// `firstName`: at most 100 characters, a letter required.
    FirstName,
    /// `lastName`: at most 100 characters, a letter required.
    LastName,
    /// `street`: at most 200 characters.
    Street,
    /// `street2`: at most 200 characters.
    Street2,
    /// `city`: at most 100 characters, a letter required.
    City,
    /// `state` outside the US: at most 100 characters, no letter required.
    State,
}

/// What one field demands of its text.
struct Rules {
    noun: &'static str,
    max_chars: usize,
    requires_letter: bool,
}

/// The rules of [`Text::parse`]: street limits under the neutral noun "text".
const GENERAL: Rules = Rules {
    noun: "text",
    max_chars: 200,
    requires_letter: false,
};

impl TextField {
    /// Every field, in the order of the API's `data` object.
    pub const ALL: [TextField; 6] = [
        TextField::FirstName,
        TextField::LastName,
        TextField::Street,
        TextField::Street2,
        TextField::City,
        TextField::State,
    ];

    const fn rules(self) -> Rules {
        let (noun, max_chars, requires_letter) = match self {
            TextField::FirstName => ("first name", 100, true),
            TextField::LastName => ("last name", 100, true),
            TextField::Street => ("street", 200, false),
            TextField::Street2 => ("street line 2", 200, false),
            TextField::City => ("city", 100, true),
            TextField::State => ("state", 100, false),
        };
        Rules {
            noun,
            max_chars,
            requires_letter,
        }
    }

    /// The most characters (Unicode scalar values, counted after NFC) the field takes.
    ///
    /// ```
    /// use vivamo_validate::TextField;
    /// assert_eq!(TextField::FirstName.max_chars(), 100);
    /// ```
    pub const fn max_chars(self) -> usize {
        self.rules().max_chars
    }

    /// Whether the field must contain a letter (names and city).
    ///
    /// ```
    /// use vivamo_validate::TextField;
    /// assert!(TextField::LastName.requires_letter());
    /// assert!(!TextField::Street.requires_letter());
    /// ```
    pub const fn requires_letter(self) -> bool {
        self.rules().requires_letter
    }
}

/// Cleaned, NFC-normalized text, as the rules of the text rules leave it.
///
/// The rules run in the the API's documented order:
///
/// 0. Input over [`MAX_TEXT_INPUT`] (4,096) bytes → `text_too_long`
///    (`input_too_long`), before any other work, so no field costs more than a
///    few microseconds whatever it holds.
/// 1. TAB, CR and LF become spaces.
/// 2. Any other control character (General_Category Cc) → `text_invalid_characters`
///    (`control_character`).
/// 3. Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) →
///    `text_invalid_characters` (`bidi_control`).
/// 4. U+200B, U+2060, U+FEFF, U+00AD and U+180E are removed.
/// 5. U+200C (ZWNJ) and U+200D (ZWJ) are kept only when the character right before
///    and the character right after, in the text as it stands after step 4 (so a
///    removed U+200B does not separate them, and a neighbouring joiner counts as a
///    neighbour that is not a letter), are both letters (L*) or marks (M*); otherwise
///    they are removed.
/// 6. Any other format character (Cf), private-use (Co) or unassigned (Cn) character,
///    or U+FFFD → `text_invalid_characters` (`format_character`, `private_use`,
///    `unassigned`, `replacement_character`).
/// 7. White_Space characters (Zs, U+2028, U+2029; the Cc ones were handled by steps 1
///    and 2) become spaces; the text is trimmed and runs of spaces collapse to one.
/// 8. NFC. A joiner that no longer sits between letters or marks after composition
///    (`=` + U+0338 composes to the symbol `≠`) is removed and NFC re-applied, so the
///    result is stable: cleaning a cleaned value gives it back unchanged.
/// 9. Nothing left → `required`; more characters (Unicode scalar values) than the
///    field allows → `text_too_long`; names and city without a letter (L*) →
///    `text_no_letters`.
///
/// When a value has several problems, the first in this order is the one reported:
/// every control character outranks every bidi control, which outranks every other
/// invalid character; among equals the first in the text is named. (Surrogates,
/// the remaining category the rules names, cannot occur in a Rust `&str`.)
///
/// Messages name the field (`first name has a control character U+0007`,
/// `city must contain a letter`) and at most one character, by code point; they never
/// quote the input. Case, accents, apostrophes and hyphens are kept as given.
///
/// ```
/// use vivamo_validate::{Text, TextField};
/// let name = Text::parse_as("  Zoë\u{200B}  O'Brien-Smith ", TextField::FirstName).unwrap();
/// assert_eq!(name.as_str(), "Zoë O'Brien-Smith");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    /// Cleans general text: the street rules (at most 200 characters, no letter
    /// required), with messages that speak of "text".
    ///
    /// ```
    /// use vivamo_validate::Text;
    /// assert_eq!(Text::parse("1\u{3000}Main\tSt").unwrap().as_str(), "1 Main St");
    /// assert_eq!(Text::parse(" \u{200B} ").unwrap_err().code(), "required");
    /// ```
    pub fn parse(input: &str) -> Result<Text, Error> {
        clean(input, &GENERAL)
    }

    /// Cleans text for `field`; nothing left after cleaning is `required` (which the
    /// record layer treats as an absent optional field).
    ///
    /// ```
    /// use vivamo_validate::{Text, TextField};
    /// let err = Text::parse_as("12345", TextField::City).unwrap_err();
    /// assert_eq!(err.code(), "text_no_letters");
    /// assert_eq!(err.message(), "city must contain a letter");
    /// assert_eq!(Text::parse_as("12345", TextField::Street).unwrap().as_str(), "12345");
    /// ```
    pub fn parse_as(input: &str, field: TextField) -> Result<Text, Error> {
        clean(input, &field.rules())
    }

    /// The cleaned text.
    ///
    /// ```
    /// use vivamo_validate::Text;
    /// assert_eq!(Text::parse("Main  St").unwrap().as_str(), "Main St");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Text);

fn clean(input: &str, rules: &Rules) -> Result<Text, Error> {
    if input.len() > MAX_TEXT_INPUT {
        return Err(Error::new(
            ErrorCode::TextTooLong,
            format!("{} is longer than {MAX_TEXT_INPUT} bytes", rules.noun),
        )
        .with_detail("input_too_long"));
    }
    if let Some(result) = clean_simple_ascii(input, rules) {
        return result;
    }
    let Some(mut out) = build(input) else {
        // `build` stops at the first invalid character; the error names the one that
        // ranks first in SPEC order, which may come later in the text.
        return Err(match first_invalid(input) {
            Some(bad) => bad.into_error(rules.noun),
            None => Error::new(
                ErrorCode::TextInvalidCharacters,
                format!("{} has an invalid character", rules.noun),
            ),
        });
    };
    if !out.is_ascii() {
        if let Cow::Owned(composed) = nfc(&out) {
            out = settle_joiners(composed);
        }
    }
    let has_letter = rules.requires_letter && out.chars().any(is_letter);
    check_final(out.chars().count(), has_letter, rules)?;
    Ok(Text(out))
}

/// The common case, printable ASCII already trimmed with single spaces: nothing to
/// change, so the only allocation is the result. `None` sends the input down the
/// general path.
fn clean_simple_ascii(input: &str, rules: &Rules) -> Option<Result<Text, Error>> {
    let mut after_space = true; // a leading space is not simple
    let mut has_letter = false;
    for &b in input.as_bytes() {
        match b {
            b' ' if after_space => return None,
            b' ' => after_space = true,
            0x21..=0x7E => {
                after_space = false;
                has_letter |= b.is_ascii_alphabetic();
            }
            _ => return None,
        }
    }
    if after_space {
        return None; // empty, or a trailing space
    }
    Some(check_final(input.len(), has_letter, rules).map(|()| Text(input.to_owned())))
}

fn check_final(chars: usize, has_letter: bool, rules: &Rules) -> Result<(), Error> {
    if chars == 0 {
        return Err(Error::required(rules.noun));
    }
    if chars > rules.max_chars {
        return Err(Error::new(
            ErrorCode::TextTooLong,
            format!(
                "{} is longer than {} characters",
                rules.noun, rules.max_chars
            ),
        ));
    }
    if rules.requires_letter && !has_letter {
        return Err(Error::new(
            ErrorCode::TextNoLetters,
            format!("{} must contain a letter", rules.noun),
        ));
    }
    Ok(())
}

/// Removed outright by step 4.
fn is_stripped(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// A character that makes the text invalid, by the rules step that rejects it.
#[derive(Debug, Clone, Copy)]
enum Invalid {
    Control(char),
    Bidi(char),
    Format(char),
    PrivateUse(char),
    Unassigned(char),
    Replacement(char),
}

impl Invalid {
    /// Lower ranks are reported first (the order of steps 2, 3 and 6 of the text rules).
    fn rank(self) -> u8 {
        match self {
            Invalid::Control(_) => 0,
            Invalid::Bidi(_) => 1,
            _ => 2,
        }
    }

    fn into_error(self, noun: &str) -> Error {
        let (what, c, detail) = match self {
            Invalid::Control(c) => ("a control character", c, "control_character"),
            Invalid::Bidi(c) => ("a bidirectional control character", c, "bidi_control"),
            Invalid::Format(c) => ("an invisible format character", c, "format_character"),
            Invalid::PrivateUse(c) => ("a private-use character", c, "private_use"),
            Invalid::Unassigned(c) => ("an unassigned character", c, "unassigned"),
            Invalid::Replacement(c) => ("a replacement character", c, "replacement_character"),
        };
        Error::new(
            ErrorCode::TextInvalidCharacters,
            format!("{noun} has {what} {}", CodePoint(c)),
        )
        .with_detail(detail)
    }
}

/// Whether `c` is rejected by step 2, 3 or 6 (TAB, CR and LF are not).
fn classify(c: char) -> Option<Invalid> {
    match c {
        '\t' | '\r' | '\n' => None,
        c if c.is_control() => Some(Invalid::Control(c)),
        c if c.is_ascii() => None,
        c if is_bidi_control(c) => Some(Invalid::Bidi(c)),
        c if is_stripped(c) || is_joiner(c) => None,
        '\u{FFFD}' => Some(Invalid::Replacement(c)),
        c => match general_category(c) {
            GeneralCategory::Format => Some(Invalid::Format(c)),
            GeneralCategory::PrivateUse => Some(Invalid::PrivateUse(c)),
            GeneralCategory::Unassigned => Some(Invalid::Unassigned(c)),
            _ => None,
        },
    }
}

/// Steps 2, 3 and 6 over the whole text: the highest-ranked problem, first occurrence.
fn first_invalid(input: &str) -> Option<Invalid> {
    let mut found: Option<Invalid> = None;
    for bad in input.chars().filter_map(classify) {
        if bad.rank() == 0 {
            return Some(bad);
        }
        if found.is_none_or(|f| bad.rank() < f.rank()) {
            found = Some(bad);
        }
    }
    found
}

/// Steps 1, 4, 5 and 7 in one pass; `None` at the first character that steps 2, 3
/// or 6 reject.
fn build(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    let mut prev: Option<char> = None;
    let mut chars = input.chars().filter(|&c| !is_stripped(c)).peekable();
    while let Some(c) = chars.next() {
        let printable_ascii = matches!(c, ' '..='~');
        if !printable_ascii && classify(c).is_some() {
            return None;
        }
        let keep = if c.is_whitespace() {
            pending_space = true;
            false
        } else if is_joiner(c) {
            prev.is_some_and(is_letter_or_mark)
                && chars.peek().is_some_and(|&n| is_letter_or_mark(n))
        } else {
            true
        };
        if keep {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
        prev = Some(c);
    }
    Some(out)
}

/// After NFC, drops joiners whose neighbours composed into something that is not a
/// letter or mark, re-applying NFC until nothing changes. Each round removes at
/// least one joiner, so this ends.
fn settle_joiners(mut s: String) -> String {
    loop {
        if !s.contains(is_joiner) {
            return s;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut dropped = false;
        let mut kept = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            if is_joiner(c) {
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
                let after = chars.get(i + 1).copied();
                if !(before.is_some_and(is_letter_or_mark) && after.is_some_and(is_letter_or_mark))
                {
                    dropped = true;
                    continue;
                }
            }
            kept.push(c);
        }
        if !dropped {
            return s;
        }
        s = nfc(&kept).into_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiner_made_unjoined_by_composition_is_dropped() {
        // '=' + U+0338 composes to '≠' (Sm), so the ZWJ after it is no longer
        // between letters or marks.
        let t = Text::parse("=\u{338}\u{200D}a").unwrap();
        assert_eq!(t.as_str(), "\u{2260}a");
        assert_eq!(Text::parse(t.as_str()).unwrap(), t);
    }

    #[test]
    fn rank_order() {
        let e = Text::parse("\u{E000}\u{202E}\u{7}").unwrap_err();
        assert_eq!(e.detail(), Some("control_character"));
        let e = Text::parse("\u{E000}\u{202E}").unwrap_err();
        assert_eq!(e.detail(), Some("bidi_control"));
        let e = Text::parse("\u{378}\u{E000}").unwrap_err();
        assert_eq!(e.detail(), Some("unassigned"));
    }
}
