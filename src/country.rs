//! `country`: an assigned ISO 3166-1 alpha-2 code (SPEC §4).
//!
//! The code list is the `isocountry` crate's (249 assigned codes; no user-assigned
//! `XK`, no deleted codes such as `AN`). Its caseless look-ups are not used: they
//! upper-case with Unicode rules, so `ß` would become `SS` (South Sudan). Here only
//! the ASCII letters `a-z` are upper-cased.

use std::sync::LazyLock;

use isocountry::CountryCode;

use crate::{string_newtype, Error, ErrorCode};

/// An assigned ISO 3166-1 alpha-2 country code, upper case.
///
/// Stored as two ASCII bytes, so it is `Copy` and orders alphabetically by code.
///
/// ```
/// use vivamo_validate::Country;
/// let de: Country = " de ".parse().unwrap();
/// assert_eq!(de.as_str(), "DE");
/// assert_eq!(de.to_string(), "DE");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl std::fmt::Debug for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Country").field(&self.as_str()).finish()
    }
}

/// Codes that are not assigned but whose meaning is unambiguous: ISO's
/// exceptional reservations (`UK`, and `EL` as the EU writes Greece) and deleted
/// codes with a single successor. `AN` (split three ways) and `YU`/`CS` (split)
/// have no single successor and get no suggestion.
const RESERVED_SUGGESTIONS: &[(&str, &str)] = &[
    ("UK", "GB"),
    ("EL", "GR"),
    ("TP", "TL"),
    ("BU", "MM"),
    ("ZR", "CD"),
];

/// Common English names that differ from the ISO short names `isocountry` carries
/// (which are also matched). Keys are compared ASCII-case-insensitively after the
/// input has lost its `.` and had its whitespace collapsed.
const NAME_SUGGESTIONS: &[(&str, &str)] = &[
    ("United States", "US"),
    ("United States of America", "US"),
    ("United Kingdom", "GB"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("South Korea", "KR"),
    ("Republic of Korea", "KR"),
    ("North Korea", "KP"),
    ("Russia", "RU"),
    ("Iran", "IR"),
    ("Syria", "SY"),
    ("Vietnam", "VN"),
    ("Viet Nam", "VN"),
    ("Laos", "LA"),
    ("Bolivia", "BO"),
    ("Venezuela", "VE"),
    ("Tanzania", "TZ"),
    ("Moldova", "MD"),
    ("Taiwan", "TW"),
    ("Czech Republic", "CZ"),
    ("Turkiye", "TR"),
    ("Türkiye", "TR"),
    ("North Macedonia", "MK"),
    ("Macedonia", "MK"),
    ("Eswatini", "SZ"),
    ("Ivory Coast", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Cape Verde", "CV"),
    ("Vatican", "VA"),
    ("Vatican City", "VA"),
    ("Micronesia", "FM"),
    ("Palestine", "PS"),
    ("Brunei", "BN"),
    ("Macau", "MO"),
    ("Holland", "NL"),
    ("The Netherlands", "NL"),
    ("Burma", "MM"),
    ("East Timor", "TL"),
    ("Falkland Islands", "FK"),
    ("Democratic Republic of the Congo", "CD"),
    ("DR Congo", "CD"),
    ("Republic of the Congo", "CG"),
    ("UAE", "AE"),
];

/// The longest input (after `.` removal and whitespace collapsing) for which a
/// suggestion is looked for; the longest name in the tables is 52 bytes.
const SUGGESTION_MAX: usize = 64;

/// Look-up tables built once from isocountry's list, each sorted by its own key
/// (so that no assumption about the crate's array order is needed).
struct Tables {
    /// Bit `second - 'A'` of `assigned[first - 'A']` is set when the code is assigned.
    assigned: [u32; 26],
    alpha2: Vec<([u8; 2], CountryCode)>,
    alpha3: Vec<([u8; 3], CountryCode)>,
    numeric: Vec<(u32, CountryCode)>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut tables = Tables {
        assigned: [0; 26],
        alpha2: Vec::new(),
        alpha3: Vec::new(),
        numeric: Vec::new(),
    };
    for &c in CountryCode::iter() {
        if let [first @ b'A'..=b'Z', second @ b'A'..=b'Z'] = *c.alpha2().as_bytes() {
            if let Some(row) = tables.assigned.get_mut(usize::from(first - b'A')) {
                *row |= 1 << (second - b'A');
            }
            tables.alpha2.push(([first, second], c));
        }
        if let Ok(code) = <[u8; 3]>::try_from(c.alpha3().as_bytes()) {
            tables.alpha3.push((code, c));
        }
        tables.numeric.push((c.numeric_id(), c));
    }
    tables.alpha2.sort_unstable();
    tables.alpha3.sort_unstable();
    tables.numeric.sort_unstable();
    tables
});

/// Whether two upper-case ASCII letters are an assigned code (constant time).
fn is_assigned(code: [u8; 2]) -> bool {
    match code {
        [first @ b'A'..=b'Z', second @ b'A'..=b'Z'] => TABLES
            .assigned
            .get(usize::from(first - b'A'))
            .is_some_and(|row| row >> (second - b'A') & 1 == 1),
        _ => false,
    }
}

fn find<K: Ord>(table: &[(K, CountryCode)], key: &K) -> Option<CountryCode> {
    let i = table.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
    table.get(i).map(|&(_, c)| c)
}

fn lookup_alpha2(code: [u8; 2]) -> Option<CountryCode> {
    find(&TABLES.alpha2, &code)
}

fn lookup_alpha3(code: [u8; 3]) -> Option<CountryCode> {
    find(&TABLES.alpha3, &code)
}

fn lookup_numeric(id: u32) -> Option<CountryCode> {
    find(&TABLES.numeric, &id)
}

fn upper2(b: &[u8]) -> Option<[u8; 2]> {
    match b {
        [x, y] if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() => {
            Some([x.to_ascii_uppercase(), y.to_ascii_uppercase()])
        }
        _ => None,
    }
}

fn reserved_suggestion(code: [u8; 2]) -> Option<&'static str> {
    RESERVED_SUGGESTIONS
        .iter()
        .find(|(k, _)| k.as_bytes() == code)
        .map(|&(_, v)| v)
}

/// A corrected alpha-2 code for an input that is not one, where the intent is
/// clear: a code with dots (`U.S.`), an alpha-3 code (`USA`, `gbr`), a numeric code
/// (`840`; leading zeros optional, `76` → `BR`, since spreadsheets drop them), an
/// English name (`United States`, ISO short names such as `Germany`).
fn suggest(trimmed: &str) -> Option<&'static str> {
    let mut buf = [0u8; SUGGESTION_MAX];
    let mut len = 0;
    let mut pending_space = false;
    for &b in trimmed.as_bytes() {
        // Only ASCII whitespace is collapsed here: the suggestion tables are ASCII
        // except for a few names whose non-ASCII letters must match exactly.
        if b == b'.' {
            continue;
        }
        if b.is_ascii_whitespace() {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        *buf.get_mut(len)? = b;
        len += 1;
    }
    let key = buf.get(..len)?;

    if let Some(code) = upper2(key) {
        if is_assigned(code) {
            return lookup_alpha2(code).map(|c| c.alpha2());
        }
        return reserved_suggestion(code);
    }
    if let [x, y, z] = key {
        if key.iter().all(u8::is_ascii_alphabetic) {
            let code = [
                x.to_ascii_uppercase(),
                y.to_ascii_uppercase(),
                z.to_ascii_uppercase(),
            ];
            if let Some(c) = lookup_alpha3(code) {
                return Some(c.alpha2());
            }
        }
    }
    if (1..=3).contains(&key.len()) && key.iter().all(u8::is_ascii_digit) {
        let id = key
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
        return lookup_numeric(id).map(|c| c.alpha2());
    }
    NAME_SUGGESTIONS
        .iter()
        .find(|(name, _)| name_matches(key, name))
        .map(|&(_, code)| code)
        .or_else(|| {
            CountryCode::iter()
                .find(|c| name_matches(key, c.name()))
                .map(|c| c.alpha2())
        })
}

/// Whether `key` (no `.`, whitespace collapsed) equals `name` without its `.`,
/// ignoring ASCII case. ISO names such as `Virgin Islands (U.S.)` have dots.
fn name_matches(key: &[u8], name: &str) -> bool {
    crate::ascii::eq_ignore_case_skipping(key, name, b".")
}

impl Country {
    /// The United States, the country whose address rules differ (the state rules).
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse("us"), Ok(Country::US));
    /// ```
    pub const US: Country = Country(*b"US");

    /// Validates and normalizes a country code (the country rule).
    ///
    /// Trims whitespace, requires exactly two ASCII letters, upper-cases them and
    /// requires an assigned ISO 3166-1 alpha-2 code. Errors:
    ///
    /// - blank input → `required`;
    /// - not two ASCII letters → `country_invalid` with detail `format`, and a
    ///   suggestion for an alpha-3 code (`USA` → `US`, ASCII case ignored), a numeric
    ///   code (`840` → `US`; one to three digits, leading zeros optional), a code
    ///   written with dots (`U.S.`) or an English name (`United States` → `US`,
    ///   `United Kingdom` → `GB`, any ISO short name);
    /// - two letters that are not assigned → `country_invalid` with detail
    ///   `unassigned`, and a suggestion for `UK` → `GB`, `EL` → `GR` and the deleted
    ///   codes with one successor (`TP` → `TL`, `BU` → `MM`, `ZR` → `CD`).
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse(" gb ").unwrap().as_str(), "GB");
    ///
    /// let err = Country::parse("USA").unwrap_err();
    /// assert_eq!((err.code(), err.detail(), err.suggestion()), ("country_invalid", Some("format"), Some("US")));
    ///
    /// let err = Country::parse("XK").unwrap_err();
    /// assert_eq!((err.detail(), err.suggestion()), (Some("unassigned"), None));
    ///
    /// assert_eq!(Country::parse("  ").unwrap_err().code(), "required");
    /// ```
    pub fn parse(input: &str) -> Result<Country, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(ErrorCode::CountryInvalid, "country"));
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::required("country"));
        }
        match upper2(trimmed.as_bytes()) {
            Some(code) if is_assigned(code) => Ok(Country(code)),
            Some(code) => {
                let err = Error::new(
                    ErrorCode::CountryInvalid,
                    "country is not an assigned iso 3166-1 alpha-2 code",
                )
                .with_detail("unassigned");
                Err(match reserved_suggestion(code) {
                    Some(s) => err.with_suggestion(s),
                    None => err,
                })
            }
            None => {
                let err = Error::new(
                    ErrorCode::CountryInvalid,
                    "country must be a two-letter iso 3166-1 alpha-2 code",
                )
                .with_detail("format");
                Err(match suggest(trimmed) {
                    Some(s) => err.with_suggestion(s),
                    None => err,
                })
            }
        }
    }

    /// The upper-case alpha-2 code.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse("fr").unwrap().as_str(), "FR");
    /// ```
    pub fn as_str(&self) -> &str {
        // Always two ASCII letters: the constructor checked them.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// Whether this is `US`.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert!(Country::parse("us").unwrap().is_us());
    /// assert!(!Country::parse("CA").unwrap().is_us());
    /// ```
    pub fn is_us(&self) -> bool {
        &self.0 == b"US"
    }

    /// The ISO 3166-1 English short name, as the `isocountry` crate spells it.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse("DE").unwrap().name(), "Germany");
    /// assert_eq!(Country::US.name(), "United States of America");
    /// ```
    pub fn name(&self) -> &'static str {
        lookup_alpha2(self.0).map_or("", |c| c.name())
    }

    /// The ISO 3166-1 alpha-3 code.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::parse("de").unwrap().alpha3(), "DEU");
    /// ```
    pub fn alpha3(&self) -> &'static str {
        lookup_alpha2(self.0).map_or("", |c| c.alpha3())
    }

    /// The ISO 3166-1 numeric code (`840` for the US).
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// assert_eq!(Country::US.numeric(), 840);
    /// assert_eq!(Country::parse("AF").unwrap().numeric(), 4);
    /// ```
    pub fn numeric(&self) -> u16 {
        lookup_alpha2(self.0).map_or(0, |c| u16::try_from(c.numeric_id()).unwrap_or(0))
    }
}

string_newtype!(Country);

/// Whether the US address rules apply for a raw `country` value (the state rules).
///
/// True when the country is absent, blank, or normalizes to `US`; any other value,
/// valid or not (`USA`, `CA`, `ZZ`), selects the rules for other countries.
///
/// ```
/// use vivamo_validate::is_us_address;
/// assert!(is_us_address(None));
/// assert!(is_us_address(Some("  ")));
/// assert!(is_us_address(Some(" us ")));
/// assert!(!is_us_address(Some("USA")));
/// assert!(!is_us_address(Some("CA")));
/// assert!(!is_us_address(Some("ZZ")));
/// ```
pub fn is_us_address(country: Option<&str>) -> bool {
    match country {
        None => true,
        Some(raw) if raw.trim().is_empty() => true,
        Some(raw) => Country::parse(raw).is_ok_and(|c| c.is_us()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_every_code() {
        for c in CountryCode::iter() {
            let a2: [u8; 2] = c.alpha2().as_bytes().try_into().unwrap();
            let a3: [u8; 3] = c.alpha3().as_bytes().try_into().unwrap();
            assert_eq!(lookup_alpha2(a2), Some(*c), "{}", c.alpha2());
            assert_eq!(lookup_alpha3(a3), Some(*c), "{}", c.alpha3());
            assert_eq!(lookup_numeric(c.numeric_id()), Some(*c));
            assert_eq!(Country::parse(c.alpha2()).unwrap().as_str(), c.alpha2());
        }
        assert_eq!(CountryCode::iter().count(), 249);
        let mut assigned = 0;
        for first in b'A'..=b'Z' {
            for second in b'A'..=b'Z' {
                let code = [first, second];
                assert_eq!(is_assigned(code), lookup_alpha2(code).is_some());
                assigned += usize::from(is_assigned(code));
            }
        }
        assert_eq!(assigned, 249);
    }

    #[test]
    fn suggestion_tables_are_consistent() {
        for (name, code) in NAME_SUGGESTIONS {
            assert!(name.len() <= SUGGESTION_MAX);
            assert!(Country::parse(code).is_ok(), "{code}");
            assert_eq!(suggest(name), Some(*code), "{name}");
        }
        for (reserved, code) in RESERVED_SUGGESTIONS {
            assert!(Country::parse(reserved).is_err(), "{reserved}");
            assert!(Country::parse(code).is_ok(), "{code}");
        }
        for c in CountryCode::iter() {
            if c.name().len() <= SUGGESTION_MAX {
                assert_eq!(suggest(c.name()), Some(c.alpha2()), "{}", c.name());
            }
        }
    }
}
