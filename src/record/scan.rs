//! A single-pass scanner for the common shape of a JSON record, in front of the
//! serde_json visitors of `json.rs`: the same raw members, at a fraction of the
//! cost.
//!
//! It only ever answers for input serde_json accepts, and then with exactly the
//! raw members the visitors build; on anything it is not sure about it gives up
//! (`None`) and the record is parsed again, from the start, by serde_json, whose
//! verdict and error message stand. Giving up is always correct, so every rule
//! here is the conservative half of serde_json's: whitespace is its four bytes;
//! a string is given up on at a control character, an unknown escape or a
//! surrogate that is not a well-formed pair; a number at a leading zero followed
//! by a digit, at more than [`MAX_INT_DIGITS`] integer digits, or at an exponent
//! that could leave the f64 range; nesting at [`MAX_DEPTH`] levels (serde_json
//! allows 128); and the input at anything after the root object but whitespace.
//! Ignored values are walked by the same rules, so they are checked as strictly
//! as serde_json checks them.

use std::borrow::Cow;

use super::{
    JsonType, Raw, RawBool, RawData, RawDataFields, RawKyc, RawKycItem, RawRecord, UnknownKeys,
    MAX_KYC_ITEMS,
};

/// Deeper nesting is given up on: far below serde_json's limit of 128, so that
/// nothing it would reject for depth is accepted here.
const MAX_DEPTH: usize = 32;

/// Longer integer parts are given up on: serde_json reads them as floats.
const MAX_INT_DIGITS: usize = 18;

/// An exponent that could take a number this close to the f64 range (about
/// 1.8e308) is given up on, so that "number out of range" stays serde_json's.
const MAX_DECIMAL_EXPONENT: usize = 305;

/// The raw members of a record whose text is a JSON object of the common shape,
/// or `None` when serde_json must decide. `unknown` is
/// [`Options::report_unknown_fields`](crate::Options::report_unknown_fields):
/// whether unknown member names are kept.
pub(super) fn scan_record(text: &str, unknown: bool) -> Option<RawRecord<'_>> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        unknown,
    };
    scanner.whitespace();
    let record = scanner.record()?;
    scanner.whitespace();
    (scanner.at == scanner.bytes.len()).then_some(record)
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
    unknown: bool,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// The members of the object that starts here, each handed to `member` with
    /// the scanner at its value; `member` reads the value.
    fn object(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Option<()>,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.expect(b'{')?;
        self.whitespace();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.whitespace();
            self.expect(b':')?;
            self.whitespace();
            member(self, key)?;
            self.whitespace();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.whitespace();
                }
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The elements of the array that starts here, each handed to `element`
    /// with the scanner at it.
    fn array(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.expect(b'[')?;
        self.whitespace();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            element(self)?;
            self.whitespace();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.whitespace();
                }
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The root object (depth 1), as the root visitor reads it.
    fn record(&mut self) -> Option<RawRecord<'a>> {
        let mut record = RawRecord {
            external_customer_id: Raw::Absent,
            verify_after_creation: RawBool::Absent,
            data: RawData::Absent,
            kyc_verifications: RawKyc::Absent,
            created_at: Raw::Absent,
            unknown: UnknownKeys::default(),
        };
        self.object(1, |s, key| {
            match &*key {
                "externalCustomerId" => record.external_customer_id = s.raw(2)?,
                "verifyAfterCreation" => record.verify_after_creation = s.raw_bool(2)?,
                "data" => record.data = s.data(2)?,
                "kycVerifications" => record.kyc_verifications = s.kyc(2)?,
                "createdAt" => record.created_at = s.raw(2)?,
                _ => {
                    s.skip(2)?;
                    if s.unknown {
                        record.unknown.add(key);
                    }
                }
            }
            Some(())
        })?;
        record.unknown.finish();
        Some(record)
    }

    fn data(&mut self, depth: usize) -> Option<RawData<'a>> {
        if self.peek()? != b'{' {
            return Some(match self.skip(depth)? {
                JsonType::Null => RawData::Absent,
                found => RawData::Wrong(found),
            });
        }
        let mut d = RawDataFields::default();
        self.object(depth, |s, key| {
            let slot = match d.slot(&key) {
                Some(slot) => slot,
                None => {
                    s.skip(depth + 1)?;
                    if s.unknown {
                        d.unknown.add(key);
                    }
                    return Some(());
                }
            };
            *slot = s.raw(depth + 1)?;
            Some(())
        })?;
        d.unknown.finish();
        Some(RawData::Object(Box::new(d)))
    }

    /// `kycVerifications`: the first [`MAX_KYC_ITEMS`] items kept, the rest of a
    /// longer array walked and counted.
    fn kyc(&mut self, depth: usize) -> Option<RawKyc<'a>> {
        if self.peek()? != b'[' {
            return Some(match self.skip(depth)? {
                JsonType::Null => RawKyc::Absent,
                found => RawKyc::Wrong(found),
            });
        }
        let mut items = Vec::new();
        let mut found = 0usize;
        self.array(depth, |s| {
            if items.len() < MAX_KYC_ITEMS {
                items.push(s.item(depth + 1)?);
            } else {
                s.skip(depth + 1)?;
            }
            found += 1;
            Some(())
        })?;
        Some(if found > MAX_KYC_ITEMS {
            RawKyc::TooMany(found)
        } else {
            RawKyc::Array(items)
        })
    }

    fn item(&mut self, depth: usize) -> Option<RawKycItem<'a>> {
        if self.peek()? != b'{' {
            // `null` is no absent item: it is an item of the wrong type.
            return self.skip(depth).map(RawKycItem::Wrong);
        }
        let (mut kind, mut status, mut created_at) = (Raw::Absent, Raw::Absent, Raw::Absent);
        let mut unknown = UnknownKeys::default();
        self.object(depth, |s, key| {
            match &*key {
                "type" => kind = s.raw(depth + 1)?,
                "status" => status = s.raw(depth + 1)?,
                "createdAt" => created_at = s.raw(depth + 1)?,
                _ => {
                    s.skip(depth + 1)?;
                    if s.unknown {
                        unknown.add(key);
                    }
                }
            }
            Some(())
        })?;
        unknown.finish();
        Some(RawKycItem::Object {
            kind,
            status,
            created_at,
            unknown,
        })
    }

    /// A member that should hold a string; `null` is absent.
    fn raw(&mut self, depth: usize) -> Option<Raw<'a>> {
        if self.peek()? == b'"' {
            return self.string().map(Raw::Str);
        }
        Some(match self.skip(depth)? {
            JsonType::Null => Raw::Absent,
            found => Raw::Wrong(found),
        })
    }

    /// A member that should hold a boolean; `null` is absent.
    fn raw_bool(&mut self, depth: usize) -> Option<RawBool> {
        match self.peek()? {
            b't' => self.literal(b"true").map(|()| RawBool::Bool(true)),
            b'f' => self.literal(b"false").map(|()| RawBool::Bool(false)),
            _ => Some(match self.skip(depth)? {
                JsonType::Null => RawBool::Absent,
                found => RawBool::Wrong(found),
            }),
        }
    }

    /// Walks any value at `depth` and says what JSON type it was.
    fn skip(&mut self, depth: usize) -> Option<JsonType> {
        match self.peek()? {
            b'"' => self.string().map(|_| JsonType::String),
            b'{' => self
                .object(depth, |s, _| s.skip(depth + 1).map(drop))
                .map(|()| JsonType::Object),
            b'[' => self
                .array(depth, |s| s.skip(depth + 1).map(drop))
                .map(|()| JsonType::Array),
            b't' => self.literal(b"true").map(|()| JsonType::Boolean),
            b'f' => self.literal(b"false").map(|()| JsonType::Boolean),
            b'n' => self.literal(b"null").map(|()| JsonType::Null),
            b'-' | b'0'..=b'9' => self.number().map(|()| JsonType::Number),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// A number in JSON's grammar that serde_json reads as a finite value.
    fn number(&mut self) -> Option<()> {
        if self.peek()? == b'-' {
            self.at += 1;
        }
        let first = self.peek()?;
        let int_digits = self.digits();
        // No digit, a leading zero ("invalid number" for serde_json), or an
        // integer part serde_json reads as a float.
        if int_digits == 0 || (first == b'0' && int_digits > 1) || int_digits > MAX_INT_DIGITS {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let negative = match self.peek()? {
                b'-' => {
                    self.at += 1;
                    true
                }
                b'+' => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let start = self.at;
            let count = self.digits();
            // Short exponents only: their value cannot overflow what is added here.
            if count == 0 || count > 4 {
                return None;
            }
            let exponent = self.text.get(start..self.at)?.parse::<usize>().ok()?;
            let reach = if negative {
                exponent
            } else {
                int_digits + exponent
            };
            if reach > MAX_DECIMAL_EXPONENT {
                return None;
            }
        }
        Some(())
    }

    /// Reads ASCII digits and says how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// The string that starts here, borrowed from the input unless it has escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let end = start + plain_len(self.bytes.get(start..)?);
        match self.bytes.get(end)? {
            b'"' => {
                let s = self.text.get(start..end)?;
                self.at = end + 1;
                Some(Cow::Borrowed(s))
            }
            b'\\' => {
                self.at = end;
                self.escaped(start).map(Cow::Owned)
            }
            // serde_json rejects control characters in strings.
            _ => None,
        }
    }

    /// The rest of a string from its first backslash, decoded; `start` is where
    /// its text began.
    fn escaped(&mut self, start: usize) -> Option<String> {
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let run = self.at;
            self.at += plain_len(self.bytes.get(run..)?);
            out.push_str(self.text.get(run..self.at)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escape = self.peek()?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    /// The character of a `\u` escape whose four hex digits start here: a
    /// non-surrogate, or a high surrogate followed by `\u` and a low one.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        match first {
            0xd800..=0xdbff => {
                self.literal(b"\\u")?;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return None;
                }
                char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
            }
            _ => char::from_u32(first),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = self.bytes.get(self.at..end)?;
        let mut value = 0;
        for &b in digits {
            value = value * 16 + char::from(b).to_digit(16)?;
        }
        self.at = end;
        Some(value)
    }
}

/// How many bytes at the start of `bytes` are plain string content: neither a
/// quote, a backslash nor a control character. Eight bytes a step, as one word
/// (most of a record is string content).
fn plain_len(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let mut len = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let stops = stops(u64::from_le_bytes(word));
        if stops != 0 {
            return len + (stops.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    len + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// The high bit of each byte of `word` that may stop a string; the lowest one
/// set is always a true stop (the borrows of the subtractions only ever flag
/// bytes above a true one), which is all [`plain_len`] looks at.
fn stops(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    zero_byte(word ^ (ONES * u64::from(b'"')))
        | zero_byte(word ^ (ONES * u64::from(b'\\')))
        | control
}

#[cfg(test)]
mod tests {
    use super::super::json::parse_root_str_by_serde;
    use super::*;
    use crate::Options;

    /// The raw members as text, unknown names in input order (their hash sets
    /// print in no fixed order).
    fn describe(record: &RawRecord<'_>) -> String {
        fn keys(u: &UnknownKeys<'_>) -> String {
            format!("{:?}+{}/{}", u.kept, u.more.len(), u.more_distinct)
        }
        let data = match &record.data {
            RawData::Object(d) => format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
                d.email,
                d.phone,
                d.first_name,
                d.last_name,
                d.street,
                d.street2,
                d.state,
                d.city,
                d.zip,
                d.country,
                keys(&d.unknown)
            ),
            other => format!("{other:?}"),
        };
        let kyc = match &record.kyc_verifications {
            RawKyc::Array(items) => items
                .iter()
                .map(|item| match item {
                    RawKycItem::Object {
                        kind,
                        status,
                        created_at,
                        unknown,
                    } => format!("{kind:?} {status:?} {created_at:?} {}", keys(unknown)),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
                .join("; "),
            other => format!("{other:?}"),
        };
        format!(
            "{:?} {:?} [{data}] [{kyc}] {:?} {}",
            record.external_customer_id,
            record.verify_after_creation,
            record.created_at,
            keys(&record.unknown)
        )
    }

    /// Scans `text` and checks the raw members are serde_json's, both ways of
    /// keeping unknown names.
    fn scans_as_serde(text: &str) {
        for unknown in [false, true] {
            let options = Options {
                report_unknown_fields: unknown,
                ..Options::default()
            };
            let fast = scan_record(text, unknown).expect("the fast path reads it");
            let serde = parse_root_str_by_serde(text, &options).expect("serde_json reads it");
            assert_eq!(describe(&fast), describe(&serde), "{text}");
        }
    }

    #[test]
    fn the_common_shapes_are_read_as_serde_json_reads_them() {
        for text in [
            r#"{"externalCustomerId":"cus_000123","data":{"email":"maria.garcia@gmail.com","phone":"(212) 555-0123","firstName":"María","lastName":"García","street":"350 5th Ave","street2":"Fl 21","state":"NY","city":"New York","zip":"10118","country":"US"},"kycVerifications":[{"type":"proof_of_id","status":"verified","createdAt":"2024-03-02T09:15:00Z"}],"createdAt":"2024-03-01T12:00:00Z"}"#,
            " {\n\t\"externalCustomerId\" : 12 , \"data\" : null , \"createdAt\" : true }\r\n",
            r#"{"data":{"zip":1e+300,"city":[],"state":{"a":[1,-0,0.5,{"b":null}]},"phone":-12.5E-3,"email":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}}"#,
            r#"{"data":"x","kycVerifications":{"type":"a"},"verifyAfterCreation":false}"#,
            r#"{"kycVerifications":[null,1,"x",[],{"type":null,"status":7,"note":"n","note":"m"}],"verifyAfterCreation":"yes"}"#,
            r#"{"data":{"email":"a","nick":1},"data":{"email":"b","nick\u0021":2},"x":1,"x":2,"y":{}}"#,
            r#"{"verifyAfterCreation":null,"verifyAfterCreation":true,"externalCustomerId":"a","externalCustomerId":null}"#,
            r#"{}"#,
            r#"{"kycVerifications":[]}"#,
        ] {
            scans_as_serde(text);
        }
    }

    #[test]
    fn plain_len_stops_at_the_first_quote_backslash_or_control_character() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(bytes.len())
        };
        let alphabet = [
            b'a', b'"', b'\\', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xa2, 0xdc, 0xff,
        ];
        // Every placement of two of these bytes in a 19-byte run of 'a's.
        for &x in &alphabet {
            for &y in &alphabet {
                for i in 0..19 {
                    for j in 0..19 {
                        let mut bytes = [b'a'; 19];
                        bytes[i] = x;
                        bytes[j] = y;
                        for from in 0..bytes.len() {
                            let tail = &bytes[from..];
                            assert_eq!(plain_len(tail), naive(tail), "{tail:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn more_than_max_items_are_counted_as_serde_json_counts_them() {
        for n in [MAX_KYC_ITEMS, MAX_KYC_ITEMS + 1, MAX_KYC_ITEMS + 7] {
            let items = vec![r#"{"type":"proof_of_id"}"#; n].join(",");
            scans_as_serde(&format!(r#"{{"kycVerifications":[{items}]}}"#));
        }
    }

    #[test]
    fn what_serde_json_must_judge_is_given_up_on() {
        let deep = format!(
            "{{\"x\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        for text in [
            "",
            "[]",
            "null",
            "\u{feff}{}",
            "{} x",
            "{},",
            r#"{"a":1,}"#,
            r#"{"a":[1,]}"#,
            r#"{"a" 1}"#,
            r#"{"a":01}"#,
            r#"{"a":-}"#,
            r#"{"a":1.}"#,
            r#"{"a":.5}"#,
            r#"{"a":1e400}"#,
            r#"{"a":1e306}"#,
            r#"{"a":1234567890123456789}"#,
            r#"{"a":nul}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            r#"{"a":"\x"}"#,
            "{\"a\":\"tab\there\"}",
            "{\"a\":\u{a0}1}",
            &deep,
        ] {
            assert!(scan_record(text, false).is_none(), "{text}");
        }
    }
}
