//! Unicode facts shared by the email and text rules, all from ICU4X's compiled data
//! (the same Unicode version `idna` uses), so every field agrees on what a letter,
//! a format character or an unassigned code point is.

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
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
}
