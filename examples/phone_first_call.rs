//! Validates one phone number in a fresh process, for timing the first call:
//! `cargo build --release --example phone_first_call` then
//! `hyperfine 'target/release/examples/phone_first_call +12125550123'`.

use std::time::Instant;

fn main() {
    let input = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "+12125550123".to_string());
    let start = Instant::now();
    let result = vivamo_validate::Phone::parse_any_line_type(&input);
    let elapsed = start.elapsed();
    match result {
        Ok(phone) => println!(
            "{} {} {} in {elapsed:?}",
            phone,
            phone.region(),
            phone.line_type()
        ),
        Err(err) => println!("{err} in {elapsed:?}"),
    }
}
