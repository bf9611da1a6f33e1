//! Looking ahead at the start of an input without losing it: the input format
//! (standard input and unknown extensions) and the CSV delimiter are decided
//! from a prefix of at most [`MAX_PEEK`] bytes, which [`Peeked`] then hands
//! over again before the rest of the input. Nothing past the prefix is read.

use std::io::{self, BufRead, Read};

use crate::args::Format;

/// The most bytes read ahead to decide.
pub const MAX_PEEK: usize = 64 << 10;

/// A reader whose first bytes were read ahead: they come first, then the rest.
pub struct Peeked<R> {
    prefix: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R: BufRead> Peeked<R> {
    /// No look-ahead.
    pub fn none(inner: R) -> Self {
        Peeked {
            prefix: Vec::new(),
            at: 0,
            inner,
        }
    }

    /// Reads ahead until `done(prefix)`, the end of the input or [`MAX_PEEK`] bytes.
    pub fn until(mut inner: R, done: impl Fn(&[u8]) -> bool) -> io::Result<Self> {
        let mut prefix = Vec::new();
        while prefix.len() < MAX_PEEK && !done(&prefix) {
            let buf = match inner.fill_buf() {
                Ok(buf) => buf,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min(MAX_PEEK - prefix.len());
            prefix.extend_from_slice(buf.get(..n).unwrap_or_default());
            inner.consume(n);
        }
        Ok(Peeked {
            prefix,
            at: 0,
            inner,
        })
    }

    /// Reads ahead past the first line that holds something (for a CSV header).
    pub fn until_line_end(inner: R) -> io::Result<Self> {
        Peeked::until(inner, |prefix| {
            prefix
                .iter()
                .skip_while(|b| matches!(b, b'\r' | b'\n'))
                .any(|b| matches!(b, b'\r' | b'\n'))
        })
    }

    /// The bytes read ahead.
    pub fn prefix(&self) -> &[u8] {
        &self.prefix
    }
}

impl<R: BufRead> Read for Peeked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            if let (Some(to), Some(from)) = (out.get_mut(..n), buf.get(..n)) {
                to.copy_from_slice(from);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Peeked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.prefix.len() {
            return Ok(self.prefix.get(self.at..).unwrap_or_default());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        let left = self.prefix.len() - self.at.min(self.prefix.len());
        if left > 0 {
            self.at += n.min(left);
            if self.at == self.prefix.len() {
                // The look-ahead is spent: give its memory back.
                self.prefix = Vec::new();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// The format of an input from its first non-blank byte after a byte-order
/// mark: `[` a JSON array, `{` JSON Lines, anything else CSV; JSON Lines when
/// the input is blank (it holds no record in any format) or starts with part
/// of a byte-order mark (every reader reports that the same way).
pub fn format_of(prefix: &[u8]) -> Format {
    let rest = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    if crate::csv_split::starts_with_partial_bom(prefix) {
        return Format::Jsonl;
    }
    match first_non_blank(rest) {
        Some(b'[') => Format::JsonArray,
        Some(b'{') | None => Format::Jsonl,
        Some(_) => Format::Csv,
    }
}

fn first_non_blank(bytes: &[u8]) -> Option<u8> {
    bytes
        .iter()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Reads ahead to the first non-blank byte (within [`MAX_PEEK`]) and decides
/// the format.
pub fn sniff_format<R: BufRead>(inner: R) -> io::Result<(Format, Peeked<R>)> {
    let peeked = Peeked::until(inner, |prefix| {
        let rest = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
        // A lone `\xEF` or `\xEF\xBB` may be the start of a mark: read on.
        first_non_blank(rest).is_some_and(|b| b != 0xEF || rest.len() >= 3)
    })?;
    Ok((format_of(peeked.prefix()), peeked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_the_first_non_blank_byte() {
        for (input, format) in [
            (&b"  \n[{}]"[..], Format::JsonArray),
            (b"\xEF\xBB\xBF\r\n{\"a\":1}\n", Format::Jsonl),
            (b"email,phone\n", Format::Csv),
            (b"\xEF\xBB\xBFexternalCustomerId\n", Format::Csv),
            (b"", Format::Jsonl),
            (b" \n\t", Format::Jsonl),
            (b"\xEF[1]", Format::Jsonl),
        ] {
            assert_eq!(format_of(input), format, "{input:?}");
        }
    }

    #[test]
    fn the_peeked_bytes_are_read_again() {
        let input = b"\n\n  [1, 2]\nrest".to_vec();
        for capacity in [1, 2, 5, 64] {
            let reader = io::BufReader::with_capacity(capacity, &input[..]);
            let (format, mut peeked) = sniff_format(reader).unwrap();
            assert_eq!(format, Format::JsonArray);
            let mut all = Vec::new();
            peeked.read_to_end(&mut all).unwrap();
            assert_eq!(all, input);
        }
        let reader = io::BufReader::with_capacity(3, &b"\n\na;b\nc;d\n"[..]);
        let peeked = Peeked::until_line_end(reader).unwrap();
        assert!(peeked.prefix().starts_with(b"\n\na;b\n"));
    }

    #[test]
    fn look_ahead_is_bounded() {
        let blank = vec![b' '; 3 * MAX_PEEK];
        let (format, peeked) = sniff_format(&blank[..]).unwrap();
        assert_eq!((format, peeked.prefix().len()), (Format::Jsonl, MAX_PEEK));
    }
}
