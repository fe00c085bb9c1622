//! `GraphError`: every non-2xx answer from Graph, with what support needs (code, request id,
//! date) and the claims challenge when the refusal asks for a stronger token.

use crate::auth::claims::{self, ClaimsChallenge};
use serde_json::Value;
use std::fmt;

/// A refusal from Graph, or a transport failure (status 0).
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// `innerError.code`, or the `errorCode` of a wrapped PIM error.
    pub inner_code: Option<String>,
    pub request_id: Option<String>,
    pub client_request_id: Option<String>,
    pub date: Option<String>,
    /// The stronger token the refusal asks for (PIM's authentication context, CAE).
    pub claims: Option<ClaimsChallenge>,
    /// `Retry-After`, when the browser could read it.
    pub retry_after: Option<String>,
    /// A write met a 5xx or a dropped connection: Graph may have applied it. Read it back
    /// before sending anything again.
    pub outcome_unknown: bool,
}

/// The response headers a `GraphError` reads.
#[derive(Clone, Debug, Default)]
pub struct ErrorHeaders<'a> {
    pub request_id: Option<&'a str>,
    pub client_request_id: Option<&'a str>,
    pub date: Option<&'a str>,
    pub www_authenticate: Option<&'a str>,
    pub retry_after: Option<&'a str>,
}

impl GraphError {
    /// Reads any answer body: Graph's JSON envelope, JSON that is not, text, or nothing.
    pub fn from_response(status: u16, headers: ErrorHeaders<'_>, body: &str) -> GraphError {
        let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let e = &json["error"];
        let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
        let inner = if e["innerError"].is_object() {
            &e["innerError"]
        } else {
            &e["innererror"]
        };
        let mut message = text(&e["message"]);
        let mut inner_code = text(&inner["code"]);
        // PIM sometimes wraps its error as a JSON string inside an UnknownError.
        if let Some(wrapped) = message
            .as_deref()
            .and_then(|m| serde_json::from_str::<Value>(m).ok())
        {
            inner_code = text(&wrapped["errorCode"]).or(inner_code);
            message = text(&wrapped["message"]).or(message);
        }
        let fallback = match body.trim() {
            "" => format!("HTTP {status} with an empty answer."),
            b if json.is_null() => {
                format!("HTTP {status}: {}", b.chars().take(300).collect::<String>())
            }
            _ => format!("HTTP {status} without an error message."),
        };
        GraphError {
            status,
            code: text(&e["code"]).unwrap_or_else(|| format!("HTTP{status}")),
            message: message.unwrap_or(fallback),
            inner_code,
            request_id: text(&inner["request-id"]).or(headers.request_id.map(str::to_owned)),
            client_request_id: text(&inner["client-request-id"])
                .or(headers.client_request_id.map(str::to_owned)),
            date: text(&inner["date"]).or(headers.date.map(str::to_owned)),
            claims: claims::parse(body, headers.www_authenticate),
            retry_after: headers.retry_after.map(str::to_owned),
            outcome_unknown: false,
        }
    }

    /// This error came back from a write that Graph may have applied anyway.
    pub fn with_unknown_outcome(mut self) -> GraphError {
        self.outcome_unknown = true;
        self
    }

    /// The request never got an answer (network, CORS, dropped connection).
    pub fn transport(why: &str, client_request_id: &str) -> GraphError {
        GraphError {
            status: 0,
            code: "NetworkError".into(),
            message: format!("Microsoft Graph could not be reached: {why}"),
            inner_code: None,
            request_id: None,
            client_request_id: Some(client_request_id.to_owned()),
            date: None,
            claims: None,
            retry_after: None,
            outcome_unknown: false,
        }
    }

    /// An answer Graph gave that does not hold what it must (a group without its policy, a policy
    /// without a rule every policy has): shown like any refusal, with its own code.
    pub fn unexpected(code: &str, message: &str) -> GraphError {
        GraphError {
            status: 200,
            code: code.to_owned(),
            message: message.to_owned(),
            inner_code: None,
            request_id: None,
            client_request_id: None,
            date: None,
            claims: None,
            retry_after: None,
            outcome_unknown: false,
        }
    }

    /// The code to show and to branch on: the PIM code when it was wrapped.
    pub fn effective_code(&self) -> &str {
        match self.code.as_str() {
            "UnknownError" => self.inner_code.as_deref().unwrap_or(&self.code),
            c => c,
        }
    }

    /// Copy-paste text for a support ticket.
    pub fn details(&self) -> String {
        format!(
            "Status: {}\nCode: {}\nMessage: {}\nRequest id: {}\nClient request id: {}\nDate: {}",
            self.status,
            self.effective_code(),
            self.message,
            self.request_id.as_deref().unwrap_or("-"),
            self.client_request_id.as_deref().unwrap_or("-"),
            self.date.as_deref().unwrap_or("-"),
        )
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.effective_code(),
            self.status,
            self.message
        )
    }
}

impl std::error::Error for GraphError {}

#[cfg(test)]
mod tests;
