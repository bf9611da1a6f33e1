//! The command line (SPEC §12): `vivamo-mock [--listen ADDR] [--environment
//! sandbox|production] [--secret-key KEY]... [--db FILE] [--fixtures FILE]...`.

use std::net::SocketAddr;
use std::path::PathBuf;

use vivamo_validate::Environment;

/// The address the server listens on when `--listen` is not given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:4010";
/// The API key accepted when no `--secret-key` is given.
pub const DEFAULT_SECRET_KEY: &str = "sk_test_vivamo_mock";

/// The usage text, for `--help` and usage errors.
pub const USAGE: &str = "\
usage: vivamo-mock [--listen ADDR] [--environment sandbox|production]
                   [--secret-key KEY]... [--db FILE] [--fixtures FILE]...

  --listen ADDR         address to listen on (default 127.0.0.1:4010; port 0 takes a free one)
  --environment ENV     sandbox (default) or production: which email rules apply
  --secret-key KEY      an accepted API key; repeat for more (default sk_test_vivamo_mock)
  --db FILE             keep customers in this SQLite file (default: a private temporary
                        database, gone when the server exits)
  --fixtures FILE       customers to start with and to reset to (JSON Lines or a JSON array,
                        in the API's response shape); repeatable
  --version             print the version and the library's data versions
  --help                print this text";

/// What the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// Whose email rules apply to creates and fixtures.
    pub environment: Environment,
    /// The accepted Bearer keys (never empty).
    pub secret_keys: Vec<String>,
    /// The SQLite file, or `None` for a private temporary database.
    pub db: Option<PathBuf>,
    /// Fixture files, in the order given.
    pub fixtures: Vec<PathBuf>,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Run the server.
    Run(Config),
    /// Print the usage text.
    Help,
    /// Print the versions.
    Version,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;

    let mut listen: Option<SocketAddr> = None;
    let mut environment = Environment::Sandbox;
    let mut secret_keys = Vec::new();
    let mut db = None;
    let mut fixtures = Vec::new();
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("listen") => listen = Some(parser.value()?.parse()?),
            Long("environment") => environment = parser.value()?.parse()?,
            Long("secret-key") => {
                let key: String = parser.value()?.parse()?;
                if key.is_empty() {
                    return Err("--secret-key cannot be empty".into());
                }
                secret_keys.push(key);
            }
            Long("db") => db = Some(PathBuf::from(parser.value()?)),
            Long("fixtures") => fixtures.push(PathBuf::from(parser.value()?)),
            Long("version") | Short('V') => return Ok(Command::Version),
            Long("help") | Short('h') => return Ok(Command::Help),
            _ => return Err(arg.unexpected()),
        }
    }
    if secret_keys.is_empty() {
        secret_keys.push(DEFAULT_SECRET_KEY.to_owned());
    }
    let listen = match listen {
        Some(addr) => addr,
        None => DEFAULT_LISTEN
            .parse()
            .map_err(|error: std::net::AddrParseError| lexopt::Error::from(error.to_string()))?,
    };
    Ok(Command::Run(Config {
        listen,
        environment,
        secret_keys,
        db,
        fixtures,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Config {
        match parse(args.iter().map(Into::into)).unwrap() {
            Command::Run(config) => config,
            other => panic!("expected a run, got {other:?}"),
        }
    }

    #[test]
    fn defaults_follow_the_spec() {
        let config = run(&[]);
        assert_eq!(config.listen.to_string(), "127.0.0.1:4010");
        assert_eq!(config.environment, Environment::Sandbox);
        assert_eq!(config.secret_keys, ["sk_test_vivamo_mock"]);
        assert!(config.db.is_none() && config.fixtures.is_empty());
    }

    #[test]
    fn repeated_flags_accumulate() {
        let config = run(&[
            "--secret-key=a",
            "--secret-key",
            "b",
            "--fixtures",
            "x.jsonl",
            "--fixtures=y.json",
            "--environment",
            "production",
            "--listen",
            "[::1]:0",
        ]);
        assert_eq!(config.secret_keys, ["a", "b"]);
        assert_eq!(config.fixtures.len(), 2);
        assert_eq!(config.environment, Environment::Production);
        assert_eq!(config.listen.port(), 0);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["--environment", "staging"][..],
            &["--listen", "localhost"],
            &["--secret-key="],
            &["extra"],
        ] {
            assert!(parse(args.iter().map(Into::into)).is_err(), "{args:?}");
        }
    }
}
