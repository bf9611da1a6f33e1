//! Fixtures: customers in the API's response shape, as JSON Lines or as one JSON
//! array (told apart by the file's first non-blank byte), each validated by the
//! library under the server's options before anything is kept.
//!
//! JSON Lines files are streamed line by line, so a file of a million customers
//! loads without holding them in memory.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use vivamo_validate::{validate_json, Customer, Options, Report, Timestamp};

use crate::storage::{Conflict, NewCustomer, Store, StoredKyc};

/// At most this many invalid records are described; the rest are counted.
const MAX_REPORTED: usize = 100;

/// Why the fixtures were refused: a report for standard error.
#[derive(Debug)]
pub struct Refused(pub String);

/// Replaces the store's fixtures with those of `files` (in order; records are
/// numbered from 1 over all of them) and, when the store holds no customer,
/// makes them its customers. Returns how many customers the store holds.
///
/// A fixture without `createdAt` gets `now`. Nothing is kept unless every record
/// is valid and no two share an id or an email.
pub fn load(
    store: &Store,
    files: &[PathBuf],
    options: &Options,
    now: &Timestamp,
) -> Result<i64, Refused> {
    let mut load = store.begin_fixtures().map_err(database)?;
    let mut report = Problems::default();
    let mut record: i64 = 0;
    for file in files {
        let mut add = |place: &str, bytes: &[u8]| -> Result<(), Refused> {
            record += 1;
            match validate_json(bytes, options) {
                Ok(customer) => {
                    let outcome = insert(&mut load, record, &customer, now).map_err(database)?;
                    if let Err(conflict) = outcome {
                        report.conflict(file, place, conflict);
                    }
                }
                Err(errors) => report.invalid(file, place, &errors),
            }
            Ok(())
        };
        read_records(file, &mut add)?;
    }
    if let Some(text) = report.finish() {
        return Err(Refused(text));
    }
    load.commit().map_err(database)
}

fn insert(
    load: &mut crate::storage::FixtureLoad<'_>,
    record: i64,
    customer: &Customer,
    now: &Timestamp,
) -> rusqlite::Result<Result<(), Conflict>> {
    let data = serde_json::to_string(&customer.data)
        .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
    let email_key = customer.data.email.uniqueness_key();
    let created_at = customer.created_at.as_ref().unwrap_or(now);
    let kyc: Vec<StoredKyc> = customer
        .kyc_verifications
        .iter()
        .flatten()
        .map(|item| StoredKyc {
            kind: item.kind.as_str().to_owned(),
            status: item.status.as_str().to_owned(),
            created_at: item.created_at.as_str().to_owned(),
        })
        .collect();
    load.insert(
        record,
        &NewCustomer {
            external_id: customer.external_customer_id.as_str(),
            email_key: &email_key,
            data: &data,
            created_at: created_at.as_str(),
        },
        &kyc,
    )
}

/// What [`read_records`] calls with each record and where it is.
type AddRecord<'a> = dyn FnMut(&str, &[u8]) -> Result<(), Refused> + 'a;

/// Calls `add` with each record of `file` and where it is (`line 3`, `item 2`).
fn read_records(file: &Path, add: &mut AddRecord<'_>) -> Result<(), Refused> {
    let unreadable = |error: std::io::Error| Refused(format!("{}: {error}\n", file.display()));
    let mut reader = BufReader::new(File::open(file).map_err(unreadable)?);
    let first = reader
        .fill_buf()
        .map_err(unreadable)?
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    if first == Some(b'[') {
        let mut text = Vec::new();
        reader.read_to_end(&mut text).map_err(unreadable)?;
        let items: Vec<Box<RawValue>> = serde_json::from_slice(&text).map_err(|error| {
            Refused(format!(
                "{}: not a JSON array of customers: {error}\n",
                file.display()
            ))
        })?;
        for (index, item) in items.iter().enumerate() {
            add(&format!("item {}", index + 1), item.get().as_bytes())?;
        }
        return Ok(());
    }
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(unreadable)? == 0 {
            return Ok(());
        }
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        add(&format!("line {number}"), &line)?;
    }
}

/// The report being written: one block per refused record.
#[derive(Default)]
struct Problems {
    text: String,
    refused: usize,
}

impl Problems {
    fn invalid(&mut self, file: &Path, place: &str, report: &Report) {
        if self.start(file, place) {
            for issue in report.issues() {
                let path = if issue.path.is_root() {
                    "(record)".to_owned()
                } else {
                    issue.path.to_string()
                };
                let _ = writeln!(
                    self.text,
                    "  {path}: {}: {}",
                    issue.error.code(),
                    issue.error
                );
            }
        }
    }

    fn conflict(&mut self, file: &Path, place: &str, conflict: Conflict) {
        if !self.start(file, place) {
            return;
        }
        let report = Report::already_stored(conflict.id.is_some(), conflict.email.is_some());
        let earlier = [conflict.id, conflict.email];
        for (issue, record) in report
            .iter()
            .flat_map(Report::issues)
            .zip(earlier.into_iter().flatten())
        {
            let _ = writeln!(
                self.text,
                "  {}: {}: {} (fixture record {record})",
                issue.path,
                issue.error.code(),
                issue.error
            );
        }
    }

    fn start(&mut self, file: &Path, place: &str) -> bool {
        self.refused += 1;
        if self.refused > MAX_REPORTED {
            return false;
        }
        let _ = writeln!(self.text, "{}: {place}: invalid fixture", file.display());
        true
    }

    fn finish(mut self) -> Option<String> {
        if self.refused == 0 {
            return None;
        }
        if self.refused > MAX_REPORTED {
            let _ = writeln!(
                self.text,
                "... and {} more invalid fixtures",
                self.refused - MAX_REPORTED
            );
        }
        let _ = writeln!(
            self.text,
            "{} invalid fixture record(s); nothing was loaded",
            self.refused
        );
        Some(self.text)
    }
}

fn database(error: rusqlite::Error) -> Refused {
    Refused(format!("database error while loading fixtures: {error}\n"))
}
