//! `vivamo-validate`: validates customer records (JSON Lines, a JSON array or
//! CSV) against the Vivamo customer API's rules (SPEC §10).
//!
//! `main` parses the arguments and maps the outcome to an exit status: 0 when
//! every record is valid, 1 when some record is invalid, 2 on a usage or I/O
//! error. The work itself is a pipeline (see [`pipeline`]).

#![forbid(unsafe_code)]

mod args;
mod csv_rows;
mod csv_split;
mod given;
mod json_array;
mod jsonl;
mod output;
mod pipeline;
mod sniff;

use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(message) = check_stdout() {
        warn(&format!("vivamo-validate: cannot write output: {message}"));
        return ExitCode::from(2);
    }
    let config = match args::parse(std::env::args_os().skip(1)) {
        Ok(args::Parsed::Run(config)) => config,
        Ok(args::Parsed::Help) => return print_and_exit(args::HELP),
        Ok(args::Parsed::Version) => {
            // The crate and both data versions: the data decide verdicts as much as
            // the code does.
            return print_and_exit(&format!("{}\n", vivamo_validate::version_line()));
        }
        Err(message) => {
            warn(&format!(
                "vivamo-validate: {message}\ntry 'vivamo-validate --help' for more information"
            ));
            return ExitCode::from(2);
        }
    };
    match pipeline::run(&config) {
        Ok(outcome) => ExitCode::from(outcome.exit_status()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            warn(&format!("vivamo-validate: cannot write output: {error}"));
            ExitCode::from(2)
        }
    }
}

/// Standard output must be open. When it is closed (`>&-`), Rust's runtime
/// opens `/dev/null` read-write in its place before `main`, so every result
/// would vanish with exit status 0 or 1. That descriptor is told apart from a
/// user's `>/dev/null` (opened write-only by the shell) by its access mode;
/// this needs `/proc`, so the check is made on Linux only.
fn check_stdout() -> Result<(), &'static str> {
    #[cfg(target_os = "linux")]
    {
        let is_null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|target| target == std::path::Path::new("/dev/null"));
        let read_write = || {
            let info = std::fs::read_to_string("/proc/self/fdinfo/1").unwrap_or_default();
            info.lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2) // O_ACCMODE == O_RDWR
        };
        if is_null && read_write() {
            return Err("standard output is closed");
        }
    }
    Ok(())
}

fn print_and_exit(text: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// Writes a line to standard error; unlike `eprintln!`, never panics when
/// standard error itself is closed or a broken pipe.
pub fn warn(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
