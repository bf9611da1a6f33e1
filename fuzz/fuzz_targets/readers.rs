//! The CLI's input readers (JSON Lines, JSON array, CSV) on arbitrary bytes:
//! no panic, and every record either kept within the 8 MiB limit or reported.
//! The binary's modules are included as they are; `--cfg fuzzing` (set by
//! cargo-fuzz) compiles their test helper `pipeline::split_with`.

#![no_main]

#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/args.rs"]
mod args;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/csv_rows.rs"]
mod csv_rows;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/csv_split.rs"]
mod csv_split;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/given.rs"]
mod given;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/json_array.rs"]
mod json_array;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/jsonl.rs"]
mod jsonl;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/output.rs"]
mod output;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/pipeline.rs"]
mod pipeline;
#[allow(dead_code)]
#[path = "../../src/bin/vivamo-validate/sniff.rs"]
mod sniff;

/// What the included modules call `crate::warn`; the fuzzer prints nothing.
pub fn warn(_: &str) {}

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let mut options = vivamo_validate::Options::default();
    options.report_unknown_fields = selector & 4 != 0;
    // Small reads, so records and marks straddle buffer boundaries.
    let reader = std::io::BufReader::with_capacity(1 + usize::from(selector >> 3), input);
    let settings = csv_rows::CsvSettings {
        delimiter: (selector & 64 != 0).then_some(b';'),
        maps: Vec::new(),
    };
    let (records, _error) = pipeline::split_with(|batcher| match selector % 3 {
        0 => jsonl::read(reader, batcher),
        1 => json_array::read(reader, batcher),
        _ => csv_rows::read(reader, batcher, &options, &settings, "fuzz"),
    });
    for record in records {
        assert!(record.len() <= pipeline::MAX_RECORD_BYTES + 4096);
    }
});
