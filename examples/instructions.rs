//! Runs one input class of the criterion benches N times, for counting instructions
//! per call under callgrind, which are stable on a loaded machine where wall-clock
//! timings are not (benches/README.md):
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind target/release/examples/instructions phone_us 100000
//! valgrind --tool=callgrind target/release/examples/instructions phone_us 0
//! ```
//!
//! The difference of the two totals divided by N is the cost of one call, without
//! the process's start-up and the one-time work (building the disposable set) that
//! the first call pays.

use std::hint::black_box;

use vivamo_validate::{validate_json, Email, Options, Phone};

/// The inputs of benches/phone.rs, benches/email.rs and benches/record.rs.
const PHONE_US: &str = "(212) 555-0123";
const PHONE_E164: &str = "+12125550123";
const PHONE_INTL: [&str; 6] = [
    "+44 7400 123456",
    "+49 151 23456789",
    "+33 6 12 34 56 78",
    "+91 81234 56789",
    "+86 131 2345 6789",
    "+55 11 96123-4567",
];
const EMAIL: &str = "Jane.Doe@gmail.com";
const RECORD: &str = r#"{"externalCustomerId":"cus_000123","data":{"email":"maria.garcia@gmail.com","phone":"(212) 555-0123","firstName":"María","lastName":"García","street":"350 5th Ave","street2":"Fl 21","state":"NY","city":"New York","zip":"10118","country":"US"},"kycVerifications":[{"type":"proof_of_id","status":"verified","createdAt":"2024-03-02T09:15:00Z"}],"createdAt":"2024-03-01T12:00:00Z"}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let class = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let options = Options::default();
    // The one-time work, outside the counted loop.
    let warm = || {
        let _ = Phone::parse(PHONE_US);
        PHONE_INTL.iter().for_each(|p| drop(Phone::parse(p)));
        let _ = Email::parse(EMAIL);
        let _ = validate_json(RECORD.as_bytes(), &options);
    };
    warm();
    let mut ok = 0usize;
    for i in 0..count {
        ok += usize::from(match class.as_str() {
            "phone_us" => Phone::parse(black_box(PHONE_US)).is_ok(),
            "phone_e164" => Phone::parse(black_box(PHONE_E164)).is_ok(),
            "phone_intl" => Phone::parse(black_box(PHONE_INTL[i % PHONE_INTL.len()])).is_ok(),
            "email" => Email::parse(black_box(EMAIL)).is_ok(),
            "record" => validate_json(black_box(RECORD.as_bytes()), &options).is_ok(),
            other => {
                eprintln!(
                    "unknown class {other:?}: phone_us, phone_e164, phone_intl, email, record"
                );
                std::process::exit(2);
            }
        });
    }
    println!("{ok} of {count} valid");
}
