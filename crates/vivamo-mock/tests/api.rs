//! Every endpoint of the mock, over 127.0.0.1 with a real client, against the
//! real binary: statuses, bodies and the documented messages (SPEC §11, §12).
//! Each answer is also checked against the OpenAPI document's schema.

mod support;

use reqwest::Method;
use serde_json::json;
use support::{customer, encode, fixture_file, schema, Answer, Api, Server, KEY};

/// Checks an answer of `method template` against the document.
fn conform(template: &str, method: &str, answer: &Answer) {
    let doc = schema::document();
    let schema = schema::response_schema(&doc, template, method, answer.status)
        .unwrap_or_else(|| panic!("{method} {template} {} is not documented", answer.status));
    if let Err(error) = schema::validate(&doc, schema, &answer.body) {
        panic!(
            "{method} {template} {}: {error}: {}",
            answer.status, answer.body
        );
    }
    assert_eq!(answer.content_type, "application/json");
}

async fn create(api: &Api, body: &str) -> Answer {
    let answer = api.post("/v1/customers", body).await;
    conform("/v1/customers", "post", &answer);
    answer
}

async fn get_customer(api: &Api, id: &str) -> Answer {
    let answer = api.get(&format!("/v1/customers/{}", encode(id))).await;
    conform("/v1/customers/{externalCustomerId}", "get", &answer);
    answer
}

async fn kyc_info(api: &Api, id: &str) -> Answer {
    let answer = api
        .get(&format!("/v1/customers/{}/kyc-info", encode(id)))
        .await;
    conform(
        "/v1/customers/{externalCustomerId}/kyc-info",
        "get",
        &answer,
    );
    answer
}

async fn add_kyc(api: &Api, id: &str, body: &str) -> Answer {
    let answer = api
        .send(
            Method::POST,
            &format!("/__mock/customers/{}/kyc", encode(id)),
            None,
            Some(body),
        )
        .await;
    conform(
        "/__mock/customers/{externalCustomerId}/kyc",
        "post",
        &answer,
    );
    answer
}

async fn list(api: &Api, query: &str) -> Answer {
    let answer = api.get(&format!("/v1/customers{query}")).await;
    conform("/v1/customers", "get", &answer);
    answer
}

fn message(answer: &Answer) -> &str {
    answer.body["message"].as_str().unwrap_or_default()
}

fn error_codes(answer: &Answer) -> Vec<String> {
    answer.body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .flat_map(|e| e.as_object().into_iter().flat_map(|o| o.keys().cloned()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn health_version_and_the_document_need_no_key() {
    let server = Server::start(&[]);
    let api = server.api();
    let response = api
        .client
        .get(format!("{}/health", api.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), r#"{"status":"ok"}"#);

    let version = api.send(Method::GET, "/__mock/version", None, None).await;
    conform("/__mock/version", "get", &version);
    assert_eq!(version.body["vivamoMock"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        version.body["libphonenumber"],
        vivamo_validate::Phone::metadata_version()
    );
    assert_eq!(
        version.body["disposableDomains"],
        vivamo_validate::DISPOSABLE_LIST_VERSION
    );
    // The README's sample answer is this one, so that it cannot go stale.
    let sample = format!(
        r#"{{"vivamoMock":"{}","disposableDomains":"{}","libphonenumber":"{}"}}"#,
        env!("CARGO_PKG_VERSION"),
        vivamo_validate::DISPOSABLE_LIST_VERSION,
        vivamo_validate::Phone::metadata_version()
    );
    let readme = include_str!("../README.md");
    assert!(readme.contains(&sample), "README.md lacks {sample}");

    let doc = api.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(doc.status, 200);
    assert_eq!(doc.body, schema::document());
    assert_eq!(doc.body["openapi"], "3.1.0");
}

#[tokio::test]
async fn every_v1_route_needs_a_known_bearer_key() {
    let server = Server::start(&["--secret-key", "sk_one", "--secret-key", "sk_two"]);
    let api = server.api();
    for key in [None, Some(KEY), Some("sk_three"), Some("")] {
        for (method, path) in [
            (Method::GET, "/v1/customers"),
            (Method::POST, "/v1/customers"),
            (Method::GET, "/v1/customers/x"),
            (Method::GET, "/v1/customers/x/kyc-info"),
            (Method::GET, "/v1/nothing-here"),
        ] {
            let answer = api.send(method.clone(), path, key, Some("{}")).await;
            assert_eq!(answer.status, 403, "{method} {path} {key:?}");
            assert_eq!(answer.body, json!({"message": "Forbidden"}));
        }
    }
    for key in ["sk_one", "sk_two"] {
        let answer = api
            .send(Method::GET, "/v1/customers", Some(key), None)
            .await;
        assert_eq!(answer.status, 200);
    }
    // The scheme is case-insensitive; another scheme is not a Bearer key.
    for (header, status) in [
        ("bearer sk_one", 200),
        ("Basic sk_one", 403),
        ("sk_one", 403),
    ] {
        let response = api
            .client
            .get(format!("{}/v1/customers", api.url))
            .header("authorization", header)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{header}");
    }
}

#[tokio::test]
async fn create_stores_the_normalized_customer_and_owns_created_at() {
    let server = Server::start(&[]);
    let api = server.api();
    let body = json!({
        "externalCustomerId": "cus-42",
        "verifyAfterCreation": false,
        "data": {"email": " Jane@Example.COM ", "phone": "(212) 555-0123", "state": "new york",
                 "zip": "10001 ", "firstName": "  Zoë  ", "country": "us", "city": " "},
        "kycVerifications": [{"type": "proof_of_id", "status": "verified", "createdAt": "2020-01-01T00:00:00Z"}],
        "createdAt": "2020-01-01T00:00:00Z"
    });
    let created = create(&api, &body.to_string()).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let expected_data = json!({"email": "Jane@example.com", "phone": "+12125550123", "firstName": "Zoë",
                               "state": "NY", "zip": "10001", "country": "US"});
    assert_eq!(created.body["data"], expected_data);
    assert_eq!(created.body["externalCustomerId"], "cus-42");
    assert_eq!(created.body["verifyAfterCreation"], false);
    let created_at = created.body["createdAt"].as_str().unwrap().to_owned();
    assert_ne!(created_at, "2020-01-01T00:00:00.000Z");
    let keys: Vec<&String> = created.body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 4, "no kycVerifications nor warnings: {keys:?}");

    let stored = get_customer(&api, "cus-42").await;
    assert_eq!(stored.status, 200);
    assert_eq!(
        stored.body,
        json!({"externalCustomerId": "cus-42", "data": expected_data,
               "kycVerifications": [], "createdAt": created_at})
    );

    // Invalid server-owned members are ignored too.
    let ignored = create(
        &api,
        r#"{"externalCustomerId":"cus-43","data":{"email":"b@example.com"},"kycVerifications":7,"createdAt":"yesterday"}"#,
    )
    .await;
    assert_eq!(ignored.status, 200, "{}", ignored.body);
    assert!(ignored.body.get("verifyAfterCreation").is_none());
}

#[tokio::test]
async fn validation_failures_answer_the_library_body() {
    let server = Server::start(&["--environment", "production"]);
    let api = server.api();
    let cases = [
        (
            r#"{"externalCustomerId":"c","data":{"email":"jane@mailinator.com"}}"#,
            "Sorry, this email domain is not supported",
            vec!["email_disposable"],
        ),
        (
            r#"{"externalCustomerId":"c","data":{"email":"jane@example.com","phone":"+442079460958"}}"#,
            "Sorry, this phone number cannot be used. Please use a valid mobile number.",
            vec!["phone_not_mobile"],
        ),
        (
            r#"{"externalCustomerId":"c","data":{"email":"jane+promo@example.com"}}"#,
            "Validation failed",
            vec!["email_plus_suffix"],
        ),
        (
            r#"{"data":{"country":"USA","zip":"1"}}"#,
            "Validation failed",
            vec!["required", "required", "zip_invalid", "country_invalid"],
        ),
        (
            r#"{"externalCustomerId":"c","data":"#,
            "Validation failed",
            vec!["malformed_json"],
        ),
        ("[]", "Validation failed", vec!["wrong_type"]),
    ];
    for (body, expected_message, expected_codes) in cases {
        let answer = create(&api, body).await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(message(&answer), expected_message, "{body}");
        assert_eq!(error_codes(&answer), expected_codes, "{body}");
    }
    let answer = create(&api, r#"{"externalCustomerId":"c","data":{"email":"a@b"}}"#).await;
    assert_eq!(
        answer.body,
        json!({"message": "Validation failed",
               "errors": [{"email_invalid": "data.email: email domain has no dot"}]})
    );
    assert_eq!(list(&api, "").await.body["total"], 0, "nothing was stored");
}

#[tokio::test]
async fn ids_and_emails_are_unique() {
    let server = Server::start(&[]);
    let api = server.api();
    assert_eq!(
        create(&api, &customer("a", "Änn@example.com")).await.status,
        200
    );
    let same_id = create(&api, &customer("a", "other@example.com")).await;
    assert_eq!(same_id.status, 400);
    assert_eq!(message(&same_id), "This customer already exists");
    assert_eq!(error_codes(&same_id), ["duplicate_external_id"]);
    // Emails compare after Unicode lowercasing of the normalized form.
    for email in ["änn@example.com", "ÄNN@EXAMPLE.COM", " änn@Example.com "] {
        let same_email = create(&api, &customer("b", email)).await;
        assert_eq!(same_email.status, 400, "{email}");
        assert_eq!(
            message(&same_email),
            "A customer with this email address already exists."
        );
        assert_eq!(error_codes(&same_email), ["duplicate_email"]);
    }
    let both = create(&api, &customer("a", "änn@example.com")).await;
    assert_eq!(message(&both), "This customer already exists");
    assert_eq!(
        error_codes(&both),
        ["duplicate_external_id", "duplicate_email"]
    );
    // Ids are compared exactly.
    assert_eq!(
        create(&api, &customer("A", "x@example.com")).await.status,
        200
    );
    assert_eq!(list(&api, "").await.body["total"], 2);
}

#[tokio::test]
async fn sandbox_warns_where_production_rejects() {
    let sandbox = Server::start(&[]);
    let production = Server::start(&["--environment", "production"]);
    for (email, code) in [
        ("jane@mailinator.com", "email_disposable"),
        ("jane+qa@example.com", "email_plus_suffix"),
    ] {
        let body = customer("c", email);
        let answer = create(&sandbox.api(), &body).await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.body["warnings"][0]["code"], code);
        assert_eq!(answer.body["warnings"][0]["path"], "data.email");
        let stored = get_customer(&sandbox.api(), "c").await;
        assert!(stored.body.get("warnings").is_none());
        assert_eq!(
            sandbox
                .api()
                .send(Method::POST, "/__mock/reset", None, None)
                .await
                .status,
            200
        );

        let answer = create(&production.api(), &body).await;
        assert_eq!(answer.status, 400);
        assert_eq!(error_codes(&answer), [code]);
    }
    let answer = create(&production.api(), &customer("c", "jane@mailinator.com")).await;
    assert_eq!(
        message(&answer),
        "Sorry, this email domain is not supported"
    );
}

#[tokio::test]
async fn ids_are_percent_decoded_exactly_once() {
    let server = Server::start(&[]);
    let api = server.api();
    let ids = ["a/b", "%", "a%2Fb", "ü 😀 x", "a+b?c=d#e", "..a", "~"];
    for (n, id) in ids.iter().enumerate() {
        let created = create(&api, &customer(id, &format!("u{n}@example.com"))).await;
        assert_eq!(created.status, 200, "{id}: {}", created.body);
    }
    for id in ids {
        let stored = get_customer(&api, id).await;
        assert_eq!(stored.status, 200, "{id}");
        assert_eq!(stored.body["externalCustomerId"], id);
        assert_eq!(kyc_info(&api, id).await.body["externalCustomerId"], id);
    }
    // `a%252Fb` decodes once to the id `a%2Fb`, never to `a/b`.
    let once = api.get("/v1/customers/a%252Fb").await;
    assert_eq!(once.body["externalCustomerId"], "a%2Fb");
    // Lower-case hex decodes the same.
    assert_eq!(
        api.get("/v1/customers/%c3%bc%20%f0%9f%98%80%20x")
            .await
            .status,
        200
    );
    // A raw slash is another path.
    let raw = api.get("/v1/customers/a/b").await;
    assert_eq!((raw.status, message(&raw)), (404, "Not Found"));
    // Bytes that are not UTF-8 name no customer.
    let bad = api.get("/v1/customers/%FF").await;
    assert_eq!(bad.body, json!({"message": "Customer not found"}));
    let missing = get_customer(&api, "nobody").await;
    assert_eq!(
        (missing.status, missing.body.clone()),
        (404, json!({"message": "Customer not found"}))
    );
}

#[tokio::test]
async fn pages_in_creation_order() {
    let server = Server::start(&[]);
    let api = server.api();
    for n in 0..25 {
        assert_eq!(
            create(
                &api,
                &customer(&format!("c{n:02}"), &format!("c{n}@example.com"))
            )
            .await
            .status,
            200
        );
    }
    let ids = |answer: &Answer| -> Vec<String> {
        answer.body["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["externalCustomerId"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = list(&api, "").await;
    assert_eq!(
        (
            first.body["page"].clone(),
            first.body["size"].clone(),
            first.body["total"].clone()
        ),
        (json!(1), json!(10), json!(25))
    );
    assert_eq!(
        ids(&first),
        (0..10).map(|n| format!("c{n:02}")).collect::<Vec<_>>()
    );
    assert_eq!(first.body["customers"][0]["kycVerifications"], json!([]));
    let third = list(&api, "?page=3&size=10").await;
    assert_eq!(
        ids(&third),
        (20..25).map(|n| format!("c{n:02}")).collect::<Vec<_>>()
    );
    assert_eq!(ids(&list(&api, "?page=4").await), Vec::<String>::new());
    assert_eq!(
        list(&api, "?page=9007199254740991&size=100").await.body["customers"],
        json!([])
    );
    assert_eq!(ids(&list(&api, "?size=100").await).len(), 25);
    assert_eq!(ids(&list(&api, "?size=1&page=25").await), ["c24"]);
    assert_eq!(ids(&list(&api, "?size=007&page=01&other=x").await).len(), 7);
    for (query, param) in [
        ("?page=0", "page"),
        ("?page=-1", "page"),
        ("?page=abc", "page"),
        ("?page=", "page"),
        ("?page=1.5", "page"),
        ("?page=9007199254740992", "page"),
        ("?size=0", "size"),
        ("?size=101", "size"),
        ("?size=%2B5", "size"),
        ("?size=ten", "size"),
    ] {
        let answer = list(&api, query).await;
        assert_eq!(answer.status, 400, "{query}");
        assert_eq!(message(&answer), "Validation failed");
        assert_eq!(error_codes(&answer), [param], "{query}");
    }
}

#[tokio::test]
async fn kyc_info_follows_the_latest_verification() {
    let server = Server::start(&[]);
    let api = server.api();
    assert_eq!(
        create(&api, &customer("k", "k@example.com")).await.status,
        200
    );
    let before = kyc_info(&api, "k").await;
    assert_eq!(
        before.body,
        json!({"externalCustomerId": "k", "kycVerification": null})
    );

    let added = add_kyc(&api, "k", r#"{"type":"proof_of_id","status":"pending"}"#).await;
    assert_eq!(added.status, 200);
    let at = added.body["kycVerifications"][0]["createdAt"]
        .as_str()
        .unwrap()
        .to_owned();
    let pending = kyc_info(&api, "k").await;
    assert_eq!(
        pending.body["kycVerification"],
        json!({"type": "proof_of_id", "status": "pending", "verifiedAt": at})
    );
    let added = add_kyc(&api, "k", r#"{"type":"proof_of_id","status":"verified"}"#).await;
    assert_eq!(added.body["kycVerifications"].as_array().unwrap().len(), 2);
    assert_eq!(
        kyc_info(&api, "k").await.body["kycVerification"]["status"],
        "verified"
    );
    let stored = get_customer(&api, "k").await;
    assert_eq!(stored.body["kycVerifications"][1]["status"], "verified");

    let unknown = kyc_info(&api, "nobody").await;
    assert_eq!(
        (unknown.status, message(&unknown)),
        (404, "Customer not found")
    );
    let unknown = add_kyc(
        &api,
        "nobody",
        r#"{"type":"proof_of_id","status":"verified"}"#,
    )
    .await;
    assert_eq!(
        (unknown.status, message(&unknown)),
        (404, "Customer not found")
    );
    for (body, codes) in [
        (
            r#"{"type":"proof_of_id","status":"approved"}"#,
            vec!["kyc_status_unknown"],
        ),
        (
            r#"{"type":"selfie","status":"Verified"}"#,
            vec!["kyc_type_unknown", "kyc_status_unknown"],
        ),
        (r#"{"status":1}"#, vec!["required", "wrong_type"]),
        ("[1]", vec!["wrong_type"]),
        ("{", vec!["malformed_json"]),
    ] {
        let answer = add_kyc(&api, "k", body).await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(error_codes(&answer), codes, "{body}");
    }
    assert_eq!(
        get_customer(&api, "k").await.body["kycVerifications"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn fixtures_load_and_reset_restores_them() {
    let fixtures = fixture_file();
    let server = Server::start(&["--fixtures", fixtures.to_str().unwrap()]);
    let api = server.api();
    let all = list(&api, "?size=100").await;
    assert_eq!(all.body["total"], 6);
    let demo = get_customer(&api, "demo-user").await;
    assert_eq!(demo.body["createdAt"], "2025-06-05T04:57:11.151Z");
    assert_eq!(demo.body["kycVerifications"].as_array().unwrap().len(), 2);
    assert_eq!(
        kyc_info(&api, "demo-user").await.body["kycVerification"]["status"],
        "verified"
    );
    assert_eq!(get_customer(&api, "cus/0004").await.status, 200);
    // A fixture's email is taken like any other.
    let taken = create(&api, &customer("new", "DEMO@vivamo.co")).await;
    assert_eq!(
        message(&taken),
        "A customer with this email address already exists."
    );

    assert_eq!(
        create(&api, &customer("new", "new@example.com"))
            .await
            .status,
        200
    );
    add_kyc(
        &api,
        "demo-user",
        r#"{"type":"proof_of_id","status":"expired"}"#,
    )
    .await;
    assert_eq!(
        kyc_info(&api, "demo-user").await.body["kycVerification"]["status"],
        "expired"
    );

    let reset = api.send(Method::POST, "/__mock/reset", None, None).await;
    conform("/__mock/reset", "post", &reset);
    assert_eq!(reset.body, json!({"status": "ok", "customers": 6}));
    assert_eq!(list(&api, "?size=100").await.body, all.body);
    assert_eq!(get_customer(&api, "new").await.status, 404);
    assert_eq!(
        kyc_info(&api, "demo-user").await.body["kycVerification"]["status"],
        "verified"
    );

    let empty = Server::start(&[]);
    let api = empty.api();
    assert_eq!(
        create(&api, &customer("x", "x@example.com")).await.status,
        200
    );
    let reset = api.send(Method::POST, "/__mock/reset", None, None).await;
    assert_eq!(reset.body, json!({"status": "ok", "customers": 0}));
    assert_eq!(list(&api, "").await.body["customers"], json!([]));
}

#[tokio::test]
async fn unknown_routes_methods_and_content_types() {
    let server = Server::start(&[]);
    let api = server.api();
    let none = api.get("/v2/customers").await;
    assert_eq!(
        (none.status, none.body.clone()),
        (404, json!({"message": "Not Found"}))
    );
    let response = api
        .client
        .delete(format!("{}/v1/customers/x", api.url))
        .header("authorization", format!("Bearer {KEY}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET,HEAD");
    let wrong = support::answer(response).await;
    assert_eq!(
        (wrong.status, wrong.body),
        (405, json!({"message": "Method Not Allowed"}))
    );
    let wrong = api.send(Method::GET, "/__mock/reset", None, None).await;
    assert_eq!(wrong.status, 405);

    for content_type in [
        None,
        Some("text/plain"),
        Some("application/jsonx"),
        Some("multipart/form-data"),
    ] {
        let mut request = api
            .client
            .post(format!("{}/v1/customers", api.url))
            .header("authorization", format!("Bearer {KEY}"))
            .body(customer("c", "c@example.com"));
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = support::answer(request.send().await.unwrap()).await;
        conform("/v1/customers", "post", &answer);
        assert_eq!(answer.status, 415, "{content_type:?}");
        assert_eq!(
            answer.body,
            json!({"message": "Content-Type must be application/json"})
        );
    }
    let answer = support::answer(
        api.client
            .post(format!("{}/v1/customers", api.url))
            .header("authorization", format!("Bearer {KEY}"))
            .header("content-type", "Application/JSON; charset=utf-8")
            .body(customer("c", "c@example.com"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, 200);

    let big = format!(
        r#"{{"externalCustomerId":"big","data":{{"email":"big@example.com","street":"{}"}}}}"#,
        "x".repeat(1024 * 1024)
    );
    let too_large = create(&api, &big).await;
    assert_eq!(
        (too_large.status, message(&too_large)),
        (413, "Request body is larger than 1 MiB")
    );
    assert_eq!(get_customer(&api, "big").await.status, 404);
    // Just under the limit is read and validated (and this one is too long a street).
    let under = format!(
        r#"{{"externalCustomerId":"big","data":{{"email":"big@example.com","street":"{}"}}}}"#,
        "x".repeat(1024 * 1024 - 100)
    );
    let answer = create(&api, &under).await;
    assert_eq!(error_codes(&answer), ["text_too_long"]);
}

#[test]
fn invalid_fixtures_stop_the_start_with_exit_2() {
    let dir = std::env::temp_dir().join(format!("vivamo-mock-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"externalCustomerId\":\"a\",\"data\":{\"email\":\"a@example.com\"}}\n\n\
         {\"externalCustomerId\":\"b\",\"data\":{\"email\":\"A@example.com\"}}\n\
         {\"externalCustomerId\":\"c\",\"data\":{\"email\":\"c@example\"},\"kycVerifications\":[{\"type\":\"x\"}]}\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vivamo-mock"))
        .args(["--listen", "127.0.0.1:0", "--fixtures"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "never listened");
    let stderr = String::from_utf8(output.stderr).unwrap();
    for expected in [
        "bad.jsonl: line 3: invalid fixture",
        "data.email: duplicate_email: email is already used by another customer (fixture record 1)",
        "bad.jsonl: line 4: invalid fixture",
        "data.email: email_invalid",
        "kycVerifications[0].type: kyc_type_unknown",
        "kycVerifications[0].status: required",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} missing from {stderr}"
        );
    }

    // A JSON array works as well as JSON Lines.
    let array = dir.join("ok.json");
    std::fs::write(
        &array,
        r#" [{"externalCustomerId":"a","data":{"email":"a@example.com"}}]"#,
    )
    .unwrap();
    let server = Server::start(&["--fixtures", array.to_str().unwrap()]);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn version_and_usage() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vivamo-mock"))
            .args(args)
            .output()
            .unwrap()
    };
    let version = run(&["--version"]);
    let text = String::from_utf8(version.stdout).unwrap();
    assert!(text.starts_with(concat!("vivamo-mock ", env!("CARGO_PKG_VERSION"))));
    let disposable = format!(
        "disposable-email-domains {}",
        vivamo_validate::DISPOSABLE_LIST_VERSION
    );
    let phone = format!(
        "libphonenumber {}",
        vivamo_validate::Phone::metadata_version()
    );
    assert!(
        text.contains(&disposable) && text.contains(&phone),
        "{text}"
    );
    assert!(run(&["--help"]).status.success());
    for bad in [
        &["--environment", "staging"][..],
        &["--nope"],
        &["--listen", "nowhere"],
    ] {
        let output = run(bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
    }
}
