//! The routes (SPEC §12): `/health`, `/openapi.json`, the four `/v1/customers`
//! endpoints behind a Bearer key, and the `/__mock/` test controls.
//!
//! Handlers read and answer; every rule comes from the library, every stored
//! value from [`Store`], every error body from [`crate::wire`].

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde::Serialize;
use serde_json::value::RawValue;
use vivamo_validate::{
    validate_json, Customer, Error, ErrorCode, Issue, KycStatus, KycType, KycVerification, Options,
    Path as FieldPath, Phone, Report, Segment, Timestamp, DISPOSABLE_LIST_VERSION,
};

use crate::storage::{NewCustomer, Store, StoredKyc};
use crate::wire::{json_ok, ApiError};

/// The largest request body accepted (SPEC §12: over it is 413).
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a client may take to send a body once its headers arrived.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest `size` of a page.
const MAX_PAGE_SIZE: u64 = 100;
/// The largest `page`: the largest integer a JSON number holds exactly.
const MAX_PAGE: u64 = (1 << 53) - 1;

/// The checked-in OpenAPI document, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// What every handler shares: cheap to clone.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    options: Arc<Options>,
    keys: Arc<[String]>,
}

impl AppState {
    /// The state of a server over `store`, validating with `options` and
    /// accepting `keys`.
    pub fn new(store: Store, options: Options, keys: Vec<String>) -> Self {
        AppState {
            store,
            options: Arc::new(options),
            keys: keys.into(),
        }
    }
}

/// The whole application: routes, the key check, 404/405 in the API's shape, and
/// a panic in a handler answered as 500 instead of taking the server down.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi))
        .route("/__mock/version", get(version))
        .route("/__mock/reset", post(reset))
        .route("/__mock/customers/{id}/kyc", post(add_kyc))
        .route("/v1/customers", post(create).get(list))
        .route("/v1/customers/{id}", get(customer))
        .route("/v1/customers/{id}/kyc-info", get(kyc_info))
        .fallback(|| async { ApiError::no_route() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .layer(middleware::from_fn_with_state(state.clone(), require_key))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_panic: Box<dyn std::any::Any + Send>| {
                eprintln!("vivamo-mock: a handler panicked; answered 500");
                ApiError::internal().into_response()
            },
        ))
        .with_state(state)
}

/// Every `/v1/` request needs `Authorization: Bearer <key>` with a known key,
/// whatever its route (as the API's gateway checks keys before routing).
async fn require_key(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if (path == "/v1" || path.starts_with("/v1/")) && !authorized(request.headers(), &state.keys) {
        return ApiError::forbidden().into_response();
    }
    next.run(request).await
}

fn authorized(headers: &HeaderMap, keys: &[String]) -> bool {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let Some((scheme, key)) = value.split_once(' ') else {
        return false;
    };
    let key = key.trim_matches(' ');
    scheme.eq_ignore_ascii_case("bearer") && keys.iter().any(|k| k == key)
}

async fn health() -> Response {
    json_ok(br#"{"status":"ok"}"#.to_vec())
}

async fn openapi() -> Response {
    json_ok(OPENAPI.as_bytes().to_vec())
}

/// The mock's version and the library data it validates with.
async fn version() -> Response {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Versions {
        vivamo_mock: &'static str,
        disposable_domains: &'static str,
        libphonenumber: &'static str,
    }
    to_json(&Versions {
        vivamo_mock: env!("CARGO_PKG_VERSION"),
        disposable_domains: DISPOSABLE_LIST_VERSION,
        libphonenumber: Phone::metadata_version(),
    })
}

/// `POST /v1/customers`.
async fn create(State(state): State<AppState>, JsonBody(body): JsonBody) -> Response {
    let now = now();
    blocking(move || create_now(&state, &body, &now)).await
}

fn create_now(state: &AppState, body: &[u8], now: &Timestamp) -> Result<Response, ApiError> {
    let customer = validate_create(body, &state.options).map_err(|r| ApiError::report(&r))?;
    let data = serde_json::to_string(&customer.data).map_err(|_| ApiError::internal())?;
    let email_key = customer.data.email.uniqueness_key();
    let stored = state.store.create(&NewCustomer {
        external_id: customer.external_customer_id.as_str(),
        email_key: &email_key,
        data: &data,
        created_at: now.as_str(),
    })?;
    if let Err(conflict) = stored {
        let report = Report::already_stored(conflict.id.is_some(), conflict.email.is_some())
            .ok_or_else(ApiError::internal)?;
        return Err(ApiError::report(&report));
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Created<'a> {
        external_customer_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        verify_after_creation: Option<bool>,
        data: &'a RawValue,
        created_at: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<Issue>,
    }
    let data: &RawValue = serde_json::from_str(&data).map_err(|_| ApiError::internal())?;
    Ok(to_json(&Created {
        external_customer_id: customer.external_customer_id.as_str(),
        verify_after_creation: customer.verify_after_creation,
        data,
        created_at: now.as_str(),
        warnings: customer.warnings(),
    }))
}

/// Validates a create body; `kycVerifications` and `createdAt` are the server's,
/// so a body's own are ignored, errors in them included.
fn validate_create(body: &[u8], options: &Options) -> Result<Customer, Report> {
    let server_owned = |issue: &Issue| {
        matches!(
            issue.path.segments().first(),
            Some(Segment::Key(key)) if key == "kycVerifications" || key == "createdAt"
        )
    };
    match validate_json(body, options) {
        Err(report) if report.issues().iter().any(server_owned) => {
            // The body parsed as an object (its errors have paths), so this parses too.
            let mut root: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(body).map_err(|_| report.clone())?;
            root.remove("kycVerifications");
            root.remove("createdAt");
            let stripped = serde_json::to_vec(&root).map_err(|_| report)?;
            validate_json(&stripped, options)
        }
        other => other,
    }
}

/// `GET /v1/customers/{externalCustomerId}`.
async fn customer(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    // An id that is not UTF-8 once percent-decoded names no customer.
    let Path(id) = id.map_err(|_| ApiError::customer_not_found())?;
    let body = state
        .store
        .customer_body(&id)?
        .ok_or_else(ApiError::customer_not_found)?;
    Ok(json_ok(body.into_bytes()))
}

/// `GET /v1/customers?page=P&size=S`.
async fn list(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let mut page = 1;
    let mut size = 10;
    for (name, value) in form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()) {
        match &*name {
            "page" => {
                page = positive(&value, MAX_PAGE)
                    .ok_or_else(|| ApiError::bad_parameter("page", "must be a positive integer"))?;
            }
            "size" => {
                size = positive(&value, MAX_PAGE_SIZE).ok_or_else(|| {
                    ApiError::bad_parameter("size", "must be an integer from 1 to 100")
                })?;
            }
            _ => {}
        }
    }
    let offset = i64::try_from((page - 1).saturating_mul(size)).unwrap_or(i64::MAX);
    let limit = i64::try_from(size).unwrap_or(0);
    let (customers, total) = state.store.page(offset, limit)?;
    let mut body = Vec::with_capacity(64 + customers.iter().map(|c| c.len() + 1).sum::<usize>());
    body.extend_from_slice(b"{\"customers\":[");
    for (n, customer) in customers.iter().enumerate() {
        if n > 0 {
            body.push(b',');
        }
        body.extend_from_slice(customer.as_bytes());
    }
    body.extend_from_slice(
        format!("],\"page\":{page},\"size\":{size},\"total\":{total}}}").as_bytes(),
    );
    Ok(json_ok(body))
}

/// A decimal integer from 1 to `max`, in ASCII digits only.
fn positive(value: &str, max: u64) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = value.trim_start_matches('0');
    if trimmed.len() > 20 {
        return None;
    }
    trimmed.parse().ok().filter(|n| (1..=max).contains(n))
}

/// `GET /v1/customers/{externalCustomerId}/kyc-info`: the latest verification
/// by `createdAt` (of two at one instant, the one added later).
async fn kyc_info(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::customer_not_found())?;
    let verifications = state
        .store
        .verifications(&id)?
        .ok_or_else(ApiError::customer_not_found)?;
    let verifications = verifications
        .iter()
        .map(|item| {
            Ok(KycVerification {
                kind: KycType::from_wire(&item.kind),
                status: KycStatus::from_wire(&item.status),
                created_at: Timestamp::parse(&item.created_at).map_err(|_| ApiError::internal())?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Latest<'a> {
        #[serde(rename = "type")]
        kind: &'a str,
        status: &'a str,
        verified_at: &'a str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct KycInfo<'a> {
        external_customer_id: &'a str,
        kyc_verification: Option<Latest<'a>>,
    }
    let latest = KycVerification::latest(&verifications, &KycType::ProofOfId).map(|v| Latest {
        kind: v.kind.as_str(),
        status: v.status.as_str(),
        verified_at: v.created_at.as_str(),
    });
    Ok(to_json(&KycInfo {
        external_customer_id: &id,
        kyc_verification: latest,
    }))
}

/// `POST /__mock/reset`: back to the fixtures.
async fn reset(State(state): State<AppState>) -> Response {
    blocking(move || {
        let customers = state.store.reset()?;
        Ok(json_ok(
            format!(r#"{{"status":"ok","customers":{customers}}}"#).into_bytes(),
        ))
    })
    .await
}

/// `POST /__mock/customers/{id}/kyc` with `{"type","status"}`: appends a
/// verification created now, and answers with the customer.
async fn add_kyc(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::customer_not_found())?;
    let (kind, status) = validate_kyc(&body).map_err(|r| ApiError::report(&r))?;
    let now = now();
    Ok(blocking(move || {
        let item = StoredKyc {
            kind: kind.as_str().to_owned(),
            status: status.as_str().to_owned(),
            created_at: now.as_str().to_owned(),
        };
        let body = state
            .store
            .append_kyc(&id, &item)?
            .ok_or_else(ApiError::customer_not_found)?;
        Ok(json_ok(body.into_bytes()))
    })
    .await)
}

/// `{"type","status"}` under the library's KYC rules; every failing member is
/// reported.
fn validate_kyc(body: &[u8]) -> Result<(KycType, KycStatus), Report> {
    use serde_json::Value;
    let mut report = Report::new();
    let root: Value = match serde_json::from_slice(body) {
        Ok(root) => root,
        Err(error) => {
            let message = format!(
                "body is not valid json: {}",
                error.to_string().to_lowercase()
            );
            report.push(
                FieldPath::root(),
                Error::new(ErrorCode::MalformedJson, message),
            );
            return Err(report);
        }
    };
    let Value::Object(root) = root else {
        let message = format!("expected an object, found {}", json_type(&root));
        report.push(FieldPath::root(), Error::new(ErrorCode::WrongType, message));
        return Err(report);
    };
    let kind = string_member(&root, "type", &mut report).and_then(|s| {
        KycType::parse(&s)
            .map_err(|error| report.push(FieldPath::root().key("type"), error))
            .ok()
    });
    let status = string_member(&root, "status", &mut report).and_then(|s| {
        KycStatus::parse(&s)
            .map_err(|error| report.push(FieldPath::root().key("status"), error))
            .ok()
    });
    match (kind, status) {
        (Some(kind), Some(status)) if report.is_empty() => Ok((kind, status)),
        _ => Err(report),
    }
}

/// A member that must be a string: absent or `null` reads as empty (which the
/// library reports as `required`), another type is `wrong_type`.
fn string_member(
    root: &serde_json::Map<String, serde_json::Value>,
    name: &'static str,
    report: &mut Report,
) -> Option<String> {
    use serde_json::Value;
    match root.get(name) {
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            let message = format!("expected a string, found {}", json_type(other));
            report.push(
                FieldPath::root().key(name),
                Error::new(ErrorCode::WrongType, message),
            );
            None
        }
    }
}

fn json_type(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON body: declared `application/json` (else 415), at most 1 MiB (else
/// 413), arrived within [`BODY_TIMEOUT`] (else 408), whole (else 400).
struct JsonBody(Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            return Err(ApiError::unsupported_media_type());
        }
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_DRAIN as u64) {
            return Err(ApiError::too_large());
        }
        let read = read_body(request.into_body());
        match tokio::time::timeout(BODY_TIMEOUT, read).await {
            Err(_) => Err(ApiError::body_timeout()),
            Ok(Err(())) => Err(ApiError::body_unreadable()),
            Ok(Ok(None)) => Err(ApiError::too_large()),
            Ok(Ok(Some(bytes))) => Ok(JsonBody(Bytes::from(bytes))),
        }
    }
}

/// A body past the limit is still read (and dropped) up to this size before the
/// 413, so that a client that sends it all before reading gets the answer rather
/// than a reset connection.
const MAX_DRAIN: usize = 16 * 1024 * 1024;

/// The body, or `None` when it is over [`MAX_BODY`]; `Err` when it broke off.
async fn read_body(mut body: Body) -> Result<Option<Vec<u8>>, ()> {
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(|_| ())?.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= MAX_BODY {
            bytes.extend_from_slice(&data);
        } else if seen > MAX_DRAIN {
            break;
        }
    }
    Ok((seen <= MAX_BODY).then_some(bytes))
}

/// Runs database work off the async workers; a panic in it is a 500.
async fn blocking(work: impl FnOnce() -> Result<Response, ApiError> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => error.into_response(),
        Err(_) => {
            eprintln!("vivamo-mock: database work panicked; answered 500");
            ApiError::internal().into_response()
        }
    }
}

fn to_json(value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_ok(body),
        Err(_) => ApiError::internal().into_response(),
    }
}

/// The server's clock as an API timestamp.
pub fn now() -> Timestamp {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(0));
    Timestamp::from_unix_millis(millis)
        .or_else(|| Timestamp::from_unix_millis(0))
        .unwrap_or_else(unreachable_epoch)
}

/// 1970-01-01 lies within years 0000–9999, so this is never called; it keeps
/// `now` free of `unwrap`.
fn unreachable_epoch() -> Timestamp {
    match Timestamp::parse("1970-01-01T00:00:00Z") {
        Ok(epoch) => epoch,
        Err(_) => unreachable!("the epoch is a valid timestamp"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_integers_only() {
        assert_eq!(positive("1", 100), Some(1));
        assert_eq!(positive("007", 100), Some(7));
        assert_eq!(positive("100", 100), Some(100));
        for bad in [
            "",
            "0",
            "101",
            "-1",
            "+1",
            "1.0",
            " 1",
            "1e2",
            "٣",
            "99999999999999999999999",
        ] {
            assert_eq!(positive(bad, 100), None, "{bad:?}");
        }
    }

    #[test]
    fn keys_need_the_bearer_scheme() {
        let keys = ["k".to_owned()];
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, value.parse().unwrap());
            authorized(&headers, &keys)
        };
        assert!(with("Bearer k"));
        assert!(with("bearer k"));
        assert!(!with("Bearer kk"));
        assert!(!with("Basic k"));
        assert!(!with("k"));
        assert!(!authorized(&HeaderMap::new(), &keys));
    }

    #[test]
    fn create_ignores_server_owned_members() {
        let options = Options::default();
        let body = br#"{"externalCustomerId":"c","data":{"email":"a@example.com"},
            "kycVerifications":"nope","createdAt":12}"#;
        let customer = validate_create(body, &options).unwrap();
        assert!(customer.kyc_verifications.is_none() && customer.created_at.is_none());
        let body = br#"{"externalCustomerId":"c","data":{"email":"a@example.com"},
            "kycVerifications":[{"type":"proof_of_id","status":"verified","createdAt":"2024-01-01T00:00:00Z"}]}"#;
        // Valid ones are not stored either: the handler never reads them.
        assert!(validate_create(body, &options).is_ok());
        let report = validate_create(br#"{"data":{},"createdAt":1}"#, &options).unwrap_err();
        assert_eq!(report.codes().collect::<Vec<_>>(), ["required", "required"]);
    }

    #[test]
    fn kyc_bodies() {
        assert!(validate_kyc(br#"{"type":"proof_of_id","status":"verified"}"#).is_ok());
        let report = validate_kyc(br#"{"type":"selfie","status":3}"#).unwrap_err();
        assert_eq!(
            report.codes().collect::<Vec<_>>(),
            ["kyc_type_unknown", "wrong_type"]
        );
        let report = validate_kyc(br#"{}"#).unwrap_err();
        assert_eq!(report.codes().collect::<Vec<_>>(), ["required", "required"]);
        assert_eq!(
            validate_kyc(b"[").unwrap_err().codes().next(),
            Some("malformed_json")
        );
        assert_eq!(
            validate_kyc(b"[]").unwrap_err().codes().next(),
            Some("wrong_type")
        );
    }

    #[test]
    fn now_is_a_timestamp() {
        assert!(now().as_str().ends_with('Z'));
    }
}
