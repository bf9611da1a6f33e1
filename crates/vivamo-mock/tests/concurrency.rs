//! Atomic creates under concurrent requests: of many simultaneous creates with
//! one id, or one email, exactly one succeeds; readers never see half a
//! customer.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::json;
use support::{customer, Server};

const RACERS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_id_many_creates_one_success() {
    let server = Server::start(&[]);
    let api = server.api();
    let tasks: Vec<_> = (0..RACERS)
        .map(|n| {
            let api = api.clone();
            tokio::spawn(async move {
                api.post(
                    "/v1/customers",
                    &customer("same-id", &format!("r{n}@example.com")),
                )
                .await
            })
        })
        .collect();
    let mut ok = 0;
    for task in tasks {
        let answer = task.await.unwrap();
        match answer.status {
            200 => ok += 1,
            400 => assert_eq!(answer.body["message"], "This customer already exists"),
            other => panic!("unexpected {other}: {}", answer.body),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(api.get("/v1/customers").await.body["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_email_many_creates_one_success() {
    let server = Server::start(&[]);
    let api = server.api();
    let tasks: Vec<_> = (0..RACERS)
        .map(|n| {
            let api = api.clone();
            // The same address in different cases is the same email.
            let email = if n % 2 == 0 {
                "Race@Example.com"
            } else {
                "race@example.COM"
            };
            tokio::spawn(async move {
                api.post("/v1/customers", &customer(&format!("id-{n}"), email))
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    for task in tasks {
        let answer = task.await.unwrap();
        match answer.status {
            200 => ok += 1,
            400 => assert_eq!(
                answer.body["message"],
                "A customer with this email address already exists."
            ),
            other => panic!("unexpected {other}: {}", answer.body),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(api.get("/v1/customers").await.body["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reads_during_writes_see_whole_customers() {
    let server = Server::start(&["--db", &db_path()]);
    let api = server.api();
    let full = |n: usize| {
        json!({"externalCustomerId": format!("w{n}"),
               "data": {"email": format!("w{n}@example.com"), "phone": "+447400123456",
                        "firstName": "Ada", "lastName": "Lovelace", "street": "1 Main St",
                        "city": "London", "zip": "SW1A 1AA", "country": "GB"}})
        .to_string()
    };
    let done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let api = api.clone();
            tokio::spawn(async move {
                for n in (w..200).step_by(4) {
                    let answer = api.post("/v1/customers", &full(n)).await;
                    assert_eq!(answer.status, 200, "{}", answer.body);
                }
            })
        })
        .collect();
    let readers: Vec<_> = (0..4)
        .map(|r| {
            let api = api.clone();
            let done = done.clone();
            tokio::spawn(async move {
                let mut seen = 0;
                while !done.load(Ordering::Relaxed) {
                    let page = api.get("/v1/customers?size=100&page=1").await;
                    assert_eq!(page.status, 200);
                    let total = page.body["total"].as_u64().unwrap();
                    let customers = page.body["customers"].as_array().unwrap();
                    assert_eq!(customers.len() as u64, total.min(100));
                    for c in customers {
                        assert_eq!(c["data"].as_object().unwrap().len(), 8, "{c}");
                        assert_eq!(c["kycVerifications"], json!([]));
                    }
                    let one = api
                        .get(&format!("/v1/customers/w{}", (seen * 7 + r) % 200))
                        .await;
                    match one.status {
                        200 => assert_eq!(one.body["data"]["city"], "London"),
                        404 => {}
                        other => panic!("unexpected {other}"),
                    }
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, Ordering::Relaxed);
    for reader in readers {
        assert!(reader.await.unwrap() > 0);
    }
    assert_eq!(api.get("/v1/customers").await.body["total"], 200);
    drop(server);
    let _ = std::fs::remove_file(db_path());
}

fn db_path() -> String {
    std::env::temp_dir()
        .join(format!("vivamo-mock-concurrency-{}.db", std::process::id()))
        .to_string_lossy()
        .into_owned()
}
