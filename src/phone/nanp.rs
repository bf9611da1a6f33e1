//! Ten-digit `+1` numbers by table: the answer (invalid, or region and line type) for
//! every area code and exchange (NPA-NXX, the first six digits of the NSN), so that the
//! commonest number of all costs three array look-ups instead of up to 25 territory
//! walks (`+1` is shared by 25 territories, and a Caribbean number is only found after
//! the US has been tried).
//!
//! The table ([`table`], `src/phone/nanp_table.rs`) is generated, never typed: from the
//! bundled metadata, through the very automata [`super::classify`] walks
//! ([`super::automata`]; regenerate those first when the metadata change), by
//! `VIVAMO_WRITE_NANP_TABLE=1 cargo test --release --lib nanp_table_is_current -- --ignored`
//! (without the variable the same test only compares, and fails when the committed
//! file is stale; `scripts/check_bundled_data.sh` runs it). The generator follows every
//! automaton digit by digit: two prefixes that lead every territory's automaton to the
//! same states have the same answer for every line number, so each distinct set of
//! states is resolved once, down to the last digit, and a prefix whose answer depends on
//! its line number is found exactly rather than sampled. With libphonenumber 9.0.43
//! these are 246-521, 246-522 (Barbados) and 876-606 (Jamaica); the table marks them
//! [`table::LINE_DEPENDENT`] and they take the automata walk.

#[rustfmt::skip] // generated, compared byte for byte
#[path = "nanp_table.rs"]
mod table;

use super::classify::Classified;

/// The position of calling code 1 in the metadata's ascending list.
pub(super) const NANP_INDEX: usize = 0;

/// The answer for the NSN of a `+1` number: `None` when the table does not decide it
/// (not ten digits, or a line-dependent prefix), else `Some(None)` for an invalid number
/// and `Some(Some(facts))` for a valid one.
pub(super) fn lookup(nsn: &str) -> Option<Option<Classified>> {
    let digits: &[u8; 10] = nsn.as_bytes().try_into().ok()?;
    let value = |range: std::ops::Range<usize>| {
        digits.get(range)?.iter().try_fold(0usize, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + usize::from(b - b'0'))
        })
    };
    let (npa, nx, x) = (value(0..3)?, value(3..4)?, value(4..6)?);
    let row = *table::NPA_ROWS.get(npa)?;
    let chunk = *table::ROWS.get(usize::from(row))?.get(nx)?;
    let code = *table::CHUNKS.get(usize::from(chunk))?.get(x)?;
    if code == table::LINE_DEPENDENT {
        return None;
    }
    let Some(index) = usize::from(code).checked_sub(1) else {
        return Some(None);
    };
    let &(region, line_type) = table::OUTCOMES.get(index)?;
    Some(Some(Classified {
        calling_code: 1,
        region,
        line_type,
    }))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::fmt::Write;

    use super::super::automata::{self, Automaton, State};
    use super::super::classify::{self, decide};
    use super::super::metadata::CALLING_CODES;
    use super::super::reference;
    use super::*;

    const TABLE_FILE: &str = include_str!("nanp_table.rs");

    /// What every line number of a prefix gives.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Summary {
        Uniform(Option<Classified>),
        Mixed,
    }

    struct Generator {
        automata: Vec<Automaton>,
        memo: HashMap<(usize, Vec<State>), Summary>,
    }

    impl Generator {
        fn step(&self, states: &[State], digit: u8) -> Vec<State> {
            self.automata
                .iter()
                .zip(states)
                .map(|(automaton, &state)| automaton.next(state, digit))
                .collect()
        }

        /// The answer for every NSN that continues the input that led to `states` with
        /// `remaining` more digits.
        fn summary(&mut self, states: Vec<State>, remaining: usize) -> Summary {
            if remaining == 0 {
                let matches: Vec<_> = self
                    .automata
                    .iter()
                    .zip(&states)
                    .map(|(automaton, &state)| automaton.matches_at_end(state))
                    .collect();
                let found = decide(NANP_INDEX, 10, |i| matches.get(i).copied().unwrap_or(0));
                return Summary::Uniform(match found {
                    Ok(facts) => Some(facts),
                    Err(error) => {
                        // The only error a ten-digit +1 NSN can have.
                        assert_eq!(error.detail(), Some("invalid_number"));
                        None
                    }
                });
            }
            let key = (remaining, states);
            if let Some(&known) = self.memo.get(&key) {
                return known;
            }
            let mut result = None;
            for digit in 0..10 {
                let next = self.step(&key.1, digit);
                let child = self.summary(next, remaining - 1);
                match result {
                    None => result = Some(child),
                    Some(seen) if seen == child => {}
                    Some(_) => {
                        result = Some(Summary::Mixed);
                        break;
                    }
                }
            }
            let result = result.unwrap_or(Summary::Mixed);
            self.memo.insert(key, result);
            result
        }
    }

    /// The text of `src/phone/nanp_table.rs`.
    fn generate() -> String {
        let territories = CALLING_CODES[NANP_INDEX].territories;
        let mut generator = Generator {
            automata: (0..territories.len())
                .map(|t| automata::territory(NANP_INDEX, t).expect("every +1 automaton"))
                .collect(),
            memo: HashMap::new(),
        };
        let start = vec![automata::START; territories.len()];

        // Per prefix (10^6, in order), its summary: depth-first over six digits.
        let mut summaries = Vec::with_capacity(1_000_000);
        let mut stack = vec![(start, 0usize)];
        while let Some((states, depth)) = stack.pop() {
            if depth == 6 {
                summaries.push(generator.summary(states, 4));
                continue;
            }
            for digit in (0..10).rev() {
                stack.push((generator.step(&states, digit), depth + 1));
            }
        }
        assert_eq!(summaries.len(), 1_000_000);

        let mut outcomes: Vec<(&str, crate::LineType)> = Vec::new();
        let mut codes = Vec::with_capacity(summaries.len());
        let mut line_dependent = Vec::new();
        for (prefix, summary) in summaries.iter().enumerate() {
            codes.push(match summary {
                Summary::Mixed => {
                    line_dependent.push(prefix);
                    GENERATED_LINE_DEPENDENT
                }
                Summary::Uniform(None) => 0u8,
                Summary::Uniform(Some(facts)) => {
                    let entry = (facts.region, facts.line_type);
                    let index = match outcomes.iter().position(|o| *o == entry) {
                        Some(index) => index,
                        None => {
                            outcomes.push(entry);
                            outcomes.len() - 1
                        }
                    };
                    u8::try_from(index + 1).expect("under 255 outcomes")
                }
            });
        }
        assert!(outcomes.len() < usize::from(GENERATED_LINE_DEPENDENT));

        // Two levels of shared blocks: 100 exchanges, then 10 of those per area code.
        let mut chunks: Vec<&[u8]> = Vec::new();
        let mut chunk_index: HashMap<&[u8], u16> = HashMap::new();
        let mut rows: Vec<[u16; 10]> = Vec::new();
        let mut row_index: HashMap<[u16; 10], u16> = HashMap::new();
        let mut npa_rows = Vec::with_capacity(1000);
        for npa in codes.chunks(1000) {
            let mut row = [0u16; 10];
            for (slot, chunk) in row.iter_mut().zip(npa.chunks(100)) {
                *slot = *chunk_index.entry(chunk).or_insert_with(|| {
                    chunks.push(chunk);
                    u16::try_from(chunks.len() - 1).expect("few chunks")
                });
            }
            npa_rows.push(*row_index.entry(row).or_insert_with(|| {
                rows.push(row);
                u16::try_from(rows.len() - 1).expect("few rows")
            }));
        }

        let mut out = String::new();
        let version = super::super::PHONE_METADATA_VERSION;
        let exceptions: Vec<String> = line_dependent
            .iter()
            .map(|p| format!("{:03}-{:03}", p / 1000, p % 1000))
            .collect();
        let _ = writeln!(
            out,
            "// @generated from src/phone/metadata.rs (libphonenumber {version}) by the test\n\
             // `nanp_table_is_current` in src/phone/nanp.rs. Do not edit: regenerate with\n\
             // `VIVAMO_WRITE_NANP_TABLE=1 cargo test --release --lib nanp_table_is_current -- --ignored`.\n\
             //\n\
             // The answer for every ten-digit +1 NSN by its first six digits (area code and\n\
             // exchange): 0 invalid, n a valid number with OUTCOMES[n - 1], LINE_DEPENDENT\n\
             // when the answer depends on the line number ({}). Stored as\n\
             // NPA_ROWS[area code] -> ROWS[..][first exchange digit] -> CHUNKS[..][last two].\n\
             \n\
             use crate::LineType;\n\
             \n\
             /// The metadata release this table was generated from (checked by a test).\n\
             #[cfg(test)]\n\
             pub(super) const METADATA_VERSION: &str = \"{version}\";\n\
             \n\
             /// The code of a prefix whose answer depends on its line number.\n\
             pub(super) const LINE_DEPENDENT: u8 = {};\n\
             \n\
             /// Region and line type of each valid code, from 1.\n\
             pub(super) static OUTCOMES: &[(&str, LineType)] = &[",
            exceptions.join(", "),
            GENERATED_LINE_DEPENDENT,
        );
        for (region, line_type) in &outcomes {
            let _ = writeln!(out, "    (\"{region}\", LineType::{line_type:?}),");
        }
        let _ = writeln!(
            out,
            "];\n\n/// Per area code, its row.\npub(super) static NPA_ROWS: [u16; 1000] = ["
        );
        for line in npa_rows.chunks(20) {
            let items: Vec<String> = line.iter().map(u16::to_string).collect();
            let _ = writeln!(out, "    {},", items.join(", "));
        }
        let _ = writeln!(
            out,
            "];\n\n/// Per row, the chunk of each first exchange digit.\npub(super) static ROWS: &[[u16; 10]] = &["
        );
        for row in &rows {
            let items: Vec<String> = row.iter().map(u16::to_string).collect();
            let _ = writeln!(out, "    [{}],", items.join(", "));
        }
        let _ = writeln!(
            out,
            "];\n\n/// Per chunk, the code of each of its 100 exchanges.\npub(super) static CHUNKS: &[[u8; 100]] = &["
        );
        for chunk in &chunks {
            let _ = writeln!(out, "    [");
            for line in chunk.chunks(25) {
                let items: Vec<String> = line.iter().map(u8::to_string).collect();
                let _ = writeln!(out, "        {},", items.join(", "));
            }
            let _ = writeln!(out, "    ],");
        }
        out.push_str("];\n");
        out
    }

    /// The code the generator gives line-dependent prefixes.
    const GENERATED_LINE_DEPENDENT: u8 = 255;

    /// The check of the generated file, and the way to write it (see the module docs).
    /// Ignored in debug runs: it walks 25 automata over 10^6 prefixes (0.12 s in release,
    /// 2 s in debug builds).
    #[test]
    #[ignore = "slow in debug builds: run with --release -- --ignored"]
    fn nanp_table_is_current() {
        let text = generate();
        if std::env::var_os("VIVAMO_WRITE_NANP_TABLE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/phone/nanp_table.rs");
            std::fs::write(path, &text).expect("write the table");
            return;
        }
        assert!(
            text == TABLE_FILE,
            "src/phone/nanp_table.rs is stale: regenerate it (see src/phone/nanp.rs)"
        );
    }

    #[test]
    fn table_names_the_bundled_release_and_calling_code() {
        assert_eq!(table::METADATA_VERSION, crate::PHONE_METADATA_VERSION);
        assert_eq!(CALLING_CODES[NANP_INDEX].code, 1);
        assert_eq!(table::LINE_DEPENDENT, GENERATED_LINE_DEPENDENT);
    }

    /// Line numbers tried for every prefix: both ends, the middle, a spread, and the
    /// ranges where the exceptions differ (246-521/522: Barbados ranges by thousands).
    const LINES: [u16; 6] = [0, 1234, 5000, 6543, 9000, 9999];

    /// The `+1` NSN `npa nxx line` as the fast path (table, then automata) and the
    /// straightforward regex matcher see it.
    fn agree(prefix: usize, line: u16) {
        let digits = format!("1{prefix:06}{line:04}");
        let fast = classify::classify(&digits);
        let slow = reference::classify(&digits);
        assert_eq!(fast, slow, "+{digits}");
    }

    fn line_dependent_prefixes() -> Vec<usize> {
        (0..1_000_000)
            .filter(|&prefix| {
                let nsn = format!("{prefix:06}0000");
                lookup(&nsn).is_none()
            })
            .collect()
    }

    #[test]
    fn exceptions_are_the_known_three_and_agree_on_every_line() {
        assert_eq!(line_dependent_prefixes(), [246_521, 246_522, 876_606]);
        for prefix in line_dependent_prefixes() {
            for line in 0..10_000 {
                agree(prefix, line);
            }
        }
    }

    /// A sample of the prefixes for debug runs (every area code, a spread of exchanges);
    /// `table_agrees_with_the_regex_matcher_everywhere` checks them all.
    #[test]
    fn table_agrees_with_the_regex_matcher_sampled() {
        for npa in 0..1000 {
            for nxx in [0, 199, 200, 201, 211, 555, 606, 911, 958, 999]
                .into_iter()
                .chain([(npa * 7919) % 1000, (npa * 104_729 + 13) % 1000])
            {
                agree(npa * 1000 + nxx, LINES[(npa + nxx) % LINES.len()]);
            }
        }
    }

    /// Every one of the 10^6 prefixes with every line number of [`LINES`]: about 5 s in
    /// release (`cargo test --release --lib nanp -- --ignored`).
    #[test]
    #[ignore = "slow in debug builds: run with --release -- --ignored"]
    fn table_agrees_with_the_regex_matcher_everywhere() {
        for prefix in 0..1_000_000 {
            for line in LINES {
                agree(prefix, line);
            }
        }
    }

    #[test]
    fn lookup_declines_what_it_does_not_cover() {
        assert_eq!(lookup("212555012"), None);
        assert_eq!(lookup("21255501234"), None);
        assert_eq!(lookup("21x5550123"), None);
        assert_eq!(lookup("2465210000"), None);
        assert_eq!(
            lookup("2125550123"),
            Some(Some(Classified {
                calling_code: 1,
                region: "US",
                line_type: crate::LineType::FixedLineOrMobile,
            }))
        );
        assert_eq!(lookup("5551234567"), Some(None));
    }
}
