//! `--db FILE`: customers survive a graceful stop (SIGTERM, SIGINT) and a kill
//! (SIGKILL) of every create that was answered 200. Without it, nothing survives
//! and nothing is left behind.

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

/// Without `--db` the customers live in SQLite's private temporary database,
/// which spills to an already unlinked file in `TMPDIR` once it outgrows its
/// page cache: nothing is ever visible there, nothing is left after the stop,
/// and a restart starts empty.
#[tokio::test]
async fn the_default_store_leaves_nothing_behind() {
    let scratch = std::env::temp_dir().join(format!("vivamo-mock-default-{}", std::process::id()));
    let tmpdir = scratch.join("tmp");
    std::fs::create_dir_all(&tmpdir).unwrap();
    // Enough customers (and their fixture copies) to outgrow the 8 MiB cache.
    let fixtures = scratch.join("many.jsonl");
    let lines: String = (0..30_000)
        .map(|n| {
            format!(
                "{}\n",
                customer(&format!("f{n}"), &format!("f{n}@example.com"))
            )
        })
        .collect();
    std::fs::write(&fixtures, lines).unwrap();
    let env = [
        ("TMPDIR", tmpdir.as_path()),
        ("SQLITE_TMPDIR", tmpdir.as_path()),
    ];
    let visible = || std::fs::read_dir(&tmpdir).unwrap().count();

    let server = Server::start_with_env(&["--fixtures", fixtures.to_str().unwrap()], &env);
    let api = server.api();
    assert_eq!(api.get("/v1/customers/f29999").await.status, 200);
    let created = api
        .post("/v1/customers", &customer("new", "new@example.com"))
        .await;
    assert_eq!(created.status, 200);
    #[cfg(target_os = "linux")]
    {
        // The spill file is open in TMPDIR, and already deleted.
        let spilled = std::fs::read_dir(format!("/proc/{}/fd", server.pid()))
            .unwrap()
            .filter_map(|fd| std::fs::read_link(fd.unwrap().path()).ok())
            .any(|target| {
                target.starts_with(&tmpdir) && target.to_string_lossy().ends_with(" (deleted)")
            });
        assert!(spilled, "no spilled temporary file in {}", tmpdir.display());
    }
    assert_eq!(visible(), 0);
    assert!(server.stop("TERM").success());
    assert_eq!(visible(), 0);

    let server = Server::start_with_env(&[], &env);
    let api = server.api();
    assert_eq!(api.get("/v1/customers").await.body["total"], 0);
    assert_eq!(api.get("/v1/customers/new").await.status, 404);
    drop(server);
    let _ = std::fs::remove_dir_all(&scratch);
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
