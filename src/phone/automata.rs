//! Each territory's patterns as one precompiled automaton over the ten digits: the
//! tables [`super::classify`] walks to learn, in one pass over an NSN, which of a
//! territory's patterns (general, every type, its leading digits) match it.
//!
//! The automata are generated, never typed, so that nothing is compiled at run time (in
//! a fresh WebAssembly instance, compiling a territory's patterns on its first number
//! cost tens of milliseconds; see bindings/wasm/README.md). The test
//! `territory_dfas_are_current` compiles every territory's patterns together with
//! `regex-automata` (one dense DFA, anchored, reporting every pattern that matches the
//! whole NSN, `\d` as ASCII), keeps the states the ten digits reach from the start,
//! minimizes them over that alphabet and numbers them breadth first; it compares the
//! result with the committed `src/phone/territory_dfas.bin` (the states) and
//! `src/phone/territory_dfas.rs` (where each territory's states start) and fails when
//! they are stale. `VIVAMO_WRITE_TERRITORY_DFAS=1 cargo test --lib
//! territory_dfas_are_current` writes them instead; `src/phone/nanp_table.rs`, built
//! from these automata, is regenerated after them (see [`super::nanp`]).
//!
//! A state is a row of eleven little-endian `u16`: the next state after each digit
//! 0–9, then the [`Matches`] of an NSN that ends there. State 0 is dead (nothing that
//! follows can match, so it has no row); a territory's start is state 1, its first row.

#[rustfmt::skip] // generated, compared byte for byte
#[path = "territory_dfas.rs"]
mod table;

use super::classify::Matches;
#[cfg(test)]
use super::metadata::CALLING_CODES;

/// Every territory's states, territory after territory (see the module docs).
static ROWS: &[u8] = include_bytes!("territory_dfas.bin");

/// A state of one territory's automaton.
pub(super) type State = u16;

/// The state from which no digits lead to a match.
pub(super) const DEAD: State = 0;

/// The state before the first digit.
pub(super) const START: State = 1;

/// The columns of a row: one transition per digit, then the matches at the end.
const COLUMNS: usize = 11;
const MATCHES_COLUMN: usize = 10;
const ROW_BYTES: usize = 2 * COLUMNS;

/// One territory's automaton: its rows of [`ROWS`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Automaton {
    rows: &'static [[u8; ROW_BYTES]],
}

impl Automaton {
    /// The state after `digit` (0–9) in `state`; any other value leads to [`DEAD`].
    pub(super) fn next(self, state: State, digit: u8) -> State {
        if digit > 9 {
            return DEAD;
        }
        self.cell(state, usize::from(digit))
    }

    /// The patterns matched by an NSN that has led to `state` and ends there.
    pub(super) fn matches_at_end(self, state: State) -> Matches {
        self.cell(state, MATCHES_COLUMN)
    }

    /// Which patterns wholly match `nsn`: one walk over its digits. A byte that is not
    /// an ASCII digit matches nothing.
    pub(super) fn matches(self, nsn: &[u8]) -> Matches {
        let mut state = START;
        for &b in nsn {
            state = self.next(state, b.wrapping_sub(b'0'));
            if state == DEAD {
                return 0;
            }
        }
        self.matches_at_end(state)
    }

    /// Column `column` of `state`'s row; the dead state's are all 0, and so is a cell
    /// the table lacks (the test of the generated table makes that impossible).
    fn cell(self, state: State, column: usize) -> u16 {
        let Some(row) = usize::from(state)
            .checked_sub(1)
            .and_then(|r| self.rows.get(r))
        else {
            return 0;
        };
        match (row.get(2 * column), row.get(2 * column + 1)) {
            (Some(&low), Some(&high)) => u16::from_le_bytes([low, high]),
            _ => 0,
        }
    }

    /// The number of states with a row (the live ones).
    #[cfg(test)]
    fn len(self) -> usize {
        self.rows.len()
    }
}

/// The automaton of territory `territory` (its position among its calling code's) of
/// the calling code at `index` in [`super::metadata::CALLING_CODES`].
pub(super) fn territory(index: usize, territory: usize) -> Option<Automaton> {
    let first = usize::from(*table::FIRST_TERRITORY.get(index)?);
    let next_code = table::FIRST_TERRITORY
        .get(index + 1)
        .map_or(table::FIRST_ROW.len().saturating_sub(1), |&t| {
            usize::from(t)
        });
    let flat = first + territory;
    if flat >= next_code {
        return None;
    }
    let start = usize::try_from(*table::FIRST_ROW.get(flat)?).ok()?;
    let end = usize::try_from(*table::FIRST_ROW.get(flat + 1)?).ok()?;
    let (rows, _) = ROWS.as_chunks::<ROW_BYTES>();
    Some(Automaton {
        rows: rows.get(start..end)?,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet, VecDeque};
    use std::fmt::Write;

    use regex_automata::dfa::{dense, Automaton as _, StartKind};
    use regex_automata::util::primitives::StateID;
    use regex_automata::util::{start, syntax};
    use regex_automata::{Anchored, MatchKind};

    use super::super::classify::{Territory, GENERAL_BIT, LEADING_BIT};
    use super::*;

    const TABLE_FILE: &str = include_str!("territory_dfas.rs");

    /// The patterns of `meta` as one dense DFA: anchored, reporting every pattern that
    /// matches (`MatchKind::All`), and the [`Matches`] bit of each of its patterns.
    fn compile(meta: &Territory) -> (dense::DFA<Vec<u32>>, Vec<u32>) {
        let mut patterns = vec![meta.general.pattern.to_owned()];
        let mut bits = vec![GENERAL_BIT];
        for (index, desc) in meta.types.iter().enumerate() {
            if let Some(desc) = desc {
                patterns.push(desc.pattern.to_owned());
                bits.push(1 + index as u32);
            }
        }
        if let Some(leading) = meta.leading_digits {
            // A prefix match on a string of digits.
            patterns.push(format!("(?:{leading})[0-9]*"));
            bits.push(LEADING_BIT);
        }
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .match_kind(MatchKind::All)
                    .start_kind(StartKind::Anchored),
            )
            // The NSN is ASCII digits: `\d` may be ASCII, which keeps the DFA small.
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .build_many(&patterns)
            .unwrap_or_else(|e| panic!("{}: {e}", meta.id));
        (dfa, bits)
    }

    /// A digit automaton before numbering: per state its ten successors and its
    /// matches at the end, state 0 dead and state 1 the start.
    struct Digits {
        next: Vec<[usize; 10]>,
        matches: Vec<Matches>,
    }

    /// The states of `dfa` that digits reach from its anchored start. No input with
    /// another byte may match: that is what lets [`Automaton::matches`] answer "no
    /// match" for them without a table.
    fn digit_states(id: &str, dfa: &dense::DFA<Vec<u32>>, bits: &[u32]) -> Digits {
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .expect("an anchored start");
        let matches_at_end = |sid: StateID| -> Matches {
            let end = dfa.next_eoi_state(sid);
            if !dfa.is_match_state(end) {
                return 0;
            }
            (0..dfa.match_len(end))
                .map(|i| bits[dfa.match_pattern(end, i).as_usize()])
                .fold(0, |acc, b| acc | 1 << b)
        };
        let mut index: HashMap<StateID, usize> = HashMap::new();
        let mut queue = VecDeque::new();
        let mut digits = Digits {
            next: vec![[0; 10]],
            matches: vec![0],
        };
        // Bytes that stand for all others: one of each class the DFA tells apart; and
        // one of each class that holds a byte other than a digit.
        let classes = dfa.byte_classes();
        let mut every_class = Vec::new();
        let mut off_digit_class = Vec::new();
        for byte in 0..=255u8 {
            let class = classes.get(byte);
            if !every_class.iter().any(|&b| classes.get(b) == class) {
                every_class.push(byte);
            }
            if !byte.is_ascii_digit() && !off_digit_class.iter().any(|&b| classes.get(b) == class) {
                off_digit_class.push(byte);
            }
        }
        // Where a byte other than a digit leads, and every state after that.
        let mut off_digits: HashSet<StateID> = HashSet::new();
        let mut off_queue = VecDeque::new();
        assert!(!dfa.is_dead_state(start), "{id}: nothing matches");
        index.insert(start, 1);
        queue.push_back(start);
        while let Some(sid) = queue.pop_front() {
            let mut next = [0; 10];
            for (slot, byte) in next.iter_mut().zip(b'0'..=b'9') {
                let to = dfa.next_state(sid, byte);
                if dfa.is_dead_state(to) {
                    continue;
                }
                let len = index.len();
                *slot = *index.entry(to).or_insert_with(|| {
                    queue.push_back(to);
                    len + 1
                });
            }
            for &byte in &off_digit_class {
                let to = dfa.next_state(sid, byte);
                if off_digits.insert(to) {
                    off_queue.push_back(to);
                }
            }
            digits.next.push(next);
            digits.matches.push(matches_at_end(sid));
        }
        while let Some(sid) = off_queue.pop_front() {
            assert_eq!(
                matches_at_end(sid),
                0,
                "{id}: an input with a non-digit matches"
            );
            for &byte in &every_class {
                let to = dfa.next_state(sid, byte);
                if off_digits.insert(to) {
                    off_queue.push_back(to);
                }
            }
        }
        for &sid in index.keys().chain(&off_digits) {
            assert!(!dfa.is_quit_state(sid), "{id}: a quit byte");
        }
        digits
    }

    /// The minimal automaton of `digits` (Moore's partition refinement: states with
    /// the same matches whose successors stay in the same classes are one), numbered
    /// breadth first from the start, digit by digit, as rows.
    fn minimal_rows(id: &str, digits: &Digits) -> Vec<[u16; COLUMNS]> {
        let mut class: Vec<usize> = Vec::new();
        let mut count = 0;
        loop {
            let mut ids: HashMap<(usize, Matches, [usize; 10]), usize> = HashMap::new();
            let refined: Vec<usize> = (0..digits.next.len())
                .map(|s| {
                    let own = class.get(s).copied().unwrap_or(0);
                    let next = digits.next[s].map(|t| class.get(t).copied().unwrap_or(0));
                    let len = ids.len();
                    *ids.entry((own, digits.matches[s], next)).or_insert(len)
                })
                .collect();
            let stable = ids.len() == count;
            count = ids.len();
            class = refined;
            if stable {
                break;
            }
        }
        // A class's first state stands for it; the dead state's class is state 0.
        let mut first = vec![usize::MAX; count];
        for (s, &c) in class.iter().enumerate().rev() {
            first[c] = s;
        }
        let mut number: HashMap<usize, u16> = HashMap::from([(class[0], DEAD)]);
        assert!(class[1] != class[0], "{id}: nothing matches");
        number.insert(class[1], START);
        let mut queue = VecDeque::from([class[1]]);
        let mut rows = Vec::new();
        while let Some(c) = queue.pop_front() {
            let s = first[c];
            let mut row = [0u16; COLUMNS];
            for (cell, &t) in row.iter_mut().zip(&digits.next[s]) {
                let len = number.len();
                *cell = *number.entry(class[t]).or_insert_with(|| {
                    queue.push_back(class[t]);
                    u16::try_from(len).expect("under 65,536 states a territory")
                });
            }
            row[MATCHES_COLUMN] = digits.matches[s];
            rows.push(row);
        }
        rows
    }

    /// The generated pair: the bytes of `territory_dfas.bin` and the text of
    /// `territory_dfas.rs`.
    fn generate() -> (Vec<u8>, String) {
        let mut bin = Vec::new();
        let mut first_territory = Vec::new();
        let mut first_row = Vec::new();
        let mut rows_total = 0usize;
        for cc in CALLING_CODES {
            first_territory.push(first_row.len());
            for meta in cc.territories {
                let (dfa, bits) = compile(meta);
                let rows = minimal_rows(meta.id, &digit_states(meta.id, &dfa, &bits));
                first_row.push((rows_total, cc.code, meta.id));
                rows_total += rows.len();
                for cell in rows.iter().flatten() {
                    bin.extend_from_slice(&cell.to_le_bytes());
                }
            }
        }

        let version = super::super::PHONE_METADATA_VERSION;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// @generated from src/phone/metadata.rs (libphonenumber {version}) by the test\n\
             // `territory_dfas_are_current` in src/phone/automata.rs, with territory_dfas.bin\n\
             // beside it. Do not edit: regenerate both with\n\
             // `VIVAMO_WRITE_TERRITORY_DFAS=1 cargo test --lib territory_dfas_are_current`,\n\
             // then src/phone/nanp_table.rs, which is built from these automata.\n\
             //\n\
             // Each territory's patterns as one minimal automaton over the digits: {} states\n\
             // in all, one row of territory_dfas.bin ({} bytes) each. Row r of a territory is\n\
             // its state r + 1; state 0 is dead, state 1 the start.\n\
             \n\
             /// The metadata release these automata were generated from (checked by a test).\n\
             #[cfg(test)]\n\
             pub(super) const METADATA_VERSION: &str = \"{version}\";\n\
             \n\
             /// Per calling code (as in `CALLING_CODES`), the index in [`FIRST_ROW`] of its\n\
             /// main territory.\n\
             pub(super) static FIRST_TERRITORY: [u16; {}] = [",
            rows_total,
            bin.len(),
            first_territory.len(),
        );
        for line in first_territory.chunks(20) {
            let items: Vec<String> = line.iter().map(usize::to_string).collect();
            let _ = writeln!(out, "    {},", items.join(", "));
        }
        let _ = writeln!(
            out,
            "];\n\n\
             /// Per territory (calling codes in order, each main territory first), the row of\n\
             /// its start state; the last entry is the number of rows.\n\
             pub(super) static FIRST_ROW: [u32; {}] = [",
            first_row.len() + 1
        );
        for (row, code, id) in &first_row {
            let _ = writeln!(out, "    {row}, // +{code} {id}");
        }
        let _ = writeln!(out, "    {rows_total},\n];");
        (bin, out)
    }

    /// The check of the generated files, and the way to write them (see the module
    /// docs): compiles every territory's patterns, about 1 s in debug builds.
    #[test]
    fn territory_dfas_are_current() {
        let (bin, text) = generate();
        if std::env::var_os("VIVAMO_WRITE_TERRITORY_DFAS").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/phone/");
            std::fs::write(format!("{dir}territory_dfas.bin"), &bin).expect("write the states");
            std::fs::write(format!("{dir}territory_dfas.rs"), &text).expect("write the index");
            return;
        }
        assert!(
            bin == ROWS && text == TABLE_FILE,
            "src/phone/territory_dfas.bin or .rs is stale: regenerate them (see src/phone/automata.rs)"
        );
    }

    #[test]
    fn table_names_the_bundled_release() {
        assert_eq!(table::METADATA_VERSION, crate::PHONE_METADATA_VERSION);
    }

    /// What the walk relies on: one automaton for each territory, no more; rows that
    /// tile the file; every transition to a state of its own territory.
    #[test]
    fn every_territory_has_an_automaton() {
        let territories: usize = CALLING_CODES.iter().map(|cc| cc.territories.len()).sum();
        assert_eq!(table::FIRST_TERRITORY.len(), CALLING_CODES.len());
        assert_eq!(table::FIRST_ROW.len(), territories + 1);
        assert_eq!(table::FIRST_ROW.first(), Some(&0));
        assert!(table::FIRST_ROW.windows(2).all(|w| w[0] < w[1]));
        let last = usize::try_from(table::FIRST_ROW[territories]).unwrap();
        assert_eq!(ROWS.len(), last * ROW_BYTES);
        for (index, cc) in CALLING_CODES.iter().enumerate() {
            for (t, meta) in cc.territories.iter().enumerate() {
                let automaton = territory(index, t).expect(meta.id);
                let len = automaton.len();
                assert!(len > 0, "{}", meta.id);
                for state in 1..=len {
                    let state = State::try_from(state).unwrap();
                    for digit in 0..10 {
                        let next = usize::from(automaton.next(state, digit));
                        assert!(next <= len, "{}: {state} -> {next}", meta.id);
                    }
                }
            }
            assert!(
                territory(index, cc.territories.len()).is_none(),
                "+{}",
                cc.code
            );
        }
        assert!(territory(CALLING_CODES.len(), 0).is_none());
    }

    #[test]
    fn bytes_other_than_digits_match_nothing() {
        // GB (+44): a mobile NSN matches the general and mobile patterns.
        let index = CALLING_CODES.iter().position(|cc| cc.code == 44).unwrap();
        let gb = territory(index, 0).unwrap();
        assert_ne!(gb.matches(b"7400123456"), 0);
        for byte in (0..=255u8).filter(|b| !b.is_ascii_digit()) {
            for at in [0, 4, 9] {
                let mut nsn = *b"7400123456";
                nsn[at] = byte;
                assert_eq!(gb.matches(&nsn), 0, "{byte} at {at}");
            }
        }
        assert_eq!(gb.next(START, 10), DEAD);
        assert_eq!(gb.next(START, 255), DEAD);
        assert_eq!(gb.next(State::MAX, 0), 0);
        assert_eq!(gb.matches_at_end(DEAD), 0);
        assert_eq!(gb.matches(b""), 0);
    }
}
