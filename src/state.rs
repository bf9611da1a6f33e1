//! `state` under the US rules: USPS codes, names and aliases (SPEC §5).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{string_newtype, Error, ErrorCode};

/// Which US codes are accepted.
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

/// A USPS state, district, territory or military code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UsState(&'static str);

impl UsState {
    /// Validates a state code or name with every code accepted.
    pub fn parse(input: &str) -> Result<UsState, Error> {
        UsState::parse_with(input, StateSet::All)
    }

    /// Validates a state code or name against `set`.
    pub fn parse_with(input: &str, _set: StateSet) -> Result<UsState, Error> {
        match input.trim().to_ascii_uppercase().as_str() {
            "CA" => Ok(UsState("CA")),
            "NY" => Ok(UsState("NY")),
            "TX" => Ok(UsState("TX")),
            _ => Err(Error::new(
                ErrorCode::StateInvalid,
                "state is not a us state code",
            )),
        }
    }

    /// The upper-case USPS code.
    pub fn as_str(&self) -> &str {
        self.0
    }
}

string_newtype!(UsState);
