//! `--db FILE`: customers survive a graceful stop (SIGTERM, SIGINT) and a kill
//! (SIGKILL) of every create that was answered 200.

mod support;

use std::path::PathBuf;

use serde_json::json;
use support::{customer, fixture_file, Server};

/// A fresh database path for one test, removed with its WAL files on drop.
struct Db(PathBuf);

impl Db {
    fn new(name: &str) -> Db {
        let path =
            std::env::temp_dir().join(format!("vivamo-mock-{name}-{}.db", std::process::id()));
        let db = Db(path);
        db.remove();
        db
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }

    fn sidecar(&self, suffix: &str) -> PathBuf {
        PathBuf::from(format!("{}{suffix}", self.arg()))
    }

    fn remove(&self) {
        for path in [self.0.clone(), self.sidecar("-wal"), self.sidecar("-shm")] {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        self.remove();
    }
}

#[tokio::test]
async fn a_graceful_stop_keeps_everything() {
    let db = Db::new("graceful");
    for signal in ["TERM", "INT"] {
        let server = Server::start(&["--db", db.arg()]);
        let api = server.api();
        let id = format!("kept-{signal}");
        assert_eq!(
            api.post(
                "/v1/customers",
                &customer(&id, &format!("{id}@example.com"))
            )
            .await
            .status,
            200
        );
        let kyc = api
            .send(
                reqwest::Method::POST,
                &format!("/__mock/customers/{id}/kyc"),
                None,
                Some(r#"{"type":"proof_of_id","status":"verified"}"#),
            )
            .await;
        assert_eq!(kyc.status, 200);
        let before = api.get(&format!("/v1/customers/{id}")).await.body;
        let status = server.stop(signal);
        assert!(status.success(), "{signal}: {status:?}");
        // Closed cleanly: the WAL was checkpointed into the file and removed.
        assert!(!db.sidecar("-wal").exists(), "{signal}: WAL left behind");

        let server = Server::start(&["--db", db.arg()]);
        let after = server.api().get(&format!("/v1/customers/{id}")).await;
        assert_eq!(after.status, 200);
        assert_eq!(after.body, before);
        server.stop("TERM");
    }
    let server = Server::start(&["--db", db.arg()]);
    assert_eq!(server.api().get("/v1/customers").await.body["total"], 2);
}

/// A test suite that stops the mock as soon as it has read the ready line must
/// get a graceful stop, not a process killed by the signal (the handlers are
/// installed before the line is printed).
#[test]
fn a_signal_right_after_the_ready_line_stops_gracefully() {
    let db = Db::new("early-signal");
    for round in 0..10 {
        let signal = if round % 2 == 0 { "TERM" } else { "INT" };
        let status = Server::start(&["--db", db.arg()]).stop(signal);
        assert!(status.success(), "round {round}, {signal}: {status:?}");
        assert!(
            !db.sidecar("-wal").exists(),
            "round {round}: WAL left behind"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_no_answered_create() {
    let db = Db::new("killed");
    let server = Server::start(&["--db", db.arg()]);
    let api = server.api();
    let tasks: Vec<_> = (0..8)
        .map(|w| {
            let api = api.clone();
            tokio::spawn(async move {
                let mut answered = Vec::new();
                for n in 0..40 {
                    let id = format!("k{w}-{n}");
                    let answer = api
                        .post(
                            "/v1/customers",
                            &customer(&id, &format!("{id}@example.com")),
                        )
                        .await;
                    if answer.status == 200 {
                        answered.push(id);
                    }
                }
                answered
            })
        })
        .collect();
    let mut answered = Vec::new();
    for task in tasks {
        answered.extend(task.await.unwrap());
    }
    assert_eq!(answered.len(), 320);
    let status = server.stop("KILL");
    assert!(!status.success());

    let server = Server::start(&["--db", db.arg()]);
    let api = server.api();
    assert_eq!(api.get("/v1/customers").await.body["total"], 320);
    for id in answered.iter().step_by(17) {
        assert_eq!(
            api.get(&format!("/v1/customers/{id}")).await.status,
            200,
            "{id}"
        );
    }
}

#[tokio::test]
async fn fixtures_fill_an_empty_database_only() {
    let db = Db::new("fixtures");
    let fixtures = fixture_file();
    let args = ["--db", db.arg(), "--fixtures", fixtures.to_str().unwrap()];
    let server = Server::start(&args);
    let api = server.api();
    assert_eq!(api.get("/v1/customers").await.body["total"], 6);
    assert_eq!(
        api.post("/v1/customers", &customer("mine", "mine@example.com"))
            .await
            .status,
        200
    );
    server.stop("TERM");

    // A restart keeps the database's customers; reset still goes back to the fixtures.
    let server = Server::start(&args);
    let api = server.api();
    assert_eq!(api.get("/v1/customers").await.body["total"], 7);
    let reset = api
        .send(reqwest::Method::POST, "/__mock/reset", None, None)
        .await;
    assert_eq!(reset.body, json!({"status": "ok", "customers": 6}));
    server.stop("TERM");

    // Started without fixtures, reset empties it.
    let server = Server::start(&["--db", db.arg()]);
    let api = server.api();
    assert_eq!(api.get("/v1/customers").await.body["total"], 6);
    let reset = api
        .send(reqwest::Method::POST, "/__mock/reset", None, None)
        .await;
    assert_eq!(reset.body["customers"], 0);
}
