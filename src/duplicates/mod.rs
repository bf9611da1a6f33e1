//! Uniqueness over a batch (SPEC §11.3): the API rejects a customer whose
//! `externalCustomerId` is already in use, or whose email another customer
//! already has. [`DuplicateCheck`] reports the same for a run of records, keeping
//! a fixed-size digest per accepted record.
//!
//! Memory: per accepted record, the low 32 bits of its record number (in
//! fixed-size chunks), plus two indexes (`index.rs`) that each keep a 12-byte
//! entry (the 64-bit digest and a 32-bit ordinal) and 2 bytes of filter for it.
//! While they grow, an index's entries leave up to an eighth of their room
//! empty and its filter holds between 1.6 and 4 bytes a digest: between 31.2
//! and 39 bytes a record (a test pins at most 40 at a million; 36.6 there). A
//! check made with room for its records ([`DuplicateCheck::with_capacity`], or
//! [`DuplicateCheck::reserve`] once a run's size is known) takes 33.4 bytes a
//! record at a million, and hardly a partition grows (each has room for its
//! mean share and three standard deviations).
//!
//! Checking a new customer reads two filter words (4 MB of filters at a million
//! records, which the processor's caches mostly hold) and appends two entries;
//! it reads entries only for the few digests a filter lets through, and for
//! duplicates.
//!
//! A digest is 64 bits of foldhash (its quality variant, with a fixed seed), so
//! two different ids (or emails) are taken for one with a probability of about
//! n²/2⁶⁵ over n accepted records: 3×10⁻⁸ at a million records. It is not a
//! keyed hash: values made on purpose to collide can be found, which a check of
//! one's own data need not fear.

mod index;

use std::hash::Hasher;

use crate::{Customer, Email, Error, ErrorCode, ExternalCustomerId, Path, Report};
use index::Index;

/// Records per chunk of the record numbers: growing never copies them, and at
/// most one chunk is partly empty.
const CHUNK: usize = 1 << 14;

/// The two digests by which a customer is compared with earlier ones: its
/// `externalCustomerId` as given, and its normalized email after Unicode
/// lowercasing.
///
/// Computing them is the costly part of the check, and needs nothing but the
/// customer, so a parallel pipeline computes them on its workers and hands them to
/// one [`DuplicateCheck`] in input order.
///
/// ```
/// use vivamo_validate::{DuplicateKeys, Email, ExternalCustomerId};
/// let id = ExternalCustomerId::parse("cus-1").unwrap();
/// let a = DuplicateKeys::new(&id, &Email::parse("Ann@Example.com").unwrap());
/// let b = DuplicateKeys::new(&id, &Email::parse("ann@example.COM").unwrap());
/// assert_eq!(a, b);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DuplicateKeys {
    id: u64,
    email: u64,
}

impl DuplicateKeys {
    /// The keys of an id and an email.
    ///
    /// ```
    /// use vivamo_validate::{DuplicateKeys, Email, ExternalCustomerId};
    /// let email = Email::parse("ann@example.com").unwrap();
    /// let a = DuplicateKeys::new(&ExternalCustomerId::parse("A").unwrap(), &email);
    /// let b = DuplicateKeys::new(&ExternalCustomerId::parse("a").unwrap(), &email);
    /// assert_ne!(a, b); // ids are compared exactly as given
    /// ```
    pub fn new(id: &ExternalCustomerId, email: &Email) -> Self {
        DuplicateKeys {
            id: digest_bytes(id.as_str().as_bytes()),
            email: digest_email(email.as_str()),
        }
    }

    /// The keys of a validated customer.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, DuplicateKeys, Options};
    /// let customer = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"ann@example.com"}}"#,
    ///     &Options::default(),
    /// )
    /// .unwrap();
    /// assert_eq!(
    ///     DuplicateKeys::of(&customer),
    ///     DuplicateKeys::new(&customer.external_customer_id, &customer.data.email)
    /// );
    /// ```
    pub fn of(customer: &Customer) -> Self {
        DuplicateKeys::new(&customer.external_customer_id, &customer.data.email)
    }
}

impl Email {
    /// The form in which two addresses are compared for uniqueness (the API's uniqueness rule):
    /// the normalized address after Unicode lowercasing (`str::to_lowercase`).
    ///
    /// A store that keeps customers itself (a database's `UNIQUE` column, a mock
    /// server) compares these strings; [`DuplicateKeys`] digests the same form.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// let email = Email::parse("Ann@XN--BCHER-KVA.DE").unwrap();
    /// assert_eq!(email.as_str(), "Ann@bücher.de");
    /// assert_eq!(email.uniqueness_key(), "ann@bücher.de");
    /// ```
    pub fn uniqueness_key(&self) -> String {
        self.as_str().to_lowercase()
    }
}

impl Report {
    /// The report for a customer whose id, or email, a customer already stored
    /// has: `duplicate_external_id` at `externalCustomerId` and/or
    /// `duplicate_email` at `data.email`, in that order, for a store (a server, a
    /// database) that holds earlier customers itself rather than numbered records.
    /// `None` when neither is taken. Its [`api_body`](Report::api_body) carries the
    /// API's sentence.
    ///
    /// ```
    /// use vivamo_validate::Report;
    /// let report = Report::already_stored(false, true).unwrap();
    /// assert_eq!(report.get("data.email").unwrap().message(), "email is already used by another customer");
    /// assert_eq!(report.api_body().message(), "A customer with this email address already exists.");
    /// assert_eq!(Report::already_stored(true, true).unwrap().api_body().message(), "This customer already exists");
    /// assert!(Report::already_stored(false, false).is_none());
    /// ```
    pub fn already_stored(id_taken: bool, email_taken: bool) -> Option<Report> {
        if !id_taken && !email_taken {
            return None;
        }
        let mut report = Report::new();
        if id_taken {
            report.push(
                Path::root().key("externalCustomerId"),
                Error::new(
                    ErrorCode::DuplicateExternalId,
                    "external customer id is already in use",
                ),
            );
        }
        if email_taken {
            report.push(
                Path::root().key("data").key("email"),
                Error::new(
                    ErrorCode::DuplicateEmail,
                    "email is already used by another customer",
                ),
            );
        }
        Some(report)
    }
}

/// The digest function: foldhash's quality variant with a fixed seed, so that a
/// digest is the same in every run and on every platform. One `write` per key:
/// foldhash, unlike SipHash, does not hash two writes as their concatenation.
fn digest_bytes(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    let mut hasher = foldhash::quality::FixedState::with_seed(DIGEST_SEED).build_hasher();
    hasher.write(bytes);
    hasher.finish()
}

/// Any fixed value would do; this one is the first 64 bits of π's fraction.
const DIGEST_SEED: u64 = 0x243F_6A88_85A3_08D3;

/// The digest of an email after Unicode lowercasing (`str::to_lowercase`),
/// lowercased on the stack: an address is at most 254 bytes once normalized, and
/// lowercasing makes a character at most half as long again.
fn digest_email(email: &str) -> u64 {
    if email.is_ascii() {
        let mut buf = [0u8; 256];
        if let Some(lower) = buf.get_mut(..email.len()) {
            // Lowercased as it is copied: lowercasing the copy in place would
            // read it back before its stores are done, and wait for them.
            for (to, from) in lower.iter_mut().zip(email.bytes()) {
                *to = from.to_ascii_lowercase();
            }
            return digest_bytes(lower);
        }
    }
    let mut buf = [0u8; 512];
    match lowercase_into(email, &mut buf) {
        Some(len) => digest_bytes(buf.get(..len).unwrap_or_default()),
        None => digest_bytes(email.to_lowercase().as_bytes()),
    }
}

/// `str::to_lowercase` of `text` into `buf`, character by character; `None` when
/// it does not fit, or for a capital sigma, whose lowercase depends on its
/// neighbours (the one rule `str::to_lowercase` adds to `char::to_lowercase`).
fn lowercase_into(text: &str, buf: &mut [u8]) -> Option<usize> {
    let mut len = 0;
    for c in text.chars() {
        if c.is_ascii() {
            // Most of a non-ASCII address is ASCII: no call per character.
            *buf.get_mut(len)? = (c as u8).to_ascii_lowercase();
            len += 1;
            continue;
        }
        if c == 'Σ' {
            return None;
        }
        for lower in c.to_lowercase() {
            let end = len + lower.len_utf8();
            lower.encode_utf8(buf.get_mut(len..end)?);
            len = end;
        }
    }
    Some(len)
}

/// A run's memory of the customers accepted so far, to report a record that
/// repeats the id or the email of an earlier one.
///
/// Only records the caller found valid should be checked; a record that is a
/// duplicate is not remembered (the API would not have created it). The error
/// names the earlier record's number, never the value.
///
/// ```
/// use vivamo_validate::{validate_json_str, DuplicateCheck, Options};
/// let parse = |json: &str| validate_json_str(json, &Options::default()).unwrap();
/// let mut check = DuplicateCheck::new();
/// assert!(check.check(1, &parse(r#"{"externalCustomerId":"a","data":{"email":"ann@example.com"}}"#)).is_ok());
/// assert!(check.check(2, &parse(r#"{"externalCustomerId":"b","data":{"email":"bob@example.com"}}"#)).is_ok());
/// let report = check
///     .check(3, &parse(r#"{"externalCustomerId":"a","data":{"email":"ANN@example.com"}}"#))
///     .unwrap_err();
/// let found: Vec<String> =
///     report.issues().iter().map(|i| format!("{} {}: {}", i.path, i.error.code(), i.error)).collect();
/// assert_eq!(
///     found,
///     [
///         "externalCustomerId duplicate_external_id: same external customer id as record 1",
///         "data.email duplicate_email: same email as record 1",
///     ]
/// );
/// assert_eq!(check.len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct DuplicateCheck {
    records_low: Vec<Vec<u32>>,
    /// `(first ordinal, high 32 bits)` of each run of records whose numbers share
    /// their high half; one entry for the first 4 billion records.
    epochs: Vec<(u32, u32)>,
    len: u32,
    id_index: Index,
    email_index: Index,
}

impl Default for DuplicateCheck {
    fn default() -> Self {
        DuplicateCheck::new()
    }
}

impl DuplicateCheck {
    /// An empty check.
    ///
    /// ```
    /// assert!(vivamo_validate::DuplicateCheck::new().is_empty());
    /// ```
    pub fn new() -> Self {
        DuplicateCheck {
            records_low: Vec::new(),
            epochs: Vec::new(),
            len: 0,
            id_index: Index::new(),
            email_index: Index::new(),
        }
    }

    /// An empty check with room for `records` customers: its indexes are sized
    /// for them at once instead of growing as they go (each growth copies a
    /// partition's entries, or builds a filter again from every entry). The
    /// memory is taken at once, less than `records` customers take through
    /// growth (33.4 bytes a customer at a million, against 36.6); room that is
    /// never used is memory spent for nothing, and, as with
    /// `Vec::with_capacity`, room the machine does not have aborts.
    ///
    /// ```
    /// use vivamo_validate::DuplicateCheck;
    /// let check = DuplicateCheck::with_capacity(100_000);
    /// assert!(check.is_empty());
    /// assert!(check.heap_bytes() > 100_000 * 24);
    /// ```
    pub fn with_capacity(records: usize) -> Self {
        let mut check = DuplicateCheck::new();
        check.reserve(records);
        check
    }

    /// Makes room for `additional` more customers than are remembered now, as
    /// [`with_capacity`](DuplicateCheck::with_capacity) does (for a caller that
    /// learns the size of its run only once it has begun). Never shrinks.
    ///
    /// ```
    /// use vivamo_validate::{DuplicateCheck, DuplicateKeys, Email, ExternalCustomerId};
    /// let keys = DuplicateKeys::new(&ExternalCustomerId::parse("a").unwrap(), &Email::parse("a@example.com").unwrap());
    /// let mut check = DuplicateCheck::new();
    /// assert!(check.check_keys(1, keys).is_ok());
    /// let before = check.heap_bytes();
    /// check.reserve(50_000);
    /// assert!(check.heap_bytes() > before);
    /// assert!(check.check_keys(2, keys).is_err()); // what it remembered stays
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        // No more than the check can remember.
        let records = self.len().saturating_add(additional).min(u32::MAX as usize);
        self.id_index.reserve(records);
        self.email_index.reserve(records);
    }

    /// Checks a valid customer, numbered `record` by the caller, against the
    /// customers accepted before; remembers it when it repeats neither.
    ///
    /// `Err` holds `duplicate_external_id` at `externalCustomerId` and/or
    /// `duplicate_email` at `data.email`, in that order.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, DuplicateCheck, Options};
    /// let customer = validate_json_str(
    ///     r#"{"externalCustomerId":"a","data":{"email":"ann@example.com"}}"#,
    ///     &Options::default(),
    /// )
    /// .unwrap();
    /// let mut check = DuplicateCheck::new();
    /// assert!(check.check(7, &customer).is_ok());
    /// assert_eq!(check.check(9, &customer).unwrap_err().len(), 2);
    /// ```
    pub fn check(&mut self, record: u64, customer: &Customer) -> Result<(), Report> {
        self.check_keys(record, DuplicateKeys::of(customer))
    }

    /// [`check`](DuplicateCheck::check) with keys computed beforehand (for
    /// example on another thread).
    ///
    /// ```
    /// use vivamo_validate::{DuplicateCheck, DuplicateKeys, Email, ExternalCustomerId};
    /// let keys = |id: &str, email: &str| {
    ///     DuplicateKeys::new(&ExternalCustomerId::parse(id).unwrap(), &Email::parse(email).unwrap())
    /// };
    /// let mut check = DuplicateCheck::new();
    /// assert!(check.check_keys(1, keys("a", "ann@example.com")).is_ok());
    /// let report = check.check_keys(2, keys("b", "Ann@Example.com")).unwrap_err();
    /// assert_eq!(report.get("data.email").unwrap().message(), "same email as record 1");
    /// ```
    pub fn check_keys(&mut self, record: u64, keys: DuplicateKeys) -> Result<(), Report> {
        let same_id = self.id_index.find(keys.id);
        let same_email = self.email_index.find(keys.email);
        if same_id.is_none() && same_email.is_none() {
            self.insert(record, keys);
            return Ok(());
        }
        let mut report = Report::new();
        if let Some(ordinal) = same_id {
            report.push(
                Path::root().key("externalCustomerId"),
                Error::new(
                    ErrorCode::DuplicateExternalId,
                    format!(
                        "same external customer id as record {}",
                        self.record(ordinal)
                    ),
                ),
            );
        }
        if let Some(ordinal) = same_email {
            report.push(
                Path::root().key("data").key("email"),
                Error::new(
                    ErrorCode::DuplicateEmail,
                    format!("same email as record {}", self.record(ordinal)),
                ),
            );
        }
        Err(report)
    }

    /// Reads ahead the filter words that checking `keys` will read, so that a
    /// caller holding a batch of keys lets their cache misses overlap (each is a
    /// read at random in filters of a few megabytes) instead of waiting for them
    /// one after another inside [`check_keys`](DuplicateCheck::check_keys). It
    /// changes nothing; skipping it changes nothing either.
    ///
    /// ```
    /// use vivamo_validate::{DuplicateCheck, DuplicateKeys, Email, ExternalCustomerId};
    /// let keys = DuplicateKeys::new(&ExternalCustomerId::parse("a").unwrap(), &Email::parse("a@example.com").unwrap());
    /// let mut check = DuplicateCheck::new();
    /// check.warm([keys]);
    /// assert!(check.check_keys(1, keys).is_ok());
    /// ```
    pub fn warm(&self, keys: impl IntoIterator<Item = DuplicateKeys>) {
        let mut seen = 0u64;
        for keys in keys {
            seen ^= self.id_index.filter_word(keys.id) ^ self.email_index.filter_word(keys.email);
        }
        std::hint::black_box(seen);
    }

    /// How many customers are remembered.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::DuplicateCheck::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether no customer is remembered yet.
    ///
    /// ```
    /// assert!(vivamo_validate::DuplicateCheck::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The heap memory held, in bytes (what the per-record figure in the module
    /// docs is measured with).
    ///
    /// ```
    /// let check = vivamo_validate::DuplicateCheck::new();
    /// assert!(check.heap_bytes() < 32 * 1024);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        #[allow(clippy::ptr_arg)] // the outer capacity counts too
        fn chunks<T>(chunks: &Vec<Vec<T>>) -> usize {
            chunks
                .iter()
                .map(|c| c.capacity() * std::mem::size_of::<T>())
                .sum::<usize>()
                + chunks.capacity() * std::mem::size_of::<Vec<T>>()
        }
        chunks(&self.records_low)
            + self.epochs.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.id_index.heap_bytes()
            + self.email_index.heap_bytes()
    }

    /// Remembers a customer.
    fn insert(&mut self, record: u64, keys: DuplicateKeys) {
        // Beyond 2³² − 2 remembered customers (over 80 GB of them) the index is
        // full: later records are still checked, but no longer remembered.
        if self.len >= u32::MAX - 1 {
            return;
        }
        let ordinal = self.len;
        let high = (record >> 32) as u32;
        if self.epochs.last().is_none_or(|&(_, h)| h != high) {
            self.epochs.push((ordinal, high));
        }
        push_chunked(&mut self.records_low, record as u32);
        self.len += 1;
        self.id_index.insert(keys.id, ordinal);
        self.email_index.insert(keys.email, ordinal);
    }

    /// The record number of the customer remembered at `ordinal`.
    fn record(&self, ordinal: u32) -> u64 {
        let low = chunked(&self.records_low, ordinal).unwrap_or_default();
        let epoch = self.epochs.partition_point(|&(first, _)| first <= ordinal);
        let high = epoch
            .checked_sub(1)
            .and_then(|i| self.epochs.get(i))
            .map_or(0, |&(_, high)| high);
        (u64::from(high) << 32) | u64::from(low)
    }
}

fn push_chunked<T>(chunks: &mut Vec<Vec<T>>, value: T) {
    match chunks.last_mut() {
        Some(chunk) if chunk.len() < CHUNK => chunk.push(value),
        _ => {
            let mut chunk = Vec::with_capacity(CHUNK);
            chunk.push(value);
            chunks.push(chunk);
        }
    }
}

fn chunked<T: Copy>(chunks: &[Vec<T>], ordinal: u32) -> Option<T> {
    let ordinal = ordinal as usize;
    chunks.get(ordinal / CHUNK)?.get(ordinal % CHUNK).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct, well-mixed keys without hashing strings (SplitMix64's finalizer).
    fn keys(i: u64) -> DuplicateKeys {
        fn mix(mut z: u64) -> u64 {
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        DuplicateKeys {
            id: mix(i),
            email: mix(i ^ 0x5555_5555_5555_5555),
        }
    }

    #[test]
    fn record_numbers_past_four_billion_are_kept_exactly() {
        let mut check = DuplicateCheck::new();
        let big = (5u64 << 32) + 17;
        check.check_keys(3, keys(1)).unwrap();
        check.check_keys(big, keys(2)).unwrap();
        check.check_keys(big + 1, keys(3)).unwrap();
        let report = check.check_keys(big + 9, keys(2)).unwrap_err();
        assert_eq!(
            report.get("externalCustomerId").unwrap().message(),
            format!("same external customer id as record {big}")
        );
        let report = check.check_keys(big + 10, keys(1)).unwrap_err();
        assert_eq!(
            report.get("data.email").unwrap().message(),
            "same email as record 3"
        );
    }

    #[test]
    fn keys_at_the_top_of_a_partition_and_zero_are_keys() {
        let mut check = DuplicateCheck::new();
        let key = |d: u64| DuplicateKeys {
            id: d,
            email: d ^ 0x5555_5555_5555_5555,
        };
        // Every one of these belongs at the very end of one partition, and
        // each lookup of them reads from there.
        for i in 0..3_000u64 {
            check.check_keys(i + 1, key(u64::MAX - i)).unwrap();
        }
        check.check_keys(5_000, key(0)).unwrap();
        for i in 0..3_000u64 {
            let report = check.check_keys(10_000 + i, key(u64::MAX - i)).unwrap_err();
            assert_eq!(
                report.get("externalCustomerId").unwrap().message(),
                format!("same external customer id as record {}", i + 1)
            );
        }
        assert!(check.check_keys(6_000, key(0)).is_err());
        assert_eq!(check.len(), 3_001);
    }

    /// Digests in one partition, inserted out of order and merged as lookups
    /// go: an absent digest between two present ones is not found.
    #[test]
    fn one_run_inserted_out_of_order_stays_exact() {
        let key = |i: u64| DuplicateKeys {
            id: (0x42 << 56) | (i * 3),
            email: (0x17 << 56) | (i * 3),
        };
        let mut check = DuplicateCheck::new();
        let order: Vec<u64> = (0..4_000).map(|i| (i * 1_237) % 4_000).collect();
        for (n, &i) in order.iter().enumerate() {
            check.check_keys(n as u64 + 1, key(i)).unwrap();
        }
        for (n, &i) in order.iter().enumerate() {
            let report = check.check_keys(9_000, key(i)).unwrap_err();
            assert_eq!(
                report.get("externalCustomerId").unwrap().message(),
                format!("same external customer id as record {}", n + 1)
            );
            let between = DuplicateKeys {
                id: key(i).id + 1,
                email: key(i).email + 2,
            };
            assert!(check.check_keys(10_000 + i, between).is_ok());
        }
    }

    #[test]
    fn growth_keeps_every_key() {
        let mut check = DuplicateCheck::new();
        for i in 0..50_000 {
            check.check_keys(i + 1, keys(i)).unwrap();
        }
        for i in 0..50_000 {
            let report = check.check_keys(100_000 + i, keys(i)).unwrap_err();
            assert_eq!(report.len(), 2);
            assert_eq!(
                report.get("data.email").unwrap().message(),
                format!("same email as record {}", i + 1)
            );
        }
        assert_eq!(check.len(), 50_000);
    }

    /// The figures in the module docs: at most 40 bytes a record, measured at
    /// a million distinct records, and between 31.2 and 39 on the way there.
    #[test]
    fn memory_is_at_most_40_bytes_a_record_at_a_million() {
        let mut check = DuplicateCheck::new();
        for i in 0..1_000_000 {
            check.check_keys(i + 1, keys(i)).unwrap();
            let n = i + 1;
            if n % 50_000 == 0 || n == 781_250 || n == 781_251 {
                let per_record = check.heap_bytes() as f64 / n as f64;
                assert!(
                    (31.2..=39.0).contains(&per_record),
                    "{per_record} bytes a record at {n}: within the documented 31.2-39"
                );
            }
        }
        assert_eq!(check.len(), 1_000_000);
        let per_record = check.heap_bytes() as f64 / 1e6;
        assert!(per_record <= 40.0, "{per_record} bytes a record");
    }

    /// The figure in `with_capacity`'s docs: room for a million, then a million
    /// records, is 32 to 35 bytes a record (33.4); and room made mid-run keeps
    /// every key.
    #[test]
    fn room_made_beforehand_or_midway_keeps_every_key_in_less_memory() {
        let mut sized = DuplicateCheck::with_capacity(1_000_000);
        let mut midway = DuplicateCheck::new();
        for i in 0..1_000_000 {
            sized.check_keys(i + 1, keys(i)).unwrap();
            if i == 10_000 {
                midway.reserve(990_000);
            }
            midway.check_keys(i + 1, keys(i)).unwrap();
        }
        for check in [&mut sized, &mut midway] {
            let per_record = check.heap_bytes() as f64 / 1e6;
            assert!(
                (32.0..=35.0).contains(&per_record),
                "{per_record} bytes a record"
            );
            for i in (0..1_000_000).step_by(997) {
                let report = check.check_keys(2_000_000, keys(i)).unwrap_err();
                assert_eq!(
                    report.get("externalCustomerId").unwrap().message(),
                    format!("same external customer id as record {}", i + 1)
                );
            }
        }
    }

    proptest::proptest! {
        /// Lowercasing on the stack is `str::to_lowercase`, on any text.
        #[test]
        fn email_digest_is_the_digest_of_to_lowercase(text in "\\PC{0,300}") {
            proptest::prop_assert_eq!(digest_email(&text), digest_bytes(text.to_lowercase().as_bytes()));
        }
    }

    #[test]
    fn email_digest_lowercases_ascii_and_unicode() {
        assert_eq!(digest_email("ANN@X.COM"), digest_email("ann@x.com"));
        assert_eq!(digest_email("ZOË@x.com"), digest_email("zoë@x.com"));
        let long_upper = "A".repeat(200) + "@x.com";
        let long_lower = "a".repeat(200) + "@x.com";
        assert_eq!(digest_email(&long_upper), digest_email(&long_lower));
        assert_ne!(digest_email("ann@x.com"), digest_email("anna@x.com"));
        // The stack paths and the `to_lowercase` path give one digest for one
        // lowercased address: the Kelvin sign lowercases to an ASCII `k`, and
        // text longer than the stack buffer takes `to_lowercase`.
        let kelvin = "\u{212A}".to_owned() + &"a".repeat(100) + "@x.com";
        let ascii = "K".to_owned() + &"a".repeat(100) + "@x.com";
        assert_eq!(digest_email(&kelvin), digest_email(&ascii));
        for text in [
            "ZOË@Ǆ.com",
            "ΣΑΣ@x.com",
            "İSTANBUL@x.com",
            "Ⱥ@x.com",
            "ẞ@x.com",
        ] {
            assert_eq!(
                digest_email(text),
                digest_bytes(text.to_lowercase().as_bytes()),
                "{text}"
            );
        }
        let huge = "B".repeat(300) + "@x.com";
        assert_eq!(
            digest_email(&huge),
            digest_bytes(huge.to_lowercase().as_bytes())
        );
        assert_eq!(
            digest_email(&ascii),
            digest_bytes(ascii.to_lowercase().as_bytes())
        );
        let longer_than_the_buffer = "Ⱥ".repeat(300) + "@x.com";
        assert_eq!(
            digest_email(&longer_than_the_buffer),
            digest_bytes(longer_than_the_buffer.to_lowercase().as_bytes())
        );
    }
}
