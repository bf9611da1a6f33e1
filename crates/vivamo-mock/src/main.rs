//! `vivamo-mock`: a local stand-in for the Vivamo customer API (SPEC §12), for
//! integration tests and local development. Every rule and message comes from
//! the `vivamo-validate` library; customers live in SQLite.
//!
//! Modules: [`config`] (the command line), [`routes`] (the endpoints),
//! [`storage`] (SQLite), [`wire`] (the API's error body), [`fixtures`] (loading
//! customers at the start), [`server`] (connections and the graceful stop).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod fixtures;
mod routes;
mod server;
mod storage;
mod wire;

use std::io::Write;
use std::process::ExitCode;

use vivamo_validate::{Options, Phone, DISPOSABLE_LIST_VERSION};

use crate::config::{Command, Config, USAGE};
use crate::storage::Store;

fn main() -> ExitCode {
    match config::parse(std::env::args_os().skip(1)) {
        Ok(Command::Run(config)) => run(config),
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("vivamo-mock {}", env!("CARGO_PKG_VERSION"));
            println!("disposable-email-domains {DISPOSABLE_LIST_VERSION}");
            println!("libphonenumber {}", Phone::metadata_version());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("vivamo-mock: {error}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Loads, listens, serves until SIGINT/SIGTERM, closes the database. Exit 2 when
/// it cannot start (the database, a fixture, the address), 0 after a clean stop.
fn run(config: Config) -> ExitCode {
    let fail = |what: &str| {
        eprintln!("vivamo-mock: {what}");
        ExitCode::from(2)
    };
    let options = Options {
        environment: config.environment,
        ..Options::default()
    };
    let store = match Store::open(config.db.as_deref()) {
        Ok(store) => store,
        Err(error) => return fail(&format!("cannot open the database: {error}")),
    };
    let customers = match fixtures::load(&store, &config.fixtures, &options, &routes::now()) {
        Ok(customers) => customers,
        Err(fixtures::Refused(report)) => {
            eprint!("{report}");
            return fail("the fixtures are invalid; not started");
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&format!("cannot start the runtime: {error}")),
    };
    let state = routes::AppState::new(store.clone(), options, config.secret_keys);
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
        let address = listener
            .local_addr()
            .map_err(|error| format!("cannot read the listening address: {error}"))?;
        let stop = server::stop_signal()
            .map_err(|error| format!("cannot install the signal handlers: {error}"))?;
        eprintln!(
            "vivamo-mock: {customers} customer(s), {} environment",
            config.environment
        );
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{address}")
            .and_then(|()| stdout.flush())
            .map_err(|error| format!("cannot write to standard output: {error}"))?;
        drop(stdout);
        server::serve(listener, routes::router(state), stop).await;
        Ok::<(), String>(())
    });
    // Connections still open past the grace period are dropped with the runtime,
    // and with them the last clones of the store.
    drop(runtime);
    if let Err(error) = served {
        return fail(&error);
    }
    match store.close() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!("closing the database failed: {error}")),
    }
}
