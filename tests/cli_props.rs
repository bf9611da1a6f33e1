//! Properties of the `vivamo-validate` binary over generated files (issue 11):
//! every `--output jsonl` line's `file` and `line` point at the record it
//! describes, whatever the blank lines, pretty-printing and multi-line CSV
//! fields around it; and the CSV written by `--output csv` holds the same
//! results as `--output jsonl` and, read back as input, gives the same records.

#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_vivamo-validate");

/// The flat fields, in the order of `--output csv`.
const FIELDS: [&str; 12] = [
    "externalCustomerId",
    "email",
    "phone",
    "firstName",
    "lastName",
    "street",
    "street2",
    "state",
    "city",
    "zip",
    "country",
    "createdAt",
];

/// A generated record: its id and some `data` fields (index into `FIELDS`, value).
#[derive(Debug, Clone)]
struct Rec {
    id: String,
    fields: Vec<(usize, String)>,
}

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a",
        "Zoë",
        ",",
        "\"",
        "\n",
        "\r\n",
        " ",
        "12 Main St",
        "O'Neil",
        ";",
        "|",
        "\t",
        "x",
        "Flat 2",
        "東京",
    ])
    .prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..5).prop_map(|pieces| pieces.concat())
}

fn record(i: usize) -> impl Strategy<Value = Rec> {
    let email = prop_oneof![
        3 => Just(format!("user{i}@example.com")),
        1 => Just(format!("User{i}+tag@Example.com")),
        1 => text(),
    ];
    let phone = prop::sample::select(vec!["", "+447400123456", "+1 212 555 0123", "555"]);
    let country = prop::sample::select(vec!["", "GB", "US", "usa"]);
    let zip = prop::sample::select(vec!["", "SW1A 1AA", "10001", "1234"]);
    (email, phone, text(), text(), country, zip).prop_map(
        move |(email, phone, first, street, country, zip)| {
            let mut fields = vec![(1, email)];
            for (index, value) in [
                (2, phone.to_owned()),
                (3, first),
                (5, street),
                (10, country.to_owned()),
                (9, zip.to_owned()),
            ] {
                if !value.is_empty() {
                    fields.push((index, value));
                }
            }
            Rec {
                id: format!("p-{i}"),
                fields,
            }
        },
    )
}

fn records() -> impl Strategy<Value = Vec<Rec>> {
    (1usize..12).prop_flat_map(|n| (0..n).map(record).collect::<Vec<_>>())
}

/// Where to put blank lines and line breaks: one choice a record.
fn layout() -> impl Strategy<Value = Vec<(u8, bool, bool)>> {
    prop::collection::vec((0u8..3, any::<bool>(), any::<bool>()), 12)
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Jsonl,
    Array,
    Csv,
}

fn json_record(rec: &Rec, pretty: bool) -> String {
    let mut data = serde_json::Map::new();
    for (index, value) in &rec.fields {
        data.insert(FIELDS[*index].to_owned(), Value::String(value.clone()));
    }
    let data = serde_json::to_string(&data).unwrap();
    let id = serde_json::to_string(&rec.id).unwrap();
    let gap = if pretty { "\n  " } else { "" };
    format!(
        "{{\"externalCustomerId\":{id},{gap}\"data\":{data}{}}}",
        if pretty { "\n" } else { "" }
    )
}

fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn line_breaks(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\r' || (b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')) {
            n += 1;
        }
    }
    n
}

/// Writes the records in `shape`; returns the text and each record's first
/// and last line.
fn write_file(
    shape: Shape,
    recs: &[Rec],
    layout: &[(u8, bool, bool)],
) -> (String, Vec<(u64, u64)>) {
    let mut out = String::new();
    let mut lines = Vec::new();
    let line_now = |out: &str| line_breaks(out) + 1;
    match shape {
        Shape::Jsonl => {
            for (rec, &(blanks, crlf, _)) in recs.iter().zip(layout) {
                for b in 0..blanks {
                    out.push_str(if b % 2 == 0 { "\n" } else { "  \t\n" });
                }
                let line = line_now(&out);
                lines.push((line, line));
                out.push_str(&json_record(rec, false));
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
        }
        Shape::Array => {
            out.push('[');
            for (i, (rec, &(blanks, _, pretty))) in recs.iter().zip(layout).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                for _ in 0..blanks {
                    out.push_str("\n ");
                }
                let first = line_now(&out);
                let text = json_record(rec, pretty);
                lines.push((first, first + line_breaks(&text)));
                out.push_str(&text);
            }
            out.push_str("\n]\n");
        }
        Shape::Csv => {
            out.push_str(&FIELDS.join(","));
            out.push('\n');
            for (rec, &(blanks, crlf, _)) in recs.iter().zip(layout) {
                let end = if crlf { "\r\n" } else { "\n" };
                for _ in 0..blanks {
                    out.push_str(end);
                }
                let first = line_now(&out);
                let mut cells = vec![String::new(); FIELDS.len()];
                cells[0] = rec.id.clone();
                for (index, value) in &rec.fields {
                    cells[*index] = csv_cell(value);
                }
                let row = cells.join(",");
                lines.push((first, first + line_breaks(&row)));
                out.push_str(&row);
                out.push_str(end);
            }
        }
    }
    (out, lines)
}

fn scratch(name: &str, text: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "vivamo-cli-props-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path
}

fn run(args: &[&str], dir: &Path) -> (String, i32) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run vivamo-validate");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        String::from_utf8(out.stdout).expect("utf-8 output"),
        out.status.code().expect("exit status"),
    )
}

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a json line"))
        .collect()
}

/// A minimal RFC 4180 reader for the tool's CSV output.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "csv ends with a line end"
    );
    rows
}

/// `path: code` for each issue (the code alone at the root), joined by `; `.
fn compact(issues: Option<&Value>) -> String {
    issues
        .and_then(Value::as_array)
        .map(|issues| {
            issues
                .iter()
                .map(|issue| {
                    let path = issue["path"].as_str().unwrap();
                    let code = issue["code"].as_str().unwrap();
                    if path.is_empty() {
                        code.to_owned()
                    } else {
                        format!("{path}: {code}")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![Just(Shape::Jsonl), Just(Shape::Array), Just(Shape::Csv)]
}

fn file_name(shape: Shape) -> &'static str {
    match shape {
        Shape::Jsonl => "in.jsonl",
        Shape::Array => "in.json",
        Shape::Csv => "in.csv",
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_line_points_at_its_record(shape in shape(), recs in records(), layout in layout()) {
        let (text, lines) = write_file(shape, &recs, &layout);
        let name = file_name(shape);
        let path = scratch(name, &text);
        let dir = path.parent().unwrap();
        let (stdout, status) = run(&["--output", "jsonl", name], dir);
        prop_assert!(status == 0 || status == 1, "status {status}");
        let results = jsonl(&stdout);
        prop_assert_eq!(results.len(), recs.len());
        for (i, ((result, rec), (first, last))) in results.iter().zip(&recs).zip(&lines).enumerate() {
            prop_assert_eq!(&result["record"], &Value::from(i + 1));
            prop_assert_eq!(&result["file"], &Value::from(name));
            prop_assert_eq!(&result["line"], &Value::from(*first), "{}", text);
            prop_assert_eq!(&result["externalCustomerId"], &Value::from(rec.id.as_str()));
            // A CSV record that spans lines says which.
            let multiline = result["warnings"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|w| w["code"] == "csv_multiline_field");
            match (shape, last > first) {
                (Shape::Csv, true) => {
                    let message = multiline.map(|w| w["message"].as_str().unwrap().to_owned());
                    let expected = format!("lines {first}–{last}:");
                    prop_assert!(
                        message.as_deref().is_some_and(|m| m.contains(&expected)),
                        "{:?} lacks {}", message, expected
                    );
                }
                _ => prop_assert!(multiline.is_none()),
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn csv_output_reads_back_into_the_same_records(
        shape in shape(),
        recs in records(),
        layout in layout(),
    ) {
        let (text, _) = write_file(shape, &recs, &layout);
        let name = file_name(shape);
        let path = scratch(name, &text);
        let dir = path.parent().unwrap();
        let (jsonl_out, status) = run(&["--output", "jsonl", name], dir);
        let (csv_out, csv_status) = run(&["--output", "csv", name], dir);
        prop_assert_eq!(status, csv_status);
        let results = jsonl(&jsonl_out);
        let rows = parse_csv(&csv_out);
        prop_assert_eq!(rows.len(), recs.len() + 1);
        let header = &rows[0];
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        for field in FIELDS {
            prop_assert_eq!(&header[column(field)], field);
        }
        for (row, (result, rec)) in rows[1..].iter().zip(results.iter().zip(&recs)) {
            prop_assert_eq!(row.len(), header.len());
            prop_assert_eq!(&row[column("file")], name);
            prop_assert_eq!(&Value::from(row[column("line")].parse::<u64>().unwrap()), &result["line"]);
            prop_assert_eq!(&Value::from(row[column("record")].parse::<u64>().unwrap()), &result["record"]);
            let valid = result["valid"].as_bool().unwrap();
            prop_assert_eq!(&row[column("valid")], if valid { "true" } else { "false" });
            prop_assert_eq!(&row[column("errors")], &compact(result.get("errors")));
            prop_assert_eq!(&row[column("warnings")], &compact(result.get("warnings")));
            // The input's values as given, and the normalized values of a valid record.
            prop_assert_eq!(&row[column("externalCustomerId")], &rec.id);
            for (index, value) in &rec.fields {
                prop_assert_eq!(&row[column(FIELDS[*index])], value);
            }
            for field in FIELDS {
                let normalized = &row[column(&format!("normalized.{field}"))];
                let expected = match field {
                    "externalCustomerId" | "createdAt" => &result["customer"][field],
                    _ => &result["customer"]["data"][field],
                };
                prop_assert_eq!(normalized.as_str(), expected.as_str().unwrap_or(""));
            }
        }
        // Read back as input, the CSV gives the same verdicts and customers.
        let written = scratch("out.csv", &csv_out);
        let (again, again_status) = run(
            &["--output", "jsonl", "out.csv"],
            written.parent().unwrap(),
        );
        prop_assert_eq!(again_status, status);
        let again = jsonl(&again);
        prop_assert_eq!(again.len(), results.len());
        for (first, second) in results.iter().zip(&again) {
            prop_assert_eq!(&first["valid"], &second["valid"]);
            prop_assert_eq!(&first["customer"], &second["customer"]);
        }
        let _ = std::fs::remove_dir_all(dir);
        let _ = std::fs::remove_dir_all(written.parent().unwrap());
    }
}
