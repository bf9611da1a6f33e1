//! A bounded CSV record splitter (RFC 4180 quoting; a `,`, `;`, TAB or `|`
//! delimiter; CRLF, LF or CR line ends; a UTF-8 byte-order mark at the start).
//!
//! The `csv` crate buffers a whole record before handing it over, so a quote
//! that is never closed made it hold the rest of the input (2.1 GB for a 1 GB
//! tail). This splitter keeps at most `max_bytes` of one record: a longer record
//! is reported as [`Row::TooLong`] and read past without being kept, and
//! reading goes on with the next record. Scans use `memchr`, so skipping a long
//! record runs at memory speed. Self-contained (std and `memchr` only): the
//! fuzz targets include this file as it is.
//!
//! Quoting follows the `csv` crate's defaults, which the CLI used before: a
//! field that starts with `"` is quoted, `""` inside it is one `"`, and bytes
//! after the closing quote up to the next delimiter are kept as they are; a `"`
//! inside an unquoted field is an ordinary byte (`12 "Main" St` is one field, as
//! RFC 4180-lenient readers have it). Empty lines are skipped. A quote still open
//! at the end of the input is [`Row::Unclosed`].
//!
//! The splitter counts physical lines (CRLF, LF and CR each end one, inside
//! quotes too): [`Splitter::lines`] gives the first and last line of the row
//! it returned last, so a quoted field holding line breaks can be told apart.

use std::io::{self, BufRead};

/// One record, as [`Splitter::next_row`] hands it over.
#[derive(Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// The record's fields (at most `max_fields` of them kept) and how many it had.
    Fields(Fields<'a>),
    /// The record is longer than `max_bytes`; it was read past, not kept.
    TooLong,
    /// The input ended inside a quoted field.
    Unclosed,
}

/// The fields of one record.
#[derive(Debug, PartialEq, Eq)]
pub struct Fields<'a> {
    bytes: &'a [u8],
    ends: &'a [u32],
    count: usize,
}

impl<'a> Fields<'a> {
    /// How many fields the record has (kept or not).
    pub fn count(&self) -> usize {
        self.count
    }

    /// The kept fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let bytes = self.bytes;
        let mut start = 0usize;
        self.ends.iter().map(move |&end| {
            let end = end as usize;
            let field = bytes.get(start..end).unwrap_or_default();
            start = end;
            field
        })
    }
}

/// Which [`Row`] a record is, before it is borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fields,
    TooLong,
    Unclosed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (a record starts with one).
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` seen inside a quoted field: `""` or the closing quote.
    QuoteInQuoted,
}

/// The splitter's state across calls; see the module docs.
pub struct Splitter {
    max_bytes: usize,
    max_fields: usize,
    state: State,
    /// Bytes of the current record so far, terminator excluded.
    record_len: usize,
    too_long: bool,
    fields: Vec<u8>,
    ends: Vec<u32>,
    count: usize,
    /// A CR ended the last record: an LF right after it belongs to it.
    after_cr: bool,
    /// Bytes of the byte-order mark matched so far, or `None` once past the start.
    bom: Option<usize>,
    /// The field delimiter (never `"`, CR or LF).
    delimiter: u8,
    /// The physical line of the next byte, from 1.
    line: u64,
    /// The first and last line of the current row.
    first_line: u64,
    last_line: u64,
    /// Quoted content so far ended with a CR (an LF next belongs to its line end).
    quoted_cr: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `byte` continues a UTF-8 sequence (after `\xEF` or `\xEF\xBB` it
/// makes another character rather than a broken mark).
pub fn is_continuation(byte: u8) -> bool {
    (0x80..=0xBF).contains(&byte)
}

/// Whether `bytes` starts with part of a byte-order mark that no character
/// completes: `\xEF` or `\xEF\xBB` followed by anything but a continuation
/// byte (or nothing).
pub fn starts_with_partial_bom(bytes: &[u8]) -> bool {
    match bytes {
        [0xEF, 0xBB] | [0xEF] => true,
        [0xEF, 0xBB, 0xBF, ..] => false,
        [0xEF, 0xBB, next, ..] | [0xEF, next, ..] => !is_continuation(*next),
        _ => false,
    }
}

/// An input that starts with part of a byte-order mark: not UTF-8 from its first
/// byte, so no row of it can be trusted.
pub fn partial_bom() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the input starts with an incomplete byte-order mark",
    )
}

impl Splitter {
    /// A splitter keeping records of at most `max_bytes` bytes (terminator
    /// excluded) and at most `max_fields` fields of each (the rest are counted).
    pub fn new(max_bytes: usize, max_fields: usize) -> Self {
        Splitter {
            // Field ends are u32: a record past u32::MAX is too long anyway.
            max_bytes: max_bytes.min(u32::MAX as usize),
            max_fields,
            state: State::FieldStart,
            record_len: 0,
            too_long: false,
            fields: Vec::new(),
            ends: Vec::new(),
            count: 0,
            after_cr: false,
            bom: Some(0),
            delimiter: b',',
            line: 1,
            first_line: 1,
            last_line: 1,
            quoted_cr: false,
        }
    }

    /// The same splitter with another field delimiter; `"`, CR and LF cannot be
    /// one and are ignored.
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        if !matches!(delimiter, b'"' | b'\r' | b'\n') {
            self.delimiter = delimiter;
        }
        self
    }

    /// The first and last physical line (from 1) of the row returned last.
    pub fn lines(&self) -> (u64, u64) {
        (self.first_line, self.last_line)
    }

    /// The next record, or `None` at the end of the input. An I/O error (a
    /// partial byte-order mark is `InvalidData`) ends the input.
    pub fn next_row(&mut self, reader: &mut impl BufRead) -> io::Result<Option<Row<'_>>> {
        let kind = self.read_row(reader)?;
        Ok(kind.map(|kind| self.view(kind)))
    }

    /// [`next_row`](Splitter::next_row) with the row's first and last physical
    /// line (see [`lines`](Splitter::lines)).
    pub fn next_row_with_lines(
        &mut self,
        reader: &mut impl BufRead,
    ) -> io::Result<Option<(Row<'_>, (u64, u64))>> {
        let kind = self.read_row(reader)?;
        let lines = self.lines();
        Ok(kind.map(|kind| (self.view(kind), lines)))
    }

    fn view(&self, kind: Kind) -> Row<'_> {
        match kind {
            Kind::Fields => Row::Fields(Fields {
                bytes: &self.fields,
                ends: &self.ends,
                count: self.count,
            }),
            Kind::TooLong => Row::TooLong,
            Kind::Unclosed => Row::Unclosed,
        }
    }

    fn read_row(&mut self, reader: &mut impl BufRead) -> io::Result<Option<Kind>> {
        self.fields.clear();
        self.ends.clear();
        self.count = 0;
        self.record_len = 0;
        self.too_long = false;
        self.state = State::FieldStart;
        self.quoted_cr = false;
        self.first_line = self.line;
        loop {
            let buf = match reader.fill_buf() {
                Ok(buf) => buf,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if buf.is_empty() {
                if self.bom.is_some_and(|n| n > 0) {
                    return Err(partial_bom());
                }
                return Ok(self.finish_at_eof());
            }
            let (used, done) = self.feed(buf)?;
            reader.consume(used);
            if done {
                return Ok(Some(self.kind()));
            }
        }
    }

    fn finish_at_eof(&mut self) -> Option<Kind> {
        self.last_line = self.line;
        match self.state {
            State::Quoted => {
                self.state = State::FieldStart;
                Some(if self.too_long {
                    Kind::TooLong
                } else {
                    Kind::Unclosed
                })
            }
            State::FieldStart if self.record_len == 0 => None,
            _ => {
                self.end_field();
                Some(self.kind())
            }
        }
    }

    fn kind(&self) -> Kind {
        if self.too_long {
            Kind::TooLong
        } else {
            Kind::Fields
        }
    }

    /// Takes `n` bytes of record content, checking the size limit.
    fn grow(&mut self, n: usize) -> bool {
        self.record_len = self.record_len.saturating_add(n);
        if !self.too_long && self.record_len > self.max_bytes {
            self.too_long = true;
            self.fields.clear();
            self.ends.clear();
        }
        !self.too_long
    }

    fn keep(&mut self, bytes: &[u8]) {
        if self.grow(bytes.len()) && self.count < self.max_fields {
            self.fields.extend_from_slice(bytes);
        }
    }

    fn end_field(&mut self) {
        if !self.too_long && self.count < self.max_fields {
            // `fields` never exceeds `max_bytes`, which fits in a u32.
            self.ends
                .push(u32::try_from(self.fields.len()).unwrap_or(u32::MAX));
        }
        self.count += 1;
    }

    /// Feeds bytes; returns how many were used and whether a record ended.
    fn feed(&mut self, buf: &[u8]) -> io::Result<(usize, bool)> {
        let mut i = 0;
        while i < buf.len() {
            if let Some(matched) = self.bom {
                let byte = buf.get(i).copied().unwrap_or_default();
                if BOM.get(matched) == Some(&byte) {
                    i += 1;
                    self.bom = (matched + 1 < BOM.len()).then_some(matched + 1);
                    continue;
                }
                self.bom = None;
                if matched > 0 {
                    if !is_continuation(byte) {
                        return Err(partial_bom());
                    }
                    // Not a mark but the start of another character (U+F000…).
                    let start = BOM.get(..matched).unwrap_or_default();
                    self.keep(start);
                    self.state = State::Unquoted;
                }
            }
            let rest = buf.get(i..).unwrap_or_default();
            if self.after_cr {
                self.after_cr = false;
                if rest.first() == Some(&b'\n') {
                    i += 1;
                    continue;
                }
            }
            match self.state {
                State::FieldStart | State::Unquoted if self.too_long => {
                    // Nothing is kept: only a line end or a quote opening a field
                    // (right after a comma) matters, so commas are not stopped at.
                    let n = memchr::memchr3(b'\r', b'\n', b'"', rest).unwrap_or(rest.len());
                    self.grow(n);
                    i += n;
                    if n > 0 {
                        let last = rest.get(n - 1).copied();
                        self.state = if last == Some(self.delimiter) {
                            State::FieldStart
                        } else {
                            State::Unquoted
                        };
                    }
                    match rest.get(n) {
                        None => {}
                        Some(b'"') => {
                            i += 1;
                            self.grow(1);
                            if self.state == State::FieldStart {
                                self.state = State::Quoted;
                            } else {
                                self.state = State::Unquoted;
                            }
                        }
                        Some(&b) => {
                            i += 1;
                            if self.delimiter(b) {
                                return Ok((i, true));
                            }
                        }
                    }
                }
                State::FieldStart | State::Unquoted => {
                    if self.state == State::FieldStart && rest.first() == Some(&b'"') {
                        self.grow(1);
                        self.state = State::Quoted;
                        i += 1;
                        continue;
                    }
                    // Up to the next delimiter or line end, in one step.
                    let n =
                        memchr::memchr3(self.delimiter, b'\r', b'\n', rest).unwrap_or(rest.len());
                    self.keep(rest.get(..n).unwrap_or_default());
                    i += n;
                    if n > 0 {
                        self.state = State::Unquoted;
                    }
                    if let Some(&b) = rest.get(n) {
                        i += 1;
                        if self.delimiter(b) {
                            return Ok((i, true));
                        }
                    }
                }
                State::Quoted => {
                    let n = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                    let content = rest.get(..n).unwrap_or_default();
                    self.count_lines(content);
                    self.keep(content);
                    i += n;
                    if n < rest.len() {
                        self.quoted_cr = false;
                        self.grow(1);
                        self.state = State::QuoteInQuoted;
                        i += 1;
                    }
                }
                State::QuoteInQuoted => {
                    let b = rest.first().copied().unwrap_or_default();
                    i += 1;
                    match b {
                        b'"' => {
                            self.keep(b"\"");
                            self.state = State::Quoted;
                        }
                        _ if b == self.delimiter || b == b'\r' || b == b'\n' => {
                            if self.delimiter(b) {
                                return Ok((i, true));
                            }
                        }
                        other => {
                            self.keep(&[other]);
                            self.state = State::Unquoted;
                        }
                    }
                }
            }
        }
        Ok((i, false))
    }

    /// Counts the line ends in quoted content (a CRLF split across two calls
    /// is one).
    fn count_lines(&mut self, content: &[u8]) {
        let Some(&last) = content.last() else { return };
        for at in memchr::memchr2_iter(b'\r', b'\n', content) {
            let after_cr = match at.checked_sub(1) {
                Some(before) => content.get(before) == Some(&b'\r'),
                None => self.quoted_cr,
            };
            if content.get(at) == Some(&b'\r') || !after_cr {
                self.line += 1;
            }
        }
        self.quoted_cr = last == b'\r';
    }

    /// Handles a delimiter, CR or LF outside quotes; true when it ended a record
    /// (an empty line ends nothing: it is skipped).
    fn delimiter(&mut self, b: u8) -> bool {
        if b == self.delimiter {
            self.grow(1);
            self.end_field();
            self.state = State::FieldStart;
            return false;
        }
        self.after_cr = b == b'\r';
        let ended = self.line;
        self.line += 1;
        if self.record_len == 0 {
            self.first_line = self.line;
            return false;
        }
        self.last_line = ended;
        self.end_field();
        self.state = State::FieldStart;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &[u8], max: usize) -> Result<Vec<String>, String> {
        split_by(input, max, b',')
    }

    fn split_by(input: &[u8], max: usize, delimiter: u8) -> Result<Vec<String>, String> {
        let mut s = Splitter::new(max, 4).with_delimiter(delimiter);
        let mut reader = io::BufReader::with_capacity(3, input);
        let mut rows = Vec::new();
        loop {
            match s.next_row(&mut reader) {
                Ok(None) => return Ok(rows),
                Ok(Some(Row::Fields(f))) => rows.push(format!(
                    "{}:{}",
                    f.count(),
                    f.iter()
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect::<Vec<_>>()
                        .join("|")
                )),
                Ok(Some(Row::TooLong)) => rows.push("too long".into()),
                Ok(Some(Row::Unclosed)) => rows.push("unclosed".into()),
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    #[test]
    fn quoting_line_ends_and_blank_lines() {
        let input = b"\xEF\xBB\xBFa,b\r\n\"x,\"\"y\"\"\",\"\"\n\nq\"r,\"s\"t\rlast";
        assert_eq!(
            split(input, 100).unwrap(),
            ["2:a|b", "2:x,\"y\"|", "2:q\"r|st", "1:last"]
        );
        assert_eq!(split(b"a,\n,\n", 100).unwrap(), ["2:a|", "2:|"]);
        assert_eq!(split(b"\"a\nb\"\n", 100).unwrap(), ["1:a\nb"]);
        assert_eq!(split(b"", 100).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn the_limit_is_inclusive_and_reading_goes_on() {
        assert_eq!(split(b"abcde\nx\n", 5).unwrap(), ["1:abcde", "1:x"]);
        assert_eq!(split(b"abcdef\nx\n", 5).unwrap(), ["too long", "1:x"]);
        assert_eq!(split(b"\"abc\"\nx", 5).unwrap(), ["1:abc", "1:x"]);
        assert_eq!(split(b"\"a\nbcdefgh\"\nx", 5).unwrap(), ["too long", "1:x"]);
        assert_eq!(split(b"\"never closed", 5).unwrap(), ["too long"]);
        // Past the limit, a quote after a comma still opens a field.
        assert_eq!(
            split(b"abcdef,\"x\ny\",z\nw", 5).unwrap(),
            ["too long", "1:w"]
        );
        assert_eq!(split(b"abcdef\"x\ny", 5).unwrap(), ["too long", "1:y"]);
        assert_eq!(split(b"x\n\"open", 50).unwrap(), ["1:x", "unclosed"]);
    }

    #[test]
    fn other_delimiters() {
        assert_eq!(
            split_by(b"a;\"b;c\";d,e\n", 100, b';').unwrap(),
            ["3:a|b;c|d,e"]
        );
        assert_eq!(split_by(b"a\tb\t\n", 100, b'\t').unwrap(), ["3:a|b|"]);
        assert_eq!(split_by(b"a|b,c\n", 100, b'|').unwrap(), ["2:a|b,c"]);
        // Past the limit, a quote after the delimiter still opens a field.
        assert_eq!(
            split_by(b"abcdef;\"x\ny\";z\nw", 5, b';').unwrap(),
            ["too long", "1:w"]
        );
    }

    #[test]
    fn a_stray_quote_inside_an_unquoted_field_is_literal() {
        let input = b"a,b\n1,x\n2,12 \"Main St\n3,y\n4,z\n5,w\n";
        assert_eq!(
            split(input, 100).unwrap(),
            [
                "2:a|b",
                "2:1|x",
                "2:2|12 \"Main St",
                "2:3|y",
                "2:4|z",
                "2:5|w"
            ]
        );
    }

    /// Each row with its first and last physical line.
    fn lines(input: &[u8], buffer: usize) -> Vec<(u64, u64)> {
        let mut s = Splitter::new(100, 4);
        let mut reader = io::BufReader::with_capacity(buffer, input);
        let mut rows = Vec::new();
        while let Ok(Some(_)) = s.next_row(&mut reader) {
            rows.push(s.lines());
        }
        rows
    }

    #[test]
    fn rows_know_their_physical_lines() {
        for buffer in [1, 2, 3, 64] {
            assert_eq!(
                lines(b"h\n\na\r\n\"b\r\nc\"\r\n\r\"d\n\re\",\"\n\"\rf", buffer),
                [(1, 1), (3, 3), (4, 5), (7, 10), (11, 11)],
                "buffer {buffer}"
            );
            assert_eq!(lines(b"\"a\n\nb\"", buffer), [(1, 3)]);
            assert_eq!(lines(b"x\n\"open\n\n", buffer), [(1, 1), (2, 4)]);
        }
    }

    #[test]
    fn fields_past_the_cap_are_counted_not_kept() {
        assert_eq!(split(b"a,b,c,d,e,f\n", 100).unwrap(), ["6:a|b|c|d"]);
    }

    #[test]
    fn partial_byte_order_marks_are_errors() {
        let expected = Err("the input starts with an incomplete byte-order mark".to_owned());
        assert_eq!(split(b"\xEFa,b\n", 100), expected);
        assert_eq!(split(b"\xEF\xBBa\n", 100), expected);
        assert_eq!(split(b"\xEF\xBB", 100), expected);
        assert_eq!(split(b"a\xEF\xBB\n", 100).unwrap(), ["1:a\u{FFFD}"]);
        // A character that starts like the mark is kept.
        assert_eq!(
            split("＋,\u{FEE0}\n".as_bytes(), 100).unwrap(),
            ["2:＋|\u{FEE0}"]
        );
        assert_eq!(split("\u{FEE0}\n".as_bytes(), 100).unwrap(), ["1:\u{FEE0}"]);
        assert!(starts_with_partial_bom(b"\xEF["));
        assert!(starts_with_partial_bom(b"\xEF\xBB["));
        assert!(starts_with_partial_bom(b"\xEF\xBB"));
        assert!(!starts_with_partial_bom(b"\xEF\xBB\xBF["));
        assert!(!starts_with_partial_bom("＋".as_bytes()));
        assert!(!starts_with_partial_bom("\u{FEE0}".as_bytes()));
    }
}
