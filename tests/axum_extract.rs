//! The axum extractor (feature `axum`), over 127.0.0.1 with a real client: a
//! valid body reaches the handler, an invalid one is the API's 400 body.

#![cfg(feature = "axum")]

use axum::routing::post;
use axum::{Extension, Json, Router};
use vivamo_validate::extract::ValidCustomer;
use vivamo_validate::{Customer, Environment, Options};

async fn create(ValidCustomer(customer): ValidCustomer) -> Json<serde_json::Value> {
    let warnings: Vec<&str> = customer.warnings().iter().map(|w| w.error.code()).collect();
    Json(serde_json::json!({"customer": customer_json(&customer), "warnings": warnings}))
}

fn customer_json(customer: &Customer) -> serde_json::Value {
    serde_json::to_value(customer).unwrap()
}

async fn post_json(url: &str, content_type: &str, body: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

#[tokio::test]
async fn the_extractor_answers_with_the_apis_body() {
    let sandbox = Options {
        environment: Environment::Sandbox,
        ..Options::default()
    };
    let app = Router::new()
        .route("/v1/customers", post(create))
        .route("/sandbox/customers", post(create).layer(Extension(sandbox)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let url = format!("{base}/v1/customers");
    let (status, body) = post_json(
        &url,
        "application/json",
        r#"{"externalCustomerId":"c","data":{"email":"Ann@Example.COM"}}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["customer"]["data"]["email"], "Ann@example.com");

    let (status, body) = post_json(
        &url,
        "application/json",
        r#"{"externalCustomerId":"c","data":{"email":"a@mailinator.com","phone":"+442079460958"}}"#,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        serde_json::json!({"message": "Sorry, this email domain is not supported", "errors": [
            {"email_disposable": "data.email: email address uses a disposable domain"},
            {"phone_not_mobile": "data.phone: phone number is not a mobile number"}]})
    );

    let (status, body) = post_json(&url, "application/json", "{").await;
    assert_eq!(
        (status, body["message"].as_str()),
        (400, Some("Validation failed"))
    );
    assert_eq!(
        body["errors"][0]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap(),
        "malformed_json"
    );

    let (status, body) = post_json(&url, "text/plain", "{}").await;
    assert_eq!(
        (status, body["message"].as_str()),
        (415, Some("Content-Type must be application/json"))
    );

    // Options from an Extension layer: sandbox accepts the + tag with a warning.
    let (status, body) = post_json(
        &format!("{base}/sandbox/customers"),
        "application/json; charset=utf-8",
        r#"{"externalCustomerId":"c","data":{"email":"jane+qa@company.com"}}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["warnings"], serde_json::json!(["email_plus_suffix"]));

    server.abort();
}
