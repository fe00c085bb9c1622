//! The OData query options Graph supports on the routes we serve: `$filter` (a subset: eq, ne,
//! ge, le, gt, lt, in, startswith, and, or, not, parentheses), `$select`, `$top`, paging.

use crate::error::{ApiError, ApiResult};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Cmp(String, String, Value),
    In(String, Vec<Value>),
    StartsWith(String, String),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `collection/any(v: inner)`: some element of the collection matches `inner`, in which the
    /// element is named `v` (`targetResources/any(t: t/id eq '...')`).
    Any(String, String, Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Lit(Value),
    LParen,
    RParen,
    Comma,
}

fn lex(s: &str) -> ApiResult<Vec<Tok>> {
    let err = || ApiError::bad_request(format!("Invalid filter clause: syntax error in '{s}'."));
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = vec![];
    while i < c.len() {
        match c[i] {
            ' ' | '\t' => i += 1,
            '(' => {
                out.push(Tok::LParen);
                i += 1
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1
            }
            '\'' => {
                // OData escapes a quote inside a literal by doubling it: 'O''Brien'.
                let mut v = String::new();
                i += 1;
                loop {
                    match (c.get(i), c.get(i + 1)) {
                        (Some('\''), Some('\'')) => {
                            v.push('\'');
                            i += 2
                        }
                        (Some('\''), _) => {
                            i += 1;
                            break;
                        }
                        (Some(ch), _) => {
                            v.push(*ch);
                            i += 1
                        }
                        (None, _) => return Err(err()),
                    }
                }
                out.push(Tok::Str(v));
            }
            _ => {
                let start = i;
                while i < c.len() && !matches!(c[i], ' ' | '(' | ')' | ',' | '\'') {
                    i += 1;
                }
                let word: String = c[start..i].iter().collect();
                out.push(match word.as_str() {
                    "true" => Tok::Lit(Value::Bool(true)),
                    "false" => Tok::Lit(Value::Bool(false)),
                    "null" => Tok::Lit(Value::Null),
                    w if w.chars().next().is_some_and(|ch| ch.is_ascii_digit()) => {
                        Tok::Lit(Value::String(w.into()))
                    }
                    _ => Tok::Ident(word),
                });
            }
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: &'a [Tok],
    pos: usize,
    src: &'a str,
}

impl Parser<'_> {
    fn err(&self) -> ApiError {
        ApiError::bad_request(format!(
            "Invalid filter clause: syntax error at position {} in '{}'.",
            self.pos, self.src
        ))
    }
    fn peek_word(&self) -> Option<String> {
        match self.toks.get(self.pos) {
            Some(Tok::Ident(w)) => Some(w.to_ascii_lowercase()),
            _ => None,
        }
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn or(&mut self) -> ApiResult<Expr> {
        let mut left = self.and()?;
        while self.peek_word().as_deref() == Some("or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> ApiResult<Expr> {
        let mut left = self.unary()?;
        while self.peek_word().as_deref() == Some("and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }
    fn unary(&mut self) -> ApiResult<Expr> {
        if self.peek_word().as_deref() == Some("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        match self.next() {
            Some(Tok::LParen) => {
                let e = self.or()?;
                match self.next() {
                    Some(Tok::RParen) => Ok(e),
                    _ => Err(self.err()),
                }
            }
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("startswith") => {
                let (
                    Some(Tok::LParen),
                    Some(Tok::Ident(p)),
                    Some(Tok::Comma),
                    Some(Tok::Str(v)),
                    Some(Tok::RParen),
                ) = (
                    self.next(),
                    self.next(),
                    self.next(),
                    self.next(),
                    self.next(),
                )
                else {
                    return Err(self.err());
                };
                Ok(Expr::StartsWith(p, v))
            }
            Some(Tok::Ident(prop))
                if prop.to_ascii_lowercase().ends_with("/any")
                    && self.toks.get(self.pos) == Some(&Tok::LParen) =>
            {
                self.pos += 1;
                let var = match self.next() {
                    Some(Tok::Ident(v)) if v.ends_with(':') && v.len() > 1 => {
                        v.trim_end_matches(':').to_owned()
                    }
                    _ => return Err(self.err()),
                };
                let inner = self.or()?;
                if self.next() != Some(Tok::RParen) {
                    return Err(self.err());
                }
                let collection = prop[..prop.len() - 4].to_owned();
                Ok(Expr::Any(collection, var, Box::new(inner)))
            }
            Some(Tok::Ident(prop)) => {
                let op = self.peek_word().ok_or_else(|| self.err())?;
                self.pos += 1;
                if op == "in" {
                    if self.next() != Some(Tok::LParen) {
                        return Err(self.err());
                    }
                    let mut vals = vec![];
                    loop {
                        match self.next() {
                            Some(Tok::Str(v)) => vals.push(Value::String(v)),
                            Some(Tok::Lit(v)) => vals.push(v),
                            Some(Tok::Comma) => {}
                            Some(Tok::RParen) => break,
                            _ => return Err(self.err()),
                        }
                    }
                    return Ok(Expr::In(prop, vals));
                }
                if !["eq", "ne", "ge", "le", "gt", "lt"].contains(&op.as_str()) {
                    return Err(ApiError::bad_request(format!("Unsupported or invalid query filter clause specified for property '{prop}' of resource.")));
                }
                let v = match self.next() {
                    Some(Tok::Str(s)) => Value::String(s),
                    Some(Tok::Lit(v)) => v,
                    _ => return Err(self.err()),
                };
                Ok(Expr::Cmp(prop, op, v))
            }
            _ => Err(self.err()),
        }
    }
}

/// Parses a `$filter` value.
pub fn parse(filter: &str) -> ApiResult<Expr> {
    let toks = lex(filter)?;
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        src: filter,
    };
    let e = p.or()?;
    if p.pos != toks.len() {
        return Err(p.err());
    }
    Ok(e)
}

fn lookup<'a>(obj: &'a Value, path: &str) -> &'a Value {
    path.split('/')
        .fold(obj, |v, k| v.get(k).unwrap_or(&Value::Null))
}

fn cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            // Timestamps compare as instants; other strings without regard to case, as the directory does.
            match (crate::clock::parse_ts(x), crate::clock::parse_ts(y)) {
                (Some(p), Some(q)) => Some(p.cmp(&q)),
                _ => Some(x.to_lowercase().cmp(&y.to_lowercase())),
            }
        }
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Null, Value::Null) => Some(std::cmp::Ordering::Equal),
        (Value::Number(x), Value::String(y)) => y
            .parse::<f64>()
            .ok()
            .and_then(|y| x.as_f64()?.partial_cmp(&y)),
        _ => None,
    }
}

impl Expr {
    pub fn matches(&self, obj: &Value) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Expr::And(a, b) => a.matches(obj) && b.matches(obj),
            Expr::Or(a, b) => a.matches(obj) || b.matches(obj),
            Expr::Not(a) => !a.matches(obj),
            Expr::Any(coll, var, inner) => lookup(obj, coll).as_array().is_some_and(|items| {
                items
                    .iter()
                    .any(|item| inner.matches(&serde_json::json!({ var.as_str(): item })))
            }),
            Expr::StartsWith(p, v) => lookup(obj, p)
                .as_str()
                .is_some_and(|s| s.to_lowercase().starts_with(&v.to_lowercase())),
            Expr::In(p, vs) => vs.iter().any(|v| cmp(lookup(obj, p), v) == Some(Equal)),
            Expr::Cmp(p, op, v) => {
                let o = cmp(lookup(obj, p), v);
                match op.as_str() {
                    "eq" => o == Some(Equal),
                    "ne" => o != Some(Equal),
                    "ge" => matches!(o, Some(Greater | Equal)),
                    "le" => matches!(o, Some(Less | Equal)),
                    "gt" => o == Some(Greater),
                    _ => o == Some(Less),
                }
            }
        }
    }

    /// The value of `prop eq '...'` when it is a conjunct of the whole filter.
    pub fn required_eq(&self, prop: &str) -> Option<String> {
        match self {
            Expr::Cmp(p, op, Value::String(v)) if p.eq_ignore_ascii_case(prop) && op == "eq" => {
                Some(v.clone())
            }
            Expr::And(a, b) => a.required_eq(prop).or_else(|| b.required_eq(prop)),
            _ => None,
        }
    }

    /// Every property the filter names.
    pub fn properties(&self) -> Vec<String> {
        match self {
            Expr::Cmp(p, _, _) | Expr::In(p, _) | Expr::StartsWith(p, _) => vec![p.clone()],
            Expr::And(a, b) | Expr::Or(a, b) => [a.properties(), b.properties()].concat(),
            Expr::Not(a) => a.properties(),
            Expr::Any(coll, _, _) => vec![format!("{coll}/any")],
        }
    }
}

#[cfg(test)]
mod tests;
