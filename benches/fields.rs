//! Field benches (filled in by the foundation issue).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vivamo_validate::Country;

fn fields(c: &mut Criterion) {
    c.bench_function("country/valid", |b| {
        b.iter(|| Country::parse(black_box("us")))
    });
}

criterion_group!(benches, fields);
criterion_main!(benches);
