//! Uniqueness over a batch (SPEC §11.3): the API rejects a customer whose
//! `externalCustomerId` is already in use, or whose email another customer
//! already has. [`DuplicateCheck`] reports the same for a run of records, keeping
//! a fixed-size digest per accepted record.
//!
//! Memory: per accepted record, two 64-bit digests and the low 32 bits of its
//! record number (20 bytes, in fixed-size chunks), plus two open-addressing
//! indexes of 32-bit slots kept at most 7/8 full (between 9.1 and 18.3 bytes a
//! record together): at most 38.3 bytes a record, 36.8 at 1,000,000 records
//! (a test pins this).
//!
//! A digest is 64 bits of SipHash-1-3, so two different ids (or emails) are taken
//! for one with a probability of about n²/2⁶⁵ over n accepted records: 3×10⁻⁸ at a
//! million records.

use std::hash::Hasher;

use crate::{Customer, Email, Error, ErrorCode, ExternalCustomerId, Path, Report};

/// Records per chunk of the digest arrays: growing never copies them, and at
/// most one chunk is partly empty.
const CHUNK: usize = 1 << 14;
/// Index slots to start with.
const INITIAL_SLOTS: usize = 1 << 10;
/// No slot: the index stores ordinal + 1.
const EMPTY: u32 = 0;

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

fn digest_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The digest of an email after Unicode lowercasing (`str::to_lowercase`, with
/// its final-sigma rule); ASCII is lowercased on the fly without allocating.
fn digest_email(email: &str) -> u64 {
    if !email.is_ascii() {
        return digest_bytes(email.to_lowercase().as_bytes());
    }
    let mut hasher = std::hash::DefaultHasher::new();
    let mut buf = [0u8; 64];
    for chunk in email.as_bytes().chunks(buf.len()) {
        let lower = &mut buf[..chunk.len()];
        lower.copy_from_slice(chunk);
        lower.make_ascii_lowercase();
        hasher.write(lower);
    }
    hasher.finish()
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
    ids: Vec<Vec<u64>>,
    emails: Vec<Vec<u64>>,
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
            ids: Vec::new(),
            emails: Vec::new(),
            records_low: Vec::new(),
            epochs: Vec::new(),
            len: 0,
            id_index: Index::new(),
            email_index: Index::new(),
        }
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
        let same_id = self.id_index.find(keys.id, &self.ids);
        let same_email = self.email_index.find(keys.email, &self.emails);
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
    /// assert!(check.heap_bytes() < 16 * 1024);
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
        chunks(&self.ids)
            + chunks(&self.emails)
            + chunks(&self.records_low)
            + self.epochs.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.id_index.heap_bytes()
            + self.email_index.heap_bytes()
    }

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
        push_chunked(&mut self.ids, keys.id);
        push_chunked(&mut self.emails, keys.email);
        push_chunked(&mut self.records_low, record as u32);
        self.len += 1;
        self.id_index.insert(keys.id, ordinal, &self.ids);
        self.email_index.insert(keys.email, ordinal, &self.emails);
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

/// An open-addressing index from digest to ordinal, with linear probing; a slot
/// holds ordinal + 1 and the digest is read back from the digest array.
#[derive(Debug, Clone)]
struct Index {
    slots: Vec<u32>,
    len: usize,
}

impl Index {
    fn new() -> Self {
        Index {
            slots: vec![EMPTY; INITIAL_SLOTS],
            len: 0,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<u32>()
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn find(&self, digest: u64, digests: &[Vec<u64>]) -> Option<u32> {
        let mask = self.mask();
        let mut at = digest as usize & mask;
        loop {
            let slot = *self.slots.get(at)?;
            if slot == EMPTY {
                return None;
            }
            let ordinal = slot - 1;
            if chunked(digests, ordinal) == Some(digest) {
                return Some(ordinal);
            }
            at = (at + 1) & mask;
        }
    }

    fn insert(&mut self, digest: u64, ordinal: u32, digests: &[Vec<u64>]) {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow(digests);
        }
        self.place(digest, ordinal);
        self.len += 1;
    }

    fn place(&mut self, digest: u64, ordinal: u32) {
        let mask = self.mask();
        let mut at = digest as usize & mask;
        while let Some(slot) = self.slots.get_mut(at) {
            if *slot == EMPTY {
                *slot = ordinal + 1;
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the slots and places every ordinal again. The digests are read in
    /// ordinal order (every ordinal below `len` is in the index), so the reads are
    /// sequential and only the writes land at random: walking the old slots would
    /// read the digest array at random, a cache miss per entry.
    fn grow(&mut self, digests: &[Vec<u64>]) {
        self.slots = vec![EMPTY; self.slots.len() * 2];
        let mut ordinal = 0u32;
        for chunk in digests {
            for &digest in chunk {
                if ordinal as usize >= self.len {
                    return;
                }
                self.place(digest, ordinal);
                ordinal += 1;
            }
        }
    }
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

    /// The figure in the module docs: at most 40 bytes a record, measured at a
    /// million distinct records.
    #[test]
    fn memory_is_at_most_40_bytes_a_record_at_a_million() {
        let mut check = DuplicateCheck::new();
        for i in 0..1_000_000 {
            check.check_keys(i + 1, keys(i)).unwrap();
        }
        assert_eq!(check.len(), 1_000_000);
        let per_record = check.heap_bytes() as f64 / 1e6;
        assert!(per_record <= 40.0, "{per_record} bytes a record");
        assert!(
            (36.0..37.5).contains(&per_record),
            "{per_record}: the documented 36.8"
        );
    }

    #[test]
    fn email_digest_lowercases_ascii_and_unicode() {
        assert_eq!(digest_email("ANN@X.COM"), digest_email("ann@x.com"));
        assert_eq!(digest_email("ZOË@x.com"), digest_email("zoë@x.com"));
        let long_upper = "A".repeat(200) + "@x.com";
        let long_lower = "a".repeat(200) + "@x.com";
        assert_eq!(digest_email(&long_upper), digest_email(&long_lower));
        assert_ne!(digest_email("ann@x.com"), digest_email("anna@x.com"));
    }
}
