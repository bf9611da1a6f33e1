//! `cargo bench --bench email`: one id per input class of SPEC §2, plus the
//! disposable lookup alone and a hash-set baseline for it.
//!
//! The first call in a fresh process (the list is searched in place, so there
//! is no load step) is measured by `cargo run --release --example email_first_call`.
use std::collections::HashSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use vivamo_validate::{Email, EmailRules};

const CLASSES: [(&str, &str); 6] = [
    ("valid", "Jane.Doe@gmail.com"),
    ("plus_tagged", "jane.doe+news@gmail.com"),
    ("disposable_hit", "jane@foo.mailinator.com"),
    ("disposable_miss", "jane@mail.example.co.uk"),
    ("malformed", "jane..doe@@gmail.com"),
    ("idn", "josé@bücher.de"),
];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("email");
    for (id, input) in CLASSES {
        group.bench_with_input(BenchmarkId::new("parse", id), input, |b, input| {
            b.iter(|| Email::parse(black_box(input)))
        });
    }
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let rules = EmailRules::default();
    let mut group = c.benchmark_group("email_lookup");
    for (id, domain) in [
        ("hit", "foo.mailinator.com"),
        ("miss", "mail.example.co.uk"),
    ] {
        group.bench_with_input(BenchmarkId::new("is_disposable", id), domain, |b, d| {
            b.iter(|| rules.is_disposable(black_box(d)))
        });
    }
    // Baseline: the alternative of a hash set built at first use.
    let text = include_str!("../data/disposable_domains.txt");
    let set: HashSet<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let walk = |domain: &str| {
        let mut candidate = domain;
        while let Some(dot) = candidate.find('.') {
            if set.contains(candidate) {
                return true;
            }
            candidate = &candidate[dot + 1..];
        }
        false
    };
    for (id, domain) in [
        ("hit", "foo.mailinator.com"),
        ("miss", "mail.example.co.uk"),
    ] {
        group.bench_with_input(BenchmarkId::new("hashset_baseline", id), domain, |b, d| {
            b.iter(|| walk(black_box(d)))
        });
    }
    let vec: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let walk_vec = |domain: &str| {
        let mut candidate = domain;
        while let Some(dot) = candidate.find('.') {
            if vec.binary_search(&candidate).is_ok() {
                return true;
            }
            candidate = &candidate[dot + 1..];
        }
        false
    };
    for (id, domain) in [
        ("hit", "foo.mailinator.com"),
        ("miss", "mail.example.co.uk"),
    ] {
        group.bench_with_input(BenchmarkId::new("vec_baseline", id), domain, |b, d| {
            b.iter(|| walk_vec(black_box(d)))
        });
    }
    group.bench_function("vec_baseline/build", |b| {
        b.iter(|| {
            black_box(text)
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<&str>>()
        })
    });
    group.bench_function("hashset_baseline/build", |b| {
        b.iter(|| {
            black_box(text)
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<HashSet<&str>>()
        })
    });
    group.finish();
}

criterion_group!(benches, parse, lookup);
criterion_main!(benches);
