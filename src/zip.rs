//! `zip`: US ZIP codes and other countries' postal codes (SPEC §6).
//!
//! Both rule sets are written by hand rather than with a regex: each is one pass
//! over at most a few bytes of ASCII, and the hand-written scan names the failure
//! (`format`, `invalid_character`, …) for the error's `detail`.

use crate::{string_newtype, Error, ErrorCode};

/// The longest normalized postal code (the ZIP rules).
const MAX_LEN: usize = 16;

/// A normalized ZIP or postal code: `12345`, `12345-6789`, or for other countries
/// 2–16 characters of `A-Z`, `0-9` and single inner spaces or hyphens.
///
/// Stored inline (at most 16 ASCII bytes), so it is `Copy` and never allocates.
///
/// # One rule set for every entry point that cannot know the country
///
/// Which rules apply depends on the record's country, so the country-aware
/// constructors are [`parse_for`](PostalCode::parse_for) (what record validation
/// uses), [`parse_us`](PostalCode::parse_us) and
/// [`parse_international`](PostalCode::parse_international). Every entry point
/// without a country — [`parse`](PostalCode::parse), `FromStr`, `TryFrom<&str>` and
/// serde's `Deserialize` — applies one and the same rule set: the rules for
/// countries other than the US. They accept every normalized postal code of any
/// country, US codes included unchanged, so any serialized `PostalCode` reads back
/// as itself; they do not apply the US-only checks (`1234` is a valid Swiss code,
/// and `12345 6789` keeps its space). Use `parse_us` for those.
///
/// ```
/// use vivamo_validate::PostalCode;
/// let zip: PostalCode = "sw1a 1aa".parse().unwrap();
/// assert_eq!(zip.as_str(), "SW1A 1AA");
/// assert_eq!(PostalCode::parse("12345-6789").unwrap(), PostalCode::parse_us("12345 6789").unwrap());
/// assert!(PostalCode::parse_us("1234").is_err());
/// assert!(PostalCode::parse("1234").is_ok());
/// ```
///
/// With the `serde` feature it serializes as its normalized string and
/// deserializes under the same rules as `parse`.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use vivamo_validate::PostalCode;
/// let uk: PostalCode = serde_json::from_str("\"SW1A 1AA\"").unwrap();
/// assert_eq!(uk.as_str(), "SW1A 1AA");
/// let us: PostalCode = serde_json::from_str("\"12345-6789\"").unwrap();
/// assert_eq!(us, PostalCode::parse_us("12345-6789").unwrap());
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostalCode {
    // Unused bytes stay zero, so the derived comparisons equal the string's.
    bytes: [u8; MAX_LEN],
    len: u8,
}

impl std::fmt::Debug for PostalCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PostalCode").field(&self.as_str()).finish()
    }
}

/// Collects the normalized bytes; pushing past the capacity only counts.
struct Builder {
    bytes: [u8; MAX_LEN],
    len: usize,
}

impl Builder {
    fn new() -> Self {
        Builder {
            bytes: [0; MAX_LEN],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
        }
        self.len = self.len.saturating_add(1);
    }

    fn finish(self) -> PostalCode {
        PostalCode {
            bytes: self.bytes,
            len: u8::try_from(self.len.min(MAX_LEN)).unwrap_or(0),
        }
    }
}

fn us_format_error() -> Error {
    Error::new(
        ErrorCode::ZipInvalid,
        "zip code must be 5 digits or 5+4 digits (12345 or 12345-6789)",
    )
    .with_detail("format")
}

impl PostalCode {
    /// Validates without knowing the country: the rules for other countries
    /// (same as [`PostalCode::parse_international`]), the one rule set of every
    /// country-free entry point (see the type's docs). A record's `zip` is judged
    /// with [`PostalCode::parse_for`] instead.
    ///
    /// ```
    /// use vivamo_validate::PostalCode;
    /// assert_eq!(PostalCode::parse(" 02134 ").unwrap().as_str(), "02134");
    /// assert_eq!(PostalCode::parse("k1a 0b1").unwrap().as_str(), "K1A 0B1");
    /// ```
    pub fn parse(input: &str) -> Result<PostalCode, Error> {
        PostalCode::parse_international(input)
    }

    /// Validates under the US rules when `us` is true, else under the rules for
    /// other countries. Pair it with [`is_us_address`](crate::is_us_address).
    ///
    /// ```
    /// use vivamo_validate::{is_us_address, PostalCode};
    /// let zip = PostalCode::parse_for("sw1a 1aa", is_us_address(Some("GB"))).unwrap();
    /// assert_eq!(zip.as_str(), "SW1A 1AA");
    /// assert!(PostalCode::parse_for("sw1a 1aa", is_us_address(None)).is_err());
    /// ```
    pub fn parse_for(input: &str, us: bool) -> Result<PostalCode, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(ErrorCode::ZipInvalid, "zip"));
        }
        if us {
            PostalCode::parse_us(input)
        } else {
            PostalCode::parse_international(input)
        }
    }

    /// Validates under the US rules (the ZIP rules).
    ///
    /// After trimming, the input must be five ASCII digits, optionally followed by
    /// four more after one space, one hyphen or nothing; it normalizes to `12345`
    /// or `12345-6789`. Errors:
    ///
    /// - blank input → `required`;
    /// - any other shape (letters, non-ASCII digits, two spaces, `12345-67`) →
    ///   `zip_invalid` with detail `format`; four digits alone get the suggestion of
    ///   a leading zero (`2134` → `02134`), the usual result of a spreadsheet
    ///   reading a ZIP code as a number;
    /// - a ZIP code of `00000`, with or without a +4 part → `zip_invalid` with detail
    ///   `all_zeros`.
    ///
    /// ```
    /// use vivamo_validate::PostalCode;
    /// assert_eq!(PostalCode::parse_us("123456789").unwrap().as_str(), "12345-6789");
    /// let err = PostalCode::parse_us("2134").unwrap_err();
    /// assert_eq!((err.code(), err.detail(), err.suggestion()), ("zip_invalid", Some("format"), Some("02134")));
    /// assert_eq!(PostalCode::parse_us("00000").unwrap_err().detail(), Some("all_zeros"));
    /// ```
    pub fn parse_us(input: &str) -> Result<PostalCode, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(ErrorCode::ZipInvalid, "zip"));
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::required("zip"));
        }
        let (zip5, plus4): (&[u8], &[u8]) = match trimmed.as_bytes() {
            b if b.len() == 5 => (b, &[]),
            b if b.len() == 9 => b.split_at(5),
            [zip5 @ .., b' ' | b'-', _, _, _, _] if zip5.len() == 5 => {
                let b = trimmed.as_bytes();
                (zip5, b.get(6..).unwrap_or(&[]))
            }
            b if b.len() == 4 && b.iter().all(u8::is_ascii_digit) && b != b"0000" => {
                return Err(us_format_error().with_suggestion(format!("0{trimmed}")));
            }
            _ => return Err(us_format_error()),
        };
        if !zip5.iter().chain(plus4).all(u8::is_ascii_digit) {
            return Err(us_format_error());
        }
        if zip5 == b"00000" {
            return Err(
                Error::new(ErrorCode::ZipInvalid, "zip code cannot be 00000")
                    .with_detail("all_zeros"),
            );
        }
        let mut out = Builder::new();
        zip5.iter().for_each(|&b| out.push(b));
        if !plus4.is_empty() {
            out.push(b'-');
            plus4.iter().for_each(|&b| out.push(b));
        }
        Ok(out.finish())
    }

    /// Validates under the rules for every country but the US (the ZIP rules).
    ///
    /// Trims, upper-cases ASCII letters and collapses each run of whitespace
    /// (Unicode whitespace included) to one space. The result must consist of
    /// `A-Z` and `0-9` with single spaces or hyphens between them, 2–16 characters
    /// long. Errors, checked in this order:
    ///
    /// - blank input → `required`;
    /// - any other character (`é`, `Ａ`, `٣`, `/`) → `zip_invalid` with detail
    ///   `invalid_character`, the message quoting the first such character;
    /// - a separator at an edge or next to another (`-123`, `AB--12`, `AB - 12`) →
    ///   detail `invalid_separator`;
    /// - fewer than 2 characters → `too_short`; more than 16 → `too_long`.
    ///
    /// ```
    /// use vivamo_validate::PostalCode;
    /// assert_eq!(PostalCode::parse_international(" k1a  0b1 ").unwrap().as_str(), "K1A 0B1");
    /// assert_eq!(PostalCode::parse_international("100-0001").unwrap().as_str(), "100-0001");
    /// let err = PostalCode::parse_international("1").unwrap_err();
    /// assert_eq!((err.code(), err.detail()), ("zip_invalid", Some("too_short")));
    /// ```
    pub fn parse_international(input: &str) -> Result<PostalCode, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(ErrorCode::ZipInvalid, "zip"));
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::required("zip"));
        }
        let mut out = Builder::new();
        let mut bad_separator = false;
        // Whether the last byte pushed was a space or hyphen (true at the start, so
        // that a leading hyphen counts as misplaced).
        let mut after_separator = true;
        let mut pending_space = false;
        for c in trimmed.chars() {
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space {
                bad_separator |= after_separator;
                out.push(b' ');
                after_separator = true;
                pending_space = false;
            }
            match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' => {
                    out.push(c.to_ascii_uppercase() as u8);
                    after_separator = false;
                }
                '-' => {
                    bad_separator |= after_separator;
                    out.push(b'-');
                    after_separator = true;
                }
                _ => {
                    return Err(Error::new(
                        ErrorCode::ZipInvalid,
                        format!("postal code has an invalid character {c:?}"),
                    )
                    .with_detail("invalid_character"));
                }
            }
        }
        if bad_separator || after_separator {
            return Err(Error::new(
                ErrorCode::ZipInvalid,
                "postal code may only have single spaces or hyphens between letters and digits",
            )
            .with_detail("invalid_separator"));
        }
        if out.len < 2 {
            return Err(Error::new(
                ErrorCode::ZipInvalid,
                "postal code must be at least 2 characters long",
            )
            .with_detail("too_short"));
        }
        if out.len > MAX_LEN {
            return Err(Error::new(
                ErrorCode::ZipInvalid,
                "postal code must be at most 16 characters long",
            )
            .with_detail("too_long"));
        }
        Ok(out.finish())
    }

    /// The normalized code.
    ///
    /// ```
    /// use vivamo_validate::PostalCode;
    /// assert_eq!(PostalCode::parse_international("1012 ab").unwrap().as_str(), "1012 AB");
    /// ```
    pub fn as_str(&self) -> &str {
        // Always ASCII: the constructors push only ASCII bytes.
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

// `FromStr`, `TryFrom` and `Deserialize` all go through `PostalCode::parse`: one
// rule set for every entry point that cannot know the country.
string_newtype!(PostalCode);
