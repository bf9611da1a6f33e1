//! Hostile input over raw TCP: bodies over the limit, truncated JSON, deep
//! nesting, invalid UTF-8, huge headers and clients that stall. The server keeps
//! answering others and stores nothing partial.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::{parse_raw, raw, Server, KEY};

fn post(path: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {KEY}\r\nConnection: close\r\n\r\n")
        .into_bytes()
}

fn total(server: &Server) -> u64 {
    let (status, body) = raw(server.addr, &get("/v1/customers"));
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    body["total"].as_u64().unwrap()
}

fn code(body: &str) -> String {
    let body: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    body["errors"][0]
        .as_object()
        .and_then(|o| o.keys().next().cloned())
        .unwrap_or_default()
}

#[test]
fn malformed_bodies_are_400_and_store_nothing() {
    let server = Server::start(&[]);
    let deep = format!(
        r#"{{"externalCustomerId":"d","data":{{"email":"d@example.com","x":{}{}}}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut invalid_utf8 =
        br#"{"externalCustomerId":"u","data":{"email":"u@example.com","firstName":""#.to_vec();
    invalid_utf8.extend_from_slice(&[0xC3, 0x28, 0xFF]);
    invalid_utf8.extend_from_slice(br#""}}"#);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated",
            br#"{"externalCustomerId":"t","data":{"email":"t@exa"#.to_vec(),
        ),
        ("deep nesting", deep.into_bytes()),
        ("invalid utf-8", invalid_utf8),
        ("empty", Vec::new()),
        (
            "trailing garbage",
            br#"{"externalCustomerId":"g","data":{"email":"g@example.com"}} x"#.to_vec(),
        ),
        (
            "lone surrogate",
            br#"{"externalCustomerId":"s","data":{"email":"s@example.com","city":"\ud800"}}"#
                .to_vec(),
        ),
        ("nul bytes", b"\0\0\0\0".to_vec()),
    ];
    for (name, body) in cases {
        let (status, answer) = raw(
            server.addr,
            &post("/v1/customers", "application/json", &body),
        );
        assert_eq!(status, 400, "{name}: {answer}");
        assert_eq!(code(&answer), "malformed_json", "{name}");
    }
    // The KYC control is as careful.
    let (status, answer) = raw(
        server.addr,
        &post(
            "/__mock/customers/x/kyc",
            "application/json",
            "[".repeat(50_000).as_bytes(),
        ),
    );
    assert_eq!((status, code(&answer)), (400, "malformed_json".to_owned()));
    assert_eq!(total(&server), 0);
}

#[test]
fn bodies_over_the_limit_are_413_however_they_come() {
    let server = Server::start(&[]);
    let big = vec![b' '; 2 * 1024 * 1024];
    // Declared up front.
    let (status, body) = raw(
        server.addr,
        &post("/v1/customers", "application/json", &big),
    );
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("Request body is larger than 1 MiB"));
    // Chunked, with no length to refuse it by.
    let mut chunked = format!(
        "POST /v1/customers HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..40 {
        chunked.extend_from_slice(format!("{:x}\r\n", 64 * 1024).as_bytes());
        chunked.extend(std::iter::repeat_n(b' ', 64 * 1024));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (status, _) = raw(server.addr, &chunked);
    assert_eq!(status, 413);
    assert_eq!(total(&server), 0);
}

#[test]
fn a_body_cut_short_stores_nothing() {
    let server = Server::start(&[]);
    let body = br#"{"externalCustomerId":"cut","data":{"email":"cut@example.com"}}"#;
    let mut stream = TcpStream::connect(server.addr).unwrap();
    let head = format!(
        "POST /v1/customers HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len() + 10
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    drop(stream);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(total(&server), 0);
    let (status, _) = raw(server.addr, &get("/v1/customers/cut"));
    assert_eq!(status, 404);
}

#[test]
fn huge_headers_are_refused_and_others_still_served() {
    let server = Server::start(&[]);
    let request = format!(
        "GET /health HTTP/1.1\r\nHost: mock\r\nX-Huge: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let (status, _) = raw(server.addr, request.as_bytes());
    assert!(status == 431 || status == 0, "status {status}");
    let many: String = (0..500).map(|n| format!("X-H{n}: v\r\n")).collect();
    let request = format!("GET /health HTTP/1.1\r\nHost: mock\r\n{many}Connection: close\r\n\r\n");
    let (status, _) = raw(server.addr, request.as_bytes());
    assert!(status == 431 || status == 0, "status {status}");
    assert_eq!(raw(server.addr, &get("/health")).0, 200);
}

#[test]
fn stalled_clients_block_no_one_and_time_out() {
    let server = Server::start(&[]);
    // Twenty clients that stop in the middle of their headers, and one in the
    // middle of its body.
    let stalled_heads: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream
                .write_all(b"GET /health HTTP/1.1\r\nHost: mo")
                .unwrap();
            stream
        })
        .collect();
    let mut stalled_body = TcpStream::connect(server.addr).unwrap();
    let head = format!(
        "POST /v1/customers HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"externalCustomerId\":"
    );
    stalled_body.write_all(head.as_bytes()).unwrap();

    // Everyone else is served at once.
    let started = Instant::now();
    for _ in 0..20 {
        assert_eq!(raw(server.addr, &get("/health")).0, 200);
    }
    let body = br#"{"externalCustomerId":"ok","data":{"email":"ok@example.com"}}"#;
    assert_eq!(
        raw(
            server.addr,
            &post("/v1/customers", "application/json", body)
        )
        .0,
        200
    );
    assert!(started.elapsed() < Duration::from_secs(5), "others waited");

    // The stalled body gets 408 after the body timeout, the stalled heads are
    // closed after the header timeout; both are 10 s.
    stalled_body
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = stalled_body.read_to_end(&mut answer);
    let (status, text) = parse_raw(&answer);
    assert_eq!(status, 408, "{text}");
    assert!(started.elapsed() < Duration::from_secs(20));
    for mut stream in stalled_heads {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut rest = Vec::new();
        // Closed (with or without a 408 of hyper's own), not left hanging.
        let _ = stream.read_to_end(&mut rest);
    }
    assert!(started.elapsed() < Duration::from_secs(25));
    assert_eq!(total(&server), 1);
}
