//! The few Graph calls setup makes, over ureq: every page of a list read, every refusal kept
//! with its code, message and request id.

use serde_json::Value;
use std::fmt;

/// Graph refused, or the answer never came.
#[derive(Debug)]
pub enum GraphError {
    Refused {
        status: u16,
        code: String,
        message: String,
        request_id: String,
        date: String,
    },
    /// No answer: for a write, whether it happened is unknown until read back.
    Transport(String),
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::Refused {
                status,
                code,
                message,
                request_id,
                date,
            } => write!(
                f,
                "HTTP {status} {code}: {message} (request id {request_id}, date {date})"
            ),
            GraphError::Transport(why) => write!(f, "no answer from Graph: {why}"),
        }
    }
}

pub struct Graph {
    agent: ureq::Agent,
    root: String,
    token: String,
}

fn refusal(status: u16, request_header: Option<String>, body: &str) -> GraphError {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let e = &v["error"];
    let text = |x: &Value| x.as_str().unwrap_or("").to_owned();
    let inner = &e["innerError"];
    let request_id = request_header
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| text(&inner["request-id"]));
    GraphError::Refused {
        status,
        code: if e["code"].is_string() {
            text(&e["code"])
        } else {
            "(no code)".into()
        },
        message: if e["message"].is_string() {
            text(&e["message"])
        } else {
            body.chars().take(300).collect()
        },
        request_id: if request_id.is_empty() {
            "(none given)".into()
        } else {
            request_id
        },
        date: text(&inner["date"]),
    }
}

impl Graph {
    pub fn new(agent: ureq::Agent, root: &str, token: String) -> Graph {
        Graph {
            agent,
            root: root.trim_end_matches('/').to_owned(),
            token,
        }
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Option<Value>, GraphError> {
        let req = self
            .agent
            .request(method, url)
            .set("Authorization", &format!("Bearer {}", self.token))
            .set("Accept", "application/json");
        let answer = match body {
            Some(b) => req.send_json(b.clone()),
            None => req.call(),
        };
        match answer {
            Ok(r) if r.status() == 204 => Ok(None),
            Ok(r) => {
                let text = r
                    .into_string()
                    .map_err(|e| GraphError::Transport(e.to_string()))?;
                serde_json::from_str(&text)
                    .map(Some)
                    .map_err(|e| GraphError::Transport(format!("unreadable answer ({e})")))
            }
            Err(ureq::Error::Status(status, r)) => {
                let id = r.header("request-id").map(String::from);
                Err(refusal(status, id, &r.into_string().unwrap_or_default()))
            }
            Err(e) => Err(GraphError::Transport(e.to_string())),
        }
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.root)
    }

    /// Every item of a collection, following `@odata.nextLink` to the last page.
    pub fn list(&self, path_and_query: &str) -> Result<Vec<Value>, GraphError> {
        let mut url = self.url(path_and_query);
        let mut items = vec![];
        loop {
            let page = self.send("GET", &url, None)?.unwrap_or(Value::Null);
            items.extend(page["value"].as_array().cloned().unwrap_or_default());
            match page["@odata.nextLink"].as_str() {
                // Graph's next link is absolute and on Graph's own host: anything else is refused
                // rather than followed with the token.
                Some(next) if next.starts_with(&self.root) => url = next.to_owned(),
                Some(next) => {
                    return Err(GraphError::Transport(format!(
                        "a next page on another host: {next}"
                    )))
                }
                None => return Ok(items),
            }
        }
    }

    pub fn post(&self, path: &str, body: &Value) -> Result<Value, GraphError> {
        Ok(self
            .send("POST", &self.url(path), Some(body))?
            .unwrap_or(Value::Null))
    }

    pub fn patch(&self, path: &str, body: &Value) -> Result<(), GraphError> {
        self.send("PATCH", &self.url(path), Some(body)).map(|_| ())
    }
}

/// A value for an OData string literal: quotes doubled.
pub fn literal(s: &str) -> String {
    s.replace('\'', "''")
}

/// A query string value, percent-encoded.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'$' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_keeps_code_message_and_request_id() {
        let body = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-12-07T06:00:00","request-id":"abc","client-request-id":"abc"}}}"#;
        let e = refusal(403, None, body);
        assert_eq!(e.to_string(), "HTTP 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. (request id abc, date 2026-12-07T06:00:00)");
        let e = refusal(502, Some("hdr".into()), "<html>bad gateway</html>");
        assert!(e
            .to_string()
            .contains("(no code): <html>bad gateway</html> (request id hdr"));
    }

    #[test]
    fn filters_are_quoted_and_encoded() {
        assert_eq!(literal("O'Brien's app"), "O''Brien''s app");
        assert_eq!(
            encode("displayName eq 'a b'"),
            "displayName%20eq%20%27a%20b%27"
        );
    }
}
