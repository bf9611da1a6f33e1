//! What every integration test shares: the real binary started on a free port
//! of 127.0.0.1 (and killed when dropped, so a failing test leaves nothing
//! running), a reqwest client, and a raw HTTP/1.1 exchange for hostile input.

#![allow(dead_code)] // each test binary uses its own part of this

pub mod schema;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use serde_json::Value;

/// The default key of the mock.
pub const KEY: &str = "sk_test_vivamo_mock";

/// The repository's fixture file.
pub fn fixture_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/mock_fixtures.jsonl")
}

/// A running `vivamo-mock`.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The address it listens on.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts the binary with `args` (and `--listen 127.0.0.1:0`), waiting for
    /// its `listening on` line.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with_env(args, &[])
    }

    /// [`Server::start`] with these environment variables set.
    pub fn start_with_env(args: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vivamo-mock"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("stdout is readable");
        let Some(url) = line.trim_end().strip_prefix("listening on ") else {
            let _ = child.kill();
            panic!("unexpected first line {line:?}");
        };
        let url = url.to_owned();
        let addr = url
            .strip_prefix("http://")
            .and_then(|a| a.parse().ok())
            .expect("the line names an address");
        // Keep reading so that nothing the server writes can block it.
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
            assert!(rest.is_empty(), "more than one line on stdout: {rest:?}");
        });
        Server {
            child: Some(child),
            url,
            addr,
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Sends `signal` (`TERM`, `INT`, `KILL`) and waits for the exit.
    pub fn stop(mut self, signal: &str) -> ExitStatus {
        let mut child = self.child.take().expect("running");
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
        child.wait().expect("the server exits")
    }

    /// A client for it.
    pub fn api(&self) -> Api {
        Api {
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("a client"),
            url: self.url.clone(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A status, the content type and the JSON body of an answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

/// A reqwest client bound to one server.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    pub url: String,
}

impl Api {
    /// `GET path` with the default key.
    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, Some(KEY), None).await
    }

    /// `POST path` of a JSON body with the default key.
    pub async fn post(&self, path: &str, body: &str) -> Answer {
        self.send(reqwest::Method::POST, path, Some(KEY), Some(body))
            .await
    }

    /// Any request: `key` for the Bearer header, `body` sent as JSON.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        body: Option<&str>,
    ) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.url));
        if let Some(key) = key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        answer(request.send().await.expect("the server answers")).await
    }
}

/// Reads an answer whose body must be JSON.
pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("status {status}: body is not JSON ({e}): {text:?}"));
    Answer {
        status,
        content_type,
        body,
    }
}

/// A create body for `id` and `email`.
pub fn customer(id: &str, email: &str) -> String {
    serde_json::json!({"externalCustomerId": id, "data": {"email": email}}).to_string()
}

/// Percent-encodes every byte outside the unreserved set, as the library's
/// `api_path` does.
pub fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Sends raw bytes on a new connection and reads the answer until the server
/// closes it (the request should say `Connection: close`): status and body.
pub fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    // The server may answer (and close) before taking all of a large body.
    let _ = stream.write_all(request);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse_raw(&bytes)
}

/// Status and body of a raw HTTP/1.1 answer (`(0, "")` when there is none).
pub fn parse_raw(bytes: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(bytes);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}
