//! Graph's error envelope: `{"error":{"code","message","innerError":{date,request-id,...}}}`.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refusal in Graph's shape; `request-id` and `date` are added when it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            code: code.into(),
            message: message.into(),
            headers: vec![],
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "BadRequest", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(404, "ResourceNotFound", message)
    }

    /// Graph's answer when the caller's scopes or roles do not allow the call.
    pub fn denied() -> ApiError {
        ApiError::new(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    }

    /// PIM's policy refusal, naming the failed rules as Graph does.
    pub fn policy(rules: &[&str]) -> ApiError {
        let list = rules
            .iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(",");
        ApiError::new(
            400,
            "RoleAssignmentRequestPolicyValidationFailed",
            format!("The following policy rules failed: [{list}]"),
        )
    }

    pub fn too_short() -> ApiError {
        ApiError::new(
            400,
            "ActiveDurationTooShort",
            "The Active duration is too short. Miniumum Required is 5 minutes.",
        )
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> ApiError {
        self.headers.push((name, value));
        self
    }

    /// The JSON body, stamped with a request id and date.
    pub fn body(
        &self,
        request_id: &str,
        client_request_id: Option<&str>,
        date: &str,
    ) -> serde_json::Value {
        let mut inner = json!({"date": date, "request-id": request_id, "client-request-id": client_request_id.unwrap_or(request_id)});
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            inner["code"] = json!("429");
            inner["status"] = json!("429");
            inner["message"] = json!("Please retry after");
        }
        json!({"error": {"code": self.code, "message": self.message, "innerError": inner}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Stamping happens in the Graph middleware, which knows the request ids; this fallback
        // keeps the envelope even where that did not run.
        let request_id = uuid::Uuid::new_v4().to_string();
        let date = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let body = self.body(&request_id, None, &date);
        let mut response = (self.status, axum::Json(body)).into_response();
        let h = response.headers_mut();
        h.insert(
            "request-id",
            HeaderValue::from_str(&request_id).expect("uuid is ascii"),
        );
        for (name, value) in &self.headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                h.insert(*name, v);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
