//! Storage: SQLite through rusqlite (the library bundled), in a private
//! temporary database by default or in a file with `--db`. Values arrive
//! already validated and normalized; this module only keeps them, atomically.
//!
//! Schema: `customers` (in creation order by `seq`, with `UNIQUE` constraints on
//! the external id and on the email's uniqueness key, so that of two concurrent
//! creates with one id or one email the database itself lets exactly one in) and
//! `kyc_verifications`; `fixture_customers` and `fixture_kyc_verifications` hold
//! the fixtures of this start, which `reset` copies back.
//!
//! The default store is SQLite's private temporary database (opened with an
//! empty file name), which is how this mock reads SPEC §12's "in memory":
//! ephemeral (nothing survives the process), private (no other connection or
//! process can open it) and gone at exit, with nothing to clean up. Unlike
//! `:memory:`, whose every page stays in RAM (about 1 GB for a million
//! customers), it lives in a bounded page cache ([`MEMORY_CACHE_KIB`]) and spills
//! to an anonymous temporary file (already unlinked, in `SQLITE_TMPDIR`,
//! `TMPDIR`, `/var/tmp`, `/usr/tmp` or `/tmp`) only when it outgrows that cache,
//! so a small data set never touches a disk and a large one stays within a fixed
//! memory budget. A temporary database belongs to the connection that opened it,
//! so the default store has exactly one connection.
//!
//! Durability with a file: WAL with `synchronous=NORMAL`. A commit has been
//! written to the WAL file (the operating system's page cache) before the create
//! is answered, so killing the process (even with SIGKILL) loses nothing that was
//! answered 200; only an operating-system crash or a power cut can lose the last
//! commits, which a mock does not need to survive. `synchronous=FULL` would add an
//! fsync to every create for that case alone. The WAL is copied into the file by
//! a thread of its own, not by the commit that fills it (see `checkpoint`).
//!
//! A customer is stored once, as `body`: its whole answer (`GET`'s JSON), kept in
//! step with its verifications in the same transaction, so a read is one indexed
//! look-up and no JSON work. Its `data` is not kept a second time (that made the
//! rows a third larger); appending a verification reads it back from `body`.
//!
//! Concurrency: every write goes through one connection behind a mutex, each in
//! one transaction, so a reader never sees half a customer. Creates that arrive
//! while the writer is busy are committed together, in one transaction that
//! commits before any of them is answered (see [`Store::create`]). With a file, reads go
//! through a second connection and WAL lets them run while a write commits.

mod checkpoint;

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use rusqlite::types::Type;
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};
use serde::Deserialize;
use serde_json::value::RawValue;

use self::checkpoint::Checkpointer;

/// The page cache of the default store, in KiB (SQLite's negative
/// `cache_size`): its whole memory, whatever the number of customers. Small on
/// purpose: SQLite writes a temporary database's dirty pages out only when a
/// commit finds a quarter of the cache dirty, all at once and under the writer's
/// lock, so a larger cache makes rarer but longer stalls of creates.
pub const MEMORY_CACHE_KIB: i64 = 8 * 1024;

/// Page cache per connection of a file database, in KiB: bounds the memory of
/// a large database.
const FILE_CACHE_KIB: i64 = 8 * 1024;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS customers (
    seq INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    email_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kyc_verifications (
    seq INTEGER PRIMARY KEY,
    customer INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kyc_verifications_customer ON kyc_verifications (customer);
CREATE TABLE IF NOT EXISTS fixture_customers (
    seq INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    email_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fixture_kyc_verifications (
    seq INTEGER PRIMARY KEY,
    customer INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
";

/// The store: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    /// Shared with the checkpointer, which takes it to let the WAL start over.
    writer: Arc<Mutex<Connection>>,
    /// Creates waiting for the writer, committed together by whichever of them
    /// gets it first (see [`Store::create`]).
    waiting: Mutex<Vec<Arc<WaitingCreate>>>,
    /// A second connection for reads, with a file database (WAL); `None` for the
    /// temporary database, which only its one connection can see.
    reader: Option<Mutex<Connection>>,
    /// With a file database: the thread that checkpoints its WAL.
    checkpointer: Option<Checkpointer>,
    /// With a file database: the file, opened once more, for the checkpointer
    /// to flush before it holds up writes. Last, so that it is closed after
    /// every connection: on Unix, closing any descriptor of a file drops every
    /// POSIX lock the process holds on it, SQLite's included.
    db_file: Option<Arc<File>>,
}

/// A customer to store: every value already validated and normalized.
#[derive(Debug, Clone, Copy)]
pub struct NewCustomer<'a> {
    /// The external id, exactly as given.
    pub external_id: &'a str,
    /// The email's uniqueness key (the library's `Email::uniqueness_key`).
    pub email_key: &'a str,
    /// The normalized `data` object, as JSON.
    pub data: &'a str,
    /// The normalized `createdAt`.
    pub created_at: &'a str,
}

/// One KYC verification as stored: normalized wire strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKyc {
    /// `type`.
    pub kind: String,
    /// `status`.
    pub status: String,
    /// `createdAt`, normalized.
    pub created_at: String,
}

fn render(external_id: &str, data: &str, kyc: &[StoredKyc], created_at: &str) -> String {
    fn string(out: &mut String, value: &str) {
        // A string always serializes.
        out.push_str(&serde_json::to_string(value).unwrap_or_default());
    }
    let mut out = String::with_capacity(64 + external_id.len() + data.len() + kyc.len() * 80);
    out.push_str("{\"externalCustomerId\":");
    string(&mut out, external_id);
    out.push_str(",\"data\":");
    out.push_str(data);
    out.push_str(",\"kycVerifications\":[");
    for (n, item) in kyc.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str("{\"type\":");
        string(&mut out, &item.kind);
        out.push_str(",\"status\":");
        string(&mut out, &item.status);
        out.push_str(",\"createdAt\":");
        string(&mut out, &item.created_at);
        out.push('}');
    }
    out.push_str("],\"createdAt\":");
    string(&mut out, created_at);
    out.push('}');
    out
}

/// What an insert collided with: the `seq` of the row holding the id and of the
/// row holding the email (for fixtures, their record numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    /// The row that already has this external id.
    pub id: Option<i64>,
    /// The row that already has this email.
    pub email: Option<i64>,
}

impl Store {
    /// Opens (creating if needed) a file database, or a fresh private
    /// temporary one (see the module's documentation).
    pub fn open(file: Option<&Path>) -> rusqlite::Result<Store> {
        match file {
            None => Store::open_temporary(MEMORY_CACHE_KIB),
            Some(path) => Store::open_file(path),
        }
    }

    /// A private temporary database with a page cache of `cache_kib` KiB.
    fn open_temporary(cache_kib: i64) -> rusqlite::Result<Store> {
        // An empty file name: SQLite's private temporary database.
        let writer = Connection::open("")?;
        writer.execute_batch(&format!("PRAGMA cache_size = -{cache_kib};"))?;
        writer.execute_batch(SCHEMA)?;
        Ok(Store {
            inner: Arc::new(Inner {
                writer: Arc::new(Mutex::new(writer)),
                waiting: Mutex::default(),
                reader: None,
                checkpointer: None,
                db_file: None,
            }),
        })
    }

    /// A file database in WAL mode: a writer, a reader, and the checkpointer's
    /// connection.
    fn open_file(path: &Path) -> rusqlite::Result<Store> {
        let writer = open_file(path)?;
        // WAL is a property of the file; the others open after it is set.
        let mode: String = writer.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "the database cannot use WAL (journal mode {mode})"
            )));
        }
        writer.execute_batch(SCHEMA)?;
        drop_data_columns(&writer)?;
        // Checkpoints run on their own thread (see `checkpoint`). The WAL file
        // is not trimmed when it starts over (`journal_size_limit`): truncating a
        // gigabyte held up the first commit after it for 0.3 s. It is removed
        // when the database closes.
        writer.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
        let reader = open_file(path)?;
        // Read and write, so that it can be flushed on every platform; nothing
        // is ever written through it.
        let db_file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map(Arc::new)
            .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
        let writer = Arc::new(Mutex::new(writer));
        let checkpointer =
            Checkpointer::start(open_file(path)?, Arc::clone(&writer), Arc::clone(&db_file))
                .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
        Ok(Store {
            inner: Arc::new(Inner {
                writer,
                waiting: Mutex::default(),
                reader: Some(Mutex::new(reader)),
                checkpointer: Some(checkpointer),
                db_file: Some(db_file),
            }),
        })
    }

    /// Starts replacing the fixtures: the old ones are dropped when it commits.
    pub fn begin_fixtures(&self) -> rusqlite::Result<FixtureLoad<'_>> {
        let conn = self.writer();
        conn.execute_batch(
            "BEGIN IMMEDIATE;
             DELETE FROM fixture_kyc_verifications;
             DELETE FROM fixture_customers;",
        )?;
        Ok(FixtureLoad {
            conn,
            committed: false,
        })
    }

    /// Stores a new customer, unless a stored one has its id or email.
    ///
    /// Group commit: the create joins the queue of creates waiting for the
    /// writer, and whichever of them gets the writer first stores the whole queue
    /// in one transaction, one `INSERT` each (a conflict fails only its own
    /// statement), then records every outcome before it lets the writer go. A
    /// create that then finds its outcome recorded returns it without touching
    /// the database. Under load one commit (one WAL append, with a file) serves
    /// many creates, and none is answered before the commit that stored it.
    pub fn create(&self, customer: &NewCustomer<'_>) -> rusqlite::Result<Result<(), Conflict>> {
        let mine = Arc::new(WaitingCreate::new(customer));
        self.waiting().push(Arc::clone(&mine));
        let mut conn = self.writer();
        if mine.outcome.get().is_none() {
            let batch = std::mem::take(&mut *self.waiting());
            create_batch(&mut conn, &batch);
        }
        drop(conn);
        match mine.outcome.get() {
            Some(Ok(outcome)) => Ok(*outcome),
            Some(Err((code, message))) => Err(rusqlite::Error::SqliteFailure(
                *code,
                Some(format!("the transaction of this create failed: {message}")),
            )),
            // Taken by a create that panicked before it recorded the outcomes
            // (its transaction was rolled back).
            None => Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ABORT),
                Some("the transaction of this create was abandoned".to_owned()),
            )),
        }
    }

    /// The answer of `GET /v1/customers/{id}` for this external id.
    pub fn customer_body(&self, external_id: &str) -> rusqlite::Result<Option<String>> {
        self.reader()
            .prepare_cached("SELECT body FROM customers WHERE external_id = ?1")?
            .query_row([external_id], |row| row.get(0))
            .optional()
    }

    /// The verifications of the customer with this external id, in the order
    /// they were added; `None` when there is no such customer.
    pub fn verifications(&self, external_id: &str) -> rusqlite::Result<Option<Vec<StoredKyc>>> {
        let conn = self.reader();
        let seq: Option<i64> = conn
            .prepare_cached("SELECT seq FROM customers WHERE external_id = ?1")?
            .query_row([external_id], |row| row.get(0))
            .optional()?;
        seq.map(|seq| kyc_of(&conn, seq)).transpose()
    }

    /// The bodies of `limit` customers in creation order after skipping
    /// `offset`, and how many there are; read in one transaction, so the page and
    /// the total agree.
    pub fn page(&self, offset: i64, limit: i64) -> rusqlite::Result<(Vec<String>, i64)> {
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let total: i64 = tx.query_row("SELECT count(*) FROM customers", [], |row| row.get(0))?;
        let bodies = tx
            .prepare_cached("SELECT body FROM customers ORDER BY seq LIMIT ?1 OFFSET ?2")?
            .query_map(params![limit, offset], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        tx.commit()?;
        Ok((bodies, total))
    }

    /// Appends a verification to a customer and returns its new body (`GET`'s
    /// answer); `None` when there is no such customer.
    pub fn append_kyc(
        &self,
        external_id: &str,
        kyc: &StoredKyc,
    ) -> rusqlite::Result<Option<String>> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let row: Option<(i64, String, String)> = tx
            .prepare_cached("SELECT seq, created_at, body FROM customers WHERE external_id = ?1")?
            .query_row([external_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?;
        let Some((seq, created_at, body)) = row else {
            return Ok(None);
        };
        tx.prepare_cached(
            "INSERT INTO kyc_verifications (customer, type, status, created_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![seq, kyc.kind, kyc.status, kyc.created_at])?;
        let body = render(
            external_id,
            data_of(&body)?,
            &kyc_of(&tx, seq)?,
            &created_at,
        );
        tx.prepare_cached("UPDATE customers SET body = ?1 WHERE seq = ?2")?
            .execute(params![body, seq])?;
        tx.commit()?;
        Ok(Some(body))
    }

    /// Replaces every customer with the fixtures, in one transaction; returns how
    /// many customers there are now.
    pub fn reset(&self) -> rusqlite::Result<i64> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        copy_fixtures(&tx)?;
        let total = tx.query_row("SELECT count(*) FROM customers", [], |row| row.get(0))?;
        tx.commit()?;
        Ok(total)
    }

    /// Closes the database cleanly (with a file, the WAL is checkpointed into it).
    /// A clone still alive elsewhere closes it when it is dropped instead.
    pub fn close(self) -> rusqlite::Result<()> {
        let Ok(inner) = Arc::try_unwrap(self.inner) else {
            return Ok(());
        };
        // The writer closes last: the last connection checkpoints the WAL whole.
        drop(inner.checkpointer);
        let closed = (|| {
            if let Some(reader) = inner.reader {
                let reader = reader.into_inner().unwrap_or_else(PoisonError::into_inner);
                reader.close().map_err(|(_, error)| error)?;
            }
            // The stopped checkpointer held the only other clone.
            let Some(writer) = Arc::into_inner(inner.writer) else {
                return Ok(());
            };
            let writer = writer.into_inner().unwrap_or_else(PoisonError::into_inner);
            writer.close().map_err(|(_, error)| error)
        })();
        drop(inner.db_file);
        closed
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held left no transaction open (rusqlite
        // rolls back on drop), so the connection is still sound.
        self.inner
            .writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn waiting(&self) -> MutexGuard<'_, Vec<Arc<WaitingCreate>>> {
        // Pushing and taking cannot leave the list half changed.
        self.inner
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        match &self.inner.reader {
            Some(reader) => reader.lock().unwrap_or_else(PoisonError::into_inner),
            None => self.writer(),
        }
    }
}

/// A create in the queue of [`Store::create`], and its outcome once the
/// transaction that held it has committed (or failed, with its error).
struct WaitingCreate {
    external_id: String,
    email_key: String,
    data: String,
    created_at: String,
    outcome: OnceLock<Result<Result<(), Conflict>, (rusqlite::ffi::Error, String)>>,
}

impl WaitingCreate {
    fn new(customer: &NewCustomer<'_>) -> WaitingCreate {
        WaitingCreate {
            external_id: customer.external_id.to_owned(),
            email_key: customer.email_key.to_owned(),
            data: customer.data.to_owned(),
            created_at: customer.created_at.to_owned(),
            outcome: OnceLock::new(),
        }
    }

    fn customer(&self) -> NewCustomer<'_> {
        NewCustomer {
            external_id: &self.external_id,
            email_key: &self.email_key,
            data: &self.data,
            created_at: &self.created_at,
        }
    }
}

/// Stores `batch` in one transaction and records each create's outcome: its
/// own (stored, or what it collided with) when the transaction commits, the
/// error for every one of them when it does not, and then none was stored.
fn create_batch(conn: &mut Connection, batch: &[Arc<WaitingCreate>]) {
    let mut store = || -> rusqlite::Result<Vec<Result<(), Conflict>>> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcomes = batch
            .iter()
            .map(|waiting| insert_customer(&tx, "customers", None, &waiting.customer(), &[]))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(outcomes)
    };
    match store() {
        Ok(outcomes) => {
            for (waiting, outcome) in batch.iter().zip(outcomes) {
                let _ = waiting.outcome.set(Ok(outcome));
            }
        }
        Err(error) => {
            let code = match &error {
                rusqlite::Error::SqliteFailure(code, _) => *code,
                _ => rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            };
            let message = error.to_string();
            for waiting in batch {
                let _ = waiting.outcome.set(Err((code, message.clone())));
            }
        }
    }
}

/// The fixtures of this start, being written in one transaction: nothing of it
/// is kept unless [`commit`](FixtureLoad::commit) runs.
pub struct FixtureLoad<'a> {
    conn: MutexGuard<'a, Connection>,
    committed: bool,
}

impl FixtureLoad<'_> {
    /// Adds fixture number `record` (counted from 1 over every fixture file), or
    /// reports which earlier fixture has its id or email.
    pub fn insert(
        &mut self,
        record: i64,
        customer: &NewCustomer<'_>,
        kyc: &[StoredKyc],
    ) -> rusqlite::Result<Result<(), Conflict>> {
        if let Err(conflict) =
            insert_customer(&self.conn, "fixture_customers", Some(record), customer, kyc)?
        {
            return Ok(Err(conflict));
        }
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO fixture_kyc_verifications (customer, type, status, created_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for item in kyc {
            insert.execute(params![record, item.kind, item.status, item.created_at])?;
        }
        Ok(Ok(()))
    }

    /// Keeps the fixtures; when the database holds no customer (a fresh file or
    /// temporary database), they become its customers. Returns how many customers there are.
    pub fn commit(mut self) -> rusqlite::Result<i64> {
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM customers)", [], |row| {
                    row.get(0)
                })?;
        if empty {
            copy_fixtures(&self.conn)?;
        }
        let total = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |row| row.get(0))?;
        self.conn.execute_batch("COMMIT")?;
        self.committed = true;
        // A large load leaves a large WAL: copy it into the file before the
        // server starts serving (with a temporary database, nothing to do).
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(total)
    }
}

impl Drop for FixtureLoad<'_> {
    fn drop(&mut self) {
        if !self.committed {
            // Nothing to report to: the start is failing anyway.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn open_file(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(&format!(
        "PRAGMA synchronous = NORMAL;
         PRAGMA cache_size = -{FILE_CACHE_KIB};
         PRAGMA mmap_size = 0;"
    ))?;
    Ok(conn)
}

/// Files written before each customer was stored once have a `data` column
/// beside `body`, which holds the same JSON: drop it, once, in one transaction
/// (SQLite rewrites the tables).
fn drop_data_columns(conn: &Connection) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    for table in ["customers", "fixture_customers"] {
        let has_data: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = 'data')",
            [table],
            |row| row.get(0),
        )?;
        if has_data {
            tx.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN data"))?;
        }
    }
    tx.commit()
}

/// Inserts one customer row into `table`; the `UNIQUE` constraints decide, and
/// on a collision the rows in the way are looked up (the caller holds the only
/// writer, so they are the ones that collided).
fn insert_customer(
    conn: &Connection,
    table: &str,
    seq: Option<i64>,
    customer: &NewCustomer<'_>,
    kyc: &[StoredKyc],
) -> rusqlite::Result<Result<(), Conflict>> {
    let body = render(
        customer.external_id,
        customer.data,
        kyc,
        customer.created_at,
    );
    let inserted = conn
        .prepare_cached(&format!(
            "INSERT INTO {table} (seq, external_id, email_key, created_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5)"
        ))?
        .execute(params![
            seq,
            customer.external_id,
            customer.email_key,
            customer.created_at,
            body
        ]);
    match inserted {
        Ok(_) => Ok(Ok(())),
        Err(rusqlite::Error::SqliteFailure(error, _))
            if error.code == ErrorCode::ConstraintViolation =>
        {
            let find = |column: &str, value: &str| -> rusqlite::Result<Option<i64>> {
                conn.prepare_cached(&format!("SELECT seq FROM {table} WHERE {column} = ?1"))?
                    .query_row([value], |row| row.get(0))
                    .optional()
            };
            Ok(Err(Conflict {
                id: find("external_id", customer.external_id)?,
                email: find("email_key", customer.email_key)?,
            }))
        }
        Err(error) => Err(error),
    }
}

/// The `data` member of a stored body, as it was stored (the body is the only
/// place a customer's data is kept).
fn data_of(body: &str) -> rusqlite::Result<&str> {
    #[derive(Deserialize)]
    struct Stored<'a> {
        #[serde(borrow)]
        data: &'a RawValue,
    }
    serde_json::from_str::<Stored<'_>>(body)
        .map(|stored| stored.data.get())
        .map_err(|error| FromSqlConversionFailure(0, Type::Text, Box::new(error)))
}

fn kyc_of(conn: &Connection, seq: i64) -> rusqlite::Result<Vec<StoredKyc>> {
    conn.prepare_cached(
        "SELECT type, status, created_at FROM kyc_verifications WHERE customer = ?1 ORDER BY seq",
    )?
    .query_map([seq], |row| {
        Ok(StoredKyc {
            kind: row.get(0)?,
            status: row.get(1)?,
            created_at: row.get(2)?,
        })
    })?
    .collect()
}

fn copy_fixtures(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM kyc_verifications;
         DELETE FROM customers;
         INSERT INTO customers (seq, external_id, email_key, created_at, body)
             SELECT seq, external_id, email_key, created_at, body
             FROM fixture_customers ORDER BY seq;
         INSERT INTO kyc_verifications (customer, type, status, created_at)
             SELECT customer, type, status, created_at FROM fixture_kyc_verifications ORDER BY seq;",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer<'a>(id: &'a str, email: &'a str) -> NewCustomer<'a> {
        NewCustomer {
            external_id: id,
            email_key: email,
            data: r#"{"email":"x"}"#,
            created_at: "2024-01-01T00:00:00.000Z",
        }
    }

    #[test]
    fn unique_id_and_email() {
        let store = Store::open(None).unwrap();
        assert_eq!(store.create(&customer("a", "a@x.io")).unwrap(), Ok(()));
        assert_eq!(
            store.create(&customer("a", "b@x.io")).unwrap(),
            Err(Conflict {
                id: Some(1),
                email: None
            })
        );
        assert_eq!(
            store.create(&customer("b", "a@x.io")).unwrap(),
            Err(Conflict {
                id: None,
                email: Some(1)
            })
        );
        assert_eq!(store.create(&customer("b", "b@x.io")).unwrap(), Ok(()));
        let (page, total) = store.page(0, 10).unwrap();
        assert_eq!(total, 2);
        assert!(page[1].starts_with(
            r#"{"externalCustomerId":"b","data":{"email":"x"},"kycVerifications":[]"#
        ));
    }

    #[test]
    fn fixtures_reset_and_kyc() {
        let store = Store::open(None).unwrap();
        let mut load = store.begin_fixtures().unwrap();
        let kyc = StoredKyc {
            kind: "proof_of_id".into(),
            status: "pending".into(),
            created_at: "2024-01-02T00:00:00.000Z".into(),
        };
        assert_eq!(
            load.insert(1, &customer("f", "f@x.io"), std::slice::from_ref(&kyc))
                .unwrap(),
            Ok(())
        );
        assert_eq!(
            load.insert(2, &customer("g", "f@x.io"), &[]).unwrap(),
            Err(Conflict {
                id: None,
                email: Some(1)
            })
        );
        assert_eq!(load.commit().unwrap(), 1);
        store.create(&customer("new", "n@x.io")).unwrap().unwrap();
        let appended = store.append_kyc("f", &kyc).unwrap().unwrap();
        assert_eq!(
            appended,
            r#"{"externalCustomerId":"f","data":{"email":"x"},"kycVerifications":[{"type":"proof_of_id","status":"pending","createdAt":"2024-01-02T00:00:00.000Z"},{"type":"proof_of_id","status":"pending","createdAt":"2024-01-02T00:00:00.000Z"}],"createdAt":"2024-01-01T00:00:00.000Z"}"#
        );
        assert_eq!(store.customer_body("f").unwrap().unwrap(), appended);
        assert_eq!(store.verifications("f").unwrap().unwrap().len(), 2);
        assert!(store.append_kyc("nobody", &kyc).unwrap().is_none());
        assert_eq!(store.reset().unwrap(), 1);
        assert_eq!(
            store.verifications("f").unwrap().unwrap(),
            std::slice::from_ref(&kyc)
        );
        assert_eq!(
            store.customer_body("f").unwrap().unwrap(),
            render("f", r#"{"email":"x"}"#, &[kyc], "2024-01-01T00:00:00.000Z")
        );
        assert!(store.verifications("new").unwrap().is_none());
        assert!(store.customer_body("new").unwrap().is_none());
    }

    #[test]
    fn the_default_store_is_a_private_temporary_database() {
        let store = Store::open(None).unwrap();
        let conn = store.writer();
        // An empty file name is SQLite's temporary database: no path to reopen.
        let file: String = conn
            .query_row(
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(file, "");
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |row| row.get(0))
            .unwrap();
        assert_eq!(cache, -MEMORY_CACHE_KIB);
        drop(conn);
        assert!(store.inner.reader.is_none(), "one connection only");

        // Private: another store does not see this one's customers.
        store.create(&customer("a", "a@x.io")).unwrap().unwrap();
        let other = Store::open(None).unwrap();
        assert_eq!(other.page(0, 10).unwrap().1, 0);
        assert_eq!(other.create(&customer("a", "a@x.io")).unwrap(), Ok(()));
    }

    /// A temporary store many times larger than its page cache (so most of it
    /// lives in the spilled temporary file) still finds, pages, rejects
    /// duplicates and resets.
    #[test]
    fn a_store_larger_than_its_cache_answers() {
        const CUSTOMERS: usize = 20_000;
        let store = Store::open_temporary(256).unwrap();
        let mut load = store.begin_fixtures().unwrap();
        for n in 0..CUSTOMERS / 2 {
            let (id, email) = (format!("f{n}"), format!("f{n}@x.io"));
            let record = i64::try_from(n + 1).unwrap();
            load.insert(record, &customer(&id, &email), &[])
                .unwrap()
                .unwrap();
        }
        assert_eq!(load.commit().unwrap(), 10_000);
        for n in 0..CUSTOMERS / 2 {
            let (id, email) = (format!("c{n}"), format!("c{n}@x.io"));
            store.create(&customer(&id, &email)).unwrap().unwrap();
        }
        let bytes: i64 = store
            .writer()
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(
            bytes > 10 * 256 * 1024,
            "{bytes} bytes: not larger than the cache"
        );

        for n in (0..CUSTOMERS / 2).step_by(997) {
            let body = store.customer_body(&format!("c{n}")).unwrap().unwrap();
            assert!(body.starts_with(&format!(r#"{{"externalCustomerId":"c{n}","#)));
        }
        assert_eq!(
            store.create(&customer("f3", "new@x.io")).unwrap(),
            Err(Conflict {
                id: Some(4),
                email: None
            })
        );
        assert_eq!(
            store.create(&customer("new", "c7@x.io")).unwrap(),
            Err(Conflict {
                id: None,
                email: Some(10_008)
            })
        );
        let (page, total) = store.page(19_990, 100).unwrap();
        assert_eq!((page.len(), total), (10, 20_000));
        assert!(page[9].starts_with(r#"{"externalCustomerId":"c9999","#));
        assert_eq!(store.reset().unwrap(), 10_000);
        assert!(store.customer_body("c0").unwrap().is_none());
        assert!(store.customer_body("f9999").unwrap().is_some());
    }

    /// Files written when each customer row also had a `data` column (the
    /// same JSON as in `body`) open, lose the column and keep their customers.
    #[test]
    fn a_file_with_a_data_column_is_migrated() {
        let path =
            std::env::temp_dir().join(format!("vivamo-mock-migrate-{}.db", std::process::id()));
        let remove = || {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        };
        remove();
        let old_schema = SCHEMA.replace(
            "created_at TEXT NOT NULL,\n    body",
            "created_at TEXT NOT NULL,\n    data TEXT NOT NULL,\n    body",
        );
        assert_eq!(old_schema.matches("data TEXT").count(), 2);
        let data = r#"{"email":"old@x.io"}"#;
        let created_at = "2024-01-01T00:00:00.000Z";
        let body = render("old", data, &[], created_at);
        let old = Connection::open(&path).unwrap();
        old.execute_batch(&old_schema).unwrap();
        for table in ["customers", "fixture_customers"] {
            old.execute(
                &format!(
                    "INSERT INTO {table} (seq, external_id, email_key, created_at, data, body)
                     VALUES (1, 'old', 'old@x.io', ?1, ?2, ?3)"
                ),
                params![created_at, data, body],
            )
            .unwrap();
        }
        old.close().unwrap();

        let store = Store::open(Some(&path)).unwrap();
        let columns: i64 = store
            .writer()
            .query_row(
                "SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'data'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(columns, 0);
        assert_eq!(store.customer_body("old").unwrap().unwrap(), body);
        store.create(&customer("new", "new@x.io")).unwrap().unwrap();
        let kyc = StoredKyc {
            kind: "proof_of_id".into(),
            status: "verified".into(),
            created_at: "2024-01-02T00:00:00.000Z".into(),
        };
        let appended = store.append_kyc("old", &kyc).unwrap().unwrap();
        assert_eq!(appended, render("old", data, &[kyc], created_at));
        assert_eq!(store.reset().unwrap(), 1);
        assert_eq!(store.customer_body("old").unwrap().unwrap(), body);
        store.close().unwrap();
        remove();
    }

    /// Creates that queue up while the writer is busy are stored by one of them
    /// in one transaction; each gets its own outcome, collisions inside the
    /// batch included.
    #[test]
    fn waiting_creates_are_committed_together_each_with_its_outcome() {
        let store = Store::open(None).unwrap();
        let busy = store.writer();
        let creates = [
            ("a", "a1@x.io"),
            ("a", "a2@x.io"),
            ("b", "same@x.io"),
            ("c", "same@x.io"),
            ("e", "e@x.io"),
        ];
        let threads: Vec<_> = creates
            .iter()
            .map(|&(id, email)| {
                let store = store.clone();
                std::thread::spawn(move || store.create(&customer(id, email)).unwrap())
            })
            .collect();
        while store.waiting().len() < creates.len() {
            std::thread::yield_now();
        }
        drop(busy);
        let outcomes: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert!(store.waiting().is_empty());

        let seq_of = |column: &str, value: &str| -> Option<i64> {
            store
                .writer()
                .query_row(
                    &format!("SELECT seq FROM customers WHERE {column} = ?1"),
                    [value],
                    |row| row.get(0),
                )
                .optional()
                .unwrap()
        };
        assert_eq!(store.page(0, 10).unwrap().1, 3);
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 3);
        for (&(id, email), outcome) in creates.iter().zip(&outcomes) {
            let stored = (seq_of("external_id", id), seq_of("email_key", email));
            match outcome {
                Ok(()) => assert!(stored.0.is_some() && stored.0 == stored.1, "{id} {email}"),
                // The rows in the way: the winners of this same batch.
                Err(conflict) => assert_eq!((conflict.id, conflict.email), stored, "{id} {email}"),
            }
        }
        assert_eq!(outcomes[4], Ok(()));
        assert!(outcomes[0].is_ok() != outcomes[1].is_ok());
        assert!(outcomes[2].is_ok() != outcomes[3].is_ok());
    }

    /// With a file, the commit that fills the WAL does not checkpoint it (the
    /// checkpointer's thread does), and closing still leaves no WAL behind.
    #[test]
    fn a_file_writer_leaves_checkpoints_to_the_thread() {
        let path =
            std::env::temp_dir().join(format!("vivamo-mock-writer-{}.db", std::process::id()));
        let store = Store::open(Some(&path)).unwrap();
        let setting = |pragma: &str| -> i64 {
            store
                .writer()
                .query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0))
                .unwrap()
        };
        assert_eq!(setting("wal_autocheckpoint"), 0);
        assert!(store.inner.checkpointer.is_some());
        store.create(&customer("a", "a@x.io")).unwrap().unwrap();
        store.close().unwrap();
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_dropped_load_keeps_nothing() {
        let store = Store::open(None).unwrap();
        let mut load = store.begin_fixtures().unwrap();
        load.insert(1, &customer("f", "f@x.io"), &[])
            .unwrap()
            .unwrap();
        drop(load);
        assert_eq!(store.reset().unwrap(), 0);
    }
}
