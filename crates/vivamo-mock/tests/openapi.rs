//! The OpenAPI document stays true: every documented answer of every operation
//! is provoked against the real server, and its body checked against the
//! document's schema (with `$ref`s resolved).

mod support;

use std::collections::BTreeSet;

use reqwest::Method;
use support::{customer, fixture_file, schema, Server, KEY};

/// Answers that take a 10-second timeout to provoke; `hostile.rs` covers them.
const SLOW: [(&str, &str, u16); 2] = [
    ("/v1/customers", "post", 408),
    ("/__mock/customers/{externalCustomerId}/kyc", "post", 408),
];

/// (template, method, concrete path, key, content type, body).
type Case = (
    &'static str,
    &'static str,
    String,
    Option<&'static str>,
    Option<&'static str>,
    Option<String>,
);

#[tokio::test]
async fn every_documented_answer_matches_its_schema() {
    let fixtures = fixture_file();
    let server = Server::start(&["--fixtures", fixtures.to_str().unwrap()]);
    let api = server.api();
    let doc = schema::document();
    let big = format!(r#"{{"x":"{}"}}"#, " ".repeat(1024 * 1024));
    let kyc = r#"{"type":"proof_of_id","status":"verified"}"#;

    // (template, method, concrete path, key, content type, body)
    let cases: Vec<Case> = vec![
        ("/health", "get", "/health".into(), None, None, None),
        (
            "/openapi.json",
            "get",
            "/openapi.json".into(),
            None,
            None,
            None,
        ),
        (
            "/__mock/version",
            "get",
            "/__mock/version".into(),
            None,
            None,
            None,
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("application/json"),
            Some(customer("n1", "n1@example.com")),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("application/json"),
            Some(customer("n2", "n2+tag@mailinator.com")),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("application/json"),
            Some(customer("n1", "n1@example.com")),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("application/json"),
            Some("{".into()),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            None,
            Some("application/json"),
            Some("{}".into()),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("application/json"),
            Some(big.clone()),
        ),
        (
            "/v1/customers",
            "post",
            "/v1/customers".into(),
            Some(KEY),
            Some("text/plain"),
            Some("{}".into()),
        ),
        (
            "/v1/customers",
            "get",
            "/v1/customers?page=1&size=3".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers",
            "get",
            "/v1/customers?page=99".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers",
            "get",
            "/v1/customers?size=0".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers",
            "get",
            "/v1/customers".into(),
            None,
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}",
            "get",
            "/v1/customers/demo-user".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}",
            "get",
            "/v1/customers/n2".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}",
            "get",
            "/v1/customers/nobody".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}",
            "get",
            "/v1/customers/demo-user".into(),
            Some("wrong"),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}/kyc-info",
            "get",
            "/v1/customers/demo-user/kyc-info".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}/kyc-info",
            "get",
            "/v1/customers/cus-0003/kyc-info".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}/kyc-info",
            "get",
            "/v1/customers/nobody/kyc-info".into(),
            Some(KEY),
            None,
            None,
        ),
        (
            "/v1/customers/{externalCustomerId}/kyc-info",
            "get",
            "/v1/customers/x/kyc-info".into(),
            None,
            None,
            None,
        ),
        (
            "/__mock/customers/{externalCustomerId}/kyc",
            "post",
            "/__mock/customers/cus%2F0004/kyc".into(),
            None,
            Some("application/json"),
            Some(kyc.into()),
        ),
        (
            "/__mock/customers/{externalCustomerId}/kyc",
            "post",
            "/__mock/customers/nobody/kyc".into(),
            None,
            Some("application/json"),
            Some(kyc.into()),
        ),
        (
            "/__mock/customers/{externalCustomerId}/kyc",
            "post",
            "/__mock/customers/demo-user/kyc".into(),
            None,
            Some("application/json"),
            Some("{}".into()),
        ),
        (
            "/__mock/customers/{externalCustomerId}/kyc",
            "post",
            "/__mock/customers/demo-user/kyc".into(),
            None,
            Some("application/json"),
            Some(big.clone()),
        ),
        (
            "/__mock/customers/{externalCustomerId}/kyc",
            "post",
            "/__mock/customers/demo-user/kyc".into(),
            None,
            None,
            Some(kyc.into()),
        ),
        (
            "/__mock/reset",
            "post",
            "/__mock/reset".into(),
            None,
            None,
            None,
        ),
    ];

    let mut covered = BTreeSet::new();
    for (template, method, path, key, content_type, body) in cases {
        let mut request = api.client.request(
            method.to_uppercase().parse::<Method>().unwrap(),
            format!("{}{path}", api.url),
        );
        if let Some(key) = key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let answer = support::answer(request.send().await.unwrap()).await;
        let schema = schema::response_schema(&doc, template, method, answer.status)
            .unwrap_or_else(|| panic!("{method} {path}: {} is not documented", answer.status));
        schema::validate(&doc, schema, &answer.body)
            .unwrap_or_else(|e| panic!("{method} {path} {}: {e}: {}", answer.status, answer.body));
        covered.insert((template.to_owned(), method.to_owned(), answer.status));
    }

    let mut documented = BTreeSet::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in operation["responses"].as_object().unwrap().keys() {
                documented.insert((
                    template.clone(),
                    method.clone(),
                    status.parse::<u16>().unwrap(),
                ));
            }
        }
    }
    for (template, method, status) in SLOW {
        documented.remove(&(template.to_owned(), method.to_owned(), status));
    }
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "documented but never provoked: {missing:?}"
    );
}

#[test]
fn every_ref_resolves_and_the_document_is_3_1() {
    let doc = schema::document();
    assert_eq!(doc["openapi"], "3.1.0");
    let text = include_str!("../openapi.json");
    for part in text.split("\"$ref\": \"").skip(1) {
        let target = part.split('"').next().unwrap();
        let pointer = target.strip_prefix('#').expect("local $ref");
        assert!(doc.pointer(pointer).is_some(), "dangling {target}");
    }
}
