//! Free-text fields: names, street lines, city (SPEC §7).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// Which text field a value is for: it sets the length limit and whether a letter is required.
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

/// Cleaned, NFC-normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    /// Cleans text under the street rules (at most 200 characters, no letter required).
    pub fn parse(input: &str) -> Result<Text, Error> {
        Text::parse_as(input, TextField::Street)
    }

    /// Cleans text for `field`; nothing left after cleaning is `required`.
    pub fn parse_as(input: &str, _field: TextField) -> Result<Text, Error> {
        let t = input.trim();
        if t.is_empty() {
            return Err(Error::required("text"));
        }
        if t.chars().count() > 200 {
            return Err(Error::new(ErrorCode::TextTooLong, "text is too long"));
        }
        Ok(Text(t.to_owned()))
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Text);
