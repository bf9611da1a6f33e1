//! Drives `tests/vectors/state.tsv` (SPEC §5): every row asserts the outcome
//! exactly (normalized code, or code, detail, suggestion and message) under the
//! row's `StateSet`.

#[path = "support/address_vectors.rs"]
mod support;
use support::{check, unescape};

use vivamo_validate::{StateKind, StateSet, UsState};

#[test]
fn state_vectors() {
    let text = include_str!("vectors/state.tsv");
    let mut rows = 0;
    let mut sets_seen = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("set\t") || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let set: StateSet = cols[0].parse().expect("set name");
        sets_seen.insert(set);
        let input = unescape(cols[1]);
        let got = UsState::parse_with(&input, set).map(|s| s.as_str().to_owned());
        check(i + 1, &input, got.clone(), &cols[2..]);
        if set == StateSet::All {
            assert_eq!(UsState::parse(&input).map(|s| s.to_string()), got);
            assert_eq!(input.parse::<UsState>(), UsState::try_from(input.as_str()));
        }
        rows += 1;
    }
    assert_eq!(sets_seen.len(), 4, "every StateSet has rows");
    assert!(rows >= 40, "only {rows} rows");
}

#[test]
fn every_code_and_name_parses_to_itself() {
    for state in UsState::ALL {
        assert_eq!(UsState::parse(state.as_str()), Ok(*state));
        assert_eq!(
            UsState::parse(&state.as_str().to_ascii_lowercase()),
            Ok(*state)
        );
        assert_eq!(UsState::parse(state.name()), Ok(*state));
        assert_eq!(
            UsState::parse(&state.name().to_ascii_uppercase()),
            Ok(*state)
        );
        assert_eq!(
            UsState::parse(&format!("US-{}", state.as_str())),
            Ok(*state)
        );
        for alias in state.aliases() {
            assert_eq!(UsState::parse(alias), Ok(*state), "{alias}");
        }
    }
}

#[test]
fn sets_are_nested_and_sized() {
    let members = |set: StateSet| UsState::ALL.iter().filter(|s| set.contains(**s)).count();
    assert_eq!(members(StateSet::States), 50);
    assert_eq!(members(StateSet::StatesAndDc), 51);
    assert_eq!(members(StateSet::StatesDcAndTerritories), 59);
    assert_eq!(members(StateSet::All), 62);
    let territories: Vec<&str> = UsState::ALL
        .iter()
        .filter(|s| matches!(s.kind(), StateKind::Territory | StateKind::FreelyAssociated))
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        territories,
        ["AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW"]
    );
    for set in StateSet::ALL {
        assert_eq!(set.as_str().parse::<StateSet>(), Ok(set));
        assert_eq!(set.to_string(), set.as_str());
    }
    assert!("every".parse::<StateSet>().is_err());
}

#[test]
fn send_sync_copy() {
    fn assert_traits<T: Send + Sync + Copy + 'static>() {}
    assert_traits::<UsState>();
    assert_traits::<StateSet>();
}
