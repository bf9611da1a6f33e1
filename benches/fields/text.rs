//! text, external id, timestamp.
use criterion::Criterion;
use std::hint::black_box;
use vivamo_validate::Text;

pub fn bench(c: &mut Criterion) {
    c.bench_function("text/ascii", |b| b.iter(|| Text::parse(black_box("Jane"))));
}
