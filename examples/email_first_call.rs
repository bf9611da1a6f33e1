//! The cost of the first email check in a fresh process, where a lazily loaded
//! list would pay its loading: `cargo run --release --example email_first_call`.
//! Prints the first and a second call's wall time in nanoseconds.
use std::time::Instant;

use vivamo_validate::Email;

fn main() {
    let start = Instant::now();
    let first = Email::parse("jane@foo.mailinator.com");
    let first_ns = start.elapsed().as_nanos();
    let start = Instant::now();
    let second = Email::parse("jane@bar.mailinator.com");
    let second_ns = start.elapsed().as_nanos();
    assert!(first.is_err() && second.is_err());
    println!("first_call_ns={first_ns} second_call_ns={second_ns}");
}
