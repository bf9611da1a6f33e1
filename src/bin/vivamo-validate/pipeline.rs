//! The pipeline: a reader thread splits the inputs into batches of records, worker
//! threads validate and render them, and the calling thread writes the rendered
//! batches in input order. Channels are bounded, so memory stays constant
//! whatever the input size: at most a few batches are in flight.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::ops::Range;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vivamo_validate::{CustomerInput, DuplicateCheck, Report};

use crate::args::{Config, Format, Input};
use crate::output::{self, Counts, Rendered};
use crate::{csv_rows, json_array, jsonl};

/// Records per batch, and a byte budget per batch.
const BATCH_RECORDS: usize = 512;
const BATCH_BYTES: usize = 1 << 20;

/// The longest record accepted (a line, an array element); longer ones are
/// reported as `malformed_json` without being buffered.
pub const MAX_RECORD_BYTES: usize = 8 << 20;

/// One input record, as the readers hand it over.
pub enum Item {
    /// JSON bytes at this range of the batch buffer.
    Json(Range<usize>),
    /// A typed record (CSV) and the names of its unknown columns that hold a
    /// value (collected only when they are reported).
    Typed(Box<CustomerInput>, Vec<String>),
    /// A record that is invalid before validation (too long, broken CSV row…).
    Invalid(Report),
}

/// A run of consecutive records.
pub struct Batch {
    pub seq: u64,
    pub first_record: u64,
    pub buf: Vec<u8>,
    pub items: Vec<Item>,
}

/// A reading problem that ends one input (the run goes on with the next).
pub enum InputError {
    Io(io::Error),
    /// The input's structure is broken (a JSON array not closed, a CSV header…).
    Format(String),
    /// The pipeline is shutting down (the output went away).
    Closed,
}

impl From<io::Error> for InputError {
    fn from(error: io::Error) -> Self {
        InputError::Io(error)
    }
}

/// Collects records into batches and sends full ones to the workers.
pub struct Batcher {
    tx: SyncSender<Batch>,
    current: Batch,
    next_record: u64,
}

impl Batcher {
    pub fn new(tx: SyncSender<Batch>) -> Self {
        Batcher {
            tx,
            current: Batch {
                seq: 0,
                first_record: 1,
                buf: Vec::new(),
                items: Vec::new(),
            },
            next_record: 1,
        }
    }

    /// Adds a JSON record.
    pub fn json(&mut self, bytes: &[u8]) -> Result<(), InputError> {
        let start = self.current.buf.len();
        self.current.buf.extend_from_slice(bytes);
        let end = self.current.buf.len();
        self.push(Item::Json(start..end))
    }

    /// Adds any other record.
    pub fn push(&mut self, item: Item) -> Result<(), InputError> {
        self.current.items.push(item);
        self.next_record += 1;
        if self.current.items.len() >= BATCH_RECORDS || self.current.buf.len() >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), InputError> {
        if self.current.items.is_empty() {
            return Ok(());
        }
        let next = Batch {
            seq: self.current.seq + 1,
            first_record: self.next_record,
            buf: Vec::with_capacity(self.current.buf.len()),
            items: Vec::with_capacity(BATCH_RECORDS),
        };
        let full = std::mem::replace(&mut self.current, next);
        self.tx.send(full).map_err(|_| InputError::Closed)
    }
}

/// What a run found.
pub struct Outcome {
    pub summary: Counts,
    pub input_failed: bool,
}

impl Outcome {
    pub fn exit_status(&self) -> u8 {
        if self.input_failed {
            2
        } else if self.summary.invalid > 0 {
            1
        } else {
            0
        }
    }
}

/// Runs the whole pipeline; `Err` is an output error (a broken pipe included).
pub fn run(config: &Config) -> io::Result<Outcome> {
    let workers = config.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
    });
    let (work_tx, work_rx) = sync_channel::<Batch>(workers * 2);
    let (done_tx, done_rx) = sync_channel::<Rendered>(workers * 2);
    // Shared by the workers only: when the last one stops, the receiver is dropped
    // and the reader's next send fails, so every thread winds down.
    let work_rx = Arc::new(Mutex::new(work_rx));

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_inputs(config, work_tx));
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            scope.spawn(move || work(config, &work_rx, done_tx));
        }
        drop(done_tx);
        drop(work_rx);
        let written = write_in_order(config, done_rx);
        if let Err(error) = &written {
            // The reader may be blocked on a terminal or a slow pipe: do not wait for it.
            if error.kind() == io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            crate::warn(&format!("vivamo-validate: cannot write output: {error}"));
            std::process::exit(2);
        }
        let input_failed = reader.join().unwrap_or(true);
        written.map(|summary| Outcome {
            summary,
            input_failed,
        })
    })
}

/// Reads every input in turn; returns whether any of them failed.
fn read_inputs(config: &Config, tx: SyncSender<Batch>) -> bool {
    let mut batcher = Batcher::new(tx);
    let mut failed = false;
    for input in &config.inputs {
        let (name, format) = match input {
            Input::Stdin => ("standard input".to_owned(), Format::Jsonl),
            Input::File(path) => (path.display().to_string(), Format::for_path(path)),
        };
        let format = config.input_format.unwrap_or(format);
        let reader: Box<dyn Read> = match input {
            Input::Stdin => Box::new(io::stdin().lock()),
            Input::File(path) => match File::open(path) {
                Ok(file) => Box::new(file),
                Err(error) => {
                    crate::warn(&format!("vivamo-validate: {name}: {error}"));
                    failed = true;
                    continue;
                }
            },
        };
        let reader = BufReader::with_capacity(1 << 16, reader);
        let result = match format {
            Format::Jsonl => jsonl::read(reader, &mut batcher),
            Format::JsonArray => json_array::read(reader, &mut batcher),
            Format::Csv => csv_rows::read(reader, &mut batcher, &config.options),
        };
        match result {
            Ok(()) => {}
            Err(InputError::Closed) => return failed,
            Err(InputError::Io(error)) => {
                crate::warn(&format!("vivamo-validate: {name}: {error}"));
                failed = true;
            }
            Err(InputError::Format(message)) => {
                crate::warn(&format!("vivamo-validate: {name}: {message}"));
                failed = true;
            }
        }
    }
    // A send error here means the output went away; nothing is left to report.
    let _ = batcher.flush();
    failed
}

fn work(config: &Config, rx: &Mutex<Receiver<Batch>>, tx: SyncSender<Rendered>) {
    loop {
        let batch = {
            let guard = rx.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            guard.recv()
        };
        let Ok(batch) = batch else { return };
        let mut rendered = Rendered::new(batch.seq);
        for (i, item) in batch.items.into_iter().enumerate() {
            let record = batch.first_record + i as u64;
            let result = match item {
                Item::Json(range) => {
                    let bytes = batch.buf.get(range).unwrap_or_default();
                    vivamo_validate::validate_json(bytes, &config.options)
                }
                Item::Typed(input, unknown) => vivamo_validate::validate_flat(
                    &input,
                    unknown.iter().map(String::as_str),
                    &config.options,
                ),
                Item::Invalid(report) => Err(report),
            };
            rendered.record(config.output, record, &result, config.duplicate_check);
        }
        if tx.send(rendered).is_err() {
            return;
        }
    }
}

fn write_in_order(config: &Config, rx: Receiver<Rendered>) -> io::Result<Counts> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Counts::default();
    let mut duplicates = DuplicateCheck::new();
    let mut pending = std::collections::BTreeMap::new();
    let mut next_seq = 0;
    let mut progress = Progress::new();
    for rendered in rx {
        pending.insert(rendered.seq, rendered);
        while let Some(rendered) = pending.remove(&next_seq) {
            if !rendered.text.is_empty() {
                progress.before_output();
            }
            write_checked(config, &mut out, &rendered, &mut duplicates, &mut summary)?;
            summary.add(&rendered.counts);
            next_seq += 1;
        }
        progress.show(summary.records, &mut out)?;
    }
    progress.clear();
    if config.output == crate::args::OutputFormat::Human {
        output::write_summary(&mut out, &summary)?;
    }
    out.flush()?;
    Ok(summary)
}

/// Writes a batch, settling each valid record against the earlier valid records
/// of the run: a duplicate is written (and counted) as invalid instead.
fn write_checked(
    config: &Config,
    out: &mut impl Write,
    rendered: &Rendered,
    duplicates: &mut DuplicateCheck,
    summary: &mut Counts,
) -> io::Result<()> {
    let text = &rendered.text;
    let mut written = 0;
    let mut line = Vec::new();
    for candidate in &rendered.candidates {
        let Err(mut report) = duplicates.check_keys(candidate.record, candidate.keys) else {
            continue;
        };
        for warning in &candidate.warnings {
            report.push_warning(warning.path.clone(), warning.error.clone());
        }
        summary.issues(report.issues(), &[]);
        out.write_all(text.get(written..candidate.span.start).unwrap_or_default())?;
        line.clear();
        output::render(config.output, &mut line, candidate.record, &Err(report));
        out.write_all(&line)?;
        written = candidate.span.end;
    }
    out.write_all(text.get(written..).unwrap_or_default())
}

/// A record counter on standard error, shown only when standard error is a
/// terminal (SPEC §10). When standard output is a terminal too, the two share a
/// screen: standard output is flushed before the counter is drawn, and the counter
/// is erased before more results are written, so they never interleave.
struct Progress {
    enabled: bool,
    shares_screen: bool,
    shown: bool,
    last: Instant,
}

impl Progress {
    fn new() -> Self {
        let enabled = io::stderr().is_terminal();
        Progress {
            enabled,
            shares_screen: enabled && io::stdout().is_terminal(),
            shown: false,
            last: Instant::now(),
        }
    }

    /// Redraws the counter at most four times a second.
    fn show(&mut self, records: u64, out: &mut impl Write) -> io::Result<()> {
        if self.enabled && self.last.elapsed() >= Duration::from_millis(250) {
            if self.shares_screen {
                out.flush()?;
            }
            let _ = write!(io::stderr().lock(), "\r{records} records read");
            self.shown = true;
            self.last = Instant::now();
        }
        Ok(())
    }

    /// Erases the counter before results are written to the same screen.
    fn before_output(&mut self) {
        if self.shares_screen {
            self.clear();
        }
    }

    fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}

/// Test helper: runs a reader over `input` and returns each record as
/// `json:<text>` or `invalid:<codes>`, plus the reader's error, if any.
#[cfg(test)]
pub fn split_with(
    read: impl FnOnce(&mut Batcher) -> Result<(), InputError>,
) -> (Vec<String>, Option<String>) {
    let (tx, rx) = sync_channel(1 << 16);
    let mut batcher = Batcher::new(tx);
    let error = match read(&mut batcher) {
        Ok(()) => None,
        Err(InputError::Format(message)) => Some(message),
        Err(InputError::Io(error)) => Some(error.to_string()),
        Err(InputError::Closed) => Some("closed".to_owned()),
    };
    let _ = batcher.flush();
    drop(batcher);
    let mut records = Vec::new();
    for batch in rx {
        for item in batch.items {
            records.push(match item {
                Item::Json(range) => format!("json:{}", String::from_utf8_lossy(&batch.buf[range])),
                Item::Typed(input, extra) => format!("typed:{input:?}:{}", extra.len()),
                Item::Invalid(report) => format!("invalid:{report}"),
            });
        }
    }
    (records, error)
}
