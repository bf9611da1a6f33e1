//! `cargo bench --bench fields`: one benchmark id per field and input class.
use criterion::{criterion_group, criterion_main};

mod address;
mod text;

criterion_group!(benches, address::bench, text::bench);
criterion_main!(benches);
