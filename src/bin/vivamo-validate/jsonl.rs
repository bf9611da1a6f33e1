//! JSON Lines input: one record a line, blank lines skipped; a line that is not
//! valid JSON is one `malformed_json` record and the run goes on. A line of at
//! most [`MAX_RECORD_BYTES`] bytes without its line end (`\n` or `\r\n`) and
//! a leading byte-order mark is a record; a longer one is one `malformed_json`
//! record, read past without being kept. An input that starts with part of a
//! byte-order mark is an input error.

use std::io::{self, BufRead};

use vivamo_validate::{Error, ErrorCode, Path, Report};

use crate::pipeline::{Batcher, InputError, Item, MAX_RECORD_BYTES};

pub fn read(mut reader: impl BufRead, batcher: &mut Batcher) -> Result<(), InputError> {
    let mut line = Vec::new();
    let mut first = true;
    // Room for the line end and a byte-order mark, which do not count.
    let keep = MAX_RECORD_BYTES + 5;
    let mut number = 0;
    loop {
        // A line that lies whole in the reader's buffer is handed over from there
        // (one copy, into the batch); only a line across two fills is gathered.
        let buffered = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        };
        number += 1;
        if let Some(end) = memchr::memchr(b'\n', buffered) {
            let whole = buffered.get(..=end).unwrap_or_default();
            record(whole, false, &mut first, number, batcher)?;
            reader.consume(end + 1);
            continue;
        }
        line.clear();
        let (consumed, too_long) = read_line_capped(&mut reader, &mut line, keep)?;
        if consumed == 0 {
            return Ok(());
        }
        record(&line, too_long, &mut first, number, batcher)?;
    }
}

/// Hands over line `number` (with its line end, if any) as a record, or as the
/// record of a line too long; a blank line is skipped.
fn record(
    line: &[u8],
    mut too_long: bool,
    first: &mut bool,
    number: u64,
    batcher: &mut Batcher,
) -> Result<(), InputError> {
    let mut bytes = line;
    bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if std::mem::take(first) {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            bytes = rest;
        } else if crate::csv_split::starts_with_partial_bom(bytes) {
            return Err(InputError::Io(crate::csv_split::partial_bom()));
        }
    }
    too_long |= bytes.len() > MAX_RECORD_BYTES;
    if too_long {
        batcher.push(Item::Invalid(too_long_report()), number)
    } else if !is_blank(bytes) {
        batcher.json(bytes, number)
    } else {
        Ok(())
    }
}

/// JSON's whitespace (a line of it is blank).
pub fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The report of a record longer than [`MAX_RECORD_BYTES`].
pub fn too_long_report() -> Report {
    let mut report = Report::new();
    report.push(
        Path::root(),
        Error::new(
            ErrorCode::MalformedJson,
            format!("record is longer than {MAX_RECORD_BYTES} bytes"),
        ),
    );
    report
}

/// Reads one line (with its `\n`) into `out`, keeping at most `max` bytes: a
/// longer line is consumed but not kept. Returns the bytes consumed and whether
/// the line was too long.
pub fn read_line_capped(
    reader: &mut impl BufRead,
    out: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buf.is_empty() {
            return Ok((consumed, too_long));
        }
        let (len, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if !too_long {
            if out.len() + len > max {
                too_long = true;
                out.clear();
            } else {
                out.extend_from_slice(buf.get(..len).unwrap_or_default());
            }
        }
        reader.consume(len);
        consumed += len;
        if done {
            return Ok((consumed, too_long));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::split_with;

    #[test]
    fn lines_crlf_bom_and_blank_lines() {
        let input = "\u{feff}{\"a\":1}\r\n\n  \t\r\n[2]\nnot json\n{}";
        let (records, error) = split_with(|batcher| super::read(input.as_bytes(), batcher));
        assert_eq!(
            records,
            ["json:{\"a\":1}", "json:[2]", "json:not json", "json:{}"]
        );
        assert_eq!(error, None);
    }

    #[test]
    fn the_limit_is_inclusive_whatever_the_line_end() {
        let max = crate::pipeline::MAX_RECORD_BYTES;
        let exact = format!("\"{}\"", "x".repeat(max - 2));
        for end in ["", "\n", "\r\n"] {
            let input = format!("\u{feff}{exact}{end}");
            let (records, error) = split_with(|batcher| super::read(input.as_bytes(), batcher));
            assert_eq!((records.len(), error), (1, None));
            assert!(records[0].starts_with("json:"), "{end:?}");
            let input = format!("{exact} {end}");
            let (records, _) = split_with(|batcher| super::read(input.as_bytes(), batcher));
            assert_eq!(records, ["invalid:: record is longer than 8388608 bytes"]);
        }
    }

    #[test]
    fn lines_across_buffer_fills_are_the_same_records() {
        let input =
            "\u{feff}{\"a\":1}\r\n\n  \t\r\n[2]\nnot json\n{\"long\":\"0123456789abcdef\"}\n{}";
        let whole = crate::pipeline::entries_with(|batcher| super::read(input.as_bytes(), batcher));
        for capacity in [1, 2, 3, 5, 8, 13, 64] {
            let small = std::io::BufReader::with_capacity(capacity, input.as_bytes());
            let pieces = crate::pipeline::entries_with(|batcher| super::read(small, batcher));
            assert_eq!(pieces, whole, "buffer of {capacity} bytes");
        }
        for capacity in [1, 2, 3] {
            let small = std::io::BufReader::with_capacity(capacity, &b"\xEF\xBB{}\n"[..]);
            let (records, error) = split_with(|batcher| super::read(small, batcher));
            assert!(records.is_empty());
            assert!(error.is_some(), "buffer of {capacity} bytes");
        }
    }

    #[test]
    fn records_know_their_lines() {
        let input = "\u{feff}\n{\"a\":1}\r\n\n  \n[2]\nx";
        let (entries, _) =
            crate::pipeline::entries_with(|batcher| super::read(input.as_bytes(), batcher));
        let lines: Vec<u64> = entries.iter().map(|(line, _, _)| *line).collect();
        assert_eq!(lines, [2, 5, 6]);
    }

    #[test]
    fn a_partial_byte_order_mark_is_an_input_error() {
        for input in [&b"\xEF{}\n"[..], b"\xEF\xBB{}\n", b"\xEF"] {
            let (records, error) = split_with(|batcher| super::read(input, batcher));
            assert!(records.is_empty());
            assert_eq!(
                error.as_deref(),
                Some("the input starts with an incomplete byte-order mark")
            );
        }
    }

    #[test]
    fn a_line_over_the_limit_is_one_invalid_record() {
        let long = "x".repeat(crate::pipeline::MAX_RECORD_BYTES + 1);
        let input = format!("1\n{long}\n2\n");
        let (records, _) = split_with(|batcher| super::read(input.as_bytes(), batcher));
        assert_eq!(
            records,
            [
                "json:1".to_owned(),
                "invalid:: record is longer than 8388608 bytes".to_owned(),
                "json:2".to_owned()
            ]
        );
    }
}
