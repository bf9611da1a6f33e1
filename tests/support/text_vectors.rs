//! Reading the TSV vector files of the text, external id, timestamp and KYC tests.
//!
//! A file starts with `#` comment lines (where its expectations come from), then a
//! header row, then one row per case. `-` in an expectation column means "none".
//! Cells may use escapes so that invisible characters stay visible in the file:
//! `\s` space, `\t` tab, `\n` newline, `\r` carriage return, `\\` backslash,
//! `\u{HEX}` one code point, `\R{N:text}` the (escaped) text repeated N times.
#![allow(dead_code)] // each test file uses part of this

use std::fmt::Write as _;

/// One case: its line number in the file and its cells by column name.
pub struct Row {
    pub line: usize,
    header: Vec<String>,
    cells: Vec<String>,
}

impl Row {
    /// The raw cell of `column`.
    pub fn raw(&self, column: &str) -> &str {
        let i = self
            .header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }

    /// The cell of `column` with escapes decoded.
    pub fn text(&self, column: &str) -> String {
        decode(self.raw(column))
    }

    /// The decoded cell, or `None` for `-`.
    pub fn opt(&self, column: &str) -> Option<String> {
        match self.raw(column) {
            "-" => None,
            raw => Some(decode(raw)),
        }
    }

    /// Where the case is, for assertion messages.
    pub fn at(&self, file: &str) -> String {
        let note = self
            .header
            .iter()
            .position(|h| h == "note")
            .and_then(|i| self.cells.get(i))
            .map(String::as_str)
            .unwrap_or("");
        format!("{file}:{} ({note})", self.line)
    }
}

/// Reads `tests/vectors/{name}`.
pub fn read(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .map(|(_, l)| l.split('\t').map(str::to_owned).collect())
        .unwrap_or_else(|| panic!("{path}: no header"));
    let rows: Vec<Row> = lines
        .map(|(i, l)| {
            let cells: Vec<String> = l.split('\t').map(str::to_owned).collect();
            assert_eq!(
                cells.len(),
                header.len(),
                "{path}:{}: wrong number of cells",
                i + 1
            );
            Row {
                line: i + 1,
                header: header.clone(),
                cells,
            }
        })
        .collect();
    assert!(!rows.is_empty(), "{path}: no rows");
    rows
}

/// Decodes the escapes described in the module docs.
pub fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = &rest[i + 1..];
        let mut chars = esc.chars();
        match chars.next() {
            Some('s') => {
                out.push(' ');
                rest = &esc[1..];
            }
            Some('t') => {
                out.push('\t');
                rest = &esc[1..];
            }
            Some('n') => {
                out.push('\n');
                rest = &esc[1..];
            }
            Some('r') => {
                out.push('\r');
                rest = &esc[1..];
            }
            Some('\\') => {
                out.push('\\');
                rest = &esc[1..];
            }
            Some('u') => {
                let close = esc.find('}').expect("unclosed \\u{");
                let hex = &esc[2..close];
                let cp = u32::from_str_radix(hex, 16).expect("bad hex");
                out.push(char::from_u32(cp).expect("not a scalar value"));
                rest = &esc[close + 1..];
            }
            Some('R') => {
                let body = &esc[2..];
                let colon = body.find(':').expect("\\R needs N:");
                let n: usize = body[..colon].parse().expect("bad repeat count");
                let mut depth = 0usize;
                let mut end = None;
                for (j, c) in body[colon + 1..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            end = Some(colon + 1 + j);
                            break;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                let end = end.expect("unclosed \\R{");
                let unit = decode(&body[colon + 1..end]);
                for _ in 0..n {
                    out.push_str(&unit);
                }
                rest = &body[end + 1..];
            }
            other => panic!("unknown escape {other:?}"),
        }
    }
    out.push_str(rest);
    out
}

/// `code`, `detail`, `message` of a result, as the vector files write them
/// (`ok` for success, `-` for no detail).
pub fn outcome<T>(result: &Result<T, vivamo_validate::Error>) -> (String, String, String) {
    match result {
        Ok(_) => ("ok".into(), "-".into(), "-".into()),
        Err(e) => (
            e.code().to_owned(),
            e.detail().unwrap_or("-").to_owned(),
            e.message().to_owned(),
        ),
    }
}

/// Shows a string with its invisible characters escaped, for failure messages.
pub fn show(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_graphic() || c == ' ' {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        }
    }
    out
}
