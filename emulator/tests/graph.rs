//! Graph plumbing: token checks, advanced queries, paging, `$batch`, faults, CORS, the request
//! log, and the large tenant's speed.

mod support;
use entra_emulator::tenant::Tenant;
use entra_emulator::Options;
use serde_json::json;
use support::csdl::{assert_collection, assert_conforms};
use support::*;

#[tokio::test]
async fn tokens_are_checked_with_graphs_401_bodies() {
    let e = start().await;
    let (status, body) = e.call("", "GET", "/v1.0/me", None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("InvalidAuthenticationToken"))
    );
    let token = e.sign_in(ALEX).await;
    let mut forged = token.clone();
    forged.pop();
    let (status, _) = e.call(&forged, "GET", "/v1.0/me", None).await;
    assert_eq!(status, 401);
    let (status, me) = e
        .call(
            &token,
            "GET",
            "/v1.0/me?$select=id,displayName,userPrincipalName",
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_conforms(&me, "microsoft.graph.user");
    assert_eq!(me["displayName"], "Alex Wilber");
    assert!(
        me.get("jobTitle").is_none(),
        "$select keeps only what was asked"
    );
}

#[tokio::test]
async fn search_needs_consistency_level_and_filters_escape_quotes() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    let (status, body) = e
        .call(
            &t,
            "GET",
            "/v1.0/groups?$search=\"displayName:exchange\"",
            None,
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("Request_UnsupportedQuery"))
    );
    let (status, body) = e
        .call_with(
            &t,
            "GET",
            "/v1.0/groups?$search=\"displayName:exchange\"&$count=true",
            None,
            &[("ConsistencyLevel", "eventual")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_collection(&body, "microsoft.graph.group");
    assert_eq!(body["@odata.count"], 2);
    let (status, body) = e
        .call(
            &t,
            "GET",
            "/v1.0/groups?$filter=displayName eq 'O''Brien''s admins'",
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["value"][0]["displayName"], "O'Brien's admins");
    let (status, users) = e
        .call_with(
            &t,
            "GET",
            "/v1.0/users?$search=\"displayName:ad\" OR \"mail:ad\"&$select=id,displayName,mail",
            None,
            &[("ConsistencyLevel", "eventual")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(users["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["displayName"] == "Adele Vance"));
}

#[tokio::test]
async fn pages_follow_next_links_to_the_end() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    let (_, mut page) = e.call(&t, "GET", "/v1.0/groups?$top=3", None).await;
    let mut seen = 0;
    loop {
        seen += page["value"].as_array().unwrap().len();
        match page["@odata.nextLink"].as_str() {
            Some(next) => page = e.call(&t, "GET", next, None).await.1,
            None => break,
        }
    }
    assert_eq!(seen, 11);
}

#[tokio::test]
async fn batch_runs_each_request_and_honours_depends_on() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    let body = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me?$select=id"},
        {"id": "2", "method": "GET", "url": "/groups/00000000-0000-0000-0000-000000000000"},
        {"id": "3", "dependsOn": ["2"], "method": "GET", "url": "/me"},
        {"id": "4", "method": "GET", "url": format!("/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq '{HELPDESK}'")},
    ]});
    let (status, out) = e.call(&t, "POST", "/v1.0/$batch", Some(body)).await;
    assert_eq!(status, 200, "{out}");
    let by_id = |id: &str| {
        out["responses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_id("1")["status"], 200);
    assert_eq!(by_id("2")["status"], 404);
    assert_eq!(by_id("3")["status"], 424);
    assert_collection(
        &by_id("4")["body"],
        "microsoft.graph.privilegedAccessGroupEligibilityScheduleInstance",
    );
    let too_many: Vec<_> = (0..21)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/me"}))
        .collect();
    let (status, _) = e
        .call(
            &t,
            "POST",
            "/v1.0/$batch",
            Some(json!({"requests": too_many})),
        )
        .await;
    assert_eq!(status, 400);
    let log = e.control("GET", "requests", None).await;
    assert!(log["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["inBatch"] == true));
}

#[tokio::test]
async fn faults_fire_as_asked_and_the_log_counts_calls() {
    let e = start().await;
    let t = e.sign_in(ALEX).await;
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "/v1.0/me", "kind": "throttle", "count": 1, "retryAfter": 0.5})),
    )
    .await;
    let res = e
        .http
        .get(format!("{}/v1.0/me", e.base))
        .bearer_auth(&t)
        .header("client-request-id", "abc")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "0.5");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "TooManyRequests");
    assert_eq!(body["error"]["innerError"]["client-request-id"], "abc");
    let (status, _) = e.call(&t, "GET", "/v1.0/me", None).await;
    assert_eq!(status, 200, "the fault fired once");
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "/v1.0/groups*", "kind": "error", "status": 503, "count": 1})),
    )
    .await;
    assert_eq!(e.call(&t, "GET", "/v1.0/groups", None).await.0, 503);
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "/v1.0/me", "kind": "drop", "count": 1})),
    )
    .await;
    let dropped = match e
        .http
        .get(format!("{}/v1.0/me", e.base))
        .bearer_auth(&t)
        .send()
        .await
    {
        Ok(r) => r.text().await.is_err(),
        Err(_) => true,
    };
    assert!(dropped, "the connection breaks");
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "/v1.0/me", "kind": "latency", "latencyMs": 150, "count": 1})),
    )
    .await;
    let started = std::time::Instant::now();
    assert_eq!(e.call(&t, "GET", "/v1.0/me", None).await.0, 200);
    assert!(started.elapsed().as_millis() >= 150);
    let log = e.control("GET", "requests", None).await;
    let me_calls = log["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["url"] == "/v1.0/me")
        .count();
    assert_eq!(me_calls, 4);
}

#[tokio::test]
async fn graph_answers_cors_without_exposing_retry_after() {
    let e = start().await;
    let res = e
        .http
        .request(reqwest::Method::OPTIONS, format!("{}/v1.0/me", e.base))
        .header("origin", APP)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(res.headers()["access-control-allow-origin"], APP);
    let allowed = res.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allowed.contains("consistencylevel") && allowed.contains("authorization"));
    assert!(!res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("retry-after"));
}

#[tokio::test]
async fn reset_returns_to_the_seeded_tenant() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    let body = json!({"displayName": "Temp", "mailEnabled": false, "mailNickname": "temp", "securityEnabled": true});
    assert_eq!(e.call(&t, "POST", "/v1.0/groups", Some(body)).await.0, 201);
    e.http
        .post(format!("{}/_emulator/reset", e.base))
        .header("x-emulator-control", "1")
        .send()
        .await
        .unwrap();
    let (_, groups) = e.call(&t, "GET", "/v1.0/groups?$top=999", None).await;
    assert_eq!(groups["value"].as_array().unwrap().len(), 11);
}

#[tokio::test]
async fn the_large_tenant_lists_a_thousand_groups_quickly() {
    let started = std::time::Instant::now();
    let tenant = Tenant::large(5_000, 2_000, 10_000);
    let e = start_with(Options {
        app_url: APP.into(),
        tenant,
        ..Options::default()
    })
    .await;
    let loaded = started.elapsed();
    let t = e.sign_in(MEGAN).await;
    let started = std::time::Instant::now();
    let (status, page) = e
        .call(
            &t,
            "GET",
            "/v1.0/groups?$top=999&$select=id,displayName",
            None,
        )
        .await;
    let took = started.elapsed();
    assert_eq!(status, 200);
    assert_eq!(page["value"].as_array().unwrap().len(), 999);
    println!(
        "large tenant: loaded in {} ms, 999 groups listed in {} ms",
        loaded.as_millis(),
        took.as_millis()
    );
}

#[tokio::test]
async fn count_needs_consistency_level_like_search() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    let (status, body) = e.call(&t, "GET", "/v1.0/users/$count", None).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (400, Some("$count is not currently supported."))
    );
    let (status, body) = e
        .call_with(
            &t,
            "GET",
            "/v1.0/groups/$count",
            None,
            &[("ConsistencyLevel", "eventual")],
        )
        .await;
    assert_eq!((status, body), (200, json!(11)));
}

#[tokio::test]
async fn a_tenant_file_loads() {
    let path = std::env::temp_dir().join(format!("tenant-{}.json", std::process::id()));
    let mut tenant = Tenant::demo();
    tenant.display_name = "Fabrikam".into();
    std::fs::write(&path, serde_json::to_string(&tenant).unwrap()).unwrap();
    let loaded = Tenant::load(path.to_str().unwrap()).unwrap();
    assert_eq!(loaded.display_name, "Fabrikam");
    assert_eq!(loaded.users.len(), tenant.users.len());
    assert!(Tenant::load("/no/such/file.json").is_err());
    let _ = std::fs::remove_file(path);
}
