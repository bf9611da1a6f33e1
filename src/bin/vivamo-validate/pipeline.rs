//! The pipeline: a reader thread splits the inputs into batches of records, worker
//! threads validate and render them, and the calling thread writes the rendered
//! batches in input order. Memory stays constant whatever the input: the reader
//! takes a ticket for each batch it sends and the writer hands it back once the
//! batch is next in order, so at most `IN_FLIGHT_PER_WORKER` batches a worker exist
//! between the two, however long one worker is stuck on one batch (before, every later
//! result was held for it: 1M records behind one heavy record held 3 GiB).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::ops::Range;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vivamo_validate::{
    Customer, CustomerInput, DuplicateCheck, Error, ErrorCode, Issue, Path, Report,
};

use crate::args::{Config, Format, Input, OutputFormat};
use crate::given::Given;
use crate::output::{self, Counts, Rendered, Source};
use crate::{csv_rows, json_array, jsonl, sniff};

/// Records per batch, and a byte budget per batch.
const BATCH_RECORDS: usize = 512;
const BATCH_BYTES: usize = 1 << 20;

/// The longest record accepted, inclusive (a line without its line end, an
/// array element without the whitespace around it, a CSV row without its line
/// end); longer ones are one invalid record, read past without being buffered.
pub const MAX_RECORD_BYTES: usize = 8 << 20;

/// Batches allowed between the reader and the writer, per worker.
const IN_FLIGHT_PER_WORKER: usize = 3;

/// One input record, as the readers hand it over.
pub enum Item {
    /// JSON bytes at this range of the batch buffer.
    Json(Range<usize>),
    /// A typed record (CSV), the issues found while reading it (at most a
    /// report's worth) and how many more there were.
    Typed(Box<CustomerInput>, Vec<Issue>, usize),
    /// A record that is invalid before validation (too long, broken CSV row…).
    Invalid(Report),
}

/// One record with where it came from, as a reader hands it over.
pub struct Entry {
    pub item: Item,
    /// The first physical line of the record in its input, from 1.
    pub line: u64,
    /// `externalCustomerId` as given, when the reader knows it (CSV).
    pub id: Option<String>,
    /// Warnings found while reading (a CSV record spanning lines).
    pub warnings: Vec<Issue>,
    /// The CSV row's cells, kept for `--output csv` with one CSV input.
    pub cells: Option<Cells>,
    /// The input, an index into [`Config::names`]; set by the [`Batcher`].
    file: usize,
}

/// A CSV row's cells and the header's width.
#[derive(Clone)]
pub struct Cells {
    pub values: Vec<String>,
    pub width: usize,
}

impl Entry {
    pub fn new(item: Item) -> Self {
        Entry {
            item,
            line: 0,
            id: None,
            warnings: Vec::new(),
            cells: None,
            file: 0,
        }
    }

    /// About how many bytes the entry holds.
    fn weight(&self) -> usize {
        let strings = |values: &[&Option<String>]| -> usize {
            values
                .iter()
                .map(|v| v.as_ref().map_or(0, String::len))
                .sum()
        };
        let typed = match &self.item {
            Item::Typed(input, extra, _) => {
                let data = input.data.as_ref();
                let d = |f: fn(&vivamo_validate::CustomerDataInput) -> &Option<String>| {
                    data.map_or(0, |data| f(data).as_ref().map_or(0, String::len))
                };
                strings(&[&input.external_customer_id, &input.created_at])
                    + d(|x| &x.email)
                    + d(|x| &x.phone)
                    + d(|x| &x.first_name)
                    + d(|x| &x.last_name)
                    + d(|x| &x.street)
                    + d(|x| &x.street2)
                    + d(|x| &x.state)
                    + d(|x| &x.city)
                    + d(|x| &x.zip)
                    + d(|x| &x.country)
                    + extra.len() * 64
            }
            _ => 0,
        };
        let cells = self.cells.as_ref().map_or(0, |cells| {
            cells.values.iter().map(|c| c.len() + 24).sum::<usize>()
        });
        256 + typed + cells + self.id.as_ref().map_or(0, String::len)
    }
}

/// What the reader learns for the writer: the CSV header (when the output keeps
/// the input's columns) and the unknown columns for the human summary.
#[derive(Default)]
pub struct Notes {
    pub csv_header: Mutex<Option<Vec<String>>>,
    pub unknown_columns: Mutex<Vec<String>>,
}

/// A run of consecutive records.
pub struct Batch {
    pub seq: u64,
    pub first_record: u64,
    pub buf: Vec<u8>,
    pub items: Vec<Entry>,
    /// About how many bytes the items hold besides `buf`.
    weight: usize,
    /// How many input bytes the items were read from.
    pub input_bytes: usize,
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
    /// A counting semaphore: sending takes a ticket (blocking once every ticket
    /// is out), the writer's [`InOrder`] returns it.
    tickets: SyncSender<()>,
    current: Batch,
    next_record: u64,
    /// The input being read, an index into [`Config::names`].
    file: usize,
    /// Keep each CSV row's cells (`--output csv` with one CSV input).
    pub keep_cells: bool,
    notes: Arc<Notes>,
}

impl Batcher {
    pub fn new(tx: SyncSender<Batch>, tickets: SyncSender<()>) -> Self {
        Batcher {
            tx,
            tickets,
            current: Batch {
                seq: 0,
                first_record: 1,
                buf: Vec::new(),
                items: Vec::new(),
                weight: 0,
                input_bytes: 0,
            },
            next_record: 1,
            file: 0,
            keep_cells: false,
            notes: Arc::default(),
        }
    }

    /// Where the reader's findings for the writer go.
    pub fn with_notes(mut self, notes: Arc<Notes>) -> Self {
        self.notes = notes;
        self
    }

    /// The records that follow come from input `file`.
    pub fn start_file(&mut self, file: usize) {
        self.file = file;
    }

    /// Publishes the CSV header for the writer (before any of its rows).
    pub fn set_csv_header(&self, header: Vec<String>) {
        let mut slot = self
            .notes
            .csv_header
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = Some(header);
    }

    /// Notes unknown columns (`FILE: 'a', 'b'`) for the human summary.
    pub fn note_unknown_columns(&self, text: String) {
        self.notes
            .unknown_columns
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(text);
    }

    /// Counts `bytes` input bytes read for the records of the current batch
    /// (for a reader whose records are not [`json`](Batcher::json) text).
    pub fn consumed(&mut self, bytes: usize) {
        self.current.input_bytes += bytes;
    }

    /// Adds a JSON record that starts on `line`.
    pub fn json(&mut self, bytes: &[u8], line: u64) -> Result<(), InputError> {
        // Its text and the byte that ends it (a newline, a comma).
        self.consumed(bytes.len() + 1);
        let start = self.current.buf.len();
        self.current.buf.extend_from_slice(bytes);
        let end = self.current.buf.len();
        self.push(Item::Json(start..end), line)
    }

    /// Adds any other record that starts on `line`.
    pub fn push(&mut self, item: Item, line: u64) -> Result<(), InputError> {
        let mut entry = Entry::new(item);
        entry.line = line;
        self.push_entry(entry)
    }

    /// Adds a record with everything the reader knows of it.
    pub fn push_entry(&mut self, mut entry: Entry) -> Result<(), InputError> {
        entry.file = self.file;
        self.current.weight += entry.weight();
        self.current.items.push(entry);
        self.next_record += 1;
        if self.current.items.len() >= BATCH_RECORDS
            || self.current.buf.len() + self.current.weight >= BATCH_BYTES
        {
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
            weight: 0,
            input_bytes: 0,
        };
        let full = std::mem::replace(&mut self.current, next);
        self.tickets.send(()).map_err(|_| InputError::Closed)?;
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
    let (ticket_tx, ticket_rx) = sync_channel::<()>(workers * IN_FLIGHT_PER_WORKER);
    // Shared by the workers only: when the last one stops, the receiver is dropped
    // and the reader's next send fails, so every thread winds down.
    let work_rx = Arc::new(Mutex::new(work_rx));
    let notes = Arc::new(Notes::default());

    std::thread::scope(|scope| {
        let reader_notes = Arc::clone(&notes);
        let reader = scope.spawn(move || read_inputs(config, work_tx, ticket_tx, reader_notes));
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            scope.spawn(move || work(config, &work_rx, done_tx));
        }
        drop(done_tx);
        drop(work_rx);
        let written = write_in_order(config, InOrder::new(done_rx, ticket_rx), &notes);
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
fn read_inputs(
    config: &Config,
    tx: SyncSender<Batch>,
    tickets: SyncSender<()>,
    notes: Arc<Notes>,
) -> bool {
    let mut batcher = Batcher::new(tx, tickets).with_notes(notes);
    let mut failed = false;
    for (index, input) in config.inputs.iter().enumerate() {
        batcher.start_file(index);
        let name = match input {
            Input::Stdin => "standard input".to_owned(),
            Input::File(path) => path.display().to_string(),
        };
        let known = match input {
            Input::Stdin => None,
            Input::File(path) => Format::for_path(path),
        };
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
        let reader = BufReader::with_capacity(1 << 18, reader);
        let (format, reader) = match config.input_format.or(known) {
            Some(format) => (format, sniff::Peeked::none(reader)),
            None => match sniff::sniff_format(reader) {
                Ok(sniffed) => sniffed,
                Err(error) => {
                    crate::warn(&format!("vivamo-validate: {name}: {error}"));
                    failed = true;
                    continue;
                }
            },
        };
        batcher.keep_cells =
            config.output == OutputFormat::Csv && config.inputs.len() == 1 && format == Format::Csv;
        let result = match format {
            Format::Jsonl => jsonl::read(reader, &mut batcher),
            Format::JsonArray => json_array::read(reader, &mut batcher),
            Format::Csv => {
                csv_rows::read(reader, &mut batcher, &config.options, &config.csv, &name)
            }
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
        let mut rendered = Rendered::with_capacity(batch.seq, config, batch.items.len());
        rendered.input_bytes = batch.input_bytes as u64;
        for (i, entry) in batch.items.into_iter().enumerate() {
            let record = batch.first_record + i as u64;
            let mut source = Source {
                record,
                file: entry.file,
                line: entry.line,
                id: entry.id,
                warnings: entry.warnings,
                given: None,
                cells: entry.cells,
                from_csv: false,
            };
            // The values as given: for `--output csv`, and for the id of an
            // invalid JSON record in `--output jsonl` (a valid one's is its own).
            let result = match entry.item {
                Item::Json(range) => {
                    let bytes = batch.buf.get(range).unwrap_or_default();
                    let (result, id) =
                        vivamo_validate::validate_json_with_id(bytes, &config.options);
                    match config.output {
                        OutputFormat::Csv => {
                            source.given = Given::from_json(bytes);
                            source.id = source
                                .given
                                .as_ref()
                                .and_then(|g| g.id().map(str::to_owned));
                        }
                        // An invalid record's id as given; of malformed JSON, the
                        // lenient reading's (it skips what validation decodes).
                        OutputFormat::Jsonl => match (&result, id) {
                            (Ok(_), _) => {}
                            (Err(_), Some(id)) => source.id = Some(id.into_owned()),
                            (Err(report), None) if is_malformed(report) => {
                                source.id = Given::id_from_json(bytes);
                            }
                            (Err(_), None) => {}
                        },
                        OutputFormat::Human => {}
                    }
                    result
                }
                Item::Typed(input, extra, more) => {
                    source.from_csv = true;
                    let result = vivamo_validate::validate_input(&input, &config.options);
                    if config.output == OutputFormat::Csv && source.cells.is_none() {
                        source.given = Some(Given::from_input(&input));
                    }
                    merge(result, extra, more)
                }
                Item::Invalid(report) => Err(report),
            };
            if let Ok(customer) = &result {
                source.id = Some(customer.external_customer_id.as_str().to_owned());
            }
            rendered.record(config, source, &result);
        }
        if tx.send(rendered).is_err() {
            return;
        }
    }
}

/// Whether `report` says its record is not JSON (nothing of it was read).
fn is_malformed(report: &Report) -> bool {
    report
        .issues()
        .iter()
        .any(|issue| issue.error.code() == ErrorCode::MalformedJson.as_str())
}

/// Adds issues found while reading (unknown CSV columns) after the record's own,
/// and `more` that were not built (the report is full by then: `extra` holds a
/// report's worth whenever `more` is not 0), which the report only counts; a
/// valid record's warnings move into the report.
fn merge(
    result: Result<Customer, Report>,
    extra: Vec<Issue>,
    more: usize,
) -> Result<Customer, Report> {
    if extra.is_empty() && more == 0 {
        return result;
    }
    let mut report = match result {
        Err(report) => report,
        Ok(customer) => {
            let mut report = Report::new();
            for warning in customer.warnings() {
                report.push_warning(warning.path, warning.error);
            }
            report
        }
    };
    for issue in extra {
        report.push(issue.path, issue.error);
    }
    for _ in 0..more {
        report.push(
            Path::root(),
            Error::new(ErrorCode::UnknownField, "field is not part of the api"),
        );
    }
    Err(report)
}

/// The workers' results in batch order, holding back only what arrived early
/// (bounded by the reader's tickets), and returning a ticket for each batch
/// handed to the writer.
struct InOrder {
    rx: Receiver<Rendered>,
    tickets: Receiver<()>,
    early: std::collections::BTreeMap<u64, Rendered>,
    next_seq: u64,
}

impl InOrder {
    fn new(rx: Receiver<Rendered>, tickets: Receiver<()>) -> Self {
        InOrder {
            rx,
            tickets,
            early: std::collections::BTreeMap::new(),
            next_seq: 0,
        }
    }
}

impl Iterator for InOrder {
    type Item = Rendered;

    fn next(&mut self) -> Option<Rendered> {
        loop {
            if let Some(rendered) = self.early.remove(&self.next_seq) {
                self.next_seq += 1;
                // The reader took a ticket before sending this batch.
                let _ = self.tickets.try_recv();
                return Some(rendered);
            }
            let rendered = self.rx.recv().ok()?;
            self.early.insert(rendered.seq, rendered);
        }
    }
}

fn write_in_order(
    config: &Config,
    rx: impl Iterator<Item = Rendered>,
    notes: &Notes,
) -> io::Result<Counts> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Counts::default();
    let mut duplicates = DuplicateCheck::new();
    let mut room = Room::new(config);
    let mut progress = Progress::new();
    let mut csv_header = config.output == OutputFormat::Csv;
    // `rx` yields the batches in input order already (`InOrder`).
    for rendered in rx {
        if !rendered.text.is_empty() {
            progress.before_output();
        }
        if std::mem::take(&mut csv_header) {
            output::write_csv_header(&mut out, notes)?;
        }
        if config.duplicate_check {
            room.make(&rendered, &mut duplicates);
        }
        write_checked(config, &mut out, &rendered, &mut duplicates, &mut summary)?;
        summary.add(&rendered.counts);
        progress.show(summary.records, &mut out)?;
    }
    progress.clear();
    if csv_header {
        output::write_csv_header(&mut out, notes)?;
    }
    if config.output == OutputFormat::Human {
        output::write_summary(&mut out, &summary, notes)?;
    }
    out.flush()?;
    Ok(summary)
}

/// Sizes the duplicate check for the whole run once its first [`Room::SAMPLE`]
/// bytes are in: the customers it remembered per input byte so far, times the
/// size of the input files (unknown when one of them is standard input, which
/// then grows as it goes). Growing copies partitions and builds filters again:
/// a million customers take 83 ms in room made beforehand against 128 ms
/// growing (`cargo bench --bench duplicates`). The estimate is only as good as
/// the sample: a run whose later records are mostly invalid keeps room it did
/// not need, and one whose later records are mostly valid grows after all.
struct Room {
    /// The input files' total size, until the room is made.
    total: Option<u64>,
    seen: u64,
}

impl Room {
    /// Input bytes read before the estimate is made.
    const SAMPLE: u64 = 1 << 20;

    fn new(config: &Config) -> Self {
        // `None` as soon as one input's size is unknown.
        let total = config
            .inputs
            .iter()
            .map(|input| match input {
                Input::File(path) => std::fs::metadata(path)
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .map(|meta| meta.len()),
                Input::Stdin => None,
            })
            .sum();
        Room { total, seen: 0 }
    }

    /// Counts the batch's input bytes; reserves the estimate once the sample
    /// is in (before the batch is checked, so it counts its candidates too).
    fn make(&mut self, rendered: &Rendered, duplicates: &mut DuplicateCheck) {
        let Some(total) = self.total else { return };
        self.seen += rendered.input_bytes;
        if self.seen < Room::SAMPLE || self.seen >= total {
            return;
        }
        let remembered = duplicates.len() + rendered.candidates.len();
        let expected = remembered as f64 * total as f64 / self.seen as f64;
        duplicates.reserve((expected as usize).saturating_sub(duplicates.len()));
        self.total = None;
    }
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
    // Groups of candidates: their filter words are read ahead together, so the
    // cache misses of one group overlap.
    const AHEAD: usize = 16;
    for (i, candidate) in rendered.candidates.iter().enumerate() {
        if i % AHEAD == 0 {
            let group = rendered.candidates.get(i..).unwrap_or_default();
            duplicates.warm(group.iter().take(AHEAD).map(|c| c.keys));
        }
        let Err(mut report) = duplicates.check_keys(candidate.record, candidate.keys) else {
            continue;
        };
        let (source, warnings) = rendered.again(candidate);
        for warning in warnings {
            report.push_warning(warning.path, warning.error);
        }
        summary.issues(report.issues(), &[]);
        out.write_all(text.get(written..candidate.span.start).unwrap_or_default())?;
        line.clear();
        output::render(config, &mut line, &source, &Err(report));
        out.write_all(&line)?;
        written = candidate.span.end;
    }
    out.write_all(text.get(written..).unwrap_or_default())
}

/// A record counter on standard error, shown only when standard error is a
/// terminal (the command-line rules). When standard output is a terminal too, the two share a
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

/// Test and fuzz helper: runs a reader and returns each record as
/// `json:<text>`, `typed:<record>:<issues>` or `invalid:<report>`, plus the
/// reader's error, if any.
#[cfg(any(test, fuzzing))]
pub fn split_with(
    read: impl FnOnce(&mut Batcher) -> Result<(), InputError>,
) -> (Vec<String>, Option<String>) {
    let (entries, error) = entries_with(read);
    (
        entries.into_iter().map(|(_, text, _)| text).collect(),
        error,
    )
}

/// A record as [`entries_with`] hands it over: its first line, its text as
/// [`split_with`] has it, and its warnings' messages.
#[cfg(any(test, fuzzing))]
pub type SplitEntry = (u64, String, Vec<String>);

/// [`split_with`] with each record's first line and warnings' messages.
#[cfg(any(test, fuzzing))]
pub fn entries_with(
    read: impl FnOnce(&mut Batcher) -> Result<(), InputError>,
) -> (Vec<SplitEntry>, Option<String>) {
    let (batches, error) = batches_with(read);
    let mut records = Vec::new();
    for batch in batches {
        for entry in batch.items {
            let text = match entry.item {
                Item::Json(range) => format!("json:{}", String::from_utf8_lossy(&batch.buf[range])),
                Item::Typed(input, extra, more) => {
                    format!("typed:{input:?}:{}", extra.len() + more)
                }
                Item::Invalid(report) => format!("invalid:{report}"),
            };
            let warnings = entry
                .warnings
                .iter()
                .map(|w| w.error.message().to_owned())
                .collect();
            records.push((entry.line, text, warnings));
        }
    }
    (records, error)
}

/// The batches a reader makes, and the reader's error, if any.
#[cfg(any(test, fuzzing))]
fn batches_with(
    read: impl FnOnce(&mut Batcher) -> Result<(), InputError>,
) -> (Vec<Batch>, Option<String>) {
    let (tx, rx) = sync_channel(1 << 10);
    let (tickets, _ticket_rx) = sync_channel(1 << 10);
    let mut batcher = Batcher::new(tx, tickets);
    let error = match read(&mut batcher) {
        Ok(()) => None,
        Err(InputError::Format(message)) => Some(message),
        Err(InputError::Io(error)) => Some(error.to_string()),
        Err(InputError::Closed) => Some("closed".to_owned()),
    };
    let _ = batcher.flush();
    drop(batcher);
    (rx.into_iter().collect(), error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The input bytes each batch counts, summed over the batches a reader
    /// made.
    fn input_bytes(read: impl FnOnce(&mut Batcher) -> Result<(), InputError>) -> usize {
        let (batches, error) = batches_with(read);
        assert_eq!(error, None);
        batches.iter().map(|batch| batch.input_bytes).sum()
    }

    /// What the duplicate check's room is estimated from: the bytes the
    /// records were read from, not the memory the batches take (which counted
    /// 256 bytes more a record, and made the CLI reserve about half the room a
    /// run needed).
    #[test]
    fn batches_count_the_input_bytes_their_records_were_read_from() {
        let line = r#"{"externalCustomerId":"c1","data":{"email":"ann@example.com"}}"#;
        let jsonl = format!("{line}\n").repeat(3_000);
        let counted = input_bytes(|batcher| crate::jsonl::read(jsonl.as_bytes(), batcher));
        assert_eq!(counted, jsonl.len());

        let array = format!("[{}]", vec![line; 3_000].join(","));
        let counted = input_bytes(|batcher| crate::json_array::read(array.as_bytes(), batcher));
        assert!(
            counted.abs_diff(array.len()) <= 2,
            "{counted} of {}",
            array.len()
        );

        let row = "c1,ann@example.com,+14155550123\n";
        let csv = format!("externalCustomerId,email,phone\n{}", row.repeat(3_000));
        let counted = input_bytes(|batcher| {
            crate::csv_rows::read(
                csv.as_bytes(),
                batcher,
                &vivamo_validate::Options::default(),
                &crate::csv_rows::CsvSettings::default(),
                "test.csv",
            )
        });
        assert_eq!(counted, row.len() * 3_000);
    }
}
