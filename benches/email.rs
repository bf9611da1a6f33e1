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

/// Domains for the lookup alone: a subdomain of a listed domain, and a miss.
const LOOKUPS: [(&str, &str); 2] = [
    ("hit", "foo.mailinator.com"),
    ("miss", "mail.example.co.uk"),
];

/// A membership test of one representation of the list.
type Contains<'a> = dyn Fn(&str) -> bool + 'a;

/// Whether `domain` or a parent with at least two labels is in the set.
fn walk(domain: &str, contains: &Contains) -> bool {
    let mut candidate = domain;
    while let Some(dot) = candidate.find('.') {
        if contains(candidate) {
            return true;
        }
        candidate = &candidate[dot + 1..];
    }
    false
}

fn lookup(c: &mut Criterion) {
    let rules = EmailRules::default();
    let mut group = c.benchmark_group("email_lookup");
    for (id, domain) in LOOKUPS {
        group.bench_with_input(BenchmarkId::new("is_disposable", id), domain, |b, d| {
            b.iter(|| rules.is_disposable(black_box(d)))
        });
    }
    // Baselines: a std hash set or a sorted vector of the lines, built at first use.
    let text = include_str!("../data/disposable_domains.txt");
    let set: HashSet<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let vec: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let baselines: [(&str, &Contains); 2] = [
        ("hashset_baseline", &|d| set.contains(d)),
        ("vec_baseline", &|d| vec.binary_search(&d).is_ok()),
    ];
    for (name, contains) in baselines {
        for (id, domain) in LOOKUPS {
            group.bench_with_input(BenchmarkId::new(name, id), domain, |b, d| {
                b.iter(|| walk(black_box(d), contains))
            });
        }
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
