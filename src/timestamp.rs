//! RFC 3339 timestamps, normalized to UTC milliseconds (SPEC §8).
//! The rules are documented on the type.

use std::cmp::Ordering;

use crate::{string_newtype, Error, ErrorCode};

const MS_PER_DAY: i64 = 86_400_000;
/// Length of `YYYY-MM-DDTHH:MM:SS.sssZ`.
const NORMALIZED_LEN: usize = 24;
/// 0000-01-01T00:00:00.000Z in Unix milliseconds.
const MIN_MILLIS: i64 = days_from_civil(0, 1, 1) * MS_PER_DAY;
/// 9999-12-31T23:59:59.999Z in Unix milliseconds.
const MAX_MILLIS: i64 = days_from_civil(10_000, 1, 1) * MS_PER_DAY - 1;

/// An instant between 0000-01-01 and 9999-12-31 UTC, at millisecond precision.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` exactly, with ASCII digits,
/// `T` and `Z` in either case and a fraction of one or more digits (any number; it is
/// truncated to milliseconds, never rounded). The input is not trimmed. Checks, in
/// order, each failing with `timestamp_invalid` and the detail:
///
/// | detail | when |
/// |---|---|
/// | `syntax` | the shape above is not matched |
/// | `date` | the month is not 01–12 or the day does not exist in that month (leap years are proleptic Gregorian: 2000-02-29 and 0000-02-29 exist, 1900-02-29 does not) |
/// | `time` | hour over 23, minute or second over 59 (no leap second `60`) |
/// | `offset` | offset hour over 23 or offset minute over 59 |
/// | `out_of_range` | the instant, moved to UTC, falls outside years 0000–9999 |
///
/// An empty or all-whitespace input is `required` (blank means absent, the record rules).
/// `-00:00` is taken as UTC. The normalized form is `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC.
///
/// Ordering is chronological; equal instants written with different offsets are
/// equal once parsed.
///
/// ```
/// use vivamo_validate::Timestamp;
/// let a = Timestamp::parse("2024-03-01T01:30:00+02:00").unwrap();
/// let b = Timestamp::parse("2024-02-29t23:30:00.000000001z").unwrap();
/// assert_eq!(a.as_str(), "2024-02-29T23:30:00.000Z");
/// assert_eq!(a, b);
/// assert!(Timestamp::parse("2024-02-29T23:30:00.001Z").unwrap() > a);
/// ```
#[derive(Clone)]
pub struct Timestamp {
    millis: i64,
    /// The normalized form, always ASCII.
    text: [u8; NORMALIZED_LEN],
}

impl std::fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Timestamp").field(&self.as_str()).finish()
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.millis == other.millis
    }
}

impl Eq for Timestamp {}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.millis.hash(state);
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.millis.cmp(&other.millis)
    }
}

impl Timestamp {
    /// Validates an RFC 3339 timestamp and normalizes it to UTC milliseconds.
    ///
    /// ```
    /// use vivamo_validate::Timestamp;
    /// let t = Timestamp::parse("1999-12-31T23:00:00.98765-01:30").unwrap();
    /// assert_eq!(t.as_str(), "2000-01-01T00:30:00.987Z");
    /// let err = Timestamp::parse("1900-02-29T00:00:00Z").unwrap_err();
    /// assert_eq!(err.code(), "timestamp_invalid");
    /// assert_eq!(err.detail(), Some("date"));
    /// ```
    pub fn parse(input: &str) -> Result<Timestamp, Error> {
        if input.len() > crate::MAX_FIELD_INPUT {
            return Err(crate::input_too_long(
                ErrorCode::TimestampInvalid,
                "timestamp",
            ));
        }
        let fields = match Fields::scan(input.as_bytes()) {
            Some(fields) => fields,
            None if input.chars().all(char::is_whitespace) => {
                return Err(Error::required("timestamp"))
            }
            None => return Err(invalid("timestamp is not an rfc 3339 date-time", "syntax")),
        };
        fields.to_timestamp()
    }

    /// The instant at `millis` milliseconds after 1970-01-01T00:00:00Z, if it lies
    /// within years 0000–9999.
    ///
    /// ```
    /// use vivamo_validate::Timestamp;
    /// let t = Timestamp::from_unix_millis(951_782_400_000).unwrap();
    /// assert_eq!(t.as_str(), "2000-02-29T00:00:00.000Z");
    /// assert!(Timestamp::from_unix_millis(i64::MAX).is_none());
    /// ```
    pub fn from_unix_millis(millis: i64) -> Option<Timestamp> {
        if !(MIN_MILLIS..=MAX_MILLIS).contains(&millis) {
            return None;
        }
        Some(Timestamp {
            millis,
            text: format_millis(millis),
        })
    }

    /// Milliseconds since 1970-01-01T00:00:00Z (negative before it).
    ///
    /// ```
    /// use vivamo_validate::Timestamp;
    /// assert_eq!(Timestamp::parse("1970-01-01T00:00:01.5Z").unwrap().unix_millis(), 1_500);
    /// assert_eq!(Timestamp::parse("1969-12-31T23:59:59Z").unwrap().unix_millis(), -1_000);
    /// ```
    pub fn unix_millis(&self) -> i64 {
        self.millis
    }

    /// The normalized form, `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC.
    ///
    /// ```
    /// use vivamo_validate::Timestamp;
    /// assert_eq!(Timestamp::parse("2024-01-01T00:00:00+00:00").unwrap().as_str(), "2024-01-01T00:00:00.000Z");
    /// ```
    pub fn as_str(&self) -> &str {
        // `text` is built from ASCII digits and punctuation only, so this never fails.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }
}

string_newtype!(Timestamp);

fn invalid(message: &'static str, detail: &'static str) -> Error {
    Error::new(ErrorCode::TimestampInvalid, message).with_detail(detail)
}

/// The numbers of a syntactically valid timestamp, not yet range-checked.
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
    /// `1` east of UTC (and for `Z`), `-1` west.
    offset_sign: i64,
    offset_hour: i64,
    offset_minute: i64,
}

/// A byte cursor over the input.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn byte(&mut self, pred: impl Fn(u8) -> bool) -> Option<u8> {
        let b = self.peek().filter(|&b| pred(b))?;
        self.pos += 1;
        Some(b)
    }

    fn literal(&mut self, want: u8) -> Option<()> {
        self.byte(|b| b.eq_ignore_ascii_case(&want)).map(|_| ())
    }

    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut value = 0;
        for _ in 0..n {
            let d = self.byte(|b| b.is_ascii_digit())?;
            value = value * 10 + i64::from(d - b'0');
        }
        Some(value)
    }
}

impl Fields {
    fn scan(bytes: &[u8]) -> Option<Fields> {
        let mut c = Cursor { bytes, pos: 0 };
        let year = c.digits(4)?;
        c.literal(b'-')?;
        let month = c.digits(2)?;
        c.literal(b'-')?;
        let day = c.digits(2)?;
        c.literal(b'T')?;
        let hour = c.digits(2)?;
        c.literal(b':')?;
        let minute = c.digits(2)?;
        c.literal(b':')?;
        let second = c.digits(2)?;
        let mut millis = 0;
        if c.literal(b'.').is_some() {
            let first = c.byte(|b| b.is_ascii_digit())?;
            millis = i64::from(first - b'0') * 100;
            let mut scale = 10;
            // Digits past the third only need to be digits: they are truncated.
            while let Some(d) = c.byte(|b| b.is_ascii_digit()) {
                millis += i64::from(d - b'0') * scale;
                scale /= 10;
            }
        }
        let (offset_sign, offset_hour, offset_minute) = if c.literal(b'Z').is_some() {
            (1, 0, 0)
        } else {
            let sign = if c.byte(|b| b == b'+').is_some() {
                1
            } else {
                c.byte(|b| b == b'-')?;
                -1
            };
            let h = c.digits(2)?;
            c.literal(b':')?;
            let m = c.digits(2)?;
            (sign, h, m)
        };
        if c.pos != bytes.len() {
            return None;
        }
        Some(Fields {
            year,
            month,
            day,
            hour,
            minute,
            second,
            millis,
            offset_sign,
            offset_hour,
            offset_minute,
        })
    }

    fn to_timestamp(&self) -> Result<Timestamp, Error> {
        if !(1..=12).contains(&self.month)
            || !(1..=days_in_month(self.year, self.month)).contains(&self.day)
        {
            return Err(invalid("timestamp has a date that does not exist", "date"));
        }
        if self.hour > 23 || self.minute > 59 || self.second > 59 {
            return Err(invalid("timestamp has an invalid time of day", "time"));
        }
        if self.offset_hour > 23 || self.offset_minute > 59 {
            return Err(invalid("timestamp has an invalid utc offset", "offset"));
        }
        let local = days_from_civil(self.year, self.month, self.day) * MS_PER_DAY
            + ((self.hour * 60 + self.minute) * 60 + self.second) * 1000
            + self.millis;
        let offset = self.offset_sign * (self.offset_hour * 60 + self.offset_minute) * 60_000;
        Timestamp::from_unix_millis(local - offset).ok_or_else(|| {
            invalid(
                "timestamp is outside the years 0000 to 9999 in utc",
                "out_of_range",
            )
        })
    }
}

const fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

const fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date. Years are shifted to
/// start in March so the leap day is the last day of its year, and counted in
/// 400-year eras of 146,097 days.
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days separate 0000-03-01 from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day).
const fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// Formats an in-range instant as `YYYY-MM-DDTHH:MM:SS.sssZ`.
fn format_millis(millis: i64) -> [u8; NORMALIZED_LEN] {
    let days = millis.div_euclid(MS_PER_DAY);
    // 0 ≤ in_day < 86,400,000 and 0 ≤ year ≤ 9999 for an in-range instant, so the
    // narrowing casts below are exact; unsigned digits are cheaper to extract.
    let in_day = millis.rem_euclid(MS_PER_DAY) as u32;
    let (year, month, day) = civil_from_days(days);
    let mut out = *b"0000-00-00T00:00:00.000Z";
    put_digits(&mut out, 0, 4, year as u32);
    put_digits(&mut out, 5, 2, month as u32);
    put_digits(&mut out, 8, 2, day as u32);
    put_digits(&mut out, 11, 2, in_day / 3_600_000);
    put_digits(&mut out, 14, 2, in_day / 60_000 % 60);
    put_digits(&mut out, 17, 2, in_day / 1000 % 60);
    put_digits(&mut out, 20, 3, in_day % 1000);
    out
}

/// Writes the low `width` decimal digits of `value` at `out[at..at + width]`.
fn put_digits(out: &mut [u8; NORMALIZED_LEN], at: usize, width: usize, mut value: u32) {
    for slot in out.iter_mut().skip(at).take(width).rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        let first = days_from_civil(0, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        let mut expect = (0, 1, 1);
        for days in first..=last {
            assert_eq!(civil_from_days(days), expect);
            assert_eq!(days_from_civil(expect.0, expect.1, expect.2), days);
            let (y, m, d) = expect;
            expect = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn bounds() {
        assert_eq!(
            Timestamp::from_unix_millis(MIN_MILLIS).map(|t| t.as_str().to_owned()),
            Some("0000-01-01T00:00:00.000Z".to_owned())
        );
        assert_eq!(
            Timestamp::from_unix_millis(MAX_MILLIS).map(|t| t.as_str().to_owned()),
            Some("9999-12-31T23:59:59.999Z".to_owned())
        );
        assert!(Timestamp::from_unix_millis(MIN_MILLIS - 1).is_none());
        assert!(Timestamp::from_unix_millis(MAX_MILLIS + 1).is_none());
    }
}
