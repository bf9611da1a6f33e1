//! The `vivamo-validate` binary (SPEC §10), run on the fixtures in `tests/cli/`.
//! Each case's whole standard output, standard error and exit status are
//! compared with `tests/cli/expected/<case>.stdout`, `.stderr` (absent: no
//! output on standard error) and `.status`; `BLESS=1 cargo test --all-features
//! --test cli` rewrites them (review the diff).

#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_vivamo-validate");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

struct Run {
    stdout: String,
    stderr: String,
    status: i32,
}

/// Runs the binary in `tests/cli` with `args`, feeding `stdin` (a fixture name).
fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let bytes = stdin.map(|name| std::fs::read(fixtures().join(name)).expect("stdin fixture"));
    run_with_stdin(args, bytes)
}

/// Runs the binary in `tests/cli` with `args`, feeding `stdin` bytes, if any.
fn run_with_stdin(args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(fixtures())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vivamo-validate");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let out = child.wait_with_output().expect("wait");
    Run {
        stdout: String::from_utf8(out.stdout).expect("utf-8 output"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().expect("exit status"),
    }
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// Compares the run with the expected files of `case`, or rewrites them.
fn check(case: &str, run: &Run) {
    let dir = fixtures().join("expected");
    let stdout_path = dir.join(format!("{case}.stdout"));
    let stderr_path = dir.join(format!("{case}.stderr"));
    let status_path = dir.join(format!("{case}.status"));
    assert!(
        !run.stderr.contains("panicked"),
        "{case}: panic: {}",
        run.stderr
    );
    if bless() {
        std::fs::write(&stdout_path, &run.stdout).expect("bless stdout");
        std::fs::write(&status_path, format!("{}\n", run.status)).expect("bless status");
        if run.stderr.is_empty() {
            let _ = std::fs::remove_file(&stderr_path);
        } else {
            std::fs::write(&stderr_path, &run.stderr).expect("bless stderr");
        }
        return;
    }
    let expected = std::fs::read_to_string(&stdout_path)
        .unwrap_or_else(|_| panic!("{case}: no expected output; run with BLESS=1"));
    let status: i32 = std::fs::read_to_string(&status_path)
        .expect("expected status")
        .trim()
        .parse()
        .expect("a number");
    for (i, (e, a)) in expected.lines().zip(run.stdout.lines()).enumerate() {
        assert_eq!(
            a,
            e,
            "{case}: stdout line {} differs (BLESS=1 rewrites)",
            i + 1
        );
    }
    assert_eq!(
        run.stdout, expected,
        "{case}: stdout differs (BLESS=1 rewrites)"
    );
    assert_eq!(
        run.status, status,
        "{case}: exit status (stderr: {})",
        run.stderr
    );
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    assert_eq!(
        run.stderr, stderr,
        "{case}: stderr differs (BLESS=1 rewrites)"
    );
}

/// Every `--output jsonl` line is one record, numbered 1.. in order.
fn assert_numbered(case: &str, stdout: &str, expected_records: usize) {
    let mut n = 0;
    for line in stdout.lines() {
        n += 1;
        let value: serde_json::Value = serde_json::from_str(line).expect("json line");
        assert_eq!(value["record"], n, "{case}: record numbers in order");
        let valid = value["valid"].as_bool().expect("valid flag");
        assert_eq!(value.get("customer").is_some(), valid, "{case}: {line}");
        assert_eq!(value.get("errors").is_some(), !valid, "{case}: {line}");
    }
    assert_eq!(n, expected_records, "{case}: one line per input record");
}

macro_rules! cli_case {
    ($name:ident, [$($arg:expr),*], $stdin:expr) => {
        #[test]
        fn $name() {
            let run = run(&[$($arg),*], $stdin);
            check(stringify!($name), &run);
            check_without_duplicate_check(stringify!($name), &[$($arg),*], $stdin, &run);
        }
    };
}

/// `--no-duplicate-check` gives the output the tool gave before the check existed:
/// where the run reported no duplicate, the very same output; where it did, the
/// same number of lines and no duplicate code (each such record judged alone,
/// which `no_duplicate_check_judges_each_record_alone` pins line by line).
fn check_without_duplicate_check(case: &str, args: &[&str], stdin: Option<&str>, with: &Run) {
    let mut flagged = vec!["--no-duplicate-check"];
    flagged.extend_from_slice(args);
    let without = run(&flagged, stdin);
    assert_eq!(
        without.status == 2,
        with.status == 2,
        "{case}: usage/I-O status"
    );
    if with.stdout.contains("duplicate_") {
        assert!(!without.stdout.contains("duplicate_"), "{case}");
        if with.stdout.starts_with('{') {
            assert_eq!(
                without.stdout.lines().count(),
                with.stdout.lines().count(),
                "{case}"
            );
        }
    } else {
        assert_eq!(
            without.stdout, with.stdout,
            "{case}: --no-duplicate-check changed the output"
        );
        assert_eq!(without.status, with.status, "{case}");
    }
}

cli_case!(jsonl_human, ["records.jsonl"], None);
cli_case!(
    jsonl_unknown_fields_human,
    ["--report-unknown-fields", "records.jsonl"],
    None
);
cli_case!(json_array_human, ["records.json"], None);
cli_case!(csv_human, ["records.csv"], None);
cli_case!(
    csv_unknown_fields_jsonl,
    [
        "--output",
        "jsonl",
        "--report-unknown-fields",
        "records.csv"
    ],
    None
);
cli_case!(
    stdin_default_jsonl,
    ["--output", "jsonl"],
    Some("records.jsonl")
);
cli_case!(
    stdin_dash_csv,
    ["--input", "csv", "--output", "jsonl", "-"],
    Some("records.csv")
);
cli_case!(
    stdin_json_array,
    ["--input", "json", "--output=jsonl"],
    Some("records.json")
);
cli_case!(
    input_flag_overrides_extension,
    ["--input", "jsonl", "--output", "jsonl", "valid.jsonl"],
    None
);
cli_case!(all_valid_human, ["valid.jsonl"], None);
cli_case!(all_valid_jsonl, ["--output", "jsonl", "valid.jsonl"], None);
cli_case!(empty_array, ["--output", "jsonl", "empty_array.json"], None);
cli_case!(
    broken_array,
    ["--output", "jsonl", "broken_array.json"],
    None
);
cli_case!(
    junk_after_array,
    ["--output", "jsonl", "junk_after_array.json"],
    None
);
cli_case!(not_an_array, ["--output", "jsonl", "not_array.json"], None);
cli_case!(
    block_domains,
    [
        "--output",
        "jsonl",
        "--block-domains",
        "blocked.txt",
        "blocked.jsonl"
    ],
    None
);
cli_case!(
    allow_domains,
    [
        "--output",
        "jsonl",
        "--block-domains",
        "blocked.txt",
        "--allow-domains",
        "blocked.txt",
        "blocked.jsonl"
    ],
    None
);
cli_case!(
    policies_default,
    ["--output", "jsonl", "policies.jsonl"],
    None
);
cli_case!(
    policies_strict,
    [
        "--output",
        "jsonl",
        "--states",
        "states",
        "--reject-fixed-line-or-mobile",
        "policies.jsonl"
    ],
    None
);
cli_case!(
    policies_states_dc,
    [
        "--output",
        "jsonl",
        "--states",
        "states-dc",
        "policies.jsonl"
    ],
    None
);
cli_case!(
    policies_territories,
    [
        "--output",
        "jsonl",
        "--states",
        "states-dc-territories",
        "policies.jsonl"
    ],
    None
);
cli_case!(sample_human, ["../../data/sample_customers.jsonl"], None);
cli_case!(
    sample_sandbox_human,
    [
        "--environment",
        "sandbox",
        "../../data/sample_customers.jsonl"
    ],
    None
);
cli_case!(
    sample_sandbox_jsonl,
    [
        "--output",
        "jsonl",
        "--environment",
        "sandbox",
        "../../data/sample_customers.jsonl"
    ],
    None
);
cli_case!(
    duplicates_jsonl,
    ["--output", "jsonl", "duplicates.jsonl"],
    None
);
cli_case!(
    duplicates_sandbox_human,
    ["--environment", "sandbox", "duplicates.jsonl"],
    None
);
cli_case!(
    duplicates_across_formats,
    [
        "--output",
        "jsonl",
        "duplicates.jsonl",
        "duplicates.csv",
        "duplicates.json"
    ],
    None
);
cli_case!(
    duplicates_across_formats_human,
    ["duplicates.jsonl", "duplicates.csv", "duplicates.json"],
    None
);
cli_case!(
    duplicates_check_off,
    [
        "--output",
        "jsonl",
        "--no-duplicate-check",
        "duplicates.jsonl"
    ],
    None
);
cli_case!(
    usage_bad_environment,
    ["--environment", "staging", "valid.jsonl"],
    None
);
cli_case!(usage_bad_threads, ["--threads", "0", "valid.jsonl"], None);
cli_case!(
    sample_jsonl,
    ["--output", "jsonl", "../../data/sample_customers.jsonl"],
    None
);
cli_case!(
    sample_unknown_fields_jsonl,
    [
        "--output",
        "jsonl",
        "--report-unknown-fields",
        "../../data/sample_customers.jsonl"
    ],
    None
);
cli_case!(help, ["--help"], None);
cli_case!(usage_bad_output, ["--output", "xml", "valid.jsonl"], None);
cli_case!(usage_bad_input, ["--input", "yaml"], None);
cli_case!(usage_bad_states, ["--states", "some"], None);
cli_case!(usage_unknown_option, ["--frobnicate"], None);
cli_case!(usage_missing_value, ["--output"], None);
cli_case!(
    unreadable_domain_list,
    ["--block-domains", "no-such-list.txt", "valid.jsonl"],
    None
);

// Issue 11: CSV files as CRMs and spreadsheets write them.
cli_case!(crm_headers_jsonl, ["--output", "jsonl", "crm.csv"], None);
cli_case!(
    crm_headers_mapped_jsonl,
    [
        "--output",
        "jsonl",
        "--map",
        "Phone Number=phone",
        "crm.csv"
    ],
    None
);
cli_case!(
    crm_headers_mapped_human,
    ["--map", "phone number=Phone", "crm.csv"],
    None
);
cli_case!(
    map_matches_no_column,
    [
        "--map",
        "Mobile=phone",
        "--output",
        "jsonl",
        "valid.jsonl",
        "crm.csv"
    ],
    None
);
cli_case!(
    semicolon_sniffed,
    ["--output", "jsonl", "semicolon.csv"],
    None
);
cli_case!(
    semicolon_forced_comma,
    ["--output", "jsonl", "--delimiter", ",", "semicolon.csv"],
    None
);
cli_case!(tab_sniffed, ["--output", "jsonl", "tabs.tsv"], None);
cli_case!(
    tab_delimiter_flag,
    [
        "--output",
        "jsonl",
        "--delimiter",
        "tab",
        "--input",
        "csv",
        "-"
    ],
    Some("tabs.tsv")
);
cli_case!(
    pipe_delimiter_unknown_extension,
    ["--output", "jsonl", "pipes.txt"],
    None
);
cli_case!(
    stray_quote_jsonl,
    ["--output", "jsonl", "stray_quote.csv"],
    None
);
cli_case!(stray_quote_human, ["stray_quote.csv"], None);
cli_case!(quote_spans_rows_human, ["quote_spans_rows.csv"], None);
cli_case!(
    unclosed_quote_jsonl,
    ["--output", "jsonl", "unclosed_quote.csv"],
    None
);
cli_case!(
    multiline_jsonl,
    ["--output", "jsonl", "multiline.csv"],
    None
);
cli_case!(multiline_human, ["multiline.csv"], None);
cli_case!(multiline_csv, ["--output", "csv", "multiline.csv"], None);
cli_case!(no_email_column, ["--output", "jsonl", "no_email.csv"], None);
cli_case!(
    field_named_twice,
    ["--output", "jsonl", "email_twice.csv"],
    None
);
cli_case!(unknown_columns_human, ["unknown_columns.csv"], None);
cli_case!(
    unknown_columns_reported_human,
    ["--report-unknown-fields", "unknown_columns.csv"],
    None
);
cli_case!(
    unknown_columns_reported_jsonl,
    [
        "--report-unknown-fields",
        "--output",
        "jsonl",
        "unknown_columns.csv"
    ],
    None
);
cli_case!(
    usage_bad_map_field,
    ["--map", "Phone Number=mobile", "crm.csv"],
    None
);
cli_case!(
    usage_bad_map_syntax,
    ["--map", "Phone Number", "crm.csv"],
    None
);
cli_case!(usage_bad_delimiter, ["--delimiter", ":", "crm.csv"], None);
// Sniffing: standard input and unknown extensions.
cli_case!(
    stdin_sniffed_array,
    ["--output", "jsonl"],
    Some("records.json")
);
cli_case!(
    stdin_sniffed_csv,
    ["--output", "jsonl", "-"],
    Some("records.csv")
);
cli_case!(stdin_sniffed_jsonl_human, [], Some("duplicates.jsonl"));
cli_case!(unknown_extension_sniffed, ["export.txt"], None);
cli_case!(
    input_flag_overrides_sniffing,
    ["--input", "jsonl", "--output", "jsonl"],
    Some("records.json")
);
// Domain lists fail loudly.
cli_case!(
    bad_block_list,
    ["--block-domains", "bad_block.txt", "valid.jsonl"],
    None
);
cli_case!(
    bad_allow_list,
    ["--allow-domains", "bad_allow.txt", "valid.jsonl"],
    None
);
// `--output csv` for each input format, and for several inputs.
cli_case!(csv_output_csv, ["--output", "csv", "records.csv"], None);
cli_case!(csv_output_jsonl, ["--output", "csv", "records.jsonl"], None);
cli_case!(csv_output_json, ["--output", "csv", "records.json"], None);
cli_case!(
    csv_output_several_inputs,
    [
        "--output",
        "csv",
        "crm.csv",
        "duplicates.jsonl",
        "semicolon.csv"
    ],
    None
);
cli_case!(
    csv_output_mapped,
    ["--output", "csv", "--map", "Phone Number=phone", "crm.csv"],
    None
);
cli_case!(
    csv_output_empty,
    ["--output", "csv", "empty_array.json"],
    None
);

#[test]
fn numbering_runs_across_inputs_in_order() {
    // The same records in every format: without the duplicate check, so that each
    // file's verdicts are its own (`duplicates_across_inputs` runs it with the check).
    let run = run(
        &[
            "--output",
            "jsonl",
            "--no-duplicate-check",
            "records.jsonl",
            "records.json",
            "-",
            "records.csv",
        ],
        Some("valid.jsonl"),
    );
    check("numbering_across_inputs", &run);
    let per_file: usize = [
        ("records.jsonl", "jsonl"),
        ("records.json", "json"),
        ("valid.jsonl", "jsonl"),
        ("records.csv", "csv"),
    ]
    .iter()
    .map(|(file, format)| run_lines(&["--output", "jsonl", "--input", format, file]))
    .sum();
    assert_numbered("numbering", &run.stdout, per_file);
}

fn run_lines(args: &[&str]) -> usize {
    run(args, None).stdout.lines().count()
}

#[test]
fn jsonl_output_is_one_line_per_record() {
    // records.jsonl: 9 lines, 2 of them blank.
    assert_numbered(
        "jsonl",
        &run(&["--output", "jsonl", "records.jsonl"], None).stdout,
        7,
    );
    // records.json: 8 slots, one of them empty.
    assert_numbered(
        "json",
        &run(&["--output", "jsonl", "records.json"], None).stdout,
        8,
    );
    // records.csv: a header, 5 rows and a blank line (skipped).
    assert_numbered(
        "csv",
        &run(&["--output", "jsonl", "records.csv"], None).stdout,
        5,
    );
}

#[test]
fn unreadable_file_is_named_and_exits_2() {
    let run = run(
        &[
            "--output",
            "jsonl",
            "valid.jsonl",
            "no-such-file.jsonl",
            "valid.jsonl",
        ],
        None,
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no-such-file.jsonl"), "{}", run.stderr);
    // The readable inputs are still reported, numbered across both.
    assert_numbered("unreadable", &run.stdout, 6);
}

#[test]
fn directory_is_an_io_error() {
    let run = run(&["expected"], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("expected"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn broken_array_is_named_on_stderr() {
    let run = run(&["--output", "jsonl", "broken_array.json"], None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("broken_array.json: the json array is not closed"),
        "{}",
        run.stderr
    );
}

cli_case!(version, ["--version"], None);

#[test]
fn version_names_the_tool_and_both_data_sets() {
    let run = run(&["--version"], None);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stdout,
        format!(
            "vivamo-validate {} (libphonenumber {}, disposable-email-domains {})\n",
            env!("CARGO_PKG_VERSION"),
            vivamo_validate::PHONE_METADATA_VERSION,
            vivamo_validate::DISPOSABLE_LIST_VERSION
        )
    );
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let run = run(&["valid.jsonl"], None);
    assert_eq!(run.stderr, "");
}

#[test]
fn broken_pipe_ends_quietly() {
    let line = r#"{"externalCustomerId":"cus-1","data":{"email":"a@example.com","phone":"x"}}"#;
    let input: String = std::iter::repeat_n(line, 200_000)
        .map(|l| format!("{l}\n"))
        .collect();
    let mut child = Command::new(BIN)
        .args(["--output", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("wait");
    let _ = feeder.join();
    assert_eq!(stderr, "", "a broken pipe ends quietly");
    assert_eq!(status.code(), Some(0));
}

/// Without the check, each record's line is what the tool says of that record alone.
#[test]
fn no_duplicate_check_judges_each_record_alone() {
    for file in ["duplicates.jsonl", "../../data/sample_customers.jsonl"] {
        let all = run(&["--output", "jsonl", "--no-duplicate-check", file], None);
        let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        let outputs: Vec<&str> = all.stdout.lines().collect();
        assert_eq!(outputs.len(), lines.len(), "{file}");
        for (i, ((number, line), output)) in lines.iter().zip(&outputs).enumerate() {
            let alone = run_stdin_text(&["--output", "jsonl"], line);
            let expected = alone.stdout.replacen(
                "{\"record\":1,\"file\":\"-\",\"line\":1,",
                &format!(
                    "{{\"record\":{},\"file\":\"{file}\",\"line\":{},",
                    i + 1,
                    number + 1
                ),
                1,
            );
            assert_eq!(
                output.to_string() + "\n",
                expected,
                "{file} record {}",
                i + 1
            );
        }
    }
}

/// The duplicate check gives the same output on one thread as on several.
#[test]
fn duplicate_check_is_the_same_on_one_thread_and_on_all() {
    let input = many_repeats(20_000);
    for output in ["jsonl", "human"] {
        let one = run_stdin_text(&["--output", output, "--threads", "1"], &input);
        let many = run_stdin_text(&["--output", output, "--threads", "4"], &input);
        assert_eq!(one.status, 1);
        assert!(
            one.stdout.contains("duplicate_external_id") && one.stdout.contains("duplicate_email")
        );
        assert_eq!(one.stdout, many.stdout, "--output {output}");
    }
}

/// `records` JSON lines whose ids and emails come from small pools (9,000 ids,
/// 11,000 emails), so that many records repeat earlier ones, and every 7th record
/// invalid, so that repeats of invalid records occur.
fn many_repeats(records: u64) -> String {
    let mut input = String::new();
    for i in 0..records {
        let id = format!("cus-{}", (i * 7919) % 9000);
        let email = format!("User{}@Example.com", (i * 104_729) % 11_000);
        let zip = if i % 7 == 0 { "1" } else { "10001" };
        input.push_str(&format!(
            "{{\"externalCustomerId\":\"{id}\",\"data\":{{\"email\":\"{email}\",\"zip\":\"{zip}\"}}}}\n"
        ));
    }
    input
}

/// A file of known size gets a check sized after its first megabyte (standard
/// input grows as it goes): the output is the same either way.
#[test]
fn duplicate_check_sized_from_the_file_gives_the_same_output() {
    let input = many_repeats(40_000);
    assert!(
        input.len() > 2 << 20,
        "{} bytes: the room is made midway",
        input.len()
    );
    let path = std::env::temp_dir().join(format!("vivamo-room-{}.jsonl", std::process::id()));
    std::fs::write(&path, &input).unwrap();
    let name = path.to_str().unwrap();
    let from_file = run(&["--output", "jsonl", name], None);
    std::fs::remove_file(&path).unwrap();
    let from_stdin = run_stdin_text(&["--output", "jsonl"], &input);
    assert_eq!(from_file.status, 1);
    let repeats = from_stdin.stdout.matches("duplicate_").count();
    assert!(repeats > 10_000, "{repeats} duplicates");
    let named = from_stdin.stdout.replace(
        "\"file\":\"-\"",
        &format!("\"file\":{}", serde_json::to_string(name).unwrap()),
    );
    assert_eq!(from_file.stdout, named);
}

/// Runs the binary with `text` on standard input.
fn run_stdin_text(args: &[&str], text: &str) -> Run {
    run_with_stdin(args, Some(text.as_bytes().to_vec()))
}
