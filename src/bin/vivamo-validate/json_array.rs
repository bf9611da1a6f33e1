//! JSON array input, streamed: a splitter finds each element's bytes (aware of
//! strings, escapes and nesting) and hands them over one record at a time, so
//! memory stays constant whatever the array's length.
//!
//! Each comma-separated slot is one record: an element that is not valid JSON is
//! one `malformed_json` record, and so is an empty slot (`[a,,b]`, `[a,]`). A
//! broken array itself (the input does not start with `[`, is not closed, or has
//! data after its `]`) is an input error: the records before the break are
//! reported (an unterminated last element too), then a message naming the file,
//! and the run ends with exit status 2.

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
    too_long: bool,
    depth: usize,
    in_string: bool,
    escaped: bool,
    offset: u64,
}

pub fn read(mut reader: impl BufRead, batcher: &mut Batcher) -> Result<(), InputError> {
    let mut s = Splitter {
        state: State::Start,
        element: Vec::new(),
        too_long: false,
        depth: 0,
        in_string: false,
        escaped: false,
        offset: 0,
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
            // A UTF-8 byte-order mark at the very start is skipped.
            if s.state == State::Start
                && bom as u64 == s.offset
                && b"\xEF\xBB\xBF".get(bom) == Some(&byte)
            {
                bom += 1;
                s.offset += 1;
                continue;
            }
            s.step(byte, batcher)?;
            s.offset += 1;
        }
        reader.consume(len);
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
                b']' => {
                    if after_comma {
                        batcher.push(Item::Invalid(empty_slot()))?;
                    }
                    self.state = State::End;
                }
                b',' => batcher.push(Item::Invalid(empty_slot()))?,
                _ => {
                    self.state = State::Element;
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
        if !self.too_long {
            if self.element.len() >= MAX_RECORD_BYTES {
                self.too_long = true;
                self.element = Vec::new();
            } else {
                self.element.push(byte);
            }
        }
        Ok(())
    }

    fn finish_element(&mut self, batcher: &mut Batcher) -> Result<(), InputError> {
        let result = if self.too_long {
            batcher.push(Item::Invalid(too_long_report()))
        } else {
            batcher.json(&self.element)
        };
        self.element.clear();
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
                "json:{\"a\":\"],[{\\\"\"} ",
                "json:[1,[2]]",
                "json:\"x\\\\\"",
                "json:{\"b\":{\"c\":[]}}",
            ]
        );
        assert_eq!(error, None);
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
