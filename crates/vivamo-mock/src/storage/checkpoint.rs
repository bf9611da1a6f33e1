//! The WAL checkpointer of a file database: a thread with its own connection
//! that copies committed pages from the WAL into the database file, off the
//! request path.
//!
//! SQLite's own automatic checkpoint runs inside the commit that crosses its
//! threshold (1000 pages): one create in a few hundred paid for copying
//! thousands of pages and two fsyncs, while every other create waited for the
//! writer (stalls of 20–50 ms; with a million customers, a POST p99 of 14 ms).
//! So the writer's automatic checkpoints are off, and this thread runs a
//! `PASSIVE` checkpoint every [`INTERVAL`], which blocks neither writes nor
//! reads (a reader of an older snapshot only limits how far it gets).
//!
//! Passive checkpoints alone do not keep the WAL file from growing under
//! uninterrupted writes: SQLite writes the WAL from its beginning again only
//! when a write begins with every frame already copied, and when creates keep
//! arriving, one always lands while a checkpoint runs. A pause in the writes
//! longer than a checkpoint lets the WAL start over; without one, once the WAL
//! holds [`RESTART_FRAMES`] frames, the thread takes the writer's lock for one
//! more passive checkpoint, and the first write after it starts the WAL over.
//! That checkpoint holds up writes while it copies what was committed since
//! the one before and fsyncs the WAL and the database file. SQLite fsyncs the
//! database only when a checkpoint reaches the end of the WAL, which under
//! steady writes only the locked one does: left alone, it flushed every page
//! copied since the WAL started, and writes waited about 110 ms. So before it
//! the thread runs rounds of a passive checkpoint and an fsync of the database
//! file (through a descriptor of its own) until one round is short, and the
//! locked checkpoint finds little to do: 1–11 ms, measured on a loaded machine.
//!
//! The WAL file is not trimmed when it starts over (`journal_size_limit`):
//! truncating it held up the next commit for as long as the locked checkpoint
//! used to. It stays at most about [`RESTART_FRAMES`] pages long, and is removed
//! when the database closes.
//!
//! Durability is unchanged: a create is answered once its commit is in the WAL,
//! and a checkpoint only copies what is there, with the fsyncs of
//! `synchronous=NORMAL` (the WAL before copying, the database after).

use std::fs::File;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::Connection;

/// How often the WAL is checkpointed.
const INTERVAL: Duration = Duration::from_millis(100);

/// The WAL's size, in frames (pages), past which it is made to start over:
/// 256 MiB of 4 KiB pages, a few seconds of creates at full speed.
const RESTART_FRAMES: i64 = 64 * 1024;

/// At most this many rounds of a checkpoint and a flush before the locked
/// checkpoint, each copying what was committed during the one before…
const MAX_ROUNDS: usize = 8;

/// … until one takes less than this.
const SHORT_ENOUGH: Duration = Duration::from_millis(10);

/// The running checkpointer; dropping it stops the thread and waits for it.
pub(super) struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the WAL of `conn`'s database (its own connection),
    /// taking `writer`'s lock when the WAL has to start over.
    pub(super) fn start(
        conn: Connection,
        writer: Arc<Mutex<Connection>>,
        db_file: Arc<File>,
    ) -> std::io::Result<Checkpointer> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("vivamo-mock-checkpoint".to_owned())
            .spawn(move || loop {
                match stopped.recv_timeout(INTERVAL) {
                    Err(RecvTimeoutError::Timeout) => {}
                    // Stopped, or the store is gone.
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                }
                if let Err(error) = checkpoint(&conn, &writer, &db_file, RESTART_FRAMES) {
                    eprintln!("vivamo-mock: a WAL checkpoint failed: {error}");
                }
            })?;
        Ok(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // A panic in the thread has been reported on standard error already.
            let _ = thread.join();
        }
    }
}

/// A passive checkpoint, and when the WAL holds `restart_frames` frames or
/// more, one more with the writer's lock held (see the module's documentation).
fn checkpoint(
    conn: &Connection,
    writer: &Mutex<Connection>,
    db_file: &File,
    restart_frames: i64,
) -> rusqlite::Result<()> {
    if passive(conn)? < restart_frames {
        return Ok(());
    }
    // Leave the locked checkpoint little to copy and little to flush.
    for _ in 0..MAX_ROUNDS {
        let began = Instant::now();
        passive(conn)?;
        db_file
            .sync_data()
            .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
        if began.elapsed() < SHORT_ENOUGH {
            break;
        }
    }
    // No write can begin until this checkpoint has copied every frame.
    let _writes_wait = writer.lock().unwrap_or_else(PoisonError::into_inner);
    passive(conn)?;
    Ok(())
}

/// A passive checkpoint; returns how many frames the WAL holds.
fn passive(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WAL file written by a connection without automatic checkpoints, and a
    /// second connection for the checkpoints.
    fn wal_database(name: &str) -> (std::path::PathBuf, Connection, Connection, Arc<File>) {
        let path = std::env::temp_dir().join(format!(
            "vivamo-mock-checkpoint-{name}-{}.db",
            std::process::id()
        ));
        remove(&path);
        let writer = Connection::open(&path).unwrap();
        writer
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        writer
            .execute_batch(
                "PRAGMA wal_autocheckpoint = 0;
                 CREATE TABLE t (x BLOB NOT NULL);",
            )
            .unwrap();
        let checkpoints = Connection::open(&path).unwrap();
        let file = Arc::new(File::open(&path).unwrap());
        (path, writer, checkpoints, file)
    }

    fn remove(path: &std::path::Path) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    fn write(writer: &Mutex<Connection>, rows: usize) {
        let conn = writer.lock().unwrap();
        for _ in 0..rows {
            conn.execute("INSERT INTO t (x) VALUES (zeroblob(3000))", [])
                .unwrap();
        }
    }

    #[test]
    fn a_wal_past_the_limit_starts_over_at_the_next_write() {
        let (path, writer, checkpoints, file) = wal_database("restart");
        let writer = Mutex::new(writer);
        write(&writer, 300);
        let frames = passive(&checkpoints).unwrap();
        assert!(frames >= 300, "{frames} frames");

        checkpoint(&checkpoints, &writer, &file, frames).unwrap();
        write(&writer, 1);
        // The write went to the beginning of the WAL, not after its frames.
        let after = passive(&checkpoints).unwrap();
        assert!(after < 10, "{after} frames after starting over");
        drop(checkpoints);
        drop(writer);
        remove(&path);
    }

    #[test]
    fn the_thread_stops_when_dropped() {
        let (path, writer, checkpoints, file) = wal_database("thread");
        let writer = Arc::new(Mutex::new(writer));
        let checkpointer =
            Checkpointer::start(checkpoints, Arc::clone(&writer), Arc::clone(&file)).unwrap();
        write(&writer, 50);
        drop(checkpointer);
        // The thread has ended and dropped its clone of the writer.
        assert_eq!(Arc::strong_count(&writer), 1);
        assert_eq!(Arc::strong_count(&file), 1);
        drop(writer);
        remove(&path);
    }
}
