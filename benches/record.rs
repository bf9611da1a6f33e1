//! `cargo bench --bench record`: whole-record validation from JSON bytes, one
//! benchmark id per input class, with serde_json's bare parse of the same bytes
//! (into `serde_json::Value`) as the baseline in the same run.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use vivamo_validate::{validate_json, Options};

const VALID_US: &str = r#"{"externalCustomerId":"cus_000123","data":{"email":"maria.garcia@gmail.com","phone":"(212) 555-0123","firstName":"María","lastName":"García","street":"350 5th Ave","street2":"Fl 21","state":"NY","city":"New York","zip":"10118","country":"US"},"kycVerifications":[{"type":"proof_of_id","status":"verified","createdAt":"2024-03-02T09:15:00Z"}],"createdAt":"2024-03-01T12:00:00Z"}"#;
const INVALID: &str = r#"{"externalCustomerId":" cus_000124","data":{"email":"liam+news@mailinator.com","phone":"+1 212 555 0123 ext. 5","firstName":"12345","lastName":"Murphy","state":"Calif.","city":"Los Angeles","zip":"0000","country":"USA"},"kycVerifications":[{"type":"selfie","status":"PENDING","createdAt":"yesterday"},null],"createdAt":"03/01/2024"}"#;
const INTERNATIONAL: &str = r#"{"externalCustomerId":"cus_000125","data":{"email":"olivia.smith@example.co.uk","phone":"+44 7400 123456","firstName":"Olivia","lastName":"Smith","street":"10 Downing Street","state":"Greater London","city":"London","zip":"sw1a 2aa","country":"gb"},"createdAt":"2024-03-01T12:00:00.123+01:00"}"#;

fn bench(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("record");
    for (name, input) in [
        ("valid_us", VALID_US),
        ("invalid", INVALID),
        ("international", INTERNATIONAL),
    ] {
        group.bench_with_input(
            BenchmarkId::new("validate_json", name),
            input,
            |b, input| b.iter(|| validate_json(black_box(input.as_bytes()), &options)),
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json_value_baseline", name),
            input,
            |b, input| {
                b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(input.as_bytes())))
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
