//! `state` under the US rules: USPS codes, names and aliases (SPEC §5).
//!
//! One table below lists the 62 USPS codes with their names, category and the
//! aliases SPEC §5 names verbatim; it generates [`UsState`], its `as_str`, `name`,
//! `kind`, `ALL` and the look-up. Matching never allocates: the input is
//! normalized into a small stack buffer and compared byte-wise.

use crate::{string_newtype, Error, ErrorCode};

/// What kind of USPS region a [`UsState`] is.
///
/// ```
/// use vivamo_validate::{StateKind, UsState};
/// assert_eq!(UsState::parse("PR").unwrap().kind(), StateKind::Territory);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKind {
    /// One of the 50 states.
    State,
    /// The District of Columbia.
    District,
    /// An inhabited US territory: AS, GU, MP, PR, VI.
    Territory,
    /// A freely associated state with USPS service: FM, MH, PW.
    FreelyAssociated,
    /// An Armed Forces postal region: AA, AE, AP.
    Military,
}

/// Which US codes are accepted (an option, the state rules).
///
/// ```
/// use vivamo_validate::{StateSet, UsState};
/// let guam = UsState::parse("GU").unwrap();
/// assert!(StateSet::All.contains(guam));
/// assert!(StateSet::StatesDcAndTerritories.contains(guam));
/// assert!(!StateSet::StatesAndDc.contains(guam));
/// assert_eq!(StateSet::default(), StateSet::All);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum StateSet {
    /// The 50 states.
    States,
    /// The 50 states and DC.
    StatesAndDc,
    /// States, DC and the territories (AS GU MP PR VI FM MH PW).
    StatesDcAndTerritories,
    /// All 62 USPS codes, including the military AA AE AP.
    #[default]
    All,
}

impl StateSet {
    /// Every set, narrowest first.
    pub const ALL: [StateSet; 4] = [
        StateSet::States,
        StateSet::StatesAndDc,
        StateSet::StatesDcAndTerritories,
        StateSet::All,
    ];

    /// Whether `state` belongs to this set.
    ///
    /// ```
    /// use vivamo_validate::{StateSet, UsState};
    /// let dc = UsState::parse("DC").unwrap();
    /// assert!(!StateSet::States.contains(dc));
    /// assert!(StateSet::StatesAndDc.contains(dc));
    /// ```
    pub fn contains(self, state: UsState) -> bool {
        let kind = state.kind();
        match self {
            StateSet::States => kind == StateKind::State,
            StateSet::StatesAndDc => matches!(kind, StateKind::State | StateKind::District),
            StateSet::StatesDcAndTerritories => kind != StateKind::Military,
            StateSet::All => true,
        }
    }

    /// A stable snake_case name for the set (for configuration files and flags).
    ///
    /// ```
    /// use vivamo_validate::StateSet;
    /// assert_eq!(StateSet::StatesAndDc.as_str(), "states_and_dc");
    /// assert_eq!("states_and_dc".parse::<StateSet>(), Ok(StateSet::StatesAndDc));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            StateSet::States => "states",
            StateSet::StatesAndDc => "states_and_dc",
            StateSet::StatesDcAndTerritories => "states_dc_and_territories",
            StateSet::All => "all",
        }
    }

    fn message(self) -> &'static str {
        match self {
            StateSet::States => "state must be one of the 50 us states",
            StateSet::StatesAndDc => "state must be one of the 50 us states or dc",
            StateSet::StatesDcAndTerritories => "state must be a us state, dc or a us territory",
            StateSet::All => "state must be a usps state, territory or military code or name",
        }
    }
}

impl std::fmt::Display for StateSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string given to `StateSet::from_str` is not a set's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownStateSet;

impl std::fmt::Display for UnknownStateSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "unknown state set (expected states, states_and_dc, states_dc_and_territories or all)",
        )
    }
}

impl std::error::Error for UnknownStateSet {}

impl std::str::FromStr for StateSet {
    type Err = UnknownStateSet;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StateSet::ALL
            .into_iter()
            .find(|set| set.as_str() == s)
            .ok_or(UnknownStateSet)
    }
}

macro_rules! us_states {
    ($($variant:ident => $code:literal, $name:literal, $kind:ident, [$($alias:literal),*];)*) => {
        /// A USPS state, district, territory or military code.
        ///
        /// Holds only the code; `as_str` gives the upper-case code, `name` the USPS
        /// name. Built by [`UsState::parse`] from a code or a name.
        ///
        /// ```
        /// use vivamo_validate::UsState;
        /// let ny: UsState = "new york".parse().unwrap();
        /// assert_eq!(ny, UsState::NewYork);
        /// assert_eq!(ny.to_string(), "NY");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum UsState {
            $(#[doc = concat!("`", $code, "`: ", $name, ".")] $variant,)*
        }

        impl UsState {
            /// Every USPS code: the 50 states in order of name, DC, the territories,
            /// the freely associated states and the military codes.
            ///
            /// ```
            /// use vivamo_validate::UsState;
            /// assert_eq!(UsState::ALL.len(), 62);
            /// assert_eq!(UsState::ALL[0].as_str(), "AL");
            /// ```
            pub const ALL: &'static [UsState] = &[$(UsState::$variant,)*];

            /// The upper-case USPS code.
            ///
            /// ```
            /// use vivamo_validate::UsState;
            /// assert_eq!(UsState::parse("Washington, D.C.").unwrap().as_str(), "DC");
            /// ```
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $(UsState::$variant => $code,)*
                }
            }

            /// The USPS name (`California`, `District of Columbia`, `Armed Forces Europe`).
            ///
            /// ```
            /// use vivamo_validate::UsState;
            /// assert_eq!(UsState::parse("ae").unwrap().name(), "Armed Forces Europe");
            /// ```
            pub const fn name(&self) -> &'static str {
                match self {
                    $(UsState::$variant => $name,)*
                }
            }

            /// The category: state, district, territory, freely associated or military.
            ///
            /// ```
            /// use vivamo_validate::{StateKind, UsState};
            /// assert_eq!(UsState::parse("AP").unwrap().kind(), StateKind::Military);
            /// ```
            pub const fn kind(&self) -> StateKind {
                match self {
                    $(UsState::$variant => StateKind::$kind,)*
                }
            }

            /// The other names accepted for this code (the state rules), as written there.
            ///
            /// ```
            /// use vivamo_validate::UsState;
            /// assert!(UsState::parse("FM").unwrap().aliases().contains(&"Micronesia"));
            /// ```
            pub const fn aliases(&self) -> &'static [&'static str] {
                match self {
                    $(UsState::$variant => &[$($alias),*],)*
                }
            }

        }

        /// Every name and alias with its normalized length, for the name look-up.
        const NAME_KEYS: &[(&str, usize, UsState)] = &[
            $(($name, key_len($name), UsState::$variant),
              $(($alias, key_len($alias), UsState::$variant),)*)*
        ];
    };
}

/// The length of a table name once its `.` and `,` are dropped.
const fn key_len(name: &str) -> usize {
    let bytes = name.as_bytes();
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'.' && bytes[i] != b',' {
            len += 1;
        }
        i += 1;
    }
    len
}

/// `CODE_TABLE[26 * (first - 'A') + (second - 'A')]` is the state with that code.
const CODE_TABLE: [Option<UsState>; 26 * 26] = {
    let mut table = [None; 26 * 26];
    let mut i = 0;
    while i < UsState::ALL.len() {
        let state = UsState::ALL[i];
        let code = state.as_str().as_bytes();
        table[26 * (code[0] - b'A') as usize + (code[1] - b'A') as usize] = Some(state);
        i += 1;
    }
    table
};

fn from_code(first: u8, second: u8) -> Option<UsState> {
    let (first, second) = (first.to_ascii_uppercase(), second.to_ascii_uppercase());
    if !first.is_ascii_uppercase() || !second.is_ascii_uppercase() {
        return None;
    }
    let index = 26 * usize::from(first - b'A') + usize::from(second - b'A');
    CODE_TABLE.get(index).copied().flatten()
}

us_states! {
    Alabama => "AL", "Alabama", State, [];
    Alaska => "AK", "Alaska", State, [];
    Arizona => "AZ", "Arizona", State, [];
    Arkansas => "AR", "Arkansas", State, [];
    California => "CA", "California", State, [];
    Colorado => "CO", "Colorado", State, [];
    Connecticut => "CT", "Connecticut", State, [];
    Delaware => "DE", "Delaware", State, [];
    Florida => "FL", "Florida", State, [];
    Georgia => "GA", "Georgia", State, [];
    Hawaii => "HI", "Hawaii", State, ["Hawaiʻi", "Hawai'i", "Hawai’i"];
    Idaho => "ID", "Idaho", State, [];
    Illinois => "IL", "Illinois", State, [];
    Indiana => "IN", "Indiana", State, [];
    Iowa => "IA", "Iowa", State, [];
    Kansas => "KS", "Kansas", State, [];
    Kentucky => "KY", "Kentucky", State, [];
    Louisiana => "LA", "Louisiana", State, [];
    Maine => "ME", "Maine", State, [];
    Maryland => "MD", "Maryland", State, [];
    Massachusetts => "MA", "Massachusetts", State, [];
    Michigan => "MI", "Michigan", State, [];
    Minnesota => "MN", "Minnesota", State, [];
    Mississippi => "MS", "Mississippi", State, [];
    Missouri => "MO", "Missouri", State, [];
    Montana => "MT", "Montana", State, [];
    Nebraska => "NE", "Nebraska", State, [];
    Nevada => "NV", "Nevada", State, [];
    NewHampshire => "NH", "New Hampshire", State, [];
    NewJersey => "NJ", "New Jersey", State, [];
    NewMexico => "NM", "New Mexico", State, [];
    NewYork => "NY", "New York", State, [];
    NorthCarolina => "NC", "North Carolina", State, [];
    NorthDakota => "ND", "North Dakota", State, [];
    Ohio => "OH", "Ohio", State, [];
    Oklahoma => "OK", "Oklahoma", State, [];
    Oregon => "OR", "Oregon", State, [];
    Pennsylvania => "PA", "Pennsylvania", State, [];
    RhodeIsland => "RI", "Rhode Island", State, [];
    SouthCarolina => "SC", "South Carolina", State, [];
    SouthDakota => "SD", "South Dakota", State, [];
    Tennessee => "TN", "Tennessee", State, [];
    Texas => "TX", "Texas", State, [];
    Utah => "UT", "Utah", State, [];
    Vermont => "VT", "Vermont", State, [];
    Virginia => "VA", "Virginia", State, [];
    Washington => "WA", "Washington", State, [];
    WestVirginia => "WV", "West Virginia", State, [];
    Wisconsin => "WI", "Wisconsin", State, [];
    Wyoming => "WY", "Wyoming", State, [];
    DistrictOfColumbia => "DC", "District of Columbia", District,
        ["Washington DC", "Washington, D.C.", "D.C.", "D. C."];
    AmericanSamoa => "AS", "American Samoa", Territory, [];
    Guam => "GU", "Guam", Territory, [];
    NorthernMarianaIslands => "MP", "Northern Mariana Islands", Territory, [];
    PuertoRico => "PR", "Puerto Rico", Territory, [];
    VirginIslands => "VI", "Virgin Islands", Territory,
        ["U.S. Virgin Islands", "US Virgin Islands", "United States Virgin Islands",
         "Virgin Islands of the United States", "Virgin Islands, U.S."];
    FederatedStatesOfMicronesia => "FM", "Federated States of Micronesia", FreelyAssociated,
        ["Micronesia"];
    MarshallIslands => "MH", "Marshall Islands", FreelyAssociated, [];
    Palau => "PW", "Palau", FreelyAssociated, [];
    ArmedForcesAmericas => "AA", "Armed Forces Americas", Military,
        ["Armed Forces Americas (except Canada)", "Armed Forces Americas except Canada"];
    ArmedForcesEurope => "AE", "Armed Forces Europe", Military,
        ["Armed Forces Europe, the Middle East, and Canada", "Armed Forces Africa",
         "Armed Forces Canada", "Armed Forces Middle East"];
    ArmedForcesPacific => "AP", "Armed Forces Pacific", Military, [];
}

/// Longer than any name or alias once normalized (the longest is 46 bytes).
const KEY_MAX: usize = 64;

/// Normalizes `input` as the state rules says: `.` and `,` dropped, whitespace (any
/// Unicode whitespace) trimmed and collapsed to one ASCII space. Case is kept;
/// comparison ignores ASCII case. `None` when the result does not fit, which no
/// valid value does.
fn normalize_key<'b>(input: &str, buf: &'b mut [u8; KEY_MAX]) -> Option<&'b [u8]> {
    let bytes = input.as_bytes();
    let mut len = 0;
    let mut pending_space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII is handled byte by byte; only a non-ASCII character is decoded,
        // to learn whether it is whitespace.
        let (width, is_space) = if b.is_ascii() {
            (1, char::from(b).is_whitespace())
        } else {
            let c = input.get(i..).and_then(|rest| rest.chars().next())?;
            (c.len_utf8(), c.is_whitespace())
        };
        let start = i;
        i += width;
        if b == b'.' || b == b',' {
            continue;
        }
        if is_space {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        buf.get_mut(len..len + width)?
            .copy_from_slice(bytes.get(start..i)?);
        len += width;
    }
    buf.get(..len)
}

/// Whether the normalized `key` equals `name` with its `.` and `,` removed,
/// ignoring ASCII case. Table names never produce doubled or edge spaces when
/// their `.` and `,` go (a unit test checks), so dropping them is all the
/// normalization a name needs.
fn key_matches(key: &[u8], name: &str) -> bool {
    crate::ascii::eq_ignore_case_skipping(key, name, b".,")
}

fn lookup(key: &[u8]) -> Option<UsState> {
    let key = match key {
        [u, s, b'-', rest @ ..]
            if u.eq_ignore_ascii_case(&b'U') && s.eq_ignore_ascii_case(&b'S') =>
        {
            rest
        }
        _ => key,
    };
    if let [a, b] = *key {
        return from_code(a, b);
    }
    NAME_KEYS
        .iter()
        .find(|(name, len, _)| *len == key.len() && key_matches(key, name))
        .map(|&(_, _, state)| state)
}

impl UsState {
    /// Validates a state code or name with every code accepted ([`StateSet::All`]).
    ///
    /// ```
    /// use vivamo_validate::UsState;
    /// assert_eq!(UsState::parse(" ca ").unwrap().as_str(), "CA");
    /// assert_eq!(UsState::parse("US-NY").unwrap().as_str(), "NY");
    /// assert_eq!(UsState::parse("Washington").unwrap().as_str(), "WA");
    /// assert_eq!(UsState::parse("u.s. virgin islands").unwrap().as_str(), "VI");
    /// assert_eq!(UsState::parse("Calif.").unwrap_err().code(), "state_invalid");
    /// ```
    pub fn parse(input: &str) -> Result<UsState, Error> {
        UsState::parse_with(input, StateSet::All)
    }

    /// Validates a state code or name against `set` (the state rules).
    ///
    /// Trims, drops `.` and `,`, collapses whitespace, strips an optional `US-`
    /// prefix and compares ignoring ASCII case only, against the 62 USPS codes,
    /// their USPS names and the the API's documented aliases. Errors:
    ///
    /// - blank input → `required`;
    /// - no code, name or alias matches (`UM`, `XX`, `CZ`, `Calif.`) →
    ///   `state_invalid` with detail `unknown`;
    /// - a match outside `set` → `state_invalid` with detail `not_in_set`.
    ///
    /// Either message names what `set` accepts.
    ///
    /// ```
    /// use vivamo_validate::{StateSet, UsState};
    /// assert_eq!(UsState::parse_with("Guam", StateSet::All).unwrap().as_str(), "GU");
    ///
    /// let err = UsState::parse_with("Guam", StateSet::StatesAndDc).unwrap_err();
    /// assert_eq!((err.code(), err.detail()), ("state_invalid", Some("not_in_set")));
    /// assert_eq!(err.message(), "state must be one of the 50 us states or dc");
    ///
    /// let err = UsState::parse_with("XX", StateSet::All).unwrap_err();
    /// assert_eq!(err.detail(), Some("unknown"));
    /// ```
    pub fn parse_with(input: &str, set: StateSet) -> Result<UsState, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(ErrorCode::StateInvalid, "state"));
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Error::required("state"));
        }
        let mut buf = [0u8; KEY_MAX];
        let found = normalize_key(trimmed, &mut buf).and_then(lookup);
        match found {
            Some(state) if set.contains(state) => Ok(state),
            Some(_) => {
                Err(Error::new(ErrorCode::StateInvalid, set.message()).with_detail("not_in_set"))
            }
            None => Err(Error::new(ErrorCode::StateInvalid, set.message()).with_detail("unknown")),
        }
    }
}

string_newtype!(UsState);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_shape() {
        assert_eq!(UsState::ALL.len(), 62);
        let count = |kind| UsState::ALL.iter().filter(|s| s.kind() == kind).count();
        assert_eq!(count(StateKind::State), 50);
        assert_eq!(count(StateKind::District), 1);
        assert_eq!(count(StateKind::Territory), 5);
        assert_eq!(count(StateKind::FreelyAssociated), 3);
        assert_eq!(count(StateKind::Military), 3);
        let sizes: Vec<usize> = StateSet::ALL
            .iter()
            .map(|set| UsState::ALL.iter().filter(|s| set.contains(**s)).count())
            .collect();
        assert_eq!(sizes, [50, 51, 59, 62]);
    }

    #[test]
    fn names_codes_and_aliases_are_unique_and_normalized() {
        let mut keys: Vec<String> = Vec::new();
        for state in UsState::ALL {
            let code = state.as_str();
            assert_eq!(code.len(), 2);
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(
                from_code(code.as_bytes()[0], code.as_bytes()[1]),
                Some(*state)
            );
            for name in std::iter::once(state.name()).chain(state.aliases().iter().copied()) {
                // Dropping `.` and `,` from a table name must leave a normalized key,
                // which is what `key_matches` relies on.
                let dropped: String = name.chars().filter(|c| *c != '.' && *c != ',').collect();
                let mut buf = [0u8; KEY_MAX];
                let key = normalize_key(name, &mut buf).unwrap();
                assert_eq!(key, dropped.as_bytes(), "{name}");
                assert!(key_matches(key, name));
                assert!(NAME_KEYS.contains(&(name, key.len(), *state)), "{name}");
                assert_eq!(UsState::parse(name), Ok(*state), "{name}");
                keys.push(dropped.to_ascii_uppercase());
            }
        }
        let total = keys.len();
        keys.sort();
        keys.dedup();
        // `Washington, D.C.` and `Washington DC`, and `U.S. Virgin Islands` and
        // `US Virgin Islands`, normalize alike; every other key is distinct.
        assert_eq!(total - keys.len(), 2);
    }
}
