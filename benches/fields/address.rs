//! country, state, zip: one id per input class.
use criterion::Criterion;
use std::hint::black_box;
use vivamo_validate::{Country, PostalCode, StateSet, UsState};

pub fn bench(c: &mut Criterion) {
    // Baseline for scale: the least any parser of a short string must do.
    c.bench_function("address/baseline_trim_uppercase", |b| {
        b.iter(|| black_box(" us ").trim().to_ascii_uppercase())
    });

    c.bench_function("country/valid", |b| {
        b.iter(|| Country::parse(black_box("us")))
    });
    c.bench_function("country/invalid_alpha3", |b| {
        b.iter(|| Country::parse(black_box("USA")))
    });
    c.bench_function("country/invalid_unassigned", |b| {
        b.iter(|| Country::parse(black_box("XK")))
    });
    c.bench_function("country/invalid_name", |b| {
        b.iter(|| Country::parse(black_box("United Kingdom")))
    });

    c.bench_function("state/code", |b| b.iter(|| UsState::parse(black_box("ca"))));
    c.bench_function("state/name", |b| {
        b.iter(|| UsState::parse(black_box("New York")))
    });
    c.bench_function("state/alias", |b| {
        b.iter(|| UsState::parse(black_box("Virgin Islands, U.S.")))
    });
    c.bench_function("state/not_in_set", |b| {
        b.iter(|| UsState::parse_with(black_box("GU"), StateSet::StatesAndDc))
    });
    c.bench_function("state/invalid", |b| {
        b.iter(|| UsState::parse(black_box("Calif.")))
    });

    c.bench_function("zip/us5", |b| {
        b.iter(|| PostalCode::parse_us(black_box("12345")))
    });
    c.bench_function("zip/us9", |b| {
        b.iter(|| PostalCode::parse_us(black_box("12345 6789")))
    });
    c.bench_function("zip/intl", |b| {
        b.iter(|| PostalCode::parse_international(black_box("sw1a  1aa")))
    });
    c.bench_function("zip/invalid", |b| {
        b.iter(|| PostalCode::parse_us(black_box("1234a")))
    });
}
