//! Properties of the address fields (SPEC §4–6): no panic on any input, a
//! normalized value re-validates to itself, normalization is idempotent, and
//! serde round-trips.

use proptest::prelude::*;
use vivamo_validate::{is_us_address, Country, PostalCode, StateSet, UsState};

fn long_string() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..10_000).prop_map(|v| v.into_iter().collect())
}

fn any_set() -> impl Strategy<Value = StateSet> {
    prop::sample::select(StateSet::ALL.to_vec())
}

/// Every state name and alias with random ASCII case, extra spaces, dots and commas.
fn state_like() -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = UsState::ALL
        .iter()
        .flat_map(|s| {
            [s.as_str(), s.name()]
                .into_iter()
                .chain(s.aliases().iter().copied())
        })
        .collect();
    (
        prop::sample::select(names),
        prop::collection::vec(prop::sample::select(vec!["", " ", ".", ",", "  "]), 0..4),
        any::<u64>(),
    )
        .prop_map(|(name, noise, seed)| {
            let mut out: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if seed >> (i % 64) & 1 == 1 {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect();
            for (i, n) in noise.into_iter().enumerate() {
                if i % 2 == 0 {
                    out.push_str(n);
                } else {
                    out.insert_str(0, n);
                }
            }
            out
        })
}

/// Serializing and deserializing gives the value back (with the `serde` feature).
#[cfg(feature = "serde")]
fn round_trip<T>(value: T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(&value).unwrap();
    prop_assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
    Ok(())
}

#[cfg(not(feature = "serde"))]
fn round_trip<T>(_value: T) -> Result<(), TestCaseError> {
    Ok(())
}

fn check_country(input: &str) -> Result<(), TestCaseError> {
    if let Ok(country) = Country::parse(input) {
        prop_assert_eq!(Country::parse(country.as_str()), Ok(country));
        prop_assert_eq!(country.as_str().len(), 2);
        round_trip(country)?;
    }
    let _ = is_us_address(Some(input));
    Ok(())
}

fn check_state(input: &str, set: StateSet) -> Result<(), TestCaseError> {
    if let Ok(state) = UsState::parse_with(input, set) {
        prop_assert!(set.contains(state));
        prop_assert_eq!(UsState::parse_with(state.as_str(), set), Ok(state));
        prop_assert_eq!(UsState::parse_with(state.name(), set), Ok(state));
        prop_assert_eq!(UsState::parse(input), Ok(state));
        round_trip(state)?;
    }
    Ok(())
}

fn check_zip(input: &str) -> Result<(), TestCaseError> {
    if let Ok(zip) = PostalCode::parse_us(input) {
        prop_assert_eq!(PostalCode::parse_us(zip.as_str()), Ok(zip));
        // A normalized US code also meets the other-country rules unchanged.
        prop_assert_eq!(PostalCode::parse_international(zip.as_str()), Ok(zip));
        round_trip(zip)?;
    }
    if let Ok(zip) = PostalCode::parse_international(input) {
        prop_assert_eq!(PostalCode::parse_international(zip.as_str()), Ok(zip));
        prop_assert!((2..=16).contains(&zip.as_str().len()));
        round_trip(zip)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn country_any_unicode(input in any::<String>()) {
        check_country(&input)?;
    }

    #[test]
    fn country_two_letters(input in "[ \t]{0,2}[A-Za-z]{2}[ \t]{0,2}") {
        let country = Country::parse(&input);
        if let Ok(c) = country {
            prop_assert_eq!(c.as_str(), input.trim().to_ascii_uppercase());
        }
        check_country(&input)?;
    }

    #[test]
    fn country_near_misses(input in "[A-Za-z0-9. ]{1,6}") {
        check_country(&input)?;
        if let Err(e) = Country::parse(&input) {
            if let Some(s) = e.suggestion() {
                prop_assert!(Country::parse(s).is_ok(), "suggestion {} is valid", s);
            }
        }
    }

    #[test]
    fn state_any_unicode(input in any::<String>(), set in any_set()) {
        check_state(&input, set)?;
    }

    #[test]
    fn state_names_with_noise(input in state_like(), set in any_set()) {
        check_state(&input, set)?;
        // Names with ASCII case changes and `.`/`,`/space noise at the edges all match.
        prop_assert!(UsState::parse(&input).is_ok(), "{:?}", input);
    }

    #[test]
    fn zip_any_unicode(input in any::<String>()) {
        check_zip(&input)?;
    }

    #[test]
    fn zip_us_shapes(input in "[0-9]{5}([ -]?[0-9]{4})?") {
        check_zip(&input)?;
        let zero = input.starts_with("00000");
        prop_assert_eq!(PostalCode::parse_us(&input).is_ok(), !zero);
    }

    #[test]
    fn zip_postal_like(input in "[A-Za-z0-9 \t-]{0,20}") {
        check_zip(&input)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn long_inputs_do_not_panic(input in long_string(), set in any_set()) {
        check_country(&input)?;
        check_state(&input, set)?;
        check_zip(&input)?;
    }
}
