//! `cargo bench --bench duplicates`: the duplicate check (SPEC §11.3).
//!
//! - `digest/*`: the two digests of one customer, against SipHash-1-3 (the std
//!   `DefaultHasher`, the digest before foldhash) on the same id and email.
//! - `check_1m/*`: a million distinct customers checked in turn, in a check that
//!   grows as it goes and in one made with room for them (`with_capacity`),
//!   against two std `HashMap`s from digest to record made with room for them
//!   (what a caller would write without `DuplicateCheck`; 16 bytes an entry
//!   before the map's own room, against the check's 14).
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use vivamo_validate::{DuplicateCheck, DuplicateKeys, Email, ExternalCustomerId};

const RECORDS: usize = 1_000_000;

fn customer(i: usize) -> (ExternalCustomerId, Email) {
    let id = ExternalCustomerId::parse(&format!("cus_{i:08x}_{}", i % 7)).expect("a valid id");
    let email =
        Email::parse(&format!("First.Last{i}@mail{}.example.com", i % 97)).expect("a valid email");
    (id, email)
}

fn siphash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Two 64-bit values that stand for a customer's digests (`DuplicateKeys`
/// keeps its own private): SipHash of the keys as they hash.
fn digests_of(keys: &DuplicateKeys) -> (u64, u64) {
    let mut id = std::hash::DefaultHasher::new();
    (keys, 0u8).hash(&mut id);
    let mut email = std::hash::DefaultHasher::new();
    (keys, 1u8).hash(&mut email);
    (id.finish(), email.finish())
}

fn bench(c: &mut Criterion) {
    let (id, email) = customer(123_456);
    let mut group = c.benchmark_group("digest");
    group.bench_function(BenchmarkId::from_parameter("foldhash"), |b| {
        b.iter(|| DuplicateKeys::new(black_box(&id), black_box(&email)))
    });
    group.bench_function(BenchmarkId::from_parameter("siphash_baseline"), |b| {
        b.iter(|| {
            // Lowercased on the stack, as the digest does.
            let email = black_box(&email).as_str().as_bytes();
            let mut buf = [0u8; 256];
            let lower = buf.get_mut(..email.len()).unwrap_or_default();
            for (to, from) in lower.iter_mut().zip(email) {
                *to = from.to_ascii_lowercase();
            }
            (siphash(black_box(&id).as_str().as_bytes()), siphash(lower))
        })
    });
    group.finish();

    let keys: Vec<DuplicateKeys> = (0..RECORDS)
        .map(|i| {
            let (id, email) = customer(i);
            DuplicateKeys::new(&id, &email)
        })
        .collect();
    let run = |mut check: DuplicateCheck| {
        for (n, keys) in keys.iter().enumerate() {
            let _ = black_box(check.check_keys(n as u64 + 1, *keys));
        }
        check.len()
    };
    let mut group = c.benchmark_group("check_1m");
    group.sample_size(10);
    group.bench_function(BenchmarkId::from_parameter("growing"), |b| {
        b.iter(|| run(DuplicateCheck::new()))
    });
    group.bench_function(BenchmarkId::from_parameter("with_capacity"), |b| {
        b.iter(|| run(DuplicateCheck::with_capacity(RECORDS)))
    });
    group.bench_function(BenchmarkId::from_parameter("hashmap_baseline"), |b| {
        // The keys' two digests, as `DuplicateKeys` holds them.
        let digests: Vec<(u64, u64)> = keys.iter().map(digests_of).collect();
        b.iter(|| {
            let mut ids = HashMap::with_capacity(RECORDS);
            let mut emails = HashMap::with_capacity(RECORDS);
            for (n, &(id, email)) in digests.iter().enumerate() {
                let found = (ids.get(&id).copied(), emails.get(&email).copied());
                if found == (None, None) {
                    ids.insert(id, n as u64 + 1);
                    emails.insert(email, n as u64 + 1);
                }
                black_box(found);
            }
            ids.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
