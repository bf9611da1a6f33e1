//! text, external id, timestamp.
use criterion::Criterion;
use std::hint::black_box;
use vivamo_validate::{ExternalCustomerId, Text, TextField, Timestamp};

pub fn bench(c: &mut Criterion) {
    c.bench_function("text/ascii_name", |b| {
        b.iter(|| Text::parse_as(black_box("Jane O'Brien-Smith"), TextField::FirstName))
    });
    c.bench_function("text/unicode_name", |b| {
        b.iter(|| {
            Text::parse_as(
                black_box("  Zoe\u{308} Núñez\u{3000}García "),
                TextField::LastName,
            )
        })
    });
    c.bench_function("text/street", |b| {
        b.iter(|| {
            Text::parse_as(
                black_box("1600 Pennsylvania Avenue NW, Suite 400"),
                TextField::Street,
            )
        })
    });
    c.bench_function("text/invalid", |b| {
        b.iter(|| Text::parse_as(black_box("Jane\u{202E}Doe"), TextField::FirstName))
    });
    c.bench_function("external_id/valid", |b| {
        b.iter(|| ExternalCustomerId::parse(black_box("cust_8f14e45fceea167a5a36dedd4bea2543")))
    });
    c.bench_function("timestamp/utc", |b| {
        b.iter(|| Timestamp::parse(black_box("2024-05-01T10:00:00Z")))
    });
    c.bench_function("timestamp/offset_fraction", |b| {
        b.iter(|| Timestamp::parse(black_box("2024-03-01T01:30:00.123456+02:00")))
    });
    c.bench_function("timestamp/invalid", |b| {
        b.iter(|| Timestamp::parse(black_box("2023-02-29T00:00:00Z")))
    });
}
