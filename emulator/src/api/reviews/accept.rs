//! What a definition body must hold to be accepted, and how Graph stores it: `queryRoot: null` on
//! every query, the recurrence with its defaults, the settings' flags as booleans.

use crate::error::{ApiError, ApiResult};
use crate::reviews::Resource;
use crate::state::World;
use serde_json::{json, Value};

/// Scopes echo `queryRoot: null` as Graph stores them.
fn with_query_root(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(with_query_root).collect()),
        Value::Object(o) => {
            let mut o: serde_json::Map<String, Value> = o
                .iter()
                .map(|(k, v)| (k.clone(), with_query_root(v)))
                .collect();
            if o.contains_key("query") {
                o.entry("queryRoot").or_insert(Value::Null);
            }
            Value::Object(o)
        }
        other => other.clone(),
    }
}

fn expanded_recurrence(r: &Value) -> Value {
    if r.is_null() {
        return Value::Null;
    }
    let p = &r["pattern"];
    let pattern = if p.is_object() {
        json!({"type": p["type"], "interval": p["interval"].as_i64().unwrap_or(1),
            "month": p["month"].as_i64().unwrap_or(0), "dayOfMonth": p["dayOfMonth"].as_i64().unwrap_or(0),
            "daysOfWeek": p.get("daysOfWeek").cloned().unwrap_or(json!([])),
            "firstDayOfWeek": p.get("firstDayOfWeek").cloned().unwrap_or(json!("sunday")),
            "index": p.get("index").cloned().unwrap_or(json!("first"))})
    } else {
        Value::Null
    };
    let g = &r["range"];
    let date = |v: &Value| v.as_str().and_then(|d| d.get(..10)).map(str::to_owned);
    json!({"pattern": pattern, "range": {"type": g["type"], "numberOfOccurrences": g["numberOfOccurrences"].as_i64().unwrap_or(0),
        "recurrenceTimeZone": g.get("recurrenceTimeZone").cloned().unwrap_or(Value::Null),
        "startDate": date(&g["startDate"]), "endDate": date(&g["endDate"])}})
}

/// Checks a definition body and returns it as it will be stored, with what it reviews.
pub(super) fn accept(w: &World, body: &Value) -> ApiResult<(Value, Vec<Resource>)> {
    // The docs call both descriptions required, yet their own application example has no
    // descriptionForReviewers: what Graph does without them is not documented.
    for key in ["displayName", "scope", "settings"] {
        if body.get(key).is_none_or(Value::is_null) {
            return Err(ApiError::bad_request(format!(
                "The property '{key}' is required."
            )));
        }
    }
    let scope = &body["scope"];
    let query = scope["query"].as_str().unwrap_or("");
    let kind = scope["@odata.type"]
        .as_str()
        .unwrap_or("#microsoft.graph.accessReviewQueryScope");
    if scope.get("inactiveDuration").is_some()
        && kind != "#microsoft.graph.accessReviewInactiveUsersQueryScope"
    {
        return Err(ApiError::bad_request(
            "An inactive users scope needs its @odata.type.",
        ));
    }
    let resources = crate::reviews::resources(w, body).ok_or_else(|| {
        ApiError::bad_request(format!("The scope query '{query}' is not supported."))
    })?;
    for r in &resources {
        let known = if r.kind == "group" {
            w.group(&r.id).is_some()
        } else {
            w.tenant
                .app_role_grants
                .iter()
                .any(|a| a.resource_id == r.id)
        };
        if !known {
            return Err(ApiError::not_found(format!("Resource '{}' does not exist or one of its queried reference-property objects are not present.", r.id)));
        }
    }
    let settings = &body["settings"];
    let days = settings["instanceDurationInDays"].as_i64().unwrap_or(0);
    if days < 1 {
        return Err(ApiError::bad_request(
            "instanceDurationInDays must be at least 1.",
        ));
    }
    let pattern = &settings["recurrence"]["pattern"];
    let period = match pattern["type"].as_str() {
        Some("weekly") => Some(7 * pattern["interval"].as_i64().unwrap_or(1)),
        Some("absoluteMonthly") => Some(30 * pattern["interval"].as_i64().unwrap_or(1)),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "The recurrence pattern type '{other}' is not supported."
            )))
        }
        None => None,
    };
    if period.is_some_and(|p| days > p) {
        return Err(ApiError::bad_request(
            "The duration of an instance must fit in the recurrence period.",
        ));
    }
    let owners = body["reviewers"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|r| r["query"].as_str().is_some_and(|q| q.ends_with("/owners")));
    let fallbacks = body["fallbackReviewers"]
        .as_array()
        .is_some_and(|a| !a.is_empty());
    let pim = resources.iter().any(|r| w.onboarded.contains(&r.id));
    if owners && pim && !fallbacks {
        return Err(ApiError::bad_request(
            "A review of a group managed by PIM with its owners as reviewers needs at least one fallback reviewer: only active owners review, and the fallback reviewers are asked when there is none.",
        ));
    }
    let mut stored = json!({
        "displayName": body["displayName"],
        "descriptionForAdmins": body.get("descriptionForAdmins").cloned().unwrap_or(json!("")),
        "descriptionForReviewers": body.get("descriptionForReviewers").cloned().unwrap_or(json!("")),
        "scope": with_query_root(scope),
        "instanceEnumerationScope": with_query_root(&body["instanceEnumerationScope"]),
        "reviewers": with_query_root(body.get("reviewers").unwrap_or(&json!([]))),
        "fallbackReviewers": with_query_root(body.get("fallbackReviewers").unwrap_or(&json!([]))),
        "additionalNotificationRecipients": body.get("additionalNotificationRecipients").cloned().unwrap_or(json!([])),
        "stageSettings": body.get("stageSettings").cloned().unwrap_or(json!([])),
        "settings": settings.clone(),
    });
    let s = &mut stored["settings"];
    s["recurrence"] = expanded_recurrence(&settings["recurrence"]);
    for flag in [
        "mailNotificationsEnabled",
        "reminderNotificationsEnabled",
        "justificationRequiredOnApproval",
        "defaultDecisionEnabled",
        "autoApplyDecisionsEnabled",
        "recommendationsEnabled",
    ] {
        s[flag] = json!(settings[flag].as_bool().unwrap_or(false));
    }
    if s.get("applyActions").is_none_or(Value::is_null) {
        s["applyActions"] = json!([]);
    }
    if s.get("defaultDecision").is_none_or(Value::is_null) {
        s["defaultDecision"] = json!("None");
    }
    Ok((stored, resources))
}
