//! An [axum](https://docs.rs/axum) extractor for a customer in a request body,
//! whose rejection is the Vivamo API's own error body (feature `axum`).
//!
//! axum's `Json<Customer>` answers a bad body with 422 and a plain-text message;
//! a service that stands in for the API, or sits in front of it, must answer 400
//! with `{"message","errors"}` instead, the way the API does.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{validate_json, ApiErrorBody, Customer, Options};

/// A customer validated from a JSON request body.
///
/// The body must be `application/json` (else 415); it is validated with the
/// [`Options`] found in the request's extensions (add them with
/// `axum::Extension(options)`), else with the defaults. An invalid record is
/// rejected with 400 and [`Report::api_body`](crate::Report::api_body); the valid
/// customer keeps its warnings ([`Customer::warnings`]).
///
/// ```
/// use axum::{routing::post, Json, Router};
/// use vivamo_validate::{extract::ValidCustomer, Customer};
///
/// async fn create(ValidCustomer(customer): ValidCustomer) -> Json<Customer> {
///     Json(customer)
/// }
/// let app: Router = Router::new().route("/v1/customers", post(create));
/// ```
#[derive(Debug, Clone)]
pub struct ValidCustomer(pub Customer);

/// Why a request had no valid customer: an HTTP status and the API's error body.
#[derive(Debug, Clone)]
pub struct ApiRejection {
    status: StatusCode,
    body: ApiErrorBody,
}

impl ApiRejection {
    /// A rejection with `status` and `body`.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use vivamo_validate::{extract::ApiRejection, ApiErrorBody};
    /// let rejection = ApiRejection::new(StatusCode::NOT_FOUND, ApiErrorBody::not_found());
    /// assert_eq!(rejection.status(), StatusCode::NOT_FOUND);
    /// ```
    pub fn new(status: StatusCode, body: ApiErrorBody) -> Self {
        ApiRejection { status, body }
    }

    /// The HTTP status.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use vivamo_validate::{extract::ApiRejection, ApiErrorBody};
    /// assert_eq!(ApiRejection::new(StatusCode::FORBIDDEN, ApiErrorBody::forbidden()).status(), 403);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use vivamo_validate::{extract::ApiRejection, ApiErrorBody};
    /// let rejection = ApiRejection::new(StatusCode::FORBIDDEN, ApiErrorBody::forbidden());
    /// assert_eq!(rejection.body().message(), "Forbidden");
    /// ```
    pub fn body(&self) -> &ApiErrorBody {
        &self.body
    }
}

impl IntoResponse for ApiRejection {
    fn into_response(self) -> Response {
        let mut response = self.body.into_response();
        *response.status_mut() = self.status;
        response
    }
}

impl IntoResponse for ApiErrorBody {
    /// A 400 response with the body as `application/json` (set another status on
    /// the response, or use [`ApiRejection`], for 403, 404, …).
    fn into_response(self) -> Response {
        let json = serde_json::to_vec(&self)
            .unwrap_or_else(|_| br#"{"message":"Internal Server Error"}"#.to_vec());
        let mut response = (StatusCode::BAD_REQUEST, json).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

fn is_json(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json")
                || (mime.len() > 5 && mime.to_ascii_lowercase().ends_with("+json"))
        })
}

impl<S: Send + Sync> FromRequest<S> for ValidCustomer {
    type Rejection = ApiRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(&request) {
            return Err(ApiRejection::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ApiErrorBody::new("Content-Type must be application/json"),
            ));
        }
        let options = request
            .extensions()
            .get::<Options>()
            .cloned()
            .unwrap_or_default();
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                ApiRejection::new(rejection.status(), ApiErrorBody::new(rejection.body_text()))
            })?;
        validate_json(&bytes, &options)
            .map(ValidCustomer)
            .map_err(|report| ApiRejection::new(StatusCode::BAD_REQUEST, report.api_body()))
    }
}
