//! `cargo bench --bench phone`: one benchmark id per input class of SPEC §3, and the
//! `phonenumber` crate's own pipeline on the same US input as a baseline.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use vivamo_validate::Phone;

/// Mobile numbers of 24 countries (libphonenumber's examples), cycled so that no
/// single calling code's automata stay hot in cache.
const INTL_MOBILES: [&str; 24] = [
    "+44 7400 123456",
    "+49 151 23456789",
    "+33 6 12 34 56 78",
    "+39 312 345 6789",
    "+34 612 34 56 78",
    "+31 6 12345678",
    "+41 78 123 45 67",
    "+46 70 123 45 67",
    "+48 512 345 678",
    "+351 912 345 678",
    "+55 11 96123-4567",
    "+54 9 11 2345-6789",
    "+91 81234 56789",
    "+86 131 2345 6789",
    "+81 90-1234-5678",
    "+82 10-2000-0000",
    "+61 412 345 678",
    "+27 71 123 4567",
    "+234 802 123 4567",
    "+254 712 123456",
    "+7 912 345-67-89",
    "+90 501 234 56 78",
    "+971 50 123 4567",
    "+65 8123 4567",
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("phone");
    group.bench_function(BenchmarkId::from_parameter("us_formatted"), |b| {
        b.iter(|| Phone::parse(black_box("(212) 555-0123")))
    });
    group.bench_function(BenchmarkId::from_parameter("us_11_digit"), |b| {
        b.iter(|| Phone::parse(black_box("12125550123")))
    });
    group.bench_function(BenchmarkId::from_parameter("us_e164"), |b| {
        b.iter(|| Phone::parse(black_box("+12125550123")))
    });
    let mut next = 0usize;
    group.bench_function(BenchmarkId::from_parameter("intl_mix"), |b| {
        b.iter(|| {
            next = (next + 1) % INTL_MOBILES.len();
            Phone::parse(black_box(INTL_MOBILES[next]))
        })
    });
    group.bench_function(BenchmarkId::from_parameter("invalid"), |b| {
        b.iter(|| Phone::parse(black_box("+1 555 123 4567")))
    });
    group.bench_function(BenchmarkId::from_parameter("invalid_format"), |b| {
        b.iter(|| Phone::parse(black_box("1-800-FLOWERS")))
    });
    // Baseline: the phonenumber crate's parse + is_valid + number_type + E.164.
    group.bench_function(BenchmarkId::from_parameter("crate_us_formatted"), |b| {
        b.iter(|| {
            let number = phonenumber::parse(None, black_box("+1 (212) 555-0123")).ok()?;
            let valid = phonenumber::is_valid(&number);
            let kind = number.number_type(&phonenumber::metadata::DATABASE);
            Some((
                valid,
                kind,
                number.format().mode(phonenumber::Mode::E164).to_string(),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
