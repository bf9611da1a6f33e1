//! Validates 100,000 numbers spread over every calling code (so every calling code's
//! automata are walked), for measuring resident memory:
//! `cargo build --release --example phone_memory` then
//! `/usr/bin/time -v target/release/examples/phone_memory`.

use vivamo_validate::Phone;

fn main() {
    // Calling codes are prefix-free: a code is assigned when `+code` alone is not
    // `invalid_country_code` and no shorter code is a prefix of it.
    let mut codes: Vec<u16> = Vec::new();
    for code in 1u16..1000 {
        let unknown = Phone::parse_any_line_type(&format!("+{code}"))
            .err()
            .is_some_and(|e| e.detail() == Some("invalid_country_code"));
        if !unknown
            && !codes
                .iter()
                .any(|c| code.to_string().starts_with(&c.to_string()))
        {
            codes.push(code);
        }
    }
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut accepted = 0usize;
    for i in 0..100_000usize {
        // xorshift: a cheap deterministic spread of national numbers.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let code = codes[i % codes.len()];
        let number = format!("+{code}{}", state % 10_000_000_000);
        if Phone::parse(&number).is_ok() {
            accepted += 1;
        }
    }
    println!(
        "{} calling codes, {accepted} of 100000 accepted",
        codes.len()
    );
}
