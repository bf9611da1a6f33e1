//! Unicode facts shared by the email and text rules, all from ICU4X's compiled data
//! (the same Unicode version `idna` uses), so every field agrees on what a letter,
//! a format character or an unassigned code point is.

use std::borrow::Cow;
use std::fmt;

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory, GeneralCategoryGroup};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The General_Category of `c`.
pub(crate) fn general_category(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// Whether `c` has the Default_Ignorable_Code_Point property.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// `s` in Normalization Form C; borrowed when it already is.
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    ComposingNormalizerBorrowed::new_nfc().normalize(s)
}

/// `s` in Normalization Form KC; borrowed when it already is.
pub(crate) fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    ComposingNormalizerBorrowed::new_nfkc().normalize(s)
}

/// Trims leading and trailing whitespace, ASCII and Unicode (`White_Space`).
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

/// Whether `c` is a letter (General_Category L*: Lu, Ll, Lt, Lm, Lo).
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    GeneralCategoryGroup::Letter.contains(general_category(c))
}

/// Whether `c` is a letter (L*) or a mark (M*: Mn, Mc, Me).
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let gc = general_category(c);
    GeneralCategoryGroup::Letter.contains(gc) || GeneralCategoryGroup::Mark.contains(gc)
}

/// The bidirectional formatting controls that can reorder how text displays:
/// the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 and the
/// implicit marks U+200E, U+200F and U+061C.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Shows a character as `U+XXXX` (at least four upper-case hex digits), for error
/// messages that must name one character without echoing the input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodePoint(pub(crate) char);

impl fmt::Display for CodePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "U+{:04X}", u32::from(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts() {
        assert_eq!(general_category('a'), GeneralCategory::LowercaseLetter);
        assert_eq!(general_category('\u{E000}'), GeneralCategory::PrivateUse);
        assert_eq!(general_category('\u{0378}'), GeneralCategory::Unassigned);
        assert!(is_default_ignorable('\u{034F}'));
        assert!(is_default_ignorable('\u{3164}'));
        assert!(!is_default_ignorable('a'));
        assert_eq!(nfc("e\u{301}"), "\u{e9}");
        assert_eq!(nfkc("\u{FF0B}"), "+");
        assert_eq!(trim("\u{3000} a \u{a0}"), "a");
    }

    #[test]
    fn letters_marks_and_bidi() {
        assert!(is_letter('a') && is_letter('é') && is_letter('क') && is_letter('ع'));
        assert!(!is_letter('1') && !is_letter('\u{301}') && !is_letter('😀'));
        assert!(is_letter_or_mark('\u{301}') && is_letter_or_mark('\u{94D}'));
        assert!(!is_letter_or_mark(' ') && !is_letter_or_mark('-'));
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert!(is_bidi_control(c));
        }
        assert!(!is_bidi_control('\u{200D}') && !is_bidi_control('\u{2065}'));
        assert_eq!(CodePoint('\u{7}').to_string(), "U+0007");
        assert_eq!(CodePoint('\u{E0001}').to_string(), "U+E0001");
    }
}
