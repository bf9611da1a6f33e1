//! The wire format of every answer that is not a success: the API's error body
//! (SPEC §11.4), `{"message": string, "errors"?: [{constraint: description}]}`,
//! built by the library's [`ApiErrorBody`], with its status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use vivamo_validate::{ApiErrorBody, Report};

/// The content type of every JSON answer.
pub const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// An error answer: a status and the API's body.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ApiErrorBody,
}

impl ApiError {
    /// 400 with the body of a failed validation (or a duplicate).
    pub fn report(report: &Report) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, report.api_body())
    }

    /// 400 for a bad query parameter: `{"<name>": "<name>: <description>"}`.
    pub fn bad_parameter(name: &'static str, description: &str) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorBody::new("Validation failed")
                .with_error(name, format!("{name}: {description}")),
        )
    }

    /// 403, for a missing or unknown API key.
    pub fn forbidden() -> Self {
        ApiError::new(StatusCode::FORBIDDEN, ApiErrorBody::forbidden())
    }

    /// 404 for an unknown customer.
    pub fn customer_not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, ApiErrorBody::not_found())
    }

    /// 404 for a path the mock does not serve.
    pub fn no_route() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, ApiErrorBody::new("Not Found"))
    }

    /// 405 for a path served under other methods.
    pub fn method_not_allowed() -> Self {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ApiErrorBody::new("Method Not Allowed"),
        )
    }

    /// 408 for a body that did not arrive in time.
    pub fn body_timeout() -> Self {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            ApiErrorBody::new("Request body did not arrive in time"),
        )
    }

    /// 413 for a body over the limit.
    pub fn too_large() -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ApiErrorBody::new("Request body is larger than 1 MiB"),
        )
    }

    /// 415 for a body that is not declared as JSON.
    pub fn unsupported_media_type() -> Self {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiErrorBody::new("Content-Type must be application/json"),
        )
    }

    /// 400 for a body that broke off before its end.
    pub fn body_unreadable() -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ApiErrorBody::new("Request body could not be read"),
        )
    }

    /// 500, for a failure of the mock itself (a database error, a panic).
    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorBody::new("Internal Server Error"),
        )
    }

    fn new(status: StatusCode, body: ApiErrorBody) -> Self {
        ApiError { status, body }
    }

    /// The status.
    #[cfg(test)]
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        eprintln!("vivamo-mock: database error: {error}");
        ApiError::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Serializing a message and string pairs cannot fail; the fallback keeps
        // the shape even so.
        let body = serde_json::to_vec(&self.body)
            .unwrap_or_else(|_| br#"{"message":"Internal Server Error"}"#.to_vec());
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, JSON);
        response
    }
}

/// A JSON success answer from bytes already serialized.
pub fn json_ok(body: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, JSON);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn bodies_have_the_api_shape() {
        assert_eq!(
            body_of(ApiError::forbidden()).await,
            (StatusCode::FORBIDDEN, r#"{"message":"Forbidden"}"#.into())
        );
        assert_eq!(
            body_of(ApiError::bad_parameter("page", "must be a positive integer")).await,
            (
                StatusCode::BAD_REQUEST,
                r#"{"message":"Validation failed","errors":[{"page":"page: must be a positive integer"}]}"#
                    .into()
            )
        );
        assert_eq!(
            ApiError::too_large().status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
}
