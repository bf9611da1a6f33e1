//! Validates the same mix of numbers on 1 and 2 threads and prints the throughput,
//! to show that validation shares no lock; then reports how many were accepted.
//! `cargo run --release --example phone_throughput [numbers_per_thread]`
//! (run it under `/usr/bin/time -v` for the resident memory after 100,000 numbers).

use std::time::Instant;

use vivamo_validate::Phone;

const NUMBERS: [&str; 12] = [
    "(212) 555-0123",
    "12125550123",
    "+1 876 210 1234",
    "+44 7400 123456",
    "+49 151 23456789",
    "+33 6 12 34 56 78",
    "+91 81234 56789",
    "+86 131 2345 6789",
    "+55 11 96123-4567",
    "+81 90-1234-5678",
    "+1 555 123 4567",
    "+234 802 123 4567",
];

fn run(count: usize) -> usize {
    (0..count)
        .filter(|i| Phone::parse(NUMBERS[i % NUMBERS.len()]).is_ok())
        .count()
}

fn main() {
    let per_thread: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    // Warm every calling code used, so the timing is of validation only.
    run(NUMBERS.len());
    for threads in [1usize, 2] {
        let start = Instant::now();
        let accepted: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| scope.spawn(|| run(per_thread)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
        let seconds = start.elapsed().as_secs_f64();
        let total = threads * per_thread;
        println!(
            "{threads} thread(s): {total} numbers in {:.1} ms, {:.2} M numbers/s ({accepted} accepted)",
            seconds * 1e3,
            total as f64 / seconds / 1e6
        );
    }
}
