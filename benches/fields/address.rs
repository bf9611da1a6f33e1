//! country, state, zip.
use criterion::Criterion;
use std::hint::black_box;
use vivamo_validate::Country;

pub fn bench(c: &mut Criterion) {
    c.bench_function("country/valid", |b| {
        b.iter(|| Country::parse(black_box("us")))
    });
}
