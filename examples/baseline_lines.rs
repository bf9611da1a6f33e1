//! Baseline for the CLI bench (`benches/cli/run.sh`): reads JSON Lines and writes one
//! short line per non-blank line, doing nothing else — the floor set by reading and
//! writing alone. `cargo run --release --example baseline_lines -- FILE > /dev/null`

use std::io::{self, BufRead, BufReader, BufWriter, Write};

fn main() -> io::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "usage: baseline_lines FILE"))?;
    let mut input = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut line = Vec::new();
    let mut record = 0u64;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        record += 1;
        writeln!(out, "{{\"record\":{record},\"bytes\":{}}}", line.len())?;
    }
    out.flush()
}
