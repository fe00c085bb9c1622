//! Access review reads as strict as Graph: a decision by id only for those who may see it,
//! `$count=true` answered with `@odata.count`, an instance PATCH taken like PUT, a single-stage
//! review's `stages` empty, and a method a resource does not take answered 405 with Graph's body.

mod support;
use serde_json::json;
use support::reviews::*;
use support::*;

#[tokio::test]
async fn review_reads_are_as_strict_and_as_complete_as_graph() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let def = create(&e, &megan, helpdesk_review(true, once())).await;
    let id = def["id"].as_str().unwrap();
    let inst = first_instance(&e, &megan, id).await;
    let inst = inst["id"].as_str().unwrap();
    let base = format!("{DEFS}/{id}/instances/{inst}");

    // Megan, who manages it, reads a decision by id; Lidia, who is only reviewed, does not.
    let (status, all) = e
        .call(
            &megan,
            "GET",
            &format!("{base}/decisions?$count=true"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{all}");
    let n = all["value"].as_array().unwrap().len();
    assert!(n > 0);
    assert_eq!(all["@odata.count"], json!(n), "$count=true is answered");
    let decision = format!(
        "{base}/decisions/{}",
        all["value"][0]["id"].as_str().unwrap()
    );
    assert_eq!(e.call(&megan, "GET", &decision, None).await.0, 200);
    let lidia = e.sign_in(LIDIA).await;
    let (status, refused) = e.call(&lidia, "GET", &decision, None).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "Authorization_RequestDenied");
    let (_, defs) = e
        .call(&megan, "GET", &format!("{DEFS}?$count=true"), None)
        .await;
    assert_eq!(
        defs["@odata.count"],
        json!(defs["value"].as_array().unwrap().len())
    );

    // A single-stage review has no stages.
    let (status, stages) = e.call(&megan, "GET", &format!("{base}/stages"), None).await;
    assert_eq!((status, &stages["value"]), (200, &json!([])), "{stages}");

    // PATCH adds a fallback reviewer as PUT would, keeping what it leaves out.
    let nestor = json!({"query": format!("/users/{NESTOR}"), "queryType": "MicrosoftGraph"});
    let megan_fallback = json!({"query": format!("/users/{MEGAN}"), "queryType": "MicrosoftGraph"});
    let (status, patched) = e
        .call(
            &megan,
            "PATCH",
            &base,
            Some(json!({"fallbackReviewers": [megan_fallback, nestor]})),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["fallbackReviewers"].as_array().unwrap().len(), 2);
    assert_eq!(
        patched["scope"], def["scope"],
        "the scope it left out is kept"
    );

    // A method the resource does not take: 405 with Graph's error body.
    let (status, body) = e
        .call(&megan, "DELETE", &format!("{base}/decisions"), None)
        .await;
    assert_eq!(status, 405, "{body}");
    assert!(body["error"]["code"].is_string(), "{body}");
    assert!(
        body["error"]["innerError"]["request-id"].is_string(),
        "{body}"
    );
}
