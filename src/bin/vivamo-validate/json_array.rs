//! JSON array input, streamed: a splitter finds each element's bytes (aware of
//! strings, escapes and nesting) and hands them over one record at a time, so
//! memory stays constant whatever the array's length.
//!
//! Each comma-separated slot is one record, so an array with n commas holds
//! n + 1 records (and `[]` none): an element that is not valid JSON is one
//! `malformed_json` record, and so is an empty slot. `[1,]` and `[,1]` are two
//! records, `[,]` two, `[,,]` and `[1,,]` three: counting commas is what a user
//! can check by eye, and a stray comma never hides a record or merges two.
//! A broken array itself (the input does not start with `[`, starts with part
//! of a byte-order mark, is not closed, or has data after its `]`) is an input
//! error: the records before the break are reported (an unterminated last
//! element too), then a message naming the file, and the run ends with exit
//! status 2.
//!
//! An element is at most [`MAX_RECORD_BYTES`] bytes without the whitespace
//! around it (the same limit, inclusive, as a JSON Lines line); a longer one
//! is one `malformed_json` record, read past without being kept.

use std::io::{self, BufRead};

use vivamo_validate::{Error, ErrorCode, Path, Report};

use crate::jsonl::too_long_report;
use crate::pipeline::{Batcher, InputError, Item, MAX_RECORD_BYTES};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `[` (whitespace and a byte-order mark allowed).
    Start,
    /// Where an element or the closing `]` is due.
    Slot { after_comma: bool },
    /// Inside an element.
    Element,
    /// After the closing `]`: only whitespace allowed.
    End,
}

struct Splitter {
    state: State,
    element: Vec<u8>,
    /// Whitespace after the element's last token at depth 0: it belongs to the
    /// element only if more of the element follows (a trailing run is dropped,
    /// so it never counts against the limit).
    blank: Vec<u8>,
    /// More whitespace was seen than `blank` could keep under the limit.
    blank_overflow: bool,
    too_long: bool,
    depth: usize,
    in_string: bool,
    escaped: bool,
    offset: u64,
    /// The line of the current byte, from 1.
    line: u64,
    /// The line where the current element started.
    element_line: u64,
}

pub fn read(mut reader: impl BufRead, batcher: &mut Batcher) -> Result<(), InputError> {
    let mut s = Splitter {
        state: State::Start,
        element: Vec::new(),
        blank: Vec::new(),
        blank_overflow: false,
        too_long: false,
        depth: 0,
        in_string: false,
        escaped: false,
        offset: 0,
        line: 1,
        element_line: 1,
    };
    let mut bom = 0usize;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        };
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        for &byte in buf {
            // A UTF-8 byte-order mark at the very start is skipped; part of one
            // is an input error (no character of an array starts that way).
            if s.state == State::Start && bom as u64 == s.offset && bom < 3 {
                if b"\xEF\xBB\xBF".get(bom) == Some(&byte) {
                    bom += 1;
                    s.offset += 1;
                    continue;
                }
                if bom > 0 {
                    return Err(InputError::Io(crate::csv_split::partial_bom()));
                }
            }
            s.step(byte, batcher)?;
            s.offset += 1;
            if byte == b'\n' {
                s.line += 1;
            }
        }
        reader.consume(len);
    }
    if (1..3).contains(&bom) && s.offset == bom as u64 {
        return Err(InputError::Io(crate::csv_split::partial_bom()));
    }
    match s.state {
        State::End => Ok(()),
        State::Start => Err(InputError::Format(
            "expected a json array of records".to_owned(),
        )),
        State::Element => {
            s.finish_element(batcher)?;
            Err(not_closed())
        }
        State::Slot { .. } => Err(not_closed()),
    }
}

fn not_closed() -> InputError {
    InputError::Format("the json array is not closed".to_owned())
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

impl Splitter {
    fn step(&mut self, byte: u8, batcher: &mut Batcher) -> Result<(), InputError> {
        match self.state {
            State::Start => {
                if byte == b'[' {
                    self.state = State::Slot { after_comma: false };
                } else if !is_whitespace(byte) {
                    return Err(InputError::Format(
                        "expected a json array of records".to_owned(),
                    ));
                }
            }
            State::Slot { after_comma } => match byte {
                _ if is_whitespace(byte) => {}
                // An empty slot is a record on the line of the comma or `]` that ends it.
                b']' => {
                    if after_comma {
                        batcher.push(Item::Invalid(empty_slot()), self.line)?;
                    }
                    self.state = State::End;
                }
                b',' => {
                    batcher.push(Item::Invalid(empty_slot()), self.line)?;
                    self.state = State::Slot { after_comma: true };
                }
                _ => {
                    self.state = State::Element;
                    self.element_line = self.line;
                    self.element_byte(byte, batcher)?;
                }
            },
            State::Element => self.element_byte(byte, batcher)?,
            State::End => {
                if !is_whitespace(byte) {
                    return Err(InputError::Format(format!(
                        "unexpected data after the json array at byte {}",
                        self.offset
                    )));
                }
            }
        }
        Ok(())
    }

    fn element_byte(&mut self, byte: u8, batcher: &mut Batcher) -> Result<(), InputError> {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' {
                self.escaped = true;
            } else if byte == b'"' {
                self.in_string = false;
            }
        } else {
            match byte {
                b'"' => self.in_string = true,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' if self.depth > 0 => self.depth -= 1,
                b']' => {
                    self.finish_element(batcher)?;
                    self.state = State::End;
                    return Ok(());
                }
                b',' if self.depth == 0 => {
                    self.finish_element(batcher)?;
                    self.state = State::Slot { after_comma: true };
                    return Ok(());
                }
                _ => {}
            }
        }
        if self.too_long {
            return Ok(());
        }
        if !self.in_string && self.depth == 0 && is_whitespace(byte) {
            // Kept aside; only what fits under the limit is worth keeping.
            if self.element.len() + self.blank.len() < MAX_RECORD_BYTES {
                self.blank.push(byte);
            } else {
                self.blank_overflow = true;
            }
            return Ok(());
        }
        if self.blank_overflow || self.element.len() + self.blank.len() + 1 > MAX_RECORD_BYTES {
            self.too_long = true;
            self.element = Vec::new();
            self.blank = Vec::new();
            return Ok(());
        }
        self.element.append(&mut self.blank);
        self.element.push(byte);
        Ok(())
    }

    fn finish_element(&mut self, batcher: &mut Batcher) -> Result<(), InputError> {
        let result = if self.too_long {
            batcher.push(Item::Invalid(too_long_report()), self.element_line)
        } else {
            batcher.json(&self.element, self.element_line)
        };
        self.element.clear();
        self.blank.clear();
        self.blank_overflow = false;
        self.too_long = false;
        self.depth = 0;
        self.in_string = false;
        self.escaped = false;
        result
    }
}

fn empty_slot() -> Report {
    let mut report = Report::new();
    report.push(
        Path::root(),
        Error::new(ErrorCode::MalformedJson, "array element is empty"),
    );
    report
}

#[cfg(test)]
mod tests {
    use crate::pipeline::split_with;

    fn split(input: &str) -> (Vec<String>, Option<String>) {
        split_with(|batcher| super::read(input.as_bytes(), batcher))
    }

    #[test]
    fn splits_elements_aware_of_strings_escapes_and_nesting() {
        let (records, error) =
            split("\u{feff} [ {\"a\":\"],[{\\\"\"} ,[1,[2]],\"x\\\\\",\n{\"b\":{\"c\":[]}}]\n");
        assert_eq!(
            records,
            [
                "json:{\"a\":\"],[{\\\"\"}",
                "json:[1,[2]]",
                "json:\"x\\\\\"",
                "json:{\"b\":{\"c\":[]}}",
            ]
        );
        assert_eq!(error, None);
    }

    #[test]
    fn elements_know_their_lines() {
        let input = "[\n  {\"a\":\"x\\ny\"},\n\n  {\n \"b\": [1,\n2]\n  }\n, ,\n3]";
        let (entries, error) =
            crate::pipeline::entries_with(|batcher| super::read(input.as_bytes(), batcher));
        assert_eq!(error, None);
        let lines: Vec<u64> = entries.iter().map(|(line, _, _)| *line).collect();
        assert_eq!(lines, [2, 4, 8, 9]);
    }

    #[test]
    fn empty_slots_are_malformed_records() {
        let (records, error) = split("[1,,2,]");
        assert_eq!(
            records,
            [
                "json:1",
                "invalid:: array element is empty",
                "json:2",
                "invalid:: array element is empty"
            ]
        );
        assert_eq!(error, None);
        assert_eq!(split("[]"), (vec![], None));
        assert_eq!(split(" [ \n ] "), (vec![], None));
    }

    #[test]
    fn every_comma_separated_slot_is_one_record() {
        let count = |input: &str| {
            let (records, error) = split(input);
            assert_eq!(error, None, "{input}");
            records.len()
        };
        for (input, records) in [
            ("[]", 0),
            ("[ ]", 0),
            ("[1]", 1),
            ("[,]", 2),
            ("[ , ]", 2),
            ("[1,]", 2),
            ("[,1]", 2),
            ("[,,]", 3),
            ("[1,,]", 3),
            ("[,1,]", 3),
            ("[1,,2]", 3),
        ] {
            assert_eq!(count(input), records, "{input}");
        }
    }

    #[test]
    fn the_limit_is_inclusive_and_ignores_surrounding_whitespace() {
        let max = crate::pipeline::MAX_RECORD_BYTES;
        let exact = format!("\"{}\"", "x".repeat(max - 2));
        let (records, error) = split(&format!("[ \n{exact} \n\t]"));
        assert_eq!((records.len(), error), (1, None));
        assert_eq!(records[0].len(), "json:".len() + max);
        let (records, _) = split(&format!("[{exact}1]"));
        assert_eq!(records, ["invalid:: record is longer than 8388608 bytes"]);
        let (records, _) = split(&format!("[{exact} 1,2]"));
        assert_eq!(
            records,
            ["invalid:: record is longer than 8388608 bytes", "json:2"]
        );
    }

    #[test]
    fn a_partial_byte_order_mark_is_an_input_error() {
        let partial = Some("the input starts with an incomplete byte-order mark".to_owned());
        for input in [&b"\xEF[1]"[..], b"\xEF\xBB[1]", b"\xEF", b"\xEF\xBB"] {
            let (records, error) = split_with(|batcher| super::read(input, batcher));
            assert_eq!((records.len(), error), (0, partial.clone()));
        }
        let (records, error) = split_with(|batcher| super::read(&b"\xEF\xBB\xBF[1]"[..], batcher));
        assert_eq!((records.len(), error), (1, None));
    }

    #[test]
    fn broken_arrays_are_input_errors() {
        let not_closed = Some("the json array is not closed".to_owned());
        assert_eq!(
            split("[1,{\"a\""),
            (
                vec!["json:1".into(), "json:{\"a\"".into()],
                not_closed.clone()
            )
        );
        assert_eq!(split("[1,"), (vec!["json:1".into()], not_closed));
        let not_array = Some("expected a json array of records".to_owned());
        assert_eq!(split(""), (vec![], not_array.clone()));
        assert_eq!(split("{\"a\":1}"), (vec![], not_array));
        assert_eq!(
            split("[1] 2"),
            (
                vec!["json:1".into()],
                Some("unexpected data after the json array at byte 4".into())
            )
        );
    }
}
