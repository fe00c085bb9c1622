//! `POST /me/checkMemberGroups`: which of up to 20 groups the caller is a member of, as the
//! directory's membership reads see it, so a membership PIM just added shows after the world's
//! propagation delay.

use super::directory::need;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new().route("/v1.0/me/checkMemberGroups", post(check_member_groups))
}

async fn check_member_groups(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "GroupMember.Read.All",
            "Group.Read.All",
            "Group.ReadWrite.All",
            "Directory.Read.All",
        ],
    )?;
    let ids: Vec<&str> = body["groupIds"]
        .as_array()
        .ok_or_else(|| ApiError::bad_request("The groupIds parameter is required."))?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if ids.len() > 20 {
        return Err(ApiError::new(
            400,
            "Request_BadRequest",
            "Too many groupIds: at most 20 can be checked in one request.",
        ));
    }
    let w = s.world();
    let value: Vec<&str> = ids
        .into_iter()
        .filter(|g| w.member_visible(g, &caller.user_id))
        .collect();
    Ok(Json(json!({
        "@odata.context": format!("{}/v1.0/$metadata#Collection(Edm.String)", s.base_url()),
        "value": value,
    })))
}
